"""Load prepared sources into the store: DuckDB's CSV reader, rejects to quarantine, exact counts.

One batch of sources that share a layout is one transaction: the reader checks every
value while parsing, good rows go straight into ``events`` (skipping events already
stored), and each rejected line goes to ``quarantine`` with its line number, exact bytes
and a reason. Lines of another known width (GDELT 1.0 rows in a 2.0 file, 57-field rows
among 58) get a second pass with their own layout. For every file the loader checks that
lines = header + blank + stored + already stored + quarantined; a batch that does not add
up is an internal error and is rolled back, never committed.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import count
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from blocwatch.arrays import array
from blocwatch.ingest.layout import MAX_LINE_BYTES, Layout
from blocwatch.ingest.results import FileResult
from blocwatch.ingest.sources import RawLine, Source, read_lines_at
from blocwatch.progress import Progress
from blocwatch.store import insert_ingests, insert_quarantine

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["LinesUnaccounted", "Loader", "Reject", "empty_required", "reject_reason", "split_fields", "utf8_reason"]

_QUARANTINE_SLICE = 50_000  # quarantined lines stored per statement
_WIDTH_ERRORS = {"MISSING COLUMNS", "TOO MANY COLUMNS"}
_PRIORITY = {"INVALID ENCODING": 0, "LINE SIZE OVER MAXIMUM": 1, "TOO MANY COLUMNS": 2,
             "MISSING COLUMNS": 2, "UNQUOTED VALUE": 3, "CAST": 4}


@dataclass(frozen=True)
class Reject:
    """A line DuckDB's CSV reader rejected: its error type and message."""

    kind: str
    message: str


class _AccountingError(AssertionError):
    """The counts of a file do not add up: a bug, never committed."""


class LinesUnaccounted(Exception):
    """The reader neither returned nor rejected some lines of a file: the batch is rolled back and
    the file refused whole, never committed with lines missing."""

    def __init__(self, name: str, missing: int, lines: int, read: int, quarantined: int) -> None:
        self.name, self.missing = name, missing
        what = f"{abs(missing):,} line{'s' if abs(missing) != 1 else ''}"
        super().__init__(
            f"{what} {'neither read nor rejected' if missing > 0 else 'counted twice'} by the reader "
            f"({lines:,} lines: {read:,} rows read, {quarantined:,} quarantined); nothing stored from this file")


def _value_of(message: str) -> str:
    marker = 'Could not convert string "'
    i = message.find(marker)
    if i < 0:
        return ""
    rest = message[i + len(marker):]
    j = rest.find('" to ')
    return rest[:j] if j >= 0 else rest


def split_fields(raw: bytes, layout: Layout) -> list[str]:
    """The fields of a raw line as the layout splits them (quotes honoured where it has them)."""
    text = raw.decode("utf-8", errors="replace")
    if layout.quote:
        try:
            return next(csv.reader([text], delimiter=layout.delimiter, quotechar=layout.quote))
        except (csv.Error, StopIteration):
            pass
    return text.split(layout.delimiter)


def _squash(type_name: str) -> str:
    return "".join(ch for ch in type_name.upper() if ch.isalnum())[:40]


def _cast_column(layout: Layout, raw: bytes, message: str) -> str | None:
    """The column whose value DuckDB could not convert.

    DuckDB's reject tables name the wrong column when the query reads only some columns,
    so the column is found again from the raw line: a checked column holding the value
    the message quotes, preferably of the type the message names.
    """
    value = _value_of(message)
    marker = '" to '
    target = _squash(message[message.find(marker) + len(marker):]) if marker in message else ""
    hits = [name for name, v in zip(layout.fields, split_fields(raw, layout), strict=False)
            if name in layout.types and v.strip() == value.strip()]
    typed = [name for name in hits if target and _squash(layout.types[name]).startswith(target[:20])]
    return (typed or hits or [None])[0]


def utf8_reason(raw: bytes) -> str | None:
    """Why a line is not UTF-8 (``None`` when it is).

    >>> utf8_reason(b"ok"), utf8_reason(bytes([97, 255, 98]))
    (None, 'not valid UTF-8 (byte 0xFF at byte 2 of the line)')
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte 0x{raw[exc.start]:02X} at byte {exc.start + 1} of the line)"
    return None


def _width(raw: bytes, layout: Layout) -> int:
    return len(split_fields(raw, layout))


def empty_required(layout: Layout, source: Source) -> dict[int, str]:
    """Lines of ``source`` whose required fields (event id, date, event code) are empty, with why.

    DuckDB's reader should reject them, and does when it checks the column's type; when the
    query only casts the column to text, it may read an empty value as NULL instead. The
    loader looks for them only when the store refused such a row (a rare, slow path).
    """
    want = {layout.fields.index(f): f for f in layout.required if f in layout.fields}
    out: dict[int, str] = {}
    with open(source.path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if number == 1 and layout.header:
                continue
            body = line.removesuffix(b"\n").removesuffix(b"\r")
            if not body:
                continue
            fields = split_fields(body, layout)
            for i, name in want.items():
                if i < len(fields) and (fields[i] == "" or fields[i] in layout.nullstr):
                    out[number] = f"{name} is empty"
                    break
    return out


def reject_reason(layout: Layout, rej: Reject, raw: bytes, width: int | None = None) -> str:
    """The quarantine reason for a rejected line, in words (both engines give these)."""
    if rej.kind == "INVALID ENCODING":
        return utf8_reason(raw) or "not valid UTF-8"
    if rej.kind == "LINE SIZE OVER MAXIMUM":
        return f"line longer than the maximum of {MAX_LINE_BYTES:,} bytes"
    if rej.kind in _WIDTH_ERRORS:
        return layout.width_reason(width if width is not None else _width(raw, layout))
    if rej.kind == "CAST":
        column = _cast_column(layout, raw, rej.message)
        if column:
            return layout.value_reason(column, _value_of(rej.message))
    if rej.kind == "UNQUOTED VALUE":
        return "malformed quoting (a quote inside an unquoted value)"
    return rej.message.splitlines()[0] if rej.message else rej.kind.lower()


class Loader:
    """Runs batches of sources into one store connection.

    Parameters
    ----------
    store : EventStore
        A store opened for writing.
    alternates : callable
        Maps a layout to the other layouts, by width, that its files may mix in.
    progress : Progress
        Told about bytes loaded.
    """

    def __init__(self, store: EventStore, alternates: Callable[[Layout], dict[int, Layout]],
                 progress: Progress) -> None:
        self.store = store
        self.con = store.con
        self.alternates = alternates
        self.progress = progress
        self._names = count()

    def load(self, layout: Layout, sources: Sequence[Source], origin: str) -> list[FileResult]:
        """Load ``sources`` (all of ``layout``) in one transaction; return one result per source.

        Raises
        ------
        duckdb.Error
            DuckDB could not parse the batch at all; nothing was committed.
        """
        started = datetime.now()
        with self.store.transaction():
            first_id = self.store.next_ingest_id()
            ids = {id(s): first_id + i for i, s in enumerate(sources)}
            rejects = self._pass(layout, sources, ids, started)
            self._check_not_null(layout, first_id, first_id + len(sources) - 1)
            quarantined = {id(s): self._settle(layout, s, rejects.get(str(s.path), {}), ids, started)
                           for s in sources}
            lo, hi = first_id, first_id + len(sources) - 1
            read = self._counts(lo, hi)  # every row the reader accepted, counted where it landed
            duplicates = self._drop_duplicates(lo, hi)
            inserted = self._counts(lo, hi)
            results = []
            for s in sources:
                q = quarantined[id(s)]
                self._store_quarantine(s, q, ids[id(s)], origin, started)
                i = ids[id(s)]
                results.append(self._account(layout, s, q, read.get(i, 0), inserted.get(i, 0), duplicates.get(i, 0)))
            self._log(results, sources, ids, started)
        return results

    # -- passes ----------------------------------------------------------------------------

    def _pass(self, layout: Layout, sources: Sequence[Source], ids: dict[int, int], now: datetime,
              report: bool = True) -> dict[str, dict[int, Reject]]:
        """Insert the rows ``layout`` accepts; return rejects by file path and line.

        ``report`` says whether this pass moves the progress bar (extra passes over a file
        already counted do not).
        """
        con = self.con
        rej = f"_bw_rej{next(self._names)}"
        batch = pa.table({"path": array([str(s.path) for s in sources], pa.string()),
                          "ingest_id": array([ids[id(s)] for s in sources], pa.int32())})
        con.register("_bw_batch", batch)
        sql = f"""
            INSERT INTO events BY NAME
            SELECT * FROM (
                SELECT {layout.select},
                       b.ingest_id AS ingest_id,
                       $now::TIMESTAMP AS ingested_at
                FROM {layout.read_csv([str(s.path) for s in sources], rej)} AS r
                JOIN _bw_batch b ON b.path = r.filename
                {layout.joins}
            ) AS n"""
        try:
            con.execute(sql, {"now": now})
        finally:
            # after a failed statement the transaction is aborted and unregistering fails too;
            # the caller rolls back, and the view is replaced by the next batch's
            with contextlib.suppress(duckdb.Error):
                con.unregister("_bw_batch")
        if report:  # DuckDB reports no progress inside an INSERT, so the bar moves per batch
            self.progress.advance(sum(s.size for s in sources))
        # one row per rejected line, its most telling error first (a short line has one error per
        # missing column: 61 rows of DuckDB's for one line of GDELT must not become 61 in Python)
        rank = " ".join(f"WHEN '{k}' THEN {v}" for k, v in _PRIORITY.items())
        rows = con.execute(
            f"""SELECT s.file_path, e.line,
                       arg_min({{'kind': e.error_type, 'message': e.error_message}},
                               (CASE e.error_type {rank} ELSE 5 END) * 1e12 + e.rowid)
                FROM {rej}_errors e JOIN {rej}_scans s USING (scan_id, file_id)
                GROUP BY ALL"""
        ).fetchall()  # type and message of one row together (arg_min would skip a NULL message alone)
        con.execute(f"DROP TABLE IF EXISTS {rej}_errors")
        con.execute(f"DROP TABLE IF EXISTS {rej}_scans")
        out: dict[str, dict[int, Reject]] = {}
        for path, line, worst in rows:
            out.setdefault(path, {})[int(line)] = Reject(worst["kind"], worst["message"] or "")
        return out

    def _settle(self, layout: Layout, source: Source, rejects: dict[int, Reject], ids: dict[int, int],
                now: datetime) -> list[RawLine]:
        """Decide the fate of a file's rejected lines, with extra passes for other widths."""
        # After an unterminated quote DuckDB's reader recovers by reading on from inside the
        # line, and may report what it read there as a reject of the header line: a header is
        # never a row, and the line itself is rejected already (found by fuzzing).
        rejects = {line: rej for line, rej in rejects.items()
                   if 1 + layout.header <= line <= source.lines}
        if not rejects and not source.removed:
            return []
        raw = read_lines_at(source.path, rejects)
        # DuckDB's reader may report a second error of a short row against the blank line after it
        # (found by fuzzing): a blank line is no row, and the row itself is rejected already.
        rejects = {line: rej for line, rej in rejects.items() if raw.get(line)}
        alternates = self.alternates(layout)
        by_width: dict[int, list[int]] = {}
        widths: dict[int, int] = {}
        for line, rej in rejects.items():
            if rej.kind in _WIDTH_ERRORS:
                widths[line] = _width(raw.get(line, b""), layout)
                if widths[line] in alternates:
                    by_width.setdefault(widths[line], []).append(line)
        final = {line: rej for line, rej in rejects.items()}
        for width, lines in by_width.items():
            alt = alternates[width]
            alt_rejects = self._pass(alt, [source], ids, now, report=False).get(str(source.path), {})
            for line in lines:
                if line in alt_rejects:
                    final[line] = alt_rejects[line]
                    if alt_rejects[line].kind not in _WIDTH_ERRORS:
                        widths.pop(line, None)
                else:
                    del final[line]  # read by the other layout
        out = [
            RawLine(source.original_line(line), raw.get(line, b""),
                         reject_reason(layout, rej, raw.get(line, b""), widths.get(line)))
            for line, rej in sorted(final.items())
        ]
        out.extend(source.removed)  # a quarantined line is the same record as a line set aside
        return sorted(out, key=lambda q: q.line)

    def _check_not_null(self, layout: Layout, lo: int, hi: int) -> None:
        """Refuse the batch, as the store's NOT NULL would, when a row left a column the format
        always fills empty; the caller then sets such rows aside (:func:`empty_required`)."""
        if not layout.not_null:
            return
        cond = " OR ".join(f"{c} IS NULL" for c in layout.not_null)
        row = self.con.execute(f"SELECT count(*) FROM events WHERE ingest_id BETWEEN ? AND ? AND ({cond})",
                               [lo, hi]).fetchall()
        if row and row[0][0]:
            raise duckdb.ConstraintException(f"NOT NULL constraint failed: {', '.join(layout.not_null)}")

    # -- bookkeeping ---------------------------------------------------------------------------

    def _counts(self, lo: int, hi: int) -> dict[int, int]:
        """Events stored per ingest id in ``lo..hi``."""
        return dict(self.con.execute(
            "SELECT ingest_id, count(*) FROM events WHERE ingest_id BETWEEN ? AND ? GROUP BY 1", [lo, hi]).fetchall())

    def _drop_duplicates(self, lo: int, hi: int) -> dict[int, int]:
        """Remove the rows of this batch whose event the store held before it, and events read twice
        within it (overlapping files, keeping the first); return how many per ingest id."""
        con = self.con
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _bw_dups AS
               SELECT rowid AS rid, ingest_id FROM events n
               WHERE ingest_id BETWEEN $lo AND $hi
                 AND event_id IN (SELECT event_id FROM events WHERE ingest_id NOT BETWEEN $lo AND $hi)""",
            {"lo": lo, "hi": hi})
        row = con.execute(
            """SELECT count(*) - count(DISTINCT event_id) FROM events
               WHERE ingest_id BETWEEN ? AND ? AND rowid NOT IN (SELECT rid FROM _bw_dups)""", [lo, hi]).fetchall()
        if row and row[0][0]:
            con.execute(
                """INSERT INTO _bw_dups
                   SELECT rowid, ingest_id FROM (
                       SELECT rowid, ingest_id,
                              row_number() OVER (PARTITION BY event_id ORDER BY ingest_id, rowid) AS k
                       FROM events WHERE ingest_id BETWEEN $lo AND $hi
                         AND rowid NOT IN (SELECT rid FROM _bw_dups))
                   WHERE k > 1""",
                {"lo": lo, "hi": hi})
        counts = dict(con.execute("SELECT ingest_id, count(*) FROM _bw_dups GROUP BY 1").fetchall())
        if counts:
            con.execute("DELETE FROM events WHERE rowid IN (SELECT rid FROM _bw_dups)")
        con.execute("DROP TABLE _bw_dups")
        return counts

    def _store_quarantine(self, source: Source, rows: list[RawLine], ingest_id: int, origin: str,
                          now: datetime) -> None:
        for start in range(0, len(rows), _QUARANTINE_SLICE):  # a flood of bad lines goes in slices
            part = rows[start:start + _QUARANTINE_SLICE]
            texts, blobs = [], []
            for q in part:
                try:
                    texts.append(q.raw.decode("utf-8"))
                    blobs.append(None)
                except UnicodeDecodeError:
                    texts.append(q.raw.decode("utf-8", errors="backslashreplace"))
                    blobs.append(q.raw)
            n = len(part)
            table = pa.table({
                "ingest_id": array([ingest_id] * n, pa.int32()),
                "file": array([source.name] * n, pa.string()),
                "file_sha256": array([source.sha256] * n, pa.string()),
                "line": array([q.line for q in part], pa.int64()),
                "reason": array([q.reason for q in part], pa.string()),
                "raw": array(texts, pa.string()),
                "raw_bytes": array(blobs, pa.binary()),
                "origin": array([origin] * n, pa.string()),
                "raw_length": array([q.length for q in part], pa.int64()),
                "raw_sha256": array([q.sha256 for q in part], pa.string()),
            })
            insert_quarantine(self.con, table, now)

    @staticmethod
    def _account(layout: Layout, source: Source, quarantined: list[RawLine], read: int, inserted: int,
                 duplicates: int) -> FileResult:
        """The file's result, every number counted on its own; they must add up to its lines."""
        header = int(layout.header)
        if read != inserted + duplicates:
            raise _AccountingError(f"{source.name}: {read} rows read but {inserted} stored + {duplicates} duplicates")
        missing = source.lines - header - source.blank_lines - len(quarantined) - read
        if missing:
            raise LinesUnaccounted(source.name, missing, source.lines, read, len(quarantined))
        first = (quarantined[0].line, quarantined[0].reason) if quarantined else None
        return FileResult(
            file=source.name, format=layout.name, lines=source.lines, header_lines=header,
            blank_lines=source.blank_lines, inserted=inserted, duplicates=duplicates,
            quarantined=len(quarantined), first_problem=first,
        )

    def _log(self, results: list[FileResult], sources: Sequence[Source], ids: dict[int, int],
             started: datetime) -> None:
        log = pa.table({
            "ingest_id": array([ids[id(s)] for s in sources], pa.int32()),
            "file": array([r.file for r in results], pa.string()),
            "file_sha256": array([s.sha256 for s in sources], pa.string()),
            "format": array([r.format for r in results], pa.string()),
            **{name: array([getattr(r, name) for r in results], pa.int64())
               for name in ("lines", "header_lines", "blank_lines", "inserted", "duplicates", "quarantined")},
            "bytes": array([s.size for s in sources], pa.int64()),
        })
        insert_ingests(self.con, log, started)
