"""GDELT importer on small hand-built files with exact expected values."""

from __future__ import annotations

import datetime as dt
import gzip
import zipfile
from pathlib import Path

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from tests.helpers import gdelt_row


def events(store: EventStore, columns: str = "*") -> list[dict]:
    return store.query(f"SELECT {columns} FROM events ORDER BY event_id").to_pylist()


def test_v2_row_maps_to_every_event_field(store, write):
    path = write("a.export.CSV", gdelt_row(GLOBALEVENTID="1218708175") + "\n")
    result = ingest_files(store, [path], "gdelt")
    assert (result.inserted, result.duplicates, result.quarantined) == (1, 0, 0)
    (ev,) = events(store)
    assert ev["event_id"] == "gdelt2:1218708175"
    assert ev["origin"] == "gdelt2" and ev["origin_id"] == "1218708175"
    assert ev["date"] == dt.date(2024, 6, 19) and ev["date_precision"] == "day"
    assert (ev["source"], ev["source_name"], ev["source_country"]) == ("RUS", "RUSSIA", "RUS")
    assert (ev["target"], ev["target_country"]) == ("PRK", "PRK")
    assert (ev["cameo"], ev["cameo_root"], ev["quad_class"], ev["goldstein"]) == ("057", "05", 1, 8.0)
    assert (ev["plover"], ev["plover_mode"]) == ("SUPPORT", None)
    assert ev["mode"] == "factual" and ev["is_root"] is True
    assert (ev["mentions"], ev["sources"], ev["articles"], ev["tone"]) == (10, 2, 10, 1.5)
    assert ev["location_name"] == "Pyongyang, P'yongyang-si, North Korea"
    assert ev["location_country"] == "PRK"  # FIPS KN
    assert (ev["latitude"], ev["longitude"]) == (39.0194, 125.755)
    assert ev["reported_at"] == dt.datetime(2024, 6, 19, 12, 0)
    assert ev["url"] == "https://example.org/treaty"
    assert ev["evidence_text"] is None and ev["doc_id"] is None


def test_cameo_country_codes_become_iso3(store, write):
    rows = [
        gdelt_row(GLOBALEVENTID="1", Actor1CountryCode="ROM", Actor2CountryCode="TMP", ActionGeo_CountryCode="RS"),
        gdelt_row(GLOBALEVENTID="2", Actor1CountryCode="AFR", Actor2CountryCode="", ActionGeo_CountryCode=""),
    ]
    ingest_files(store, [write("c.CSV", "\n".join(rows) + "\n")], "gdelt")
    got = events(store, "origin_id, source_country, target_country, location_country")
    assert got == [
        {"origin_id": "1", "source_country": "ROU", "target_country": "TLS", "location_country": "RUS"},
        {"origin_id": "2", "source_country": None, "target_country": None, "location_country": None},
    ]


def test_plover_type_comes_from_the_cameo_code(store, write):
    rows = [gdelt_row(GLOBALEVENTID=str(i), EventCode=c, QuadClass=q) for i, (c, q) in
            enumerate([("042", "1"), ("0874", "2"), ("1031", "3"), ("190", "4"), ("010", "1")])]
    ingest_files(store, [write("p.CSV", "\n".join(rows) + "\n")], "gdelt")
    got = [(e["cameo"], e["plover"], e["plover_mode"]) for e in events(store, "cameo, plover, plover_mode")]
    assert sorted(got) == [("010", None, None), ("042", "CONSULT", "visit"), ("0874", "RETREAT", "disarm"),
                           ("1031", "REQUEST", "assist"), ("190", "ASSAULT", None)]


def test_v1_58_and_57_field_rows_in_one_file(store, write):
    lines = [
        gdelt_row(version=1, GLOBALEVENTID="10"),
        gdelt_row(version=1, url=False, GLOBALEVENTID="11"),
        gdelt_row(version=1, GLOBALEVENTID="12"),
    ]
    result = ingest_files(store, [write("mixed.csv", "\n".join(lines) + "\n")], "gdelt")
    assert (result.inserted, result.quarantined) == (3, 0)
    got = events(store, "event_id, url, reported_at")
    assert got == [
        {"event_id": "gdelt1:10", "url": "https://example.org/treaty", "reported_at": dt.datetime(2024, 6, 19)},
        {"event_id": "gdelt1:11", "url": None, "reported_at": dt.datetime(2024, 6, 19)},
        {"event_id": "gdelt1:12", "url": "https://example.org/treaty", "reported_at": dt.datetime(2024, 6, 19)},
    ]


def test_v1_and_v2_rows_mixed(store, write):
    lines = [gdelt_row(GLOBALEVENTID="20"), gdelt_row(version=1, GLOBALEVENTID="21"), gdelt_row(GLOBALEVENTID="22")]
    result = ingest_files(store, [write("m.CSV", "\n".join(lines) + "\n")], "gdelt")
    assert result.files[0].format == "gdelt2"
    assert [e["event_id"] for e in events(store, "event_id")] == ["gdelt1:21", "gdelt2:20", "gdelt2:22"]


def test_comma_separated_with_header_quotes_and_null(store, write):
    from blocwatch.ingest.gdelt import GDELT_V1

    header = ",".join(GDELT_V1.fields)
    row = gdelt_row(version=1, delimiter="\x1f", GLOBALEVENTID="30", Actor1Code="null", Actor1Name="null",
                    Actor1CountryCode="null", ActionGeo_FullName='"Missouri, United States"',
                    ActionGeo_CountryCode="US").replace("\x1f", ",")
    result = ingest_files(store, [write("bq.csv", header + "\n" + row + "\n")], "gdelt")
    assert result.files[0].header_lines == 1
    assert (result.inserted, result.quarantined) == (1, 0)
    (ev,) = events(store, "event_id, source, source_country, location_name, location_country")
    assert ev == {"event_id": "gdelt1:30", "source": None, "source_country": None,
                  "location_name": "Missouri, United States", "location_country": "USA"}


def test_header_columns_may_come_in_any_order(store, write):
    from blocwatch.ingest.gdelt import GDELT_V2

    fields = list(GDELT_V2.fields)
    row = gdelt_row(GLOBALEVENTID="40").split("\t")
    order = list(reversed(range(len(fields))))
    text = "\t".join(fields[i] for i in order) + "\n" + "\t".join(row[i] for i in order) + "\n"
    ingest_files(store, [write("rev.tsv", text)], "gdelt")
    (ev,) = events(store, "event_id, cameo, source_country")
    assert ev == {"event_id": "gdelt2:40", "cameo": "057", "source_country": "RUS"}


def test_header_missing_a_needed_column_is_an_error(store, write):
    from blocwatch.ingest.gdelt import GDELT_V2

    fields = [f for f in GDELT_V2.fields if f != "EventCode"]
    result = ingest_files(store, [write("h.tsv", "\t".join(fields) + "\n")], "gdelt")
    (f,) = result.files
    assert f.error is not None and "lacks columns EventCode" in str(f.error) and f.error.line == 1
    assert store.count("events") == 0


def test_zip_gzip_and_plain_copies_are_the_same_events(store, write, tmp_path):
    text = "\n".join(gdelt_row(GLOBALEVENTID=str(i)) for i in range(50, 55)) + "\n"
    plain = write("20240619.export.CSV", text)
    with zipfile.ZipFile(tmp_path / "20240619.export.CSV.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("20240619.export.CSV", text)
    (tmp_path / "x.gz").write_bytes(gzip.compress(text.encode()))
    result = ingest_files(store, [tmp_path / "20240619.export.CSV.zip", plain, tmp_path / "x.gz"], "gdelt")
    assert result.files[0].file.endswith(".zip:20240619.export.CSV")
    assert [f.inserted + f.duplicates for f in result.files] == [5, 5, 5]
    assert result.inserted == 5 and result.duplicates == 10
    assert store.count("events") == 5


def test_same_file_twice_in_one_call_and_again_later(store, write):
    path = write("t.CSV", "\n".join(gdelt_row(GLOBALEVENTID=str(i)) for i in range(7)) + "\n")
    first = ingest_files(store, [path, path], "gdelt")
    assert [(f.inserted, f.duplicates) for f in first.files] == [(7, 0), (0, 7)]
    again = ingest_files(store, [path], "gdelt")
    assert (again.inserted, again.duplicates) == (0, 7)
    assert store.count("events") == 7
    assert store.count("ingests") == 3


def test_duplicate_ids_within_one_file_are_stored_once(store, write):
    path = write("d.CSV", "\n".join(gdelt_row(GLOBALEVENTID=i) for i in ["1", "2", "1"]) + "\n")
    result = ingest_files(store, [path], "gdelt")
    assert (result.inserted, result.duplicates) == (2, 1)
    assert store.count("events") == 2


def test_bad_values_are_quarantined_with_line_and_reason(store, write):
    lines = [
        gdelt_row(GLOBALEVENTID="1"),
        gdelt_row(GLOBALEVENTID="x2"),
        gdelt_row(GLOBALEVENTID="3", SQLDATE="20241301"),
        gdelt_row(GLOBALEVENTID="4", EventCode="999"),
        gdelt_row(GLOBALEVENTID="5", QuadClass="7"),
        gdelt_row(GLOBALEVENTID="6", GoldsteinScale="high"),
        gdelt_row(GLOBALEVENTID="7", SQLDATE=""),
        gdelt_row(GLOBALEVENTID="8"),
    ]
    result = ingest_files(store, [write("bad.CSV", "\n".join(lines) + "\n")], "gdelt")
    (f,) = result.files
    assert (f.lines, f.inserted, f.quarantined) == (8, 2, 6)
    got = store.query("SELECT line, reason FROM quarantine ORDER BY line").to_pylist()
    assert got == [
        {"line": 2, "reason": 'GLOBALEVENTID: "x2" is not an integer event id'},
        {"line": 3, "reason": 'SQLDATE: "20241301" is not a date (YYYYMMDD)'},
        {"line": 4, "reason": 'EventCode: "999" is not a CAMEO event code'},
        {"line": 5, "reason": 'QuadClass: "7" is not a quad class (1-4)'},
        {"line": 6, "reason": 'GoldsteinScale: "high" is not a number'},
        {"line": 7, "reason": "SQLDATE is empty"},
    ]
    assert f.first_problem == (2, 'GLOBALEVENTID: "x2" is not an integer event id')
    raw = store.query("SELECT raw FROM quarantine WHERE line = 4").to_pylist()[0]["raw"]
    assert raw == lines[3]


def test_reingest_does_not_duplicate_quarantine(store, write):
    path = write("q.CSV", gdelt_row(GLOBALEVENTID="1") + "\n" + "only\tthree\tfields\n")
    for _ in range(2):
        result = ingest_files(store, [path], "gdelt")
        assert (result.files[0].quarantined, result.files[0].lines) == (1, 2)
    assert store.count("quarantine") == 1
    assert store.count("events") == 1


def test_ingest_log_records_every_count(store, write):
    text = "\n" + gdelt_row(GLOBALEVENTID="1") + "\n\n" + "bad line\n" + gdelt_row(GLOBALEVENTID="2")
    ingest_files(store, [write("log.CSV", text)], "gdelt")
    (row,) = store.query("SELECT * FROM ingests").to_pylist()
    assert {k: row[k] for k in ("format", "lines", "header_lines", "blank_lines", "inserted", "duplicates",
                                "quarantined")} == {
        "format": "gdelt2", "lines": 5, "header_lines": 0, "blank_lines": 2, "inserted": 2,
        "duplicates": 0, "quarantined": 1}
    assert row["file"].endswith("log.CSV") and len(row["file_sha256"]) == 64


def test_folder_is_read_recursively_skipping_hidden_files(store, write, tmp_path):
    write("in/a.CSV", gdelt_row(GLOBALEVENTID="1") + "\n")
    write("in/sub/b.CSV", gdelt_row(GLOBALEVENTID="2") + "\n")
    write("in/.hidden/c.CSV", gdelt_row(GLOBALEVENTID="3") + "\n")
    result = ingest_files(store, [tmp_path / "in"], "gdelt")
    assert [Path(f.file).name for f in result.files] == ["a.CSV", "b.CSV"]
    assert store.count("events") == 2


def test_missing_path_raises_before_anything_is_stored(store, write, tmp_path):
    from blocwatch.errors import InputError

    good = write("g.CSV", gdelt_row() + "\n")
    with pytest.raises(InputError, match="no such file or folder"):
        ingest_files(store, [good, tmp_path / "nope.CSV"], "gdelt")
    assert store.count("events") == 0


def test_progress_reports_every_byte(store, write):
    from blocwatch.progress import RecordingProgress

    paths = [write(f"{i}.CSV", gdelt_row(GLOBALEVENTID=str(i)) + "\n") for i in range(3)]
    progress = RecordingProgress()
    ingest_files(store, paths, "gdelt", progress=progress)
    size = sum(p.stat().st_size for p in paths)
    assert (progress.task, progress.total, progress.done, progress.finished) == ("loading", size, size, True)


def test_lines_that_are_not_utf8_are_quarantined_and_the_rest_stored(store, write):
    """Found by fuzzing: bytes DuckDB's reader let through made the whole batch fail."""
    good = [gdelt_row(GLOBALEVENTID=str(i)) for i in (1, 3)]
    bad = gdelt_row(GLOBALEVENTID="2", SOURCEURL="https://example.org/t").encode().replace(b"/t", b"/t\xc1ZO\x80\xda")
    data = good[0].encode() + b"\n" + bad + b"\n" + good[1].encode() + b"\n"
    (f,) = ingest_files(store, [write("u.CSV", data)], "gdelt").files
    assert (f.error, f.lines, f.inserted, f.quarantined) == (None, 3, 2, 1)
    (row,) = store.query("SELECT line, reason, raw_bytes FROM quarantine").to_pylist()
    at = bad.index(b"\xc1") + 1
    assert row == {"line": 2, "reason": f"not valid UTF-8 (byte 0xC1 at byte {at} of the line)", "raw_bytes": bad}


def test_a_comma_header_with_a_cr_inside_refuses_the_file(store, write):
    """Found by fuzzing: Python's CSV reader raised on the header; now the file is refused at line 1."""
    from blocwatch.ingest.gdelt import GDELT_V1

    header = ",".join(GDELT_V1.fields).replace("SQLDATE", "SQL\rDATE")
    row = gdelt_row(version=1, delimiter=",", GLOBALEVENTID="30")
    (f,) = ingest_files(store, [write("bq.csv", header + "\n" + row + "\n")], "gdelt").files
    assert f.error is not None and f.error.line == 1
    assert store.count("events") == 0



def test_an_empty_event_code_is_quarantined_not_the_whole_file(store, write):
    """DuckDB's reader read an empty EventCode as NULL (its type check is skipped when the query
    only casts the column to text), and the store's NOT NULL refused the whole file."""
    rows = [gdelt_row(GLOBALEVENTID="1"), gdelt_row(GLOBALEVENTID="2", EventCode=""), "",
            gdelt_row(GLOBALEVENTID="3", EventCode="", EventBaseCode="", EventRootCode=""),
            gdelt_row(GLOBALEVENTID="4")]
    (f,) = ingest_files(store, [write("e.CSV", "\n".join(rows) + "\n")], "gdelt").files
    assert (f.error, f.lines, f.blank_lines, f.inserted, f.quarantined) == (None, 5, 1, 2, 2)
    got = store.query("SELECT line, reason, raw FROM quarantine ORDER BY line").to_pylist()
    assert got == [{"line": 2, "reason": "EventCode is empty", "raw": rows[1]},
                   {"line": 4, "reason": "EventCode is empty", "raw": rows[3]}]


@pytest.mark.parametrize("blank_after", [1, 2])
def test_a_short_row_before_a_blank_line_is_quarantined_once(store, write, blank_after):
    """DuckDB's reader reports a short row with a bad value twice, the second time against the blank
    line after it (found by the fuzzer); the row is quarantined once and the blank line stays blank."""
    row = "\t".join([""] * 7 + ["0", "010", "010", "01", "1", "0.0", "4", "1", "4", "-0.6", "4", "Seoul, South Korea",
                                "KS", "KS11", "24984", "37.5", "127", "-71", "4", "Beijing, not a code"])
    (f,) = ingest_files(store, [write("short.export.CSV", row + "\n" * (1 + blank_after))], "gdelt").files
    assert (f.lines, f.blank_lines, f.inserted, f.quarantined) == (1 + blank_after, blank_after, 0, 1)
    assert f.first_problem is not None and f.first_problem[0] == 1
    assert store.count("quarantine") == 1
