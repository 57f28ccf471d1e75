"""The Python side of ./bench/compare.

  compare.py generate DIR   writes the data and the initial parameters into DIR
  compare.py time DIR       times numpy.einsum (the seed's px2 and musig2) and scikit-learn's
                            GaussianMixture (one EM iteration, full and diag), single-threaded
                            and with the default thread count; one EM iteration at every
                            dimension of DIMENSIONS and a default fit of FIT_POINTS points,
                            single-threaded; writes the times and the results
  compare.py summary DIR    prints the side-by-side figures from both sides' times

`time` and `summary` take `--dimensions` after DIR: the one-thread EM iteration at every
dimension of DIMENSIONS only (what `./bench/compare --dimensions` runs).

  compare.py fit-default DIR ROUND   scikit-learn's default fit alone, single-threaded, into
                                     DIR/python-fit-default-ROUND.json
  compare.py summary-fit-default DIR the default fit's figures from every round of both sides
                                     (what `./bench/compare --fit-default` runs)

Every array is a flat little-endian float64 file, row-major, that the Rust side reads.
"""

import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

N_POINTS = 130_000
N_COMPONENTS = 50
N_NUCLEI = 50
IMAGE_SIDE = 512.0
# One EM iteration from given parameters at each dimension: n points around k components.
DIMENSIONS = [2, 3, 4, 5, 6, 7, 8, 16, 32, 64]
# The order in which generate_dimensions draws each dimension's data from one random stream:
# each dimension added later was drawn after the others (d = 4 in session 8, d = 3, 5, 6 and
# 7 in session 9), so that the earlier dimensions' data stayed as they were.
GENERATION_ORDER = [2, 8, 16, 32, 64, 4, 3, 5, 6, 7]
DIM_POINTS = 50_000
DIM_COMPONENTS = 20
# The default fit end to end (k-means initialisation, then EM to convergence).
FIT_POINTS = 1_000_000
FIT_COMPONENTS = 50


def rotation(angle):
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def nuclei(rng, n_points):
    """Pixel coordinates of ~50 elongated, rotated nuclei of different sizes in a 512 x 512
    image, shuffled."""
    centres = rng.uniform(30.0, IMAGE_SIDE - 30.0, size=(N_NUCLEI, 2))
    axes = rng.uniform(4.0, 12.0, size=(N_NUCLEI, 2))
    angles = rng.uniform(0.0, np.pi, size=N_NUCLEI)
    counts = rng.multinomial(n_points, rng.dirichlet(np.full(N_NUCLEI, 5.0)))
    blobs = []
    for centre, axis, angle, count in zip(centres, axes, angles, counts):
        r = rotation(angle)
        blobs.append(rng.multivariate_normal(centre, r @ np.diag(axis**2) @ r.T, size=count))
    points = np.concatenate(blobs)
    rng.shuffle(points)
    return points


def random_covariance(rng, d, scale):
    """A random correlated covariance: a random rotation of random axis variances."""
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return q @ np.diag(rng.uniform(0.3, 1.0, size=d) * scale**2) @ q.T


def generate_dimensions(out):
    """For each d of DIMENSIONS: DIM_POINTS points around DIM_COMPONENTS correlated Gaussian
    blobs, and initial parameters (equal weights, means at data points, random correlated
    precisions, and their diagonals for the diag model)."""
    rng = np.random.default_rng(20261202)
    for d in GENERATION_ORDER:
        k = DIM_COMPONENTS
        centres = rng.uniform(-10.0, 10.0, size=(k, d))
        labels = rng.integers(0, k, size=DIM_POINTS)
        factors = [np.linalg.cholesky(random_covariance(rng, d, 1.5)) for _ in range(k)]
        points = centres[labels] + np.einsum(
            "nij,nj->ni", np.array(factors)[labels], rng.normal(size=(DIM_POINTS, d))
        )
        covariances = np.array([random_covariance(rng, d, 4.0) for _ in range(k)])
        arrays = {
            "points": points,
            "weights": np.full(k, 1.0 / k),
            "means": points[rng.choice(DIM_POINTS, k, replace=False)],
            "precisions_full": np.linalg.inv(covariances),
            "precisions_diag": 1.0 / np.array([np.diag(c) for c in covariances]),
        }
        for name, array in arrays.items():
            np.ascontiguousarray(array, dtype="<f8").tofile(out / f"d{d}_{name}.f64")


def generate(out):
    """Pixel coordinates of ~50 elongated, rotated nuclei of different sizes in a 512 x 512
    image, an intensity per pixel, and k = 50 initial parameters: equal weights, means at data
    points, and correlated precisions (their diagonals for the diag model)."""
    rng = np.random.default_rng(20261125)
    points = nuclei(rng, N_POINTS)
    intensity = rng.uniform(0.05, 1.0, size=N_POINTS)

    weights = np.full(N_COMPONENTS, 1.0 / N_COMPONENTS)
    means = points[rng.choice(N_POINTS, N_COMPONENTS, replace=False)]
    covariances = []
    for angle in rng.uniform(0.0, np.pi, size=N_COMPONENTS):
        r = rotation(angle)
        covariances.append(r @ np.diag([15.0**2, 25.0**2]) @ r.T)
    precisions_full = np.linalg.inv(np.array(covariances))
    precisions_diag = 1.0 / np.array([np.diag(c) for c in covariances])

    out.mkdir(parents=True, exist_ok=True)
    arrays = {
        "points": points,
        "intensity": intensity,
        "weights": weights,
        "means": means,
        "precisions_full": precisions_full,
        "precisions_diag": precisions_diag,
    }
    for name, array in arrays.items():
        np.ascontiguousarray(array, dtype="<f8").tofile(out / f"{name}.f64")
    (out / "shape.txt").write_text(f"{N_POINTS} {N_COMPONENTS} 2\n")
    generate_dimensions(out)
    fit_points = nuclei(np.random.default_rng(20261203), FIT_POINTS)
    np.ascontiguousarray(fit_points, dtype="<f8").tofile(out / "fit_points.f64")
    (out / "dimensions.txt").write_text(
        f"{DIM_POINTS} {DIM_COMPONENTS} {' '.join(map(str, DIMENSIONS))}\n"
        f"{FIT_POINTS} {FIT_COMPONENTS}\n"
    )


def load(out, name, shape):
    return np.fromfile(out / f"{name}.f64", dtype="<f8").reshape(shape)


def px2(x, mu, inv, norm):
    """The seed's density kernel for one component, with numpy.einsum."""
    d = x - mu
    return norm * np.exp(-0.5 * np.einsum("ni,ij,nj->n", d, inv, d))


def musig2(x, w):
    """The seed's weighted mean and covariance for one component, with numpy.einsum."""
    total = w.sum()
    mu = np.einsum("n,ni->i", w, x) / total
    d = x - mu
    return mu, np.einsum("ni,nj->ij", w[:, None] * d, d) / total


def best_seconds(run, repeats, reset=None):
    """The shortest wall time of `run()` over `repeats` calls after one warm-up call; `reset()`
    runs before each call, outside the timing. The machine is shared: the shortest run is the
    one least disturbed by other processes, on both sides of the comparison."""
    times = []
    for _ in range(repeats + 1):
        if reset is not None:
            reset()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times[1:])


def one_em_iteration(x, covariance_type, weights, means, precisions, repeats, rtol=1e-12):
    """scikit-learn's E-step and M-step, exactly the body of one iteration of `fit`, timed from
    the same initial parameters every time. `fit` itself with max_iter=1 would add the input
    validation and a final E-step, which our iteration does not run, so the two steps are
    timed directly. Returns the best time and the parameters after one iteration."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
    from sklearn.mixture._gaussian_mixture import (
        _compute_precision_cholesky_from_precisions,
    )
    from sklearn.utils._array_api import get_namespace

    model = GaussianMixture(
        len(weights),
        covariance_type=covariance_type,
        weights_init=weights,
        means_init=means,
        precisions_init=precisions,
        max_iter=1,
        tol=0.0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x)
    after_one = [model.weights_.copy(), model.means_.copy(), model.covariances_.copy()]
    xp, _ = get_namespace(precisions)
    cholesky = _compute_precision_cholesky_from_precisions(precisions, covariance_type, xp=xp)

    def reset():
        model.weights_ = weights.copy()
        model.means_ = means.copy()
        model.precisions_cholesky_ = cholesky.copy()

    def iteration():
        _, log_resp = model._e_step(x)
        model._m_step(x, log_resp)

    seconds = best_seconds(iteration, repeats, reset)
    for got, want in zip([model.weights_, model.means_, model.covariances_], after_one):
        assert np.allclose(got, want, rtol=rtol, atol=0.0), "the timed iteration differs from fit's"
    return seconds, after_one


def time_python(out, dimensions_only=False):
    from threadpoolctl import threadpool_info, threadpool_limits

    if dimensions_only:
        with threadpool_limits(limits=1):
            times = time_dimensions(out)
        (out / "python-dimensions.json").write_text(json.dumps({"times": times}, indent=1))
        return

    n, k, d = map(int, (out / "shape.txt").read_text().split())
    x = load(out, "points", (n, d))
    intensity = load(out, "intensity", (n,))
    weights = load(out, "weights", (k,))
    means = load(out, "means", (k, d))
    precisions = {
        "full": load(out, "precisions_full", (k, d, d)),
        "diag": load(out, "precisions_diag", (k, d)),
    }
    inv = precisions["full"][0]
    norm = np.sqrt(np.linalg.det(inv)) / (2.0 * np.pi) ** (d / 2)

    times = {}
    for threads, suffix in [(1, "1thread"), (None, "all_cores")]:
        with threadpool_limits(limits=threads):
            times[f"numpy_px_{suffix}"] = best_seconds(
                lambda: px2(x, means[0], inv, norm), 31
            )
            times[f"numpy_musig_{suffix}"] = best_seconds(lambda: musig2(x, intensity), 31)
            for covariance_type in ["full", "diag"]:
                seconds, after_one = one_em_iteration(
                    x, covariance_type, weights, means, precisions[covariance_type], 7
                )
                times[f"sklearn_em_iter_{covariance_type}_{suffix}"] = seconds
                for name, array in zip(["weights", "means", "covariances"], after_one):
                    array.astype("<f8").tofile(out / f"sklearn_{covariance_type}_{name}.f64")

    with threadpool_limits(limits=1):
        times.update(time_dimensions(out))
        fit = default_fit(out)

    px2(x, means[0], inv, norm).astype("<f8").tofile(out / "numpy_px.f64")
    mu, sigma = musig2(x, intensity)
    np.concatenate([mu, sigma.ravel()]).astype("<f8").tofile(out / "numpy_musig.f64")
    times["px_norm"] = norm
    libraries = sorted({f"{i['internal_api']} {i.get('version')} ({i.get('architecture')})"
                        for i in threadpool_info()})
    (out / "python.json").write_text(
        json.dumps({"times": times, "blas": libraries, "fit": fit}, indent=1)
    )


def time_dimensions(out):
    """One scikit-learn EM iteration at every dimension of DIMENSIONS, on the calling
    thread pool; writes each result for the Rust side to check and returns the times."""
    times = {}
    for d in DIMENSIONS:
        k = DIM_COMPONENTS
        points = load(out, f"d{d}_points", (DIM_POINTS, d))
        for covariance_type, shape in [("full", (k, d, d)), ("diag", (k, d))]:
            seconds, after_one = one_em_iteration(
                points,
                covariance_type,
                load(out, f"d{d}_weights", (k,)),
                load(out, f"d{d}_means", (k, d)),
                load(out, f"d{d}_precisions_{covariance_type}", shape),
                3,
                # At d = 64, fit's precision factors and the timed iteration's differ in
                # the last bits (two ways of taking them from the given precisions).
                rtol=1e-8,
            )
            times[f"sklearn_em_iter_{covariance_type}_d{d}_1thread"] = seconds
            for name, array in zip(["weights", "means", "covariances"], after_one):
                array.astype("<f8").tofile(out / f"sklearn_d{d}_{covariance_type}_{name}.f64")
    return times


def default_fit(out):
    """scikit-learn's GaussianMixture with every default (k-means initialisation, tol 1e-3)
    on FIT_POINTS points, once (a minute or more on one thread): its time, lower bound and
    iterations. Its random_state is fixed at 0, as gmm's seed defaults to 0: the number of
    k-means and EM iterations depends on the seed, so an unseeded run would time a different
    fit every time."""
    from sklearn.mixture import GaussianMixture

    x = load(out, "fit_points", (FIT_POINTS, 2))
    model = GaussianMixture(FIT_COMPONENTS, random_state=0)
    start = time.perf_counter()
    model.fit(x)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "lower_bound": float(model.lower_bound_),
        "n_iter": int(model.n_iter_),
        "converged": bool(model.converged_),
    }


def read_key_values(path):
    values = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(":")
        if value.strip():
            values[key.strip()] = float(value)
    return values


def summary_dimensions(out):
    py = json.loads((out / "python-dimensions.json").read_text())["times"]
    one = read_key_values(out / "rust-dimensions.txt")
    for kind in ["full", "diag"]:
        for d in DIMENSIONS:
            seconds = one[f"em_iter_{kind}_d{d}_s"]
            speedup = py[f"sklearn_em_iter_{kind}_d{d}_1thread"] / seconds
            print(f"em_iter_speedup_vs_sklearn_{kind}_d{d}: {speedup:.2f}")
    for kind in ["full", "diag"]:
        for d in DIMENSIONS:
            print(f"sklearn_em_iter_{kind}_d{d}_1thread_s: {py[f'sklearn_em_iter_{kind}_d{d}_1thread']:.6f}")
            print(f"rust_em_iter_{kind}_d{d}_1thread_s: {one[f'em_iter_{kind}_d{d}_s']:.6f}")


def summary(out, dimensions_only=False):
    if dimensions_only:
        summary_dimensions(out)
        return
    python = json.loads((out / "python.json").read_text())
    py = python["times"]
    one = read_key_values(out / "rust-1thread.txt")
    every = read_key_values(out / "rust-all_cores.txt")

    def line(key, value, digits=2):
        print(f"{key}: {value:.{digits}f}")

    print(f"python_blas: {'; '.join(python['blas']) or 'none reported'}")
    line("px_speedup_vs_numpy", py["numpy_px_1thread"] / one["einsum_px_s"], 1)
    line("musig_speedup_vs_numpy", py["numpy_musig_1thread"] / one["einsum_musig_s"], 1)
    line("px_speedup_vs_ndarray_einsum", one["ndarray_einsum_px_s"] / one["einsum_px_s"], 1)
    line("musig_speedup_vs_ndarray_einsum", one["ndarray_einsum_musig_s"] / one["einsum_musig_s"], 1)
    line("einsum_over_hand_px", one["einsum_px_s"] / one["hand_px_s"], 3)
    line("einsum_over_hand_musig", one["einsum_musig_s"] / one["hand_musig_s"], 3)
    line("einsum_over_fused_hand_px", one["einsum_px_s"] / one["hand_fused_px_s"], 3)
    for kind in ["full", "diag"]:
        line(
            f"em_iter_speedup_vs_sklearn_{kind}",
            py[f"sklearn_em_iter_{kind}_1thread"] / one[f"em_iter_{kind}_s"],
            1,
        )
        line(
            f"em_iter_speedup_vs_sklearn_{kind}_all_cores",
            py[f"sklearn_em_iter_{kind}_all_cores"] / every[f"em_iter_{kind}_s"],
            1,
        )
        line(
            f"em_fit1_speedup_vs_sklearn_{kind}",
            py[f"sklearn_em_iter_{kind}_1thread"] / one[f"em_fit1_{kind}_s"],
            1,
        )
    for kind in ["full", "diag"]:
        for d in DIMENSIONS:
            line(
                f"em_iter_speedup_vs_sklearn_{kind}_d{d}",
                py[f"sklearn_em_iter_{kind}_d{d}_1thread"] / one[f"em_iter_{kind}_d{d}_s"],
                2,
            )
    fit = python["fit"]
    line("fit_default_speedup_vs_sklearn", fit["seconds"] / one["fit_default_s"], 1)
    line("fit_default_lower_bound_sklearn", fit["lower_bound"], 6)
    line("fit_default_lower_bound_gmm", one["fit_default_lower_bound"], 6)
    # The lower bound is a mean log-likelihood: its difference is the log of the ratio of
    # the two fits' geometric-mean likelihoods per point; relative to its magnitude too.
    line(
        "fit_default_lower_bound_relative_difference",
        (one["fit_default_lower_bound"] - fit["lower_bound"]) / abs(fit["lower_bound"]),
        5,
    )
    print(f"fit_default_n_iter_sklearn: {fit['n_iter']}")
    print(f"fit_default_n_iter_gmm: {one['fit_default_n_iter']:.0f}")
    for product in [
        "matmul_64", "matmul_256", "matmul_1024", "batched_32x64",
        "quadform_d16", "quadform_d64", "scatter_d16", "scatter_d64",
    ]:
        line(f"einsum_over_faer_{product}", one[f"einsum_{product}_s"] / one[f"faer_{product}_s"], 3)
    # the same batched matmul with its batch axis a `...`: a GEMM per position of the walk
    line(
        "einsum_ellipsis_over_plain_batched_32x64",
        one["einsum_ellipsis_batched_32x64_s"] / one["einsum_batched_32x64_s"],
        3,
    )
    # vectors times a matrix, the vectors' axis a `...`: one GEMM over every position
    line(
        "einsum_ellipsis_over_plain_rows_10000x64",
        one["einsum_ellipsis_rows_10000x64_s"] / one["einsum_rows_10000x64_s"],
        3,
    )
    line(
        "einsum_matmul_1024_speedup_2_threads",
        one["einsum_matmul_1024_1_threads_s"] / one["einsum_matmul_1024_2_threads_s"],
        2,
    )
    for d in [16, 64]:
        line(
            f"einsum_quadform_d{d}_speedup_2_threads",
            one[f"einsum_quadform_d{d}_1_threads_s"] / one[f"einsum_quadform_d{d}_2_threads_s"],
            2,
        )
    for key, value in py.items():
        if key != "px_norm":
            print(f"{key}_s: {value:.6f}")
    for key, value in one.items():
        print(f"rust_{key.removesuffix('_s')}_1thread_s: {value:.6f}")
    for key, value in every.items():
        print(f"rust_{key.removesuffix('_s')}_all_cores_s: {value:.6f}")


def time_fit_default(out, round_name):
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        fit = default_fit(out)
    (out / f"python-fit-default-{round_name}.json").write_text(json.dumps(fit, indent=1))


def summary_fit_default(out):
    """Per round, both sides' times (scikit-learn one fit, gmm the best of three), iterations
    and lower bounds; then the speedup from the shortest time of each side and from the
    round with the lowest ratio."""
    sklearn_rounds = sorted(out.glob("python-fit-default-*.json"))
    ratios, sklearn_seconds, gmm_seconds, relatives = [], [], [], []
    for path in sklearn_rounds:
        round_name = path.stem.removeprefix("python-fit-default-")
        fit = json.loads(path.read_text())
        ours = read_key_values(out / f"rust-fit-default-{round_name}.txt")
        ratio = fit["seconds"] / ours["fit_default_s"]
        ratios.append(ratio)
        sklearn_seconds.append(fit["seconds"])
        gmm_seconds.append(ours["fit_default_s"])
        print(
            f"round {round_name}: scikit-learn {fit['seconds']:.3f} s ({fit['n_iter']} EM iterations, "
            f"lower bound {fit['lower_bound']:.6f}), gmm {ours['fit_default_s']:.3f} s "
            f"({ours['fit_default_n_iter']:.0f} EM iterations, lower bound "
            f"{ours['fit_default_lower_bound']:.6f}): {ratio:.1f}x"
        )
        relatives.append(
            (ours["fit_default_lower_bound"] - fit["lower_bound"]) / abs(fit["lower_bound"])
        )
    print(f"fit_default_speedup_vs_sklearn: {min(sklearn_seconds) / min(gmm_seconds):.1f}")
    print(f"fit_default_speedup_vs_sklearn_lowest_round: {min(ratios):.1f}")
    # gmm's lower bound relative to scikit-learn's, the least favourable round's
    print(f"fit_default_lower_bound_relative_difference: {min(relatives):.5f}")
    print(f"sklearn_fit_default_1thread_s: {min(sklearn_seconds):.6f}")
    print(f"rust_fit_default_1thread_s: {min(gmm_seconds):.6f}")


if __name__ == "__main__":
    command, directory = sys.argv[1], Path(sys.argv[2])
    if command == "generate":
        generate(directory)
    elif command == "fit-default":
        time_fit_default(directory, sys.argv[3])
    elif command == "summary-fit-default":
        summary_fit_default(directory)
    else:
        dimensions_only = sys.argv[3:] == ["--dimensions"]
        {"time": time_python, "summary": summary}[command](directory, dimensions_only)
