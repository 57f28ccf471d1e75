//! A deliberately naive einsum written from numpy's documented semantics, used as an oracle.
//!
//! It enumerates every combination of index values, multiplies the operand elements they select
//! and adds the product into the output element they select. Nothing is optimised, nothing is
//! shared with the macro under test.
//!
//! Semantics (numpy.einsum):
//! - letters `a-z`, `A-Z` are indices; spaces are ignored;
//! - explicit mode `in1,in2->out`, or implicit mode without `->`: the output is every index that
//!   appears exactly once over all inputs, sorted by ASCII (uppercase before lowercase), preceded
//!   by the broadcast (ellipsis) axes when there are any;
//! - an index repeated within one operand takes the diagonal; every index absent from the output
//!   is summed; a scalar output has the empty shape and one element;
//! - `...` stands for the axes an operand has beyond its letters; the ellipsis axes of all
//!   operands are right-aligned and broadcast with numpy's rules (extents equal, or 1).
//!
//! One deliberate restriction: extents of the same *letter* must be equal (numpy also broadcasts
//! a lettered axis of extent 1; `einsum!` reports a shape error instead, and so does this).

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::ops::{Add, Mul};

/// The element types the reference evaluator works on.
pub trait RefScalar: Copy + PartialEq + Debug + Add<Output = Self> + Mul<Output = Self> {
    const ZERO: Self;
    fn from_i64(v: i64) -> Self;
}

impl RefScalar for f64 {
    const ZERO: Self = 0.0;
    fn from_i64(v: i64) -> Self {
        v as f64
    }
}

impl RefScalar for f32 {
    const ZERO: Self = 0.0;
    fn from_i64(v: i64) -> Self {
        v as f32
    }
}

impl RefScalar for i64 {
    const ZERO: Self = 0;
    fn from_i64(v: i64) -> Self {
        v
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Letter(u8),
    Ellipsis,
}

/// Axis identifiers: a letter is its ASCII code, broadcast axis `k` is `BROADCAST + k`.
const BROADCAST: usize = 1000;

fn parse_term(term: &str) -> Vec<Label> {
    let bytes = term.as_bytes();
    let mut labels = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphabetic() {
            labels.push(Label::Letter(c));
            i += 1;
        } else if term[i..].starts_with("...") {
            assert!(
                !labels.contains(&Label::Ellipsis),
                "reference einsum: two ellipses in term {term:?}"
            );
            labels.push(Label::Ellipsis);
            i += 3;
        } else {
            panic!(
                "reference einsum: invalid character {:?} in term {term:?}",
                c as char
            );
        }
    }
    labels
}

/// Evaluates `subscripts` over row-major operands given as `(data, shape)`, returning the
/// row-major result and its shape (empty for a scalar, whose data then has one element).
pub fn reference_einsum<T: RefScalar>(
    subscripts: &str,
    operands: &[(&[T], &[usize])],
) -> (Vec<T>, Vec<usize>) {
    let s: String = subscripts.chars().filter(|c| *c != ' ').collect();
    let (lhs, rhs) = match s.find("->") {
        Some(p) => (&s[..p], Some(&s[p + 2..])),
        None => (&s[..], None),
    };
    let terms: Vec<Vec<Label>> = lhs.split(',').map(parse_term).collect();
    assert_eq!(
        terms.len(),
        operands.len(),
        "reference einsum: {} terms but {} operands",
        terms.len(),
        operands.len()
    );
    for (data, shape) in operands {
        assert_eq!(
            data.len(),
            shape.iter().product::<usize>(),
            "reference einsum: data length does not match shape {shape:?}"
        );
    }

    // Rank of each operand's ellipsis, and of the broadcast ellipsis.
    let mut ellipsis_ranks = Vec::new();
    for (term, (_, shape)) in terms.iter().zip(operands) {
        let letters = term.iter().filter(|l| **l != Label::Ellipsis).count();
        if term.contains(&Label::Ellipsis) {
            assert!(
                shape.len() >= letters,
                "reference einsum: operand rank too small"
            );
            ellipsis_ranks.push(shape.len() - letters);
        } else {
            assert_eq!(
                shape.len(),
                letters,
                "reference einsum: operand rank mismatch"
            );
            ellipsis_ranks.push(0);
        }
    }
    let broadcast_rank = ellipsis_ranks.iter().copied().max().unwrap_or(0);

    // The axis id of every dimension of every operand, and every axis's extent.
    let mut extents: BTreeMap<usize, usize> = BTreeMap::new();
    let mut letter_counts: BTreeMap<u8, usize> = BTreeMap::new();
    let mut operand_axes: Vec<Vec<usize>> = Vec::new();
    for ((term, (_, shape)), &ell) in terms.iter().zip(operands).zip(&ellipsis_ranks) {
        let mut axes = Vec::new();
        for label in term {
            match *label {
                Label::Letter(c) => {
                    *letter_counts.entry(c).or_insert(0) += 1;
                    axes.push(c as usize);
                }
                Label::Ellipsis => {
                    for j in 0..ell {
                        axes.push(BROADCAST + broadcast_rank - ell + j);
                    }
                }
            }
        }
        assert_eq!(axes.len(), shape.len());
        for (&axis, &n) in axes.iter().zip(shape.iter()) {
            match extents.get(&axis).copied() {
                None => {
                    extents.insert(axis, n);
                }
                Some(m) if m == n => {}
                // an extent of 1 stretches to the other, even to 0 (numpy's rule)
                Some(1) if axis >= BROADCAST => {
                    extents.insert(axis, n);
                }
                Some(_) if axis >= BROADCAST && n == 1 => {}
                Some(m) => panic!(
                    "reference einsum: axis {axis} has extents {m} and {n} in {subscripts:?}"
                ),
            }
        }
        operand_axes.push(axes);
    }

    let broadcast_axes: Vec<usize> = (0..broadcast_rank).map(|k| BROADCAST + k).collect();
    let output_axes: Vec<usize> = match rhs {
        Some(out) => {
            let mut axes = Vec::new();
            let mut has_ellipsis = false;
            for label in parse_term(out) {
                match label {
                    Label::Letter(c) => {
                        assert!(
                            letter_counts.contains_key(&c),
                            "reference einsum: output index {:?} is in no input",
                            c as char
                        );
                        assert!(
                            !axes.contains(&(c as usize)),
                            "reference einsum: output index {:?} repeated",
                            c as char
                        );
                        axes.push(c as usize);
                    }
                    Label::Ellipsis => {
                        has_ellipsis = true;
                        axes.extend(&broadcast_axes);
                    }
                }
            }
            assert!(
                has_ellipsis || broadcast_rank == 0,
                "reference einsum: broadcast axes but no ellipsis in the output"
            );
            axes
        }
        None => {
            let mut axes = broadcast_axes.clone();
            // BTreeMap<u8, _> iterates in ASCII order: uppercase before lowercase.
            axes.extend(
                letter_counts
                    .iter()
                    .filter(|(_, n)| **n == 1)
                    .map(|(c, _)| *c as usize),
            );
            axes
        }
    };
    let output_shape: Vec<usize> = output_axes.iter().map(|a| extents[a]).collect();
    let mut output = vec![T::ZERO; output_shape.iter().product()];

    // Odometer over every axis.
    let all_axes: Vec<usize> = extents.keys().copied().collect();
    let all_extents: Vec<usize> = all_axes.iter().map(|a| extents[a]).collect();
    let position = |axis: usize| all_axes.iter().position(|a| *a == axis).unwrap();
    let output_pos: Vec<usize> = output_axes.iter().map(|&a| position(a)).collect();
    let operand_pos: Vec<Vec<usize>> = operand_axes
        .iter()
        .map(|axes| axes.iter().map(|&a| position(a)).collect())
        .collect();
    if all_extents.contains(&0) {
        return (output, output_shape);
    }
    let mut values = vec![0usize; all_axes.len()];
    loop {
        let mut product: Option<T> = None;
        for ((data, shape), pos) in operands.iter().zip(&operand_pos) {
            let mut offset = 0;
            for (&p, &n) in pos.iter().zip(shape.iter()) {
                // A broadcast axis of extent 1 is read at 0 whatever the global value.
                let v = if n == 1 { 0 } else { values[p] };
                offset = offset * n + v;
            }
            let x = data[offset];
            product = Some(match product {
                None => x,
                Some(p) => p * x,
            });
        }
        let mut out_offset = 0;
        for (&p, &n) in output_pos.iter().zip(&output_shape) {
            out_offset = out_offset * n + values[p];
        }
        if let Some(p) = product {
            output[out_offset] = output[out_offset] + p;
        }
        // Advance the odometer, last axis fastest.
        let mut k = values.len();
        loop {
            if k == 0 {
                return (output, output_shape);
            }
            k -= 1;
            values[k] += 1;
            if values[k] < all_extents[k] {
                break;
            }
            values[k] = 0;
        }
    }
}
