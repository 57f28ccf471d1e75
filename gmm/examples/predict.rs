//! `predict`, `predict_proba`, `predict_proba_batches` (4,096 rows a batch) or `score_samples`
//! of a 50-component full-covariance mixture on the `em` bench's points (n = 1,000,000,
//! `d = 2`, or `d = 8` with six more coordinates), timed on a pool of a given number of
//! threads (default 1): the fastest of a number of calls, and a fingerprint of the result's
//! bits (the same for `proba` and `batches`, and for any number of threads). One method a
//! run, so that `/usr/bin/time -v` gives its peak memory.
//!
//! ```sh
//! cargo run --release -p gmm --example predict -- predict 2 5 1  # or proba, batches, score; d; calls; threads
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
    let threads: usize = args.get(3).map_or(Ok(1), |a| a.parse()).unwrap_or(0);
    let methods = ["predict", "proba", "batches", "score"];
    if !methods.contains(&method) || ![2, 8].contains(&d) || calls == 0 || threads == 0 {
        eprintln!("usage: predict [predict|proba|batches|score] [2|8] [calls] [threads]");
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
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let (mut best, mut fingerprint) = (f64::INFINITY, 0);
    for _ in 0..calls {
        let start = Instant::now();
        let mut h = DefaultHasher::new();
        pool.install(|| match method {
            "predict" => model.predict(&x).expect("finite").hash(&mut h),
            "proba" => bits(model.predict_proba(&x).expect("finite").as_slice()).hash(&mut h),
            "batches" => {
                // Hashed as one slice: the same fingerprint as `proba`.
                (n * k).hash(&mut h);
                for batch in model.predict_proba_batches(&x, 4096).expect("finite") {
                    for v in batch.expect("finite").as_slice() {
                        v.to_bits().hash(&mut h);
                    }
                }
            }
            _ => bits(&model.score_samples(&x).expect("finite")).hash(&mut h),
        });
        best = best.min(start.elapsed().as_secs_f64());
        fingerprint = h.finish();
    }
    println!(
        "{method} d = {d}, {threads} thread(s): {:.1} ms, fingerprint {fingerprint:016x}",
        best * 1e3
    );
    ExitCode::SUCCESS
}

/// The bits of every value.
fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}
