"""Which months each origin of events covers, and which origins a comparison over a window may use.

A source whose data begin or end inside a window would make its silence look like peace, so the
shift test compares only origins that cover the whole window (:func:`common_coverage`), or, when
none does, the longest stretch one of them covers (:func:`longest_span`). Plain data in and out:
both engines (:class:`blocwatch.relations.Relations` on a store, :mod:`blocwatch.spark.shifts` on
run folders) count events per origin and month and pass the counts here.

Examples
--------
>>> from datetime import date
>>> months = [("acled", date(2024, m, 1), 50) for m in range(1, 13)] + [("text", date(2024, 6, 1), 9)]
>>> spans = coverage(months)
>>> spans["text"]
(datetime.date(2024, 6, 1), datetime.date(2024, 6, 1))
>>> common_coverage(spans, {"acled", "text"}, date(2024, 1, 1), date(2024, 12, 31))
(('acled',), {'text': (datetime.date(2024, 6, 1), datetime.date(2024, 6, 1))})
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from blocwatch.periods import months_between

__all__ = ["common_coverage", "coverage", "longest_span", "origin_months_sql"]

Span = tuple[date, date]


def origin_months_sql(table: str = "events") -> str:
    """SQL of the events per origin and month, in that order (the same text for DuckDB and Spark).

    >>> origin_months_sql("e")[:46]
    "SELECT origin, CAST(date_trunc('month', date) "
    """
    return (f"SELECT origin, CAST(date_trunc('month', date) AS DATE) AS month, count(*) AS n FROM {table} "
            "GROUP BY 1, 2 ORDER BY 1, 2")


def coverage(rows: Iterable[tuple[str, date, int]]) -> dict[str, Span]:
    """Each origin's first and last month with at least a twentieth of its busiest month's events
    (a few stray events of other months, such as GDELT's old-dated ones, do not make coverage).

    Parameters
    ----------
    rows : iterable of (origin, month, events)
        Events per origin and month (the first day of the month).

    Examples
    --------
    >>> coverage([("gdelt2", date(2019, 1, 1), 1), ("gdelt2", date(2024, 10, 1), 900)])
    {'gdelt2': (datetime.date(2024, 10, 1), datetime.date(2024, 10, 1))}
    """
    by: dict[str, list[tuple[date, int]]] = {}
    for origin, month, n in rows:
        by.setdefault(origin, []).append((month, n))
    out = {}
    for origin, months in by.items():
        busiest = max(n for _, n in months)
        kept = [m for m, n in months if n >= max(1, busiest / 20)]
        out[origin] = (min(kept), max(kept))
    return out


def common_coverage(spans: dict[str, Span], present: Iterable[str], start: date,
                    end: date) -> tuple[tuple[str, ...], dict[str, Span]]:
    """The origins of ``present`` whose coverage spans every month of ``start`` .. ``end``, and the
    others with their coverage.

    Parameters
    ----------
    spans : dict
        :func:`coverage` of every origin.
    present : iterable of str
        The origins with events in the window that the query counts.

    Examples
    --------
    >>> spans = {"a": (date(2020, 1, 1), date(2025, 1, 1)), "b": (date(2024, 3, 1), date(2025, 1, 1))}
    >>> common_coverage(spans, ["a", "b"], date(2024, 1, 1), date(2024, 12, 31))
    (('a',), {'b': (datetime.date(2024, 3, 1), datetime.date(2025, 1, 1))})
    >>> common_coverage(spans, ["b"], date(2024, 6, 1), date(2024, 6, 30))
    (('b',), {})
    """
    first_month, last_month = date(start.year, start.month, 1), date(end.year, end.month, 1)
    kept = {o: v for o, v in spans.items() if o in set(present)}
    whole = tuple(sorted(o for o, (a, b) in kept.items() if a <= first_month and b >= last_month))
    return whole, {o: v for o, v in kept.items() if o not in whole}


def longest_span(first: date, last: date, spans: dict[str, Span]) -> tuple[date, date, tuple[str, ...]] | None:
    """The longest stretch of the months ``first`` .. ``last`` that one source's coverage spans, and the
    sources that cover all of it (more sources first when two stretches are as long); None when no
    source covers any of it.

    Examples
    --------
    >>> longest_span(date(2024, 1, 1), date(2024, 12, 1), {"a": (date(2024, 3, 1), date(2025, 6, 1)),
    ...                                                    "b": (date(2023, 1, 1), date(2024, 2, 1))})
    (datetime.date(2024, 3, 1), datetime.date(2024, 12, 1), ('a',))
    """
    best: tuple[int, int, date, date, tuple[str, ...]] | None = None
    for a, b in spans.values():
        lo, hi = max(a, first), min(b, last)
        if lo > hi:
            continue
        members = tuple(sorted(o for o, (x, y) in spans.items() if x <= lo and y >= hi))
        key = (months_between(lo, hi), len(members), lo, hi, members)
        if best is None or key[:2] > best[:2]:
            best = key
    return None if best is None else (best[2], best[3], best[4])
