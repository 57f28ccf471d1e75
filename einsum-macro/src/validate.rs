//! Validate: every rule on parsed subscripts, checked in one place, all failures reported.
//!
//! The result is a [`Contraction`]: each operand's index letters and the output's, with
//! implicit mode resolved. Extents are unknown here; they are checked at run time.

use crate::diagnostic::Diagnostic;
use crate::parse::{Item, Subscripts, Term};

/// A checked einsum: the index letters of every input operand and of the output, and where
/// each term has its `...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contraction {
    pub inputs: Vec<Vec<char>>,
    pub output: Vec<char>,
    /// For each input, how many of its indices come before its `...`, if it has one.
    pub input_ellipses: Vec<Option<usize>>,
    /// The same for the output.
    pub output_ellipsis: Option<usize>,
}

/// Checks `subscripts` against the number of operands the call passes.
pub fn validate(
    subscripts: &Subscripts,
    operand_count: usize,
) -> Result<Contraction, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    check_operand_count(subscripts, operand_count, &mut errors);
    for term in &subscripts.inputs {
        check_term(term, &mut errors);
    }
    let inputs: Vec<Vec<char>> = subscripts.inputs.iter().map(letters).collect();
    let input_ellipses: Vec<Option<usize>> =
        subscripts.inputs.iter().map(ellipsis_position).collect();
    let any_input_ellipsis = input_ellipses.iter().any(Option::is_some);
    let (output, output_ellipsis) = match &subscripts.output {
        Some(term) => {
            check_term(term, &mut errors);
            check_output(term, &inputs, any_input_ellipsis, &mut errors);
            (letters(term), ellipsis_position(term))
        }
        // numpy puts the broadcast axes first in implicit mode
        None => (implicit_output(&inputs), any_input_ellipsis.then_some(0)),
    };
    if errors.is_empty() {
        Ok(Contraction {
            inputs,
            output,
            input_ellipses,
            output_ellipsis,
        })
    } else {
        Err(errors)
    }
}

fn letters(term: &Term) -> Vec<char> {
    term.items
        .iter()
        .filter_map(|item| match item {
            Item::Index(c, _) => Some(*c),
            Item::Ellipsis(_) => None,
        })
        .collect()
}

fn check_operand_count(
    subscripts: &Subscripts,
    operand_count: usize,
    errors: &mut Vec<Diagnostic>,
) {
    let terms = subscripts.inputs.len();
    if operand_count > terms {
        for position in terms..operand_count {
            errors.push(Diagnostic::operand(
                position,
                format!(
                    "operand {position} has no subscript term: the subscripts name {terms} \
                     operand{}; add a term before `->` or remove this operand",
                    plural(terms)
                ),
            ));
        }
    } else if operand_count < terms {
        let missing = &subscripts.inputs[operand_count];
        errors.push(Diagnostic::at(
            term_chars(
                missing,
                terms > operand_count + 1 || subscripts.output.is_some(),
            ),
            format!(
                "the subscripts name {terms} operand{} but the call passes {operand_count}: \
                 pass an operand for this term or remove it",
                plural(terms)
            ),
        ));
    }
}

/// The characters to underline for a whole term: from its first item to the end of its last;
/// for an empty term, the separator before it, or the one after it (`followed`: another term
/// comes next), or else its spaces (nothing, for an empty literal).
fn term_chars(term: &Term, followed: bool) -> core::ops::Range<usize> {
    let width = |item: &Item| match item {
        Item::Index(_, pos) => *pos..pos + 1,
        Item::Ellipsis(pos) => *pos..pos + 3,
    };
    match (term.items.first(), term.items.last()) {
        (Some(first), Some(last)) => width(first).start..width(last).end,
        _ if term.start > 0 => term.start - 1..term.start,
        _ if followed => term.end..term.end + 1,
        _ => term.start..term.end,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How many indices of `term` come before its `...`, if it has one.
fn ellipsis_position(term: &Term) -> Option<usize> {
    term.items
        .iter()
        .position(|item| matches!(item, Item::Ellipsis(_)))
}

fn check_term(term: &Term, errors: &mut Vec<Diagnostic>) {
    let ellipses = term.items.iter().filter_map(|item| match item {
        Item::Ellipsis(pos) => Some(*pos),
        Item::Index(..) => None,
    });
    for pos in ellipses.skip(1) {
        errors.push(Diagnostic::at(
            pos..pos + 3,
            "a second `...` in one term: an ellipsis stands for all the axes the letters leave, \
             so a term holds at most one",
        ));
    }
}

fn check_output(
    term: &Term,
    inputs: &[Vec<char>],
    any_input_ellipsis: bool,
    errors: &mut Vec<Diagnostic>,
) {
    let mut seen = Vec::new();
    for item in &term.items {
        let (c, pos) = match *item {
            Item::Index(c, pos) => (c, pos),
            Item::Ellipsis(pos) if !any_input_ellipsis => {
                errors.push(Diagnostic::at(
                    pos..pos + 3,
                    "`...` in the output but in no input: an output's `...` holds the axes the \
                     inputs' `...` stand for; add `...` to an input or remove it here",
                ));
                continue;
            }
            Item::Ellipsis(_) => continue,
        };
        if seen.contains(&c) {
            errors.push(Diagnostic::at(
                pos..pos + 1,
                format!(
                    "index `{c}` appears twice in the output: an output axis is named once; \
                     to take a diagonal, repeat the index in an input (`ii->i`)"
                ),
            ));
        }
        seen.push(c);
        if !inputs.iter().any(|input| input.contains(&c)) {
            errors.push(Diagnostic::at(
                pos..pos + 1,
                format!(
                    "output index `{c}` appears in no input: every output axis must come \
                     from an operand's axis"
                ),
            ));
        }
    }
}

/// numpy's implicit mode: the indices that appear exactly once, in ASCII order.
fn implicit_output(inputs: &[Vec<char>]) -> Vec<char> {
    let all: Vec<char> = inputs.iter().flatten().copied().collect();
    let mut once: Vec<char> = all
        .iter()
        .copied()
        .filter(|c| all.iter().filter(|&&d| d == *c).count() == 1)
        .collect();
    once.sort_unstable();
    once
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Target;
    use crate::parse::parse;

    fn check(text: &str, operands: usize) -> Result<Contraction, Vec<Diagnostic>> {
        validate(&parse(text).unwrap(), operands)
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn explicit_output_is_kept_in_its_order() {
        let c = check("ij,jk->ki", 2).unwrap();
        assert_eq!(c.inputs, [chars("ij"), chars("jk")]);
        assert_eq!(c.output, chars("ki"));
    }

    #[test]
    fn implicit_output_is_the_indices_seen_once_in_ascii_order() {
        assert_eq!(check("ij,jk", 2).unwrap().output, chars("ik"));
        assert_eq!(check("ba", 1).unwrap().output, chars("ab"));
        assert_eq!(check("ii", 1).unwrap().output, chars(""));
        assert_eq!(check("bA,b", 2).unwrap().output, chars("A"));
        assert_eq!(check("iij", 1).unwrap().output, chars("j"));
    }

    #[test]
    fn output_index_missing_from_inputs_points_at_it() {
        let errors = check("ij,jk->iz", 2).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].target, Target::Chars(8..9));
        assert!(errors[0].message.contains("`z` appears in no input"));
    }

    #[test]
    fn repeated_output_index_is_an_error() {
        let errors = check("ij->ii", 1).unwrap_err();
        assert_eq!(errors[0].target, Target::Chars(5..6));
    }

    #[test]
    fn extra_operands_point_at_each_extra_operand() {
        let errors = check("ij->i", 3).unwrap_err();
        let targets: Vec<_> = errors.iter().map(|e| e.target.clone()).collect();
        assert_eq!(targets, [Target::Operand(1), Target::Operand(2)]);
    }

    #[test]
    fn missing_operands_point_at_the_first_unmatched_term() {
        let errors = check("ij,jk,kl->il", 2).unwrap_err();
        assert_eq!(errors[0].target, Target::Chars(6..8));
        assert!(
            errors[0]
                .message
                .contains("name 3 operands but the call passes 2")
        );
    }

    #[test]
    fn ellipsis_positions_count_the_indices_before_it() {
        let c = check("...ij,j...,k->i...k", 3).unwrap();
        assert_eq!(c.inputs, [chars("ij"), chars("j"), chars("k")]);
        assert_eq!(c.input_ellipses, [Some(0), Some(1), None]);
        assert_eq!(c.output_ellipsis, Some(1));
        assert_eq!(c.output, chars("ik"));
    }

    #[test]
    fn implicit_output_puts_the_ellipsis_first() {
        let c = check("k...,jk", 2).unwrap();
        assert_eq!((c.output, c.output_ellipsis), (chars("j"), Some(0)));
        assert_eq!(check("ij,jk", 2).unwrap().output_ellipsis, None);
    }

    #[test]
    fn a_second_ellipsis_in_a_term_points_at_it() {
        let errors = check("...i...->i", 1).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].target, Target::Chars(4..7));
    }

    #[test]
    fn an_output_ellipsis_needs_an_input_ellipsis() {
        let errors = check("ij->...ij", 1).unwrap_err();
        assert_eq!(errors[0].target, Target::Chars(4..7));
        assert!(errors[0].message.contains("in no input"));
    }

    #[test]
    fn a_missing_operand_for_an_empty_term_points_at_its_separator() {
        // fuzzer finding 1: these pointed one character past the end of the literal
        let target = |text: &str, operands| check(text, operands).unwrap_err()[0].target.clone();
        assert_eq!(target("i,", 1), Target::Chars(1..2));
        assert_eq!(target("ij,jk,", 2), Target::Chars(5..6));
        assert_eq!(target(",i", 0), Target::Chars(0..1));
        assert_eq!(target("->i", 0), Target::Chars(0..1));
        assert_eq!(target("", 0), Target::Chars(0..0));
        // a term of several items is underlined from its first character to its last
        assert_eq!(target("ij, ...jk", 1), Target::Chars(4..9));
    }

    #[test]
    fn independent_errors_are_reported_together() {
        let errors = check("ij,->zz", 1).unwrap_err();
        // one term without an operand, `z` missing twice and repeated once
        assert_eq!(errors.len(), 4, "{errors:#?}");
    }
}
