"""Structural balance of a signed network: triangles and the frustration index.

A triangle is balanced when the product of its three signs is positive ("the enemy of my enemy
is my friend"). :func:`triangle_balance` counts balanced and unbalanced triangles with matrix
algebra. :func:`frustration` finds the split of the nodes into two blocs that leaves the least
total weight of *frustrated* ties (a positive tie between the blocs, or a negative one inside a
bloc): the frustration index, or line index of balance. The frustrated ties are the relations
that hold the system out of balance.

Computing the frustration index is NP-hard. It is solved exactly with the binary linear program
of Aref, Mason & Wilson (2018, "Computing the line index of balance using integer programming
optimisation") and HiGHS, its linear relaxation tightened by odd-cycle cuts first
(:mod:`blocwatch.analysis.bounds`), or approximately by local search
(:mod:`blocwatch.analysis.spins`); every answer carries a proven lower bound, so a heuristic
answer, or one cut short by the time budget, says how far from optimal it can be.

Examples
--------
>>> net = SignedNetwork.from_edges([("A", "B", -1), ("B", "C", -1), ("A", "C", -1), ("C", "D", 1)])
>>> triangle_balance(net).unbalanced
1
>>> f = frustration(net)
>>> f.value, f.exact, len(f.frustrated)
(1.0, True, 1)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from blocwatch.analysis.bounds import ComponentSolver, triangle_packing, unbalanced_triangles
from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.spins import local_search
from blocwatch.errors import InputError

__all__ = ["Frustration", "TriangleBalance", "frustration", "local_search", "triangle_balance"]

Edge = tuple[str, str, int, float]


@dataclass(frozen=True)
class TriangleBalance:
    """Triangle counts of a signed network.

    ``ratio`` is balanced / triangles; ``weighted_ratio`` weights each triangle by the geometric
    mean of its three edge weights. Both are ``None`` when there is no triangle, and
    ``weighted_ratio`` when it was not asked for.
    """

    triangles: int
    balanced: int
    unbalanced: int
    ratio: float | None
    weighted_ratio: float | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {"triangles": self.triangles, "balanced": self.balanced, "unbalanced": self.unbalanced,
                "ratio": self.ratio, "weighted_ratio": self.weighted_ratio}


def _trace3(n: int, u: np.ndarray, v: np.ndarray, vals: np.ndarray) -> Any:
    """``trace(A^3)`` of the symmetric sparse matrix with ``A[u, v] = A[v, u] = vals``."""
    from scipy import sparse

    a = sparse.csr_array((np.concatenate([vals, vals]), (np.concatenate([u, v]), np.concatenate([v, u]))),
                         shape=(n, n))
    return (a @ a).multiply(a).sum()


def triangle_balance(net: SignedNetwork, *, weighted: bool = True) -> TriangleBalance:
    """Count balanced and unbalanced triangles.

    With ``S`` the sign matrix, ``trace(|S|^3) / 6`` is the number of triangles and
    ``trace(S^3) / 6`` the number of balanced minus unbalanced ones (sparse products, no
    enumeration). For the weighted ratio the matrix holds ``sign * weight^(1/3)``, so that each
    triangle's term is ``sign product * (w1 w2 w3)^(1/3)``: the geometric mean of its weights;
    with ``weighted=False`` it is not computed (None), which halves the work.

    Examples
    --------
    >>> net = SignedNetwork.from_edges([("A", "B", 1, 8.0), ("B", "C", 1), ("A", "C", 1),
    ...                                 ("C", "D", -1), ("B", "D", 1)])
    >>> t = triangle_balance(net)
    >>> t.triangles, t.balanced, t.unbalanced, t.ratio, t.weighted_ratio
    (2, 1, 1, 0.5, 0.6666666666666666)
    >>> triangle_balance(net, weighted=False).weighted_ratio is None
    True
    """
    n = len(net.nodes)
    u, v, s, w = net.arrays
    if len(u) == 0:
        return TriangleBalance(0, 0, 0, None, None)
    total = int(_trace3(n, u, v, np.abs(s).astype(np.int64))) // 6
    signed = int(_trace3(n, u, v, s.astype(np.int64))) // 6
    if total == 0:
        return TriangleBalance(0, 0, 0, None, None)
    balanced = (total + signed) // 2
    if not weighted:
        return TriangleBalance(total, balanced, total - balanced, balanced / total, None)
    cw = np.cbrt(w)
    wtotal = float(_trace3(n, u, v, cw))
    wsigned = float(_trace3(n, u, v, s * cw))
    return TriangleBalance(total, balanced, total - balanced, balanced / total, (wtotal + wsigned) / (2 * wtotal))


@dataclass(frozen=True)
class Frustration:
    """The best two-bloc split found and how far from balance it leaves the network.

    Attributes
    ----------
    value : float
        Total weight of the frustrated edges under :attr:`partition` (the frustration index when
        ``exact``).
    exact : bool
        Whether ``value`` is proved optimal (``bound`` reaches it).
    bound : float
        Best proven lower bound on the frustration index.
    gap : float
        ``(value - bound) / value``; 0 when ``value`` is 0.
    method : {"exact", "heuristic"}
        The path taken: the integer program (checked against the local search) or local search only.
    seconds : float
        Wall time.
    nodes, partition : tuple
        The nodes (``net.nodes``) and a 0/1 bloc per node; in each connected component the first
        node is in bloc 0. Optimal splits are often not unique: this is one of them.
    frustrated : tuple of (source, target, sign, weight)
        The frustrated edges, heaviest first.
    node_contributions : dict
        Per node, the summed weight of the frustrated edges touching it.
    """

    value: float
    exact: bool
    bound: float
    gap: float
    method: str
    seconds: float
    nodes: tuple[str, ...]
    partition: tuple[int, ...]
    frustrated: tuple[Edge, ...]
    node_contributions: dict[str, float]

    def blocs(self) -> tuple[list[str], list[str]]:
        """The nodes of bloc 0 and of bloc 1."""
        return ([n for n, b in zip(self.nodes, self.partition, strict=True) if b == 0],
                [n for n, b in zip(self.nodes, self.partition, strict=True) if b == 1])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (blocs instead of the raw partition)."""
        return {"value": self.value, "exact": self.exact, "bound": self.bound, "gap": self.gap,
                "method": self.method, "seconds": round(self.seconds, 6), "blocs": list(self.blocs()),
                "frustrated": [{"source": a, "target": b, "sign": s, "weight": w} for a, b, s, w in self.frustrated],
                "node_contributions": dict(self.node_contributions)}


def _frustrated_mask(x: np.ndarray, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Edges frustrated by the 0/1 split ``x``."""
    same = x[u] == x[v]
    return np.where(s > 0, ~same, same)


def frustration(net: SignedNetwork, *, method: str = "auto", time_limit: float = 30.0, exact_max_nodes: int = 400,
                seed: int = 0, restarts: int = 16) -> Frustration:
    """The frustration index: the least total weight of edges that break balance under any 2-bloc split.

    Parameters
    ----------
    net : SignedNetwork
        Weights are used as given (1.0 for an unweighted edge list).
    method : {"auto", "exact", "heuristic"}
        ``exact`` proves the index per connected component, cheapest step first: the linear
        relaxation of the integer program of Aref, Mason & Wilson (with a cut per unbalanced
        triangle), then odd-cycle cuts round by round, then the integer program itself (HiGHS via
        :func:`scipy.optimize.milp`), each step only while the bound is below the best split
        known. ``heuristic`` runs the local search only; ``auto`` is exact when the network has at
        most ``exact_max_nodes`` nodes. The local search runs after the relaxation (its rounded
        split is the first start, and the search stops as soon as it meets the bound): its split is
        kept when the solver's is not better.
    time_limit : float
        Seconds for the exact steps over all components. When it runs out the result is the better
        of the solver's incumbent and the heuristic, ``exact`` is False, and ``bound`` and ``gap``
        say what is proven.
    exact_max_nodes : int
        Largest network ``auto`` solves exactly.
    seed, restarts : int
        Random starts of the local search at most (besides the spectral start); deterministic for
        a seed. The search stops before them once two starts end at the same split.

    Returns
    -------
    Frustration
        ``bound`` is the best of the bounds proven (the relaxations', the solver's) and a greedy
        packing of edge-disjoint unbalanced triangles (each needs one frustrated edge, so the
        packing's lightest edges sum to a lower bound); with integer weights it is rounded up.
        ``exact`` is True whenever the bound reaches the value, whatever the method.

    Examples
    --------
    >>> sq = SignedNetwork.from_edges([("A", "B", 1), ("B", "C", -1), ("C", "D", 1), ("D", "A", -1)])
    >>> f = frustration(sq)
    >>> f.value, f.exact, f.blocs()
    (0.0, True, (['A', 'B'], ['C', 'D']))
    >>> tri = SignedNetwork.from_edges([("A", "B", 1, 5.0), ("B", "C", 1, 2.0), ("A", "C", -1, 3.0)])
    >>> frustration(tri, method="heuristic").frustrated
    (('B', 'C', 1, 2.0),)
    """
    if method not in ("auto", "exact", "heuristic"):
        raise InputError(f"method: choose auto, exact or heuristic, not {method!r}")
    if not time_limit >= 0 or exact_max_nodes < 0 or restarts < 0:
        raise InputError("time_limit, exact_max_nodes and restarts must not be negative")
    t0 = time.perf_counter()
    n = len(net.nodes)
    u, v, s, w = net.arrays
    x = np.zeros(n, dtype=np.int8)
    bound = 0.0
    use_exact = method == "exact" or (method == "auto" and n <= exact_max_nodes)
    if len(u):
        from scipy import sparse
        from scipy.sparse.csgraph import connected_components

        tol = 1e-9 * max(1.0, float(w.sum()))
        ncomp, comp = connected_components(sparse.coo_array((np.ones(len(u)), (u, v)), shape=(n, n)), directed=False)
        tri = unbalanced_triangles(n, u, v, s)
        packed = triangle_packing(tri, w)
        ecomp = comp[u]
        tcomp = ecomp[tri[:, 0]] if len(tri) else np.zeros(0, dtype=np.int64)
        lower = np.bincount(tcomp[packed], weights=w[tri[packed]].min(axis=1) if packed.any() else None,
                            minlength=ncomp).astype(float)
        deadline = time.perf_counter() + time_limit
        solvers: dict[int, tuple[ComponentSolver, np.ndarray, np.ndarray]] = {}

        def solver(c: int) -> tuple[ComponentSolver, np.ndarray, np.ndarray]:
            """Component ``c``'s solver (its linear relaxation solved), nodes and ties."""
            if c not in solvers:
                nodes_c, edges_c = np.flatnonzero(comp == c), np.flatnonzero(ecomp == c)
                local = np.full(n, -1, dtype=np.int64)
                local[nodes_c] = np.arange(len(nodes_c))
                renum = np.full(len(u), -1, dtype=np.int64)
                renum[edges_c] = np.arange(len(edges_c))
                solvers[c] = (ComponentSolver(len(nodes_c), local[u[edges_c]], local[v[edges_c]], s[edges_c],
                                              w[edges_c], renum[tri[tcomp == c]]), nodes_c, edges_c)
                lower[c] = max(lower[c], solvers[c][0].relaxation(deadline))
            return solvers[c]

        # Components with a cycle can be frustrated: the linear relaxation's bound first, so that
        # the local search can stop as soon as it meets it.
        cyclic = np.bincount(ecomp, minlength=ncomp) >= np.bincount(comp, minlength=ncomp)
        for c in np.flatnonzero(cyclic).tolist() if use_exact else []:
            if time.perf_counter() >= deadline:
                break
            solver(c)
        rounded = None
        if solvers:  # the relaxations' splits, rounded: often optimal when their bound is tight
            rounded = np.ones(n)
            for sol, nodes_c, _ in solvers.values():
                if sol.x is not None:
                    rounded[nodes_c] = np.where(sol.x > 0.5, -1.0, 1.0)
        x = (local_search(n, u, v, s * w, seed, restarts, bound=float(lower.sum()), start=rounded) < 0
             ).astype(np.int8)
        heur = np.bincount(ecomp, weights=w * _frustrated_mask(x, u, v, s), minlength=ncomp)
        for c in np.flatnonzero(heur > lower + tol).tolist() if use_exact else []:
            if time.perf_counter() >= deadline:
                break
            sol, nodes_c, edges_c = solver(c)
            if sol.tighten(float(heur[c]), deadline, x[nodes_c]) >= heur[c] - tol:
                lower[c] = heur[c]
                continue
            xc, dual, optimal = sol.solve(deadline)
            if xc is not None:
                fc = float(w[edges_c] @ _frustrated_mask(xc, sol.u, sol.v, sol.s))
                if fc < heur[c] - tol:
                    x[nodes_c], heur[c] = xc, fc
            lower[c] = heur[c] if optimal else max(lower[c], min(dual, heur[c]))
        lower = np.minimum(lower, heur)
        first = np.full(ncomp, n, dtype=np.int64)
        np.minimum.at(first, comp, np.arange(n))
        x = x ^ x[first[comp]]
        bound = float(lower.sum())
    mask = _frustrated_mask(x, u, v, s) if len(u) else np.zeros(0, dtype=bool)
    frus = sorted(((net.nodes[a], net.nodes[b], int(sg), float(wt))
                   for a, b, sg, wt in zip(u[mask], v[mask], s[mask], w[mask], strict=True)),
                  key=lambda e: (-e[3], e[0], e[1]))
    contrib = dict.fromkeys(net.nodes, 0.0)
    for a, b, _, wt in frus:
        contrib[a] += wt
        contrib[b] += wt
    value = float(sum(e[3] for e in frus))
    exact = bound >= value - 1e-9 * max(1.0, value)
    bound = value if exact else bound
    return Frustration(value, exact, bound, (value - bound) / value if value > 0 else 0.0,
                       "exact" if use_exact else "heuristic", time.perf_counter() - t0, net.nodes,
                       tuple(int(b) for b in x), tuple(frus), contrib)
