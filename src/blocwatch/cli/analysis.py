"""The analysis commands: ``relations``, ``network``, ``shifts``, ``enemies`` and ``balance``.

Each builds one :class:`blocwatch.relations.Relations` (or an engine, for ``relations`` and ``balance`` on Spark)
from the shared options and calls one method; what it prints is laid out here.
"""

import enum
import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from blocwatch.analysis.network import EdgeRule, SignedNetwork
from blocwatch.arrays import from_pylist
from blocwatch.cli import options as opt
from blocwatch.cli.app import app
from blocwatch.cli.render import OutputFormat, RichProgress, clean, note_empty, plural, render, stderr, stdout, term
from blocwatch.dyads import DyadQuery
from blocwatch.engines import make_engine
from blocwatch.errors import InputError, ParameterError
from blocwatch.files import atomic_write
from blocwatch.periods import Period, parse_date
from blocwatch.store import EventStore

# Arrow, numpy and the analyses are imported by the commands that use them, so that `blocwatch --help`
# and the other commands do not load them.
if TYPE_CHECKING:
    import pyarrow as pa

    from blocwatch.relations import RelationsOptions

__all__ = ["balance", "enemies", "network", "relations", "shifts"]


class NetworkFormat(enum.StrEnum):
    """Output of ``blocwatch network``."""

    table = "table"
    csv = "csv"
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


class LinesFormat(enum.StrEnum):
    """Output of ``blocwatch shifts``, ``enemies`` and ``balance``."""

    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row of nested results as CSV cells: an interval as two columns (``_low``, ``_high``),
    drivers as "root name (events)", examples as their event ids, lists joined by " | "."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key.endswith("_interval"):
            low, high = value if value else (None, None)
            out[key.removesuffix("_interval") + "_low"], out[key.removesuffix("_interval") + "_high"] = low, high
        elif key == "drivers":
            out[key] = " | ".join(f"{d['root']} {d['name']} ({d['events']})" for d in value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out[key] = " ".join(str(d.get("event_id", "")) for d in value)
        elif isinstance(value, list):
            out[key] = " | ".join(",".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
        else:
            out[key] = value
    return out


def _print_csv(rows: list[dict[str, Any]], empty: str) -> None:
    """Rows as CSV on stdout; none: ``empty`` on stderr, so that an empty file is never the whole answer."""
    if not rows:
        stderr.print(f"[yellow]note:[/yellow] {term(empty)}", highlight=False)
        return
    render(from_pylist([_flat(r) for r in rows]), OutputFormat.csv)


def _options(*, start: str | None = None, end: str | None = None, countries: str | None = None,
             alpha: float = opt.ALPHA, score: str = "goldstein", weight_by: str = "none", collapse: bool = False,
             all_modes: bool = False, window: str = "month", directed: bool = False, neutral: float = opt.NEUTRAL,
             min_events: int = opt.MIN_EVENTS, edge_weight: str = opt.EDGE_WEIGHT, all_actors: bool = False,
             roots_only: bool = False, min_sources: int = 1,
             filters: dict[str, Any] | None = None) -> "RelationsOptions":
    from blocwatch.relations import RelationsOptions

    query = DyadQuery(window=window, countries=opt.countries_of(countries), start=start, end=end,
                      factual_only=not all_modes, directed=directed, score=score, weight=weight_by, collapse=collapse,
                      states_only=not all_actors, roots_only=roots_only, min_sources=min_sources, **(filters or {}))
    return RelationsOptions(query=query, alpha=alpha, rule=EdgeRule(neutral=neutral, min_events=min_events,
                                                                   weight=edge_weight))


def _required(value: str | None, param: str) -> str:
    if value is None:
        raise ParameterError(param, "required: a date such as 2024-12")
    return value


@app.command()
def relations(
    db: opt.Db = opt.DEFAULT_DB, start: opt.Start = None, end: opt.End = None, countries: opt.Countries = None,
    window: opt.Window = "month",
    directed: Annotated[bool, typer.Option("--directed", help="One row per ordered pair.")] = False,
    score: opt.Score = "goldstein", weight_by: opt.WeightBy = "none", collapse: opt.Collapse = False,
    all_modes: opt.AllModes = False, alpha: opt.Alpha = opt.ALPHA, fmt: opt.Format = OutputFormat.table,
    engine: opt.EngineOption = opt.EngineName.duckdb, spark_master: opt.MasterOption = None,
    events: opt.EventsOption = None,
    all_actors: opt.AllActors = False, roots_only: opt.RootsOnly = False, min_sources: opt.MinSources = 1,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
) -> None:
    """Dyadic time series: events per quad class, Goldstein, and net cooperation in [-1, 1] per window."""
    options = _options(start=start, end=end, countries=countries, alpha=alpha, score=score, weight_by=weight_by,
                       collapse=collapse, all_modes=all_modes, window=window, directed=directed,
                       all_actors=all_actors, roots_only=roots_only, min_sources=min_sources,
                       filters=opt.event_filters(roots, quads, origins, exclude, plover))
    with make_engine(engine, db=db, master=spark_master, events=events) as runner:
        table = runner.relations(options.query, options.alpha)
    render(table, fmt)
    if engine is opt.EngineName.duckdb:
        note_empty(table, db, options.query)


@app.command()
def network(
    db: opt.Db = opt.DEFAULT_DB,
    period: Annotated[str | None, typer.Option(help="A period: 2024, 2024-Q2, 2024-06 or 2024-06-19 (or give "
                                               "--from and --to).")] = None,
    window: Annotated[str | None, typer.Option(hidden=True, help="Deprecated: --period (elsewhere --window is "
                                               "a bucket size: month, quarter ...).")] = None,
    start: opt.Start = None, end: opt.End = None, countries: opt.Countries = None,
    top: Annotated[int, typer.Option(help="Without --countries: the N most active states.")] = 30,
    neutral: opt.Neutral = opt.NEUTRAL, min_events: opt.MinEvents = opt.MIN_EVENTS,
    edge_weight: opt.EdgeWeight = opt.EDGE_WEIGHT,
    alpha: opt.Alpha = opt.ALPHA, score: opt.Score = "goldstein", weight_by: opt.WeightBy = "none",
    collapse: opt.Collapse = False,
    all_actors: opt.AllActors = False, roots_only: opt.RootsOnly = False, min_sources: opt.MinSources = 1,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
    fmt: Annotated[NetworkFormat, typer.Option("--format", "-f", help="Output format.")] = NetworkFormat.table,
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of printing.")] = None,
) -> None:
    """The signed network of states in one period: ties signed by net cooperation, weighted by intensity."""
    from blocwatch.relations import Relations

    if window is not None:  # --window is a bucket size everywhere else (dyads, relations, balance)
        if period is not None:
            raise InputError("--window is the old name of --period: give one of them")
        stderr.print("warning: network --window is deprecated and will be removed in the next release: use "
                     "--period", highlight=False)
        period = window
    span = Period.parse(period, param="period") if period else Period.between(_required(start, "start"),
                                                                              _required(end, "end"))
    options = _options(countries=countries, alpha=alpha, score=score, weight_by=weight_by, collapse=collapse,
                       neutral=neutral, min_events=min_events, edge_weight=edge_weight,
                       all_actors=all_actors, roots_only=roots_only, min_sources=min_sources,
                       filters=opt.event_filters(roots, quads, origins, exclude, plover))
    with EventStore(db, read_only=True) as store:
        net = Relations(store, options).network(span.start, span.end, label=period or span.label, top=top)
    if fmt in (NetworkFormat.table, NetworkFormat.csv) and out is None:
        edges = _edge_table(net)
        render(edges, OutputFormat(fmt.value))
        note_empty(edges, db, replace(options.query, start=span.start, end=span.end),
                   otherwise=f"no pair's net cooperation is beyond ±{neutral} with at least {min_events} events "
                             "(--neutral, --min-events)")
        return
    if fmt is NetworkFormat.table:
        raise InputError("--out writes csv, json, graphml or gexf; choose one with --format")
    text = _edge_csv(net) if fmt is NetworkFormat.csv else net.dumps(fmt.value)
    if out:
        atomic_write(out, text)
        stdout.print(f"wrote {term(out)}: {len(net.nodes)} states, {len(net.edges)} ties", highlight=False)
    else:
        print(text)


@app.command()
def shifts(
    db: opt.Db = opt.DEFAULT_DB, start: opt.Start = None, end: opt.End = None, countries: opt.Countries = None,
    split: Annotated[str | None, typer.Option(help="Test a change at this month only, instead of finding "
                                              "each pair's.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many supported shifts each way (closer, apart).")] = 10,
    every: Annotated[bool, typer.Option("--all", help="Also list the changes the data do not support and the "
                                        "pairs with too little data, marked.")] = False,
    method: Annotated[str, typer.Option(help="tested (default) or largest-change (blocwatch's method before the "
                                        "truth suite, for comparison).")] = "tested",
    alpha: opt.Alpha = opt.ALPHA, score: opt.Score = "goldstein", weight_by: opt.WeightBy = "none",
    collapse: opt.Collapse = False, all_actors: opt.AllActors = False, roots_only: opt.RootsOnly = False,
    min_sources: opt.MinSources = 1,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
    fmt: Annotated[LinesFormat, typer.Option("--format", "-f", help="Output format.")] = LinesFormat.table,
    engine: opt.EngineOption = opt.EngineName.duckdb, spark_master: opt.MasterOption = None,
    events: opt.EventsOption = None,
) -> None:
    """Which pairs moved closer or apart between --from and --to, how sure that is, and the events behind it."""
    from blocwatch.analysis.significance import ShiftTest
    from blocwatch.relations import Relations

    span = Period.between(_required(start, "start"), _required(end, "end"))
    options = _options(countries=countries, alpha=alpha, score=score, weight_by=weight_by, collapse=collapse,
                       all_actors=all_actors, roots_only=roots_only, min_sources=min_sources,
                       filters=opt.event_filters(roots, quads, origins, exclude, plover))
    if engine is opt.EngineName.duckdb:
        if events:
            raise ParameterError("events", "is for the spark engine (the DuckDB engine reads its store)")
        with EventStore(db, read_only=True) as store:
            found = Relations(store, options).shifts(span.start, span.end, split=split, limit=limit, method=method,
                                                     every=True)
    else:
        if method != "tested":
            raise InputError("--engine spark runs the tested shifts only (--method tested)")
        if db != opt.DEFAULT_DB:
            raise ParameterError("db", "is for the duckdb engine (--engine spark reads run folders: --events)")
        with make_engine(engine, master=spark_master, events=events) as runner:
            found = runner.shifts(options, span.start, span.end, split=parse_date(split, param="split"),
                                  limit=limit, every=True)
    supported = [s for s in found if s.supported]
    if fmt is LinesFormat.jsonl:
        for s in found if every else supported:
            print(json.dumps(s.to_dict(), ensure_ascii=False, default=str))
        return
    if fmt is LinesFormat.csv:
        _print_csv([s.to_dict() for s in (found if every else supported)],
                   "no supported shift: the data do not show a change in any pair's relations over this window"
                   + ("" if every else " (--all lists the changes they do not support)"))
        return
    if not supported:
        stdout.print("no supported shift: the data do not show a change in any pair's relations over this window"
                     + ("" if every else " (--all lists the changes they do not support)"), highlight=False)
        for note in dict.fromkeys(n for s in found for n in s.notes):
            stdout.print(f"[yellow]note:[/yellow] {term(note)}", highlight=False)
    for direction in ("closer", "apart"):
        rows = [s for s in supported if s.direction == direction]
        if rows:
            stdout.print(f"\n[bold]moved {direction}[/bold] ({len(rows)})", highlight=False)
        for s in rows:
            _print_shift(s)
    if every:
        rest = [s for s in found if not s.supported]
        stdout.print(f"\n[bold]not supported, or too little data[/bold] ({len(rest)})", highlight=False)
        for s in rest:
            if s.status == "insufficient data":
                stdout.print(f"  {s.source}-{s.target}: insufficient data ({plural(s.events_before, 'event')})",
                             highlight=False)
            else:
                small = abs(s.delta) < ShiftTest().min_change
                why = f"p = {s.p_value:.3f}" + (f", a change of {s.delta:+.2f} is too small" if small else "")
                stdout.print(f"  {s.source}-{s.target}: {s.before:+.2f} -> {s.after:+.2f} from {s.at:%Y-%m}, "
                             f"not supported ({why}; {s.events_before} events before, {s.events_after} after)",
                             highlight=False)


def _interval(bounds: tuple[float, float] | None) -> str:
    return f" [{bounds[0]:+.2f}, {bounds[1]:+.2f}]" if bounds else ""


def _print_shift(s: Any) -> None:
    sure = f", p = {s.p_value:.3f}" if s.p_value is not None else ""
    stdout.print(f"  {s.source}-{s.target}: {s.before:+.2f}{_interval(s.before_interval)} -> "
                 f"{s.after:+.2f}{_interval(s.after_interval)} from {s.at:%Y-%m} "
                 f"({s.events_before} events before, {s.events_after} after{sure})", highlight=False)
    for note in s.notes:
        stdout.print(f"    [yellow]note:[/yellow] {term(note)}", highlight=False)
    for d in s.drivers[:3]:
        stdout.print(f"    {d.root} {d.name.lower()}: {plural(d.events, 'event')}", highlight=False, markup=False)
        for ex in d.examples:
            where = ex.get("evidence_text") or ex.get("url") or ""
            code = ex.get("cameo") or ex.get("plover") or ""
            stdout.print(clean(f"      {ex.get('date', '')} {code} {where[:110]}"), highlight=False, markup=False)


@app.command()
def enemies(
    a: Annotated[str, typer.Argument(help="One state of the dyad (ISO alpha-3).", show_default=False)],
    b: Annotated[str, typer.Argument(help="The other state.", show_default=False)],
    db: opt.Db = opt.DEFAULT_DB, start: opt.Start = None, end: opt.End = None,
    neutral: opt.Neutral = opt.NEUTRAL, min_events: opt.MinEvents = opt.MIN_EVENTS, alpha: opt.Alpha = opt.ALPHA,
    all_actors: opt.AllActors = False, roots_only: opt.RootsOnly = False, min_sources: opt.MinSources = 1,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
    fmt: Annotated[LinesFormat, typer.Option("--format", "-f", help="Output format.")] = LinesFormat.table,
) -> None:
    """The enemy of my enemy: third states both A and B were hostile to, with example events."""
    from blocwatch.relations import Relations

    pair = opt.countries_of(f"{a},{b}") or ()
    if len(pair) != 2:
        raise InputError("give two different states, e.g. RUS PRK")
    options = _options(start=start, end=end, alpha=alpha, neutral=neutral, min_events=min_events,
                       all_actors=all_actors, roots_only=roots_only, min_sources=min_sources,
                       filters=opt.event_filters(roots, quads, origins, exclude, plover))
    with EventStore(db, read_only=True) as store:
        found = Relations(store, options).enemies(pair[0], pair[1], options.query.start, options.query.end)
    if fmt is LinesFormat.jsonl:
        for e in found:
            print(json.dumps({"a": pair[0], "b": pair[1], **e.to_dict()}, ensure_ascii=False, default=str))
        return
    if fmt is LinesFormat.csv:
        _print_csv([{"a": pair[0], "b": pair[1], **e.to_dict()} for e in found],
                   f"no state both {pair[0]} and {pair[1]} were hostile to")
        return
    stdout.print(f"states both {pair[0]} and {pair[1]} were hostile to: {len(found)}", highlight=False)
    for e in found:
        stdout.print(f"  {e.third}: {pair[0]} {e.net_a:+.2f} ({e.events_a} events), "
                     f"{pair[1]} {e.net_b:+.2f} ({e.events_b} events)", highlight=False)
        for exs in (e.examples_a, e.examples_b):
            for ex in exs[:1]:  # in its real direction: who did it to whom
                where = ex.get("evidence_text") or ex.get("url") or ""
                code = ex.get("cameo") or ex.get("plover") or ""
                stdout.print(clean(f"    {ex['source_country']} -> {ex['target_country']}: {ex['date']} {code} "
                                   f"{where[:110]}"), highlight=False, markup=False)


@app.command()
def balance(
    edges: Annotated[Path | None, typer.Argument(help="CSV of signed edges (source,target,sign[,weight]); "
                                                  "without it, networks come from the store.")] = None,
    group_by: Annotated[str | None, typer.Option("--group-by", help="Column splitting the CSV into "
                                                 "networks.")] = None,
    db: opt.Db = opt.DEFAULT_DB, start: opt.Start = None, end: opt.End = None, countries: opt.Countries = None,
    window: Annotated[str, typer.Option(help="From the store: one network per month, quarter or year.")] = "month",
    top: Annotated[int | None, typer.Option(help="From the store, without --countries: the N most active "
                                            "states of the range.")] = None,
    method: Annotated[str, typer.Option(help="Frustration: auto, exact or heuristic.")] = "auto",
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds for each exact solve.")] = 30.0,
    k: Annotated[int | None, typer.Option("-k", help="Number of blocs (default: chosen, 2 to 6).")] = None,
    neutral: opt.Neutral = opt.NEUTRAL, min_events: opt.MinEvents = opt.MIN_EVENTS, alpha: opt.Alpha = opt.ALPHA,
    all_actors: opt.AllActors = False, roots_only: opt.RootsOnly = False, min_sources: opt.MinSources = 1,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
    fmt: Annotated[LinesFormat, typer.Option("--format", "-f", help="Output format.")] = LinesFormat.table,
    engine: opt.EngineOption = opt.EngineName.duckdb, spark_master: opt.MasterOption = None,
    events: opt.EventsOption = None,
    workers: opt.WorkersOption = 1,
) -> None:
    """Structural balance per network: frustration index, balanced triangles and blocs."""
    if edges is not None and engine is not opt.EngineName.duckdb:
        raise InputError("an edge CSV is measured here; --engine spark reads run folders (--events)")
    if edges is not None:
        from blocwatch.analysis.edgelists import read_edge_csv
        from blocwatch.analysis.structure import balance_rows

        with RichProgress() as progress:
            rows = balance_rows(read_edge_csv(edges, group_by=group_by).values(), method=method,
                                time_limit=time_limit, k=k, progress=progress, workers=workers)
    else:
        if group_by:
            raise InputError("--group-by applies to an edge CSV; from the store use --window")
        if workers > 1:
            raise InputError("--workers applies to an edge CSV")
        options = _options(start=start, end=end, countries=countries, alpha=alpha, window=window, neutral=neutral,
                           min_events=min_events, all_actors=all_actors, roots_only=roots_only, min_sources=min_sources,
                           filters=opt.event_filters(roots, quads, origins, exclude, plover))
        with make_engine(engine, db=db, master=spark_master, events=events) as runner, RichProgress() as progress:
            rows = runner.balance(options, window=window, top=top, method=method, time_limit=time_limit, k=k,
                                  progress=progress)
        if engine is opt.EngineName.duckdb:
            import pyarrow as pa

            note_empty(pa.table({"group": [r["group"] for r in rows]}), db, options.query)
    if fmt is LinesFormat.jsonl:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    if fmt is LinesFormat.csv:
        _print_csv(rows, "no network to measure")
        return
    render(from_pylist([_balance_row(r) for r in rows]), OutputFormat.table)


def _balance_row(r: dict[str, Any]) -> dict[str, Any]:
    keep = ("group", "nodes", "edges", "frustration", "exact", "bound", "balanced_triangle_ratio", "seconds")
    return {**{key: r[key] for key in keep}, "blocs": " | ".join(",".join(b) for b in r["blocs"])}


def _edge_table(net: SignedNetwork) -> "pa.Table":
    import pyarrow as pa

    return pa.Table.from_pylist(
        [{"source": e.source, "target": e.target, "sign": e.sign, "weight": round(e.weight, 4),
          "net": None if e.net is None else round(e.net, 4), "events": e.events} for e in net.edges],
        schema=pa.schema([("source", pa.string()), ("target", pa.string()), ("sign", pa.int8()),
                          ("weight", pa.float64()), ("net", pa.float64()), ("events", pa.int64())]))


def _edge_csv(net: SignedNetwork) -> str:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    render(_edge_table(net), OutputFormat.csv, console=Console(file=buffer))
    return buffer.getvalue()
