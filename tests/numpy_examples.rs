//! Every example of numpy's `einsum` documentation, through `einsum!`, checked against the
//! values the documentation states and against the reference evaluator.
//!
//! The ellipsis examples (`'...j->...'`, `'...j,j'`, `'..., ...'`, `'ki,...k->i...'`,
//! `'k...,jk'`) are in `tests/ellipsis.rs`.

#[macro_use]
mod common;

use common::numpy_cases::{case, operands};
use common::{arange, assert_matches_reference, reference_einsum};
use einsum::{DynTensorRef, Tensor, TensorRef, einsum};

/// `np.arange(25).reshape(5, 5)`.
fn a() -> [[i64; 5]; 5] {
    core::array::from_fn(|i| core::array::from_fn(|j| (5 * i + j) as i64))
}

/// `np.arange(5)`.
fn b() -> [i64; 5] {
    [0, 1, 2, 3, 4]
}

/// `np.arange(6).reshape(2, 3)`.
fn c() -> [[i64; 3]; 2] {
    [[0, 1, 2], [3, 4, 5]]
}

fn a_flat() -> Vec<i64> {
    arange(25)
}

const S55: &[usize] = &[5, 5];
const S23: &[usize] = &[2, 3];

#[test]
fn trace() {
    let a = a();
    let t: i64 = einsum!("ii", a);
    assert_eq!(t, 60);
    let t: i64 = einsum!("ii->", a);
    assert_eq!(t, 60);
    assert_eq!(reference_einsum("ii", &[(&a_flat(), S55)]).0, [t]);
}

#[test]
fn diagonal() {
    let a = a();
    let d = einsum!("ii->i", a);
    assert_eq!(d.shape(), [5]);
    assert_eq!(d.as_slice(), &[0, 6, 12, 18, 24]);
    assert_matches_reference("ii->i", &[(&a_flat(), S55)], d.as_slice(), &d.shape());
}

#[test]
fn sum_over_an_axis() {
    let a = a();
    let s = einsum!("ij->i", a);
    assert_eq!(s.as_slice(), &[10, 35, 60, 85, 110]);
    assert_matches_reference("ij->i", &[(&a_flat(), S55)], s.as_slice(), &s.shape());
    // np.sum(a, axis=0)
    let s = einsum!("ij->j", a);
    assert_eq!(s.as_slice(), &[50, 55, 60, 65, 70]);
}

#[test]
fn transpose() {
    let c = c();
    let flat = c.as_flattened();
    for t in [einsum!("ji", c), einsum!("ij->ji", c)] {
        assert_eq!(t.shape(), [3, 2]);
        assert_eq!(t.as_slice(), &[0, 3, 1, 4, 2, 5]);
        assert_eq!(t[[2, 1]], 5);
        assert_matches_reference("ji", &[(flat, S23)], t.as_slice(), &t.shape());
    }
    // `'ij'` in implicit mode is the identity, `'ba'` / `'ab->ba'` a transpose.
    let t = einsum!("ij", c);
    assert_eq!((t.shape(), t.as_slice()), ([2, 3], &[0, 1, 2, 3, 4, 5][..]));
    let t = einsum!("ba", c);
    assert_eq!((t.shape(), t.as_slice()), ([3, 2], &[0, 3, 1, 4, 2, 5][..]));
}

#[test]
fn view_is_identity() {
    // np.einsum('i', b) is b itself.
    let t = einsum!("i", b());
    assert_eq!(t.as_slice(), &b());
}

#[test]
fn vector_inner_product() {
    let b = b();
    let s: i64 = einsum!("i,i", b, b);
    assert_eq!(s, 30);
    let s: i64 = einsum!("i,i->", b, b);
    assert_eq!(s, 30);
}

#[test]
fn elementwise_product() {
    // np.einsum('i,i->i', a, b) is a * b.
    let b = b();
    let t = einsum!("i,i->i", b, b);
    assert_eq!(t.as_slice(), &[0, 1, 4, 9, 16]);
}

#[test]
fn matrix_vector() {
    let (a, b) = (a(), b());
    let want = [30, 80, 130, 180, 230];
    let t = einsum!("ij,j", a, b);
    assert_eq!(t.as_slice(), &want);
    let t = einsum!("ij,j->i", a, b);
    assert_eq!(t.as_slice(), &want);
    assert_matches_reference(
        "ij,j",
        &[(&a_flat(), S55), (&b, &[5])],
        t.as_slice(),
        &t.shape(),
    );
}

#[test]
fn vector_matrix() {
    // np.einsum('j,jk', b, a) is b @ a.
    let (a, b) = (a(), b());
    let t = einsum!("j,jk", b, a);
    assert_eq!(t.as_slice(), &[150, 160, 170, 180, 190]);
    assert_matches_reference(
        "j,jk",
        &[(&b, &[5]), (&a_flat(), S55)],
        t.as_slice(),
        &t.shape(),
    );
}

#[test]
fn scalar_multiplication() {
    // np.einsum(',ij', 3, c) is 3 * c; a rank-0 operand is a tensor of empty shape.
    let c = c();
    let three = [3i64];
    let s = TensorRef::new(&three, []).unwrap();
    let t = einsum!(",ij", s, c);
    assert_eq!(t.shape(), [2, 3]);
    assert_eq!(t.as_slice(), &[0, 3, 6, 9, 12, 15]);
    let owned = Tensor::from_vec(vec![3i64], []).unwrap();
    let t = einsum!(",ij->ij", owned, c);
    assert_eq!(t.as_slice(), &[0, 3, 6, 9, 12, 15]);
    let shape: Vec<usize> = vec![];
    let d = DynTensorRef::new(&three, &shape).unwrap();
    let t = einsum!("ij,", c, d);
    assert_eq!(t.as_slice(), &[0, 3, 6, 9, 12, 15]);
    assert_matches_reference(
        "ij,",
        &[(c.as_flattened(), S23), (&three, &[])],
        t.as_slice(),
        &t.shape(),
    );
    // Scalar times scalar, and a scalar in a contraction.
    let p: i64 = einsum!(",", s, d);
    assert_eq!(p, 9);
    let b = b();
    let v: i64 = einsum!("i,,i->", b, s, b);
    assert_eq!(v, 90);
}

#[test]
fn vector_outer_product() {
    let p = [1i64, 2]; // np.arange(2) + 1
    let t = einsum!("i,j", p, b());
    assert_eq!(t.shape(), [2, 5]);
    assert_eq!(t.as_slice(), &[0, 1, 2, 3, 4, 0, 2, 4, 6, 8]);
    let t = einsum!("i,j->ij", p, b());
    assert_eq!(t.as_slice(), &[0, 1, 2, 3, 4, 0, 2, 4, 6, 8]);
}

#[test]
fn tensor_contraction() {
    // a = np.arange(60.).reshape(3,4,5), b = np.arange(24.).reshape(4,3,2)
    let a: [[[f64; 5]; 4]; 3] = core::array::from_fn(|i| {
        core::array::from_fn(|j| core::array::from_fn(|k| (20 * i + 5 * j + k) as f64))
    });
    let b_flat: Vec<f64> = arange(24);
    let b = TensorRef::new(&b_flat, [4, 3, 2]).unwrap();
    let t = einsum!("ijk,jil->kl", a, b);
    assert_eq!(t.shape(), [5, 2]);
    let want = [
        4400., 4730., 4532., 4874., 4664., 5018., 4796., 5162., 4928., 5306.,
    ];
    assert_eq!(t.as_slice(), &want);
    // np.tensordot(a, b, axes=([1, 0], [0, 1])) is the same.
    let a_flat: Vec<f64> = arange(60);
    assert_matches_reference(
        "ijk,jil->kl",
        &[(&a_flat, &[3, 4, 5]), (&b_flat, &[4, 3, 2])],
        t.as_slice(),
        &t.shape(),
    );
}

#[test]
fn ki_jk_ij() {
    // The non-ellipsis form of the documentation's ellipsis example.
    let a = [[0i64, 1], [2, 3], [4, 5]]; // np.arange(6).reshape((3,2))
    let b: [[i64; 3]; 4] = core::array::from_fn(|i| core::array::from_fn(|j| (3 * i + j) as i64));
    let t = einsum!("ki,jk->ij", a, b);
    assert_eq!(t.shape(), [2, 4]);
    assert_eq!(t.as_slice(), &[10, 28, 46, 64, 13, 40, 67, 94]);
}

#[test]
fn matrix_multiplication() {
    // np.einsum('ij,jk', a, b) and np.einsum('ij,jh->ih', a, b) are np.matmul(a, b).
    let a = a();
    let want: Vec<i64> = (0..5)
        .flat_map(|i| (0..5).map(move |k| (0..5).map(|j| a[i][j] * a[j][k]).sum::<i64>()))
        .collect();
    assert_eq!(einsum!("ij,jk", a, a).as_slice(), &want[..]);
    assert_eq!(einsum!("ij,jk->ik", a, a).as_slice(), &want[..]);
    assert_eq!(einsum!("ij,jh->ih", a, a).as_slice(), &want[..]);
    assert_eq!(want[..5], [150, 160, 170, 180, 190]);
}

#[test]
fn chained_three() {
    let a = a();
    let c = c();
    // (2x3) . (3x5 slice of a) . (5x5)
    let m: [[i64; 5]; 3] = [a[0], a[1], a[2]];
    let t = einsum!("ij,jk,kl->il", c, m, a);
    let flat_m = m.as_flattened().to_vec();
    assert_matches_reference(
        "ij,jk,kl->il",
        &[
            (c.as_flattened(), S23),
            (&flat_m, &[3, 5]),
            (&a_flat(), S55),
        ],
        t.as_slice(),
        &t.shape(),
    );
    assert_eq!(t.shape(), [2, 5]);
    assert_eq!(&t.as_slice()[..5], &[1700, 1855, 2010, 2165, 2320]);
}

#[test]
fn chained_five_operands() {
    // a = np.ones(64).reshape(2,4,8); np.einsum('ijk,ilm,njm,nlk,abc->', a, a, a, a, a)
    let a = [[[1.0f64; 8]; 4]; 2];
    let s: f64 = einsum!("ijk,ilm,njm,nlk,abc->", a, a, a, a, a);
    assert_eq!(s, 262144.0);
}

#[test]
fn writeable_diagonal_as_output_buffer() {
    // numpy writes through the view `np.einsum('ii->i', a)`; here: write the diagonal of an
    // identity into a buffer.
    let eye = [[1.0f64, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    let mut d = [9.0f64; 3];
    einsum!(d = "ii->i", eye);
    assert_eq!(d, [1.0; 3]);
}

#[test]
fn implicit_mode_sorts_uppercase_first() {
    // np.einsum('aB', c) has output 'Ba': the transpose.
    let c = c();
    let t = einsum!("aB", c);
    assert_eq!((t.shape(), t.as_slice()), ([3, 2], &[0, 3, 1, 4, 2, 5][..]));
    let t = einsum!("Ab", c);
    assert_eq!((t.shape(), t.as_slice()), ([2, 3], &[0, 1, 2, 3, 4, 5][..]));
    // 'Ba,aC' -> 'BC': matrix multiplication.
    let r = &operands("Ba,aC");
    let (_, shapes, want, want_shape) = case("Ba,aC");
    let x = TensorRef::new(&r[0], [2, 3]).unwrap();
    let y = TensorRef::new(&r[1], [3, 4]).unwrap();
    let t = einsum!("Ba,aC", x, y);
    assert_eq!((&t.shape()[..], t.as_slice()), (want_shape, want));
    assert_matches_reference(
        "Ba,aC",
        &[(&r[0], shapes[0]), (&r[1], shapes[1])],
        t.as_slice(),
        &t.shape(),
    );
}

#[test]
fn spaces_are_ignored() {
    let (a, b) = (a(), b());
    let t = einsum!(" i j , j -> i ", a, b);
    assert_eq!(t.as_slice(), &[30, 80, 130, 180, 230]);
}

#[test]
fn numpy_computed_cases() {
    numpy_case!("ij,jk->ik", 0, 1);
    numpy_case!("ij,jk,kl->il", 0, 1, 2);
    numpy_case!("bij,bjk->bik", 0, 1);
    numpy_case!("i,ij,j->", 0, 1, 2);
    numpy_case!("iij->ij", 0);
    numpy_case!("ijk->kij", 0);
    numpy_case!("ijk,jkl->il", 0, 1);
    numpy_case!("ab,bc,cd,de->ae", 0, 1, 2, 3);
    numpy_case!("ni,ji,ni->n", 0, 1, 2);
    numpy_case!("ni,ij,nj->n", 0, 1, 2);
    numpy_case!("n,ni,nj->ij", 0, 1, 2);
    numpy_case!("iji->j", 0);
    numpy_case!("Ba,aC", 0, 1);
    numpy_case!("zA", 0);
    numpy_case!("ij,ij", 0, 1);
    numpy_case!("ij,ji", 0, 1);
    numpy_case!("i,j,k", 0, 1, 2);
    numpy_case!("ijk", 0);
    numpy_case!("kji", 0);
}
