"""A signed network as the report and the app draw it, as plain data: every state with its bloc
and position, every tie with its sign, weight and whether it is frustrated.

Examples
--------
>>> from blocwatch.analysis.network import SignedNetwork
>>> net = SignedNetwork.from_edges([("USA", "KOR", 1, 2.0), ("PRK", "KOR", -1), ("PRK", "USA", -1)], label="2024")
>>> view = network_view(net)
>>> [(n["id"], n["bloc"]) for n in view["nodes"]]
[('KOR', 0), ('PRK', 1), ('USA', 0)]
"""

from __future__ import annotations

from typing import Any

from blocwatch.analysis.balance import triangle_balance
from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.structure import solve
from blocwatch.overview.layout import bloc_layout

__all__ = ["network_view"]


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
    fr, part = solve(net, "auto", time_limit, None)
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
