//! The variational E-step and the evidence lower bound: expected log-densities under the
//! posterior (scikit-learn's `_estimate_log_prob` and `_estimate_log_weights`), the
//! responsibilities by a log-sum-exp over components, and `_compute_lower_bound`.
//!
//! Layouts are component-major (`k x n`), as the M-step's sums read them.

use einsum::{TensorRef, einsum};

use crate::bayesian::WeightConcentrationPriorType;
use crate::bayesian::parallel::each_component;
use crate::bayesian::special::{digamma, ln_beta, ln_gamma};
use crate::bayesian::state::Posterior;
use crate::kernels::{view, view_mut};
use crate::{CovarianceType, Float, GmmError, exp_in_place};

/// `E_q[ln π_c + ln N(x_n | μ_c, Λ_c⁻¹)]` up to the terms that do not depend on `c`, `k x n`:
/// what the responsibilities are the softmax of, and what `score_samples` log-sum-exps.
pub(crate) fn weighted_log_prob<T: Float>(post: &Posterior<T>, x: TensorRef<'_, T, 2>) -> Vec<T> {
    let [n, d] = x.shape();
    let mut out = mahalanobis(post, x);
    let log_det = log_det_cholesky(post);
    let log_weights = log_weights(post);
    let df = T::from_usize(d);
    let half = T::from_f64(0.5);
    let log_2pi = df * T::from_f64((2.0 * std::f64::consts::PI).ln());
    each_component(&mut out, n, 0, |c, row, _| {
        let nu = post.degrees_of_freedom_of(c);
        // The covariances are the Wishart scales divided by ν: put ln ν back, then add
        // E[ln |Λ|] − d/β, the expectation's correction to the plug-in density.
        let log_lambda = df * T::from_f64(std::f64::consts::LN_2)
            + (0..d).fold(T::ZERO, |s, i| s + digamma(half * (nu - T::from_usize(i))));
        let offset = log_det[c] - half * df * nu.ln()
            + half * (log_lambda - df / post.mean_precision[c])
            + log_weights[c];
        for v in row.iter_mut() {
            *v = -half * (log_2pi + *v) + offset;
        }
    });
    out
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

/// `(x_n − m_c)ᵀ P_c P_cᵀ (x_n − m_c)` for every component and row, `k x n`, through the
/// precision Cholesky factors (never a covariance inverse).
fn mahalanobis<T: Float>(post: &Posterior<T>, x: TensorRef<'_, T, 2>) -> Vec<T> {
    let [n, d] = x.shape();
    let k = post.k;
    let pc = &post.precisions_cholesky;
    let means = view(&post.means, [k, d]);
    let mut out = vec![T::ZERO; k * n];
    match post.covariance_type {
        CovarianceType::Full => each_component(&mut out, n, n * d, |c, row, diff| {
            // Λ = P Pᵀ, then (x − m)ᵀ Λ (x − m) about the mean, as scikit-learn centres.
            let f = view(&pc[c * d * d..(c + 1) * d * d], [d, d]);
            let mut precision = vec![T::ZERO; d * d];
            einsum!(view_mut(&mut precision, [d, d]) = "ik,jk->ij", f, f);
            let mean = &post.means[c * d..(c + 1) * d];
            match d {
                1 => centred_quadratic_form::<T, 1>(x.data(), mean, &precision, diff, row),
                2 => centred_quadratic_form::<T, 2>(x.data(), mean, &precision, diff, row),
                3 => centred_quadratic_form::<T, 3>(x.data(), mean, &precision, diff, row),
                _ => {
                    for (point, x_point) in diff.chunks_exact_mut(d).zip(x.data().chunks_exact(d)) {
                        for ((v, &x), &m) in point.iter_mut().zip(x_point).zip(mean) {
                            *v = x - m;
                        }
                    }
                    let diff = view(diff, [n, d]);
                    einsum!(row = "ni,ij,nj->n", diff, view(&precision, [d, d]), diff);
                }
            }
        }),
        CovarianceType::Tied => {
            // |x P − m P|² = |x P|² − 2 (x P)·(m P) + |m P|²: one product of the data.
            let p = view(&pc[..], [d, d]);
            let mut xp = vec![T::ZERO; n * d];
            einsum!(view_mut(&mut xp, [n, d]) = "ni,ij->nj", x, p);
            let mut mp = vec![T::ZERO; k * d];
            einsum!(view_mut(&mut mp, [k, d]) = "ki,ij->kj", means, p);
            let (xp, mp) = (view(&xp, [n, d]), view(&mp, [k, d]));
            let mut mean_term = vec![T::ZERO; k];
            einsum!(mean_term = "kj,kj->k", mp, mp);
            let mut cross = vec![T::ZERO; k * n];
            einsum!(view_mut(&mut cross, [k, n]) = "nj,kj->kn", xp, mp);
            let mut data_term = vec![T::ZERO; n];
            einsum!(data_term = "nj,nj->n", xp, xp);
            for row in out.chunks_exact_mut(n) {
                row.copy_from_slice(&data_term);
            }
            combine_expansion(&mut out, &cross, &mean_term, n);
        }
        CovarianceType::Diag => {
            // Σ_i (x² − 2 x m + m²) λ, expanded so that no k x n x d tensor is formed.
            let precisions: Vec<T> = pc.iter().map(|&v| v * v).collect();
            let lambda = view(&precisions, [k, d]);
            let mut mean_term = vec![T::ZERO; k];
            einsum!(mean_term = "ki,ki,ki->k", means, means, lambda);
            let mut cross = vec![T::ZERO; k * n];
            einsum!(
                view_mut(&mut cross, [k, n]) = "ni,ki,ki->kn",
                x,
                means,
                lambda
            );
            einsum!(view_mut(&mut out, [k, n]) = "ni,ni,ki->kn", x, x, lambda);
            combine_expansion(&mut out, &cross, &mean_term, n);
        }
        CovarianceType::Spherical => {
            let lambda: Vec<T> = pc.iter().map(|&v| v * v).collect();
            let mut mean_term = vec![T::ZERO; k];
            einsum!(mean_term = "ki,ki,k->k", means, means, &lambda);
            let mut cross = vec![T::ZERO; k * n];
            einsum!(
                view_mut(&mut cross, [k, n]) = "ni,ki,k->kn",
                x,
                means,
                &lambda
            );
            einsum!(view_mut(&mut out, [k, n]) = "ni,ni,k->kn", x, x, &lambda);
            combine_expansion(&mut out, &cross, &mean_term, n);
        }
    }
    out
}

/// `(x_n − m)ᵀ Λ (x_n − m)` of every row of the flat `x`, with the dimension `D` a constant so
/// that the loops over it unroll (a run-time `d` of 2 leaves loops of two steps); `diff` is
/// scratch of `n D` values.
fn centred_quadratic_form<T: Float, const D: usize>(
    x: &[T],
    mean: &[T],
    precision: &[T],
    diff: &mut [T],
    out: &mut [T],
) {
    let (x, _) = x.as_chunks::<D>();
    let (diff, _) = diff.as_chunks_mut::<D>();
    let mut m = [T::ZERO; D];
    m.copy_from_slice(mean);
    for (dv, xv) in diff.iter_mut().zip(x) {
        for i in 0..D {
            dv[i] = xv[i] - m[i];
        }
    }
    let mut lambda = [[T::ZERO; D]; D];
    for (row, values) in lambda.iter_mut().zip(precision.chunks_exact(D)) {
        row.copy_from_slice(values);
    }
    let diff: &[[T; D]] = diff;
    einsum!(out = "ni,ij,nj->n", diff, lambda, diff);
}

/// `out ← out − 2 cross + mean_term[c]`, row `c` of the `k x n` buffers.
fn combine_expansion<T: Float>(out: &mut [T], cross: &[T], mean_term: &[T], n: usize) {
    let two = T::from_f64(2.0);
    for ((row, cross_row), &m) in out
        .chunks_exact_mut(n)
        .zip(cross.chunks_exact(n))
        .zip(mean_term)
    {
        for (v, &cr) in row.iter_mut().zip(cross_row) {
            *v = *v - two * cr + m;
        }
    }
}

/// The E-step's result for `n` rows.
pub(crate) struct Responsibilities<T> {
    /// `r_nc`, `k x n`.
    pub resp: Vec<T>,
    /// `ln Σ_c exp(weighted_log_prob)`, `n`.
    pub log_norm: Vec<T>,
    /// `Σ_c r_nc ln r_nc` of every row (`0 ln 0 = 0`), `n`: the responsibilities' part of the
    /// lower bound.
    pub r_ln_r: Vec<T>,
}

/// The responsibilities of every component for every row of `x`: one vectorised `exp` pass
/// over the shifted log-probabilities gives the normalisers, the responsibilities and their
/// entropy.
///
/// # Errors
/// [`GmmError::NonFiniteLikelihood`] for a row whose expected log-density is not finite
/// under every component.
pub(crate) fn responsibilities<T: Float>(
    post: &Posterior<T>,
    x: TensorRef<'_, T, 2>,
) -> Result<Responsibilities<T>, GmmError> {
    let n = x.shape()[0];
    let k = post.k;
    let mut shifted = weighted_log_prob(post, x);
    let mut maxima = vec![T::NEG_INFINITY; n];
    for row in shifted.chunks_exact(n) {
        for (m, &v) in maxima.iter_mut().zip(row) {
            if v > *m {
                *m = v;
            }
        }
    }
    if let Some(row) = maxima.iter().position(|m| !m.is_finite()) {
        return Err(GmmError::NonFiniteLikelihood { row });
    }
    for row in shifted.chunks_exact_mut(n) {
        for (v, &m) in row.iter_mut().zip(&maxima) {
            *v -= m;
        }
    }
    let mut resp = shifted.clone();
    exp_in_place(&mut resp);
    let mut sums = vec![T::ZERO; n];
    einsum!(sums = "kn->n", view(&resp, [k, n]));
    let inverse: Vec<T> = sums.iter().map(|&s| T::ONE / s).collect();
    let log_sums: Vec<T> = sums.iter().map(|&s| s.ln()).collect();
    let mut r_ln_r = vec![T::ZERO; n];
    for (resp_row, shifted_row) in resp.chunks_exact_mut(n).zip(shifted.chunks_exact(n)) {
        for ((((r, &s), &i), &l), e) in resp_row
            .iter_mut()
            .zip(shifted_row)
            .zip(&inverse)
            .zip(&log_sums)
            .zip(r_ln_r.iter_mut())
        {
            *r *= i;
            if *r != T::ZERO {
                *e += *r * (s - l);
            }
        }
    }
    let log_norm: Vec<T> = log_sums.iter().zip(&maxima).map(|(&l, &m)| m + l).collect();
    Ok(Responsibilities {
        resp,
        log_norm,
        r_ln_r,
    })
}

/// The evidence lower bound after an M-step, up to constants (scikit-learn's
/// `_compute_lower_bound`): the weighted entropy of the E-step's responsibilities (from
/// their per-row `Σ_c r ln r`) minus the normalisers of the Wishart, Dirichlet (or Beta) and Gaussian factors.
pub(crate) fn lower_bound<T: Float>(post: &Posterior<T>, r_ln_r: &[T], w: &[T]) -> T {
    let (k, d) = (post.k, post.d);
    let weighted_sum: T = einsum!("n,n->", w, r_ln_r);
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
