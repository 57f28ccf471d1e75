//! The heap a fit needs, counted by this test binary's allocator (a binary of one test, so
//! that no other test allocates meanwhile): for every initialisation, of both mixtures, a
//! few values per point and the chunks' buffers, never an `n x k` array, and no weight per
//! point when none is given.

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

#[test]
fn heap_of_fits() {
    no_fit_holds_an_n_by_k_array();
    an_unweighted_fit_holds_no_weight_per_point();
}

/// 20,000 points under 32 components: an `n x k` array of responsibilities would be 5 MB;
/// a fit needs a few values per point (the k-means labels, the seeding's distances, the
/// weights when given) and the chunks' buffers.
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

/// Without sample weights a fit builds no vector of them: on one thread (where the heap does
/// not depend on how the work is split), twice the points take no more heap from random
/// responsibilities, and 8 bytes more a point (the seeding's distances) from k-means++ seeds.
/// A weight per point would add 8 bytes a point to both.
fn an_unweighted_fit_holds_no_weight_per_point() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let (n, k) = (20_000, 8);
    let (x, twice) = (points(n), points(2 * n));
    // The caches a first fit on the pool's thread leaves behind (4 MB).
    let few = gmm::flat_rows(&twice[..300], 3).unwrap();
    let warm_up = pool.install(|| GaussianMixture::params(k).max_iter(1).fit(&few));
    assert!(warm_up.is_ok());
    let fit_heaps = |method: InitMethod| {
        [&x, &twice].map(|x| {
            let rows = gmm::flat_rows(x, 3).unwrap();
            let gmm = || {
                let fit = GaussianMixture::params(k)
                    .init_method(method)
                    .max_iter(1)
                    .fit(&rows);
                fit.unwrap().lower_bound()
            };
            let bgm = || {
                let fit = BayesianGaussianMixture::params(k)
                    .init_method(method)
                    .max_iter(1)
                    .fit(&rows);
                fit.unwrap().lower_bound()
            };
            [peak_heap_of(gmm).1, peak_heap_of(bgm).1]
        })
    };
    for (method, bytes_per_point) in [(InitMethod::Random, 0), (InitMethod::KMeansPlusPlus, 8)] {
        let [at_n, at_2n] = pool.install(|| fit_heaps(method));
        for (mixture, a, b) in [
            ("GaussianMixture", at_n[0], at_2n[0]),
            ("Bayesian", at_n[1], at_2n[1]),
        ] {
            assert!(
                b.saturating_sub(a) <= bytes_per_point * n + n / 8,
                "{mixture}, {method:?}: {a} bytes for {n} points, {b} for {}",
                2 * n
            );
        }
    }
}
