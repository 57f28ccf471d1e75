//! Tensors whose rank is known only at run time: what a term with `...` reads and writes.

use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;

use crate::operand::{Operand, OperandMut, ViewError};
use crate::{DynTensorRef, Scalar, ShapeError, Tensor, TensorMut, TensorRef};

/// The extents of a tensor whose rank is known at run time, stored inline (no allocation), up
/// to [`Shape::MAX_RANK`] axes, as numpy allows.
///
/// ```
/// use einsum::Shape;
/// let s = Shape::new(&[2, 3]).unwrap();
/// assert_eq!(&s[..], &[2, 3]);
/// assert_eq!(s.len(), 2);
/// assert!(Shape::new(&[1; 40]).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    extents: [usize; Shape::MAX_RANK],
    rank: usize,
}

impl Shape {
    /// The most axes a run-time shape holds.
    pub const MAX_RANK: usize = 32;

    /// The shape with these extents, or `None` above [`Shape::MAX_RANK`] axes.
    pub fn new(extents: &[usize]) -> Option<Self> {
        let mut shape = Shape {
            extents: [0; Shape::MAX_RANK],
            rank: extents.len(),
        };
        shape
            .extents
            .get_mut(..extents.len())?
            .copy_from_slice(extents);
        Some(shape)
    }

    /// The extents as a slice.
    pub fn as_slice(&self) -> &[usize] {
        &self.extents[..self.rank]
    }
}

impl Deref for Shape {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        self.as_slice()
    }
}

impl fmt::Debug for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

/// A borrowed row-major view of run-time rank, as [`DynOperand`] gives it.
#[derive(Debug, Clone, Copy)]
pub struct DynView<'a, T> {
    data: &'a [T],
    shape: Shape,
}

impl<'a, T> DynView<'a, T> {
    /// Trusted constructor for the crate's own operand impls: `data` has the shape's product
    /// of elements.
    #[cfg(feature = "ndarray")]
    pub(crate) fn from_parts(data: &'a [T], shape: Shape) -> Self {
        debug_assert_eq!(Some(data.len()), crate::tensor::element_count(&shape));
        DynView { data, shape }
    }

    /// The extent of every axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The elements in row-major order.
    pub fn data(&self) -> &'a [T] {
        self.data
    }
}

/// A mutable row-major view of run-time rank, as [`DynOperandMut`] gives it.
#[derive(Debug)]
pub struct DynViewMut<'a, T> {
    data: &'a mut [T],
    shape: Shape,
}

impl<'a, T> DynViewMut<'a, T> {
    /// Trusted constructor, as `DynView::from_parts`.
    #[cfg(feature = "ndarray")]
    pub(crate) fn from_parts(data: &'a mut [T], shape: Shape) -> Self {
        debug_assert_eq!(Some(data.len()), crate::tensor::element_count(&shape));
        DynViewMut { data, shape }
    }

    /// The extent of every axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The elements in row-major order.
    pub fn data(&mut self) -> &mut [T] {
        self.data
    }
}

/// A value `einsum!` can read as a row-major tensor of any rank: an operand whose term has
/// `...`, which stands for the axes its explicit indices leave.
///
/// Implemented for every [`Operand`] type.
///
/// ```
/// use einsum::DynOperand;
/// let x = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
/// assert_eq!(x.dyn_view().unwrap().shape(), &[2, 2, 2]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read as an einsum operand with `...`",
    note = "einsum operands are slices, arrays, nested arrays and Vecs of a `Scalar` type, \
            `Tensor`, `TensorRef`, `DynTensor` or `DynTensorRef`"
)]
pub trait DynOperand {
    /// The element type.
    type Elem: Scalar;
    /// The data as a row-major view, or why it cannot be read as one (a rank above
    /// [`Shape::MAX_RANK`], or a layout that is not row-major).
    fn dyn_view(&self) -> Result<DynView<'_, Self::Elem>, ViewError>;

    /// A row-major copy, for a value whose elements are not in row-major order; `None` (the
    /// default) when [`dyn_view`](DynOperand::dyn_view) reads it in place.
    #[inline(always)]
    fn row_major_copy(&self) -> Option<DynTensor<Self::Elem>> {
        None
    }
}

/// A value `einsum!` can write as a row-major tensor of any rank: the buffer of an output
/// term with `...`.
///
/// ```
/// use einsum::einsum;
/// let a = [[1, 2, 3], [4, 5, 6]];
/// let mut row_sums = [0; 2];
/// einsum!(row_sums = "...j->...", a);
/// assert_eq!(row_sums, [6, 15]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written as an einsum output with `...`",
    note = "einsum outputs are mutable slices, arrays, nested arrays and Vecs of a `Scalar` \
            type, `Tensor`, `TensorMut` or `DynTensor`"
)]
pub trait DynOperandMut {
    /// The element type.
    type Elem: Scalar;
    /// The data as a mutable row-major view, or why it cannot be written as one (a rank
    /// above [`Shape::MAX_RANK`], or a layout that is not row-major).
    fn dyn_view_mut(&mut self) -> Result<DynViewMut<'_, Self::Elem>, ViewError>;
}

fn shape_of(extents: &[usize]) -> Result<Shape, ViewError> {
    Shape::new(extents).ok_or(ViewError::Rank {
        found: extents.len(),
    })
}

impl<O: DynOperand + ?Sized> DynOperand for &O {
    type Elem = O::Elem;
    #[inline(always)]
    fn dyn_view(&self) -> Result<DynView<'_, O::Elem>, ViewError> {
        (**self).dyn_view()
    }
}

impl<O: DynOperand + ?Sized> DynOperand for &mut O {
    type Elem = O::Elem;
    #[inline(always)]
    fn dyn_view(&self) -> Result<DynView<'_, O::Elem>, ViewError> {
        (**self).dyn_view()
    }
}

impl<O: DynOperandMut + ?Sized> DynOperandMut for &mut O {
    type Elem = O::Elem;
    #[inline(always)]
    fn dyn_view_mut(&mut self) -> Result<DynViewMut<'_, O::Elem>, ViewError> {
        (**self).dyn_view_mut()
    }
}

/// Implements the run-time-rank traits through a type's static-rank [`Operand`] impl.
macro_rules! through_static_rank {
    ($rank:tt, [$($generics:tt)*], $ty:ty) => {
        impl<T: Scalar, $($generics)*> DynOperand for $ty {
            type Elem = T;
            #[inline(always)]
            fn dyn_view(&self) -> Result<DynView<'_, T>, ViewError> {
                let view = Operand::<$rank>::view(self)?;
                Ok(DynView { data: view.data(), shape: shape_of(&view.shape())? })
            }
        }
        impl<T: Scalar, $($generics)*> DynOperandMut for $ty {
            type Elem = T;
            #[inline(always)]
            fn dyn_view_mut(&mut self) -> Result<DynViewMut<'_, T>, ViewError> {
                let view = OperandMut::<$rank>::view_mut(self)?;
                let shape = shape_of(&view.shape())?;
                Ok(DynViewMut { data: view.into_data(), shape })
            }
        }
    };
}

through_static_rank!(1, [], [T]);
through_static_rank!(1, [const N: usize], [T; N]);
through_static_rank!(1, [], Vec<T>);
through_static_rank!(2, [const M: usize], [[T; M]]);
through_static_rank!(2, [const M: usize, const N: usize], [[T; M]; N]);
through_static_rank!(2, [const M: usize], Vec<[T; M]>);
through_static_rank!(3, [const K: usize, const M: usize], [[[T; K]; M]]);
through_static_rank!(3, [const K: usize, const M: usize, const N: usize], [[[T; K]; M]; N]);
through_static_rank!(3, [const K: usize, const M: usize], Vec<[[T; K]; M]>);
through_static_rank!(R, [const R: usize], Tensor<T, R>);

impl<T: Scalar, const R: usize> DynOperand for TensorRef<'_, T, R> {
    type Elem = T;
    #[inline(always)]
    fn dyn_view(&self) -> Result<DynView<'_, T>, ViewError> {
        Ok(DynView {
            data: self.data(),
            shape: shape_of(&self.shape())?,
        })
    }
}

impl<T: Scalar, const R: usize> DynOperand for TensorMut<'_, T, R> {
    type Elem = T;
    #[inline(always)]
    fn dyn_view(&self) -> Result<DynView<'_, T>, ViewError> {
        Ok(DynView {
            data: self.data_ref(),
            shape: shape_of(&self.shape())?,
        })
    }
}

impl<T: Scalar, const R: usize> DynOperandMut for TensorMut<'_, T, R> {
    type Elem = T;
    #[inline(always)]
    fn dyn_view_mut(&mut self) -> Result<DynViewMut<'_, T>, ViewError> {
        let shape = shape_of(&self.shape())?;
        Ok(DynViewMut {
            data: self.data(),
            shape,
        })
    }
}

impl<T: Scalar> DynOperand for DynTensorRef<'_, T> {
    type Elem = T;
    #[inline(always)]
    fn dyn_view(&self) -> Result<DynView<'_, T>, ViewError> {
        Ok(DynView {
            data: self.data(),
            shape: shape_of(self.shape())?,
        })
    }
}

/// An owned row-major tensor whose rank is known at run time: what `einsum!` returns for an
/// output term with `...`.
///
/// ```
/// use einsum::{einsum, DynTensor};
/// let stack = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
/// // the trace of each matrix of a stack
/// let traces: DynTensor<i32> = einsum!("...ii->...", stack);
/// assert_eq!(traces.shape(), &[2]);
/// assert_eq!(traces.as_slice(), &[5, 13]);
/// let traces: einsum::Tensor<i32, 1> = traces.into_rank().unwrap();
/// assert_eq!(traces.shape(), [2]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DynTensor<T> {
    data: Vec<T>,
    shape: Shape,
}

impl<T> DynTensor<T> {
    /// Wraps row-major `data` of the given shape; fails if the length is not the shape's
    /// product or the shape has more than [`Shape::MAX_RANK`] axes.
    ///
    /// ```
    /// let t = einsum::DynTensor::from_vec(vec![1, 2, 3, 4, 5, 6], &[3, 2]).unwrap();
    /// assert_eq!(t.shape(), &[3, 2]);
    /// assert!(einsum::DynTensor::from_vec(vec![1, 2, 3], &[2, 2]).is_err());
    /// ```
    pub fn from_vec(data: Vec<T>, shape: &[usize]) -> Result<Self, ShapeError> {
        let shape = Shape::new(shape).ok_or(ShapeError::TooManyAxes {
            place: None,
            found: shape.len(),
        })?;
        crate::tensor::check_length(data.len(), &shape)?;
        Ok(DynTensor { data, shape })
    }

    /// The extent of every axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The number of axes.
    pub fn rank(&self) -> usize {
        self.shape.len()
    }

    /// The elements in row-major order.
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }

    /// The elements in row-major order, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.data
    }

    /// The elements in row-major order, owned.
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }

    /// The same data as a tensor of static rank `R`, or [`ViewError::Rank`] with the rank it
    /// has if that is not `R`.
    ///
    /// ```
    /// let t = einsum::DynTensor::from_vec(vec![1.0, 2.0], &[2]).unwrap();
    /// assert_eq!(t.clone().into_rank::<2>().unwrap_err(), einsum::ViewError::Rank { found: 1 });
    /// assert_eq!(t.into_rank::<1>().unwrap().as_slice(), &[1.0, 2.0]);
    /// ```
    pub fn into_rank<const R: usize>(self) -> Result<Tensor<T, R>, ViewError> {
        let shape: [usize; R] = self.shape[..].try_into().map_err(|_| ViewError::Rank {
            found: self.shape.len(),
        })?;
        Ok(Tensor::from_parts(self.data, shape))
    }

    /// Wraps a buffer `einsum!` filled, whose length is the shape's product by construction.
    pub(crate) fn from_parts(data: Vec<T>, shape: Shape) -> Self {
        debug_assert_eq!(Some(data.len()), crate::tensor::element_count(&shape));
        DynTensor { data, shape }
    }
}

impl<T: Scalar> DynOperand for DynTensor<T> {
    type Elem = T;
    #[inline(always)]
    fn dyn_view(&self) -> Result<DynView<'_, T>, ViewError> {
        Ok(DynView {
            data: &self.data,
            shape: self.shape,
        })
    }
}

impl<T: Scalar> DynOperandMut for DynTensor<T> {
    type Elem = T;
    #[inline(always)]
    fn dyn_view_mut(&mut self) -> Result<DynViewMut<'_, T>, ViewError> {
        Ok(DynViewMut {
            data: &mut self.data,
            shape: self.shape,
        })
    }
}

impl<T: Scalar, const R: usize> Operand<R> for DynTensor<T> {
    type Elem = T;
    #[inline]
    fn view(&self) -> Result<TensorRef<'_, T, R>, ViewError> {
        let shape: [usize; R] = self.shape[..].try_into().map_err(|_| ViewError::Rank {
            found: self.shape.len(),
        })?;
        Ok(TensorRef::from_parts(&self.data, shape))
    }
}

impl<T: Scalar, const R: usize> OperandMut<R> for DynTensor<T> {
    type Elem = T;
    #[inline]
    fn view_mut(&mut self) -> Result<TensorMut<'_, T, R>, ViewError> {
        let shape: [usize; R] = self.shape[..].try_into().map_err(|_| ViewError::Rank {
            found: self.shape.len(),
        })?;
        Ok(TensorMut::from_parts(&mut self.data, shape))
    }
}
