//! Parse: the subscript string → terms, each item carrying its character position.
//!
//! This stage knows only the grammar (letters, `,`, `->`, `...`, spaces). Rules that need the
//! whole string, such as "every output index appears in an input", belong to `validate`.

use crate::diagnostic::Diagnostic;

/// One element of a term: an index letter or an ellipsis, at a character range of the literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An index letter at a character position.
    Index(char, usize),
    /// `...` starting at a character position.
    Ellipsis(usize),
}

/// The items of one operand's (or the output's) subscripts, and where the term starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Term {
    pub items: Vec<Item>,
    /// Character position of the term's first character (for errors about the whole term).
    pub start: usize,
    /// Character position just past the term: of the `,` or `->` that ends it, or the length.
    pub end: usize,
}

/// A parsed subscript string: the input terms and the explicit output term, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscripts {
    pub inputs: Vec<Term>,
    /// `None` in implicit mode (no `->`).
    pub output: Option<Term>,
}

/// Parses `text`, reporting every grammar error rather than stopping at the first.
pub fn parse(text: &str) -> Result<Subscripts, Vec<Diagnostic>> {
    let chars: Vec<char> = text.chars().collect();
    let mut errors = Vec::new();
    let mut inputs = Vec::new();
    let mut output: Option<Term> = None;
    let mut current = Term::default();
    let mut pos = 0;
    while pos < chars.len() {
        let c = chars[pos];
        match c {
            'a'..='z' | 'A'..='Z' => current.items.push(Item::Index(c, pos)),
            ' ' => {}
            ',' if output.is_some() => errors.push(Diagnostic::at(
                pos..pos + 1,
                "`,` after `->`: the output is a single term; list every operand before the arrow",
            )),
            ',' => {
                current.end = pos;
                inputs.push(core::mem::take(&mut current));
                current.start = pos + 1;
            }
            '-' if chars.get(pos + 1) == Some(&'>') => {
                if output.is_some() {
                    errors.push(Diagnostic::at(
                        pos..pos + 2,
                        "a second `->`: the subscripts take exactly one arrow, before the output",
                    ));
                } else {
                    current.end = pos;
                    inputs.push(core::mem::take(&mut current));
                    current.start = pos + 2;
                    output = Some(Term::default());
                }
                pos += 2;
                continue;
            }
            '-' => errors.push(Diagnostic::at(
                pos..pos + 1,
                "`-` without `>`: the output arrow is written `->`",
            )),
            '>' => errors.push(Diagnostic::at(
                pos..pos + 1,
                "`>` without `-`: the output arrow is written `->`",
            )),
            '.' if chars[pos..].starts_with(&['.', '.', '.']) => {
                current.items.push(Item::Ellipsis(pos));
                pos += 3;
                continue;
            }
            '.' => {
                let run = chars[pos..].iter().take_while(|&&c| c == '.').count();
                errors.push(Diagnostic::at(
                    pos..pos + run,
                    "an ellipsis is exactly three dots: `...`",
                ));
                pos += run;
                continue;
            }
            _ => errors.push(Diagnostic::at(
                pos..pos + 1,
                format!(
                    "invalid character {c:?} in einsum subscripts: use letters a-z and A-Z, \
                     `,` between operands, `->` before the output and `...` for broadcast axes"
                ),
            )),
        }
        pos += 1;
    }
    current.end = chars.len();
    match output {
        Some(_) => output = Some(current),
        None => inputs.push(current),
    }
    if errors.is_empty() {
        Ok(Subscripts { inputs, output })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Target;

    fn letters(term: &Term) -> String {
        term.items
            .iter()
            .map(|item| match item {
                Item::Index(c, _) => c.to_string(),
                Item::Ellipsis(_) => "...".to_string(),
            })
            .collect()
    }

    #[test]
    fn explicit_output_splits_terms_and_keeps_positions() {
        let s = parse("ni,ij,nj->n").unwrap();
        let terms: Vec<String> = s.inputs.iter().map(letters).collect();
        assert_eq!(terms, ["ni", "ij", "nj"]);
        assert_eq!(letters(s.output.as_ref().unwrap()), "n");
        assert_eq!(s.inputs[1].items[0], Item::Index('i', 3));
        assert_eq!(s.output.unwrap().items[0], Item::Index('n', 10));
    }

    #[test]
    fn implicit_mode_has_no_output_term() {
        let s = parse("ij,jk").unwrap();
        assert_eq!(s.inputs.len(), 2);
        assert!(s.output.is_none());
    }

    #[test]
    fn spaces_are_ignored_and_ellipsis_is_one_item() {
        let s = parse(" ...ij , ...jk -> ...ik").unwrap();
        assert_eq!(letters(&s.inputs[0]), "...ij");
        assert_eq!(s.inputs[0].items[0], Item::Ellipsis(1));
        assert_eq!(letters(s.output.as_ref().unwrap()), "...ik");
    }

    #[test]
    fn terms_know_where_they_end() {
        let s = parse("ij,,k->i").unwrap();
        let ranges: Vec<_> = s.inputs.iter().map(|t| t.start..t.end).collect();
        assert_eq!(ranges, [0..2, 3..3, 4..5]);
        let output = s.output.unwrap();
        assert_eq!(output.start..output.end, 7..8);
    }

    #[test]
    fn scalar_output_is_an_empty_term() {
        let s = parse("i,i->").unwrap();
        assert!(s.output.unwrap().items.is_empty());
    }

    #[test]
    fn every_bad_character_is_reported_with_its_position() {
        let errors = parse("i!,j1->ij").unwrap_err();
        let spans: Vec<_> = errors.iter().map(|e| e.target.clone()).collect();
        assert_eq!(spans, [Target::Chars(1..2), Target::Chars(4..5)]);
        assert!(errors[0].message.contains("invalid character '!'"));
    }

    #[test]
    fn malformed_arrows_and_dots_are_errors() {
        assert!(
            parse("ij-jk").unwrap_err()[0]
                .message
                .contains("`-` without `>`")
        );
        assert!(
            parse("ij>jk").unwrap_err()[0]
                .message
                .contains("`>` without `-`")
        );
        assert!(
            parse("ij->j->i").unwrap_err()[0]
                .message
                .contains("second `->`")
        );
        assert_eq!(parse("i..j").unwrap_err()[0].target, Target::Chars(1..3));
        assert!(
            parse("i,j->i,j").unwrap_err()[0]
                .message
                .contains("single term")
        );
    }

    #[test]
    fn non_ascii_letters_are_invalid() {
        let errors = parse("iλ->i").unwrap_err();
        assert_eq!(errors[0].target, Target::Chars(1..2));
    }
}
