//! EM's sufficient statistics as a public type, for running EM over data that is not in one
//! place: each worker computes the statistics of its chunk under the current model, the
//! statistics merge (in any fixed order), and the M-step turns their total into the next
//! model — the same kernels, in the same order within each chunk, as
//! [`GmmValidParams::fit`](crate::GmmValidParams::fit).

use core::ops::Range;

use einsum::Operand;

use crate::buffers::{Scratch, buffer};
use crate::chunk::Moments;
use crate::data::Samples;
use crate::em::Em;
use crate::mstep::{m_step, precision_cholesky};
use crate::parameters::Parameters;
use crate::{CovarianceType, Float, GaussianMixture, GmmError};

/// The sufficient statistics of EM over some weighted rows under a mixture's parameters: per
/// component the total responsibility weight `Σ r w`, the first moments `Σ r w x` and the
/// second moments, and the weighted log-likelihood `Σ w ln p(x)` with the total weight `Σ w`.
///
/// The second moments are the covariance type's: for full, each component's weighted scatter
/// about its own weighted mean, `Σ r w (x - x̄)(x - x̄)ᵀ` (`d x d x k`, component last); for
/// diag and spherical its diagonal (`d x k`); for tied, whose M-step needs only the total, the
/// sum of full's over the components, `Σ_c Σ r w (x - x̄_c)(x - x̄_c)ᵀ` (`d x d`). Merging adds
/// the parts with Chan, Golub and LeVeque's update of the scatters (no cancellation), which is
/// what one fit does between its chunks of 512 rows: statistics of consecutive chunks merged in order give the in-memory fit's
/// M-step to the last bit, and any other fixed merge order (a tree) to rounding.
///
/// ```
/// use gmm::{GaussianMixture, SufficientStatistics};
/// let x: &[[f64; 2]] = &[[0.0, 0.1], [0.3, -0.2], [-0.1, 0.4], [6.0, 6.1], [6.2, 5.8], [5.9, 6.3]];
/// let p = GaussianMixture::params(2).tol(0.0).max_iter(1).seed(3);
/// let start = p.clone().max_iter(0).fit(x).unwrap(); // the initial parameters
/// // One EM iteration over two chunks, merged, then the M-step...
/// let mut stats = SufficientStatistics::from_chunk(&start, &x[..4], None).unwrap();
/// stats.merge(&SufficientStatistics::from_chunk(&start, &x[4..], None).unwrap()).unwrap();
/// let next = stats.m_step(1e-6).unwrap();
/// // ... is the in-memory fit's iteration.
/// let fitted = p.check().unwrap().warm_start(&start, x, None).unwrap();
/// let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-12);
/// assert!(close(next.means().data(), fitted.means().data()));
/// assert!(close(next.covariances().data(), fitted.covariances().data()));
/// assert!((stats.lower_bound() - fitted.lower_bound()).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SufficientStatistics<T> {
    covariance_type: CovarianceType,
    k: usize,
    d: usize,
    moments: Moments<T>,
    total_weight: T,
}

impl<T: Float> SufficientStatistics<T> {
    /// The E-step over the rows of `x` (with a weight per row, or all ones) under `model`'s
    /// parameters. A chunk whose weights are all zero has all-zero statistics.
    ///
    /// # Errors
    /// Bad data or weights as [`GmmValidParams::fit_weighted`](crate::GmmValidParams::fit_weighted)
    /// (except a zero weight sum), [`GmmError::DimensionMismatch`], and
    /// [`GmmError::NonFiniteLikelihood`] (its row counted within `x`).
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [4.0], [4.4]];
    /// let m = GaussianMixture::params(2).fit(x).unwrap();
    /// let s = SufficientStatistics::from_chunk(&m, x, Some(&[1.0, 1.0, 2.0, 0.0])).unwrap();
    /// assert_eq!(s.total_weight(), 4.0);
    /// assert!((s.weights().iter().sum::<f64>() - 4.0).abs() < 1e-12);
    /// assert!(SufficientStatistics::from_chunk(&m, &[[0.0, 1.0]], None).is_err());
    /// ```
    pub fn from_chunk<X: Operand<2, Elem = T> + ?Sized>(
        model: &GaussianMixture<T>,
        x: &X,
        sample_weight: Option<&[T]>,
    ) -> Result<Self, GmmError> {
        let params = model.parameters();
        let (k, d) = (params.k, params.d);
        let covariance_type = model.covariance_type();
        let table = covariance_type.kernels::<T>();
        let samples = match Samples::new(x, sample_weight) {
            Err(GmmError::WeightSum)
                if sample_weight.is_some_and(|w| w.iter().all(|&v| v == T::ZERO)) =>
            {
                return Ok(SufficientStatistics {
                    covariance_type,
                    k,
                    d,
                    moments: Moments::zeros(k, d, (table.moments_len)(k, d)),
                    total_weight: T::ZERO,
                });
            }
            other => other?,
        };
        if samples.d() != d {
            return Err(GmmError::DimensionMismatch {
                expected: d,
                found: samples.d(),
            });
        }
        let mut em = Em::new(&table, &samples, T::ZERO);
        let moments = em.moments(params);
        if let Some(row) = moments.non_finite_row {
            return Err(GmmError::NonFiniteLikelihood { row });
        }
        Ok(SufficientStatistics {
            covariance_type,
            k,
            d,
            moments,
            total_weight: samples.total_weight,
        })
    }

    /// The M-step's statistics of `samples` under the initial responsibilities of `k`
    /// components that `fill` writes, a range of rows at a time, into a zeroed `rows x k`
    /// buffer (their log-likelihood is zero): a fit's initial M-step, chunk by chunk.
    pub(crate) fn from_responsibilities(
        covariance_type: CovarianceType,
        samples: &Samples<'_, T>,
        k: usize,
        fill: impl Fn(Range<usize>, &mut [T]) + Sync + Send,
    ) -> Self {
        let table = covariance_type.kernels::<T>();
        let moments = Em::new(&table, samples, T::ZERO).given_moments(k, fill);
        SufficientStatistics {
            covariance_type,
            k,
            d: samples.d(),
            moments,
            total_weight: samples.total_weight,
        }
    }

    /// Statistics from their parts (as read back from [`weights`](Self::weights),
    /// [`first_moments`](Self::first_moments), [`second_moments`](Self::second_moments),
    /// [`log_likelihood`](Self::log_likelihood) and [`total_weight`](Self::total_weight)),
    /// to send them between processes.
    ///
    /// # Errors
    /// [`GmmError::InitShape`] for parts of the wrong lengths, [`GmmError::InvalidParameter`]
    /// for `k` or `d` of 0.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 2]] = &[[0.0, 0.1], [0.3, -0.2], [5.0, 5.0], [5.2, 4.9]];
    /// let m = GaussianMixture::params(2).fit(x).unwrap();
    /// let s = SufficientStatistics::from_chunk(&m, x, None).unwrap();
    /// let back = SufficientStatistics::from_parts(
    ///     s.covariance_type(), 2, 2, s.weights().to_vec(), s.first_moments(),
    ///     s.second_moments().to_vec(), s.log_likelihood(), s.total_weight(),
    /// ).unwrap();
    /// assert_eq!(back, s);
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        covariance_type: CovarianceType,
        k: usize,
        d: usize,
        weights: Vec<T>,
        first_moments: Vec<T>,
        second_moments: Vec<T>,
        log_likelihood: T,
        total_weight: T,
    ) -> Result<Self, GmmError> {
        if k == 0 || d == 0 {
            return Err(GmmError::InvalidParameter {
                name: "n_components",
                reason: "statistics need at least one component and one dimension".into(),
            });
        }
        let second_len = (covariance_type.kernels::<T>().moments_len)(k, d);
        for (name, expected, found) in [
            ("weights", k, weights.len()),
            ("means", k * d, first_moments.len()),
            ("covariances", second_len, second_moments.len()),
        ] {
            if expected != found {
                return Err(GmmError::InitShape {
                    name,
                    expected,
                    found,
                });
            }
        }
        // `k x d` as given, `d x k` as the kernels keep it.
        let mut first = vec![T::ZERO; d * k];
        for c in 0..k {
            for i in 0..d {
                first[i * k + c] = first_moments[c * d + i];
            }
        }
        Ok(SufficientStatistics {
            covariance_type,
            k,
            d,
            moments: Moments {
                weight: weights,
                first,
                second: second_moments,
                log_likelihood,
                non_finite_row: None,
            },
            total_weight,
        })
    }

    /// Adds the statistics of other rows under the same parameters (the result does not
    /// depend on the rows' order beyond rounding; merge in a fixed order for reproducible bits).
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] when the two have different covariance types, numbers
    /// of components or dimensions.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [4.0], [4.4]];
    /// let m = GaussianMixture::params(2).fit(x).unwrap();
    /// let mut a = SufficientStatistics::from_chunk(&m, &x[..1], None).unwrap();
    /// a.merge(&SufficientStatistics::from_chunk(&m, &x[1..], None).unwrap()).unwrap();
    /// let all = SufficientStatistics::from_chunk(&m, x, None).unwrap();
    /// assert!((a.log_likelihood() - all.log_likelihood()).abs() < 1e-12);
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), GmmError> {
        if (self.covariance_type, self.k, self.d) != (other.covariance_type, other.k, other.d) {
            return Err(GmmError::InvalidParameter {
                name: "statistics",
                reason: "merged statistics of different mixtures".into(),
            });
        }
        let table = self.covariance_type.kernels::<T>();
        let (mut delta, mut factor) = (Vec::new(), Vec::new());
        let delta = buffer(&mut delta, self.d * self.k);
        let factor = buffer(&mut factor, self.k);
        self.moments
            .add(&other.moments, table.merge_moments, delta, factor);
        self.total_weight += other.total_weight;
        Ok(())
    }

    /// The M-step: the mixture whose weights, means and covariances (with `reg_covar` added to
    /// every variance) these statistics give, as one EM iteration of a fit. Its fit history
    /// is empty (see [`GaussianMixture::with_history`]).
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for a negative or non-finite `reg_covar` or statistics
    /// of no weight, [`GmmError::IllDefinedCovariance`] or
    /// [`GmmError::NonFiniteParameters`] for a degenerate result.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[0.0], [0.2], [4.0], [4.4]];
    /// let m = GaussianMixture::params(2).fit(x).unwrap();
    /// let next = SufficientStatistics::from_chunk(&m, x, None).unwrap().m_step(1e-6).unwrap();
    /// assert_eq!(next.n_components(), 2);
    /// ```
    pub fn m_step(&self, reg_covar: T) -> Result<GaussianMixture<T>, GmmError> {
        if !reg_covar.is_finite_non_negative() {
            return Err(GmmError::InvalidParameter {
                name: "reg_covar",
                reason: format!("must be finite and non-negative, not {reg_covar}"),
            });
        }
        if !self.total_weight.is_finite_positive() {
            return Err(GmmError::InvalidParameter {
                name: "statistics",
                reason: "the statistics have no weight".into(),
            });
        }
        let (k, d) = (self.k, self.d);
        let table = self.covariance_type.kernels::<T>();
        let mut params = Parameters {
            k,
            d,
            weights: vec![T::ZERO; k],
            means: vec![T::ZERO; k * d],
            covariances: vec![T::ZERO; table.len(k, d)],
            precisions_cholesky: Vec::new(),
        };
        let mut scratch = Scratch::default();
        m_step(
            &table,
            reg_covar,
            &mut params,
            &self.moments,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut scratch,
        );
        precision_cholesky(&table, &mut params, &mut scratch)?;
        Ok(GaussianMixture::from_fit(
            self.covariance_type,
            params,
            false,
            0,
            T::NEG_INFINITY,
            Vec::new(),
        ))
    }

    /// The covariance type of the mixture the statistics were computed under.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[0.0], [4.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// let s = SufficientStatistics::from_chunk(&m, x, None).unwrap();
    /// assert_eq!(s.covariance_type(), m.covariance_type());
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        self.covariance_type
    }

    /// Per component, the total responsibility weight `Σ r w` (`k`).
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[0.0], [4.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(SufficientStatistics::from_chunk(&m, x, None).unwrap().weights(), &[2.0]);
    /// ```
    pub fn weights(&self) -> &[T] {
        &self.moments.weight
    }

    /// Per component, the weighted first moments `Σ r w x` (`k x d`, row-major).
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[1.0], [4.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(SufficientStatistics::from_chunk(&m, x, None).unwrap().first_moments(), [5.0]);
    /// ```
    pub fn first_moments(&self) -> Vec<T> {
        let (k, d) = (self.k, self.d);
        let mut out = vec![T::ZERO; k * d];
        for c in 0..k {
            for i in 0..d {
                out[c * d + i] = self.moments.first[i * k + c];
            }
        }
        out
    }

    /// The second moments in the covariance type's layout (see the type's documentation).
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[1.0], [3.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// // the scatter about the mean 2
    /// assert_eq!(SufficientStatistics::from_chunk(&m, x, None).unwrap().second_moments(), &[2.0]);
    /// ```
    pub fn second_moments(&self) -> &[T] {
        &self.moments.second
    }

    /// The weighted log-likelihood `Σ w ln p(x)` of the rows under the parameters.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[1.0], [3.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// let s = SufficientStatistics::from_chunk(&m, x, None).unwrap();
    /// assert!((s.log_likelihood() - 2.0 * m.score(x).unwrap()).abs() < 1e-12);
    /// ```
    pub fn log_likelihood(&self) -> T {
        self.moments.log_likelihood
    }

    /// The total weight of the rows `Σ w`.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[1.0], [3.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// assert_eq!(SufficientStatistics::from_chunk(&m, x, Some(&[0.5, 2.0])).unwrap().total_weight(), 2.5);
    /// ```
    pub fn total_weight(&self) -> T {
        self.total_weight
    }

    /// The weighted mean log-likelihood: a fit's lower bound for this iteration.
    ///
    /// ```
    /// use gmm::{GaussianMixture, SufficientStatistics};
    /// let x: &[[f64; 1]] = &[[1.0], [3.0]];
    /// let m = GaussianMixture::params(1).fit(x).unwrap();
    /// let s = SufficientStatistics::from_chunk(&m, x, None).unwrap();
    /// assert!((s.lower_bound() - m.score(x).unwrap()).abs() < 1e-12);
    /// ```
    pub fn lower_bound(&self) -> T {
        self.moments.log_likelihood / self.total_weight
    }
}
