//! Run-time shape errors of terms with `...`: too few axes for a term's indices, `...` axes
//! that do not broadcast, an output buffer whose `...` axes differ from the broadcast, and
//! broadcast axes with no `...` in the output to hold them. Each names the subscripts and the
//! tensor; nothing is written into a buffer when the shapes are wrong.

use einsum::{DynTensor, DynTensorRef, Place, Shape, ShapeError, TensorRef, einsum, try_einsum};

fn shape(extents: &[usize]) -> Box<Shape> {
    Box::new(Shape::new(extents).unwrap())
}

#[test]
fn too_few_axes_for_the_named_indices() {
    let v = [1.0, 2.0, 3.0];
    let err = try_einsum!("...ij->...ji", v).unwrap_err();
    assert_eq!(
        err,
        ShapeError::TooFewAxes {
            subscripts: "...ij->...ji",
            place: Place::Operand {
                position: 0,
                text: "v"
            },
            at_least: 2,
            found: 1,
        }
    );
    assert_eq!(
        err.to_string(),
        "einsum \"...ij->...ji\": operand 0 `v` has rank 1, but its subscripts name 2 axes besides `...`"
    );
}

#[test]
#[should_panic(
    expected = "einsum \"...ij,...jk->...ik\": the axes `...` stands for in operand 1 `y` have extents [2], which do not broadcast to [3]"
)]
fn ellipsis_axes_that_do_not_broadcast_panic() {
    let xd = [0.0; 3 * 2 * 2];
    let yd = [0.0; 2 * 2 * 2];
    let x = TensorRef::new(&xd, [3, 2, 2]).unwrap();
    let y = TensorRef::new(&yd, [2, 2, 2]).unwrap();
    let _ = einsum!("...ij,...jk->...ik", x, y);
}

#[test]
fn ellipsis_axes_that_do_not_broadcast_are_an_error() {
    let xd = [0i64; 4 * 3 * 2];
    let yd = [0i64; 5 * 2];
    let x = TensorRef::new(&xd, [4, 3, 2]).unwrap();
    let y = TensorRef::new(&yd, [5, 2]).unwrap();
    let err = try_einsum!("...i,...i->...", x, y).unwrap_err();
    assert_eq!(
        err,
        ShapeError::Broadcast {
            subscripts: "...i,...i->...",
            place: Place::Operand {
                position: 1,
                text: "y"
            },
            found: shape(&[5]),
            expected: shape(&[4, 3]),
        }
    );
}

#[test]
fn an_output_buffer_must_hold_the_broadcast_axes_exactly() {
    let a = [[1, 2, 3], [4, 5, 6]];
    let mut short = [7; 3];
    let err = try_einsum!(short = "...j->...", a).unwrap_err();
    assert!(matches!(
        err,
        ShapeError::Broadcast {
            place: Place::Output { text: "short" },
            ..
        }
    ));
    assert_eq!(
        short, [7; 3],
        "nothing is written when the shapes are wrong"
    );
    // a buffer of extent 1 does not broadcast either: the result has two elements
    let mut one = [7; 1];
    assert!(try_einsum!(one = "...j->...", a).is_err());
}

#[test]
fn broadcast_axes_need_an_ellipsis_in_the_output() {
    let flat = [1.0; 12];
    let extents = [3, 2, 2];
    let x = DynTensorRef::new(&flat, &extents).unwrap();
    let err = try_einsum!("...ij->ij", x).unwrap_err();
    assert_eq!(
        err,
        ShapeError::UnbroadcastOutput {
            subscripts: "...ij->ij",
            found: shape(&[3]),
        }
    );
    assert!(err.to_string().contains("add `...` to the output"), "{err}");
    // numpy accepts the same subscripts when `...` stands for no axes: so does einsum!
    let m = [[1.0, 2.0], [3.0, 4.0]];
    let t = einsum!("...ij->ji", m);
    assert_eq!(t.as_slice(), &[1.0, 3.0, 2.0, 4.0]);
}

#[test]
fn dyn_tensors_read_back_as_operands_and_outputs() {
    // a DynTensor result feeds the next call, and serves as its buffer
    let a = [[1, 2], [3, 4]];
    let t: DynTensor<i32> = einsum!("...j->...", a);
    let mut doubled = DynTensor::from_vec(vec![0; 2], &[2]).unwrap();
    einsum!(doubled = "...,...->...", t, [2]);
    assert_eq!(doubled.as_slice(), &[6, 14]);
    let total: i32 = einsum!("i->", doubled);
    assert_eq!(total, 20);
}
