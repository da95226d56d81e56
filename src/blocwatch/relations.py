"""Relations between states read from a store: the one object the CLI, report and app ask.

:class:`Relations` runs the dyad SQL (:mod:`blocwatch.aggregate`) on a store and hands plain
tables to :mod:`blocwatch.analysis`; it adds what only the store has: the events (with their
evidence) behind a number.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     Relations(store).table().num_rows
0
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pyarrow as pa

from blocwatch.aggregate import DyadQuery, dyad_table
from blocwatch.analysis.enemies import CommonEnemy, common_enemies, totals
from blocwatch.analysis.network import EdgeRule, SignedNetwork, network_from_relations
from blocwatch.analysis.relations import DEFAULT_ALPHA, add_net, period_range
from blocwatch.analysis.shifts import Shift, drivers, find_shifts
from blocwatch.store import EventStore

__all__ = ["EVIDENCE_COLUMNS", "Relations", "RelationsOptions"]

#: Columns of an event shown as evidence.
EVIDENCE_COLUMNS = ("event_id", "date", "source", "target", "source_country", "target_country", "cameo", "goldstein",
                    "mode", "origin", "doc_id", "url", "evidence_text", "evidence_rule")


@dataclass(frozen=True)
class RelationsOptions:
    """How events become relations (every default is documented in docs/analysis.md).

    Parameters
    ----------
    query : DyadQuery
        Which events count: dates, countries, factual only, score, weighting, collapsing.
    alpha : float
        Smoothing of net cooperation (:func:`blocwatch.analysis.relations.net_cooperation`).
    rule : EdgeRule
        Sign and weight of network ties.
    """

    query: DyadQuery = field(default_factory=DyadQuery)
    alpha: float = DEFAULT_ALPHA
    rule: EdgeRule = field(default_factory=EdgeRule)


class Relations:
    """Relations computed from the events of one store.

    Parameters
    ----------
    store : EventStore
        Open store (read-only is enough).
    options : RelationsOptions, optional
    """

    def __init__(self, store: EventStore, options: RelationsOptions | None = None) -> None:
        self.store = store
        self.options = options or RelationsOptions()

    def _query(self, **changes: Any) -> DyadQuery:
        return replace(self.options.query, **changes)

    # -- tables ----------------------------------------------------------------------------

    def table(self, **changes: Any) -> pa.Table:
        """The dyad table with ``net`` added; ``changes`` override fields of the query, such as
        ``Relations(store).table(window="quarter", directed=False)``."""
        return add_net(dyad_table(self.store.con, self._query(**changes)), self.options.alpha)

    def top_states(self, n: int, **changes: Any) -> list[str]:
        """The ``n`` states in the most events with another state, most active first."""
        q = self._query(**{**changes, "countries": None})
        sql = ("SELECT state, sum(events) AS n FROM (SELECT source AS state, events FROM ({0}) d "
               "UNION ALL SELECT target AS state, events FROM ({0}) d2) GROUP BY state ORDER BY n DESC, state LIMIT ?")
        rows = self.store.con.execute(sql.format(q.sql()), [int(n)]).fetchall()
        return [r[0] for r in rows]

    # -- networks --------------------------------------------------------------------------

    def networks(self, *, top: int | None = None, **changes: Any) -> list[SignedNetwork]:
        """One signed network per window of the query (undirected relations, :class:`EdgeRule`).

        Parameters
        ----------
        top : int, optional
            Unless the query names countries: keep the ``top`` most active states of the whole
            range, the same states in every window.
        """
        if top and not self._query(**changes).countries:
            changes["countries"] = tuple(self.top_states(top, **changes))
        query = self._query(**changes)
        rows = self.table(directed=False, **changes).to_pylist()
        by_period: dict[date, list[dict[str, Any]]] = {}
        for r in rows:
            by_period.setdefault(r["period"], []).append(r)
        return [network_from_relations(rs, self.options.rule, label=_label(p, query.window),
                                       nodes=query.countries or ())
                for p, rs in sorted(by_period.items())]

    def network(self, start: date, end: date, *, label: str | None = None, top: int | None = None) -> SignedNetwork:
        """The signed network of all events from ``start`` to ``end``.

        Parameters
        ----------
        top : int, optional
            Keep only the ``top`` most active states of the period (unless the query names countries).
        """
        countries = self.options.query.countries
        if top and not countries:
            countries = tuple(self.top_states(top, start=start, end=end))
        rows = self.table(directed=False, window="year", start=start, end=end, countries=countries or None)
        # a period may span years: sum the yearly rows per pair before signing
        pairs = totals(rows.to_pylist(), self.options.alpha)
        return network_from_relations(pairs.values(), self.options.rule, label=label or f"{start}..{end}",
                                      nodes=countries or ())

    # -- shifts and enemies ------------------------------------------------------------------

    def shifts(self, start: date, end: date, *, split: date | None = None, min_events: int = 5,
               limit: int | None = 20, evidence: int = 5) -> list[Shift]:
        """Dyads that moved closer or apart between ``start`` and ``end``, with the events that drove it.

        Monthly net cooperation per undirected dyad, change points by
        :func:`blocwatch.analysis.shifts.find_shifts`, drivers from the events after the change.
        Largest moves first, except that a change in the month a source's coverage begins
        (:meth:`coverage_starts`) carries a note and is listed after the others.
        """
        periods = period_range(start, end, "month")
        rows = self.table(directed=False, window="month", start=start, end=end).to_pylist()
        found = find_shifts(rows, periods, split=split, min_events=min_events, alpha=self.options.alpha)
        starts = self.coverage_starts(start, end)
        noted = [replace(s, notes=tuple(
            f"{origin} data start in {first:%Y-%m}: the change may only be where coverage begins"
            for origin, first in starts if (first.year, first.month) == (s.at.year, s.at.month))) for s in found]
        noted.sort(key=lambda s: bool(s.notes))  # stable: changes that may be coverage artefacts go last
        if limit:
            noted = _head(noted, limit)
        names = dict(self.store.con.execute("SELECT code, name FROM cameo_codes").fetchall())
        return [replace(s, drivers=drivers(self.events(s.source, s.target, s.at, end), 1 if s.delta > 0 else -1,
                                           limit=evidence, names=names))
                for s in noted]

    def coverage_starts(self, start: date, end: date) -> list[tuple[str, date]]:
        """Origins (``gdelt2``, ``text`` ...) whose coverage starts inside ``(start, end]``: before that
        month their silence is missing data, not peace. Coverage starts at the first percentile of
        an origin's event dates (exports also carry a few old events: GDELT's of earlier dates)."""
        rows = self.store.con.execute(
            "SELECT origin, quantile_disc(date, 0.01) AS first FROM events GROUP BY origin "
            "HAVING first > ? AND first <= ? ORDER BY 1", [start, end]).fetchall()
        return [(o, d) for o, d in rows if (d.year, d.month) != (start.year, start.month)]

    def enemies(self, a: str, b: str, start: date | None = None, end: date | None = None, *,
                examples: int = 2) -> list[CommonEnemy]:
        """Third states both ``a`` and ``b`` were hostile to from ``start`` to ``end``, with example events."""
        rows = self.table(directed=False, window="year", start=start, end=end, countries=None).to_pylist()
        pairs = totals(rows, self.options.alpha)
        rule = self.options.rule
        found = common_enemies(pairs, a, b, neutral=rule.neutral, min_events=rule.min_events)
        out = []
        for e in found:
            ex_a = _strongest(self.events(a, e.third, start, end), -1, examples)
            ex_b = _strongest(self.events(b, e.third, start, end), -1, examples)
            out.append(replace(e, examples_a=ex_a, examples_b=ex_b))
        return out

    # -- evidence ----------------------------------------------------------------------------

    def events(self, a: str, b: str, start: date | None = None, end: date | None = None, *,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Events between ``a`` and ``b`` (either direction) that the query counts, each with its
        ``score`` (Goldstein or PLOVER, times the weight) and evidence."""
        q = self._query(countries=None, start=start or self.options.query.start, end=end or self.options.query.end)
        where = " AND ".join(q.where())
        sql = (f"SELECT {', '.join(EVIDENCE_COLUMNS)}, ({q.score_sql()}) * {q.weight_sql()} AS score FROM events "
               f"WHERE {where} AND ((source_country = ? AND target_country = ?) "
               f"OR (source_country = ? AND target_country = ?)) ORDER BY date, event_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = self.store.con.sql(sql, params=[a, b, b, a]).to_arrow_table().to_pylist()
        for r in rows:
            r["date"] = r["date"].isoformat()
        return rows


def _label(period: date, window: str) -> str:
    if window == "year":
        return f"{period.year}"
    if window == "quarter":
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    if window == "month":
        return period.strftime("%Y-%m")
    return period.isoformat()


def _head(shifts: list[Shift], limit: int) -> list[Shift]:
    """The first ``limit`` moves closer and the first ``limit`` moves apart, in the given order."""
    closer = [s for s in shifts if s.delta > 0][:limit]
    apart = [s for s in shifts if s.delta < 0][:limit]
    keep = {id(s) for s in closer + apart}
    return [s for s in shifts if id(s) in keep]


def _strongest(events: list[dict[str, Any]], direction: int, n: int) -> tuple[dict[str, Any], ...]:
    picked = [e for e in events if (e["score"] or 0) * direction > 0]
    picked.sort(key=lambda e: (not e.get("evidence_text"), -abs(e["score"]), e["date"]))
    return tuple(picked[:n])
