//! The builder of a Bayesian mixture: scikit-learn's hyper-parameters and priors, checked
//! once, then `fit` (`n_init` runs, or one warm-started run).

use einsum::Operand;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::bayesian::iteration::Problem;
use crate::bayesian::priors::GivenPriors;
use crate::bayesian::state::Posterior;
use crate::bayesian::{BayesianGaussianMixture, WeightConcentrationPriorType};
use crate::data::Samples;
use crate::fit::best_of_runs;
use crate::init::InitialResponsibilities;
use crate::{CovarianceType, Float, GmmError, InitMethod, Progress};

/// The hyper-parameters of a variational Bayesian Gaussian mixture, unchecked: build with
/// [`BayesianGaussianMixture::params`], then [`check`](BgmParams::check) or fit directly.
///
/// Defaults are scikit-learn's: full covariances, a Dirichlet-process prior,
/// `tol = 1e-3`, `reg_covar = 1e-6`, `max_iter = 100`, `n_init = 1`, k-means
/// initialisation, and the priors of [`Priors`](crate::Priors); the seed defaults to 0.
///
/// ```
/// use gmm::{BayesianGaussianMixture, CovarianceType, WeightConcentrationPriorType};
/// let params = BayesianGaussianMixture::<f64>::params(10)
///     .covariance_type(CovarianceType::Diag)
///     .weight_concentration_prior_type(WeightConcentrationPriorType::DirichletDistribution)
///     .weight_concentration_prior(0.01)
///     .mean_precision_prior(0.5)
///     .degrees_of_freedom_prior(3.0)
///     .max_iter(500)
///     .check()
///     .unwrap();
/// assert_eq!(params.n_components(), 10);
/// assert!(BayesianGaussianMixture::<f64>::params(2).mean_precision_prior(0.0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BgmParams<T> {
    n_components: usize,
    covariance_type: CovarianceType,
    prior_type: WeightConcentrationPriorType,
    priors: GivenPriors<T>,
    tol: T,
    reg_covar: T,
    max_iter: usize,
    n_init: usize,
    init_method: InitMethod,
    responsibilities_init: Option<(Vec<T>, [usize; 2])>,
    seed: u64,
}

/// Checked hyper-parameters of a Bayesian mixture: fit any number of data sets with them.
///
/// ```
/// use gmm::BayesianGaussianMixture;
/// let params = BayesianGaussianMixture::params(4).seed(1).check().unwrap();
/// let x: &[[f64; 1]] = &[[0.0], [0.1], [0.3], [5.0], [5.2], [5.1]];
/// let model = params.fit(x).unwrap();
/// assert_eq!(model.n_components(), 4);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BgmValidParams<T> {
    params: BgmParams<T>,
}

impl<T: Float> BayesianGaussianMixture<T> {
    /// The hyper-parameters of a variational mixture of at most `n_components` Gaussians, with
    /// scikit-learn's defaults.
    ///
    /// ```
    /// use gmm::BayesianGaussianMixture;
    /// // Two groups of 30 values, around 0 and 6.
    /// let x: Vec<[f64; 1]> = (0..60)
    ///     .map(|i| [if i < 30 { 0.0 } else { 6.0 } + (1.7 * i as f64).sin()])
    ///     .collect();
    /// let model = BayesianGaussianMixture::params(5).fit(&x).unwrap();
    /// // The prior empties the components the data does not need.
    /// let used = model.weights().iter().filter(|&&w| w > 0.05).count();
    /// assert_eq!(used, 2);
    /// ```
    pub fn params(n_components: usize) -> BgmParams<T> {
        BgmParams {
            n_components,
            covariance_type: CovarianceType::Full,
            prior_type: WeightConcentrationPriorType::DirichletProcess,
            priors: GivenPriors::default(),
            tol: T::from_f64(1e-3),
            reg_covar: T::from_f64(1e-6),
            max_iter: 100,
            n_init: 1,
            init_method: InitMethod::KMeans,
            responsibilities_init: None,
            seed: 0,
        }
    }
}

impl<T: Float> BgmParams<T> {
    /// The form of the covariance matrices (default [`CovarianceType::Full`]).
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, CovarianceType};
    /// let p = BayesianGaussianMixture::<f32>::params(2).covariance_type(CovarianceType::Tied);
    /// assert_eq!(p.check().unwrap().covariance_type(), CovarianceType::Tied);
    /// ```
    pub fn covariance_type(mut self, covariance_type: CovarianceType) -> Self {
        self.covariance_type = covariance_type;
        self
    }

    /// The prior on the weights (default [`WeightConcentrationPriorType::DirichletProcess`]).
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, WeightConcentrationPriorType as W};
    /// let p = BayesianGaussianMixture::<f64>::params(2).weight_concentration_prior_type(W::DirichletDistribution);
    /// assert_eq!(p.check().unwrap().weight_concentration_prior_type(), W::DirichletDistribution);
    /// ```
    pub fn weight_concentration_prior_type(
        mut self,
        prior_type: WeightConcentrationPriorType,
    ) -> Self {
        self.prior_type = prior_type;
        self
    }

    /// The concentration `γ > 0` of the weights' prior (default `1 / n_components`): larger
    /// values keep more components in use.
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(2).weight_concentration_prior(-1.0);
    /// assert!(p.check().is_err());
    /// ```
    pub fn weight_concentration_prior(mut self, value: T) -> Self {
        self.priors.weight_concentration_prior = Some(value);
        self
    }

    /// The precision `β₀ > 0` of the prior on the means (default 1): larger values pull the
    /// means towards `mean_prior`.
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(2).mean_precision_prior(f64::NAN);
    /// assert!(p.check().is_err());
    /// ```
    pub fn mean_precision_prior(mut self, value: T) -> Self {
        self.priors.mean_precision_prior = Some(value);
        self
    }

    /// The prior mean `m₀`, one value per column (default: the weighted data mean).
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [1.0, 0.5], [4.0, 4.0], [5.0, 4.5]];
    /// let p = gmm::BayesianGaussianMixture::params(2).mean_prior(vec![0.0, 0.0]);
    /// assert_eq!(p.fit(x).unwrap().priors().mean_prior, vec![0.0, 0.0]);
    /// assert!(p.clone().mean_prior(vec![0.0]).fit(x).is_err()); // one value for two columns
    /// ```
    pub fn mean_prior(mut self, value: Vec<T>) -> Self {
        self.priors.mean_prior = Some(value);
        self
    }

    /// The prior degrees of freedom `ν₀ > d − 1` of the Wishart precisions (default `d`).
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [1.0, 0.5], [4.0, 4.0], [5.0, 4.5]];
    /// let p = gmm::BayesianGaussianMixture::params(2).degrees_of_freedom_prior(0.5);
    /// assert!(p.fit(x).is_err()); // must exceed d - 1 = 1
    /// ```
    pub fn degrees_of_freedom_prior(mut self, value: T) -> Self {
        self.priors.degrees_of_freedom_prior = Some(value);
        self
    }

    /// The prior covariance `W₀⁻¹` in the covariance type's layout: `d x d` (full, tied;
    /// symmetric positive definite), `d` (diag) or one value (spherical), all positive.
    /// Default: the weighted data covariance (`n − 1` normalised).
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, CovarianceType};
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [1.0, 0.5], [4.0, 4.0], [5.0, 4.5]];
    /// let p = BayesianGaussianMixture::params(2)
    ///     .covariance_type(CovarianceType::Diag)
    ///     .covariance_prior(vec![1.0, 2.0]);
    /// assert_eq!(p.fit(x).unwrap().priors().covariance_prior, vec![1.0, 2.0]);
    /// assert!(p.covariance_prior(vec![1.0, -2.0]).fit(x).is_err());
    /// ```
    pub fn covariance_prior(mut self, value: Vec<T>) -> Self {
        self.priors.covariance_prior = Some(value);
        self
    }

    /// The convergence threshold on the change of the lower bound (default `1e-3`); `0` runs
    /// exactly `max_iter` iterations.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.5]];
    /// let m = gmm::BayesianGaussianMixture::params(2).tol(0.0).max_iter(7).fit(x).unwrap();
    /// assert_eq!(m.n_iter(), 7);
    /// ```
    pub fn tol(mut self, tol: T) -> Self {
        self.tol = tol;
        self
    }

    /// The non-negative value added to the diagonal of every covariance moment (default
    /// `1e-6`).
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(2).reg_covar(-1.0);
    /// assert!(p.check().is_err());
    /// ```
    pub fn reg_covar(mut self, reg_covar: T) -> Self {
        self.reg_covar = reg_covar;
        self
    }

    /// The largest number of iterations of a run (default 100).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.5]];
    /// let m = gmm::BayesianGaussianMixture::params(2).max_iter(1).fit(x).unwrap();
    /// assert_eq!(m.n_iter(), 1);
    /// ```
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.max_iter = max_iter;
        self
    }

    /// The number of runs from different initialisations; the best lower bound is kept
    /// (default 1).
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(2).n_init(0);
    /// assert!(p.check().is_err());
    /// ```
    pub fn n_init(mut self, n_init: usize) -> Self {
        self.n_init = n_init;
        self
    }

    /// How the initial responsibilities are chosen (default [`InitMethod::KMeans`]).
    ///
    /// ```
    /// use gmm::{BayesianGaussianMixture, InitMethod};
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.5]];
    /// let p = BayesianGaussianMixture::params(2).init_method(InitMethod::Random).seed(4);
    /// assert_eq!(p.fit(x).unwrap(), p.fit(x).unwrap());
    /// ```
    pub fn init_method(mut self, init_method: InitMethod) -> Self {
        self.init_method = init_method;
        self
    }

    /// Initial responsibilities, `n x k` (one row per sample, each summing to 1): replace the
    /// init method, as scikit-learn's `_initialize(X, resp)`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.5]];
    /// let resp = [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]];
    /// let m = gmm::BayesianGaussianMixture::params(2)
    ///     .responsibilities_init(&resp)
    ///     .max_iter(1)
    ///     .fit(x)
    ///     .unwrap();
    /// assert_eq!(m.predict(x).unwrap(), vec![0, 0, 1, 1]);
    /// ```
    pub fn responsibilities_init<M: Operand<2, Elem = T> + ?Sized>(mut self, resp: &M) -> Self {
        self.responsibilities_init = Some(
            resp.view()
                .map(|v| (v.data().to_vec(), v.shape()))
                .unwrap_or((Vec::new(), [0, 0])),
        );
        self
    }

    /// The seed of every random choice (default 0).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [1.0], [3.0], [3.3], [4.0]];
    /// let p = gmm::BayesianGaussianMixture::params(3).seed(11);
    /// assert_eq!(p.fit(x).unwrap(), p.fit(x).unwrap());
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Checks every parameter that does not depend on the data.
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for `n_components` or `n_init` of 0, a negative or
    /// non-finite `tol` or `reg_covar`, a prior that is not finite and positive, or initial
    /// responsibilities that are not `k` columns of finite non-negative rows summing to 1.
    ///
    /// ```
    /// use gmm::BayesianGaussianMixture;
    /// assert!(BayesianGaussianMixture::<f64>::params(0).check().is_err());
    /// let bad = BayesianGaussianMixture::params(2).responsibilities_init(&[[0.5, 0.4]]);
    /// assert!(bad.check().is_err());
    /// ```
    pub fn check(self) -> Result<BgmValidParams<T>, GmmError> {
        let invalid = |name, reason: &str| GmmError::InvalidParameter {
            name,
            reason: reason.into(),
        };
        let k = self.n_components;
        if k == 0 {
            return Err(invalid("n_components", "must be at least 1"));
        }
        if self.n_init == 0 {
            return Err(invalid("n_init", "must be at least 1"));
        }
        if !self.tol.is_finite_non_negative() {
            return Err(invalid("tol", "must be finite and non-negative"));
        }
        if !self.reg_covar.is_finite_non_negative() {
            return Err(invalid("reg_covar", "must be finite and non-negative"));
        }
        self.priors.check()?;
        if let Some((resp, [rows, cols])) = &self.responsibilities_init {
            if *cols != k || *rows == 0 {
                return Err(invalid(
                    "responsibilities_init",
                    &format!("must be n rows of {k} columns, got {rows} x {cols}"),
                ));
            }
            let tolerance = T::EPSILON.sqrt() * T::from_usize(k);
            for row in resp.chunks_exact(k) {
                if row.iter().any(|v| !v.is_finite_non_negative()) {
                    return Err(invalid(
                        "responsibilities_init",
                        "must be finite and non-negative",
                    ));
                }
                let sum = row.iter().fold(T::ZERO, |s, &v| s + v);
                if (sum - T::ONE).abs() > tolerance {
                    return Err(invalid("responsibilities_init", "every row must sum to 1"));
                }
            }
        }
        Ok(BgmValidParams { params: self })
    }

    /// Checks the parameters and fits the rows of `x`.
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [0.2, 0.1], [4.0, 4.0], [4.2, 4.1]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(m.means().shape(), [2, 2]);
    /// ```
    pub fn fit<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<BayesianGaussianMixture<T>, GmmError> {
        self.clone().check()?.fit(x)
    }

    /// Checks the parameters and fits the rows of `x`, row `n` counting `sample_weight[n]`
    /// times.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [4.0], [4.2]];
    /// let m = gmm::BayesianGaussianMixture::params(2).fit_weighted(x, &[1.0, 3.0, 2.0, 2.0]).unwrap();
    /// assert!(m.lower_bound().is_finite());
    /// ```
    pub fn fit_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<BayesianGaussianMixture<T>, GmmError> {
        self.clone().check()?.fit_weighted(x, sample_weight)
    }
}

impl<T: Float> BgmValidParams<T> {
    /// The largest number of components.
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(7).check().unwrap();
    /// assert_eq!(p.n_components(), 7);
    /// ```
    pub fn n_components(&self) -> usize {
        self.params.n_components
    }

    /// The covariance type.
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(2).check().unwrap();
    /// assert_eq!(p.covariance_type(), gmm::CovarianceType::Full);
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        self.params.covariance_type
    }

    /// The prior on the weights.
    ///
    /// ```
    /// let p = gmm::BayesianGaussianMixture::<f64>::params(2).check().unwrap();
    /// assert_eq!(p.weight_concentration_prior_type(), gmm::WeightConcentrationPriorType::DirichletProcess);
    /// ```
    pub fn weight_concentration_prior_type(&self) -> WeightConcentrationPriorType {
        self.params.prior_type
    }

    /// Fits the rows of `x` (`&[[T; D]]`, a [`TensorRef`](einsum::TensorRef), ...).
    ///
    /// # Errors
    /// Bad data ([`GmmError::EmptyData`], [`GmmError::NonFiniteData`], ...), fewer rows than
    /// components, priors or initial responsibilities that do not fit the data, or a
    /// covariance that is not positive definite ([`GmmError::IllDefinedCovariance`]).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2]];
    /// let p = gmm::BayesianGaussianMixture::params(3).check().unwrap();
    /// assert!(p.fit(x).is_err()); // 2 samples, 3 components
    /// ```
    pub fn fit<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<BayesianGaussianMixture<T>, GmmError> {
        self.fit_with(x, None, |_| {})
    }

    /// Fits the rows of `x`, row `n` counting `sample_weight[n]` times: with integer weights,
    /// the fit on the rows repeated.
    ///
    /// # Errors
    /// As [`fit`](Self::fit), and bad weights ([`GmmError::WeightCount`], ...).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let resp = [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]];
    /// let p = gmm::BayesianGaussianMixture::params(2).responsibilities_init(&resp).check().unwrap();
    /// let weighted = p.fit_weighted(x, &[2.0, 1.0, 1.0, 1.0]).unwrap();
    /// let repeated_resp = [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]];
    /// let repeated = gmm::BayesianGaussianMixture::params(2)
    ///     .responsibilities_init(&repeated_resp)
    ///     .fit(&[[0.0], [0.0], [1.0], [5.0], [6.0]])
    ///     .unwrap();
    /// let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-9);
    /// assert!(close(weighted.means().data(), repeated.means().data()));
    /// assert!((weighted.lower_bound() - repeated.lower_bound()).abs() < 1e-9);
    /// ```
    pub fn fit_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<BayesianGaussianMixture<T>, GmmError> {
        self.fit_with(x, Some(sample_weight), |_| {})
    }

    /// Fits with optional sample weights, calling `callback` after every iteration.
    ///
    /// # Errors
    /// As [`fit_weighted`](Self::fit_weighted).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let p = gmm::BayesianGaussianMixture::params(2).check().unwrap();
    /// let mut bounds = Vec::new();
    /// let m = p.fit_with(x, None, |progress| bounds.push(progress.lower_bound)).unwrap();
    /// assert_eq!(bounds, m.lower_bound_history());
    /// ```
    pub fn fit_with<X, F>(
        &self,
        x: &X,
        sample_weight: Option<&[T]>,
        mut callback: F,
    ) -> Result<BayesianGaussianMixture<T>, GmmError>
    where
        X: Operand<2, Elem = T> + ?Sized,
        F: FnMut(Progress<T>),
    {
        let samples = Samples::new(x, sample_weight)?;
        self.run(&samples, None, &mut callback)
    }

    /// Continues fitting `model` on `x` from its posterior (scikit-learn's `warm_start`):
    /// one run of at most `max_iter` iterations, converged when the lower bound changes by
    /// less than `tol` from the model's. The priors left to their defaults are estimated
    /// again from `x`, as scikit-learn does.
    ///
    /// # Errors
    /// As [`fit_weighted`](Self::fit_weighted), and [`GmmError::InvalidParameter`] when the
    /// model has another number of components, covariance type or prior type.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let p = gmm::BayesianGaussianMixture::params(2).tol(0.0).max_iter(5).check().unwrap();
    /// let five = p.fit(x).unwrap();
    /// let ten = p.warm_start(&five, x, None).unwrap();
    /// let direct = gmm::BayesianGaussianMixture::params(2).tol(0.0).max_iter(10).fit(x).unwrap();
    /// assert_eq!(ten.means(), direct.means());
    /// ```
    pub fn warm_start<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        model: &BayesianGaussianMixture<T>,
        x: &X,
        sample_weight: Option<&[T]>,
    ) -> Result<BayesianGaussianMixture<T>, GmmError> {
        self.warm_start_with(model, x, sample_weight, |_| {})
    }

    /// [`warm_start`](Self::warm_start) with a per-iteration callback.
    ///
    /// # Errors
    /// As [`warm_start`](Self::warm_start).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let p = gmm::BayesianGaussianMixture::params(2).tol(0.0).max_iter(3).check().unwrap();
    /// let m = p.fit(x).unwrap();
    /// let mut count = 0;
    /// p.warm_start_with(&m, x, None, |_| count += 1).unwrap();
    /// assert_eq!(count, 3);
    /// ```
    pub fn warm_start_with<X, F>(
        &self,
        model: &BayesianGaussianMixture<T>,
        x: &X,
        sample_weight: Option<&[T]>,
        mut callback: F,
    ) -> Result<BayesianGaussianMixture<T>, GmmError>
    where
        X: Operand<2, Elem = T> + ?Sized,
        F: FnMut(Progress<T>),
    {
        let p = &self.params;
        if model.n_components() != p.n_components
            || model.covariance_type() != p.covariance_type
            || model.weight_concentration_prior_type() != p.prior_type
        {
            return Err(GmmError::InvalidParameter {
                name: "warm_start",
                reason: "the model's number of components, covariance type or prior type \
                         differs"
                    .into(),
            });
        }
        let samples = Samples::new(x, sample_weight)?;
        if samples.d() != model.n_features() {
            return Err(GmmError::DimensionMismatch {
                expected: model.n_features(),
                found: samples.d(),
            });
        }
        self.run(&samples, Some(model), &mut callback)
    }

    /// `n_init` runs (one when warm-starting), keeping the best lower bound.
    fn run(
        &self,
        samples: &Samples<'_, T>,
        warm: Option<&BayesianGaussianMixture<T>>,
        callback: &mut dyn FnMut(Progress<T>),
    ) -> Result<BayesianGaussianMixture<T>, GmmError> {
        let p = &self.params;
        let (n, k) = (samples.n(), p.n_components);
        let positive = samples.weights().positive();
        if positive < k {
            return Err(GmmError::TooFewSamples {
                n_samples: positive,
                n_components: k,
            });
        }
        let priors = p.priors.resolve(samples, k, p.covariance_type)?;
        let problem = Problem {
            samples,
            priors: &priors,
            covariance_type: p.covariance_type,
            prior_type: p.prior_type,
            k,
            reg_covar: p.reg_covar,
        };
        if let Some((_, [rows, _])) = &p.responsibilities_init
            && *rows != n
        {
            return Err(GmmError::InvalidParameter {
                name: "responsibilities_init",
                reason: format!("has {rows} rows but the data has {n}"),
            });
        }
        let runs = if warm.is_some() { 1 } else { p.n_init };
        let start = |rng: &mut StdRng| {
            let post = match (warm, &p.responsibilities_init) {
                (Some(model), _) => return Ok((model.posterior().clone(), model.lower_bound())),
                (None, Some((resp, _))) => problem.posterior_from(|rows, r| {
                    r.copy_from_slice(&resp[rows.start * k..rows.end * k])
                })?,
                (None, None) => {
                    let w = samples.weights();
                    let initial =
                        InitialResponsibilities::draw(p.init_method, samples.x, w, k, rng);
                    problem.posterior_from(|rows, r| initial.fill(rows, r))?
                }
            };
            Ok((post, T::NEG_INFINITY))
        };
        let step = |_: &mut StdRng, post: &mut Posterior<T>| {
            let (next, lower_bound) = problem.iterate(post)?;
            *post = next;
            Ok(lower_bound)
        };
        let mut rng = StdRng::seed_from_u64(p.seed);
        let run = best_of_runs(&mut rng, runs, p.max_iter, p.tol, start, step, callback)?;
        BayesianGaussianMixture::from_fit(
            run.state,
            priors,
            run.converged,
            run.lower_bound,
            run.history,
        )
    }
}
