//! `_core.SufficientStatistics`: EM's statistics of a chunk of rows, mergeable, and the
//! M-step of their total (what the Dask fit and the Ray example run).

use gmm::{CovarianceType, Float, SufficientStatistics};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::arrays::{array, on_rows, value_error};
use crate::dtype::{Dtype, Family, Typed, cast, dispatch, in_precision, is_f32_name, widen};
use crate::mixture::Mixture;

/// [`SufficientStatistics`] in either precision.
struct Stats;

impl Family for Stats {
    type Of<T: Dtype> = SufficientStatistics<T>;
}

/// The sufficient statistics of EM over some rows under a mixture's parameters
/// ([`gmm::SufficientStatistics`]): compute them per chunk, merge them in a fixed order, and
/// take the M-step of the total.
#[pyclass(module = "gmm._core", name = "SufficientStatistics", frozen)]
pub(crate) struct Statistics {
    stats: Typed<Stats>,
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
        let stats = dispatch!(&model.get().model, m, T => T::wrap(on_rows::<T, _>(
            py,
            x,
            sample_weight,
            |x, w| SufficientStatistics::from_chunk(m, &x, w),
        )?));
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
        let stats = in_precision!(is_f32_name(dtype)?, T => T::wrap(
            SufficientStatistics::from_parts(
                covariance_type,
                n_components,
                n_features,
                cast::<T>(&weights),
                cast(&first_moments),
                cast(&second_moments),
                T::from_f64(log_likelihood),
                T::from_f64(total_weight),
            )
            .map_err(value_error)?
        ));
        Ok(Statistics { stats })
    }

    /// Pickles as the arguments of `from_parts`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let this = slf.get();
        let state = dispatch!(&this.stats, s, T => {
            let k = s.weights().len();
            (
                this.dtype(),
                s.covariance_type().name(),
                k,
                s.first_moments().len() / k,
                widen(s.weights()),
                widen(&s.first_moments()),
                widen(s.second_moments()),
                s.log_likelihood().into_f64(),
                s.total_weight().into_f64(),
            )
        });
        (slf.get_type().getattr("from_parts")?, state).into_pyobject(slf.py())
    }

    /// These statistics plus `other`'s (rows under the same parameters), as new statistics.
    fn merge(&self, other: &Statistics) -> PyResult<Statistics> {
        let stats = dispatch!(&self.stats, a, T => {
            let mut total = a.clone();
            total.merge(other.stats.get::<T>("merging statistics")?).map_err(value_error)?;
            T::wrap(total)
        });
        Ok(Statistics { stats })
    }

    /// The M-step: the mixture these statistics give, with `reg_covar` added to every
    /// variance (its fit history empty).
    fn m_step(&self, reg_covar: f64) -> PyResult<Mixture> {
        let model = dispatch!(&self.stats, s, T => {
            T::wrap(s.m_step(T::from_f64(reg_covar)).map_err(value_error)?)
        });
        Ok(Mixture { model })
    }

    /// `"float32"` or `"float64"`.
    #[getter]
    fn dtype(&self) -> &'static str {
        self.stats.dtype()
    }

    /// The covariance type's name.
    #[getter]
    fn covariance_type(&self) -> &'static str {
        dispatch!(&self.stats, s, T => s.covariance_type().name())
    }

    /// Per component, the total responsibility weight, `(k,)`.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dispatch!(&self.stats, s, T => array(py, s.weights(), &[s.weights().len()]))
    }

    /// Per component, the weighted first moments `Σ r w x`, `(k, d)`.
    #[getter]
    fn first_moments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dispatch!(&self.stats, s, T => {
            let k = s.weights().len();
            let first = s.first_moments();
            array(py, &first, &[k, first.len() / k])
        })
    }

    /// The second moments, flat, in the covariance type's layout (full: each component's
    /// scatter about its mean, `d x d x k`; diag and spherical: their diagonals, `d x k`;
    /// tied: full's summed over the components, `Σ_c Σ r w (x - x̄_c)(x - x̄_c)ᵀ`, `d x d`).
    #[getter]
    fn second_moments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dispatch!(&self.stats, s, T => array(py, s.second_moments(), &[s.second_moments().len()]))
    }

    /// The weighted log-likelihood of the rows.
    #[getter]
    fn log_likelihood(&self) -> f64 {
        dispatch!(&self.stats, s, T => s.log_likelihood().into_f64())
    }

    /// The total weight of the rows.
    #[getter]
    fn total_weight(&self) -> f64 {
        dispatch!(&self.stats, s, T => s.total_weight().into_f64())
    }

    /// The weighted mean log-likelihood (a fit's lower bound for this iteration).
    #[getter]
    fn lower_bound(&self) -> f64 {
        dispatch!(&self.stats, s, T => s.lower_bound().into_f64())
    }
}
