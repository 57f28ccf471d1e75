//! `gmm._core`: the Rust side of the Python package `gmm`.
//!
//! Two classes hold a fitted model of the library in the precision of the data it was
//! fitted on (`float32` stays `float32`, `float64` `float64`): `Mixture` a
//! [`gmm::GaussianMixture`], `BayesianMixture` a [`gmm::BayesianGaussianMixture`]; a third,
//! `SufficientStatistics`, EM's mergeable statistics of a chunk of rows. The Python classes
//! `gmm.GaussianMixture` and `gmm.BayesianGaussianMixture` (scikit-learn's API) check
//! arguments, convert arrays to C-contiguous `float32`/`float64` and call these; arrays are
//! then read in place (no copy), the GIL is released while Rust works, and every
//! [`gmm::GmmError`] becomes a `ValueError` with the error's message.
//!
//! - `dtype` — the two precisions, and running generic code on either;
//! - `arrays` — numpy arrays in (in place, without the GIL) and out;
//! - `options` — the hyper-parameters both fits share, and verbose messages;
//! - `methods` — the Python methods both fitted classes share;
//! - `mixture`, `bayesian`, `statistics` — the three classes and the fits.
#![deny(missing_docs)]

mod arrays;
mod bayesian;
mod dtype;
mod methods;
mod mixture;
mod options;
mod statistics;

use pyo3::prelude::*;

/// The extension module `gmm._core`.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<mixture::Mixture>()?;
    m.add_class::<bayesian::BayesianMixture>()?;
    m.add_class::<statistics::Statistics>()?;
    m.add_function(wrap_pyfunction!(mixture::fit, m)?)?;
    m.add_function(wrap_pyfunction!(bayesian::fit_bayesian, m)?)?;
    Ok(())
}
