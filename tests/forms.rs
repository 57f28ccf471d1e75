//! Call forms that once failed to compile: a temporary `TensorMut` written inline as the
//! buffer, subscripts forwarded through a caller's `macro_rules!` as a fragment, scalar
//! outputs written into rank-0 tensors or through a `&mut` parameter, and operands that borrow
//! a temporary of their own expression.

use einsum::{Tensor, TensorMut, einsum};

#[test]
fn inline_temporary_tensor_mut_buffer() {
    let a = [[1, 2], [3, 4]];
    let mut buf = vec![0; 4];
    einsum!(TensorMut::new(&mut buf, [2, 2]).unwrap() = "ij->ji", a);
    assert_eq!(buf, [1, 3, 2, 4]);
    einsum!(TensorMut::new(&mut buf, [2, 2]).unwrap() += "ij->ji", a);
    assert_eq!(buf, [2, 6, 4, 8]);
}

macro_rules! forward_literal {
    ($s:literal, $($x:expr),+) => {
        einsum!($s, $($x),+)
    };
}

macro_rules! forward_expr {
    ($s:expr, $($x:expr),+) => {
        einsum!($s, $($x),+)
    };
}

#[test]
fn subscripts_forwarded_by_macro_rules() {
    let a = [[1, 2], [3, 4]];
    let t = forward_literal!("ij->ji", a);
    assert_eq!(t.as_slice(), &[1, 3, 2, 4]);
    let t = forward_expr!("ij,jk->ik", a, a);
    assert_eq!(t.as_slice(), &[7, 10, 15, 22]);
}

#[test]
fn rank_zero_tensors_hold_scalar_outputs() {
    let x = [1.0, 2.0, 3.0];
    let mut out = Tensor::from_vec(vec![10.0], []).unwrap();
    einsum!(out += "i,i->", x, x);
    assert_eq!(out.as_slice(), &[24.0]);
    let mut buf = [10.0];
    einsum!(TensorMut::new(&mut buf, []).unwrap() = "i,i->", x, x);
    assert_eq!(buf, [14.0]);
}

/// A scalar output through a `&mut` parameter, in an immutable binding.
fn add_squared_norm(total: &mut i64, x: &[i64]) {
    einsum!(total += "i,i->", x, x);
}

#[test]
fn scalar_output_through_a_mutable_reference() {
    let mut total = 1;
    add_squared_norm(&mut total, &[1, 2, 3]);
    assert_eq!(total, 15);
}

fn squares(n: i64) -> Vec<i64> {
    (1..=n).map(|x| x * x).collect()
}

/// `&squares(3)[..]` slices a `Vec` made in the operand's own expression, and
/// `Tensor::from_vec(..).unwrap().view()` views a `Tensor` made there: both live until the
/// call has run, whatever the output form.
#[test]
fn operands_that_borrow_temporaries_of_their_own_expression() {
    let x = [1, 2, 3];
    assert_eq!(einsum!("i,i->", &squares(3)[..], x), 1 + 8 + 27);
    let grid = || Tensor::from_vec(squares(4), [2, 2]).unwrap();
    let product = einsum!("ij,jk->ik", grid().view(), grid());
    assert_eq!(product.as_slice(), &[1 + 36, 4 + 64, 9 + 144, 36 + 256]);
    let mut out = [[0; 3]; 3];
    einsum!(out = "i,j->ij", &squares(3)[..], x);
    assert_eq!(out, [[1, 2, 3], [4, 8, 12], [9, 18, 27]]);
    einsum!(out += "i,j->ij", &squares(3)[..], &grid().as_slice()[..3]);
    assert_eq!(out, [[2, 6, 12], [8, 24, 48], [18, 54, 108]]);
    let mut total = 0;
    einsum!(total = "i,i->", &squares(3)[..], &squares(3)[..]);
    assert_eq!(total, 1 + 16 + 81);
}
