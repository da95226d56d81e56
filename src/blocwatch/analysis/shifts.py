"""Alignment shifts: when a dyad's net cooperation changed level, and which events drove it.

Event data are sparse (a dyad may be silent for months), so each dyad's monthly series is
smoothed first: the net cooperation (:func:`blocwatch.analysis.cooperation.net_cooperation`) of
the events of a trailing window of ``smooth`` months (3 by default; 1 is no smoothing), 0 where
the window holds no event. The first months of the range, with shorter windows, have their sums
scaled up to a full window's. On that series:

- the dyad's **shift** is its single most significant change of level: the split ``c`` that
  maximises ``|mean(after) - mean(before)| * sqrt(n_before * n_after / n)`` (the first step of
  binary segmentation, a CUSUM statistic). ``before`` and ``after`` are the mean of the
  smoothed series on each side: the average month, so that one month of heavy (and possibly
  noisy) coverage cannot outweigh a year of steady relations. With ``split`` given, the two
  periods are fixed instead.
- all its **change points** come from exact optimal partitioning (Jackson et al. 2005, the
  optimum PELT finds faster) under a squared-error cost, with a penalty per change of
  ``penalty * sigma**2 * log(n)``; ``sigma`` is the median absolute deviation of first
  differences (a robust estimate of month-to-month noise), never below 0.1.

Examples
--------
>>> change_points([0, 0, 0, 0, 0.6, 0.7, 0.5, 0.6])
[4]
>>> change_points([0.1, -0.1, 0.1, -0.1])
[]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from blocwatch.analysis.cooperation import DEFAULT_ALPHA, net_cooperation, series
from blocwatch.errors import InputError, ParameterError

__all__ = ["DEFAULT_SMOOTH", "Driver", "Shift", "best_split", "change_points", "drivers", "find_shifts", "smoothed"]

_MIN_SIGMA = 0.1

#: Months in the trailing window of the smoothed series.
DEFAULT_SMOOTH = 3


def change_points(values: Sequence[float], *, penalty: float = 2.0, min_size: int = 2) -> list[int]:
    """Indices where a new segment starts (the optimal partition, see the module docstring).

    Parameters
    ----------
    values : sequence of float
        The series, in time order.
    penalty : float
        Multiplier of ``sigma**2 * log(n)``: higher finds fewer changes.
    min_size : int
        Shortest segment, in points.

    Examples
    --------
    >>> change_points([1, 1, 1, -1, -1, -1, 1, 1, 1])
    [3, 6]
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    if n < 2 * min_size:
        return []
    diffs = np.diff(y)
    sigma = max(float(np.median(np.abs(diffs - np.median(diffs)))) * 1.4826 / math.sqrt(2), _MIN_SIGMA)
    beta = penalty * sigma**2 * math.log(n)
    csum = np.concatenate([[0.0], np.cumsum(y)])
    csq = np.concatenate([[0.0], np.cumsum(y * y)])

    def cost(a: int, b: int) -> float:  # squared error of y[a:b] around its mean
        s = csum[b] - csum[a]
        return float(csq[b] - csq[a] - s * s / (b - a))

    best = np.full(n + 1, np.inf)
    best[0] = -beta
    last = np.zeros(n + 1, dtype=int)
    for t in range(min_size, n + 1):
        for s in range(0, t - min_size + 1):
            if s and s < min_size or not np.isfinite(best[s]):
                continue
            c = best[s] + cost(s, t) + beta
            if c < best[t] - 1e-12:
                best[t], last[t] = c, s
    cps, t = [], n
    while t > 0:
        t = int(last[t])
        if t:
            cps.append(t)
    return sorted(cps)


@dataclass(frozen=True)
class Shift:
    """A pair's change of relations over a window.

    ``before`` and ``after`` are the pair's net cooperation in ``[before_start, at)`` and
    ``[at, after_end]`` (months); ``delta = after - before`` (> 0: moved closer). Tested shifts
    (:func:`blocwatch.analysis.significance.detect_shifts`) also carry ``status`` (``supported``,
    ``not supported``, ``insufficient data``), ``confidence`` (``1 - p``), ``p_value``, 95%
    intervals of ``before`` and ``after``, and the months with events on each side; shifts of the
    largest-change method (:func:`find_shifts`) leave them empty and count as supported.
    ``change_points`` lists every change of level found in the smoothed series (that method only).
    """

    source: str
    target: str
    at: date
    before: float
    after: float
    before_start: date
    after_end: date
    events_before: int
    events_after: int
    change_points: tuple[date, ...] = field(default=())
    drivers: tuple[Driver, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    confidence: float | None = None
    p_value: float | None = None
    before_interval: tuple[float, float] | None = None
    after_interval: tuple[float, float] | None = None
    months_before: int | None = None
    months_after: int | None = None
    status: str = "supported"

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def supported(self) -> bool:
        return self.status == "supported"

    @property
    def direction(self) -> str:
        if self.status == "insufficient data" or math.isnan(self.delta):
            return "unknown"
        return "closer" if self.delta > 0 else "apart"

    def to_dict(self) -> dict[str, Any]:
        known = not math.isnan(self.delta)
        return {
            "source": self.source, "target": self.target, "direction": self.direction,
            "delta": round(self.delta, 6) if known else None, "at": self.at.isoformat(),
            "before": round(self.before, 6) if known else None, "after": round(self.after, 6) if known else None,
            "before_start": self.before_start.isoformat(),
            "after_end": self.after_end.isoformat(), "events_before": self.events_before,
            "events_after": self.events_after, "change_points": [d.isoformat() for d in self.change_points],
            "drivers": [d.to_dict() for d in self.drivers], "notes": list(self.notes),
            "status": self.status, "confidence": self.confidence,
            "p_value": None if self.p_value is None else round(self.p_value, 6),
            "before_interval": _rounded(self.before_interval), "after_interval": _rounded(self.after_interval),
            "months_before": self.months_before, "months_after": self.months_after,
        }


def _rounded(interval: tuple[float, float] | None) -> list[float] | None:
    return None if interval is None else [round(interval[0], 6), round(interval[1], 6)]


def smoothed(pos: np.ndarray, neg: np.ndarray, smooth: int = DEFAULT_SMOOTH,
             alpha: float = DEFAULT_ALPHA) -> np.ndarray:
    """Net cooperation of trailing ``smooth``-month windows of monthly score sums.

    Examples
    --------
    >>> smoothed(np.array([0, 19.0, 0, 0, 0]), np.zeros(5)).round(2).tolist()
    [0.0, 0.74, 0.66, 0.66, 0.0]
    """
    if smooth < 1:
        raise ParameterError("smooth", f"at least 1 month, not {smooth}")
    kernel = np.ones(smooth)
    # the first months have shorter windows: scale their sums up so the series has no edge effect
    scale = smooth / np.minimum(np.arange(1, len(pos) + 1), smooth)
    p = np.convolve(pos, kernel)[: len(pos)] * scale
    k = np.convolve(neg, kernel)[: len(neg)] * scale
    return np.array([net_cooperation(max(float(x), 0.0), max(float(y), 0.0), alpha) for x, y in zip(p, k, strict=True)])


def best_split(values: np.ndarray, min_size: int = 2) -> tuple[int, float] | None:
    """The split maximising the CUSUM statistic, and the statistic; ``None`` if too short.

    Examples
    --------
    >>> best_split(np.array([0, 0, 0, 1, 1.0]))
    (3, 1.0954451150103321)
    """
    n = len(values)
    if n < 2 * min_size:
        return None
    csum = np.cumsum(values)
    total = csum[-1]
    best: tuple[int, float] | None = None
    for c in range(min_size, n - min_size + 1):
        mb, ma = csum[c - 1] / c, (total - csum[c - 1]) / (n - c)
        stat = abs(ma - mb) * math.sqrt(c * (n - c) / n)
        if best is None or stat > best[1] + 1e-12:
            best = (c, float(stat))
    return best


def find_shifts(rows: Iterable[dict[str, Any]], periods: Sequence[date], *, split: date | None = None,
                min_events: int = 5, min_delta: float = 0.1, smooth: int = DEFAULT_SMOOTH, alpha: float = DEFAULT_ALPHA,
                penalty: float = 2.0) -> list[Shift]:
    """Shifts of every dyad with enough events, largest first.

    Parameters
    ----------
    rows : iterable of dict
        Undirected monthly relations rows: ``period``, ``source``, ``target``, ``events``,
        ``score_pos``, ``score_neg``.
    periods : sequence of date
        Every month of the range, in order (months without rows have no events).
    split : date, optional
        Compare the fixed periods before and from this month instead of finding the split.
    min_events : int
        Dyads with fewer events in the range are skipped.
    min_delta : float
        Smaller changes of net cooperation are not reported.
    smooth : int
        Months in the trailing window of the smoothed series.
    alpha : float
        Smoothing of net cooperation.
    penalty : float
        See :func:`change_points`.

    Examples
    --------
    >>> months = [date(2023, m, 1) for m in range(1, 13)]
    >>> rows = [{"period": p, "source": "PRK", "target": "RUS", "events": 6, "score_pos": 20.0, "score_neg": 1.0}
    ...         for p in months[6:]]
    >>> s = find_shifts(rows, months)[0]
    >>> s.direction, s.at.isoformat(), round(s.before, 2), round(s.after, 2)
    ('closer', '2023-07-01', 0.0, 0.74)
    """
    if not periods:
        raise InputError("no months in the range")
    sums = series(rows, periods, key=("score_pos", "score_neg", "events"))
    cut = None
    if split is not None:
        cut = next((i for i, p in enumerate(periods) if p >= split), None)
        if cut in (None, 0):
            raise ParameterError("split", f"{split} must fall inside the range {periods[0]} .. {periods[-1]}")
    out = []
    for key in sorted(sums):
        pos, neg, n = sums[key]
        if n.sum() < min_events:
            continue
        y = smoothed(pos, neg, smooth, alpha)
        c = cut
        if c is None:
            found = best_split(y)
            if found is None:
                continue
            c = found[0]
        before, after = float(y[:c].mean()), float(y[c:].mean())
        if abs(after - before) < min_delta or n[c:].sum() == 0:
            continue  # too small, or only silence after the change: going quiet is not a move
        cps = tuple(periods[i] for i in change_points(y, penalty=penalty))
        out.append(Shift(key[0], key[1], periods[c], before, after, periods[0], periods[-1], int(n[:c].sum()),
                         int(n[c:].sum()), cps))
    out.sort(key=lambda s: (-abs(s.delta), s.source, s.target))
    return out


@dataclass(frozen=True)
class Driver:
    """A kind of event (a CAMEO root category, such as 04 Consult) that moved a dyad, with examples."""

    root: str
    name: str
    events: int
    contribution: float
    codes: dict[str, int]
    examples: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"root": self.root, "name": self.name, "events": self.events,
                "contribution": round(self.contribution, 6), "codes": dict(self.codes),
                "examples": list(self.examples)}


def drivers(events: Iterable[dict[str, Any]], direction: int, *, limit: int = 5, examples: int = 3,
            names: dict[str, str] | None = None) -> tuple[Driver, ...]:
    """The CAMEO root categories that contributed most to a move, each with example events.

    Events pointing the way of the move are grouped by root (04 Consult, 05 Engage in
    diplomatic cooperation, 07 Provide aid ...) and ranked by their summed absolute score.
    The examples show the root's different codes, strongest contribution first, one event each:
    an event with a sentence of evidence before one with only a link.

    Parameters
    ----------
    events : iterable of dict
        Events of the dyad after the change, with ``cameo`` (or, for events with no CAMEO code,
        ``plover``), ``score`` (Goldstein or PLOVER, times any weight) and whatever evidence
        columns should be passed through as examples.
    direction : {1, -1}
        +1 for a move closer (cooperative events drove it), -1 for a move apart.
    limit : int
        How many root categories.
    examples : int
        Example events per category (at most one per code).
    names : dict, optional
        Names of the root codes.

    Examples
    --------
    >>> evs = [{"cameo": "057", "score": 8.0, "evidence_text": "signed a treaty"},
    ...        {"cameo": "042", "score": 1.9, "evidence_text": None},
    ...        {"cameo": "042", "score": 1.9, "evidence_text": "visited"},
    ...        {"cameo": "046", "score": 7.0, "evidence_text": "held talks"},
    ...        {"cameo": "190", "score": -10.0, "evidence_text": "fought"}]
    >>> [(d.root, d.events, d.contribution, d.codes) for d in drivers(evs, 1)]
    [('04', 3, 10.8, {'046': 1, '042': 2}), ('05', 1, 8.0, {'057': 1})]
    >>> [e["evidence_text"] for e in drivers(evs, 1)[0].examples]
    ['held talks', 'visited']
    """
    if direction not in (1, -1):
        raise InputError("direction must be 1 or -1")
    roots: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for e in events:
        score = e.get("score") or 0.0
        if score * direction > 0:  # an event known only by its PLOVER type is grouped by that type
            code = e.get("cameo") or e.get("plover") or "?"
            roots.setdefault(code[:2] if e.get("cameo") else code, {}).setdefault(code, []).append(e)

    def weight(evs: list[dict[str, Any]]) -> float:
        return sum(abs(e["score"]) for e in evs)

    ranked = sorted(roots.items(), key=lambda kv: (-sum(weight(v) for v in kv[1].values()), kv[0]))
    out = []
    for root, codes in ranked[:limit]:
        by_code = sorted(codes.items(), key=lambda kv: (-weight(kv[1]), kv[0]))
        shown = tuple(min(evs, key=lambda e: (not e.get("evidence_text"), -abs(e["score"]), str(e.get("date", ""))))
                      for _, evs in by_code[:examples])
        out.append(Driver(root, (names or {}).get(root, ""), sum(len(v) for v in codes.values()),
                          round(sum(weight(v) for v in codes.values()), 9), {c: len(v) for c, v in by_code}, shown))
    return tuple(out)
