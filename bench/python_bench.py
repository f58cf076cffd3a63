"""The Python package against scikit-learn, ratios from one run. Run with Debian's python3:

    PYTHONPATH=build/test/python /usr/bin/python3 bench/python_bench.py [--quick]

Batch: tinykm.KMeans.fit vs sklearn.cluster.KMeans (algorithm 'lloyd' and 'elkan'), same data,
k, n_init, max_iter and tol. The digits use k-means++ with 10 restarts in both (each its own
draws, so inertias are shown beside the times); the blobs start both from the same centres, so
both do the same iterations to the same inertia. Both use every core (sklearn through OpenMP;
tinykm n_threads=None), then one thread each (threadpoolctl limits sklearn's OpenMP and BLAS).
Streams: MiniBatchKMeans.partial_fit with one sample per call vs Stream.learn_one, and with
mini-batches of 1024 vs Stream.partial_fit; samples per second after warm-up, one thread each.
Times are the best of `repeats` runs.
"""
import os
import sys
import time
import warnings

import numpy as np
from sklearn.cluster import KMeans as SkKMeans, MiniBatchKMeans
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

import tinykm

QUICK = "--quick" in sys.argv


def cpu_name():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def best(call, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = call()
        times.append(time.perf_counter() - t0)
    return min(times), out


def blobs(n, d, k, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, (k, d))
    return (centres[rng.integers(0, k, n)] + rng.normal(0, 2.0, (n, d))).astype(np.float32)


def batch(name, x, k, n_init, repeats, init="k-means++"):
    print(f"\n{name}: n = {len(x)}, d = {x.shape[1]}, k = {k}, n_init = {n_init}, "
          f"init = {init if isinstance(init, str) else 'the same centres'}")
    print(f"  {'':34} {'seconds':>9} {'inertia':>12} {'sklearn / tinykm':>17}")
    for threads in (None, 1):
        label = "all cores" if threads is None else "1 thread"
        t_ours, ours = best(lambda: tinykm.KMeans(k, init=init, n_init=n_init, random_state=0,
                                                                n_threads=threads).fit(x),
                            repeats)
        print(f"  {'tinykm.KMeans, ' + label:34} {t_ours:9.4f} {ours.inertia_:12.5g}")
        for algorithm in ("lloyd", "elkan"):
            with threadpool_limits(limits=threads):
                t, theirs = best(lambda: SkKMeans(k, init=init, n_init=n_init, random_state=0,
                                                              algorithm=algorithm).fit(x),
                                 repeats)
            print(f"  {'sklearn KMeans ' + algorithm + ', ' + label:34} {t:9.4f} {theirs.inertia_:12.5g} "
                  f"{t / t_ours:16.1f}x")


def streams(n, d, k):
    x = blobs(n, d, k, seed=1)
    warm = x[:16 * k]
    print(f"\nstreams: d = {d}, k = {k}, samples per second (after a warm-up of {len(warm)})")
    s = tinykm.Stream(k, d, reservoir=len(warm))
    s.partial_fit(warm)
    rows = list(x[len(warm):])
    t0 = time.perf_counter()
    for row in rows:
        s.learn_one(row)
    ours_one = len(rows) / (time.perf_counter() - t0)

    mb = MiniBatchKMeans(k, random_state=0, n_init=1)
    mb.partial_fit(warm)
    few = rows[:200 if QUICK else 2000]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        for row in few:
            mb.partial_fit(row[None])
        theirs_one = len(few) / (time.perf_counter() - t0)

    chunks = [x[i:i + 1024] for i in range(len(warm), len(x) - 1023, 1024)]
    t0 = time.perf_counter()
    for c in chunks:
        s.partial_fit(c)
    ours_batch = 1024 * len(chunks) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for c in chunks:
        mb.partial_fit(c)
    theirs_batch = 1024 * len(chunks) / (time.perf_counter() - t0)

    print(f"  {'Stream.learn_one':44} {ours_one:12.0f}")
    print(f"  {'MiniBatchKMeans.partial_fit, 1 sample':44} {theirs_one:12.0f}   tinykm {ours_one / theirs_one:.0f}x")
    print(f"  {'Stream.partial_fit, 1024 samples':44} {ours_batch:12.0f}")
    print(f"  {'MiniBatchKMeans.partial_fit, 1024 samples':44} {theirs_batch:12.0f}   "
          f"tinykm {ours_batch / theirs_batch:.1f}x")


def main():
    print(f"tinykm {tinykm.__version__} ({tinykm.backend_name()}), scikit-learn "
          f"{__import__('sklearn').__version__}, numpy {np.__version__}")
    print(f"{cpu_name()}, {os.cpu_count()} logical CPUs")
    repeats = 1 if QUICK else 3
    digits = np.ascontiguousarray(load_digits().data, dtype=np.float32)
    batch("digits", digits, 10, 10, repeats)
    x = blobs(20_000 if QUICK else 200_000, 16, 16)
    batch("blobs", x, 16, 1, repeats, init=x[np.random.default_rng(2).choice(len(x), 16, replace=False)])
    with threadpool_limits(limits=1):
        streams(20_000 if QUICK else 200_000, 8, 8)


if __name__ == "__main__":
    main()
