"""scikit-learn KMeans (Debian python3-sklearn 1.2) on the shared data. Run with /usr/bin/python3.

Same command line and output as the C++ runners (see runner_common.hpp):
  sklearn_runner.py lloyd PREFIX N D K REPS OUTDIR | fit PREFIX N D K OUTDIR [--algorithm elkan]

fit: KMeans' defaults (algorithm "lloyd" in 1.2), or with --algorithm elkan its Elkan variant
(triangle-inequality bounds; same results, other speed).

Iterations: KMeans(max_iter=M, algorithm="lloyd") runs up to M iterations, each one chunked
assignment (BLAS sgemm, float32 kept) plus the centre update; with tol=0 it still stops early
on strict convergence (labels unchanged between two iterations), and then n_iter_ < M (we
report that). Without strict convergence it runs one extra assignment pass after the loop so
labels_ match the centres, and fit() also centres a copy of X first. The timed calls run
M = 1 and 11; their difference is exactly 10 iterations and cancels those per-call costs.
Threads: threadpoolctl limits OpenMP and BLAS to 1 thread (plus OMP_NUM_THREADS=1 etc. from
the driver).
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.cluster import KMeans

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:  # Debian's python3-sklearn depends on python3-threadpoolctl
    threadpool_limits = None
    threadpool_info = None


def load(prefix, n, d, k):
    x = np.fromfile(prefix + ".f32", dtype=np.float32, count=n * d).reshape(n, d)
    c0 = np.fromfile(prefix + ".init.f32", dtype=np.float32, count=k * d).reshape(k, d)
    return x, c0


def timed_fit(x, **kw):
    km = KMeans(**kw)
    t0 = time.process_time()  # CPU time, as the C++ runners (runner_common.hpp: now_s)
    km.fit(x)
    return time.process_time() - t0, km


def blas_info():
    if threadpool_info is None:
        return "threadpoolctl missing"
    parts = []
    for lib in threadpool_info():
        if lib.get("user_api") == "blas":
            parts.append("%s %s (%s)" % (lib.get("internal_api"), lib.get("version"),
                                         lib.get("architecture")))
    return ", ".join(parts) or "no BLAS found by threadpoolctl"


def main():
    argv = list(sys.argv)
    algorithm = "lloyd"
    if len(argv) > 2 and argv[-2] == "--algorithm":
        algorithm = argv[-1]
        argv = argv[:-2]
    mode = argv[1] if len(argv) > 1 else ""
    if not ((mode == "lloyd" and len(argv) == 8) or (mode == "fit" and len(argv) == 7)):
        raise SystemExit(__doc__)
    prefix, n, d, k = argv[2], int(argv[3]), int(argv[4]), int(argv[5])
    outdir = argv[7] if mode == "lloyd" else argv[6]
    x, c0 = load(prefix, n, d, k)
    warnings.simplefilter("ignore")  # e.g. ConvergenceWarning

    if mode == "fit":
        # library defaults (k-means++ with 2 + ln k local trials, max_iter 300, tol 1e-4,
        # algorithm "lloyd", or "elkan" when asked) with n_init = 10; random_state fixed
        s, km = timed_fit(x, n_clusters=k, n_init=10, random_state=0, algorithm=algorithm)
        name = "sklearn" if algorithm == "lloyd" else "sklearn-" + algorithm
        path = outdir + "/%s.fit.f32" % name
        km.cluster_centers_.astype(np.float32).tofile(path)
        print(json.dumps({"lib": name, "variant": "KMeans(%s)" % algorithm, "mode": "fit",
                          "seconds": s,
                          "settings": "k-means++, n_init=10, max_iter=300, tol=1e-4, "
                                      "algorithm=%s; best restart ran %d iterations"
                                      % (algorithm, km.n_iter_),
                          "centroids": path, "blas": blas_info()}), flush=True)
        return

    reps = int(argv[6])
    lo, hi = 1, 11
    common = dict(n_clusters=k, init=c0, n_init=1, tol=0.0, algorithm="lloyd")
    timed_fit(x, max_iter=lo, **common)  # warm-up
    t_lo, t_hi, ran = [], [], hi
    for _ in range(reps):
        t_lo.append(timed_fit(x, max_iter=lo, **common)[0])
        s, km = timed_fit(x, max_iter=hi, **common)
        t_hi.append(s)
        ran = km.n_iter_
    path = outdir + "/sklearn.lloyd.f32"
    km.cluster_centers_.astype(np.float32).tofile(path)
    print(json.dumps({"lib": "sklearn", "variant": "KMeans(lloyd)", "mode": "lloyd",
                      "lo_iters": lo, "hi_iters": hi, "t_lo": t_lo, "t_hi": t_hi,
                      "ran_hi": int(ran), "converged": bool(ran < hi), "centroids": path,
                      "blas": blas_info()}), flush=True)


if __name__ == "__main__":
    if threadpool_limits is not None:
        with threadpool_limits(limits=1):
            main()
    else:
        main()
