"""Snapshots: a server reads copies of the store, renewed when the store changes, so that
writers never wait for readers (and readers never see half a write)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from blocwatch import EventStore
from blocwatch.errors import StoreBusy, StoreError
from blocwatch.ingest import ingest_files
from blocwatch.snapshot import Snapshots, publish_snapshot, snapshot_paths
from tests.helpers import gdelt_row


def add_events(db, write, ids):
    rows = [gdelt_row(GLOBALEVENTID=str(i)) for i in ids]
    with EventStore(db) as store:
        ingest_files(store, [write(f"e{ids[0]}.CSV", "\n".join(rows) + "\n")], "gdelt")


def count(snaps):
    with snaps.current() as (generation, store):
        return generation, store.count("events")


@pytest.fixture
def db(tmp_path, write):
    path = tmp_path / "s.duckdb"
    add_events(path, write, [1, 2])
    return path


def test_a_new_copy_each_time_and_the_old_ones_deleted(db, write):
    snaps = Snapshots(db, every=0)
    try:
        assert count(snaps) == (1, 2)
        first = snaps.path
        assert snapshot_paths(db) == [first] and first.name.startswith(".s.duckdb.snapshot.")
        assert not snaps.refresh(force=True)  # nothing changed: no copy
        add_events(db, write, [3, 4, 5])
        assert count(snaps) == (2, 5)  # a reader's look takes the write in
        assert snapshot_paths(db) == [snaps.path] and not first.exists()
    finally:
        snaps.close()
    # a second server starts from the newest copy when the store has not changed since
    again = Snapshots(db)
    try:
        assert count(again) == (1, 5) and snapshot_paths(db) == [again.path]
    finally:
        again.close()


def test_a_request_keeps_its_snapshot_until_it_is_done(db, write):
    snaps = Snapshots(db, every=0)
    try:
        with snaps.current() as (generation, old):
            add_events(db, write, [7])
            assert snaps.refresh(force=True) and snaps.generation == generation + 1
            assert old.count("events") == 2 and old.path.exists()  # still readable, still there
        assert not old.path.exists() and count(snaps)[1] == 3
    finally:
        snaps.close()


def test_a_writer_holding_the_store_leaves_the_last_snapshot_in_service(db, write, tmp_path):
    snaps = Snapshots(db, every=0)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from blocwatch import EventStore
        with EventStore({str(db)!r}) as s:
            s.con.execute("DELETE FROM events")
            print("writing", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "writing"
        assert not snaps.refresh(force=True)
        assert count(snaps) == (1, 2)
        with pytest.raises(StoreBusy, match="in use by a writer"):
            publish_snapshot(db)
        for old in snapshot_paths(db):
            old.unlink()
        with pytest.raises(StoreBusy, match="start the server when the ingest is done"):
            Snapshots(db)  # no snapshot to fall back on
    finally:
        holder.communicate("\n", timeout=30)
    assert count(snaps) == (2, 0)  # the writer's work, once it is done
    snaps.close()


def test_where_no_snapshot_can_be_written_the_store_itself_is_served(db, tmp_path, write):
    snaps = Snapshots(db, folder=tmp_path / "no" / "such" / "folder")
    try:
        assert snaps.direct and snaps.path == db and count(snaps) == (1, 2)
        assert not snaps.refresh(force=True)
    finally:
        snaps.close()
    (tmp_path / "snaps").mkdir()
    elsewhere = Snapshots(db, folder=tmp_path / "snaps")  # a folder of its own
    try:
        assert elsewhere.path.parent == tmp_path / "snaps" and not elsewhere.direct and count(elsewhere) == (1, 2)
    finally:
        elsewhere.close()


def test_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no event store here"):
        Snapshots(tmp_path / "none.duckdb")
