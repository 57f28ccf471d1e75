"""Parity with scikit-learn 1.9.1 through Python: from each shared fixture's initial
parameters, exactly ``n_iter`` EM steps reproduce weights, means, covariances, score_samples,
predict, score, BIC and AIC to 1e-6 relative (sample weights included: the ``weighted2d``
fixtures were fitted by scikit-learn on the rows repeated)."""

import numpy as np
import pytest

import gmm

from conftest import fixture_files

TOLERANCE = 1e-6
CASES = [(f, n) for f in fixture_files() for n in (1, 10, 100)]


def relative_error(ours, reference):
    ours, reference = np.asarray(ours, float).ravel(), np.asarray(reference, float).ravel()
    assert ours.shape == reference.shape
    scale = np.abs(reference).max()
    diff = np.abs(ours - reference).max()
    return diff / scale if scale else diff


def fitted(fixture, n_iter, dtype=np.float64):
    init = fixture["init"]
    model = gmm.GaussianMixture(
        n_components=fixture["n_components"],
        covariance_type=fixture["covariance_type"],
        reg_covar=fixture["reg_covar"],
        tol=0.0,
        max_iter=n_iter,
        weights_init=init["weights"],
        means_init=init["means"],
        precisions_init=init["precisions"],
    )
    X = np.asarray(fixture["X"], dtype=dtype)
    w = fixture.get("sample_weight")
    with pytest.warns(Warning):  # tol = 0 never converges: scikit-learn's ConvergenceWarning
        model.fit(X, sample_weight=w)
    return model, X, w


@pytest.mark.parametrize("path,n_iter", CASES, ids=[f"{p.stem}-{n}" for p, n in CASES])
def test_parity_with_sklearn(path, n_iter, load_fixture):
    fixture = load_fixture(path)
    after = next(a for a in fixture["after"] if a["n_iter"] == n_iter)
    model, X, w = fitted(fixture, n_iter)
    assert model.n_iter_ == n_iter and not model.converged_
    assert len(model.lower_bounds_) == n_iter
    errors = {
        "weights": relative_error(model.weights_, after["weights"]),
        "means": relative_error(model.means_, after["means"]),
        "covariances": relative_error(model.covariances_, after["covariances"]),
        "score_samples": relative_error(model.score_samples(X), after["score_samples"]),
        "score": relative_error(model.score(X, sample_weight=w), after["score"]),
        "bic": relative_error(model.bic(X, sample_weight=w), after["bic"]),
        "aic": relative_error(model.aic(X, sample_weight=w), after["aic"]),
    }
    assert max(errors.values()) <= TOLERANCE, errors
    np.testing.assert_array_equal(model.predict(X), after["predict"])
    np.testing.assert_allclose(
        model.precisions_ @ model.covariances_ if fixture["covariance_type"] in ("full", "tied")
        else model.precisions_ * model.covariances_,
        np.broadcast_to(np.eye(X.shape[1]), model.covariances_.shape)
        if fixture["covariance_type"] in ("full", "tied")
        else np.ones_like(model.covariances_),
        atol=1e-9,
    )


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.stem)
def test_float32_stays_float32_and_close(path, load_fixture):
    fixture = load_fixture(path)
    after = next(a for a in fixture["after"] if a["n_iter"] == 10)
    model, X, w = fitted(fixture, 10, dtype=np.float32)
    for name in ("weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_"):
        assert getattr(model, name).dtype == np.float32, name
    assert model.score_samples(X).dtype == np.float32
    assert model.predict_proba(X).dtype == np.float32
    assert model.sample(5)[0].dtype == np.float32
    assert relative_error(model.means_, after["means"]) < 1e-3
    assert relative_error(model.weights_, after["weights"]) < 1e-3
