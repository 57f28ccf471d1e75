//! The segmentation pipeline: foreground by a 1-D mixture on intensities, one seed per blob
//! of nucleus size, then an intensity-weighted 2-D full-covariance mixture over the
//! foreground pixels.

use gmm::{CovarianceType, GaussianMixture, Progress};

use crate::image::GrayImage;
use crate::levels::Levels;

/// What the pipeline found.
pub struct Segmentation {
    /// Pixels whose neighbourhood averages at least this intensity are foreground.
    pub threshold: f64,
    /// Foreground pixel coordinates as (x, y); their intensities were the sample weights.
    pub points: Vec<[f64; 2]>,
    /// The initial means: maxima of the band-passed image.
    pub seeds: Vec<[f64; 2]>,
    pub model: GaussianMixture<f64>,
    /// Wall time of each EM iteration, in seconds.
    pub iteration_seconds: Vec<f64>,
}

/// Tuning of the pipeline, in pixels.
pub struct Settings {
    /// Radius of the box blur (applied twice, close to a Gaussian) that smooths the image
    /// before looking for maxima: about a third of a nucleus' radius.
    pub blur_radius: usize,
    /// Radius of the wider blur subtracted from the smoothed image (a difference of
    /// Gaussians): about a nucleus' radius. Subtracting it turns a dim nucleus on the
    /// shoulder of a bright neighbour into a maximum of its own.
    pub background_radius: usize,
    /// Two seeds are at least this far apart; half of it is the initial standard deviation
    /// of every component.
    pub min_seed_distance: f64,
    /// A pixel is foreground when the mean of the `(2r+1)²` window around it reaches the
    /// threshold: isolated bright noise pixels are not points.
    pub foreground_radius: usize,
    pub max_iter: usize,
    pub tol: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            blur_radius: 4,
            background_radius: 12,
            min_seed_distance: 10.0,
            foreground_radius: 2,
            max_iter: 200,
            tol: 1e-4,
        }
    }
}

/// Runs the pipeline; `on_iteration` sees every EM iteration of the 2-D fit.
pub fn segment(
    image: &GrayImage,
    settings: &Settings,
    mut on_iteration: impl FnMut(Progress<f64>, f64),
) -> Result<Segmentation, String> {
    let threshold = foreground_threshold(image).map_err(|e| e.to_string())?;
    let neighbourhood = box_blur(image, settings.foreground_radius);
    let mut points = Vec::new();
    let mut weights = Vec::new();
    for (i, (&v, &mean)) in image.pixels.iter().zip(&neighbourhood.pixels).enumerate() {
        if mean >= threshold && v > 0.0 {
            points.push([(i % image.width) as f64, (i / image.width) as f64]);
            weights.push(v);
        }
    }
    let seeds = local_maxima(image, threshold, settings);
    if seeds.is_empty() {
        return Err(format!(
            "no bright spot at or above the foreground threshold {threshold}: nothing to segment"
        ));
    }
    // Every initial parameter is given, so no k-means runs: equal weights, and a round
    // Gaussian of half the seed spacing on every seed. Wider starts let a component slide
    // onto its neighbour's nucleus and leave its own to a stretched one.
    let k = seeds.len();
    let initial_sd = settings.min_seed_distance / 2.0;
    let precision = 1.0 / (initial_sd * initial_sd);
    let precisions: Vec<f64> = (0..k)
        .flat_map(|_| [precision, 0.0, 0.0, precision])
        .collect();
    let params = GaussianMixture::params(k)
        .covariance_type(CovarianceType::Full)
        .weights_init(vec![1.0 / k as f64; k])
        .means_init(seeds.as_slice())
        .precisions_init(precisions)
        .max_iter(settings.max_iter)
        .tol(settings.tol)
        .check()
        .map_err(|e| e.to_string())?;
    let mut iteration_seconds = Vec::new();
    let mut last = std::time::Instant::now();
    let model = params
        .fit_with(points.as_slice(), Some(&weights), |progress| {
            let seconds = last.elapsed().as_secs_f64();
            iteration_seconds.push(seconds);
            on_iteration(progress, seconds);
            last = std::time::Instant::now();
        })
        .map_err(|e| format!("fit failed: {e}"))?;
    Ok(Segmentation {
        threshold,
        points,
        seeds,
        model,
        iteration_seconds,
    })
}

/// The lowest intensity that a two-component 1-D mixture over the histogram assigns to the
/// brighter component. The histogram's levels are the samples and their counts the weights.
pub fn foreground_threshold(image: &GrayImage) -> Result<f64, String> {
    let mut levels = Levels::default();
    levels.add(&image.pixels);
    threshold_of_levels(&levels.counts())
}

/// [`foreground_threshold`] from the levels of an image and their counts, ascending.
pub fn threshold_of_levels(levels: &[(f64, u64)]) -> Result<f64, String> {
    let values: Vec<[f64; 1]> = levels.iter().map(|&(v, _)| [v]).collect();
    let counts: Vec<f64> = levels.iter().map(|&(_, n)| n as f64).collect();
    if let [[level]] = values[..] {
        return Err(format!(
            "every pixel has intensity {level}: no foreground to tell from the background"
        ));
    }
    let model = GaussianMixture::params(2)
        .seed(0)
        .fit_weighted(values.as_slice(), &counts)
        .and_then(|m| Ok((m.predict(values.as_slice())?, m)))
        .map_err(|e| format!("cannot split the intensities in two: {e}"))?;
    let (labels, model) = model;
    let means = model.means();
    let bright = usize::from(means.data()[1] > means.data()[0]);
    Ok(values
        .iter()
        .zip(&labels)
        .find(|&(v, &l)| l == bright && v[0] > means.data()[1 - bright])
        .map_or(f64::INFINITY, |(v, _)| v[0]))
}

/// Maxima of the band-passed image (smoothed minus background) whose smoothed intensity
/// reaches `threshold`, strongest first, at least `min_seed_distance` apart, as (x, y).
fn local_maxima(image: &GrayImage, threshold: f64, settings: &Settings) -> Vec<[f64; 2]> {
    let twice = |r| box_blur(&box_blur(image, r), r);
    let smoothed = twice(settings.blur_radius);
    let background = twice(settings.background_radius);
    let (w, h) = (image.width, image.height);
    let band = |x: usize, y: usize| smoothed.at(x, y) - background.at(x, y);
    let mut candidates: Vec<(f64, [f64; 2])> = Vec::new();
    for y in 0..h {
        for x in 0..w {
            if smoothed.at(x, y) < threshold {
                continue;
            }
            let v = band(x, y);
            // border pixels are compared with their neighbours inside the image
            let is_peak = (y.saturating_sub(1)..=(y + 1).min(h - 1))
                .flat_map(|yy| (x.saturating_sub(1)..=(x + 1).min(w - 1)).map(move |xx| (xx, yy)))
                .all(|(xx, yy)| band(xx, yy) <= v);
            if is_peak {
                candidates.push((v, [x as f64, y as f64]));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let min_sq = settings.min_seed_distance * settings.min_seed_distance;
    let mut seeds: Vec<[f64; 2]> = Vec::new();
    for (_, p) in candidates {
        if seeds
            .iter()
            .all(|s| (s[0] - p[0]).powi(2) + (s[1] - p[1]).powi(2) >= min_sq)
        {
            seeds.push(p);
        }
    }
    seeds
}

/// Mean over a (2r+1)² window, clamped at the borders: the mean over rows of the mean
/// over columns, each a running sum, so the cost does not grow with `r`. Ours rather than
/// imageproc's `box_filter`, which takes 8-bit images only (these are `f64`, from 16-bit and
/// float TIFFs too) and pads the border where this window shrinks at it.
fn box_blur(image: &GrayImage, r: usize) -> GrayImage {
    let (w, h) = (image.width, image.height);
    let mut rows = vec![0.0; w * h];
    for (line, out) in image.pixels.chunks_exact(w).zip(rows.chunks_exact_mut(w)) {
        line_mean(line, r, out);
    }
    let mut pixels = vec![0.0; w * h];
    let (mut column, mut mean) = (vec![0.0; h], vec![0.0; h]);
    for x in 0..w {
        for (y, v) in column.iter_mut().enumerate() {
            *v = rows[y * w + x];
        }
        line_mean(&column, r, &mut mean);
        for (y, &v) in mean.iter().enumerate() {
            pixels[y * w + x] = v;
        }
    }
    GrayImage {
        width: w,
        height: h,
        pixels,
    }
}

/// `out[i]` = the mean of `line[i - r ..= i + r]`, clamped to the line.
fn line_mean(line: &[f64], r: usize, out: &mut [f64]) {
    let mut prefix = Vec::with_capacity(line.len() + 1);
    prefix.push(0.0);
    for &v in line {
        prefix.push(prefix[prefix.len() - 1] + v);
    }
    for (i, o) in out.iter_mut().enumerate() {
        let (lo, hi) = (i.saturating_sub(r), (i + r + 1).min(line.len()));
        *o = (prefix[hi] - prefix[lo]) / (hi - lo) as f64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_blur_is_the_clamped_window_mean() {
        let image = GrayImage {
            width: 4,
            height: 3,
            pixels: (0..12).map(f64::from).collect(),
        };
        let blurred = box_blur(&image, 1);
        // corner: mean of the 2 x 2 window {0, 1, 4, 5}
        assert!((blurred.at(0, 0) - 2.5).abs() < 1e-12);
        // inside: mean of the 3 x 3 window around 5
        assert!((blurred.at(1, 1) - 5.0).abs() < 1e-12);
        // right edge, middle row: {2, 3, 6, 7, 10, 11}
        assert!((blurred.at(3, 1) - 6.5).abs() < 1e-12);
    }
}
