//! Shapes whose element count does not fit in `usize`. The generated code reads and writes
//! without bounds checks because a view's data length is the product of its shape; a product
//! that wrapped would make that a lie, so every constructor, every buffer the macro allocates
//! and the broadcast of `...` axes refuse such a shape with `ShapeError::TooManyElements`.
//! These tests run in release (`cargo test --release`) and under Miri (`.ci/miri`) too, where
//! a wrapped length would show as an out-of-bounds access instead of a wrong answer.

use einsum::{
    DynTensor, DynTensorRef, OversizedTensor, ShapeError, Tensor, TensorMut, TensorRef, einsum,
    try_einsum,
};

const HUGE: usize = 1 << 40;

fn is_too_many(err: &ShapeError, tensor: OversizedTensor) -> bool {
    matches!(err, ShapeError::TooManyElements { tensor: t, .. } if *t == tensor)
}

#[test]
fn views_with_an_overflowing_shape_are_refused() {
    // 2^32 x 2^32 = 2^64 wraps to 0, which an empty slice would have matched
    let wrapped = [1usize << 32, 1 << 32];
    let err = TensorRef::new(&[] as &[f64], wrapped).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View), "{err:?}");
    assert_eq!(
        err.to_string(),
        "a view would have shape [4294967296, 4294967296], more elements than usize can count"
    );
    let err = TensorMut::new(&mut [] as &mut [f64], wrapped).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View));
    let err = DynTensorRef::new(&[] as &[f64], &wrapped).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View));
    let err = Tensor::from_vec(Vec::<f64>::new(), wrapped).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View));
    let err = DynTensor::from_vec(Vec::<f64>::new(), &wrapped).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View));
    // a product that wraps to a non-zero length is caught the same way
    let err = TensorRef::new(&[0.0; 2], [(1usize << 63) + 1, 2]).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View));
}

#[test]
fn an_empty_shape_is_checked_as_its_strides_are() {
    // no elements and every stride fits (`[0, 0, 1]`): a legal empty view
    let view = TensorRef::new(&[] as &[f64], [HUGE, HUGE, 0]).unwrap();
    assert_eq!(view.shape(), [HUGE, HUGE, 0]);
    // no elements either, but its first stride would be 2^80
    let err = TensorRef::new(&[] as &[f64], [0, HUGE, HUGE]).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::View));
}

#[test]
#[should_panic(expected = "Tensor::zeros: shape [4294967296, 4294967296] has more elements")]
fn zeros_of_an_overflowing_shape_panics() {
    let _ = Tensor::<f64, 2>::zeros([1 << 32, 1 << 32]);
}

#[test]
fn an_owned_result_that_would_overflow_is_an_error() {
    // a legal empty view whose outer product over `i` and `k` has 2^80 elements
    let a = TensorRef::new(&[] as &[f64], [HUGE, 0]).unwrap();
    let err = try_einsum!("ij,kj->ik", a, a).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::Result), "{err:?}");
    assert_eq!(
        err,
        ShapeError::TooManyElements {
            subscripts: Some("ij,kj->ik"),
            tensor: OversizedTensor::Result,
            extents: vec![HUGE, HUGE].into(),
        }
    );
    // an empty result is fine (a smaller `i`: its loop still runs, with nothing inside)
    let a = TensorRef::new(&[] as &[f64], [1 << 16, 0]).unwrap();
    let b = TensorRef::new(&[] as &[f64], [0, 0]).unwrap();
    let empty = try_einsum!("ij,kj->ik", a, b).unwrap();
    assert_eq!(empty.shape(), [1 << 16, 0]);
}

#[test]
#[should_panic(expected = "einsum \"ij,kj->ik\": the result would have shape")]
fn einsum_panics_on_an_overflowing_result() {
    let a = TensorRef::new(&[] as &[i32], [HUGE, 0]).unwrap();
    let _ = einsum!("ij,kj->ik", a, a);
}

#[test]
fn an_intermediate_that_would_overflow_is_never_made_for_an_empty_sum() {
    // `ai,bi,bc->ac` has two orders (`explain!`): through `partial[ab]` or `partial[ic]`. With
    // `i` and `c` empty both cost no multiply-adds, and the first of equals would run through
    // `partial[ab]`: 2^80 elements, an `OversizedTensor::Intermediate` error. But an empty
    // index makes every result element a sum over nothing, so the steps are skipped and the
    // empty result `[2^40, 0]`, which fits, is returned.
    let x = TensorRef::new(&[] as &[f64], [HUGE, 0]).unwrap();
    let out = try_einsum!("ai,bi,bc->ac", x, x, x).unwrap();
    assert_eq!(out.shape(), [HUGE, 0]);
    // the same call on extents that fit
    let small = [[1.0, 2.0], [3.0, 4.0]];
    let out = try_einsum!("ai,bi,bc->ac", small, small, small).unwrap();
    assert_eq!(out.as_slice(), &[38.0, 54.0, 86.0, 122.0]);
}

#[test]
fn broadcast_ellipsis_axes_that_would_overflow_are_an_error() {
    // each operand is a legal empty view; their `...` axes broadcast to 2^40 x 2^40
    let shape_a = [HUGE, 1, 0];
    let shape_b = [1, HUGE, 0];
    let a = DynTensorRef::new(&[] as &[f64], &shape_a).unwrap();
    let b = DynTensorRef::new(&[] as &[f64], &shape_b).unwrap();
    let err = try_einsum!("...i,...i->...", a, b).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::EllipsisAxes), "{err:?}");
    assert_eq!(
        err.to_string(),
        "einsum \"...i,...i->...\": the broadcast `...` axes would have shape \
         [1099511627776, 1099511627776], more elements than usize can count"
    );
}

#[test]
fn an_owned_ellipsis_result_that_would_overflow_is_an_error() {
    // the `...` axes alone fit (2^40, no elements); with the named axis `k` they do not
    let shape_a = [HUGE, 0];
    let a = DynTensorRef::new(&[] as &[f64], &shape_a).unwrap();
    let b = TensorRef::new(&[] as &[f64], [0, HUGE]).unwrap();
    let err = try_einsum!("...j,jk->...k", a, b).unwrap_err();
    assert!(is_too_many(&err, OversizedTensor::Result), "{err:?}");
}
