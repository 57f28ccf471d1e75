//! One EM iteration at dimension `d` on `./bench/compare`'s data (n = 50,000, k = 20, its
//! initial parameters), on one thread: the fastest of a number of `max_iter(ITERS)` fits less
//! the fastest `max_iter(1)` fit, over `ITERS - 1`, and a fingerprint of the last fit's bits.
//! For comparing builds of a kernel change at d != 2 (`./bench/ab` is d = 2's): run two copies
//! in turns, or each under `valgrind --tool=callgrind` with few points for instruction counts.
//!
//! ```sh
//! ./bench/compare --dimensions    # once: writes the data into target/bench-compare
//! cargo run --release -p gmm --example dimension_iteration -- target/bench-compare 64 diag 5
//! # DIR D TYPE ROUNDS [ITERS (6)] [POINTS (all)]
//! ```

#[path = "../benches/common/dimension_data.rs"]
mod dimension_data;
#[path = "../benches/common/fingerprint.rs"]
mod fingerprint;

use std::process::ExitCode;
use std::time::Instant;

use dimension_data::DimensionData;
use gmm::CovarianceType;

fn run(args: &[String]) -> Result<String, String> {
    let usage = "usage: dimension_iteration DIR D TYPE ROUNDS [ITERS] [POINTS]";
    let [dir, d, kind, rounds, rest @ ..] = args else {
        return Err(usage.into());
    };
    let number = |s: &str| s.parse::<usize>().map_err(|_| usage.to_string());
    let (d, rounds) = (number(d)?, number(rounds)?.max(1));
    let iters = rest.first().map_or(Ok(6), |s| number(s))?.max(2);
    let kind: CovarianceType = kind.parse().map_err(|e| format!("{e}"))?;
    let rows = rest.get(1).map(|n| number(n)).transpose()?;
    let data = DimensionData::read(dir, d, kind, rows)?;
    let fit = |max_iter: usize| data.fit(max_iter);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    let (mut one, mut many, mut fingerprint) = (f64::INFINITY, f64::INFINITY, 0u64);
    for _ in 0..rounds {
        let start = Instant::now();
        std::hint::black_box(pool.install(|| fit(1))?);
        one = one.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let model = std::hint::black_box(pool.install(|| fit(iters))?);
        many = many.min(start.elapsed().as_secs_f64());
        fingerprint = fingerprint::fingerprint(&model);
    }
    let per_iteration = (many - one) / (iters - 1) as f64 * 1e3;
    Ok(format!(
        "{} d = {d}: {per_iteration:.3} ms per iteration, fingerprint {fingerprint:016x}",
        kind.name()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dimension_iteration: {error}");
            ExitCode::FAILURE
        }
    }
}
