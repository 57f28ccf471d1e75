//! Reading and checking the data and sample weights.

use core::ops::Range;
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

/// Sample weights: one per point, or none given, when every point weighs one and no vector
/// of ones is built (8 bytes a point in `f64`: 80 MB of a fit of 10^7 points).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Weights<'a, T> {
    /// `n` points, each of weight one.
    Ones(usize),
    /// One weight per point.
    Given(&'a [T]),
}

impl<'a, T: Float> Weights<'a, T> {
    /// The number of points.
    pub(crate) fn len(self) -> usize {
        match self {
            Weights::Ones(n) => n,
            Weights::Given(w) => w.len(),
        }
    }

    /// The weight of point `i`.
    #[inline(always)]
    pub(crate) fn get(self, i: usize) -> T {
        match self {
            Weights::Ones(_) => T::ONE,
            Weights::Given(w) => w[i],
        }
    }

    /// The weights of the points `rows`, at most [`ones`](Self::ones)' length of them, as a
    /// slice: the given ones, or the first of `ones` (multiplying by one is exact, so the
    /// kernels give the same bits as with a weight vector of ones, without one per point).
    #[inline(always)]
    pub(crate) fn of_rows<'b>(self, rows: Range<usize>, ones: &'b [T]) -> &'b [T]
    where
        'a: 'b,
    {
        match self {
            Weights::Ones(_) => &ones[..rows.len()],
            Weights::Given(w) => &w[rows],
        }
    }

    /// The buffer [`of_rows`](Self::of_rows) reads for ranges of at most `rows` points:
    /// `rows` ones when no weights were given, else empty.
    pub(crate) fn ones(self, rows: usize) -> Vec<T> {
        match self {
            Weights::Ones(_) => vec![T::ONE; rows],
            Weights::Given(_) => Vec::new(),
        }
    }

    /// How many points weigh more than zero.
    pub(crate) fn positive(self) -> usize {
        match self {
            Weights::Ones(n) => n,
            Weights::Given(w) => w.iter().filter(|&&v| v > T::ZERO).count(),
        }
    }

    /// The sum of the weights: the number of points for ones (which is what summing ones
    /// gives, exactly, below 2^53 points in `f64` and 2^24 in `f32`).
    pub(crate) fn total(self) -> T {
        match self {
            Weights::Ones(n) => T::from_usize(n),
            Weights::Given(w) => einsum!("n->", w),
        }
    }

    /// `Σ_n w_n x_n`, the weighted sum of the rows `x` (which it must fit).
    pub(crate) fn sum_rows(self, x: TensorRef<'_, T, 2>) -> Vec<T> {
        let mut sum = vec![T::ZERO; x.shape()[1]];
        match self {
            // The same additions in the same order as the weighted sum's of `1 · x`.
            Weights::Ones(_) => einsum!(sum = "ni->i", x),
            Weights::Given(w) => einsum!(sum = "n,ni->i", w, x),
        }
        sum
    }

    /// `Σ_n w_n v_n`.
    pub(crate) fn dot(self, v: &[T]) -> T {
        match self {
            Weights::Ones(_) => einsum!("n->", v),
            Weights::Given(w) => einsum!("n,n->", w, v),
        }
    }

    /// The weighted mean of the rows `x`.
    pub(crate) fn mean(self, x: TensorRef<'_, T, 2>) -> Vec<T> {
        let total = self.total();
        let mut mean = self.sum_rows(x);
        for v in &mut mean {
            *v /= total;
        }
        mean
    }
}

/// Checked data and sample weights, with their sum.
pub(crate) struct Samples<'a, T: Clone> {
    pub x: TensorRef<'a, T, 2>,
    /// One weight per point; `None` when every point weighs one.
    given: Option<Cow<'a, [T]>>,
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
        if let Some(w) = weights {
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
        }
        let mut samples = Samples {
            x,
            given: weights.map(Cow::Borrowed),
            total_weight: T::ZERO,
        };
        samples.total_weight = samples.weights().total();
        if !samples.total_weight.is_finite_positive() {
            return Err(GmmError::WeightSum);
        }
        Ok(samples)
    }

    /// The same samples with every weight divided by the largest, for fitting. EM depends on
    /// the weights only relative to each other, but its sums do not: weights near 1e300 would
    /// overflow them and weights near 1e-300 would drown in the `10 ε` added to every
    /// component's weight, so all-equal weights of 1e-300 or 1e300 fit as weights of 1 do.
    pub(crate) fn with_largest_weight_one(self) -> Self {
        let Some(given) = &self.given else {
            return self;
        };
        let largest = given
            .iter()
            .fold(T::ZERO, |m, &v| if v > m { v } else { m });
        if largest == T::ONE {
            return self;
        }
        let w: Vec<T> = given.iter().map(|&v| v / largest).collect();
        let total_weight: T = einsum!("n->", &w);
        Samples {
            x: self.x,
            given: Some(Cow::Owned(w)),
            total_weight,
        }
    }

    /// The weights.
    pub(crate) fn weights(&self) -> Weights<'_, T> {
        match &self.given {
            None => Weights::Ones(self.n()),
            Some(w) => Weights::Given(w),
        }
    }

    /// The weights given, if any.
    pub(crate) fn given_weights(&self) -> Option<&[T]> {
        self.given.as_deref()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Unit weights left out give the bits of a vector of ones: every sum adds the same
    /// values in the same order (the weighted sums multiply by one, which is exact), at a
    /// dimension of the loops and of the matrix-product tier's sizes.
    #[test]
    fn ones_sum_as_a_vector_of_ones() {
        for d in [1, 2, 3, 64, 100] {
            let n = 1001;
            let x: Vec<f64> = (0..n * d)
                .map(|i| ((i * 7919) % 1000) as f64 * 0.37 - 120.0 + 1e-3 / (1 + i) as f64)
                .collect();
            let x = TensorRef::new(&x, [n, d]).unwrap();
            let vector = vec![1.0_f64; n];
            let (ones, given) = (Weights::<f64>::Ones(n), Weights::Given(&vector));
            let bits = |v: Vec<f64>| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(ones.total().to_bits(), given.total().to_bits());
            assert_eq!(bits(ones.sum_rows(x)), bits(given.sum_rows(x)), "d = {d}");
            assert_eq!(bits(ones.mean(x)), bits(given.mean(x)), "d = {d}");
            let column = &x.data()[..n];
            assert_eq!(ones.dot(column).to_bits(), given.dot(column).to_bits());
            assert_eq!((ones.positive(), ones.len()), (n, n));
            assert_eq!(ones.of_rows(3..10, &ones.ones(512)), &vector[3..10]);
        }
    }
}
