//! One EM iteration on the `em` bench's problem (n = 130,000, d = 2, k = 50), on one thread:
//! the fastest of a number of one-iteration fits, and a fingerprint of the fitted model's
//! bits. For comparing two builds of a change to the kernels: `./bench/ab` runs two copies of
//! this example in turn; equal fingerprints mean the change kept every result to the bit.
//!
//! ```sh
//! cargo run --release -p gmm --example iteration -- full 20    # or tied, diag, spherical
//! ```

#[path = "../benches/common/fingerprint.rs"]
mod fingerprint;
#[path = "../benches/common/mixture.rs"]
mod mixture;

use std::process::ExitCode;
use std::time::Instant;

use gmm::CovarianceType;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let name = args.first().map_or("full", String::as_str);
    let covariance_type: CovarianceType = match name.parse() {
        Ok(t) => t,
        Err(error) => {
            eprintln!("iteration: {error}");
            return ExitCode::FAILURE;
        }
    };
    let repeats = match args.get(1).map(|r| r.parse::<usize>()) {
        None => 20,
        Some(Ok(r)) if r > 0 => r,
        Some(_) => {
            eprintln!("iteration: the number of fits must be a positive integer");
            return ExitCode::FAILURE;
        }
    };
    let data = mixture::problem(130_000, 50, 2024);
    let params = data.params(covariance_type, 1, 0.0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let mut best = f64::INFINITY;
    let mut fingerprint = 0u64;
    for _ in 0..repeats {
        let start = Instant::now();
        let model = pool.install(|| params.fit(data.x.as_slice()).expect("a fit"));
        best = best.min(start.elapsed().as_secs_f64());
        fingerprint = fingerprint::fingerprint(&model);
    }
    println!(
        "{name}: {:.3} ms, fingerprint {fingerprint:016x}",
        best * 1e3
    );
    ExitCode::SUCCESS
}
