//! numpy arrays in and out: rows and weights read in place (C-contiguous arrays of the
//! model's precision, which the Python classes make sure of), results handed over as arrays.

use einsum::TensorRef;
use gmm::GmmError;
use numpy::{
    Element, PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::dtype::Dtype;

/// A [`GmmError`] as a Python `ValueError` carrying the error's message.
pub(crate) fn value_error(error: GmmError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// Runs `work` on the rows of `x` (an `n x d` array of `T`) and the optional weights, both
/// read in place, without the GIL; its error becomes a `ValueError`.
pub(crate) fn on_rows<T: Dtype, R: Send>(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    sample_weight: Option<&Bound<'_, PyAny>>,
    work: impl FnOnce(TensorRef<'_, T, 2>, Option<&[T]>) -> Result<R, GmmError> + Send,
) -> PyResult<R> {
    let x: PyReadonlyArray2<'_, T> = x.extract()?;
    let w: Option<PyReadonlyArray1<'_, T>> = sample_weight.map(|w| w.extract()).transpose()?;
    let (n, d) = (x.shape()[0], x.shape()[1]);
    let data = contiguous(x.as_slice(), "the data")?;
    let w = w
        .as_ref()
        .map(|w| contiguous(w.as_slice(), "sample_weight"))
        .transpose()?;
    py.detach(|| {
        if n == 0 {
            return Err(GmmError::EmptyData);
        }
        work(gmm::flat_rows(data, d)?, w)
    })
    .map_err(value_error)
}

fn contiguous<'a, T, E>(slice: Result<&'a [T], E>, what: &str) -> PyResult<&'a [T]> {
    slice
        .map_err(|_| PyValueError::new_err(format!("{what} must be a C-contiguous, aligned array")))
}

/// `data` as a numpy array of the given shape.
pub(crate) fn array<'py, T: Element + Copy>(
    py: Python<'py>,
    data: &[T],
    shape: &[usize],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyArray1::from_slice(py, data)
        .reshape(shape.to_vec())?
        .into_any())
}

/// A row-major matrix handed over to numpy (no copy).
pub(crate) fn matrix<T: Element + Copy>(
    py: Python<'_>,
    m: einsum::Tensor<T, 2>,
) -> PyResult<Bound<'_, PyAny>> {
    let shape = m.shape();
    Ok(PyArray1::from_vec(py, m.into_vec())
        .reshape(shape.to_vec())?
        .into_any())
}

/// A vector handed over to numpy (no copy).
pub(crate) fn vector<T: Element>(py: Python<'_>, values: Vec<T>) -> Bound<'_, PyAny> {
    PyArray1::from_vec(py, values).into_any()
}

/// Component indices as numpy's `int64`.
pub(crate) fn labels(py: Python<'_>, labels: Vec<usize>) -> Bound<'_, PyAny> {
    vector(py, labels.into_iter().map(|c| c as i64).collect())
}
