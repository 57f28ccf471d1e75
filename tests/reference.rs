//! Checks the reference evaluator itself against values stated in numpy's einsum documentation
//! and values computed once with numpy 2.x (hard-coded; no Python is needed to run this).

mod common;

use common::{arange, reference_einsum};

fn a25() -> Vec<i64> {
    arange(25)
}

const S55: &[usize] = &[5, 5];

#[test]
fn trace_and_diagonal() {
    let a = a25();
    assert_eq!(reference_einsum("ii", &[(&a, S55)]), (vec![60], vec![]));
    assert_eq!(reference_einsum("ii->", &[(&a, S55)]), (vec![60], vec![]));
    assert_eq!(
        reference_einsum("ii->i", &[(&a, S55)]),
        (vec![0, 6, 12, 18, 24], vec![5])
    );
}

#[test]
fn axis_sums() {
    let a = a25();
    assert_eq!(
        reference_einsum("ij->i", &[(&a, S55)]),
        (vec![10, 35, 60, 85, 110], vec![5])
    );
    assert_eq!(
        reference_einsum("...j->...", &[(&a, S55)]),
        (vec![10, 35, 60, 85, 110], vec![5])
    );
}

#[test]
fn transpose() {
    let c: Vec<i64> = arange(6);
    let want = (vec![0, 3, 1, 4, 2, 5], vec![3, 2]);
    assert_eq!(reference_einsum("ji", &[(&c, &[2, 3])]), want);
    assert_eq!(reference_einsum("ij->ji", &[(&c, &[2, 3])]), want);
    // Implicit mode sorts the output; "ij" is the identity.
    assert_eq!(
        reference_einsum("ij", &[(&c, &[2, 3])]),
        (c.clone(), vec![2, 3])
    );
}

#[test]
fn products() {
    let a = a25();
    let b: Vec<i64> = arange(5);
    assert_eq!(
        reference_einsum("i,i", &[(&b, &[5]), (&b, &[5])]),
        (vec![30], vec![])
    );
    let mv = (vec![30, 80, 130, 180, 230], vec![5]);
    assert_eq!(reference_einsum("ij,j", &[(&a, S55), (&b, &[5])]), mv);
    assert_eq!(reference_einsum("...j,j", &[(&a, S55), (&b, &[5])]), mv);
    let p: Vec<i64> = vec![1, 2];
    assert_eq!(
        reference_einsum("i,j", &[(&p, &[2]), (&b, &[5])]),
        (vec![0, 1, 2, 3, 4, 0, 2, 4, 6, 8], vec![2, 5])
    );
}

#[test]
fn scalar_multiplication() {
    let c: Vec<i64> = arange(6);
    let three: Vec<i64> = vec![3];
    let want = (vec![0, 3, 6, 9, 12, 15], vec![2, 3]);
    assert_eq!(
        reference_einsum(",ij", &[(&three, &[]), (&c, &[2, 3])]),
        want
    );
    assert_eq!(
        reference_einsum("..., ...", &[(&three, &[]), (&c, &[2, 3])]),
        want
    );
}

#[test]
fn tensor_contraction() {
    let a: Vec<f64> = arange(60);
    let b: Vec<f64> = arange(24);
    let (got, shape) = reference_einsum("ijk,jil->kl", &[(&a, &[3, 4, 5]), (&b, &[4, 3, 2])]);
    assert_eq!(shape, vec![5, 2]);
    assert_eq!(
        got,
        vec![
            4400., 4730., 4532., 4874., 4664., 5018., 4796., 5162., 4928., 5306.
        ]
    );
}

#[test]
fn ellipsis_examples() {
    let a: Vec<i64> = arange(6);
    let b: Vec<i64> = arange(12);
    let ops: [(&[i64], &[usize]); 2] = [(&a, &[3, 2]), (&b, &[4, 3])];
    let want = (vec![10, 28, 46, 64, 13, 40, 67, 94], vec![2, 4]);
    assert_eq!(reference_einsum("ki,jk->ij", &ops), want);
    assert_eq!(reference_einsum("ki,...k->i...", &ops), want);
    assert_eq!(reference_einsum("k...,jk", &ops), want);
}

#[test]
fn chained_five_operands() {
    let a: Vec<f64> = vec![1.0; 64];
    let s: &[usize] = &[2, 4, 8];
    let (got, shape) = reference_einsum(
        "ijk,ilm,njm,nlk,abc->",
        &[(&a, s), (&a, s), (&a, s), (&a, s), (&a, s)],
    );
    assert_eq!((got, shape), (vec![262144.0], vec![]));
}

#[test]
fn implicit_order_is_ascii() {
    // numpy: np.einsum('aB', arange(6).reshape(2,3)) is the transpose ('B' < 'a').
    let c: Vec<i64> = arange(6);
    assert_eq!(
        reference_einsum("aB", &[(&c, &[2, 3])]),
        (vec![0, 3, 1, 4, 2, 5], vec![3, 2])
    );
    // Implicit mode puts broadcast axes first: 'j...i' on (2,3,4) has shape (3, 4, 2).
    let x: Vec<i64> = arange(24);
    assert_eq!(
        reference_einsum("j...i", &[(&x, &[2, 3, 4])]).1,
        vec![3, 4, 2]
    );
    assert_eq!(
        reference_einsum("i...", &[(&x, &[2, 3, 4])]).1,
        vec![3, 4, 2]
    );
}

#[test]
fn repeated_index_and_broadcast_of_one() {
    let x: Vec<i64> = arange(18); // (3, 3, 2)
    // np.einsum('iij->ij', arange(18).reshape(3,3,2))
    assert_eq!(
        reference_einsum("iij->ij", &[(&x, &[3, 3, 2])]),
        (vec![0, 1, 8, 9, 16, 17], vec![3, 2])
    );
    // Broadcasting an ellipsis axis of extent 1: (2,1) * (1,3) -> (2,3).
    let p: Vec<i64> = vec![1, 2];
    let q: Vec<i64> = vec![10, 20, 30];
    assert_eq!(
        reference_einsum("...,...->...", &[(&p, &[2, 1]), (&q, &[1, 3])]),
        (vec![10, 20, 30, 20, 40, 60], vec![2, 3])
    );
}

#[test]
fn zero_extents() {
    let empty: Vec<f64> = vec![];
    let b: Vec<f64> = vec![1.0, 2.0];
    assert_eq!(
        reference_einsum("ij,j->i", &[(&empty, &[0, 2]), (&b, &[2])]),
        (vec![], vec![0])
    );
    assert_eq!(
        reference_einsum("ij,i->j", &[(&empty, &[0, 2]), (&empty, &[0])]),
        (vec![0.0, 0.0], vec![2])
    );
}

#[test]
#[should_panic(expected = "extents")]
fn mismatched_letter_extents_panic() {
    let a: Vec<f64> = vec![0.0; 6];
    reference_einsum("ii", &[(&a, &[2, 3])]);
}

#[test]
fn agrees_with_numpy_on_deterministic_cases() {
    use common::numpy_cases::{CASES, operands};
    for &(subscripts, shapes, want, want_shape) in CASES {
        let data = operands(subscripts);
        let ops: Vec<(&[i64], &[usize])> = data
            .iter()
            .map(|d| &d[..])
            .zip(shapes.iter().copied())
            .collect();
        let (got, shape) = reference_einsum(subscripts, &ops);
        assert_eq!(shape, want_shape, "{subscripts:?}: shape");
        assert_eq!(got, want, "{subscripts:?}: values");
    }
}
