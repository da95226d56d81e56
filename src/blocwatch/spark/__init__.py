"""blocwatch's jobs on Apache Spark, for data larger than one machine.

:class:`SparkEngine` is the one object the command line builds for ``--engine spark``: it starts
a session for a master (``local[*]`` by default, or a cluster's) and runs the same jobs as the
DuckDB engine (:class:`blocwatch.engines.DuckDBEngine`, the same methods and results), from the
same definitions (:mod:`blocwatch.spark.dialect` says how):

- :meth:`SparkEngine.ingest_files`: GDELT exports to a run folder of Parquet
  (:mod:`blocwatch.spark.ingest`; events, quarantine and the ingest log, in the store's schema);
- :meth:`SparkEngine.ingest_text` and :meth:`SparkEngine.code`: news documents coded by the plain
  coder on every executor (:mod:`blocwatch.spark.coding`);
- :meth:`SparkEngine.dyads` and :meth:`SparkEngine.relations`: dyad tables in Spark SQL
  (:mod:`blocwatch.spark.aggregate`);
- :meth:`SparkEngine.balance`: structural balance of every window, each window's network solved on
  an executor (:mod:`blocwatch.spark.structure`);
- :meth:`SparkEngine.shifts`: the tested shifts of every pair, the monthly table in Spark SQL and
  the test on the driver (:mod:`blocwatch.spark.shifts`).

``blocwatch ingest parquet OUT`` (:func:`blocwatch.ingest.parquet.import_parquet`) brings a run
folder into a DuckDB store, where analysis, report and app read it as any other events.
pyspark is optional (``pip install 'blocwatch[spark]'``); nothing here imports it before a
session is started. ``docs/scaling.md`` says how to run on a cluster.

Examples
--------
>>> engine = SparkEngine("local[2]")   # nothing starts until a job runs
>>> engine.master
'local[2]'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocwatch.errors import InputError, ParameterError
from blocwatch.spark.session import DEFAULT_MASTER, SparkUnavailable, spark_session

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

    from blocwatch.analysis.shifts import Shift
    from blocwatch.dyads import DyadQuery
    from blocwatch.ingest.results import IngestResult
    from blocwatch.ingest.text import CodeResult
    from blocwatch.progress import Progress
    from blocwatch.relations import RelationsOptions

__all__ = ["DEFAULT_MASTER", "SparkEngine", "SparkUnavailable"]


class SparkEngine:
    """blocwatch's jobs on one Spark master.

    Parameters
    ----------
    master : str
        ``local[*]``, ``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``.
    out : path, optional
        The run folder ingests write (events, quarantine, ingests as Parquet).
    events : list of paths, optional
        Run folders (URIs and globs too) the tables read.
    driver_memory : str, optional
        Driver memory of a session this engine starts (local default 2 GiB).
    conf : dict, optional
        More Spark settings.

    The session starts with the first job; :meth:`close` (or leaving a ``with`` block) stops it if
    this engine started it. A session already running in the process (a test's, a notebook's) is
    used as it is and left running.
    """

    def __init__(self, master: str = DEFAULT_MASTER, *, out: str | os.PathLike[str] | None = None,
                 events: Iterable[str | os.PathLike[str]] | None = None, driver_memory: str | None = None,
                 conf: dict[str, str] | None = None) -> None:
        self.master = master
        self.out = out
        self.events = list(events or [])
        self.driver_memory = driver_memory
        self.conf = conf
        self._spark: SparkSession | None = None
        self._owned = False

    @property
    def spark(self) -> SparkSession:
        """The session (started on first use)."""
        if self._spark is None:
            from blocwatch.spark.session import require_pyspark

            require_pyspark()
            from pyspark.sql import SparkSession

            self._owned = SparkSession.getActiveSession() is None
            self._spark = spark_session(self.master, driver_memory=self.driver_memory, conf=self.conf)
        return self._spark

    def close(self) -> None:
        """Stop the session if this engine started it."""
        if self._spark is not None and self._owned:
            self._spark.stop()
        self._spark = None

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _out(self) -> str:
        if self.out is None:
            raise ParameterError("out", "the spark engine writes a run folder: give one, then `blocwatch ingest "
                                 "parquet FOLDER` brings it into a store")
        return os.fspath(self.out)

    def _events(self) -> list[str | os.PathLike[str]]:
        if not self.events:
            raise ParameterError("events", "the spark engine reads run folders: give the folder(s) it wrote")
        return self.events

    def ingest_files(self, paths: Iterable[str | Path], fmt: str, *,
                     progress: Progress | None = None) -> IngestResult:
        """Read dataset files (``fmt`` ``"gdelt"``) into the run folder; see :mod:`blocwatch.spark.ingest`."""
        from blocwatch.spark.ingest import SparkIngest

        out = self._out()  # before a session starts
        return SparkIngest(self.spark).run(paths, fmt, out)

    def ingest_text(self, paths: Iterable[str | Path], *, default_date: date | None = None, workers: int = 1,
                    progress: Progress | None = None) -> IngestResult:
        """Code ``.jsonl`` and ``.parquet`` documents into the run folder (the executors are the workers)."""
        from blocwatch.spark.coding import SparkCoding
        from blocwatch.spark.output import is_uri

        out = self._out()  # before a session starts
        paths = list(paths)
        for path in paths:
            if not is_uri(str(path)) and not Path(path).exists():
                raise InputError("no such file or folder", file=str(path))
        return SparkCoding(self.spark).ingest(paths, out, default_date)

    def code(self, paths: Iterable[str | Path], *, default_date: date | None = None, workers: int = 1,
             progress: Progress | None = None) -> CodeResult:
        """Code documents and return their events (nothing is written)."""
        from blocwatch.spark.coding import SparkCoding

        return SparkCoding(self.spark).code(paths, default_date)

    def dyads(self, query: DyadQuery) -> pa.Table:
        """The dyad table of the events in the run folders."""
        from blocwatch.spark.aggregate import SparkDyads

        events = self._events()  # before a session starts
        return SparkDyads(self.spark, events).table(query)

    def relations(self, query: DyadQuery, alpha: float) -> pa.Table:
        """Relations (the dyad table with net cooperation) of the events in the run folders."""
        from blocwatch.spark.aggregate import SparkDyads

        events = self._events()  # before a session starts
        return SparkDyads(self.spark, events).relations(query, alpha)

    def balance(self, options: RelationsOptions, *, window: str = "month", top: int | None = None,
                method: str = "auto", time_limit: float = 30.0, k: int | None = None,
                progress: Progress | None = None) -> list[dict[str, Any]]:
        """Structural balance of each window's network of the events in the run folders, as
        :meth:`blocwatch.relations.Relations.balance` gives it (``progress`` is not told: the
        windows are solved at once, on the executors)."""
        from blocwatch.spark.structure import spark_balance

        events = self._events()  # before a session starts
        return spark_balance(self.spark, events, options, window=window, start=options.query.start,
                             end=options.query.end, top=top, method=method, time_limit=time_limit, k=k)

    def shifts(self, options: RelationsOptions, start: date, end: date, *, split: date | None = None,
               limit: int | None = 20, every: bool = False, evidence: int = 5) -> list[Shift]:
        """Tested shifts of the events in the run folders, as
        :meth:`blocwatch.relations.Relations.shifts` lists them, without drivers (``evidence`` is
        not used: see :mod:`blocwatch.spark.shifts`)."""
        from blocwatch.spark.shifts import spark_shifts

        events = self._events()  # before a session starts
        return spark_shifts(self.spark, events, options, start, end, split=split, limit=limit, every=every)

    def write_dyads(self, query: DyadQuery, out: str | os.PathLike[str]) -> int:
        """Write the dyad table as Parquet to ``out`` (for tables too large to print); its rows."""
        from blocwatch.spark.aggregate import SparkDyads

        return SparkDyads(self.spark, self._events()).write(query, out)
