"""Triangle balance and the frustration index: exact values, brute force, and the classic data sets."""

from __future__ import annotations

import csv
import itertools
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from blocwatch.analysis.balance import frustration, triangle_balance
from blocwatch.analysis.network import SignedNetwork
from blocwatch.errors import InputError

NEG_TRIANGLE = [("A", "B", -1), ("B", "C", -1), ("A", "C", -1)]
SQUARE = [("A", "B", 1), ("B", "C", -1), ("C", "D", 1), ("D", "A", -1)]


def random_net(seed: int, n: int, p: float = 0.5, weighted: bool = False) -> SignedNetwork:
    rng = np.random.default_rng(seed)
    edges = [(f"n{i:02d}", f"n{j:02d}", int(rng.choice((-1, 1))), float(rng.integers(1, 6)) if weighted else 1.0)
             for i, j in itertools.combinations(range(n), 2) if rng.random() < p]
    return SignedNetwork.from_edges(edges, nodes=[f"n{i:02d}" for i in range(n)])


def brute_force(net: SignedNetwork) -> float:
    """Least frustrated weight over all 2^(n-1) splits."""
    n = len(net.nodes)
    u, v, s, w = net.arrays
    if n < 2 or not len(u):
        return 0.0
    x = (np.arange(2 ** (n - 1))[:, None] >> np.arange(n)) & 1
    same = x[:, u] == x[:, v]
    return float((np.where(s > 0, ~same, same) * w).sum(axis=1).min())


def brute_triangles(net: SignedNetwork) -> tuple[int, int, float, float]:
    """Triangles, balanced ones, and the geometric-mean weights of all / balanced ones."""
    total = bal = 0
    wt = wb = 0.0
    for a, b, c in itertools.combinations(net.nodes, 3):
        es = [net.edge(a, b), net.edge(b, c), net.edge(a, c)]
        if all(es):
            gm = float(np.prod([e.weight for e in es])) ** (1 / 3)
            total += 1
            wt += gm
            if es[0].sign * es[1].sign * es[2].sign > 0:
                bal += 1
                wb += gm
    return total, bal, wt, wb


# -- triangles -------------------------------------------------------------------------------


def test_triangles_small():
    t = triangle_balance(SignedNetwork.from_edges(NEG_TRIANGLE))
    assert (t.triangles, t.balanced, t.unbalanced, t.ratio, t.weighted_ratio) == (1, 0, 1, 0.0, 0.0)
    t = triangle_balance(SignedNetwork.from_edges(SQUARE))
    assert (t.triangles, t.ratio, t.weighted_ratio) == (0, None, None)
    t = triangle_balance(SignedNetwork.from_edges([], nodes=["A"]))
    assert t.to_dict() == {"triangles": 0, "balanced": 0, "unbalanced": 0, "ratio": None, "weighted_ratio": None}


@pytest.mark.parametrize("seed", range(6))
def test_triangles_match_enumeration(seed):
    net = random_net(seed, 14, 0.6, weighted=True)
    t = triangle_balance(net)
    total, bal, wt, wb = brute_triangles(net)
    assert (t.triangles, t.balanced, t.unbalanced) == (total, bal, total - bal)
    assert t.ratio == pytest.approx(bal / total)
    assert t.weighted_ratio == pytest.approx(wb / wt)
    counts = triangle_balance(net, weighted=False)  # the counts alone, as the balance rows show them
    assert (counts.triangles, counts.balanced, counts.ratio, counts.weighted_ratio) == (total, bal, t.ratio, None)


# -- frustration: hand-built ----------------------------------------------------------------------


def test_balanced_square():
    f = frustration(SignedNetwork.from_edges(SQUARE))
    assert (f.value, f.exact, f.bound, f.gap, f.frustrated) == (0.0, True, 0.0, 0.0, ())
    assert f.blocs() == (["A", "B"], ["C", "D"])


@pytest.mark.parametrize("method", ["auto", "exact", "heuristic"])
def test_negative_triangle(method):
    f = frustration(SignedNetwork.from_edges(NEG_TRIANGLE), method=method)
    assert (f.value, f.exact, f.bound, f.gap) == (1.0, True, 1.0, 0.0)
    assert len(f.frustrated) == 1 and f.frustrated[0][2] == -1
    a, b = f.frustrated[0][:2]
    assert f.node_contributions == {n: (1.0 if n in (a, b) else 0.0) for n in "ABC"}
    assert f.method == ("heuristic" if method == "heuristic" else "exact")


def test_weights_change_the_optimum():
    edges = [("A", "B", 1, 5.0), ("B", "C", 1, 2.0), ("A", "C", -1, 3.0)]
    f = frustration(SignedNetwork.from_edges(edges))
    assert (f.value, f.exact, f.frustrated) == (2.0, True, (("B", "C", 1, 2.0),))
    assert f.blocs() == (["A", "B"], ["C"])
    heavy = frustration(SignedNetwork.from_edges([*edges[:2], ("A", "C", -1, 1.0)]))
    assert heavy.frustrated == (("A", "C", -1, 1.0),) and heavy.blocs() == (["A", "B", "C"], [])


def test_disconnected_components_and_isolated_node():
    edges = NEG_TRIANGLE + [("X", "Y", -1), ("Y", "Z", -1), ("X", "Z", -1, 4.0)] + [
        (f"S{a}", f"S{b}", s) for (a, b, s) in SQUARE]
    net = SignedNetwork.from_edges(edges, nodes=["Lone"])
    for method in ("exact", "heuristic"):
        f = frustration(net, method=method)
        assert (f.value, f.exact) == (2.0, True)
        assert {e[:2] for e in f.frustrated} & {("X", "Z")} == set()  # the heavy tie is kept balanced
        assert f.partition[net.index["A"]] == f.partition[net.index["Lone"]] == 0
        assert f.partition[net.index["SA"]] == f.partition[net.index["X"]] == 0  # first node of each component
        assert sum(f.node_contributions.values()) == 2 * f.value


def test_empty_and_single_edge():
    for net in (SignedNetwork.from_edges([]), SignedNetwork.from_edges([], nodes=["A", "B"])):
        f = frustration(net)
        assert (f.value, f.exact, f.bound, f.gap, f.frustrated) == (0.0, True, 0.0, 0.0, ())
        assert f.partition == (0,) * len(net.nodes)
    f = frustration(SignedNetwork.from_edges([("A", "B", -1, 2.5)]))
    assert (f.value, f.exact, f.blocs()) == (0.0, True, (["A"], ["B"]))


def test_to_dict_is_json():
    d = frustration(SignedNetwork.from_edges(NEG_TRIANGLE + [("C", "D", 1)])).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["value"] == 1.0 and len(d["blocs"]) == 2 and d["frustrated"][0]["sign"] == -1


def test_bad_input():
    net = SignedNetwork.from_edges(NEG_TRIANGLE)
    with pytest.raises(InputError):
        frustration(net, method="magic")
    with pytest.raises(InputError):
        frustration(net, time_limit=-1)


def test_time_budget_and_auto_switch():
    net = random_net(3, 25, 0.4, weighted=True)
    h = frustration(net, method="heuristic")
    assert h.bound < h.value and not h.exact and 0 < h.gap < 1  # the triangle packing alone proves nothing here
    out = frustration(net, method="exact", time_limit=0)  # no time for the solver: heuristic + packing bound
    assert (out.method, out.exact, out.value, out.bound) == ("exact", False, h.value, h.bound)
    solved = frustration(net, method="exact")
    assert solved.exact and solved.bound == solved.value <= h.value
    assert frustration(net, exact_max_nodes=10).method == "heuristic"


def test_solver_stopped_by_time_limit_reports_its_bound():
    net = random_net(3, 40, 0.5, weighted=True)  # random signs: about 5 s to prove optimal
    h = frustration(net, method="heuristic")
    out = frustration(net, method="exact", time_limit=0.2)
    assert not out.exact and out.seconds < 3
    assert h.bound < out.bound < out.value <= h.value  # the solver's dual bound beats the triangle packing
    assert out.gap == pytest.approx((out.value - out.bound) / out.value)


# -- frustration: against brute force ---------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_exact_and_heuristic_match_brute_force(seed):
    n = 6 + seed % 7  # 6 .. 12 nodes
    net = random_net(seed, n, 0.6, weighted=seed % 2 == 1)
    best = brute_force(net)
    exact = frustration(net, method="exact")
    heur = frustration(net, method="heuristic", seed=seed)
    assert exact.exact and exact.value == pytest.approx(best)
    assert heur.value == pytest.approx(best)
    assert heur.bound <= best + 1e-9
    # the reported partition really has the reported value
    x = np.array(exact.partition)
    u, v, s, w = net.arrays
    same = x[u] == x[v]
    assert float((np.where(s > 0, ~same, same) * w).sum()) == pytest.approx(exact.value)


# -- real data --------------------------------------------------------------------------------------


def read_csv(shared: Path, name: str) -> list[dict[str, str]]:
    path = shared / "networks" / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def gahuku_gama(shared: Path) -> SignedNetwork:
    return SignedNetwork.from_edges((r["source"], r["target"], int(r["sign"]))
                                    for r in read_csv(shared, "gahuku_gama_edges.csv"))


def cow_windows(shared: Path) -> dict[str, SignedNetwork]:
    """The 51 windows; combine="error" proves no pair is listed twice (in either direction)."""
    by = defaultdict(list)
    for r in read_csv(shared, "signnet_cow_signed_networks_1946_1999.csv"):
        by[r["graph"]].append((r["state1"], r["state2"], int(r["sign"])))
    return {g: SignedNetwork.from_edges(e, label=g, combine="error") for g, e in by.items()}


def wwi(shared: Path, year: int) -> SignedNetwork:
    """Ties in force in ``year``; where one tie ends and another begins that year, the newer one holds."""
    latest: dict[tuple[str, str], tuple[float, int]] = {}
    for r in read_csv(shared, "wwi_antal2006_edges.csv"):
        if float(r["begin"]) <= year <= float(r["end"]):
            key = tuple(sorted((r["source"], r["target"])))
            if key not in latest or float(r["begin"]) > latest[key][0]:
                latest[key] = (float(r["begin"]), int(r["sign"]))
    return SignedNetwork.from_edges((a, b, s) for (a, b), (_, s) in latest.items())


@pytest.mark.shared
def test_gahuku_gama(shared):
    net = gahuku_gama(shared)
    assert (len(net.nodes), len(net.edges)) == (16, 58)
    t = triangle_balance(net)
    assert (t.triangles, t.balanced, t.unbalanced) == (68, 59, 9)
    exact = frustration(net)
    assert (exact.value, exact.exact, exact.method) == (7.0, True, "exact")
    assert frustration(net, method="heuristic").value == 7.0


@pytest.mark.shared
def test_wwi_1907_is_balanced(shared):
    net = wwi(shared, 1907)
    assert len(net.edges) == 15
    f = frustration(net)
    assert (f.value, f.exact) == (0.0, True)
    assert sorted(map(sorted, f.blocs())) == [["AUH", "DEU", "ITA"], ["FRA", "GBR", "RUS"]]
    assert triangle_balance(net).ratio == 1.0


@pytest.mark.shared
@pytest.mark.slow
def test_cow_windows(shared):
    nets = cow_windows(shared)
    assert len(nets) == 51
    gaps = []
    for label, net in nets.items():
        exact = frustration(net, method="exact", time_limit=30, restarts=2)  # the solver does the work
        heur = frustration(net, method="heuristic")
        assert exact.exact, label
        assert heur.value >= exact.value - 1e-9, label
        assert heur.bound <= exact.value + 1e-9, label  # the triangle packing is a valid lower bound
        gaps.append((heur.value - exact.value) / exact.value)
        assert 0 < triangle_balance(net).ratio <= 1, label
    gaps = np.array(gaps)
    assert (gaps == 0).mean() >= 0.8
    assert gaps.mean() < 0.02


# -- exact proofs by cuts, and the time budget ----------------------------------------------------------


def planted(n: int, ties: int, noise: float, seed: int = 0) -> SignedNetwork:
    """Two camps, friendly within and hostile across, a share ``noise`` of the signs flipped."""
    rng = np.random.default_rng(seed)
    u, v = np.triu_indices(n, 1)
    pick = rng.choice(len(u), ties, replace=False)
    u, v, camp = u[pick], v[pick], rng.integers(2, size=n)
    sign = np.where(camp[u] == camp[v], 1, -1) * np.where(rng.random(ties) < noise, -1, 1)
    return SignedNetwork.from_edges([(f"s{a:03d}", f"s{b:03d}", int(x)) for a, b, x in zip(u, v, sign, strict=True)],
                                    nodes=[f"s{i:03d}" for i in range(n)])


def test_odd_cycle_cuts_prove_a_sparse_planted_network_without_the_integer_program(monkeypatch):
    """The triangle-cut relaxation is weak on sparse networks (few triangles); odd-cycle cuts close it."""
    from blocwatch.analysis import bounds

    net = planted(150, 450, 0.1)
    u, v, s, w = net.arrays
    tri = bounds.unbalanced_triangles(len(net.nodes), u, v, s)
    h = frustration(net, method="heuristic")
    assert h.bound < 0.5 * h.value  # the triangle packing proves little here
    monkeypatch.setattr(bounds.ComponentSolver, "solve", lambda *a: pytest.fail("the cuts should suffice"))
    f = frustration(net, method="exact")
    assert f.exact and f.bound == f.value <= h.value
    assert f.value <= sum(1 for a, b, sg in zip(u, v, s, strict=True) if sg < 0) and len(tri) < 20


def test_a_budget_too_short_reports_the_proven_gap():
    net = random_net(5, 80, 0.25)  # random signs: not proven in 20 s; the relaxation takes milliseconds
    h = frustration(net, method="heuristic")
    out = frustration(net, method="exact", time_limit=2)
    assert (out.method, out.exact) == ("exact", False)
    assert h.bound < out.bound < out.value <= h.value  # the relaxation and its cuts prove more than the packing
    assert out.gap == pytest.approx((out.value - out.bound) / out.value) and 0 < out.gap < 1
    assert out.bound == int(out.bound)  # integer weights: a whole number of ties
