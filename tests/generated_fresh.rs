//! `tests/generated.rs`, `tests/generated_ellipsis.rs` and `tests/generated_ellipsis_gemm.rs`
//! are exactly what the generator in
//! `tests/gen/generator.rs` writes, every generated case is one the reference evaluator accepts
//! with the shape the generator expects, and the cases cover what they claim to cover.
//!
//! After changing the generator: `EINSUM_REGENERATE=1 cargo test -p einsum --test generated_fresh`.

mod common;
#[path = "gen/generator.rs"]
mod generator;

use std::path::Path;

use generator::{Buffer, Case, Form};

/// Compares `path` with `text`, or writes it when `EINSUM_REGENERATE` is set.
fn fresh(path: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("EINSUM_REGENERATE").is_some() {
        std::fs::write(&path, text).expect("write the generated file");
        return;
    }
    let committed = std::fs::read_to_string(&path).expect("read the generated file");
    assert!(
        committed == text,
        "{} is stale: run `EINSUM_REGENERATE=1 cargo test -p einsum --test generated_fresh`",
        path.display()
    );
}

#[test]
fn generated_files_are_what_the_generator_writes() {
    let cases = generator::cases(generator::SEED, generator::CASES);
    fresh(
        "tests/generated.rs",
        &generator::render(generator::SEED, &cases),
    );
    let ellipsis = generator::ellipsis_cases(generator::ELLIPSIS_SEED, generator::ELLIPSIS_CASES);
    fresh(
        "tests/generated_ellipsis.rs",
        &generator::render_ellipsis(generator::ELLIPSIS_SEED, &ellipsis),
    );
    let products = generator::ellipsis_gemm_cases(
        generator::ELLIPSIS_GEMM_SEED,
        generator::ELLIPSIS_GEMM_CASES,
    );
    fresh(
        "tests/generated_ellipsis_gemm.rs",
        &generator::render_ellipsis_gemm(generator::ELLIPSIS_GEMM_SEED, &products),
    );
}

/// The reference evaluator panics on a call numpy would reject; it must accept every case and
/// agree with the generator on the result's shape (which sizes the output buffers).
fn assert_valid(cases: &[Case]) {
    for case in cases {
        let data: Vec<Vec<i64>> = case
            .operands
            .iter()
            .map(|o| vec![1; o.shape.iter().product()])
            .collect();
        let operands: Vec<(&[i64], &[usize])> = data
            .iter()
            .zip(&case.operands)
            .map(|(d, o)| (&d[..], &o.shape[..]))
            .collect();
        let (_, shape) = common::reference_einsum(&case.subscripts, &operands);
        assert_eq!(shape, case.output_shape, "{case:?}");
    }
}

#[test]
fn every_case_is_valid_numpy() {
    assert_valid(&generator::ellipsis_gemm_cases(
        generator::ELLIPSIS_GEMM_SEED,
        generator::ELLIPSIS_GEMM_CASES,
    ));
    assert_valid(&generator::cases(generator::SEED, generator::CASES));
    assert_valid(&generator::ellipsis_cases(
        generator::ELLIPSIS_SEED,
        generator::ELLIPSIS_CASES,
    ));
}

/// How many cases satisfy `property`.
fn count(cases: &[Case], property: impl Fn(&Case) -> bool) -> usize {
    cases.iter().filter(|c| property(c)).count()
}

fn has_diagonal(term: &str) -> bool {
    let letters: Vec<char> = term.chars().filter(char::is_ascii_alphabetic).collect();
    (1..letters.len()).any(|k| letters[..k].contains(&letters[k]))
}

fn distinct_letters(case: &Case) -> usize {
    let mut letters: Vec<char> = case
        .subscripts
        .split("->")
        .next()
        .unwrap()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    letters.sort_unstable();
    letters.dedup();
    letters.len()
}

#[test]
fn cases_cover_every_feature() {
    let cases = generator::cases(generator::SEED, generator::CASES);
    assert!(cases.len() >= 300);
    let at_least = |what: &str, n: usize, want: usize| {
        println!("{n:4} cases with {what}");
        assert!(n >= want, "only {n} cases with {what}, want {want}");
    };
    for operands in 1..=4 {
        at_least(
            &format!("{operands} operands"),
            count(&cases, |c| c.operands.len() == operands),
            40,
        );
    }
    at_least(
        "6 distinct indices",
        count(&cases, |c| distinct_letters(c) == 6),
        10,
    );
    assert!(cases.iter().all(|c| distinct_letters(c) <= 6));
    at_least(
        "a repeated index in one operand",
        count(&cases, |c| c.operands.iter().any(|o| has_diagonal(&o.term))),
        60,
    );
    at_least(
        "implicit mode",
        count(&cases, |c| !c.subscripts.contains("->")),
        50,
    );
    at_least(
        "a scalar operand",
        count(&cases, |c| c.operands.iter().any(|o| o.shape.is_empty())),
        30,
    );
    at_least(
        "a scalar output",
        count(&cases, |c| c.output_shape.is_empty()),
        30,
    );
    at_least(
        "an extent of 0",
        count(&cases, |c| c.operands.iter().any(|o| o.shape.contains(&0))),
        15,
    );
    at_least(
        "an extent of 1",
        count(&cases, |c| c.operands.iter().any(|o| o.shape.contains(&1))),
        60,
    );
    for form in Form::ALL {
        at_least(
            &format!("a {form:?} operand"),
            count(&cases, |c| c.operands.iter().any(|o| o.form == form)),
            20,
        );
    }
    for buffer in [
        Buffer::Scalar,
        Buffer::Tensor,
        Buffer::TensorMut,
        Buffer::Array,
    ] {
        for accumulate in [false, true] {
            at_least(
                &format!("a {buffer:?} buffer (accumulate {accumulate})"),
                count(&cases, |c| c.buffer == (buffer, accumulate)),
                10,
            );
        }
    }

    let ellipsis = generator::ellipsis_cases(generator::ELLIPSIS_SEED, generator::ELLIPSIS_CASES);
    at_least(
        "an ellipsis of 2 axes",
        count(&ellipsis, |c| {
            c.operands
                .iter()
                .any(|o| o.term.contains("...") && o.shape.len() == o.term.len() - 3 + 2)
        }),
        10,
    );
    at_least(
        "a broadcast extent of 1",
        count(&ellipsis, |c| {
            let out = c.output_shape.len();
            c.operands.iter().any(|o| o.shape.contains(&1)) && out > 0
        }),
        20,
    );
    at_least(
        "implicit mode with `...`",
        count(&ellipsis, |c| !c.subscripts.contains("->")),
        15,
    );
    at_least(
        "an array operand with `...`",
        count(&ellipsis, |c| {
            c.operands.iter().any(|o| o.form == Form::Array)
        }),
        15,
    );

    // the products with `...`: every shape, past the GEMM tier's thresholds and below them,
    // `...` that stretches, `=` and `+=`
    let products = generator::ellipsis_gemm_cases(
        generator::ELLIPSIS_GEMM_SEED,
        generator::ELLIPSIS_GEMM_CASES,
    );
    for [left, right, output] in generator::ELLIPSIS_PRODUCTS {
        let subscripts = format!("{left},{right}->{output}");
        at_least(
            &subscripts,
            count(&products, |c| c.subscripts == subscripts),
            2,
        );
    }
    // an operand's shape split into its named extents and its `...` extents
    let split = |o: &generator::Operand| -> (Vec<usize>, Option<Vec<usize>>) {
        let (before, after) = o.term.split_once("...").unwrap_or((&o.term, ""));
        let ellipsis = o.shape.len() - before.len() - after.len();
        let mut named = o.shape[..before.len()].to_vec();
        named.extend(&o.shape[before.len() + ellipsis..]);
        let dots = o.term.contains("...");
        (
            named,
            dots.then(|| o.shape[before.len()..before.len() + ellipsis].to_vec()),
        )
    };
    let named_extents =
        |c: &Case| -> Vec<usize> { c.operands.iter().flat_map(|o| split(o).0).collect() };
    at_least(
        "every named extent at least 8 (the GEMM)",
        count(&products, |c| named_extents(c).iter().all(|&e| e >= 8)),
        4,
    );
    at_least(
        "a named extent of 7 or 1 (the loops, or a small GEMM)",
        count(&products, |c| named_extents(c).iter().any(|&e| e < 8)),
        4,
    );
    at_least(
        "two operands' `...` of different extents or ranks (one stretches)",
        count(&products, |c| {
            let dots: Vec<Vec<usize>> = c.operands.iter().filter_map(|o| split(o).1).collect();
            dots.windows(2).any(|pair| pair[0] != pair[1])
        }),
        3,
    );
    for accumulate in [false, true] {
        at_least(
            &format!("a product into a buffer (accumulate {accumulate})"),
            count(&products, |c| c.buffer.1 == accumulate),
            5,
        );
    }
}
