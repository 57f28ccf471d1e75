//! The cost of one full-covariance EM iteration as the work grows: `n` from 1e3 to 1e6 at
//! `k = 50`, and `k` from 1 to 200 at `n = 130,000`, on one thread and on every core, printed
//! as a Markdown table and drawn as a log-log plot (PNG, drawn with `gmm-plot`: no font or
//! plotting library needed).
//!
//! ```sh
//! cargo run --release -p gmm --example scaling -- docs/scaling.png
//! ```
//!
//! With a directory as a second argument, it also writes the bench's problem at
//! `n = 130,000`, `k = 50` there (`x.csv`, `means_init.csv`; the initial weights are equal and
//! every initial precision is `I / 64`), so that other implementations can run on the same data.
//!
//! To redraw the plot from the table of an earlier run without timing anything again (the
//! first table whose header starts `| n | k |` in the file, such as the one in BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release -p gmm --example scaling -- --redraw BENCHMARKS.md /tmp/scaling.png
//! ```
//!
//! Each point is the fastest of a few `fit`s with `max_iter(1)` from given parameters (the
//! data check, one E-step and one M-step), on the fixed-seed mixture of the `em` bench.

#[path = "../benches/common/mixture.rs"]
mod mixture;

use std::time::Instant;

use gmm::CovarianceType;
use gmm_plot::{BLACK, Canvas, LINE_HEIGHT, Rgb, decade_label, decades, text_width};

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

/// The timings of one run, row by row as the table prints them: first `n` growing at a fixed
/// `k`, then `k` growing at a fixed `n`.
struct Timings {
    /// One name per thread count, such as `1 THREAD`.
    names: Vec<String>,
    /// `(n, k, milliseconds for each thread count)`.
    rows: Vec<(usize, usize, Vec<f64>)>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (timings, out) = match args.first().map(String::as_str) {
        Some("--redraw") => {
            let table = args
                .get(1)
                .ok_or("--redraw needs the file holding the table")?;
            (read_table(&std::fs::read_to_string(table)?)?, args.get(2))
        }
        _ => {
            if let Some(dir) = args.get(1) {
                export(std::path::Path::new(dir))?;
            }
            (measure()?, args.first())
        }
    };
    let out = out.map_or("docs/scaling.png", String::as_str);
    let png = draw(&timings)?.to_png()?;
    if let Some(dir) = std::path::Path::new(out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, png)?;
    eprintln!("wrote {out}");
    Ok(())
}

/// Times both sweeps on one thread and on every core, printing the table as it goes.
fn measure() -> Result<Timings, rayon::ThreadPoolBuildError> {
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
    println!(
        "| n | k | {} |",
        pools
            .iter()
            .map(|(name, _)| format!("{} (ms)", name.to_lowercase()))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|---|{}", "---|".repeat(pools.len()));
    let ns = [1_000, 3_000, 10_000, 30_000, 130_000, 300_000, 1_000_000];
    let ks = [1, 2, 5, 10, 20, 50, 100, 200];
    let settings = ns
        .map(|n| (n, 50))
        .into_iter()
        .chain(ks.map(|k| (130_000, k)));
    let rows = settings
        .map(|(n, k)| {
            let times: Vec<f64> = pools
                .iter()
                .map(|(_, pool)| iteration_ms(n, k, pool))
                .collect();
            let cells: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
            println!("| {n} | {k} | {} |", cells.join(" | "));
            (n, k, times)
        })
        .collect();
    let names = pools.into_iter().map(|(name, _)| name).collect();
    Ok(Timings { names, rows })
}

/// The timings in the first Markdown table of `text` whose header starts `| n | k |`, as
/// [`measure`] prints it.
fn read_table(text: &str) -> Result<Timings, String> {
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner
            .split('|')
            .map(|cell| cell.trim().to_string())
            .collect()
    };
    let mut lines = text
        .lines()
        .skip_while(|line| !line.trim_start().starts_with("| n | k |"));
    let header = lines.next().ok_or("no table with a `| n | k |` header")?;
    let names: Vec<String> = cells(header)[2..]
        .iter()
        .map(|name| name.trim_end_matches("(ms)").trim().to_uppercase())
        .collect();
    let body = lines
        .skip(1)
        .take_while(|line| line.trim_start().starts_with('|'));
    let rows = body
        .map(|line| {
            let row = cells(line);
            let number = |cell: &str| cell.parse::<f64>().map_err(|e| format!("{line}: {e}"));
            let times = row[2..]
                .iter()
                .map(|cell| number(cell))
                .collect::<Result<Vec<f64>, String>>()?;
            if times.len() != names.len() {
                return Err(format!(
                    "{line}: {} timings for {} names",
                    times.len(),
                    names.len()
                ));
            }
            Ok((number(&row[0])? as usize, number(&row[1])? as usize, times))
        })
        .collect::<Result<_, String>>()?;
    Ok(Timings { names, rows })
}

/// Both log-log panels: time against `n`, and time against `k`.
fn draw(timings: &Timings) -> Result<Canvas, String> {
    // the `n` sweep is the leading run of rows in which `n` grows
    let n_sweep = 1 + timings
        .rows
        .windows(2)
        .take_while(|pair| pair[1].0 > pair[0].0)
        .count();
    let (by_n, by_k) = timings.rows.split_at(n_sweep.min(timings.rows.len()));
    let (Some(&(_, k_fixed, _)), Some(&(n_fixed, _, _))) = (by_n.first(), by_k.first()) else {
        return Err("the table needs rows of an `n` sweep followed by a `k` sweep".into());
    };
    let curves = |rows: &[(usize, usize, Vec<f64>)], swept: fn(usize, usize) -> usize| {
        (0..timings.names.len())
            .map(|s| {
                let curve = rows.iter().map(|(n, k, t)| (swept(*n, *k) as f64, t[s]));
                curve.collect()
            })
            .collect::<Vec<Series>>()
    };
    let mut canvas = Canvas::new(1280, 600);
    canvas.text(
        40,
        16,
        "ONE FULL-COVARIANCE EM ITERATION, D = 2 (MS, LOG-LOG)",
        BLACK,
    );
    let panel = |left| Panel {
        left,
        top: 70,
        width: 500,
        height: 430,
    };
    let names: Vec<&str> = timings.names.iter().map(String::as_str).collect();
    let n_label = format!("N (K = {k_fixed})");
    panel(90).draw(&mut canvas, &n_label, &curves(by_n, |n, _| n), &names)?;
    let k_label = format!("K (N = {n_fixed})");
    panel(730).draw(&mut canvas, &k_label, &curves(by_k, |_, k| k), &names)?;
    Ok(canvas)
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

const GREY: Rgb = [215, 215, 215];
const COLOURS: [Rgb; 3] = [[31, 119, 180], [255, 127, 14], [44, 160, 44]];
/// Half the side of a data point's square marker.
const MARKER: i64 = 4;

/// Where a panel's plotting area sits in the image.
#[derive(Clone, Copy)]
struct Panel {
    left: i64,
    top: i64,
    width: i64,
    height: i64,
}

impl Panel {
    /// A log-log panel of the series, with decade grid lines and a legend.
    fn draw(
        self,
        canvas: &mut Canvas,
        x_label: &str,
        series: &[Series],
        names: &[&str],
    ) -> Result<(), String> {
        let p = self;
        let points = series.iter().flatten();
        let decades_of = |values: &mut dyn Iterator<Item = f64>| {
            let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
            decades(lo, hi)
                .map(|range| range.into_inner())
                .ok_or(format!("{x_label}: no positive values to draw on log axes"))
        };
        let (x0, x1) = decades_of(&mut points.clone().map(|&(x, _)| x))?;
        let (y0, y1) = decades_of(&mut points.map(|&(_, y)| y))?;
        let to_px = |(x, y): (f64, f64)| {
            let fx = (x.log10() - f64::from(x0)) / f64::from(x1 - x0);
            let fy = (y.log10() - f64::from(y0)) / f64::from(y1 - y0);
            (
                (p.left as f64 + fx * p.width as f64).round(),
                (p.top as f64 + p.height as f64 - fy * p.height as f64).round(),
            )
        };
        let (left, top) = (p.left as f64, p.top as f64);
        let (right, bottom) = ((p.left + p.width) as f64, (p.top + p.height) as f64);
        for e in x0..=x1 {
            let (x, _) = to_px((10f64.powi(e), 10f64.powi(y0)));
            canvas.line((x, top), (x, bottom), 1, GREY);
            let label = decade_label(e);
            let centred = x as i64 - text_width(&label) / 2;
            canvas.text(centred, p.top + p.height + 10, &label, BLACK);
        }
        for e in y0..=y1 {
            let (_, y) = to_px((10f64.powi(x0), 10f64.powi(e)));
            canvas.line((left, y), (right, y), 1, GREY);
            let label = decade_label(e);
            let flush_right = p.left - text_width(&label) - 10;
            canvas.text(flush_right, y as i64 - LINE_HEIGHT / 2, &label, BLACK);
        }
        let frame = [
            (left, top),
            (right, top),
            (right, bottom),
            (left, bottom),
            (left, top),
        ];
        for pair in frame.windows(2) {
            canvas.line(pair[0], pair[1], 1, BLACK);
        }
        canvas.text(
            p.left + p.width / 2 - text_width(x_label) / 2,
            p.top + p.height + 40,
            x_label,
            BLACK,
        );
        canvas.text(p.left - 80, p.top - 30, "MS", BLACK);
        for (s, (curve, name)) in series.iter().zip(names).enumerate() {
            let colour = COLOURS[s % COLOURS.len()];
            let pixels: Vec<(f64, f64)> = curve.iter().map(|&point| to_px(point)).collect();
            for pair in pixels.windows(2) {
                canvas.line(pair[0], pair[1], 3, colour);
            }
            let legend = (p.left as f64 + 20.0, p.top as f64 + 27.0 + 28.0 * s as f64);
            canvas.line(legend, (legend.0 + 30.0, legend.1), 3, colour);
            let markers = pixels.into_iter().chain([(legend.0 + 15.0, legend.1)]);
            for (x, y) in markers.map(|(x, y)| (x as i64, y as i64)) {
                canvas.rect(x - MARKER, y - MARKER, x + MARKER, y + MARKER, colour);
            }
            canvas.text(legend.0 as i64 + 44, legend.1 as i64 - 7, name, BLACK);
        }
        Ok(())
    }
}
