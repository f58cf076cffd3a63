"""Data shared by every runner of bench/compare: points, initial centroids, initial labels.

For each shape it writes, under the output folder:
  <shape>.f32         n x d float32, row-major, little-endian (the points)
  <shape>.init.f32    k x d float32: k distinct rows of the points (the common start of every library)
  <shape>.labels.i32  n int32: index of the nearest initial centroid of every point (ties: lowest
                      index), computed in float64. OpenCV starts from labels, not centroids.
  <shape>.json        n, d, k, where the data came from, which rows are the initial centroids

Planted blobs follow bench/shapes.hpp's recipe (k centres uniform in [-4, 4]^d, each point a
uniformly chosen centre plus N(0, 1) noise per feature) with numpy's PCG64 and a fixed seed per
shape, so every run and every library sees the same bytes. "digits" is scikit-learn's bundled
digits data set (1797 x 64, integer pixel values 0..16), which needs no download.
Files are reused when their .json matches; run with /usr/bin/python3 (Debian's numpy/sklearn).
"""
import json
import os
import sys

import numpy as np

# name, n, d, k: the five reference shapes (bench/shapes.hpp)
SHAPES = [
    ("sensor-3d", 1_000_000, 3, 8),
    ("sensor-16d", 200_000, 16, 64),
    ("embed-128d", 100_000, 128, 256),
    ("digits", 1797, 64, 10),
    ("colour-quant", 273_280, 3, 16),
]
FORMAT_VERSION = 1


def planted_blobs(n, d, k, seed):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-4.0, 4.0, size=(k, d))
    which = rng.integers(0, k, size=n)
    x = centres[which]
    x += rng.standard_normal((n, d))
    return x.astype(np.float32)


def nearest(x, c):
    """Index of the nearest row of c for every row of x, in float64 (ties: lowest index)."""
    c64 = c.astype(np.float64)
    cn = (c64 * c64).sum(axis=1)
    out = np.empty(x.shape[0], dtype=np.int32)
    step = 8192
    for s in range(0, x.shape[0], step):
        xc = x[s:s + step].astype(np.float64)
        # float64 norm expansion: exact for integer-valued data (digits), ~1e-13 relative otherwise
        d2 = (xc * xc).sum(axis=1)[:, None] - 2.0 * (xc @ c64.T) + cn[None, :]
        out[s:s + step] = np.argmin(d2, axis=1)
    return out


def initial_rows(x, k, seed):
    """k row indices of x, drawn without replacement, whose rows are pairwise distinct."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(x.shape[0])
    chosen, seen = [], set()
    for i in order:
        key = x[i].tobytes()
        if key in seen:
            continue
        seen.add(key)
        chosen.append(int(i))
        if len(chosen) == k:
            return chosen
    raise SystemExit("not enough distinct rows for k=%d" % k)


def make(name, n, d, k, index, outdir):
    meta_path = os.path.join(outdir, name + ".json")
    want = {"version": FORMAT_VERSION, "name": name, "n": n, "d": d, "k": k}
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if all(meta.get(key) == val for key, val in want.items()):
            return meta
    if name == "digits":
        from sklearn.datasets import load_digits
        x = np.ascontiguousarray(load_digits().data.astype(np.float32))
        source = "scikit-learn load_digits() (real data, bundled with python3-sklearn)"
        assert x.shape == (n, d), x.shape
    else:
        x = planted_blobs(n, d, k, seed=1000 + index)
        source = "planted blobs, numpy PCG64 seed %d" % (1000 + index)
    rows = initial_rows(x, k, seed=2000 + index)
    init = np.ascontiguousarray(x[rows])
    labels = nearest(x, init)
    prefix = os.path.join(outdir, name)
    x.tofile(prefix + ".f32")
    init.tofile(prefix + ".init.f32")
    labels.tofile(prefix + ".labels.i32")
    meta = dict(want, source=source, init_rows=rows)
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    return meta


def generate(outdir):
    os.makedirs(outdir, exist_ok=True)
    return [make(name, n, d, k, index, outdir) for index, (name, n, d, k) in enumerate(SHAPES)]


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: gen_data.py OUTDIR")
    for m in generate(sys.argv[1]):
        print("%-13s n=%-8d d=%-4d k=%-4d %s" % (m["name"], m["n"], m["d"], m["k"], m["source"]))
