"""Signed weighted networks of states: the data structure every balance function takes.

A :class:`SignedNetwork` is undirected: one edge per unordered pair of nodes, with a sign
(+1 friendly, -1 hostile) and a positive weight (how intense the relation is). Networks come
from a relations table (:func:`network_from_relations`, thresholds in :class:`EdgeRule`) or
from any edge list (:meth:`SignedNetwork.from_edges`), and go out as JSON, GraphML, GEXF,
networkx or igraph.

Examples
--------
>>> net = SignedNetwork.from_edges([("USA", "KOR", 1, 2.0), ("PRK", "KOR", -1, 1.5), ("PRK", "USA", -1)])
>>> net.nodes
('KOR', 'PRK', 'USA')
>>> [(e.source, e.target, e.sign, e.weight) for e in net.edges]
[('KOR', 'PRK', -1, 1.5), ('KOR', 'USA', 1, 2.0), ('PRK', 'USA', -1, 1.0)]
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocwatch.errors import InputError, ParameterError

if TYPE_CHECKING:  # imported where used: the command line reads EDGE_WEIGHTS and EdgeRule without it
    import numpy as np

__all__ = ["EDGE_WEIGHTS", "EdgeRule", "SignedEdge", "SignedNetwork", "network_from_relations"]

#: What an edge's weight can be (see :class:`EdgeRule`).
EDGE_WEIGHTS = ("events", "log_events", "intensity", "net")


@dataclass(frozen=True)
class SignedEdge:
    """One undirected tie, ``source < target`` alphabetically.

    ``net`` (net cooperation in [-1, 1]), its 95% ``interval`` and ``events`` are set for networks
    built from events and ``None``/0 for networks read from an edge list.
    """

    source: str
    target: str
    sign: int
    weight: float = 1.0
    net: float | None = None
    events: int = 0
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class SignedNetwork:
    """An undirected signed weighted network.

    Parameters
    ----------
    nodes : tuple of str
        Sorted node names; may include isolated nodes.
    edges : tuple of SignedEdge
        Sorted by (source, target); no self-loops, no duplicate pairs, sign +1 or -1.
    label : str, optional
        What the network is (a window such as ``2024-06``, a group of an edge file).
    """

    nodes: tuple[str, ...]
    edges: tuple[SignedEdge, ...]
    label: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_edges(
        cls,
        edges: Iterable[Sequence[Any]],
        *,
        nodes: Iterable[str] = (),
        label: str | None = None,
        combine: str = "error",
    ) -> SignedNetwork:
        """Build from ``(u, v, sign)`` or ``(u, v, sign, weight)`` tuples.

        Parameters
        ----------
        edges : iterable of tuples
            Signs may be any number: > 0 is positive, < 0 negative, 0 means no tie and is skipped.
        nodes : iterable of str
            Extra (possibly isolated) nodes.
        combine : {"error", "sum", "symmetric"}
            What to do when a pair appears twice (both directions of a directed list, say):
            raise :class:`InputError`; add the signed weights (a pair summing to 0 is dropped);
            or, for lists that give each tie in both directions, keep the larger weight when the
            signs agree and add the signed weights when they do not. ``meta["merged"]`` counts
            the repeated pairs.

        Examples
        --------
        >>> SignedNetwork.from_edges([("a", "b", 1), ("b", "a", -1, 3)], combine="sum").edges[0].sign
        -1
        """
        if combine not in ("error", "sum", "symmetric"):
            raise ValueError(f"combine must be 'error', 'sum' or 'symmetric', not {combine!r}")
        pairs: dict[tuple[str, str], float] = {}
        names = set(nodes)
        merged = 0
        for k, row in enumerate(edges, start=1):
            if len(row) < 3:
                raise InputError(f"edge {k}: expected (source, target, sign[, weight]), got {tuple(row)!r}")
            u, v, s = str(row[0]), str(row[1]), float(row[2])
            w = float(row[3]) if len(row) > 3 and row[3] is not None else 1.0
            if not math.isfinite(s) or not math.isfinite(w) or w < 0:
                raise InputError(f"edge {k} ({u}, {v}): sign and weight must be finite, weight >= 0")
            names.update((u, v))
            if u == v or s == 0 or w == 0:
                continue
            key = (u, v) if u < v else (v, u)
            signed = math.copysign(w, s)
            if key in pairs:
                if combine == "error":
                    raise InputError(f"edge {k}: the pair {key[0]}-{key[1]} appears twice")
                merged += 1
                old = pairs[key]
                if combine == "symmetric" and old * signed > 0:
                    pairs[key] = math.copysign(max(abs(old), w), old)
                else:
                    pairs[key] = old + signed
            else:
                pairs[key] = signed
        out = tuple(
            SignedEdge(a, b, 1 if x > 0 else -1, abs(x)) for (a, b), x in sorted(pairs.items()) if x != 0
        )
        return cls(tuple(sorted(names)), out, label, {"merged": merged} if combine == "symmetric" else {})

    # -- views ----------------------------------------------------------------------------

    @cached_property
    def index(self) -> dict[str, int]:
        """Position of each node in :attr:`nodes`."""
        return {n: i for i, n in enumerate(self.nodes)}

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(u, v, sign, weight)`` as numpy arrays over node positions (for the algorithms)."""
        import numpy as np

        ix = self.index
        u = np.fromiter((ix[e.source] for e in self.edges), np.int64, len(self.edges))
        v = np.fromiter((ix[e.target] for e in self.edges), np.int64, len(self.edges))
        s = np.fromiter((e.sign for e in self.edges), np.int8, len(self.edges))
        w = np.fromiter((e.weight for e in self.edges), np.float64, len(self.edges))
        return u, v, s, w

    def matrix(self, *, weighted: bool = True) -> np.ndarray:
        """Symmetric signed adjacency matrix (``sign * weight``, or just the sign).

        Examples
        --------
        >>> SignedNetwork.from_edges([("a", "b", -1, 2.0)]).matrix()
        array([[ 0., -2.],
               [-2.,  0.]])
        """
        import numpy as np

        n = len(self.nodes)
        a = np.zeros((n, n))
        u, v, s, w = self.arrays
        vals = s * w if weighted else s.astype(float)
        a[u, v] = vals
        a[v, u] = vals
        return a

    def edge(self, a: str, b: str) -> SignedEdge | None:
        """The tie between ``a`` and ``b`` (either order), or ``None``."""
        key = (a, b) if a < b else (b, a)
        return self._by_pair.get(key)

    @cached_property
    def _by_pair(self) -> dict[tuple[str, str], SignedEdge]:
        return {(e.source, e.target): e for e in self.edges}

    def subgraph(self, nodes: Iterable[str]) -> SignedNetwork:
        """The network induced by ``nodes`` (those present)."""
        keep = set(nodes) & set(self.nodes)
        edges = tuple(e for e in self.edges if e.source in keep and e.target in keep)
        return SignedNetwork(tuple(sorted(keep)), edges, self.label, dict(self.meta))

    # -- export -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: ``{"label", "nodes", "edges": [{source, target, sign, weight, ...}]}``
        (``net_low`` and ``net_high`` only on ties whose interval is known)."""
        return {
            "label": self.label,
            "nodes": list(self.nodes),
            "edges": [
                {"source": e.source, "target": e.target, "sign": e.sign, "weight": e.weight, "net": e.net,
                 "events": e.events, **_interval(e)}
                for e in self.edges
            ],
            **({"meta": self.meta} if self.meta else {}),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False)

    def to_networkx(self) -> Any:
        """A ``networkx.Graph``; edges carry ``sign``, ``weight`` (always positive), ``net``, ``events``
        and, when known, ``net_low`` and ``net_high``.

        Examples
        --------
        >>> g = SignedNetwork.from_edges([("a", "b", -1, 2.0)]).to_networkx()
        >>> g["a"]["b"]["sign"], g["a"]["b"]["weight"]
        (-1, 2.0)
        """
        import networkx as nx

        g = nx.Graph(label=self.label or "")
        g.add_nodes_from(self.nodes)
        for e in self.edges:
            attrs: dict[str, Any] = {"sign": e.sign, "weight": e.weight, "events": e.events}
            if e.net is not None:
                attrs["net"] = e.net
            attrs.update(_interval(e))
            g.add_edge(e.source, e.target, **attrs)
        return g

    def to_igraph(self) -> Any:
        """An ``igraph.Graph`` with vertex attribute ``name`` and edge attributes ``sign``, ``weight``."""
        import igraph as ig

        u, v, s, w = self.arrays
        g = ig.Graph(n=len(self.nodes), edges=list(zip(u.tolist(), v.tolist(), strict=True)))
        g.vs["name"] = list(self.nodes)
        g.es["sign"] = s.tolist()
        g.es["weight"] = w.tolist()
        g.es["events"] = [e.events for e in self.edges]
        return g

    def write(self, path: str | Path, fmt: str | None = None) -> None:
        """Write as ``json``, ``graphml`` or ``gexf`` (guessed from the suffix when ``fmt`` is None)."""
        path = Path(path)
        fmt = (fmt or path.suffix.lstrip(".")).lower()
        from blocwatch.files import atomic_write

        atomic_write(path, self.dumps(fmt))

    def dumps(self, fmt: str) -> str:
        """The network as ``json``, ``graphml`` or ``gexf`` text.

        Examples
        --------
        >>> "<gexf" in SignedNetwork.from_edges([("a", "b", 1)]).dumps("gexf")
        True
        """
        if fmt == "json":
            return self.to_json()
        import networkx as nx

        g = self.to_networkx()
        if fmt == "graphml":
            return "\n".join(nx.generate_graphml(g))
        if fmt == "gexf":
            return "\n".join(nx.generate_gexf(g))
        raise ParameterError("format", f"choose json, graphml or gexf, not {fmt!r}")


@dataclass(frozen=True)
class EdgeRule:
    """How a relations row becomes a signed tie.

    Parameters
    ----------
    neutral : float
        Half-width of the neutral band: ``|net| <= neutral`` gives no tie (default 0.1).
    min_events : int
        Fewer events than this give no tie (default 3): one report is not a relation.
    weight : {"events", "log_events", "intensity", "net"}
        Edge weight: the event count, ``log1p`` of it (default: a dyad with 1,000 reports is
        not 1,000 times as strong a tie), the total absolute score (``score_pos + score_neg``),
        or ``|net|``.

    Examples
    --------
    >>> EdgeRule().sign(0.05), EdgeRule().sign(-0.4), EdgeRule().sign(0.3)
    (0, -1, 1)
    """

    neutral: float = 0.1
    min_events: int = 3
    weight: str = "log_events"

    def __post_init__(self) -> None:
        if not 0 <= self.neutral < 1:
            raise ParameterError("neutral", f"must be in [0, 1), not {self.neutral}")
        if self.min_events < 1:
            raise ParameterError("min_events", f"must be at least 1, not {self.min_events}")
        if self.weight not in EDGE_WEIGHTS:
            raise ParameterError("edge_weight", f"choose one of {', '.join(EDGE_WEIGHTS)}, not {self.weight!r}")

    def sign(self, net: float) -> int:
        """+1, -1 or 0 (neutral) for a net cooperation score (the band's edges, to 1e-9, are neutral)."""
        if net > self.neutral + 1e-9:
            return 1
        if net < -self.neutral - 1e-9:
            return -1
        return 0

    def edge_weight(self, events: float, intensity: float, net: float) -> float:
        """The weight of a tie under this rule."""
        if self.weight == "events":
            return float(events)
        if self.weight == "log_events":
            return math.log1p(events)
        if self.weight == "intensity":
            return float(intensity)
        return abs(net)


def _interval(e: SignedEdge) -> dict[str, float]:
    return {} if e.interval is None else {"net_low": e.interval[0], "net_high": e.interval[1]}


def network_from_relations(rows: Iterable[dict[str, Any]], rule: EdgeRule | None = None, *,
                           label: str | None = None, nodes: Iterable[str] = ()) -> SignedNetwork:
    """A signed network from the undirected relations rows of one window.

    Parameters
    ----------
    rows : iterable of dict
        Rows with ``source``, ``target``, ``events``, ``net``, ``score_pos`` and ``score_neg``:
        an undirected dyad table (``DyadQuery(directed=False)``) with
        :func:`blocwatch.analysis.cooperation.add_net` applied.
    rule : EdgeRule, optional
        Sign and weight thresholds (defaults documented on :class:`EdgeRule`).
    nodes : iterable of str
        States to include even without ties; states of rows below the thresholds are kept as
        isolated nodes.

    Examples
    --------
    >>> rows = [{"source": "KOR", "target": "USA", "events": 40, "net": 0.6, "score_pos": 90.0, "score_neg": 3.0},
    ...         {"source": "PRK", "target": "USA", "events": 2, "net": -0.9, "score_pos": 0.0, "score_neg": 16.0}]
    >>> net = network_from_relations(rows)
    >>> [(e.source, e.target, e.sign, e.events) for e in net.edges], net.nodes
    ([('KOR', 'USA', 1, 40)], ('KOR', 'PRK', 'USA'))
    """
    rule = rule or EdgeRule()
    names = set(nodes)
    pairs: dict[tuple[str, str], SignedEdge] = {}
    for r in rows:
        a, b = r["source"], r["target"]
        names.update((a, b))
        if a == b or r["events"] < rule.min_events:
            continue
        s = rule.sign(r["net"])
        if s == 0:
            continue
        w = rule.edge_weight(r["events"], (r.get("score_pos") or 0.0) + (r.get("score_neg") or 0.0), r["net"])
        if w <= 0:
            continue
        key = (a, b) if a < b else (b, a)
        if key in pairs:
            raise InputError(f"relations rows list the pair {key[0]}-{key[1]} twice; use an undirected table")
        low, high = r.get("net_low"), r.get("net_high")
        interval = None if low is None or high is None else (float(low), float(high))
        pairs[key] = SignedEdge(key[0], key[1], s, w, r["net"], int(r["events"]), interval)
    return SignedNetwork(tuple(sorted(names)), tuple(pairs[k] for k in sorted(pairs)), label)
