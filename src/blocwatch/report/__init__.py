"""A self-contained HTML report of the balance of forces among a group of states.

The report is one file that opens offline and can be mailed: the plotting library, the
script, the styles and the data are all inside it (no CDN, no web fonts, no request when it
is opened). It begins with the findings in plain words (biggest alignment shifts, current
blocs, the relations that most frustrate balance, the tension trend), then shows a dyad
timeline, the network of blocs, the dyad matrix, the tension index and a table of events
with their evidence for any dyad and month. Everything comes from one
:class:`blocwatch.overview.Overview`.

Text from documents and datasets is untrusted. The template escapes what it writes; the data
travels as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, so no value can close the element; the script reads it with ``JSON.parse`` and puts
text on the page with ``textContent`` only, and links only ``http(s)`` addresses.

With ``figures``, every chart is also written as PNG and SVG (:mod:`blocwatch.report.figures`).

Examples
--------
>>> import tempfile, os
>>> from blocwatch import EventStore
>>> tmp = tempfile.mkdtemp()
>>> with EventStore(os.path.join(tmp, "s.duckdb")) as store:
...     summary = write_report(store, os.path.join(tmp, "r.html"), ReportOptions())
>>> summary.events
0
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import plotly.offline

from blocwatch import __version__, palette
from blocwatch.analysis.cooperation import DEFAULT_ALPHA
from blocwatch.analysis.network import EdgeRule
from blocwatch.dyads import DyadQuery
from blocwatch.errors import ParameterError
from blocwatch.explain import why_empty
from blocwatch.files import atomic_write
from blocwatch.overview import QUADS, Overview, OverviewOptions
from blocwatch.places import BASE_MAP, base_map
from blocwatch.progress import NullProgress, Progress
from blocwatch.store import EventStore

__all__ = ["ReportOptions", "ReportSummary", "report_data", "write_report"]


@dataclass(frozen=True)
class ReportOptions:
    """What the report covers.

    Parameters
    ----------
    countries : tuple of str, optional
        States to include (ISO alpha-3); by default the ten most active ones.
    start, end : date, optional
        Inclusive date bounds; by default the span of the events.
    evidence : int
        Events kept as evidence per pair and month (the table says how many there are in all).
    figures : Path, optional
        Also write every chart as PNG and SVG into this folder.
    states_only, roots_only, min_sources, roots, quad_classes, plover, origins
        Which events count (:class:`~blocwatch.overview.OverviewOptions`); the report says which.
    exclusions : dict of str to str
        Events judged wrong (id to reason): counted nowhere, listed in the report with the reasons.
    alpha, neutral, min_events, score
        How relations are measured (:class:`~blocwatch.overview.OverviewOptions`), as
        ``blocwatch relations`` and ``network`` take them; the report states them.
    """

    countries: tuple[str, ...] | None = None
    start: date | None = None
    end: date | None = None
    evidence: int = 20
    figures: Path | None = None
    states_only: bool = True
    roots_only: bool = False
    min_sources: int = 1
    roots: tuple[str, ...] | None = None
    quad_classes: tuple[int, ...] | None = None
    plover: tuple[str, ...] | None = None
    origins: tuple[str, ...] | None = None
    alpha: float = DEFAULT_ALPHA
    neutral: float = EdgeRule.neutral
    min_events: int = EdgeRule.min_events
    score: str = "goldstein"
    #: The pairs whose timelines ``figures`` draws ("PRK-RUS"); by default the opening pair and each
    #: pair a finding names.
    figure_pairs: tuple[str, ...] | None = None
    #: Events judged wrong, by id, with the reason (:func:`blocwatch.exclusions.read_exclusions`):
    #: counted nowhere, listed at the end of the report.
    exclusions: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.figure_pairs is not None and self.figures is None:
            raise ParameterError("pairs", "chooses the timelines of the figure files: give --figures FOLDER too")
        if self.countries is not None and len(self.countries) == 1:
            raise ParameterError("countries", f"a report compares states, and only {self.countries[0]} was given: "
                                              "give two or more, or none for the ten most active")


@dataclass(frozen=True)
class ReportSummary:
    """What was written."""

    path: Path
    bytes: int
    events: int
    dyads: int
    countries: tuple[str, ...]
    first: date | None
    last: date | None
    figures: tuple[Path, ...] = field(default=())
    #: Why the report holds no event (:func:`blocwatch.explain.why_empty`), when it holds none.
    empty_because: str | None = None

    def text(self) -> str:
        span = f"{self.first:%Y-%m} to {self.last:%Y-%m}" if self.first and self.last else "no dates"
        out = (f"wrote {self.path} ({self.bytes / 1e6:.1f} MB): {self.events:,} events between "
               f"{len(self.countries)} states ({', '.join(self.countries) or 'none'}), {span}, "
               f"{self.dyads:,} pairs of states")
        if self.empty_because:
            out += f"; nothing to report: {self.empty_because}"
        if self.figures:
            out += f"; {len(self.figures)} figure files in {self.figures[0].parent}"
        return out


def _default_pair(overview: Overview, headlines: list[dict[str, Any]], timelines: list[dict[str, Any]]) -> str | None:
    """The dyad the timeline opens on: the biggest shift's, else the busiest."""
    pairs = {t["pair"] for t in timelines}
    for h in headlines:
        if h["pair"] in pairs:
            return h["pair"]
    return timelines[0]["pair"] if timelines else None


def report_data(overview: Overview, progress: Progress | None = None) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data (also what :mod:`~blocwatch.report.figures` draws).

    Parameters
    ----------
    overview : Overview
    progress : Progress, optional
        Told of each view as it is computed.
    """
    progress = progress or NullProgress()
    steps = ("timelines", "matrix", "networks", "tension", "shifts", "headlines", "places", "evidence")
    progress.start("report", total=len(steps), unit="steps")
    names = {c: overview.names.get(c, c) for c in overview.countries}
    out: dict[str, Any] = {"countries": list(overview.countries), "names": names, "quads": QUADS,
                           "palette": palette.as_dict(),
                           "months": [m.strftime("%Y-%m") for m in overview.months],
                           "counting": overview.options.counting()}
    for step in steps:
        if step == "headlines":
            out[step] = [h.to_dict() for h in overview.headlines()]
        else:
            out[step] = getattr(overview, step)()
        progress.advance(1)
    progress.finish()
    out["default_pair"] = _default_pair(overview, out["headlines"], out["timelines"])
    out["base_map"] = BASE_MAP
    return out


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element nor start markup, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _template(name: str) -> str:
    return resources.files("blocwatch.report").joinpath("templates", name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FunctionLoader(_template), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def _excluded(store: EventStore, exclusions: dict[str, str]) -> list[dict[str, Any]]:
    """The events judged wrong, as the report lists them: id, date, pair, code, reason and sentence
    (an id the store does not hold is listed too, marked, so that a typo shows)."""
    if not exclusions:
        return []
    ids = list(exclusions)
    found = {r["event_id"]: r for r in store.con.execute(
        "SELECT event_id, strftime(date, '%Y-%m-%d') AS date, source_country, target_country, cameo, evidence_text "
        "FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchdf().to_dict("records")}
    missing = {"date": None, "source_country": None, "target_country": None, "cameo": None, "evidence_text": None}
    return [{**missing, **found.get(i, {}), "event_id": i, "reason": exclusions[i]} for i in ids]


def write_report(store: EventStore, out: str | os.PathLike[str], options: ReportOptions,
                 progress: Progress | None = None) -> ReportSummary:
    """Write the HTML report for ``store`` to ``out`` (and the figures, if asked).

    Parameters
    ----------
    store : EventStore
    out : path
        The HTML file; its folder is created if needed.
    options : ReportOptions
    progress : Progress, optional

    Returns
    -------
    ReportSummary
    """
    overview = Overview(store, OverviewOptions(countries=options.countries, start=options.start, end=options.end,
                                               per_cell=options.evidence, states_only=options.states_only,
                                               roots_only=options.roots_only, min_sources=options.min_sources,
                                               roots=options.roots, quad_classes=options.quad_classes,
                                               plover=options.plover,
                                               origins=options.origins, exclude=tuple(options.exclusions),
                                               alpha=options.alpha, neutral=options.neutral,
                                               min_events=options.min_events, score=options.score))
    data = report_data(overview, progress)
    events = sum(t["total"] for t in data["timelines"])
    empty_because = None
    if not events:
        empty_because = why_empty(store, DyadQuery(countries=options.countries, start=options.start,
                                                   end=options.end, **overview.options.filters))
    span = overview.span
    html = _environment().get_template("report.html.j2").render(
        version=__version__, generated=datetime.now().strftime("%Y-%m-%d %H:%M"), store=store.path.name,
        countries=[(c, data["names"].get(c, c)) for c in data["countries"]], span=span, events=events,
        headlines=data["headlines"], counting=data["counting"], has_data=bool(data["timelines"]),
        empty_because=empty_because,
        app_query=overview.options.query(), app_can_show=overview.options.app_can_show,
        excluded=_excluded(store, options.exclusions), measure=overview.options,
        data_json=_json_for_script(data),
        style=_template("report.css"), script=_template("report.js"), plotly_js=plotly.offline.get_plotlyjs(),
        base_map=_json_for_script(json.loads(base_map())),
    )
    path = Path(out)
    if options.figures is not None and options.figure_pairs is not None:
        from blocwatch.report.figures import figure_pairs

        figure_pairs(data, options.figure_pairs)  # a pair without events: nothing is written
    atomic_write(path, html)  # a kill or a full disk leaves the previous report whole
    figures: tuple[Path, ...] = ()
    if options.figures is not None:
        from blocwatch.report.figures import write_figures

        figures = tuple(write_figures(data, options.figures, pairs=options.figure_pairs))
    return ReportSummary(path, path.stat().st_size, events, len(data["timelines"]), tuple(data["countries"]),
                         span[0] if span else None, span[1] if span else None, figures, empty_because)
