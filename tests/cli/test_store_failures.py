"""The store's file failing under a command: a full disk (a file-size limit stands in for it, as in
``tests/test_files.py``) and a truncated or foreign store file are errors naming the file, exit 1;
the first error is reported, not the failed rollback after it."""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys

import pytest

from tests.helpers import gdelt_row


def blocwatch(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:  # in the child: writes beyond `limit` bytes fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "blocwatch", *args], capture_output=True, text=True,
                          preexec_fn=limited, timeout=300)


def test_a_store_that_cannot_grow_is_one_error_naming_it(tmp_path, shared):
    db = tmp_path / "s.duckdb"
    done = blocwatch("ingest", "gdelt", "--db", str(db), str(shared / "gdelt" / "v2"), limit=3_000_000)
    assert done.returncode == 1, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("error")]
    assert lines == [f"error: {db}: file too large (the system's file size limit)"], done.stderr
    assert "rollback" not in done.stderr and "bug" not in done.stderr


@pytest.mark.parametrize("keep", [100_000, 0.9])
def test_a_truncated_store_is_named_damaged(tmp_path, keep):
    db = tmp_path / "s.duckdb"
    rows = "\n".join(gdelt_row(GLOBALEVENTID=str(i)) for i in range(1, 20001)) + "\n"
    (tmp_path / "a.CSV").write_text(rows)
    assert blocwatch("ingest", "gdelt", "--db", str(db), str(tmp_path / "a.CSV")).returncode == 0
    size = db.stat().st_size
    cut = tmp_path / "cut.duckdb"
    shutil.copy(db, cut)
    with open(cut, "r+b") as fh:
        fh.truncate(keep if isinstance(keep, int) else int(size * keep))
    for command in (["stats"], ["dyads"]):
        done = blocwatch(*command, "--db", str(cut))
        assert done.returncode == 1, (command, done.stderr)
        assert "not a blocwatch store or damaged" in done.stderr and "cut.duckdb" in done.stderr, done.stderr
        assert "bug" not in done.stderr
