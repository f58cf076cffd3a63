"""tinykm.KMeans: scikit-learn's estimator surface, the input conversion rule and the library's
model for the same parameters and seed (the CLI's too)."""
import os
import pickle
import subprocess
import threading
import time
import tracemalloc

import numpy as np
import pytest

import tinykm
from conftest import make_blobs


def test_fit_sets_sklearn_attributes(blobs):
    km = tinykm.KMeans(3, random_state=0)
    assert km.fit(blobs) is km
    assert km.cluster_centers_.shape == (3, 2) and km.cluster_centers_.dtype == np.float32
    assert km.labels_.shape == (600,) and km.labels_.dtype == np.int32
    assert km.n_features_in_ == 2 and 1 <= km.n_iter_ <= 300
    d2 = ((blobs[:, None, :] - km.cluster_centers_[None]) ** 2).sum(-1)
    np.testing.assert_array_equal(km.labels_, d2.argmin(1))
    assert km.inertia_ == pytest.approx(d2.min(1).sum(), rel=1e-5)


def test_predict_transform_score_agree_with_fit(blobs):
    km = tinykm.KMeans(3, random_state=1).fit(blobs)
    np.testing.assert_array_equal(km.predict(blobs), km.labels_)
    np.testing.assert_array_equal(tinykm.KMeans(3, random_state=1).fit_predict(blobs), km.labels_)
    t = km.transform(blobs)
    assert t.shape == (600, 3) and t.dtype == np.float32
    np.testing.assert_array_equal(t.argmin(1), km.labels_)
    np.testing.assert_allclose(tinykm.KMeans(3, random_state=1).fit_transform(blobs), t)
    assert km.score(blobs) == pytest.approx(-km.inertia_, rel=1e-6)


def test_same_seed_same_model_and_seeds_are_used(blobs):
    x = make_blobs(n=2000, d=4, k=8, spread=1.0)
    a = tinykm.KMeans(8, n_init=3, random_state=5).fit(x)
    b = tinykm.KMeans(8, n_init=3, random_state=5).fit(x)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    others = [tinykm.KMeans(8, random_state=s).fit(x).cluster_centers_ for s in range(6, 10)]
    assert any(not np.array_equal(a.cluster_centers_, o) for o in others)
    np.random.seed(3)
    c = tinykm.KMeans(8).fit(x).cluster_centers_
    np.random.seed(3)
    np.testing.assert_array_equal(tinykm.KMeans(8).fit(x).cluster_centers_, c)


def test_other_dtypes_and_orders_give_the_float32_model(blobs):
    ref = tinykm.KMeans(3, random_state=2).fit(blobs).cluster_centers_
    for x in (blobs.astype(np.float64), np.asfortranarray(blobs), blobs.tolist(),
              np.repeat(blobs, 2, axis=0)[::2]):
        np.testing.assert_array_equal(tinykm.KMeans(3, random_state=2).fit(x).cluster_centers_, ref)
    ints = np.rint(blobs * 10).astype(np.int16)
    np.testing.assert_array_equal(tinykm.KMeans(3, random_state=2).fit(ints).cluster_centers_,
                                  tinykm.KMeans(3, random_state=2).fit(ints.astype(np.float32)).cluster_centers_)


def _peak_bytes(call):
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_float32_c_order_is_not_copied():
    x = make_blobs(n=200_000, d=8, k=4)  # 6.4 MB
    km = tinykm.KMeans(4, random_state=0, max_iter=2).fit(x[:1000])
    labels_bytes = 4 * len(x)
    assert _peak_bytes(lambda: km.predict(x)) < labels_bytes + 100_000
    assert _peak_bytes(lambda: km.predict(np.asfortranarray(x))) >= x.nbytes  # the one conversion


def test_threads_give_the_same_model():
    x = make_blobs(n=20_000, d=3, k=5, spread=1.0)
    one = tinykm.KMeans(5, random_state=4, n_threads=1).fit(x)
    four = tinykm.KMeans(5, random_state=4, n_threads=4).fit(x)
    np.testing.assert_array_equal(one.cluster_centers_, four.cluster_centers_)
    np.testing.assert_array_equal(one.predict(x), four.predict(x))


def test_kmeans_parallel_init(blobs):
    a = tinykm.KMeans(3, init="k-means||", random_state=4).fit(blobs)
    b = tinykm.KMeans(3, init="k-means||", random_state=4).fit(blobs)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    pp = tinykm.KMeans(3, random_state=4).fit(blobs)
    assert a.inertia_ <= 1.1 * pp.inertia_


def test_auto_init_is_the_one_the_library_picks(blobs):
    # 'auto' (the default) is k-means++ on small data, k-means|| where d > 16, k >= 64 and
    # n >= 16 (20 k + 1): the same model, bit for bit, as naming that method.
    small = tinykm.KMeans(3, random_state=4).fit(blobs)
    np.testing.assert_array_equal(small.cluster_centers_,
                                  tinykm.KMeans(3, init="k-means++", random_state=4).fit(blobs).cluster_centers_)
    rng = np.random.default_rng(5)
    large = rng.standard_normal((16 * (20 * 64 + 1), 17)).astype(np.float32)
    a = tinykm.KMeans(64, init="auto", max_iter=2, random_state=4).fit(large)
    b = tinykm.KMeans(64, init="k-means||", max_iter=2, random_state=4).fit(large)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)


def test_user_init_and_weights(blobs):
    init = blobs[[0, 1, 2]].copy()
    a = tinykm.KMeans(3, init=init, n_init=5).fit(blobs)
    b = tinykm.KMeans(3, init=init).fit(blobs)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    # Integer weights act as repeated rows.
    w = np.arange(600) % 3 + 1
    weighted = tinykm.KMeans(3, init=init, tol=0).fit(blobs, sample_weight=w)
    repeated = tinykm.KMeans(3, init=init, tol=0).fit(np.repeat(blobs, w, axis=0))
    np.testing.assert_allclose(weighted.cluster_centers_, repeated.cluster_centers_, rtol=1e-5, atol=1e-5)
    assert weighted.score(blobs, sample_weight=w) == pytest.approx(repeated.score(np.repeat(blobs, w, axis=0)),
                                                                    rel=1e-5)


def test_backend_choice_keeps_labels(blobs):
    km = tinykm.KMeans(3, random_state=0, backend="scalar").fit(blobs)
    assert tinykm.backend_name() == "scalar"
    labels = km.predict(blobs)
    tinykm.force_backend("auto")
    np.testing.assert_array_equal(km.predict(blobs), labels)


def _cli_fit(tmp_path, x, k, n_init, seed):
    cli = os.environ["TINYKM_CLI"]
    np.save(tmp_path / "x.npy", x)
    model = tmp_path / "m.tkm"
    subprocess.run([cli, "fit", str(tmp_path / "x.npy"), "-k", str(k), "--n-init", str(n_init), "--seed",
                    str(seed), "-o", str(model)], check=True, capture_output=True)
    blob = model.read_bytes()  # serialize.hpp: "TKMM", u16 version, u16 0, u32 k, u32 d, k x d f32, CRC
    assert blob[:4] == b"TKMM"
    return np.frombuffer(blob[16:16 + 4 * k * x.shape[1]], dtype="<f4").reshape(k, x.shape[1])


@pytest.mark.skipif("TINYKM_CLI" not in os.environ, reason="the tinykm CLI is not built")
@pytest.mark.parametrize("n_init", [1, 3])
def test_same_model_as_the_cli(tmp_path, n_init):
    if n_init > 1:
        help_text = subprocess.run([os.environ["TINYKM_CLI"], "fit", "--help"], capture_output=True, text=True)
        if "uses seed S + r" in help_text.stdout + help_text.stderr:
            pytest.skip("this CLI still runs seeds S..S+N-1 for --n-init N (issue 20)")
    x = make_blobs(n=3000, d=5, k=6, spread=1.5, seed=9)
    km = tinykm.KMeans(6, n_init=n_init, random_state=11).fit(x)
    np.testing.assert_array_equal(km.cluster_centers_, _cli_fit(tmp_path, x, 6, n_init, 11))


def test_estimator_params_round_trip():
    km = tinykm.KMeans(4, init="random", n_init="auto", tol=0.5)
    params = km.get_params()
    assert params["n_clusters"] == 4 and params["init"] == "random" and params["tol"] == 0.5
    assert set(params) == {"n_clusters", "init", "n_init", "max_iter", "tol", "random_state", "empty_cluster",
                           "n_threads", "backend", "algorithm", "refine"}
    assert km.set_params(n_clusters=5) is km and km.n_clusters == 5
    assert repr(km) == "KMeans(init='random', n_clusters=5, n_init='auto', tol=0.5)"
    with pytest.raises(ValueError, match="Invalid parameter"):
        km.set_params(k=3)


def test_stream_starts_from_kmeans_centres(blobs):
    km = tinykm.KMeans(3, random_state=0).fit(blobs)
    s = tinykm.Stream(3, 2)
    s.seed_centers(km.cluster_centers_)
    assert s.ready
    np.testing.assert_array_equal(s.predict(blobs), km.predict(blobs))


def test_a_fitted_model_pickles(blobs):
    km = tinykm.KMeans(3, random_state=0).fit(blobs)
    back = pickle.loads(pickle.dumps(km))
    np.testing.assert_array_equal(back.predict(blobs), km.labels_)
    assert back.get_params() == km.get_params()


def test_fit_releases_the_gil():
    # Fits run one after another for at least half a second; meanwhile this thread keeps running
    # Python. Holding the GIL would stall it for a whole fit.
    x = make_blobs(n=200_000, d=16, k=16, spread=3.0)
    took = []

    def work():
        start = time.perf_counter()
        while time.perf_counter() - start < 0.5:
            t0 = time.perf_counter()
            tinykm.KMeans(16, init=x[:16].copy(), max_iter=40, tol=0, n_threads=1).fit(x)
            took.append(time.perf_counter() - t0)

    worker = threading.Thread(target=work)
    last, longest = time.perf_counter(), 0.0
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    shortest = min(took)
    assert shortest > 0.02, "the fits were too short to tell"
    assert longest < shortest / 2, (longest, shortest)


@pytest.mark.parametrize("algorithm", ["lloyd", "bounded", "elkan", "auto"])
def test_every_algorithm_gives_the_same_model(algorithm):
    x = make_blobs(n=5000, d=20, k=70, spread=2.0, seed=4)
    want = tinykm.KMeans(70, random_state=3, algorithm="lloyd").fit(x)
    got = tinykm.KMeans(70, random_state=3, algorithm=algorithm).fit(x)
    np.testing.assert_array_equal(got.cluster_centers_, want.cluster_centers_)
    assert got.inertia_ == want.inertia_ and got.n_iter_ == want.n_iter_


def test_unknown_algorithm_is_refused(blobs):
    with pytest.raises(ValueError, match="algorithm"):
        tinykm.KMeans(3, algorithm="full").fit(blobs)


def test_refinements_never_raise_the_inertia():
    x = make_blobs(n=4000, d=4, k=12, spread=3.0, seed=5)
    plain = tinykm.KMeans(12, random_state=2).fit(x)
    refined = tinykm.KMeans(12, random_state=2, refine="hartigan").fit(x)
    assert refined.inertia_ <= plain.inertia_
    merged = tinykm.KMeans(12, random_state=2, refine="split_merge").fit(x)
    assert merged.inertia_ <= plain.inertia_
    with pytest.raises(ValueError, match="refine"):
        tinykm.KMeans(3, refine="kmeans").fit(x)
