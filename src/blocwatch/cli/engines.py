"""Choosing the engine on the command line (``--engine duckdb|spark``), and ``ingest parquet``.

With ``--engine spark`` a command builds one :class:`blocwatch.spark.SparkEngine` for
``--spark-master`` and calls one of its methods: ingests write a run folder (``--out``) that
``blocwatch ingest parquet`` brings into a store, and ``dyads`` and ``relations`` read run folders
(``--events``). A missing pyspark or Java is a one-line error, like any bad input.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from blocwatch.errors import InputError
from blocwatch.store import DEFAULT_STORE, WRITER_WAIT, EventStore

__all__ = ["Engine", "EngineOption", "EventsOption", "MasterOption", "OutOption", "check_engine", "register",
           "spark_engine"]


class Engine(enum.StrEnum):
    """Where a command runs: the embedded DuckDB store, or Apache Spark."""

    duckdb = "duckdb"
    spark = "spark"


EngineOption = Annotated[Engine, typer.Option("--engine", help="duckdb (the store, one machine) or spark "
                                              "(pip install 'blocwatch\\[spark]'; Java 17).")]
MasterOption = Annotated[str, typer.Option("--spark-master", help="With --engine spark: local[*], local[2], "
                                           "spark://host:7077, yarn ...")]
OutOption = Annotated[Path | None, typer.Option("--out", help="With --engine spark: the run folder to write "
                                                "(events, quarantine, ingests as Parquet); then `blocwatch ingest "
                                                "parquet` it into a store.")]
EventsOption = Annotated[list[str] | None, typer.Option("--events", help="With --engine spark: a run folder "
                                                        "written by --engine spark (repeat for more; URIs and "
                                                        "globs too).")]


def check_engine(engine: Engine, *, out: Path | None = None, events: list[str] | None = None,
                 needs_out: bool = False, needs_events: bool = False) -> None:
    """Refuse options that do not go with the engine, before anything starts.

    Examples
    --------
    >>> check_engine(Engine.duckdb, out=Path("run"))
    Traceback (most recent call last):
    ...
    blocwatch.errors.InputError: --out is for --engine spark (the DuckDB engine writes to --db)
    """
    if engine is Engine.duckdb:
        if out is not None:
            raise InputError("--out is for --engine spark (the DuckDB engine writes to --db)")
        if events:
            raise InputError("--events is for --engine spark (the DuckDB engine reads --db)")
        return
    if needs_out and out is None:
        raise InputError("--engine spark writes a run folder: give --out FOLDER, then `blocwatch ingest parquet "
                         "FOLDER` to bring it into a store")
    if needs_events and not events:
        raise InputError("--engine spark reads run folders: give --events FOLDER (what --engine spark wrote "
                         "with --out)")


def spark_engine(master: str):  # noqa: ANN201 - a SparkEngine; imported late so the CLI starts fast
    """The engine for ``--spark-master``."""
    from blocwatch.spark import SparkEngine

    return SparkEngine(master)


def register(app: typer.Typer, ingest_app: typer.Typer) -> None:
    """Add ``ingest parquet`` to the command line."""

    @ingest_app.command("parquet")
    def ingest_parquet(
        folders: Annotated[list[Path], typer.Argument(help="Run folders written by --engine spark --out.",
                                                      show_default=False)],
        db: Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file).")] = Path(DEFAULT_STORE),
        strict: Annotated[bool, typer.Option("--strict", help="Exit with 1 if any row was quarantined.")] = False,
    ) -> int:
        """Runs of --engine spark into the store: their events, quarantined lines and ingest log, nothing twice."""
        from blocwatch.cli import _report_ingest
        from blocwatch.ingest.parquet import import_parquet
        from blocwatch.ingest.results import IngestResult

        for folder in folders:  # before the store is created
            if not folder.is_dir():
                raise InputError("no such run folder", file=str(folder))
        files = []
        with EventStore(db, wait=WRITER_WAIT) as store:  # waits for another writer, as every ingest does
            for folder in folders:
                files.extend(import_parquet(store, folder).files)
        return _report_ingest(IngestResult(files), strict)
