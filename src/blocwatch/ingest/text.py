"""News text into the store: documents coded into events, stored beside imported datasets.

Every input line is accounted for: a document is coded (its events stored, or found already
stored), and a line that is not a usable document (bad JSON, no text, no publication date) goes
to the store's ``quarantine`` table with its file, line and reason. Documents come from files
(:func:`ingest_text`) or from memory (:func:`ingest_documents`, as the web app's write route
sends them); both give the :class:`~blocwatch.ingest.results.IngestResult` every ingest gives,
with ``format`` ``"text"`` and the documents counted.

Coding needs the ``coder`` extra (spaCy and its English model). Coding is kept as it goes
(:mod:`blocwatch.ingest.checkpoint`): a run killed half-way and started again codes only the
documents not yet coded.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from blocwatch.arrays import array
from blocwatch.documents import Document, Problem, missing_date, read_documents
from blocwatch.extras import require
from blocwatch.ingest.checkpoint import CHECKPOINT_DOCUMENTS, CHECKPOINT_SECONDS, Checkpoint, shipped_coder
from blocwatch.ingest.results import FileResult, IngestResult
from blocwatch.progress import NullProgress, Progress
from blocwatch.schema import EVENT_COLUMNS
from blocwatch.store import insert_ingests, insert_quarantine

if TYPE_CHECKING:
    from blocwatch.coder import Coder
    from blocwatch.coder.events import CodedEvent
    from blocwatch.store import EventStore

__all__ = ["CodeResult", "code_documents", "events_table", "ingest_documents", "ingest_text", "load_coder"]


@dataclass
class CodeResult:
    """Documents coded without storing them (``blocwatch code``, on either engine): the events (as
    :func:`events_table` gives them, in document order), how many documents were coded, the
    inputs that are not documents, and the documents without a publication date."""

    events: pa.Table
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)


def load_coder() -> Coder:
    """The shipped coder (:meth:`blocwatch.coder.Coder.load`).

    Raises
    ------
    MissingExtra
        blocwatch was installed without the ``coder`` extra.
    """
    require("coder", "coding news text", "spacy")
    from blocwatch.coder import Coder

    return Coder.load()


def events_table(events: Iterable[CodedEvent], ingest_id: int | None = None,
                 ingested_at: datetime | None = None) -> pa.Table:
    """Coded events as an Arrow table with the ``events`` schema's columns."""
    rows = [e.to_row() for e in events]
    columns: dict[str, pa.Array] = {}
    for col in EVENT_COLUMNS:
        if col.name == "ingest_id":
            columns[col.name] = array([ingest_id] * len(rows), pa.int32())
        elif col.name == "ingested_at":
            columns[col.name] = array([ingested_at] * len(rows), pa.timestamp("us"))
        else:
            columns[col.name] = array([r.get(col.name) for r in rows], col.arrow_type)
    return pa.table(columns)


def code_documents(paths: Iterable[str | Path], *, default_date: date | None = None, coder: Coder | None = None,
                   workers: int = 1, progress: Progress | None = None) -> CodeResult:
    """Code the documents in ``paths`` and return their events; nothing is stored.

    Documents without a publication date are coded too (their events are undated) and listed in
    :attr:`CodeResult.undated`.
    """
    progress = progress or NullProgress()
    items = list(read_documents(paths, default_date))
    documents = [d for d in items if not isinstance(d, Problem)]
    problems = [p for p in items if isinstance(p, Problem)]
    events: list[CodedEvent] = []
    if documents:
        coder = coder or load_coder()
        progress.start("coding", total=len(documents), unit="documents")
        for _, evs in coder.code_many(documents, workers=workers, progress=progress):
            events.extend(evs)
        progress.finish()
    return CodeResult(events_table(events), len(documents), problems,
                      [d.file or d.id for d in documents if d.date is None])


def ingest_text(store: EventStore, paths: Iterable[str | Path], *, default_date: date | None = None,
                coder: Coder | None = None, workers: int = 1, progress: Progress | None = None,
                checkpoint_every: int = CHECKPOINT_DOCUMENTS) -> IngestResult:
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
        Defaults to :func:`load_coder`.
    workers : int
        Processes to code in.
    progress : Progress, optional
        Counts documents.
    checkpoint_every : int
        Documents coded between two commits of their coding (:mod:`blocwatch.ingest.checkpoint`).

    Raises
    ------
    InputError
        A path does not exist or cannot be coded.
    """
    return ingest_documents(store, read_documents(paths, default_date), coder=coder, workers=workers,
                            progress=progress, checkpoint_every=checkpoint_every)


def ingest_documents(store: EventStore, items: Iterable[Document | Problem], *, coder: Coder | None = None,
                     workers: int = 1, progress: Progress | None = None,
                     fingerprints: Mapping[str, tuple[str, int]] | None = None,
                     checkpoint_every: int = CHECKPOINT_DOCUMENTS) -> IngestResult:
    """Code documents and store their events; problems (inputs that are not documents) are
    quarantined. Documents are grouped by their ``file`` (else their id): one ingest log row each.

    Parameters
    ----------
    store : EventStore
        Opened for writing.
    items : iterable of Document or Problem
        What :func:`blocwatch.documents.read_documents` yields, or documents built in memory.
    coder, workers, progress, checkpoint_every
        As for :func:`ingest_text`.
    fingerprints : mapping, optional
        SHA-256 and size of each file name that is not a file on disk (by default such a name's
        own hash, and size 0).
    """
    progress = progress or NullProgress()
    by_file: dict[str, FileResult] = {}
    problems: dict[str, list[Problem]] = {}
    documents: list[Document] = []
    for item in items:
        name = str(item.file if isinstance(item, Problem) else (item.file or item.id))
        result = by_file.setdefault(name, FileResult(name, format="text"))
        if isinstance(item, Problem):
            problems.setdefault(name, []).append(item)
        elif item.date is None:
            problems.setdefault(name, []).append(missing_date(item))
        else:
            documents.append(item)
    coded: dict[str, list[CodedEvent]] = {}
    staged: dict[str, list[str]] = {}  # per file, documents an interrupted run coded (their events are kept)
    keys: list[str] = []
    # coding is kept as it goes only for the shipped coder: another's output is not known to be the same
    shipped = coder is None or getattr(coder, "shipped", False)
    checkpoint = Checkpoint(store, shipped_coder()) if documents and shipped else None
    todo = documents
    if checkpoint is not None:
        pairs = [(checkpoint.key(d), d) for d in documents]
        keys = [k for k, _ in pairs]
        kept = checkpoint.kept(keys)
        todo = []
        for key, doc in pairs:
            if key in kept:
                name = str(doc.file or doc.id)
                by_file[name].documents += 1
                staged.setdefault(name, []).append(key)
            else:
                todo.append(doc)
    if todo:
        coder = coder or load_coder()
        progress.start("coding", total=len(todo), unit="documents")
        pending: list[tuple[str, list[CodedEvent]]] = []
        last = time.monotonic()
        for doc, events in coder.code_many(todo, workers=workers, progress=progress):
            name = str(doc.file or doc.id)
            by_file[name].documents += 1
            coded.setdefault(name, []).extend(events)
            if checkpoint is not None:
                pending.append((checkpoint.key(doc), events))
                if len(pending) >= checkpoint_every or time.monotonic() - last >= CHECKPOINT_SECONDS:
                    checkpoint.save(pending)  # a kill from here on keeps these documents' coding
                    pending, last = [], time.monotonic()
        progress.finish()

    now = datetime.now()
    with store.transaction() as con:
        next_id = store.next_ingest_id()
        for name, result in by_file.items():
            ingest_id = next_id
            next_id += 1
            table = events_table(coded.get(name, []), ingest_id, now)
            if checkpoint is not None and name in staged:
                old = checkpoint.events(staged[name])
                old = old.set_column(old.schema.get_field_index("ingest_id"), "ingest_id",
                                     array([ingest_id] * len(old), pa.int32()))
                old = old.set_column(old.schema.get_field_index("ingested_at"), "ingested_at",
                                     array([now] * len(old), pa.timestamp("us")))
                table = pa.concat_tables([table, old.select(table.column_names).cast(table.schema)])
            if len(table):
                con.register("_bw_text", table)
                try:
                    con.execute("""INSERT INTO events BY NAME SELECT * FROM _bw_text n
                                   WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)
                                   QUALIFY row_number() OVER (PARTITION BY event_id) = 1""")
                finally:
                    con.unregister("_bw_text")
                result.inserted = int(con.execute("SELECT count(*) FROM events WHERE ingest_id = ?",
                                                  [ingest_id]).fetchall()[0][0])
                result.duplicates = len(table) - result.inserted
            bad = problems.get(name, [])
            result.quarantined = len(bad)
            result.lines = result.documents + result.quarantined
            if bad:
                result.first_problem = (bad[0].line, bad[0].reason)
            sha, size = (fingerprints or {}).get(name) or _file_facts(name)  # read once, for both
            _quarantine(con, name, sha, bad, ingest_id, now)
            _log(con, name, sha, size, result, ingest_id, now)
        if checkpoint is not None:
            checkpoint.clear(keys)  # stored now: staging rows go in the same transaction
    return IngestResult(list(by_file.values()))


def _file_facts(name: str) -> tuple[str, int]:
    """SHA-256 and size of an input file (of the name, for a document that is no file)."""
    path = Path(name)
    if path.is_file():
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest(), path.stat().st_size
    return hashlib.sha256(name.encode()).hexdigest(), 0


def _quarantine(con: Any, name: str, sha: str, problems: list[Problem], ingest_id: int, now: datetime) -> None:
    if not problems:
        return
    insert_quarantine(con, pa.table({
        "ingest_id": array([ingest_id] * len(problems), pa.int32()),
        "file": array([name] * len(problems), pa.string()),
        "file_sha256": array([sha] * len(problems), pa.string()),
        "line": array([p.line or 0 for p in problems], pa.int64()),
        "reason": array([p.reason for p in problems], pa.string()),
        "raw": array([p.raw for p in problems], pa.string()),
        "raw_bytes": array([None] * len(problems), pa.binary()),
        "origin": array(["text"] * len(problems), pa.string()),
    }), now)


def _log(con: Any, name: str, sha: str, size: int, result: FileResult, ingest_id: int, started: datetime) -> None:
    counts = {"lines": result.lines, "header_lines": 0, "blank_lines": 0, "inserted": result.inserted,
              "duplicates": result.duplicates, "quarantined": result.quarantined, "bytes": size}
    insert_ingests(con, pa.table({
        "ingest_id": array([ingest_id], pa.int32()), "file": array([name], pa.string()),
        "file_sha256": array([sha], pa.string()), "format": array(["text"], pa.string()),
        **{k: array([v], pa.int64()) for k, v in counts.items()},
    }), started)
