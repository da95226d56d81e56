"""An ingest killed with SIGKILL leaves a consistent store, and running it again completes it exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files

pytestmark = [pytest.mark.shared, pytest.mark.slow]  # kills ingests of the shared data at many points

CHILD = textwrap.dedent(
    """
    import sys
    from blocwatch import EventStore
    from blocwatch.ingest import ingest_files

    class Printer:
        task = None
        def start(self, task, total=None):
            self.task = task
            print("start", task, total, flush=True)
        def advance(self, amount):
            print("advance", self.task, amount, flush=True)
        def note(self, message):
            pass
        def finish(self):
            pass

    with EventStore(sys.argv[1]) as store:
        ingest_files(store, [sys.argv[2]], "gdelt", progress=Printer(), batch_bytes=2 * 1024 * 1024)
    print("done", flush=True)
    """
)

CHECKSUM = """
    SELECT count(*) AS n,
           md5(string_agg(concat_ws('|', event_id, date, source, target, cameo, goldstein, quad_class, url,
                                    reported_at, location_country), ',' ORDER BY event_id)) AS digest
    FROM events"""


def _env(db: Path) -> dict[str, str]:
    """A killed child cannot remove its temporary files: keep them beside the test's store."""
    return {**os.environ, "TMPDIR": str(db.parent)}


def run_until(db: Path, data: Path, fraction: float | None) -> bool:
    """Run an ingest in a child process; SIGKILL it once ``fraction`` of the bytes are loaded.

    Returns whether the child was killed (it may finish first).
    """
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(data)],
                             stdout=subprocess.PIPE, text=True, env=_env(db))
    total = done = 0.0
    assert child.stdout is not None
    for line in child.stdout:
        parts = line.split()
        if parts[:2] == ["start", "loading"]:
            total = float(parts[2])
        elif parts[:2] == ["advance", "loading"]:
            done += float(parts[2])
            if fraction is not None and total and done >= fraction * total:
                os.kill(child.pid, signal.SIGKILL)
                child.wait()
                return True
    assert child.wait(timeout=120) == 0
    return False


def assert_consistent(db: Path) -> int:
    with EventStore(db) as store:
        con = store.con
        events = store.count("events")
        logged = con.execute("SELECT coalesce(sum(inserted), 0) FROM ingests").fetchall()[0][0]
        orphans = con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM ingests i WHERE i.ingest_id = e.ingest_id)"
        ).fetchall()[0][0]
        dupes = con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchall()[0][0]
    assert events == logged, "events visible that no committed batch logged (a half batch)"
    assert (orphans, dupes) == (0, 0)
    return events


def test_sigkill_at_many_points_then_rerun_gives_the_clean_result(shared, tmp_path):
    data = shared / "gdelt" / "v2"
    clean = tmp_path / "clean.duckdb"
    with EventStore(clean) as store:
        ingest_files(store, [data], "gdelt")
        expected = store.query(CHECKSUM).to_pylist()[0]
    assert expected["n"] == 129_300

    db = tmp_path / "killed.duckdb"
    seen = []
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
        killed = run_until(db, data, fraction)
        seen.append((killed, assert_consistent(db)))
    assert any(killed and 0 < n < 129_300 for killed, n in seen), seen
    assert [n for _, n in seen] == sorted(n for _, n in seen)  # committed work is never lost

    assert not run_until(db, data, None)
    with EventStore(db) as store:
        assert store.query(CHECKSUM).to_pylist()[0] == expected
        assert store.count("quarantine") == 0
    assert assert_consistent(db) == 129_300


def kill_after(db: Path, data: Path, seconds: float) -> bool:
    """Run an ingest in a child process and SIGKILL it after ``seconds`` (wall clock), wherever it
    is: opening the store, hashing, inside a batch, committing, closing. Returns whether it was
    still running when killed."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(data)], stdout=subprocess.DEVNULL,
                             env=_env(db))
    try:
        child.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        return True


@pytest.mark.slow
def test_sigkill_at_random_moments_many_times(shared, tmp_path):
    """Twenty kills at random moments (seeded) of an ingest that resumes each time: after every
    kill the store is consistent, committed work only grows, and the last run completes it to
    the checksum of a clean ingest."""
    import random

    data = shared / "gdelt" / "v2"
    clean = tmp_path / "clean.duckdb"
    with EventStore(clean) as store:
        ingest_files(store, [data], "gdelt")
        expected = store.query(CHECKSUM).to_pylist()[0]
    start = time.monotonic()
    assert not kill_after(tmp_path / "timing.duckdb", data, 600)
    full = time.monotonic() - start  # a whole run in a child, start-up included

    rng = random.Random(20240619)
    db = tmp_path / "killed.duckdb"
    counts, killed = [], 0
    for _ in range(20):
        killed += kill_after(db, data, rng.uniform(0.05, 1.0) * full)
        counts.append(assert_consistent(db))
    assert killed >= 10, f"only {killed} of 20 runs were still going when killed (a run takes {full:.1f} s)"
    assert counts == sorted(counts)
    assert not kill_after(db, data, 600)
    with EventStore(db) as store:
        assert store.query(CHECKSUM).to_pylist()[0] == expected
    assert assert_consistent(db) == 129_300


@pytest.mark.slow
def test_two_ingests_at_once_serialise_or_fail_clearly(shared, tmp_path):
    """Two `blocwatch ingest` processes on one store at the same moment: each either completes or
    stops with the one-line "in use" error (exit 1); the store ends exactly as one clean ingest."""
    data = shared / "gdelt" / "v2"
    db = tmp_path / "both.duckdb"
    cmd = [sys.executable, "-m", "blocwatch", "ingest", "gdelt", str(data), "--db", str(db)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    codes = [p.returncode for p in procs]
    assert 0 in codes, outs
    for code, (_, err) in zip(codes, outs, strict=True):
        assert code == 0 or (code == 1 and "in use by another blocwatch or DuckDB process" in err), (code, err)
    assert assert_consistent(db) == 129_300
    with EventStore(db) as store:
        assert store.count("quarantine") == 0
