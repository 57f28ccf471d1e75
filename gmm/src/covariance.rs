//! The covariance types: the public [`CovarianceType`], and per type the table of its
//! kernels ([`KernelTable`]), selected once per fit or model. The one place the type is
//! matched on; the EM loop calls through the table and never branches on the type.

use crate::buffers::Scratch;
use crate::chunk::{
    ChunkKernel, GivenChunkKernel, MergeKernel, chunk_moments, given_chunk_moments,
};
use crate::estep::{Coefficients, PosteriorKernel, chunk_posterior};
use crate::kernels::{CovarianceKernels, Diag, Full, MomentSums, Spherical, Tied};
use crate::parameters::Parameters;
use crate::{Float, GmmError};

/// The form of the components' covariance matrices (scikit-learn's `covariance_type`).
///
/// ```
/// use gmm::{CovarianceType, GaussianMixture};
/// let x: &[[f64; 2]] = &[[0.0, 0.1], [0.2, -0.1], [5.0, 5.2], [5.1, 4.9], [4.8, 5.0]];
/// let model = GaussianMixture::params(2)
///     .covariance_type(CovarianceType::Diag)
///     .fit(x)
///     .unwrap();
/// assert_eq!(model.covariances().shape(), &[2, 2]); // k x d
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CovarianceType {
    /// Each component has its own general covariance matrix (`k x d x d`).
    #[default]
    Full,
    /// All components share one general covariance matrix (`d x d`).
    Tied,
    /// Each component has its own diagonal covariance matrix (`k x d`).
    Diag,
    /// Each component has its own single variance (`k`).
    Spherical,
}

impl CovarianceType {
    /// scikit-learn's name of the type: `"full"`, `"tied"`, `"diag"` or `"spherical"`.
    ///
    /// ```
    /// assert_eq!(gmm::CovarianceType::Tied.name(), "tied");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            CovarianceType::Full => "full",
            CovarianceType::Tied => "tied",
            CovarianceType::Diag => "diag",
            CovarianceType::Spherical => "spherical",
        }
    }
}

impl std::str::FromStr for CovarianceType {
    type Err = GmmError;

    /// Parses scikit-learn's name of a covariance type.
    ///
    /// ```
    /// let t: gmm::CovarianceType = "spherical".parse().unwrap();
    /// assert_eq!(t, gmm::CovarianceType::Spherical);
    /// assert!("diagonal".parse::<gmm::CovarianceType>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, GmmError> {
        match s {
            "full" => Ok(CovarianceType::Full),
            "tied" => Ok(CovarianceType::Tied),
            "diag" => Ok(CovarianceType::Diag),
            "spherical" => Ok(CovarianceType::Spherical),
            _ => Err(GmmError::InvalidParameter {
                name: "covariance_type",
                reason: format!("unknown covariance type {s:?}"),
            }),
        }
    }
}

/// A kernel from covariance-shaped values to covariance-shaped values that can fail at a
/// component.
type FallibleKernel<T> = fn(&[T], usize, usize, &mut Scratch<T>, &mut [T]) -> Result<(), usize>;
/// A scratch-free [`FallibleKernel`].
type FallibleMap<T> = fn(&[T], usize, usize, &mut [T]) -> Result<(), usize>;

/// The kernels of one covariance type as function pointers, selected once per fit or model.
pub(crate) struct KernelTable<T> {
    pub shape: fn(usize, usize) -> Vec<usize>,
    pub n_parameters: fn(usize, usize) -> usize,
    pub precision_cholesky: FallibleKernel<T>,
    pub precision_cholesky_from_precisions: FallibleMap<T>,
    pub covariances_from_precisions: FallibleKernel<T>,
    pub precisions_from_cholesky: fn(&[T], usize, usize, &mut [T]),
    pub covariance_matrix: fn(&[T], usize, usize, &mut [T]),
    pub coefficients: fn(&mut Coefficients<T>, &Parameters<T>, &mut Scratch<T>),
    pub posterior: PosteriorKernel<T>,
    pub em_chunk: ChunkKernel<T>,
    pub given_chunk: GivenChunkKernel<T>,
    pub merge_moments: MergeKernel<T>,
    pub covariances_from_moments: fn(&MomentSums<'_, T>, &mut Scratch<T>, &mut [T]),
    pub moments_len: fn(usize, usize) -> usize,
}

impl<T: Float> KernelTable<T> {
    /// The table of the kernels `K`.
    pub(crate) fn of<K: CovarianceKernels>() -> Self {
        KernelTable {
            shape: K::shape,
            n_parameters: K::n_parameters,
            precision_cholesky: K::precision_cholesky::<T>,
            precision_cholesky_from_precisions: K::precision_cholesky_from_precisions::<T>,
            covariances_from_precisions: K::covariances_from_precisions::<T>,
            precisions_from_cholesky: K::precisions_from_cholesky::<T>,
            covariance_matrix: K::covariance_matrix::<T>,
            coefficients: Coefficients::prepare::<K>,
            posterior: chunk_posterior::<K, T>,
            em_chunk: chunk_moments::<K, T>,
            given_chunk: given_chunk_moments::<K, T>,
            merge_moments: K::merge_moments::<T>,
            covariances_from_moments: K::covariances_from_moments::<T>,
            moments_len: K::moments_len,
        }
    }

    /// The number of values of the covariance parameters of `k` components in `d` dimensions.
    pub(crate) fn len(&self, k: usize, d: usize) -> usize {
        (self.shape)(k, d).iter().product()
    }
}

impl CovarianceType {
    /// The kernel table of this type: the one place the type is matched on.
    pub(crate) fn kernels<T: Float>(self) -> KernelTable<T> {
        match self {
            CovarianceType::Full => KernelTable::of::<Full>(),
            CovarianceType::Tied => KernelTable::of::<Tied>(),
            CovarianceType::Diag => KernelTable::of::<Diag>(),
            CovarianceType::Spherical => KernelTable::of::<Spherical>(),
        }
    }
}
