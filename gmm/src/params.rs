//! The builder: scikit-learn's hyper-parameters, checked once, then `fit`.

use einsum::{Operand, einsum};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::data::Samples;
use crate::em::{Em, Parameters};
use crate::kernels::Scratch;
use crate::kmeans::{kmeans, kmeans_plusplus, uniform};
use crate::{Float, GaussianMixture, GmmError};

/// The form of the components' covariance matrices (scikit-learn's `covariance_type`).
///
/// ```
/// use gmm::{CovarianceType, GaussianMixture};
/// let x: &[[f64; 2]] = &[[0.0, 0.1], [0.2, -0.1], [5.0, 5.2], [5.1, 4.9], [4.8, 5.0]];
/// let model = GaussianMixture::params(2)
///     .covariance_type(CovarianceType::Diag)
///     .fit(x)
///     .unwrap();
/// assert_eq!(model.covariances().shape(), &[2, 2]); // k x d
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CovarianceType {
    /// Each component has its own general covariance matrix (`k x d x d`).
    #[default]
    Full,
    /// All components share one general covariance matrix (`d x d`).
    Tied,
    /// Each component has its own diagonal covariance matrix (`k x d`).
    Diag,
    /// Each component has its own single variance (`k`).
    Spherical,
}

impl CovarianceType {
    /// scikit-learn's name of the type: `"full"`, `"tied"`, `"diag"` or `"spherical"`.
    ///
    /// ```
    /// assert_eq!(gmm::CovarianceType::Tied.name(), "tied");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            CovarianceType::Full => "full",
            CovarianceType::Tied => "tied",
            CovarianceType::Diag => "diag",
            CovarianceType::Spherical => "spherical",
        }
    }
}

impl std::str::FromStr for CovarianceType {
    type Err = GmmError;

    /// Parses scikit-learn's name of a covariance type.
    ///
    /// ```
    /// let t: gmm::CovarianceType = "spherical".parse().unwrap();
    /// assert_eq!(t, gmm::CovarianceType::Spherical);
    /// assert!("diagonal".parse::<gmm::CovarianceType>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, GmmError> {
        match s {
            "full" => Ok(CovarianceType::Full),
            "tied" => Ok(CovarianceType::Tied),
            "diag" => Ok(CovarianceType::Diag),
            "spherical" => Ok(CovarianceType::Spherical),
            _ => Err(GmmError::InvalidParameter {
                name: "covariance_type",
                reason: format!("unknown covariance type {s:?}"),
            }),
        }
    }
}

/// How the initial responsibilities are chosen (scikit-learn's `init_params`).
///
/// Parameters given with [`GmmParams::weights_init`], [`GmmParams::means_init`] or
/// [`GmmParams::precisions_init`] replace the ones estimated from these responsibilities.
///
/// ```
/// use gmm::{GaussianMixture, InitMethod};
/// let x: &[[f64; 1]] = &[[0.0], [0.1], [0.2], [5.0], [5.1], [5.3]];
/// let model = GaussianMixture::params(2)
///     .init_method(InitMethod::KMeansPlusPlus)
///     .seed(7)
///     .fit(x)
///     .unwrap();
/// assert!(model.converged());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InitMethod {
    /// Hard responsibilities from a (weighted) k-means clustering of the data.
    #[default]
    KMeans,
    /// One responsibility per component, on the k-means++ seeds.
    KMeansPlusPlus,
    /// Uniformly random responsibilities, normalised per sample.
    Random,
    /// One responsibility per component, on distinct rows chosen uniformly.
    RandomFromData,
}

/// The progress of a fit, passed to the callback of [`GmmValidParams::fit_with`] after every
/// EM iteration.
///
/// ```
/// use gmm::GaussianMixture;
/// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
/// let mut seen = Vec::new();
/// let params = GaussianMixture::params(2).check().unwrap();
/// let model = params.fit_with(x, None, |p| seen.push((p.iteration, p.lower_bound))).unwrap();
/// assert_eq!(seen.len(), model.n_iter());
/// assert_eq!(seen.last().unwrap().1, model.lower_bound());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress<T> {
    /// Which of the `n_init` runs (from 0).
    pub run: usize,
    /// The iteration within the run (from 1).
    pub iteration: usize,
    /// The lower bound (mean log-likelihood) computed in this iteration's E-step.
    pub lower_bound: T,
    /// The lower bound's change since the previous iteration (infinite on the first).
    pub change: T,
}

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

/// The outcome of one EM run.
struct Run<T> {
    params: Parameters<T>,
    converged: bool,
    n_iter: usize,
    lower_bound: T,
    history: Vec<T>,
}

/// Initial parameters given by the caller, checked.
#[derive(Debug, Clone, PartialEq)]
struct Given<T> {
    /// The dimension they imply, when they imply one.
    d: Option<usize>,
    weights: Option<Vec<T>>,
    means: Option<Vec<T>>,
    /// Cholesky factors of the precisions, and the covariances.
    precisions: Option<(Vec<T>, Vec<T>)>,
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
        let mut given = Given {
            d: None,
            weights: None,
            means: None,
            precisions: None,
        };
        if let Some(w) = &self.weights_init {
            check_weights(w, k)?;
            given.weights = Some(w.clone());
        }
        if let Some((m, [rows, d])) = &self.means_init {
            if *rows != k || *d == 0 || m.len() != k * d {
                return Err(GmmError::InitShape {
                    name: "means",
                    expected: k * d.max(&1),
                    found: m.len(),
                });
            }
            if m.iter().any(|v| !v.is_finite()) {
                return Err(GmmError::InitNonFiniteMeans);
            }
            given.d = Some(*d);
            given.means = Some(m.clone());
        }
        if let Some(p) = &self.precisions_init {
            let table = self.covariance_type.kernels::<T>();
            let d = match given.d {
                Some(d) => d,
                None => infer_dimension(self.covariance_type, k, p.len()).ok_or(
                    GmmError::InitShape {
                        name: "precisions",
                        expected: table.len(k, 1),
                        found: p.len(),
                    },
                )?,
            };
            let expected = table.len(k, d);
            if p.len() != expected {
                return Err(GmmError::InitShape {
                    name: "precisions",
                    expected,
                    found: p.len(),
                });
            }
            let not_pd = |component| GmmError::InitNotPositiveDefinite { component };
            let mut pc = vec![T::ZERO; expected];
            (table.precision_cholesky_from_precisions)(p, k, d, &mut pc).map_err(not_pd)?;
            let mut cov = vec![T::ZERO; expected];
            (table.covariances_from_precisions)(p, k, d, &mut Scratch::default(), &mut cov)
                .map_err(not_pd)?;
            if self.covariance_type != CovarianceType::Spherical || given.d.is_some() {
                given.d = Some(d);
            }
            given.precisions = Some((pc, cov));
        }
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

/// One responsibility per component `c` on row `seeds[c]`, for the rows of `rows`, into
/// `resp` (`rows x k`).
fn one_hot<T: Float>(seeds: &[usize], rows: core::ops::Range<usize>, resp: &mut [T]) {
    let k = seeds.len();
    for (c, &row) in seeds.iter().enumerate() {
        if rows.contains(&row) {
            resp[(row - rows.start) * k + c] = T::ONE;
        }
    }
}

/// The dimension implied by `len` precision values, for the types whose layout implies one.
fn infer_dimension(covariance_type: CovarianceType, k: usize, len: usize) -> Option<usize> {
    let square_root = |m: usize| {
        let d = (m as f64).sqrt().round() as usize;
        (d > 0 && d * d == m).then_some(d)
    };
    match covariance_type {
        CovarianceType::Full => len
            .is_multiple_of(k)
            .then(|| square_root(len / k))
            .flatten(),
        CovarianceType::Tied => square_root(len),
        CovarianceType::Diag => (len.is_multiple_of(k) && len > 0).then_some(len / k),
        CovarianceType::Spherical => Some(1),
    }
}

/// Checks initial mixing weights as scikit-learn's `_check_weights`.
pub(crate) fn check_weights<T: Float>(w: &[T], k: usize) -> Result<(), GmmError> {
    if w.len() != k {
        return Err(GmmError::InitShape {
            name: "weights",
            expected: k,
            found: w.len(),
        });
    }
    if w.iter().any(|&v| !v.is_finite_non_negative() || v > T::ONE) {
        return Err(GmmError::InitWeights {
            reason: "every weight must be in [0, 1]".into(),
        });
    }
    let sum: T = einsum!("k->", w);
    if (T::ONE - sum).abs() > T::EPSILON.sqrt() {
        return Err(GmmError::InitWeights {
            reason: format!("they sum to {sum}, not 1"),
        });
    }
    Ok(())
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
        self.run(&samples, None, &mut callback)
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
        self.run(&samples, Some(model), &mut callback)
    }

    /// `n_init` runs of EM (one when warm-starting), keeping the best lower bound.
    fn run(
        &self,
        samples: &Samples<'_, T>,
        warm: Option<&GaussianMixture<T>>,
        callback: &mut dyn FnMut(Progress<T>),
    ) -> Result<GaussianMixture<T>, GmmError> {
        let p = &self.params;
        let (n, d, k) = (samples.n(), samples.d(), p.n_components);
        crate::memory::check_fit::<T>(p.covariance_type, n, d, k)?;
        let positive = samples.w.iter().filter(|&&w| w > T::ZERO).count();
        if positive < k {
            return Err(GmmError::TooFewSamples {
                n_samples: positive,
                n_components: k,
            });
        }
        if let Some(expected) = self.given.d
            && expected != d
        {
            return Err(GmmError::DimensionMismatch { expected, found: d });
        }
        debug_assert!(n >= positive);
        let table = p.covariance_type.kernels::<T>();
        let mut em = Em::new(&table, samples, p.reg_covar);
        let mut rng = StdRng::seed_from_u64(p.seed);
        let mut best: Option<Run<T>> = None;
        let runs = if warm.is_some() { 1 } else { p.n_init };
        for run in 0..runs {
            let mut params = match warm {
                Some(model) => model.parameters().clone(),
                None => self.initial_parameters(&mut em, &mut rng)?,
            };
            let mut lower_bound = warm.map_or(T::NEG_INFINITY, |m| m.lower_bound());
            let mut history = Vec::with_capacity(p.max_iter.min(10_000));
            let (mut converged, mut n_iter) = (false, 0);
            for iteration in 1..=p.max_iter {
                let previous = lower_bound;
                lower_bound = em.iterate(&mut params)?;
                history.push(lower_bound);
                n_iter = iteration;
                let change = lower_bound - previous;
                callback(Progress {
                    run,
                    iteration,
                    lower_bound,
                    change,
                });
                if change.abs() < p.tol {
                    converged = true;
                    break;
                }
            }
            let better = match &best {
                None => true,
                Some(b) => lower_bound > b.lower_bound || b.lower_bound == T::NEG_INFINITY,
            };
            if better {
                best = Some(Run {
                    params,
                    converged,
                    n_iter,
                    lower_bound,
                    history,
                });
            }
        }
        let Some(run) = best else {
            unreachable!("n_init is at least 1")
        };
        Ok(GaussianMixture::from_fit(
            p.covariance_type,
            run.params,
            run.converged,
            run.n_iter,
            run.lower_bound,
            run.history,
        ))
    }

    /// Initial parameters: estimated from the initial responsibilities, then replaced by the
    /// given ones, as scikit-learn's `_initialize_parameters` and `_initialize`.
    fn initial_parameters(
        &self,
        em: &mut Em<'_, '_, T>,
        rng: &mut StdRng,
    ) -> Result<Parameters<T>, GmmError> {
        let p = &self.params;
        let samples = em.samples;
        let (n, d, k) = (samples.n(), samples.d(), p.n_components);
        let mut params = Parameters {
            k,
            d,
            weights: Vec::new(),
            means: Vec::new(),
            covariances: Vec::new(),
            precisions_cholesky: Vec::new(),
        };
        let given = &self.given;
        let complete =
            given.weights.is_some() && given.means.is_some() && given.precisions.is_some();
        if !complete {
            // Each way fills a chunk's responsibilities at a time: none is stored whole.
            match p.init_method {
                InitMethod::KMeans => {
                    let labels = kmeans(samples.x, &samples.w, k, rng);
                    em.estimate(&mut params, |rows, resp| {
                        for (r, &label) in resp.chunks_exact_mut(k).zip(&labels[rows]) {
                            r[label as usize] = T::ONE;
                        }
                    });
                }
                InitMethod::KMeansPlusPlus => {
                    let seeds = kmeans_plusplus(samples.x, &samples.w, k, rng);
                    em.estimate(&mut params, |rows, resp| one_hot(&seeds, rows, resp));
                }
                InitMethod::Random => {
                    // Each chunk draws from its own generator, seeded by one draw of `rng` and
                    // the chunk's first row, so that no thread waits for another's draws.
                    let base: u64 = rng.random();
                    em.estimate(&mut params, |rows, resp| {
                        let stream = (rows.start as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                        let mut chunk_rng = StdRng::seed_from_u64(base ^ stream);
                        for r in resp.chunks_exact_mut(k) {
                            for v in r.iter_mut() {
                                *v = uniform(&mut chunk_rng);
                            }
                            let total: T = einsum!("k->", &*r);
                            for v in r.iter_mut() {
                                *v /= total;
                            }
                        }
                    });
                }
                InitMethod::RandomFromData => {
                    // The `j`-th chosen row among those of positive weight, in row order.
                    let positive = samples.w.iter().filter(|&&v| v > T::ZERO).count();
                    let mut chosen: Vec<(usize, usize)> =
                        rand::seq::index::sample(rng, positive, k)
                            .into_iter()
                            .enumerate()
                            .map(|(c, j)| (j, c))
                            .collect();
                    chosen.sort_unstable();
                    let mut rows = Vec::with_capacity(k);
                    let mut next = chosen.iter().peekable();
                    let weighted = (0..n).filter(|&i| samples.w[i] > T::ZERO);
                    for (j, i) in weighted.enumerate() {
                        while let Some(&(_, c)) = next.next_if(|&&(at, _)| at == j) {
                            rows.push((i, c));
                        }
                    }
                    rows.sort_unstable_by_key(|&(_, c)| c);
                    let seeds: Vec<usize> = rows.into_iter().map(|(i, _)| i).collect();
                    em.estimate(&mut params, |rows, resp| one_hot(&seeds, rows, resp));
                }
            }
        }
        if let Some(w) = &given.weights {
            params.weights.clone_from(w);
        }
        if let Some(m) = &given.means {
            params.means.clone_from(m);
        }
        match &given.precisions {
            Some((pc, cov)) => {
                params.precisions_cholesky.clone_from(pc);
                params.covariances.clone_from(cov);
            }
            None => em.precision_cholesky(&mut params)?,
        }
        Ok(params)
    }
}
