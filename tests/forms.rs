//! Call forms that once failed to compile: a temporary `TensorMut` written inline as the
//! buffer, and subscripts forwarded through a caller's `macro_rules!` as a fragment.

use einsum::{TensorMut, einsum};

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
