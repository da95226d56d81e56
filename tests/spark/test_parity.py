"""Parity on the real data: the shared GDELT 2.0 exports through both engines, and their monthly dyads."""

from __future__ import annotations

import math

import pytest

from blocwatch import EventStore
from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.ingest.parquet import import_parquet
from blocwatch.spark.aggregate import SparkDyads
from tests.spark.helpers import assert_same_stores, both_engines, differences

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def v2(spark, shared, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("v2")
    return (*both_engines(spark, [shared / "gdelt" / "v2"], tmp), tmp)


def _rows_close(a: list[dict], b: list[dict]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.keys() == y.keys()
        for k in x:
            if isinstance(x[k], float):
                assert math.isclose(x[k], y[k], rel_tol=0, abs_tol=1e-9), (k, x, y)
            else:
                assert x[k] == y[k], (k, x, y)


def test_shared_gdelt_v2_events_are_identical_in_both_engines(v2):
    duck, via_spark, expected, got = v2[:4]
    assert (len(got.files), got.rows, got.inserted, got.duplicates, got.quarantined) == (92, 129_300, 129_300, 0, 0)
    assert (expected.inserted, expected.quarantined) == (got.inserted, got.quarantined)
    assert_same_stores(duck, via_spark)  # every column of every event (floats exactly), the quarantine, the log
    # and sorted by event_id, column by column, floats within 1e-9
    with EventStore(duck, read_only=True) as a, EventStore(via_spark, read_only=True) as b:
        sql = "SELECT * EXCLUDE (ingested_at) FROM events ORDER BY event_id"
        _rows_close(a.query(sql).to_pylist(), b.query(sql).to_pylist())


def test_monthly_dyads_are_identical_in_both_engines(spark, v2):
    duck, tmp = v2[0], v2[4]
    for query in (DyadQuery(window="month"), DyadQuery(window="month", directed=False),
                  DyadQuery(window="month", directed=False, score="plover", weight="articles", collapse=True)):
        with EventStore(duck, read_only=True) as store:
            expected = dyad_table(store.con, query)
        got = SparkDyads(spark, [tmp / "run"]).table(query)
        assert got.schema == expected.schema
        assert got.num_rows > 1000
        _rows_close(got.to_pylist(), expected.to_pylist())


def test_importing_a_run_again_adds_nothing(v2):
    via_spark, tmp = v2[1], v2[4]
    with EventStore(via_spark) as store:
        again = import_parquet(store, tmp / "run")
        assert (again.inserted, again.duplicates) == (0, 129_300)
        assert store.count("events") == 129_300
        assert store.count("ingests") == 2 * 92
    assert differences(via_spark, v2[0], "events")[2:] == (0, 0)
