"""On Spark's executors: input files to numbered lines, with the importer's own preparation.

Each file arrives whole (Spark's ``binaryFile`` source) and goes through exactly what the DuckDB
engine does before parsing: :func:`blocwatch.ingest.sources.prepare_source` (archives, gzip,
SHA-256, line and blank-line counts, lines with a stray CR set aside), the dataset's layout
detection and alternate widths, and the loader's quarantine reasons for lines that cannot be
parsed at all (not UTF-8, too long, wrong number of fields). What is left is one row per line
with the key of the layout that will parse it; :mod:`blocwatch.spark.ingest` parses those rows
in Spark SQL. Every source also gives one ``_file`` row: its facts and layouts, for the ingest
log and the line accounting.

Examples
--------
>>> from blocwatch.ingest.gdelt import GDELT_V2
>>> layout_key(GDELT_V2) == layout_key(GDELT_V2.replace())
True
>>> rows = prepare_content(b"a\\tb\\n\\nc\\n", "gdelt")
>>> for r in rows:
...     if r["part"] != FILE_PART:
...         print(r["part"], r["line"], r["problem"])
_problem 1 expected 57, 58 or 61 tab-separated fields, found 2
_problem 3 expected 57, 58 or 61 tab-separated fields, found 1
>>> [(r["lines"], r["blank_lines"]) for r in rows if r["part"] == FILE_PART]
[(3, 1)]
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from blocwatch.errors import InputError
from blocwatch.ingest.datasets import DATASET_FORMATS, detect_source, prepare_file
from blocwatch.ingest.layout import MAX_LINE_BYTES, Layout
from blocwatch.ingest.loader import Reject, reject_reason, split_fields, utf8_reason
from blocwatch.ingest.sources import Source

__all__ = ["FILE_PART", "PREPARED_SCHEMA", "PROBLEM_PART", "layout_key", "prepare_batches", "prepare_content"]

#: ``part`` of the rows describing a source, and of lines quarantined before parsing.
FILE_PART, PROBLEM_PART = "_file", "_problem"

#: Spark DDL of the rows :func:`prepare_batches` yields (line, problem and file rows share it).
PREPARED_SCHEMA = (
    "part STRING, path STRING, member INT, line BIGINT, text STRING, fields ARRAY<STRING>, raw BINARY, "
    "problem STRING, suffix STRING, sha256 STRING, size BIGINT, lines BIGINT, header_lines BIGINT, "
    "blank_lines BIGINT, format STRING, layouts BINARY, error STRING, error_line BIGINT, raw_length BIGINT, "
    "raw_sha256 STRING"
)

_ARROW = pa.schema([
    ("part", pa.string()), ("path", pa.string()), ("member", pa.int32()), ("line", pa.int64()),
    ("text", pa.string()), ("fields", pa.list_(pa.string())), ("raw", pa.binary()), ("problem", pa.string()),
    ("suffix", pa.string()), ("sha256", pa.string()), ("size", pa.int64()), ("lines", pa.int64()),
    ("header_lines", pa.int64()), ("blank_lines", pa.int64()), ("format", pa.string()), ("layouts", pa.binary()),
    ("error", pa.string()), ("error_line", pa.int64()), ("raw_length", pa.int64()), ("raw_sha256", pa.string()),
])


def layout_key(layout: Layout) -> str:
    """A short name for a layout, the same on every executor (it names a Spark partition)."""
    return "L" + hashlib.sha1(repr(layout).encode()).hexdigest()[:12]


def _reason(layout: Layout, kind: str, raw: bytes, width: int | None = None) -> str:
    """The DuckDB loader's quarantine reason for a reject of ``kind`` (one definition of the words)."""
    return reject_reason(layout, Reject(kind, ""), raw, width)


def _problem(path: str, member: int, line: int, raw: bytes, reason: str, length: int | None = None,
             sha256: str | None = None) -> dict[str, Any]:
    """A problem row; ``length`` and ``sha256`` of the whole line when ``raw`` is its start."""
    try:
        text, blob = raw.decode("utf-8"), None
    except UnicodeDecodeError:
        text, blob = raw.decode("utf-8", errors="backslashreplace"), raw
    return {"part": PROBLEM_PART, "path": path, "member": member, "line": line, "text": text, "raw": blob,
            "problem": reason, "raw_length": length, "raw_sha256": sha256}


def _lines(data: bytes) -> tuple[np.ndarray, np.ndarray, bytes]:
    """Start and end offsets of every line of ``data`` (ends exclude the newline), and the buffer."""
    buf = data if data.endswith(b"\n") else data + b"\n"
    nl = np.flatnonzero(np.frombuffer(buf, dtype=np.uint8) == 10)
    starts = np.concatenate(([0], nl[:-1] + 1)).astype(np.int64)
    return starts, nl.astype(np.int64), buf


def _source_rows(src: Source, layout: Layout, alternates: dict[int, Layout], path: str,
                 member: int) -> Iterator[dict[str, Any] | pa.RecordBatch]:
    data = src.path.read_bytes()
    starts, ends, buf = _lines(data) if data else (np.zeros(0, np.int64), np.zeros(0, np.int64), b"")
    expected = src.lines - len(src.removed)  # a cleaned copy lacks the lines set aside
    if len(starts) != expected:
        raise AssertionError(f"{src.name}: counted {expected} lines, split {len(starts)}")
    numbers = (np.asarray(src.line_map, dtype=np.int64) if src.line_map is not None
               else np.arange(1, len(starts) + 1, dtype=np.int64))
    lengths = ends - starts
    keep = lengths > 0
    if layout.header and keep.any():
        keep[int(np.argmax(keep))] = False  # the header is the first line that is not blank
    for i in np.flatnonzero(keep & (lengths > MAX_LINE_BYTES)):
        raw = buf[starts[i]:ends[i]]
        yield _problem(path, member, int(numbers[i]), raw, _reason(layout, "LINE SIZE OVER MAXIMUM", raw))
    keep &= lengths <= MAX_LINE_BYTES
    idx = np.flatnonzero(keep)
    offsets = np.append(starts, len(buf)).astype(np.int32 if len(buf) < 2**31 else np.int64)
    kind = pa.binary() if offsets.dtype == np.int32 else pa.large_binary()
    every = pa.Array.from_buffers(kind, len(starts), [None, pa.py_buffer(offsets), pa.py_buffer(buf)])
    lines = pc.binary_slice(pc.take(every, pa.array(idx)), 0, -1)  # drop each line's "\n"
    try:
        text = lines.cast(pa.large_string() if kind == pa.large_binary() else pa.string())
    except pa.ArrowInvalid:  # some lines are not UTF-8: find them one by one
        good = []
        for j, raw in enumerate(lines.to_pylist()):
            reason = utf8_reason(raw)
            if reason is None:
                good.append(j)
            else:
                yield _problem(path, member, int(numbers[idx[j]]), raw, reason)
        idx = idx[good]
        text = pc.take(lines, pa.array(good, pa.int64())).cast(pa.string())
    if layout.quote:
        fields = [split_fields(t.encode(), layout) for t in text.to_pylist()]
        widths = np.asarray([len(f) for f in fields], dtype=np.int64)
    else:
        fields = None
        widths = pc.add(pc.count_substring(text, layout.delimiter), 1).to_numpy(zero_copy_only=False)
    keys = np.full(len(idx), layout_key(layout), dtype=object)
    wrong = widths != layout.width
    for width, alt in alternates.items():
        hit = wrong & (widths == width)
        keys[hit] = layout_key(alt)
        wrong &= ~hit
    for j in np.flatnonzero(wrong):
        raw = text[int(j)].as_py().encode()
        reason = _reason(layout, "TOO MANY COLUMNS", raw, int(widths[j]))
        yield _problem(path, member, int(numbers[idx[j]]), raw, reason)
    ok = np.flatnonzero(~wrong)
    n = len(ok)
    good = pc.take(text, pa.array(ok, pa.int64())).cast(pa.string())
    columns: dict[str, Any] = {
        "part": pa.array(keys[ok].tolist(), pa.string()),
        "path": pa.array([path] * n, pa.string()),
        "member": pa.array(np.full(n, member, dtype=np.int32)),
        "line": pa.array(numbers[idx[ok]]),
    }
    columns["text"] = good
    if fields is not None:  # quoted: Python's csv split (Spark splits the others)
        columns["fields"] = pa.array([fields[j] for j in ok], pa.list_(pa.string()))
    yield pa.RecordBatch.from_arrays([columns.get(f.name, pa.nulls(n, f.type)) for f in _ARROW], schema=_ARROW)
    for removed in src.removed:
        yield _problem(path, member, removed.line, removed.raw, removed.reason, removed.length, removed.sha256)


def _file_row(path: str, member: int, suffix: str, src: Source | None = None, layout: Layout | None = None,
              layouts: dict[str, Layout] | None = None, error: InputError | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"part": FILE_PART, "path": path, "member": member, "suffix": suffix}
    if src is not None:
        row.update(sha256=src.sha256, size=src.size, lines=src.lines, blank_lines=src.blank_lines)
        if layout is not None:
            row.update(header_lines=int(layout.header), format=layout.name,
                       layouts=pickle.dumps((layout_key(layout), layouts)))
    if error is not None:
        row.update(error=error.reason, error_line=error.line)
    return row


def _batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist(rows, schema=_ARROW)


def prepare_content(content: bytes, fmt: str, path: str = "input") -> list[dict[str, Any]]:
    """The prepared rows of one file's bytes, as dictionaries (for tests and doctests)."""
    out: list[dict[str, Any]] = []
    for item in _prepare_file(content, fmt, path):
        out.extend(item.to_pylist() if isinstance(item, pa.RecordBatch) else [item])
    return out


def _prepare_file(content: bytes, fmt: str, path: str) -> Iterator[dict[str, Any] | pa.RecordBatch]:
    detect, alternates_of = DATASET_FORMATS[fmt]
    with tempfile.TemporaryDirectory(prefix="blocwatch-spark-") as tmp:
        local = Path(tmp) / "input"
        local.write_bytes(content)
        prefix = str(local)
        sources, error = prepare_file(local, Path(tmp))
        for member, src in enumerate(sources):
            suffix = src.name[len(prefix):] if src.name.startswith(prefix) else ""
            try:
                layout = detect_source(detect, src)
            except InputError as exc:
                yield _file_row(path, member, suffix, src, error=exc)
                continue
            alternates = alternates_of(layout)
            layouts = {layout_key(x): x for x in (layout, *alternates.values())}
            yield from _source_rows(src, layout, alternates, path, member)
            yield _file_row(path, member, suffix, src, layout, layouts)
        if error is not None:
            name = error.file or prefix
            suffix = name[len(prefix):] if name.startswith(prefix) else ""
            yield _file_row(path, len(sources), suffix, error=error)


def prepare_batches(batches: Iterator[pa.RecordBatch], fmt: str) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: rows of ``binaryFile`` (``path``, ``content``) to prepared rows.

    Line rows come in Arrow batches straight from the numpy line split; problem and file rows,
    which are few, are gathered per input batch.
    """
    for batch in batches:
        small: list[dict[str, Any]] = []
        for path, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(),
                                 strict=True):
            for item in _prepare_file(content or b"", fmt, path):
                if isinstance(item, pa.RecordBatch):
                    if item.num_rows:
                        yield item
                else:
                    small.append(item)
        if small:
            yield _batch(small)
