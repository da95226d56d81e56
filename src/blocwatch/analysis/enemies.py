"""The enemy of my enemy: third parties two states are both hostile to.

Structural balance predicts that two states with a common adversary drift together. For a
dyad ``(a, b)`` this lists every third state ``c`` whose relations with both ``a`` and ``b`` are
hostile over a period (net cooperation below ``-neutral`` with at least ``min_events`` events
each way of the triangle), strongest shared hostility first.

Examples
--------
>>> from blocwatch.analysis.cooperation import totals
>>> rows = [{"source": "PRK", "target": "USA", "events": 30, "score_pos": 5.0, "score_neg": 95.0},
...         {"source": "RUS", "target": "USA", "events": 50, "score_pos": 20.0, "score_neg": 120.0},
...         {"source": "CHN", "target": "RUS", "events": 40, "score_pos": 90.0, "score_neg": 2.0}]
>>> [(e.third, round(e.net_a, 2), round(e.net_b, 2)) for e in common_enemies(totals(rows), "PRK", "RUS")]
[('USA', -0.82, -0.67)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["CommonEnemy", "common_enemies"]


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
        :func:`blocwatch.analysis.cooperation.totals` of the period's relations.
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
