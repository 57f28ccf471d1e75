//! Variational Bayesian Gaussian mixtures: scikit-learn's `BayesianGaussianMixture`.
//!
//! The model puts conjugate priors on every parameter (a Dirichlet process or Dirichlet
//! distribution on the weights, a Gaussian on each mean, a Wishart on each precision) and
//! fits a factorised posterior by coordinate ascent on the evidence lower bound:
//!
//! - `builder` — the builder: hyper-parameters and priors under scikit-learn's names, and
//!   the runs (through the fit loop `GaussianMixture`'s builder runs, `crate::fit`);
//! - `priors` — the prior types, and the defaults each prior takes from the data;
//! - `iteration` — one E-step + M-step + bound, and the initial posterior;
//! - `expectation` — the expectations the E-step adds to a Gaussian density, the lower bound;
//! - `maximisation` — moments from EM's statistics (of the chunk pass under the plug-in
//!   mixture, or under the initial responsibilities) and the conjugate updates;
//! - `plug_in` — the E-step as a Gaussian mixture's: EM's chunk kernel for the fit,
//!   `GaussianMixture`'s predictions for the model, and the bound's `Σ r ln r` from the
//!   statistics;
//! - `special` — digamma, log-gamma, log-beta;
//! - `state` — the posterior's parameters;
//! - `model` — the fitted mixture and its predictions.

mod builder;
mod expectation;
mod iteration;
mod maximisation;
mod model;
mod plug_in;
mod priors;
mod special;
mod state;

pub use builder::{BgmParams, BgmValidParams};
pub use model::BayesianGaussianMixture;
pub use priors::{Priors, WeightConcentrationPriorType};
