"""One signed network summed up: its balance, its blocs and a drawing of them, as plain data.

:func:`balance_summary` is the row ``blocwatch balance`` prints and ``/api/balance`` serves;
:func:`network_view` is what the report and the app draw: every state with its bloc and
position, every tie with its sign, weight and whether it is frustrated.

Examples
--------
>>> from blocwatch.analysis.network import SignedNetwork
>>> net = SignedNetwork.from_edges([("USA", "KOR", 1, 2.0), ("PRK", "KOR", -1), ("PRK", "USA", -1)], label="2024")
>>> row = balance_summary(net)
>>> row["frustration"], row["exact"], row["blocs"]
(0.0, True, [['KOR', 'USA'], ['PRK']])
>>> view = network_view(net)
>>> [(n["id"], n["bloc"]) for n in view["nodes"]]
[('KOR', 0), ('PRK', 1), ('USA', 0)]
"""

from __future__ import annotations

from typing import Any

from blocwatch.analysis.balance import Frustration, frustration, triangle_balance
from blocwatch.analysis.blocs import BlocPartition, blocs
from blocwatch.analysis.layout import bloc_layout
from blocwatch.analysis.network import SignedNetwork

__all__ = ["balance_summary", "network_view"]


def _solve(net: SignedNetwork, method: str, time_limit: float,
           k: int | None) -> tuple[Frustration, BlocPartition | None]:
    fr = frustration(net, method=method, time_limit=time_limit)
    return fr, (blocs(net, k=k) if net.edges else None)


def balance_summary(net: SignedNetwork, *, method: str = "auto", time_limit: float = 30.0,
                    k: int | None = None) -> dict[str, Any]:
    """Frustration index, balanced triangles and blocs of ``net``.

    Parameters
    ----------
    net : SignedNetwork
    method, time_limit
        As :func:`blocwatch.analysis.balance.frustration`.
    k : int, optional
        Number of blocs (default: chosen by :func:`blocwatch.analysis.blocs.blocs`).

    Returns
    -------
    dict
        ``group`` (the network's label), ``nodes``, ``edges``, ``frustration``, ``exact``,
        ``bound``, ``seconds``, ``blocs`` (lists of states), ``balanced_triangle_ratio`` (None
        without a triangle) and ``frustrated`` (the ties that hold the network out of balance,
        heaviest first).
    """
    fr, part = _solve(net, method, time_limit, k)
    tri = triangle_balance(net)
    return {
        "group": net.label, "nodes": len(net.nodes), "edges": len(net.edges), "frustration": fr.value,
        "exact": fr.exact, "bound": fr.bound, "seconds": round(fr.seconds, 3),
        "blocs": [list(b) for b in part.blocs] if part else [],
        "balanced_triangle_ratio": tri.ratio,
        "frustrated": [{"source": a, "target": b, "sign": s, "weight": w} for a, b, s, w in fr.frustrated],
    }


def network_view(net: SignedNetwork, *, time_limit: float = 5.0, names: dict[str, str] | None = None,
                 ) -> dict[str, Any]:
    """What a drawing of ``net`` needs: states placed by bloc, ties with sign and weight.

    Parameters
    ----------
    net : SignedNetwork
    time_limit : float
        Seconds for the exact frustration solve (beyond it, the heuristic's answer).
    names : dict, optional
        State code -> name, for labels.

    Returns
    -------
    dict
        ``label``; ``nodes``: ``id``, ``name``, ``bloc`` (index into ``blocs``, None when the
        state has no tie), ``x``, ``y``, ``frustration`` (weight of its frustrated ties);
        ``edges``: ``source``, ``target``, ``sign``, ``weight``, ``net``, ``events``,
        ``frustrated``; ``blocs``; ``frustration``: ``value``, ``exact``, ``bound``;
        ``balanced_triangle_ratio``.
    """
    names = names or {}
    fr, part = _solve(net, "auto", time_limit, None)
    groups = [list(b) for b in part.blocs] if part else []
    unattached = list(part.unattached) if part else list(net.nodes)
    membership = part.membership if part else {}
    pos = bloc_layout(groups, unattached)
    frustrated = {(a, b) for a, b, _, _ in fr.frustrated}
    tri = triangle_balance(net)
    return {
        "label": net.label,
        "nodes": [{"id": n, "name": names.get(n, n), "bloc": membership.get(n), "x": pos[n][0], "y": pos[n][1],
                   "frustration": round(fr.node_contributions.get(n, 0.0), 9)} for n in net.nodes],
        "edges": [{"source": e.source, "target": e.target, "sign": e.sign, "weight": round(e.weight, 9),
                   "net": None if e.net is None else round(e.net, 9), "events": e.events,
                   "frustrated": (e.source, e.target) in frustrated} for e in net.edges],
        "blocs": groups,
        "frustration": {"value": fr.value, "exact": fr.exact, "bound": fr.bound},
        "balanced_triangle_ratio": tri.ratio,
    }
