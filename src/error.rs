//! The error a run-time shape check reports.

use core::fmt;

use alloc::boxed::Box;

use crate::Shape;

/// Which tensor of an einsum call a [`ShapeError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The input operand at this position (0 for the first), with its source text.
    Operand {
        /// Position among the operands, from 0.
        position: usize,
        /// The operand expression as written in the macro call.
        text: &'static str,
    },
    /// The caller's output buffer, with its source text.
    Output {
        /// The output expression as written in the macro call.
        text: &'static str,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Operand { position, text } => write!(f, "operand {position} `{text}`"),
            Place::Output { text } => write!(f, "output `{text}`"),
        }
    }
}

/// The tensor of a [`ShapeError::TooManyElements`]: what would have had the shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OversizedTensor {
    /// A view or tensor built from data and a shape ([`TensorRef::new`](crate::TensorRef::new)
    /// and the other constructors).
    View,
    /// The result an einsum call would allocate.
    Result,
    /// An intermediate of a pairwise contraction.
    Intermediate,
    /// The axes `...` stands for, broadcast over the operands.
    EllipsisAxes,
}

impl fmt::Display for OversizedTensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OversizedTensor::View => "a view",
            OversizedTensor::Result => "the result",
            OversizedTensor::Intermediate => "an intermediate",
            OversizedTensor::EllipsisAxes => "the broadcast `...` axes",
        })
    }
}

/// A shape that does not fit the subscripts, found by the one check before any loop runs.
///
/// `einsum!` panics with this error's message; `try_einsum!` returns it.
///
/// ```
/// use einsum::{try_einsum, ShapeError};
/// let a = [[1.0, 2.0], [3.0, 4.0]];
/// let b = [1.0, 2.0, 3.0];
/// let err = try_einsum!("ij,j->i", a, b).unwrap_err();
/// assert_eq!(err.axis(), Some('j'));
/// assert_eq!(
///     err.to_string(),
///     "einsum \"ij,j->i\": axis 'j' of operand 1 `b` has extent 3, \
///      but operand 0 `a` gives 'j' extent 2"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShapeError {
    /// A tensor has a different number of axes than its subscript term names.
    Rank {
        /// The subscripts of the call.
        subscripts: &'static str,
        /// The tensor with the wrong rank.
        place: Place,
        /// The number of indices in its term.
        expected: usize,
        /// Its actual rank.
        found: usize,
    },
    /// An axis whose extent differs from the extent its index has elsewhere.
    Extent {
        /// The subscripts of the call.
        subscripts: &'static str,
        /// The index letter of the axis.
        axis: char,
        /// The tensor whose axis disagrees.
        place: Place,
        /// That axis's extent.
        found: usize,
        /// The extent the index already had.
        expected: usize,
        /// The tensor that gave the index its extent.
        expected_from: Place,
    },
    /// A tensor whose term has `...` but fewer axes than the term's explicit indices.
    TooFewAxes {
        /// The subscripts of the call.
        subscripts: &'static str,
        /// The tensor with too few axes.
        place: Place,
        /// The number of explicit indices in its term.
        at_least: usize,
        /// Its actual rank.
        found: usize,
    },
    /// A shape with more than [`Shape::MAX_RANK`] axes, where a run-time rank is needed.
    TooManyAxes {
        /// The tensor of an einsum call, if the shape is one.
        place: Option<Place>,
        /// The number of axes.
        found: usize,
    },
    /// Axes that `...` stands for which do not broadcast: extents differ and neither is 1.
    Broadcast {
        /// The subscripts of the call.
        subscripts: &'static str,
        /// The tensor whose `...` axes disagree.
        place: Place,
        /// The extents its `...` stands for.
        found: Box<Shape>,
        /// The broadcast extents of the operands before it (for an output buffer: of all
        /// operands, which a buffer must match exactly).
        expected: Box<Shape>,
    },
    /// Operands whose `...` stands for some axes, in a call whose output term has no `...`
    /// to hold them (numpy rejects this too).
    UnbroadcastOutput {
        /// The subscripts of the call.
        subscripts: &'static str,
        /// The broadcast extents of the operands' `...` axes.
        found: Box<Shape>,
    },
    /// A tensor whose elements are not in row-major order (an ndarray view with other strides)
    /// where only row-major data will do: an output buffer of `einsum!`, or data read in place.
    NotRowMajor {
        /// The buffer.
        place: Place,
    },
    /// A shape whose element count, or one of its row-major strides, does not fit in
    /// `usize`: no buffer can hold it, so it is refused before anything is allocated or read.
    ///
    /// ```
    /// use einsum::{try_einsum, OversizedTensor, ShapeError, TensorRef};
    /// // 2^40 x 2^40 elements over no data: refused, not wrapped to 0
    /// let err = TensorRef::new(&[] as &[f64], [1 << 40, 1 << 40]).unwrap_err();
    /// assert!(matches!(err, ShapeError::TooManyElements { tensor: OversizedTensor::View, .. }));
    /// // a legal empty view whose outer product would have 2^80 elements
    /// let a = TensorRef::new(&[] as &[f64], [1 << 40, 0]).unwrap();
    /// let err = try_einsum!("ij,kj->ik", a, a).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "einsum \"ij,kj->ik\": the result would have shape [1099511627776, 1099511627776], \
    ///      more elements than usize can count"
    /// );
    /// ```
    TooManyElements {
        /// The subscripts of the call, when an einsum call found it.
        subscripts: Option<&'static str>,
        /// What would have had the shape.
        tensor: OversizedTensor,
        /// The extents, outermost first.
        extents: Box<[usize]>,
    },
    /// Data whose length is not the product of the shape it was given.
    Length {
        /// The product of the shape.
        expected: usize,
        /// The length of the data.
        found: usize,
    },
}

impl ShapeError {
    /// The index letter of the mismatched axis, when the error is about one axis.
    pub fn axis(&self) -> Option<char> {
        match self {
            ShapeError::Extent { axis, .. } => Some(*axis),
            _ => None,
        }
    }

    /// The tensor the error is about, when it comes from an einsum call.
    pub fn place(&self) -> Option<Place> {
        match self {
            ShapeError::Rank { place, .. }
            | ShapeError::Extent { place, .. }
            | ShapeError::TooFewAxes { place, .. }
            | ShapeError::Broadcast { place, .. }
            | ShapeError::NotRowMajor { place } => Some(*place),
            ShapeError::TooManyAxes { place, .. } => *place,
            ShapeError::UnbroadcastOutput { .. }
            | ShapeError::TooManyElements { .. }
            | ShapeError::Length { .. } => None,
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Rank {
                subscripts,
                place,
                expected,
                found,
            } => write!(
                f,
                "einsum \"{subscripts}\": {place} has rank {found}, but its subscripts name {expected} axes"
            ),
            ShapeError::Extent {
                subscripts,
                axis,
                place,
                found,
                expected,
                expected_from,
            } => write!(
                f,
                "einsum \"{subscripts}\": axis '{axis}' of {place} has extent {found}, \
                 but {expected_from} gives '{axis}' extent {expected}"
            ),
            ShapeError::TooFewAxes {
                subscripts,
                place,
                at_least,
                found,
            } => write!(
                f,
                "einsum \"{subscripts}\": {place} has rank {found}, but its subscripts name \
                 {at_least} axes besides `...`"
            ),
            ShapeError::TooManyAxes { place, found } => {
                if let Some(place) = place {
                    write!(f, "{place}: ")?;
                }
                write!(
                    f,
                    "{found} axes, more than the {} a run-time shape holds",
                    Shape::MAX_RANK
                )
            }
            ShapeError::Broadcast {
                subscripts,
                place,
                found,
                expected,
            } => write!(
                f,
                "einsum \"{subscripts}\": the axes `...` stands for in {place} have extents \
                 {found:?}, which do not broadcast to {expected:?}: aligned from the right, \
                 extents must be equal or 1"
            ),
            ShapeError::UnbroadcastOutput { subscripts, found } => write!(
                f,
                "einsum \"{subscripts}\": `...` stands for axes with extents {found:?}, but the \
                 output term has no `...` to hold them; add `...` to the output"
            ),
            ShapeError::NotRowMajor { place } => write!(
                f,
                "{place} is not in row-major order, which it must be here: use a row-major \
                 copy (ndarray: `.as_standard_layout()`), or write into a row-major buffer and \
                 assign it"
            ),
            ShapeError::TooManyElements {
                subscripts,
                tensor,
                extents,
            } => {
                if let Some(subscripts) = subscripts {
                    write!(f, "einsum \"{subscripts}\": ")?;
                }
                write!(
                    f,
                    "{tensor} would have shape {extents:?}, more elements than usize can count"
                )
            }
            ShapeError::Length { expected, found } => write!(
                f,
                "data of length {found} does not fill a shape of {expected} elements"
            ),
        }
    }
}

impl core::error::Error for ShapeError {}
