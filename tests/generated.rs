//! Generated contractions (random subscripts, shapes and operand types, fixed seed),
//! checked exactly in i64 against the reference evaluator. Exercises contraction planning:
//! indices shared by three or more operands, diagonals inside multi-operand products, summed
//! indices of one operand only, extents of 0 and 1, and every output form.
//!
//! Generated once by a script (random.seed(20240611)); regenerate rather than edit by hand.

mod common;

use common::{Flat, assert_matches_reference};
use einsum::{DynTensorRef, Tensor, TensorMut, TensorRef, einsum};

/// Operand `salt` with `n` elements: small integers with both signs, all distinct patterns.
fn data(n: usize, salt: usize) -> Vec<i64> {
    (0..n)
        .map(|k| ((k * 5 + salt * 7 + 3) % 13) as i64 - 6)
        .collect()
}

fn arr1<const A: usize>(d: &[i64]) -> [i64; A] {
    core::array::from_fn(|i| d[i])
}

fn arr2<const A: usize, const B: usize>(d: &[i64]) -> [[i64; B]; A] {
    core::array::from_fn(|i| core::array::from_fn(|j| d[i * B + j]))
}

fn arr3<const A: usize, const B: usize, const C: usize>(d: &[i64]) -> [[[i64; C]; B]; A] {
    core::array::from_fn(|i| {
        core::array::from_fn(|j| core::array::from_fn(|k| d[(i * B + j) * C + k]))
    })
}

#[track_caller]
fn check(subscripts: &str, ops: &[(&[i64], &[usize])], got: &impl Flat<i64>) {
    let (flat, shape) = got.flat();
    assert_matches_reference(subscripts, ops, &flat, &shape);
}

/// `init + reference` and `reference`, for the buffer forms.
fn expected(subscripts: &str, ops: &[(&[i64], &[usize])], init: &[i64]) -> (Vec<i64>, Vec<i64>) {
    let (want, _) = common::reference_einsum(subscripts, ops);
    let acc = want.iter().zip(init).map(|(a, b)| a + b).collect();
    (want, acc)
}

#[test]
fn case_000() {
    let d0 = data(1, 0);
    let x0 = TensorRef::new(&d0, [1]).unwrap();
    let d1 = data(32, 1);
    let x1 = TensorRef::new(&d1, [4, 4, 1, 2]).unwrap();
    let d2 = data(1, 2);
    let x2 = TensorRef::new(&d2, [1]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1]), (&d1, &[4, 4, 1, 2]), (&d2, &[1])];
    check("k,BBkn,k", &ops, &einsum!("k,BBkn,k", x0, x1, x2));
    let init = data(2, 9);
    let (want, acc) = expected("k,BBkn,k", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "k,BBkn,k", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "k,BBkn,k", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_001() {
    let d0 = data(18, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 3, 3])];
    check("Cmp", &ops, &einsum!("Cmp", x0));
    let init = data(18, 9);
    let (want, acc) = expected("Cmp", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3, 3]).unwrap();
    einsum!(view = "Cmp", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3, 3]).unwrap();
    einsum!(view += "Cmp", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_002() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(0, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 3, 0, 0]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3, 3, 0, 0])];
    check("l,lmAA->", &ops, &einsum!("l,lmAA->", x0, x1));
    let (want, _) = common::reference_einsum("l,lmAA->", &ops);
    let mut out = 5i64;
    einsum!(out = "l,lmAA->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "l,lmAA->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_003() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [4]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4])];
    check("k", &ops, &einsum!("k", x0));
    let init = data(4, 9);
    let (want, acc) = expected("k", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "k", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "k", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_004() {
    let d0 = data(16, 0);
    let x0 = arr3::<4, 1, 4>(&d0);
    let d1 = data(0, 1);
    let a1 = arr3::<2, 0, 0>(&d1);
    let x1: &[[[i64; 0]; 0]] = &a1;
    let d2 = data(8, 2);
    let s2 = [1, 1, 2, 4];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4, 1, 4]), (&d1, &[2, 0, 0]), (&d2, &[1, 1, 2, 4])];
    check("pAp,ikk,AAip", &ops, &einsum!("pAp,ikk,AAip", x0, x1, x2));
    let (want, _) = common::reference_einsum("pAp,ikk,AAip", &ops);
    let mut out = 5i64;
    einsum!(out = "pAp,ikk,AAip", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "pAp,ikk,AAip", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_005() {
    let d0 = data(4, 0);
    let a0 = arr3::<1, 1, 4>(&d0);
    let x0: &[[[i64; 4]; 1]] = &a0;
    let d1 = data(36, 1);
    let x1 = TensorRef::new(&d1, [3, 3, 4, 1]).unwrap();
    let d2 = data(12, 2);
    let x2 = arr3::<4, 3, 1>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 1, 4]), (&d1, &[3, 3, 4, 1]), (&d2, &[4, 3, 1])];
    check("iik,mmki,kmi", &ops, &einsum!("iik,mmki,kmi", x0, x1, x2));
    let (want, _) = common::reference_einsum("iik,mmki,kmi", &ops);
    let mut out = 5i64;
    einsum!(out = "iik,mmki,kmi", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "iik,mmki,kmi", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_006() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0);
    let d1 = data(36, 1);
    let x1 = TensorRef::new(&d1, [3, 3, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[3, 3, 2, 2])];
    check("n,jjpn->j", &ops, &einsum!("n,jjpn->j", x0, x1));
    let init = data(3, 9);
    let (want, acc) = expected("n,jjpn->j", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "n,jjpn->j", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "n,jjpn->j", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_007() {
    let d0 = data(36, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 2, 3]).unwrap();
    let d1 = data(4, 1);
    let x1 = arr1::<4>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 3, 2, 3]), (&d1, &[4])];
    check("pAlA,k->l", &ops, &einsum!("pAlA,k->l", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("pAlA,k->l", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "pAlA,k->l", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "pAlA,k->l", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_008() {
    let d0 = data(1, 0);
    let x0 = TensorRef::new(&d0, [1]).unwrap();
    let d1 = data(9, 1);
    let s1 = [3, 3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(3, 2);
    let s2 = [3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1]), (&d1, &[3, 3]), (&d2, &[3])];
    check("q,pA,p", &ops, &einsum!("q,pA,p", x0, x1, x2));
    let init = data(3, 9);
    let (want, acc) = expected("q,pA,p", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out = "q,pA,p", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out += "q,pA,p", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_009() {
    let d0 = data(2, 0);
    let a0 = arr1::<2>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(0, 1);
    let x1 = arr3::<0, 2, 2>(&d1);
    let d2 = data(12, 2);
    let x2 = TensorRef::new(&d2, [3, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2]), (&d1, &[0, 2, 2]), (&d2, &[3, 2, 2])];
    check("l,iql,mqq->li", &ops, &einsum!("l,iql,mqq->li", x0, x1, x2));
    let init = data(0, 9);
    let (want, acc) = expected("l,iql,mqq->li", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 0]).unwrap();
    einsum!(view = "l,iql,mqq->li", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 0]).unwrap();
    einsum!(view += "l,iql,mqq->li", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_010() {
    let d0 = data(64, 0);
    let s0 = [4, 4, 4, 1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(64, 1);
    let x1 = TensorRef::new(&d1, [2, 4, 4, 2]).unwrap();
    let d2 = data(32, 2);
    let x2 = Tensor::from_vec(d2.clone(), [4, 2, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[4, 4, 4, 1]),
        (&d1, &[2, 4, 4, 2]),
        (&d2, &[4, 2, 4]),
    ];
    check(
        "mmmk,liil,mlB->Bm",
        &ops,
        &einsum!("mmmk,liil,mlB->Bm", x0, x1, x2),
    );
    let init = data(16, 9);
    let (want, acc) = expected("mmmk,liil,mlB->Bm", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 4]).unwrap();
    einsum!(view = "mmmk,liil,mlB->Bm", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 4]).unwrap();
    einsum!(view += "mmmk,liil,mlB->Bm", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_011() {
    let d0 = data(3, 0);
    let x0 = TensorRef::new(&d0, [3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("i->", &ops, &einsum!("i->", x0));
    let (want, _) = common::reference_einsum("i->", &ops);
    let mut out = 5i64;
    einsum!(out = "i->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "i->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_012() {
    let d0 = data(6, 0);
    let x0 = TensorRef::new(&d0, [1, 1, 3, 2]).unwrap();
    let d1 = data(12, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 1, 3, 2]), (&d1, &[3, 2, 2])];
    check("ikjC,jCC->jkiC", &ops, &einsum!("ikjC,jCC->jkiC", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("ikjC,jCC->jkiC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 1, 1, 2]).unwrap();
    einsum!(out = "ikjC,jCC->jkiC", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 1, 1, 2]).unwrap();
    einsum!(out += "ikjC,jCC->jkiC", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_013() {
    let d0 = data(54, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 2]).unwrap();
    let d1 = data(9, 1);
    let a1 = arr3::<3, 3, 1>(&d1);
    let x1: &[[[i64; 1]; 3]] = &a1;
    let d2 = data(18, 2);
    let x2 = TensorRef::new(&d2, [2, 3, 1, 3]).unwrap();
    let d3 = data(27, 3);
    let s3 = [3, 3, 1, 3];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3, 3, 3, 2]),
        (&d1, &[3, 3, 1]),
        (&d2, &[2, 3, 1, 3]),
        (&d3, &[3, 3, 1, 3]),
    ];
    check(
        "AAAm,qqj,mqjA,qqjq",
        &ops,
        &einsum!("AAAm,qqj,mqjA,qqjq", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("AAAm,qqj,mqjA,qqjq", &ops);
    let mut out = 5i64;
    einsum!(out = "AAAm,qqj,mqjA,qqjq", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "AAAm,qqj,mqjA,qqjq", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_014() {
    let d0 = data(4, 0);
    let a0 = arr1::<4>(&d0);
    let x0: &[i64] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4])];
    check("A->", &ops, &einsum!("A->", x0));
    let (want, _) = common::reference_einsum("A->", &ops);
    let mut out = 5i64;
    einsum!(out = "A->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "A->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_015() {
    let d0 = data(27, 0);
    let x0 = arr3::<3, 3, 3>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 3, 3])];
    check("ili->", &ops, &einsum!("ili->", x0));
    let (want, _) = common::reference_einsum("ili->", &ops);
    let mut out = 5i64;
    einsum!(out = "ili->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "ili->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_016() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [2, 2]).unwrap();
    let d1 = data(3, 1);
    let s1 = [3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2]), (&d1, &[3])];
    check("jj,l->j", &ops, &einsum!("jj,l->j", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("jj,l->j", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "jj,l->j", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "jj,l->j", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_017() {
    let d0 = data(3, 0);
    let x0 = arr2::<1, 3>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 3])];
    check("ql", &ops, &einsum!("ql", x0));
    let init = data(3, 9);
    let (want, acc) = expected("ql", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out = "ql", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out += "ql", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_018() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0).to_vec();
    let d1 = data(4, 1);
    let s1 = [4];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[4])];
    check("l,B->Bl", &ops, &einsum!("l,B->Bl", x0, x1));
    let init = data(12, 9);
    let (want, acc) = expected("l,B->Bl", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 3]).unwrap();
    einsum!(out = "l,B->Bl", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 3]).unwrap();
    einsum!(out += "l,B->Bl", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_019() {
    let d0 = data(1, 0);
    let a0 = arr1::<1>(&d0);
    let x0: &[i64] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1])];
    check("n->", &ops, &einsum!("n->", x0));
    let (want, _) = common::reference_einsum("n->", &ops);
    let mut out = 5i64;
    einsum!(out = "n->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "n->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_020() {
    let d0 = data(48, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 4, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 4, 2, 2])];
    check("nlii->", &ops, &einsum!("nlii->", x0));
    let (want, _) = common::reference_einsum("nlii->", &ops);
    let mut out = 5i64;
    einsum!(out = "nlii->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "nlii->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_021() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("j", &ops, &einsum!("j", x0));
    let init = data(3, 9);
    let (want, acc) = expected("j", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "j", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "j", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_022() {
    let d0 = data(4, 0);
    let s0 = [2, 2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2])];
    check("AA->A", &ops, &einsum!("AA->A", x0));
    let init = data(2, 9);
    let (want, acc) = expected("AA->A", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "AA->A", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "AA->A", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_023() {
    let d0 = data(4, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 1, 4]).unwrap();
    let d1 = data(4, 1);
    let a1 = arr2::<4, 1>(&d1);
    let x1: &[[i64; 1]] = &a1;
    let d2 = data(16, 2);
    let s2 = [1, 4, 4, 1];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(1, 3);
    let x3 = Tensor::from_vec(d3.clone(), [1]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 1, 4]),
        (&d1, &[4, 1]),
        (&d2, &[1, 4, 4, 1]),
        (&d3, &[1]),
    ];
    check(
        "nnj,jn,njjn,n->",
        &ops,
        &einsum!("nnj,jn,njjn,n->", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("nnj,jn,njjn,n->", &ops);
    let mut out = 5i64;
    einsum!(out = "nnj,jn,njjn,n->", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "nnj,jn,njjn,n->", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_024() {
    let d0 = data(8, 0);
    let x0 = arr2::<2, 4>(&d0);
    let d1 = data(4, 1);
    let x1 = TensorRef::new(&d1, [4]).unwrap();
    let d2 = data(4, 2);
    let x2 = arr1::<4>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 4]), (&d1, &[4]), (&d2, &[4])];
    check("in,n,k->kn", &ops, &einsum!("in,n,k->kn", x0, x1, x2));
    let init = data(16, 9);
    let (want, acc) = expected("in,n,k->kn", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 4]).unwrap();
    einsum!(view = "in,n,k->kn", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 4]).unwrap();
    einsum!(view += "in,n,k->kn", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_025() {
    let d0 = data(12, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 2, 2]).unwrap();
    let d1 = data(12, 1);
    let s1 = [2, 3, 2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 2, 2]), (&d1, &[2, 3, 2])];
    check("Bqq,qnm->mqn", &ops, &einsum!("Bqq,qnm->mqn", x0, x1));
    let init = data(12, 9);
    let (want, acc) = expected("Bqq,qnm->mqn", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 3]).unwrap();
    einsum!(out = "Bqq,qnm->mqn", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 3]).unwrap();
    einsum!(out += "Bqq,qnm->mqn", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_026() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 3]).unwrap();
    let d1 = data(27, 1);
    let a1 = arr3::<3, 3, 3>(&d1);
    let x1: &[[[i64; 3]; 3]] = &a1;
    let d2 = data(27, 2);
    let s2 = [3, 3, 3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 3, 3]), (&d1, &[3, 3, 3]), (&d2, &[3, 3, 3])];
    check(
        "nCCC,CBm,mCC->nBCm",
        &ops,
        &einsum!("nCCC,CBm,mCC->nBCm", x0, x1, x2),
    );
    let init = data(81, 9);
    let (want, acc) = expected("nCCC,CBm,mCC->nBCm", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 3, 3]).unwrap();
    einsum!(out = "nCCC,CBm,mCC->nBCm", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 3, 3]).unwrap();
    einsum!(out += "nCCC,CBm,mCC->nBCm", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_027() {
    let d0 = data(27, 0);
    let x0 = arr3::<3, 3, 3>(&d0);
    let d1 = data(12, 1);
    let s1 = [3, 2, 2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(54, 2);
    let s2 = [3, 3, 2, 3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 3]), (&d1, &[3, 2, 2]), (&d2, &[3, 3, 2, 3])];
    check(
        "kkk,kll,kklk->k",
        &ops,
        &einsum!("kkk,kll,kklk->k", x0, x1, x2),
    );
    let init = data(3, 9);
    let (want, acc) = expected("kkk,kll,kklk->k", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "kkk,kll,kklk->k", x0, x1, x2);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "kkk,kll,kklk->k", x0, x1, x2);
    assert_eq!(out, acc);
}

#[test]
fn case_028() {
    let d0 = data(16, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 2]).unwrap();
    let d1 = data(2, 1);
    let x1 = arr1::<2>(&d1);
    let d2 = data(8, 2);
    let x2 = TensorRef::new(&d2, [2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 2, 2, 2]), (&d1, &[2]), (&d2, &[2, 2, 2])];
    check("nnni,i,ini", &ops, &einsum!("nnni,i,ini", x0, x1, x2));
    let (want, _) = common::reference_einsum("nnni,i,ini", &ops);
    let mut out = 5i64;
    einsum!(out = "nnni,i,ini", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "nnni,i,ini", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_029() {
    let d0 = data(2, 0);
    let x0 = TensorRef::new(&d0, [2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2])];
    check("i->", &ops, &einsum!("i->", x0));
    let (want, _) = common::reference_einsum("i->", &ops);
    let mut out = 5i64;
    einsum!(out = "i->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "i->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_030() {
    let d0 = data(1, 0);
    let a0 = arr2::<1, 1>(&d0);
    let x0: &[[i64; 1]] = &a0;
    let d1 = data(4, 1);
    let x1 = arr2::<1, 4>(&d1).to_vec();
    let d2 = data(3, 2);
    let s2 = [3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 1]), (&d1, &[1, 4]), (&d2, &[3])];
    check("AB,AC,i->BAi", &ops, &einsum!("AB,AC,i->BAi", x0, x1, x2));
    let init = data(3, 9);
    let (want, acc) = expected("AB,AC,i->BAi", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 1, 3]).unwrap();
    einsum!(out = "AB,AC,i->BAi", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 1, 3]).unwrap();
    einsum!(out += "AB,AC,i->BAi", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_031() {
    let d0 = data(0, 0);
    let s0 = [3, 0, 0];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 0, 0])];
    check("qll", &ops, &einsum!("qll", x0));
    let init = data(3, 9);
    let (want, acc) = expected("qll", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "qll", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "qll", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_032() {
    let d0 = data(12, 0);
    let a0 = arr3::<3, 2, 2>(&d0);
    let x0: &[[[i64; 2]; 2]] = &a0;
    let d1 = data(16, 1);
    let x1 = arr3::<2, 4, 2>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 2, 2]), (&d1, &[2, 4, 2])];
    check("pmm,BiC", &ops, &einsum!("pmm,BiC", x0, x1));
    let init = data(48, 9);
    let (want, acc) = expected("pmm,BiC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 4, 3]).unwrap();
    einsum!(out = "pmm,BiC", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 4, 3]).unwrap();
    einsum!(out += "pmm,BiC", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_033() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0);
    let d1 = data(3, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3])];
    check("C,C->", &ops, &einsum!("C,C->", x0, x1));
    let (want, _) = common::reference_einsum("C,C->", &ops);
    let mut out = 5i64;
    einsum!(out = "C,C->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "C,C->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_034() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0).to_vec();
    let d1 = data(4, 1);
    let s1 = [2, 2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[2, 2])];
    check("k,kn->kn", &ops, &einsum!("k,kn->kn", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("k,kn->kn", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out = "k,kn->kn", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out += "k,kn->kn", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_035() {
    let d0 = data(9, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 3]).unwrap();
    let d1 = data(36, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 3, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 3]), (&d1, &[3, 3, 2, 2])];
    check("kB,kBjj->jk", &ops, &einsum!("kB,kBjj->jk", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("kB,kBjj->jk", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3]).unwrap();
    einsum!(view = "kB,kBjj->jk", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3]).unwrap();
    einsum!(view += "kB,kBjj->jk", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_036() {
    let d0 = data(1, 0);
    let x0 = arr3::<1, 1, 1>(&d0);
    let d1 = data(2, 1);
    let x1 = Tensor::from_vec(d1.clone(), [1, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 1, 1]), (&d1, &[1, 2])];
    check("kkk,kq->k", &ops, &einsum!("kkk,kq->k", x0, x1));
    let init = data(1, 9);
    let (want, acc) = expected("kkk,kq->k", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "kkk,kq->k", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "kkk,kq->k", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_037() {
    let d0 = data(3, 0);
    let s0 = [3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("B", &ops, &einsum!("B", x0));
    let init = data(3, 9);
    let (want, acc) = expected("B", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "B", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "B", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_038() {
    let d0 = data(3, 0);
    let x0 = arr2::<3, 1>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 1])];
    check("Cl->lC", &ops, &einsum!("Cl->lC", x0));
    let init = data(3, 9);
    let (want, acc) = expected("Cl->lC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 3]).unwrap();
    einsum!(out = "Cl->lC", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 3]).unwrap();
    einsum!(out += "Cl->lC", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_039() {
    let d0 = data(64, 0);
    let x0 = TensorRef::new(&d0, [2, 4, 4, 2]).unwrap();
    let d1 = data(48, 1);
    let x1 = arr3::<4, 4, 3>(&d1).to_vec();
    let d2 = data(4, 2);
    let x2 = arr1::<4>(&d2);
    let d3 = data(4, 3);
    let s3 = [4];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[2, 4, 4, 2]),
        (&d1, &[4, 4, 3]),
        (&d2, &[4]),
        (&d3, &[4]),
    ];
    check(
        "nlln,kkm,l,l->nl",
        &ops,
        &einsum!("nlln,kkm,l,l->nl", x0, x1, x2, x3),
    );
    let init = data(8, 9);
    let (want, acc) = expected("nlln,kkm,l,l->nl", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 4]).unwrap();
    einsum!(out = "nlln,kkm,l,l->nl", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 4]).unwrap();
    einsum!(out += "nlln,kkm,l,l->nl", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_040() {
    let d0 = data(64, 0);
    let x0 = TensorRef::new(&d0, [4, 2, 4, 2]).unwrap();
    let d1 = data(32, 1);
    let x1 = TensorRef::new(&d1, [2, 2, 4, 2]).unwrap();
    let d2 = data(16, 2);
    let x2 = TensorRef::new(&d2, [2, 4, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[4, 2, 4, 2]),
        (&d1, &[2, 2, 4, 2]),
        (&d2, &[2, 4, 2]),
    ];
    check(
        "lili,iili,ili->l",
        &ops,
        &einsum!("lili,iili,ili->l", x0, x1, x2),
    );
    let init = data(4, 9);
    let (want, acc) = expected("lili,iili,ili->l", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out = "lili,iili,ili->l", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out += "lili,iili,ili->l", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_041() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 3, 3, 3])];
    check("Aiii->", &ops, &einsum!("Aiii->", x0));
    let (want, _) = common::reference_einsum("Aiii->", &ops);
    let mut out = 5i64;
    einsum!(out = "Aiii->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "Aiii->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_042() {
    let d0 = data(27, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3]).unwrap();
    let d1 = data(3, 1);
    let x1 = TensorRef::new(&d1, [3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 3, 3]), (&d1, &[3])];
    check("imi,m", &ops, &einsum!("imi,m", x0, x1));
    let (want, _) = common::reference_einsum("imi,m", &ops);
    let mut out = 5i64;
    einsum!(out = "imi,m", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "imi,m", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_043() {
    let d0 = data(54, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 3, 3]).unwrap();
    let d1 = data(24, 1);
    let x1 = TensorRef::new(&d1, [2, 2, 2, 3]).unwrap();
    let d2 = data(18, 2);
    let x2 = Tensor::from_vec(d2.clone(), [3, 3, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[2, 3, 3, 3]),
        (&d1, &[2, 2, 2, 3]),
        (&d2, &[3, 3, 2]),
    ];
    check(
        "Bmmm,pppi,miA->",
        &ops,
        &einsum!("Bmmm,pppi,miA->", x0, x1, x2),
    );
    let (want, _) = common::reference_einsum("Bmmm,pppi,miA->", &ops);
    let mut out = 5i64;
    einsum!(out = "Bmmm,pppi,miA->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "Bmmm,pppi,miA->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_044() {
    let d0 = data(2, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2])];
    check("B->B", &ops, &einsum!("B->B", x0));
    let init = data(2, 9);
    let (want, acc) = expected("B->B", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "B->B", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "B->B", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_045() {
    let d0 = data(1, 0);
    let x0 = arr2::<1, 1>(&d0).to_vec();
    let d1 = data(6, 1);
    let x1 = TensorRef::new(&d1, [2, 3, 1]).unwrap();
    let d2 = data(27, 2);
    let s2 = [3, 3, 3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(3, 3);
    let x3 = TensorRef::new(&d3, [1, 1, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 1]),
        (&d1, &[2, 3, 1]),
        (&d2, &[3, 3, 3]),
        (&d3, &[1, 1, 3]),
    ];
    check(
        "pm,iBp,BBk,mpk->pmki",
        &ops,
        &einsum!("pm,iBp,BBk,mpk->pmki", x0, x1, x2, x3),
    );
    let init = data(6, 9);
    let (want, acc) = expected("pm,iBp,BBk,mpk->pmki", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 1, 3, 2]).unwrap();
    einsum!(view = "pm,iBp,BBk,mpk->pmki", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 1, 3, 2]).unwrap();
    einsum!(view += "pm,iBp,BBk,mpk->pmki", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_046() {
    let d0 = data(108, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 3, 3, 4]).unwrap();
    let d1 = data(108, 1);
    let x1 = TensorRef::new(&d1, [4, 3, 3, 3]).unwrap();
    let d2 = data(3, 2);
    let s2 = [1, 3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(64, 3);
    let x3 = TensorRef::new(&d3, [4, 4, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3, 3, 3, 4]),
        (&d1, &[4, 3, 3, 3]),
        (&d2, &[1, 3]),
        (&d3, &[4, 4, 4]),
    ];
    check(
        "qnql,lnnq,jq,lll->lnj",
        &ops,
        &einsum!("qnql,lnnq,jq,lll->lnj", x0, x1, x2, x3),
    );
    let init = data(12, 9);
    let (want, acc) = expected("qnql,lnnq,jq,lll->lnj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 3, 1]).unwrap();
    einsum!(out = "qnql,lnnq,jq,lll->lnj", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 3, 1]).unwrap();
    einsum!(out += "qnql,lnnq,jq,lll->lnj", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_047() {
    let d0 = data(27, 0);
    let a0 = arr3::<3, 3, 3>(&d0);
    let x0: &[[[i64; 3]; 3]] = &a0;
    let d1 = data(81, 1);
    let s1 = [3, 3, 3, 3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(3, 2);
    let x2 = arr1::<3>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 3]), (&d1, &[3, 3, 3, 3]), (&d2, &[3])];
    check("nnn,mimn,m", &ops, &einsum!("nnn,mimn,m", x0, x1, x2));
    let init = data(3, 9);
    let (want, acc) = expected("nnn,mimn,m", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "nnn,mimn,m", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "nnn,mimn,m", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_048() {
    let d0 = data(12, 0);
    let x0 = arr2::<4, 3>(&d0).to_vec();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 3])];
    check("lA", &ops, &einsum!("lA", x0));
    let init = data(12, 9);
    let (want, acc) = expected("lA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out = "lA", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out += "lA", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_049() {
    let d0 = data(12, 0);
    let x0 = TensorRef::new(&d0, [4, 3]).unwrap();
    let d1 = data(0, 1);
    let x1 = TensorRef::new(&d1, [0, 3, 0, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 3]), (&d1, &[0, 3, 0, 4])];
    check("nA,CACn->ACn", &ops, &einsum!("nA,CACn->ACn", x0, x1));
    let init = data(0, 9);
    let (want, acc) = expected("nA,CACn->ACn", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 0, 4]).unwrap();
    einsum!(out = "nA,CACn->ACn", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 0, 4]).unwrap();
    einsum!(out += "nA,CACn->ACn", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_050() {
    let d0 = data(1, 0);
    let a0 = arr1::<1>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(4, 1);
    let x1 = Tensor::from_vec(d1.clone(), [1, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[1, 4])];
    check("m,ml->", &ops, &einsum!("m,ml->", x0, x1));
    let (want, _) = common::reference_einsum("m,ml->", &ops);
    let mut out = 5i64;
    einsum!(out = "m,ml->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "m,ml->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_051() {
    let d0 = data(3, 0);
    let s0 = [3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(3, 1);
    let x1 = arr2::<3, 1>(&d1).to_vec();
    let d2 = data(3, 2);
    let s2 = [3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3]), (&d1, &[3, 1]), (&d2, &[3])];
    check("q,qA,q", &ops, &einsum!("q,qA,q", x0, x1, x2));
    let init = data(1, 9);
    let (want, acc) = expected("q,qA,q", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "q,qA,q", x0, x1, x2);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "q,qA,q", x0, x1, x2);
    assert_eq!(out, acc);
}

#[test]
fn case_052() {
    let d0 = data(6, 0);
    let x0 = TensorRef::new(&d0, [2, 3]).unwrap();
    let d1 = data(2, 1);
    let s1 = [2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 3]), (&d1, &[2])];
    check("Bi,B->iB", &ops, &einsum!("Bi,B->iB", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("Bi,B->iB", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    einsum!(view = "Bi,B->iB", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    einsum!(view += "Bi,B->iB", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_053() {
    let d0 = data(2, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2]).unwrap();
    let d1 = data(1, 1);
    let s1 = [1, 1];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[1, 1])];
    check("B,pp->Bp", &ops, &einsum!("B,pp->Bp", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("B,pp->Bp", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 1]).unwrap();
    einsum!(view = "B,pp->Bp", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 1]).unwrap();
    einsum!(view += "B,pp->Bp", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_054() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [4]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4])];
    check("k", &ops, &einsum!("k", x0));
    let init = data(4, 9);
    let (want, acc) = expected("k", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4]).unwrap();
    einsum!(view = "k", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4]).unwrap();
    einsum!(view += "k", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_055() {
    let d0 = data(18, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 3]).unwrap();
    let d1 = data(12, 1);
    let x1 = TensorRef::new(&d1, [3, 4]).unwrap();
    let d2 = data(24, 2);
    let x2 = Tensor::from_vec(d2.clone(), [2, 3, 4]).unwrap();
    let d3 = data(3, 3);
    let x3 = TensorRef::new(&d3, [3]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[2, 3, 3]),
        (&d1, &[3, 4]),
        (&d2, &[2, 3, 4]),
        (&d3, &[3]),
    ];
    check(
        "kqq,BA,kqA,q->kA",
        &ops,
        &einsum!("kqq,BA,kqA,q->kA", x0, x1, x2, x3),
    );
    let init = data(8, 9);
    let (want, acc) = expected("kqq,BA,kqA,q->kA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 4]).unwrap();
    einsum!(out = "kqq,BA,kqA,q->kA", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 4]).unwrap();
    einsum!(out += "kqq,BA,kqA,q->kA", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_056() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("p->p", &ops, &einsum!("p->p", x0));
    let init = data(3, 9);
    let (want, acc) = expected("p->p", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "p->p", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "p->p", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_057() {
    let d0 = data(8, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2, 2, 1])];
    check("pCCl", &ops, &einsum!("pCCl", x0));
    let init = data(2, 9);
    let (want, acc) = expected("pCCl", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 2]).unwrap();
    einsum!(view = "pCCl", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 2]).unwrap();
    einsum!(view += "pCCl", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_058() {
    let d0 = data(16, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 2]).unwrap();
    let d1 = data(8, 1);
    let x1 = TensorRef::new(&d1, [2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 2, 2]), (&d1, &[2, 2, 2])];
    check("iqjq,jjq->jiq", &ops, &einsum!("iqjq,jjq->jiq", x0, x1));
    let init = data(8, 9);
    let (want, acc) = expected("iqjq,jjq->jiq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 2]).unwrap();
    einsum!(out = "iqjq,jjq->jiq", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 2]).unwrap();
    einsum!(out += "iqjq,jjq->jiq", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_059() {
    let d0 = data(4, 0);
    let a0 = arr2::<1, 4>(&d0);
    let x0: &[[i64; 4]] = &a0;
    let d1 = data(2, 1);
    let s1 = [2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 4]), (&d1, &[2])];
    check("qn,k", &ops, &einsum!("qn,k", x0, x1));
    let init = data(8, 9);
    let (want, acc) = expected("qn,k", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 4, 1]).unwrap();
    einsum!(out = "qn,k", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 4, 1]).unwrap();
    einsum!(out += "qn,k", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_060() {
    let d0 = data(256, 0);
    let x0 = TensorRef::new(&d0, [4, 4, 4, 4]).unwrap();
    let d1 = data(16, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 4, 4, 4]), (&d1, &[4, 4])];
    check("BBii,BB", &ops, &einsum!("BBii,BB", x0, x1));
    let (want, _) = common::reference_einsum("BBii,BB", &ops);
    let mut out = 5i64;
    einsum!(out = "BBii,BB", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "BBii,BB", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_061() {
    let d0 = data(4, 0);
    let a0 = arr1::<4>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(8, 1);
    let x1 = arr2::<4, 2>(&d1).to_vec();
    let d2 = data(8, 2);
    let x2 = arr3::<2, 2, 2>(&d2);
    let d3 = data(1, 3);
    let a3 = arr3::<1, 1, 1>(&d3);
    let x3: &[[[i64; 1]; 1]] = &a3;
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[4]),
        (&d1, &[4, 2]),
        (&d2, &[2, 2, 2]),
        (&d3, &[1, 1, 1]),
    ];
    check(
        "p,pB,nBB,lll->Bnl",
        &ops,
        &einsum!("p,pB,nBB,lll->Bnl", x0, x1, x2, x3),
    );
    let init = data(4, 9);
    let (want, acc) = expected("p,pB,nBB,lll->Bnl", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 1]).unwrap();
    einsum!(out = "p,pB,nBB,lll->Bnl", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 1]).unwrap();
    einsum!(out += "p,pB,nBB,lll->Bnl", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_062() {
    let d0 = data(16, 0);
    let x0 = arr2::<4, 4>(&d0).to_vec();
    let d1 = data(9, 1);
    let x1 = TensorRef::new(&d1, [1, 3, 3, 1]).unwrap();
    let d2 = data(4, 2);
    let x2 = Tensor::from_vec(d2.clone(), [4]).unwrap();
    let d3 = data(1, 3);
    let s3 = [1, 1];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[4, 4]),
        (&d1, &[1, 3, 3, 1]),
        (&d2, &[4]),
        (&d3, &[1, 1]),
    ];
    check(
        "ll,qmmC,l,qC->mlq",
        &ops,
        &einsum!("ll,qmmC,l,qC->mlq", x0, x1, x2, x3),
    );
    let init = data(12, 9);
    let (want, acc) = expected("ll,qmmC,l,qC->mlq", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 4, 1]).unwrap();
    einsum!(view = "ll,qmmC,l,qC->mlq", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 4, 1]).unwrap();
    einsum!(view += "ll,qmmC,l,qC->mlq", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_063() {
    let d0 = data(16, 0);
    let x0 = arr3::<2, 2, 4>(&d0);
    let d1 = data(24, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4, 2, 3]).unwrap();
    let d2 = data(96, 2);
    let s2 = [4, 2, 4, 3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 2, 4]), (&d1, &[4, 2, 3]), (&d2, &[4, 2, 4, 3])];
    check(
        "BBm,mBA,mBmA->ABm",
        &ops,
        &einsum!("BBm,mBA,mBmA->ABm", x0, x1, x2),
    );
    let init = data(24, 9);
    let (want, acc) = expected("BBm,mBA,mBmA->ABm", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2, 4]).unwrap();
    einsum!(out = "BBm,mBA,mBmA->ABm", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2, 4]).unwrap();
    einsum!(out += "BBm,mBA,mBmA->ABm", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_064() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0).to_vec();
    let d1 = data(27, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3, 3, 3])];
    check("q,Aql", &ops, &einsum!("q,Aql", x0, x1));
    let init = data(9, 9);
    let (want, acc) = expected("q,Aql", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 3]).unwrap();
    einsum!(out = "q,Aql", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 3]).unwrap();
    einsum!(out += "q,Aql", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_065() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [4, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 1])];
    check("jn->jn", &ops, &einsum!("jn->jn", x0));
    let init = data(4, 9);
    let (want, acc) = expected("jn->jn", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 1]).unwrap();
    einsum!(out = "jn->jn", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 1]).unwrap();
    einsum!(out += "jn->jn", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_066() {
    let d0 = data(6, 0);
    let x0 = TensorRef::new(&d0, [2, 3]).unwrap();
    let d1 = data(3, 1);
    let s1 = [3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 3]), (&d1, &[3])];
    check("qi,B->", &ops, &einsum!("qi,B->", x0, x1));
    let (want, _) = common::reference_einsum("qi,B->", &ops);
    let mut out = 5i64;
    einsum!(out = "qi,B->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "qi,B->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_067() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [2, 2]).unwrap();
    let d1 = data(18, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 1, 3]).unwrap();
    let d2 = data(24, 2);
    let x2 = TensorRef::new(&d2, [2, 2, 2, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 2]), (&d1, &[3, 2, 1, 3]), (&d2, &[2, 2, 2, 3])];
    check(
        "nm,BmAB,nmnB->B",
        &ops,
        &einsum!("nm,BmAB,nmnB->B", x0, x1, x2),
    );
    let init = data(3, 9);
    let (want, acc) = expected("nm,BmAB,nmnB->B", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "nm,BmAB,nmnB->B", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "nm,BmAB,nmnB->B", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_068() {
    let d0 = data(16, 0);
    let s0 = [4, 2, 2, 1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 2, 2, 1])];
    check("ippB->ip", &ops, &einsum!("ippB->ip", x0));
    let init = data(8, 9);
    let (want, acc) = expected("ippB->ip", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 2]).unwrap();
    einsum!(out = "ippB->ip", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 2]).unwrap();
    einsum!(out += "ippB->ip", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_069() {
    let d0 = data(4, 0);
    let a0 = arr1::<4>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(144, 1);
    let x1 = TensorRef::new(&d1, [4, 3, 4, 3]).unwrap();
    let d2 = data(2, 2);
    let s2 = [2];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(3, 3);
    let x3 = arr1::<3>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] =
        [(&d0, &[4]), (&d1, &[4, 3, 4, 3]), (&d2, &[2]), (&d3, &[3])];
    check("p,pCpC,q,k", &ops, &einsum!("p,pCpC,q,k", x0, x1, x2, x3));
    let init = data(6, 9);
    let (want, acc) = expected("p,pCpC,q,k", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out = "p,pCpC,q,k", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out += "p,pCpC,q,k", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_070() {
    let d0 = data(3, 0);
    let x0 = TensorRef::new(&d0, [1, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 3])];
    check("mB", &ops, &einsum!("mB", x0));
    let init = data(3, 9);
    let (want, acc) = expected("mB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out = "mB", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out += "mB", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_071() {
    let d0 = data(1, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1]).unwrap();
    let d1 = data(36, 1);
    let x1 = arr3::<3, 3, 4>(&d1).to_vec();
    let d2 = data(4, 2);
    let s2 = [4];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1]), (&d1, &[3, 3, 4]), (&d2, &[4])];
    check("B,kkm,m", &ops, &einsum!("B,kkm,m", x0, x1, x2));
    let init = data(1, 9);
    let (want, acc) = expected("B,kkm,m", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1]).unwrap();
    einsum!(out = "B,kkm,m", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1]).unwrap();
    einsum!(out += "B,kkm,m", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_072() {
    let d0 = data(3, 0);
    let x0 = TensorRef::new(&d0, [3]).unwrap();
    let d1 = data(81, 1);
    let x1 = TensorRef::new(&d1, [3, 3, 3, 3]).unwrap();
    let d2 = data(9, 2);
    let x2 = TensorRef::new(&d2, [3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3]), (&d1, &[3, 3, 3, 3]), (&d2, &[3, 3])];
    check("B,AqAq,Bq", &ops, &einsum!("B,AqAq,Bq", x0, x1, x2));
    let (want, _) = common::reference_einsum("B,AqAq,Bq", &ops);
    let mut out = 5i64;
    einsum!(out = "B,AqAq,Bq", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "B,AqAq,Bq", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_073() {
    let d0 = data(36, 0);
    let s0 = [3, 3, 4];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(48, 1);
    let a1 = arr3::<3, 4, 4>(&d1);
    let x1: &[[[i64; 4]; 4]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 3, 4]), (&d1, &[3, 4, 4])];
    check("Clm,qmm->qlm", &ops, &einsum!("Clm,qmm->qlm", x0, x1));
    let init = data(36, 9);
    let (want, acc) = expected("Clm,qmm->qlm", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 3, 4]).unwrap();
    einsum!(view = "Clm,qmm->qlm", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 3, 4]).unwrap();
    einsum!(view += "Clm,qmm->qlm", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_074() {
    let d0 = data(16, 0);
    let a0 = arr2::<4, 4>(&d0);
    let x0: &[[i64; 4]] = &a0;
    let d1 = data(12, 1);
    let x1 = arr2::<3, 4>(&d1);
    let d2 = data(12, 2);
    let x2 = arr3::<2, 3, 2>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4, 4]), (&d1, &[3, 4]), (&d2, &[2, 3, 2])];
    check(
        "jC,BC,kAk->jBk",
        &ops,
        &einsum!("jC,BC,kAk->jBk", x0, x1, x2),
    );
    let init = data(24, 9);
    let (want, acc) = expected("jC,BC,kAk->jBk", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 3, 2]).unwrap();
    einsum!(out = "jC,BC,kAk->jBk", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 3, 2]).unwrap();
    einsum!(out += "jC,BC,kAk->jBk", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_075() {
    let d0 = data(9, 0);
    let a0 = arr3::<1, 3, 3>(&d0);
    let x0: &[[[i64; 3]; 3]] = &a0;
    let d1 = data(64, 1);
    let x1 = TensorRef::new(&d1, [2, 4, 4, 2]).unwrap();
    let d2 = data(48, 2);
    let x2 = TensorRef::new(&d2, [4, 4, 1, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[1, 3, 3]),
        (&d1, &[2, 4, 4, 2]),
        (&d2, &[4, 4, 1, 3]),
    ];
    check(
        "Cpp,lijl,jkCp->pj",
        &ops,
        &einsum!("Cpp,lijl,jkCp->pj", x0, x1, x2),
    );
    let init = data(12, 9);
    let (want, acc) = expected("Cpp,lijl,jkCp->pj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out = "Cpp,lijl,jkCp->pj", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out += "Cpp,lijl,jkCp->pj", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_076() {
    let d0 = data(6, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 3, 1])];
    check("Blm->lB", &ops, &einsum!("Blm->lB", x0));
    let init = data(6, 9);
    let (want, acc) = expected("Blm->lB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out = "Blm->lB", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out += "Blm->lB", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_077() {
    let d0 = data(12, 0);
    let a0 = arr3::<3, 2, 2>(&d0);
    let x0: &[[[i64; 2]; 2]] = &a0;
    let d1 = data(81, 1);
    let x1 = TensorRef::new(&d1, [3, 3, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 2, 2]), (&d1, &[3, 3, 3, 3])];
    check("kmm,kCCC", &ops, &einsum!("kmm,kCCC", x0, x1));
    let (want, _) = common::reference_einsum("kmm,kCCC", &ops);
    let mut out = 5i64;
    einsum!(out = "kmm,kCCC", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "kmm,kCCC", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_078() {
    let d0 = data(4, 0);
    let x0 = arr1::<4>(&d0);
    let d1 = data(2, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2]).unwrap();
    let d2 = data(4, 2);
    let a2 = arr2::<2, 2>(&d2);
    let x2: &[[i64; 2]] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4]), (&d1, &[2]), (&d2, &[2, 2])];
    check("n,p,kp->np", &ops, &einsum!("n,p,kp->np", x0, x1, x2));
    let init = data(8, 9);
    let (want, acc) = expected("n,p,kp->np", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 2]).unwrap();
    einsum!(out = "n,p,kp->np", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 2]).unwrap();
    einsum!(out += "n,p,kp->np", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_079() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("A->A", &ops, &einsum!("A->A", x0));
    let init = data(3, 9);
    let (want, acc) = expected("A->A", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "A->A", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "A->A", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_080() {
    let d0 = data(192, 0);
    let x0 = Tensor::from_vec(d0.clone(), [4, 3, 4, 4]).unwrap();
    let d1 = data(36, 1);
    let x1 = arr3::<3, 3, 4>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 3, 4, 4]), (&d1, &[3, 3, 4])];
    check("BjnB,ppB", &ops, &einsum!("BjnB,ppB", x0, x1));
    let init = data(12, 9);
    let (want, acc) = expected("BjnB,ppB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out = "BjnB,ppB", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out += "BjnB,ppB", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_081() {
    let d0 = data(16, 0);
    let a0 = arr2::<4, 4>(&d0);
    let x0: &[[i64; 4]] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 4])];
    check("mm", &ops, &einsum!("mm", x0));
    let (want, _) = common::reference_einsum("mm", &ops);
    let mut out = 5i64;
    einsum!(out = "mm", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "mm", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_082() {
    let d0 = data(4, 0);
    let x0 = arr1::<4>(&d0).to_vec();
    let d1 = data(1, 1);
    let x1 = TensorRef::new(&d1, [1, 1, 1, 1]).unwrap();
    let d2 = data(4, 2);
    let x2 = TensorRef::new(&d2, [4]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4]), (&d1, &[1, 1, 1, 1]), (&d2, &[4])];
    check("A,mmmm,A", &ops, &einsum!("A,mmmm,A", x0, x1, x2));
    let (want, _) = common::reference_einsum("A,mmmm,A", &ops);
    let mut out = 5i64;
    einsum!(out = "A,mmmm,A", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "A,mmmm,A", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_083() {
    let d0 = data(16, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 2]).unwrap();
    let d1 = data(8, 1);
    let a1 = arr3::<2, 2, 2>(&d1);
    let x1: &[[[i64; 2]; 2]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 2, 2]), (&d1, &[2, 2, 2])];
    check("jjjC,CCC->j", &ops, &einsum!("jjjC,CCC->j", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("jjjC,CCC->j", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "jjjC,CCC->j", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "jjjC,CCC->j", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_084() {
    let d0 = data(2, 0);
    let s0 = [2, 1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 1])];
    check("nl->ln", &ops, &einsum!("nl->ln", x0));
    let init = data(2, 9);
    let (want, acc) = expected("nl->ln", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 2]).unwrap();
    einsum!(out = "nl->ln", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 2]).unwrap();
    einsum!(out += "nl->ln", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_085() {
    let d0 = data(2, 0);
    let x0 = arr2::<1, 2>(&d0);
    let d1 = data(4, 1);
    let x1 = arr2::<2, 2>(&d1).to_vec();
    let d2 = data(32, 2);
    let x2 = TensorRef::new(&d2, [2, 4, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 2]), (&d1, &[2, 2]), (&d2, &[2, 4, 2, 2])];
    check("qB,kB,Bpkk", &ops, &einsum!("qB,kB,Bpkk", x0, x1, x2));
    let init = data(4, 9);
    let (want, acc) = expected("qB,kB,Bpkk", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 1]).unwrap();
    einsum!(view = "qB,kB,Bpkk", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 1]).unwrap();
    einsum!(view += "qB,kB,Bpkk", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_086() {
    let d0 = data(18, 0);
    let x0 = arr3::<2, 3, 3>(&d0);
    let d1 = data(2, 1);
    let x1 = arr1::<2>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 3, 3]), (&d1, &[2])];
    check("qBB,q->Bq", &ops, &einsum!("qBB,q->Bq", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("qBB,q->Bq", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    einsum!(view = "qBB,q->Bq", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    einsum!(view += "qBB,q->Bq", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_087() {
    let d0 = data(128, 0);
    let x0 = TensorRef::new(&d0, [4, 4, 4, 2]).unwrap();
    let d1 = data(32, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4, 2, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 4, 4, 2]), (&d1, &[4, 2, 4])];
    check("CCAk,CiC->ACi", &ops, &einsum!("CCAk,CiC->ACi", x0, x1));
    let init = data(32, 9);
    let (want, acc) = expected("CCAk,CiC->ACi", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 4, 2]).unwrap();
    einsum!(view = "CCAk,CiC->ACi", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 4, 2]).unwrap();
    einsum!(view += "CCAk,CiC->ACi", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_088() {
    let d0 = data(0, 0);
    let x0 = TensorRef::new(&d0, [0, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[0, 2, 2, 2])];
    check("jkkk->", &ops, &einsum!("jkkk->", x0));
    let (want, _) = common::reference_einsum("jkkk->", &ops);
    let mut out = 5i64;
    einsum!(out = "jkkk->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "jkkk->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_089() {
    let d0 = data(3, 0);
    let x0 = TensorRef::new(&d0, [3]).unwrap();
    let d1 = data(8, 1);
    let x1 = arr3::<2, 2, 2>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[2, 2, 2])];
    check("C,mmm->", &ops, &einsum!("C,mmm->", x0, x1));
    let (want, _) = common::reference_einsum("C,mmm->", &ops);
    let mut out = 5i64;
    einsum!(out = "C,mmm->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "C,mmm->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_090() {
    let d0 = data(192, 0);
    let x0 = Tensor::from_vec(d0.clone(), [4, 3, 4, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 3, 4, 4])];
    check("ClAC->lA", &ops, &einsum!("ClAC->lA", x0));
    let init = data(12, 9);
    let (want, acc) = expected("ClAC->lA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out = "ClAC->lA", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 4]).unwrap();
    einsum!(out += "ClAC->lA", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_091() {
    let d0 = data(4, 0);
    let a0 = arr2::<2, 2>(&d0);
    let x0: &[[i64; 2]] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2])];
    check("im->mi", &ops, &einsum!("im->mi", x0));
    let init = data(4, 9);
    let (want, acc) = expected("im->mi", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out = "im->mi", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out += "im->mi", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_092() {
    let d0 = data(27, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 1]).unwrap();
    let d1 = data(4, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2, 1, 2]).unwrap();
    let d2 = data(4, 2);
    let a2 = arr3::<1, 2, 2>(&d2);
    let x2: &[[[i64; 2]; 2]] = &a2;
    let d3 = data(9, 3);
    let s3 = [3, 1, 3, 1];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3, 3, 3, 1]),
        (&d1, &[2, 1, 2]),
        (&d2, &[1, 2, 2]),
        (&d3, &[3, 1, 3, 1]),
    ];
    check(
        "Cjjl,plp,lpp,Cljl->pC",
        &ops,
        &einsum!("Cjjl,plp,lpp,Cljl->pC", x0, x1, x2, x3),
    );
    let init = data(6, 9);
    let (want, acc) = expected("Cjjl,plp,lpp,Cljl->pC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 3]).unwrap();
    einsum!(out = "Cjjl,plp,lpp,Cljl->pC", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 3]).unwrap();
    einsum!(out += "Cjjl,plp,lpp,Cljl->pC", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_093() {
    let d0 = data(9, 0);
    let x0 = arr3::<3, 1, 3>(&d0).to_vec();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 1, 3])];
    check("CBC", &ops, &einsum!("CBC", x0));
    let init = data(1, 9);
    let (want, acc) = expected("CBC", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "CBC", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "CBC", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_094() {
    let d0 = data(0, 0);
    let x0 = Tensor::from_vec(d0.clone(), [0, 0, 0, 0]).unwrap();
    let d1 = data(0, 1);
    let s1 = [1, 0, 1, 1];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(0, 2);
    let s2 = [0];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(1, 3);
    let x3 = arr1::<1>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[0, 0, 0, 0]),
        (&d1, &[1, 0, 1, 1]),
        (&d2, &[0]),
        (&d3, &[1]),
    ];
    check(
        "llll,BlBB,l,B->B",
        &ops,
        &einsum!("llll,BlBB,l,B->B", x0, x1, x2, x3),
    );
    let init = data(1, 9);
    let (want, acc) = expected("llll,BlBB,l,B->B", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "llll,BlBB,l,B->B", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "llll,BlBB,l,B->B", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_095() {
    let d0 = data(36, 0);
    let x0 = TensorRef::new(&d0, [3, 2, 2, 3]).unwrap();
    let d1 = data(12, 1);
    let a1 = arr3::<2, 2, 3>(&d1);
    let x1: &[[[i64; 3]; 2]] = &a1;
    let d2 = data(4, 2);
    let s2 = [2, 2];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(6, 3);
    let s3 = [2, 3];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3, 2, 2, 3]),
        (&d1, &[2, 2, 3]),
        (&d2, &[2, 2]),
        (&d3, &[2, 3]),
    ];
    check(
        "jppj,ppj,pp,pj->jp",
        &ops,
        &einsum!("jppj,ppj,pp,pj->jp", x0, x1, x2, x3),
    );
    let init = data(6, 9);
    let (want, acc) = expected("jppj,ppj,pp,pj->jp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out = "jppj,ppj,pp,pj->jp", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out += "jppj,ppj,pp,pj->jp", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_096() {
    let d0 = data(64, 0);
    let x0 = TensorRef::new(&d0, [2, 4, 4, 2]).unwrap();
    let d1 = data(8, 1);
    let x1 = arr3::<2, 1, 4>(&d1);
    let d2 = data(2, 2);
    let x2 = Tensor::from_vec(d2.clone(), [2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 4, 4, 2]), (&d1, &[2, 1, 4]), (&d2, &[2])];
    check("knnk,pAn,p", &ops, &einsum!("knnk,pAn,p", x0, x1, x2));
    let init = data(1, 9);
    let (want, acc) = expected("knnk,pAn,p", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "knnk,pAn,p", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "knnk,pAn,p", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_097() {
    let d0 = data(144, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 4, 4, 3]).unwrap();
    let d1 = data(192, 1);
    let s1 = [3, 4, 4, 4];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(108, 2);
    let x2 = TensorRef::new(&d2, [3, 4, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[3, 4, 4, 3]),
        (&d1, &[3, 4, 4, 4]),
        (&d2, &[3, 4, 3, 3]),
    ];
    check(
        "kBnj,jnBn,jBjj->njB",
        &ops,
        &einsum!("kBnj,jnBn,jBjj->njB", x0, x1, x2),
    );
    let init = data(48, 9);
    let (want, acc) = expected("kBnj,jnBn,jBjj->njB", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 3, 4]).unwrap();
    einsum!(view = "kBnj,jnBn,jBjj->njB", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 3, 4]).unwrap();
    einsum!(view += "kBnj,jnBn,jBjj->njB", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_098() {
    let d0 = data(6, 0);
    let x0 = arr2::<3, 2>(&d0).to_vec();
    let d1 = data(4, 1);
    let a1 = arr1::<4>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(12, 2);
    let x2 = arr2::<3, 4>(&d2).to_vec();
    let d3 = data(3, 3);
    let a3 = arr1::<3>(&d3);
    let x3: &[i64] = &a3;
    let ops: [(&[i64], &[usize]); 4] = [(&d0, &[3, 2]), (&d1, &[4]), (&d2, &[3, 4]), (&d3, &[3])];
    check(
        "CB,n,jn,q->qjC",
        &ops,
        &einsum!("CB,n,jn,q->qjC", x0, x1, x2, x3),
    );
    let init = data(27, 9);
    let (want, acc) = expected("CB,n,jn,q->qjC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 3]).unwrap();
    einsum!(out = "CB,n,jn,q->qjC", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 3]).unwrap();
    einsum!(out += "CB,n,jn,q->qjC", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_099() {
    let d0 = data(27, 0);
    let a0 = arr3::<3, 3, 3>(&d0);
    let x0: &[[[i64; 3]; 3]] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 3, 3])];
    check("qmq", &ops, &einsum!("qmq", x0));
    let init = data(3, 9);
    let (want, acc) = expected("qmq", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "qmq", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "qmq", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_100() {
    let d0 = data(36, 0);
    let x0 = TensorRef::new(&d0, [3, 2, 3, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 2, 3, 2])];
    check("inlk", &ops, &einsum!("inlk", x0));
    let init = data(36, 9);
    let (want, acc) = expected("inlk", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2, 3, 2]).unwrap();
    einsum!(view = "inlk", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2, 3, 2]).unwrap();
    einsum!(view += "inlk", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_101() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [1, 2, 2]).unwrap();
    let d1 = data(2, 1);
    let x1 = TensorRef::new(&d1, [1, 1, 1, 2]).unwrap();
    let d2 = data(1, 2);
    let a2 = arr1::<1>(&d2);
    let x2: &[i64] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 2, 2]), (&d1, &[1, 1, 1, 2]), (&d2, &[1])];
    check("qAA,qqqA,q", &ops, &einsum!("qAA,qqqA,q", x0, x1, x2));
    let (want, _) = common::reference_einsum("qAA,qqqA,q", &ops);
    let mut out = 5i64;
    einsum!(out = "qAA,qqqA,q", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "qAA,qqqA,q", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_102() {
    let d0 = data(24, 0);
    let s0 = [2, 4, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(6, 1);
    let s1 = [2, 3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(192, 2);
    let x2 = TensorRef::new(&d2, [3, 4, 4, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 4, 3]), (&d1, &[2, 3]), (&d2, &[3, 4, 4, 4])];
    check(
        "lBA,ln,nBBB->AnlB",
        &ops,
        &einsum!("lBA,ln,nBBB->AnlB", x0, x1, x2),
    );
    let init = data(72, 9);
    let (want, acc) = expected("lBA,ln,nBBB->AnlB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 2, 4]).unwrap();
    einsum!(out = "lBA,ln,nBBB->AnlB", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 2, 4]).unwrap();
    einsum!(out += "lBA,ln,nBBB->AnlB", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_103() {
    let d0 = data(8, 0);
    let a0 = arr2::<2, 4>(&d0);
    let x0: &[[i64; 4]] = &a0;
    let d1 = data(4, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 4]), (&d1, &[4])];
    check("jA,q->", &ops, &einsum!("jA,q->", x0, x1));
    let (want, _) = common::reference_einsum("jA,q->", &ops);
    let mut out = 5i64;
    einsum!(out = "jA,q->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "jA,q->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_104() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 3, 3, 3])];
    check("qqAq->", &ops, &einsum!("qqAq->", x0));
    let (want, _) = common::reference_einsum("qqAq->", &ops);
    let mut out = 5i64;
    einsum!(out = "qqAq->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "qqAq->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_105() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0).to_vec();
    let d1 = data(6, 1);
    let x1 = arr2::<3, 2>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[3, 2])];
    check("j,Aj->", &ops, &einsum!("j,Aj->", x0, x1));
    let (want, _) = common::reference_einsum("j,Aj->", &ops);
    let mut out = 5i64;
    einsum!(out = "j,Aj->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "j,Aj->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_106() {
    let d0 = data(6, 0);
    let a0 = arr2::<2, 3>(&d0);
    let x0: &[[i64; 3]] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 3])];
    check("Am->A", &ops, &einsum!("Am->A", x0));
    let init = data(2, 9);
    let (want, acc) = expected("Am->A", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "Am->A", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "Am->A", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_107() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(12, 1);
    let x1 = arr3::<3, 1, 4>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3, 1, 4])];
    check("l,jAq->q", &ops, &einsum!("l,jAq->q", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("l,jAq->q", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "l,jAq->q", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "l,jAq->q", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_108() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0).to_vec();
    let d1 = data(27, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 3, 3]).unwrap();
    let d2 = data(2, 2);
    let x2 = TensorRef::new(&d2, [2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2]), (&d1, &[3, 3, 3]), (&d2, &[2])];
    check("k,BBB,k->kB", &ops, &einsum!("k,BBB,k->kB", x0, x1, x2));
    let init = data(6, 9);
    let (want, acc) = expected("k,BBB,k->kB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 3]).unwrap();
    einsum!(out = "k,BBB,k->kB", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 3]).unwrap();
    einsum!(out += "k,BBB,k->kB", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_109() {
    let d0 = data(9, 0);
    let x0 = arr2::<3, 3>(&d0).to_vec();
    let d1 = data(0, 1);
    let x1 = arr3::<3, 0, 3>(&d1);
    let d2 = data(0, 2);
    let s2 = [0];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3]), (&d1, &[3, 0, 3]), (&d2, &[0])];
    check("mC,Ckm,k->m", &ops, &einsum!("mC,Ckm,k->m", x0, x1, x2));
    let init = data(3, 9);
    let (want, acc) = expected("mC,Ckm,k->m", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "mC,Ckm,k->m", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "mC,Ckm,k->m", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_110() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(2, 1);
    let s1 = [1, 2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(24, 2);
    let x2 = TensorRef::new(&d2, [3, 4, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3]), (&d1, &[1, 2]), (&d2, &[3, 4, 2])];
    check("q,pm,qjm", &ops, &einsum!("q,pm,qjm", x0, x1, x2));
    let init = data(4, 9);
    let (want, acc) = expected("q,pm,qjm", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 1]).unwrap();
    einsum!(out = "q,pm,qjm", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 1]).unwrap();
    einsum!(out += "q,pm,qjm", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_111() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [2, 2]).unwrap();
    let d1 = data(8, 1);
    let a1 = arr3::<2, 2, 2>(&d1);
    let x1: &[[[i64; 2]; 2]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2]), (&d1, &[2, 2, 2])];
    check("Ap,AAp->Ap", &ops, &einsum!("Ap,AAp->Ap", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("Ap,AAp->Ap", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 2]).unwrap();
    einsum!(view = "Ap,AAp->Ap", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 2]).unwrap();
    einsum!(view += "Ap,AAp->Ap", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_112() {
    let d0 = data(2, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2]).unwrap();
    let d1 = data(2, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[2])];
    check("p,i->", &ops, &einsum!("p,i->", x0, x1));
    let (want, _) = common::reference_einsum("p,i->", &ops);
    let mut out = 5i64;
    einsum!(out = "p,i->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "p,i->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_113() {
    let d0 = data(6, 0);
    let x0 = TensorRef::new(&d0, [3, 2]).unwrap();
    let d1 = data(3, 1);
    let a1 = arr1::<3>(&d1);
    let x1: &[i64] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 2]), (&d1, &[3])];
    check("Ap,A", &ops, &einsum!("Ap,A", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("Ap,A", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "Ap,A", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "Ap,A", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_114() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 3]).unwrap();
    let d1 = data(9, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 3, 3, 3]), (&d1, &[3, 3])];
    check("nnnn,nn", &ops, &einsum!("nnnn,nn", x0, x1));
    let (want, _) = common::reference_einsum("nnnn,nn", &ops);
    let mut out = 5i64;
    einsum!(out = "nnnn,nn", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "nnnn,nn", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_115() {
    let d0 = data(16, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 4, 2]).unwrap();
    let d1 = data(36, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 2, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 4, 2]), (&d1, &[3, 2, 2, 3])];
    check("pil,jnnj->nj", &ops, &einsum!("pil,jnnj->nj", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("pil,jnnj->nj", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3]).unwrap();
    einsum!(view = "pil,jnnj->nj", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3]).unwrap();
    einsum!(view += "pil,jnnj->nj", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_116() {
    let d0 = data(4, 0);
    let x0 = TensorRef::new(&d0, [2, 2]).unwrap();
    let d1 = data(2, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2]), (&d1, &[2])];
    check("ii,i", &ops, &einsum!("ii,i", x0, x1));
    let (want, _) = common::reference_einsum("ii,i", &ops);
    let mut out = 5i64;
    einsum!(out = "ii,i", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "ii,i", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_117() {
    let d0 = data(4, 0);
    let x0 = arr3::<1, 2, 2>(&d0);
    let d1 = data(4, 1);
    let a1 = arr3::<2, 1, 2>(&d1);
    let x1: &[[[i64; 2]; 1]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 2, 2]), (&d1, &[2, 1, 2])];
    check("qAm,AqA", &ops, &einsum!("qAm,AqA", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("qAm,AqA", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "qAm,AqA", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "qAm,AqA", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_118() {
    let d0 = data(144, 0);
    let x0 = TensorRef::new(&d0, [4, 4, 3, 3]).unwrap();
    let d1 = data(36, 1);
    let x1 = TensorRef::new(&d1, [3, 4, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 4, 3, 3]), (&d1, &[3, 4, 3])];
    check("kmii,iji->imkj", &ops, &einsum!("kmii,iji->imkj", x0, x1));
    let init = data(192, 9);
    let (want, acc) = expected("kmii,iji->imkj", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 4, 4, 4]).unwrap();
    einsum!(view = "kmii,iji->imkj", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 4, 4, 4]).unwrap();
    einsum!(view += "kmii,iji->imkj", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_119() {
    let d0 = data(8, 0);
    let x0 = arr3::<2, 2, 2>(&d0);
    let d1 = data(16, 1);
    let a1 = arr3::<2, 2, 4>(&d1);
    let x1: &[[[i64; 4]; 2]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 2]), (&d1, &[2, 2, 4])];
    check("lll,llA", &ops, &einsum!("lll,llA", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("lll,llA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out = "lll,llA", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out += "lll,llA", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_120() {
    let d0 = data(8, 0);
    let x0 = TensorRef::new(&d0, [4, 2]).unwrap();
    let d1 = data(32, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4, 4, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 2]), (&d1, &[4, 4, 2])];
    check("pk,ppk->p", &ops, &einsum!("pk,ppk->p", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("pk,ppk->p", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out = "pk,ppk->p", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out += "pk,ppk->p", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_121() {
    let d0 = data(27, 0);
    let x0 = arr3::<3, 3, 3>(&d0);
    let d1 = data(9, 1);
    let s1 = [3, 3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(4, 2);
    let x2 = TensorRef::new(&d2, [4]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 3]), (&d1, &[3, 3]), (&d2, &[4])];
    check("qqq,qk,i->ikq", &ops, &einsum!("qqq,qk,i->ikq", x0, x1, x2));
    let init = data(36, 9);
    let (want, acc) = expected("qqq,qk,i->ikq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4, 3, 3]).unwrap();
    einsum!(out = "qqq,qk,i->ikq", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4, 3, 3]).unwrap();
    einsum!(out += "qqq,qk,i->ikq", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_122() {
    let d0 = data(32, 0);
    let x0 = arr3::<4, 2, 4>(&d0);
    let d1 = data(16, 1);
    let x1 = arr3::<2, 2, 4>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 2, 4]), (&d1, &[2, 2, 4])];
    check("lCl,CCl->", &ops, &einsum!("lCl,CCl->", x0, x1));
    let (want, _) = common::reference_einsum("lCl,CCl->", &ops);
    let mut out = 5i64;
    einsum!(out = "lCl,CCl->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "lCl,CCl->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_123() {
    let d0 = data(4, 0);
    let s0 = [4];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4])];
    check("A->A", &ops, &einsum!("A->A", x0));
    let init = data(4, 9);
    let (want, acc) = expected("A->A", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "A->A", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "A->A", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_124() {
    let d0 = data(9, 0);
    let x0 = TensorRef::new(&d0, [1, 3, 1, 3]).unwrap();
    let d1 = data(3, 1);
    let s1 = [3, 1];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 3, 1, 3]), (&d1, &[3, 1])];
    check("iniB,nq", &ops, &einsum!("iniB,nq", x0, x1));
    let init = data(3, 9);
    let (want, acc) = expected("iniB,nq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out = "iniB,nq", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 1]).unwrap();
    einsum!(out += "iniB,nq", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_125() {
    let d0 = data(2, 0);
    let s0 = [2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(36, 1);
    let x1 = TensorRef::new(&d1, [2, 3, 3, 2]).unwrap();
    let d2 = data(32, 2);
    let s2 = [2, 2, 4, 2];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2]), (&d1, &[2, 3, 3, 2]), (&d2, &[2, 2, 4, 2])];
    check(
        "l,lCCm,jlkl->lCm",
        &ops,
        &einsum!("l,lCCm,jlkl->lCm", x0, x1, x2),
    );
    let init = data(12, 9);
    let (want, acc) = expected("l,lCCm,jlkl->lCm", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 3, 2]).unwrap();
    einsum!(out = "l,lCCm,jlkl->lCm", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 3, 2]).unwrap();
    einsum!(out += "l,lCCm,jlkl->lCm", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_126() {
    let d0 = data(8, 0);
    let x0 = TensorRef::new(&d0, [4, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 2])];
    check("jA->A", &ops, &einsum!("jA->A", x0));
    let init = data(2, 9);
    let (want, acc) = expected("jA->A", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "jA->A", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "jA->A", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_127() {
    let d0 = data(48, 0);
    let x0 = Tensor::from_vec(d0.clone(), [4, 2, 3, 2]).unwrap();
    let d1 = data(27, 1);
    let x1 = arr3::<3, 3, 3>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[4, 2, 3, 2]), (&d1, &[3, 3, 3])];
    check("lAjA,jjj", &ops, &einsum!("lAjA,jjj", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("lAjA,jjj", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "lAjA,jjj", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "lAjA,jjj", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_128() {
    let d0 = data(54, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 3, 3, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 3, 3, 2])];
    check("BBBj", &ops, &einsum!("BBBj", x0));
    let init = data(2, 9);
    let (want, acc) = expected("BBBj", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "BBBj", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "BBBj", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_129() {
    let d0 = data(1, 0);
    let x0 = TensorRef::new(&d0, [1]).unwrap();
    let d1 = data(2, 1);
    let x1 = TensorRef::new(&d1, [2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[2])];
    check("l,m->", &ops, &einsum!("l,m->", x0, x1));
    let (want, _) = common::reference_einsum("l,m->", &ops);
    let mut out = 5i64;
    einsum!(out = "l,m->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "l,m->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_130() {
    let d0 = data(4, 0);
    let x0 = arr3::<1, 4, 1>(&d0);
    let d1 = data(4, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 4, 1]), (&d1, &[4, 1])];
    check("pqp,qp->q", &ops, &einsum!("pqp,qp->q", x0, x1));
    let init = data(4, 9);
    let (want, acc) = expected("pqp,qp->q", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4]).unwrap();
    einsum!(view = "pqp,qp->q", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4]).unwrap();
    einsum!(view += "pqp,qp->q", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_131() {
    let d0 = data(2, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2]).unwrap();
    let d1 = data(4, 1);
    let a1 = arr2::<2, 2>(&d1);
    let x1: &[[i64; 2]] = &a1;
    let d2 = data(4, 2);
    let x2 = arr2::<2, 2>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2]), (&d1, &[2, 2]), (&d2, &[2, 2])];
    check("A,lA,ll", &ops, &einsum!("A,lA,ll", x0, x1, x2));
    let (want, _) = common::reference_einsum("A,lA,ll", &ops);
    let mut out = 5i64;
    einsum!(out = "A,lA,ll", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "A,lA,ll", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_132() {
    let d0 = data(8, 0);
    let x0 = arr3::<2, 2, 2>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2, 2])];
    check("pnp->", &ops, &einsum!("pnp->", x0));
    let (want, _) = common::reference_einsum("pnp->", &ops);
    let mut out = 5i64;
    einsum!(out = "pnp->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "pnp->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_133() {
    let d0 = data(1, 0);
    let a0 = arr1::<1>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(128, 1);
    let x1 = TensorRef::new(&d1, [4, 4, 4, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[4, 4, 4, 2])];
    check("k,pppq->q", &ops, &einsum!("k,pppq->q", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("k,pppq->q", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "k,pppq->q", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "k,pppq->q", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_134() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [3, 3, 3, 3]).unwrap();
    let d1 = data(27, 1);
    let x1 = TensorRef::new(&d1, [3, 3, 3]).unwrap();
    let d2 = data(27, 2);
    let x2 = Tensor::from_vec(d2.clone(), [3, 3, 3]).unwrap();
    let d3 = data(81, 3);
    let x3 = Tensor::from_vec(d3.clone(), [3, 3, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3, 3, 3, 3]),
        (&d1, &[3, 3, 3]),
        (&d2, &[3, 3, 3]),
        (&d3, &[3, 3, 3, 3]),
    ];
    check(
        "llll,qqq,qlq,qlll->lq",
        &ops,
        &einsum!("llll,qqq,qlq,qlll->lq", x0, x1, x2, x3),
    );
    let init = data(9, 9);
    let (want, acc) = expected("llll,qqq,qlq,qlll->lq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 3]).unwrap();
    einsum!(out = "llll,qqq,qlq,qlll->lq", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 3]).unwrap();
    einsum!(out += "llll,qqq,qlq,qlll->lq", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_135() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0).to_vec();
    let d1 = data(3, 1);
    let a1 = arr1::<3>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(27, 2);
    let x2 = TensorRef::new(&d2, [3, 3, 3, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3]), (&d1, &[3]), (&d2, &[3, 3, 3, 1])];
    check("B,m,mnBq->Bnm", &ops, &einsum!("B,m,mnBq->Bnm", x0, x1, x2));
    let init = data(27, 9);
    let (want, acc) = expected("B,m,mnBq->Bnm", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 3]).unwrap();
    einsum!(out = "B,m,mnBq->Bnm", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 3, 3]).unwrap();
    einsum!(out += "B,m,mnBq->Bnm", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_136() {
    let d0 = data(9, 0);
    let x0 = TensorRef::new(&d0, [3, 3]).unwrap();
    let d1 = data(54, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 3, 3]).unwrap();
    let d2 = data(2, 2);
    let x2 = Tensor::from_vec(d2.clone(), [2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3]), (&d1, &[3, 2, 3, 3]), (&d2, &[2])];
    check("qq,qAqq,A->", &ops, &einsum!("qq,qAqq,A->", x0, x1, x2));
    let (want, _) = common::reference_einsum("qq,qAqq,A->", &ops);
    let mut out = 5i64;
    einsum!(out = "qq,qAqq,A->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "qq,qAqq,A->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_137() {
    let d0 = data(1, 0);
    let x0 = TensorRef::new(&d0, [1, 1]).unwrap();
    let d1 = data(8, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 1]), (&d1, &[2, 4])];
    check("AA,ik->A", &ops, &einsum!("AA,ik->A", x0, x1));
    let init = data(1, 9);
    let (want, acc) = expected("AA,ik->A", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "AA,ik->A", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "AA,ik->A", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_138() {
    let d0 = data(16, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2, 2, 2])];
    check("qnnn->nq", &ops, &einsum!("qnnn->nq", x0));
    let init = data(4, 9);
    let (want, acc) = expected("qnnn->nq", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 2]).unwrap();
    einsum!(view = "qnnn->nq", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 2]).unwrap();
    einsum!(view += "qnnn->nq", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_139() {
    let d0 = data(3, 0);
    let s0 = [3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("C->C", &ops, &einsum!("C->C", x0));
    let init = data(3, 9);
    let (want, acc) = expected("C->C", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "C->C", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "C->C", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_140() {
    let d0 = data(64, 0);
    let x0 = arr3::<4, 4, 4>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[4, 4, 4])];
    check("AAA->A", &ops, &einsum!("AAA->A", x0));
    let init = data(4, 9);
    let (want, acc) = expected("AAA->A", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out = "AAA->A", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out += "AAA->A", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_141() {
    let d0 = data(1, 0);
    let x0 = arr1::<1>(&d0);
    let d1 = data(1, 1);
    let x1 = arr3::<1, 1, 1>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[1, 1, 1])];
    check("j,jll", &ops, &einsum!("j,jll", x0, x1));
    let (want, _) = common::reference_einsum("j,jll", &ops);
    let mut out = 5i64;
    einsum!(out = "j,jll", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "j,jll", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_142() {
    let d0 = data(3, 0);
    let x0 = TensorRef::new(&d0, [3]).unwrap();
    let d1 = data(3, 1);
    let x1 = TensorRef::new(&d1, [3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3])];
    check("A,A", &ops, &einsum!("A,A", x0, x1));
    let (want, _) = common::reference_einsum("A,A", &ops);
    let mut out = 5i64;
    einsum!(out = "A,A", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "A,A", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_143() {
    let d0 = data(4, 0);
    let x0 = arr1::<4>(&d0);
    let d1 = data(12, 1);
    let x1 = arr2::<4, 3>(&d1);
    let d2 = data(4, 2);
    let s2 = [4];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4]), (&d1, &[4, 3]), (&d2, &[4])];
    check("m,mq,l->m", &ops, &einsum!("m,mq,l->m", x0, x1, x2));
    let init = data(4, 9);
    let (want, acc) = expected("m,mq,l->m", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out = "m,mq,l->m", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [4]).unwrap();
    einsum!(out += "m,mq,l->m", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_144() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0);
    let d1 = data(36, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2, 2, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[2, 2, 3, 3])];
    check("i,qqii", &ops, &einsum!("i,qqii", x0, x1));
    let (want, _) = common::reference_einsum("i,qqii", &ops);
    let mut out = 5i64;
    einsum!(out = "i,qqii", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "i,qqii", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_145() {
    let d0 = data(1, 0);
    let a0 = arr1::<1>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(1, 1);
    let x1 = TensorRef::new(&d1, [1, 1, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[1, 1, 1])];
    check("j,iji->", &ops, &einsum!("j,iji->", x0, x1));
    let (want, _) = common::reference_einsum("j,iji->", &ops);
    let mut out = 5i64;
    einsum!(out = "j,iji->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "j,iji->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_146() {
    let d0 = data(24, 0);
    let s0 = [2, 3, 2, 2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(16, 1);
    let x1 = TensorRef::new(&d1, [2, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 3, 2, 2]), (&d1, &[2, 2, 2, 2])];
    check("AlCA,CCpC", &ops, &einsum!("AlCA,CCpC", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("AlCA,CCpC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out = "AlCA,CCpC", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out += "AlCA,CCpC", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_147() {
    let d0 = data(3, 0);
    let s0 = [3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(48, 1);
    let x1 = Tensor::from_vec(d1.clone(), [4, 4, 3]).unwrap();
    let d2 = data(2, 2);
    let a2 = arr1::<2>(&d2);
    let x2: &[i64] = &a2;
    let d3 = data(24, 3);
    let x3 = TensorRef::new(&d3, [3, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3]),
        (&d1, &[4, 4, 3]),
        (&d2, &[2]),
        (&d3, &[3, 2, 2, 2]),
    ];
    check(
        "q,jjq,k,qkkk->",
        &ops,
        &einsum!("q,jjq,k,qkkk->", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("q,jjq,k,qkkk->", &ops);
    let mut out = 5i64;
    einsum!(out = "q,jjq,k,qkkk->", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "q,jjq,k,qkkk->", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_148() {
    let d0 = data(4, 0);
    let x0 = arr1::<4>(&d0).to_vec();
    let d1 = data(2, 1);
    let a1 = arr1::<2>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(3, 2);
    let s2 = [3];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4]), (&d1, &[2]), (&d2, &[3])];
    check("n,j,k->knj", &ops, &einsum!("n,j,k->knj", x0, x1, x2));
    let init = data(24, 9);
    let (want, acc) = expected("n,j,k->knj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 4, 2]).unwrap();
    einsum!(out = "n,j,k->knj", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 4, 2]).unwrap();
    einsum!(out += "n,j,k->knj", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_149() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0).to_vec();
    let d1 = data(2, 1);
    let s1 = [2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(3, 2);
    let x2 = arr1::<3>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3]), (&d1, &[2]), (&d2, &[3])];
    check("l,k,j", &ops, &einsum!("l,k,j", x0, x1, x2));
    let init = data(18, 9);
    let (want, acc) = expected("l,k,j", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2, 3]).unwrap();
    einsum!(out = "l,k,j", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2, 3]).unwrap();
    einsum!(out += "l,k,j", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_150() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0);
    let d1 = data(2, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2]).unwrap();
    let d2 = data(9, 2);
    let x2 = arr2::<3, 3>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2]), (&d1, &[2]), (&d2, &[3, 3])];
    check("C,C,AA->C", &ops, &einsum!("C,C,AA->C", x0, x1, x2));
    let init = data(2, 9);
    let (want, acc) = expected("C,C,AA->C", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "C,C,AA->C", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "C,C,AA->C", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_151() {
    let d0 = data(6, 0);
    let x0 = TensorRef::new(&d0, [3, 2]).unwrap();
    let d1 = data(8, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2, 2, 2]).unwrap();
    let d2 = data(4, 2);
    let x2 = arr2::<2, 2>(&d2);
    let d3 = data(24, 3);
    let x3 = Tensor::from_vec(d3.clone(), [3, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[3, 2]),
        (&d1, &[2, 2, 2]),
        (&d2, &[2, 2]),
        (&d3, &[3, 2, 2, 2]),
    ];
    check(
        "AC,CnC,nC,ACCj->j",
        &ops,
        &einsum!("AC,CnC,nC,ACCj->j", x0, x1, x2, x3),
    );
    let init = data(2, 9);
    let (want, acc) = expected("AC,CnC,nC,ACCj->j", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "AC,CnC,nC,ACCj->j", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "AC,CnC,nC,ACCj->j", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_152() {
    let d0 = data(24, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 3, 2]).unwrap();
    let d1 = data(12, 1);
    let a1 = arr3::<3, 2, 2>(&d1);
    let x1: &[[[i64; 2]; 2]] = &a1;
    let d2 = data(16, 2);
    let s2 = [2, 2, 2, 2];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[2, 2, 3, 2]),
        (&d1, &[3, 2, 2]),
        (&d2, &[2, 2, 2, 2]),
    ];
    check(
        "ppAp,Apj,pjpj->jp",
        &ops,
        &einsum!("ppAp,Apj,pjpj->jp", x0, x1, x2),
    );
    let init = data(4, 9);
    let (want, acc) = expected("ppAp,Apj,pjpj->jp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out = "ppAp,Apj,pjpj->jp", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out += "ppAp,Apj,pjpj->jp", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_153() {
    let d0 = data(4, 0);
    let x0 = arr2::<4, 1>(&d0).to_vec();
    let d1 = data(4, 1);
    let a1 = arr1::<4>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(2, 2);
    let a2 = arr1::<2>(&d2);
    let x2: &[i64] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[4, 1]), (&d1, &[4]), (&d2, &[2])];
    check("kn,k,B->knB", &ops, &einsum!("kn,k,B->knB", x0, x1, x2));
    let init = data(8, 9);
    let (want, acc) = expected("kn,k,B->knB", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 1, 2]).unwrap();
    einsum!(view = "kn,k,B->knB", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [4, 1, 2]).unwrap();
    einsum!(view += "kn,k,B->knB", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_154() {
    let d0 = data(81, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 3, 3, 3]).unwrap();
    let d1 = data(3, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3]).unwrap();
    let d2 = data(54, 2);
    let x2 = TensorRef::new(&d2, [2, 3, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 3, 3]), (&d1, &[3]), (&d2, &[2, 3, 3, 3])];
    check(
        "jjjj,j,Cjjj->C",
        &ops,
        &einsum!("jjjj,j,Cjjj->C", x0, x1, x2),
    );
    let init = data(2, 9);
    let (want, acc) = expected("jjjj,j,Cjjj->C", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "jjjj,j,Cjjj->C", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "jjjj,j,Cjjj->C", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_155() {
    let d0 = data(18, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 3, 3]).unwrap();
    let d1 = data(24, 1);
    let x1 = TensorRef::new(&d1, [2, 3, 2, 2]).unwrap();
    let d2 = data(6, 2);
    let x2 = TensorRef::new(&d2, [3, 2]).unwrap();
    let d3 = data(2, 3);
    let x3 = arr1::<2>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[2, 3, 3]),
        (&d1, &[2, 3, 2, 2]),
        (&d2, &[3, 2]),
        (&d3, &[2]),
    ];
    check(
        "mAA,mAkm,Ak,m->Ak",
        &ops,
        &einsum!("mAA,mAkm,Ak,m->Ak", x0, x1, x2, x3),
    );
    let init = data(6, 9);
    let (want, acc) = expected("mAA,mAkm,Ak,m->Ak", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out = "mAA,mAkm,Ak,m->Ak", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out += "mAA,mAkm,Ak,m->Ak", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_156() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0).to_vec();
    let d1 = data(4, 1);
    let a1 = arr2::<2, 2>(&d1);
    let x1: &[[i64; 2]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[2, 2])];
    check("C,CC->C", &ops, &einsum!("C,CC->C", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("C,CC->C", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "C,CC->C", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "C,CC->C", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_157() {
    let d0 = data(1, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1]).unwrap();
    let d1 = data(256, 1);
    let x1 = TensorRef::new(&d1, [4, 4, 4, 4]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[4, 4, 4, 4])];
    check("q,ilii->", &ops, &einsum!("q,ilii->", x0, x1));
    let (want, _) = common::reference_einsum("q,ilii->", &ops);
    let mut out = 5i64;
    einsum!(out = "q,ilii->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "q,ilii->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_158() {
    let d0 = data(1, 0);
    let x0 = arr1::<1>(&d0).to_vec();
    let d1 = data(16, 1);
    let x1 = TensorRef::new(&d1, [4, 4]).unwrap();
    let d2 = data(16, 2);
    let a2 = arr2::<4, 4>(&d2);
    let x2: &[[i64; 4]] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1]), (&d1, &[4, 4]), (&d2, &[4, 4])];
    check("q,mm,mm->q", &ops, &einsum!("q,mm,mm->q", x0, x1, x2));
    let init = data(1, 9);
    let (want, acc) = expected("q,mm,mm->q", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "q,mm,mm->q", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "q,mm,mm->q", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_159() {
    let d0 = data(54, 0);
    let s0 = [3, 3, 2, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(24, 1);
    let x1 = TensorRef::new(&d1, [2, 2, 3, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 3, 2, 3]), (&d1, &[2, 2, 3, 2])];
    check("nnpn,pinp", &ops, &einsum!("nnpn,pinp", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("nnpn,pinp", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "nnpn,pinp", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "nnpn,pinp", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_160() {
    let d0 = data(27, 0);
    let a0 = arr2::<9, 3>(&d0);
    let x0: &[[i64; 3]] = &a0;
    let d1 = data(2, 1);
    let x1 = arr1::<2>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 3]), (&d1, &[2])];
    check("pB,l->pBl", &ops, &einsum!("pB,l->pBl", x0, x1));
    let init = data(54, 9);
    let (want, acc) = expected("pB,l->pBl", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9, 3, 2]).unwrap();
    einsum!(view = "pB,l->pBl", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9, 3, 2]).unwrap();
    einsum!(view += "pB,l->pBl", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_161() {
    let d0 = data(25, 0);
    let x0 = arr2::<5, 5>(&d0);
    let d1 = data(5, 1);
    let x1 = Tensor::from_vec(d1.clone(), [5, 1, 1, 1]).unwrap();
    let d2 = data(5, 2);
    let x2 = TensorRef::new(&d2, [5, 1, 1, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5, 5]), (&d1, &[5, 1, 1, 1]), (&d2, &[5, 1, 1, 1])];
    check(
        "qq,qjjj,qjjj->j",
        &ops,
        &einsum!("qq,qjjj,qjjj->j", x0, x1, x2),
    );
    let init = data(1, 9);
    let (want, acc) = expected("qq,qjjj,qjjj->j", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1]).unwrap();
    einsum!(out = "qq,qjjj,qjjj->j", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1]).unwrap();
    einsum!(out += "qq,qjjj,qjjj->j", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_162() {
    let d0 = data(1, 0);
    let s0 = [1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1])];
    check("l->l", &ops, &einsum!("l->l", x0));
    let init = data(1, 9);
    let (want, acc) = expected("l->l", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "l->l", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "l->l", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_163() {
    let d0 = data(9, 0);
    let x0 = Tensor::from_vec(d0.clone(), [9]).unwrap();
    let d1 = data(81, 1);
    let x1 = TensorRef::new(&d1, [9, 1, 1, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9]), (&d1, &[9, 1, 1, 9])];
    check("k,AqqA->qA", &ops, &einsum!("k,AqqA->qA", x0, x1));
    let init = data(9, 9);
    let (want, acc) = expected("k,AqqA->qA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 9]).unwrap();
    einsum!(out = "k,AqqA->qA", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 9]).unwrap();
    einsum!(out += "k,AqqA->qA", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_164() {
    let d0 = data(16, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2, 2, 2])];
    check("klnl->l", &ops, &einsum!("klnl->l", x0));
    let init = data(2, 9);
    let (want, acc) = expected("klnl->l", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "klnl->l", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "klnl->l", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_165() {
    let d0 = data(3, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("B", &ops, &einsum!("B", x0));
    let init = data(3, 9);
    let (want, acc) = expected("B", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "B", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "B", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_166() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0);
    let d1 = data(196, 1);
    let x1 = TensorRef::new(&d1, [7, 7, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2]), (&d1, &[7, 7, 2, 2])];
    check("n,kknj", &ops, &einsum!("n,kknj", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("n,kknj", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "n,kknj", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "n,kknj", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_167() {
    let d0 = data(3, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 3])];
    check("lk->", &ops, &einsum!("lk->", x0));
    let (want, _) = common::reference_einsum("lk->", &ops);
    let mut out = 5i64;
    einsum!(out = "lk->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "lk->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_168() {
    let d0 = data(9, 0);
    let x0 = Tensor::from_vec(d0.clone(), [9]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[9])];
    check("p", &ops, &einsum!("p", x0));
    let init = data(9, 9);
    let (want, acc) = expected("p", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [9]).unwrap();
    einsum!(out = "p", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [9]).unwrap();
    einsum!(out += "p", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_169() {
    let d0 = data(81, 0);
    let s0 = [9, 9];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(49, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7, 7]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 9]), (&d1, &[7, 7])];
    check("BB,CC->", &ops, &einsum!("BB,CC->", x0, x1));
    let (want, _) = common::reference_einsum("BB,CC->", &ops);
    let mut out = 5i64;
    einsum!(out = "BB,CC->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "BB,CC->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_170() {
    let d0 = data(2, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 2]).unwrap();
    let d1 = data(7, 1);
    let x1 = TensorRef::new(&d1, [7]).unwrap();
    let d2 = data(1, 2);
    let s2 = [1, 1];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(98, 3);
    let x3 = TensorRef::new(&d3, [1, 7, 7, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 2]),
        (&d1, &[7]),
        (&d2, &[1, 1]),
        (&d3, &[1, 7, 7, 2]),
    ];
    check(
        "jq,k,ji,jkkq->ji",
        &ops,
        &einsum!("jq,k,ji,jkkq->ji", x0, x1, x2, x3),
    );
    let init = data(1, 9);
    let (want, acc) = expected("jq,k,ji,jkkq->ji", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 1]).unwrap();
    einsum!(out = "jq,k,ji,jkkq->ji", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 1]).unwrap();
    einsum!(out += "jq,k,ji,jkkq->ji", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_171() {
    let d0 = data(12, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 3]).unwrap();
    let d1 = data(2, 1);
    let x1 = TensorRef::new(&d1, [2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 3]), (&d1, &[2])];
    check("ppk,p->k", &ops, &einsum!("ppk,p->k", x0, x1));
    let init = data(3, 9);
    let (want, acc) = expected("ppk,p->k", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "ppk,p->k", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "ppk,p->k", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_172() {
    let d0 = data(9, 0);
    let x0 = TensorRef::new(&d0, [9]).unwrap();
    let d1 = data(5, 1);
    let x1 = arr3::<1, 5, 1>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9]), (&d1, &[1, 5, 1])];
    check("C,pkp->Ckp", &ops, &einsum!("C,pkp->Ckp", x0, x1));
    let init = data(45, 9);
    let (want, acc) = expected("C,pkp->Ckp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [9, 5, 1]).unwrap();
    einsum!(out = "C,pkp->Ckp", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [9, 5, 1]).unwrap();
    einsum!(out += "C,pkp->Ckp", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_173() {
    let d0 = data(294, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 7, 7]).unwrap();
    let d1 = data(20, 1);
    let a1 = arr3::<5, 2, 2>(&d1);
    let x1: &[[[i64; 2]; 2]] = &a1;
    let d2 = data(36, 2);
    let x2 = TensorRef::new(&d2, [3, 2, 2, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[2, 3, 7, 7]),
        (&d1, &[5, 2, 2]),
        (&d2, &[3, 2, 2, 3]),
    ];
    check(
        "lBCC,ill,BllB->lB",
        &ops,
        &einsum!("lBCC,ill,BllB->lB", x0, x1, x2),
    );
    let init = data(6, 9);
    let (want, acc) = expected("lBCC,ill,BllB->lB", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3]).unwrap();
    einsum!(view = "lBCC,ill,BllB->lB", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 3]).unwrap();
    einsum!(view += "lBCC,ill,BllB->lB", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_174() {
    let d0 = data(1, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 1]).unwrap();
    let d1 = data(2, 1);
    let x1 = arr1::<2>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 1]), (&d1, &[2])];
    check("ll,C", &ops, &einsum!("ll,C", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("ll,C", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "ll,C", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "ll,C", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_175() {
    let d0 = data(3, 0);
    let x0 = TensorRef::new(&d0, [3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("k->", &ops, &einsum!("k->", x0));
    let (want, _) = common::reference_einsum("k->", &ops);
    let mut out = 5i64;
    einsum!(out = "k->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "k->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_176() {
    let d0 = data(49, 0);
    let x0 = TensorRef::new(&d0, [7, 7, 1, 1]).unwrap();
    let d1 = data(2401, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7, 7, 7, 7]).unwrap();
    let d2 = data(1, 2);
    let s2 = [1];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(1, 3);
    let x3 = arr1::<1>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[7, 7, 1, 1]),
        (&d1, &[7, 7, 7, 7]),
        (&d2, &[1]),
        (&d3, &[1]),
    ];
    check(
        "pplj,pppp,j,j->",
        &ops,
        &einsum!("pplj,pppp,j,j->", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("pplj,pppp,j,j->", &ops);
    let mut out = 5i64;
    einsum!(out = "pplj,pppp,j,j->", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "pplj,pppp,j,j->", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_177() {
    let d0 = data(441, 0);
    let x0 = Tensor::from_vec(d0.clone(), [7, 9, 7]).unwrap();
    let d1 = data(441, 1);
    let a1 = arr3::<7, 7, 9>(&d1);
    let x1: &[[[i64; 9]; 7]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7, 9, 7]), (&d1, &[7, 7, 9])];
    check("jCj,jjC", &ops, &einsum!("jCj,jjC", x0, x1));
    let (want, _) = common::reference_einsum("jCj,jjC", &ops);
    let mut out = 5i64;
    einsum!(out = "jCj,jjC", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "jCj,jjC", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_178() {
    let d0 = data(5, 0);
    let s0 = [5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(3, 1);
    let x1 = arr1::<3>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5]), (&d1, &[3])];
    check("j,p", &ops, &einsum!("j,p", x0, x1));
    let init = data(15, 9);
    let (want, acc) = expected("j,p", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 3]).unwrap();
    einsum!(out = "j,p", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 3]).unwrap();
    einsum!(out += "j,p", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_179() {
    let d0 = data(125, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5, 5, 5]).unwrap();
    let d1 = data(125, 1);
    let x1 = arr3::<5, 5, 5>(&d1).to_vec();
    let d2 = data(25, 2);
    let x2 = arr2::<5, 5>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5, 5, 5]), (&d1, &[5, 5, 5]), (&d2, &[5, 5])];
    check("kki,kii,kk", &ops, &einsum!("kki,kii,kk", x0, x1, x2));
    let (want, _) = common::reference_einsum("kki,kii,kk", &ops);
    let mut out = 5i64;
    einsum!(out = "kki,kii,kk", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "kki,kii,kk", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_180() {
    let d0 = data(9, 0);
    let x0 = arr2::<3, 3>(&d0).to_vec();
    let d1 = data(54, 1);
    let x1 = arr3::<2, 9, 3>(&d1);
    let d2 = data(18, 2);
    let x2 = arr3::<3, 2, 3>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3]), (&d1, &[2, 9, 3]), (&d2, &[3, 2, 3])];
    check("kk,CBk,kCk", &ops, &einsum!("kk,CBk,kCk", x0, x1, x2));
    let init = data(9, 9);
    let (want, acc) = expected("kk,CBk,kCk", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "kk,CBk,kCk", x0, x1, x2);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "kk,CBk,kCk", x0, x1, x2);
    assert_eq!(out, acc);
}

#[test]
fn case_181() {
    let d0 = data(30, 0);
    let s0 = [3, 2, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 2, 5])];
    check("iCm->", &ops, &einsum!("iCm->", x0));
    let (want, _) = common::reference_einsum("iCm->", &ops);
    let mut out = 5i64;
    einsum!(out = "iCm->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "iCm->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_182() {
    let d0 = data(5, 0);
    let x0 = arr1::<5>(&d0).to_vec();
    let d1 = data(5, 1);
    let x1 = TensorRef::new(&d1, [1, 5, 1]).unwrap();
    let d2 = data(5, 2);
    let x2 = arr3::<5, 1, 1>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5]), (&d1, &[1, 5, 1]), (&d2, &[5, 1, 1])];
    check("m,AmA,mAA->A", &ops, &einsum!("m,AmA,mAA->A", x0, x1, x2));
    let init = data(1, 9);
    let (want, acc) = expected("m,AmA,mAA->A", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "m,AmA,mAA->A", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "m,AmA,mAA->A", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_183() {
    let d0 = data(7, 0);
    let x0 = arr1::<7>(&d0);
    let d1 = data(3969, 1);
    let x1 = TensorRef::new(&d1, [7, 9, 9, 7]).unwrap();
    let d2 = data(7, 2);
    let x2 = arr1::<7>(&d2);
    let d3 = data(49, 3);
    let x3 = Tensor::from_vec(d3.clone(), [7, 7]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[7]),
        (&d1, &[7, 9, 9, 7]),
        (&d2, &[7]),
        (&d3, &[7, 7]),
    ];
    check(
        "B,BiiB,k,kB->i",
        &ops,
        &einsum!("B,BiiB,k,kB->i", x0, x1, x2, x3),
    );
    let init = data(9, 9);
    let (want, acc) = expected("B,BiiB,k,kB->i", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9]).unwrap();
    einsum!(view = "B,BiiB,k,kB->i", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9]).unwrap();
    einsum!(view += "B,BiiB,k,kB->i", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_184() {
    let d0 = data(54, 0);
    let s0 = [2, 9, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(36, 1);
    let x1 = TensorRef::new(&d1, [2, 9, 2]).unwrap();
    let d2 = data(4, 2);
    let x2 = Tensor::from_vec(d2.clone(), [2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 9, 3]), (&d1, &[2, 9, 2]), (&d2, &[2, 2])];
    check("lCn,lCB,li", &ops, &einsum!("lCn,lCB,li", x0, x1, x2));
    let init = data(12, 9);
    let (want, acc) = expected("lCn,lCB,li", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 3]).unwrap();
    einsum!(out = "lCn,lCB,li", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 3]).unwrap();
    einsum!(out += "lCn,lCB,li", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_185() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [9, 9]).unwrap();
    let d1 = data(2, 1);
    let s1 = [2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 9]), (&d1, &[2])];
    check("qq,n", &ops, &einsum!("qq,n", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("qq,n", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "qq,n", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "qq,n", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_186() {
    let d0 = data(450, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5, 2, 9, 5]).unwrap();
    let d1 = data(1125, 1);
    let x1 = TensorRef::new(&d1, [5, 5, 5, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5, 2, 9, 5]), (&d1, &[5, 5, 5, 9])];
    check("knqi,iiiq", &ops, &einsum!("knqi,iiiq", x0, x1));
    let init = data(10, 9);
    let (want, acc) = expected("knqi,iiiq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 2]).unwrap();
    einsum!(out = "knqi,iiiq", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 2]).unwrap();
    einsum!(out += "knqi,iiiq", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_187() {
    let d0 = data(18, 0);
    let s0 = [9, 2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(5, 1);
    let s1 = [5];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(81, 2);
    let x2 = arr2::<9, 9>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9, 2]), (&d1, &[5]), (&d2, &[9, 9])];
    check("qi,j,ll->jiql", &ops, &einsum!("qi,j,ll->jiql", x0, x1, x2));
    let init = data(810, 9);
    let (want, acc) = expected("qi,j,ll->jiql", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 2, 9, 9]).unwrap();
    einsum!(out = "qi,j,ll->jiql", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 2, 9, 9]).unwrap();
    einsum!(out += "qi,j,ll->jiql", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_188() {
    let d0 = data(4, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 2]).unwrap();
    let d1 = data(5, 1);
    let x1 = TensorRef::new(&d1, [5, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2]), (&d1, &[5, 1])];
    check("BB,kC->k", &ops, &einsum!("BB,kC->k", x0, x1));
    let init = data(5, 9);
    let (want, acc) = expected("BB,kC->k", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view = "BB,kC->k", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view += "BB,kC->k", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_189() {
    let d0 = data(63, 0);
    let x0 = Tensor::from_vec(d0.clone(), [9, 7]).unwrap();
    let d1 = data(81, 1);
    let x1 = arr2::<9, 9>(&d1);
    let d2 = data(9, 2);
    let s2 = [9];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9, 7]), (&d1, &[9, 9]), (&d2, &[9])];
    check("iq,lA,l->iA", &ops, &einsum!("iq,lA,l->iA", x0, x1, x2));
    let init = data(81, 9);
    let (want, acc) = expected("iq,lA,l->iA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [9, 9]).unwrap();
    einsum!(out = "iq,lA,l->iA", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [9, 9]).unwrap();
    einsum!(out += "iq,lA,l->iA", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_190() {
    let d0 = data(150, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5, 5, 3, 2]).unwrap();
    let d1 = data(50, 1);
    let x1 = Tensor::from_vec(d1.clone(), [5, 5, 2]).unwrap();
    let d2 = data(15, 2);
    let x2 = Tensor::from_vec(d2.clone(), [3, 5]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5, 5, 3, 2]), (&d1, &[5, 5, 2]), (&d2, &[3, 5])];
    check(
        "BBlp,mBp,lB->mpBl",
        &ops,
        &einsum!("BBlp,mBp,lB->mpBl", x0, x1, x2),
    );
    let init = data(150, 9);
    let (want, acc) = expected("BBlp,mBp,lB->mpBl", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5, 2, 5, 3]).unwrap();
    einsum!(view = "BBlp,mBp,lB->mpBl", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5, 2, 5, 3]).unwrap();
    einsum!(view += "BBlp,mBp,lB->mpBl", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_191() {
    let d0 = data(7, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 1, 1, 7]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 1, 1, 7])];
    check("CCCl->", &ops, &einsum!("CCCl->", x0));
    let (want, _) = common::reference_einsum("CCCl->", &ops);
    let mut out = 5i64;
    einsum!(out = "CCCl->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "CCCl->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_192() {
    let d0 = data(729, 0);
    let x0 = TensorRef::new(&d0, [1, 9, 9, 9]).unwrap();
    let d1 = data(9, 1);
    let x1 = Tensor::from_vec(d1.clone(), [1, 3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 9, 9, 9]), (&d1, &[1, 3, 3])];
    check("Ammm,ACn->Am", &ops, &einsum!("Ammm,ACn->Am", x0, x1));
    let init = data(9, 9);
    let (want, acc) = expected("Ammm,ACn->Am", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 9]).unwrap();
    einsum!(view = "Ammm,ACn->Am", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 9]).unwrap();
    einsum!(view += "Ammm,ACn->Am", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_193() {
    let d0 = data(10, 0);
    let x0 = TensorRef::new(&d0, [1, 1, 2, 5]).unwrap();
    let d1 = data(1, 1);
    let x1 = TensorRef::new(&d1, [1, 1, 1]).unwrap();
    let d2 = data(5, 2);
    let x2 = TensorRef::new(&d2, [5, 1]).unwrap();
    let d3 = data(2, 3);
    let s3 = [2];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 1, 2, 5]),
        (&d1, &[1, 1, 1]),
        (&d2, &[5, 1]),
        (&d3, &[2]),
    ];
    check(
        "qqlB,qqq,Bq,l",
        &ops,
        &einsum!("qqlB,qqq,Bq,l", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("qqlB,qqq,Bq,l", &ops);
    let mut out = 5i64;
    einsum!(out = "qqlB,qqq,Bq,l", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "qqlB,qqq,Bq,l", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_194() {
    let d0 = data(1, 0);
    let x0 = arr1::<1>(&d0);
    let d1 = data(3, 1);
    let x1 = arr1::<3>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[3])];
    check("p,A->", &ops, &einsum!("p,A->", x0, x1));
    let (want, _) = common::reference_einsum("p,A->", &ops);
    let mut out = 5i64;
    einsum!(out = "p,A->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "p,A->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_195() {
    let d0 = data(3969, 0);
    let s0 = [7, 9, 9, 7];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[7, 9, 9, 7])];
    check("qmjA->mjAq", &ops, &einsum!("qmjA->mjAq", x0));
    let init = data(3969, 9);
    let (want, acc) = expected("qmjA->mjAq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [9, 9, 7, 7]).unwrap();
    einsum!(out = "qmjA->mjAq", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [9, 9, 7, 7]).unwrap();
    einsum!(out += "qmjA->mjAq", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_196() {
    let d0 = data(9, 0);
    let x0 = arr1::<9>(&d0).to_vec();
    let d1 = data(729, 1);
    let x1 = Tensor::from_vec(d1.clone(), [9, 9, 9]).unwrap();
    let d2 = data(5, 2);
    let x2 = arr1::<5>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9]), (&d1, &[9, 9, 9]), (&d2, &[5])];
    check("A,AAA,l", &ops, &einsum!("A,AAA,l", x0, x1, x2));
    let init = data(5, 9);
    let (want, acc) = expected("A,AAA,l", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view = "A,AAA,l", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view += "A,AAA,l", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_197() {
    let d0 = data(7, 0);
    let a0 = arr1::<7>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(0, 1);
    let x1 = TensorRef::new(&d1, [7, 7, 0, 7]).unwrap();
    let d2 = data(0, 2);
    let s2 = [7, 0, 7];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(14, 3);
    let x3 = arr2::<7, 2>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[7]),
        (&d1, &[7, 7, 0, 7]),
        (&d2, &[7, 0, 7]),
        (&d3, &[7, 2]),
    ];
    check(
        "m,mmqB,mqB,mA->B",
        &ops,
        &einsum!("m,mmqB,mqB,mA->B", x0, x1, x2, x3),
    );
    let init = data(7, 9);
    let (want, acc) = expected("m,mmqB,mqB,mA->B", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7]).unwrap();
    einsum!(view = "m,mmqB,mqB,mA->B", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7]).unwrap();
    einsum!(view += "m,mmqB,mqB,mA->B", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_198() {
    let d0 = data(5, 0);
    let s0 = [1, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(7, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 5]), (&d1, &[7])];
    check("iC,A->iC", &ops, &einsum!("iC,A->iC", x0, x1));
    let init = data(5, 9);
    let (want, acc) = expected("iC,A->iC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 5]).unwrap();
    einsum!(out = "iC,A->iC", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 5]).unwrap();
    einsum!(out += "iC,A->iC", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_199() {
    let d0 = data(1, 0);
    let x0 = arr1::<1>(&d0).to_vec();
    let d1 = data(7, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1]), (&d1, &[7])];
    check("B,p->B", &ops, &einsum!("B,p->B", x0, x1));
    let init = data(1, 9);
    let (want, acc) = expected("B,p->B", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "B,p->B", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "B,p->B", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_200() {
    let d0 = data(4, 0);
    let a0 = arr2::<2, 2>(&d0);
    let x0: &[[i64; 2]] = &a0;
    let d1 = data(8, 1);
    let x1 = arr3::<2, 2, 2>(&d1).to_vec();
    let d2 = data(8, 2);
    let x2 = TensorRef::new(&d2, [2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 2]), (&d1, &[2, 2, 2]), (&d2, &[2, 2, 2])];
    check(
        "CC,AAC,AAC->CA",
        &ops,
        &einsum!("CC,AAC,AAC->CA", x0, x1, x2),
    );
    let init = data(4, 9);
    let (want, acc) = expected("CC,AAC,AAC->CA", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out = "CC,AAC,AAC->CA", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out += "CC,AAC,AAC->CA", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_201() {
    let d0 = data(5, 0);
    let s0 = [1, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(1, 1);
    let x1 = TensorRef::new(&d1, [1]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 5]), (&d1, &[1])];
    check("np,n->", &ops, &einsum!("np,n->", x0, x1));
    let (want, _) = common::reference_einsum("np,n->", &ops);
    let mut out = 5i64;
    einsum!(out = "np,n->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "np,n->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_202() {
    let d0 = data(24, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 2, 2, 3]).unwrap();
    let d1 = data(2, 1);
    let a1 = arr1::<2>(&d1);
    let x1: &[i64] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 2, 3]), (&d1, &[2])];
    check("pppn,p", &ops, &einsum!("pppn,p", x0, x1));
    let init = data(3, 9);
    let (want, acc) = expected("pppn,p", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "pppn,p", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "pppn,p", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_203() {
    let d0 = data(126, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 7, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 7, 9])];
    check("ijp", &ops, &einsum!("ijp", x0));
    let init = data(126, 9);
    let (want, acc) = expected("ijp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 7, 9]).unwrap();
    einsum!(out = "ijp", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 7, 9]).unwrap();
    einsum!(out += "ijp", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_204() {
    let d0 = data(441, 0);
    let x0 = arr3::<7, 7, 9>(&d0).to_vec();
    let d1 = data(567, 1);
    let x1 = Tensor::from_vec(d1.clone(), [9, 7, 9]).unwrap();
    let d2 = data(441, 2);
    let x2 = TensorRef::new(&d2, [9, 7, 7]).unwrap();
    let d3 = data(9, 3);
    let x3 = TensorRef::new(&d3, [9]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[7, 7, 9]),
        (&d1, &[9, 7, 9]),
        (&d2, &[9, 7, 7]),
        (&d3, &[9]),
    ];
    check(
        "BBl,CpC,lpB,l->pC",
        &ops,
        &einsum!("BBl,CpC,lpB,l->pC", x0, x1, x2, x3),
    );
    let init = data(63, 9);
    let (want, acc) = expected("BBl,CpC,lpB,l->pC", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7, 9]).unwrap();
    einsum!(view = "BBl,CpC,lpB,l->pC", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7, 9]).unwrap();
    einsum!(view += "BBl,CpC,lpB,l->pC", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_205() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("i->", &ops, &einsum!("i->", x0));
    let (want, _) = common::reference_einsum("i->", &ops);
    let mut out = 5i64;
    einsum!(out = "i->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "i->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_206() {
    let d0 = data(9, 0);
    let x0 = arr2::<1, 9>(&d0);
    let d1 = data(35, 1);
    let s1 = [5, 7];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(2, 2);
    let x2 = TensorRef::new(&d2, [2, 1, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 9]), (&d1, &[5, 7]), (&d2, &[2, 1, 1])];
    check(
        "pk,BA,Cpn->CkpB",
        &ops,
        &einsum!("pk,BA,Cpn->CkpB", x0, x1, x2),
    );
    let init = data(90, 9);
    let (want, acc) = expected("pk,BA,Cpn->CkpB", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 9, 1, 5]).unwrap();
    einsum!(view = "pk,BA,Cpn->CkpB", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2, 9, 1, 5]).unwrap();
    einsum!(view += "pk,BA,Cpn->CkpB", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_207() {
    let d0 = data(3, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3]).unwrap();
    let d1 = data(21, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 7]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3, 7])];
    check("j,kp->", &ops, &einsum!("j,kp->", x0, x1));
    let (want, _) = common::reference_einsum("j,kp->", &ops);
    let mut out = 5i64;
    einsum!(out = "j,kp->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "j,kp->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_208() {
    let d0 = data(0, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 3, 0]).unwrap();
    let d1 = data(54, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 3, 3]).unwrap();
    let d2 = data(6, 2);
    let x2 = TensorRef::new(&d2, [3, 2]).unwrap();
    let d3 = data(3, 3);
    let x3 = Tensor::from_vec(d3.clone(), [3]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[2, 3, 3, 0]),
        (&d1, &[3, 2, 3, 3]),
        (&d2, &[3, 2]),
        (&d3, &[3]),
    ];
    check(
        "lAAi,AlAA,Al,A->l",
        &ops,
        &einsum!("lAAi,AlAA,Al,A->l", x0, x1, x2, x3),
    );
    let init = data(2, 9);
    let (want, acc) = expected("lAAi,AlAA,Al,A->l", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "lAAi,AlAA,Al,A->l", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "lAAi,AlAA,Al,A->l", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_209() {
    let d0 = data(25, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5, 5]).unwrap();
    let d1 = data(5, 1);
    let x1 = TensorRef::new(&d1, [5]).unwrap();
    let d2 = data(25, 2);
    let s2 = [5, 5];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(1225, 3);
    let x3 = TensorRef::new(&d3, [7, 5, 5, 7]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[5, 5]),
        (&d1, &[5]),
        (&d2, &[5, 5]),
        (&d3, &[7, 5, 5, 7]),
    ];
    check(
        "CA,C,AC,qCAm->CAmq",
        &ops,
        &einsum!("CA,C,AC,qCAm->CAmq", x0, x1, x2, x3),
    );
    let init = data(1225, 9);
    let (want, acc) = expected("CA,C,AC,qCAm->CAmq", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5, 5, 7, 7]).unwrap();
    einsum!(view = "CA,C,AC,qCAm->CAmq", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5, 5, 7, 7]).unwrap();
    einsum!(view += "CA,C,AC,qCAm->CAmq", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_210() {
    let d0 = data(875, 0);
    let x0 = TensorRef::new(&d0, [5, 5, 7, 5]).unwrap();
    let d1 = data(175, 1);
    let x1 = TensorRef::new(&d1, [5, 7, 5]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5, 5, 7, 5]), (&d1, &[5, 7, 5])];
    check("jjpj,jpj->p", &ops, &einsum!("jjpj,jpj->p", x0, x1));
    let init = data(7, 9);
    let (want, acc) = expected("jjpj,jpj->p", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7]).unwrap();
    einsum!(view = "jjpj,jpj->p", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7]).unwrap();
    einsum!(view += "jjpj,jpj->p", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_211() {
    let d0 = data(15, 0);
    let x0 = TensorRef::new(&d0, [5, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[5, 3])];
    check("Cj->", &ops, &einsum!("Cj->", x0));
    let (want, _) = common::reference_einsum("Cj->", &ops);
    let mut out = 5i64;
    einsum!(out = "Cj->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "Cj->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_212() {
    let d0 = data(50, 0);
    let a0 = arr3::<5, 5, 2>(&d0);
    let x0: &[[[i64; 2]; 5]] = &a0;
    let d1 = data(15, 1);
    let x1 = TensorRef::new(&d1, [5, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5, 5, 2]), (&d1, &[5, 3])];
    check("llp,nq->lnpq", &ops, &einsum!("llp,nq->lnpq", x0, x1));
    let init = data(150, 9);
    let (want, acc) = expected("llp,nq->lnpq", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5, 5, 2, 3]).unwrap();
    einsum!(view = "llp,nq->lnpq", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5, 5, 2, 3]).unwrap();
    einsum!(view += "llp,nq->lnpq", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_213() {
    let d0 = data(9, 0);
    let x0 = Tensor::from_vec(d0.clone(), [9]).unwrap();
    let d1 = data(9, 1);
    let x1 = Tensor::from_vec(d1.clone(), [9]).unwrap();
    let d2 = data(21, 2);
    let s2 = [3, 7];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(9, 3);
    let x3 = arr1::<9>(&d3);
    let ops: [(&[i64], &[usize]); 4] = [(&d0, &[9]), (&d1, &[9]), (&d2, &[3, 7]), (&d3, &[9])];
    check("k,k,nm,k", &ops, &einsum!("k,k,nm,k", x0, x1, x2, x3));
    let init = data(21, 9);
    let (want, acc) = expected("k,k,nm,k", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7, 3]).unwrap();
    einsum!(view = "k,k,nm,k", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [7, 3]).unwrap();
    einsum!(view += "k,k,nm,k", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_214() {
    let d0 = data(343, 0);
    let x0 = arr3::<7, 7, 7>(&d0);
    let d1 = data(81, 1);
    let x1 = arr3::<3, 3, 9>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7, 7, 7]), (&d1, &[3, 3, 9])];
    check("nnn,jjB->", &ops, &einsum!("nnn,jjB->", x0, x1));
    let (want, _) = common::reference_einsum("nnn,jjB->", &ops);
    let mut out = 5i64;
    einsum!(out = "nnn,jjB->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "nnn,jjB->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_215() {
    let d0 = data(375, 0);
    let s0 = [5, 3, 5, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(45, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 5, 3]).unwrap();
    let d2 = data(75, 2);
    let x2 = Tensor::from_vec(d2.clone(), [5, 5, 3]).unwrap();
    let d3 = data(45, 3);
    let s3 = [3, 5, 3];
    let x3 = DynTensorRef::new(&d3, &s3).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[5, 3, 5, 5]),
        (&d1, &[3, 5, 3]),
        (&d2, &[5, 5, 3]),
        (&d3, &[3, 5, 3]),
    ];
    check(
        "nBnn,BnB,nnB,BnB",
        &ops,
        &einsum!("nBnn,BnB,nnB,BnB", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("nBnn,BnB,nnB,BnB", &ops);
    let mut out = 5i64;
    einsum!(out = "nBnn,BnB,nnB,BnB", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "nBnn,BnB,nnB,BnB", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_216() {
    let d0 = data(5, 0);
    let x0 = arr1::<5>(&d0).to_vec();
    let d1 = data(1715, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7, 5, 7, 7]).unwrap();
    let d2 = data(14, 2);
    let x2 = TensorRef::new(&d2, [7, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5]), (&d1, &[7, 5, 7, 7]), (&d2, &[7, 2])];
    check("B,iBii,iA->", &ops, &einsum!("B,iBii,iA->", x0, x1, x2));
    let (want, _) = common::reference_einsum("B,iBii,iA->", &ops);
    let mut out = 5i64;
    einsum!(out = "B,iBii,iA->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "B,iBii,iA->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_217() {
    let d0 = data(7, 0);
    let x0 = Tensor::from_vec(d0.clone(), [7]).unwrap();
    let d1 = data(324, 1);
    let s1 = [2, 9, 2, 9];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7]), (&d1, &[2, 9, 2, 9])];
    check("C,qnqn->", &ops, &einsum!("C,qnqn->", x0, x1));
    let (want, _) = common::reference_einsum("C,qnqn->", &ops);
    let mut out = 5i64;
    einsum!(out = "C,qnqn->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "C,qnqn->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_218() {
    let d0 = data(405, 0);
    let x0 = arr3::<9, 5, 9>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[9, 5, 9])];
    check("iqi", &ops, &einsum!("iqi", x0));
    let init = data(5, 9);
    let (want, acc) = expected("iqi", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view = "iqi", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view += "iqi", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_219() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(7, 1);
    let s1 = [7];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(245, 2);
    let s2 = [5, 7, 7];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3]), (&d1, &[7]), (&d2, &[5, 7, 7])];
    check("C,j,njj", &ops, &einsum!("C,j,njj", x0, x1, x2));
    let init = data(15, 9);
    let (want, acc) = expected("C,j,njj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 5]).unwrap();
    einsum!(out = "C,j,njj", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 5]).unwrap();
    einsum!(out += "C,j,njj", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_220() {
    let d0 = data(27, 0);
    let x0 = arr2::<9, 3>(&d0);
    let d1 = data(18, 1);
    let x1 = arr2::<9, 2>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 3]), (&d1, &[9, 2])];
    check("jA,km->jAmk", &ops, &einsum!("jA,km->jAmk", x0, x1));
    let init = data(486, 9);
    let (want, acc) = expected("jA,km->jAmk", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9, 3, 2, 9]).unwrap();
    einsum!(view = "jA,km->jAmk", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9, 3, 2, 9]).unwrap();
    einsum!(view += "jA,km->jAmk", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_221() {
    let d0 = data(9, 0);
    let a0 = arr1::<9>(&d0);
    let x0: &[i64] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[9])];
    check("l->", &ops, &einsum!("l->", x0));
    let (want, _) = common::reference_einsum("l->", &ops);
    let mut out = 5i64;
    einsum!(out = "l->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "l->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_222() {
    let d0 = data(729, 0);
    let x0 = TensorRef::new(&d0, [3, 9, 3, 9]).unwrap();
    let d1 = data(27, 1);
    let x1 = arr2::<3, 9>(&d1).to_vec();
    let d2 = data(3, 2);
    let x2 = TensorRef::new(&d2, [3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 9, 3, 9]), (&d1, &[3, 9]), (&d2, &[3])];
    check("iBiB,iB,i->i", &ops, &einsum!("iBiB,iB,i->i", x0, x1, x2));
    let init = data(3, 9);
    let (want, acc) = expected("iBiB,iB,i->i", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "iBiB,iB,i->i", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "iBiB,iB,i->i", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_223() {
    let d0 = data(1, 0);
    let x0 = arr1::<1>(&d0).to_vec();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1])];
    check("m", &ops, &einsum!("m", x0));
    let init = data(1, 9);
    let (want, acc) = expected("m", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view = "m", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1]).unwrap();
    einsum!(view += "m", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_224() {
    let d0 = data(45, 0);
    let s0 = [3, 3, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(125, 1);
    let x1 = Tensor::from_vec(d1.clone(), [5, 5, 5]).unwrap();
    let d2 = data(45, 2);
    let x2 = arr3::<5, 3, 3>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 5]), (&d1, &[5, 5, 5]), (&d2, &[5, 3, 3])];
    check("mmk,kkk,kmm->", &ops, &einsum!("mmk,kkk,kmm->", x0, x1, x2));
    let (want, _) = common::reference_einsum("mmk,kkk,kmm->", &ops);
    let mut out = 5i64;
    einsum!(out = "mmk,kkk,kmm->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "mmk,kkk,kmm->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_225() {
    let d0 = data(5, 0);
    let x0 = TensorRef::new(&d0, [5]).unwrap();
    let d1 = data(1715, 1);
    let s1 = [7, 7, 5, 7];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5]), (&d1, &[7, 7, 5, 7])];
    check("j,AAjA", &ops, &einsum!("j,AAjA", x0, x1));
    let (want, _) = common::reference_einsum("j,AAjA", &ops);
    let mut out = 5i64;
    einsum!(out = "j,AAjA", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "j,AAjA", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_226() {
    let d0 = data(49, 0);
    let x0 = arr2::<7, 7>(&d0).to_vec();
    let d1 = data(14, 1);
    let x1 = TensorRef::new(&d1, [7, 2]).unwrap();
    let d2 = data(28, 2);
    let x2 = TensorRef::new(&d2, [2, 7, 2, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[7, 7]), (&d1, &[7, 2]), (&d2, &[2, 7, 2, 1])];
    check("AA,Ai,ijiC", &ops, &einsum!("AA,Ai,ijiC", x0, x1, x2));
    let init = data(7, 9);
    let (want, acc) = expected("AA,Ai,ijiC", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 7]).unwrap();
    einsum!(view = "AA,Ai,ijiC", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 7]).unwrap();
    einsum!(view += "AA,Ai,ijiC", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_227() {
    let d0 = data(8, 0);
    let s0 = [2, 2, 2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(4, 1);
    let a1 = arr2::<2, 2>(&d1);
    let x1: &[[i64; 2]] = &a1;
    let d2 = data(10, 2);
    let x2 = TensorRef::new(&d2, [5, 2]).unwrap();
    let d3 = data(250, 3);
    let x3 = Tensor::from_vec(d3.clone(), [5, 5, 5, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[2, 2, 2]),
        (&d1, &[2, 2]),
        (&d2, &[5, 2]),
        (&d3, &[5, 5, 5, 2]),
    ];
    check(
        "ikq,iq,Ak,AAAi->ki",
        &ops,
        &einsum!("ikq,iq,Ak,AAAi->ki", x0, x1, x2, x3),
    );
    let init = data(4, 9);
    let (want, acc) = expected("ikq,iq,Ak,AAAi->ki", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out = "ikq,iq,Ak,AAAi->ki", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2]).unwrap();
    einsum!(out += "ikq,iq,Ak,AAAi->ki", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_228() {
    let d0 = data(7, 0);
    let x0 = arr1::<7>(&d0).to_vec();
    let d1 = data(7, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7]), (&d1, &[7])];
    check("A,A->A", &ops, &einsum!("A,A->A", x0, x1));
    let init = data(7, 9);
    let (want, acc) = expected("A,A->A", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "A,A->A", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "A,A->A", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_229() {
    let d0 = data(90, 0);
    let s0 = [9, 2, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(18, 1);
    let s1 = [9, 2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 2, 5]), (&d1, &[9, 2])];
    check("Bik,Bi", &ops, &einsum!("Bik,Bi", x0, x1));
    let init = data(5, 9);
    let (want, acc) = expected("Bik,Bi", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view = "Bik,Bi", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [5]).unwrap();
    einsum!(view += "Bik,Bi", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_230() {
    let d0 = data(16, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 2, 2, 2])];
    check("pppp", &ops, &einsum!("pppp", x0));
    let (want, _) = common::reference_einsum("pppp", &ops);
    let mut out = 5i64;
    einsum!(out = "pppp", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "pppp", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_231() {
    let d0 = data(125, 0);
    let x0 = TensorRef::new(&d0, [5, 5, 5]).unwrap();
    let d1 = data(125, 1);
    let x1 = arr3::<5, 5, 5>(&d1);
    let d2 = data(125, 2);
    let x2 = TensorRef::new(&d2, [5, 5, 5]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5, 5, 5]), (&d1, &[5, 5, 5]), (&d2, &[5, 5, 5])];
    check(
        "kkm,kkk,kmm->k",
        &ops,
        &einsum!("kkm,kkk,kmm->k", x0, x1, x2),
    );
    let init = data(5, 9);
    let (want, acc) = expected("kkm,kkk,kmm->k", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5]).unwrap();
    einsum!(out = "kkm,kkk,kmm->k", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5]).unwrap();
    einsum!(out += "kkm,kkk,kmm->k", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_232() {
    let d0 = data(10, 0);
    let a0 = arr3::<1, 5, 2>(&d0);
    let x0: &[[[i64; 2]; 5]] = &a0;
    let d1 = data(20, 1);
    let s1 = [2, 2, 5];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 5, 2]), (&d1, &[2, 2, 5])];
    check("qlj,jjl->qlj", &ops, &einsum!("qlj,jjl->qlj", x0, x1));
    let init = data(10, 9);
    let (want, acc) = expected("qlj,jjl->qlj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 5, 2]).unwrap();
    einsum!(out = "qlj,jjl->qlj", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 5, 2]).unwrap();
    einsum!(out += "qlj,jjl->qlj", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_233() {
    let d0 = data(0, 0);
    let a0 = arr3::<5, 0, 5>(&d0);
    let x0: &[[[i64; 5]; 0]] = &a0;
    let d1 = data(5, 1);
    let x1 = Tensor::from_vec(d1.clone(), [5]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5, 0, 5]), (&d1, &[5])];
    check("kip,k->kip", &ops, &einsum!("kip,k->kip", x0, x1));
    let init = data(0, 9);
    let (want, acc) = expected("kip,k->kip", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 0, 5]).unwrap();
    einsum!(out = "kip,k->kip", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 0, 5]).unwrap();
    einsum!(out += "kip,k->kip", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_234() {
    let d0 = data(2, 0);
    let x0 = arr1::<2>(&d0).to_vec();
    let d1 = data(56, 1);
    let x1 = TensorRef::new(&d1, [2, 2, 7, 2]).unwrap();
    let d2 = data(24, 2);
    let s2 = [2, 3, 2, 2];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2]), (&d1, &[2, 2, 7, 2]), (&d2, &[2, 3, 2, 2])];
    check("B,AAqB,AlAA", &ops, &einsum!("B,AAqB,AlAA", x0, x1, x2));
    let init = data(21, 9);
    let (want, acc) = expected("B,AAqB,AlAA", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 7]).unwrap();
    einsum!(view = "B,AAqB,AlAA", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 7]).unwrap();
    einsum!(view += "B,AAqB,AlAA", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_235() {
    let d0 = data(9, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 9, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 9, 1])];
    check("pAp->p", &ops, &einsum!("pAp->p", x0));
    let init = data(1, 9);
    let (want, acc) = expected("pAp->p", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "pAp->p", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "pAp->p", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_236() {
    let d0 = data(18, 0);
    let x0 = arr3::<3, 3, 2>(&d0).to_vec();
    let d1 = data(9, 1);
    let x1 = arr2::<3, 3>(&d1).to_vec();
    let d2 = data(18, 2);
    let x2 = arr3::<3, 3, 2>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3, 2]), (&d1, &[3, 3]), (&d2, &[3, 3, 2])];
    check("kjm,kj,jkm->", &ops, &einsum!("kjm,kj,jkm->", x0, x1, x2));
    let (want, _) = common::reference_einsum("kjm,kj,jkm->", &ops);
    let mut out = 5i64;
    einsum!(out = "kjm,kj,jkm->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "kjm,kj,jkm->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_237() {
    let d0 = data(9, 0);
    let s0 = [1, 9];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(729, 1);
    let a1 = arr3::<9, 9, 9>(&d1);
    let x1: &[[[i64; 9]; 9]] = &a1;
    let d2 = data(81, 2);
    let a2 = arr3::<9, 9, 1>(&d2);
    let x2: &[[[i64; 1]; 9]] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 9]), (&d1, &[9, 9, 9]), (&d2, &[9, 9, 1])];
    check("Bm,mmm,mmB", &ops, &einsum!("Bm,mmm,mmB", x0, x1, x2));
    let (want, _) = common::reference_einsum("Bm,mmm,mmB", &ops);
    let mut out = 5i64;
    einsum!(out = "Bm,mmm,mmB", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "Bm,mmm,mmB", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_238() {
    let d0 = data(49, 0);
    let s0 = [7, 7, 1, 1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(5, 1);
    let x1 = arr1::<5>(&d1).to_vec();
    let d2 = data(25, 2);
    let s2 = [5, 1, 5, 1];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[7, 7, 1, 1]), (&d1, &[5]), (&d2, &[5, 1, 5, 1])];
    check(
        "BBpp,i,kpkp->pi",
        &ops,
        &einsum!("BBpp,i,kpkp->pi", x0, x1, x2),
    );
    let init = data(5, 9);
    let (want, acc) = expected("BBpp,i,kpkp->pi", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 5]).unwrap();
    einsum!(out = "BBpp,i,kpkp->pi", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 5]).unwrap();
    einsum!(out += "BBpp,i,kpkp->pi", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_239() {
    let d0 = data(50, 0);
    let a0 = arr3::<2, 5, 5>(&d0);
    let x0: &[[[i64; 5]; 5]] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 5, 5])];
    check("BAp", &ops, &einsum!("BAp", x0));
    let init = data(50, 9);
    let (want, acc) = expected("BAp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 2, 5]).unwrap();
    einsum!(out = "BAp", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 2, 5]).unwrap();
    einsum!(out += "BAp", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_240() {
    let d0 = data(8, 0);
    let a0 = arr3::<2, 2, 2>(&d0);
    let x0: &[[[i64; 2]; 2]] = &a0;
    let d1 = data(3, 1);
    let s1 = [3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(3, 2);
    let x2 = arr1::<3>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 2, 2]), (&d1, &[3]), (&d2, &[3])];
    check("kkk,j,j->k", &ops, &einsum!("kkk,j,j->k", x0, x1, x2));
    let init = data(2, 9);
    let (want, acc) = expected("kkk,j,j->k", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "kkk,j,j->k", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "kkk,j,j->k", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_241() {
    let d0 = data(343, 0);
    let x0 = TensorRef::new(&d0, [7, 7, 1, 7]).unwrap();
    let d1 = data(1, 1);
    let a1 = arr2::<1, 1>(&d1);
    let x1: &[[i64; 1]] = &a1;
    let d2 = data(1, 2);
    let x2 = arr1::<1>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[7, 7, 1, 7]), (&d1, &[1, 1]), (&d2, &[1])];
    check("BBnB,nn,n->nB", &ops, &einsum!("BBnB,nn,n->nB", x0, x1, x2));
    let init = data(7, 9);
    let (want, acc) = expected("BBnB,nn,n->nB", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 7]).unwrap();
    einsum!(view = "BBnB,nn,n->nB", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 7]).unwrap();
    einsum!(view += "BBnB,nn,n->nB", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_242() {
    let d0 = data(0, 0);
    let a0 = arr2::<0, 3>(&d0);
    let x0: &[[i64; 3]] = &a0;
    let d1 = data(0, 1);
    let x1 = arr3::<3, 0, 3>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[0, 3]), (&d1, &[3, 0, 3])];
    check("pn,npn", &ops, &einsum!("pn,npn", x0, x1));
    let (want, _) = common::reference_einsum("pn,npn", &ops);
    let mut out = 5i64;
    einsum!(out = "pn,npn", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "pn,npn", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_243() {
    let d0 = data(25, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5, 5]).unwrap();
    let d1 = data(81, 1);
    let x1 = arr2::<9, 9>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5, 5]), (&d1, &[9, 9])];
    check("jj,pn->pj", &ops, &einsum!("jj,pn->pj", x0, x1));
    let init = data(45, 9);
    let (want, acc) = expected("jj,pn->pj", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9, 5]).unwrap();
    einsum!(view = "jj,pn->pj", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9, 5]).unwrap();
    einsum!(view += "jj,pn->pj", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_244() {
    let d0 = data(243, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 9, 9, 3]).unwrap();
    let d1 = data(324, 1);
    let x1 = TensorRef::new(&d1, [9, 2, 2, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 9, 9, 3]), (&d1, &[9, 2, 2, 9])];
    check("pqqk,qAAq->kAqp", &ops, &einsum!("pqqk,qAAq->kAqp", x0, x1));
    let init = data(54, 9);
    let (want, acc) = expected("pqqk,qAAq->kAqp", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2, 9, 1]).unwrap();
    einsum!(view = "pqqk,qAAq->kAqp", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2, 9, 1]).unwrap();
    einsum!(view += "pqqk,qAAq->kAqp", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_245() {
    let d0 = data(1, 0);
    let a0 = arr1::<1>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(9, 1);
    let x1 = arr3::<1, 1, 9>(&d1);
    let d2 = data(729, 2);
    let x2 = TensorRef::new(&d2, [9, 9, 9, 1]).unwrap();
    let d3 = data(0, 3);
    let x3 = TensorRef::new(&d3, [9, 9, 1, 0]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1]),
        (&d1, &[1, 1, 9]),
        (&d2, &[9, 9, 9, 1]),
        (&d3, &[9, 9, 1, 0]),
    ];
    check(
        "m,mmn,nnnm,nnmi->",
        &ops,
        &einsum!("m,mmn,nnnm,nnmi->", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("m,mmn,nnnm,nnmi->", &ops);
    let mut out = 5i64;
    einsum!(out = "m,mmn,nnnm,nnmi->", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "m,mmn,nnnm,nnmi->", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_246() {
    let d0 = data(1, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 1]).unwrap();
    let d1 = data(1, 1);
    let x1 = TensorRef::new(&d1, [1, 1, 1, 1]).unwrap();
    let d2 = data(1, 2);
    let x2 = TensorRef::new(&d2, [1]).unwrap();
    let d3 = data(1, 3);
    let x3 = Tensor::from_vec(d3.clone(), [1, 1, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 1]),
        (&d1, &[1, 1, 1, 1]),
        (&d2, &[1]),
        (&d3, &[1, 1, 1]),
    ];
    check(
        "pp,ppBp,B,BBp",
        &ops,
        &einsum!("pp,ppBp,B,BBp", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("pp,ppBp,B,BBp", &ops);
    let mut out = 5i64;
    einsum!(out = "pp,ppBp,B,BBp", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "pp,ppBp,B,BBp", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_247() {
    let d0 = data(18, 0);
    let x0 = arr2::<2, 9>(&d0).to_vec();
    let d1 = data(162, 1);
    let s1 = [2, 9, 9];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(72, 2);
    let x2 = TensorRef::new(&d2, [2, 2, 9, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 9]), (&d1, &[2, 9, 9]), (&d2, &[2, 2, 9, 2])];
    check("jq,jqq,jjqj->", &ops, &einsum!("jq,jqq,jjqj->", x0, x1, x2));
    let (want, _) = common::reference_einsum("jq,jqq,jjqj->", &ops);
    let mut out = 5i64;
    einsum!(out = "jq,jqq,jjqj->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "jq,jqq,jjqj->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_248() {
    let d0 = data(3969, 0);
    let x0 = TensorRef::new(&d0, [7, 9, 7, 9]).unwrap();
    let d1 = data(1, 1);
    let x1 = arr1::<1>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7, 9, 7, 9]), (&d1, &[1])];
    check("AqAq,p->", &ops, &einsum!("AqAq,p->", x0, x1));
    let (want, _) = common::reference_einsum("AqAq,p->", &ops);
    let mut out = 5i64;
    einsum!(out = "AqAq,p->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "AqAq,p->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_249() {
    let d0 = data(2187, 0);
    let x0 = TensorRef::new(&d0, [9, 3, 9, 9]).unwrap();
    let d1 = data(1, 1);
    let x1 = TensorRef::new(&d1, [1, 1, 1, 1]).unwrap();
    let d2 = data(162, 2);
    let x2 = TensorRef::new(&d2, [9, 2, 9, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[9, 3, 9, 9]),
        (&d1, &[1, 1, 1, 1]),
        (&d2, &[9, 2, 9, 1]),
    ];
    check(
        "ipii,kkkk,iCij->",
        &ops,
        &einsum!("ipii,kkkk,iCij->", x0, x1, x2),
    );
    let (want, _) = common::reference_einsum("ipii,kkkk,iCij->", &ops);
    let mut out = 5i64;
    einsum!(out = "ipii,kkkk,iCij->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "ipii,kkkk,iCij->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_250() {
    let d0 = data(5, 0);
    let s0 = [1, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(1, 1);
    let a1 = arr1::<1>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(375, 2);
    let x2 = TensorRef::new(&d2, [5, 3, 5, 5]).unwrap();
    let d3 = data(2, 3);
    let a3 = arr1::<2>(&d3);
    let x3: &[i64] = &a3;
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 5]),
        (&d1, &[1]),
        (&d2, &[5, 3, 5, 5]),
        (&d3, &[2]),
    ];
    check(
        "Bn,B,npkk,m->pknm",
        &ops,
        &einsum!("Bn,B,npkk,m->pknm", x0, x1, x2, x3),
    );
    let init = data(150, 9);
    let (want, acc) = expected("Bn,B,npkk,m->pknm", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 5, 5, 2]).unwrap();
    einsum!(view = "Bn,B,npkk,m->pknm", x0, x1, x2, x3);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 5, 5, 2]).unwrap();
    einsum!(view += "Bn,B,npkk,m->pknm", x0, x1, x2, x3);
    assert_eq!(flat, acc);
}

#[test]
fn case_251() {
    let d0 = data(1, 0);
    let x0 = arr3::<1, 1, 1>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 1, 1])];
    check("mmm->", &ops, &einsum!("mmm->", x0));
    let (want, _) = common::reference_einsum("mmm->", &ops);
    let mut out = 5i64;
    einsum!(out = "mmm->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "mmm->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_252() {
    let d0 = data(21, 0);
    let x0 = TensorRef::new(&d0, [7, 3]).unwrap();
    let d1 = data(7, 1);
    let a1 = arr1::<7>(&d1);
    let x1: &[i64] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7, 3]), (&d1, &[7])];
    check("jq,j->j", &ops, &einsum!("jq,j->j", x0, x1));
    let init = data(7, 9);
    let (want, acc) = expected("jq,j->j", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out = "jq,j->j", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out += "jq,j->j", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_253() {
    let d0 = data(63, 0);
    let x0 = arr3::<3, 3, 7>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 3, 7])];
    check("qqi->q", &ops, &einsum!("qqi->q", x0));
    let init = data(3, 9);
    let (want, acc) = expected("qqi->q", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "qqi->q", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "qqi->q", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_254() {
    let d0 = data(1, 0);
    let a0 = arr2::<1, 1>(&d0);
    let x0: &[[i64; 1]] = &a0;
    let d1 = data(243, 1);
    let s1 = [9, 9, 3, 1];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(9, 2);
    let x2 = arr2::<3, 3>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 1]), (&d1, &[9, 9, 3, 1]), (&d2, &[3, 3])];
    check("kk,AACk,CC->", &ops, &einsum!("kk,AACk,CC->", x0, x1, x2));
    let (want, _) = common::reference_einsum("kk,AACk,CC->", &ops);
    let mut out = 5i64;
    einsum!(out = "kk,AACk,CC->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "kk,AACk,CC->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_255() {
    let d0 = data(5, 0);
    let x0 = arr1::<5>(&d0).to_vec();
    let d1 = data(60, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 5, 2]).unwrap();
    let d2 = data(108, 2);
    let x2 = Tensor::from_vec(d2.clone(), [3, 9, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5]), (&d1, &[3, 2, 5, 2]), (&d2, &[3, 9, 2, 2])];
    check(
        "C,njCj,nAjj->nC",
        &ops,
        &einsum!("C,njCj,nAjj->nC", x0, x1, x2),
    );
    let init = data(15, 9);
    let (want, acc) = expected("C,njCj,nAjj->nC", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 5]).unwrap();
    einsum!(view = "C,njCj,nAjj->nC", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 5]).unwrap();
    einsum!(view += "C,njCj,nAjj->nC", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_256() {
    let d0 = data(9, 0);
    let x0 = arr1::<9>(&d0);
    let d1 = data(243, 1);
    let x1 = TensorRef::new(&d1, [1, 9, 3, 9]).unwrap();
    let d2 = data(49, 2);
    let a2 = arr3::<7, 1, 7>(&d2);
    let x2: &[[[i64; 7]; 1]] = &a2;
    let d3 = data(147, 3);
    let a3 = arr3::<7, 3, 7>(&d3);
    let x3: &[[[i64; 7]; 3]] = &a3;
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[9]),
        (&d1, &[1, 9, 3, 9]),
        (&d2, &[7, 1, 7]),
        (&d3, &[7, 3, 7]),
    ];
    check(
        "n,qnkn,jqi,iki",
        &ops,
        &einsum!("n,qnkn,jqi,iki", x0, x1, x2, x3),
    );
    let init = data(7, 9);
    let (want, acc) = expected("n,qnkn,jqi,iki", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out = "n,qnkn,jqi,iki", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out += "n,qnkn,jqi,iki", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_257() {
    let d0 = data(875, 0);
    let x0 = TensorRef::new(&d0, [5, 7, 5, 5]).unwrap();
    let d1 = data(5, 1);
    let a1 = arr1::<5>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(25, 2);
    let x2 = arr2::<5, 5>(&d2);
    let d3 = data(7, 3);
    let x3 = TensorRef::new(&d3, [7]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[5, 7, 5, 5]),
        (&d1, &[5]),
        (&d2, &[5, 5]),
        (&d3, &[7]),
    ];
    check(
        "knkl,k,ll,n->",
        &ops,
        &einsum!("knkl,k,ll,n->", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("knkl,k,ll,n->", &ops);
    let mut out = 5i64;
    einsum!(out = "knkl,k,ll,n->", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "knkl,k,ll,n->", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_258() {
    let d0 = data(35, 0);
    let s0 = [7, 5];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(126, 1);
    let x1 = TensorRef::new(&d1, [3, 2, 3, 7]).unwrap();
    let d2 = data(49, 2);
    let x2 = arr2::<7, 7>(&d2).to_vec();
    let d3 = data(7, 3);
    let a3 = arr1::<7>(&d3);
    let x3: &[i64] = &a3;
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[7, 5]),
        (&d1, &[3, 2, 3, 7]),
        (&d2, &[7, 7]),
        (&d3, &[7]),
    ];
    check(
        "Am,ikiA,AA,A->k",
        &ops,
        &einsum!("Am,ikiA,AA,A->k", x0, x1, x2, x3),
    );
    let init = data(2, 9);
    let (want, acc) = expected("Am,ikiA,AA,A->k", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "Am,ikiA,AA,A->k", x0, x1, x2, x3);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "Am,ikiA,AA,A->k", x0, x1, x2, x3);
    assert_eq!(out, acc);
}

#[test]
fn case_259() {
    let d0 = data(24, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 2, 3]).unwrap();
    let d1 = data(24, 1);
    let s1 = [3, 2, 2, 2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 2, 3]), (&d1, &[3, 2, 2, 2])];
    check("ABkp,pABA->ABp", &ops, &einsum!("ABkp,pABA->ABp", x0, x1));
    let init = data(12, 9);
    let (want, acc) = expected("ABkp,pABA->ABp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 3]).unwrap();
    einsum!(out = "ABkp,pABA->ABp", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 2, 3]).unwrap();
    einsum!(out += "ABkp,pABA->ABp", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_260() {
    let d0 = data(2, 0);
    let s0 = [2, 1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[2, 1])];
    check("Aq->A", &ops, &einsum!("Aq->A", x0));
    let init = data(2, 9);
    let (want, acc) = expected("Aq->A", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "Aq->A", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "Aq->A", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_261() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0).to_vec();
    let d1 = data(9, 1);
    let x1 = arr2::<3, 3>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[3, 3])];
    check("j,jj", &ops, &einsum!("j,jj", x0, x1));
    let (want, _) = common::reference_einsum("j,jj", &ops);
    let mut out = 5i64;
    einsum!(out = "j,jj", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "j,jj", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_262() {
    let d0 = data(54, 0);
    let x0 = TensorRef::new(&d0, [2, 3, 3, 3]).unwrap();
    let d1 = data(3, 1);
    let x1 = arr1::<3>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 3, 3, 3]), (&d1, &[3])];
    check("Aqnn,n", &ops, &einsum!("Aqnn,n", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("Aqnn,n", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2, 3]).unwrap();
    einsum!(out = "Aqnn,n", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2, 3]).unwrap();
    einsum!(out += "Aqnn,n", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_263() {
    let d0 = data(28, 0);
    let x0 = arr3::<2, 2, 7>(&d0).to_vec();
    let d1 = data(7, 1);
    let x1 = Tensor::from_vec(d1.clone(), [7]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 7]), (&d1, &[7])];
    check("CCj,j->jC", &ops, &einsum!("CCj,j->jC", x0, x1));
    let init = data(14, 9);
    let (want, acc) = expected("CCj,j->jC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7, 2]).unwrap();
    einsum!(out = "CCj,j->jC", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7, 2]).unwrap();
    einsum!(out += "CCj,j->jC", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_264() {
    let d0 = data(9, 0);
    let x0 = arr2::<3, 3>(&d0);
    let d1 = data(63, 1);
    let x1 = arr3::<7, 3, 3>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 3]), (&d1, &[7, 3, 3])];
    check("BB,mBB", &ops, &einsum!("BB,mBB", x0, x1));
    let init = data(7, 9);
    let (want, acc) = expected("BB,mBB", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "BB,mBB", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "BB,mBB", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_265() {
    let d0 = data(243, 0);
    let s0 = [3, 9, 9];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3, 9, 9])];
    check("nmm", &ops, &einsum!("nmm", x0));
    let init = data(3, 9);
    let (want, acc) = expected("nmm", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "nmm", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "nmm", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_266() {
    let d0 = data(5, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 5]).unwrap();
    let d1 = data(9, 1);
    let x1 = TensorRef::new(&d1, [1, 9, 1, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 5]), (&d1, &[1, 9, 1, 1])];
    check("li,lAlp->pliA", &ops, &einsum!("li,lAlp->pliA", x0, x1));
    let init = data(45, 9);
    let (want, acc) = expected("li,lAlp->pliA", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 1, 5, 9]).unwrap();
    einsum!(view = "li,lAlp->pliA", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 1, 5, 9]).unwrap();
    einsum!(view += "li,lAlp->pliA", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_267() {
    let d0 = data(1, 0);
    let x0 = TensorRef::new(&d0, [1, 1, 1, 1]).unwrap();
    let d1 = data(1, 1);
    let s1 = [1, 1, 1];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 1, 1, 1]), (&d1, &[1, 1, 1])];
    check("ljjl,ljl->lj", &ops, &einsum!("ljjl,ljl->lj", x0, x1));
    let init = data(1, 9);
    let (want, acc) = expected("ljjl,ljl->lj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [1, 1]).unwrap();
    einsum!(out = "ljjl,ljl->lj", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [1, 1]).unwrap();
    einsum!(out += "ljjl,ljl->lj", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_268() {
    let d0 = data(81, 0);
    let x0 = arr3::<9, 9, 1>(&d0).to_vec();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[9, 9, 1])];
    check("nnj->", &ops, &einsum!("nnj->", x0));
    let (want, _) = common::reference_einsum("nnj->", &ops);
    let mut out = 5i64;
    einsum!(out = "nnj->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "nnj->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_269() {
    let d0 = data(75, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5, 3, 5]).unwrap();
    let d1 = data(45, 1);
    let x1 = arr2::<9, 5>(&d1);
    let d2 = data(9, 2);
    let a2 = arr1::<9>(&d2);
    let x2: &[i64] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5, 3, 5]), (&d1, &[9, 5]), (&d2, &[9])];
    check("qBq,iq,i->q", &ops, &einsum!("qBq,iq,i->q", x0, x1, x2));
    let init = data(5, 9);
    let (want, acc) = expected("qBq,iq,i->q", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5]).unwrap();
    einsum!(out = "qBq,iq,i->q", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5]).unwrap();
    einsum!(out += "qBq,iq,i->q", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_270() {
    let d0 = data(2205, 0);
    let x0 = TensorRef::new(&d0, [7, 5, 9, 7]).unwrap();
    let d1 = data(3, 1);
    let x1 = arr1::<3>(&d1).to_vec();
    let d2 = data(189, 2);
    let x2 = arr3::<7, 3, 9>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[7, 5, 9, 7]), (&d1, &[3]), (&d2, &[7, 3, 9])];
    check(
        "BCmk,q,Bqm->qkC",
        &ops,
        &einsum!("BCmk,q,Bqm->qkC", x0, x1, x2),
    );
    let init = data(105, 9);
    let (want, acc) = expected("BCmk,q,Bqm->qkC", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 7, 5]).unwrap();
    einsum!(out = "BCmk,q,Bqm->qkC", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 7, 5]).unwrap();
    einsum!(out += "BCmk,q,Bqm->qkC", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_271() {
    let d0 = data(10, 0);
    let x0 = Tensor::from_vec(d0.clone(), [2, 5]).unwrap();
    let d1 = data(72, 1);
    let x1 = TensorRef::new(&d1, [2, 9, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 5]), (&d1, &[2, 9, 2, 2])];
    check("in,ijii->i", &ops, &einsum!("in,ijii->i", x0, x1));
    let init = data(2, 9);
    let (want, acc) = expected("in,ijii->i", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "in,ijii->i", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "in,ijii->i", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_272() {
    let d0 = data(28, 0);
    let s0 = [1, 7, 2, 2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(7, 1);
    let x1 = arr2::<7, 1>(&d1).to_vec();
    let d2 = data(686, 2);
    let x2 = Tensor::from_vec(d2.clone(), [7, 7, 2, 7]).unwrap();
    let d3 = data(28, 3);
    let x3 = TensorRef::new(&d3, [7, 1, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 7, 2, 2]),
        (&d1, &[7, 1]),
        (&d2, &[7, 7, 2, 7]),
        (&d3, &[7, 1, 2, 2]),
    ];
    check(
        "lBAA,Cl,CBAB,BlAA->BCl",
        &ops,
        &einsum!("lBAA,Cl,CBAB,BlAA->BCl", x0, x1, x2, x3),
    );
    let init = data(49, 9);
    let (want, acc) = expected("lBAA,Cl,CBAB,BlAA->BCl", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7, 7, 1]).unwrap();
    einsum!(out = "lBAA,Cl,CBAB,BlAA->BCl", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7, 7, 1]).unwrap();
    einsum!(out += "lBAA,Cl,CBAB,BlAA->BCl", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_273() {
    let d0 = data(0, 0);
    let x0 = TensorRef::new(&d0, [9, 2, 0, 9]).unwrap();
    let d1 = data(2, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2]).unwrap();
    let d2 = data(18, 2);
    let x2 = arr2::<2, 9>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9, 2, 0, 9]), (&d1, &[2]), (&d2, &[2, 9])];
    check("jklj,k,kj", &ops, &einsum!("jklj,k,kj", x0, x1, x2));
    let init = data(0, 9);
    let (want, acc) = expected("jklj,k,kj", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [0]).unwrap();
    einsum!(out = "jklj,k,kj", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [0]).unwrap();
    einsum!(out += "jklj,k,kj", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_274() {
    let d0 = data(1, 0);
    let a0 = arr2::<1, 1>(&d0);
    let x0: &[[i64; 1]] = &a0;
    let d1 = data(2, 1);
    let x1 = arr3::<2, 1, 1>(&d1);
    let d2 = data(2, 2);
    let x2 = arr2::<1, 2>(&d2).to_vec();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[1, 1]), (&d1, &[2, 1, 1]), (&d2, &[1, 2])];
    check("nk,Ank,nA->n", &ops, &einsum!("nk,Ank,nA->n", x0, x1, x2));
    let init = data(1, 9);
    let (want, acc) = expected("nk,Ank,nA->n", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "nk,Ank,nA->n", x0, x1, x2);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "nk,Ank,nA->n", x0, x1, x2);
    assert_eq!(out, acc);
}

#[test]
fn case_275() {
    let d0 = data(27, 0);
    let x0 = TensorRef::new(&d0, [3, 1, 9, 1]).unwrap();
    let d1 = data(81, 1);
    let x1 = Tensor::from_vec(d1.clone(), [9, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 1, 9, 1]), (&d1, &[9, 9])];
    check("jmim,ii->jmi", &ops, &einsum!("jmim,ii->jmi", x0, x1));
    let init = data(27, 9);
    let (want, acc) = expected("jmim,ii->jmi", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 1, 9]).unwrap();
    einsum!(view = "jmim,ii->jmi", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 1, 9]).unwrap();
    einsum!(view += "jmim,ii->jmi", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_276() {
    let d0 = data(9, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 1, 3]).unwrap();
    let d1 = data(9, 1);
    let x1 = arr2::<1, 9>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3, 1, 3]), (&d1, &[1, 9])];
    check("lql,in->", &ops, &einsum!("lql,in->", x0, x1));
    let (want, _) = common::reference_einsum("lql,in->", &ops);
    let mut out = 5i64;
    einsum!(out = "lql,in->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "lql,in->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_277() {
    let d0 = data(3, 0);
    let x0 = arr1::<3>(&d0);
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[3])];
    check("m", &ops, &einsum!("m", x0));
    let init = data(3, 9);
    let (want, acc) = expected("m", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "m", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "m", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_278() {
    let d0 = data(2, 0);
    let x0 = arr2::<2, 1>(&d0);
    let d1 = data(2835, 1);
    let x1 = TensorRef::new(&d1, [9, 7, 9, 5]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 1]), (&d1, &[9, 7, 9, 5])];
    check("lA,ijik->kl", &ops, &einsum!("lA,ijik->kl", x0, x1));
    let init = data(10, 9);
    let (want, acc) = expected("lA,ijik->kl", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 2]).unwrap();
    einsum!(out = "lA,ijik->kl", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 2]).unwrap();
    einsum!(out += "lA,ijik->kl", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_279() {
    let d0 = data(27, 0);
    let a0 = arr2::<9, 3>(&d0);
    let x0: &[[i64; 3]] = &a0;
    let d1 = data(27, 1);
    let x1 = Tensor::from_vec(d1.clone(), [3, 1, 9]).unwrap();
    let d2 = data(3645, 2);
    let s2 = [9, 9, 9, 5];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9, 3]), (&d1, &[3, 1, 9]), (&d2, &[9, 9, 9, 5])];
    check(
        "mA,Apm,mmCi->AiCp",
        &ops,
        &einsum!("mA,Apm,mmCi->AiCp", x0, x1, x2),
    );
    let init = data(135, 9);
    let (want, acc) = expected("mA,Apm,mmCi->AiCp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 5, 9, 1]).unwrap();
    einsum!(out = "mA,Apm,mmCi->AiCp", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 5, 9, 1]).unwrap();
    einsum!(out += "mA,Apm,mmCi->AiCp", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_280() {
    let d0 = data(9, 0);
    let s0 = [9];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(81, 1);
    let x1 = arr3::<1, 9, 9>(&d1);
    let d2 = data(1, 2);
    let x2 = arr1::<1>(&d2);
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9]), (&d1, &[1, 9, 9]), (&d2, &[1])];
    check("m,pmm,p->m", &ops, &einsum!("m,pmm,p->m", x0, x1, x2));
    let init = data(9, 9);
    let (want, acc) = expected("m,pmm,p->m", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "m,pmm,p->m", x0, x1, x2);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "m,pmm,p->m", x0, x1, x2);
    assert_eq!(out, acc);
}

#[test]
fn case_281() {
    let d0 = data(9, 0);
    let s0 = [3, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(1, 1);
    let x1 = Tensor::from_vec(d1.clone(), [1]).unwrap();
    let d2 = data(3, 2);
    let x2 = Tensor::from_vec(d2.clone(), [3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 3]), (&d1, &[1]), (&d2, &[3])];
    check("qk,C,q->k", &ops, &einsum!("qk,C,q->k", x0, x1, x2));
    let init = data(3, 9);
    let (want, acc) = expected("qk,C,q->k", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "qk,C,q->k", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "qk,C,q->k", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_282() {
    let d0 = data(9, 0);
    let x0 = TensorRef::new(&d0, [9]).unwrap();
    let d1 = data(2, 1);
    let s1 = [2];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(21, 2);
    let x2 = Tensor::from_vec(d2.clone(), [7, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9]), (&d1, &[2]), (&d2, &[7, 3])];
    check("q,n,mi", &ops, &einsum!("q,n,mi", x0, x1, x2));
    let init = data(378, 9);
    let (want, acc) = expected("q,n,mi", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 7, 2, 9]).unwrap();
    einsum!(view = "q,n,mi", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 7, 2, 9]).unwrap();
    einsum!(view += "q,n,mi", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_283() {
    let d0 = data(2205, 0);
    let x0 = TensorRef::new(&d0, [7, 5, 9, 7]).unwrap();
    let d1 = data(735, 1);
    let x1 = TensorRef::new(&d1, [3, 7, 5, 7]).unwrap();
    let d2 = data(27, 2);
    let x2 = TensorRef::new(&d2, [3, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[7, 5, 9, 7]), (&d1, &[3, 7, 5, 7]), (&d2, &[3, 9])];
    check(
        "lpkl,ilpl,ik->i",
        &ops,
        &einsum!("lpkl,ilpl,ik->i", x0, x1, x2),
    );
    let init = data(3, 9);
    let (want, acc) = expected("lpkl,ilpl,ik->i", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "lpkl,ilpl,ik->i", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "lpkl,ilpl,ik->i", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_284() {
    let d0 = data(441, 0);
    let x0 = TensorRef::new(&d0, [9, 7, 7]).unwrap();
    let d1 = data(2401, 1);
    let x1 = TensorRef::new(&d1, [7, 7, 7, 7]).unwrap();
    let d2 = data(81, 2);
    let x2 = Tensor::from_vec(d2.clone(), [9, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9, 7, 7]), (&d1, &[7, 7, 7, 7]), (&d2, &[9, 9])];
    check("AqB,qBkk,AA", &ops, &einsum!("AqB,qBkk,AA", x0, x1, x2));
    let (want, _) = common::reference_einsum("AqB,qBkk,AA", &ops);
    let mut out = 5i64;
    einsum!(out = "AqB,qBkk,AA", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "AqB,qBkk,AA", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_285() {
    let d0 = data(81, 0);
    let x0 = TensorRef::new(&d0, [9, 9]).unwrap();
    let d1 = data(162, 1);
    let x1 = TensorRef::new(&d1, [9, 2, 1, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 9]), (&d1, &[9, 2, 1, 9])];
    check("nn,npin->", &ops, &einsum!("nn,npin->", x0, x1));
    let (want, _) = common::reference_einsum("nn,npin->", &ops);
    let mut out = 5i64;
    einsum!(out = "nn,npin->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "nn,npin->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_286() {
    let d0 = data(9, 0);
    let x0 = arr1::<9>(&d0);
    let d1 = data(1, 1);
    let a1 = arr1::<1>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(9, 2);
    let a2 = arr2::<9, 1>(&d2);
    let x2: &[[i64; 1]] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9]), (&d1, &[1]), (&d2, &[9, 1])];
    check("q,A,qA->q", &ops, &einsum!("q,A,qA->q", x0, x1, x2));
    let init = data(9, 9);
    let (want, acc) = expected("q,A,qA->q", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9]).unwrap();
    einsum!(view = "q,A,qA->q", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [9]).unwrap();
    einsum!(view += "q,A,qA->q", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_287() {
    let d0 = data(5, 0);
    let x0 = Tensor::from_vec(d0.clone(), [5]).unwrap();
    let d1 = data(54, 1);
    let a1 = arr3::<9, 3, 2>(&d1);
    let x1: &[[[i64; 2]; 3]] = &a1;
    let d2 = data(9, 2);
    let x2 = Tensor::from_vec(d2.clone(), [9]).unwrap();
    let d3 = data(18, 3);
    let x3 = arr2::<9, 2>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] =
        [(&d0, &[5]), (&d1, &[9, 3, 2]), (&d2, &[9]), (&d3, &[9, 2])];
    check("j,mqi,m,mi", &ops, &einsum!("j,mqi,m,mi", x0, x1, x2, x3));
    let init = data(15, 9);
    let (want, acc) = expected("j,mqi,m,mi", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 3]).unwrap();
    einsum!(out = "j,mqi,m,mi", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 3]).unwrap();
    einsum!(out += "j,mqi,m,mi", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_288() {
    let d0 = data(3, 0);
    let a0 = arr1::<3>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(4, 1);
    let x1 = Tensor::from_vec(d1.clone(), [2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[2, 2])];
    check("l,qq", &ops, &einsum!("l,qq", x0, x1));
    let init = data(3, 9);
    let (want, acc) = expected("l,qq", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "l,qq", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "l,qq", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_289() {
    let d0 = data(21, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 3, 1, 7]).unwrap();
    let d1 = data(3, 1);
    let x1 = arr3::<1, 3, 1>(&d1).to_vec();
    let d2 = data(18, 2);
    let x2 = arr3::<3, 3, 2>(&d2);
    let d3 = data(63, 3);
    let x3 = TensorRef::new(&d3, [1, 3, 3, 7]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 3, 1, 7]),
        (&d1, &[1, 3, 1]),
        (&d2, &[3, 3, 2]),
        (&d3, &[1, 3, 3, 7]),
    ];
    check(
        "pipn,pip,iij,piin->n",
        &ops,
        &einsum!("pipn,pip,iij,piin->n", x0, x1, x2, x3),
    );
    let init = data(7, 9);
    let (want, acc) = expected("pipn,pip,iij,piin->n", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out = "pipn,pip,iij,piin->n", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out += "pipn,pip,iij,piin->n", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_290() {
    let d0 = data(729, 0);
    let x0 = TensorRef::new(&d0, [9, 9, 9]).unwrap();
    let d1 = data(9, 1);
    let x1 = TensorRef::new(&d1, [9]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9, 9, 9]), (&d1, &[9])];
    check("liC,l->", &ops, &einsum!("liC,l->", x0, x1));
    let (want, _) = common::reference_einsum("liC,l->", &ops);
    let mut out = 5i64;
    einsum!(out = "liC,l->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "liC,l->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_291() {
    let d0 = data(36, 0);
    let x0 = TensorRef::new(&d0, [2, 9, 2, 1]).unwrap();
    let d1 = data(12, 1);
    let s1 = [1, 2, 2, 3];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 9, 2, 1]), (&d1, &[1, 2, 2, 3])];
    check("jijp,pjjk", &ops, &einsum!("jijp,pjjk", x0, x1));
    let init = data(27, 9);
    let (want, acc) = expected("jijp,pjjk", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [9, 3]).unwrap();
    einsum!(out = "jijp,pjjk", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [9, 3]).unwrap();
    einsum!(out += "jijp,pjjk", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_292() {
    let d0 = data(9, 0);
    let x0 = TensorRef::new(&d0, [9]).unwrap();
    let d1 = data(9, 1);
    let x1 = TensorRef::new(&d1, [3, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[9]), (&d1, &[3, 3])];
    check("B,mm->", &ops, &einsum!("B,mm->", x0, x1));
    let (want, _) = common::reference_einsum("B,mm->", &ops);
    let mut out = 5i64;
    einsum!(out = "B,mm->", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "B,mm->", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_293() {
    let d0 = data(100, 0);
    let x0 = TensorRef::new(&d0, [2, 2, 5, 5]).unwrap();
    let d1 = data(125, 1);
    let s1 = [5, 5, 5];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 5, 5]), (&d1, &[5, 5, 5])];
    check("jjAA,Ann", &ops, &einsum!("jjAA,Ann", x0, x1));
    let (want, _) = common::reference_einsum("jjAA,Ann", &ops);
    let mut out = 5i64;
    einsum!(out = "jjAA,Ann", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "jjAA,Ann", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_294() {
    let d0 = data(2187, 0);
    let s0 = [9, 9, 9, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(9, 1);
    let s1 = [9];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(729, 2);
    let x2 = TensorRef::new(&d2, [9, 3, 9, 3]).unwrap();
    let d3 = data(729, 3);
    let x3 = TensorRef::new(&d3, [9, 3, 3, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[9, 9, 9, 3]),
        (&d1, &[9]),
        (&d2, &[9, 3, 9, 3]),
        (&d3, &[9, 3, 3, 9]),
    ];
    check(
        "jjjk,j,jkjk,jkkj",
        &ops,
        &einsum!("jjjk,j,jkjk,jkkj", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("jjjk,j,jkjk,jkkj", &ops);
    let mut out = 5i64;
    einsum!(out = "jjjk,j,jkjk,jkkj", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "jjjk,j,jkjk,jkkj", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_295() {
    let d0 = data(8, 0);
    let x0 = TensorRef::new(&d0, [2, 1, 2, 2]).unwrap();
    let d1 = data(8, 1);
    let x1 = TensorRef::new(&d1, [1, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 1, 2, 2]), (&d1, &[1, 2, 2, 2])];
    check("mpmB,pBmm", &ops, &einsum!("mpmB,pBmm", x0, x1));
    let (want, _) = common::reference_einsum("mpmB,pBmm", &ops);
    let mut out = 5i64;
    einsum!(out = "mpmB,pBmm", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "mpmB,pBmm", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_296() {
    let d0 = data(25, 0);
    let s0 = [5, 1, 5, 1];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(5, 1);
    let x1 = Tensor::from_vec(d1.clone(), [5, 1]).unwrap();
    let d2 = data(25, 2);
    let x2 = Tensor::from_vec(d2.clone(), [1, 5, 1, 5]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[5, 1, 5, 1]), (&d1, &[5, 1]), (&d2, &[1, 5, 1, 5])];
    check(
        "ikij,ij,kiji->",
        &ops,
        &einsum!("ikij,ij,kiji->", x0, x1, x2),
    );
    let (want, _) = common::reference_einsum("ikij,ij,kiji->", &ops);
    let mut out = 5i64;
    einsum!(out = "ikij,ij,kiji->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "ikij,ij,kiji->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_297() {
    let d0 = data(189, 0);
    let s0 = [7, 3, 3, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(7, 1);
    let a1 = arr1::<7>(&d1);
    let x1: &[i64] = &a1;
    let d2 = data(3, 2);
    let x2 = Tensor::from_vec(d2.clone(), [3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[7, 3, 3, 3]), (&d1, &[7]), (&d2, &[3])];
    check("qAAA,q,A->q", &ops, &einsum!("qAAA,q,A->q", x0, x1, x2));
    let init = data(7, 9);
    let (want, acc) = expected("qAAA,q,A->q", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out = "qAAA,q,A->q", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7]).unwrap();
    einsum!(out += "qAAA,q,A->q", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_298() {
    let d0 = data(135, 0);
    let x0 = TensorRef::new(&d0, [5, 3, 3, 3]).unwrap();
    let d1 = data(225, 1);
    let x1 = TensorRef::new(&d1, [5, 5, 3, 3]).unwrap();
    let d2 = data(45, 2);
    let x2 = TensorRef::new(&d2, [3, 5, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [
        (&d0, &[5, 3, 3, 3]),
        (&d1, &[5, 5, 3, 3]),
        (&d2, &[3, 5, 3]),
    ];
    check(
        "lqqq,llqq,qlq->q",
        &ops,
        &einsum!("lqqq,llqq,qlq->q", x0, x1, x2),
    );
    let init = data(3, 9);
    let (want, acc) = expected("lqqq,llqq,qlq->q", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view = "lqqq,llqq,qlq->q", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3]).unwrap();
    einsum!(view += "lqqq,llqq,qlq->q", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_299() {
    let d0 = data(21, 0);
    let x0 = TensorRef::new(&d0, [7, 3]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[7, 3])];
    check("ln", &ops, &einsum!("ln", x0));
    let init = data(21, 9);
    let (want, acc) = expected("ln", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [7, 3]).unwrap();
    einsum!(out = "ln", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [7, 3]).unwrap();
    einsum!(out += "ln", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_300() {
    let d0 = data(5, 0);
    let x0 = arr1::<5>(&d0).to_vec();
    let d1 = data(9, 1);
    let x1 = arr1::<9>(&d1).to_vec();
    let d2 = data(45, 2);
    let s2 = [9, 5];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(7, 3);
    let a3 = arr1::<7>(&d3);
    let x3: &[i64] = &a3;
    let ops: [(&[i64], &[usize]); 4] = [(&d0, &[5]), (&d1, &[9]), (&d2, &[9, 5]), (&d3, &[7])];
    check("p,j,jq,i->p", &ops, &einsum!("p,j,jq,i->p", x0, x1, x2, x3));
    let init = data(5, 9);
    let (want, acc) = expected("p,j,jq,i->p", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "p,j,jq,i->p", x0, x1, x2, x3);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "p,j,jq,i->p", x0, x1, x2, x3);
    assert_eq!(out, acc);
}

#[test]
fn case_301() {
    let d0 = data(315, 0);
    let x0 = TensorRef::new(&d0, [7, 5, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[7, 5, 9])];
    check("Bjm->", &ops, &einsum!("Bjm->", x0));
    let (want, _) = common::reference_einsum("Bjm->", &ops);
    let mut out = 5i64;
    einsum!(out = "Bjm->", x0);
    assert_eq!(out, want[0]);
    einsum!(out += "Bjm->", x0);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_302() {
    let d0 = data(5, 0);
    let x0 = arr3::<1, 5, 1>(&d0).to_vec();
    let d1 = data(25, 1);
    let x1 = Tensor::from_vec(d1.clone(), [5, 1, 5, 1]).unwrap();
    let d2 = data(5, 2);
    let s2 = [1, 5, 1];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(1, 3);
    let x3 = TensorRef::new(&d3, [1, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[1, 5, 1]),
        (&d1, &[5, 1, 5, 1]),
        (&d2, &[1, 5, 1]),
        (&d3, &[1, 1]),
    ];
    check(
        "iAi,ABAi,iAi,iB->AiB",
        &ops,
        &einsum!("iAi,ABAi,iAi,iB->AiB", x0, x1, x2, x3),
    );
    let init = data(5, 9);
    let (want, acc) = expected("iAi,ABAi,iAi,iB->AiB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [5, 1, 1]).unwrap();
    einsum!(out = "iAi,ABAi,iAi,iB->AiB", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [5, 1, 1]).unwrap();
    einsum!(out += "iAi,ABAi,iAi,iB->AiB", x0, x1, x2, x3);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_303() {
    let d0 = data(3, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3, 1]).unwrap();
    let d1 = data(35, 1);
    let x1 = arr2::<5, 7>(&d1);
    let d2 = data(315, 2);
    let a2 = arr3::<5, 9, 7>(&d2);
    let x2: &[[[i64; 7]; 9]] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[3, 1]), (&d1, &[5, 7]), (&d2, &[5, 9, 7])];
    check(
        "mp,qC,qBC->mCBp",
        &ops,
        &einsum!("mp,qC,qBC->mCBp", x0, x1, x2),
    );
    let init = data(189, 9);
    let (want, acc) = expected("mp,qC,qBC->mCBp", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 7, 9, 1]).unwrap();
    einsum!(out = "mp,qC,qBC->mCBp", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 7, 9, 1]).unwrap();
    einsum!(out += "mp,qC,qBC->mCBp", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_304() {
    let d0 = data(9, 0);
    let a0 = arr1::<9>(&d0);
    let x0: &[i64] = &a0;
    let d1 = data(147, 1);
    let s1 = [3, 7, 7];
    let x1 = DynTensorRef::new(&d1, &s1).unwrap();
    let d2 = data(1323, 2);
    let s2 = [3, 7, 9, 7];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9]), (&d1, &[3, 7, 7]), (&d2, &[3, 7, 9, 7])];
    check("q,lpC,lCqC", &ops, &einsum!("q,lpC,lCqC", x0, x1, x2));
    let init = data(7, 9);
    let (want, acc) = expected("q,lpC,lCqC", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "q,lpC,lCqC", x0, x1, x2);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "q,lpC,lCqC", x0, x1, x2);
    assert_eq!(out, acc);
}

#[test]
fn case_305() {
    let d0 = data(27, 0);
    let s0 = [1, 3, 3, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(343, 1);
    let x1 = TensorRef::new(&d1, [7, 7, 7, 1]).unwrap();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 3, 3, 3]), (&d1, &[7, 7, 7, 1])];
    check("BCCA,mmmB", &ops, &einsum!("BCCA,mmmB", x0, x1));
    let init = data(3, 9);
    let (want, acc) = expected("BCCA,mmmB", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out = "BCCA,mmmB", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3]).unwrap();
    einsum!(out += "BCCA,mmmB", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_306() {
    let d0 = data(12, 0);
    let s0 = [2, 2, 3];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(4, 1);
    let a1 = arr2::<2, 2>(&d1);
    let x1: &[[i64; 2]] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[2, 2, 3]), (&d1, &[2, 2])];
    check("nnj,nn->jn", &ops, &einsum!("nnj,nn->jn", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("nnj,nn->jn", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out = "nnj,nn->jn", x0, x1);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [3, 2]).unwrap();
    einsum!(out += "nnj,nn->jn", x0, x1);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_307() {
    let d0 = data(45, 0);
    let x0 = TensorRef::new(&d0, [9, 1, 5]).unwrap();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[9, 1, 5])];
    check("lBi->lBi", &ops, &einsum!("lBi->lBi", x0));
    let init = data(45, 9);
    let (want, acc) = expected("lBi->lBi", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [9, 1, 5]).unwrap();
    einsum!(out = "lBi->lBi", x0);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [9, 1, 5]).unwrap();
    einsum!(out += "lBi->lBi", x0);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_308() {
    let d0 = data(4, 0);
    let a0 = arr2::<2, 2>(&d0);
    let x0: &[[i64; 2]] = &a0;
    let d1 = data(4, 1);
    let x1 = arr2::<2, 2>(&d1).to_vec();
    let d2 = data(16, 2);
    let x2 = TensorRef::new(&d2, [2, 2, 2, 2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 2]), (&d1, &[2, 2]), (&d2, &[2, 2, 2, 2])];
    check("CC,CC,kkkk->", &ops, &einsum!("CC,CC,kkkk->", x0, x1, x2));
    let (want, _) = common::reference_einsum("CC,CC,kkkk->", &ops);
    let mut out = 5i64;
    einsum!(out = "CC,CC,kkkk->", x0, x1, x2);
    assert_eq!(out, want[0]);
    einsum!(out += "CC,CC,kkkk->", x0, x1, x2);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_309() {
    let d0 = data(3, 0);
    let x0 = Tensor::from_vec(d0.clone(), [3]).unwrap();
    let d1 = data(2, 1);
    let a1 = arr1::<2>(&d1);
    let x1: &[i64] = &a1;
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[3]), (&d1, &[2])];
    check("i,k->ik", &ops, &einsum!("i,k->ik", x0, x1));
    let init = data(6, 9);
    let (want, acc) = expected("i,k->ik", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    einsum!(view = "i,k->ik", x0, x1);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    einsum!(view += "i,k->ik", x0, x1);
    assert_eq!(flat, acc);
}

#[test]
fn case_310() {
    let d0 = data(98, 0);
    let x0 = TensorRef::new(&d0, [7, 7, 2]).unwrap();
    let d1 = data(63, 1);
    let x1 = arr2::<9, 7>(&d1).to_vec();
    let d2 = data(2, 2);
    let s2 = [2];
    let x2 = DynTensorRef::new(&d2, &s2).unwrap();
    let d3 = data(5103, 3);
    let x3 = TensorRef::new(&d3, [7, 9, 9, 9]).unwrap();
    let ops: [(&[i64], &[usize]); 4] = [
        (&d0, &[7, 7, 2]),
        (&d1, &[9, 7]),
        (&d2, &[2]),
        (&d3, &[7, 9, 9, 9]),
    ];
    check(
        "nnB,Cn,B,nCCC",
        &ops,
        &einsum!("nnB,Cn,B,nCCC", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("nnB,Cn,B,nCCC", &ops);
    let mut out = 5i64;
    einsum!(out = "nnB,Cn,B,nCCC", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "nnB,Cn,B,nCCC", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_311() {
    let d0 = data(7, 0);
    let x0 = arr1::<7>(&d0).to_vec();
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[7])];
    check("q->q", &ops, &einsum!("q->q", x0));
    let init = data(7, 9);
    let (want, acc) = expected("q->q", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "q->q", x0);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "q->q", x0);
    assert_eq!(out, acc);
}

#[test]
fn case_312() {
    let d0 = data(4, 0);
    let x0 = Tensor::from_vec(d0.clone(), [1, 2, 2]).unwrap();
    let d1 = data(2, 1);
    let x1 = arr2::<2, 1>(&d1).to_vec();
    let d2 = data(2, 2);
    let x2 = TensorRef::new(&d2, [2]).unwrap();
    let d3 = data(9, 3);
    let x3 = arr1::<9>(&d3).to_vec();
    let ops: [(&[i64], &[usize]); 4] =
        [(&d0, &[1, 2, 2]), (&d1, &[2, 1]), (&d2, &[2]), (&d3, &[9])];
    check(
        "Bll,lq,l,j->",
        &ops,
        &einsum!("Bll,lq,l,j->", x0, x1, x2, x3),
    );
    let (want, _) = common::reference_einsum("Bll,lq,l,j->", &ops);
    let mut out = 5i64;
    einsum!(out = "Bll,lq,l,j->", x0, x1, x2, x3);
    assert_eq!(out, want[0]);
    einsum!(out += "Bll,lq,l,j->", x0, x1, x2, x3);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_313() {
    let d0 = data(98, 0);
    let s0 = [7, 7, 2];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(50, 1);
    let x1 = arr3::<2, 5, 5>(&d1);
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[7, 7, 2]), (&d1, &[2, 5, 5])];
    check("nCA,Amm->n", &ops, &einsum!("nCA,Amm->n", x0, x1));
    let init = data(7, 9);
    let (want, acc) = expected("nCA,Amm->n", &ops, &init);
    let mut out = init.clone();
    einsum!(out = "nCA,Amm->n", x0, x1);
    assert_eq!(out, want);
    let mut out = init.clone();
    einsum!(out += "nCA,Amm->n", x0, x1);
    assert_eq!(out, acc);
}

#[test]
fn case_314() {
    let d0 = data(125, 0);
    let a0 = arr3::<5, 5, 5>(&d0);
    let x0: &[[[i64; 5]; 5]] = &a0;
    let d1 = data(125, 1);
    let x1 = arr3::<5, 5, 5>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[5, 5, 5]), (&d1, &[5, 5, 5])];
    check("CkC,kkk", &ops, &einsum!("CkC,kkk", x0, x1));
    let (want, _) = common::reference_einsum("CkC,kkk", &ops);
    let mut out = 5i64;
    einsum!(out = "CkC,kkk", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "CkC,kkk", x0, x1);
    assert_eq!(out, 2 * want[0]);
}

#[test]
fn case_315() {
    let d0 = data(9, 0);
    let a0 = arr3::<1, 3, 3>(&d0);
    let x0: &[[[i64; 3]; 3]] = &a0;
    let ops: [(&[i64], &[usize]); 1] = [(&d0, &[1, 3, 3])];
    check("Bkk->Bk", &ops, &einsum!("Bkk->Bk", x0));
    let init = data(3, 9);
    let (want, acc) = expected("Bkk->Bk", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 3]).unwrap();
    einsum!(view = "Bkk->Bk", x0);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [1, 3]).unwrap();
    einsum!(view += "Bkk->Bk", x0);
    assert_eq!(flat, acc);
}

#[test]
fn case_316() {
    let d0 = data(10, 0);
    let a0 = arr2::<2, 5>(&d0);
    let x0: &[[i64; 5]] = &a0;
    let d1 = data(5, 1);
    let x1 = arr1::<5>(&d1);
    let d2 = data(5, 2);
    let a2 = arr1::<5>(&d2);
    let x2: &[i64] = &a2;
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[2, 5]), (&d1, &[5]), (&d2, &[5])];
    check("Bm,m,m->B", &ops, &einsum!("Bm,m,m->B", x0, x1, x2));
    let init = data(2, 9);
    let (want, acc) = expected("Bm,m,m->B", &ops, &init);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view = "Bm,m,m->B", x0, x1, x2);
    assert_eq!(flat, want);
    let mut flat = init.clone();
    let mut view = TensorMut::new(&mut flat, [2]).unwrap();
    einsum!(view += "Bm,m,m->B", x0, x1, x2);
    assert_eq!(flat, acc);
}

#[test]
fn case_317() {
    let d0 = data(243, 0);
    let s0 = [9, 3, 9];
    let x0 = DynTensorRef::new(&d0, &s0).unwrap();
    let d1 = data(36, 1);
    let x1 = arr3::<2, 2, 9>(&d1);
    let d2 = data(2, 2);
    let x2 = Tensor::from_vec(d2.clone(), [2]).unwrap();
    let ops: [(&[i64], &[usize]); 3] = [(&d0, &[9, 3, 9]), (&d1, &[2, 2, 9]), (&d2, &[2])];
    check("qiq,CCq,C->C", &ops, &einsum!("qiq,CCq,C->C", x0, x1, x2));
    let init = data(2, 9);
    let (want, acc) = expected("qiq,CCq,C->C", &ops, &init);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out = "qiq,CCq,C->C", x0, x1, x2);
    assert_eq!(out.as_slice(), &want[..]);
    let mut out = Tensor::from_vec(init.clone(), [2]).unwrap();
    einsum!(out += "qiq,CCq,C->C", x0, x1, x2);
    assert_eq!(out.as_slice(), &acc[..]);
}

#[test]
fn case_318() {
    let d0 = data(7, 0);
    let x0 = TensorRef::new(&d0, [1, 7, 1]).unwrap();
    let d1 = data(49, 1);
    let x1 = arr2::<7, 7>(&d1).to_vec();
    let ops: [(&[i64], &[usize]); 2] = [(&d0, &[1, 7, 1]), (&d1, &[7, 7])];
    check("ApA,pp", &ops, &einsum!("ApA,pp", x0, x1));
    let (want, _) = common::reference_einsum("ApA,pp", &ops);
    let mut out = 5i64;
    einsum!(out = "ApA,pp", x0, x1);
    assert_eq!(out, want[0]);
    einsum!(out += "ApA,pp", x0, x1);
    assert_eq!(out, 2 * want[0]);
}
