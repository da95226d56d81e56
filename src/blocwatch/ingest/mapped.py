"""Any event table into the store, by naming which column holds what: ``--map date=COL,source=COL,...``.

A :class:`FieldMap` says which column of a CSV, TSV or Parquet file holds each field of an
event. Four are required: ``date``, ``source``, ``target`` and ``event``; the others are
optional (:data:`OPTIONAL`). Columns not mapped are ignored. Each row is read as follows:

- ``event`` holds a CAMEO code (``190``, ``0874``; ``42`` is read as ``042``), a CAMEO event
  name as CAMEO or ICEWS write it (``Use conventional military force``, any case), or a PLOVER
  type (``ASSAULT``, in capitals: ``CONSULT`` is PLOVER's type, ``Consult`` CAMEO's name); the
  importer decides per row and counts how many rows were read each way.
  An event known only by its PLOVER type is stored without a CAMEO code, with the Goldstein
  score and quad class of the CAMEO codes of that type (:meth:`blocwatch.taxonomy.Taxonomy.plover_profile`)
  unless the file gives them.
- ``source`` and ``target`` are resolved to states by :class:`blocwatch.actors.ActorNames` on the
  event's day (codes, country names, ``Sector (Country)``, the actor dictionaries), unless
  ``source_country`` / ``target_country`` are mapped; the name is stored beside the state, and
  the importer counts the actor slots resolved by each route.
- ``date`` is ``YYYY-MM-DD`` (a time after it is ignored), ``YYYYMMDD``, ``YYYY/MM/DD`` or
  ``DD Month YYYY``, or what ``date_format`` says.
- The event's id is ``ORIGIN:ID`` when ``id`` is mapped, else ``ORIGIN:h`` and a hash of the
  mapped values, so that reading a file again adds nothing.

Every line is accounted for as for the other datasets: a row that is not an event (wrong number
of fields, no date, an event that is neither a CAMEO code, name nor PLOVER type, no actor) goes
to the quarantine with its line and reason.

Examples
--------
>>> fm = FieldMap.parse("date=date,source=source,target=target,event=relation")
>>> fm.columns["event"], sorted(fm.columns)
('relation', ['date', 'event', 'source', 'target'])
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from blocwatch.actors import ActorNames, Resolved
from blocwatch.arrays import array
from blocwatch.errors import InputError, ParameterError
from blocwatch.files import scratch_dir
from blocwatch.ingest.results import FileResult, IngestResult
from blocwatch.ingest.sources import Source, expand_paths, prepare_source
from blocwatch.progress import NullProgress, Progress
from blocwatch.schema import EVENT_COLUMNS
from blocwatch.store import insert_ingests, insert_quarantine
from blocwatch.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["DELIMITED", "OPTIONAL", "REQUIRED", "FieldMap", "MappedRows", "Profile", "csv_profile", "decode",
           "ingest_mapped", "ingest_mapped_parquet", "read_header"]

#: Fields every map names.
REQUIRED = ("date", "source", "target", "event")

#: Fields a map may name, with what they become.
OPTIONAL = {
    "id": "the event's id in its dataset (else a hash of the mapped values)",
    "source_country": "the source's state, overriding what its name resolves to",
    "target_country": "the target's state, likewise",
    "source_sector": "the source's CAMEO sector code (GOV, MIL ...), overriding what its name resolves to",
    "target_sector": "the target's sector code, likewise",
    "goldstein": "Goldstein score (else the CAMEO code's, or the PLOVER type's)",
    "quad": "quad class 1-4 (else the CAMEO code's, or the PLOVER type's)",
    "plover": "PLOVER event type (else the CAMEO code's)",
    "mode": "PLOVER mode (else the CAMEO code's)",
    "url": "address of the source article",
    "text": "the sentence or notes the event was coded from (stored as evidence)",
    "title": "headline of the source document",
    "latitude": "latitude of the location",
    "longitude": "longitude of the location",
    "fatalities": "reported deaths",
    "doc_id": "the source document's id (a story id)",
    "publisher": "the source's publisher or feed",
    "location": "the location's name",
    "location_country": "the location's country",
}

#: Suffixes of the files a folder given to the mapped importer is read for (files named on their own
#: are read whatever their name).
DELIMITED = (".csv", ".tsv", ".tab", ".txt", ".gz", ".zip")

#: How an event value was read (the counts an ingest reports).
EVENT_ROUTES = ("CAMEO code", "event name", "PLOVER type")

_MAP_ITEM = re.compile(r"^\s*([a-z_]+)\s*=\s*(.+?)\s*$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%Y%m%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y")
_BATCH = 50_000
_MISSING = frozenset({"", "NA", "N/A", "None", "null", "NULL"})

#: The ``events`` columns a mapped row fills, in the order of :meth:`MappedRows.row`'s tuple.
ROW_COLUMNS = ("event_id", "date", "date_precision", "source", "source_name", "source_country", "source_sector",
               "target", "target_name", "target_country", "target_sector", "cameo", "cameo_root", "quad_class",
               "goldstein", "plover", "plover_mode", "mode", "origin", "origin_id", "doc_id", "url", "publisher",
               "location_name", "location_country", "latitude", "longitude", "evidence_text", "doc_title",
               "fatalities")
_NOBODY = Resolved(None, None, None, "named")
_UNTERMINATED = "\x00unterminated"


@dataclass(frozen=True)
class FieldMap:
    """Which column holds each field (see the module docstring).

    Parameters
    ----------
    columns : mapping
        Field name -> column name.
    """

    columns: Mapping[str, str]

    def __post_init__(self) -> None:
        unknown = sorted(set(self.columns) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            raise ParameterError("map", f"unknown field {unknown[0]!r}; fields are {', '.join(REQUIRED)} and "
                                        f"{', '.join(OPTIONAL)}")
        missing = [f for f in REQUIRED if f not in self.columns]
        if missing:
            raise ParameterError("map", f"name the column of {', '.join(missing)} (e.g. "
                                        "date=date,source=source,target=target,event=relation)")

    @classmethod
    def parse(cls, text: str | Mapping[str, str]) -> FieldMap:
        """``"date=COL,source=COL,target=COL,event=COL[,id=COL...]"`` (or a mapping).

        Raises
        ------
        ParameterError
            An item is not ``FIELD=COLUMN``, a field is unknown or named twice, or a required one
            is missing.
        """
        if not isinstance(text, str):
            return cls(dict(text))
        columns: dict[str, str] = {}
        for item in text.split(","):
            if not item.strip():
                continue
            m = _MAP_ITEM.match(item)
            if not m:
                raise ParameterError("map", f"{item.strip()!r} is not FIELD=COLUMN")
            if m.group(1) in columns:
                raise ParameterError("map", f"field {m.group(1)!r} is named twice")
            columns[m.group(1)] = m.group(2)
        return cls(columns)


Hook = Callable[[dict[str, str]], Any]


@dataclass(frozen=True)
class Profile:
    """How one dataset's files are read: its name (the ingest's format), encoding, delimiter and
    field map, and hooks for what the generic rules do not cover.

    Parameters
    ----------
    name : str
        Recorded as the ingest's format (``csv``, ``polecat``, ``acled`` ...).
    fields : FieldMap or callable
        The map, or ``fields(header) -> FieldMap`` for datasets whose columns vary by release.
    encoding : str
        Of the files: a codec name, or ``auto`` (each line UTF-8 if it decodes, else Latin-1).
    delimiter : str, optional
        Field separator; by default the header's most frequent of tab, ``;`` and ``,``.
    quoting : bool
        Whether ``"`` quotes values (not in POLECAT, whose values hold quotes as text).
    date_format : str, optional
        ``strptime`` format of the dates, tried first.
    headers : callable, optional
        ``headers(names) -> [names, ...]``: other column lists a row may be read by, chosen by its
        number of fields (a release whose header names columns its rows lack).
    values : callable, optional
        ``values(row) -> {field: value}`` (``row``: column name -> value): fields computed from
        several columns, overriding the mapped ones.
    event : callable, optional
        ``event(row) -> (cameo, plover, mode)``, a reason why the row is no event (a ``str``), or
        ``None`` to read the ``event`` column: for datasets with their own event types.
    actor : callable, optional
        ``actor(name, day) -> Resolved or None``, tried before :class:`ActorNames`.
    origin : str, optional
        The events' origin (by default the file's stem).
    """

    name: str
    fields: FieldMap | Callable[[list[str]], FieldMap]
    encoding: str = "utf-8"
    delimiter: str | None = None
    quoting: bool = True
    date_format: str | None = None
    headers: Callable[[list[str]], list[list[str]]] | None = None
    values: Hook | None = None
    event: Hook | None = None
    actor: Callable[[str, date | None], Resolved | None] | None = None
    origin: str | None = None

    def field_map(self, header: list[str]) -> FieldMap:
        """The field map of a file with this header."""
        return self.fields if isinstance(self.fields, FieldMap) else self.fields(header)


def decode(data: bytes, encoding: str) -> str:
    """Bytes of a line as text: ``auto`` is UTF-8 when the line is, else Latin-1.

    >>> decode("Mékrou".encode("latin-1"), "auto"), decode("Mékrou".encode(), "auto")
    ('Mékrou', 'Mékrou')
    """
    if encoding == "auto":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return data.decode(encoding, "replace")


def read_header(first_line: bytes, encoding: str = "utf-8", delimiter: str | None = None) -> tuple[list[str], str]:
    """Column names of a header line and the delimiter (tab, ``;`` or ``,``, the most frequent).

    >>> read_header(b"date,source,relation,target")
    (['date', 'source', 'relation', 'target'], ',')
    """
    text = decode(first_line, encoding).rstrip("\r").lstrip("\ufeff")
    if delimiter is None:
        delimiter = max(("\t", ";", ","), key=text.count)
    names = next(csv.reader([text], delimiter=delimiter))
    return [n.strip() for n in names], delimiter


@dataclass
class _Counts:
    events: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)


class MappedRows:
    """Turns the rows of one mapped file into event rows (dicts of the ``events`` columns) or reasons.

    Parameters
    ----------
    profile : Profile
    header : list of str
        The file's column names.
    origin : str
        The events' origin.
    """

    def __init__(self, profile: Profile, header: list[str], origin: str) -> None:
        self.profile = profile
        self.origin = origin
        self.fields = profile.field_map(header)
        self.layouts: dict[int, tuple[list[str], dict[str, int]]] = {len(header): (header, self._positions(header))}
        for names in profile.headers(header) if profile.headers else []:
            try:  # another column list may lack optional columns, never the required ones
                self.layouts.setdefault(len(names), (names, self._positions(names, optional_missing=True)))
            except InputError:
                continue
        self.header = header
        self.width = len(header)
        self.at = self.layouts[self.width][1]
        self.tax = load_taxonomy()
        self.names = ActorNames.load()
        self.counts = _Counts()
        self._dates: dict[str, date | None] = {}
        self._events: dict[str, tuple[str | None, str | None, str | None, str] | None] = {}

    def _positions(self, names: list[str], optional_missing: bool = False) -> dict[str, int]:
        index = {name: i for i, name in enumerate(names)}
        lower = {name.lower(): i for i, name in enumerate(names)}
        missing = [c for f, c in self.fields.columns.items() if c not in index and c.lower() not in lower
                   and not (optional_missing and f not in REQUIRED)]
        if missing:
            raise InputError(f"no column {', '.join(repr(c) for c in missing)} in the header (columns: "
                             f"{', '.join(names)})", line=1)
        at = {f: index.get(c, lower.get(c.lower())) for f, c in self.fields.columns.items()}
        return {f: i for f, i in at.items() if i is not None}

    # -- values ------------------------------------------------------------------------------

    def day(self, text: str) -> date | None:
        """A date in the accepted forms, or None."""
        hit = self._dates.get(text)
        if hit is not None or text in self._dates:
            return hit
        value = text.strip()
        out: date | None = None
        formats = ((self.profile.date_format,) if self.profile.date_format else ()) + _FORMATS
        m = _ISO_DAY.match(value)
        if m:
            try:
                out = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                out = None
        if out is None:
            for fmt in formats:
                try:
                    out = datetime.strptime(value, fmt).date()
                    break
                except ValueError:
                    continue
        self._dates[text] = out
        return out

    def event(self, text: str) -> tuple[str | None, str | None, str | None, str] | None:
        """``(cameo, plover, plover_mode, route)`` of an event value, or None."""
        if text in self._events:
            return self._events[text]
        value = text.strip()
        out: tuple[str | None, str | None, str | None, str] | None = None
        code = None if value in self.tax.plover_types else self.tax.event_code(value)
        if code is not None:
            c = self.tax.cameo[code]
            out = (code, c.plover, c.plover_mode, "CAMEO code" if value.isdigit() else "event name")
        elif value.upper() in self.tax.plover_types:
            out = (None, value.upper(), None, "PLOVER type")
        self._events[text] = out
        return out

    def actor(self, name: str, day: date, country: str | None) -> Resolved:
        hook = self.profile.actor
        found = hook(name, day) if hook else None
        resolved = found or self.names.resolve(name, day)
        if country:
            given = self.names.resolve(country, day)
            self.counts.actors["given" if given.country else "given, not a state"] += 1
            return Resolved(resolved.code, given.country, resolved.sector, "given")
        self.counts.actors[resolved.route + ("" if resolved.country else ", no state")] += 1
        return resolved

    # -- rows --------------------------------------------------------------------------------

    def layout(self, fields: list[str]) -> tuple[list[str], dict[str, int]] | None:
        """The column names and field positions a row is read by, from its number of fields;
        trailing empty fields beyond the header (excess tabs) are ignored."""
        found = self.layouts.get(len(fields))
        if found is None and len(fields) > self.width and not any(f.strip() for f in fields[self.width:]):
            found = self.layouts[self.width]
        return found

    def values_of(self, fields: list[str], layout: tuple[list[str], dict[str, int]]) -> dict[str, str]:
        """The mapped fields of a row, stripped; empty, ``NA``, ``None`` and ``null`` as ``""``; then
        what the profile computes from the row's columns."""
        names, at = layout
        out = {}
        for name, i in at.items():
            value = fields[i].strip()
            out[name] = "" if value in _MISSING else value
        if self.profile.values is not None:
            for name, value in self.profile.values(dict(zip(names, fields, strict=False))).items():
                value = (value or "").strip()
                out[name] = "" if value in _MISSING else value
        return out

    def row(self, fields: list[str]) -> tuple[Any, ...] | str:
        """The event of a row's ``fields`` as a tuple of :data:`ROW_COLUMNS`, or why it is not one."""
        layout = self.layout(fields)
        if layout is None:
            return f"expected {self.width} fields as in the header, found {len(fields)}"
        v = self.values_of(fields, layout)
        raw_day = v["date"]
        if not raw_day:
            return "date is empty"
        day = self.day(raw_day)
        if day is None:
            return f'date: "{raw_day[:40]}" is not a date (YYYY-MM-DD, YYYYMMDD or DD Month YYYY)'
        kind = None
        if self.profile.event is not None:
            found = self.profile.event(dict(zip(layout[0], fields, strict=False)))
            if isinstance(found, str):
                return found
            if found is not None:
                kind = (*found, "dataset type")
        if kind is None:
            raw_event = v["event"] or v.get("plover", "")  # no CAMEO code, but a PLOVER type column
            if not raw_event:
                return "event is empty"
            kind = self.event(raw_event)
            if kind is None:
                return f'event: "{raw_event[:40]}" is not a CAMEO code, CAMEO event name or PLOVER type'
        cameo, plover, mode, route = kind
        if v.get("plover"):
            plover = v["plover"].upper()
        if v.get("mode"):
            mode = v["mode"].lower()
        source_name, target_name = v["source"], v["target"]
        if not source_name and not target_name:
            return "source and target are both empty"
        try:
            goldstein = float(v["goldstein"]) if v.get("goldstein") else None
            quad = int(float(v["quad"])) if v.get("quad") else None
            latitude = float(v["latitude"]) if v.get("latitude") else None
            longitude = float(v["longitude"]) if v.get("longitude") else None
            fatalities = int(float(v["fatalities"])) if v.get("fatalities") else None
        except ValueError as exc:
            return f"not a number: {exc}"
        if quad is not None and quad not in (1, 2, 3, 4):
            return f"quad: {quad} is not a quad class (1-4)"
        if cameo is not None:
            c = self.tax.cameo[cameo]
            goldstein = c.goldstein if goldstein is None else goldstein
            quad = c.quad_class if quad is None else quad
        elif plover is not None:
            profile = self.tax.plover_profile(plover, mode)
            if profile is not None:
                goldstein = profile.goldstein if goldstein is None else goldstein
                quad = profile.quad_class if quad is None else quad
        self.counts.events[route] += 1
        src = self.actor(source_name, day, v.get("source_country", "")) if source_name else _NOBODY
        tgt = self.actor(target_name, day, v.get("target_country", "")) if target_name else _NOBODY
        if v.get("source_sector"):
            src = _with_sector(src, v["source_sector"])
        if v.get("target_sector"):
            tgt = _with_sector(tgt, v["target_sector"])
        origin_id = v.get("id", "")
        event_id = f"{self.origin}:{origin_id}" if origin_id else \
            f"{self.origin}:h{hashlib.sha256(chr(31).join(v[k] for k in sorted(v)).encode()).hexdigest()[:24]}"
        place = v.get("location_country", "")
        return (event_id, day, "day", src.code, source_name or None, src.country, src.sector,
                tgt.code, target_name or None, tgt.country, tgt.sector, cameo, cameo[:2] if cameo else None, quad,
                goldstein, plover, mode, "factual", self.origin, origin_id or None, v.get("doc_id") or None,
                v.get("url") or None, v.get("publisher") or None, v.get("location") or None,
                self.names.resolve(place, day).country if place else None, latitude, longitude,
                v.get("text") or None, v.get("title") or None, fatalities)


def _with_sector(actor: Resolved, sector: str) -> Resolved:
    code = sector.upper()[:3]
    return Resolved((actor.country or "") + code if actor.country else actor.code, actor.country, code, actor.route)


def _lines(source: Source, encoding: str, delimiter: str,
           quoting: bool = True) -> Iterator[tuple[int, str, list[str] | None]]:
    """``(original line number, text, fields)`` of every line of ``source`` (fields ``None`` for a
    blank line, ``[]`` for the header, a marker for a line whose quoting does not close on it)."""
    header_seen = False
    with open(source.path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            body = raw.removesuffix(b"\n").removesuffix(b"\r")
            if not header_seen:
                if body.strip():
                    header_seen = True
                    yield source.original_line(number), "", []  # the header
                else:
                    yield source.original_line(number), "", None
                continue
            text = decode(body, encoding)
            if not text:
                yield source.original_line(number), "", None
                continue
            if not quoting:
                fields = text.split(delimiter)
            else:
                try:
                    fields = next(csv.reader([text], delimiter=delimiter, strict=True))
                except (csv.Error, StopIteration):
                    fields = [_UNTERMINATED]
            yield source.original_line(number), text, fields


def ingest_mapped(store: EventStore, paths: Iterable[str | Path], profile: Profile, *,
                  progress: Progress | None = None) -> IngestResult:
    """Read delimited files (plain, .gz or .zip) into ``store`` through ``profile``'s field map.

    Parameters
    ----------
    store : EventStore
        Opened for writing.
    paths : iterable of path
        Files or folders.
    profile : Profile
        How to read them (:func:`csv_profile` builds one from a map).
    progress : Progress, optional
        Counts bytes read.

    Returns
    -------
    IngestResult
        Per file the usual counts, and in :attr:`~blocwatch.ingest.results.FileResult.notes` how
        many events were read as CAMEO codes, names or PLOVER types and how many actor slots
        resolved by each route.
    """
    progress = progress or NullProgress()
    files = expand_paths(paths, suffixes=DELIMITED)
    results: list[FileResult] = []
    with scratch_dir() as tmp:
        progress.start("reading", total=sum(f.stat().st_size for f in files))
        # "auto" decodes line by line: the preparation must not set aside lines that are not UTF-8
        encoding = "latin-1" if profile.encoding == "auto" else profile.encoding
        for f in files:
            try:
                for source in prepare_source(f, Path(tmp), encoding=encoding):
                    results.append(_ingest_source(store, source, profile, f))
            except InputError as exc:
                results.append(FileResult(file=exc.file or str(f), format=profile.name, error=exc))
            progress.advance(f.stat().st_size)
        progress.finish()
    return IngestResult(results)


def _header_set_aside(source: Source) -> InputError | None:
    """The error when the header line itself was set aside while the file was prepared (a CR, a
    NUL byte or bytes that are not UTF-8 inside it; found by fuzzing): the file cannot be read."""
    if not source.removed:
        return None
    with open(source.path, "rb") as fh:
        kept = next((ln for ln in fh if ln.strip(b"\r\n")), b"")
    if kept.rstrip(b"\r\n") == source.first_line.rstrip(b"\r"):
        return None
    first = source.removed[0]  # lines are in order, and no line before the header is a row
    return InputError(f"the header line cannot be read: {first.reason}", file=source.name, line=first.line)


def _ingest_source(store: EventStore, source: Source, profile: Profile, path: Path) -> FileResult:
    problem = _header_set_aside(source)
    if problem is None:
        try:
            names, delimiter = read_header(source.first_line, profile.encoding, profile.delimiter)
        except csv.Error as exc:
            problem = InputError(f"the header line cannot be read: {exc}", file=source.name, line=1)
    if problem is not None:
        return FileResult(file=source.name, format=profile.name, lines=source.lines, error=problem)
    try:
        rows = MappedRows(profile, names, profile.origin or path.name.split(".")[0])
    except InputError as exc:
        return FileResult(file=source.name, format=profile.name, lines=source.lines,
                          error=InputError(exc.reason, file=source.name, line=1))
    removed = [(r.line, r.reason, decode(r.raw, profile.encoding), r.length, r.sha256) for r in source.removed]
    fact = _Input(source.name, source.sha256, source.size, source.lines, 1)
    return _ingest_rows(store, fact, profile, rows, _lines(source, profile.encoding, delimiter, profile.quoting),
                        removed)


@dataclass(frozen=True)
class _Input:
    """One input's identity and size: name, content hash and bytes, lines, header lines."""

    name: str
    sha256: str
    size: int
    lines: int
    header_lines: int


def _ingest_rows(store: EventStore, fact: _Input, profile: Profile, rows: MappedRows,
                 items: Iterable[tuple[int, str, list[str] | None]],
                 quarantined: list[tuple[Any, ...]]) -> FileResult:
    """Store the events of ``items`` (line, text, fields) in one transaction; quarantine the rest."""
    result = FileResult(file=fact.name, format=profile.name, lines=fact.lines, header_lines=fact.header_lines)
    now = datetime.now()
    with store.transaction() as con:
        ingest_id = store.next_ingest_id()
        batch: list[tuple[Any, ...]] = []
        accepted = 0
        for line, text, fields in items:
            if fields is None:
                result.blank_lines += 1
                continue
            if fields == [] and not text:
                continue  # the header
            made = rows.row(fields) if fields != [_UNTERMINATED] else "malformed quoting (a quote does not close)"
            if isinstance(made, str):
                quarantined.append((line, made, text))
                continue
            batch.append(made)
            accepted += 1
            if len(batch) >= _BATCH:
                _insert(con, batch, ingest_id, now)
                batch = []
        _insert(con, batch, ingest_id, now)
        inserted = int(con.execute("SELECT count(*) FROM events WHERE ingest_id = ?", [ingest_id]).fetchall()[0][0])
        result.inserted, result.duplicates = inserted, accepted - inserted
        result.quarantined = len(quarantined)
        quarantined.sort()
        if quarantined:
            result.first_problem = (quarantined[0][0], quarantined[0][1])
            _quarantine(con, fact, quarantined, ingest_id, profile.name, now)
        counted = result.header_lines + result.blank_lines + accepted + result.quarantined
        if counted != fact.lines:
            raise AssertionError(f"{fact.name}: {fact.lines} lines but {counted} accounted for")
        result.notes = {**{f"event read as {k}": v for k, v in rows.counts.events.items()},
                        **{f"actor slots: {k}": v for k, v in rows.counts.actors.items()}}
        insert_ingests(con, pa.table({
            "ingest_id": array([ingest_id], pa.int32()), "file": array([fact.name], pa.string()),
            "file_sha256": array([fact.sha256], pa.string()), "format": array([profile.name], pa.string()),
            "bytes": array([fact.size], pa.int64()),
            **{k: array([getattr(result, k)], pa.int64())
               for k in ("lines", "header_lines", "blank_lines", "inserted", "duplicates", "quarantined")},
        }), now)
    return result


def ingest_mapped_parquet(store: EventStore, paths: Iterable[str | Path], profile: Profile, *,
                          progress: Progress | None = None) -> IngestResult:
    """Read Parquet files of any schema into ``store`` through ``profile``'s field map: a row is a
    "line" (numbered from 1), its columns the header; the same rules and accounting as
    :func:`ingest_mapped`."""
    import json

    import pyarrow.parquet as pq

    progress = progress or NullProgress()
    files = expand_paths(paths, suffixes=(".parquet", ".pq"))
    results: list[FileResult] = []
    progress.start("reading", total=len(files), unit="files")
    for f in files:
        try:
            pf = pq.ParquetFile(f)
            header = pf.schema_arrow.names
            rows = MappedRows(profile, header, profile.origin or f.name.split(".")[0])
        except (OSError, pa.ArrowInvalid) as exc:
            results.append(FileResult(file=str(f), format=profile.name, error=InputError(
                f"not a Parquet file ({exc})", file=str(f))))
            continue
        except InputError as exc:
            results.append(FileResult(file=str(f), format=profile.name, error=InputError(exc.reason, file=str(f))))
            continue

        def items(pf: Any = pf) -> Iterator[tuple[int, str, list[str] | None]]:
            number = 0
            for batch in pf.iter_batches(batch_size=_BATCH):
                for record in batch.to_pylist():
                    number += 1
                    fields = ["" if v is None else (v.isoformat() if isinstance(v, date | datetime) else str(v))
                              for v in record.values()]
                    yield number, json.dumps(record, default=str, ensure_ascii=False), fields

        with open(f, "rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
        fact = _Input(str(f), sha, f.stat().st_size, pf.metadata.num_rows, 0)
        results.append(_ingest_rows(store, fact, profile, rows, items(), []))
        progress.advance(1)
    progress.finish()
    return IngestResult(results)


def _insert(con: Any, batch: list[tuple[Any, ...]], ingest_id: int, now: datetime) -> None:
    if not batch:
        return
    types = {c.name: c.arrow_type for c in EVENT_COLUMNS}
    transposed = zip(*batch, strict=True)
    columns = {name: array(values, types[name]) for name, values in zip(ROW_COLUMNS, transposed, strict=True)}
    columns["ingest_id"] = array([ingest_id] * len(batch), pa.int32())
    columns["ingested_at"] = array([now] * len(batch), pa.timestamp("us"))
    con.register("_bw_mapped", pa.table(columns))
    try:
        con.execute("""INSERT INTO events BY NAME SELECT * FROM _bw_mapped n
                       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)
                       QUALIFY row_number() OVER (PARTITION BY event_id) = 1""")
    finally:
        con.unregister("_bw_mapped")


def _quarantine(con: Any, fact: _Input, rows: list[tuple[Any, ...]], ingest_id: int, origin: str,
                now: datetime) -> None:
    """Store quarantined lines: (line, reason, raw) tuples, with the whole line's length and SHA-256
    after them when ``raw`` is only its start."""
    insert_quarantine(con, pa.table({
        "ingest_id": array([ingest_id] * len(rows), pa.int32()),
        "file": array([fact.name] * len(rows), pa.string()),
        "file_sha256": array([fact.sha256] * len(rows), pa.string()),
        "line": array([r[0] for r in rows], pa.int64()),
        "reason": array([r[1] for r in rows], pa.string()),
        "raw": array([r[2] for r in rows], pa.string()),
        "raw_bytes": array([None] * len(rows), pa.binary()),
        "origin": array([origin] * len(rows), pa.string()),
        "raw_length": array([r[3] if len(r) > 3 else None for r in rows], pa.int64()),
        "raw_sha256": array([r[4] if len(r) > 4 else None for r in rows], pa.string()),
    }), now)


def csv_profile(fields: FieldMap | str, *, origin: str | None = None, delimiter: str | None = None,
                encoding: str = "utf-8", date_format: str | None = None) -> Profile:
    """The profile of a user's own CSV/TSV: a field map and, optionally, origin, delimiter,
    encoding and date format."""
    return Profile("csv", fields if isinstance(fields, FieldMap) else FieldMap.parse(fields), encoding=encoding,
                   delimiter=delimiter, date_format=date_format, origin=origin)
