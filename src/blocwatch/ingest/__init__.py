"""Importers: existing event datasets into the store, every line accounted for.

>>> import tempfile, os
>>> from blocwatch import EventStore
>>> row = "\\t".join(["1", "20240618", "202406", "2024", "2024.4630", "RUS", "RUSSIA", "RUS"]
...                 + [""] * 7 + ["PRK", "NORTH KOREA", "PRK"] + [""] * 7
...                 + ["1", "042", "042", "04", "1", "1.9", "4", "1", "4", "2.5"] + [""] * 24
...                 + ["20240618120000", "https://example.org/a"])
>>> tmp = tempfile.mkdtemp()
>>> path = os.path.join(tmp, "one.export.CSV")
>>> _ = open(path, "w").write(row + "\\n")
>>> with EventStore(os.path.join(tmp, "s.duckdb")) as store:
...     result = ingest_files(store, [path], "gdelt")
...     print(result.inserted, result.quarantined)
...     print(store.query("SELECT source_country, target_country, cameo, plover FROM events").to_pylist())
1 0
[{'source_country': 'RUS', 'target_country': 'PRK', 'cameo': '042', 'plover': 'CONSULT'}]
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from blocwatch.errors import InputError
from blocwatch.ingest import gdelt, icews
from blocwatch.ingest.layout import Layout
from blocwatch.ingest.loader import Loader, empty_required
from blocwatch.ingest.results import FileResult, IngestResult
from blocwatch.ingest.sources import Source, expand_paths, prepare_source, set_aside
from blocwatch.progress import NullProgress, Progress

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["DATASET_FORMATS", "FileResult", "IngestResult", "detect_source", "ingest_files"]

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


def _batches(items: list[tuple[int, Source, Layout]], limit: int) -> list[list[tuple[int, Source, Layout]]]:
    """Group items by layout, then cut groups at ``limit`` bytes; a path never repeats in a batch."""
    groups: dict[tuple[object, ...], list[tuple[int, Source, Layout]]] = {}
    for item in items:
        lay = item[2]
        key = (lay.name, lay.fields, lay.delimiter, lay.quote, lay.header, lay.nullstr)
        groups.setdefault(key, []).append(item)
    batches: list[list[tuple[int, Source, Layout]]] = []
    for group in groups.values():
        current: list[tuple[int, Source, Layout]] = []
        size = 0
        paths: set[Path] = set()
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
    with tempfile.TemporaryDirectory(prefix="blocwatch-") as tmp:
        progress.start("scanning", total=sum(f.stat().st_size for f in files))
        with ThreadPoolExecutor(max_workers=SCAN_THREADS) as pool:
            for f, (sources, error) in zip(files, pool.map(lambda f: _prepare(f, Path(tmp)), files), strict=True):
                for src in sources:
                    try:
                        layout = detect_source(detect, src)
                    except InputError as exc:
                        slots.append(FileResult(file=src.name, lines=src.lines, error=exc))
                        continue
                    items.append((len(slots), src, layout))
                    slots.append(None)
                if error is not None:
                    slots.append(FileResult(file=error.file or str(f), error=error))
                progress.advance(f.stat().st_size)
        progress.finish()

        progress.start("loading", total=sum(src.size for _, src, _ in items))
        loader = Loader(store.con, alternates, progress)
        for batch in _batches(items, batch_bytes):
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


def _prepare(path: Path, tmp: Path) -> tuple[list[Source], InputError | None]:
    """The sources in ``path`` and the error that stopped reading it, if any."""
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
    except duckdb.Error as exc:
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
