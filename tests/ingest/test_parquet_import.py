"""Run folders (what --engine spark writes) into a store: renumbered, nothing twice, refused when incomplete."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from blocwatch import EventStore
from blocwatch.errors import InputError
from blocwatch.ingest import ingest_files
from blocwatch.ingest.parquet import export_run, import_parquet
from tests.helpers import gdelt_row


@pytest.fixture
def run(tmp_path, write):
    rows = [gdelt_row(GLOBALEVENTID=str(i), SQLDATE=f"2024061{i}") for i in range(1, 5)] + ["a\tb"]
    path = write("a.export.CSV", "\n".join(rows) + "\n")
    with EventStore(tmp_path / "source.duckdb") as store:
        ingest_files(store, [path], "gdelt")
        export_run(store, tmp_path / "run")
    return tmp_path / "run"


def test_ids_follow_the_stores_and_stored_events_are_duplicates(run, tmp_path, write):
    with EventStore(tmp_path / "target.duckdb") as store:
        ingest_files(store, [write("b.export.CSV", gdelt_row(GLOBALEVENTID="1") + "\n")], "gdelt")
        (f,) = import_parquet(store, run).files
        assert (f.lines, f.inserted, f.duplicates, f.quarantined, f.first_problem) == \
            (5, 3, 1, 1, (5, "expected 57, 58 or 61 tab-separated fields, found 2"))
        assert store.query("SELECT max(ingest_id) AS i FROM ingests").to_pylist() == [{"i": 2}]
        assert store.count("events") == 4 and store.count("quarantine") == 1
        again = import_parquet(store, run)
        assert (again.inserted, again.duplicates, again.quarantined) == (0, 4, 1)
        assert store.count("events") == 4 and store.count("quarantine") == 1 and store.count("ingests") == 3
        assert store.query("SELECT DISTINCT ingest_id FROM events ORDER BY 1").column(0).to_pylist() == [1, 2]


def test_an_interrupted_run_is_refused(run, tmp_path):
    shutil.rmtree(run / "ingests")
    with EventStore(tmp_path / "t.duckdb") as store, pytest.raises(InputError, match="not a finished blocwatch run"):
        import_parquet(store, run)
    with EventStore(tmp_path / "t.duckdb") as store, pytest.raises(InputError, match="no such run folder"):
        import_parquet(store, tmp_path / "nowhere")


def test_tables_that_are_not_the_stores_are_refused(run, tmp_path):
    events = pq.read_table(run / "events")
    pq.write_table(events.drop_columns(["tone"]).append_column("extra", pa.array([1] * events.num_rows)),
                   run / "events" / "part-0.parquet")
    with EventStore(tmp_path / "t.duckdb") as store, pytest.raises(InputError, match="lacks tone; has extra extra"):
        import_parquet(store, run)
    assert EventStore(tmp_path / "t.duckdb", read_only=True).count("events") == 0


def test_counts_that_do_not_add_up_are_refused_and_nothing_is_stored(run, tmp_path):
    log = pq.read_table(run / "ingests").to_pylist()
    log[0]["lines"] += 1
    pq.write_table(pa.Table.from_pylist(log, schema=pq.read_schema(run / "ingests" / "part-0.parquet")),
                   run / "ingests" / "part-0.parquet")
    with EventStore(tmp_path / "t.duckdb") as store:
        with pytest.raises(InputError, match="do not add up"):
            import_parquet(store, run)
        assert store.count("events") == 0 and store.count("ingests") == 0


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_corrupt_parquet_file_is_an_input_error_and_nothing_is_stored(run, tmp_path, damage):
    """Found by fuzzing: DuckDB's own errors escaped (the command line called them a bug)."""
    part = run / "events" / "part-0.parquet"
    data = bytearray(part.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        for i in range(len(data) // 3, len(data) // 3 + 64):
            data[i] ^= 0xFF
    part.write_bytes(bytes(data))
    with EventStore(tmp_path / "t.duckdb") as store:
        with pytest.raises(InputError) as err:
            import_parquet(store, run)
        assert err.value.file == str(run)
        assert store.count("events") == 0 and store.count("ingests") == 0
