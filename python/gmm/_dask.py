"""Exact EM over the chunks of a ``dask.array.Array``.

Every iteration, each chunk of rows computes its :class:`gmm.SufficientStatistics` under the
current parameters where the chunk lives (on the workers of the current
``dask.distributed`` client, or on dask's local scheduler without one); the statistics are
merged by a tree reduction in a fixed order (chunk 0 with 1, 2 with 3, ..., then the pairs
of those), and the M-step runs on the client. The rows never leave the workers; only
``k (1 + d + d²)`` numbers per chunk travel.

Initialisation: a uniform random sample of at most ``sample_size`` rows (50,000 by default),
drawn with the estimator's ``random_state`` and read from the cluster with its weights, is
initialised exactly as an in-memory fit would be (``init_params``, ``n_init``, and any of
``weights_init``, ``means_init``, ``precisions_init``, which replace the estimated ones). When
the array has no more rows than the sample, the sample is the whole array in order, and the
fit is the in-memory fit's to rounding; from the same initial parameters it always is.
With ``warm_start``, a fitted estimator continues from its parameters instead.
"""

import numpy as np

from . import _core

#: Rows read to the client to initialise a fit over a Dask array.
SAMPLE_SIZE = 50_000


def _chunk_statistics(model, x, w):
    # Arrays deserialised from the network can be unaligned: Rust reads aligned ones only.
    x = np.require(x, dtype=model.dtype, requirements=["C", "A"])
    if w is not None:
        w = np.require(w, dtype=model.dtype, requirements=["C", "A"])
    return _core.SufficientStatistics.from_chunk(model, x, w)


def _merge(a, b):
    return a.merge(b)


def merge_tree(parts, merge=_merge):
    """Merges a list of statistics (or delayed ones) pairwise, level by level, in order."""
    parts = list(parts)
    if not parts:
        raise ValueError("no statistics to merge")
    while len(parts) > 1:
        parts = [
            merge(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
            for i in range(0, len(parts), 2)
        ]
    return parts[0]


def statistics(model, X, sample_weight=None):
    """The statistics of a Dask array's rows under ``model`` (a ``gmm._core.Mixture``):
    per-chunk E-steps merged by a tree reduction in chunk order, computed on the current
    scheduler."""
    import dask

    blocks = X.to_delayed().ravel()
    weights = [None] * len(blocks) if sample_weight is None else sample_weight.to_delayed().ravel()
    chunk = dask.delayed(_chunk_statistics, pure=True)
    merge = dask.delayed(_merge, pure=True)
    model = dask.delayed(model, pure=True)
    parts = [chunk(model, b, w) for b, w in zip(blocks, weights)]
    return dask.compute(merge_tree(parts, merge))[0]


def _prepare(X, sample_weight, estimator):
    import dask
    import dask.array as da

    if X.ndim != 2:
        raise ValueError(f"Expected a 2-D array, got a {X.ndim}-D dask array")
    if any(np.isnan(c) for c in X.chunks[0]):
        raise ValueError("the dask array's chunk sizes are unknown: call compute_chunk_sizes()")
    dtype = np.float32 if X.dtype == np.float32 else np.float64
    X = X.astype(dtype).rechunk({1: -1})
    n, d = X.shape
    if n < 2 or d < 1:
        raise ValueError(
            f"Found array with {n} sample(s) and {d} feature(s) while a minimum of 2 samples "
            "and 1 feature is required."
        )
    w = None
    if sample_weight is not None:
        w = sample_weight if hasattr(sample_weight, "chunks") else da.asarray(sample_weight)
        if w.shape != (n,):
            raise ValueError(f"{w.shape[0] if w.ndim else 0} sample weights were given for {n} rows")
        w = w.astype(dtype).rechunk((X.chunks[0],))
    X, w = dask.persist(X, w)
    positive = n
    if w is not None:
        largest, lowest, positive = dask.compute(w.max(), w.min(), (w > 0).sum())
        # As the in-memory fit: weights over their largest (the bad ones are the chunks' errors).
        if np.isfinite(largest) and largest > 0 and lowest >= 0:
            w = (w / largest).astype(dtype).persist()
    k = estimator.n_components
    if positive < k:
        raise ValueError(f"{positive} samples are fewer than the {k} components")
    return X, w


def _sample(X, w, seed, size):
    """At most ``size`` rows of ``X`` (with their weights), uniformly without replacement, in
    order; all of them when there are no more."""
    import dask

    n = X.shape[0]
    if n <= size:
        return dask.compute(X, w)
    rows = np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))
    return dask.compute(X[rows], None if w is None else w[rows])


def fit_dask(estimator, X, sample_weight, sample_size=None):
    """Fits ``estimator`` (a ``gmm.GaussianMixture``) by exact EM over the chunks of ``X``."""
    X, w = _prepare(X, sample_weight, estimator)
    config = estimator._config(X.shape[1])
    warm = estimator._continues()
    if warm and estimator._mixture.dtype != X.dtype.name:
        raise ValueError(f"warm start of a {estimator._mixture.dtype} model on {X.dtype.name} data")
    tol, max_iter = float(estimator.tol), int(estimator.max_iter)
    verbose = int(estimator.verbose)
    best = None
    if warm:
        starts = [(estimator._mixture, estimator.lower_bound_)]
    else:
        sample, sample_w = _sample(X, w, config["seed"], sample_size or SAMPLE_SIZE)
        sample = np.require(sample, requirements=["C", "A"])
        if sample_w is not None:
            sample_w = np.require(sample_w, requirements=["C", "A"])
        starts = []
        for run in range(int(estimator.n_init)):
            # One initialisation per run, each with its own seed, as the in-memory runs draw
            # theirs one after the other from one generator.
            run_config = dict(config, max_iter=0, n_init=1, verbose=0, seed=config["seed"] + run)
            starts.append((_core.fit(sample, sample_w, warm=None, **run_config), -np.inf))
    for run, (model, lower_bound) in enumerate(starts):
        history, converged = [], False
        if verbose:
            print(f"Initialization {run}")
        for iteration in range(1, max_iter + 1):
            previous = lower_bound
            stats = statistics(model, X, w)
            lower_bound = stats.lower_bound
            model = stats.m_step(float(estimator.reg_covar))
            history.append(lower_bound)
            change = lower_bound - previous
            if verbose and iteration % int(estimator.verbose_interval) == 0:
                print(f"  Iteration {iteration}\t ll change {change:.5f}")
            if abs(change) < tol:
                converged = True
                if verbose:
                    print("Initialization converged.")
                break
        if best is None or lower_bound > best[2] or best[2] == -np.inf:
            best = (model, history, lower_bound, converged)
    model, history, _, converged = best
    estimator.n_features_in_ = X.shape[1]
    estimator._set_fitted(model.with_history(converged, history))
    return X
