//! `gmm._core`: the Rust side of the Python package `gmm`.
//!
//! One class, [`Mixture`], holds a fitted [`gmm::GaussianMixture`] in the precision of the
//! data it was fitted on (`float32` stays `float32`, `float64` `float64`), and one function
//! per entry point of the library. The Python class `gmm.GaussianMixture` (scikit-learn's
//! API) checks arguments, converts arrays to C-contiguous `float32`/`float64` and calls these;
//! arrays are then read in place (no copy), the GIL is released while Rust works, and every
//! [`GmmError`] becomes a `ValueError` with the error's message.
#![deny(missing_docs)]

use gmm::{
    CovarianceType, Float, GaussianMixture, GmmError, InitMethod, Progress, SufficientStatistics,
};
use numpy::{
    Element, PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A [`GmmError`] as a Python `ValueError` carrying the error's message.
fn value_error(error: GmmError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// A fitted mixture in one of the two precisions.
#[derive(Clone)]
enum Model {
    F32(GaussianMixture<f32>),
    F64(GaussianMixture<f64>),
}

/// Runs `$body` with `$m` bound to the model of either precision and `$t` to its element type.
macro_rules! with_model {
    ($model:expr, $m:ident, $t:ident => $body:expr) => {
        match $model {
            Model::F32($m) => {
                #[allow(dead_code)]
                type $t = f32;
                $body
            }
            Model::F64($m) => {
                #[allow(dead_code)]
                type $t = f64;
                $body
            }
        }
    };
}

/// A fitted Gaussian mixture (`float32` or `float64`).
#[pyclass(module = "gmm._core", frozen)]
struct Mixture {
    model: Model,
}

/// The data of a C-contiguous `n x d` array as `(values, n, d)` (no copy).
fn rows<'a, T: Element>(x: &'a PyReadonlyArray2<'_, T>) -> PyResult<(&'a [T], usize, usize)> {
    let (n, d) = (x.shape()[0], x.shape()[1]);
    let data = x
        .as_slice()
        .map_err(|_| PyValueError::new_err("the data must be a C-contiguous, aligned array"))?;
    Ok((data, n, d))
}

/// The library's view of `n` rows of `d` values.
fn view<T>(data: &[T], n: usize, d: usize) -> Result<einsum::TensorRef<'_, T, 2>, GmmError> {
    if n == 0 {
        return Err(GmmError::EmptyData);
    }
    gmm::flat_rows(data, d)
}

/// The weights as a slice of a C-contiguous array (no copy).
fn weights<'a, T: Element>(w: &'a Option<PyReadonlyArray1<'_, T>>) -> PyResult<Option<&'a [T]>> {
    w.as_ref()
        .map(|w| {
            w.as_slice().map_err(|_| {
                PyValueError::new_err("sample_weight must be a C-contiguous, aligned array")
            })
        })
        .transpose()
}

/// The fit's hyper-parameters, as the Python class passes them (scikit-learn's names).
#[derive(Clone)]
struct Config {
    n_components: usize,
    covariance_type: CovarianceType,
    tol: f64,
    reg_covar: f64,
    max_iter: usize,
    n_init: usize,
    init_method: InitMethod,
    weights_init: Option<Vec<f64>>,
    means_init: Option<(Vec<f64>, usize)>,
    precisions_init: Option<Vec<f64>>,
    seed: u64,
    verbose: usize,
    verbose_interval: usize,
}

fn init_method(name: &str) -> PyResult<InitMethod> {
    Ok(match name {
        "kmeans" => InitMethod::KMeans,
        "k-means++" => InitMethod::KMeansPlusPlus,
        "random" => InitMethod::Random,
        "random_from_data" => InitMethod::RandomFromData,
        _ => {
            return Err(PyValueError::new_err(format!(
                "init_params must be 'kmeans', 'k-means++', 'random' or 'random_from_data', not {name:?}"
            )));
        }
    })
}

impl Config {
    /// The library's checked parameters in precision `T`.
    fn params<T: Float>(&self) -> Result<gmm::GmmValidParams<T>, GmmError> {
        let to_t = |v: &[f64]| v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>();
        let mut p = GaussianMixture::<T>::params(self.n_components)
            .covariance_type(self.covariance_type)
            .tol(T::from_f64(self.tol))
            .reg_covar(T::from_f64(self.reg_covar))
            .max_iter(self.max_iter)
            .n_init(self.n_init)
            .init_method(self.init_method)
            .seed(self.seed);
        if let Some(w) = &self.weights_init {
            p = p.weights_init(to_t(w));
        }
        if let Some((m, d)) = &self.means_init {
            let m = to_t(m);
            p = p.means_init(&gmm::flat_rows(&m, *d)?);
        }
        if let Some(pr) = &self.precisions_init {
            p = p.precisions_init(to_t(pr));
        }
        p.check()
    }
}

/// Prints scikit-learn's verbose messages through Python's `print` (taking the GIL back for
/// each line only).
struct Verbose {
    level: usize,
    interval: usize,
    run: Option<usize>,
    start: std::time::Instant,
    last: std::time::Instant,
}

impl Verbose {
    fn new(level: usize, interval: usize) -> Self {
        let now = std::time::Instant::now();
        Verbose {
            level,
            interval: interval.max(1),
            run: None,
            start: now,
            last: now,
        }
    }

    fn print(line: String) {
        Python::attach(|py| {
            // A failing print (closed stdout) must not abort the fit.
            let _ = py
                .import("builtins")
                .and_then(|b| b.getattr("print"))
                .and_then(|print| print.call1((line,)));
        });
    }

    fn progress<T: Float>(&mut self, p: Progress<T>, tol: f64) {
        if self.level == 0 {
            return;
        }
        if self.run != Some(p.run) {
            self.start = std::time::Instant::now();
            self.last = self.start;
            self.run = Some(p.run);
            Self::print(format!("Initialization {}", p.run));
        }
        if p.iteration.is_multiple_of(self.interval) {
            let now = std::time::Instant::now();
            Self::print(if self.level >= 2 {
                format!(
                    "  Iteration {}\t time lapse {:.5}s\t ll change {:.5}",
                    p.iteration,
                    (now - self.last).as_secs_f64(),
                    p.change.into_f64()
                )
            } else {
                format!("  Iteration {}", p.iteration)
            });
            self.last = now;
        }
        if p.change.into_f64().abs() < tol {
            Self::print(if self.level >= 2 {
                format!(
                    "Initialization converged. time lapse {:.5}s\t lower bound {:.5}.",
                    self.start.elapsed().as_secs_f64(),
                    p.lower_bound.into_f64()
                )
            } else {
                "Initialization converged.".to_string()
            });
        }
    }
}

/// Fits (or, from `warm`, continues fitting) a mixture in precision `T`, without the GIL.
fn fit_typed<T: Float + Element>(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    sample_weight: Option<&Bound<'_, PyAny>>,
    config: &Config,
    warm: Option<&GaussianMixture<T>>,
) -> PyResult<GaussianMixture<T>> {
    let x: PyReadonlyArray2<'_, T> = x.extract()?;
    let w: Option<PyReadonlyArray1<'_, T>> = sample_weight.map(|w| w.extract()).transpose()?;
    let (data, n, d) = rows(&x)?;
    let w = weights(&w)?;
    let (level, interval, tol) = (config.verbose, config.verbose_interval, config.tol);
    py.detach(|| {
        let params = config.params::<T>()?;
        let x = view(data, n, d)?;
        let mut verbose = Verbose::new(level, interval);
        let callback = |p: Progress<T>| verbose.progress(p, tol);
        match warm {
            Some(model) => params.warm_start_with(model, &x, w, callback),
            None => params.fit_with(&x, w, callback),
        }
    })
    .map_err(value_error)
}

/// Fits a mixture to `x` (a C-contiguous `float32` or `float64` array; `sample_weight` of the
/// same type, or `None`), or continues from `warm` (scikit-learn's `warm_start`).
///
/// `means_init` is flat with its number of columns; the other initial parameters are flat in
/// the covariance type's layout.
#[pyfunction]
#[pyo3(signature = (
    x, sample_weight, *, n_components, covariance_type, tol, reg_covar, max_iter, n_init,
    init_params, weights_init, means_init, precisions_init, seed, warm, verbose,
    verbose_interval
))]
#[allow(clippy::too_many_arguments)]
fn fit(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    sample_weight: Option<&Bound<'_, PyAny>>,
    n_components: usize,
    covariance_type: &str,
    tol: f64,
    reg_covar: f64,
    max_iter: usize,
    n_init: usize,
    init_params: &str,
    weights_init: Option<Vec<f64>>,
    means_init: Option<(Vec<f64>, usize)>,
    precisions_init: Option<Vec<f64>>,
    seed: u64,
    warm: Option<&Bound<'_, Mixture>>,
    verbose: usize,
    verbose_interval: usize,
) -> PyResult<Mixture> {
    let config = Config {
        n_components,
        covariance_type: covariance_type.parse().map_err(value_error)?,
        tol,
        reg_covar,
        max_iter,
        n_init,
        init_method: init_method(init_params)?,
        weights_init,
        means_init,
        precisions_init,
        seed,
        verbose,
        verbose_interval,
    };
    let warm = warm.map(|m| m.get().model.clone());
    let model = if x.extract::<PyReadonlyArray2<'_, f32>>().is_ok() {
        let warm = match warm {
            Some(Model::F32(m)) => Some(m),
            None => None,
            Some(Model::F64(_)) => {
                return Err(PyValueError::new_err(
                    "warm start of a float64 model on float32 data",
                ));
            }
        };
        Model::F32(fit_typed(py, x, sample_weight, &config, warm.as_ref())?)
    } else {
        let warm = match warm {
            Some(Model::F64(m)) => Some(m),
            None => None,
            Some(Model::F32(_)) => {
                return Err(PyValueError::new_err(
                    "warm start of a float32 model on float64 data",
                ));
            }
        };
        Model::F64(fit_typed(py, x, sample_weight, &config, warm.as_ref())?)
    };
    Ok(Mixture { model })
}

/// A flat parameter as a numpy array of the given shape.
fn array<'py, T: Element + Copy>(
    py: Python<'py>,
    data: &[T],
    shape: &[usize],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyArray1::from_slice(py, data)
        .reshape(shape.to_vec())?
        .into_any())
}

/// Runs `$body` (a `Result<_, GmmError>`) on the model `$m` and the rows `$v` of `$x` read as
/// the model's precision (and the weights `$ws` of `$w`), without the GIL; then `$out` on its
/// value `$r` with the GIL.
macro_rules! on_rows {
    ($self:ident, $py:ident, $x:ident, $w:expr, |$m:ident, $v:ident, $ws:ident| $body:expr, |$r:ident| $out:expr) => {
        with_model!(&$self.model, $m, T => {
            let x: PyReadonlyArray2<'_, T> = $x.extract()?;
            let w: Option<PyReadonlyArray1<'_, T>> = $w.map(|w: &Bound<'_, PyAny>| w.extract()).transpose()?;
            let (data, n, d) = rows(&x)?;
            let $ws = weights(&w)?;
            let $r = $py
                .detach(|| {
                    let $v = view(data, n, d)?;
                    $body
                })
                .map_err(value_error)?;
            $out
        })
    };
}

#[pymethods]
impl Mixture {
    /// A mixture from saved parameters and fit history: `dtype` `"float32"` or `"float64"`,
    /// flat `means` of `n_features` columns, flat `covariances` in the covariance type's
    /// layout, and the lower bound of every iteration of the fit (`lower_bounds`).
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn from_parameters(
        dtype: &str,
        covariance_type: &str,
        weights: Vec<f64>,
        means: Vec<f64>,
        n_features: usize,
        covariances: Vec<f64>,
        converged: bool,
        lower_bounds: Vec<f64>,
    ) -> PyResult<Mixture> {
        let covariance_type: CovarianceType = covariance_type.parse().map_err(value_error)?;
        fn build<T: Float>(
            covariance_type: CovarianceType,
            weights: &[f64],
            means: &[f64],
            d: usize,
            covariances: &[f64],
            converged: bool,
            lower_bounds: &[f64],
        ) -> Result<GaussianMixture<T>, GmmError> {
            let t = |v: &[f64]| v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>();
            let means = t(means);
            Ok(GaussianMixture::from_parameters(
                covariance_type,
                &t(weights),
                &gmm::flat_rows(&means, d)?,
                &t(covariances),
            )?
            .with_history(converged, t(lower_bounds)))
        }
        let args = (
            covariance_type,
            &weights[..],
            &means[..],
            n_features,
            &covariances[..],
            converged,
            &lower_bounds[..],
        );
        let model = match dtype {
            "float32" => Model::F32(
                build::<f32>(args.0, args.1, args.2, args.3, args.4, args.5, args.6)
                    .map_err(value_error)?,
            ),
            "float64" => Model::F64(
                build::<f64>(args.0, args.1, args.2, args.3, args.4, args.5, args.6)
                    .map_err(value_error)?,
            ),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "dtype must be 'float32' or 'float64', not {dtype:?}"
                )));
            }
        };
        Ok(Mixture { model })
    }

    /// The same mixture with a fit history (whether it converged, the lower bound of every
    /// iteration), as after a fit of that many iterations.
    fn with_history(&self, converged: bool, lower_bounds: Vec<f64>) -> Mixture {
        let model = match &self.model {
            Model::F32(m) => Model::F32(
                m.clone()
                    .with_history(converged, lower_bounds.iter().map(|&v| v as f32).collect()),
            ),
            Model::F64(m) => Model::F64(m.clone().with_history(converged, lower_bounds)),
        };
        Mixture { model }
    }

    /// Pickles as the arguments of [`Mixture::from_parameters`].
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let state = with_model!(&this.model, m, T => {
            let f = |v: &[T]| v.iter().map(|x| x.into_f64()).collect::<Vec<f64>>();
            (
                this.dtype(),
                m.covariance_type().name(),
                f(m.weights()),
                f(m.means().data()),
                m.n_features(),
                f(m.covariances().data()),
                m.converged(),
                f(m.lower_bound_history()),
            )
        });
        let constructor = slf.get_type().getattr("from_parameters")?;
        (constructor, state).into_pyobject(py)
    }

    /// `"float32"` or `"float64"`.
    #[getter]
    fn dtype(&self) -> &'static str {
        match self.model {
            Model::F32(_) => "float32",
            Model::F64(_) => "float64",
        }
    }

    /// The covariance type's name.
    #[getter]
    fn covariance_type(&self) -> &'static str {
        with_model!(&self.model, m, T => m.covariance_type().name())
    }

    /// The mixing weights, `(k,)`.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_model!(&self.model, m, T => array(py, m.weights(), &[m.n_components()]))
    }

    /// The means, `(k, d)`.
    #[getter]
    fn means<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_model!(&self.model, m, T => {
            let v = m.means();
            array(py, v.data(), &v.shape())
        })
    }

    /// The covariances in the covariance type's shape.
    #[getter]
    fn covariances<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_model!(&self.model, m, T => {
            let v = m.covariances();
            array(py, v.data(), v.shape())
        })
    }

    /// The precisions in the covariance type's shape.
    #[getter]
    fn precisions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_model!(&self.model, m, T => {
            let v = m.precisions();
            array(py, v.data(), v.shape())
        })
    }

    /// The Cholesky factors of the precisions in the covariance type's shape.
    #[getter]
    fn precisions_cholesky<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_model!(&self.model, m, T => {
            let v = m.precisions_cholesky();
            array(py, v.data(), v.shape())
        })
    }

    /// Whether the best run converged.
    #[getter]
    fn converged(&self) -> bool {
        with_model!(&self.model, m, T => m.converged())
    }

    /// The number of iterations of the best run.
    #[getter]
    fn n_iter(&self) -> usize {
        with_model!(&self.model, m, T => m.n_iter())
    }

    /// The lower bound of the best run's last iteration.
    #[getter]
    fn lower_bound(&self) -> f64 {
        with_model!(&self.model, m, T => m.lower_bound().into_f64())
    }

    /// The lower bound of every iteration of the best run.
    #[getter]
    fn lower_bounds(&self) -> Vec<f64> {
        with_model!(&self.model, m, T => m.lower_bound_history().iter().map(|v| v.into_f64()).collect())
    }

    /// The number of free parameters.
    #[getter]
    fn n_parameters(&self) -> usize {
        with_model!(&self.model, m, T => m.n_parameters())
    }

    /// The log-likelihood of every row of `x` (an array of the model's dtype).
    fn score_samples<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        on_rows!(self, py, x, None, |m, v, _w| m.score_samples(&v), |r| Ok(
            PyArray1::from_vec(py, r).into_any()
        ))
    }

    /// The component of highest posterior of every row of `x`.
    fn predict<'py>(&self, py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        on_rows!(self, py, x, None, |m, v, _w| m.predict(&v), |r| Ok(
            PyArray1::from_vec(py, r.into_iter().map(|c| c as i64).collect()).into_any()
        ))
    }

    /// The posterior of every component for every row of `x`, `(n, k)`.
    fn predict_proba<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        on_rows!(self, py, x, None, |m, v, _w| m.predict_proba(&v), |r| {
            let shape = r.shape();
            array(py, r.as_slice(), &shape)
        })
    }

    /// The (weighted) mean log-likelihood of the rows of `x`.
    #[pyo3(signature = (x, sample_weight=None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<f64> {
        on_rows!(
            self,
            py,
            x,
            sample_weight,
            |m, v, w| match w {
                Some(w) => m.score_weighted(&v, w),
                None => m.score(&v),
            },
            |r| Ok(r.into_f64())
        )
    }

    /// The Bayesian information criterion of the (weighted) rows of `x`.
    #[pyo3(signature = (x, sample_weight=None))]
    fn bic<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<f64> {
        on_rows!(
            self,
            py,
            x,
            sample_weight,
            |m, v, w| match w {
                Some(w) => m.bic_weighted(&v, w),
                None => m.bic(&v),
            },
            |r| Ok(r.into_f64())
        )
    }

    /// The Akaike information criterion of the (weighted) rows of `x`.
    #[pyo3(signature = (x, sample_weight=None))]
    fn aic<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<f64> {
        on_rows!(
            self,
            py,
            x,
            sample_weight,
            |m, v, w| match w {
                Some(w) => m.aic_weighted(&v, w),
                None => m.aic(&v),
            },
            |r| Ok(r.into_f64())
        )
    }

    /// `n_samples` rows drawn from the mixture with `seed`, grouped by component, and their
    /// components.
    fn sample<'py>(
        &self,
        py: Python<'py>,
        n_samples: usize,
        seed: u64,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        with_model!(&self.model, m, T => {
            let (rows, labels) = py.detach(|| m.sample(n_samples, seed)).map_err(value_error)?;
            let shape = rows.shape();
            Ok((
                array(py, rows.as_slice(), &shape)?,
                PyArray1::from_vec(py, labels.into_iter().map(|c| c as i64).collect()).into_any(),
            ))
        })
    }
}

/// EM's sufficient statistics in one of the two precisions.
#[derive(Clone)]
enum Stats {
    F32(SufficientStatistics<f32>),
    F64(SufficientStatistics<f64>),
}

/// Runs `$body` with `$s` bound to the statistics of either precision and `$t` to its type.
macro_rules! with_stats {
    ($stats:expr, $s:ident, $t:ident => $body:expr) => {
        match $stats {
            Stats::F32($s) => {
                #[allow(dead_code)]
                type $t = f32;
                $body
            }
            Stats::F64($s) => {
                #[allow(dead_code)]
                type $t = f64;
                $body
            }
        }
    };
}

/// The sufficient statistics of EM over some rows under a mixture's parameters
/// ([`gmm::SufficientStatistics`]): compute them per chunk, merge them in a fixed order, and
/// take the M-step of the total.
#[pyclass(module = "gmm._core", name = "SufficientStatistics", frozen)]
struct Statistics {
    stats: Stats,
}

#[pymethods]
impl Statistics {
    /// The E-step over the rows of `x` (an array of the model's dtype, C-contiguous) with
    /// optional weights, under `model`'s parameters; without the GIL.
    #[staticmethod]
    #[pyo3(signature = (model, x, sample_weight=None))]
    fn from_chunk<'py>(
        py: Python<'py>,
        model: &Bound<'py, Mixture>,
        x: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Statistics> {
        let this = model.get();
        let stats = with_model!(&this.model, m, T => {
            let x: PyReadonlyArray2<'_, T> = x.extract()?;
            let w: Option<PyReadonlyArray1<'_, T>> = sample_weight.map(|w| w.extract()).transpose()?;
            let (data, n, d) = rows(&x)?;
            let w = weights(&w)?;
            let s = py
                .detach(|| SufficientStatistics::from_chunk(m, &view(data, n, d)?, w))
                .map_err(value_error)?;
            <T as Precision>::wrap_stats(s)
        });
        Ok(Statistics { stats })
    }

    /// Statistics from their parts (see the getters), to rebuild them in another process.
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn from_parts(
        dtype: &str,
        covariance_type: &str,
        n_components: usize,
        n_features: usize,
        weights: Vec<f64>,
        first_moments: Vec<f64>,
        second_moments: Vec<f64>,
        log_likelihood: f64,
        total_weight: f64,
    ) -> PyResult<Statistics> {
        let covariance_type: CovarianceType = covariance_type.parse().map_err(value_error)?;
        fn build<T: Float>(
            t: CovarianceType,
            k: usize,
            d: usize,
            parts: [&[f64]; 3],
            scalars: [f64; 2],
        ) -> Result<SufficientStatistics<T>, GmmError> {
            let f = |v: &[f64]| v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>();
            SufficientStatistics::from_parts(
                t,
                k,
                d,
                f(parts[0]),
                f(parts[1]),
                f(parts[2]),
                T::from_f64(scalars[0]),
                T::from_f64(scalars[1]),
            )
        }
        let parts = [&weights[..], &first_moments[..], &second_moments[..]];
        let scalars = [log_likelihood, total_weight];
        let (k, d) = (n_components, n_features);
        let stats = match dtype {
            "float32" => {
                Stats::F32(build(covariance_type, k, d, parts, scalars).map_err(value_error)?)
            }
            "float64" => {
                Stats::F64(build(covariance_type, k, d, parts, scalars).map_err(value_error)?)
            }
            _ => {
                return Err(PyValueError::new_err(format!(
                    "dtype must be 'float32' or 'float64', not {dtype:?}"
                )));
            }
        };
        Ok(Statistics { stats })
    }

    /// Pickles as the arguments of [`Statistics::from_parts`].
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let state = with_stats!(&this.stats, s, T => {
            let f = |v: &[T]| v.iter().map(|x| x.into_f64()).collect::<Vec<f64>>();
            let k = s.weights().len();
            (
                this.dtype(),
                s.covariance_type().name(),
                k,
                s.first_moments().len() / k,
                f(s.weights()),
                f(&s.first_moments()),
                f(s.second_moments()),
                s.log_likelihood().into_f64(),
                s.total_weight().into_f64(),
            )
        });
        let constructor = slf.get_type().getattr("from_parts")?;
        (constructor, state).into_pyobject(py)
    }

    /// These statistics plus `other`'s (rows under the same parameters), as new statistics.
    fn merge(&self, other: &Statistics) -> PyResult<Statistics> {
        let stats = match (&self.stats, &other.stats) {
            (Stats::F32(a), Stats::F32(b)) => {
                let mut a = a.clone();
                a.merge(b).map_err(value_error)?;
                Stats::F32(a)
            }
            (Stats::F64(a), Stats::F64(b)) => {
                let mut a = a.clone();
                a.merge(b).map_err(value_error)?;
                Stats::F64(a)
            }
            _ => {
                return Err(PyValueError::new_err(
                    "merged statistics of float32 and float64 mixtures",
                ));
            }
        };
        Ok(Statistics { stats })
    }

    /// The M-step: the mixture these statistics give, with `reg_covar` added to every
    /// variance (its fit history empty).
    fn m_step(&self, reg_covar: f64) -> PyResult<Mixture> {
        let model = with_stats!(&self.stats, s, T => {
            <T as Precision>::wrap_model(s.m_step(T::from_f64(reg_covar)).map_err(value_error)?)
        });
        Ok(Mixture { model })
    }

    /// `"float32"` or `"float64"`.
    #[getter]
    fn dtype(&self) -> &'static str {
        match self.stats {
            Stats::F32(_) => "float32",
            Stats::F64(_) => "float64",
        }
    }

    /// The covariance type's name.
    #[getter]
    fn covariance_type(&self) -> &'static str {
        with_stats!(&self.stats, s, T => s.covariance_type().name())
    }

    /// Per component, the total responsibility weight, `(k,)`.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_stats!(&self.stats, s, T => array(py, s.weights(), &[s.weights().len()]))
    }

    /// Per component, the weighted first moments `Σ r w x`, `(k, d)`.
    #[getter]
    fn first_moments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_stats!(&self.stats, s, T => {
            let k = s.weights().len();
            let first = s.first_moments();
            array(py, &first, &[k, first.len() / k])
        })
    }

    /// The second moments, flat, in the covariance type's layout (full: each component's
    /// scatter about its mean, `d x d x k`; diag and spherical: their diagonals, `d x k`;
    /// tied: the uncentred `Σ w x xᵀ`, `d x d`).
    #[getter]
    fn second_moments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        with_stats!(&self.stats, s, T => array(py, s.second_moments(), &[s.second_moments().len()]))
    }

    /// The weighted log-likelihood of the rows.
    #[getter]
    fn log_likelihood(&self) -> f64 {
        with_stats!(&self.stats, s, T => s.log_likelihood().into_f64())
    }

    /// The total weight of the rows.
    #[getter]
    fn total_weight(&self) -> f64 {
        with_stats!(&self.stats, s, T => s.total_weight().into_f64())
    }

    /// The weighted mean log-likelihood (a fit's lower bound for this iteration).
    #[getter]
    fn lower_bound(&self) -> f64 {
        with_stats!(&self.stats, s, T => s.lower_bound().into_f64())
    }
}

/// Wraps a value of either precision into the enums.
trait Precision: Float + Element {
    fn wrap_stats(s: SufficientStatistics<Self>) -> Stats;
    fn wrap_model(m: GaussianMixture<Self>) -> Model;
}

impl Precision for f32 {
    fn wrap_stats(s: SufficientStatistics<f32>) -> Stats {
        Stats::F32(s)
    }
    fn wrap_model(m: GaussianMixture<f32>) -> Model {
        Model::F32(m)
    }
}

impl Precision for f64 {
    fn wrap_stats(s: SufficientStatistics<f64>) -> Stats {
        Stats::F64(s)
    }
    fn wrap_model(m: GaussianMixture<f64>) -> Model {
        Model::F64(m)
    }
}

/// The extension module `gmm._core`.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Mixture>()?;
    m.add_class::<Statistics>()?;
    m.add_function(wrap_pyfunction!(fit, m)?)?;
    Ok(())
}
