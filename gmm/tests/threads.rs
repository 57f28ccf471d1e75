//! The fit does not depend on the number of threads: EM's sums run over fixed chunks of
//! points combined in chunk order, so a pool of one thread (which runs the chunks one by one
//! on the calling thread), two or three threads give the same model to the last bit.

use gmm::{CovarianceType, GaussianMixture, InitMethod};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Points around `k` correlated blobs in `d` dimensions, with random weights: enough rows for
/// many chunks and an uneven last one.
fn blobs(n: usize, d: usize, k: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let centres: Vec<f64> = (0..k * d).map(|_| rng.random_range(-20.0..20.0)).collect();
    let mut x = Vec::with_capacity(n * d);
    for _ in 0..n {
        let c = rng.random_range(0..k);
        let shared: f64 = rng.random_range(-2.0..2.0);
        for i in 0..d {
            x.push(centres[c * d + i] + shared * (i as f64 + 1.0) + rng.random_range(-1.0..1.0));
        }
    }
    let w = (0..n).map(|_| rng.random_range(0.5..3.0)).collect();
    (x, w)
}

fn fit_in_pool(
    threads: usize,
    t: CovarianceType,
    x: &[f64],
    d: usize,
    w: &[f64],
) -> GaussianMixture<f64> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let rows = gmm::flat_rows(x, d).expect("rows");
    pool.install(|| {
        GaussianMixture::params(4)
            .covariance_type(t)
            .tol(0.0)
            .max_iter(8)
            .seed(3)
            .fit_weighted(&rows, w)
            .expect("a fit")
    })
}

#[test]
fn one_two_and_three_threads_fit_the_same_model_to_the_last_bit() {
    for d in [2, 3] {
        let (x, w) = blobs(2_000 + 77, d, 4, 11 + d as u64);
        for t in [
            CovarianceType::Full,
            CovarianceType::Tied,
            CovarianceType::Diag,
            CovarianceType::Spherical,
        ] {
            let one = fit_in_pool(1, t, &x, d, &w);
            for threads in [2, 3] {
                let many = fit_in_pool(threads, t, &x, d, &w);
                assert_eq!(one, many, "{t:?}, d = {d}: 1 thread vs {threads}");
            }
        }
    }
}

/// Every initialisation (k-means with its k-means++ seeding, the seeds alone, random
/// responsibilities, random rows) gives the same initial model whatever the number of threads,
/// on more points than the passes hold partial results for at once.
#[test]
fn every_initialisation_is_the_same_on_one_and_two_threads() {
    for d in [2, 3] {
        let (x, w) = blobs(40_000 + 123, d, 6, 5 + d as u64);
        let rows = gmm::flat_rows(&x, d).expect("rows");
        for init in [
            InitMethod::KMeans,
            InitMethod::KMeansPlusPlus,
            InitMethod::Random,
            InitMethod::RandomFromData,
        ] {
            let fit = |threads| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("a thread pool");
                pool.install(|| {
                    GaussianMixture::params(6)
                        .init_method(init)
                        .max_iter(0)
                        .seed(9)
                        .fit_weighted(&rows, &w)
                        .expect("a fit")
                })
            };
            assert_eq!(fit(1), fit(2), "{init:?}, d = {d}");
        }
    }
}

/// `predict`, `predict_proba`, `score_samples` and the batches of `predict_proba_batches` run
/// their chunks of rows on the pool: the same bits on one, two and three threads, and the same
/// first row without a finite likelihood (there are two, in different chunks).
#[test]
fn predictions_are_the_same_on_one_two_and_three_threads() {
    for d in [2, 3] {
        let (x, w) = blobs(5_000 + 77, d, 4, 21 + d as u64);
        for t in [
            CovarianceType::Full,
            CovarianceType::Tied,
            CovarianceType::Diag,
            CovarianceType::Spherical,
        ] {
            let model = fit_in_pool(1, t, &x, d, &w);
            let mut far = x.clone();
            far[4_000 * d] = 1e200;
            far[1_700 * d + 1] = -1e200;
            let predict = |threads| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .expect("a thread pool");
                let rows = gmm::flat_rows(&x, d).expect("rows");
                let far = gmm::flat_rows(&far, d).expect("rows");
                pool.install(|| {
                    let batches: Vec<u64> = (model.predict_proba_batches(&rows, 1_500))
                        .expect("batches")
                        .flat_map(|b| b.expect("a batch").into_vec())
                        .map(f64::to_bits)
                        .collect();
                    (
                        model.predict(&rows).expect("labels"),
                        bits(model.predict_proba(&rows).expect("posteriors").as_slice()),
                        bits(&model.score_samples(&rows).expect("scores")),
                        batches,
                        model.score_samples(&far).unwrap_err(),
                    )
                })
            };
            let one = predict(1);
            assert_eq!(
                one.4,
                gmm::GmmError::NonFiniteLikelihood { row: 1_700 },
                "{t:?}"
            );
            assert_eq!(one.1, one.3, "{t:?}, d = {d}: the batches");
            for threads in [2, 3] {
                assert!(
                    one == predict(threads),
                    "{t:?}, d = {d}: 1 thread vs {threads}"
                );
            }
        }
    }
}

/// The bits of every value.
fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}
