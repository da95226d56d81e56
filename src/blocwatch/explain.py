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
from blocwatch.dyads import EVENT_FILTERS, DyadQuery
from blocwatch.store import EventStore

__all__ = ["filters_in_force", "why_empty"]


def _count(store: EventStore, where: list[str], params: list[Any] | None = None) -> int:
    sql = "SELECT count(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    row = store.con.execute(sql, params or []).fetchone()
    return int(row[0]) if row else 0


def _name(code: str) -> str:
    country = load_countries().by_iso3.get(code)
    return f"{code} ({country.name})" if country else code


def filters_in_force(query: DyadQuery) -> list[str]:
    """The filters of ``query`` that leave events out, in words.

    Examples
    --------
    >>> filters_in_force(DyadQuery(roots=("19",), min_sources=2))
    ['factual events only', 'dated events only', 'CAMEO roots 19', 'reported by at least 2 sources']
    """
    words = {"factual_only": "factual events only", "states_only": "actors acting for their state only",
             "roots_only": "lead paragraphs only", "dated_only": "dated events only"}
    out = [text for field, text in words.items() if getattr(query, field) and not query.undated_only]
    if query.roots is not None:
        out.append(f"CAMEO roots {', '.join(query.roots)}")
    if query.quad_classes is not None:
        out.append(f"quad classes {', '.join(map(str, query.quad_classes))}")
    if query.plover is not None:
        out.append(f"PLOVER types {', '.join(query.plover)}")
    if query.origins is not None:
        out.append(f"origins {', '.join(query.origins) or 'none'}")
    if query.min_sources > 1:
        out.append(f"reported by at least {query.min_sources} sources")
    if query.exclude:
        out.append(f"{len(query.exclude):,} events excluded as judged wrong")
    return out


def why_empty(store: EventStore, query: DyadQuery) -> str | None:
    """Why ``query`` selects no events from ``store``, in one sentence; None when it selects some
    (the view built on them is empty for a reason of its own, such as a tie rule).

    The reasons, tried in this order: the store is empty; a state has no events; one state was
    asked for where a pair is needed (with its busiest partners under the same filters and dates);
    the filters leave out every event of these states and dates (with how many, and which filters);
    the dates lie outside these states' events (with their range); the states never met.

    Parameters
    ----------
    store : EventStore
    query : DyadQuery

    Returns
    -------
    str or None

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
    missing = [c for c in states if _count(store, ["(source_country = ? OR target_country = ?)"], [c, c]) == 0]
    if missing:
        return "no event in the store involves " + " or ".join(_name(c) for c in missing)
    if len(states) == 1 and not query.include_domestic:
        (state,) = states
        where = " AND ".join(replace(query, countries=None).where())
        partners = store.con.execute(
            "SELECT CASE WHEN source_country = ? THEN target_country ELSE source_country END AS other, count(*) AS n "
            f"FROM events WHERE {where} AND ? IN (source_country, target_country) GROUP BY other "
            "ORDER BY n DESC, other LIMIT 3", [state, state]).fetchall()
        busiest = ", ".join(f"{code} ({n:,} events)" for code, n in partners)
        return (f"only events between the states asked for count, and only {_name(state)} was asked for: add "
                f"the states whose relations with it you want" + (f"; its busiest partners here are {busiest}"
                                                                  if busiest else ""))
    if _count(store, query.where()) > 0:
        return None
    loose = replace(query, **EVENT_FILTERS)
    held = _count(store, loose.where())
    if held:
        return (f"the filters leave out all {held:,} events of these states and dates "
                f"({'; '.join(filters_in_force(query))})")
    anytime = replace(loose, start=None, end=None)
    if (query.start or query.end) and _count(store, anytime.where()) > 0:
        first, last = store.con.execute(
            f"SELECT min(date), max(date) FROM events WHERE {' AND '.join(anytime.where())}").fetchone()
        asked = f"{query.start or '...'} to {query.end or '...'}"
        return f"no event in {asked}: the events of these states run from {first} to {last}"
    return "no event between these states"
