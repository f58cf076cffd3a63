#!/usr/bin/env python3
"""Fits the reduction model of docs/scaling.md to tinykm_bench_mpi output and predicts.

    python3 bench/mpi/fit_model.py sweep.txt [shapes.txt]

sweep.txt: the "sweep" lines of runs at np = 2 and 3 (several rounds; the fastest round per size
counts, the machine being shared). alpha and B come from the BINOMIAL schedule at np = 2 only;
the Rabenseifner schedule at np = 2 and both at np = 3 are predictions checked against it.
shapes.txt (optional): runs at np = 1, whose compute times give the cluster predictions.
"""
import math
import re
import sys

GAMMA = 0.25e-9 / 8  # s per byte added (0.25 ns per double, docs/scaling.md)
EAGER = 4000  # bytes: btl_vader_eager_limit (4096 with the header); larger pay a rendezvous


def log2c(n):
    return math.ceil(math.log2(n)) if n > 1 else 0


def latency(a, size):
    """a: one latency, or (eager, rendezvous) split at Open MPI's shared-memory eager limit."""
    return a if not isinstance(a, tuple) else (a[0] if size <= EAGER else a[1])


def binomial(n, m, a, b, g=GAMMA):  # up the tree and MPI_Bcast: 2 ceil(log2 N) messages of m
    return 2 * log2c(n) * (latency(a, m) + m / b) + log2c(n) * m * g


def rabenseifner(n, m, a, b, g=GAMMA):
    p = 2 ** int(math.log2(n))
    e = n - p
    t = 0.0
    for step in range(log2c(p)):  # both phases: messages of m/2, m/4, .. m/P
        t += 2 * latency(a, m / 2 ** (step + 1))
    t += 2 * (p - 1) / p * m / b + (p - 1) / p * m * g
    if e:  # [P, N) up its tree, rank P's P segments, the top addition, the result back
        t += log2c(e) * (latency(a, m) + m / b + m * g) + p * latency(a, m / p) + m / b
        t += m / p * g + latency(a, m) + m / b
    return t


def prefers_rabenseifner(count, n):
    """ordered_sum's rule (src/mpi/rabenseifner.cpp), latency worth 20,000 bytes."""
    if n < 2 or count < 1024:
        return False
    return rabenseifner(n, 8 * count, 20000.0, 1.0, 0.0) < binomial(n, 8 * count, 20000.0, 1.0, 0.0)


def read_sweep(path):
    best, ranks = {}, 0
    for line in open(path):
        r = re.match(r"backend .*, (\d+) ranks", line)
        if r:
            ranks = int(r.group(1))
        s = re.match(r"sweep\s+(\d+) bytes\s+binomial\s+([\d.]+) us\s+rabenseifner\s+([\d.]+) us", line)
        if s:
            key = (ranks, int(s.group(1)))
            t = (float(s.group(2)) * 1e-6, float(s.group(3)) * 1e-6)
            old = best.get(key, (1e9, 1e9))
            best[key] = (min(old[0], t[0]), min(old[1], t[1]))
    return best


def fit(best):
    """Binomial at np = 2, 2a + 2m/B + m gamma, over the rendezvous sizes (> EAGER), fitted in
    relative error (least squares of t/t_meas - 1, linear in a and 1/B): B and the rendezvous
    latency; the eager latency from the smallest message."""
    rows = [(2 / t[0], 2 * m / t[0], 1 - m * GAMMA / t[0])
            for (n, m), t in best.items() if n == 2 and m > EAGER]
    s11 = sum(x * x for x, _, _ in rows)
    s12 = sum(x * y for x, y, _ in rows)
    s22 = sum(y * y for _, y, _ in rows)
    r1 = sum(x * z for x, _, z in rows)
    r2 = sum(y * z for _, y, z in rows)
    det = s11 * s22 - s12 * s12
    a, inv_b = (r1 * s22 - r2 * s12) / det, (s11 * r2 - s12 * r1) / det
    small = min(m for (n, m) in best if n == 2)
    return (best[(2, small)][0] / 2, a), 1 / inv_b


def main():
    best = read_sweep(sys.argv[1])
    a, b = fit(best)
    print(f"fitted at np=2 (binomial): alpha = {a[0] * 1e6:.2f} us eager, {a[1] * 1e6:.2f} us "
          f"rendezvous, B = {b / 1e9:.2f} GB/s")
    print("np  bytes     binomial meas/pred us   rabenseifner meas/pred us")
    for (n, m), (tb, tr) in sorted(best.items()):
        print(f"{n}  {m:8d}  {tb * 1e6:9.2f} {binomial(n, m, a, b) * 1e6:9.2f}   "
              f"{tr * 1e6:9.2f} {rabenseifner(n, m, a, b) * 1e6:9.2f}")
    if len(sys.argv) < 3:
        return
    compute = {}
    for line in open(sys.argv[2]):
        s = re.match(r"(\S+)\s+strong np=1 .* compute\s+([\d.]+) ms .* (\d+) bytes", line)
        if s:
            old = compute.get(s.group(1), (1e9, 0))
            compute[s.group(1)] = (min(old[0], float(s.group(2)) * 1e-3), int(s.group(3)))
    print("cluster, alpha = 2 us, B = 10 GB/s: efficiency compute/(compute + reduce), "
          "ordered_sum's choice (R: Rabenseifner, b: binomial)")
    for name, (c1, m) in compute.items():
        row = []
        for n in (8, 64, 512):
            bt, rt = binomial(n, m, 2e-6, 10e9), rabenseifner(n, m, 2e-6, 10e9)
            use_r = prefers_rabenseifner(m // 8, n)
            t = rt if use_r else bt
            row.append(f"N={n}: {t * 1e6:6.1f} us {100 * (c1 / n) / (c1 / n + t):5.1f} % "
                       f"{'R' if use_r else 'b'}"
                       f" (tree {100 * (c1 / n) / (c1 / n + bt):5.1f} %)")
        print(f"{name:12s} {c1 * 1e3:8.3f} ms  " + "  ".join(row))


main()
