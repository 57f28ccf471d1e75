//! The initialisation: the initial parameters given by the caller, checked once ([`Given`]),
//! and each run's initial parameters: estimated from initial responsibilities ([`InitMethod`])
//! by the M-step, then replaced by the given ones.

use core::ops::Range;

use einsum::{TensorRef, einsum};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::buffers::Scratch;
use crate::data::Weights;
use crate::em::Em;
use crate::kmeans::{kmeans, kmeans_plusplus, uniform};
use crate::parameters::Parameters;
use crate::{CovarianceType, Float, GmmError};

/// How the initial responsibilities are chosen (scikit-learn's `init_params`).
///
/// Parameters given with [`GmmParams::weights_init`](crate::GmmParams::weights_init),
/// [`GmmParams::means_init`](crate::GmmParams::means_init) or
/// [`GmmParams::precisions_init`](crate::GmmParams::precisions_init) replace the ones estimated from these responsibilities.
///
/// ```
/// use gmm::{GaussianMixture, InitMethod};
/// let x: &[[f64; 1]] = &[[0.0], [0.1], [0.2], [5.0], [5.1], [5.3]];
/// let model = GaussianMixture::params(2)
///     .init_method(InitMethod::KMeansPlusPlus)
///     .seed(7)
///     .fit(x)
///     .unwrap();
/// assert!(model.converged());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InitMethod {
    /// Hard responsibilities from a (weighted) k-means clustering of the data.
    #[default]
    KMeans,
    /// One responsibility per component, on the k-means++ seeds.
    KMeansPlusPlus,
    /// Uniformly random responsibilities, normalised per sample.
    Random,
    /// One responsibility per component, on distinct rows chosen uniformly.
    RandomFromData,
}

/// Initial parameters given by the caller, checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Given<T> {
    /// The dimension they imply, when they imply one.
    d: Option<usize>,
    weights: Option<Vec<T>>,
    means: Option<Vec<T>>,
    /// Cholesky factors of the precisions, and the covariances.
    precisions: Option<(Vec<T>, Vec<T>)>,
}

impl<T: Float> Given<T> {
    /// Checks the initial weights, means (`k x d` rows, with their shape) and precisions (in
    /// the covariance type's layout) given for `k` components.
    pub(crate) fn check(
        covariance_type: CovarianceType,
        k: usize,
        weights: Option<&[T]>,
        means: Option<&(Vec<T>, [usize; 2])>,
        precisions: Option<&[T]>,
    ) -> Result<Self, GmmError> {
        let mut given = Given {
            d: None,
            weights: None,
            means: None,
            precisions: None,
        };
        if let Some(w) = weights {
            check_weights(w, k)?;
            given.weights = Some(w.to_vec());
        }
        if let Some((m, [rows, d])) = means {
            if *rows != k || *d == 0 || m.len() != k * d {
                return Err(GmmError::InitShape {
                    name: "means",
                    expected: k * d.max(&1),
                    found: m.len(),
                });
            }
            if m.iter().any(|v| !v.is_finite()) {
                return Err(GmmError::InitNonFiniteMeans);
            }
            given.d = Some(*d);
            given.means = Some(m.clone());
        }
        if let Some(p) = precisions {
            let table = covariance_type.kernels::<T>();
            let d = match given.d {
                Some(d) => d,
                None => {
                    infer_dimension(covariance_type, k, p.len()).ok_or(GmmError::InitShape {
                        name: "precisions",
                        expected: table.len(k, 1),
                        found: p.len(),
                    })?
                }
            };
            let expected = table.len(k, d);
            if p.len() != expected {
                return Err(GmmError::InitShape {
                    name: "precisions",
                    expected,
                    found: p.len(),
                });
            }
            let not_pd = |component| GmmError::InitNotPositiveDefinite { component };
            let mut pc = vec![T::ZERO; expected];
            (table.precision_cholesky_from_precisions)(p, k, d, &mut pc).map_err(not_pd)?;
            let mut cov = vec![T::ZERO; expected];
            (table.covariances_from_precisions)(p, k, d, &mut Scratch::default(), &mut cov)
                .map_err(not_pd)?;
            if covariance_type != CovarianceType::Spherical || given.d.is_some() {
                given.d = Some(d);
            }
            given.precisions = Some((pc, cov));
        }
        Ok(given)
    }

    /// The dimension the given parameters imply, when they imply one.
    pub(crate) fn dimension(&self) -> Option<usize> {
        self.d
    }
}

/// Initial parameters: estimated from the initial responsibilities, then replaced by the
/// given ones, as scikit-learn's `_initialize_parameters` and `_initialize`.
pub(crate) fn initial_parameters<T: Float>(
    em: &mut Em<'_, '_, T>,
    k: usize,
    method: InitMethod,
    given: &Given<T>,
    rng: &mut StdRng,
) -> Result<Parameters<T>, GmmError> {
    let samples = em.samples();
    let d = samples.d();
    if let (Some(weights), Some(means), Some((pc, cov))) =
        (&given.weights, &given.means, &given.precisions)
    {
        return Ok(Parameters {
            k,
            d,
            weights: weights.clone(),
            means: means.clone(),
            covariances: cov.clone(),
            precisions_cholesky: pc.clone(),
        });
    }
    let initial = InitialResponsibilities::draw(method, samples.x, samples.weights(), k, rng);
    let mut params = em.estimate(k, |rows, resp| initial.fill(rows, resp));
    if let Some(w) = &given.weights {
        params.weights.clone_from(w);
    }
    if let Some(m) = &given.means {
        params.means.clone_from(m);
    }
    match &given.precisions {
        Some((pc, cov)) => {
            params.precisions_cholesky.clone_from(pc);
            params.covariances.clone_from(cov);
        }
        None => em.precision_cholesky(&mut params)?,
    }
    Ok(params)
}

/// The initial responsibilities of one run, drawn by an [`InitMethod`] and written a range
/// of rows at a time ([`fill`](Self::fill)), so that no `n x k` array is ever built.
pub(crate) enum InitialResponsibilities {
    /// Each row's k-means cluster.
    Labels(Vec<u32>),
    /// One row per component, whose responsibility for it is 1.
    Seeds(Vec<usize>),
    /// Uniform draws normalised per row, each chunk's from its own generator, seeded by this
    /// base and the chunk's first row, so that no thread waits for another's draws.
    Uniform(u64),
}

impl InitialResponsibilities {
    /// The responsibilities `method` draws with `rng` for `k` components of the rows `x`
    /// (weights `w`), as scikit-learn's `_initialize_parameters`.
    pub(crate) fn draw<T: Float>(
        method: InitMethod,
        x: TensorRef<'_, T, 2>,
        w: Weights<'_, T>,
        k: usize,
        rng: &mut StdRng,
    ) -> Self {
        match method {
            InitMethod::KMeans => Self::Labels(kmeans(x, w, k, rng)),
            InitMethod::KMeansPlusPlus => Self::Seeds(kmeans_plusplus(x, w, k, rng)),
            InitMethod::Random => Self::Uniform(rng.random()),
            InitMethod::RandomFromData => {
                // The `j`-th chosen row among those of positive weight, in row order.
                let positive = w.positive();
                let mut chosen: Vec<(usize, usize)> = rand::seq::index::sample(rng, positive, k)
                    .into_iter()
                    .enumerate()
                    .map(|(c, j)| (j, c))
                    .collect();
                chosen.sort_unstable();
                let mut rows = Vec::with_capacity(k);
                let mut next = chosen.iter().peekable();
                let weighted = (0..w.len()).filter(|&i| w.get(i) > T::ZERO);
                for (j, i) in weighted.enumerate() {
                    while let Some(&(_, c)) = next.next_if(|&&(at, _)| at == j) {
                        rows.push((i, c));
                    }
                }
                rows.sort_unstable_by_key(|&(_, c)| c);
                Self::Seeds(rows.into_iter().map(|(i, _)| i).collect())
            }
        }
    }

    /// The responsibilities of the rows `rows` into the zeroed `resp` (`rows x k`).
    pub(crate) fn fill<T: Float>(&self, rows: Range<usize>, resp: &mut [T]) {
        let k = resp.len() / rows.len().max(1);
        match self {
            Self::Labels(labels) => {
                for (r, &label) in resp.chunks_exact_mut(k).zip(&labels[rows]) {
                    r[label as usize] = T::ONE;
                }
            }
            Self::Seeds(seeds) => {
                for (c, &row) in seeds.iter().enumerate() {
                    if rows.contains(&row) {
                        resp[(row - rows.start) * k + c] = T::ONE;
                    }
                }
            }
            Self::Uniform(base) => {
                let stream = (rows.start as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let mut chunk_rng = StdRng::seed_from_u64(base ^ stream);
                for r in resp.chunks_exact_mut(k) {
                    for v in r.iter_mut() {
                        *v = uniform(&mut chunk_rng);
                    }
                    let total: T = einsum!("k->", &*r);
                    for v in r.iter_mut() {
                        *v /= total;
                    }
                }
            }
        }
    }
}

/// The dimension implied by `len` precision values, for the types whose layout implies one.
fn infer_dimension(covariance_type: CovarianceType, k: usize, len: usize) -> Option<usize> {
    let square_root = |m: usize| {
        let d = (m as f64).sqrt().round() as usize;
        (d > 0 && d * d == m).then_some(d)
    };
    match covariance_type {
        CovarianceType::Full => len
            .is_multiple_of(k)
            .then(|| square_root(len / k))
            .flatten(),
        CovarianceType::Tied => square_root(len),
        CovarianceType::Diag => (len.is_multiple_of(k) && len > 0).then_some(len / k),
        CovarianceType::Spherical => Some(1),
    }
}

/// Checks initial mixing weights as scikit-learn's `_check_weights`.
pub(crate) fn check_weights<T: Float>(w: &[T], k: usize) -> Result<(), GmmError> {
    if w.len() != k {
        return Err(GmmError::InitShape {
            name: "weights",
            expected: k,
            found: w.len(),
        });
    }
    if w.iter().any(|&v| !v.is_finite_non_negative() || v > T::ONE) {
        return Err(GmmError::InitWeights {
            reason: "every weight must be in [0, 1]".into(),
        });
    }
    let sum: T = einsum!("k->", w);
    if (T::ONE - sum).abs() > T::EPSILON.sqrt() {
        return Err(GmmError::InitWeights {
            reason: format!("they sum to {sum}, not 1"),
        });
    }
    Ok(())
}
