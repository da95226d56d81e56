"""Relations between states read from a store: the one object the CLI, report, app and notebooks ask.

:class:`Relations` runs the dyad SQL (:mod:`blocwatch.dyads`) on a store and hands plain
tables to :mod:`blocwatch.analysis`; it adds what only the store has: the events (with their
evidence) behind a number. Dates and periods may be given as text (``"2024-11"``, ``"2024-Q2"``).
:func:`blocwatch.open` opens a store and returns its :class:`Relations`.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     Relations(store).table().num_rows, Relations(store).network("2024-11").label
(0, '2024-11')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pyarrow as pa

from blocwatch.analysis.cooperation import DEFAULT_ALPHA, add_net, totals
from blocwatch.analysis.enemies import CommonEnemy, common_enemies
from blocwatch.analysis.network import EdgeRule, SignedNetwork, network_from_relations
from blocwatch.analysis.shifts import DEFAULT_SMOOTH, Driver, Shift, find_shifts
from blocwatch.analysis.significance import ShiftTest
from blocwatch.coverage import common_coverage, coverage, origin_months_sql
from blocwatch.drivers import shift_drivers
from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.errors import ParameterError
from blocwatch.periods import Period, months_between, parse_date, period_end, period_label, period_range
from blocwatch.progress import Progress
from blocwatch.shiftjob import shown as shown_shifts
from blocwatch.shiftjob import window_shifts
from blocwatch.store import EventStore

__all__ = ["EVIDENCE_COLUMNS", "OTHER_URLS", "PLACE_DIGITS", "RECORD_KEY", "Relations", "RelationsOptions"]

Day = date | str | None

#: Columns of an event shown as evidence.
EVIDENCE_COLUMNS = ("event_id", "date", "source", "target", "source_country", "target_country", "cameo", "plover",
                    "goldstein", "mode", "origin", "doc_id", "url", "evidence_text", "evidence_rule",
                    "location_name", "latitude", "longitude")

#: What the records of one event share: a dataset such as GDELT keeps one record of a CAMEO-coded
#: event per article (and place) that reports it. Events with no CAMEO code (ACLED, POLECAT: one
#: record per event, typed by PLOVER) are never merged (their ``event_id`` joins the key). The
#: report's evidence table collapses the same way.
RECORD_KEY = ("date", "source", "target", "source_country", "target_country", "cameo", "plover", "mode",
              "CASE WHEN cameo IS NULL THEN event_id END")
#: At most this many of the other articles of a collapsed event are listed.
OTHER_URLS = 10

#: Decimal places a point of :meth:`Relations.places` keeps (0.01 degree, about 1 km): events
#: within it are one place.
PLACE_DIGITS = 2
_PAIR_SQL = ("CASE WHEN source_country < target_country THEN source_country || '-' || target_country "
             "ELSE target_country || '-' || source_country END")


@dataclass(frozen=True)
class RelationsOptions:
    """How events become relations (every default is documented in docs/analysis.md).

    Parameters
    ----------
    query : DyadQuery
        Which events count: dates, countries, factual only, score, weighting, collapsing. The
        default counts undirected pairs (``directed=False``), as ``blocwatch relations`` does, and
        only events between actors that act for their states (``states_only=True``: the truth
        suite's choice, docs/truth.md).
    alpha : float
        Smoothing of net cooperation (:func:`blocwatch.analysis.cooperation.net_cooperation`).
    rule : EdgeRule
        Sign and weight of network ties.
    """

    query: DyadQuery = field(default_factory=lambda: DyadQuery(directed=False, states_only=True))
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

    def __init__(self, store: EventStore, options: RelationsOptions | None = None, *,
                 owns_store: bool = False) -> None:
        self.store = store
        self.options = options or RelationsOptions()
        self._owns_store = owns_store

    @classmethod
    def of(cls, store: EventStore, *, countries: tuple[str, ...] | None = None, start: Day = None, end: Day = None,
           window: str = "month", alpha: float = DEFAULT_ALPHA, rule: EdgeRule | None = None,
           **query: Any) -> Relations:
        """Relations of ``store`` counting the events of a query built from these fields
        (:class:`~blocwatch.dyads.DyadQuery`), with the smoothing ``alpha`` and the tie ``rule``
        (by default those of :class:`RelationsOptions`).

        Examples
        --------
        >>> import os, tempfile
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
        ...     Relations.of(store, countries=("PRK", "RUS"), start="2024").options.query.start
        datetime.date(2024, 1, 1)
        """
        query.setdefault("directed", False)
        query.setdefault("states_only", True)
        q = DyadQuery(window=window, countries=countries or None, start=start, end=end, **query)
        return cls(store, RelationsOptions(query=q, alpha=alpha, rule=rule or EdgeRule()))

    def close(self) -> None:
        """Close the store if these relations opened it (:func:`blocwatch.open`)."""
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> Relations:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, **changes: Any) -> DyadQuery:
        return replace(self.options.query, **changes)

    # -- tables ----------------------------------------------------------------------------

    def table(self, **changes: Any) -> pa.Table:
        """The dyad table with ``net`` added; ``changes`` override fields of the query, such as
        ``Relations(store).table(window="quarter", start="2024")``. Undirected unless the query
        says ``directed=True``."""
        return add_net(dyad_table(self.store.con, self._query(**changes)), self.options.alpha)

    def dyads(self, **changes: Any) -> pa.Table:
        """The dyad table of ``blocwatch dyads``: directed pairs (unless ``directed=False``), without
        ``net``; ``changes`` override fields of the query."""
        return dyad_table(self.store.con, self._query(**{"directed": True, **changes}))

    def stats(self, top: int = 10) -> Any:
        """What the store holds (:meth:`blocwatch.store.EventStore.stats`)."""
        return self.store.stats(top)

    def top_states(self, n: int, **changes: Any) -> list[str]:
        """The ``n`` states in the most events with another state, most active first."""
        q = self._query(**{**changes, "countries": None})
        sql = ("SELECT state, sum(events) AS n FROM (SELECT source AS state, events FROM ({0}) d "
               "UNION ALL SELECT target AS state, events FROM ({0}) d2) GROUP BY state ORDER BY n DESC, state LIMIT ?")
        rows = self.store.con.execute(sql.format(q.sql()), [int(n)]).fetchall()
        return [r[0] for r in rows]

    def choose_states(self, top: int | None, **changes: Any) -> tuple[str, ...] | None:
        """The states a view covers: the query's countries, else (with ``top``) the ``top`` most
        active states of the query's events (:meth:`top_states`), else ``None`` (every state)."""
        countries = self._query(**changes).countries
        if countries or not top:
            return countries or None
        return tuple(self.top_states(top, **changes))

    def state_names(self) -> dict[str, str]:
        """ISO alpha-3 code -> the state's name, from the store's country table."""
        return dict(self.store.con.execute("SELECT iso3, name FROM countries").fetchall())

    def cameo_names(self) -> dict[str, str]:
        """CAMEO event code -> its name, from the store's codebook."""
        return dict(self.store.con.execute("SELECT code, name FROM cameo_codes").fetchall())

    def date_span(self, *, trim: float = 0.01) -> tuple[date, date] | None:
        """First and last date of the events the query counts; ``None`` without events.

        Parameters
        ----------
        trim : float
            The first date is this quantile of the dates, unless the query sets ``start``: event
            exports carry a few events of years before (GDELT's of earlier dates), which would
            otherwise stretch a timeline over empty years.
        """
        q = self._query()
        row = self.store.con.execute(
            f"SELECT quantile_disc(date, ?), max(date) FROM events WHERE {' AND '.join(q.where())}",
            [float(trim)]).fetchall()[0]
        if row[0] is None:
            return None
        return (q.start or row[0], q.end or row[1])

    # -- networks --------------------------------------------------------------------------

    def networks(self, *, top: int | None = None, **changes: Any) -> list[SignedNetwork]:
        """One signed network per window of the query (undirected relations, :class:`EdgeRule`).

        Parameters
        ----------
        top : int, optional
            Unless the query names countries: keep the ``top`` most active states of the whole
            range, the same states in every window.
        """
        changes["countries"] = self.choose_states(top, **changes)
        query = self._query(**changes)
        rows = self.table(directed=False, **changes).to_pylist()
        by_period: dict[date, list[dict[str, Any]]] = {}
        for r in rows:
            by_period.setdefault(r["period"], []).append(r)
        return [network_from_relations(rs, self.options.rule, label=period_label(p, query.window),
                                       nodes=query.countries or ())
                for p, rs in sorted(by_period.items())]

    def network(self, start: Day | Period, end: Day = None, *, label: str | None = None,
                top: int | None = None) -> SignedNetwork:
        """The signed network of all events from ``start`` to ``end``, or of one period:
        ``network("2024-11")``, ``network("2024-Q2")``.

        Parameters
        ----------
        start, end : date or str
            The first and last day (text: the first day of ``start``, the last of ``end``); with
            ``end`` omitted, ``start`` names a period and the network is labelled with its name.
        top : int, optional
            Keep only the ``top`` most active states of the period (unless the query names countries).
        """
        if end is None:
            period = Period.parse(start, param="start") if not isinstance(start, date) else Period(start, start, "day")
            start, end, label = period.start, period.end, label or period.label
        else:
            start, end = _span(start, end)
        countries = self.choose_states(top, start=start, end=end)
        rows = self.table(directed=False, window="year", start=start, end=end, countries=countries or None)
        # a period may span years: sum the yearly rows per pair before signing
        pairs = totals(rows.to_pylist(), self.options.alpha)
        return network_from_relations(pairs.values(), self.options.rule, label=label or f"{start}..{end}",
                                      nodes=countries or ())

    # -- shifts and enemies ------------------------------------------------------------------

    def shifts(self, start: Day, end: Day, *, split: Day = None, min_events: int = 5,
               limit: int | None = 20, evidence: int = 5, method: str = "tested", every: bool = False,
               test: ShiftTest | None = None) -> list[Shift]:
        """Pairs whose relations changed between ``start`` and ``end``, with the events that drove it.

        ``method="tested"`` (the default): each pair's events are tested for a change
        (:func:`blocwatch.analysis.significance.detect_shifts`); only supported shifts are listed,
        strongest evidence first, unless ``every`` (then unsupported changes and pairs with too
        little data follow, marked by ``status``). Only origins whose coverage spans the whole window
        count (:meth:`coverage`): a source whose data begin or end inside the window would make its
        silence look like peace; a note on every shift names the origins left out. When no origin
        covers the whole window, only the longest stretch of it that one origin covers is compared,
        with the origins covering all of that stretch, and a note says so.
        ``method="largest-change"``: blocwatch's method before the truth suite (every pair's largest
        change of smoothed monthly net cooperation, largest first; notes where a source's coverage
        begins), kept for comparison.

        Parameters
        ----------
        limit : int, optional
            At most this many supported shifts each way (closer, apart).
        evidence : int
            Driver categories per shift (:meth:`drivers`: the evidence fetched is at most 3 events
            per category); 0 for none. Only the shifts listed get drivers.
        """
        start, end = _span(start, end)
        split = parse_date(split, param="split")
        periods = period_range(start, end, "month")
        source = self  # where the drivers' events come from: the origins the comparison used
        if method == "largest-change":
            found = self._largest_change(start, end, periods, split, min_events)
        elif method == "tested":
            found, origins = window_shifts(_StoreShiftData(self), self.options.query, start, end, split=split,
                                           test=test, alpha=self.options.alpha)
            source = Relations(self.store, replace(self.options, query=self._query(origins=origins)))
        else:
            raise ParameterError("method", f"choose tested or largest-change, not {method!r}")
        shown = shown_shifts(found, limit=limit, every=every)
        if not evidence:
            return shown
        moving = [s for s in shown if s.supported]  # the drivers of the shifts listed, in one pass
        moves = [(s.source, s.target, s.at, period_end(s.after_end, "month"), 1 if s.delta > 0 else -1) for s in moving]
        found = source.drivers_of(moves, limit=evidence, names=self.cameo_names())
        drivers = {id(s): d for s, d in zip(moving, found, strict=True)}
        return [replace(s, drivers=drivers[id(s)]) if id(s) in drivers else s for s in shown]

    def drivers(self, a: str, b: str, start: Day, end: Day, direction: int, *, limit: int = 5, examples: int = 3,
                names: dict[str, str] | None = None) -> tuple[Driver, ...]:
        """What drove ``a`` and ``b`` closer (``direction`` +1) or apart (-1) from ``start`` to
        ``end``: :func:`blocwatch.analysis.shifts.drivers` of :meth:`events` (:meth:`drivers_of`)."""
        return self.drivers_of([(a, b, start, end, direction)], limit=limit, examples=examples, names=names)[0]

    def drivers_of(self, moves: list[tuple[str, str, Day, Day, int]], *, limit: int = 5, examples: int = 3,
                   names: dict[str, str] | None = None) -> list[tuple[Driver, ...]]:
        """:meth:`drivers` of several moves ``(a, b, start, end, direction)``, computed in the store
        (:mod:`blocwatch.drivers`) in two passes over the events: the events are tallied there, and
        only the ``examples`` (one per code) of the ``limit`` categories shown are fetched, at most
        ``limit * examples`` events per move."""
        spans = [self._query(countries=None, start=start, end=end) for _, _, start, end, _ in moves]
        q = self._query(countries=None, start=None, end=None)
        spans = [(a, b, span.start, span.end, d) for (a, b, *_, d), span in zip(moves, spans, strict=True)]
        return shift_drivers(self.store.con, q.where(), [], f"({q.score_sql()}) * {q.weight_sql()}", EVIDENCE_COLUMNS,
                             spans, limit=limit, examples=examples, names=names)

    def _dyad_columns(self, query: DyadQuery, names: tuple[str, ...]) -> dict[str, Any]:
        """Columns of the dyad table of ``query`` as numpy arrays (no dict per row)."""
        return self.store.con.sql(f"SELECT {', '.join(names)} FROM ({query.sql()}) d").fetchnumpy()

    def _largest_change(self, start: date, end: date, periods: list[date], split: date | None,
                        min_events: int) -> list[Shift]:
        rows = self._dyad_columns(self._query(directed=False, window="month", start=start, end=end),
                                  ("period", "source", "target", "events", "score_pos", "score_neg"))
        found = find_shifts(rows, periods, split=split, min_events=min_events, alpha=self.options.alpha)
        starts = self.coverage_starts(start, end)
        noted = [replace(s, notes=tuple(
            f"{origin} data start in {first:%Y-%m}: the change may only be where coverage begins"
            for origin, first in starts if 0 <= months_between(first, s.at) < DEFAULT_SMOOTH)) for s in found]
        noted.sort(key=lambda s: bool(s.notes))  # stable: changes that may be coverage artefacts go last
        return noted

    def coverage(self) -> dict[str, tuple[date, date]]:
        """Each origin's coverage: its first and last month with at least a twentieth of the events of
        its busiest month (a few stray events of other months, such as GDELT's old-dated ones, do
        not make coverage)."""
        return coverage(self._origin_months())

    def coverage_table(self) -> pa.Table:
        """Events per origin and month (``blocwatch coverage``), with whether the month is inside the
        origin's coverage (:meth:`coverage`)."""
        rows = self._origin_months()
        spans = coverage(rows)
        return pa.Table.from_pylist(
            [{"origin": o, "month": m, "events": n, "covered": spans[o][0] <= m <= spans[o][1]} for o, m, n in rows],
            schema=pa.schema([("origin", pa.string()), ("month", pa.date32()), ("events", pa.int64()),
                              ("covered", pa.bool_())]))

    def _origin_months(self) -> list[tuple[str, date, int]]:
        """``(origin, month, events)`` for every origin and month of the store, in that order."""
        return [(o, m, int(n)) for o, m, n in self.store.con.execute(origin_months_sql()).fetchall()]

    def common_coverage(self, start: date, end: date) -> tuple[tuple[str, ...], dict[str, tuple[date, date]]]:
        """The origins with events in ``start`` .. ``end`` whose coverage spans all of it, and the others
        with their coverage (comparisons across the window leave these out); only origins the query
        counts."""
        present = self._present_origins(start, end)
        if self.options.query.origins is not None:
            present &= set(self.options.query.origins)
        return common_coverage(self.coverage(), present, start, end)

    def _present_origins(self, start: date, end: date) -> set[str]:
        return {o for (o,) in self.store.con.execute(
            "SELECT DISTINCT origin FROM events WHERE date BETWEEN ? AND ?", [start, end]).fetchall()}

    def coverage_starts(self, start: date, end: date) -> list[tuple[str, date]]:
        """Origins (``gdelt2``, ``text`` ...) whose coverage starts inside ``(start, end]``: before that
        month their silence is missing data, not peace. Coverage starts at the first percentile of
        an origin's event dates (exports also carry a few old events: GDELT's of earlier dates)."""
        rows = self.store.con.execute(
            "SELECT origin, quantile_disc(date, 0.01) AS first FROM events GROUP BY origin "
            "HAVING first > ? AND first <= ? ORDER BY 1", [start, end]).fetchall()
        return [(o, d) for o, d in rows if (d.year, d.month) != (start.year, start.month)]

    def enemies(self, a: str, b: str, start: Day = None, end: Day = None, *,
                examples: int = 2) -> list[CommonEnemy]:
        """Third states both ``a`` and ``b`` were hostile to from ``start`` to ``end``, with example events
        (hostile events between each and the third state, its own acts first; ``source_country`` and
        ``target_country`` say who did what to whom)."""
        start, end = parse_date(start, param="start"), parse_date(end, end=True, param="end")
        rows = self.table(directed=False, window="year", start=start, end=end, countries=None).to_pylist()
        pairs = totals(rows, self.options.alpha)
        rule = self.options.rule
        found = common_enemies(pairs, a, b, neutral=rule.neutral, min_events=rule.min_events)
        out = []
        for e in found:
            ex_a = _strongest(self.events(a, e.third, start, end), -1, examples, actor=a)
            ex_b = _strongest(self.events(b, e.third, start, end), -1, examples, actor=b)
            out.append(replace(e, examples_a=ex_a, examples_b=ex_b))
        return out

    # -- evidence ----------------------------------------------------------------------------

    def balance(self, start: Day = None, end: Day = None, *, window: str = "month", top: int | None = None,
                method: str = "auto", time_limit: float = 30.0, k: int | None = None,
                progress: Progress | None = None) -> list[dict[str, Any]]:
        """Structural balance of the network of every ``window`` from ``start`` to ``end``: one
        :func:`~blocwatch.analysis.structure.balance_summary` row (frustration index, balanced
        triangles, blocs) per network, as ``blocwatch balance`` prints them; ``progress`` is told
        of each network."""
        from blocwatch.analysis.structure import balance_rows  # scipy: loaded when balance is asked for

        changes: dict[str, Any] = {"window": window}
        if start is not None:
            changes["start"] = start
        if end is not None:
            changes["end"] = end
        return balance_rows(self.networks(top=top, **changes), method=method, time_limit=time_limit, k=k,
                            progress=progress)

    def _event_filter(self, a: str | None, b: str | None, start: Day, end: Day,
                      place: tuple[float, float] | None = None) -> tuple[DyadQuery, list[str], list[Any]]:
        """The query, SQL conditions and parameters selecting the events :meth:`events` returns."""
        q = self._query(countries=None if a else self.options.query.countries,
                        start=start or self.options.query.start, end=end or self.options.query.end)
        where = q.where()
        params: list[Any] = []
        if a and b:
            where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
            params += [a, b, b, a]
        elif a:
            where.append("(source_country = ? OR target_country = ?)")
            params += [a, a]
        if place is not None:  # a point of places(): coordinates rounded as it rounds them
            where.append(f"round(latitude, {PLACE_DIGITS}) = ? AND round(longitude, {PLACE_DIGITS}) = ?")
            params += [round(float(place[0]), PLACE_DIGITS), round(float(place[1]), PLACE_DIGITS)]
        return q, where, params

    def events(self, a: str | None = None, b: str | None = None, start: Day = None,
               end: Day = None, *, limit: int | None = None, offset: int = 0,
               place: tuple[float, float] | None = None, collapse: bool = False) -> list[dict[str, Any]]:
        """Events the query counts, oldest first, each with its ``score`` (Goldstein or PLOVER,
        times the weight) and evidence: between ``a`` and ``b`` (either direction), involving
        ``a`` when ``b`` is None, or all of them (within the query's countries) when both are None.

        Parameters
        ----------
        limit, offset : int
            A page of the result.
        place : (float, float), optional
            Only the events of this point of :meth:`places` (latitude, longitude).
        collapse : bool
            One row per event: the records that share :data:`RECORD_KEY` are the first of them
            (lowest ``event_id``), with ``records`` (how many there are) and ``other_urls`` (the
            other articles among them, at most :data:`OTHER_URLS`, sorted); pages count events.

        Examples
        --------
        >>> import os, tempfile
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
        ...     Relations(store).events("PRK", "RUS", collapse=True, limit=25)
        []
        """
        q, where, params = self._event_filter(a, b, start, end, place)
        score = f"({q.score_sql()}) * {q.weight_sql()} AS score"
        if collapse:
            key = ", ".join(RECORD_KEY)
            sql = (f"WITH g AS (SELECT min(event_id) AS _first, count(*) AS _records, "
                   f"list(DISTINCT url ORDER BY url) FILTER (WHERE url IS NOT NULL) AS _urls FROM events "
                   f"WHERE {' AND '.join(where)} GROUP BY {key}) "
                   f"SELECT {', '.join(EVIDENCE_COLUMNS)}, {score}, g._records AS records, g._urls AS other_urls "
                   f"FROM events JOIN g ON events.event_id = g._first ORDER BY date, event_id")
        else:
            sql = (f"SELECT {', '.join(EVIDENCE_COLUMNS)}, {score} FROM events WHERE {' AND '.join(where)} "
                   "ORDER BY date, event_id")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if offset:
            sql += f" OFFSET {int(offset)}"
        rows = self.store.con.sql(sql, params=params or None).to_arrow_table().to_pylist()
        for r in rows:
            r["date"] = r["date"].isoformat()
            if collapse:
                r["other_urls"] = [u for u in (r["other_urls"] or []) if u != r["url"]][:OTHER_URLS]
        return rows

    def event_table(self, a: str | None = None, b: str | None = None, start: Day = None, end: Day = None) -> pa.Table:
        """Every column of the events :meth:`events` selects (all of them when no states are given),
        oldest first: what ``blocwatch events`` exports, and ``blocwatch ingest csv`` reads back."""
        from blocwatch.schema import EVENT_COLUMNS

        _, where, params = self._event_filter(a, b, start, end)
        columns = ", ".join(c.name for c in EVENT_COLUMNS if c.name not in ("ingest_id", "ingested_at"))
        sql = f"SELECT {columns} FROM events WHERE {' AND '.join(where)} ORDER BY date, event_id"
        return self.store.con.sql(sql, params=params or None).to_arrow_table()

    def count_events(self, a: str | None = None, b: str | None = None, start: Day = None,
                     end: Day = None, *, place: tuple[float, float] | None = None, collapse: bool = False) -> int:
        """How many rows :meth:`events` would return without a limit (with ``collapse``, events)."""
        _, where, params = self._event_filter(a, b, start, end, place)
        sql = f"SELECT count(*) FROM events WHERE {' AND '.join(where)}"
        if collapse:
            sql = (f"SELECT count(*) FROM (SELECT 1 FROM events WHERE {' AND '.join(where)} "
                   f"GROUP BY {', '.join(RECORD_KEY)})")
        row = self.store.con.execute(sql, params).fetchall()
        return int(row[0][0])

    def places(self, a: str | None = None, b: str | None = None, start: Day = None, end: Day = None, *,
               limit: int = 2000) -> dict[str, Any]:
        """Where the events the query counts took place, as the source locates them: one point per
        pair, month and place (coordinates rounded to :data:`PLACE_DIGITS` decimals), busiest first.

        A dataset's place is where its coder put the event, often only a country (drawn at the
        country's centre) or a capital; events coded from text have none.

        Parameters
        ----------
        a, b : str, optional
            A pair (either direction), one state's events, or (both None) every pair of the query.
        limit : int
            Points kept, busiest first; ``truncated`` says whether some were left out.

        Returns
        -------
        dict
            ``events`` (counted events), ``located`` (of them, with coordinates), ``truncated``,
            ``points``: ``pair``, ``month``, ``lat``, ``lon``, ``place`` (the commonest name there),
            ``events`` and the events of each quad class (``verbal_coop`` ... ``material_conflict``),
            and ``located_by``: ``"pair|month"`` -> events with coordinates, for every pair and month
            (whatever ``limit`` leaves out of ``points``).

        Examples
        --------
        >>> import os, tempfile
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
        ...     Relations(store).places()
        {'events': 0, 'located': 0, 'truncated': False, 'points': [], 'located_by': {}}
        """
        if limit < 1:
            raise ParameterError("limit", f"at least 1, not {limit}")
        _, where, params = self._event_filter(a, b, start, end)
        con = self.store.con
        total = con.execute(f"SELECT count(*) FROM events WHERE {' AND '.join(where)}", params).fetchall()[0][0]
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {i}) AS {name}" for i, name in
                          enumerate(("verbal_coop", "material_coop", "verbal_conflict", "material_conflict"), 1))
        sql = (f"SELECT {_PAIR_SQL} AS pair, strftime(date, '%Y-%m') AS month, round(latitude, {PLACE_DIGITS}) AS lat, "
               f"round(longitude, {PLACE_DIGITS}) AS lon, mode(location_name ORDER BY location_name) AS place, "
               f"count(*) AS events, {quads} FROM events WHERE {' AND '.join(where)} "
               "AND latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY 1, 2, 3, 4 "
               f"ORDER BY events DESC, pair, month, lat, lon LIMIT {int(limit) + 1}")
        points = con.sql(sql, params=params or None).to_arrow_table().to_pylist()
        by = con.execute(f"SELECT {_PAIR_SQL} || '|' || strftime(date, '%Y-%m'), count(*) FROM events "
                         f"WHERE {' AND '.join(where)} AND latitude IS NOT NULL AND longitude IS NOT NULL "
                         "GROUP BY 1 ORDER BY 1", params).fetchall()
        located_by = {k: int(n) for k, n in by}
        return {"events": int(total), "located": sum(located_by.values()), "truncated": len(points) > limit,
                "points": points[:limit], "located_by": located_by}

    def evidence_sample(self, per_cell: int = 50, per_place: int = 0
                        ) -> tuple[list[dict[str, Any]], dict[tuple[str, str, str], int]]:
        """Events of every undirected pair and month, at most ``per_cell`` of each (those with a
        sentence of evidence first, then the strongest), and at least ``per_place`` of each of its
        places (:meth:`places`) when it has them, with how many each cell holds.

        Returns
        -------
        events : list of dict
            :data:`EVIDENCE_COLUMNS` plus ``score``, ``pair`` (``"PRK-RUS"``), ``month``
            (``"2024-06"``) and the point of :meth:`places` the event belongs to (``place_lat``,
            ``place_lon``; None without coordinates), by pair, month and date.
        counts : dict
            ``(pair, month, mode)`` -> events in that cell.
        """
        q, where, params = self._event_filter(None, None, None, None)
        inner = (f"SELECT {', '.join(EVIDENCE_COLUMNS)}, ({q.score_sql()}) * {q.weight_sql()} AS score, "
                 f"{_PAIR_SQL} AS pair, strftime(date, '%Y-%m') AS month, "
                 f"round(latitude, {PLACE_DIGITS}) AS place_lat, round(longitude, {PLACE_DIGITS}) AS place_lon "
                 f"FROM events WHERE {' AND '.join(where)}")
        con = self.store.con
        counts = {(p, m, mode): int(n) for p, m, mode, n in con.execute(
            f"SELECT pair, month, mode, count(*) FROM ({inner}) GROUP BY ALL", params).fetchall()}
        order = "ORDER BY evidence_text IS NULL, abs(score) DESC NULLS LAST, date, event_id"
        sql = (f"SELECT * EXCLUDE (rank, place_rank) FROM (SELECT *, "
               f"row_number() OVER (PARTITION BY pair, month {order}) AS rank, "
               f"row_number() OVER (PARTITION BY pair, month, place_lat, place_lon {order}) AS place_rank "
               f"FROM ({inner})) WHERE rank <= {int(per_cell)} "
               f"OR (place_rank <= {int(per_place)} AND place_lat IS NOT NULL) ORDER BY pair, month, date, event_id")
        rows = con.sql(sql, params=params or None).to_arrow_table().to_pylist()
        for r in rows:
            r["date"] = r["date"].isoformat()
        return rows, counts


def _span(start: Day, end: Day) -> tuple[date, date]:
    """``start`` and ``end`` as days (text: the first day of ``start``, the last of ``end``)."""
    period = Period.between(start, end)  # type: ignore[arg-type]
    return period.start, period.end


def _strongest(events: list[dict[str, Any]], direction: int, n: int,
               actor: str | None = None) -> tuple[dict[str, Any], ...]:
    """The ``n`` strongest events pointing ``direction``: those ``actor`` did (when given) before
    those done to it, then those with evidence before those without, then the strongest."""
    picked = [e for e in events if (e["score"] or 0) * direction > 0]
    picked.sort(key=lambda e: (actor is not None and e.get("source_country") != actor, not e.get("evidence_text"),
                               -abs(e["score"]), e["date"]))
    return tuple(picked[:n])


class _StoreShiftData:
    """The store's events as :class:`blocwatch.shiftjob.ShiftData`."""

    def __init__(self, relations: Relations) -> None:
        self.relations = relations

    def origin_months(self) -> list[tuple[str, date, int]]:
        return self.relations._origin_months()

    def present_origins(self, start: date, end: date) -> set[str]:
        return self.relations._present_origins(start, end)

    def dyad_columns(self, query: DyadQuery, names: tuple[str, ...]) -> dict[str, Any]:
        return self.relations._dyad_columns(query, names)

    def event_scores(self, query: DyadQuery) -> list[dict[str, Any]]:
        return self.relations.store.con.sql(query.event_scores_sql()).to_arrow_table().to_pylist()
