"""Blocs of states: k-bloc partitions under relaxed structural balance.

Doreian & Mrvar (1996, 2009) partition a signed network into ``k`` blocs so that negative ties
fall between blocs and positive ties within them, and score a partition ``C`` by the weight of
the ties that do not fit:

``P(C) = alpha * (sum of |w| of negative ties within blocs) + (1 - alpha) * (sum of w of positive
ties between blocs)``.

:func:`blocs` minimises ``P`` by relocation local search (move one node to another bloc, or swap
two nodes of different blocs, while that lowers ``P``; :mod:`blocwatch.analysis.partition`), from
informed starts and seeded random ones. For two blocs ``P`` is a frustration index (weights
``alpha`` on negative and ``1 - alpha`` on positive ties), so the frustration local search of
:mod:`blocwatch.analysis.spins` and a given split (the exact frustration split, in
:mod:`~blocwatch.analysis.structure`) give good two-bloc splits, each opened up to ``k`` blocs one
node at a time; when ``k`` is None, the best partition into ``k - 1`` blocs is opened up to ``k``
too, and its bloc with the most hostile ties inside is split in two (a whole group can leave
together, which moving one node at a time cannot do). The random starts for one ``k`` stop once
three of them end at the same best partition, or 25 in a row bring nothing better, or ``P`` meets
a lower bound (0, or for two blocs with ``alpha = 1/2`` a proven split's value). Larger ``k`` are
tried only while they help (three values of ``k`` in a row that do not lower the least ``P``
found end the search), and then each best partition, with its two closest blocs merged, is a
start for one bloc fewer. Stopping earlier (two repeats, ten starts, two values of ``k``), or
starting from the given split alone, was faster but ended worse than the full search of 50 random
starts for every ``k`` on a few of the 51 COW networks; these settings end no worse on any of
them.

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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.partition import bloc_search
from blocwatch.analysis.spins import local_search
from blocwatch.errors import InputError

__all__ = ["BlocPartition", "BlocSupport", "bloc_support", "blocs"]

Edge = tuple[str, str, int, float]

#: The search for one ``k`` stops when this many of its starts have ended at the same best
#: partition, or when this many random starts in a row have not improved it.
REPEATS, PATIENCE = 3, 25
#: Without a given ``k``, larger ``k`` are not tried once this many in a row have not lowered the
#: least criterion found.
FLAT_K = 3
#: Starts of the frustration local search whose split is a first start.
SPIN_STARTS = 8
#: Blocs of the best partition into ``k - 1`` blocs split in two as starts for ``k`` (those with the
#: most weight of hostile ties inside).
DIVIDED = 1


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


def _divided(z: np.ndarray, k: int, u: np.ndarray, v: np.ndarray, b: np.ndarray, seed: int) -> list[np.ndarray]:
    """Starts for ``k + 1`` blocs from a partition into ``k``: the :data:`DIVIDED` blocs with the most
    weight of hostile ties inside, each split in two by the two-bloc local search on its own ties."""
    inner = z[u] == z[v]
    cost = np.bincount(z[u][inner], weights=np.maximum(b[inner], 0.0), minlength=k)
    out = []
    for c in np.argsort(-cost, kind="stable")[:DIVIDED].tolist():
        keep = inner & (z[u] == c)
        if cost[c] <= 0 or not keep.any():
            continue
        inside = np.flatnonzero(z == c)
        spins = local_search(len(inside), np.searchsorted(inside, u[keep]), np.searchsorted(inside, v[keep]),
                             -b[keep], seed, 0, repeats=1, stall=0)
        if 0 < (spins < 0).sum() < len(inside):
            out.append(z.copy())
            out[-1][inside[spins < 0]] = k
    return out


def _merged(z: np.ndarray, k: int, u: np.ndarray, v: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``z`` with the two blocs merged whose union adds least to the criterion (the sum of ``b``
    over the ties between them), blocs renumbered ``0 .. k - 2``."""
    between = np.zeros((k, k))
    across = z[u] != z[v]
    np.add.at(between, (np.minimum(z[u], z[v])[across], np.maximum(z[u], z[v])[across]), b[across])
    between[np.tril_indices(k)] = np.inf
    a, c = divmod(int(np.argmin(between)), k)
    out = np.where(z == c, a, z)
    return out - (out > c)


def blocs(net: SignedNetwork, k: int | None = None, *, alpha: float = 0.5, restarts: int = 50, seed: int = 0,
          max_k: int = 6, split: Sequence[int] | None = None, split_optimal: bool = False) -> BlocPartition:
    """Partition the nodes into ``k`` blocs that best fit relaxed structural balance.

    Parameters
    ----------
    net : SignedNetwork
        Weights are used as given.
    k : int, optional
        Number of blocs (every bloc non-empty). When None, ``k = 1, 2, ...`` are tried (up to
        ``max_k``, while more blocs help, see the module docstring) and the smallest ``k`` whose
        criterion is within ``1e-9 * total weight`` of the least one found is kept: more blocs are
        used only when they fit strictly better (a network of friendly ties only is one bloc).
    alpha : float
        Weight in [0, 1] of negative ties within blocs against positive ties between them.
    restarts : int
        Random starts of the local search per ``k`` at most, besides the informed ones (see the
        module docstring); deterministic for a ``seed``. The result is the best local optimum
        found, not a proof of optimality.
    seed : int
        Seed of the random starts.
    max_k : int
        Largest ``k`` tried when ``k`` is None.
    split : sequence of int, optional
        A two-bloc split to start from, one bloc (0 or 1) per node of ``net.nodes``, such as
        :attr:`Frustration.partition <blocwatch.analysis.balance.Frustration.partition>`. It is a
        start beside the split of :func:`~blocwatch.analysis.spins.local_search` (8 random starts
        at most), not instead of it.
    split_optimal : bool
        ``split`` is a proven best split (an exact frustration index's). With ``alpha = 1/2`` its
        value bounds two blocs: the search for two blocs stops once it is met (at once, unless the
        split leaves one side empty), the local search beside it stops at a split as good, and
        when only ``k = 2`` is asked the local search is not run.

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
    tied = set(names)
    unattached = tuple(x for x in net.nodes if x not in tied)
    n = len(names)
    if k is not None and k > n:
        raise InputError(f"k = {k} blocs, but only {n} nodes have ties")
    if n == 0:
        return BlocPartition(0, (), 0.0, {}, (), unattached, alpha, {})
    pu, pv = np.searchsorted(attached, u), np.searchsorted(attached, v)  # u < v, sorted like the edges
    b = np.where(s < 0, alpha * w, -(1 - alpha) * w)
    tol = 1e-9 * max(1.0, float(w.sum()))
    base = (1 - alpha) * float(w[s > 0].sum())
    # For two blocs P is the frustration of the network with weights alpha (negative ties) and
    # 1 - alpha (positive ties): the frustration local search gives a strong first start, and a
    # given split (the exact one, from balance) another; both are kept, as each alone ends worse
    # than the other on some networks. With alpha = 1/2 two blocs cost half the frustrated
    # weight, so a proven split bounds k = 2 and, when only k = 2 is asked, is the answer.
    firsts, proven = [], None
    if split is not None:
        if len(split) != len(net.nodes):
            raise InputError(f"split: one bloc (0 or 1) per node, {len(net.nodes)} of them, not {len(split)}")
        firsts.append((np.asarray(split)[attached] != 0).astype(np.int64))
        if split_optimal and alpha == 0.5:
            proven = float(b[firsts[0][pu] == firsts[0][pv]].sum())
    if SPIN_STARTS and not (k == 2 and proven is not None):
        # beside a proven split it stops at a split as good (another one, as often as not)
        spins = local_search(n, pu, pv, np.where(s < 0, -alpha * w, (1 - alpha) * w), seed, SPIN_STARTS,
                             bound=-np.inf if proven is None else proven + base)
        firsts.append((spins < 0).astype(np.int64))
    found: dict[int, tuple[np.ndarray, float]] = {}
    flat = 0
    for kk in [k] if k is not None else range(1, min(max_k, n) + 1):
        starts = firsts + ([found[kk - 1][0]] if kk - 1 in found else [])
        if kk - 1 in found and kk > 2:
            starts += _divided(found[kk - 1][0], kk - 1, pu, pv, b, seed)
        bound = proven if kk == 2 and proven is not None else -base
        z, p = bloc_search(n, pu, pv, b, kk, starts, seed=[seed, kk], restarts=restarts, bound=bound,
                           repeats=REPEATS, patience=PATIENCE, tol=tol)
        flat = flat + 1 if found and base + p >= min(q for _, q in found.values()) - tol else 0
        found[kk] = (z, base + p)
        if flat == FLAT_K:  # more blocs have stopped helping
            break
    for kk in sorted(found, reverse=True)[:-1]:  # fewer blocs from more: merge two, descend
        if kk - 1 > 1:
            z, p = bloc_search(n, pu, pv, b, kk - 1, [_merged(found[kk][0], kk, pu, pv, b)], restarts=0, tol=tol)
            if base + p < found[kk - 1][1] - tol:
                found[kk - 1] = (z, base + p)
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
