//! ndarray arrays and views as operands and outputs (the `ndarray` feature).
//!
//! An array in standard (row-major, contiguous) layout is read and written in place. An
//! operand in another layout with non-negative strides — a transpose, permuted axes, a slice
//! with a step — is handed to the GEMM tier at its own strides ([`StridedRef`]), with no copy;
//! the loop tier reads a row-major copy of it, made when a loop nest reads it. An operand
//! with a negative stride (a reversed axis), and every operand of a term with `...`, is read
//! through a row-major copy made before the loops. An output buffer must be row-major, since
//! `einsum!` never writes through a copy behind the caller's back.

use alloc::vec::Vec;

use ndarray::{ArrayBase, Data, DataMut, Dim, Dimension, IxDyn};

use crate::dynamic::{DynView, DynViewMut};
use crate::{
    DynOperand, DynOperandMut, DynTensor, Operand, OperandMut, Scalar, Shape, StridedRef, Tensor,
    TensorMut, TensorRef, ViewError,
};

/// The shape as an array of the rank a term names, or the rank it has.
fn static_shape<const R: usize>(shape: &[usize]) -> Result<[usize; R], ViewError> {
    shape
        .try_into()
        .map_err(|_| ViewError::Rank { found: shape.len() })
}

fn dyn_shape(shape: &[usize]) -> Result<Shape, ViewError> {
    Shape::new(shape).ok_or(ViewError::Rank { found: shape.len() })
}

/// The elements in logical row-major order, if the layout is not that already.
fn copy_if_not_row_major<A: Scalar, S: Data<Elem = A>, D: Dimension>(
    array: &ArrayBase<S, D>,
) -> Option<Vec<A>> {
    (!array.is_standard_layout()).then(|| array.iter().copied().collect())
}

/// The array at its own strides, if it is not in standard layout and no axis that moves
/// (extent above 1) has a negative stride.
fn strided_if_not_row_major<const R: usize, A, S: Data<Elem = A>, D: Dimension>(
    array: &ArrayBase<S, D>,
) -> Option<StridedRef<'_, A, R>> {
    if array.is_standard_layout() {
        return None;
    }
    let shape: [usize; R] = array.shape().try_into().ok()?;
    let mut strides = [0usize; R];
    for (a, &stride) in array.strides().iter().enumerate() {
        if shape[a] > 1 {
            strides[a] = usize::try_from(stride).ok()?;
        }
    }
    // SAFETY: ndarray's own invariant for an array or view: every index below its shape, at
    // its strides from `as_ptr`, is an element in its one allocation, at an offset that fits
    // in `isize`, readable while `array` is borrowed; the strides are ndarray's (unit axes'
    // set to 0, which names the same element), all non-negative (checked above).
    Some(unsafe { StridedRef::from_raw_parts(array.as_ptr(), shape, strides) })
}

/// Implements the static-rank operand and output traits for arrays of one dimension type:
/// a fixed dimension `Ix1`..`Ix6` or `IxDyn`, whose rank is checked at run time.
macro_rules! impl_ndarray {
    ([$($generics:tt)*], $dim:ty) => {
        impl<A: Scalar, S: Data<Elem = A>, $($generics)*> Operand<R> for ArrayBase<S, $dim>
        where
            $dim: Dimension,
        {
            type Elem = A;
            #[inline]
            fn view(&self) -> Result<TensorRef<'_, A, R>, ViewError> {
                let shape = static_shape(self.shape())?;
                let data = self.as_slice().ok_or(ViewError::NotRowMajor)?;
                Ok(TensorRef::from_parts(data, shape))
            }
            #[inline]
            fn strided(&self) -> Option<StridedRef<'_, A, R>> {
                strided_if_not_row_major(self)
            }
            #[inline]
            fn row_major_copy(&self) -> Option<Tensor<A, R>> {
                let shape = static_shape(self.shape()).ok()?;
                copy_if_not_row_major(self).map(|data| Tensor::from_parts(data, shape))
            }
        }

        impl<A: Scalar, S: DataMut<Elem = A>, $($generics)*> OperandMut<R>
            for ArrayBase<S, $dim>
        where
            $dim: Dimension,
        {
            type Elem = A;
            #[inline]
            fn view_mut(&mut self) -> Result<TensorMut<'_, A, R>, ViewError> {
                let shape = static_shape(self.shape())?;
                let data = self.as_slice_mut().ok_or(ViewError::NotRowMajor)?;
                Ok(TensorMut::from_parts(data, shape))
            }
        }
    };
}

impl_ndarray!([const R: usize], Dim<[usize; R]>);
impl_ndarray!([const R: usize], IxDyn);

impl<A: Scalar, S: Data<Elem = A>, D: Dimension> DynOperand for ArrayBase<S, D> {
    type Elem = A;
    #[inline]
    fn dyn_view(&self) -> Result<DynView<'_, A>, ViewError> {
        let shape = dyn_shape(self.shape())?;
        let data = self.as_slice().ok_or(ViewError::NotRowMajor)?;
        Ok(DynView::from_parts(data, shape))
    }
    #[inline]
    fn row_major_copy(&self) -> Option<DynTensor<A>> {
        let shape = dyn_shape(self.shape()).ok()?;
        copy_if_not_row_major(self).map(|data| DynTensor::from_parts(data, shape))
    }
}

impl<A: Scalar, S: DataMut<Elem = A>, D: Dimension> DynOperandMut for ArrayBase<S, D> {
    type Elem = A;
    #[inline]
    fn dyn_view_mut(&mut self) -> Result<DynViewMut<'_, A>, ViewError> {
        let shape = dyn_shape(self.shape())?;
        let data = self.as_slice_mut().ok_or(ViewError::NotRowMajor)?;
        Ok(DynViewMut::from_parts(data, shape))
    }
}
