"""A self-contained HTML report of what the store says about relations between states.

The report is one file: the plotting library and the data are embedded, so it opens
offline and can be mailed. All text from the data is escaped by the template engine;
figure data is embedded as JSON with ``<`` escaped, so no value can close a script.

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
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import plotly.graph_objects as go
import plotly.offline
import pyarrow as pa
import pyarrow.compute as pc
from plotly.utils import PlotlyJSONEncoder

from blocwatch import __version__
from blocwatch.aggregate import DyadQuery, dyad_table
from blocwatch.store import EventStore

__all__ = ["ReportOptions", "ReportSummary", "write_report"]

_QUADS = (
    ("verbal_coop", "verbal cooperation", "#4C9F70"),
    ("material_coop", "material cooperation", "#1B5E20"),
    ("verbal_conflict", "verbal conflict", "#E59866"),
    ("material_conflict", "material conflict", "#B03A2E"),
)


@dataclass(frozen=True)
class ReportOptions:
    """What the report covers.

    Parameters
    ----------
    countries : tuple of str, optional
        States to include (ISO alpha-3); by default the ten most active ones.
    start, end : date, optional
        Inclusive date bounds.
    top_dyads : int
        How many pairs of states get a line in the timeline.
    max_rows : int
        Rows of the dyad table shown in the report.
    """

    countries: tuple[str, ...] | None = None
    start: date | None = None
    end: date | None = None
    top_dyads: int = 8
    max_rows: int = 500


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

    def text(self) -> str:
        span = f"{self.first} to {self.last}" if self.first else "no dates"
        return (
            f"wrote {self.path} ({self.bytes / 1e6:.1f} MB): {self.events:,} events between "
            f"{len(self.countries)} states ({', '.join(self.countries) or 'none'}), {span}, "
            f"{self.dyads:,} directed dyads"
        )


def _top_countries(store: EventStore, options: ReportOptions, n: int = 10) -> tuple[str, ...]:
    q = DyadQuery(window="year", start=options.start, end=options.end)
    rows = store.con.sql(
        f"""SELECT c, sum(n) AS n FROM (
                SELECT source AS c, events AS n FROM ({q.sql()})
                UNION ALL SELECT target, events FROM ({q.sql()}))
            GROUP BY c ORDER BY n DESC, c LIMIT {int(n)}"""
    ).fetchall()
    return tuple(r[0] for r in rows)


def _figure_json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder).replace("<", "\\u003c")


def _timeline(monthly: pa.Table, top: int) -> go.Figure:
    """Mean Goldstein per month for the busiest undirected pairs."""
    pairs: dict[tuple[str, str], dict[date, list[float]]] = {}
    totals: dict[tuple[str, str], int] = {}
    for r in monthly.to_pylist():
        key = tuple(sorted((r["source"], r["target"])))
        cell = pairs.setdefault(key, {}).setdefault(r["period"], [0.0, 0.0])
        cell[0] += r["goldstein_sum"] or 0.0
        cell[1] += r["events"]
        totals[key] = totals.get(key, 0) + r["events"]
    fig = go.Figure()
    for key in sorted(totals, key=lambda k: (-totals[k], k))[:top]:
        months = sorted(pairs[key])
        fig.add_trace(go.Scatter(
            x=[m.isoformat() for m in months],
            y=[pairs[key][m][0] / pairs[key][m][1] for m in months],
            customdata=[int(pairs[key][m][1]) for m in months],
            mode="lines+markers", name=f"{key[0]}-{key[1]}",
            hovertemplate="%{x|%b %Y}: mean Goldstein %{y:.2f} over %{customdata} events",
        ))
    fig.add_hline(y=0, line_color="#888", line_width=1)
    fig.update_layout(title="Cooperation (+) and conflict (-) between pairs of states, by month",
                      yaxis_title="mean Goldstein score", xaxis_title=None, height=460,
                      margin={"t": 60, "l": 60, "r": 20, "b": 40}, legend_title_text="pair")
    return fig


def _quads(monthly: pa.Table) -> go.Figure:
    """Events per month by quad class, all selected dyads together."""
    by_month: dict[date, dict[str, int]] = {}
    for r in monthly.to_pylist():
        cell = by_month.setdefault(r["period"], {q: 0 for q, _, _ in _QUADS})
        for q, _, _ in _QUADS:
            cell[q] += r[q]
    months = sorted(by_month)
    fig = go.Figure()
    for q, label, colour in _QUADS:
        fig.add_trace(go.Bar(x=[m.isoformat() for m in months], y=[by_month[m][q] for m in months],
                             name=label, marker_color=colour))
    fig.update_layout(barmode="stack", title="Events between the selected states, by kind and month",
                      yaxis_title="events", height=380, margin={"t": 60, "l": 60, "r": 20, "b": 40})
    return fig


def _coded_events(store: EventStore, countries: tuple[str, ...], options: ReportOptions) -> tuple[list[dict], int]:
    """Events coded from text that involve the report's states, with their evidence; and how many."""
    where = ["e.origin = 'text'"]
    params: dict[str, Any] = {}
    if countries:
        where.append("(e.source_country IN (SELECT unnest($countries)) "
                     "OR e.target_country IN (SELECT unnest($countries)))")
        params["countries"] = list(countries)
    if options.start:
        where.append("e.date >= $start")
        params["start"] = options.start
    if options.end:
        where.append("e.date <= $end")
        params["end"] = options.end
    sql = f"""SELECT e.date, e.date_precision, e.source, e.target, e.cameo, c.name AS cameo_name, e.goldstein,
                     e.mode, e.doc_id, e.evidence_text, e.evidence_rule
              FROM events e LEFT JOIN cameo_codes c ON c.code = e.cameo
              WHERE {" AND ".join(where)}
              ORDER BY e.date, e.doc_id, e.evidence_sentence, e.evidence_start, e.source, e.target"""
    total = int(store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0])
    rows = store.con.sql(f"{sql} LIMIT {int(options.max_rows)}", params=params or None).to_arrow_table().to_pylist()
    return rows, total


def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(
        lambda name: resources.files("blocwatch.report").joinpath("templates", name).read_text(encoding="utf-8")
    )
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def write_report(store: EventStore, out: str | os.PathLike[str], options: ReportOptions) -> ReportSummary:
    """Write the HTML report for ``store`` to ``out``.

    Parameters
    ----------
    store : EventStore
    out : path
        The HTML file; its folder is created if needed.
    options : ReportOptions

    Returns
    -------
    ReportSummary
    """
    countries = options.countries or _top_countries(store, options)
    query = DyadQuery(window="month", countries=countries or None, start=options.start, end=options.end)
    monthly = dyad_table(store.con, query) if countries else dyad_table(store.con, query).slice(0, 0)
    events = int(pc.sum(monthly["events"]).as_py() or 0) if monthly.num_rows else 0
    periods = monthly["period"].to_pylist() if monthly.num_rows else []
    figures = []
    if monthly.num_rows:
        figures = [("timeline", _figure_json(_timeline(monthly, options.top_dyads))),
                   ("quads", _figure_json(_quads(monthly)))]
    coded, coded_total = _coded_events(store, tuple(countries), options)
    columns = monthly.column_names
    rows: list[dict[str, Any]] = monthly.slice(0, options.max_rows).to_pylist()
    html = _environment().get_template("report.html.j2").render(
        version=__version__,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        store=str(store.path),
        countries=countries,
        start=options.start,
        end=options.end,
        events=events,
        first=min(periods) if periods else None,
        last=max(periods) if periods else None,
        figures=figures,
        columns=columns,
        rows=rows,
        total_rows=monthly.num_rows,
        coded=coded,
        coded_total=coded_total,
        plotly_js=plotly.offline.get_plotlyjs(),
    )
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    dyads = len({(r["source"], r["target"]) for r in monthly.select(["source", "target"]).to_pylist()})
    return ReportSummary(path, path.stat().st_size, events, dyads, tuple(countries),
                         min(periods) if periods else None, max(periods) if periods else None)
