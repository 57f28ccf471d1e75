//! The M-step: weights, means and covariances from the chunk pass's sums, then the precision
//! Cholesky factors the next E-step reads.

use einsum::einsum;

use crate::buffers::{Scratch, buffer};
use crate::chunk::Moments;
use crate::covariance::KernelTable;
use crate::kernels::MomentSums;
use crate::parameters::Parameters;
use crate::{Float, GmmError};

/// Weights, means and covariances from the sums of the whole data (scikit-learn's
/// `_estimate_gaussian_parameters`, the weights normalised), written into `params` (whose
/// buffers have their lengths); `nk` and `offset` are buffers.
pub(crate) fn m_step<T: Float>(
    table: &KernelTable<T>,
    reg_covar: T,
    params: &mut Parameters<T>,
    moments: &Moments<T>,
    nk: &mut Vec<T>,
    offset: &mut Vec<T>,
    scratch: &mut Scratch<T>,
) {
    let (k, d) = (params.k, params.d);
    let tiny = T::from_f64(10.0) * T::EPSILON;
    let nk = buffer(nk, k);
    for (n, &s) in nk.iter_mut().zip(&moments.weight) {
        *n = s + tiny;
    }
    // scikit-learn's means Σ r w x / n_c, and how far the scatter's centre Σ r w x / Σ r w
    // is from them (the 10 ε in n_c).
    let offset = buffer(offset, d * k);
    for i in 0..d {
        for c in 0..k {
            let (sum, total) = (moments.first[i * k + c], moments.weight[c]);
            let mean = sum / nk[c];
            params.means[c * d + i] = mean;
            let centre = if total > T::ZERO {
                sum / total
            } else {
                T::ZERO
            };
            offset[i * k + c] = centre - mean;
        }
    }
    let sums = MomentSums {
        weight: &moments.weight,
        second: &moments.second,
        offset,
        nk,
        means: &params.means,
        reg_covar,
    };
    (table.covariances_from_moments)(&sums, scratch, &mut params.covariances);
    let total: T = einsum!("k->", &*nk);
    for (w, &m) in params.weights.iter_mut().zip(nk.iter()) {
        *w = m / total;
    }
}

/// The precision Cholesky factors of `params.covariances`, after checking that every
/// parameter is finite.
pub(crate) fn precision_cholesky<T: Float>(
    table: &KernelTable<T>,
    params: &mut Parameters<T>,
    scratch: &mut Scratch<T>,
) -> Result<(), GmmError> {
    let (k, d) = (params.k, params.d);
    let finite = |v: &[T]| v.iter().all(|x| x.is_finite());
    if !finite(&params.weights) || !finite(&params.means) {
        return Err(GmmError::NonFiniteParameters);
    }
    params
        .precisions_cholesky
        .resize(params.covariances.len(), T::ZERO);
    (table.precision_cholesky)(
        &params.covariances,
        k,
        d,
        scratch,
        &mut params.precisions_cholesky,
    )
    .map_err(|component| GmmError::IllDefinedCovariance { component })?;
    Ok(())
}
