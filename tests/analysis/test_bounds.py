"""Lower bounds on the frustration index and its exact solution per component, against brute force."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from blocwatch.analysis.bounds import ComponentSolver, odd_cycle_cuts, triangle_packing, unbalanced_triangles


def random_signed(seed: int, n: int, p: float, weighted: bool = False):
    """A connected seeded random signed graph: a path through all nodes plus random ties."""
    rng = np.random.default_rng(seed)
    u, v = np.triu_indices(n, 1)
    keep = (rng.random(len(u)) < p) | (v == u + 1)
    u, v = u[keep], v[keep]
    w = rng.integers(1, 6, len(u)).astype(float) if weighted else np.ones(len(u))
    return u, v, rng.choice((-1, 1), len(u)), w


def splits(n: int) -> np.ndarray:
    """Every split of n nodes (node 0 on side 0), one row each."""
    return (np.arange(2 ** (n - 1))[:, None] >> np.arange(n)) & 1


def frustrations(n: int, u, v, s, w) -> np.ndarray:
    """Frustrated ties (0/1) of every split, one row each."""
    x = splits(n)
    same = x[:, u] == x[:, v]
    return np.where(s > 0, ~same, same)


@pytest.mark.parametrize("seed", range(4))
def test_unbalanced_triangles_are_all_of_them(seed):
    u, v, s, w = random_signed(seed, 9, 0.6)
    tie = {(a, b): e for e, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True))}
    expected = {tuple(sorted((tie[a, b], tie[a, c], tie[b, c])))
                for a, b, c in itertools.combinations(range(9), 3)
                if {(a, b), (a, c), (b, c)} <= tie.keys() and s[tie[a, b]] * s[tie[a, c]] * s[tie[b, c]] < 0}
    got = unbalanced_triangles(9, u, v, s)
    assert {tuple(sorted(t)) for t in got.tolist()} == expected and len(got) == len(expected)


@pytest.mark.parametrize("seed", range(4))
def test_the_triangle_packing_is_tie_disjoint_and_a_lower_bound(seed):
    u, v, s, w = random_signed(seed, 10, 0.6, weighted=True)
    tri = unbalanced_triangles(10, u, v, s)
    chosen = tri[triangle_packing(tri, w)]
    assert len(chosen) and len(np.unique(chosen)) == chosen.size
    optimum = (frustrations(10, u, v, s, w) * w).sum(axis=1).min()
    assert w[chosen].min(axis=1).sum() <= optimum


@pytest.mark.parametrize("seed", range(6))
def test_odd_cycle_cuts_are_violated_cycles_that_every_split_satisfies(seed):
    n = 9
    u, v, s, w = random_signed(seed, n, 0.35)
    f = np.random.default_rng(seed).random(len(u)) * 0.6  # a fractional frustration, mostly low
    cuts = odd_cycle_cuts(n, u, v, s, f)
    assert cuts
    every = frustrations(n, u, v, s, w)
    for ties, in_f in cuts:
        ends = np.concatenate([u[ties], v[ties]])
        assert len(set(ties.tolist())) == len(ties) and (np.bincount(ends) % 2 == 0).all()  # a cycle:
        assert len(np.unique(ends)) == len(ties)  # each of its nodes on two of its ties, no repeat
        assert (in_f.sum() + (s[ties] < 0).sum()) % 2 == 1  # F has the other parity than the negatives
        lhs = np.where(in_f, 1 - f[ties], f[ties]).sum()
        assert lhs < 1  # violated by f
        assert (np.where(in_f, 1 - every[:, ties], every[:, ties]).sum(axis=1) >= 1).all()  # valid for all splits


def test_no_cut_when_f_is_a_split():
    u, v, s, w = random_signed(1, 9, 0.5)
    f = frustrations(9, u, v, s, w)[5].astype(float)
    assert odd_cycle_cuts(9, u, v, s, f) == []


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", range(5))
def test_bounds_rise_to_the_optimum(seed, weighted):
    n = 11
    u, v, s, w = random_signed(seed, n, 0.45, weighted)
    optimum = float((frustrations(n, u, v, s, w) * w).sum(axis=1).min())
    solver = ComponentSolver(n, u, v, s, w, unbalanced_triangles(n, u, v, s))
    deadline = time.perf_counter() + 60
    relaxed = solver.relaxation(deadline)
    tightened = solver.tighten(optimum, deadline)
    x, bound, optimal = solver.solve(deadline)
    assert relaxed <= tightened <= bound <= optimum + 1e-9
    assert optimal and bound == pytest.approx(optimum)
    same = x[u] == x[v]
    assert float(w @ np.where(s > 0, ~same, same)) == pytest.approx(optimum)
    if not weighted:  # integer weights: bounds are whole numbers
        assert relaxed == int(relaxed) and tightened == int(tightened)


def test_a_solver_out_of_time_returns_what_it_has_proven():
    u, v, s, w = random_signed(0, 40, 0.3)
    solver = ComponentSolver(40, u, v, s, w, unbalanced_triangles(40, u, v, s))
    assert solver.relaxation(time.perf_counter() - 1) == 0.0  # no time: no bound beyond 0
    assert solver.tighten(1e9, time.perf_counter() - 1) == 0.0
    x, bound, optimal = solver.solve(time.perf_counter() - 1)
    assert not optimal and bound <= float(w[s < 0].sum())  # at most what the one-bloc split frustrates
