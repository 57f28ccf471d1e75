//! The E- and M-steps, written once for every covariance type through a [`KernelTable`].

use einsum::{TensorRef, einsum};

use crate::data::Samples;
use crate::kernels::{KernelTable, MStepInput, Scratch, buffer, view, view_mut};
use crate::{Float, GmmError};

/// The parameters of a mixture of `k` components in `d` dimensions (scikit-learn's layouts).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parameters<T> {
    pub k: usize,
    pub d: usize,
    /// `k` mixing weights summing to 1.
    pub weights: Vec<T>,
    /// `k x d`.
    pub means: Vec<T>,
    /// In the covariance type's layout.
    pub covariances: Vec<T>,
    /// In the covariance type's layout.
    pub precisions_cholesky: Vec<T>,
}

/// `ln p(x_n | c) + ln π_c` for every component `c` and sample `n`, written into `out` (`k x n`),
/// as scikit-learn's `_estimate_weighted_log_prob`.
pub(crate) fn weighted_log_prob<T: Float>(
    table: &KernelTable<T>,
    x: TensorRef<'_, T, 2>,
    params: &Parameters<T>,
    scratch: &mut Scratch<T>,
    log_det: &mut Vec<T>,
    out: &mut [T],
) {
    let [n, d] = x.shape();
    let k = params.k;
    (table.mahalanobis)(x, &params.means, &params.precisions_cholesky, scratch, out);
    let log_det = buffer(log_det, k);
    (table.log_det_cholesky)(&params.precisions_cholesky, k, d, scratch, log_det);
    let log_2pi = T::from_usize(d) * T::from_f64((2.0 * std::f64::consts::PI).ln());
    let half = T::from_f64(0.5);
    for (c, row) in out[..k * n].chunks_exact_mut(n).enumerate() {
        let offset = log_det[c] + params.weights[c].ln();
        for v in row.iter_mut() {
            *v = -half * (log_2pi + *v) + offset;
        }
    }
}

/// Log-sum-exp over the components of `wlp` (`k x n`): writes `ln Σ_c exp(wlp[c, n])` into
/// `log_norm`, `exp(wlp[c, n] - max_c wlp[c, n])` into `shifted` (`k x n`) and the inverse of
/// its column sums into `inverse_sums` (`n`), so that the responsibilities are
/// `shifted[c, n] · inverse_sums[n]` (= `exp(wlp[c, n] - log_norm[n])`). Returns the first
/// sample with a non-finite normaliser, if any.
pub(crate) fn log_sum_exp<T: Float>(
    wlp: &[T],
    k: usize,
    log_norm: &mut [T],
    inverse_sums: &mut [T],
    shifted: &mut [T],
) -> Result<(), usize> {
    let n = log_norm.len();
    let maxima = &mut *inverse_sums;
    maxima.fill(T::NEG_INFINITY);
    for row in wlp[..k * n].chunks_exact(n) {
        for (m, &v) in maxima.iter_mut().zip(row) {
            if v > *m {
                *m = v;
            }
        }
    }
    if let Some(row) = maxima.iter().position(|m| !m.is_finite()) {
        return Err(row);
    }
    for (srow, row) in shifted.chunks_exact_mut(n).zip(wlp.chunks_exact(n)) {
        for ((s, &v), &m) in srow.iter_mut().zip(row).zip(maxima.iter()) {
            let t = v - m;
            *s = if t < T::EXP_UNDERFLOW {
                T::ZERO
            } else {
                t.exp()
            };
        }
    }
    einsum!(*log_norm = "kn->n", view(&shifted[..k * n], [k, n]));
    for (s, m) in log_norm.iter_mut().zip(maxima.iter_mut()) {
        let sum = *s;
        *s = sum.ln() + *m;
        *m = T::ONE / sum;
    }
    Ok(())
}

/// The buffers of one EM run over one data set.
pub(crate) struct Em<'t, 's, T: Float> {
    pub table: &'t KernelTable<T>,
    pub samples: &'s Samples<'s, T>,
    pub reg_covar: T,
    /// `k x n`: weighted log probabilities, then log responsibilities, then responsibilities.
    pub resp: Vec<T>,
    /// `n`: per-sample log-likelihoods.
    pub log_norm: Vec<T>,
    /// `k x n`: weighted responsibilities.
    pub rw: Vec<T>,
    pub nk: Vec<T>,
    pub log_det: Vec<T>,
    pub maxima: Vec<T>,
    pub scratch: Scratch<T>,
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
            resp: Vec::new(),
            log_norm: vec![T::ZERO; samples.n()],
            rw: Vec::new(),
            nk: Vec::new(),
            log_det: Vec::new(),
            maxima: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// The E-step: responsibilities into `self.resp` (`k x n`); returns the weighted mean
    /// log-likelihood of the data under `params` (scikit-learn's lower bound).
    pub(crate) fn e_step(&mut self, params: &Parameters<T>) -> Result<T, GmmError> {
        let n = self.samples.n();
        let k = params.k;
        let resp = buffer(&mut self.resp, k * n);
        weighted_log_prob(
            self.table,
            self.samples.x,
            params,
            &mut self.scratch,
            &mut self.log_det,
            resp,
        );
        // The shifted exponentials go to `rw`, free until the M-step.
        let shifted = buffer(&mut self.rw, k * n);
        let inverse_sums = buffer(&mut self.maxima, n);
        log_sum_exp(resp, k, &mut self.log_norm, inverse_sums, shifted)
            .map_err(|row| GmmError::NonFiniteLikelihood { row })?;
        einsum!(
            view_mut(resp, [k, n]) = "kn,n->kn",
            view(&*shifted, [k, n]),
            &*inverse_sums
        );
        let total: T = einsum!("n,n->", &*self.samples.w, &self.log_norm);
        Ok(total / self.samples.total_weight)
    }

    /// The M-step from the responsibilities in `self.resp` (`k x n`), as scikit-learn's
    /// `_estimate_gaussian_parameters` followed by `_compute_precision_cholesky`.
    pub(crate) fn m_step(&mut self, params: &mut Parameters<T>) -> Result<(), GmmError> {
        self.estimate(params);
        self.precision_cholesky(params)
    }

    /// Weights, means and covariances from the responsibilities in `self.resp` (`k x n`), as
    /// scikit-learn's `_estimate_gaussian_parameters` (the weights normalised).
    pub(crate) fn estimate(&mut self, params: &mut Parameters<T>) {
        let (n, d, k) = (self.samples.n(), self.samples.d(), params.k);
        let x = self.samples.x;
        let resp = view(&self.resp[..k * n], [k, n]);
        let rw = buffer(&mut self.rw, k * n);
        einsum!(
            view_mut(&mut *rw, [k, n]) = "kn,n->kn",
            resp,
            &*self.samples.w
        );
        let nk = buffer(&mut self.nk, k);
        let rwv = view(&*rw, [k, n]);
        einsum!(*nk = "kn->k", rwv);
        let tiny = T::from_f64(10.0) * T::EPSILON;
        for v in nk.iter_mut() {
            *v += tiny;
        }
        params.means.resize(k * d, T::ZERO);
        einsum!(view_mut(&mut params.means, [k, d]) = "kn,ni->ki", rwv, x);
        for (row, &m) in params.means.chunks_exact_mut(d).zip(nk.iter()) {
            for v in row {
                *v /= m;
            }
        }
        params.covariances.resize(self.table.len(k, d), T::ZERO);
        let input = MStepInput {
            x,
            w: &self.samples.w,
            rw: &*rw,
            nk: &*nk,
            means: &params.means,
            reg_covar: self.reg_covar,
        };
        (self.table.estimate_covariances)(&input, &mut self.scratch, &mut params.covariances);
        let total: T = einsum!("k->", &*nk);
        params.weights.resize(k, T::ZERO);
        for (w, &m) in params.weights.iter_mut().zip(nk.iter()) {
            *w = m / total;
        }
    }

    /// The precision Cholesky factors of `params.covariances`, after checking that every
    /// parameter is finite.
    pub(crate) fn precision_cholesky(
        &mut self,
        params: &mut Parameters<T>,
    ) -> Result<(), GmmError> {
        let (k, d) = (params.k, params.d);
        let finite = |v: &[T]| v.iter().all(|x| x.is_finite());
        if !finite(&params.weights) || !finite(&params.means) {
            return Err(GmmError::NonFiniteParameters);
        }
        params
            .precisions_cholesky
            .resize(params.covariances.len(), T::ZERO);
        (self.table.precision_cholesky)(
            &params.covariances,
            k,
            d,
            &mut self.scratch,
            &mut params.precisions_cholesky,
        )
        .map_err(|component| GmmError::IllDefinedCovariance { component })?;
        Ok(())
    }
}
