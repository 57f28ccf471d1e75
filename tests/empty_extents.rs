//! An index of extent 0 makes every result element a sum over nothing (or leaves no element),
//! so the generated code skips its loops: without that, `ij->j` over a 2^40 x 0 view ran 2^40
//! empty iterations of `i`. Each call here would take hours without the skip; each runs on a
//! thread the test waits for 60 s at most.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use einsum::{Tensor, TensorMut, TensorRef, einsum};

const HUGE: usize = 1 << 40;

/// Runs `f` on another thread and returns its value, or fails after 60 s.
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || send.send(f()));
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the call finished within 60 s")
}

#[test]
fn an_empty_result_skips_the_loops_over_the_other_indices() {
    let result = within_a_minute(|| {
        let empty = TensorRef::new(&[] as &[f64], [HUGE, 0]).unwrap();
        einsum!("ij->j", empty)
    });
    assert_eq!(result.shape(), [0]);
}

#[test]
fn a_sum_over_an_empty_index_is_zero_in_every_destination() {
    // owned, `=` and `+=`, into a scalar
    let (owned, assigned, added) = within_a_minute(|| {
        let empty = TensorRef::new(&[] as &[f64], [HUGE, 0]).unwrap();
        let owned: f64 = einsum!("ij->", empty);
        let (mut assigned, mut added) = (5.0, 5.0);
        einsum!(assigned = "ij->", empty);
        einsum!(added += "ij->", empty);
        (owned, assigned, added)
    });
    assert_eq!((owned, assigned, added), (0.0, 0.0, 5.0));
}

#[test]
fn a_product_summed_over_an_empty_index_zeroes_or_keeps_the_buffer() {
    // `ij,jk->ik` with j = 0: c = a b is zero, c += a b leaves c alone, at the GEMM tier's
    // sizes and the loops'
    for n in [3, 64] {
        let a = TensorRef::new(&[] as &[f64], [n, 0]).unwrap();
        let b = TensorRef::new(&[] as &[f64], [0, n]).unwrap();
        let mut c = vec![7.0; n * n];
        einsum!(c_view(&mut c, n) += "ij,jk->ik", a, b);
        assert!(c.iter().all(|&v| v == 7.0));
        einsum!(c_view(&mut c, n) = "ij,jk->ik", a, b);
        assert!(c.iter().all(|&v| v == 0.0));
        let owned: Tensor<f64, 2> = einsum!("ij,jk->ik", a, b);
        assert!(owned.as_slice().iter().all(|&v| v == 0.0));
        assert_eq!(owned.shape(), [n, n]);
    }
}

fn c_view(c: &mut [f64], n: usize) -> TensorMut<'_, f64, 2> {
    TensorMut::new(c, [n, n]).unwrap()
}

#[test]
fn a_three_operand_call_with_an_empty_index_skips_every_candidate_order() {
    // `ni,ij,nj->` (several contraction orders, picked at run time) with n = 2^40, i = j = 0
    let value = within_a_minute(|| {
        let x = TensorRef::new(&[] as &[f64], [HUGE, 0]).unwrap();
        let p = TensorRef::new(&[] as &[f64], [0, 0]).unwrap();
        let mut value = 3.0;
        einsum!(value = "ni,ij,nj->", x, p, x);
        value
    });
    assert_eq!(value, 0.0);
}
