//! The lower bound against the EM iteration as a PNG, drawn with `gmm-plot` (a built-in 5x7
//! bitmap font, so it needs no system font wherever it runs).

use gmm_plot::{BLACK, Canvas, LINE_HEIGHT, Rgb, linear_ticks, text_width};

const WIDTH: u32 = 800;
const HEIGHT: u32 = 500;
/// The plot area: left, top, right, bottom edges in pixels.
const AREA: [u32; 4] = [120, 60, 770, 430];

const GRID: Rgb = [225, 225, 225];
const LINE: Rgb = [31, 119, 180];

/// The lower bound of every EM iteration (`history[i]` at iteration `i + 1`) as a PNG.
pub fn lower_bound_png(history: &[f64]) -> Result<Vec<u8>, String> {
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    let [left, top, right, bottom] = AREA.map(f64::from);
    let finite: Vec<f64> = history.iter().copied().filter(|v| v.is_finite()).collect();
    let (mut lo, mut hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if finite.is_empty() {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.05).max(lo.abs().max(1.0) * 1e-9);
    (lo, hi) = (lo - pad, hi + pad);
    let n = history.len().max(2) as f64;
    let to_x = |iteration: f64| left + (iteration - 1.0) / (n - 1.0) * (right - left);
    let to_y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);

    let y_ticks = linear_ticks(lo, hi, 6);
    for &v in &y_ticks.values {
        let y = to_y(v);
        canvas.line((left, y), (right, y), 1, GRID);
        let label = format!("{v:.*}", y_ticks.decimals);
        canvas.text(
            left as i64 - 10 - text_width(&label),
            y as i64 - LINE_HEIGHT / 2,
            &label,
            BLACK,
        );
    }
    let x_ticks = linear_ticks(1.0, n, 8).values;
    for &i in x_ticks.iter().filter(|&&i| i >= 1.0 && i.fract() == 0.0) {
        let x = to_x(i);
        canvas.line((x, top), (x, bottom), 1, GRID);
        let label = format!("{i:.0}");
        canvas.text(
            x as i64 - text_width(&label) / 2,
            bottom as i64 + 10,
            &label,
            BLACK,
        );
    }
    canvas.line((left, top), (left, bottom), 2, BLACK);
    canvas.line((left, bottom), (right, bottom), 2, BLACK);

    let points: Vec<(f64, f64)> = history
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(i, &v)| (to_x(i as f64 + 1.0), to_y(v)))
        .collect();
    for pair in points.windows(2) {
        canvas.line(pair[0], pair[1], 2, LINE);
    }
    for &(x, y) in &points {
        canvas.rect(x as i64 - 2, y as i64 - 2, x as i64 + 2, y as i64 + 2, LINE);
    }

    let title = "lower bound (mean log-likelihood) per EM iteration";
    canvas.text((i64::from(WIDTH) - text_width(title)) / 2, 18, title, BLACK);
    let x_label = "iteration";
    let centre = (left + right) as i64 / 2;
    canvas.text(
        centre - text_width(x_label) / 2,
        i64::from(HEIGHT) - 34,
        x_label,
        BLACK,
    );
    canvas
        .to_png()
        .map_err(|e| format!("cannot encode the plot: {e}"))
}

/// The colours of the criterion plot's lines, one per covariance type (matplotlib's first
/// four).
const SERIES: [Rgb; 4] = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40]];

/// A model-selection criterion against the number of components as a PNG: one line per
/// named series of `(k, value)` points, with a legend.
pub fn criterion_png(
    series: &[(String, Vec<(f64, f64)>)],
    criterion: &str,
) -> Result<Vec<u8>, String> {
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    let [left, top, right, bottom] = AREA.map(f64::from);
    let points = series
        .iter()
        .flat_map(|(_, p)| p.iter())
        .filter(|(_, v)| v.is_finite());
    let (mut k_lo, mut k_hi, mut lo, mut hi) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for &(k, v) in points {
        (k_lo, k_hi, lo, hi) = (k_lo.min(k), k_hi.max(k), lo.min(v), hi.max(v));
    }
    if !lo.is_finite() {
        (k_lo, k_hi, lo, hi) = (1.0, 2.0, 0.0, 1.0);
    }
    if k_hi <= k_lo {
        (k_lo, k_hi) = (k_lo - 1.0, k_hi + 1.0);
    }
    let pad = ((hi - lo) * 0.05).max(lo.abs().max(1.0) * 1e-9);
    (lo, hi) = (lo - pad, hi + pad);
    let to_x = |k: f64| left + (k - k_lo) / (k_hi - k_lo) * (right - left);
    let to_y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);

    let y_ticks = linear_ticks(lo, hi, 6);
    for &v in &y_ticks.values {
        let y = to_y(v);
        canvas.line((left, y), (right, y), 1, GRID);
        let label = format!("{v:.*}", y_ticks.decimals);
        canvas.text(
            left as i64 - 10 - text_width(&label),
            y as i64 - LINE_HEIGHT / 2,
            &label,
            BLACK,
        );
    }
    for &k in linear_ticks(k_lo, k_hi, 10)
        .values
        .iter()
        .filter(|k| k.fract() == 0.0)
    {
        let x = to_x(k);
        canvas.line((x, top), (x, bottom), 1, GRID);
        let label = format!("{k:.0}");
        canvas.text(
            x as i64 - text_width(&label) / 2,
            bottom as i64 + 10,
            &label,
            BLACK,
        );
    }
    canvas.line((left, top), (left, bottom), 2, BLACK);
    canvas.line((left, bottom), (right, bottom), 2, BLACK);

    for (i, (name, points)) in series.iter().enumerate() {
        let colour = SERIES[i % SERIES.len()];
        let drawn: Vec<(f64, f64)> = points
            .iter()
            .filter(|(_, v)| v.is_finite())
            .map(|&(k, v)| (to_x(k), to_y(v)))
            .collect();
        for pair in drawn.windows(2) {
            canvas.line(pair[0], pair[1], 2, colour);
        }
        for &(x, y) in &drawn {
            canvas.rect(
                x as i64 - 3,
                y as i64 - 3,
                x as i64 + 3,
                y as i64 + 3,
                colour,
            );
        }
        // The legend, top right, one entry per line.
        let entry_y = top as i64 + 10 + i as i64 * (LINE_HEIGHT + 8);
        // Capitals: the bitmap font has every capital but J, Q and Z, not every small letter.
        let name = name.to_uppercase();
        let entry_x = right as i64 - 20 - text_width(&name);
        canvas.rect(
            entry_x - 26,
            entry_y + 2,
            entry_x - 8,
            entry_y + LINE_HEIGHT - 3,
            colour,
        );
        canvas.text(entry_x, entry_y, &name, BLACK);
    }

    let title = format!(
        "{} AGAINST THE NUMBER OF COMPONENTS (LOWER IS BETTER)",
        criterion.to_uppercase()
    );
    canvas.text(
        (i64::from(WIDTH) - text_width(&title)) / 2,
        18,
        &title,
        BLACK,
    );
    let x_label = "COMPONENTS K";
    let centre = (left + right) as i64 / 2;
    canvas.text(
        centre - text_width(x_label) / 2,
        i64::from(HEIGHT) - 34,
        x_label,
        BLACK,
    );
    canvas
        .to_png()
        .map_err(|e| format!("cannot encode the plot: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_criterion_plot_draws_one_coloured_line_per_series() {
        let series = vec![
            (
                "full".to_string(),
                vec![(1.0, 900.0), (2.0, 700.0), (3.0, 720.0)],
            ),
            (
                "spherical".to_string(),
                vec![(1.0, 950.0), (2.0, 800.0), (3.0, f64::NAN)],
            ),
        ];
        let png = criterion_png(&series, "bic").unwrap();
        let decoded = crate::image::decode_png(&png).unwrap();
        assert_eq!(
            (decoded.width, decoded.height),
            (WIDTH as usize, HEIGHT as usize)
        );
        // k = 1 sits at the left edge of the plot area; both series have a marker there.
        let x = AREA[0] as usize + 2;
        let ys = || AREA[1] as usize..AREA[3] as usize;
        for colour in &SERIES[..2] {
            let grey = colour.iter().map(|&c| f64::from(c)).sum::<f64>() / 3.0;
            assert!(ys().any(|y| decoded.at(x, y) == grey), "{colour:?}");
        }
        assert!(criterion_png(&[], "icl").is_ok());
        let text = "BIC ICL AGAINST THE NUMBER OF COMPONENTS (LOWER IS BETTER) COMPONENTS K FULL TIED DIAG SPHERICAL";
        assert!(text.chars().filter(|&c| c != ' ').all(gmm_plot::has_glyph));
    }

    #[test]
    fn every_character_the_plot_writes_has_a_glyph() {
        let text = "lower bound (mean log-likelihood) per EM iteration 0123456789-.";
        assert!(text.chars().filter(|&c| c != ' ').all(gmm_plot::has_glyph));
    }

    #[test]
    fn the_plot_is_a_png_of_its_size_and_draws_the_curve() {
        let bytes = lower_bound_png(&[-12.0, -11.5, -11.3, -11.29]).unwrap();
        let decoded = crate::image::decode_png(&bytes).unwrap();
        assert_eq!(
            (decoded.width, decoded.height),
            (WIDTH as usize, HEIGHT as usize)
        );
        // the last point sits at the right edge of the plot area, in the curve's colour
        let mean_of_line = (31.0 + 119.0 + 180.0) / 3.0;
        let x = AREA[2] as usize;
        let ys = AREA[1] as usize..AREA[3] as usize;
        assert!(ys.into_iter().any(|y| decoded.at(x, y) == mean_of_line));
        assert!(lower_bound_png(&[]).is_ok());
        assert!(lower_bound_png(&[-1.0]).is_ok());
    }
}
