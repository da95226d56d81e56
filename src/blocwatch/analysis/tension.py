"""A tension index for a group of states: how much of what they do to each other is conflict.

For each window, over every pair of the group,

    tension = K / (C + K + alpha)

where ``C`` and ``K`` are the summed cooperative and conflictual intensity (``score_pos`` and
``score_neg`` of the relations rows) and ``alpha`` the smoothing of
:func:`blocwatch.analysis.cooperation.net_cooperation` (a window with few events stays near 0).
``tension`` lies in [0, 1): 0 is pure cooperation (or silence), values near 1 pure conflict; it
is ``(1 - net) / 2`` of the whole group's net cooperation, up to the smoothing. ``escalation``
is the change of ``tension`` against the mean of the ``baseline`` windows before (``None`` for
the first window).

Examples
--------
>>> from datetime import date
>>> rows = [{"period": date(2024, 1, 1), "events": 10, "score_pos": 30.0, "score_neg": 10.0,
...          "material_conflict": 1},
...         {"period": date(2024, 2, 1), "events": 20, "score_pos": 20.0, "score_neg": 70.0,
...          "material_conflict": 6}]
>>> [(r["period"].isoformat(), round(r["tension"], 2), r["escalation"] and round(r["escalation"], 2))
...  for r in tension_index(rows, [date(2024, 1, 1), date(2024, 2, 1)])]
[('2024-01-01', 0.2, None), ('2024-02-01', 0.7, 0.5)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from blocwatch.analysis.cooperation import DEFAULT_ALPHA
from blocwatch.errors import InputError

__all__ = ["tension_index"]


def tension_index(rows: Iterable[dict[str, Any]], periods: Sequence[date], *, alpha: float = DEFAULT_ALPHA,
                  baseline: int = 3) -> list[dict[str, Any]]:
    """Tension of a group of states per window (see the module docstring).

    Parameters
    ----------
    rows : iterable of dict
        Relations rows of the group (any direction): ``period``, ``events``, ``score_pos``,
        ``score_neg`` and, if present, ``material_conflict``.
    periods : sequence of date
        Every window, in order; windows without rows get tension 0.
    alpha : float
        Smoothing.
    baseline : int
        Windows averaged for ``escalation``.

    Returns
    -------
    list of dict
        Per window: ``period``, ``events``, ``cooperation`` (C), ``conflict`` (K),
        ``material_conflict``, ``tension``, ``escalation``.
    """
    if alpha < 0 or baseline < 1:
        raise InputError("alpha must be >= 0 and baseline at least 1")
    acc = {p: {"period": p, "events": 0, "cooperation": 0.0, "conflict": 0.0, "material_conflict": 0}
           for p in periods}
    for r in rows:
        cell = acc.get(r["period"])
        if cell is None:
            continue
        cell["events"] += int(r["events"])
        cell["cooperation"] += float(r["score_pos"])
        cell["conflict"] += float(r["score_neg"])
        cell["material_conflict"] += int(r.get("material_conflict") or 0)
    out: list[dict[str, Any]] = []
    for p in periods:
        cell = acc[p]
        total = cell["cooperation"] + cell["conflict"] + alpha
        cell["tension"] = cell["conflict"] / total if total > 0 else 0.0
        before = [o["tension"] for o in out[-baseline:]]
        cell["escalation"] = cell["tension"] - sum(before) / len(before) if before else None
        out.append(cell)
    return out
