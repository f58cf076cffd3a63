"""README.md's "## Speed" section from a bench/compare run.

    /usr/bin/python3 bench/compare/speed_table.py [build/compare/results.json] [--readme README.md]

Prints the section (Markdown: the machine, the FMA peak and read bandwidths measured in the same
run, one table of ms per Lloyd iteration with the roofline bound, one of full fits); with
--readme it replaces that file's section, from its "## Speed" line to the next "## " heading.
Every figure comes from compare.py's summary in results.json; nothing is measured here.
"""
import argparse
import json
import os
import re
import sys
import textwrap

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PEERS = [("faiss", "FAISS"), ("opencv", "OpenCV"), ("sklearn", "scikit-learn")]
FIT_PEERS = [("sklearn", "scikit-learn lloyd"), ("sklearn-elkan", "scikit-learn elkan"),
             ("faiss", "FAISS"), ("opencv", "OpenCV")]
TITLES = dict(FIT_PEERS)


def wrap(text):
    return textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)


def ms(v):
    if v is None:
        return "n/a"
    return "%.3f" % v if v < 1 else "%.2f" % v if v < 10 else "%.1f" % v if v < 100 else "%.0f" % v


def secs(v):
    if v is None:
        return "n/a"
    return "%.3f" % v if v < 1 else "%.2f" % v if v < 10 else "%.1f" % v


def ratio(v, digits=None):
    """digits: fixed decimals; by default 1, or 2 below 1 (a peer faster than tinykm)."""
    if v is None:
        return "n/a"
    return "%.*f" % (digits if digits is not None else 1 if v >= 1 else 2, v)


def shape_label(name, row):
    return "%s %s×%d, k=%d" % (name, "{:,}".format(row["n"]), row["d"], row["k"])


def lloyd_table(lloyd):
    lines = ["| shape | tinykm | bound | tinykm ÷ bound | read GB/s | "
             + " | ".join(t for _, t in PEERS) + " | fastest peer ÷ tinykm |",
             "|---" * (6 + len(PEERS)) + "|"]
    for name, r in lloyd.items():
        bound = "%s (%s)" % (ms(r["bound_ms"]), "FMA" if r["bound_by"] == "FMA" else "memory")
        cells = [shape_label(name, r), ms(r["ms"]["tinykm"]), bound, ratio(r["tk_over_bound"]),
                 "%.0f" % r["read_gbs"]] + [ms(r["ms"].get(lib)) for lib, _ in PEERS]
        cells.append(ratio(r["best_peer_over_tk"]))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def fit_table(fits):
    lines = ["| shape | tinykm (seeding + Lloyd) | " + " | ".join(t for _, t in FIT_PEERS)
             + " | fastest peer ÷ tinykm | its inertia ÷ tinykm's | fastest peer on all n ÷ "
             "tinykm | its inertia ÷ tinykm's |",
             "|---" * (6 + len(FIT_PEERS)) + "|"]
    for name, r in fits.items():
        t = r["seconds"]
        tk = secs(t.get("tinykm"))
        if r.get("seeding_s") is not None:
            tk += " (%s + %s)" % (secs(r["seeding_s"]), secs(r["lloyd_s"]))
        cells = [shape_label(name, r), tk]
        for lib, _ in FIT_PEERS:
            used = r.get("train_points", {}).get(lib, r["n"])
            cells.append(secs(t.get(lib)) + (" (on {:,} points)".format(used)
                                             if used < r["n"] else ""))
        for prefix in ("", "full_"):
            peer = r.get("fastest_%speer" % prefix)
            cells.append("%s (%s)" % (ratio(r.get(prefix + "speedup")), TITLES.get(peer, "n/a")))
            cells.append(ratio(r.get(prefix + "inertia_ratio"), 4))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(results):
    meta, summary = results["meta"], results["summary"]
    reported = meta.get("openblas_reports", "?").split(";")[0]
    intro = (
        "`build/test/bench/tinykm_bench` (Google Benchmark: per backend, ms per Lloyd iteration, "
        "GFLOP/s, fraction of the FMA peak it measures itself) and `bash bench/compare/run.sh` "
        "(FAISS, OpenCV and scikit-learn on the same data, one thread, ratios from one run; see "
        "[its README](bench/compare/README.md)). The tables below are one run of the latter, "
        "written by `bench/compare/speed_table.py` from its `build/compare/results.json`: "
        "measured %s on %s with %d logical CPUs, shared with other work (load average %s at the "
        "start and the end; times are the runners' CPU time); single-thread FP32 FMA "
        "peak %.0f GFLOP/s and the read bandwidth over each shape's data (column read GB/s), "
        "both measured in the same run by the same binary (tinykm_runner); peers on Debian's "
        "OpenBLAS %s with %s (threadpoolctl reports %s)."
        % (meta["date"], meta["cpu"], meta["logical_cpus"],
           " and ".join("%.1f" % v for v in meta.get("load_average", [])) or "?",
           meta["fma_peak_gflops"],
           meta["peers"].get("libopenblas0-pthread", "?"), meta["openblas"].split(" (")[0],
           reported))
    if meta.get("peers_from"):
        intro += (" The peers' figures come from an earlier run on the same machine and data (%s, "
                  "load average %s; `compare.py --peers-from`), tinykm's from this one."
                  % (meta["peers_from"]["date"],
                     " and ".join("%.1f" % v for v in meta["peers_from"].get("load_average")
                                  or []) or "?"))
    out = ["## Speed", "", wrap(intro), "",
           wrap("ms per Lloyd iteration from the same initial centres, tinykm backend %s with its "
                "default algorithm (automatic: the bounded Lloyd where it wins, embed-128d here, "
                "which skips distance work, so its time can fall under the bound); bound = "
                "max(2nkd / FMA peak, 4nd / read bandwidth):" % meta["tinykm_backend"]), ""]
    out += lloyd_table(summary["lloyd"])
    if summary.get("fit"):
        out += ["", wrap("Full fit, each library's defaults and 10 restarts (tinykm n_init = 10, "
                         "scikit-learn n_init = 10, FAISS nredo = 10, OpenCV attempts = 10), "
                         "seconds%s; final inertia from one common function. FAISS learns from "
                         "at most 256 points per centre by default (its cell says so where that "
                         "is fewer than n), hence the last two columns: the fastest peer that "
                         "learns from all n points:" % (
                             " on the first 20,000 points (--quick)" if meta.get("quick")
                             else "")), ""]
        out += fit_table(summary["fit"])
    return "\n".join(out) + "\n"


def replace_section(readme_path, text):
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    m = re.search(r"^## Speed\n.*?(?=^## )", readme, re.M | re.S)
    if not m:
        sys.exit("%s: no '## Speed' section followed by another '## ' heading" % readme_path)
    with open(readme_path, "w", encoding="utf-8") as f:
        f.write(readme[:m.start()] + text + "\n" + readme[m.end():])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="?",
                    default=os.path.join(ROOT, "build", "compare", "results.json"))
    ap.add_argument("--readme", help="replace this file's ## Speed section")
    args = ap.parse_args()
    with open(args.results, encoding="utf-8") as f:
        text = section(json.load(f))
    if args.readme:
        replace_section(args.readme, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
