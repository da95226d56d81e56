"""``blocwatch serve`` through the real command line: it prints its URL, answers, stops on Ctrl+C, and
fails with one line when the store is missing or the port is taken."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from tests.helpers import gdelt_row


def serve(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.fixture
def db(tmp_path, write) -> Path:
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        ingest_files(store, [write("a.export.CSV", "\n".join(gdelt_row(GLOBALEVENTID=str(i)) for i in range(7)))],
                     "gdelt")
    return path


@pytest.mark.slow
def test_serve_prints_its_url_answers_and_stops_on_ctrl_c(db):
    proc = serve("--db", db, "--port", "0")
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"serving {db} (read-only) on http://127.0.0.1:"), (line, proc.stderr.read())
        url = line.split(" on ", 1)[1].split()[0]
        assert httpx.get(url + "api/events", params={"pair": "RUS-PRK"}).json()["total"] == 7
        assert httpx.get(url + "api/health", headers={"Host": "attacker.example"}).status_code == 400
        assert httpx.post(url + "api/events").status_code == 405
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert out.strip() == "stopped" and err == ""


@pytest.mark.slow
def test_serve_leaves_out_the_events_of_an_exclusion_file(db, write):
    wrong = write("wrong.csv", "event_id,reason\ngdelt2:1,not an act\ngdelt2:2,wrong state\n")
    proc = serve("--db", db, "--port", "0", "--exclude", wrong)
    try:
        line = proc.stdout.readline()
        assert "(read-only; 2 events judged wrong left out)" in line, (line, proc.stderr.read())
        url = line.split(" on ", 1)[1].split()[0]
        items = httpx.get(url + "api/events", params={"pair": "RUS-PRK"}).json()["items"]
        assert sorted(e["event_id"] for e in items) == [f"gdelt2:{i}" for i in (0, 3, 4, 5, 6)]
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    finally:
        proc.kill()
    bad = serve("--db", db, "--port", "0", "--exclude", write("bad.csv", "id,why\nx,y\n"))
    out, err = bad.communicate(timeout=60)
    assert bad.returncode == 1 and out == "" and "bad.csv" in err and len(err.strip().splitlines()) == 1, err


def test_a_missing_store_is_one_line_and_exit_1(tmp_path):
    proc = serve("--db", tmp_path / "none.duckdb", "--port", "0")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == ""
    assert err.strip() == f"error: {tmp_path / 'none.duckdb'}: no event store here; run `blocwatch ingest` first"


def test_a_port_in_use_is_one_line_and_exit_1(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = serve("--db", db, "--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == ""
    assert err.strip() == f"error: cannot listen on 127.0.0.1:{port}: address already in use"


def test_bad_host_and_port_are_input_errors():
    from blocwatch.cli.serve import listen
    from blocwatch.errors import InputError

    with pytest.raises(InputError, match="not a TCP port"):
        listen("127.0.0.1", 70000)
    with pytest.raises(InputError, match="--host: cannot listen on 'no-such-host.invalid'"):
        listen("no-such-host.invalid", 0)
