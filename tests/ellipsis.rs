//! Ellipsis (`...`) broadcasting, numpy's semantics: the numpy documentation's ellipsis examples
//! and numpy-computed cases, checked against numpy's values and the reference evaluator.
//! An output term with `...` gives a `DynTensor`, whose rank is known at run time.

#[macro_use]
mod common;

use common::numpy_cases::{case, operands};
use common::{Flat, arange, assert_matches_reference};
use einsum::{DynTensorRef, TensorRef, einsum};

/// `np.arange(25).reshape(5, 5)`.
fn a() -> [[i64; 5]; 5] {
    core::array::from_fn(|i| core::array::from_fn(|j| (5 * i + j) as i64))
}

#[test]
fn sum_last_axis() {
    // np.einsum('...j->...', a)
    let t = einsum!("...j->...", a());
    assert_eq!(t.shape(), [5]);
    assert_eq!(t.as_slice(), &[10, 35, 60, 85, 110]);
}

#[test]
fn matrix_vector() {
    // np.einsum('...j,j', a, b)
    let b = [0i64, 1, 2, 3, 4];
    let t = einsum!("...j,j", a(), b);
    assert_eq!(t.as_slice(), &[30, 80, 130, 180, 230]);
    let t = einsum!("...j,j->...", a(), b);
    assert_eq!(t.as_slice(), &[30, 80, 130, 180, 230]);
}

#[test]
fn scalar_multiplication() {
    // np.einsum('..., ...', 3, c): the ellipsis of the scalar covers no axes.
    let c = [[0i64, 1, 2], [3, 4, 5]];
    let three = [3i64];
    let s = TensorRef::new(&three, []).unwrap();
    let t = einsum!("..., ...", s, c);
    assert_eq!(t.shape(), [2, 3]);
    assert_eq!(t.as_slice(), &[0, 3, 6, 9, 12, 15]);
}

#[test]
fn ki_jk_ij_with_ellipsis() {
    // a = np.arange(6).reshape((3,2)), b = np.arange(12).reshape((4,3))
    let a = [[0i64, 1], [2, 3], [4, 5]];
    let b: [[i64; 3]; 4] = core::array::from_fn(|i| core::array::from_fn(|j| (3 * i + j) as i64));
    let want = [10, 28, 46, 64, 13, 40, 67, 94];
    let t = einsum!("ki,...k->i...", a, b);
    assert_eq!((t.shape(), t.as_slice()), (&[2, 4][..], &want[..]));
    let t = einsum!("k...,jk", a, b);
    assert_eq!((t.shape(), t.as_slice()), (&[2, 4][..], &want[..]));
}

#[test]
fn batched_diagonal_and_trace() {
    let flat: Vec<i64> = arange(18);
    let x = TensorRef::new(&flat, [2, 3, 3]).unwrap();
    let t = einsum!("...ii->...i", x);
    assert_eq!(t.shape(), [2, 3]);
    assert_matches_reference(
        "...ii->...i",
        &[(&flat, &[2, 3, 3])],
        t.as_slice(),
        t.shape(),
    );
    // Trace along the first and last axes.
    let y = TensorRef::new(&flat, [3, 2, 3]).unwrap();
    let t = einsum!("i...i", y);
    assert_eq!(t.shape(), [2]);
    assert_matches_reference("i...i", &[(&flat, &[3, 2, 3])], t.as_slice(), t.shape());
}

#[test]
fn ellipsis_of_rank_zero_and_nested_arrays() {
    // The ellipsis may stand for no axes at all.
    let m = [[1i64, 2], [3, 4]];
    let t = einsum!("...ij->...ji", m);
    assert_eq!(t.as_slice(), &[1, 3, 2, 4]);
    let s = einsum!("...ii->...", m);
    assert_eq!((s.shape(), s.as_slice()), (&[][..], &[5][..]));
    // And for the leading axes of a rank-3 nested array.
    let x = [[[1i64, 2], [3, 4]], [[5, 6], [7, 8]]];
    let t = einsum!("...i->...", x);
    assert_eq!(
        (t.shape(), t.as_slice()),
        (&[2, 2][..], &[3, 7, 11, 15][..])
    );
}

#[test]
fn into_buffers() {
    let a = a();
    let mut out = [1i64; 5];
    einsum!(out = "...j->...", a);
    assert_eq!(out, [10, 35, 60, 85, 110]);
    einsum!(out += "...j->...", a);
    assert_eq!(out, [20, 70, 120, 170, 220]);
}

#[test]
fn numpy_computed_cases_dynamic_rank() {
    numpy_case!("...ii->...i", 0);
    numpy_case!("i...i", 0);
    numpy_case!("ij...,jk...->ik...", 0, 1);
    numpy_case!("...ij,...jk->...ik", 0, 1);
    numpy_case!("...,...", 0, 1);
    numpy_case!("...i,...i", 0, 1);
}

#[test]
fn numpy_computed_cases_static_rank() {
    // Broadcasting extents of 1: (2,1,2,3) x (3,3,2) -> (2,3,2,2).
    let s = "...ij,...jk->...ik";
    let (_, _, want, want_shape) = case(s);
    let d = operands(s);
    let x = TensorRef::new(&d[0], [2, 1, 2, 3]).unwrap();
    let y = TensorRef::new(&d[1], [3, 3, 2]).unwrap();
    let t = einsum!("...ij,...jk->...ik", x, y);
    assert_eq!((t.shape(), t.as_slice()), (want_shape, want));
    // (2,1) * (1,3) -> (2,3).
    let s = "...,...";
    let (_, _, want, want_shape) = case(s);
    let d = operands(s);
    let p = TensorRef::new(&d[0], [2, 1]).unwrap();
    let q = TensorRef::new(&d[1], [1, 3]).unwrap();
    let t = einsum!("...,...", p, q);
    assert_eq!((t.shape(), t.as_slice()), (want_shape, want));
    // (3,1,4) . (2,4) -> (3,2), the second operand as a nested array.
    let s = "...i,...i";
    let (_, _, want, want_shape) = case(s);
    let d = operands(s);
    let u = TensorRef::new(&d[0], [3, 1, 4]).unwrap();
    let v: [[i64; 4]; 2] = [
        [d[1][0], d[1][1], d[1][2], d[1][3]],
        [d[1][4], d[1][5], d[1][6], d[1][7]],
    ];
    let t = einsum!("...i,...i", u, v);
    assert_eq!((t.shape(), t.as_slice()), (want_shape, want));
}

/// Random f64 data through `DynTensorRef`s of the given shapes, against the reference.
macro_rules! random_case {
    ($seed:expr, $subscripts:literal, $($shape:expr),+) => {{
        let mut rng = common::rng($seed);
        let shapes: Vec<Vec<usize>> = vec![$($shape.to_vec()),+];
        let data: Vec<Vec<f64>> = shapes
            .iter()
            .map(|s| common::random(&mut rng, s.iter().product()))
            .collect();
        let mut k = 0..;
        let got = einsum!($subscripts, $({
            let _ = $shape;
            let i = k.next().unwrap();
            DynTensorRef::new(&data[i], &shapes[i]).unwrap()
        }),+);
        let (flat, shape) = Flat::<f64>::flat(&got);
        let ops: Vec<(&[f64], &[usize])> =
            data.iter().map(|d| &d[..]).zip(shapes.iter().map(|s| &s[..])).collect();
        assert_matches_reference($subscripts, &ops, &flat, &shape);
    }};
}

#[test]
fn random_f64_cases_with_the_ellipsis_anywhere() {
    // `...` first, in the middle and last; broadcast extents of 1 and missing axes
    random_case!(1, "...ij,...jk->...ik", [2, 1, 3, 4], [5, 4, 2]);
    random_case!(2, "i...j,j...->i...", [3, 2, 1, 4], [4, 5]);
    random_case!(3, "ij...,jk...->ik...", [2, 3, 4], [3, 2, 1]);
    random_case!(4, "a...b,b...c,c->a...", [2, 3, 2], [2, 1, 3], [3]);
    random_case!(5, "...ii->...i", [2, 1, 3, 3]);
    random_case!(6, "i...i->...", [3, 2, 2, 3]);
    random_case!(7, "...,...->...", [4, 1], [1, 5]);
    random_case!(8, "n...,n->...", [6, 2, 3], [6]);
    // an extent of 0 in the `...` axes: an empty result, nothing read
    random_case!(9, "...ij,...jk->...ik", [0, 2, 3], [1, 3, 2]);
    // implicit output: the `...` axes first, then the letters seen once in order
    random_case!(10, "k...,jk", [3, 2, 2], [4, 3]);
}

#[test]
fn f32_and_accumulation_into_a_dyn_tensor() {
    let x: [[[f32; 2]; 2]; 3] = [
        [[1.0, 2.0], [3.0, 4.0]],
        [[0.5, -1.0], [2.0, 0.0]],
        [[1.5, 1.5], [-2.0, 3.0]],
    ];
    let v = [1.0f32, -1.0];
    let mut out = einsum::DynTensor::from_vec(vec![1.0f32; 6], &[3, 2]).unwrap();
    einsum!(out += "...ij,j->...i", x, v);
    assert_eq!(out.as_slice(), &[0.0, 0.0, 2.5, 3.0, 1.0, -4.0]);
}

/// Three operands with `...` are contracted pairwise, as without `...`: the chain below runs as
/// two products per position of the `...` axes (`explain!` shows the steps), each position
/// starting its intermediate from zero, with one operand broadcast and one without `...`.
#[test]
fn a_batched_chain_runs_as_products_per_position() {
    let (a_shape, b_shape, c_shape) = ([3, 2, 4], [1, 4, 5], [5, 2]);
    let a: Vec<i64> = arange::<i64>(24).into_iter().map(|v| v % 7 - 3).collect();
    let b: Vec<i64> = arange::<i64>(20).into_iter().map(|v| 2 - v % 5).collect();
    let c: Vec<i64> = arange::<i64>(10)
        .into_iter()
        .map(|v| v * v % 11 - 4)
        .collect();
    let (x, y) = (
        DynTensorRef::new(&a, &a_shape).unwrap(),
        DynTensorRef::new(&b, &b_shape).unwrap(),
    );
    let z = TensorRef::new(&c, c_shape).unwrap();
    let t = einsum!("...ij,...jk,kl->...il", x, y, z);
    assert_eq!(t.shape(), [3, 2, 2]);
    assert_matches_reference(
        "...ij,...jk,kl->...il",
        &[(&a, &a_shape), (&b, &b_shape), (&c, &c_shape)],
        t.as_slice(),
        t.shape(),
    );
    let plan = einsum::explain!("...ij,...jk,kl->...il", x, y, z);
    assert!(plan.contains("step 2:"), "{plan}");
}
