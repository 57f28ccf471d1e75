//! Row-major tensors: an owned result type and borrowed views over flat slices.

use alloc::vec::Vec;
use core::ops::{Index, IndexMut};

use crate::{OversizedTensor, ShapeError};

/// The number of elements of a shape, the product of its extents, or `None` if it or any
/// row-major stride does not fit in `usize`.
///
/// The products are taken from the last axis, as the row-major strides are: a shape this
/// accepts has every stride and every offset below its element count representable, which
/// the unchecked reads of the generated code rely on. `[2^40, 2^40, 0]` (no elements, strides
/// `[0, 0, 1]`) passes; `[0, 2^40, 2^40]` (no elements either, but a stride of `2^80`) does not.
pub(crate) fn element_count(shape: &[usize]) -> Option<usize> {
    shape
        .iter()
        .rev()
        .try_fold(1usize, |count, &extent| count.checked_mul(extent))
}

/// The flat row-major offset of `index` in `shape`, or a panic naming the bad axis.
fn flat_offset(shape: &[usize], index: &[usize]) -> usize {
    let mut offset = 0;
    for (axis, (&i, &n)) in index.iter().zip(shape).enumerate() {
        assert!(
            i < n,
            "index {i} out of bounds for axis {axis} of extent {n} (shape {shape:?})"
        );
        offset = offset * n + i;
    }
    offset
}

/// Checks that `data_len` elements fill `shape` exactly, its element count checked for overflow.
pub(crate) fn check_length(data_len: usize, shape: &[usize]) -> Result<(), ShapeError> {
    let expected = element_count(shape).ok_or_else(|| ShapeError::TooManyElements {
        subscripts: None,
        tensor: OversizedTensor::View,
        extents: shape.into(),
    })?;
    if expected == data_len {
        Ok(())
    } else {
        Err(ShapeError::Length {
            expected,
            found: data_len,
        })
    }
}

/// An owned row-major tensor of rank `R`: what `einsum!` returns for a non-scalar output.
///
/// ```
/// use einsum::{einsum, Tensor};
/// let a = [[1, 2], [3, 4]];
/// let t: Tensor<i32, 2> = einsum!("ij->ji", a);
/// assert_eq!(t.shape(), [2, 2]);
/// assert_eq!(t[[0, 1]], 3);
/// assert_eq!(t.as_slice(), &[1, 3, 2, 4]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor<T, const R: usize> {
    data: Vec<T>,
    shape: [usize; R],
}

impl<T, const R: usize> Tensor<T, R> {
    /// Wraps row-major `data` of the given shape; fails if the length is not the shape's product.
    ///
    /// ```
    /// let t = einsum::Tensor::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]).unwrap();
    /// assert_eq!(t[[1, 0]], 4.0);
    /// assert!(einsum::Tensor::from_vec(vec![1.0; 5], [2, 3]).is_err());
    /// ```
    pub fn from_vec(data: Vec<T>, shape: [usize; R]) -> Result<Self, ShapeError> {
        check_length(data.len(), &shape)?;
        Ok(Tensor { data, shape })
    }

    /// The extent of every axis.
    pub fn shape(&self) -> [usize; R] {
        self.shape
    }

    /// The elements in row-major order.
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }

    /// The elements in row-major order, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.data
    }

    /// The elements in row-major order, without copying.
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }

    /// Wraps data whose length is the shape's product by construction.
    pub(crate) fn from_parts(data: Vec<T>, shape: [usize; R]) -> Self {
        debug_assert_eq!(Some(data.len()), element_count(&shape));
        Tensor { data, shape }
    }

    /// A borrowed view of this tensor.
    pub fn view(&self) -> TensorRef<'_, T, R> {
        TensorRef {
            data: &self.data,
            shape: self.shape,
        }
    }
}

impl<T: crate::Scalar, const R: usize> Tensor<T, R> {
    /// A tensor of zeros.
    ///
    /// # Panics
    /// If the shape's element count does not fit in `usize`.
    ///
    /// ```
    /// let t = einsum::Tensor::<f32, 2>::zeros([2, 3]);
    /// assert_eq!(t.as_slice(), &[0.0; 6]);
    /// ```
    pub fn zeros(shape: [usize; R]) -> Self {
        let Some(count) = element_count(&shape) else {
            panic!("Tensor::zeros: shape {shape:?} has more elements than usize can count")
        };
        Tensor {
            data: alloc::vec![T::ZERO; count],
            shape,
        }
    }
}

impl<T, const R: usize> Index<[usize; R]> for Tensor<T, R> {
    type Output = T;
    fn index(&self, index: [usize; R]) -> &T {
        &self.data[flat_offset(&self.shape, &index)]
    }
}

impl<T, const R: usize> IndexMut<[usize; R]> for Tensor<T, R> {
    fn index_mut(&mut self, index: [usize; R]) -> &mut T {
        let offset = flat_offset(&self.shape, &index);
        &mut self.data[offset]
    }
}

/// A borrowed row-major view of rank `R` over a flat slice: give a shape to plain data.
///
/// ```
/// use einsum::{einsum, TensorRef};
/// let flat = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let a = TensorRef::new(&flat, [2, 3]).unwrap();
/// let row_sums = einsum!("ij->i", a);
/// assert_eq!(row_sums.as_slice(), &[6.0, 15.0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TensorRef<'a, T, const R: usize> {
    data: &'a [T],
    shape: [usize; R],
}

impl<'a, T, const R: usize> TensorRef<'a, T, R> {
    /// Views `data` with the given shape; fails if the length is not the shape's product.
    ///
    /// ```
    /// assert!(einsum::TensorRef::new(&[1, 2, 3], [2, 2]).is_err());
    /// ```
    pub fn new(data: &'a [T], shape: [usize; R]) -> Result<Self, ShapeError> {
        check_length(data.len(), &shape)?;
        Ok(TensorRef { data, shape })
    }

    /// The extent of every axis.
    pub fn shape(&self) -> [usize; R] {
        self.shape
    }

    /// The elements in row-major order.
    pub fn data(&self) -> &'a [T] {
        self.data
    }

    /// Trusted constructor for the crate's own operand impls, whose shapes come from types.
    pub(crate) fn from_parts(data: &'a [T], shape: [usize; R]) -> Self {
        debug_assert_eq!(Some(data.len()), element_count(&shape));
        TensorRef { data, shape }
    }
}

/// A mutable row-major view of rank `R` over a flat slice: an output buffer with a shape.
///
/// ```
/// use einsum::{einsum, TensorMut};
/// let a = [[1, 2], [3, 4]];
/// let mut buf = vec![0; 4];
/// let mut transposed = TensorMut::new(&mut buf, [2, 2]).unwrap();
/// einsum!(transposed = "ij->ji", a);
/// assert_eq!(buf, [1, 3, 2, 4]);
/// ```
#[derive(Debug, PartialEq)]
pub struct TensorMut<'a, T, const R: usize> {
    data: &'a mut [T],
    shape: [usize; R],
}

impl<'a, T, const R: usize> TensorMut<'a, T, R> {
    /// Views `data` mutably with the given shape; fails if the length is not the shape's product.
    ///
    /// ```
    /// let mut buf = [0.0; 6];
    /// assert_eq!(einsum::TensorMut::new(&mut buf, [3, 2]).unwrap().shape(), [3, 2]);
    /// ```
    pub fn new(data: &'a mut [T], shape: [usize; R]) -> Result<Self, ShapeError> {
        check_length(data.len(), &shape)?;
        Ok(TensorMut { data, shape })
    }

    /// The extent of every axis.
    pub fn shape(&self) -> [usize; R] {
        self.shape
    }

    /// The elements in row-major order.
    pub fn data(&mut self) -> &mut [T] {
        self.data
    }

    pub(crate) fn data_ref(&self) -> &[T] {
        self.data
    }

    /// Reborrows this view for a shorter lifetime.
    pub fn reborrow(&mut self) -> TensorMut<'_, T, R> {
        TensorMut {
            data: self.data,
            shape: self.shape,
        }
    }

    pub(crate) fn from_parts(data: &'a mut [T], shape: [usize; R]) -> Self {
        debug_assert_eq!(Some(data.len()), element_count(&shape));
        TensorMut { data, shape }
    }

    /// The data, for the whole of the view's lifetime.
    pub(crate) fn into_data(self) -> &'a mut [T] {
        self.data
    }
}

/// A borrowed row-major view whose rank is known only at run time.
///
/// It can stand for an operand of any rank; the rank is checked with the extents.
///
/// ```
/// use einsum::{einsum, DynTensorRef};
/// let flat = [1.0, 2.0, 3.0, 4.0];
/// let shape = vec![2, 2];
/// let m = DynTensorRef::new(&flat, &shape).unwrap();
/// assert_eq!(einsum!("ii->", m), 5.0);
/// assert!(einsum::try_einsum!("ijk->", m).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DynTensorRef<'a, T> {
    data: &'a [T],
    shape: &'a [usize],
}

impl<'a, T> DynTensorRef<'a, T> {
    /// Views `data` with the given shape; fails if the length is not the shape's product.
    pub fn new(data: &'a [T], shape: &'a [usize]) -> Result<Self, ShapeError> {
        check_length(data.len(), shape)?;
        Ok(DynTensorRef { data, shape })
    }

    /// The extent of every axis.
    pub fn shape(&self) -> &'a [usize] {
        self.shape
    }

    /// The elements in row-major order.
    pub fn data(&self) -> &'a [T] {
        self.data
    }
}
