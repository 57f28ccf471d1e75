//! The cost of one full-covariance EM iteration as the work grows: `n` from 1e3 to 1e6 at
//! `k = 50`, and `k` from 1 to 200 at `n = 130,000`, on one thread and on every core, printed
//! as a Markdown table and drawn as a log-log plot (PNG, drawn here: no font or plotting
//! library needed).
//!
//! ```sh
//! cargo run --release -p gmm --example scaling -- docs/scaling.png
//! ```
//!
//! With a directory as a second argument, it also writes the bench's problem at
//! `n = 130,000`, `k = 50` there (`x.csv`, `means_init.csv`; the initial weights are equal and
//! every initial precision is `I / 64`), so that other implementations can run on the same data.
//!
//! Each point is the fastest of a few `fit`s with `max_iter(1)` from given parameters (the
//! data check, one E-step and one M-step), on the fixed-seed mixture of the `em` bench.

#[path = "../benches/common/mixture.rs"]
mod mixture;

use std::time::Instant;

use gmm::CovarianceType;

/// The fastest of `repeats` one-iteration fits, in milliseconds.
fn iteration_ms(n: usize, k: usize, pool: &rayon::ThreadPool) -> f64 {
    let data = mixture::problem(n, k, 2024);
    let params = data.params(CovarianceType::Full, 1, 0.0);
    let repeats = (2_000_000 / (n * k).max(1)).clamp(3, 20);
    (0..repeats)
        .map(|_| {
            let start = Instant::now();
            let model = pool.install(|| params.fit(data.x.as_slice()).expect("a fit"));
            std::hint::black_box(model);
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

/// One curve: `(work, milliseconds)` for each setting of the swept parameter.
type Series = Vec<(f64, f64)>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "docs/scaling.png".into());
    if let Some(dir) = std::env::args().nth(2) {
        export(std::path::Path::new(&dir))?;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools: Vec<(String, rayon::ThreadPool)> = [1, cores]
        .into_iter()
        .map(|threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            let name = if threads == 1 {
                "1 THREAD".to_string()
            } else {
                format!("{threads} THREADS")
            };
            Ok((name, pool))
        })
        .collect::<Result<_, rayon::ThreadPoolBuildError>>()?;
    let ns = [1_000, 3_000, 10_000, 30_000, 130_000, 300_000, 1_000_000];
    let ks = [1, 2, 5, 10, 20, 50, 100, 200];
    let mut by_n: Vec<Series> = vec![Vec::new(); pools.len()];
    let mut by_k: Vec<Series> = vec![Vec::new(); pools.len()];
    println!(
        "| n | k | {} |",
        pools
            .iter()
            .map(|(name, _)| format!("{} (ms)", name.to_lowercase()))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|---|{}", "---|".repeat(pools.len()));
    let measure = |n: usize, k: usize| -> Vec<f64> {
        let times: Vec<f64> = pools
            .iter()
            .map(|(_, pool)| iteration_ms(n, k, pool))
            .collect();
        let cells: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
        println!("| {n} | {k} | {} |", cells.join(" | "));
        times
    };
    for &n in &ns {
        for (curve, t) in by_n.iter_mut().zip(measure(n, 50)) {
            curve.push((n as f64, t));
        }
    }
    for &k in &ks {
        for (curve, t) in by_k.iter_mut().zip(measure(130_000, k)) {
            curve.push((k as f64, t));
        }
    }
    let names: Vec<&str> = pools.iter().map(|(name, _)| name.as_str()).collect();
    let mut canvas = Canvas::new(1280, 600);
    canvas.text(
        40,
        16,
        "ONE FULL-COVARIANCE EM ITERATION, D = 2 (MS, LOG-LOG)",
        BLACK,
    );
    canvas.panel(
        Panel {
            left: 90,
            top: 70,
            width: 500,
            height: 430,
        },
        "N (K = 50)",
        &by_n,
        &names,
    );
    canvas.panel(
        Panel {
            left: 730,
            top: 70,
            width: 500,
            height: 430,
        },
        "K (N = 130000)",
        &by_k,
        &names,
    );
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    canvas.save(&out)?;
    eprintln!("wrote {out}");
    Ok(())
}

/// Writes the bench's problem as CSV files.
fn export(dir: &std::path::Path) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let data = mixture::problem(130_000, 50, 2024);
    for (name, rows) in [("x.csv", &data.x), ("means_init.csv", &data.means_init)] {
        let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join(name))?);
        for [a, b] in rows {
            writeln!(file, "{a:e},{b:e}")?;
        }
    }
    Ok(())
}

type Rgb = [u8; 3];
const BLACK: Rgb = [0, 0, 0];
const GREY: Rgb = [215, 215, 215];
const COLOURS: [Rgb; 3] = [[31, 119, 180], [255, 127, 14], [44, 160, 44]];

/// Where a panel's plotting area sits in the image.
#[derive(Clone, Copy)]
struct Panel {
    left: i64,
    top: i64,
    width: i64,
    height: i64,
}

/// An RGB image with lines, squares and 5x7 text.
struct Canvas {
    width: i64,
    height: i64,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: i64, height: i64) -> Self {
        Canvas {
            width,
            height,
            pixels: vec![255; (width * height * 3) as usize],
        }
    }

    fn dot(&mut self, x: i64, y: i64, colour: Rgb) {
        if (0..self.width).contains(&x) && (0..self.height).contains(&y) {
            let at = ((y * self.width + x) * 3) as usize;
            self.pixels[at..at + 3].copy_from_slice(&colour);
        }
    }

    fn square(&mut self, x: i64, y: i64, half: i64, colour: Rgb) {
        for dy in -half..=half {
            for dx in -half..=half {
                self.dot(x + dx, y + dy, colour);
            }
        }
    }

    /// A line `2 half + 1` pixels thick (Bresenham's, with a square pen).
    fn line(&mut self, (x0, y0): (i64, i64), (x1, y1): (i64, i64), half: i64, colour: Rgb) {
        let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
        let (sx, sy) = ((x1 - x0).signum(), (y1 - y0).signum());
        let (mut x, mut y, mut error) = (x0, y0, dx + dy);
        loop {
            self.square(x, y, half, colour);
            if x == x1 && y == y1 {
                break;
            }
            let e2 = 2 * error;
            if e2 >= dy {
                error += dy;
                x += sx;
            }
            if e2 <= dx {
                error += dx;
                y += sy;
            }
        }
    }

    /// Text in the 5x7 font at twice its size, its top left corner at `(x, y)`.
    fn text(&mut self, x: i64, y: i64, text: &str, colour: Rgb) {
        for (i, ch) in text.chars().enumerate() {
            let rows = glyph(ch);
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.bytes().enumerate() {
                    if cell == b'#' {
                        let (px, py) = (x + 12 * i as i64 + 2 * c as i64, y + 2 * r as i64);
                        for (ox, oy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                            self.dot(px + ox, py + oy, colour);
                        }
                    }
                }
            }
        }
    }

    fn text_width(text: &str) -> i64 {
        12 * text.chars().count() as i64
    }

    /// A log-log panel of the series, with decade grid lines and a legend.
    fn panel(&mut self, p: Panel, x_label: &str, series: &[Series], names: &[&str]) {
        let points = series.iter().flatten();
        let decades = |values: &mut dyn Iterator<Item = f64>| {
            let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
            (
                lo.log10().floor() as i32,
                hi.log10().ceil().max(lo.log10().floor() + 1.0) as i32,
            )
        };
        let (x0, x1) = decades(&mut points.clone().map(|&(x, _)| x));
        let (y0, y1) = decades(&mut points.map(|&(_, y)| y));
        let to_px = |(x, y): (f64, f64)| {
            let fx = (x.log10() - f64::from(x0)) / f64::from(x1 - x0);
            let fy = (y.log10() - f64::from(y0)) / f64::from(y1 - y0);
            (
                p.left + (fx * p.width as f64).round() as i64,
                p.top + p.height - (fy * p.height as f64).round() as i64,
            )
        };
        for e in x0..=x1 {
            let (x, _) = to_px((10f64.powi(e), 10f64.powi(y0)));
            self.line((x, p.top), (x, p.top + p.height), 0, GREY);
            let label = decade_label(e);
            self.text(
                x - Self::text_width(&label) / 2,
                p.top + p.height + 10,
                &label,
                BLACK,
            );
        }
        for e in y0..=y1 {
            let (_, y) = to_px((10f64.powi(x0), 10f64.powi(e)));
            self.line((p.left, y), (p.left + p.width, y), 0, GREY);
            let label = decade_label(e);
            self.text(p.left - Self::text_width(&label) - 10, y - 7, &label, BLACK);
        }
        let frame = [
            (p.left, p.top),
            (p.left + p.width, p.top),
            (p.left + p.width, p.top + p.height),
            (p.left, p.top + p.height),
            (p.left, p.top),
        ];
        for pair in frame.windows(2) {
            self.line(pair[0], pair[1], 0, BLACK);
        }
        self.text(
            p.left + p.width / 2 - Self::text_width(x_label) / 2,
            p.top + p.height + 40,
            x_label,
            BLACK,
        );
        self.text(p.left - 80, p.top - 30, "MS", BLACK);
        for (s, (curve, name)) in series.iter().zip(names).enumerate() {
            let colour = COLOURS[s % COLOURS.len()];
            let pixels: Vec<(i64, i64)> = curve.iter().map(|&point| to_px(point)).collect();
            for pair in pixels.windows(2) {
                self.line(pair[0], pair[1], 1, colour);
            }
            for &(x, y) in &pixels {
                self.square(x, y, 4, colour);
            }
            let (lx, ly) = (p.left + 20, p.top + 20 + 28 * s as i64);
            self.line((lx, ly + 7), (lx + 30, ly + 7), 1, colour);
            self.square(lx + 15, ly + 7, 4, colour);
            self.text(lx + 44, ly, name, BLACK);
        }
    }

    fn save(&self, path: &str) -> Result<(), Box<dyn std::error::Error>> {
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        let mut encoder = png::Encoder::new(file, self.width as u32, self.height as u32);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header()?.write_image_data(&self.pixels)?;
        Ok(())
    }
}

/// `10^e` as plain digits (`0.01`, `1`, `1000`) up to 10^4, else `1E5`.
fn decade_label(e: i32) -> String {
    match e {
        i32::MIN..=-1 => format!("{}", 10f64.powi(e)),
        0..=4 => format!("{}", 10u64.pow(e as u32)),
        _ => format!("1E{e}"),
    }
}

/// The 5x7 glyph of an upper-case letter, digit or `.,-=()`; blank for anything else.
fn glyph(ch: char) -> [&'static str; 7] {
    match ch {
        'A' => [
            ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'B' => [
            "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.",
        ],
        'C' => [
            ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.",
        ],
        'D' => [
            "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.",
        ],
        'E' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#####",
        ],
        'F' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#....",
        ],
        'G' => [
            ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####",
        ],
        'H' => [
            "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'I' => [
            ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        'K' => [
            "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#",
        ],
        'L' => [
            "#....", "#....", "#....", "#....", "#....", "#....", "#####",
        ],
        'M' => [
            "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#",
        ],
        'N' => [
            "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#",
        ],
        'O' => [
            ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'P' => [
            "####.", "#...#", "#...#", "####.", "#....", "#....", "#....",
        ],
        'R' => [
            "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#",
        ],
        'S' => [
            ".####", "#....", "#....", ".###.", "....#", "....#", "####.",
        ],
        'T' => [
            "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..",
        ],
        'U' => [
            "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'V' => [
            "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..",
        ],
        'W' => [
            "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.",
        ],
        'X' => [
            "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#",
        ],
        'Y' => [
            "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..",
        ],
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
        '.' => [
            ".....", ".....", ".....", ".....", ".....", ".##..", ".##..",
        ],
        ',' => [
            ".....", ".....", ".....", ".....", ".##..", "..#..", ".#...",
        ],
        '-' => [
            ".....", ".....", ".....", "#####", ".....", ".....", ".....",
        ],
        '=' => [
            ".....", ".....", "#####", ".....", "#####", ".....", ".....",
        ],
        '(' => [
            "...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#.",
        ],
        ')' => [
            ".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#...",
        ],
        _ => ["....."; 7],
    }
}
