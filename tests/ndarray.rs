//! ndarray arrays and views through the `ndarray` feature: standard layouts in place, other
//! non-negative strides (transposes, steps, permuted axes) handed to the GEMM at their own
//! strides and read by the loops through a row-major copy, negative steps through a copy,
//! outputs in place, and a clear error for an output that is not row-major. Each result is
//! checked against ndarray's own arithmetic, an element-by-element loop or the reference
//! evaluator.
//!
//! Runs with the feature only: `cargo test -p einsum --features ndarray --test ndarray` (in
//! `.ci/run`). The feature stays off in `cargo test --workspace`, because the compile-error
//! messages of `tests/ui/` list the operand impls in scope, and ndarray's would change them.
#![cfg(feature = "ndarray")]

mod common;

use common::{TestScalar, assert_near, random, reference_einsum, rng};
use einsum::{Place, ShapeError, einsum, try_einsum};
use ndarray::{Array, Array1, Array2, Array3, ArrayD, ArrayView, Dimension, IxDyn, s};

/// A matrix with distinct, non-symmetric entries.
fn matrix(rows: usize, cols: usize, salt: f64) -> Array2<f64> {
    Array::from_shape_fn((rows, cols), |(i, j)| {
        ((i * cols + j) as f64 * 0.37 + salt).sin() + 0.1 * i as f64
    })
}

fn assert_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-12 * (1.0 + w.abs()),
            "element {k}: {g} vs {w}"
        );
    }
}

#[test]
fn standard_layout_matmul_matches_dot() {
    let a = matrix(4, 3, 0.0);
    let b = matrix(3, 5, 1.0);
    let c = einsum!("ij,jk->ik", a, b);
    assert_eq!(c.shape(), [4, 5]);
    assert_close(c.as_slice(), a.dot(&b).as_slice().unwrap());
}

#[test]
fn transposed_strided_and_reversed_views_are_read_through_a_copy() {
    let a = matrix(6, 4, 0.5);
    let b = matrix(6, 3, 2.0);
    // a.t() is column-major: (4, 6) with strides (1, 4)
    let c = einsum!("ij,jk->ik", a.t(), b);
    assert_close(c.as_slice(), a.t().dot(&b).as_slice().unwrap());
    // every second row, and the rows reversed
    let every_second = a.slice(s![..;2, ..]);
    let reversed = b.slice(s![..;-2, ..]);
    let d = einsum!("ni,nj->ij", every_second, reversed);
    let want = every_second.t().dot(&reversed);
    assert_close(d.as_slice(), want.as_standard_layout().as_slice().unwrap());
}

#[test]
fn mahalanobis_form_with_a_correlated_inverse() {
    let d = matrix(50, 2, 0.3);
    let inv = ndarray::arr2(&[[2.0, -0.8], [-0.8, 1.5]]);
    let m = einsum!("ni,ij,nj->n", d, inv, d);
    let want: Vec<f64> = d.rows().into_iter().map(|r| r.dot(&inv.dot(&r))).collect();
    assert_close(m.as_slice(), &want);
}

#[test]
fn outputs_are_written_in_place_and_accumulated() {
    let a = matrix(3, 4, 0.1);
    let b = matrix(4, 2, 0.9);
    let mut out = Array2::<f64>::from_elem((3, 2), 7.0);
    einsum!(out = "ij,jk->ik", a, b);
    assert_close(out.as_slice().unwrap(), a.dot(&b).as_slice().unwrap());
    einsum!(out += "ij,jk->ik", a, b);
    let twice = a.dot(&b) * 2.0;
    assert_close(out.as_slice().unwrap(), twice.as_slice().unwrap());
}

/// Operand expressions whose value borrows a temporary of the same expression: a view of a
/// slice (`a.slice(..).t()`), a view of an array a function returns (`matrix(..).view()`), and
/// that array itself. Every temporary lives until the call has run: for the returning form,
/// `out =`, `out +=` and `try_einsum!`, in the loop tier and above the GEMM thresholds.
#[test]
fn operands_that_borrow_temporaries_of_their_own_expression() {
    for [m, k, n] in [[3, 4, 5], [16, 24, 20]] {
        // every second row of a (2k x m) matrix, transposed: m x k, neither layout row-major
        let a = matrix(2 * k, m, 0.3);
        let want = a.slice(s![..;2, ..]).t().dot(&matrix(k, n, 1.1));
        let want: Vec<f64> = want.iter().copied().collect();
        let c = einsum!(
            "ij,jk->ik",
            a.slice(s![..;2, ..]).t(),
            matrix(k, n, 1.1).view()
        );
        assert_close(c.as_slice(), &want);
        let c = try_einsum!("ij,jk->ik", a.slice(s![..;2, ..]).t(), matrix(k, n, 1.1)).unwrap();
        assert_close(c.as_slice(), &want);
        let mut out = Array2::<f64>::from_elem((m, n), 7.0);
        einsum!(
            out = "ij,jk->ik",
            a.slice(s![..;2, ..]).t(),
            matrix(k, n, 1.1).view()
        );
        assert_close(out.as_slice().unwrap(), &want);
        einsum!(
            out += "ij,jk->ik",
            a.slice(s![..;2, ..]).t(),
            matrix(k, n, 1.1)
        );
        let twice: Vec<f64> = want.iter().map(|w| 2.0 * w).collect();
        assert_close(out.as_slice().unwrap(), &twice);
        // into a temporary view of a row of the buffer, from a row of a temporary view
        einsum!(
            out.row_mut(0) = "j,jk->k",
            a.slice(s![..;2, ..]).t().row(0),
            matrix(k, n, 1.1)
        );
        let row: Vec<f64> = want[..n].to_vec();
        assert_close(out.row(0).to_vec().as_slice(), &row);
    }
    // a term with `...`: a view of an array a function returns
    let cube = || Array3::from_shape_fn((2, 3, 4), |(b, i, j)| (b * 12 + i * 4 + j) as f64 - 5.0);
    let batched = einsum!(
        "...ij,jk->...ik",
        cube().view(),
        matrix(6, 2, 0.7).slice(s![..4, ..])
    );
    let mut want = Vec::new();
    let (x, y) = (cube(), matrix(6, 2, 0.7));
    for b in 0..2 {
        let xb: ndarray::ArrayView2<f64> = x.slice(s![b, .., ..]);
        want.extend(xb.dot(&y.slice(s![..4, ..])).iter().copied());
    }
    assert_close(batched.as_slice(), &want);
}

#[test]
fn an_output_that_is_not_row_major_is_an_error_and_untouched() {
    let a = matrix(3, 3, 0.4);
    let mut out = Array2::<f64>::zeros((3, 3));
    let err = try_einsum!(out.view_mut().reversed_axes() = "ij->ij", a).unwrap_err();
    assert!(
        matches!(
            err,
            ShapeError::NotRowMajor {
                place: Place::Output { .. }
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("as_standard_layout"), "{err}");
    assert!(out.iter().all(|&x| x == 0.0));
}

#[test]
fn dynamic_rank_arrays_and_ellipsis_batches() {
    let x = Array3::from_shape_fn((2, 3, 4), |(b, i, j)| {
        (b * 12 + i * 4 + j) as f64 * 0.5 - 3.0
    });
    let y = Array3::from_shape_fn((2, 4, 2), |(b, j, k)| (b + 2 * j + 3 * k) as f64 - 4.0);
    let batched = einsum!("...ij,...jk->...ik", x, y);
    assert_eq!(batched.shape(), &[2, 3, 2]);
    let mut want = Vec::new();
    for b in 0..2 {
        let xb: ndarray::ArrayView2<f64> = x.slice(s![b, .., ..]);
        let yb: ndarray::ArrayView2<f64> = y.slice(s![b, .., ..]);
        want.extend(xb.dot(&yb).iter().copied());
    }
    assert_close(batched.as_slice(), &want);
    // the same with the batch axis moved last in a permuted (non-row-major) view
    let x_last = x.view().permuted_axes([1, 2, 0]);
    let y_last = y.view().permuted_axes([1, 2, 0]);
    let moved = einsum!("ij...,jk...->ik...", x_last, y_last);
    assert_eq!(moved.shape(), &[3, 2, 2]);
    let moved_back = ArrayD::from_shape_vec(IxDyn(moved.shape()), moved.as_slice().to_vec())
        .unwrap()
        .permuted_axes(IxDyn(&[2, 0, 1]));
    assert_close(moved_back.as_standard_layout().as_slice().unwrap(), &want);
    // a dynamic-rank array as a fixed-rank operand, its rank checked at run time
    let dynamic = x.clone().into_dyn();
    let trace_like = einsum!("bij->b", dynamic);
    assert_close(
        trace_like.as_slice(),
        &[x.slice(s![0, .., ..]).sum(), x.slice(s![1, .., ..]).sum()],
    );
    let err = try_einsum!("ij->i", dynamic).unwrap_err();
    assert!(
        matches!(
            err,
            ShapeError::Rank {
                found: 3,
                expected: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn an_empty_array_whose_outer_product_overflows_is_an_error() {
    // ndarray allows a 2^40 x 0 array; the 2^40 x 2^40 result of `ij,kj->ik` fits no buffer
    let a = Array2::<f64>::zeros((1 << 40, 0));
    let err = try_einsum!("ij,kj->ik", a, a).unwrap_err();
    assert!(matches!(err, ShapeError::TooManyElements { .. }), "{err:?}");
    // and the same through a transposed (copied) view
    let err = try_einsum!("ji,jk->ik", a.t(), a.t()).unwrap_err();
    assert!(matches!(err, ShapeError::TooManyElements { .. }));
}

/// Random data of the given shape, standard layout.
fn random_array<T: TestScalar, Sh: ndarray::ShapeBuilder>(
    seed: u64,
    shape: Sh,
) -> Array<T, Sh::Dim> {
    let shape = shape.into_shape_with_order();
    let data = random::<T>(&mut rng(seed), shape.size());
    Array::from_shape_vec(shape, data).unwrap()
}

/// A view's elements in row-major order, with its shape, as the reference evaluator takes them.
fn row_major<T: TestScalar, D: Dimension>(view: &ArrayView<'_, T, D>) -> (Vec<T>, Vec<usize>) {
    (view.iter().copied().collect(), view.shape().to_vec())
}

/// `einsum!` on two views against the reference evaluator: the owned result, `=` into a
/// buffer of garbage and `+=` into it.
macro_rules! check_views {
    ($t:ty, $subscripts:literal, $k:expr, $a:expr, $b:expr) => {{
        let (a, b) = ($a, $b);
        let ((ad, ash), (bd, bsh)) = (row_major(&a), row_major(&b));
        let (want, shape) = reference_einsum::<$t>($subscripts, &[(&ad, &ash), (&bd, &bsh)]);
        let context = format!("{} on {:?} x {:?}", $subscripts, a.strides(), b.strides());
        let got = einsum!($subscripts, a, b);
        assert_eq!(&got.shape()[..], &shape[..], "{context}");
        assert_near(got.as_slice(), &want, $k, &context);
        let garbage = random::<$t>(&mut rng(7), want.len());
        let mut buffer = Array::from_shape_vec(got.shape(), garbage.clone()).unwrap();
        einsum!(buffer = $subscripts, a, b);
        assert_near(
            buffer.as_slice().unwrap(),
            &want,
            $k,
            &format!("= {context}"),
        );
        let mut buffer = Array::from_shape_vec(got.shape(), garbage.clone()).unwrap();
        einsum!(buffer += $subscripts, a, b);
        let plus: Vec<$t> = garbage.iter().zip(&want).map(|(&x, &y)| x + y).collect();
        assert_near(
            buffer.as_slice().unwrap(),
            &plus,
            $k,
            &format!("+= {context}"),
        );
    }};
}

/// Every layout the GEMM reads at its own strides, one it cannot (groups whose strides do not
/// chain: the loops on a copy), and negative strides (a copy before the loops), at extents
/// `m x k` by `k x n`: above the GEMM's thresholds or below them.
fn strided_views<T: TestScalar>(seed: u64, [m, k, n]: [usize; 3]) {
    let a = random_array::<T, _>(seed, (m, k));
    let a_t = random_array::<T, _>(seed + 1, (k, m));
    let a_wide = random_array::<T, _>(seed + 2, (m, 2 * k));
    let b = random_array::<T, _>(seed + 3, (k, n));
    let b_t = random_array::<T, _>(seed + 4, (n, k));
    let b_tall = random_array::<T, _>(seed + 5, (2 * k, n));
    // transposed (column-major) operands, one or both
    check_views!(T, "ij,jk->ik", k, a_t.t(), b.view());
    check_views!(T, "ij,jk->ik", k, a.view(), b_t.t());
    check_views!(T, "ij,jk->ik", k, a_t.t(), b_t.t());
    // every second column of the left, every second row of the right: both strides above 1
    check_views!(
        T,
        "ij,jk->ik",
        k,
        a_wide.slice(s![.., ..;2]),
        b_tall.slice(s![..;2, ..])
    );
    // a transposed result written through the loops' or the GEMM's strides
    check_views!(T, "ij,jk->ki", k, a_t.t(), b_t.t());
    // negative strides: a row-major copy, whichever tier runs
    check_views!(
        T,
        "ij,jk->ik",
        k,
        a.slice(s![..;-1, ..]),
        b.slice(s![.., ..;-1])
    );
    // the scatter matrix of every second point
    let x = random_array::<T, _>(seed + 6, (2 * m, k));
    check_views!(
        T,
        "ni,nj->ij",
        m,
        x.slice(s![..;2, ..]),
        x.slice(s![..;2, ..;-1])
    );
    // a batch whose axis is not outermost in memory
    let x = random_array::<T, _>(seed + 7, (m, 3, k));
    let y = random_array::<T, _>(seed + 8, (k, 3, n));
    check_views!(
        T,
        "bij,bjk->bik",
        k,
        x.view().permuted_axes([1, 0, 2]),
        y.view().permuted_axes([1, 0, 2])
    );
    // rows `ab` whose strides do not chain (b's stride times its extent is not a's): the
    // loops, on a copy
    let x = random_array::<T, _>(seed + 9, (m, 2, k));
    check_views!(
        T,
        "abj,jk->abk",
        k,
        x.view().permuted_axes([1, 0, 2]),
        b.view()
    );
    // summed `cd` that chain in a stepped view (d every second element): the GEMM
    let y = random_array::<T, _>(seed + 10, (3, 2 * k, n));
    let x = random_array::<T, _>(seed + 11, (m, 3, k));
    check_views!(T, "icd,cdk->ik", 3 * k, x.view(), y.slice(s![.., ..;2, ..]));
}

#[test]
fn f64_strided_views_above_the_gemm_thresholds() {
    strided_views::<f64>(200, [40, 33, 17]);
}

#[test]
fn f32_strided_views_above_the_gemm_thresholds() {
    strided_views::<f32>(300, [40, 33, 17]);
}

#[test]
fn f64_strided_views_below_the_gemm_thresholds() {
    strided_views::<f64>(400, [3, 5, 2]);
}

#[test]
fn f32_strided_views_below_the_gemm_thresholds() {
    strided_views::<f32>(500, [3, 5, 2]);
}

/// Matrix products under `...` on views of other layouts: a term with `...` is read through
/// one row-major copy, a term without it at its own strides by the GEMM at every position.
fn ellipsis_views<T: TestScalar>(seed: u64, [m, k, n]: [usize; 3]) {
    let x = random_array::<T, _>(seed, (m, 3, k));
    let y_t = random_array::<T, _>(seed + 1, (3, n, k));
    let b_t = random_array::<T, _>(seed + 2, (n, k));
    // the `...` axis not outermost in memory, and a factor transposed at every position
    check_views!(
        T,
        "...ij,...jk->...ik",
        k,
        x.view().permuted_axes([1, 0, 2]),
        y_t.view().permuted_axes([0, 2, 1])
    );
    // a transposed factor without `...`, at its strides; a reversed one, copied
    check_views!(
        T,
        "...ij,jk->...ik",
        k,
        x.view().permuted_axes([1, 0, 2]),
        b_t.t()
    );
    check_views!(T, "...ij,jk->...ik", k, x.slice(s![..;-1, .., ..]), b_t.t());
    check_views!(
        T,
        "ij,...jk->...ik",
        k,
        b_t.view(),
        x.view().permuted_axes([0, 2, 1])
    );
}

#[test]
fn f64_ellipsis_views_above_the_gemm_thresholds() {
    ellipsis_views::<f64>(900, [40, 33, 17]);
}

#[test]
fn f32_ellipsis_views_above_the_gemm_thresholds() {
    ellipsis_views::<f32>(910, [40, 33, 17]);
}

#[test]
fn f64_ellipsis_views_below_the_gemm_thresholds() {
    ellipsis_views::<f64>(920, [3, 5, 2]);
}

#[test]
fn strided_views_with_extents_of_zero_and_one() {
    for [m, k, n] in [
        [0, 64, 64],
        [64, 0, 64],
        [64, 64, 0],
        [1, 64, 100],
        [100, 64, 1],
    ] {
        let a_t = random_array::<f64, _>(600, (k, m));
        let b_t = random_array::<f64, _>(601, (n, k));
        check_views!(f64, "ij,jk->ik", k, a_t.t(), b_t.t());
    }
}

/// The views' layouts reach the GEMM as they are: a transpose and a stepped slice keep their
/// strides; a reversed axis is copied.
#[test]
fn the_gemm_is_handed_the_views_own_strides() {
    use einsum::__private::{Source, source};
    let a = Array2::<f64>::zeros((6, 4));
    assert!(matches!(source::<2, _>(&a), Ok(Source::Rows(_))));
    let (t, stepped, reversed) = (a.t(), a.slice(s![..;2, 1..;2]), a.slice(s![..;-1, ..]));
    let Ok(Source::Strided(t)) = source::<2, _>(&t) else {
        panic!("a transpose is read at its strides")
    };
    assert_eq!((t.shape(), t.strides()), ([4, 6], [1, 4]));
    let Ok(Source::Strided(stepped)) = source::<2, _>(&stepped) else {
        panic!("a stepped slice is read at its strides")
    };
    assert_eq!((stepped.shape(), stepped.strides()), ([3, 2], [8, 2]));
    assert_eq!(stepped.get([1, 0]), 0.0);
    assert!(matches!(source::<2, _>(&reversed), Ok(Source::Copied(_))));
}

/// A stepped view whose gaps hold the output (another view of the same array): the GEMM reads
/// the view's elements only, never the gaps the output is written into (Miri checks it).
#[test]
fn a_strided_operand_around_the_output_is_read_element_by_element() {
    let mut whole = random_array::<f64, _>(700, (3, 8, 8));
    let b = random_array::<f64, _>(701, (8, 8));
    let (a, mut out) = whole.multi_slice_mut((s![..;2, .., ..], s![1, .., ..]));
    // rows `ab` of the stepped view: a = 0 and 2, b = 0..8
    let (ad, ash) = row_major(&a.view());
    let (bd, bsh) = row_major(&b.view());
    let (want, _) = reference_einsum("abj,jk->abk", &[(&ad, &ash), (&bd, &bsh)]);
    let mut result = Array3::<f64>::zeros((2, 8, 8));
    einsum!(result = "abj,jk->abk", a, b);
    assert_near(result.as_slice().unwrap(), &want, 8, "abj,jk->abk");
    // and the product of the view's first matrix written into the gap between its matrices
    let first = a.slice(s![0, .., ..]);
    einsum!(out = "ij,jk->ik", first.t(), b);
    let (first, _) = row_major(&first.t());
    let (want, _) = reference_einsum("ij,jk->ik", &[(&first, &[8, 8]), (&bd, &bsh)]);
    assert_near(out.as_slice().unwrap(), &want, 8, "ij,jk->ik into the gap");
}

/// The weighted scatter matrix tile by tile over the points of a transposed view: each tile of
/// the view goes to the GEMM at its strides (a block of its rows), the weighting reads its copy.
#[test]
fn a_scatter_matrix_of_a_transposed_view_tile_by_tile() {
    for points in [1, 300, 1000] {
        let w = random_array::<f64, _>(800, points);
        let x_t = random_array::<f64, _>(801, (16, points));
        let x = x_t.t();
        let (xd, xsh) = row_major(&x);
        let (want, _) = reference_einsum(
            "n,ni,nj->ij",
            &[(w.as_slice().unwrap(), &[points]), (&xd, &xsh), (&xd, &xsh)],
        );
        let mut out = Array2::<f64>::from_elem((16, 16), 3.0);
        einsum!(out = "n,ni,nj->ij", w, x, x);
        assert_near(out.as_slice().unwrap(), &want, points, "n,ni,nj->ij");
    }
}

/// The quadratic form tile by tile over the points of a transposed view: each tile of the view
/// goes to the GEMM at its strides, the row dots read its copy; `=` into garbage. Two tiles of
/// 2,048 and 1 points at d = 64, and one tile.
#[test]
fn a_quadratic_form_of_a_transposed_view_tile_by_tile() {
    for points in [1, 300, 2049] {
        let x_t = random_array::<f64, _>(810, (64, points));
        let p = random_array::<f64, _>(811, (64, 64));
        let x = x_t.t();
        let (xd, xsh) = row_major(&x);
        let (want, _) = reference_einsum(
            "ni,ij,nj->n",
            &[(&xd, &xsh), (p.as_slice().unwrap(), &[64, 64]), (&xd, &xsh)],
        );
        let mut out = Array1::<f64>::from_elem(points, 3.0);
        einsum!(out = "ni,ij,nj->n", x, p, x);
        assert_near(out.as_slice().unwrap(), &want, 64 * 64, "ni,ij,nj->n");
    }
}
