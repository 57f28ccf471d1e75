//! Tiers: which kernel runs a loop nest of the plan.
//!
//! 1. **Loops** (every step): the nest `plan` orders, unrolled by the compiler when extents
//!    come from array types. Exact for every element type; the only tier for integers, user
//!    `Scalar`s, single-operand steps and diagonals.
//! 2. **Matrix product** (pairwise steps of this shape, `f32`/`f64`, above a run-time size
//!    threshold): a packed, register-tiled GEMM (faer's, chosen by measurement; it has its own
//!    small-matrix kernels, so the mid sizes need no third tier) called on the tensors' own
//!    strides, once per position of the batch indices. The thresholds are part of the plan
//!    ([`MatrixProduct::min_summed`], [`MatrixProduct::min_multiply_adds`]), which the
//!    generated code compares with the extents it finds and `explain!` prints.
//!
//! A pairwise step is a matrix product when every index it runs over falls in one group:
//! `batch` (both factors and the result), `rows` (the left factor and the result), `cols`
//! (the right factor and the result) and `summed` (both factors, not the result), and each
//! of `rows`, `cols` and `summed` can be read as one axis: its indices adjacent and in the
//! same order in every tensor that has them, so one stride steps through the group. The
//! summed group must not be empty (that is an outer product: no sums to block) and the
//! result must have a row or a column (else it is a dot product, which the loops do at the
//! speed of memory).
//!
//! In a call with `...`, every step runs once per position of the broadcast `...` axes (a
//! walk around all the steps, each tensor offset to the position, an extent of 1 or a missing
//! axis staying put): those axes are a batch the walk loops over, and the step is classified
//! over its named indices. A term's `...` is given to [`matrix_product`] as [`ELLIPSIS`] among
//! its axes: no group may span it, because the `...` axes lie between those indices in memory.
//! The only step of such a call whose `...` falls among its rows or columns
//! ([`matrix_product_over_ellipsis`]: `...j,jk->...k`) is instead one product over every
//! position, the positions one axis of its rows or columns.

/// An index of the plan (a position in its list of letters).
type Index = usize;

/// Stands for a term's `...` among the axes given to [`matrix_product`]: the axes the walk
/// over the `...` positions steps through, in no group, and between the named indices on
/// either side of it in memory.
pub const ELLIPSIS: Index = usize::MAX;

/// A summed extent below this keeps the loops. With extents from array types (the d = 2 and
/// d = 3 kernels of a mixture model) the compiler unrolls and vectorises them, and a short
/// `k` is where they compete; with run-time extents faer is faster even there (7-12x at
/// k = 2..4 and 1,000 rows), a gap this threshold leaves open because the macro cannot tell
/// the two apart.
pub const MIN_SUMMED: usize = 8;

/// Below this many multiply-adds the loops keep the step: at 4 x 4 x 4 the two tie, from
/// 8 x 8 x 8 on faer is 3x faster than the loops and the gap grows with the extents
/// (BENCHMARKS.md, "Where the GEMM tier starts").
pub const MIN_MULTIPLY_ADDS: usize = 8 * 8 * 8;

/// A result of fewer elements per batch position keeps the loops: a 2 x 2 scatter matrix
/// summed over 130,000 points took 2.65x the loops' time through the GEMM (`./bench/compare`,
/// `einsum_over_hand_musig`), whose packing is wasted on so few columns.
pub const MIN_RESULT_ELEMENTS: usize = 8 * 8;

/// A pairwise step as a matrix product `result = left · right`, one per batch position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixProduct {
    /// Indices of both factors and the result: one product per value of these.
    pub batch: Vec<Index>,
    /// The left factor's free indices: the product's rows, in their order in the tensors;
    /// [`ELLIPSIS`] among them for the positions of the `...` axes, when the product runs over
    /// all of them.
    pub rows: Vec<Index>,
    /// The right factor's free indices: the product's columns (with [`ELLIPSIS`] likewise).
    pub cols: Vec<Index>,
    /// The indices summed over: the inner dimension.
    pub summed: Vec<Index>,
    /// The GEMM runs when the summed extent is at least this ...
    pub min_summed: usize,
    /// ... and the product has at least this many multiply-adds ...
    pub min_multiply_adds: usize,
    /// ... and the result at least this many elements; the loops run otherwise.
    pub min_result_elements: usize,
}

impl MatrixProduct {
    /// Whether the product runs over every position of the `...` axes at once, with them among
    /// its rows or its columns ([`ELLIPSIS`] in that group; see
    /// [`matrix_product_over_ellipsis`]).
    pub fn over_every_position(&self) -> bool {
        self.rows.contains(&ELLIPSIS) || self.cols.contains(&ELLIPSIS)
    }
}

/// The step `result = left * right` as a matrix product, if it is one (see the module docs).
pub fn matrix_product(left: &[Index], right: &[Index], result: &[Index]) -> Option<MatrixProduct> {
    classify(left, right, result, false)
}

/// The step `result = left * right` of a call with `...` as one matrix product over every
/// position of the `...` axes, if it is one with the `...` among its rows or its columns
/// ([`ELLIPSIS`] in that group): `...j,jk->...k` is one `(positions) x j` by `j x k` product,
/// where the walk over the positions runs a vector-matrix product at each. For the only step
/// of a call: then only one factor has the `...` (both would make it a batch), so its `...`
/// axes are the broadcast shape, nothing stretches, and in it and in the (row-major) result one
/// stride steps through every position.
pub fn matrix_product_over_ellipsis(
    left: &[Index],
    right: &[Index],
    result: &[Index],
) -> Option<MatrixProduct> {
    let product = classify(left, right, result, true)?;
    (product.batch.is_empty() && product.over_every_position()).then_some(product)
}

/// The groups of `result = left * right`, [`ELLIPSIS`] among the indices when
/// `ellipsis_is_an_index`, else only where no group may span.
fn classify(
    left: &[Index],
    right: &[Index],
    result: &[Index],
    ellipsis_is_an_index: bool,
) -> Option<MatrixProduct> {
    let tensors = [left, right, result];
    if tensors.iter().any(|axes| has_repeats(axes)) {
        return None;
    }
    let mut groups = MatrixProduct {
        batch: Vec::new(),
        rows: Vec::new(),
        cols: Vec::new(),
        summed: Vec::new(),
        min_summed: MIN_SUMMED,
        min_multiply_adds: MIN_MULTIPLY_ADDS,
        min_result_elements: MIN_RESULT_ELEMENTS,
    };
    let all: Vec<Index> = left.iter().chain(right).copied().collect();
    for (position, &index) in all.iter().enumerate() {
        if (index == ELLIPSIS && !ellipsis_is_an_index) || all[..position].contains(&index) {
            continue;
        }
        let group = match (
            left.contains(&index),
            right.contains(&index),
            result.contains(&index),
        ) {
            (true, true, true) => &mut groups.batch,
            (true, false, true) => &mut groups.rows,
            (false, true, true) => &mut groups.cols,
            (true, true, false) => &mut groups.summed,
            // summed within one factor only: a reduction, not a product
            _ => return None,
        };
        group.push(index);
    }
    if groups.summed.is_empty() || (groups.rows.is_empty() && groups.cols.is_empty()) {
        return None;
    }
    for group in [&mut groups.rows, &mut groups.cols, &mut groups.summed] {
        *group = as_one_axis(group, &tensors)?;
    }
    Some(groups)
}

fn has_repeats(axes: &[Index]) -> bool {
    axes.iter()
        .enumerate()
        .any(|(position, index)| axes[..position].contains(index))
}

/// The group's indices in the order the tensors hold them, if every tensor that has them
/// holds them adjacent and in that order (a row-major tensor then steps through the group
/// with the stride of its last index); `None` if some tensor splits or reorders them.
fn as_one_axis(group: &[Index], tensors: &[&[Index]]) -> Option<Vec<Index>> {
    if group.is_empty() {
        return Some(Vec::new());
    }
    let mut order: Option<Vec<Index>> = None;
    for axes in tensors {
        let Some(start) = axes.iter().position(|a| group.contains(a)) else {
            continue;
        };
        let run = axes.get(start..start + group.len())?;
        if !run.iter().all(|a| group.contains(a)) {
            return None;
        }
        match &order {
            None => order = Some(run.to_vec()),
            Some(order) if order == run => {}
            Some(_) => return None,
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    // indices by letter, for readable cases
    const B: Index = 0;
    const I: Index = 1;
    const J: Index = 2;
    const K: Index = 3;
    const N: Index = 4;

    fn product(batch: &[Index], rows: &[Index], cols: &[Index], summed: &[Index]) -> MatrixProduct {
        MatrixProduct {
            batch: batch.to_vec(),
            rows: rows.to_vec(),
            cols: cols.to_vec(),
            summed: summed.to_vec(),
            min_summed: MIN_SUMMED,
            min_multiply_adds: MIN_MULTIPLY_ADDS,
            min_result_elements: MIN_RESULT_ELEMENTS,
        }
    }

    #[test]
    fn matmul_is_rows_times_cols_summed_over_the_shared_index() {
        // ij,jk->ik
        assert_eq!(
            matrix_product(&[I, J], &[J, K], &[I, K]),
            Some(product(&[], &[I], &[K], &[J]))
        );
    }

    #[test]
    fn transposes_are_strides_not_a_reason_to_refuse() {
        // ji,kj->ki: both factors transposed, the result too
        assert_eq!(
            matrix_product(&[J, I], &[K, J], &[K, I]),
            Some(product(&[], &[I], &[K], &[J]))
        );
    }

    #[test]
    fn a_shared_index_kept_in_the_result_is_a_batch() {
        // bij,bjk->bik
        assert_eq!(
            matrix_product(&[B, I, J], &[B, J, K], &[B, I, K]),
            Some(product(&[B], &[I], &[K], &[J]))
        );
    }

    #[test]
    fn the_scatter_matrix_sums_over_points() {
        // ni,nj->ij (the M-step's covariance, after weighting)
        assert_eq!(
            matrix_product(&[N, I], &[N, J], &[I, J]),
            Some(product(&[], &[I], &[J], &[N]))
        );
    }

    #[test]
    fn a_matrix_vector_product_has_no_columns() {
        // ij,j->i
        assert_eq!(
            matrix_product(&[I, J], &[J], &[I]),
            Some(product(&[], &[I], &[], &[J]))
        );
    }

    #[test]
    fn adjacent_indices_in_the_same_order_read_as_one_axis() {
        // ijk,kn->ijn: rows `ij` are one axis of extent |i||j| in both the left and the result
        assert_eq!(
            matrix_product(&[I, J, K], &[K, N], &[I, J, N]),
            Some(product(&[], &[I, J], &[N], &[K]))
        );
        // ijk,jkn->in: the summed `jk` likewise
        assert_eq!(
            matrix_product(&[I, J, K], &[J, K, N], &[I, N]),
            Some(product(&[], &[I], &[N], &[J, K]))
        );
    }

    #[test]
    fn a_group_split_or_reordered_by_some_tensor_keeps_the_loops() {
        // ijk,kn->jin: the result holds the rows in the other order
        assert_eq!(matrix_product(&[I, J, K], &[K, N], &[J, I, N]), None);
        // ikj,kn->ijn: the left factor splits the rows around `k`
        assert_eq!(matrix_product(&[I, K, J], &[K, N], &[I, J, N]), None);
    }

    #[test]
    fn dot_products_outer_products_and_reductions_keep_the_loops() {
        // i,i-> and ij,ij->: no rows and no columns
        assert_eq!(matrix_product(&[I], &[I], &[]), None);
        assert_eq!(matrix_product(&[I, J], &[I, J], &[]), None);
        // i,j->ij: nothing summed
        assert_eq!(matrix_product(&[I], &[J], &[I, J]), None);
        // ij,k->ik: `j` is summed within the left factor alone
        assert_eq!(matrix_product(&[I, J], &[K], &[I, K]), None);
        // ni,ni->n: every index a batch or summed, a row-wise dot product
        assert_eq!(matrix_product(&[N, I], &[N, I], &[N]), None);
    }

    #[test]
    fn the_ellipsis_is_a_batch_of_the_walk_and_no_group_spans_it() {
        const E: Index = ELLIPSIS;
        // ...ij,...jk->...ik: a GEMM per position of the `...` axes
        assert_eq!(
            matrix_product(&[E, I, J], &[E, J, K], &[E, I, K]),
            Some(product(&[], &[I], &[K], &[J]))
        );
        // ...ij,jk->...ik and bij,...jk->...bik: one factor stays put along the walk (`b`
        // then belongs to the rows)
        assert_eq!(
            matrix_product(&[E, I, J], &[J, K], &[E, I, K]),
            Some(product(&[], &[I], &[K], &[J]))
        );
        assert_eq!(
            matrix_product(&[B, I, J], &[E, J, K], &[E, B, I, K]),
            Some(product(&[], &[B, I], &[K], &[J]))
        );
        // b...ij,bjk->b...ik: a named batch inside the walk's
        assert_eq!(
            matrix_product(&[B, E, I, J], &[B, J, K], &[B, E, I, K]),
            Some(product(&[B], &[I], &[K], &[J]))
        );
        // ij...,jk->ik...: the `...` after the named axes, which then step over it
        assert_eq!(
            matrix_product(&[I, J, E], &[J, K], &[I, K, E]),
            Some(product(&[], &[I], &[K], &[J]))
        );
        // i...jk,kn->i...jn: rows `ij` around the `...` are not one axis
        assert_eq!(matrix_product(&[I, E, J, K], &[K, N], &[I, E, J, N]), None);
        // ...ijk,jkn->...in: the summed `jk` after it is
        assert_eq!(
            matrix_product(&[E, I, J, K], &[J, K, N], &[E, I, N]),
            Some(product(&[], &[I], &[N], &[J, K]))
        );
        // ...ii,...ij->...ij: a diagonal keeps the loops, `...` or not
        assert_eq!(matrix_product(&[E, I, I], &[E, I, J], &[E, I, J]), None);
    }

    #[test]
    fn the_ellipsis_among_the_rows_or_columns_is_one_product_over_every_position() {
        const E: Index = ELLIPSIS;
        // ...j,jk->...k and ...ij,jk->...ik: the positions are rows
        assert_eq!(
            matrix_product_over_ellipsis(&[E, J], &[J, K], &[E, K]),
            Some(product(&[], &[E], &[K], &[J]))
        );
        assert_eq!(
            matrix_product_over_ellipsis(&[E, I, J], &[J, K], &[E, I, K]),
            Some(product(&[], &[E, I], &[K], &[J]))
        );
        // jk,...j->...k: columns of a transposed result
        assert_eq!(
            matrix_product_over_ellipsis(&[J, K], &[E, J], &[E, K]),
            Some(product(&[], &[K], &[E], &[J]))
        );
        // ...ij,...jk->...ik: a batch, walked
        assert_eq!(
            matrix_product_over_ellipsis(&[E, I, J], &[E, J, K], &[E, I, K]),
            None
        );
        // ij,...jk->...ik: columns `...k` split by `i` in the result
        assert_eq!(
            matrix_product_over_ellipsis(&[I, J], &[E, J, K], &[E, I, K]),
            None
        );
        // without `...` nothing is folded
        assert_eq!(
            matrix_product_over_ellipsis(&[I, J], &[J, K], &[I, K]),
            None
        );
    }

    #[test]
    fn diagonals_keep_the_loops() {
        // ii,ij->ij is not a product of two plain matrices
        assert_eq!(matrix_product(&[I, I], &[I, J], &[I, J]), None);
    }
}
