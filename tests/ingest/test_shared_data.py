"""The importers on the real third-party data in ../shared/data: every line accounted for."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files

pytestmark = pytest.mark.shared


def physical_lines(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


@pytest.mark.slow
def test_all_gdelt_v2_exports_ingest_once(shared, tmp_path):
    files = sorted((shared / "gdelt" / "v2").glob("*.export.CSV"))
    lines = sum(physical_lines(f) for f in files)
    assert (len(files), lines) == (92, 129_300)
    with EventStore(tmp_path / "v2.duckdb") as store:
        first = ingest_files(store, [shared / "gdelt" / "v2"], "gdelt")
        assert first.inserted + first.quarantined == lines
        assert store.count("events") + store.count("quarantine") == lines
        assert store.count("events") == 129_300
        assert all(f.format == "gdelt2" and f.error is None for f in first.files)
        second = ingest_files(store, [shared / "gdelt" / "v2"], "gdelt")
        assert (second.inserted, second.duplicates, second.quarantined) == (0, first.inserted, first.quarantined)
        assert store.count("events") == first.inserted
        # the stored rows are the file's rows: ids and codes agree with a plain reading
        expected = {}
        for f in files:
            for line in f.read_text(encoding="utf-8").splitlines():
                fields = line.split("\t")
                expected[f"gdelt2:{fields[0]}"] = (fields[26], float(fields[30]), int(fields[29]))
        got = {r["event_id"]: (r["cameo"], r["goldstein"], r["quad_class"])
               for r in store.query("SELECT event_id, cameo, goldstein, quad_class FROM events").to_pylist()}
        assert got == expected


@pytest.mark.parametrize(
    ("relpath", "header"),
    [
        ("v1/20151207.export.CSV.small", 0),
        ("v1/20160728.events.csv", 0),
        ("v1/bigquery-export-2014-with-header.csv", 1),
        ("mixed/events-history.csv", 0),
        ("mixed/events.csv", 0),
        ("mixed/events1.csv", 0),
        ("mixed/eventsT.csv", 0),
    ],
)
def test_gdelt_v1_and_mixed_width_files_account_for_every_row(shared, tmp_path, relpath, header):
    path = shared / "gdelt" / relpath
    lines = physical_lines(path)
    with EventStore(tmp_path / "s.duckdb") as store:
        (f,) = ingest_files(store, [path], "gdelt").files
        assert f.error is None
        assert f.header_lines == header
        assert f.header_lines + f.blank_lines + f.inserted + f.duplicates + f.quarantined == lines
        assert store.count("events") + store.count("quarantine") + f.duplicates == lines - header - f.blank_lines
        assert f.inserted > 0


def test_mixed_57_and_58_field_file_reads_both_widths(shared, tmp_path):
    path = shared / "gdelt" / "mixed" / "events1.csv"
    widths = [line.count("\t") + 1 for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(set(widths)) == [57, 58]
    with EventStore(tmp_path / "s.duckdb") as store:
        ingest_files(store, [path], "gdelt")
        with_url = store.query("SELECT count(*) AS n FROM events WHERE url IS NOT NULL").to_pylist()[0]["n"]
        total = store.count("events")
    assert total == len(widths)
    # 57-field rows (historical backfile) have no SOURCEURL; 58-field rows may have one
    assert with_url <= widths.count(58)


def test_icews_sample_keeps_cameo_codes_and_intensities(shared, tmp_path):
    path = shared / "icews" / "icews_sample_2018-06.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        source = {r["event_id"]: r for r in csv.DictReader(fh)}
    with EventStore(tmp_path / "s.duckdb") as store:
        result = ingest_files(store, [path], "icews")
        assert (result.inserted, result.quarantined) == (len(source), 0)
        rows = store.query(
            "SELECT origin_id, cameo, goldstein, date, source_country, target_country, doc_id FROM events"
        ).to_pylist()
    assert len(rows) == 4993
    for r in rows:
        src = source[r["origin_id"]]
        assert r["cameo"] == src["cameo_code"]
        assert r["goldstein"] == float(src["intensity"])
        assert r["date"].isoformat() == src["event_date"]
        assert r["doc_id"] == src["story_id"]
    # country names resolve to ISO codes for all but a handful of events
    named = [r for r in rows if source[r["origin_id"]]["source_country"]]
    resolved = [r for r in named if r["source_country"]]
    assert len(resolved) / len(named) > 0.99
    by_id = {r["origin_id"]: r for r in rows}
    assert by_id["32889836"]["source_country"] == "BGD" and by_id["32889836"]["target_country"] == "VNM"


@pytest.mark.parametrize(("relpath", "dataset", "command"), [
    ("icews/icews_sample_2018-06.csv", "ICEWS", "ingest icews"),
    ("acled/dkoban__geo_stuff__ACLED.csv", "ACLED", "ingest acled"),
])
def test_another_datasets_file_given_as_gdelt_is_refused_with_the_command_to_use(shared, tmp_path, relpath,
                                                                                  dataset, command):
    """Read as GDELT, every row of these files would be quarantined; the file is refused instead, with
    the command that reads it, and nothing is stored or quarantined."""
    path = shared / relpath
    with EventStore(tmp_path / "s.duckdb") as store:
        result = ingest_files(store, [path], "gdelt")
        assert (result.inserted, result.quarantined) == (0, 0)
        (error,) = result.errors
        assert str(error.error) == (f"{path}:1: not a GDELT file: line 1 is the header of an {dataset} file; read it "
                              f"with `blocwatch {command}`")
        assert store.count("quarantine") == 0
