"""k-bloc partitions: exact recovery, brute force, an integer-programming proof on Gahuku-Gama."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from blocwatch.analysis.blocs import bloc_support, blocs
from blocwatch.analysis.network import SignedNetwork
from blocwatch.errors import InputError
from tests.analysis.test_balance import gahuku_gama, random_net, wwi

CLIQUES = [("A1", "A2", 1), ("A2", "A3", 1), ("A1", "A3", 1), ("B1", "B2", 1), ("C1", "C2", 1), ("C2", "C3", 1),
           ("A1", "B1", -1), ("A3", "C1", -1), ("B2", "C3", -1), ("A2", "B2", -1)]


def criterion(net: SignedNetwork, z: np.ndarray, alpha: float) -> np.ndarray:
    """P for each row of assignments ``z`` (one column per node of ``net``)."""
    u, v, s, w = net.arrays
    same = z[:, u] == z[:, v]
    return (np.where(s < 0, same * alpha, ~same * (1 - alpha)) * w).sum(axis=1)


def brute_force(net: SignedNetwork, k: int, alpha: float) -> float:
    """Least P over all assignments of the (all attached) nodes to k non-empty blocs."""
    n = len(net.nodes)
    z = np.array(list(itertools.product(range(k), repeat=n)))
    z = z[(np.stack([(z == c).any(axis=1) for c in range(k)])).all(axis=0)]
    return float(criterion(net, z, alpha).min())


def milp_optimum(net: SignedNetwork, k: int, alpha: float) -> float:
    """Least P by integer programming: z_ic one-hot, y_e (negative tie inside) and d_e (positive tie across)."""
    n = len(net.nodes)
    u, v, s, w = net.arrays
    m = len(u)
    z = lambda i, c: i * k + c  # noqa: E731
    rows, cols, vals, lo, hi = [], [], [], [], []

    def row(entries, low, high):
        r = len(lo)
        for col, val in entries:
            rows.append(r)
            cols.append(col)
            vals.append(val)
        lo.append(low)
        hi.append(high)

    for i in range(n):
        row([(z(i, c), 1) for c in range(k)], 1, 1)
    for c in range(k):
        row([(z(i, c), 1) for i in range(n)], 1, np.inf)
    for e in range(m):
        i, j, t = int(u[e]), int(v[e]), n * k + e
        for c in range(k):
            if s[e] < 0:  # t >= z_ic + z_jc - 1
                row([(t, 1), (z(i, c), -1), (z(j, c), -1)], -1, np.inf)
            else:  # t >= z_ic - z_jc and t >= z_jc - z_ic
                row([(t, 1), (z(i, c), -1), (z(j, c), 1)], 0, np.inf)
                row([(t, 1), (z(i, c), 1), (z(j, c), -1)], 0, np.inf)
    a = sparse.csr_array((vals, (rows, cols)), shape=(len(lo), n * k + m))
    lb = np.zeros(n * k + m)
    lb[z(0, 0)] = 1  # node 0 in bloc 0: the blocs are interchangeable
    cost = np.concatenate([np.zeros(n * k), np.where(s < 0, alpha, 1 - alpha) * w])
    res = milp(cost, constraints=LinearConstraint(a, lo, hi), integrality=np.ones(n * k + m),
               bounds=Bounds(lb, 1), options={"time_limit": 60})
    assert res.status == 0
    return float(res.fun)


def test_recovers_planted_blocs():
    net = SignedNetwork.from_edges(CLIQUES, nodes=["Lone"])
    p = blocs(net)
    assert p.k == 3 and p.criterion == 0.0 and p.errors == ()
    assert p.blocs == (("A1", "A2", "A3"), ("C1", "C2", "C3"), ("B1", "B2"))
    assert p.membership["B2"] == 2 and "Lone" not in p.membership and p.unattached == ("Lone",)
    assert p.by_k[2] > 0 and p.by_k[3] == 0
    assert json.loads(json.dumps(p.to_dict())) == p.to_dict()


def test_errors_and_criterion_agree():
    net = SignedNetwork.from_edges(CLIQUES + [("A1", "A2", -1, 3.0)], combine="sum")  # A1-A2 becomes -2
    for alpha in (0.0, 0.3, 0.5, 1.0):
        p = blocs(net, 3, alpha=alpha)
        z = np.array([[p.membership[x] for x in net.nodes]])
        assert p.criterion == pytest.approx(float(criterion(net, z, alpha)[0]))
        assert p.criterion == pytest.approx(sum((alpha if s < 0 else 1 - alpha) * w for _, _, s, w in p.errors))
        assert p.criterion == pytest.approx(brute_force(net, 3, alpha))


def test_deterministic_and_sorted():
    net = random_net(1, 14, 0.5, weighted=True)
    a, b = blocs(net, 3, seed=7), blocs(net, 3, seed=7)
    assert a == b
    sizes = [len(g) for g in a.blocs]
    assert sizes == sorted(sizes, reverse=True)
    assert all(list(g) == sorted(g) for g in a.blocs)
    assert sorted(x for g in a.blocs for x in g) == sorted(a.membership)


@pytest.mark.parametrize("seed", range(6))
def test_matches_brute_force(seed):
    net = random_net(seed, 8, 0.6, weighted=seed % 2 == 1)
    net = net.subgraph({e.source for e in net.edges} | {e.target for e in net.edges})
    for k in (2, 3):
        assert blocs(net, k, restarts=20).criterion == pytest.approx(brute_force(net, k, 0.5))


def test_empty_and_bad_input():
    p = blocs(SignedNetwork.from_edges([], nodes=["A", "B"]))
    assert (p.k, p.blocs, p.criterion, p.unattached) == (0, (), 0.0, ("A", "B"))
    net = SignedNetwork.from_edges([("A", "B", -1)], nodes=["C"])
    assert blocs(net).blocs == (("A",), ("B",))
    for kwargs in ({"k": 3}, {"alpha": 1.5}, {"restarts": 0}, {"max_k": 1}, {"k": 0}):
        with pytest.raises(InputError):
            blocs(net, **kwargs)


@pytest.mark.shared
def test_gahuku_gama_three_blocs(shared):
    net = gahuku_gama(shared)
    p = blocs(net, 3, alpha=0.5)
    # signnet's signed_blockmodel(tribes, k = 3, alpha = 0.5) reports 2: it sums over the symmetric
    # adjacency matrix, so each undirected tie counts twice. Counted once per tie, P = 1.
    assert p.criterion == 1.0 and 2 * p.criterion == 2
    assert p.blocs == (("Alika", "Asaro", "Gahuk", "Geham", "Masil", "Ove", "Ukudz"),
                       ("Kohik", "Nagam", "Notoh", "Seuve", "Uheto"),
                       ("Gama", "Gavev", "Kotun", "Nagad"))
    assert [(a, b, s) for a, b, s, _ in p.errors] == [("Masil", "Nagam", 1), ("Masil", "Uheto", 1)]
    assert milp_optimum(net, 3, 0.5) == pytest.approx(p.criterion)  # a proof that 1 is the optimum
    assert blocs(net).k == 3


@pytest.mark.shared
def test_wwi_1907_two_blocs(shared):
    p = blocs(wwi(shared, 1907), 2)
    assert p.criterion == 0.0
    assert sorted(p.blocs) == [("AUH", "DEU", "ITA"), ("FRA", "GBR", "RUS")]


@pytest.mark.shared
@pytest.mark.slow
def test_two_blocs_are_half_the_frustration_index(shared):
    """With alpha = 1/2, P of a two-bloc split is half its frustrated weight: P >= index / 2, equal at best."""
    from blocwatch.analysis.balance import frustration
    from tests.analysis.test_balance import cow_windows

    nets = list(cow_windows(shared).values())[::3]
    found = []
    for net in nets:
        half = frustration(net, method="exact", restarts=2).value / 2
        p = blocs(net, 2)
        assert p.criterion >= half - 1e-9, net.label
        found.append(p.criterion == half)
    assert sum(found) >= 0.9 * len(nets)


def test_the_gahuku_gama_blocs_are_no_accident_of_their_signs(shared):
    """Read's highland tribes (Hage and Harary 1983): their three alliances are a known structure;
    the same 58 ties with the 29 hostile ones placed at random never split as cleanly."""
    support = bloc_support(gahuku_gama(shared))
    assert (support.ties, support.hostile, support.supported, support.p_value) == (58, 29, True, 0.01)


# -- the search: its starts, the rule for k, and the split it may be given ------------------------------


def test_merging_the_two_closest_blocs():
    from blocwatch.analysis.blocs import _merged

    u, v = np.array([0, 0, 1, 2, 3]), np.array([1, 2, 3, 4, 4])
    b = np.array([-1.0, 0.5, -2.0, -0.5, 1.0])  # costs when a tie's ends share a bloc
    z = np.array([0, 1, 2, 1, 3])  # between blocs 0-1: -1, 0-2: 0.5, 2-3: -0.5, 1-3: 1 (1-3 is inside bloc 1)
    assert _merged(z, 4, u, v, b).tolist() == [0, 0, 1, 0, 2]  # 0 and 1 merged (-1), 2 and 3 renumbered
    assert _merged(np.array([0, 0, 1, 1, 1]), 2, u, v, b).tolist() == [0, 0, 0, 0, 0]


def test_dividing_the_bloc_with_hostile_ties_inside():
    from blocwatch.analysis.blocs import _divided

    # bloc 0 holds two camps of three (friends within, enemies across); bloc 1 is at peace
    friends = [(a, b, -1.0) for a, b in itertools.combinations(range(3), 2)]
    friends += [(a, b, -1.0) for a, b in itertools.combinations(range(3, 6), 2)]
    camps = friends + [(a, b, 1.0) for a in range(3) for b in range(3, 6)]
    u = np.array([a for a, _, _ in camps] + [6, 6])
    v = np.array([b for _, b, _ in camps] + [7, 8])
    b = np.array([c for _, _, c in camps] + [-1.0, -1.0])
    (start,) = _divided(np.array([0] * 6 + [1] * 3), 2, u, v, b, seed=0)
    assert start[6:].tolist() == [1, 1, 1] and sorted(map(sorted, [np.flatnonzero(start == c) for c in (0, 2)])) == [
        [0, 1, 2], [3, 4, 5]]


def test_more_blocs_are_tried_only_while_they_help():
    p = blocs(SignedNetwork.from_edges(CLIQUES))
    assert p.by_k == {1: 2.0, 2: 0.5, 3: 0.0, 4: 0.5, 5: 1.0, 6: 1.5}
    # 4, 5 and 6 do not beat 3 (FLAT_K = 3 in a row): 7 and 8 are not tried
    assert blocs(SignedNetwork.from_edges(CLIQUES), max_k=8).by_k == p.by_k
    assert blocs(SignedNetwork.from_edges(CLIQUES), max_k=3).by_k == {1: 2.0, 2: 0.5, 3: 0.0}


def test_a_given_split_is_a_start_beside_the_frustration_search(monkeypatch):
    import importlib

    module = importlib.import_module("blocwatch.analysis.blocs")
    net = SignedNetwork.from_edges(CLIQUES, nodes=["Lone"])
    expected = blocs(net)
    starts = {}
    search = module.bloc_search
    monkeypatch.setattr(module, "bloc_search", lambda n, u, v, b, k, st, **kw: starts.setdefault(k, st) and search(
        n, u, v, b, k, st, **kw))
    split = [1 if x.startswith("A") else 0 for x in net.nodes]  # A against the rest, Lone anywhere
    got = module.blocs(net, split=split)
    with_split, starts = starts, {}
    assert module.blocs(net) == expected
    attached = [x for x in net.nodes if x != "Lone"]
    assert with_split[2][0].tolist() == [int(x.startswith("A")) for x in attached]  # the split first,
    assert with_split[2][1].tolist() == starts[2][0].tolist()  # then the frustration search's, as without one
    assert len(with_split[2]) == len(starts[2]) + 1
    assert got.criterion <= expected.criterion
    with pytest.raises(InputError, match="one bloc"):
        module.blocs(net, split=split[:-1])


def test_a_proven_split_ends_the_search_for_two_blocs(monkeypatch):
    import importlib

    from blocwatch.analysis.balance import frustration

    module = importlib.import_module("blocwatch.analysis.blocs")
    net = SignedNetwork.from_edges(CLIQUES)
    fr = frustration(net, method="exact")
    assert fr.exact and fr.value == 1.0
    spins_bounds, searches = [], []
    spins, search = module.local_search, module.bloc_search
    monkeypatch.setattr(module, "local_search",
                        lambda *a, **kw: spins_bounds.append(kw.get("bound")) or spins(*a, **kw))
    monkeypatch.setattr(module, "bloc_search", lambda *a, **kw: searches.append(a[4]) or search(*a, **kw))
    # k = 2 asked with a proven split: no local search, and the split is the answer
    got = module.blocs(net, 2, split=fr.partition, split_optimal=True, restarts=10**6)
    assert got.criterion == fr.value / 2 and spins_bounds == [] and searches == [2]
    # k chosen: the local search beside the split stops at a split as good (P = half the frustration)
    # (later calls, with no bound, split a bloc in two for more blocs)
    module.blocs(net, split=fr.partition, split_optimal=True)
    assert spins_bounds[0] == fr.value / 2 and set(spins_bounds[1:]) == {None}
    spins_bounds.clear()
    module.blocs(net, split=fr.partition)  # not proven: the local search runs unbounded
    assert spins_bounds[0] == -np.inf
    spins_bounds.clear()
    module.blocs(net, split=fr.partition, split_optimal=True, alpha=0.3)  # other weights: no bound
    assert spins_bounds[0] == -np.inf
