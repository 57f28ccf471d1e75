//! The variational E-step as a Gaussian mixture's: under the posterior, the responsibilities
//! are those of the mixture of the posterior means and covariances with weights `∝ ρ_c`
//! (`expectation::log_weight_offsets`), so the fit runs EM's fused chunk kernel
//! ([`SufficientStatistics`]) and predictions run [`GaussianMixture`]'s, one E-step for both.

use einsum::einsum;

use crate::bayesian::expectation::{log_det_cholesky, log_weight_offsets};
use crate::bayesian::state::Posterior;
use crate::buffers::view;
use crate::{CovarianceType, Float, GaussianMixture, GmmError, SufficientStatistics};

/// The mixture whose E-step is the posterior's.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlugIn<T> {
    /// Weights `ρ_c / Σ ρ`, the posterior means and covariances.
    pub mixture: GaussianMixture<T>,
    /// `ln(ρ_c / Σ ρ)`, `k`.
    pub log_weights: Vec<T>,
    /// `ln Σ ρ`: the posterior's `score_samples` are the mixture's plus this.
    pub log_scale: T,
}

impl<T: Float> PlugIn<T> {
    /// The mixture of `post`.
    ///
    /// # Errors
    /// [`GmmError::NonFiniteParameters`] when the posterior's covariances are not positive
    /// definite (an M-step never leaves them so).
    pub(crate) fn of(post: &Posterior<T>) -> Result<Self, GmmError> {
        let log_rho = log_weight_offsets(post);
        let top = log_rho
            .iter()
            .fold(T::NEG_INFINITY, |m, &v| if v > m { v } else { m });
        if !top.is_finite() {
            return Err(GmmError::NonFiniteParameters);
        }
        let sum = log_rho.iter().fold(T::ZERO, |s, &v| s + (v - top).exp());
        let log_scale = top + sum.ln();
        let log_weights: Vec<T> = log_rho.iter().map(|&v| v - log_scale).collect();
        let weights: Vec<T> = log_weights.iter().map(|&v| v.exp()).collect();
        let mixture = GaussianMixture::from_parameters(
            post.covariance_type,
            &weights,
            &view(&post.means, [post.k, post.d]),
            &post.covariances,
        )
        .map_err(|_| GmmError::NonFiniteParameters)?;
        Ok(PlugIn {
            mixture,
            log_weights,
            log_scale,
        })
    }

    /// `Σ_n w_n Σ_c r_nc ln r_nc` of the rows `stats` summarises, from the statistics alone:
    /// `ln r_nc = ln ρ'_c + ln N(x_n | c) − ln p'(x_n)`, and the responsibility-weighted sum
    /// of `(x − m_c)ᵀ Λ_c (x − m_c)` is `tr(Λ_c (S_c + N_c δ_c δ_cᵀ))`, `S_c` the scatter about
    /// the component's weighted mean `x̄_c` and `δ_c = x̄_c − m_c`.
    pub(crate) fn r_ln_r(&self, post: &Posterior<T>, stats: &SufficientStatistics<T>) -> T {
        let (k, d) = (post.k, post.d);
        let counts = stats.weights();
        let first = stats.first_moments();
        let second = stats.second_moments();
        let half = T::from_f64(0.5);
        let log_2pi = T::from_usize(d) * T::from_f64((2.0 * std::f64::consts::PI).ln());
        let log_det = log_det_cholesky(post);
        // δ_c, and N_c δ_c δ_cᵀ's contribution, per component (0 for empty components).
        let delta: Vec<T> = (0..k * d)
            .map(|ci| {
                let c = ci / d;
                if counts[c] > T::ZERO {
                    first[ci] / counts[c] - post.means[ci]
                } else {
                    T::ZERO
                }
            })
            .collect();
        let pc = &post.precisions_cholesky;
        let quadratic: Vec<T> = match post.covariance_type {
            CovarianceType::Full => (0..k)
                .map(|c| {
                    let f = view(&pc[c * d * d..(c + 1) * d * d], [d, d]);
                    let mut precision = vec![T::ZERO; d * d];
                    einsum!(
                        crate::buffers::view_mut(&mut precision, [d, d]) = "ik,jk->ij",
                        f,
                        f
                    );
                    let scatter: Vec<T> = (0..d * d).map(|ij| second[ij * k + c]).collect();
                    let dc = &delta[c * d..(c + 1) * d];
                    let p = view(&precision, [d, d]);
                    let trace: T = einsum!("ij,ij->", p, view(&scatter, [d, d]));
                    let shift: T = einsum!("i,ij,j->", dc, p, dc);
                    trace + counts[c] * shift
                })
                .collect(),
            CovarianceType::Tied => {
                // Σ_c (S_c + N_c δ_c δ_cᵀ), the tied statistics being Σ_c S_c.
                let mut total = second.to_vec();
                let deltas = view(&delta, [k, d]);
                einsum!(
                    crate::buffers::view_mut(&mut total, [d, d]) += "c,ci,cj->ij",
                    counts,
                    deltas,
                    deltas
                );
                let f = view(&pc[..], [d, d]);
                let mut precision = vec![T::ZERO; d * d];
                einsum!(
                    crate::buffers::view_mut(&mut precision, [d, d]) = "ik,jk->ij",
                    f,
                    f
                );
                let all: T = einsum!("ij,ij->", view(&precision, [d, d]), view(&total, [d, d]));
                // Only the sum over components enters the bound.
                let mut out = vec![T::ZERO; k];
                out[0] = all;
                out
            }
            CovarianceType::Diag | CovarianceType::Spherical => (0..k)
                .map(|c| {
                    (0..d).fold(T::ZERO, |s, i| {
                        let p = if post.covariance_type == CovarianceType::Diag {
                            pc[c * d + i]
                        } else {
                            pc[c]
                        };
                        let dci = delta[c * d + i];
                        s + p * p * (second[i * k + c] + counts[c] * dci * dci)
                    })
                })
                .collect(),
        };
        let mut total = -stats.log_likelihood();
        for c in (0..k).filter(|&c| counts[c] > T::ZERO) {
            total += counts[c] * (self.log_weights[c] - half * log_2pi + log_det[c]);
        }
        total - half * quadratic.iter().fold(T::ZERO, |s, &q| s + q)
    }
}
