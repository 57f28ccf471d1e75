"""Peak memory of ``predict_proba`` against ``predict_proba_batches`` from Python: 10^6 rows of
d = 2 under a 50-component model (fitted on 20,000 of them), the peak RSS before and after one
call, in a process of its own per method.

    python python/benchmarks/proba_memory.py proba      # or: batches

Run it with the venv ./test makes (target/python-venv/bin/python). Both print the sum of
every posterior (10^6, up to rounding), so that the batches are seen to do the work.
"""

import resource
import sys
import warnings

import numpy as np

import gmm


def main(method):
    warnings.simplefilter("ignore")
    X = np.random.default_rng(0).normal(size=(1_000_000, 2)) * 10
    model = gmm.GaussianMixture(n_components=50, max_iter=1, random_state=0).fit(X[:20_000])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if method == "proba":
        total = model.predict_proba(X).sum(axis=0)
    else:
        total = sum(p.sum(axis=0) for p in model.predict_proba_batches(X, batch_size=4096))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{method}: peak {before // 1024} -> {after // 1024} MiB, posteriors sum {total.sum()}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("proba", "batches"):
        sys.exit("usage: proba_memory.py proba|batches")
    main(sys.argv[1])
