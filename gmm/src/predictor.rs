//! A model's E-step over data, for `predict`, `predict_proba` and `score_samples`: the
//! coefficients once per call ([`Predictor`]), then every chunk of [`CHUNK_ROWS`] rows through
//! the fit's [`chunk_posterior`](crate::estep::chunk_posterior), on rayon's pool (feature
//! `rayon`). Each chunk writes only its own rows of the outputs, so they do not depend on the
//! number of threads. [`ProbaBatches`] gives the posteriors a batch of rows at a time.

use einsum::{Tensor, TensorRef};

use crate::buffers::{Scratch, view};
use crate::data::finite_rows;
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
/// (and the Bayesian mixture's), which checks the data's shape and computes the model's
/// coefficients once. The batches put together are
/// [`predict_proba`](crate::GaussianMixture::predict_proba)'s result to the bit, without its
/// `n x k` array: the rows run through the same E-step in the same chunks of 512 rows of the
/// data whatever the batch size (a chunk that two batches share is computed once and kept),
/// so every row's posteriors are `predict_proba`'s.
///
/// The values are read as they are needed: a value that is not finite
/// ([`GmmError::NonFiniteData`]) or a row of no finite likelihood
/// ([`GmmError::NonFiniteLikelihood`]) is an error item naming its row of the data, from the
/// first batch that needs that row's chunk (its own batch, or an earlier one that shares the
/// chunk); the iterator ends after it. [`nth`](Iterator::nth) skips batches without
/// computing them.
///
/// ```
/// use gmm::GaussianMixture;
/// let x: Vec<[f64; 1]> = (0..10).map(|i| [if i < 5 { 0.0 } else { 4.0 } + 0.1 * i as f64]).collect();
/// let model = GaussianMixture::params(2).seed(0).fit(&x).unwrap();
/// let sizes: Vec<usize> = (model.predict_proba_batches(&x, 4).unwrap())
///     .map(|batch| batch.unwrap().shape()[0])
///     .collect();
/// assert_eq!(sizes, [4, 4, 2]);
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
    /// The last chunk of the data computed whole for rows of two batches: its index and its
    /// rows' posteriors.
    shared: Option<(usize, Vec<T>)>,
}

impl<'x, T: Float> ProbaBatches<'x, T> {
    /// Batches of `batch_rows` of the rows `x` (of the right shape; their values are checked as
    /// they are read).
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
            shared: None,
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

    /// The rows `start..end` of the data (of the model's dimension), checked, into `out`.
    fn run(&mut self, start: usize, end: usize, out: &mut [T]) -> Result<(), GmmError> {
        let d = self.x.shape()[1];
        let rows = view(&self.x.data()[start * d..end * d], [end - start, d]);
        finite_rows(rows, start)?;
        let out = Outputs {
            resp: Some(out),
            ..Outputs::default()
        };
        self.predictor.run(rows, start, out)
    }

    /// The posteriors of the rows `from..to`, all in one chunk of the data, into `out`: that
    /// chunk computed whole (and kept), so that they are the bits `predict_proba` gives.
    fn rows_of_shared_chunk(
        &mut self,
        from: usize,
        to: usize,
        out: &mut [T],
    ) -> Result<(), GmmError> {
        if from == to {
            return Ok(());
        }
        let (n, k) = (self.x.shape()[0], self.predictor.coefficients.k());
        let chunk = from / CHUNK_ROWS;
        let (start, end) = (chunk * CHUNK_ROWS, ((chunk + 1) * CHUNK_ROWS).min(n));
        let mut shared = match self.shared.take() {
            Some((index, values)) if index == chunk => values,
            other => {
                let mut values = other.map(|(_, v)| v).unwrap_or_default();
                values.clear();
                values.resize((end - start) * k, T::ZERO);
                self.run(start, end, &mut values)?;
                values
            }
        };
        out.copy_from_slice(&shared[(from - start) * k..(to - start) * k]);
        self.shared = Some((chunk, core::mem::take(&mut shared)));
        Ok(())
    }

    /// The posteriors of the rows `start..end`: the whole chunks of the data among them
    /// directly, the rows of a chunk shared with the next or the previous batch from that chunk
    /// computed whole.
    fn batch(&mut self, start: usize, end: usize) -> Result<Tensor<T, 2>, GmmError> {
        let (n, k) = (self.x.shape()[0], self.predictor.coefficients.k());
        let what = || {
            format!(
                "the posteriors of {} points under {} components",
                Grouped(end - start),
                Grouped(k)
            )
        };
        let fewer = || "use smaller batches".to_string();
        let mut resp = crate::memory::filled_product(&[end - start, k], T::ZERO, what, fewer)?;
        // Chunk boundaries: the first at or after `start`, the last at or before `end`.
        let first = start.next_multiple_of(CHUNK_ROWS).min(n).min(end);
        let last = if end == n {
            n
        } else {
            end / CHUNK_ROWS * CHUNK_ROWS
        }
        .max(first);
        let (head, rest) = resp.split_at_mut((first - start) * k);
        let (whole, tail) = rest.split_at_mut((last - first) * k);
        self.rows_of_shared_chunk(start, first, head)?;
        if last > first {
            self.run(first, last, whole)?;
        }
        self.rows_of_shared_chunk(last, end, tail)?;
        match Tensor::from_vec(resp, [end - start, k]) {
            Ok(p) => Ok(p),
            Err(e) => unreachable!("the posteriors have rows x k values: {e}"),
        }
    }
}

impl<T: Float> Iterator for ProbaBatches<'_, T> {
    type Item = Result<Tensor<T, 2>, GmmError>;

    fn next(&mut self) -> Option<Self::Item> {
        let n = self.x.shape()[0];
        if self.next_row >= n {
            return None;
        }
        let start = self.next_row;
        let end = start.saturating_add(self.batch_rows).min(n);
        let batch = self.batch(start, end);
        // After an error there is nothing more to give.
        self.next_row = if batch.is_ok() { end } else { n };
        Some(batch)
    }

    fn nth(&mut self, skip: usize) -> Option<Self::Item> {
        let n = self.x.shape()[0];
        let skipped = skip.saturating_mul(self.batch_rows);
        self.next_row = self.next_row.saturating_add(skipped).min(n);
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.x.shape()[0] - self.next_row).div_ceil(self.batch_rows);
        // An error ends the batches early.
        (left.min(1), Some(left))
    }
}

impl<T: Float> std::iter::FusedIterator for ProbaBatches<'_, T> {}
