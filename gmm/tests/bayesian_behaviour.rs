//! Behaviour of `BayesianGaussianMixture` beyond the scikit-learn fixtures: f32, warm start,
//! n_init, weights against repeated rows, the bound never decreasing, and bad input.

use gmm::{
    BayesianGaussianMixture, CovarianceType, GmmError, InitMethod, WeightConcentrationPriorType,
};

const TYPES: [CovarianceType; 4] = [
    CovarianceType::Full,
    CovarianceType::Tied,
    CovarianceType::Diag,
    CovarianceType::Spherical,
];

/// Three correlated clouds of 50 points in 2-d.
fn clouds() -> Vec<[f64; 2]> {
    (0..150)
        .map(|i| {
            let t = i as f64;
            let (u, v) = ((1.3 * t).sin(), (2.1 * t).cos());
            let centre = [[0.0, 0.0], [7.0, 1.0], [2.0, 8.0]][i / 50];
            // Correlated: the second coordinate follows the first.
            [centre[0] + u, centre[1] + 0.8 * u + 0.4 * v]
        })
        .collect()
}

#[test]
fn surplus_components_empty_out_under_both_priors_and_every_covariance_type() {
    let x = clouds();
    for prior in [
        WeightConcentrationPriorType::DirichletProcess,
        WeightConcentrationPriorType::DirichletDistribution,
    ] {
        for t in TYPES {
            let m = BayesianGaussianMixture::params(8)
                .covariance_type(t)
                .weight_concentration_prior_type(prior)
                .weight_concentration_prior(1e-3)
                .max_iter(500)
                .seed(3)
                .fit(&x)
                .unwrap();
            let used = m.weights().iter().filter(|&&w| w > 0.05).count();
            assert_eq!(used, 3, "{prior:?} {t:?}: {:?}", m.weights());
        }
    }
}

#[test]
fn the_lower_bound_never_decreases() {
    let x = clouds();
    for t in TYPES {
        let m = BayesianGaussianMixture::params(6)
            .covariance_type(t)
            .tol(0.0)
            .max_iter(60)
            .init_method(InitMethod::Random)
            .fit(&x)
            .unwrap();
        for w in m.lower_bound_history().windows(2) {
            assert!(w[1] >= w[0] - 1e-9 * w[0].abs(), "{t:?}: {w:?}");
        }
    }
}

#[test]
fn integer_weights_fit_as_the_rows_repeated() {
    let x = clouds();
    let weights: Vec<f64> = (0..x.len()).map(|i| (1 + i % 3) as f64).collect();
    let repeated: Vec<[f64; 2]> = x
        .iter()
        .zip(&weights)
        .flat_map(|(r, &w)| std::iter::repeat_n(*r, w as usize))
        .collect();
    let k = 4;
    // The same initial responsibilities for every copy of a row.
    let resp: Vec<Vec<f64>> = (0..x.len())
        .map(|i| (0..k).map(|c| if c == i % k { 0.7 } else { 0.1 }).collect())
        .collect();
    let resp_repeated: Vec<f64> = resp
        .iter()
        .zip(&weights)
        .flat_map(|(r, &w)| std::iter::repeat_n(r.clone(), w as usize).flatten())
        .collect();
    let resp: Vec<f64> = resp.into_iter().flatten().collect();
    for t in TYPES {
        let p = BayesianGaussianMixture::params(k)
            .covariance_type(t)
            .tol(0.0)
            .max_iter(20);
        let a = p
            .clone()
            .responsibilities_init(&gmm::flat_rows(&resp, k).unwrap())
            .fit_weighted(&x, &weights)
            .unwrap();
        let b = p
            .responsibilities_init(&gmm::flat_rows(&resp_repeated, k).unwrap())
            .fit(&repeated)
            .unwrap();
        let close = |u: &[f64], v: &[f64]| u.iter().zip(v).all(|(u, v)| (u - v).abs() < 1e-9);
        assert!(close(a.means().data(), b.means().data()), "{t:?}");
        assert!(
            close(a.covariances().data(), b.covariances().data()),
            "{t:?}"
        );
        assert!((a.lower_bound() - b.lower_bound()).abs() < 1e-8 * b.lower_bound().abs());
        assert!(close(
            &a.priors().covariance_prior,
            &b.priors().covariance_prior
        ));
        assert!(close(&a.priors().mean_prior, &b.priors().mean_prior));
    }
}

#[test]
fn warm_start_continues_where_the_fit_stopped() {
    let x = clouds();
    let p = BayesianGaussianMixture::params(5)
        .tol(0.0)
        .max_iter(6)
        .check()
        .unwrap();
    let first = p.fit(&x).unwrap();
    let continued = p.warm_start(&first, &x, None).unwrap();
    let direct = BayesianGaussianMixture::params(5)
        .tol(0.0)
        .max_iter(12)
        .fit(&x)
        .unwrap();
    assert_eq!(continued.means(), direct.means());
    assert_eq!(continued.lower_bound(), direct.lower_bound());
    let other = BayesianGaussianMixture::params(4).check().unwrap();
    assert!(matches!(
        other.warm_start(&first, &x, None),
        Err(GmmError::InvalidParameter {
            name: "warm_start",
            ..
        })
    ));
}

#[test]
fn n_init_keeps_the_best_lower_bound() {
    let x = clouds();
    let p = BayesianGaussianMixture::params(5).init_method(InitMethod::Random);
    let best = p.clone().n_init(4).seed(2).fit(&x).unwrap();
    let single = p.n_init(1).seed(2).fit(&x).unwrap();
    assert!(best.lower_bound() >= single.lower_bound());
}

#[test]
fn f32_fits_agree_with_f64() {
    let x = clouds();
    let x32: Vec<[f32; 2]> = x.iter().map(|r| [r[0] as f32, r[1] as f32]).collect();
    let m64 = BayesianGaussianMixture::params(4).seed(5).fit(&x).unwrap();
    let m32 = BayesianGaussianMixture::params(4)
        .seed(5)
        .fit(&x32)
        .unwrap();
    assert_eq!(m64.predict(&x).unwrap(), m32.predict(&x32).unwrap());
    for (a, b) in m64.means().data().iter().zip(m32.means().data()) {
        assert!((a - f64::from(*b)).abs() < 1e-3, "{a} {b}");
    }
}

#[test]
fn sample_draws_from_the_fitted_mixture() {
    let x = clouds();
    let m = BayesianGaussianMixture::params(3).seed(1).fit(&x).unwrap();
    let (rows, labels) = m.sample(3000, 9).unwrap();
    assert_eq!(rows.shape(), [3000, 2]);
    for c in 0..3 {
        let mine: Vec<&[f64]> = rows
            .as_slice()
            .chunks_exact(2)
            .zip(&labels)
            .filter(|(_, l)| **l == c)
            .map(|(r, _)| r)
            .collect();
        if mine.len() < 200 {
            continue;
        }
        let mean0 = mine.iter().map(|r| r[0]).sum::<f64>() / mine.len() as f64;
        assert!((mean0 - m.means().data()[c * 2]).abs() < 0.15, "{c}");
    }
}

#[test]
fn bad_input_is_a_typed_error() {
    let x = clouds();
    let invalid = |e: Result<_, GmmError>, expected: &str| match e {
        Err(GmmError::InvalidParameter { name, .. }) => assert_eq!(name, expected),
        other => panic!("expected {expected}, got {other:?}"),
    };
    invalid(
        BayesianGaussianMixture::params(2)
            .weight_concentration_prior(0.0)
            .fit(&x),
        "weight_concentration_prior",
    );
    invalid(
        BayesianGaussianMixture::params(2)
            .degrees_of_freedom_prior(0.9)
            .fit(&x),
        "degrees_of_freedom_prior",
    );
    invalid(
        BayesianGaussianMixture::params(2)
            .covariance_prior(vec![1.0, 2.0, 3.0, 1.0])
            .fit(&x),
        "covariance_prior",
    );
    invalid(
        BayesianGaussianMixture::params(2)
            .mean_prior(vec![0.0; 3])
            .fit(&x),
        "mean_prior",
    );
    invalid(
        BayesianGaussianMixture::params(2)
            .responsibilities_init(&[[0.5, 0.5]])
            .fit(&x),
        "responsibilities_init",
    );
    let nan = [[0.0, 1.0], [f64::NAN, 0.0], [1.0, 1.0]];
    assert_eq!(
        BayesianGaussianMixture::params(2).fit(&nan).unwrap_err(),
        GmmError::NonFiniteData { row: 1, column: 0 }
    );
    assert!(matches!(
        BayesianGaussianMixture::params(200).fit(&x),
        Err(GmmError::TooFewSamples { .. })
    ));
    let m = BayesianGaussianMixture::params(2).fit(&x).unwrap();
    assert!(matches!(
        m.predict(&[[0.0, 1.0, 2.0]]),
        Err(GmmError::DimensionMismatch { .. })
    ));
    assert!(matches!(
        BayesianGaussianMixture::params(2).fit_weighted(&x, &[1.0; 3]),
        Err(GmmError::WeightCount { .. })
    ));
}

#[test]
fn the_fit_does_not_depend_on_the_number_of_threads() {
    let x = clouds();
    let fit = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                BayesianGaussianMixture::params(6)
                    .covariance_type(CovarianceType::Full)
                    .tol(0.0)
                    .max_iter(30)
                    .fit(&x)
                    .unwrap()
            })
    };
    assert_eq!(fit(1), fit(3));
}

#[test]
fn components_whose_expected_weight_underflows_leave_every_result_finite() {
    // With γ = 1e-4 each empty stick adds about ψ(1e-4) ≈ −1e4 to the expected log-weights
    // of the components after it: their E-step weights are exactly 0.
    let x = clouds();
    for t in TYPES {
        let m = BayesianGaussianMixture::params(12)
            .covariance_type(t)
            .weight_concentration_prior(1e-4)
            .tol(0.0)
            .max_iter(50)
            .fit(&x)
            .unwrap();
        assert!(m.lower_bound().is_finite(), "{t:?}");
        assert!(m.means().data().iter().all(|v| v.is_finite()), "{t:?}");
        let proba = m.predict_proba(&x).unwrap();
        assert!(proba.as_slice().iter().all(|p| p.is_finite()), "{t:?}");
        assert!(
            m.score_samples(&x).unwrap().iter().all(|s| s.is_finite()),
            "{t:?}"
        );
        assert_eq!(
            m.weights().iter().filter(|&&w| w > 0.05).count(),
            3,
            "{t:?}"
        );
    }
}

#[test]
fn fewer_rows_than_columns_fit_with_the_singular_data_covariance_as_prior() {
    // As scikit-learn: the default covariance prior, the data covariance, is singular here
    // and accepted (reg_covar keeps every posterior covariance positive definite); a given
    // singular prior is refused.
    let (n, d) = (6, 10);
    let x: Vec<f64> = (0..n * d).map(|i| (0.37 * i as f64).sin()).collect();
    let x = gmm::flat_rows(&x, d).unwrap();
    for covariance_type in [CovarianceType::Full, CovarianceType::Tied] {
        let model = BayesianGaussianMixture::params(2)
            .covariance_type(covariance_type)
            .fit(&x)
            .unwrap();
        assert!(model.lower_bound().is_finite());
        let prior = model.priors().covariance_prior.clone();
        let refused = BayesianGaussianMixture::params(2)
            .covariance_type(covariance_type)
            .covariance_prior(prior)
            .fit(&x);
        assert!(
            matches!(
                refused,
                Err(GmmError::InvalidParameter {
                    name: "covariance_prior",
                    ..
                })
            ),
            "{refused:?}"
        );
    }
}

/// The tied scatter of the initial responsibilities is summed about their weighted mean point,
/// not the origin: the clouds (spread about 1) moved by 10⁴ fit as they do at the origin,
/// moved back. About the origin the scatter's two terms are ~10⁸ times the scatter, and their
/// rounding moved the initial covariance by ~10⁻⁸ relative (and everything after it).
#[test]
fn the_tied_initial_scatter_does_not_depend_on_where_the_data_is() {
    let x = clouds();
    let resp: Vec<[f64; 3]> = (0..x.len())
        .map(|i| {
            let mut r = [0.1; 3];
            r[i / 50] = 0.8;
            r
        })
        .collect();
    let offset = 1e4;
    let moved: Vec<[f64; 2]> = x.iter().map(|p| [p[0] + offset, p[1] + offset]).collect();
    for max_iter in [0, 1] {
        let fit = |x: &[[f64; 2]]| {
            BayesianGaussianMixture::params(3)
                .covariance_type(CovarianceType::Tied)
                .responsibilities_init(&resp)
                .max_iter(max_iter)
                .fit(x)
                .unwrap()
        };
        let (here, there) = (fit(&x), fit(&moved));
        let (a, b) = (here.covariances(), there.covariances());
        for (&a, &b) in a.data().iter().zip(b.data()) {
            assert!(
                (a - b).abs() <= 1e-9 * a.abs(),
                "{max_iter} iterations: {a} at the origin, {b} at 10^4"
            );
        }
        for (&a, &b) in here.means().data().iter().zip(there.means().data()) {
            assert!((a + offset - b).abs() <= 1e-14 * offset, "{a} vs {b}");
        }
    }
}
