"""Dyad tables and relations in Spark SQL, from the one definition the DuckDB engine runs.

:meth:`blocwatch.dyads.DyadQuery.sql` is written in the SQL both engines read; Spark runs it
(through :func:`blocwatch.spark.dialect.spark_sql`) over the ``events`` Parquet of one or more
runs, and :func:`blocwatch.analysis.cooperation.add_net` turns the dyad table into relations, as
:meth:`blocwatch.relations.Relations.table` does on a store.

Examples
--------
>>> events_path("s3a://bucket/blocwatch/2025-01-03")
's3a://bucket/blocwatch/2025-01-03/events'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from blocwatch.dyads import DYAD_COLUMNS, DyadQuery
from blocwatch.errors import InputError, ParameterError
from blocwatch.spark.dialect import spark_sql
from blocwatch.spark.output import is_uri

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkDyads", "events_path"]


def events_path(path: str | os.PathLike[str]) -> str:
    """The events of a run folder (``OUT/events``), or ``path`` itself when it is already events Parquet.

    A URI (or a glob such as ``s3a://bucket/gdelt/*``) names a run folder unless it ends in ``events``
    or ``.parquet``.
    """
    text = os.fspath(path)
    if is_uri(text) or any(ch in text for ch in "*?["):
        text = text.rstrip("/")
        return text if text.endswith(("/events", ".parquet")) else f"{text}/events"
    local = Path(text)
    if (local / "events").is_dir():
        return str((local / "events").resolve())
    if local.exists():
        return str(local.resolve())
    raise InputError("no such run folder or events Parquet (give what the spark engine wrote to its run folder)",
                     file=text)


class SparkDyads:
    """Dyad tables of events stored as Parquet, computed by Spark.

    Parameters
    ----------
    spark : SparkSession
    events : iterable of path
        Run folders (or events Parquet files or folders, or URIs and globs of them).
    """

    def __init__(self, spark: SparkSession, events: Iterable[str | os.PathLike[str]]) -> None:
        self.spark = spark
        self.paths = [events_path(p) for p in events]
        if not self.paths:
            raise ParameterError("events", "give the run folder(s) that the spark engine wrote")

    def view(self, name: str = "events") -> DataFrame:
        """The events as a Spark view called ``name``."""
        df = self.spark.read.parquet(*self.paths)
        df.createOrReplaceTempView(name)
        return df

    def frame(self, query: DyadQuery) -> DataFrame:
        """The dyad table as a Spark DataFrame (for writing, or for more Spark SQL)."""
        self.view("_bw_events")
        return self.spark.sql(spark_sql(query.sql(table="_bw_events")))

    def table(self, query: DyadQuery) -> pa.Table:
        """The dyad table, collected: the columns of :data:`blocwatch.dyads.DYAD_COLUMNS`."""
        table = self.frame(query).toArrow().select(list(DYAD_COLUMNS))
        # Spark marks counts NOT NULL; the table is the DuckDB engine's, nullable like it
        return table.cast(pa.schema([pa.field(f.name, f.type) for f in table.schema]))

    def relations(self, query: DyadQuery, alpha: float) -> pa.Table:
        """The dyad table with net cooperation, as :meth:`blocwatch.relations.Relations.table` gives it."""
        from blocwatch.analysis.cooperation import add_net

        return add_net(self.table(query), alpha)

    def write(self, query: DyadQuery, out: str | os.PathLike[str]) -> int:
        """Write the dyad table as Parquet to ``out``; the number of rows."""
        df = self.frame(query)
        target = os.fspath(out) if is_uri(os.fspath(out)) else os.path.abspath(out)
        df.write.mode("errorifexists").parquet(target)
        return self.spark.read.parquet(target).count()
