//! Gaussian mixture models fitted by expectation–maximisation, reproducing scikit-learn's
//! `GaussianMixture` to 1e-6 relative, with every density and covariance kernel written with
//! [`einsum!`](einsum::einsum).
//!
//! ```
//! use gmm::{CovarianceType, GaussianMixture};
//! let x: &[[f64; 2]] = &[[0.1, 0.0], [-0.2, 0.3], [0.0, -0.1], [5.0, 5.2], [5.3, 4.9], [4.8, 5.1]];
//! let model = GaussianMixture::params(2)
//!     .covariance_type(CovarianceType::Diag)
//!     .seed(42)
//!     .fit(x)
//!     .unwrap();
//! let labels = model.predict(x).unwrap();
//! assert!(labels[..3].iter().all(|&l| l == labels[0]) && labels[3] != labels[0]);
//! println!("weights {:?}, BIC {}", model.weights(), model.bic(x).unwrap());
//! ```
//!
//! # What it does
//!
//! - Four covariance types ([`CovarianceType`]: full, tied, diag, spherical), each a set of
//!   small kernels (M-step covariance estimate, precision Cholesky factor, log-determinant,
//!   Mahalanobis distances) selected once per fit, never branched on inside the EM loop.
//! - scikit-learn's knobs and defaults through a builder ([`GaussianMixture::params`], checked
//!   once by [`GmmParams::check`]): `tol = 1e-3`, `reg_covar = 1e-6`, `max_iter = 100`,
//!   `n_init = 1`, k-means initialisation ([`InitMethod`]), or given weights, means and
//!   precisions; one seed for every random choice.
//! - Sample weights ([`GmmValidParams::fit_weighted`]): with integer weights the fit equals
//!   scikit-learn's on the rows repeated that many times.
//! - Warm start ([`GmmValidParams::warm_start`]) and a per-iteration callback
//!   ([`GmmValidParams::fit_with`]).
//! - Variational Bayesian mixtures ([`BayesianGaussianMixture`], scikit-learn's
//!   `BayesianGaussianMixture`): a Dirichlet-process or Dirichlet-distribution prior on the
//!   weights ([`WeightConcentrationPriorType`]) empties the components the data does not
//!   need, so `n_components` is an upper bound.
//! - Model selection ([`ModelSelection`]): every `k` of a range and every covariance type,
//!   fitted in parallel, scored by BIC, ICL and lower bound, the best kept.
//! - EM over data in pieces ([`SufficientStatistics`]): each piece's E-step sums, merged in
//!   a fixed order, and the M-step from their total (what the Python package runs over the
//!   chunks of a Dask array).
//! - Generic over `f32` and `f64` ([`Float`]); data as `&[[T; D]]` (dimension known at compile
//!   time) or a row-major flat slice viewed by [`flat_rows`] as an [`einsum::TensorRef`]
//!   (dimension at run time),
//!   both through the same kernels.
//!
//! # Numerics
//!
//! As scikit-learn: the E-step works in log space through the precision Cholesky factors
//! (`y = X P - μ P`, `ln p = -½(d ln 2π + Σ y²) + ln det P`) and a log-sum-exp; no covariance
//! is ever inverted or its determinant taken explicitly. The M-step adds `reg_covar` to every
//! covariance's diagonal; a covariance that is still not positive definite is an error
//! ([`GmmError::IllDefinedCovariance`]), never a NaN parameter.
//!
//! A fit gives the same model to the last bit on any number of threads: the data is cut
//! into fixed chunks of 512 rows whatever the threads, and their sums merged in chunk order.
//! A row's posteriors and scores are computed with the rows of its chunk, whose matrix
//! products are blocked together, so they can differ in the last bits between
//! `predict_proba(&x[i..i + 1])` and row `i` of `predict_proba(&x)`;
//! [`GaussianMixture::predict_proba_batches`] evaluates the data's own chunks and equals
//! `predict_proba` to the bit.
#![deny(missing_docs)]

// The modules, in the order a fit runs through them:
// - `builder`: scikit-learn's hyper-parameters, checked once; the fit entry points
// - `fit`: the `n_init` loop, keeping the best run (for both mixtures)
// - `init`: the given initial parameters checked; each run's initial parameters
// - `em`: one EM run: per iteration the fused chunk pass, then the M-step
// - `chunk`: the fused chunk pass: per chunk the E-step and the M-step's sums, merged in order
// - `estep`: the E-step, one code path for fit and predict
// - `mstep`: weights, means and covariances from the sums; the precision Cholesky factors
// - `covariance`: the covariance types and their kernel tables (the one match on the type)
// - `kernels`: each covariance type's kernels
// - `parameters`: a mixture's parameters in scikit-learn's layouts
// - `model`: the fitted mixture (predict, score, sample, criteria)
// - `predictor`: the model's E-step over data, on rayon's pool, whole or a batch at a time
// - `stats`: EM over data in pieces; `select`: model selection; `bayesian`: variational
//   Bayesian mixtures; `kmeans`: the k-means initialisations
// and below them: `layout` (chunks, `d = 2` planes), `buffers` (views, scratch), `float`
// (`Float`, the E-step's exp and ln), `isa` (per-instruction-set compilations), `linalg`,
// `data` (checked samples), `memory` (fallible sizes), `units`, `error`.
mod bayesian;
mod buffers;
mod builder;
mod chunk;
mod covariance;
mod data;
mod em;
mod error;
mod estep;
mod fit;
mod float;
mod init;
mod isa;
mod kernels;
mod kmeans;
mod layout;
mod linalg;
mod memory;
mod model;
mod mstep;
mod parameters;
mod predictor;
mod select;
mod stats;
mod units;

pub use bayesian::{
    BayesianGaussianMixture, BgmParams, BgmValidParams, Priors, WeightConcentrationPriorType,
};
pub use builder::{GmmParams, GmmValidParams};
pub use covariance::CovarianceType;
pub use data::flat_rows;
pub use error::GmmError;
pub use fit::Progress;
pub use float::{Float, exp_in_place};
pub use init::InitMethod;
pub use model::GaussianMixture;
pub use predictor::ProbaBatches;
pub use select::{Candidate, Criterion, ModelSelection, Scores, Selection};
pub use stats::SufficientStatistics;
