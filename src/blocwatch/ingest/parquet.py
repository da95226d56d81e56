"""Runs written as Parquet (by ``--engine spark``) into a store: the same events, nothing twice.

A run folder holds ``events/``, ``quarantine/`` and ``ingests/`` Parquet datasets with the store's
own columns (see :mod:`blocwatch.spark.output`). :func:`import_parquet` adds them to a store in
one transaction: the run's ingest ids are renumbered after the store's, events already stored
(same ``event_id``) are counted as duplicates, quarantined lines already kept (same file content
and line) are not kept again, and every file's lines must add up as they do for an ingest. So a
store that imports a run holds what ingesting the same files with the DuckDB engine gives, and
importing it again adds nothing.

Examples
--------
>>> import os, tempfile
>>> from blocwatch import EventStore
>>> from blocwatch.ingest import ingest_files
>>> row = "\\t".join(["1", "20240618", "202406", "2024", "2024.4630", "RUS", "RUSSIA", "RUS"] + [""] * 7
...                  + ["PRK", "NORTH KOREA", "PRK"] + [""] * 7 + ["1", "042", "042", "04", "1", "1.9", "4", "1", "4",
...                  "2.5"] + [""] * 24 + ["20240618120000", "https://example.org/a"])
>>> tmp = tempfile.mkdtemp()
>>> _ = open(os.path.join(tmp, "one.export.CSV"), "w").write(row + "\\n" + row[:20] + "\\n")
>>> with EventStore(os.path.join(tmp, "a.duckdb")) as a:
...     _ = ingest_files(a, [os.path.join(tmp, "one.export.CSV")], "gdelt")
...     export_run(a, os.path.join(tmp, "run"))
>>> with EventStore(os.path.join(tmp, "b.duckdb")) as b:
...     first, again = import_parquet(b, os.path.join(tmp, "run")), import_parquet(b, os.path.join(tmp, "run"))
...     b.count("events"), b.count("quarantine")
(1, 1)
>>> (first.inserted, first.duplicates, first.quarantined), (again.inserted, again.duplicates, again.quarantined)
((1, 0, 1), (0, 1, 1))
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from blocwatch.errors import InputError
from blocwatch.ingest.results import FileResult, IngestResult
from blocwatch.schema import EVENT_COLUMNS, INGEST_COLUMNS, QUARANTINE_COLUMNS, Column
from blocwatch.store import quarantine_select, storage_error

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["RUN_TABLES", "export_run", "import_parquet"]

#: The datasets of a run folder, in the order they are written (``ingests`` last: it completes a run).
RUN_TABLES = {"events": EVENT_COLUMNS, "quarantine": QUARANTINE_COLUMNS, "ingests": INGEST_COLUMNS}


def _files(folder: Path, table: str) -> list[str]:
    return sorted(str(p) for p in (folder / table).rglob("*.parquet") if not p.name.startswith((".", "_")))


#: Columns added to the store after runs were first written: a run without them is read with them empty.
_ADDED_LATER = {"raw_length", "raw_sha256"}


def _check_schema(con: duckdb.DuckDBPyConnection, files: list[str], columns: tuple[Column, ...], where: str) -> None:
    found = con.execute("DESCRIBE SELECT * FROM read_parquet($f)", {"f": files}).fetchall()
    have = {name: typ for name, typ, *_ in found}
    wanted = {c.name: c.sql_type for c in columns}
    missing = [n for n in wanted if n not in have and n not in _ADDED_LATER]
    extra = [n for n in have if n not in wanted]
    wrong = [f"{n} is {have[n]}, not {t}" for n, t in wanted.items() if n in have and have[n] != t]
    if missing or extra or wrong:
        parts = ([f"lacks {', '.join(missing)}"] if missing else []) + ([f"has extra {', '.join(extra)}"]
                                                                         if extra else []) + wrong
        raise InputError(f"not the store's {where} columns: {'; '.join(parts)}", file=where)


def import_parquet(store: EventStore, folder: str | os.PathLike[str]) -> IngestResult:
    """Add a run folder's events, quarantined lines and ingest log to ``store``.

    Parameters
    ----------
    store : EventStore
        Opened for writing.
    folder : path
        A run folder (``--out`` of ``--engine spark``), on the local file system.

    Returns
    -------
    IngestResult
        One result per file the run read, counted against this store (events it already held are
        duplicates here).

    Raises
    ------
    InputError
        The folder is not a finished run (no ``ingests``), its tables are not the store's, or a
        Parquet file cannot be read (truncated, corrupt); nothing is stored then.
    """
    root = Path(folder)
    try:
        return _import(store, root)
    except duckdb.Error as exc:
        failed = storage_error(exc, store.path)
        if failed is not None:  # the store's file failed (a full disk), not the run's
            raise failed from exc
        reason = str(exc).strip().splitlines()[0]
        raise InputError(f"cannot read the run's Parquet files: {reason}", file=str(root)) from None


def _import(store: EventStore, root: Path) -> IngestResult:
    if not root.is_dir():
        raise InputError("no such run folder", file=str(root))
    files = {t: _files(root, t) for t in RUN_TABLES}
    if not files["ingests"]:
        raise InputError("not a finished blocwatch run: it has no ingests/ (the run was interrupted, or this is "
                         "not what --engine spark wrote)", file=str(root))
    con = store.con
    for table, columns in RUN_TABLES.items():
        if files[table]:
            _check_schema(con, files[table], columns, f"{root / table}")
    log = con.sql("SELECT * FROM read_parquet($f) ORDER BY ingest_id", params={"f": files["ingests"]}).to_arrow_table()
    rows = log.to_pylist()
    now = datetime.now()
    with store.transaction():
        offset = store.next_ingest_id() - 1
        lo, hi = offset + 1, offset + len(rows)
        params = {"offset": offset}
        if files["events"]:
            orphans = con.execute(
                "SELECT count(*) FROM read_parquet($f) WHERE ingest_id NOT IN (SELECT ingest_id FROM read_parquet($g))",
                {"f": files["events"], "g": files["ingests"]}).fetchall()[0][0]
            if orphans:
                raise InputError(f"{orphans:,} events belong to no file of the run's ingests", file=str(root))
            con.execute(
                """INSERT INTO events BY NAME
                   SELECT * REPLACE (ingest_id + $offset AS ingest_id) FROM read_parquet($f) n
                   WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)
                   QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY ingest_id) = 1""",
                {**params, "f": files["events"]})
        first: dict[int, tuple[int, str]] = {}
        if files["quarantine"]:
            present = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet($f)",
                                                 {"f": files["quarantine"]}).fetchall()}
            added = "".join(f", NULL::{c.sql_type} AS {c.name}" for c in QUARANTINE_COLUMNS
                            if c.name in _ADDED_LATER and c.name not in present)
            first = {i: (line, reason) for i, line, reason in con.execute(
                "SELECT ingest_id, min(line), arg_min(reason, line) FROM read_parquet($f) GROUP BY 1",
                {"f": files["quarantine"]}).fetchall()}
            con.execute(
                f"""INSERT INTO quarantine BY NAME
                   SELECT {quarantine_select("q")} FROM (
                       SELECT * REPLACE (ingest_id + $offset AS ingest_id){added} FROM read_parquet($f)) q
                   WHERE NOT EXISTS (SELECT 1 FROM quarantine o WHERE o.file_sha256 = q.file_sha256
                                                                  AND o.line = q.line)""",
                {**params, "f": files["quarantine"]})
        inserted = dict(con.execute("SELECT ingest_id, count(*) FROM events WHERE ingest_id BETWEEN ? AND ? "
                                    "GROUP BY 1", [lo, hi]).fetchall())
        results = []
        for r in rows:
            new_id = int(r["ingest_id"]) + offset
            stored = int(inserted.get(new_id, 0))
            accepted = int(r["inserted"]) + int(r["duplicates"])
            if stored > accepted:
                raise AssertionError(f"{r['file']}: {stored} events stored from {accepted} accepted rows")
            if r["format"] != "text" and (r["lines"] != r["header_lines"] + r["blank_lines"] + accepted
                                          + r["quarantined"]):
                raise InputError(f"the run's counts do not add up: {r['lines']} lines, {r['header_lines']} header, "
                                 f"{r['blank_lines']} blank, {accepted} rows, {r['quarantined']} quarantined",
                                 file=r["file"])
            r.update(ingest_id=new_id, inserted=stored, duplicates=accepted - stored, finished_at=now)
            results.append(FileResult(file=r["file"], format=r["format"], lines=r["lines"],
                                      header_lines=r["header_lines"], blank_lines=r["blank_lines"], inserted=stored,
                                      duplicates=accepted - stored, quarantined=r["quarantined"],
                                      first_problem=first.get(new_id - offset) if r["quarantined"] else None,
                                      documents=r["lines"] - r["quarantined"] if r["format"] == "text" else 0))
        if rows:
            import pyarrow as pa

            con.register("_bw_log", pa.Table.from_pylist(rows, schema=log.schema))
            try:
                con.execute("INSERT INTO ingests BY NAME SELECT * FROM _bw_log")
            finally:
                con.unregister("_bw_log")
    return IngestResult(results)


def export_run(store: EventStore, folder: str | os.PathLike[str]) -> None:
    """Write a store's tables as a run folder (what ``--engine spark`` writes; for tests and moving stores)."""
    root = Path(folder)
    for table in RUN_TABLES:
        (root / table).mkdir(parents=True, exist_ok=False)
        store.con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{root / table / 'part-0.parquet'}' "
                          "(FORMAT parquet)")
