//! The two kernels that motivated the project, at n = 130,000 points, for one mixture
//! component: the density (the quadratic form `ni,ij,nj->n` of centred points with a
//! correlated inverse covariance, then `exp` and the normalisation) and the weighted
//! covariance update (`ni,nj->ij` over weighted centred points). At d = 2 the rows are
//! `[[f64; 2]]` (extents known at compile time); at d in {3, 8, 32, 64} they are a flat `Vec`
//! viewed through a `TensorRef` (extents known at run time).
//!
//! Each kernel runs as `einsum!`, as the hand-written loop with the same loop order, as the
//! original Python's per-point loop translated to Rust (a small vector allocated per point, as
//! numpy did), as `ndarray_einsum::einsum` and with ndarray's `dot`. `quadform` times the
//! contraction alone, `einsum!` against the hand loop, without the `exp` that dilutes it.
//!
//! `cargo bench -p einsum --bench seed_kernels`

mod common;

use common::{Variant, compare, settings, uniform};
use criterion::{Criterion, criterion_group, criterion_main};
use einsum::{Operand, OperandMut, TensorMut, TensorRef, einsum};
use ndarray::{Array2, Axis};
use std::hint::black_box;

/// The number of points of the seed's image.
const N: usize = 130_000;

/// The dimensions whose extents the benchmarks give at run time.
const DYNAMIC_DIMS: [usize; 4] = [3, 8, 32, 64];

/// One component's view of the data, flat and row-major.
struct Component {
    d: usize,
    /// `x_n - μ`, `N x d`.
    centred: Vec<f64>,
    /// `r_n (x_n - μ)` for a responsibility `r_n` in `(0, 1)`, `N x d`.
    weighted: Vec<f64>,
    /// The inverse covariance, `d x d`, symmetric positive definite with no zero entry.
    inv: Vec<f64>,
    /// `(2π)^(-d/2) sqrt(det inv)`.
    norm: f64,
}

impl Component {
    fn new(d: usize) -> Self {
        // Spread so that the quadratic form is about 2 whatever `d`: `exp` neither underflows
        // nor sits at 1.
        let centred = uniform(d as u64, N * d, 2.0 / (d as f64).sqrt());
        let responsibilities = uniform(100 + d as u64, N, 0.5);
        let weighted = centred
            .chunks_exact(d)
            .zip(&responsibilities)
            .flat_map(|(row, r)| row.iter().map(move |v| (r + 0.5) * v))
            .collect();
        let inv = spd(200 + d as u64, d);
        let norm = (0.5 * log_det_spd(&inv, d) - 0.5 * d as f64 * std::f64::consts::TAU.ln()).exp();
        Component {
            d,
            centred,
            weighted,
            inv,
            norm,
        }
    }

    fn centred_view(&self) -> TensorRef<'_, f64, 2> {
        TensorRef::new(&self.centred, [N, self.d]).unwrap()
    }

    fn weighted_view(&self) -> TensorRef<'_, f64, 2> {
        TensorRef::new(&self.weighted, [N, self.d]).unwrap()
    }

    fn inv_view(&self) -> TensorRef<'_, f64, 2> {
        TensorRef::new(&self.inv, [self.d, self.d]).unwrap()
    }

    /// The same data as ndarray arrays: centred, weighted, inverse covariance.
    fn arrays(&self) -> [Array2<f64>; 3] {
        let d = self.d;
        [
            Array2::from_shape_vec((N, d), self.centred.clone()).unwrap(),
            Array2::from_shape_vec((N, d), self.weighted.clone()).unwrap(),
            Array2::from_shape_vec((d, d), self.inv.clone()).unwrap(),
        ]
    }
}

/// A `d x d` symmetric positive-definite matrix with every entry non-zero, row-major:
/// `B Bᵀ / d + I` for a random `B`, so that a quadratic form with it is not a weighted sum of
/// squares.
pub fn spd(seed: u64, d: usize) -> Vec<f64> {
    let b = uniform(seed, d * d, 1.0);
    let mut m = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..d {
            let dot: f64 = (0..d).map(|k| b[i * d + k] * b[j * d + k]).sum();
            m[i * d + j] = dot / d as f64 + if i == j { 1.0 } else { 0.0 };
        }
    }
    m
}

/// The natural logarithm of the determinant of a symmetric positive-definite matrix, from its
/// Cholesky factor.
pub fn log_det_spd(m: &[f64], d: usize) -> f64 {
    let mut l = vec![0.0; d * d];
    let mut log_det = 0.0;
    for j in 0..d {
        let pivot = m[j * d + j] - (0..j).map(|k| l[j * d + k] * l[j * d + k]).sum::<f64>();
        assert!(pivot > 0.0, "the matrix is not positive definite");
        let diagonal = pivot.sqrt();
        l[j * d + j] = diagonal;
        log_det += 2.0 * diagonal.ln();
        for i in j + 1..d {
            let off = m[i * d + j] - (0..j).map(|k| l[i * d + k] * l[j * d + k]).sum::<f64>();
            l[i * d + j] = off / diagonal;
        }
    }
    log_det
}

/// Flat row-major data as rows of `D` values.
fn rows<const D: usize>(flat: &[f64]) -> Vec<[f64; D]> {
    flat.chunks_exact(D)
        .map(|row| row.try_into().unwrap())
        .collect()
}

/// `p_n = norm · exp(-q_n / 2)`, in place.
fn normalise(q: &mut [f64], norm: f64) {
    for v in q {
        *v = norm * (-0.5 * *v).exp();
    }
}

// ---- einsum! -------------------------------------------------------------------------------

/// `q_n = Σ_ij x_ni inv_ij x_nj`, by `einsum!`, for static and dynamic extents alike.
fn quadform_einsum<X, M>(x: &X, inv: &M, q: &mut [f64])
where
    X: Operand<2, Elem = f64> + ?Sized,
    M: Operand<2, Elem = f64> + ?Sized,
{
    einsum!(q = "ni,ij,nj->n", x, inv, x);
}

/// `S = Σ_n w_n x_nᵀ`, by `einsum!`, into any rank-2 buffer.
fn scatter_einsum<X, S>(weighted: &X, x: &X, s: &mut S)
where
    X: Operand<2, Elem = f64> + ?Sized,
    S: OperandMut<2, Elem = f64> + ?Sized,
{
    einsum!(s = "ni,nj->ij", weighted, x);
}

// ---- hand-written loops, in the loop order einsum! plans -----------------------------------

fn quadform_hand<const D: usize>(x: &[[f64; D]], inv: &[[f64; D]; D], q: &mut [f64]) {
    for (q, x) in q.iter_mut().zip(x) {
        let mut sum = 0.0;
        for i in 0..D {
            let mut inner = 0.0;
            for j in 0..D {
                inner += inv[i][j] * x[j];
            }
            sum += x[i] * inner;
        }
        *q = sum;
    }
}

fn quadform_hand_dyn(x: &[f64], d: usize, inv: &[f64], q: &mut [f64]) {
    for (q, x) in q.iter_mut().zip(x.chunks_exact(d)) {
        let mut sum = 0.0;
        for (xi, inv_row) in x.iter().zip(inv.chunks_exact(d)) {
            let inner: f64 = inv_row.iter().zip(x).map(|(a, b)| a * b).sum();
            sum += xi * inner;
        }
        *q = sum;
    }
}

fn scatter_hand<const D: usize>(weighted: &[[f64; D]], x: &[[f64; D]]) -> [[f64; D]; D] {
    let mut s = [[0.0; D]; D];
    for (w, x) in weighted.iter().zip(x) {
        for i in 0..D {
            for j in 0..D {
                s[i][j] += w[i] * x[j];
            }
        }
    }
    s
}

fn scatter_hand_dyn(weighted: &[f64], x: &[f64], d: usize, s: &mut [f64]) {
    s.fill(0.0);
    for (w, x) in weighted.chunks_exact(d).zip(x.chunks_exact(d)) {
        for (wi, s_row) in w.iter().zip(s.chunks_exact_mut(d)) {
            for (sij, xj) in s_row.iter_mut().zip(x) {
                *sij += wi * xj;
            }
        }
    }
}

// ---- the original Python's per-point loops, translated ------------------------------------

/// `for n: p[n] = norm * np.exp(-0.5 * d[n] @ inv @ d[n])`: a vector per point for the row
/// and one for `d[n] @ inv`, indexed with bounds checks.
fn density_naive(x: &[f64], d: usize, inv: &[f64], norm: f64) -> Vec<f64> {
    let mut p = Vec::new();
    for n in 0..x.len() / d {
        let row = x[n * d..(n + 1) * d].to_vec();
        let mut row_inv = vec![0.0; d];
        for j in 0..d {
            for i in 0..d {
                row_inv[j] += row[i] * inv[i * d + j];
            }
        }
        let mut q = 0.0;
        for j in 0..d {
            q += row_inv[j] * row[j];
        }
        p.push(norm * (-0.5 * q).exp());
    }
    p
}

/// `for n: s += np.outer(w[n], d[n])`: the rows and their outer product allocated per point.
fn scatter_naive(weighted: &[f64], x: &[f64], d: usize) -> Vec<f64> {
    let mut s = vec![0.0; d * d];
    for n in 0..x.len() / d {
        let w_row = weighted[n * d..(n + 1) * d].to_vec();
        let x_row = x[n * d..(n + 1) * d].to_vec();
        let mut outer = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                outer[i * d + j] = w_row[i] * x_row[j];
            }
        }
        for k in 0..d * d {
            s[k] += outer[k];
        }
    }
    s
}

// ---- ndarray ------------------------------------------------------------------------------

fn density_ndarray_einsum(x: &Array2<f64>, inv: &Array2<f64>, norm: f64) -> Vec<f64> {
    let q = ndarray_einsum::einsum("ni,ij,nj->n", &[x, inv, x]).unwrap();
    let (p, _) = q
        .mapv_into(|q| norm * (-0.5 * q).exp())
        .into_raw_vec_and_offset();
    p
}

fn density_ndarray_dot(x: &Array2<f64>, inv: &Array2<f64>, norm: f64) -> Vec<f64> {
    let q = (&x.dot(inv) * x).sum_axis(Axis(1));
    let (p, _) = q
        .mapv_into(|q| norm * (-0.5 * q).exp())
        .into_raw_vec_and_offset();
    p
}

fn scatter_ndarray_einsum(weighted: &Array2<f64>, x: &Array2<f64>) -> Vec<f64> {
    let s = ndarray_einsum::einsum("ni,nj->ij", &[weighted, x]).unwrap();
    s.into_raw_vec_and_offset().0
}

fn scatter_ndarray_dot(weighted: &Array2<f64>, x: &Array2<f64>) -> Vec<f64> {
    weighted.t().dot(x).into_raw_vec_and_offset().0
}

// ---- the benchmark groups -----------------------------------------------------------------

/// The variants that take the same flat data and ndarray arrays whatever the dimension.
fn shared_density_variants<'a>(
    data: &'a Component,
    arrays: &'a [Array2<f64>; 3],
) -> Vec<Variant<'a>> {
    let [x, _, inv] = arrays;
    let norm = data.norm;
    vec![
        (
            "naive",
            Box::new(move |out| {
                *out = density_naive(black_box(&data.centred), data.d, black_box(&data.inv), norm)
            }),
        ),
        (
            "ndarray-einsum",
            Box::new(move |out| *out = density_ndarray_einsum(black_box(x), black_box(inv), norm)),
        ),
        (
            "ndarray-dot",
            Box::new(move |out| *out = density_ndarray_dot(black_box(x), black_box(inv), norm)),
        ),
    ]
}

fn shared_scatter_variants<'a>(
    data: &'a Component,
    arrays: &'a [Array2<f64>; 3],
) -> Vec<Variant<'a>> {
    let [x, weighted, _] = arrays;
    vec![
        (
            "naive",
            Box::new(move |out| {
                *out = scatter_naive(black_box(&data.weighted), black_box(&data.centred), data.d)
            }),
        ),
        (
            "ndarray-einsum",
            Box::new(move |out| *out = scatter_ndarray_einsum(black_box(weighted), black_box(x))),
        ),
        (
            "ndarray-dot",
            Box::new(move |out| *out = scatter_ndarray_dot(black_box(weighted), black_box(x))),
        ),
    ]
}

/// d = 2 with `[[f64; 2]]` rows and a `[[f64; 2]; 2]` inverse covariance.
fn static_two(c: &mut Criterion) {
    let data = Component::new(2);
    let arrays = data.arrays();
    let (x, weighted) = (rows::<2>(&data.centred), rows::<2>(&data.weighted));
    let inv: [[f64; 2]; 2] = [[data.inv[0], data.inv[1]], [data.inv[2], data.inv[3]]];
    let (x, weighted, norm) = (&x[..], &weighted[..], data.norm);

    compare(
        c,
        "quadform/d=2 static",
        N,
        vec![
            (
                "einsum",
                Box::new(|q| quadform_einsum(black_box(x), black_box(&inv), q)),
            ),
            (
                "hand",
                Box::new(|q| quadform_hand(black_box(x), black_box(&inv), q)),
            ),
        ],
    );

    let mut density: Vec<Variant> = vec![
        (
            "einsum",
            Box::new(|p| {
                quadform_einsum(black_box(x), black_box(&inv), p);
                normalise(p, norm);
            }),
        ),
        (
            "hand",
            Box::new(|p| {
                quadform_hand(black_box(x), black_box(&inv), p);
                normalise(p, norm);
            }),
        ),
    ];
    density.extend(shared_density_variants(&data, &arrays));
    compare(c, "density/d=2 static", N, density);

    let mut scatter: Vec<Variant> = vec![
        (
            "einsum",
            Box::new(|s| {
                let mut local = [[0.0; 2]; 2];
                scatter_einsum(black_box(weighted), black_box(x), &mut local);
                s.copy_from_slice(local.as_flattened());
            }),
        ),
        (
            "hand",
            Box::new(|s| {
                s.copy_from_slice(scatter_hand(black_box(weighted), black_box(x)).as_flattened())
            }),
        ),
    ];
    scatter.extend(shared_scatter_variants(&data, &arrays));
    compare(c, "scatter/d=2 static", 4, scatter);
}

/// d in {3, 8, 32, 64}, rows and matrices as `TensorRef`s over flat data.
fn dynamic(c: &mut Criterion) {
    for d in DYNAMIC_DIMS {
        let data = Component::new(d);
        let arrays = data.arrays();
        let (x, weighted, inv) = (data.centred_view(), data.weighted_view(), data.inv_view());
        let (flat_x, flat_w, flat_inv, norm) =
            (&data.centred, &data.weighted, &data.inv, data.norm);

        compare(
            c,
            &format!("quadform/d={d}"),
            N,
            vec![
                (
                    "einsum",
                    Box::new(|q| quadform_einsum(black_box(&x), black_box(&inv), q)),
                ),
                (
                    "hand",
                    Box::new(|q| quadform_hand_dyn(black_box(flat_x), d, black_box(flat_inv), q)),
                ),
            ],
        );

        let mut density: Vec<Variant> = vec![
            (
                "einsum",
                Box::new(|p| {
                    quadform_einsum(black_box(&x), black_box(&inv), p);
                    normalise(p, norm);
                }),
            ),
            (
                "hand",
                Box::new(|p| {
                    quadform_hand_dyn(black_box(flat_x), d, black_box(flat_inv), p);
                    normalise(p, norm);
                }),
            ),
        ];
        density.extend(shared_density_variants(&data, &arrays));
        compare(c, &format!("density/d={d}"), N, density);

        let mut scatter: Vec<Variant> = vec![
            (
                "einsum",
                Box::new(|s| {
                    let mut out = TensorMut::new(s, [d, d]).unwrap();
                    scatter_einsum(black_box(&weighted), black_box(&x), &mut out);
                }),
            ),
            (
                "hand",
                Box::new(|s| scatter_hand_dyn(black_box(flat_w), black_box(flat_x), d, s)),
            ),
        ];
        scatter.extend(shared_scatter_variants(&data, &arrays));
        compare(c, &format!("scatter/d={d}"), d * d, scatter);
    }
}

criterion_group! {
    name = seed_kernels;
    config = settings();
    targets = static_two, dynamic
}
criterion_main!(seed_kernels);
