//! Errors as plain data: what is wrong and where, before any span or token exists.

use core::ops::Range;

/// What a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Characters of the subscript literal (positions count `char`s of its value).
    Chars(Range<usize>),
    /// The operand expression at this position.
    Operand(usize),
}

/// A compile error: a message that says what to write instead, and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub target: Target,
    pub message: String,
}

impl Diagnostic {
    pub fn at(chars: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            target: Target::Chars(chars),
            message: message.into(),
        }
    }

    pub fn operand(position: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            target: Target::Operand(position),
            message: message.into(),
        }
    }
}

/// Turns diagnostics into one compile error (several combined), each at its target's span.
pub fn to_compile_error(
    diagnostics: Vec<Diagnostic>,
    literal: &syn::LitStr,
    operands: &[syn::Expr],
) -> syn::Error {
    let errors = diagnostics.into_iter().map(|d| match d.target {
        Target::Chars(chars) => char_error(literal, chars, &d.message),
        Target::Operand(k) => syn::Error::new_spanned(&operands[k], d.message),
    });
    errors
        .reduce(|mut all, e| {
            all.combine(e);
            all
        })
        .expect("a failed stage reports at least one diagnostic")
}

/// An error at characters of the literal: at exactly those characters where the compiler can
/// point inside a literal, otherwise at the literal with the characters underlined in the text.
fn char_error(literal: &syn::LitStr, chars: Range<usize>, message: &str) -> syn::Error {
    let value = literal.value();
    if let Some(span) = subspan(literal, &value, chars.clone()) {
        return syn::Error::new(span, message);
    }
    let before: String = value.chars().take(chars.start).collect();
    let width = chars.len().max(1);
    let marker = format!(
        "{}{}",
        " ".repeat(before.chars().count()),
        "^".repeat(width)
    );
    syn::Error::new(
        literal.span(),
        format!("{message}\n  \"{value}\"\n   {marker}"),
    )
}

/// The span of characters `chars` of the literal's value, when its source text holds the value
/// verbatim (no escapes) and the compiler supports spans inside literals.
fn subspan(literal: &syn::LitStr, value: &str, chars: Range<usize>) -> Option<proc_macro2::Span> {
    let source = literal.token().to_string();
    let opening = source.find('"')? + 1;
    if !source[opening..].starts_with(value) {
        return None;
    }
    let byte = |c: usize| value.char_indices().nth(c).map_or(value.len(), |(b, _)| b) + opening;
    literal.token().subspan(byte(chars.start)..byte(chars.end))
}
