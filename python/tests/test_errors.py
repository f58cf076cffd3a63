"""Every bad-input class of the C++ matrix raises the exception a numpy user expects, naming the
library's status, and leaves a stream unchanged."""
import numpy as np
import pytest

import tinykm
from conftest import make_blobs

X = make_blobs(n=100, d=3)


def with_value(v):
    x = X.copy()
    x[7, 1] = v
    return x


@pytest.mark.parametrize("x, status", [
    (with_value(np.nan), "non_finite_input"),
    (with_value(np.inf), "non_finite_input"),
    (with_value(-np.inf), "non_finite_input"),
    (with_value(1e30), "out_of_range"),
    (X[:2], "too_few_points"),               # k > n
    (X[:0], "too_few_points"),               # n = 0
    (np.zeros((100, 0), np.float32), "invalid_argument"),  # d = 0
    (np.zeros((10, 5000), np.float32), "capacity_exceeded"),  # d > TINYKM_MAX_D
])
def test_fit_refuses_bad_data(x, status):
    with pytest.raises(ValueError, match=status):
        tinykm.KMeans(3, random_state=0).fit(x)


@pytest.mark.parametrize("x", [X[0], X[None], np.float32(1.0)])
def test_wrong_number_of_dimensions(x):
    with pytest.raises(ValueError, match="2-D array"):
        tinykm.KMeans(3).fit(x)


@pytest.mark.parametrize("x", [X.astype(np.complex64), np.array([["a", "b"]] * 5), np.array([[object()] * 2] * 5)])
def test_non_numbers_are_type_errors(x):
    with pytest.raises(TypeError, match="dtype"):
        tinykm.KMeans(1).fit(x)


@pytest.mark.parametrize("w, status", [
    (np.ones(99), "dimension_mismatch"),
    (np.ones((100, 1)), "dimension_mismatch"),
    (np.r_[np.ones(99), np.nan], "non_finite_input"),
    (np.r_[np.ones(99), -1.0], "invalid_argument"),
])
def test_bad_weights(w, status):
    with pytest.raises(ValueError, match=status):
        tinykm.KMeans(3, random_state=0).fit(X, sample_weight=w)


@pytest.mark.parametrize("params, message", [
    ({"n_clusters": 0}, "n_clusters"), ({"n_clusters": 2.5}, "n_clusters"), ({"n_init": 0}, "n_init"),
    ({"max_iter": 0}, "max_iter"), ({"tol": -1.0}, "tol"), ({"tol": float("nan")}, "tol"),
    ({"init": "bogus"}, "init"), ({"init": X[:2]}, "dimension_mismatch"),
    ({"init": with_value(np.nan)[6:9]}, "non_finite_input"), ({"empty_cluster": "bogus"}, "empty_cluster"),
    ({"backend": "bogus"}, "backend"), ({"random_state": "x"}, "random_state"), ({"n_threads": 0}, "n_threads"),
    ({"n_clusters": 5000}, "capacity_exceeded"),
])
def test_bad_parameters(params, message):
    x = np.repeat(X, 60, axis=0) if params.get("n_clusters") == 5000 else X
    with pytest.raises(ValueError, match=message):
        tinykm.KMeans(**{"n_clusters": 3, **params}).fit(x)


def test_using_a_fitted_model_wrongly():
    with pytest.raises(tinykm.NotFittedError):
        tinykm.KMeans(3).predict(X)
    km = tinykm.KMeans(3, random_state=0).fit(X)
    for call in (km.predict, km.transform, km.score):
        with pytest.raises(ValueError, match="dimension_mismatch"):
            call(X[:, :2])
        with pytest.raises(ValueError, match="non_finite_input"):
            call(with_value(np.nan))


@pytest.mark.parametrize("args, kw, status", [
    ((3, 0), {}, "invalid_argument"), ((0, 2), {}, "invalid_argument"), ((3, 2), {"reservoir": 2}, "too_few_points"),
    ((3, 2), {"half_life": 0.0}, "invalid_argument"), ((3, 2), {"half_life": float("nan")}, "invalid_argument"),
    ((3, 2), {"learning_rate": 2.0, "rule": "fixed_rate"}, "invalid_argument"),
    ((3, 2), {"dead_fraction": 1.0}, "invalid_argument"), ((3, 2), {"warmup_n_init": 0}, "invalid_argument"),
    ((5000, 2), {}, "capacity_exceeded"),
])
def test_stream_refuses_bad_parameters(args, kw, status):
    with pytest.raises(ValueError, match=status):
        tinykm.Stream(*args, **kw)


def test_stream_names_and_counts():
    with pytest.raises(ValueError, match="rule"):
        tinykm.Stream(3, 2, rule="bogus")
    with pytest.raises(TypeError):
        tinykm.Stream(-1, 2)  # not a count
    with pytest.raises(MemoryError):
        tinykm.Stream(4096, 4096, reservoir=2**60)


def test_stream_refuses_bad_samples_and_stays_unchanged():
    s = tinykm.Stream(3, 3, reservoir=20)
    s.partial_fit(X[:30])
    before = s.to_bytes()
    for bad in (X[0, :2], X[:2], np.array([np.nan, 0, 0]), np.array([1e30, 0, 0])):
        for call in (s.learn_one, s.predict_one, s.score_one):
            with pytest.raises(ValueError, match="dimension_mismatch|non_finite_input|out_of_range"):
                call(bad)
    for bad, status in ((with_value(np.nan), "non_finite_input"), (X[:, :2], "dimension_mismatch"), (X[0], "2-D")):
        for call in (s.partial_fit, s.predict, s.score_samples):
            with pytest.raises(ValueError, match=status):
                call(bad)
    with pytest.raises(TypeError):
        s.learn_one(np.array(["a", "b", "c"]))
    assert s.to_bytes() == before


def test_row_by_row_names_the_refused_row():
    s = tinykm.Stream(3, 3, reservoir=20)
    with pytest.raises(ValueError, match="row 7: non_finite_input"):
        s.partial_fit(with_value(np.nan), mini_batch=False)
    assert s.counters["samples"] == 7  # the rows before it were learned


def test_merge_refuses_streams_that_do_not_fit():
    a, b = tinykm.Stream(3, 3, reservoir=20), tinykm.Stream(3, 3, reservoir=20)
    a.partial_fit(X)
    with pytest.raises(ValueError, match="not_ready"):
        a.merge(b)
    other = tinykm.Stream(3, 2, reservoir=20)
    other.partial_fit(X[:, :2])
    with pytest.raises(ValueError, match="dimension_mismatch|invalid_argument"):
        a.merge(other)
    with pytest.raises(TypeError):
        a.merge("a stream")


def test_tampered_blobs_are_corrupt():
    s = tinykm.Stream(3, 3, reservoir=20)
    s.partial_fit(X)
    blob = s.to_bytes()
    tampered = [blob[:n] for n in (0, 3, 24, len(blob) - 1)]
    for at in range(0, len(blob), 7):
        b = bytearray(blob)
        b[at] ^= 0x10
        tampered.append(bytes(b))
    km_blob = b"TKMM" + blob[4:]  # a model's kind
    for bad in tampered + [km_blob, b"x" * 100]:
        with pytest.raises(ValueError, match="corrupt_model"):
            tinykm.Stream.from_bytes(bad)
    with pytest.raises(TypeError):
        tinykm.Stream.from_bytes("not bytes")
