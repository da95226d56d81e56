"""The compiled inner loops: numpy's summation reproduced bit for bit (the searches compare sums
with a tolerance of 1e-12 of the largest weight, so a different rounding could change a choice)."""

from __future__ import annotations

import numpy as np
import pytest

from blocwatch.analysis.kernels import csr_matvec, pairwise_sum


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 255, 256, 257, 1000, 4097])
def test_pairwise_sum_is_numpys_sum_to_the_last_bit(n):
    rng = np.random.default_rng(n)
    for _ in range(20):
        a = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 6, n)  # magnitudes apart: rounding shows
        assert pairwise_sum(a, 0, n) == float(a.sum())
        if n > 3:
            assert pairwise_sum(a, 3, n - 3) == float(a[3:].sum())


def test_summing_in_another_order_would_differ():
    """The test above can fail: plain left-to-right addition differs from numpy's on such data."""
    rng = np.random.default_rng(0)
    differ = 0
    for _ in range(20):
        a = rng.standard_normal(1000) * 10.0 ** rng.integers(-3, 6, 1000)
        total = 0.0
        for x in a.tolist():
            total += x
        differ += total != pairwise_sum(a, 0, 1000)
    assert differ > 0


@pytest.mark.parametrize("seed", range(10))
def test_csr_matvec_is_scipys_product_to_the_last_bit(seed):
    """ARPACK's eigenvector, and so the spectral start, depends on every product it asks for."""
    from scipy import sparse

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    a = sparse.random_array((n, n), density=float(rng.uniform(0.01, 0.5)), rng=rng, format="csr")
    a.data = rng.standard_normal(len(a.data)) * 10.0 ** rng.integers(-3, 6, len(a.data))
    x = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 6, n)
    got = csr_matvec(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data, x)
    assert got.tobytes() == (a @ x).tobytes()
