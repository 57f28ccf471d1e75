//! The E-step, one code path for fit and predict: what it needs of the parameters
//! ([`Coefficients`]), computed once per iteration or model, and per chunk of points the
//! log-densities `ln π_c p(x | c)` ([`log_densities`]), their maxima and the exponentials
//! `exp(ln π_c p(x | c) - max)` with their sums ([`exponentials`]); for `d = 2` the same
//! with compile-time extents, a block of points at a time ([`plane_exponentials`]). The fit's
//! chunk pass ([`crate::chunk`]) turns them into weighted responsibilities and the M-step's
//! sums; [`chunk_posterior`] into what `predict`, `predict_proba` and `score_samples` return.

use einsum::TensorRef;

use crate::Float;
use crate::buffers::{Scratch, buffer};
use crate::float::{exp_nonpositive, ln_normal};
use crate::isa;
use crate::kernels::{CovarianceKernels, DistanceFactors};
use crate::layout::{AlignedPlane, Plane, columns, columns_mut, coordinate_planes};
use crate::parameters::Parameters;

/// What the E-step needs of the parameters.
#[derive(Debug, Default)]
pub(crate) struct Coefficients<T> {
    k: usize,
    d: usize,
    /// The current means, `k x d`.
    means: Vec<T>,
    /// The covariance type's factors of the squared distances
    /// ([`CovarianceKernels::distance_factors`]).
    factors: DistanceFactors<T>,
    /// `ln π_c + ln det P_c - d ln(2π) / 2`, `k`.
    offsets: Vec<T>,
    /// For `d = 2`: the covariance type's four factors of the squared distances per
    /// component ([`CovarianceKernels::plane_factors`]).
    plane_factors: Vec<[T; 4]>,
}

impl<T: Float> Coefficients<T> {
    /// The number of components.
    pub(crate) fn k(&self) -> usize {
        self.k
    }

    /// The dimension of the points.
    pub(crate) fn d(&self) -> usize {
        self.d
    }

    /// The coefficients of `k` components in `d = 2` given directly: their means (`k x 2`),
    /// offsets and four distance factors each.
    #[cfg(test)]
    pub(crate) fn plane(means: Vec<T>, offsets: Vec<T>, plane_factors: Vec<[T; 4]>) -> Self {
        Coefficients {
            k: offsets.len(),
            d: 2,
            means,
            factors: DistanceFactors::default(),
            offsets,
            plane_factors,
        }
    }

    /// The coefficients of `params` under the covariance type `K`.
    pub(crate) fn prepare<K: CovarianceKernels>(
        &mut self,
        params: &Parameters<T>,
        scratch: &mut Scratch<T>,
    ) {
        let (k, d) = (params.k, params.d);
        self.k = k;
        self.d = d;
        self.means.clone_from(&params.means);
        if d == 2 {
            K::plane_factors(&params.precisions_cholesky, k, &mut self.plane_factors);
        } else {
            K::distance_factors(
                &params.precisions_cholesky,
                &params.means,
                d,
                &mut self.factors,
            );
        }
        self.offsets.truncate(k);
        let offsets = buffer(&mut self.offsets, k);
        K::log_det_cholesky(&params.precisions_cholesky, k, d, scratch, offsets);
        let log_2pi = T::from_usize(d) * T::from_f64((2.0 * std::f64::consts::PI).ln());
        let half = T::from_f64(0.5);
        for (l, &w) in offsets.iter_mut().zip(&params.weights) {
            *l = *l + w.ln() - half * log_2pi;
        }
    }
}

/// The log-densities `ln π_c p(x | c)` of a chunk's points `x` (`rows x d`) into `log_prob`
/// (`k x rows`), from the covariance type's squared distances, and their maxima over the
/// components into `max` (`rows`). Returns the first row whose maximum is not finite, if any.
#[inline(always)]
pub(crate) fn log_densities<K: CovarianceKernels, T: Float>(
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    scratch: &mut Scratch<T>,
    log_prob: &mut [T],
    max: &mut [T],
) -> Option<usize> {
    let rows = max.len();
    K::chunk_distances(
        x,
        &coefficients.means,
        &coefficients.factors,
        scratch,
        log_prob,
    );
    max.fill(T::NEG_INFINITY);
    let half = T::from_f64(0.5);
    for (r, &offset) in log_prob.chunks_exact_mut(rows).zip(&coefficients.offsets) {
        for (v, m) in r.iter_mut().zip(max.iter_mut()) {
            *v = offset - half * *v;
            *m = if *v > *m { *v } else { *m };
        }
    }
    max.iter().position(|m| !m.is_finite())
}

/// `exp(ln π_c p(x | c) - max)` in place of the log-densities `values` (`k x rows`), and
/// their sums over the components into `total` (`rows`).
#[inline(always)]
pub(crate) fn exponentials<T: Float, const FUSED: bool>(
    values: &mut [T],
    max: &[T],
    total: &mut [T],
) {
    total.fill(T::ZERO);
    for r in values.chunks_exact_mut(max.len()) {
        for ((v, &m), t) in r.iter_mut().zip(max).zip(total.iter_mut()) {
            *v = exp_nonpositive::<T, FUSED>(*v - m);
            *t += *v;
        }
    }
}

/// The first component of each point whose log-density (`log_prob`, `k x rows`) is its
/// maximum `max`: numpy's `argmax`, as scikit-learn's `predict`.
fn first_maxima<T: Float>(log_prob: &[T], max: &[T], labels: &mut [usize]) {
    let rows = max.len();
    labels.fill(usize::MAX);
    for (c, r) in log_prob.chunks_exact(rows).enumerate() {
        for ((l, &v), &m) in labels.iter_mut().zip(r).zip(max) {
            if *l == usize::MAX && v == m {
                *l = c;
            }
        }
    }
}

/// The E-step of a chunk of `rows` points for `d = 2`, whose coordinates are the planes `xs`,
/// `WIDTH` points at a time so that their differences, distances, maxima and sums stay in
/// registers and their column of every component's plane in the nearest cache:
/// `ln π_c p(x | c)` for every component and their maximum (into `max`), then
/// `exp(ln π_c p(x | c) - max)` (into `values`, a plane per component) and its sum over the
/// components (into `total`). With `LABELS`, the first component of each point at its
/// maximum into `labels` (as [`first_maxima`]), which is not read otherwise. Returns the first
/// row whose log-densities are not finite, and stops there.
#[inline(always)]
pub(crate) fn plane_exponentials<
    K: CovarianceKernels,
    T: Float,
    const FUSED: bool,
    const WIDTH: usize,
    const LABELS: bool,
>(
    coefficients: &Coefficients<T>,
    xs: [&Plane<T>; 2],
    rows: usize,
    values: &mut [AlignedPlane<T>],
    max: &mut Plane<T>,
    total: &mut Plane<T>,
    labels: &mut [usize],
) -> Option<usize> {
    let half = T::from_f64(0.5);
    let per_component = || {
        (coefficients.offsets.iter())
            .zip(coefficients.means.as_chunks::<2>().0)
            .zip(&coefficients.plane_factors)
    };
    let columns = [columns::<T, WIDTH>(xs[0]), columns::<T, WIDTH>(xs[1])];
    for (j, (x0, x1)) in columns[0].iter().zip(columns[1]).enumerate() {
        let (mut column_max, mut column_label) = ([T::NEG_INFINITY; WIDTH], [0; WIDTH]);
        for (c, (AlignedPlane(plane), ((&offset, &[m0, m1]), &factors))) in
            values.iter_mut().zip(per_component()).enumerate()
        {
            let (mut dx0, mut dx1) = (*x0, *x1);
            for (v0, v1) in dx0.iter_mut().zip(&mut dx1) {
                *v0 -= m0;
                *v1 -= m1;
            }
            let distances = K::block_distances(factors, &[dx0, dx1]);
            let out = &mut columns_mut::<T, WIDTH>(plane)[j];
            let maxima = out.iter_mut().zip(&mut column_max).zip(&distances);
            if LABELS {
                // A strictly larger value takes the label: the first of equals keeps it.
                for (((out, m), &d), label) in maxima.zip(&mut column_label) {
                    let v = offset - half * d;
                    *out = v;
                    *label = if v > *m { c } else { *label };
                    *m = if v > *m { v } else { *m };
                }
            } else {
                for ((out, m), &d) in maxima {
                    let v = offset - half * d;
                    *out = v;
                    *m = if v > *m { v } else { *m };
                }
            }
        }
        let valid = rows.saturating_sub(j * WIDTH).min(WIDTH);
        if let Some(lane) = column_max[..valid].iter().position(|m| !m.is_finite()) {
            return Some(j * WIDTH + lane);
        }
        if LABELS && valid > 0 {
            labels[j * WIDTH..j * WIDTH + valid].copy_from_slice(&column_label[..valid]);
        }
        let mut column_total = [T::ZERO; WIDTH];
        for AlignedPlane(plane) in values.iter_mut() {
            let values = &mut columns_mut::<T, WIDTH>(plane)[j];
            for ((v, &m), t) in values.iter_mut().zip(&column_max).zip(&mut column_total) {
                *v = exp_nonpositive::<T, FUSED>(*v - m);
                *t += *v;
            }
        }
        columns_mut::<T, WIDTH>(max)[j] = column_max;
        columns_mut::<T, WIDTH>(total)[j] = column_total;
    }
    None
}

/// The buffers of [`chunk_posterior`].
#[derive(Debug, Default)]
pub(crate) struct PosteriorScratch<T> {
    /// The log-densities, then the exponentials, `k x rows`.
    values: Vec<T>,
    /// For `d = 2`: the same, a plane per component.
    planes: Vec<AlignedPlane<T>>,
    /// The maxima, the sums and their inverses: three values per point.
    per_point: Vec<T>,
    /// The covariance type's kernels' buffers.
    kernels: Scratch<T>,
}

/// The posterior of a chunk of points under given coefficients ([`chunk_posterior`]).
pub(crate) type PosteriorKernel<T> = fn(
    &Coefficients<T>,
    TensorRef<'_, T, 2>,
    &mut PosteriorScratch<T>,
    Option<&mut [usize]>,
    Option<&mut [T]>,
    Option<&mut [T]>,
) -> Result<(), usize>;

isa::compiled_for_each_isa!(
    /// The posterior of a chunk of points `x` under `coefficients`, through the fit's E-step:
    /// with `labels`, each point's most likely component (the first of equals, as numpy's
    /// `argmax`); with `log_norm`, `ln p(x)`; with `resp` (`rows x k`), the responsibilities.
    /// Fails with the first row of the chunk whose likelihood is not finite.
    pub(crate) fn chunk_posterior, chunk_posterior_avx2, chunk_posterior_avx512 =
        chunk_posterior_inline(
            coefficients: &Coefficients<T>,
            x: TensorRef<'_, T, 2>,
            scratch: &mut PosteriorScratch<T>,
            labels: Option<&mut [usize]>,
            log_norm: Option<&mut [T]>,
            resp: Option<&mut [T]>,
        ) -> Result<(), usize>
);

/// The body of [`chunk_posterior`], inlined into each of its compilations.
#[inline(always)]
fn chunk_posterior_inline<K: CovarianceKernels, T: Float, const FUSED: bool, const WIDTH: usize>(
    coefficients: &Coefficients<T>,
    x: TensorRef<'_, T, 2>,
    scratch: &mut PosteriorScratch<T>,
    labels: Option<&mut [usize]>,
    log_norm: Option<&mut [T]>,
    resp: Option<&mut [T]>,
) -> Result<(), usize> {
    let rows = x.shape()[0];
    let k = coefficients.k;
    let PosteriorScratch {
        values,
        planes,
        per_point,
        kernels,
    } = scratch;
    let (max, rest) = buffer(per_point, 3 * rows).split_at_mut(rows);
    let (total, inverse) = rest.split_at_mut(rows);
    if coefficients.d == 2 {
        let xs = coordinate_planes(x.data());
        let zero = AlignedPlane::zero();
        planes.resize(k, zero);
        let (AlignedPlane(mut plane_max), AlignedPlane(mut plane_total)) = (zero, zero);
        let planes_in = [&xs[0].0, &xs[1].0];
        let (max_out, total_out) = (&mut plane_max, &mut plane_total);
        let non_finite = match labels {
            Some(labels) => plane_exponentials::<K, T, FUSED, WIDTH, true>(
                coefficients,
                planes_in,
                rows,
                planes,
                max_out,
                total_out,
                labels,
            ),
            None => plane_exponentials::<K, T, FUSED, WIDTH, false>(
                coefficients,
                planes_in,
                rows,
                planes,
                max_out,
                total_out,
                &mut [],
            ),
        };
        if let Some(row) = non_finite {
            return Err(row);
        }
        max.copy_from_slice(&plane_max.as_flattened()[..rows]);
        total.copy_from_slice(&plane_total.as_flattened()[..rows]);
    } else {
        let values = buffer(values, k * rows);
        if let Some(row) = log_densities::<K, T>(coefficients, x, kernels, values, max) {
            return Err(row);
        }
        if let Some(labels) = labels {
            first_maxima(values, max, labels);
        }
        exponentials::<T, FUSED>(values, max, total);
    }
    if let Some(log_norm) = log_norm {
        for ((l, &t), &m) in log_norm.iter_mut().zip(&*total).zip(&*max) {
            *l = ln_normal::<T, FUSED>(t) + m;
        }
    }
    if let Some(resp) = resp {
        for (i, &t) in inverse.iter_mut().zip(&*total) {
            *i = T::ONE / t;
        }
        for c in 0..k {
            let exps = if coefficients.d == 2 {
                &planes[c].0.as_flattened()[..rows]
            } else {
                &values[c * rows..(c + 1) * rows]
            };
            for (n, (&v, &i)) in exps.iter().zip(&*inverse).enumerate() {
                resp[n * k + c] = v * i;
            }
        }
    }
    Ok(())
}
