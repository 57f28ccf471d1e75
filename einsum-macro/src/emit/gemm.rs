//! The matrix-product tier: a step the plan found to be a matrix product runs as one GEMM per
//! batch position when the element type has one and the extents pay for it, and as its loops
//! otherwise (see [`tier`](crate::tier)).

use proc_macro2::TokenStream;
use quote::quote;

use super::names::Names;
use crate::plan::{IndexId, Plan, Step, TensorId};
use crate::tier::MatrixProduct;

/// `loops`, behind a run-time choice of the GEMM for `step` (a matrix product as `product`
/// says).
pub(super) fn gemm_or_loops(
    plan: &Plan,
    names: &Names,
    step: &Step,
    product: &MatrixProduct,
    loops: TokenStream,
) -> TokenStream {
    let private = quote!(::einsum::__private);
    let [left, right] = step.factors[..] else {
        unreachable!("a matrix product has two factors")
    };
    let result = step.result;
    let accumulate = step.adds_to_result;
    let [rows, cols, summed] = dimensions(names, product);
    let stride = |tensor: TensorId, group: &[IndexId]| stride_of(plan, names, tensor, group);
    let left_strides = [stride(left, &product.rows), stride(left, &product.summed)];
    let right_strides = [stride(right, &product.summed), stride(right, &product.cols)];
    let result_strides = [stride(result, &product.rows), stride(result, &product.cols)];

    let batch_loops: Vec<TokenStream> = product
        .batch
        .iter()
        .map(|&b| {
            let (index, extent) = (names.loop_variable(b), names.extent(b));
            quote!(for #index in 0..#extent)
        })
        .collect();
    let offset = |tensor: TensorId| {
        let terms = product.batch.iter().map(|&b| {
            let index = names.loop_variable(b);
            let stride = stride_of(plan, names, tensor, &[b]);
            quote!(#index * #stride)
        });
        quote!(0usize #(+ #terms)*)
    };
    let (left_offset, right_offset, result_offset) = (offset(left), offset(right), offset(result));
    let (left_data, right_data, result_data) =
        (names.data(left), names.data(right), names.data(result));
    let product_name = Names::ident("matrix_product");
    let pays = pays(names, product);
    let call = quote! {
        #private::matmul(
            &mut #result_data[#result_offset..],
            &#left_data[#left_offset..],
            &#right_data[#right_offset..],
            &#product_name,
        );
    };
    let calls = batch_loops
        .iter()
        .rev()
        .fold(call, |body, header| quote!(#header { #body }));
    quote! {
        if #pays {
            let #product_name = #private::MatrixProduct {
                m: #rows,
                n: #cols,
                k: #summed,
                left: [#(#left_strides),*],
                right: [#(#right_strides),*],
                result: [#(#result_strides),*],
                accumulate: #accumulate,
            };
            #calls
        } else {
            #loops
        }
    }
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
    let like = names.data(TensorId::Input(0));
    let [rows, cols, summed] = dimensions(names, product);
    let thresholds = [
        product.min_summed,
        product.min_multiply_adds,
        product.min_result_elements,
    ];
    quote!(#private::gemm_pays(#like, [#rows, #cols, #summed], [#(#thresholds),*]))
}

/// The stride that steps through `group` (adjacent in `tensor`, by the plan's check) in
/// `tensor`: its last index's; any for an empty group, whose extent is 1.
fn stride_of(plan: &Plan, names: &Names, tensor: TensorId, group: &[IndexId]) -> TokenStream {
    let Some(&last) = group.last() else {
        return quote!(0usize);
    };
    let axes = plan.axes(tensor);
    let axis = axes
        .iter()
        .position(|&a| a == last)
        .expect("a group's indices are axes of the tensors that carry them");
    if axis + 1 == axes.len() {
        quote!(1usize)
    } else {
        let stride = names.stride(tensor, axis);
        quote!(#stride)
    }
}
