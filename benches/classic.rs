//! Classic contractions: matmul (64 with static and dynamic extents, 256), batched matmul,
//! trace, outer product, the chain `ij,jk,kl->il` on two sets of shapes, one where
//! multiplying the first pair first is cheaper and one where the last pair first is, and the
//! batched chain `...ij,...jk,kl->...il`.
//!
//! Each runs as `einsum!`, as the hand-written loop (matmul in the i-j-k order `einsum!` plans,
//! the chain in the cheaper order for its shapes), as the textbook loop a Python translation
//! gives (bounds-checked indexing, sums in the innermost loop, results pushed one by one), as
//! `ndarray_einsum::einsum` and with ndarray (`dot`/`general_mat_mul` for products,
//! `diag().sum()` for the trace, broadcasting for the outer product).
//!
//! `cargo bench -p einsum --bench classic`

mod common;

use common::{compare, settings, uniform};
use criterion::{Criterion, criterion_group, criterion_main};
use einsum::{TensorMut, TensorRef, einsum};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, Array3, Axis};
use std::hint::black_box;

/// A matrix of `rows x cols` seeded values, flat and as an ndarray array.
struct Matrix {
    rows: usize,
    cols: usize,
    flat: Vec<f64>,
    array: Array2<f64>,
}

impl Matrix {
    fn new(seed: u64, rows: usize, cols: usize) -> Self {
        let flat = uniform(seed, rows * cols, 1.0);
        let array = Array2::from_shape_vec((rows, cols), flat.clone()).unwrap();
        Matrix {
            rows,
            cols,
            flat,
            array,
        }
    }

    fn view(&self) -> TensorRef<'_, f64, 2> {
        TensorRef::new(&self.flat, [self.rows, self.cols]).unwrap()
    }
}

/// `c = a b` for row-major `a` (`rows x inner`) and `b` (`inner x cols`), in the i-j-k order:
/// the innermost loop runs along rows of `b` and `c`.
fn matmul_hand(a: &[f64], b: &[f64], inner: usize, cols: usize, c: &mut [f64]) {
    c.fill(0.0);
    for (a_row, c_row) in a.chunks_exact(inner).zip(c.chunks_exact_mut(cols)) {
        for (aij, b_row) in a_row.iter().zip(b.chunks_exact(cols)) {
            for (cik, bjk) in c_row.iter_mut().zip(b_row) {
                *cik += aij * bjk;
            }
        }
    }
}

/// `[[sum(a[i][j] * b[j][k] for j in range(inner)) for k in range(cols)] for i in ...]`.
fn matmul_naive(a: &[f64], b: &[f64], inner: usize, cols: usize) -> Vec<f64> {
    let mut c = Vec::new();
    for i in 0..a.len() / inner {
        for k in 0..cols {
            let mut sum = 0.0;
            for j in 0..inner {
                sum += a[i * inner + j] * b[j * cols + k];
            }
            c.push(sum);
        }
    }
    c
}

fn runtime_einsum(subscripts: &str, operands: &[&dyn ndarray_einsum::ArrayLike<f64>]) -> Vec<f64> {
    let result = ndarray_einsum::einsum(subscripts, operands).unwrap();
    assert!(result.is_standard_layout());
    result.into_raw_vec_and_offset().0
}

fn matmul(c: &mut Criterion) {
    for n in [64, 256] {
        let (a, b) = (Matrix::new(1, n, n), Matrix::new(2, n, n));
        let (av, bv) = (a.view(), b.view());
        compare(
            c,
            &format!("matmul/{n}"),
            n * n,
            vec![
                (
                    "einsum",
                    Box::new(|out| {
                        let mut out = TensorMut::new(out, [n, n]).unwrap();
                        einsum!(out = "ij,jk->ik", black_box(&av), black_box(&bv));
                    }),
                ),
                (
                    "hand",
                    Box::new(|out| matmul_hand(black_box(&a.flat), black_box(&b.flat), n, n, out)),
                ),
                (
                    "naive",
                    Box::new(|out| {
                        *out = matmul_naive(black_box(&a.flat), black_box(&b.flat), n, n)
                    }),
                ),
                (
                    "ndarray-einsum",
                    Box::new(|out| {
                        *out =
                            runtime_einsum("ij,jk->ik", &[black_box(&a.array), black_box(&b.array)])
                    }),
                ),
                (
                    "ndarray-dot",
                    Box::new(|out| {
                        *out = black_box(&a.array)
                            .dot(black_box(&b.array))
                            .into_raw_vec_and_offset()
                            .0
                    }),
                ),
            ],
        );
    }
}

/// 64 x 64 with the extents in the array types, against the same loop by hand.
fn matmul_static(c: &mut Criterion) {
    const N: usize = 64;
    let square = |seed| -> Box<[[f64; N]; N]> {
        let flat = uniform(seed, N * N, 1.0);
        let mut m = Box::new([[0.0; N]; N]);
        m.as_flattened_mut().copy_from_slice(&flat);
        m
    };
    let (a, b) = (square(1), square(2));
    let (a, b) = (&*a, &*b);
    let (mut by_einsum, mut by_hand) = (Box::new([[0.0; N]; N]), Box::new([[0.0; N]; N]));
    compare(
        c,
        "matmul/64 static",
        N * N,
        vec![
            (
                "einsum",
                Box::new(move |out| {
                    let product = &mut *by_einsum;
                    einsum!(product = "ij,jk->ik", black_box(a), black_box(b));
                    out.copy_from_slice(product.as_flattened());
                }),
            ),
            (
                "hand",
                Box::new(move |out| {
                    let (a, b) = (black_box(a), black_box(b));
                    let product = &mut *by_hand;
                    *product = [[0.0; N]; N];
                    for i in 0..N {
                        for j in 0..N {
                            for k in 0..N {
                                product[i][k] += a[i][j] * b[j][k];
                            }
                        }
                    }
                    out.copy_from_slice(product.as_flattened());
                }),
            ),
        ],
    );
}

fn batched_matmul(c: &mut Criterion) {
    const BATCH: usize = 128;
    const N: usize = 32;
    let block = N * N;
    let a = uniform(3, BATCH * block, 1.0);
    let b = uniform(4, BATCH * block, 1.0);
    let (av, bv) = (
        TensorRef::new(&a, [BATCH, N, N]).unwrap(),
        TensorRef::new(&b, [BATCH, N, N]).unwrap(),
    );
    let aa = Array3::from_shape_vec((BATCH, N, N), a.clone()).unwrap();
    let ba = Array3::from_shape_vec((BATCH, N, N), b.clone()).unwrap();
    compare(
        c,
        &format!("batched matmul/{BATCH}x{N}x{N}"),
        BATCH * block,
        vec![
            (
                "einsum",
                Box::new(|out| {
                    let mut out = TensorMut::new(out, [BATCH, N, N]).unwrap();
                    einsum!(out = "bij,bjk->bik", black_box(&av), black_box(&bv));
                }),
            ),
            (
                "hand",
                Box::new(|out| {
                    let (a, b) = (black_box(&a), black_box(&b));
                    let batches = a.chunks_exact(block).zip(b.chunks_exact(block));
                    for ((a, b), c) in batches.zip(out.chunks_exact_mut(block)) {
                        matmul_hand(a, b, N, N, c);
                    }
                }),
            ),
            (
                "naive",
                Box::new(|out| {
                    let (a, b) = (black_box(&a), black_box(&b));
                    *out = Vec::new();
                    for batch in 0..BATCH {
                        let at = batch * block..(batch + 1) * block;
                        out.extend(matmul_naive(&a[at.clone()], &b[at], N, N));
                    }
                }),
            ),
            (
                "ndarray-einsum",
                Box::new(|out| {
                    *out = runtime_einsum("bij,bjk->bik", &[black_box(&aa), black_box(&ba)])
                }),
            ),
            (
                "ndarray-dot",
                Box::new(|out| {
                    let mut product = Array3::zeros((BATCH, N, N));
                    let pairs = black_box(&aa).outer_iter().zip(black_box(&ba).outer_iter());
                    for ((a, b), mut c) in pairs.zip(product.outer_iter_mut()) {
                        general_mat_mul(1.0, &a, &b, 0.0, &mut c);
                    }
                    *out = product.into_raw_vec_and_offset().0;
                }),
            ),
        ],
    );
}

fn trace(c: &mut Criterion) {
    const N: usize = 1024;
    let a = Matrix::new(5, N, N);
    let av = a.view();
    compare(
        c,
        &format!("trace/{N}"),
        1,
        vec![
            (
                "einsum",
                Box::new(|out| out[0] = einsum!("ii->", black_box(&av))),
            ),
            (
                "hand",
                Box::new(|out| out[0] = black_box(&a.flat).iter().step_by(N + 1).sum()),
            ),
            (
                "naive",
                Box::new(|out| {
                    let flat = black_box(&a.flat);
                    let mut sum = 0.0;
                    for i in 0..N {
                        sum += flat[i * N + i];
                    }
                    out[0] = sum;
                }),
            ),
            (
                "ndarray-einsum",
                Box::new(|out| *out = runtime_einsum("ii->", &[black_box(&a.array)])),
            ),
            (
                "ndarray-diag",
                Box::new(|out| out[0] = black_box(&a.array).diag().sum()),
            ),
        ],
    );
}

/// `[[x[i] * y[j] for j in range(len(y))] for i in range(len(x))]`, pushed one by one.
#[expect(
    clippy::needless_range_loop,
    reason = "the translation of the Python indexes as the Python did"
)]
fn outer_naive(x: &[f64], y: &[f64]) -> Vec<f64> {
    let mut out = Vec::new();
    for i in 0..x.len() {
        for j in 0..y.len() {
            out.push(x[i] * y[j]);
        }
    }
    out
}

fn outer(c: &mut Criterion) {
    const N: usize = 512;
    let (x, y) = (uniform(6, N, 1.0), uniform(7, N, 1.0));
    let (xa, ya) = (
        ndarray::Array1::from(x.clone()),
        ndarray::Array1::from(y.clone()),
    );
    compare(
        c,
        &format!("outer/{N}"),
        N * N,
        vec![
            (
                "einsum",
                Box::new(|out| {
                    let mut out = TensorMut::new(out, [N, N]).unwrap();
                    einsum!(out = "i,j->ij", black_box(&x[..]), black_box(&y[..]));
                }),
            ),
            (
                "hand",
                Box::new(|out| {
                    let (x, y) = (black_box(&x), black_box(&y));
                    for (xi, row) in x.iter().zip(out.chunks_exact_mut(N)) {
                        for (o, yj) in row.iter_mut().zip(y) {
                            *o = xi * yj;
                        }
                    }
                }),
            ),
            (
                "naive",
                Box::new(|out| *out = outer_naive(black_box(&x), black_box(&y))),
            ),
            (
                "ndarray-einsum",
                Box::new(|out| *out = runtime_einsum("i,j->ij", &[black_box(&xa), black_box(&ya)])),
            ),
            (
                "ndarray-broadcast",
                Box::new(|out| {
                    let column = black_box(&xa).view().insert_axis(Axis(1));
                    let row = black_box(&ya).view().insert_axis(Axis(0));
                    *out = (&column * &row).into_raw_vec_and_offset().0;
                }),
            ),
        ],
    );
}

/// `A B C` for `A: m x small`... : the cheaper order depends on the shapes, which `einsum!`
/// does not see when it plans; the hand loop and `dot` use the cheaper order.
fn chain(c: &mut Criterion) {
    const BIG: usize = 256;
    const SMALL: usize = 16;
    for (label, big_first) in [("(AB)C cheaper", false), ("A(BC) cheaper", true)] {
        // (AB)C costs m·n·p + m·p·q, A(BC) n·p·q + m·n·q.
        let (m, n, p, q) = if big_first {
            (BIG, SMALL, BIG, SMALL)
        } else {
            (SMALL, BIG, SMALL, BIG)
        };
        let (a, b, cm) = (
            Matrix::new(8, m, n),
            Matrix::new(9, n, p),
            Matrix::new(10, p, q),
        );
        let (av, bv, cv) = (a.view(), b.view(), cm.view());
        compare(
            c,
            &format!("chain/{m}x{n}x{p}x{q} {label}"),
            m * q,
            vec![
                (
                    "einsum",
                    Box::new(|out| {
                        let mut out = TensorMut::new(out, [m, q]).unwrap();
                        let (a, b, c) = (black_box(&av), black_box(&bv), black_box(&cv));
                        einsum!(out = "ij,jk,kl->il", a, b, c);
                    }),
                ),
                (
                    "hand",
                    Box::new(|out| {
                        let (a, b, c) =
                            (black_box(&a.flat), black_box(&b.flat), black_box(&cm.flat));
                        if big_first {
                            let mut bc = vec![0.0; n * q];
                            matmul_hand(b, c, p, q, &mut bc);
                            matmul_hand(a, &bc, n, q, out);
                        } else {
                            let mut ab = vec![0.0; m * p];
                            matmul_hand(a, b, n, p, &mut ab);
                            matmul_hand(&ab, c, p, q, out);
                        }
                    }),
                ),
                (
                    "naive",
                    Box::new(|out| {
                        let (a, b, c) =
                            (black_box(&a.flat), black_box(&b.flat), black_box(&cm.flat));
                        *out = matmul_naive(&matmul_naive(a, b, n, p), c, p, q);
                    }),
                ),
                (
                    "ndarray-einsum",
                    Box::new(|out| {
                        let operands = [
                            black_box(&a.array),
                            black_box(&b.array),
                            black_box(&cm.array),
                        ];
                        *out = runtime_einsum("ij,jk,kl->il", &operands.map(|o| o as _));
                    }),
                ),
                (
                    "ndarray-dot",
                    Box::new(|out| {
                        let (a, b, c) = (
                            black_box(&a.array),
                            black_box(&b.array),
                            black_box(&cm.array),
                        );
                        let product = if big_first {
                            a.dot(&b.dot(c))
                        } else {
                            a.dot(b).dot(c)
                        };
                        *out = product.into_raw_vec_and_offset().0;
                    }),
                ),
            ],
        );
    }
}

/// The batched chain `...ij,...jk,kl->...il`, the last matrix shared by every batch: `einsum!`
/// contracts it pairwise for each position of the `...` axes, as the hand loop does. `...`
/// reads its operands at their run-time rank, so the compiler never sees their extents as
/// constants: both variants get the extents at run time here (`black_box`), as a program
/// whose batch shape comes from its data does.
fn ellipsis_chain(c: &mut Criterion) {
    let (batch, n) = (black_box(16), black_box(48));
    let block = n * n;
    let a = uniform(11, batch * block, 1.0);
    let b = uniform(12, batch * block, 1.0);
    let m = uniform(13, block, 1.0);
    let (av, bv, mv) = (
        TensorRef::new(&a, [batch, n, n]).unwrap(),
        TensorRef::new(&b, [batch, n, n]).unwrap(),
        TensorRef::new(&m, [n, n]).unwrap(),
    );
    compare(
        c,
        &format!("ellipsis chain/{batch}x{n}x{n}"),
        batch * block,
        vec![
            (
                "einsum",
                Box::new(|out| {
                    let mut out = TensorMut::new(out, [batch, n, n]).unwrap();
                    let (a, b, m) = (black_box(&av), black_box(&bv), black_box(&mv));
                    einsum!(out = "...ij,...jk,kl->...il", a, b, m);
                }),
            ),
            (
                "hand",
                Box::new(|out| {
                    let (a, b, m) = (black_box(&a), black_box(&b), black_box(&m));
                    let mut ab = vec![0.0; block];
                    let batches = a.chunks_exact(block).zip(b.chunks_exact(block));
                    for ((a, b), c) in batches.zip(out.chunks_exact_mut(block)) {
                        matmul_hand(a, b, n, n, &mut ab);
                        matmul_hand(&ab, m, n, n, c);
                    }
                }),
            ),
        ],
    );
}

criterion_group! {
    name = classic;
    config = settings();
    targets = matmul, matmul_static, batched_matmul, trace, outer, chain, ellipsis_chain
}
criterion_main!(classic);
