//! Weighted k-means (greedy k-means++ seeding, then Lloyd's iterations), as scikit-learn's
//! `kmeans_plusplus` and `KMeans(n_init=1)` used to initialise a mixture.

use einsum::{TensorRef, einsum};
use rand::Rng;
use rand::rngs::StdRng;

use crate::Float;
use crate::kernels::{buffer, view, view_mut};

/// Squared distances from every row of `x` (`n x d`) to every row of `centers` (`m x d`),
/// written into `out` (`m x n`): `|x|² - 2 x·c + |c|²`, clamped at 0.
fn squared_distances<T: Float>(
    x: TensorRef<'_, T, 2>,
    x_norms: &[T],
    centers: &[T],
    out: &mut [T],
    c_norms: &mut Vec<T>,
) {
    let [n, d] = x.shape();
    let m = centers.len() / d;
    let cv = view(centers, [m, d]);
    let c_norms = buffer(c_norms, m);
    einsum!(*c_norms = "mi,mi->m", cv, cv);
    einsum!(view_mut(&mut out[..m * n], [m, n]) = "ni,mi->mn", x, cv);
    let two = T::from_f64(2.0);
    for (row, &cn) in out.chunks_exact_mut(n).zip(c_norms.iter()) {
        for (v, &xn) in row.iter_mut().zip(x_norms) {
            let s = xn - two * *v + cn;
            *v = if s > T::ZERO { s } else { T::ZERO };
        }
    }
}

/// The index of the first entry of the cumulative sums `cum` greater than `target` (numpy's
/// `searchsorted`), clipped to the last index.
fn search_cumulative<T: Float>(cum: &[T], target: T) -> usize {
    cum.partition_point(|&c| c <= target).min(cum.len() - 1)
}

/// A uniform draw in `[0, 1)`.
pub(crate) fn uniform<T: Float>(rng: &mut StdRng) -> T {
    T::from_f64(rng.random::<f64>())
}

/// Indices of `k` seeds chosen by greedy k-means++ (`2 + ⌊ln k⌋` candidates per step, the
/// one that lowers the weighted potential most kept), with sample weights.
pub(crate) fn kmeans_plusplus<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    k: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    let [n, d] = x.shape();
    let data = x.data();
    let trials = 2 + (k as f64).ln().floor() as usize;
    let mut x_norms = vec![T::ZERO; n];
    einsum!(x_norms = "ni,ni->n", x, x);
    let mut c_norms = Vec::new();
    let mut cum = vec![T::ZERO; n];

    let cumulate = |values: &[T], cum: &mut [T]| {
        let mut acc = T::ZERO;
        for (c, &v) in cum.iter_mut().zip(values) {
            acc += v;
            *c = acc;
        }
        acc
    };

    let total = cumulate(w, &mut cum);
    let first = search_cumulative(&cum, uniform::<T>(rng) * total);
    let mut seeds = vec![first];
    let mut closest = vec![T::ZERO; n];
    squared_distances(
        x,
        &x_norms,
        &data[first * d..(first + 1) * d],
        &mut closest,
        &mut c_norms,
    );
    let mut weighted = vec![T::ZERO; n];
    let mut candidates = vec![T::ZERO; trials * d];
    let mut dist = vec![T::ZERO; trials * n];
    let mut potentials = vec![T::ZERO; trials];
    while seeds.len() < k {
        einsum!(weighted = "n,n->n", w, &closest);
        let potential = cumulate(&weighted, &mut cum);
        let ids: Vec<usize> = (0..trials)
            .map(|_| search_cumulative(&cum, uniform::<T>(rng) * potential))
            .collect();
        for (t, &id) in ids.iter().enumerate() {
            candidates[t * d..(t + 1) * d].copy_from_slice(&data[id * d..(id + 1) * d]);
        }
        squared_distances(x, &x_norms, &candidates, &mut dist, &mut c_norms);
        for row in dist.chunks_exact_mut(n) {
            for (v, &c) in row.iter_mut().zip(&closest) {
                if c < *v {
                    *v = c;
                }
            }
        }
        einsum!(potentials = "tn,n->t", view(&dist, [trials, n]), w);
        let mut best = 0;
        for t in 1..trials {
            if potentials[t] < potentials[best] {
                best = t;
            }
        }
        closest.copy_from_slice(&dist[best * n..(best + 1) * n]);
        seeds.push(ids[best]);
    }
    seeds
}

/// The label of the nearest center of every row, and its squared distance.
fn assign<T: Float>(
    x: TensorRef<'_, T, 2>,
    x_norms: &[T],
    centers: &[T],
    dist: &mut [T],
    c_norms: &mut Vec<T>,
    labels: &mut [usize],
    nearest: &mut [T],
) {
    let n = x.shape()[0];
    squared_distances(x, x_norms, centers, dist, c_norms);
    nearest.fill(T::INFINITY);
    for (c, row) in dist.chunks_exact(n).enumerate() {
        for ((l, best), &v) in labels.iter_mut().zip(nearest.iter_mut()).zip(row) {
            if v < *best {
                *best = v;
                *l = c;
            }
        }
    }
}

/// Weighted k-means labels of every row: k-means++ seeds, then Lloyd's iterations until the
/// labels stop changing or the centers move less than `1e-4` times the mean variance
/// (at most 300 iterations), as scikit-learn's `KMeans`.
pub(crate) fn kmeans<T: Float>(
    x: TensorRef<'_, T, 2>,
    w: &[T],
    k: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    let [n, d] = x.shape();
    let data = x.data();
    let total: T = einsum!("n->", w);
    let mut mean = vec![T::ZERO; d];
    einsum!(mean = "n,ni->i", w, x);
    let mut second = vec![T::ZERO; d];
    einsum!(second = "n,ni,ni->i", w, x, x);
    let mut variance_sum = T::ZERO;
    for (&m, &s) in mean.iter().zip(&second) {
        let m = m / total;
        variance_sum += s / total - m * m;
    }
    let tol = T::from_f64(1e-4) * variance_sum / T::from_usize(d);

    let mut centers = vec![T::ZERO; k * d];
    for (c, &i) in kmeans_plusplus(x, w, k, rng).iter().enumerate() {
        centers[c * d..(c + 1) * d].copy_from_slice(&data[i * d..(i + 1) * d]);
    }
    let mut x_norms = vec![T::ZERO; n];
    einsum!(x_norms = "ni,ni->n", x, x);
    let mut c_norms = Vec::new();
    let mut dist = vec![T::ZERO; k * n];
    let mut labels = vec![0usize; n];
    let mut previous = vec![usize::MAX; n];
    let mut nearest = vec![T::ZERO; n];
    let mut one_hot = vec![T::ZERO; k * n];
    let mut sums = vec![T::ZERO; k * d];
    let mut counts = vec![T::ZERO; k];
    let mut shift = vec![T::ZERO; k * d];
    for _ in 0..300 {
        assign(
            x,
            &x_norms,
            &centers,
            &mut dist,
            &mut c_norms,
            &mut labels,
            &mut nearest,
        );
        if labels == previous {
            return labels;
        }
        previous.copy_from_slice(&labels);
        one_hot.fill(T::ZERO);
        for (i, (&l, &wi)) in labels.iter().zip(w).enumerate() {
            one_hot[l * n + i] = wi;
        }
        let hv = view(&one_hot, [k, n]);
        einsum!(view_mut(&mut sums, [k, d]) = "kn,ni->ki", hv, x);
        einsum!(counts = "kn->k", hv);
        for c in 0..k {
            let new = &mut sums[c * d..(c + 1) * d];
            if counts[c] > T::ZERO {
                for v in new.iter_mut() {
                    *v /= counts[c];
                }
            } else {
                // An empty cluster moves to the row farthest from its center.
                let mut far = 0;
                for (i, &v) in nearest.iter().enumerate() {
                    if v > nearest[far] {
                        far = i;
                    }
                }
                nearest[far] = T::ZERO;
                new.copy_from_slice(&data[far * d..(far + 1) * d]);
            }
        }
        for ((s, &a), &b) in shift.iter_mut().zip(&sums).zip(&centers) {
            *s = a - b;
        }
        let moved: T = einsum!("i,i->", &shift, &shift);
        centers.copy_from_slice(&sums);
        if moved <= tol {
            break;
        }
    }
    assign(
        x,
        &x_norms,
        &centers,
        &mut dist,
        &mut c_norms,
        &mut labels,
        &mut nearest,
    );
    labels
}
