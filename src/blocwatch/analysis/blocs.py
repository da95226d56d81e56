"""Blocs of states: k-bloc partitions under relaxed structural balance.

Doreian & Mrvar (1996, 2009) partition a signed network into ``k`` blocs so that negative ties
fall between blocs and positive ties within them, and score a partition ``C`` by the weight of
the ties that do not fit:

``P(C) = alpha * (sum of |w| of negative ties within blocs) + (1 - alpha) * (sum of w of positive
ties between blocs)``.

:func:`blocs` minimises ``P`` by relocation local search (move one node to another bloc, or swap
two nodes of different blocs, while that lowers ``P``) from many seeded random starts, and from
one informed start: for two blocs ``P`` is a frustration index (weights ``alpha`` on negative and
``1 - alpha`` on positive ties), so the local search of :mod:`blocwatch.analysis.balance` gives a
good two-bloc split, which is then opened up to ``k`` blocs one node at a time (and, when ``k`` is
None, the best partition into ``k - 1`` blocs is opened up to ``k`` too).

Examples
--------
>>> net = SignedNetwork.from_edges([("A", "B", 1), ("C", "D", 1), ("E", "F", 1), ("A", "C", -1),
...                                 ("C", "E", -1), ("A", "E", -1)])
>>> p = blocs(net, 3)
>>> p.blocs, p.criterion
((('A', 'B'), ('C', 'D'), ('E', 'F')), 0.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from blocwatch.analysis.balance import local_search
from blocwatch.analysis.network import SignedNetwork
from blocwatch.errors import InputError

__all__ = ["BlocPartition", "BlocSupport", "bloc_support", "blocs"]

Edge = tuple[str, str, int, float]


@dataclass(frozen=True)
class BlocPartition:
    """A k-bloc partition and the ties that violate it.

    Attributes
    ----------
    k : int
        Number of blocs (0 when the network has no edge).
    blocs : tuple of tuple of str
        The blocs, largest first, then alphabetically; nodes sorted inside each.
    criterion : float
        ``P(C)`` (see the module docstring) of this partition.
    membership : dict
        Node -> index into :attr:`blocs`, for every node with at least one edge.
    errors : tuple of (source, target, sign, weight)
        Negative ties within blocs and positive ties between blocs, heaviest first.
    unattached : tuple of str
        Nodes without any edge: they carry no information about blocs and are left out of
        :attr:`blocs` and :attr:`membership`.
    alpha : float
        The weight of negative-within errors in ``P``.
    by_k : dict
        Best criterion found for each ``k`` tried (one entry when ``k`` was given).
    """

    k: int
    blocs: tuple[tuple[str, ...], ...]
    criterion: float
    membership: dict[str, int]
    errors: tuple[Edge, ...]
    unattached: tuple[str, ...] = ()
    alpha: float = 0.5
    by_k: dict[int, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {"k": self.k, "alpha": self.alpha, "criterion": self.criterion,
                "blocs": [list(b) for b in self.blocs], "membership": dict(self.membership),
                "errors": [{"source": a, "target": b, "sign": s, "weight": w} for a, b, s, w in self.errors],
                "unattached": list(self.unattached),
                "by_k": {str(k): c for k, c in (self.by_k or {}).items()}}


def _descend(b: np.ndarray, z: np.ndarray, m: np.ndarray, sizes: np.ndarray, tol: float) -> None:
    """Relocate (best move, else best swap) in place while that lowers ``P``.

    ``b = alpha * |negative| - (1 - alpha) * positive`` (symmetric, zero diagonal), so that ``P`` is
    ``(1 - alpha) * (total positive weight)`` plus the sum of ``b`` over pairs inside blocs. With
    ``M = b Z`` (``Z`` the one-hot membership), moving node ``i`` from bloc ``a`` to ``c`` changes
    ``P`` by ``M[i, c] - M[i, a]``; swapping ``i`` (in ``a``) and ``j`` (in ``c``) by
    ``D[i, c] + D[j, a] - 2 b_ij`` with ``D = M - M[i, own bloc]``. No move empties a bloc.
    """
    rows = np.arange(len(b))
    while True:
        d = m - m[rows, z][:, None]
        dm = np.where((sizes[z] == 1)[:, None], np.inf, d)
        i, c = divmod(int(np.argmin(dm)), m.shape[1])
        if dm[i, c] < -tol:
            moves = [(i, c)]
        else:
            x = d[:, z]
            sw = x + x.T - 2 * b
            sw[z[:, None] == z[None, :]] = np.inf
            i, j = divmod(int(np.argmin(sw)), len(b))
            if sw[i, j] >= -tol:
                return
            moves = [(i, int(z[j])), (j, int(z[i]))]
        for i, c in moves:
            _move(b, z, m, sizes, i, c)


def _move(b: np.ndarray, z: np.ndarray, m: np.ndarray, sizes: np.ndarray, i: int, c: int) -> None:
    m[:, z[i]] -= b[:, i]
    m[:, c] += b[:, i]
    sizes[z[i]] -= 1
    sizes[c] += 1
    z[i] = c


def _split_to(b: np.ndarray, z: np.ndarray, k: int, tol: float) -> np.ndarray:
    """A k-bloc start from a partition with fewer blocs: descend, then open each missing bloc with
    the node that is cheapest to move there, descending after each."""
    z = z.copy()
    m, sizes = b @ np.eye(k)[z], np.bincount(z, minlength=k)
    _descend(b, z, m, sizes, tol)
    for c in np.flatnonzero(sizes == 0).tolist():
        i = int(np.argmin(np.where(sizes[z] > 1, -m[np.arange(len(b)), z], np.inf)))
        _move(b, z, m, sizes, i, c)
        _descend(b, z, m, sizes, tol)
    return z


def _search(b: np.ndarray, k: int, starts: list[np.ndarray], rng: np.random.Generator, restarts: int,
            tol: float) -> tuple[np.ndarray, float]:
    """Best assignment (bloc per node, all ``k`` blocs non-empty) and its ``sum_{i<j same bloc} b_ij``.

    Descends from ``starts`` (opened up to ``k`` blocs by :func:`_split_to`) and ``restarts`` random
    assignments. (Perturbing each local optimum and descending again was tried: on the COW networks,
    more plain restarts find better optima for the same time.)
    """
    n = len(b)
    best, best_p = np.zeros(n, dtype=np.int64), np.inf
    if k == 1:
        return best, float(b.sum()) / 2
    for r in range(len(starts) + restarts):
        if r < len(starts):
            z = _split_to(b, starts[r], k, tol)
        else:
            z = rng.integers(k, size=n)
            z[rng.permutation(n)[:k]] = np.arange(k)
            _descend(b, z, b @ np.eye(k)[z], np.bincount(z, minlength=k), tol)
        p = float(b[z[:, None] == z[None, :]].sum()) / 2
        if p < best_p - tol:
            best, best_p = z, p
    return best, best_p


def blocs(net: SignedNetwork, k: int | None = None, *, alpha: float = 0.5, restarts: int = 50, seed: int = 0,
          max_k: int = 6) -> BlocPartition:
    """Partition the nodes into ``k`` blocs that best fit relaxed structural balance.

    Parameters
    ----------
    net : SignedNetwork
        Weights are used as given.
    k : int, optional
        Number of blocs (every bloc non-empty). When None, ``k = 1 .. max_k`` are tried and the
        smallest ``k`` whose criterion is within ``1e-9 * total weight`` of the least one found is
        kept: more blocs are used only when they fit strictly better (a network of friendly ties
        only is one bloc).
    alpha : float
        Weight in [0, 1] of negative ties within blocs against positive ties between them.
    restarts : int
        Random starts of the local search per ``k``, besides the informed ones (see the module
        docstring); deterministic for a ``seed``. The result is the best local optimum found, not
        a proof of optimality: on the COW networks (about 150 nodes) the default finds the best
        known partition for most ``k``; more restarts help on larger networks.
    seed : int
        Seed of the random starts.
    max_k : int
        Largest ``k`` tried when ``k`` is None.

    Returns
    -------
    BlocPartition
        Nodes without edges are listed in ``unattached`` and left out of the blocs.

    Examples
    --------
    >>> net = SignedNetwork.from_edges([("A", "B", 1), ("B", "C", 1), ("C", "D", -1), ("D", "E", 1),
    ...                                 ("A", "D", -1)], nodes=["Z"])
    >>> p = blocs(net)
    >>> p.k, p.blocs, p.criterion, p.unattached
    (2, (('A', 'B', 'C'), ('D', 'E')), 0.0, ('Z',))
    >>> blocs(net, 3).criterion  # a third bloc must cut one positive tie
    0.5
    >>> blocs(SignedNetwork.from_edges([("A", "B", 1), ("B", "C", 1)])).blocs
    (('A', 'B', 'C'),)
    """
    if not 0 <= alpha <= 1:
        raise InputError(f"alpha must be in [0, 1], not {alpha}")
    if restarts < 1 or max_k < 2 or (k is not None and k < 1):
        raise InputError("restarts and k must be at least 1, max_k at least 2")
    u, v, s, w = net.arrays
    attached = np.unique(np.concatenate([u, v]))
    names = [net.nodes[i] for i in attached.tolist()]
    unattached = tuple(x for x in net.nodes if x not in set(names))
    n = len(names)
    if k is not None and k > n:
        raise InputError(f"k = {k} blocs, but only {n} nodes have ties")
    if n == 0:
        return BlocPartition(0, (), 0.0, {}, (), unattached, alpha, {})
    pos = np.searchsorted(attached, u), np.searchsorted(attached, v)
    b = np.zeros((n, n))
    b[pos] = np.where(s < 0, alpha * w, -(1 - alpha) * w)
    b += b.T
    tol = 1e-9 * max(1.0, float(w.sum()))
    base = (1 - alpha) * float(w[s > 0].sum())
    # For two blocs P is the frustration of the network with weights alpha (negative ties) and
    # 1 - alpha (positive ties): the frustration local search gives a strong first start.
    spins = local_search(n, pos[0], pos[1], np.where(s < 0, -alpha * w, (1 - alpha) * w), seed, 8)
    found: dict[int, tuple[np.ndarray, float]] = {}
    for kk in [k] if k is not None else range(1, min(max_k, n) + 1):
        starts = [(spins < 0).astype(np.int64)] + ([found[kk - 1][0]] if kk - 1 in found else [])
        z, p = _search(b, kk, starts, np.random.default_rng([seed, kk]), restarts, tol)
        found[kk] = (z, base + p)
    least = min(p for _, p in found.values())
    k = min(kk for kk, (_, p) in found.items() if p <= least + tol)
    z = found[k][0]
    groups = sorted((tuple(x for x, g in zip(names, z.tolist(), strict=True) if g == c) for c in range(k)),
                    key=lambda g: (-len(g), g))
    member = {x: i for i, g in enumerate(groups) for x in g}
    errors = sorted(((e.source, e.target, e.sign, e.weight) for e in net.edges
                     if (member[e.source] == member[e.target]) == (e.sign < 0)), key=lambda e: (-e[3], e[0], e[1]))
    criterion = float(sum(((alpha if e[2] < 0 else 1 - alpha) * e[3] for e in errors), 0.0))
    return BlocPartition(k, tuple(groups), criterion, dict(sorted(member.items())), tuple(errors), unattached,
                         alpha, {kk: p for kk, (_, p) in sorted(found.items())})


@dataclass(frozen=True)
class BlocSupport:
    """Whether a network's blocs are more than its signs alone would give (:func:`bloc_support`).

    Attributes
    ----------
    p_value : float or None
        Share of sign-shuffled networks whose best partition fits at least as well (None when
        ``arrangements`` is too small for any *p* to reach ``level``).
    ties, hostile : int
        Ties of the network, and how many of them are hostile.
    arrangements : int
        Distinct ways of placing that many hostile ties on those ties.
    supported : bool
        ``p_value <= level``.
    partition : BlocPartition
        The partition tested (the best one :func:`blocs` finds with the same search as for the
        shuffled networks): show this one beside the *p*-value.
    """

    p_value: float | None
    ties: int
    hostile: int
    arrangements: int
    supported: bool
    partition: BlocPartition | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"p_value": self.p_value, "ties": self.ties, "hostile": self.hostile,
                "arrangements": self.arrangements, "supported": self.supported}


def bloc_support(net: SignedNetwork, *, permutations: int = 99, level: float = 0.05, seed: int = 0,
                 restarts: int = 10) -> BlocSupport:
    """Test whether ``net``'s blocs are better than those of the same ties with their signs shuffled.

    The best partition found by :func:`blocs` (``k`` chosen automatically) is scored by its criterion
    ``P``; the same is done for ``permutations`` networks with the same nodes, ties and weights whose
    signs are placed on the ties at random (as many hostile ties as before). The *p*-value is the share
    of them that fit at least as well, the observed network counted. Blocs that random signs fit as
    well say nothing beyond the signs themselves: a tree, for instance, splits perfectly whatever its
    signs. Networks with fewer than ``1 / level`` distinct arrangements of their hostile ties cannot
    reach the level at all (``p_value`` None), nor can networks without both kinds of tie.

    Examples
    --------
    >>> camps = [("A", "B", 1), ("A", "C", 1), ("B", "C", 1), ("D", "E", 1), ("D", "F", 1), ("E", "F", 1)]
    >>> hostile = [(x, y, -1) for x in "ABC" for y in "DEF"]
    >>> s = bloc_support(SignedNetwork.from_edges(camps + hostile))
    >>> s.supported, s.ties, s.hostile, s.p_value <= 0.05
    (True, 15, 9, True)
    >>> bloc_support(SignedNetwork.from_edges([("A", "B", 1), ("B", "C", -1), ("C", "D", -1)])).supported
    False
    """
    u, v, sign, w = net.arrays
    ties, hostile = len(sign), int((sign < 0).sum())
    arrangements = math.comb(ties, hostile)
    partition = blocs(net, restarts=restarts, seed=seed)
    if hostile == 0 or hostile == ties or arrangements * level < 1:
        return BlocSupport(None, ties, hostile, arrangements, False, partition)
    observed = partition.criterion
    rng = np.random.default_rng(seed)
    names = net.nodes
    tol = 1e-9 * max(1.0, float(w.sum()))
    reached = 0
    for _ in range(permutations):
        shuffled = rng.permutation(sign)
        other = SignedNetwork.from_edges(
            [(names[a], names[b], int(x), float(y)) for a, b, x, y in zip(u.tolist(), v.tolist(), shuffled.tolist(),
                                                                          w.tolist(), strict=True)])
        reached += blocs(other, restarts=restarts, seed=seed).criterion <= observed + tol
    p = (1 + reached) / (1 + permutations)
    return BlocSupport(p, ties, hostile, arrangements, p <= level, partition)
