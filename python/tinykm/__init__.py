"""tinykm: fast batch and streaming k-means (the C++ library tinykm, from Python).

    import numpy as np, tinykm
    km = tinykm.KMeans(n_clusters=8, random_state=0).fit(X)     # scikit-learn's conventions
    s = tinykm.Stream(n_clusters=4, n_features=3)               # one sample at a time
    s.learn_one(x); s.predict_one(x); s.score_one(x)

Inputs: a C-contiguous float32 numpy array is used in place (no copy); anything else numpy
reads as numbers (other dtypes or orders, lists) is converted once to C-contiguous float32.
Results are float32 (centres, distances, scores) and int32 (labels).
"""
from ._tinykm import Stream, __version__, backend_name, force_backend
from ._kmeans import KMeans, NotFittedError

__all__ = ["KMeans", "Stream", "NotFittedError", "backend_name", "force_backend", "__version__"]
