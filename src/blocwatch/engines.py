"""Where jobs run: the embedded DuckDB store, or Apache Spark. One interface, two engines.

Both engines offer the same methods with the same arguments and results, so a caller (the
command line, a script) builds one engine and calls one method whichever runs:

- ``ingest_files(paths, fmt)`` and ``ingest_text(paths)``: an :class:`~blocwatch.ingest.IngestResult`;
- ``code(paths)``: a :class:`~blocwatch.ingest.text.CodeResult` (nothing stored);
- ``dyads(query)`` and ``relations(query, alpha)``: an Arrow table;
- ``balance(options, window=...)``: one structural-balance row per window (on Spark, each window's
  network is solved by an executor);
- ``shifts(options, start, end)``: the tested shifts (:mod:`blocwatch.shiftjob`; on Spark without
  their drivers).

:class:`DuckDBEngine` reads and writes a store file; :class:`blocwatch.spark.SparkEngine` writes a
run folder (``out``) that :func:`blocwatch.ingest.import_parquet` brings into a store, and reads
run folders (``events``).

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "s.duckdb")
>>> EventStore(path).close()   # a new, empty store
>>> engine = make_engine("duckdb", db=path)
>>> engine.dyads(DyadQuery()).num_rows
0
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.errors import ParameterError
from blocwatch.store import WRITER_WAIT, EventStore

if TYPE_CHECKING:
    import pyarrow as pa

    from blocwatch.analysis.shifts import Shift
    from blocwatch.ingest.mapped import Profile
    from blocwatch.ingest.results import IngestResult
    from blocwatch.ingest.text import CodeResult
    from blocwatch.progress import Progress
    from blocwatch.relations import RelationsOptions

__all__ = ["ENGINES", "DuckDBEngine", "Engine", "make_engine"]

#: The engines a job can run on.
ENGINES = ("duckdb", "spark")


class Engine(Protocol):
    """What every engine offers (see the module docstring)."""

    def ingest_files(self, paths: Iterable[str | Path], fmt: str, *,
                     progress: Progress | None = None) -> IngestResult: ...

    def ingest_text(self, paths: Iterable[str | Path], *, default_date: date | None = None, workers: int = 1,
                    progress: Progress | None = None) -> IngestResult: ...

    def code(self, paths: Iterable[str | Path], *, default_date: date | None = None, workers: int = 1,
             progress: Progress | None = None) -> CodeResult: ...

    def dyads(self, query: DyadQuery) -> pa.Table: ...

    def relations(self, query: DyadQuery, alpha: float) -> pa.Table: ...
    def balance(self, options: RelationsOptions, *, window: str = "month", top: int | None = None,
                method: str = "auto", time_limit: float = 30.0, k: int | None = None,
                progress: Progress | None = None) -> list[dict[str, Any]]: ...

    def shifts(self, options: RelationsOptions, start: date, end: date, *, split: date | None = None,
               limit: int | None = 20, every: bool = False, evidence: int = 5) -> list[Shift]: ...

    def close(self) -> None: ...


class DuckDBEngine:
    """Jobs on one machine, in the DuckDB store ``db``.

    Parameters
    ----------
    db : path
        The store. Ingests open it for writing (waiting up to ``wait`` seconds for another
        writer); tables open it read-only.
    wait : float
        Seconds an ingest waits for a store another process holds.
    """

    def __init__(self, db: str | os.PathLike[str], *, wait: float = WRITER_WAIT) -> None:
        self.db = Path(db)
        self.wait = wait

    def close(self) -> None:
        """Nothing to release: each job opens and closes the store."""

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest_files(self, paths: Iterable[str | Path], fmt: str, *,
                     progress: Progress | None = None) -> IngestResult:
        """Dataset files into the store (:func:`blocwatch.ingest.ingest_files`; ICEWS files that lack
        some columns by :func:`blocwatch.ingest.profiles.ingest_icews`)."""
        from blocwatch.ingest import ingest_files
        from blocwatch.ingest.profiles import ingest_icews

        paths = _existing(paths)
        with EventStore(self.db, wait=self.wait) as store:
            if fmt == "icews":
                return ingest_icews(store, paths, progress=progress)
            return ingest_files(store, paths, fmt, progress=progress)

    def ingest_mapped(self, paths: Iterable[str | Path], profile: Profile, *, parquet: bool = False,
                      progress: Progress | None = None) -> IngestResult:
        """Delimited (or, with ``parquet``, Parquet) files of any layout, read through ``profile``'s field
        map (:mod:`blocwatch.ingest.mapped`)."""
        from blocwatch.ingest.mapped import ingest_mapped, ingest_mapped_parquet

        paths = _existing(paths)
        read = ingest_mapped_parquet if parquet else ingest_mapped
        with EventStore(self.db, wait=self.wait) as store:
            return read(store, paths, profile, progress=progress)

    def ingest_text(self, paths: Iterable[str | Path], *, default_date: date | None = None, workers: int = 1,
                    progress: Progress | None = None) -> IngestResult:
        """News documents coded into the store (:func:`blocwatch.ingest.ingest_text`)."""
        from blocwatch.ingest.text import ingest_text

        paths = _existing(paths)  # before the store is created or the model loaded
        with EventStore(self.db, wait=self.wait) as store:
            return ingest_text(store, paths, default_date=default_date, workers=workers, progress=progress)

    def import_runs(self, folders: Iterable[str | Path]) -> IngestResult:
        """Run folders of the Spark engine into the store (:func:`blocwatch.ingest.import_parquet`)."""
        from blocwatch.errors import InputError
        from blocwatch.ingest import IngestResult, import_parquet

        folders = [Path(f) for f in folders]
        for folder in folders:  # before the store is created
            if not folder.is_dir():
                raise InputError("no such run folder", file=str(folder))
        files = []
        with EventStore(self.db, wait=self.wait) as store:
            for folder in folders:
                files.extend(import_parquet(store, folder).files)
        return IngestResult(files)

    def code(self, paths: Iterable[str | Path], *, default_date: date | None = None, workers: int = 1,
             progress: Progress | None = None) -> CodeResult:
        """Documents coded, nothing stored (:func:`blocwatch.ingest.text.code_documents`)."""
        from blocwatch.ingest.text import code_documents

        return code_documents(paths, default_date=default_date, workers=workers, progress=progress)

    def dyads(self, query: DyadQuery) -> pa.Table:
        """The dyad table of the store's events."""
        with EventStore(self.db, read_only=True) as store:
            return dyad_table(store.con, query)

    def relations(self, query: DyadQuery, alpha: float) -> pa.Table:
        """The dyad table with net cooperation (:meth:`blocwatch.relations.Relations.table`)."""
        from blocwatch.relations import Relations, RelationsOptions

        with EventStore(self.db, read_only=True) as store:
            return Relations(store, RelationsOptions(query=query, alpha=alpha)).table()

    def balance(self, options: RelationsOptions, *, window: str = "month", top: int | None = None,
                method: str = "auto", time_limit: float = 30.0, k: int | None = None,
                progress: Progress | None = None) -> list[dict[str, Any]]:
        """Structural balance of each window's network (:meth:`blocwatch.relations.Relations.balance`)."""
        from blocwatch.relations import Relations

        with EventStore(self.db, read_only=True) as store:
            return Relations(store, options).balance(window=window, top=top, method=method, time_limit=time_limit,
                                                     k=k, progress=progress)

    def shifts(self, options: RelationsOptions, start: date, end: date, *, split: date | None = None,
               limit: int | None = 20, every: bool = False, evidence: int = 5) -> list[Shift]:
        """Tested shifts of the store's events, with their drivers
        (:meth:`blocwatch.relations.Relations.shifts`)."""
        from blocwatch.relations import Relations

        with EventStore(self.db, read_only=True) as store:
            return Relations(store, options).shifts(start, end, split=split, limit=limit, every=every,
                                                    evidence=evidence)


def _existing(paths: Iterable[str | Path]) -> list[Path]:
    from blocwatch.errors import InputError

    out = [Path(p) for p in paths]
    for path in out:
        if not path.exists():
            raise InputError("no such file or folder", file=str(path))
    return out


def make_engine(name: str, *, db: str | os.PathLike[str] | None = None, master: str | None = None,
                out: str | os.PathLike[str] | None = None, events: Sequence[str] | None = None,
                **options: Any) -> Engine:
    """The engine ``name`` (``duckdb`` or ``spark``) for a store or a Spark master.

    Parameters
    ----------
    db : path
        The DuckDB engine's store.
    master, out, events
        The Spark engine's master, the run folder its ingests write, the run folders its tables read.

    Raises
    ------
    ParameterError
        An unknown engine, or an option that belongs to the other engine.
    """
    if name == "duckdb":
        if out is not None:
            raise ParameterError("out", "is for the spark engine (the DuckDB engine writes to its store)")
        if events:
            raise ParameterError("events", "is for the spark engine (the DuckDB engine reads its store)")
        if db is None:
            raise ParameterError("db", "the DuckDB engine needs a store")
        return DuckDBEngine(db, **options)
    if name == "spark":
        from blocwatch.spark import DEFAULT_MASTER, SparkEngine

        return SparkEngine(master or DEFAULT_MASTER, out=out, events=events, **options)
    raise ParameterError("engine", f"choose one of {', '.join(ENGINES)}, not {name!r}")
