"""blocwatch's jobs on Apache Spark, for data larger than one machine.

:class:`SparkEngine` is the one object the command line builds for ``--engine spark``: it starts
a session for a master (``local[*]`` by default, or a cluster's) and runs the same jobs as the
DuckDB engine, from the same definitions (:mod:`blocwatch.spark.dialect` says how):

- :meth:`SparkEngine.ingest_files`: GDELT exports to a run folder of Parquet
  (:mod:`blocwatch.spark.ingest`; events, quarantine and the ingest log, in the store's schema);
- :meth:`SparkEngine.ingest_text` and :meth:`SparkEngine.code`: news documents coded by the plain
  coder on every executor (:mod:`blocwatch.spark.coding`);
- :meth:`SparkEngine.dyads` and :meth:`SparkEngine.relations`: dyad tables in Spark SQL
  (:mod:`blocwatch.spark.aggregate`).

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
from typing import TYPE_CHECKING

from blocwatch.spark.session import DEFAULT_MASTER, SparkUnavailable, spark_session

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession

    from blocwatch.aggregate import DyadQuery
    from blocwatch.coder.ingest import TextIngestResult
    from blocwatch.ingest.results import IngestResult
    from blocwatch.spark.coding import CodeResult

__all__ = ["DEFAULT_MASTER", "SparkEngine", "SparkUnavailable"]


class SparkEngine:
    """blocwatch's jobs on one Spark master.

    Parameters
    ----------
    master : str
        ``local[*]``, ``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``.
    driver_memory : str, optional
        Driver memory of a session this engine starts (local default 2 GiB).
    conf : dict, optional
        More Spark settings.

    The session starts with the first job; :meth:`close` (or leaving a ``with`` block) stops it if
    this engine started it. A session already running in the process (a test's, a notebook's) is
    used as it is and left running.
    """

    def __init__(self, master: str = DEFAULT_MASTER, *, driver_memory: str | None = None,
                 conf: dict[str, str] | None = None) -> None:
        self.master = master
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

    def ingest_files(self, paths: Iterable[str | Path], fmt: str, out: str | os.PathLike[str]) -> IngestResult:
        """Read dataset files (``fmt`` ``"gdelt"``) into the run folder ``out``; see :mod:`blocwatch.spark.ingest`."""
        from blocwatch.spark.ingest import SparkIngest

        return SparkIngest(self.spark).run(paths, fmt, os.fspath(out))

    def ingest_text(self, paths: Iterable[str | Path], out: str | os.PathLike[str], *,
                    default_date: date | None = None) -> TextIngestResult:
        """Code ``.jsonl`` and ``.parquet`` documents into the run folder ``out``."""
        from blocwatch.spark.coding import SparkCoding

        return SparkCoding(self.spark).ingest(paths, os.fspath(out), default_date)

    def code(self, paths: Iterable[str | Path], *, default_date: date | None = None) -> CodeResult:
        """Code documents and return their events (nothing is written)."""
        from blocwatch.spark.coding import SparkCoding

        return SparkCoding(self.spark).code(paths, default_date)

    def dyads(self, events: Iterable[str | os.PathLike[str]], query: DyadQuery) -> pa.Table:
        """The dyad table of the events in run folders ``events``."""
        from blocwatch.spark.aggregate import SparkDyads

        return SparkDyads(self.spark, events).table(query)

    def relations(self, events: Iterable[str | os.PathLike[str]], query: DyadQuery, alpha: float) -> pa.Table:
        """Relations (the dyad table with net cooperation) of the events in run folders ``events``."""
        from blocwatch.spark.aggregate import SparkDyads

        return SparkDyads(self.spark, events).relations(query, alpha)

    def write_dyads(self, events: Iterable[str | os.PathLike[str]], query: DyadQuery,
                    out: str | os.PathLike[str]) -> int:
        """Write the dyad table as Parquet to ``out`` (for tables too large to print); its rows."""
        from blocwatch.spark.aggregate import SparkDyads

        return SparkDyads(self.spark, events).write(query, out)
