"""``ingest text`` killed half-way keeps the coding done so far: a rerun codes only the rest, and the
store ends equal to an uninterrupted run's (45 demo documents, a checkpoint every 5, kill -9 after
the n-th document for seeded random n)."""

from __future__ import annotations

import random
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

# in a child: code with a checkpoint every 5 documents and kill -9 itself after the n-th document
CHILD = """
import os, signal, sys
from blocwatch import EventStore
from blocwatch.ingest.text import ingest_text
from blocwatch.progress import NullProgress

class KillAfter(NullProgress):
    done = 0
    def advance(self, amount):
        self.done += amount
        if self.done >= int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)

with EventStore(sys.argv[1]) as store:
    ingest_text(store, [sys.argv[2]], progress=KillAfter(), checkpoint_every=5)
"""


class Count(NullProgress):
    def __init__(self) -> None:
        self.total: float | None = None
        self.done = 0.0

    def start(self, task: str, total: float | None = None, unit: str = "bytes") -> None:
        self.total, self.unit = total, unit

    def advance(self, amount: float) -> None:
        self.done += amount


def _events(store: EventStore) -> list[dict]:
    return store.query("SELECT * EXCLUDE (ingest_id, ingested_at) FROM events ORDER BY event_id").to_pylist()


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[int, int, list[dict]]:
    """Documents, stored events and the events of an uninterrupted run."""
    with EventStore(tmp_path_factory.mktemp("clean") / "clean.duckdb") as store:
        result = ingest_text(store, [NEWS])
        return result.documents, result.inserted, _events(store)


# kills at random points (seeded), as the GDELT crash tests do, and one just after a checkpoint
KILL_AFTER = sorted({10, *random.Random(16).sample(range(1, 45), 2)})


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", KILL_AFTER)
def test_a_killed_coding_run_resumes_where_its_last_checkpoint_was(tmp_path, clean, kill_after):
    documents, inserted, events = clean
    killed = tmp_path / "killed.duckdb"
    child = subprocess.run([sys.executable, "-c", CHILD, str(killed), str(NEWS), str(kill_after)],
                           capture_output=True, text=True, timeout=600)
    assert child.returncode == -signal.SIGKILL, child.stderr
    kept = kill_after // 5 * 5  # the checkpoints committed before the kill
    with EventStore(killed) as store:
        assert store.count("events") == 0  # nothing half-stored
        count = Count()
        result = ingest_text(store, [NEWS], progress=count, checkpoint_every=5)
        assert (count.total, count.done, count.unit) == (documents - kept, documents - kept, "documents")
        assert (result.documents, result.inserted) == (documents, inserted)
        assert store.query("SELECT count(*) AS n FROM coding_checkpoint").to_pylist() == [{"n": 0}]
        assert _events(store) == events


def test_coding_kept_for_the_shipped_coder_is_not_reused_by_another(tmp_path, clean):
    """A coder with other settings (here without the learned typer) codes every document again,
    even where the shipped coder's coding of it is kept."""
    from blocwatch.coder import Coder
    from blocwatch.documents import read_documents
    from blocwatch.ingest.checkpoint import Checkpoint, shipped_coder

    documents, _, _ = clean
    with EventStore(tmp_path / "s.duckdb") as store:
        kept = Checkpoint(store, shipped_coder())
        kept.save([(kept.key(d), []) for d in read_documents([NEWS])][:20])
        count = Count()
        result = ingest_text(store, [NEWS], coder=Coder(typer=False), progress=count)
        assert (count.total, result.documents) == (documents, documents)
        assert result.inserted > 0
