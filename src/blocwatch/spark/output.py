"""What a Spark job writes: the store's own tables as Parquet, in one folder per run.

A run's folder (``--out``) holds three Parquet datasets with exactly the columns and types of the
store's tables (:mod:`blocwatch.schema`), so that ``blocwatch ingest parquet`` (or DuckDB's
``read_parquet``) takes them as they are::

    OUT/events/part-*.parquet       the events table (sorted by date within each file)
    OUT/quarantine/part-*.parquet   lines that did not become events, with file, line and reason
    OUT/ingests/part-*.parquet      one row per file read: the line accounting (written last)

``ingest_id`` numbers the run's ``ingests`` rows from 1; an import renumbers them after the
store's own. Intermediate data goes to ``OUT/_staging`` and is removed at the end; ``ingests``
is written last, so a folder without it is an interrupted run, which the import refuses.

Examples
--------
>>> print(exact_select(EVENT_COLUMNS[:2]))
CAST(event_id AS STRING) AS event_id, CAST(date AS DATE) AS date
>>> spark_ddl(INGEST_COLUMNS[:2])
'ingest_id INT, file STRING'
>>> OutputFolder("/data/run-1").events
'/data/run-1/events'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import reduce
from typing import TYPE_CHECKING, Any

from blocwatch.errors import InputError
from blocwatch.schema import EVENT_COLUMNS, INGEST_COLUMNS, QUARANTINE_COLUMNS, Column

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["EVENT_COLUMNS", "INGEST_COLUMNS", "QUARANTINE_COLUMNS", "OutputFolder", "arrow_batch_rows", "delete_path",
           "exact_select", "is_uri", "path_exists", "spark_ddl", "spark_type", "timestamp_literal", "union_all",
           "write_rows"]

_SPARK_TYPES = {"VARCHAR": "STRING", "TIMESTAMP": "TIMESTAMP_NTZ", "BLOB": "BINARY", "INTEGER": "INT"}


def spark_type(column: Column) -> str:
    """The Spark SQL type of a store column (``VARCHAR`` is ``STRING``, ``TIMESTAMP`` has no time zone)."""
    return _SPARK_TYPES.get(column.sql_type, column.sql_type)


def spark_ddl(columns: Sequence[Column]) -> str:
    """A Spark DDL schema string for ``columns``."""
    return ", ".join(f"{c.name} {spark_type(c)}" for c in columns)


def exact_select(columns: Sequence[Column], present: Iterable[str] | None = None) -> str:
    """A select list giving exactly ``columns``, cast to their types; columns not ``present`` are NULL."""
    have = set(present) if present is not None else {c.name for c in columns}
    return ", ".join(f"CAST({c.name if c.name in have else 'NULL'} AS {spark_type(c)}) AS {c.name}"
                     for c in columns)


def timestamp_literal(when: datetime) -> str:
    """A Spark SQL ``TIMESTAMP_NTZ`` literal.

    Examples
    --------
    >>> timestamp_literal(datetime(2025, 1, 3, 15, 0, 0, 1))
    "TIMESTAMP_NTZ '2025-01-03 15:00:00.000001'"
    """
    return f"TIMESTAMP_NTZ '{when.isoformat(sep=' ', timespec='microseconds')}'"


def is_uri(path: str) -> bool:
    """Whether ``path`` names a location with a scheme (``s3a://``, ``hdfs://``, ``file:/``).

    Examples
    --------
    >>> is_uri("s3a://bucket/gdelt"), is_uri("data/gdelt"), is_uri("C:/data")
    (True, False, False)
    """
    scheme, sep, _ = path.partition(":")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").replace(".", "").isalnum()


def _hadoop(spark: SparkSession, path: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    return hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), hpath


def path_exists(spark: SparkSession, path: str) -> bool:
    """Whether ``path`` exists, on any file system Spark reaches."""
    fs, hpath = _hadoop(spark, path)
    return bool(fs.exists(hpath))


def delete_path(spark: SparkSession, path: str) -> None:
    """Remove ``path`` and everything under it, on any file system Spark reaches."""
    fs, hpath = _hadoop(spark, path)
    if fs.exists(hpath):
        fs.delete(hpath, True)


class OutputFolder:
    """The folder of one run (see the module's description).

    Parameters
    ----------
    root : str
        A local folder (made absolute) or a URI such as ``s3a://bucket/blocwatch/gdelt/2025-01-03``.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        text = os.fspath(root)
        self.root = text.rstrip("/") if is_uri(text) else os.path.abspath(text)

    def _join(self, name: str) -> str:
        return f"{self.root}/{name}"

    @property
    def events(self) -> str:
        return self._join("events")

    @property
    def quarantine(self) -> str:
        return self._join("quarantine")

    @property
    def ingests(self) -> str:
        return self._join("ingests")

    def staging(self, name: str) -> str:
        """Where a step keeps intermediate data (under ``_staging``)."""
        return self._join(f"_staging/{name}")

    def check_new(self, spark: SparkSession) -> None:
        """Raise :class:`InputError` if a run already wrote here (runs never overwrite each other)."""
        for part in (self.events, self.quarantine, self.ingests):
            if path_exists(spark, part):
                raise InputError(f"already holds a blocwatch run ({part.rsplit('/', 1)[-1]}/); "
                                 "give a new --out folder (one per run)", file=self.root)
        delete_path(spark, self._join("_staging"))

    def clean(self, spark: SparkSession) -> None:
        """Remove the intermediate data."""
        delete_path(spark, self._join("_staging"))


def write_rows(spark: SparkSession, rows: list[dict[str, Any]], columns: Sequence[Column], path: str) -> DataFrame:
    """Write a few rows (the ingest log) as one Parquet file with exactly ``columns``."""
    data = [tuple(r.get(c.name) for c in columns) for r in rows]
    df = spark.createDataFrame(data, schema=spark_ddl(columns))
    df.coalesce(1).write.mode("errorifexists").parquet(path)
    return df


def union_all(frames: Sequence[DataFrame], *, allow_missing: bool = False) -> DataFrame:
    """The rows of every frame in ``frames`` (by column name; at least one frame)."""
    return reduce(lambda a, b: a.unionByName(b, allowMissingColumns=allow_missing), frames)


@contextmanager
def arrow_batch_rows(spark: SparkSession, rows: int) -> Iterator[None]:
    """Rows per Arrow batch handed to Python (``mapInArrow``) inside the block: a few whole input
    files at a time, as a file can be large; the session's setting is restored after."""
    key = "spark.sql.execution.arrow.maxRecordsPerBatch"
    before = spark.conf.get(key)
    spark.conf.set(key, str(rows))
    try:
        yield
    finally:
        spark.conf.set(key, before)
