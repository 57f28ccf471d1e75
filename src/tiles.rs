//! A tiled plan's walk over its tiles: the plan's steps run over one index a tile of positions
//! at a time, every intermediate holding one tile (see the macro's `plan::Tile`). For a result
//! that keeps the tiled index, the generated code passes the steps of one tile as a closure;
//! the walk over the tiles, on one thread or on rayon's pool, and the intermediates, are here.

use alloc::vec::Vec;

use crate::Scalar;

/// The positions of a tile of a plan's tiled index of extent `extent`: as many as fit
/// `elements` elements in the intermediate with the most elements per position (`inner`), at
/// least `min_rows`, at most `extent`, and at least 1.
#[inline]
pub fn tile_rows(extent: usize, [elements, min_rows]: [usize; 2], inner: usize) -> usize {
    (elements / inner.max(1)).max(min_rows).min(extent).max(1)
}

/// Runs `tile(intermediates, first, positions, result_positions)` for each tile of
/// `tile_rows` positions (the last one shorter) of an index of extent `extent`, with zeroed
/// intermediates of `lengths` elements each, reused from tile to tile: a plan whose result
/// keeps the tiled index as its first axis (`TiledResult::Sliced`). Each tile gets its own
/// positions of the `result`, `row` elements per position (the product of the result's other
/// extents).
///
/// With the `rayon` feature, on a pool of more than one thread, the tiles of a call with
/// more than one run on the pool, each task with its own intermediates (one tile each). A
/// tile computes the same whichever thread runs it, and each writes only its own positions,
/// so the result has the same bits on any number of threads (a test). A tile is large enough
/// (at least 512 positions and about 131,072 elements per intermediate: the plan's
/// `SLICED_MIN_TILE_ROWS` and `SLICED_TILE_ELEMENTS`) that handing it to another thread costs
/// little against its work. The parallel walk is a function of its own, not inlined, so the
/// one-thread walk below stays as the caller's loop was.
///
/// # Panics
/// If `result` is shorter than `extent · row` elements, or `row` is 0 (bugs in the generated
/// code, which skips a call with an extent 0).
#[inline]
pub fn sliced_tiles<T: Scalar, const K: usize>(
    like: &[T],
    extent: usize,
    tile_rows: usize,
    lengths: [usize; K],
    result: &mut [T],
    row: usize,
    tile: impl Fn(&mut [Vec<T>; K], usize, usize, &mut [T]) + Sync,
) {
    let result = &mut result[..extent * row];
    #[cfg(feature = "rayon")]
    if extent > tile_rows && rayon::current_num_threads() > 1 {
        on_threads(like, tile_rows, lengths, result, row, tile);
        return;
    }
    let mut intermediates = lengths.map(|len| crate::__private::zeros(like, len));
    for (k, positions) in result.chunks_mut(tile_rows * row).enumerate() {
        tile(
            &mut intermediates,
            k * tile_rows,
            positions.len() / row,
            positions,
        );
    }
}

/// [`sliced_tiles`] on rayon's pool: each task its own intermediates.
#[cfg(feature = "rayon")]
#[inline(never)]
fn on_threads<T: Scalar, const K: usize>(
    like: &[T],
    tile_rows: usize,
    lengths: [usize; K],
    result: &mut [T],
    row: usize,
    tile: impl Fn(&mut [Vec<T>; K], usize, usize, &mut [T]) + Sync,
) {
    use rayon::prelude::*;
    result
        .par_chunks_mut(tile_rows * row)
        .enumerate()
        .for_each_init(
            || lengths.map(|len| crate::__private::zeros(like, len)),
            |intermediates, (k, positions)| {
                tile(
                    intermediates,
                    k * tile_rows,
                    positions.len() / row,
                    positions,
                );
            },
        );
}
