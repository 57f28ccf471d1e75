//! ndarray arrays and views through the `ndarray` feature: standard layouts in place, any
//! other strides (transposes, steps, negative steps, permuted axes) through a row-major copy,
//! outputs in place, and a clear error for an output that is not row-major. Each result is
//! checked against ndarray's own arithmetic or an element-by-element loop.
//!
//! Runs with the feature only: `cargo test -p einsum --features ndarray --test ndarray` (in
//! `.ci/run`). The feature stays off in `cargo test --workspace`, because the compile-error
//! messages of `tests/ui/` list the operand impls in scope, and ndarray's would change them.
#![cfg(feature = "ndarray")]

use einsum::{Place, ShapeError, einsum, try_einsum};
use ndarray::{Array, Array2, Array3, ArrayD, IxDyn, s};

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
