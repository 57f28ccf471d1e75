//! `predict_proba_batches`: its batches put together are `predict_proba`'s result to the bit,
//! for every covariance type, the `d = 2` path and the general one, batch sizes below, at and
//! across the E-step's chunks, and the Bayesian mixture; and its errors.

mod common;

use gmm::{BayesianGaussianMixture, CovarianceType, GaussianMixture, GmmError};

const TYPES: [CovarianceType; 4] = [
    CovarianceType::Full,
    CovarianceType::Tied,
    CovarianceType::Diag,
    CovarianceType::Spherical,
];

/// `n` points in `d` dimensions around three centres, flat row-major.
fn points(n: usize, d: usize, seed: u64) -> Vec<f64> {
    let mut uniform = common::centred_uniform(seed);
    (0..n)
        .flat_map(|i| {
            let c = (i % 3) as f64 * 4.0;
            let shared = uniform();
            (0..d)
                .map(|j| c * (j as f64 + 1.0) + shared * 2.0 + uniform())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The batches of `batch_rows` rows, flattened, and their numbers of rows.
fn batches<'x>(
    batches: gmm::ProbaBatches<'x, f64>,
    k: usize,
) -> Result<(Vec<f64>, Vec<usize>), GmmError> {
    let (mut flat, mut sizes) = (Vec::new(), Vec::new());
    for batch in batches {
        let batch = batch?;
        assert_eq!(batch.shape()[1], k);
        sizes.push(batch.shape()[0]);
        flat.extend_from_slice(batch.as_slice());
    }
    Ok((flat, sizes))
}

#[test]
fn the_batches_are_predict_probas_rows_to_the_bit() {
    let n = 1_300;
    for d in [2, 3] {
        let x = points(n, d, 7 + d as u64);
        let rows = gmm::flat_rows(&x, d).unwrap();
        for t in TYPES {
            let model = GaussianMixture::params(4)
                .covariance_type(t)
                .max_iter(5)
                .seed(1)
                .fit(&rows)
                .unwrap();
            let whole = model.predict_proba(&rows).unwrap();
            for batch_rows in [1, 7, 511, 512, 513, 1_024, n, n + 1, usize::MAX] {
                let (flat, sizes) =
                    batches(model.predict_proba_batches(&rows, batch_rows).unwrap(), 4).unwrap();
                assert_eq!(flat, whole.as_slice(), "{t:?}, d = {d}, {batch_rows} rows");
                let expected = n.div_ceil(batch_rows.min(n));
                assert_eq!(sizes.len(), expected, "{t:?}, d = {d}, {batch_rows} rows");
                assert!(sizes[..expected - 1].iter().all(|&s| s == batch_rows));
            }
        }
    }
}

#[test]
fn the_bayesian_mixtures_batches_are_its_predict_probas_rows() {
    let x = points(700, 2, 3);
    let rows = gmm::flat_rows(&x, 2).unwrap();
    for t in TYPES {
        let model = BayesianGaussianMixture::params(5)
            .covariance_type(t)
            .max_iter(10)
            .seed(2)
            .fit(&rows)
            .unwrap();
        let whole = model.predict_proba(&rows).unwrap();
        let (flat, sizes) = batches(model.predict_proba_batches(&rows, 300).unwrap(), 5).unwrap();
        assert_eq!(flat, whole.as_slice(), "{t:?}");
        assert_eq!(sizes, [300, 300, 100]);
    }
}

#[test]
fn bad_batches_and_bad_rows_are_errors() {
    let x = points(1_200, 2, 5);
    let rows = gmm::flat_rows(&x, 2).unwrap();
    let model = GaussianMixture::params(3).seed(0).fit(&rows).unwrap();
    assert!(matches!(
        model.predict_proba_batches(&rows, 0),
        Err(GmmError::InvalidParameter {
            name: "batch_rows",
            ..
        })
    ));
    let three = gmm::flat_rows(&x[..999], 3).unwrap();
    assert_eq!(
        model.predict_proba_batches(&three, 10).unwrap_err(),
        GmmError::DimensionMismatch {
            expected: 2,
            found: 3
        }
    );
    // A value that is not finite: an error item from the first batch that needs its chunk of
    // 512 rows (rows 512..1024, first needed by the batch of rows 510..520), then nothing.
    let mut nan = x.clone();
    nan[2 * 901 + 1] = f64::NAN;
    let nan = gmm::flat_rows(&nan, 2).unwrap();
    let items: Vec<_> = model.predict_proba_batches(&nan, 10).unwrap().collect();
    assert_eq!(items.len(), 52);
    assert!(items[..51].iter().all(Result::is_ok));
    assert_eq!(
        items[51].as_ref().unwrap_err(),
        &GmmError::NonFiniteData {
            row: 901,
            column: 1
        }
    );
    // Batches skipped by `nth` are not computed: the batch after the bad chunk is fine.
    let mut items = model.predict_proba_batches(&nan, 10).unwrap();
    let last = items.nth(110).unwrap().unwrap();
    assert_eq!(
        last.as_slice(),
        &model.predict_proba(&rows).unwrap().as_slice()[1_100 * 3..1_110 * 3]
    );
    assert_eq!(items.size_hint(), (1, Some(9)));
    // A row with no finite likelihood: the batches before it, then its batch's error with
    // its row in the whole data, then nothing.
    let mut far = x.clone();
    far[2 * 1_030] = 1e200;
    let far = gmm::flat_rows(&far, 2).unwrap();
    let mut items = model.predict_proba_batches(&far, 400).unwrap();
    assert_eq!(items.size_hint(), (1, Some(3)));
    assert!(items.next().unwrap().is_ok());
    assert!(items.next().unwrap().is_ok());
    assert_eq!(
        items.next().unwrap().unwrap_err(),
        GmmError::NonFiniteLikelihood { row: 1_030 }
    );
    assert!(items.next().is_none());
    assert_eq!(
        model.predict_proba(&far).unwrap_err(),
        GmmError::NonFiniteLikelihood { row: 1_030 }
    );
}
