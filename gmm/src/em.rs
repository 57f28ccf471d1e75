//! The EM iteration, written once for every covariance type through a [`KernelTable`].
//!
//! One pass over the data does both steps. The points are cut into chunks of [`CHUNK_ROWS`].
//! Within a chunk, the E-step computes the squared distances of all its points to every mean
//! (`k x CHUNK_ROWS`: for full and tied covariances a matrix product of the chunk's
//! differences to a mean with the component's precision factor per component, through
//! `einsum!`'s GEMM tier), then per point the log-densities, their log-sum-exp and the
//! responsibilities, each loop running along the chunk's points so that it vectorises. The
//! chunk keeps its responsibilities (in cache) for the M-step's sums: the weights, the
//! weighted sums of the points (one matrix product) and the weighted scatter about the
//! chunk's own means (per component, a matrix product of the weighted differences with the
//! differences). Chunks are combined as Chan, Golub and LeVeque's pairwise update of means
//! and scatters, which has no cancellation. No `n x k` array is ever built, and the
//! covariances are centred as scikit-learn's two-pass ones. `d = 2` has a path of its own
//! with compile-time extents ([`plane_chunk_moments`]).
//!
//! Chunks run in parallel on rayon's pool (feature `rayon`); they are combined in chunk order,
//! so the result does not depend on the number of threads.

use core::ops::Range;

use einsum::{TensorRef, einsum};

use crate::data::Samples;
use crate::float::{exp_nonpositive, ln_normal};
use crate::isa::{self, Isa};
use crate::kernels::{CovarianceKernels, KernelTable, MomentSums, Scratch, buffer, view, view_mut};

/// Adds `next`'s second moments into `sums` and the scatter between the two sets of means
/// (`delta`, `d x k`, each weighted by `factor`, `k`).
pub(crate) type MergeKernel<T> = fn(&mut [T], &[T], &[T], &[T]);
use crate::{Float, GmmError};

/// The points of one unit of work: enough to amortise the per-chunk sums (`k (1 + d + d²)`
/// values) and their merge, few enough that the chunk's responsibilities stay in the L2 cache.
/// Measured for one full-covariance iteration at n = 130,000, d = 2, k = 50 on one thread:
/// 128 rows 27.1 ms, 256 25.7 ms, 512 23.7 ms, 1024 25.9 ms, 2048 30.5 ms.
pub(crate) const CHUNK_ROWS: usize = 512;

/// The parameters of a mixture of `k` components in `d` dimensions (scikit-learn's layouts).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parameters<T> {
    pub k: usize,
    pub d: usize,
    /// `k` mixing weights summing to 1.
    pub weights: Vec<T>,
    /// `k x d`.
    pub means: Vec<T>,
    /// In the covariance type's layout.
    pub covariances: Vec<T>,
    /// In the covariance type's layout.
    pub precisions_cholesky: Vec<T>,
}

/// `ln p(x_n | c) + ln π_c` for every component `c` and sample `n`, written into `out` (`k x n`),
/// as scikit-learn's `_estimate_weighted_log_prob`: the squared distances chunk by chunk through
/// the fit's E-step kernel ([`CovarianceKernels::chunk_distances`]).
pub(crate) fn weighted_log_prob<T: Float>(
    table: &KernelTable<T>,
    x: TensorRef<'_, T, 2>,
    params: &Parameters<T>,
    scratch: &mut Scratch<T>,
    log_det: &mut Vec<T>,
    out: &mut [T],
) {
    let [n, d] = x.shape();
    let k = params.k;
    let mut factors = Vec::new();
    (table.distance_factors)(&params.precisions_cholesky, k, d, &mut factors);
    let mut distances = Vec::new();
    for start in (0..n).step_by(CHUNK_ROWS) {
        let end = (start + CHUNK_ROWS).min(n);
        let rows = view(&x.data()[start * d..end * d], [end - start, d]);
        let chunk = buffer(&mut distances, k * (end - start));
        (table.chunk_distances)(rows, &params.means, &factors, scratch, chunk);
        for (c, values) in chunk.chunks_exact(end - start).enumerate() {
            out[c * n + start..c * n + end].copy_from_slice(values);
        }
    }
    let log_det = buffer(log_det, k);
    (table.log_det_cholesky)(&params.precisions_cholesky, k, d, scratch, log_det);
    let log_2pi = T::from_usize(d) * T::from_f64((2.0 * std::f64::consts::PI).ln());
    let half = T::from_f64(0.5);
    for (c, row) in out[..k * n].chunks_exact_mut(n).enumerate() {
        let offset = log_det[c] + params.weights[c].ln();
        for v in row.iter_mut() {
            *v = -half * (log_2pi + *v) + offset;
        }
    }
}

/// Log-sum-exp over the components of `wlp` (`k x n`): writes `ln Σ_c exp(wlp[c, n])` into
/// `log_norm`, `exp(wlp[c, n] - max_c wlp[c, n])` into `shifted` (`k x n`) and the inverse of
/// its column sums into `inverse_sums` (`n`), so that the responsibilities are
/// `shifted[c, n] · inverse_sums[n]` (= `exp(wlp[c, n] - log_norm[n])`). Returns the first
/// sample with a non-finite normaliser, if any.
pub(crate) fn log_sum_exp<T: Float>(
    wlp: &[T],
    k: usize,
    log_norm: &mut [T],
    inverse_sums: &mut [T],
    shifted: &mut [T],
) -> Result<(), usize> {
    let n = log_norm.len();
    let maxima = &mut *inverse_sums;
    maxima.fill(T::NEG_INFINITY);
    for row in wlp[..k * n].chunks_exact(n) {
        for (m, &v) in maxima.iter_mut().zip(row) {
            if v > *m {
                *m = v;
            }
        }
    }
    if let Some(row) = maxima.iter().position(|m| !m.is_finite()) {
        return Err(row);
    }
    for (srow, row) in shifted.chunks_exact_mut(n).zip(wlp.chunks_exact(n)) {
        for ((s, &v), &m) in srow.iter_mut().zip(row).zip(maxima.iter()) {
            let t = v - m;
            *s = if t < T::EXP_UNDERFLOW {
                T::ZERO
            } else {
                t.exp()
            };
        }
    }
    einsum!(*log_norm = "kn->n", view(&shifted[..k * n], [k, n]));
    for (s, m) in log_norm.iter_mut().zip(maxima.iter_mut()) {
        let sum = *s;
        *s = sum.ln() + *m;
        *m = T::ONE / sum;
    }
    Ok(())
}

/// What the E-step needs of the parameters.
#[derive(Debug, Default)]
pub(crate) struct Coefficients<T> {
    pub k: usize,
    pub d: usize,
    /// The current means, `k x d`.
    pub means: Vec<T>,
    /// The covariance type's factors of the squared distances
    /// ([`CovarianceKernels::distance_factors`]).
    pub factors: Vec<T>,
    /// `ln π_c + ln det P_c - d ln(2π) / 2`, `k`.
    pub offsets: Vec<T>,
    /// For `d = 2`: the covariance type's four factors of the squared distances per
    /// component ([`CovarianceKernels::plane_factors`]).
    pub plane_factors: Vec<[T; 4]>,
}

/// The sums of one chunk of points under the current parameters: what the M-step needs,
/// and the E-step's log-likelihood.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Moments<T> {
    /// `Σ_n r_cn w_n`, `k`.
    pub weight: Vec<T>,
    /// `Σ_n r_cn w_n x_n`, `d x k`.
    pub first: Vec<T>,
    /// The covariance type's second moments about `first / weight` (see
    /// [`CovarianceKernels::moments_len`]).
    pub second: Vec<T>,
    /// `Σ_n w_n ln p(x_n)`.
    pub log_likelihood: T,
    /// The first row whose likelihood is not finite, if any.
    pub non_finite_row: Option<usize>,
}

impl<T: Float> Moments<T> {
    pub(crate) fn zeros(k: usize, d: usize, second_len: usize) -> Self {
        Moments {
            weight: vec![T::ZERO; k],
            first: vec![T::ZERO; d * k],
            second: vec![T::ZERO; second_len],
            log_likelihood: T::ZERO,
            non_finite_row: None,
        }
    }

    /// Adds the sums of the chunk that follows: the scatters about each part's means, plus
    /// `δ δᵀ w_a w_b / (w_a + w_b)` with `δ` the difference of the means (Chan et al.).
    pub(crate) fn add(
        &mut self,
        next: &Self,
        merge: MergeKernel<T>,
        delta: &mut [T],
        factor: &mut [T],
    ) {
        let k = self.weight.len();
        for (c, f) in factor.iter_mut().enumerate() {
            let (a, b) = (self.weight[c], next.weight[c]);
            let both = a > T::ZERO && b > T::ZERO;
            *f = if both { a * b / (a + b) } else { T::ZERO };
            for (i, v) in delta.chunks_exact_mut(k).enumerate() {
                let at = i * k + c;
                v[c] = if both {
                    next.first[at] / b - self.first[at] / a
                } else {
                    T::ZERO
                };
            }
        }
        merge(&mut self.second, &next.second, delta, factor);
        for (a, b) in [
            (&mut self.weight, &next.weight),
            (&mut self.first, &next.first),
        ] {
            for (x, &y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.log_likelihood += next.log_likelihood;
        self.non_finite_row = self.non_finite_row.or(next.non_finite_row);
    }
}

/// The E-step and the M-step's sums over the points `x` (weights `w`), the first of which is
/// row `first_row` of the data: compiled for AVX2 and FMA too, and run that way where the
/// processor has them (the exp's polynomial then uses fused multiply-adds: the same results
/// to the last bit or so; the number of threads never changes which version runs).
pub(crate) fn chunk_moments<K: CovarianceKernels, T: Float>(
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    w: &[T],
    first_row: usize,
    scratch: &mut ChunkScratch<T>,
) -> Moments<T> {
    match isa::detect() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `detect` found AVX-512F, AVX2 and FMA on this processor.
        Isa::Avx512 => unsafe {
            chunk_moments_avx512::<K, T>(coefficients, x, w, first_row, scratch)
        },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `detect` found AVX2 and FMA on this processor.
        Isa::Avx2 => unsafe { chunk_moments_avx2::<K, T>(coefficients, x, w, first_row, scratch) },
        _ => chunk_moments_inline::<K, T, false, 4>(coefficients, x, w, first_row, scratch),
    }
}

/// Declares a compilation of [`chunk_moments_inline`] (with fused multiply-adds) for a set of
/// x86-64 target features, which the caller must check the processor has.
macro_rules! chunk_moments_with_features {
    ($(#[$doc:meta])* $name:ident, $features:literal, $width:literal) => {
        $(#[$doc])*
        ///
        /// # Safety
        #[doc = concat!("The processor must support ", $features, ".")]
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = $features)]
        unsafe fn $name<K: CovarianceKernels, T: Float>(
            coefficients: &Coefficients<T>,
            x: TensorRef<'_, T, 2>,
            w: &[T],
            first_row: usize,
            scratch: &mut ChunkScratch<T>,
        ) -> Moments<T> {
            chunk_moments_inline::<K, T, true, $width>(coefficients, x, w, first_row, scratch)
        }
    };
}

chunk_moments_with_features!(
    /// [`chunk_moments`] with 256-bit vectors and fused multiply-adds.
    chunk_moments_avx2,
    "avx2,fma",
    8
);

chunk_moments_with_features!(
    /// [`chunk_moments`] with 512-bit vectors and fused multiply-adds: the same operations in
    /// the same order as [`chunk_moments_avx2`] (sums over points go through fixed lanes, not
    /// the vector width), so the same results.
    chunk_moments_avx512,
    "avx512f,avx2,fma",
    32
);

/// The body of [`chunk_moments`], inlined into each of its compilations; `WIDTH` is the
/// number of points the `d = 2` path keeps in registers at a time (see
/// [`plane_chunk_moments`]).
#[inline(always)]
fn chunk_moments_inline<K: CovarianceKernels, T: Float, const FUSED: bool, const WIDTH: usize>(
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    w: &[T],
    first_row: usize,
    scratch: &mut ChunkScratch<T>,
) -> Moments<T> {
    if coefficients.d == 2 {
        return plane_chunk_moments::<K, T, FUSED, WIDTH>(
            coefficients,
            x,
            w,
            first_row,
            &mut scratch.planes,
        );
    }
    let (k, d) = (coefficients.k, coefficients.d);
    let rows = w.len();
    let mut sums = Moments::zeros(k, d, K::moments_len(k, d));
    let ChunkScratch {
        resp,
        per_point,
        means,
        kernels,
        ..
    } = scratch;
    // The E-step: the squared distances of the chunk to every mean (`k x rows`), then per
    // point the log-densities ln π_c p(x | c), their maximum over the components,
    // exp(ln π_c p(x | c) - max) and its sum, each loop over the chunk's points so that it
    // vectorises.
    let resp = buffer(resp, k * rows);
    K::chunk_distances(x, &coefficients.means, &coefficients.factors, kernels, resp);
    let (max, rest) = buffer(per_point, 3 * rows).split_at_mut(rows);
    let (total, log_total) = rest.split_at_mut(rows);
    max.fill(T::NEG_INFINITY);
    let half = T::from_f64(0.5);
    for (r, &offset) in resp.chunks_exact_mut(rows).zip(&coefficients.offsets) {
        for (v, m) in r.iter_mut().zip(max.iter_mut()) {
            *v = offset - half * *v;
            *m = if *v > *m { *v } else { *m };
        }
    }
    let finite = |m: T| m.is_finite();
    if let Some(row) = max.iter().position(|&m| !finite(m)) {
        sums.non_finite_row = Some(first_row + row);
    }
    total.fill(T::ZERO);
    for r in resp.chunks_exact_mut(rows) {
        for ((v, &m), t) in r.iter_mut().zip(max.iter()).zip(total.iter_mut()) {
            *v = exp_nonpositive::<T, FUSED>(*v - m);
            *t += *v;
        }
    }
    // The logarithms of the sums (each in [1, k]: the largest term is exp(0)) in a loop of
    // their own, so that it vectorises; the log-likelihood's sum in row order. The sums
    // become the weighted responsibilities' scales w_n / Σ_c exp(..).
    for (l, &t) in log_total.iter_mut().zip(total.iter()) {
        *l = ln_normal::<T, FUSED>(t);
    }
    for (((&l, &m), &weight), t) in log_total
        .iter()
        .zip(max.iter())
        .zip(w)
        .zip(total.iter_mut())
    {
        if finite(m) {
            sums.log_likelihood += weight * (l + m);
            *t = weight / *t;
        } else {
            *t = T::ZERO;
        }
    }
    for r in resp.chunks_exact_mut(rows) {
        for ((v, &scale), &m) in r.iter_mut().zip(total.iter()).zip(max.iter()) {
            *v = if finite(m) { *v * scale } else { T::ZERO };
        }
    }
    responsibility_moments::<K, T>(x, w, resp, &mut sums, means, kernels);
    sums
}

/// The M-step's sums over the points `x` (weights `w`) of their weighted responsibilities
/// `resp` (`k x rows`), added into `sums`: the weights, the first moments, and the second
/// moments about the chunk's means (`means` a buffer), each a matrix product over the chunk.
#[inline(always)]
fn responsibility_moments<K: CovarianceKernels, T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    resp: &[T],
    sums: &mut Moments<T>,
    means: &mut Vec<T>,
    scratch: &mut Scratch<T>,
) {
    let [rows, d] = x.shape();
    let k = sums.weight.len();
    let r = view(resp, [k, rows]);
    einsum!(sums.weight[..] = "cn->c", r);
    einsum!(view_mut(&mut sums.first, [d, k]) = "cn,ni->ic", r, x);
    if K::SCATTER_PER_COMPONENT {
        // The scatter about the chunk's means.
        let means = buffer(means, k * d);
        for (c, m) in means.chunks_exact_mut(d).enumerate() {
            let total = sums.weight[c];
            for (i, m) in m.iter_mut().enumerate() {
                *m = if total > T::ZERO {
                    sums.first[i * k + c] / total
                } else {
                    T::ZERO
                };
            }
        }
        K::chunk_scatter(x, resp, means, &sums.weight, scratch, &mut sums.second);
    }
    K::accumulate_chunk(x, w, &mut sums.second);
}

/// The M-step's sums over the points `x` (weights `w`) under given responsibilities `resp`
/// (`rows x k`): the initialisation's M-step, chunk by chunk as the EM iterations'.
pub(crate) fn given_chunk_moments<K: CovarianceKernels, T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    given: &[T],
    scratch: &mut ChunkScratch<T>,
) -> Moments<T> {
    let [rows, d] = x.shape();
    let k = given.len() / rows.max(1);
    let mut sums = Moments::zeros(k, d, K::moments_len(k, d));
    let ChunkScratch {
        resp,
        means,
        kernels,
        ..
    } = scratch;
    let resp = buffer(resp, k * rows);
    einsum!(
        view_mut(&mut *resp, [k, rows]) = "nc,n->cn",
        view(given, [rows, k]),
        w
    );
    responsibility_moments::<K, T>(x, w, resp, &mut sums, means, kernels);
    sums
}

/// The per-thread buffers of [`chunk_moments`].
#[derive(Debug, Default)]
pub(crate) struct ChunkScratch<T> {
    /// The chunk's squared distances, then its weighted responsibilities, `k x rows`.
    resp: Vec<T>,
    /// Three values per point of the chunk.
    per_point: Vec<T>,
    /// The components' means over the chunk, `k x d`.
    means: Vec<T>,
    /// The covariance type's kernels' buffers.
    kernels: Scratch<T>,
    /// A chunk's initial responsibilities.
    given: Vec<T>,
    planes: PlaneScratch<T>,
}

/// Points per block of the `d = 2` path, and partial sums per component in its sums over the
/// points.
pub(crate) const LANES: usize = 32;

/// One value per point of a chunk of the `d = 2` path: [`CHUNK_ROWS`] as blocks of
/// [`LANES`], so that every extent is known at compile time and sums over the points keep
/// one partial sum per lane (no serial chain of additions).
pub(crate) type Plane<T> = [[T; LANES]; CHUNK_ROWS / LANES];

/// A [`Plane`] on a cache-line boundary, so that no vector load or store of its blocks
/// straddles two lines.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
pub(crate) struct AlignedPlane<T>(pub Plane<T>);

/// The per-thread buffers of the `d = 2` path: per component, the log-densities, then the
/// exponentials, then the weighted responsibilities.
#[derive(Debug, Default)]
pub(crate) struct PlaneScratch<T> {
    resp: Vec<AlignedPlane<T>>,
}

/// A sum over the points from its per-lane partial sums: the upper half of the lanes added
/// to the lower half until one is left. A fixed order whatever the vector width or the number
/// of threads, and five vector additions rather than a chain of 31.
#[inline(always)]
pub(crate) fn sum_lanes<T: Float>(lane_sums: &[T; LANES]) -> T {
    let mut lanes = *lane_sums;
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        let (low, high) = lanes.split_at_mut(width);
        for (a, &b) in low.iter_mut().zip(&high[..width]) {
            *a += b;
        }
    }
    lanes[0]
}

/// [`chunk_moments`] for `d = 2`, with compile-time extents. Its loops take `WIDTH` points at
/// a time (a divisor of [`LANES`]), as many as the compilation's registers hold: every
/// operation on a point is the same whatever `WIDTH`, and so are the results.
#[inline(always)]
fn plane_chunk_moments<K: CovarianceKernels, T: Float, const FUSED: bool, const WIDTH: usize>(
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    w: &[T],
    first_row: usize,
    scratch: &mut PlaneScratch<T>,
) -> Moments<T> {
    let k = coefficients.k;
    let rows = w.len();
    let mut sums = Moments::zeros(k, 2, K::moments_len(k, 2));
    let zero = AlignedPlane([[T::ZERO; LANES]; CHUNK_ROWS / LANES]);
    // The chunk by coordinate, padded with weightless points at the origin.
    let (mut x0, mut x1, mut ws) = (zero, zero, zero);
    for (row, (point, &weight)) in x.data().chunks_exact(2).zip(w).enumerate() {
        let (b, l) = (row / LANES, row % LANES);
        x0.0[b][l] = point[0];
        x1.0[b][l] = point[1];
        ws.0[b][l] = weight;
    }
    let xs = [&x0.0, &x1.0];
    let resp = &mut scratch.resp;
    resp.resize(k, zero);
    // The E-step `WIDTH` points at a time, so that their differences, distances, maxima and
    // sums stay in registers and their column of every component's plane in the nearest
    // cache: ln π_c p(x | c) for every component and their maximum, then
    // exp(ln π_c p(x | c) - max) and its sum over the components.
    let half = T::from_f64(0.5);
    let (AlignedPlane(mut max), AlignedPlane(mut total)) = (zero, zero);
    let per_component = || {
        (coefficients.offsets.iter())
            .zip(coefficients.means.as_chunks::<2>().0)
            .zip(&coefficients.plane_factors)
    };
    let columns = [columns::<T, WIDTH>(xs[0]), columns::<T, WIDTH>(xs[1])];
    for (j, (x0, x1)) in columns[0].iter().zip(columns[1]).enumerate() {
        let mut column_max = [T::NEG_INFINITY; WIDTH];
        for (AlignedPlane(plane), ((&offset, &[m0, m1]), &factors)) in
            resp.iter_mut().zip(per_component())
        {
            let (mut dx0, mut dx1) = (*x0, *x1);
            for (v0, v1) in dx0.iter_mut().zip(&mut dx1) {
                *v0 -= m0;
                *v1 -= m1;
            }
            let distances = K::block_distances(factors, &[dx0, dx1]);
            let out = &mut columns_mut::<T, WIDTH>(plane)[j];
            for ((out, m), &d) in out.iter_mut().zip(&mut column_max).zip(&distances) {
                let v = offset - half * d;
                *out = v;
                *m = if v > *m { v } else { *m };
            }
        }
        let valid = rows.saturating_sub(j * WIDTH).min(WIDTH);
        if let Some(lane) = column_max[..valid].iter().position(|m| !m.is_finite()) {
            sums.non_finite_row = Some(first_row + j * WIDTH + lane);
            return sums;
        }
        let mut column_total = [T::ZERO; WIDTH];
        for AlignedPlane(plane) in resp.iter_mut() {
            let values = &mut columns_mut::<T, WIDTH>(plane)[j];
            for ((v, &m), t) in values.iter_mut().zip(&column_max).zip(&mut column_total) {
                *v = exp_nonpositive::<T, FUSED>(*v - m);
                *t += *v;
            }
        }
        columns_mut::<T, WIDTH>(&mut max)[j] = column_max;
        columns_mut::<T, WIDTH>(&mut total)[j] = column_total;
    }
    // The weighted responsibilities: w_n / Σ_c exp(..) times each exp. The logarithms of the
    // sums (each in [1, k]: the largest term is exp(0)) in a loop of their own, so that it
    // vectorises; the log-likelihood's sum stays in row order.
    let (AlignedPlane(mut scale), AlignedPlane(mut log_norm)) = (zero, zero);
    let (total, ws, max) = (
        &total.as_flattened()[..rows],
        &ws.0.as_flattened()[..rows],
        &max.as_flattened()[..rows],
    );
    for (((s, l), &t), &weight) in (scale.as_flattened_mut().iter_mut())
        .zip(log_norm.as_flattened_mut())
        .zip(total)
        .zip(ws)
    {
        *s = weight / t;
        *l = ln_normal::<T, FUSED>(t);
    }
    for ((&l, &m), &weight) in log_norm.as_flattened().iter().zip(max).zip(ws) {
        sums.log_likelihood += weight * (l + m);
    }
    // The M-step's sums, one component at a time and two passes over its plane while it
    // sits in the nearest cache: the weighted responsibilities with their sums and first
    // moments, then the second moments about the chunk's mean. Each sum keeps one partial
    // sum per lane of a block; `WIDTH` lanes at a time go through every block.
    let ones = [T::ONE; WIDTH];
    for (c, AlignedPlane(plane)) in resp.iter_mut().enumerate() {
        let mut lanes = [[T::ZERO; LANES]; 3];
        for s in 0..LANES / WIDTH {
            let mut partial = [[T::ZERO; WIDTH]; 3];
            let blocks = (plane.iter_mut().zip(&scale)).zip(xs[0].iter().zip(xs[1]));
            for ((r, scale), (x0, x1)) in blocks {
                let r = &mut r.as_chunks_mut::<WIDTH>().0[s];
                for (v, &scale) in r.iter_mut().zip(&scale.as_chunks::<WIDTH>().0[s]) {
                    *v *= scale;
                }
                let (x0, x1) = (x0.as_chunks::<WIDTH>().0[s], x1.as_chunks::<WIDTH>().0[s]);
                einsum!(partial += "l,il->il", &*r, [ones, x0, x1]);
            }
            for (lanes, partial) in lanes.iter_mut().zip(&partial) {
                lanes.as_chunks_mut::<WIDTH>().0[s] = *partial;
            }
        }
        let [weight, first0, first1] = lanes.map(|l| sum_lanes(&l));
        sums.weight[c] = weight;
        sums.first[c] = first0;
        sums.first[k + c] = first1;
        if K::SCATTER_PER_COMPONENT && weight > T::ZERO {
            let mean = [first0 / weight, first1 / weight];
            K::plane_scatter::<T, WIDTH>(plane, xs, mean, &mut sums.second[c..], k);
        }
    }
    K::accumulate_chunk(x, w, &mut sums.second);
    sums
}

/// A plane's points `WIDTH` at a time, in row order.
#[inline(always)]
fn columns<T, const WIDTH: usize>(plane: &Plane<T>) -> &[[T; WIDTH]] {
    plane.as_flattened().as_chunks::<WIDTH>().0
}

/// [`columns`], to write.
#[inline(always)]
fn columns_mut<T, const WIDTH: usize>(plane: &mut Plane<T>) -> &mut [[T; WIDTH]] {
    plane.as_flattened_mut().as_chunks_mut::<WIDTH>().0
}

/// Chunks whose sums are held at once before they are merged in order: bounds the memory of
/// a pass (`k (1 + d + d²)` values a chunk) whatever the number of points.
const GROUP_CHUNKS: usize = 256;

/// The sums of every chunk passed to `fold` in chunk order: on rayon's pool when it has more
/// than one thread, a group of [`GROUP_CHUNKS`] at a time.
#[cfg(feature = "rayon")]
fn fold_chunks_in_order<T: Float>(
    n_chunks: usize,
    chunk: impl Fn(usize, &mut ChunkScratch<T>) -> Moments<T> + Sync + Send,
    mut fold: impl FnMut(Moments<T>),
) {
    use rayon::prelude::*;
    if rayon::current_num_threads() > 1 {
        for group in (0..n_chunks).step_by(GROUP_CHUNKS) {
            let parts: Vec<Moments<T>> = (group..n_chunks.min(group + GROUP_CHUNKS))
                .into_par_iter()
                .map_init(ChunkScratch::default, |scratch, index| {
                    chunk(index, scratch)
                })
                .collect();
            parts.into_iter().for_each(&mut fold);
        }
    } else {
        fold_chunks_one_by_one(n_chunks, chunk, fold);
    }
}

/// The sums of every chunk passed to `fold` in chunk order.
#[cfg(not(feature = "rayon"))]
fn fold_chunks_in_order<T: Float>(
    n_chunks: usize,
    chunk: impl Fn(usize, &mut ChunkScratch<T>) -> Moments<T>,
    fold: impl FnMut(Moments<T>),
) {
    fold_chunks_one_by_one(n_chunks, chunk, fold);
}

/// The sums of every chunk passed to `fold` in chunk order, on this thread.
fn fold_chunks_one_by_one<T: Float>(
    n_chunks: usize,
    chunk: impl Fn(usize, &mut ChunkScratch<T>) -> Moments<T>,
    mut fold: impl FnMut(Moments<T>),
) {
    let mut scratch = ChunkScratch::default();
    for index in 0..n_chunks {
        fold(chunk(index, &mut scratch));
    }
}

/// The buffers of one EM run over one data set.
pub(crate) struct Em<'t, 's, T: Float> {
    pub table: &'t KernelTable<T>,
    pub samples: &'s Samples<'s, T>,
    pub reg_covar: T,
    pub nk: Vec<T>,
    pub log_det: Vec<T>,
    /// `d x k`: differences of means.
    pub delta: Vec<T>,
    /// `k`: weights of a merge of chunks.
    pub factor: Vec<T>,
    pub coefficients: Coefficients<T>,
    pub scratch: Scratch<T>,
}

impl<'t, 's, T: Float> Em<'t, 's, T> {
    pub(crate) fn new(
        table: &'t KernelTable<T>,
        samples: &'s Samples<'s, T>,
        reg_covar: T,
    ) -> Self {
        Em {
            table,
            samples,
            reg_covar,
            nk: Vec::new(),
            log_det: Vec::new(),
            delta: Vec::new(),
            factor: Vec::new(),
            coefficients: Coefficients::default(),
            scratch: Scratch::default(),
        }
    }

    /// One EM iteration: the E-step under `params`, then the M-step replacing them. Returns
    /// the weighted mean log-likelihood under the old parameters (scikit-learn's lower bound).
    pub(crate) fn iterate(&mut self, params: &mut Parameters<T>) -> Result<T, GmmError> {
        self.prepare(params);
        let moments = self.moments();
        if let Some(row) = moments.non_finite_row {
            return Err(GmmError::NonFiniteLikelihood { row });
        }
        self.update(params, &moments);
        self.precision_cholesky(params)?;
        Ok(moments.log_likelihood / self.samples.total_weight)
    }

    /// The E-step's coefficients of `params`.
    pub(crate) fn prepare(&mut self, params: &Parameters<T>) {
        let (k, d) = (params.k, params.d);
        let c = &mut self.coefficients;
        c.k = k;
        c.d = d;
        c.means.clone_from(&params.means);
        if d == 2 {
            (self.table.plane_factors)(&params.precisions_cholesky, k, &mut c.plane_factors);
        } else {
            (self.table.distance_factors)(&params.precisions_cholesky, k, d, &mut c.factors);
        }
        let log_det = buffer(&mut self.log_det, k);
        (self.table.log_det_cholesky)(
            &params.precisions_cholesky,
            k,
            d,
            &mut self.scratch,
            log_det,
        );
        let log_2pi = T::from_usize(d) * T::from_f64((2.0 * std::f64::consts::PI).ln());
        let half = T::from_f64(0.5);
        c.offsets.clear();
        c.offsets.extend(
            log_det
                .iter()
                .zip(&params.weights)
                .map(|(&l, &w)| l + w.ln() - half * log_2pi),
        );
    }

    /// The sums of the whole data set, chunk by chunk.
    pub(crate) fn moments(&mut self) -> Moments<T> {
        let x = self.samples.x;
        let [n, d] = x.shape();
        let w = &*self.samples.w;
        let coefficients = &self.coefficients;
        let em_chunk = self.table.em_chunk;
        let chunk = |index: usize, scratch: &mut ChunkScratch<T>| {
            let start = index * CHUNK_ROWS;
            let end = (start + CHUNK_ROWS).min(n);
            let rows = view(&x.data()[start * d..end * d], [end - start, d]);
            em_chunk(coefficients, rows, &w[start..end], start, scratch)
        };
        let merge = self.table.merge_moments;
        merge_chunks(n, chunk, merge, &mut self.delta, &mut self.factor)
    }

    /// Weights, means and covariances from the sums ([`m_step`]).
    fn update(&mut self, params: &mut Parameters<T>, moments: &Moments<T>) {
        m_step(
            self.table,
            self.reg_covar,
            params,
            moments,
            &mut self.nk,
            &mut self.delta,
            &mut self.scratch,
        );
    }

    /// Weights, means and covariances from initial responsibilities, as scikit-learn's
    /// `_estimate_gaussian_parameters` (the weights normalised): `fill` writes those of a
    /// range of points into a zeroed `rows x k` buffer, one chunk at a time, and the chunks'
    /// sums are merged as the EM iterations' are. No `n x k` array is built.
    pub(crate) fn estimate(
        &mut self,
        params: &mut Parameters<T>,
        fill: impl Fn(Range<usize>, &mut [T]) + Sync + Send,
    ) {
        let x = self.samples.x;
        let [n, d] = x.shape();
        let k = params.k;
        self.coefficients.k = k;
        self.coefficients.d = d;
        let w = &*self.samples.w;
        let given = self.table.given_chunk;
        let chunk = |index: usize, scratch: &mut ChunkScratch<T>| {
            let start = index * CHUNK_ROWS;
            let end = (start + CHUNK_ROWS).min(n);
            let mut resp = core::mem::take(&mut scratch.given);
            let r = buffer(&mut resp, (end - start) * k);
            r.fill(T::ZERO);
            fill(start..end, r);
            let rows = view(&x.data()[start * d..end * d], [end - start, d]);
            let sums = given(rows, &w[start..end], r, scratch);
            scratch.given = resp;
            sums
        };
        let merge = self.table.merge_moments;
        let moments = merge_chunks(n, chunk, merge, &mut self.delta, &mut self.factor);
        params.weights.resize(k, T::ZERO);
        params.means.resize(k * d, T::ZERO);
        params.covariances.resize(self.table.len(k, d), T::ZERO);
        self.update(params, &moments);
    }

    /// The precision Cholesky factors of `params.covariances` ([`precision_cholesky`]).
    pub(crate) fn precision_cholesky(
        &mut self,
        params: &mut Parameters<T>,
    ) -> Result<(), GmmError> {
        precision_cholesky(self.table, params, &mut self.scratch)
    }
}

/// The sums of every chunk of the `n` points, merged in chunk order (Chan et al.);
/// `delta` and `factor` are buffers.
fn merge_chunks<T: Float>(
    n: usize,
    chunk: impl Fn(usize, &mut ChunkScratch<T>) -> Moments<T> + Sync + Send,
    merge: MergeKernel<T>,
    delta: &mut Vec<T>,
    factor: &mut Vec<T>,
) -> Moments<T> {
    let mut total: Option<Moments<T>> = None;
    fold_chunks_in_order(n.div_ceil(CHUNK_ROWS), chunk, |part| match &mut total {
        None => total = Some(part),
        Some(total) => {
            let (k, d) = (total.weight.len(), total.first.len() / total.weight.len());
            total.add(&part, merge, buffer(delta, d * k), buffer(factor, k));
        }
    });
    let Some(total) = total else {
        unreachable!("the data has at least one row")
    };
    total
}

/// Weights, means and covariances from the sums of the whole data (scikit-learn's
/// `_estimate_gaussian_parameters`, the weights normalised), written into `params` (whose
/// buffers have their lengths); `nk` and `offset` are buffers.
pub(crate) fn m_step<T: Float>(
    table: &KernelTable<T>,
    reg_covar: T,
    params: &mut Parameters<T>,
    moments: &Moments<T>,
    nk: &mut Vec<T>,
    offset: &mut Vec<T>,
    scratch: &mut Scratch<T>,
) {
    let (k, d) = (params.k, params.d);
    let tiny = T::from_f64(10.0) * T::EPSILON;
    let nk = buffer(nk, k);
    for (n, &s) in nk.iter_mut().zip(&moments.weight) {
        *n = s + tiny;
    }
    // scikit-learn's means Σ r w x / n_c, and how far the scatter's centre Σ r w x / Σ r w
    // is from them (the 10 ε in n_c).
    let offset = buffer(offset, d * k);
    for i in 0..d {
        for c in 0..k {
            let (sum, total) = (moments.first[i * k + c], moments.weight[c]);
            let mean = sum / nk[c];
            params.means[c * d + i] = mean;
            let centre = if total > T::ZERO {
                sum / total
            } else {
                T::ZERO
            };
            offset[i * k + c] = centre - mean;
        }
    }
    let sums = MomentSums {
        weight: &moments.weight,
        second: &moments.second,
        offset,
        nk,
        means: &params.means,
        reg_covar,
    };
    (table.covariances_from_moments)(&sums, scratch, &mut params.covariances);
    let total: T = einsum!("k->", &*nk);
    for (w, &m) in params.weights.iter_mut().zip(nk.iter()) {
        *w = m / total;
    }
}

/// The precision Cholesky factors of `params.covariances`, after checking that every
/// parameter is finite.
pub(crate) fn precision_cholesky<T: Float>(
    table: &KernelTable<T>,
    params: &mut Parameters<T>,
    scratch: &mut Scratch<T>,
) -> Result<(), GmmError> {
    let (k, d) = (params.k, params.d);
    let finite = |v: &[T]| v.iter().all(|x| x.is_finite());
    if !finite(&params.weights) || !finite(&params.means) {
        return Err(GmmError::NonFiniteParameters);
    }
    params
        .precisions_cholesky
        .resize(params.covariances.len(), T::ZERO);
    (table.precision_cholesky)(
        &params.covariances,
        k,
        d,
        scratch,
        &mut params.precisions_cholesky,
    )
    .map_err(|component| GmmError::IllDefinedCovariance { component })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::{Diag, Full};

    /// 500 correlated points (the last block of the chunk partly filled), their weights, and
    /// the E-step's coefficients of three components: a lower-triangular precision factor
    /// (as from initial precisions) and two upper-triangular ones.
    fn chunk() -> (Vec<f64>, Vec<f64>, Coefficients<f64>) {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut uniform = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let x: Vec<f64> = (0..500)
            .flat_map(|_| {
                let (u, v) = (uniform() * 8.0, uniform() * 2.0);
                [u + v, 0.5 * u - v]
            })
            .collect();
        let w = (0..500).map(|_| 0.5 + uniform()).collect();
        let coefficients = Coefficients {
            k: 3,
            d: 2,
            // k x d
            means: vec![1.0, 0.5, 4.0, 2.0, 7.0, 3.5],
            factors: Vec::new(),
            offsets: vec![-1.2, -0.7, -2.3],
            plane_factors: vec![
                [0.9, 0.0, -0.4, 1.1],
                [0.6, 0.3, 0.0, 0.8],
                [1.4, -0.5, 0.0, 0.7],
            ],
        };
        (x, w, coefficients)
    }

    fn run<K: CovarianceKernels, const WIDTH: usize>() -> Moments<f64> {
        let (x, w, coefficients) = chunk();
        let mut scratch = ChunkScratch::default();
        let x = view(&x, [w.len(), 2]);
        chunk_moments_inline::<K, f64, true, WIDTH>(&coefficients, x, &w, 0, &mut scratch)
    }

    /// The d = 2 path's results do not depend on how many points its loops take at a time,
    /// so every compilation of the chunk kernel computes the same bits.
    #[test]
    fn the_d2_path_gives_the_same_bits_for_every_width() {
        let widest = run::<Full, 32>();
        assert!(widest.log_likelihood.is_finite() && widest.weight.iter().all(|&v| v > 0.0));
        assert_eq!(run::<Full, 8>(), widest);
        assert_eq!(run::<Full, 4>(), widest);
        assert_eq!(run::<Diag, 8>(), run::<Diag, 32>());
        #[cfg(target_arch = "x86_64")]
        if isa::detect() == Isa::Avx512 {
            let (x, w, coefficients) = chunk();
            let x = view(&x, [w.len(), 2]);
            let mut scratch = ChunkScratch::default();
            // SAFETY: `detect` found AVX-512F, AVX2 and FMA.
            let (wide, narrow) = unsafe {
                (
                    chunk_moments_avx512::<Full, f64>(&coefficients, x, &w, 0, &mut scratch),
                    chunk_moments_avx2::<Full, f64>(&coefficients, x, &w, 0, &mut scratch),
                )
            };
            assert_eq!(wide, narrow);
        }
    }
}
