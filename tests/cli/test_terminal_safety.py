"""Untrusted text through every command that prints it: Rich markup is shown, never interpreted
(no crash on "[/x]", no terminal hyperlink from "[link=...]"), no control character reaches the
terminal, and CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.test_bad_input import run
from tests.helpers import gdelt_row

MARKUP = "[/x] [link=http://evil.example/]CLICK[/link]"
ESCAPES = "\x1b]8;;http://evil.example/\x07bell\x1b[31mred"
FORMULA = "=HYPERLINK(\"http://evil.example/\",\"x\")"


def clean_output(proc) -> str:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "MarkupError" not in out and "internal error" not in out, out
    assert "\x1b" not in out and "\x07" not in out  # no escape sequence, no bell
    return out


@pytest.mark.slow
def test_markup_and_escapes_in_file_names_lines_and_documents(tmp_path):
    db = tmp_path / "s.duckdb"
    folder = tmp_path / MARKUP.replace("/", "_")
    folder.mkdir()
    bad = folder / "20250101.export.CSV"  # a bad line holding markup and escapes: quarantined, its reason shown
    bad.write_text(gdelt_row(GLOBALEVENTID="1") + "\n" + MARKUP + "\t" + ESCAPES + "\n", encoding="utf-8")
    proc = run("ingest", "gdelt", bad, "--db", db)
    out = clean_output(proc)
    assert proc.returncode == 0 and f"{bad}:2: expected 57, 58 or 61 tab-separated fields" in out  # as text

    quarantine = run("quarantine", "--db", db)
    out = clean_output(quarantine)
    assert quarantine.returncode == 0 and "[/x]" in out and "\\x1b" in out  # shown, as text
    listed = run("quarantine", "--db", db, "-f", "csv")
    assert listed.returncode == 0
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert rows and all(not str(v).startswith(("=", "+", "@")) for r in rows for v in r.values())

    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": f"{MARKUP}{ESCAPES}", "date": "2024-06-19",
                                "text": f"{FORMULA} Russia attacked Ukraine. \x1b[2J Japan protested."}) + "\n" +
                    json.dumps({"id": "bad date", "text": "Seoul protested.", "date": f"{MARKUP}{ESCAPES}"}) + "\n",
                    encoding="utf-8")
    coded = run("ingest", "text", news, "--db", db)
    out = clean_output(coded)
    assert coded.returncode == 0 and "[link=http://evil.example/]" in out  # the bad line's reason, as text

    table = run("code", news, "-f", "table")
    out = clean_output(table)
    assert table.returncode == 0 and "[/x]" in out and "RUS" in out
    as_csv = run("code", news, "-f", "csv")
    assert as_csv.returncode == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows and {r["doc_id"] for r in rows} == {f"{MARKUP}{ESCAPES}"}  # text that is no formula: unchanged
    texts = {r["evidence_text"] for r in rows}
    assert any(t.startswith("'=HYPERLINK") for t in texts)  # a formula: neutralised
    numeric = {"goldstein", "evidence_start", "evidence_end", "evidence_sentence", "quad_class"}
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for k, v in r.items() if k not in numeric)
    # numbers stay numbers: the attack's Goldstein score is written as a negative number, not as text
    assert any(float(r["goldstein"]) < 0 and r["goldstein"].startswith("-") for r in rows if r["goldstein"])
