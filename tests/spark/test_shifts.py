"""Tested shifts on Spark equal the DuckDB engine's: the demo store (whose origins cover different
months, so the coverage rules speak) and ICEWS 2005-2013 (nine years, hundreds of pairs)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from blocwatch import EventStore
from blocwatch.analysis.significance import ShiftTest
from blocwatch.dyads import DyadQuery
from blocwatch.engines import make_engine
from blocwatch.periods import Period
from blocwatch.relations import Relations, RelationsOptions
from blocwatch.spark.shifts import spark_shifts

pytestmark = pytest.mark.slow


def _run_folder(db, tmp):
    """The store's events as a run folder of the Spark engine (its events as Parquet, the store's schema)."""
    (tmp / "run" / "events").mkdir(parents=True)
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"COPY events TO '{tmp / 'run' / 'events' / 'part-0.parquet'}' (FORMAT parquet)")
    con.close()
    return tmp / "run"


@pytest.fixture(scope="module")
def demo_run(demo_db, tmp_path_factory):
    return _run_folder(demo_db, tmp_path_factory.mktemp("shifts-demo"))


@pytest.fixture(scope="module")
def icews(shared, tmp_path_factory):
    from blocwatch.ingest.mapped import csv_profile, ingest_mapped

    tmp = tmp_path_factory.mktemp("shifts-icews")
    with EventStore(tmp / "icews.duckdb") as store:
        ingest_mapped(store, [shared / "icews-tkg" / "icews_2005-2013_tkg.csv.gz"],
                      csv_profile("date=date,source=source,target=target,event=relation"))
    return tmp / "icews.duckdb", _run_folder(tmp / "icews.duckdb", tmp)


def _both(db, run, spark, options, start, end, **kw):
    with EventStore(db, read_only=True) as store:
        expected = Relations(store, options).shifts(start, end, evidence=0, **kw)
    got = spark_shifts(spark, [run], options, *_days(start, end), **kw)
    return [s.to_dict() for s in expected], [s.to_dict() for s in got]


def _days(start, end):
    """The first and last day of the months ``start`` .. ``end``."""
    period = Period.between(start, end)
    return period.start, period.end


DEMO_CASES = [  # (options, from, to, keywords, what the notes of every shift say)
    (RelationsOptions(), "2023-01", "2025-02", {}, "compared, the months that text covers; gdelt2 left out"),
    (RelationsOptions(query=DyadQuery(countries=("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR"))), "2024-10",
     "2025-01", {"split": dt.date(2024, 12, 1)}, None),  # both origins cover the window: no note
    (RelationsOptions(), "2023-06", "2025-01", {"test": ShiftTest(shuffle="events", statistic="events")},
     "gdelt2 left out"),
]


@pytest.mark.parametrize(("options", "start", "end", "kw", "note"), DEMO_CASES)
def test_the_demos_shifts_are_the_duckdb_engines(spark, demo_db, demo_run, options, start, end, kw, note):
    expected, got = _both(demo_db, demo_run, spark, options, start, end, every=True, **kw)
    assert expected  # pairs tested, not an empty match
    if note is None:
        assert not [s["notes"] for s in expected if s["notes"]]
    else:
        assert all(any(note in n for n in s["notes"]) for s in expected)
    assert got == expected


def test_nine_years_of_icews_shifts_are_the_duckdb_engines(spark, icews):
    db, run = icews
    expected, got = _both(db, run, spark, RelationsOptions(), "2005-01", "2013-12", every=True, limit=None)
    supported = [s for s in expected if s["status"] == "supported"]
    assert len(supported) >= 20 and len(expected) > len(supported)
    assert got == expected


def test_the_spark_engine_lists_shifts_without_drivers(spark, icews):
    db, run = icews
    engine = make_engine("spark", events=[str(run)])
    try:
        got = engine.shifts(RelationsOptions(), *_days("2010-01", "2013-12"), limit=3)
    finally:
        engine.close()
    with EventStore(db, read_only=True) as store:
        expected = Relations(store, RelationsOptions()).shifts("2010-01", "2013-12", limit=3)
    assert expected and all(s.drivers for s in expected)  # the store names the events behind each
    assert [s.to_dict() for s in got] == [{**s.to_dict(), "drivers": []} for s in expected]
