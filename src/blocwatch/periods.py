"""Dates and periods: how blocwatch reads, steps through and names time, in one place.

Dates are given as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a start is the first day of what it
names, an end the last); a named period also as ``YYYY-Qn``. Windows are ``day``, ``week``
(starting on Monday), ``month``, ``quarter`` or ``year``; a window is named by
:func:`period_label`: ``2024``, ``2024-Q2``, ``2024-06`` or ``2024-06-19``.

Examples
--------
>>> Period.parse("2024-Q2")
Period(start=datetime.date(2024, 4, 1), end=datetime.date(2024, 6, 30), window='quarter')
>>> Period.parse("2024-11").label
'2024-11'
>>> [period_label(d, "quarter") for d in period_range(date(2024, 2, 5), date(2024, 12, 1), "quarter")]
['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from blocwatch.errors import ParameterError

__all__ = ["SERIES_WINDOWS", "WINDOWS", "Period", "months_between", "parse_date", "period_end", "period_label",
           "period_range", "period_start"]

#: Windows a table can be cut into.
WINDOWS = ("day", "week", "month", "quarter", "year")

#: Windows of a time series (:func:`period_range`).
SERIES_WINDOWS = ("month", "quarter", "year")

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def parse_date(text: str | date | None, *, end: bool = False, param: str = "date") -> date | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``end`` picks the last day of what it names.

    Parameters
    ----------
    text : str, date or None
        A date is returned as it is, ``None`` as ``None``.
    end : bool
        The last day of a year or month given (for an inclusive upper bound).
    param : str
        The parameter's name, for the error.

    Raises
    ------
    ParameterError
        Not a date.

    Examples
    --------
    >>> parse_date("2024-02", end=True)
    datetime.date(2024, 2, 29)
    >>> parse_date("2024")
    datetime.date(2024, 1, 1)
    >>> parse_date("2024-13", param="start")
    Traceback (most recent call last):
    ...
    blocwatch.errors.ParameterError: start: "2024-13" is not a valid date (month must be in 1..12)
    """
    if text is None or isinstance(text, date):
        return text
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise ParameterError(param, f'"{text}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)')
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None:
            return date(y, int(mo), int(d))
        if mo is not None:
            first = date(y, int(mo), 1)
            return period_end(first, "month") if end else first
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError as exc:
        raise ParameterError(param, f'"{text}" is not a valid date ({exc})') from None


def period_start(day: date, window: str) -> date:
    """The first day of the ``window`` holding ``day``.

    Examples
    --------
    >>> period_start(date(2024, 5, 17), "quarter"), period_start(date(2024, 5, 17), "week")
    (datetime.date(2024, 4, 1), datetime.date(2024, 5, 13))
    """
    if window == "day":
        return day
    if window == "week":
        return day - timedelta(days=day.weekday())
    step = _step(window)
    return date(day.year, (day.month - 1) // step * step + 1, 1)


def period_end(start: date, window: str) -> date:
    """The last day of the ``window`` that begins (or holds) ``start``.

    Examples
    --------
    >>> period_end(date(2024, 10, 1), "quarter"), period_end(date(2024, 2, 1), "month")
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29))
    """
    first = period_start(start, window)
    if window == "day":
        return first
    if window == "week":
        return first + timedelta(days=6)
    months = first.month - 1 + _step(window)
    return date(first.year + months // 12, months % 12 + 1, 1) - timedelta(days=1)


def period_label(start: date, window: str) -> str:
    """The name of the window beginning on ``start``: ``2024``, ``2024-Q2``, ``2024-06`` or the day.

    Examples
    --------
    >>> period_label(date(2024, 4, 1), "quarter"), period_label(date(2024, 6, 1), "month")
    ('2024-Q2', '2024-06')
    """
    if window == "year":
        return f"{start.year}"
    if window == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if window == "month":
        return start.strftime("%Y-%m")
    return start.isoformat()


def period_range(start: date, end: date, window: str = "month") -> list[date]:
    """First days of every month, quarter or year from ``start`` to ``end`` (both included).

    Examples
    --------
    >>> [d.isoformat() for d in period_range(date(2024, 11, 5), date(2025, 2, 1))]
    ['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']
    """
    step = _step(window, series=True)
    y, m = start.year, (start.month - 1) // step * step + 1
    out = []
    while date(y, m, 1) <= end:
        out.append(date(y, m, 1))
        m += step
        if m > 12:
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


def months_between(first: date, later: date) -> int:
    """Whole calendar months from ``first``'s month to ``later``'s (negative when earlier).

    >>> months_between(date(2024, 10, 31), date(2025, 1, 1))
    3
    """
    return (later.year - first.year) * 12 + later.month - first.month


def _step(window: str, *, series: bool = False) -> int:
    step = _MONTHS.get(window)
    if step is None:
        allowed = SERIES_WINDOWS if series else WINDOWS
        kind = "series are monthly, quarterly or yearly" if series else f"choose one of {', '.join(allowed)}"
        raise ParameterError("window", f"{kind}, not {window!r}")
    return step


@dataclass(frozen=True)
class Period:
    """A named span of days: a year, quarter, month or day, or any span between two dates.

    Parameters
    ----------
    start, end : date
        First and last day, both included.
    window : str
        ``year``, ``quarter``, ``month``, ``day``, or ``span`` for any other range.
    """

    start: date
    end: date
    window: str = "span"

    @classmethod
    def parse(cls, text: str | Period, *, param: str = "period") -> Period:
        """``2024``, ``2024-Q2``, ``2024-06`` or ``2024-06-19``.

        Examples
        --------
        >>> Period.parse("2024-06")
        Period(start=datetime.date(2024, 6, 1), end=datetime.date(2024, 6, 30), window='month')
        """
        if isinstance(text, Period):
            return text
        m = _QUARTER.fullmatch(text.strip())
        if m:
            first = date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
            return cls(first, period_end(first, "quarter"), "quarter")
        start = parse_date(text, param=param)
        end = parse_date(text, end=True, param=param)
        assert start is not None and end is not None
        window = {1: "year", 2: "month", 3: "day"}[len(text.strip().split("-"))]
        return cls(start, end, window)

    @classmethod
    def between(cls, start: str | date, end: str | date) -> Period:
        """The span from the first day of ``start`` to the last day of ``end``.

        Raises
        ------
        ParameterError
            ``start`` is after ``end``.

        Examples
        --------
        >>> Period.between("2023-01", "2024-12").label
        '2023-01-01..2024-12-31'
        """
        first, last = parse_date(start, param="start"), parse_date(end, end=True, param="end")
        assert first is not None and last is not None
        if first > last:
            raise ParameterError("start", f"{first} is after the end, {last}")
        return cls(first, last)

    @property
    def label(self) -> str:
        """The period's name (``2024-Q2``; ``START..END`` for a span)."""
        if self.window == "span":
            return f"{self.start}..{self.end}"
        return period_label(self.start, self.window)
