//! The fitted Bayesian mixture: the variational posterior, diagnostics, and everything
//! computed from them.

use einsum::{DynTensorRef, Operand, Tensor, TensorRef, einsum};

use crate::bayesian::WeightConcentrationPriorType;
use crate::bayesian::maximisation::precisions_cholesky;
use crate::bayesian::plug_in::PlugIn;
use crate::bayesian::priors::Priors;
use crate::bayesian::state::Posterior;
use crate::buffers::view;
use crate::data::Samples;
use crate::{CovarianceType, Float, GaussianMixture, GmmError, ProbaBatches};

/// A Gaussian mixture fitted by variational inference: what scikit-learn's
/// `BayesianGaussianMixture` holds after `fit`.
///
/// The weights carry a Dirichlet-process (stick-breaking) or Dirichlet-distribution prior, the
/// means a Gaussian prior and the precisions a Wishart prior; the fit keeps their conjugate
/// posterior ([`weight_concentration`](Self::weight_concentration),
/// [`mean_precision`](Self::mean_precision), [`degrees_of_freedom`](Self::degrees_of_freedom),
/// [`means`](Self::means), [`covariances`](Self::covariances)). With more components than
/// the data needs, the prior leaves the surplus ones with weights near zero.
///
/// Predictions use the posterior expectations, as scikit-learn's: `score_samples` is the
/// log-sum-exp of `E_q[ln π_c + ln N(x | μ_c, Λ_c⁻¹)]`, which is not the density of the
/// mixture of `weights`, `means` and `covariances` (each component's term carries other
/// constants).
///
/// ```
/// use gmm::BayesianGaussianMixture;
/// // Two clouds of 40 points, around (0, 0) and (8, 8).
/// let x: Vec<[f64; 2]> = (0..80)
///     .map(|i| {
///         let (c, t) = (if i < 40 { 0.0 } else { 8.0 }, i as f64);
///         [c + (1.3 * t).sin(), c + (2.1 * t).cos()]
///     })
///     .collect();
/// let model = BayesianGaussianMixture::params(6).seed(1).fit(&x).unwrap();
/// let labels = model.predict(&x).unwrap();
/// assert!(labels[..40].iter().all(|&l| l == labels[0]));
/// assert!(labels[40..].iter().all(|&l| l == labels[40]));
/// assert_ne!(labels[0], labels[40]);
/// // The prior empties the four components the data does not need.
/// assert_eq!(model.weights().iter().filter(|&&w| w > 0.1).count(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BayesianGaussianMixture<T> {
    post: Posterior<T>,
    priors: Priors<T>,
    weights: Vec<T>,
    precisions: Vec<T>,
    shape: Vec<usize>,
    concentration_shape: Vec<usize>,
    plug_in: PlugIn<T>,
    converged: bool,
    lower_bound: T,
    history: Vec<T>,
}

/// A view with a shape that matches its data by construction.
fn dyn_view<'a, T>(data: &'a [T], shape: &'a [usize]) -> DynTensorRef<'a, T> {
    match DynTensorRef::new(data, shape) {
        Ok(v) => v,
        Err(e) => unreachable!("parameter of the wrong length: {e}"),
    }
}

impl<T: Float> BayesianGaussianMixture<T> {
    pub(crate) fn from_fit(
        post: Posterior<T>,
        priors: Priors<T>,
        converged: bool,
        lower_bound: T,
        history: Vec<T>,
    ) -> Result<Self, GmmError> {
        let plug_in = PlugIn::of(&post)?;
        let weights = post.weights();
        let shape = post.covariance_shape();
        let pc = &post.precisions_cholesky;
        let d = post.d;
        let precisions = match post.covariance_type {
            CovarianceType::Full | CovarianceType::Tied => {
                let mut out = vec![T::ZERO; pc.len()];
                for (p, f) in out.chunks_exact_mut(d * d).zip(pc.chunks_exact(d * d)) {
                    einsum!(
                        crate::buffers::view_mut(p, [d, d]) = "ik,jk->ij",
                        view(f, [d, d]),
                        view(f, [d, d])
                    );
                }
                out
            }
            CovarianceType::Diag | CovarianceType::Spherical => {
                let mut out = vec![T::ZERO; pc.len()];
                einsum!(out = "c,c->c", pc, pc);
                out
            }
        };
        let concentration_shape = match post.prior_type {
            WeightConcentrationPriorType::DirichletProcess => vec![2, post.k],
            WeightConcentrationPriorType::DirichletDistribution => vec![post.k],
        };
        Ok(BayesianGaussianMixture {
            post,
            priors,
            weights,
            precisions,
            shape,
            concentration_shape,
            plug_in,
            converged,
            lower_bound,
            history,
        })
    }

    pub(crate) fn posterior(&self) -> &Posterior<T> {
        &self.post
    }

    /// A mixture from a saved posterior and the priors it was fitted with (the parts a fit
    /// exposes: [`priors`](Self::priors), [`weight_concentration`](Self::weight_concentration),
    /// [`mean_precision`](Self::mean_precision), [`means`](Self::means),
    /// [`degrees_of_freedom`](Self::degrees_of_freedom), [`covariances`](Self::covariances)),
    /// its fit history empty; add it with [`with_history`](Self::with_history). Everything
    /// else, precision factors included, is computed again as the fit computes it, so the
    /// saved model equals the fitted one.
    ///
    /// # Errors
    /// [`GmmError::InitShape`] for parts of the wrong length, [`GmmError::InvalidParameter`]
    /// for concentrations, mean precisions, degrees of freedom or priors that are not finite
    /// and positive (degrees of freedom above `d - 1`) or do not match the dimension,
    /// [`GmmError::NotPositiveDefinite`] for a covariance that is not symmetric positive
    /// definite, [`GmmError::InitNonFiniteMeans`] for means that are not finite.
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, GmmError};
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let fitted = BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let save = |mean_precision: &[f64]| {
    ///     BayesianGaussianMixture::from_posterior(
    ///         fitted.covariance_type(),
    ///         fitted.weight_concentration_prior_type(),
    ///         fitted.priors().clone(),
    ///         fitted.weight_concentration().data(),
    ///         mean_precision,
    ///         &fitted.means(),
    ///         fitted.degrees_of_freedom(),
    ///         fitted.covariances().data(),
    ///     )
    /// };
    /// let saved = save(fitted.mean_precision())
    ///     .unwrap()
    ///     .with_history(fitted.converged(), fitted.lower_bound_history().to_vec());
    /// assert_eq!(saved, fitted);
    /// assert!(matches!(save(&[1.0, -1.0]), Err(GmmError::InvalidParameter { .. })));
    /// assert!(matches!(save(&[1.0]), Err(GmmError::InitShape { .. })));
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn from_posterior<M: Operand<2, Elem = T> + ?Sized>(
        covariance_type: CovarianceType,
        prior_type: WeightConcentrationPriorType,
        priors: Priors<T>,
        weight_concentration: &[T],
        mean_precision: &[T],
        means: &M,
        degrees_of_freedom: &[T],
        covariances: &[T],
    ) -> Result<Self, GmmError> {
        let k = mean_precision.len();
        // Means and covariances as a Gaussian mixture's: shapes, finiteness, symmetry and
        // positive definiteness, with that constructor's errors.
        let uniform = vec![T::ONE / T::from_usize(k.max(1)); k];
        let as_mixture =
            GaussianMixture::from_parameters(covariance_type, &uniform, means, covariances)?;
        let d = as_mixture.n_features();
        let concentration_len = match prior_type {
            WeightConcentrationPriorType::DirichletProcess => 2 * k,
            WeightConcentrationPriorType::DirichletDistribution => k,
        };
        let dof_len = match covariance_type {
            CovarianceType::Tied => 1,
            _ => k,
        };
        for (name, values, expected) in [
            (
                "weight concentrations",
                weight_concentration,
                concentration_len,
            ),
            ("degrees of freedom", degrees_of_freedom, dof_len),
        ] {
            if values.len() != expected {
                return Err(GmmError::InitShape {
                    name,
                    expected,
                    found: values.len(),
                });
            }
        }
        for (name, values) in [
            ("weight_concentration", weight_concentration),
            ("mean_precision", mean_precision),
        ] {
            if !values.iter().all(|v| v.is_finite_positive()) {
                return Err(GmmError::InvalidParameter {
                    name,
                    reason: "must be finite and greater than 0".into(),
                });
            }
        }
        let lowest = T::from_usize(d) - T::ONE;
        if !degrees_of_freedom
            .iter()
            .all(|&v| v.is_finite() && v > lowest)
        {
            return Err(GmmError::InvalidParameter {
                name: "degrees_of_freedom",
                reason: format!("must be finite and greater than d - 1 = {}", d - 1),
            });
        }
        priors.check(d, covariance_type)?;
        let precisions_cholesky =
            precisions_cholesky(covariances, covariance_type, k, d).map_err(|e| match e {
                GmmError::IllDefinedCovariance { component } => {
                    GmmError::NotPositiveDefinite { component }
                }
                other => other,
            })?;
        let post = Posterior {
            covariance_type,
            prior_type,
            k,
            d,
            weight_concentration: weight_concentration.to_vec(),
            mean_precision: mean_precision.to_vec(),
            means: as_mixture.means().data().to_vec(),
            degrees_of_freedom: degrees_of_freedom.to_vec(),
            covariances: covariances.to_vec(),
            precisions_cholesky,
        };
        Self::from_fit(post, priors, false, T::NEG_INFINITY, Vec::new())
    }

    /// The same mixture with a saved fit history: whether the fit converged and the lower
    /// bound after every iteration of its kept run, so that [`n_iter`](Self::n_iter) is the
    /// history's length and [`lower_bound`](Self::lower_bound) its last value (`-inf` when
    /// empty).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let again = m.clone().with_history(false, vec![-9.0, -8.5]);
    /// assert_eq!((again.n_iter(), again.lower_bound(), again.converged()), (2, -8.5, false));
    /// ```
    pub fn with_history(mut self, converged: bool, history: Vec<T>) -> Self {
        self.converged = converged;
        self.lower_bound = history.last().copied().unwrap_or(T::NEG_INFINITY);
        self.history = history;
        self
    }

    /// The covariance type.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// let m = gmm::BayesianGaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(m.covariance_type(), gmm::CovarianceType::Full);
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        self.post.covariance_type
    }

    /// The prior on the weights.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// let m = gmm::BayesianGaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(m.weight_concentration_prior_type().name(), "dirichlet_process");
    /// ```
    pub fn weight_concentration_prior_type(&self) -> WeightConcentrationPriorType {
        self.post.prior_type
    }

    /// The number of components (the upper bound given to the builder).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// assert_eq!(gmm::BayesianGaussianMixture::params(3).fit(x).unwrap().n_components(), 3);
    /// ```
    pub fn n_components(&self) -> usize {
        self.post.k
    }

    /// The dimension of the data.
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 1.0], [1.0, 0.0], [5.0, 5.0]];
    /// assert_eq!(gmm::BayesianGaussianMixture::params(1).fit(x).unwrap().n_features(), 2);
    /// ```
    pub fn n_features(&self) -> usize {
        self.post.d
    }

    /// The priors the fit used, defaults resolved against the data.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(m.priors().mean_precision_prior, 1.0);
    /// ```
    pub fn priors(&self) -> &Priors<T> {
        &self.priors
    }

    /// The expected mixing weights, summing to 1 (scikit-learn's `weights_`).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(3).fit(x).unwrap();
    /// assert!((m.weights().iter().sum::<f64>() - 1.0).abs() < 1e-12);
    /// ```
    pub fn weights(&self) -> &[T] {
        &self.weights
    }

    /// The posterior means of the components, `k x d`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(m.means().shape(), [2, 1]);
    /// ```
    pub fn means(&self) -> TensorRef<'_, T, 2> {
        view(&self.post.means, [self.post.k, self.post.d])
    }

    /// The covariances (the Wishart scale inverses divided by the degrees of freedom), in the
    /// covariance type's layout: `k x d x d` (full), `d x d` (tied), `k x d` (diag), `k`
    /// (spherical).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(m.covariances().shape(), &[2, 1, 1]);
    /// ```
    pub fn covariances(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.post.covariances, &self.shape)
    }

    /// The precisions (inverse covariances), in the covariance type's layout.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let (c, p) = (m.covariances().data()[0], m.precisions().data()[0]);
    /// assert!((c * p - 1.0).abs() < 1e-12);
    /// ```
    pub fn precisions(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.precisions, &self.shape)
    }

    /// The Cholesky factors of the precisions, in the covariance type's layout: for full
    /// and tied, upper-triangular `P` with `P Pᵀ` the precision; for diag and spherical,
    /// the square roots of the precisions.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let (p, f) = (m.precisions().data()[1], m.precisions_cholesky().data()[1]);
    /// assert!((f * f - p).abs() < 1e-12 * p);
    /// ```
    pub fn precisions_cholesky(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.post.precisions_cholesky, &self.shape)
    }

    /// The posterior of the weights (scikit-learn's `weight_concentration_`): for the
    /// Dirichlet process `2 x k`, the Beta parameters `(1 + N_c, γ + Σ_{j>c} N_j)` of each
    /// stick fraction; for the Dirichlet distribution `k` concentrations `γ + N_c`.
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, WeightConcentrationPriorType as W};
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let dp = BayesianGaussianMixture::params(3).fit(x).unwrap();
    /// assert_eq!(dp.weight_concentration().shape(), &[2, 3]);
    /// let dd = BayesianGaussianMixture::params(3)
    ///     .weight_concentration_prior_type(W::DirichletDistribution)
    ///     .fit(x)
    ///     .unwrap();
    /// // γ + N_c, and the N_c sum to the number of rows.
    /// let total: f64 = dd.weight_concentration().data().iter().sum();
    /// assert!((total - (4.0 + 3.0 * dd.priors().weight_concentration_prior)).abs() < 1e-9);
    /// ```
    pub fn weight_concentration(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.post.weight_concentration, &self.concentration_shape)
    }

    /// The precision `β_c = β₀ + N_c` of each component's mean, `k` values.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let total: f64 = m.mean_precision().iter().sum();
    /// assert!((total - (4.0 + 2.0)).abs() < 1e-9); // Σ N_c + k β₀
    /// ```
    pub fn mean_precision(&self) -> &[T] {
        &self.post.mean_precision
    }

    /// The degrees of freedom `ν_c = ν₀ + N_c` of each component's Wishart, `k` values; one
    /// value, `ν₀ + n/k`, for tied covariances (the components share one Wishart).
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, CovarianceType};
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let tied = BayesianGaussianMixture::params(2)
    ///     .covariance_type(CovarianceType::Tied)
    ///     .fit(x)
    ///     .unwrap();
    /// assert_eq!(tied.degrees_of_freedom().len(), 1);
    /// assert!((tied.degrees_of_freedom()[0] - (1.0 + 4.0 / 2.0)).abs() < 1e-9);
    /// ```
    pub fn degrees_of_freedom(&self) -> &[T] {
        &self.post.degrees_of_freedom
    }

    /// Whether the last run stopped because the lower bound changed by less than `tol`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).max_iter(1000).fit(x).unwrap();
    /// assert!(m.converged());
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// The number of iterations of the kept run.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).tol(0.0).max_iter(4).fit(x).unwrap();
    /// assert_eq!(m.n_iter(), 4);
    /// ```
    pub fn n_iter(&self) -> usize {
        self.history.len()
    }

    /// The evidence lower bound of the kept run after its last iteration, up to constants
    /// (scikit-learn's `lower_bound_`: a sum over the samples, not a mean).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(m.lower_bound(), *m.lower_bound_history().last().unwrap());
    /// ```
    pub fn lower_bound(&self) -> T {
        self.lower_bound
    }

    /// The lower bound after every iteration of the kept run.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).tol(0.0).max_iter(20).fit(x).unwrap();
    /// let h = m.lower_bound_history();
    /// assert!(h.windows(2).all(|w| w[1] >= w[0] - 1e-9)); // the bound never decreases
    /// ```
    pub fn lower_bound_history(&self) -> &[T] {
        &self.history
    }

    /// `ln Σ_c exp E_q[ln π_c + ln N(x_n | μ_c, Λ_c⁻¹)]` of every row (scikit-learn's
    /// `score_samples`).
    ///
    /// # Errors
    /// Bad data, or data of another dimension than the model.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let s = m.score_samples(&[[0.5], [50.0]]).unwrap();
    /// assert!(s[0] > s[1]);
    /// ```
    pub fn score_samples<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<Vec<T>, GmmError> {
        let mut scores = self.plug_in.mixture.score_samples(x)?;
        scores.iter_mut().for_each(|s| *s += self.plug_in.log_scale);
        Ok(scores)
    }

    /// The mean of [`score_samples`](Self::score_samples).
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let s = m.score_samples(x).unwrap();
    /// assert!((m.score(x).unwrap() - s.iter().sum::<f64>() / 4.0).abs() < 1e-12);
    /// ```
    pub fn score<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<T, GmmError> {
        self.weighted_score(&Samples::new(x, None)?)
    }

    /// The weighted mean of [`score_samples`](Self::score_samples): with integer weights,
    /// the score of the rows repeated.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples), and bad weights.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let a = m.score_weighted(&x[..2], &[2.0, 1.0]).unwrap();
    /// let b = m.score(&[[0.0], [0.0], [1.0]]).unwrap();
    /// assert!((a - b).abs() < 1e-12);
    /// ```
    pub fn score_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<T, GmmError> {
        self.weighted_score(&Samples::new(x, Some(sample_weight))?)
    }

    fn weighted_score(&self, samples: &Samples<'_, T>) -> Result<T, GmmError> {
        let mixture = &self.plug_in.mixture;
        let score = match samples.given_weights() {
            None => mixture.score(&samples.x)?,
            Some(w) => mixture.score_weighted(&samples.x, w)?,
        };
        Ok(score + self.plug_in.log_scale)
    }

    /// The most likely component of every row.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: Vec<[f64; 1]> = (0..60)
    ///     .map(|i| [if i < 30 { 0.0 } else { 6.0 } + (1.7 * i as f64).sin()])
    ///     .collect();
    /// let m = gmm::BayesianGaussianMixture::params(5).fit(&x).unwrap();
    /// let labels = m.predict(&[[0.1], [6.1]]).unwrap();
    /// assert_ne!(labels[0], labels[1]);
    /// ```
    pub fn predict<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<Vec<usize>, GmmError> {
        self.plug_in.mixture.predict(x)
    }

    /// The posterior probability of every component for every row, `n x k`.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let p = m.predict_proba(x).unwrap();
    /// assert_eq!(p.shape(), [4, 2]);
    /// assert!(((p[[2, 0]] + p[[2, 1]]) - 1.0).abs() < 1e-12);
    /// ```
    pub fn predict_proba<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<Tensor<T, 2>, GmmError> {
        self.plug_in.mixture.predict_proba(x)
    }

    /// The posterior probability of every component for every row, a batch of `batch_rows`
    /// rows at a time ([`ProbaBatches`]): [`predict_proba`](Self::predict_proba)'s rows in
    /// order, to the bit, without its `n x k` array.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples), and [`GmmError::InvalidParameter`] for
    /// `batch_rows = 0`; a batch with a row of no finite likelihood is an error item.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3], [0.1]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let batches: Vec<_> = m.predict_proba_batches(x, 2).unwrap().map(Result::unwrap).collect();
    /// assert_eq!(batches.iter().map(|b| b.shape()[0]).collect::<Vec<_>>(), [2, 2, 1]);
    /// let flat: Vec<f64> = batches.into_iter().flat_map(|b| b.into_vec()).collect();
    /// assert_eq!(flat, m.predict_proba(x).unwrap().as_slice());
    /// ```
    pub fn predict_proba_batches<'x, X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &'x X,
        batch_rows: usize,
    ) -> Result<ProbaBatches<'x, T>, GmmError> {
        self.plug_in.mixture.predict_proba_batches(x, batch_rows)
    }

    /// Draws `n_samples` rows from the mixture of the expected weights, the posterior means
    /// and the covariances (as scikit-learn's `sample`), with a seeded generator; rows come
    /// grouped by component, with their labels.
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for `n_samples = 0`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// let (rows, labels) = m.sample(50, 7).unwrap();
    /// assert_eq!(rows.shape(), [50, 1]);
    /// assert_eq!(m.sample(50, 7).unwrap(), (rows, labels));
    /// ```
    pub fn sample(
        &self,
        n_samples: usize,
        seed: u64,
    ) -> Result<(Tensor<T, 2>, Vec<usize>), GmmError> {
        GaussianMixture::from_parameters(
            self.post.covariance_type,
            &self.weights,
            &self.means(),
            &self.post.covariances,
        )?
        .sample(n_samples, seed)
    }
}
