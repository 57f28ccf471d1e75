//! The fit loop: `n_init` runs of EM (one when warm-starting), each from its initial
//! parameters to convergence or `max_iter`, keeping the run with the best lower bound.

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

/// The outcome of one EM run.
struct Run<T> {
    params: Parameters<T>,
    converged: bool,
    n_iter: usize,
    lower_bound: T,
    history: Vec<T>,
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
    let positive = samples.w.iter().filter(|&&w| w > T::ZERO).count();
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
    let mut em = Em::new(&table, samples, p.reg_covar);
    let mut rng = StdRng::seed_from_u64(p.seed);
    let mut best: Option<Run<T>> = None;
    let runs = if warm.is_some() { 1 } else { p.n_init };
    for run in 0..runs {
        let mut params = match warm {
            Some(model) => model.parameters().clone(),
            None => initial_parameters(&mut em, k, p.init_method, given, &mut rng)?,
        };
        let mut lower_bound = warm.map_or(T::NEG_INFINITY, |m| m.lower_bound());
        let mut history = Vec::with_capacity(p.max_iter.min(10_000));
        let (mut converged, mut n_iter) = (false, 0);
        for iteration in 1..=p.max_iter {
            let previous = lower_bound;
            lower_bound = em.iterate(&mut params)?;
            history.push(lower_bound);
            n_iter = iteration;
            let change = lower_bound - previous;
            callback(Progress {
                run,
                iteration,
                lower_bound,
                change,
            });
            if change.abs() < p.tol {
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
                params,
                converged,
                n_iter,
                lower_bound,
                history,
            });
        }
    }
    let Some(run) = best else {
        unreachable!("n_init is at least 1")
    };
    Ok(GaussianMixture::from_fit(
        p.covariance_type,
        run.params,
        run.converged,
        run.n_iter,
        run.lower_bound,
        run.history,
    ))
}
