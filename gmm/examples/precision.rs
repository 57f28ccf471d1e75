//! The default fit (k-means initialisation, then EM to convergence) in `f32` and in `f64` on
//! the same points, on one thread, timed in turns: the fastest of a number of rounds of each,
//! with their lower bounds and iteration counts.
//!
//! ```sh
//! cargo run --release -p gmm --example precision -- 1000000 5    # points, rounds
//! ```

// Only the data of the shared problem is used here, not its initial parameters.
#[allow(dead_code)]
#[path = "../benches/common/mixture.rs"]
mod mixture;

use std::process::ExitCode;
use std::time::Instant;

use gmm::{Float, GaussianMixture};

/// The seconds of one default fit of `x` with 50 components, its lower bound (as `f64`) and
/// its number of iterations.
fn fit<T: Float>(x: &[[T; 2]]) -> (f64, f64, usize) {
    let start = Instant::now();
    let model = GaussianMixture::params(50).fit(x).expect("a fit");
    let seconds = start.elapsed().as_secs_f64();
    (seconds, model.lower_bound().into_f64(), model.n_iter())
}

fn main() -> ExitCode {
    let args: Vec<usize> = match std::env::args().skip(1).map(|a| a.parse()).collect() {
        Ok(args) => args,
        Err(error) => {
            eprintln!("precision: {error}");
            return ExitCode::FAILURE;
        }
    };
    let n = args.first().copied().unwrap_or(1_000_000);
    let rounds = args.get(1).copied().unwrap_or(5).max(1);
    let double = mixture::problem(n, 50, 2024).x;
    let single: Vec<[f32; 2]> = double.iter().map(|p| p.map(|v| v as f32)).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
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
    println!(
        "f32: {:.3} s (lower bound {:.6}, {} iterations); f64: {:.3} s (lower bound {:.6}, {} iterations); f64 / f32 time: {:.2}",
        best32.0,
        best32.1,
        best32.2,
        best64.0,
        best64.1,
        best64.2,
        best64.0 / best32.0
    );
    ExitCode::SUCCESS
}
