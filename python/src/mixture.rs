//! `_core.Mixture` (a fitted [`GaussianMixture`]) and `_core.fit`, behind the Python class
//! `gmm.GaussianMixture`.

use gmm::{CovarianceType, Float, GaussianMixture};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::arrays::{array, labels, matrix, on_rows, value_error, vector};
use crate::dtype::{
    Dtype, Family, Typed, cast, dispatch, in_precision, is_f32_name, is_f32_rows, widen,
};
use crate::methods::mixture_methods;
use crate::options::{Options, common_params, fit_rows};

/// [`GaussianMixture`] in either precision.
pub(crate) struct Em;

impl Family for Em {
    type Of<T: Dtype> = GaussianMixture<T>;
}

/// A fitted Gaussian mixture (`float32` or `float64`).
#[pyclass(module = "gmm._core", frozen)]
pub(crate) struct Mixture {
    pub(crate) model: Typed<Em>,
}

/// Fits a mixture to `x` (a C-contiguous `float32` or `float64` array; `sample_weight` of the
/// same type, or `None`), or continues from `warm` (scikit-learn's `warm_start`), without the
/// GIL. `options` are scikit-learn's common hyper-parameters (see `Options`); `means_init` is
/// flat with its number of columns, the other initial parameters flat in the covariance
/// type's layout.
#[pyfunction]
#[pyo3(signature = (
    x, sample_weight, *, warm, weights_init, means_init, precisions_init, **options
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn fit(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    sample_weight: Option<&Bound<'_, PyAny>>,
    warm: Option<&Bound<'_, Mixture>>,
    weights_init: Option<Vec<f64>>,
    means_init: Option<(Vec<f64>, usize)>,
    precisions_init: Option<Vec<f64>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Mixture> {
    let options: Options = options
        .map(|o| o.extract())
        .transpose()?
        .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("fit needs the hyper-parameters"))?;
    let model = in_precision!(is_f32_rows(x), T => {
        let warm = warm.map(|m| m.get().model.get::<T>("warm start")).transpose()?;
        let mut params = common_params!(GaussianMixture::<T>::params(options.n_components), options);
        if let Some(w) = &weights_init {
            params = params.weights_init(cast(w));
        }
        if let Some((m, d)) = &means_init {
            let m = cast::<T>(m);
            params = params.means_init(&gmm::flat_rows(&m, *d).map_err(value_error)?);
        }
        if let Some(p) = &precisions_init {
            params = params.precisions_init(cast(p));
        }
        let params = params.check().map_err(value_error)?;
        T::wrap(fit_rows(py, x, sample_weight, &options, |x, w, progress| match warm {
            Some(model) => params.warm_start_with(model, &x, w, progress),
            None => params.fit_with(&x, w, progress),
        })?)
    });
    Ok(Mixture { model })
}

mixture_methods!(Mixture {
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
        let model = in_precision!(is_f32_name(dtype)?, T => {
            let means = cast::<T>(&means);
            let means = gmm::flat_rows(&means, n_features).map_err(value_error)?;
            let model = GaussianMixture::from_parameters(
                covariance_type,
                &cast::<T>(&weights),
                &means,
                &cast::<T>(&covariances),
            )
            .map_err(value_error)?;
            T::wrap(model.with_history(converged, cast(&lower_bounds)))
        });
        Ok(Mixture { model })
    }

    /// The same mixture with a fit history (whether it converged, the lower bound of every
    /// iteration), as after a fit of that many iterations.
    fn with_history(&self, converged: bool, lower_bounds: Vec<f64>) -> Mixture {
        let model = dispatch!(&self.model, m, T => {
            T::wrap(m.clone().with_history(converged, cast(&lower_bounds)))
        });
        Mixture { model }
    }

    /// Pickles as the arguments of `from_parameters`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let this = slf.get();
        let state = dispatch!(&this.model, m, T => (
            this.dtype(),
            m.covariance_type().name(),
            widen(m.weights()),
            widen(m.means().data()),
            m.n_features(),
            widen(m.covariances().data()),
            m.converged(),
            widen(m.lower_bound_history()),
        ));
        (slf.get_type().getattr("from_parameters")?, state).into_pyobject(slf.py())
    }

    /// The number of free parameters.
    #[getter]
    fn n_parameters(&self) -> usize {
        dispatch!(&self.model, m, T => m.n_parameters())
    }

    /// The Bayesian information criterion of the (weighted) rows of `x`.
    #[pyo3(signature = (x, sample_weight=None))]
    fn bic<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<f64> {
        dispatch!(&self.model, m, T => {
            on_rows::<T, _>(py, x, sample_weight, |x, w| match w {
                Some(w) => m.bic_weighted(&x, w),
                None => m.bic(&x),
            })
            .map(|v| v.into_f64())
        })
    }

    /// The Akaike information criterion of the (weighted) rows of `x`.
    #[pyo3(signature = (x, sample_weight=None))]
    fn aic<'py>(
        &self,
        py: Python<'py>,
        x: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<f64> {
        dispatch!(&self.model, m, T => {
            on_rows::<T, _>(py, x, sample_weight, |x, w| match w {
                Some(w) => m.aic_weighted(&x, w),
                None => m.aic(&x),
            })
            .map(|v| v.into_f64())
        })
    }
});
