//! Shared helpers of the einsum test suite: the reference evaluator, seeded random data and
//! tolerant comparisons. Every test binary includes this module and uses a different subset.
#![allow(dead_code)]

#[macro_use]
pub mod numpy_cases;
pub mod reference;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub use reference::{RefScalar, reference_einsum};

/// `0, 1, ..., n - 1` in the element type.
pub fn arange<T: RefScalar>(n: usize) -> Vec<T> {
    (0..n as i64).map(T::from_i64).collect()
}

/// A seeded generator, so that every run sees the same data.
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// Element types that can be drawn at random and compared with their own tolerance.
pub trait TestScalar: RefScalar + einsum::Scalar {
    /// Relative tolerance of a comparison (0 for exact types).
    const TOLERANCE: f64;
    fn random(rng: &mut StdRng) -> Self;
    fn to_f64(self) -> f64;
}

impl TestScalar for f64 {
    const TOLERANCE: f64 = 1e-12;
    fn random(rng: &mut StdRng) -> Self {
        rng.random_range(-2.0..2.0)
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl TestScalar for f32 {
    const TOLERANCE: f64 = 1e-5;
    fn random(rng: &mut StdRng) -> Self {
        rng.random_range(-2.0..2.0)
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl TestScalar for i64 {
    const TOLERANCE: f64 = 0.0;
    fn random(rng: &mut StdRng) -> Self {
        rng.random_range(-9..=9)
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

/// `n` random elements.
pub fn random<T: TestScalar>(rng: &mut StdRng, n: usize) -> Vec<T> {
    (0..n).map(|_| T::random(rng)).collect()
}

/// A random `[[T; M]; N]`.
pub fn random_array2<T: TestScalar, const N: usize, const M: usize>(
    rng: &mut StdRng,
) -> [[T; M]; N] {
    core::array::from_fn(|_| core::array::from_fn(|_| T::random(rng)))
}

/// A random `[T; N]`.
pub fn random_array1<T: TestScalar, const N: usize>(rng: &mut StdRng) -> [T; N] {
    core::array::from_fn(|_| T::random(rng))
}

/// A random `[[[T; K]; M]; N]`.
pub fn random_array3<T: TestScalar, const N: usize, const M: usize, const K: usize>(
    rng: &mut StdRng,
) -> [[[T; K]; M]; N] {
    core::array::from_fn(|_| random_array2(rng))
}

/// Whether `got` equals `want` within the type's tolerance, relative to `max(1, |want|)`.
pub fn close<T: TestScalar>(got: T, want: T) -> bool {
    if T::TOLERANCE == 0.0 {
        return got == want;
    }
    let (g, w) = (got.to_f64(), want.to_f64());
    (g - w).abs() <= T::TOLERANCE * w.abs().max(1.0)
}

/// Asserts that two flat results are elementwise close, naming the first difference.
#[track_caller]
pub fn assert_close<T: TestScalar>(got: &[T], want: &[T], context: &str) {
    assert_eq!(
        got.len(),
        want.len(),
        "{context}: lengths differ: got {got:?}, want {want:?}"
    );
    for (k, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(g, w),
            "{context}: element {k} is {g:?}, want {w:?}\n got  {got:?}\n want {want:?}"
        );
    }
}

/// Asserts that `(got_data, got_shape)` is what the reference evaluator gives for `subscripts`.
#[track_caller]
pub fn assert_matches_reference<T: TestScalar>(
    subscripts: &str,
    operands: &[(&[T], &[usize])],
    got: &[T],
    got_shape: &[usize],
) {
    let (want, want_shape) = reference_einsum(subscripts, operands);
    assert_eq!(got_shape, &want_shape[..], "{subscripts:?}: shapes differ");
    assert_close(got, &want, subscripts);
}

/// Flattens nested arrays row-major (for building reference operands from typed data).
pub fn flat2<T: Copy, const M: usize>(rows: &[[T; M]]) -> Vec<T> {
    rows.as_flattened().to_vec()
}

/// Flattens a rank-3 nested array row-major.
pub fn flat3<T: Copy, const K: usize, const M: usize>(x: &[[[T; K]; M]]) -> Vec<T> {
    x.as_flattened().as_flattened().to_vec()
}

/// An einsum result as flat data and shape: a `Tensor`, a `DynTensor` or a plain scalar.
pub trait Flat<T> {
    fn flat(&self) -> (Vec<T>, Vec<usize>);
}

impl<T: Copy, const R: usize> Flat<T> for einsum::Tensor<T, R> {
    fn flat(&self) -> (Vec<T>, Vec<usize>) {
        (self.as_slice().to_vec(), self.shape().to_vec())
    }
}

impl<T: Copy> Flat<T> for einsum::DynTensor<T> {
    fn flat(&self) -> (Vec<T>, Vec<usize>) {
        (self.as_slice().to_vec(), self.shape().to_vec())
    }
}

impl<T: RefScalar> Flat<T> for T {
    fn flat(&self) -> (Vec<T>, Vec<usize>) {
        (vec![*self], vec![])
    }
}

/// Compares with a tolerance that grows with the summed extent `k`: the GEMM sums in another
/// order (and with fused multiply-adds) than the reference evaluator.
#[track_caller]
pub fn assert_near<T: TestScalar>(got: &[T], want: &[T], k: usize, context: &str) {
    assert_eq!(got.len(), want.len(), "{context}: lengths");
    let tolerance = T::TOLERANCE * (k.max(1) as f64).sqrt();
    for (e, (&g, &w)) in got.iter().zip(want).enumerate() {
        let (g, w) = (g.to_f64(), w.to_f64());
        assert!(
            (g - w).abs() <= tolerance * w.abs().max(4.0),
            "{context}: element {e} is {g}, want {w}"
        );
    }
}
