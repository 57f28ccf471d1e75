//! `_core.BayesianMixture` (a fitted [`BayesianGaussianMixture`]) and `_core.fit_bayesian`,
//! behind the Python class `gmm.BayesianGaussianMixture`.

use gmm::{BayesianGaussianMixture, CovarianceType, Float, Priors, WeightConcentrationPriorType};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::arrays::{array, labels, matrix, on_rows, value_error, vector};
use crate::dtype::{
    Dtype, Family, Typed, cast, dispatch, in_precision, is_f32_name, is_f32_rows, widen,
};
use crate::methods::mixture_methods;
use crate::options::{Options, common_params, fit_rows};

/// [`BayesianGaussianMixture`] in either precision.
pub(crate) struct Bayes;

impl Family for Bayes {
    type Of<T: Dtype> = BayesianGaussianMixture<T>;
}

/// A fitted variational Bayesian Gaussian mixture (`float32` or `float64`).
#[pyclass(module = "gmm._core", frozen)]
pub(crate) struct BayesianMixture {
    model: Typed<Bayes>,
}

/// The priors as saved: `(weight_concentration_prior, mean_precision_prior, mean_prior,
/// degrees_of_freedom_prior, covariance_prior)`, the arrays flat.
type SavedPriors = (f64, f64, Vec<f64>, f64, Vec<f64>);

fn saved_priors<T: Dtype>(p: &Priors<T>) -> SavedPriors {
    (
        p.weight_concentration_prior.into_f64(),
        p.mean_precision_prior.into_f64(),
        widen(&p.mean_prior),
        p.degrees_of_freedom_prior.into_f64(),
        widen(&p.covariance_prior),
    )
}

/// Fits a variational mixture to `x` (a C-contiguous `float32` or `float64` array;
/// `sample_weight` of the same type, or `None`), or continues from `warm`, without the GIL.
/// `options` are scikit-learn's common hyper-parameters (see `Options`); a prior left `None`
/// takes scikit-learn's default from the data; `covariance_prior` is flat.
/// `responsibilities_init` (flat, with its number of columns) replaces the initialisation,
/// as the library's `responsibilities_init` (scikit-learn has no such parameter).
#[pyfunction]
#[pyo3(signature = (
    x, sample_weight, *, warm, weight_concentration_prior_type, weight_concentration_prior,
    mean_precision_prior, mean_prior, degrees_of_freedom_prior, covariance_prior,
    responsibilities_init=None, **options
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn fit_bayesian(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    sample_weight: Option<&Bound<'_, PyAny>>,
    warm: Option<&Bound<'_, BayesianMixture>>,
    weight_concentration_prior_type: &str,
    weight_concentration_prior: Option<f64>,
    mean_precision_prior: Option<f64>,
    mean_prior: Option<Vec<f64>>,
    degrees_of_freedom_prior: Option<f64>,
    covariance_prior: Option<Vec<f64>>,
    responsibilities_init: Option<(Vec<f64>, usize)>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<BayesianMixture> {
    let options: Options = options.map(|o| o.extract()).transpose()?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err("fit_bayesian needs the hyper-parameters")
    })?;
    let prior_type: WeightConcentrationPriorType = weight_concentration_prior_type
        .parse()
        .map_err(value_error)?;
    let model = in_precision!(is_f32_rows(x), T => {
        let warm = warm.map(|m| m.get().model.get::<T>("warm start")).transpose()?;
        let mut params = common_params!(BayesianGaussianMixture::<T>::params(options.n_components), options)
            .weight_concentration_prior_type(prior_type);
        if let Some(v) = weight_concentration_prior {
            params = params.weight_concentration_prior(T::from_f64(v));
        }
        if let Some(v) = mean_precision_prior {
            params = params.mean_precision_prior(T::from_f64(v));
        }
        if let Some(v) = &mean_prior {
            params = params.mean_prior(cast(v));
        }
        if let Some(v) = degrees_of_freedom_prior {
            params = params.degrees_of_freedom_prior(T::from_f64(v));
        }
        if let Some(v) = &covariance_prior {
            params = params.covariance_prior(cast(v));
        }
        if let Some((resp, k)) = &responsibilities_init {
            let resp = cast::<T>(resp);
            params = params.responsibilities_init(&gmm::flat_rows(&resp, *k).map_err(value_error)?);
        }
        let params = params.check().map_err(value_error)?;
        T::wrap(fit_rows(py, x, sample_weight, &options, |x, w, progress| match warm {
            Some(model) => params.warm_start_with(model, &x, w, progress),
            None => params.fit_with(&x, w, progress),
        })?)
    });
    Ok(BayesianMixture { model })
}

mixture_methods!(BayesianMixture {
    /// A mixture from a saved posterior, its priors and fit history (the library's
    /// `BayesianGaussianMixture::from_posterior`): `dtype` `"float32"` or `"float64"`, the
    /// arrays flat, `means` of `n_features` columns.
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn from_posterior(
        dtype: &str,
        covariance_type: &str,
        weight_concentration_prior_type: &str,
        priors: SavedPriors,
        weight_concentration: Vec<f64>,
        mean_precision: Vec<f64>,
        means: Vec<f64>,
        n_features: usize,
        degrees_of_freedom: Vec<f64>,
        covariances: Vec<f64>,
        converged: bool,
        lower_bounds: Vec<f64>,
    ) -> PyResult<BayesianMixture> {
        let covariance_type: CovarianceType = covariance_type.parse().map_err(value_error)?;
        let prior_type: WeightConcentrationPriorType =
            weight_concentration_prior_type.parse().map_err(value_error)?;
        let model = in_precision!(is_f32_name(dtype)?, T => {
            let priors = Priors {
                weight_concentration_prior: T::from_f64(priors.0),
                mean_precision_prior: T::from_f64(priors.1),
                mean_prior: cast(&priors.2),
                degrees_of_freedom_prior: T::from_f64(priors.3),
                covariance_prior: cast(&priors.4),
            };
            let means = cast::<T>(&means);
            let model = BayesianGaussianMixture::from_posterior(
                covariance_type,
                prior_type,
                priors,
                &cast::<T>(&weight_concentration),
                &cast::<T>(&mean_precision),
                &gmm::flat_rows(&means, n_features).map_err(value_error)?,
                &cast::<T>(&degrees_of_freedom),
                &cast::<T>(&covariances),
            )
            .map_err(value_error)?;
            T::wrap(model.with_history(converged, cast(&lower_bounds)))
        });
        Ok(BayesianMixture { model })
    }

    /// Pickles as the arguments of `from_posterior`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let this = slf.get();
        let state = dispatch!(&this.model, m, T => {
            (
                this.dtype(),
                m.covariance_type().name(),
                m.weight_concentration_prior_type().name(),
                saved_priors(m.priors()),
                widen(m.weight_concentration().data()),
                widen(m.mean_precision()),
                widen(m.means().data()),
                m.n_features(),
                widen(m.degrees_of_freedom()),
                widen(m.covariances().data()),
                m.converged(),
                widen(m.lower_bound_history()),
            )
        });
        (slf.get_type().getattr("from_posterior")?, state).into_pyobject(slf.py())
    }

    /// `"dirichlet_process"` or `"dirichlet_distribution"`.
    #[getter]
    fn weight_concentration_prior_type(&self) -> &'static str {
        dispatch!(&self.model, m, T => m.weight_concentration_prior_type().name())
    }

    /// The posterior of the weights: `(2, k)` Beta parameters for the Dirichlet process,
    /// `(k,)` concentrations for the Dirichlet distribution.
    #[getter]
    fn weight_concentration<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dispatch!(&self.model, m, T => {
            let v = m.weight_concentration();
            array(py, v.data(), v.shape())
        })
    }

    /// The precision of each component's mean, `(k,)`.
    #[getter]
    fn mean_precision<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dispatch!(&self.model, m, T => array(py, m.mean_precision(), &[m.n_components()]))
    }

    /// The degrees of freedom of each component's Wishart, `(k,)` (`(1,)` for tied).
    #[getter]
    fn degrees_of_freedom<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dispatch!(&self.model, m, T => {
            let v = m.degrees_of_freedom();
            array(py, v, &[v.len()])
        })
    }

    /// The priors the fit used, defaults resolved: `(weight_concentration_prior,
    /// mean_precision_prior, mean_prior, degrees_of_freedom_prior, covariance_prior)`, the
    /// arrays flat (in `float64`, which holds `float32` values exactly).
    #[getter]
    fn priors(&self) -> SavedPriors {
        dispatch!(&self.model, m, T => saved_priors(m.priors()))
    }
});
