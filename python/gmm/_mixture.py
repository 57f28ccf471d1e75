"""``gmm.GaussianMixture``: scikit-learn's estimator over the Rust core ``gmm._core``."""

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, DensityMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import (
    _check_sample_weight,
    check_array,
    check_is_fitted,
    validate_data,
)

from . import _core

_FLOATS = [np.float64, np.float32]


def _is_dask_array(x):
    module = type(x).__module__
    return module.startswith("dask.") and hasattr(x, "chunks")


class GaussianMixture(DensityMixin, BaseEstimator):
    """A Gaussian mixture fitted by EM: scikit-learn's ``GaussianMixture``, with sample weights.

    The constructor takes scikit-learn's parameters, with the same names and defaults, and the
    fitted estimator has the same attributes; the work is done in Rust (the ``gmm`` crate).
    ``float32`` data is fitted in ``float32``, anything else in ``float64``.

    Parameters
    ----------
    n_components : int, default=1
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    tol : float, default=1e-3
        Convergence threshold on the change of the lower bound.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance.
    max_iter : int, default=100
    n_init : int, default=1
        Number of initialisations; the best lower bound is kept.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
    weights_init, means_init, precisions_init : array-like, default=None
        Initial weights ``(k,)``, means ``(k, d)`` and precisions (full ``(k, d, d)``,
        tied ``(d, d)``, diag ``(k, d)``, spherical ``(k,)``).
    random_state : int, RandomState instance or None, default=None
        An int is the seed of the Rust generator itself; otherwise a seed is drawn from it.
    warm_start : bool, default=False
        Continue from the last fit's parameters (one run, at most ``max_iter`` iterations).
    verbose : int, default=0
    verbose_interval : int, default=10

    Examples
    --------
    >>> import numpy as np, gmm
    >>> X = np.array([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]], dtype=float)
    >>> model = gmm.GaussianMixture(n_components=2, random_state=0).fit(X)
    >>> sorted(model.means_[:, 0].round(6))
    [1.0, 10.0]
    >>> model.fit(X, sample_weight=[1, 1, 1, 3, 3, 3]).weights_.round(2).tolist() in ([0.25, 0.75], [0.75, 0.25])
    True
    """

    _parameter_constraints: dict = {
        "n_components": [Interval(numbers.Integral, 1, None, closed="left")],
        "covariance_type": [StrOptions({"full", "tied", "diag", "spherical"})],
        "tol": [Interval(numbers.Real, 0.0, None, closed="left")],
        "reg_covar": [Interval(numbers.Real, 0.0, None, closed="left")],
        "max_iter": [Interval(numbers.Integral, 0, None, closed="left")],
        "n_init": [Interval(numbers.Integral, 1, None, closed="left")],
        "init_params": [StrOptions({"kmeans", "random", "random_from_data", "k-means++"})],
        "weights_init": ["array-like", None],
        "means_init": ["array-like", None],
        "precisions_init": ["array-like", None],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
        "verbose": ["verbose"],
        "verbose_interval": [Interval(numbers.Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        n_components=1,
        *,
        covariance_type="full",
        tol=1e-3,
        reg_covar=1e-6,
        max_iter=100,
        n_init=1,
        init_params="kmeans",
        weights_init=None,
        means_init=None,
        precisions_init=None,
        random_state=None,
        warm_start=False,
        verbose=0,
        verbose_interval=10,
    ):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.verbose_interval = verbose_interval

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        return tags

    # -- fitting -------------------------------------------------------------------------

    def _seed(self):
        """The Rust generator's seed: an int ``random_state`` itself, else drawn from it."""
        if isinstance(self.random_state, numbers.Integral):
            return int(self.random_state) % (1 << 64)
        rng = check_random_state(self.random_state)
        return int(rng.randint(np.iinfo(np.int32).max))

    def _config(self, n_features):
        """The hyper-parameters as ``_core.fit`` takes them."""

        def flat(value):
            if value is None:
                return None
            return np.asarray(value, dtype=np.float64).ravel().tolist()

        means = None
        if self.means_init is not None:
            m = check_array(self.means_init, dtype=np.float64, ensure_2d=True)
            means = (m.ravel().tolist(), m.shape[1])
        return dict(
            n_components=int(self.n_components),
            covariance_type=self.covariance_type,
            tol=float(self.tol),
            reg_covar=float(self.reg_covar),
            max_iter=int(self.max_iter),
            n_init=int(self.n_init),
            init_params=self.init_params,
            weights_init=flat(self.weights_init),
            means_init=means,
            precisions_init=flat(self.precisions_init),
            seed=self._seed(),
            verbose=int(self.verbose),
            verbose_interval=int(self.verbose_interval),
        )

    def _continues(self):
        return self.warm_start and hasattr(self, "_mixture")

    def _check_fit_data(self, X, sample_weight, reset):
        X = validate_data(
            self,
            X,
            dtype=_FLOATS,
            order="C",
            ensure_min_samples=2,
            ensure_all_finite=False,
            reset=reset,
        )
        if sample_weight is not None:
            sample_weight = _check_sample_weight(sample_weight, X, dtype=X.dtype)
            sample_weight = np.require(sample_weight, dtype=X.dtype, requirements=["C", "A"])
        return np.require(X, requirements=["C", "A"]), sample_weight

    def fit(self, X, y=None, sample_weight=None):
        """Fit the mixture to ``X`` (``n x d``), each row weighted by ``sample_weight``.

        With integer weights, the fit is the one on the rows repeated that many times. ``X``
        may be a ``dask.array.Array`` (and ``sample_weight`` too): exact EM over its chunks,
        see :func:`gmm.fit_dask`.

        Returns
        -------
        self
        """
        self._fit(X, sample_weight)
        return self

    def _fit(self, X, sample_weight):
        self._validate_params()
        if _is_dask_array(X):
            from ._dask import fit_dask

            return fit_dask(self, X, sample_weight)
        warm = self._continues()
        X, sample_weight = self._check_fit_data(X, sample_weight, reset=not warm)
        if warm and self._mixture.dtype != X.dtype.name:
            X = X.astype(self._mixture.dtype)
            if sample_weight is not None:
                sample_weight = sample_weight.astype(X.dtype)
        mixture = _core.fit(
            X,
            sample_weight,
            warm=self._mixture if warm else None,
            **self._config(X.shape[1]),
        )
        self._set_fitted(mixture)
        return X

    def _set_fitted(self, mixture):
        """Reads the fitted attributes off a ``_core.Mixture``."""
        self._mixture = mixture
        self.weights_ = mixture.weights
        self.means_ = mixture.means
        self.covariances_ = mixture.covariances
        self.precisions_ = mixture.precisions
        self.precisions_cholesky_ = mixture.precisions_cholesky
        self.converged_ = mixture.converged
        self.n_iter_ = mixture.n_iter
        self.lower_bound_ = mixture.lower_bound
        self.lower_bounds_ = mixture.lower_bounds
        if not self.converged_ and self.max_iter > 0:
            warnings.warn(
                "Best performing initialization did not converge. Try different init "
                "parameters, or increase max_iter, tol, or check for degenerate data.",
                ConvergenceWarning,
            )

    def fit_predict(self, X, y=None, sample_weight=None):
        """Fit, then return the most likely component of every row of ``X``."""
        X = self._fit(X, sample_weight)
        return self.predict(X)

    # -- using a fitted model --------------------------------------------------------------

    def _rows(self, X):
        check_is_fitted(self)
        X = validate_data(
            self,
            X,
            dtype=self._mixture.dtype,
            order="C",
            ensure_all_finite=False,
            reset=False,
        )
        return np.require(X, requirements=["C", "A"])

    def _weights(self, X, sample_weight):
        if sample_weight is None:
            return None
        return np.require(
            _check_sample_weight(sample_weight, X, dtype=X.dtype),
            dtype=X.dtype,
            requirements=["C", "A"],
        )

    def _blockwise(self, X, method, **kwargs):
        """``method`` over the chunks of a Dask array (rows chunked, columns whole)."""
        check_is_fitted(self)
        X = X.rechunk({1: -1})
        return X.map_blocks(lambda b: getattr(self, method)(b), **kwargs)

    def score_samples(self, X):
        """The log-likelihood of every row of ``X``, shape ``(n,)`` (a Dask array for one)."""
        if _is_dask_array(X):
            return self._blockwise(X, "score_samples", drop_axis=1, dtype=self._mixture.dtype)
        X = self._rows(X)
        return self._mixture.score_samples(X)

    def score(self, X, y=None, sample_weight=None):
        """The (weighted) mean log-likelihood of the rows of ``X``."""
        X = self._rows(X)
        return self._mixture.score(X, self._weights(X, sample_weight))

    def predict(self, X):
        """The most likely component of every row of ``X`` (a Dask array for one)."""
        if _is_dask_array(X):
            return self._blockwise(X, "predict", drop_axis=1, dtype=np.int64)
        X = self._rows(X)
        return self._mixture.predict(X)

    def predict_proba(self, X):
        """The posterior of every component for every row of ``X``, shape ``(n, k)`` (a Dask
        array for one)."""
        if _is_dask_array(X):
            k = self.weights_.shape[0]
            return self._blockwise(
                X, "predict_proba", chunks=(X.chunks[0], (k,)), dtype=self._mixture.dtype
            )
        X = self._rows(X)
        return self._mixture.predict_proba(X)

    def bic(self, X, sample_weight=None):
        """The Bayesian information criterion (``n`` the sum of the weights)."""
        X = self._rows(X)
        return self._mixture.bic(X, self._weights(X, sample_weight))

    def aic(self, X, sample_weight=None):
        """The Akaike information criterion (``n`` the sum of the weights)."""
        X = self._rows(X)
        return self._mixture.aic(X, self._weights(X, sample_weight))

    def sample(self, n_samples=1):
        """``n_samples`` rows drawn from the mixture, grouped by component, and their labels.

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        if not isinstance(n_samples, numbers.Integral) or n_samples < 1:
            raise ValueError(
                "Invalid value for 'n_samples': %s. The sampling requires at least one sample."
                % n_samples
            )
        return self._mixture.sample(int(n_samples), self._seed())
