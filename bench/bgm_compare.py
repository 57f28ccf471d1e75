"""The Python side of ./bench/bgm-compare: one variational iteration of scikit-learn's
BayesianGaussianMixture on ./bench/compare's data.

  bgm_compare.py init DIR   writes the initial labels (each point's nearest initial mean)
  bgm_compare.py time DIR   times one iteration (E-step, M-step, lower bound), single-threaded
                            and with the default thread count; writes the times and the
                            parameters after one iteration for the Rust side to compare

Arrays are flat little-endian float64 files, row-major, as in compare.py.
"""

import sys
from pathlib import Path

import numpy as np

from compare import best_seconds, load


def initial_labels(out):
    n, k, d = map(int, (out / "shape.txt").read_text().split())
    x = load(out, "points", (n, d))
    means = load(out, "means", (k, d))
    distances = ((x[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
    distances.argmin(axis=1).astype("<f8").tofile(out / "bgm_labels.f64")


def time_python(out):
    from sklearn.mixture import BayesianGaussianMixture
    from threadpoolctl import threadpool_limits

    n, k, d = map(int, (out / "shape.txt").read_text().split())
    x = load(out, "points", (n, d))
    labels = load(out, "bgm_labels", (n,)).astype(int)
    resp = np.zeros((n, k))
    resp[np.arange(n), labels] = 1.0

    model = BayesianGaussianMixture(
        n_components=k,
        covariance_type="full",
        weight_concentration_prior_type="dirichlet_process",
        max_iter=1,
        tol=0.0,
    )
    # What fit does before its loop, with our responsibilities in place of k-means'.
    model._check_parameters(x)
    model._initialize(x, resp)
    start = model._get_parameters()

    def reset():
        model._set_parameters(tuple(np.copy(p) if isinstance(p, np.ndarray)
                                    else tuple(np.copy(q) for q in p) if isinstance(p, tuple)
                                    else p for p in start))

    state = {}

    def iteration():
        log_prob_norm, log_resp = model._e_step(x)
        model._m_step(x, log_resp)
        state["lower_bound"] = model._compute_lower_bound(log_resp, log_prob_norm)

    times = {}
    for threads, suffix in [(1, "1thread"), (None, "all_cores")]:
        with threadpool_limits(limits=threads):
            times[f"sklearn_bgm_iter_full_{suffix}"] = best_seconds(iteration, 7, reset)
    reset()
    iteration()
    model.means_.astype("<f8").tofile(out / "sklearn_bgm_means.f64")
    model.covariances_.astype("<f8").tofile(out / "sklearn_bgm_covariances.f64")
    np.array([state["lower_bound"]]).astype("<f8").tofile(out / "sklearn_bgm_lower_bound.f64")
    for key, value in times.items():
        print(f"{key}_s: {value:.6f}")


if __name__ == "__main__":
    command, directory = sys.argv[1], Path(sys.argv[2])
    {"init": initial_labels, "time": time_python}[command](directory)
