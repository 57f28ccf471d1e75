//! The variational posterior: the parameters the fit updates and the mixture read from them.

use crate::bayesian::WeightConcentrationPriorType;
use crate::{CovarianceType, Float};

/// The variational distribution over the mixture's parameters, in scikit-learn's layouts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Posterior<T> {
    pub covariance_type: CovarianceType,
    pub prior_type: WeightConcentrationPriorType,
    pub k: usize,
    pub d: usize,
    /// Dirichlet process: the `k` Beta `α` then the `k` Beta `β`; Dirichlet distribution:
    /// the `k` concentrations.
    pub weight_concentration: Vec<T>,
    /// `β_k`, `k` values.
    pub mean_precision: Vec<T>,
    /// `k x d`.
    pub means: Vec<T>,
    /// `ν_k`: `k` values, one for tied (the components share one Wishart).
    pub degrees_of_freedom: Vec<T>,
    /// The Wishart scale inverses divided by `ν`, in the covariance type's layout.
    pub covariances: Vec<T>,
    /// The Cholesky factors of the inverses of `covariances`, in the same layout.
    pub precisions_cholesky: Vec<T>,
}

impl<T: Float> Posterior<T> {
    /// The expected mixing weights, normalised (scikit-learn's `weights_`): for the stick
    /// breaking, `E[v_c] Π_{j<c} E[1 − v_j]`.
    pub(crate) fn weights(&self) -> Vec<T> {
        let k = self.k;
        let mut weights = match self.prior_type {
            WeightConcentrationPriorType::DirichletProcess => {
                let (alpha, beta) = self.weight_concentration.split_at(k);
                let mut remaining = T::ONE;
                let mut w = Vec::with_capacity(k);
                for (&a, &b) in alpha.iter().zip(beta) {
                    let sum = a + b;
                    w.push(a / sum * remaining);
                    remaining *= b / sum;
                }
                w
            }
            WeightConcentrationPriorType::DirichletDistribution => {
                self.weight_concentration.clone()
            }
        };
        let total = weights.iter().fold(T::ZERO, |s, &v| s + v);
        for w in &mut weights {
            *w /= total;
        }
        weights
    }

    /// `ν` of component `c` (the shared one for tied).
    pub(crate) fn degrees_of_freedom_of(&self, c: usize) -> T {
        match self.covariance_type {
            CovarianceType::Tied => self.degrees_of_freedom[0],
            _ => self.degrees_of_freedom[c],
        }
    }

    /// The shape of the covariance-shaped parameters.
    pub(crate) fn covariance_shape(&self) -> Vec<usize> {
        let (k, d) = (self.k, self.d);
        match self.covariance_type {
            CovarianceType::Full => vec![k, d, d],
            CovarianceType::Tied => vec![d, d],
            CovarianceType::Diag => vec![k, d],
            CovarianceType::Spherical => vec![k],
        }
    }
}
