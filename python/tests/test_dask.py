"""Exact EM over a Dask array's chunks on a LocalCluster(n_workers=2, threads_per_worker=1):
from the same initial parameters, the in-memory fit's result to 1e-10."""

import numpy as np
import pytest

import gmm

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

COVARIANCE_TYPES = ["full", "tied", "diag", "spherical"]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def data(n=5000, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0, 0.0], [3.0, 1.0, -1.0], [1.0, 4.0, 2.0], [-2.0, 2.0, 3.0]])
    mix = np.array([[1.0, 0.7, 0.2], [0.0, 0.8, -0.5], [0.0, 0.0, 0.6]])
    X = centres[rng.integers(0, 4, n)] + rng.normal(size=(n, 3)) @ mix
    w = rng.integers(1, 6, n).astype(float)
    return X, w


def relative(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return np.abs(a - b).max() / np.abs(b).max()


def assert_same_fit(ours, reference, tolerance=1e-10):
    for name in ("weights_", "means_", "covariances_", "precisions_cholesky_"):
        assert relative(getattr(ours, name), getattr(reference, name)) < tolerance, name
    assert relative(ours.lower_bounds_, reference.lower_bounds_) < tolerance
    assert ours.n_iter_ == reference.n_iter_
    assert ours.converged_ == reference.converged_


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_dask_fit_equals_in_memory_fit_from_the_same_start(client, covariance_type):
    X, w = data()
    start = gmm.GaussianMixture(4, covariance_type=covariance_type, max_iter=2, random_state=1)
    with pytest.warns(Warning):
        start.fit(X[:500])
    init = dict(
        weights_init=start.weights_, means_init=start.means_, precisions_init=start.precisions_
    )
    kwargs = dict(n_components=4, covariance_type=covariance_type, tol=1e-8, max_iter=60, **init)
    reference = gmm.GaussianMixture(**kwargs).fit(X, sample_weight=w)
    ours = gmm.GaussianMixture(**kwargs).fit(
        da.from_array(X, chunks=(700, 3)), sample_weight=da.from_array(w, chunks=700)
    )
    assert reference.n_iter_ > 5
    assert_same_fit(ours, reference)
    assert ours.n_features_in_ == 3


def test_dask_fit_with_the_default_initialisation(client):
    # No more rows than the initialisation's sample: the sample is the whole array, so the
    # k-means initialisation and the fit are the in-memory ones.
    X, w = data(3000, seed=2)
    reference = gmm.GaussianMixture(4, random_state=3).fit(X, sample_weight=w)
    ours = gmm.GaussianMixture(4, random_state=3).fit(
        da.from_array(X, chunks=(1000, 3)), sample_weight=w
    )
    assert_same_fit(ours, reference)
    # predictions over the chunks, on the cluster
    labels = ours.predict(da.from_array(X, chunks=(1000, 3)))
    np.testing.assert_array_equal(labels.compute(), reference.predict(X))


def test_dask_fit_float32_and_local_scheduler():
    X, _ = data(2000, seed=4)
    X = X.astype(np.float32)
    reference = gmm.GaussianMixture(3, covariance_type="diag", random_state=0).fit(X)
    ours = gmm.GaussianMixture(3, covariance_type="diag", random_state=0).fit(
        da.from_array(X, chunks=(512, 3))
    )
    assert ours.means_.dtype == np.float32
    # float32 rounding (the chunks merge as a tree, the in-memory fit in a row)
    np.testing.assert_allclose(ours.means_, reference.means_, rtol=1e-5, atol=1e-5)
    assert ours.n_iter_ == reference.n_iter_


def test_dask_bad_input(client):
    X, w = data(1000)
    X[555, 1] = np.nan
    with pytest.raises(ValueError, match="not finite"):
        gmm.GaussianMixture(2).fit(da.from_array(X, chunks=(200, 3)))
    X, w = data(1000)
    w[3] = -1.0
    with pytest.raises(ValueError, match="negative"):
        gmm.GaussianMixture(2).fit(da.from_array(X, chunks=(200, 3)), sample_weight=w)
    with pytest.raises(ValueError, match="fewer than"):
        gmm.GaussianMixture(5).fit(da.from_array(X[:4], chunks=(2, 3)))


def test_statistics_api_merges_in_python():
    X, w = data(1200)
    model = gmm.GaussianMixture(4, random_state=0).fit(X, sample_weight=w)
    mixture = model._mixture
    parts = [
        gmm.SufficientStatistics.from_chunk(mixture, np.ascontiguousarray(X[i : i + 300]), w[i : i + 300])
        for i in range(0, 1200, 300)
    ]
    total = gmm.merge_tree(parts)
    assert total.total_weight == w.sum()
    assert np.isclose(total.lower_bound, model.score(X, sample_weight=w), rtol=1e-12)
    assert total.first_moments.shape == (4, 3) and np.isclose(total.weights.sum(), w.sum())
    import pickle

    again = pickle.loads(pickle.dumps(total))
    np.testing.assert_array_equal(again.second_moments, total.second_moments)
    nxt = total.m_step(1e-6)
    assert nxt.means.shape == (4, 3)
