"""Instruction counts (valgrind's callgrind) of a fit from Python: what `gmm.GaussianMixture`
adds to the Rust call underneath, independent of the machine's load.

    python python/benchmarks/em_instructions.py [DIR]     (DIR: target/bench-compare)

Run with the venv ./test makes (target/python-venv/bin/python) after
python/benchmarks/em_iteration.py has generated DIR (./bench/compare's data: n = 130,000,
d = 2, k = 50, full covariances, the same initial parameters). Each variant runs in its own
process under `valgrind --tool=callgrind` on one thread, and the counts are differenced
against a process that does everything but the fit (start-up, imports, loading the data), so
each figure is the instructions of the fit call alone:

- `estimator`: `gmm.GaussianMixture(...).fit(X)`, scikit-learn's parameter and input
  validation included;
- `core`: `gmm._core.fit(X, ...)`, the Rust library's `GmmValidParams::fit_with` behind one
  PyO3 call (argument conversion, the GIL released): the Rust API's work, in the same process
  layout;

each with `max_iter` 1 and 11, so that (11 - 1) / 10 is one iteration.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(out, variant, max_iter):
    """The measured process: load the data, then fit as `variant` says."""
    import warnings

    import numpy as np

    sys.path.insert(0, str(ROOT / "bench"))
    import compare

    import gmm
    from gmm import _core

    n, k, d = map(int, (out / "shape.txt").read_text().split())
    x = compare.load(out, "points", (n, d))
    init = dict(
        weights_init=compare.load(out, "weights", (k,)),
        means_init=compare.load(out, "means", (k, d)),
        precisions_init=compare.load(out, "precisions_full", (k, d, d)),
    )
    model = gmm.GaussianMixture(k, tol=0.0, max_iter=max_iter, random_state=0, **init)
    model._validate_params()
    config = model._config(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if variant == "estimator":
            model.fit(x)
        elif variant == "core":
            _core.fit(x, None, warm=None, **config)
        elif variant != "baseline":
            raise ValueError(variant)


def instructions(out, variant, max_iter):
    """The instructions callgrind counts in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "callgrind.out"
        env = dict(os.environ, RAYON_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                   PYTHONHASHSEED="0")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={log}",
             sys.executable, __file__, "--child", str(out), variant, str(max_iter)],
            env=env, check=True, capture_output=True,
        )
        text = log.read_text()
    return int(re.search(r"^summary: (\d+)", text, re.M).group(1))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
        return
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "bench-compare"
    base = instructions(out, "baseline", 1)
    counts = {
        (variant, it): instructions(out, variant, it) - base
        for variant in ("core", "estimator")
        for it in (1, 11)
    }
    for variant in ("core", "estimator"):
        one, eleven = counts[(variant, 1)], counts[(variant, 11)]
        print(f"{variant}_fit1_instructions: {one}")
        print(f"{variant}_iteration_instructions: {(eleven - one) / 10:.0f}")
    fit1 = counts[("estimator", 1)] / counts[("core", 1)]
    iteration = (counts[("estimator", 11)] - counts[("estimator", 1)]) / (
        counts[("core", 11)] - counts[("core", 1)]
    )
    print(f"estimator_over_core_fit1: {fit1:.4f}")
    print(f"estimator_over_core_iteration: {iteration:.4f}")


if __name__ == "__main__":
    main()
