//! Weighted k-means, as scikit-learn's `KMeans(n_init=1)` used to initialise a mixture:
//! greedy k-means++ seeding, then Lloyd's iterations.
//!
//! Every pass goes over fixed chunks of [`CHUNK_ROWS`] points, each in blocks of [`BLOCK`]
//! (Lloyd's, of [`WIDE_BLOCK`]). A block's squared distances to a centre are one `einsum!`
//! (`|x|² - 2 x·c + |c|²`, clamped at 0, as scikit-learn's), used as soon as they are made;
//! the sums (the weighted points of each label, the potential of each seeding candidate) are
//! added point by point into `k`-sized accumulators and the chunks' sums combined in chunk
//! order, so the result does not depend on the number of threads (feature `rayon`). Nothing
//! of size `k x n` is ever built: a pass holds one block's distances to one centre per thread.

use core::cmp::Ordering;
use core::ops::Range;

use einsum::{TensorRef, einsum};
use rand::Rng;
use rand::distr::{Distribution, Uniform};
use rand::rngs::StdRng;

use crate::Float;
use crate::buffers::view;
use crate::data::Weights;
use crate::isa::{self, Isa};

/// The points of one unit of work (8 KiB of them at `d = 2` in `f64`).
const CHUNK_ROWS: usize = 512;

/// Chunks whose results are held at once before they are combined in order: bounds the
/// memory of a pass whatever the number of points.
#[cfg(feature = "rayon")]
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

/// Points per block of Lloyd's nearest centres (four AVX-512 registers of `f64`), which carry
/// only a running minimum and a label per point from centre to centre: each centre is set up
/// once for twice the points (a default fit of 10^6 points, 8-10 % less CPU than with
/// [`BLOCK`]). A point's nearest centre does not depend on the block's width. The seeding's
/// passes keep [`BLOCK`]: its potentials keep a partial sum per point of a block, and at this
/// width LLVM no longer inlined their per-centre step.
const WIDE_BLOCK: usize = 2 * BLOCK;

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

/// Per-thread buffers of a pass.
#[derive(Default)]
struct Scratch<T> {
    /// One block of points, `d` rows of a block's width.
    block: Vec<T>,
}

/// Passes the dot products of the rows `points` (at most `B` rows of `d` values; the
/// block is padded with copies of its first row) with each centre in turn to `each`, with the
/// rows' squared norms and the centre's, and returns the rows' squared norms: the squared
/// distances are `|x|² - 2 x·c + |c|²` (clamped at 0), as scikit-learn's. The callers finish
/// them in `each`, on one centre's products at a time, which stay in registers and vectorise
/// over the points (written to memory for every centre and read back, they cost a Lloyd pass
/// 15 % more instructions).
#[inline(always)]
fn block_products<T: Float, const B: usize>(
    points: &[T],
    centres: &Centres<'_, T>,
    scratch: &mut Scratch<T>,
    mut each: impl FnMut(&[T; B], T, &[T; B]),
) -> [T; B] {
    let d = centres.shift.len();
    if d == 2 {
        return fixed_block_products::<T, 2, B>(points, centres, each);
    }
    scratch.block.resize(d * B, T::ZERO);
    let (block, _) = scratch.block.as_chunks_mut::<B>();
    let valid = points.len() / d;
    // Coordinate by coordinate: a strided read into a row of the block per coordinate costs a
    // few instructions a point, where a point at a time into the block's columns (a loop of
    // runtime extent `d` per point) cost tens.
    for (i, (b, &s)) in block.iter_mut().zip(centres.shift).enumerate() {
        for (v, &x) in b.iter_mut().zip(points[i..].iter().step_by(d)) {
            *v = x - s;
        }
        let first = b[0];
        b[valid..].fill(first);
    }
    let block = &block[..];
    let mut norms = [T::ZERO; B];
    einsum!(norms = "il,il->l", block, block);
    for (row, &c_norm) in centres.rows.chunks_exact(d).zip(&centres.norms) {
        let mut products = [T::ZERO; B];
        einsum!(products = "i,il->l", row, block);
        each(&norms, c_norm, &products);
    }
    norms
}

/// [`block_products`] for `d = D`: every loop's extent known at compile time, so that the
/// block's transposition and both products vectorise (for `d = 2`, a third of the
/// instructions of the general path's seeding passes).
#[inline(always)]
fn fixed_block_products<T: Float, const D: usize, const B: usize>(
    points: &[T],
    centres: &Centres<'_, T>,
    mut each: impl FnMut(&[T; B], T, &[T; B]),
) -> [T; B] {
    let (points, _) = points.as_chunks::<D>();
    let (shift, _) = centres.shift.as_chunks::<D>();
    let mut block = [[T::ZERO; B]; D];
    let padded = points.iter().chain(core::iter::repeat(&points[0]));
    for (l, point) in padded.take(B).enumerate() {
        for ((b, &v), &s) in block.iter_mut().zip(point).zip(&shift[0]) {
            b[l] = v - s;
        }
    }
    let mut norms = [T::ZERO; B];
    einsum!(norms = "il,il->l", &block, &block);
    for (row, &c_norm) in centres.rows.as_chunks::<D>().0.iter().zip(&centres.norms) {
        let mut products = [T::ZERO; B];
        einsum!(products = "i,il->l", row, &block);
        each(&norms, c_norm, &products);
    }
    norms
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

/// Points per stretch of [`weighted_draws`]' running sum.
const DRAW_STRETCH: usize = 4096;

/// `count` indices drawn with probabilities proportional to `weight(i)`, `i < n`, exactly as
/// rand's `WeightedIndex` draws them (the same uniform draws over the same running sums, so the
/// same indices) but without its `n` cumulative weights, 8 bytes a point (0.8 GB at 10^8
/// points): the sum is run once for the total, keeping its value before every stretch of
/// [`DRAW_STRETCH`] points, then again over each draw's stretch only, from that value (the
/// same additions in the same order, so the same sums). When a weight is negative or NaN, or
/// the total is zero or not finite, the last index (numpy's `searchsorted` on a zero sum,
/// clipped, as scikit-learn).
fn weighted_draws(
    weight: impl Fn(usize) -> f64,
    n: usize,
    count: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    let mut drawn = vec![n - 1; count];
    // Filled in place: a `push`, and the call to grow the vector on its path, made LLVM keep
    // the running sum on the stack, a store and a load on the path of every addition.
    let mut starts = vec![0.0; n.div_ceil(DRAW_STRETCH)];
    let mut total = 0.0;
    for (s, first) in starts.iter_mut().zip((0..n).step_by(DRAW_STRETCH)) {
        *s = total;
        for i in first..n.min(first + DRAW_STRETCH) {
            let v = weight(i);
            if v.is_nan() || v < 0.0 {
                return drawn;
            }
            total += v;
        }
    }
    let Ok(uniform) = Uniform::new(0.0, total) else {
        return drawn;
    };
    for index in &mut drawn {
        let chosen = uniform.sample(rng);
        // Index `i` is drawn for the values below the sum of the weights up to it and at or
        // above the sum before it (`WeightedIndex`'s `partition_point` over its cumulative
        // weights), the last index for the values at or above the sum before it. The sums do
        // not decrease, so `i` lies in the last stretch that starts at or below the value.
        let stretch = starts.partition_point(|&start| start <= chosen) - 1;
        let mut running = starts[stretch];
        let first = stretch * DRAW_STRETCH;
        for i in first..(n - 1).min(first + DRAW_STRETCH) {
            running += weight(i);
            if running > chosen {
                *index = i;
                break;
            }
        }
    }
    drawn
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
    for (points, closest) in x.data().chunks(BLOCK * d).zip(closest.chunks_mut(BLOCK)) {
        let mut distances = [T::ZERO; BLOCK];
        block_products::<T, BLOCK>(points, centre, scratch, |x_norms, c_norm, products| {
            for ((v, &xn), &p) in distances.iter_mut().zip(x_norms).zip(products) {
                *v = squared_distance(xn, p, c_norm);
            }
        });
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
        let (mut weights, mut nearest) = ([T::ZERO; BLOCK], [T::ZERO; BLOCK]);
        weights[..w.len()].copy_from_slice(w);
        nearest[..closest.len()].copy_from_slice(closest);
        let mut candidate_lanes = lanes.iter_mut();
        block_products::<T, BLOCK>(points, candidates, scratch, |x_norms, cn, row| {
            let lanes = candidate_lanes
                .next()
                .expect("one row of lanes per candidate");
            for (((s, &p), &xn), (&c, &weight)) in
                (lanes.iter_mut().zip(row).zip(x_norms)).zip(nearest.iter().zip(&weights))
            {
                let v = squared_distance(xn, p, cn);
                *s += weight * if v < c { v } else { c };
            }
        });
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
    w: Weights<'_, T>,
    k: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    seeds(x, w, k, &w.mean(x), rng)
}

/// [`kmeans_plusplus`], its distances taken about `shift`, the data's weighted mean (see
/// [`Centres`]).
fn seeds<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: Weights<'_, T>,
    k: usize,
    shift: &[T],
    rng: &mut StdRng,
) -> Vec<usize> {
    let [n, d] = x.shape();
    let data = x.data();
    let trials = 2 + (k as f64).ln().floor() as usize;
    let row = |i: usize| &data[i * d..(i + 1) * d];
    // Squared distance of every point to its nearest seed, lowered seed by seed.
    let mut closest = vec![T::INFINITY; n];
    let lower_closest = |closest: &mut [T], seed: usize| {
        let centre = Centres::new(row(seed), shift);
        for_each_chunk(
            closest,
            |range, closest, scratch: &mut Scratch<T>| {
                lower_closest_chunk(rows(x, &range), &centre, closest, scratch);
            },
            |()| {},
        );
    };
    let first = weighted_draws(|i| w.get(i).into_f64(), n, 1, rng)[0];
    let mut seeds = vec![first];
    lower_closest(&mut closest, first);
    let mut candidates = vec![T::ZERO; trials * d];
    let mut rows_out = vec![(); n];
    let ones = w.ones(CHUNK_ROWS);
    while seeds.len() < k {
        // The weights' match outside the draws' loop over the points.
        let ids = match w {
            Weights::Ones(_) => weighted_draws(|i| closest[i].into_f64(), n, trials, rng),
            Weights::Given(w) => weighted_draws(|i| (w[i] * closest[i]).into_f64(), n, trials, rng),
        };
        for (t, &id) in ids.iter().enumerate() {
            candidates[t * d..(t + 1) * d].copy_from_slice(row(id));
        }
        let centres = Centres::new(&candidates, shift);
        let closest_ref = &closest;
        let mut potentials = vec![T::ZERO; trials];
        for_each_chunk(
            &mut rows_out,
            |range, _, scratch: &mut Scratch<T>| {
                let (w, closest) = (w.of_rows(range.clone(), &ones), &closest_ref[range.clone()]);
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

    /// Sets a point's label `old` to `label` (a float from [`nearest_in_block`]), counting the
    /// change, adds its `weight` to the label's, and returns the label as an index.
    #[inline(always)]
    fn relabel(&mut self, old: &mut u32, label: T, weight: T) -> usize {
        let label = label.into_f64() as u32;
        self.changed += usize::from(*old != label);
        *old = label;
        let c = label as usize;
        self.counts[c] += weight;
        c
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

/// The nearest centre of each point of the rows `points` (the first of equals, as the index of
/// a float, see [`assign_inline`]), `|c|² - 2 x·c` for it (the point's squared distance to it
/// less `|x|²`) and the rows' squared norms, a block of them as [`block_products`] takes it.
#[inline(always)]
fn nearest_in_block<T: Float>(
    points: &[T],
    centres: &Centres<'_, T>,
    scratch: &mut Scratch<T>,
) -> ([T; WIDE_BLOCK], [T; WIDE_BLOCK], [T; WIDE_BLOCK]) {
    let two = T::from_f64(2.0);
    let mut best = [T::INFINITY; WIDE_BLOCK];
    let mut labels = [T::ZERO; WIDE_BLOCK];
    let mut label = T::ZERO;
    let x_norms = block_products::<T, WIDE_BLOCK>(points, centres, scratch, |_, cn, row| {
        for ((l, b), &p) in labels.iter_mut().zip(&mut best).zip(row) {
            let v = cn - two * p;
            let nearer = v < *b;
            *l = if nearer { label } else { *l };
            *b = if nearer { v } else { *b };
        }
        label += T::ONE;
    });
    (labels, best, x_norms)
}

/// `|x|² + (|c|² - 2 x·c)` clamped at 0: a point's squared distance to a centre, as
/// scikit-learn's.
#[inline(always)]
fn clamped_sum<T: Float>(x_norm: T, offset: T) -> T {
    let s = x_norm + offset;
    if s > T::ZERO { s } else { T::ZERO }
}

widest_compilation! {
    /// One chunk of a Lloyd pass: see [`assign`].
    fn assign_chunk<T>(
        x: TensorRef<'_, T, 2>,
        w: &[T],
        centres: &Centres<'_, T>,
        labels: &mut [u32],
        scratch: &mut Scratch<T>
    ) -> LloydSums<T> = assign_inline
}

#[inline(always)]
fn assign_inline<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    centres: &Centres<'_, T>,
    labels: &mut [u32],
    scratch: &mut Scratch<T>,
) -> LloydSums<T> {
    let d = x.shape()[1];
    let k = centres.norms.len();
    let mut part = LloydSums::zeros(k, d);
    let blocks = x.data().chunks(WIDE_BLOCK * d).zip(w.chunks(WIDE_BLOCK));
    for ((points, w), labels) in blocks.zip(labels.chunks_mut(WIDE_BLOCK)) {
        // The nearest centre minimises `|c|² - 2 x·c`. The labels are kept as floats beside
        // those values, so that the comparisons and selections vectorise.
        let (nearest, _, _) = nearest_in_block(points, centres, scratch);
        if d == 2 {
            add_to_labels::<T, 2>(&mut part, labels, w, points, &nearest);
            continue;
        }
        let block = labels.iter_mut().zip(w).zip(points.chunks_exact(d));
        for (((old, &weight), point), &label) in block.zip(&nearest) {
            let c = part.relabel(old, label, weight);
            for (s, &v) in part.sums[c * d..(c + 1) * d].iter_mut().zip(point) {
                *s += weight * v;
            }
        }
    }
    part
}

/// The block's part of [`assign_inline`] after its nearest centres, for `d = D`: a point's
/// sums are then one fixed-size row, indexed once.
#[inline(always)]
fn add_to_labels<T: Float, const D: usize>(
    part: &mut LloydSums<T>,
    labels: &mut [u32],
    w: &[T],
    points: &[T],
    nearest: &[T; WIDE_BLOCK],
) {
    let block = labels.iter_mut().zip(w).zip(points.as_chunks::<D>().0);
    for (((old, &weight), point), &label) in block.zip(nearest) {
        let c = part.relabel(old, label, weight);
        let sums = &mut part.sums.as_chunks_mut::<D>().0[c];
        for (s, &v) in sums.iter_mut().zip(point) {
            *s += weight * v;
        }
    }
}

/// One Lloyd pass: every point's nearest centre (the first of equals) into `labels`, how many
/// labels changed, and the weighted sums of each label's points, added point by point.
fn assign<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: Weights<'_, T>,
    centres: &Centres<'_, T>,
    labels: &mut [u32],
) -> LloydSums<T> {
    let d = x.shape()[1];
    let mut total = LloydSums::zeros(centres.norms.len(), d);
    let ones = w.ones(CHUNK_ROWS);
    for_each_chunk(
        labels,
        |range, labels, scratch: &mut Scratch<T>| {
            let w = w.of_rows(range.clone(), &ones);
            assign_chunk(rows(x, &range), w, centres, labels, scratch)
        },
        |part| total.add(part),
    );
    total
}

/// The points farthest from their centres, at most `count`, farthest first (the first index of
/// equals first), each with its squared distance (as [`assign`] measures it: always > 0).
struct Farthest<T> {
    points: Vec<(T, usize)>,
    count: usize,
}

impl<T: Float> Farthest<T> {
    fn new(count: usize) -> Self {
        Farthest {
            points: Vec::with_capacity(count + 1),
            count,
        }
    }

    /// Adds a point; the points must come in increasing index order.
    fn add(&mut self, distance: T, index: usize) {
        // `assign`'s distances are clamped at 0, never NaN
        if distance <= T::ZERO {
            return;
        }
        if self.points.len() == self.count
            && self.points.last().is_some_and(|&(far, _)| distance <= far)
        {
            return;
        }
        let at = self.points.partition_point(|&(far, _)| far >= distance);
        self.points.insert(at, (distance, index));
        self.points.truncate(self.count);
    }
}

widest_compilation! {
    /// One chunk of [`farthest`].
    fn farthest_chunk<T>(
        x: TensorRef<'_, T, 2>,
        first: usize,
        centres: &Centres<'_, T>,
        count: usize,
        scratch: &mut Scratch<T>
    ) -> Farthest<T> = farthest_inline
}

#[inline(always)]
fn farthest_inline<T: Float>(
    x: TensorRef<'_, T, 2>,
    first: usize,
    centres: &Centres<'_, T>,
    count: usize,
    scratch: &mut Scratch<T>,
) -> Farthest<T> {
    let d = x.shape()[1];
    let mut far = Farthest::new(count);
    for (b, points) in x.data().chunks(WIDE_BLOCK * d).enumerate() {
        // The same operations as `assign_inline`'s, so the same nearest centres.
        let (_, offsets, x_norms) = nearest_in_block(points, centres, scratch);
        let valid = points.len() / d;
        for (lane, (&xn, &offset)) in x_norms.iter().zip(&offsets).take(valid).enumerate() {
            far.add(clamped_sum(xn, offset), first + b * WIDE_BLOCK + lane);
        }
    }
    far
}

/// The `count` points that empty clusters move to, in order: as many times as asked, the
/// point farthest from its nearest centre of `centres` (the first of equals), whose distance
/// then counts as 0, as scikit-learn's. The distances are measured again in a pass of their
/// own (empty clusters are rare) rather than kept per point by [`assign`], and only the
/// farthest `count` points are kept; once every distance is 0 the first point is the farthest.
fn farthest<T: Float>(
    x: TensorRef<'_, T, 2>,
    centres: &Centres<'_, T>,
    count: usize,
) -> Vec<usize> {
    let mut total = Farthest::new(count);
    for_each_chunk(
        &mut vec![(); x.shape()[0]],
        |range, _, scratch: &mut Scratch<T>| {
            farthest_chunk(rows(x, &range), range.start, centres, count, scratch)
        },
        |part| {
            for (distance, index) in part.points {
                total.add(distance, index);
            }
        },
    );
    let mut points: Vec<usize> = total.points.into_iter().map(|(_, i)| i).collect();
    points.resize(count, 0);
    points
}

/// Weighted k-means labels of every row: k-means++ seeds, then Lloyd's iterations until the
/// labels stop changing or the centres move less than `1e-4` times the mean variance
/// (at most 300 iterations), as scikit-learn's `KMeans`.
///
/// Beside the data it holds one `u32` label per point (and, while seeding, one distance of
/// `T` per point): nothing of size `k x n`.
pub(crate) fn kmeans<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: Weights<'_, T>,
    k: usize,
    rng: &mut StdRng,
) -> Vec<u32> {
    let [n, d] = x.shape();
    assert!(u32::try_from(k).is_ok(), "more than 2³² components");
    let data = x.data();
    // The variances about the mean, summed point by point (`E[x²] - E[x]²` would cancel).
    let total = w.total();
    let mean = w.mean(x);
    let mut variance_sum = T::ZERO;
    for (i, point) in data.chunks_exact(d).enumerate() {
        let weight = w.get(i);
        for (&v, &m) in point.iter().zip(&mean) {
            variance_sum += weight * (v - m) * (v - m);
        }
    }
    variance_sum /= total;
    let tol = T::from_f64(1e-4) * variance_sum / T::from_usize(d);

    let mut centres = vec![T::ZERO; k * d];
    for (c, &i) in seeds(x, w, k, &mean, rng).iter().enumerate() {
        centres[c * d..(c + 1) * d].copy_from_slice(&data[i * d..(i + 1) * d]);
    }
    let mut labels = vec![u32::MAX; n];
    let mut converged = false;
    for _ in 0..300 {
        let shifted = Centres::new(&centres, &mean);
        let LloydSums {
            mut sums,
            counts,
            changed,
        } = assign(x, w, &shifted, &mut labels);
        if changed == 0 {
            converged = true;
            break;
        }
        let empty: Vec<usize> = (0..k)
            .filter(|&c| counts[c].partial_cmp(&T::ZERO) != Some(Ordering::Greater))
            .collect();
        for (c, new) in sums.chunks_exact_mut(d).enumerate() {
            if counts[c] > T::ZERO {
                for v in new.iter_mut() {
                    *v /= counts[c];
                }
            }
        }
        if !empty.is_empty() {
            // An empty cluster moves to the point farthest from its centre.
            let far = farthest(x, &shifted, empty.len());
            for (&c, &i) in empty.iter().zip(&far) {
                sums[c * d..(c + 1) * d].copy_from_slice(&data[i * d..(i + 1) * d]);
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
        assign(x, w, &Centres::new(&centres, &mean), &mut labels);
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::distr::weighted::WeightedIndex;

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
        let w = Weights::Ones(3000);
        let mut rng = StdRng::seed_from_u64(1);
        let mut seed_groups: Vec<usize> = kmeans_plusplus(x, w, 3, &mut rng)
            .into_iter()
            .map(|i| i % 3)
            .collect();
        seed_groups.sort_unstable();
        assert_eq!(seed_groups, [0, 1, 2]);
        let labels = kmeans(x, w, 3, &mut rng);
        for g in 0..3 {
            let first = labels[g];
            assert!(labels.iter().skip(g).step_by(3).all(|&l| l == first));
        }
        assert!(labels[0] != labels[1] && labels[1] != labels[2] && labels[0] != labels[2]);
    }

    /// The streamed draws are rand's `WeightedIndex`'s, draw for draw, from the same
    /// generator: weights with zeros (never drawn), a dominant one, all equal, and the cases
    /// `WeightedIndex` refuses (the last index).
    #[test]
    fn weighted_draws_are_weighted_index_draws() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut cases: Vec<Vec<f64>> = vec![
            vec![1.0; 1000],
            vec![0.0, 0.0, 5.0, 0.0],
            vec![1e-300, 1.0, 1e300, 2.0],
            vec![7.0],
        ];
        cases.push(
            (0..5000)
                .map(|i| if i % 3 == 0 { 0.0 } else { rng.random::<f64>() })
                .collect(),
        );
        // whole stretches of zeros: several stretches start at the same running sum
        cases.push(
            (0..3 * DRAW_STRETCH + 5)
                .map(|i| {
                    if (i / DRAW_STRETCH).is_multiple_of(2) {
                        0.0
                    } else {
                        rng.random::<f64>()
                    }
                })
                .collect(),
        );
        for weights in &cases {
            for seed in 0..10 {
                let expected: Vec<usize> = {
                    let mut rng = StdRng::seed_from_u64(seed);
                    let index = WeightedIndex::new(weights).unwrap();
                    (0..7).map(|_| index.sample(&mut rng)).collect()
                };
                let mut rng = StdRng::seed_from_u64(seed);
                let drawn = weighted_draws(|i| weights[i], weights.len(), 7, &mut rng);
                assert_eq!(drawn, expected, "{} weights, seed {seed}", weights.len());
                assert!(drawn.iter().all(|&i| weights[i] > 0.0));
            }
        }
        for refused in [vec![0.0; 5], vec![1.0, f64::NAN, 1.0], vec![1.0, -1.0, 1.0]] {
            assert!(WeightedIndex::new(&refused).is_err());
            let drawn = weighted_draws(|i| refused[i], 5.min(refused.len()), 2, &mut rng);
            assert_eq!(drawn, [refused.len() - 1; 2]);
        }
    }

    /// The points empty clusters move to are those of scikit-learn's loop (the farthest point
    /// from its nearest centre, the first of equals, whose distance then counts as 0), taken
    /// over every point's distance. The coordinates are small integers and the shift a
    /// multiple of 1/4, so that every distance is exact in both.
    #[test]
    fn farthest_points_are_those_of_the_per_point_loop() {
        let mut rng = StdRng::seed_from_u64(9);
        // 1,300 points (three chunks, the last partly filled), with repeated points (equal
        // distances) and points on the centres (distance 0)
        let x: Vec<f64> = (0..1300)
            .flat_map(|i| match i % 7 {
                0 => [3.0, 4.0],
                1 => [-20.0, 7.0],
                _ => [
                    rng.random_range(-40..40) as f64,
                    rng.random_range(-40..40) as f64,
                ],
            })
            .collect();
        let x = view(&x, [1300, 2]);
        let centres = [3.0, 4.0, -20.0, 7.0, 30.0, -30.0];
        let shift = [0.5, -0.25];
        let shifted = Centres::new(&centres, &shift);
        let mut distances: Vec<f64> = x
            .data()
            .chunks_exact(2)
            .map(|p| {
                centres
                    .chunks_exact(2)
                    .map(|c| (p[0] - c[0]).powi(2) + (p[1] - c[1]).powi(2))
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        let mut expected = Vec::new();
        for _ in 0..40 {
            let mut far = 0;
            for (i, &v) in distances.iter().enumerate() {
                if v > distances[far] {
                    far = i;
                }
            }
            distances[far] = 0.0;
            expected.push(far);
        }
        for count in [1, 2, 5, 40] {
            assert_eq!(farthest(x, &shifted, count), expected[..count]);
        }
        // two points, both on a centre: every distance is 0, and the first point is taken
        let on = view(&[3.0, 4.0, 3.0, 4.0], [2, 2]);
        assert_eq!(farthest(on, &shifted, 3), [0, 0, 0]);
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
            let seeds = kmeans_plusplus(x, Weights::Given(&w), 3, &mut StdRng::seed_from_u64(seed));
            assert!(!seeds.contains(&3000));
        }
    }
}
