"""tinykm.Stream: warm-up, one-sample and array calls, merge, and pickle over the CRC blob."""
import copy
import pickle

import numpy as np
import pytest

import tinykm
from conftest import make_blobs


def ready_stream(x, k=3, **kw):
    s = tinykm.Stream(k, x.shape[1], reservoir=50, seed=1, **kw)
    s.partial_fit(x)
    assert s.ready
    return s


def test_warm_up_then_ready(blobs):
    s = tinykm.Stream(3, 2, reservoir=40)
    assert s.n_clusters == 3 and s.n_features == 2 and s.reservoir == 40
    for i, x in enumerate(blobs[:40]):
        assert not s.ready and s.reservoir_fill == i
        assert s.predict_one(x) == -1 and s.score_one(x) == 0.0
        s.learn_one(x)
    assert s.ready and s.cluster_centers_.shape == (3, 2)
    assert s.counters["samples"] == 40
    assert 0 <= s.predict_one(blobs[0]) < 3
    assert tinykm.Stream(4, 2).reservoir == 64  # default: 16 x n_clusters


def test_one_sample_and_array_calls_agree(blobs):
    s = ready_stream(blobs)
    labels = s.predict(blobs)
    scores = s.score_samples(blobs)
    assert labels.dtype == np.int32 and scores.dtype == np.float32
    np.testing.assert_array_equal(labels, [s.predict_one(x) for x in blobs])
    np.testing.assert_array_equal(scores, [s.score_one(x) for x in blobs])
    np.testing.assert_array_equal(s.predict_one(blobs[3].tolist()), labels[3])  # a list, converted
    np.testing.assert_array_equal(s.score_one(blobs[3].astype(np.float64)), scores[3])


def test_partial_fit_row_by_row_is_learn_one_in_a_loop(blobs):
    a, b = tinykm.Stream(3, 2, reservoir=50), tinykm.Stream(3, 2, reservoir=50)
    labels, scores, anomalies = a.partial_fit(blobs, mini_batch=False)
    for x in blobs:
        b.learn_one(x)
    assert a.to_bytes() == b.to_bytes()
    assert (labels[:50] == -1).all() and (labels[50:] >= 0).all()
    assert anomalies.dtype == np.bool_ and anomalies.sum() == a.counters["anomalies"]


def test_mini_batch_flags_follow_the_scores(blobs):
    s = ready_stream(blobs[:100], anomaly_threshold=0.1)
    before = s.counters
    far = blobs[100:] + np.float32(20)  # every sample far from every centre
    labels, scores, anomalies = s.partial_fit(np.concatenate([blobs[100:], far]))
    np.testing.assert_array_equal(anomalies, scores > 0.1)
    assert anomalies[500:].all()
    assert s.counters["batches"] == before["batches"] + 1
    assert s.counters["samples"] == before["samples"] + 1000


def test_pickle_and_bytes_round_trip(blobs):
    s = ready_stream(blobs)
    for back in (pickle.loads(pickle.dumps(s)), tinykm.Stream.from_bytes(s.to_bytes()), copy.deepcopy(s)):
        assert back is not s and back.to_bytes() == s.to_bytes()
        assert back.counters == s.counters
    back = pickle.loads(pickle.dumps(s))
    more = make_blobs(seed=5)
    np.testing.assert_array_equal(back.partial_fit(more)[1], s.partial_fit(more)[1])
    assert back.to_bytes() == s.to_bytes()
    warming = tinykm.Stream(3, 2, reservoir=100)
    warming.partial_fit(blobs[:30])
    assert pickle.loads(pickle.dumps(warming)).reservoir_fill == 30


def test_merge_adds_counters(blobs):
    a = ready_stream(blobs[:300])
    b = ready_stream(blobs[300:])
    total = a.counters["samples"] + b.counters["samples"]
    assert a.merge(b) is a
    assert a.counters["samples"] == total
    gap = np.abs(a.cluster_centers_[:, None] - b.cluster_centers_[None]).max(-1).min(1)
    assert (gap < 0.5).all()  # the same three blobs


def test_an_outlier_is_an_anomaly(blobs):
    s = ready_stream(blobs)
    assert s.score_one(blobs[0]) <= 0.0
    assert s.score_one(blobs[0] + 50) > 0.0


def test_same_seed_same_stream(blobs):
    assert ready_stream(blobs).to_bytes() == ready_stream(blobs).to_bytes()
