//! The property the fuzz target checks on the einsum! front end: arbitrary bytes as the
//! subscript literal of an `einsum!` call with an arbitrary number of operands, through the
//! macro's own parse → validate → plan → emit, and the error path that turns diagnostics into a
//! compile error.
//!
//! The macro is a proc-macro crate and cannot export these modules, so this crate compiles the
//! very same source files with `#[path]`: they depend only on syn, quote, proc-macro2 and
//! prettyplease, which work outside a compiler (proc-macro2's fallback), so nothing is copied or
//! changed. Only the macro's `lib.rs` (the `#[proc_macro]` entry points) is left out;
//! [`check_call`] chains the stages as its `compile` and `expand` do.
//!
//! Input: byte 0 is the operand count (0..=255), byte 1 picks the destination (owned, `out =`,
//! `out +=`), the rest is the subscript string (invalid UTF-8 becomes U+FFFD, a multi-byte
//! character, which keeps char and byte positions apart).
//!
//! Properties: no panic, no hang (the fuzzer runs with `-timeout`); every diagnostic points inside
//! the literal or at an operand that exists; a successful parse, validation and plan satisfy the
//! invariants checked in `check_*` below; the emitted code parses as a Rust expression.

pub mod readers;
pub mod shapes;

#[path = "../../einsum-macro/src/diagnostic.rs"]
mod diagnostic;
#[path = "../../einsum-macro/src/emit/mod.rs"]
mod emit;
#[path = "../../einsum-macro/src/explain.rs"]
mod explain;
#[path = "../../einsum-macro/src/input.rs"]
mod input;
#[path = "../../einsum-macro/src/parse.rs"]
mod parse;
#[path = "../../einsum-macro/src/plan.rs"]
mod plan;
#[path = "../../einsum-macro/src/tier.rs"]
mod tier;
#[path = "../../einsum-macro/src/validate.rs"]
mod validate;

use diagnostic::{Diagnostic, Target};
use plan::{Layout, Order, TensorId};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// Decodes one fuzz input and checks every property; panics on a violation.
pub fn check(data: &[u8]) {
    let [operand_count, destination, text @ ..] = data else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    check_call(&text, usize::from(*operand_count), *destination % 3);
}

/// Checks `einsum!("<text>", x0, .., x{operand_count - 1})` (`destination` 1 is `out = `, 2 is
/// `out += `, anything else an owned result); panics on a violation.
pub fn check_call(text: &str, operand_count: usize, destination: u8) {
    let call = call(text, operand_count, destination);
    assert_eq!(call.subscripts.value(), text, "the literal round-trips");
    assert_eq!(call.operands.len(), operand_count);
    let length = text.chars().count();

    let subscripts = match parse::parse(text) {
        Ok(subscripts) => subscripts,
        Err(errors) => return check_errors(&errors, &call, length),
    };
    check_parsed(&subscripts, text);
    let contraction = match validate::validate(&subscripts, operand_count) {
        Ok(contraction) => contraction,
        Err(errors) => return check_errors(&errors, &call, length),
    };
    check_contraction(&contraction, &subscripts, operand_count);
    let plan = plan::plan(&contraction, call.destination.kind());
    check_layout(&plan.layout, &contraction);
    assert!(!plan.orders.is_empty(), "at least one contraction order");
    for order in &plan.orders {
        check_order(&plan.layout, order);
    }

    let code = emit::emit(&plan, &call, emit::Failure::Return);
    if let Err(error) = syn::parse2::<syn::Expr>(code.clone()) {
        panic!("emitted code does not parse: {error}\n{code}");
    }
    // `explain!` prints the plan and pretty-prints the code; it must not panic either
    explain::explain(&plan, &call);
}

/// The call `einsum!([out = | out +=] "<text>", x0, x1, ...)` as the macro receives it.
fn call(text: &str, operand_count: usize, destination: u8) -> input::Call {
    let literal = Literal::string(text);
    let operands = (0..operand_count).map(|k| format_ident!("x{k}"));
    let head = match destination {
        0 => quote!(#literal),
        1 => quote!(out = #literal),
        _ => quote!(out += #literal),
    };
    let tokens: TokenStream = quote!(#head #(, #operands)*);
    syn::parse2(tokens).expect("a literal and identifiers form a valid call")
}

/// Every diagnostic targets characters of the literal or an operand of the call, and the error
/// path that builds the compile error does not panic.
fn check_errors(errors: &[Diagnostic], call: &input::Call, length: usize) {
    assert!(!errors.is_empty(), "a failed stage reports a diagnostic");
    for error in errors {
        assert!(!error.message.is_empty());
        match &error.target {
            Target::Chars(range) => {
                assert!(
                    range.start <= range.end && range.end <= length,
                    "{range:?} is outside the literal of {length} characters: {error:?}"
                );
                assert!(
                    length == 0 || range.start < range.end,
                    "{range:?} is empty: {error:?}"
                );
            }
            Target::Operand(k) => assert!(
                *k < call.operands.len(),
                "operand {k} of {}: {error:?}",
                call.operands.len()
            ),
        }
    }
    diagnostic::to_compile_error(errors.to_vec(), &call.subscripts, &call.operands);
}

/// Every parsed item sits at the characters it names; terms start inside the literal.
fn check_parsed(subscripts: &parse::Subscripts, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    assert!(
        !subscripts.inputs.is_empty(),
        "there is always one input term"
    );
    for term in subscripts.inputs.iter().chain(&subscripts.output) {
        assert!(term.start <= chars.len());
        for item in &term.items {
            match *item {
                parse::Item::Index(c, pos) => {
                    assert!(c.is_ascii_alphabetic());
                    assert_eq!(chars.get(pos), Some(&c));
                    assert!(pos >= term.start);
                }
                parse::Item::Ellipsis(pos) => {
                    assert!(pos >= term.start);
                    assert_eq!(chars.get(pos..pos + 3), Some(&['.', '.', '.'][..]));
                }
            }
        }
    }
}

/// One letter list per operand; the output names each index once, all from the inputs; implicit
/// mode is numpy's (the indices seen once, in ASCII order).
fn check_contraction(
    contraction: &validate::Contraction,
    subscripts: &parse::Subscripts,
    operand_count: usize,
) {
    assert_eq!(contraction.inputs.len(), operand_count);
    let all: Vec<char> = contraction.inputs.iter().flatten().copied().collect();
    for (k, &c) in contraction.output.iter().enumerate() {
        assert!(all.contains(&c), "output index {c:?} is in no input");
        assert!(
            !contraction.output[..k].contains(&c),
            "output repeats {c:?}"
        );
    }
    if subscripts.output.is_none() {
        let mut once: Vec<char> = all
            .iter()
            .copied()
            .filter(|c| all.iter().filter(|d| *d == c).count() == 1)
            .collect();
        once.sort_unstable();
        assert_eq!(contraction.output, once, "implicit output");
    }
}

/// The layout's invariants, which the emitted code relies on for its unchecked reads.
fn check_layout(layout: &Layout, contraction: &validate::Contraction) {
    // letters and extent sources
    for (id, &c) in layout.letters.iter().enumerate() {
        assert!(
            !layout.letters[..id].contains(&c),
            "letter {c:?} listed twice"
        );
    }
    assert_eq!(layout.extent_source.len(), layout.letters.len());
    for (id, &(k, axis)) in layout.extent_source.iter().enumerate() {
        assert_eq!(layout.inputs[k].get(axis), Some(&id), "extent source of {id}");
        let first = layout
            .inputs
            .iter()
            .enumerate()
            .flat_map(|(j, axes)| axes.iter().enumerate().map(move |(a, &x)| (j, a, x)))
            .find(|&(_, _, x)| x == id)
            .map(|(j, a, _)| (j, a));
        assert_eq!(
            first,
            Some((k, axis)),
            "extent source of {id} is its first axis"
        );
    }
    // the inputs and the output are the contraction's letters
    let spelled = |axes: &[usize]| -> Vec<char> { axes.iter().map(|&i| layout.letters[i]).collect() };
    assert_eq!(layout.inputs.len(), contraction.inputs.len());
    for (axes, letters) in layout.inputs.iter().zip(&contraction.inputs) {
        assert_eq!(&spelled(axes), letters);
    }
    assert_eq!(spelled(&layout.output), contraction.output);
    // one way to hold each operand: a term with `...` viewed row-major at its run-time rank,
    // and in a `...` call nothing bound where a step reads it (that would be once per position)
    assert_eq!(layout.operand_reads.len(), layout.inputs.len());
    if let Some(ellipses) = &layout.ellipses {
        for (k, &read) in layout.operand_reads.iter().enumerate() {
            assert!(
                read != plan::OperandRead::SourceRowsWhereUsed,
                "a `...` call binds operand {k} where a step reads it"
            );
            if ellipses.inputs[k].is_some() {
                assert_eq!(read, plan::OperandRead::View, "a `...` term held as a Source");
            }
        }
    }
}

/// An order's invariants, which the emitted code relies on for its unchecked reads.
fn check_order(layout: &Layout, order: &Order) {
    // the walk over the `...` positions runs around whole steps, never inside a tile
    assert!(
        layout.ellipses.is_none() || order.tile.is_none(),
        "a `...` call tiled"
    );
    // steps: each input read once, each intermediate written once before it is read once, the
    // last step writes the output
    assert!(!order.steps.is_empty());
    let mut inputs_read = vec![0; layout.inputs.len()];
    let mut written = vec![false; order.intermediates.len()];
    let mut read = vec![false; order.intermediates.len()];
    for (s, step) in order.steps.iter().enumerate() {
        let last = s + 1 == order.steps.len();
        assert_eq!(step.result == TensorId::Output, last, "step {s} result");
        for &factor in &step.factors {
            match factor {
                TensorId::Input(k) => inputs_read[k] += 1,
                TensorId::Intermediate(i) => {
                    assert!(written[i] && !read[i], "intermediate {i} read out of turn");
                    read[i] = true;
                }
                TensorId::Output => panic!("step {s} reads the output"),
            }
        }
        if let TensorId::Intermediate(i) = step.result {
            assert!(!written[i], "intermediate {i} written twice");
            written[i] = true;
        }
        check_step(layout, order, step);
    }
    assert!(
        inputs_read.iter().all(|&n| n == 1),
        "inputs read {inputs_read:?}"
    );
    assert!(read.iter().all(|&r| r), "an intermediate is never read");
}

/// One nest: one loop per index of its factors and result, the result's axes unsummed, each
/// factor read at the depth of its innermost axis, the write at the result's innermost axis.
fn check_step(layout: &Layout, order: &Order, step: &plan::Step) {
    let result_axes = order.axes(layout, step.result);
    let loop_order: Vec<usize> = step.loops.iter().map(|l| l.index).collect();
    let depth = |a: usize| loop_order.iter().position(|&x| x == a);
    for (d, l) in step.loops.iter().enumerate() {
        assert!(
            !loop_order[..d].contains(&l.index),
            "index {} loops twice",
            l.index
        );
        assert_eq!(l.summed, !result_axes.contains(&l.index));
        let used = result_axes.contains(&l.index)
            || step
                .factors
                .iter()
                .any(|&f| order.axes(layout, f).contains(&l.index));
        assert!(used, "loop over index {} that nothing names", l.index);
    }
    for &a in result_axes {
        // a result axis must come from a factor, or its elements would be left unwritten
        assert!(
            step.factors.iter().any(|&f| order.axes(layout, f).contains(&a)),
            "result axis {a} comes from no factor"
        );
    }
    assert_eq!(step.factor_depth.len(), step.factors.len());
    for (&factor, &want) in step.factors.iter().zip(&step.factor_depth) {
        let got = order
            .axes(layout, factor)
            .iter()
            .map(|&a| depth(a).expect("a loop per axis"))
            .max();
        assert_eq!(got, want, "factor depth of {factor:?}");
    }
    let write = result_axes
        .iter()
        .map(|&a| depth(a).expect("a loop per axis"))
        .max();
    assert_eq!(step.write_depth, write);
    let accumulates = write.is_some_and(|w| step.loops[..w].iter().any(|l| l.summed));
    assert_eq!(step.accumulates, accumulates);
    // the loops inside the write sum in locals (the outermost from zero), those around it not;
    // only loops around the write hoist
    let first_local = write.map_or(0, |w| w + 1);
    for (d, l) in step.loops.iter().enumerate() {
        let start = match d.cmp(&first_local) {
            core::cmp::Ordering::Less => None,
            core::cmp::Ordering::Equal => Some(plan::SumStart::Zero),
            core::cmp::Ordering::Greater => Some(plan::SumStart::Neutral),
        };
        assert_eq!(l.accumulator, start, "accumulator of loop {d}");
        assert!(!l.hoists || write.is_some_and(|w| d < w), "loop {d} hoists");
    }
    let adds = step.accumulates || step.adds_to_result;
    assert_eq!(step.write == plan::Write::Add, adds, "how {step:?} writes");
}
