//! Matrix products inside calls with `...`: every step runs once per position of the broadcast
//! `...` axes, and a step whose named indices form a matrix product runs there as one GEMM (for
//! f32 and f64 above the plan's thresholds) on the tensors' offsets at that position; the only
//! step of a call with the `...` among its rows or columns runs as one GEMM over every
//! position. Checked
//! against the reference evaluator on seeded random data: extents of 1 that stretch on either
//! side, `...` of different ranks or absent from one factor, `...` before, between and after
//! the named axes, named batches, a chain through an intermediate, owned results, `=` into a
//! buffer of garbage and `+=`, f32, f64 and i64 (the loops), extents of 0 and 1 and each
//! threshold's edge.

mod common;

use common::{TestScalar, assert_near, random, reference_einsum, rng};
use einsum::{DynTensor, DynTensorRef, Tensor, TensorRef, einsum, explain};

/// `subscripts` on row-major operands of the given shapes (`DynTensorRef`s, or for a term
/// without `...` a `TensorRef` of its rank), against the reference evaluator: the owned result,
/// `=` into a buffer of garbage and `+=` into it. `$k` is the summed extent, for the tolerance.
macro_rules! check {
    ($t:ty, $seed:expr, $subscripts:literal, $k:expr, $($operand:tt),+) => {{
        let mut rng = rng($seed);
        let shapes: Vec<Vec<usize>> = vec![$(check!(@shape $operand)),+];
        let data: Vec<Vec<$t>> = shapes
            .iter()
            .map(|s| random::<$t>(&mut rng, s.iter().product()))
            .collect();
        let operands: Vec<(&[$t], &[usize])> =
            data.iter().zip(&shapes).map(|(d, s)| (&d[..], &s[..])).collect();
        let (want, want_shape) = reference_einsum($subscripts, &operands);
        let context = format!("{} on {:?}", $subscripts, shapes);
        let mut position = 0..;
        let views = ($(check!(@view data, shapes, position, $operand),)+);
        let got = check!(@call $subscripts, views, $($operand),+);
        assert_eq!(got.shape(), &want_shape[..], "{context}: shape");
        assert_near(got.as_slice(), &want, $k, &context);
        let garbage: Vec<$t> = random(&mut rng, want.len());
        let mut out = DynTensor::from_vec(garbage.clone(), &want_shape).unwrap();
        check!(@into $subscripts, out, =, views, $($operand),+);
        assert_near(out.as_slice(), &want, $k, &format!("= {context}"));
        let mut out = DynTensor::from_vec(garbage.clone(), &want_shape).unwrap();
        check!(@into $subscripts, out, +=, views, $($operand),+);
        let plus: Vec<$t> = garbage.iter().zip(&want).map(|(&g, &w)| g + w).collect();
        assert_near(out.as_slice(), &plus, $k, &format!("+= {context}"));
    }};
    (@shape [dyn $shape:expr]) => { $shape.to_vec() };
    (@shape [$rank:literal $shape:expr]) => { $shape.to_vec() };
    (@view $data:ident, $shapes:ident, $position:ident, [dyn $shape:expr]) => {{
        let k = $position.next().unwrap();
        DynTensorRef::new(&$data[k], &$shapes[k]).unwrap()
    }};
    (@view $data:ident, $shapes:ident, $position:ident, [$rank:literal $shape:expr]) => {{
        let k = $position.next().unwrap();
        let shape: [usize; $rank] = $shapes[k].clone().try_into().unwrap();
        TensorRef::new(&$data[k], shape).unwrap()
    }};
    (@call $subscripts:literal, $views:ident, $a:tt, $b:tt) => {
        einsum!($subscripts, $views.0, $views.1)
    };
    (@call $subscripts:literal, $views:ident, $a:tt, $b:tt, $c:tt) => {
        einsum!($subscripts, $views.0, $views.1, $views.2)
    };
    (@into $subscripts:literal, $out:ident, =, $views:ident, $a:tt, $b:tt) => {
        einsum!($out = $subscripts, $views.0, $views.1)
    };
    (@into $subscripts:literal, $out:ident, +=, $views:ident, $a:tt, $b:tt) => {
        einsum!($out += $subscripts, $views.0, $views.1)
    };
    (@into $subscripts:literal, $out:ident, =, $views:ident, $a:tt, $b:tt, $c:tt) => {
        einsum!($out = $subscripts, $views.0, $views.1, $views.2)
    };
    (@into $subscripts:literal, $out:ident, +=, $views:ident, $a:tt, $b:tt, $c:tt) => {
        einsum!($out += $subscripts, $views.0, $views.1, $views.2)
    };
}

/// Every arrangement of `...` around a matrix product, at `m x k` by `k x n` per position.
fn ellipsis_products<T: TestScalar>(seed: u64, [m, k, n]: [usize; 3]) {
    // the same `...` axes on both sides
    check!(T, seed, "...ij,...jk->...ik", k, [dyn [3, m, k]], [dyn [3, k, n]]);
    // extents of 1 that stretch, on either side, and on both sides at different axes
    check!(T, seed + 1, "...ij,...jk->...ik", k, [dyn [1, m, k]], [dyn [4, k, n]]);
    check!(T, seed + 2, "...ij,...jk->...ik", k, [dyn [2, 3, m, k]], [dyn [2, 1, k, n]]);
    check!(T, seed + 3, "...ij,...jk->...ik", k, [dyn [2, 1, m, k]], [dyn [1, 3, k, n]]);
    // `...` of different ranks, one of them empty
    check!(T, seed + 4, "...ij,...jk->...ik", k, [dyn [2, 3, m, k]], [dyn [3, k, n]]);
    check!(T, seed + 5, "...ij,...jk->...ik", k, [dyn [m, k]], [dyn [2, 2, k, n]]);
    // implicit output: `...ik`
    check!(T, seed + 6, "...ij,...jk", k, [dyn [2, m, k]], [dyn [2, k, n]]);
    // one factor without `...`: the same matrix at every position, read at its strides
    check!(T, seed + 7, "...ij,jk->...ik", k, [dyn [3, m, k]], [2 [k, n]]);
    check!(T, seed + 8, "ij,...jk->...ik", k, [2 [m, k]], [dyn [2, 3, k, n]]);
    // transposed factors and result
    check!(T, seed + 9, "...ji,...kj->...ki", k, [dyn [2, k, m]], [dyn [2, n, k]]);
    // a named batch inside the walk's, and a named index joining the rows
    check!(T, seed + 10, "b...ij,bjk->b...ik", k, [dyn [2, 3, m, k]], [3 [2, k, n]]);
    check!(T, seed + 11, "bij,...jk->...bik", k, [3 [2, m, k]], [dyn [3, k, n]]);
    // `...` after the named axes (their strides step over it) and between the rows and the sum
    check!(T, seed + 12, "ij...,jk...->ik...", k, [dyn [m, k, 3]], [dyn [k, n, 3]]);
    check!(T, seed + 13, "i...j,jk->i...k", k, [dyn [m, 2, 2, k]], [2 [k, n]]);
    // matrix-vector
    check!(T, seed + 14, "...ij,...j->...i", k, [dyn [3, m * 4, k]], [dyn [1, k]]);
    // the `...` among the rows or the columns: one product over every position, the `...`
    // first in its group, alone, last, between named rows, of two axes, of none
    check!(T, seed + 16, "...j,jk->...k", k, [dyn [4, m, k]], [2 [k, n]]);
    check!(T, seed + 17, "jk,...j->...k", k, [2 [k, n]], [dyn [2, m, k]]);
    check!(T, seed + 18, "ij,jk...->ik...", k, [2 [m, k]], [dyn [k, n, 3]]);
    check!(T, seed + 19, "i...jk,kn->i...jn", k, [dyn [m, 2, 3, k]], [2 [k, n]]);
    check!(T, seed + 20, "...ij,jk->...ik", k, [dyn [2, 3, m, k]], [2 [k, n]]);
    check!(T, seed + 21, "...ij,jk->...ik", k, [dyn [m, k]], [2 [k, n]]);
    // a chain: each position's intermediate written by one product, read by the next
    check!(
        T,
        seed + 15,
        "...ij,...jk,...kl->...il",
        k * k,
        [dyn [2, m, k]],
        [dyn [2, k, n + 20]],
        [dyn [1, n + 20, k]]
    );
}

#[test]
fn f64_ellipsis_products_above_the_thresholds() {
    ellipsis_products::<f64>(300, [33, 40, 17]);
}

#[test]
fn f32_ellipsis_products_above_the_thresholds() {
    ellipsis_products::<f32>(400, [33, 40, 17]);
}

#[test]
fn i64_ellipsis_products_keep_the_exact_loops() {
    ellipsis_products::<i64>(500, [33, 40, 17]);
}

#[test]
fn f64_ellipsis_products_below_the_thresholds() {
    ellipsis_products::<f64>(600, [3, 5, 2]);
}

#[test]
fn each_threshold_edge_with_an_ellipsis() {
    // k = 8 runs the GEMM and k = 7 the loops (m·n·k above 512 either way)
    check!(f64, 700, "...ij,...jk->...ik", 8, [dyn [3, 40, 8]], [dyn [1, 8, 40]]);
    check!(f64, 701, "...ij,...jk->...ik", 7, [dyn [3, 40, 7]], [dyn [1, 7, 40]]);
    // 8·8·8 = 512 multiply-adds runs the GEMM, 7·1·73 = 511 the loops
    check!(f64, 702, "...ij,...jk->...ik", 8, [dyn [2, 8, 8]], [dyn [2, 8, 8]]);
    check!(f64, 703, "...ij,...jk->...ik", 73, [dyn [2, 7, 73]], [dyn [2, 73, 1]]);
    // over every position: 8 positions of 8 columns (64 result elements) run the GEMM, 7 the
    // loops
    check!(f64, 706, "...j,jk->...k", 8, [dyn [8, 8]], [2 [8, 8]]);
    check!(f64, 707, "...j,jk->...k", 8, [dyn [7, 8]], [2 [8, 8]]);
    // 64 result elements run the GEMM, 63 the loops
    check!(f64, 704, "...ij,...jk->...ik", 20, [dyn [2, 8, 20]], [dyn [2, 20, 8]]);
    check!(f64, 705, "...ij,...jk->...ik", 20, [dyn [2, 9, 20]], [dyn [2, 20, 7]]);
}

#[test]
fn extents_of_zero_and_one_with_an_ellipsis() {
    // no position of the `...` axes: an empty result
    check!(f64, 800, "...ij,...jk->...ik", 64, [dyn [0, 20, 64]], [dyn [1, 64, 20]]);
    check!(f64, 801, "...ij,...jk->...ik", 64, [dyn [2, 0, 20, 64]], [dyn [64, 20]]);
    // one position
    check!(f64, 802, "...ij,...jk->...ik", 64, [dyn [1, 20, 64]], [dyn [1, 64, 20]]);
    // over every position: none, one, and no columns
    check!(f64, 808, "...j,jk->...k", 64, [dyn [0, 64]], [2 [64, 64]]);
    check!(f64, 809, "...j,jk->...k", 64, [dyn [3, 0, 64]], [2 [64, 64]]);
    check!(f64, 810, "...j,jk->...k", 64, [dyn [1, 64]], [2 [64, 64]]);
    check!(f64, 811, "...j,jk->...k", 64, [dyn [100, 64]], [2 [64, 0]]);
    // nothing summed: zeros; no rows or no columns: empty
    check!(f64, 803, "...ij,...jk->...ik", 1, [dyn [3, 300, 0]], [dyn [3, 0, 300]]);
    check!(f64, 804, "...ij,...jk->...ik", 64, [dyn [3, 0, 64]], [dyn [3, 64, 64]]);
    check!(f64, 805, "...ij,...jk->...ik", 64, [dyn [3, 64, 64]], [dyn [3, 64, 0]]);
    // one row, one column
    check!(f64, 806, "...ij,...jk->...ik", 64, [dyn [3, 1, 64]], [dyn [3, 64, 100]]);
    check!(f64, 807, "...ij,...jk->...ik", 64, [dyn [3, 100, 64]], [dyn [3, 64, 1]]);
}

/// 8 x 8 x 8 GEMMs (the smallest the thresholds take) at each position of the `...` axes, the
/// matrices handed to faer sliced from each tensor's offset there (small enough for Miri:
/// `.ci/miri`): extents of 1 that stretch on both sides, a factor without `...` at its strides,
/// the named axes' strides stepping over a trailing `...`; owned, `=` into garbage and `+=`.
#[test]
fn small_gemms_at_each_position() {
    check!(f64, 1200, "...ij,...jk->...ik", 8, [dyn [2, 1, 8, 8]], [dyn [3, 8, 8]]);
    check!(f64, 1201, "...ij,jk->...ik", 8, [dyn [2, 8, 8]], [2 [8, 8]]);
    check!(f64, 1202, "ij...,jk...->ik...", 8, [dyn [8, 8, 2]], [dyn [8, 8, 1]]);
    // one GEMM over every position: rows `...` first, columns `...` last in their groups
    check!(f64, 1203, "...j,jk->...k", 8, [dyn [2, 4, 8]], [2 [8, 8]]);
    check!(f64, 1204, "ij,jk...->ik...", 8, [2 [8, 8]], [dyn [8, 8, 3]]);
}

#[test]
fn the_gemm_and_the_loops_agree_on_integer_valued_data() {
    // small integers in f64 are exact in any order of summation: the GEMM at each position
    // gives the bits the loops give i64, with `...` axes that stretch on both sides
    let mut rng = rng(900);
    let (a_shape, b_shape) = ([2, 1, 37, 29], [3, 29, 23]);
    let a: Vec<i64> = random(&mut rng, a_shape.iter().product());
    let b: Vec<i64> = random(&mut rng, b_shape.iter().product());
    let exact = einsum!(
        "...ij,...jk->...ik",
        DynTensorRef::new(&a, &a_shape).unwrap(),
        DynTensorRef::new(&b, &b_shape).unwrap()
    );
    let (af, bf): (Vec<f64>, Vec<f64>) = (
        a.iter().map(|&x| x as f64).collect(),
        b.iter().map(|&x| x as f64).collect(),
    );
    let float = einsum!(
        "...ij,...jk->...ik",
        DynTensorRef::new(&af, &a_shape).unwrap(),
        DynTensorRef::new(&bf, &b_shape).unwrap()
    );
    assert_eq!(float.shape(), &[2, 3, 37, 23]);
    let exact: Vec<f64> = exact.as_slice().iter().map(|&x| x as f64).collect();
    assert_eq!(float.as_slice(), &exact[..]);
}

#[test]
fn arrays_and_tensors_of_static_rank_under_an_ellipsis() {
    // `...` over operands whose rank is in their type: a `Tensor` and a nested array
    let mut rng = rng(1000);
    let a: Vec<f64> = random(&mut rng, 4 * 16 * 16);
    let b: [[f64; 16]; 16] =
        core::array::from_fn(|i| core::array::from_fn(|j| (i * 16 + j) as f64 / 256.0));
    let a = Tensor::from_vec(a, [4, 16, 16]).unwrap();
    let got = einsum!("...ij,jk->...ik", a, b);
    let flat: Vec<f64> = b.iter().flatten().copied().collect();
    let (want, shape) = reference_einsum(
        "...ij,jk->...ik",
        &[(a.as_slice(), &[4, 16, 16]), (&flat, &[16, 16])],
    );
    assert_eq!(got.shape(), &shape[..]);
    assert_near(
        got.as_slice(),
        &want,
        16,
        "...ij,jk->...ik on a Tensor and an array",
    );
}

#[test]
fn explain_shows_the_gemm_per_position_of_the_ellipsis() {
    let text = explain!("...ij,...jk->...ik", a, b);
    assert!(
        text.contains("a GEMM, rows [i] x columns [k] summed over [j], one per position of `...`"),
        "{text}"
    );
    assert!(
        text.contains("gemm_pays") && text.contains("matmul"),
        "{text}"
    );
    // the `...` among the rows: one GEMM over every position
    let text = explain!("...j,jk->...k", a, b);
    assert!(
        text.contains("rows [...] x columns [k] summed over [j], one over every position of `...`"),
        "{text}"
    );
    // rows on either side of the `...`, in another order in the result: the loops
    let text = explain!("i...jk,kn->j...in", a, b);
    assert!(
        !text.contains("GEMM") && !text.contains("gemm_pays"),
        "{text}"
    );
}

#[test]
fn a_call_whose_output_lacks_the_ellipsis_runs_untiled() {
    // `n,ni,nj->ij` runs tile by tile; with an empty `...` on the weights, the walk runs the
    // whole steps once
    let (points, d) = (300, 16);
    let mut rng = rng(1100);
    let w: Vec<f64> = random(&mut rng, points);
    let x: Vec<f64> = random(&mut rng, points * d);
    let (want, _) = reference_einsum(
        "n...,ni,nj->ij",
        &[(&w, &[points]), (&x, &[points, d]), (&x, &[points, d])],
    );
    let xv = TensorRef::new(&x, [points, d]).unwrap();
    let got = einsum!(
        "n...,ni,nj->ij",
        DynTensorRef::new(&w, &[points]).unwrap(),
        xv,
        xv
    );
    assert_near(got.as_slice(), &want, points, "n...,ni,nj->ij");
}
