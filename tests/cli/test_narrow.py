"""Every command that prints a table, through the real entry point on an 80-column terminal (a
pseudo-terminal of that size), on the demo store: nothing is wider than 80 characters, the key
columns are all there, and no value is cut short."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from tests.helpers import gdelt_row

pytestmark = pytest.mark.slow

#: command line -> the columns an analyst reads it for
TABLES = {
    ("stats",): ("origin", "events"),
    ("dyads", "--countries", "PRK,RUS", "--from", "2024-10"): ("period", "source", "target", "events"),
    ("relations", "--countries", "PRK,RUS,KOR"): ("period", "source", "target", "events", "net", "net_low",
                                                 "net_high"),
    ("events", "--pair", "PRK-RUS", "--from", "2024-06", "--to", "2024-06"): ("date", "source", "target", "cameo",
                                                                           "mode", "evidence_text"),
    ("coverage",): ("origin", "month", "events"),
    ("network", "--period", "2024-Q4"): ("source", "target", "sign", "net", "events"),
    ("balance", "--window", "quarter"): ("group", "nodes", "edges", "frustration", "exact"),
}


def narrow(*args) -> subprocess.CompletedProcess[str]:
    """Run blocwatch with its output on a real 80-column terminal (a pseudo-terminal): what it prints
    there, colours taken out, and its messages."""
    main, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"NO_COLOR": "1", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "blocwatch", *map(str, args)], stdout=follower,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the command has finished writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    err = proc.stderr.read().decode()
    proc.wait(timeout=300)
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _header(out: str) -> list[str]:
    line = next(x for x in out.splitlines() if "┃" in x)
    return [c.strip() for c in line.split("┃")]


def _check(proc: subprocess.CompletedProcess[str], keys: tuple[str, ...]) -> None:
    assert proc.returncode == 0, proc.stderr
    lines = [x for x in proc.stdout.splitlines() if re.search("[┃│━]", x)]  # the table's (sentences wrap)
    assert lines and max(map(len, lines)) <= 80, max(lines, key=len)
    assert set(keys) <= set(_header(proc.stdout)), (_header(proc.stdout), keys)
    assert "…" not in proc.stdout  # a value cut short would end so
    rows = [x for x in lines if "│" in x]
    assert rows, proc.stdout  # the table has rows, not only its header


@pytest.mark.parametrize("args", list(TABLES), ids=lambda a: a[0])
def test_key_columns_read_whole_at_80_columns(demo_db, args):
    proc = narrow(*args, "--db", demo_db)
    _check(proc, TABLES[args])
    if args[0] in ("dyads", "relations"):  # wider than 80 in full: the terminal's width was used
        assert "left out to fit 80 characters" in proc.stderr


def test_the_coders_table_and_the_quarantine_at_80_columns(tmp_path, write):
    text = write("news.txt", "Russia and North Korea signed a treaty of comprehensive strategic partnership in "
                             "Pyongyang on Wednesday.\n")
    _check(narrow("code", text, "--date", "2024-06-19", "--format", "table"),
           ("date", "source", "target", "cameo", "mode", "evidence_text"))
    db = tmp_path / "s.duckdb"
    with EventStore(db) as store:
        bad = gdelt_row(GLOBALEVENTID="x" * 40)  # an event id that is no integer: quarantined
        ingest_files(store, [write("a.export.CSV", gdelt_row(GLOBALEVENTID="1") + "\n" + bad + "\n")], "gdelt")
    _check(narrow("quarantine", "--db", db), ("file", "line", "reason"))


def test_text_answers_read_whole_at_80_columns(demo_db):
    """shifts and enemies answer in sentences: they wrap, whatever the width, and keep their numbers."""
    for args, wanted in ((("enemies", "RUS", "PRK"), r"UKR: RUS -\d\.\d\d \(\d+ events\)"),
                         (("shifts", "--all", "--from", "2023-07", "--to", "2025-01"), r"no supported shift")):
        proc = narrow(*args, "--db", demo_db)
        assert proc.returncode == 0, proc.stderr
        assert re.search(wanted, proc.stdout) and "…" not in proc.stdout, proc.stdout


def test_a_pipe_keeps_every_column(demo_db):
    """Output to a pipe or a file is not squeezed to a terminal's width (not even to $COLUMNS)."""
    proc = subprocess.run([sys.executable, "-m", "blocwatch", "relations", "--db", str(demo_db), "--countries",
                           "PRK,RUS"], capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "80"})
    assert "score_pos_sq" in _header(proc.stdout) and "left out" not in proc.stderr
