//! The fused chunk pass: one pass over the data does the E-step and the M-step's sums.
//!
//! The points are cut into chunks of [`CHUNK_ROWS`]. Within a chunk, the E-step
//! ([`crate::estep`], the one predict runs too) gives the log-densities of all its points
//! under every component (`k x CHUNK_ROWS`: for full and tied covariances a matrix product of
//! the chunk's differences to a mean with the component's precision factor per component,
//! through `einsum!`'s GEMM tier), their maxima and exponentials; this pass turns them into
//! the log-likelihood and the weighted responsibilities, each loop running along the chunk's
//! points so that it vectorises. The chunk keeps its responsibilities (in cache) for the
//! M-step's sums ([`Moments`]): the weights, the weighted sums of the points and the weighted
//! scatter about the chunk's own means, as the covariance type's matrix products over the
//! chunk ([`CovarianceKernels::chunk_moments`]). Chunks are combined as Chan,
//! Golub and LeVeque's pairwise update of means and scatters, which has no cancellation. No
//! `n x k` array is ever built, and the covariances are centred as scikit-learn's two-pass
//! ones. For `d = 2` the same steps run with compile-time extents, a block of points at a
//! time ([`plane_chunk_moments`]).
//!
//! Chunks run in parallel on rayon's pool (feature `rayon`); they are combined in chunk order,
//! so the result does not depend on the number of threads.

use core::ops::Range;

use einsum::{TensorRef, einsum};

use crate::Float;
use crate::buffers::{Scratch, buffer, view, view_mut};
use crate::data::Weights;
use crate::estep::{Coefficients, exponentials, log_densities, plane_exponentials};
use crate::float::ln_normal;
use crate::isa;
use crate::kernels::CovarianceKernels;
use crate::layout::{AlignedPlane, CHUNK_ROWS, LANES, Plane, coordinate_planes, sum_lanes};

/// Adds `next`'s second moments into `sums` and the scatter between the two sets of means
/// (`delta`, `d x k`, each weighted by `factor`, `k`).
pub(crate) type MergeKernel<T> = fn(&mut [T], &[T], &[T], &[T]);

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

isa::compiled_for_each_isa!(
    /// The E-step and the M-step's sums over the points `x` (weights `w`), the first of which
    /// is row `first_row` of the data, compiled for each instruction set
    /// ([`compiled_for_each_isa`](isa::compiled_for_each_isa)).
    pub(crate) fn chunk_moments, chunk_moments_avx2, chunk_moments_avx512 = chunk_moments_inline(
        coefficients: &Coefficients<T>,
        x: TensorRef<'_, T, 2>,
        w: &[T],
        first_row: usize,
        scratch: &mut ChunkScratch<T>,
    ) -> Moments<T>
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
    if coefficients.d() == 2 {
        return plane_chunk_moments::<K, T, FUSED, WIDTH>(
            coefficients,
            x,
            w,
            first_row,
            &mut scratch.planes,
        );
    }
    let (k, d) = (coefficients.k(), coefficients.d());
    let rows = w.len();
    let mut sums = Moments::zeros(k, d, K::moments_len(k, d));
    let ChunkScratch {
        resp,
        per_point,
        means,
        kernels,
        ..
    } = scratch;
    // The E-step: the log-densities of the chunk's points under every component (`k x rows`),
    // their maxima, exp(ln π_c p(x | c) - max) and its sum, each loop over the chunk's points
    // so that it vectorises.
    let resp = buffer(resp, k * rows);
    let (max, rest) = buffer(per_point, 3 * rows).split_at_mut(rows);
    let (total, log_total) = rest.split_at_mut(rows);
    if let Some(row) = log_densities::<K, T>(coefficients, x, kernels, resp, max) {
        sums.non_finite_row = Some(first_row + row);
    }
    exponentials::<T, FUSED>(resp, max, total);
    let finite = |m: T| m.is_finite();
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
    responsibility_moments::<K, T>(x, w, resp, &mut sums, means, kernels, true);
    sums
}

/// The M-step's sums over the points `x` (weights `w`) of their weighted responsibilities
/// `resp` (`k x rows`), added into `sums`: the weights, then the first moments and the second
/// moments about the chunk's means from the covariance type's matrix products over the chunk
/// (`means` a buffer); `after_e_step`: `scratch` is as the E-step of these points left it.
#[inline(always)]
fn responsibility_moments<K: CovarianceKernels, T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    resp: &[T],
    sums: &mut Moments<T>,
    means: &mut Vec<T>,
    scratch: &mut Scratch<T>,
    after_e_step: bool,
) {
    let [rows, _] = x.shape();
    let k = sums.weight.len();
    component_weights(&resp[..k * rows], &mut sums.weight);
    K::chunk_moments(
        x,
        resp,
        &sums.weight,
        scratch,
        after_e_step,
        means,
        &mut sums.first,
        &mut sums.second,
    );
    K::accumulate_chunk(
        x,
        w,
        &sums.weight,
        &sums.first,
        &mut scratch.a,
        &mut sums.second,
    );
}

/// Points summed side by side in [`component_weights`].
const WEIGHT_LANES: usize = 8;

/// `Σ_n r_cn` of each component's row of `resp` (`k x rows`) into `weight` (`k`), in
/// [`WEIGHT_LANES`] partial sums: as one chain of additions per component (`"cn->c"`) it
/// took 4% of a diag iteration at d = 64.
#[inline(always)]
fn component_weights<T: Float>(resp: &[T], weight: &mut [T]) {
    let rows = resp.len() / weight.len();
    for (w, r) in weight.iter_mut().zip(resp.chunks_exact(rows)) {
        let (blocks, tail) = r.as_chunks::<WEIGHT_LANES>();
        let mut lanes = [T::ZERO; WEIGHT_LANES];
        einsum!(lanes = "bl->l", blocks);
        let (head, tail): (T, T) = (einsum!("l->", lanes), einsum!("n->", tail));
        *w = head + tail;
    }
}

/// The M-step's sums over the points `x` (weights `w`) under given responsibilities `resp`
/// (`rows x k`): the initialisation's M-step, chunk by chunk as the EM iterations', and for
/// `d = 2` through their path.
pub(crate) fn given_chunk_moments<K: CovarianceKernels, T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    given: &[T],
    scratch: &mut ChunkScratch<T>,
) -> Moments<T> {
    let [rows, d] = x.shape();
    let k = given.len() / rows.max(1);
    let mut sums = Moments::zeros(k, d, K::moments_len(k, d));
    if d == 2 {
        // Each component's responsibilities as a plane, padded with zeros, and the weights.
        let [x0, x1] = coordinate_planes(x.data());
        let mut ws = AlignedPlane::zero();
        for (row, &weight) in w.iter().enumerate() {
            ws.0[row / LANES][row % LANES] = weight;
        }
        let PlaneScratch { resp, centred } = &mut scratch.planes;
        // Every value of the `k` planes is written below, so those kept from the last chunk
        // are not cleared first (at k = 50, zeroing them cost an eighth of the pass).
        resp.resize(k, AlignedPlane::zero());
        // One plane at a time, its writes in order: a point's `k` values go to planes 4 KiB
        // apart, which share a cache set (point by point, this took as long as the general
        // path).
        for (c, AlignedPlane(plane)) in resp.iter_mut().enumerate() {
            let (values, padding) = plane.as_flattened_mut().split_at_mut(rows);
            let column = given.iter().skip(c).step_by(k);
            for (v, &r) in values.iter_mut().zip(column) {
                *v = r;
            }
            padding.fill(T::ZERO);
        }
        let xs = [&x0.0, &x1.0];
        plane_responsibility_moments::<K, T, 4>(&ws.0, xs, resp, &ws.0, centred, &mut sums);
        return sums;
    }
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
    responsibility_moments::<K, T>(x, w, resp, &mut sums, means, kernels, false);
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

/// The per-thread buffers of the `d = 2` path: per component, the log-densities, then the
/// exponentials, then the weighted responsibilities.
#[derive(Debug, Default)]
pub(crate) struct PlaneScratch<T> {
    resp: Vec<AlignedPlane<T>>,
    /// Room for the tied scatter's terms.
    centred: Vec<T>,
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
    let k = coefficients.k();
    let rows = w.len();
    let mut sums = Moments::zeros(k, 2, K::moments_len(k, 2));
    let zero = AlignedPlane::zero();
    // The chunk by coordinate and its weights, padded with weightless points at the origin.
    let [x0, x1] = coordinate_planes(x.data());
    let mut ws = zero;
    for (row, &weight) in w.iter().enumerate() {
        ws.0[row / LANES][row % LANES] = weight;
    }
    let xs = [&x0.0, &x1.0];
    let PlaneScratch { resp, centred } = scratch;
    resp.resize(k, zero);
    let (AlignedPlane(mut max), AlignedPlane(mut total)) = (zero, zero);
    let e_step = plane_exponentials::<K, T, FUSED, WIDTH, false>;
    if let Some(row) = e_step(coefficients, xs, rows, resp, &mut max, &mut total, &mut []) {
        sums.non_finite_row = Some(first_row + row);
        return sums;
    }
    // The weighted responsibilities: w_n / Σ_c exp(..) times each exp. The logarithms of the
    // sums (each in [1, k]: the largest term is exp(0)) in a loop of their own, so that it
    // vectorises; the log-likelihood's sum stays in row order.
    let (AlignedPlane(mut scale), AlignedPlane(mut log_norm)) = (zero, zero);
    let weights = &ws.0;
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
    plane_responsibility_moments::<K, T, WIDTH>(weights, xs, resp, &scale, centred, &mut sums);
    sums
}

/// The M-step's sums of a chunk of `d = 2` points (by coordinate `xs`, weights `w`)
/// added into `sums`, from each component's responsibilities `resp` scaled per point by
/// `scale` (in place: they become the weighted responsibilities). One component at a time
/// and two passes over its plane while it sits in the nearest cache: the weighted
/// responsibilities with their sums and first moments, then the second moments about the
/// chunk's mean. Each sum keeps one partial sum per lane of a block; `WIDTH` lanes at a time
/// go through every block. `centred` is a buffer.
#[inline(always)]
fn plane_responsibility_moments<K: CovarianceKernels, T: Float, const WIDTH: usize>(
    w: &Plane<T>,
    xs: [&Plane<T>; 2],
    resp: &mut [AlignedPlane<T>],
    scale: &Plane<T>,
    centred: &mut Vec<T>,
    sums: &mut Moments<T>,
) {
    let k = sums.weight.len();
    let ones = [T::ONE; WIDTH];
    for (c, AlignedPlane(plane)) in resp.iter_mut().enumerate() {
        let mut lanes = [[T::ZERO; LANES]; 3];
        for s in 0..LANES / WIDTH {
            let mut partial = [[T::ZERO; WIDTH]; 3];
            let blocks = (plane.iter_mut().zip(scale)).zip(xs[0].iter().zip(xs[1]));
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
    let (weight, first) = (&sums.weight, &sums.first);
    K::plane_accumulate::<T, WIDTH>(w, xs, weight, first, centred, &mut sums.second);
}

/// Chunks whose sums are held at once before they are merged in order: bounds the memory of
/// a pass (`k (1 + d + d²)` values a chunk) whatever the number of points.
#[cfg(feature = "rayon")]
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

/// The buffers of a merge of two chunks' sums.
#[derive(Debug, Default)]
pub(crate) struct MergeBuffers<T> {
    /// `d x k`: differences of means.
    delta: Vec<T>,
    /// `k`: weights of the merge.
    factor: Vec<T>,
}

/// The fused E-step and M-step sums over one chunk of points ([`chunk_moments`]).
pub(crate) type ChunkKernel<T> =
    fn(&Coefficients<T>, TensorRef<'_, T, 2>, &[T], usize, &mut ChunkScratch<T>) -> Moments<T>;

/// The M-step's sums over one chunk of points under given responsibilities
/// ([`given_chunk_moments`]).
pub(crate) type GivenChunkKernel<T> =
    fn(TensorRef<'_, T, 2>, &[T], &[T], &mut ChunkScratch<T>) -> Moments<T>;

/// The fused pass over the points `x` (weights `w`) under `coefficients`: every chunk's
/// E-step and M-step sums (`fused`, a [`chunk_moments`]), merged in chunk order.
pub(crate) fn fused_pass<T: Float>(
    fused: ChunkKernel<T>,
    merge: MergeKernel<T>,
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    w: Weights<'_, T>,
    buffers: &mut MergeBuffers<T>,
) -> Moments<T> {
    let [n, d] = x.shape();
    let ones = w.ones(CHUNK_ROWS);
    let chunk = |index: usize, scratch: &mut ChunkScratch<T>| {
        let start = index * CHUNK_ROWS;
        let end = (start + CHUNK_ROWS).min(n);
        let rows = view(&x.data()[start * d..end * d], [end - start, d]);
        fused(
            coefficients,
            rows,
            w.of_rows(start..end, &ones),
            start,
            scratch,
        )
    };
    merge_chunks(n, chunk, merge, buffers)
}

/// The M-step's sums over the points `x` (weights `w`) under the initial responsibilities of
/// `k` components that `fill` writes, a range of points at a time, into a zeroed `rows x k`
/// buffer (`given`, a [`given_chunk_moments`]), merged in chunk order: no `n x k` array is
/// built.
pub(crate) fn given_pass<T: Float>(
    given: GivenChunkKernel<T>,
    merge: MergeKernel<T>,
    k: usize,
    x: TensorRef<'_, T, 2>,
    w: Weights<'_, T>,
    fill: impl Fn(Range<usize>, &mut [T]) + Sync + Send,
    buffers: &mut MergeBuffers<T>,
) -> Moments<T> {
    let [n, d] = x.shape();
    let ones = w.ones(CHUNK_ROWS);
    let chunk = |index: usize, scratch: &mut ChunkScratch<T>| {
        let start = index * CHUNK_ROWS;
        let end = (start + CHUNK_ROWS).min(n);
        let mut resp = core::mem::take(&mut scratch.given);
        let r = buffer(&mut resp, (end - start) * k);
        r.fill(T::ZERO);
        fill(start..end, r);
        let rows = view(&x.data()[start * d..end * d], [end - start, d]);
        let sums = given(rows, w.of_rows(start..end, &ones), r, scratch);
        scratch.given = resp;
        sums
    };
    merge_chunks(n, chunk, merge, buffers)
}

/// The sums of every chunk of the `n` points, merged in chunk order (Chan et al.).
fn merge_chunks<T: Float>(
    n: usize,
    chunk: impl Fn(usize, &mut ChunkScratch<T>) -> Moments<T> + Sync + Send,
    merge: MergeKernel<T>,
    buffers: &mut MergeBuffers<T>,
) -> Moments<T> {
    let mut total: Option<Moments<T>> = None;
    fold_chunks_in_order(n.div_ceil(CHUNK_ROWS), chunk, |part| match &mut total {
        None => total = Some(part),
        Some(total) => {
            let (k, d) = (total.weight.len(), total.first.len() / total.weight.len());
            let delta = buffer(&mut buffers.delta, d * k);
            total.add(&part, merge, delta, buffer(&mut buffers.factor, k));
        }
    });
    let Some(total) = total else {
        unreachable!("the data has at least one row")
    };
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::isa::Isa;
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
        let coefficients = Coefficients::plane(
            // k x d
            vec![1.0, 0.5, 4.0, 2.0, 7.0, 3.5],
            vec![-1.2, -0.7, -2.3],
            vec![
                [0.9, 0.0, -0.4, 1.1],
                [0.6, 0.3, 0.0, 0.8],
                [1.4, -0.5, 0.0, 0.7],
            ],
        );
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
