"""The tested shifts of a window, on whichever engine holds the events.

:meth:`blocwatch.relations.Relations.shifts` (a DuckDB store) and
:func:`blocwatch.spark.shifts.spark_shifts` (run folders on Spark) run the same steps, written
once here: count events per origin and month, keep the origins that cover the window
(:mod:`blocwatch.coverage`), fetch the monthly undirected dyad table of those origins (or, for
``shuffle="events"``, each event's score) and test every pair
(:func:`blocwatch.analysis.significance.detect_shifts`). An engine supplies the data through
:class:`ShiftData`. The monthly table is small (a row per pair and month) whatever the number of
events, so the test runs where the answer is wanted; the scores of single events, which
``shuffle="events"`` needs, are as many as the events, so that test is for corpora whose events
fit in memory.

Examples
--------
>>> from blocwatch.analysis.shifts import Shift
>>> def shift(pair, before, after):
...     return Shift(*pair, date(2024, 6, 1), before, after, date(2024, 1, 1), date(2024, 12, 31), 9, 9)
>>> found = [shift("AB", -0.5, 0.5), shift("AC", 0.5, -0.5), shift("BC", -0.2, 0.2)]
>>> [s.source + s.target for s in shown(found, limit=1, every=False)]  # one closer, one apart
['AB', 'AC']
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Protocol

import numpy as np

from blocwatch.analysis.monthly import SUMS
from blocwatch.analysis.shifts import Shift
from blocwatch.analysis.significance import ShiftTest, detect_shifts
from blocwatch.coverage import common_coverage, coverage, longest_span
from blocwatch.dyads import DyadQuery
from blocwatch.periods import period_end, period_range

__all__ = ["ShiftData", "shown", "window_shifts"]


class ShiftData(Protocol):
    """What the shift test needs of an engine's events."""

    def origin_months(self) -> list[tuple[str, date, int]]:
        """Events per ``(origin, month)`` over all events, in that order."""
        ...

    def present_origins(self, start: date, end: date) -> set[str]:
        """The origins with events from ``start`` to ``end``."""
        ...

    def dyad_columns(self, query: DyadQuery, names: tuple[str, ...]) -> dict[str, np.ndarray]:
        """Columns ``names`` of the dyad table of ``query``."""
        ...

    def event_scores(self, query: DyadQuery) -> list[dict[str, Any]]:
        """The rows of :meth:`blocwatch.dyads.DyadQuery.event_scores_sql`."""
        ...


def window_shifts(data: ShiftData, query: DyadQuery, start: date, end: date, *, split: date | None = None,
                  test: ShiftTest | None = None, alpha: float) -> tuple[list[Shift], tuple[str, ...] | None]:
    """The tested shifts of every pair from ``start`` to ``end``, and the origins compared (None:
    every origin ``query`` counts); see :meth:`blocwatch.relations.Relations.shifts`.

    Parameters
    ----------
    data : ShiftData
    query : DyadQuery
        The relations' query (its window, dates and direction are replaced).
    start, end : date
    split : date, optional
    test : ShiftTest, optional
    alpha : float
        Smoothing of net cooperation.

    Examples
    --------
    Events of no origin: nothing to compare, no shift.

    >>> class Nothing:
    ...     def origin_months(self): return []
    ...     def present_origins(self, start, end): return set()
    ...     def dyad_columns(self, query, names): return {n: [] for n in names}
    ...     def event_scores(self, query): return []
    >>> window_shifts(Nothing(), DyadQuery(), date(2024, 1, 1), date(2024, 12, 31), alpha=0.3)
    ([], None)
    """
    periods = period_range(start, end, "month")
    present = data.present_origins(start, end)
    if query.origins is not None:
        present &= set(query.origins)
    covered, left_out = common_coverage(coverage(data.origin_months()), present, start, end)
    origins = covered if left_out else query.origins
    notes = tuple(f"{o} left out: its data ({first:%Y-%m} to {last:%Y-%m}) do not cover the whole window"
                  for o, (first, last) in left_out.items())
    if left_out and not covered:  # no source covers the window: the longest stretch some source covers
        stretch = longest_span(periods[0], periods[-1], left_out)
        if stretch is None:
            return [], ()
        first, last, origins = stretch
        periods = [p for p in periods if first <= p <= last]
        start, end = first, period_end(last, "month")
        dropped = sorted(set(left_out) - set(origins))
        notes = (f"only {first:%Y-%m} to {last:%Y-%m} compared, the months that {' and '.join(origins)} "
                 f"cover{'s' if len(origins) == 1 else ''}"
                 + (f"; {' and '.join(dropped)} left out" if dropped else ""),)
    q = replace(query, window="month", start=start, end=end, directed=False, origins=origins)
    test = test or ShiftTest()
    if test.shuffle == "events":  # single events are the units
        rows: Any = data.event_scores(q)
    else:  # months are the units: the monthly dyad table has all the test needs, as columns
        rows = data.dyad_columns(q, ("period", "source", "target", *SUMS))
    found = detect_shifts(rows, periods, test=test, alpha=alpha, split=split)
    return ([replace(s, notes=s.notes + notes) for s in found] if notes else found), origins


def shown(found: list[Shift], *, limit: int | None, every: bool) -> list[Shift]:
    """The shifts a list shows: the supported ones, at most ``limit`` closer and ``limit`` apart
    (in the given order; every one for no limit), then, with ``every``, the others."""
    out = [s for s in found if s.supported]
    if limit:
        closer = [s for s in out if s.delta > 0][:limit]
        apart = [s for s in out if s.delta < 0][:limit]
        keep = {id(s) for s in closer + apart}
        out = [s for s in out if id(s) in keep]
    if every:
        out += [s for s in found if not s.supported]
    return out
