//! The fit loop: `n_init` runs (one when warm-starting), each from its initial state to
//! convergence or `max_iter`, keeping the run with the best lower bound ([`best_of_runs`]),
//! for EM ([`fit`]) and for the variational Bayesian mixture.

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::data::Samples;
use crate::em::Em;
use crate::init::{Given, initial_parameters};
use crate::parameters::Parameters;
use crate::{CovarianceType, Float, GaussianMixture, GmmError, InitMethod};

/// The progress of a fit, passed to the callback of [`GmmValidParams::fit_with`](crate::GmmValidParams::fit_with) after every
/// EM iteration.
///
/// ```
/// use gmm::GaussianMixture;
/// let x: &[[f64; 1]] = &[[0.0], [0.3], [1.0], [4.0], [4.2], [5.0]];
/// let mut seen = Vec::new();
/// let params = GaussianMixture::params(2).check().unwrap();
/// let model = params.fit_with(x, None, |p| seen.push((p.iteration, p.lower_bound))).unwrap();
/// assert_eq!(seen.len(), model.n_iter());
/// assert_eq!(seen.last().unwrap().1, model.lower_bound());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress<T> {
    /// Which of the `n_init` runs (from 0).
    pub run: usize,
    /// The iteration within the run (from 1).
    pub iteration: usize,
    /// The lower bound (mean log-likelihood) computed in this iteration's E-step.
    pub lower_bound: T,
    /// The lower bound's change since the previous iteration (infinite on the first).
    pub change: T,
}

/// The checked hyper-parameters the fit loop runs with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings<T> {
    pub n_components: usize,
    pub covariance_type: CovarianceType,
    pub tol: T,
    pub reg_covar: T,
    pub max_iter: usize,
    pub n_init: usize,
    pub init_method: InitMethod,
    pub seed: u64,
}

/// The outcome of one run of an iterative fit.
pub(crate) struct Run<S, T> {
    /// The state after the last iteration.
    pub state: S,
    /// Whether the lower bound changed by less than `tol` in the last iteration.
    pub converged: bool,
    /// The lower bound of the last iteration.
    pub lower_bound: T,
    /// The lower bound of every iteration.
    pub history: Vec<T>,
}

/// `runs` runs of an iterative fit (EM, or the variational Bayesian iteration), keeping the
/// one with the best final lower bound: the first of equals, and any run rather than one
/// whose bound is `-inf`. Each run starts from `start`'s state and lower bound (`-inf`, or a
/// warm-started model's), then takes `step`s (each returns the lower bound it computed) until
/// the bound changes by less than `tol` or `max_iter` steps; `callback` sees every step.
/// `context` is what `start` and `step` share.
pub(crate) fn best_of_runs<C, S, T: Float>(
    context: &mut C,
    runs: usize,
    max_iter: usize,
    tol: T,
    mut start: impl FnMut(&mut C) -> Result<(S, T), GmmError>,
    mut step: impl FnMut(&mut C, &mut S) -> Result<T, GmmError>,
    callback: &mut dyn FnMut(Progress<T>),
) -> Result<Run<S, T>, GmmError> {
    let mut best: Option<Run<S, T>> = None;
    for run in 0..runs {
        let (mut state, mut lower_bound) = start(context)?;
        let mut history = Vec::with_capacity(max_iter.min(10_000));
        let mut converged = false;
        for iteration in 1..=max_iter {
            let previous = lower_bound;
            lower_bound = step(context, &mut state)?;
            history.push(lower_bound);
            let change = lower_bound - previous;
            callback(Progress {
                run,
                iteration,
                lower_bound,
                change,
            });
            if change.abs() < tol {
                converged = true;
                break;
            }
        }
        let better = match &best {
            None => true,
            Some(b) => lower_bound > b.lower_bound || b.lower_bound == T::NEG_INFINITY,
        };
        if better {
            best = Some(Run {
                state,
                converged,
                lower_bound,
                history,
            });
        }
    }
    match best {
        Some(run) => Ok(run),
        None => unreachable!("there is at least one run"),
    }
}

/// Fits a mixture to `samples`: `n_init` runs of EM from initial parameters (the `given` ones
/// where there are), or one run continuing from `warm`, keeping the best lower bound.
pub(crate) fn fit<T: Float>(
    p: &Settings<T>,
    given: &Given<T>,
    samples: &Samples<'_, T>,
    warm: Option<&GaussianMixture<T>>,
    callback: &mut dyn FnMut(Progress<T>),
) -> Result<GaussianMixture<T>, GmmError> {
    let (n, d, k) = (samples.n(), samples.d(), p.n_components);
    crate::memory::check_fit::<T>(p.covariance_type, n, d, k)?;
    let positive = samples.weights().positive();
    if positive < k {
        return Err(GmmError::TooFewSamples {
            n_samples: positive,
            n_components: k,
        });
    }
    if let Some(expected) = given.dimension()
        && expected != d
    {
        return Err(GmmError::DimensionMismatch { expected, found: d });
    }
    debug_assert!(n >= positive);
    let table = p.covariance_type.kernels::<T>();
    let em = Em::new(&table, samples, p.reg_covar);
    let rng = StdRng::seed_from_u64(p.seed);
    let runs = if warm.is_some() { 1 } else { p.n_init };
    let start = |(em, rng): &mut (Em<'_, '_, T>, StdRng)| match warm {
        Some(model) => Ok((model.parameters().clone(), model.lower_bound())),
        None => Ok((
            initial_parameters(em, k, p.init_method, given, rng)?,
            T::NEG_INFINITY,
        )),
    };
    let step =
        |(em, _): &mut (Em<'_, '_, T>, StdRng), params: &mut Parameters<T>| em.iterate(params);
    let run = best_of_runs(
        &mut (em, rng),
        runs,
        p.max_iter,
        p.tol,
        start,
        step,
        callback,
    )?;
    Ok(GaussianMixture::from_fit(
        p.covariance_type,
        run.state,
        run.converged,
        run.history.len(),
        run.lower_bound,
        run.history,
    ))
}
