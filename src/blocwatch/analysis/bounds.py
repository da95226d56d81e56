"""Lower bounds on the frustration index, and its exact solution, for one connected component.

Every two-bloc split frustrates at least one tie of each unbalanced cycle (a cycle with an odd
number of negative ties). The bounds, cheapest first:

- :func:`triangle_packing`: tie-disjoint unbalanced triangles, each worth its lightest tie;
- :class:`ComponentSolver`: the linear relaxation of the binary program of Aref, Mason & Wilson
  (2018), with one cut per unbalanced triangle, tightened round by round with the odd-cycle
  inequalities it violates (:func:`odd_cycle_cuts`, Barahona & Mahjoub 1986), then the integer
  program itself (HiGHS, :func:`scipy.optimize.milp`) under a time budget. Each step stops as soon
  as its bound meets the best split known; with integer weights the bound is rounded up.

Examples
--------
>>> import numpy as np
>>> u, v, s = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([-1, -1, -1])
>>> tri = unbalanced_triangles(3, u, v, s)
>>> tri.tolist(), triangle_packing(tri, np.ones(3)).tolist()
([[0, 1, 2]], [True])
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

__all__ = ["MAX_TRIANGLES", "ComponentSolver", "odd_cycle_cuts", "triangle_packing", "unbalanced_triangles"]

#: Unbalanced triangles enumerated at most (for the lower bound and the cuts; any subset is valid).
MAX_TRIANGLES = 200_000
#: Rounds of odd-cycle cuts at most, and the least relative gain of a round to go on.
CUT_ROUNDS, CUT_GAIN = 30, 1e-3
#: Cost added to each tie crossed in the search for violated odd cycles.
HOP = 1e-9
#: Shortest-path searches of one batch of the separation at most (memory: 2 x 2 x nodes numbers
#: each), and arcs they may scan together (a batch must end soon after the deadline).
SOURCES_PER_BATCH, ARCS_PER_BATCH = 256, 10_000_000


def unbalanced_triangles(n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Tie numbers ``(t, 3)`` of the unbalanced triangles (at most :data:`MAX_TRIANGLES`).

    Examples
    --------
    >>> unbalanced_triangles(4, np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3]), np.array([1, 1, -1, 1])).tolist()
    [[0, 1, 2]]
    """
    hi: list[dict[int, int]] = [{} for _ in range(n)]
    for e, (a, b) in enumerate(zip(np.minimum(u, v).tolist(), np.maximum(u, v).tolist(), strict=True)):
        hi[a][b] = e
    sign = s.tolist()
    out: list[tuple[int, int, int]] = []
    for ha in hi:
        for b, eab in ha.items():
            hb = hi[b]
            for c in ha.keys() & hb.keys():
                eac, ebc = ha[c], hb[c]
                if sign[eab] * sign[eac] * sign[ebc] < 0:
                    out.append((eab, eac, ebc))
            if len(out) >= MAX_TRIANGLES:
                return np.array(out[:MAX_TRIANGLES], dtype=np.int64)
    return np.array(out, dtype=np.int64).reshape(-1, 3)


def triangle_packing(tri: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Greedy set of tie-disjoint unbalanced triangles (mask over ``tri``).

    Every unbalanced triangle has at least one frustrated tie under any split, so the sum of the
    lightest weight of tie-disjoint unbalanced triangles is a lower bound on the frustration
    index. Triangles with heavy lightest ties go first, then those sharing fewest ties with others.

    Examples
    --------
    >>> triangle_packing(np.array([[0, 1, 2], [2, 3, 4], [5, 6, 7]]), np.ones(8)).tolist()
    [True, False, True]
    """
    chosen = np.zeros(len(tri), dtype=bool)
    if not len(tri):
        return chosen
    load = np.bincount(tri.ravel(), minlength=len(w))
    order = np.lexsort((load[tri].sum(axis=1), -w[tri].min(axis=1)))
    used = [False] * len(w)
    rows = tri.tolist()
    for t in order.tolist():
        a, b, c = rows[t]
        if not (used[a] or used[b] or used[c]):
            used[a] = used[b] = used[c] = chosen[t] = True
    return chosen


def odd_cycle_cuts(n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, f: np.ndarray, *,
                   sources: np.ndarray | None = None, limit: int = 2000, per_source: int = 8,
                   deadline: float = np.inf) -> list[tuple[np.ndarray, np.ndarray]]:
    """Odd-cycle inequalities that the fractional frustration ``f`` (one value in [0, 1] per tie) violates.

    Around any cycle ``C`` the number of frustrated ties has the parity of its negative ties. So
    for every ``F`` in ``C`` whose size has the other parity, ``sum_{e in F} (1 - f_e) +
    sum_{e in C - F} f_e >= 1`` (with ``F`` empty: an unbalanced cycle has a frustrated tie). They
    are found by shortest paths in a doubled graph (Barahona & Mahjoub 1986): each tie can be
    crossed at cost ``f`` (not in ``F``) or ``1 - f`` (in ``F``), changing copy when that makes the
    parity odd, so a path between the two copies of a node of length below 1 is a violated
    inequality. From each source, the shortest paths to both copies of a node ``y`` close such a
    walk through ``y`` and the point where the two paths part; the ``per_source`` most violated of
    those that are simple cycles are kept (of at most ``4 * per_source`` looked at). The search
    ends early at ``deadline`` (a ``time.perf_counter()`` value).

    Returns
    -------
    list of (numpy.ndarray, numpy.ndarray)
        Per cut, its ties and whether each is in ``F``; distinct simple cycles, the most violated
        first, at most ``limit``.

    Examples
    --------
    >>> u, v, s = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1, 1, -1])
    >>> [(e.tolist(), inf.tolist()) for e, inf in odd_cycle_cuts(3, u, v, s, np.zeros(3))]
    [([0, 1, 2], [False, False, False])]
    """
    from scipy import sparse
    from scipy.sparse.csgraph import dijkstra

    m = len(u)
    neg = (s < 0).astype(np.int64)
    f = np.clip(f, 0.0, 1.0) + HOP  # among cycles of one violation, the shortest (their cuts are stronger)
    arcs_a, arcs_b, cost, tie, in_f = [], [], [], [], []
    for flag, c, flip in ((False, f, neg), (True, 1.0 + 2 * HOP - f, 1 - neg)):
        for side in (0, 1):
            a, b = u + side * n, v + (side ^ flip) * n
            arcs_a += [a, b]
            arcs_b += [b, a]
            cost += [c, c]
            tie += [np.arange(m)] * 2
            in_f += [np.full(m, flag)] * 2
    a_all, b_all = np.concatenate(arcs_a), np.concatenate(arcs_b)
    tie_all, in_f_all = np.concatenate(tie), np.concatenate(in_f)
    graph = sparse.csr_array((np.concatenate(cost), (a_all, b_all)), shape=(2 * n, 2 * n))
    key = a_all * (2 * n) + b_all
    order = np.argsort(key)
    sorted_key = key[order]
    sources = np.arange(n) if sources is None else sources
    cuts: dict[tuple[tuple[int, bool], ...], float] = {}
    size = max(8, min(SOURCES_PER_BATCH, ARCS_PER_BATCH // max(1, 8 * m)))  # the deadline is checked between batches
    for lo in range(0, len(sources), size):
        batch = sources[lo:lo + size]
        dist, pred = dijkstra(graph, indices=batch, limit=1.0, return_predecessors=True)
        walk = dist[:, :n] + dist[:, n:]
        for r in range(len(batch)):
            if time.perf_counter() > deadline:
                break
            ys = np.flatnonzero(walk[r] < 1.0 - 1e-6)
            added = 0
            for y in ys[np.argsort(walk[r, ys], kind="stable")][:4 * per_source].tolist():
                found = _closed_walk(pred[r], y, n)
                if found is None:
                    continue
                steps = order[np.searchsorted(sorted_key, found[0] * (2 * n) + found[1])]
                cut = tuple(sorted(zip(tie_all[steps].tolist(), in_f_all[steps].tolist(), strict=True)))
                if cut not in cuts:
                    cuts[cut] = float(walk[r, y])
                    added += 1
                    if added >= per_source:
                        break
        if len(cuts) >= limit or time.perf_counter() > deadline:
            break
    best = sorted(cuts, key=cuts.__getitem__)[:limit]
    return [(np.array([e for e, _ in c], dtype=np.int64), np.array([b for _, b in c], dtype=bool)) for c in best]


def _closed_walk(pred: np.ndarray, y: int, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Arcs ``(from, to)`` of the walk from copy 0 of ``y`` up the shortest-path tree to where the
    path to copy 1 of ``y`` parts from it, and down to copy 1; None unless it is a simple cycle."""
    up = [y]
    while pred[up[-1]] >= 0:
        up.append(int(pred[up[-1]]))
    at = {node: i for i, node in enumerate(up)}
    down = [y + n]
    while down[-1] not in at:
        if pred[down[-1]] < 0:
            return None
        down.append(int(pred[down[-1]]))
    top = at[down[-1]]
    nodes = [p % n for p in up[1:top + 1] + down[1:-1]]
    if len(set(nodes)) != len(nodes) or y in nodes:
        return None
    path = up[:top + 1] + down[-2::-1]
    return np.array(path[1:]), np.array(path[:-1])


class ComponentSolver:
    """Bounds and the exact split of one connected component, tightened step by step.

    The binary program (Aref, Mason & Wilson 2018): one variable ``x`` per node (binary; the node
    of highest degree is fixed to 0 against the mirror symmetry) and ``f`` per tie (frustrated).
    Positive tie: ``f >= x_i - x_j``, ``f >= x_j - x_i``; negative tie: ``f >= x_i + x_j - 1``,
    ``f >= 1 - x_i - x_j``; minimise ``sum w f``. At integral ``x`` the optimal ``f`` is 0/1 by
    itself, so ``f`` is continuous in [0, 1]. Each unbalanced triangle adds the valid cut
    ``f_1 + f_2 + f_3 >= 1``, and each odd-cycle inequality found by :meth:`tighten` its row.

    :meth:`relaxation` solves the linear relaxation of that program (fixing a busy node makes it
    strong on networks with a hub); :meth:`tighten` the relaxation over ``f`` alone, whose odd-cycle
    inequalities it adds round by round, dropping those that no longer bind (without the ``x``
    rows and the slack cuts, each round's linear program stays small and quick); :meth:`solve` the
    integer program with the cuts kept.

    Parameters
    ----------
    n : int
        Nodes of the component.
    u, v, s, w : numpy.ndarray
        Its ties: ends (0 .. n - 1), signs, weights.
    tri : numpy.ndarray
        Unbalanced triangles (tie numbers) to add as cuts.

    Examples
    --------
    Five states all hostile to each other: two sides leave at least four hostile ties within.

    >>> u, v = np.triu_indices(5, 1)
    >>> solver = ComponentSolver(5, u, v, -np.ones(10, int), np.ones(10), np.zeros((0, 3), int))
    >>> solver.relaxation(time.perf_counter() + 10)
    2.0
    >>> solver.tighten(4.0, time.perf_counter() + 10)  # the odd cycles (triangles, 5-cycles) prove 4
    4.0
    >>> x, bound, optimal = solver.solve(time.perf_counter() + 10)
    >>> bound, optimal, int(sum(x[a] == x[b] for a, b in zip(u, v)))
    (4.0, True, 4)
    """

    def __init__(self, n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, w: np.ndarray, tri: np.ndarray) -> None:
        self.n, self.u, self.v, self.s, self.w = n, u, v, s, w
        self.cut_rows: list[np.ndarray] = []
        self.cut_cols: list[np.ndarray] = []
        self.cut_vals: list[np.ndarray] = []
        self.cut_lower: list[np.ndarray] = []
        self.cuts = 0
        self._add(tri, np.zeros(tri.shape, dtype=bool))
        self.integral = bool(np.all(w == np.round(w)))
        self.hub = int(np.argmax(np.bincount(np.concatenate([u, v]), minlength=n)))
        self.f: np.ndarray | None = None
        self.x: np.ndarray | None = None
        self.bound = 0.0

    def _add(self, ties: np.ndarray, in_f: np.ndarray) -> None:
        """Rows ``sum_{C - F} f - sum_F f >= 1 - |F|``, one per row of ``ties`` (and of ``in_f``)."""
        if not len(ties):
            return
        k = ties.shape[1]
        self.cut_rows.append(self.cuts + np.repeat(np.arange(len(ties)), k))
        self.cut_cols.append(ties.ravel())
        self.cut_vals.append(np.where(in_f.ravel(), -1.0, 1.0))
        self.cut_lower.append(1.0 - in_f.sum(axis=1))
        self.cuts += len(ties)

    def _prune(self, f: np.ndarray) -> None:
        """Drop the cuts that ``f`` satisfies with room to spare (their duals are 0: the relaxation's
        value stays), so that each round's program stays small."""
        rows, cols = np.concatenate(self.cut_rows), np.concatenate(self.cut_cols)
        vals, lower = np.concatenate(self.cut_vals), np.concatenate(self.cut_lower)
        keep = np.bincount(rows, weights=vals * f[cols], minlength=self.cuts) - lower < 1e-6
        renum = np.cumsum(keep) - 1
        held = keep[rows]
        self.cut_rows, self.cut_cols, self.cut_vals = [renum[rows[held]]], [cols[held]], [vals[held]]
        self.cut_lower, self.cuts = [lower[keep]], int(keep.sum())

    def _run(self, with_x: bool, integer: bool, seconds: float) -> Any:
        """HiGHS on the program over ``(x, f)`` (``with_x``) or over ``f`` and the cuts alone."""
        from scipy import sparse
        from scipy.optimize import Bounds, LinearConstraint, linprog, milp

        n, m = (self.n if with_x else 0), len(self.u)
        rows, cols, vals, lower = [], [], [], []
        ub = np.ones(n + m)
        if with_x:
            e, pos = np.arange(m), self.s > 0
            rows.append(np.concatenate([2 * e, 2 * e, 2 * e, 2 * e + 1, 2 * e + 1, 2 * e + 1]))
            cols.append(np.concatenate([n + e, self.u, self.v, n + e, self.u, self.v]))
            vals.append(np.concatenate([np.ones(m), -np.ones(m), np.where(pos, 1.0, -1.0),
                                        np.ones(m), np.ones(m), np.where(pos, -1.0, 1.0)]))
            lower.append(np.column_stack([np.where(pos, 0.0, -1.0), np.where(pos, 0.0, 1.0)]).ravel())
            ub[self.hub] = 0.0
        first = 2 * m if with_x else 0
        rows += [first + r for r in self.cut_rows]
        cols += [n + c for c in self.cut_cols]
        vals += self.cut_vals
        lower += self.cut_lower
        a = sparse.csr_array((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(first + self.cuts, n + m))
        cost, seconds = np.concatenate([np.zeros(n), self.w]), max(seconds, 1e-3)
        if not integer:  # over f alone with many cuts, interior points are several times quicker than simplex
            return linprog(cost, A_ub=-a, b_ub=-np.concatenate(lower), bounds=np.column_stack([np.zeros(n + m), ub]),
                           method="highs-ds" if with_x else "highs-ipm", options={"time_limit": seconds})
        return milp(cost, constraints=LinearConstraint(a, np.concatenate(lower), np.inf),
                    integrality=np.concatenate([np.ones(n), np.zeros(m)]), bounds=Bounds(0.0, ub),
                    options={"time_limit": seconds, "mip_rel_gap": 1e-7})

    def _rounded(self, value: float) -> float:
        """A bound on the frustration index from a bound ``value`` (rounded up for integer weights)."""
        return float(np.ceil(value - 1e-6 * max(1.0, abs(value)))) if self.integral else value

    def relaxation(self, deadline: float) -> float:
        """Solve the linear relaxation; its value (rounded up for integer weights) is a lower bound.

        Its solution is kept: ``x`` (fractional side of each node; rounded, often a good split).
        """
        res = self._run(True, False, deadline - time.perf_counter())
        if res.status == 0:
            self.x = res.x[:self.n]
            self.bound = max(self.bound, self._rounded(float(res.fun)))
        return self.bound

    def tighten(self, upper: float, deadline: float, split: np.ndarray | None = None) -> float:
        """Add violated odd-cycle inequalities and solve again, round after round, until the bound
        reaches ``upper``, no cut is violated, a round gains less than :data:`CUT_GAIN` of ``upper``,
        or the deadline passes. ``split`` (0/1 per node, the best known) narrows the search: a
        violated inequality crosses a tie whose ``f`` differs from that split's."""
        f = np.zeros(len(self.u)) if self.f is None else self.f
        rounds, last = 0, 0.0
        while self.bound < upper - 1e-9 * max(1.0, upper) and rounds < CUT_ROUNDS and time.perf_counter() < deadline:
            sources = None
            if split is not None:
                same = split[self.u] == split[self.v]
                off = np.abs(f - np.where(self.s > 0, ~same, same)) > 1e-6
                sources = np.unique(self.u[off])  # one end of each: every violated cycle has such a tie
            cuts = odd_cycle_cuts(self.n, self.u, self.v, self.s, f, sources=sources, limit=max(200, 2 * self.n),
                                  deadline=deadline)
            if not cuts:
                break
            for size in sorted({len(e) for e, _ in cuts}):
                group = [(e, inf) for e, inf in cuts if len(e) == size]
                self._add(np.array([e for e, _ in group]), np.array([inf for _, inf in group]))
            res = self._run(False, False, deadline - time.perf_counter())
            if res.status != 0:
                break
            f = self.f = res.x
            self.bound = max(self.bound, self._rounded(float(res.fun)))
            self._prune(f)
            rounds += 1
            if rounds > 1 and float(res.fun) - last < CUT_GAIN * max(1.0, upper):
                break
            last = float(res.fun)
        return self.bound

    def solve(self, deadline: float) -> tuple[np.ndarray | None, float, bool]:
        """The integer program with every cut so far: ``(0/1 split or None, bound, proved optimal)``.

        "Proved optimal" is HiGHS's status with a relative gap of at most 1e-7.
        """
        res = self._run(True, True, deadline - time.perf_counter())
        x = None if res.x is None else (res.x[:self.n] > 0.5).astype(np.int8)
        dual = getattr(res, "mip_dual_bound", None)
        if dual is not None and np.isfinite(dual):
            self.bound = max(self.bound, self._rounded(float(dual)))
        return x, self.bound, res.status == 0 and x is not None
