//! Run-time shape mismatches: `einsum!` panics with a message naming the subscripts, the
//! operand (position and source text), the axis and both extents; `try_einsum!` returns the
//! same error as a `ShapeError`. Nothing is written into an output when the shapes are wrong.

use einsum::{DynTensorRef, Place, ShapeError, Tensor, TensorMut, TensorRef, einsum, try_einsum};

#[test]
#[should_panic(
    expected = "einsum \"ij,j->i\": axis 'j' of operand 1 `b` has extent 3, but operand 0 `a` gives 'j' extent 2"
)]
fn matrix_vector_mismatch_panics() {
    let a = [[1.0, 2.0], [3.0, 4.0]];
    let b = [1.0, 2.0, 3.0];
    let _ = einsum!("ij,j->i", a, b);
}

#[test]
fn matrix_vector_mismatch_is_an_error() {
    let a = [[1.0, 2.0], [3.0, 4.0]];
    let b = [1.0, 2.0, 3.0];
    let err = try_einsum!("ij,j->i", a, b).unwrap_err();
    assert_eq!(err.axis(), Some('j'));
    assert_eq!(
        err.place(),
        Some(Place::Operand {
            position: 1,
            text: "b"
        })
    );
    assert_eq!(
        err,
        ShapeError::Extent {
            subscripts: "ij,j->i",
            axis: 'j',
            place: Place::Operand {
                position: 1,
                text: "b"
            },
            found: 3,
            expected: 2,
            expected_from: Place::Operand {
                position: 0,
                text: "a"
            },
        }
    );
    let msg = err.to_string();
    assert_eq!(
        msg,
        "einsum \"ij,j->i\": axis 'j' of operand 1 `b` has extent 3, but operand 0 `a` gives 'j' extent 2"
    );
}

#[test]
fn try_einsum_ok_values() {
    let a = [[1, 2], [3, 4]];
    let b = [1, 1];
    let t = try_einsum!("ij,j->i", a, b).unwrap();
    assert_eq!(t.as_slice(), &[3, 7]);
    let s: i32 = try_einsum!("ii", a).unwrap();
    assert_eq!(s, 5);
    let mut out = [0; 2];
    let r: Result<(), ShapeError> = try_einsum!(out = "ij,j->i", a, b);
    r.unwrap();
    assert_eq!(out, [3, 7]);
    try_einsum!(out += "ij,j->i", a, b).unwrap();
    assert_eq!(out, [6, 14]);
}

#[test]
#[should_panic(expected = "axis 'k' of operand 2 `c`")]
fn runtime_extent_mismatch_in_third_operand_panics() {
    let fa = vec![1.0; 6];
    let fc = vec![1.0; 8];
    let a = TensorRef::new(&fa, [2, 3]).unwrap();
    let b = [[1.0; 4]; 3];
    let c = TensorRef::new(&fc, [2, 4]).unwrap(); // 'k' should be 4
    let _ = einsum!("ij,jk,kl->il", a, b, c);
}

#[test]
fn runtime_extent_mismatch_in_third_operand_is_an_error() {
    let fa = vec![1.0; 6];
    let fc = vec![1.0; 8];
    let a = TensorRef::new(&fa, [2, 3]).unwrap();
    let b = [[1.0; 4]; 3];
    let c = TensorRef::new(&fc, [2, 4]).unwrap();
    let err = try_einsum!("ij,jk,kl->il", a, b, c).unwrap_err();
    assert_eq!(err.axis(), Some('k'));
    assert_eq!(
        err.place(),
        Some(Place::Operand {
            position: 2,
            text: "c"
        })
    );
    let msg = err.to_string();
    assert!(msg.contains("\"ij,jk,kl->il\""), "{msg}");
    assert!(msg.contains("has extent 2"), "{msg}");
    assert!(msg.contains("operand 1 `b` gives 'k' extent 4"), "{msg}");
}

#[test]
#[should_panic(
    expected = "axis 'k' of output `out` has extent 3, but operand 1 `b` gives 'k' extent 4"
)]
fn output_of_the_wrong_shape_panics() {
    let a = [[1.0; 3]; 2];
    let b = [[1.0; 4]; 3];
    let mut out = [[0.0; 3]; 2];
    einsum!(out = "ij,jk->ik", a, b);
}

#[test]
fn output_of_the_wrong_shape_is_an_error_and_untouched() {
    let a = [[1.0; 3]; 2];
    let b = [[1.0; 4]; 3];
    let mut out = vec![[7.0; 4]; 3]; // 'i' should be 2
    let err = try_einsum!(out += "ij,jk->ik", a, b).unwrap_err();
    assert_eq!(err.axis(), Some('i'));
    assert_eq!(err.place(), Some(Place::Output { text: "out" }));
    assert!(
        err.to_string().contains("output `out` has extent 3"),
        "{err}"
    );
    assert_eq!(out, vec![[7.0; 4]; 3], "a failed call must not write");
    // A rank-1 buffer of the wrong length.
    let mut v = vec![5.0; 3];
    let err = try_einsum!(v = "ij->i", a).unwrap_err();
    assert_eq!(err.axis(), Some('i'));
    assert_eq!(err.place(), Some(Place::Output { text: "v" }));
    assert_eq!(v, vec![5.0; 3]);
    // A TensorMut of the wrong shape.
    let mut flat = vec![1.0; 6];
    let mut view = TensorMut::new(&mut flat, [3, 2]).unwrap();
    let err = try_einsum!(view = "ij->ij", a).unwrap_err();
    assert!(matches!(err.place(), Some(Place::Output { .. })));
    assert_eq!(err.axis(), Some('i'));
    assert_eq!(flat, vec![1.0; 6]);
    // A Tensor of the wrong shape.
    let mut t = Tensor::<f64, 2>::zeros([2, 2]);
    let err = try_einsum!(t = "ij,jk->ik", a, b).unwrap_err();
    assert_eq!(err.axis(), Some('k'));
}

#[test]
#[should_panic(expected = "operand 0 `d` has rank 3, but its subscripts name 2 axes")]
fn dyn_tensor_of_the_wrong_rank_panics() {
    let flat = [1.0; 8];
    let shape = vec![2, 2, 2];
    let d = DynTensorRef::new(&flat, &shape).unwrap();
    let _ = einsum!("ij,jk->ik", d, [[1.0; 2]; 2]);
}

#[test]
fn dyn_tensor_of_the_wrong_rank_is_an_error() {
    let flat = [1.0; 8];
    let shape = vec![2, 2, 2];
    let d = DynTensorRef::new(&flat, &shape).unwrap();
    let m = [[1.0; 2]; 2];
    let err = try_einsum!("ij,jk->ik", m, d).unwrap_err();
    assert_eq!(err.axis(), None);
    assert_eq!(
        err.place(),
        Some(Place::Operand {
            position: 1,
            text: "d"
        })
    );
    assert_eq!(
        err,
        ShapeError::Rank {
            subscripts: "ij,jk->ik",
            place: Place::Operand {
                position: 1,
                text: "d"
            },
            expected: 2,
            found: 3,
        }
    );
    // Rank 0 for a rank-1 term.
    let empty: Vec<usize> = vec![];
    let s = DynTensorRef::new(&flat[..1], &empty).unwrap();
    let err = try_einsum!("i->", s).unwrap_err();
    assert!(
        err.to_string()
            .contains("has rank 0, but its subscripts name 1 axes"),
        "{err}"
    );
}

#[test]
#[should_panic(
    expected = "axis 'i' of operand 0 `m` has extent 3, but operand 0 `m` gives 'i' extent 2"
)]
fn repeated_index_with_unequal_extents_panics() {
    let m = [[1, 2, 3], [4, 5, 6]];
    let _: i32 = einsum!("ii", m);
}

#[test]
fn repeated_index_with_unequal_extents_is_an_error() {
    let m = [[1, 2, 3], [4, 5, 6]];
    let err = try_einsum!("ii->i", m).unwrap_err();
    assert_eq!(err.axis(), Some('i'));
    assert_eq!(
        err.place(),
        Some(Place::Operand {
            position: 0,
            text: "m"
        })
    );
    // Through a runtime view, in a rank-3 term.
    let flat = [0i64; 18];
    let t = TensorRef::new(&flat, [2, 3, 3]).unwrap();
    let err = try_einsum!("iji->j", t).unwrap_err();
    assert_eq!(err.axis(), Some('i'));
    assert_eq!(
        err.place(),
        Some(Place::Operand {
            position: 0,
            text: "t"
        })
    );
    let flat = [0i64; 12];
    let t = TensorRef::new(&flat, [3, 2, 2]).unwrap();
    let err = try_einsum!("iij", t).unwrap_err();
    assert_eq!(err.axis(), Some('i'));
}

#[test]
fn same_letter_across_three_operands() {
    // 'i' agrees between the first two and disagrees in the third.
    let x = [1.0; 3];
    let y = vec![1.0; 3];
    let z = [1.0; 4];
    let err = try_einsum!("i,i,i->", x, y, z).unwrap_err();
    assert_eq!(
        err.place(),
        Some(Place::Operand {
            position: 2,
            text: "z"
        })
    );
    assert!(err.to_string().contains("has extent 4"), "{err}");
    assert!(err.to_string().contains("extent 3"), "{err}");
}

/// The source text a `Place` carries, without whitespace (token spacing is not specified).
fn compact(place: Option<Place>) -> String {
    let text = match place {
        Some(Place::Operand { text, .. } | Place::Output { text }) => text,
        None => panic!("no place"),
    };
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
// `&mut buf[..]` as the buffer trips clippy::needless_borrow inside the expansion
// (reported to the lead); the form itself is what users write.
#[allow(clippy::needless_borrow)]
fn operand_text_of_an_expression() {
    struct S {
        f: [f64; 3],
    }
    let a = [[1.0; 2]; 2];
    let v = vec![1.0; 5];
    let s = S { f: [1.0; 3] };
    let err = try_einsum!("ij,j->i", a, &v[..3]).unwrap_err();
    assert!(matches!(
        err.place(),
        Some(Place::Operand { position: 1, .. })
    ));
    assert_eq!(compact(err.place()), "&v[..3]", "{err}");
    let err = try_einsum!("ij,j->i", a, s.f).unwrap_err();
    assert_eq!(compact(err.place()), "s.f", "{err}");
    let err = try_einsum!("ij,j->i", a, v.as_slice()).unwrap_err();
    assert_eq!(compact(err.place()), "v.as_slice()", "{err}");
    let err = try_einsum!("ij,j->i", a, [1.0, 2.0, 3.0]).unwrap_err();
    assert_eq!(compact(err.place()), "[1.0,2.0,3.0]", "{err}");
    let mut out = [0.0; 3];
    let err = try_einsum!(&mut out[..] = "ij,j->i", a, [1.0, 2.0]).unwrap_err();
    assert_eq!(compact(err.place()), "&mutout[..]", "{err}");
}

#[test]
#[should_panic(expected = "axis 'n' of operand 2 `x2`")]
fn mahalanobis_with_mismatched_rows_panics() {
    let x1: &[[f64; 2]] = &[[1.0, 0.0], [0.0, 1.0]];
    let x2: &[[f64; 2]] = &[[1.0, 0.0]];
    let inv = [[1.0, 0.0], [0.0, 1.0]];
    let _ = einsum!("ni,ij,nj->n", x1, inv, x2);
}

#[test]
fn length_errors_of_views() {
    let flat = [1.0; 5];
    let err = TensorRef::new(&flat, [2, 3]).unwrap_err();
    assert_eq!(
        err,
        ShapeError::Length {
            expected: 6,
            found: 5
        }
    );
    assert_eq!(err.axis(), None);
    assert_eq!(err.place(), None);
    let shape = [2usize, 2];
    assert!(DynTensorRef::new(&flat, &shape).is_err());
}
