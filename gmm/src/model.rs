//! The fitted mixture: parameters, diagnostics, and everything computed from them.

use einsum::{DynTensorRef, Operand, Tensor, TensorRef, einsum};
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;

use crate::buffers::{Scratch, view, view_mut};
use crate::data::{Samples, rows, shaped_rows};
use crate::linalg::cholesky_lower;
use crate::parameters::Parameters;
use crate::predictor::{Outputs, Predictor, ProbaBatches};
use crate::units::Grouped;
use crate::{CovarianceType, Float, GmmError};

/// A Gaussian mixture fitted by EM: what scikit-learn's `GaussianMixture` holds after `fit`.
///
/// Build one with [`GaussianMixture::params`]. Parameters use scikit-learn's layouts; the
/// covariance-shaped ones ([`covariances`](Self::covariances),
/// [`precisions`](Self::precisions), [`precisions_cholesky`](Self::precisions_cholesky)) are
/// `k x d x d` (full), `d x d` (tied), `k x d` (diag) or `k` (spherical).
///
/// ```
/// use gmm::GaussianMixture;
/// let x: &[[f64; 2]] = &[[0.0, 0.1], [0.3, -0.2], [-0.1, 0.0], [6.0, 6.1], [6.2, 5.8], [5.9, 6.0]];
/// let model = GaussianMixture::params(2).seed(1).fit(x).unwrap();
/// let labels = model.predict(x).unwrap();
/// assert_eq!(labels[0], labels[2]);
/// assert_ne!(labels[0], labels[3]);
/// assert!(model.converged());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GaussianMixture<T> {
    covariance_type: CovarianceType,
    params: Parameters<T>,
    precisions: Vec<T>,
    shape: Vec<usize>,
    converged: bool,
    n_iter: usize,
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

impl<T: Float> GaussianMixture<T> {
    pub(crate) fn from_fit(
        covariance_type: CovarianceType,
        params: Parameters<T>,
        converged: bool,
        n_iter: usize,
        lower_bound: T,
        history: Vec<T>,
    ) -> Self {
        let table = covariance_type.kernels::<T>();
        let (k, d) = (params.k, params.d);
        let mut precisions = vec![T::ZERO; params.precisions_cholesky.len()];
        (table.precisions_from_cholesky)(&params.precisions_cholesky, k, d, &mut precisions);
        GaussianMixture {
            covariance_type,
            shape: (table.shape)(k, d),
            params,
            precisions,
            converged,
            n_iter,
            lower_bound,
            history,
        }
    }

    /// A mixture from saved parameters: `weights` (`k`, summing to 1), `means` (`k x d`) and
    /// `covariances` in the covariance type's layout (full `k x d x d`, tied `d x d`, diag
    /// `k x d`, spherical `k`, flat row-major). The precision Cholesky factors are computed
    /// by the same kernel as a fit's last M-step, so a model rebuilt from a fitted model's
    /// [`weights`](Self::weights), [`means`](Self::means) and
    /// [`covariances`](Self::covariances) predicts and scores exactly as the fitted one.
    ///
    /// The rebuilt model has no fit history: [`converged`](Self::converged) is false,
    /// [`n_iter`](Self::n_iter) is 0, [`lower_bound`](Self::lower_bound) is `-inf` and the
    /// history is empty; [`GmmValidParams::warm_start`](crate::GmmValidParams::warm_start)
    /// continues from it as from a fitted model.
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for no components, [`GmmError::InitShape`] for a
    /// number of values that does not fit `k` and `d`, [`GmmError::InitWeights`] for weights
    /// outside `[0, 1]` or not summing to 1, [`GmmError::InitNonFiniteMeans`], and
    /// [`GmmError::NotPositiveDefinite`] for a covariance that is not finite, symmetric and
    /// positive definite.
    ///
    /// ```
    /// use gmm::{CovarianceType, GaussianMixture, GmmError};
    /// let x: &[[f64; 2]] = &[[0.0, 0.1], [0.4, 0.5], [-0.3, -0.1], [6.0, 6.1], [6.5, 5.8], [5.9, 6.4]];
    /// let fitted = GaussianMixture::params(2).seed(1).fit(x).unwrap();
    /// let saved = GaussianMixture::from_parameters(
    ///     fitted.covariance_type(),
    ///     fitted.weights(),
    ///     &fitted.means(),
    ///     fitted.covariances().data(),
    /// )
    /// .unwrap();
    /// assert_eq!(saved.predict(x).unwrap(), fitted.predict(x).unwrap());
    /// assert_eq!(saved.score_samples(x).unwrap(), fitted.score_samples(x).unwrap());
    ///
    /// // A covariance with a negative eigenvalue is refused.
    /// let bad = GaussianMixture::from_parameters(
    ///     CovarianceType::Full,
    ///     &[1.0],
    ///     &[[0.0, 0.0]],
    ///     &[1.0, 2.0, 2.0, 1.0],
    /// );
    /// assert_eq!(bad.unwrap_err(), GmmError::NotPositiveDefinite { component: 0 });
    /// ```
    pub fn from_parameters<M: Operand<2, Elem = T> + ?Sized>(
        covariance_type: CovarianceType,
        weights: &[T],
        means: &M,
        covariances: &[T],
    ) -> Result<Self, GmmError> {
        let k = weights.len();
        if k == 0 {
            return Err(GmmError::InvalidParameter {
                name: "n_components",
                reason: "must be at least 1".into(),
            });
        }
        crate::init::check_weights(weights, k)?;
        let means = means.view().map_err(|_| GmmError::InitShape {
            name: "means",
            expected: k,
            found: 0,
        })?;
        let [rows, d] = means.shape();
        if rows != k || d == 0 {
            return Err(GmmError::InitShape {
                name: "means",
                expected: k * d.max(1),
                found: rows * d,
            });
        }
        if means.data().iter().any(|v| !v.is_finite()) {
            return Err(GmmError::InitNonFiniteMeans);
        }
        let table = covariance_type.kernels::<T>();
        // The means exist, so `k d` fits; `d²` of a full or tied type may not.
        let expected = crate::memory::product(&(table.shape)(k, d)).unwrap_or(usize::MAX);
        if covariances.len() != expected {
            return Err(GmmError::InitShape {
                name: "covariances",
                expected,
                found: covariances.len(),
            });
        }
        // The Cholesky kernel reads one triangle only: check the whole matrix first.
        let mut dense = crate::memory::filled_product(
            &[d, d],
            T::ZERO,
            || format!("a dense covariance of {} features", Grouped(d)),
            || "keep the model's covariance type but fewer features".into(),
        )?;
        let (rtol, atol) = (T::from_f64(1e-5), T::from_f64(1e-8));
        for c in 0..k {
            (table.covariance_matrix)(covariances, c, d, &mut dense);
            let symmetric = (0..d).all(|i| {
                (0..i).all(|j| {
                    let (a, b) = (dense[i * d + j], dense[j * d + i]);
                    (a - b).abs() <= atol + rtol * b.abs()
                })
            });
            if !symmetric || dense.iter().any(|v| !v.is_finite()) {
                return Err(GmmError::NotPositiveDefinite { component: c });
            }
        }
        let mut precisions_cholesky = vec![T::ZERO; expected];
        (table.precision_cholesky)(
            covariances,
            k,
            d,
            &mut Scratch::default(),
            &mut precisions_cholesky,
        )
        .map_err(|component| GmmError::NotPositiveDefinite { component })?;
        let params = Parameters {
            k,
            d,
            weights: weights.to_vec(),
            means: means.data().to_vec(),
            covariances: covariances.to_vec(),
            precisions_cholesky,
        };
        Ok(Self::from_fit(
            covariance_type,
            params,
            false,
            0,
            T::NEG_INFINITY,
            Vec::new(),
        ))
    }

    /// The same mixture with a saved fit history: whether the fit converged and the lower
    /// bound of every iteration of its best run ([`lower_bound_history`](Self::lower_bound_history)),
    /// so that [`n_iter`](Self::n_iter) is the history's length and
    /// [`lower_bound`](Self::lower_bound) its last value (`-inf` when empty). A model saved
    /// with [`from_parameters`](Self::from_parameters) and its history is equal to the fitted
    /// one, and warm-starts as it does (the first iteration's change is taken from the saved
    /// lower bound).
    ///
    /// ```
    /// use gmm::GaussianMixture;
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
    /// let fitted = GaussianMixture::params(2).fit(x).unwrap();
    /// let saved = GaussianMixture::from_parameters(
    ///     fitted.covariance_type(),
    ///     fitted.weights(),
    ///     &fitted.means(),
    ///     fitted.covariances().data(),
    /// )
    /// .unwrap()
    /// .with_history(fitted.converged(), fitted.lower_bound_history().to_vec());
    /// assert_eq!(saved, fitted);
    /// ```
    pub fn with_history(mut self, converged: bool, history: Vec<T>) -> Self {
        self.converged = converged;
        self.n_iter = history.len();
        self.lower_bound = history.last().copied().unwrap_or(T::NEG_INFINITY);
        self.history = history;
        self
    }

    pub(crate) fn parameters(&self) -> &Parameters<T> {
        &self.params
    }

    /// The covariance type.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// let m = gmm::GaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(m.covariance_type(), gmm::CovarianceType::Full);
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        self.covariance_type
    }

    /// The number of components `k`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [1.0], [5.0]];
    /// assert_eq!(gmm::GaussianMixture::params(2).fit(x).unwrap().n_components(), 2);
    /// ```
    pub fn n_components(&self) -> usize {
        self.params.k
    }

    /// The dimension `d` of the data.
    ///
    /// ```
    /// let x: &[[f64; 3]] = &[[0.0, 1.0, 2.0], [1.0, 0.0, 2.0], [5.0, 1.0, 0.0]];
    /// assert_eq!(gmm::GaussianMixture::params(1).fit(x).unwrap().n_features(), 3);
    /// ```
    pub fn n_features(&self) -> usize {
        self.params.d
    }

    /// The mixing weights, `k` values summing to 1.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.1], [0.2], [5.0]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// assert!((m.weights().iter().sum::<f64>() - 1.0).abs() < 1e-12);
    /// ```
    pub fn weights(&self) -> &[T] {
        &self.params.weights
    }

    /// The means, `k x d`.
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 2.0], [2.0, 4.0]];
    /// let m = gmm::GaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(m.means().shape(), [1, 2]);
    /// assert!((m.means().data()[0] - 1.0).abs() < 1e-12 && (m.means().data()[1] - 3.0).abs() < 1e-12);
    /// ```
    pub fn means(&self) -> TensorRef<'_, T, 2> {
        view(&self.params.means, [self.params.k, self.params.d])
    }

    /// The covariances, in the covariance type's layout.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [2.0]];
    /// let m = gmm::GaussianMixture::params(1).reg_covar(0.0).fit(x).unwrap();
    /// assert_eq!(m.covariances().shape(), &[1, 1, 1]);
    /// assert!((m.covariances().data()[0] - 1.0).abs() < 1e-12);
    /// ```
    pub fn covariances(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.params.covariances, &self.shape)
    }

    /// The precisions (inverse covariances), in the covariance type's layout.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [2.0]];
    /// let m = gmm::GaussianMixture::params(1).reg_covar(0.0).fit(x).unwrap();
    /// assert!((m.precisions().data()[0] - 1.0).abs() < 1e-12);
    /// ```
    pub fn precisions(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.precisions, &self.shape)
    }

    /// The Cholesky factors of the precisions, in the covariance type's layout: for full
    /// and tied, upper-triangular `P` with `P Pᵀ` the precision; for diag and spherical,
    /// the square roots of the precisions.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [4.0]];
    /// let m = gmm::GaussianMixture::params(1)
    ///     .covariance_type(gmm::CovarianceType::Spherical)
    ///     .reg_covar(0.0)
    ///     .fit(x)
    ///     .unwrap();
    /// assert!((m.precisions_cholesky().data()[0] - 0.5).abs() < 1e-12);
    /// ```
    pub fn precisions_cholesky(&self) -> DynTensorRef<'_, T> {
        dyn_view(&self.params.precisions_cholesky, &self.shape)
    }

    /// Component `c`'s covariance as a dense `d x d` matrix, whatever the covariance type.
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 2.0]];
    /// let m = gmm::GaussianMixture::params(1)
    ///     .covariance_type(gmm::CovarianceType::Spherical)
    ///     .reg_covar(0.0)
    ///     .fit(x)
    ///     .unwrap();
    /// assert_eq!(m.covariance_matrix(0).as_slice(), &[1.0, 0.0, 0.0, 1.0]);
    /// ```
    ///
    /// # Panics
    /// If `c` is not below [`n_components`](Self::n_components).
    pub fn covariance_matrix(&self, c: usize) -> Tensor<T, 2> {
        assert!(
            c < self.params.k,
            "component {c} of a {}-component mixture",
            self.params.k
        );
        let d = self.params.d;
        let mut out = Tensor::zeros([d, d]);
        (self.covariance_type.kernels::<T>().covariance_matrix)(
            &self.params.covariances,
            c,
            d,
            out.as_mut_slice(),
        );
        out
    }

    /// Whether the last run stopped because the lower bound changed by less than `tol`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// assert!(!gmm::GaussianMixture::params(2).tol(0.0).fit(x).unwrap().converged());
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// The number of EM iterations of the best run.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// assert_eq!(gmm::GaussianMixture::params(2).tol(0.0).max_iter(4).fit(x).unwrap().n_iter(), 4);
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// The lower bound of the best run's last iteration: the weighted mean log-likelihood
    /// computed in its last E-step, i.e. under the parameters before its last M-step (as
    /// scikit-learn's `lower_bound_`).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// assert!((m.lower_bound() - m.score(x).unwrap()).abs() < 1e-3);
    /// ```
    pub fn lower_bound(&self) -> T {
        self.lower_bound
    }

    /// The lower bound of every iteration of the best run.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.5], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let h = m.lower_bound_history();
    /// assert_eq!(h.len(), m.n_iter());
    /// assert!(h.windows(2).all(|w| w[1] >= w[0] - 1e-12)); // EM never decreases it
    /// ```
    pub fn lower_bound_history(&self) -> &[T] {
        &self.history
    }

    /// The number of free parameters: weights, means and covariances.
    ///
    /// ```
    /// let x: &[[f64; 2]] = &[[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// assert_eq!(m.n_parameters(), 2 * 3 + 2 * 2 + 1);
    /// ```
    pub fn n_parameters(&self) -> usize {
        let (k, d) = (self.params.k, self.params.d);
        (self.covariance_type.kernels::<T>().n_parameters)(k, d) + k * d + k - 1
    }

    /// The model's E-step, ready to run over data of its dimension.
    fn predictor(&self) -> Predictor<T> {
        Predictor::new(self.covariance_type, &self.params)
    }

    /// The posterior of checked data under the model ([`Predictor::run`]).
    fn posterior(&self, x: TensorRef<'_, T, 2>, out: Outputs<'_, T>) -> Result<(), GmmError> {
        let mut predictor = self.predictor();
        predictor.check(x)?;
        predictor.run(x, 0, out)
    }

    /// `ln p(x_n)` of every row of checked data.
    fn log_norm(&self, x: TensorRef<'_, T, 2>) -> Result<Vec<T>, GmmError> {
        let mut log_norm = vec![T::ZERO; x.shape()[0]];
        let out = Outputs {
            log_norm: Some(&mut log_norm),
            ..Outputs::default()
        };
        self.posterior(x, out)?;
        Ok(log_norm)
    }

    /// The log-likelihood `ln p(x_n)` of every row.
    ///
    /// # Errors
    /// Bad data, or data of another dimension than the model.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[-1.0], [1.0]];
    /// let m = gmm::GaussianMixture::params(1).reg_covar(0.0).fit(x).unwrap();
    /// // N(0, 1) at 0.
    /// let s = m.score_samples(&[[0.0]]).unwrap();
    /// assert!((s[0] + 0.918_938_533_204_672_7).abs() < 1e-12);
    /// ```
    pub fn score_samples<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<Vec<T>, GmmError> {
        self.log_norm(rows(x)?)
    }

    /// The mean log-likelihood of the rows.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[-1.0], [1.0]];
    /// let m = gmm::GaussianMixture::params(1).fit(x).unwrap();
    /// let s = m.score_samples(x).unwrap();
    /// assert_eq!(m.score(x).unwrap(), (s[0] + s[1]) / 2.0);
    /// ```
    pub fn score<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<T, GmmError> {
        self.weighted_score(&Samples::new(x, None)?)
    }

    /// The weighted mean log-likelihood of the rows: with integer weights, the score of the
    /// rows repeated.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples), and bad weights.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[-1.0], [1.0], [2.0]];
    /// let m = gmm::GaussianMixture::params(1).fit(x).unwrap();
    /// let a = m.score_weighted(x, &[2.0, 1.0, 1.0]).unwrap();
    /// let b = m.score(&[[-1.0], [-1.0], [1.0], [2.0]]).unwrap();
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
        let log_norm = self.log_norm(samples.x)?;
        let total = samples.weights().dot(&log_norm);
        Ok(total / samples.total_weight)
    }

    /// The most likely component of every row.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [9.0], [9.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let labels = m.predict(&[[0.1], [9.1]]).unwrap();
    /// assert_ne!(labels[0], labels[1]);
    /// ```
    pub fn predict<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<Vec<usize>, GmmError> {
        let x = rows(x)?;
        let mut labels = vec![0usize; x.shape()[0]];
        let out = Outputs {
            labels: Some(&mut labels),
            ..Outputs::default()
        };
        self.posterior(x, out)?;
        Ok(labels)
    }

    /// The posterior probability of every component for every row, `n x k`.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let p = m.predict_proba(x).unwrap();
    /// assert_eq!(p.shape(), [4, 2]);
    /// assert!(((p[[2, 0]] + p[[2, 1]]) - 1.0).abs() < 1e-12);
    /// ```
    pub fn predict_proba<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
    ) -> Result<Tensor<T, 2>, GmmError> {
        let x = rows(x)?;
        let mut predictor = self.predictor();
        predictor.check(x)?;
        predictor.proba(x, 0)
    }

    /// The posterior probability of every component for every row, a batch of `batch_rows`
    /// rows at a time ([`ProbaBatches`]): [`predict_proba`](Self::predict_proba)'s rows in
    /// order, to the bit, without its `n x k` array. The data's shape is checked and the
    /// model's coefficients computed here, once; the values are read batch by batch, each
    /// batch's rows on rayon's pool as `predict_proba`'s.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples) for the data's shape, and
    /// [`GmmError::InvalidParameter`] for `batch_rows = 0`; a value that is not finite or a
    /// row of no finite likelihood is an error item ([`ProbaBatches`]).
    ///
    /// ```
    /// use gmm::GaussianMixture;
    /// let x: Vec<[f64; 2]> = (0..1000)
    ///     .map(|i| {
    ///         let t = i as f64;
    ///         [(i % 2) as f64 * 8.0 + t.sin(), (1.7 * t).cos()]
    ///     })
    ///     .collect();
    /// let model = GaussianMixture::params(2).seed(0).fit(&x).unwrap();
    /// // The expected number of rows of each component, 256 rows in memory at a time.
    /// let mut counts = [0.0; 2];
    /// for batch in model.predict_proba_batches(&x, 256).unwrap() {
    ///     for p in batch.unwrap().as_slice().chunks_exact(2) {
    ///         counts[0] += p[0];
    ///         counts[1] += p[1];
    ///     }
    /// }
    /// assert!((counts[0] - 500.0).abs() < 1.0 && (counts[1] - 500.0).abs() < 1.0);
    /// ```
    pub fn predict_proba_batches<'x, X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &'x X,
        batch_rows: usize,
    ) -> Result<ProbaBatches<'x, T>, GmmError> {
        ProbaBatches::new(self.predictor(), shaped_rows(x)?, batch_rows)
    }

    /// The Bayesian information criterion of the rows: `-2 n score + p ln n`.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [0.1], [3.0], [3.3], [3.1]];
    /// let one = gmm::GaussianMixture::params(1).fit(x).unwrap();
    /// let two = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// assert!(two.bic(x).unwrap() < one.bic(x).unwrap());
    /// ```
    pub fn bic<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<T, GmmError> {
        self.criterion(&Samples::new(x, None)?, Criterion::Bic)
    }

    /// The Akaike information criterion of the rows: `-2 n score + 2 p`.
    ///
    /// # Errors
    /// As [`score_samples`](Self::score_samples).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [0.1], [3.0], [3.3], [3.1]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let expected = -2.0 * 6.0 * m.score(x).unwrap() + 2.0 * m.n_parameters() as f64;
    /// assert!((m.aic(x).unwrap() - expected).abs() < 1e-9);
    /// ```
    pub fn aic<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<T, GmmError> {
        self.criterion(&Samples::new(x, None)?, Criterion::Aic)
    }

    /// The BIC of weighted rows, with `n` the sum of the weights: with integer weights, the
    /// BIC of the rows repeated.
    ///
    /// # Errors
    /// As [`score_weighted`](Self::score_weighted).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let a = m.bic_weighted(x, &[1.0, 2.0, 1.0, 1.0]).unwrap();
    /// let b = m.bic(&[[0.0], [0.2], [0.2], [3.0], [3.3]]).unwrap();
    /// assert!((a - b).abs() < 1e-9);
    /// ```
    pub fn bic_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<T, GmmError> {
        self.criterion(&Samples::new(x, Some(sample_weight))?, Criterion::Bic)
    }

    /// The AIC of weighted rows, with `n` the sum of the weights.
    ///
    /// # Errors
    /// As [`score_weighted`](Self::score_weighted).
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let a = m.aic_weighted(x, &[1.0, 1.0, 1.0, 1.0]).unwrap();
    /// assert!((a - m.aic(x).unwrap()).abs() < 1e-12);
    /// ```
    pub fn aic_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<T, GmmError> {
        self.criterion(&Samples::new(x, Some(sample_weight))?, Criterion::Aic)
    }

    fn criterion(&self, samples: &Samples<'_, T>, criterion: Criterion) -> Result<T, GmmError> {
        let n = samples.total_weight;
        let p = T::from_usize(self.n_parameters());
        let fit = T::from_f64(-2.0) * self.weighted_score(samples)? * n;
        Ok(match criterion {
            Criterion::Bic => fit + p * n.ln(),
            Criterion::Aic => fit + T::from_f64(2.0) * p,
        })
    }

    /// Draws `n_samples` rows from the mixture with a seeded generator: the number from each
    /// component is multinomial in the weights; rows come grouped by component, with their
    /// component labels (as scikit-learn's `sample`).
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for `n_samples = 0`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [3.0], [3.3]];
    /// let m = gmm::GaussianMixture::params(2).fit(x).unwrap();
    /// let (rows, labels) = m.sample(100, 7).unwrap();
    /// assert_eq!(rows.shape(), [100, 1]);
    /// assert_eq!(m.sample(100, 7).unwrap(), (rows, labels));
    /// ```
    pub fn sample(
        &self,
        n_samples: usize,
        seed: u64,
    ) -> Result<(Tensor<T, 2>, Vec<usize>), GmmError> {
        if n_samples == 0 {
            return Err(GmmError::InvalidParameter {
                name: "n_samples",
                reason: "must be at least 1".into(),
            });
        }
        let (k, d) = (self.params.k, self.params.d);
        let mut rng = StdRng::seed_from_u64(seed);
        // The weights were checked (finite, non-negative, summing to 1) when the model was made.
        let components = WeightedIndex::new(self.params.weights.iter().map(|w| w.into_f64()))
            .map_err(|e| GmmError::InvalidParameter {
                name: "weights",
                reason: format!("cannot draw components from them: {e}"),
            })?;
        let mut counts = vec![0usize; k];
        for _ in 0..n_samples {
            counts[components.sample(&mut rng)] += 1;
        }
        let table = self.covariance_type.kernels::<T>();
        let what = || format!("{} samples of {} features", Grouped(n_samples), Grouped(d));
        let fewer =
            || "draw fewer samples at a time (the draws of one seed are reproducible)".to_string();
        let mut out = crate::memory::filled_product(&[n_samples, d], T::ZERO, what, fewer)?;
        let mut labels = crate::memory::with_capacity(n_samples, what, fewer)?;
        let dense = || format!("a dense covariance of {} features", Grouped(d));
        let lighter = || "keep the model's covariance type but fewer features".to_string();
        let mut cov = crate::memory::filled_product(&[d, d], T::ZERO, dense, lighter)?;
        let mut chol = crate::memory::filled(d * d, T::ZERO, dense, lighter)?;
        let mut start = 0;
        for (c, &m) in counts.iter().enumerate() {
            if m == 0 {
                continue;
            }
            (table.covariance_matrix)(&self.params.covariances, c, d, &mut cov);
            if !cholesky_lower(&cov, d, &mut chol) {
                return Err(GmmError::IllDefinedCovariance { component: c });
            }
            let z: Vec<T> = (0..m * d)
                .map(|_| T::from_f64(rng.sample::<f64, _>(StandardNormal)))
                .collect();
            let block = &mut out[start * d..(start + m) * d];
            // x = μ + L z, for every row z.
            einsum!(
                view_mut(&mut *block, [m, d]) = "ij,mj->mi",
                view(&chol, [d, d]),
                view(&z, [m, d])
            );
            let mean = &self.params.means[c * d..(c + 1) * d];
            for row in block.chunks_exact_mut(d) {
                for (v, &mu) in row.iter_mut().zip(mean) {
                    *v += mu;
                }
            }
            labels.extend(std::iter::repeat_n(c, m));
            start += m;
        }
        match Tensor::from_vec(out, [n_samples, d]) {
            Ok(t) => Ok((t, labels)),
            Err(e) => unreachable!("sample buffer of the wrong length: {e}"),
        }
    }
}

#[derive(Clone, Copy)]
enum Criterion {
    Bic,
    Aic,
}
