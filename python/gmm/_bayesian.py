"""``gmm.BayesianGaussianMixture``: scikit-learn's variational estimator over the Rust core
``gmm._core``."""

import numbers

import numpy as np
from sklearn.utils._param_validation import Interval, StrOptions

from . import _core
from ._base import _BaseMixture


def _flat(value):
    if value is None:
        return None
    return np.asarray(value, dtype=np.float64).ravel().tolist()


def _number(value):
    return None if value is None else float(value)


class BayesianGaussianMixture(_BaseMixture):
    """A Gaussian mixture fitted by variational inference: scikit-learn's
    ``BayesianGaussianMixture``, with sample weights.

    The weights have a Dirichlet-process (stick-breaking) or Dirichlet-distribution prior, the
    means a Gaussian prior and the precisions a Wishart prior; with more components than the
    data needs, the surplus ones are left with weights near zero. The constructor takes
    scikit-learn's parameters, with the same names and defaults, and the fitted estimator has
    the same attributes; the work is done in Rust (the ``gmm`` crate). ``float32`` data is
    fitted in ``float32``, anything else in ``float64``.

    Parameters
    ----------
    n_components : int, default=1
        The largest number of components.
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    tol : float, default=1e-3
        Convergence threshold on the change of the lower bound.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance.
    max_iter : int, default=100
    n_init : int, default=1
        Number of initialisations; the best lower bound is kept.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}, \
            default='dirichlet_process'
    weight_concentration_prior : float or None, default=None
        ``1 / n_components`` when None.
    mean_precision_prior : float or None, default=None
        1 when None.
    mean_prior : array-like of shape (n_features,), default=None
        The (weighted) mean of ``X`` when None.
    degrees_of_freedom_prior : float or None, default=None
        ``n_features`` when None.
    covariance_prior : float or array-like, default=None
        The (weighted) covariance of ``X`` when None; ``(d, d)`` for full and tied, ``(d,)``
        for diag, a float for spherical.
    random_state : int, RandomState instance or None, default=None
        An int is the seed of the Rust generator itself; otherwise a seed is drawn from it.
    warm_start : bool, default=False
        Continue from the last fit's posterior (one run, at most ``max_iter`` iterations).
    verbose : int, default=0
    verbose_interval : int, default=10

    Examples
    --------
    >>> import numpy as np, gmm
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(0, 1, (100, 2)), rng.normal(8, 1, (100, 2))])
    >>> model = gmm.BayesianGaussianMixture(n_components=5, random_state=0).fit(X)
    >>> int((model.weights_ > 0.1).sum())
    2
    """

    # scikit-learn's variational bound is a float64 whatever the data's precision.
    _bound_dtype = np.float64

    _parameter_constraints: dict = {
        **_BaseMixture._parameter_constraints,
        "weight_concentration_prior_type": [
            StrOptions({"dirichlet_process", "dirichlet_distribution"})
        ],
        "weight_concentration_prior": [None, Interval(numbers.Real, 0.0, None, closed="neither")],
        "mean_precision_prior": [None, Interval(numbers.Real, 0.0, None, closed="neither")],
        "mean_prior": [None, "array-like"],
        "degrees_of_freedom_prior": [None, Interval(numbers.Real, 0.0, None, closed="neither")],
        "covariance_prior": [
            None,
            "array-like",
            Interval(numbers.Real, 0.0, None, closed="neither"),
        ],
    }

    def __init__(
        self,
        *,
        n_components=1,
        covariance_type="full",
        tol=1e-3,
        reg_covar=1e-6,
        max_iter=100,
        n_init=1,
        init_params="kmeans",
        weight_concentration_prior_type="dirichlet_process",
        weight_concentration_prior=None,
        mean_precision_prior=None,
        mean_prior=None,
        degrees_of_freedom_prior=None,
        covariance_prior=None,
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
        self.weight_concentration_prior_type = weight_concentration_prior_type
        self.weight_concentration_prior = weight_concentration_prior
        self.mean_precision_prior = mean_precision_prior
        self.mean_prior = mean_prior
        self.degrees_of_freedom_prior = degrees_of_freedom_prior
        self.covariance_prior = covariance_prior
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.verbose_interval = verbose_interval

    def _core_fit(self, X, sample_weight, warm):
        return _core.fit_bayesian(
            X,
            sample_weight,
            warm=warm,
            weight_concentration_prior_type=self.weight_concentration_prior_type,
            weight_concentration_prior=_number(self.weight_concentration_prior),
            mean_precision_prior=_number(self.mean_precision_prior),
            mean_prior=_flat(self.mean_prior),
            degrees_of_freedom_prior=_number(self.degrees_of_freedom_prior),
            covariance_prior=_flat(self.covariance_prior),
            **self._options(),
        )

    def _set_fitted(self, mixture):
        super()._set_fitted(mixture)
        dtype = mixture.dtype
        concentration = mixture.weight_concentration
        if mixture.weight_concentration_prior_type == "dirichlet_process":
            concentration = (concentration[0], concentration[1])
        self.weight_concentration_ = concentration
        self.mean_precision_ = mixture.mean_precision
        dof = mixture.degrees_of_freedom
        self.degrees_of_freedom_ = dof[0] if self.covariance_type == "tied" else dof
        weight, mean_precision, mean, dof_prior, covariance = mixture.priors
        d = len(mean)
        self.weight_concentration_prior_ = weight
        self.mean_precision_prior_ = mean_precision
        self.mean_prior_ = np.asarray(mean, dtype=dtype)
        self.degrees_of_freedom_prior_ = dof_prior
        covariance = np.asarray(covariance, dtype=dtype)
        if self.covariance_type in ("full", "tied"):
            covariance = covariance.reshape(d, d)
        elif self.covariance_type == "spherical":
            covariance = covariance[0]
        self.covariance_prior_ = covariance
