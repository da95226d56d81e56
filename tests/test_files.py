"""Output files are written whole or not at all: a failing write (a file-size limit, as a full disk
would) or a kill leaves the previous report as it was, no temporary file stays, and the error names
the file."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blocwatch.files import _umask, atomic_path, atomic_write
from tests.helpers import warming_store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return warming_store(tmp_path_factory.mktemp("files"))


def report(db: Path, out: Path, limit: int | None = None) -> subprocess.Popen:
    def limited() -> None:  # in the child: writes beyond `limit` bytes fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.Popen([sys.executable, "-m", "blocwatch", "report", "--db", str(db), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limited)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path) -> None:
    path = tmp_path / "out.txt"
    atomic_write(path, "old")
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError("the writer failed")
    assert path.read_text() == "old" and sorted(os.listdir(tmp_path)) == ["out.txt"]
    with pytest.raises(OSError) as err, atomic_path(tmp_path / "missing" / "x" / "out.txt") as tmp:
        os.rmdir(tmp.parent)  # the folder vanishes under the writer
    assert err.value.filename == str(tmp_path / "missing" / "x" / "out.txt")


@pytest.mark.slow
def test_a_report_that_cannot_be_written_keeps_the_previous_one(db, tmp_path) -> None:
    out = tmp_path / "report.html"
    first = report(db, out)
    assert first.wait(120) == 0, first.stderr.read()
    before = out.read_bytes()
    assert before.rstrip().endswith(b"</html>") and len(before) > 2_000_000
    failed = report(db, out, limit=1_000_000)
    assert failed.wait(120) == 1
    assert failed.stderr.read().strip() == f"error: {out}: File too large"
    assert out.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["report.html"]


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.5, 2.0, 4.0])
def test_a_killed_report_leaves_the_previous_or_the_new_one_whole(db, tmp_path, after: float) -> None:
    out = tmp_path / "report.html"
    atomic_write(out, "<html>the previous report</html>")
    proc = report(db, out)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    text = out.read_text(encoding="utf-8")
    assert text == "<html>the previous report</html>" or text.rstrip().endswith("</html>")
    again = report(db, out)  # a rerun finishes the job and clears what the killed run left
    assert again.wait(120) == 0
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>") and os.listdir(tmp_path) == ["report.html"]


def test_links_are_written_through_and_only_dead_runs_temporaries_removed(tmp_path) -> None:
    target = tmp_path / "real.html"
    atomic_write(target, "old")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    atomic_write(link, "new")
    assert link.is_symlink() and target.read_text() == "new"
    live = tmp_path / f".out.txt.abc123.{os.getpid()}.tmp"  # a run still writing
    dead = tmp_path / f".out.txt.def456.{2**22 + 1}.tmp"  # beyond Linux's largest PID: no such process
    live.write_text("x")
    dead.write_text("x")
    atomic_write(tmp_path / "out.txt", "data")
    assert live.exists() and not dead.exists()
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o666 & ~_umask()
