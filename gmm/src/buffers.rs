//! Views of the crate's flat buffers and the growable scratch buffers every kernel reuses, so
//! that an EM loop allocates nothing after its first iteration.

use einsum::{TensorMut, TensorRef};

use crate::Float;

/// A rank-`R` view of an internal buffer whose length is the shape's product by construction.
#[inline]
pub(crate) fn view<T, const R: usize>(data: &[T], shape: [usize; R]) -> TensorRef<'_, T, R> {
    match TensorRef::new(data, shape) {
        Ok(v) => v,
        Err(e) => unreachable!("internal buffer of the wrong length: {e}"),
    }
}

/// A mutable rank-`R` view of an internal buffer.
#[inline]
pub(crate) fn view_mut<T, const R: usize>(
    data: &mut [T],
    shape: [usize; R],
) -> TensorMut<'_, T, R> {
    match TensorMut::new(data, shape) {
        Ok(v) => v,
        Err(e) => unreachable!("internal buffer of the wrong length: {e}"),
    }
}

/// The first `len` elements of a growable scratch buffer.
#[inline]
pub(crate) fn buffer<T: Float>(buf: &mut Vec<T>, len: usize) -> &mut [T] {
    if buf.len() < len {
        buf.resize(len, T::ZERO);
    }
    &mut buf[..len]
}

/// The first `len` elements of a growable buffer of indices.
#[inline]
pub(crate) fn indices(buf: &mut Vec<usize>, len: usize) -> &mut [usize] {
    if buf.len() < len {
        buf.resize(len, 0);
    }
    &mut buf[..len]
}

/// Reusable scratch buffers, so the EM loop allocates nothing after its first iteration.
#[derive(Debug, Default)]
pub(crate) struct Scratch<T> {
    pub a: Vec<T>,
    pub b: Vec<T>,
    pub c: Vec<T>,
    /// Indices of a chunk's rows.
    pub rows: Vec<usize>,
}
