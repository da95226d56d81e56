"""Shifts that the data support: a change of a pair's relations tested against the same months in random order.

A pair's events (their scores: Goldstein or PLOVER, talk weighted as the query says) fall in
months; months without events are unknown, not peaceful, and only delimit. A **segment** is a
stretch of the pair's months with events; the statistic compares the segment with the months
outside it, as a *z* value: the difference of their levels over its standard error. With
``statistic="months"`` (the default) a side's level is the mean of its months' mean scores, each
month counting once however many reports it had; with ``"events"`` it is the mean of its events.
A segment that runs to the last month is a lasting change from its first month; one inside the
window is a change and a return (circular binary segmentation, Olshen et al. 2004), two shifts.
Segments need at least ``min_months`` months with events and ``min_events`` events inside and
outside. The pair's statistic is the largest |*z*| over its segments.

Its *p*-value is the share of ``permutations`` random orders of the pair's months with events,
each month keeping all its events, whose largest |*z*| is at least as large. The pair's events and
its volume are kept, and only when each month happened is shuffled: the test is calibrated by
construction against that placebo. Shuffling whole months rather than single events matters: the
events of one month are largely reports of the same few happenings, and a test that treats them
as independent draws claims shifts in shuffled data (``shuffle="events"``, kept for comparison;
docs/truth.md has the figures). A single month unlike the others is not a shift: in random order
it is just as unlike them. Random orders are drawn until 20 of them reach the observed statistic or
``permutations`` are drawn, a sequential Monte Carlo test (Besag and Clifford 1991): a pair with
no change stops after a few dozen orders, with a valid *p*-value.

A shift is **supported** when *p* <= ``level`` and net cooperation after it differs from before it
by at least ``min_change``, in the direction of *z*. Pairs with fewer months or events than any
segment needs are ``insufficient data``, with no number. ``confidence`` is ``1 - p``. Before and
after carry 95% intervals: the sums of positive and negative scores are compound Poisson
(variance: the sum of squared scores), carried to net cooperation by the delta method
(:func:`blocwatch.analysis.cooperation.net_interval`).

Examples
--------
>>> from datetime import date
>>> months = [date(2023, m, 1) for m in range(1, 13)]
>>> events = [{"period": p, "source": "PRK", "target": "RUS", "score": score}
...           for i, p in enumerate(months) for score in ([-4.0, -4.0, 1.0, 1.0, 1.0, 0.0] if i < 6
...                                                        else [5.0, 5.0, 8.0, 2.0, 1.0, -1.0])]
>>> (s,) = detect_shifts(events, months)
>>> s.status, s.direction, s.at.isoformat(), s.p_value <= 0.05, round(s.before, 2), round(s.after, 2)
('supported', 'closer', '2023-07-01', True, -0.39, 0.85)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from blocwatch.analysis.cooperation import DEFAULT_ALPHA, net_cooperation, net_interval
from blocwatch.analysis.monthly import Rows, pair_rows
from blocwatch.analysis.permutations import FIRST_BATCH, STOP_AFTER, Workspace, tail_p_value
from blocwatch.analysis.shifts import Shift
from blocwatch.errors import InputError, ParameterError

__all__ = ["STATUSES", "ShiftTest", "detect_shifts"]

#: What a tested pair can be: a supported shift, a change the data do not support, or too little data.
STATUSES = ("supported", "not supported", "insufficient data")

#: The smallest standard deviation the statistic assumes (a pair whose months are all alike would
#: otherwise give an infinite statistic).
_SD_FLOOR = 0.05

#: Random orders at least as extreme as the observed one after which a pair's test stops: its
#: *p*-value is then this number over the orders drawn (Besag and Clifford 1991).
_STOP_AFTER = STOP_AFTER

#: Random orders in the first batch; later batches are larger.
_FIRST_BATCH = FIRST_BATCH

#: Fewest months with events for which the fast path scores the orders (it costs more to set up).
_FAST_UNITS = 24


@dataclass(frozen=True)
class ShiftTest:
    """How a shift is tested (the defaults are documented, with the truth suite's figures, in
    docs/truth.md and docs/analysis.md).

    Parameters
    ----------
    min_months : int
        Months with events needed inside and outside a segment.
    min_events : int
        Events needed inside and outside a segment.
    level : float
        The largest *p*-value of a supported shift.
    min_change : float
        The smallest change of net cooperation (after minus before) that is a shift.
    permutations : int
        Random orders of the months the statistic is compared with.
    seed : int
        Of the random orders (results are reproducible).
    max_changes : int
        Supported shifts a pair may have in one window: the months between found shifts are
        tested again (binary segmentation).
    shuffle : {"months", "events"}
        What the test shuffles: the pair's months, each with all its events (the default), or
        single events among the months.
    statistic : {"months", "events"}
        A side's level: the mean of its months' mean scores, or of its events' scores.
    segments : bool
        Also search segments inside the window (a change and a return, two shifts) besides changes
        that last to its end (the default: no; docs/truth.md has the figures of both).
    """

    min_months: int = 3
    min_events: int = 10
    level: float = 0.05
    min_change: float = 0.2
    permutations: int = 999
    seed: int = 20240619
    max_changes: int = 3
    shuffle: str = "months"
    statistic: str = "months"
    segments: bool = False

    def __post_init__(self) -> None:
        if self.min_months < 2:
            raise ParameterError("min_months", f"at least 2, not {self.min_months}")
        if not 0 < self.level < 1:
            raise ParameterError("level", f"must be in (0, 1), not {self.level}")
        if self.shuffle not in ("months", "events"):
            raise ParameterError("shuffle", f"choose months or events, not {self.shuffle!r}")
        if self.statistic not in ("events", "months"):
            raise ParameterError("statistic", f"choose events or months, not {self.statistic!r}")
        if self.statistic == "months" and self.shuffle != "months":
            raise ParameterError("statistic", "a statistic of months needs shuffle='months'")
        if self.permutations < 19:
            raise ParameterError("permutations", f"at least 19, not {self.permutations}")


def detect_shifts(rows: Rows, periods: Sequence[date], *, test: ShiftTest | None = None,
                  alpha: float = DEFAULT_ALPHA, split: date | None = None) -> list[Shift]:
    """Test every pair of ``rows`` for a shift over ``periods`` (see the module docstring).

    Parameters
    ----------
    rows : iterable of dict, or mapping of columns
        Undirected pairs (``source`` < ``target``) by ``period`` (a month): rows of the monthly
        undirected dyad table (``events``, ``score_pos``, ``score_neg``, ``score_pos_sq``,
        ``score_neg_sq``), or single events with a ``score``
        (:meth:`blocwatch.dyads.DyadQuery.event_scores_sql`), which ``shuffle="events"`` needs.
        Rows outside ``periods`` are ignored. Columns (name -> array,
        :mod:`blocwatch.analysis.monthly`) give the same result without a dict per row.
    periods : sequence of date
        The months of the window, in order.
    test : ShiftTest, optional
    alpha : float
        Smoothing of net cooperation.
    split : date, optional
        Test only whether the months from ``split`` differ from those before.

    Returns
    -------
    list of Shift
        Per pair with events, its supported shifts, or one unsupported change, or one with
        insufficient data: supported shifts first (smallest *p*, then largest change), then
        unsupported changes, then pairs with insufficient data.
    """
    test = test or ShiftTest()
    if not periods:
        raise InputError("no months in the range")
    by_pair = pair_rows(rows, periods, events_only=test.shuffle == "events")
    rng = _Draws(np.random.default_rng(test.seed), Workspace())
    if split is not None:  # a day inside a month tests from that month
        split = date(split.year, split.month, 1)
    split_at = None if split is None else int(np.searchsorted(list(periods), split))
    out: list[Shift] = []
    for (a, b), (months, sums) in by_pair.items():  # pairs in order: each draws its orders after the last
        out.extend(_Pair(a, b, months, sums, periods, alpha).shifts(test, rng, split_at))
    rank = {s: i for i, s in enumerate(STATUSES)}
    out.sort(key=lambda s: (rank[s.status], s.p_value if s.p_value is not None else 2.0,
                            -abs(s.delta) if not math.isnan(s.delta) else 0.0, s.source, s.target, s.at))
    return out


@dataclass(frozen=True)
class _Draws:
    """The random orders of a run: one generator, drawn from pair after pair, and the arrays the
    fast path reuses."""

    generator: np.random.Generator
    work: Workspace


@dataclass(frozen=True)
class _Pair:
    """One pair's rows in month order: ``months`` (indexes into ``periods``) and ``sums``, one
    column per row: events, positive and negative scores, and their squares."""

    source: str
    target: str
    months: np.ndarray
    sums: np.ndarray
    periods: Sequence[date]
    alpha: float

    def shifts(self, test: ShiftTest, rng: _Draws, split_at: int | None) -> list[Shift]:
        """The supported shifts, earliest first (the months between them tested again, up to
        ``max_changes``), or the one unsupported or untestable result."""
        first = self.test(np.arange(len(self.months)), test, rng, split_at)
        found = [s for s in first if s.supported]
        if not found:
            return first[:1]
        if split_at is not None:
            return found
        pending = self._pieces(np.arange(len(self.months)), found)
        while pending and len(found) < test.max_changes:
            piece = pending.pop(0)
            if self.sums[0, piece].sum() < 2 * test.min_events:
                continue
            more = [s for s in self.test(piece, test, rng, None) if s.supported]
            if more:  # a piece without a supported shift is done
                more = more[: test.max_changes - len(found)]
                found += more
                pending += self._pieces(piece, more)
        found.sort(key=lambda s: s.at)
        return self._refit(found, test) if len(found) > 1 else found

    def _refit(self, found: list[Shift], test: ShiftTest) -> list[Shift]:
        """``found`` (earliest first) with each side taken between its neighbouring shifts: a
        shift found first compared the months beyond a later one; its figures (and whether the
        change still holds) are those of the months up to the next shift."""
        have = np.unique(self.months)
        bounds = np.searchsorted(self.months, have).tolist() + [len(self.months)]
        cuts = [int(np.searchsorted(have, self.periods.index(s.at))) for s in found]
        edges = [0, *cuts, len(have)]
        return [self._shift(self.sums, have, bounds, edges[n], edges[n + 1], edges[n + 2], s.p_value or 1.0, test,
                            rising=s.direction == "closer") for n, s in enumerate(found)]

    def _pieces(self, rows: np.ndarray, found: list[Shift]) -> list[np.ndarray]:
        cuts = sorted(self.periods.index(s.at) for s in found)
        edges = [-1, *cuts, len(self.periods)]
        month = self.months[rows]
        return [rows[(month >= lo) & (month < hi)] for lo, hi in zip(edges, edges[1:], strict=False)
                if ((month >= lo) & (month < hi)).any()]

    def test(self, rows: np.ndarray, test: ShiftTest, rng: _Draws,
             split_at: int | None) -> list[Shift]:
        """The best segment of the events ``rows``: its one or two shifts (supported or not), or
        one result with insufficient data."""
        months, sums = self.months[rows], self.sums[:, rows]
        have = np.unique(months)
        bounds = np.searchsorted(months, have).tolist() + [len(months)]  # row index of each month
        segs = _segments(len(have), test, None if split_at is None else int(np.searchsorted(have, split_at)))
        units = _Units.of(months, sums, have, test)
        candidates = segs  # a random order is scored over every candidate valid in it
        if len(segs):
            z = units.z(np.arange(units.size)[None, :], segs)[0]
            segs, z = segs[~np.isnan(z)], z[~np.isnan(z)]
        if not len(segs):
            first, last = self.periods[int(have[0])], self.periods[int(have[-1])]
            return [Shift(self.source, self.target, first, math.nan, math.nan, first, last, int(sums[0].sum()), 0,
                          status="insufficient data", months_before=len(have))]
        best = int(np.argmax(np.abs(z)))
        p = units.p_value(abs(z[best]), candidates, test, rng)
        i, j = (int(x) for x in segs[best])
        cuts = [c for c in (i, j) if 0 < c < len(have)]
        edges = [0, *cuts, len(have)]
        out = []
        for n, cut in enumerate(cuts):
            lo, hi = edges[n], edges[n + 2]
            out.append(self._shift(sums, have, bounds, lo, cut, hi, p, test,
                                   rising=(z[best] > 0) == (cut == i)))
        return out

    def _shift(self, sums: np.ndarray, have: np.ndarray, bounds: list[int], lo: int, cut: int, hi: int,
               p: float, test: ShiftTest, rising: bool) -> Shift:
        """The shift at month ``cut`` (of ``have``) from months ``[lo, cut)`` to ``[cut, hi)``."""
        n_before, *before_sums = sums[:, bounds[lo]:bounds[cut]].sum(axis=1).tolist()
        n_after, *after_sums = sums[:, bounds[cut]:bounds[hi]].sum(axis=1).tolist()
        side = (before_sums, after_sums)
        before, after = (net_cooperation(s[0], s[1], self.alpha) for s in side)
        supported = p <= test.level and abs(after - before) >= test.min_change and (after > before) == rising
        return Shift(self.source, self.target, self.periods[int(have[cut])], before, after,
                     self.periods[int(have[lo])], self.periods[int(have[hi - 1])], round(n_before),
                     round(n_after), confidence=round(1 - p, 4), p_value=p,
                     before_interval=net_interval(*side[0], self.alpha),
                     after_interval=net_interval(*side[1], self.alpha), months_before=cut - lo,
                     months_after=hi - cut, status="supported" if supported else "not supported")


def _segments(m: int, test: ShiftTest, split: int | None) -> np.ndarray:
    """Candidate segments ``[i, j)`` of ``m`` months with events, as an array of ``(i, j)`` rows:
    ``min_months`` inside and outside; only ``(split, m)`` when a split is given; only segments
    reaching the last month unless ``test.segments``."""
    mm = test.min_months
    if split is not None:
        pairs = [(split, m)] if mm <= split <= m - mm else []
    elif test.segments:
        pairs = [(i, j) for i in range(m) for j in range(i + mm, m + 1) if m - (j - i) >= mm]
    else:
        pairs = [(k, m) for k in range(mm, m - mm + 1)]
    return np.array(pairs, dtype=int).reshape(-1, 2)


@dataclass(frozen=True)
class _Units:
    """What a permutation shuffles: a pair's months (each with its number of events and either the
    sum of their scores or their mean) or its single events; ``cut[b]``: the unit index where month
    ``b`` of the pair's months with events begins."""

    count: np.ndarray
    weight: np.ndarray
    value: np.ndarray
    var: float
    cut: np.ndarray
    min_events: int

    @property
    def size(self) -> int:
        return len(self.count)

    @classmethod
    def of(cls, months: np.ndarray, sums: np.ndarray, have: np.ndarray, test: ShiftTest) -> _Units:
        events, scores = sums[0], sums[1] - sums[2]
        n = float(events.sum())
        # the variance of single events' scores, from their sums and sums of squares
        var = max(float(sums[3].sum() + sums[4].sum() - scores.sum() ** 2 / n) / max(n - 1, 1), 0.0)
        if test.shuffle == "events":  # one row per event
            ones = np.ones(len(scores))
            cut = np.append(np.searchsorted(months, have), len(scores))
            return cls(ones, ones, scores, max(var, _SD_FLOOR**2), cut, test.min_events)
        slot = np.searchsorted(have, months)
        count = np.bincount(slot, weights=events, minlength=len(have))
        total = np.bincount(slot, weights=scores, minlength=len(have))
        cut = np.arange(len(have) + 1)
        if test.statistic == "events":
            return cls(count, count, total, max(var, _SD_FLOOR**2), cut, test.min_events)
        mean = total / count
        var = float(mean.var()) * len(mean) / max(len(mean) - 1, 1)
        return cls(count, np.ones(len(have)), mean, max(var, _SD_FLOOR**2), cut, test.min_events)

    def z(self, order: np.ndarray, segs: np.ndarray) -> np.ndarray:
        """z of each segment (columns: inside against outside) for each order of the units (rows);
        NaN where a side has fewer than ``min_events`` events."""
        zero = np.zeros((order.shape[0], 1))
        c, w, t = (np.concatenate([zero, np.cumsum(x[order], axis=1)], axis=1)[:, self.cut]
                   for x in (self.count, self.weight, self.value))
        i, j = segs[:, 0], segs[:, 1]
        ci, wi, ti = c[:, j] - c[:, i], w[:, j] - w[:, i], t[:, j] - t[:, i]
        co, wo, to = c[:, -1:] - ci, w[:, -1:] - wi, t[:, -1:] - ti
        ok = (ci >= self.min_events) & (co >= self.min_events)
        with np.errstate(invalid="ignore", divide="ignore"):
            z = (ti / wi - to / wo) / np.sqrt(self.var * (1 / wi + 1 / wo))
        return np.where(ok, z, np.nan)

    def tail(self, segs: np.ndarray, test: ShiftTest) -> bool:
        """Whether :func:`blocwatch.analysis.permutations.tail_p_value` scores these orders: months
        shuffled, each counting once, every segment running to the last month, and enough months
        for its setup to pay (below ``_FAST_UNITS`` the batch loop is as fast; both give the same)."""
        return (test.shuffle == "months" and test.statistic == "months" and len(self.cut) == self.size + 1
                and self.size >= _FAST_UNITS and bool(np.all(segs[:, 1] == self.size)))

    def p_value(self, observed: float, segs: np.ndarray, test: ShiftTest, rng: _Draws) -> float:
        """The sequential Monte Carlo *p*-value of ``observed`` (Besag and Clifford 1991): random
        orders are drawn until ``_STOP_AFTER`` of them reach it (*p* = that number over the orders
        drawn) or ``test.permutations`` are drawn (*p* = (1 + those reaching it) / (1 + drawn))."""
        most = max(1, 2_000_000 // max(self.size * len(segs), 1))
        if self.tail(segs, test):  # the shipped test: the same p-value and draws, faster
            p = tail_p_value(self.count, self.value, self.var, self.min_events, segs[:, 0], observed,
                             test.permutations, rng.generator, most=most, work=rng.work)
            if p is not None:
                return p
        size = min(_FIRST_BATCH, most)
        done = reached = 0
        while done < test.permutations:
            size = min(size, test.permutations - done)
            order = np.argsort(rng.generator.random((size, self.size)), axis=1)
            hits = np.nan_to_num(np.abs(self.z(order, segs)), nan=-1.0).max(axis=1) >= observed - 1e-12
            count = int(np.count_nonzero(hits))
            if reached + count >= _STOP_AFTER:  # stop at the order that made it _STOP_AFTER
                at = int(np.flatnonzero(hits)[_STOP_AFTER - reached - 1]) + 1
                return _STOP_AFTER / (done + at)
            reached += count
            done += size
            size = min(4 * size, most)
        return (1 + reached) / (done + 1)
