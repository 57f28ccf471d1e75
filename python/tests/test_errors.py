"""Bad input raises ValueError with the Rust library's message (NotFittedError before fit)."""

import numpy as np
import pytest

import gmm


def data(n=20, d=2):
    return np.random.default_rng(0).normal(size=(n, d))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_nan_and_inf(dtype):
    X = data().astype(dtype)
    X[7, 1] = np.nan
    with pytest.raises(ValueError, match=r"not finite \(NaN or inf\) at row 7, column 1"):
        gmm.GaussianMixture(2).fit(X)
    X[7, 1] = np.inf
    with pytest.raises(ValueError, match=r"not finite \(NaN or inf\) at row 7, column 1"):
        gmm.GaussianMixture(2).fit(X)
    model = gmm.GaussianMixture(2, random_state=0).fit(data().astype(dtype))
    with pytest.raises(ValueError, match=r"not finite \(NaN or inf\) at row 7"):
        model.predict(X)


def test_wrong_shapes():
    model = gmm.GaussianMixture(2, random_state=0).fit(data())
    with pytest.raises(ValueError, match="3 features"):
        model.predict(data(d=3))
    with pytest.raises(ValueError):
        gmm.GaussianMixture(2).fit(np.zeros(10))
    with pytest.raises(ValueError):
        gmm.GaussianMixture(2).fit(np.zeros((4, 2, 2)))
    with pytest.raises(ValueError, match="initial means"):
        gmm.GaussianMixture(2, means_init=np.zeros((3, 2))).fit(data())
    with pytest.raises(ValueError, match="has 2 columns but the model has 3"):
        gmm.GaussianMixture(2, means_init=np.zeros((2, 3))).fit(data())
    with pytest.raises(ValueError, match="sample weights were given for 20 rows|shape"):
        gmm.GaussianMixture(2).fit(data(), sample_weight=np.ones(19))


def test_fewer_samples_than_components():
    with pytest.raises(ValueError, match="5 samples are fewer than the 6 components"):
        gmm.GaussianMixture(6).fit(data(5))
    w = np.ones(20)
    w[3:] = 0
    with pytest.raises(ValueError, match="3 samples are fewer than the 4 components"):
        gmm.GaussianMixture(4).fit(data(), sample_weight=w)


def test_bad_weights():
    w = np.ones(20)
    w[4] = -1
    with pytest.raises(ValueError, match="sample weight 4 is negative"):
        gmm.GaussianMixture(2).fit(data(), sample_weight=w)
    w[4] = np.nan
    with pytest.raises(ValueError, match="sample weight 4 is not finite|NaN"):
        gmm.GaussianMixture(2).fit(data(), sample_weight=w)
    model = gmm.GaussianMixture(2, random_state=0).fit(data())
    with pytest.raises(ValueError, match="zero"):
        model.score(data(), sample_weight=np.zeros(20))


def test_bad_parameters():
    with pytest.raises(ValueError, match="n_components"):
        gmm.GaussianMixture(0).fit(data())
    with pytest.raises(ValueError, match="covariance_type"):
        gmm.GaussianMixture(covariance_type="diagonal").fit(data())
    with pytest.raises(ValueError, match="initial weights"):
        gmm.GaussianMixture(2, weights_init=[0.5, 0.6]).fit(data())
    with pytest.raises(ValueError, match="not finite, symmetric and positive definite"):
        gmm.GaussianMixture(
            1, precisions_init=np.array([[[1.0, 2.0], [2.0, 1.0]]])
        ).fit(data())
    model = gmm.GaussianMixture(2, random_state=0).fit(data())
    with pytest.raises(ValueError, match="n_samples"):
        model.sample(0)


def test_degenerate_fit_is_an_error_not_nan():
    X = np.repeat([[1.0, 2.0]], 10, axis=0)
    with pytest.raises(ValueError, match="ill-defined empirical covariance"):
        gmm.GaussianMixture(2, reg_covar=0.0).fit(X)
