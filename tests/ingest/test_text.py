"""Coding text into a real store: events beside datasets, nothing twice, every input line accounted for."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from blocwatch import EventStore
from blocwatch.coder import Coder
from blocwatch.documents import Document, read_documents
from blocwatch.ingest.text import events_table, ingest_text
from blocwatch.schema import EVENT_COLUMNS, MODES

DAY = date(2024, 7, 3)
SENTENCES = {
    "launch": "North Korea fired two ballistic missiles toward Japan on Tuesday. "
              "Japan protested to North Korea through diplomatic channels.",
    "summit": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.",
    "drills": "South Korea and the United States held joint military exercises near the border.",
}


def line(**fields: object) -> str:
    return json.dumps(fields)


@pytest.fixture
def news(write) -> Path:
    """Three documents, a blank line, and four lines that are not usable documents."""
    return write("news.jsonl", "\n".join([
        line(id="launch", text=SENTENCES["launch"], date="2024-07-03", url="https://example.org/launch"),
        "{not json",                                                 # 2
        line(id="summit", text=SENTENCES["summit"], date="2024-07-05"),
        "",                                                          # 4: blank, holds nothing
        line(id="no-text", date="2024-07-05"),                       # 5
        line(id="undated", text=SENTENCES["drills"]),                # 6: no date, and none given
        line(id="drills", text=SENTENCES["drills"], date="2024-07-06"),
        line(id="bad-date", text=SENTENCES["drills"], date="06/07/2024"),  # 8
    ]) + "\n")


def expected_rows(coder: Coder, path: Path) -> list[dict]:
    """The rows the coder gives for the file's usable documents, as ``events_table`` builds them."""
    docs = [d for d in read_documents([path]) if isinstance(d, Document) and d.date is not None]
    return events_table([e for d in docs for e in coder.code(d)]).drop_columns(["ingest_id", "ingested_at"]).to_pylist()


def stored(store: EventStore) -> list[dict]:
    return store.query("SELECT * EXCLUDE (ingest_id, ingested_at) FROM events").to_pylist()


def key(row: dict) -> str:
    return row["event_id"]


def test_events_are_stored_as_coded(coder: Coder, store: EventStore, news: Path) -> None:
    result = ingest_text(store, [news], coder=coder)
    rows = stored(store)
    assert sorted(rows, key=key) == sorted(expected_rows(coder, news), key=key)
    assert {r["doc_id"] for r in rows} == {"launch", "summit", "drills"}
    for r in rows:
        assert r["origin"] == "text" and r["mode"] in MODES and r["event_id"].startswith("text:")
        assert r["date"] is not None and r["date_precision"] is not None
        assert r["evidence_text"] in SENTENCES[r["doc_id"]]
    published = {"launch": datetime(2024, 7, 3), "summit": datetime(2024, 7, 5), "drills": datetime(2024, 7, 6)}
    assert all(r["reported_at"] == published[r["doc_id"]] for r in rows)
    assert all(r["url"] == ("https://example.org/launch" if r["doc_id"] == "launch" else None) for r in rows)
    (f,) = result.files
    assert (f.file, f.documents, f.events, f.inserted, f.duplicates) == (str(news), 3, len(rows), len(rows), 0)
    assert store.count("events") == result.inserted == len(rows) > 0


def test_unusable_lines_are_quarantined_with_file_line_and_reason(coder: Coder, store: EventStore,
                                                                  news: Path) -> None:
    result = ingest_text(store, [news], coder=coder)
    assert result.quarantined == 4 and result.files[0].first_problem == (2, "not valid JSON (Expecting property "
                                                                         "name enclosed in double quotes)")
    rows = store.query("SELECT file, line, reason, raw, origin FROM quarantine ORDER BY line").to_pylist()
    raw = news.read_text(encoding="utf-8").splitlines()
    assert [(r["file"], r["line"], r["origin"]) for r in rows] == [(str(news), n, "text") for n in (2, 5, 6, 8)]
    assert [r["reason"] for r in rows] == [
        "not valid JSON (Expecting property name enclosed in double quotes)",
        'no "text" string',
        'document "undated" has no publication date: add a "date" field or give --date',
        '"date" "06/07/2024" is not a date (YYYY-MM-DD)',
    ]
    assert [r["raw"] for r in rows if r["line"] != 6] == [raw[1], raw[4], raw[7]]


def test_every_line_is_a_document_or_quarantined(coder: Coder, store: EventStore, news: Path) -> None:
    result = ingest_text(store, [news], coder=coder)
    lines = [x for x in news.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert result.documents + result.quarantined == len(lines) == 7
    (log,) = store.query("SELECT file, format, inserted, duplicates, quarantined FROM ingests").to_pylist()
    assert log == {"file": str(news), "format": "text", "inserted": result.inserted, "duplicates": 0,
                   "quarantined": 4}


def test_a_default_date_dates_the_undated(coder: Coder, store: EventStore, news: Path) -> None:
    result = ingest_text(store, [news], default_date=DAY, coder=coder)
    assert (result.documents, result.quarantined) == (4, 3)
    (reported,) = store.query("SELECT DISTINCT reported_at FROM events WHERE doc_id = 'undated'").to_pylist()
    assert reported["reported_at"] == datetime(2024, 7, 3)


def test_reingesting_adds_nothing(coder: Coder, store: EventStore, news: Path) -> None:
    first = ingest_text(store, [news], coder=coder)
    events, quarantined = store.count("events"), store.count("quarantine")
    second = ingest_text(store, [news], coder=coder)
    assert (second.documents, second.events) == (first.documents, first.events)
    assert (second.inserted, second.duplicates, second.quarantined) == (0, first.inserted, first.quarantined)
    assert (store.count("events"), store.count("quarantine")) == (events, quarantined)
    assert [r["ingest_id"] for r in store.query("SELECT ingest_id FROM ingests ORDER BY 1").to_pylist()] == [1, 2]


def test_the_same_documents_in_another_file_are_already_stored(coder: Coder, store: EventStore, write,
                                                               news: Path) -> None:
    """Events are identified by document id and place in it, not by file."""
    copy = write("copy/news-again.jsonl", news.read_text(encoding="utf-8"))
    result = ingest_text(store, [news, copy], coder=coder)
    first, second = result.files
    assert (first.file, second.file) == (str(news), str(copy))
    assert (second.inserted, second.duplicates) == (0, first.events) and first.inserted == first.events > 0
    assert store.count("events") == first.events
    # a quarantined line is identified by the file's content and its number: the copy's are already there
    assert (first.quarantined, second.quarantined, store.count("quarantine")) == (4, 4, 4)


def test_txt_needs_a_date(coder: Coder, store: EventStore, write) -> None:
    path = write("launch.txt", SENTENCES["launch"])
    undated = ingest_text(store, [path], coder=coder)
    assert (undated.documents, undated.events, undated.quarantined) == (0, 0, 1)
    (row,) = store.query("SELECT file, line, reason FROM quarantine").to_pylist()
    assert row == {"file": str(path), "line": 0,
                   "reason": 'document "launch.txt" has no publication date: add a "date" field or give --date'}
    dated = ingest_text(store, [path], default_date=DAY, coder=coder)
    assert dated.documents == 1 and dated.inserted == store.count("events") > 0
    doc = Document("launch.txt", SENTENCES["launch"], DAY, file=str(path))
    assert sorted(stored(store), key=key) == sorted(
        events_table(coder.code(doc)).drop_columns(["ingest_id", "ingested_at"]).to_pylist(), key=key)


def test_folders_and_html(coder: Coder, store: EventStore, write, tmp_path: Path) -> None:
    write("corpus/a.txt", SENTENCES["summit"])
    write("corpus/b.jsonl", line(id="b1", text=SENTENCES["drills"], date="2024-07-06") + "\n")
    write("corpus/sub/c.html", f"<html><head><title>Launch</title></head><body><article><p>{SENTENCES['launch']}"
                               "</p></article></body></html>")
    result = ingest_text(store, [tmp_path / "corpus"], default_date=DAY, coder=coder)
    assert [Path(f.file).name for f in result.files] == ["a.txt", "b.jsonl", "c.html"]
    assert (result.documents, result.quarantined) == (3, 0)
    docs = {r["doc_id"] for r in store.query("SELECT DISTINCT doc_id FROM events").to_pylist()}
    assert docs == {"a.txt", "b1", "c.html"}


def test_events_table_has_the_schema_columns(coder: Coder) -> None:
    events = coder.code_text(SENTENCES["launch"], DAY, "launch")
    table = events_table(events, ingest_id=3, ingested_at=datetime(2024, 7, 4))
    assert table.column_names == [c.name for c in EVENT_COLUMNS]
    assert table.num_rows == len(events) > 0
    assert set(table.column("ingest_id").to_pylist()) == {3}
    assert table.column("mode").to_pylist() == [e.mode for e in events]
    assert events_table([]).num_rows == 0
