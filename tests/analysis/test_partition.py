"""The k-bloc relocation search: gains kept up to date against recomputation from scratch, the moves
and swaps it picks against all of them, and when it stops."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from blocwatch.analysis import partition
from blocwatch.analysis.partition import _Relocation, bloc_search
from blocwatch.analysis.spins import adjacency, csr


def random_costs(seed: int, n: int, p: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ties ``u < v`` sorted, each with a cost in +-{0.5, 1, ..., 2.5} (negative: friends)."""
    rng = np.random.default_rng(seed)
    u, v = np.triu_indices(n, 1)
    keep = rng.random(len(u)) < p
    u, v = u[keep], v[keep]
    return u, v, rng.choice((-1.0, 1.0), len(u)) * rng.integers(1, 6, len(u)) / 2


def state(n: int, u: np.ndarray, v: np.ndarray, b: np.ndarray, z: np.ndarray, k: int) -> _Relocation:
    a = adjacency(n, u, v, b)
    return _Relocation((a.indptr, a.indices, a.data, u, v, b), z.copy(), k)


def criterion(z: np.ndarray, u: np.ndarray, v: np.ndarray, b: np.ndarray) -> float:
    return float(b[z[u] == z[v]].sum())


def every_move(z: np.ndarray, k: int, u, v, b) -> list[tuple[float, int, int]]:
    """``(change, i, c)`` of every move that leaves no bloc empty, recomputed from scratch."""
    out = []
    for i, c in itertools.product(range(len(z)), range(k)):
        if c != z[i] and (z == z[i]).sum() > 1:
            t = z.copy()
            t[i] = c
            out.append((criterion(t, u, v, b) - criterion(z, u, v, b), i, c))
    return out


def every_swap(z: np.ndarray, u, v, b) -> list[tuple[float, int, int]]:
    out = []
    for i, j in itertools.combinations(range(len(z)), 2):
        if z[i] != z[j]:
            t = z.copy()
            t[i], t[j] = z[j], z[i]
            out.append((criterion(t, u, v, b) - criterion(z, u, v, b), i, j))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_gains_after_moves_equal_recomputation(seed):
    n, k = 12, 3
    u, v, b = random_costs(seed, n, 0.5)
    rng = np.random.default_rng(seed)
    z = np.arange(n) % k
    st = state(n, u, v, b, z, k)
    for _ in range(20):
        i = int(rng.integers(n))
        if st.sizes[st.z[i]] > 1:
            st.move(i, int(rng.integers(k)))
        dense = np.zeros((n, n))
        dense[u, v] = dense[v, u] = b
        np.testing.assert_allclose(st.m, dense @ np.eye(k)[st.z])
        assert st.sizes.tolist() == np.bincount(st.z, minlength=k).tolist()
        moves = every_move(st.z, k, u, v, b)
        change, i, c = st.best_move()
        low = min(m[0] for m in moves)
        assert change == pytest.approx(low)
        assert (i, c) == min((m[1], m[2]) for m in moves if m[0] <= low + 1e-12)  # ties: smallest i, then c


@pytest.mark.parametrize("seed", range(6))
def test_best_swap_is_the_best_of_all_swaps_when_no_move_improves(seed):
    n, k = 10, 3
    u, v, b = random_costs(seed, n, 0.6)
    st = state(n, u, v, b, np.random.default_rng(seed).integers(k, size=n), k)
    st.z[:k] = np.arange(k)
    st = state(n, u, v, b, st.z, k)
    while (m := st.best_move())[0] < -1e-9:  # moves first, as the descent does
        st.move(m[1], m[2])
    swaps = every_swap(st.z, u, v, b)
    low = min(s[0] for s in swaps)
    change, i, j = st.best_swap()
    if low < -1e-9:  # the swap the descent would make is the best one, ties to the smallest pair
        assert change == pytest.approx(low)
        assert (i, j) == min((s[1], s[2]) for s in swaps if s[0] <= low + 1e-12)
    else:
        assert change >= -1e-9


@pytest.mark.parametrize("seed", range(6))
def test_swaps_of_a_node_alone_in_its_bloc_are_all_looked_at(seed):
    """Any state: the best swap among ties across blocs and pairs with a node alone in its bloc
    (tied or not), the only ones that can improve once no move does."""
    n, k = 10, 3
    u, v, b = random_costs(seed, n, 0.4)
    z = np.random.default_rng(seed).integers(1, k, size=n)
    z[:2] = [0, 1]
    z[2] = 2  # bloc 0 holds node 0 alone
    st = state(n, u, v, b, z, k)
    tied = set(zip(u.tolist(), v.tolist(), strict=True))
    alone = {i for i in range(n) if (z == z[i]).sum() == 1}
    candidates = [sw for sw in every_swap(z, u, v, b) if (sw[1], sw[2]) in tied or {sw[1], sw[2]} & alone]
    assert any((sw[1], sw[2]) not in tied for sw in candidates)  # strangers are among them
    change, i, j = st.best_swap()
    low = min(sw[0] for sw in candidates)
    assert change == pytest.approx(low)
    assert (i, j) == min((sw[1], sw[2]) for sw in candidates if sw[0] <= low + 1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_descent_ends_where_no_move_or_swap_improves(seed):
    n, k = 11, 3
    u, v, b = random_costs(seed, n, 0.5)
    z = np.random.default_rng(seed).integers(k, size=n)
    z[:k] = np.arange(k)
    st = state(n, u, v, b, z, k)
    st.descend(1e-9)
    assert min(m[0] for m in every_move(st.z, k, u, v, b)) >= -1e-9
    assert min(s[0] for s in every_swap(st.z, u, v, b)) >= -1e-9
    assert (np.bincount(st.z, minlength=k) > 0).all()


def brute_force(n: int, k: int, u, v, b) -> float:
    z = np.array(list(itertools.product(range(k), repeat=n)))
    z = z[np.stack([(z == c).any(axis=1) for c in range(k)]).all(axis=0)]
    return float((b * (z[:, u] == z[:, v])).sum(axis=1).min())


@pytest.mark.parametrize("seed", range(6))
def test_finds_the_optimum_of_small_networks(seed):
    u, v, b = random_costs(seed, 8, 0.6)
    for k in (2, 3):
        z, value = bloc_search(8, u, v, b, k, [], seed=seed, restarts=20)
        assert value == pytest.approx(brute_force(8, k, u, v, b)) == pytest.approx(criterion(z, u, v, b))


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the descents: of the informed starts one by one, of the random ones (compiled, a
    batch at a time) by the starts each batch used."""
    calls: list[int] = []
    descend = _Relocation.descend
    monkeypatch.setattr(_Relocation, "descend", lambda self, tol: calls.append(1) or descend(self, tol))
    kernels = partition._kernels()
    random_starts = kernels.random_starts

    def counted(*args):  # noqa: ANN002, ANN202
        out = random_starts(*args)
        calls.extend([1] * out[3])
        return out

    monkeypatch.setattr(kernels, "random_starts", counted)
    return calls


def cliques(n: int = 30, k: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """k groups, friends within and enemies across: criterion -(ties within) at the planted split."""
    u, v = np.triu_indices(n, 1)
    return u, v, np.where(u % k == v % k, -1.0, 1.0)


def test_stops_at_the_bound(monkeypatch):
    u, v, b = cliques()
    best = -float((b < 0).sum())
    calls = counting(monkeypatch)
    z, value = bloc_search(30, u, v, b, 3, [np.arange(30) % 3], restarts=50, bound=best)
    assert value == best and len(calls) == 1  # the informed start reaches the bound: no random start


def test_stops_when_random_starts_confirm_the_best(monkeypatch):
    u, v, b = cliques()
    calls = counting(monkeypatch)
    z, value = bloc_search(30, u, v, b, 3, [], seed=0, restarts=50, repeats=2)
    assert value == -float((b < 0).sum())
    assert len(calls) == 2  # two random starts, both at the planted split (in other bloc numbers)
    calls.clear()
    bloc_search(30, u, v, b, 3, [np.arange(30) % 3], seed=0, restarts=50, repeats=2)
    assert len(calls) == 2  # the informed start, then one random start that ends at the same split


def test_stops_when_random_starts_bring_nothing_better(monkeypatch):
    u, v, b = random_costs(3, 40, 0.3)
    calls = counting(monkeypatch)
    bloc_search(40, u, v, b, 4, [], seed=0, restarts=50, repeats=99, patience=3)
    assert 4 <= len(calls) < 50  # the first start, then at least three that do not improve it
    calls.clear()
    bloc_search(40, u, v, b, 4, [], seed=0, restarts=50, repeats=99)
    assert len(calls) == 50


@pytest.mark.parametrize("tol", [0.0, -1e-9, float("nan")])
def test_a_tolerance_that_is_not_positive_is_refused(tol):
    """With no margin, rounding can make two moves undo each other forever (a compiled loop that
    Ctrl-C cannot stop): refused before any search."""
    from blocwatch.errors import InputError

    u, v, b = random_costs(0, 8, 0.6)
    with pytest.raises(InputError, match="tol must be positive"):
        bloc_search(8, u, v, b, 3, [], tol=tol)


def canonical(z: np.ndarray) -> list[int]:
    """Bloc numbers in order of first appearance."""
    seen: dict[int, int] = {}
    return [seen.setdefault(c, len(seen)) for c in z.tolist()]


def searched_in_python(n, u, v, b, k, seed, restarts, repeats, patience, tol):  # noqa: ANN001, ANN202
    """The random starts as the search made them in Python, one descent at a time."""
    graph = (*csr(n, u, v, b), u, v, b)
    rng = np.random.default_rng(seed)
    best, best_p, hits, since, used = None, np.inf, 0, 0, 0
    for _ in range(restarts):
        used += 1
        z = rng.integers(k, size=n)
        z[rng.permutation(n)[:k]] = np.arange(k)
        _Relocation(graph, z, k).descend(tol)
        p = float(b[z[u] == z[v]].sum())
        if p < best_p - tol:
            best, best_p, hits, since = z, p, 1, 0
        else:
            hits += p <= best_p + tol and canonical(z) == canonical(best)
            since += 1
        if hits >= repeats or since == patience:
            break
    return best, best_p, used


@pytest.mark.parametrize(("seed", "k", "repeats", "patience"), [(0, 2, 3, 25), (1, 3, 3, 25), (2, 4, 99, 5),
                                                                 (3, 5, 2, None), (4, 3, 99, None)])
def test_the_compiled_random_starts_are_the_python_search(seed, k, repeats, patience, monkeypatch):
    """The same draws, descents, sums and stopping rules: the same partition and value after as
    many starts."""
    u, v, b = random_costs(seed, 45, 0.25)
    tol = 1e-9 * float(np.abs(b).sum())
    calls = counting(monkeypatch)
    z, value = bloc_search(45, u, v, b, k, [], seed=seed, restarts=30, repeats=repeats, patience=patience)
    starts = len(calls)
    want_z, want, used = searched_in_python(45, u, v, b, k, seed, 30, repeats, patience, tol)
    assert value == want and z.tolist() == want_z.tolist() and starts == used
