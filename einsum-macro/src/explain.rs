//! Explain: a plan and its generated code as text, for `explain!`.

use core::fmt::Write as _;

use crate::emit::{self, Failure};
use crate::input::Call;
use crate::plan::{Plan, TensorId};

/// The plan of `call`, step by step, followed by the code `einsum!` generates for it.
pub fn explain(plan: &Plan, call: &Call) -> String {
    let mut text = describe(plan);
    let code = emit::emit(plan, call, Failure::Panic);
    let file = syn::parse2::<syn::File>(quote::quote!(fn einsum_call() { #code }));
    text.push_str("\ngenerated code:\n");
    match file {
        Ok(file) => text.push_str(&prettyplease::unparse(&file)),
        Err(_) => text.push_str(&code.to_string()),
    }
    text
}

/// The plan in words: where each index takes its extent, then each loop nest.
pub fn describe(plan: &Plan) -> String {
    let name = |tensor: TensorId| -> String {
        let axes: String = plan.axes(tensor).iter().map(|&i| plan.letters[i]).collect();
        match tensor {
            TensorId::Input(k) => format!("operand {k}[{axes}]"),
            TensorId::Intermediate(i) => format!("partial {i}[{axes}]"),
            TensorId::Output => format!("result[{axes}]"),
        }
    };
    let mut text = String::from("indices:\n");
    for (index, &(k, axis)) in plan.extent_source.iter().enumerate() {
        let _ = writeln!(
            text,
            "  {}: extent of operand {k} axis {axis}",
            plan.letters[index]
        );
    }
    for (n, step) in plan.steps.iter().enumerate() {
        let factors: Vec<String> = step.factors.iter().map(|&f| name(f)).collect();
        let _ = writeln!(
            text,
            "step {}: {} = {}",
            n + 1,
            name(step.result),
            factors.join(" * ")
        );
        for (depth, l) in step.loops.iter().enumerate() {
            let reads: Vec<String> = step
                .factors
                .iter()
                .zip(&step.factor_depth)
                .filter(|&(_, d)| *d == Some(depth))
                .map(|(&f, _)| name(f))
                .collect();
            let role = if l.summed { "sum over" } else { "for each" };
            let _ = write!(
                text,
                "  {}{role} {}",
                "  ".repeat(depth),
                plan.letters[l.index]
            );
            if !reads.is_empty() {
                let _ = write!(text, ": read {}", reads.join(", "));
            }
            if step.write_depth == Some(depth) {
                let how = if step.accumulates { "add to" } else { "store" };
                let _ = write!(text, "; {how} {}", name(step.result));
            }
            text.push('\n');
        }
    }
    text
}
