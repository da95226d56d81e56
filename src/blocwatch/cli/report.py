"""``blocwatch report``: the self-contained HTML report."""

from pathlib import Path
from typing import Annotated

import typer

from blocwatch.cli import options as opt
from blocwatch.cli.app import app
from blocwatch.cli.options import (
    DEFAULT_DB,
    AllActors,
    Db,
    End,
    MinSources,
    RootsOnly,
    Start,
    countries_of,
    day_of,
)
from blocwatch.cli.render import RichProgress, stdout, term
from blocwatch.countries import parse_pair
from blocwatch.exclusions import read_exclusions
from blocwatch.extras import require
from blocwatch.store import EventStore

__all__ = ["report"]


@app.command()
def report(
    db: Db = DEFAULT_DB,
    out: Annotated[Path, typer.Option(help="HTML file to write.")] = Path("report.html"),
    countries: Annotated[str | None, typer.Option(help="Comma-separated states, codes or names "
                                                  "(default: the ten most active states).")] = None,
    start: Start = None,
    end: End = None,
    figures: Annotated[Path | None, typer.Option(help="Also write every chart as PNG and SVG into this "
                                                 "folder.")] = None,
    pairs: Annotated[str | None, typer.Option(help="With --figures: the pairs whose timelines to draw, e.g. "
                                             "PRK-RUS,KOR-PRK (default: the opening pair and those the findings "
                                             "name).")] = None,
    evidence: Annotated[int, typer.Option(min=1, help="Events kept as evidence per pair and month.")] = 20,
    all_actors: AllActors = False, roots_only: RootsOnly = False, min_sources: MinSources = 1,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
    alpha: opt.Alpha = opt.ALPHA, neutral: opt.Neutral = opt.NEUTRAL, min_events: opt.MinEvents = opt.MIN_EVENTS,
    score: opt.Score = "goldstein",
) -> None:
    """Write a self-contained HTML report (works offline): findings, timelines, blocs, tension, evidence."""
    require("report", "the HTML report")
    from blocwatch.report import ReportOptions, write_report

    options = ReportOptions(countries=countries_of(countries), start=day_of(start, "start"),
                            end=day_of(end, "end", end=True), evidence=evidence, figures=figures,
                            states_only=not all_actors, roots_only=roots_only, min_sources=min_sources,
                            exclusions=read_exclusions(exclude) if exclude is not None else {},
                            figure_pairs=_pairs(pairs), alpha=alpha, neutral=neutral, min_events=min_events,
                            score=score,
                            **opt.event_filters(roots, quads, origins, plover=plover))
    with EventStore(db, read_only=True) as store, RichProgress() as progress:
        summary = write_report(store, out, options, progress=progress)
    stdout.print(term(summary.text()), highlight=False)


def _pairs(text: str | None) -> tuple[str, ...] | None:
    """``--pairs`` as ``A-B`` pairs of state codes (names too: "North Korea-Russia")."""
    if not text:
        return None
    return tuple("-".join(parse_pair(item, param="pairs")) for item in text.split(",") if item.strip())
