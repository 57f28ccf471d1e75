//! Classic contractions on seeded random data (non-symmetric, non-diagonal, non-square), in
//! f64, f32 and i64, through every operand type and every output form, checked against the
//! reference evaluator and, where short, against a hand-written loop.

mod common;

use common::{
    Flat, TestScalar, assert_close, assert_matches_reference, close, flat2, flat3, random,
    random_array1, random_array2, random_array3, reference_einsum, rng,
};
use einsum::{DynTensorRef, Tensor, TensorMut, TensorRef, einsum};

/// Checks an einsum result (tensor or scalar) against the reference evaluator.
#[track_caller]
fn check<T: TestScalar>(subscripts: &str, ops: &[(&[T], &[usize])], got: &impl Flat<T>) {
    let (flat, shape) = got.flat();
    assert_matches_reference(subscripts, ops, &flat, &shape);
}

/// `init + reference`, elementwise: what `out +=` must leave in `out`.
fn plus<T: TestScalar>(init: &[T], subscripts: &str, ops: &[(&[T], &[usize])]) -> Vec<T> {
    let (want, _) = reference_einsum(subscripts, ops);
    assert_eq!(init.len(), want.len());
    init.iter().zip(&want).map(|(&a, &b)| a + b).collect()
}

/// Generates `#[test]`s running a generic test function for f64, f32 and i64.
macro_rules! for_each_type {
    ($($name:ident),* $(,)?) => {
        mod f64_tests { $(#[test] fn $name() { super::$name::<f64>(1); })* }
        mod f32_tests { $(#[test] fn $name() { super::$name::<f32>(2); })* }
        mod i64_tests { $(#[test] fn $name() { super::$name::<i64>(3); })* }
    };
}

for_each_type!(
    matrix_vector,
    matmul_operand_types,
    matmul_output_forms,
    batched_matmul,
    bilinear_form,
    trace_and_diagonal,
    diagonal_of_rank_three,
    outer_product,
    contraction_ijk_jkl,
    permutations,
    three_and_four_operands,
    elementwise_and_reductions,
    rank_one_outputs,
    rank_three_operand_types,
    zero_extents,
    unit_extents,
    generic_scalar_output_forms,
);

fn matrix_vector<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 5]; 3] = random_array2(&mut r);
    let x: [T; 5] = random_array1(&mut r);
    let fa = flat2(&a);
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[3, 5]), (&x, &[5])];
    let y = einsum!("ij,j->i", a, x);
    assert_eq!(y.shape(), [3]);
    check("ij,j->i", &ops, &y);
    for i in 0..3 {
        let hand = (0..5).fold(
            a[i][0] * x[0],
            |s, j| if j == 0 { s } else { s + a[i][j] * x[j] },
        );
        assert!(close(y[[i]], hand), "row {i}: {:?} vs {hand:?}", y[[i]]);
    }
    // Vector-matrix: x^T A^T through a transposed term order.
    let z = einsum!("j,ij->i", x, a);
    assert_eq!(z.as_slice(), y.as_slice());
    // Implicit mode.
    let w = einsum!("ij,j", a, x);
    assert_eq!(w.as_slice(), y.as_slice());
}

fn matmul_operand_types<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 3]; 2] = random_array2(&mut r);
    let b: [[T; 4]; 3] = random_array2(&mut r);
    let (fa, fb) = (flat2(&a), flat2(&b));
    let s = "ij,jk->ik";
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[2, 3]), (&fb, &[3, 4])];
    let (want, _) = reference_einsum(s, &ops);
    // The reference agrees with a hand-written product.
    let mut hand = Vec::new();
    for row in &a {
        hand.extend((0..4).map(|k| row[0] * b[0][k] + row[1] * b[1][k] + row[2] * b[2][k]));
    }
    assert_close(&want, &hand, "hand matmul");

    // Nested arrays, by value and by reference.
    let t = einsum!("ij,jk->ik", a, b);
    assert_eq!(t.shape(), [2, 4]);
    check(s, &ops, &t);
    check(s, &ops, &einsum!("ij,jk->ik", &a, &b));
    // Slices of arrays: a dynamic number of rows.
    let (sa, sb): (&[[T; 3]], &[[T; 4]]) = (&a, &b);
    check(s, &ops, &einsum!("ij,jk->ik", sa, sb));
    check(s, &ops, &einsum!("ij,jk->ik", &a[..], &b[..]));
    // Vecs of arrays, and references to them.
    let (va, vb) = (a.to_vec(), b.to_vec());
    check(s, &ops, &einsum!("ij,jk->ik", va, vb));
    check(s, &ops, &einsum!("ij,jk->ik", &va, &vb));
    // Views with run-time extents and run-time rank.
    let ta = TensorRef::new(&fa, [2, 3]).unwrap();
    let tb = TensorRef::new(&fb, [3, 4]).unwrap();
    check(s, &ops, &einsum!("ij,jk->ik", ta, tb));
    let (sha, shb) = (vec![2, 3], vec![3, 4]);
    let da = DynTensorRef::new(&fa, &sha).unwrap();
    let db = DynTensorRef::new(&fb, &shb).unwrap();
    check(s, &ops, &einsum!("ij,jk->ik", da, db));
    // Owned tensors, including the result of another einsum.
    let oa = Tensor::from_vec(fa.clone(), [2, 3]).unwrap();
    let ob = Tensor::from_vec(fb.clone(), [3, 4]).unwrap();
    check(s, &ops, &einsum!("ij,jk->ik", oa, ob));
    let at = einsum!("ij->ji", a); // 3x2
    check(s, &ops, &einsum!("ji,jk->ik", at, b));
    // A TensorMut read as an operand.
    let mut fb2 = fb.clone();
    let mb = TensorMut::new(&mut fb2, [3, 4]).unwrap();
    check(s, &ops, &einsum!("ij,jk->ik", a, mb));
    // Every mix of static and dynamic extents.
    check(s, &ops, &einsum!("ij,jk->ik", a, tb));
    check(s, &ops, &einsum!("ij,jk->ik", da, b));
    check(s, &ops, &einsum!("ij,jk->ik", va, db));
    check(s, &ops, &einsum!("ij,jk->ik", oa, sb));
    // Operand expressions, not just names.
    check(
        s,
        &ops,
        &einsum!(
            "ij,jk->ik",
            TensorRef::new(&fa, [2, 3]).unwrap(),
            b.to_vec()
        ),
    );
    // Other spellings of the same contraction.
    check(s, &ops, &einsum!("ij,jk", a, b));
    check(s, &ops, &einsum!("ab,bc->ac", a, b));
    check(s, &ops, &einsum!("ij , jk -> ik", a, b));
    // The transposed product C^T = B^T A^T.
    let ct = einsum!("ij,jk->ki", a, b);
    assert_eq!(ct.shape(), [4, 2]);
    check("ij,jk->ki", &ops, &ct);
}

fn matmul_output_forms<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 3]; 2] = random_array2(&mut r);
    let b: [[T; 4]; 3] = random_array2(&mut r);
    let (fa, fb) = (flat2(&a), flat2(&b));
    let s = "ij,jk->ik";
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[2, 3]), (&fb, &[3, 4])];
    let (want, _) = reference_einsum(s, &ops);

    // `out =` overwrites whatever the buffer held.
    let mut out: [[T; 4]; 2] = random_array2(&mut r);
    einsum!(out = "ij,jk->ik", a, b);
    assert_close(out.as_flattened(), &want, "[[T; 4]; 2] =");

    let mut out: Vec<[T; 4]> = random_array2::<T, 2, 4>(&mut r).to_vec();
    einsum!(out = "ij,jk->ik", a, b);
    assert_close(out.as_flattened(), &want, "Vec<[T; 4]> =");

    let mut buf: [[T; 4]; 2] = random_array2(&mut r);
    let out: &mut [[T; 4]] = &mut buf;
    einsum!(out = "ij,jk->ik", a, b);
    assert_close(out.as_flattened(), &want, "&mut [[T; 4]] =");

    let mut out = Tensor::from_vec(random(&mut r, 8), [2, 4]).unwrap();
    einsum!(out = "ij,jk->ik", a, b);
    assert_close(out.as_slice(), &want, "Tensor =");

    let mut flat: Vec<T> = random(&mut r, 8);
    let mut view = TensorMut::new(&mut flat, [2, 4]).unwrap();
    einsum!(view = "ij,jk->ik", a, b);
    assert_close(&flat, &want, "TensorMut::new(..) =");

    let mut flat: Vec<T> = random(&mut r, 8);
    let mut view = TensorMut::new(&mut flat, [2, 4]).unwrap();
    einsum!(view = "ij,jk->ik", a, b);
    assert_close(view.data(), &want, "TensorMut binding =");

    // `out +=` adds onto non-zero contents.
    let init: [[T; 4]; 2] = random_array2(&mut r);
    let acc = plus(init.as_flattened(), s, &ops);
    let mut out = init;
    einsum!(out += "ij,jk->ik", a, b);
    assert_close(out.as_flattened(), &acc, "[[T; 4]; 2] +=");

    let mut out = init.to_vec();
    einsum!(out += "ij,jk->ik", a, b);
    assert_close(out.as_flattened(), &acc, "Vec<[T; 4]> +=");

    let mut out = Tensor::from_vec(init.as_flattened().to_vec(), [2, 4]).unwrap();
    einsum!(out += "ij,jk->ik", a, b);
    assert_close(out.as_slice(), &acc, "Tensor +=");

    let mut flat = init.as_flattened().to_vec();
    let mut view = TensorMut::new(&mut flat, [2, 4]).unwrap();
    einsum!(view += "ij,jk->ik", a, b);
    assert_close(&flat, &acc, "TensorMut +=");

    // Twice `+=` is twice the product.
    let mut out = init;
    einsum!(out += "ij,jk->ik", a, b);
    einsum!(out += "ij,jk->ik", a, b);
    let twice = plus(&acc, s, &ops);
    assert_close(out.as_flattened(), &twice, "+= twice");

    // Into a field and through a mutable reference.
    struct Holder<T> {
        c: [[T; 4]; 2],
    }
    let mut h = Holder { c: init };
    einsum!(h.c = "ij,jk->ik", a, b);
    assert_close(h.c.as_flattened(), &want, "field =");
    let mut out = init;
    let out_ref = &mut out;
    einsum!(out_ref += "ij,jk->ik", a, b);
    assert_close(out.as_flattened(), &acc, "&mut [[T; 4]; 2] +=");

    // The output of a different index order.
    let mut out: [[T; 2]; 4] = random_array2(&mut r);
    einsum!(out = "ij,jk->ki", a, b);
    let (want_t, _) = reference_einsum("ij,jk->ki", &ops);
    assert_close(out.as_flattened(), &want_t, "ki =");
}

fn batched_matmul<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[[T; 3]; 2]; 4] = random_array3(&mut r);
    let b: Vec<[[T; 5]; 3]> = random_array3::<T, 4, 3, 5>(&mut r).to_vec();
    let (fa, fb) = (flat3(&a), flat3(&b));
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[4, 2, 3]), (&fb, &[4, 3, 5])];
    let t = einsum!("bij,bjk->bik", a, b);
    assert_eq!(t.shape(), [4, 2, 5]);
    check("bij,bjk->bik", &ops, &t);
    // Spot-check one element by hand.
    let hand = a[3][1][0] * b[3][0][4] + a[3][1][1] * b[3][1][4] + a[3][1][2] * b[3][2][4];
    assert!(close(t[[3, 1, 4]], hand));
    // Through runtime views, and with the batch index last in the output.
    let ta = TensorRef::new(&fa, [4, 2, 3]).unwrap();
    let tb = TensorRef::new(&fb, [4, 3, 5]).unwrap();
    check("bij,bjk->bik", &ops, &einsum!("bij,bjk->bik", ta, tb));
    check("bij,bjk->ikb", &ops, &einsum!("bij,bjk->ikb", ta, b));
    // Sum over the batch too.
    check("bij,bjk->ik", &ops, &einsum!("bij,bjk->ik", a, tb));
}

fn bilinear_form<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let x: [T; 3] = random_array1(&mut r);
    let m: [[T; 4]; 3] = random_array2(&mut r);
    let y: Vec<T> = random(&mut r, 4);
    let fm = flat2(&m);
    let ops: [(&[T], &[usize]); 3] = [(&x, &[3]), (&fm, &[3, 4]), (&y, &[4])];
    let v: T = einsum!("i,ij,j->", x, m, y);
    check("i,ij,j->", &ops, &v);
    let mut hand: Option<T> = None;
    for i in 0..3 {
        for j in 0..4 {
            let term = x[i] * m[i][j] * y[j];
            hand = Some(hand.map_or(term, |h| h + term));
        }
    }
    assert!(close(v, hand.unwrap()), "{v:?} vs {hand:?}");
    // Implicit mode gives the same scalar; slices as vector operands.
    let w: T = einsum!("i,ij,j", &x[..], m, &y[..]);
    assert!(close(w, v));
}

fn trace_and_diagonal<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 4]; 4] = random_array2(&mut r);
    let fa = flat2(&a);
    let ops: [(&[T], &[usize]); 1] = [(&fa, &[4, 4])];
    let t: T = einsum!("ii", a);
    check("ii", &ops, &t);
    assert!(close(t, a[0][0] + a[1][1] + a[2][2] + a[3][3]));
    let t2: T = einsum!("ii->", a);
    assert_eq!(t, t2);
    let d = einsum!("ii->i", a);
    assert_eq!(d.as_slice(), &[a[0][0], a[1][1], a[2][2], a[3][3]]);
    // Trace of a product: tr(AB) = sum_ij A_ij B_ji.
    let b: [[T; 4]; 4] = random_array2(&mut r);
    let fb = flat2(&b);
    let p: T = einsum!("ij,ji->", a, b);
    check("ij,ji->", &[(&fa, &[4, 4]), (&fb, &[4, 4])], &p);
    // Runtime-extent views.
    let shape = [4usize, 4];
    let da = DynTensorRef::new(&fa, &shape).unwrap();
    let t3: T = einsum!("ii", da);
    assert_eq!(t3, t);
    let ta = TensorRef::new(&fa, [4, 4]).unwrap();
    assert_eq!(einsum!("ii->i", ta).as_slice(), d.as_slice());
    // Diagonal into a buffer, and accumulated.
    let mut out: [T; 4] = random_array1(&mut r);
    let init = out;
    einsum!(out += "ii->i", a);
    for i in 0..4 {
        assert_eq!(out[i], init[i] + a[i][i]);
    }
}

fn diagonal_of_rank_three<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let x: [[[T; 2]; 3]; 3] = random_array3(&mut r);
    let fx = flat3(&x);
    let ops: [(&[T], &[usize]); 1] = [(&fx, &[3, 3, 2])];
    let t = einsum!("iij->ij", x);
    assert_eq!(t.shape(), [3, 2]);
    check("iij->ij", &ops, &t);
    assert_eq!(t[[2, 1]], x[2][2][1]);
    check("iij->ji", &ops, &einsum!("iij->ji", x));
    check("iij->j", &ops, &einsum!("iij->j", x));
    check("iij", &ops, &einsum!("iij", x));
    // Non-adjacent repeated index.
    let y: [[[T; 3]; 2]; 3] = random_array3(&mut r);
    let fy = flat3(&y);
    check("iji->j", &[(&fy, &[3, 2, 3])], &einsum!("iji->j", y));
    check("iji->ij", &[(&fy, &[3, 2, 3])], &einsum!("iji->ij", y));
    // All three equal.
    let z: [[[T; 3]; 3]; 3] = random_array3(&mut r);
    let fz = flat3(&z);
    check("iii->i", &[(&fz, &[3, 3, 3])], &einsum!("iii->i", z));
    check("iii", &[(&fz, &[3, 3, 3])], &einsum!("iii", z));
    // A diagonal in one operand, contracted with another.
    let v: [T; 2] = random_array1(&mut r);
    check(
        "iij,j->i",
        &[(&fx, &[3, 3, 2]), (&v, &[2])],
        &einsum!("iij,j->i", x, v),
    );
}

fn outer_product<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let x: [T; 3] = random_array1(&mut r);
    let y: Vec<T> = random(&mut r, 4);
    let t = einsum!("i,j->ij", x, y);
    assert_eq!(t.shape(), [3, 4]);
    for i in 0..3 {
        for j in 0..4 {
            assert_eq!(t[[i, j]], x[i] * y[j]);
        }
    }
    check(
        "i,j->ji",
        &[(&x, &[3]), (&y, &[4])],
        &einsum!("i,j->ji", x, y),
    );
    check("i,j", &[(&x, &[3]), (&y, &[4])], &einsum!("i,j", x, y));
    // Three-way outer product.
    let z: [T; 2] = random_array1(&mut r);
    check(
        "i,j,k->kji",
        &[(&x, &[3]), (&y, &[4]), (&z, &[2])],
        &einsum!("i,j,k->kji", x, y, z),
    );
}

fn contraction_ijk_jkl<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[[T; 4]; 3]; 2] = random_array3(&mut r);
    let b: [[[T; 5]; 4]; 3] = random_array3(&mut r);
    let (fa, fb) = (flat3(&a), flat3(&b));
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[2, 3, 4]), (&fb, &[3, 4, 5])];
    let t = einsum!("ijk,jkl->il", a, b);
    assert_eq!(t.shape(), [2, 5]);
    check("ijk,jkl->il", &ops, &t);
    check("ijk,jkl->li", &ops, &einsum!("ijk,jkl->li", a, b));
    check("ijk,jkl->ijl", &ops, &einsum!("ijk,jkl->ijl", a, b));
    check("ijk,jkl->kl", &ops, &einsum!("ijk,jkl->kl", a, b));
    check("ijk,jkl", &ops, &einsum!("ijk,jkl", a, b));
    // The same with a rank-3 runtime view.
    let tb = TensorRef::new(&fb, [3, 4, 5]).unwrap();
    check("ijk,jkl->il", &ops, &einsum!("ijk,jkl->il", a, tb));
}

fn permutations<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let x: [[[T; 4]; 3]; 2] = random_array3(&mut r);
    let fx = flat3(&x);
    let ops: [(&[T], &[usize]); 1] = [(&fx, &[2, 3, 4])];
    let t = einsum!("ijk->kij", x);
    assert_eq!(t.shape(), [4, 2, 3]);
    assert_eq!(t[[3, 1, 2]], x[1][2][3]);
    check("ijk->kij", &ops, &t);
    check("ijk->ijk", &ops, &einsum!("ijk->ijk", x));
    check("ijk->ikj", &ops, &einsum!("ijk->ikj", x));
    check("ijk->jik", &ops, &einsum!("ijk->jik", x));
    check("ijk->jki", &ops, &einsum!("ijk->jki", x));
    check("ijk->kji", &ops, &einsum!("ijk->kji", x));
    check("kji", &ops, &einsum!("kji", x));
    check("jki", &ops, &einsum!("jki", x));
    // Partial sums with permutation.
    check("ijk->ki", &ops, &einsum!("ijk->ki", x));
    check("ijk->j", &ops, &einsum!("ijk->j", x));
    // Into a buffer of the permuted shape.
    let mut out: [[[T; 3]; 2]; 4] = random_array3(&mut r);
    einsum!(out = "ijk->kij", x);
    assert_eq!(&flat3(&out), t.as_slice());
}

fn three_and_four_operands<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 3]; 2] = random_array2(&mut r);
    let b: Vec<[T; 4]> = random_array2::<T, 3, 4>(&mut r).to_vec();
    let fc: Vec<T> = random(&mut r, 4 * 5);
    let c = TensorRef::new(&fc, [4, 5]).unwrap();
    let d: [[T; 2]; 5] = random_array2(&mut r);
    let (fa, fb, fd) = (flat2(&a), flat2(&b), flat2(&d));
    let ops3: [(&[T], &[usize]); 3] = [(&fa, &[2, 3]), (&fb, &[3, 4]), (&fc, &[4, 5])];
    check("ij,jk,kl->il", &ops3, &einsum!("ij,jk,kl->il", a, b, c));
    check("ij,jk,kl->li", &ops3, &einsum!("ij,jk,kl->li", a, b, c));
    check("ij,jk,kl", &ops3, &einsum!("ij,jk,kl", a, b, c));
    check("ij,jk,kl->ijkl", &ops3, &einsum!("ij,jk,kl->ijkl", a, b, c));
    check("ij,jk,kl->", &ops3, &einsum!("ij,jk,kl->", a, b, c));
    let ops4: [(&[T], &[usize]); 4] = [
        (&fa, &[2, 3]),
        (&fb, &[3, 4]),
        (&fc, &[4, 5]),
        (&fd, &[5, 2]),
    ];
    let e = einsum!("ab,bc,cd,de->ae", a, b, c, d);
    assert_eq!(e.shape(), [2, 2]);
    check("ab,bc,cd,de->ae", &ops4, &e);
    // A closed chain: the trace of the product.
    let tr: T = einsum!("ab,bc,cd,da->", a, b, c, d);
    check("ab,bc,cd,da->", &ops4, &tr);
    let tr2: T = einsum!("aa", e);
    assert!(close(tr, tr2), "{tr:?} vs {tr2:?}");
    assert!(close(tr2, e[[0, 0]] + e[[1, 1]]));
    // Into a buffer, accumulating.
    let mut out: [[T; 2]; 2] = random_array2(&mut r);
    let acc = plus(out.as_flattened(), "ab,bc,cd,de->ae", &ops4);
    einsum!(out += "ab,bc,cd,de->ae", a, b, c, d);
    assert_close(out.as_flattened(), &acc, "4 operands +=");
}

fn elementwise_and_reductions<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 3]; 2] = random_array2(&mut r);
    let b: [[T; 3]; 2] = random_array2(&mut r);
    let (fa, fb) = (flat2(&a), flat2(&b));
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[2, 3]), (&fb, &[2, 3])];
    check("ij,ij->ij", &ops, &einsum!("ij,ij->ij", a, b));
    check("ij,ij->", &ops, &einsum!("ij,ij->", a, b));
    check("ij,ij", &ops, &einsum!("ij,ij", a, b));
    check("ij,ij->ji", &ops, &einsum!("ij,ij->ji", a, b));
    check("ij,ij->i", &ops, &einsum!("ij,ij->i", a, b));
    let one: [(&[T], &[usize]); 1] = [(&fa, &[2, 3])];
    check("ij->", &one, &einsum!("ij->", a));
    check("ij->j", &one, &einsum!("ij->j", a));
    // An index summed inside one operand only, next to an outer index.
    let v: [T; 4] = random_array1(&mut r);
    check(
        "ij,k->ik",
        &[(&fa, &[2, 3]), (&v, &[4])],
        &einsum!("ij,k->ik", a, v),
    );
    check(
        "ij,k->",
        &[(&fa, &[2, 3]), (&v, &[4])],
        &einsum!("ij,k->", a, v),
    );
    // The same operand three times; an index shared by all three.
    let x: [T; 5] = random_array1(&mut r);
    check(
        "i,i,i->i",
        &[(&x, &[5]), (&x, &[5]), (&x, &[5])],
        &einsum!("i,i,i->i", x, x, x),
    );
    check(
        "i,i,i->",
        &[(&x, &[5]), (&x, &[5]), (&x, &[5])],
        &einsum!("i,i,i->", x, x, x),
    );
    let abc = [(&fa[..], &[2usize, 3][..]); 3];
    check("ij,ij,ij->ij", &abc, &einsum!("ij,ij,ij->ij", a, a, a));
}

// `&mut buf[..]` as the buffer trips clippy::needless_borrow inside the expansion
// (reported to the lead); the form itself is what users write.
#[allow(clippy::needless_borrow)]
fn rank_one_outputs<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: Vec<[T; 3]> = random_array2::<T, 5, 3>(&mut r).to_vec();
    let x: [T; 3] = random_array1(&mut r);
    let fa = flat2(&a);
    let s = "ij,j->i";
    let ops: [(&[T], &[usize]); 2] = [(&fa, &[5, 3]), (&x, &[3])];
    let (want, _) = reference_einsum(s, &ops);
    let init: [T; 5] = random_array1(&mut r);
    let acc = plus(&init, s, &ops);

    let mut out = init;
    einsum!(out = "ij,j->i", a, x);
    assert_close(&out, &want, "[T; 5] =");
    let mut out = init;
    einsum!(out += "ij,j->i", a, x);
    assert_close(&out, &acc, "[T; 5] +=");

    let mut out = init.to_vec();
    einsum!(out = "ij,j->i", a, x);
    assert_close(&out, &want, "Vec<T> =");
    let mut out = init.to_vec();
    einsum!(out += "ij,j->i", a, x);
    assert_close(&out, &acc, "Vec<T> +=");

    let mut buf = init.to_vec();
    let out: &mut [T] = &mut buf;
    einsum!(out = "ij,j->i", a, x);
    assert_close(out, &want, "&mut [T] =");
    let mut buf = init.to_vec();
    einsum!(&mut buf[..] += "ij,j->i", a, x);
    assert_close(&buf, &acc, "&mut buf[..] +=");
    // A window of a larger buffer.
    let mut big: Vec<T> = random(&mut r, 9);
    let before = big.clone();
    einsum!(big[2..7] = "ij,j->i", a, x);
    assert_close(&big[2..7], &want, "big[2..7] =");
    assert_eq!(&big[..2], &before[..2]);
    assert_eq!(&big[7..], &before[7..]);

    let mut out = Tensor::from_vec(init.to_vec(), [5]).unwrap();
    einsum!(out += "ij,j->i", a, x);
    assert_close(out.as_slice(), &acc, "Tensor<T, 1> +=");

    let mut buf = init;
    let mut view = TensorMut::new(&mut buf, [5]).unwrap();
    einsum!(view = "ij,j->i", a, x);
    assert_close(&buf, &want, "TensorMut<T, 1> =");
}

fn rank_three_operand_types<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let x: [[[T; 2]; 3]; 4] = random_array3(&mut r);
    let fx = flat3(&x);
    let ops: [(&[T], &[usize]); 1] = [(&fx, &[4, 3, 2])];
    let s = "ijk->kji";
    let want = einsum!("ijk->kji", x);
    check(s, &ops, &want);
    let sx: &[[[T; 2]; 3]] = &x;
    assert_eq!(einsum!("ijk->kji", sx), want);
    let vx = x.to_vec();
    assert_eq!(einsum!("ijk->kji", vx), want);
    assert_eq!(einsum!("ijk->kji", &vx), want);
    let sh = [4usize, 3, 2];
    assert_eq!(
        einsum!("ijk->kji", DynTensorRef::new(&fx, &sh).unwrap()),
        want
    );
    assert_eq!(
        einsum!("ijk->kji", Tensor::from_vec(fx.clone(), [4, 3, 2]).unwrap()),
        want
    );
    // Rank-3 output buffers.
    let mut out = vec![[[want[[0, 0, 0]]; 4]; 3]; 2];
    einsum!(out = "ijk->kji", vx);
    assert_eq!(&flat3(&out), want.as_slice());
    let mut out = [[[want[[0, 0, 0]]; 4]; 3]; 2];
    einsum!(out += "ijk->kji", sx);
    let acc: Vec<T> = want
        .as_slice()
        .iter()
        .map(|&w| w + want[[0, 0, 0]])
        .collect();
    assert_close(&flat3(&out), &acc, "[[[T; 4]; 3]; 2] +=");
}

fn zero_extents<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    // No rows at all.
    let x: Vec<[T; 3]> = Vec::new();
    let w: Vec<T> = Vec::new();
    let inv: [[T; 3]; 3] = random_array2(&mut r);
    let m = einsum!("ni,ij,nj->n", x, inv, x);
    assert_eq!(m.shape(), [0]);
    assert!(m.as_slice().is_empty());
    let s = einsum!("ni,nj->ij", x, x);
    assert_eq!(s.shape(), [3, 3]);
    let (zeros, _) = reference_einsum::<T>("ni,nj->ij", &[(&[], &[0, 3]), (&[], &[0, 3])]);
    assert_eq!(s.as_slice(), &zeros[..]);
    let ws = einsum!("n,ni,nj->ij", w, x, x);
    assert_eq!(ws.as_slice(), &zeros[..]);
    // `out =` with nothing to sum must still overwrite with zeros.
    let mut out: [[T; 3]; 3] = random_array2(&mut r);
    einsum!(out = "ni,nj->ij", x, x);
    assert_eq!(
        out.as_flattened(),
        &zeros[..],
        "`out =` over an empty sum must zero the buffer"
    );
    // `out +=` with nothing to sum leaves the buffer as it was.
    let init: [[T; 3]; 3] = random_array2(&mut r);
    let mut out = init;
    einsum!(out += "ni,nj->ij", x, x);
    assert_eq!(out, init);
    // A contracted index of extent 0 between non-empty ones.
    let fa: Vec<T> = Vec::new();
    let a = TensorRef::new(&fa, [2, 0]).unwrap();
    let b = TensorRef::new(&fa, [0, 3]).unwrap();
    let p = einsum!("ij,jk->ik", a, b);
    assert_eq!(p.shape(), [2, 3]);
    check("ij,jk->ik", &[(&fa, &[2, 0]), (&fa, &[0, 3])], &p);
    // Scalars over empty vectors, and the trace of a 0x0 matrix.
    let e: [T; 0] = [];
    let dot: T = einsum!("i,i->", e, e);
    check("i,i->", &[(&e, &[0]), (&e, &[0])], &dot);
    let sh = [0usize, 0];
    let tr: T = einsum!("ii", DynTensorRef::new(&fa, &sh).unwrap());
    check("ii", &[(&fa, &[0, 0])], &tr);
    // Outer product with an empty factor, into an empty buffer.
    let y: [T; 3] = random_array1(&mut r);
    let o = einsum!("i,j->ij", e, y);
    assert_eq!(o.shape(), [0, 3]);
    let mut out: [[T; 3]; 0] = [];
    einsum!(out = "i,j->ij", e, y);
    let mut out: Vec<T> = Vec::new();
    einsum!(out += "i,j->i", e, y);
}

fn unit_extents<T: TestScalar>(seed: u64) {
    let mut r = rng(seed);
    let a: [[T; 1]; 1] = random_array2(&mut r);
    let t = einsum!("ij,jk->ik", a, a);
    assert_eq!(t.shape(), [1, 1]);
    assert_eq!(t[[0, 0]], a[0][0] * a[0][0]);
    let tr: T = einsum!("ii", a);
    assert_eq!(tr, a[0][0]);
    // A contracted index of extent 1 is an outer product.
    let x: [[T; 1]; 3] = random_array2(&mut r);
    let y: [[T; 4]; 1] = random_array2(&mut r);
    let (fx, fy) = (flat2(&x), flat2(&y));
    check(
        "ij,jk->ik",
        &[(&fx, &[3, 1]), (&fy, &[1, 4])],
        &einsum!("ij,jk->ik", x, y),
    );
    // Size-1 axes through runtime views and in the output.
    let f: Vec<T> = random(&mut r, 6);
    let v = TensorRef::new(&f, [1, 6, 1]).unwrap();
    let ops: [(&[T], &[usize]); 1] = [(&f, &[1, 6, 1])];
    check("ijk->kji", &ops, &einsum!("ijk->kji", v));
    check("ijk->j", &ops, &einsum!("ijk->j", v));
    check("iji->j", &ops, &einsum!("iji->j", v));
    let one: [T; 1] = random_array1(&mut r);
    check(
        "i,i->i",
        &[(&one, &[1]), (&one, &[1])],
        &einsum!("i,i->i", one, one),
    );
    // A batch of one.
    let b: Vec<[[T; 2]; 2]> = random_array3::<T, 1, 2, 2>(&mut r).to_vec();
    let fb = flat3(&b);
    check(
        "bij,bjk->bik",
        &[(&fb, &[1, 2, 2]), (&fb, &[1, 2, 2])],
        &einsum!("bij,bjk->bik", b, b),
    );
}

fn generic_scalar_output_forms<T: TestScalar>(seed: u64) {
    // A scalar output written into a plain scalar buffer.
    let mut r = rng(seed);
    let x: [T; 4] = random_array1(&mut r);
    let y: [T; 4] = random_array1(&mut r);
    let dot: T = einsum!("i,i->", x, y);
    check("i,i->", &[(&x, &[4]), (&y, &[4])], &dot);
    let init: T = T::random(&mut r);
    let mut out = init;
    einsum!(out = "i,i->", x, y);
    assert_eq!(out, dot);
    let mut out = init;
    einsum!(out += "i,i->", x, y);
    assert!(close(out, init + dot));
    let mut out = init;
    einsum!(out += "i,i", x, y);
    assert!(close(out, init + dot));
    // A trace into a field of a struct.
    struct Acc<T> {
        total: T,
    }
    let m: [[T; 3]; 3] = random_array2(&mut r);
    let mut acc = Acc { total: init };
    einsum!(acc.total += "ii", m);
    assert!(close(acc.total, init + m[0][0] + m[1][1] + m[2][2]));
    // Over an empty sum, `=` writes zero and `+=` leaves the value.
    let e: [T; 0] = [];
    let mut out = init;
    einsum!(out += "i,i->", e, e);
    assert_eq!(out, init);
    einsum!(out = "i,i->", e, e);
    let zero: T = einsum!("i->", e);
    assert_eq!(out, zero);
}

/// Every integer element type compiles and computes exactly.
#[test]
fn integer_element_types() {
    let a8: [[u8; 2]; 2] = [[1, 2], [3, 4]];
    assert_eq!(einsum!("ij,jk->ik", a8, a8).as_slice(), &[7u8, 10, 15, 22]);
    let ai16: [[i16; 2]; 2] = [[1, -2], [3, 4]];
    assert_eq!(
        einsum!("ij,jk->ik", ai16, ai16).as_slice(),
        &[-5i16, -10, 15, 10]
    );
    let v32: Vec<i32> = vec![1, -2, 3];
    let d: i32 = einsum!("i,i", v32, v32);
    assert_eq!(d, 14);
    let u: [u64; 3] = [1, 2, 3];
    assert_eq!(einsum!("i,j->ij", u, u)[[2, 1]], 6u64);
    let us: [usize; 3] = [4, 5, 6];
    let t: usize = einsum!("i->", us);
    assert_eq!(t, 15);
    let i128s: [i128; 2] = [1i128 << 70, 3];
    let s: i128 = einsum!("i,i->", i128s, [1i128, 1]);
    assert_eq!(s, (1i128 << 70) + 3);
    let is: [isize; 2] = [-1, 2];
    assert_eq!(einsum!("i,i->i", is, is).as_slice(), &[1isize, 4]);
    let u16s: [u16; 2] = [200, 2];
    let s: u16 = einsum!("i,i", u16s, u16s);
    assert_eq!(s, 200 * 200 + 4);
    let u32s: Vec<u32> = vec![7, 8];
    assert_eq!(einsum!("i->i", u32s).as_slice(), &[7u32, 8]);
    let i8s: [i8; 2] = [-3, 4];
    let s: i8 = einsum!("i,i", i8s, i8s);
    assert_eq!(s, 25);
    let u128s = [2u128, 3];
    assert_eq!(einsum!("i,i->", u128s, u128s), 13u128);
}

/// The matmul of f64 operands against an f64 hand computation, with a non-square middle.
#[test]
fn f64_wide_matmul_against_hand_loop() {
    let mut r = rng(42);
    let fa: Vec<f64> = random(&mut r, 3 * 7);
    let fb: Vec<f64> = random(&mut r, 7 * 2);
    let a = TensorRef::new(&fa, [3, 7]).unwrap();
    let b = TensorRef::new(&fb, [7, 2]).unwrap();
    let c = einsum!("ij,jk->ik", a, b);
    for i in 0..3 {
        for k in 0..2 {
            let hand: f64 = (0..7).map(|j| fa[i * 7 + j] * fb[j * 2 + k]).sum();
            assert!((c[[i, k]] - hand).abs() <= 1e-12 * hand.abs().max(1.0));
        }
    }
}

/// Every operand expression and the buffer expression run exactly once, operands in order.
#[test]
fn expressions_are_evaluated_once_in_order() {
    use std::cell::{Cell, RefCell};
    let calls = RefCell::new(Vec::new());
    let operand = |tag: i64| {
        calls.borrow_mut().push(tag);
        [tag, 1]
    };
    let d: i64 = einsum!("i,i", operand(2), operand(3));
    assert_eq!(d, 2 * 3 + 1);
    assert_eq!(*calls.borrow(), [2, 3]);
    let a = [[1i64, 2], [3, 4]];
    let mut rows = vec![[0i64; 2]; 3];
    let k = Cell::new(0);
    einsum!(
        rows[{
            k.set(k.get() + 1);
            1..3
        }] += "ij->ji",
        a
    );
    assert_eq!(k.get(), 1);
    assert_eq!(rows, [[0, 0], [1, 3], [2, 4]]);
}

/// Larger extents known from array types (loops the compiler may unroll), against the reference.
#[test]
fn larger_static_extents() {
    let mut r = rng(11);
    let a: [[f64; 16]; 12] = random_array2(&mut r);
    let b: [[f64; 9]; 16] = random_array2(&mut r);
    let x: [f64; 9] = random_array1(&mut r);
    let (fa, fb) = (flat2(&a), flat2(&b));
    let ops: [(&[f64], &[usize]); 3] = [(&fa, &[12, 16]), (&fb, &[16, 9]), (&x, &[9])];
    check("ij,jk,k->i", &ops, &einsum!("ij,jk,k->i", a, b, x));
    check("ij,jk->ki", &ops[..2], &einsum!("ij,jk->ki", a, b));
    let sq: [[i64; 17]; 17] = random_array2(&mut r);
    let fsq = flat2(&sq);
    let t: i64 = einsum!("ij,ji", sq, sq);
    check("ij,ji", &[(&fsq, &[17, 17]), (&fsq, &[17, 17])], &t);
}

/// `ij,jk,kl->il` at run-time shapes that favour either contraction order: the generated code
/// picks (AB)C or A(BC) from the extents, and both must give the reference's values.
#[test]
fn chain_runs_the_cheaper_order_for_its_shapes() {
    let mut rng = common::rng(77);
    for [i, j, k, l] in [[6, 40, 5, 40], [40, 5, 40, 6], [7, 7, 7, 7]] {
        let a: Vec<f64> = random(&mut rng, i * j);
        let b: Vec<f64> = random(&mut rng, j * k);
        let c: Vec<f64> = random(&mut rng, k * l);
        let (ta, tb, tc) = (
            TensorRef::new(&a, [i, j]).unwrap(),
            TensorRef::new(&b, [j, k]).unwrap(),
            TensorRef::new(&c, [k, l]).unwrap(),
        );
        let got = einsum!("ij,jk,kl->il", ta, tb, tc);
        assert_matches_reference(
            "ij,jk,kl->il",
            &[(&a, &[i, j]), (&b, &[j, k]), (&c, &[k, l])],
            got.as_slice(),
            &got.shape(),
        );
    }
}

/// numpy's einsum starts every sum at `+0.0`, so a sum of zeros is `+0.0` whatever their signs.
/// The generated code starts inner sums at `-0.0` (to spare an addition) and must still give
/// `+0.0`, bit for bit, in the result.
#[test]
fn sums_of_negative_zeros_are_positive_zero_as_in_numpy() {
    let positive_zero = 0.0f64.to_bits();
    let a = [[-0.0f64, -0.0]];
    let v = [1.0f64, 1.0];
    let matvec = einsum!("ij,j->i", a, v);
    assert_eq!(matvec.as_slice()[0].to_bits(), positive_zero);
    // Two summed indices: the sum over `k` sits inside the sum over `j`.
    let cube = [[[-0.0f64, -0.0], [-0.0, -0.0]]];
    let nested = einsum!("ijk,k->i", cube, v);
    assert_eq!(nested.as_slice()[0].to_bits(), positive_zero);
    let scalar: f64 = einsum!("ij,j->", a, v);
    assert_eq!(scalar.to_bits(), positive_zero);
    // Terms of both signs of zero, and a sum that cancels exactly.
    let mixed = einsum!("ij,j->i", [[-1.0f64, 1.0], [2.5, -2.5]], [0.0f64, 0.0]);
    assert!(
        mixed
            .as_slice()
            .iter()
            .all(|x| x.to_bits() == positive_zero)
    );
    let cancel = einsum!("ijk,k->i", [[[1.0f64, -1.0], [-0.0, 0.0]]], v);
    assert_eq!(cancel.as_slice()[0].to_bits(), positive_zero);
    // Where a sum is not zero, the start changes nothing.
    let x = [[1.0f64, -2.0], [-0.0, 3.5]];
    let y = einsum!("ij,j->i", x, [0.5f64, -0.25]);
    assert_eq!(y.as_slice(), &[1.0, -0.875]);
}
