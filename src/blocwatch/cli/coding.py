"""Command-line commands of the event coder: ``code``, ``ingest text`` and ``eval``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer

from blocwatch.aggregate import parse_date
from blocwatch.cli.engines import Engine, EngineOption, MasterOption, OutOption, check_engine, spark_engine
from blocwatch.cli.render import OutputFormat, RichProgress, render, stderr, stdout
from blocwatch.errors import InputError
from blocwatch.spark.session import DEFAULT_MASTER
from blocwatch.store import DEFAULT_STORE, WRITER_WAIT, EventStore

__all__ = ["register"]

DateOption = Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) of documents "
                                                "that give none, such as .txt files.")]
WorkersOption = Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes to code in.")]
_TABLE_COLUMNS = ["date", "date_precision", "source", "target", "cameo", "plover", "mode", "doc_id",
                  "evidence_text"]


def _default_gold() -> Path:
    shared = os.environ.get("BLOCWATCH_SHARED_DATA")
    return Path(shared) / "coder-eval" if shared else Path("..") / "shared" / "data" / "coder-eval"


def register(app: typer.Typer, ingest_app: typer.Typer) -> None:
    """Add the coder's commands to the command line."""

    @app.command("code")
    def code(
        paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl or .html files, or folders.",
                                                    show_default=False)],
        date_: DateOption = None,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.jsonl,
        workers: WorkersOption = 1,
        engine: EngineOption = Engine.duckdb,
        spark_master: MasterOption = DEFAULT_MASTER,
    ) -> int:
        """Code news text into events and print them (nothing is stored)."""
        from blocwatch.coder import Coder, Problem, read_documents
        from blocwatch.coder.ingest import events_table

        published = parse_date(date_, option="--date") if date_ else None
        if engine is Engine.spark:  # .jsonl and .parquet documents, coded on Spark's executors
            with spark_engine(spark_master) as spark:
                coded = spark.code(paths, default_date=published)
            table, problems, undated_files, count = coded.events, coded.problems, coded.undated, coded.documents
            documents = None
        else:
            items = list(read_documents(paths, published))
            documents = [d for d in items if not isinstance(d, Problem)]
            problems = [p for p in items if isinstance(p, Problem)]
            undated_files = [d.file or d.id for d in documents if d.date is None]
            count = len(documents)
        for p in problems:
            where = f"{p.file}:{p.line}" if p.line else p.file
            stderr.print(f"[yellow]skipped:[/yellow] {where}: {p.reason}", highlight=False)
        if undated_files:
            stderr.print(f"[yellow]warning:[/yellow] {len(undated_files):,} document(s) without a publication date "
                         f"(first: {undated_files[0]}); their events are undated: give --date", highlight=False)
        if documents is not None:
            coder = Coder.load()
            events = []
            with RichProgress() as progress:
                progress.start("coding", total=len(documents))
                for _, evs in coder.code_many(documents, workers=workers, progress=progress):
                    events.extend(evs)
            table = events_table(events)
        if fmt is OutputFormat.table:
            table = table.select(_TABLE_COLUMNS)
        render(table, fmt)
        return 1 if problems and not count else 0

    @ingest_app.command("text")
    def ingest_text_command(
        paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl or .html files, or folders.",
                                                    show_default=False)],
        db: Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file).")] = Path(DEFAULT_STORE),
        date_: DateOption = None,
        workers: WorkersOption = 1,
        engine: EngineOption = Engine.duckdb,
        spark_master: MasterOption = DEFAULT_MASTER,
        out: OutOption = None,
    ) -> int:
        """Code news text and store its events in the same table as imported datasets.

        Exits with 1 when no document could be coded (every line quarantined)."""
        from blocwatch.coder.ingest import ingest_text

        check_engine(engine, out=out, needs_out=True)
        published = parse_date(date_, option="--date") if date_ else None
        for path in paths:  # before the store is created or the model loaded
            if not path.exists():
                raise InputError("no such file or folder", file=str(path))
        if engine is Engine.spark:
            with spark_engine(spark_master) as spark:
                result = spark.ingest_text(paths, out, default_date=published)
        else:
            with EventStore(db, wait=WRITER_WAIT) as store, RichProgress() as progress:
                result = ingest_text(store, paths, default_date=published, workers=workers, progress=progress)
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
        return 1 if result.quarantined and not result.documents else 0  # as `code`: nothing could be coded

    @app.command("eval")
    def evaluate_command(
        data: Annotated[Path | None, typer.Option("--data", help="Folder of gold sets "
                                                  "(default: ../shared/data/coder-eval).")] = None,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    ) -> int:
        """Score the coder on the gold-standard sets: triples F1, PLOVER types, source states."""
        from blocwatch.coder.evaluate import evaluate

        folder = data or _default_gold()
        if not folder.is_dir():
            raise InputError("gold sets not found; give their folder with --data", file=str(folder))
        with RichProgress() as progress:
            scores = evaluate(folder, progress=progress)
        render(pa.Table.from_pylist([s.as_dict() for s in scores]), fmt, title="coder accuracy")
        if fmt is OutputFormat.table:
            for s in scores:
                if s.confusion:
                    rows = [{"gold root": g, "coded root": c, "events": n}
                            for (g, c), n in sorted(s.confusion.items(), key=lambda kv: (-kv[1], kv[0]))[:15]]
                    render(pa.Table.from_pylist(rows), fmt, title=f"{s.name}: gold vs coded root ('--' = none)")
        return 0
