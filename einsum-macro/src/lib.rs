//! The procedural macros behind the [`einsum`](https://docs.rs/einsum) crate; use them through
//! that crate, which holds the types the generated code needs.
//!
//! Each call goes through four stages, one module each: `parse` (the subscript literal →
//! terms with character positions), `validate` (every rule, every error), `plan` (plain data:
//! contraction order, loop order, accumulators) and `emit` (plan → tokens).

mod diagnostic;
mod emit;
mod explain;
mod input;
mod parse;
mod plan;
mod tier;
mod validate;

use proc_macro::TokenStream;

use emit::Failure;
use input::Call;

/// Evaluates an einsum; panics on a shape mismatch. See the `einsum` crate for the language.
#[proc_macro]
pub fn einsum(input: TokenStream) -> TokenStream {
    expand(input, |plan, call| emit::emit(plan, call, Failure::Panic))
}

/// Evaluates an einsum, returning `Result<_, ShapeError>` instead of panicking.
#[proc_macro]
pub fn try_einsum(input: TokenStream) -> TokenStream {
    expand(input, |plan, call| emit::emit(plan, call, Failure::Return))
}

/// The plan and the generated code of an `einsum!` call, as a `&'static str`.
#[proc_macro]
pub fn explain(input: TokenStream) -> TokenStream {
    expand(input, |plan, call| {
        let text = explain::explain(plan, call);
        quote::quote!(#text)
    })
}

fn expand(
    input: TokenStream,
    generate: impl Fn(&plan::Plan, &Call) -> proc_macro2::TokenStream,
) -> TokenStream {
    let expansion = syn::parse::<Call>(input)
        .and_then(|call| compile(&call).map(|plan| generate(&plan, &call)));
    match expansion {
        Ok(code) => code.into(),
        Err(error) => {
            // several errors are several `compile_error!`s: a block holds them as statements
            let errors = error.to_compile_error();
            quote::quote!({ #errors ::core::unreachable!() }).into()
        }
    }
}

/// Parse, validate and plan one call.
fn compile(call: &Call) -> syn::Result<plan::Plan> {
    let report =
        |diagnostics| diagnostic::to_compile_error(diagnostics, &call.subscripts, &call.operands);
    let subscripts = parse::parse(&call.subscripts.value()).map_err(report)?;
    let contraction = validate::validate(&subscripts, call.operands.len()).map_err(report)?;
    Ok(plan::plan(&contraction, call.destination.kind()))
}
