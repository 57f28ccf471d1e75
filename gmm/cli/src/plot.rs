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

#[cfg(test)]
mod tests {
    use super::*;

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
