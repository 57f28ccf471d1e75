//! The strides of every tensor, as `let` bindings the shape check and the nests share: row-major
//! for the operands' views, the intermediates and an owned result; read from the split shape
//! for a term with `...`.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::Names;
use crate::plan::{Layout, TensorId};

/// `let` bindings for the row-major strides of a tensor with the given extents (the last
/// axis has stride 1 and gets no binding).
pub(super) fn row_major_strides(
    names: &Names,
    tensor: TensorId,
    extents: &[TokenStream],
) -> TokenStream {
    let bindings = (0..extents.len().saturating_sub(1)).map(|axis| {
        let stride = names.stride(tensor, axis);
        let later = &extents[axis + 1..];
        quote!(let #stride: usize = 1 #(* #later)*;)
    });
    quote!(#(#bindings)*)
}

/// Whether the last axis of the tensor has stride 1: always, unless its term ends in `...`.
pub(super) fn last_axis_is_contiguous(layout: &Layout, tensor: TensorId) -> bool {
    layout
        .ellipsis(tensor)
        .is_none_or(|before| before < layout.axes(tensor).len())
}

/// `let` bindings for the strides of a tensor split around its `...` (the last axis gets none
/// when its stride is 1).
pub(super) fn split_strides(layout: &Layout, names: &Names, tensor: TensorId) -> TokenStream {
    let split = names.split(tensor);
    let mut bound = layout.axes(tensor).len();
    if last_axis_is_contiguous(layout, tensor) {
        bound = bound.saturating_sub(1);
    }
    let bindings = (0..bound).map(|axis| {
        let stride = names.stride(tensor, axis);
        quote!(let #stride: usize = #split.strides[#axis];)
    });
    quote!(#(#bindings)*)
}
