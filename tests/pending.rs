//! Forms `einsum!` does not accept (yet), kept so that they can be enabled if it does: rank-0
//! tensors as the buffer of a scalar output. At the time of writing it is a compile error:
//! `einsum!` writes a scalar output into a plain scalar place only (`let mut s = 0.0;
//! einsum!(s += "i,i->", x, y)`).
//!
//! Disabled: delete the two `#![...]` lines below to enable, or run
//! `RUSTFLAGS="--cfg einsum_pending" cargo test --test pending`.
#![allow(unexpected_cfgs)]
#![cfg(einsum_pending)]

use einsum::{Tensor, TensorMut, einsum};

#[test]
fn rank_zero_output_buffers() {
    let x = [1.0, 2.0, 3.0];
    let mut out = Tensor::from_vec(vec![10.0], []).unwrap();
    einsum!(out += "i,i->", x, x);
    assert_eq!(out.as_slice(), &[24.0]);
    let mut buf = [10.0];
    einsum!(TensorMut::new(&mut buf, []).unwrap() = "i,i->", x, x);
    assert_eq!(buf, [14.0]);
}
