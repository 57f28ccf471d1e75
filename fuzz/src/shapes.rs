//! The property the `shapes` fuzz target checks: random shapes, drawn from extents that are huge,
//! zero and one, fed to a fixed set of generated `try_einsum!` calls over views whose data is
//! empty or tiny. Each call must return an error or agree exactly (in `i64`) with the
//! repository's reference evaluator (`tests/common/reference.rs`, compiled here from its file).
//!
//! Input: byte 0 picks the call ([`CALLS`]); then one byte per index letter of the call, in the
//! order of [`Call::letters`], picks that letter's extent from [`EXTENTS`] (its low 3 bits);
//! for the `...` call, one byte per operand gives its `...` rank (0..=2) and one byte per `...`
//! axis its extent; then up to two perturbation bytes: a byte with the high bit set gives axis
//! `(byte >> 3) % axes` of all the operands' (and the buffer's) axes, in order, the extent
//! `EXTENTS[byte & 7]`, so shapes that disagree are drawn too. Missing bytes read as 2 (extent 2).
//!
//! What each input must do:
//! - an operand whose element count overflows `usize` is refused by its constructor
//!   (`ShapeError::TooManyElements`), and one with more than [`MAX_ELEMENTS`] elements is refused
//!   with [`MAX_ELEMENTS`] elements of data; neither is run (nothing huge is ever allocated);
//! - a call whose shapes disagree (one letter, two extents; `...` axes that do not broadcast; a
//!   buffer of the wrong shape) returns an error;
//! - a call whose shapes agree and whose whole index space (every letter's and `...` axis'
//!   extent, 0 counted as 1) has at most [`MAX_WORK`] points returns exactly the reference's
//!   result (for `+=`, the buffer's old values plus it);
//! - a call whose shapes agree but whose result's element count overflows `usize` returns an
//!   error (it must do so before it loops or allocates).
//!
//! Excluded, on purpose: calls whose shapes agree, whose result fits, but whose index space is
//! larger than [`MAX_WORK`]. An empty view may have a huge extent on another axis
//! (`[2^40, 0]`), and a loop nest that runs over that axis before it reaches the empty one does
//! 2^40 empty iterations: correct, but not something a fuzzer can wait for. The unit tests in
//! `tests/element_count.rs` cover the errors such calls reach (an intermediate that overflows).

#[allow(dead_code)]
#[path = "../../tests/common/reference.rs"]
mod reference;

use einsum::{DynTensorRef, OversizedTensor, ShapeError, TensorMut, TensorRef, try_einsum};
use std::collections::BTreeMap;

/// The extents a byte picks from (its low 3 bits).
pub const EXTENTS: [usize; 8] = [0, 1, 2, 3, 1 << 20, 1 << 32, 1 << 40, usize::MAX / 2];

/// The most elements an operand or buffer is given; a larger one is only checked to be refused
/// by its constructor when given this many.
pub const MAX_ELEMENTS: usize = 4096;

/// The largest index space (product of all extents, 0 counted as 1) a call is run over.
pub const MAX_WORK: usize = 1 << 16;

/// How a call writes its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// `try_einsum!("…", …)`: an owned tensor (or a scalar).
    Owned,
    /// `try_einsum!(out = "…", …)`.
    Assign,
    /// `try_einsum!(out += "…", …)`.
    Accumulate,
}

/// One of the fixed calls: its subscripts (every `...` leads its term) and destination.
#[derive(Debug, Clone, Copy)]
pub struct Call {
    /// The subscripts, as written in the call.
    pub subscripts: &'static str,
    /// Where the result goes.
    pub destination: Destination,
}

/// The calls, in the order byte 0 picks them.
pub const CALLS: [Call; 10] = [
    owned("ij,jk->ik"),
    owned("bij,bjk->bik"),
    owned("ij,jk,kl->il"),
    owned("ij,jk,kl,lm->im"),
    owned("ii->i"),
    owned("ii->"),
    owned("i,j->ij"),
    owned("...ij,...jk->...ik"),
    Call {
        subscripts: "ij,jk->ik",
        destination: Destination::Assign,
    },
    Call {
        subscripts: "ij,j->i",
        destination: Destination::Accumulate,
    },
];

const fn owned(subscripts: &'static str) -> Call {
    Call {
        subscripts,
        destination: Destination::Owned,
    }
}

impl Call {
    fn terms(&self) -> (Vec<&'static str>, &'static str) {
        let (inputs, output) = self.subscripts.split_once("->").expect("explicit output");
        (inputs.split(',').collect(), output)
    }

    /// The distinct index letters, in order of first appearance.
    pub fn letters(&self) -> Vec<char> {
        let mut letters = Vec::new();
        for c in self.subscripts.chars().filter(char::is_ascii_alphabetic) {
            if !letters.contains(&c) {
                letters.push(c);
            }
        }
        letters
    }

    fn has_ellipsis(&self) -> bool {
        self.subscripts.contains("...")
    }
}

/// Decodes one fuzz input and checks the property; panics on a violation.
pub fn check(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let call = CALLS[usize::from(selector) % CALLS.len()];
    let mut bytes = rest.iter().copied().chain(std::iter::repeat(2));
    let letters: BTreeMap<char, usize> = call
        .letters()
        .into_iter()
        .map(|c| (c, EXTENTS[usize::from(bytes.next().unwrap() & 7)]))
        .collect();
    let (inputs, output) = call.terms();
    let mut shapes: Vec<Vec<usize>> = Vec::new();
    if call.has_ellipsis() {
        let ranks: Vec<usize> = inputs
            .iter()
            .map(|_| usize::from(bytes.next().unwrap() % 3))
            .collect();
        for (term, rank) in inputs.iter().zip(ranks) {
            let mut shape: Vec<usize> = (0..rank)
                .map(|_| EXTENTS[usize::from(bytes.next().unwrap() & 7)])
                .collect();
            shape.extend(term.trim_start_matches("...").chars().map(|c| letters[&c]));
            shapes.push(shape);
        }
    } else {
        for term in &inputs {
            shapes.push(term.chars().map(|c| letters[&c]).collect());
        }
    }
    if call.destination != Destination::Owned {
        shapes.push(output.chars().map(|c| letters[&c]).collect());
    }
    for _ in 0..2 {
        let byte = bytes.next().unwrap();
        let axes: usize = shapes.iter().map(Vec::len).sum();
        if byte & 0x80 == 0 || axes == 0 {
            continue;
        }
        let mut axis = usize::from(byte >> 3) % axes;
        for shape in &mut shapes {
            if axis < shape.len() {
                shape[axis] = EXTENTS[usize::from(byte & 7)];
                break;
            }
            axis -= shape.len();
        }
    }
    check_shapes(call, &shapes);
}

/// Checks `call` over operands (then, for `=` and `+=`, the buffer) of the given shapes; panics
/// on a violation.
pub fn check_shapes(call: Call, shapes: &[Vec<usize>]) {
    let mut data = Vec::new();
    for (operand, shape) in shapes.iter().enumerate() {
        match element_count(shape) {
            None => {
                let refused = DynTensorRef::new(&[] as &[i64], shape);
                assert!(
                    matches!(
                        refused,
                        Err(ShapeError::TooManyElements {
                            tensor: OversizedTensor::View,
                            ..
                        })
                    ),
                    "a view of shape {shape:?} was not refused: {refused:?}"
                );
                return;
            }
            Some(n) if n > MAX_ELEMENTS => {
                let tiny = vec![0i64; MAX_ELEMENTS];
                assert!(
                    DynTensorRef::new(&tiny, shape).is_err(),
                    "a view of shape {shape:?} over {MAX_ELEMENTS} elements was not refused"
                );
                return;
            }
            Some(n) => data.push(values(operand, n)),
        }
    }
    let operands: Vec<(&[i64], &[usize])> = data
        .iter()
        .zip(shapes)
        .map(|(d, s)| (d.as_slice(), s.as_slice()))
        .collect();
    let expected = expectation(call, shapes);
    if expected == Expected::Skip {
        return;
    }
    let (inputs, buffer) = match call.destination {
        Destination::Owned => (operands.as_slice(), None),
        _ => {
            let (buffer, inputs) = operands.split_last().unwrap();
            (inputs, Some(*buffer))
        }
    };
    let got = run(call, inputs, buffer);
    let context = format!("{} over shapes {shapes:?}", call.subscripts);
    match expected {
        Expected::Error => assert!(got.is_err(), "{context}: Ok({got:?}), expected an error"),
        Expected::Result => {
            let (got_data, got_shape) =
                got.unwrap_or_else(|e| panic!("{context}: {e}, expected a result"));
            let (mut want, want_shape) = reference::reference_einsum(call.subscripts, inputs);
            if let (Destination::Accumulate, Some((old, _))) = (call.destination, buffer) {
                want.iter_mut().zip(old).for_each(|(w, o)| *w += o);
            }
            assert_eq!(got_shape, want_shape, "{context}: shape");
            assert_eq!(got_data, want, "{context}: elements");
        }
        Expected::Skip => unreachable!(),
    }
}

/// Distinct small values, so that a misplaced element shows.
fn values(operand: usize, n: usize) -> Vec<i64> {
    (0..n)
        .map(|k| ((k * 7 + operand * 3) % 11) as i64 - 5)
        .collect()
}

/// The element count as the crate checks it: products from the last axis, so that every
/// row-major stride fits too (`[2^40, 2^40, 0]` is a legal empty shape, `[0, 2^40, 2^40]` is not).
fn element_count(shape: &[usize]) -> Option<usize> {
    shape
        .iter()
        .rev()
        .try_fold(1usize, |n, &e| n.checked_mul(e))
}

#[derive(Debug, PartialEq, Eq)]
enum Expected {
    Error,
    Result,
    Skip,
}

/// What `call` must do over operands (and buffer) of these shapes, from numpy's rules
/// (restricted, as the reference is, to equal extents for one letter).
fn expectation(call: Call, shapes: &[Vec<usize>]) -> Expected {
    let (inputs, output) = call.terms();
    let mut letters: BTreeMap<char, usize> = BTreeMap::new();
    let mut broadcast: Vec<usize> = Vec::new();
    for (term, shape) in inputs.iter().zip(shapes) {
        let named = term.trim_start_matches("...");
        let Some(rank) = shape.len().checked_sub(named.len()) else {
            return Expected::Error;
        };
        if rank > 0 && !term.starts_with("...") {
            return Expected::Error;
        }
        for (c, &extent) in named.chars().zip(&shape[rank..]) {
            if *letters.entry(c).or_insert(extent) != extent {
                return Expected::Error;
            }
        }
        // right-aligned; an extent of 1 stretches to the other
        let ellipsis = &shape[..rank];
        if ellipsis.len() > broadcast.len() {
            let pad = ellipsis.len() - broadcast.len();
            broadcast.splice(0..0, std::iter::repeat_n(1, pad));
        }
        let offset = broadcast.len() - ellipsis.len();
        for (b, &e) in broadcast[offset..].iter_mut().zip(ellipsis) {
            if *b == 1 {
                *b = e;
            } else if e != 1 && e != *b {
                return Expected::Error;
            }
        }
    }
    let out_shape: Vec<usize> = broadcast
        .iter()
        .copied()
        .chain(
            output
                .trim_start_matches("...")
                .chars()
                .map(|c| letters[&c]),
        )
        .collect();
    if call.destination != Destination::Owned && shapes.last() != Some(&out_shape) {
        return Expected::Error;
    }
    let work = letters
        .values()
        .chain(&broadcast)
        .try_fold(1usize, |n, &e| n.checked_mul(e.max(1)));
    match (work, element_count(&out_shape)) {
        (Some(work), _) if work <= MAX_WORK => Expected::Result,
        (_, None) => Expected::Error,
        _ => Expected::Skip,
    }
}

type Outcome = Result<(Vec<i64>, Vec<usize>), ShapeError>;

fn view<'a, const R: usize>((data, shape): (&'a [i64], &[usize])) -> TensorRef<'a, i64, R> {
    let shape: [usize; R] = shape.try_into().expect("operand rank");
    TensorRef::new(data, shape).expect("a view within MAX_ELEMENTS")
}

fn result<const R: usize>(result: Result<einsum::Tensor<i64, R>, ShapeError>) -> Outcome {
    result.map(|t| (t.as_slice().to_vec(), t.shape().to_vec()))
}

/// Runs the generated call `call` over `inputs` (and a copy of `buffer`).
fn run(call: Call, x: &[(&[i64], &[usize])], buffer: Option<(&[i64], &[usize])>) -> Outcome {
    match (call.subscripts, call.destination, buffer) {
        ("ij,jk->ik", Destination::Owned, _) => {
            result(try_einsum!("ij,jk->ik", view::<2>(x[0]), view::<2>(x[1])))
        }
        ("bij,bjk->bik", _, _) => result(try_einsum!(
            "bij,bjk->bik",
            view::<3>(x[0]),
            view::<3>(x[1])
        )),
        ("ij,jk,kl->il", _, _) => result(try_einsum!(
            "ij,jk,kl->il",
            view::<2>(x[0]),
            view::<2>(x[1]),
            view::<2>(x[2])
        )),
        ("ij,jk,kl,lm->im", _, _) => result(try_einsum!(
            "ij,jk,kl,lm->im",
            view::<2>(x[0]),
            view::<2>(x[1]),
            view::<2>(x[2]),
            view::<2>(x[3])
        )),
        ("ii->i", _, _) => result(try_einsum!("ii->i", view::<2>(x[0]))),
        ("ii->", _, _) => try_einsum!("ii->", view::<2>(x[0])).map(|s: i64| (vec![s], vec![])),
        ("i,j->ij", _, _) => result(try_einsum!("i,j->ij", view::<1>(x[0]), view::<1>(x[1]))),
        ("...ij,...jk->...ik", _, _) => {
            let a = DynTensorRef::new(x[0].0, x[0].1).expect("a view within MAX_ELEMENTS");
            let b = DynTensorRef::new(x[1].0, x[1].1).expect("a view within MAX_ELEMENTS");
            try_einsum!("...ij,...jk->...ik", a, b)
                .map(|t| (t.as_slice().to_vec(), t.shape().to_vec()))
        }
        ("ij,jk->ik", Destination::Assign, Some((old, shape))) => {
            let mut data = old.to_vec();
            let shape: [usize; 2] = shape.try_into().expect("buffer rank");
            let mut out = TensorMut::new(&mut data, shape).expect("a buffer within MAX_ELEMENTS");
            try_einsum!(out = "ij,jk->ik", view::<2>(x[0]), view::<2>(x[1]))?;
            Ok((data, shape.to_vec()))
        }
        ("ij,j->i", Destination::Accumulate, Some((old, shape))) => {
            let mut data = old.to_vec();
            let shape: [usize; 1] = shape.try_into().expect("buffer rank");
            let mut out = TensorMut::new(&mut data, shape).expect("a buffer within MAX_ELEMENTS");
            try_einsum!(out += "ij,j->i", view::<2>(x[0]), view::<1>(x[1]))?;
            Ok((data, shape.to_vec()))
        }
        _ => unreachable!("every call in CALLS has an arm"),
    }
}
