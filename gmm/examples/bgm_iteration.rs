//! One variational iteration of `BayesianGaussianMixture` on `./bench/compare`'s data, timed
//! (on rayon's pool: `RAYON_NUM_THREADS=1` for one thread), and compared with scikit-learn's
//! after the same iteration (`./bench/bgm-compare` runs both sides in turns).
//!
//! ```text
//! cargo run --release -p gmm --example bgm_iteration -- target/bench-compare
//! ```
//!
//! Reads `points.f64` (n x 2), `shape.txt` and `bgm_labels.f64` (each point's initial
//! component) from the directory; starts from those hard responsibilities, as scikit-learn's
//! `_initialize(X, resp)`, with a Dirichlet-process prior and full covariances; times one
//! iteration (E-step, M-step, lower bound) as a one-iteration warm start, best of 7 after a
//! warm-up; prints `key: value` lines, with the worst relative difference from scikit-learn's
//! parameters when `bench/bgm_compare.py time` wrote them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use gmm::BayesianGaussianMixture;

fn read_f64(path: &Path) -> Vec<f64> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
        .collect()
}

fn relative_error(ours: &[f64], reference: &[f64]) -> f64 {
    let scale = reference.iter().fold(0.0f64, |a, b| a.max(b.abs()));
    let diff = ours
        .iter()
        .zip(reference)
        .fold(0.0f64, |a, (x, y)| a.max((x - y).abs()));
    diff / scale
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: bgm_iteration DIR (written by ./bench/bgm-compare)"),
    );
    let shape = std::fs::read_to_string(dir.join("shape.txt")).expect("shape.txt");
    let [n, k, d]: [usize; 3] = shape
        .split_whitespace()
        .map(|v| v.parse().expect("a number"))
        .collect::<Vec<_>>()
        .try_into()
        .expect("n k d");
    let points = read_f64(&dir.join("points.f64"));
    let x = gmm::flat_rows(&points, d).expect("n x d points");
    let labels = read_f64(&dir.join("bgm_labels.f64"));
    let mut resp = vec![0.0; n * k];
    for (i, &label) in labels.iter().enumerate() {
        resp[i * k + label as usize] = 1.0;
    }
    let resp = gmm::flat_rows(&resp, k).expect("n x k");
    let initial = BayesianGaussianMixture::params(k)
        .tol(0.0)
        .max_iter(0)
        .responsibilities_init(&resp)
        .fit(&x)
        .expect("the initial posterior");
    let one = BayesianGaussianMixture::params(k)
        .tol(0.0)
        .max_iter(1)
        .check()
        .expect("valid parameters");
    let mut best = f64::INFINITY;
    let mut after = None;
    for _ in 0..8 {
        let start = Instant::now();
        let model = one.warm_start(&initial, &x, None).expect("one iteration");
        let seconds = start.elapsed().as_secs_f64();
        // The first call warms caches and the allocator; it is not counted.
        if after.is_some() {
            best = best.min(seconds);
        }
        after = Some(model);
    }
    let after = after.expect("eight iterations ran");
    println!("bgm_iter_full_s: {best:.6}");
    let sklearn_means = dir.join("sklearn_bgm_means.f64");
    if sklearn_means.exists() {
        let means = relative_error(after.means().data(), &read_f64(&sklearn_means));
        let covariances = relative_error(
            after.covariances().data(),
            &read_f64(&dir.join("sklearn_bgm_covariances.f64")),
        );
        let bound = read_f64(&dir.join("sklearn_bgm_lower_bound.f64"))[0];
        let lower_bound = (after.lower_bound() - bound).abs() / bound.abs();
        println!("bgm_vs_sklearn_means_rel_error: {means:.1e}");
        println!("bgm_vs_sklearn_covariances_rel_error: {covariances:.1e}");
        println!("bgm_vs_sklearn_lower_bound_rel_error: {lower_bound:.1e}");
    }
}
