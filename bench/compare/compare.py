"""Driver of bench/compare: runs every runner on the shared data and prints the tables.

Started by run.sh (which installs the peers and builds the C++ runners); run it directly with
Debian's /usr/bin/python3 when build/compare is already built:
    /usr/bin/python3 bench/compare/compare.py [--quick] [--reps N] [--keep-openblas-env]
                                              [--no-fit] [--shapes a,b] [--build DIR]
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_data  # noqa: E402

LIBS = ["tinykm", "faiss", "opencv", "sklearn"]
TITLES = {"tinykm": "tinykm", "faiss": "FAISS", "opencv": "OpenCV", "sklearn": "sklearn"}
# --quick: the default-init fits (second table) use only the first QUICK_FIT_N points of a shape
QUICK_FIT_N = 20_000
THREAD_VARS = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "GOTO_NUM_THREADS"]


def runner_env(keep_openblas_env):
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = "1"
    env["OMP_WAIT_POLICY"] = "passive"  # spinning OpenMP waits collapse on this machine kind
    if not keep_openblas_env:
        # The environment forces OpenBLAS's Haswell (AVX2) kernels; unset, OpenBLAS picks the
        # kernels of this CPU (docs: /work/shared/notes/benchmarking.md).
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    return env


def run_runner(cmd, env):
    t0 = time.time()
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=3600)
    except subprocess.TimeoutExpired:
        print("  timeout: %s" % " ".join(cmd), file=sys.stderr)
        return []
    if p.returncode != 0:
        print("  FAILED (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr[-2000:]),
              file=sys.stderr)
        return []
    out = [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]
    for o in out:
        o["wall_s"] = time.time() - t0
    return out


def inertia(x, c):
    """The common quality measure: sum over points of the squared distance to the nearest centre,
    in float64 (nearest chosen by the norm expansion, distance then computed directly)."""
    c64 = c.astype(np.float64)
    cn = (c64 * c64).sum(axis=1)
    total = 0.0
    step = max(1, (1 << 22) // max(1, c.shape[0]))
    for s in range(0, x.shape[0], step):
        xc = x[s:s + step].astype(np.float64)
        j = np.argmin(cn[None, :] - 2.0 * (xc @ c64.T), axis=1)
        diff = xc - c64[j]
        total += float((diff * diff).sum())
    return total


def load_points(prefix, n, d):
    return np.fromfile(prefix + ".f32", dtype=np.float32, count=n * d).reshape(n, d)


def load_centres(path, k, d):
    return np.fromfile(path, dtype=np.float32, count=k * d).reshape(k, d)


def ms_per_iter(r):
    """(median whole-call time of hi_iters - that of lo_iters) / (hi_iters - lo_iters)."""
    return 1000.0 * (statistics.median(r["t_hi"]) - statistics.median(r["t_lo"])) / (
        r["hi_iters"] - r["lo_iters"])


def fmt_ms(v):
    if v is None:
        return "n/a"
    return "%.3f" % v if v < 1 else "%.2f" % v if v < 100 else "%.1f" % v


def table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def pkg_version(name):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout or "?"
    except OSError:
        return "?"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="fewer repetitions (3) and default-init fits on the first %d points "
                         "of each shape" % QUICK_FIT_N)
    ap.add_argument("--reps", type=int, default=0, help="timed repetitions (default 5; 3 for "
                    "embed-128d and with --quick)")
    ap.add_argument("--keep-openblas-env", action="store_true",
                    help="keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE as exported")
    ap.add_argument("--no-fit", action="store_true", help="skip the default-init fit table")
    ap.add_argument("--shapes", default="", help="comma-separated subset of shape names")
    ap.add_argument("--build", default=os.path.join(HERE, "..", "..", "build", "compare"))
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # tables and stderr progress interleave in order

    build = os.path.abspath(args.build)
    datadir = os.path.join(build, "data")
    outdir = os.path.join(build, "results")
    os.makedirs(outdir, exist_ok=True)
    env = runner_env(args.keep_openblas_env)
    started = time.time()

    metas = gen_data.generate(datadir)
    if args.shapes:
        wanted = args.shapes.split(",")
        metas = [m for m in metas if m["name"] in wanted]

    def cmd(lib):
        if lib == "sklearn":
            return ["/usr/bin/python3", os.path.join(HERE, "sklearn_runner.py")]
        return [os.path.join(build, lib + "_runner")]

    print("tinykm bench/compare  %s" % time.strftime("%Y-%m-%d %H:%M:%S"))
    print("CPU: %s, %d logical CPUs; every library on 1 thread (%s=1, OMP_WAIT_POLICY=passive, "
          "omp_set_num_threads(1), cv::setNumThreads(1), threadpoolctl limits=1)"
          % (cpu_model(), os.cpu_count(), "/".join(THREAD_VARS[:4])))
    if args.keep_openblas_env:
        print("OpenBLAS: OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s kept as exported"
              % (os.environ.get("OPENBLAS_CORETYPE", "<unset>"),
                 os.environ.get("OPENBLAS_L2_SIZE", "<unset>")))
    else:
        print("OpenBLAS: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (were %s / %s): OpenBLAS "
              "picks this CPU's kernels" % (os.environ.get("OPENBLAS_CORETYPE", "<unset>"),
                                            os.environ.get("OPENBLAS_L2_SIZE", "<unset>")))
    print("Peers: FAISS %s (libfaiss-dev), OpenCV %s (libopencv-dev), scikit-learn %s "
          "(python3-sklearn), numpy %s, OpenBLAS %s" % (
              pkg_version("libfaiss-dev"), pkg_version("libopencv-dev"),
              pkg_version("python3-sklearn"), np.__version__,
              pkg_version("libopenblas0-pthread")))
    print()

    # ---- 1. Lloyd iteration time from the same start -------------------------------------
    lloyd = {}  # shape -> lib -> [results]
    for m in metas:
        name, n, d, k = m["name"], m["n"], m["d"], m["k"]
        reps = args.reps or (3 if args.quick or n * d * k > 1e9 else 5)
        prefix = os.path.join(datadir, name)
        sdir = os.path.join(outdir, name)
        os.makedirs(sdir, exist_ok=True)
        lloyd[name] = {}
        for lib in LIBS:
            print("  lloyd %-13s %-8s ..." % (name, lib), end="", flush=True, file=sys.stderr)
            res = run_runner(cmd(lib) + ["lloyd", prefix, str(n), str(d), str(k), str(reps),
                                         sdir], env)
            print(" %.1f s" % (res[0]["wall_s"] if res else 0), file=sys.stderr)
            lloyd[name][lib] = res

    def main_result(name, lib):
        res = lloyd[name].get(lib) or []
        return res[0] if res else None

    blas_arch = next((r.get("blas") for s in lloyd.values() for r in s.get("sklearn", [])
                      if r.get("blas")), "?")
    tk_backend = next((r["variant"][5:] for s in lloyd.values() for r in s.get("tinykm", [])
                       if r["variant"].startswith("auto:")), "?")

    print("Table 1. Lloyd iteration time, ms per iteration: same data, same initial centres "
          "(k rows of the data), tolerance off, 1 thread.")
    print("ms/iter = (median time of a call running 11 iterations - median of a call running "
          "1) / 10 (OpenCV: 12 and 2 passes, see README); %s repetitions each."
          % (args.reps or ("3" if args.quick else "5 (3 for embed-128d)")))
    print("tinykm backend: %s.  Ratio = peer ms / tinykm ms (> 1: tinykm faster).  BLAS seen by "
          "sklearn: %s" % (tk_backend, blas_arch))
    header = ["shape", "n x d, k", "tinykm", "FAISS", "OpenCV", "sklearn", "FAISS/tk",
              "OpenCV/tk", "sklearn/tk", "flags"]
    rows = []
    for m in metas:
        name = m["name"]
        ms = {lib: (ms_per_iter(main_result(name, lib)) if main_result(name, lib) else None)
              for lib in LIBS}
        flags = []
        for lib in LIBS:
            r = main_result(name, lib)
            if r and r.get("converged"):
                ran = r.get("ran_hi", -1)
                flags.append("%s stopped early%s" % (TITLES[lib],
                                                     " after %d" % ran if ran > 0 else ""))
        ratio = lambda lib: ("%.2f" % (ms[lib] / ms["tinykm"])
                             if ms[lib] is not None and ms["tinykm"] else "n/a")
        rows.append([name, "%dx%d, %d" % (m["n"], m["d"], m["k"])]
                    + [fmt_ms(ms[lib]) for lib in LIBS]
                    + [ratio("faiss"), ratio("opencv"), ratio("sklearn")]
                    + ["; ".join(flags) or "-"])
    table(header, rows)
    print()

    # tinykm's backends, when more than one is compiled in
    variants = []
    for s in lloyd.values():
        for r in s.get("tinykm", []):
            if r["variant"] not in variants:
                variants.append(r["variant"])
    if len(variants) > 1:
        print("Table 1b. tinykm per backend, ms per iteration (same method).")
        rows = []
        for m in metas:
            by = {r["variant"]: r for r in lloyd[m["name"]].get("tinykm", [])}
            rows.append([m["name"]] + [fmt_ms(ms_per_iter(by[v])) if v in by else "n/a"
                                       for v in variants])
        table(["shape"] + variants, rows)
        print()

    # agreement: every library's centres after 11 iterations from the same start
    print("Table 1c. Check: inertia (float64, one common function) of each library's centres "
          "after 11 Lloyd iterations from the same start, relative to tinykm's (rel = peer / "
          "tinykm - 1); median whole-call times in ms of the 1- and 11-iteration calls.")
    rows = []
    for m in metas:
        name = m["name"]
        x = load_points(os.path.join(datadir, name), m["n"], m["d"])
        base = None
        cells = []
        for lib in LIBS:
            r = main_result(name, lib)
            if not r:
                cells.append("n/a")
                continue
            e = inertia(x, load_centres(r["centroids"], m["k"], m["d"]))
            if lib == "tinykm":
                base = e
                cells.append("%.6e" % e)
            else:
                cells.append("%+.1e" % (e / base - 1.0) if base else "%.6e" % e)
        calls = []
        for lib in LIBS:
            r = main_result(name, lib)
            calls.append("%s/%s" % (fmt_ms(1000 * statistics.median(r["t_lo"])),
                                    fmt_ms(1000 * statistics.median(r["t_hi"])))
                         if r else "n/a")
        empty = "/".join(str(main_result(name, lib).get("empty", "?"))
                         if main_result(name, lib) else "n/a" for lib in ("tinykm", "faiss"))
        rows.append([name] + cells + calls + [empty])
    table(["shape", "tinykm inertia", "FAISS rel", "OpenCV rel", "sklearn rel",
           "tinykm 1/11 ms", "FAISS 1/11", "OpenCV 2/12", "sklearn 1/11", "empty tk/FAISS"],
          rows)
    print("empty tk/FAISS: empty clusters tinykm met in its 11 iterations (it moves the centre to "
          "the farthest point, as sklearn does) / clusters FAISS split to refill empty ones. "
          "Where they are > 0 the libraries' paths differ by design (OpenCV has a third rule).")
    print()

    # ---- 2. Quality of a default fit with 10 restarts --------------------------------------
    fits = {}
    if not args.no_fit:
        for m in metas:
            name, d, k = m["name"], m["d"], m["k"]
            n = min(m["n"], QUICK_FIT_N) if args.quick else m["n"]
            prefix = os.path.join(datadir, name)
            sdir = os.path.join(outdir, name)
            fits[name] = {"n": n}
            for lib in LIBS:
                print("  fit   %-13s %-8s ..." % (name, lib), end="", flush=True,
                      file=sys.stderr)
                res = run_runner(cmd(lib) + ["fit", prefix, str(n), str(d), str(k), sdir], env)
                print(" %.1f s" % (res[0]["wall_s"] if res else 0), file=sys.stderr)
                fits[name][lib] = res[0] if res else None

        print("Table 2. Final inertia of a full fit with each library's default init and 10 "
              "restarts (tinykm fit_params{k, n_init=10}; FAISS nredo=10; OpenCV attempts=10 "
              "KMEANS_PP_CENTERS; sklearn n_init=10),")
        print("computed by one common float64 function from the returned centres; ratio = "
              "peer inertia / tinykm inertia (> 1: tinykm better); fit time in seconds, 1 "
              "thread.%s" % (" --quick: first %d points of each shape." % QUICK_FIT_N
                             if args.quick else ""))
        rows = []
        for m in metas:
            name = m["name"]
            f = fits[name]
            x = load_points(os.path.join(datadir, name), f["n"], m["d"])
            e = {}
            for lib in LIBS:
                if f.get(lib):
                    e[lib] = inertia(x, load_centres(f[lib]["centroids"], m["k"], m["d"]))
            ratio = lambda lib: ("%.4f" % (e[lib] / e["tinykm"])
                                 if lib in e and e.get("tinykm") else "n/a")
            secs = lambda lib: "%.2f" % f[lib]["seconds"] if f.get(lib) else "n/a"
            rows.append([name, "%dx%d, %d" % (f["n"], m["d"], m["k"]),
                         "%.6e" % e["tinykm"] if "tinykm" in e else "n/a",
                         ratio("faiss"), ratio("opencv"), ratio("sklearn"),
                         secs("tinykm"), secs("faiss"), secs("opencv"), secs("sklearn")])
        table(["shape", "n x d, k", "tinykm inertia", "FAISS/tk", "OpenCV/tk", "sklearn/tk",
               "tinykm s", "FAISS s", "OpenCV s", "sklearn s"], rows)
        print("Defaults kept: tinykm k-means++ max_iter=300 tol=1e-4; sklearn k-means++ "
              "max_iter=300 tol=1e-4 random_state=0; FAISS random init, niter=25, trains on at "
              "most 256 points per centroid; OpenCV k-means++ (3 trials), maxCount=100 (its cap).")
        print()
    with open(os.path.join(build, "results.json"), "w") as fh:
        json.dump({"lloyd": lloyd, "fit": fits, "argv": sys.argv}, fh, indent=1)
    print("Raw results: %s; total time %.1f s" % (os.path.join(build, "results.json"),
                                                  time.time() - started))


if __name__ == "__main__":
    main()
