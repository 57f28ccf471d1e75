//! The parameters of a mixture, in scikit-learn's layouts: what a fit produces, a model holds
//! and the E-step reads.

/// The parameters of a mixture of `k` components in `d` dimensions (scikit-learn's layouts).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parameters<T> {
    pub k: usize,
    pub d: usize,
    /// `k` mixing weights summing to 1.
    pub weights: Vec<T>,
    /// `k x d`.
    pub means: Vec<T>,
    /// In the covariance type's layout.
    pub covariances: Vec<T>,
    /// In the covariance type's layout.
    pub precisions_cholesky: Vec<T>,
}
