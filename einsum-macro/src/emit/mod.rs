//! Emit: a [`Plan`] → tokens. The only module that writes Rust code.
//!
//! The code has two parts. First the one shape check: every operand is viewed at the rank its
//! term names (a wrong static rank is a trait error at the operand), every index takes its
//! extent from its first axis and every other axis with that index is compared with it. Then
//! the loop nests of the plan read elements without bounds checks.
//!
//! Why the unchecked reads are sound: every loop variable runs below its index's extent; every
//! axis of every tensor was checked equal to that extent; a view's data length is the product
//! of its shape (its constructor checks it); so `offset = Σ index × stride` is at most
//! `Σ (extent − 1) × stride = length − 1`. Debug builds assert it at every read.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

mod product;

use crate::input::{Call, Destination};
use crate::plan::{GEMM_COST_FACTOR, IndexId, Plan, Step, TensorId};

/// Whether a shape mismatch panics (`einsum!`) or is returned (`try_einsum!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Panic,
    Return,
}

/// The code of one call. `plans` are the candidate contraction orders (see
/// [`plans`](crate::plan::plans)); they share everything but their steps, so the shape check
/// comes from the first.
pub fn emit(plans: &[Plan], call: &Call, failure: Failure) -> TokenStream {
    let plan = &plans[0];
    let names = Names::new();
    let private = quote!(::einsum::__private);
    let subscripts = call.subscripts.value();
    let label = &names.label;

    let bind_operands = call.operands.iter().enumerate().map(|(k, expr)| {
        let op = names.operand(k);
        quote_spanned!(expr.span()=> let #op = &(#expr);)
    });
    // The buffer is viewed in the scrutinee of a `match` around everything else, so that a
    // temporary buffer (`TensorMut::new(..).unwrap()`) lives as long as the computation, and
    // through a method call, so that a `&mut` buffer in an immutable binding is reborrowed.
    let output_kind = OutputKind::of(plan);
    let (bind_buffer, buffer_scrutinee) = match (&call.destination, output_kind) {
        (Destination::Buffer { buffer, .. }, OutputKind::Scalar) => {
            let scrutinee = quote_spanned!(buffer.span()=> (#buffer).einsum_scalar_slot());
            (quote!(use #private::ScalarOutput as _;), Some(scrutinee))
        }
        (Destination::Buffer { buffer, .. }, OutputKind::Static) => {
            let rank = plan.output.len();
            let scrutinee = quote_spanned!(buffer.span()=> (#buffer).einsum_output::<#rank>());
            (quote!(use #private::OutputBuffer as _;), Some(scrutinee))
        }
        (Destination::Buffer { buffer, .. }, OutputKind::Dynamic { .. }) => {
            let scrutinee = quote_spanned!(buffer.span()=> (#buffer).einsum_dyn_output());
            (quote!(use #private::DynOutputBuffer as _;), Some(scrutinee))
        }
        (Destination::Owned, _) => (quote!(), None),
    };

    let places: Vec<TokenStream> = call
        .operands
        .iter()
        .enumerate()
        .map(|(k, expr)| place_of_operand(k, expr))
        .collect();
    let views = call.operands.iter().enumerate().map(|(k, expr)| {
        let rank = plan.inputs[k].len();
        let (op, view, shape, data) = (
            names.operand(k),
            names.view(k),
            names.shape(k),
            names.data(TensorId::Input(k)),
        );
        let place = &places[k];
        // an operand in another layout is read through a row-major copy, made here
        let copy = names.copy(k);
        // spanned at the operand, so that a type error about its rank points at it
        let viewed = match plan.ellipsis(TensorId::Input(k)) {
            None => {
                let view_call =
                    quote_spanned!(expr.span()=> #private::view::<#rank, _>(#op, &#copy));
                let checked_view = view_or_break(&names, &subscripts, view_call, place, rank);
                quote_spanned! {expr.span()=>
                    let #copy = #private::row_major_copy::<#rank, _>(#op);
                    let #view = #checked_view;
                    let #shape = #view.shape();
                }
            }
            Some(before) => {
                let view_call = quote_spanned!(expr.span()=> #private::dyn_view::<_>(#op, &#copy));
                let checked_view = dyn_view_or_break(&names, view_call, place);
                let split = names.split(TensorId::Input(k));
                let checked_split = split_or_break(&names, &subscripts, &view, rank, before, place);
                quote_spanned! {expr.span()=>
                    let #copy = #private::dyn_row_major_copy::<_>(#op);
                    let #view = #checked_view;
                    let #split = #checked_split;
                    let #shape = #split.extents;
                }
            }
        };
        let first_data = names.data(TensorId::Input(0));
        quote_spanned! {expr.span()=>
            #viewed
            let #data = #view.data();
            #private::same_element_type(#first_data, #data);
        }
    });

    let extents = plan
        .extent_source
        .iter()
        .enumerate()
        .map(|(index, &(k, axis))| {
            let extent = names.extent(index);
            let shape = names.shape(k);
            quote!(let #extent: usize = #shape[#axis];)
        });

    let checker = ExtentChecker {
        plan,
        names: &names,
        subscripts: &subscripts,
        places: &places,
    };
    let input_checks = plan.inputs.iter().enumerate().flat_map(|(k, axes)| {
        let shape = names.shape(k);
        let checker = &checker;
        axes.iter()
            .enumerate()
            .filter(move |&(axis, &index)| plan.extent_source[index] != (k, axis))
            .map(move |(axis, &index)| {
                checker.check(quote!(#shape[#axis]), index, &checker.places[k])
            })
    });

    let strides = plan.inputs.iter().enumerate().map(|(k, axes)| {
        let tensor = TensorId::Input(k);
        if plan.ellipsis(tensor).is_some() {
            return split_strides(plan, &names, tensor);
        }
        let shape = names.shape(k);
        let extents: Vec<TokenStream> = (0..axes.len()).map(|axis| quote!(#shape[#axis])).collect();
        row_major_strides(&names, tensor, &extents)
    });

    // the extents the `...` axes of all operands broadcast to
    let broadcast_shape = &names.broadcast_shape;
    let broadcast = plan.ellipses.as_ref().map(|ellipses| {
        let operands = (0..plan.inputs.len())
            .filter(|&k| ellipses.inputs[k].is_some())
            .map(|k| {
                let (split, place) = (names.split(TensorId::Input(k)), &places[k]);
                quote!((&#split.ellipsis, #place))
            });
        let output_without_ellipsis = match output_kind {
            OutputKind::Dynamic { .. } => quote!(),
            _ => {
                let check = quote!(#private::check_no_ellipsis(#subscripts, &#broadcast_shape));
                let checked = ok_or_break(&names, check, quote!(error));
                quote!(#checked;)
            }
        };
        let shape = quote!(#private::broadcast(#subscripts, [#(#operands),*]));
        let shape = ok_or_break(&names, shape, quote!(error));
        quote! {
            let #broadcast_shape = #shape;
            #output_without_ellipsis
        }
    });

    let output_rank = plan.output.len();
    let output_extents: Vec<Ident> = plan.output.iter().map(|&i| names.extent(i)).collect();
    let result_data = names.data(TensorId::Output);
    let result_buffer = &names.result_buffer;
    // every buffer the code allocates takes its element type from the first operand's data
    let result_buffer_like = names.data(TensorId::Input(0));

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
            let layout = ok_or_break(&names, layout, quote!(error));
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
            let count = checked_count(&names, &subscripts, quote!(Result), &output_extents);
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
            let checks = plan
                .output
                .iter()
                .enumerate()
                .map(|(axis, &index)| checker.check(quote!(#shape[#axis]), index, &place));
            let viewed = match kind {
                OutputKind::Dynamic { before } => {
                    let check = quote!(#private::check_output_ellipsis(
                        #subscripts, #place, &#result_split.ellipsis, &#broadcast_shape));
                    let checked_ellipsis = ok_or_break(&names, check, quote!(error));
                    let checked_view = dyn_view_or_break(&names, view_call, &place);
                    let checked_split =
                        split_or_break(&names, &subscripts, view, output_rank, before, &place);
                    quote! {
                        let mut #view = #checked_view;
                        let #result_split = #checked_split;
                        let #shape = #result_split.extents;
                        #checked_ellipsis;
                    }
                }
                _ => {
                    let checked_view =
                        view_or_break(&names, &subscripts, view_call, &place, output_rank);
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
        OutputKind::Dynamic { .. } => split_strides(plan, &names, TensorId::Output),
        _ => {
            let extents: Vec<TokenStream> = output_extents.iter().map(|e| quote!(#e)).collect();
            row_major_strides(&names, TensorId::Output, &extents)
        }
    };
    let accumulate_into_buffer = matches!(
        call.destination,
        Destination::Buffer {
            accumulate: true,
            ..
        }
    );
    let assigns_to_buffer = matches!(
        call.destination,
        Destination::Buffer {
            accumulate: false,
            ..
        }
    ) && output_kind != OutputKind::Scalar;

    // the loop nests of one candidate plan, with the intermediates they go through
    let schedule = |plan: &Plan| {
        let clear_buffer = assigns_to_buffer && plan.steps.last().is_some_and(|s| s.accumulates);
        let intermediates = plan.intermediates.iter().enumerate().map(|(i, axes)| {
            let tensor = TensorId::Intermediate(i);
            let buffer = names.intermediate_buffer(i);
            let extent_names: Vec<Ident> = axes.iter().map(|&a| names.extent(a)).collect();
            let extents: Vec<TokenStream> = extent_names.iter().map(|e| quote!(#e)).collect();
            let strides = row_major_strides(&names, tensor, &extents);
            let count = checked_count(&names, &subscripts, quote!(Intermediate), &extent_names);
            quote! {
                let mut #buffer = #private::zeros(#result_buffer_like, #count);
                #strides
            }
        });
        let clear = if clear_buffer {
            quote!(#result_data.fill(#private::zero(#result_buffer_like));)
        } else {
            quote!()
        };
        let steps = plan.steps.iter().map(|step| {
            let write_mode = if step.result == TensorId::Output && accumulate_into_buffer {
                Write::Add
            } else {
                Write::Store
            };
            let emitter = StepEmitter {
                plan,
                names: &names,
                step,
                write_mode,
                scalar_output: output_kind == OutputKind::Scalar,
            };
            let body = emitter.in_kernel_fn(emitter.emit());
            let body = match &step.product {
                Some(product) => {
                    let accumulate = write_mode == Write::Add;
                    product::gemm_or_loops(plan, &names, step, product, accumulate, body)
                }
                None => body,
            };
            let borrows = intermediates_borrowed(step, &names);
            // inside a walk over the `...` axes an intermediate is reused for every position,
            // so one that is summed into starts again from zero at each
            let restart = match step.result {
                TensorId::Intermediate(_) if step.accumulates && plan.ellipses.is_some() => {
                    let data = names.data(step.result);
                    quote!(#data.fill(#private::zero(#result_buffer_like));)
                }
                _ => quote!(),
            };
            quote!({ #borrows #restart #body })
        });
        let steps = quote!(#(#steps)*);
        // with `...`, every step runs for one position of the `...` axes before the next
        // position: the intermediates hold the named axes only
        let steps = match plan.ellipses {
            Some(_) => walk_over_ellipsis_axes(plan, &names, steps),
            None => steps,
        };
        quote!(#(#intermediates)* #clear #steps)
    };
    let run = match plans {
        [only] => schedule(only),
        _ => {
            let costs = plans.iter().map(|plan| cost(plan, &names));
            let last = plans.len() - 1;
            let arms = plans.iter().enumerate().map(|(k, plan)| {
                let body = schedule(plan);
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
    };

    let outcome = match failure {
        Failure::Panic => {
            let result = &names.result;
            quote!(match #result { #private::Ok(value) => value, #private::Err(error) => #private::shape_panic(error) })
        }
        Failure::Return => {
            let result = &names.result;
            quote!(#result)
        }
    };
    let result = &names.result;
    let computation = quote! {
        // the shape check breaks out of the labeled block with its error; the value is in
        // parentheses because a path after a label reads as a second label to some parsers
        #[allow(unsafe_code, unused_mut, unused_variables, unused_parens, clippy::all)]
        let #result: #private::Result<_, #private::ShapeError> = #label: {
            #(#views)*
            #(#extents)*
            #(#input_checks)*
            #(#strides)*
            #broadcast
            #prepare_result
            #result_strides
            #run
            #private::Ok(#finish)
        };
        #outcome
    };
    let computation = match buffer_scrutinee {
        Some(scrutinee) => {
            let out = &names.buffer;
            quote!(match #scrutinee { #out => { #computation } })
        }
        None => computation,
    };
    quote! {{
        #(#bind_operands)*
        #bind_buffer
        #computation
    }}
}

/// The cost of a plan's loop nests, as an `f64` expression of the extents: their
/// multiply-adds, those of a step the GEMM runs (for this element type and these extents)
/// weighted by [`GEMM_COST_FACTOR`], as the plan's choice of candidates weighs them.
fn cost(plan: &Plan, names: &Names) -> TokenStream {
    let nests = plan.steps.iter().map(|step| {
        let extents = step.loops.iter().map(|l| names.extent(l.index));
        let madds = quote!((1.0 #(* #extents as f64)*));
        match &step.product {
            Some(product) => {
                let pays = product::pays(names, product);
                quote!((if #pays { #GEMM_COST_FACTOR } else { 1.0 }) * #madds)
            }
            None => madds,
        }
    });
    quote!(0.0 #(+ #nests)*)
}

/// The element count of a tensor with these extents that the code allocates, or a break out
/// of the shape check when it does not fit in `usize` (`tensor` names an `OversizedTensor`).
fn checked_count(
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

/// `result` (a `Result` expression) unwrapped, or a break out of the shape check with
/// `shape_error`, an expression of the `ShapeError` built from the failure bound as `error`.
fn ok_or_break(names: &Names, result: TokenStream, shape_error: TokenStream) -> TokenStream {
    let private = quote!(::einsum::__private);
    let label = &names.label;
    quote! {
        match #result {
            #private::Ok(value) => value,
            #private::Err(error) => break #label (#private::Err(#shape_error)),
        }
    }
}

/// `view_call` unwrapped, or a break out of the check with a rank error for `place`.
fn view_or_break(
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

/// `view_call` (a run-time-rank view) unwrapped, or a break out of the check with the error
/// for a tensor of more axes than a run-time shape holds.
fn dyn_view_or_break(names: &Names, view_call: TokenStream, place: &TokenStream) -> TokenStream {
    let private = quote!(::einsum::__private);
    let error = quote!(#private::too_many_axes_error(#place, error));
    ok_or_break(names, view_call, error)
}

/// The shape of `view` split around the `...` of a term with `rank` indices, `before` of them
/// ahead of it, or a break out of the check when it has too few axes.
fn split_or_break(
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

/// What the result of a call is, which decides how it is allocated, viewed and indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutputKind {
    /// No axes and no `...`: a plain value.
    Scalar,
    /// The axes its indices name, a rank known at compile time.
    Static,
    /// A term with `...`, `before` indices ahead of it: its rank is known at run time.
    Dynamic { before: usize },
}

impl OutputKind {
    fn of(plan: &Plan) -> Self {
        match plan.ellipsis(TensorId::Output) {
            Some(before) => OutputKind::Dynamic { before },
            None if plan.output.is_empty() => OutputKind::Scalar,
            None => OutputKind::Static,
        }
    }
}

/// Whether the last axis of the tensor has stride 1: always, unless its term ends in `...`.
fn last_axis_is_contiguous(plan: &Plan, tensor: TensorId) -> bool {
    plan.ellipsis(tensor)
        .is_none_or(|before| before < plan.axes(tensor).len())
}

/// `let` bindings for the strides of a tensor split around its `...` (the last axis gets none
/// when its stride is 1).
fn split_strides(plan: &Plan, names: &Names, tensor: TensorId) -> TokenStream {
    let split = names.split(tensor);
    let mut bound = plan.axes(tensor).len();
    if last_axis_is_contiguous(plan, tensor) {
        bound = bound.saturating_sub(1);
    }
    let bindings = (0..bound).map(|axis| {
        let stride = names.stride(tensor, axis);
        quote!(let #stride: usize = #split.strides[#axis];)
    });
    quote!(#(#bindings)*)
}

/// Runs `body` once per position of the broadcast `...` axes, with each tensor whose term has
/// `...` offset to that position.
fn walk_over_ellipsis_axes(plan: &Plan, names: &Names, body: TokenStream) -> TokenStream {
    let private = quote!(::einsum::__private);
    let tensors: Vec<TensorId> = (0..plan.inputs.len())
        .map(TensorId::Input)
        .chain([TensorId::Output])
        .filter(|&t| plan.ellipsis(t).is_some())
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

/// How a nest stores a result element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Store,
    Add,
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

/// Emits the comparisons of axes against the extents their indices took.
struct ExtentChecker<'a> {
    plan: &'a Plan,
    names: &'a Names,
    subscripts: &'a str,
    places: &'a [TokenStream],
}

impl ExtentChecker<'_> {
    /// `found` (an axis extent of the tensor at `place`) must equal the extent of `index`.
    fn check(&self, found: TokenStream, index: IndexId, place: &TokenStream) -> TokenStream {
        let private = quote!(::einsum::__private);
        let (label, subscripts) = (&self.names.label, self.subscripts);
        let extent = self.names.extent(index);
        let letter = self.plan.letters[index];
        let source_place = &self.places[self.plan.extent_source[index].0];
        quote! {
            if #found != #extent {
                break #label (#private::Err(#private::extent_error(
                    #subscripts, #letter, #place, #found, #extent, #source_place)));
            }
        }
    }
}

/// `let` bindings for the row-major strides of a tensor with the given extents (the last
/// axis has stride 1 and gets no binding).
fn row_major_strides(names: &Names, tensor: TensorId, extents: &[TokenStream]) -> TokenStream {
    let bindings = (0..extents.len().saturating_sub(1)).map(|axis| {
        let stride = names.stride(tensor, axis);
        let later = &extents[axis + 1..];
        quote!(let #stride: usize = 1 #(* #later)*;)
    });
    quote!(#(#bindings)*)
}

fn place_of_operand(k: usize, expr: &syn::Expr) -> TokenStream {
    let text = source_text(expr);
    quote!(::einsum::__private::Place::Operand { position: #k, text: #text })
}

fn place_of_output(expr: &syn::Expr) -> TokenStream {
    let text = source_text(expr);
    quote!(::einsum::__private::Place::Output { text: #text })
}

/// The expression as the user wrote it, or as tokens where the compiler cannot tell.
fn source_text(expr: &syn::Expr) -> String {
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

/// Where a sum sits. A sum inside another starts at `Scalar::SUM_START` (`-0.0` for floats,
/// which the compiler can drop from the first addition); the outer one starts at zero, which
/// makes the result the same to the bit: the inner sums then differ from zero-started ones
/// only in the sign of a zero, and adding such zeros to a sum that started at `0.0` gives the
/// same value.
#[derive(Clone, Copy)]
enum Sum {
    Outer,
    Inner,
}

/// Emits one loop nest.
struct StepEmitter<'a> {
    plan: &'a Plan,
    names: &'a Names,
    step: &'a Step,
    write_mode: Write,
    scalar_output: bool,
}

impl StepEmitter<'_> {
    fn emit(&self) -> TokenStream {
        let hoisted: Vec<TokenStream> = self.reads_at(None);
        match self.step.write_depth {
            Some(_) => self.nest(0, hoisted),
            None => {
                let mut factors = hoisted;
                if !self.step.loops.is_empty() {
                    factors.push(self.sum(0, Sum::Outer));
                }
                let value = self.product(factors);
                self.write(value)
            }
        }
    }

    /// Wraps the nest in a nested function that takes the result as `&mut [T]` and every
    /// tensor it reads as `&[T]`, and calls it. The compiler knows that function parameters of
    /// those types do not alias, and keeps knowing it once the function is inlined, so it can
    /// vectorise the loops and keep values in registers across stores to the result.
    fn in_kernel_fn(&self, body: TokenStream) -> TokenStream {
        let private = quote!(::einsum::__private);
        let element = Names::ident("T");
        let kernel = Names::ident("kernel");
        let mut params = Vec::new();
        let mut args = Vec::new();
        let result = self.names.data(self.step.result);
        let result_type = if self.step.result == TensorId::Output && self.scalar_output {
            quote!(&mut #element)
        } else {
            quote!(&mut [#element])
        };
        params.push(quote!(#result: #result_type));
        args.push(quote!(&mut *#result));
        // the first operand's data stands for the element type in `zero`/`one`
        let mut read: Vec<TensorId> = vec![TensorId::Input(0)];
        read.extend(
            self.step
                .factors
                .iter()
                .filter(|&&f| f != TensorId::Input(0)),
        );
        for &tensor in &read {
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
            let axes = 0..self.plan.axes(tensor).len();
            scalars.extend(axes.filter_map(|axis| self.stride(tensor, axis)));
            if self.plan.ellipsis(tensor).is_some() {
                scalars.push(self.names.base(tensor));
            }
        }
        params.extend(scalars.iter().map(|name| quote!(#name: usize)));
        args.extend(scalars.iter().map(|name| quote!(#name)));
        quote! {
            #[inline(always)]
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
        let variable = self.names.loop_variable(self.step.loops[depth].index);
        let extent = self.names.extent(self.step.loops[depth].index);
        let reads = self.reads_at(Some(depth));
        let new_reads = !reads.is_empty();
        carried.extend(reads);
        let (hoist, carried) = if depth < write_depth && (new_reads || carried.len() > 1) {
            // read and multiply once here rather than in every iteration of the loops inside:
            // a value in a local is not reloaded after each store to the result, which the
            // compiler cannot prove does not alias an operand
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
                factors.push(self.sum(depth + 1, Sum::Outer));
            }
            self.write(self.product(factors))
        } else {
            self.nest(depth + 1, carried)
        };
        quote!(for #variable in 0..#extent { #hoist #body })
    }

    /// The sum over the loops from `depth` inwards, each level multiplying in its own factors.
    fn sum(&self, depth: usize, level: Sum) -> TokenStream {
        let private = quote!(::einsum::__private);
        let like = self.names.data(TensorId::Input(0));
        let variable = self.names.loop_variable(self.step.loops[depth].index);
        let extent = self.names.extent(self.step.loops[depth].index);
        let mut factors = self.reads_at(Some(depth));
        if depth + 1 < self.step.loops.len() {
            factors.push(self.sum(depth + 1, Sum::Inner));
        }
        let term = self.product(factors);
        let acc = format_ident!("sum_{}", depth, span = Span::mixed_site());
        let start = match level {
            Sum::Outer => quote!(#private::zero(#like)),
            Sum::Inner => quote!(#private::sum_start(#like)),
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
                let like = self.names.data(TensorId::Input(0));
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
        let last = axis + 1 == self.plan.axes(tensor).len();
        (!last || !last_axis_is_contiguous(self.plan, tensor))
            .then(|| self.names.stride(tensor, axis))
    }

    fn offset(&self, tensor: TensorId) -> TokenStream {
        let axes = self.plan.axes(tensor);
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
        if self.plan.ellipsis(tensor).is_some() {
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
        if self.step.result == TensorId::Output && self.scalar_output {
            return match self.write_mode {
                Write::Add => quote!(*#data = *#data + #value;),
                Write::Store => quote!(*#data = #value;),
            };
        }
        let offset = self.offset(self.step.result);
        let slot = quote!(unsafe { ::einsum::__private::slot(#data, #offset) });
        if self.write_mode == Write::Add || self.step.accumulates {
            quote!({ let slot = #slot; *slot = *slot + #value; })
        } else {
            quote!(*#slot = #value;)
        }
    }
}

/// Identifiers of the generated code, all with mixed-site hygiene so they cannot collide with
/// the caller's names.
struct Names {
    label: syn::Lifetime,
    buffer: Ident,
    result: Ident,
    result_view: Ident,
    result_buffer: Ident,
    result_shape: Ident,
    broadcast_shape: Ident,
}

impl Names {
    fn new() -> Self {
        Names {
            label: syn::Lifetime::new("'einsum", Span::mixed_site()),
            buffer: Self::ident("buffer"),
            result: Self::ident("result"),
            result_view: Self::ident("result_view"),
            result_buffer: Self::ident("result_buffer"),
            result_shape: Self::ident("result_shape"),
            broadcast_shape: Self::ident("ellipsis_shape"),
        }
    }

    fn ident(name: &str) -> Ident {
        Ident::new(name, Span::mixed_site())
    }

    fn operand(&self, k: usize) -> Ident {
        format_ident!("operand_{}", k, span = Span::mixed_site())
    }

    fn view(&self, k: usize) -> Ident {
        format_ident!("view_{}", k, span = Span::mixed_site())
    }

    fn shape(&self, k: usize) -> Ident {
        format_ident!("shape_{}", k, span = Span::mixed_site())
    }

    fn data(&self, tensor: TensorId) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("data_{}", k, span = Span::mixed_site()),
            TensorId::Intermediate(i) => format_ident!("partial_{}", i, span = Span::mixed_site()),
            TensorId::Output => Self::ident("result_data"),
        }
    }

    /// The row-major copy of an operand, if its layout needs one.
    fn copy(&self, k: usize) -> Ident {
        format_ident!("copy_{}", k, span = Span::mixed_site())
    }

    /// A tensor's shape split around its `...`.
    fn split(&self, tensor: TensorId) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("split_{}", k, span = Span::mixed_site()),
            _ => Self::ident("result_split"),
        }
    }

    /// A tensor's offset at the current position of the `...` axes.
    fn base(&self, tensor: TensorId) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("base_{}", k, span = Span::mixed_site()),
            _ => Self::ident("result_base"),
        }
    }

    fn intermediate_buffer(&self, i: usize) -> Ident {
        format_ident!("partial_buffer_{}", i, span = Span::mixed_site())
    }

    fn stride(&self, tensor: TensorId, axis: usize) -> Ident {
        match tensor {
            TensorId::Input(k) => format_ident!("stride_{}_{}", k, axis, span = Span::mixed_site()),
            TensorId::Intermediate(i) => {
                format_ident!("partial_stride_{}_{}", i, axis, span = Span::mixed_site())
            }
            TensorId::Output => format_ident!("result_stride_{}", axis, span = Span::mixed_site()),
        }
    }

    fn extent(&self, index: IndexId) -> Ident {
        format_ident!("extent_{}", index, span = Span::mixed_site())
    }

    fn loop_variable(&self, index: IndexId) -> Ident {
        format_ident!("index_{}", index, span = Span::mixed_site())
    }
}
