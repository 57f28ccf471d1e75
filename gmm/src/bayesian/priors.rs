//! The priors of the variational model: the weight-concentration prior type, and the priors
//! on the weights, means and precisions under scikit-learn's names, resolved against the data.

use einsum::einsum;

use crate::data::Samples;
use crate::linalg::cholesky_lower;
use crate::{CovarianceType, Float, GmmError, SufficientStatistics};

/// The prior on the mixing weights (scikit-learn's `weight_concentration_prior_type`).
///
/// ```
/// use gmm::WeightConcentrationPriorType;
/// let t: WeightConcentrationPriorType = "dirichlet_distribution".parse().unwrap();
/// assert_eq!(t, WeightConcentrationPriorType::DirichletDistribution);
/// assert_eq!(WeightConcentrationPriorType::default().name(), "dirichlet_process");
/// assert!("dirichlet".parse::<WeightConcentrationPriorType>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WeightConcentrationPriorType {
    /// A Dirichlet process in its stick-breaking form, truncated at `n_components`: each
    /// component takes a Beta-distributed share of what the earlier ones left, so surplus
    /// components empty out.
    #[default]
    DirichletProcess,
    /// A symmetric Dirichlet distribution over `n_components` weights.
    DirichletDistribution,
}

impl WeightConcentrationPriorType {
    /// scikit-learn's name: `"dirichlet_process"` or `"dirichlet_distribution"`.
    ///
    /// ```
    /// use gmm::WeightConcentrationPriorType as W;
    /// assert_eq!(W::DirichletDistribution.name(), "dirichlet_distribution");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            WeightConcentrationPriorType::DirichletProcess => "dirichlet_process",
            WeightConcentrationPriorType::DirichletDistribution => "dirichlet_distribution",
        }
    }
}

impl std::str::FromStr for WeightConcentrationPriorType {
    type Err = GmmError;

    /// Parses scikit-learn's name of a prior type.
    ///
    /// ```
    /// let t: gmm::WeightConcentrationPriorType = "dirichlet_process".parse().unwrap();
    /// assert_eq!(t.name(), "dirichlet_process");
    /// ```
    fn from_str(s: &str) -> Result<Self, GmmError> {
        match s {
            "dirichlet_process" => Ok(WeightConcentrationPriorType::DirichletProcess),
            "dirichlet_distribution" => Ok(WeightConcentrationPriorType::DirichletDistribution),
            _ => Err(GmmError::InvalidParameter {
                name: "weight_concentration_prior_type",
                reason: format!(
                    "unknown prior type {s:?}; expected \"dirichlet_process\" or \
                     \"dirichlet_distribution\""
                ),
            }),
        }
    }
}

/// The priors a fit used, every one resolved (scikit-learn's attributes ending in `_prior_`).
///
/// Those not given to the builder are scikit-learn's defaults for the data: `1/k`, `1`, the
/// (weighted) data mean, `d`, and the (weighted, `n − 1`-normalised) data covariance in the
/// covariance type's layout.
///
/// ```
/// use gmm::BayesianGaussianMixture;
/// let x: &[[f64; 1]] = &[[0.0], [1.0], [2.0], [10.0], [11.0], [12.0]];
/// let m = BayesianGaussianMixture::params(3).seed(0).fit(x).unwrap();
/// let p = m.priors();
/// assert!((p.weight_concentration_prior - 1.0 / 3.0).abs() < 1e-15);
/// assert_eq!(p.mean_prior, vec![6.0]);
/// assert_eq!(p.degrees_of_freedom_prior, 1.0);
/// assert!((p.covariance_prior[0] - 30.8).abs() < 1e-12); // the sample variance
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Priors<T> {
    /// The concentration of every component's prior weight (`γ`).
    pub weight_concentration_prior: T,
    /// The precision of the prior on the means (`β₀`).
    pub mean_precision_prior: T,
    /// The prior mean (`m₀`), `d` values.
    pub mean_prior: Vec<T>,
    /// The prior degrees of freedom of the Wishart precisions (`ν₀`).
    pub degrees_of_freedom_prior: T,
    /// The prior covariance (`W₀⁻¹`): `d x d` for full and tied, `d` for diag, one value for
    /// spherical.
    pub covariance_prior: Vec<T>,
}

/// The priors as given to the builder, each `None` when the default is wanted.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct GivenPriors<T> {
    pub weight_concentration_prior: Option<T>,
    pub mean_precision_prior: Option<T>,
    pub mean_prior: Option<Vec<T>>,
    pub degrees_of_freedom_prior: Option<T>,
    pub covariance_prior: Option<Vec<T>>,
}

fn invalid(name: &'static str, reason: String) -> GmmError {
    GmmError::InvalidParameter { name, reason }
}

impl<T: Float> GivenPriors<T> {
    /// Checks what can be checked without the data: positivity and finiteness.
    pub(crate) fn check(&self) -> Result<(), GmmError> {
        let positive = |name, value: Option<T>| match value {
            Some(v) if !v.is_finite_positive() => Err(invalid(
                name,
                format!("must be finite and greater than 0, got {v}"),
            )),
            _ => Ok(()),
        };
        positive(
            "weight_concentration_prior",
            self.weight_concentration_prior,
        )?;
        positive("mean_precision_prior", self.mean_precision_prior)?;
        positive("degrees_of_freedom_prior", self.degrees_of_freedom_prior)?;
        if let Some(m) = &self.mean_prior
            && m.iter().any(|v| !v.is_finite())
        {
            return Err(invalid("mean_prior", "must be finite".into()));
        }
        if let Some(c) = &self.covariance_prior
            && c.iter().any(|v| !v.is_finite())
        {
            return Err(invalid("covariance_prior", "must be finite".into()));
        }
        Ok(())
    }

    /// Every prior, the missing ones estimated from the data, all checked against its
    /// dimension (as scikit-learn's `_check_parameters`).
    pub(crate) fn resolve(
        &self,
        samples: &Samples<'_, T>,
        k: usize,
        covariance_type: CovarianceType,
    ) -> Result<Priors<T>, GmmError> {
        let d = samples.d();
        let priors = Priors {
            weight_concentration_prior: self
                .weight_concentration_prior
                .unwrap_or_else(|| T::ONE / T::from_usize(k)),
            mean_precision_prior: self.mean_precision_prior.unwrap_or(T::ONE),
            mean_prior: match &self.mean_prior {
                Some(m) => m.clone(),
                None => samples.weights().mean(samples.x),
            },
            degrees_of_freedom_prior: self.degrees_of_freedom_prior.unwrap_or(T::from_usize(d)),
            covariance_prior: match &self.covariance_prior {
                Some(c) => {
                    check_covariance_prior(c, d, covariance_type)?;
                    c.clone()
                }
                None => default_covariance_prior(samples, covariance_type)?,
            },
        };
        priors.check(d, covariance_type)?;
        Ok(priors)
    }
}

impl<T: Float> Priors<T> {
    /// Checks every prior against the data's dimension `d` and the covariance type; the
    /// covariance prior need only be symmetric and positive semi-definite on its diagonal, as
    /// its default (the data covariance, singular with fewer rows than columns) is.
    pub(crate) fn check(&self, d: usize, covariance_type: CovarianceType) -> Result<(), GmmError> {
        GivenPriors {
            weight_concentration_prior: Some(self.weight_concentration_prior),
            mean_precision_prior: Some(self.mean_precision_prior),
            mean_prior: None,
            degrees_of_freedom_prior: Some(self.degrees_of_freedom_prior),
            covariance_prior: None,
        }
        .check()?;
        if self.mean_prior.len() != d {
            return Err(invalid(
                "mean_prior",
                format!(
                    "has {} values but the data has {d} columns",
                    self.mean_prior.len()
                ),
            ));
        }
        if self.mean_prior.iter().any(|v| !v.is_finite()) {
            return Err(invalid("mean_prior", "must be finite".into()));
        }
        let nu = self.degrees_of_freedom_prior;
        if nu <= T::from_usize(d) - T::ONE {
            return Err(invalid(
                "degrees_of_freedom_prior",
                format!("must be greater than d - 1 = {}, got {nu}", d - 1),
            ));
        }
        check_covariance_layout(&self.covariance_prior, d, covariance_type)
    }
}

/// numpy's `cov(X.T)` (or `var(X, ddof=1)`) of the rows repeated by their weights, in the
/// covariance type's layout.
fn default_covariance_prior<T: Float>(
    samples: &Samples<'_, T>,
    covariance_type: CovarianceType,
) -> Result<Vec<T>, GmmError> {
    let d = samples.d();
    let degrees = samples.total_weight - T::ONE;
    if !degrees.is_finite_positive() {
        return Err(invalid(
            "covariance_prior",
            "its default, the data covariance, needs sample weights summing to more than 1".into(),
        ));
    }
    // One component responsible for every row: its scatter about the weighted mean, summed
    // chunk by chunk as EM's (no copy of the data).
    let stats = SufficientStatistics::from_responsibilities(covariance_type, samples, 1, |_, r| {
        r.fill(T::ONE)
    });
    let second = stats.second_moments();
    let mut out = match covariance_type {
        CovarianceType::Full | CovarianceType::Tied | CovarianceType::Diag => second.to_vec(),
        CovarianceType::Spherical => {
            let total: T = einsum!("i->", second);
            vec![total / T::from_usize(d)]
        }
    };
    for v in &mut out {
        *v /= degrees;
    }
    Ok(out)
}

/// A covariance prior as scikit-learn accepts one given: of the type's layout, symmetric
/// positive definite (full, tied) or positive (diag, spherical).
fn check_covariance_prior<T: Float>(
    c: &[T],
    d: usize,
    covariance_type: CovarianceType,
) -> Result<(), GmmError> {
    check_covariance_layout(c, d, covariance_type)?;
    let definite = match covariance_type {
        CovarianceType::Full | CovarianceType::Tied => {
            let mut l = vec![T::ZERO; d * d];
            cholesky_lower(c, d, &mut l)
        }
        CovarianceType::Diag | CovarianceType::Spherical => c.iter().all(|&v| v > T::ZERO),
    };
    if definite {
        Ok(())
    } else {
        Err(invalid(
            "covariance_prior",
            "must be symmetric and positive definite (positive for diag and spherical)".into(),
        ))
    }
}

/// A covariance prior of the type's layout, finite, symmetric (full, tied) and with no
/// negative variance.
fn check_covariance_layout<T: Float>(
    c: &[T],
    d: usize,
    covariance_type: CovarianceType,
) -> Result<(), GmmError> {
    let expected = match covariance_type {
        CovarianceType::Full | CovarianceType::Tied => d * d,
        CovarianceType::Diag => d,
        CovarianceType::Spherical => 1,
    };
    if c.len() != expected {
        return Err(invalid(
            "covariance_prior",
            format!(
                "has {} values; a {} covariance prior of {d} columns needs {expected}",
                c.len(),
                covariance_type.name()
            ),
        ));
    }
    let (rtol, atol) = (T::from_f64(1e-5), T::from_f64(1e-8));
    let valid = c.iter().all(|v| v.is_finite())
        && match covariance_type {
            CovarianceType::Full | CovarianceType::Tied => (0..d).all(|i| {
                c[i * d + i] >= T::ZERO
                    && (0..i).all(|j| {
                        (c[i * d + j] - c[j * d + i]).abs() <= atol + rtol * c[j * d + i].abs()
                    })
            }),
            CovarianceType::Diag | CovarianceType::Spherical => c.iter().all(|&v| v >= T::ZERO),
        };
    if valid {
        Ok(())
    } else {
        Err(invalid(
            "covariance_prior",
            "must be finite and symmetric, with no negative variance".into(),
        ))
    }
}
