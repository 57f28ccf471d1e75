//! The heap a fit needs, counted by this test binary's allocator (a binary of one test, so
//! that no other test allocates meanwhile): for every initialisation, of both mixtures, a
//! few values per point and the chunks' buffers, never an `n x k` array.

mod common;

#[path = "common/heap.rs"]
mod heap;

use gmm::{BayesianGaussianMixture, CovarianceType, GaussianMixture, InitMethod};
use heap::peak_heap_of;

/// `n` points in `d = 3` around four centres, flat row-major.
fn points(n: usize) -> Vec<f64> {
    let mut uniform = common::centred_uniform(5);
    (0..n)
        .flat_map(|i| {
            let c = (i % 4) as f64 * 5.0;
            [c + uniform(), uniform() - c, 0.5 * c + uniform()]
        })
        .collect()
}

/// Runs the fit `fit` (returning its lower bound) and checks that its heap peaked under a
/// third of `n_by_k` bytes.
fn assert_bounded(what: &str, n_by_k: usize, fit: impl FnOnce() -> f64) {
    let (lower_bound, peak) = peak_heap_of(fit);
    assert!(lower_bound.is_finite(), "{what}: {lower_bound}");
    assert!(peak < n_by_k / 3, "{what}: {peak} bytes (n x k: {n_by_k})");
}

/// 20,000 points under 32 components: an `n x k` array of responsibilities would be 5 MB;
/// a fit needs a few values per point (the weights, the k-means labels, the seeding's
/// distances) and the chunks' buffers.
#[test]
fn no_fit_holds_an_n_by_k_array() {
    let (n, k) = (20_000, 32);
    let x = points(n);
    let rows = gmm::flat_rows(&x, 3).unwrap();
    let n_by_k = n * k * size_of::<f64>();
    // The caches a first fit leaves behind (rayon's pool, the GEMM's packing buffers).
    let warm_up = GaussianMixture::params(2).max_iter(1).fit(&rows);
    assert!(warm_up.is_ok());
    let methods = [
        InitMethod::KMeans,
        InitMethod::KMeansPlusPlus,
        InitMethod::Random,
        InitMethod::RandomFromData,
    ];
    for (method, covariance_type) in methods
        .into_iter()
        .map(|m| (m, CovarianceType::Diag))
        .chain([(InitMethod::RandomFromData, CovarianceType::Full)])
    {
        let what = format!("{method:?}, {covariance_type:?}");
        assert_bounded(&format!("GaussianMixture, {what}"), n_by_k, || {
            let fit = GaussianMixture::params(k)
                .covariance_type(covariance_type)
                .init_method(method)
                .max_iter(1)
                .seed(1)
                .fit(&rows);
            fit.unwrap().lower_bound()
        });
        assert_bounded(&format!("BayesianGaussianMixture, {what}"), n_by_k, || {
            let fit = BayesianGaussianMixture::params(k)
                .covariance_type(covariance_type)
                .init_method(method)
                .max_iter(1)
                .seed(1)
                .fit(&rows);
            fit.unwrap().lower_bound()
        });
    }
    // Given responsibilities are read a chunk at a time, not copied or transposed.
    let resp: Vec<[f64; 32]> = (0..n)
        .map(|i| {
            let mut r = [0.0; 32];
            r[i % k] = 1.0;
            r
        })
        .collect();
    let params = BayesianGaussianMixture::params(k)
        .responsibilities_init(&resp)
        .max_iter(1)
        .check()
        .unwrap();
    let given = "BayesianGaussianMixture, given responsibilities";
    assert_bounded(given, n_by_k, || params.fit(&rows).unwrap().lower_bound());
}
