//! The macro's arguments: an optional output buffer, the subscript literal and the operands.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{BinOp, Expr, ExprLit, Lit, LitStr, Token};

/// Where the result goes.
pub enum Destination {
    /// A new value: a `Tensor` or, for a scalar output, a plain number.
    Owned,
    /// The caller's buffer, assigned (`out = "..."`) or accumulated into (`out += "..."`).
    Buffer { buffer: Expr, accumulate: bool },
}

impl Destination {
    /// Where the result goes, as the plan sees it.
    pub fn kind(&self) -> crate::plan::Destination {
        match self {
            Destination::Owned => crate::plan::Destination::Owned,
            Destination::Buffer {
                accumulate: false, ..
            } => crate::plan::Destination::Assign,
            Destination::Buffer {
                accumulate: true, ..
            } => crate::plan::Destination::Add,
        }
    }
}

/// One macro call: `einsum!([out = | out +=] "subscripts", operand, ...)`.
pub struct Call {
    pub destination: Destination,
    pub subscripts: LitStr,
    pub operands: Vec<Expr>,
}

impl Parse for Call {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let first: Expr = input.parse()?;
        let (destination, subscripts) = match first {
            Expr::Lit(_) | Expr::Group(_) => (Destination::Owned, subscript_literal(first)?),
            Expr::Assign(assign) => (
                Destination::Buffer {
                    buffer: *assign.left,
                    accumulate: false,
                },
                subscript_literal(*assign.right)?,
            ),
            Expr::Binary(binary) if matches!(binary.op, BinOp::AddAssign(_)) => (
                Destination::Buffer {
                    buffer: *binary.left,
                    accumulate: true,
                },
                subscript_literal(*binary.right)?,
            ),
            other => return Err(syn::Error::new_spanned(other, USAGE)),
        };
        let operands = if input.is_empty() {
            Vec::new()
        } else {
            input.parse::<Token![,]>()?;
            Punctuated::<Expr, Token![,]>::parse_terminated(input)?
                .into_iter()
                .collect()
        };
        Ok(Call {
            destination,
            subscripts,
            operands,
        })
    }
}

const USAGE: &str = "expected einsum subscripts as a string literal: \
    `einsum!(\"ij,jk->ik\", a, b)`, `einsum!(out = \"ij,jk->ik\", a, b)` \
    or `einsum!(out += \"ij,jk->ik\", a, b)`";

fn subscript_literal(expr: Expr) -> syn::Result<LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Ok(s),
        // a `$s:literal` or `$s:expr` fragment from a caller's macro_rules! arrives grouped
        Expr::Group(group) => subscript_literal(*group.expr),
        other => Err(syn::Error::new_spanned(other, USAGE)),
    }
}
