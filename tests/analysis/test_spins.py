"""The two-bloc local search: flips and their gains against recomputation, and when it stops."""

from __future__ import annotations

import numpy as np
import pytest

from blocwatch.analysis import spins
from blocwatch.analysis.spins import adjacency, csr, local_search


def random_graph(seed: int, n: int, p: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ties ``u < v`` of a seeded random graph, signed weights in +-{1, ..., 5}."""
    rng = np.random.default_rng(seed)
    u, v = np.triu_indices(n, 1)
    keep = rng.random(len(u)) < p
    u, v = u[keep], v[keep]
    return u, v, rng.choice((-1.0, 1.0), len(u)) * rng.integers(1, 6, len(u))


def frustrated(s: np.ndarray, u: np.ndarray, v: np.ndarray, sw: np.ndarray) -> float:
    """Weight of the ties the spins ``s`` frustrate, counted tie by tie."""
    return float(np.abs(sw)[sw * s[u] * s[v] < 0].sum())


def brute_force(n: int, u: np.ndarray, v: np.ndarray, sw: np.ndarray) -> float:
    x = 1 - 2 * ((np.arange(2 ** (n - 1))[:, None] >> np.arange(n)) & 1)
    return float((np.abs(sw) * (sw * x[:, u] * x[:, v] < 0)).sum(axis=1).min())


@pytest.mark.parametrize("seed", range(5))
def test_flipping_a_set_updates_the_fields(seed):
    u, v, sw = random_graph(seed, 12, 0.5)
    a = adjacency(12, u, v, sw)
    rng = np.random.default_rng(seed)
    s = rng.choice((-1.0, 1.0), 12)
    pick = rng.choice(12, 5, replace=False)
    s2, h2 = spins._flip(s, a @ s, pick, a.indptr, a.indices, a.data)
    assert (s2[pick] == -s[pick]).all() and np.delete(s2, pick).tolist() == np.delete(s, pick).tolist()
    np.testing.assert_allclose(h2, a @ s2)


@pytest.mark.parametrize("batch", [16, 0])  # one node at a time, and (batch 0) sets of nodes at once
@pytest.mark.parametrize("seed", range(6))
def test_descent_reports_the_change_it_makes_and_ends_at_a_local_optimum(seed, batch, monkeypatch):
    monkeypatch.setattr(spins, "BATCH", batch)
    u, v, sw = random_graph(seed, 14, 0.5)
    a = adjacency(14, u, v, sw)
    s = np.random.default_rng(seed).choice((-1.0, 1.0), 14)
    before = frustrated(s, u, v, sw)
    h = a @ s
    change = spins._flip_descend(s, h, (a.indptr, a.indices, a.data), 1e-12)
    assert change < 0
    assert frustrated(s, u, v, sw) == pytest.approx(before + change)
    np.testing.assert_allclose(h, a @ s)  # the fields were kept up to date
    for i in range(14):  # no single flip lowers the frustration any more
        t = s.copy()
        t[i] = -t[i]
        assert frustrated(t, u, v, sw) >= frustrated(s, u, v, sw) - 1e-9


@pytest.mark.parametrize("seed", range(8))
def test_finds_the_optimum_of_small_networks(seed):
    u, v, sw = random_graph(seed, 11, 0.5)
    s = local_search(11, u, v, sw, seed, 8)
    assert frustrated(s, u, v, sw) == brute_force(11, u, v, sw)


def two_camps(n: int = 40, reach: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ties between every node and the next ``reach``, friendly within two camps of n/2 (even and
    odd nodes) and hostile across: balanced."""
    u = np.repeat(np.arange(n), reach)
    v = (u + np.tile(np.arange(1, reach + 1), n)) % n
    u, v = np.minimum(u, v), np.maximum(u, v)
    return u, v, np.where(u % 2 == v % 2, 1.0, -1.0)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the descents (one per start and one per kick)."""
    calls: list[int] = []
    descend = spins._flip_descend
    monkeypatch.setattr(spins, "_flip_descend", lambda *a: calls.append(1) or descend(*a))
    return calls


def test_stops_at_a_proven_bound(monkeypatch):
    u, v, sw = two_camps()
    calls = counting(monkeypatch)
    s = local_search(40, u, v, sw, 0, 16, bound=0.0)
    assert frustrated(s, u, v, sw) == 0 and len(calls) == 1  # the spectral start: no kick, no other start
    monkeypatch.setattr(spins, "_spectral_start", lambda *a: pytest.fail("the given start was enough"))
    calls.clear()
    start = np.where(np.arange(40) % 2 == 0, 1.0, -1.0)
    start[[0, 25]] *= -1  # two nodes on the wrong side: one descent puts them back
    assert frustrated(local_search(40, u, v, sw, 0, 16, bound=0.0, start=start), u, v, sw) == 0
    assert len(calls) == 1


def test_stops_when_two_starts_end_at_the_same_split(monkeypatch):
    u, v, sw = two_camps()
    calls = counting(monkeypatch)
    local_search(40, u, v, sw, 0, 16, stall=2)  # no bound: the balanced split must be seen twice
    # the spectral start and its two kicks, then a random start that descends to the same split (or
    # its mirror image) and its two kicks: the second of two
    assert len(calls) == 6
    calls.clear()
    local_search(40, u, v, sw, 0, 16, stall=2, repeats=99)
    assert len(calls) == 17 * 3  # without the rule, every start: 16 random ones and the spectral one


def test_on_a_large_network_a_start_at_the_best_split_is_not_kicked(monkeypatch):
    u, v, sw = two_camps(500, 40)
    calls = counting(monkeypatch)
    local_search(500, u, v, sw, 0, 16, stall=2)
    # the spectral start (a local optimum, not balanced) and its two kicks, a random start that
    # descends to the balanced split and its two kicks, then a random start that descends to the
    # same split: a repeat, not kicked, and the second of two
    assert len(calls) == 7
    calls.clear()
    local_search(500, u, v, sw, 0, 16, stall=2, repeats=99)
    assert len(calls) == 3 + 3 + 15  # every random start after the first balanced one is a repeat


@pytest.mark.parametrize("seed", range(8))
def test_csr_arrays_are_scipys(seed):
    """The searches' CSR arrays are those of SciPy's matrix: rows by column, a pair given twice
    summed, a tie of weight 0 kept; ends in either order."""
    u, v, sw = random_graph(seed, 40, 0.3)
    rng = np.random.default_rng(seed)
    sw = sw * rng.uniform(0.1, 2.0, len(sw))
    sw[: len(sw) // 10] = 0.0
    flip = rng.random(len(u)) < 0.5
    u, v = np.where(flip, v, u), np.where(flip, u, v)
    order = rng.permutation(len(u))
    cases = [(u[order], v[order], sw[order])]
    if len(u):
        cases.append((np.append(u, v[0]), np.append(v, u[0]), np.append(sw, 1.5)))  # a pair twice
    for uu, vv, ww in cases:
        a = adjacency(40, uu, vv, ww)
        got = csr(40, uu, vv, ww)
        assert [x.dtype for x in got] == [np.int64, np.int64, np.float64]
        assert got[0].tolist() == a.indptr.tolist() and got[1].tolist() == a.indices.tolist()
        assert got[2].tobytes() == a.data.astype(np.float64).tobytes()


@pytest.mark.parametrize("seed", range(6))
def test_laplacian_arrays_are_scipys(seed):
    """The spectral start's Laplacian is SciPy's ``diags_array(abs(a).sum(axis=1)) - a`` to the
    last bit: degrees summed as SciPy sums rows (long rows too), the diagonal in its place, ties of
    weight 0 and nodes without ties left out."""
    from scipy import sparse

    n = 40
    u, v, sw = random_graph(seed, n, 0.4)
    rng = np.random.default_rng(seed)
    sw = sw * rng.uniform(0.1, 2.0, len(sw))
    sw[: len(sw) // 10] = 0.0
    keep = (u != 3) & (v != 3)  # node 3 without ties
    graph = csr(n, u[keep], v[keep], sw[keep])
    a = sparse.csr_array((graph[2], graph[1], graph[0]), shape=(n, n))
    want = sparse.csr_array(sparse.diags_array(abs(a).sum(axis=1)) - a)
    got = spins.laplacian(graph)
    assert got[0].tolist() == want.indptr.tolist() and got[1].tolist() == want.indices.tolist()
    assert got[2].tobytes() == want.data.astype(np.float64).tobytes()
    assert got[0][4] == got[0][3]  # the node without ties has no entry, not a 0 on the diagonal
    assert max(np.diff(got[0])) > 9  # rows long enough for the degree's summation order to matter
