//! Weighted k-means, as scikit-learn's `KMeans(n_init=1)` used to initialise a mixture:
//! greedy k-means++ seeding, then Lloyd's iterations.
//!
//! Every pass goes over fixed chunks of [`CHUNK_ROWS`] points. A chunk's squared distances to
//! the centres are one `einsum!` (`|x|² - 2 x·c + |c|²`, clamped at 0, as scikit-learn's);
//! its sums (the weighted points of each label, the potential of each seeding candidate) are
//! added point by point into `k`-sized accumulators and the chunks' sums combined in chunk
//! order, so the result does not depend on the number of threads (feature `rayon`). Nothing
//! of size `k x n` is ever built: a pass holds one chunk's distances per thread.

use core::ops::Range;

use einsum::{TensorRef, einsum};
use rand::Rng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::rngs::StdRng;

use crate::Float;
use crate::isa::{self, Isa};
use crate::kernels::view;

/// The points of one unit of work: their distances to 50 centres (200 KiB in `f64`) stay in
/// the L2 cache.
const CHUNK_ROWS: usize = 512;

/// Chunks whose results are held at once before they are combined in order: bounds the
/// memory of a pass whatever the number of points.
const GROUP_CHUNKS: usize = 64;

/// Runs `work` on every chunk of rows (its range and its part of `out`, one entry per row)
/// and passes the results to `fold` in chunk order: on rayon's pool when it has more than one
/// thread, so `fold` sees the same sequence whatever the number of threads.
fn for_each_chunk<O, R, S>(
    out: &mut [O],
    work: impl Fn(Range<usize>, &mut [O], &mut S) -> R + Sync + Send,
    mut fold: impl FnMut(R),
) where
    O: Send,
    R: Send,
    S: Default + Send,
{
    #[cfg(feature = "rayon")]
    if rayon::current_num_threads() > 1 {
        use rayon::prelude::*;
        let group_rows = CHUNK_ROWS * GROUP_CHUNKS;
        for (g, group) in out.chunks_mut(group_rows).enumerate() {
            let base = g * group_rows;
            let results: Vec<R> = group
                .par_chunks_mut(CHUNK_ROWS)
                .enumerate()
                .map_init(S::default, |scratch, (i, part)| {
                    let start = base + i * CHUNK_ROWS;
                    work(start..start + part.len(), part, scratch)
                })
                .collect();
            results.into_iter().for_each(&mut fold);
        }
        return;
    }
    let mut scratch = S::default();
    for (i, part) in out.chunks_mut(CHUNK_ROWS).enumerate() {
        let start = i * CHUNK_ROWS;
        fold(work(start..start + part.len(), part, &mut scratch));
    }
}

/// Points per block of the distance kernel: its loops over a block's points have this
/// extent at compile time and vectorise (two AVX-512 registers of `f64`).
const BLOCK: usize = 16;

/// Centres as the distance kernel reads them, less `shift` (the data's weighted mean), by which
/// the points are shifted too: distances do not change, and `|x|² - 2 x·c + |c|²` then does not
/// cancel away the distances of data far from the origin (in `f32`, all of them; scikit-learn
/// centres the data for the same reason).
struct Centres<'a, T> {
    /// `m x d`, shifted.
    rows: Vec<T>,
    /// `m` squared norms of the shifted centres.
    norms: Vec<T>,
    /// `d`.
    shift: &'a [T],
}

impl<'a, T: Float> Centres<'a, T> {
    /// From `m x d` rows.
    fn new(rows: &[T], shift: &'a [T]) -> Self {
        let d = shift.len();
        let m = rows.len() / d;
        let mut shifted = rows.to_vec();
        for row in shifted.chunks_exact_mut(d) {
            for (v, &s) in row.iter_mut().zip(shift) {
                *v -= s;
            }
        }
        let view_rows = view(&shifted, [m, d]);
        let mut norms = vec![T::ZERO; m];
        einsum!(norms = "mi,mi->m", view_rows, view_rows);
        Centres {
            rows: shifted,
            norms,
            shift,
        }
    }
}

/// The weighted mean of the rows of `x`.
fn weighted_mean<T: Float>(x: TensorRef<'_, T, 2>, w: &[T]) -> Vec<T> {
    let total: T = einsum!("n->", w);
    let mut mean = vec![T::ZERO; x.shape()[1]];
    einsum!(mean = "n,ni->i", w, x);
    for v in &mut mean {
        *v /= total;
    }
    mean
}

/// Per-thread buffers of a pass.
#[derive(Default)]
struct Scratch<T> {
    /// One block of points, `d x BLOCK`.
    block: Vec<[T; BLOCK]>,
    /// The block's squared distances to each centre, `m x BLOCK`.
    distances: Vec<[T; BLOCK]>,
}

/// The dot products of the rows `points` (at most [`BLOCK`] rows of `d` values; the block is
/// padded with copies of its first row) with each centre, `m x BLOCK`, and the rows' squared
/// norms: the squared distances are `|x|² - 2 x·c + |c|²` (clamped at 0), as scikit-learn's.
/// The callers finish them inside their own loops over a centre's row of the block, which
/// then vectorise over the points.
#[inline(always)]
fn block_products<'s, T: Float>(
    points: &[T],
    centres: &Centres<'_, T>,
    scratch: &'s mut Scratch<T>,
) -> ([T; BLOCK], &'s [[T; BLOCK]]) {
    let d = centres.shift.len();
    let m = centres.norms.len();
    let Scratch { block, distances } = scratch;
    block.resize(d, [T::ZERO; BLOCK]);
    distances.resize(m, [T::ZERO; BLOCK]);
    let valid = points.len() / d;
    for (l, point) in points
        .chunks_exact(d)
        .chain(core::iter::repeat_n(&points[..d], BLOCK - valid))
        .enumerate()
    {
        for ((b, &v), &s) in block.iter_mut().zip(point).zip(centres.shift) {
            b[l] = v - s;
        }
    }
    let block = &block[..];
    let mut norms = [T::ZERO; BLOCK];
    einsum!(norms = "il,il->l", block, block);
    let rows = view(&centres.rows, [m, d]);
    einsum!(distances[..] = "ci,il->cl", rows, block);
    (norms, distances)
}

/// `|x|² - 2 x·c + |c|²`, clamped at 0.
#[inline(always)]
fn squared_distance<T: Float>(x_norm: T, product: T, c_norm: T) -> T {
    let s = x_norm - T::from_f64(2.0) * product + c_norm;
    if s > T::ZERO { s } else { T::ZERO }
}

/// The rows `range` of `x` as a view.
fn rows<'a, T>(x: TensorRef<'a, T, 2>, range: &Range<usize>) -> TensorRef<'a, T, 2> {
    let d = x.shape()[1];
    view(&x.data()[range.start * d..range.end * d], [range.len(), d])
}

/// A uniform draw in `[0, 1)`.
pub(crate) fn uniform<T: Float>(rng: &mut StdRng) -> T {
    T::from_f64(rng.random::<f64>())
}

/// `count` indices drawn with probabilities proportional to `weights`; when every weight is
/// zero, the last index (numpy's `searchsorted` on a zero sum, clipped, as scikit-learn).
fn weighted_draws(
    weights: impl IntoIterator<Item = f64>,
    n: usize,
    count: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    match WeightedIndex::new(weights) {
        Ok(distribution) => (0..count).map(|_| distribution.sample(rng)).collect(),
        Err(_) => vec![n - 1; count],
    }
}

/// Declares `$name`, which runs `$inline` compiled for the widest vector instructions the
/// processor has (AVX-512, AVX2 with FMA, or the target's baseline): the distance loops then
/// use the whole vector width. Every compilation does the same operations in the same order
/// up to fused multiply-adds, chosen per processor, never per thread count.
macro_rules! widest_compilation {
    ($(#[$doc:meta])* fn $name:ident<T>($($arg:ident: $ty:ty),*) -> $ret:ty = $inline:ident) => {
        $(#[$doc])*
        fn $name<T: Float>($($arg: $ty),*) -> $ret {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx2,fma")]
            unsafe fn avx512<T: Float>($($arg: $ty),*) -> $ret {
                $inline($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma")]
            unsafe fn avx2<T: Float>($($arg: $ty),*) -> $ret {
                $inline($($arg),*)
            }
            match isa::detect() {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `detect` found AVX-512F, AVX2 and FMA on this processor.
                Isa::Avx512 => unsafe { avx512($($arg),*) },
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `detect` found AVX2 and FMA on this processor.
                Isa::Avx2 => unsafe { avx2($($arg),*) },
                _ => $inline($($arg),*),
            }
        }
    };
}

widest_compilation! {
    /// Lowers each point's `closest` squared distance to its distance to `centre`.
    fn lower_closest_chunk<T>(
        x: TensorRef<'_, T, 2>,
        centre: &Centres<'_, T>,
        closest: &mut [T],
        scratch: &mut Scratch<T>
    ) -> () = lower_closest_inline
}

#[inline(always)]
fn lower_closest_inline<T: Float>(
    x: TensorRef<'_, T, 2>,
    centre: &Centres<'_, T>,
    closest: &mut [T],
    scratch: &mut Scratch<T>,
) {
    let d = x.shape()[1];
    let c_norm = centre.norms[0];
    for (points, closest) in x.data().chunks(BLOCK * d).zip(closest.chunks_mut(BLOCK)) {
        let (x_norms, products) = block_products(points, centre, scratch);
        let mut distances = [T::ZERO; BLOCK];
        for ((v, &xn), &p) in distances.iter_mut().zip(&x_norms).zip(&products[0]) {
            *v = squared_distance(xn, p, c_norm);
        }
        for (c, &v) in closest.iter_mut().zip(&distances) {
            if v < *c {
                *c = v;
            }
        }
    }
}

widest_compilation! {
    /// For each candidate centre, `Σ w min(closest, |x - candidate|²)` over the chunk.
    fn potentials_chunk<T>(
        x: TensorRef<'_, T, 2>,
        w: &[T],
        candidates: &Centres<'_, T>,
        closest: &[T],
        scratch: &mut Scratch<T>
    ) -> Vec<T> = potentials_inline
}

#[inline(always)]
fn potentials_inline<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    candidates: &Centres<'_, T>,
    closest: &[T],
    scratch: &mut Scratch<T>,
) -> Vec<T> {
    let d = x.shape()[1];
    // One partial sum per candidate and point of a block, added in a fixed order at the end.
    let mut lanes = vec![[T::ZERO; BLOCK]; candidates.norms.len()];
    let blocks = x.data().chunks(BLOCK * d).zip(w.chunks(BLOCK));
    for ((points, w), closest) in blocks.zip(closest.chunks(BLOCK)) {
        let (x_norms, products) = block_products(points, candidates, scratch);
        let (mut weights, mut nearest) = ([T::ZERO; BLOCK], [T::ZERO; BLOCK]);
        weights[..w.len()].copy_from_slice(w);
        nearest[..closest.len()].copy_from_slice(closest);
        for ((lanes, row), &cn) in lanes.iter_mut().zip(products).zip(&candidates.norms) {
            for (((s, &p), &xn), (&c, &weight)) in
                (lanes.iter_mut().zip(row).zip(&x_norms)).zip(nearest.iter().zip(&weights))
            {
                let v = squared_distance(xn, p, cn);
                *s += weight * if v < c { v } else { c };
            }
        }
    }
    lanes
        .iter()
        .map(|l| l.iter().fold(T::ZERO, |s, &v| s + v))
        .collect()
}

/// Indices of `k` seeds chosen by greedy k-means++ (`2 + ⌊ln k⌋` candidates per step, the
/// one that lowers the weighted potential most kept), with sample weights.
///
/// Each step takes two passes: the potential of every candidate, then the distances to the
/// chosen one, so that only one distance per point is stored.
pub(crate) fn kmeans_plusplus<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    k: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    let [n, d] = x.shape();
    let data = x.data();
    let trials = 2 + (k as f64).ln().floor() as usize;
    let row = |i: usize| &data[i * d..(i + 1) * d];
    let shift = weighted_mean(x, w);
    // Squared distance of every point to its nearest seed, lowered seed by seed.
    let mut closest = vec![T::INFINITY; n];
    let lower_closest = |closest: &mut [T], seed: usize| {
        let centre = Centres::new(row(seed), &shift);
        for_each_chunk(
            closest,
            |range, closest, scratch: &mut Scratch<T>| {
                lower_closest_chunk(rows(x, &range), &centre, closest, scratch);
            },
            |()| {},
        );
    };
    let first = weighted_draws(w.iter().map(|v| v.into_f64()), n, 1, rng)[0];
    let mut seeds = vec![first];
    lower_closest(&mut closest, first);
    let mut candidates = vec![T::ZERO; trials * d];
    let mut rows_out = vec![(); n];
    while seeds.len() < k {
        let weights = w.iter().zip(&closest).map(|(a, b)| (*a * *b).into_f64());
        let ids = weighted_draws(weights, n, trials, rng);
        for (t, &id) in ids.iter().enumerate() {
            candidates[t * d..(t + 1) * d].copy_from_slice(row(id));
        }
        let centres = Centres::new(&candidates, &shift);
        let closest_ref = &closest;
        let mut potentials = vec![T::ZERO; trials];
        for_each_chunk(
            &mut rows_out,
            |range, _, scratch: &mut Scratch<T>| {
                let (w, closest) = (&w[range.clone()], &closest_ref[range.clone()]);
                potentials_chunk(rows(x, &range), w, &centres, closest, scratch)
            },
            |sums| {
                for (p, s) in potentials.iter_mut().zip(sums) {
                    *p += s;
                }
            },
        );
        let mut best = 0;
        for t in 1..trials {
            if potentials[t] < potentials[best] {
                best = t;
            }
        }
        lower_closest(&mut closest, ids[best]);
        seeds.push(ids[best]);
    }
    seeds
}

/// A point's nearest centre and its squared distance.
#[derive(Clone, Copy)]
struct Nearest<T> {
    label: u32,
    distance: T,
}

/// One chunk's part of a Lloyd iteration.
struct LloydSums<T> {
    /// `k x d`: the weighted sum of the points of each label.
    sums: Vec<T>,
    /// `k`: their total weight.
    counts: Vec<T>,
    /// How many points changed label.
    changed: usize,
}

impl<T: Float> LloydSums<T> {
    fn zeros(k: usize, d: usize) -> Self {
        LloydSums {
            sums: vec![T::ZERO; k * d],
            counts: vec![T::ZERO; k],
            changed: 0,
        }
    }

    fn add(&mut self, other: LloydSums<T>) {
        for (a, b) in self.sums.iter_mut().zip(other.sums) {
            *a += b;
        }
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        self.changed += other.changed;
    }
}

widest_compilation! {
    /// One chunk of a Lloyd pass: see [`assign`].
    fn assign_chunk<T>(
        x: TensorRef<'_, T, 2>,
        w: &[T],
        centres: &Centres<'_, T>,
        nearest: &mut [Nearest<T>],
        scratch: &mut Scratch<T>
    ) -> LloydSums<T> = assign_inline
}

#[inline(always)]
fn assign_inline<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    centres: &Centres<'_, T>,
    nearest: &mut [Nearest<T>],
    scratch: &mut Scratch<T>,
) -> LloydSums<T> {
    let d = x.shape()[1];
    let k = centres.norms.len();
    let mut part = LloydSums::zeros(k, d);
    let blocks = x.data().chunks(BLOCK * d).zip(w.chunks(BLOCK));
    for ((points, w), nearest) in blocks.zip(nearest.chunks_mut(BLOCK)) {
        let (x_norms, products) = block_products(points, centres, scratch);
        // The nearest centre minimises `|c|² - 2 x·c`. The labels are kept as floats beside
        // those values, so that the comparisons and selections vectorise.
        let two = T::from_f64(2.0);
        let mut best = [T::INFINITY; BLOCK];
        let mut labels = [T::ZERO; BLOCK];
        let mut label = T::ZERO;
        for (row, &cn) in products.iter().zip(&centres.norms) {
            let mut nearer = [T::ZERO; BLOCK];
            for ((n, b), &p) in nearer.iter_mut().zip(&mut best).zip(row) {
                let v = cn - two * p;
                *n = if v < *b { T::ONE } else { T::ZERO };
                *b = if v < *b { v } else { *b };
            }
            // Exact: the labels are small integers and `nearer` is 0 or 1.
            for (l, &n) in labels.iter_mut().zip(&nearer) {
                *l = *l * (T::ONE - n) + label * n;
            }
            label += T::ONE;
        }
        for (b, &xn) in best.iter_mut().zip(&x_norms) {
            let s = xn + *b;
            *b = if s > T::ZERO { s } else { T::ZERO };
        }
        let labels = labels.map(|l| l.into_f64() as u32);
        let block = nearest.iter_mut().zip(w).zip(points.chunks_exact(d));
        for (((near, &weight), point), (&label, &distance)) in block.zip(labels.iter().zip(&best)) {
            part.changed += usize::from(near.label != label);
            *near = Nearest { label, distance };
            let c = label as usize;
            part.counts[c] += weight;
            for (s, &v) in part.sums[c * d..(c + 1) * d].iter_mut().zip(point) {
                *s += weight * v;
            }
        }
    }
    part
}

/// One Lloyd pass (distances about `shift`, see [`Centres`]): every point's nearest centre (the first of equals), how many labels
/// changed, and the weighted sums of each label's points, added point by point.
fn assign<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    centres: &[T],
    shift: &[T],
    nearest: &mut [Nearest<T>],
) -> LloydSums<T> {
    let d = x.shape()[1];
    let k = centres.len() / d;
    let centres = Centres::new(centres, shift);
    let mut total = LloydSums::zeros(k, d);
    for_each_chunk(
        nearest,
        |range, nearest, scratch: &mut Scratch<T>| {
            assign_chunk(rows(x, &range), &w[range], &centres, nearest, scratch)
        },
        |part| total.add(part),
    );
    total
}

/// Weighted k-means labels of every row: k-means++ seeds, then Lloyd's iterations until the
/// labels stop changing or the centres move less than `1e-4` times the mean variance
/// (at most 300 iterations), as scikit-learn's `KMeans`.
pub(crate) fn kmeans<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    k: usize,
    rng: &mut StdRng,
) -> Vec<u32> {
    let [n, d] = x.shape();
    assert!(u32::try_from(k).is_ok(), "more than 2³² components");
    let data = x.data();
    // The variances about the mean, summed point by point (`E[x²] - E[x]²` would cancel).
    let total: T = einsum!("n->", w);
    let mean = weighted_mean(x, w);
    let mut variance_sum = T::ZERO;
    for (point, &weight) in data.chunks_exact(d).zip(w) {
        for (&v, &m) in point.iter().zip(&mean) {
            variance_sum += weight * (v - m) * (v - m);
        }
    }
    variance_sum /= total;
    let tol = T::from_f64(1e-4) * variance_sum / T::from_usize(d);

    let mut centres = vec![T::ZERO; k * d];
    for (c, &i) in kmeans_plusplus(x, w, k, rng).iter().enumerate() {
        centres[c * d..(c + 1) * d].copy_from_slice(&data[i * d..(i + 1) * d]);
    }
    let unassigned = Nearest {
        label: u32::MAX,
        distance: T::ZERO,
    };
    let mut nearest = vec![unassigned; n];
    let mut converged = false;
    for _ in 0..300 {
        let LloydSums {
            mut sums,
            counts,
            changed,
        } = assign(x, w, &centres, &mean, &mut nearest);
        if changed == 0 {
            converged = true;
            break;
        }
        for (c, new) in sums.chunks_exact_mut(d).enumerate() {
            if counts[c] > T::ZERO {
                for v in new.iter_mut() {
                    *v /= counts[c];
                }
            } else {
                // An empty cluster moves to the point farthest from its centre.
                let mut far = 0;
                for (i, p) in nearest.iter().enumerate() {
                    if p.distance > nearest[far].distance {
                        far = i;
                    }
                }
                nearest[far].distance = T::ZERO;
                new.copy_from_slice(&data[far * d..(far + 1) * d]);
            }
        }
        let mut moved = T::ZERO;
        for (&a, &b) in sums.iter().zip(&centres) {
            moved += (a - b) * (a - b);
        }
        centres = sums;
        if moved <= tol {
            break;
        }
    }
    if !converged {
        assign(x, w, &centres, &mean, &mut nearest);
    }
    nearest.into_iter().map(|p| p.label).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// Three well-separated groups of 1,000 correlated points each: every seeding finds one
    /// seed per group, and k-means labels each group with one label.
    fn groups() -> Vec<f64> {
        let mut rng = StdRng::seed_from_u64(5);
        (0..3000)
            .flat_map(|i| {
                let centre = [[0.0, 0.0], [40.0, 5.0], [-10.0, 30.0]][i % 3];
                let (u, v): (f64, f64) = (rng.random_range(-3.0..3.0), rng.random_range(-1.0..1.0));
                [centre[0] + u + v, centre[1] + 0.5 * u - v]
            })
            .collect()
    }

    #[test]
    fn seeds_and_labels_follow_the_groups() {
        let x = groups();
        let x = view(&x, [3000, 2]);
        let w = vec![1.0; 3000];
        let mut rng = StdRng::seed_from_u64(1);
        let mut seed_groups: Vec<usize> = kmeans_plusplus(x, &w, 3, &mut rng)
            .into_iter()
            .map(|i| i % 3)
            .collect();
        seed_groups.sort_unstable();
        assert_eq!(seed_groups, [0, 1, 2]);
        let labels = kmeans(x, &w, 3, &mut rng);
        for g in 0..3 {
            let first = labels[g];
            assert!(labels.iter().skip(g).step_by(3).all(|&l| l == first));
        }
        assert!(labels[0] != labels[1] && labels[1] != labels[2] && labels[0] != labels[2]);
    }

    /// A point of zero weight is never a seed, however far it lies.
    #[test]
    fn a_weightless_point_is_never_drawn() {
        let mut x = groups();
        x.extend([1e6, 1e6]);
        let x = view(&x, [3001, 2]);
        let mut w = vec![1.0; 3001];
        w[3000] = 0.0;
        for seed in 0..20 {
            let seeds = kmeans_plusplus(x, &w, 3, &mut StdRng::seed_from_u64(seed));
            assert!(!seeds.contains(&3000));
        }
    }
}
