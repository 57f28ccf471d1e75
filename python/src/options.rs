//! What both fits take: scikit-learn's common hyper-parameters ([`Options`], applied to
//! either builder by [`common_params!`]), and its verbose messages ([`Verbose`]).

use std::time::Instant;

use einsum::TensorRef;
use gmm::{CovarianceType, Float, GmmError, InitMethod, Progress};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::arrays::{on_rows, value_error};
use crate::dtype::Dtype;

/// The hyper-parameters both mixtures share, under scikit-learn's names (the keyword
/// arguments of `_core.fit` and `_core.fit_bayesian`; `seed` is the Rust generator's).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub(crate) struct Options {
    pub n_components: usize,
    covariance_type: String,
    pub tol: f64,
    pub reg_covar: f64,
    pub max_iter: usize,
    pub n_init: usize,
    init_params: String,
    pub seed: u64,
    verbose: usize,
    verbose_interval: usize,
}

impl Options {
    pub(crate) fn covariance_type(&self) -> PyResult<CovarianceType> {
        self.covariance_type.parse().map_err(value_error)
    }

    pub(crate) fn init_method(&self) -> PyResult<InitMethod> {
        Ok(match self.init_params.as_str() {
            "kmeans" => InitMethod::KMeans,
            "k-means++" => InitMethod::KMeansPlusPlus,
            "random" => InitMethod::Random,
            "random_from_data" => InitMethod::RandomFromData,
            name => {
                return Err(PyValueError::new_err(format!(
                    "init_params must be 'kmeans', 'k-means++', 'random' or 'random_from_data', not {name:?}"
                )));
            }
        })
    }
}

/// `$params` (either library's builder) with the [`Options`] `$o` applied.
macro_rules! common_params {
    ($params:expr, $o:expr) => {
        $params
            .covariance_type($o.covariance_type()?)
            .tol(gmm::Float::from_f64($o.tol))
            .reg_covar(gmm::Float::from_f64($o.reg_covar))
            .max_iter($o.max_iter)
            .n_init($o.n_init)
            .init_method($o.init_method()?)
            .seed($o.seed)
    };
}

pub(crate) use common_params;

/// Runs `fit` on the rows of `x` (and weights) without the GIL, with a progress callback that
/// prints scikit-learn's verbose messages as `options` asks.
pub(crate) fn fit_rows<T: Dtype, M: Send>(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    sample_weight: Option<&Bound<'_, PyAny>>,
    options: &Options,
    fit: impl FnOnce(
        TensorRef<'_, T, 2>,
        Option<&[T]>,
        &mut dyn FnMut(Progress<T>),
    ) -> Result<M, GmmError>
    + Send,
) -> PyResult<M> {
    let mut verbose = Verbose::new(options.verbose, options.verbose_interval);
    let tol = options.tol;
    on_rows(py, x, sample_weight, |x, w| {
        fit(x, w, &mut |p| verbose.progress(p, tol))
    })
}

/// Prints scikit-learn's verbose messages through Python's `print` (taking the GIL back for
/// each line only).
struct Verbose {
    level: usize,
    interval: usize,
    run: Option<usize>,
    start: Instant,
    last: Instant,
}

impl Verbose {
    fn new(level: usize, interval: usize) -> Self {
        let now = Instant::now();
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
            self.start = Instant::now();
            self.last = self.start;
            self.run = Some(p.run);
            Self::print(format!("Initialization {}", p.run));
        }
        if p.iteration.is_multiple_of(self.interval) {
            let now = Instant::now();
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
