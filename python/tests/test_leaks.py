"""No reference or memory leaks over 10^5 calls, on the good paths and the error paths."""
import sys
import tracemalloc

import numpy as np

import tinykm
from conftest import make_blobs

CALLS = 100_000


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


def grows(call, calls=CALLS):
    """Python-heap bytes and RSS KiB that stay allocated after `calls` calls (after a warm-up)."""
    for _ in range(1000):
        call()
    tracemalloc.start()
    rss = rss_kib()
    start = tracemalloc.get_traced_memory()[0]
    for _ in range(calls):
        call()
    python_bytes = tracemalloc.get_traced_memory()[0] - start
    tracemalloc.stop()
    return python_bytes, rss_kib() - rss


def check(call, *objects):
    refs = [sys.getrefcount(o) for o in objects]
    python_bytes, rss = grows(call)
    assert [sys.getrefcount(o) for o in objects] == refs
    assert python_bytes < 10_000 and rss < 4096, (python_bytes, rss)


def test_stream_one_sample_calls():
    x = make_blobs(n=200, d=4)
    s = tinykm.Stream(3, 4, reservoir=50)
    s.partial_fit(x)
    row = x[0]
    check(lambda: s.learn_one(row), s, row)
    check(lambda: (s.predict_one(row), s.score_one(row)), s, row)
    listed = row.tolist()
    check(lambda: s.learn_one(listed), s, listed)


def test_array_calls():
    x = make_blobs(n=20, d=4)
    km = tinykm.KMeans(3, random_state=0).fit(x)
    s = tinykm.Stream(3, 4, reservoir=10)
    s.partial_fit(x)
    check(lambda: km.predict(x), km, x)
    check(lambda: (s.partial_fit(x), s.predict(x), s.score_samples(x)), s, x)


def test_fit_and_pickle():
    x = make_blobs(n=20, d=2)
    s = tinykm.Stream(3, 2, reservoir=10)
    s.partial_fit(x)
    blob = s.to_bytes()
    refs = [sys.getrefcount(o) for o in (x, blob)]
    python_bytes, rss = grows(lambda: (tinykm.KMeans(3, random_state=0, max_iter=5).fit(x),
                                       tinykm.Stream.from_bytes(blob)), calls=CALLS // 10)
    assert [sys.getrefcount(o) for o in (x, blob)] == refs
    assert python_bytes < 10_000 and rss < 4096, (python_bytes, rss)


def test_errors():
    bad = np.full((5, 4), np.nan, np.float32)
    s = tinykm.Stream(3, 4)

    def refused():
        try:
            s.learn_one(bad[0])
        except ValueError:
            return
        raise AssertionError("NaN accepted")

    check(refused, s, bad)
