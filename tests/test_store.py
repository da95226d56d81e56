"""The event store: creation, read-only use, locks, versions, lookups."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from blocwatch import EventStore, StoreBusy, StoreError
from blocwatch.schema import EVENT_COLUMNS, SCHEMA_VERSION


def test_new_store_has_tables_and_lookups(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as s:
        assert [s.count(t) for t in ("events", "quarantine", "ingests")] == [0, 0, 0]
        assert s.count("cameo_codes") == 317
        assert s.count("countries") == 235
        cols = [r["column_name"] for r in s.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position"
        ).to_pylist()]
        assert cols == [c.name for c in EVENT_COLUMNS]
        row = s.query("SELECT * FROM cameo_codes WHERE code = '1123'").to_pylist()[0]
        assert (row["name"], row["quad_class"], row["plover"], row["plover_mode"]) == (
            "Accuse of aggression", 3, "ACCUSE", "allege")


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no event store here"):
        EventStore(tmp_path / "missing.duckdb", read_only=True)


def test_folder_must_exist(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        EventStore(tmp_path / "no" / "s.duckdb")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    with EventStore(path) as s:
        s.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer blocwatch"):
            EventStore(path, read_only=read_only)


def test_a_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "s.duckdb"
    EventStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from blocwatch import EventStore
            s = EventStore({str(path)!r})
            print("open", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreBusy) as err:
            EventStore(path)
        assert "in use by another blocwatch or DuckDB process" in str(err.value)
        assert f"(PID {holder.pid})" in str(err.value)
    finally:
        holder.communicate("\n", timeout=30)


def test_lookup_tables_are_rebuilt_when_codebooks_change(tmp_path):
    path = tmp_path / "s.duckdb"
    with EventStore(path) as s:
        s.con.execute("DELETE FROM cameo_codes")
        s.con.execute("UPDATE meta SET value = 'stale' WHERE key = 'lookup_fingerprint'")
    with EventStore(path) as s:
        assert s.count("cameo_codes") == 317


def test_stats_and_quarantine_listing(store, write):
    from blocwatch.ingest import ingest_files
    from tests.helpers import gdelt_row

    text = "\n".join([gdelt_row(GLOBALEVENTID="1"), gdelt_row(GLOBALEVENTID="2", Actor2CountryCode="KOR"),
                      gdelt_row(GLOBALEVENTID="3"), "bad"]) + "\n"
    path = write("a.CSV", text)
    ingest_files(store, [path], "gdelt")
    stats = store.stats()
    assert (stats.events, stats.quarantined, stats.files) == (3, 1, 1)
    assert [(o.origin, o.events) for o in stats.origins] == [("gdelt2", 3)]
    assert stats.top_dyads == [("RUS", "PRK", 2), ("RUS", "KOR", 1)]
    assert stats.quarantine_reasons == [("expected 57, 58 or 61 tab-separated fields, found 1", 1)]
    listing = store.quarantined(file_contains="a.CSV").to_pylist()
    assert listing == [{"file": str(path), "line": 4,
                        "reason": "expected 57, 58 or 61 tab-separated fields, found 1", "raw": "bad"}]
    assert store.quarantined(file_contains="other").num_rows == 0


def test_duckdb_never_prints_its_own_progress_bar(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as s:
        printing, tracking = s.con.execute(
            "SELECT current_setting('enable_progress_bar_print'), current_setting('enable_progress_bar')"
        ).fetchall()[0]
    assert (printing, tracking) == (False, True)


def test_cursors_let_threads_read_one_store_at_once(tmp_path, write):
    from concurrent.futures import ThreadPoolExecutor

    from blocwatch.ingest import ingest_files
    from tests.helpers import gdelt_row

    path = tmp_path / "s.duckdb"
    with EventStore(path) as s:
        ingest_files(s, [write("a.export.CSV", "\n".join(gdelt_row(GLOBALEVENTID=str(i)) for i in range(50)))],
                     "gdelt")

    with EventStore(path, read_only=True) as store:
        def count(_: int) -> tuple[int, bool]:
            with store.cursor() as view:
                assert view.read_only and view.path == store.path and view.con is not store.con
                printing = view.con.execute("SELECT current_setting('enable_progress_bar_print')").fetchall()[0][0]
                return sum(view.count("events") for _ in range(20)), printing

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(count, range(64)))
        assert results == [(50 * 20, False)] * 64
        assert store.count("events") == 50  # closing the views left the store open


def test_a_writer_waits_for_the_store_then_opens_it(tmp_path):
    path = tmp_path / "held.duckdb"
    EventStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from blocwatch import EventStore
            with EventStore({str(path)!r}):
                print("open", flush=True)
                time.sleep(1.5)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreBusy, match="in use by another"):
            EventStore(path, wait=0.3)  # gives up before the holder is done
        with EventStore(path, wait=20) as store:  # waits until it is
            assert store.count("events") == 0
    finally:
        holder.wait(timeout=30)


def test_a_store_of_schema_1_is_upgraded_when_opened_for_writing(tmp_path):
    """Stores written before PLOVER-only events (cameo required, no doc_title or fatalities) are
    upgraded in place, their events kept."""
    import duckdb

    from blocwatch.schema import SCHEMA_VERSION

    path = tmp_path / "old.duckdb"
    EventStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE events")
    con.execute("CREATE TABLE events (event_id VARCHAR NOT NULL, date DATE NOT NULL, cameo VARCHAR NOT NULL, "
                "cameo_root VARCHAR NOT NULL, origin VARCHAR NOT NULL)")
    con.execute("INSERT INTO events VALUES ('x:1', DATE '2024-01-02', '042', '04', 'x')")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with EventStore(path) as store:
        store.con.execute("INSERT INTO events (event_id, date, origin, fatalities, confidence) VALUES ('x:2', "
                          "DATE '2024-01-03', 'x', 3, 0.5)")
        assert store.query("SELECT event_id, cameo, fatalities, confidence FROM events ORDER BY 1").to_pylist() == [
            {"event_id": "x:1", "cameo": "042", "fatalities": None, "confidence": None},
            {"event_id": "x:2", "cameo": None, "fatalities": 3, "confidence": 0.5}]
        version = store.query("SELECT value FROM meta WHERE key = 'schema_version'").to_pylist()
    assert version == [{"value": str(SCHEMA_VERSION)}] and SCHEMA_VERSION == 4


def test_a_store_of_schema_3_keeps_only_the_start_of_huge_quarantined_lines(tmp_path):
    """Before schema 4 a quarantined line was kept whole (a 200 MB line made listing a small table
    slow); upgrading clips it to its start and records its length and hash."""
    import hashlib

    import duckdb

    from blocwatch.schema import RAW_PREFIX_BYTES

    path = tmp_path / "old.duckdb"
    EventStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE quarantine DROP COLUMN raw_length")
    con.execute("ALTER TABLE quarantine DROP COLUMN raw_sha256")
    huge, small = "é" * 100_000, "short line"
    for line, raw in ((1, huge), (2, small)):
        con.execute("INSERT INTO quarantine VALUES (1, 'f.csv', 'abc', ?, 'why', ?, NULL, 'gdelt', now())",
                    [line, raw])
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    with EventStore(path) as store:
        got = store.query("SELECT line, strlen(raw) AS kept, raw_length, raw_sha256 FROM quarantine "
                          "ORDER BY line").to_pylist()
    assert got == [
        {"line": 1, "kept": len(huge[:RAW_PREFIX_BYTES].encode()), "raw_length": 200_000,
         "raw_sha256": hashlib.sha256(huge.encode()).hexdigest()},
        {"line": 2, "kept": len(small), "raw_length": len(small), "raw_sha256": None},
    ]
