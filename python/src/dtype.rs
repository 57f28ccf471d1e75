//! The two precisions: `float32` data is fitted and predicted in `f32`, anything else in
//! `f64`. A [`Typed`] holds a value of a [`Family`] (a model, statistics) in one of them;
//! [`dispatch!`] runs generic code on either.

use gmm::Float;
use numpy::{Element, PyReadonlyArray2};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// One type per precision: `Of<f32>` and `Of<f64>` (`GaussianMixture<f32>`, ...).
pub(crate) trait Family {
    type Of<T: Dtype>: Send + Sync;
}

/// A value of family `F` in one of the two precisions.
pub(crate) enum Typed<F: Family> {
    F32(F::Of<f32>),
    F64(F::Of<f64>),
}

/// A precision the package computes in.
pub(crate) trait Dtype: Float + Element {
    /// numpy's name of the type.
    const NAME: &'static str;
    /// `value` in the enum.
    fn wrap<F: Family>(value: F::Of<Self>) -> Typed<F>;
    /// The value if it has this precision.
    fn unwrap<F: Family>(typed: &Typed<F>) -> Option<&F::Of<Self>>;
}

impl Dtype for f32 {
    const NAME: &'static str = "float32";
    fn wrap<F: Family>(value: F::Of<f32>) -> Typed<F> {
        Typed::F32(value)
    }
    fn unwrap<F: Family>(typed: &Typed<F>) -> Option<&F::Of<f32>> {
        match typed {
            Typed::F32(v) => Some(v),
            Typed::F64(_) => None,
        }
    }
}

impl Dtype for f64 {
    const NAME: &'static str = "float64";
    fn wrap<F: Family>(value: F::Of<f64>) -> Typed<F> {
        Typed::F64(value)
    }
    fn unwrap<F: Family>(typed: &Typed<F>) -> Option<&F::Of<f64>> {
        match typed {
            Typed::F64(v) => Some(v),
            Typed::F32(_) => None,
        }
    }
}

impl<F: Family> Typed<F> {
    /// `"float32"` or `"float64"`.
    pub(crate) fn dtype(&self) -> &'static str {
        match self {
            Typed::F32(_) => f32::NAME,
            Typed::F64(_) => f64::NAME,
        }
    }

    /// The value in precision `T`, or a `ValueError` saying that `what` mixes precisions.
    pub(crate) fn get<T: Dtype>(&self, what: &str) -> PyResult<&F::Of<T>> {
        T::unwrap(self).ok_or_else(|| {
            PyValueError::new_err(format!("{what} mixes {} and {}", self.dtype(), T::NAME))
        })
    }
}

/// Runs `$body` with `$v` bound to the value of a [`Typed`] and `$t` to its precision.
macro_rules! dispatch {
    ($typed:expr, $v:ident, $t:ident => $body:expr) => {
        match $typed {
            $crate::dtype::Typed::F32($v) => {
                #[allow(dead_code)]
                type $t = f32;
                $body
            }
            $crate::dtype::Typed::F64($v) => {
                #[allow(dead_code)]
                type $t = f64;
                $body
            }
        }
    };
}

/// Runs `$body` with `$t` the precision `f32` when `$is_f32`, else `f64`.
macro_rules! in_precision {
    ($is_f32:expr, $t:ident => $body:expr) => {
        if $is_f32 {
            type $t = f32;
            $body
        } else {
            type $t = f64;
            $body
        }
    };
}

pub(crate) use {dispatch, in_precision};

/// Whether `x` is a 2-D `float32` array (the Python classes convert anything else to `float64`).
pub(crate) fn is_f32_rows(x: &Bound<'_, PyAny>) -> bool {
    x.extract::<PyReadonlyArray2<'_, f32>>().is_ok()
}

/// Whether `dtype` names `float32` (else `float64`; any other name is a `ValueError`).
pub(crate) fn is_f32_name(dtype: &str) -> PyResult<bool> {
    match dtype {
        "float32" => Ok(true),
        "float64" => Ok(false),
        _ => Err(PyValueError::new_err(format!(
            "dtype must be 'float32' or 'float64', not {dtype:?}"
        ))),
    }
}

/// `values` in precision `T`.
pub(crate) fn cast<T: Dtype>(values: &[f64]) -> Vec<T> {
    values.iter().map(|&v| T::from_f64(v)).collect()
}

/// `values` as `f64`.
pub(crate) fn widen<T: Dtype>(values: &[T]) -> Vec<f64> {
    values.iter().map(|v| v.into_f64()).collect()
}
