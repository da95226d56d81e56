"""Code news documents and store their events beside imported datasets.

Every input line is accounted for: a document is coded (its events stored, or found already
stored), and a line that is not a usable document (bad JSON, no text, no publication date)
goes to the store's ``quarantine`` table with its file, line and reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from blocwatch.coder import Coder, Document, Problem, read_documents
from blocwatch.coder.events import CodedEvent
from blocwatch.ingest.results import summed
from blocwatch.progress import NullProgress, Progress
from blocwatch.schema import EVENT_COLUMNS
from blocwatch.store import insert_ingests, insert_quarantine

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["TextFileResult", "TextIngestResult", "events_table", "ingest_text"]


@dataclass
class TextFileResult:
    """One input file: documents coded, events stored, lines quarantined."""

    file: str
    documents: int = 0
    events: int = 0
    inserted: int = 0
    duplicates: int = 0
    quarantined: int = 0
    first_problem: tuple[int | None, str] | None = None


@dataclass
class TextIngestResult:
    """One text ingest: its files, and totals over them (documents, events, inserted, duplicates,
    quarantined)."""

    files: list[TextFileResult] = field(default_factory=list)

    documents = summed("documents")
    events = summed("events")
    inserted = summed("inserted")
    duplicates = summed("duplicates")
    quarantined = summed("quarantined")


def events_table(events: Iterable[CodedEvent], ingest_id: int | None = None,
                 ingested_at: datetime | None = None) -> pa.Table:
    """Coded events as an Arrow table with the ``events`` schema's columns."""
    rows = [e.to_row() for e in events]
    columns: dict[str, pa.Array] = {}
    for col in EVENT_COLUMNS:
        if col.name == "ingest_id":
            columns[col.name] = pa.array([ingest_id] * len(rows), pa.int32())
        elif col.name == "ingested_at":
            columns[col.name] = pa.array([ingested_at] * len(rows), pa.timestamp("us"))
        else:
            columns[col.name] = pa.array([r.get(col.name) for r in rows], col.arrow_type)
    return pa.table(columns)


def _missing_date(doc: Document) -> Problem:
    return Problem(doc.file or doc.id, doc.line, f'document "{doc.id}" has no publication date: '
                   'add a "date" field or give --date', "")


def ingest_text(store: EventStore, paths: Iterable[str | Path], *, default_date: date | None = None,
                coder: Coder | None = None, workers: int = 1, progress: Progress | None = None) -> TextIngestResult:
    """Code the documents in ``paths`` and store their events.

    Parameters
    ----------
    store : EventStore
        Opened for writing.
    paths : iterable of path
        ``.txt``, ``.jsonl``, ``.html`` files or folders of them.
    default_date : date, optional
        Publication date of documents that give none (all ``.txt`` files).
    coder : Coder, optional
        Defaults to :meth:`Coder.load`.
    workers : int
        Processes to code in.
    progress : Progress, optional
        Counts documents.

    Raises
    ------
    InputError
        A path does not exist or cannot be coded.
    """
    progress = progress or NullProgress()
    coder = coder or Coder.load()
    items = list(read_documents(paths, default_date))
    by_file: dict[str, TextFileResult] = {}
    problems: dict[str, list[Problem]] = {}
    documents: list[Document] = []
    for item in items:
        name = item.file if isinstance(item, Problem) else (item.file or item.id)
        result = by_file.setdefault(str(name), TextFileResult(str(name)))
        if isinstance(item, Problem):
            problems.setdefault(result.file, []).append(item)
        elif item.date is None:
            problems.setdefault(result.file, []).append(_missing_date(item))
        else:
            documents.append(item)
    progress.start("coding", total=len(documents))
    coded: dict[str, list[CodedEvent]] = {}
    for doc, events in coder.code_many(documents, workers=workers, progress=progress):
        name = str(doc.file or doc.id)
        by_file[name].documents += 1
        coded.setdefault(name, []).extend(events)
    progress.finish()

    con = store.con
    now = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        row = con.execute("SELECT coalesce(max(ingest_id), 0) FROM ingests").fetchall()
        next_id = int(row[0][0]) + 1
        for name, result in by_file.items():
            ingest_id = next_id
            next_id += 1
            events = coded.get(name, [])
            result.events = len(events)
            if events:
                con.register("_bw_text", events_table(events, ingest_id, now))
                try:
                    con.execute("""INSERT INTO events BY NAME SELECT * FROM _bw_text n
                                   WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)
                                   QUALIFY row_number() OVER (PARTITION BY event_id) = 1""")
                finally:
                    con.unregister("_bw_text")
                result.inserted = int(con.execute("SELECT count(*) FROM events WHERE ingest_id = ?",
                                                  [ingest_id]).fetchall()[0][0])
                result.duplicates = result.events - result.inserted
            bad = problems.get(name, [])
            result.quarantined = len(bad)
            if bad:
                result.first_problem = (bad[0].line, bad[0].reason)
            sha, size = _file_facts(name)  # read once, for both
            _quarantine(con, name, sha, bad, ingest_id, now)
            _log(con, name, sha, size, result, ingest_id, now)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return TextIngestResult(list(by_file.values()))


def _file_facts(name: str) -> tuple[str, int]:
    """SHA-256 and size of an input file (of the name, for a document that is no file)."""
    path = Path(name)
    if path.is_file():
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest(), path.stat().st_size
    return hashlib.sha256(name.encode()).hexdigest(), 0


def _quarantine(con, name: str, sha: str, problems: list[Problem], ingest_id: int,  # noqa: ANN001
                now: datetime) -> None:
    if not problems:
        return
    insert_quarantine(con, pa.table({
        "ingest_id": pa.array([ingest_id] * len(problems), pa.int32()),
        "file": [name] * len(problems),
        "file_sha256": [sha] * len(problems),
        "line": pa.array([p.line or 0 for p in problems], pa.int64()),
        "reason": [p.reason for p in problems],
        "raw": [p.raw for p in problems],
        "raw_bytes": pa.array([None] * len(problems), pa.binary()),
        "origin": ["text"] * len(problems),
    }), now)


def _log(con, name: str, sha: str, size: int, result: TextFileResult, ingest_id: int,  # noqa: ANN001
         started: datetime) -> None:
    counts = {"lines": result.documents + result.quarantined, "header_lines": 0, "blank_lines": 0,
              "inserted": result.inserted, "duplicates": result.duplicates, "quarantined": result.quarantined,
              "bytes": size}
    insert_ingests(con, pa.table({
        "ingest_id": pa.array([ingest_id], pa.int32()), "file": [name], "file_sha256": [sha], "format": ["text"],
        **{k: pa.array([v], pa.int64()) for k, v in counts.items()},
    }), started)
