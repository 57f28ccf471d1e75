//! The pictures the commands draw, as PNG bytes, through plotters (`gmm-plot`, whose embedded
//! font means no system font is needed wherever they are drawn): the segmentation overlay, the
//! lower bound against the EM iteration and a selection criterion against `k`.

use gmm::GaussianMixture;
use gmm_plot::plotters::prelude::*;
use gmm_plot::{Area, FONT, PALETTE, legend, line_with_markers};

use crate::image::GrayImage;

/// The size of the line charts.
const CHART: (u32, u32) = (800, 500);

/// One named line of a chart: `(x, y)` points, those with a non-finite `y` left out.
struct Line<'a> {
    name: &'a str,
    points: Vec<(usize, f64)>,
}

/// The labels of a chart, and the corner of its legend (one the lines keep clear of).
struct Labels<'a> {
    title: &'a str,
    x: &'a str,
    y: &'a str,
    legend: SeriesLabelPosition,
}

/// The lower bound of every EM iteration (`history[i]` at iteration `i + 1`) as a PNG.
pub fn lower_bound_png(history: &[f64]) -> Result<Vec<u8>, String> {
    let points = (1..).zip(history.iter().copied()).collect();
    let line = Line {
        name: "lower bound",
        points,
    };
    let labels = Labels {
        title: "EM lower bound per iteration",
        x: "EM iteration",
        y: "mean log-likelihood per unit weight (nats)",
        legend: SeriesLabelPosition::LowerRight,
    };
    line_chart(&labels, &[line])
}

/// A model-selection criterion against the number of components as a PNG: one line per
/// named series of `(k, value)` points, with a legend.
pub fn criterion_png(
    series: &[(String, Vec<(usize, f64)>)],
    criterion: &str,
) -> Result<Vec<u8>, String> {
    let upper = criterion.to_uppercase();
    let lines: Vec<Line> = series
        .iter()
        .map(|(name, points)| Line {
            name,
            points: points.clone(),
        })
        .collect();
    let title = format!("{upper} against the number of components (lower is better)");
    let y = format!("{upper} (nats)");
    let labels = Labels {
        title: &title,
        x: "number of components k",
        y: &y,
        legend: SeriesLabelPosition::UpperRight,
    };
    line_chart(&labels, &lines)
}

/// Lines with markers over integer `x`, a grid, axis labels and a legend.
fn line_chart(labels: &Labels, lines: &[Line]) -> Result<Vec<u8>, String> {
    let finite = || {
        lines
            .iter()
            .flat_map(|l| l.points.iter())
            .filter(|(_, y)| y.is_finite())
    };
    let (x_lo, x_hi) = finite().fold((usize::MAX, 0), |(lo, hi), &(x, _)| (lo.min(x), hi.max(x)));
    let (x_lo, x_hi) = if x_lo > x_hi {
        (1, 2)
    } else {
        (x_lo, x_hi.max(x_lo + 1))
    };
    let (lo, hi) = finite().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, y)| {
        (lo.min(y), hi.max(y))
    });
    let (lo, hi) = if lo > hi { (0.0, 1.0) } else { (lo, hi) };
    let pad = ((hi - lo) * 0.05).max(lo.abs().max(1.0) * 1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    gmm_plot::png(CHART.0, CHART.1, |root: &Area| {
        let mut chart = ChartBuilder::on(root)
            .caption(labels.title, (FONT, 20))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(85)
            .build_cartesian_2d(x_lo..x_hi, lo..hi)?;
        chart
            .configure_mesh()
            .x_desc(labels.x)
            .y_desc(labels.y)
            .x_labels(10)
            .y_labels(8)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 15))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(225, 225, 225))
            .draw()?;
        for (line, &colour) in lines.iter().zip(PALETTE.iter().cycle()) {
            let points = line.points.iter().copied().filter(|(_, y)| y.is_finite());
            line_with_markers(&mut chart, line.name, points, colour, 2)?;
        }
        legend(&mut chart, labels.legend.clone())?;
        Ok(())
    })
    .map_err(|e| format!("cannot draw the plot: {e}"))
}

/// The overlay's colours: the centres and the ellipses.
const CENTRE: RGBColor = RGBColor(255, 40, 40);
const ELLIPSE: RGBColor = RGBColor(255, 200, 0);

/// The overlay's margins around the image, in pixels: left (the y axis), top (the title),
/// right, bottom (the x axis and the legend).
const MARGINS: [u32; 4] = [60, 40, 20, 90];

/// The image in gray with each component's centre and 2-sigma ellipse in colour, in pixel
/// coordinates, with a title, axes and a legend. Images up to 512 pixels a side are drawn at
/// twice their size.
pub fn fit_overlay(image: &GrayImage, model: &GaussianMixture<f64>) -> Result<Vec<u8>, String> {
    let scale = if image.width.max(image.height) <= 512 {
        2
    } else {
        1
    };
    let too_large = || "the image is too large to draw".to_string();
    let (w, h) = (image.width * scale, image.height * scale);
    let [left, top, right, bottom] = MARGINS;
    let width = u32::try_from(w)
        .ok()
        .and_then(|w| w.checked_add(left + right))
        .ok_or_else(too_large)?;
    let height = u32::try_from(h)
        .ok()
        .and_then(|h| h.checked_add(top + bottom))
        .ok_or_else(too_large)?;
    // The image is painted into the buffer where the chart's plotting area will be, so that a
    // large image is held once.
    let mut rgb = vec![255u8; width as usize * height as usize * 3];
    let max = image.pixels.iter().copied().fold(1.0, f64::max);
    for y in 0..h {
        let row = &mut rgb[3 * ((top as usize + y) * width as usize + left as usize)..][..3 * w];
        for (x, pixel) in row.chunks_exact_mut(3).enumerate() {
            let g = (image.at(x / scale, y / scale) / max * 255.0).round() as u8;
            pixel.copy_from_slice(&[g, g, g]);
        }
    }
    let k = model.n_components();
    gmm_plot::png_over(rgb, width, height, |root: &Area| {
        let title = format!("{k} components: centres and 2-sigma ellipses");
        root.draw(&Text::new(title, (left as i32, 12), (FONT, 18)))?;
        let (iw, ih) = (image.width as f64, image.height as f64);
        // Pixel (x, y) covers [x - 0.5, x + 0.5]; y grows downwards, as in the image.
        let mut chart = ChartBuilder::on(root)
            .margin_top(top)
            .margin_right(right)
            .margin_bottom(bottom - 45)
            .x_label_area_size(45)
            .y_label_area_size(left)
            .build_cartesian_2d(-0.5..iw - 0.5, ih - 0.5..-0.5)?;
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        if (xs.start, ys.start) != (left as i32, top as i32) {
            return Err(format!("the plotting area starts at {xs:?} x {ys:?}").into());
        }
        chart
            .configure_mesh()
            .disable_mesh()
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .x_desc("x (pixels)")
            .y_desc("y (pixels)")
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .draw()?;
        let means = model.means();
        let components = (0..k).map(|c| {
            let mean = (means.data()[2 * c], means.data()[2 * c + 1]);
            let cov = model.covariance_matrix(c);
            (mean, [cov[[0, 0]], cov[[0, 1]], cov[[1, 1]]])
        });
        let stroke = scale as u32;
        chart.draw_series(components.clone().map(|(mean, cov)| {
            PathElement::new(two_sigma_ellipse(mean, cov), ELLIPSE.stroke_width(stroke))
        }))?;
        let centre = CENTRE.stroke_width(stroke);
        chart.draw_series(components.flat_map(|((x, y), _)| {
            plus(x, y, 2.0).map(|stroke| PathElement::new(stroke, centre))
        }))?;
        // The legend, under the x axis's label.
        let y = (top + h as u32 + 70) as i32;
        let x = left as i32;
        for stroke in plus(x + 10, y, 4) {
            root.draw(&PathElement::new(stroke, CENTRE.stroke_width(2)))?;
        }
        root.draw(&Text::new(
            "centre (component mean)",
            (x + 24, y - 8),
            (FONT, 14),
        ))?;
        root.draw(&Circle::new((x + 230, y), 8, ELLIPSE.stroke_width(2)))?;
        let ellipse = "2-sigma ellipse (covariance, 86% of the component's weight)";
        root.draw(&Text::new(ellipse, (x + 246, y - 8), (FONT, 14)))?;
        Ok(())
    })
    .map_err(|e| format!("cannot draw the overlay: {e}"))
}

/// The two strokes of a `+` of arms `arm` long at `(x, y)`.
fn plus<T>(x: T, y: T, arm: T) -> [[(T, T); 2]; 2]
where
    T: Copy + std::ops::Add<Output = T> + std::ops::Sub<Output = T>,
{
    [[(x - arm, y), (x + arm, y)], [(x, y - arm), (x, y + arm)]]
}

/// 361 points of the ellipse two standard deviations from `mean` for the 2 x 2 covariance
/// `[var x, cov xy, var y]`, from its eigen-decomposition.
fn two_sigma_ellipse(mean: (f64, f64), [a, b, d]: [f64; 3]) -> Vec<(f64, f64)> {
    let mean_eig = (a + d) / 2.0;
    let spread = (((a - d) / 2.0).powi(2) + b * b).sqrt();
    let (l1, l2) = (mean_eig + spread, (mean_eig - spread).max(0.0));
    let angle = 0.5 * (2.0 * b).atan2(a - d);
    let (cos, sin) = (angle.cos(), angle.sin());
    (0..=360)
        .map(|s| {
            let t = f64::from(s).to_radians();
            let (u, v) = (2.0 * l1.sqrt() * t.cos(), 2.0 * l2.sqrt() * t.sin());
            (mean.0 + u * cos - v * sin, mean.1 + u * sin + v * cos)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The size and the RGB pixels of a PNG.
    fn decode(bytes: &[u8]) -> ((u32, u32), Vec<[u8; 3]>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut rgb = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut rgb).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        let pixels = rgb[..info.buffer_size()]
            .chunks_exact(3)
            .map(|p| [p[0], p[1], p[2]])
            .collect();
        ((info.width, info.height), pixels)
    }

    fn count(pixels: &[[u8; 3]], colour: RGBColor) -> usize {
        pixels
            .iter()
            .filter(|p| **p == [colour.0, colour.1, colour.2])
            .count()
    }

    #[test]
    fn the_criterion_plot_draws_one_coloured_line_per_series() {
        let series = vec![
            ("full".to_string(), vec![(1, 900.0), (2, 700.0), (3, 720.0)]),
            (
                "spherical".to_string(),
                vec![(1, 950.0), (2, 800.0), (3, f64::NAN)],
            ),
        ];
        let (size, pixels) = decode(&criterion_png(&series, "bic").unwrap());
        assert_eq!(size, CHART);
        for colour in &PALETTE[..2] {
            assert!(count(&pixels, *colour) > 200, "{colour:?}");
        }
        assert_eq!(count(&pixels, PALETTE[2]), 0);
        assert!(criterion_png(&[], "icl").is_ok());
    }

    #[test]
    fn the_lower_bound_plot_is_a_png_of_its_size_and_draws_the_curve() {
        let (size, pixels) = decode(&lower_bound_png(&[-12.0, -11.5, -11.3, -11.29]).unwrap());
        assert_eq!(size, CHART);
        assert!(count(&pixels, PALETTE[0]) > 500);
        assert!(lower_bound_png(&[]).is_ok());
        assert!(lower_bound_png(&[-1.0]).is_ok());
        assert!(lower_bound_png(&[f64::NAN, -1.0, f64::NEG_INFINITY]).is_ok());
    }

    #[test]
    fn the_overlay_is_the_image_with_an_ellipse_around_each_centre() {
        let (width, height) = (40, 30);
        let pixels = (0..width * height).map(|i| (i % 7) as f64).collect();
        let image = GrayImage {
            width,
            height,
            pixels,
        };
        let model = GaussianMixture::<f64>::from_parameters(
            gmm::CovarianceType::Full,
            &[1.0],
            &[[20.0, 12.0]],
            &[9.0, 0.0, 0.0, 4.0],
        )
        .unwrap();
        let ((w, h), rgb) = decode(&fit_overlay(&image, &model).unwrap());
        let [left, top, right, bottom] = MARGINS;
        assert_eq!((w, h), (2 * 40 + left + right, 2 * 30 + top + bottom));
        let at = |x: u32, y: u32| rgb[(y * w + x) as usize];
        // The image at twice its size: pixel (3, 0) (value 3 of 6) and its copies.
        let grey = (3.0f64 / 6.0 * 255.0).round() as u8;
        assert_eq!(at(left + 6, top), [grey; 3]);
        assert_eq!(at(left + 7, top + 1), [grey; 3]);
        // The centre (20, 12) and the ellipse 2 sigma = 6 pixels to its right.
        assert_eq!(at(left + 40, top + 24), [CENTRE.0, CENTRE.1, CENTRE.2]);
        let row = (left + 48..left + 56).map(|x| at(x, top + 24));
        assert!(
            row.clone().any(|p| p == [ELLIPSE.0, ELLIPSE.1, ELLIPSE.2]),
            "{:?}",
            row.collect::<Vec<_>>()
        );
    }
}
