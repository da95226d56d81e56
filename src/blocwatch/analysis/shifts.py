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
- all its **change points** come from exact optimal partitioning (Jackson et al. 2005) under a
  squared-error cost, with a penalty per change of ``penalty * sigma**2 * log(n)``; ``sigma`` is
  the median absolute deviation of first differences (a robust estimate of month-to-month noise),
  never below 0.1. PELT finds that optimum (:mod:`blocwatch.analysis.changepoints`).

:func:`find_shifts` treats every dyad at once: a dyads x months matrix smoothed, split and
partitioned with numpy (:mod:`blocwatch.analysis.changepoints`), the same numbers as one dyad at a
time.

Examples
--------
>>> change_points([0, 0, 0, 0, 0.6, 0.7, 0.5, 0.6])
[4]
>>> change_points([0.1, -0.1, 0.1, -0.1])
[]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from blocwatch.analysis.changepoints import best_splits, optimal_partitions
from blocwatch.analysis.cooperation import DEFAULT_ALPHA
from blocwatch.analysis.monthly import Rows, pair_matrix
from blocwatch.errors import InputError, ParameterError

__all__ = ["DEFAULT_SMOOTH", "Driver", "Shift", "best_split", "change_points", "drivers", "example_key", "find_shifts",
           "rank_drivers", "smoothed", "smoothed_rows"]

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
    if y.ndim != 1:
        raise InputError("change_points takes one series; optimal_partitions takes many")
    return optimal_partitions(y[None, :], penalty=penalty, min_size=min_size)[0]


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
    return smoothed_rows(np.asarray(pos)[None, :], np.asarray(neg)[None, :], smooth, alpha)[0]


def smoothed_rows(pos: np.ndarray, neg: np.ndarray, smooth: int = DEFAULT_SMOOTH,
                  alpha: float = DEFAULT_ALPHA) -> np.ndarray:
    """:func:`smoothed` of each row of ``pos`` and ``neg`` (dyads x months).

    Examples
    --------
    >>> smoothed_rows(np.array([[0, 19.0, 0], [10.0, 0, 0]]), np.zeros((2, 3)), smooth=2).round(2).tolist()
    [[0.0, 0.66, 0.66], [0.67, 0.5, 0.0]]
    """
    if smooth < 1:
        raise ParameterError("smooth", f"at least 1 month, not {smooth}")
    if alpha < 0:
        raise InputError("cooperation, conflict and alpha must be >= 0")
    kernel = np.ones(smooth)
    n = pos.shape[1]
    # the first months have shorter windows: scale their sums up so the series has no edge effect
    scale = smooth / np.minimum(np.arange(1, n + 1), smooth)
    sums = [np.array([np.convolve(row, kernel)[:n] for row in side], dtype=float).reshape(side.shape) * scale
            for side in (np.asarray(pos, dtype=float), np.asarray(neg, dtype=float))]
    # net cooperation of each window, negative sums (rounding) taken as 0, as net_cooperation does
    c, k = (np.where(x < 0.0, 0.0, x) for x in sums)
    total = c + k + alpha
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total == 0, 0.0, (c - k) / np.where(total == 0, 1.0, total))


def best_split(values: np.ndarray, min_size: int = 2) -> tuple[int, float] | None:
    """The split maximising the CUSUM statistic, and the statistic; ``None`` if too short.

    Examples
    --------
    >>> best_split(np.array([0, 0, 0, 1, 1.0]))
    (3, 1.0954451150103321)
    """
    cuts, stats = best_splits(np.asarray(values, dtype=float)[None, :], min_size)
    return None if cuts[0] < 0 else (int(cuts[0]), float(stats[0]))


def find_shifts(rows: Rows, periods: Sequence[date], *, split: date | None = None,
                min_events: int = 5, min_delta: float = 0.1, smooth: int = DEFAULT_SMOOTH, alpha: float = DEFAULT_ALPHA,
                penalty: float = 2.0) -> list[Shift]:
    """Shifts of every dyad with enough events, largest first.

    Parameters
    ----------
    rows : iterable of dict, or mapping of columns
        Undirected monthly relations rows: ``period``, ``source``, ``target``, ``events``,
        ``score_pos``, ``score_neg`` (as dicts, or as columns: :mod:`blocwatch.analysis.monthly`).
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
    cut = None
    if split is not None:
        cut = next((i for i, p in enumerate(periods) if p >= split), None)
        if cut in (None, 0):
            raise ParameterError("split", f"{split} must fall inside the range {periods[0]} .. {periods[-1]}")
    pairs, (pos, neg, n) = pair_matrix(rows, periods, ("score_pos", "score_neg", "events"))
    keep = np.flatnonzero(n.sum(axis=1) >= min_events)
    if not len(keep):
        return []
    y = smoothed_rows(pos[keep], neg[keep], smooth, alpha)
    cuts = best_splits(y)[0] if cut is None else np.full(len(keep), cut)
    found = []
    for row, (r, c) in enumerate(zip(keep.tolist(), cuts.tolist(), strict=True)):
        if c < 0:
            continue
        before, after = float(y[row, :c].mean()), float(y[row, c:].mean())
        if abs(after - before) < min_delta or n[r, c:].sum() == 0:
            continue  # too small, or only silence after the change: going quiet is not a move
        found.append((row, r, c, before, after))
    changes = optimal_partitions(y[[f[0] for f in found]].reshape(len(found), len(periods)), penalty=penalty)
    out = [Shift(*pairs[r], periods[c], before, after, periods[0], periods[-1], int(n[r, :c].sum()),
                 int(n[r, c:].sum()), tuple(periods[i] for i in cps))
           for (_, r, c, before, after), cps in zip(found, changes, strict=True)]
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
    tallies = {root: {code: [abs(e["score"]) for e in evs] for code, evs in codes.items()}
               for root, codes in roots.items()}
    return tuple(Driver(root, (names or {}).get(root, ""), sum(counts.values()), contribution, counts,
                        tuple(min(roots[root][c], key=example_key) for c in shown))
                 for root, counts, contribution, shown in rank_drivers(tallies, limit=limit, examples=examples))


def example_key(event: dict[str, Any]) -> tuple[bool, float, str]:
    """How a driver's example is chosen among the events of a code (the least first): an event
    with a sentence of evidence, then the strongest, then the earliest.

    Examples
    --------
    >>> example_key({"score": -4.0, "evidence_text": "clashed", "date": "2024-06-19"})
    (False, -4.0, '2024-06-19')
    """
    return not event.get("evidence_text"), -abs(event["score"]), str(event.get("date", ""))


def rank_drivers(tallies: Mapping[str, Mapping[str, Sequence[float]]], *, limit: int = 5, examples: int = 3,
                 ) -> list[tuple[str, dict[str, int], float, list[str]]]:
    """The ``limit`` strongest root categories of a move and, in each, the codes to show an example of.

    Parameters
    ----------
    tallies : mapping
        Root -> code -> the absolute scores of the code's events pointing the way of the move, in
        the order of the events (codes in the order of their first event).
    limit, examples : int
        As :func:`drivers` takes them.

    Returns
    -------
    list of (root, counts, contribution, shown)
        Strongest root first (summed absolute score); ``counts``: code -> events, strongest code
        first; ``shown``: its first ``examples`` codes.

    Examples
    --------
    >>> rank_drivers({"04": {"042": [1.9, 1.9], "046": [7.0]}, "05": {"057": [8.0]}}, examples=1)
    [('04', {'046': 1, '042': 2}, 10.8, ['046']), ('05', {'057': 1}, 8.0, ['057'])]
    """
    weight = {root: {code: sum(scores) for code, scores in codes.items()} for root, codes in tallies.items()}
    ranked = sorted(tallies, key=lambda root: (-sum(weight[root].values()), root))
    out = []
    for root in ranked[:limit]:
        by_code = sorted(tallies[root], key=lambda code: (-weight[root][code], code))
        out.append((root, {code: len(tallies[root][code]) for code in by_code},
                    round(sum(weight[root].values()), 9), by_code[:examples]))
    return out
