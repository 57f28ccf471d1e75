//! The identifiers of the generated code, in one place so that every module names a tensor's
//! data, strides and extents the same way.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::Failure;
use crate::plan::{IndexId, TensorId};

/// Identifiers of the generated code, all with mixed-site hygiene so they cannot collide with
/// the caller's names.
pub(super) struct Names {
    pub(super) label: syn::Lifetime,
    /// How a failed shape check leaves the call.
    failure: Failure,
    pub(super) buffer: Ident,
    pub(super) result: Ident,
    /// The call's value.
    pub(super) value: Ident,
    pub(super) result_view: Ident,
    pub(super) result_buffer: Ident,
    pub(super) result_shape: Ident,
    pub(super) broadcast_shape: Ident,
    /// The first position of the current tile of a tiled plan.
    pub(super) tile_start: Ident,
    /// The positions in a full tile.
    pub(super) tile_rows: Ident,
}

impl Names {
    pub(super) fn new(failure: Failure) -> Self {
        Names {
            label: syn::Lifetime::new("'einsum", Span::mixed_site()),
            failure,
            buffer: Self::ident("buffer"),
            result: Self::ident("result"),
            value: Self::ident("value"),
            result_view: Self::ident("result_view"),
            result_buffer: Self::ident("result_buffer"),
            result_shape: Self::ident("result_shape"),
            broadcast_shape: Self::ident("ellipsis_shape"),
            tile_start: Self::ident("tile_start"),
            tile_rows: Self::ident("tile_rows"),
        }
    }

    /// The statement that leaves the call with `shape_error` (a `ShapeError` expression):
    /// `einsum!` panics right there, through one out-of-line function, so that its code
    /// carries no `Result` around the computation; `try_einsum!` breaks out of the call's
    /// labelled block with the error.
    pub(super) fn fail(&self, shape_error: TokenStream) -> TokenStream {
        let private = quote!(::einsum::__private);
        match self.failure {
            Failure::Panic => quote!(#private::shape_panic(#shape_error)),
            Failure::Return => {
                let label = &self.label;
                quote!(break #label (#private::Err(#shape_error)))
            }
        }
    }

    pub(super) fn ident(name: &str) -> Ident {
        Ident::new(name, Span::mixed_site())
    }

    pub(super) fn operand(&self, k: usize) -> Ident {
        format_ident!("operand_{}", k, span = Span::mixed_site())
    }

    pub(super) fn view(&self, k: usize) -> Ident {
        format_ident!("view_{}", k, span = Span::mixed_site())
    }

    pub(super) fn shape(&self, k: usize) -> Ident {
        format_ident!("shape_{}", k, span = Span::mixed_site())
    }

    pub(super) fn data(&self, tensor: TensorId) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("data_{}", k, span = Span::mixed_site()),
            TensorId::Intermediate(i) => format_ident!("partial_{}", i, span = Span::mixed_site()),
            TensorId::Output => Self::ident("result_data"),
        }
    }

    /// The row-major copy of an operand, if its layout needs one.
    pub(super) fn copy(&self, k: usize) -> Ident {
        format_ident!("copy_{}", k, span = Span::mixed_site())
    }

    /// How an operand without `...` is held: in place, at its strides or copied.
    pub(super) fn source(&self, k: usize) -> Ident {
        format_ident!("source_{}", k, span = Span::mixed_site())
    }

    /// An empty slice of an operand's element type, where only the type matters; the first
    /// operand's stands for the element type of the call.
    pub(super) fn like(&self, k: usize) -> Ident {
        format_ident!("like_{}", k, span = Span::mixed_site())
    }

    /// A tensor's shape split around its `...`.
    pub(super) fn split(&self, tensor: TensorId) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("split_{}", k, span = Span::mixed_site()),
            _ => Self::ident("result_split"),
        }
    }

    /// A tensor's offset at the current position of the `...` axes.
    pub(super) fn base(&self, tensor: TensorId) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("base_{}", k, span = Span::mixed_site()),
            _ => Self::ident("result_base"),
        }
    }

    pub(super) fn intermediate_buffer(&self, i: usize) -> Ident {
        format_ident!("partial_buffer_{}", i, span = Span::mixed_site())
    }

    pub(super) fn stride(&self, tensor: TensorId, axis: usize) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("stride_{}_{}", k, axis, span = Span::mixed_site()),
            TensorId::Intermediate(i) => {
                format_ident!("partial_stride_{}_{}", i, axis, span = Span::mixed_site())
            }
            TensorId::Output => format_ident!("result_stride_{}", axis, span = Span::mixed_site()),
        }
    }

    pub(super) fn extent(&self, index: IndexId) -> Ident {
        format_ident!("extent_{}", index, span = Span::mixed_site())
    }

    pub(super) fn loop_variable(&self, index: IndexId) -> Ident {
        format_ident!("index_{}", index, span = Span::mixed_site())
    }
}
