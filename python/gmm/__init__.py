"""Gaussian mixtures fitted in Rust, with scikit-learn's ``GaussianMixture`` (EM) and
``BayesianGaussianMixture`` (variational) APIs.

>>> import numpy as np, gmm
>>> X = np.random.default_rng(0).normal(size=(500, 2))
>>> gmm.GaussianMixture(n_components=3, random_state=0).fit(X).means_.shape
(3, 2)
"""

from ._bayesian import BayesianGaussianMixture
from ._core import BayesianMixture, Mixture, SufficientStatistics
from ._dask import merge_tree
from ._mixture import GaussianMixture

__all__ = [
    "BAYESIAN_EXPECTED_FAILED_CHECKS",
    "BayesianGaussianMixture",
    "BayesianMixture",
    "EXPECTED_FAILED_CHECKS",
    "GaussianMixture",
    "Mixture",
    "SufficientStatistics",
    "merge_tree",
]

#: The scikit-learn estimator checks `GaussianMixture` does not pass, each with the reason (pass
#: as ``check_estimator(..., expected_failed_checks=gmm.EXPECTED_FAILED_CHECKS)``).
EXPECTED_FAILED_CHECKS = {}

#: The same for `BayesianGaussianMixture`.
BAYESIAN_EXPECTED_FAILED_CHECKS = {}
