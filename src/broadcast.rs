//! Run-time support for `...`: each tensor's axes split around its ellipsis, the broadcast of
//! the ellipsis axes of all operands, and the walk over them that the generated loops run in.

use alloc::boxed::Box;

use crate::tensor::element_count;
use crate::{OversizedTensor, Place, Shape, ShapeError};

const MAX: usize = Shape::MAX_RANK;

/// The axes `...` stands for in one tensor: extents and row-major strides, outermost first.
#[derive(Debug, Clone, Copy)]
pub struct EllipsisAxes {
    extents: Shape,
    strides: [usize; MAX],
}

/// A tensor's shape split around the `...` of its term: the `N` axes its indices name, with
/// their strides, and the axes the ellipsis stands for.
#[derive(Debug, Clone, Copy)]
pub struct Split<const N: usize> {
    /// Extents of the named axes, in term order.
    pub extents: [usize; N],
    /// Row-major strides of the named axes.
    pub strides: [usize; N],
    /// The axes `...` stands for.
    pub ellipsis: EllipsisAxes,
}

/// Row-major strides of `shape`.
fn strides(shape: &[usize]) -> [usize; MAX] {
    let mut strides = [0; MAX];
    let mut stride = 1;
    for (axis, &extent) in shape.iter().enumerate().rev() {
        strides[axis] = stride;
        stride *= extent;
    }
    strides
}

/// Splits `shape` (a view's, so at most [`Shape::MAX_RANK`] axes) for a term with `N` indices,
/// `before` of them ahead of its `...`; the error is the rank, when it is below `N`.
pub fn split<const N: usize>(shape: &[usize], before: usize) -> Result<Split<N>, usize> {
    let Some(ellipsis_rank) = shape.len().checked_sub(N) else {
        return Err(shape.len());
    };
    let all = strides(shape);
    let named = |i: usize| if i < before { i } else { i + ellipsis_rank };
    let ellipsis = before..before + ellipsis_rank;
    let mut ellipsis_strides = [0; MAX];
    ellipsis_strides[..ellipsis_rank].copy_from_slice(&all[ellipsis.clone()]);
    Ok(Split {
        extents: core::array::from_fn(|i| shape[named(i)]),
        strides: core::array::from_fn(|i| all[named(i)]),
        ellipsis: EllipsisAxes {
            extents: Shape::new(&shape[ellipsis]).expect("a part of a shape fits"),
            strides: ellipsis_strides,
        },
    })
}

/// The shape `K` operands' `...` axes broadcast to, numpy's way: aligned from the right, an
/// extent of 1 (or a missing axis) stretches to the others, all other extents must agree.
pub fn broadcast<const K: usize>(
    subscripts: &'static str,
    operands: [(&EllipsisAxes, Place); K],
) -> Result<Shape, ShapeError> {
    let mut result = Shape::new(&[]).expect("an empty shape fits");
    for (axes, place) in operands {
        let (mine, so_far) = (&axes.extents[..], &result[..]);
        let rank = mine.len().max(so_far.len());
        let mut merged = [0; MAX];
        for (d, slot) in merged[..rank].iter_mut().enumerate() {
            let a = right_aligned(mine, rank, d);
            let b = right_aligned(so_far, rank, d);
            *slot = match (a, b) {
                (a, b) if a == b || b == 1 => a,
                (1, b) => b,
                _ => {
                    return Err(ShapeError::Broadcast {
                        subscripts,
                        place,
                        found: Box::new(axes.extents),
                        expected: Box::new(result),
                    });
                }
            };
        }
        result = Shape::new(&merged[..rank]).expect("no wider than the widest operand");
    }
    // each operand's `...` axes are its own (checked) shape's, but their broadcast can outgrow
    // every one of them; the walk over it counts its positions
    if element_count(&result).is_none() {
        return Err(ShapeError::TooManyElements {
            subscripts: Some(subscripts),
            tensor: OversizedTensor::EllipsisAxes,
            extents: result[..].into(),
        });
    }
    Ok(result)
}

/// Axis `d` of `shape` aligned from the right in `rank` axes, 1 where it has none.
fn right_aligned(shape: &[usize], rank: usize, d: usize) -> usize {
    match (d + shape.len()).checked_sub(rank) {
        Some(i) => shape[i],
        None => 1,
    }
}

/// The layout of an owned result: `N` named axes, `before` of them ahead of the `...` axes.
/// Returns the split the loops index with, the whole shape and its element count, or an error
/// if the result would have more than [`Shape::MAX_RANK`] axes or more elements than `usize`
/// counts.
pub fn owned_layout<const N: usize>(
    subscripts: &'static str,
    before: usize,
    named: [usize; N],
    ellipsis: &Shape,
) -> Result<(Split<N>, Shape, usize), ShapeError> {
    let rank = N + ellipsis.len();
    if rank > MAX {
        return Err(ShapeError::TooManyAxes {
            place: None,
            found: rank,
        });
    }
    let mut whole = [0; MAX];
    whole[..before].copy_from_slice(&named[..before]);
    whole[before..before + ellipsis.len()].copy_from_slice(ellipsis);
    whole[before + ellipsis.len()..rank].copy_from_slice(&named[before..]);
    let whole = Shape::new(&whole[..rank]).expect("checked against MAX_RANK");
    let count = element_count(&whole).ok_or_else(|| ShapeError::TooManyElements {
        subscripts: Some(subscripts),
        tensor: OversizedTensor::Result,
        extents: whole[..].into(),
    })?;
    let split = split(&whole, before).expect("the result has its N named axes");
    Ok((split, whole, count))
}

/// Checks that an output buffer's `...` axes are exactly the broadcast shape.
pub fn check_output_ellipsis(
    subscripts: &'static str,
    place: Place,
    buffer: &EllipsisAxes,
    broadcast: &Shape,
) -> Result<(), ShapeError> {
    if buffer.extents == *broadcast {
        Ok(())
    } else {
        Err(ShapeError::Broadcast {
            subscripts,
            place,
            found: Box::new(buffer.extents),
            expected: Box::new(*broadcast),
        })
    }
}

/// Checks that the operands' `...` axes are empty, for an output term without `...`.
pub fn check_no_ellipsis(subscripts: &'static str, broadcast: &Shape) -> Result<(), ShapeError> {
    if broadcast.is_empty() {
        Ok(())
    } else {
        Err(ShapeError::UnbroadcastOutput {
            subscripts,
            found: Box::new(*broadcast),
        })
    }
}

/// Every position of the broadcast `...` axes, in row-major order, as the offset it has in
/// each of `K` tensors: a tensor that lacks an axis or has extent 1 there stays put along it.
#[derive(Debug, Clone)]
pub struct Walk<const K: usize> {
    extents: Shape,
    /// Per tensor, its stride along each broadcast axis (0 where it broadcasts).
    strides: [[usize; MAX]; K],
    position: [usize; MAX],
    offsets: [usize; K],
    remaining: usize,
}

/// Walks `broadcast` over `K` tensors whose `...` axes broadcast to it.
pub fn walk<const K: usize>(broadcast: &Shape, tensors: [&EllipsisAxes; K]) -> Walk<K> {
    let rank = broadcast.len();
    let strides = tensors.map(|axes| {
        let mut aligned = [0; MAX];
        let shift = rank - axes.extents.len();
        for (i, (&extent, &stride)) in axes.extents.iter().zip(&axes.strides).enumerate() {
            aligned[shift + i] = if extent == 1 { 0 } else { stride };
        }
        aligned
    });
    Walk {
        extents: *broadcast,
        strides,
        position: [0; MAX],
        offsets: [0; K],
        remaining: broadcast.iter().product(),
    }
}

impl<const K: usize> Iterator for Walk<K> {
    type Item = [usize; K];

    #[inline]
    fn next(&mut self) -> Option<[usize; K]> {
        self.remaining = self.remaining.checked_sub(1)?;
        let current = self.offsets;
        // advance like an odometer: the last axis fastest, carrying into the ones before
        for d in (0..self.extents.len()).rev() {
            self.position[d] += 1;
            for (offset, strides) in self.offsets.iter_mut().zip(&self.strides) {
                *offset += strides[d];
            }
            if self.position[d] < self.extents[d] {
                break;
            }
            self.position[d] = 0;
            for (offset, strides) in self.offsets.iter_mut().zip(&self.strides) {
                *offset -= strides[d] * self.extents[d];
            }
        }
        Some(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    const PLACE: Place = Place::Operand {
        position: 0,
        text: "x",
    };

    #[test]
    fn split_names_axes_on_both_sides_of_the_ellipsis() {
        // "i...j" over a (2, 3, 4, 5) tensor: i is axis 0, j axis 3, `...` axes 1 and 2
        let s = split::<2>(&[2, 3, 4, 5], 1).unwrap();
        assert_eq!(s.extents, [2, 5]);
        assert_eq!(s.strides, [60, 1]);
        assert_eq!(&s.ellipsis.extents[..], &[3, 4]);
        assert_eq!(&s.ellipsis.strides[..2], &[20, 5]);
        assert_eq!(split::<3>(&[2, 3], 0).unwrap_err(), 2);
        assert!(split::<2>(&[2, 3], 2).unwrap().ellipsis.extents.is_empty());
    }

    #[test]
    fn broadcast_follows_numpy() {
        let a = split::<0>(&[2, 1, 4], 0).unwrap().ellipsis;
        let b = split::<0>(&[3, 1], 0).unwrap().ellipsis;
        let shape = broadcast("", [(&a, PLACE), (&b, PLACE)]).unwrap();
        assert_eq!(&shape[..], &[2, 3, 4]);
        let c = split::<0>(&[5], 0).unwrap().ellipsis;
        let err = broadcast("", [(&a, PLACE), (&c, PLACE)]).unwrap_err();
        assert!(matches!(err, ShapeError::Broadcast { .. }), "{err}");
        // an extent of 0 broadcasts with 1 only
        let z = split::<0>(&[0], 0).unwrap().ellipsis;
        let one = split::<0>(&[1], 0).unwrap().ellipsis;
        assert_eq!(
            &broadcast("", [(&z, PLACE), (&one, PLACE)]).unwrap()[..],
            &[0]
        );
    }

    #[test]
    fn walk_visits_every_position_with_broadcast_offsets() {
        let a = split::<0>(&[2, 3], 0).unwrap().ellipsis;
        let b = split::<0>(&[3], 0).unwrap().ellipsis;
        let c = split::<0>(&[2, 1], 0).unwrap().ellipsis;
        let shape = broadcast("", [(&a, PLACE), (&b, PLACE), (&c, PLACE)]).unwrap();
        let offsets: Vec<[usize; 3]> = walk(&shape, [&a, &b, &c]).collect();
        let expected: Vec<[usize; 3]> = (0..2)
            .flat_map(|i| (0..3).map(move |j| [3 * i + j, j, i]))
            .collect();
        assert_eq!(offsets, expected);
    }

    #[test]
    fn walk_of_no_axes_visits_once_and_of_an_empty_axis_never() {
        let none = split::<1>(&[4], 0).unwrap().ellipsis;
        assert_eq!(walk(&none.extents, [&none]).count(), 1);
        let empty = split::<0>(&[3, 0], 0).unwrap().ellipsis;
        assert_eq!(walk(&empty.extents, [&empty]).count(), 0);
    }

    #[test]
    fn owned_layout_puts_the_ellipsis_where_the_term_has_it() {
        let ellipsis = Shape::new(&[4, 5]).unwrap();
        let (s, whole, count) = owned_layout::<2>("", 1, [2, 3], &ellipsis).unwrap();
        assert_eq!(count, whole.iter().product());
        assert_eq!(&whole[..], &[2, 4, 5, 3]);
        assert_eq!(s.strides, [60, 1]);
        assert_eq!(&s.ellipsis.strides[..2], &[15, 3]);
    }
}
