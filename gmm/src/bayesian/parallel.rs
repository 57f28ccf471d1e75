//! Per-component work on rayon's pool (feature `rayon`): each component fills its own block
//! of a buffer, so the result does not depend on the number of threads.

/// Calls `f(c, block, scratch)` for every block of `len` values of `out`, block `c` for
/// component `c`; `scratch` is a buffer of `scratch_len` values that each worker reuses from
/// one component to the next (large buffers allocated per component would be fresh pages
/// every time).
#[cfg(feature = "rayon")]
pub(crate) fn each_component<T: Send + Clone + Default>(
    out: &mut [T],
    len: usize,
    scratch_len: usize,
    f: impl Fn(usize, &mut [T], &mut [T]) + Sync + Send,
) {
    use rayon::prelude::*;
    if len == 0 {
        return;
    }
    out.par_chunks_exact_mut(len).enumerate().for_each_init(
        || vec![T::default(); scratch_len],
        |scratch, (c, block)| f(c, block, scratch),
    );
}

/// Calls `f(c, block, scratch)` for every block of `len` values of `out`, block `c` for
/// component `c`, with one `scratch` buffer of `scratch_len` values reused throughout.
#[cfg(not(feature = "rayon"))]
pub(crate) fn each_component<T: Send + Clone + Default>(
    out: &mut [T],
    len: usize,
    scratch_len: usize,
    f: impl Fn(usize, &mut [T], &mut [T]) + Sync + Send,
) {
    if len == 0 {
        return;
    }
    let mut scratch = vec![T::default(); scratch_len];
    out.chunks_exact_mut(len)
        .enumerate()
        .for_each(|(c, block)| f(c, block, &mut scratch));
}
