//! `einsum!` against faer on the contractions that are matrix products in disguise, one
//! thread, the same row-major data, timed in turns (the shortest of each): what a user who
//! could write either would see. faer's side is what its user writes: `matmul` on `MatRef`s
//! over the same slices, then the rest of the contraction by hand.
//!
//! Keys: `{einsum,faer}_{matmul_64,matmul_256,matmul_1024,batched_32x64,quadform_d16,
//! quadform_d64,scatter_d16,scatter_d64}_s`, all on one thread (a one-thread rayon pool,
//! whatever `RAYON_NUM_THREADS` says), and `einsum_matmul_1024_{1,2}_threads_s`: the GEMM
//! tier with the `rayon` feature on pools of one and two threads, in turns;
//! `einsum_quadform_d{16,64}_{1,2}_threads_s` the same for the quadratic form's tiles.
//!
//! `einsum_ellipsis_batched_32x64_s`: the batched matmul's data as `...ij,...jk->...ik`, timed
//! in turns with the two above: the `...` axes walked, one GEMM per position.
//!
//! `einsum_{ellipsis_,}rows_10000x64_s`: 10,000 vectors of 64 times a 64 x 64 matrix, as
//! `...j,jk->...k` (one GEMM over every position of the `...`) and as `nj,jk->nk`, in turns.
//!
//! `{einsum,copied,faer}_matmul_transposed_{256,1024}_s`: `ij,jk->ik` with the left operand an
//! ndarray transpose `a.t()`, which `einsum!` hands to the GEMM at its own strides; `copied`
//! first makes the row-major copy that `einsum!` made of such an operand before (the
//! operand's elements collected in logical order), then runs `einsum!` on it; faer is called
//! on the transpose's strides.

use einsum::{TensorMut, TensorRef, einsum};
use faer::{Accum, MatMut, MatRef, Par};
use ndarray::{Array2, ArrayView2};
use std::hint::black_box;

use crate::{Timed, best_seconds_round_robin, check};

/// Deterministic data in [-1, 1): no two neighbours alike, no symmetry.
fn data(len: usize, salt: u64) -> Vec<f64> {
    let mut state = salt.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

fn faer_matmul(c: &mut [f64], a: &[f64], b: &[f64], m: usize, k: usize, n: usize) {
    let a = MatRef::from_row_major_slice(a, m, k);
    let b = MatRef::from_row_major_slice(b, k, n);
    let c = MatMut::from_row_major_slice_mut(c, m, n);
    faer::linalg::matmul::matmul(c, Accum::Replace, a, b, 1.0, Par::Seq);
}

fn einsum_matmul(c: &mut [f64], a: &[f64], b: &[f64], n: usize) {
    let a = TensorRef::new(a, [n, n]).expect("n x n");
    let b = TensorRef::new(b, [n, n]).expect("n x n");
    let mut c = TensorMut::new(c, [n, n]).expect("n x n");
    einsum!(c = "ij,jk->ik", a, b);
}

/// `c = a b` with `a` an ndarray view in any layout, as `einsum!` reads it.
fn einsum_matmul_view(c: &mut [f64], a: ArrayView2<'_, f64>, b: &[f64], n: usize) {
    let b = TensorRef::new(b, [n, n]).expect("n x n");
    let mut c = TensorMut::new(c, [n, n]).expect("n x n");
    einsum!(c = "ij,jk->ik", a, b);
}

/// The same after a row-major copy of `a`, as `einsum!` read a view that is not row-major
/// before it handed views to the GEMM at their strides.
fn copied_matmul_view(c: &mut [f64], a: ArrayView2<'_, f64>, b: &[f64], n: usize) {
    let copy: Vec<f64> = a.iter().copied().collect();
    einsum_matmul(c, &copy, b, n);
}

/// faer on the view's own strides.
fn faer_matmul_view(c: &mut [f64], a: ArrayView2<'_, f64>, b: &[f64], n: usize) {
    let [rows, cols] = [0, 1].map(|axis| a.strides()[axis]);
    // SAFETY: the view's shape and strides name its own elements (ndarray's invariant), all
    // readable while `a` is borrowed.
    let a = unsafe { MatRef::from_raw_parts(a.as_ptr(), n, n, rows, cols) };
    let b = MatRef::from_row_major_slice(b, n, n);
    let c = MatMut::from_row_major_slice_mut(c, n, n);
    faer::linalg::matmul::matmul(c, Accum::Replace, a, b, 1.0, Par::Seq);
}

fn einsum_batched(c: &mut [f64], a: &[f64], b: &[f64], batch: usize, n: usize) {
    let a = TensorRef::new(a, [batch, n, n]).expect("b x n x n");
    let b = TensorRef::new(b, [batch, n, n]).expect("b x n x n");
    let mut c = TensorMut::new(c, [batch, n, n]).expect("b x n x n");
    einsum!(c = "bij,bjk->bik", a, b);
}

/// The batched matmul with its batch axis a `...`, a run-time rank.
fn einsum_ellipsis_batched(c: &mut [f64], a: &[f64], b: &[f64], batch: usize, n: usize) {
    let a = TensorRef::new(a, [batch, n, n]).expect("b x n x n");
    let b = TensorRef::new(b, [batch, n, n]).expect("b x n x n");
    let mut c = TensorMut::new(c, [batch, n, n]).expect("b x n x n");
    einsum!(c = "...ij,...jk->...ik", a, b);
}

/// `rows` vectors of `n` times an `n x n` matrix, the vectors' axis a `...` or named.
fn einsum_rows(c: &mut [f64], a: &[f64], b: &[f64], rows: usize, n: usize, ellipsis: bool) {
    let a = TensorRef::new(a, [rows, n]).expect("rows x n");
    let b = TensorRef::new(b, [n, n]).expect("n x n");
    let mut c = TensorMut::new(c, [rows, n]).expect("rows x n");
    if ellipsis {
        einsum!(c = "...j,jk->...k", a, b);
    } else {
        einsum!(c = "nj,jk->nk", a, b);
    }
}

fn faer_batched(c: &mut [f64], a: &[f64], b: &[f64], n: usize) {
    let block = n * n;
    for ((c, a), b) in c
        .chunks_exact_mut(block)
        .zip(a.chunks_exact(block))
        .zip(b.chunks_exact(block))
    {
        faer_matmul(c, a, b, n, n, n);
    }
}

fn einsum_quadform(q: &mut [f64], x: &[f64], p: &[f64], d: usize) {
    let x = TensorRef::new(x, [q.len(), d]).expect("n x d");
    let p = TensorRef::new(p, [d, d]).expect("d x d");
    einsum!(q = "ni,ij,nj->n", x, p, x);
}

/// `x P` into `xp`, then each row's dot product with `x`'s.
fn faer_quadform(q: &mut [f64], x: &[f64], p: &[f64], d: usize, xp: &mut [f64]) {
    faer_matmul(xp, x, p, q.len(), d, d);
    for ((q, row), xrow) in q.iter_mut().zip(xp.chunks_exact(d)).zip(x.chunks_exact(d)) {
        *q = row.iter().zip(xrow).map(|(a, b)| a * b).sum();
    }
}

fn einsum_scatter(s: &mut [f64], w: &[f64], x: &[f64], d: usize) {
    let x = TensorRef::new(x, [w.len(), d]).expect("n x d");
    let mut s = TensorMut::new(s, [d, d]).expect("d x d");
    einsum!(s = "n,ni,nj->ij", w, x, x);
}

/// The weighted rows into `wx`, then `xᵀ (w x)`.
fn faer_scatter(s: &mut [f64], w: &[f64], x: &[f64], d: usize, wx: &mut [f64]) {
    for ((row, xrow), &wn) in wx.chunks_exact_mut(d).zip(x.chunks_exact(d)).zip(w) {
        for (r, &v) in row.iter_mut().zip(xrow) {
            *r = wn * v;
        }
    }
    let xt = MatRef::from_row_major_slice(x, w.len(), d).transpose();
    let wx = MatRef::from_row_major_slice(wx, w.len(), d);
    let s = MatMut::from_row_major_slice_mut(s, d, d);
    faer::linalg::matmul::matmul(s, Accum::Replace, xt, wx, 1.0, Par::Seq);
}

/// The shortest times of two variants, in turns, as `einsum_{name}_s` and `faer_{name}_s`.
fn timed_pair<'a>(
    name: &str,
    repeats: usize,
    einsum_run: impl FnMut() + 'a,
    faer_run: impl FnMut() + 'a,
) -> Vec<(String, f64)> {
    let variants: Vec<Timed<'a>> = vec![
        ("einsum", Box::new(einsum_run)),
        ("faer", Box::new(faer_run)),
    ];
    best_seconds_round_robin(repeats, variants)
        .into_iter()
        .map(|(who, seconds)| (format!("{who}_{name}_s"), seconds))
        .collect()
}

fn pool(threads: usize) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("a pool of {threads} threads: {e}"))
}

/// Every key's time, after checking that both sides agree (to 1e-12 of the largest value).
pub fn run() -> Result<Vec<(String, f64)>, String> {
    let mut times = pool(1)?.install(one_thread)?;
    let n = 1024;
    let (a, b) = (data(n * n, 1), data(n * n, 2));
    let (one, two) = (pool(1)?, pool(2)?);
    let (mut c_one, mut c_two) = (vec![0.0; n * n], vec![0.0; n * n]);
    let threads = best_seconds_round_robin(
        5,
        vec![
            (
                "einsum_matmul_1024_1_threads_s",
                Box::new(|| one.install(|| einsum_matmul(black_box(&mut c_one), &a, &b, n))),
            ),
            (
                "einsum_matmul_1024_2_threads_s",
                Box::new(|| two.install(|| einsum_matmul(black_box(&mut c_two), &a, &b, n))),
            ),
        ],
    );
    if c_one
        .iter()
        .zip(&c_two)
        .any(|(x, y)| x.to_bits() != y.to_bits())
    {
        return Err("matmul 1024: other bits on two threads than on one".into());
    }
    times.extend(threads.into_iter().map(|(key, s)| (key.to_string(), s)));
    for d in [16, 64] {
        times.extend(quadform_on_threads(&one, &two, d)?);
    }
    Ok(times)
}

/// `einsum_quadform_d{d}_{1,2}_threads_s`: the quadratic form of 50,000 points, its tiles on
/// pools of one and two threads, in turns; the two must give the same bits.
fn quadform_on_threads(
    one: &rayon::ThreadPool,
    two: &rayon::ThreadPool,
    d: usize,
) -> Result<Vec<(String, f64)>, String> {
    let points = 50_000;
    let (x, p) = (data(points * d, 5), data(d * d, 6));
    let (mut q_one, mut q_two) = (vec![0.0; points], vec![0.0; points]);
    let times = best_seconds_round_robin(
        20,
        vec![
            (
                "1",
                Box::new(|| one.install(|| einsum_quadform(black_box(&mut q_one), &x, &p, d))),
            ),
            (
                "2",
                Box::new(|| two.install(|| einsum_quadform(black_box(&mut q_two), &x, &p, d))),
            ),
        ],
    );
    if q_one
        .iter()
        .zip(&q_two)
        .any(|(x, y)| x.to_bits() != y.to_bits())
    {
        return Err(format!(
            "quadform d{d}: other bits on two threads than on one"
        ));
    }
    Ok(times
        .into_iter()
        .map(|(threads, s)| (format!("einsum_quadform_d{d}_{threads}_threads_s"), s))
        .collect())
}

fn one_thread() -> Result<Vec<(String, f64)>, String> {
    let mut times = Vec::new();
    for (n, repeats) in [(64, 400), (256, 30), (1024, 5)] {
        let (a, b) = (data(n * n, 1), data(n * n, 2));
        let (mut c_einsum, mut c_faer) = (vec![0.0; n * n], vec![0.0; n * n]);
        einsum_matmul(&mut c_einsum, &a, &b, n);
        faer_matmul(&mut c_faer, &a, &b, n, n, n);
        check(&format!("matmul {n}"), &c_einsum, &c_faer, 1e-12)?;
        times.extend(timed_pair(
            &format!("matmul_{n}"),
            repeats,
            || einsum_matmul(black_box(&mut c_einsum), &a, &b, n),
            || faer_matmul(black_box(&mut c_faer), &a, &b, n, n, n),
        ));
    }

    for (n, repeats) in [(256, 30), (1024, 15)] {
        let a = Array2::from_shape_vec((n, n), data(n * n, 8)).expect("n x n");
        let b = data(n * n, 9);
        let a_t = a.t();
        let mut c = [vec![0.0; n * n], vec![0.0; n * n], vec![0.0; n * n]];
        let [c_einsum, c_copied, c_faer] = &mut c;
        einsum_matmul_view(c_einsum, a_t, &b, n);
        copied_matmul_view(c_copied, a_t, &b, n);
        faer_matmul_view(c_faer, a_t, &b, n);
        check(&format!("transposed {n}"), c_einsum, c_faer, 1e-12)?;
        check(&format!("transposed {n}, copied"), c_copied, c_faer, 1e-12)?;
        let timed = best_seconds_round_robin(
            repeats,
            vec![
                (
                    "einsum",
                    Box::new(|| einsum_matmul_view(black_box(c_einsum), a_t, &b, n)),
                ),
                (
                    "copied",
                    Box::new(|| copied_matmul_view(black_box(c_copied), a_t, &b, n)),
                ),
                (
                    "faer",
                    Box::new(|| faer_matmul_view(black_box(c_faer), a_t, &b, n)),
                ),
            ],
        );
        times.extend(
            timed
                .into_iter()
                .map(|(who, seconds)| (format!("{who}_matmul_transposed_{n}_s"), seconds)),
        );
    }

    let (batch, n) = (32, 64);
    let (a, b) = (data(batch * n * n, 3), data(batch * n * n, 4));
    let mut c = [0, 1, 2].map(|_| vec![0.0; batch * n * n]);
    let [c_einsum, c_ellipsis, c_faer] = &mut c;
    einsum_batched(c_einsum, &a, &b, batch, n);
    einsum_ellipsis_batched(c_ellipsis, &a, &b, batch, n);
    faer_batched(c_faer, &a, &b, n);
    check("batched 32x64", c_einsum, c_faer, 1e-12)?;
    check("batched 32x64 with `...`", c_ellipsis, c_faer, 1e-12)?;
    let timed = best_seconds_round_robin(
        100,
        vec![
            (
                "einsum",
                Box::new(|| einsum_batched(black_box(c_einsum), &a, &b, batch, n)),
            ),
            (
                "faer",
                Box::new(|| faer_batched(black_box(c_faer), &a, &b, n)),
            ),
            (
                "einsum_ellipsis",
                Box::new(|| einsum_ellipsis_batched(black_box(c_ellipsis), &a, &b, batch, n)),
            ),
        ],
    );
    times.extend(
        timed
            .into_iter()
            .map(|(who, seconds)| (format!("{who}_batched_32x64_s"), seconds)),
    );

    let (rows, n) = (10_000, 64);
    let (a, b) = (data(rows * n, 10), data(n * n, 11));
    let (mut c_named, mut c_ellipsis) = (vec![0.0; rows * n], vec![0.0; rows * n]);
    einsum_rows(&mut c_named, &a, &b, rows, n, false);
    einsum_rows(&mut c_ellipsis, &a, &b, rows, n, true);
    check("rows 10000x64 with `...`", &c_ellipsis, &c_named, 1e-12)?;
    let timed = best_seconds_round_robin(
        30,
        vec![
            (
                "einsum",
                Box::new(|| einsum_rows(black_box(&mut c_named), &a, &b, rows, n, false)),
            ),
            (
                "einsum_ellipsis",
                Box::new(|| einsum_rows(black_box(&mut c_ellipsis), &a, &b, rows, n, true)),
            ),
        ],
    );
    times.extend(
        timed
            .into_iter()
            .map(|(who, seconds)| (format!("{who}_rows_10000x64_s"), seconds)),
    );

    let points = 50_000;
    for d in [16, 64] {
        let x = data(points * d, 5);
        let p = data(d * d, 6);
        let w: Vec<f64> = data(points, 7).iter().map(|v| v.abs()).collect();
        let mut scratch = vec![0.0; points * d];

        let (mut q_einsum, mut q_faer) = (vec![0.0; points], vec![0.0; points]);
        einsum_quadform(&mut q_einsum, &x, &p, d);
        faer_quadform(&mut q_faer, &x, &p, d, &mut scratch);
        check(&format!("quadform d{d}"), &q_einsum, &q_faer, 1e-12)?;
        times.extend(timed_pair(
            &format!("quadform_d{d}"),
            20,
            || einsum_quadform(black_box(&mut q_einsum), &x, &p, d),
            || faer_quadform(black_box(&mut q_faer), &x, &p, d, &mut scratch),
        ));

        let (mut s_einsum, mut s_faer) = (vec![0.0; d * d], vec![0.0; d * d]);
        einsum_scatter(&mut s_einsum, &w, &x, d);
        faer_scatter(&mut s_faer, &w, &x, d, &mut scratch);
        check(&format!("scatter d{d}"), &s_einsum, &s_faer, 1e-12)?;
        times.extend(timed_pair(
            &format!("scatter_d{d}"),
            20,
            || einsum_scatter(black_box(&mut s_einsum), &w, &x, d),
            || faer_scatter(black_box(&mut s_faer), &w, &x, d, &mut scratch),
        ));
    }
    Ok(times)
}
