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


@pytest.mark.parametrize("picked", [3, 8, 9, 40])  # rows one by one up to eight, summed apart beyond
def test_a_kick_adds_numpys_sums_to_the_fields(picked):
    """The kicked spins' fields: up to eight rows added one by one into ``h``, more summed apart
    by ``numpy.bincount`` and then added, as the numpy code before it did."""
    from scipy import sparse

    from blocwatch.analysis.kernels import flipped

    rng = np.random.default_rng(picked)
    n = 60
    upper = sparse.triu(sparse.random_array((n, n), density=0.3, rng=rng, format="csr"), 1)
    upper.data = rng.standard_normal(len(upper.data)) * 10.0 ** rng.integers(-3, 6, len(upper.data))
    a = sparse.csr_array(upper + upper.T)  # symmetric, as the searches' matrices
    indptr, indices = a.indptr.astype(np.int64), a.indices.astype(np.int64)
    s = rng.choice((-1.0, 1.0), n)
    h = a @ s
    pick = rng.permutation(n)[:picked]
    want_s = s.copy()
    want_s[pick] = -want_s[pick]
    if picked <= 8:
        want_h = h.copy()
        for i in pick.tolist():
            want_h[indices[indptr[i]:indptr[i + 1]]] += (2.0 * want_s[i]) * a.data[indptr[i]:indptr[i + 1]]
    else:
        at = np.concatenate([np.arange(indptr[i], indptr[i + 1]) for i in pick.tolist()])
        owner = np.repeat(pick, np.diff(indptr)[pick])
        want_h = h + np.bincount(indices[at], weights=2.0 * a.data[at] * want_s[owner], minlength=n)
    got_s, got_h = flipped(s, h, pick, indptr, indices, a.data)
    assert got_s.tolist() == want_s.tolist() and got_h.tobytes() == want_h.tobytes()
    np.testing.assert_allclose(got_h, a @ got_s, rtol=1e-9, atol=1e-6 * np.abs(a.data).max())


def test_a_ball_grows_breadth_first_in_the_order_of_the_entries():
    from blocwatch.analysis.kernels import ball

    # 0 - 1, 0 - 4, 1 - 2, 1 - 3, 4 - 5, 5 - 6; node 7 apart
    edges = [(0, 1), (0, 4), (1, 2), (1, 3), (4, 5), (5, 6)]
    rows = [[] for _ in range(8)]
    for x, y in edges:
        rows[x].append(y)
        rows[y].append(x)
    indptr = np.cumsum([0] + [len(r) for r in rows]).astype(np.int64)
    indices = np.array([j for r in rows for j in sorted(r)], dtype=np.int64)
    assert ball(0, 5, indptr, indices).tolist() == [0, 1, 4, 2, 3]
    assert ball(4, 4, indptr, indices).tolist() == [4, 0, 5, 1]
    assert ball(6, 99, indptr, indices).tolist() == [6, 5, 4, 0, 1, 2, 3]  # the whole component
    assert ball(7, 3, indptr, indices).tolist() == [7]
