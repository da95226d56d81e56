"""Why a query found nothing: a sentence that says what the store does hold.

An empty table is the most ambiguous answer a tool can give: no events, a misspelt state, a range
outside the data and a filter that leaves everything out all look the same. :func:`why_empty`
tells them apart by relaxing the query one condition at a time, and says where the data are.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     why_empty(store, DyadQuery(countries=("RUS", "PRK")))
'the store holds no events'
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from blocwatch.countries import load_countries
from blocwatch.dyads import DyadQuery
from blocwatch.store import EventStore

__all__ = ["why_empty"]


def _count(store: EventStore, where: list[str]) -> int:
    sql = "SELECT count(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    row = store.con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _name(code: str) -> str:
    country = load_countries().by_iso3.get(code)
    return f"{code} ({country.name})" if country else code


def _one(store: EventStore, sql: str, params: list[Any]) -> Any:
    row = store.con.execute(sql, params).fetchone()
    return row[0] if row else None


def why_empty(store: EventStore, query: DyadQuery) -> str:
    """Why ``query`` selects no events from ``store``, in one sentence: the store is empty, a state
    has no events, one state was asked for where a pair is needed, the dates lie outside the data
    (with the data's range), or the filters leave out every event (with how many).

    Examples
    --------
    >>> import os, tempfile
    >>> from blocwatch.store import EventStore
    >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
    ...     why_empty(store, DyadQuery())
    'the store holds no events'
    """
    if _count(store, []) == 0:
        return "the store holds no events"
    states = query.countries or ()
    missing = [c for c in states if _one(
        store, "SELECT count(*) FROM events WHERE source_country = ? OR target_country = ?", [c, c]) == 0]
    if missing:
        return "no event in the store involves " + " or ".join(_name(c) for c in missing)
    if len(states) == 1 and not query.include_domestic:
        (state,) = states
        partners = store.con.execute(
            "SELECT other, count(*) AS n FROM (SELECT CASE WHEN source_country = ? THEN target_country "
            "ELSE source_country END AS other FROM events WHERE (source_country = ? OR target_country = ?) "
            "AND source_country <> target_country) WHERE other IS NOT NULL GROUP BY other ORDER BY n DESC, other "
            "LIMIT 3", [state, state, state]).fetchall()
        busiest = ", ".join(f"{code} ({n:,} events)" for code, n in partners)
        return (f"only events between the states asked for count, and only {_name(state)} was asked for: add "
                f"the states whose relations with it you want" + (f"; its busiest partners are {busiest}"
                                                                  if busiest else ""))
    undated = replace(query, start=None, end=None)
    if (query.start or query.end) and _count(store, undated.where()) > 0:
        first, last = store.con.execute(
            f"SELECT min(date), max(date) FROM events WHERE {' AND '.join(undated.where())}").fetchone()
        asked = f"{query.start or '...'} to {query.end or '...'}"
        return f"no event in {asked}: the events asked for run from {first} to {last}"
    loose = replace(query, factual_only=False, states_only=False, roots_only=False, min_sources=1, origins=None,
                    dated_only=False)
    held = _count(store, loose.where())
    if held:
        return (f"the filters leave out all {held:,} events of these states and dates (only factual, dated "
                f"events of actors acting for their state count by default)")
    return "no event between these states" + ("" if not (query.start or query.end) else " in these dates")
