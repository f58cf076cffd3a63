"""tinykm.KMeans: batch k-means with scikit-learn's estimator conventions."""
import numbers

import numpy as np

from . import _tinykm
from ._estimator import ParamsMixin

try:
    from sklearn.exceptions import NotFittedError
except ImportError:  # scikit-learn is optional
    class NotFittedError(ValueError, AttributeError):
        """The estimator is used before fit()."""


def _seed(random_state):
    """None: a seed drawn from numpy's global RandomState (as scikit-learn); an int: itself;
    a numpy RandomState or Generator: a seed drawn from it."""
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if not 0 <= random_state < 2**64:
            raise ValueError(f"random_state must be in [0, 2**64), got {random_state}")
        return int(random_state)
    if random_state is None:
        random_state = np.random.mtrand._rand
    if isinstance(random_state, np.random.RandomState):
        return int(random_state.randint(0, 2**63 - 1, dtype=np.int64))
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(0, 2**64, dtype=np.uint64))
    raise ValueError(f"random_state must be None, an int or a numpy random generator, got {random_state!r}")


def _count(name, value, low=1):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    return int(value)


class KMeans(ParamsMixin):
    """K-means clustering (Lloyd), scikit-learn's KMeans API over tinykm's C++ library.

    Parameters
    ----------
    n_clusters : int, default 8
    init : 'auto', 'k-means++', 'random', 'farthest', 'k-means||' or an array
        (n_clusters, n_features), default 'auto'
        'k-means++' is greedy k-means++ (2 + ln k candidates per centre, as scikit-learn);
        'k-means||' is k-means|| (Bahmani et al. 2012), for large data sets;
        'auto', the C++ library's default, is 'k-means||' where n_features > 16,
        n_clusters >= 64 and n_samples >= 16 (20 n_clusters + 1), else 'k-means++';
        an array gives the starting centres (n_init is then 1).
    n_init : int or 'auto', default 1
        Restarts with different seeds; the lowest inertia wins. 'auto': 10 for 'random', else 1.
    max_iter : int, default 300
    tol : float, default 1e-4
        Stop when the summed squared centre shift of an iteration is <= tol x the mean
        per-feature variance of X (scikit-learn's rule).
    random_state : None, int or numpy random generator, default None
        An int is the library's seed: KMeans(n_init=N, random_state=S) gives exactly the model
        of the C++ library's fit() with n_init = N, seed = S (and of `tinykm fit --n-init N
        --seed S`). None draws a seed from numpy's global generator.
    empty_cluster : 'relocate_farthest', 'keep' or 'split_largest', default 'relocate_farthest'
        What an empty cluster does ('relocate_farthest' is scikit-learn's rule).
    n_threads : int or None, default None
        Threads for fit and predict (None: every core). The result is bit-identical for any
        number of threads; inputs under 4096 rows run on the calling thread.
    algorithm : 'auto', 'lloyd', 'bounded' or 'elkan', default 'auto'
        How Lloyd's iterations find the nearest centres; the model is the same bit for bit.
        'bounded' keeps triangle-inequality bounds per point (12 bytes each) to skip work;
        'elkan' (scikit-learn's name) means 'bounded'; 'auto' picks it where it is faster.
    refine : 'none', 'hartigan' or 'split_merge', default 'none'
        After each restart's Lloyd iterations, 'hartigan' moves single points between clusters
        while a move lowers the inertia (R's default k-means), serially and deterministically;
        kept only when it lowers the inertia. Costs about one Lloyd pass per sweep.
        'split_merge' moves the centre cheapest to merge away into the cluster with the largest
        SSE and reruns Lloyd, kept only when the inertia drops (fixes two centres on one blob
        beside one centre on two); a few Lloyd runs per restart, deterministic as well.
    backend : None, 'auto', 'scalar', 'highway' or 'xsimd', default None
        Kernels to use; a name is chosen process-wide (tinykm.force_backend) at fit and stays.

    Attributes: cluster_centers_ (float32), labels_ (int32), inertia_, n_iter_, n_features_in_.
    Inputs follow the package's conversion rule (float32 C-contiguous: no copy). The GIL is
    released while the library runs.
    """

    _estimator_type = "clusterer"

    def __init__(self, n_clusters=8, *, init="auto", n_init=1, max_iter=300, tol=1e-4,
                 random_state=None, empty_cluster="relocate_farthest", n_threads=None, backend=None,
                 algorithm="auto", refine="none"):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.empty_cluster = empty_cluster
        self.n_threads = n_threads
        self.backend = backend
        self.algorithm = algorithm
        self.refine = refine

    def _threads(self):
        return 0 if self.n_threads is None else _count("n_threads", self.n_threads)

    def fit(self, X, y=None, sample_weight=None):
        """Clusters X (n_samples, n_features); sample_weight: positive, finite. Returns self."""
        k = _count("n_clusters", self.n_clusters)
        init = self.init
        user = None
        if not isinstance(init, str):
            user, init = init, "user"
        n_init = self.n_init
        if n_init == "auto":
            n_init = 10 if init == "random" else 1
        n_init = 1 if user is not None else _count("n_init", n_init)
        max_iter = _count("max_iter", self.max_iter)
        if not isinstance(self.tol, numbers.Real) or not self.tol >= 0:
            raise ValueError(f"tol must be a number >= 0, got {self.tol!r}")
        if n_init >= 2**32 or max_iter >= 2**32:
            raise ValueError("n_init and max_iter must be below 2**32")
        if self.backend is not None:
            _tinykm.force_backend(self.backend)
        centres, labels, inertia, n_iter, _ = _tinykm.fit(
            X, sample_weight, k, init, user, n_init, max_iter, float(self.tol), self.empty_cluster,
            _seed(self.random_state), self._threads(), algorithm=self.algorithm,
            refine=self.refine)
        self.cluster_centers_ = centres
        self.labels_ = labels
        self.inertia_ = inertia
        self.n_iter_ = n_iter
        self.n_features_in_ = centres.shape[1]
        return self

    def _centres(self):
        try:
            return self.cluster_centers_
        except AttributeError:
            raise NotFittedError(f"This {type(self).__name__} instance is not fitted yet; call fit first") from None

    def predict(self, X):
        """Index of each row's nearest centre (int32)."""
        return _tinykm.predict(self._centres(), X, self._threads())

    def fit_predict(self, X, y=None, sample_weight=None):
        return self.fit(X, sample_weight=sample_weight).labels_

    def transform(self, X):
        """Euclidean distance from each row to every centre, (n_samples, n_clusters) float32."""
        return _tinykm.transform(self._centres(), X)

    def fit_transform(self, X, y=None, sample_weight=None):
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None):
        """Minus the inertia of X on the centres (higher is better, as scikit-learn's)."""
        return _tinykm.score(self._centres(), X, sample_weight)
