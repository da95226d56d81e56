"""Running an input through both engines and comparing what the stores hold."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from blocwatch import EventStore
from blocwatch.ingest import IngestResult, ingest_files
from blocwatch.ingest.parquet import import_parquet
from blocwatch.spark.ingest import SparkIngest

#: Columns that say when a row was written, which no two runs share.
WHEN = {"events": ["ingested_at"], "quarantine": ["quarantined_at"], "ingests": ["started_at", "finished_at"]}


def both_engines(spark, paths: Sequence[Path], tmp: Path, fmt: str = "gdelt") -> tuple[Path, Path, IngestResult,
                                                                                        IngestResult]:
    """Ingest ``paths`` with DuckDB into one store and with Spark (then ``import_parquet``) into another."""
    duck, via_spark = tmp / "duckdb.duckdb", tmp / "spark.duckdb"
    with EventStore(duck) as store:
        expected = ingest_files(store, paths, fmt)
    got = SparkIngest(spark).run(paths, fmt, tmp / "run")
    with EventStore(via_spark) as store:
        import_parquet(store, tmp / "run")
    return duck, via_spark, expected, got


def differences(a: Path, b: Path, table: str) -> tuple[int, int, int, int]:
    """Rows of ``table`` in store ``a``, in ``b``, only in ``a`` and only in ``b`` (every column but the times)."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    ex = ", ".join(WHEN[table])

    def n(sql: str) -> int:
        return int(con.execute(sql).fetchall()[0][0])

    out = (n(f"SELECT count(*) FROM a.{table}"), n(f"SELECT count(*) FROM b.{table}"),
           n(f"SELECT count(*) FROM (SELECT * EXCLUDE ({ex}) FROM a.{table} EXCEPT ALL "
             f"SELECT * EXCLUDE ({ex}) FROM b.{table})"),
           n(f"SELECT count(*) FROM (SELECT * EXCLUDE ({ex}) FROM b.{table} EXCEPT ALL "
             f"SELECT * EXCLUDE ({ex}) FROM a.{table})"))
    con.close()
    return out


def assert_same_stores(a: Path, b: Path) -> None:
    """Events, quarantine and ingest log identical row for row (the write times aside)."""
    for table in WHEN:
        n_a, n_b, only_a, only_b = differences(a, b, table)
        assert (n_a, only_a, only_b) == (n_b, 0, 0), f"{table}: {n_a} vs {n_b} rows, {only_a} / {only_b} differ"
