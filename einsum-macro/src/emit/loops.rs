//! The loop tier: one nest of the plan as loops over plain slices, every element read without
//! a bounds check (see the [module docs](super) for why that is sound).

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::names::Names;
use super::strides;
use crate::plan::{Layout, Order, OutputKind, Step, SumStart, TensorId, Write};

/// The loop nest of `step` (of `order`), wrapped in a kernel function (see
/// [`StepEmitter::in_kernel_fn`]).
pub(super) fn loop_nest(layout: &Layout, order: &Order, names: &Names, step: &Step) -> TokenStream {
    let emitter = StepEmitter {
        layout,
        order,
        names,
        step,
    };
    emitter.in_kernel_fn(emitter.emit())
}

/// Emits one loop nest.
struct StepEmitter<'a> {
    layout: &'a Layout,
    order: &'a Order,
    names: &'a Names,
    step: &'a Step,
}

impl StepEmitter<'_> {
    fn emit(&self) -> TokenStream {
        let before_the_loops: Vec<TokenStream> = self.reads_at(None);
        match self.step.write_depth {
            Some(_) => self.nest(0, before_the_loops),
            None => {
                let mut factors = before_the_loops;
                if !self.step.loops.is_empty() {
                    factors.push(self.sum(0));
                }
                let value = self.product(factors);
                self.write(value)
            }
        }
    }

    /// Whether the step writes the call's scalar result, a `&mut T` rather than a slice.
    fn writes_a_scalar(&self) -> bool {
        self.step.result == TensorId::Output && self.layout.output_kind == OutputKind::Scalar
    }

    /// Wraps the nest in a nested function that takes the result as `&mut [T]` and every
    /// tensor it reads as `&[T]`, and calls it. The compiler knows that function parameters of
    /// those types do not alias, and keeps knowing it once the function is inlined, so it can
    /// vectorise the loops and keep values in registers across stores to the result.
    ///
    /// It is always inlined where the optimiser runs. Builds with debug assertions (the dev
    /// profile) only hint it: there nothing is gained by inlining, and forcing it cost 16 % of
    /// the dev build time of `./bench/compile-cost`'s calls, with the helpers each read calls.
    fn in_kernel_fn(&self, body: TokenStream) -> TokenStream {
        let private = quote!(::einsum::__private);
        let element = Names::ident("T");
        let kernel = Names::ident("kernel");
        let mut params = Vec::new();
        let mut args = Vec::new();
        let result = self.names.data(self.step.result);
        let result_type = if self.writes_a_scalar() {
            quote!(&mut #element)
        } else {
            quote!(&mut [#element])
        };
        params.push(quote!(#result: #result_type));
        args.push(quote!(&mut *#result));
        // an empty slice stands for the element type in `zero`/`one`
        let like = self.names.like(0);
        params.push(quote!(#like: &[#element]));
        args.push(quote!(#like));
        for &tensor in &self.step.factors {
            let data = self.names.data(tensor);
            params.push(quote!(#data: &[#element]));
            args.push(quote!(#data));
        }
        let mut scalars: Vec<Ident> = self
            .step
            .loops
            .iter()
            .map(|l| self.names.extent(l.index))
            .collect();
        for &tensor in self.step.factors.iter().chain([&self.step.result]) {
            let axes = 0..self.order.axes(self.layout, tensor).len();
            scalars.extend(axes.filter_map(|axis| self.stride(tensor, axis)));
            if self.layout.ellipsis(tensor).is_some() {
                scalars.push(self.names.base(tensor));
            }
        }
        params.extend(scalars.iter().map(|name| quote!(#name: usize)));
        args.extend(scalars.iter().map(|name| quote!(#name)));
        quote! {
            #[cfg_attr(not(debug_assertions), inline(always))]
            #[cfg_attr(debug_assertions, inline)]
            #[allow(unsafe_code, unused_variables, unused_parens, clippy::all)]
            fn #kernel<#element: #private::Scalar>(#(#params),*) { #body }
            #kernel(#(#args),*);
        }
    }

    /// The loops from `depth` down to the write, carrying the product of factors read so far.
    fn nest(&self, depth: usize, mut carried: Vec<TokenStream>) -> TokenStream {
        let write_depth = self
            .step
            .write_depth
            .expect("nest is only used for non-scalar results");
        let this = self.step.loops[depth];
        let variable = self.names.loop_variable(this.index);
        let extent = self.names.extent(this.index);
        carried.extend(self.reads_at(Some(depth)));
        let (hoist, carried) = if this.hoists {
            let product_name = format_ident!("factor_{}", depth, span = Span::mixed_site());
            let product = self.product(carried);
            (
                quote!(let #product_name = #product;),
                vec![quote!(#product_name)],
            )
        } else {
            (quote!(), carried)
        };
        let body = if depth == write_depth {
            let mut factors = carried;
            if depth + 1 < self.step.loops.len() {
                factors.push(self.sum(depth + 1));
            }
            self.write(self.product(factors))
        } else {
            self.nest(depth + 1, carried)
        };
        quote!(for #variable in 0..#extent { #hoist #body })
    }

    /// The sum over the loops from `depth` inwards, each level multiplying in its own factors.
    fn sum(&self, depth: usize) -> TokenStream {
        let private = quote!(::einsum::__private);
        let like = self.names.like(0);
        let this = self.step.loops[depth];
        let variable = self.names.loop_variable(this.index);
        let extent = self.names.extent(this.index);
        let mut factors = self.reads_at(Some(depth));
        if depth + 1 < self.step.loops.len() {
            factors.push(self.sum(depth + 1));
        }
        let term = self.product(factors);
        let acc = format_ident!("sum_{}", depth, span = Span::mixed_site());
        let start = match this.accumulator {
            Some(SumStart::Zero) => quote!(#private::zero(#like)),
            Some(SumStart::Neutral) => quote!(#private::sum_start(#like)),
            None => unreachable!("the plan gives every loop inside the write an accumulator"),
        };
        quote!({
            let mut #acc = #start;
            for #variable in 0..#extent { #acc = #acc + #term; }
            #acc
        })
    }

    /// `a * b * ...`; with no factors, the element type's one.
    fn product(&self, factors: Vec<TokenStream>) -> TokenStream {
        let mut factors = factors.into_iter();
        match factors.next() {
            Some(first) => factors.fold(first, |acc, f| quote!(#acc * #f)),
            None => {
                let like = self.names.like(0);
                quote!(::einsum::__private::one(#like))
            }
        }
    }

    /// The reads of every factor placed at `depth` (`None`: before all loops).
    fn reads_at(&self, depth: Option<usize>) -> Vec<TokenStream> {
        self.step
            .factors
            .iter()
            .zip(&self.step.factor_depth)
            .filter(|&(_, d)| *d == depth)
            .map(|(&tensor, _)| {
                let data = self.names.data(tensor);
                let offset = self.offset(tensor);
                quote!(unsafe { ::einsum::__private::read(#data, #offset) })
            })
            .collect()
    }

    /// The stride binding of an axis of `tensor`; `None` for a last axis of stride 1.
    fn stride(&self, tensor: TensorId, axis: usize) -> Option<Ident> {
        let last = axis + 1 == self.order.axes(self.layout, tensor).len();
        (!last || !strides::last_axis_is_contiguous(self.layout, tensor))
            .then(|| self.names.stride(tensor, axis))
    }

    fn offset(&self, tensor: TensorId) -> TokenStream {
        let axes = self.order.axes(self.layout, tensor);
        let mut terms: Vec<TokenStream> = axes
            .iter()
            .enumerate()
            .map(|(axis, &index)| {
                let variable = self.names.loop_variable(index);
                match self.stride(tensor, axis) {
                    Some(stride) => quote!(#variable * #stride),
                    None => quote!(#variable),
                }
            })
            .collect();
        if self.layout.ellipsis(tensor).is_some() {
            let base = self.names.base(tensor);
            terms.insert(0, quote!(#base));
        }
        if terms.is_empty() {
            quote!(0)
        } else {
            quote!(#(#terms)+*)
        }
    }

    fn write(&self, value: TokenStream) -> TokenStream {
        let data = self.names.data(self.step.result);
        if self.writes_a_scalar() {
            return match self.step.write {
                Write::Add => quote!(*#data = *#data + #value;),
                Write::Store => quote!(*#data = #value;),
            };
        }
        let offset = self.offset(self.step.result);
        let slot = quote!(unsafe { ::einsum::__private::slot(#data, #offset) });
        match self.step.write {
            Write::Add => quote!({ let slot = #slot; *slot = *slot + #value; }),
            Write::Store => quote!(*#slot = #value;),
        }
    }
}
