//! The lower bound against the EM iteration as a PNG, drawn pixel by pixel with a built-in
//! 5x7 bitmap font, so it needs no system font wherever it runs.

use crate::output::encode_png;

const WIDTH: usize = 800;
const HEIGHT: usize = 500;
/// The plot area: left, top, right, bottom edges in pixels.
const AREA: [usize; 4] = [120, 60, 770, 430];
/// Every glyph pixel is drawn as a `SCALE x SCALE` square.
const SCALE: usize = 2;

const BLACK: [u8; 3] = [0, 0, 0];
const GRID: [u8; 3] = [225, 225, 225];
const LINE: [u8; 3] = [31, 119, 180];

/// A white RGB canvas.
struct Canvas {
    rgb: Vec<u8>,
}

impl Canvas {
    fn set(&mut self, x: i64, y: i64, colour: [u8; 3]) {
        if (0..WIDTH as i64).contains(&x) && (0..HEIGHT as i64).contains(&y) {
            let at = 3 * (y as usize * WIDTH + x as usize);
            self.rgb[at..at + 3].copy_from_slice(&colour);
        }
    }

    fn rect(&mut self, x0: i64, y0: i64, x1: i64, y1: i64, colour: [u8; 3]) {
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.set(x, y, colour);
            }
        }
    }

    /// A line `width` pixels thick, one square per step along its longer extent.
    fn line(&mut self, from: (f64, f64), to: (f64, f64), width: i64, colour: [u8; 3]) {
        let steps = (to.0 - from.0)
            .abs()
            .max((to.1 - from.1).abs())
            .ceil()
            .max(1.0) as usize;
        for s in 0..=steps {
            let t = s as f64 / steps as f64;
            let x = (from.0 + t * (to.0 - from.0)).round() as i64;
            let y = (from.1 + t * (to.1 - from.1)).round() as i64;
            self.rect(x, y, x + width - 1, y + width - 1, colour);
        }
    }

    /// Text with its top-left corner at (x, y).
    fn text(&mut self, x: i64, y: i64, text: &str) {
        for (i, c) in text.chars().enumerate() {
            let left = x + (i * 6 * SCALE) as i64;
            for (row, bits) in glyph(c).iter().enumerate() {
                for (col, bit) in bits.bytes().enumerate() {
                    if bit == b'#' {
                        let (px, py) = (left + (col * SCALE) as i64, y + (row * SCALE) as i64);
                        self.rect(px, py, px + SCALE as i64 - 1, py + SCALE as i64 - 1, BLACK);
                    }
                }
            }
        }
    }
}

/// The width in pixels of `text` drawn by [`Canvas::text`].
fn text_width(text: &str) -> i64 {
    (text.chars().count() * 6 * SCALE) as i64 - SCALE as i64
}

/// Tick values covering `[lo, hi]` at a step of 1, 2 or 5 times a power of ten, and the
/// number of decimals that step needs.
fn ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, usize) {
    let raw = (hi - lo) / target as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * power);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    ((first..=last).map(|i| i as f64 * step).collect(), decimals)
}

/// The lower bound of every EM iteration (`history[i]` at iteration `i + 1`) as a PNG.
pub fn lower_bound_png(history: &[f64]) -> Result<Vec<u8>, String> {
    let mut canvas = Canvas {
        rgb: vec![255; WIDTH * HEIGHT * 3],
    };
    let [left, top, right, bottom] = AREA.map(|v| v as f64);
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

    let (y_ticks, decimals) = ticks(lo, hi, 6);
    for &v in &y_ticks {
        let y = to_y(v);
        canvas.line((left, y), (right, y), 1, GRID);
        let label = format!("{v:.decimals$}");
        canvas.text(left as i64 - 10 - text_width(&label), y as i64 - 7, &label);
    }
    let (x_ticks, _) = ticks(1.0, n, 8);
    for &i in x_ticks.iter().filter(|&&i| i >= 1.0 && i.fract() == 0.0) {
        let x = to_x(i);
        canvas.line((x, top), (x, bottom), 1, GRID);
        let label = format!("{i:.0}");
        canvas.text(
            x as i64 - text_width(&label) / 2,
            bottom as i64 + 10,
            &label,
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
    canvas.text((WIDTH as i64 - text_width(title)) / 2, 18, title);
    let x_label = "iteration";
    let centre = (left + right) as i64 / 2;
    canvas.text(
        centre - text_width(x_label) / 2,
        HEIGHT as i64 - 34,
        x_label,
    );
    encode_png(
        WIDTH,
        HEIGHT,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        &canvas.rgb,
    )
}

/// The 5x7 glyph of `c` (`#` is ink); a blank for characters the plot never writes.
fn glyph(c: char) -> [&'static str; 7] {
    match c {
        '0' => [
            ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.",
        ],
        '1' => [
            "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        '2' => [
            ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",
        ],
        '3' => [
            "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.",
        ],
        '4' => [
            "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.",
        ],
        '5' => [
            "#####", "#....", "####.", "....#", "....#", "#...#", ".###.",
        ],
        '6' => [
            "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.",
        ],
        '7' => [
            "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...",
        ],
        '8' => [
            ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.",
        ],
        '9' => [
            ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..",
        ],
        '-' => [
            ".....", ".....", ".....", ".####", ".....", ".....", ".....",
        ],
        '.' => [
            ".....", ".....", ".....", ".....", ".....", ".##..", ".##..",
        ],
        '(' => [
            "...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#.",
        ],
        ')' => [
            ".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#...",
        ],
        'a' => [
            ".....", ".....", ".###.", "....#", ".####", "#...#", ".####",
        ],
        'b' => [
            "#....", "#....", "#.##.", "##..#", "#...#", "#...#", "####.",
        ],
        'd' => [
            "....#", "....#", ".##.#", "#..##", "#...#", "#...#", ".####",
        ],
        'e' => [
            ".....", ".....", ".###.", "#...#", "#####", "#....", ".###.",
        ],
        'g' => [
            ".....", ".####", "#...#", "#...#", ".####", "....#", ".###.",
        ],
        'h' => [
            "#....", "#....", "#.##.", "##..#", "#...#", "#...#", "#...#",
        ],
        'i' => [
            "..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###.",
        ],
        'k' => [
            "#....", "#....", "#..#.", "#.#..", "##...", "#.#..", "#..#.",
        ],
        'l' => [
            ".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        'm' => [
            ".....", ".....", "##.#.", "#.#.#", "#.#.#", "#...#", "#...#",
        ],
        'n' => [
            ".....", ".....", "#.##.", "##..#", "#...#", "#...#", "#...#",
        ],
        'o' => [
            ".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###.",
        ],
        'p' => [
            ".....", ".....", "####.", "#...#", "####.", "#....", "#....",
        ],
        'r' => [
            ".....", ".....", "#.##.", "##..#", "#....", "#....", "#....",
        ],
        't' => [
            ".#...", ".#...", "###..", ".#...", ".#...", ".#..#", "..##.",
        ],
        'u' => [
            ".....", ".....", "#...#", "#...#", "#...#", "#..##", ".##.#",
        ],
        'w' => [
            ".....", ".....", "#...#", "#...#", "#.#.#", "#.#.#", ".#.#.",
        ],
        'E' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#####",
        ],
        'M' => [
            "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#",
        ],
        _ => ["....."; 7],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        let (t, decimals) = ticks(-11.33, -11.27, 6);
        assert_eq!(decimals, 2);
        assert!((3..=7).contains(&t.len()), "{t:?}");
        assert!(t.iter().all(|&v| (-11.33..=-11.27).contains(&v)));
        assert_eq!(
            ticks(1.0, 37.0, 8).0,
            [5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0]
        );
    }

    #[test]
    fn every_character_the_plot_writes_has_a_glyph() {
        let text = "lower bound (mean log-likelihood) per EM iteration 0123456789-.";
        assert!(
            text.chars()
                .filter(|&c| c != ' ')
                .all(|c| glyph(c) != ["....."; 7])
        );
    }

    #[test]
    fn the_plot_is_a_png_of_its_size_and_draws_the_curve() {
        let bytes = lower_bound_png(&[-12.0, -11.5, -11.3, -11.29]).unwrap();
        let decoded = crate::image::decode_png(&bytes).unwrap();
        assert_eq!((decoded.width, decoded.height), (WIDTH, HEIGHT));
        // the last point sits at the right edge of the plot area, in the curve's colour
        let mean_of_line = (31.0 + 119.0 + 180.0) / 3.0;
        let x = AREA[2];
        let ys = AREA[1]..AREA[3];
        assert!(ys.into_iter().any(|y| decoded.at(x, y) == mean_of_line));
        assert!(lower_bound_png(&[]).is_ok());
        assert!(lower_bound_png(&[-1.0]).is_ok());
    }
}
