//! Explain: a plan and its generated code as text, for `explain!`.

use core::fmt::Write as _;

use crate::emit::{self, Failure};
use crate::input::Call;
use crate::plan::{Layout, Order, Plan, TensorId, TiledResult};
use crate::tier::ELLIPSIS;

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

/// The plan in words: where each index takes its extent, then each candidate order.
pub fn describe(plan: &Plan) -> String {
    let layout = &plan.layout;
    let mut text = String::from("indices:\n");
    for (index, &(k, axis)) in layout.extent_source.iter().enumerate() {
        let _ = writeln!(
            text,
            "  {}: extent of operand {k} axis {axis}",
            layout.letters[index]
        );
    }
    if layout.ellipses.is_some() {
        text.push_str(
            "`...`: its axes broadcast at run time; the steps run once per position of them\n",
        );
    }
    for (k, read) in layout.operand_reads.iter().enumerate() {
        use crate::plan::OperandRead;
        let how = match read {
            OperandRead::View => {
                "viewed at the shape check, through a row-major copy if in another layout"
            }
            OperandRead::SourceRowsAtCheck => {
                "a GEMM step may read it at its own strides; the loops' row-major data (a copy \
                 if in another layout) is bound at the shape check"
            }
            OperandRead::SourceRowsWhereUsed => {
                "a GEMM step may read it at its own strides; the loops' row-major data (a copy \
                 if in another layout) is bound only where they run"
            }
        };
        let _ = writeln!(text, "operand {k}: {how}");
    }
    let orders = plan.orders.len();
    if orders > 1 {
        let _ = writeln!(
            text,
            "{orders} contraction orders; the generated code runs the one with the fewest \
             multiply-adds for the extents it finds"
        );
    }
    for (k, order) in plan.orders.iter().enumerate() {
        if orders > 1 {
            let _ = writeln!(text, "\norder {}:", k + 1);
        }
        text.push_str(&describe_order(layout, order));
    }
    text
}

/// One order in words: its tile, if any, then each loop nest.
fn describe_order(layout: &Layout, order: &Order) -> String {
    let name = |tensor: TensorId| -> String {
        let mut axes: String = order
            .axes(layout, tensor)
            .iter()
            .map(|&i| layout.letters[i])
            .collect();
        if let Some(before) = layout.ellipsis(tensor) {
            let at = axes
                .char_indices()
                .nth(before)
                .map_or(axes.len(), |(i, _)| i);
            axes.insert_str(at, "...");
        }
        match tensor {
            TensorId::Input(k) => format!("operand {k}[{axes}]"),
            TensorId::Intermediate(i) => format!("partial {i}[{axes}]"),
            TensorId::Output => format!("result[{axes}]"),
        }
    };
    let mut text = String::new();
    if let Some(tile) = order.tile {
        let last_step = match tile.result {
            TiledResult::Summed => "the last step adds each tile's sums to the result",
            TiledResult::Sliced => "the last step writes each tile's positions of the result",
        };
        let _ = writeln!(
            text,
            "tile by tile over {}: at least {} positions, {} elements per intermediate; \
             the intermediates hold one tile, {last_step}",
            layout.letters[tile.index], tile.min_rows, tile.elements
        );
    }
    for (n, step) in order.steps.iter().enumerate() {
        let factors: Vec<String> = step.factors.iter().map(|&f| name(f)).collect();
        let _ = writeln!(
            text,
            "step {}: {} = {}",
            n + 1,
            name(step.result),
            factors.join(" * ")
        );
        if let Some(product) = &step.product {
            let letters = |group: &[usize]| -> String {
                group
                    .iter()
                    .map(|&i| match i {
                        ELLIPSIS => "...".to_string(),
                        _ => layout.letters[i].to_string(),
                    })
                    .collect()
            };
            let _ = write!(
                text,
                "  f32/f64 with a summed extent of at least {}, at least {} multiply-adds and \
                 {} result elements: a GEMM, rows [{}] x columns [{}] summed over [{}]",
                product.min_summed,
                product.min_multiply_adds,
                product.min_result_elements,
                letters(&product.rows),
                letters(&product.cols),
                letters(&product.summed),
            );
            match (product.batch.is_empty(), layout.ellipses.is_some()) {
                _ if product.over_every_position() => {
                    text.push_str(", one over every position of `...`");
                }
                (true, false) => {}
                (true, true) => text.push_str(", one per position of `...`"),
                (false, false) => {
                    let _ = write!(text, ", one per [{}]", letters(&product.batch));
                }
                (false, true) => {
                    let _ = write!(
                        text,
                        ", one per [{}] and position of `...`",
                        letters(&product.batch)
                    );
                }
            }
            text.push_str("; otherwise the loops:\n");
        }
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
                layout.letters[l.index]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn described(subscripts: &str, operands: usize) -> String {
        let parsed = crate::parse::parse(subscripts).unwrap();
        describe(&crate::plan::plan(
            &crate::validate::validate(&parsed, operands).unwrap(),
            crate::plan::Destination::Owned,
        ))
    }

    #[test]
    fn a_matmul_reads_each_factor_where_its_indices_are_bound() {
        let text = described("ij,jk->ik", 2);
        assert!(
            text.contains("step 1: result[ik] = operand 0[ij] * operand 1[jk]"),
            "{text}"
        );
        assert!(text.contains("sum over j: read operand 0[ij]"), "{text}");
        assert!(
            text.contains(
                "f32/f64 with a summed extent of at least 8, at least 512 multiply-adds and \
                 64 result elements: a GEMM, rows [i] x columns [k] summed over [j]; otherwise the loops:"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_batched_matmul_is_one_gemm_per_batch_position() {
        let text = described("bij,bjk->bik", 2);
        assert!(
            text.contains("rows [i] x columns [k] summed over [j], one per [b];"),
            "{text}"
        );
    }

    #[test]
    fn an_ellipsis_matmul_is_one_gemm_per_position_of_the_ellipsis() {
        let text = described("...ij,...jk->...ik", 2);
        assert!(
            text.contains(
                "step 1: result[...ik] = operand 0[...ij] * operand 1[...jk]\n  f32/f64 with a \
                 summed extent of at least 8, at least 512 multiply-adds and 64 result \
                 elements: a GEMM, rows [i] x columns [k] summed over [j], one per position of \
                 `...`; otherwise the loops:"
            ),
            "{text}"
        );
        let text = described("b...ij,bjk->b...ik", 2);
        assert!(
            text.contains("summed over [j], one per [b] and position of `...`;"),
            "{text}"
        );
        // the rows `i` and `j` on either side of the `...`: not one axis at each position
        assert!(!described("i...jk,kn->j...in", 2).contains("GEMM"));
        // the `...` among the rows: one product over every position
        let text = described("...j,jk->...k", 2);
        assert!(
            text.contains(
                "a GEMM, rows [...] x columns [k] summed over [j], one over every position of \
                 `...`; otherwise the loops:"
            ),
            "{text}"
        );
        let text = described("i...jk,kn->i...jn", 2);
        assert!(
            text.contains("rows [i...j] x columns [n] summed over [k], one over every position"),
            "{text}"
        );
    }

    #[test]
    fn a_row_wise_dot_product_keeps_the_loops() {
        assert!(!described("ni,ni->n", 2).contains("GEMM"));
    }

    #[test]
    fn a_tiled_plan_says_how_its_tiles_reach_the_result() {
        let text = described("ni,ij,nj->n", 3);
        assert!(
            text.contains("tile by tile over n: at least 512 positions")
                && text.contains("the last step writes each tile's positions of the result"),
            "{text}"
        );
        let text = described("n,ni,nj->ij", 3);
        assert!(
            text.contains("the last step adds each tile's sums to the result"),
            "{text}"
        );
    }

    #[test]
    fn the_ellipsis_shows_where_the_term_has_it() {
        let text = described("i...j,j->...i", 2);
        assert!(
            text.contains("result[...i] = operand 0[i...j] * operand 1[j]"),
            "{text}"
        );
        assert!(text.contains("broadcast at run time"), "{text}");
    }

    #[test]
    fn each_operand_says_how_it_is_held() {
        let text = described("ij,jk->ik", 2);
        assert!(
            text.contains(
                "operand 0: a GEMM step may read it at its own strides; the loops' row-major \
                 data (a copy if in another layout) is bound only where they run"
            ),
            "{text}"
        );
        let text = described("ni,ni->n", 2);
        assert!(
            text.contains("operand 1: viewed at the shape check, through a row-major copy"),
            "{text}"
        );
    }
}
