//! The per-covariance-type kernels, one small function per type and step, as scikit-learn's
//! `_estimate_gaussian_covariances_*`, `_compute_precision_cholesky`,
//! `_compute_log_det_cholesky` and `_estimate_log_gaussian_prob`.
//!
//! Each covariance type is a zero-sized type implementing [`CovarianceKernels`]; the EM loop
//! never branches on the type: it calls through a
//! [`KernelTable`](crate::covariance::KernelTable) of function pointers that
//! [`CovarianceType::kernels`](crate::CovarianceType::kernels) selects once. The `d = 2`
//! kernels ([`block_distances`](CovarianceKernels::block_distances),
//! [`plane_scatter`](CovarianceKernels::plane_scatter)) are the same computations with
//! compile-time extents.
//!
//! Layouts (flat, row-major), as scikit-learn's attributes:
//!
//! | type | covariances / precisions / Cholesky factors |
//! | --- | --- |
//! | full | `k x d x d` |
//! | tied | `d x d` |
//! | diag | `k x d` |
//! | spherical | `k` |
//!
//! Responsibilities are stored component-major, `k x n`, so one component's column is a
//! contiguous row.

use core::ops::Range;

use einsum::{Operand, StridedRef, TensorRef, ViewError, einsum};

use crate::Float;
use crate::buffers::{Scratch, buffer, indices, view, view_mut};
use crate::layout::{LANES, Plane, sum_lanes};
use crate::linalg::{cholesky_lower, lower_triangular_inverse};

/// What the covariance M-step reads after a fused EM pass (component-minor, `d x k`).
pub(crate) struct MomentSums<'a, T> {
    /// `Σ_n r_cn w_n`, `k`.
    pub weight: &'a [T],
    /// The covariance type's second moments ([`CovarianceKernels::moments_len`]) about the
    /// centres `c_c = Σ_n r_cn w_n x_n / Σ_n r_cn w_n`.
    pub second: &'a [T],
    /// `c_c - μ_c`, `d x k`: the centres minus the new means.
    pub offset: &'a [T],
    /// `Σ_n r_cn w_n + 10 ε`, `k`.
    pub nk: &'a [T],
    /// The new means, `k x d`.
    pub means: &'a [T],
    /// Added to the diagonal of every covariance.
    pub reg_covar: T,
}

/// The kernels of one covariance type.
pub(crate) trait CovarianceKernels {
    /// The shape of the covariances (and precisions) of `k` components in `d` dimensions.
    fn shape(k: usize, d: usize) -> Vec<usize>;

    /// The number of free covariance parameters.
    fn n_parameters(k: usize, d: usize) -> usize;

    /// The Cholesky factors of the precisions from the covariances, or the first component
    /// whose covariance is not positive definite.
    fn precision_cholesky<T: Float>(
        cov: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize>;

    /// The Cholesky factors of given precisions (scikit-learn's initialisation from
    /// `precisions_init`), or the first component that is not positive definite.
    fn precision_cholesky_from_precisions<T: Float>(
        prec: &[T],
        k: usize,
        d: usize,
        out: &mut [T],
    ) -> Result<(), usize>;

    /// The covariances of given precisions (inverses through the Cholesky factor), or the
    /// first component that is not positive definite.
    fn covariances_from_precisions<T: Float>(
        prec: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize>;

    /// The precisions from their Cholesky factors.
    fn precisions_from_cholesky<T: Float>(pc: &[T], k: usize, d: usize, out: &mut [T]);

    /// `log det` of each component's precision Cholesky factor, `k` values.
    fn log_det_cholesky<T: Float>(
        pc: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    );

    /// Component `c`'s covariance as a dense `d x d` matrix.
    fn covariance_matrix<T: Float>(cov: &[T], c: usize, d: usize, out: &mut [T]);

    /// The factors of the squared distances to the means (`k x d`) from the precision
    /// Cholesky factors, for [`chunk_distances`](Self::chunk_distances).
    fn distance_factors<T: Float>(pc: &[T], means: &[T], d: usize, out: &mut DistanceFactors<T>);

    /// The squared Mahalanobis distances of a chunk of points `x` (`rows x d`) to every mean
    /// (`means`, `k x d`) under the [`distance_factors`](Self::distance_factors) `factors`,
    /// into `out` (`k x rows`): the E-step's large work, as matrix products over the chunk
    /// that `einsum!` hands to its GEMM tier.
    fn chunk_distances<T: Float>(
        x: TensorRef<'_, T, 2>,
        means: &[T],
        factors: &DistanceFactors<T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    );

    /// The number of second-moment sums the M-step needs; by default the diagonal ones.
    fn moments_len(k: usize, d: usize) -> usize {
        d * k
    }

    /// Whether the second moments are summed per component about its mean in the chunk
    /// ([`chunk_moments`](Self::chunk_moments), [`plane_scatter`](Self::plane_scatter)).
    const SCATTER_PER_COMPONENT: bool = true;

    /// The first moments `Σ_n r_cn x_n` (`d x k`, into `first`) of a chunk of points `x`
    /// (`rows x d`) under the weighted responsibilities `resp` (`k x rows`) whose sums are
    /// `weight` (`k`), and, when [`SCATTER_PER_COMPONENT`](Self::SCATTER_PER_COMPONENT), the
    /// second moments about each component's mean in the chunk `first_c / weight_c` of the
    /// components whose weight is positive, into `second` (zeroed); `means` is a buffer.
    /// `after_e_step`: `scratch` holds what [`chunk_distances`](Self::chunk_distances) left
    /// there for these points (the fused pass, right after the chunk's E-step). By default
    /// the diagonal ones (`d x k`), both from one matrix product ([`diagonal_moments`]).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn chunk_moments<T: Float>(
        x: TensorRef<'_, T, 2>,
        resp: &[T],
        weight: &[T],
        scratch: &mut Scratch<T>,
        after_e_step: bool,
        means: &mut Vec<T>,
        first: &mut [T],
        second: &mut [T],
    ) {
        diagonal_moments(x, resp, weight, scratch, after_e_step, means, first, second);
    }

    /// Adds the second moments of a chunk of points (`x`, weights `w`) that are summed over
    /// all its points at once rather than per component, from the chunk's sums of
    /// responsibilities `weight` (`k`) and first moments `first` (`d x k`); `centred` is a
    /// buffer.
    fn accumulate_chunk<T: Float>(
        _x: TensorRef<'_, T, 2>,
        _w: &[T],
        _weight: &[T],
        _first: &[T],
        _centred: &mut Vec<T>,
        _out: &mut [T],
    ) {
    }

    /// For `d = 2`: [`accumulate_chunk`](Self::accumulate_chunk) from the chunk's points by
    /// coordinate `x` and their weights `w` (planes padded with weightless points), into
    /// `out` (zeroed); `space` is a buffer.
    #[inline(always)]
    fn plane_accumulate<T: Float, const W: usize>(
        _w: &Plane<T>,
        _x: [&Plane<T>; 2],
        _weight: &[T],
        _first: &[T],
        _space: &mut Vec<T>,
        _out: &mut [T],
    ) {
    }

    /// For `d = 2`: the four factors of the squared distances of each component (see
    /// [`block_distances`](Self::block_distances)).
    fn plane_factors<T: Float>(pc: &[T], k: usize, out: &mut Vec<[T; 4]>);

    /// For `d = 2`: the squared Mahalanobis distances of a block of points to one mean, from
    /// their differences to it `dx` (per coordinate) and the component's four factors,
    /// returned by value so that they stay in registers. By default `Σ_i λ_i dx_i²` with the
    /// precisions `λ_0`, `λ_1` as the first two factors (diag and spherical).
    #[inline(always)]
    fn block_distances<T: Float, const W: usize>(factors: [T; 4], dx: &[[T; W]; 2]) -> [T; W] {
        let (precisions, mut distances) = ([factors[0], factors[1]], [T::ZERO; W]);
        einsum!(distances = "il,il,i->l", dx, dx, precisions);
        distances
    }

    /// For `d = 2`: one component's second moments about `mean`, its mean over the chunk, from
    /// its weighted responsibilities `resp` and the chunk's points `x`, written into `out`
    /// (which starts at the component, of `k`). By default the diagonal ones (`d x k`).
    #[inline(always)]
    fn plane_scatter<T: Float, const W: usize>(
        resp: &Plane<T>,
        x: [&Plane<T>; 2],
        mean: [T; 2],
        out: &mut [T],
        k: usize,
    ) {
        plane_pair_sums::<T, 2, W>(resp, x, mean, [(0, 0), (1, 1)], [&[0], &[1]], out, k);
    }

    /// Adds a chunk's second moments `next` into `sums`, with the scatter between the two
    /// parts' centres: `delta` (`d x k`) weighted by `factor` (`k`).
    fn merge_moments<T: Float>(sums: &mut [T], next: &[T], delta: &[T], factor: &[T]);

    /// The M-step covariance estimate from the sums of a fused EM pass, written into `out`.
    fn covariances_from_moments<T: Float>(
        sums: &MomentSums<'_, T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    );
}

/// Full covariance matrices, one per component.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Full;
/// One covariance matrix shared by all components.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tied;
/// Diagonal covariance matrices, one per component.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Diag;
/// One variance per component.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spherical;

/// Adds `reg` to the diagonal of a `d x d` matrix after dividing it by `norm`.
fn normalise_and_regularise<T: Float>(m: &mut [T], d: usize, norm: T, reg: T) {
    for v in m.iter_mut() {
        *v /= norm;
    }
    for i in 0..d {
        m[i * d + i] += reg;
    }
}

/// `L⁻¹` for the Cholesky factor of `m = L Lᵀ`, in the scratch space; `None` when `m` is not
/// positive definite.
fn inverse_cholesky_factor<'s, T: Float>(
    m: &[T],
    d: usize,
    scratch: &'s mut Scratch<T>,
) -> Option<&'s [T]> {
    let l = buffer(&mut scratch.a, d * d);
    if !cholesky_lower(m, d, l) {
        return None;
    }
    let inv = buffer(&mut scratch.b, d * d);
    lower_triangular_inverse(l, d, inv);
    Some(inv)
}

/// One precision Cholesky factor `P = L⁻ᵀ` of one covariance `cov = L Lᵀ`.
fn precision_cholesky_one<T: Float>(
    cov: &[T],
    d: usize,
    scratch: &mut Scratch<T>,
    out: &mut [T],
) -> bool {
    let Some(inv) = inverse_cholesky_factor(cov, d, scratch) else {
        return false;
    };
    einsum!(view_mut(out, [d, d]) = "ij->ji", view(inv, [d, d]));
    true
}

/// One covariance `Λ⁻¹ = L⁻ᵀ L⁻¹` of one precision `Λ = L Lᵀ`.
fn inverse_via_cholesky<T: Float>(
    prec: &[T],
    d: usize,
    scratch: &mut Scratch<T>,
    out: &mut [T],
) -> bool {
    let Some(inv) = inverse_cholesky_factor(prec, d, scratch) else {
        return false;
    };
    let inv = view(inv, [d, d]);
    einsum!(view_mut(out, [d, d]) = "ki,kj->ij", inv, inv);
    true
}

/// Whether a `d x d` matrix is symmetric to numpy's `allclose` tolerance.
fn is_symmetric<T: Float>(m: &[T], d: usize) -> bool {
    let (rtol, atol) = (T::from_f64(1e-5), T::from_f64(1e-8));
    (0..d).all(|i| {
        (0..i).all(|j| (m[i * d + j] - m[j * d + i]).abs() <= atol + rtol * m[j * d + i].abs())
    })
}

/// The log of the diagonal of each of `k` `d x d` triangular factors, summed: `k` values.
fn log_det_triangular<T: Float>(
    pc: &[T],
    k: usize,
    d: usize,
    scratch: &mut Scratch<T>,
    out: &mut [T],
) {
    let diag = buffer(&mut scratch.a, k * d);
    einsum!(
        view_mut(&mut *diag, [k, d]) = "kii->ki",
        view(pc, [k, d, d])
    );
    for v in diag.iter_mut() {
        *v = v.ln();
    }
    einsum!(out = "ki->k", view(diag, [k, d]));
}

/// `(S + W ε εᵀ) / n_c + reg I` for every component: scikit-learn's weighted scatter about
/// the new means `μ`, from the scatter `S` (`d x d x k`) about the centres `μ + ε`, written
/// `k x d x d`.
fn centred_full<T: Float>(
    sums: &MomentSums<'_, T>,
    d: usize,
    scratch: &mut Scratch<T>,
    out: &mut [T],
) {
    let k = sums.nk.len();
    let offset = view(sums.offset, [d, k]);
    einsum!(
        view_mut(&mut *out, [k, d, d]) = "ijc->cij",
        view(sums.second, [d, d, k])
    );
    let spread = buffer(&mut scratch.a, k * d * d);
    einsum!(
        view_mut(&mut *spread, [k, d, d]) = "c,ic,jc->cij",
        sums.weight,
        offset,
        offset
    );
    for (c, (block, spread)) in out
        .chunks_exact_mut(d * d)
        .zip(spread.chunks_exact(d * d))
        .enumerate()
    {
        for (o, &s) in block.iter_mut().zip(spread) {
            *o += s;
        }
        normalise_and_regularise(block, d, sums.nk[c], sums.reg_covar);
    }
}

/// The diagonal of [`centred_full`] from diagonal sums (`d x k`), as scikit-learn's
/// `_estimate_gaussian_covariances_diag`, written `k x d`.
fn centred_diagonal<T: Float>(
    sums: &MomentSums<'_, T>,
    d: usize,
    scratch: &mut Scratch<T>,
    out: &mut [T],
) {
    let k = sums.nk.len();
    let offset = view(sums.offset, [d, k]);
    einsum!(
        view_mut(&mut *out, [k, d]) = "ic->ci",
        view(sums.second, [d, k])
    );
    let spread = buffer(&mut scratch.a, k * d);
    einsum!(
        view_mut(&mut *spread, [k, d]) = "c,ic,ic->ci",
        sums.weight,
        offset,
        offset
    );
    for (c, (row, spread)) in out
        .chunks_exact_mut(d)
        .zip(spread.chunks_exact(d))
        .enumerate()
    {
        // scikit-learn's diagonal is Σ r w x² / n_c - μ², which exceeds the centred scatter
        // by μ² (n_c - Σ r w) / n_c: the 10 ε added to n_c.
        let excess = (sums.nk[c] - sums.weight[c]) / sums.nk[c];
        for (i, (v, &s)) in row.iter_mut().zip(spread).enumerate() {
            let mean = sums.means[c * d + i];
            *v = (*v + s) / sums.nk[c] + mean * mean * excess + sums.reg_covar;
        }
    }
}

/// Adds two parts' diagonal second moments (`d x k`) and the scatter between their centres.
fn merge_diagonal<T: Float>(sums: &mut [T], next: &[T], delta: &[T], factor: &[T]) {
    let (k, d) = (factor.len(), delta.len() / factor.len());
    for (s, &n) in sums.iter_mut().zip(next) {
        *s += n;
    }
    let delta = view(delta, [d, k]);
    einsum!(
        view_mut(sums, [d, k]) += "ic,ic,c->ic",
        delta,
        delta,
        factor
    );
}

/// Values per step of [`difference`].
const DIFFERENCE_LANES: usize = 8;

/// `v - m` element by element into `out` (all of one length), [`DIFFERENCE_LANES`] at a time:
/// a loop over a row of run-time length vectorises only from 16 or 32 elements on, and at
/// d = 8 the centring of the points ran one element at a time.
#[inline(always)]
fn difference<T: Float>(v: &[T], m: &[T], out: &mut [T]) {
    let (blocks, tail) = out.as_chunks_mut::<DIFFERENCE_LANES>();
    let (v_blocks, v_tail) = v.as_chunks::<DIFFERENCE_LANES>();
    let (m_blocks, m_tail) = m.as_chunks::<DIFFERENCE_LANES>();
    for ((o, v), m) in blocks.iter_mut().zip(v_blocks).zip(m_blocks) {
        *o = core::array::from_fn(|l| v[l] - m[l]);
    }
    for ((o, &v), &m) in tail.iter_mut().zip(v_tail).zip(m_tail) {
        *o = v - m;
    }
}

/// `x - mean` for every row of `x` (`rows x d`), into `out`.
#[inline(always)]
fn centre_rows<T: Float>(x: &[T], mean: &[T], out: &mut [T]) {
    for (o, row) in out
        .chunks_exact_mut(mean.len())
        .zip(x.chunks_exact(mean.len()))
    {
        difference(row, mean, o);
    }
}

/// The width of the bands of columns (rows) that the full and tied kernels cut their `d x d`
/// factors (scatter matrices) into, each one matrix product, so that the products skip the
/// zero half of a triangular factor and the mirrored half of a symmetric scatter (at d = 64,
/// 10 of 16 blocks of this side are computed).
/// Measured per full iteration at n = 50,000, k = 20: blocks of 16 and 32 both took 0.33 s
/// at d = 64 (unblocked: 0.40 s); at d = 32, 0.103 s and 0.111 s (one block).
const BLOCK: usize = 16;

/// Block `b`'s first coordinate and number of coordinates, of `d` cut into [`BLOCK`]s.
#[inline(always)]
fn block_range(b: usize, d: usize) -> (usize, usize) {
    let start = b * BLOCK;
    (start, BLOCK.min(d - start))
}

/// The coordinates the full and tied kernels pad each point to: `d`, or [`GEMM_MIN_SUMMED`]
/// if fewer (the products sum over them, and a summed extent below [`GEMM_MIN_SUMMED`] kept
/// `einsum!`'s scalar loops: an iteration at d = 4 took longer than at d = 8).
#[inline(always)]
fn factor_rows(d: usize) -> usize {
    d.max(GEMM_MIN_SUMMED)
}

/// A row-major matrix inside a larger one, read at the larger one's row stride: the operand
/// through which a product runs on a band of coordinates of every point of a chunk without
/// copying it (the GEMM tier reads it in place; the loops, on a chunk of a few rows, a copy).
struct Band<'a, T>(StridedRef<'a, T, 2>);

impl<'a, T: Float> Band<'a, T> {
    /// The `rows x cols` matrix whose first element is `data[0]` and whose rows are `stride`
    /// apart.
    #[inline(always)]
    fn new(data: &'a [T], [rows, cols]: [usize; 2], stride: usize) -> Self {
        match StridedRef::new(data, [rows, cols], [stride, 1]) {
            Some(band) => Band(band),
            None => unreachable!("a band inside its buffer"),
        }
    }
}

impl<T: Float> Operand<2> for Band<'_, T> {
    type Elem = T;

    #[inline(always)]
    fn view(&self) -> Result<TensorRef<'_, T, 2>, ViewError> {
        Err(ViewError::NotRowMajor)
    }

    #[inline(always)]
    fn strided(&self) -> Option<StridedRef<'_, T, 2>> {
        Some(self.0)
    }
}

/// Each point of `x` (`rows x d`) minus `mean`, as the first `d` values of a row of `out`
/// (`rows x width`); the rest of each row is left as it is (zeros from [`zero_padding`]).
#[inline(always)]
fn centre_padded<T: Float>(x: TensorRef<'_, T, 2>, mean: &[T], width: usize, out: &mut [T]) {
    let d = mean.len();
    for (o, row) in out.chunks_exact_mut(width).zip(x.data().chunks_exact(d)) {
        difference(row, mean, &mut o[..d]);
    }
}

/// Zeros in `out` (rows of `width`) where [`centre_padded`] writes none, once per chunk: a
/// fill per row of a few values was a `memset` call each, 10% of an iteration at d = 4.
#[inline(always)]
fn zero_padding<T: Float>(out: &mut [T], width: usize, d: usize) {
    if width > d {
        out.fill(T::ZERO);
    }
}

/// The rows `lo..hi` of the `d x d` row-major `factor` whose columns `col..col + cols` are
/// not all zero, if any.
fn nonzero_rows<T: Float>(
    factor: &[T],
    d: usize,
    col: usize,
    cols: usize,
) -> Option<(usize, usize)> {
    let zero = |r: &usize| {
        factor[r * d + col..r * d + col + cols]
            .iter()
            .all(|&v| v == T::ZERO)
    };
    let lo = (0..d).find(|r| !zero(r))?;
    let hi = (lo..d).rev().find(|r| !zero(r)).map_or(lo, |r| r + 1);
    Some((lo, hi))
}

/// One band of [`BLOCK`] columns of the factors in [`stack_factors`]' layout.
#[derive(Debug, Clone, Copy)]
struct FactorBand {
    /// The band's first column.
    col: usize,
    /// Its number of columns.
    cols: usize,
    /// The rows `lo..hi` (of the coordinates padded to [`factor_rows`]) where some factor is
    /// not zero in the band, widened to at least [`GEMM_MIN_SUMMED`]; `lo == hi` if none.
    lo: usize,
    /// See `lo`.
    hi: usize,
    /// Where the band's `(hi - lo) x (factors · cols)` matrix starts in the values.
    at: usize,
}

/// The factors of the squared distances in the layout of the covariance type's
/// [`chunk_distances`](CovarianceKernels::chunk_distances), computed once per iteration
/// ([`CovarianceKernels::distance_factors`]).
#[derive(Debug, Default)]
pub(crate) struct DistanceFactors<T> {
    /// Diag and spherical: the precisions, `k x d`. Full and tied: the precision Cholesky
    /// factors (`k` or one) side by side, one matrix per band ([`stack_factors`]).
    values: Vec<T>,
    /// Full and tied: the bands of `values`.
    bands: Vec<FactorBand>,
    /// Full and tied: the number of factors side by side (`k` or one).
    stacked: usize,
    /// Full and tied: the point `m` the chunks are centred about (the means' mean), `d`.
    centre: Vec<T>,
    /// Full and tied: `(μ_c - m) P_c`, `k x d`.
    offsets: Vec<T>,
    /// Full and tied: the squared distance to `μ_c` below which [`factor_distances`]
    /// recomputes a chunk's distances to `μ_c` from the differences, `k`.
    bounds: Vec<T>,
}

/// The precision Cholesky factors `pc` (`k x d x d`, or one `d x d` for tied) cut into bands
/// of [`BLOCK`] columns, each band of all factors side by side as one row-major
/// `(hi - lo) x (factors · cols)` matrix over the rows `lo..hi` where some factor is not zero
/// there (a Cholesky factor is triangular, so most bands skip rows); the means' mean `m`, the
/// offsets `(μ_c - m) P_c` and the bounds of [`factor_distances`], into `out`.
fn stack_factors<T: Float>(pc: &[T], means: &[T], d: usize, out: &mut DistanceFactors<T>) {
    let (k, width) = (means.len() / d, factor_rows(d));
    let stacked = pc.len() / (d * d);
    out.stacked = stacked;
    out.values.clear();
    out.bands.clear();
    for b in 0..d.div_ceil(BLOCK) {
        let (col, cols) = block_range(b, d);
        let nonzero = pc
            .chunks_exact(d * d)
            .filter_map(|p| nonzero_rows(p, d, col, cols));
        let (lo, hi) = nonzero.fold((width, 0), |(lo, hi), (l, h)| (lo.min(l), hi.max(h)));
        let (lo, hi) = if lo < hi {
            let hi = hi.max((lo + GEMM_MIN_SUMMED).min(width));
            (lo.min(hi.saturating_sub(GEMM_MIN_SUMMED)), hi)
        } else {
            (0, 0)
        };
        let at = out.values.len();
        for i in lo..hi {
            for p in pc.chunks_exact(d * d) {
                if i < d {
                    out.values
                        .extend_from_slice(&p[i * d + col..i * d + col + cols]);
                } else {
                    out.values.resize(out.values.len() + cols, T::ZERO);
                }
            }
        }
        out.bands.push(FactorBand {
            col,
            cols,
            lo,
            hi,
            at,
        });
    }
    out.centre.resize(d, T::ZERO);
    out.offsets.resize(k * d, T::ZERO);
    out.bounds.resize(k, T::ZERO);
    let centre = &mut out.centre[..];
    mean_row(view(means, [k, d]), centre);
    let mut differences = vec![T::ZERO; k * d];
    centre_rows(means, centre, &mut differences);
    let mut norms = vec![T::ZERO; k];
    for (c, (o, delta)) in out
        .offsets
        .chunks_exact_mut(d)
        .zip(differences.chunks_exact(d))
        .enumerate()
    {
        let p = view(&pc[(c % stacked) * d * d..][..d * d], [d, d]);
        einsum!(*o = "i,ij->j", delta, p);
        norms[c] = einsum!("ij,ij->", p, p);
    }
    // The rounding error of `(x - m) P_c - (μ_c - m) P_c` exceeds that of `(x - μ_c) P_c` by
    // about `ε Σ_i |μ_ci - m_i| |P_cij|` in coordinate `j`, whose norm is at most
    // `|μ_c - m| |P_c|` (Frobenius), so the squared distance `v`'s by `4 ε √v |μ_c - m| |P_c|`
    // against its own `ε v`: at most the factor `EXPANSION_RATIO` where
    // `v ≥ 16 |μ_c - m|² |P_c|² / EXPANSION_RATIO²`.
    let scale = T::from_f64(16.0 / (EXPANSION_RATIO * EXPANSION_RATIO));
    let bounds = &mut out.bounds[..];
    einsum!(
        *bounds = "ci,ci,c->c",
        view(&differences, [k, d]),
        view(&differences, [k, d]),
        &norms
    );
    for v in bounds.iter_mut() {
        *v *= scale;
    }
}

/// Rows of a chunk per matrix product in [`factor_distances`], so that the product's
/// `(factors · BLOCK) x rows` result stays in the L2 cache while its squared norms are taken.
const DISTANCE_ROWS: usize = 128;

/// `|(x - μ_c) P_c|²` for every point of `x` and component `c` (`means` `k x d`) under the
/// factors of [`stack_factors`], into `out` (`k x rows`). The chunk is centred once, about the
/// means' mean `m`, and each band of its coordinates multiplied by the band of all factors
/// side by side, one matrix product per band and block of [`DISTANCE_ROWS`] points (packed
/// once for all components, not once per component); `(x - m) P_c - (μ_c - m) P_c`, squared
/// and summed, is the distance. (As scikit-learn's `x P - μ P`, about the origin, an `f32` fit
/// of data far from it would lose every digit.) Where the two terms cancel beyond
/// [`EXPANSION_RATIO`] (a point much closer to `μ_c` than `μ_c` is to `m`, in `P_c`'s units),
/// the component's distances are recomputed from `x - μ_c` ([`direct_distances`]). Leaves
/// `m` in `scratch.a[..d]` and the centred points in `scratch.b`, where [`full_scatter`] takes
/// them after the E-step.
#[inline(always)]
fn factor_distances<T: Float>(
    x: TensorRef<'_, T, 2>,
    means: &[T],
    factors: &DistanceFactors<T>,
    scratch: &mut Scratch<T>,
    out: &mut [T],
) {
    let [rows, d] = x.shape();
    let (width, stacked, widest) = (factor_rows(d), factors.stacked, BLOCK.min(d));
    let centred = buffer(&mut scratch.b, width * rows);
    zero_padding(centred, width, d);
    centre_padded(x, &factors.centre, width, centred);
    let (centre, exact) = buffer(&mut scratch.a, d + width * rows).split_at_mut(d);
    centre.copy_from_slice(&factors.centre);
    let products = (stacked * DISTANCE_ROWS).max(rows) * widest;
    let (products, differences) =
        buffer(&mut scratch.c, products + widest * DISTANCE_ROWS).split_at_mut(products);
    for start in (0..rows).step_by(DISTANCE_ROWS) {
        let len = DISTANCE_ROWS.min(rows - start);
        let part = &centred[start * width..(start + len) * width];
        for (b, band) in factors.bands.iter().enumerate() {
            let FactorBand {
                col,
                cols,
                lo,
                hi,
                at,
            } = *band;
            let y = &mut products[..stacked * cols * len];
            if lo == hi {
                y.fill(T::ZERO);
            } else {
                let points = Band::new(&part[lo..], [len, hi - lo], width);
                let factor = &factors.values[at..at + (hi - lo) * stacked * cols];
                // `y` transposed, so that the squared norms vectorise over the points.
                einsum!(
                    view_mut(&mut *y, [stacked * cols, len]) = "ni,ij->jn",
                    points,
                    view(factor, [hi - lo, stacked * cols])
                );
            }
            for (c, (out, offset)) in out
                .chunks_exact_mut(rows)
                .zip(factors.offsets.chunks_exact(d))
                .enumerate()
            {
                let y = &y[(c % stacked) * cols * len..][..cols * len];
                let e = &mut differences[..cols * len];
                for ((e, y), &o) in e
                    .chunks_exact_mut(len)
                    .zip(y.chunks_exact(len))
                    .zip(&offset[col..col + cols])
                {
                    for (e, &y) in e.iter_mut().zip(y) {
                        *e = y - o;
                    }
                }
                let e = view(&*e, [cols, len]);
                let out = &mut out[start..start + len];
                if b == 0 {
                    einsum!(out = "jn,jn->n", e, e);
                } else {
                    einsum!(out += "jn,jn->n", e, e);
                }
            }
        }
    }
    for (c, (out, &bound)) in out.chunks_exact_mut(rows).zip(&factors.bounds).enumerate() {
        // The test in a loop of its own, which vectorises; the recomputation is rare.
        let mut cancelled = false;
        for &v in out.iter() {
            cancelled |= v < bound;
        }
        if cancelled {
            let mean = &means[c * d..(c + 1) * d];
            direct_distances(x, mean, factors, c % stacked, exact, products, out);
        }
    }
}

/// `|(x - μ) P|²` for every point of `x` (`rows x d`), with `P` the factor `factor` of the
/// [`stack_factors`] `factors` and `μ` the `mean`, into `out` (`rows`): the chunk's
/// differences to the mean times the factor, one matrix product per band; `centred` and `y`
/// (at least `BLOCK x rows`) are buffers.
fn direct_distances<T: Float>(
    x: TensorRef<'_, T, 2>,
    mean: &[T],
    factors: &DistanceFactors<T>,
    factor: usize,
    centred: &mut [T],
    y: &mut [T],
    out: &mut [T],
) {
    let [rows, d] = x.shape();
    let width = factor_rows(d);
    zero_padding(centred, width, d);
    centre_padded(x, mean, width, centred);
    for (b, band) in factors.bands.iter().enumerate() {
        let FactorBand {
            cols, lo, hi, at, ..
        } = *band;
        let y = &mut y[..cols * rows];
        if lo == hi {
            y.fill(T::ZERO);
        } else {
            let points = Band::new(&centred[lo..], [rows, hi - lo], width);
            let stride = factors.stacked * cols;
            let block = Band::new(
                &factors.values[at + factor * cols..],
                [hi - lo, cols],
                stride,
            );
            einsum!(view_mut(&mut *y, [cols, rows]) = "ni,ij->jn", points, block);
        }
        let y = view(&*y, [cols, rows]);
        if b == 0 {
            einsum!(out = "jn,jn->n", y, y);
        } else {
            einsum!(out += "jn,jn->n", y, y);
        }
    }
}

/// How much larger than their result the expanded terms of a squared distance or a second
/// moment may be before the result is recomputed from the differences: the expanded form's
/// rounding error is about its terms times the unit roundoff, the direct form's about the
/// result times it, so the expansion costs at most this factor in accuracy.
const EXPANSION_RATIO: f64 = 256.0;

/// The GEMM tier's smallest summed extent (`einsum!`'s `MIN_SUMMED`): [`expanded_width`] pads
/// the expanded rows to it, so that the products over them leave the scalar loops at small
/// `d`.
const GEMM_MIN_SUMMED: usize = 8;

/// The length of a row of [`expand_chunk`]'s output for `d` coordinates: the differences and
/// their squares side by side, padded with zeros to [`GEMM_MIN_SUMMED`].
#[inline(always)]
fn expanded_width(d: usize) -> usize {
    (2 * d).max(GEMM_MIN_SUMMED)
}

/// Each point of `x` (`rows x d`) minus `centre`, then the squares of those differences, then
/// zeros, as a row of `width` ([`expanded_width`]) values of `out`, in one pass: the expanded
/// forms below run on points centred near the data, so that data far from the origin costs
/// them no digits, and take both halves in one matrix product.
#[inline(always)]
fn expand_chunk<T: Float>(x: &[T], centre: &[T], width: usize, out: &mut [T]) {
    let d = centre.len();
    for (o, row) in out.chunks_exact_mut(width).zip(x.chunks_exact(d)) {
        let (c, rest) = o.split_at_mut(d);
        let (s, pad) = rest.split_at_mut(d);
        // Two loops, each of which vectorises (one loop writing both halves did not).
        difference(row, centre, c);
        for (s, &c) in s.iter_mut().zip(&*c) {
            *s = c * c;
        }
        pad.fill(T::ZERO);
    }
}

/// The mean of the rows of `m` into `out`.
#[inline(always)]
fn mean_row<T: Float>(m: TensorRef<'_, T, 2>, out: &mut [T]) {
    einsum!(*out = "ni->i", m);
    let scale = T::ONE / T::from_usize(m.shape()[0].max(1));
    for v in out.iter_mut() {
        *v *= scale;
    }
}

/// `Σ_c w_c μ_c / Σ_c w_c` over the `k x d` `means` into `centre` (`d`), or zero when no weight
/// is positive: a point near the data, found in `k d` operations (a mean over the chunk's
/// points took 9% of a diag iteration at d = 64).
#[inline(always)]
fn mean_of_means<T: Float>(means: &[T], weight: &[T], centre: &mut [T]) {
    let k = weight.len();
    einsum!(*centre = "c,ci->i", weight, view(means, [k, centre.len()]));
    let total: T = einsum!("c->", weight);
    let scale = if total > T::ZERO {
        T::ONE / total
    } else {
        T::ZERO
    };
    for v in centre.iter_mut() {
        *v *= scale;
    }
}

/// `Σ_i λ_ci (x_i - μ_ci)²` for every point of `x` and component `c` (`means` and
/// `precisions` `k x d`), into `out` (`k x rows`). Expanded about the means' mean `m`, as
/// scikit-learn's (about the origin): with `A = Σ_i λ_ci (x_i - m_i)²`,
/// `B = Σ_i λ_ci (μ_ci - m_i)²` and the cross term, `A - 2 Σ_i λ_ci (μ_ci - m_i) (x_i - m_i) + B`,
/// one matrix product of the chunk's [`expand_chunk`] rows with `[-2 λ_c (μ_c - m), λ_c]`
/// (scikit-learn runs two). The terms cancel where a point is much closer to a mean than
/// both are to `m` (a component of tiny variance): there, beyond [`EXPANSION_RATIO`], the
/// distance `v` is recomputed from the differences (without that, the lower bound of
/// `tests/monotonic.rs` fell by 7e-3 of its size with a variance of 10⁻¹²). `A` is not formed
/// on its own, so the test is on its bound `A <= (√v + √B)² <= 2 v + 2 B`: `v (ratio - 2) < 3 B`
/// holds wherever `v ratio < A + B` does. Leaves `m` in `scratch.c[..d]` and the expanded rows
/// in `scratch.a`, where [`diagonal_moments`] takes them after the E-step.
#[inline(always)]
fn scaled_distances<T: Float>(
    x: TensorRef<'_, T, 2>,
    means: &[T],
    precisions: &[T],
    scratch: &mut Scratch<T>,
    out: &mut [T],
) {
    let [rows, d] = x.shape();
    let k = precisions.len() / d;
    let width = expanded_width(d);
    let expanded = buffer(&mut scratch.a, rows * width);
    let (centre, rest) = buffer(&mut scratch.c, 2 * d + k * d + k * width + 2 * k).split_at_mut(d);
    let (difference, rest) = rest.split_at_mut(d);
    let (offsets, rest) = rest.split_at_mut(k * d);
    let (factors, rest) = rest.split_at_mut(k * width);
    let (norms, ones) = rest.split_at_mut(k);
    ones.fill(T::ONE);
    mean_of_means(means, ones, centre);
    expand_chunk(x.data(), centre, width, expanded);
    centre_rows(means, centre, offsets);
    let lambda = view(precisions, [k, d]);
    einsum!(
        *norms = "ci,ci,ci->c",
        view(&*offsets, [k, d]),
        view(&*offsets, [k, d]),
        lambda
    );
    let minus_two = T::from_f64(-2.0);
    for ((f, o), l) in factors
        .chunks_exact_mut(width)
        .zip(offsets.chunks_exact(d))
        .zip(precisions.chunks_exact(d))
    {
        let (cross, rest) = f.split_at_mut(d);
        let (square, pad) = rest.split_at_mut(d);
        for ((v, &o), &l) in cross.iter_mut().zip(o).zip(l) {
            *v = minus_two * l * o;
        }
        square.copy_from_slice(l);
        pad.fill(T::ZERO);
    }
    einsum!(
        view_mut(&mut *out, [k, rows]) = "nj,cj->cn",
        view(&*expanded, [rows, width]),
        view(&*factors, [k, width])
    );
    let ratio = T::from_f64(EXPANSION_RATIO - 2.0);
    let three = T::from_f64(3.0);
    for (c, (out, &norm)) in out.chunks_exact_mut(rows).zip(&*norms).enumerate() {
        let bound = three * norm;
        // The test in a loop of its own, which vectorises; the recomputation is rare.
        let mut cancelled = false;
        for v in out.iter_mut() {
            *v += norm;
            cancelled |= *v * ratio < bound;
        }
        if !cancelled {
            continue;
        }
        for (n, v) in out.iter_mut().enumerate() {
            if *v * ratio < bound {
                let (point, mean) = (&x.data()[n * d..(n + 1) * d], &means[c * d..(c + 1) * d]);
                for ((e, &p), &m) in difference.iter_mut().zip(point).zip(mean) {
                    *e = p - m;
                }
                *v = einsum!(
                    "i,i,i->",
                    &*difference,
                    &*difference,
                    &precisions[c * d..(c + 1) * d]
                );
            }
        }
    }
}

/// Rows summed side by side in [`exact_diagonal_scatter`].
const SCATTER_LANES: usize = 8;

/// The first moments `Σ_n r_cn x_n` and the diagonal second moments
/// `Σ_n r_cn (x_ni - m_ci)²` about the components' means `m_c` in a chunk (see
/// [`CovarianceKernels::chunk_moments`]), both written `d x k`, from the responsibilities'
/// sums over the chunk's [`expand_chunk`] rows about a point `p` near the data (after the
/// E-step, its rows about the means' mean; else about the chunk's mean point), one matrix
/// product or, where few are kept, over the [`KeptRows`] ([`responsibility_row_sums`]):
/// `F_c = Σ_n r_cn (x_n - p)` and
/// `S_ci = Σ_n r_cn (x_ni - p_i)²` give `Σ_n r_cn x_n = F_c + W_c p` and the second moments
/// `S_ci - F_ci² / W_c`. A component whose moments cancel beyond [`EXPANSION_RATIO`] (its
/// spread small against its distance to `p`) is summed from its differences. (The first
/// moments as a product of their own were a fifth product per chunk, 20% of the work at
/// d = 64.)
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn diagonal_moments<T: Float>(
    x: TensorRef<'_, T, 2>,
    resp: &[T],
    weight: &[T],
    scratch: &mut Scratch<T>,
    after_e_step: bool,
    mean: &mut Vec<T>,
    first: &mut [T],
    out: &mut [T],
) {
    let [rows, d] = x.shape();
    let k = weight.len();
    let width = expanded_width(d);
    let expanded = buffer(&mut scratch.a, rows * width);
    let (centre, lanes) = buffer(&mut scratch.c, (SCATTER_LANES + 2) * d).split_at_mut(d);
    if !after_e_step {
        einsum!(*centre = "ni->i", x);
        let scale = T::ONE / T::from_usize(rows.max(1));
        for v in centre.iter_mut() {
            *v *= scale;
        }
        expand_chunk(x.data(), centre, width, expanded);
    }
    let sums = buffer(&mut scratch.b, k * width);
    // With fewer than `KEPT_COLUMNS` values per row, the sums one at a time took 7% longer
    // than the matrix product (at d = 8).
    let kept = if width >= KEPT_COLUMNS {
        kept_responsibilities(resp, weight)
    } else {
        None
    };
    responsibility_row_sums(resp, weight, expanded, width, kept, &mut scratch.rows, sums);
    let ratio = T::from_f64(EXPANSION_RATIO);
    let mean = buffer(mean, d);
    for (c, sums) in sums.chunks_exact(width).enumerate() {
        let (centred_first, second) = (&sums[..d], &sums[d..2 * d]);
        let total = weight[c];
        for (i, (&f, &p)) in centred_first.iter().zip(&*centre).enumerate() {
            first[i * k + c] = f + total * p;
        }
        if total <= T::ZERO {
            continue;
        }
        let mut cancelled = false;
        for (i, (&s, &f)) in second.iter().zip(centred_first).enumerate() {
            let v = s - f * f / total;
            cancelled |= v * ratio < s;
            out[i * k + c] = v;
        }
        if cancelled {
            for (i, m) in mean.iter_mut().enumerate() {
                *m = first[i * k + c] / total;
            }
            let r = &resp[c * rows..(c + 1) * rows];
            // `expanded` has been read: it holds the differences now.
            let centred = &mut expanded[..rows * d];
            exact_diagonal_scatter(x, r, mean, centred, lanes, &mut out[c..], k);
        }
    }
}

/// The M-step's sums run over the kept responsibilities only ([`KeptRows`]) when at most one in
/// this many is kept, else over all of them in one matrix product: a kept one costs about what
/// three multiply-adds of the product cost.
const SPARSE_SHARE: usize = 4;

/// Whether the M-step's sums run over the `kept` of `k x rows` responsibilities only.
#[inline(always)]
fn sum_kept_only(kept: usize, k: usize, rows: usize) -> bool {
    kept * SPARSE_SHARE <= k * rows
}

/// Which of a chunk's weighted responsibilities the M-step's sums run over where few are kept
/// ([`kept_responsibilities`]): each component's `r_cn` above `u W_c / rows` (`u` the unit
/// roundoff, `W_c` the component's sum over the chunk). What is left out sums to at most
/// `u W_c`, what one rounding of `W_c` may change: the sums are those of the points left out
/// moved to the point the chunk is centred on, which moves a mean by at most `u` times the
/// farthest one's distance to that point. In high dimension nearly every responsibility is
/// that small: on `./bench/compare`'s data at d = 64, 2.4 of 20 per point are kept (full:
/// 1.9).
#[derive(Debug, Clone, Copy)]
struct KeptRows<T> {
    /// `u / rows`: a responsibility is kept above this times its component's `W_c`.
    scale: T,
}

impl<T: Float> KeptRows<T> {
    /// The bound for `rows` responsibilities per component.
    #[inline(always)]
    fn new(rows: usize) -> Self {
        KeptRows {
            scale: T::EPSILON * T::from_f64(0.5) / T::from_usize(rows),
        }
    }

    /// The rows kept of a component's responsibilities `r` (summing to `weight`), listed in
    /// `buffer` (`r.len()`).
    #[inline(always)]
    fn list<'a>(&self, r: &[T], weight: T, buffer: &'a mut [usize]) -> &'a [usize] {
        let count = kept_rows(r, weight * self.scale, buffer);
        &buffer[..count]
    }
}

/// The [`KeptRows`] of the weighted responsibilities `resp` (`k x rows`, sums `weight`) if few
/// enough are kept ([`sum_kept_only`]); else `None`: the sums run over all.
#[inline(always)]
fn kept_responsibilities<T: Float>(resp: &[T], weight: &[T]) -> Option<KeptRows<T>> {
    let k = weight.len();
    if resp.is_empty() {
        return None;
    }
    let rows = resp.len() / k;
    let kept = KeptRows::new(rows);
    let count: usize = (resp.chunks_exact(rows).zip(weight))
        .map(|(r, &w)| {
            let least = w * kept.scale;
            r.iter().map(|&v| usize::from(v > least)).sum::<usize>()
        })
        .sum();
    sum_kept_only(count, k, rows).then_some(kept)
}

/// Columns of the sums [`responsibility_row_sums`] keeps in registers while it goes through a
/// component's kept rows.
const KEPT_COLUMNS: usize = 32;

/// `Σ_n r_cn e_n` over the rows `e_n` of `e` (`rows x width`) and each component's weighted
/// responsibilities `r_c` (a row of `resp`, `k x rows`, summing to `weight[c]`) into `sums`
/// (`k x width`): over the `kept` rows only, one at a time, if given (listed in `list`, a
/// buffer); else over all, one matrix product.
#[inline(always)]
fn responsibility_row_sums<T: Float>(
    resp: &[T],
    weight: &[T],
    e: &[T],
    width: usize,
    kept: Option<KeptRows<T>>,
    list: &mut Vec<usize>,
    sums: &mut [T],
) {
    let k = weight.len();
    let rows = e.len() / width;
    let Some(kept) = kept else {
        einsum!(
            view_mut(sums, [k, width]) = "cn,nj->cj",
            view(resp, [k, rows]),
            view(e, [rows, width])
        );
        return;
    };
    let list = indices(list, rows);
    let components = sums.chunks_exact_mut(width).zip(resp.chunks_exact(rows));
    for ((sums, r), &w) in components.zip(weight) {
        let list = kept.list(r, w, list);
        let (blocks, tail) = sums.as_chunks_mut::<KEPT_COLUMNS>();
        for (b, block) in blocks.iter_mut().enumerate() {
            let mut partial = [T::ZERO; KEPT_COLUMNS];
            for &n in list {
                let e = &e[n * width..(n + 1) * width].as_chunks::<KEPT_COLUMNS>().0[b];
                einsum!(partial += "l,j->j", [r[n]], e);
            }
            *block = partial;
        }
        let start = width - tail.len();
        tail.fill(T::ZERO);
        for &n in list {
            einsum!(
                *tail += "l,j->j",
                [r[n]],
                &e[n * width + start..(n + 1) * width]
            );
        }
    }
}

/// The indices of the values of `r` above `least`, in order, into the start of `list`
/// (`r.len()`); returns their number.
#[inline(always)]
fn kept_rows<T: Float>(r: &[T], least: T, list: &mut [usize]) -> usize {
    let mut count = 0;
    let (groups, tail) = r.as_chunks::<64>();
    for (g, group) in groups.iter().enumerate() {
        let mut mask = 0u64;
        for (i, &v) in group.iter().enumerate() {
            mask |= u64::from(v > least) << i;
        }
        while mask != 0 {
            list[count] = g * 64 + mask.trailing_zeros() as usize;
            count += 1;
            mask &= mask - 1;
        }
    }
    for (i, &v) in tail.iter().enumerate() {
        list[count] = r.len() - tail.len() + i;
        count += usize::from(v > least);
    }
    count
}

/// One component's diagonal second moments `Σ_n r_n (x_ni - m_i)²` about `mean`, from the
/// differences (`centred`, `rows x d`, and `lanes`, `(SCATTER_LANES + 1) x d`, are buffers),
/// written to `out[i * k]`.
#[inline(always)]
fn exact_diagonal_scatter<T: Float>(
    x: TensorRef<'_, T, 2>,
    r: &[T],
    mean: &[T],
    centred: &mut [T],
    lanes: &mut [T],
    out: &mut [T],
    k: usize,
) {
    let [rows, d] = x.shape();
    let (lanes, sums) = lanes.split_at_mut(SCATTER_LANES * d);
    // The rows in blocks of `SCATTER_LANES`, one partial sum per row of a block: summed over
    // the rows one at a time, each row's sums waited for the previous row's (a store and a
    // load), and the loop took 22% of a diag iteration at d = 32.
    let blocked = rows - rows % SCATTER_LANES;
    let blocks = blocked / SCATTER_LANES;
    centre_rows(x.data(), mean, centred);
    let (head, tail) = centred.split_at(blocked * d);
    let head = view(head, [blocks, SCATTER_LANES, d]);
    einsum!(
        view_mut(&mut *lanes, [SCATTER_LANES, d]) = "bl,bli,bli->li",
        view(&r[..blocked], [blocks, SCATTER_LANES]),
        head,
        head
    );
    einsum!(*sums = "li->i", view(&*lanes, [SCATTER_LANES, d]));
    let tail = view(tail, [rows - blocked, d]);
    einsum!(*sums += "n,ni,ni->i", &r[blocked..], tail, tail);
    for (i, &s) in sums.iter().enumerate() {
        out[i * k] = s;
    }
}

/// `Σ_n r_cn x_n` of a chunk of points `x` (`rows x d`) under the weighted responsibilities
/// `resp` (`k x rows`), into `first` (`d x k`): one matrix product.
#[inline(always)]
fn first_moments<T: Float>(x: TensorRef<'_, T, 2>, resp: &[T], first: &mut [T]) {
    let [rows, d] = x.shape();
    let k = resp.len() / rows.max(1);
    einsum!(
        view_mut(first, [d, k]) = "cn,ni->ic",
        view(resp, [k, rows]),
        x
    );
}

/// Rows of a chunk per matrix product in [`full_scatter`], so that the responsibility-weighted
/// points of all components (`rows x k x BLOCK`) stay in the L2 cache.
const SCATTER_ROWS: usize = 128;

/// The first moments `Σ_n r_cn x_n` (`d x k`, into `first`) and the full second moments
/// `Σ_n r_cn (x_n - m_c)(x_n - m_c)ᵀ` about the components' means in the chunk `m_c`
/// (written `d x d x k`, into `out`) of a chunk of points `x` (`rows x d`) under the weighted
/// responsibilities `resp` (`k x rows`, sums `weight`). The chunk is centred once, about a
/// point `p` near the data (after the E-step, the means' mean its distances left in
/// `scratch.a[..d]` with the centred points, padded to [`factor_rows`], in `scratch.b`; else
/// the chunk's mean point): with `z = x - p`, one matrix product per [`BLOCK`] of rows of the
/// scatters and [`SCATTER_ROWS`] points gives `S'_c = Σ_n r_cn z_n z_nᵀ` of all components
/// side by side (the centred band packed once, not once per component), on and right of the
/// diagonal (the rest is its mirror image), and one more `F_c = Σ_n r_cn z_n`; the moments are
/// `F_c + W_c p` and `S'_c - F_c F_cᵀ / W_c`. Where few responsibilities are kept
/// ([`KeptRows`]), `F_c` and `S'_c` are summed over each component's kept rows instead
/// ([`kept_moments`]). A component whose moments cancel beyond
/// [`EXPANSION_RATIO`] (its spread small against its distance to `p`) is summed from its
/// differences to `m_c` ([`direct_scatter`]).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn full_scatter<T: Float>(
    x: TensorRef<'_, T, 2>,
    resp: &[T],
    weight: &[T],
    scratch: &mut Scratch<T>,
    after_e_step: bool,
    mean: &mut Vec<T>,
    first: &mut [T],
    out: &mut [T],
) {
    let [rows, d] = x.shape();
    let (k, width, widest) = (weight.len(), factor_rows(d), BLOCK.min(factor_rows(d)));
    let (centre, exact) = buffer(&mut scratch.a, d + 2 * width * rows).split_at_mut(d);
    let centred = buffer(&mut scratch.b, width * rows);
    if !after_e_step {
        mean_row(x, centre);
        zero_padding(centred, width, d);
        centre_padded(x, centre, width, centred);
    }
    let kept = kept_responsibilities(resp, weight);
    let sums_len = 2 * k * width + k;
    let band_len = k * widest * width;
    let weighted_len = SCATTER_ROWS * k * widest;
    let squares_len = if kept.is_some() { k * width * width } else { 0 };
    let space = buffer(
        &mut scratch.c,
        sums_len + band_len + weighted_len + squares_len,
    );
    let (sums, space) = space.split_at_mut(k * width);
    let (diagonal, space) = space.split_at_mut(k * width);
    let (lost, space) = space.split_at_mut(k);
    lost.fill(T::ZERO);
    let (band, space) = space.split_at_mut(band_len);
    let (weighted, squares) = space.split_at_mut(weighted_len);
    match kept {
        Some(kept) => {
            let list = &mut scratch.rows;
            kept_moments(
                resp, weight, centred, width, kept, list, exact, sums, squares,
            );
        }
        None => {
            responsibility_row_sums(resp, weight, centred, width, None, &mut scratch.rows, sums)
        }
    }
    let resp = view(resp, [k, rows]);
    for (c, (f, &total)) in sums.chunks_exact(width).zip(weight).enumerate() {
        for (i, (&f, &p)) in f.iter().zip(&*centre).enumerate() {
            first[i * k + c] = f + total * p;
        }
    }
    let ratio = T::from_f64(EXPANSION_RATIO);
    for a in 0..width.div_ceil(BLOCK) {
        let (row, len) = block_range(a, width);
        let cols = width - row;
        let band = &mut band[..k * len * cols];
        if kept.is_some() {
            for (block, square) in band
                .chunks_exact_mut(len * cols)
                .zip(squares.chunks_exact(width * width))
            {
                for (i, values) in block.chunks_exact_mut(cols).enumerate() {
                    let at = (row + i) * width + row;
                    values.copy_from_slice(&square[at..at + cols]);
                }
            }
        } else {
            for start in (0..rows).step_by(SCATTER_ROWS) {
                let part = SCATTER_ROWS.min(rows - start);
                let points = &centred[start * width..(start + part) * width];
                let weighted = &mut weighted[..part * k * len];
                for (n, (w, z)) in weighted
                    .chunks_exact_mut(k * len)
                    .zip(points.chunks_exact(width))
                    .enumerate()
                {
                    let z = &z[row..row + len];
                    for (w, r) in w.chunks_exact_mut(len).zip(resp.data().chunks_exact(rows)) {
                        let r = r[start + n];
                        for (w, &z) in w.iter_mut().zip(z) {
                            *w = r * z;
                        }
                    }
                }
                let weighted = view(&*weighted, [part, k, len]);
                let right = Band::new(&points[row..], [part, cols], width);
                if start == 0 {
                    einsum!(
                        view_mut(&mut *band, [k, len, cols]) = "nci,nj->cij",
                        weighted,
                        right
                    );
                } else {
                    einsum!(
                        view_mut(&mut *band, [k, len, cols]) += "nci,nj->cij",
                        weighted,
                        right
                    );
                }
            }
        }
        for (c, block) in band.chunks_exact(len * cols).enumerate() {
            for i in 0..len {
                diagonal[c * width + row + i] = block[i * cols + i];
            }
        }
        for ((block, f), &total) in band
            .chunks_exact_mut(len * cols)
            .zip(sums.chunks_exact(width))
            .zip(weight)
        {
            if total <= T::ZERO {
                continue;
            }
            for (values, &fi) in block.chunks_exact_mut(cols).zip(&f[row..row + len]) {
                // `F_i / W` first: `1 / W` overflows an `f32` for a weight below 3e-39.
                let offset = fi / total;
                for (v, &fj) in values.iter_mut().zip(&f[row..]) {
                    *v -= offset * fj;
                }
            }
        }
        for (c, (block, lost)) in band.chunks_exact(len * cols).zip(&mut *lost).enumerate() {
            for i in 0..len {
                if block[i * cols + i] * ratio < diagonal[c * width + row + i] {
                    *lost = T::ONE;
                }
            }
        }
        let kept = d.saturating_sub(row);
        for i in 0..len.min(kept) {
            let at = ((row + i) * d + row) * k;
            for (j, values) in out[at..at + kept * k].chunks_exact_mut(k).enumerate() {
                for (c, v) in values.iter_mut().enumerate() {
                    *v = band[(c * len + i) * cols + j];
                }
            }
        }
    }
    for i in 0..d {
        for j in (i / BLOCK + 1) * BLOCK..d {
            out.copy_within((i * d + j) * k..(i * d + j + 1) * k, (j * d + i) * k);
        }
    }
    let mean = buffer(mean, d);
    let (centred, weighted) = exact.split_at_mut(width * rows);
    for (c, r) in resp.data().chunks_exact(rows).enumerate() {
        if lost[c] == T::ZERO || weight[c] <= T::ZERO {
            continue;
        }
        for (i, m) in mean.iter_mut().enumerate() {
            *m = first[i * k + c] / weight[c];
        }
        direct_scatter(x, r, mean, centred, weighted, band, &mut out[c..], k);
    }
}

/// `Σ_n r_cn z_n` and `Σ_n r_cn z_n z_nᵀ` over each component's `kept` rows `z_n` of `z`
/// (`rows x width`) and its weighted responsibilities `r_c` (a row of `resp`, `k x rows`,
/// summing to `weight[c]`) into `sums` (`k x width`) and `squares` (`k x width x width`), from
/// copies of its rows weighted and not (`list`, `rows`, and `gathered`, `2 rows x width`, are
/// buffers): a sum over the weighted copies, and one matrix product per component, the whole
/// square in one call rather than one per band on and right of its diagonal.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn kept_moments<T: Float>(
    resp: &[T],
    weight: &[T],
    z: &[T],
    width: usize,
    kept: KeptRows<T>,
    list: &mut Vec<usize>,
    gathered: &mut [T],
    sums: &mut [T],
    squares: &mut [T],
) {
    let rows = z.len() / width;
    let list = indices(list, rows);
    let components = (sums.chunks_exact_mut(width))
        .zip(squares.chunks_exact_mut(width * width))
        .zip(resp.chunks_exact(rows));
    for (((sums, square), r), &w) in components.zip(weight) {
        let list = kept.list(r, w, list);
        let count = list.len();
        let (weighted, points) = gathered[..2 * count * width].split_at_mut(count * width);
        let copies = weighted
            .chunks_exact_mut(width)
            .zip(points.chunks_exact_mut(width));
        for ((w, p), &n) in copies.zip(list) {
            let z = &z[n * width..(n + 1) * width];
            p.copy_from_slice(z);
            einsum!(*w = "l,i->i", [r[n]], z);
        }
        einsum!(*sums = "ni->i", view(&*weighted, [count, width]));
        einsum!(
            view_mut(square, [width, width]) = "ni,nj->ij",
            view(&*weighted, [count, width]),
            view(&*points, [count, width])
        );
    }
}

/// One component's full second moments `Σ_n r_n (x_n - m)(x_n - m)ᵀ` about `mean`, from its
/// weighted responsibilities `r` and its differences to the mean (`centred` and `weighted`,
/// `rows x` [`factor_rows`], and `scatter`, `BLOCK x` [`factor_rows`], are buffers): one
/// matrix product per [`BLOCK`] of rows on and right of the diagonal, written to
/// `out[(i d + j) k]`.
#[allow(clippy::too_many_arguments)]
fn direct_scatter<T: Float>(
    x: TensorRef<'_, T, 2>,
    r: &[T],
    mean: &[T],
    centred: &mut [T],
    weighted: &mut [T],
    scatter: &mut [T],
    out: &mut [T],
    k: usize,
) {
    let [rows, d] = x.shape();
    let width = factor_rows(d);
    zero_padding(centred, width, d);
    centre_padded(x, mean, width, centred);
    einsum!(
        view_mut(&mut *weighted, [rows, width]) = "n,ni->ni",
        r,
        view(&*centred, [rows, width])
    );
    for a in 0..width.div_ceil(BLOCK) {
        let (row, len) = block_range(a, width);
        let cols = width - row;
        let scatter = &mut scatter[..len * cols];
        einsum!(
            view_mut(&mut *scatter, [len, cols]) = "ni,nj->ij",
            Band::new(&weighted[row..], [rows, len], width),
            Band::new(&centred[row..], [rows, cols], width)
        );
        let kept = d.saturating_sub(row);
        for (i, values) in scatter.chunks_exact(cols).take(kept).enumerate() {
            for (j, &v) in values.iter().take(kept).enumerate() {
                let (i, j) = (row + i, row + j);
                out[(i * d + j) * k] = v;
                if j >= row + len {
                    out[(j * d + i) * k] = v;
                }
            }
        }
    }
}

/// `p = Σ_c first_c / Σ_c weight_c` (`first` `d x k`) into `centre`: the chunk's weighted mean
/// point, about which tied's scatter is summed. `false` when no weight is positive.
#[inline(always)]
fn weighted_mean_point<T: Float>(weight: &[T], first: &[T], centre: &mut [T]) -> bool {
    let k = weight.len();
    let total: T = einsum!("c->", weight);
    if total <= T::ZERO {
        return false;
    }
    einsum!(*centre = "ic->i", view(first, [centre.len(), k]));
    for v in centre.iter_mut() {
        *v /= total;
    }
    true
}

/// Subtracts `Σ_c W_c (m_c - p)(m_c - p)ᵀ` from the `d x d` `out`, `m_c = first_c / weight_c`
/// the chunk's component means and `p` the `centre`: the scatter about `p` becomes the pooled
/// scatter about the `m_c`. `space` (`d k + d²`) holds the differences and their scatter.
#[inline(always)]
fn subtract_between_scatter<T: Float>(
    weight: &[T],
    first: &[T],
    centre: &[T],
    space: &mut [T],
    out: &mut [T],
) {
    let (k, d) = (weight.len(), centre.len());
    let (between, scatter) = space.split_at_mut(d * k);
    for ((b, f), &m) in between
        .chunks_exact_mut(k)
        .zip(first.chunks_exact(k))
        .zip(centre)
    {
        for ((b, &f), &n) in b.iter_mut().zip(f).zip(weight) {
            *b = if n > T::ZERO { f / n - m } else { T::ZERO };
        }
    }
    let between = view(&*between, [d, k]);
    einsum!(
        view_mut(&mut *scatter, [d, d]) = "c,ic,jc->ij",
        weight,
        between,
        between
    );
    for (o, &b) in out.iter_mut().zip(&*scatter) {
        *o -= b;
    }
}

/// The entries of `k` `2 x 2` precision Cholesky factors, `[P00, P01, P10, P11]` per
/// component, or one factor repeated `k` times.
fn cholesky_planes<T: Float>(pc: &[T], k: usize, out: &mut Vec<[T; 4]>) {
    out.clear();
    out.extend((0..k).map(|c| {
        let at = (c * 4) % pc.len();
        [pc[at], pc[at + 1], pc[at + 2], pc[at + 3]]
    }));
}

/// `|(x - μ) P|²` for the `2 x 2` factor `P` given (row-major) by [`cholesky_planes`]. `P` is
/// upper triangular when it comes from covariances, lower triangular when it comes from
/// initial precisions (as scikit-learn's), so every entry takes part.
#[inline(always)]
fn cholesky_block_distances<T: Float, const W: usize>(f: [T; 4], dx: &[[T; W]; 2]) -> [T; W] {
    let factor = [[f[0], f[1]], [f[2], f[3]]];
    let (mut y, mut distances) = ([[T::ZERO; W]; 2], [T::ZERO; W]);
    einsum!(y = "il,ik->kl", dx, factor);
    einsum!(distances = "kl,kl->l", y, y);
    distances
}

/// `Σ_n r_n dx_i dx_j` with `dx = x - mean` (weighted responsibilities `resp`) for each pair
/// `(i, j)` of coordinates, written to `out[at * k]` for every `at` of its places. Each sum
/// keeps one partial sum per lane of a block; `W` lanes at a time go through every block, so
/// that the differences and the partial sums stay in registers, each pair's products one
/// row of an einsum over the `W` points. The loop over the lanes is written out here and in
/// the first M-step pass of `plane_chunk_moments`: shared through a closure, diag's and
/// spherical's iterations took 1.8x as long (`./bench/ab`, same bits).
#[inline(always)]
fn plane_pair_sums<T: Float, const P: usize, const W: usize>(
    resp: &Plane<T>,
    x: [&Plane<T>; 2],
    mean: [T; 2],
    pairs: [(usize, usize); P],
    places: [&[usize]; P],
    out: &mut [T],
    k: usize,
) {
    let mut lanes = [[T::ZERO; LANES]; P];
    for s in 0..LANES / W {
        let mut partial = [[T::ZERO; W]; P];
        for ((r, x0), x1) in resp.iter().zip(x[0]).zip(x[1]) {
            let r = &r.as_chunks::<W>().0[s];
            let mut dx = [x0.as_chunks::<W>().0[s], x1.as_chunks::<W>().0[s]];
            for (points, m) in dx.iter_mut().zip(mean) {
                for v in points.iter_mut() {
                    *v -= m;
                }
            }
            let (left, right) = (pairs.map(|(i, _)| dx[i]), pairs.map(|(_, j)| dx[j]));
            einsum!(partial += "l,pl,pl->pl", r, left, right);
        }
        for (lanes, partial) in lanes.iter_mut().zip(&partial) {
            lanes.as_chunks_mut::<W>().0[s] = *partial;
        }
    }
    for (lane_sums, places) in lanes.iter().zip(places) {
        let sum = sum_lanes(lane_sums);
        for &at in places {
            out[at * k] = sum;
        }
    }
}

/// Runs `f` on the element range of each of `k` components' `d x d` blocks in turn; the
/// first component for which it fails is the error.
fn each_block(k: usize, d: usize, mut f: impl FnMut(Range<usize>) -> bool) -> Result<(), usize> {
    match (0..k).find(|&c| !f(c * d * d..(c + 1) * d * d)) {
        Some(c) => Err(c),
        None => Ok(()),
    }
}

impl CovarianceKernels for Full {
    fn shape(k: usize, d: usize) -> Vec<usize> {
        vec![k, d, d]
    }

    fn n_parameters(k: usize, d: usize) -> usize {
        k * d * (d + 1) / 2
    }

    fn precision_cholesky<T: Float>(
        cov: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        each_block(k, d, |block| {
            precision_cholesky_one(&cov[block.clone()], d, scratch, &mut out[block])
        })
    }

    fn precision_cholesky_from_precisions<T: Float>(
        prec: &[T],
        k: usize,
        d: usize,
        out: &mut [T],
    ) -> Result<(), usize> {
        each_block(k, d, |block| {
            is_symmetric(&prec[block.clone()], d)
                && cholesky_lower(&prec[block.clone()], d, &mut out[block])
        })
    }

    fn covariances_from_precisions<T: Float>(
        prec: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        each_block(k, d, |block| {
            inverse_via_cholesky(&prec[block.clone()], d, scratch, &mut out[block])
        })
    }

    fn precisions_from_cholesky<T: Float>(pc: &[T], k: usize, d: usize, out: &mut [T]) {
        let pc = view(pc, [k, d, d]);
        einsum!(view_mut(out, [k, d, d]) = "kij,klj->kil", pc, pc);
    }

    fn log_det_cholesky<T: Float>(
        pc: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        log_det_triangular(pc, k, d, scratch, out);
    }

    fn covariance_matrix<T: Float>(cov: &[T], c: usize, d: usize, out: &mut [T]) {
        out.copy_from_slice(&cov[c * d * d..(c + 1) * d * d]);
    }

    fn distance_factors<T: Float>(pc: &[T], means: &[T], d: usize, out: &mut DistanceFactors<T>) {
        stack_factors(pc, means, d, out);
    }

    #[inline(always)]
    fn chunk_distances<T: Float>(
        x: TensorRef<'_, T, 2>,
        means: &[T],
        factors: &DistanceFactors<T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        factor_distances(x, means, factors, scratch, out);
    }

    fn moments_len(k: usize, d: usize) -> usize {
        d * d * k
    }

    /// The first moments and the scatters about the means, all components side by side
    /// ([`full_scatter`]).
    #[inline(always)]
    fn chunk_moments<T: Float>(
        x: TensorRef<'_, T, 2>,
        resp: &[T],
        weight: &[T],
        scratch: &mut Scratch<T>,
        after_e_step: bool,
        means: &mut Vec<T>,
        first: &mut [T],
        second: &mut [T],
    ) {
        full_scatter(x, resp, weight, scratch, after_e_step, means, first, second);
    }

    fn covariances_from_moments<T: Float>(
        sums: &MomentSums<'_, T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let d = sums.offset.len() / sums.nk.len();
        centred_full(sums, d, scratch, out);
    }

    fn plane_factors<T: Float>(pc: &[T], k: usize, out: &mut Vec<[T; 4]>) {
        cholesky_planes(pc, k, out);
    }

    #[inline(always)]
    fn block_distances<T: Float, const W: usize>(factors: [T; 4], dx: &[[T; W]; 2]) -> [T; W] {
        cholesky_block_distances(factors, dx)
    }

    #[inline(always)]
    fn plane_scatter<T: Float, const W: usize>(
        resp: &Plane<T>,
        x: [&Plane<T>; 2],
        mean: [T; 2],
        out: &mut [T],
        k: usize,
    ) {
        // `d x d x k`: the off-diagonal sum twice.
        let pairs = [(0, 0), (0, 1), (1, 1)];
        plane_pair_sums::<T, 3, W>(resp, x, mean, pairs, [&[0], &[1, 2], &[3]], out, k);
    }

    fn merge_moments<T: Float>(sums: &mut [T], next: &[T], delta: &[T], factor: &[T]) {
        let (k, d) = (factor.len(), delta.len() / factor.len());
        for (s, &n) in sums.iter_mut().zip(next) {
            *s += n;
        }
        let delta = view(delta, [d, k]);
        einsum!(
            view_mut(sums, [d, d, k]) += "ic,jc,c->ijc",
            delta,
            delta,
            factor
        );
    }
}

impl CovarianceKernels for Tied {
    fn shape(_k: usize, d: usize) -> Vec<usize> {
        vec![d, d]
    }

    fn n_parameters(_k: usize, d: usize) -> usize {
        d * (d + 1) / 2
    }

    fn precision_cholesky<T: Float>(
        cov: &[T],
        _k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        if precision_cholesky_one(cov, d, scratch, out) {
            Ok(())
        } else {
            Err(0)
        }
    }

    fn precision_cholesky_from_precisions<T: Float>(
        prec: &[T],
        _k: usize,
        d: usize,
        out: &mut [T],
    ) -> Result<(), usize> {
        if is_symmetric(prec, d) && cholesky_lower(prec, d, out) {
            Ok(())
        } else {
            Err(0)
        }
    }

    fn covariances_from_precisions<T: Float>(
        prec: &[T],
        _k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        if inverse_via_cholesky(prec, d, scratch, out) {
            Ok(())
        } else {
            Err(0)
        }
    }

    fn precisions_from_cholesky<T: Float>(pc: &[T], _k: usize, d: usize, out: &mut [T]) {
        let pc = view(pc, [d, d]);
        einsum!(view_mut(out, [d, d]) = "ij,lj->il", pc, pc);
    }

    fn log_det_cholesky<T: Float>(
        pc: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let mut one = [T::ZERO];
        log_det_triangular(pc, 1, d, scratch, &mut one);
        out[..k].fill(one[0]);
    }

    fn covariance_matrix<T: Float>(cov: &[T], _c: usize, _d: usize, out: &mut [T]) {
        out.copy_from_slice(cov);
    }

    fn distance_factors<T: Float>(pc: &[T], means: &[T], d: usize, out: &mut DistanceFactors<T>) {
        stack_factors(pc, means, d, out);
    }

    #[inline(always)]
    fn chunk_distances<T: Float>(
        x: TensorRef<'_, T, 2>,
        means: &[T],
        factors: &DistanceFactors<T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        factor_distances(x, means, factors, scratch, out);
    }

    fn moments_len(_k: usize, d: usize) -> usize {
        d * d
    }

    /// The tied scatter is summed over the whole chunk
    /// ([`accumulate_chunk`](CovarianceKernels::accumulate_chunk)).
    const SCATTER_PER_COMPONENT: bool = false;

    /// The first moments only: the tied scatter is summed over the whole chunk
    /// ([`accumulate_chunk`](CovarianceKernels::accumulate_chunk)).
    #[inline(always)]
    fn chunk_moments<T: Float>(
        x: TensorRef<'_, T, 2>,
        resp: &[T],
        _weight: &[T],
        _scratch: &mut Scratch<T>,
        _after_e_step: bool,
        _means: &mut Vec<T>,
        first: &mut [T],
        _second: &mut [T],
    ) {
        first_moments(x, resp, first);
    }

    /// `Σ_c Σ_n r_cn (x_n - m_c)(x_n - m_c)ᵀ` about the chunk's component means `m_c`, with
    /// one matrix product over the chunk: expanded about the chunk's weighted mean point `p`
    /// as `Σ_n w_n (x_n - p)(x_n - p)ᵀ - Σ_c W_c (m_c - p)(m_c - p)ᵀ`. scikit-learn expands
    /// about the origin, whose terms cancel by `|p|² / variance` for data far from it.
    #[inline(always)]
    fn accumulate_chunk<T: Float>(
        x: TensorRef<'_, T, 2>,
        w: &[T],
        weight: &[T],
        first: &[T],
        centred: &mut Vec<T>,
        out: &mut [T],
    ) {
        let [rows, d] = x.shape();
        let k = weight.len();
        let space = buffer(centred, d + rows * d + d * k + d * d);
        let (centre, rest) = space.split_at_mut(d);
        let (points, space) = rest.split_at_mut(rows * d);
        if !weighted_mean_point(weight, first, centre) {
            return;
        }
        for (row, out) in x.data().chunks_exact(d).zip(points.chunks_exact_mut(d)) {
            for ((o, &v), &m) in out.iter_mut().zip(row).zip(&*centre) {
                *o = v - m;
            }
        }
        let points = view(&*points, [rows, d]);
        einsum!(
            view_mut(&mut *out, [d, d]) += "n,ni,nj->ij",
            w,
            points,
            points
        );
        subtract_between_scatter(weight, first, centre, space, out);
    }

    /// The same sums with the `d = 2` path's planes: no centred copy of the chunk.
    #[inline(always)]
    fn plane_accumulate<T: Float, const W: usize>(
        w: &Plane<T>,
        x: [&Plane<T>; 2],
        weight: &[T],
        first: &[T],
        space: &mut Vec<T>,
        out: &mut [T],
    ) {
        let mut centre = [T::ZERO; 2];
        if !weighted_mean_point(weight, first, &mut centre) {
            return;
        }
        let pairs = [(0, 0), (0, 1), (1, 1)];
        plane_pair_sums::<T, 3, W>(w, x, centre, pairs, [&[0], &[1, 2], &[3]], out, 1);
        let space = buffer(space, 2 * weight.len() + 4);
        subtract_between_scatter(weight, first, &centre, space, out);
    }

    /// The pooled scatter about scikit-learn's means `μ_c` (the chunks' scatters about their
    /// centres `c_c` plus `W_c (c_c - μ_c)(c_c - μ_c)ᵀ`) over `Σ_c n_c`: scikit-learn's
    /// `(Σ_n w_n x_n x_nᵀ - Σ_c n_c μ_c μ_cᵀ) / Σ_c n_c`, but without its origin-dependent
    /// rounding.
    fn covariances_from_moments<T: Float>(
        sums: &MomentSums<'_, T>,
        _scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let k = sums.nk.len();
        let d = sums.offset.len() / k;
        out.copy_from_slice(sums.second);
        let offset = view(sums.offset, [d, k]);
        einsum!(
            view_mut(&mut *out, [d, d]) += "c,ic,jc->ij",
            sums.weight,
            offset,
            offset
        );
        let total: T = einsum!("k->", sums.nk);
        normalise_and_regularise(out, d, total, sums.reg_covar);
    }

    fn merge_moments<T: Float>(sums: &mut [T], next: &[T], delta: &[T], factor: &[T]) {
        let (k, d) = (factor.len(), delta.len() / factor.len());
        for (s, &n) in sums.iter_mut().zip(next) {
            *s += n;
        }
        let delta = view(delta, [d, k]);
        einsum!(
            view_mut(sums, [d, d]) += "ic,jc,c->ij",
            delta,
            delta,
            factor
        );
    }

    fn plane_factors<T: Float>(pc: &[T], k: usize, out: &mut Vec<[T; 4]>) {
        cholesky_planes(pc, k, out);
    }

    #[inline(always)]
    fn block_distances<T: Float, const W: usize>(factors: [T; 4], dx: &[[T; W]; 2]) -> [T; W] {
        cholesky_block_distances(factors, dx)
    }
}

/// The mean of each component's `d` variances (`k x d`), written into `out` (`k`).
fn average_variances<T: Float>(diag: &[T], k: usize, d: usize, out: &mut [T]) {
    einsum!(out = "ki->k", view(diag, [k, d]));
    let dd = T::from_usize(d);
    for v in out.iter_mut() {
        *v /= dd;
    }
}

/// Positive entries become `1/√v`; `Err` at the first that is not positive.
fn inverse_sqrt<T: Float>(cov: &[T], per_component: usize, out: &mut [T]) -> Result<(), usize> {
    for (i, (o, &v)) in out.iter_mut().zip(cov).enumerate() {
        if !v.is_finite_positive() {
            return Err(i / per_component);
        }
        *o = T::ONE / v.sqrt();
    }
    Ok(())
}

/// Positive finite entries become `√v`; `Err` at the first that is not.
fn checked_sqrt<T: Float>(prec: &[T], per_component: usize, out: &mut [T]) -> Result<(), usize> {
    for (i, (o, &v)) in out.iter_mut().zip(prec).enumerate() {
        if !v.is_finite_positive() {
            return Err(i / per_component);
        }
        *o = v.sqrt();
    }
    Ok(())
}

/// Positive finite entries become `1/v`; `Err` at the first that is not.
fn checked_reciprocal<T: Float>(
    prec: &[T],
    per_component: usize,
    out: &mut [T],
) -> Result<(), usize> {
    for (i, (o, &v)) in out.iter_mut().zip(prec).enumerate() {
        if !v.is_finite_positive() {
            return Err(i / per_component);
        }
        *o = T::ONE / v;
    }
    Ok(())
}

impl CovarianceKernels for Diag {
    fn shape(k: usize, d: usize) -> Vec<usize> {
        vec![k, d]
    }

    fn n_parameters(k: usize, d: usize) -> usize {
        k * d
    }

    fn precision_cholesky<T: Float>(
        cov: &[T],
        _k: usize,
        d: usize,
        _scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        inverse_sqrt(cov, d, out)
    }

    fn precision_cholesky_from_precisions<T: Float>(
        prec: &[T],
        _k: usize,
        d: usize,
        out: &mut [T],
    ) -> Result<(), usize> {
        checked_sqrt(prec, d, out)
    }

    fn covariances_from_precisions<T: Float>(
        prec: &[T],
        _k: usize,
        d: usize,
        _scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        checked_reciprocal(prec, d, out)
    }

    fn precisions_from_cholesky<T: Float>(pc: &[T], k: usize, d: usize, out: &mut [T]) {
        let pc = view(pc, [k, d]);
        einsum!(view_mut(out, [k, d]) = "ki,ki->ki", pc, pc);
    }

    fn log_det_cholesky<T: Float>(
        pc: &[T],
        k: usize,
        d: usize,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let logs = buffer(&mut scratch.a, k * d);
        for (l, &p) in logs.iter_mut().zip(pc) {
            *l = p.ln();
        }
        einsum!(out = "ki->k", view(&*logs, [k, d]));
    }

    fn covariance_matrix<T: Float>(cov: &[T], c: usize, d: usize, out: &mut [T]) {
        out.fill(T::ZERO);
        for i in 0..d {
            out[i * d + i] = cov[c * d + i];
        }
    }

    fn distance_factors<T: Float>(pc: &[T], means: &[T], d: usize, out: &mut DistanceFactors<T>) {
        let k = means.len() / d;
        out.values.resize(k * d, T::ZERO);
        let pc = view(pc, [k, d]);
        einsum!(view_mut(&mut out.values[..], [k, d]) = "ci,ci->ci", pc, pc);
    }

    #[inline(always)]
    fn chunk_distances<T: Float>(
        x: TensorRef<'_, T, 2>,
        means: &[T],
        factors: &DistanceFactors<T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        scaled_distances(x, means, &factors.values, scratch, out);
    }

    fn covariances_from_moments<T: Float>(
        sums: &MomentSums<'_, T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let d = sums.offset.len() / sums.nk.len();
        centred_diagonal(sums, d, scratch, out);
    }

    fn merge_moments<T: Float>(sums: &mut [T], next: &[T], delta: &[T], factor: &[T]) {
        merge_diagonal(sums, next, delta, factor);
    }

    fn plane_factors<T: Float>(pc: &[T], k: usize, out: &mut Vec<[T; 4]>) {
        out.clear();
        out.extend(
            pc[..2 * k]
                .chunks_exact(2)
                .map(|p| [p[0] * p[0], p[1] * p[1], T::ZERO, T::ZERO]),
        );
    }
}

impl CovarianceKernels for Spherical {
    fn shape(k: usize, _d: usize) -> Vec<usize> {
        vec![k]
    }

    fn n_parameters(k: usize, _d: usize) -> usize {
        k
    }

    fn precision_cholesky<T: Float>(
        cov: &[T],
        _k: usize,
        _d: usize,
        _scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        inverse_sqrt(cov, 1, out)
    }

    fn precision_cholesky_from_precisions<T: Float>(
        prec: &[T],
        _k: usize,
        _d: usize,
        out: &mut [T],
    ) -> Result<(), usize> {
        checked_sqrt(prec, 1, out)
    }

    fn covariances_from_precisions<T: Float>(
        prec: &[T],
        _k: usize,
        _d: usize,
        _scratch: &mut Scratch<T>,
        out: &mut [T],
    ) -> Result<(), usize> {
        checked_reciprocal(prec, 1, out)
    }

    fn precisions_from_cholesky<T: Float>(pc: &[T], _k: usize, _d: usize, out: &mut [T]) {
        einsum!(out = "k,k->k", pc, pc);
    }

    fn log_det_cholesky<T: Float>(
        pc: &[T],
        _k: usize,
        d: usize,
        _scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let dd = T::from_usize(d);
        for (o, &p) in out.iter_mut().zip(pc) {
            *o = dd * p.ln();
        }
    }

    fn covariance_matrix<T: Float>(cov: &[T], c: usize, d: usize, out: &mut [T]) {
        out.fill(T::ZERO);
        for i in 0..d {
            out[i * d + i] = cov[c];
        }
    }

    /// Each component's precision repeated over the `d` coordinates, so that the distances
    /// are diag's.
    fn distance_factors<T: Float>(pc: &[T], means: &[T], d: usize, out: &mut DistanceFactors<T>) {
        let k = means.len() / d;
        out.values.resize(k * d, T::ZERO);
        for (row, &p) in out.values.chunks_exact_mut(d).zip(&pc[..k]) {
            row.fill(p * p);
        }
    }

    #[inline(always)]
    fn chunk_distances<T: Float>(
        x: TensorRef<'_, T, 2>,
        means: &[T],
        factors: &DistanceFactors<T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        scaled_distances(x, means, &factors.values, scratch, out);
    }

    fn covariances_from_moments<T: Float>(
        sums: &MomentSums<'_, T>,
        scratch: &mut Scratch<T>,
        out: &mut [T],
    ) {
        let (k, d) = (sums.nk.len(), sums.offset.len() / sums.nk.len());
        let mut diag = std::mem::take(&mut scratch.c);
        centred_diagonal(sums, d, scratch, buffer(&mut diag, k * d));
        average_variances(&diag[..k * d], k, d, out);
        scratch.c = diag;
    }

    fn merge_moments<T: Float>(sums: &mut [T], next: &[T], delta: &[T], factor: &[T]) {
        merge_diagonal(sums, next, delta, factor);
    }

    fn plane_factors<T: Float>(pc: &[T], k: usize, out: &mut Vec<[T; 4]>) {
        out.clear();
        out.extend(pc[..k].iter().map(|&p| [p * p, p * p, T::ZERO, T::ZERO]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Uniform values in `[-1, 1)` from a fixed seed.
    fn uniform(seed: &mut u64, len: usize) -> Vec<f64> {
        (0..len)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (*seed >> 11) as f64 / (1u64 << 52) as f64 - 1.0
            })
            .collect()
    }

    #[test]
    fn kept_rows_lists_the_values_above_the_bound_in_order() {
        let mut seed = 3;
        for len in [0, 1, 63, 64, 65, 200] {
            let mut r = uniform(&mut seed, len);
            if len > 20 {
                (r[10], r[20]) = (f64::NAN, 0.25);
            }
            let want: Vec<usize> = (0..len).filter(|&n| r[n] > 0.25).collect();
            let mut list = vec![usize::MAX; len];
            let count = kept_rows(&r, 0.25, &mut list);
            assert_eq!(&list[..count], &want[..], "{len} values");
        }
    }

    #[test]
    fn sums_over_the_kept_only_where_at_most_a_quarter_are_kept() {
        assert!(sum_kept_only(5, 2, 10));
        assert!(!sum_kept_only(6, 2, 10));
    }

    /// Each component's kept terms summed in row order, the sum of those left out, and how
    /// many tiny ones (below 10⁻¹⁰) are kept.
    fn kept_sums(
        resp: &[f64],
        weight: &[f64],
        e: &[f64],
        width: usize,
    ) -> (Vec<f64>, Vec<f64>, usize) {
        let rows = resp.len() / weight.len();
        let (mut sums, mut left_out) = (vec![0.0; weight.len() * width], vec![0.0; weight.len()]);
        let mut tiny_kept = 0;
        for (c, &w) in weight.iter().enumerate() {
            for n in 0..rows {
                let r = resp[c * rows + n];
                if r <= f64::EPSILON / 2.0 * w / rows as f64 {
                    left_out[c] += r;
                    continue;
                }
                tiny_kept += usize::from(r < 1e-10);
                for j in 0..width {
                    sums[c * width + j] += r * e[n * width + j];
                }
            }
        }
        (sums, left_out, tiny_kept)
    }

    /// Responsibilities of 3 components over 300 rows, one in `one_in` of them of order one,
    /// the rest tiny (one in 13 of those kept) and two of each component's a thousandth
    /// either side of the bound `u W_c / rows`, their rows of `e` 10¹⁶ times the others (so
    /// that their terms show in the sums), and rows of `width` values (one block of
    /// `KEPT_COLUMNS` and more): with `one_at_a_time`, the sums of the kept terms, each in row
    /// order, else the matrix product of them all; what is left out at most `u W_c`.
    fn row_sums_match(width: usize, one_in: usize, one_at_a_time: bool) {
        let (k, rows) = (3, 300);
        let mut seed = 11;
        let mut e = uniform(&mut seed, rows * width);
        let mut resp: Vec<f64> = uniform(&mut seed, k * rows)
            .iter()
            .enumerate()
            .map(|(i, &u)| match (i % one_in, i % 13) {
                (0, _) => 1.5 + u,
                (_, 0) => 1e-15 * (1.5 + u),
                _ => 1e-20 * (1.5 + u),
            })
            .collect();
        resp[5] = 0.0;
        let tiny_rows: Vec<usize> = (0..rows)
            .filter(|n| (0..k).all(|c| (c * rows + n) % one_in != 0))
            .collect();
        let bound = |r: &[f64]| f64::EPSILON / 2.0 * r.iter().sum::<f64>() / rows as f64;
        for (c, r) in resp.chunks_exact_mut(rows).enumerate() {
            let (above, below) = (tiny_rows[2 * c], tiny_rows[2 * c + 1]);
            let at = bound(r);
            (r[above], r[below]) = (at * 1.001, at * 0.999);
            assert!(r[above] > bound(r) && r[below] < bound(r));
            for n in [above, below] {
                e[n * width..(n + 1) * width]
                    .iter_mut()
                    .for_each(|v| *v *= 1e16);
            }
        }
        let weight: Vec<f64> = resp.chunks_exact(rows).map(|r| r.iter().sum()).collect();
        let (want, left_out, tiny_kept) = kept_sums(&resp, &weight, &e, width);
        assert!(tiny_kept > 0, "the bound falls among the tiny values");
        let mut sums = vec![f64::NAN; k * width];
        let kept = kept_responsibilities(&resp, &weight);
        assert_eq!(kept.is_some(), one_at_a_time);
        responsibility_row_sums(&resp, &weight, &e, width, kept, &mut Vec::new(), &mut sums);
        if one_at_a_time {
            assert_eq!(sums, want);
        } else {
            let mut dense = vec![0.0; k * width];
            einsum!(
                view_mut(&mut dense, [k, width]) = "cn,nj->cj",
                view(&resp, [k, rows]),
                view(&e, [rows, width])
            );
            assert_eq!(sums, dense);
        }
        for (&lost, &w) in left_out.iter().zip(&weight) {
            assert!(
                lost > 0.0 && lost <= f64::EPSILON / 2.0 * w,
                "{lost} of {w}"
            );
        }
    }

    #[test]
    fn row_sums_leave_out_at_most_a_rounding_of_each_weight() {
        for width in [KEPT_COLUMNS - 8, KEPT_COLUMNS, 2 * KEPT_COLUMNS + 8] {
            row_sums_match(width, 7, true);
            row_sums_match(width, 2, false);
        }
    }

    /// `|(x - μ_c) P_c|²` summed in `f64` one term at a time, `k x rows`.
    fn reference(x: &[f64], means: &[f64], pc: &[f64], d: usize) -> Vec<f64> {
        let (rows, k) = (x.len() / d, means.len() / d);
        let mut out = vec![0.0; k * rows];
        for c in 0..k {
            let p = &pc[(c * d * d) % pc.len()..][..d * d];
            for n in 0..rows {
                out[c * rows + n] = (0..d)
                    .map(|j| {
                        let y: f64 = (0..d)
                            .map(|i| (x[n * d + i] - means[c * d + i]) * p[i * d + j])
                            .sum();
                        y * y
                    })
                    .sum();
            }
        }
        out
    }

    /// Full's and tied's squared distances against [`reference`] for 3 components at
    /// dimension `d` (`factors` of them, 3 or 1): upper and lower triangular factors, a block
    /// of fewer than `DISTANCE_ROWS` points, and the third mean `far` from the others; with
    /// `tiny`, the third component's factor is `10⁵` times the others' and its points that
    /// much closer to its mean. Either way the third component's points are much closer to
    /// its mean than the means are to the means' mean: the stacked products' terms cancel.
    fn distances_match<K: CovarianceKernels>(d: usize, factors: usize, far: f64, tiny: bool) {
        let (k, rows) = (3, DISTANCE_ROWS + 37);
        let mut seed = 7;
        let mut means = uniform(&mut seed, k * d);
        means[2 * d..].iter_mut().for_each(|m| *m += far);
        let mut pc = uniform(&mut seed, factors * d * d);
        let scale = |c: usize| if c == 2 && tiny { 1e5 } else { 1.0 };
        for (c, p) in pc.chunks_exact_mut(d * d).enumerate() {
            for i in 0..d {
                for j in 0..d {
                    let upper = c != 1;
                    let zero = (upper && j < i) || (!upper && j > i);
                    p[i * d + j] = if zero { 0.0 } else { scale(c) * p[i * d + j] };
                }
                p[i * d + i] = scale(c) * (2.0 + i as f64);
            }
        }
        let mut x = uniform(&mut seed, rows * d);
        for (n, point) in x.chunks_exact_mut(d).enumerate() {
            let c = n % k;
            for (v, &m) in point.iter_mut().zip(&means[c * d..(c + 1) * d]) {
                *v = m + *v / scale(c);
            }
        }
        let mut stacked = DistanceFactors::default();
        K::distance_factors(&pc, &means, d, &mut stacked);
        let mut out = vec![0.0; k * rows];
        let mut scratch = Scratch::default();
        K::chunk_distances(
            view(&x, [rows, d]),
            &means,
            &stacked,
            &mut scratch,
            &mut out,
        );
        let expected = reference(&x, &means, &pc, d);
        for (i, (&v, &e)) in out.iter().zip(&expected).enumerate() {
            assert!(
                (v - e).abs() <= 1e-12 * e,
                "d = {d}, component {}, point {}: {v} against {e}",
                i / rows,
                i % rows
            );
        }
    }

    #[test]
    fn stacked_distances_match_the_differences() {
        for d in [3, 8, 20, 40] {
            distances_match::<Full>(d, 3, 0.0, true);
            distances_match::<Full>(d, 3, 1e3, false);
            distances_match::<Tied>(d, 1, 0.0, false);
            distances_match::<Tied>(d, 1, 1e3, false);
        }
    }

    /// Full's or diag's first and second moments of a chunk against sums of the differences to
    /// each component's mean, one term at a time in `f64`: `k` components at dimension `d`, a
    /// chunk of more than `SCATTER_ROWS` points in `k` groups, the third `10⁻⁵` wide and `far`
    /// from the others and only in the third component (whose moments about the chunk's centre
    /// cancel), the others' points in their own component and at `cross` in the others (with
    /// `k = 5` and a tiny `cross`, the sums run over the kept rows only; with `far` large, the
    /// other components' moments cancel too); `after_e_step`: after the E-step's distances,
    /// whose centred points the M-step reuses.
    fn moments_match<K: CovarianceKernels>(
        d: usize,
        after_e_step: bool,
        k: usize,
        cross: f64,
        far: f64,
    ) {
        let rows = 2 * SCATTER_ROWS + 37;
        let mut seed = 11;
        let mut means = uniform(&mut seed, k * d);
        means[2 * d..3 * d].iter_mut().for_each(|m| *m += far);
        let mut x = uniform(&mut seed, rows * d);
        for (n, point) in x.chunks_exact_mut(d).enumerate() {
            let g = n % k;
            let spread = if g == 2 { 1e-5 } else { 1.0 };
            for (v, &m) in point.iter_mut().zip(&means[g * d..(g + 1) * d]) {
                *v = m + spread * *v;
            }
        }
        let noise = uniform(&mut seed, k * rows);
        let resp: Vec<f64> = (0..k * rows)
            .map(|at| {
                let (c, g) = (at / rows, (at % rows) % k);
                let own = if g == c { 1.0 } else { 0.0 };
                if c == 2 {
                    own * (1.5 + noise[at])
                } else {
                    own + cross * (1.0 + noise[at])
                }
            })
            .collect();
        let weight: Vec<f64> = resp.chunks_exact(rows).map(|r| r.iter().sum()).collect();
        let kept = kept_responsibilities(&resp, &weight).is_some();
        assert_eq!(
            kept,
            cross < 1e-20 && k > 4,
            "the sums over the kept rows only"
        );
        let mut scratch = Scratch::default();
        let full = K::shape(k, d).len() == 3;
        if after_e_step {
            // Identity precision factors (full), or ones (diag).
            let mut pc = vec![0.0; K::shape(k, d).iter().product()];
            for (at, p) in pc.iter_mut().enumerate() {
                *p = if !full || at / d % d == at % d {
                    1.0
                } else {
                    0.0
                };
            }
            let mut factors = DistanceFactors::default();
            K::distance_factors(&pc, &means, d, &mut factors);
            let mut distances = vec![0.0; k * rows];
            K::chunk_distances(
                view(&x, [rows, d]),
                &means,
                &factors,
                &mut scratch,
                &mut distances,
            );
        }
        let (mut first, mut second) = (vec![0.0; d * k], vec![0.0; K::moments_len(k, d)]);
        let mut buffer = Vec::new();
        K::chunk_moments(
            view(&x, [rows, d]),
            &resp,
            &weight,
            &mut scratch,
            after_e_step,
            &mut buffer,
            &mut first,
            &mut second,
        );
        let mean_point = |x: &[f64], n: usize| -> Vec<f64> {
            (0..d)
                .map(|i| (0..n).map(|m| x[m * d + i]).sum::<f64>() / n as f64)
                .collect()
        };
        let centres = [mean_point(&x, rows), mean_point(&means, k)];
        for c in 0..k {
            let r = &resp[c * rows..(c + 1) * rows];
            let sum = |i: usize| (0..rows).map(|n| r[n] * x[n * d + i]).sum::<f64>();
            let mean: Vec<f64> = (0..d).map(|i| sum(i) / weight[c]).collect();
            let scatter = |i: usize, j: usize| {
                (0..rows)
                    .map(|n| r[n] * (x[n * d + i] - mean[i]) * (x[n * d + j] - mean[j]))
                    .sum::<f64>()
            };
            for i in 0..d {
                // Summed about a point near the data (the chunk's mean or the means' mean):
                // its distance from the origin shows as `W_c` times it in the error.
                let (f, e) = (first[i * k + c], sum(i));
                let away = centres.iter().map(|p| p[i].abs()).fold(0.0, f64::max);
                assert!(
                    (f - e).abs() <= 1e-12 * (e.abs() + weight[c] * away),
                    "d = {d}, k = {k}, first {c} {i}: {f} against {e}"
                );
                for j in (0..d).filter(|&j| full || j == i) {
                    let at = if full { (i * d + j) * k + c } else { i * k + c };
                    let (s, e) = (second[at], scatter(i, j));
                    let size = (scatter(i, i) * scatter(j, j)).sqrt();
                    assert!(
                        (s - e).abs() <= 1e-12 * size,
                        "d = {d}, k = {k}, component {c}, ({i}, {j}): {s} against {e}"
                    );
                }
            }
        }
    }

    #[test]
    fn stacked_scatters_match_the_differences() {
        for d in [3, 8, 20, 40] {
            for after_e_step in [false, true] {
                for (k, cross, far) in [(3, 0.1, 1e3), (5, 1e-30, 1e3), (5, 1e-30, 0.0)] {
                    moments_match::<Full>(d, after_e_step, k, cross, far);
                    moments_match::<Diag>(d, after_e_step, k, cross, far);
                }
            }
        }
    }
}
