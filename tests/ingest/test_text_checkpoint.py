"""``ingest text`` killed half-way keeps the coding done so far: a rerun codes only the rest, and the
store ends equal to an uninterrupted run's."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch import EventStore
from blocwatch.ingest.text import ingest_text
from blocwatch.progress import NullProgress

pytest.importorskip("spacy")

NEWS = Path(__file__).resolve().parents[2] / "demo" / "news" / "korea-russia-2022-2025.jsonl"

# in a child: code with a checkpoint every 5 documents and kill -9 itself after the 12th
CHILD = """
import os, signal, sys
from blocwatch import EventStore
from blocwatch.ingest.text import ingest_text
from blocwatch.progress import NullProgress

class KillAfter(NullProgress):
    done = 0
    def advance(self, amount):
        self.done += amount
        if self.done >= 12:
            os.kill(os.getpid(), signal.SIGKILL)

with EventStore(sys.argv[1]) as store:
    ingest_text(store, [sys.argv[2]], progress=KillAfter(), checkpoint_every=5)
"""


class Count(NullProgress):
    def __init__(self) -> None:
        self.total: float | None = None
        self.done = 0.0

    def start(self, task: str, total: float | None = None) -> None:
        self.total = total

    def advance(self, amount: float) -> None:
        self.done += amount


def _events(store: EventStore) -> list[dict]:
    return store.query("SELECT * EXCLUDE (ingest_id, ingested_at) FROM events ORDER BY event_id").to_pylist()


@pytest.mark.slow
def test_a_killed_coding_run_resumes_where_its_last_checkpoint_was(tmp_path):
    killed = tmp_path / "killed.duckdb"
    child = subprocess.run([sys.executable, "-c", CHILD, str(killed), str(NEWS)], capture_output=True, text=True,
                           timeout=600)
    assert child.returncode == -signal.SIGKILL, child.stderr
    with EventStore(killed) as store:
        assert store.count("events") == 0  # nothing half-stored
        count = Count()
        result = ingest_text(store, [NEWS], progress=count, checkpoint_every=5)
        assert (count.total, count.done) == (35, 35)  # 45 documents, 10 kept by two checkpoints
        assert result.documents == 45
        resumed = _events(store)
        assert store.query("SELECT count(*) AS n FROM coding_checkpoint").to_pylist() == [{"n": 0}]
    with EventStore(tmp_path / "clean.duckdb") as store:
        clean = ingest_text(store, [NEWS])
        assert (clean.documents, clean.inserted) == (result.documents, result.inserted)
        assert resumed == _events(store)
