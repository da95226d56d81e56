"""Event datasets (GDELT, ICEWS) into the store, every line accounted for.

See :mod:`blocwatch.ingest` for an example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from blocwatch.errors import InputError
from blocwatch.files import scratch_dir
from blocwatch.ingest import gdelt, icews
from blocwatch.ingest.layout import Layout
from blocwatch.ingest.loader import LinesUnaccounted, Loader, empty_required
from blocwatch.ingest.results import FileResult, IngestResult
from blocwatch.ingest.sources import Source, expand_paths, prepare_source, set_aside, short_lines
from blocwatch.progress import NullProgress, Progress
from blocwatch.store import storage_error

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["BATCH_BYTES", "DATASET_FORMATS", "detect_source", "ingest_files", "plan_batches", "prepare_file",
           "set_aside_short"]

_Detect = Callable[[bytes, str], Layout]
_Alternates = Callable[[Layout], dict[int, Layout]]

#: Dataset formats ``ingest_files`` reads: name -> (layout detection, alternate layouts).
DATASET_FORMATS: dict[str, tuple[_Detect, _Alternates]] = {
    "gdelt": (gdelt.detect_layout, gdelt.alternate_layouts),
    "icews": (icews.detect_layout, icews.alternate_layouts),
}

#: Input bytes per transaction; bounds memory, and what a killed run has to redo.
BATCH_BYTES = 512 * 1024 * 1024

#: Files hashed and counted at once (hashing runs outside the GIL).
SCAN_THREADS = 2


def plan_batches(items: list[tuple[int, Any, Layout]], limit: int) -> list[list[tuple[int, Any, Layout]]]:
    """The transactions of an ingest: ``(slot, source, layout)`` items grouped by layout, then cut at
    ``limit`` bytes; a path never repeats in a batch. Sources need ``path`` and ``size`` (both engines
    plan their batches, and so their ingest ids, with this)."""
    groups: dict[tuple[object, ...], list[tuple[int, Any, Layout]]] = {}
    for item in items:
        lay = item[2]
        key = (lay.name, lay.fields, lay.delimiter, lay.quote, lay.header, lay.nullstr)
        groups.setdefault(key, []).append(item)
    batches: list[list[tuple[int, Any, Layout]]] = []
    for group in groups.values():
        current: list[tuple[int, Any, Layout]] = []
        size = 0
        paths: set[Any] = set()
        for item in group:
            src = item[1]
            if current and (size + src.size > limit or src.path in paths):
                batches.append(current)
                current, size, paths = [], 0, set()
            current.append(item)
            size += src.size
            paths.add(src.path)
        if current:
            batches.append(current)
    return sorted(batches, key=lambda b: b[0][0])


def ingest_files(
    store: EventStore,
    paths: Iterable[str | Path],
    fmt: str,
    *,
    progress: Progress | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> IngestResult:
    """Read dataset files into ``store``.

    Parameters
    ----------
    store : EventStore
        A store opened for writing.
    paths : iterable of str or Path
        Files, folders (read recursively) or archives (``.zip``, gzip).
    fmt : {"gdelt", "icews"}
        The dataset the files come from; the version and layout are recognised per file.
    progress : Progress, optional
        Receives bytes scanned and loaded.
    batch_bytes : int
        Input bytes loaded per transaction.

    Returns
    -------
    IngestResult
        Per file: lines, rows stored, rows already stored, rows quarantined, or the error
        that kept the file out.

    Raises
    ------
    InputError
        A path does not exist, or ``fmt`` is unknown. Problems inside files do not raise:
        they are reported per file in the result.
    """
    if fmt not in DATASET_FORMATS:
        raise InputError(f"unknown dataset format {fmt!r}; choose from {', '.join(DATASET_FORMATS)}")
    detect, alternates = DATASET_FORMATS[fmt]
    progress = progress or NullProgress()
    files = expand_paths(paths)
    slots: list[FileResult | None] = []
    items: list[tuple[int, Source, Layout]] = []
    with scratch_dir() as tmp:
        progress.start("scanning", total=sum(f.stat().st_size for f in files))
        def prepare(f: Path) -> tuple[list[tuple[Source, Layout | InputError]], InputError | None]:
            sources, error = prepare_file(f, Path(tmp))
            out: list[tuple[Source, Layout | InputError]] = []
            for src in sources:
                try:
                    layout = detect_source(detect, src)
                except InputError as exc:
                    out.append((src, exc))
                    continue
                set_aside_short(src, layout, alternates(layout), Path(tmp))
                out.append((src, layout))
            return out, error

        with ThreadPoolExecutor(max_workers=SCAN_THREADS) as pool:
            for f, (sources, error) in zip(files, pool.map(prepare, files), strict=True):
                for src, layout in sources:
                    if isinstance(layout, InputError):
                        slots.append(FileResult(file=src.name, lines=src.lines, error=layout))
                        continue
                    items.append((len(slots), src, layout))
                    slots.append(None)
                if error is not None:
                    slots.append(FileResult(file=error.file or str(f), error=error))
                progress.advance(f.stat().st_size)
        progress.finish()

        progress.start("loading", total=sum(src.size for _, src, _ in items))
        loader = Loader(store, alternates, progress)
        for batch in plan_batches(items, batch_bytes):
            for (slot, _, _), result in zip(batch, _load(loader, batch, fmt, Path(tmp)), strict=True):
                slots[slot] = result
        progress.finish()
    return IngestResult([r for r in slots if r is not None])


def detect_source(detect: _Detect, src: Source) -> Layout:
    """The layout of a prepared source (both engines ask this).

    Raises
    ------
    InputError
        The layout cannot be recognised, or its header line cannot be read.
    """
    layout = detect(src.first_line, src.name)
    if layout.header and src.removed and src.removed[0].line == 1:
        raise InputError(f"the header line cannot be read: {src.removed[0].reason}", file=src.name, line=1)
    return layout


_UNBALANCED = "a quoted field does not close on its line (a line end inside quotes, or a stray quote)"


def set_aside_short(src: Source, layout: Layout, alternates: dict[int, Layout], tmp: Path) -> None:
    """Set aside the lines of ``src`` with fewer fields than any width ``layout`` or its
    ``alternates`` read, with the reason the reader would give, and the lines whose quotes do not
    pair up (one row per line is what the line accounting counts).

    DuckDB's reader records an error per missing field: a million one-field lines took gigabytes.
    """
    fewest = min([layout.width, *alternates])
    found: dict[int, int | str | None] = dict(short_lines(src.path, layout.delimiter, fewest, quote=layout.quote,
                                                       skip_first=layout.header))
    why = {fields: _UNBALANCED if fields is None else layout.width_reason(int(fields))  # one string per width
           for fields in set(found.values())}
    for line, fields in found.items():  # in place: a million short lines must not make two dictionaries
        found[line] = why[fields]
    set_aside(src, tmp, found)  # type: ignore[arg-type]


def prepare_file(path: Path, tmp: Path) -> tuple[list[Source], InputError | None]:
    """The sources in ``path`` (an archive has several) prepared for loading under ``tmp``, and the
    error that stopped reading it, if any."""
    sources: list[Source] = []
    try:
        for src in prepare_source(path, tmp):
            sources.append(src)
    except InputError as exc:
        return sources, exc
    return sources, None


def _load(loader: Loader, batch: list[tuple[int, Source, Layout]], fmt: str, tmp: Path,
          retry: bool = True) -> list[FileResult]:
    layout = batch[0][2]
    try:
        return loader.load(layout, [src for _, src, _ in batch], fmt)
    except LinesUnaccounted as exc:
        if len(batch) > 1:  # the others load; the file that does not add up is refused alone
            return [r for item in batch for r in _load(loader, [item], fmt, tmp)]
        src = batch[0][1]
        return [FileResult(file=src.name, format=layout.name, lines=src.lines,
                           error=InputError(str(exc), file=src.name))]
    except duckdb.Error as exc:
        failed = storage_error(exc, loader.store.path)
        if failed is not None:  # the store's file failed (a full disk): no file is to blame, stop here
            raise failed from exc
        if len(batch) > 1:  # find the file DuckDB cannot read; load the others
            return [r for item in batch for r in _load(loader, [item], fmt, tmp)]
        src = batch[0][1]
        if retry and isinstance(exc, duckdb.ConstraintException) and "NOT NULL" in str(exc):
            empty = empty_required(layout, src)  # rows the reader let through with an empty required field
            if empty:
                set_aside(src, tmp, empty)
                return _load(loader, batch, fmt, tmp, retry=False)
        reason = str(exc).strip().splitlines()[0]
        return [FileResult(file=src.name, format=layout.name, lines=src.lines,
                           error=InputError(f"cannot be read as {layout.name}: {reason}", file=src.name))]
