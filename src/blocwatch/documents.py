"""News documents: plain text, JSON lines and HTML pages, from files or folders.

- ``.txt``: one document; its id is the file name, its date the one given by the caller.
- ``.jsonl``: one document per line with ``id``, ``text``, ``date`` (YYYY-MM-DD) and optional
  ``url`` and ``title``. A line that is not such an object (or not UTF-8) is a :class:`Problem`
  with its line number (lines end at "\\n", as in the file), never silently skipped.
- ``.html``/``.htm``: the main text, extracted with trafilatura (menus, ads and scripts
  dropped); the page's own publication date is used when the caller gives none.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "news.jsonl"
>>> _ = p.write_text('{"id": "a1", "text": "Seoul protested.", "date": "2024-06-02"}\\n{"id": 7}\\n')
>>> [type(x).__name__ for x in read_documents([p])]
['Document', 'Problem']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from blocwatch.errors import InputError
from blocwatch.extras import require

__all__ = ["DOCUMENT_SUFFIXES", "MAX_DOCUMENT_CHARS", "Document", "Problem", "document_from_record",
           "jsonl_documents", "missing_date", "read_documents"]

DOCUMENT_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
#: Longest document accepted (characters); longer ones are reported as problems.
MAX_DOCUMENT_CHARS = 10_000_000


@dataclass(frozen=True)
class Document:
    """A text to code."""

    id: str
    text: str
    date: date | None = None
    url: str | None = None
    title: str | None = None
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Problem:
    """An input that is not a document: file, line (for JSON lines), reason and the raw text."""

    file: str
    line: int | None
    reason: str
    raw: str = ""


def missing_date(doc: Document) -> Problem:
    """The problem of a document without a publication date (its events could not be dated).

    >>> missing_date(Document("a1", "Seoul protested.", file="news.jsonl", line=3)).reason
    'document "a1" has no publication date: add a "date" field or give --date'
    """
    return Problem(doc.file or doc.id, doc.line, f'document "{doc.id}" has no publication date: '
                   'add a "date" field or give --date', "")


def _parse_date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where} is not a date string")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f'{where} "{value}" is not a date (YYYY-MM-DD)') from None


#: A byte order mark, which some editors put at the start of a UTF-8 file (and `cat` in mid-file).
_BOM = "\ufeff"


def _unicode(value: str, name: str) -> str:
    """``value``, unless a JSON escape such as ``\\ud800`` left a lone surrogate in it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f'"{name}" is not valid Unicode (lone surrogate \\u{ord(value[exc.start]):04x})') from None
    return value


def document_from_record(obj: dict, file: str, line: int | None, default_date: date | None) -> Document:
    """The document a record (a JSON line's object, a Parquet row) describes.

    Raises
    ------
    ValueError
        With the reason the record is not a document (no text, no id, a date that is not one ...).
    """
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('no "text" string')
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ValueError(f"text longer than {MAX_DOCUMENT_CHARS:,} characters")
    doc_id = obj.get("id")
    if doc_id is None or isinstance(doc_id, dict | list):
        raise ValueError('no "id"')
    when = obj.get("date")
    when = when if isinstance(when, date) else _parse_date(when, '"date"') or default_date
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    return Document(_unicode(str(doc_id), "id"), _unicode(text, "text"), when,
                    url and _unicode(url, "url"), title and _unicode(title, "title"), file, line)


def jsonl_documents(lines: Iterable[bytes], file: str, default_date: date | None) -> Iterator[Document | Problem]:
    """Documents (and problems) in the lines of a JSON-lines file named ``file``, numbered from 1.

    Examples
    --------
    >>> lines = [b'{"id": 1, "text": "Seoul protested.", "date": "2024-06-02"}\\n', b"\\n", b"[]"]
    >>> docs = jsonl_documents(lines, "f", None)
    >>> [(type(d).__name__, d.line) for d in docs]
    [('Document', 1), ('Problem', 3)]
    """
    # Lines are read as bytes and end at "\n" only, so that line numbers are those of the file
    # (text mode would also end lines at a stray "\r") and bytes that are not UTF-8 are reported.
    seen = False
    for number, data in enumerate(lines, start=1):
        data = data.removesuffix(b"\n").removesuffix(b"\r")
        raw = data.decode("utf-8", "backslashreplace").removeprefix(_BOM)
        if not raw.strip():
            continue
        seen = True
        try:
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid UTF-8 (byte 0x{data[exc.start]:02X} at byte {exc.start + 1} "
                                 "of the line)") from None
            obj = json.loads(line.removeprefix(_BOM))
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            yield document_from_record(obj, file, number, default_date)
        except (ValueError, json.JSONDecodeError) as exc:
            reason = f"not valid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield Problem(file, number, reason, raw)
    if not seen:  # say so, rather than let the file vanish from the result
        yield Problem(file, None, "no documents: the file is empty or holds only blank lines")


def _jsonl(path: Path, default_date: date | None) -> Iterator[Document | Problem]:
    with open(path, "rb") as fh:
        yield from jsonl_documents(fh, str(path), default_date)


def _html(path: Path, default_date: date | None) -> Document | Problem:
    require("coder", "reading HTML pages", "trafilatura")
    import trafilatura

    html = path.read_text(encoding="utf-8", errors="replace")
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        return Problem(str(path), None, "no main text found in the HTML page")
    when = default_date
    title = None
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        title = meta.title
        if when is None and meta.date:
            try:
                when = date.fromisoformat(meta.date[:10])
            except ValueError:
                when = None
    return Document(path.name, text, when, None, title, str(path))


def read_documents(paths: Iterable[str | Path], default_date: date | None = None) -> Iterator[Document | Problem]:
    """Documents (and problems) in ``paths``, folders walked in name order.

    Raises
    ------
    InputError
        A path does not exist or has a suffix blocwatch does not read.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
                         and not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif p.is_file():
            if p.suffix.lower() not in DOCUMENT_SUFFIXES:
                raise InputError(f"cannot code {p.suffix or 'files without a suffix'}: use "
                                 f"{', '.join(DOCUMENT_SUFFIXES)}", file=str(p))
            files.append(p)
        else:
            raise InputError("no such file or folder", file=str(p))
    for f in files:
        suffix = f.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl(f, default_date)
        elif suffix in (".html", ".htm"):
            yield _html(f, default_date)
        else:
            text = f.read_text(encoding="utf-8", errors="replace")
            if len(text) > MAX_DOCUMENT_CHARS:
                yield Problem(str(f), None, f"text longer than {MAX_DOCUMENT_CHARS:,} characters")
            else:
                yield Document(f.name, text, default_date, None, None, str(f))
