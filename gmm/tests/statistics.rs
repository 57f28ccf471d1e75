//! EM through `SufficientStatistics`: chunks of 512 rows merged in order reproduce the
//! in-memory fit to the bit; a tree of merges over uneven chunks reproduces it to rounding.

use gmm::{CovarianceType, GaussianMixture, SufficientStatistics, flat_rows};

/// `n` correlated 3-D points around four centres, and a weight per point in (0.5, 2.5).
fn data(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut x = Vec::with_capacity(3 * n);
    let mut w = Vec::with_capacity(n);
    for i in 0..n {
        let c = (i % 4) as f64;
        let (a, b, e) = (uniform() - 0.5, uniform() - 0.5, uniform() - 0.5);
        x.extend([
            0.6 * c + a + 0.8 * b,
            0.2 * c * c - b + 0.3 * e,
            a + e - 0.3 * c,
        ]);
        w.push(0.5 + 2.0 * uniform());
    }
    (x, w)
}

/// `iterations` EM steps from `start` over the chunks `bounds`, merged by `merge`.
fn run(
    start: &GaussianMixture<f64>,
    x: &[f64],
    w: &[f64],
    bounds: &[usize],
    iterations: usize,
    merge: fn(Vec<SufficientStatistics<f64>>) -> SufficientStatistics<f64>,
) -> (GaussianMixture<f64>, Vec<f64>) {
    let mut model = start.clone();
    let mut bounds_seen = Vec::new();
    for _ in 0..iterations {
        let parts = bounds
            .windows(2)
            .map(|r| {
                let rows = flat_rows(&x[3 * r[0]..3 * r[1]], 3).unwrap();
                SufficientStatistics::from_chunk(&model, &rows, Some(&w[r[0]..r[1]])).unwrap()
            })
            .collect();
        let total = merge(parts);
        bounds_seen.push(total.lower_bound());
        model = total.m_step(1e-6).unwrap();
    }
    (model, bounds_seen)
}

fn in_order(parts: Vec<SufficientStatistics<f64>>) -> SufficientStatistics<f64> {
    let mut parts = parts.into_iter();
    let mut total = parts.next().unwrap();
    for p in parts {
        total.merge(&p).unwrap();
    }
    total
}

fn tree(mut parts: Vec<SufficientStatistics<f64>>) -> SufficientStatistics<f64> {
    while parts.len() > 1 {
        parts = parts
            .chunks(2)
            .map(|pair| {
                let mut a = pair[0].clone();
                if let Some(b) = pair.get(1) {
                    a.merge(b).unwrap();
                }
                a
            })
            .collect();
    }
    parts.pop().unwrap()
}

fn worst_relative(a: &[f64], b: &[f64]) -> f64 {
    let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    a.iter()
        .zip(b)
        .fold(0.0f64, |m, (x, y)| m.max((x - y).abs()))
        / scale
}

#[test]
fn statistics_reproduce_the_in_memory_fit() {
    let n = 3000;
    let (x, w) = data(n);
    let rows = flat_rows(&x, 3).unwrap();
    for covariance_type in [
        CovarianceType::Full,
        CovarianceType::Tied,
        CovarianceType::Diag,
        CovarianceType::Spherical,
    ] {
        let params = GaussianMixture::params(4)
            .covariance_type(covariance_type)
            .tol(0.0)
            .seed(11);
        // Weights with a largest of 1, as a fit scales them.
        let largest = w.iter().fold(0.0f64, |m, &v| m.max(v));
        let w: Vec<f64> = w.iter().map(|v| v / largest).collect();
        let start = params.clone().max_iter(0).fit_weighted(&rows, &w).unwrap();
        let fitted = params
            .clone()
            .max_iter(20)
            .check()
            .unwrap()
            .warm_start(&start, &rows, Some(&w))
            .unwrap();

        let by_512: Vec<usize> = (0..n).step_by(512).chain([n]).collect();
        let (same, bounds) = run(&start, &x, &w, &by_512, 20, in_order);
        assert_eq!(same.means(), fitted.means(), "{covariance_type:?}");
        assert_eq!(
            same.covariances(),
            fitted.covariances(),
            "{covariance_type:?}"
        );
        assert_eq!(same.weights(), fitted.weights(), "{covariance_type:?}");
        // The lower bound divides by the total weight, summed once over all rows in memory
        // and chunk by chunk here.
        let history = fitted.lower_bound_history();
        assert!(
            worst_relative(&bounds, history) < 1e-15,
            "{bounds:?} {history:?}"
        );
        assert!(history[0] < history[19] - 1e-3, "EM moved: {history:?}");

        let uneven = [0, 1, 700, 701, 1500, 2222, 2999, 3000];
        let (close, bounds) = run(&start, &x, &w, &uneven, 20, tree);
        for (a, b) in [
            (close.means().data(), fitted.means().data()),
            (close.covariances().data(), fitted.covariances().data()),
            (close.weights(), fitted.weights()),
            (&bounds[..], fitted.lower_bound_history()),
        ] {
            assert!(
                worst_relative(a, b) < 1e-12,
                "{covariance_type:?}: {a:?} {b:?}"
            );
        }
    }
}

#[test]
fn statistics_refuse_mixing_models_and_empty_totals() {
    let (x, _) = data(40);
    let rows = flat_rows(&x, 3).unwrap();
    let a = GaussianMixture::params(2).fit(&rows).unwrap();
    let b = GaussianMixture::params(3).fit(&rows).unwrap();
    let mut sa = SufficientStatistics::from_chunk(&a, &rows, None).unwrap();
    let sb = SufficientStatistics::from_chunk(&b, &rows, None).unwrap();
    assert!(sa.merge(&sb).is_err());
    let zero = SufficientStatistics::from_chunk(&a, &rows, Some(&[0.0; 40])).unwrap();
    assert_eq!(zero.total_weight(), 0.0);
    assert!(zero.m_step(1e-6).is_err());
    let before = sa.clone();
    sa.merge(&zero).unwrap();
    assert_eq!(sa, before);
    assert!(sa.m_step(-1.0).is_err());
}

/// `score_samples`, `predict` and the fit share one E-step: the fit's weighted
/// log-likelihood of a chunk is, to the bit, the weighted sum in row order of the per-row
/// log-likelihoods `score_samples` returns, for every covariance type at `d = 2` (the plane
/// path) and `d = 3`; and `predict` picks a most likely component of `predict_proba`.
#[test]
fn predict_and_score_run_the_fits_e_step() {
    let (x3, w) = data(500);
    let x2: Vec<f64> = x3.chunks_exact(3).flat_map(|p| [p[0], p[1]]).collect();
    for (x, d) in [(&x2, 2), (&x3, 3)] {
        let rows = flat_rows(x, d).unwrap();
        for t in [
            CovarianceType::Full,
            CovarianceType::Tied,
            CovarianceType::Diag,
            CovarianceType::Spherical,
        ] {
            let m = GaussianMixture::params(4)
                .covariance_type(t)
                .max_iter(5)
                .fit(&rows)
                .unwrap();
            let scores = m.score_samples(&rows).unwrap();
            let sum = (scores.iter().zip(&w)).fold(0.0, |sum, (&s, &w)| sum + w * s);
            let fit = SufficientStatistics::from_chunk(&m, &rows, Some(&w)).unwrap();
            assert_eq!(fit.log_likelihood(), sum, "{t:?}, d = {d}");
            let (labels, p) = (m.predict(&rows).unwrap(), m.predict_proba(&rows).unwrap());
            for (n, &l) in labels.iter().enumerate() {
                assert!(
                    (0..4).all(|c| p[[n, l]] >= p[[n, c]]),
                    "{t:?}, d = {d}, row {n}"
                );
            }
        }
    }
}

/// Two identical components tie at every point: `predict` gives the first, as numpy's
/// `argmax` (and scikit-learn), on the `d = 2` path and the general one.
#[test]
fn predict_gives_the_first_of_tied_components() {
    let (x3, _) = data(700);
    let x2: Vec<f64> = x3.chunks_exact(3).flat_map(|p| [p[0], p[1]]).collect();
    for (x, d) in [(&x2, 2), (&x3, 3)] {
        let means = vec![0.5; 2 * d];
        let identity = (0..2 * d * d).map(|at| if (at / d) % d == at % d { 1.0 } else { 0.0 });
        let covariances: Vec<f64> = identity.collect();
        let means = flat_rows(&means, d).unwrap();
        let m = GaussianMixture::from_parameters(
            CovarianceType::Full,
            &[0.5, 0.5],
            &means,
            &covariances,
        )
        .unwrap();
        let labels = m.predict(&flat_rows(x, d).unwrap()).unwrap();
        assert_eq!(labels.len(), 700);
        assert!(labels.iter().all(|&l| l == 0), "d = {d}");
    }
}
