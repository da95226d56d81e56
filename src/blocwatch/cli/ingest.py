"""``blocwatch ingest gdelt|icews|text|parquet``: data into the store, every line accounted for.

Each command builds one engine (:func:`blocwatch.engines.make_engine`) and calls one method; the
result is reported the same way whichever engine ran it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from blocwatch.cli import options as opt
from blocwatch.cli.app import ingest_app
from blocwatch.cli.render import RichProgress, plural, stderr, stdout
from blocwatch.engines import DuckDBEngine, make_engine
from blocwatch.ingest.results import IngestResult

__all__ = ["report_datasets", "report_text"]

TextPaths = Annotated[list[Path], typer.Argument(help=".txt, .jsonl or .html files, or folders.", show_default=False)]


def report_datasets(result: IngestResult, strict: bool, db: Path | None = None) -> int:
    """Print what a dataset ingest did, file by file and in total; the exit code."""
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
        f"read {plural(len(result.files), 'file')}, {plural(result.rows, 'row')}: "
        f"{plural(result.inserted, 'new event')}, {result.duplicates:,} already stored, "
        f"{result.quarantined:,} quarantined"
        + (f", {plural(len(result.errors), 'file')} not read" if result.errors else ""),
        highlight=False,
    )
    if result.quarantined:
        stdout.print("see them with: blocwatch quarantine", highlight=False)
    return 0 if result.ok and not (strict and result.quarantined) else 1


def report_text(result: IngestResult) -> int:
    """Print what a text ingest did; exit 1 when no document could be coded (every line quarantined)."""
    for f in result.files:
        if f.first_problem:
            line, reason = f.first_problem
            where = f"{f.file}:{line}" if line else f.file
            more = f" (+{f.quarantined - 1:,} more)" if f.quarantined > 1 else ""
            stderr.print(f"[yellow]quarantined:[/yellow] {where}: {reason}{more}", highlight=False)
    stdout.print(
        f"coded {result.documents:,} documents from {len(result.files):,} "
        f"file{'' if len(result.files) == 1 else 's'}: {result.events:,} events "
        f"({result.inserted:,} new, {result.duplicates:,} already stored), "
        f"{result.quarantined:,} lines quarantined", highlight=False)
    return 1 if result.quarantined and not result.documents else 0


@ingest_app.command("gdelt")
def ingest_gdelt(paths: opt.Paths, db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False,
                 engine: opt.EngineOption = opt.EngineName.duckdb, spark_master: opt.MasterOption = None,
                 out: opt.OutOption = None) -> int:
    """GDELT 1.0 or 2.0 event exports: tab or comma, with or without header, plain, .zip or .gz."""
    with make_engine(engine, db=db, master=spark_master, out=out) as runner, RichProgress() as progress:
        result = runner.ingest_files(paths, "gdelt", progress=progress)
    return report_datasets(result, strict)


@ingest_app.command("icews")
def ingest_icews(paths: opt.Paths, db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False) -> int:
    """ICEWS event files (Dataverse release or snake_case re-exports)."""
    with RichProgress() as progress:
        result = DuckDBEngine(db).ingest_files(paths, "icews", progress=progress)
    return report_datasets(result, strict)


@ingest_app.command("text")
def ingest_text(paths: TextPaths, db: opt.Db = opt.DEFAULT_DB, published: opt.PublishedOption = None,
                workers: opt.WorkersOption = 1, engine: opt.EngineOption = opt.EngineName.duckdb,
                spark_master: opt.MasterOption = None, out: opt.OutOption = None) -> int:
    """Code news text and store its events in the same table as imported datasets.

    Exits with 1 when no document could be coded (every line quarantined)."""
    default_date = opt.day_of(published, "default_date")
    with make_engine(engine, db=db, master=spark_master, out=out) as runner, RichProgress() as progress:
        result = runner.ingest_text(paths, default_date=default_date, workers=workers, progress=progress)
    return report_text(result)


@ingest_app.command("parquet")
def ingest_parquet(
    folders: Annotated[list[Path], typer.Argument(help="Run folders written by --engine spark --out.",
                                                  show_default=False)],
    db: opt.Db = opt.DEFAULT_DB, strict: Annotated[bool, typer.Option("--strict", help="Exit with 1 if any row was "
                                                              "quarantined.")] = False,
) -> int:
    """Runs of --engine spark into the store: their events, quarantined lines and ingest log, nothing twice."""
    return report_datasets(DuckDBEngine(db).import_runs(folders), strict)
