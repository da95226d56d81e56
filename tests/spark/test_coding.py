"""News coded on Spark gives exactly the plain coder's events; lines that are not documents are quarantined."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from blocwatch import EventStore
from blocwatch.documents import read_documents
from blocwatch.ingest.parquet import import_parquet
from blocwatch.ingest.text import events_table, ingest_text
from blocwatch.spark.coding import SparkCoding
from tests.helpers import REPO
from tests.spark.helpers import assert_same_stores

pytestmark = pytest.mark.slow

DEMO = REPO / "demo" / "news"


def test_the_demo_corpus_codes_to_exactly_the_plain_coders_events(spark, coder):
    documents = [d for d in read_documents([DEMO])]
    expected = events_table([e for _, found in coder.code_many(documents) for e in found])
    got = SparkCoding(spark).code([DEMO])
    assert got.problems == [] and got.undated == []
    assert got.documents == len(documents) == 45
    assert got.events.num_rows == expected.num_rows > 100
    assert got.events.to_pylist() == expected.to_pylist()  # the same events, in the same order


def test_ingest_text_on_spark_stores_what_the_plain_ingest_stores(spark, coder, tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    lines = (DEMO / "korea-russia-2022-2025.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    bad = ['{"id": "x", "text": "no date here"}', "not json", '{"id": "y"}']
    (corpus / "a.jsonl").write_text("\n".join(lines[:3] + bad[:2]) + "\n", encoding="utf-8")
    (corpus / "b.jsonl").write_text("\n".join(lines[3:] + lines[:1] + bad[2:]) + "\n", encoding="utf-8")
    with EventStore(tmp_path / "plain.duckdb") as store:
        plain = ingest_text(store, [corpus], coder=coder)
    got = SparkCoding(spark).ingest([corpus], tmp_path / "run")
    assert [(f.documents, f.events, f.inserted, f.duplicates, f.quarantined, f.first_problem) for f in got.files] \
        == [(f.documents, f.events, f.inserted, f.duplicates, f.quarantined, f.first_problem) for f in plain.files]
    assert got.quarantined == 3 and got.duplicates > 0  # b.jsonl repeats a document of a.jsonl
    with EventStore(tmp_path / "spark.duckdb") as store:
        import_parquet(store, tmp_path / "run")
        reasons = [r["reason"] for r in store.query("SELECT reason FROM quarantine ORDER BY ingest_id, line")
                   .to_pylist()]
    assert reasons[0].startswith('document "x" has no publication date')
    assert reasons[1].startswith("not valid JSON") and reasons[2] == 'no "text" string'
    assert_same_stores(tmp_path / "plain.duckdb", tmp_path / "spark.duckdb")


def test_parquet_documents_are_coded_like_their_json_lines(spark, tmp_path):
    records = [json.loads(line) for line in (DEMO / "korea-russia-2022-2025.jsonl").read_text().splitlines()[:4]]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(records + [{"id": "z", "text": None, "date": "2024-01-01"}]),
                   tmp_path / "d.parquet")
    coding = SparkCoding(spark)
    from_jsonl = coding.code([tmp_path / "d.jsonl"])
    from_parquet = coding.code([tmp_path / "d.parquet"])
    assert from_parquet.events.to_pylist() == from_jsonl.events.to_pylist()
    assert [(p.line, p.reason) for p in from_parquet.problems] == [(5, 'no "text" string')]
