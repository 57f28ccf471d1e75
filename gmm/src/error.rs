//! The errors fitting, checking and using a mixture can report.

/// Everything that can go wrong: bad data, bad weights, bad parameters, a degenerate fit.
///
/// Fitting never panics on bad input and never returns a model with a NaN parameter: it
/// returns one of these instead. Not converging within `max_iter` is not an error (see
/// [`GaussianMixture::converged`](crate::GaussianMixture::converged)).
///
/// ```
/// use gmm::{GaussianMixture, GmmError};
/// let x: &[[f64; 2]] = &[[0.0, 1.0], [f64::NAN, 2.0]];
/// let err = GaussianMixture::params(1).fit(x).unwrap_err();
/// assert_eq!(err, GmmError::NonFiniteData { row: 1, column: 0 });
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GmmError {
    /// The data has no rows.
    #[error("the data has no rows")]
    EmptyData,
    /// The rows have no columns.
    #[error("the data has rows of dimension 0")]
    ZeroDimension,
    /// Fewer rows than mixture components.
    #[error("{n_samples} samples are fewer than the {n_components} components")]
    TooFewSamples {
        /// The number of rows of the data.
        n_samples: usize,
        /// The number of components asked for.
        n_components: usize,
    },
    /// A NaN or infinite value in the data.
    #[error("the data is not finite (NaN or inf) at row {row}, column {column}")]
    NonFiniteData {
        /// The row of the first bad value.
        row: usize,
        /// Its column.
        column: usize,
    },
    /// The data has another dimension than the model or the initial parameters.
    #[error("the data has {found} columns but the model has {expected}")]
    DimensionMismatch {
        /// The model's dimension.
        expected: usize,
        /// The data's.
        found: usize,
    },
    /// The data could not be read as a matrix of rows.
    #[error("the data is not a matrix of rows: {0}")]
    Shape(#[from] einsum::ShapeError),
    /// Not one sample weight per row.
    #[error("{found} sample weights were given for {expected} rows")]
    WeightCount {
        /// The number of rows.
        expected: usize,
        /// The number of weights.
        found: usize,
    },
    /// A NaN or infinite sample weight.
    #[error("sample weight {index} is not finite")]
    NonFiniteWeight {
        /// The index of the first bad weight.
        index: usize,
    },
    /// A negative sample weight.
    #[error("sample weight {index} is negative")]
    NegativeWeight {
        /// The index of the first bad weight.
        index: usize,
    },
    /// The sample weights sum to zero (or to infinity).
    #[error("the sample weights sum to zero or to a non-finite value")]
    WeightSum,
    /// A builder parameter out of its range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter's name, as its builder method.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// Given initial parameters with the wrong number of values.
    #[error("initial {name} have {found} values, expected {expected}")]
    InitShape {
        /// `"weights"`, `"means"`, `"precisions"` or `"covariances"`.
        name: &'static str,
        /// The number of values the model needs.
        expected: usize,
        /// The number given.
        found: usize,
    },
    /// Given initial weights that are not a probability vector.
    #[error("initial weights are invalid: {reason}")]
    InitWeights {
        /// What is wrong with them.
        reason: String,
    },
    /// A given initial precision that is not finite, symmetric and positive definite.
    #[error(
        "initial precision of component {component} is not finite, symmetric and positive definite"
    )]
    InitNotPositiveDefinite {
        /// The component (0 for a tied precision).
        component: usize,
    },
    /// A given covariance (of a saved model) that is not finite, symmetric and positive
    /// definite.
    #[error(
        "the covariance of component {component} is not finite, symmetric and positive definite"
    )]
    NotPositiveDefinite {
        /// The component (0 for a tied covariance).
        component: usize,
    },
    /// Initial means that are not finite.
    #[error("initial means are not finite")]
    InitNonFiniteMeans,
    /// A covariance estimate that is not positive definite even with `reg_covar` added.
    #[error(
        "fitting failed because component {component} has an ill-defined empirical covariance \
         (for instance caused by singleton or collapsed samples); try fewer components, a \
         larger reg_covar, or scaled input data"
    )]
    IllDefinedCovariance {
        /// The component whose Cholesky factorisation failed (0 for a tied covariance).
        component: usize,
    },
    /// A sample has zero likelihood under every component, or a computation overflowed.
    #[error(
        "a non-finite log-likelihood at sample {row}: the data is too far from every component"
    )]
    NonFiniteLikelihood {
        /// The first sample concerned.
        row: usize,
    },
    /// The model's parameters became non-finite (overflow).
    #[error("the fitted parameters are not finite (numerical overflow)")]
    NonFiniteParameters,
    /// A buffer sized by the input (the number of points, components or features) does not
    /// fit in memory; nothing was fitted or computed.
    ///
    /// ```
    /// use gmm::{GaussianMixture, GmmError};
    /// // 2 points of 5,000,000 features: one full covariance is 25 * 10^12 values.
    /// let x = vec![0.0f64; 2 * 5_000_000];
    /// let x = gmm::flat_rows(&x, 5_000_000).unwrap();
    /// let err = GaussianMixture::params(1).fit(&x).unwrap_err();
    /// assert!(matches!(err, GmmError::OutOfMemory { .. }));
    /// assert!(err.to_string().contains("use --covariance-type diag"));
    /// ```
    #[error("{what} needs {}: {avoid}", crate::units::ByteSize(*bytes))]
    OutOfMemory {
        /// What needed the memory.
        what: String,
        /// How many bytes it needed (saturated at `u128::MAX`).
        bytes: u128,
        /// What would avoid it.
        avoid: String,
    },
}
