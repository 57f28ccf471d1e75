//! The E-step: what it needs of the parameters ([`Coefficients`]), computed once per
//! iteration, from which each chunk of points gets its log-densities `ln π_c p(x | c)`.

use crate::Float;
use crate::buffers::{Scratch, buffer};
use crate::kernels::CovarianceKernels;
use crate::parameters::Parameters;

/// What the E-step needs of the parameters.
#[derive(Debug, Default)]
pub(crate) struct Coefficients<T> {
    pub k: usize,
    pub d: usize,
    /// The current means, `k x d`.
    pub means: Vec<T>,
    /// The covariance type's factors of the squared distances
    /// ([`CovarianceKernels::distance_factors`]).
    pub factors: Vec<T>,
    /// `ln π_c + ln det P_c - d ln(2π) / 2`, `k`.
    pub offsets: Vec<T>,
    /// For `d = 2`: the covariance type's four factors of the squared distances per
    /// component ([`CovarianceKernels::plane_factors`]).
    pub plane_factors: Vec<[T; 4]>,
}

impl<T: Float> Coefficients<T> {
    /// The coefficients of `params` under the covariance type `K`.
    pub(crate) fn prepare<K: CovarianceKernels>(
        &mut self,
        params: &Parameters<T>,
        scratch: &mut Scratch<T>,
    ) {
        let (k, d) = (params.k, params.d);
        self.k = k;
        self.d = d;
        self.means.clone_from(&params.means);
        if d == 2 {
            K::plane_factors(&params.precisions_cholesky, k, &mut self.plane_factors);
        } else {
            K::distance_factors(&params.precisions_cholesky, k, d, &mut self.factors);
        }
        self.offsets.truncate(k);
        let offsets = buffer(&mut self.offsets, k);
        K::log_det_cholesky(&params.precisions_cholesky, k, d, scratch, offsets);
        let log_2pi = T::from_usize(d) * T::from_f64((2.0 * std::f64::consts::PI).ln());
        let half = T::from_f64(0.5);
        for (l, &w) in offsets.iter_mut().zip(&params.weights) {
            *l = *l + w.ln() - half * log_2pi;
        }
    }
}
