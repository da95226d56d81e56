"""The event store: one DuckDB file holding events, quarantined lines and an ingest log.

Open a store with :class:`EventStore`; a store opened for writing is created on first use.
DuckDB allows one writing process per file: a second writer gets a :class:`StoreError`
naming the process that holds the lock, never a corrupt file. Writes happen in
transactions, so a process killed half-way leaves the store as it was before the batch.

Besides ``events``, ``quarantine`` and ``ingests`` (see :mod:`blocwatch.schema`), the store
holds the lookup tables ``cameo_codes``, ``countries`` and ``country_names`` so that SQL
users can join against the same codebooks the importers use.

Examples
--------
>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "demo.duckdb")
>>> with EventStore(path) as store:
...     store.count("events")
0
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocwatch.countries import load_countries
from blocwatch.errors import StoreBusy, StoreError
from blocwatch.schema import (
    EVENT_COLUMNS,
    INGEST_COLUMNS,
    MIGRATIONS,
    QUARANTINE_COLUMNS,
    RAW_PREFIX_BYTES,
    SCHEMA_VERSION,
    create_table_sql,
)
from blocwatch.taxonomy import load_taxonomy

# DuckDB and Arrow are imported where they are used, so that importing blocwatch (and running
# `blocwatch --help`) does not load them.
if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

__all__ = ["DEFAULT_STORE", "WRITER_WAIT", "EventStore", "OriginStats", "StoreStats",
           "insert_ingests", "insert_quarantine", "quarantine_select", "storage_error"]

#: Where the command line keeps its store unless told otherwise.
DEFAULT_STORE = "blocwatch.duckdb"

#: Seconds the command line's writers wait for a store another process holds (a running
#: ingest, a server copying its snapshot) before they give up.
WRITER_WAIT = 10.0

#: Serialises the creation of cursors (:meth:`EventStore.cursor`) from threads.
_CURSOR_LOCK = threading.Lock()

_LOCK_RE = re.compile(r"(?:Conflicting lock is held in (?P<prog>\S+))?.*?\(PID (?P<pid>\d+)\)", re.S)


@dataclass(frozen=True)
class OriginStats:
    """Events from one origin."""

    origin: str
    events: int
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True)
class StoreStats:
    """What a store holds: see :meth:`EventStore.stats`."""

    path: str
    events: int
    quarantined: int
    files: int  # distinct file contents ingested
    origins: list[OriginStats]
    quarantine_reasons: list[tuple[str, int]]
    top_dyads: list[tuple[str, str, int]]


def _lookup_fingerprint() -> str:
    """Changes whenever the shipped codebooks change, so stored lookups are rebuilt."""
    tax, countries = load_taxonomy(), load_countries()
    h = hashlib.sha256(repr((tax.rows(), sorted(countries.by_iso3.items()))).encode())
    return h.hexdigest()[:16]


_NO_SPACE = {"no space left on device": "no space left on device", "file too large": "file too large (the system's "
             "file size limit)", "disk quota exceeded": "disk quota exceeded"}
_DAMAGED = ("could not read enough bytes", "corrupt", "checksum", "invalid block", "invalid database")
_FILE_RE = re.compile(r'file "([^"]+)"')


def _is_duckdb_file(path: str) -> bool:
    """Whether ``path`` is (the start of) a DuckDB database file: its magic bytes."""
    try:
        with open(path.removesuffix(".wal"), "rb") as fh:
            return fh.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def storage_error(exc: BaseException, path: str | os.PathLike[str] | None = None) -> StoreError | None:
    """The :class:`StoreError` a DuckDB error means when the store's file failed (full disk, file
    size limit, a truncated or damaged store), else ``None``.

    Only DuckDB's I/O and commit errors count: a full disk whatever file DuckDB was writing, and
    damage only in the file named ``path`` (without it, a DuckDB database file the error names; its
    write-ahead log stands for the store). Anything else (a parse error quoting "checksum", an input
    file DuckDB cannot read) is not the store's and stays what it is.

    Examples
    --------
    >>> import duckdb
    >>> err = duckdb.IOException('Could not write file "x.duckdb.wal": No space left on device')
    >>> str(storage_error(err))
    'x.duckdb: no space left on device'
    >>> storage_error(duckdb.ConversionException('Could not convert "corrupt checksum"'), "x.duckdb") is None
    True
    """
    duckdb = sys.modules.get("duckdb")  # DuckDB raised it only if DuckDB is loaded (imported when used)
    if duckdb is None or not isinstance(exc, (duckdb.IOException, duckdb.TransactionException)):
        return None
    msg = str(exc)
    low = msg.lower()
    named = _FILE_RE.search(msg)
    file = named.group(1) if named else None
    for needle, words in _NO_SPACE.items():
        if needle in low:
            where = path if path is not None else (file.removesuffix(".wal") if file else None)
            return StoreError(words, path=str(where) if where is not None else None)
    if not any(d in low for d in _DAMAGED) or file is None:
        return None
    if path is not None:
        if os.path.realpath(file.removesuffix(".wal")) != os.path.realpath(path):
            return None
    elif not _is_duckdb_file(file):
        return None
    first = msg.splitlines()[0].removeprefix("IO Error: ").removeprefix("TransactionContext Error: ")
    return StoreError(f"not a blocwatch store or damaged ({first})", path=str(path if path is not None else file))


def quarantine_select(alias: str) -> str:
    """The select list that stores rows of ``alias`` (the ``quarantine`` columns but
    ``quarantined_at``) as the store keeps them: a line of more than :data:`RAW_PREFIX_BYTES`
    characters (or bytes, of ``raw_bytes``) clipped to its start, with the whole line's length in bytes
    and SHA-256 (kept when the writer already computed them).

    >>> print(quarantine_select("q").splitlines()[0])
    q.* REPLACE (
    """
    p, whole = RAW_PREFIX_BYTES, f"coalesce({alias}.raw_bytes, encode({alias}.raw))"
    return f"""{alias}.* REPLACE (
        CASE WHEN length({alias}.raw) > {p} THEN left({alias}.raw, {p}) ELSE {alias}.raw END AS raw,
        CASE WHEN octet_length({alias}.raw_bytes) > {p} THEN {alias}.raw_bytes[1:{p}]
             ELSE {alias}.raw_bytes END AS raw_bytes,
        coalesce({alias}.raw_length, octet_length({whole})) AS raw_length,
        coalesce({alias}.raw_sha256, CASE WHEN length({alias}.raw) > {p} OR octet_length({alias}.raw_bytes) > {p}
                                          THEN sha256({whole}) END) AS raw_sha256)"""


def insert_quarantine(con: duckdb.DuckDBPyConnection, rows: pa.Table, now: datetime) -> None:
    """Add quarantined lines (the ``quarantine`` columns but ``quarantined_at``; ``raw_length`` and
    ``raw_sha256`` may be left out), skipping lines already quarantined (same file content and line
    number). Lines over :data:`RAW_PREFIX_BYTES` keep their start (:func:`quarantine_select`)."""
    import pyarrow as pa

    for name, typ in (("raw_length", pa.int64()), ("raw_sha256", pa.string())):
        if name not in rows.schema.names:
            rows = rows.append_column(name, pa.nulls(len(rows), typ))
    con.register("_bw_quarantine", rows)
    try:
        con.execute(
            f"""INSERT INTO quarantine BY NAME
               SELECT {quarantine_select("q")}, $now::TIMESTAMP AS quarantined_at FROM _bw_quarantine q
               WHERE NOT EXISTS (SELECT 1 FROM quarantine o
                                 WHERE o.file_sha256 = q.file_sha256 AND o.line = q.line)""",
            {"now": now},
        )
    finally:
        con.unregister("_bw_quarantine")


def insert_ingests(con: duckdb.DuckDBPyConnection, rows: pa.Table, started: datetime) -> None:
    """Log files read (the ``ingests`` columns but the two timestamps), finished now."""
    con.register("_bw_log", rows)
    try:
        con.execute(
            "INSERT INTO ingests BY NAME SELECT *, $started::TIMESTAMP AS started_at, "
            "$finished::TIMESTAMP AS finished_at FROM _bw_log",
            {"started": started, "finished": datetime.now()},
        )
    finally:
        con.unregister("_bw_log")


class EventStore:
    """A DuckDB file of events.

    Parameters
    ----------
    path : str or Path
        The database file. Created (with its tables) when opened for writing.
    read_only : bool
        Open without taking the write lock; several readers may share a file.
    threads : int, optional
        DuckDB worker threads (default: all cores).
    memory_limit : str, optional
        DuckDB memory limit such as ``"1GB"``; DuckDB spills to disk beyond it.
    wait : float
        Seconds to keep trying while another process holds the file (a running ingest, a
        server copying a snapshot) before giving up; 0: at once.

    Raises
    ------
    StoreBusy
        Another process holds the file (after ``wait`` seconds).
    StoreError
        The file is missing (read-only), not a DuckDB file, or written by a newer blocwatch.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        threads: int | None = None,
        memory_limit: str | None = None,
        wait: float = 0.0,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError("no event store here; run `blocwatch ingest` first", path=str(self.path))
        if not read_only and self.path.parent and not self.path.parent.exists():
            raise StoreError(f"folder {self.path.parent} does not exist", path=str(self.path))
        import duckdb

        config: dict[str, Any] = {"preserve_insertion_order": False}
        if threads:
            config["threads"] = threads
        if memory_limit:
            config["memory_limit"] = memory_limit
        deadline = time.monotonic() + wait
        while True:
            try:
                self.con = duckdb.connect(str(self.path), read_only=read_only, config=config)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                    raise self._store_error(exc) from None
                time.sleep(0.1)
            except duckdb.Error as exc:
                raise storage_error(exc, self.path) or StoreError(f"cannot open: {exc}", path=str(self.path)) from None
        # DuckDB draws its own progress bar on stdout for long queries; the library never prints
        # (progress goes through blocwatch.progress), but DuckDB still tracks it for query_progress().
        self.con.execute("SET enable_progress_bar = true")
        self.con.execute("SET enable_progress_bar_print = false")
        if read_only:
            self._check_version()
        else:
            self._initialise()

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> EventStore:
        """The same store through a DuckDB cursor of its own, for one thread at a time.

        A DuckDB connection must not be used by two threads at once; its cursors share the
        database (and its read-only mode) and may run queries in parallel. A server opens the
        store once and gives each request a cursor. Closing the view closes only its cursor.

        Examples
        --------
        >>> import tempfile, os
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store, store.cursor() as view:
        ...     view.count("cameo_codes"), view.path == store.path, view.con is store.con
        (317, True, False)
        """
        view = object.__new__(EventStore)
        view.path, view.read_only = self.path, self.read_only
        with _CURSOR_LOCK:
            view.con = self.con.cursor()
        view.con.execute("SET enable_progress_bar_print = false")
        return view

    def _store_error(self, exc: Exception) -> StoreError:
        msg = str(exc)
        if "lock" in msg.lower():
            m = _LOCK_RE.search(msg)
            holder = f" (PID {m.group('pid')})" if m and m.group("pid") else ""
            return StoreBusy(
                f"in use by another blocwatch or DuckDB process{holder}; wait for it to finish",
                path=str(self.path),
            )
        if "not a valid DuckDB database" in msg or "Unable to open database" in msg:
            return StoreError("not a blocwatch store (not a DuckDB database file)", path=str(self.path))
        return storage_error(exc, self.path) or StoreError(f"cannot open: {msg.splitlines()[0]}", path=str(self.path))

    def _check_version(self) -> None:
        import duckdb

        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        except duckdb.CatalogException:
            raise StoreError("not a blocwatch store (no meta table)", path=str(self.path)) from None
        version = int(row[0][0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"written by a newer blocwatch (schema {version}, this one reads {SCHEMA_VERSION}); upgrade",
                path=str(self.path),
            )

    def _initialise(self) -> None:
        con = self.con
        con.execute("BEGIN")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        if row and int(row[0][0]) > SCHEMA_VERSION:
            con.execute("ROLLBACK")
            raise StoreError(
                f"written by a newer blocwatch (schema {row[0][0]}); upgrade blocwatch", path=str(self.path)
            )
        found = int(row[0][0]) if row else SCHEMA_VERSION
        con.execute(create_table_sql("events", EVENT_COLUMNS))
        con.execute(create_table_sql("quarantine", QUARANTINE_COLUMNS))
        con.execute(create_table_sql("ingests", INGEST_COLUMNS))
        for version in range(found + 1, SCHEMA_VERSION + 1):  # a store of an older blocwatch is upgraded
            for sql in MIGRATIONS.get(version, ()):
                con.execute(sql)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        fingerprint = _lookup_fingerprint()
        row = con.execute("SELECT value FROM meta WHERE key = 'lookup_fingerprint'").fetchall()
        if not row or row[0][0] != fingerprint:
            self._write_lookups()
            con.execute("INSERT OR REPLACE INTO meta VALUES ('lookup_fingerprint', ?)", [fingerprint])
        con.execute("COMMIT")

    def _write_lookups(self) -> None:
        import pyarrow as pa

        from blocwatch.arrays import table as arrow_table

        tax, countries = load_taxonomy(), load_countries()
        text, small = pa.string(), pa.int8()
        cameo = arrow_table(tax.rows(), pa.schema([
            ("code", text), ("root", text), ("level", small), ("name", text), ("goldstein", pa.float64()),
            ("goldstein_icews", pa.float64()), ("quad_class", small), ("plover", text), ("plover_mode", text)]))
        states = arrow_table([(c.iso3, c.cameo, c.name, c.fips, c.cow) for c in countries.by_iso3.values()],
                             pa.schema([("iso3", text), ("cameo", text), ("name", text), ("fips", text),
                                        ("cow", pa.int32())]))
        names = arrow_table(countries.alias_rows(), pa.schema([("name", text), ("iso3", text)]))
        con = self.con
        for table, data, ddl in (
            ("cameo_codes", cameo, "code VARCHAR PRIMARY KEY, root VARCHAR, level TINYINT, name VARCHAR, "
             "goldstein DOUBLE, goldstein_icews DOUBLE, quad_class TINYINT, plover VARCHAR, plover_mode VARCHAR"),
            ("countries", states, "iso3 VARCHAR PRIMARY KEY, cameo VARCHAR, name VARCHAR, fips VARCHAR, cow INTEGER"),
            ("country_names", names, "name VARCHAR PRIMARY KEY, iso3 VARCHAR"),
        ):
            con.execute(f"CREATE OR REPLACE TABLE {table} ({ddl})")
            con.register("_bw_lookup", data)
            try:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _bw_lookup")
            finally:
                con.unregister("_bw_lookup")

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A transaction on the store's connection: committed when the block ends, rolled back
        when it raises (and the block's error is the one raised, even if the rollback fails too).

        Examples
        --------
        >>> import tempfile, os
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
        ...     with store.transaction() as con:
        ...         _ = con.execute("INSERT INTO meta VALUES ('note', 'kept')")
        ...     try:
        ...         with store.transaction() as con:
        ...             _ = con.execute("INSERT INTO meta VALUES ('other', 'dropped')")
        ...             raise ValueError("undo")
        ...     except ValueError:
        ...         pass
        ...     store.query("SELECT key FROM meta WHERE key IN ('note', 'other')").to_pylist()
        [{'key': 'note'}]
        """
        import duckdb

        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed rollback must not hide why it was needed
                con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def next_ingest_id(self) -> int:
        """The id the next file read into the store gets (ids of one ingest are consecutive).

        Examples
        --------
        >>> import tempfile, os
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
        ...     store.next_ingest_id()
        1
        """
        row = self.con.execute("SELECT coalesce(max(ingest_id), 0) FROM ingests").fetchall()
        return int(row[0][0] if row else 0) + 1

    # -- reading -----------------------------------------------------------------------------

    def count(self, table: str) -> int:
        """Rows in one of the store's tables.

        Examples
        --------
        >>> import tempfile, os
        >>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as s:
        ...     s.count("cameo_codes")
        317
        """
        if table not in {"events", "quarantine", "ingests", "cameo_codes", "countries", "country_names"}:
            raise ValueError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(row[0][0]) if row else 0

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Run SQL against the store and return an Arrow table."""
        return self.con.sql(sql, params=params or None).to_arrow_table()

    def stats(self, top: int = 10) -> StoreStats:
        """Counts by origin, date range, quarantine reasons and the busiest dyads.

        Parameters
        ----------
        top : int
            How many dyads (directed pairs of different states) to list.
        """
        con = self.con
        origins = [
            OriginStats(o, int(n), d0, d1)
            for o, n, d0, d1 in con.execute(
                "SELECT origin, count(*), min(date), max(date) FROM events GROUP BY origin ORDER BY 2 DESC"
            ).fetchall()
        ]
        reasons = [
            (r, int(n))
            for r, n in con.execute(
                "SELECT regexp_replace(reason, '\"[^\"]*\"', '\"...\"', 'g') AS r, count(*) FROM quarantine "
                "GROUP BY r ORDER BY 2 DESC LIMIT 10"
            ).fetchall()
        ]
        dyads = [
            (s, t, int(n))
            for s, t, n in con.execute(
                """SELECT source_country, target_country, count(*) AS n FROM events
                   WHERE source_country IS NOT NULL AND target_country IS NOT NULL
                     AND source_country <> target_country AND mode = 'factual'
                   GROUP BY ALL ORDER BY n DESC, 1, 2 LIMIT ?""",
                [top],
            ).fetchall()
        ]
        return StoreStats(
            path=str(self.path),
            events=self.count("events"),
            quarantined=self.count("quarantine"),
            files=int(self.con.execute("SELECT count(DISTINCT file_sha256) FROM ingests").fetchall()[0][0]),
            origins=origins,
            quarantine_reasons=reasons,
            top_dyads=dyads,
        )

    def quarantined(self, *, file_contains: str | None = None, limit: int | None = 50) -> pa.Table:
        """Quarantined lines, oldest first: file, line, reason and the raw text.

        Parameters
        ----------
        file_contains : str, optional
            Keep lines of files whose name contains this text.
        limit : int, optional
            At most this many lines; ``None`` for all.
        """
        sql = "SELECT file, line, reason, raw FROM quarantine"
        params: list[Any] = []
        if file_contains:
            sql += " WHERE contains(file, ?)"
            params.append(file_contains)
        sql += " ORDER BY ingest_id, file, line"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, params)
