//! The expectations under the posterior the variational E-step needs (scikit-learn's
//! `_estimate_log_weights` and the terms `_estimate_log_prob` adds to a Gaussian density),
//! and the evidence lower bound (`_compute_lower_bound`).

use einsum::einsum;

use crate::bayesian::WeightConcentrationPriorType;
use crate::bayesian::special::{digamma, ln_beta, ln_gamma};
use crate::bayesian::state::Posterior;
use crate::buffers::view;
use crate::{CovarianceType, Float};

/// `ln ρ_c = E_q[ln π_c] − ½ d ln ν_c + ½ (E_q[ln |Λ_c|] − d/β_c)`: what the variational
/// E-step adds to `ln N(x | m_c, covariance_c)`, the density of the posterior means and
/// covariances, where a mixture adds `ln π_c` (the covariances are the Wishart scales
/// divided by `ν`, whence `ln ν`).
pub(crate) fn log_weight_offsets<T: Float>(post: &Posterior<T>) -> Vec<T> {
    let d = post.d;
    let df = T::from_usize(d);
    let half = T::from_f64(0.5);
    log_weights(post)
        .into_iter()
        .enumerate()
        .map(|(c, log_weight)| {
            let nu = post.degrees_of_freedom_of(c);
            let log_lambda = df * T::from_f64(std::f64::consts::LN_2)
                + (0..d).fold(T::ZERO, |s, i| s + digamma(half * (nu - T::from_usize(i))));
            log_weight - half * df * nu.ln() + half * (log_lambda - df / post.mean_precision[c])
        })
        .collect()
}

/// `E_q[ln π_c]`: for the stick breaking `E[ln v_c] + Σ_{j<c} E[ln(1 − v_j)]`.
fn log_weights<T: Float>(post: &Posterior<T>) -> Vec<T> {
    let k = post.k;
    match post.prior_type {
        WeightConcentrationPriorType::DirichletProcess => {
            let (alpha, beta) = post.weight_concentration.split_at(k);
            let mut out = Vec::with_capacity(k);
            let mut broken = T::ZERO;
            for (&a, &b) in alpha.iter().zip(beta) {
                let digamma_sum = digamma(a + b);
                out.push(digamma(a) - digamma_sum + broken);
                broken += digamma(b) - digamma_sum;
            }
            out
        }
        WeightConcentrationPriorType::DirichletDistribution => {
            let wc = &post.weight_concentration;
            let total: T = einsum!("k->", wc);
            let digamma_total = digamma(total);
            wc.iter().map(|&v| digamma(v) - digamma_total).collect()
        }
    }
}

/// `ln det` of every component's precision Cholesky factor, `k` values (tied repeated).
pub(crate) fn log_det_cholesky<T: Float>(post: &Posterior<T>) -> Vec<T> {
    let (k, d) = (post.k, post.d);
    let pc = &post.precisions_cholesky;
    match post.covariance_type {
        CovarianceType::Full | CovarianceType::Tied => {
            let blocks = pc.len() / (d * d);
            let diagonal_logs: Vec<T> = pc
                .chunks_exact(d * d)
                .flat_map(|block| (0..d).map(move |i| block[i * d + i].ln()))
                .collect();
            let mut out = vec![T::ZERO; blocks];
            einsum!(out = "ki->k", view(&diagonal_logs, [blocks, d]));
            if blocks == 1 { vec![out[0]; k] } else { out }
        }
        CovarianceType::Diag => {
            let logs: Vec<T> = pc.iter().map(|v| v.ln()).collect();
            let mut out = vec![T::ZERO; k];
            einsum!(out = "ki->k", view(&logs, [k, d]));
            out
        }
        CovarianceType::Spherical => pc.iter().map(|&v| T::from_usize(d) * v.ln()).collect(),
    }
}

/// The evidence lower bound after an M-step, up to constants (scikit-learn's
/// `_compute_lower_bound`): `r_ln_r`, the E-step's weighted `Σ_n w_n Σ_c r_nc ln r_nc`, with
/// its sign turned, minus the normalisers of the Wishart, Dirichlet (or Beta) and Gaussian
/// factors of the posterior `post`.
pub(crate) fn lower_bound<T: Float>(post: &Posterior<T>, r_ln_r: T) -> T {
    let (k, d) = (post.k, post.d);
    let weighted_sum = r_ln_r;
    let df = T::from_usize(d);
    let half = T::from_f64(0.5);
    let log_det = log_det_cholesky(post);
    let log_wishart_norm = |c: usize| {
        let nu = post.degrees_of_freedom_of(c);
        let log_det_precision = log_det[c] - half * df * nu.ln();
        -(nu * log_det_precision
            + nu * df * half * T::from_f64(std::f64::consts::LN_2)
            + (0..d).fold(T::ZERO, |s, i| s + ln_gamma(half * (nu - T::from_usize(i)))))
    };
    let log_wishart = match post.covariance_type {
        CovarianceType::Tied => T::from_usize(k) * log_wishart_norm(0),
        _ => (0..k).fold(T::ZERO, |s, c| s + log_wishart_norm(c)),
    };
    let wc = &post.weight_concentration;
    let log_norm_weight = match post.prior_type {
        WeightConcentrationPriorType::DirichletProcess => {
            let (alpha, beta) = wc.split_at(k);
            -alpha
                .iter()
                .zip(beta)
                .fold(T::ZERO, |s, (&a, &b)| s + ln_beta(a, b))
        }
        WeightConcentrationPriorType::DirichletDistribution => {
            let total: T = einsum!("k->", wc);
            ln_gamma(total) - wc.iter().fold(T::ZERO, |s, &v| s + ln_gamma(v))
        }
    };
    let log_mean_precision = post.mean_precision.iter().fold(T::ZERO, |s, &b| s + b.ln());
    -weighted_sum - log_wishart - log_norm_weight - half * df * log_mean_precision
}
