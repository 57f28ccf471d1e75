//! The builder: scikit-learn's hyper-parameters, checked once, then `fit`.

use einsum::Operand;

use crate::data::Samples;
use crate::fit::{Progress, Settings, fit};
use crate::init::Given;
use crate::{CovarianceType, Float, GaussianMixture, GmmError, InitMethod};

/// The hyper-parameters of a Gaussian mixture, unchecked: build with
/// [`GaussianMixture::params`], then [`check`](GmmParams::check) or fit directly.
///
/// Defaults are scikit-learn's: full covariances, `tol = 1e-3`, `reg_covar = 1e-6`,
/// `max_iter = 100`, `n_init = 1`, k-means initialisation; the seed defaults to 0.
///
/// ```
/// use gmm::{CovarianceType, GaussianMixture};
/// let params = GaussianMixture::<f64>::params(3)
///     .covariance_type(CovarianceType::Tied)
///     .tol(1e-4)
///     .max_iter(200)
///     .n_init(2)
///     .seed(42)
///     .check()
///     .unwrap();
/// assert_eq!(params.n_components(), 3);
/// assert!(GaussianMixture::<f64>::params(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GmmParams<T> {
    n_components: usize,
    covariance_type: CovarianceType,
    tol: T,
    reg_covar: T,
    max_iter: usize,
    n_init: usize,
    init_method: InitMethod,
    weights_init: Option<Vec<T>>,
    means_init: Option<(Vec<T>, [usize; 2])>,
    precisions_init: Option<Vec<T>>,
    seed: u64,
}

/// Checked hyper-parameters: fit any number of data sets with them.
///
/// ```
/// use gmm::GaussianMixture;
/// let params = GaussianMixture::params(2).seed(3).check().unwrap();
/// let a: &[[f64; 2]] = &[[0.0, 0.0], [0.1, 0.2], [3.0, 3.0], [3.2, 2.9]];
/// let b: &[[f64; 2]] = &[[1.0, 0.0], [1.1, 0.2], [9.0, 3.0], [9.2, 2.9]];
/// let (ma, mb) = (params.fit(a).unwrap(), params.fit(b).unwrap());
/// assert_eq!(ma.n_components(), mb.n_components());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GmmValidParams<T> {
    params: GmmParams<T>,
    given: Given<T>,
}

impl<T: Float> GaussianMixture<T> {
    /// The hyper-parameters of a mixture of `n_components` Gaussians, with scikit-learn's
    /// defaults.
    ///
    /// ```
    /// use gmm::GaussianMixture;
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [0.2, 0.1], [0.1, 0.3], [4.0, 4.0], [4.2, 4.1], [4.1, 3.8]];
    /// let model = GaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(model.predict(x).unwrap()[..3], [model.predict(x).unwrap()[0]; 3]);
    /// ```
    pub fn params(n_components: usize) -> GmmParams<T> {
        GmmParams {
            n_components,
            covariance_type: CovarianceType::Full,
            tol: T::from_f64(1e-3),
            reg_covar: T::from_f64(1e-6),
            max_iter: 100,
            n_init: 1,
            init_method: InitMethod::KMeans,
            weights_init: None,
            means_init: None,
            precisions_init: None,
            seed: 0,
        }
    }
}

impl<T: Float> GmmParams<T> {
    /// The form of the covariance matrices (default [`CovarianceType::Full`]).
    ///
    /// ```
    /// let p = gmm::GaussianMixture::<f32>::params(2).covariance_type(gmm::CovarianceType::Spherical);
    /// assert_eq!(p.check().unwrap().covariance_type(), gmm::CovarianceType::Spherical);
    /// ```
    pub fn covariance_type(mut self, covariance_type: CovarianceType) -> Self {
        self.covariance_type = covariance_type;
        self
    }

    /// The convergence threshold on the change of the lower bound (default `1e-3`); `0`
    /// runs exactly `max_iter` iterations.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).tol(0.0).max_iter(7).fit(x).unwrap();
    /// assert_eq!(m.n_iter(), 7);
    /// ```
    pub fn tol(mut self, tol: T) -> Self {
        self.tol = tol;
        self
    }

    /// Non-negative regularisation added to the diagonal of covariances (default `1e-6`).
    ///
    /// ```
    /// assert!(gmm::GaussianMixture::params(2).reg_covar(-1.0f64).check().is_err());
    /// ```
    pub fn reg_covar(mut self, reg_covar: T) -> Self {
        self.reg_covar = reg_covar;
        self
    }

    /// The maximum number of EM iterations per run (default 100).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).max_iter(1).fit(x).unwrap();
    /// assert_eq!(m.n_iter(), 1);
    /// ```
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.max_iter = max_iter;
        self
    }

    /// The number of initialisations; the run with the best final lower bound is kept
    /// (default 1).
    ///
    /// ```
    /// assert!(gmm::GaussianMixture::<f64>::params(2).n_init(0).check().is_err());
    /// ```
    pub fn n_init(mut self, n_init: usize) -> Self {
        self.n_init = n_init;
        self
    }

    /// How initial responsibilities are chosen (default [`InitMethod::KMeans`]).
    ///
    /// ```
    /// let p = gmm::GaussianMixture::<f64>::params(2).init_method(gmm::InitMethod::Random);
    /// assert_eq!(p.check().unwrap().init_method(), gmm::InitMethod::Random);
    /// ```
    pub fn init_method(mut self, init_method: InitMethod) -> Self {
        self.init_method = init_method;
        self
    }

    /// Initial mixing weights: `n_components` non-negative values summing to 1.
    ///
    /// ```
    /// let p = gmm::GaussianMixture::params(2).weights_init(vec![0.5f64, 0.6]);
    /// assert!(p.check().is_err());
    /// ```
    pub fn weights_init(mut self, weights: Vec<T>) -> Self {
        self.weights_init = Some(weights);
        self
    }

    /// Initial means: `n_components` rows of the data's dimension.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).means_init(&[[0.0], [3.0]]).max_iter(0).fit(x).unwrap();
    /// assert_eq!(m.means().data(), &[0.0, 3.0]);
    /// ```
    pub fn means_init<M: Operand<2, Elem = T> + ?Sized>(mut self, means: &M) -> Self {
        self.means_init = means.view().ok().map(|v| (v.data().to_vec(), v.shape()));
        if self.means_init.is_none() {
            self.means_init = Some((Vec::new(), [0, 0]));
        }
        self
    }

    /// Initial precisions (inverse covariances), flat row-major in the covariance type's
    /// layout: full `k x d x d`, tied `d x d`, diag `k x d`, spherical `k`.
    ///
    /// ```
    /// use gmm::{CovarianceType, GaussianMixture};
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// let m = GaussianMixture::params(2)
    ///     .covariance_type(CovarianceType::Spherical)
    ///     .precisions_init(vec![4.0, 0.25])
    ///     .max_iter(0)
    ///     .fit(x)
    ///     .unwrap();
    /// assert_eq!(m.covariances().data(), &[0.25, 4.0]);
    /// ```
    pub fn precisions_init(mut self, precisions: Vec<T>) -> Self {
        self.precisions_init = Some(precisions);
        self
    }

    /// The seed of every random choice (k-means, random initialisations); default 0.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [1.0], [3.0], [3.3], [4.0]];
    /// let p = gmm::GaussianMixture::params(2).init_method(gmm::InitMethod::Random).seed(9);
    /// assert_eq!(p.fit(x).unwrap(), p.fit(x).unwrap());
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Checks every parameter once.
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for `n_components` or `n_init` of 0, a negative or
    /// non-finite `tol` or `reg_covar`; [`GmmError::InitShape`], [`GmmError::InitWeights`],
    /// [`GmmError::InitNonFiniteMeans`] or [`GmmError::InitNotPositiveDefinite`] for bad
    /// initial parameters.
    ///
    /// ```
    /// use gmm::{GaussianMixture, GmmError};
    /// let err = GaussianMixture::params(2).precisions_init(vec![1.0f64, 0.0, 1.0]).check();
    /// assert!(matches!(err, Err(GmmError::InitShape { .. })));
    /// let err = GaussianMixture::params(2).precisions_init(vec![1.0f64, -1.0]).check();
    /// assert_eq!(err, Err(GmmError::InitNotPositiveDefinite { component: 1 }));
    /// ```
    pub fn check(self) -> Result<GmmValidParams<T>, GmmError> {
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
        let given = Given::check(
            self.covariance_type,
            k,
            self.weights_init.as_deref(),
            self.means_init.as_ref(),
            self.precisions_init.as_deref(),
        )?;
        Ok(GmmValidParams {
            params: self,
            given,
        })
    }

    /// Checks the parameters and fits the data (rows of a matrix: `&[[T; D]]`, a
    /// [`TensorRef`](einsum::TensorRef) over a flat slice, ...).
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [0.2, 0.1], [4.0, 4.0], [4.2, 4.1]];
    /// let model = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(model.means().shape(), [2, 2]);
    /// ```
    pub fn fit<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<GaussianMixture<T>, GmmError> {
        self.clone().check()?.fit(x)
    }

    /// Checks the parameters and fits the data with a weight per row.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [4.0], [4.2]];
    /// let model = gmm::GaussianMixture::params(2).fit_weighted(x, &[1.0, 3.0, 2.0, 2.0]).unwrap();
    /// assert!((model.weights()[0] - 0.5).abs() < 1e-6);
    /// ```
    pub fn fit_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<GaussianMixture<T>, GmmError> {
        self.clone().check()?.fit_weighted(x, sample_weight)
    }
}

impl<T: Float> GmmValidParams<T> {
    /// The number of mixture components.
    ///
    /// ```
    /// assert_eq!(gmm::GaussianMixture::<f64>::params(4).check().unwrap().n_components(), 4);
    /// ```
    pub fn n_components(&self) -> usize {
        self.params.n_components
    }

    /// The covariance type.
    ///
    /// ```
    /// let p = gmm::GaussianMixture::<f64>::params(4).check().unwrap();
    /// assert_eq!(p.covariance_type(), gmm::CovarianceType::Full);
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        self.params.covariance_type
    }

    /// The convergence threshold.
    ///
    /// ```
    /// assert_eq!(gmm::GaussianMixture::<f64>::params(4).check().unwrap().tol(), 1e-3);
    /// ```
    pub fn tol(&self) -> T {
        self.params.tol
    }

    /// The covariance regularisation.
    ///
    /// ```
    /// assert_eq!(gmm::GaussianMixture::<f64>::params(4).check().unwrap().reg_covar(), 1e-6);
    /// ```
    pub fn reg_covar(&self) -> T {
        self.params.reg_covar
    }

    /// The maximum number of iterations per run.
    ///
    /// ```
    /// assert_eq!(gmm::GaussianMixture::<f64>::params(4).check().unwrap().max_iter(), 100);
    /// ```
    pub fn max_iter(&self) -> usize {
        self.params.max_iter
    }

    /// The number of initialisations.
    ///
    /// ```
    /// assert_eq!(gmm::GaussianMixture::<f64>::params(4).check().unwrap().n_init(), 1);
    /// ```
    pub fn n_init(&self) -> usize {
        self.params.n_init
    }

    /// The initialisation method.
    ///
    /// ```
    /// let p = gmm::GaussianMixture::<f64>::params(4).check().unwrap();
    /// assert_eq!(p.init_method(), gmm::InitMethod::KMeans);
    /// ```
    pub fn init_method(&self) -> InitMethod {
        self.params.init_method
    }

    /// The random seed.
    ///
    /// ```
    /// assert_eq!(gmm::GaussianMixture::<f64>::params(4).seed(5).check().unwrap().seed(), 5);
    /// ```
    pub fn seed(&self) -> u64 {
        self.params.seed
    }

    /// Fits a mixture to the rows of `x`.
    ///
    /// # Errors
    /// Bad data ([`GmmError::EmptyData`], [`GmmError::ZeroDimension`],
    /// [`GmmError::NonFiniteData`], [`GmmError::TooFewSamples`],
    /// [`GmmError::DimensionMismatch`] with given initial parameters) or a degenerate fit
    /// ([`GmmError::IllDefinedCovariance`]).
    ///
    /// ```
    /// use einsum::TensorRef;
    /// let flat = [0.0, 0.0, 0.2, 0.1, 4.0, 4.0, 4.2, 4.1];
    /// let x = TensorRef::new(&flat, [4, 2]).unwrap();
    /// let params = gmm::GaussianMixture::params(2).check().unwrap();
    /// assert_eq!(params.fit(&x).unwrap().n_features(), 2);
    /// ```
    pub fn fit<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<GaussianMixture<T>, GmmError> {
        self.fit_with(x, None, |_| {})
    }

    /// Fits a mixture to the rows of `x`, row `n` counting `sample_weight[n]` times: with
    /// integer weights, the same fit as on the rows repeated.
    ///
    /// # Errors
    /// As [`fit`](Self::fit), and [`GmmError::WeightCount`], [`GmmError::NonFiniteWeight`],
    /// [`GmmError::NegativeWeight`] or [`GmmError::WeightSum`] for bad weights.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0], [6.0]];
    /// let p = gmm::GaussianMixture::params(2).check().unwrap();
    /// let weighted = p.fit_weighted(x, &[2.0, 1.0, 1.0, 1.0]).unwrap();
    /// let repeated = p.fit(&[[0.0], [0.0], [1.0], [5.0], [6.0]]).unwrap();
    /// let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-9);
    /// assert!(close(weighted.means().data(), repeated.means().data()));
    /// ```
    pub fn fit_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<GaussianMixture<T>, GmmError> {
        self.fit_with(x, Some(sample_weight), |_| {})
    }

    /// Fits with optional sample weights, calling `callback` after every EM iteration.
    ///
    /// # Errors
    /// As [`fit_weighted`](Self::fit_weighted).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let p = gmm::GaussianMixture::params(2).check().unwrap();
    /// let mut bounds = Vec::new();
    /// let m = p.fit_with(x, None, |progress| bounds.push(progress.lower_bound)).unwrap();
    /// assert_eq!(bounds, m.lower_bound_history());
    /// ```
    pub fn fit_with<X, F>(
        &self,
        x: &X,
        sample_weight: Option<&[T]>,
        mut callback: F,
    ) -> Result<GaussianMixture<T>, GmmError>
    where
        X: Operand<2, Elem = T> + ?Sized,
        F: FnMut(Progress<T>),
    {
        let samples = Samples::new(x, sample_weight)?.with_largest_weight_one();
        fit(&self.settings(), &self.given, &samples, None, &mut callback)
    }

    /// Continues fitting `model` on `x` from its parameters (scikit-learn's `warm_start`):
    /// one run of at most `max_iter` iterations, converged when the lower bound changes by
    /// less than `tol` from the model's.
    ///
    /// # Errors
    /// As [`fit_weighted`](Self::fit_weighted), and [`GmmError::InvalidParameter`] when the
    /// model has another number of components or covariance type than these parameters.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let p = gmm::GaussianMixture::params(2).tol(0.0).max_iter(5).check().unwrap();
    /// let five = p.fit(x).unwrap();
    /// let ten = p.warm_start(&five, x, None).unwrap();
    /// let direct = gmm::GaussianMixture::params(2).tol(0.0).max_iter(10).fit(x).unwrap();
    /// assert_eq!(ten.means(), direct.means());
    /// ```
    pub fn warm_start<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        model: &GaussianMixture<T>,
        x: &X,
        sample_weight: Option<&[T]>,
    ) -> Result<GaussianMixture<T>, GmmError> {
        self.warm_start_with(model, x, sample_weight, |_| {})
    }

    /// [`warm_start`](Self::warm_start) with a per-iteration callback.
    ///
    /// # Errors
    /// As [`warm_start`](Self::warm_start).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let p = gmm::GaussianMixture::params(2).tol(0.0).max_iter(3).check().unwrap();
    /// let m = p.fit(x).unwrap();
    /// let mut count = 0;
    /// p.warm_start_with(&m, x, None, |_| count += 1).unwrap();
    /// assert_eq!(count, 3);
    /// ```
    pub fn warm_start_with<X, F>(
        &self,
        model: &GaussianMixture<T>,
        x: &X,
        sample_weight: Option<&[T]>,
        mut callback: F,
    ) -> Result<GaussianMixture<T>, GmmError>
    where
        X: Operand<2, Elem = T> + ?Sized,
        F: FnMut(Progress<T>),
    {
        if model.n_components() != self.params.n_components
            || model.covariance_type() != self.params.covariance_type
        {
            return Err(GmmError::InvalidParameter {
                name: "warm_start",
                reason: "the model's number of components or covariance type differs".into(),
            });
        }
        let samples = Samples::new(x, sample_weight)?.with_largest_weight_one();
        if samples.d() != model.n_features() {
            return Err(GmmError::DimensionMismatch {
                expected: model.n_features(),
                found: samples.d(),
            });
        }
        fit(
            &self.settings(),
            &self.given,
            &samples,
            Some(model),
            &mut callback,
        )
    }

    /// What the fit loop runs with.
    fn settings(&self) -> Settings<T> {
        let p = &self.params;
        Settings {
            n_components: p.n_components,
            covariance_type: p.covariance_type,
            tol: p.tol,
            reg_covar: p.reg_covar,
            max_iter: p.max_iter,
            n_init: p.n_init,
            init_method: p.init_method,
            seed: p.seed,
        }
    }
}
