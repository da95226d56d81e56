"""Dyad tables and relations in Spark SQL equal the DuckDB engine's for every kind of query."""

from __future__ import annotations

import math

import pytest

from blocwatch import EventStore
from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.errors import InputError
from blocwatch.relations import Relations, RelationsOptions
from blocwatch.spark.aggregate import SparkDyads, events_path
from blocwatch.spark.ingest import SparkIngest
from tests.helpers import REPO

pytestmark = pytest.mark.slow

QUERIES = [
    DyadQuery(window="week"),
    DyadQuery(window="quarter", directed=False, countries=("USA", "RUS", "CHN", "PRK")),
    DyadQuery(window="year", include_domestic=True, factual_only=False),
    DyadQuery(window="day", score="plover", weight="mentions"),
    DyadQuery(window="month", collapse=True, weight="none", directed=False),
    DyadQuery(window="month", collapse=True, weight="articles", score="plover"),
]


@pytest.fixture(scope="module")
def demo(spark, tmp_path_factory):
    from blocwatch.ingest import ingest_files

    tmp = tmp_path_factory.mktemp("demo")
    with EventStore(tmp / "d.duckdb") as store:
        ingest_files(store, [REPO / "demo" / "data"], "gdelt")
    SparkIngest(spark).run([REPO / "demo" / "data"], "gdelt", tmp / "run")
    return tmp / "d.duckdb", tmp / "run"


def _same(a, b):
    assert a.schema == b.schema
    assert a.num_rows == b.num_rows > 0
    for x, y in zip(a.to_pylist(), b.to_pylist(), strict=True):
        for k, v in x.items():
            assert math.isclose(v, y[k], abs_tol=1e-9) if isinstance(v, float) else v == y[k], (k, x, y)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.window}-{q.score}-{q.weight}-{q.collapse}")
def test_dyads(spark, demo, query):
    with EventStore(demo[0], read_only=True) as store:
        expected = dyad_table(store.con, query)
    _same(SparkDyads(spark, [demo[1]]).table(query), expected)


def test_relations(spark, demo):
    query = DyadQuery(window="month", directed=False)
    with EventStore(demo[0], read_only=True) as store:
        expected = Relations(store, RelationsOptions(query=query, alpha=5.0)).table()
    _same(SparkDyads(spark, [demo[1]]).relations(query, 5.0), expected)


def test_events_paths(tmp_path):
    assert events_path("s3a://b/runs/date=*") == "s3a://b/runs/date=*/events"
    assert events_path("s3a://b/run/events") == "s3a://b/run/events"
    with pytest.raises(InputError, match="no such run folder"):
        events_path(tmp_path / "missing")
