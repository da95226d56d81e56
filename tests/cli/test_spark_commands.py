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
