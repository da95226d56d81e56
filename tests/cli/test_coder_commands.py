"""The coder's commands through the real entry point: ``code``, ``ingest text`` and ``eval``.

What the commands print is compared with what the library codes from the same files in this
process: the command line is a thin layer and must add or lose nothing.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from blocwatch import EventStore
from blocwatch.coder import Coder
from blocwatch.documents import Document, read_documents
from blocwatch.ingest.text import events_table
from blocwatch.schema import EVENT_COLUMNS, MODES
from tests.helpers import REPO, shared_data_dir

pytestmark = pytest.mark.slow  # each test starts the command line, which loads the spaCy model

DEMO = REPO / "demo" / "news" / "korea-russia-2022-2025.jsonl"
COLUMNS = [c.name for c in EVENT_COLUMNS]
LAUNCH = "North Korea fired two ballistic missiles toward Japan on Tuesday. Japan protested to North Korea."


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blocwatch", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def plain(row: dict) -> dict:
    """A row as ``--format jsonl`` writes it."""
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()}


def expected_rows(coder: Coder, *paths: Path, day: date | None = None) -> list[dict]:
    """The events the library codes from ``paths``, in order, as JSON rows."""
    docs = [d for d in read_documents(paths, day) if isinstance(d, Document)]
    return [plain(r) for r in events_table([e for d in docs for e in coder.code(d)]).to_pylist()]


def counts(db: Path) -> tuple[int, int]:
    with EventStore(db, read_only=True) as s:
        return s.count("events"), s.count("quarantine")


@pytest.fixture(scope="module")
def demo_jsonl() -> subprocess.CompletedProcess[str]:
    return run("code", DEMO, "--format", "jsonl")


@pytest.fixture
def two_docs(write) -> Path:
    return write("two.jsonl", json.dumps({"id": "launch", "text": LAUNCH, "date": "2024-07-03"}) + "\n"
                 + json.dumps({"id": "drills", "text": "South Korea and the United States held joint military "
                               "exercises near the border.", "date": "2024-07-06"}) + "\n")


# -- code -----------------------------------------------------------------------------------


def test_code_jsonl_is_one_object_per_event_with_the_schema_fields(coder: Coder, demo_jsonl) -> None:
    assert demo_jsonl.returncode == 0, demo_jsonl.stderr
    rows = [json.loads(x) for x in demo_jsonl.stdout.splitlines()]
    assert rows == expected_rows(coder, DEMO)
    assert all(list(r) == COLUMNS for r in rows)
    assert all(r["mode"] in MODES and r["origin"] == "text" for r in rows)
    ids = [json.loads(x)["id"] for x in DEMO.read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in rows} <= set(ids) and len({r["doc_id"] for r in rows}) > len(ids) // 2
    assert len(rows) > len(ids)


def test_code_with_two_workers_prints_the_same_events(demo_jsonl) -> None:
    proc = run("code", DEMO, "--format", "jsonl", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == demo_jsonl.stdout


def test_code_csv(coder: Coder, two_docs: Path) -> None:
    proc = run("code", two_docs, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    expected = expected_rows(coder, two_docs)
    assert proc.stdout.splitlines()[0].split(",") == COLUMNS
    assert [(r["event_id"], r["doc_id"], r["cameo"], r["mode"], r["date"]) for r in rows] == [
        (e["event_id"], e["doc_id"], e["cameo"], e["mode"], e["date"]) for e in expected]
    assert {r["doc_id"] for r in rows} == {"launch", "drills"}


def test_code_table(coder: Coder, two_docs: Path) -> None:
    proc = run("code", two_docs, "--format", "table")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    header = [c.strip() for c in lines[0].split("┃")]
    assert header == ["date", "date_precision", "source", "target", "cameo", "plover", "mode", "doc_id",
                      "evidence_text"]
    assert set(lines[1]) <= set("━╇ ")
    cells = [[c.strip() for c in x.split("│")] for x in lines[2:]]
    expected = expected_rows(coder, two_docs)
    assert [(c[4], c[6], c[7]) for c in cells] == [(e["cameo"], e["mode"], e["doc_id"]) for e in expected]


def test_code_txt_with_a_date(coder: Coder, write) -> None:
    path = write("launch.txt", LAUNCH)
    proc = run("code", path, "--date", "2024-07-03", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert rows == expected_rows(coder, path, day=date(2024, 7, 3))
    assert rows and all(r["doc_id"] == "launch.txt" and r["reported_at"] == "2024-07-03T00:00:00" for r in rows)


def test_code_skips_bad_lines_and_codes_the_rest(coder: Coder, write) -> None:
    good = json.dumps({"id": "launch", "text": LAUNCH, "date": "2024-07-03"}).encode()
    bad = b'{"id": "cafe", "text": "Caf\xe9 owners protested.", "date": "2024-07-03"}'  # Latin-1
    path = write("mixed.jsonl", bad + b"\n" + good + b"\n" + b"{oops\n")
    proc = run("code", path, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    at = bad.index(b"\xe9") + 1
    assert proc.stderr.splitlines() == [
        f"skipped: {path}:1: not valid UTF-8 (byte 0xE9 at byte {at} of the line)",
        f"skipped: {path}:3: not valid JSON (Expecting property name enclosed in double quotes)",
    ]
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert rows == expected_rows(coder, path) and {r["doc_id"] for r in rows} == {"launch"}


def test_code_with_no_usable_document_exits_1(write) -> None:
    path = write("bad.jsonl", '{"id": 1}\n')
    proc = run("code", path)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f'skipped: {path}:1: no "text" string' and proc.stdout == ""


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["code"], ["ingest", "text"]], ids=["code", "ingest-text"])
def test_missing_file_exits_1_with_one_line(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nope.jsonl"
    proc = run(*command, missing, *(["--db", tmp_path / "s.duckdb"] if command[0] == "ingest" else []))
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {missing}: no such file or folder"
    assert not (tmp_path / "s.duckdb").exists()  # nothing created for a command that could not start


def test_undated_text_is_coded_with_a_warning(write) -> None:
    proc = run("code", write("brief.txt", LAUNCH))
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and {r["date"] for r in rows} == {None}
    assert "without a publication date" in proc.stderr and "give --date" in proc.stderr


def test_file_of_another_kind_exits_1(write) -> None:
    path = write("notes.md", LAUNCH)
    proc = run("code", path)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {path}: cannot code .md: use .txt, .jsonl, .html, .htm"


def test_bad_date_option_exits_1(write) -> None:
    proc = run("code", write("launch.txt", LAUNCH), "--date", "2024-13-01")
    assert proc.returncode == 1
    assert '--date: "2024-13-01" is not a valid date' in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_ingest_txt_without_a_date_exits_1_and_stores_nothing(write, tmp_path: Path) -> None:
    path, db = write("launch.txt", LAUNCH), tmp_path / "s.duckdb"
    proc = run("ingest", "text", path, "--db", db)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f'quarantined: {path}: document "launch.txt" has no publication date: '
                                   'add a "date" field or give --date')
    assert "coded 0 documents from 1 file: 0 events" in proc.stdout and "1 lines quarantined" in proc.stdout
    assert counts(db) == (0, 1)
    dated = run("ingest", "text", path, "--db", db, "--date", "2024-07-03")
    assert dated.returncode == 0 and counts(db)[0] > 0


# -- ingest text ------------------------------------------------------------------------------


def test_ingest_text_stores_and_reports_counts_and_a_rerun_adds_nothing(coder: Coder, demo_jsonl,
                                                                        tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    rows = [json.loads(x) for x in demo_jsonl.stdout.splitlines()]
    documents = len(DEMO.read_text(encoding="utf-8").splitlines())
    events, new = len(rows), len({r["event_id"] for r in rows})
    first = run("ingest", "text", DEMO, "--db", db)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (f"coded {documents} documents from 1 file: {events} events ({new} new, "
                                    f"{events - new} already stored), 0 lines quarantined")
    with EventStore(db, read_only=True) as s:
        stored = [plain(r) for r in s.query("SELECT * EXCLUDE (ingest_id, ingested_at) FROM events").to_pylist()]
    printed = {r["event_id"]: {k: v for k, v in r.items() if k not in ("ingest_id", "ingested_at")} for r in rows}
    assert {r["event_id"]: r for r in stored} == printed  # what `code` prints is what `ingest text` stores
    again = run("ingest", "text", DEMO, "--db", db)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == (f"coded {documents} documents from 1 file: {events} events (0 new, "
                                    f"{events} already stored), 0 lines quarantined")
    assert counts(db) == (new, 0)


# -- eval -------------------------------------------------------------------------------------


def test_eval_without_gold_sets_exits_1(tmp_path: Path) -> None:
    proc = run("eval", "--data", tmp_path / "nothing-here")
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"error: {tmp_path / 'nothing-here'}: gold sets not found; "
                                   "give their folder with --data")


@pytest.mark.shared
@pytest.mark.slow
def test_eval_prints_the_four_gold_sets_and_their_metrics() -> None:
    from blocwatch.coder.evaluate import GOLD_SETS, load_gold

    folder = shared_data_dir() / "coder-eval"
    if not all((folder / f).is_file() for f in GOLD_SETS):
        pytest.skip(f"gold sets not found at {folder} (set BLOCWATCH_SHARED_DATA)")
    proc = run("eval", "--data", folder)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].strip() == "coder accuracy"
    header = [c.strip() for c in lines[1].split("┃")]
    assert header == ["set", "records", "leaf_precision", "leaf_recall", "leaf_f1", "root_precision", "root_recall",
                      "root_f1", "exact_records", "plover_accuracy", "plover_any_accuracy",
                      "source_country_accuracy", "source_country_all"]
    rows = {c[0]: c for c in ([x.strip() for x in line.split("│")] for line in lines[3:3 + len(GOLD_SETS)])}
    assert list(rows) == [name for name, _ in GOLD_SETS.values()]
    for file, (name, _) in GOLD_SETS.items():
        cells = rows[name]
        assert int(cells[1].replace(",", "")) == len(load_gold(folder / file)) > 0
        metrics = [float(c) for c in cells[2:] if c]
        assert metrics and all(0 <= m <= 1 for m in metrics), cells
