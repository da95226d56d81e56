"""News documents coded on Spark: the plain coder on every executor, its pipeline loaded once per worker.

Documents come from JSON-lines files (read whole by the executors, line numbers kept, each line
checked by :func:`blocwatch.documents.jsonl_documents`) or from Parquet files with the
same fields (``id``, ``text``, ``date``, optional ``url`` and ``title``; checked by
:func:`~blocwatch.documents.document_from_record`, a row's number as its line). They are
spread over the cluster and coded with ``mapInArrow``: each Python worker builds
:meth:`blocwatch.coder.Coder.load` once and codes its batches with
:meth:`~blocwatch.coder.Coder.code_many`, and the events become rows by
:func:`blocwatch.ingest.text.events_table`, so Spark gives exactly the plain coder's events.

``ingest text`` writes them to a run folder as :mod:`blocwatch.spark.output` describes, with one
``ingests`` row per input file, as :func:`blocwatch.ingest.text.ingest_text` logs them; lines
that are not documents (and documents without a date) go to the quarantine.

Examples
--------
>>> rows = list(jsonl_rows(b'{"id": "a", "text": "Seoul protested.", "date": "2024-06-02"}\\n{"id": 1}\\n', "f", None))
>>> [(r["part"], r.get("line"), r.get("problem")) for r in rows]
[('doc', 1, None), ('problem', 2, 'no "text" string'), ('file', None, None)]
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from blocwatch.documents import Document, Problem, document_from_record, jsonl_documents, missing_date
from blocwatch.errors import InputError
from blocwatch.ingest.text import CodeResult
from blocwatch.schema import EVENT_COLUMNS, INGEST_COLUMNS, QUARANTINE_COLUMNS
from blocwatch.spark.ingest import FILES_PER_BATCH, local_key
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

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from blocwatch.ingest.results import IngestResult

__all__ = ["SparkCoding", "code_batches", "jsonl_rows", "record_rows"]

#: Suffixes of the documents ``--engine spark`` codes.
SPARK_SUFFIXES = (".jsonl", ".parquet")

#: Coded documents whose events leave a Python worker together.
DOCUMENTS_PER_BATCH = 256

DOC_SCHEMA = ("part STRING, path STRING, line BIGINT, id STRING, text STRING, date DATE, url STRING, title STRING, "
              "undated STRING, problem STRING, raw STRING, sha256 STRING, size BIGINT")
_DOC_ARROW = pa.schema([("part", pa.string()), ("path", pa.string()), ("line", pa.int64()), ("id", pa.string()),
                        ("text", pa.string()), ("date", pa.date32()), ("url", pa.string()), ("title", pa.string()),
                        ("undated", pa.string()), ("problem", pa.string()), ("raw", pa.string()),
                        ("sha256", pa.string()), ("size", pa.int64())])
_CODED = [c for c in EVENT_COLUMNS if c.name not in ("ingest_id", "ingested_at")]
CODED_SCHEMA = spark_ddl(_CODED) + ", _path STRING, _line BIGINT, _seq INT"

# the store fills a quarantined line's length and hash when it imports the run
_WRITTEN = {c.name for c in QUARANTINE_COLUMNS} - {"raw_length", "raw_sha256"}


def _doc_row(doc: Document | Problem, path: str) -> dict[str, Any]:
    if isinstance(doc, Problem):
        return {"part": "problem", "path": path, "line": doc.line, "problem": doc.reason, "raw": doc.raw}
    undated = missing_date(doc).reason if doc.date is None else None  # the plain ingest's words
    return {"part": "doc", "path": path, "line": doc.line, "id": doc.id, "text": doc.text, "date": doc.date,
            "url": doc.url, "title": doc.title, "undated": undated}


def jsonl_rows(content: bytes, path: str, default_date: date | None) -> Iterator[dict[str, Any]]:
    """The documents and problems of one JSON-lines file, then its ``file`` row (hash and size)."""
    for item in jsonl_documents(io.BytesIO(content), path, default_date):
        yield _doc_row(item, path)
    yield {"part": "file", "path": path, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


def jsonl_batches(batches: Iterator[pa.RecordBatch], default_date: date | None) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: ``binaryFile`` rows of JSON-lines files to document rows."""
    for batch in batches:
        for path, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True):
            yield pa.RecordBatch.from_pylist(list(jsonl_rows(content or b"", path, default_date)), schema=_DOC_ARROW)


def hash_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: ``binaryFile`` rows to ``file`` rows (hash and size) of Parquet inputs."""
    for batch in batches:
        rows = [{"part": "file", "path": p, "sha256": hashlib.sha256(c or b"").hexdigest(), "size": len(c or b"")}
                for p, c in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True)]
        yield pa.RecordBatch.from_pylist(rows, schema=_DOC_ARROW)


def record_rows(batches: Iterator[pa.RecordBatch], default_date: date | None) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: rows of Parquet documents (with ``_path`` and ``_line``) to document rows."""
    for batch in batches:
        out = []
        for r in batch.to_pylist():
            path, line = r.pop("_path"), r.pop("_line")
            record = {k: v for k, v in r.items() if v is not None}
            try:
                out.append(_doc_row(document_from_record(record, path, line, default_date), path))
            except ValueError as exc:
                raw = json.dumps(record, ensure_ascii=False, default=str)
                out.append(_doc_row(Problem(path, line, str(exc), raw), path))
        yield pa.RecordBatch.from_pylist(out, schema=_DOC_ARROW)


def _events_batch(events: list, paths: list[str], lines: list[int], seqs: list[int]) -> pa.Table:
    from blocwatch.ingest.text import events_table

    table = events_table(events).select([c.name for c in _CODED])
    return table.append_column("_path", pa.array(paths, pa.string())).append_column(
        "_line", pa.array(lines, pa.int64())).append_column("_seq", pa.array(seqs, pa.int32()))


def code_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: document rows to coded events, the coder built once per Python worker.

    :meth:`~blocwatch.coder.Coder.code_many` parses the partition's documents in its own batches,
    whatever the size of Spark's Arrow batches; events leave every :data:`DOCUMENTS_PER_BATCH` documents.
    """
    from blocwatch.coder import Coder

    coder = Coder.load()
    documents = (Document(r["id"], r["text"], r["date"], r["url"], r["title"], r["path"], r["line"])
                 for batch in batches for r in batch.to_pylist())
    events: list = []
    paths: list[str] = []
    lines: list[int] = []
    seqs: list[int] = []
    for done, (doc, found) in enumerate(coder.code_many(documents), start=1):
        events.extend(found)
        paths.extend([doc.file or ""] * len(found))
        lines.extend([doc.line or 0] * len(found))
        seqs.extend(range(len(found)))
        if done % DOCUMENTS_PER_BATCH == 0 and events:
            yield from _events_batch(events, paths, lines, seqs).to_batches()
            events, paths, lines, seqs = [], [], [], []
    if events:
        yield from _events_batch(events, paths, lines, seqs).to_batches()


class SparkCoding:
    """Codes documents on one SparkSession.

    Parameters
    ----------
    spark : SparkSession
    """

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark

    def _inputs(self, paths: Iterable[str | Path]) -> dict[str, tuple[int, str]]:
        """Input files: the path Spark reads -> (order, name as given)."""
        files: dict[str, tuple[int, str]] = {}
        for p in paths:
            text = str(p)
            if is_uri(text) and not text.startswith("file:"):
                found = [text]
            else:
                path = Path(local_key(text))
                if path.is_dir():
                    found = [str(f) for f in sorted(path.rglob("*")) if f.is_file()
                             and f.suffix.lower() in SPARK_SUFFIXES
                             and not any(part.startswith(".") for part in f.relative_to(path).parts)]
                elif path.is_file():
                    found = [str(path)]
                else:
                    raise InputError("no such file or folder", file=str(path))
            for f in found:
                if not f.lower().endswith(SPARK_SUFFIXES):
                    raise InputError(f"the spark engine codes {' and '.join(SPARK_SUFFIXES)} documents; code "
                                     "other files with the plain coder (--engine duckdb)", file=f)
                key = local_key(f) if is_uri(f) else str(Path(f).resolve())
                files.setdefault(key, (len(files), f))
        return files

    def _documents(self, files: dict[str, tuple[int, str]], default_date: date | None) -> DataFrame:
        from pyspark.sql import functions as F

        spark = self.spark
        jsonl = [k for k in files if k.lower().endswith(".jsonl")]
        parquet = [k for k in files if k.lower().endswith(".parquet")]
        frames = []
        if jsonl:
            binary = spark.read.format("binaryFile").load(jsonl).select("path", "content")
            frames.append(binary.mapInArrow(partial(jsonl_batches, default_date=default_date), DOC_SCHEMA))
        if parquet:
            docs = spark.read.parquet(*parquet)
            have = set(docs.columns)
            cols = [f"{c}" if c in have else f"CAST(NULL AS STRING) AS {c}" for c in ("id", "text", "url", "title")]
            date_col = "date" if "date" in have else "CAST(NULL AS STRING) AS date"
            records = docs.selectExpr(*cols, date_col, "_metadata.file_path AS _path",
                                      "_metadata.row_index + 1 AS _line")
            frames.append(records.mapInArrow(partial(record_rows, default_date=default_date), DOC_SCHEMA))
            frames.append(spark.read.format("binaryFile").load(parquet).select("path", "content")
                          .mapInArrow(hash_batches, DOC_SCHEMA))
        out = union_all(frames)
        names = spark.createDataFrame([(k, order, name) for k, (order, name) in files.items()],
                                      "path STRING, _order INT, _name STRING")
        # binaryFile and Parquet's _metadata name files alike here: file:/a/b, as the local path /a/b
        keyed = out.withColumn("path", F.expr("CASE WHEN path LIKE 'file:%' THEN concat('/', ltrim('/', "
                                              "substr(path, 6))) ELSE path END"))
        return keyed.join(F.broadcast(names), "path", "left")

    def _code(self, docs: DataFrame) -> DataFrame:
        parallelism = self.spark.sparkContext.defaultParallelism
        return docs.where("part = 'doc'").select("path", "line", "id", "text", "date", "url", "title") \
            .repartition(max(2, 4 * parallelism)).mapInArrow(code_batches, CODED_SCHEMA)

    def code(self, paths: Iterable[str | Path], default_date: date | None = None) -> CodeResult:
        """Code the documents in ``paths`` and return their events (nothing is written)."""
        files = self._inputs(paths)
        docs = self._documents(files, default_date)
        order = docs.where("part = 'file'").selectExpr("path AS _path", "_order")
        names = [c.name for c in _CODED]
        with arrow_batch_rows(self.spark, FILES_PER_BATCH):
            table = self._code(docs).join(order, "_path").orderBy("_order", "_line", "_seq").select(*names).toArrow()
        for c in EVENT_COLUMNS:
            if c.name not in names:
                table = table.append_column(c.name, pa.nulls(table.num_rows, c.arrow_type))
        table = table.select([c.name for c in EVENT_COLUMNS])
        side = docs.where("part IN ('problem', 'doc')").selectExpr(
            "part", "_order", "_name", "line", "problem", "raw", "undated IS NOT NULL AS undated").where(
            "part = 'problem' OR undated").orderBy("_order", "line").collect()
        documents = docs.where("part = 'doc'").count()
        problems = [Problem(r["_name"], r["line"], r["problem"], r["raw"] or "")
                    for r in side if r["part"] == "problem"]
        undated = [r["_name"] for r in side if r["part"] == "doc"]
        return CodeResult(table.cast(pa.schema([pa.field(c.name, c.arrow_type) for c in EVENT_COLUMNS])),
                          documents, problems, undated)

    def ingest(self, paths: Iterable[str | Path], out: str | Path,
               default_date: date | None = None) -> IngestResult:
        """Code the documents in ``paths`` into a run folder ``out`` (events, quarantine, ingests)."""
        from pyspark.sql import functions as F

        from blocwatch.ingest.results import FileResult, IngestResult

        spark = self.spark
        folder = OutputFolder(out)
        files = self._inputs(paths)
        folder.check_new(spark)
        started = datetime.now()
        try:
            docs = self._documents(files, default_date)
            with arrow_batch_rows(spark, FILES_PER_BATCH):
                docs.write.parquet(folder.staging("documents"))
            docs = spark.read.parquet(folder.staging("documents"))
            facts = {r["path"]: r for r in docs.where("part = 'file'").select(
                "path", "_order", "_name", "sha256", "size").collect()}
            counts = {(r["path"], r["part"]): r["n"] for r in docs.where("part IN ('doc', 'problem')").selectExpr(
                "path", "CASE WHEN undated IS NOT NULL THEN 'problem' ELSE part END AS part").groupBy(
                "path", "part").agg(F.count(F.lit(1)).alias("n")).collect()}
            order = sorted((p for p in facts if (p, "doc") in counts or (p, "problem") in counts),
                           key=lambda p: facts[p]["_order"])
            ids = {p: i + 1 for i, p in enumerate(order)}
            F.broadcast(spark.createDataFrame([(p, ids[p], facts[p]["_name"], facts[p]["sha256"]) for p in order] or
                                              [("", 0, "", "")], "path STRING, ingest_id INT, file STRING, "
                                              "file_sha256 STRING")).createOrReplaceTempView("_bw_ids")
            self._code(docs.where("undated IS NULL")).write.parquet(folder.staging("coded"))
            coded = spark.read.parquet(folder.staging("coded"))
            events_per = dict(coded.groupBy("_path").count().collect())
            coded.createOrReplaceTempView("_bw_coded")
            now = datetime.now()
            have = {c.name for c in _CODED} | {"ingest_id", "ingested_at"}
            spark.sql(f"""SELECT {exact_select(EVENT_COLUMNS, have)} FROM (
                            SELECT c.*, b.ingest_id, {timestamp_literal(now)} AS ingested_at,
                                   row_number() OVER (PARTITION BY c.event_id
                                                      ORDER BY b.ingest_id, c._line, c._seq) AS _k
                            FROM _bw_coded c JOIN _bw_ids b ON b.path = c._path) WHERE _k = 1""") \
                .sortWithinPartitions("date", "event_id").write.parquet(folder.events)
            inserted = dict(spark.read.parquet(folder.events).groupBy("ingest_id").count().collect())
            docs.createOrReplaceTempView("_bw_docs")
            spark.sql(f"""SELECT {exact_select(QUARANTINE_COLUMNS, _WRITTEN)} FROM (
                            SELECT b.ingest_id, b.file, b.file_sha256, coalesce(d.line, 0) AS line,
                                   coalesce(d.problem, d.undated) AS reason, coalesce(d.raw, '') AS raw,
                                   CAST(NULL AS BINARY) AS raw_bytes, 'text' AS origin,
                                   {timestamp_literal(now)} AS quarantined_at,
                                   row_number() OVER (PARTITION BY b.file_sha256, coalesce(d.line, 0)
                                                      ORDER BY b.ingest_id) AS _k
                            FROM _bw_docs d JOIN _bw_ids b ON b.path = d.path
                            WHERE d.part = 'problem' OR d.undated IS NOT NULL) WHERE _k = 1""") \
                .orderBy("ingest_id", "line").write.parquet(folder.quarantine)
            bad = docs.where("part = 'problem' OR undated IS NOT NULL")
            order_by = F.coalesce("line", F.lit(0))
            first = {r["path"]: (r["line"], r["reason"]) for r in bad.groupBy("path").agg(
                F.min_by("line", order_by).alias("line"),
                F.min_by(F.coalesce("problem", "undated"), order_by).alias("reason")).collect()}
            results, log = [], []
            for p in order:
                documents, quarantined = counts.get((p, "doc"), 0), counts.get((p, "problem"), 0)
                stored = inserted.get(ids[p], 0)
                r = FileResult(facts[p]["_name"], format="text", lines=documents + quarantined, inserted=stored,
                               duplicates=events_per.get(p, 0) - stored, quarantined=quarantined,
                               first_problem=first.get(p), documents=documents)
                results.append(r)
                log.append({"ingest_id": ids[p], "file": r.file, "file_sha256": facts[p]["sha256"], "format": "text",
                            "bytes": facts[p]["size"], "lines": r.lines, "header_lines": 0,
                            "blank_lines": 0, "inserted": r.inserted, "duplicates": r.duplicates,
                            "quarantined": r.quarantined, "started_at": started, "finished_at": datetime.now()})
            write_rows(spark, log, INGEST_COLUMNS, folder.ingests)
            return IngestResult(results)
        finally:
            folder.clean(spark)
