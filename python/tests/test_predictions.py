"""Predictions beyond scikit-learn's: ``predict_proba_batches`` (the posteriors a batch of rows
at a time, ``predict_proba``'s bits); and the scalar results' and lower bounds' types as
scikit-learn's."""

import warnings

import numpy as np
import pytest
import sklearn.mixture
from sklearn.exceptions import ConvergenceWarning

import gmm


def blobs(n=1000, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])
    return centres[rng.integers(0, 3, n)] + rng.normal(size=(n, 2))


MODELS = [
    lambda: gmm.GaussianMixture(n_components=3, random_state=0),
    lambda: gmm.BayesianGaussianMixture(n_components=4, random_state=0),
]


@pytest.mark.parametrize("make", MODELS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_batches_are_predict_probas_rows_to_the_bit(make, dtype):
    X = blobs().astype(dtype)
    model = make().fit(X)
    whole = model.predict_proba(X)
    for batch_size in [1, 7, 512, 513, 1000, 5000]:
        batches = list(model.predict_proba_batches(X, batch_size=batch_size))
        sizes = [len(b) for b in batches]
        assert sizes == [min(batch_size, len(X) - s) for s in range(0, len(X), batch_size)]
        assert all(b.dtype == dtype and b.flags.c_contiguous for b in batches)
        assert np.array_equal(np.concatenate(batches), whole), batch_size
    # Any array the estimator takes: a list, a Fortran-ordered float64 array for a float32 model.
    listed = np.concatenate(list(model.predict_proba_batches(X.tolist(), batch_size=300)))
    assert np.array_equal(listed, model.predict_proba(X.tolist()))


def test_bad_batches_and_rows_name_the_row_of_x():
    X = blobs()
    model = gmm.GaussianMixture(n_components=3, random_state=0).fit(X)
    for bad in [0, -1, 2.5, True, "8", None]:
        with pytest.raises(ValueError, match="batch_size"):
            model.predict_proba_batches(X, batch_size=bad)
    with pytest.raises(ValueError, match="features"):
        model.predict_proba_batches(X[:, :1])
    # A bad row is an error from the first batch that needs its chunk of 512 rows: row 700's
    # chunk is rows 512..1000, first needed by the batch of rows 500..600.
    for value, message in [
        (np.nan, "not finite .* at row 700, column 1"),
        (1e200, "log-likelihood at sample 700:"),
    ]:
        Y = X.copy()
        Y[700, 1] = value
        batches = model.predict_proba_batches(Y, batch_size=100)
        for _ in range(5):
            assert next(batches).shape == (100, 3)
        with pytest.raises(ValueError, match=message):
            next(batches)
        with pytest.raises(ValueError, match=message):
            model.predict_proba(Y)


def test_diag_batches_of_any_size_are_predict_probas_bits():
    # diag's E-step beyond d = 2 is a matrix product over each chunk of 512 rows, whose bits
    # depend on the chunk: the batches run the data's chunks whatever their size.
    rng = np.random.default_rng(1)
    X = np.c_[blobs(1500), rng.normal(size=1500)]
    model = gmm.GaussianMixture(n_components=3, covariance_type="diag", random_state=0).fit(X)
    whole = model.predict_proba(X)
    for batch_size in [1, 7, 100, 511, 700]:
        batches = np.concatenate(list(model.predict_proba_batches(X, batch_size=batch_size)))
        assert np.array_equal(batches, whole), batch_size


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("ours, theirs", [
    (gmm.GaussianMixture, sklearn.mixture.GaussianMixture),
    (gmm.BayesianGaussianMixture, sklearn.mixture.BayesianGaussianMixture),
])
def test_scalar_results_have_sklearns_types(ours, theirs, dtype):
    X = blobs(300).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ours = ours(n_components=2, random_state=0).fit(X)
        theirs = theirs(n_components=2, random_state=0).fit(X)
    for name in ["score"] + (["bic", "aic"] if hasattr(theirs, "bic") else []):
        mine, reference = getattr(ours, name)(X), getattr(theirs, name)(X)
        assert type(mine) is type(reference) is float, (name, type(mine))
    for name in ["lower_bound_", "n_iter_", "converged_"]:
        mine, reference = getattr(ours, name), getattr(theirs, name)
        assert type(mine) is type(reference), (name, type(mine), type(reference))
    assert [type(v) for v in ours.lower_bounds_] == [type(theirs.lower_bound_)] * ours.n_iter_
