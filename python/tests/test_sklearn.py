"""tinykm.KMeans beside scikit-learn: the same centres from the same user init, and the
estimator protocol (clone, Pipeline, GridSearchCV)."""
import numpy as np
import pytest

import tinykm
from conftest import make_blobs

sklearn = pytest.importorskip("sklearn")
from sklearn.base import clone  # noqa: E402
from sklearn.cluster import KMeans as SkKMeans  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


@pytest.mark.parametrize("algorithm", ["lloyd", "elkan"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_centres_as_sklearn_from_the_same_init(algorithm, seed):
    x = make_blobs(n=3000, d=4, k=6, spread=1.2, seed=seed)
    init = x[np.random.default_rng(seed).choice(len(x), 6, replace=False)].copy()
    ours = tinykm.KMeans(6, init=init, tol=1e-4).fit(x)
    theirs = SkKMeans(6, init=init, n_init=1, tol=1e-4, algorithm=algorithm).fit(x.astype(np.float64))
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-4, atol=1e-4)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-5)
    assert np.mean(ours.labels_ == theirs.labels_) > 0.999
    assert ours.score(x) == pytest.approx(theirs.score(x.astype(np.float64)), rel=1e-5)


def test_clone_copies_parameters_not_the_fit(blobs):
    km = tinykm.KMeans(5, init="random", random_state=3, n_threads=2).fit(blobs)
    copy = clone(km)
    assert type(copy) is tinykm.KMeans and copy.get_params() == km.get_params()
    assert not hasattr(copy, "cluster_centers_")
    with pytest.raises(sklearn.exceptions.NotFittedError):
        copy.predict(blobs)


def test_pipeline_scales_then_clusters(blobs):
    x = blobs * np.array([1.0, 100.0], dtype=np.float32)
    pipe = Pipeline([("scale", StandardScaler()), ("km", tinykm.KMeans(3, random_state=0))]).fit(x)
    scaled = StandardScaler().fit_transform(x)
    np.testing.assert_array_equal(pipe.predict(x), tinykm.KMeans(3, random_state=0).fit(scaled).predict(scaled))
    assert pipe.score(x) == pytest.approx(pipe["km"].score(scaled))


def test_grid_search_picks_by_score():
    x = make_blobs(n=900, d=2, k=6, spread=0.2, seed=4)
    search = GridSearchCV(tinykm.KMeans(random_state=0, n_init=3), {"n_clusters": [2, 3, 6]}, cv=3).fit(x)
    assert search.best_params_ == {"n_clusters": 6}  # the held-out inertia falls with k
    assert isinstance(search.best_estimator_, tinykm.KMeans) and search.best_estimator_.n_clusters == 6
