"""Driver of bench/compare: runs every runner on the shared data and prints the tables.

Started by run.sh (which installs the peers and builds the C++ runners); run it directly with
Debian's /usr/bin/python3 when build/compare is already built:
    /usr/bin/python3 bench/compare/compare.py [--quick] [--reps N] [--keep-openblas-env]
        [--openblas-coretype NAME] [--tinykm-algorithm A] [--tinykm-init I] [--tinykm-refine R] [--no-fit]
        [--shapes a,b] [--build DIR]
Then bench/compare/speed_table.py turns build/compare/results.json into README's Speed section.
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
FIT_LIBS = ["tinykm", "sklearn", "sklearn-elkan", "faiss", "opencv"]
TITLES = {"tinykm": "tinykm", "faiss": "FAISS", "opencv": "OpenCV", "sklearn": "sklearn",
          "sklearn-elkan": "sklearn elkan"}
# --quick: the default-init fits (second table) use only the first QUICK_FIT_N points of a shape
QUICK_FIT_N = 20_000
THREAD_VARS = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "GOTO_NUM_THREADS"]
# The full-fit target: tinykm >= this many times faster than the fastest peer's fit
FIT_TARGET = {"embed-128d": 3.0}
FIT_TARGET_DEFAULT = 10.0


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def openblas_coretype(flags):
    """The OpenBLAS 0.3.21 kernel set for this CPU's vector units. Debian's OpenBLAS picks its
    kernels by CPU model and falls back to generic Prescott (SSE) kernels on models it does not
    know (e.g. Intel family 6 model 207), so name the set. 0.3.21's AVX-512 sets are SkylakeX and
    Cooperlake (SkylakeX + bfloat16: the same sgemm); Haswell is its AVX2 set."""
    if {"avx512f", "avx512bw", "avx512dq", "avx512vl"} <= flags:
        return "Cooperlake" if "avx512_bf16" in flags else "SkylakeX"
    if {"avx2", "fma"} <= flags:
        return "Haswell"
    return None


def runner_env(args):
    """The runners' environment and a line that says how OpenBLAS was set."""
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = "1"
    env["OMP_WAIT_POLICY"] = "passive"  # spinning OpenMP waits collapse on this machine kind
    was = "were %s / %s" % (os.environ.get("OPENBLAS_CORETYPE", "<unset>"),
                            os.environ.get("OPENBLAS_L2_SIZE", "<unset>"))
    if args.keep_openblas_env:
        return env, "OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE kept as exported (%s)" % was[5:]
    env.pop("OPENBLAS_L2_SIZE", None)  # OpenBLAS reads the cache size from the CPU
    core = args.openblas_coretype or openblas_coretype(cpu_flags())
    if core and core != "detect":
        env["OPENBLAS_CORETYPE"] = core
        return env, ("OPENBLAS_CORETYPE=%s (this CPU's best kernel set), OPENBLAS_L2_SIZE unset "
                     "(%s)" % (core, was))
    env.pop("OPENBLAS_CORETYPE", None)
    return env, "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: OpenBLAS detects (%s)" % was


def openblas_report(env):
    """What OpenBLAS says it runs, through threadpoolctl in the runners' environment."""
    code = ("import numpy\nfrom threadpoolctl import threadpool_info\n"
            "print(', '.join('%s %s %s' % (l.get('internal_api'), l.get('version'), "
            "l.get('architecture')) for l in threadpool_info() if l.get('user_api') == 'blas'))")
    try:
        p = subprocess.run(["/usr/bin/python3", "-c", code], env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        said = p.stdout.strip() or "no BLAS found (%s)" % p.stderr.strip()[-200:]
    except (OSError, subprocess.TimeoutExpired) as e:
        said = "threadpoolctl failed: %s" % e
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    return "%s; FAISS links libblas.so.3 -> %s" % (said, blas)


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
    """The model name with its family and model numbers (the name alone can be as short as
    "AMD EPYC", and the machine behind it changes)."""
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    if "model name" not in info:
        return platform.processor() or "?"
    return "%s (family %s, model %s)" % (info["model name"], info.get("cpu family", "?"),
                                         info.get("model", "?"))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="fewer repetitions (3) and default-init fits on the first %d points "
                         "of each shape" % QUICK_FIT_N)
    ap.add_argument("--reps", type=int, default=0, help="timed repetitions (default 5; 3 for "
                    "embed-128d and with --quick)")
    ap.add_argument("--keep-openblas-env", action="store_true",
                    help="keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE as exported")
    ap.add_argument("--openblas-coretype", default="",
                    help="OpenBLAS kernel set for the peers (default: this CPU's best, "
                         "SkylakeX/Cooperlake/Haswell; 'detect': leave it to OpenBLAS)")
    ap.add_argument("--tinykm-algorithm", default="",
                    help="tinykm's fit_params::algorithm (lloyd, bounded, auto; default: its "
                         "default) in both tables, where this tinykm has it")
    ap.add_argument("--tinykm-init", default="",
                    help="tinykm's init for the full fits (k-means++, random, farthest, "
                         "k-means||; default: its default), where this tinykm has it")
    ap.add_argument("--tinykm-refine", default="",
                    help="tinykm's fit_params::refine for the full fits (none, hartigan, split-merge; "
                         "default: its default), where this tinykm has it")
    ap.add_argument("--no-fit", action="store_true", help="skip the full-fit tables")
    ap.add_argument("--shapes", default="", help="comma-separated subset of shape names")
    ap.add_argument("--build", default=os.path.join(HERE, "..", "..", "build", "compare"))
    ap.add_argument("--from-results", default="", metavar="JSON",
                    help="run nothing: print the tables of a saved results.json again (and "
                         "write them into BUILD/results.json)")
    ap.add_argument("--peers-from", default="", metavar="JSON",
                    help="run only tinykm; take every peer's results from a saved results.json "
                         "of the same build folder (same data; the header says so): for a "
                         "tinykm change, when the peers have not changed")
    return ap.parse_args()


class Runners:
    """How to start each library's runner on a shape."""

    def __init__(self, args, build, env):
        self.args, self.build, self.env = args, build, env
        self.saved = None
        if args.peers_from:
            with open(args.peers_from) as fh:
                self.saved = json.load(fh)

    def cmd(self, lib):
        if lib.startswith("sklearn"):
            return ["/usr/bin/python3", os.path.join(HERE, "sklearn_runner.py")]
        return [os.path.join(self.build, lib + "_runner")]

    def options(self, lib, mode):
        if lib == "sklearn-elkan":
            return ["--algorithm", "elkan"]
        if lib != "tinykm":
            return []
        out = ["--algorithm", self.args.tinykm_algorithm] if self.args.tinykm_algorithm else []
        if mode == "fit" and self.args.tinykm_init:
            out += ["--init", self.args.tinykm_init]
        if mode == "fit" and self.args.tinykm_refine:
            out += ["--refine", self.args.tinykm_refine]
        return out

    def run(self, lib, mode, shape_args, label):
        if self.saved is not None and lib != "tinykm":
            res = self.saved[mode].get(label, {}).get(lib)
            return res if mode == "lloyd" else ([res] if res else [])
        print("  %-5s %-13s %-13s ..." % (mode, label, lib), end="", flush=True,
              file=sys.stderr)
        res = run_runner(self.cmd(lib) + [mode] + shape_args + self.options(lib, mode), self.env)
        print(" %.1f s" % (res[0]["wall_s"] if res else 0), file=sys.stderr)
        return res

    def peak(self):
        """The vector FMA peak (GFLOP/s, 1 thread) measured by tinykm's runner."""
        res = run_runner(self.cmd("tinykm") + ["peak"], self.env)
        return res[0]["fma_gflops"] if res else 0.0


def print_header(args, env_note, env, peak_start):
    print("tinykm bench/compare  %s" % time.strftime("%Y-%m-%d %H:%M:%S"))
    print("CPU: %s, %d logical CPUs; every library on 1 thread (%s=1, OMP_WAIT_POLICY=passive, "
          "omp_set_num_threads(1), cv::setNumThreads(1), threadpoolctl limits=1); times are "
          "the runner process's CPU time; load average %.1f at the start"
          % (cpu_model(), os.cpu_count(), "/".join(THREAD_VARS[:4]), os.getloadavg()[0]))
    print("FMA peak (FP32, 1 thread, best vector unit, bench/peak_simd.cpp in tinykm_runner): "
          "%.1f GFLOP/s (measured again after table 1's runs)" % peak_start)
    print("OpenBLAS: %s" % env_note)
    if args.peers_from:
        with open(args.peers_from) as fh:
            meta = json.load(fh)["meta"]
        print("Peers: NOT run now; their results are those of the saved run %s (%s, %s, FMA peak "
              "%.1f GFLOP/s, load %s)" % (args.peers_from, meta["date"], meta["cpu"],
                                          meta["fma_peak_gflops"], meta.get("load_average")))
    print("OpenBLAS reports: %s" % openblas_report(env))
    print("Peers: FAISS %s (libfaiss-dev), OpenCV %s (libopencv-dev), scikit-learn %s "
          "(python3-sklearn), numpy %s, OpenBLAS %s" % (
              pkg_version("libfaiss-dev"), pkg_version("libopencv-dev"),
              pkg_version("python3-sklearn"), np.__version__,
              pkg_version("libopenblas0-pthread")))
    print()


def run_lloyd(metas, args, runners, datadir, outdir):
    lloyd = {}  # shape -> lib -> [results]
    for m in metas:
        name, n, d, k = m["name"], m["n"], m["d"], m["k"]
        reps = args.reps or (3 if args.quick or n * d * k > 1e9 else 5)
        sdir = os.path.join(outdir, name)
        os.makedirs(sdir, exist_ok=True)
        shape_args = [os.path.join(datadir, name), str(n), str(d), str(k), str(reps), sdir]
        lloyd[name] = {lib: runners.run(lib, "lloyd", shape_args, name) for lib in LIBS}
    return lloyd


def main_result(lloyd, name, lib):
    res = lloyd[name].get(lib) or []
    return res[0] if res else None


def lloyd_summary(metas, lloyd, peak):
    """Per shape: ms/iter of every library, the roofline bound and tinykm's ratio to it."""
    out = {}
    for m in metas:
        name, n, d, k = m["name"], m["n"], m["d"], m["k"]
        ms = {lib: (ms_per_iter(main_result(lloyd, name, lib))
                    if main_result(lloyd, name, lib) else None) for lib in LIBS}
        tk = main_result(lloyd, name, "tinykm") or {}
        gbs = tk.get("read_gbs") or 0.0
        fma_ms = 1e3 * 2.0 * n * k * d / (peak * 1e9) if peak else None
        mem_ms = 1e3 * 4.0 * n * d / (gbs * 1e9) if gbs else None
        bound = max(v for v in (fma_ms, mem_ms, 0.0) if v is not None) or None
        flags = []
        for lib in LIBS:
            r = main_result(lloyd, name, lib)
            if r and r.get("converged"):
                ran = r.get("ran_hi", -1)
                flags.append("%s stopped early%s" % (TITLES[lib],
                                                     " after %d" % ran if ran > 0 else ""))
        peers = [ms[lib] for lib in LIBS[1:] if ms[lib] is not None]
        out[name] = {
            "shape": "%dx%d, %d" % (n, d, k), "n": n, "d": d, "k": k, "ms": ms, "read_gbs": gbs,
            "bound_ms": bound,
            "bound_by": "FMA" if bound and bound == fma_ms else "memory",
            "tk_over_bound": ms["tinykm"] / bound if bound and ms["tinykm"] else None,
            "best_peer_over_tk": (min(peers) / ms["tinykm"]) if peers and ms["tinykm"] else None,
            "flags": flags}
    return out


def print_table1(metas, summary, args, lloyd, peak):
    tk_backend = next((r["variant"][5:] for s in lloyd.values() for r in s.get("tinykm", [])
                       if r["variant"].startswith("auto:")), "?")
    print("Table 1. Lloyd iteration time, ms per iteration: same data, same initial centres "
          "(k rows of the data), tolerance off, 1 thread.")
    print("ms/iter = (median time of a call running 11 iterations - median of a call running "
          "1) / 10 (OpenCV: 12 and 2 passes, see README); %s repetitions each."
          % (args.reps or ("3" if args.quick else "5 (3 for embed-128d)")))
    print("tinykm backend: %s.  Ratio = peer ms / tinykm ms (> 1: tinykm faster).  bound = "
          "max(2nkd / FMA peak, 4nd / read bandwidth), peak %.1f GFLOP/s, read GB/s measured "
          "over each shape's own points by tinykm_runner." % (tk_backend, peak))
    ratio = lambda v, base: "%.2f" % (v / base) if v is not None and base else "n/a"
    rows = []
    for m in metas:
        s = summary[m["name"]]
        ms = s["ms"]
        rows.append([m["name"], s["shape"], fmt_ms(ms["tinykm"]), fmt_ms(s["bound_ms"]),
                     "%.2f" % s["tk_over_bound"] if s["tk_over_bound"] else "n/a",
                     s["bound_by"], "%.1f" % s["read_gbs"]]
                    + [fmt_ms(ms[lib]) for lib in LIBS[1:]]
                    + [ratio(ms[lib], ms["tinykm"]) for lib in LIBS[1:]]
                    + ["; ".join(s["flags"]) or "-"])
    table(["shape", "n x d, k", "tinykm", "bound", "tk/bound", "bound by", "read GB/s", "FAISS",
           "OpenCV", "sklearn", "FAISS/tk", "OpenCV/tk", "sklearn/tk", "flags"], rows)
    print()


def print_table1b(metas, lloyd):
    """tinykm per backend, when more than one is compiled in."""
    variants = []
    for s in lloyd.values():
        for r in s.get("tinykm", []):
            if r["variant"] not in variants:
                variants.append(r["variant"])
    if len(variants) < 2:
        return
    print("Table 1b. tinykm per backend, ms per iteration (same method).")
    rows = []
    for m in metas:
        by = {r["variant"]: r for r in lloyd[m["name"]].get("tinykm", [])}
        rows.append([m["name"]] + [fmt_ms(ms_per_iter(by[v])) if v in by else "n/a"
                                   for v in variants])
    table(["shape"] + variants, rows)
    print()


def print_table1c(metas, lloyd, datadir):
    """Agreement: every library's centres after 11 iterations from the same start."""
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
            r = main_result(lloyd, name, lib)
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
            r = main_result(lloyd, name, lib)
            calls.append("%s/%s" % (fmt_ms(1000 * statistics.median(r["t_lo"])),
                                    fmt_ms(1000 * statistics.median(r["t_hi"])))
                         if r else "n/a")
        empty = "/".join(str(main_result(lloyd, name, lib).get("empty", "?"))
                         if main_result(lloyd, name, lib) else "n/a"
                         for lib in ("tinykm", "faiss"))
        rows.append([name] + cells + calls + [empty])
    table(["shape", "tinykm inertia", "FAISS rel", "OpenCV rel", "sklearn rel",
           "tinykm 1/11 ms", "FAISS 1/11", "OpenCV 2/12", "sklearn 1/11", "empty tk/FAISS"],
          rows)
    print("empty tk/FAISS: empty clusters tinykm met in its 11 iterations (it moves the centre to "
          "the farthest point, as sklearn does) / clusters FAISS split to refill empty ones. "
          "Where they are > 0 the libraries' paths differ by design (OpenCV has a third rule).")
    print()


def run_fits(metas, args, runners, datadir, outdir):
    fits = {}
    for m in metas:
        name, d, k = m["name"], m["d"], m["k"]
        n = min(m["n"], QUICK_FIT_N) if args.quick else m["n"]
        shape_args = [os.path.join(datadir, name), str(n), str(d), str(k),
                      os.path.join(outdir, name)]
        fits[name] = {"n": n}
        for lib in FIT_LIBS:
            res = runners.run(lib, "fit", shape_args, name)
            fits[name][lib] = res[0] if res else None
    return fits


def train_points(lib, n, k):
    """Points a library's default fit learns from: FAISS subsamples to 256 per centroid (its
    default max_points_per_centroid); the others use all n."""
    return min(n, 256 * k) if lib == "faiss" else n


def versus(row, peers, secs, e):
    """The fastest of `peers`: its name, its time / tinykm's, its inertia / tinykm's."""
    if not peers or "tinykm" not in secs:
        return None, None, None
    fastest = min(peers, key=lambda lib: secs[lib])
    return fastest, secs[fastest] / secs["tinykm"], e[fastest] / e["tinykm"]


def fit_summary(metas, fits, datadir):
    """Per shape: every fit's time and common inertia, tinykm's seeding / Lloyd split, and the
    fastest peer's time and inertia relative to tinykm's: of every peer (the issue's target),
    and of the peers that learn from all n points."""
    out = {}
    for m in metas:
        name, f = m["name"], fits[m["name"]]
        x = load_points(os.path.join(datadir, name), f["n"], m["d"])
        secs = {lib: f[lib]["seconds"] for lib in FIT_LIBS if f.get(lib)}
        e = {lib: inertia(x, load_centres(f[lib]["centroids"], m["k"], m["d"]))
             for lib in FIT_LIBS if f.get(lib)}
        tk = f.get("tinykm") or {}
        row = {"shape": "%dx%d, %d" % (f["n"], m["d"], m["k"]), "n": f["n"], "d": m["d"],
               "k": m["k"], "seconds": secs, "inertia": e,
               "train_points": {lib: train_points(lib, f["n"], m["k"]) for lib in secs},
               "seeding_s": tk.get("seeding_s"), "refine_s": tk.get("refine_s"),
               "tinykm_iterations": tk.get("iterations"),
               "target": FIT_TARGET.get(name, FIT_TARGET_DEFAULT)}
        if tk.get("seeding_s") is not None:
            row["lloyd_s"] = tk["seconds"] - tk["seeding_s"] - (tk.get("refine_s") or 0.0)
        peers = [lib for lib in FIT_LIBS[1:] if lib in secs]
        row["fastest_peer"], row["speedup"], row["inertia_ratio"] = versus(row, peers, secs, e)
        full = [lib for lib in peers if row["train_points"][lib] == f["n"]]
        (row["fastest_full_peer"], row["full_speedup"],
         row["full_inertia_ratio"]) = versus(row, full, secs, e)
        if row["speedup"] is not None:
            row["met"] = row["speedup"] >= row["target"] and row["inertia_ratio"] >= 1.0 - 1e-6
        out[name] = row
    return out


def print_table2(metas, summary, args):
    print("Table 2. Full fit with each library's defaults and 10 restarts, 1 thread: time in "
          "seconds (tinykm fit_params{k, n_init=10}, split into seeding and Lloyd; sklearn "
          "KMeans n_init=10 lloyd and elkan; FAISS nredo=10; OpenCV attempts=10; refine: "
          "tinykm's --tinykm-refine, T(fit) - T(same without it), 0 without).%s"
          % (" --quick: first %d points of each shape." % QUICK_FIT_N if args.quick else ""))
    print("tinykm seeding = 10 x (T(fit n_init=1 max_iter=1) - T(same from given centres)), "
          "Lloyd = the rest (README).  speedup = fastest peer's time / tinykm's; inertia = that peer's final "
          "inertia / tinykm's (>= 1: tinykm's is no worse).  target: the issue's speedup.  "
          "all-n: the same against the fastest peer that learns from all n points (FAISS "
          "trains on 256 k when n is larger).")
    sec = lambda v: "n/a" if v is None else "%.3f" % v if v < 10 else "%.1f" % v
    num = lambda v, f: "n/a" if v is None else f % v
    rows = []
    for m in metas:
        s = summary[m["name"]]
        t = s["seconds"]
        rows.append([m["name"], s["shape"], sec(t.get("tinykm")), sec(s.get("seeding_s")),
                     sec(s.get("lloyd_s")), sec(s.get("refine_s") or 0.0)]
                    + [sec(t.get(lib)) for lib in FIT_LIBS[1:]]
                    + [TITLES.get(s.get("fastest_peer"), "n/a"), num(s["speedup"], "%.2f"),
                       num(s["inertia_ratio"], "%.4f"),
                       ">= %g: %s" % (s["target"], "met" if s.get("met") else "NOT met"),
                       TITLES.get(s.get("fastest_full_peer"), "n/a"),
                       num(s["full_speedup"], "%.2f"), num(s["full_inertia_ratio"], "%.4f")])
    table(["shape", "n x d, k", "tinykm s", "seeding", "Lloyd", "refine", "sklearn", "sk elkan", "FAISS",
           "OpenCV", "fastest peer", "speedup", "inertia", "target", "all-n peer", "speedup",
           "inertia"], rows)
    print()


def print_table2b(metas, summary):
    print("Table 2b. Final inertia of those fits, computed by one common float64 function from "
          "the returned centres; ratio = peer inertia / tinykm inertia (> 1: tinykm better).")
    rows = []
    for m in metas:
        s = summary[m["name"]]
        e = s["inertia"]
        ratio = lambda lib: ("%.4f" % (e[lib] / e["tinykm"])
                             if lib in e and e.get("tinykm") else "n/a")
        rows.append([m["name"], s["shape"], "%.6e" % e["tinykm"] if "tinykm" in e else "n/a",
                     str(s.get("tinykm_iterations", "?"))] + [ratio(lib) for lib in FIT_LIBS[1:]])
    table(["shape", "n x d, k", "tinykm inertia", "tk iters", "sklearn/tk", "sk elkan/tk",
           "FAISS/tk", "OpenCV/tk"], rows)
    print("Defaults kept: tinykm (init, algorithm, max_iter=300, tol=1e-4); sklearn k-means++ "
          "max_iter=300 tol=1e-4 random_state=0; FAISS random init, niter=25, trains on at "
          "most 256 points per centroid; OpenCV k-means++ (3 trials), maxCount=100 (its cap).")
    print()


def lloyd_tables(metas, lloyd, peak, args, datadir):
    summary = lloyd_summary(metas, lloyd, peak)
    print_table1(metas, summary, args, lloyd, peak)
    print_table1b(metas, lloyd)
    print_table1c(metas, lloyd, datadir)
    return summary


def fit_tables(metas, fits, args, datadir):
    summary = fit_summary(metas, fits, datadir)
    print_table2(metas, summary, args)
    print_table2b(metas, summary)
    return summary


def peers_from_meta(args):
    """--peers-from: which saved run the peers' figures come from (else None)."""
    if not args.peers_from:
        return None
    with open(args.peers_from) as fh:
        meta = json.load(fh)["meta"]
    return {"path": args.peers_from, "date": meta["date"],
            "load_average": meta.get("load_average")}


def save(build, saved):
    path = os.path.join(build, "results.json")
    with open(path, "w") as fh:
        json.dump(saved, fh, indent=1)
    return path


def measure(args, build, datadir, metas):
    """Runs everything, printing the tables as they are ready; returns what results.json holds."""
    outdir = os.path.join(build, "results")
    os.makedirs(outdir, exist_ok=True)
    env, env_note = runner_env(args)
    runners = Runners(args, build, env)
    load = os.getloadavg()[0]
    peaks = [runners.peak()]
    print_header(args, env_note, env, peaks[0])
    lloyd = run_lloyd(metas, args, runners, datadir, outdir)
    peaks.append(runners.peak())
    peak = max(peaks)  # a busy neighbour only lowers a measurement
    print("FMA peak: %.1f GFLOP/s before table 1's runs, %.1f after them: the bound uses %.1f."
          % (peaks[0], peaks[1], peak))
    print()
    summary = {"lloyd": lloyd_tables(metas, lloyd, peak, args, datadir)}
    fits = {} if args.no_fit else run_fits(metas, args, runners, datadir, outdir)
    if fits:
        summary["fit"] = fit_tables(metas, fits, args, datadir)
    meta = {"date": time.strftime("%Y-%m-%d"), "cpu": cpu_model(), "logical_cpus": os.cpu_count(),
            "fma_peak_gflops": peak, "fma_peaks": peaks, "openblas": env_note,
            "load_average": [load, os.getloadavg()[0]],
            "openblas_reports": openblas_report(env), "quick": args.quick,
            "tinykm_backend": next((r["variant"][5:] for s in lloyd.values()
                                    for r in s.get("tinykm", [])
                                    if r["variant"].startswith("auto:")), "?"),
            "peers": {p: pkg_version(p) for p in ("libfaiss-dev", "libopencv-dev",
                                                   "python3-sklearn", "libopenblas0-pthread")},
            "peers_from": peers_from_meta(args)}
    return {"meta": meta, "summary": summary, "lloyd": lloyd, "fit": fits, "argv": sys.argv}


def report_saved(args, build, datadir, metas):
    """--from-results: the tables of a saved run again (e.g. after a change to this script)."""
    with open(args.from_results) as fh:
        saved = json.load(fh)
    meta = saved["meta"]
    metas = [m for m in metas if m["name"] in saved["lloyd"]]
    args.quick = meta.get("quick", False)
    print("Saved run of %s on %s; FMA peak %.1f GFLOP/s; OpenBLAS: %s; reports: %s\n"
          % (meta["date"], meta["cpu"], meta["fma_peak_gflops"], meta["openblas"],
             meta["openblas_reports"]))
    saved["summary"] = {"lloyd": lloyd_tables(metas, saved["lloyd"], meta["fma_peak_gflops"],
                                              args, datadir)}
    if saved.get("fit"):
        saved["summary"]["fit"] = fit_tables(metas, saved["fit"], args, datadir)
    return saved


def main():
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # tables and stderr progress interleave in order
    build = os.path.abspath(args.build)
    datadir = os.path.join(build, "data")
    started = time.time()
    metas = gen_data.generate(datadir)
    if args.shapes:
        wanted = args.shapes.split(",")
        metas = [m for m in metas if m["name"] in wanted]
    if args.from_results:
        saved = report_saved(args, build, datadir, metas)
    else:
        saved = measure(args, build, datadir, metas)
    print("Raw results: %s; total time %.1f s" % (save(build, saved), time.time() - started))


if __name__ == "__main__":
    main()
