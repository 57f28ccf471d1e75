"""What ``gmm.GaussianMixture`` and ``gmm.BayesianGaussianMixture`` share: scikit-learn's
common hyper-parameters, input validation (arrays handed to Rust as C-contiguous ``float32``
or ``float64``, read there in place), fitting with warm start, and the predictions."""

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, DensityMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

_FLOATS = [np.float64, np.float32]


def _is_dask_array(x):
    module = type(x).__module__
    return module.startswith("dask.") and hasattr(x, "chunks")


class _BaseMixture(DensityMixin, BaseEstimator):
    """A mixture whose fit and predictions run in Rust (a ``_core`` model in ``_mixture``).

    Subclasses define ``_core_fit(X, sample_weight, warm)``, which returns the fitted
    ``_core`` model, and may extend ``_set_fitted``."""

    # The lower bounds' numpy type; None: the data's.
    _bound_dtype = None

    _parameter_constraints: dict = {
        "n_components": [Interval(numbers.Integral, 1, None, closed="left")],
        "covariance_type": [StrOptions({"full", "tied", "diag", "spherical"})],
        "tol": [Interval(numbers.Real, 0.0, None, closed="left")],
        "reg_covar": [Interval(numbers.Real, 0.0, None, closed="left")],
        "max_iter": [Interval(numbers.Integral, 0, None, closed="left")],
        "n_init": [Interval(numbers.Integral, 1, None, closed="left")],
        "init_params": [StrOptions({"kmeans", "random", "random_from_data", "k-means++"})],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
        "verbose": ["verbose"],
        "verbose_interval": [Interval(numbers.Integral, 1, None, closed="left")],
    }

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

    def _options(self):
        """The common hyper-parameters as the ``_core`` fits take them."""
        return dict(
            n_components=int(self.n_components),
            covariance_type=self.covariance_type,
            tol=float(self.tol),
            reg_covar=float(self.reg_covar),
            max_iter=int(self.max_iter),
            n_init=int(self.n_init),
            init_params=self.init_params,
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

        With integer weights, the fit is the one on the rows repeated that many times.

        Returns
        -------
        self
        """
        self._fit(X, sample_weight)
        return self

    def _fit(self, X, sample_weight):
        self._validate_params()
        warm = self._continues()
        X, sample_weight = self._check_fit_data(X, sample_weight, reset=not warm)
        if warm and self._mixture.dtype != X.dtype.name:
            X = X.astype(self._mixture.dtype)
            if sample_weight is not None:
                sample_weight = sample_weight.astype(X.dtype)
        self._set_fitted(self._core_fit(X, sample_weight, self._mixture if warm else None))
        return X

    def _set_fitted(self, mixture):
        """Reads the fitted attributes off a ``_core`` model."""
        self._mixture = mixture
        self.weights_ = mixture.weights
        self.means_ = mixture.means
        self.covariances_ = mixture.covariances
        self.precisions_ = mixture.precisions
        self.precisions_cholesky_ = mixture.precisions_cholesky
        self.converged_ = mixture.converged
        self.n_iter_ = mixture.n_iter
        # numpy scalars of the data's precision, as scikit-learn's (``_bound_dtype`` when set)
        scalar = np.dtype(self._bound_dtype or mixture.dtype).type
        self.lower_bound_ = scalar(mixture.lower_bound)
        self.lower_bounds_ = [scalar(v) for v in mixture.lower_bounds]
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
        """The (weighted) mean of ``score_samples`` over the rows of ``X``."""
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

    def predict_proba_batches(self, X, batch_size=4096):
        """The posteriors of the rows of ``X``, ``batch_size`` rows at a time: an iterator of
        ``(batch_size, k)`` arrays (the last one holds the rows left) which, concatenated, are
        ``predict_proba(X)`` to the bit, with one batch's posteriors in memory instead of
        ``n x k``. ``X`` is converted once, here; a value that is not finite or a row of no finite
        likelihood raises ``ValueError`` naming its row of ``X``, from the first batch that
        needs it (its own, or an earlier one that shares its chunk of 512 rows).

        >>> import numpy as np, gmm
        >>> X = np.concatenate([np.zeros((50, 2)), np.ones((50, 2))]) + np.linspace(0, 0.1, 100)[:, None]
        >>> model = gmm.GaussianMixture(n_components=2, random_state=0).fit(X)
        >>> counts = sum(p.sum(axis=0) for p in model.predict_proba_batches(X, batch_size=32))
        >>> np.allclose(counts, model.predict_proba(X).sum(axis=0))
        True
        """
        if (
            isinstance(batch_size, bool)
            or not isinstance(batch_size, numbers.Integral)
            or batch_size < 1
        ):
            raise ValueError(
                "Invalid value for 'batch_size': %r. It must be an integer of at least 1."
                % (batch_size,)
            )
        X = self._rows(X)
        return self._batches(X, int(batch_size))

    def _batches(self, X, batch_size):
        for index in range(-(-X.shape[0] // batch_size)):
            yield self._mixture.predict_proba(X, batch_size, index)

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
