"""What the report and the app show about a group of states over a period, as plain data.

This package holds the presentation views: :class:`Overview` (this module), the drawing of a
network (:mod:`~blocwatch.overview.networks`, laid out by :mod:`~blocwatch.overview.layout`)
and the findings in words (:mod:`~blocwatch.overview.headlines`).

An :class:`Overview` asks :class:`blocwatch.relations.Relations` for the monthly relations of
the chosen states and hands them to :mod:`blocwatch.analysis`: per-dyad timelines, the dyad
matrix, signed networks with their blocs and a layout, the tension index, the alignment
shifts and the findings in plain words. Everything it returns is JSON-ready (dates as ISO
strings), so the report can embed it and the app can serve it unchanged.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     ov = Overview(store, OverviewOptions(countries=("PRK", "RUS")))
...     ov.span, [h.kind for h in ov.headlines()]
(None, [])
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from blocwatch.analysis.cooperation import DEFAULT_ALPHA, series, totals
from blocwatch.analysis.network import EdgeRule, SignedNetwork
from blocwatch.analysis.shifts import Shift
from blocwatch.analysis.tension import tension_index
from blocwatch.overview.headlines import (
    Headline,
    bloc_headline,
    frustration_headline,
    shift_headlines,
    span_text,
    tension_headline,
)
from blocwatch.overview.networks import network_view
from blocwatch.periods import period_end, period_label, period_range
from blocwatch.relations import Relations
from blocwatch.store import EventStore

if TYPE_CHECKING:
    from blocwatch.analysis.balance import Frustration
    from blocwatch.analysis.blocs import BlocSupport

__all__ = ["QUADS", "Overview", "OverviewOptions"]

#: CAMEO quad classes as dyad-table columns, with their names.
QUADS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
         "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}


@dataclass(frozen=True)
class OverviewOptions:
    """Which states and period an overview covers.

    Parameters
    ----------
    countries : tuple of str, optional
        ISO alpha-3 codes; by default the ``top`` most active states of the period.
    start, end : date, optional
        Inclusive bounds; by default the span of the events (see :meth:`Relations.date_span`).
    top : int
        How many states when ``countries`` is not given.
    recent : int
        Months that make "now": the blocs and the tension trend of the last ``recent`` months.
    time_limit : float
        Seconds for each exact frustration solve.
    per_cell : int
        Events kept as evidence per pair and month (:meth:`Relations.evidence_sample`).
    places : int
        Points kept for the map, busiest first (:meth:`Relations.places`).
    states_only, roots_only, min_sources
        Which events count (:class:`~blocwatch.dyads.DyadQuery`): only those between actors that act
        for their states, only GDELT events of a story's lead paragraph, only events reported by at
        least this many sources.
    roots, quad_classes, plover, origins, exclude
        Which events count by type, origin and judgement (:class:`~blocwatch.dyads.DyadQuery`).
    alpha, neutral, min_events, score
        How relations are measured: the smoothing of net cooperation, the tie rule
        (:class:`~blocwatch.analysis.network.EdgeRule`) and the event intensity (``goldstein`` or
        ``plover``), as ``blocwatch relations`` and ``network`` take them, so that the report's
        numbers can be reproduced with the CLI.
    """

    countries: tuple[str, ...] | None = None
    start: date | None = None
    end: date | None = None
    top: int = 10
    recent: int = 3
    time_limit: float = 5.0
    per_cell: int = 50
    places: int = 2000
    states_only: bool = True
    roots_only: bool = False
    min_sources: int = 1
    roots: tuple[str, ...] | None = None
    quad_classes: tuple[int, ...] | None = None
    plover: tuple[str, ...] | None = None
    origins: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    alpha: float = DEFAULT_ALPHA
    neutral: float = EdgeRule.neutral
    min_events: int = EdgeRule.min_events
    score: str = "goldstein"

    @property
    def measure(self) -> dict[str, Any]:
        """How relations are measured, as :meth:`Relations.of` takes it."""
        return {"alpha": self.alpha, "rule": EdgeRule(neutral=self.neutral, min_events=self.min_events),
                "score": self.score}

    @property
    def filters(self) -> dict[str, Any]:
        """The query fields that select which events count."""
        return {"states_only": self.states_only, "roots_only": self.roots_only, "min_sources": self.min_sources,
                "roots": self.roots, "quad_classes": self.quad_classes, "plover": self.plover,
                "origins": self.origins,
                "exclude": self.exclude}

    @property
    def app_can_show(self) -> bool:
        """Whether the web app applies every filter and measure of these options (it has no
        exclusion list, and measures with the defaults), so that :meth:`query` opens it on the same
        numbers."""
        return not self.exclude and self.measure == OverviewOptions().measure

    def query(self) -> str:
        """These options as the web app's query string (``/?countries=...``), which opens the app on
        the same states, window and filters (the API's parameters have the same names).

        Examples
        --------
        >>> OverviewOptions(countries=("PRK", "RUS"), start=date(2023, 1, 1), end=date(2024, 12, 31),
        ...                 min_sources=2).query()
        'countries=PRK%2CRUS&from=2023-01-01&to=2024-12-31&min_sources=2'
        >>> OverviewOptions().query()
        ''
        """
        from urllib.parse import urlencode

        fields = {"countries": ",".join(self.countries) if self.countries else None,
                  "from": self.start.isoformat() if self.start else None,
                  "to": self.end.isoformat() if self.end else None,
                  "all_actors": "true" if not self.states_only else None,
                  "roots_only": "true" if self.roots_only else None,
                  "min_sources": str(self.min_sources) if self.min_sources > 1 else None,
                  "roots": ",".join(self.roots) if self.roots is not None else None,
                  "quads": ",".join(map(str, self.quad_classes)) if self.quad_classes is not None else None,
                  "plover": ",".join(self.plover) if self.plover is not None else None,
                  "origins": ",".join(self.origins) if self.origins is not None else None}
        return urlencode({k: v for k, v in fields.items() if v is not None})

    def counting(self) -> str:
        """Which events count, in a sentence (the report says it beside its findings).

        Examples
        --------
        >>> OverviewOptions(min_sources=2).counting()[-31:]
        'reported by at least 2 sources.'
        >>> OverviewOptions().counting()[:66]
        'Counted: factual events between actors that act for their states ('
        """
        who = ("actors that act for their states (governments, forces, officials)" if self.states_only else
               "any actors of the states (citizens, rebels and media included)")
        which = (["from lead paragraphs only (GDELT IsRootEvent)"] if self.roots_only else []) + (
            [f"reported by at least {self.min_sources} sources"] if self.min_sources > 1 else []) + (
            [f"of CAMEO roots {', '.join(self.roots)} only"] if self.roots is not None else []) + (
            [f"of quad classes {', '.join(map(str, self.quad_classes))} only"] if self.quad_classes is not None
            else []) + (
            [f"of PLOVER types {', '.join(self.plover)} only"] if self.plover is not None else []) + (
            [f"from {', '.join(self.origins)} only"] if self.origins is not None else []) + (
            [f"leaving out {len(self.exclude):,} events judged wrong"] if self.exclude else [])
        return f"Counted: factual events between {who}, {' and '.join(which) or 'from every source and paragraph'}."


def _month(d: date) -> str:
    return period_label(d, "month")


class Overview:
    """The views of one group of states and period, computed once each.

    Parameters
    ----------
    store : EventStore
        An open store (read-only is enough).
    options : OverviewOptions, optional
    """

    def __init__(self, store: EventStore, options: OverviewOptions | None = None) -> None:
        self.options = options = options or OverviewOptions()
        every = Relations.of(store, countries=options.countries, start=options.start, end=options.end,
                             **options.filters)
        self.countries: tuple[str, ...] = every.choose_states(options.top) or ()
        self.relations = Relations.of(store, countries=self.countries, start=options.start, end=options.end,
                                      **options.measure, **options.filters)
        self._networks: dict[tuple[date, date], tuple[SignedNetwork, BlocSupport, Frustration]] = {}
        self._views: dict[tuple[date, date], dict[str, Any]] = {}

    # -- the frame ---------------------------------------------------------------------------

    @cached_property
    def names(self) -> dict[str, str]:
        """Names of the states, by code."""
        return self.relations.state_names()

    @cached_property
    def span(self) -> tuple[date, date] | None:
        """First and last day covered (``None`` when the states have no events together). A window
        given as options is clamped to whole months of the store's events that the filters count
        (from the first day of their first month to the last day of their last), as the app clamps
        it: months beyond the data would read as silence."""
        span = self.relations.date_span()
        if span is None or (self.options.start is None and self.options.end is None):
            return span
        data = Relations.of(self.relations.store, **self.options.filters).date_span(trim=0.0)
        assert data is not None  # the states' events are among them
        first = max(span[0], date(data[0].year, data[0].month, 1))
        last = min(span[1], period_end(data[1], "month"))
        return (first, last) if first <= last else None

    @cached_property
    def months(self) -> list[date]:
        """First days of the months of :attr:`span`."""
        return period_range(*self.span, "month") if self.span else []

    @cached_property
    def monthly(self) -> list[dict[str, Any]]:
        """Undirected relations rows per pair and month (with ``net``)."""
        if not self.span:
            return []
        return self.relations.table(directed=False, start=self.span[0], end=self.span[1]).to_pylist()

    @property
    def recent_months(self) -> list[date]:
        """The last :attr:`OverviewOptions.recent` months."""
        return self.months[-self.options.recent:]

    def _who(self) -> str:
        if len(self.countries) == 2:
            return " and ".join(self.names.get(c, c) for c in self.countries)
        return f"the {len(self.countries)} states"

    # -- views -----------------------------------------------------------------------------

    def timelines(self) -> list[dict[str, Any]]:
        """Per pair with events, busiest first: monthly ``net`` with its 95% interval ``net_low`` ..
        ``net_high``, ``events``, quad-class counts and mean Goldstein (net, interval and mean None in
        a month without events: no data is no reading, not a neutral one)."""
        keys = ("net", "events", "goldstein_sum", *QUADS, "net_low", "net_high")
        by_pair = series(self.monthly, self.months, key=keys)
        out = []
        for (a, b), arr in by_pair.items():
            ev = arr[1]
            out.append({
                "pair": f"{a}-{b}", "source": a, "target": b, "total": int(ev.sum()),
                "months": [_month(m) for m in self.months],
                "net": [round(float(x), 9) if n else None for x, n in zip(arr[0], ev, strict=True)],
                "net_low": [round(float(x), 6) if n else None for x, n in zip(arr[-2], ev, strict=True)],
                "net_high": [round(float(x), 6) if n else None for x, n in zip(arr[-1], ev, strict=True)],
                "events": [int(x) for x in ev],
                "goldstein_mean": [round(float(g / n), 6) if n else None for g, n in zip(arr[2], ev, strict=True)],
                **{q: [int(x) for x in arr[3 + i]] for i, q in enumerate(QUADS)},
            })
        out.sort(key=lambda t: (-t["total"], t["pair"]))
        return out

    def matrix(self) -> dict[str, Any]:
        """Net cooperation with its 95% ``interval`` and event counts of every pair over the whole span
        (states by activity)."""
        pairs = totals(self.monthly, self.relations.options.alpha)
        activity = {c: 0 for c in self.countries}
        for (a, b), p in pairs.items():
            activity[a] = activity.get(a, 0) + p["events"]
            activity[b] = activity.get(b, 0) + p["events"]
        states = sorted(activity, key=lambda c: (-activity[c], c))
        net: list[list[float | None]] = []
        interval: list[list[list[float] | None]] = []
        events: list[list[int]] = []
        for a in states:
            row_net: list[float | None] = []
            row_interval: list[list[float] | None] = []
            row_events: list[int] = []
            for b in states:
                p = pairs.get((a, b) if a < b else (b, a)) if a != b else None
                row_net.append(round(p["net"], 9) if p else None)
                row_interval.append([round(p["net_low"], 6), round(p["net_high"], 6)]
                                    if p and "net_low" in p else None)
                row_events.append(p["events"] if p else 0)
            net.append(row_net)
            interval.append(row_interval)
            events.append(row_events)
        return {"states": states, "names": [self.names.get(s, s) for s in states], "net": net,
                "interval": interval, "events": events}

    def network(self, start: date, end: date, label: str) -> dict[str, Any]:
        """The signed network of ``start`` .. ``end`` with blocs, whether they are better than chance,
        and a layout (:func:`blocwatch.overview.networks.network_view`). Each window's network, bloc
        test, frustration index and drawing are computed once, whatever asks for them (the recent
        network feeds the headlines too; the last quarter may be the last months)."""
        if (start, end) not in self._views:
            net, support, fr = self._network(start, end)
            self._views[(start, end)] = network_view(net, time_limit=self.options.time_limit, names=self.names,
                                                     support=support, frustration=fr)
        return {**self._views[(start, end)], "label": label, "start": start.isoformat(), "end": end.isoformat()}

    def _network(self, start: date, end: date) -> tuple[SignedNetwork, BlocSupport, Frustration]:
        """The network of ``start`` .. ``end``, its blocs' support and its frustration index, computed once."""
        from blocwatch.analysis.balance import frustration
        from blocwatch.analysis.blocs import bloc_support

        if (start, end) not in self._networks:
            net = self.relations.network(start, end, label=f"{start.isoformat()}..{end.isoformat()}")
            self._networks[(start, end)] = (net, bloc_support(net), frustration(
                net, method="auto", time_limit=self.options.time_limit))
        return self._networks[(start, end)]

    @property
    def _recent(self) -> tuple[SignedNetwork, BlocSupport, Frustration] | None:
        """The network of the last months with its blocs' support and frustration (the headlines'
        and the first network view's)."""
        if not self.span:
            return None
        return self._network(self.recent_months[0], self.span[1])

    def networks(self) -> list[dict[str, Any]]:
        """Networks to choose from: the last months, the whole span, then every quarter."""
        if not self.span:
            return []
        first, last = self.span
        recent = self.recent_months[0]
        out = [self.network(recent, last, f"last {len(self.recent_months)} months ({span_text(recent, last)})"),
               self.network(first, last, f"whole period ({span_text(self.months[0], self.months[-1])})")]
        for q in period_range(first, last, "quarter"):
            out.append(self.network(max(q, first), min(period_end(q, "quarter"), last), period_label(q, "quarter")))
        return out

    def tension(self) -> list[dict[str, Any]]:
        """The tension index of the group per month (:func:`blocwatch.analysis.tension.tension_index`)."""
        rows = tension_index(self.monthly, self.months, alpha=self.relations.options.alpha)
        return [{**r, "period": _month(r["period"])} for r in rows]

    @cached_property
    def _shifts(self) -> list[Shift]:
        if not self.span:
            return []
        return self.relations.shifts(*self.span, limit=10, every=True)

    def shifts(self) -> list[dict[str, Any]]:
        """The supported alignment shifts among the states (:meth:`Relations.shifts`), strongest first."""
        return [s.to_dict() for s in self._shifts if s.supported]

    def places(self) -> dict[str, Any]:
        """Where the counted events took place, one point per pair, month and place, with how many
        of the events have a place at all (:meth:`Relations.places`)."""
        if not self.span:
            return {"events": 0, "located": 0, "truncated": False, "points": [], "located_by": {}}
        return self.relations.places(start=self.span[0], end=self.span[1], limit=self.options.places)

    def evidence(self) -> dict[str, Any]:
        """Events of every pair and month with their evidence, all modes (``mode`` says which
        count), at most :attr:`OverviewOptions.per_cell` per pair and month; ``counts`` holds
        ``pair|month|mode`` -> events, so a page can say how many it does not show, and
        ``cameo_names`` the names of the event codes shown. Each place of the map keeps up to 3
        events of its own (of those of its pair and month), so that a click on it shows some.
        ``undated`` and ``undated_counts`` are the same for background of unknown date reported in
        the window ("had invaded"), which counts in no month and is shown apart; its ``month`` is
        the report's."""
        if not self.span:
            return {"events": [], "counts": {}, "undated": [], "undated_counts": {}, "cameo_names": {}}
        def sample(undated: bool) -> tuple[list[dict[str, Any]], dict[str, int]]:
            every = Relations.of(self.relations.store, countries=self.countries, start=self.span[0],
                                 end=self.span[1], factual_only=False, undated_only=undated, **self.options.filters)
            per_place = min(3, self.options.per_cell)
            events, counts = every.evidence_sample(self.options.per_cell, per_place=per_place)
            return events, {"|".join(k): n for k, n in sorted(counts.items())}

        (events, counts), (undated, undated_counts) = sample(False), sample(True)
        names = self.relations.cameo_names()
        codes = {e["cameo"] for e in events + undated if e["cameo"]}
        return {"events": events, "counts": counts, "undated": undated, "undated_counts": undated_counts,
                "cameo_names": {c: names[c] for c in sorted(codes) if c in names}}

    def headlines(self) -> list[Headline]:
        """The findings in plain words: biggest shifts, current blocs, the most frustrating
        relations, the tension trend."""
        if not self.span:
            return []
        out = shift_headlines(self._shifts, self.names, period=span_text(*self.span))
        assert self._recent is not None
        net, support, fr = self._recent  # the network view's, computed once
        recent = self.recent_months
        period = f"the last {len(recent)} months ({span_text(recent[0], recent[-1])})"
        if net.edges:  # the partition tested, as the network view shows it
            out.append(bloc_headline(support.partition, self.names, period, support))
            out.append(frustration_headline(fr, self.names, total_weight=sum(e.weight for e in net.edges)))
        else:
            out.append(bloc_headline(None, self.names, period))
        out.append(tension_headline(self.tension_rows(), self._who(), months=self.options.recent))
        return out

    def tension_rows(self) -> list[dict[str, Any]]:
        """:meth:`tension` with ``period`` as a date (for :func:`tension_headline`)."""
        return tension_index(self.monthly, self.months, alpha=self.relations.options.alpha)
