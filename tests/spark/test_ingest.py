"""GDELT ingest on Spark against the DuckDB engine on hand-built inputs: bad lines, edge values, archives."""

from __future__ import annotations

import gzip
import zipfile

import pyarrow.parquet as pq
import pytest

from blocwatch.errors import InputError
from blocwatch.schema import EVENT_COLUMNS, INGEST_COLUMNS, QUARANTINE_COLUMNS
from blocwatch.spark.ingest import SparkIngest
from tests.helpers import gdelt_row
from tests.spark.helpers import assert_same_stores, both_engines

pytestmark = pytest.mark.slow

#: Values DuckDB's reader accepts or rejects in one column, all through both engines.
EDGES = {
    "GLOBALEVENTID": [" 12", "+5", "-3", "abc", "99999999999999999999", "1.5"],
    "NumMentions": ["1.5", "2.5", "-0.5", " 7", "1e2", "", "x", "3000000000", "2147483647.6", "1 2", " 1.5 "],
    "GoldsteinScale": ["1,5", "inf", "-Infinity", " nan", "1e1", "", ".5", "5.", "+1", "1.2.3", "1d", "1e", "0x1p3"],
    "SQLDATE": ["2024-06-19", "20240619 ", "2024061", "20240230", "", "2024619", " 20240619", "12024061"],
    "IsRootEvent": ["2", "t", "true", "yes", "", "TRUE", "y", "off", "f", "0", "1 ", " 1", "no", "N"],
    "EventCode": ["42", "042 ", "999", "0421"],
    "QuadClass": ["5", "01", "", " 1", "1.0"],
    "DATEADDED": ["2024061912000", "20240619120000 ", "20240619240000", "20240619", "", "20240619120060"],
    "ActionGeo_Lat": ["abc", "", "1e400"],
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A folder of awkward inputs: bad lines, edge values, a zip of two members, a gzip, a quoted CSV with
    a header, GDELT 1.0 rows in a 2.0 file."""
    folder = tmp_path_factory.mktemp("inputs")
    bad = [
        gdelt_row(GLOBALEVENTID="1"),
        gdelt_row(GLOBALEVENTID="2", SQLDATE="20240230"),  # line 2: no such date
        "",  # blank
        gdelt_row(GLOBALEVENTID="3", EventCode="999"),  # line 4: not CAMEO
        "a\tb",  # line 5: 2 fields
        gdelt_row(version=1, GLOBALEVENTID="4"),  # 58 fields: a GDELT 1.0 row
        gdelt_row(GLOBALEVENTID="5", NumMentions="x", AvgTone="y"),  # line 7: the first bad field is named
        gdelt_row(GLOBALEVENTID="1"),  # a duplicate of line 1
        gdelt_row(version=1, url=False, GLOBALEVENTID="6", SQLDATE="2024"),  # line 9: 57 fields, bad date
    ]
    (folder / "bad.export.CSV").write_text("\n".join(bad) + "\n", encoding="utf-8")
    (folder / "bytes.export.CSV").write_bytes(
        gdelt_row(GLOBALEVENTID="20").encode() + b"\n" + gdelt_row(GLOBALEVENTID="21", Actor1Name="CAF\xe9")
        .encode("latin-1") + b"\r\n" + gdelt_row(GLOBALEVENTID="22").encode() + b"\r\x01\n")
    edges = [gdelt_row(GLOBALEVENTID=str(1000 + i), **({column: value} if column != "GLOBALEVENTID" else {}))
             if column != "GLOBALEVENTID" else gdelt_row(GLOBALEVENTID=value)
             for i, (column, value) in enumerate((c, v) for c, vs in EDGES.items() for v in vs)]
    (folder / "edges.export.CSV").write_text("\n".join(edges) + "\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "two.zip", "w") as zf:
        zf.writestr("a.export.CSV", gdelt_row(GLOBALEVENTID="30") + "\n")
        zf.writestr("b.export.CSV", gdelt_row(GLOBALEVENTID="31") + "\n" + gdelt_row(GLOBALEVENTID="30") + "\n")
    (folder / "g.export.CSV.gz").write_bytes(gzip.compress((gdelt_row(GLOBALEVENTID="40") + "\n").encode()))
    from blocwatch.ingest.gdelt import GDELT_V1

    header = ",".join(GDELT_V1.fields)
    rows = [gdelt_row(version=1, delimiter=",", GLOBALEVENTID="50", Actor1Name='"SEOUL, KOREA"'),
            gdelt_row(version=1, delimiter=",", GLOBALEVENTID="51", SQLDATE="null")]
    (folder / "bq.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def engines(spark, inputs, tmp_path_factory):
    return both_engines(spark, [inputs], tmp_path_factory.mktemp("engines"))


def test_every_table_is_the_duckdb_engines_row_for_row(engines):
    duck, via_spark, expected, got = engines
    assert_same_stores(duck, via_spark)
    assert [(f.file, f.lines, f.inserted, f.duplicates, f.quarantined, f.first_problem) for f in got.files] == \
        [(f.file, f.lines, f.inserted, f.duplicates, f.quarantined, f.first_problem) for f in expected.files]
    for f in got.files:
        assert f.lines == f.header_lines + f.blank_lines + f.inserted + f.duplicates + f.quarantined


def test_bad_lines_are_quarantined_with_their_line_and_reason(engines, inputs):
    _, _, _, got = engines
    bad = next(f for f in got.files if f.file.endswith("bad.export.CSV"))
    assert (bad.lines, bad.blank_lines, bad.inserted, bad.duplicates, bad.quarantined) == (9, 1, 2, 1, 5)
    from blocwatch import EventStore

    with EventStore(engines[1], read_only=True) as store:
        rows = store.query("SELECT line, reason FROM quarantine WHERE file LIKE '%bad.export.CSV' ORDER BY line")
        assert [tuple(r.values()) for r in rows.to_pylist()] == [
            (2, 'SQLDATE: "20240230" is not a date (YYYYMMDD)'),
            (4, 'EventCode: "999" is not a CAMEO event code'),
            (5, "expected 57, 58 or 61 tab-separated fields, found 2"),
            (7, 'NumMentions: "x" is not an integer'),
            (9, 'SQLDATE: "2024" is not a date (YYYYMMDD)'),
        ]
        raw = store.query("SELECT line, reason, raw_bytes FROM quarantine WHERE file LIKE '%bytes.export.CSV' "
                          "ORDER BY line").to_pylist()
        assert [(r["line"], r["reason"]) for r in raw] == [
            (2, "not valid UTF-8 (byte 0xE9 at byte 42 of the line)"), (3, "carriage return (CR) inside the line")]
        assert raw[0]["raw_bytes"].endswith(b"treaty")
        origins = dict(tuple(r.values()) for r in store.query(
            "SELECT event_id, origin FROM events WHERE event_id IN ('gdelt1:4', 'gdelt2:1')").to_pylist())
        assert origins == {"gdelt1:4": "gdelt1", "gdelt2:1": "gdelt2"}


def test_the_run_folder_has_exactly_the_stores_schemas(engines, tmp_path_factory):
    run = engines[1].parent / "run"
    for table, columns in (("events", EVENT_COLUMNS), ("quarantine", QUARANTINE_COLUMNS),
                           ("ingests", INGEST_COLUMNS)):
        schema = pq.read_schema(next((run / table).glob("*.parquet")))
        assert [(f.name, f.type) for f in schema] == [(c.name, c.arrow_type) for c in columns], table
        data = pq.read_table(run / table)
        for c in columns:
            if c.not_null:
                assert data[c.name].null_count == 0, (table, c.name)


def test_an_empty_event_code_is_quarantined(spark, tmp_path, write):
    # The DuckDB engine refuses such a file whole (its reader gives the ENUM NULL, and the NOT NULL
    # constraint on events.cameo fails the batch); Spark keeps the other rows and says why.
    path = write("e.export.CSV", gdelt_row(GLOBALEVENTID="1") + "\n" + gdelt_row(GLOBALEVENTID="2", EventCode="")
                 + "\n")
    (f,) = SparkIngest(spark).run([path], "gdelt", tmp_path / "run").files
    assert (f.inserted, f.quarantined, f.first_problem) == (1, 1, (2, "EventCode is empty"))


def test_a_run_never_overwrites_another(spark, tmp_path, write):
    path = write("a.export.CSV", gdelt_row() + "\n")
    SparkIngest(spark).run([path], "gdelt", tmp_path / "run")
    with pytest.raises(InputError, match="already holds a blocwatch run"):
        SparkIngest(spark).run([path], "gdelt", tmp_path / "run")
    with pytest.raises(InputError, match="no such file"):
        SparkIngest(spark).run([tmp_path / "missing"], "gdelt", tmp_path / "run2")
