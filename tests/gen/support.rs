//! What the generated tests (`tests/generated.rs`, `tests/generated_ellipsis.rs`) call: operand
//! builders and the comparison with the reference evaluator, exact in i64 and within a rounding
//! bound in f64.
#![allow(dead_code)] // each generated file uses a different subset

use crate::common::{Flat, TestScalar, reference_einsum};

/// An operand for the reference evaluator: row-major data and its shape.
pub fn op<'a, T>(data: &'a [T], shape: &'a [usize]) -> (&'a [T], &'a [usize]) {
    (data, shape)
}

/// `[T; A]` from row-major data.
pub fn arr1<T: Copy, const A: usize>(data: &[T]) -> [T; A] {
    core::array::from_fn(|i| data[i])
}

/// `[[T; B]; A]` from row-major data.
pub fn arr2<T: Copy, const A: usize, const B: usize>(data: &[T]) -> [[T; B]; A] {
    core::array::from_fn(|i| core::array::from_fn(|j| data[i * B + j]))
}

/// `[[[T; C]; B]; A]` from row-major data.
pub fn arr3<T: Copy, const A: usize, const B: usize, const C: usize>(
    data: &[T],
) -> [[[T; C]; B]; A] {
    core::array::from_fn(|i| arr2::<T, B, C>(&data[i * B * C..]))
}

/// Checks an owned result (a `Tensor`, a `DynTensor` or a scalar) against the reference.
#[track_caller]
pub fn check_owned<T: TestScalar>(
    subscripts: &str,
    operands: &[(&[T], &[usize])],
    got: &impl Flat<T>,
) {
    let (data, shape) = got.flat();
    let (want, want_shape) = reference_einsum(subscripts, operands);
    assert_eq!(shape, want_shape, "{subscripts:?}: shape");
    assert_within_rounding(subscripts, operands, &[], &data, &want);
}

/// Checks a buffer that started as `init` after `out = ...` (`accumulate` false) or
/// `out += ...` (`accumulate` true).
#[track_caller]
pub fn check_into<T: TestScalar>(
    subscripts: &str,
    operands: &[(&[T], &[usize])],
    init: &[T],
    got: &[T],
    accumulate: bool,
) {
    let (mut want, _) = reference_einsum(subscripts, operands);
    let init = if accumulate { init } else { &[] };
    for (w, &i) in want.iter_mut().zip(init) {
        *w = *w + i;
    }
    assert_within_rounding(subscripts, operands, init, got, &want);
}

/// Equal in an exact type; in a float type, within the rounding error any summation order may
/// make: `|got - want| <= 1e-12 * (sum of |products| + |init|)`, which bounds the error of up
/// to ~4000 terms (the generator keeps every case far smaller), yet misses no wrong term.
#[track_caller]
fn assert_within_rounding<T: TestScalar>(
    subscripts: &str,
    operands: &[(&[T], &[usize])],
    init: &[T],
    got: &[T],
    want: &[T],
) {
    assert_eq!(got.len(), want.len(), "{subscripts:?}: length");
    if T::TOLERANCE == 0.0 {
        assert_eq!(got, want, "{subscripts:?}");
        return;
    }
    let magnitudes: Vec<Vec<f64>> = operands
        .iter()
        .map(|(data, _)| data.iter().map(|x| x.to_f64().abs()).collect())
        .collect();
    let absolute: Vec<(&[f64], &[usize])> = magnitudes
        .iter()
        .zip(operands)
        .map(|(data, (_, shape))| (&data[..], *shape))
        .collect();
    let (mut scale, _) = reference_einsum(subscripts, &absolute);
    for (s, i) in scale.iter_mut().zip(init) {
        *s += i.to_f64().abs();
    }
    for (k, ((&g, &w), s)) in got.iter().zip(want).zip(&scale).enumerate() {
        let error = (g.to_f64() - w.to_f64()).abs();
        assert!(
            error <= 1e-12 * s,
            "{subscripts:?}: element {k} is {g:?}, want {w:?} (error {error:e}, scale {s:e})"
        );
    }
}
