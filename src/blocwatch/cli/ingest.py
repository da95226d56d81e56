"""``blocwatch ingest gdelt|icews|text|parquet``: data into the store, every line accounted for.

Each command builds one engine (:func:`blocwatch.engines.make_engine`) and calls one method; the
result is reported the same way whichever engine ran it.
"""

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from blocwatch.cli import options as opt
from blocwatch.cli.app import ingest_app
from blocwatch.cli.render import RichProgress, plural, stderr, stdout, term
from blocwatch.engines import DuckDBEngine, make_engine

if TYPE_CHECKING:
    from blocwatch.ingest.results import IngestResult

__all__ = ["report_datasets", "report_text"]

TextPaths = Annotated[list[Path], typer.Argument(help=".txt, .jsonl or .html files, or folders.", show_default=False)]


def report_datasets(result: "IngestResult", strict: bool, db: Path | None = None) -> int:
    """Print what a dataset ingest did, file by file and in total; the exit code."""
    for f in result.files:
        if f.message:
            stderr.print(f"[yellow]note:[/yellow] {term(f.file)}: {term(f.message)}", highlight=False)
        if f.error is not None:
            stderr.print(f"[red]error:[/red] {term(f.error)}", highlight=False)
        elif f.quarantined:
            line, reason = f.first_problem or (0, "")
            more = f" (+{f.quarantined - 1:,} more lines)" if f.quarantined > 1 else ""
            stderr.print(f"[yellow]quarantined:[/yellow] {term(f.file)}:{line}: {term(reason)}{more}", highlight=False)
        if f.error is None and f.rows and f.inserted + f.duplicates == 0:
            stderr.print(f"[red]error:[/red] {term(f.file)}: no row could be read as {f.format}", highlight=False)
    stdout.print(
        f"read {plural(len(result.files), 'file')}, {plural(result.rows, 'row')}: "
        f"{plural(result.inserted, 'new event')}, {result.duplicates:,} already stored, "
        f"{result.quarantined:,} quarantined"
        + (f", {plural(len(result.errors), 'file')} not read" if result.errors else ""),
        highlight=False,
    )
    for line in note_lines(result.notes):
        stdout.print(term(line), highlight=False)
    if result.quarantined:
        where = "" if db is None or db == opt.DEFAULT_DB else f" --db {shlex.quote(str(db))}"
        stdout.print(f"see them with: blocwatch quarantine{term(where)}", highlight=False)
    return 0 if result.ok and not (strict and result.quarantined) else 1


def note_lines(notes: dict[str, int]) -> list[str]:
    """How a mapped ingest read events and actors, in two lines.

    >>> note_lines({"event read as event name": 9, "actor slots: country": 12, "actor slots: named, no state": 6})
    ['events read as: event name 9', 'actor slots: country 12, named, no state 6 (67% resolved to a state)']
    """
    events = {k.removeprefix("event read as "): v for k, v in notes.items() if k.startswith("event read as ")}
    actors = {k.removeprefix("actor slots: "): v for k, v in notes.items() if k.startswith("actor slots: ")}
    out = []
    if events:
        ranked = sorted(events.items(), key=lambda kv: -kv[1])
        out.append("events read as: " + ", ".join(f"{k} {v:,}" for k, v in ranked))
    if actors:
        total = sum(actors.values())
        state = sum(v for k, v in actors.items() if not k.endswith("no state") and not k.endswith("not a state"))
        out.append("actor slots: " + ", ".join(f"{k} {v:,}" for k, v in sorted(actors.items(), key=lambda kv: -kv[1]))
                   + f" ({state / total:.0%} resolved to a state)")
    return out


def report_text(result: "IngestResult") -> int:
    """Print what a text ingest did; exit 1 when no document could be coded (every line quarantined)."""
    for f in result.files:
        if f.first_problem:
            line, reason = f.first_problem
            where = f"{f.file}:{line}" if line else f.file
            more = f" (+{f.quarantined - 1:,} more)" if f.quarantined > 1 else ""
            stderr.print(f"[yellow]quarantined:[/yellow] {term(where)}: {term(reason)}{more}", highlight=False)
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
    return report_datasets(result, strict, db if out is None else None)


@ingest_app.command("icews")
def ingest_icews(paths: opt.Paths, db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False) -> int:
    """ICEWS event files (Dataverse release or snake_case re-exports)."""
    with RichProgress() as progress:
        result = DuckDBEngine(db).ingest_files(paths, "icews", progress=progress)
    return report_datasets(result, strict, db)


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


MapOption = Annotated[str | None, typer.Option("--map", help="Which column holds each field: date=COL,source=COL,"
                                               "target=COL,event=COL[,id=COL,goldstein=COL,...] (docs/importing.md).")]
OriginOption = Annotated[str | None, typer.Option("--origin", help="Label of the events' origin [default: the "
                                                  "file's name up to its first dot].")]


@ingest_app.command("parquet")
def ingest_parquet(
    folders: Annotated[list[Path], typer.Argument(help="Run folders written by --engine spark --out, or with --map "
                                                  "Parquet files of any layout.", show_default=False)],
    db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False, map_: MapOption = None, origin: OriginOption = None,
) -> int:
    """Runs of --engine spark into the store (nothing twice); with --map, Parquet files of any layout."""
    if map_ is None:
        return report_datasets(DuckDBEngine(db).import_runs(folders), strict, db)
    from blocwatch.ingest.mapped import Profile, csv_profile

    profile = Profile("parquet", csv_profile(map_).fields, origin=origin)
    with RichProgress() as progress:
        result = DuckDBEngine(db).ingest_mapped(folders, profile, parquet=True, progress=progress)
    return report_datasets(result, strict, db)


@ingest_app.command("csv")
def ingest_csv(
    paths: opt.Paths,
    map_: Annotated[str, typer.Option("--map", help="Which column holds each field: date=COL,source=COL,target=COL,"
                                      "event=COL[,id=COL,goldstein=COL,...] (docs/importing.md).",
                                      show_default=False)],
    db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False, origin: OriginOption = None,
    delimiter: Annotated[str | None, typer.Option(help="Field separator: , ; tab or | [default: the header's "
                                                  "most frequent]")] = None,
    encoding: Annotated[str, typer.Option(help="utf-8, latin-1, or auto (each line UTF-8 if it is).")] = "utf-8",
    date_format: Annotated[str | None, typer.Option("--date-format", help="strptime format of the dates, tried "
                                                    "before the usual ones (e.g. %m/%d/%Y).")] = None,
) -> int:
    """Your own event table (CSV or TSV, plain, .gz or .zip): name which column holds each field."""
    from blocwatch.ingest.mapped import csv_profile

    sep = {"tab": "\t", "\\t": "\t"}.get(delimiter or "", delimiter)
    profile = csv_profile(map_, origin=origin, delimiter=sep, encoding=encoding, date_format=date_format)
    with RichProgress() as progress:
        result = DuckDBEngine(db).ingest_mapped(paths, profile, progress=progress)
    return report_datasets(result, strict, db)


@ingest_app.command("polecat")
def ingest_polecat(paths: opt.Paths, db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False) -> int:
    """POLECAT files from Harvard Dataverse (weekly ngecEvents.*.DV.txt, yearly zips of monthly files)."""
    from blocwatch.ingest.profiles import POLECAT

    with RichProgress() as progress:
        result = DuckDBEngine(db).ingest_mapped(paths, POLECAT, progress=progress)
    return report_datasets(result, strict, db)


@ingest_app.command("acled")
def ingest_acled(paths: opt.Paths, db: opt.Db = opt.DEFAULT_DB, strict: opt.Strict = False) -> int:
    """ACLED CSV exports: event types as PLOVER types, state forces as their states."""
    from blocwatch.ingest.profiles import ACLED

    with RichProgress() as progress:
        result = DuckDBEngine(db).ingest_mapped(paths, ACLED, progress=progress)
    return report_datasets(result, strict, db)
