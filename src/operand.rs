//! What can be an einsum operand or output: plain slices, arrays, nested arrays, `Vec`s and views.

use alloc::vec::Vec;

use crate::{DynTensorRef, Scalar, StridedRef, Tensor, TensorMut, TensorRef};

/// Why a value cannot be read as a row-major tensor of the rank a term names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewError {
    /// The value has another rank.
    Rank {
        /// The rank it actually has.
        found: usize,
    },
    /// Its elements are not in row-major order (an ndarray view with other strides), so it
    /// cannot be read in place as one: [`Operand::strided`] gives them at their own strides,
    /// or [`Operand::row_major_copy`] in that order.
    NotRowMajor,
}

/// A value `einsum!` can read as a row-major tensor of rank `R`.
///
/// | type | rank | shape |
/// | --- | --- | --- |
/// | `[T]`, `[T; N]`, `Vec<T>` | 1 | `[len]` |
/// | `[[T; M]]`, `[[T; M]; N]`, `Vec<[T; M]>` | 2 | `[len, M]` |
/// | `[[[T; K]; M]]`, `[[[T; K]; M]; N]`, `Vec<[[T; K]; M]>` | 3 | `[len, M, K]` |
/// | [`Tensor<T, R>`], [`TensorRef<T, R>`], [`TensorMut<T, R>`] | `R` | its shape |
/// | [`DynTensor<T>`](crate::DynTensor), [`DynTensorRef<T>`] | any, checked at run time | its shape |
///
/// Extents that come from array types are constants once the generated code is inlined, so
/// the loops over them are unrolled and their checks vanish.
///
/// ```
/// use einsum::Operand;
/// let points: &[[f64; 2]] = &[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
/// let view = Operand::<2>::view(points).unwrap();
/// assert_eq!(view.shape(), [3, 2]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read as a rank-{R} einsum operand",
    label = "its subscript term names {R} axes",
    note = "einsum operands are slices, arrays, nested arrays and Vecs of a `Scalar` type, \
            `Tensor`, `TensorRef`, `DynTensor` or `DynTensorRef`; an array's rank is its \
            nesting depth"
)]
pub trait Operand<const R: usize> {
    /// The element type.
    type Elem: Scalar;
    /// The data as a row-major view, or why it cannot be read as one.
    fn view(&self) -> Result<TensorRef<'_, Self::Elem, R>, ViewError>;

    /// For a value whose elements are not in row-major order (so that [`view`](Operand::view)
    /// fails with [`ViewError::NotRowMajor`]), its elements at their own non-negative strides:
    /// a matrix-product step hands those to the GEMM with no copy, and the loops read a
    /// row-major copy made from them. `None` (the default) for a value `view` reads in place,
    /// or one whose layout has no such strides (negative ones).
    ///
    /// ```
    /// use einsum::{Operand, StridedRef, TensorRef, ViewError};
    /// /// A column-major matrix.
    /// struct ColumnMajor { data: Vec<f64>, rows: usize, cols: usize }
    /// impl Operand<2> for ColumnMajor {
    ///     type Elem = f64;
    ///     fn view(&self) -> Result<TensorRef<'_, f64, 2>, ViewError> {
    ///         Err(ViewError::NotRowMajor)
    ///     }
    ///     fn strided(&self) -> Option<StridedRef<'_, f64, 2>> {
    ///         StridedRef::new(&self.data, [self.rows, self.cols], [1, self.rows])
    ///     }
    /// }
    /// let a = ColumnMajor { data: vec![1.0, 3.0, 2.0, 4.0], rows: 2, cols: 2 };
    /// let x = [1.0, 1.0];
    /// assert_eq!(einsum::einsum!("ij,j->i", a, x).as_slice(), &[3.0, 7.0]);
    /// ```
    #[inline(always)]
    fn strided(&self) -> Option<StridedRef<'_, Self::Elem, R>> {
        None
    }

    /// A row-major copy, for a value whose elements are neither in row-major order nor at
    /// non-negative strides, which [`view`](Operand::view) and [`strided`](Operand::strided)
    /// therefore cannot read; `None` (the default) when one of them reads it. `einsum!` asks
    /// for it last, so any layout can be an operand.
    #[inline(always)]
    fn row_major_copy(&self) -> Option<Tensor<Self::Elem, R>> {
        None
    }
}

/// A value `einsum!` can write as a row-major tensor of rank `R`: an output buffer.
///
/// Implemented for the same types as [`Operand`] except the read-only views. A buffer's shape
/// must already match the result: `einsum!` never resizes or allocates it.
///
/// ```
/// use einsum::einsum;
/// let x = [[1.0, 2.0], [3.0, 4.0]];
/// let mut scatter = [[0.0; 2]; 2];
/// einsum!(scatter = "ni,nj->ij", x, x);
/// assert_eq!(scatter, [[10.0, 14.0], [14.0, 20.0]]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written as a rank-{R} einsum output",
    label = "the output term names {R} axes",
    note = "einsum outputs are mutable slices, arrays, nested arrays and Vecs of a `Scalar` \
            type, `Tensor` or `TensorMut`"
)]
pub trait OperandMut<const R: usize> {
    /// The element type.
    type Elem: Scalar;
    /// The data as a mutable row-major view, or why it cannot be written as one.
    fn view_mut(&mut self) -> Result<TensorMut<'_, Self::Elem, R>, ViewError>;
}

/// Where `einsum!` writes a scalar output (a term with no axes): a plain scalar place, or a
/// rank-0 [`Tensor`] or [`TensorMut`].
///
/// ```
/// use einsum::{einsum, Tensor};
/// let x = [1.0, 2.0, 3.0];
/// let mut dot = 0.0;
/// einsum!(dot += "i,i->", x, x);
/// let mut also = Tensor::from_vec(vec![1.0], []).unwrap();
/// einsum!(also += "i,i->", x, x);
/// assert_eq!((dot, also.as_slice()), (14.0, &[15.0][..]));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold a scalar einsum output",
    label = "the output term names no axes",
    note = "a scalar output is written into a plain `Scalar` place (`let mut s = 0.0`) or a \
            rank-0 `Tensor` or `TensorMut`"
)]
pub trait ScalarOutput {
    /// The element type.
    type Elem: Scalar;
    /// The one element to write.
    fn einsum_scalar_slot(&mut self) -> &mut Self::Elem;
}

impl<T: Scalar> ScalarOutput for T {
    type Elem = T;
    #[inline(always)]
    fn einsum_scalar_slot(&mut self) -> &mut T {
        self
    }
}

impl<T: Scalar> ScalarOutput for Tensor<T, 0> {
    type Elem = T;
    #[inline(always)]
    fn einsum_scalar_slot(&mut self) -> &mut T {
        // a rank-0 shape has one element: the product of no extents
        &mut self.as_mut_slice()[0]
    }
}

impl<T: Scalar> ScalarOutput for TensorMut<'_, T, 0> {
    type Elem = T;
    #[inline(always)]
    fn einsum_scalar_slot(&mut self) -> &mut T {
        &mut self.data()[0]
    }
}

impl<const R: usize, O: Operand<R> + ?Sized> Operand<R> for &O {
    type Elem = O::Elem;
    #[inline(always)]
    fn view(&self) -> Result<TensorRef<'_, Self::Elem, R>, ViewError> {
        (**self).view()
    }
    #[inline(always)]
    fn strided(&self) -> Option<StridedRef<'_, Self::Elem, R>> {
        (**self).strided()
    }
    #[inline(always)]
    fn row_major_copy(&self) -> Option<Tensor<Self::Elem, R>> {
        (**self).row_major_copy()
    }
}

impl<const R: usize, O: Operand<R> + ?Sized> Operand<R> for &mut O {
    type Elem = O::Elem;
    #[inline(always)]
    fn view(&self) -> Result<TensorRef<'_, Self::Elem, R>, ViewError> {
        (**self).view()
    }
    #[inline(always)]
    fn strided(&self) -> Option<StridedRef<'_, Self::Elem, R>> {
        (**self).strided()
    }
    #[inline(always)]
    fn row_major_copy(&self) -> Option<Tensor<Self::Elem, R>> {
        (**self).row_major_copy()
    }
}

impl<const R: usize, O: OperandMut<R> + ?Sized> OperandMut<R> for &mut O {
    type Elem = O::Elem;
    #[inline(always)]
    fn view_mut(&mut self) -> Result<TensorMut<'_, Self::Elem, R>, ViewError> {
        (**self).view_mut()
    }
}

/// Implements `Operand` and `OperandMut` for a type whose flat data and shape follow from its
/// type: `$flat` turns `self` (a reference) into a flat slice, `$shape` gives the extents.
macro_rules! impl_plain {
    ($rank:literal, [$($generics:tt)*], $ty:ty, |$s:ident| $flat:expr, $flat_mut:expr, $shape:expr) => {
        impl<T: Scalar, $($generics)*> Operand<$rank> for $ty {
            type Elem = T;
            #[inline(always)]
            fn view(&self) -> Result<TensorRef<'_, T, $rank>, ViewError> {
                let $s = self;
                Ok(TensorRef::from_parts($flat, $shape))
            }
        }
        impl<T: Scalar, $($generics)*> OperandMut<$rank> for $ty {
            type Elem = T;
            #[inline(always)]
            fn view_mut(&mut self) -> Result<TensorMut<'_, T, $rank>, ViewError> {
                #[allow(unused_variables)] // array extents come from the type
                let shape = { let $s = &*self; $shape };
                let $s = self;
                Ok(TensorMut::from_parts($flat_mut, shape))
            }
        }
    };
}

impl_plain!(1, [], [T], |s| s, s, [s.len()]);
impl_plain!(1, [const N: usize], [T; N], |s| s, s, [N]);
impl_plain!(1, [], Vec<T>, |s| s, s, [s.len()]);
impl_plain!(2, [const M: usize], [[T; M]], |s| s.as_flattened(), s.as_flattened_mut(), [s.len(), M]);
impl_plain!(2, [const M: usize, const N: usize], [[T; M]; N],
    |s| s.as_flattened(), s.as_flattened_mut(), [N, M]);
impl_plain!(2, [const M: usize], Vec<[T; M]>,
    |s| s.as_flattened(), s.as_flattened_mut(), [s.len(), M]);
impl_plain!(3, [const K: usize, const M: usize], [[[T; K]; M]],
    |s| s.as_flattened().as_flattened(), s.as_flattened_mut().as_flattened_mut(), [s.len(), M, K]);
impl_plain!(3, [const K: usize, const M: usize, const N: usize], [[[T; K]; M]; N],
    |s| s.as_flattened().as_flattened(), s.as_flattened_mut().as_flattened_mut(), [N, M, K]);
impl_plain!(3, [const K: usize, const M: usize], Vec<[[T; K]; M]>,
    |s| s.as_flattened().as_flattened(), s.as_flattened_mut().as_flattened_mut(), [s.len(), M, K]);

impl<T: Scalar, const R: usize> Operand<R> for Tensor<T, R> {
    type Elem = T;
    #[inline(always)]
    fn view(&self) -> Result<TensorRef<'_, T, R>, ViewError> {
        Ok(Tensor::view(self))
    }
}

impl<T: Scalar, const R: usize> OperandMut<R> for Tensor<T, R> {
    type Elem = T;
    #[inline(always)]
    fn view_mut(&mut self) -> Result<TensorMut<'_, T, R>, ViewError> {
        let shape = self.shape();
        Ok(TensorMut::from_parts(self.as_mut_slice(), shape))
    }
}

impl<T: Scalar, const R: usize> Operand<R> for TensorRef<'_, T, R> {
    type Elem = T;
    #[inline(always)]
    fn view(&self) -> Result<TensorRef<'_, T, R>, ViewError> {
        Ok(*self)
    }
}

impl<T: Scalar, const R: usize> Operand<R> for TensorMut<'_, T, R> {
    type Elem = T;
    #[inline(always)]
    fn view(&self) -> Result<TensorRef<'_, T, R>, ViewError> {
        Ok(TensorRef::from_parts(self.data_ref(), self.shape()))
    }
}

impl<T: Scalar, const R: usize> OperandMut<R> for TensorMut<'_, T, R> {
    type Elem = T;
    #[inline(always)]
    fn view_mut(&mut self) -> Result<TensorMut<'_, T, R>, ViewError> {
        Ok(self.reborrow())
    }
}

impl<T: Scalar, const R: usize> Operand<R> for DynTensorRef<'_, T> {
    type Elem = T;
    #[inline]
    fn view(&self) -> Result<TensorRef<'_, T, R>, ViewError> {
        let shape: [usize; R] = self.shape().try_into().map_err(|_| ViewError::Rank {
            found: self.shape().len(),
        })?;
        Ok(TensorRef::from_parts(self.data(), shape))
    }
}
