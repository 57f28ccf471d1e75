//! The candidate contraction orders of a call: each one's intermediates and steps (a step is
//! its loop nest, behind a run-time choice of the GEMM when it is a matrix product), and the
//! run-time pick of the cheapest order for the extents found.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::check::{self, checked_count};
use super::names::Names;
use super::{gemm, loops, strides};
use crate::plan::{
    GEMM_COST_FACTOR, IndexId, Layout, OperandRead, Order, Step, TensorId, Tile, TiledResult,
};

/// The steps of the cheapest of `orders` for the extents found at run time (of the only one,
/// when there is one).
///
/// `read_where_used[k]`: whether each step that reads operand `k` binds its data (see
/// [`OperandRead::SourceRowsWhereUsed`](crate::plan::OperandRead::SourceRowsWhereUsed)).
pub(super) fn run(
    layout: &Layout,
    orders: &[Order],
    names: &Names,
    subscripts: &str,
    read_where_used: &[bool],
) -> TokenStream {
    let private = quote!(::einsum::__private);
    match orders {
        [only] => steps_of(layout, only, names, subscripts, read_where_used),
        _ => {
            let costs = orders.iter().map(|order| cost(order, names));
            let last = orders.len() - 1;
            let arms = orders.iter().enumerate().map(|(k, order)| {
                let body = steps_of(layout, order, names, subscripts, read_where_used);
                match k {
                    k if k == last => quote!(_ => { #body }),
                    k => quote!(#k => { #body }),
                }
            });
            quote! {
                // the contraction order that is cheapest for the extents found above
                match #private::cheapest([#(#costs),*]) { #(#arms)* }
            }
        }
    }
}

/// The loop nests of one candidate order, with the intermediates they go through.
fn steps_of(
    layout: &Layout,
    order: &Order,
    names: &Names,
    subscripts: &str,
    read_where_used: &[bool],
) -> TokenStream {
    let private = quote!(::einsum::__private);
    // every buffer the code allocates takes its element type from the first operand
    let like = names.like(0);
    // a tiled order's intermediates hold one tile of the tiled index
    let extent_in_buffers = |index: IndexId| match order.tile {
        Some(tile) if tile.index == index => names.tile_rows.clone(),
        _ => names.extent(index),
    };
    let intermediates = order.intermediates.iter().enumerate().map(|(i, axes)| {
        let tensor = TensorId::Intermediate(i);
        let buffer = names.intermediate_buffer(i);
        let extent_names: Vec<Ident> = axes.iter().map(|&a| extent_in_buffers(a)).collect();
        let extents: Vec<TokenStream> = extent_names.iter().map(|e| quote!(#e)).collect();
        let strides = strides::row_major_strides(names, tensor, &extents);
        let count = checked_count(names, subscripts, quote!(Intermediate), &extent_names);
        quote! {
            let mut #buffer = #private::zeros(#like, #count);
            #strides
        }
    });
    let clear = if order.clears_output {
        let result_data = names.data(TensorId::Output);
        quote!(#result_data.fill(#private::zero(#like));)
    } else {
        quote!()
    };
    let steps = order.steps.iter().map(|step| {
        let nest = loops::loop_nest(layout, order, names, step);
        // the operands the nest reads whose data was not bound at the shape check
        let operands = step.factors.iter().filter_map(|&f| match f {
            TensorId::Input(k) if read_where_used[k] => Some(check::operand_data(names, k)),
            _ => None,
        });
        // the loops add into an intermediate they restart; a GEMM into one replaces it
        let restart = if step.zeroes_result_per_position {
            let data = names.data(step.result);
            quote!(#data.fill(#private::zero(#like));)
        } else {
            quote!()
        };
        let nest = quote!({ #(#operands)* #restart #nest });
        // a product over every position of the `...` axes is called around their walk
        let body = match &step.product {
            Some(product) if !product.over_every_position() => {
                gemm::gemm_or_loops(layout, order, names, step, product, nest)
            }
            _ => nest,
        };
        let borrows = intermediates_borrowed(step, names);
        quote!({ #borrows #body })
    });
    let steps = quote!(#(#steps)*);
    // with `...`, every step runs for one position of the `...` axes before the next
    // position: the intermediates hold the named axes only
    let steps = match (&layout.ellipses, &order.steps[..]) {
        (Some(_), [step]) => {
            let walk = walk_over_ellipsis_axes(layout, names, steps);
            match &step.product {
                Some(product) if product.over_every_position() => {
                    gemm::over_every_position_or(layout, order, names, step, product, walk)
                }
                _ => walk,
            }
        }
        (Some(_), _) => walk_over_ellipsis_axes(layout, names, steps),
        (None, _) => steps,
    };
    let intermediates: Vec<TokenStream> = intermediates.collect();
    match order.tile {
        Some(tile) => {
            let [tile_rows, tiles] = tile_by_tile(layout, order, names, tile, &steps);
            let one_thread = quote!(#(#intermediates)* #clear #tiles);
            match tiles_on_threads(layout, names, tile, &steps, &intermediates) {
                Some(on_threads) => {
                    let (extent, tile_rows_name) = (names.extent(tile.index), &names.tile_rows);
                    let block_rows = Names::ident("tile_block_rows");
                    quote! {
                        #tile_rows
                        if let ::core::option::Option::Some(#block_rows) =
                            #private::tile_blocks(#extent, #tile_rows_name)
                        {
                            #clear
                            #on_threads
                        } else {
                            #one_thread
                        }
                    }
                }
                None => quote!(#tile_rows #one_thread),
            }
        }
        None => quote!(#(#intermediates)* #clear #steps),
    }
}

/// The size of a tile of `tile.index` (a `let` binding), and `steps` run once per tile with
/// that index's extent the tile's and every operand that has the index, and a result that
/// keeps it, starting at the tile's first position (the intermediates are one tile long).
fn tile_by_tile(
    layout: &Layout,
    order: &Order,
    names: &Names,
    tile: Tile,
    steps: &TokenStream,
) -> [TokenStream; 2] {
    let private = quote!(::einsum::__private);
    let (tile_rows, tile_start) = (&names.tile_rows, &names.tile_start);
    let extent = names.extent(tile.index);
    let inner = order.intermediates.iter().map(|axes| {
        let others = axes[1..].iter().map(|&a| names.extent(a));
        quote!(1usize #(.saturating_mul(#others))*)
    });
    let Tile {
        elements, min_rows, ..
    } = tile;
    let size = quote! {
        let #tile_rows = #private::tile_rows(#extent, [#elements, #min_rows], 0usize #(.max(#inner))*);
    };
    let operands = operands_from_tile_start(layout, names, tile);
    // the result, row-major, is sliced like an operand
    let result = match tile.result {
        TiledResult::Sliced => {
            let data = names.data(TensorId::Output);
            let start = start_of_tile(layout, names, tile, TensorId::Output)
                .expect("the result keeps the index");
            quote!(let #data = &mut #data[#start..];)
        }
        TiledResult::Summed => quote!(),
    };
    let tiles = quote! {
        for #tile_start in (0..#extent).step_by(#tile_rows) {
            let #extent = if #extent - #tile_start < #tile_rows {
                #extent - #tile_start
            } else {
                #tile_rows
            };
            #(#operands)*
            #result
            #steps
        }
    };
    [size, tiles]
}

/// With a result that keeps the tiled index as its first axis (of one or two axes, so that a
/// block of its positions is one block of elements) and no `...`: the tiles run on rayon's
/// pool in blocks of `tile_block_rows` positions (whole tiles, from
/// `__private::tile_blocks`), each block with its own intermediates and its own elements of
/// the result. A tile starts where it does on one thread and runs the same `steps`, so the
/// bits do not depend on the thread count. `None` for other plans, which run their tiles on
/// one thread.
fn tiles_on_threads(
    layout: &Layout,
    names: &Names,
    tile: Tile,
    steps: &TokenStream,
    intermediates: &[TokenStream],
) -> Option<TokenStream> {
    let output = layout.axes(TensorId::Output);
    let sliced = tile.result == TiledResult::Sliced && output.first() == Some(&tile.index);
    if !sliced || output.len() > 2 || layout.ellipses.is_some() {
        return None;
    }
    let private = quote!(::einsum::__private);
    let (tile_rows, tile_start) = (&names.tile_rows, &names.tile_start);
    let (block_rows, block_start) = (Names::ident("tile_block_rows"), Names::ident("block_start"));
    let extent = names.extent(tile.index);
    let row = match output.len() {
        1 => quote!(1usize),
        _ => {
            let stride = names.stride(TensorId::Output, 0);
            quote!(#stride)
        }
    };
    let operands = operands_from_tile_start(layout, names, tile);
    let result_data = names.data(TensorId::Output);
    let block_end = Names::ident("block_end");
    // the closure moves copies of the extents, strides and slices it reads (captures by
    // reference made the one-thread quadratic form slower), and references to the operands'
    // `Source`s, which the slices borrow
    let sources = (0..layout.inputs.len())
        .filter(|&k| layout.operand_reads[k] != OperandRead::View)
        .map(|k| {
            let source = names.source(k);
            quote!(let #source = &#source;)
        });
    Some(quote! {
        #(#sources)*
        #private::on_blocks(
            &mut #result_data[..],
            #block_rows * #row,
            #block_rows,
            move |#block_start: usize, #result_data: &mut [_]| {
                #(#intermediates)*
                let #block_end = if #extent - #block_start < #block_rows {
                    #extent
                } else {
                    #block_start + #block_rows
                };
                for #tile_start in (#block_start..#block_end).step_by(#tile_rows) {
                    let #extent = if #extent - #tile_start < #tile_rows {
                        #extent - #tile_start
                    } else {
                        #tile_rows
                    };
                    #(#operands)*
                    let #result_data = &mut #result_data[(#tile_start - #block_start) * #row..];
                    #steps
                }
            },
        );
    })
}

/// The offset of the tile's first position in a row-major `tensor` that has the tiled index:
/// `tile_start` times that index's stride (`None` if the tensor does not have it).
fn start_of_tile(
    layout: &Layout,
    names: &Names,
    tile: Tile,
    tensor: TensorId,
) -> Option<TokenStream> {
    let axes = layout.axes(tensor);
    let axis = axes.iter().position(|&a| a == tile.index)?;
    let tile_start = &names.tile_start;
    let stride = if axis + 1 == axes.len() {
        quote!(1usize)
    } else {
        let stride = names.stride(tensor, axis);
        quote!(#stride)
    };
    Some(quote!(#tile_start * #stride))
}

/// Each operand that has the tiled index, rebound to its data from the tile's first position.
fn operands_from_tile_start(layout: &Layout, names: &Names, tile: Tile) -> Vec<TokenStream> {
    (0..layout.inputs.len())
        .filter_map(|k| {
            let tensor = TensorId::Input(k);
            let (data, start) = (
                names.data(tensor),
                start_of_tile(layout, names, tile, tensor)?,
            );
            Some(quote!(let #data = &#data[#start..];))
        })
        .collect()
}

/// The cost of an order's loop nests, as an `f64` expression of the extents: their
/// multiply-adds, those of a step the GEMM runs (for this element type and these extents)
/// weighted by [`GEMM_COST_FACTOR`], as the plan's choice of candidates weighs them.
fn cost(order: &Order, names: &Names) -> TokenStream {
    let nests = order.steps.iter().map(|step| {
        let extents = step.loops.iter().map(|l| names.extent(l.index));
        let madds = quote!((1.0 #(* #extents as f64)*));
        match &step.product {
            // (a product over every position of `...` is the only step of the only order)
            Some(product) if !product.over_every_position() => {
                let pays = gemm::pays(names, product);
                quote!((if #pays { #GEMM_COST_FACTOR } else { 1.0 }) * #madds)
            }
            _ => madds,
        }
    });
    quote!(0.0 #(+ #nests)*)
}

/// Read-only borrows of the intermediates a step reads, and a mutable one of the one it writes.
fn intermediates_borrowed(step: &Step, names: &Names) -> TokenStream {
    let reads = step.factors.iter().filter_map(|&f| match f {
        TensorId::Intermediate(i) => {
            let (buffer, data) = (names.intermediate_buffer(i), names.data(f));
            Some(quote!(let #data = &#buffer[..];))
        }
        _ => None,
    });
    let write = match step.result {
        TensorId::Intermediate(i) => {
            let (buffer, data) = (names.intermediate_buffer(i), names.data(step.result));
            quote!(let #data = &mut #buffer[..];)
        }
        _ => quote!(),
    };
    quote!(#(#reads)* #write)
}

/// Runs `body` once per position of the broadcast `...` axes, with each tensor whose term has
/// `...` offset to that position.
fn walk_over_ellipsis_axes(layout: &Layout, names: &Names, body: TokenStream) -> TokenStream {
    let private = quote!(::einsum::__private);
    let tensors: Vec<TensorId> = (0..layout.inputs.len())
        .map(TensorId::Input)
        .chain([TensorId::Output])
        .filter(|&t| layout.ellipsis(t).is_some())
        .collect();
    let axes = tensors.iter().map(|&t| {
        let split = names.split(t);
        quote!(&#split.ellipsis)
    });
    let bases = tensors.iter().map(|&t| names.base(t));
    let broadcast_shape = &names.broadcast_shape;
    let offsets = Names::ident("ellipsis_offsets");
    quote! {
        for #offsets in #private::walk(&#broadcast_shape, [#(#axes),*]) {
            let [#(#bases),*] = #offsets;
            #body
        }
    }
}
