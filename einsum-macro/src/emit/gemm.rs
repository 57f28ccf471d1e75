//! The matrix-product tier: a step the plan found to be a matrix product runs as one GEMM per
//! batch position when the element type has one and the extents pay for it, on the operands'
//! own strides, and as its loops otherwise (see [`tier`](crate::tier)).

use proc_macro2::TokenStream;
use quote::quote;

use super::names::Names;
use super::strides;
use crate::plan::{IndexId, Layout, Order, Step, TensorId};
use crate::tier::{ELLIPSIS, MatrixProduct};

/// `loops`, behind a run-time choice of the GEMM for `step` (a matrix product as `product`
/// says).
///
/// An operand is handed to the GEMM as it lies, at its own strides (row-major or not); the
/// GEMM runs when the extents pay for it and every operand's groups of axes read as one axis
/// each at those strides (always for row-major data). Intermediates, the result and the
/// operands whose terms have `...` are row-major slices, the latter two from their offset at
/// the current position of the `...` axes.
pub(super) fn gemm_or_loops(
    layout: &Layout,
    order: &Order,
    names: &Names,
    step: &Step,
    product: &MatrixProduct,
    loops: TokenStream,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let [left, right] = step.factors[..] else {
        unreachable!("a matrix product has two factors")
    };
    let accumulate = step.adds_to_result;
    let [rows, cols, summed] = dimensions(names, product);
    let operands = [
        (left, [&product.rows, &product.summed], [&rows, &summed]),
        (right, [&product.summed, &product.cols], [&summed, &cols]),
    ];
    // an operand's block: its extents (of one tile of a tiled index) ...
    let block = |tensor: TensorId| {
        let extents = order
            .axes(layout, tensor)
            .iter()
            .map(|&index| names.extent(index));
        quote!([#(#extents),*])
    };
    let held_as_source = |tensor: TensorId| match tensor {
        TensorId::Input(k) if layout.ellipsis(tensor).is_none() => Some(k),
        _ => None,
    };
    let readable =
        operands
            .iter()
            .filter_map(|&(tensor, groups, _)| match held_as_source(tensor) {
                Some(k) => {
                    let source = names.source(k);
                    let [rows, cols] = groups.map(|group| axis_range(layout, order, tensor, group));
                    let extents = block(tensor);
                    Some(quote!(#source.reads_as_matrix(#extents, #rows, #cols)))
                }
                _ => None,
            });
    let [left_matrix, right_matrix] =
        operands.map(|(tensor, groups, extents)| match held_as_source(tensor) {
            Some(k) => {
                let source = names.source(k);
                let [rows, cols] = groups.map(|group| axis_range(layout, order, tensor, group));
                // ... from the batch position and the tile's first position
                let start = order.axes(layout, tensor).iter().map(|&index| {
                    let tile_start = match order.tile {
                        Some(tile) if tile.index == index => {
                            let tile_start = &names.tile_start;
                            quote!(#tile_start)
                        }
                        _ => quote!(0usize),
                    };
                    if product.batch.contains(&index) {
                        let variable = names.loop_variable(index);
                        quote!(#tile_start + #variable)
                    } else {
                        tile_start
                    }
                });
                let block = block(tensor);
                quote!(#source.matrix([#(#start),*], #block, #rows, #cols))
            }
            _ => {
                let strides = groups.map(|group| stride_of(layout, order, names, tensor, group));
                let (data, offset) = (
                    names.data(tensor),
                    batch_offset(layout, order, names, product, tensor),
                );
                quote!(#private::MatrixRef::in_slice(
                &#data[#offset..], [#(#extents),*], [#(#strides),*]))
            }
        });
    let result = step.result;
    let result_matrix = {
        let strides =
            [&product.rows, &product.cols].map(|g| stride_of(layout, order, names, result, g));
        let (data, offset) = (
            names.data(result),
            batch_offset(layout, order, names, product, result),
        );
        quote!(#private::MatrixMut::in_slice(
            &mut #data[#offset..], [#rows, #cols], [#(#strides),*]))
    };
    let call = quote! {
        #private::matmul(#result_matrix, #left_matrix, #right_matrix, #accumulate);
    };
    let calls = product.batch.iter().rev().fold(call, |body, &b| {
        let (index, extent) = (names.loop_variable(b), names.extent(b));
        quote!(for #index in 0..#extent { #body })
    });
    let pays = pays(names, product);
    quote! {
        if #pays #(&& #readable)* {
            #calls
        } else {
            #loops
        }
    }
}

/// The offset of the current batch position in a row-major `tensor`, from its offset at the
/// current position of the `...` axes if its term has them.
fn batch_offset(
    layout: &Layout,
    order: &Order,
    names: &Names,
    product: &MatrixProduct,
    tensor: TensorId,
) -> TokenStream {
    let start = match layout.ellipsis(tensor) {
        Some(_) => {
            let base = names.base(tensor);
            quote!(#base)
        }
        None => quote!(0usize),
    };
    let terms = product.batch.iter().map(|&b| {
        let index = names.loop_variable(b);
        let stride = stride_of(layout, order, names, tensor, &[b]);
        quote!(#index * #stride)
    });
    quote!(#start #(+ #terms)*)
}

/// The range of `tensor`'s axes that `group` (adjacent in it, by the plan's check) occupies;
/// empty for an empty group.
fn axis_range(layout: &Layout, order: &Order, tensor: TensorId, group: &[IndexId]) -> TokenStream {
    let start = group.first().map_or(0, |&first| {
        order
            .axes(layout, tensor)
            .iter()
            .position(|&a| a == first)
            .expect("a group's indices are axes of the tensors that carry them")
    });
    let end = start + group.len();
    quote!(#start..#end)
}

/// The product's `m`, `n` and `k`: the extents of its rows, columns and summed indices.
fn dimensions(names: &Names, product: &MatrixProduct) -> [TokenStream; 3] {
    [&product.rows, &product.cols, &product.summed].map(|group| {
        let extents = group.iter().map(|&i| names.extent(i));
        quote!(1usize #(* #extents)*)
    })
}

/// Whether the GEMM runs the step: the element type has one and the extents reach the
/// plan's thresholds.
pub(super) fn pays(names: &Names, product: &MatrixProduct) -> TokenStream {
    let private = quote!(::einsum::__private);
    let like = names.like(0);
    let [rows, cols, summed] = dimensions(names, product);
    let thresholds = [
        product.min_summed,
        product.min_multiply_adds,
        product.min_result_elements,
    ];
    quote!(#private::gemm_pays(#like, [#rows, #cols, #summed], [#(#thresholds),*]))
}

/// The stride that steps through `group` (adjacent in `tensor`, by the plan's check) in a
/// row-major `tensor`: its last index's (1 for the last axis, unless the `...` axes follow
/// it); any for an empty group, whose extent is 1.
fn stride_of(
    layout: &Layout,
    order: &Order,
    names: &Names,
    tensor: TensorId,
    group: &[IndexId],
) -> TokenStream {
    let Some(&last) = group.last() else {
        return quote!(0usize);
    };
    let axes = order.axes(layout, tensor);
    let axis = axes
        .iter()
        .position(|&a| a == last)
        .expect("a group's indices are axes of the tensors that carry them");
    if axis + 1 == axes.len() && strides::last_axis_is_contiguous(layout, tensor) {
        quote!(1usize)
    } else {
        let stride = names.stride(tensor, axis);
        quote!(#stride)
    }
}

/// `walk` (the walk over the `...` positions around the only step of `order`), behind a
/// run-time choice of one GEMM for that step over every position at once: `product`, with the
/// `...` among its rows or columns (see
/// [`matrix_product_over_ellipsis`](crate::tier::matrix_product_over_ellipsis)), taken when
/// the extents pay for it. The factor with the `...` and the result are row-major with the
/// broadcast `...` axes, so one stride steps through every position in each.
pub(super) fn over_every_position_or(
    layout: &Layout,
    order: &Order,
    names: &Names,
    step: &Step,
    product: &MatrixProduct,
    walk: TokenStream,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let [left, right] = step.factors[..] else {
        unreachable!("a matrix product has two factors")
    };
    let positions = Names::ident("positions");
    let broadcast_shape = &names.broadcast_shape;
    // a group's extent: its named indices', times the positions where it holds the `...`
    let extent = |group: &[IndexId]| {
        let named = group
            .iter()
            .filter(|&&i| i != ELLIPSIS)
            .map(|&i| names.extent(i));
        let times_positions = group.contains(&ELLIPSIS).then(|| quote!(* #positions));
        quote!(1usize #(* #named)* #times_positions)
    };
    let [rows, cols, summed] = [&product.rows, &product.cols, &product.summed].map(|g| extent(g));
    // a group's stride in a tensor: its last index's, or the innermost `...` axis's
    let stride = |tensor: TensorId, group: &[IndexId]| match group.last() {
        Some(&ELLIPSIS) => innermost_ellipsis_stride(layout, order, names, tensor),
        _ => stride_of(layout, order, names, tensor, group),
    };
    let operands = [
        (left, [&product.rows, &product.summed], [&rows, &summed]),
        (right, [&product.summed, &product.cols], [&summed, &cols]),
    ];
    let mut readable = Vec::new();
    let [left_matrix, right_matrix] = operands.map(|(tensor, groups, extents)| {
        match (tensor, layout.ellipsis(tensor)) {
            // the factor without `...`, held at its own strides
            (TensorId::Input(k), None) => {
                let source = names.source(k);
                let axes = order.axes(layout, tensor);
                let [rows, cols] = groups.map(|group| axis_range(layout, order, tensor, group));
                let block = axes.iter().map(|&index| names.extent(index));
                let start = axes.iter().map(|_| quote!(0usize));
                let block = quote!([#(#block),*]);
                readable.push(quote!(#source.reads_as_matrix(#block, #rows, #cols)));
                quote!(#source.matrix([#(#start),*], #block, #rows, #cols))
            }
            _ => {
                let strides = groups.map(|group| stride(tensor, group));
                let data = names.data(tensor);
                quote!(#private::MatrixRef::in_slice(
                    &#data[..], [#(#extents),*], [#(#strides),*]))
            }
        }
    });
    let result_matrix = {
        let result = step.result;
        let strides = [&product.rows, &product.cols].map(|group| stride(result, group));
        let data = names.data(result);
        quote!(#private::MatrixMut::in_slice(
            &mut #data[..], [#rows, #cols], [#(#strides),*]))
    };
    let accumulate = step.adds_to_result;
    let pays = {
        let like = names.like(0);
        let thresholds = [
            product.min_summed,
            product.min_multiply_adds,
            product.min_result_elements,
        ];
        quote!(#private::gemm_pays(#like, [#rows, #cols, #summed], [#(#thresholds),*]))
    };
    quote! {
        let #positions: usize = #broadcast_shape.iter().product();
        if #pays #(&& #readable)* {
            #private::matmul(#result_matrix, #left_matrix, #right_matrix, #accumulate);
        } else {
            #walk
        }
    }
}

/// The stride of the innermost `...` axis of a row-major `tensor` whose term has `...`: the
/// extent times the stride of the named axis after it, or 1 when its term ends in `...`.
fn innermost_ellipsis_stride(
    layout: &Layout,
    order: &Order,
    names: &Names,
    tensor: TensorId,
) -> TokenStream {
    let before = layout
        .ellipsis(tensor)
        .expect("the tensor that holds the `...` of a group");
    match order.axes(layout, tensor).get(before) {
        Some(&next) => {
            let extent = names.extent(next);
            let stride = stride_of(layout, order, names, tensor, &[next]);
            quote!(#extent * #stride)
        }
        None => quote!(1usize),
    }
}
