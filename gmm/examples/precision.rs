//! `f32` against `f64` on the same points, on one thread, timed in turns (the fastest of a
//! number of rounds of each), with their lower bounds: the default fit (k-means
//! initialisation, then EM to convergence) of the 2-D bench mixture with its iteration
//! counts, or one EM iteration at any dimension on `./bench/compare --dimensions`' data.
//!
//! ```sh
//! cargo run --release -p gmm --example precision -- 1000000 5    # points, rounds
//! cargo run --release -p gmm --example precision -- target/bench-compare 64 full 3   # DIR D TYPE ROUNDS
//! ```

#[path = "../benches/common/dimension_data.rs"]
mod dimension_data;
// Only the data of the shared problem is used here, not its initial parameters.
#[allow(dead_code)]
#[path = "../benches/common/mixture.rs"]
mod mixture;

use std::process::ExitCode;
use std::time::Instant;

use dimension_data::DimensionData;
use gmm::{CovarianceType, Float, GaussianMixture};

/// The seconds of one default fit of `x` with 50 components, its lower bound (as `f64`) and
/// its number of iterations.
fn fit<T: Float>(x: &[[T; 2]]) -> (f64, f64, usize) {
    let start = Instant::now();
    let model = GaussianMixture::params(50).fit(x).expect("a fit");
    let seconds = start.elapsed().as_secs_f64();
    (seconds, model.lower_bound().into_f64(), model.n_iter())
}

/// The milliseconds of one EM iteration of `data` (the fastest 6-iteration fit less the
/// fastest 1-iteration fit, over 5, of `rounds`), and the lower bound of the last fit.
fn iteration<T: Float>(data: &DimensionData<T>, rounds: usize) -> Result<(f64, f64), String> {
    let (mut one, mut six, mut lower_bound) = (f64::INFINITY, f64::INFINITY, 0.0);
    for _ in 0..rounds {
        let start = Instant::now();
        std::hint::black_box(data.fit(1)?);
        one = one.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let model = data.fit(6)?;
        six = six.min(start.elapsed().as_secs_f64());
        lower_bound = model.lower_bound().into_f64();
    }
    Ok(((six - one) / 5.0 * 1e3, lower_bound))
}

/// One EM iteration at dimension `d` in `f32` and `f64`, in turns.
fn dimension(args: &[String], pool: &rayon::ThreadPool) -> Result<String, String> {
    let usage = "usage: precision DIR D TYPE ROUNDS";
    let [dir, d, kind, rounds] = args else {
        return Err(usage.into());
    };
    let number = |s: &str| s.parse::<usize>().map_err(|_| usage.to_string());
    let (d, rounds) = (number(d)?, number(rounds)?.max(1));
    let kind: CovarianceType = kind.parse().map_err(|e| format!("{e}"))?;
    let double = DimensionData::read(dir, d, kind, None)?;
    let single = double.to_f32();
    let (mut best32, mut best64) = ((f64::INFINITY, 0.0), (f64::INFINITY, 0.0));
    for round in 0..rounds {
        // Each goes first in every other round.
        let order = if round % 2 == 0 { [32, 64] } else { [64, 32] };
        for bits in order {
            if bits == 32 {
                let run = pool.install(|| iteration(&single, 1))?;
                best32 = if run.0 < best32.0 { run } else { best32 };
            } else {
                let run = pool.install(|| iteration(&double, 1))?;
                best64 = if run.0 < best64.0 { run } else { best64 };
            }
        }
    }
    Ok(format!(
        "{} d = {d}: f32 {:.3} ms per iteration (lower bound {:.6}); f64 {:.3} ms (lower bound {:.6}); f64 / f32 time: {:.2}",
        kind.name(),
        best32.0,
        best32.1,
        best64.0,
        best64.1,
        best64.0 / best32.0
    ))
}

/// The default fit of `POINTS` points of the 2-D mixture in `f32` and `f64`, in turns.
fn default_fit(args: &[String], pool: &rayon::ThreadPool) -> Result<String, String> {
    let numbers: Vec<usize> = args
        .iter()
        .map(|a| a.parse().map_err(|e| format!("{a}: {e}")))
        .collect::<Result<_, _>>()?;
    let n = numbers.first().copied().unwrap_or(1_000_000);
    let rounds = numbers.get(1).copied().unwrap_or(5).max(1);
    let double = mixture::problem(n, 50, 2024).x;
    let single: Vec<[f32; 2]> = double.iter().map(|p| p.map(|v| v as f32)).collect();
    let (mut best32, mut best64) = ((f64::INFINITY, 0.0, 0), (f64::INFINITY, 0.0, 0));
    for round in 0..rounds {
        // Each goes first in every other round.
        let order = if round % 2 == 0 { [32, 64] } else { [64, 32] };
        for bits in order {
            if bits == 32 {
                let run = pool.install(|| fit(&single));
                best32 = if run.0 < best32.0 { run } else { best32 };
            } else {
                let run = pool.install(|| fit(&double));
                best64 = if run.0 < best64.0 { run } else { best64 };
            }
        }
    }
    Ok(format!(
        "f32: {:.3} s (lower bound {:.6}, {} iterations); f64: {:.3} s (lower bound {:.6}, {} iterations); f64 / f32 time: {:.2}",
        best32.0,
        best32.1,
        best32.2,
        best64.0,
        best64.1,
        best64.2,
        best64.0 / best32.0
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    // A first argument that is not a number is the data directory of the dimension mode.
    let result = match args.first() {
        Some(first) if first.parse::<usize>().is_err() => dimension(&args, &pool),
        _ => default_fit(&args, &pool),
    };
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("precision: {error}");
            ExitCode::FAILURE
        }
    }
}
