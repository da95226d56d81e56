"""Hostile files: lines far over the maximum length, compressed bombs, floods of short lines.

Each is read by the real loader into a real store; every line must be accounted for, a long line
kept only as its start with its length and hash, and memory bounded (the benchmark
``python -m benchmarks --only hostile`` prints the peaks).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from blocwatch.errors import InputError
from blocwatch.ingest import ingest_files
from blocwatch.ingest.gdelt import GDELT_V2
from blocwatch.ingest.layout import MAX_LINE_BYTES
from blocwatch.ingest.loader import LinesUnaccounted, Loader
from blocwatch.ingest.sources import Source
from blocwatch.schema import RAW_PREFIX_BYTES
from tests.helpers import gdelt_row

MIB = 1024 * 1024


def _long_row(event_id: str, size: int) -> bytes:
    """A GDELT row of exactly ``size`` bytes (its URL padded)."""
    row = gdelt_row(GLOBALEVENTID=event_id, SOURCEURL="https://example.org/").encode()
    return row + b"x" * (size - len(row))


@pytest.mark.parametrize("size", [MAX_LINE_BYTES, MAX_LINE_BYTES + 1, 40 * MIB])
def test_a_line_at_each_size_boundary_is_stored_or_quarantined_never_lost(store, tmp_path, size):
    rows = [gdelt_row(GLOBALEVENTID="1").encode(), _long_row("2", size), gdelt_row(GLOBALEVENTID="3").encode()]
    path = tmp_path / "long.CSV"
    path.write_bytes(b"\n".join(rows) + b"\n")
    (f,) = ingest_files(store, [path], "gdelt").files
    over = size > MAX_LINE_BYTES
    assert (f.error, f.lines, f.inserted, f.duplicates, f.quarantined) == (None, 3, 3 - over, 0, int(over))
    if over:
        (q,) = store.query("SELECT line, reason, raw, raw_length, raw_sha256 FROM quarantine").to_pylist()
        assert q["line"] == 2
        assert q["reason"] == f"line longer than the maximum of {MAX_LINE_BYTES:,} bytes ({size:,} bytes)"
        assert q["raw"].encode() == rows[1][:RAW_PREFIX_BYTES]
        assert (q["raw_length"], q["raw_sha256"]) == (size, hashlib.sha256(rows[1]).hexdigest())
    else:
        assert store.count("quarantine") == 0


def test_a_compressed_line_of_a_gibibyte_is_quarantined_with_its_length_and_hash(store, tmp_path):
    path = tmp_path / "bomb.CSV.gz"
    block = b"y" * MIB
    h = hashlib.sha256()
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(gdelt_row(GLOBALEVENTID="1").encode() + b"\n")
        for _ in range(1024):
            out.write(block)
            h.update(block)
        out.write(b"\n" + gdelt_row(GLOBALEVENTID="2").encode() + b"\n")
    (f,) = ingest_files(store, [path], "gdelt").files
    assert (f.error, f.lines, f.inserted, f.quarantined) == (None, 3, 2, 1)
    (q,) = store.query("SELECT line, raw_length, raw_sha256, strlen(raw) AS kept FROM quarantine").to_pylist()
    assert q == {"line": 2, "raw_length": 1024 * MIB, "raw_sha256": h.hexdigest(), "kept": RAW_PREFIX_BYTES}


def test_a_file_expanding_past_the_cap_is_refused_and_the_others_load(store, tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCWATCH_MAX_EXPANDED_BYTES", "100000")
    small, big = tmp_path / "small.CSV.gz", tmp_path / "big.CSV.gz"
    small.write_bytes(gzip.compress(gdelt_row(GLOBALEVENTID="1").encode() + b"\n"))
    big.write_bytes(gzip.compress((gdelt_row(GLOBALEVENTID="2") + "\n").encode() * 1000))
    result = ingest_files(store, [small, big], "gdelt")
    by_file = {Path(f.file).name: f for f in result.files}
    assert by_file["small.CSV.gz"].inserted == 1
    err = by_file["big.CSV.gz"].error
    assert isinstance(err, InputError) and "expands to more than 100,000 bytes" in str(err)
    assert store.count("events") == 1


def test_copies_a_killed_run_left_behind_are_removed_by_the_next(store, tmp_path, monkeypatch):
    base = tmp_path / "tmp"
    base.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = base / f"blocwatch-{dead.pid}-x1.tmp"
    left.mkdir()
    (left / "src-1.txt").write_bytes(b"a decompressed copy")
    running = base / f"blocwatch-{os.getppid()}-x2.tmp"  # a live process's folder is not touched
    running.mkdir()
    path = tmp_path / "a.CSV.gz"
    path.write_bytes(gzip.compress(gdelt_row(GLOBALEVENTID="1").encode() + b"\n"))
    assert ingest_files(store, [path], "gdelt").inserted == 1
    assert sorted(p.name for p in base.iterdir()) == [running.name]


def test_a_flood_of_short_lines_is_quarantined_line_by_line(store, tmp_path):
    path = tmp_path / "tabs.CSV.gz"
    path.write_bytes(gzip.compress(gdelt_row(GLOBALEVENTID="1").encode() + b"\n" + b"\t\n" * 20000 + b"x\r\n"))
    (f,) = ingest_files(store, [path], "gdelt").files
    assert (f.error, f.lines, f.inserted, f.quarantined) == (None, 20002, 1, 20001)
    reasons = store.query("SELECT reason, count(*) AS n, min(line) AS lo, max(line) AS hi FROM quarantine "
                          "GROUP BY 1 ORDER BY 1").to_pylist()
    assert reasons == [
        {"reason": "expected 57, 58 or 61 tab-separated fields, found 1", "n": 1, "lo": 20002, "hi": 20002},
        {"reason": "expected 57, 58 or 61 tab-separated fields, found 2", "n": 20000, "lo": 2, "hi": 20001},
    ]


def test_lines_the_reader_did_not_account_for_refuse_the_file():
    """The loader counts rows read and quarantined on their own; when they and the file's lines do
    not add up, the file is refused (the batch is rolled back), never committed short."""
    src = Source("f.CSV", Path("f.CSV"), "0" * 64, 100, lines=10, blank_lines=1, first_line=b"")
    with pytest.raises(LinesUnaccounted, match="1 line neither read nor rejected"):
        Loader._account(GDELT_V2, src, [], read=8, inserted=8, duplicates=0)
    assert Loader._account(GDELT_V2, src, [], read=9, inserted=7, duplicates=2).duplicates == 2


def test_a_long_line_in_a_mapped_csv_keeps_its_length_and_hash(store, tmp_path):
    from blocwatch.ingest.mapped import csv_profile, ingest_mapped

    long = b"2010-06-02,Japan,Make statement," + b"z" * (3 * MIB)
    path = tmp_path / "k.csv"
    path.write_bytes(b"date,who,what,whom\n2010-06-01,Japan,Make statement,China\n" + long + b"\n")
    (f,) = ingest_mapped(store, [path], csv_profile("date=date,source=who,target=whom,event=what")).files
    assert (f.error, f.inserted, f.quarantined) == (None, 1, 1)
    (q,) = store.query("SELECT line, raw_length, raw_sha256, strlen(raw) AS kept FROM quarantine").to_pylist()
    assert q == {"line": 3, "raw_length": len(long), "raw_sha256": hashlib.sha256(long).hexdigest(),
                 "kept": RAW_PREFIX_BYTES}


def test_members_after_one_that_cannot_be_read_are_read(store, tmp_path, monkeypatch):
    """A zip member over the expansion cap (or empty) is reported and the members after it load."""
    import zipfile

    monkeypatch.setenv("BLOCWATCH_MAX_EXPANDED_BYTES", "100000")
    path = tmp_path / "three.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.CSV", gdelt_row(GLOBALEVENTID="1") + "\n")
        zf.writestr("big.CSV", (gdelt_row(GLOBALEVENTID="2") + "\n") * 1000)
        zf.writestr("empty.CSV", "")
        zf.writestr("c.CSV", gdelt_row(GLOBALEVENTID="3") + "\n")
    files = ingest_files(store, [path], "gdelt").files
    stored = sorted(f.file.rsplit(":", 1)[1] for f in files if f.error is None and f.inserted == 1)
    assert stored == ["a.CSV", "c.CSV"]
    (err,) = [f.error for f in files if f.error is not None]
    assert "2 members not read" in err.reason and "big.CSV: expands to more than 100,000 bytes" in err.reason
    assert "empty.CSV: empty file" in err.reason
    assert store.count("events") == 2


def test_a_long_line_ending_in_cr_lf_is_measured_without_its_end(store, tmp_path):
    long = _long_row("2", 3 * MIB)
    path = tmp_path / "crlf.CSV"
    path.write_bytes(gdelt_row(GLOBALEVENTID="1").encode() + b"\r\n" + long + b"\r\n")
    (f,) = ingest_files(store, [path], "gdelt").files
    assert (f.error, f.lines, f.inserted, f.quarantined) == (None, 2, 1, 1)
    (q,) = store.query("SELECT raw_length, raw_sha256 FROM quarantine").to_pylist()
    assert q == {"raw_length": len(long), "raw_sha256": hashlib.sha256(long).hexdigest()}


def test_quoted_fields_are_left_to_the_reader_and_a_record_over_two_lines_set_aside(store, tmp_path):
    """The short-line pass leaves a line with paired quotes to the reader (a quoted delimiter is no
    field boundary); a quoted field running into the next line makes a record of two lines, which
    the line accounting cannot count as one row: both lines are set aside with the reason."""
    from tests.ingest.test_icews import HEADER, ROW

    comma = ROW.replace("Make statement", '"Make, statement"', 1).replace("1,", "2,", 1)
    spans = ROW.replace("Make statement", '"Make\nstatement"', 1).replace("1,", "3,", 1)
    path = tmp_path / "i.csv"
    path.write_text(f"{HEADER}\n{ROW}\n{comma}\n{spans}\n")
    (f,) = ingest_files(store, [path], "icews").files
    assert (f.error, f.lines, f.inserted, f.quarantined) == (None, 5, 2, 2)
    got = store.query("SELECT line, reason FROM quarantine ORDER BY line").to_pylist()
    why = "a quoted field does not close on its line (a line end inside quotes, or a stray quote)"
    assert got == [{"line": 4, "reason": why}, {"line": 5, "reason": why}]
