//! Plan: a validated contraction → plain data saying which loops run, in what order, what each
//! loop sums, where each factor is read, and which intermediates a long chain goes through.
//!
//! Nothing here knows about tokens; `emit` turns a [`Plan`] into code and `explain` prints it.

use crate::tier::{ELLIPSIS, MatrixProduct, matrix_product, matrix_product_over_ellipsis};
use crate::validate::Contraction;

/// A position in [`Layout::letters`].
pub type IndexId = usize;

/// A tensor a step reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TensorId {
    /// The caller's operand at this position.
    Input(usize),
    /// A buffer the generated code allocates for a partial contraction.
    Intermediate(usize),
    /// The result: an owned buffer, the caller's buffer, or a scalar.
    Output,
}

/// One loop of a nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loop {
    pub index: IndexId,
    /// Whether the loop sums (its index is not an axis of the step's result).
    pub summed: bool,
    /// For a loop inside the write (or any loop of a nest with a scalar result), which sums
    /// in a local accumulator: the value that accumulator starts at. `None` for the loops
    /// around the write.
    pub accumulator: Option<SumStart>,
    /// For a loop around the write: whether the product of the factors read so far (by this
    /// loop and those outside it) is bound to a local at the top of its body, rather than
    /// multiplied again in every iteration of the loops inside. A value in a local is not
    /// reloaded after each store to the result, which the compiler cannot prove does not alias
    /// an operand.
    pub hoists: bool,
}

/// What a local accumulator starts at. A sum inside another starts at `Scalar::SUM_START`
/// (`-0.0` for floats, which the compiler can drop from the first addition); the outer one
/// starts at zero, which makes the result the same to the bit: the inner sums then differ from
/// zero-started ones only in the sign of a zero, and adding such zeros to a sum that started
/// at `0.0` gives the same value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumStart {
    /// The outermost local sum of a nest: zero.
    Zero,
    /// A sum inside another: the element type's `SUM_START`.
    Neutral,
}

/// How a nest writes one element of its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// `result = value`: each element is written once, from a value summed in a local.
    Store,
    /// `result = result + value`: a summed loop encloses the write, or the call adds into the
    /// caller's buffer (`out += ...`).
    Add,
}

/// Where a call's result goes, which decides how the last step writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A new value the code allocates (zeroed).
    Owned,
    /// The caller's buffer, overwritten (`out = ...`).
    Assign,
    /// The caller's buffer, added to (`out += ...`).
    Add,
}

/// What the result of a call is, which decides how it is allocated, viewed and indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// No axes and no `...`: a plain value.
    Scalar,
    /// The axes its indices name, a rank known at compile time.
    Static,
    /// A term with `...`, `before` indices ahead of it: its rank is known at run time.
    Dynamic { before: usize },
}

/// One loop nest: reads `factors`, multiplies them and sums into `result`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub factors: Vec<TensorId>,
    pub result: TensorId,
    /// Outermost first.
    pub loops: Vec<Loop>,
    /// For each factor, the depth of the innermost loop it depends on; its value is read and
    /// multiplied in there, once per iteration of that loop, not in deeper loops.
    /// `None` for a factor with no axes, read once before the nest.
    pub factor_depth: Vec<Option<usize>>,
    /// The depth of the innermost loop over a result axis, whose body writes one result
    /// element; `None` when the result is a scalar, written once after the nest.
    pub write_depth: Option<usize>,
    /// Whether a summed loop encloses the write, so the result is accumulated in memory
    /// (starting from zero) rather than summed in a local accumulator and stored once.
    pub accumulates: bool,
    /// Whether the step adds to the values its result already holds: the last step of an
    /// `out += ...` call. A GEMM then runs with its accumulate flag.
    pub adds_to_result: bool,
    /// How the nest writes a result element: [`Write::Add`] when it `accumulates` or
    /// `adds_to_result`.
    pub write: Write,
    /// Whether the result is set to zero before each position of the `...` axes, or each
    /// tile: an intermediate the nest accumulates into, reused at every position.
    pub zeroes_result_per_position: bool,
    /// The step as a matrix product of its two factors, when it is one: above a size
    /// threshold and for `f32`/`f64`, a GEMM runs it instead of the loops (see
    /// [`tier`](crate::tier)). In a call with `...`, over its named indices, once per position
    /// of the `...` axes; or, for the only step of such a call with the `...` among its rows or
    /// columns ([`MatrixProduct::over_every_position`]), once over all of them.
    pub product: Option<MatrixProduct>,
}

/// Everything `emit` needs, as plain data: what every candidate contraction order shares, and
/// the orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The indices, the operands, the result: the same whatever the order.
    pub layout: Layout,
    /// The candidate contraction orders, the first the cheapest when all extents are equal.
    /// With more than one, the generated code picks the cheapest for the extents it finds at
    /// run time.
    pub orders: Vec<Order>,
}

/// What every candidate order of a call shares: its indices, the axes of its operands and of
/// its result, and how the result is written when there is nothing to sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Every distinct index letter in order of first appearance.
    pub letters: Vec<char>,
    /// Where each index takes its extent: the first (input, axis) that carries it.
    pub extent_source: Vec<(usize, usize)>,
    /// The axes of each input operand.
    pub inputs: Vec<Vec<IndexId>>,
    /// The axes of the result.
    pub output: Vec<IndexId>,
    /// Where the terms have `...`, when an input has one. Such a call runs its steps, over
    /// the named indices, inside a walk over the broadcast `...` axes, whose rank is known only
    /// at run time.
    pub ellipses: Option<Ellipses>,
    /// What the result is.
    pub output_kind: OutputKind,
    /// When some index has extent 0, every element of the result is a sum over nothing (or
    /// there is no element), and the steps are skipped: loops over the other indices would
    /// run, however long, for nothing. Whether the caller's buffer is then set to zero (an
    /// `out = ...` call); an owned result is zero already, and `out += ...` adds nothing.
    pub zeroes_output_when_empty: bool,
    /// How the generated code holds each operand, the same in every order.
    pub operand_reads: Vec<OperandRead>,
}

/// How the generated code holds an operand, decided by the steps of every order that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperandRead {
    /// No matrix-product step reads it: viewed at the shape check, through a row-major copy
    /// when its layout is another (cheaper to compile than a `Source`). Also every operand of a
    /// term with `...`, viewed at its run-time rank.
    View,
    /// Held as a `Source`, which a matrix-product step reads at its own strides; the row-major
    /// data its loops read (a copy, for another layout) is bound at the shape check, because
    /// some order runs tile by tile and would otherwise copy it once per tile.
    SourceRowsAtCheck,
    /// Held as a `Source`; the row-major data its loops read is bound by the loop nest that
    /// reads it, when that nest runs, so a call whose GEMM reads it in place copies nothing.
    SourceRowsWhereUsed,
}

/// One candidate contraction order: the intermediates it goes through and its loop nests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The axes of each intermediate buffer.
    pub intermediates: Vec<Vec<IndexId>>,
    /// Loop nests in execution order; the last one writes the result.
    pub steps: Vec<Step>,
    /// Whether the caller's buffer is set to zero before the steps: an `out = ...` call whose
    /// last nest accumulates into its result.
    pub clears_output: bool,
    /// Whether the steps run tile by tile over one index, and how large a tile is.
    pub tile: Option<Tile>,
}

/// For each input and the output, how many of its indices come before its `...`, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ellipses {
    pub inputs: Vec<Option<usize>>,
    pub output: Option<usize>,
}

impl Layout {
    /// The axes of an operand or of the result; an intermediate's belong to its order (see
    /// [`Order::axes`]).
    pub fn axes(&self, tensor: TensorId) -> &[IndexId] {
        match tensor {
            TensorId::Input(i) => &self.inputs[i],
            TensorId::Output => &self.output,
            TensorId::Intermediate(_) => {
                unreachable!("an intermediate's axes belong to its order: Order::axes")
            }
        }
    }

    /// How many of the tensor's indices come before its `...`, if its term has one.
    pub fn ellipsis(&self, tensor: TensorId) -> Option<usize> {
        let ellipses = self.ellipses.as_ref()?;
        match tensor {
            TensorId::Input(i) => ellipses.inputs[i],
            TensorId::Intermediate(_) => None,
            TensorId::Output => ellipses.output,
        }
    }
}

impl Order {
    /// The axes of any tensor this order reads or writes.
    pub fn axes<'a>(&'a self, layout: &'a Layout, tensor: TensorId) -> &'a [IndexId] {
        match tensor {
            TensorId::Intermediate(i) => &self.intermediates[i],
            _ => layout.axes(tensor),
        }
    }
}

/// Plans `contraction` with its result going to `destination`.
pub fn plan(contraction: &Contraction, destination: Destination) -> Plan {
    let mut letters: Vec<char> = Vec::new();
    let mut extent_source = Vec::new();
    let mut inputs = Vec::new();
    for (position, term) in contraction.inputs.iter().enumerate() {
        let mut axes = Vec::new();
        for (axis, &c) in term.iter().enumerate() {
            let id = letters.iter().position(|&l| l == c).unwrap_or_else(|| {
                letters.push(c);
                extent_source.push((position, axis));
                letters.len() - 1
            });
            axes.push(id);
        }
        inputs.push(axes);
    }
    let output: Vec<IndexId> = contraction
        .output
        .iter()
        .map(|c| {
            letters
                .iter()
                .position(|l| l == c)
                .expect("validated: output indices come from inputs")
        })
        .collect();

    let ellipses = contraction
        .input_ellipses
        .iter()
        .any(Option::is_some)
        .then(|| Ellipses {
            inputs: contraction.input_ellipses.clone(),
            output: contraction.output_ellipsis,
        });
    let output_kind = match &ellipses {
        Some(Ellipses {
            output: Some(before),
            ..
        }) => OutputKind::Dynamic { before: *before },
        _ if output.is_empty() => OutputKind::Scalar,
        _ => OutputKind::Static,
    };
    // the `...` axes are in the output whenever they are not empty, so a call with `...`
    // runs the plan of its named indices once per position of those axes
    let orders = candidate_trees(&inputs, &output, letters.len())
        .iter()
        .map(|tree| {
            let mut planner = StepPlanner {
                inputs: &inputs,
                output: &output,
                intermediates: Vec::new(),
                steps: Vec::new(),
            };
            planner.lower(tree, TensorId::Output);
            // with `...` a step runs once per position of the `...` axes (a walk around all
            // the steps): a matrix product over its named indices, the `...` never in a group
            let axes = |tensor: TensorId| -> Vec<IndexId> {
                let mut axes = planner.axes(tensor).to_vec();
                let before = match (&ellipses, tensor) {
                    (Some(e), TensorId::Input(k)) => e.inputs[k],
                    (Some(e), TensorId::Output) => e.output,
                    _ => None,
                };
                if let Some(before) = before {
                    axes.insert(before, ELLIPSIS);
                }
                axes
            };
            let products: Vec<Option<MatrixProduct>> = planner
                .steps
                .iter()
                .map(|step| match step.factors[..] {
                    [left, right] => matrix_product(&axes(left), &axes(right), &axes(step.result)),
                    _ => None,
                })
                .collect();
            // one step with `...` among its rows or columns: one product over every position
            // rather than one per position (the walk is around that step alone)
            let over_ellipsis = match (&ellipses, &planner.steps[..]) {
                (Some(_), [step]) => match step.factors[..] {
                    [left, right] => {
                        matrix_product_over_ellipsis(&axes(left), &axes(right), &axes(step.result))
                    }
                    _ => None,
                },
                _ => None,
            };
            for (step, product) in planner.steps.iter_mut().zip(products) {
                step.product = over_ellipsis.clone().or(product);
            }
            let mut steps = planner.steps;
            // the walk over the `...` positions runs around whole steps
            let tile = match ellipses {
                Some(_) => None,
                None => tile(&planner.intermediates, &steps, &output, output_kind),
            };
            let last = steps.last_mut().expect("a plan has a step");
            // tile by tile over an index it sums, the last step adds each tile's share of
            // its sums to the result
            let sums_tiles = tile.is_some_and(|t| t.result == TiledResult::Summed);
            last.adds_to_result = destination == Destination::Add || sums_tiles;
            if last.adds_to_result {
                last.write = Write::Add;
            }
            for step in &mut steps {
                step.zeroes_result_per_position = (ellipses.is_some() || tile.is_some())
                    && step.accumulates
                    && matches!(step.result, TensorId::Intermediate(_));
            }
            let clears_output = destination == Destination::Assign
                && output_kind != OutputKind::Scalar
                && (sums_tiles || steps.last().is_some_and(|s| s.accumulates));
            Order {
                intermediates: planner.intermediates,
                steps,
                clears_output,
                tile,
            }
        })
        .collect();
    let mut plan = Plan {
        layout: Layout {
            letters,
            extent_source,
            inputs,
            output,
            ellipses,
            output_kind,
            zeroes_output_when_empty: destination == Destination::Assign,
            operand_reads: Vec::new(),
        },
        orders,
    };
    plan.layout.operand_reads = (0..plan.layout.inputs.len())
        .map(|k| {
            match (
                matrix_product_reads(&plan, k),
                reads_operand_where_used(&plan, k),
            ) {
                (false, _) => OperandRead::View,
                (true, false) => OperandRead::SourceRowsAtCheck,
                (true, true) => OperandRead::SourceRowsWhereUsed,
            }
        })
        .collect();
    plan
}

/// A tile's intermediates hold about this many elements (32 KiB of `f64`, the L1 data cache
/// of the machines measured), so that a tile written by one step is still in cache when the
/// next step reads it.
pub const TILE_ELEMENTS: usize = 4096;

/// A tile of a result that keeps the tiled index holds about this many elements per
/// intermediate (1 MiB of `f64`, the L2 cache of a core of the machines measured): its tile of
/// `x P` is still in L2 when its row dots read it, and each tile's GEMM is large against the
/// fixed cost of a call. `ni,ij,nj->n` at n = 50,000, one thread, CPU time against faer's
/// whole `x P` then row dots (BENCHMARKS.md, session 8): 0.94-1.00 at d = 8 to 128, where
/// [`TILE_ELEMENTS`] gave 1.20 at d = 32 (tiles of 128 rows) and the whole `n x d`
/// intermediate 1.03-1.11, 1.70 at d = 96.
pub const SLICED_TILE_ELEMENTS: usize = 131_072;

/// ... but a tile has at least this many positions of its index, so that each step's fixed
/// cost per tile (a GEMM call) stays small against its work.
pub const MIN_TILE_ROWS: usize = 64;

/// ... and a tile of a result that keeps the tiled index at least this many: each tile's GEMM
/// packs `P` (`d x d`) again, which a tile of few rows does not pay back. `ni,ij,nj->n`, one
/// thread, CPU time against faer's whole `x P` (BENCHMARKS.md, session 8): at d = 1,024
/// (n = 4,096) tiles of 128 points took 1.08-1.13 of faer's time, tiles of 512 1.01-1.02.
pub const SLICED_MIN_TILE_ROWS: usize = 512;

/// The plan's steps run over one index a tile at a time: every intermediate then holds one
/// tile of positions of that index (its first axis), allocated once and reused, instead of
/// every position. `n,ni,nj->ij` (a weighted scatter matrix) weights a tile of points, then
/// adds the tile's product to the result, where it built the whole `n x d` weighted copy of
/// `x` before; `ni,ij,nj->n` (a quadratic form) multiplies a tile of `x` by `P`, then writes
/// the tile's row dot products, where it built the whole `n x d` product `x P` before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    /// The index tiled: the first axis of every intermediate.
    pub index: IndexId,
    /// What the last step does with the tiled index.
    pub result: TiledResult,
    /// A tile's positions are `max(min_rows, elements / (the largest product of an
    /// intermediate's other extents))`, at most the index's extent, computed at run time:
    /// [`TILE_ELEMENTS`] or [`SLICED_TILE_ELEMENTS`].
    pub elements: usize,
    /// The fewest positions of a tile: [`MIN_TILE_ROWS`] or [`SLICED_MIN_TILE_ROWS`].
    pub min_rows: usize,
}

/// How the last step of a tiled plan writes the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TiledResult {
    /// The result lacks the tiled index, which the last step sums: each tile adds its share
    /// of the sums to the result.
    Summed,
    /// The result keeps the tiled index: each tile writes its own positions of the result.
    Sliced,
}

/// The tile of a plan, if it has one: its steps go through intermediates that all have the same
/// first index, and the result has axes (not `...`). The cases measured
/// (`./bench/compare`'s `einsum_over_faer_scatter_*` and `_quadform_*`):
///
/// - [`TiledResult::Summed`]: the last step, a matrix product, sums the index.
/// - [`TiledResult::Sliced`]: the result keeps the index; a matrix product writes each
///   intermediate, and the last step, loops, reads them. A last step that is a matrix product
///   (a chain `ij,jk,kl->il`) is not tiled: the GEMM blocks for the caches itself.
fn tile(
    intermediates: &[Vec<IndexId>],
    steps: &[Step],
    output: &[IndexId],
    output_kind: OutputKind,
) -> Option<Tile> {
    let index = *intermediates.first()?.first()?;
    let (last, before_last) = steps.split_last()?;
    if output_kind != OutputKind::Static
        || !intermediates
            .iter()
            .all(|axes| axes.first() == Some(&index))
    {
        return None;
    }
    let result = if output.contains(&index) {
        let intermediates_by_products = before_last.iter().all(|step| step.product.is_some());
        (intermediates_by_products && last.product.is_none()).then_some(TiledResult::Sliced)?
    } else {
        let summed_by_a_product = last
            .product
            .as_ref()
            .is_some_and(|p| p.summed.contains(&index));
        summed_by_a_product.then_some(TiledResult::Summed)?
    };
    let (elements, min_rows) = match result {
        TiledResult::Summed => (TILE_ELEMENTS, MIN_TILE_ROWS),
        TiledResult::Sliced => (SLICED_TILE_ELEMENTS, SLICED_MIN_TILE_ROWS),
    };
    Some(Tile {
        index,
        result,
        elements,
        min_rows,
    })
}

/// Whether input `k` is read by a matrix-product step of some candidate order. The GEMM reads
/// such an operand where it lies, at its own strides if it is not row-major, so its row-major
/// data (a copy, for such a layout) is bound only by the loop nest that reads it, when that
/// nest runs; every other operand's at the shape check. Each order reads each input in one
/// step, so a copy is made at most once per call.
///
/// With a tile in some order, or a walk over `...` positions, every operand is bound at the
/// shape check: a copy made where a step reads it would be made once per tile or position.
pub fn reads_operand_where_used(plan: &Plan, k: usize) -> bool {
    plan.layout.ellipses.is_none()
        && plan.orders.iter().all(|order| order.tile.is_none())
        && matrix_product_reads(plan, k)
}

/// Whether a matrix-product step of some candidate order reads input `k`, whose term has no
/// `...`: the GEMM tier may read it at its own strides, so the generated code holds it as a
/// `Source`. An operand whose term has `...` is viewed at its run-time rank, row-major (a
/// copy, for another layout), and the GEMM reads that view.
pub fn matrix_product_reads(plan: &Plan, k: usize) -> bool {
    plan.layout.ellipsis(TensorId::Input(k)).is_none()
        && plan.orders.iter().any(|order| {
            order
                .steps
                .iter()
                .any(|step| step.product.is_some() && step.factors.contains(&TensorId::Input(k)))
        })
}

/// The most contraction orders one call compiles to; each is a copy of its loop nests.
const MAX_CANDIDATES: usize = 4;

/// The extent the cost model gives an index it assumes small or large in one scenario.
const SMALL_EXTENT: f64 = 10.0;
const LARGE_EXTENT: f64 = 100_000.0;

/// The cheapest contraction trees when every extent is equal, and when one index is much
/// smaller or larger than the rest: the orders that the extents found at run time may favour.
///
/// Each scenario is costed twice: with the GEMM tier (an element type that has one, extents
/// above its thresholds), where a pairwise step that is a matrix product costs
/// [`GEMM_COST_FACTOR`] of its multiply-adds, and without it (integers, small extents), where
/// every multiply-add costs the same. The generated code costs the candidates the same way
/// for the type and extents it has.
fn candidate_trees(inputs: &[Vec<IndexId>], output: &[IndexId], indices: usize) -> Vec<Tree> {
    let mut trees = Vec::new();
    let mut add = |tree: Tree| {
        if !trees.contains(&tree) && trees.len() < MAX_CANDIDATES {
            trees.push(tree);
        }
    };
    for gemm in [true, false] {
        add(contraction_tree(inputs, output, &|_| ASSUMED_EXTENT, gemm));
    }
    if inputs.len() > 2 {
        for odd in 0..indices {
            for odd_extent in [SMALL_EXTENT, LARGE_EXTENT] {
                let extent = |i: IndexId| if i == odd { odd_extent } else { ASSUMED_EXTENT };
                for gemm in [true, false] {
                    add(contraction_tree(inputs, output, &extent, gemm));
                }
            }
        }
    }
    trees
}

/// What a multiply-add of a GEMM-tier step costs against one of the loops': a packed,
/// register-tiled GEMM with AVX-512 FMA does 10 to 20 times the scalar loops' work per
/// cycle (BENCHMARKS.md, `einsum_over_faer_*`).
pub const GEMM_COST_FACTOR: f64 = 1.0 / 16.0;

/// A contraction tree: a leaf is an input; a node contracts its children in one loop nest.
#[derive(Debug, Clone, PartialEq)]
enum Tree {
    Leaf(usize),
    Node(Vec<Tree>),
}

/// The extent the cost model assumes for an index: extents are not known when the macro runs,
/// so costs compare as polynomials in one large extent.
const ASSUMED_EXTENT: f64 = 1000.0;

/// A set of inputs, as a bit mask.
type Subset = u32;

/// Above this many operands the exhaustive search is too slow; operands contract left to right.
const MAX_SEARCHED_OPERANDS: usize = 12;

/// Picks the cheapest way to contract under the assumed `extent` of each index: one nest over
/// everything, or pairwise through intermediates, as opt_einsum does, by dynamic programming
/// over subsets of the inputs.
fn contraction_tree(
    inputs: &[Vec<IndexId>],
    output: &[IndexId],
    extent: &dyn Fn(IndexId) -> f64,
    gemm: bool,
) -> Tree {
    let n = inputs.len();
    if n <= 2 || n > MAX_SEARCHED_OPERANDS {
        return Tree::Node((0..n).map(Tree::Leaf).collect());
    }
    let full: Subset = (1 << n) - 1;
    let members = |s: Subset| (0..n).filter(move |i| s & (1 << i) != 0);
    let nest_cost = |indices: &[IndexId]| indices.iter().map(|&i| extent(i)).product::<f64>();
    let mut best: Vec<Option<Candidate>> = vec![None; 1 << n];
    for (i, axes) in inputs.iter().enumerate() {
        best[1 << i] = Some(Candidate {
            cost: 0.0,
            steps: 0,
            tree: Tree::Leaf(i),
            axes: axes.clone(),
        });
    }
    for s in 1..=full {
        if s.count_ones() < 2 {
            continue;
        }
        let mut all: Vec<IndexId> = members(s).flat_map(|i| inputs[i].iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        let mut choice = Candidate {
            cost: nest_cost(&all),
            steps: 1,
            tree: Tree::Node(members(s).map(Tree::Leaf).collect()),
            axes: kept_axes(inputs, output, &members(s).collect::<Vec<_>>()),
        };
        // every split into two halves, each counted once (the half holding the lowest bit first)
        let low = s & s.wrapping_neg();
        let mut a = (s - 1) & s;
        while a > 0 {
            if a & low != 0 {
                let (left, right) = (best[a as usize].as_ref(), best[(s & !a) as usize].as_ref());
                let (left, right) = (
                    left.expect("smaller subsets are done"),
                    right.expect("smaller subsets are done"),
                );
                let mut union = left.axes.clone();
                union.extend(right.axes.iter().filter(|x| !left.axes.contains(x)));
                let result = if s == full { output } else { &choice.axes[..] };
                let factor = match matrix_product(&left.axes, &right.axes, result) {
                    Some(_) if gemm => GEMM_COST_FACTOR,
                    _ => 1.0,
                };
                let cost = left.cost + right.cost + factor * nest_cost(&union);
                let steps = left.steps + right.steps + 1;
                if (cost, steps) < (choice.cost, choice.steps) {
                    choice.cost = cost;
                    choice.steps = steps;
                    choice.tree = Tree::Node(vec![left.tree.clone(), right.tree.clone()]);
                }
            }
            a = (a - 1) & s;
        }
        best[s as usize] = Some(choice);
    }
    best[full as usize]
        .take()
        .expect("the full set is planned")
        .tree
}

/// The cheapest known way to contract a subset of the inputs.
#[derive(Debug, Clone)]
struct Candidate {
    /// Multiply-adds under the assumed extents.
    cost: f64,
    /// Loop nests, to prefer fewer intermediates at equal cost.
    steps: usize,
    tree: Tree,
    /// The axes of the tensor the subset contracts to.
    axes: Vec<IndexId>,
}

/// The axes an intermediate over the inputs `inside` keeps: those the output or an input
/// outside it still needs, in the order the inputs inside name them. That order keeps the
/// operands' own layout: for `ij,jk,kl->il` contracted as A(BC), `partial[jl]` lets both
/// nests run `l`, the result's last axis, innermost with unit stride, where the output's
/// order (`partial[lj]`) would turn both into strided dot products.
fn kept_axes(inputs: &[Vec<IndexId>], output: &[IndexId], inside: &[usize]) -> Vec<IndexId> {
    let needed_outside = |a: IndexId| {
        output.contains(&a)
            || inputs
                .iter()
                .enumerate()
                .any(|(j, axes)| !inside.contains(&j) && axes.contains(&a))
    };
    let mut axes: Vec<IndexId> = Vec::new();
    for &a in inside.iter().flat_map(|&i| &inputs[i]) {
        if !axes.contains(&a) && needed_outside(a) {
            axes.push(a);
        }
    }
    axes
}

struct StepPlanner<'a> {
    inputs: &'a [Vec<IndexId>],
    output: &'a [IndexId],
    intermediates: Vec<Vec<IndexId>>,
    steps: Vec<Step>,
}

impl StepPlanner<'_> {
    /// Appends the steps that compute `tree` into `result`, children first.
    fn lower(&mut self, tree: &Tree, result: TensorId) {
        let Tree::Node(children) = tree else {
            unreachable!("the root of a contraction tree is a node")
        };
        let mut factors = Vec::new();
        for child in children {
            match child {
                Tree::Leaf(i) => factors.push(TensorId::Input(*i)),
                Tree::Node(_) => {
                    let id = self.intermediates.len();
                    let mut inside = Vec::new();
                    leaves(child, &mut inside);
                    let axes = kept_axes(self.inputs, self.output, &inside);
                    self.intermediates.push(axes);
                    self.lower(child, TensorId::Intermediate(id));
                    factors.push(TensorId::Intermediate(id));
                }
            }
        }
        let result_axes = match result {
            TensorId::Intermediate(i) => self.intermediates[i].clone(),
            _ => self.output.to_vec(),
        };
        let factor_axes: Vec<Vec<IndexId>> =
            factors.iter().map(|&f| self.axes(f).to_vec()).collect();
        self.steps
            .push(plan_step(factors, &factor_axes, result, &result_axes));
    }

    fn axes(&self, tensor: TensorId) -> &[IndexId] {
        match tensor {
            TensorId::Input(i) => &self.inputs[i],
            TensorId::Intermediate(i) => &self.intermediates[i],
            TensorId::Output => self.output,
        }
    }
}

fn leaves(tree: &Tree, out: &mut Vec<usize>) {
    match tree {
        Tree::Leaf(i) => out.push(*i),
        Tree::Node(children) => children.iter().for_each(|c| leaves(c, out)),
    }
}

/// Orders the loops of one nest and places each factor at the loop where it is read.
///
/// Loop order follows the axis order of the tensors: for every pair of indices, each tensor
/// that names one before the other votes for that order, so the innermost loop runs along the
/// unit-stride axis of as many tensors as possible. Ties put result axes outside summed ones,
/// so sums stay in local accumulators.
fn plan_step(
    factors: Vec<TensorId>,
    factor_axes: &[Vec<IndexId>],
    result: TensorId,
    result_axes: &[IndexId],
) -> Step {
    let mut indices: Vec<IndexId> = Vec::new();
    for &a in result_axes.iter().chain(factor_axes.iter().flatten()) {
        if !indices.contains(&a) {
            indices.push(a);
        }
    }
    let mut remaining = indices.clone();
    let mut order: Vec<IndexId> = Vec::new();
    while !remaining.is_empty() {
        let score = |a: IndexId| -> i64 {
            remaining
                .iter()
                .filter(|&&b| b != a)
                .map(|&b| {
                    factor_axes
                        .iter()
                        .chain(core::iter::once(&result_axes.to_vec()))
                        .map(|axes| precedes(axes, a, b))
                        .sum::<i64>()
                })
                .sum()
        };
        let pick = *remaining
            .iter()
            .max_by_key(|&&a| {
                let is_result = result_axes.contains(&a);
                // max_by_key keeps the last maximum; earlier first appearance wins via the negated position
                (
                    score(a),
                    is_result,
                    -(indices.iter().position(|&x| x == a).unwrap_or(0) as i64),
                )
            })
            .expect("remaining is not empty");
        order.push(pick);
        remaining.retain(|&a| a != pick);
    }
    let depth_of = |a: IndexId| {
        order
            .iter()
            .position(|&x| x == a)
            .expect("every axis has a loop")
    };
    let factor_depth: Vec<Option<usize>> = factor_axes
        .iter()
        .map(|axes| axes.iter().map(|&a| depth_of(a)).max())
        .collect();
    let write_depth = result_axes.iter().map(|&a| depth_of(a)).max();
    // the loops inside the write sum in locals, the outermost of them from zero
    let first_local_sum = write_depth.map_or(0, |w| w + 1);
    let mut loops: Vec<Loop> = order
        .iter()
        .enumerate()
        .map(|(depth, &index)| Loop {
            index,
            summed: !result_axes.contains(&index),
            accumulator: match depth.cmp(&first_local_sum) {
                core::cmp::Ordering::Less => None,
                core::cmp::Ordering::Equal => Some(SumStart::Zero),
                core::cmp::Ordering::Greater => Some(SumStart::Neutral),
            },
            hoists: false,
        })
        .collect();
    if let Some(w) = write_depth {
        // factors read before the nest, then at each loop around the write
        let mut carried = factor_depth.iter().filter(|d| d.is_none()).count();
        for (depth, l) in loops[..w].iter_mut().enumerate() {
            let read_here = factor_depth.iter().filter(|&&d| d == Some(depth)).count();
            carried += read_here;
            if read_here > 0 || carried > 1 {
                l.hoists = true;
                carried = 1;
            }
        }
    }
    let accumulates = match write_depth {
        Some(w) => loops[..w].iter().any(|l| l.summed),
        None => false,
    };
    Step {
        factors,
        result,
        loops,
        factor_depth,
        write_depth,
        accumulates,
        adds_to_result: false,
        write: if accumulates {
            Write::Add
        } else {
            Write::Store
        },
        zeroes_result_per_position: false,
        product: None,
    }
}

/// +1 if `axes` names `a` before `b`, -1 if after, 0 if it lacks either.
fn precedes(axes: &[IndexId], a: IndexId, b: IndexId) -> i64 {
    match (
        axes.iter().position(|&x| x == a),
        axes.iter().position(|&x| x == b),
    ) {
        (Some(pa), Some(pb)) if pa < pb => 1,
        (Some(pa), Some(pb)) if pa > pb => -1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contraction(inputs: &[&str], output: &str) -> Contraction {
        Contraction {
            inputs: inputs.iter().map(|t| t.chars().collect()).collect(),
            output: output.chars().collect(),
            input_ellipses: vec![None; inputs.len()],
            output_ellipsis: None,
        }
    }

    /// The layout and the first order: the one for equal extents.
    fn planned(inputs: &[&str], output: &str) -> (Layout, Order) {
        planned_into(inputs, output, Destination::Owned)
    }

    fn planned_into(inputs: &[&str], output: &str, destination: Destination) -> (Layout, Order) {
        let Plan { layout, mut orders } = plan(&contraction(inputs, output), destination);
        (layout, orders.swap_remove(0))
    }

    /// The candidate that runs as one nest: for these contractions, the order for equal
    /// extents when no step runs as a GEMM (integers, small extents).
    fn single_nest(inputs: &[&str], output: &str) -> (Layout, Order) {
        let Plan { layout, orders } = plan(&contraction(inputs, output), Destination::Owned);
        let order = orders
            .into_iter()
            .find(|order| order.steps.len() == 1)
            .expect("one nest is a candidate");
        (layout, order)
    }

    /// The letters of the step's loops, outermost first.
    fn loop_letters(layout: &Layout, step: &Step) -> String {
        step.loops.iter().map(|l| layout.letters[l.index]).collect()
    }

    #[test]
    fn mahalanobis_sums_in_a_register_with_the_row_loop_outside() {
        let (layout, order) = single_nest(&["ni", "ij", "nj"], "n");
        assert_eq!(
            order.steps.len(),
            1,
            "three operands, one nest: pairwise would only add work"
        );
        assert_eq!(loop_letters(&layout, &order.steps[0]), "nij");
        let step = &order.steps[0];
        assert_eq!(step.write_depth, Some(0));
        assert!(!step.accumulates);
        // d[n,i] is read once per i, not once per (i, j)
        assert_eq!(step.factor_depth, [Some(1), Some(2), Some(2)]);
    }

    #[test]
    fn matmul_runs_the_unit_stride_axis_innermost() {
        let (layout, order) = planned(&["ij", "jk"], "ik");
        assert_eq!(loop_letters(&layout, &order.steps[0]), "ijk");
        assert_eq!(order.steps[0].write_depth, Some(2));
        assert!(
            order.steps[0].accumulates,
            "the sum over j encloses the write of c[i,k]"
        );
        assert_eq!(order.steps[0].factor_depth, [Some(1), Some(2)]);
    }

    #[test]
    fn scatter_streams_the_points_once() {
        let (layout, order) = single_nest(&["n", "ni", "nj"], "ij");
        assert_eq!(loop_letters(&layout, &order.steps[0]), "nij");
        assert_eq!(order.steps[0].factor_depth, [Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn chain_of_three_matrices_goes_through_an_intermediate() {
        let (layout, order) = planned(&["ij", "jk", "kl"], "il");
        assert_eq!(
            order.steps.len(),
            2,
            "one n^4 nest would cost more than two n^3 nests"
        );
        assert_eq!(order.intermediates.len(), 1);
        let axes: String = order.intermediates[0]
            .iter()
            .map(|&i| layout.letters[i])
            .collect();
        assert_eq!(axes, "ik");
        assert_eq!(order.steps[0].result, TensorId::Intermediate(0));
        assert_eq!(
            order.steps[1].factors,
            [TensorId::Intermediate(0), TensorId::Input(2)]
        );
        assert_eq!(order.steps[1].result, TensorId::Output);
    }

    #[test]
    fn an_ellipsis_chain_is_planned_over_its_named_indices_with_the_ellipsis_positions() {
        let subscripts = crate::parse::parse("...ij,...jk,k...l->...il").unwrap();
        let contraction = crate::validate::validate(&subscripts, 3).unwrap();
        let Plan { layout, orders } = plan(&contraction, Destination::Owned);
        let order = &orders[0];
        // as `ij,jk,kl->il`: two products, the intermediate without the `...` axes
        assert_eq!(order.steps.len(), 2);
        assert_eq!(order.steps[0].result, TensorId::Intermediate(0));
        assert_eq!(layout.ellipsis(TensorId::Intermediate(0)), None);
        let ellipses = layout.ellipses.as_ref().unwrap();
        assert_eq!(ellipses.inputs, [Some(0), Some(0), Some(1)]);
        assert_eq!(ellipses.output, Some(0));
        assert_eq!(layout.ellipsis(TensorId::Input(2)), Some(1));
        assert!(planned(&["ij"], "i").0.ellipses.is_none());
        // each step a matrix product over its named indices, run once per position
        assert!(order.steps.iter().all(|s| s.product.is_some()));
    }

    #[test]
    fn a_lone_step_with_the_ellipsis_among_its_rows_is_one_product_over_every_position() {
        let planned_with = |subscripts: &str| {
            let parsed = crate::parse::parse(subscripts).unwrap();
            let contraction = crate::validate::validate(&parsed, 2).unwrap();
            let mut plan = plan(&contraction, Destination::Owned);
            plan.orders.swap_remove(0).steps.swap_remove(0)
        };
        let product = |subscripts: &str| planned_with(subscripts).product.unwrap();
        let folded = product("...j,jk->...k");
        assert!(folded.over_every_position());
        assert_eq!(folded.rows, [ELLIPSIS]);
        // a batch of the walk's: one product per position
        assert!(!product("...ij,...jk->...ik").over_every_position());
        assert!(!product("ij,jk->ik").over_every_position());
        // a chain: the walk runs around both steps, each a product per position
        let parsed = crate::parse::parse("...ij,jk,kl->...il").unwrap();
        let contraction = crate::validate::validate(&parsed, 3).unwrap();
        let plan = plan(&contraction, Destination::Owned);
        let steps = plan.orders.iter().flat_map(|o| &o.steps);
        assert!(
            steps
                .filter_map(|s| s.product.as_ref())
                .all(|p| !p.over_every_position())
        );
    }

    #[test]
    fn a_call_with_an_ellipsis_is_not_tiled() {
        // as `n,ni,nj->ij`, which is, but the walk over the `...` positions runs whole steps
        let subscripts = crate::parse::parse("n...,ni,nj->ij").unwrap();
        let contraction = crate::validate::validate(&subscripts, 3).unwrap();
        let plan = plan(&contraction, Destination::Owned);
        assert!(
            plan.orders
                .iter()
                .any(|o| o.steps.iter().any(|s| s.product.is_some()))
        );
        assert!(plan.orders.iter().all(|o| o.tile.is_none()));
        assert!(planned(&["n", "ni", "nj"], "ij").1.tile.is_some());
    }

    /// The candidate trees of a contraction, as the factors of each step in letters.
    fn candidates(inputs: &[&str], output: &str) -> Vec<String> {
        let contraction = Contraction {
            inputs: inputs.iter().map(|t| t.chars().collect()).collect(),
            output: output.chars().collect(),
            input_ellipses: vec![None; inputs.len()],
            output_ellipsis: None,
        };
        let plan = plan(&contraction, Destination::Owned);
        plan.orders
            .iter()
            .map(|order| {
                let steps: Vec<String> = order
                    .steps
                    .iter()
                    .map(|step| loop_letters(&plan.layout, step))
                    .collect();
                steps.join(" ")
            })
            .collect()
    }

    #[test]
    fn a_chain_keeps_both_orders_for_the_extents_to_choose() {
        // (AB)C first: equal extents; A(BC) when j or l is small, as for 256x16 . 16x256 . ...
        let orders = candidates(&["ij", "jk", "kl"], "il");
        assert_eq!(orders[0], "ijk ikl", "(AB)C loops i,j,k then i,k,l");
        assert_eq!(
            orders[1], "jkl ijl",
            "A(BC): partial[jl] = B C first, then A partial, l innermost in both"
        );
        assert!(orders.len() <= MAX_CANDIDATES);
    }

    #[test]
    fn mahalanobis_is_a_gemm_then_row_dots_or_one_nest() {
        // with the GEMM: partial[nj] = x[ni] p[ij] as a matrix product, then a dot product
        // per row; without: one nest, no intermediate
        assert_eq!(candidates(&["ni", "ij", "nj"], "n")[..2], ["nij nj", "nij"]);
        let (_, order) = planned(&["ni", "ij", "nj"], "n");
        assert!(order.steps[0].product.is_some());
        assert!(order.steps[1].product.is_none());
        assert_eq!(candidates(&["ij", "jk"], "ik").len(), 1);
    }

    #[test]
    fn the_scatter_matrix_weights_the_points_then_multiplies() {
        // with the GEMM: partial[ni] = w[n] x[ni], then partial[ni] x[nj] summed over n
        let (layout, order) = planned(&["n", "ni", "nj"], "ij");
        assert_eq!(order.steps.len(), 2);
        let product = order.steps[1].product.as_ref().expect("a matrix product");
        assert_eq!(
            product.summed,
            [layout.letters.iter().position(|&l| l == 'n').unwrap()]
        );
    }

    #[test]
    fn the_operands_of_a_matrix_product_are_read_where_used() {
        let all = |inputs: &[&str], output: &str| {
            let plan = plan(&contraction(inputs, output), Destination::Owned);
            (0..inputs.len())
                .map(|k| reads_operand_where_used(&plan, k))
                .collect::<Vec<bool>>()
        };
        assert_eq!(all(&["ij", "jk"], "ik"), [true, true]);
        // the quadratic form is tiled: its operands are bound once, at the shape check
        assert_eq!(all(&["ni", "ij", "nj"], "n"), [false, false, false]);
        assert_eq!(all(&["nij", "njk"], "nik"), [true, true]);
        assert_eq!(all(&["ni", "ni"], "n"), [false, false]);
        // with `...` the steps run once per position: every operand bound at the check
        let subscripts = crate::parse::parse("...ij,jk->...ik").unwrap();
        let contraction = crate::validate::validate(&subscripts, 2).unwrap();
        let plan = plan(&contraction, Destination::Owned);
        assert!(matrix_product_reads(&plan, 1));
        assert!(!reads_operand_where_used(&plan, 1));
    }

    #[test]
    fn each_operand_is_held_as_the_steps_of_every_order_read_it() {
        use OperandRead::*;
        let reads = |inputs: &[&str], output: &str| {
            plan(&contraction(inputs, output), Destination::Owned)
                .layout
                .operand_reads
        };
        // both factors of the GEMM, which reads them in place: their rows only where the loops run
        assert_eq!(reads(&["ij", "jk"], "ik"), [SourceRowsWhereUsed; 2]);
        // no matrix product: views
        assert_eq!(reads(&["ni", "ni"], "n"), [View; 2]);
        assert_eq!(reads(&["ij"], "ji"), [View]);
        // a tiled order binds every operand once, at the shape check; the weights are never
        // a GEMM factor
        assert_eq!(
            reads(&["n", "ni", "nj"], "ij"),
            [View, SourceRowsAtCheck, SourceRowsAtCheck]
        );
        // the tiled quadratic form: each `x` is a GEMM factor in some order
        assert_eq!(reads(&["ni", "ij", "nj"], "n"), [SourceRowsAtCheck; 3]);
        // with `...`: a term with `...` is viewed at its run-time rank, row-major, and the
        // GEMM reads that view; one without is held at its strides, bound once at the check
        let subscripts = crate::parse::parse("...ij,jk->...ik").unwrap();
        let contraction = crate::validate::validate(&subscripts, 2).unwrap();
        let plan = plan(&contraction, Destination::Owned);
        assert_eq!(plan.layout.operand_reads, [View, SourceRowsAtCheck]);
        assert!(plan.orders[0].steps[0].product.is_some());
    }

    #[test]
    fn the_weighted_scatter_matrix_runs_tile_by_tile_over_the_points() {
        let (layout, order) = planned_into(&["n", "ni", "nj"], "ij", Destination::Assign);
        let n = layout.letters.iter().position(|&l| l == 'n').unwrap();
        assert_eq!(
            order.tile,
            Some(Tile {
                index: n,
                result: TiledResult::Summed,
                elements: TILE_ELEMENTS,
                min_rows: MIN_TILE_ROWS
            })
        );
        assert_eq!(order.intermediates[0][0], n);
        // each tile adds its points' share: an `=` buffer is cleared first, the GEMM accumulates
        assert!(order.clears_output);
        assert!(order.steps[1].adds_to_result && order.steps[1].write == Write::Add);
        assert!(!order.steps[0].adds_to_result);
        // one nest (the candidate without the GEMM) has no intermediate to tile
        assert_eq!(single_nest(&["n", "ni", "nj"], "ij").1.tile, None);
        // the operands are then bound at the shape check
        let plan = plan(&contraction(&["n", "ni", "nj"], "ij"), Destination::Owned);
        assert!((0..3).all(|k| !reads_operand_where_used(&plan, k)));
    }

    #[test]
    fn the_quadratic_form_runs_tile_by_tile_over_the_points() {
        for destination in [Destination::Owned, Destination::Assign, Destination::Add] {
            let (layout, order) = planned_into(&["ni", "ij", "nj"], "n", destination);
            let n = layout.letters.iter().position(|&l| l == 'n').unwrap();
            assert_eq!(
                order.tile,
                Some(Tile {
                    index: n,
                    result: TiledResult::Sliced,
                    elements: SLICED_TILE_ELEMENTS,
                    min_rows: SLICED_MIN_TILE_ROWS
                })
            );
            // a tile of `x P` by the GEMM into the one-tile intermediate, then row dots
            assert_eq!(order.intermediates, [vec![n, 2]]);
            assert!(order.steps[0].product.is_some() && order.steps[1].product.is_none());
            // each tile writes its own rows: nothing cleared, stored unless `+=`
            assert!(!order.clears_output);
            let adds = destination == Destination::Add;
            assert_eq!(order.steps[1].adds_to_result, adds);
            let write = if adds { Write::Add } else { Write::Store };
            assert_eq!(order.steps[1].write, write);
            // the loops restart the intermediate at every tile; the GEMM replaces it
            assert!(order.steps[0].zeroes_result_per_position && !order.steps[0].adds_to_result);
        }
        // one nest has no intermediate to tile
        assert_eq!(single_nest(&["ni", "ij", "nj"], "n").1.tile, None);
    }

    #[test]
    fn chains_results_without_axes_and_plain_products_are_not_tiled() {
        // a chain keeps `i` in its result, but its last step is a GEMM
        assert_eq!(planned(&["ij", "jk", "kl"], "il").1.tile, None);
        // the row dots of an intermediate the loops write
        let (_, order) = planned(&["ni", "ni", "nj"], "n");
        assert!(order.steps.iter().all(|s| s.product.is_none()));
        assert_eq!(order.tile, None);
        // no intermediate
        assert_eq!(planned(&["ij", "jk"], "ik").1.tile, None);
        // a scalar result
        assert_eq!(planned(&["n", "ni", "ni"], "").1.tile, None);
    }

    #[test]
    fn bilinear_form_stays_one_nest() {
        let (_, order) = single_nest(&["i", "ij", "j"], "");
        assert_eq!(order.steps.len(), 1);
        assert_eq!(order.steps[0].write_depth, None);
        assert!(order.steps[0].loops.iter().all(|l| l.summed));
    }

    #[test]
    fn diagonal_reads_one_index_twice() {
        let (layout, order) = planned(&["ii"], "i");
        assert_eq!(layout.inputs[0], [0, 0]);
        assert_eq!(loop_letters(&layout, &order.steps[0]), "i");
    }

    #[test]
    fn every_index_takes_its_extent_from_its_first_axis() {
        let (layout, _) = planned(&["ab", "bc", "ca"], "");
        assert_eq!(layout.letters, ['a', 'b', 'c']);
        assert_eq!(layout.extent_source, [(0, 0), (0, 1), (1, 1)]);
    }

    #[test]
    fn four_operand_chain_never_builds_a_quartic_nest() {
        let (_, order) = planned(&["ab", "bc", "cd", "de"], "ae");
        for step in &order.steps {
            assert!(step.loops.len() <= 3, "{step:?}");
        }
        assert_eq!(order.steps.last().unwrap().result, TensorId::Output);
    }

    #[test]
    fn transpose_writes_every_element_once() {
        let (_, order) = planned(&["ij"], "ji");
        assert_eq!(order.steps[0].loops.len(), 2);
        assert!(!order.steps[0].accumulates);
    }

    #[test]
    fn the_sums_inside_the_write_start_at_zero_outermost_and_neutral_inside() {
        // the bilinear form `i,ij,j->`: a scalar result, every loop sums in a local
        let (_, order) = single_nest(&["i", "ij", "j"], "");
        let starts: Vec<_> = order.steps[0].loops.iter().map(|l| l.accumulator).collect();
        assert_eq!(starts, [Some(SumStart::Zero), Some(SumStart::Neutral)]);
        // the Mahalanobis nest `nij`: n writes, i sums from zero, j inside it from SUM_START
        let (_, order) = single_nest(&["ni", "ij", "nj"], "n");
        let starts: Vec<_> = order.steps[0].loops.iter().map(|l| l.accumulator).collect();
        assert_eq!(
            starts,
            [None, Some(SumStart::Zero), Some(SumStart::Neutral)]
        );
        // matmul `ijk`: the sum over j encloses the write, so no loop sums in a local
        let (_, order) = planned(&["ij", "jk"], "ik");
        assert!(order.steps[0].loops.iter().all(|l| l.accumulator.is_none()));
    }

    #[test]
    fn a_factor_read_around_the_write_is_hoisted_where_it_is_read() {
        // scatter `nij`: w[n] at n, x[ni] at i, both multiplied once there, x[nj] at the write
        let (_, order) = single_nest(&["n", "ni", "nj"], "ij");
        let hoists: Vec<bool> = order.steps[0].loops.iter().map(|l| l.hoists).collect();
        assert_eq!(hoists, [true, true, false]);
        // matmul `ijk`: nothing read at i, a[ij] at j; the write's own loop never hoists
        let (_, order) = planned(&["ij", "jk"], "ik");
        let hoists: Vec<bool> = order.steps[0].loops.iter().map(|l| l.hoists).collect();
        assert_eq!(hoists, [false, true, false]);
        // `,ij->ij`: two factors read before the nest are multiplied once, at the first loop
        let (_, order) = planned(&["", "", "ij"], "ij");
        assert!(order.steps.iter().flat_map(|s| &s.loops).any(|l| l.hoists));
    }

    #[test]
    fn the_destination_decides_how_the_last_step_writes() {
        // out = matmul: the nest adds into the result, so the buffer is cleared first
        let (_, order) = planned_into(&["ij", "jk"], "ik", Destination::Assign);
        assert!(order.clears_output);
        assert_eq!(order.steps[0].write, Write::Add);
        assert!(!order.steps[0].adds_to_result, "the GEMM replaces");
        // out += matmul: no clearing; the GEMM accumulates
        let (_, order) = planned_into(&["ij", "jk"], "ik", Destination::Add);
        assert!(!order.clears_output);
        assert!(order.steps[0].adds_to_result);
        // an owned result starts zeroed
        assert!(!planned(&["ij", "jk"], "ik").1.clears_output);
        // a transpose stores each element once, unless it is added to a buffer
        let (_, order) = planned_into(&["ij"], "ji", Destination::Assign);
        assert!(!order.clears_output);
        assert_eq!(order.steps[0].write, Write::Store);
        let (_, order) = planned_into(&["ij"], "ji", Destination::Add);
        assert_eq!(order.steps[0].write, Write::Add);
        // a scalar buffer is assigned once, never cleared
        let (layout, order) = planned_into(&["i", "i"], "", Destination::Assign);
        assert!(!order.clears_output);
        assert_eq!(layout.output_kind, OutputKind::Scalar);
        // only the last step writes the caller's result
        let (_, order) = planned_into(&["ij", "jk", "kl"], "il", Destination::Add);
        assert!(!order.steps[0].adds_to_result && order.steps[1].adds_to_result);
        // with an empty index, `=` zeroes the buffer, `+=` and an owned result need nothing
        assert!(
            planned_into(&["ij"], "ji", Destination::Assign)
                .0
                .zeroes_output_when_empty
        );
        assert!(
            !planned_into(&["ij"], "ji", Destination::Add)
                .0
                .zeroes_output_when_empty
        );
        assert!(!planned(&["ij"], "ji").0.zeroes_output_when_empty);
    }

    #[test]
    fn an_intermediate_summed_into_restarts_at_each_position_of_the_ellipsis() {
        let subscripts = crate::parse::parse("...ij,...jk,k...l->...il").unwrap();
        let contraction = crate::validate::validate(&subscripts, 3).unwrap();
        let Plan { layout, orders } = plan(&contraction, Destination::Owned);
        let order = &orders[0];
        assert_eq!(layout.output_kind, OutputKind::Dynamic { before: 0 });
        let first = &order.steps[0];
        assert!(matches!(first.result, TensorId::Intermediate(_)));
        assert!(first.accumulates && first.zeroes_result_per_position);
        assert!(
            !order.steps[1].zeroes_result_per_position,
            "the output is not reset"
        );
        // without `...` an intermediate is zeroed once, when it is allocated
        let (_, order) = planned(&["ij", "jk", "kl"], "il");
        assert!(order.steps.iter().all(|s| !s.zeroes_result_per_position));
    }
}
