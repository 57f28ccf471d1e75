//! Model selection: the table's BIC against scikit-learn's `bic()` on the gmm-sklearn
//! fixtures, ICL by its definition, the best candidate, failed candidates, and independence
//! from the number of threads.

mod common;

use common::fixture::{fixture_dir, load};
use common::parity::flatten;
use gmm::{CovarianceType, Criterion, GmmError, ModelSelection};

/// scikit-learn's BIC after `n_iter` iterations from each fixture's initial parameters,
/// reproduced through `ModelSelection` (one candidate: the fixture's k and covariance type).
#[test]
fn the_tables_bic_matches_sklearn_bic_on_every_gmm_fixture() {
    let mut files: Vec<_> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 12);
    for file in &files {
        let fixture = load(file).unwrap();
        let (flat, d) = fixture.flat_x();
        let x = einsum::TensorRef::new(&flat, [fixture.x.len(), d]).unwrap();
        let t: CovarianceType = fixture.covariance_type().unwrap();
        let k = fixture.n_components;
        for after in &fixture.after {
            let weights = fixture.init.weights.clone();
            let means: Vec<f64> = fixture.init.means.concat();
            let precisions = flatten(&fixture.init.precisions).unwrap();
            let (reg_covar, n_iter) = (fixture.reg_covar, after.n_iter);
            let selection = ModelSelection::new(k..=k)
                .covariance_types(&[t])
                .configure(move |p| {
                    let means = einsum::TensorRef::new(&means, [k, d]).unwrap();
                    p.reg_covar(reg_covar)
                        .tol(0.0)
                        .max_iter(n_iter)
                        .weights_init(weights.clone())
                        .means_init(&means)
                        .precisions_init(precisions.clone())
                });
            let selection = match &fixture.sample_weight {
                Some(w) => selection.fit_weighted(&x, w),
                None => selection.fit(&x),
            }
            .unwrap();
            let scores = selection.table()[0].scores.as_ref().unwrap();
            let error = (scores.bic - after.bic).abs() / after.bic.abs();
            assert!(
                error <= 1e-6,
                "{}: n_iter {n_iter}: bic {} vs scikit-learn's {} ({error:.1e})",
                file.display(),
                scores.bic,
                after.bic
            );
        }
    }
}

/// Three correlated Gaussian groups of 60 points in 2-d, seeded.
fn groups() -> Vec<[f64; 2]> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    (0..180)
        .map(|i| {
            let c = [[0.0, 0.0], [7.0, 1.0], [1.0, 7.0]][i / 60];
            let u: f64 = rng.sample(rand_distr::StandardNormal);
            let v: f64 = rng.sample(rand_distr::StandardNormal);
            [c[0] + u, c[1] + 0.7 * u + 0.5 * v]
        })
        .collect()
}

#[test]
fn icl_is_bic_plus_twice_the_entropy_of_the_map_assignments() {
    let x = groups();
    let s = ModelSelection::new(1..=4)
        .covariance_types(&[CovarianceType::Full, CovarianceType::Diag])
        .fit(&x)
        .unwrap();
    for c in s.table() {
        let scores = c.scores.as_ref().unwrap();
        let model = gmm::GaussianMixture::params(c.n_components)
            .covariance_type(c.covariance_type)
            .fit(&x)
            .unwrap();
        assert_eq!(model.bic(&x).unwrap(), scores.bic);
        let proba = model.predict_proba(&x).unwrap();
        let entropy: f64 = proba
            .as_slice()
            .chunks_exact(c.n_components)
            .map(|row| -row.iter().copied().fold(0.0, f64::max).ln())
            .sum();
        let expected = scores.bic + 2.0 * entropy;
        assert!((scores.icl - expected).abs() <= 1e-9 * expected.abs());
        assert!(scores.icl >= scores.bic);
        if c.n_components == 1 {
            assert_eq!(scores.icl, scores.bic);
        }
    }
}

#[test]
fn the_best_candidate_has_the_lowest_criterion_and_finds_the_three_groups() {
    let x = groups();
    for criterion in [Criterion::Bic, Criterion::Icl] {
        let s = ModelSelection::new(1..=6)
            .covariance_types(&[
                CovarianceType::Full,
                CovarianceType::Tied,
                CovarianceType::Diag,
                CovarianceType::Spherical,
            ])
            .criterion(criterion)
            .configure(|p| p.n_init(2).seed(3))
            .fit(&x)
            .unwrap();
        assert_eq!(s.table().len(), 24);
        let value = |c: &gmm::Candidate<f64>| {
            let sc = c.scores.as_ref().unwrap();
            if criterion == Criterion::Bic {
                sc.bic
            } else {
                sc.icl
            }
        };
        let lowest = s.table().iter().map(value).fold(f64::INFINITY, f64::min);
        assert_eq!(value(s.best_candidate()), lowest);
        assert_eq!(s.best().n_components(), 3, "{criterion:?}");
        assert_eq!(
            s.best().covariance_type(),
            s.best_candidate().covariance_type
        );
    }
}

#[test]
fn a_candidate_that_cannot_be_fitted_is_recorded_and_the_others_still_compete() {
    let x: &[[f64; 1]] = &[[0.0], [0.2], [0.1], [5.0], [5.3]];
    let s = ModelSelection::new(1..=7).fit(x).unwrap();
    assert_eq!(s.table().len(), 7);
    for c in &s.table()[5..] {
        assert!(matches!(c.scores, Err(GmmError::TooFewSamples { .. })));
    }
    assert!(s.best().n_components() <= 5);
    assert!(matches!(
        ModelSelection::new(9..=10).fit(x),
        Err(GmmError::TooFewSamples { .. })
    ));
    let (low, high) = (3, 2);
    assert!(matches!(
        ModelSelection::<f64>::new(low..=high).fit(x),
        Err(GmmError::InvalidParameter { .. })
    ));
}

#[test]
fn the_table_does_not_depend_on_the_number_of_threads() {
    let x = groups();
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                ModelSelection::new(1..=5)
                    .covariance_types(&[CovarianceType::Full, CovarianceType::Spherical])
                    .configure(|p| p.seed(11))
                    .fit(&x)
                    .unwrap()
            })
    };
    assert_eq!(run(1), run(3));
}
