//! One EM run over one data set: each iteration is one fused chunk pass under the current
//! parameters ([`crate::chunk`]: the E-step and the M-step's sums), then the M-step
//! ([`crate::mstep`]); the initialisation's M-step runs the same sums under given
//! responsibilities.

use core::ops::Range;

use crate::buffers::Scratch;
use crate::chunk::{MergeBuffers, Moments, fused_pass, given_pass};
use crate::covariance::KernelTable;
use crate::data::Samples;
use crate::estep::Coefficients;
use crate::mstep::{m_step, precision_cholesky};
use crate::parameters::Parameters;
use crate::{Float, GmmError};

/// The buffers of one EM run over one data set.
pub(crate) struct Em<'t, 's, T: Float> {
    table: &'t KernelTable<T>,
    samples: &'s Samples<'s, T>,
    reg_covar: T,
    /// `k`: the M-step's weights.
    nk: Vec<T>,
    /// `d x k`: the M-step's offsets of the centres from the means.
    offset: Vec<T>,
    merge: MergeBuffers<T>,
    coefficients: Coefficients<T>,
    scratch: Scratch<T>,
}

impl<'t, 's, T: Float> Em<'t, 's, T> {
    pub(crate) fn new(
        table: &'t KernelTable<T>,
        samples: &'s Samples<'s, T>,
        reg_covar: T,
    ) -> Self {
        Em {
            table,
            samples,
            reg_covar,
            nk: Vec::new(),
            offset: Vec::new(),
            merge: MergeBuffers::default(),
            coefficients: Coefficients::default(),
            scratch: Scratch::default(),
        }
    }

    /// The data of the run.
    pub(crate) fn samples(&self) -> &'s Samples<'s, T> {
        self.samples
    }

    /// One EM iteration: the E-step under `params`, then the M-step replacing them. Returns
    /// the weighted mean log-likelihood under the old parameters (scikit-learn's lower bound).
    pub(crate) fn iterate(&mut self, params: &mut Parameters<T>) -> Result<T, GmmError> {
        let moments = self.moments(params);
        if let Some(row) = moments.non_finite_row {
            return Err(GmmError::NonFiniteLikelihood { row });
        }
        self.update(params, &moments);
        self.precision_cholesky(params)?;
        Ok(moments.log_likelihood / self.samples.total_weight)
    }

    /// The sums of the whole data set under `params`, chunk by chunk: the E-step and the
    /// M-step's sums.
    pub(crate) fn moments(&mut self, params: &Parameters<T>) -> Moments<T> {
        (self.table.coefficients)(&mut self.coefficients, params, &mut self.scratch);
        fused_pass(
            self.table.em_chunk,
            self.table.merge_moments,
            &self.coefficients,
            self.samples.x,
            self.samples.weights(),
            &mut self.merge,
        )
    }

    /// Weights, means and covariances from the sums ([`m_step`]).
    fn update(&mut self, params: &mut Parameters<T>, moments: &Moments<T>) {
        m_step(
            self.table,
            self.reg_covar,
            params,
            moments,
            &mut self.nk,
            &mut self.offset,
            &mut self.scratch,
        );
    }

    /// The weights, means and covariances of `k` components from initial responsibilities,
    /// as scikit-learn's `_estimate_gaussian_parameters` (the weights normalised), without
    /// their precision factors: `fill` writes those of a range of points into a zeroed
    /// `rows x k` buffer, one chunk at a time, and the chunks' sums are merged as the EM
    /// iterations' are ([`given_pass`]).
    pub(crate) fn estimate(
        &mut self,
        k: usize,
        fill: impl Fn(Range<usize>, &mut [T]) + Sync + Send,
    ) -> Parameters<T> {
        let d = self.samples.d();
        let moments = self.given_moments(k, fill);
        let mut params = Parameters {
            k,
            d,
            weights: vec![T::ZERO; k],
            means: vec![T::ZERO; k * d],
            covariances: vec![T::ZERO; self.table.len(k, d)],
            precisions_cholesky: Vec::new(),
        };
        self.update(&mut params, &moments);
        params
    }

    /// The M-step's sums of the whole data set under the initial responsibilities of `k`
    /// components that `fill` writes, a range of points at a time, into a zeroed `rows x k`
    /// buffer ([`given_pass`]).
    pub(crate) fn given_moments(
        &mut self,
        k: usize,
        fill: impl Fn(Range<usize>, &mut [T]) + Sync + Send,
    ) -> Moments<T> {
        given_pass(
            self.table.given_chunk,
            self.table.merge_moments,
            k,
            self.samples.x,
            self.samples.weights(),
            fill,
            &mut self.merge,
        )
    }

    /// The precision Cholesky factors of `params.covariances` ([`precision_cholesky`]).
    pub(crate) fn precision_cholesky(
        &mut self,
        params: &mut Parameters<T>,
    ) -> Result<(), GmmError> {
        precision_cholesky(self.table, params, &mut self.scratch)
    }
}
