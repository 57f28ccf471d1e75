//! Behaviour beyond the fixed-step parity: initialisations, errors, sample weights, warm start,
//! sampling, posteriors, f32, data layouts.

mod common;

use common::centred_uniform;
use common::fixture::{Fixture, fixture_dir, load};
use common::parity::flatten;
use einsum::TensorRef;
use gmm::{CovarianceType, GaussianMixture, GmmError, InitMethod};

const ALL_TYPES: [CovarianceType; 4] = [
    CovarianceType::Full,
    CovarianceType::Tied,
    CovarianceType::Diag,
    CovarianceType::Spherical,
];

fn fixture(name: &str) -> Fixture {
    load(&fixture_dir().join(name)).unwrap()
}

fn rows<const D: usize>(f: &Fixture) -> Vec<[f64; D]> {
    f.x.iter()
        .map(|r| <[f64; D]>::try_from(r.as_slice()).unwrap())
        .collect()
}

fn max_relative(a: &[f64], b: &[f64]) -> f64 {
    common::parity::relative_error(a, b)
}

/// The fixture's after-100 score: the optimum its initial parameters lead to.
fn reference_score(f: &Fixture) -> f64 {
    f.after.iter().find(|a| a.n_iter == 100).unwrap().score
}

#[test]
fn kmeans_init_reaches_the_sklearn_optimum_on_blobs3d() {
    for t in ["full", "tied", "diag", "spherical"] {
        let f = fixture(&format!("blobs3d-{t}.json"));
        let x = rows::<3>(&f);
        let model = GaussianMixture::params(f.n_components)
            .covariance_type(t.parse().unwrap())
            .seed(0)
            .fit(&x)
            .unwrap();
        let score = model.score(&x).unwrap();
        let reference = reference_score(&f);
        assert!(model.converged(), "{t}");
        assert!(
            (model.lower_bound() - reference).abs() < 1e-2,
            "{t}: {} vs {reference}",
            model.lower_bound()
        );
        assert!(score >= reference - 1e-3, "{t}: {score} vs {reference}");
    }
}

#[test]
fn kmeans_plus_plus_init_reaches_the_sklearn_optimum_on_blobs3d() {
    let f = fixture("blobs3d-full.json");
    let x = rows::<3>(&f);
    let model = GaussianMixture::params(f.n_components)
        .init_method(InitMethod::KMeansPlusPlus)
        .n_init(3)
        .seed(1)
        .fit(&x)
        .unwrap();
    let reference = reference_score(&f);
    assert!(
        (model.score(&x).unwrap() - reference).abs() < 1e-2,
        "{} vs {reference}",
        model.score(&x).unwrap()
    );
}

#[test]
fn random_inits_fit_without_error_and_are_reproducible() {
    let f = fixture("iris-full.json");
    let x = rows::<4>(&f);
    for init in [InitMethod::Random, InitMethod::RandomFromData] {
        for t in ALL_TYPES {
            let params = GaussianMixture::params(3)
                .covariance_type(t)
                .init_method(init)
                .seed(11);
            let a = params.fit(&x).unwrap();
            assert_eq!(a, params.fit(&x).unwrap(), "{init:?} {t:?}");
            assert!(a.score(&x).unwrap().is_finite());
        }
    }
}

#[test]
fn more_inits_never_lower_the_best_lower_bound() {
    let f = fixture("iris-full.json");
    let x = rows::<4>(&f);
    let params = GaussianMixture::params(3)
        .init_method(InitMethod::Random)
        .seed(5);
    let one = params.clone().n_init(1).fit(&x).unwrap();
    let five = params.n_init(5).fit(&x).unwrap();
    assert!(five.lower_bound() >= one.lower_bound());
}

#[test]
fn integer_weights_equal_repeated_rows() {
    let f = fixture("weighted2d-full.json");
    let x = rows::<2>(&f);
    let w = f.sample_weight.clone().unwrap();
    let repeated: Vec<[f64; 2]> = x
        .iter()
        .zip(&w)
        .flat_map(|(r, &c)| std::iter::repeat_n(*r, c as usize))
        .collect();
    let means: Vec<[f64; 2]> = f.init.means.iter().map(|r| [r[0], r[1]]).collect();
    for t in ALL_TYPES {
        // From given initial parameters.
        let precisions = match t {
            CovarianceType::Full => flatten(&f.init.precisions).unwrap(),
            CovarianceType::Tied => flatten(&f.init.precisions).unwrap()[..4].to_vec(),
            CovarianceType::Diag => vec![0.2, 0.3, 0.2, 0.3, 0.2, 0.3],
            CovarianceType::Spherical => vec![0.25; 3],
        };
        let given = GaussianMixture::params(3)
            .covariance_type(t)
            .weights_init(f.init.weights.clone())
            .means_init(&means)
            .precisions_init(precisions)
            .check()
            .unwrap();
        let a = given.fit_weighted(&x, &w).unwrap();
        let b = given.fit(&repeated).unwrap();
        assert_eq!(a.n_iter(), b.n_iter(), "{t:?}");
        assert!(
            max_relative(a.means().data(), b.means().data()) < 1e-10,
            "{t:?}"
        );
        assert!(
            max_relative(a.covariances().data(), b.covariances().data()) < 1e-10,
            "{t:?}"
        );
        assert!((a.lower_bound() - b.lower_bound()).abs() < 1e-10);
        assert!((a.bic_weighted(&x, &w).unwrap() - b.bic(&repeated).unwrap()).abs() < 1e-8);
        assert!((a.aic_weighted(&x, &w).unwrap() - b.aic(&repeated).unwrap()).abs() < 1e-8);
        assert!((a.score_weighted(&x, &w).unwrap() - b.score(&repeated).unwrap()).abs() < 1e-12);

        // From the default k-means initialisation, weighted like the repeated rows.
        let default = GaussianMixture::params(3)
            .covariance_type(t)
            .check()
            .unwrap();
        let a = default.fit_weighted(&x, &w).unwrap();
        let b = default.fit(&repeated).unwrap();
        assert!(
            max_relative(a.means().data(), b.means().data()) < 1e-8,
            "{t:?}"
        );
    }
}

#[test]
fn zero_weight_rows_do_not_count() {
    let x: &[[f64; 1]] = &[[0.0], [0.2], [100.0], [4.0], [4.3]];
    let w = [1.0, 1.0, 0.0, 1.0, 1.0];
    let params = GaussianMixture::params(2)
        .tol(0.0)
        .max_iter(20)
        .check()
        .unwrap();
    let a = params.fit_weighted(x, &w).unwrap();
    let b = params.fit(&[[0.0], [0.2], [4.0], [4.3]]).unwrap();
    assert!(max_relative(a.means().data(), b.means().data()) < 1e-9);
}

#[test]
fn warm_start_continues_where_the_model_stopped() {
    let f = fixture("iris-diag.json");
    let x = rows::<4>(&f);
    let params = GaussianMixture::params(3)
        .covariance_type(CovarianceType::Diag)
        .tol(0.0)
        .max_iter(4);
    let first = params.fit(&x).unwrap();
    let valid = params.clone().check().unwrap();
    let continued = valid.warm_start(&first, &x, None).unwrap();
    let direct = params.max_iter(8).fit(&x).unwrap();
    assert_eq!(continued.means(), direct.means());
    assert_eq!(continued.covariances(), direct.covariances());
    assert_eq!(continued.n_iter(), 4);
    assert_eq!(
        &direct.lower_bound_history()[4..],
        continued.lower_bound_history()
    );

    // Converges immediately when the model already is at a fixed point.
    let converged = GaussianMixture::params(3)
        .covariance_type(CovarianceType::Diag)
        .tol(1e-8)
        .max_iter(1000);
    let model = converged.fit(&x).unwrap();
    let again = converged
        .check()
        .unwrap()
        .warm_start(&model, &x, None)
        .unwrap();
    assert!(again.converged());
    assert_eq!(again.n_iter(), 1);

    // A model of another shape is refused.
    let other = GaussianMixture::params(2).check().unwrap();
    assert!(matches!(
        other.warm_start(&model, &x, None),
        Err(GmmError::InvalidParameter { .. })
    ));
    let narrow: Vec<[f64; 3]> = x.iter().map(|r| [r[0], r[1], r[2]]).collect();
    let same = GaussianMixture::params(3)
        .covariance_type(CovarianceType::Diag)
        .check()
        .unwrap();
    assert!(matches!(
        same.warm_start(&model, &narrow, None),
        Err(GmmError::DimensionMismatch { .. })
    ));
}

#[test]
fn sample_is_reproducible_and_follows_the_model() {
    let f = fixture("blobs3d-full.json");
    let x = rows::<3>(&f);
    let model = GaussianMixture::params(4).fit(&x).unwrap();
    let (a, la) = model.sample(20_000, 3).unwrap();
    let (b, lb) = model.sample(20_000, 3).unwrap();
    assert_eq!((&a, &la), (&b, &lb));
    let (c, _) = model.sample(20_000, 4).unwrap();
    assert_ne!(a, c);
    assert_eq!(a.shape(), [20_000, 3]);
    // Grouped by component, in proportion to the weights.
    assert!(la.windows(2).all(|w| w[0] <= w[1]));
    for (component, &weight) in model.weights().iter().enumerate() {
        let count = la.iter().filter(|&&l| l == component).count() as f64 / 20_000.0;
        assert!((count - weight).abs() < 0.02, "{count} vs {weight}");
        // The sample mean of each component is near its mean.
        let members: Vec<&[f64]> = a
            .as_slice()
            .chunks(3)
            .zip(&la)
            .filter(|(_, l)| **l == component)
            .map(|(r, _)| r)
            .collect();
        for i in 0..3 {
            let mean = members.iter().map(|r| r[i]).sum::<f64>() / members.len() as f64;
            let sd = model.covariance_matrix(component)[[i, i]].sqrt();
            assert!(
                (mean - model.means().data()[component * 3 + i]).abs() < 0.1 * sd,
                "component {component} axis {i}"
            );
        }
    }
    assert!(matches!(
        model.sample(0, 1),
        Err(GmmError::InvalidParameter { .. })
    ));
}

#[test]
fn predict_proba_rows_sum_to_one_and_agree_with_predict() {
    let f = fixture("iris-full.json");
    let x = rows::<4>(&f);
    for t in ALL_TYPES {
        let model = GaussianMixture::params(3)
            .covariance_type(t)
            .fit(&x)
            .unwrap();
        let p = model.predict_proba(&x).unwrap();
        let labels = model.predict(&x).unwrap();
        assert_eq!(p.shape(), [150, 3]);
        for (row, &label) in p.as_slice().chunks(3).zip(&labels) {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(row.iter().all(|&v| (0.0..=1.0).contains(&v)));
            assert!(row.iter().all(|&v| v <= row[label]));
        }
    }
}

#[test]
fn flat_data_with_runtime_dimension_fits_like_fixed_rows() {
    let f = fixture("blobs3d-tied.json");
    let x = rows::<3>(&f);
    let (flat, d) = f.flat_x();
    let view = TensorRef::new(&flat, [flat.len() / d, d]).unwrap();
    let params = GaussianMixture::params(4).covariance_type(CovarianceType::Tied);
    let a = params.fit(&x).unwrap();
    let b = params.fit(&view).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a.score_samples(&x).unwrap(),
        b.score_samples(&view).unwrap()
    );
}

#[test]
fn f32_fits_close_to_f64() {
    let f = fixture("iris-full.json");
    let x64 = rows::<4>(&f);
    let x32: Vec<[f32; 4]> = x64.iter().map(|r| r.map(|v| v as f32)).collect();
    for t in ALL_TYPES {
        let means64: Vec<[f64; 4]> = f
            .init
            .means
            .iter()
            .map(|r| [r[0], r[1], r[2], r[3]])
            .collect();
        let means32: Vec<[f32; 4]> = means64.iter().map(|r| r.map(|v| v as f32)).collect();
        let m64 = GaussianMixture::params(3)
            .covariance_type(t)
            .tol(0.0)
            .max_iter(20)
            .means_init(&means64);
        let m32 = GaussianMixture::params(3)
            .covariance_type(t)
            .tol(0.0)
            .max_iter(20)
            .means_init(&means32);
        let a = m64.fit(&x64).unwrap();
        let b = m32.fit(&x32).unwrap();
        let b_means: Vec<f64> = b.means().data().iter().map(|&v| v as f64).collect();
        assert!(max_relative(&b_means, a.means().data()) < 1e-3, "{t:?}");
        assert!(
            (b.score(&x32).unwrap() as f64 - a.score(&x64).unwrap()).abs() < 1e-3,
            "{t:?}"
        );
    }
}

#[test]
fn callback_sees_every_iteration_of_every_run() {
    let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0], [9.0], [9.5]];
    let params = GaussianMixture::params(2)
        .n_init(3)
        .init_method(InitMethod::Random)
        .check()
        .unwrap();
    let mut seen = Vec::new();
    let model = params.fit_with(x, None, |p| seen.push(p)).unwrap();
    assert_eq!(seen.iter().map(|p| p.run).max(), Some(2));
    assert!(
        seen.iter()
            .all(|p| p.iteration >= 1 && p.lower_bound.is_finite())
    );
    assert!(
        seen.iter()
            .filter(|p| p.iteration == 1)
            .all(|p| p.change == f64::INFINITY)
    );
    assert!(seen.iter().any(|p| p.lower_bound == model.lower_bound()));
}

#[test]
fn bad_data_is_a_typed_error() {
    let params = GaussianMixture::<f64>::params(2).check().unwrap();
    let empty: &[[f64; 2]] = &[];
    assert_eq!(params.fit(empty), Err(GmmError::EmptyData));
    let flat: [f64; 0] = [];
    let no_columns = TensorRef::new(&flat, [3, 0]).unwrap();
    assert_eq!(params.fit(&no_columns), Err(GmmError::ZeroDimension));
    assert_eq!(
        params.fit(&[[1.0, 2.0]]),
        Err(GmmError::TooFewSamples {
            n_samples: 1,
            n_components: 2
        })
    );
    assert_eq!(
        params.fit(&[[1.0, 2.0], [3.0, f64::INFINITY]]),
        Err(GmmError::NonFiniteData { row: 1, column: 1 })
    );
    assert_eq!(
        params.fit(&[[1.0, 2.0], [f64::NAN, 0.0]]),
        Err(GmmError::NonFiniteData { row: 1, column: 0 })
    );
}

#[test]
fn bad_weights_are_a_typed_error() {
    let params = GaussianMixture::<f64>::params(2).check().unwrap();
    let x: &[[f64; 1]] = &[[0.0], [1.0], [2.0]];
    assert_eq!(
        params.fit_weighted(x, &[1.0, 1.0]),
        Err(GmmError::WeightCount {
            expected: 3,
            found: 2
        })
    );
    assert_eq!(
        params.fit_weighted(x, &[1.0, f64::NAN, 1.0]),
        Err(GmmError::NonFiniteWeight { index: 1 })
    );
    assert_eq!(
        params.fit_weighted(x, &[1.0, 1.0, -1.0]),
        Err(GmmError::NegativeWeight { index: 2 })
    );
    assert_eq!(
        params.fit_weighted(x, &[0.0, 0.0, 0.0]),
        Err(GmmError::WeightSum)
    );
    assert_eq!(
        params.fit_weighted(x, &[f64::MAX, f64::MAX, 1.0]),
        Err(GmmError::WeightSum)
    );
    assert_eq!(
        params.fit_weighted(x, &[0.0, 0.0, 1.0]),
        Err(GmmError::TooFewSamples {
            n_samples: 1,
            n_components: 2
        })
    );
    let model = GaussianMixture::params(1).fit(x).unwrap();
    assert_eq!(
        model.score_weighted(x, &[1.0, -2.0, 1.0]),
        Err(GmmError::NegativeWeight { index: 1 })
    );
}

#[test]
fn bad_parameters_are_a_typed_error() {
    let invalid =
        |p: gmm::GmmParams<f64>| matches!(p.check(), Err(GmmError::InvalidParameter { .. }));
    assert!(invalid(GaussianMixture::params(0)));
    assert!(invalid(GaussianMixture::params(2).n_init(0)));
    assert!(invalid(GaussianMixture::params(2).tol(-1.0)));
    assert!(invalid(GaussianMixture::params(2).tol(f64::NAN)));
    assert!(invalid(GaussianMixture::params(2).reg_covar(f64::INFINITY)));
    assert!("banana".parse::<CovarianceType>().is_err());
}

#[test]
fn bad_initial_parameters_are_a_typed_error() {
    let base = || GaussianMixture::<f64>::params(2);
    let err = |p: gmm::GmmParams<f64>| p.check().unwrap_err();
    assert_eq!(
        err(base().weights_init(vec![1.0])),
        GmmError::InitShape {
            name: "weights",
            expected: 2,
            found: 1
        }
    );
    assert!(matches!(
        err(base().weights_init(vec![0.7, 0.7])),
        GmmError::InitWeights { .. }
    ));
    assert!(matches!(
        err(base().weights_init(vec![-0.5, 1.5])),
        GmmError::InitWeights { .. }
    ));
    assert!(matches!(
        err(base().means_init(&[[0.0, 1.0]])),
        GmmError::InitShape { name: "means", .. }
    ));
    assert_eq!(
        err(base().means_init(&[[0.0], [f64::NAN]])),
        GmmError::InitNonFiniteMeans
    );
    // Precisions of the wrong size for the means' dimension.
    assert!(matches!(
        err(base()
            .means_init(&[[0.0], [1.0]])
            .precisions_init(vec![1.0; 8])),
        GmmError::InitShape {
            name: "precisions",
            expected: 2,
            found: 8
        }
    ));
    // Not positive definite, not symmetric, not positive.
    let indefinite = vec![1.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 1.0];
    assert_eq!(
        err(base().precisions_init(indefinite)),
        GmmError::InitNotPositiveDefinite { component: 1 }
    );
    let asymmetric = vec![2.0, 1.0, 0.0, 2.0, 1.0, 0.0, 0.0, 1.0];
    assert_eq!(
        err(base().precisions_init(asymmetric)),
        GmmError::InitNotPositiveDefinite { component: 0 }
    );
    let diag = base()
        .covariance_type(CovarianceType::Diag)
        .precisions_init(vec![1.0, 1.0, 0.0, 1.0]);
    assert_eq!(
        err(diag),
        GmmError::InitNotPositiveDefinite { component: 1 }
    );
    let spherical = base()
        .covariance_type(CovarianceType::Spherical)
        .precisions_init(vec![1.0, -1.0]);
    assert_eq!(
        err(spherical),
        GmmError::InitNotPositiveDefinite { component: 1 }
    );
    // Means of another dimension than the data.
    let params = base().means_init(&[[0.0], [1.0]]).check().unwrap();
    assert_eq!(
        params.fit(&[[0.0, 0.0], [1.0, 1.0]]),
        Err(GmmError::DimensionMismatch {
            expected: 1,
            found: 2
        })
    );
}

#[test]
fn collapsed_components_are_an_ill_defined_covariance_error() {
    let x: &[[f64; 2]] = &[[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [1.0, 1.0]];
    for t in ALL_TYPES {
        let result = GaussianMixture::params(2)
            .covariance_type(t)
            .reg_covar(0.0)
            .fit(x);
        assert!(
            matches!(result, Err(GmmError::IllDefinedCovariance { .. })),
            "{t:?}: {result:?}"
        );
        // The default regularisation makes the same fit well defined.
        let model = GaussianMixture::params(2)
            .covariance_type(t)
            .fit(x)
            .unwrap();
        assert!(model.covariances().data().iter().all(|v| v.is_finite()));
    }
}

#[test]
fn scoring_data_of_another_dimension_is_an_error() {
    let x: &[[f64; 2]] = &[[0.0, 0.0], [1.0, 0.5], [0.2, 1.0]];
    let model = GaussianMixture::params(1).fit(x).unwrap();
    let other: &[[f64; 3]] = &[[0.0, 0.0, 0.0]];
    assert_eq!(
        model.predict(other),
        Err(GmmError::DimensionMismatch {
            expected: 2,
            found: 3
        })
    );
    assert!(model.score_samples(other).is_err());
    assert!(model.predict_proba(other).is_err());
    assert!(model.bic(other).is_err());
}

#[test]
fn far_outliers_are_an_error_not_a_nan() {
    let x: &[[f64; 1]] = &[[0.0], [0.1], [0.2]];
    let model = GaussianMixture::params(1).fit(x).unwrap();
    let result = model.score_samples(&[[1e200]]);
    assert!(
        matches!(result, Err(GmmError::NonFiniteLikelihood { row: 0 })),
        "{result:?}"
    );
}

#[test]
fn max_iter_zero_returns_the_initial_parameters() {
    let x: &[[f64; 1]] = &[[0.0], [0.1], [3.0], [3.2]];
    let model = GaussianMixture::params(2)
        .weights_init(vec![0.5, 0.5])
        .means_init(&[[0.0], [3.0]])
        .precisions_init(vec![4.0, 1.0])
        .max_iter(0)
        .fit(x)
        .unwrap();
    assert_eq!(model.n_iter(), 0);
    assert_eq!(model.means().data(), &[0.0, 3.0]);
    assert_eq!(model.precisions().data(), &[4.0, 1.0]);
    assert_eq!(model.covariances().data(), &[0.25, 1.0]);
    assert!(!model.converged());
}

#[test]
fn overflowing_sums_are_an_error_not_a_nan() {
    // a sum of 4e308 (weights count only relative to each other, so huge weights do not
    // overflow: tests/hostile.rs)
    let x: &[[f64; 1]] = &[[1e308], [1.5e308], [1.5e308]];
    let result = GaussianMixture::params(1).fit(x);
    assert_eq!(result, Err(GmmError::NonFiniteParameters));
}

#[test]
fn data_of_the_wrong_rank_is_a_shape_error() {
    let flat = [0.0; 8];
    let shape = [2, 2, 2];
    let cube = einsum::DynTensorRef::new(&flat, &shape).unwrap();
    let result = GaussianMixture::params(1).fit(&cube);
    assert!(matches!(result, Err(GmmError::Shape(_))), "{result:?}");
    assert!(matches!(gmm::flat_rows(&flat, 3), Err(GmmError::Shape(_))));
    assert_eq!(gmm::flat_rows(&flat, 0), Err(GmmError::ZeroDimension));
}

/// Moving the data far from the origin moves the means with it and leaves the rest as it was:
/// the high-d E- and M-steps expand their squared distances and second moments into matrix
/// products (as scikit-learn does, whose terms would then cancel by `offset² / variance`), so
/// they centre the chunk near the data first. Three tight groups in 16 dimensions and in 2
/// (the `d = 2` path), offsets 10⁴ to 10⁶ (the data's own rounding there is 10⁻¹⁰ of the
/// spread).
#[test]
fn fits_far_from_the_origin_are_translated_fits_near_it() {
    for d in [16, 2] {
        fits_far_from_the_origin_in(d);
    }
}

fn fits_far_from_the_origin_in(d: usize) {
    let (n, k) = (3_000, 3);
    let mut uniform = centred_uniform(0x2545_f491_4f6c_dd1d);
    let near: Vec<f64> = (0..n)
        .flat_map(|row| {
            let group = (row % k) as f64;
            let spread = 0.05 + 0.1 * group;
            (0..d)
                .map(|i| 3.0 * group * ((i % 3) as f64 - 1.0) + spread * uniform())
                .collect::<Vec<_>>()
        })
        .collect();
    let fit = |covariance_type, offset: f64| {
        let x: Vec<f64> = near.iter().map(|v| v + offset).collect();
        let means: Vec<f64> = x[..k * d].to_vec();
        GaussianMixture::params(k)
            .covariance_type(covariance_type)
            .means_init(&gmm::flat_rows(&means, d).unwrap())
            .max_iter(20)
            .tol(0.0)
            .fit(&gmm::flat_rows(&x, d).unwrap())
            .unwrap()
    };
    for covariance_type in [
        CovarianceType::Full,
        CovarianceType::Tied,
        CovarianceType::Diag,
        CovarianceType::Spherical,
    ] {
        let reference = fit(covariance_type, 0.0);
        for offset in [1e4, 1e5, 1e6] {
            let far = fit(covariance_type, offset);
            let moved: Vec<f64> = far.means().data().iter().map(|m| m - offset).collect();
            let mean_error = moved
                .iter()
                .zip(reference.means().data())
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(
                mean_error < 1e-8,
                "{covariance_type:?}, d = {d}, offset {offset}: means off by {mean_error:e}"
            );
            let covariance_error =
                max_relative(far.covariances().data(), reference.covariances().data());
            assert!(
                covariance_error < 1e-6,
                "{covariance_type:?}, d = {d}, offset {offset}: covariances off by \
                 {covariance_error:e}"
            );
            let bound_error = (far.lower_bound() - reference.lower_bound()).abs();
            assert!(
                bound_error < 1e-6,
                "{covariance_type:?}, d = {d}, offset {offset}: lower bound off by {bound_error:e}"
            );
        }
    }
}

/// `L` with `m = L Lᵀ` (`d x d`, row-major).
fn cholesky(m: &[f64], d: usize) -> Vec<f64> {
    let mut l = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..=i {
            let s: f64 = (0..j).map(|t| l[i * d + t] * l[j * d + t]).sum();
            l[i * d + j] = if i == j {
                (m[i * d + i] - s).sqrt()
            } else {
                (m[i * d + j] - s) / l[j * d + j]
            };
        }
    }
    l
}

/// One EM iteration written out plainly (scikit-learn's formulas), from the components'
/// squared distances `distance(c, x)` and `ln det` of their precisions' square roots.
fn plain_iteration(
    x: &[f64],
    d: usize,
    weights: &[f64],
    distance: impl Fn(usize, &[f64]) -> f64,
    half_log_det: &[f64],
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let k = weights.len();
    let n = x.len() / d;
    let mut resp = vec![0.0; n * k];
    for (row, r) in x.chunks_exact(d).zip(resp.chunks_exact_mut(k)) {
        for c in 0..k {
            r[c] = weights[c].ln() + half_log_det[c]
                - 0.5 * (d as f64 * (2.0 * std::f64::consts::PI).ln() + distance(c, row));
        }
        let max = r.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = r.iter().map(|v| (v - max).exp()).sum();
        for v in r.iter_mut() {
            *v = (*v - max).exp() / total;
        }
    }
    let nk: Vec<f64> = (0..k)
        .map(|c| (0..n).map(|i| resp[i * k + c]).sum::<f64>() + 10.0 * f64::EPSILON)
        .collect();
    let mut new_means = vec![0.0; k * d];
    let mut covariances = vec![0.0; k * d * d];
    for c in 0..k {
        for i in 0..n {
            for a in 0..d {
                new_means[c * d + a] += resp[i * k + c] * x[i * d + a] / nk[c];
            }
        }
        for i in 0..n {
            for a in 0..d {
                for b in 0..d {
                    let (da, db) = (
                        x[i * d + a] - new_means[c * d + a],
                        x[i * d + b] - new_means[c * d + b],
                    );
                    covariances[(c * d + a) * d + b] += resp[i * k + c] * da * db / nk[c];
                }
            }
        }
        for a in 0..d {
            covariances[(c * d + a) * d + a] += 1e-6;
        }
    }
    let total: f64 = nk.iter().sum();
    (
        nk.iter().map(|v| v / total).collect(),
        new_means,
        covariances,
    )
}

/// Full covariances in 40 dimensions (three blocks of coordinates in the kernels, the last
/// partial) over three chunks of points, the last partial: two iterations from initial
/// precisions (lower-triangular factors, then upper-triangular ones from the covariances) are
/// the plainly written ones.
#[test]
fn full_iterations_in_forty_dimensions_are_the_plain_ones() {
    let (n, d, k) = (1_200, 40, 3);
    let mut uniform = centred_uniform(0x9e37_79b9_7f4a_7c15);
    let x: Vec<f64> = (0..n)
        .flat_map(|row| {
            let group = (row % k) as f64;
            let shared = uniform();
            (0..d)
                .map(|i| 0.1 * group * ((i % 4) as f64 - 1.5) + shared + 0.5 * uniform())
                .collect::<Vec<_>>()
        })
        .collect();
    let weights = vec![0.2, 0.3, 0.5];
    let means: Vec<f64> = x[..k * d].to_vec();
    // Each precision 4 I + 0.5 a aᵀ for a component's own vector a: dense, positive definite.
    let precisions: Vec<f64> = (0..k)
        .flat_map(|c| {
            let a: Vec<f64> = (0..d).map(|i| ((i + c) % 5) as f64 / 5.0).collect();
            let mut p = vec![0.0; d * d];
            for i in 0..d {
                for j in 0..d {
                    p[i * d + j] = 0.5 * a[i] * a[j] + if i == j { 4.0 } else { 0.0 };
                }
            }
            p
        })
        .collect();
    let fit = GaussianMixture::params(k)
        .covariance_type(CovarianceType::Full)
        .weights_init(weights.clone())
        .means_init(&gmm::flat_rows(&means, d).unwrap())
        .precisions_init(precisions.clone())
        .max_iter(2)
        .tol(0.0)
        .fit(&gmm::flat_rows(&x, d).unwrap())
        .unwrap();

    // From the precisions: (x - μ)ᵀ Λ (x - μ).
    let half_log_det: Vec<f64> = (0..k)
        .map(|c| {
            let l = cholesky(&precisions[c * d * d..(c + 1) * d * d], d);
            (0..d).map(|i| l[i * d + i].ln()).sum()
        })
        .collect();
    let quadratic = |c: usize, row: &[f64]| {
        let p = &precisions[c * d * d..(c + 1) * d * d];
        let diff: Vec<f64> = (0..d).map(|i| row[i] - means[c * d + i]).collect();
        (0..d)
            .map(|i| {
                (0..d)
                    .map(|j| diff[i] * p[i * d + j] * diff[j])
                    .sum::<f64>()
            })
            .sum()
    };
    let (w1, m1, cov1) = plain_iteration(&x, d, &weights, quadratic, &half_log_det);
    // From the covariances: |L⁻¹ (x - μ)|² with Σ = L Lᵀ.
    let factors: Vec<Vec<f64>> = (0..k)
        .map(|c| cholesky(&cov1[c * d * d..(c + 1) * d * d], d))
        .collect();
    let half_log_det: Vec<f64> = factors
        .iter()
        .map(|l| -(0..d).map(|i| l[i * d + i].ln()).sum::<f64>())
        .collect();
    let solved = |c: usize, row: &[f64]| {
        let l = &factors[c];
        let mut z = vec![0.0; d];
        for i in 0..d {
            let s: f64 = (0..i).map(|j| l[i * d + j] * z[j]).sum();
            z[i] = (row[i] - m1[c * d + i] - s) / l[i * d + i];
        }
        z.iter().map(|v| v * v).sum()
    };
    let (w2, m2, cov2) = plain_iteration(&x, d, &w1, solved, &half_log_det);
    for (what, got, want, tolerance) in [
        ("weights", fit.weights().to_vec(), w2, 1e-10),
        ("means", fit.means().data().to_vec(), m2, 1e-10),
        ("covariances", fit.covariances().data().to_vec(), cov2, 1e-9),
    ] {
        let error = max_relative(&got, &want);
        assert!(error < tolerance, "{what}: off by {error:e}");
    }
}
