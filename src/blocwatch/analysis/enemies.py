"""The enemy of my enemy: third parties two states are both hostile to.

Structural balance predicts that two states with a common adversary drift together. For a
dyad ``(a, b)`` this lists every third state ``c`` whose relations with both ``a`` and ``b`` are
hostile over a period (net cooperation below ``-neutral`` with at least ``min_events`` events
each way of the triangle), strongest shared hostility first.

Examples
--------
>>> rows = [{"source": "PRK", "target": "USA", "events": 30, "score_pos": 5.0, "score_neg": 95.0},
...         {"source": "RUS", "target": "USA", "events": 50, "score_pos": 20.0, "score_neg": 120.0},
...         {"source": "CHN", "target": "RUS", "events": 40, "score_pos": 90.0, "score_neg": 2.0}]
>>> [(e.third, round(e.net_a, 2), round(e.net_b, 2)) for e in common_enemies(totals(rows), "PRK", "RUS")]
[('USA', -0.82, -0.67)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from blocwatch.analysis.relations import DEFAULT_ALPHA, net_cooperation

__all__ = ["CommonEnemy", "common_enemies", "totals"]


def totals(rows: Iterable[dict[str, Any]], alpha: float = DEFAULT_ALPHA) -> dict[tuple[str, str], dict[str, Any]]:
    """Sum undirected relations rows over their periods: one row per pair, ``net`` recomputed.

    Examples
    --------
    >>> t = totals([{"source": "A", "target": "B", "events": 2, "score_pos": 4.0, "score_neg": 0.0},
    ...             {"source": "B", "target": "A", "events": 1, "score_pos": 0.0, "score_neg": 6.0}])
    >>> t[("A", "B")]["events"], round(t[("A", "B")]["net"], 3)
    (3, -0.1)
    """
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        a, b = sorted((r["source"], r["target"]))
        acc = out.setdefault((a, b), {"source": a, "target": b, "events": 0, "score_pos": 0.0, "score_neg": 0.0})
        acc["events"] += int(r["events"])
        acc["score_pos"] += float(r["score_pos"])
        acc["score_neg"] += float(r["score_neg"])
    for acc in out.values():
        acc["net"] = net_cooperation(acc["score_pos"], acc["score_neg"], alpha)
    return out


@dataclass(frozen=True)
class CommonEnemy:
    """A third state both ends of a dyad are hostile to."""

    third: str
    net_a: float
    net_b: float
    events_a: int
    events_b: int
    examples_a: tuple[dict[str, Any], ...] = field(default=())
    examples_b: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"third": self.third, "net_a": round(self.net_a, 6), "net_b": round(self.net_b, 6),
                "events_a": self.events_a, "events_b": self.events_b,
                "examples_a": list(self.examples_a), "examples_b": list(self.examples_b)}


def common_enemies(pairs: dict[tuple[str, str], dict[str, Any]], a: str, b: str, *, neutral: float = 0.1,
                   min_events: int = 3) -> list[CommonEnemy]:
    """Third states hostile to both ``a`` and ``b`` (see the module docstring).

    Parameters
    ----------
    pairs : dict
        :func:`totals` of the period's relations.
    a, b : str
        The dyad.
    neutral : float
        Net cooperation must be below ``-neutral`` on both sides.
    min_events : int
        Events needed on each side.
    """
    def rel(x: str, y: str) -> dict[str, Any] | None:
        return pairs.get((x, y) if x < y else (y, x))

    thirds = {n for pair in pairs for n in pair} - {a, b}
    out = []
    for c in sorted(thirds):
        ra, rb = rel(a, c), rel(b, c)
        if not ra or not rb or ra["events"] < min_events or rb["events"] < min_events:
            continue
        if ra["net"] < -neutral and rb["net"] < -neutral:
            out.append(CommonEnemy(c, ra["net"], rb["net"], ra["events"], rb["events"]))
    out.sort(key=lambda e: (e.net_a + e.net_b, e.third))
    return out
