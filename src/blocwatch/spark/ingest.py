"""Dataset files into events on Spark, with the DuckDB engine's own definitions.

The steps, each a Spark job over every file at once:

1. **prepare** (:mod:`blocwatch.spark.prepare`, on the executors): decompress, hash and count
   each file, recognise its layout, number its lines; lines that cannot be parsed at all are
   quarantined with the loader's reasons. Written once to ``OUT/_staging/prepared``, partitioned
   by layout.
2. **parse and project** (Spark SQL): for each layout, its fields are split, checked with
   :func:`blocwatch.spark.dialect.parse_sql` (what DuckDB's reader accepts for each type) and
   projected by the layout's own ``select`` and ``joins`` (:class:`blocwatch.ingest.layout.Layout`,
   through :func:`~blocwatch.spark.dialect.spark_sql`) against the store's lookup tables.
3. **events**: rows with every value valid, one per ``event_id`` (the first file, then the first
   line, as the DuckDB engine keeps), sorted by date within each file, to ``OUT/events``.
4. **quarantine**: rows with a value that is not valid, with the layout's reason for the first
   such field, and the lines of step 1, to ``OUT/quarantine``.
5. **accounting**: for every file, lines = header + blank + events + duplicates + quarantined,
   with the accepted rows counted as the events were written; only then is ``OUT/ingests``
   written (:mod:`blocwatch.spark.output`).

Files are numbered as :func:`blocwatch.ingest.ingest_files` numbers them, so a store that imports
the output (``blocwatch ingest parquet OUT``) holds what the DuckDB engine would have stored.

Examples
--------
>>> from blocwatch.ingest.gdelt import GDELT_V2
>>> sql = layout_sql(GDELT_V2, "lines")
>>> "'gdelt2:' || r.GLOBALEVENTID AS event_id" in sql, "::VARCHAR" in sql
(True, False)
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from blocwatch.errors import InputError
from blocwatch.ingest.datasets import BATCH_BYTES, DATASET_FORMATS, plan_batches
from blocwatch.ingest.layout import Layout
from blocwatch.ingest.results import FileResult, IngestResult
from blocwatch.ingest.sources import expand_paths
from blocwatch.schema import EVENT_COLUMNS, INGEST_COLUMNS, QUARANTINE_COLUMNS
from blocwatch.spark.dialect import parse_sql, spark_literal, spark_sql
from blocwatch.spark.output import (
    OutputFolder,
    arrow_batch_rows,
    exact_select,
    is_uri,
    spark_ddl,
    timestamp_literal,
    union_all,
    write_rows,
)
from blocwatch.spark.prepare import FILE_PART, PREPARED_SCHEMA, PROBLEM_PART, prepare_batches

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkIngest", "checked_sql", "layout_sql", "local_key", "register_lookups"]

#: Whole files per Arrow batch handed to the executors' Python (files can be large).
FILES_PER_BATCH = 2

_REASON_SCHEMA = ("path STRING, member INT, line BIGINT, reason STRING, raw STRING, raw_bytes BINARY, "
                  "raw_length BIGINT, raw_sha256 STRING")


def checked_sql(layout: Layout, view: str) -> str:
    """Spark SQL splitting and checking the lines of ``view`` (``path, member, line, text, fields``) with
    ``layout``: its fields as typed columns, the line's keys (``_path, _member, _line, _text``), and for a line
    with a value that is not valid the first such field in file order (``_err``) and its value (``_errval``)."""
    fields = layout.fields
    # Spark's CSV parser with quoting off splits a line several times faster than split() (a Java
    # regular expression); empty fields come out NULL, which the checks below treat as empty
    schema = ", ".join(f"_c{i} STRING" for i in range(len(fields)))
    split = (f"from_csv(text, {spark_literal(schema)}, map('sep', {spark_literal(layout.delimiter)}, "
             "'quote', '\x00', 'escape', '\x00', 'mode', 'PERMISSIVE'))")
    raw = ", ".join(f"CASE WHEN fields IS NULL THEN _s._c{i} ELSE element_at(fields, {i + 1}) END AS _v{i}"
                    for i in range(len(fields)))
    nulls = ", ".join(spark_literal(n) for n in layout.nullstr)
    typed, fails = [], []
    for i, name in enumerate(fields):
        v = f"_v{i}"
        required = name in layout.required
        value = (parse_sql(layout.types[name], v, dateformat=layout.dateformat,
                           timestampformat=layout.timestampformat) if name in layout.types else v)
        typed.append(f"{value if required else f'CASE WHEN {v} IN ({nulls}) THEN NULL ELSE {value} END'} AS `{name}`")
        if name in layout.types:
            fails.append((f"`{name}` IS NULL" if required else f"{v} NOT IN ({nulls}) AND `{name}` IS NULL", name, v))
    err = " ".join(f"WHEN {cond} THEN {spark_literal(name)}" for cond, name, _ in fails) or "WHEN false THEN ''"
    errval = " ".join(f"WHEN {cond} THEN {v}" for cond, _, v in fails) or "WHEN false THEN ''"
    # only the checked fields' raw values go on: Spark compiles a projection of more than
    # spark.sql.codegen.maxFields (100) columns without whole-stage code generation, far slower
    return f"""
  SELECT t.*, CASE {err} END AS _err, CASE {errval} END AS _errval
  FROM (
    SELECT _path, _member, _line, _text, {", ".join(v for _, _, v in fails)}, {", ".join(typed)}
    FROM (SELECT path AS _path, member AS _member, line AS _line, text AS _text, {raw}
          FROM (SELECT *, CASE WHEN fields IS NULL THEN {split} END AS _s FROM {view}) s) v
  ) t"""


def layout_sql(layout: Layout, view: str) -> str:
    """Spark SQL parsing the lines of ``view`` with ``layout`` (:func:`checked_sql`) and projecting them to
    event columns by the layout's own ``select`` and ``joins``, with ``_path, _member, _line, _err``."""
    return f"""
SELECT {spark_sql(layout.select)},
    r._path AS _path, r._member AS _member, r._line AS _line, r._err AS _err
FROM ({checked_sql(layout, view)}
) AS r
{spark_sql(layout.joins)}"""


def register_lookups(spark: SparkSession) -> None:
    """The store's lookup tables (``countries``, ``cameo_codes``) as Spark views, from the same codebooks."""
    from pyspark.sql import functions as F

    from blocwatch.store import EventStore

    with EventStore(":memory:") as store:
        for table in ("countries", "cameo_codes"):
            data = store.query(f"SELECT * FROM {table}")
            ddl = ", ".join(f"{f.name} {_arrow_ddl(f.type)}" for f in data.schema)
            # broadcast: Spark cannot size rows made in Python, and would shuffle every event to join them
            F.broadcast(spark.createDataFrame([tuple(r.values()) for r in data.to_pylist()], ddl)) \
                .createOrReplaceTempView(table)


def _arrow_ddl(t: pa.DataType) -> str:
    return {pa.string(): "STRING", pa.int8(): "TINYINT", pa.int32(): "INT", pa.float64(): "DOUBLE"}[t]


def reason_batches(batches: Iterator[pa.RecordBatch], layouts: dict[str, Layout]) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: the layout's quarantine reason for each line's first invalid value."""
    for batch in batches:
        rows = batch.to_pylist()
        yield pa.RecordBatch.from_pylist([
            {"path": r["_path"], "member": r["_member"], "line": r["_line"],
             "reason": layouts[r["_key"]].value_reason(r["_err"], r["_errval"] or ""), "raw": r["_text"],
             "raw_bytes": None, "raw_length": None, "raw_sha256": None} for r in rows],
            schema=pa.schema([("path", pa.string()), ("member", pa.int32()), ("line", pa.int64()),
                              ("reason", pa.string()), ("raw", pa.string()), ("raw_bytes", pa.binary()),
                              ("raw_length", pa.int64()), ("raw_sha256", pa.string())]))


def local_key(spark_path: str) -> str:
    """The local path behind a path as Spark's file sources report it (``file:/a/b`` -> ``/a/b``).

    Examples
    --------
    >>> local_key("file:/data/x.CSV"), local_key("file:///data/x.CSV"), local_key("s3a://b/x")
    ('/data/x.CSV', '/data/x.CSV', 's3a://b/x')
    """
    if spark_path.startswith("file:"):
        rest = spark_path[len("file:"):]
        return "/" + rest.lstrip("/")
    return spark_path


def _glob_escape(path: str) -> str:
    return "".join("\\" + ch if ch in "[]{}*?\\" else ch for ch in path)


@dataclass
class _Source:
    """What ``blocwatch.ingest.datasets.plan_batches`` needs of a source, from a prepared ``_file`` row."""

    path: tuple[str, int]
    size: int


class SparkIngest:
    """Runs ingests on one SparkSession.

    Parameters
    ----------
    spark : SparkSession
        Started by :func:`blocwatch.spark.session.spark_session`.
    """

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        self._layouts: dict[str, Layout] = {}

    def _inputs(self, paths: Iterable[str | Path]) -> tuple[list[str], dict[str, tuple[int, str]], list[str]]:
        """Paths for Spark, local files by absolute path -> (order, name as given), and URIs."""
        load: list[str] = []
        local: dict[str, tuple[int, str]] = {}
        uris: list[str] = []
        for p in paths:
            text = str(p)
            if is_uri(text) and not text.startswith("file:"):
                uris.append(text.rstrip("/"))
                load.append(text)
                continue
            for f in expand_paths([Path(local_key(text))]):
                key = str(f.resolve())
                if key not in local:
                    local[key] = (len(local), str(f))
                    load.append(_glob_escape(key))
        return load, local, uris

    def _name(self, path: str, local: dict[str, tuple[int, str]], uris: list[str]) -> tuple[tuple[int, str], str]:
        key = local_key(path)
        if key in local:
            order, name = local[key]
            return (order, ""), name
        rank = next((i for i, u in enumerate(uris) if path.startswith(u) or key.startswith(u)), len(uris))
        return (len(local) + rank, path), path

    def run(self, paths: Iterable[str | Path], fmt: str, out: str | Path) -> IngestResult:
        """Ingest ``paths`` (files, folders, archives; local or URIs) of dataset ``fmt`` into the folder ``out``.

        Raises
        ------
        InputError
            A path does not exist, ``fmt`` is unknown or ``out`` already holds a run.
        """
        if fmt not in DATASET_FORMATS:
            raise InputError(f"unknown dataset format {fmt!r}; choose from {', '.join(DATASET_FORMATS)}")
        spark = self.spark
        folder = OutputFolder(out)
        load, local, uris = self._inputs(paths)
        folder.check_new(spark)
        started = datetime.now()
        register_lookups(spark)
        try:
            return self._run(fmt, folder, load, local, uris, started)
        finally:
            folder.clean(spark)

    def _prepare(self, fmt: str, folder: OutputFolder, load: list[str]) -> DataFrame:
        spark = self.spark
        with arrow_batch_rows(spark, FILES_PER_BATCH):
            binary = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(load)
            prepared = binary.select("path", "content").mapInArrow(partial(prepare_batches, fmt=fmt), PREPARED_SCHEMA)
            prepared.write.partitionBy("part").parquet(folder.staging("prepared"))
        return spark.read.parquet(folder.staging("prepared"))

    def _run(self, fmt: str, folder: OutputFolder, load: list[str], local: dict[str, tuple[int, str]],
             uris: list[str], started: datetime) -> IngestResult:
        from pyspark.sql import Observation
        from pyspark.sql import functions as F

        spark = self.spark
        prepared = self._prepare(fmt, folder, load) if load else None
        rows = [] if prepared is None else prepared.where(f"part = '{FILE_PART}'").drop("part").toArrow().to_pylist()
        layouts: dict[str, Layout] = {}
        for r in rows:
            r["order"], r["name"] = self._name(r["path"], local, uris)
            r["name"] += r["suffix"] or ""
            if r["layouts"] is not None:
                r["primary"], found = pickle.loads(r["layouts"])
                layouts.update(found)
        rows.sort(key=lambda r: (r["order"], r["member"]))
        slots: list[FileResult] = []
        items: list[tuple[int, _Source, Layout]] = []
        for r in rows:
            if r["error"] is not None:
                slots.append(FileResult(file=r["name"], lines=r["lines"] or 0,
                                        error=InputError(r["error"], file=r["name"], line=r["error_line"])))
            else:
                items.append((len(slots), _Source((r["path"], r["member"]), r["size"]), layouts[r["primary"]]))
                slots.append(FileResult(file=r["name"], format=r["format"]))
        ids: dict[tuple[str, int], int] = {}
        for batch in plan_batches(items, BATCH_BYTES):
            for _, src, _ in batch:
                ids[src.path] = len(ids) + 1
        id_rows = [(r["path"], r["member"], ids[(r["path"], r["member"])], r["name"], r["sha256"])
                   for r in rows if (r["path"], r["member"]) in ids]
        F.broadcast(spark.createDataFrame(id_rows or [("", -1, 0, "", "")], "path STRING, member INT, ingest_id INT, "
                                          "file STRING, file_sha256 STRING")).createOrReplaceTempView("_bw_ids")
        now = datetime.now()
        accepted = Observation("blocwatch_accepted")
        parts = set() if prepared is None else {p for (p,) in prepared.select("part").distinct().collect()}
        self._layouts = layouts
        parsed = self._parsed(prepared, layouts, parts)
        if parsed is not None:
            ok = parsed.observe(accepted, F.count(F.lit(1)).alias("parsed"), F.count("_err").alias("bad")) \
                .where("_err IS NULL")
            ok.createOrReplaceTempView("_bw_ok")
            names = set(parsed.columns) | {"ingest_id", "ingested_at"}
            spark.sql(f"""
                SELECT {exact_select(EVENT_COLUMNS, names)} FROM (
                  SELECT o.*, b.ingest_id, {timestamp_literal(now)} AS ingested_at,
                         row_number() OVER (PARTITION BY o.event_id ORDER BY b.ingest_id, o._line) AS _k
                  FROM _bw_ok o JOIN _bw_ids b ON b.path = o._path AND b.member = o._member) d
                WHERE _k = 1""").sortWithinPartitions("date", "event_id").write.parquet(folder.events)
        else:
            spark.createDataFrame([], spark_ddl(EVENT_COLUMNS)).write.parquet(folder.events)
        bad = accepted.get.get("bad", 0) if parsed is not None else 0
        checked = self._parsed(prepared, layouts, parts, checked_sql) if bad else None  # no second parse if clean
        self._quarantine(folder, checked, prepared, parts, fmt, now)
        kept = dict(spark.read.parquet(folder.events).groupBy("ingest_id").count().collect())
        quarantined = {r["ingest_id"]: (r["n"], r["first_line"], r["first_reason"]) for r in spark.read.parquet(
            folder.staging("quarantine")).groupBy("ingest_id").agg(
                F.count(F.lit(1)).alias("n"), F.min("line").alias("first_line"),
                F.min_by("reason", "line").alias("first_reason")).collect()}
        metrics = accepted.get if parsed is not None else {"parsed": 0, "bad": 0}
        log = self._account(slots, rows, ids, kept, quarantined, metrics["parsed"] - metrics["bad"])
        write_rows(spark, [{**row, "started_at": started, "finished_at": datetime.now()} for row in log],
                   INGEST_COLUMNS, folder.ingests)
        return IngestResult(slots)

    def _parsed(self, prepared: DataFrame | None, layouts: dict[str, Layout], parts: set[str],
                sql: Callable[[Layout, str], str] = layout_sql) -> DataFrame | None:
        """The lines of every layout, parsed by ``sql`` (:func:`layout_sql` or :func:`checked_sql`)."""
        from pyspark.sql import functions as F

        frames = []
        for key in sorted(parts - {FILE_PART, PROBLEM_PART}):
            assert prepared is not None
            view = f"_bw_lines_{key}"
            prepared.where(f"part = '{key}'").createOrReplaceTempView(view)
            frames.append(self.spark.sql(sql(layouts[key], view)).withColumn("_key", F.lit(key)))
        return union_all(frames, allow_missing=True) if frames else None

    def _quarantine(self, folder: OutputFolder, checked: DataFrame | None, prepared: DataFrame | None,
                    parts: set[str], fmt: str, now: datetime) -> None:
        spark = self.spark
        frames = []
        if checked is not None:
            bad = checked.where("_err IS NOT NULL").select("_key", "_path", "_member", "_line", "_err", "_errval",
                                                           "_text")
            frames.append(bad.mapInArrow(partial(reason_batches, layouts=self._layouts), _REASON_SCHEMA))
        if prepared is not None and PROBLEM_PART in parts:
            frames.append(prepared.where(f"part = '{PROBLEM_PART}'").selectExpr(
                "path", "member", "line", "problem AS reason", "text AS raw", "raw AS raw_bytes", "raw_length",
                "raw_sha256"))
        allq = union_all(frames) if frames else spark.createDataFrame([], _REASON_SCHEMA)
        allq.createOrReplaceTempView("_bw_q")
        spark.sql(f"""SELECT b.ingest_id, b.file, b.file_sha256, q.line, q.reason, q.raw, q.raw_bytes,
                             q.raw_length, q.raw_sha256, {spark_literal(fmt)} AS origin
                      FROM _bw_q q JOIN _bw_ids b ON b.path = q.path AND b.member = q.member""").write.parquet(
            folder.staging("quarantine"))
        spark.read.parquet(folder.staging("quarantine")).createOrReplaceTempView("_bw_qs")
        present = {c.name for c in QUARANTINE_COLUMNS} - {"quarantined_at"}
        # a line is quarantined once per file content, as the store keeps it (file_sha256, line)
        spark.sql(f"""SELECT {exact_select(QUARANTINE_COLUMNS, present | {'quarantined_at'})} FROM (
                        SELECT *, {timestamp_literal(now)} AS quarantined_at,
                               row_number() OVER (PARTITION BY file_sha256, line ORDER BY ingest_id) AS _k
                        FROM _bw_qs) WHERE _k = 1""").orderBy("ingest_id", "line").write.parquet(folder.quarantine)

    @staticmethod
    def _account(slots: list[FileResult], rows: list[dict[str, Any]], ids: dict[tuple[str, int], int],
                 kept: dict[int, int], quarantined: dict[int, tuple[int, int, str]], accepted: int) -> list[dict]:
        """Fill the results in and check every file's lines add up; the ingest log rows."""
        log, total = [], 0
        for slot, result in enumerate(slots):
            r = rows[slot]
            key = (r["path"], r["member"])
            if key not in ids:
                continue
            ingest_id = ids[key]
            q, first_line, first_reason = quarantined.get(ingest_id, (0, None, None))
            lines, header, blank = r["lines"], r["header_lines"], r["blank_lines"]
            ok = lines - header - blank - q
            inserted = kept.get(ingest_id, 0)
            if ok < 0 or inserted > ok:
                raise AssertionError(f"{result.file}: {lines} lines but {inserted} stored, {q} quarantined, "
                                     f"{blank} blank, {header} header")
            total += ok
            result.lines, result.header_lines, result.blank_lines = lines, header, blank
            result.inserted, result.duplicates, result.quarantined = inserted, ok - inserted, q
            result.first_problem = (first_line, first_reason) if q else None
            log.append({"ingest_id": ingest_id, "file": result.file, "file_sha256": r["sha256"],
                        "format": result.format, "bytes": r["size"], "lines": lines, "header_lines": header,
                        "blank_lines": blank, "inserted": inserted, "duplicates": ok - inserted, "quarantined": q})
        if total != accepted:
            raise AssertionError(f"the files' lines give {total:,} valid rows but Spark parsed {accepted:,}")
        return sorted(log, key=lambda row: row["ingest_id"])
