//! Hostile data, each case with its stated expectation: a typed [`GmmError`], or a fit that is
//! correct (checked against an independent computation or an equivalent well-scaled fit). For
//! every covariance type where the type matters. Never a panic, never a NaN in a returned model.

use einsum::TensorRef;
use gmm::{CovarianceType, GaussianMixture, GmmError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const ALL_TYPES: [CovarianceType; 4] = [
    CovarianceType::Full,
    CovarianceType::Tied,
    CovarianceType::Diag,
    CovarianceType::Spherical,
];

/// Every parameter and score of `model` is finite, the weights are a probability vector and
/// every covariance is positive definite (its precision Cholesky factor has a positive
/// diagonal, which `score_samples` relies on).
#[track_caller]
fn assert_sane(model: &GaussianMixture<f64>, x: &[[f64; 2]]) {
    let finite = |name: &str, values: &[f64]| {
        assert!(
            values.iter().all(|v| v.is_finite()),
            "{name} not finite: {values:?}"
        );
    };
    finite("weights", model.weights());
    finite("means", model.means().data());
    finite("covariances", model.covariances().data());
    finite("precisions", model.precisions().data());
    finite("precisions_cholesky", model.precisions_cholesky().data());
    finite("lower bounds", model.lower_bound_history());
    assert!(model.weights().iter().all(|&w| (0.0..=1.0).contains(&w)));
    let sum: f64 = model.weights().iter().sum();
    assert!((sum - 1.0).abs() < 1e-12, "weights sum to {sum}");
    for c in 0..model.n_components() {
        let cov = model.covariance_matrix(c);
        let [a, b, _, d] = cov.as_slice().try_into().unwrap();
        // a d > b², without overflow at 1e150
        assert!(
            a > 0.0 && d > 0.0 && (b / a) * (b / d) < 1.0,
            "covariance {c}: {cov:?}"
        );
    }
    if !x.is_empty() {
        finite("score_samples", &model.score_samples(x).unwrap());
        assert_eq!(model.predict(x).unwrap().len(), x.len());
    }
}

/// Two correlated 2-D blobs of `n` points each, centred at (0, 0) and (6, 3).
fn two_blobs(n: usize, seed: u64) -> Vec<[f64; 2]> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..2 * n)
        .map(|i| {
            let (u, v): (f64, f64) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
            let centre = if i < n { [0.0, 0.0] } else { [6.0, 3.0] };
            [centre[0] + u + 0.5 * v, centre[1] + 0.8 * v]
        })
        .collect()
}

/// Parameters with fixed initial means (so that two fits start from the same point).
fn params(t: CovarianceType, means: &[[f64; 2]]) -> gmm::GmmParams<f64> {
    GaussianMixture::params(means.len())
        .covariance_type(t)
        .means_init(means)
        .tol(0.0)
        .max_iter(30)
}

fn max_relative(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(a, b)| (a - b).abs() / a.abs().max(b.abs()).max(1e-300))
        .fold(0.0, f64::max)
}

#[test]
fn nan_and_infinity_in_the_data_are_a_typed_error() {
    for t in ALL_TYPES {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut x = two_blobs(10, 1);
            x[13][1] = bad;
            let p = GaussianMixture::params(2).covariance_type(t);
            let want = Err(GmmError::NonFiniteData { row: 13, column: 1 });
            assert_eq!(p.fit(&x[..]), want, "{t:?} {bad}");
            assert_eq!(p.fit_weighted(&x[..], &[1.0; 20]), want, "{t:?} {bad}");
            // a fitted model refuses it too, rather than scoring it NaN
            let model = p.fit(&two_blobs(10, 1)[..]).unwrap();
            assert_eq!(model.score_samples(&x[..]), want.clone().map(|_| vec![]));
            assert_eq!(model.predict(&x[..]), want.clone().map(|_| vec![]));
        }
    }
}

#[test]
fn nan_and_infinity_in_the_weights_are_a_typed_error() {
    let x = two_blobs(10, 2);
    for t in ALL_TYPES {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut w = vec![1.0; 20];
            w[7] = bad;
            let result = GaussianMixture::params(2)
                .covariance_type(t)
                .fit_weighted(&x[..], &w);
            assert_eq!(result, Err(GmmError::NonFiniteWeight { index: 7 }), "{t:?}");
        }
    }
}

#[test]
fn empty_input_is_a_typed_error() {
    for t in ALL_TYPES {
        let p = GaussianMixture::<f64>::params(1).covariance_type(t);
        let none: &[[f64; 2]] = &[];
        assert_eq!(p.fit(none), Err(GmmError::EmptyData));
        assert_eq!(p.fit_weighted(none, &[]), Err(GmmError::EmptyData));
        let flat = gmm::flat_rows::<f64>(&[], 3).unwrap();
        assert_eq!(p.fit(&flat), Err(GmmError::EmptyData));
    }
}

#[test]
fn zero_dimensional_rows_are_a_typed_error() {
    for t in ALL_TYPES {
        let p = GaussianMixture::<f64>::params(1).covariance_type(t);
        let rows: &[[f64; 0]] = &[[], [], []];
        assert_eq!(p.fit(rows), Err(GmmError::ZeroDimension));
        let view = TensorRef::<f64, 2>::new(&[], [3, 0]).unwrap();
        assert_eq!(p.fit(&view), Err(GmmError::ZeroDimension));
        assert_eq!(gmm::flat_rows::<f64>(&[], 0), Err(GmmError::ZeroDimension));
    }
}

#[test]
fn fewer_samples_than_components_is_a_typed_error() {
    let x = two_blobs(2, 3);
    for t in ALL_TYPES {
        let result = GaussianMixture::params(5).covariance_type(t).fit(&x[..]);
        let want = GmmError::TooFewSamples {
            n_samples: 4,
            n_components: 5,
        };
        assert_eq!(result, Err(want), "{t:?}");
        // rows of weight zero do not count as samples
        let result = GaussianMixture::params(3)
            .covariance_type(t)
            .fit_weighted(&x[..], &[1.0, 0.0, 0.0, 1.0]);
        let want = GmmError::TooFewSamples {
            n_samples: 2,
            n_components: 3,
        };
        assert_eq!(result, Err(want), "{t:?}");
    }
}

#[test]
fn identical_points_fit_a_point_mass_widened_by_reg_covar() {
    let x = vec![[3.5, -1.25]; 40];
    for t in ALL_TYPES {
        // one component: the point, with covariance exactly reg_covar on the diagonal
        let model = GaussianMixture::params(1)
            .covariance_type(t)
            .reg_covar(1e-4)
            .fit(&x[..])
            .unwrap();
        assert_sane(&model, &x);
        assert_eq!(model.means().data(), &[3.5, -1.25], "{t:?}");
        let cov = model.covariance_matrix(0);
        assert!(
            max_relative(cov.as_slice(), &[1e-4, 0.0, 0.0, 1e-4]) < 1e-9,
            "{t:?}: {cov:?}"
        );
        // two components on one point: a typed error, or both components on the point
        match GaussianMixture::params(2).covariance_type(t).fit(&x[..]) {
            Ok(model) => {
                assert_sane(&model, &x);
                for c in 0..2 {
                    let w = model.weights()[c];
                    let mean = &model.means().data()[2 * c..2 * c + 2];
                    assert!(
                        w < 1e-9 || mean == [3.5, -1.25],
                        "{t:?}: {mean:?} weight {w}"
                    );
                }
            }
            Err(error) => assert!(
                matches!(error, GmmError::IllDefinedCovariance { .. }),
                "{t:?}: {error:?}"
            ),
        }
        // without regularisation the covariance is singular: a typed error
        let result = GaussianMixture::params(1)
            .covariance_type(t)
            .reg_covar(0.0)
            .fit(&x[..]);
        assert_eq!(
            result,
            Err(GmmError::IllDefinedCovariance { component: 0 }),
            "{t:?}"
        );
    }
}

/// Points on the line y = 2x (or on the x axis): a rank-deficient covariance.
#[test]
fn collinear_points_are_rescued_by_reg_covar() {
    let mut rng = StdRng::seed_from_u64(4);
    let line: Vec<[f64; 2]> = (0..60)
        .map(|i| {
            let s = rng.random_range(-1.0..1.0) + if i < 30 { 0.0 } else { 8.0 };
            [s, 2.0 * s]
        })
        .collect();
    let axis: Vec<[f64; 2]> = line.iter().map(|&[s, _]| [s, 0.0]).collect();
    for t in ALL_TYPES {
        for (name, x, start) in [
            ("y = 2x", &line, [[0.0, 0.0], [8.0, 16.0]]),
            ("y = 0", &axis, [[0.0, 0.0], [8.0, 0.0]]),
        ] {
            let model = params(t, &start).fit(&x[..]).unwrap();
            assert_sane(&model, x);
            let labels = model.predict(&x[..]).unwrap();
            assert!(labels[..30].iter().all(|&l| l == labels[0]), "{t:?} {name}");
            assert!(labels[30..].iter().all(|&l| l != labels[0]), "{t:?} {name}");
            // the fitted variance across the line is reg_covar, not 0
            let singular = match (t, name) {
                (CovarianceType::Full | CovarianceType::Tied, _) => true,
                (CovarianceType::Diag, name) => name == "y = 0",
                (CovarianceType::Spherical, _) => false,
            };
            let unregularised = params(t, &start).reg_covar(0.0).fit(&x[..]);
            if singular {
                assert!(
                    matches!(unregularised, Err(GmmError::IllDefinedCovariance { .. })),
                    "{t:?} {name}: {unregularised:?}"
                );
            } else {
                assert_sane(&unregularised.unwrap(), x);
            }
        }
    }
}

#[test]
fn zero_weight_rows_are_ignored() {
    let x = two_blobs(20, 5);
    let mut with_outliers = x.clone();
    with_outliers.extend([[1e6, -1e6], [-3e5, 7e5], [0.0, 1e7]]);
    let mut w = vec![1.0; 40];
    w.extend([0.0; 3]);
    for t in ALL_TYPES {
        let p = params(t, &[[0.0, 0.0], [6.0, 3.0]]);
        let a = p.fit_weighted(&with_outliers[..], &w).unwrap();
        let b = p.fit(&x[..]).unwrap();
        assert_sane(&a, &x);
        assert!(
            max_relative(a.means().data(), b.means().data()) < 1e-9,
            "{t:?}"
        );
        assert!(
            max_relative(a.covariances().data(), b.covariances().data()) < 1e-9,
            "{t:?}"
        );
        assert!(max_relative(a.weights(), b.weights()) < 1e-9, "{t:?}");
    }
}

/// Weights count relative to each other: scaling them all by 1e-300 or 1e300 fits the same
/// model as the unscaled weights.
#[test]
fn tiny_and_huge_weights_fit_like_unit_weights() {
    let x = two_blobs(20, 6);
    let mut rng = StdRng::seed_from_u64(6);
    let w: Vec<f64> = (0..40).map(|_| rng.random_range(1..5) as f64).collect();
    for t in ALL_TYPES {
        let p = params(t, &[[0.0, 0.0], [6.0, 3.0]]);
        let unit = p.fit_weighted(&x[..], &w).unwrap();
        for scale in [1e-300, 1e300] {
            let scaled: Vec<f64> = w.iter().map(|v| v * scale).collect();
            let model = p.fit_weighted(&x[..], &scaled).unwrap();
            assert_sane(&model, &x);
            for (what, a, b) in [
                ("means", model.means().data(), unit.means().data()),
                (
                    "covariances",
                    model.covariances().data(),
                    unit.covariances().data(),
                ),
                ("weights", model.weights(), unit.weights()),
            ] {
                let error = max_relative(a, b);
                assert!(
                    error < 1e-9,
                    "{t:?} scale {scale:e}: {what} differ by {error:e}"
                );
            }
        }
        // a weight of 1e-300 among weights of 1 counts for (almost) nothing
        let mut tiny = vec![1.0; 40];
        tiny[0] = 1e-300;
        let model = p.fit_weighted(&x[..], &tiny).unwrap();
        let without = p.fit(&x[1..]).unwrap();
        assert!(max_relative(model.means().data(), without.means().data()) < 1e-9);
    }
}

/// Data scaled by 1e150 or 1e-150 fits the scaled model (reg_covar 0, or the tiny data would
/// only see it): means scale by s, covariances by s².
#[test]
fn coordinates_near_1e150_and_1e_minus_150_fit_the_scaled_model() {
    let x = two_blobs(20, 7);
    for t in ALL_TYPES {
        let unit = params(t, &[[0.0, 0.0], [6.0, 3.0]])
            .reg_covar(0.0)
            .fit(&x[..])
            .unwrap();
        for s in [1e150, 1e-150] {
            let scaled: Vec<[f64; 2]> = x.iter().map(|&[a, b]| [a * s, b * s]).collect();
            let model = params(t, &[[0.0, 0.0], [6.0 * s, 3.0 * s]])
                .reg_covar(0.0)
                .fit(&scaled[..])
                .unwrap();
            assert_sane(&model, &scaled);
            let means: Vec<f64> = unit.means().data().iter().map(|m| m * s).collect();
            let covariances: Vec<f64> = unit
                .covariances()
                .data()
                .iter()
                .map(|c| c * s * s)
                .collect();
            assert!(
                max_relative(model.means().data(), &means) < 1e-9,
                "{t:?} {s:e}"
            );
            assert!(
                max_relative(model.covariances().data(), &covariances) < 1e-9,
                "{t:?} {s:e}"
            );
            assert!(
                max_relative(model.weights(), unit.weights()) < 1e-9,
                "{t:?} {s:e}"
            );
            assert_eq!(
                model.predict(&scaled[..]),
                unit.predict(&x[..]),
                "{t:?} {s:e}"
            );
        }
    }
}

/// One component: the weighted mean and the weighted covariance (+ reg_covar), computed here
/// directly, whatever the type.
#[test]
fn one_component_is_the_weighted_mean_and_covariance() {
    let x = two_blobs(15, 8);
    let mut rng = StdRng::seed_from_u64(8);
    let w: Vec<f64> = (0..30).map(|_| rng.random_range(0.1..3.0)).collect();
    let total: f64 = w.iter().sum();
    let mean: Vec<f64> = (0..2)
        .map(|j| x.iter().zip(&w).map(|(r, w)| w * r[j]).sum::<f64>() / total)
        .collect();
    let cov = |i: usize, j: usize| {
        x.iter()
            .zip(&w)
            .map(|(r, w)| w * (r[i] - mean[i]) * (r[j] - mean[j]))
            .sum::<f64>()
            / total
    };
    let reg = 1e-6;
    let (a, b, d) = (cov(0, 0) + reg, cov(0, 1), cov(1, 1) + reg);
    for t in ALL_TYPES {
        let model = GaussianMixture::params(1)
            .covariance_type(t)
            .fit_weighted(&x[..], &w)
            .unwrap();
        assert_sane(&model, &x);
        assert!(model.converged());
        assert!(max_relative(model.means().data(), &mean) < 1e-12, "{t:?}");
        let want = match t {
            CovarianceType::Full | CovarianceType::Tied => [a, b, b, d],
            CovarianceType::Diag => [a, 0.0, 0.0, d],
            CovarianceType::Spherical => [(a + d) / 2.0, 0.0, 0.0, (a + d) / 2.0],
        };
        let got = model.covariance_matrix(0);
        assert!(
            max_relative(got.as_slice(), &want) < 1e-12,
            "{t:?}: {got:?}"
        );
        assert_eq!(model.weights(), &[1.0]);
    }
}

/// In one dimension full, diag and spherical are the same model; tied shares one variance.
#[test]
fn one_dimension_fits_the_same_model_with_every_per_component_type() {
    let x: Vec<[f64; 1]> = two_blobs(20, 9).iter().map(|&[a, _]| [a]).collect();
    let fit = |t| {
        GaussianMixture::params(2)
            .covariance_type(t)
            .means_init(&[[0.0], [6.0]])
            .tol(0.0)
            .max_iter(30)
            .fit(&x[..])
            .unwrap()
    };
    let full = fit(CovarianceType::Full);
    for t in [CovarianceType::Diag, CovarianceType::Spherical] {
        let other = fit(t);
        assert!(max_relative(other.means().data(), full.means().data()) < 1e-12);
        assert!(max_relative(other.covariances().data(), full.covariances().data()) < 1e-12);
    }
    let means = full.means();
    assert!((means.data()[0] - 0.0).abs() < 0.5 && (means.data()[1] - 6.0).abs() < 0.5);
    let tied = fit(CovarianceType::Tied);
    assert_eq!(tied.covariances().data().len(), 1);
    assert!(tied.covariances().data()[0] > 0.0);
    let labels = tied.predict(&x[..]).unwrap();
    assert!(labels[..20].iter().all(|&l| l == 0) && labels[20..].iter().all(|&l| l == 1));
}

/// A component started far from every point owns none of them after the first E-step: the fit
/// either keeps it as a finite component of weight ~0 or reports a typed error.
#[test]
fn a_component_that_loses_all_its_points_is_no_nan() {
    let x = two_blobs(20, 10);
    for t in ALL_TYPES {
        for far in [[50.0, -40.0], [1e6, 1e6]] {
            let result = params(t, &[[0.0, 0.0], [6.0, 3.0], far]).fit(&x[..]);
            match result {
                Ok(model) => {
                    assert_sane(&model, &x);
                    assert!(model.weights()[2] < 1e-6, "{t:?}: {:?}", model.weights());
                    // the two real blobs are still found
                    let labels = model.predict(&x[..]).unwrap();
                    assert!(labels[..20].iter().all(|&l| l == labels[0]), "{t:?}");
                    assert!(labels[20..].iter().all(|&l| l == labels[20]), "{t:?}");
                }
                Err(error) => assert!(
                    matches!(
                        error,
                        GmmError::IllDefinedCovariance { .. }
                            | GmmError::NonFiniteLikelihood { .. }
                    ),
                    "{t:?} {far:?}: {error:?}"
                ),
            }
        }
    }
}
