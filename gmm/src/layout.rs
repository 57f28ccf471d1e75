//! How the points are cut into units of work: chunks of [`CHUNK_ROWS`] rows, and for `d = 2`
//! each coordinate of a chunk as a [`Plane`] of [`LANES`]-point blocks, so that every extent
//! is known at compile time and sums over the points keep one partial sum per lane.

use crate::Float;

/// The points of one unit of work: enough to amortise the per-chunk sums (`k (1 + d + d²)`
/// values) and their merge, few enough that the chunk's responsibilities stay in the L2 cache.
/// Measured for one full-covariance iteration at n = 130,000, d = 2, k = 50 on one thread:
/// 128 rows 27.1 ms, 256 25.7 ms, 512 23.7 ms, 1024 25.9 ms, 2048 30.5 ms.
pub(crate) const CHUNK_ROWS: usize = 512;

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

impl<T: Float> AlignedPlane<T> {
    /// A plane of zeros.
    pub(crate) fn zero() -> Self {
        AlignedPlane([[T::ZERO; LANES]; CHUNK_ROWS / LANES])
    }
}

/// A chunk of 2-D points (`rows x 2` values, flat, at most [`CHUNK_ROWS`] rows) by
/// coordinate, padded with points at the origin.
pub(crate) fn coordinate_planes<T: Float>(x: &[T]) -> [AlignedPlane<T>; 2] {
    let (mut x0, mut x1) = (AlignedPlane::zero(), AlignedPlane::zero());
    for (row, point) in x.chunks_exact(2).enumerate() {
        let (b, l) = (row / LANES, row % LANES);
        x0.0[b][l] = point[0];
        x1.0[b][l] = point[1];
    }
    [x0, x1]
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

/// A plane's points `WIDTH` at a time, in row order.
#[inline(always)]
pub(crate) fn columns<T, const WIDTH: usize>(plane: &Plane<T>) -> &[[T; WIDTH]] {
    plane.as_flattened().as_chunks::<WIDTH>().0
}

/// [`columns`], to write.
#[inline(always)]
pub(crate) fn columns_mut<T, const WIDTH: usize>(plane: &mut Plane<T>) -> &mut [[T; WIDTH]] {
    plane.as_flattened_mut().as_chunks_mut::<WIDTH>().0
}
