"""What the app serves, as JSON-ready data: the library's views of one read-only store.

:class:`Views` opens nothing itself: it is given an open (read-only) :class:`EventStore` and
runs every request on a cursor of its own (:meth:`EventStore.cursor`), so that the server's
threads never share a DuckDB connection. It calls :class:`blocwatch.overview.Overview`,
:class:`blocwatch.relations.Relations` and :mod:`blocwatch.overview.networks` and adds only
what a web page needs: normalised queries, paging, dates clamped to the store's events, time
budgets and a cache of the costly views (the store cannot change under a read-only server).

Every view takes the same ``filters`` as the report and the CLI (``states_only``, ``roots_only``,
``min_sources``: :class:`~blocwatch.overview.OverviewOptions`), so that for the same window and
settings the app shows what ``blocwatch report`` and the analysis commands show.

Parameters arrive already parsed (tuples of ISO codes, dates); the HTTP layer
(:mod:`blocwatch.web.api`) parses them with :func:`blocwatch.countries.parse_countries` and
:func:`blocwatch.periods.parse_date`.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     views = Views(store)
...     views.events(pair=("PRK", "RUS"))["total"], views.states()["items"]
(0, [])
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from datetime import date
from typing import Any

from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.structure import balance_summary
from blocwatch.dyads import DyadQuery
from blocwatch.overview import QUADS, Overview, OverviewOptions
from blocwatch.overview.networks import network_view
from blocwatch.periods import Period, period_end
from blocwatch.relations import Relations
from blocwatch.store import EventStore
from blocwatch.web import limits

__all__ = ["Views", "pair_name"]

Countries = tuple[str, ...] | None
#: Which events count: ``states_only``, ``roots_only``, ``min_sources`` (:attr:`OverviewOptions.filters`).
Filters = Mapping[str, Any] | None


def pair_name(a: str, b: str) -> str:
    """The name of an undirected pair: both codes in alphabetical order.

    >>> pair_name("RUS", "PRK")
    'PRK-RUS'
    """
    return f"{min(a, b)}-{max(a, b)}"


class _Cache:
    """A small thread-safe LRU cache (two threads asking for one missing key may both compute it)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = compute()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


class Views:
    """The app's views of one store.

    Parameters
    ----------
    store : EventStore
        An open store, normally read-only; it must outlive the views (the caller closes it).
    cache_size : int
        Costly results kept (:data:`blocwatch.web.limits.CACHE_SIZE`).
    solve_seconds : float
        Time budget of each exact frustration solve.
    """

    def __init__(self, store: EventStore, *, cache_size: int = limits.CACHE_SIZE,
                 solve_seconds: float = limits.SOLVE_SECONDS) -> None:
        self.store = store
        self.solve_seconds = solve_seconds
        self._cache = _Cache(cache_size)
        with store.cursor() as view:
            rel = Relations(view)
            self.names: dict[str, str] = rel.state_names()
            self.cameo_names: dict[str, str] = rel.cameo_names()
            #: First and last date of the events between states (factual ones), untrimmed.
            self.bounds: tuple[date, date] | None = rel.date_span(trim=0.0)
            #: What windows are clamped to: the dates of the widest set any filter counts (actors of any
            #: kind); the library then clamps each view to its own filters' months, as for the report.
            self.window_bounds: tuple[date, date] | None = Relations.of(
                view, states_only=False).date_span(trim=0.0)
            #: Origins of the events between states, for the app's filter.
            self.origins: list[str] = [r[0] for r in view.con.execute(
                "SELECT DISTINCT origin FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
                "AND source_country <> target_country ORDER BY origin").fetchall()]
            activity: dict[str, int] = {}
            for r in rel.table(directed=False, window="year").to_pylist():
                for state in (r["source"], r["target"]):
                    activity[state] = activity.get(state, 0) + int(r["events"])
        self._states = [{"code": c, "name": self.names.get(c, c), "events": n}
                        for c, n in sorted(activity.items(), key=lambda kv: (-kv[1], kv[0]))]

    # -- helpers -------------------------------------------------------------------------------

    def _run(self, key: Hashable | None, compute: Callable[[EventStore], Any]) -> Any:
        """``compute(view)`` on a cursor of the store; cached under ``key`` unless it is None."""
        def work() -> Any:
            with self.store.cursor() as view:
                return compute(view)
        return work() if key is None else self._cache.get(key, work)

    def window(self, start: date | None, end: date | None) -> tuple[date | None, date | None] | None:
        """``start`` and ``end`` clamped to the months of the store's events of any actors (from the
        first day of the first to the last day of the last); ``None`` when nothing can be in the window. A missing
        bound stays missing (the library picks the span).

        Raises
        ------
        InputError
            ``start`` is after ``end``.
        """
        DyadQuery(start=start, end=end)  # the library's check: --from after --to is an error
        if self.window_bounds is None:
            return None
        first, last = self._months()
        if start is not None:
            start = max(start, first)
        if end is not None:
            end = min(end, last)
        if (start or first) > (end or last):
            return None
        return start, end

    def _months(self) -> tuple[date, date]:
        """The whole months windows are clamped to (a window that ends inside the data's last month
        is the report's window)."""
        assert self.window_bounds is not None
        low, high = self.window_bounds
        return date(low.year, low.month, 1), period_end(high, "month")

    def _event(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "cameo_name": self.cameo_names.get(row["cameo"])}

    def _overview(self, view: EventStore, countries: Countries, top: int, start: date | None,
                  end: date | None, filters: Filters = None) -> Overview:
        return Overview(view, OverviewOptions(countries=countries, start=start, end=end, top=top,
                                              time_limit=self.solve_seconds, **(filters or {})))

    # -- views ---------------------------------------------------------------------------------

    def states(self, limit: int = limits.DEFAULT_STATES) -> dict[str, Any]:
        """The states in events with another state, most active first: ``code``, ``name``, ``events``;
        the span and the origins of those events."""
        from blocwatch.taxonomy import load_taxonomy

        return {"total": len(self._states), **_span(self.bounds), "origins": self.origins,
                "plover_types": sorted(load_taxonomy().plover_types),
                "items": self._states[:limit]}

    def events(self, pair: tuple[str, str] | None = None, countries: Countries = None, start: date | None = None,
               end: date | None = None, *, month: date | None = None, all_modes: bool = False,
               undated: bool = False, limit: int = limits.DEFAULT_LIMIT, offset: int = 0,
               filters: Filters = None, place: tuple[float, float] | None = None,
               collapse: bool = False) -> dict[str, Any]:
        """A page of events, oldest first, with their evidence and the name of their CAMEO code:
        between the two states of ``pair`` (either direction), else between any two ``countries``
        (else any two states), from ``start`` to ``end`` and in the ``month`` of that day;
        factual ones unless ``all_modes``. With ``undated``, only background of unknown date
        ("had invaded"), which the others leave out: its date is the day of the report that
        mentions it, an upper bound. With ``place``, only the events of that point of :meth:`places`.
        With ``collapse``, one item per event (:meth:`blocwatch.relations.Relations.events`), and
        ``records``: how many records all pages' events stand for."""
        page: dict[str, Any] = {"total": 0, "limit": limit, "offset": offset, "items": [],
                                **({"records": 0} if collapse else {})}
        days = _within_month(start, end, month)
        if days is None:
            return page
        start, end = days

        def compute(view: EventStore) -> dict[str, Any]:
            rel = Relations.of(view, countries=None if pair else countries, start=start, end=end,
                               factual_only=not all_modes, undated_only=undated, **(filters or {}))
            a, b = pair or (None, None)
            items = rel.events(a, b, limit=limit, offset=offset, place=place, collapse=collapse)
            # a short page that is not empty, or an empty first page, is the end: no need to count
            exact = (0 < len(items) < limit) or (not items and offset == 0)
            total = offset + len(items) if exact else rel.count_events(a, b, place=place, collapse=collapse)
            out = {**page, "total": total, "items": [self._event(e) for e in items]}
            if collapse:
                out["records"] = (sum(e["records"] for e in items) if exact and offset == 0
                                  else rel.count_events(a, b, place=place))
            return out

        return self._run(None, compute)

    def places(self, pair: tuple[str, str] | None = None, countries: Countries = None, start: date | None = None,
               end: date | None = None, *, month: date | None = None, limit: int = limits.DEFAULT_PLACES,
               filters: Filters = None) -> dict[str, Any]:
        """Where the factual events took place, one point per pair, month and place, busiest first
        (:meth:`blocwatch.relations.Relations.places`): of ``pair``, else of any two ``countries``,
        from ``start`` to ``end`` and in the ``month`` of that day."""
        days = _within_month(start, end, month)
        if days is None:
            return {"events": 0, "located": 0, "truncated": False, "points": [], "located_by": {}}
        start, end = days

        def compute(view: EventStore) -> dict[str, Any]:
            rel = Relations.of(view, countries=None if pair else countries, start=start, end=end, **(filters or {}))
            a, b = pair or (None, None)
            return rel.places(a, b, limit=limit)

        return self._run(None, compute)

    def dyads(self, countries: Countries = None, start: date | None = None, end: date | None = None, *,
              window: str = "month", directed: bool = False, limit: int = limits.DEFAULT_LIMIT,
              offset: int = 0, filters: Filters = None) -> dict[str, Any]:
        """A page of the relations table (dyads per window with ``net``), by period then busiest."""
        DyadQuery(start=start, end=end)

        def compute(view: EventStore) -> dict[str, Any]:
            table = Relations.of(view, window=window, countries=countries, start=start, end=end,
                                 directed=directed, **(filters or {})).table()
            rows = table.slice(offset, limit).to_pylist() if offset < table.num_rows else []
            for r in rows:
                r["period"] = r["period"].isoformat()
            return {"total": table.num_rows, "limit": limit, "offset": offset, "window": window,
                    "directed": directed, "items": rows}

        return self._run(None, compute)

    def timeline(self, pair: tuple[str, str], start: date | None = None, end: date | None = None, *,
                 filters: Filters = None) -> dict[str, Any]:
        """Monthly net cooperation with its interval, events and counts per quad class of one pair."""
        a, b = sorted(pair)
        empty: dict[str, Any] = {"pair": pair_name(a, b), "source": a, "target": b, "total": 0, "months": [],
                                 "net": [], "net_low": [], "net_high": [], "events": [], "goldstein_mean": [],
                                 **{q: [] for q in QUADS},
                                 "start": None, "end": None}
        clamped = self.window(start, end)
        if clamped is None:
            return empty

        def compute(view: EventStore) -> dict[str, Any]:
            ov = self._overview(view, (a, b), 2, *clamped, filters)
            if not ov.span:
                return empty
            found = [t for t in ov.timelines() if t["pair"] == pair_name(a, b)]
            n = len(ov.months)
            line = found[0] if found else {**empty, "months": [m.strftime("%Y-%m") for m in ov.months],
                                           "net": [None] * n, "net_low": [None] * n, "net_high": [None] * n,
                                           "events": [0] * n, "goldstein_mean": [None] * n,
                                           **{q: [0] * n for q in QUADS}}
            return {**line, **_span(ov.span)}

        return self._run(("timeline", a, b, clamped, _fkey(filters)), compute)

    def network(self, countries: Countries = None, start: date | None = None, end: date | None = None, *,
                top: int = limits.DEFAULT_TOP, filters: Filters = None) -> dict[str, Any]:
        """The signed network of the states over the window, with blocs (and whether they are better
        than chance), a layout and its balance."""
        clamped = self.window(start, end)

        def compute(view: EventStore) -> dict[str, Any]:
            if clamped is None:  # nothing can be in the window: the states, without ties
                nodes = Relations.of(view, countries=countries, **(filters or {})).choose_states(top) or ()
                net = SignedNetwork.from_edges([], nodes=nodes, label="no events")
                return {**network_view(net, names=self.names), "start": None, "end": None, "countries": list(nodes)}
            ov = self._overview(view, countries, top, *clamped, filters)
            first, last = ov.span or _fallback(clamped, self._months())
            out = ov.network(first, last, f"{first:%Y-%m} to {last:%Y-%m}")
            return {**out, "countries": list(ov.countries)}

        return self._run(("network", _key(countries), top, clamped, _fkey(filters)), compute)

    def balance(self, countries: Countries = None, start: date | None = None, end: date | None = None, *,
                top: int = limits.DEFAULT_TOP, window: str = "month", limit: int = limits.DEFAULT_BALANCE_LIMIT,
                offset: int = 0, filters: Filters = None) -> dict[str, Any]:
        """Frustration index, balanced triangles and blocs of the network of every window, a page of them."""
        clamped = self.window(start, end)
        page: dict[str, Any] = {"total": 0, "limit": limit, "offset": offset, "window": window, "countries": [],
                                "start": None, "end": None, "items": []}
        if clamped is None:
            return page

        def compute(view: EventStore) -> dict[str, Any]:
            ov = self._overview(view, countries, top, *clamped, filters)
            if not ov.span:
                return {**page, "countries": list(ov.countries)}
            nets = Relations.of(view, window=window, countries=ov.countries, start=ov.span[0],
                                end=ov.span[1], **(filters or {})).networks()
            items = [balance_summary(net, time_limit=self.solve_seconds) for net in nets[offset:offset + limit]]
            return {**page, "total": len(nets), "countries": list(ov.countries), **_span(ov.span), "items": items}

        return self._run(("balance", _key(countries), top, clamped, window, limit, offset, _fkey(filters)), compute)

    def _listing(self, name: str, countries: Countries, start: date | None, end: date | None, top: int,
                 filters: Filters, build: Callable[[Overview], list[dict[str, Any]]], *key: Hashable,
                 ) -> dict[str, Any]:
        """``countries``, ``start``, ``end``, ``counting`` (which events count, in words) and ``items``
        (``build(overview)``) over the window, cached."""
        clamped = self.window(start, end)
        counting = OverviewOptions(**(filters or {})).counting()
        if clamped is None:
            return {"countries": [], "start": None, "end": None, "counting": counting, "items": []}

        def compute(view: EventStore) -> dict[str, Any]:
            ov = self._overview(view, countries, top, *clamped, filters)
            return {"countries": list(ov.countries), **_span(ov.span), "counting": counting,
                    "items": build(ov) if ov.span else []}

        return self._run((name, _key(countries), top, clamped, _fkey(filters), *key), compute)

    def shifts(self, countries: Countries = None, start: date | None = None, end: date | None = None, *,
               top: int = limits.DEFAULT_TOP, min_events: int = 5, limit: int = limits.DEFAULT_SHIFTS,
               filters: Filters = None) -> dict[str, Any]:
        """Pairs whose relations changed over the window, as the data support it (the report's and
        ``blocwatch shifts``' test), with the events that drove each move."""
        def build(ov: Overview) -> list[dict[str, Any]]:
            items = []
            for s in ov.relations.shifts(*ov.span, min_events=min_events, limit=limit):  # type: ignore[misc]
                d = s.to_dict()
                for driver in d["drivers"]:
                    driver["examples"] = [self._event(e) for e in driver["examples"]]
                items.append({"pair": pair_name(s.source, s.target), **d})
            return items

        return self._listing("shifts", countries, start, end, top, filters, build, min_events, limit)

    def tension(self, countries: Countries = None, start: date | None = None, end: date | None = None, *,
                top: int = limits.DEFAULT_TOP, filters: Filters = None) -> dict[str, Any]:
        """The tension index of the states per month."""
        return self._listing("tension", countries, start, end, top, filters, lambda ov: ov.tension())

    def findings(self, countries: Countries = None, start: date | None = None, end: date | None = None, *,
                 top: int = limits.DEFAULT_TOP, filters: Filters = None) -> dict[str, Any]:
        """The findings in words, as the report's first screen gives them for the same states, window
        and filters (:meth:`blocwatch.overview.Overview.headlines`): ``kind``, ``text``, ``pair``."""
        return self._listing("findings", countries, start, end, top, filters,
                             lambda ov: [h.to_dict() for h in ov.headlines()])


def _key(countries: Countries) -> tuple[str, ...] | None:
    return tuple(sorted(set(countries))) if countries else None


def _within_month(start: date | None, end: date | None, month: date | None
                  ) -> tuple[date | None, date | None] | None:
    """``start`` .. ``end`` narrowed to the ``month`` of that day (None: they do not meet); ``start``
    after ``end`` is an error."""
    DyadQuery(start=start, end=end)  # --from after --to is an error
    if month is None:
        return start, end
    first, last = (p := Period.parse(f"{month:%Y-%m}")).start, p.end
    start, end = max(start or first, first), min(end or last, last)
    return (start, end) if start <= end else None


def _fkey(filters: Filters) -> tuple[tuple[str, Any], ...]:
    """``filters`` as a cache key (no filters: the defaults)."""
    return tuple(sorted({**OverviewOptions().filters, **(filters or {})}.items()))


def _span(span: tuple[date, date] | None) -> dict[str, str | None]:
    return {"start": span[0].isoformat() if span else None, "end": span[1].isoformat() if span else None}


def _fallback(clamped: tuple[date | None, date | None], months: tuple[date, date]) -> tuple[date, date]:
    """The window of a network whose states have no events together: the one asked for, a missing
    bound taken from the months it was clamped to (so the start is never after the end)."""
    return clamped[0] or months[0], clamped[1] or months[1]
