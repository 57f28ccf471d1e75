//! One variational iteration (E-step, M-step, lower bound) and the posterior a fit starts
//! from: both read the data only through the moments of responsibilities.

use core::ops::Range;

use crate::bayesian::WeightConcentrationPriorType;
use crate::bayesian::expectation::lower_bound;
use crate::bayesian::maximisation::{Moments, moments_from_statistics, update};
use crate::bayesian::plug_in::PlugIn;
use crate::bayesian::priors::Priors;
use crate::bayesian::state::Posterior;
use crate::data::Samples;
use crate::{CovarianceType, Float, GmmError, SufficientStatistics};

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
    /// The posterior after one M-step from the initial responsibilities that `fill` writes,
    /// a range of rows at a time, into a zeroed `rows x k` buffer: scikit-learn's
    /// `_initialize(X, resp)`, chunk by chunk as the iterations' M-step.
    pub(crate) fn posterior_from(
        &self,
        fill: impl Fn(Range<usize>, &mut [T]) + Sync + Send,
    ) -> Result<Posterior<T>, GmmError> {
        let (s, k) = (self.samples, self.k);
        let stats = SufficientStatistics::from_responsibilities(self.covariance_type, s, k, fill);
        self.posterior_of(&moments_from_statistics(&stats, k, s.d(), self.reg_covar))
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
        let stats = SufficientStatistics::from_chunk(&plug.mixture, &s.x, s.given_weights())?;
        let r_ln_r = plug.r_ln_r(post, &stats);
        let m = moments_from_statistics(&stats, self.k, s.d(), self.reg_covar);
        let next = self.posterior_of(&m)?;
        let bound = lower_bound(&next, r_ln_r);
        Ok((next, bound))
    }
}
