//! One EM iteration and a full fit at n = 130,000, d = 2, k = 50, for every covariance type,
//! on one thread and on all of them.
//!
//! `cargo bench -p gmm --bench em`
//!
//! What is timed: `fit` from given weights, means and precisions (so no k-means runs).
//! `em_iteration` is a fit with `max_iter(1)`: the data check (one pass over the points), one
//! E-step and one M-step, and building the model (precisions from their Cholesky factors);
//! nothing is subtracted. `em_fit` runs to scikit-learn's default `tol = 1e-3` (at most 100
//! iterations); the number of iterations is printed once per covariance type.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::mixture::{Problem, problem};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gmm::CovarianceType;

const N: usize = 130_000;
const K: usize = 50;
const SEED: u64 = 2024;

const TYPES: [CovarianceType; 4] = [
    CovarianceType::Full,
    CovarianceType::Tied,
    CovarianceType::Diag,
    CovarianceType::Spherical,
];

/// Thread pools of one thread and of every available core.
fn pools() -> Vec<(String, rayon::ThreadPool)> {
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1];
    if all > 1 {
        counts.push(all);
    }
    counts
        .into_iter()
        .map(|threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            (format!("{threads}-thread"), pool)
        })
        .collect()
}

fn bench_group(c: &mut Criterion, group_name: &str, max_iter: usize, tol: f64, data: &Problem) {
    let mut group = c.benchmark_group(group_name);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(if max_iter == 1 { 3 } else { 10 }));
    for covariance_type in TYPES {
        let params = data.params(covariance_type, max_iter, tol);
        let n_iter = params.fit(data.x.as_slice()).expect("a fit").n_iter();
        eprintln!(
            "{group_name}/{}: {n_iter} iterations",
            covariance_type.name()
        );
        for (threads, pool) in &pools() {
            group.bench_function(BenchmarkId::new(covariance_type.name(), threads), |b| {
                b.iter(|| pool.install(|| params.fit(black_box(data.x.as_slice())).expect("a fit")))
            });
        }
    }
    group.finish();
}

fn em(c: &mut Criterion) {
    let data = problem(N, K, SEED);
    bench_group(c, "em_iteration", 1, 0.0, &data);
    bench_group(c, "em_fit", 100, 1e-3, &data);
}

criterion_group!(benches, em);
criterion_main!(benches);
