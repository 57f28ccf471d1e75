//! Compile-time einsum: numpy's subscripts, checked by the compiler, expanded to the loops you
//! would have written by hand.
//!
//! `einsum!("ni,ij,nj->n", d, inv, d)` parses and checks the subscripts while your crate
//! compiles (a bad subscript is a compile error), checks every shape once at run time, then runs
//! specialised loops over plain slices and arrays: no bounds checks inside, sums in local
//! accumulators, and loops over extents known from array types unrolled by the compiler.
//!
//! ```
//! use einsum::einsum;
//! // Mahalanobis distances of 2-D points under a correlated inverse covariance.
//! let d: &[[f64; 2]] = &[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
//! let inv = [[2.0, -1.0], [-1.0, 2.0]];
//! let m = einsum!("ni,ij,nj->n", d, inv, d);
//! assert_eq!(m.as_slice(), &[2.0, 2.0, 2.0]);
//! ```
//!
//! # From numpy
//!
//! | numpy | `einsum!` | result |
//! | --- | --- | --- |
//! | `np.einsum('ij,jk->ik', a, b)` | `einsum!("ij,jk->ik", a, b)` | [`Tensor<T, 2>`](Tensor) |
//! | `np.einsum('ii', a)` | `einsum!("ii", a)` | `T` (a scalar output is a plain value) |
//! | `np.einsum('ij->ji', a)` | `einsum!("ij->ji", a)` | `Tensor<T, 2>` |
//! | `np.einsum('ni,nj->ij', x, x, out=s)` | `einsum!(s = "ni,nj->ij", x, x)` | `()`, written into `s` |
//! | `s += np.einsum('ni,nj->ij', x, x)` | `einsum!(s += "ni,nj->ij", x, x)` | `()`, added into `s` |
//! | `a.reshape(n, d)` | [`TensorRef::new(&flat, [n, d])`](TensorRef::new) | a rank-2 operand |
//! | a `ValueError` on a bad shape | [`try_einsum!`] returns [`ShapeError`] | `Result<_, ShapeError>` |
//!
//! Subscripts follow numpy: letters `a-z` and `A-Z`, spaces ignored, `->` for an explicit
//! output, or implicit mode without it (the output is every index that appears once, in
//! alphabetical order). An index repeated within one operand takes its diagonal (`"ii->i"`).
//! Every index missing from the output is summed over.
//!
//! # Broadcasting with `...`
//!
//! An ellipsis stands for the axes a term's letters leave, as in numpy: the `...` axes of all
//! operands are aligned from the right and broadcast (an extent of 1 or a missing axis
//! stretches), and an output with `...` holds them, first in implicit mode. Their number is
//! known only at run time, so such a result is a [`DynTensor`]; the steps over the named
//! axes are generated as usual and run once per position of the `...` axes, a matrix-product
//! step of `f32`/`f64` as one GEMM there when the extents pay for it.
//!
//! ```
//! use einsum::{einsum, TensorRef};
//! // a stack of 2 x 2 matrices times one matrix: (3, 2, 2) x (2, 2) -> (3, 2, 2)
//! let flat: Vec<f64> = (0..12).map(f64::from).collect();
//! let stack = TensorRef::new(&flat, [3, 2, 2]).unwrap();
//! let rotate = [[0.0, -1.0], [1.0, 0.0]];
//! let rotated = einsum!("...ij,jk->...ik", stack, rotate);
//! assert_eq!(rotated.shape(), &[3, 2, 2]);
//! assert_eq!(&rotated.as_slice()[..4], &[1.0, 0.0, 3.0, -2.0]);
//! ```
//!
//! # Operands and outputs
//!
//! Anything that implements [`Operand`]: slices, arrays, nested arrays, slices of arrays such as
//! `&[[f64; 2]]` (a dynamic number of fixed-width rows), `Vec`s of those, [`Tensor`],
//! [`TensorRef`] (a shaped view over a flat slice) and [`DynTensorRef`] (rank known at run time).
//! Element types are [`Scalar`]s: `f32`, `f64` and the primitive integers.
//!
//! An operand is any expression of such a type, borrowed for the whole call: a temporary it
//! makes lives until the call is done, even one a view borrows.
//!
//! ```
//! use einsum::{Tensor, einsum};
//!
//! let grid = || Tensor::from_vec(vec![1.0, 2.0, 3.0, 4.0], [2, 2]).unwrap();
//! // `grid().view()` views a `Tensor` made in the operand's own expression
//! let squared = einsum!("ij,jk->ik", grid().view(), grid());
//! assert_eq!(squared.as_slice(), &[7.0, 10.0, 15.0, 22.0]);
//! ```
//!
//! With the `ndarray` feature, ndarray arrays and views of any dimension type are operands and
//! outputs too. Those in standard layout are read and written in place. An operand with other
//! non-negative strides (a transpose, permuted axes, a step) goes to the GEMM tier at those
//! strides ([`StridedRef`]), with no copy; the loops read a row-major copy of it, made when
//! they run, as they do of an operand with a reversed axis. An output buffer must be in
//! standard layout ([`ShapeError::NotRowMajor`] otherwise).
//!
//! # Errors
//!
//! - Subscripts are checked at compile time: an invalid character, a malformed `->`, an output
//!   index that no input has, more or fewer operands than terms, and an operand whose type has
//!   another rank than its term are compile errors.
//! - Shapes are checked once, before any loop: `einsum!` panics with a message that names the
//!   subscripts, the operand (its position and source text), the axis letter and both extents;
//!   [`try_einsum!`] returns the same [`ShapeError`] instead.
//!
//! # Seeing what it generates
//!
//! [`explain!`] takes the same input as `einsum!` and returns the plan and the generated code as
//! a string, so you can read what one call compiles to.
#![no_std]
#![deny(missing_docs)]

extern crate alloc;

mod broadcast;
mod dynamic;
mod error;
mod gemm;
#[cfg(feature = "ndarray")]
mod ndarray_interop;
mod operand;
mod scalar;
mod strided;
mod tensor;

pub use dynamic::{DynOperand, DynOperandMut, DynTensor, DynView, DynViewMut, Shape};
pub use einsum_macro::{einsum, explain, try_einsum};
pub use error::{OversizedTensor, Place, ShapeError};
pub use operand::{Operand, OperandMut, ScalarOutput, ViewError};
pub use scalar::Scalar;
pub use strided::StridedRef;
pub use tensor::{DynTensorRef, Tensor, TensorMut, TensorRef};

/// What the code `einsum!` generates calls; not a public API, and not covered by semver.
#[doc(hidden)]
pub mod __private {
    pub use crate::broadcast::{
        EllipsisAxes, Split, Walk, broadcast, check_no_ellipsis, check_output_ellipsis,
        owned_layout, split, walk,
    };
    pub use crate::gemm::{
        MatrixMut, MatrixRef, PARALLEL_MIN_MULTIPLY_ADDS, PARALLEL_MIN_ROWS_COLS, matmul,
        pays as gemm_pays,
    };
    pub use crate::strided::{Source, source};
    pub use crate::{DynOperand, DynOperandMut, DynTensor, DynView, DynViewMut, Shape};
    pub use crate::{
        Operand, OperandMut, OversizedTensor, Place, Scalar, ScalarOutput, ShapeError, Tensor,
        TensorMut, TensorRef, ViewError,
    };
    pub use alloc::vec::Vec;
    pub use core::result::Result::{self, Err, Ok};

    /// A row-major copy of an operand no matrix-product step reads, when
    /// [`view`](Operand::view) cannot read it in place; the trait bound is where a wrong rank
    /// shows up.
    #[inline(always)]
    pub fn row_major_copy<const R: usize, O: Operand<R> + ?Sized>(
        operand: &O,
    ) -> Option<Tensor<O::Elem, R>> {
        operand.row_major_copy()
    }

    /// Reads an operand no matrix-product step reads as a rank-`R` view: its row-major copy if
    /// it needed one, else in place. Cheaper to compile than a [`Source`], which such an
    /// operand does not need.
    #[inline(always)]
    pub fn view<'a, const R: usize, O: Operand<R> + ?Sized>(
        operand: &'a O,
        copy: &'a Option<Tensor<O::Elem, R>>,
    ) -> Result<TensorRef<'a, O::Elem, R>, ViewError> {
        match copy {
            Some(copy) => Ok(copy.view()),
            None => operand.view(),
        }
    }

    /// A row-major copy of an operand whose term has `...`, when
    /// [`dyn_view`](DynOperand::dyn_view) cannot read it in place.
    #[inline(always)]
    pub fn dyn_row_major_copy<O: DynOperand + ?Sized>(operand: &O) -> Option<DynTensor<O::Elem>> {
        operand.row_major_copy()
    }

    /// Reads an operand whose term has `...` at its run-time rank: its row-major copy if it
    /// needed one, else in place.
    #[inline(always)]
    pub fn dyn_view<'a, O: DynOperand + ?Sized>(
        operand: &'a O,
        copy: &'a Option<DynTensor<O::Elem>>,
    ) -> Result<DynView<'a, O::Elem>, ViewError> {
        match copy {
            Some(copy) => copy.dyn_view(),
            None => operand.dyn_view(),
        }
    }

    /// Views an output buffer whose term has `...` at its run-time rank (a method for the
    /// same reborrowing reason as [`OutputBuffer`]).
    pub trait DynOutputBuffer: DynOperandMut {
        /// [`DynOperandMut::dyn_view_mut`].
        #[inline(always)]
        fn einsum_dyn_output(&mut self) -> Result<DynViewMut<'_, Self::Elem>, ViewError> {
            self.dyn_view_mut()
        }
    }

    impl<O: DynOperandMut + ?Sized> DynOutputBuffer for O {}

    /// The error for a tensor with more axes than a run-time shape holds.
    #[cold]
    pub fn too_many_axes_error(place: Place, error: ViewError) -> ShapeError {
        match error {
            ViewError::Rank { found } => ShapeError::TooManyAxes {
                place: Some(place),
                found,
            },
            ViewError::NotRowMajor => ShapeError::NotRowMajor { place },
        }
    }

    /// The error for a tensor with fewer axes than its term names besides `...`.
    #[cold]
    pub fn too_few_axes_error(
        subscripts: &'static str,
        place: Place,
        at_least: usize,
        found: usize,
    ) -> ShapeError {
        ShapeError::TooFewAxes {
            subscripts,
            place,
            at_least,
            found,
        }
    }

    /// The positions of a tile of a plan's tiled index of extent `extent`: as many as fit
    /// `elements` elements in the intermediate with the most elements per position (`inner`),
    /// at least `min_rows`, at most `extent`, and at least 1.
    #[inline]
    pub fn tile_rows(extent: usize, [elements, min_rows]: [usize; 2], inner: usize) -> usize {
        (elements / inner.max(1)).max(min_rows).min(extent).max(1)
    }

    /// The positions of the tiled index per block of whole tiles when a plan whose result
    /// keeps that index as its first axis runs its tiles on rayon's pool: with the `rayon`
    /// feature, a pool of more than one thread and more than one tile of `tile_rows` in
    /// `extent`, up to four blocks per thread (one thread that other work slows leaves its
    /// blocks to the others), each a whole number of tiles so that the tiles start at the
    /// same positions as on one thread; otherwise `None`, and the tiles run one after the
    /// other in the caller.
    ///
    /// ```
    /// # use einsum::__private::tile_blocks;
    /// // one tile: never on the pool
    /// assert_eq!(tile_blocks(100, 100), None);
    /// ```
    #[inline]
    pub fn tile_blocks(extent: usize, tile_rows: usize) -> Option<usize> {
        #[cfg(feature = "rayon")]
        {
            let (tiles, threads) = (extent.div_ceil(tile_rows), rayon::current_num_threads());
            (tiles > 1 && threads > 1).then(|| tiles.div_ceil((4 * threads).min(tiles)) * tile_rows)
        }
        #[cfg(not(feature = "rayon"))]
        {
            let _ = (extent, tile_rows);
            None
        }
    }

    /// Runs `block(first, elements)` for each block of `block_len` elements of `result` (the
    /// last one shorter), `first` the block's number times `block_rows`: on rayon's pool with
    /// the `rayon` feature, one task per block. Each block writes only its own elements, and
    /// computes them as one thread would (the tiles that [`tile_blocks`] made), so the bits do
    /// not depend on the thread count.
    pub fn on_blocks<T: Send>(
        result: &mut [T],
        block_len: usize,
        block_rows: usize,
        block: impl Fn(usize, &mut [T]) + Sync + Send,
    ) {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            (result.par_chunks_mut(block_len).enumerate())
                .for_each(|(k, elements)| block(k * block_rows, elements));
        }
        #[cfg(not(feature = "rayon"))]
        for (k, elements) in result.chunks_mut(block_len).enumerate() {
            block(k * block_rows, elements);
        }
    }

    /// The position of the smallest cost, the first of equals: which contraction order runs.
    #[inline]
    pub fn cheapest<const N: usize>(costs: [f64; N]) -> usize {
        let mut best = 0;
        for (k, &cost) in costs.iter().enumerate() {
            if cost < costs[best] {
                best = k;
            }
        }
        best
    }

    /// Wraps a buffer the generated code filled; its length is the shape's product by construction.
    #[inline]
    pub fn dyn_tensor<T>(data: Vec<T>, shape: Shape) -> DynTensor<T> {
        DynTensor::from_parts(data, shape)
    }

    /// Views an output buffer through a method call, so that a `&mut` buffer held in an
    /// immutable binding (a function parameter `out: &mut [f64]`) is reborrowed, not moved.
    pub trait OutputBuffer {
        /// [`OperandMut::view_mut`] at the rank the output term names.
        #[inline(always)]
        fn einsum_output<const R: usize>(
            &mut self,
        ) -> Result<TensorMut<'_, Self::Elem, R>, ViewError>
        where
            Self: OperandMut<R>,
        {
            self.view_mut()
        }
    }

    impl<O: ?Sized> OutputBuffer for O {}

    /// Asks the compiler to check, at the operand, that it has the first operand's element type.
    #[inline(always)]
    pub fn same_element_type<T>(_first: &[T], _this: &[T]) {}

    /// The error for a tensor whose rank differs from its term's.
    #[cold]
    pub fn rank_error(
        subscripts: &'static str,
        place: Place,
        expected: usize,
        error: ViewError,
    ) -> ShapeError {
        match error {
            ViewError::Rank { found } => ShapeError::Rank {
                subscripts,
                place,
                expected,
                found,
            },
            ViewError::NotRowMajor => ShapeError::NotRowMajor { place },
        }
    }

    /// The error for an axis whose extent differs from its index's.
    #[cold]
    pub fn extent_error(
        subscripts: &'static str,
        axis: char,
        place: Place,
        found: usize,
        expected: usize,
        expected_from: Place,
    ) -> ShapeError {
        ShapeError::Extent {
            subscripts,
            axis,
            place,
            found,
            expected,
            expected_from,
        }
    }

    /// Panics with the error's message, at the macro call's location.
    #[cold]
    #[inline(never)]
    #[track_caller]
    pub fn shape_panic(error: ShapeError) -> ! {
        panic!("{error}")
    }

    /// The element count of an owned result or an intermediate with these extents, checked
    /// as the views' constructors check theirs, so that a count that overflows `usize` is an
    /// error and never a short buffer that the unchecked reads and writes would overrun.
    #[inline]
    pub fn element_count(
        subscripts: &'static str,
        tensor: OversizedTensor,
        extents: &[usize],
    ) -> Result<usize, ShapeError> {
        crate::tensor::element_count(extents).ok_or_else(|| ShapeError::TooManyElements {
            subscripts: Some(subscripts),
            tensor,
            extents: extents.into(),
        })
    }

    /// A zeroed buffer for an owned result or an intermediate.
    #[inline]
    pub fn zeros<T: Scalar>(_like: &[T], len: usize) -> Vec<T> {
        alloc::vec![T::ZERO; len]
    }

    // The helpers the loop nests call at every element (`zero`, `sum_start`, `one`, `read`,
    // `slot`) are always inlined where the optimiser runs, and only hinted in builds with debug
    // assertions: inlining each of them at -O0, debug assertion included, made the 200 calls
    // of `./bench/compile-cost` take 16 % more CPU time to build in the dev profile
    // (BENCHMARKS.md, "Compile cost with the tier").

    /// The zero of the element type of `data`, where a sum starts.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn zero<T: Scalar>(_like: &[T]) -> T {
        T::ZERO
    }

    /// Where a sum nested in another sum starts ([`Scalar::SUM_START`](crate::Scalar::SUM_START)).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn sum_start<T: Scalar>(_like: &[T]) -> T {
        T::SUM_START
    }

    /// The one of the element type of `data`: an empty product.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn one<T: Scalar>(_like: &[T]) -> T {
        T::ONE
    }

    /// Reads `data[offset]` without a bounds check in release builds.
    ///
    /// # Safety
    /// `offset < data.len()`. The generated code guarantees it by its shape check: every loop
    /// index is below its extent and every axis was checked equal to that extent, so a
    /// row-major offset is below the product of the shape, which is the data's length.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn read<T: Copy>(data: &[T], offset: usize) -> T {
        debug_assert!(
            offset < data.len(),
            "einsum read at {offset} of {}",
            data.len()
        );
        // SAFETY: the caller guarantees `offset < data.len()` (see above).
        unsafe { *data.get_unchecked(offset) }
    }

    /// The element `data[offset]` to write, without a bounds check in release builds.
    ///
    /// # Safety
    /// `offset < data.len()`, guaranteed as for [`read`].
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub unsafe fn slot<T>(data: &mut [T], offset: usize) -> &mut T {
        debug_assert!(
            offset < data.len(),
            "einsum write at {offset} of {}",
            data.len()
        );
        // SAFETY: the caller guarantees `offset < data.len()` (see `read`).
        unsafe { data.get_unchecked_mut(offset) }
    }

    /// Wraps a buffer the generated code filled; its length is the shape's product by
    /// construction, checked again here (the unchecked reads of the tensor's later uses rely
    /// on it) with the message out of line, so that each call carries only the comparison.
    #[inline]
    pub fn tensor<T, const R: usize>(data: Vec<T>, shape: [usize; R]) -> Tensor<T, R> {
        if crate::tensor::element_count(&shape) != Some(data.len()) {
            wrong_result_size(data.len(), &shape);
        }
        Tensor::from_parts(data, shape)
    }

    #[cold]
    #[inline(never)]
    fn wrong_result_size(len: usize, shape: &[usize]) -> ! {
        unreachable!("einsum built a result of {len} elements for shape {shape:?}")
    }
}
