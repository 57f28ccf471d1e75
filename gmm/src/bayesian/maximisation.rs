//! The variational M-step: the moments from the chunk pass's statistics, then the conjugate
//! updates of the Dirichlet (or Beta) weights, the Gaussian means and the Wishart precisions
//! (Bishop, PRML §10.2, with scikit-learn's normalisation of the Wishart scale by `ν`).
//!
//! One small function per covariance type and step, chosen by `match` on the type once per
//! call; every sum over samples or components is an `einsum!`.

use einsum::einsum;

use crate::bayesian::WeightConcentrationPriorType;
use crate::bayesian::priors::Priors;
use crate::bayesian::state::Posterior;
use crate::buffers::{view, view_mut};
use crate::linalg::{cholesky_lower, lower_triangular_inverse};
use crate::{CovarianceType, Float, GmmError, SufficientStatistics};

/// The responsibilities' moments (scikit-learn's `_estimate_gaussian_parameters`).
#[derive(Debug)]
pub(crate) struct Moments<T> {
    /// `N_k = Σ_n w_n r_nk + 10 ε`, `k`.
    pub nk: Vec<T>,
    /// `x̄_k`, `k x d`.
    pub xk: Vec<T>,
    /// `S_k + reg_covar I`, in the covariance type's layout.
    pub sk: Vec<T>,
}

/// The moments from the statistics of EM's chunk kernel ([`SufficientStatistics`]), as
/// [`moments`] computes them from responsibilities: `x̄` about `N_k + 10 ε`, and each scatter
/// about the component's own weighted mean (which differs from scikit-learn's centre
/// `Σ r x / (N_k + 10 ε)` by a relative `10 ε / N_k`, a change of order `ε²` in the scatter).
pub(crate) fn moments_from_statistics<T: Float>(
    stats: &SufficientStatistics<T>,
    k: usize,
    d: usize,
    reg_covar: T,
) -> Moments<T> {
    let floor = T::from_f64(10.0) * T::EPSILON;
    let nk: Vec<T> = stats.weights().iter().map(|&w| w + floor).collect();
    let mut xk = stats.first_moments();
    divide_rows(&mut xk, &nk);
    let second = stats.second_moments();
    let sk = match stats.covariance_type() {
        CovarianceType::Full => {
            // d x d x k, component last, to k x d x d.
            let mut out = vec![T::ZERO; k * d * d];
            einsum!(
                view_mut(&mut out, [k, d, d]) = "ijk->kij",
                view(second, [d, d, k])
            );
            divide_rows(&mut out, &nk);
            add_to_diagonals(&mut out, d, reg_covar);
            out
        }
        CovarianceType::Tied => {
            // The pooled scatter about each component's weighted mean, moved to `x̄` (about
            // `N_k + 10 ε`), over Σ_k N_k: scikit-learn's tied estimate without its
            // origin-dependent rounding.
            let (counts, first) = (stats.weights(), stats.first_moments());
            let shift: Vec<T> = (0..k * d)
                .map(|ci| {
                    let c = ci / d;
                    if counts[c] > T::ZERO {
                        first[ci] / counts[c] - xk[ci]
                    } else {
                        T::ZERO
                    }
                })
                .collect();
            let shift = view(&shift, [k, d]);
            let mut out = second.to_vec();
            einsum!(
                view_mut(&mut out, [d, d]) += "k,ki,kj->ij",
                counts,
                shift,
                shift
            );
            let total: T = einsum!("k->", &nk);
            out.iter_mut().for_each(|v| *v /= total);
            symmetrise(&mut out, d);
            add_to_diagonals(&mut out, d, reg_covar);
            out
        }
        CovarianceType::Diag => {
            let mut out = vec![T::ZERO; k * d];
            einsum!(view_mut(&mut out, [k, d]) = "ik->ki", view(second, [d, k]));
            divide_rows(&mut out, &nk);
            out.iter_mut().for_each(|v| *v += reg_covar);
            out
        }
        CovarianceType::Spherical => {
            let mut out = vec![T::ZERO; k];
            einsum!(out = "ik->k", view(second, [d, k]));
            let scale = T::ONE / T::from_usize(d);
            for (v, &n) in out.iter_mut().zip(&nk) {
                *v = *v * scale / n + reg_covar;
            }
            out
        }
    };
    Moments { nk, xk, sk }
}

/// Divides row `c` of the row-major `m` by `by[c]`.
fn divide_rows<T: Float>(m: &mut [T], by: &[T]) {
    let cols = m.len() / by.len();
    for (row, &b) in m.chunks_exact_mut(cols).zip(by) {
        row.iter_mut().for_each(|v| *v /= b);
    }
}

/// Adds `reg` to the diagonal of every `d x d` block of `m`.
fn add_to_diagonals<T: Float>(m: &mut [T], d: usize, reg: T) {
    for block in m.chunks_exact_mut(d * d) {
        for i in 0..d {
            block[i * d + i] += reg;
        }
    }
}

/// Replaces the `d x d` matrix `m` by `(m + mᵀ) / 2`. The tied scatter is a difference that
/// cancels most of both its terms, whose products are not summed in the same order for
/// `(i, j)` and `(j, i)`: their rounding leaves it asymmetric by up to ~`ε Σ w x²` relative
/// to the (much smaller) scatter, which in f32 on data far from the origin (iris: 2.6e-5)
/// fails the symmetry check of the posterior's plug-in mixture. Exact arithmetic's value is
/// symmetric.
fn symmetrise<T: Float>(m: &mut [T], d: usize) {
    for i in 0..d {
        for j in 0..i {
            let mean = (m[i * d + j] + m[j * d + i]) * T::from_f64(0.5);
            m[i * d + j] = mean;
            m[j * d + i] = mean;
        }
    }
}

/// The conjugate update of every variational factor from the moments (scikit-learn's
/// `_estimate_weights`, `_estimate_means` and `_estimate_precisions`), precision Cholesky
/// factors included.
pub(crate) fn update<T: Float>(
    post: &mut Posterior<T>,
    priors: &Priors<T>,
    m: &Moments<T>,
) -> Result<(), GmmError> {
    let (k, d) = (post.k, post.d);
    post.weight_concentration = weight_concentration(post.prior_type, priors, &m.nk);
    let beta0 = priors.mean_precision_prior;
    post.mean_precision = m.nk.iter().map(|&n| beta0 + n).collect();
    // m_k = (β₀ m₀ + N_k x̄_k) / β_k
    let mut means = vec![T::ZERO; k * d];
    einsum!(
        view_mut(&mut means, [k, d]) = "k,ki->ki",
        &m.nk,
        view(&m.xk, [k, d])
    );
    for (row, &beta) in means.chunks_exact_mut(d).zip(&post.mean_precision) {
        for (v, &m0) in row.iter_mut().zip(&priors.mean_prior) {
            *v = (*v + beta0 * m0) / beta;
        }
    }
    post.means = means;
    // x̄_k − m₀, and the weight of its outer product in each covariance.
    let mut diff = m.xk.clone();
    for row in diff.chunks_exact_mut(d) {
        for (v, &m0) in row.iter_mut().zip(&priors.mean_prior) {
            *v -= m0;
        }
    }
    let diff = view(&diff, [k, d]);
    let shrink: Vec<T> =
        m.nk.iter()
            .zip(&post.mean_precision)
            .map(|(&n, &beta)| n * beta0 / beta)
            .collect();
    let nu0 = priors.degrees_of_freedom_prior;
    let cov0 = &priors.covariance_prior;
    let (dof, cov) = match post.covariance_type {
        CovarianceType::Full => {
            // (W₀⁻¹ + N_k S_k + N_k β₀/β_k (x̄ − m₀)(x̄ − m₀)ᵀ) / ν_k
            let dof: Vec<T> = m.nk.iter().map(|&n| nu0 + n).collect();
            let mut cov = vec![T::ZERO; k * d * d];
            einsum!(
                view_mut(&mut cov, [k, d, d]) = "k,ki,kj->kij",
                &shrink,
                diff,
                diff
            );
            einsum!(
                view_mut(&mut cov, [k, d, d]) += "k,kij->kij",
                &m.nk,
                view(&m.sk, [k, d, d])
            );
            for (block, &nu) in cov.chunks_exact_mut(d * d).zip(&dof) {
                for (v, &c0) in block.iter_mut().zip(cov0) {
                    *v = (*v + c0) / nu;
                }
            }
            (dof, cov)
        }
        CovarianceType::Tied => {
            // (W₀⁻¹ + N̄ S + β₀/k Σ_k N_k/β_k (x̄_k − m₀)(x̄_k − m₀)ᵀ) / ν, N̄ = Σ N_k / k
            let kf = T::from_usize(k);
            let mean_count = m.nk.iter().fold(T::ZERO, |s, &n| s + n) / kf;
            let nu = nu0 + mean_count;
            let mut cov = vec![T::ZERO; d * d];
            einsum!(
                view_mut(&mut cov, [d, d]) = "k,ki,kj->ij",
                &shrink,
                diff,
                diff
            );
            for ((v, &c0), &s) in cov.iter_mut().zip(cov0).zip(&m.sk) {
                *v = (c0 + s * mean_count + *v / kf) / nu;
            }
            (vec![nu], cov)
        }
        CovarianceType::Diag => {
            // (W₀⁻¹ + N_k (S_k + β₀/β_k (x̄ − m₀)²)) / ν_k, elementwise
            let dof: Vec<T> = m.nk.iter().map(|&n| nu0 + n).collect();
            let mut cov = vec![T::ZERO; k * d];
            einsum!(
                view_mut(&mut cov, [k, d]) = "k,ki,ki->ki",
                &shrink,
                diff,
                diff
            );
            einsum!(
                view_mut(&mut cov, [k, d]) += "k,ki->ki",
                &m.nk,
                view(&m.sk, [k, d])
            );
            for (row, &nu) in cov.chunks_exact_mut(d).zip(&dof) {
                for (v, &c0) in row.iter_mut().zip(cov0) {
                    *v = (*v + c0) / nu;
                }
            }
            (dof, cov)
        }
        CovarianceType::Spherical => {
            // (W₀⁻¹ + N_k (S_k + β₀/β_k mean_i (x̄ − m₀)²)) / ν_k
            let dof: Vec<T> = m.nk.iter().map(|&n| nu0 + n).collect();
            let mut cov = vec![T::ZERO; k];
            einsum!(cov = "k,ki,ki->k", &shrink, diff, diff);
            let inv_d = T::ONE / T::from_usize(d);
            for (((v, &n), &s), &nu) in cov.iter_mut().zip(&m.nk).zip(&m.sk).zip(&dof) {
                *v = (cov0[0] + n * s + *v * inv_d) / nu;
            }
            (dof, cov)
        }
    };
    post.precisions_cholesky = precisions_cholesky(&cov, post.covariance_type, k, d)?;
    post.degrees_of_freedom = dof;
    post.covariances = cov;
    Ok(())
}

/// The posterior of the weights: Beta `(1 + N_k, γ + Σ_{j>k} N_j)` for the stick breaking,
/// Dirichlet `γ + N_k` for the distribution.
fn weight_concentration<T: Float>(
    prior_type: WeightConcentrationPriorType,
    priors: &Priors<T>,
    nk: &[T],
) -> Vec<T> {
    let gamma = priors.weight_concentration_prior;
    match prior_type {
        WeightConcentrationPriorType::DirichletProcess => {
            let k = nk.len();
            let mut out = vec![T::ZERO; 2 * k];
            let (alpha, beta) = out.split_at_mut(k);
            let mut tail = T::ZERO;
            for c in (0..k).rev() {
                alpha[c] = T::ONE + nk[c];
                beta[c] = gamma + tail;
                tail += nk[c];
            }
            out
        }
        WeightConcentrationPriorType::DirichletDistribution => {
            nk.iter().map(|&n| gamma + n).collect()
        }
    }
}

/// The Cholesky factors of the precisions (scikit-learn's `_compute_precision_cholesky`):
/// for full and tied, the transposed inverse of the covariance's lower Cholesky factor; for
/// diag and spherical, `1/√σ²`.
///
/// # Errors
/// [`GmmError::IllDefinedCovariance`] for the first covariance that is not positive definite.
pub(crate) fn precisions_cholesky<T: Float>(
    cov: &[T],
    covariance_type: CovarianceType,
    k: usize,
    d: usize,
) -> Result<Vec<T>, GmmError> {
    let ill = |component| GmmError::IllDefinedCovariance { component };
    match covariance_type {
        CovarianceType::Full | CovarianceType::Tied => {
            let mut out = vec![T::ZERO; cov.len()];
            let (mut l, mut inv) = (vec![T::ZERO; d * d], vec![T::ZERO; d * d]);
            for (c, (block, pc)) in cov
                .chunks_exact(d * d)
                .zip(out.chunks_exact_mut(d * d))
                .enumerate()
            {
                if !cholesky_lower(block, d, &mut l) {
                    return Err(ill(c));
                }
                lower_triangular_inverse(&l, d, &mut inv);
                einsum!(view_mut(pc, [d, d]) = "ij->ji", view(&inv, [d, d]));
            }
            Ok(out)
        }
        CovarianceType::Diag | CovarianceType::Spherical => {
            let per_component = if covariance_type == CovarianceType::Diag {
                d
            } else {
                1
            };
            debug_assert_eq!(cov.len(), k * per_component);
            cov.iter()
                .enumerate()
                .map(|(i, &v)| {
                    if v.is_finite_positive() {
                        Ok(T::ONE / v.sqrt())
                    } else {
                        Err(ill(i / per_component))
                    }
                })
                .collect()
        }
    }
}
