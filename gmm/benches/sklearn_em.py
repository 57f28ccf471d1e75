"""scikit-learn's time for one EM iteration on the `em` bench's problem (n = 130,000, d = 2,
k = 50), for the full and diag covariance types: the best of 5 of `fit` with `max_iter=1`
(validation, one E-step and M-step, and scikit-learn's final E-step), and of one `_e_step`
plus `_m_step` (what its EM loop runs per iteration).

    cargo run --release -p gmm --example scaling -- /tmp/scaling.png target/em-data
    python gmm/benches/sklearn_em.py target/em-data
"""
import sys
import time
import warnings

import numpy as np
from sklearn.mixture import GaussianMixture


def best_of(repeats, run):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(data_dir):
    x = np.loadtxt(f"{data_dir}/x.csv", delimiter=",")
    means = np.loadtxt(f"{data_dir}/means_init.csv", delimiter=",")
    k = len(means)
    precision = 1.0 / 64.0
    warnings.simplefilter("ignore")  # max_iter=1 never converges
    for covariance_type, precisions in [
        ("full", np.tile(np.eye(2) * precision, (k, 1, 1))),
        ("diag", np.full((k, 2), precision)),
    ]:
        model = GaussianMixture(
            k,
            covariance_type=covariance_type,
            weights_init=np.full(k, 1.0 / k),
            means_init=means,
            precisions_init=precisions,
            max_iter=1,
            tol=0.0,
        )
        fit = best_of(5, lambda: model.fit(x))

        def step():
            _, log_resp = model._e_step(x)
            model._m_step(x, log_resp)

        iteration = best_of(5, step)
        print(f"sklearn {covariance_type}: fit(max_iter=1) {fit * 1e3:.1f} ms, "
              f"e_step + m_step {iteration * 1e3:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1])
