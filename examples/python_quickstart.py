"""tinykm from Python: batch k-means on the digits, then a stream that flags anomalies.
Run with Debian's python3 once the package is installed (bash scripts/install-python.sh), or
from a build folder: PYTHONPATH=build/test/python /usr/bin/python3 examples/python_quickstart.py
"""
import pickle

import numpy as np

import tinykm

# Batch: scikit-learn's KMeans interface. float32 C-contiguous input is used without a copy.
try:
    from sklearn.datasets import load_digits
    X = load_digits().data.astype(np.float32)
except ImportError:
    X = np.random.default_rng(0).normal(size=(1797, 64)).astype(np.float32)
km = tinykm.KMeans(n_clusters=10, n_init=10, random_state=0).fit(X)
print(f"digits: {len(X)} x {X.shape[1]}, inertia {km.inertia_:.4g} after {km.n_iter_} iterations "
      f"on {tinykm.backend_name()}")
print("cluster sizes:", np.bincount(km.labels_, minlength=10))

# Stream: one sample at a time; the first `reservoir` samples warm it up.
rng = np.random.default_rng(1)
centres = np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 5.0]], dtype=np.float32)
stream = tinykm.Stream(n_clusters=3, n_features=2, rule="decay", half_life=500, reservoir=100)
for i in range(2000):
    x = centres[i % 3] + rng.normal(0, 0.3, 2).astype(np.float32)
    stream.learn_one(x)
outlier = np.array([10.0, -4.0], dtype=np.float32)
print(f"stream: {stream.counters['samples']} samples, outlier score {stream.score_one(outlier):.2f} "
      f"(> 0: anomaly), normal sample score {stream.score_one(centres[1]):.2f}")

# Mini-batches: labels, anomaly scores and flags for every row, taken before it was learned.
labels, scores, anomalies = stream.partial_fit(np.vstack([centres, outlier[None]]))
print("mini-batch labels", labels, "anomalies", anomalies)

# The whole state pickles through the library's CRC-checked blob.
restored = pickle.loads(pickle.dumps(stream))
assert restored.to_bytes() == stream.to_bytes()
print(f"pickled stream: {len(stream.to_bytes())} bytes, {restored}")
