"""``gmm.GaussianMixture``: scikit-learn's estimator over the Rust core ``gmm._core``."""

import numpy as np
from sklearn.utils.validation import check_array

from . import _core
from ._base import _BaseMixture, _is_dask_array


class GaussianMixture(_BaseMixture):
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
        **_BaseMixture._parameter_constraints,
        "weights_init": ["array-like", None],
        "means_init": ["array-like", None],
        "precisions_init": ["array-like", None],
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
            self._options(),
            weights_init=flat(self.weights_init),
            means_init=means,
            precisions_init=flat(self.precisions_init),
        )

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
        if _is_dask_array(X):
            from ._dask import fit_dask

            self._validate_params()
            return fit_dask(self, X, sample_weight)
        return super()._fit(X, sample_weight)

    def _core_fit(self, X, sample_weight, warm):
        return _core.fit(X, sample_weight, warm=warm, **self._config(X.shape[1]))

    def bic(self, X, sample_weight=None):
        """The Bayesian information criterion (``n`` the sum of the weights)."""
        X = self._rows(X)
        return self._mixture.bic(X, self._weights(X, sample_weight))

    def aic(self, X, sample_weight=None):
        """The Akaike information criterion (``n`` the sum of the weights)."""
        X = self._rows(X)
        return self._mixture.aic(X, self._weights(X, sample_weight))
