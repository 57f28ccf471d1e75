//! Reading and checking the data and sample weights.

use std::borrow::Cow;

use einsum::{Operand, TensorRef, einsum};

use crate::{Float, GmmError};

/// Checked data: an `n x d` view with every value finite, `n ≥ 1`, `d ≥ 1`.
pub(crate) fn rows<X, T>(x: &X) -> Result<TensorRef<'_, T, 2>, GmmError>
where
    X: Operand<2, Elem = T> + ?Sized,
    T: Float,
{
    let view = shaped_rows(x)?;
    finite_rows(view, 0)?;
    Ok(view)
}

/// Data of the right shape, its values not yet read: an `n x d` view with `n ≥ 1`, `d ≥ 1`.
pub(crate) fn shaped_rows<X, T>(x: &X) -> Result<TensorRef<'_, T, 2>, GmmError>
where
    X: Operand<2, Elem = T> + ?Sized,
    T: Float,
{
    let place = einsum::Place::Operand {
        position: 0,
        text: "data",
    };
    let view = x.view().map_err(|error| {
        GmmError::Shape(match error {
            einsum::ViewError::Rank { found } => einsum::ShapeError::Rank {
                subscripts: "nd",
                place,
                expected: 2,
                found,
            },
            einsum::ViewError::NotRowMajor => einsum::ShapeError::NotRowMajor { place },
        })
    })?;
    let [n, d] = view.shape();
    if n == 0 {
        return Err(GmmError::EmptyData);
    }
    if d == 0 {
        return Err(GmmError::ZeroDimension);
    }
    Ok(view)
}

/// Checks that every value of the rows `x` is finite; the rows are counted from `first_row`
/// in the error.
pub(crate) fn finite_rows<T: Float>(
    x: TensorRef<'_, T, 2>,
    first_row: usize,
) -> Result<(), GmmError> {
    let d = x.shape()[1];
    match x.data().iter().position(|v| !v.is_finite()) {
        Some(i) => Err(GmmError::NonFiniteData {
            row: first_row + i / d,
            column: i % d,
        }),
        None => Ok(()),
    }
}

/// Checked data and sample weights (all ones when none are given), with their sum.
pub(crate) struct Samples<'a, T: Clone> {
    pub x: TensorRef<'a, T, 2>,
    pub w: Cow<'a, [T]>,
    pub total_weight: T,
}

impl<'a, T: Float> Samples<'a, T> {
    /// Checks the data and the weights.
    pub(crate) fn new<X>(x: &'a X, weights: Option<&'a [T]>) -> Result<Self, GmmError>
    where
        X: Operand<2, Elem = T> + ?Sized,
    {
        let x = rows(x)?;
        let [n, _] = x.shape();
        let w = match weights {
            None => Cow::Owned(vec![T::ONE; n]),
            Some(w) => {
                if w.len() != n {
                    return Err(GmmError::WeightCount {
                        expected: n,
                        found: w.len(),
                    });
                }
                if let Some(index) = w.iter().position(|v| !v.is_finite()) {
                    return Err(GmmError::NonFiniteWeight { index });
                }
                if let Some(index) = w.iter().position(|&v| v < T::ZERO) {
                    return Err(GmmError::NegativeWeight { index });
                }
                Cow::Borrowed(w)
            }
        };
        let total_weight: T = einsum!("n->", &*w);
        if !total_weight.is_finite_positive() {
            return Err(GmmError::WeightSum);
        }
        Ok(Samples { x, w, total_weight })
    }

    /// The same samples with every weight divided by the largest, for fitting. EM depends on
    /// the weights only relative to each other, but its sums do not: weights near 1e300 would
    /// overflow them and weights near 1e-300 would drown in the `10 ε` added to every
    /// component's weight, so all-equal weights of 1e-300 or 1e300 fit as weights of 1 do.
    pub(crate) fn with_largest_weight_one(self) -> Self {
        let largest = self
            .w
            .iter()
            .fold(T::ZERO, |m, &v| if v > m { v } else { m });
        if largest == T::ONE {
            return self;
        }
        let w: Vec<T> = self.w.iter().map(|&v| v / largest).collect();
        let total_weight: T = einsum!("n->", &w);
        Samples {
            x: self.x,
            w: Cow::Owned(w),
            total_weight,
        }
    }

    /// The number of rows.
    pub(crate) fn n(&self) -> usize {
        self.x.shape()[0]
    }

    /// The dimension of a row.
    pub(crate) fn d(&self) -> usize {
        self.x.shape()[1]
    }
}

/// Views a flat row-major slice as rows of `d` values: the data layout with the dimension
/// known only at run time (the same kernels run on it as on `&[[T; D]]`).
///
/// # Errors
/// [`GmmError::ZeroDimension`] for `d = 0`, [`GmmError::Shape`] when the length is not a
/// multiple of `d`.
///
/// ```
/// let flat = [0.0, 0.1, 0.2, 0.0, 5.0, 5.1, 5.2, 4.9];
/// let x = gmm::flat_rows(&flat, 2).unwrap();
/// assert_eq!(x.shape(), [4, 2]);
/// let model = gmm::GaussianMixture::params(2).fit(&x).unwrap();
/// assert_eq!(model.n_features(), 2);
/// assert!(gmm::flat_rows(&flat, 3).is_err());
/// ```
pub fn flat_rows<T>(data: &[T], d: usize) -> Result<TensorRef<'_, T, 2>, GmmError> {
    if d == 0 {
        return Err(GmmError::ZeroDimension);
    }
    Ok(TensorRef::new(data, [data.len() / d, d])?)
}
