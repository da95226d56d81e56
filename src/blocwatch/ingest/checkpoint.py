"""Coding that survives a kill: the events of documents coded so far are kept in the store.

Coding is the slow part of ``ingest text`` (a few articles a second). Every
:data:`CHECKPOINT_DOCUMENTS` documents (or :data:`CHECKPOINT_SECONDS`) their events are committed
to a staging table, ``coding_checkpoint``, keyed by the document (its file, line, id, date, text
and the coder's version); a run killed half-way and started again codes only the documents not
yet kept, and only when the same blocwatch, parser and data files would code them again
(:func:`shipped_coder`; a coder built with other dictionaries or models never reuses them). Staged
events are never events: analyses read ``events`` only, and the final
transaction of an ingest moves a file's events into ``events`` and removes their staging rows.

Examples
--------
>>> import os, tempfile
>>> from blocwatch import EventStore
>>> from blocwatch.documents import Document
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     cp = Checkpoint(store, shipped_coder())
...     doc = Document("d1", "Russia condemned Japan.", file="news.jsonl", line=1)
...     cp.save([(cp.key(doc), [])])
...     sorted(cp.kept([cp.key(doc), "other"])) == [cp.key(doc)]
True
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Iterable, Iterator
from importlib import metadata, resources
from typing import TYPE_CHECKING

import pyarrow as pa

import blocwatch
from blocwatch.arrays import array

if TYPE_CHECKING:
    import duckdb

    from blocwatch.coder.events import CodedEvent
    from blocwatch.documents import Document
    from blocwatch.store import EventStore

__all__ = ["CHECKPOINT_DOCUMENTS", "CHECKPOINT_SECONDS", "Checkpoint", "shipped_coder"]

#: Documents coded between two commits of their events to the staging table.
CHECKPOINT_DOCUMENTS = 200
#: Seconds of coding between two commits, whichever comes first.
CHECKPOINT_SECONDS = 30.0

_TABLE = "coding_checkpoint"
_DOCS = "coding_checkpoint_documents"


@functools.cache
def shipped_coder() -> str:
    """What identifies the shipped coder's output: blocwatch's version, the versions of spaCy and
    the English model, and the bytes of every data file blocwatch ships (dictionaries, patterns,
    learned models). Computed without loading the model.

    >>> len(shipped_coder())
    64
    """
    h = hashlib.sha256(blocwatch.__version__.encode())
    for dist in sorted(metadata.distributions(), key=lambda d: str(d.metadata["Name"]).lower()):
        name = str(dist.metadata["Name"]).lower().replace("-", "_")
        if name == "spacy" or name.startswith("en_core_web"):
            h.update(f"\0{name}=={dist.version}".encode())
    stack = [resources.files("blocwatch.data")]
    while stack:
        folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                stack.append(entry)
            elif entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                h.update(f"\0{entry.name}\0".encode())
                h.update(entry.read_bytes())
    return h.hexdigest()


class Checkpoint:
    """The staging tables of one store (created on first use), for one coder.

    Parameters
    ----------
    store : EventStore
        Opened for writing.
    coder : str
        What identifies the coder (:func:`shipped_coder`); part of every document's key.
    """

    def __init__(self, store: EventStore, coder: str) -> None:
        self.store = store
        self.coder = coder
        con = store.con
        con.execute(f"CREATE TABLE IF NOT EXISTS {_DOCS} (doc_key VARCHAR NOT NULL)")
        con.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} AS SELECT ''::VARCHAR AS doc_key, * FROM events LIMIT 0")
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [_TABLE]).fetchall()}
        want = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()]
        if not set(want) <= have:  # written by an older blocwatch: start staging afresh
            con.execute(f"DROP TABLE {_TABLE}")
            con.execute(f"DELETE FROM {_DOCS}")
            con.execute(f"CREATE TABLE {_TABLE} AS SELECT ''::VARCHAR AS doc_key, * FROM events LIMIT 0")

    def key(self, doc: Document) -> str:
        """What identifies a document's coding: the coder, the document's place and its content."""
        parts = (self.coder, doc.file or "", str(doc.line), doc.id, str(doc.date), doc.title or "", doc.url or "",
                 doc.text)
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    @contextlib.contextmanager
    def _keys(self, keys: Iterable[str]) -> Iterator[duckdb.DuckDBPyConnection]:
        """The store's connection with ``keys`` registered as the view ``_bw_keys`` (``doc_key``)."""
        con = self.store.con
        con.register("_bw_keys", pa.table({"doc_key": array(list(keys), pa.string())}))
        try:
            yield con
        finally:
            con.unregister("_bw_keys")

    def kept(self, keys: Iterable[str]) -> set[str]:
        """The keys whose documents were coded by an earlier, interrupted run."""
        with self._keys(keys) as con:
            return {r[0] for r in con.execute(
                f"SELECT DISTINCT k.doc_key FROM _bw_keys k JOIN {_DOCS} d USING (doc_key)").fetchall()}

    def events(self, keys: Iterable[str]) -> pa.Table:
        """The staged events of documents ``keys``, as ``events`` rows (ingest id and time unset)."""
        with self._keys(keys) as con:
            return con.sql(f"SELECT c.* EXCLUDE (doc_key) FROM {_TABLE} c SEMI JOIN _bw_keys k "
                           "USING (doc_key)").to_arrow_table()

    def save(self, coded: list[tuple[str, list[CodedEvent]]]) -> None:
        """Commit the events of coded documents (key, events) to the staging table."""
        from blocwatch.ingest.text import events_table

        if not coded:
            return
        rows = [(k, e) for k, evs in coded for e in evs]
        table = events_table([e for _, e in rows], 0, None)
        table = table.add_column(0, "doc_key", array([k for k, _ in rows], pa.string()))
        # the views are registered outside the transaction, so that they can be dropped after a failed one
        with self._keys(k for k, _ in coded) as con:
            con.register("_bw_stage", table)
            try:
                with self.store.transaction():
                    con.execute(f"INSERT INTO {_TABLE} BY NAME SELECT * FROM _bw_stage")
                    con.execute(f"INSERT INTO {_DOCS} SELECT * FROM _bw_keys")
            finally:
                con.unregister("_bw_stage")

    def clear(self, keys: Iterable[str]) -> None:
        """Remove the staging rows of documents ``keys`` (inside the caller's transaction)."""
        with self._keys(keys) as con:
            con.execute(f"DELETE FROM {_TABLE} WHERE doc_key IN (SELECT doc_key FROM _bw_keys)")
            con.execute(f"DELETE FROM {_DOCS} WHERE doc_key IN (SELECT doc_key FROM _bw_keys)")
