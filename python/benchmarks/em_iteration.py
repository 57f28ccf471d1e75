"""One EM iteration from Python against scikit-learn and against the Rust API, and a fit over
a Dask array beside the in-memory one, on ./bench/compare's data (n = 130,000, d = 2, k = 50,
the same initial parameters).

    python python/benchmarks/em_iteration.py [DIR]     (DIR: target/bench-compare)

Run it with the venv ./test makes (target/python-venv/bin/python; threadpoolctl comes with
scikit-learn): it generates the data with bench/compare.py when DIR has none (and its numpy
and scikit-learn references, which the Rust side checks itself against), builds bench's `compare` binary (release) for the Rust
API's figure, and prints one `key: value` line per figure. Everything but the Dask run is on
one thread (threadpoolctl for numpy, RAYON_NUM_THREADS=1 for gmm). An iteration is timed as
(fit with max_iter=11 - fit with max_iter=1) / 10, as bench/compare times the Rust API, so
setup and input checks cancel; each variant's best of 7, the variants in turns, and the
Python and Rust API timings alternated twice (the best of each).
"""

import os

os.environ["RAYON_NUM_THREADS"] = "1"  # before gmm starts its thread pool

import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import compare  # noqa: E402  (bench/compare.py: the data and scikit-learn's timed iteration)

import gmm  # noqa: E402


def best_in_turns(variants, repeats=7):
    """The best wall time of every variant, the variants run in turns (every other turn in
    reverse), after one warm-up turn."""
    best = {name: float("inf") for name in variants}
    names = list(variants)
    for turn in range(repeats + 1):
        for name in names if turn % 2 == 0 else names[::-1]:
            start = time.perf_counter()
            variants[name]()
            seconds = time.perf_counter() - start
            if turn:
                best[name] = min(best[name], seconds)
    return best


def python_fit(x, init, max_iter, covariance_type="full"):
    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return gmm.GaussianMixture(
                len(init["weights_init"]),
                covariance_type=covariance_type,
                tol=0.0,
                max_iter=max_iter,
                **init,
            ).fit(x)

    return run


def rust_api(out):
    if not (out / "numpy_px.f64").exists():
        compare.time_python(out)  # the references the Rust side checks itself against
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "-p", "einsum-bench", "--bin", "compare"],
        cwd=ROOT,
        check=True,
    )
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    text = subprocess.run(
        [str(ROOT / "target" / "release" / "compare"), str(out), "--em-only"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    values = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    return float(values["em_iter_full_s"]), float(values["em_fit1_full_s"])


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "bench-compare"
    if not (out / "shape.txt").exists():
        compare.generate(out)
    n, k, d = map(int, (out / "shape.txt").read_text().split())
    x = compare.load(out, "points", (n, d))
    weights = compare.load(out, "weights", (k,))
    means = compare.load(out, "means", (k, d))
    precisions = compare.load(out, "precisions_full", (k, d, d))
    init = dict(weights_init=weights, means_init=means, precisions_init=precisions)
    figures = {}

    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        sklearn_s, after_one = compare.one_em_iteration(x, "full", weights, means, precisions, 7)
    figures["sklearn_em_iter_full_1thread_s"] = sklearn_s
    one = python_fit(x, init, 1)()
    np.testing.assert_allclose(one.means_, after_one[1], rtol=1e-8)
    np.testing.assert_allclose(one.covariances_, after_one[2], rtol=1e-8)

    # Python and the Rust API (bench's `compare`, a separate process) in alternation, twice;
    # the best of each.
    python_iter = python_fit1 = python_fit11 = rust_iter = rust_fit1 = float("inf")
    for _ in range(2):
        times = best_in_turns({"1": python_fit(x, init, 1), "11": python_fit(x, init, 11)})
        python_iter = min(python_iter, (times["11"] - times["1"]) / 10)
        python_fit1 = min(python_fit1, times["1"])
        python_fit11 = min(python_fit11, times["11"])
        rust = rust_api(out)
        rust_iter, rust_fit1 = min(rust_iter, rust[0]), min(rust_fit1, rust[1])
    times = {"1": python_fit1, "11": python_fit11}
    figures["python_em_iter_full_1thread_s"] = python_iter
    figures["python_em_fit1_full_1thread_s"] = python_fit1
    figures["rust_em_iter_full_1thread_s"] = rust_iter
    figures["rust_em_fit1_full_1thread_s"] = rust_fit1
    figures["python_speedup_vs_sklearn_1thread"] = sklearn_s / figures["python_em_iter_full_1thread_s"]
    figures["python_over_rust_em_iter"] = figures["python_em_iter_full_1thread_s"] / rust_iter
    figures["python_over_rust_em_fit1"] = times["1"] / rust_fit1

    # Dask: 10 iterations over 4 chunks on a 2-worker local cluster, and in memory.
    import dask.array as da
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster, Client(cluster):
        chunks = da.from_array(x, chunks=(n // 4 + 1, d)).persist()
        dask_times = best_in_turns(
            {"1": python_fit(chunks, init, 1), "11": python_fit(chunks, init, 11)}, repeats=3
        )
        in_memory = python_fit(x, init, 11)()
        on_dask = python_fit(chunks, init, 11)()
        figures["dask_vs_in_memory_means_max_relative_difference"] = float(
            np.abs(on_dask.means_ - in_memory.means_).max() / np.abs(in_memory.means_).max()
        )
    figures["dask_em_iter_full_2workers_s"] = (dask_times["11"] - dask_times["1"]) / 10
    figures["dask_em_fit11_full_2workers_s"] = dask_times["11"]
    figures["python_em_fit11_full_1thread_s"] = times["11"]
    for key, value in figures.items():
        print(f"{key}: {value:.6g}")


if __name__ == "__main__":
    main()
