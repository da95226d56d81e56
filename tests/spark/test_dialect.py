"""The small translation from DuckDB's definitions to Spark SQL, and the session's settings (no JVM)."""

from __future__ import annotations

import sys

import pytest

from blocwatch.dyads import DyadQuery
from blocwatch.errors import BlocwatchError
from blocwatch.ingest.gdelt import GDELT_LAYOUTS
from blocwatch.spark.dialect import enum_values, parse_sql, spark_sql, strptime_regex
from blocwatch.spark.ingest import layout_sql
from blocwatch.spark.session import SparkUnavailable, is_local, local_cores, settings


def test_varchar_becomes_string_and_nothing_else_changes():
    assert spark_sql("a::VARCHAR, CAST(b AS varchar), c::VARCHAR(3), 'VARCHAR'") == \
        "a::STRING, CAST(b AS STRING), c::VARCHAR(3), 'STRING'"
    for layout in GDELT_LAYOUTS.values():
        translated = spark_sql(layout.select)
        assert "VARCHAR" not in translated.upper()
        assert translated.replace("STRING", "VARCHAR") == layout.select  # the only change


def test_dyad_sql_needs_no_translation_but_the_type_names():
    for q in (DyadQuery(), DyadQuery(collapse=True, score="plover", weight="articles", directed=False)):
        assert spark_sql(q.sql()) == q.sql()  # the aggregation is written in the SQL both engines read


def test_every_gdelt_layout_generates_spark_sql_from_its_own_definition():
    for layout in GDELT_LAYOUTS.values():
        sql = layout_sql(layout, "lines")
        assert spark_sql(layout.joins) in sql
        for name in layout.types:
            assert f"`{name}`" in sql


def test_strptime_formats_and_enums():
    assert strptime_regex("%Y-%m-%d")[1] == ("Y", "m", "d")
    assert strptime_regex("%Y%m%d%H%M%S")[1] == ("Y", "m", "d", "H", "M", "S")
    with pytest.raises(ValueError, match="%j"):
        strptime_regex("%Y%j")
    assert enum_values("ENUM('1', '2', 'a''b')") == ("1", "2", "a'b")
    with pytest.raises(ValueError, match="no Spark reader"):
        parse_sql("HUGEINT", "v")


def test_local_sessions_are_quiet_bounded_and_offline():
    conf = settings("local[2]")
    assert conf["spark.ui.enabled"] == "false"
    assert conf["spark.driver.bindAddress"] == "127.0.0.1"
    assert conf["spark.sql.shuffle.partitions"] == "8"
    assert conf["spark.driver.memory"] == "2g"
    assert conf["spark.sql.timestampType"] == "TIMESTAMP_NTZ"
    cluster = settings("spark://head:7077")
    assert "spark.driver.memory" not in cluster and "spark.ui.enabled" not in cluster
    assert is_local("local") and not is_local("yarn")
    assert local_cores("local") == 1 and local_cores("local[3]") == 3


def test_missing_pyspark_is_a_clear_error(monkeypatch):
    from blocwatch.spark.session import require_pyspark

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(SparkUnavailable, match=r"pip install 'blocwatch\[spark\]'") as err:
        require_pyspark()
    assert isinstance(err.value, BlocwatchError)


def test_missing_pyspark_is_one_line_and_exit_1_on_the_command_line(monkeypatch, tmp_path, capsys, write):
    from blocwatch.cli import main
    from tests.helpers import gdelt_row

    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    path = write("a.export.CSV", gdelt_row() + "\n")
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", "gdelt", str(path), "--engine", "spark", "--out", str(tmp_path / "run")])
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == ["error: the spark engine needs pyspark: pip install 'blocwatch[spark]'"]


def test_engine_options_that_do_not_fit_are_refused_before_anything_starts(tmp_path, capsys, write):
    from blocwatch.cli import main
    from tests.helpers import gdelt_row

    path = write("a.export.CSV", gdelt_row() + "\n")
    for argv, message in (
        (["ingest", "gdelt", str(path), "--engine", "spark"], "--out: the spark engine writes a run folder"),
        (["ingest", "gdelt", str(path), "--out", str(tmp_path / "run")], "--out: is for the spark engine"),
        (["dyads", "--engine", "spark"], "--events: the spark engine reads run folders"),
    ):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 1
        assert message in capsys.readouterr().err
