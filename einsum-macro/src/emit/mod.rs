//! Emit: a [`Plan`] → tokens. The only part of the macro that writes Rust code, one module per
//! part of the generated code:
//!
//! - [`check`]: the one shape check. Every operand is viewed at the rank its term names (a
//!   wrong static rank is a trait error at the operand), every index takes its extent from its
//!   first axis and every other axis with that index is compared with it.
//! - [`output`]: the result, allocated or the caller's buffer, viewed and checked.
//! - [`orders`]: the candidate contraction orders, their intermediates and steps, and the
//!   run-time pick of the cheapest.
//! - the two tiers that run a step: [`loops`] (every step: its loop nest, elements read
//!   without bounds checks) and [`gemm`] (a matrix-product step of `f32`/`f64` above the
//!   plan's thresholds: one GEMM call per batch position).
//! - [`strides`] and [`names`]: the bindings and identifiers the others share.
//!
//! Why the unchecked reads are sound: every loop variable runs below its index's extent; every
//! axis of every tensor was checked equal to that extent; a view's data length is the product
//! of its shape (its constructor checks it); so `offset = Σ index × stride` is at most
//! `Σ (extent − 1) × stride = length − 1`. Debug builds assert it at every read.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

mod check;
mod gemm;
mod loops;
mod names;
mod orders;
mod output;
mod strides;

use crate::input::Call;
use crate::plan::{Layout, OperandRead, OutputKind, Plan, TensorId};
use check::ExtentChecker;
use names::Names;

/// Whether a shape mismatch panics (`einsum!`) or is returned (`try_einsum!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Panic,
    Return,
}

/// The code of one call: the shape check and the result from the plan's layout, then its
/// candidate contraction orders.
pub fn emit(plan: &Plan, call: &Call, failure: Failure) -> TokenStream {
    let layout = &plan.layout;
    let names = Names::new(failure);
    let private = quote!(::einsum::__private);
    let subscripts = call.subscripts.value();
    let label = &names.label;

    // each operand by reference, spanned at it so that a type error points there
    let operands = call
        .operands
        .iter()
        .map(|expr| quote_spanned!(expr.span()=> &(#expr)));
    let operand_names = (0..call.operands.len()).map(|k| names.operand(k));
    let places: Vec<TokenStream> = call
        .operands
        .iter()
        .enumerate()
        .map(|(k, expr)| check::place_of_operand(k, expr))
        .collect();
    let checker = ExtentChecker {
        layout,
        names: &names,
        subscripts: &subscripts,
        places: &places,
    };
    let read_where_used: Vec<bool> = (layout.operand_reads.iter())
        .map(|&read| read == OperandRead::SourceRowsWhereUsed)
        .collect();
    let check = check::check_operands(layout, &names, call, &checker);
    let output::ResultCode { prepare, finish } = output::result(layout, &names, call, &checker);
    let run = orders::run(layout, &plan.orders, &names, &subscripts, &read_where_used);
    let run = skipped_when_empty(layout, &names, run);

    let result = &names.result;
    let computation = match failure {
        // a failed check has panicked where it failed
        Failure::Panic => quote! {
            #[allow(unsafe_code, unused_mut, unused_variables, unused_parens, clippy::all)]
            let #result = {
                #check
                #prepare
                #run
                #finish
            };
            #result
        },
        // the shape check breaks out of the labeled block with its error; the value is in
        // parentheses because a path after a label reads as a second label to some parsers
        Failure::Return => quote! {
            #[allow(unsafe_code, unused_mut, unused_variables, unused_parens, clippy::all)]
            let #result: #private::Result<_, #private::ShapeError> = #label: {
                #check
                #prepare
                #run
                #private::Ok(#finish)
            };
            #result
        },
    };
    let (trait_in_scope, computation) = match output::buffer(layout, call) {
        Some(output::Buffer {
            trait_in_scope,
            scrutinee,
        }) => {
            let out = &names.buffer;
            (
                trait_in_scope,
                quote!(match #scrutinee { #out => { #computation } }),
            )
        }
        None => (quote!(), computation),
    };
    // the operands are the scrutinee of a `match` around the computation, so that every
    // temporary their expressions make (`a.slice(..).t()` views a view) lives until the
    // computation is done; `let`-bound, a temporary behind a method call's `&self` would be
    // dropped at the end of its `let`. The value is bound before the block ends, so that
    // those temporaries are dropped inside the block, whatever the edition's rules for a
    // block's tail expression.
    let value = &names.value;
    quote! {{
        #trait_in_scope
        let #value = match (#(#operands,)*) {
            (#(#operand_names,)*) => { #computation }
        };
        #value
    }}
}

/// `run`, unless some index has extent 0: then every result element is a sum over nothing,
/// and the caller's buffer of an `out = ...` call is set to zero instead (see
/// [`Layout::zeroes_output_when_empty`]).
fn skipped_when_empty(layout: &Layout, names: &Names, run: TokenStream) -> TokenStream {
    if layout.letters.is_empty() {
        return run;
    }
    let private = quote!(::einsum::__private);
    let extents = (0..layout.letters.len()).map(|index| names.extent(index));
    let result_data = names.data(TensorId::Output);
    let like = names.like(0);
    let when_empty = match (layout.zeroes_output_when_empty, layout.output_kind) {
        (false, _) => quote!(),
        (true, OutputKind::Scalar) => quote!(*#result_data = #private::zero(#like);),
        (true, _) => quote!(#result_data.fill(#private::zero(#like));),
    };
    quote! {
        if #(#extents == 0)||* {
            #when_empty
        } else {
            #run
        }
    }
}
