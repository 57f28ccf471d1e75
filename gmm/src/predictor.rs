//! A model's E-step over data, for `predict`, `predict_proba` and `score_samples`: the
//! coefficients once per call ([`Predictor`]), then every chunk of [`CHUNK_ROWS`] rows through
//! the fit's [`chunk_posterior`](crate::estep::chunk_posterior), on rayon's pool (feature
//! `rayon`). Each chunk writes only its own rows of the outputs, so they do not depend on the
//! number of threads. [`ProbaBatches`] gives the posteriors a batch of rows at a time.

use einsum::{Tensor, TensorRef};

use crate::buffers::{Scratch, view};
use crate::estep::{Coefficients, PosteriorKernel, PosteriorScratch};
use crate::layout::CHUNK_ROWS;
use crate::parameters::Parameters;
use crate::units::Grouped;
use crate::{CovarianceType, Float, GmmError};

/// What a posterior pass writes, one row per point: each point's most likely component,
/// `ln p(x)`, and the responsibilities (`k` values per point).
#[derive(Default)]
pub(crate) struct Outputs<'a, T> {
    pub labels: Option<&'a mut [usize]>,
    pub log_norm: Option<&'a mut [T]>,
    pub resp: Option<&'a mut [T]>,
}

impl<'a, T> Outputs<'a, T> {
    /// The outputs of each chunk of [`CHUNK_ROWS`] of `n` rows under `k` components, in order.
    fn chunks(self, n: usize, k: usize) -> impl Iterator<Item = Outputs<'a, T>> {
        let mut labels = self.labels.map(|l| l.chunks_mut(CHUNK_ROWS));
        let mut log_norm = self.log_norm.map(|l| l.chunks_mut(CHUNK_ROWS));
        let mut resp = self.resp.map(|r| r.chunks_mut(CHUNK_ROWS * k));
        (0..n.div_ceil(CHUNK_ROWS)).map(move |_| Outputs {
            labels: labels.as_mut().and_then(Iterator::next),
            log_norm: log_norm.as_mut().and_then(Iterator::next),
            resp: resp.as_mut().and_then(Iterator::next),
        })
    }
}

/// The E-step of one model, ready to run over data: its coefficients and the posterior kernel
/// of its covariance type.
#[derive(Debug)]
pub(crate) struct Predictor<T> {
    kernel: PosteriorKernel<T>,
    coefficients: Coefficients<T>,
    /// The buffers of the chunks run on the calling thread.
    scratch: PosteriorScratch<T>,
}

impl<T: Float> Predictor<T> {
    /// The E-step of the mixture `params` of covariance type `covariance_type`.
    pub(crate) fn new(covariance_type: CovarianceType, params: &Parameters<T>) -> Self {
        let table = covariance_type.kernels::<T>();
        let mut coefficients = Coefficients::default();
        (table.coefficients)(&mut coefficients, params, &mut Scratch::default());
        Predictor {
            kernel: table.posterior,
            coefficients,
            scratch: PosteriorScratch::default(),
        }
    }

    /// Checks that the rows of `x` have the model's dimension.
    pub(crate) fn check(&self, x: TensorRef<'_, T, 2>) -> Result<(), GmmError> {
        let (expected, found) = (self.coefficients.d(), x.shape()[1]);
        if expected != found {
            return Err(GmmError::DimensionMismatch { expected, found });
        }
        Ok(())
    }

    /// The posterior of the rows `x` (of the model's dimension), row `first_row` of the
    /// caller's data first, into `out`: every chunk of [`CHUNK_ROWS`] rows through the
    /// posterior kernel, on rayon's pool when it has more than one thread.
    ///
    /// # Errors
    /// [`GmmError::NonFiniteLikelihood`] with the first row (counted from the caller's first)
    /// whose likelihood is not finite.
    pub(crate) fn run(
        &mut self,
        x: TensorRef<'_, T, 2>,
        first_row: usize,
        out: Outputs<'_, T>,
    ) -> Result<(), GmmError> {
        let [n, _] = x.shape();
        let chunks = out.chunks(n, self.coefficients.k());
        let (kernel, coefficients) = (self.kernel, &self.coefficients);
        let chunk = |index, out, scratch: &mut _| {
            posterior_of_chunk(kernel, coefficients, x, index, out, scratch).err()
        };
        #[cfg(feature = "rayon")]
        let failed = if rayon::current_num_threads() > 1 && n > CHUNK_ROWS {
            use rayon::prelude::*;
            // The first failing row whatever the threads: every chunk runs, the least row wins.
            let chunks: Vec<Outputs<'_, T>> = chunks.collect();
            chunks
                .into_par_iter()
                .enumerate()
                .map_init(PosteriorScratch::default, |scratch, (index, out)| {
                    chunk(index, out, scratch)
                })
                .flatten()
                .min()
        } else {
            chunks
                .enumerate()
                .find_map(|(index, out)| chunk(index, out, &mut self.scratch))
        };
        #[cfg(not(feature = "rayon"))]
        let failed = chunks
            .enumerate()
            .find_map(|(index, out)| chunk(index, out, &mut self.scratch));
        match failed {
            Some(row) => Err(GmmError::NonFiniteLikelihood {
                row: first_row + row,
            }),
            None => Ok(()),
        }
    }

    /// The responsibilities of the rows `x` (of the model's dimension), `rows x k`, row
    /// `first_row` of the caller's data first; the memory for them reserved fallibly.
    pub(crate) fn proba(
        &mut self,
        x: TensorRef<'_, T, 2>,
        first_row: usize,
    ) -> Result<Tensor<T, 2>, GmmError> {
        let (n, k) = (x.shape()[0], self.coefficients.k());
        let what = || {
            format!(
                "the posteriors of {} points under {} components",
                Grouped(n),
                Grouped(k)
            )
        };
        let fewer = || "give the points in smaller batches (predict_proba_batches)".to_string();
        let mut resp = crate::memory::filled_product(&[n, k], T::ZERO, what, fewer)?;
        let out = Outputs {
            resp: Some(&mut resp),
            ..Outputs::default()
        };
        self.run(x, first_row, out)?;
        match Tensor::from_vec(resp, [n, k]) {
            Ok(p) => Ok(p),
            Err(e) => unreachable!("the posteriors have n x k values: {e}"),
        }
    }
}

/// Chunk `index` of the rows `x` through `kernel` into `out` (that chunk's rows of the
/// outputs); fails with the first row (of `x`) whose likelihood is not finite.
fn posterior_of_chunk<T: Float>(
    kernel: PosteriorKernel<T>,
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    index: usize,
    out: Outputs<'_, T>,
    scratch: &mut PosteriorScratch<T>,
) -> Result<(), usize> {
    let [n, d] = x.shape();
    let start = index * CHUNK_ROWS;
    let end = (start + CHUNK_ROWS).min(n);
    let rows = view(&x.data()[start * d..end * d], [end - start, d]);
    kernel(
        coefficients,
        rows,
        scratch,
        out.labels,
        out.log_norm,
        out.resp,
    )
    .map_err(|row| start + row)
}

/// The posterior probabilities of every component for a model's data, a batch of rows at a
/// time: the `rows x k` responsibilities of the first `batch_rows` rows, then of the next, the
/// last batch holding what is left. Made by
/// [`GaussianMixture::predict_proba_batches`](crate::GaussianMixture::predict_proba_batches)
/// (and the Bayesian mixture's), which checks the data and computes the model's coefficients
/// once; every batch runs the same E-step as [`predict_proba`](crate::GaussianMixture::predict_proba),
/// so the batches put together are its result to the bit, without its `n x k` array.
///
/// An item is an error ([`GmmError::NonFiniteLikelihood`], with the row counted from the
/// first of the data) when a row of its batch has no finite likelihood under the model; the
/// iterator ends after it.
///
/// ```
/// use gmm::GaussianMixture;
/// let x: Vec<[f64; 1]> = (0..10).map(|i| [if i < 5 { 0.0 } else { 4.0 } + 0.1 * i as f64]).collect();
/// let model = GaussianMixture::params(2).seed(0).fit(&x).unwrap();
/// let mut largest = Vec::new();
/// for batch in model.predict_proba_batches(&x, 4).unwrap() {
///     let batch = batch.unwrap(); // 4, 4, then 2 rows of 2 columns
///     largest.extend(batch.as_slice().chunks(2).map(|p| p[0].max(p[1])));
/// }
/// assert_eq!(largest.len(), 10);
/// let whole = model.predict_proba(&x).unwrap();
/// let batches: Vec<f64> = model
///     .predict_proba_batches(&x, 3)
///     .unwrap()
///     .flat_map(|b| b.unwrap().into_vec())
///     .collect();
/// assert_eq!(batches, whole.as_slice());
/// ```
#[derive(Debug)]
pub struct ProbaBatches<'x, T> {
    predictor: Predictor<T>,
    x: TensorRef<'x, T, 2>,
    batch_rows: usize,
    next_row: usize,
}

impl<'x, T: Float> ProbaBatches<'x, T> {
    /// Batches of `batch_rows` of the checked rows `x`, which have the model's dimension.
    pub(crate) fn new(
        predictor: Predictor<T>,
        x: TensorRef<'x, T, 2>,
        batch_rows: usize,
    ) -> Result<Self, GmmError> {
        if batch_rows == 0 {
            return Err(GmmError::InvalidParameter {
                name: "batch_rows",
                reason: "must be at least 1".into(),
            });
        }
        predictor.check(x)?;
        Ok(ProbaBatches {
            predictor,
            x,
            batch_rows,
            next_row: 0,
        })
    }

    /// The number of rows in each batch but the last.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// let m = gmm::GaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(m.predict_proba_batches(x, 2).unwrap().batch_rows(), 2);
    /// ```
    pub fn batch_rows(&self) -> usize {
        self.batch_rows
    }
}

impl<T: Float> Iterator for ProbaBatches<'_, T> {
    type Item = Result<Tensor<T, 2>, GmmError>;

    fn next(&mut self) -> Option<Self::Item> {
        let [n, d] = self.x.shape();
        if self.next_row >= n {
            return None;
        }
        let start = self.next_row;
        let end = start.saturating_add(self.batch_rows).min(n);
        let rows = view(&self.x.data()[start * d..end * d], [end - start, d]);
        let batch = self.predictor.proba(rows, start);
        // After an error there is nothing more to give.
        self.next_row = if batch.is_ok() { end } else { n };
        Some(batch)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.x.shape()[0] - self.next_row).div_ceil(self.batch_rows);
        // An error ends the batches early.
        (left.min(1), Some(left))
    }
}

impl<T: Float> std::iter::FusedIterator for ProbaBatches<'_, T> {}
