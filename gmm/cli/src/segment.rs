//! The segmentation pipeline: foreground by a 1-D mixture on intensities, one seed per bright
//! blob, then an intensity-weighted 2-D full-covariance mixture over the foreground pixels.

use gmm::{CovarianceType, GaussianMixture, Progress};

use crate::image::GrayImage;

/// What the pipeline found.
pub struct Segmentation {
    /// Pixels at or above this intensity are foreground.
    pub threshold: f64,
    /// Foreground pixel coordinates as (x, y); their intensities were the sample weights.
    pub points: Vec<[f64; 2]>,
    /// The initial means: local intensity maxima.
    pub seeds: Vec<[f64; 2]>,
    pub model: GaussianMixture<f64>,
    /// Wall time of each EM iteration, in seconds.
    pub iteration_seconds: Vec<f64>,
}

/// Tuning of the pipeline, in pixels.
pub struct Settings {
    /// Radius of the box blur applied before looking for maxima (twice, close to a Gaussian).
    pub blur_radius: usize,
    /// Two seeds are at least this far apart.
    pub min_seed_distance: f64,
    pub max_iter: usize,
    pub tol: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            blur_radius: 2,
            min_seed_distance: 7.0,
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
    let (points, weights) = image.points_at_or_above(threshold);
    let seeds = local_maxima(image, threshold, settings);
    if seeds.is_empty() {
        return Err(format!(
            "no bright spot at or above the foreground threshold {threshold}: nothing to segment"
        ));
    }
    // Every initial parameter is given, so no k-means runs: equal weights, and a round
    // Gaussian of the seed spacing's size on every seed.
    let k = seeds.len();
    let precision = 1.0 / (settings.min_seed_distance * settings.min_seed_distance);
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
    let mut levels: Vec<f64> = image.pixels.clone();
    levels.sort_by(f64::total_cmp);
    let mut values: Vec<[f64; 1]> = Vec::new();
    let mut counts: Vec<f64> = Vec::new();
    for v in levels {
        match values.last() {
            Some(&[last]) if last == v => *counts.last_mut().expect("counted") += 1.0,
            _ => {
                values.push([v]);
                counts.push(1.0);
            }
        }
    }
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

/// Local maxima of the blurred image above `threshold`, strongest first, at least
/// `min_seed_distance` apart, as (x, y).
fn local_maxima(image: &GrayImage, threshold: f64, settings: &Settings) -> Vec<[f64; 2]> {
    let blurred = box_blur(&box_blur(image, settings.blur_radius), settings.blur_radius);
    let (w, h) = (image.width, image.height);
    let mut candidates: Vec<(f64, [f64; 2])> = Vec::new();
    for y in 1..h.saturating_sub(1) {
        for x in 1..w.saturating_sub(1) {
            let v = blurred.at(x, y);
            if v < threshold {
                continue;
            }
            let is_peak = (y - 1..=y + 1)
                .flat_map(|yy| (x - 1..=x + 1).map(move |xx| (xx, yy)))
                .all(|(xx, yy)| blurred.at(xx, yy) <= v);
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

/// Mean over a (2r+1)² window, clamped at the borders.
fn box_blur(image: &GrayImage, r: usize) -> GrayImage {
    let (w, h) = (image.width, image.height);
    let mut pixels = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let (y0, y1) = (y.saturating_sub(r), (y + r).min(h - 1));
            let (x0, x1) = (x.saturating_sub(r), (x + r).min(w - 1));
            let mut sum = 0.0;
            for yy in y0..=y1 {
                for xx in x0..=x1 {
                    sum += image.at(xx, yy);
                }
            }
            pixels[y * w + x] = sum / ((y1 - y0 + 1) * (x1 - x0 + 1)) as f64;
        }
    }
    GrayImage {
        width: w,
        height: h,
        pixels,
    }
}
