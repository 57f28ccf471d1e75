//! The default fit (k-means initialisation, then EM to convergence, k = 50) of the first `N`
//! points of `./bench/compare`'s 2-D nuclei data, timed, with its lower bound and iterations:
//! small enough to run under callgrind for the split of a whole fit's instructions.
//!
//! ```sh
//! ./bench/compare --fit-default 1     # writes target/bench-compare/fit_points.f64
//! cargo build --release -p gmm --example fit_default
//! RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/examples/fit_default \
//!     target/bench-compare/fit_points.f64 100000
//! ```

use std::process::ExitCode;
use std::time::Instant;

use gmm::GaussianMixture;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(Ok(n))) = (args.first(), args.get(1).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: fit_default POINTS.f64 N [SEED]");
        return ExitCode::FAILURE;
    };
    let seed = args.get(2).map_or(Ok(0), |s| s.parse()).unwrap_or(0);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("fit_default: {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let x: Vec<[f64; 2]> = bytes
        .chunks_exact(16)
        .take(n)
        .map(|p| {
            let v = |i: usize| f64::from_le_bytes(p[i..i + 8].try_into().expect("8 bytes"));
            [v(0), v(8)]
        })
        .collect();
    let start = Instant::now();
    let model = GaussianMixture::params(50)
        .seed(seed)
        .fit(&x[..])
        .expect("a fit");
    println!(
        "{} points: {:.3} s, lower bound {:.9}, {} EM iterations",
        x.len(),
        start.elapsed().as_secs_f64(),
        model.lower_bound(),
        model.n_iter()
    );
    ExitCode::SUCCESS
}
