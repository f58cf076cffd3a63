import numpy as np
import pytest


def make_blobs(n=600, d=2, k=3, spread=0.3, seed=0, dtype=np.float32):
    """n points around k random centres in [-5, 5]^d, as a C-contiguous array of dtype."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-5, 5, (k, d))
    x = centres[rng.integers(0, k, n)] + rng.normal(0, spread, (n, d))
    return np.ascontiguousarray(x, dtype=dtype)


@pytest.fixture
def blobs():
    return make_blobs()
