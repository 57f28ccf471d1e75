//! Operands read at their own element strides: [`StridedRef`], the form in which a value that is
//! not row-major (a transposed or stepped ndarray view, column-major data) reaches the GEMM
//! tier without a copy, and [`Source`], how the generated code holds each operand: row-major
//! in place, at its strides, or copied.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;
use core::ops::Range;

use crate::gemm::MatrixRef;
use crate::tensor::element_count;
use crate::{Operand, Scalar, Tensor, TensorRef, ViewError};

/// A rank-`R` tensor whose element at index `[i₀, i₁, …]` sits `Σ iₐ · strides[a]` elements
/// after the first: any layout with non-negative strides, such as a transposed matrix
/// (strides `[1, rows]`) or every second column (`[2 · cols, 2]`).
///
/// An [`Operand`] that is not row-major returns one from [`Operand::strided`]; a matrix-product
/// step of `f32`/`f64` then hands those strides to the GEMM, and the loop tier reads a
/// row-major copy.
///
/// ```
/// use einsum::StridedRef;
/// // the column-major 2 x 3 matrix [[1, 2, 3], [4, 5, 6]]
/// let data = [1.0, 4.0, 2.0, 5.0, 3.0, 6.0];
/// let m = StridedRef::new(&data, [2, 3], [1, 2]).unwrap();
/// assert_eq!(m.get([1, 2]), 6.0);
/// assert_eq!(m.strides(), [1, 2]);
/// // a stride that reaches past the data is refused
/// assert!(StridedRef::new(&data, [2, 3], [4, 1]).is_none());
/// ```
pub struct StridedRef<'a, T, const R: usize> {
    /// The element at index `[0, 0, …]`.
    start: *const T,
    shape: [usize; R],
    /// Zero on every axis of extent 1 or less, so that only the strides that move count.
    strides: [usize; R],
    /// Invariant: for every index below `shape`, `start + Σ index · strides` is an element
    /// readable for `'a` (in the allocation `start` points into), and that offset fits in
    /// `isize`. With an extent of 0 there is no element and `start` is never read.
    marker: PhantomData<&'a T>,
}

// SAFETY: a `StridedRef` reads its elements as a `&'a [T]` would, and never writes them: it
// may be sent to or shared with another thread when `&'a [T]` may, that is when `T: Sync`.
unsafe impl<T: Sync, const R: usize> Send for StridedRef<'_, T, R> {}
// SAFETY: as for `Send`.
unsafe impl<T: Sync, const R: usize> Sync for StridedRef<'_, T, R> {}

impl<T, const R: usize> Clone for StridedRef<'_, T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, const R: usize> Copy for StridedRef<'_, T, R> {}

impl<T, const R: usize> fmt::Debug for StridedRef<'_, T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StridedRef")
            .field("shape", &self.shape)
            .field("strides", &self.strides)
            .finish()
    }
}

/// The offset of the last element of `shape` at `strides`, if it has one and the offset fits
/// in `usize`; `Some(None)` for a shape without elements.
fn last_offset(shape: &[usize], strides: &[usize]) -> Option<Option<usize>> {
    if shape.contains(&0) {
        return Some(None);
    }
    let mut last = 0usize;
    for (&n, &s) in shape.iter().zip(strides) {
        last = last.checked_add((n - 1).checked_mul(s)?)?;
    }
    Some(Some(last))
}

/// The strides with those of the axes of extent 0 or 1 (where no index moves) set to zero.
fn moving_strides<const R: usize>(shape: [usize; R], strides: [usize; R]) -> [usize; R] {
    core::array::from_fn(|a| if shape[a] > 1 { strides[a] } else { 0 })
}

impl<'a, T, const R: usize> StridedRef<'a, T, R> {
    /// The tensor of `shape` at `strides` (in elements) over `data`, starting at its first
    /// element, or `None` if some element would lie past the end of `data` (or the element
    /// count overflows `usize`).
    pub fn new(data: &'a [T], shape: [usize; R], strides: [usize; R]) -> Option<Self> {
        element_count(&shape)?;
        let strides = moving_strides(shape, strides);
        match last_offset(&shape, &strides)? {
            Some(last) if last >= data.len() => None,
            // SAFETY: every offset is at most `last`, inside `data` (a slice, so below
            // `isize::MAX`), which is borrowed for `'a`; with no element nothing is read.
            _ => Some(unsafe { Self::from_raw_parts(data.as_ptr(), shape, strides) }),
        }
    }

    /// # Safety
    /// For every index below `shape`, `start.add(Σ index · strides)` must be an element
    /// readable for `'a`, in the one allocation `start` points into, at an offset that fits in
    /// `isize`. The strides of axes of extent 1 or less may be anything.
    pub(crate) unsafe fn from_raw_parts(
        start: *const T,
        shape: [usize; R],
        strides: [usize; R],
    ) -> Self {
        StridedRef {
            start,
            shape,
            strides: moving_strides(shape, strides),
            marker: PhantomData,
        }
    }

    /// The extents.
    pub fn shape(&self) -> [usize; R] {
        self.shape
    }

    /// The strides in elements; zero on axes of extent 1 or less.
    pub fn strides(&self) -> [usize; R] {
        self.strides
    }

    /// The element at `index`.
    ///
    /// # Panics
    /// If an index is not below its axis' extent.
    pub fn get(&self, index: [usize; R]) -> T
    where
        T: Copy,
    {
        let mut offset = 0;
        for a in 0..R {
            assert!(
                index[a] < self.shape[a],
                "index {index:?} out of bounds for shape {:?}",
                self.shape
            );
            offset += index[a] * self.strides[a];
        }
        // SAFETY: every index is below its extent (asserted), so by the invariant the offset
        // names an element readable for `'a`.
        unsafe { *self.start.add(offset) }
    }

    /// The elements in row-major order.
    pub fn to_row_major(&self) -> Tensor<T, R>
    where
        T: Copy,
    {
        let count = element_count(&self.shape).expect("checked when the view was made");
        let mut data = Vec::with_capacity(count);
        if count > 0 {
            let mut index = [0usize; R];
            'elements: loop {
                data.push(self.get(index));
                for a in (0..R).rev() {
                    index[a] += 1;
                    if index[a] < self.shape[a] {
                        continue 'elements;
                    }
                    index[a] = 0;
                }
                break;
            }
        }
        Tensor::from_parts(data, self.shape)
    }

    /// The axes `axes`, at `extents` (each at most its axis' extent), as one: their extent and
    /// the stride that steps through them, if some stride does (the stride of each moving
    /// axis is that of the next moving one times its extent); for no axes, extent 1.
    fn merged(&self, axes: Range<usize>, extents: &[usize; R]) -> Option<(usize, usize)> {
        let mut extent = 1usize;
        let mut stride = 0usize;
        for a in axes.rev() {
            let n = extents[a];
            if n > 1 {
                if extent > 1 && self.strides[a] != stride.checked_mul(extent)? {
                    return None;
                }
                if extent == 1 {
                    stride = self.strides[a];
                }
            }
            extent = extent.checked_mul(n)?;
        }
        Some((extent, stride))
    }

    /// Whether, in the block of `extents`, the axes in `rows` read as one axis and those in
    /// `cols` as another (see [`matrix`](Self::matrix)).
    pub(crate) fn reads_as_matrix(
        &self,
        extents: &[usize; R],
        rows: Range<usize>,
        cols: Range<usize>,
    ) -> bool {
        self.merged(rows, extents).is_some() && self.merged(cols, extents).is_some()
    }

    /// The matrix whose rows are the axes in `rows` and whose columns are those in `cols`, in
    /// the block that starts at `start` and spans `extents` on those axes (on every other axis
    /// it is at `start` alone), or `None` if the axes of a group do not read as one axis.
    ///
    /// # Panics
    /// If the block reaches past the tensor on some axis.
    pub(crate) fn matrix(
        &self,
        start: [usize; R],
        extents: [usize; R],
        rows: Range<usize>,
        cols: Range<usize>,
    ) -> Option<MatrixRef<'a, T>> {
        let in_group = |a: usize| rows.contains(&a) || cols.contains(&a);
        let block: [usize; R] = core::array::from_fn(|a| if in_group(a) { extents[a] } else { 1 });
        let inside = (0..R).all(|a| {
            start[a]
                .checked_add(block[a])
                .is_some_and(|end| end <= self.shape[a])
        });
        assert!(
            inside,
            "einsum: a block of {block:?} from {start:?} reaches past shape {:?}",
            self.shape
        );
        let (m, row_stride) = self.merged(rows.clone(), &block)?;
        let (n, col_stride) = self.merged(cols.clone(), &block)?;
        let empty = m == 0 || n == 0;
        let first = if empty {
            self.start
        } else {
            let offset: usize = (0..R).map(|a| start[a] * self.strides[a]).sum();
            // SAFETY: every block extent is above 0 and `start + block <= shape` on every
            // axis (asserted), so `start` is an index below the shape and `offset` names an
            // element, by the view's invariant.
            unsafe { self.start.add(offset) }
        };
        // SAFETY: row `i < m` and column `j < n` are the indices below `block` that `merged`
        // folded them from (its stride check), offset by `start`, so below `shape`:
        // `i · row_stride + j · col_stride` from `first` is one of the view's elements.
        Some(unsafe { MatrixRef::from_raw_parts(first, [m, n], [row_stride, col_stride]) })
    }
}

/// How the generated code holds an operand without `...`: row-major data read in place, a
/// layout the GEMM tier reads at its own strides (the loops read a row-major copy made when
/// they run), or a row-major copy of a layout with neither (negative strides).
#[derive(Debug)]
pub enum Source<'a, T, const R: usize> {
    /// Row-major data, in place.
    Rows(TensorRef<'a, T, R>),
    /// Elements at their own strides.
    Strided(StridedRef<'a, T, R>),
    /// A row-major copy made when the operand was viewed.
    Copied(Tensor<T, R>),
}

/// The operand's [`Source`]: in place if it is row-major, else at its strides if it has
/// non-negative ones, else a row-major copy.
#[inline(always)]
pub fn source<const R: usize, O: Operand<R> + ?Sized>(
    operand: &O,
) -> Result<Source<'_, O::Elem, R>, ViewError> {
    match operand.view() {
        Ok(rows) => Ok(Source::Rows(rows)),
        Err(ViewError::NotRowMajor) => match operand.strided() {
            Some(strided) => Ok(Source::Strided(strided)),
            None => operand
                .row_major_copy()
                .map(Source::Copied)
                .ok_or(ViewError::NotRowMajor),
        },
        Err(error) => Err(error),
    }
}

impl<'a, T: Scalar, const R: usize> Source<'a, T, R> {
    /// The extents.
    #[inline(always)]
    pub fn shape(&self) -> [usize; R] {
        match self {
            Source::Rows(rows) => rows.shape(),
            Source::Strided(strided) => strided.shape(),
            Source::Copied(copy) => copy.shape(),
        }
    }

    /// No elements, of the element type: what the generated code passes where only the type
    /// matters.
    #[inline(always)]
    pub fn like(&self) -> &[T] {
        &[]
    }

    /// The row-major copy the loops read, for an operand held at its strides; `None` when
    /// [`rows`](Self::rows) reads the data itself.
    #[inline(always)]
    pub fn copy_for_loops(&self) -> Option<Tensor<T, R>> {
        match self {
            Source::Strided(strided) => Some(strided.to_row_major()),
            _ => None,
        }
    }

    /// The elements in row-major order: in place, or from `copy`, which
    /// [`copy_for_loops`](Self::copy_for_loops) made.
    #[inline(always)]
    pub fn rows<'s>(&'s self, copy: &'s Option<Tensor<T, R>>) -> &'s [T] {
        match (self, copy) {
            (Source::Rows(rows), _) => rows.data(),
            (Source::Copied(copy), _) | (_, Some(copy)) => copy.as_slice(),
            (Source::Strided(_), None) => unreachable!("the loops read a copy of a strided view"),
        }
    }

    /// The operand at its own strides: in place, row-major or not.
    #[inline(always)]
    fn strided(&self) -> StridedRef<'_, T, R> {
        match self {
            Source::Rows(rows) => rows.strided(),
            Source::Strided(strided) => *strided,
            Source::Copied(copy) => copy.view().strided(),
        }
    }

    /// Whether the GEMM can read the block of `extents` of the operand as a matrix of rows
    /// `rows` and columns `cols` (ranges of its axes): each group's axes read as one axis.
    /// Always for a whole row-major operand.
    ///
    /// Out of line, as [`matrix`](Self::matrix): asked once per GEMM step, it is one copy per
    /// element type and rank instead of one in every call that has a matrix-product step.
    #[inline(never)]
    pub fn reads_as_matrix(
        &self,
        extents: [usize; R],
        rows: Range<usize>,
        cols: Range<usize>,
    ) -> bool {
        self.strided().reads_as_matrix(&extents, rows, cols)
    }

    /// The matrix of rows `rows` and columns `cols` in the block from `start` of `extents`
    /// (of 1 on the axes outside the groups: a batch position).
    ///
    /// # Panics
    /// If [`reads_as_matrix`](Self::reads_as_matrix) is false for these groups, or the block
    /// reaches past the operand.
    #[inline(never)]
    pub fn matrix(
        &self,
        start: [usize; R],
        extents: [usize; R],
        rows: Range<usize>,
        cols: Range<usize>,
    ) -> MatrixRef<'_, T> {
        self.strided()
            .matrix(start, extents, rows, cols)
            .expect("einsum: a GEMM operand whose groups do not read as one axis")
    }
}

impl<'a, T, const R: usize> TensorRef<'a, T, R> {
    /// The view with its row-major strides.
    pub(crate) fn strided(&self) -> StridedRef<'a, T, R> {
        let shape = self.shape();
        let mut strides = [0usize; R];
        let mut stride = 1usize;
        for a in (0..R).rev() {
            strides[a] = stride;
            // the element count fits in `usize` (the view's constructor checked it), and so
            // does every partial product of its trailing extents, unless an extent is 0
            stride = stride.saturating_mul(shape[a]);
        }
        // SAFETY: a row-major view has `Π shape` elements, its data's length (checked when
        // it was made), so every row-major offset below the shape is inside `data`.
        unsafe { StridedRef::from_raw_parts(self.data().as_ptr(), shape, strides) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_read_as_one_when_their_strides_chain() {
        let data = [0.0f64; 64];
        // row-major 2 x 3 x 4: every group merges
        let t = StridedRef::new(&data, [2, 3, 4], [12, 4, 1]).unwrap();
        let whole = [2, 3, 4];
        assert_eq!(t.merged(0..2, &whole), Some((6, 4)));
        assert_eq!(t.merged(1..3, &whole), Some((12, 1)));
        assert_eq!(t.merged(0..0, &whole), Some((1, 0)));
        // a block of 2 of the 3 positions of the middle axis no longer chains with the first
        assert_eq!(t.merged(0..2, &[2, 2, 4]), None);
        assert_eq!(t.merged(1..3, &[2, 2, 4]), Some((8, 1)));
        // the last axis stepped by 2: [2, 3] still chains (12 = 4·3), [3, 4] does not
        let t = StridedRef::new(&data, [2, 3, 4], [12, 4, 2]).unwrap();
        assert_eq!(t.merged(0..2, &whole), Some((6, 4)));
        assert_eq!(t.merged(1..3, &whole), None);
        // an axis of extent 1 chains with anything
        let t = StridedRef::new(&data, [3, 1, 4], [4, 99, 1]).unwrap();
        assert_eq!(t.merged(0..3, &[3, 1, 4]), Some((12, 1)));
    }

    #[test]
    fn a_matrix_starts_at_its_batch_position() {
        let data: Vec<f64> = (0..24).map(f64::from).collect();
        // a 2 x 3 x 4 tensor stored with the batch axis last: strides [1, 8, 2]
        let t = StridedRef::new(&data, [2, 3, 4], [1, 8, 2]).unwrap();
        let m = t.matrix([1, 0, 0], [1, 3, 4], 1..2, 2..3).unwrap();
        assert_eq!(m.extents(), [3, 4]);
        assert_eq!(m.strides(), [8, 2]);
        // rows 1..3 of the same, as a tile of the middle axis
        let tile = t.matrix([1, 1, 0], [1, 2, 4], 1..2, 2..3).unwrap();
        assert_eq!(tile.extents(), [2, 4]);
        assert_eq!(t.get([1, 2, 3]), 23.0);
        let copy = t.to_row_major();
        assert_eq!(copy[[1, 2, 3]], 23.0);
        assert_eq!(copy[[0, 1, 2]], t.get([0, 1, 2]));
    }

    #[test]
    #[should_panic(expected = "reaches past")]
    fn a_position_past_its_extent_panics() {
        let data = [0.0f64; 6];
        let t = StridedRef::new(&data, [2, 3], [3, 1]).unwrap();
        t.matrix([2, 0], [1, 3], 1..1, 1..2);
    }

    #[test]
    #[should_panic(expected = "reaches past")]
    fn a_block_past_its_extent_panics() {
        let data = [0.0f64; 6];
        let t = StridedRef::new(&data, [2, 3], [3, 1]).unwrap();
        t.matrix([0, 2], [2, 2], 0..1, 1..2);
    }

    #[test]
    fn empty_and_oversized_shapes() {
        let data = [0.0f64; 4];
        assert!(StridedRef::new(&data, [0, 1 << 40], [1 << 40, 1]).is_some());
        assert!(StridedRef::new(&data, [2, usize::MAX], [0, 0]).is_none());
        assert!(StridedRef::new(&data, [2, 2], [usize::MAX, 1]).is_none());
        let empty = StridedRef::new(&data[..0], [3, 0], [5, 1]).unwrap();
        assert!(empty.to_row_major().as_slice().is_empty());
    }
}
