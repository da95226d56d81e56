"""--engine spark through the real entry point: ingest to a run folder, import it, dyads from it."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_commands import run
from tests.helpers import gdelt_row

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark_here():
    """Each command starts its own Spark; skipped (failed in CI) where pyspark or Java is missing."""
    from tests.spark.conftest import require_spark

    require_spark()


def test_ingest_import_and_dyads_on_spark(spark_here, tmp_path, write):
    rows = [gdelt_row(GLOBALEVENTID=str(i), SQLDATE=d, Actor2CountryCode=t, GoldsteinScale=g)
            for i, (d, t, g) in enumerate([("20240619", "PRK", "8.0"), ("20240620", "PRK", "2.0"),
                                           ("20240705", "KOR", "-4.0")])] + ["a\tb"]
    path = write("a.export.CSV", "\n".join(rows) + "\n")
    out = tmp_path / "run"
    proc = run("ingest", "gdelt", path, "--engine", "spark", "--spark-master", "local[1]", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "read 1 file, 4 rows: 3 new events, 0 already stored, 1 quarantined" in proc.stdout
    assert f"quarantined: {path}:4: expected 57, 58 or 61 tab-separated fields, found 2" in proc.stderr
    assert "Traceback" not in proc.stderr and "ERROR" not in proc.stderr
    db = tmp_path / "s.duckdb"
    proc = run("ingest", "parquet", out, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "read 1 file, 4 rows: 3 new events" in proc.stdout
    proc = run("ingest", "parquet", out, "--db", db)
    assert "0 new events, 3 already stored" in proc.stdout
    spark_rows = run("dyads", "--engine", "spark", "--spark-master", "local[1]", "--events", out, "--format", "jsonl")
    assert spark_rows.returncode == 0, spark_rows.stderr
    duck_rows = run("dyads", "--db", db, "--format", "jsonl")
    assert [json.loads(x) for x in spark_rows.stdout.splitlines()] == \
        [json.loads(x) for x in duck_rows.stdout.splitlines()] != []


def test_balance_on_spark_prints_the_stores_rows(spark_here, tmp_path, write):
    """A month of three states, two friends and their common enemy: the same balance row from a run
    folder on Spark as from the store it was imported into (all but the solver's time)."""
    ties = [("USA", "KOR", "042", "1", "1.9"), ("KOR", "USA", "042", "1", "1.9"), ("PRK", "KOR", "190", "4", "-10.0"),
            ("KOR", "PRK", "190", "4", "-10.0"), ("PRK", "USA", "111", "3", "-2.0"), ("USA", "PRK", "111", "3", "-2.0")]
    rows = [gdelt_row(GLOBALEVENTID=str(3 * i + j), SQLDATE=f"202406{10 + j:02d}", Actor1Code=s, Actor1CountryCode=s,
                      Actor2Code=t, Actor2CountryCode=t, EventCode=code, EventBaseCode=code, EventRootCode=code[:2],
                      QuadClass=quad, GoldsteinScale=g)
            for i, (s, t, code, quad, g) in enumerate(ties) for j in range(3)]
    path = write("b.export.CSV", "\n".join(rows) + "\n")
    out, db = tmp_path / "run", tmp_path / "s.duckdb"
    assert run("ingest", "gdelt", path, "--engine", "spark", "--spark-master", "local[1]", "--out", out).returncode == 0
    assert run("ingest", "parquet", out, "--db", db).returncode == 0
    on_spark = run("balance", "--engine", "spark", "--spark-master", "local[1]", "--events", out, "--format", "jsonl")
    assert on_spark.returncode == 0, on_spark.stderr
    on_store = run("balance", "--db", db, "--format", "jsonl")
    got, expected = ([{k: v for k, v in json.loads(x).items() if k != "seconds"} for x in p.stdout.splitlines()]
                     for p in (on_spark, on_store))
    assert got == expected
    assert [(r["group"], r["edges"], r["frustration"], r["blocs"]) for r in got] == [
        ("2024-06", 3, 0.0, [["KOR", "USA"], ["PRK"]])]
    wrong = run("balance", "edges.csv", "--engine", "spark")
    assert wrong.returncode != 0 and "an edge CSV is measured here" in wrong.stderr


def test_shifts_on_spark_print_the_stores_shifts_without_drivers(spark_here, tmp_path, write):
    """A year of two states, friendly for six months and hostile for six: the same tested shift
    from a run folder on Spark as from the store it was imported into, whose drivers name events."""
    months = [(m, "042", "1", "1.9") if m <= 6 else (m, "190", "4", "-10.0") for m in range(1, 13)]
    rows = [gdelt_row(GLOBALEVENTID=str(10 * m + j), SQLDATE=f"2024{m:02d}{10 + j:02d}", Actor1Code="USA",
                      Actor1CountryCode="USA", Actor2Code="KOR", Actor2CountryCode="KOR", EventCode=code,
                      EventBaseCode=code, EventRootCode=code[:2], QuadClass=quad, GoldsteinScale=g)
            for m, code, quad, g in months for j in range(4)]
    path = write("c.export.CSV", "\n".join(rows) + "\n")
    out, db = tmp_path / "run", tmp_path / "s.duckdb"
    assert run("ingest", "gdelt", path, "--engine", "spark", "--spark-master", "local[1]", "--out", out).returncode == 0
    assert run("ingest", "parquet", out, "--db", db).returncode == 0
    span = ("--from", "2024-01", "--to", "2024-12", "--format", "jsonl")
    on_spark = run("shifts", *span, "--engine", "spark", "--spark-master", "local[1]", "--events", out)
    assert on_spark.returncode == 0, on_spark.stderr
    on_store = run("shifts", *span, "--db", db)
    got, expected = ([json.loads(x) for x in p.stdout.splitlines()] for p in (on_spark, on_store))
    assert [(s["source"], s["target"], s["direction"], s["at"]) for s in expected] == [
        ("KOR", "USA", "apart", "2024-07-01")]
    assert expected[0]["drivers"] and got == [{**s, "drivers": []} for s in expected]
    wrong = run("shifts", *span, "--engine", "spark", "--events", out, "--method", "largest-change")
    assert wrong.returncode != 0 and "runs the tested shifts only" in wrong.stderr
    wrong = run("shifts", *span, "--db", db, "--events", out)
    assert wrong.returncode != 0 and "is for the spark engine" in wrong.stderr
    wrong = run("shifts", *span, "--engine", "spark", "--events", out, "--db", db)
    assert wrong.returncode != 0 and "is for the duckdb engine" in wrong.stderr
