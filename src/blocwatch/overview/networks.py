"""A signed network as the report and the app draw it, as plain data: every state with its bloc
and position, every tie with its sign, weight, net cooperation with its interval, event count and
whether it is frustrated, and whether the blocs are better than chance.

Examples
--------
>>> from blocwatch.analysis.network import SignedNetwork
>>> net = SignedNetwork.from_edges([("USA", "KOR", 1, 2.0), ("PRK", "KOR", -1), ("PRK", "USA", -1)], label="2024")
>>> view = network_view(net)
>>> [(n["id"], n["bloc"]) for n in view["nodes"]]
[('KOR', 0), ('PRK', 1), ('USA', 0)]
>>> view["bloc_support"]["supported"], view["bloc_support"]["p_value"]  # 3 ties cannot tell blocs from chance
(False, None)
"""

from __future__ import annotations

from typing import Any

from blocwatch.analysis.balance import Frustration, triangle_balance
from blocwatch.analysis.balance import frustration as frustration_index
from blocwatch.analysis.blocs import BlocSupport, bloc_support
from blocwatch.analysis.network import SignedNetwork
from blocwatch.overview.layout import bloc_layout

__all__ = ["network_view"]


def network_view(net: SignedNetwork, *, time_limit: float = 5.0, names: dict[str, str] | None = None,
                 support: BlocSupport | None = None, frustration: Frustration | None = None) -> dict[str, Any]:
    """What a drawing of ``net`` needs: states placed by bloc, ties with sign and weight.

    Parameters
    ----------
    net : SignedNetwork
    time_limit : float
        Seconds for the exact frustration solve (beyond it, the heuristic's answer).
    names : dict, optional
        State code -> name, for labels.
    support : BlocSupport, optional
        :func:`blocwatch.analysis.blocs.bloc_support` of ``net`` if already computed (else it is).
    frustration : Frustration, optional
        ``frustration(net, method="auto", time_limit=time_limit)`` if already computed (else it is).

    Returns
    -------
    dict
        ``label``; ``nodes``: ``id``, ``name``, ``bloc`` (index into ``blocs``, None when the
        state has no tie), ``x``, ``y``, ``frustration`` (weight of its frustrated ties);
        ``edges``: ``source``, ``target``, ``sign``, ``weight``, ``net``, ``net_low``, ``net_high``
        (its 95% interval, None when unknown), ``events``, ``frustrated``; ``blocs``;
        ``bloc_support``: ``supported``, ``p_value`` (None when the ties are too few of a kind
        to test), ``ties``, ``hostile``; ``frustration``: ``value``, ``exact``, ``bound``;
        ``balanced_triangle_ratio``.
    """
    names = names or {}
    fr = frustration if frustration is not None else frustration_index(net, method="auto", time_limit=time_limit)
    support = support if support is not None else bloc_support(net)
    part = support.partition if net.edges else None  # the partition tested is the one shown
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
                   "net": None if e.net is None else round(e.net, 9),
                   "net_low": None if e.interval is None else round(e.interval[0], 9),
                   "net_high": None if e.interval is None else round(e.interval[1], 9), "events": e.events,
                   "frustrated": (e.source, e.target) in frustrated} for e in net.edges],
        "blocs": groups,
        "bloc_support": {"supported": support.supported,
                         "p_value": None if support.p_value is None else round(support.p_value, 6),
                         "ties": support.ties, "hostile": support.hostile},
        "frustration": {"value": fr.value, "exact": fr.exact, "bound": fr.bound},
        "balanced_triangle_ratio": tri.ratio,
    }
