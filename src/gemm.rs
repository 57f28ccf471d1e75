//! The matrix-product tier: a pairwise step that the plan found to be a matrix product in
//! disguise (every index a batch, row, column or summed index, each group adjacent in the
//! tensors that carry it) is handed, above a size threshold, to a packed, register-tiled
//! GEMM, called on the tensors' own strides, so no transposed copy is ever made.
//!
//! The GEMM is faer's `matmul`: timed in turns against the `gemm` crate and `matrixmultiply`
//! on the same row-major f64 data, one thread, it was the fastest at every size from 16 to
//! 1024 (`gemm` 1.7-2.0x and `matrixmultiply` 1.1-1.3x its time; BENCHMARKS.md).
//!
//! Only `f32` and `f64` have a GEMM ([`Scalar::GEMM`](crate::Scalar)); integers and user
//! types keep the exact loop tier. Without the `gemm` feature every type does.

use crate::Scalar;

/// One matrix product `C (m x n) = A (m x k) · B (k x n)` over strided data, or `C += A · B`.
///
/// Strides are in elements, `[rows, columns]`. A product the generated code builds has every
/// element it names inside the slices it passes; [`matmul`] checks that before any read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixProduct {
    /// Rows of `A` and `C`.
    pub m: usize,
    /// Columns of `B` and `C`.
    pub n: usize,
    /// Columns of `A`, rows of `B`: the summed extent.
    pub k: usize,
    /// Strides of `A`.
    pub left: [usize; 2],
    /// Strides of `B`.
    pub right: [usize; 2],
    /// Strides of `C`.
    pub result: [usize; 2],
    /// `C += A · B` (an `out += ...` call) rather than `C = A · B`.
    pub accumulate: bool,
}

/// A GEMM for one element type: what [`Scalar::GEMM`](crate::Scalar) holds.
pub type Gemm<T> = fn(&mut [T], &[T], &[T], &MatrixProduct);

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

/// Runs `product` on the element type's GEMM.
///
/// # Panics
/// If a matrix reaches past its slice, or a stride does not fit in `isize` (a bug in the
/// generated code, which derives both from the shapes it checked), or the type has no GEMM.
#[inline]
pub fn matmul<T: Scalar>(result: &mut [T], left: &[T], right: &[T], product: &MatrixProduct) {
    let MatrixProduct { m, n, k, .. } = *product;
    assert!(
        fits(result.len(), [m, n], product.result)
            && fits(left.len(), [m, k], product.left)
            && fits(right.len(), [k, n], product.right),
        "einsum: a matrix product reaches past its data: {product:?}, lengths {} {} {}",
        result.len(),
        left.len(),
        right.len()
    );
    match T::GEMM {
        Some(gemm) => gemm(result, left, right, product),
        None => unreachable!("matmul on a type without a GEMM"),
    }
}

#[cfg(feature = "gemm")]
pub(crate) use with_faer::{gemm_f32, gemm_f64};

#[cfg(feature = "gemm")]
mod with_faer {
    use super::MatrixProduct;
    use faer::{Accum, MatMut, MatRef, Par};

    /// With the `rayon` feature, products with at least [`PARALLEL_MIN_ROWS_COLS`] result
    /// elements and [`PARALLEL_MIN_MULTIPLY_ADDS`] multiply-adds run on rayon's pool: faer
    /// splits them over rows and columns, never over the sum, so every element is summed in
    /// the same order on any number of threads (a test). A product with few result elements
    /// and a long sum (a scatter matrix over many points) stays on one thread: faer on two
    /// threads took 60x as long as on one for 64 x 64 x 100,000 on this machine.
    #[cfg(feature = "rayon")]
    fn parallelism(p: &MatrixProduct) -> Par {
        let elements = p.m.saturating_mul(p.n);
        let threads = Par::rayon(0);
        // on a pool of one thread (RAYON_NUM_THREADS=1, or inside a one-thread pool) faer's
        // parallel path took 2.8x its sequential one for x P at d = 64 (`./bench/compare`)
        if threads.degree() > 1
            && elements >= super::PARALLEL_MIN_ROWS_COLS
            && elements.saturating_mul(p.k) >= super::PARALLEL_MIN_MULTIPLY_ADDS
        {
            threads
        } else {
            Par::Seq
        }
    }

    #[cfg(not(feature = "rayon"))]
    fn parallelism(_: &MatrixProduct) -> Par {
        Par::Seq
    }

    fn stride(s: usize) -> isize {
        isize::try_from(s).expect("a stride of a checked shape fits in isize")
    }

    macro_rules! gemm_for {
        ($name:ident, $t:ty) => {
            /// Calls faer's `matmul` on the product's strides (bounds checked by `matmul`).
            pub(crate) fn $name(result: &mut [$t], left: &[$t], right: &[$t], p: &MatrixProduct) {
                let [lr, lc] = p.left.map(stride);
                let [rr, rc] = p.right.map(stride);
                let [cr, cc] = p.result.map(stride);
                // SAFETY: `super::matmul` checked that every element these views name,
                // `(m-1)·rows + (n-1)·cols` at most, lies inside its slice; the result is
                // a `&mut` slice, so it does not overlap the two operands.
                let (c, a, b) = unsafe {
                    (
                        MatMut::from_raw_parts_mut(result.as_mut_ptr(), p.m, p.n, cr, cc),
                        MatRef::from_raw_parts(left.as_ptr(), p.m, p.k, lr, lc),
                        MatRef::from_raw_parts(right.as_ptr(), p.k, p.n, rr, rc),
                    )
                };
                let accum = if p.accumulate {
                    Accum::Add
                } else {
                    Accum::Replace
                };
                faer::linalg::matmul::matmul(c, accum, a, b, 1.0, parallelism(p));
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
        let p = MatrixProduct {
            m: 2,
            n: 2,
            k: 2,
            left: [1, 2],
            right: [2, 1],
            result: [2, 1],
            accumulate: true,
        };
        matmul(&mut c, &a, &b, &p);
        assert_eq!(c, [11.0, 12.0, 13.0, 14.0]);
        matmul(
            &mut c,
            &a,
            &b,
            &MatrixProduct {
                accumulate: false,
                ..p
            },
        );
        assert_eq!(c, [1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    #[should_panic(expected = "reaches past its data")]
    fn a_product_past_its_data_panics() {
        let mut c = [0.0f64; 4];
        let p = MatrixProduct {
            m: 2,
            n: 2,
            k: 2,
            left: [2, 1],
            right: [2, 1],
            result: [2, 1],
            accumulate: false,
        };
        matmul(&mut c, &[1.0; 3], &[1.0; 4], &p);
    }
}
