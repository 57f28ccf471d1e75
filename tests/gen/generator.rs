//! The generator of `tests/generated.rs`, `tests/generated_ellipsis.rs` and
//! `tests/generated_ellipsis_gemm.rs`: random valid einsum calls from a fixed seed, written as tests that compare `einsum!` with the reference evaluator
//! in i64 (exactly) and f64 (within rounding).
//!
//! Its own small random generator (SplitMix64) keeps the output identical across versions of
//! `rand`. `tests/generated_fresh.rs` fails when a committed file differs from what this writes,
//! and rewrites both with `EINSUM_REGENERATE=1 cargo test -p einsum --test generated_fresh`.
#![allow(dead_code)] // the freshness test uses all of it, other includers a part

use core::fmt::Write as _;

/// The seed of `tests/generated.rs`.
pub const SEED: u64 = 0x0E15_0001;
/// The number of cases in `tests/generated.rs`; each runs in i64 and in f64.
pub const CASES: usize = 320;
/// The seed of `tests/generated_ellipsis.rs`.
pub const ELLIPSIS_SEED: u64 = 0x0E15_0002;
/// The number of cases in `tests/generated_ellipsis.rs`.
pub const ELLIPSIS_CASES: usize = 100;
/// The seed of `tests/generated_ellipsis_gemm.rs`.
pub const ELLIPSIS_GEMM_SEED: u64 = 0x0E15_0003;
/// The number of cases in `tests/generated_ellipsis_gemm.rs`.
pub const ELLIPSIS_GEMM_CASES: usize = 30;
/// The largest number of index combinations a case's reference evaluation enumerates.
const MAX_COMBINATIONS: usize = 1024;

/// SplitMix64: tiny, fast and stable forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent / 100`.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// How an operand is passed to `einsum!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    TensorRef,
    Tensor,
    DynTensorRef,
    /// A nested array `[[T; B]; A]` (rank 1 to 3).
    Array,
    /// A slice of nested arrays `&[[T; B]]` (rank 1 to 3).
    Slice,
    /// A `Vec` of nested arrays `Vec<[T; B]>` (rank 1 to 3).
    Vec,
}

impl Form {
    pub const ALL: [Form; 6] = [
        Form::TensorRef,
        Form::Tensor,
        Form::DynTensorRef,
        Form::Array,
        Form::Slice,
        Form::Vec,
    ];
}

/// Where the second call of a case puts its result (the first is always an owned result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Buffer {
    /// `let mut out = scalar; einsum!(out = ...)` for a scalar output.
    Scalar,
    Tensor,
    TensorMut,
    /// A nested array of the output's rank (1 to 3).
    Array,
    /// A `DynTensor` (outputs with `...` only).
    DynTensor,
}

/// One operand: its term (letters, maybe `...`), its shape and how it is passed.
#[derive(Debug, Clone)]
pub struct Operand {
    pub term: String,
    pub shape: Vec<usize>,
    pub form: Form,
}

/// One generated call.
#[derive(Debug, Clone)]
pub struct Case {
    pub subscripts: String,
    pub operands: Vec<Operand>,
    /// The result's shape, as the generator derives it (the freshness test checks it against
    /// the reference evaluator).
    pub output_shape: Vec<usize>,
    /// The second call's buffer and whether it accumulates (`+=`).
    pub buffer: (Buffer, bool),
}

const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// `count` distinct random letters with random extents: 0 (5 %), 1 (20 %), else 2 to 4.
fn letters_and_extents(rng: &mut Rng, count: usize) -> Vec<(char, usize)> {
    let mut pool: Vec<u8> = LETTERS.to_vec();
    rng.shuffle(&mut pool);
    pool[..count]
        .iter()
        .map(|&c| (c as char, extent(rng)))
        .collect()
}

fn extent(rng: &mut Rng) -> usize {
    match rng.below(100) {
        0..5 => 0,
        5..25 => 1,
        _ => 2 + rng.below(3),
    }
}

/// Halves the largest extent until the product of all is at most [`MAX_COMBINATIONS`].
fn bound_combinations(extents: &mut [usize]) {
    while extents.iter().product::<usize>() > MAX_COMBINATIONS {
        let largest = extents
            .iter_mut()
            .max()
            .expect("a product above 1 has a factor");
        *largest /= 2;
    }
}

/// numpy's implicit output: the letters seen exactly once, in ASCII order.
fn implicit_output(terms: &[String]) -> String {
    let all: String = terms
        .concat()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let mut once: Vec<char> = all
        .chars()
        .filter(|&c| all.chars().filter(|&d| d == c).count() == 1)
        .collect();
    once.sort_unstable();
    once.into_iter().collect()
}

/// A random subset of `letters` in random order.
fn explicit_output(rng: &mut Rng, letters: &[char]) -> String {
    let mut chosen: Vec<char> = letters.iter().copied().filter(|_| rng.chance(50)).collect();
    rng.shuffle(&mut chosen);
    chosen.into_iter().collect()
}

/// The letters of `terms` in order of first appearance.
fn distinct_letters(terms: &[String]) -> Vec<char> {
    let mut letters = Vec::new();
    for c in terms.concat().chars().filter(char::is_ascii_alphabetic) {
        if !letters.contains(&c) {
            letters.push(c);
        }
    }
    letters
}

/// `inputs`, `->` (with spaces around it in 5 % of cases) and the output, or no arrow.
fn join(rng: &mut Rng, inputs: &[String], output: Option<&str>) -> String {
    let inputs = inputs.join(",");
    match output {
        None => inputs,
        Some(output) if rng.chance(5) => format!("{inputs} -> {output}"),
        Some(output) => format!("{inputs}->{output}"),
    }
}

/// The main cases: 1 to 4 operands of rank 0 to 4, up to 6 distinct indices, repeated indices,
/// implicit (25 %) and explicit outputs, scalar operands and outputs, extents of 0 and 1.
pub fn cases(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng(seed);
    (0..count).map(|_| case(&mut rng)).collect()
}

fn case(rng: &mut Rng) -> Case {
    let operand_count = 1 + rng.below(4);
    let distinct = 1 + rng.below(6);
    let pool = letters_and_extents(rng, distinct);
    // most axes take a letter no term has yet, so that cases reach 6 distinct indices
    let mut unused: Vec<char> = pool.iter().map(|&(c, _)| c).collect();
    let terms: Vec<String> = (0..operand_count)
        .map(|_| {
            let rank = [0, 1, 1, 2, 2, 2, 3, 3, 4][rng.below(9)];
            (0..rank)
                .map(|_| match unused.len() {
                    0 => pool[rng.below(pool.len())].0,
                    n if rng.chance(70) => unused.swap_remove(rng.below(n)),
                    _ => pool[rng.below(pool.len())].0,
                })
                .collect()
        })
        .collect();
    let letters = distinct_letters(&terms);
    let mut extents: Vec<usize> = letters
        .iter()
        .map(|c| pool.iter().find(|(l, _)| l == c).expect("from the pool").1)
        .collect();
    bound_combinations(&mut extents);
    let extent_of = |c: char| extents[letters.iter().position(|&l| l == c).expect("used")];
    let output = if rng.chance(25) {
        None
    } else {
        Some(explicit_output(rng, &letters))
    };
    let output_letters = output.clone().unwrap_or_else(|| implicit_output(&terms));
    let output_shape: Vec<usize> = output_letters.chars().map(extent_of).collect();
    let operands = terms
        .iter()
        .map(|term| {
            let shape: Vec<usize> = term.chars().map(extent_of).collect();
            let form = form(rng, shape.len());
            Operand {
                term: term.clone(),
                shape,
                form,
            }
        })
        .collect();
    let buffer = match output_shape.len() {
        0 => Buffer::Scalar,
        1..=3 => [Buffer::Tensor, Buffer::TensorMut, Buffer::Array][rng.below(3)],
        _ => [Buffer::Tensor, Buffer::TensorMut][rng.below(2)],
    };
    Case {
        subscripts: join(rng, &terms, output.as_deref()),
        operands,
        output_shape,
        buffer: (buffer, rng.chance(50)),
    }
}

/// A random form an operand of this rank can take (nested arrays have rank 1 to 3).
fn form(rng: &mut Rng, rank: usize) -> Form {
    match rank {
        1..=3 => Form::ALL[rng.below(6)],
        // the first three take any rank
        _ => Form::ALL[rng.below(3)],
    }
}

/// The ellipsis cases: 1 to 3 operands in every form, at least one with `...` standing for 0 to
/// 2 axes that broadcast (extents equal or 1), explicit outputs holding `...` and implicit
/// outputs.
pub fn ellipsis_cases(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng(seed);
    (0..count).map(|_| ellipsis_case(&mut rng)).collect()
}

fn ellipsis_case(rng: &mut Rng) -> Case {
    let operand_count = 1 + rng.below(3);
    let distinct = 1 + rng.below(4);
    let pool = letters_and_extents(rng, distinct);
    let broadcast: Vec<usize> = (0..rng.below(3)).map(|_| extent(rng)).collect();
    let with_ellipsis = rng.below(operand_count);
    let mut terms = Vec::new();
    let mut ellipsis_shapes = Vec::new();
    for k in 0..operand_count {
        let letters: String = (0..rng.below(4))
            .map(|_| pool[rng.below(pool.len())].0)
            .collect();
        if k == with_ellipsis || rng.chance(60) {
            // right-aligned with the broadcast axes; an axis may have extent 1 instead
            let rank = rng.below(broadcast.len() + 1);
            let shape: Vec<usize> = broadcast[broadcast.len() - rank..]
                .iter()
                .map(|&e| if rng.chance(25) { 1 } else { e })
                .collect();
            let at = rng.below(letters.len() + 1);
            terms.push(format!("{}...{}", &letters[..at], &letters[at..]));
            ellipsis_shapes.push(shape);
        } else {
            terms.push(letters);
            ellipsis_shapes.push(Vec::new());
        }
    }
    let letters = distinct_letters(&terms);
    let mut extents: Vec<usize> = letters
        .iter()
        .map(|c| pool.iter().find(|(l, _)| l == c).expect("from the pool").1)
        .collect();
    bound_combinations(&mut extents);
    let extent_of = |c: char| extents[letters.iter().position(|&l| l == c).expect("used")];
    let broadcast_shape = broadcast_shape_of(&ellipsis_shapes);
    let (output, output_shape) = if rng.chance(30) {
        let once = implicit_output(&terms);
        let mut shape = broadcast_shape.clone();
        shape.extend(once.chars().map(extent_of));
        (None, shape)
    } else {
        let chosen = explicit_output(rng, &letters);
        let at = rng.below(chosen.len() + 1);
        let mut shape: Vec<usize> = chosen[..at].chars().map(extent_of).collect();
        shape.extend(&broadcast_shape);
        shape.extend(chosen[at..].chars().map(extent_of));
        (
            Some(format!("{}...{}", &chosen[..at], &chosen[at..])),
            shape,
        )
    };
    let operands = terms
        .iter()
        .zip(&ellipsis_shapes)
        .map(|(term, ellipsis_shape)| {
            let (before, after) = term.split_once("...").unwrap_or((term, ""));
            let mut shape: Vec<usize> = before.chars().map(extent_of).collect();
            if term.contains("...") {
                shape.extend(ellipsis_shape);
            }
            shape.extend(after.chars().map(extent_of));
            let form = form(rng, shape.len());
            Operand {
                term: term.clone(),
                shape,
                form,
            }
        })
        .collect();
    let buffer = ellipsis_buffer(rng, output_shape.len());
    Case {
        subscripts: join(rng, &terms, output.as_deref()),
        operands,
        output_shape,
        buffer: (buffer, rng.chance(50)),
    }
}

/// Matrix products with `...` (as `left`, `right`, `output`, the `...` stretching or not, in
/// the rows, the columns or a batch of the walk): the calls of `ellipsis_gemm_cases`.
pub const ELLIPSIS_PRODUCTS: [[&str; 3]; 10] = [
    ["...ij", "...jk", "...ik"],
    ["...ij", "jk", "...ik"],
    ["ij", "...jk", "...ik"],
    ["...j", "jk", "...k"],
    ["jk", "...j", "...k"],
    ["...ji", "...kj", "...ki"],
    ["i...j", "jk", "i...k"],
    ["ij", "jk...", "ik..."],
    ["b...ij", "bjk", "b...ik"],
    ["...ij", "...j", "...i"],
];

/// The broadcast extents of `shapes`, right-aligned: the largest of each axis (1 only if all
/// are 1).
fn broadcast_shape_of(shapes: &[Vec<usize>]) -> Vec<usize> {
    let rank = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut broadcast_shape = vec![1; rank];
    for shape in shapes {
        for (j, &e) in shape.iter().enumerate() {
            let slot = &mut broadcast_shape[rank - shape.len() + j];
            if e != 1 {
                *slot = e;
            }
        }
    }
    broadcast_shape
}

/// A buffer for the result of a call whose output holds `...`: the result is a `DynTensor`,
/// so any buffer of its rank works.
fn ellipsis_buffer(rng: &mut Rng, rank: usize) -> Buffer {
    match rank {
        0 => Buffer::DynTensor,
        1..=3 => [
            Buffer::Tensor,
            Buffer::TensorMut,
            Buffer::Array,
            Buffer::DynTensor,
        ][rng.below(4)],
        _ => [Buffer::Tensor, Buffer::TensorMut, Buffer::DynTensor][rng.below(3)],
    }
}

/// Calls of [`ELLIPSIS_PRODUCTS`] whose named extents straddle the GEMM tier's thresholds (1,
/// 7, 8, 9 or 16) over `...` axes of 1 or 2 broadcast axes of extent 1 to 3 (the first
/// operand with `...` has them all, a second is right-aligned with them, an extent of 1 in
/// place of some); owned, and `=` or `+=`.
pub fn ellipsis_gemm_cases(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|index| ellipsis_gemm_case(&mut rng, ELLIPSIS_PRODUCTS[index % 10]))
        .collect()
}

fn ellipsis_gemm_case(rng: &mut Rng, [left, right, output]: [&str; 3]) -> Case {
    let letters: Vec<char> = {
        let mut letters: Vec<char> = format!("{left}{right}")
            .chars()
            .filter(|&c| c != '.')
            .collect();
        letters.sort_unstable();
        letters.dedup();
        letters
    };
    let extents: Vec<usize> = letters
        .iter()
        .map(|_| [1, 7, 8, 8, 9, 16][rng.below(6)])
        .collect();
    let extent_of = |c: char| extents[letters.iter().position(|&l| l == c).expect("a letter")];
    let broadcast: Vec<usize> = (0..1 + rng.below(2)).map(|_| 1 + rng.below(3)).collect();
    let terms = [left, right];
    let mut ellipsis_shapes = Vec::new();
    for (k, term) in terms.into_iter().enumerate() {
        let shape: Vec<usize> = if term.contains("...") {
            // the first `...` has every broadcast axis, a second any number of them
            let first = !terms[..k].iter().any(|t| t.contains("..."));
            let rank = if first {
                broadcast.len()
            } else {
                rng.below(broadcast.len() + 1)
            };
            broadcast[broadcast.len() - rank..]
                .iter()
                .map(|&e| if rng.chance(25) { 1 } else { e })
                .collect()
        } else {
            Vec::new()
        };
        ellipsis_shapes.push(shape);
    }
    let broadcast_shape = broadcast_shape_of(&ellipsis_shapes);
    let shape_of = |term: &str, ellipsis: &[usize]| -> Vec<usize> {
        let (before, after) = term.split_once("...").unwrap_or((term, ""));
        let mut shape: Vec<usize> = before.chars().map(extent_of).collect();
        shape.extend(ellipsis);
        shape.extend(after.chars().map(extent_of));
        shape
    };
    let operands = terms
        .iter()
        .zip(&ellipsis_shapes)
        .map(|(term, ellipsis)| {
            let shape = shape_of(term, ellipsis);
            let form = form(rng, shape.len());
            Operand {
                term: term.to_string(),
                shape,
                form,
            }
        })
        .collect();
    let output_shape = shape_of(output, &broadcast_shape);
    let buffer = ellipsis_buffer(rng, output_shape.len());
    Case {
        subscripts: format!("{left},{right}->{output}"),
        operands,
        output_shape,
        buffer: (buffer, rng.chance(50)),
    }
}

fn list(values: &[usize]) -> String {
    let items: Vec<String> = values.iter().map(usize::to_string).collect();
    items.join(", ")
}

/// `arr2::<T, 2, 3>` for a shape `[2, 3]`.
fn array_builder(shape: &[usize]) -> String {
    format!("arr{}::<T, {}>", shape.len(), list(shape))
}

/// The nested array `out` of this rank as a flat slice.
fn flattened(rank: usize) -> String {
    match rank {
        1 => "&out".to_string(),
        _ => format!("out{}", ".as_flattened()".repeat(rank - 1)),
    }
}

/// The body of one case, generic over the element type.
fn render_case(out: &mut String, index: usize, seed: u64, case: &Case) {
    let s = &case.subscripts;
    let names: Vec<String> = (0..case.operands.len()).map(|k| format!("x{k}")).collect();
    let call_args = names.join(", ");
    writeln!(out, "fn case_{index:03}<T: TestScalar>() {{").unwrap();
    writeln!(
        out,
        "    let mut rng = common::rng({});",
        seed + index as u64
    )
    .unwrap();
    writeln!(out, "    let s = {s:?};").unwrap();
    for (k, operand) in case.operands.iter().enumerate() {
        let shape = &operand.shape;
        let rank = shape.len();
        let len: usize = shape.iter().product();
        writeln!(out, "    let s{k}: [usize; {rank}] = [{}];", list(shape)).unwrap();
        writeln!(out, "    let d{k}: Vec<T> = random(&mut rng, {len});").unwrap();
        let build = match operand.form {
            Form::TensorRef => format!("TensorRef::new(&d{k}, s{k}).unwrap()"),
            Form::Tensor => format!("Tensor::from_vec(d{k}.clone(), s{k}).unwrap()"),
            Form::DynTensorRef => format!("DynTensorRef::new(&d{k}, &s{k}).unwrap()"),
            Form::Array => format!("{}(&d{k})", array_builder(shape)),
            Form::Slice if rank == 1 => format!("&d{k}[..]"),
            Form::Slice => {
                writeln!(out, "    let a{k} = {}(&d{k});", array_builder(shape)).unwrap();
                format!("&a{k}[..]")
            }
            Form::Vec if rank == 1 => format!("d{k}.clone()"),
            Form::Vec => format!("{}(&d{k}).to_vec()", array_builder(shape)),
        };
        writeln!(out, "    let x{k} = {build};").unwrap();
    }
    let ops: Vec<String> = (0..case.operands.len())
        .map(|k| format!("op(&d{k}, &s{k})"))
        .collect();
    writeln!(out, "    let ops = [{}];", ops.join(", ")).unwrap();
    writeln!(out, "    let got = einsum!({s:?}, {call_args});").unwrap();
    writeln!(out, "    check_owned(s, &ops, &got);").unwrap();
    {
        let (buffer, accumulate) = case.buffer;
        let shape = &case.output_shape;
        let rank = shape.len();
        let len: usize = shape.iter().product();
        let op = if accumulate { "+=" } else { "=" };
        writeln!(out, "    let init: Vec<T> = random(&mut rng, {len});").unwrap();
        let got = match buffer {
            Buffer::Scalar => {
                writeln!(out, "    let mut out = init[0];").unwrap();
                writeln!(out, "    einsum!(out {op} {s:?}, {call_args});").unwrap();
                "&[out]".to_string()
            }
            Buffer::Tensor => {
                writeln!(
                    out,
                    "    let mut out = Tensor::from_vec(init.clone(), [{}]).unwrap();",
                    list(shape)
                )
                .unwrap();
                writeln!(out, "    einsum!(out {op} {s:?}, {call_args});").unwrap();
                "out.as_slice()".to_string()
            }
            Buffer::TensorMut => {
                writeln!(out, "    let mut flat = init.clone();").unwrap();
                writeln!(
                    out,
                    "    let mut view = TensorMut::new(&mut flat, [{}]).unwrap();",
                    list(shape)
                )
                .unwrap();
                writeln!(out, "    einsum!(view {op} {s:?}, {call_args});").unwrap();
                "&flat".to_string()
            }
            Buffer::DynTensor => {
                writeln!(
                    out,
                    "    let mut out = DynTensor::from_vec(init.clone(), &[{}]).unwrap();",
                    list(shape)
                )
                .unwrap();
                writeln!(out, "    einsum!(out {op} {s:?}, {call_args});").unwrap();
                "out.as_slice()".to_string()
            }
            Buffer::Array => {
                writeln!(out, "    let mut out = {}(&init);", array_builder(shape)).unwrap();
                writeln!(out, "    einsum!(out {op} {s:?}, {call_args});").unwrap();
                flattened(rank)
            }
        };
        writeln!(out, "    check_into(s, &ops, &init, {got}, {accumulate});").unwrap();
    }
    writeln!(out, "}}\n").unwrap();
}

/// The test functions: each case in i64 and in f64.
fn render_tests(out: &mut String, count: usize) {
    writeln!(
        out,
        "/// One test per case and element type: `i64::case_007`, `f64::case_007`."
    )
    .unwrap();
    writeln!(out, "macro_rules! tests {{").unwrap();
    writeln!(out, "    ($($case:ident),* $(,)?) => {{").unwrap();
    for ty in ["i64", "f64"] {
        writeln!(out, "        mod {ty} {{").unwrap();
        writeln!(out, "            $(").unwrap();
        writeln!(out, "                #[test]").unwrap();
        writeln!(out, "                fn $case() {{").unwrap();
        writeln!(out, "                    super::$case::<{ty}>();").unwrap();
        writeln!(out, "                }}").unwrap();
        writeln!(out, "            )*").unwrap();
        writeln!(out, "        }}").unwrap();
    }
    writeln!(out, "    }};").unwrap();
    writeln!(out, "}}\n").unwrap();
    writeln!(out, "tests! {{").unwrap();
    for index in 0..count {
        writeln!(out, "    case_{index:03},").unwrap();
    }
    writeln!(out, "}}").unwrap();
}

const HEADER: &str = "\
//! Generated by tests/gen/generator.rs (seed SEED, COUNT cases): random valid einsum calls
//! WHAT, each compiled with `einsum!` and compared with the reference evaluator on random
//! data, in i64 exactly and in f64 within rounding. Do not edit: change the generator and run
//! `EINSUM_REGENERATE=1 cargo test -p einsum --test generated_fresh`.
";

/// Whether `code` calls or paths through `name` (not merely a longer name ending in it).
fn uses(code: &str, name: &str) -> bool {
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = &code[at + name.len()..];
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && ["::", "(", "!(", "<"].iter().any(|p| after.starts_with(p))
    })
}

/// The `use` lines for what `body` names, so that no import is unused.
fn imports(body: &str, from_facade: &[&str], from_support: &[&str]) -> String {
    let named = |names: &[&str]| -> String {
        let used: Vec<&str> = names
            .iter()
            .copied()
            .filter(|name| uses(body, name))
            .collect();
        used.join(", ")
    };
    format!(
        "use einsum::{{{}}};\nuse support::{{{}}};\n\n",
        named(from_facade),
        named(from_support)
    )
}

/// Every name a generated file may import from the facade and from `support`.
const FACADE: [&str; 6] = [
    "DynTensor",
    "DynTensorRef",
    "Tensor",
    "TensorMut",
    "TensorRef",
    "einsum",
];
const SUPPORT: [&str; 6] = ["arr1", "arr2", "arr3", "check_into", "check_owned", "op"];

/// `tests/generated.rs`.
pub fn render(seed: u64, cases: &[Case]) -> String {
    render_file(seed, cases, "without `...`")
}

/// `tests/generated_ellipsis.rs`.
pub fn render_ellipsis(seed: u64, cases: &[Case]) -> String {
    render_file(seed, cases, "with `...`")
}

/// `tests/generated_ellipsis_gemm.rs`.
pub fn render_ellipsis_gemm(seed: u64, cases: &[Case]) -> String {
    render_file(seed, cases, "with `...` that are matrix products")
}

fn render_file(seed: u64, cases: &[Case], what: &str) -> String {
    let mut body = String::new();
    for (index, case) in cases.iter().enumerate() {
        render_case(&mut body, index, seed, case);
    }
    render_tests(&mut body, cases.len());
    let mut out = HEADER
        .replace("SEED", &format!("{seed:#x}"))
        .replace("COUNT", &cases.len().to_string())
        .replace("WHAT", what);
    out.push_str(
        "\nmod common;\n#[path = \"gen/support.rs\"]\nmod support;\n\n\
         use common::{TestScalar, random};\n",
    );
    out.push_str(&imports(&body, &FACADE, &SUPPORT));
    out + &body
}
