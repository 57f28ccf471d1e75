"""Exact EM on Ray with gmm's sufficient statistics: each remote task computes one chunk's
E-step statistics under the current parameters, the driver merges them in a fixed order and
runs the M-step. The chunks stay in Ray's object store; only the statistics travel. The result
is checked against the in-memory fit from the same initial parameters.

    pip install ray      # then, with this package installed:
    python ray_em.py

The same three calls (SufficientStatistics.from_chunk, merge, m_step) run EM on any engine that
can map a function over chunks and collect the results: Spark's mapInArrow, multiprocessing...
"""

import warnings

import numpy as np
import ray

import gmm


@ray.remote
def chunk_statistics(mixture, x, w):
    return gmm.SufficientStatistics.from_chunk(mixture, x, w)


def data(n=200_000, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 100, size=(8, 2))
    x = centres[rng.integers(0, 8, n)] + rng.normal(size=(n, 2)) @ np.array([[3.0, 1.0], [0.0, 2.0]])
    return x, rng.uniform(0.1, 1.0, n)


def main(k=8, iterations=30, n_chunks=8, reg_covar=1e-6):
    x, w = data()
    # Initial parameters: k-means on a sample, in memory.
    sample = np.random.default_rng(1).choice(len(x), 20_000, replace=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = gmm.GaussianMixture(k, max_iter=1, random_state=0).fit(x[sample], sample_weight=w[sample])
    init = dict(weights_init=start.weights_, means_init=start.means_, precisions_init=start.precisions_)
    mixture = gmm.Mixture.from_parameters(
        "float64", "full", start.weights_.tolist(), start.means_.ravel().tolist(), 2,
        start.covariances_.ravel().tolist(), False, [],
    )

    ray.init(num_cpus=2, include_dashboard=False)
    # The weights over their largest, as an in-memory fit scales them.
    w = w / w.max()
    chunks = [
        (ray.put(np.ascontiguousarray(xc)), ray.put(np.ascontiguousarray(wc)))
        for xc, wc in zip(np.array_split(x, n_chunks), np.array_split(w, n_chunks))
    ]
    bounds = []
    for _ in range(iterations):
        parts = ray.get([chunk_statistics.remote(mixture, xc, wc) for xc, wc in chunks])
        total = gmm.merge_tree(parts)
        bounds.append(total.lower_bound)
        mixture = total.m_step(reg_covar)
    ray.shutdown()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = gmm.GaussianMixture(k, tol=0.0, max_iter=iterations, **init).fit(x, sample_weight=w)
    worst = max(
        np.abs(mixture.means - reference.means_).max() / np.abs(reference.means_).max(),
        np.abs(mixture.covariances - reference.covariances_).max()
        / np.abs(reference.covariances_).max(),
        np.abs(np.array(bounds) - reference.lower_bounds_).max() / abs(reference.lower_bound_),
    )
    print(f"{iterations} EM iterations on Ray over {n_chunks} chunks: lower bound {bounds[-1]:.6f}")
    print(f"largest relative difference from the in-memory fit: {worst:.2e}")
    assert worst < 1e-10


if __name__ == "__main__":
    main()
