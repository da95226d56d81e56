"""Command-line commands on relations: ``relations``, ``network``, ``shifts``, ``enemies``, ``balance``."""

from __future__ import annotations

import enum
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer

from blocwatch.aggregate import SCORES, WEIGHTS, WINDOWS, DyadQuery, parse_countries, parse_date, parse_period
from blocwatch.analysis.network import EDGE_WEIGHTS, EdgeRule, SignedNetwork
from blocwatch.cli.engines import Engine, EngineOption, EventsOption, MasterOption, check_engine, spark_engine
from blocwatch.cli.render import OutputFormat, render, stdout
from blocwatch.errors import InputError
from blocwatch.spark.session import DEFAULT_MASTER
from blocwatch.store import DEFAULT_STORE, EventStore

__all__ = ["register"]

Db = Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file).")]
Start = Annotated[str | None, typer.Option("--from", help="First date: YYYY, YYYY-MM or YYYY-MM-DD.")]
End = Annotated[str | None, typer.Option("--to", help="Last date (inclusive), same forms.")]
Countries = Annotated[str | None, typer.Option(help="Comma-separated ISO alpha-3 codes, e.g. USA,RUS,PRK.")]
Alpha = Annotated[float, typer.Option(help="Smoothing of net cooperation, in score units (see docs/analysis.md).")]
Score = Annotated[str, typer.Option(help=f"Event intensity: {' or '.join(SCORES)}.")]
WeightBy = Annotated[str, typer.Option("--weight-by", help=f"Weight events by: {', '.join(WEIGHTS)}.")]
Collapse = Annotated[bool, typer.Option("--collapse", help="Count repeated reports (dyad, code, day) once.")]
AllModes = Annotated[bool, typer.Option("--all-modes", help="Count negated, hypothetical, future and claimed "
                                        "events too (by default only factual ones count).")]
Neutral = Annotated[float, typer.Option(help="|net cooperation| at or below this is no tie.")]
MinEvents = Annotated[int, typer.Option("--min-events", help="Fewer events than this is no tie.")]
EdgeWeight = Annotated[str, typer.Option("--edge-weight", help=f"Tie weight: {', '.join(EDGE_WEIGHTS)}.")]


class NetworkFormat(enum.StrEnum):
    """Output of ``blocwatch network``."""

    table = "table"
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


class BalanceFormat(enum.StrEnum):
    """Output of ``blocwatch balance``."""

    table = "table"
    jsonl = "jsonl"


class ShiftFormat(enum.StrEnum):
    """Output of ``blocwatch shifts`` and ``blocwatch enemies``."""

    table = "table"
    jsonl = "jsonl"


def _options(*, start: str | None, end: str | None, countries: str | None, alpha: float,
             score: str = "goldstein", weight_by: str = "none", collapse: bool = False, all_modes: bool = False,
             window: str = "month", directed: bool = False, neutral: float = 0.1, min_events: int = 3,
             edge_weight: str = "log_events") -> Any:
    from blocwatch.relations import RelationsOptions

    query = DyadQuery(window=window, countries=parse_countries(countries), start=parse_date(start, option="--from"),
                      end=parse_date(end, end=True, option="--to"), factual_only=not all_modes, directed=directed,
                      score=score, weight=weight_by, collapse=collapse)
    rule = EdgeRule(neutral=neutral, min_events=min_events, weight=edge_weight)
    return RelationsOptions(query=query, alpha=alpha, rule=rule)


def _relations(store: EventStore, **options: Any) -> Any:
    from blocwatch.relations import Relations

    return Relations(store, _options(**options))


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _needed(value: str | None, option: str) -> date:
    d = parse_date(value, option=option, end=option == "--to")
    if d is None:
        raise InputError(f"{option} is required")
    return d


def register(app: typer.Typer) -> None:
    """Add the relations commands to the command line."""

    @app.command()
    def relations(
        db: Db = Path(DEFAULT_STORE), start: Start = None, end: End = None, countries: Countries = None,
        window: Annotated[str, typer.Option(help=f"One of {', '.join(WINDOWS)}.")] = "month",
        directed: Annotated[bool, typer.Option("--directed", help="One row per ordered pair.")] = False,
        score: Score = "goldstein", weight_by: WeightBy = "none", collapse: Collapse = False,
        all_modes: AllModes = False, alpha: Alpha = 10.0,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
        engine: EngineOption = Engine.duckdb, spark_master: MasterOption = DEFAULT_MASTER, events: EventsOption = None,
    ) -> None:
        """Dyadic time series: events per quad class, Goldstein, and net cooperation in [-1, 1] per window."""
        check_engine(engine, events=events, needs_events=True)
        options = _options(start=start, end=end, countries=countries, alpha=alpha, score=score, weight_by=weight_by,
                           collapse=collapse, all_modes=all_modes, window=window, directed=directed)
        if engine is Engine.spark:
            with spark_engine(spark_master) as spark:
                table = spark.relations(events or [], options.query, options.alpha)
        else:
            from blocwatch.relations import Relations

            with EventStore(db, read_only=True) as store:
                table = Relations(store, options).table()
        render(table, fmt)

    @app.command()
    def network(
        db: Db = Path(DEFAULT_STORE),
        window: Annotated[str | None, typer.Option(help="A period: 2024, 2024-Q2, 2024-06 or 2024-06-19.")] = None,
        start: Start = None, end: End = None, countries: Countries = None,
        top: Annotated[int, typer.Option(help="Without --countries: the N most active states.")] = 30,
        neutral: Neutral = 0.1, min_events: MinEvents = 3, edge_weight: EdgeWeight = "log_events",
        alpha: Alpha = 10.0, score: Score = "goldstein", weight_by: WeightBy = "none", collapse: Collapse = False,
        fmt: Annotated[NetworkFormat, typer.Option("--format", "-f", help="Output format.")] = NetworkFormat.table,
        out: Annotated[Path | None, typer.Option(help="Write to this file instead of printing.")] = None,
    ) -> None:
        """The signed network of states in one period: ties signed by net cooperation, weighted by intensity."""
        if window:
            first, last = parse_period(window)
        else:
            first, last = _needed(start, "--from"), _needed(end, "--to")
        with EventStore(db, read_only=True) as store:
            rel = _relations(store, start=None, end=None, countries=countries, alpha=alpha, score=score,
                             weight_by=weight_by, collapse=collapse, neutral=neutral, min_events=min_events,
                             edge_weight=edge_weight)
            net = rel.network(first, last, label=window or f"{first}..{last}", top=top)
        if fmt is NetworkFormat.table:
            render(_edge_table(net), OutputFormat.table)
            return
        text = net.dumps(fmt.value)
        if out:
            out.write_text(text, encoding="utf-8")
            stdout.print(f"wrote {out}: {len(net.nodes)} states, {len(net.edges)} ties", highlight=False)
        else:
            print(text)

    @app.command()
    def shifts(
        db: Db = Path(DEFAULT_STORE), start: Start = None, end: End = None, countries: Countries = None,
        split: Annotated[str | None, typer.Option(help="Compare before and from this month instead of finding "
                                                  "each dyad's change.")] = None,
        min_events: Annotated[int, typer.Option("--min-events", help="Skip dyads with fewer events.")] = 5,
        limit: Annotated[int, typer.Option(help="At most this many dyads each way (closer, apart).")] = 10,
        alpha: Alpha = 10.0, score: Score = "goldstein", weight_by: WeightBy = "none", collapse: Collapse = False,
        fmt: Annotated[ShiftFormat, typer.Option("--format", "-f", help="Output format.")] = ShiftFormat.table,
    ) -> None:
        """Who moved closer and who moved apart between --from and --to, with the events that drove it."""
        first, last = _needed(start, "--from"), _needed(end, "--to")
        with EventStore(db, read_only=True) as store:
            rel = _relations(store, start=None, end=None, countries=countries, alpha=alpha, score=score,
                             weight_by=weight_by, collapse=collapse)
            found = rel.shifts(first, last, split=parse_date(split, option="--split"), min_events=min_events,
                               limit=limit)
        if fmt is ShiftFormat.jsonl:
            for s in found:
                print(json.dumps(s.to_dict(), ensure_ascii=False, default=str))
            return
        for direction in ("closer", "apart"):
            rows = [s for s in found if s.direction == direction]
            stdout.print(f"\n[bold]moved {direction}[/bold] ({len(rows)})", highlight=False)
            for s in rows:
                stdout.print(f"  {s.source}-{s.target}: {s.before:+.2f} -> {s.after:+.2f} from {s.at:%Y-%m} "
                             f"({s.events_before} events before, {s.events_after} after)", highlight=False)
                for note in s.notes:
                    stdout.print(f"    [yellow]note:[/yellow] {note}", highlight=False)
                for d in s.drivers[:3]:
                    stdout.print(f"    {d.root} {d.name.lower()}: {_plural(d.events, 'event')}", highlight=False,
                                 markup=False)
                    for ex in d.examples:
                        where = ex.get("evidence_text") or ex.get("url") or ""
                        stdout.print(f"      {ex.get('date', '')} {ex['cameo']} {where[:110]}", highlight=False,
                                     markup=False)

    @app.command()
    def enemies(
        a: Annotated[str, typer.Argument(help="One state of the dyad (ISO alpha-3).", show_default=False)],
        b: Annotated[str, typer.Argument(help="The other state.", show_default=False)],
        db: Db = Path(DEFAULT_STORE), start: Start = None, end: End = None,
        neutral: Neutral = 0.1, min_events: MinEvents = 3, alpha: Alpha = 10.0,
        fmt: Annotated[ShiftFormat, typer.Option("--format", "-f", help="Output format.")] = ShiftFormat.table,
    ) -> None:
        """The enemy of my enemy: third states both A and B were hostile to, with example events."""
        pair = parse_countries([a, b]) or ()
        if len(pair) != 2:
            raise InputError("give two different states, e.g. RUS PRK")
        with EventStore(db, read_only=True) as store:
            rel = _relations(store, start=start, end=end, countries=None, alpha=alpha, neutral=neutral,
                             min_events=min_events)
            found = rel.enemies(pair[0], pair[1], rel.options.query.start, rel.options.query.end)
        if fmt is ShiftFormat.jsonl:
            for e in found:
                print(json.dumps({"a": pair[0], "b": pair[1], **e.to_dict()}, ensure_ascii=False, default=str))
            return
        stdout.print(f"states both {pair[0]} and {pair[1]} were hostile to: {len(found)}", highlight=False)
        for e in found:
            stdout.print(f"  {e.third}: {pair[0]} {e.net_a:+.2f} ({e.events_a} events), "
                         f"{pair[1]} {e.net_b:+.2f} ({e.events_b} events)", highlight=False)
            for who, exs in ((pair[0], e.examples_a), (pair[1], e.examples_b)):
                for ex in exs[:1]:
                    where = ex.get("evidence_text") or ex.get("url") or ""
                    stdout.print(f"    {who}: {ex['date']} {ex['cameo']} {where[:110]}", highlight=False,
                                 markup=False)

    @app.command()
    def balance(
        edges: Annotated[Path | None, typer.Argument(help="CSV of signed edges (source,target,sign[,weight]); "
                                                      "without it, networks come from the store.")] = None,
        group_by: Annotated[str | None, typer.Option("--group-by", help="Column splitting the CSV into "
                                                     "networks.")] = None,
        db: Db = Path(DEFAULT_STORE), start: Start = None, end: End = None, countries: Countries = None,
        window: Annotated[str, typer.Option(help="From the store: one network per month, quarter or year.")] = "month",
        top: Annotated[int | None, typer.Option(help="From the store, without --countries: the N most active "
                                                "states of the range.")] = None,
        method: Annotated[str, typer.Option(help="Frustration: auto, exact or heuristic.")] = "auto",
        time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds for each exact solve.")] = 30.0,
        k: Annotated[int | None, typer.Option("-k", help="Number of blocs (default: chosen, 2 to 6).")] = None,
        neutral: Neutral = 0.1, min_events: MinEvents = 3, alpha: Alpha = 10.0,
        fmt: Annotated[BalanceFormat, typer.Option("--format", "-f", help="Output format.")] = BalanceFormat.table,
    ) -> None:
        """Structural balance per network: frustration index, balanced triangles and blocs."""
        from blocwatch.analysis.summary import balance_summary
        from blocwatch.edges import read_edge_csv

        if edges is not None:
            nets = list(read_edge_csv(edges, group_by=group_by).values())
        else:
            if group_by:
                raise InputError("--group-by applies to an edge CSV; from the store use --window")
            with EventStore(db, read_only=True) as store:
                nets = _relations(store, start=start, end=end, countries=countries, alpha=alpha, window=window,
                                  neutral=neutral, min_events=min_events).networks(top=top)
        rows = [balance_summary(net, method=method, time_limit=time_limit, k=k) for net in nets]
        if fmt is BalanceFormat.jsonl:
            for r in rows:
                print(json.dumps(r, ensure_ascii=False))
            return
        render(pa.Table.from_pylist([
            {**{key: r[key] for key in ("group", "nodes", "edges", "frustration", "exact", "bound",
                                        "balanced_triangle_ratio", "seconds")},
             "blocs": " | ".join(",".join(b) for b in r["blocs"])} for r in rows]), OutputFormat.table)


def _edge_table(net: SignedNetwork) -> pa.Table:
    return pa.Table.from_pylist(
        [{"source": e.source, "target": e.target, "sign": e.sign, "weight": round(e.weight, 4),
          "net": None if e.net is None else round(e.net, 4), "events": e.events} for e in net.edges],
        schema=pa.schema([("source", pa.string()), ("target", pa.string()), ("sign", pa.int8()),
                          ("weight", pa.float64()), ("net", pa.float64()), ("events", pa.int64())]))
