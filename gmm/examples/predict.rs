//! `predict`, `predict_proba` or `score_samples` of a 50-component full-covariance mixture on
//! the `em` bench's points (n = 1,000,000, `d = 2`, or `d = 8` with six more coordinates),
//! timed on one thread: the fastest of a number of calls, and a fingerprint of the result's
//! bits. One method a run, so that `/usr/bin/time -v` gives its peak memory.
//!
//! ```sh
//! cargo run --release -p gmm --example predict -- predict 2 5    # or proba, score; d; calls
//! ```

#[path = "../benches/common/mixture.rs"]
#[expect(dead_code, reason = "the points and initial means and weights only")]
mod mixture;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::process::ExitCode;
use std::time::Instant;

use einsum::TensorRef;
use gmm::{CovarianceType, GaussianMixture};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let method = args.first().map_or("predict", String::as_str);
    let d: usize = args.get(1).map_or(Ok(2), |a| a.parse()).unwrap_or(0);
    let calls: usize = args.get(2).map_or(Ok(5), |a| a.parse()).unwrap_or(0);
    if !["predict", "proba", "score"].contains(&method) || ![2, 8].contains(&d) || calls == 0 {
        eprintln!("usage: predict [predict|proba|score] [2|8] [calls]");
        return ExitCode::FAILURE;
    }
    let (n, k) = (1_000_000, 50);
    let problem = mixture::problem(n, k, 2024);
    // The extra coordinates: a fixed hash of the row, in [0, 512).
    let extra = |row: usize, i: usize| {
        let mut h = DefaultHasher::new();
        (row, i).hash(&mut h);
        (h.finish() >> 11) as f64 / (1u64 << 53) as f64 * 512.0
    };
    let x: Vec<f64> = (problem.x.iter().enumerate())
        .flat_map(|(row, p)| (0..d).map(move |i| if i < 2 { p[i] } else { extra(row, i) }))
        .collect();
    let means: Vec<f64> = (problem.means_init.iter())
        .flat_map(|m| (0..d).map(move |i| if i < 2 { m[i] } else { 256.0 }))
        .collect();
    let variance = 1.0 / problem.precision_init;
    let covariances: Vec<f64> = (0..k * d * d)
        .map(|at| {
            let (i, j) = ((at / d) % d, at % d);
            match (i == j, i < 2) {
                (true, true) => variance,
                (true, false) => 512.0 * 512.0 / 12.0,
                _ => 0.0,
            }
        })
        .collect();
    let (x, means) = (
        TensorRef::new(&x, [n, d]).expect("n x d values"),
        TensorRef::new(&means, [k, d]).expect("k x d values"),
    );
    let model = GaussianMixture::from_parameters(
        CovarianceType::Full,
        &problem.weights_init,
        &means,
        &covariances,
    )
    .expect("a valid mixture");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let (mut best, mut fingerprint) = (f64::INFINITY, 0);
    for _ in 0..calls {
        let start = Instant::now();
        let mut h = DefaultHasher::new();
        pool.install(|| match method {
            "predict" => model.predict(&x).expect("finite").hash(&mut h),
            "proba" => bits(model.predict_proba(&x).expect("finite").as_slice()).hash(&mut h),
            _ => bits(&model.score_samples(&x).expect("finite")).hash(&mut h),
        });
        best = best.min(start.elapsed().as_secs_f64());
        fingerprint = h.finish();
    }
    println!(
        "{method} d = {d}: {:.1} ms, fingerprint {fingerprint:016x}",
        best * 1e3
    );
    ExitCode::SUCCESS
}

/// The bits of every value.
fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}
