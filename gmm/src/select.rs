//! Choosing the number of components and the covariance type: fit every candidate of a grid
//! (in parallel on rayon's pool with the `rayon` feature), score each by BIC, ICL and lower
//! bound, keep the best (as R's mclust does with `Mclust(x, G = 1:9)`).

use std::ops::RangeInclusive;

use einsum::Operand;

use crate::data::Samples;
use crate::{CovarianceType, Float, GaussianMixture, GmmError, GmmParams};

/// What ranks the candidates: lower is better for both (scikit-learn's sign of BIC).
///
/// ```
/// let c: gmm::Criterion = "icl".parse().unwrap();
/// assert_eq!(c, gmm::Criterion::Icl);
/// assert_eq!(gmm::Criterion::Bic.name(), "bic");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Criterion {
    /// The Bayesian information criterion, `−2 ln L + p ln n` (scikit-learn's `bic`).
    #[default]
    Bic,
    /// The integrated completed likelihood, `BIC − 2 Σ_n ln max_c r_nc`: BIC plus twice the
    /// entropy of the hard assignments, which favours well-separated components (mclust's
    /// `icl`, with scikit-learn's sign).
    Icl,
}

impl Criterion {
    /// The criterion's name: `"bic"` or `"icl"`.
    ///
    /// ```
    /// assert_eq!(gmm::Criterion::Icl.name(), "icl");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Criterion::Bic => "bic",
            Criterion::Icl => "icl",
        }
    }
}

impl std::str::FromStr for Criterion {
    type Err = GmmError;

    /// Parses `"bic"` or `"icl"`.
    ///
    /// ```
    /// assert!("aic".parse::<gmm::Criterion>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, GmmError> {
        match s {
            "bic" => Ok(Criterion::Bic),
            "icl" => Ok(Criterion::Icl),
            _ => Err(GmmError::InvalidParameter {
                name: "criterion",
                reason: format!("unknown criterion {s:?}; expected \"bic\" or \"icl\""),
            }),
        }
    }
}

/// The scores of one fitted candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores<T> {
    /// The Bayesian information criterion of the data.
    pub bic: T,
    /// The integrated completed likelihood of the data.
    pub icl: T,
    /// The fit's lower bound (mean log-likelihood per sample, scikit-learn's `lower_bound_`).
    pub lower_bound: T,
    /// Whether the fit converged within `max_iter`.
    pub converged: bool,
    /// The number of EM iterations of the kept run.
    pub n_iter: usize,
}

/// One row of the selection table: a candidate and its scores, or why its fit failed (too
/// few samples for `k`, a collapsed component, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<T> {
    /// The number of components.
    pub n_components: usize,
    /// The covariance type.
    pub covariance_type: CovarianceType,
    /// The scores, or the fit's error.
    pub scores: Result<Scores<T>, GmmError>,
}

/// The grid of candidates and how each is fitted: build with [`ModelSelection::new`], then
/// [`fit`](ModelSelection::fit).
///
/// Every candidate is `GaussianMixture::params(k).covariance_type(t)` passed through the
/// [`configure`](ModelSelection::configure) closure (default: scikit-learn's defaults, seed
/// 0), so every candidate is seeded and the selection does not depend on the number of
/// threads.
///
/// ```
/// use gmm::{CovarianceType, Criterion, GaussianMixture, ModelSelection};
/// // 300 points drawn from three Gaussians in 2-d.
/// let truth = GaussianMixture::from_parameters(
///     CovarianceType::Spherical,
///     &[0.3, 0.3, 0.4],
///     &[[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]],
///     &[1.0, 1.0, 1.0],
/// )
/// .unwrap();
/// let (x, _) = truth.sample(300, 1).unwrap();
/// let selection = ModelSelection::new(1..=5)
///     .covariance_types(&[CovarianceType::Full, CovarianceType::Spherical])
///     .criterion(Criterion::Bic)
///     .configure(|p| p.n_init(2).seed(7))
///     .fit(&x)
///     .unwrap();
/// assert_eq!(selection.table().len(), 10);
/// assert_eq!(selection.best().n_components(), 3);
/// ```
pub struct ModelSelection<T> {
    components: RangeInclusive<usize>,
    covariance_types: Vec<CovarianceType>,
    criterion: Criterion,
    configure: Box<dyn Fn(GmmParams<T>) -> GmmParams<T> + Send + Sync>,
}

/// The outcome of a selection: the table of every candidate, and the best model.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection<T> {
    table: Vec<Candidate<T>>,
    best: usize,
    model: GaussianMixture<T>,
    criterion: Criterion,
}

impl<T: Float> ModelSelection<T> {
    /// Candidates of `components` components (e.g. `1..=20`), full covariances, ranked by
    /// BIC.
    ///
    /// ```
    /// let s = gmm::ModelSelection::<f64>::new(2..=4);
    /// assert_eq!(s.candidates().len(), 3);
    /// ```
    pub fn new(components: RangeInclusive<usize>) -> Self {
        ModelSelection {
            components,
            covariance_types: vec![CovarianceType::Full],
            criterion: Criterion::Bic,
            configure: Box::new(|p| p),
        }
    }

    /// The covariance types to try (default: full only).
    ///
    /// ```
    /// use gmm::{CovarianceType, ModelSelection};
    /// let s = ModelSelection::<f64>::new(1..=3)
    ///     .covariance_types(&[CovarianceType::Diag, CovarianceType::Tied]);
    /// assert_eq!(s.candidates().len(), 6);
    /// ```
    pub fn covariance_types(mut self, types: &[CovarianceType]) -> Self {
        self.covariance_types = types.to_vec();
        self
    }

    /// What ranks the candidates (default [`Criterion::Bic`]).
    ///
    /// ```
    /// let s = gmm::ModelSelection::<f64>::new(1..=3).criterion(gmm::Criterion::Icl);
    /// assert_eq!(s.candidates().len(), 3);
    /// ```
    pub fn criterion(mut self, criterion: Criterion) -> Self {
        self.criterion = criterion;
        self
    }

    /// Sets every other hyper-parameter of the candidates: the closure receives each
    /// candidate's builder (its `k` and covariance type already set) and returns it changed.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [0.1], [5.0], [5.2], [5.1]];
    /// let s = gmm::ModelSelection::new(1..=2)
    ///     .configure(|p| p.tol(0.0).max_iter(3))
    ///     .fit(x)
    ///     .unwrap();
    /// assert!(s.table().iter().all(|c| c.scores.as_ref().unwrap().n_iter == 3));
    /// ```
    pub fn configure<F>(mut self, configure: F) -> Self
    where
        F: Fn(GmmParams<T>) -> GmmParams<T> + Send + Sync + 'static,
    {
        self.configure = Box::new(configure);
        self
    }

    /// The `(k, covariance type)` pairs, in the table's order: by covariance type as given,
    /// then by `k`.
    ///
    /// ```
    /// use gmm::CovarianceType::{Diag, Full};
    /// let s = gmm::ModelSelection::<f64>::new(1..=2).covariance_types(&[Diag, Full]);
    /// assert_eq!(s.candidates(), vec![(1, Diag), (2, Diag), (1, Full), (2, Full)]);
    /// ```
    pub fn candidates(&self) -> Vec<(usize, CovarianceType)> {
        self.covariance_types
            .iter()
            .flat_map(|&t| self.components.clone().map(move |k| (k, t)))
            .collect()
    }

    /// Fits every candidate to the rows of `x` and keeps the best.
    ///
    /// # Errors
    /// [`GmmError::InvalidParameter`] for an empty grid or `k = 0`; bad data; the first
    /// candidate's error when no candidate could be fitted.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [5.0], [5.2]];
    /// assert!(gmm::ModelSelection::new(0..=2).fit(x).is_err());
    /// ```
    pub fn fit<X: Operand<2, Elem = T> + ?Sized>(&self, x: &X) -> Result<Selection<T>, GmmError> {
        self.run(&Samples::new(x, None)?)
    }

    /// Fits every candidate to the rows of `x`, row `n` counting `sample_weight[n]` times
    /// (the criteria count `n` as the sum of the weights), and keeps the best.
    ///
    /// # Errors
    /// As [`fit`](Self::fit), and bad weights.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [5.0], [5.2]];
    /// let s = gmm::ModelSelection::new(1..=2).fit_weighted(x, &[3.0, 3.0, 2.0, 2.0]).unwrap();
    /// assert_eq!(s.best().n_components(), 2);
    /// ```
    pub fn fit_weighted<X: Operand<2, Elem = T> + ?Sized>(
        &self,
        x: &X,
        sample_weight: &[T],
    ) -> Result<Selection<T>, GmmError> {
        self.run(&Samples::new(x, Some(sample_weight))?)
    }

    fn run(&self, samples: &Samples<'_, T>) -> Result<Selection<T>, GmmError> {
        let candidates = self.candidates();
        if candidates.is_empty() || *self.components.start() == 0 {
            return Err(GmmError::InvalidParameter {
                name: "n_components",
                reason: "the range of candidates must be non-empty and start at 1 or more".into(),
            });
        }
        let fitted = each(&candidates, |&(k, t)| self.fit_one(samples, k, t));
        let mut table = Vec::with_capacity(candidates.len());
        let mut best: Option<(usize, T, GaussianMixture<T>)> = None;
        for (i, (&(k, t), outcome)) in candidates.iter().zip(fitted).enumerate() {
            let scores = outcome.map(|(scores, model)| {
                let value = match self.criterion {
                    Criterion::Bic => scores.bic,
                    Criterion::Icl => scores.icl,
                };
                if best.as_ref().is_none_or(|(_, v, _)| value < *v) {
                    best = Some((i, value, model));
                }
                scores
            });
            table.push(Candidate {
                n_components: k,
                covariance_type: t,
                scores,
            });
        }
        match best {
            Some((best, _, model)) => Ok(Selection {
                table,
                best,
                model,
                criterion: self.criterion,
            }),
            None => Err(table
                .into_iter()
                .find_map(|c| c.scores.err())
                .unwrap_or(GmmError::EmptyData)),
        }
    }

    fn fit_one(
        &self,
        samples: &Samples<'_, T>,
        k: usize,
        t: CovarianceType,
    ) -> Result<(Scores<T>, GaussianMixture<T>), GmmError> {
        let params = (self.configure)(GaussianMixture::params(k).covariance_type(t)).check()?;
        let (model, bic) = match samples.given_weights() {
            None => {
                let model = params.fit(&samples.x)?;
                let bic = model.bic(&samples.x)?;
                (model, bic)
            }
            Some(w) => {
                let model = params.fit_weighted(&samples.x, w)?;
                let bic = model.bic_weighted(&samples.x, w)?;
                (model, bic)
            }
        };
        let icl = bic + T::from_f64(2.0) * assignment_entropy(&model, samples)?;
        Ok((
            Scores {
                bic,
                icl,
                lower_bound: model.lower_bound(),
                converged: model.converged(),
                n_iter: model.n_iter(),
            },
            model,
        ))
    }
}

/// Rows whose posteriors [`assignment_entropy`] holds at a time (`k` values each).
const PROBA_ROWS: usize = 4096;

/// `−Σ_n w_n ln max_c r_nc`: the entropy of the hard (MAP) assignments, as mclust's ICL uses.
/// The posteriors come [`PROBA_ROWS`] rows at a time: no `n x k` array.
fn assignment_entropy<T: Float>(
    model: &GaussianMixture<T>,
    samples: &Samples<'_, T>,
) -> Result<T, GmmError> {
    let k = model.n_components();
    let mut log_max = Vec::with_capacity(samples.n());
    for batch in model.predict_proba_batches(&samples.x, PROBA_ROWS)? {
        log_max.extend(batch?.as_slice().chunks_exact(k).map(|row| {
            let m = row.iter().fold(T::ZERO, |m, &v| if v > m { v } else { m });
            m.ln()
        }));
    }
    let total = samples.weights().dot(&log_max);
    Ok(-total)
}

/// `f` of every item, in order: on rayon's pool with the `rayon` feature.
#[cfg(feature = "rayon")]
fn each<I: Sync, R: Send>(items: &[I], f: impl Fn(&I) -> R + Sync) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(&f).collect()
}

/// `f` of every item, in order.
#[cfg(not(feature = "rayon"))]
fn each<I: Sync, R: Send>(items: &[I], f: impl Fn(&I) -> R + Sync) -> Vec<R> {
    items.iter().map(f).collect()
}

impl<T: Float> Selection<T> {
    /// Every candidate with its scores, by covariance type, then `k`.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [5.0], [5.2]];
    /// let s = gmm::ModelSelection::new(1..=3).fit(x).unwrap();
    /// assert_eq!(s.table()[2].n_components, 3);
    /// ```
    pub fn table(&self) -> &[Candidate<T>] {
        &self.table
    }

    /// The best candidate's row.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [0.1], [5.0], [5.2], [5.1]];
    /// let s = gmm::ModelSelection::new(1..=3).fit(x).unwrap();
    /// let best = s.best_candidate();
    /// let bics = s.table().iter().filter_map(|c| c.scores.as_ref().ok()).map(|s| s.bic);
    /// assert_eq!(best.scores.as_ref().unwrap().bic, bics.fold(f64::INFINITY, f64::min));
    /// ```
    pub fn best_candidate(&self) -> &Candidate<T> {
        &self.table[self.best]
    }

    /// The best model.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [0.1], [5.0], [5.2], [5.1]];
    /// let s = gmm::ModelSelection::new(1..=3).fit(x).unwrap();
    /// assert_eq!(s.best().n_components(), s.best_candidate().n_components);
    /// ```
    pub fn best(&self) -> &GaussianMixture<T> {
        &self.model
    }

    /// The best model, owned.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [0.1], [5.0], [5.2], [5.1]];
    /// let model = gmm::ModelSelection::new(1..=3).fit(x).unwrap().into_best();
    /// assert_eq!(model.n_features(), 1);
    /// ```
    pub fn into_best(self) -> GaussianMixture<T> {
        self.model
    }

    /// The criterion that ranked the candidates.
    ///
    /// ```
    /// let x: &[[f64; 1]] = &[[0.0], [0.3], [5.0], [5.2]];
    /// let s = gmm::ModelSelection::new(1..=2).fit(x).unwrap();
    /// assert_eq!(s.criterion(), gmm::Criterion::Bic);
    /// ```
    pub fn criterion(&self) -> Criterion {
        self.criterion
    }
}
