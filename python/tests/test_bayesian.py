"""``gmm.BayesianGaussianMixture``: parity with scikit-learn 1.9.1's on the shared bgm-sklearn
fixtures through Python (1e-6), float32, scikit-learn's estimator checks, and bad input."""

import functools
import pickle
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import check_estimator

import gmm
from gmm import _core

from conftest import fixture_files

TOLERANCE = 1e-6
BGM_FILES = fixture_files("bgm-sklearn")
CASES = [(f, n) for f in BGM_FILES for n in (1, 10, 100)]


def relative_error(ours, reference):
    ours, reference = np.asarray(ours, float).ravel(), np.asarray(reference, float).ravel()
    assert ours.shape == reference.shape
    scale = np.abs(reference).max()
    diff = np.abs(ours - reference).max()
    return diff / scale if scale else diff


def fitted(fixture, n_iter, monkeypatch, dtype=np.float64):
    """The estimator fitted from the fixture's initial responsibilities for exactly `n_iter`
    iterations (scikit-learn has no parameter for them: the library's is passed to the core
    fit the estimator calls, as scikit-learn's tests replace its initialisation)."""
    resp = np.asarray(fixture["init_resp"], dtype=np.float64)
    monkeypatch.setattr(
        _core,
        "fit_bayesian",
        functools.partial(
            _core.fit_bayesian, responsibilities_init=(resp.ravel().tolist(), resp.shape[1])
        ),
    )
    model = gmm.BayesianGaussianMixture(
        n_components=fixture["n_components"],
        covariance_type=fixture["covariance_type"],
        weight_concentration_prior_type=fixture["weight_concentration_prior_type"],
        reg_covar=fixture["reg_covar"],
        tol=0.0,
        max_iter=n_iter,
    )
    X = np.asarray(fixture["X"], dtype=dtype)
    w = fixture.get("sample_weight")
    with pytest.warns(Warning):  # tol = 0 never converges: scikit-learn's ConvergenceWarning
        model.fit(X, sample_weight=w)
    return model, X


@pytest.mark.parametrize("path,n_iter", CASES, ids=[f"{p.stem}-{n}" for p, n in CASES])
def test_parity_with_sklearn(path, n_iter, load_fixture, monkeypatch):
    fixture = load_fixture(path)
    after = next(a for a in fixture["after"] if a["n_iter"] == n_iter)
    model, X = fitted(fixture, n_iter, monkeypatch)
    assert model.n_iter_ == n_iter and not model.converged_
    assert len(model.lower_bounds_) == n_iter and model.lower_bounds_[-1] == model.lower_bound_
    priors = fixture["priors"]
    errors = {
        "weights": relative_error(model.weights_, after["weights"]),
        "means": relative_error(model.means_, after["means"]),
        "covariances": relative_error(model.covariances_, after["covariances"]),
        "precisions_cholesky": relative_error(
            model.precisions_cholesky_, after["precisions_cholesky"]
        ),
        "weight_concentration": relative_error(
            np.concatenate(model.weight_concentration_)
            if isinstance(model.weight_concentration_, tuple)
            else model.weight_concentration_,
            after["weight_concentration"],
        ),
        "mean_precision": relative_error(model.mean_precision_, after["mean_precision"]),
        "degrees_of_freedom": relative_error(
            model.degrees_of_freedom_, after["degrees_of_freedom"]
        ),
        "lower_bound": relative_error(model.lower_bound_, after["lower_bound"]),
        "score_samples": relative_error(model.score_samples(X), after["score_samples"]),
        "predict_proba": relative_error(model.predict_proba(X), after["predict_proba"]),
        "weight_concentration_prior": relative_error(
            model.weight_concentration_prior_, priors["weight_concentration_prior"]
        ),
        "mean_precision_prior": relative_error(
            model.mean_precision_prior_, priors["mean_precision_prior"]
        ),
        "mean_prior": relative_error(model.mean_prior_, priors["mean_prior"]),
        "degrees_of_freedom_prior": relative_error(
            model.degrees_of_freedom_prior_, priors["degrees_of_freedom_prior"]
        ),
        "covariance_prior": relative_error(model.covariance_prior_, priors["covariance_prior"]),
    }
    assert max(errors.values()) <= TOLERANCE, errors
    np.testing.assert_array_equal(model.predict(X), after["predict"])
    # scikit-learn's shapes
    assert np.shape(model.degrees_of_freedom_) == np.shape(after["degrees_of_freedom"])
    assert np.shape(model.covariance_prior_) == np.shape(priors["covariance_prior"])
    if fixture["weight_concentration_prior_type"] == "dirichlet_process":
        assert isinstance(model.weight_concentration_, tuple)
        assert len(model.weight_concentration_) == 2


@pytest.mark.parametrize("path", BGM_FILES, ids=lambda p: p.stem)
def test_float32_stays_float32_and_close(path, load_fixture, monkeypatch):
    fixture = load_fixture(path)
    after = next(a for a in fixture["after"] if a["n_iter"] == 10)
    model, X = fitted(fixture, 10, monkeypatch, dtype=np.float32)
    for name in (
        "weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_",
        "mean_precision_", "mean_prior_",
    ):
        assert getattr(model, name).dtype == np.float32, name
    assert model.score_samples(X).dtype == np.float32
    assert model.predict_proba(X).dtype == np.float32
    assert model.sample(5)[0].dtype == np.float32
    assert relative_error(model.means_, after["means"]) < 1e-3
    assert relative_error(model.weights_, after["weights"]) < 1e-3


def test_check_estimator():
    results = check_estimator(
        gmm.BayesianGaussianMixture(),
        expected_failed_checks=gmm.BAYESIAN_EXPECTED_FAILED_CHECKS,
        on_fail=None,
    )
    failed = [r for r in results if r["status"] == "failed"]
    assert not failed, [(r["check_name"], str(r["exception"])) for r in failed]
    xfailed = {r["check_name"] for r in results if r["status"] == "xfail"}
    assert xfailed == set(gmm.BAYESIAN_EXPECTED_FAILED_CHECKS)
    assert sum(r["status"] == "passed" for r in results) > 30


def clouds(n=300, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])
    return rng.permutation(np.concatenate([c + rng.normal(size=(n // 3, 2)) for c in centres]))


def test_params_pickle_warm_start_and_weights():
    X = clouds()
    model = gmm.BayesianGaussianMixture(n_components=6, random_state=0)
    assert clone(model).get_params() == model.get_params()
    assert model.set_params(covariance_type="diag").covariance_type == "diag"
    model.fit(X)
    assert (model.weights_ > 0.05).sum() == 3
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(again.score_samples(X), model.score_samples(X))
    np.testing.assert_array_equal(again.predict_proba(X), model.predict_proba(X))
    assert again.lower_bounds_ == model.lower_bounds_
    # warm start continues from the posterior: 5 + 5 iterations are 10
    kwargs = dict(n_components=4, tol=0.0, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ten = gmm.BayesianGaussianMixture(max_iter=10, **kwargs).fit(X)
        twice = gmm.BayesianGaussianMixture(max_iter=5, warm_start=True, **kwargs)
        twice.fit(X)
        twice.fit(X)
    np.testing.assert_array_equal(twice.means_, ten.means_)
    # integer weights are repeated rows
    w = np.arange(len(X)) % 3 + 1
    kwargs = dict(n_components=3, random_state=0, init_params="random_from_data")
    weighted = gmm.BayesianGaussianMixture(**kwargs).fit(X, sample_weight=w)
    assert np.isclose(
        weighted.score(X, sample_weight=w),
        weighted.score(np.repeat(X, w, axis=0)),
        rtol=1e-12,
    )


def test_given_priors_are_used():
    X = clouds()
    model = gmm.BayesianGaussianMixture(
        n_components=3,
        covariance_type="spherical",
        weight_concentration_prior_type="dirichlet_distribution",
        weight_concentration_prior=0.5,
        mean_precision_prior=2.0,
        mean_prior=[1.0, 2.0],
        degrees_of_freedom_prior=3.0,
        covariance_prior=1.5,
        random_state=0,
    ).fit(X)
    assert model.weight_concentration_prior_ == 0.5 and model.mean_precision_prior_ == 2.0
    np.testing.assert_array_equal(model.mean_prior_, [1.0, 2.0])
    assert model.degrees_of_freedom_prior_ == 3.0 and model.covariance_prior_ == 1.5
    # Dirichlet distribution: γ + N_c, the N_c summing to n
    assert np.isclose(model.weight_concentration_.sum(), len(X) + 3 * 0.5)


def data(n=20, d=2):
    return np.random.default_rng(0).normal(size=(n, d))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_bad_data(dtype):
    X = data().astype(dtype)
    X[7, 1] = np.nan
    with pytest.raises(ValueError, match=r"not finite \(NaN or inf\) at row 7, column 1"):
        gmm.BayesianGaussianMixture(n_components=2).fit(X)
    model = gmm.BayesianGaussianMixture(n_components=2, random_state=0).fit(data().astype(dtype))
    with pytest.raises(ValueError, match=r"not finite \(NaN or inf\) at row 7"):
        model.predict(X)
    with pytest.raises(ValueError, match="3 features"):
        model.score_samples(data(d=3).astype(dtype))
    with pytest.raises(ValueError):
        gmm.BayesianGaussianMixture().fit(np.zeros(10))


def test_bad_sizes_weights_and_priors():
    with pytest.raises(ValueError, match="5 samples are fewer than the 6 components"):
        gmm.BayesianGaussianMixture(n_components=6).fit(data(5))
    w = np.ones(20)
    w[4] = -1
    with pytest.raises(ValueError, match="sample weight 4 is negative"):
        gmm.BayesianGaussianMixture(n_components=2).fit(data(), sample_weight=w)
    with pytest.raises(ValueError, match="sample weights were given for 20 rows|shape"):
        gmm.BayesianGaussianMixture(n_components=2).fit(data(), sample_weight=np.ones(19))
    with pytest.raises(ValueError, match="`mean_prior`: has 3 values but the data has 2 columns"):
        gmm.BayesianGaussianMixture(n_components=2, mean_prior=[0, 0, 0]).fit(data())
    with pytest.raises(ValueError, match="`degrees_of_freedom_prior`: must be greater than d - 1"):
        gmm.BayesianGaussianMixture(n_components=2, degrees_of_freedom_prior=0.5).fit(data())
    with pytest.raises(ValueError, match="`covariance_prior`"):
        gmm.BayesianGaussianMixture(
            n_components=2, covariance_prior=[[1.0, 2.0], [2.0, 1.0]]
        ).fit(data())
    with pytest.raises(ValueError, match="weight_concentration_prior_type"):
        gmm.BayesianGaussianMixture(weight_concentration_prior_type="dirichlet").fit(data())
    with pytest.raises(ValueError, match="mean_precision_prior"):
        gmm.BayesianGaussianMixture(mean_precision_prior=0.0).fit(data())
    with pytest.raises(ValueError, match="n_samples"):
        gmm.BayesianGaussianMixture(random_state=0).fit(data()).sample(0)


def test_verbose_prints_on_fit_and_warm_start(capsys):
    model = gmm.BayesianGaussianMixture(
        n_components=3, verbose=2, verbose_interval=1, random_state=0, warm_start=True
    )
    model.fit(clouds())
    out = capsys.readouterr().out
    assert "Initialization 0" in out and "Iteration 1" in out and "converged" in out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.set_params(max_iter=2, tol=0.0).fit(clouds())
    assert "Iteration 2" in capsys.readouterr().out
