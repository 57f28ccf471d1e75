//! The cost of one full-covariance EM iteration as the work grows: `n` from 1e3 to 1e6 at
//! `k = 50` and `k` from 1 to 200 at `n = 130,000` (both at `d = 2`), and the dimension `d`
//! from 2 to 64 at `n = 50,000`, `k = 20`, on one thread and on every core, printed as a
//! Markdown table and drawn as a log-log plot (PNG, drawn through plotters with `gmm-plot`'s
//! embedded font: no system font needed).
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
//! first table whose header starts `| n | k |` in the file, such as the one in BENCHMARKS.md;
//! a table without a `d` column is all `d = 2`):
//!
//! ```sh
//! cargo run --release -p gmm --example scaling -- --redraw BENCHMARKS.md /tmp/scaling.png
//! ```
//!
//! Each point is the fastest of a few `fit`s with `max_iter(1)` from given parameters (the
//! data check, one E-step and one M-step), on the fixed-seed mixture of the `em` bench, or
//! for the `d` sweep [`dimension_problem`]'s.

#[path = "../benches/common/mixture.rs"]
mod mixture;

use std::time::Instant;

use gmm::{CovarianceType, GaussianMixture, flat_rows};
use gmm_plot::plotters::prelude::*;
use gmm_plot::{Area, FONT, PALETTE, legend, line_with_markers};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The fastest of `repeats` one-iteration fits, in milliseconds.
fn iteration_ms(n: usize, k: usize, d: usize, pool: &rayon::ThreadPool) -> f64 {
    let repeats = (2_000_000 / (n * k * d * d / 4).max(1)).clamp(3, 20);
    let fastest = |fit: &(dyn Fn() + Sync)| {
        (0..repeats)
            .map(|_| {
                let start = Instant::now();
                pool.install(fit);
                start.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::INFINITY, f64::min)
    };
    if d == 2 {
        let data = mixture::problem(n, k, 2024);
        let params = data.params(CovarianceType::Full, 1, 0.0);
        fastest(&|| {
            std::hint::black_box(params.fit(data.x.as_slice()).expect("a fit"));
        })
    } else {
        let (x, means) = dimension_problem(n, k, d);
        let (x, means) = (
            flat_rows(&x, d).expect("n x d"),
            flat_rows(&means, d).expect("k x d"),
        );
        let identity: Vec<f64> = (0..d * d)
            .map(|ij| if ij % (d + 1) == 0 { 1.0 / 16.0 } else { 0.0 })
            .collect();
        let params = GaussianMixture::params(k)
            .weights_init(vec![1.0 / k as f64; k])
            .means_init(&means)
            .precisions_init(identity.repeat(k))
            .max_iter(1)
            .tol(0.0)
            .check()
            .expect("valid parameters");
        fastest(&|| {
            std::hint::black_box(params.fit(&x).expect("a fit"));
        })
    }
}

/// `n` points in `d` dimensions around `k` centres spread over a cube of side 100 (standard
/// deviations 2 to 5 per component, correlated within pairs of coordinates), and initial
/// means near the centres: the points and the means, row-major.
fn dimension_problem(n: usize, k: usize, d: usize) -> (Vec<f64>, Vec<f64>) {
    let mut rng = StdRng::seed_from_u64(2024 + d as u64);
    let centres: Vec<f64> = (0..k * d).map(|_| rng.random_range(0.0..100.0)).collect();
    let spreads: Vec<f64> = (0..k).map(|_| rng.random_range(2.0..5.0)).collect();
    let mut x = Vec::with_capacity(n * d);
    for _ in 0..n {
        let c = rng.random_range(0..k);
        let mut previous = 0.0;
        for i in 0..d {
            let noise: f64 = rng.random_range(-1.7..1.7);
            x.push(centres[c * d + i] + spreads[c] * (noise + 0.5 * previous));
            previous = noise;
        }
    }
    let means = centres
        .iter()
        .map(|c| c + rng.random_range(-2.0..2.0))
        .collect();
    (x, means)
}

/// One curve: `(work, milliseconds)` for each setting of the swept parameter.
type Series = Vec<(f64, f64)>;

/// The timings of one run, row by row as the table prints them: first `n` growing at a fixed
/// `k`, then `k` growing at a fixed `n`, then `d` growing at fixed `n` and `k`.
struct Timings {
    /// One name per thread count, such as `1 thread`.
    names: Vec<String>,
    /// `(n, k, d, milliseconds for each thread count)`.
    rows: Vec<Row>,
}

/// `(n, k, d, milliseconds for each thread count)`.
type Row = (usize, usize, usize, Vec<f64>);

fn main() -> Result<(), gmm_plot::Error> {
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
    let png = draw(&timings)?;
    if let Some(dir) = std::path::Path::new(out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, png)?;
    eprintln!("wrote {out}");
    Ok(())
}

/// Times the three sweeps on one thread and on every core, printing the table as it goes.
fn measure() -> Result<Timings, rayon::ThreadPoolBuildError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools: Vec<(String, rayon::ThreadPool)> = [1, cores]
        .into_iter()
        .map(|threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            let name = if threads == 1 {
                "1 thread".to_string()
            } else {
                format!("{threads} threads")
            };
            Ok((name, pool))
        })
        .collect::<Result<_, rayon::ThreadPoolBuildError>>()?;
    println!(
        "| n | k | d | {} |",
        pools
            .iter()
            .map(|(name, _)| format!("{name} (ms)"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|---|---|{}", "---|".repeat(pools.len()));
    let ns = [1_000, 3_000, 10_000, 30_000, 130_000, 300_000, 1_000_000];
    let ks = [1, 2, 5, 10, 20, 50, 100, 200];
    let ds = [2, 4, 8, 16, 32, 64];
    let settings = ns
        .map(|n| (n, 50, 2))
        .into_iter()
        .chain(ks.map(|k| (130_000, k, 2)))
        .chain(ds.map(|d| (50_000, 20, d)));
    let rows = settings
        .map(|(n, k, d)| {
            let times: Vec<f64> = pools
                .iter()
                .map(|(_, pool)| iteration_ms(n, k, d, pool))
                .collect();
            let cells: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
            println!("| {n} | {k} | {d} | {} |", cells.join(" | "));
            (n, k, d, times)
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
    let first_time = if cells(header)[2] == "d" { 3 } else { 2 };
    let names: Vec<String> = cells(header)[first_time..]
        .iter()
        .map(|name| name.trim_end_matches("(ms)").trim().to_string())
        .collect();
    let body = lines
        .skip(1)
        .take_while(|line| line.trim_start().starts_with('|'));
    let rows = body
        .map(|line| {
            let row = cells(line);
            let number = |cell: &str| cell.parse::<f64>().map_err(|e| format!("{line}: {e}"));
            let times = row[first_time..]
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
            let d = if first_time == 3 {
                number(&row[2])? as usize
            } else {
                2
            };
            Ok((
                number(&row[0])? as usize,
                number(&row[1])? as usize,
                d,
                times,
            ))
        })
        .collect::<Result<_, String>>()?;
    Ok(Timings { names, rows })
}

/// The leading run of `rows` in which `key` grows, and the rest.
fn sweep(rows: &[Row], key: fn(&Row) -> usize) -> (&[Row], &[Row]) {
    let run = 1 + rows
        .windows(2)
        .take_while(|pair| key(&pair[1]) > key(&pair[0]))
        .count();
    rows.split_at(run.min(rows.len()))
}

/// The log-log panels as a PNG: time against `n`, against `k`, and (when the table has a `d`
/// sweep) against `d`.
fn draw(timings: &Timings) -> Result<Vec<u8>, gmm_plot::Error> {
    let (by_n, rest) = sweep(&timings.rows, |r| r.0);
    let (by_k, rest) = sweep(rest, |r| r.1);
    let (by_d, _) = sweep(rest, |r| r.2);
    let (Some((_, k_fixed, _, _)), Some((n_fixed, _, _, _))) = (by_n.first(), by_k.first()) else {
        return Err("the table needs rows of an `n` sweep followed by a `k` sweep".into());
    };
    let curves = |rows: &[Row], swept: fn(&Row) -> usize| {
        (0..timings.names.len())
            .map(|s| rows.iter().map(|r| (swept(r) as f64, r.3[s])).collect())
            .collect::<Vec<Series>>()
    };
    let panels = if by_d.is_empty() { 2 } else { 3 };
    gmm_plot::png(640 * panels as u32, 600, |root| {
        let root = root.titled("One full-covariance EM iteration (log-log)", (FONT, 22))?;
        let areas = root.split_evenly((1, panels));
        let names = &timings.names;
        let n_label = format!("points n (k = {k_fixed}, d = 2)");
        panel(&areas[0], &n_label, &curves(by_n, |r| r.0), names)?;
        let k_label = format!("components k (n = {}, d = 2)", axis_number(*n_fixed as f64));
        panel(&areas[1], &k_label, &curves(by_k, |r| r.1), names)?;
        if let Some((n, k, _, _)) = by_d.first() {
            let d_label = format!("dimension d (n = {}, k = {k})", axis_number(*n as f64));
            panel(&areas[2], &d_label, &curves(by_d, |r| r.2), names)?;
        }
        Ok(())
    })
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

/// The powers of ten just below the smallest and just above the largest of `values`.
fn decade_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let floor = 10f64.powf(lo.log10().floor());
    let ceil = 10f64.powf(hi.log10().ceil());
    (lo > 0.0 && lo.is_finite()).then_some((floor, if ceil > floor { ceil } else { floor * 10.0 }))
}

/// A number as written on a log axis: no decimals from 1 up, thousands grouped.
fn axis_number(v: f64) -> String {
    if v >= 1.0 {
        let digits = format!("{v:.0}");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{v}")
    }
}

/// One log-log panel of the series, milliseconds against `x_label`, with a legend.
fn panel(
    area: &Area,
    x_label: &str,
    series: &[Series],
    names: &[String],
) -> Result<(), gmm_plot::Error> {
    let points = || series.iter().flatten();
    let no_values = || format!("{x_label}: no positive values to draw on log axes");
    let (x0, x1) = decade_range(points().map(|&(x, _)| x)).ok_or_else(no_values)?;
    let (y0, y1) = decade_range(points().map(|&(_, y)| y)).ok_or_else(no_values)?;
    let mut chart = ChartBuilder::on(area)
        .margin(20)
        .x_label_area_size(55)
        .y_label_area_size(75)
        .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc("time per iteration (ms)")
        .x_label_formatter(&|x| axis_number(*x))
        .y_label_formatter(&|y| axis_number(*y))
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 16))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()?;
    for (curve, (name, &colour)) in series.iter().zip(names.iter().zip(PALETTE.iter().cycle())) {
        line_with_markers(&mut chart, name, curve.iter().copied(), colour, 3)?;
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    Ok(())
}
