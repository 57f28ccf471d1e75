//! The result: a new tensor or scalar the code allocates, or the caller's buffer (`out = ...`,
//! `out += ...`), viewed and checked against the extents like an operand.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::check::{
    ExtentChecker, checked_count, dyn_view_or_break, ok_or_break, place_of_output, split_or_break,
    view_or_break,
};
use super::names::Names;
use super::strides;
use crate::input::{Call, Destination};
use crate::plan::{Layout, OutputKind, TensorId};

/// The caller's buffer, bound before the computation.
pub(super) struct Buffer {
    /// Brings the trait that views the buffer into scope.
    pub(super) trait_in_scope: TokenStream,
    /// The buffer viewed at the result's rank: the scrutinee of a `match` around the
    /// computation, so that a temporary buffer (`TensorMut::new(..).unwrap()`) lives as long
    /// as the computation; through a method call, so that a `&mut` buffer in an immutable
    /// binding is reborrowed.
    pub(super) scrutinee: TokenStream,
}

/// The caller's buffer, if the call writes into one.
pub(super) fn buffer(layout: &Layout, call: &Call) -> Option<Buffer> {
    let private = quote!(::einsum::__private);
    let Destination::Buffer { buffer, .. } = &call.destination else {
        return None;
    };
    let (trait_in_scope, scrutinee) = match layout.output_kind {
        OutputKind::Scalar => {
            let scrutinee = quote_spanned!(buffer.span()=> (#buffer).einsum_scalar_slot());
            (quote!(use #private::ScalarOutput as _;), scrutinee)
        }
        OutputKind::Static => {
            let rank = layout.output.len();
            let scrutinee = quote_spanned!(buffer.span()=> (#buffer).einsum_output::<#rank>());
            (quote!(use #private::OutputBuffer as _;), scrutinee)
        }
        OutputKind::Dynamic { .. } => {
            let scrutinee = quote_spanned!(buffer.span()=> (#buffer).einsum_dyn_output());
            (quote!(use #private::DynOutputBuffer as _;), scrutinee)
        }
    };
    Some(Buffer {
        trait_in_scope,
        scrutinee,
    })
}

/// The result, ready for the nests to write: `prepare` allocates or views and checks it and
/// binds its strides; `finish` is the call's value once the nests have run.
pub(super) struct ResultCode {
    pub(super) prepare: TokenStream,
    pub(super) finish: TokenStream,
}

/// The code that prepares the result of `call` and the value the call returns.
pub(super) fn result(
    layout: &Layout,
    names: &Names,
    call: &Call,
    checker: &ExtentChecker,
) -> ResultCode {
    let private = quote!(::einsum::__private);
    let subscripts = checker.subscripts;
    let output_kind = layout.output_kind;
    let broadcast_shape = &names.broadcast_shape;

    let output_rank = layout.output.len();
    let output_extents: Vec<Ident> = layout.output.iter().map(|&i| names.extent(i)).collect();
    let result_data = names.data(TensorId::Output);
    let result_buffer = &names.result_buffer;
    // every buffer the code allocates takes its element type from the first operand's data
    let result_buffer_like = names.like(0);

    let result_split = names.split(TensorId::Output);
    let (prepare_result, finish) = match (&call.destination, output_kind) {
        (Destination::Owned, OutputKind::Scalar) => (
            quote! {
                let mut #result_buffer = #private::zero(#result_buffer_like);
                let #result_data = &mut #result_buffer;
            },
            quote!(#result_buffer),
        ),
        (Destination::Owned, OutputKind::Dynamic { before }) => {
            let result_shape = &names.result_shape;
            let layout = quote!(#private::owned_layout::<#output_rank>(
                #subscripts, #before, [#(#output_extents),*], &#broadcast_shape));
            let layout = ok_or_break(names, layout, quote!(error));
            let count = format_ident!("count", span = Span::mixed_site());
            (
                quote! {
                    let (#result_split, #result_shape, #count) = #layout;
                    let mut #result_buffer = #private::zeros(#result_buffer_like, #count);
                    let #result_data = &mut #result_buffer[..];
                },
                quote!(#private::dyn_tensor(#result_buffer, #result_shape)),
            )
        }
        (Destination::Owned, OutputKind::Static) => {
            let count = checked_count(names, subscripts, quote!(Result), &output_extents);
            (
                quote! {
                    let mut #result_buffer = #private::zeros(#result_buffer_like, #count);
                    let #result_data = &mut #result_buffer[..];
                },
                quote!(#private::tensor(#result_buffer, [#(#output_extents),*])),
            )
        }
        (Destination::Buffer { .. }, OutputKind::Scalar) => {
            let out = &names.buffer;
            (quote!(let #result_data: &mut _ = #out;), quote!(()))
        }
        (Destination::Buffer { buffer, .. }, kind) => {
            let out = &names.buffer;
            let view = &names.result_view;
            let place = place_of_output(buffer);
            let view_call = quote!(#out);
            let shape = format_ident!("shape", span = Span::mixed_site());
            let checks = layout
                .output
                .iter()
                .enumerate()
                .map(|(axis, &index)| checker.check(quote!(#shape[#axis]), index, &place));
            let viewed = match kind {
                OutputKind::Dynamic { before } => {
                    let check = quote!(#private::check_output_ellipsis(
                        #subscripts, #place, &#result_split.ellipsis, &#broadcast_shape));
                    let checked_ellipsis = ok_or_break(names, check, quote!(error));
                    let checked_view = dyn_view_or_break(names, view_call, &place);
                    let checked_split =
                        split_or_break(names, subscripts, view, output_rank, before, &place);
                    quote! {
                        let mut #view = #checked_view;
                        let #result_split = #checked_split;
                        let #shape = #result_split.extents;
                        #checked_ellipsis;
                    }
                }
                _ => {
                    let checked_view =
                        view_or_break(names, subscripts, view_call, &place, output_rank);
                    quote! {
                        let mut #view = #checked_view;
                        let #shape = #view.shape();
                    }
                }
            };
            (
                quote! {
                    #viewed
                    #(#checks)*
                    let #result_data = #view.data();
                },
                quote!(()),
            )
        }
    };
    let result_strides = match output_kind {
        OutputKind::Dynamic { .. } => strides::split_strides(layout, names, TensorId::Output),
        _ => {
            let extents: Vec<TokenStream> = output_extents.iter().map(|e| quote!(#e)).collect();
            strides::row_major_strides(names, TensorId::Output, &extents)
        }
    };
    ResultCode {
        prepare: quote!(#prepare_result #result_strides),
        finish,
    }
}
