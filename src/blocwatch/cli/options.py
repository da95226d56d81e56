"""Options shared by the commands, each defined once, with choices and defaults from the library.

:data:`FLAGS` maps the library's parameter names to the flags that set them, so that a
:class:`~blocwatch.errors.ParameterError` (``start: ...``) is shown as the user typed it
(``--from: ...``).
"""

import enum
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from blocwatch.analysis.cooperation import DEFAULT_ALPHA
from blocwatch.analysis.network import EDGE_WEIGHTS, EdgeRule
from blocwatch.cli.render import OutputFormat
from blocwatch.countries import parse_countries
from blocwatch.dyads import SCORES, WEIGHTS, WINDOWS
from blocwatch.engines import ENGINES
from blocwatch.errors import ParameterError
from blocwatch.exclusions import read_exclusions
from blocwatch.periods import parse_date
from blocwatch.store import DEFAULT_STORE

__all__ = [
    "AllActors", "AllModes", "Alpha", "Collapse", "Countries", "DEFAULT_DB", "Db", "EdgeWeight", "End", "EngineName",
    "EngineOption", "EventsOption", "Exclude", "FLAGS", "Format", "MasterOption", "MinEvents", "MinSources",
    "Neutral", "Origins", "OutOption", "Paths", "Plover", "PublishedOption", "Quads", "Roots", "RootsOnly", "Score",
    "Start",
    "Strict", "WeightBy", "Window", "WorkersOption", "countries_of", "day_of", "event_filters", "flag"
]

#: The library's parameter names whose flags differ from ``--name``.
FLAGS = {"start": "--from", "end": "--to", "weight": "--weight-by", "default_date": "--date",
         "master": "--spark-master", "quad_classes": "--quads", "plover": "--plover"}


def flag(param: str) -> str:
    """The flag that sets the library parameter ``param``.

    >>> flag("start"), flag("window"), flag("weight")
    ('--from', '--window', '--weight-by')
    """
    return FLAGS.get(param, "--" + param.replace("_", "-"))


DEFAULT_DB = Path(DEFAULT_STORE)
_RULE = EdgeRule()

Db = Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file).")]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
Paths = Annotated[list[Path], typer.Argument(help="Files, folders or .zip/.gz archives.", show_default=False)]
Strict = Annotated[bool, typer.Option("--strict", help="Exit with 1 if any row is quarantined.")]
Start = Annotated[str | None, typer.Option("--from", help="First date: YYYY, YYYY-MM or YYYY-MM-DD.")]
End = Annotated[str | None, typer.Option("--to", help="Last date (inclusive), same forms.")]
Countries = Annotated[str | None, typer.Option(help="Comma-separated states: ISO alpha-3 codes or names, e.g. "
                                               "USA,RUS,PRK or 'North Korea,Russia'.")]
Window = Annotated[str, typer.Option(help=f"One of {', '.join(WINDOWS)}.")]
Alpha = Annotated[float, typer.Option(help="Smoothing of net cooperation, in score units (see docs/analysis.md).")]
Score = Annotated[str, typer.Option(help=f"Event intensity: {' or '.join(SCORES)}.")]
WeightBy = Annotated[str, typer.Option("--weight-by", help=f"Weight events by: {', '.join(WEIGHTS)}.")]
Collapse = Annotated[bool, typer.Option("--collapse", help="Count repeated reports (dyad, code, day) once.")]
AllModes = Annotated[bool, typer.Option("--all-modes", help="Count negated, hypothetical, future, claimed "
                                        "and commentary events too (by default only factual ones count; "
                                        "untargeted acts have no pair to count in).")]
Neutral = Annotated[float, typer.Option(help="|net cooperation| at or below this is no tie.")]
MinEvents = Annotated[int, typer.Option("--min-events", help="Fewer events than this is no tie.")]
EdgeWeight = Annotated[str, typer.Option("--edge-weight", help=f"Tie weight: {', '.join(EDGE_WEIGHTS)}.")]
AllActors = Annotated[bool, typer.Option("--all-actors", help="Count events of every actor of a country (citizens, "
                                         "rebels, media ...), not only those acting for its state.")]
RootsOnly = Annotated[bool, typer.Option("--roots-only", help="Count only GDELT events from a story's lead "
                                         "paragraph (IsRootEvent).")]
MinSources = Annotated[int, typer.Option("--min-sources", min=1, help="Count only events reported by at least "
                                         "this many sources (GDELT NumSources).")]
Roots = Annotated[str | None, typer.Option("--roots", help="Count only events of these CAMEO root codes, e.g. "
                                           "14,17,18,19,20 (protest, coerce, assault, fight, mass violence).")]
Quads = Annotated[str | None, typer.Option("--quads", help="Count only events of these quad classes: 1 verbal "
                                           "cooperation, 2 material cooperation, 3 verbal conflict, 4 material "
                                           "conflict (e.g. 2,4: acts, not words).")]
Origins = Annotated[str | None, typer.Option("--origins", help="Count only events of these origins, e.g. "
                                             "gdelt2,text (blocwatch coverage lists them).")]
Plover = Annotated[str | None, typer.Option("--plover", help="Count only events of these PLOVER types, e.g. "
                                            "ASSAULT,COERCE (for datasets without CAMEO codes: POLECAT, ACLED).")]
Exclude = Annotated[Path | None, typer.Option("--exclude", help="A CSV file event_id,reason of events judged "
                                              "wrong: no computation counts them.")]
PublishedOption = Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) of documents "
                                                     "that give none, such as .txt files.")]
WorkersOption = Annotated[int, typer.Option("--workers", "-j", min=1,
                                            help="Processes to work in (the results are the same).")]

EngineName = enum.StrEnum("EngineName", {name: name for name in ENGINES})
EngineOption = Annotated[EngineName, typer.Option("--engine", help="duckdb (the store, one machine) or spark "
                                                  "(pip install 'blocwatch[spark]'; Java 17).")]
MasterOption = Annotated[str | None, typer.Option("--spark-master", help="With --engine spark: local[*], local[2], "
                                                  "spark://host:7077, yarn ... [default: local[*]]")]
OutOption = Annotated[Path | None, typer.Option("--out", help="With --engine spark: the run folder to write "
                                                "(events, quarantine, ingests as Parquet); then `blocwatch ingest "
                                                "parquet` it into a store.")]
EventsOption = Annotated[list[str] | None, typer.Option("--events", help="With --engine spark: a run folder "
                                                        "written by --engine spark (repeat for more; URIs and "
                                                        "globs too).")]

#: Defaults of the relation options, from the library.
ALPHA, NEUTRAL, MIN_EVENTS, EDGE_WEIGHT = DEFAULT_ALPHA, _RULE.neutral, _RULE.min_events, _RULE.weight


def countries_of(text: str | None) -> tuple[str, ...] | None:
    """``--countries`` as codes."""
    return parse_countries(text)


def event_filters(roots: str | None = None, quads: str | None = None, origins: str | None = None,
                  exclude: Path | None = None, plover: str | None = None) -> dict[str, Any]:
    """``--roots``, ``--quads``, ``--origins``, ``--exclude`` and ``--plover`` as
    :class:`~blocwatch.dyads.DyadQuery` fields (validated there).

    >>> event_filters(roots="14, 19", quads="4", plover="assault")
    {'roots': ('14', '19'), 'quad_classes': (4,), 'plover': ('assault',)}
    """
    out: dict[str, Any] = {}
    if roots:
        out["roots"] = tuple(r.strip() for r in roots.split(",") if r.strip())
    if quads:
        try:
            out["quad_classes"] = tuple(int(q) for q in quads.split(",") if q.strip())
        except ValueError:
            raise ParameterError("quad_classes", f"quad classes are numbers 1 to 4, not {quads!r}") from None
    if origins:
        out["origins"] = tuple(o.strip() for o in origins.split(",") if o.strip())
    if exclude is not None:
        out["exclude"] = tuple(read_exclusions(exclude))
    if plover:
        out["plover"] = tuple(t.strip() for t in plover.split(",") if t.strip())
    return out


def day_of(text: str | None, param: str, *, end: bool = False) -> date | None:
    """A date option as a day (``end``: the last day of a year or month given)."""
    return parse_date(text, end=end, param=param)
