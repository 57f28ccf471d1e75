//! One variational iteration (E-step, M-step, lower bound) and the posterior a fit starts
//! from: both read the data only through the moments of responsibilities.

use einsum::einsum;
use rand::rngs::StdRng;

use crate::bayesian::WeightConcentrationPriorType;
use crate::bayesian::expectation::lower_bound;
use crate::bayesian::maximisation::{Moments, moments, moments_from_statistics, update};
use crate::bayesian::plug_in::PlugIn;
use crate::bayesian::priors::Priors;
use crate::bayesian::state::Posterior;
use crate::buffers::view;
use crate::data::Samples;
use crate::kmeans::{kmeans, kmeans_plusplus, uniform};
use crate::{CovarianceType, Float, GmmError, InitMethod, SufficientStatistics};

/// What every iteration of one fit shares.
pub(crate) struct Problem<'s, 'a, T: Clone> {
    pub samples: &'s Samples<'a, T>,
    pub priors: &'s Priors<T>,
    pub covariance_type: CovarianceType,
    pub prior_type: WeightConcentrationPriorType,
    pub k: usize,
    pub reg_covar: T,
}

impl<T: Float> Problem<'_, '_, T> {
    /// The posterior after one M-step from the responsibilities `resp` (`k x n`): scikit-learn's
    /// `_initialize(X, resp)`.
    pub(crate) fn posterior_from(&self, mut resp: Vec<T>) -> Result<Posterior<T>, GmmError> {
        let s = self.samples;
        let (n, k) = (s.n(), self.k);
        // w_n r_nk, in place.
        if s.w.iter().any(|&w| w != T::ONE) {
            for row in resp.chunks_exact_mut(n) {
                for (r, &w) in row.iter_mut().zip(s.w.iter()) {
                    *r *= w;
                }
            }
        }
        let m = moments(s.x, &s.w, &resp, k, self.covariance_type, self.reg_covar);
        self.posterior_of(&m)
    }

    /// The posterior after the conjugate updates from the moments `m`.
    fn posterior_of(&self, m: &Moments<T>) -> Result<Posterior<T>, GmmError> {
        let (d, k) = (self.samples.d(), self.k);
        let mut post = Posterior {
            covariance_type: self.covariance_type,
            prior_type: self.prior_type,
            k,
            d,
            weight_concentration: Vec::new(),
            mean_precision: Vec::new(),
            means: Vec::new(),
            degrees_of_freedom: Vec::new(),
            covariances: Vec::new(),
            precisions_cholesky: Vec::new(),
        };
        update(&mut post, self.priors, m)?;
        if [&post.means, &post.covariances, &post.weight_concentration]
            .iter()
            .any(|v| v.iter().any(|x| !x.is_finite()))
        {
            return Err(GmmError::NonFiniteParameters);
        }
        Ok(post)
    }

    /// One E-step and M-step; returns the new posterior and its lower bound. The E-step is
    /// EM's chunk kernel on the posterior's plug-in mixture, its statistics the M-step's
    /// moments.
    pub(crate) fn iterate(&self, post: &Posterior<T>) -> Result<(Posterior<T>, T), GmmError> {
        let s = self.samples;
        let plug = PlugIn::of(post)?;
        let stats = SufficientStatistics::from_chunk(&plug.mixture, &s.x, Some(&s.w))?;
        let r_ln_r = plug.r_ln_r(post, &stats);
        let m = moments_from_statistics(&stats, self.k, s.d(), self.reg_covar);
        let next = self.posterior_of(&m)?;
        let bound = lower_bound(&next, r_ln_r);
        Ok((next, bound))
    }

    /// Initial responsibilities (`k x n`) by `method`, as scikit-learn's
    /// `_initialize_parameters`.
    pub(crate) fn initial_responsibilities(&self, method: InitMethod, rng: &mut StdRng) -> Vec<T> {
        let s = self.samples;
        let (n, k) = (s.n(), self.k);
        let mut resp = vec![T::ZERO; k * n];
        match method {
            InitMethod::KMeans => {
                for (i, label) in kmeans(s.x, &s.w, k, rng).into_iter().enumerate() {
                    resp[label as usize * n + i] = T::ONE;
                }
            }
            InitMethod::KMeansPlusPlus => {
                for (c, i) in kmeans_plusplus(s.x, &s.w, k, rng).into_iter().enumerate() {
                    resp[c * n + i] = T::ONE;
                }
            }
            InitMethod::Random => {
                resp.iter_mut().for_each(|v| *v = uniform(rng));
                let mut sums = vec![T::ZERO; n];
                einsum!(sums = "kn->n", view(&resp, [k, n]));
                for row in resp.chunks_exact_mut(n) {
                    for (v, &total) in row.iter_mut().zip(&sums) {
                        *v /= total;
                    }
                }
            }
            InitMethod::RandomFromData => {
                let candidates: Vec<usize> = (0..n).filter(|&i| s.w[i] > T::ZERO).collect();
                let chosen = rand::seq::index::sample(rng, candidates.len(), k);
                for (c, j) in chosen.into_iter().enumerate() {
                    resp[c * n + candidates[j]] = T::ONE;
                }
            }
        }
        resp
    }
}
