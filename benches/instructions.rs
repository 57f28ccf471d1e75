//! The small static kernels of a two-dimensional mixture, as `einsum!` and as the hand loop,
//! for counting their instructions under callgrind: wall times on a shared 2-core VM move by
//! more than the 5 % the two are meant to stay within, instruction counts do not.
//!
//! Each kernel is an `#[inline(never)]` function named `kernel_<name>_<variant>`;
//! `./bench/instructions` runs this binary once per kernel and variant under
//! `valgrind --tool=callgrind --toggle-collect=...` so that only that function (and what it
//! calls) is counted, and prints the table. By hand:
//!
//! ```text
//! cargo bench -p einsum --bench instructions --no-run
//! valgrind --tool=callgrind --toggle-collect='*kernel_quadform_einsum*' \
//!     target/release/deps/instructions-HASH quadform einsum
//! ```
//!
//! Without arguments the binary runs every kernel once and checks that the two variants agree.

use einsum::{TensorRef, einsum};
use std::hint::black_box;

/// Points per call: enough that the per-point loop dominates the call's fixed cost.
const N: usize = 10_000;

/// Deterministic points in [-1, 1)² and weights in (0, 1).
fn data() -> (Vec<[f64; 2]>, Vec<f64>, [[f64; 2]; 2]) {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let points = (0..N)
        .map(|_| [2.0 * next() - 1.0, 2.0 * next() - 1.0])
        .collect();
    let weights = (0..N).map(|_| 0.5 * next() + 0.25).collect();
    let inv = [[1.5, -0.4], [-0.4, 0.8]];
    (points, weights, inv)
}

// ---- the quadratic form of the density: `ni,ij,nj->n` ----------------------------------------

#[inline(never)]
fn kernel_quadform_einsum(x: &[[f64; 2]], inv: &[[f64; 2]; 2], q: &mut [f64]) {
    einsum!(q = "ni,ij,nj->n", x, inv, x);
}

#[inline(never)]
fn kernel_quadform_hand(x: &[[f64; 2]], inv: &[[f64; 2]; 2], q: &mut [f64]) {
    for (q, x) in q.iter_mut().zip(x) {
        let mut sum = 0.0;
        for (xi, inv_row) in x.iter().zip(inv) {
            let inner: f64 = inv_row.iter().zip(x).map(|(a, b)| a * b).sum();
            sum += xi * inner;
        }
        *q = sum;
    }
}

// ---- the weighted sum of the mean: `n,ni->i` ------------------------------------------------

#[inline(never)]
fn kernel_mean_einsum(w: &[f64], x: &[[f64; 2]]) -> [f64; 2] {
    let mut sum = [0.0; 2];
    einsum!(sum = "n,ni->i", w, x);
    sum
}

#[inline(never)]
fn kernel_mean_hand(w: &[f64], x: &[[f64; 2]]) -> [f64; 2] {
    let mut sum = [0.0; 2];
    for (w, x) in w.iter().zip(x) {
        for i in 0..2 {
            sum[i] += w * x[i];
        }
    }
    sum
}

// ---- the scatter matrix of the covariance: `ni,nj->ij` --------------------------------------

#[inline(never)]
fn kernel_scatter_einsum(weighted: &[[f64; 2]], x: &[[f64; 2]]) -> [[f64; 2]; 2] {
    let mut s = [[0.0; 2]; 2];
    einsum!(s = "ni,nj->ij", weighted, x);
    s
}

#[inline(never)]
fn kernel_scatter_hand(weighted: &[[f64; 2]], x: &[[f64; 2]]) -> [[f64; 2]; 2] {
    let mut s = [[0.0; 2]; 2];
    for (w, x) in weighted.iter().zip(x) {
        for i in 0..2 {
            for j in 0..2 {
                s[i][j] += w[i] * x[j];
            }
        }
    }
    s
}

// ---- two of them with the dimension known at run time (d = 2, through `black_box`) -----------

#[inline(never)]
fn kernel_quadform_dyn_einsum(x: &[f64], d: usize, inv: &[f64], q: &mut [f64]) {
    let x = TensorRef::new(x, [q.len(), d]).expect("n x d");
    let inv = TensorRef::new(inv, [d, d]).expect("d x d");
    einsum!(q = "ni,ij,nj->n", x, inv, x);
}

#[inline(never)]
fn kernel_quadform_dyn_hand(x: &[f64], d: usize, inv: &[f64], q: &mut [f64]) {
    assert_eq!(x.len(), q.len() * d);
    assert_eq!(inv.len(), d * d);
    for (q, x) in q.iter_mut().zip(x.chunks_exact(d)) {
        let mut sum = 0.0;
        for (xi, inv_row) in x.iter().zip(inv.chunks_exact(d)) {
            let inner: f64 = inv_row.iter().zip(x).map(|(a, b)| a * b).sum();
            sum += xi * inner;
        }
        *q = sum;
    }
}

#[inline(never)]
fn kernel_scatter_dyn_einsum(weighted: &[f64], x: &[f64], d: usize, s: &mut [f64]) {
    let n = x.len() / d;
    let weighted = TensorRef::new(weighted, [n, d]).expect("n x d");
    let x = TensorRef::new(x, [n, d]).expect("n x d");
    let mut s = einsum::TensorMut::new(s, [d, d]).expect("d x d");
    einsum!(s = "ni,nj->ij", weighted, x);
}

#[inline(never)]
fn kernel_scatter_dyn_hand(weighted: &[f64], x: &[f64], d: usize, s: &mut [f64]) {
    assert_eq!(weighted.len(), x.len());
    assert_eq!(s.len(), d * d);
    s.fill(0.0);
    for (w, x) in weighted.chunks_exact(d).zip(x.chunks_exact(d)) {
        for (wi, s_row) in w.iter().zip(s.chunks_exact_mut(d)) {
            for (sij, xj) in s_row.iter_mut().zip(x) {
                *sij += wi * xj;
            }
        }
    }
}

/// Runs kernel `name` as `variant` (`einsum` or `hand`) once; its result, flattened.
fn run(name: &str, variant: &str) -> Vec<f64> {
    let (points, weights, inv) = data();
    let weighted: Vec<[f64; 2]> = points
        .iter()
        .zip(&weights)
        .map(|(x, w)| [w * x[0], w * x[1]])
        .collect();
    let flat = |rows: &[[f64; 2]]| -> Vec<f64> { rows.iter().flatten().copied().collect() };
    let (points_flat, weighted_flat, inv_flat) = (flat(&points), flat(&weighted), flat(&inv));
    let (x, w, d) = (
        black_box(&points[..]),
        black_box(&weights[..]),
        black_box(2),
    );
    let mut q = vec![0.0; N];
    let mut s = vec![0.0; 4];
    match (name, variant) {
        ("quadform", "einsum") => kernel_quadform_einsum(x, black_box(&inv), &mut q),
        ("quadform", "hand") => kernel_quadform_hand(x, black_box(&inv), &mut q),
        ("mean", "einsum") => return kernel_mean_einsum(w, x).to_vec(),
        ("mean", "hand") => return kernel_mean_hand(w, x).to_vec(),
        ("scatter", "einsum") => return flat(&kernel_scatter_einsum(&weighted, x)),
        ("scatter", "hand") => return flat(&kernel_scatter_hand(&weighted, x)),
        ("quadform_dyn", "einsum") => {
            kernel_quadform_dyn_einsum(&points_flat, d, &inv_flat, &mut q)
        }
        ("quadform_dyn", "hand") => kernel_quadform_dyn_hand(&points_flat, d, &inv_flat, &mut q),
        ("scatter_dyn", "einsum") => {
            kernel_scatter_dyn_einsum(&weighted_flat, &points_flat, d, &mut s);
            return s;
        }
        ("scatter_dyn", "hand") => {
            kernel_scatter_dyn_hand(&weighted_flat, &points_flat, d, &mut s);
            return s;
        }
        _ => panic!("unknown kernel {name} {variant}: see KERNELS"),
    }
    q
}

/// Every kernel this binary has.
const KERNELS: [&str; 5] = ["quadform", "mean", "scatter", "quadform_dyn", "scatter_dyn"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match &args[..] {
        [name, variant] => {
            black_box(run(name, variant));
        }
        // `cargo bench` passes `--bench`: check that the variants agree
        _ => {
            for name in KERNELS {
                let (einsum, hand) = (run(name, "einsum"), run(name, "hand"));
                for (a, b) in einsum.iter().zip(&hand) {
                    assert!(
                        (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                        "{name}: {a} != {b}"
                    );
                }
                println!("{name}: einsum! and the hand loop agree");
            }
        }
    }
}
