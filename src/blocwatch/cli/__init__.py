"""The ``blocwatch`` command line: a thin layer over the library.

Each command opens one object, calls one method and prints the result. Errors in the
user's input (a bad file, option or store) print one line ``error: FILE:LINE: reason``
and exit with 1; anything else is a bug and exits with 2.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, NoReturn

import pyarrow as pa
import typer
from rich.markup import escape

from blocwatch import __version__
from blocwatch.aggregate import WINDOWS, DyadQuery, dyad_table, parse_countries, parse_date
from blocwatch.cli.coding import register as register_coder_commands
from blocwatch.cli.engines import (
    Engine,
    EngineOption,
    EventsOption,
    MasterOption,
    OutOption,
    check_engine,
    spark_engine,
)
from blocwatch.cli.engines import register as register_engine_commands
from blocwatch.cli.relations import register as register_relations_commands
from blocwatch.cli.render import OutputFormat, RichProgress, render, stderr, stdout
from blocwatch.cli.serve import register as register_serve_command
from blocwatch.errors import BlocwatchError
from blocwatch.ingest import IngestResult, ingest_files
from blocwatch.spark.session import DEFAULT_MASTER
from blocwatch.store import DEFAULT_STORE, WRITER_WAIT, EventStore, StoreStats

__all__ = ["app", "main"]

app = typer.Typer(
    name="blocwatch",
    help="Event data to an evidence-backed map of the balance of forces between states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
ingest_app = typer.Typer(help="Read event datasets into the store.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")

DbOption = Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file).")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
PathsArgument = Annotated[list[Path], typer.Argument(help="Files, folders or .zip/.gz archives.", show_default=False)]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit with 1 if any row is quarantined.")]


def _version(value: bool) -> None:
    if value:
        stdout.print(f"blocwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Event data to an evidence-backed map of the balance of forces between states."""


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# -- ingest -------------------------------------------------------------------------------


def _report_ingest(result: IngestResult, strict: bool) -> int:
    for f in result.files:
        if f.error is not None:
            stderr.print(f"[red]error:[/red] {f.error}", highlight=False)
        elif f.quarantined:
            line, reason = f.first_problem or (0, "")
            more = f" (+{f.quarantined - 1:,} more lines)" if f.quarantined > 1 else ""
            stderr.print(f"[yellow]quarantined:[/yellow] {f.file}:{line}: {reason}{more}", highlight=False)
        if f.error is None and f.rows and f.inserted + f.duplicates == 0:
            stderr.print(f"[red]error:[/red] {f.file}: no row could be read as {f.format}", highlight=False)
    stdout.print(
        f"read {_plural(len(result.files), 'file')}, {_plural(result.rows, 'row')}: "
        f"{_plural(result.inserted, 'new event')}, {result.duplicates:,} already stored, "
        f"{result.quarantined:,} quarantined"
        + (f", {_plural(len(result.errors), 'file')} not read" if result.errors else ""),
        highlight=False,
    )
    if result.quarantined:
        stdout.print("see them with: blocwatch quarantine", highlight=False)
    return 0 if result.ok and not (strict and result.quarantined) else 1


def _ingest(fmt: str, paths: list[Path], db: Path, strict: bool) -> int:
    with EventStore(db, wait=WRITER_WAIT) as store, RichProgress() as progress:
        result = ingest_files(store, paths, fmt, progress=progress)
    return _report_ingest(result, strict)


@ingest_app.command("gdelt")
def ingest_gdelt(paths: PathsArgument, db: DbOption = Path(DEFAULT_STORE), strict: StrictOption = False,
                 engine: EngineOption = Engine.duckdb, spark_master: MasterOption = DEFAULT_MASTER,
                 out: OutOption = None) -> int:
    """GDELT 1.0 or 2.0 event exports: tab or comma, with or without header, plain, .zip or .gz."""
    check_engine(engine, out=out, needs_out=True)
    if engine is Engine.spark:
        with spark_engine(spark_master) as spark:
            return _report_ingest(spark.ingest_files(paths, "gdelt", out), strict)
    return _ingest("gdelt", paths, db, strict)


@ingest_app.command("icews")
def ingest_icews(paths: PathsArgument, db: DbOption = Path(DEFAULT_STORE), strict: StrictOption = False) -> int:
    """ICEWS event files (Dataverse release or snake_case re-exports)."""
    return _ingest("icews", paths, db, strict)


# -- reading ------------------------------------------------------------------------------


def _stats_tables(stats: StoreStats) -> dict[str, pa.Table]:
    return {
        "origins": pa.Table.from_pylist(
            [{"origin": o.origin, "events": o.events, "first_date": o.first_date, "last_date": o.last_date}
             for o in stats.origins],
            schema=pa.schema([("origin", pa.string()), ("events", pa.int64()),
                              ("first_date", pa.date32()), ("last_date", pa.date32())]),
        ),
        "top dyads": pa.Table.from_pylist(
            [{"source": s, "target": t, "events": n} for s, t, n in stats.top_dyads],
            schema=pa.schema([("source", pa.string()), ("target", pa.string()), ("events", pa.int64())]),
        ),
        "quarantine": pa.Table.from_pylist(
            [{"reason": r, "lines": n} for r, n in stats.quarantine_reasons],
            schema=pa.schema([("reason", pa.string()), ("lines", pa.int64())]),
        ),
    }


@app.command()
def stats(db: DbOption = Path(DEFAULT_STORE), fmt: FormatOption = OutputFormat.table) -> None:
    """What the store holds: events by origin and date range, top dyads, quarantine."""
    with EventStore(db, read_only=True) as store:
        result = store.stats()
    tables = _stats_tables(result)
    if fmt is OutputFormat.table:
        stdout.print(
            f"[bold]{result.path}[/bold]: {result.events:,} events from {_plural(result.files, 'file')}, "
            f"{_plural(result.quarantined, 'quarantined line')}", highlight=False,
        )
        for title, table in tables.items():
            if table.num_rows:
                render(table, fmt, title=title)
    else:
        for title, table in tables.items():
            render(table.append_column("section", pa.array([title] * table.num_rows, pa.string())), fmt)


@app.command()
def dyads(
    db: DbOption = Path(DEFAULT_STORE),
    start: Annotated[str | None, typer.Option("--from", help="First date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (inclusive), same forms.")] = None,
    countries: Annotated[str | None, typer.Option(help="Comma-separated ISO alpha-3 codes, e.g. USA,RUS,PRK.")] = None,
    window: Annotated[str, typer.Option(help=f"One of {', '.join(WINDOWS)}.")] = "month",
    domestic: Annotated[bool, typer.Option("--domestic", help="Include a state's events with itself.")] = False,
    fmt: FormatOption = OutputFormat.table,
    engine: EngineOption = Engine.duckdb, spark_master: MasterOption = DEFAULT_MASTER, events: EventsOption = None,
) -> None:
    """Directed dyads per window: events, sum and mean Goldstein, counts per quad class."""
    check_engine(engine, events=events, needs_events=True)
    query = DyadQuery(
        window=window,
        countries=parse_countries(countries),
        start=parse_date(start, option="--from"),
        end=parse_date(end, end=True, option="--to"),
        include_domestic=domestic,
    )
    if engine is Engine.spark:
        with spark_engine(spark_master) as spark:
            table = spark.dyads(events or [], query)
    else:
        with EventStore(db, read_only=True) as store:
            table = dyad_table(store.con, query)
    render(table, fmt)


@app.command()
def quarantine(
    db: DbOption = Path(DEFAULT_STORE),
    file: Annotated[str | None, typer.Option(help="Only lines of files whose name contains this.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many lines (0 for all).")] = 50,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Lines that did not become events, with file, line number and reason."""
    with EventStore(db, read_only=True) as store:
        table = store.quarantined(file_contains=file, limit=limit or None)
    render(table, fmt)


@app.command()
def report(
    db: DbOption = Path(DEFAULT_STORE),
    out: Annotated[Path, typer.Option(help="HTML file to write.")] = Path("report.html"),
    countries: Annotated[str | None, typer.Option(help="Comma-separated ISO alpha-3 codes (default: the ten "
                                                  "most active states).")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
    figures: Annotated[Path | None, typer.Option(help="Also write every chart as PNG and SVG into this "
                                                 "folder.")] = None,
    evidence: Annotated[int, typer.Option(min=1, help="Events kept as evidence per pair and month.")] = 20,
) -> None:
    """Write a self-contained HTML report (works offline): findings, timelines, blocs, tension, evidence."""
    from blocwatch.report import ReportOptions, write_report

    options = ReportOptions(
        countries=parse_countries(countries),
        start=parse_date(start, option="--from"),
        end=parse_date(end, end=True, option="--to"),
        evidence=evidence,
        figures=figures,
    )
    with EventStore(db, read_only=True) as store, RichProgress() as progress:
        summary = write_report(store, out, options, progress=progress)
    stdout.print(summary.text(), highlight=False)


register_coder_commands(app, ingest_app)
register_relations_commands(app)
register_serve_command(app)
register_engine_commands(app, ingest_app)


# -- entry point ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the command line; exit 0 on success, 1 on bad input or usage, 2 on internal errors."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="blocwatch", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except typer.TyperException as exc:  # usage errors
        from typer import rich_utils

        rich_utils.rich_format_error(exc)  # type: ignore[arg-type]
        code = 1
    except typer.Abort:
        code = 1
    except BlocwatchError as exc:
        stderr.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)  # "[spark]" is text, not markup
        code = 1
    except OSError as exc:
        stderr.print(f"[red]error:[/red] {exc.filename or ''}: {exc.strerror or exc}", highlight=False)
        code = 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        stderr.print(f"[red]internal error:[/red] {type(exc).__name__}: {exc}", highlight=False)
        if os.environ.get("BLOCWATCH_DEBUG"):
            traceback.print_exc()
        else:
            stderr.print("this is a bug in blocwatch; run with BLOCWATCH_DEBUG=1 for a traceback", highlight=False)
        code = 2
    sys.exit(code)
