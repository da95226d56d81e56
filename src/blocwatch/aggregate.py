"""Dyad tables: events between pairs of states per time window, as portable SQL.

The SQL is generated in one place and kept to what DuckDB and Spark SQL both run
(``date_trunc``, ``FILTER``, ordinal ``GROUP BY``), so that every engine computes the
same table from the same definition. Values are validated and inlined, never pasted
from user text.

Examples
--------
>>> q = DyadQuery(window="month", countries=("PRK", "RUS"))
>>> print(q.sql().splitlines()[0])
SELECT
>>> "source_country IN ('PRK', 'RUS')" in q.sql()
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from blocwatch.errors import InputError

__all__ = ["DYAD_COLUMNS", "WINDOWS", "DyadQuery", "dyad_table", "parse_countries", "parse_date"]

#: Time windows a dyad table can be cut into.
WINDOWS = ("day", "week", "month", "quarter", "year")

#: Columns of a dyad table, in order, with their meaning.
DYAD_COLUMNS = {
    "period": "first day of the window (weeks start on Monday)",
    "source": "ISO alpha-3 of the acting state",
    "target": "ISO alpha-3 of the state acted upon",
    "events": "number of factual events",
    "goldstein_sum": "sum of Goldstein scores",
    "goldstein_mean": "mean Goldstein score",
    "verbal_coop": "events of quad class 1 (verbal cooperation)",
    "material_coop": "events of quad class 2 (material cooperation)",
    "verbal_conflict": "events of quad class 3 (verbal conflict)",
    "material_conflict": "events of quad class 4 (material conflict)",
}

_ISO3 = re.compile(r"^[A-Z]{3}$")


def parse_countries(text: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"usa, rus,PRK"`` -> ``("USA", "RUS", "PRK")``; ``None`` or empty -> ``None``.

    Examples
    --------
    >>> parse_countries("usa, rus,PRK")
    ('USA', 'RUS', 'PRK')
    >>> parse_countries("US")
    Traceback (most recent call last):
    ...
    blocwatch.errors.InputError: --countries: "US" is not an ISO alpha-3 code such as USA
    """
    if text is None:
        return None
    items = text.split(",") if isinstance(text, str) else list(text)
    codes = tuple(dict.fromkeys(c.strip().upper() for c in items if c.strip()))
    for c in codes:
        if not _ISO3.match(c):
            raise InputError(f'--countries: "{c}" is not an ISO alpha-3 code such as USA')
    return codes or None


def parse_date(text: str | date | None, *, end: bool = False, option: str = "date") -> date | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``end`` picks the period's last day.

    Examples
    --------
    >>> parse_date("2024-02", end=True)
    datetime.date(2024, 2, 29)
    >>> parse_date("2024")
    datetime.date(2024, 1, 1)
    """
    if text is None or isinstance(text, date):
        return text
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if not m:
        raise InputError(f'{option}: "{text}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)')
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None:
            return date(y, int(mo), int(d))
        if mo is not None:
            if not end:
                return date(y, int(mo), 1)
            nxt = date(y + int(mo) // 12, int(mo) % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError as exc:
        raise InputError(f'{option}: "{text}" is not a valid date ({exc})') from None


@dataclass(frozen=True)
class DyadQuery:
    """Which events to count and how to cut them.

    Parameters
    ----------
    window : {"day", "week", "month", "quarter", "year"}
    countries : tuple of str, optional
        Keep dyads whose both ends are in this set (ISO alpha-3).
    start, end : date, optional
        Inclusive bounds on the event date.
    factual_only : bool
        Count only events whose ``mode`` is ``factual`` (the default: negated,
        hypothetical, future and claimed events are not facts).
    include_domestic : bool
        Keep dyads of a state with itself (government vs. opposition ...).
    """

    window: str = "month"
    countries: tuple[str, ...] | None = None
    start: date | None = None
    end: date | None = None
    factual_only: bool = True
    include_domestic: bool = False

    def __post_init__(self) -> None:
        if self.window not in WINDOWS:
            raise InputError(f"--window: choose one of {', '.join(WINDOWS)}, not {self.window!r}")
        for c in self.countries or ():
            if not _ISO3.match(c):
                raise InputError(f'--countries: "{c}" is not an ISO alpha-3 code')
        if self.start and self.end and self.start > self.end:
            raise InputError(f"--from {self.start} is after --to {self.end}")

    def where(self) -> list[str]:
        """The SQL conditions on ``events`` implied by this query."""
        cond = ["source_country IS NOT NULL", "target_country IS NOT NULL"]
        if not self.include_domestic:
            cond.append("source_country <> target_country")
        if self.factual_only:
            cond.append("mode = 'factual'")
        if self.start:
            cond.append(f"date >= DATE '{self.start.isoformat()}'")
        if self.end:
            cond.append(f"date <= DATE '{self.end.isoformat()}'")
        if self.countries:
            inlist = ", ".join(f"'{c}'" for c in self.countries)
            cond.append(f"source_country IN ({inlist})")
            cond.append(f"target_country IN ({inlist})")
        return cond

    def sql(self, table: str = "events") -> str:
        """SQL computing the dyad table from ``table`` (same text for DuckDB and Spark)."""
        return (
            "SELECT\n"
            f"  CAST(date_trunc('{self.window}', date) AS DATE) AS period,\n"
            "  source_country AS source,\n"
            "  target_country AS target,\n"
            "  count(*) AS events,\n"
            "  sum(goldstein) AS goldstein_sum,\n"
            "  avg(goldstein) AS goldstein_mean,\n"
            "  count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,\n"
            "  count(*) FILTER (WHERE quad_class = 2) AS material_coop,\n"
            "  count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,\n"
            "  count(*) FILTER (WHERE quad_class = 4) AS material_conflict\n"
            f"FROM {table}\n"
            "WHERE " + "\n  AND ".join(self.where()) + "\n"
            "GROUP BY 1, 2, 3\n"
            "ORDER BY period, events DESC, source, target"
        )


def dyad_table(con: Any, query: DyadQuery) -> pa.Table:
    """Run ``query`` on a DuckDB connection holding an ``events`` table or view.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Usually ``EventStore.con``.
    query : DyadQuery

    Returns
    -------
    pyarrow.Table
        One row per period and directed dyad, columns :data:`DYAD_COLUMNS`.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute(\"\"\"CREATE TABLE events AS SELECT * FROM (VALUES
    ...   (DATE '2024-06-19', 'RUS', 'PRK', 2, 5.0, 'factual'),
    ...   (DATE '2024-06-20', 'RUS', 'PRK', 1, 1.0, 'factual'),
    ...   (DATE '2024-06-21', 'RUS', 'PRK', 4, -9.0, 'future'))
    ...   t(date, source_country, target_country, quad_class, goldstein, mode)\"\"\")
    >>> row = dyad_table(con, DyadQuery()).to_pylist()[0]
    >>> row["events"], row["goldstein_mean"], row["material_coop"]
    (2, 3.0, 1)
    """
    return con.sql(query.sql()).to_arrow_table()
