"""Writes the two crates ./bench/compile-cost builds: one with N distinct einsum! calls, one with
the same contractions as hand-written loops, each call a public function over flat slices with
run-time shapes, and a test of the second that both compute the same.

  compile_cost.py DIR REPO N
"""

import random
import sys
from pathlib import Path

LETTERS = "abcdefgh"


def contractions(count):
    """`count` distinct subscripts of one to three operands of rank one to three, each output
    a subset of the input indices in first-appearance order or reversed."""
    rng = random.Random(6)
    seen, out = set(), []
    while len(out) < count:
        pool = rng.sample(LETTERS, rng.randint(2, 5))
        terms = ["".join(rng.sample(pool, rng.randint(1, min(3, len(pool))))) for _ in range(rng.randint(1, 3))]
        indices = list(dict.fromkeys("".join(terms)))
        kept = [i for i in indices if rng.random() < 0.5]
        if rng.random() < 0.5:
            kept.reverse()
        subscripts = ",".join(terms) + "->" + "".join(kept)
        if subscripts not in seen:
            seen.add(subscripts)
            out.append((terms, kept, indices))
    return out


def signature(n, terms):
    params = ", ".join(f"x{k}: &[f64], s{k}: [usize; {len(t)}]" for k, t in enumerate(terms))
    return f"pub fn f{n}({params}) -> Vec<f64>"


def einsum_function(n, terms, output):
    views = "\n".join(f"    let t{k} = TensorRef::new(x{k}, s{k}).unwrap();" for k in range(len(terms)))
    subscripts = ",".join(terms) + "->" + "".join(output)
    operands = ", ".join(f"t{k}" for k in range(len(terms)))
    result = f'einsum!("{subscripts}", {operands})'
    body = f"vec![{result}]" if not output else f"{result}.into_vec()"
    return f"{signature(n, terms)} {{\n{views}\n    {body}\n}}\n"


def hand_function(n, terms, output, indices):
    """The loops a programmer writes without einsum!: extents from the shapes, a check that
    every operand agrees and holds its data, one loop per index, row-major offsets."""
    lines = [f"{signature(n, terms)} {{"]
    defined = {}
    for k, term in enumerate(terms):
        for axis, letter in enumerate(term):
            if letter in defined:
                lines.append(f"    assert_eq!(s{k}[{axis}], n_{letter});")
            else:
                defined[letter] = True
                lines.append(f"    let n_{letter} = s{k}[{axis}];")
        lines.append(f"    assert_eq!(x{k}.len(), s{k}.iter().product::<usize>());")

    def offset(term):
        expr = "0"
        for letter in term:
            expr = f"({expr}) * n_{letter} + {letter}"
        return expr

    size = " * ".join(f"n_{o}" for o in output) or "1"
    lines.append(f"    let mut out = vec![0.0; {size}];")
    depth = 1
    for letter in output + [i for i in indices if i not in output]:
        lines.append("    " * depth + f"for {letter} in 0..n_{letter} {{")
        depth += 1
    product = " * ".join(f"x{k}[{offset(t)}]" for k, t in enumerate(terms))
    lines.append("    " * depth + f"out[{offset(output)}] += {product};")
    for d in range(depth - 1, 0, -1):
        lines.append("    " * d + "}")
    lines.append("    out\n}\n")
    return "\n".join(lines)


def agreement_test(calls):
    """A test of the hand-written crate that calls every function of both crates on the same
    small integer-valued data (so every sum is exact) and asserts equal results."""
    lines = [
        "fn data(len: usize, seed: usize) -> Vec<f64> {",
        "    (0..len).map(|i| ((i * 7 + seed * 13) % 11) as f64 - 5.0).collect()",
        "}",
        "",
        "#[test]",
        "fn both_crates_compute_the_same() {",
    ]
    for n, (terms, _, _) in enumerate(calls):
        extent = {letter: 2 + LETTERS.index(letter) % 3 for letter in LETTERS}
        args = []
        for k, term in enumerate(terms):
            shape = [extent[letter] for letter in term]
            size = 1
            for e in shape:
                size *= e
            lines.append(f"    let x{n}_{k} = data({size}, {n + k});")
            args.append(f"&x{n}_{k}, {shape}")
        call = ", ".join(args)
        lines.append(f"    assert_eq!(by_hand::f{n}({call}), with_einsum::f{n}({call}), \"f{n}\");")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_crate(path, name, dependency, header, functions, dev_dependency=""):
    (path / "src").mkdir(parents=True, exist_ok=True)
    (path / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        f"[workspace]\n\n[dependencies]\n{dependency}\n[dev-dependencies]\n{dev_dependency}"
    )
    allow = "#![allow(clippy::all, unused_parens, clippy::needless_range_loop)]\n"
    (path / "src" / "lib.rs").write_text(allow + header + "\n".join(functions))


def main():
    out, repo, count = Path(sys.argv[1]), Path(sys.argv[2]).resolve(), int(sys.argv[3])
    calls = contractions(count)
    write_crate(
        out / "with-einsum",
        "with_einsum",
        f'einsum = {{ path = "{repo}" }}\n',
        "use einsum::{TensorRef, einsum};\n\n",
        [einsum_function(n, t, o) for n, (t, o, _) in enumerate(calls)],
    )
    write_crate(
        out / "by-hand",
        "by_hand",
        "",
        "",
        [hand_function(n, t, o, i) for n, (t, o, i) in enumerate(calls)],
        f'with_einsum = {{ path = "{(out / "with-einsum").resolve()}" }}\n',
    )
    (out / "by-hand" / "tests").mkdir(exist_ok=True)
    (out / "by-hand" / "tests" / "agree.rs").write_text(agreement_test(calls))


if __name__ == "__main__":
    main()
