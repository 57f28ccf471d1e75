//! The shape check: the first part of the generated code, which views every operand at the
//! rank its term names (a wrong static rank is a trait error at the operand), takes every
//! index's extent from its first axis and compares every other axis with that index against
//! it. A failure leaves the call with a `ShapeError` naming the operand: `einsum!` panics
//! with it, `try_einsum!` returns it.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::names::Names;
use super::strides;
use crate::input::Call;
use crate::plan::{IndexId, Layout, OperandRead, OutputKind, TensorId};

/// The shape check of the operands: each viewed at the rank its term names, every index's
/// extent taken from its first axis and compared with every other axis it names, the row-major
/// strides of each, and the extents the `...` axes broadcast to. Each failure leaves the call
/// with its `ShapeError` (see [`Names::fail`]). Each operand is held as the layout's
/// [`OperandRead`] says.
pub(super) fn check_operands(
    layout: &Layout,
    names: &Names,
    call: &Call,
    checker: &ExtentChecker,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let subscripts = checker.subscripts;
    let places = checker.places;
    let views = call.operands.iter().enumerate().map(|(k, expr)| {
        let rank = layout.inputs[k].len();
        let (op, view, shape, data, like) = (
            names.operand(k),
            names.view(k),
            names.shape(k),
            names.data(TensorId::Input(k)),
            names.like(k),
        );
        let place = &places[k];
        // spanned at the operand, so that a type error about its rank points at it
        let read = layout.operand_reads[k];
        let viewed = match layout.ellipsis(TensorId::Input(k)) {
            // an operand a GEMM step may read at its own strides is held as a `Source`, bound
            // to its data where a loop nest reads it (see `orders`) or else here
            None if read != OperandRead::View => {
                let source = names.source(k);
                let source_call = quote_spanned!(expr.span()=> #private::source::<#rank, _>(#op));
                let checked_source = view_or_break(names, subscripts, source_call, place, rank);
                let data = if read == OperandRead::SourceRowsWhereUsed {
                    quote!()
                } else {
                    operand_data(names, k)
                };
                quote_spanned! {expr.span()=>
                    let #source = #checked_source;
                    let #shape = #source.shape();
                    let #like = #source.like();
                    #data
                }
            }
            // the others are viewed here, through a row-major copy if in another layout: a
            // `Source` costs compile time in every call
            None => {
                let copy = names.copy(k);
                let view_call =
                    quote_spanned!(expr.span()=> #private::view::<#rank, _>(#op, &#copy));
                let checked_view = view_or_break(names, subscripts, view_call, place, rank);
                quote_spanned! {expr.span()=>
                    let #copy = #private::row_major_copy::<#rank, _>(#op);
                    let #view = #checked_view;
                    let #shape = #view.shape();
                    let #data = #view.data();
                    let #like = #data;
                }
            }
            Some(before) => {
                // an operand in another layout is read through a row-major copy, made here
                let copy = names.copy(k);
                let view_call = quote_spanned!(expr.span()=> #private::dyn_view::<_>(#op, &#copy));
                let checked_view = dyn_view_or_break(names, view_call, place);
                let split = names.split(TensorId::Input(k));
                let checked_split = split_or_break(names, subscripts, &view, rank, before, place);
                quote_spanned! {expr.span()=>
                    let #copy = #private::dyn_row_major_copy::<_>(#op);
                    let #view = #checked_view;
                    let #split = #checked_split;
                    let #shape = #split.extents;
                    let #data = #view.data();
                    let #like = #data;
                }
            }
        };
        let first = names.like(0);
        quote_spanned! {expr.span()=>
            #viewed
            #private::same_element_type(#first, #like);
        }
    });

    let extents = layout
        .extent_source
        .iter()
        .enumerate()
        .map(|(index, &(k, axis))| {
            let extent = names.extent(index);
            let shape = names.shape(k);
            quote!(let #extent: usize = #shape[#axis];)
        });

    let input_checks = layout.inputs.iter().enumerate().flat_map(|(k, axes)| {
        let shape = names.shape(k);
        axes.iter()
            .enumerate()
            .filter(move |&(axis, &index)| layout.extent_source[index] != (k, axis))
            .map(move |(axis, &index)| {
                checker.check(quote!(#shape[#axis]), index, &checker.places[k])
            })
    });

    let strides = layout.inputs.iter().enumerate().map(|(k, axes)| {
        let tensor = TensorId::Input(k);
        if layout.ellipsis(tensor).is_some() {
            return strides::split_strides(layout, names, tensor);
        }
        let shape = names.shape(k);
        let extents: Vec<TokenStream> = (0..axes.len()).map(|axis| quote!(#shape[#axis])).collect();
        strides::row_major_strides(names, tensor, &extents)
    });

    // the extents the `...` axes of all operands broadcast to
    let broadcast_shape = &names.broadcast_shape;
    let broadcast = layout.ellipses.as_ref().map(|ellipses| {
        let operands = (0..layout.inputs.len())
            .filter(|&k| ellipses.inputs[k].is_some())
            .map(|k| {
                let (split, place) = (names.split(TensorId::Input(k)), &places[k]);
                quote!((&#split.ellipsis, #place))
            });
        let output_without_ellipsis = match layout.output_kind {
            OutputKind::Dynamic { .. } => quote!(),
            _ => {
                let check = quote!(#private::check_no_ellipsis(#subscripts, &#broadcast_shape));
                let checked = ok_or_break(names, check, quote!(error));
                quote!(#checked;)
            }
        };
        let shape = quote!(#private::broadcast(#subscripts, [#(#operands),*]));
        let shape = ok_or_break(names, shape, quote!(error));
        quote! {
            let #broadcast_shape = #shape;
            #output_without_ellipsis
        }
    });

    quote! {
        #(#views)*
        #(#extents)*
        #(#input_checks)*
        #(#strides)*
        #broadcast
    }
}

/// The row-major data of operand `k` (without `...`) as its loops read it: in place, or a
/// copy of a layout held at its strides, made here.
pub(super) fn operand_data(names: &Names, k: usize) -> TokenStream {
    let (source, copy, data) = (
        names.source(k),
        names.copy(k),
        names.data(TensorId::Input(k)),
    );
    quote! {
        let #copy = #source.copy_for_loops();
        let #data = #source.rows(&#copy);
    }
}

/// The element count of a tensor with these extents that the code allocates, or the call
/// left when it does not fit in `usize` (`tensor` names an `OversizedTensor`).
pub(super) fn checked_count(
    names: &Names,
    subscripts: &str,
    tensor: TokenStream,
    extents: &[Ident],
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let count = quote!(#private::element_count(
        #subscripts, #private::OversizedTensor::#tensor, &[#(#extents),*]));
    ok_or_break(names, count, quote!(error))
}

/// `result` (a `Result` expression) unwrapped, or the call left (see [`Names::fail`]) with
/// `shape_error`, an expression of the `ShapeError` built from the failure bound as `error`.
pub(super) fn ok_or_break(
    names: &Names,
    result: TokenStream,
    shape_error: TokenStream,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let fail = names.fail(shape_error);
    quote! {
        match #result {
            #private::Ok(value) => value,
            #private::Err(error) => #fail,
        }
    }
}

/// `view_call` unwrapped, or the call left with a rank error for `place`.
pub(super) fn view_or_break(
    names: &Names,
    subscripts: &str,
    view_call: TokenStream,
    place: &TokenStream,
    rank: usize,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let error = quote!(#private::rank_error(#subscripts, #place, #rank, error));
    ok_or_break(names, view_call, error)
}

/// `view_call` (a run-time-rank view) unwrapped, or the call left with the error
/// for a tensor of more axes than a run-time shape holds.
pub(super) fn dyn_view_or_break(
    names: &Names,
    view_call: TokenStream,
    place: &TokenStream,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let error = quote!(#private::too_many_axes_error(#place, error));
    ok_or_break(names, view_call, error)
}

/// The shape of `view` split around the `...` of a term with `rank` indices, `before` of them
/// ahead of it, or the call left when it has too few axes.
pub(super) fn split_or_break(
    names: &Names,
    subscripts: &str,
    view: &Ident,
    rank: usize,
    before: usize,
    place: &TokenStream,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let split = quote!(#private::split::<#rank>(#view.shape(), #before));
    let error = quote!(#private::too_few_axes_error(#subscripts, #place, #rank, error));
    ok_or_break(names, split, error)
}

/// Emits the comparisons of axes against the extents their indices took.
pub(super) struct ExtentChecker<'a> {
    pub(super) layout: &'a Layout,
    pub(super) names: &'a Names,
    pub(super) subscripts: &'a str,
    /// Where each operand sits in the call, for the messages.
    pub(super) places: &'a [TokenStream],
}

impl ExtentChecker<'_> {
    /// `found` (an axis extent of the tensor at `place`) must equal the extent of `index`.
    pub(super) fn check(
        &self,
        found: TokenStream,
        index: IndexId,
        place: &TokenStream,
    ) -> TokenStream {
        let private = quote!(::einsum::__private);
        let subscripts = self.subscripts;
        let extent = self.names.extent(index);
        let letter = self.layout.letters[index];
        let source_place = &self.places[self.layout.extent_source[index].0];
        let fail = self.names.fail(quote!(#private::extent_error(
            #subscripts, #letter, #place, #found, #extent, #source_place)));
        quote! {
            if #found != #extent {
                #fail;
            }
        }
    }
}

pub(super) fn place_of_operand(k: usize, expr: &syn::Expr) -> TokenStream {
    let text = source_text(expr);
    quote!(::einsum::__private::Place::Operand { position: #k, text: #text })
}

pub(super) fn place_of_output(expr: &syn::Expr) -> TokenStream {
    let text = source_text(expr);
    quote!(::einsum::__private::Place::Output { text: #text })
}

/// The expression as the user wrote it, or as tokens where the compiler cannot tell.
pub(super) fn source_text(expr: &syn::Expr) -> String {
    use quote::ToTokens;
    let tokens: Vec<proc_macro2::TokenTree> = expr.to_token_stream().into_iter().collect();
    let whole = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span().join(last.span()),
        _ => None,
    };
    whole
        .and_then(|span| span.source_text())
        .unwrap_or_else(|| {
            // stable compilers cannot join spans: print the expression as rustfmt would
            let item: syn::File = syn::parse_quote!(const _: () = #expr;);
            let printed = prettyplease::unparse(&item);
            let text = printed
                .trim()
                .trim_start_matches("const _: () = ")
                .trim_end_matches(';');
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
}
