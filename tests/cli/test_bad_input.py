"""Bad input through the real command line: a clear message, the right exit code, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch import EventStore
from tests.helpers import gdelt_row


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blocwatch", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def counts(db: Path) -> tuple[int, int]:
    with EventStore(db, read_only=True) as s:
        return s.count("events"), s.count("quarantine")


GOOD = "\n".join(gdelt_row(GLOBALEVENTID=str(i)) for i in range(1, 6)) + "\n"


@pytest.mark.slow
def test_truncated_file_keeps_whole_rows_and_quarantines_the_cut_one(tmp_path, write):
    partial = gdelt_row(GLOBALEVENTID="6")[:120]
    cut = GOOD + partial
    path = write("20250101.export.CSV", cut)
    proc = run("ingest", "gdelt", path, "--db", tmp_path / "s.duckdb")
    assert proc.returncode == 0, proc.stderr
    found = len(partial.split("\t"))
    assert f"quarantined: {path}:6: expected 57, 58 or 61 tab-separated fields, found {found}" in proc.stderr
    assert "5 new events, 0 already stored, 1 quarantined" in proc.stdout
    assert counts(tmp_path / "s.duckdb") == (5, 1)
    # the hint names the store, so that it can be run as printed
    hint = proc.stdout.splitlines()[-1]
    assert hint == f"see them with: blocwatch quarantine --db {tmp_path / 's.duckdb'}"
    shown = run(*hint.removeprefix("see them with: blocwatch ").split(), "-f", "csv")
    assert shown.returncode == 0 and shown.stdout.splitlines()[1].startswith(f"{path},6,")
    strict = run("ingest", "gdelt", path, "--db", tmp_path / "s.duckdb", "--strict")
    assert strict.returncode == 1 and counts(tmp_path / "s.duckdb") == (5, 1)


def test_binary_file_is_refused_and_the_other_files_load(tmp_path, write):
    good = write("good.CSV", GOOD)
    binary = write("photo.CSV", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    proc = run("ingest", "gdelt", binary, good, "--db", tmp_path / "s.duckdb")
    assert proc.returncode == 1
    assert f"error: {binary}: binary file (NUL byte at offset 8); expected a text export" in proc.stderr
    assert "5 new events" in proc.stdout and "1 file not read" in proc.stdout
    assert counts(tmp_path / "s.duckdb") == (5, 0)


def test_wrong_column_count_quarantines_every_row_and_fails(tmp_path, write):
    rows = "".join(",".join(f"c{j}{i}" for j in range(10)) + "\n" for i in range(4))
    path = write("other.csv", rows)
    proc = run("ingest", "gdelt", path, "--db", tmp_path / "s.duckdb")
    assert proc.returncode == 1
    reason = "expected 57, 58 or 61 comma-separated fields, found 10"
    assert f"quarantined: {path}:1: {reason} (+3 more lines)" in proc.stderr
    assert f"error: {path}: no row could be read as gdelt2" in proc.stderr
    assert counts(tmp_path / "s.duckdb") == (0, 4)


def test_non_utf8_bytes_are_quarantined_exactly(tmp_path, write):
    bad = gdelt_row(GLOBALEVENTID="9", Actor1Name="SEOUL").encode().replace(b"SEOUL", b"S\xe9OUL")
    path = write("latin1.CSV", GOOD.encode() + bad + b"\n")
    db = tmp_path / "s.duckdb"
    proc = run("ingest", "gdelt", path, "--db", db)
    assert proc.returncode == 0
    col = bad.index(b"\xe9") + 1
    assert f"{path}:6: not valid UTF-8 (byte 0xE9 at byte {col} of the line)" in proc.stderr
    assert counts(db) == (5, 1)
    with EventStore(db, read_only=True) as s:
        (row,) = s.query("SELECT line, raw, raw_bytes FROM quarantine").to_pylist()
    assert row["line"] == 6 and row["raw_bytes"] == bad and "S\\xe9OUL" in row["raw"]


def test_empty_file(tmp_path, write):
    path = write("empty.CSV", "")
    proc = run("ingest", "gdelt", path, "--db", tmp_path / "s.duckdb")
    assert proc.returncode == 1
    assert f"error: {path}: empty file" in proc.stderr
    assert counts(tmp_path / "s.duckdb") == (0, 0)


def test_missing_file_is_a_usage_error_with_exit_1(tmp_path):
    proc = run("ingest", "gdelt", tmp_path / "nope.CSV", "--db", tmp_path / "s.duckdb")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {tmp_path / 'nope.CSV'}: no such file or folder"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dyads", "--window", "fortnight"], "--window: choose one of day, week, month, quarter, year"),
        (["dyads", "--countries", "NK,RUS"], '--countries: "NK" is no state blocwatch knows; did you mean PRK '
                                             '(North Korea)?'),
        (["dyads", "--countries", "XYZ,RUS"], '--countries: "XYZ" is no state blocwatch knows; give an ISO alpha-3 '
                                              'code such as USA or a name such as "North Korea"'),
        (["dyads", "--from", "2024-13"], '--from: "2024-13" is not a valid date'),
        (["dyads", "--from", "2025", "--to", "2024"], "--from: 2025-01-01 is after the end, 2024-12-31"),
        (["stats"], "no event store here; run `blocwatch ingest` first"),
    ],
)
def test_bad_options_exit_1_with_one_line(tmp_path, args, message):
    db = tmp_path / ("missing.duckdb" if args == ["stats"] else "s.duckdb")
    if args != ["stats"]:
        EventStore(db).close()
    proc = run(*args, "--db", db)
    assert proc.returncode == 1
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_unknown_option_exits_1(tmp_path):
    proc = run("stats", "--colour")
    assert proc.returncode == 1
    assert "No such option" in proc.stderr


def test_not_a_store(tmp_path, write):
    path = write("notes.duckdb", "just some text\n")
    proc = run("stats", "--db", path)
    assert proc.returncode == 1
    assert "not a blocwatch store" in proc.stderr or "cannot open" in proc.stderr
