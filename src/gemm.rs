//! The matrix-product tier: a pairwise step that the plan found to be a matrix product in
//! disguise (every index a batch, row, column or summed index, each group adjacent in the
//! tensors that carry it) is handed, above a size threshold, to a packed, register-tiled
//! GEMM, called on the tensors' own strides: a transposed or stepped operand (an ndarray view,
//! through [`StridedRef`](crate::StridedRef)) is read where it lies, with no copy.
//!
//! The GEMM is faer's `matmul`: timed in turns against the `gemm` crate and `matrixmultiply`
//! on the same row-major f64 data, one thread, it was the fastest at every size from 16 to
//! 1024 (`gemm` 1.7-2.0x and `matrixmultiply` 1.1-1.3x its time; BENCHMARKS.md).
//!
//! Only `f32` and `f64` have a GEMM ([`Scalar::GEMM`](crate::Scalar)); integers and user
//! types keep the exact loop tier. Without the `gemm` feature every type does.

use core::fmt;
use core::marker::PhantomData;

use crate::Scalar;

/// A read-only `rows x cols` matrix at element strides `[rows, columns]`: a GEMM operand.
///
/// Made from a slice ([`in_slice`](Self::in_slice), which checks that every element is inside
/// it) or from an operand's own strides ([`Source::matrix`](crate::__private::Source::matrix)),
/// so every element it names is readable for `'a`.
pub struct MatrixRef<'a, T> {
    start: *const T,
    extents: [usize; 2],
    strides: [usize; 2],
    /// Invariant: for `i < extents[0]`, `j < extents[1]`, `start + i·strides[0] +
    /// j·strides[1]` is an element readable for `'a`, in one allocation, at an offset that
    /// fits in `isize`.
    marker: PhantomData<&'a T>,
}

/// A mutable matrix at element strides: a GEMM result, made from a slice by
/// [`in_slice`](Self::in_slice) with the same check as [`MatrixRef::in_slice`].
pub struct MatrixMut<'a, T> {
    start: *mut T,
    extents: [usize; 2],
    strides: [usize; 2],
    /// Invariant: as [`MatrixRef`]'s, for reads and writes, and no other reference reaches
    /// these elements for `'a`.
    marker: PhantomData<&'a mut T>,
}

impl<T> fmt::Debug for MatrixRef<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [extents, strides] = [self.extents, self.strides];
        write!(
            f,
            "{extents:?} at strides {strides:?} from {:p}",
            self.start
        )
    }
}

impl<T> fmt::Debug for MatrixMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [extents, strides] = [self.extents, self.strides];
        write!(
            f,
            "{extents:?} at strides {strides:?} from {:p}",
            self.start
        )
    }
}

impl<'a, T> MatrixRef<'a, T> {
    /// The matrix of `extents` at `strides` over `data` from its first element.
    ///
    /// # Panics
    /// If an element lies past the end of `data` (a bug in the generated code, which derives
    /// both from the shapes it checked).
    #[inline]
    pub fn in_slice(data: &'a [T], extents: [usize; 2], strides: [usize; 2]) -> Self {
        assert!(
            fits(data.len(), extents, strides),
            "einsum: a {extents:?} matrix at strides {strides:?} reaches past {} elements",
            data.len()
        );
        // SAFETY: `fits` checked that the last element, and so every element, lies inside
        // `data`, which is borrowed for `'a` (and, a slice, shorter than `isize::MAX`).
        unsafe { Self::from_raw_parts(data.as_ptr(), extents, strides) }
    }

    /// # Safety
    /// Every element the extents and strides name, from `start`, is readable for `'a`, in the
    /// one allocation `start` points into, at an offset that fits in `isize`.
    pub(crate) unsafe fn from_raw_parts(
        start: *const T,
        extents: [usize; 2],
        strides: [usize; 2],
    ) -> Self {
        MatrixRef {
            start,
            extents,
            strides,
            marker: PhantomData,
        }
    }

    /// Rows and columns.
    pub fn extents(&self) -> [usize; 2] {
        self.extents
    }

    /// The strides of rows and columns, in elements.
    pub fn strides(&self) -> [usize; 2] {
        self.strides
    }
}

impl<'a, T> MatrixMut<'a, T> {
    /// The matrix of `extents` at `strides` over `data` from its first element.
    ///
    /// # Panics
    /// As [`MatrixRef::in_slice`].
    #[inline]
    pub fn in_slice(data: &'a mut [T], extents: [usize; 2], strides: [usize; 2]) -> Self {
        assert!(
            fits(data.len(), extents, strides),
            "einsum: a {extents:?} result at strides {strides:?} reaches past {} elements",
            data.len()
        );
        MatrixMut {
            start: data.as_mut_ptr(),
            extents,
            strides,
            marker: PhantomData,
        }
    }
}

/// A GEMM for one element type: what [`Scalar::GEMM`](crate::Scalar) holds. It computes
/// `result = left · right`, or `result += left · right` when `accumulate`, on matrices whose
/// extents [`matmul`] checked to agree.
pub type Gemm<T> = fn(MatrixMut<'_, T>, MatrixRef<'_, T>, MatrixRef<'_, T>, bool);

/// With the `rayon` feature, the fewest result elements (`m·n`) a product needs to run on
/// several threads ...
pub const PARALLEL_MIN_ROWS_COLS: usize = 256 * 256;
/// ... and the fewest multiply-adds.
pub const PARALLEL_MIN_MULTIPLY_ADDS: usize = 1 << 24;

/// Whether the element type has a GEMM and the product `m x k` by `k x n` reaches the plan's
/// thresholds (`k >= min_summed`, `m·n·k >= min_multiply_adds`, `m·n >= min_result_elements`)
/// where a GEMM pays.
#[cfg_attr(debug_assertions, inline)]
#[cfg_attr(not(debug_assertions), inline(always))]
pub fn pays<T: Scalar>(
    _like: &[T],
    [m, n, k]: [usize; 3],
    [min_summed, min_multiply_adds, min_result_elements]: [usize; 3],
) -> bool {
    let elements = m.saturating_mul(n);
    T::GEMM.is_some()
        && k >= min_summed
        && elements >= min_result_elements
        && elements.saturating_mul(k) >= min_multiply_adds
}

/// The largest offset `extents` and `strides` reach, if every extent is positive.
fn last_offset(extents: [usize; 2], strides: [usize; 2]) -> Option<usize> {
    if extents.contains(&0) {
        return Some(0);
    }
    let rows = (extents[0] - 1).checked_mul(strides[0])?;
    let cols = (extents[1] - 1).checked_mul(strides[1])?;
    rows.checked_add(cols)
}

/// Whether a strided `extents` matrix lies inside `len` elements.
fn fits(len: usize, extents: [usize; 2], strides: [usize; 2]) -> bool {
    let empty = extents.contains(&0);
    empty || last_offset(extents, strides).is_some_and(|last| last < len)
}

/// `result = left · right`, or `result += left · right` when `accumulate`, on the element
/// type's GEMM.
///
/// # Panics
/// If the extents do not agree (`m x k` by `k x n` into `m x n`: a bug in the generated code,
/// which derives them from the shapes it checked), or the type has no GEMM.
///
/// Out of line (one copy per element type, not one with its checks in every call that has a
/// matrix-product step): the GEMM it calls dwarfs the call.
#[inline(never)]
pub fn matmul<T: Scalar>(
    result: MatrixMut<'_, T>,
    left: MatrixRef<'_, T>,
    right: MatrixRef<'_, T>,
    accumulate: bool,
) {
    let [m, k] = left.extents;
    let n = right.extents[1];
    assert!(
        right.extents[0] == k && result.extents == [m, n],
        "einsum: a matrix product of {left:?} by {right:?} into {result:?}"
    );
    match T::GEMM {
        Some(gemm) => gemm(result, left, right, accumulate),
        None => unreachable!("matmul on a type without a GEMM"),
    }
}

#[cfg(feature = "gemm")]
pub(crate) use with_faer::{gemm_f32, gemm_f64};

#[cfg(feature = "gemm")]
mod with_faer {
    use super::{MatrixMut, MatrixRef};
    use faer::{Accum, MatMut, MatRef, Par};

    /// With the `rayon` feature, products with at least [`PARALLEL_MIN_ROWS_COLS`] result
    /// elements and [`PARALLEL_MIN_MULTIPLY_ADDS`] multiply-adds run on rayon's pool: faer
    /// splits them over rows and columns, never over the sum, so every element is summed in
    /// the same order on any number of threads (a test). A product with few result elements
    /// and a long sum (a scatter matrix over many points) stays on one thread: faer on two
    /// threads took 60x as long as on one for 64 x 64 x 100,000 on this machine.
    ///
    /// [`PARALLEL_MIN_ROWS_COLS`]: super::PARALLEL_MIN_ROWS_COLS
    /// [`PARALLEL_MIN_MULTIPLY_ADDS`]: super::PARALLEL_MIN_MULTIPLY_ADDS
    #[cfg(feature = "rayon")]
    fn parallelism([m, n, k]: [usize; 3]) -> Par {
        let elements = m.saturating_mul(n);
        let threads = Par::rayon(0);
        // on a pool of one thread (RAYON_NUM_THREADS=1, or inside a one-thread pool) faer's
        // parallel path took 2.8x its sequential one for x P at d = 64 (`./bench/compare`)
        if threads.degree() > 1
            && elements >= super::PARALLEL_MIN_ROWS_COLS
            && elements.saturating_mul(k) >= super::PARALLEL_MIN_MULTIPLY_ADDS
        {
            threads
        } else {
            Par::Seq
        }
    }

    #[cfg(not(feature = "rayon"))]
    fn parallelism(_: [usize; 3]) -> Par {
        Par::Seq
    }

    /// A stride of a matrix whose offsets fit in `isize` (the matrices' invariant).
    fn stride(s: usize) -> isize {
        isize::try_from(s).expect("a stride of a checked matrix fits in isize")
    }

    macro_rules! gemm_for {
        ($name:ident, $t:ty) => {
            /// Calls faer's `matmul` on the matrices' own strides (extents checked by
            /// `matmul`).
            pub(crate) fn $name(
                result: MatrixMut<'_, $t>,
                left: MatrixRef<'_, $t>,
                right: MatrixRef<'_, $t>,
                accumulate: bool,
            ) {
                let [m, k] = left.extents;
                let n = right.extents[1];
                let [lr, lc] = left.strides.map(stride);
                let [rr, rc] = right.strides.map(stride);
                let [cr, cc] = result.strides.map(stride);
                // SAFETY: each matrix's invariant (checked by `in_slice`, or derived from an
                // operand's shape by `StridedRef::matrix`) makes every element these views
                // name readable, the result's writable, each in one allocation; the result
                // is borrowed mutably for its lifetime, so it overlaps neither operand.
                let (c, a, b) = unsafe {
                    (
                        MatMut::from_raw_parts_mut(result.start, m, n, cr, cc),
                        MatRef::from_raw_parts(left.start, m, k, lr, lc),
                        MatRef::from_raw_parts(right.start, k, n, rr, rc),
                    )
                };
                let accum = if accumulate {
                    Accum::Add
                } else {
                    Accum::Replace
                };
                faer::linalg::matmul::matmul(c, accum, a, b, 1.0, parallelism([m, n, k]));
            }
        };
    }

    gemm_for!(gemm_f64, f64);
    gemm_for!(gemm_f32, f32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matrix_fits_when_its_last_element_is_inside() {
        assert!(fits(6, [2, 3], [3, 1]));
        assert!(!fits(5, [2, 3], [3, 1]));
        assert!(fits(6, [3, 2], [1, 3]));
        assert!(fits(0, [0, 3], [3, 1]));
        assert!(!fits(usize::MAX, [2, 2], [usize::MAX, 1]));
    }

    #[cfg(feature = "gemm")]
    #[test]
    fn a_transposed_product_reads_the_strides_it_is_given() {
        // A = [[1, 2], [3, 4]] stored column-major; B = I; C row-major
        let a = [1.0, 3.0, 2.0, 4.0];
        let b = [1.0, 0.0, 0.0, 1.0];
        let mut c = [10.0; 4];
        let product = |c: &mut [f64], accumulate| {
            matmul(
                MatrixMut::in_slice(c, [2, 2], [2, 1]),
                MatrixRef::in_slice(&a, [2, 2], [1, 2]),
                MatrixRef::in_slice(&b, [2, 2], [2, 1]),
                accumulate,
            )
        };
        product(&mut c, true);
        assert_eq!(c, [11.0, 12.0, 13.0, 14.0]);
        product(&mut c, false);
        assert_eq!(c, [1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    #[should_panic(expected = "reaches past")]
    fn a_matrix_past_its_data_panics() {
        MatrixRef::in_slice(&[1.0; 3], [2, 2], [2, 1]);
    }

    #[test]
    #[should_panic(expected = "a matrix product of")]
    fn extents_that_disagree_panic() {
        let mut c = [0.0f64; 4];
        matmul(
            MatrixMut::in_slice(&mut c, [2, 2], [2, 1]),
            MatrixRef::in_slice(&[1.0; 6], [2, 3], [3, 1]),
            MatrixRef::in_slice(&[1.0; 4], [2, 2], [2, 1]),
            false,
        );
    }
}
