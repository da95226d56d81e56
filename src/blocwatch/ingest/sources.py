"""Turning the paths a user gives into plain text files DuckDB can read, with their line counts.

A path may be a file, a folder (read recursively, in name order), a ``.zip`` archive
(each member is one source, named ``archive.zip:member``) or a gzip file; archives are
recognised by their magic bytes, not their names. Every source is scanned once in large
chunks (never a Python loop per line) to get its SHA-256, its number of lines and of
blank lines, which is how the importer proves that no line was lost.

Lines ending in CR LF are accepted. A bare CR inside a line, a NUL byte (past the first
8 KB, where one makes the whole file binary), bytes that are not UTF-8 or a line longer than
:data:`~blocwatch.ingest.layout.MAX_LINE_BYTES` are not something any event export contains;
such lines are set aside for quarantine with the reason, and the rest is copied to a clean
temporary file, with a map back to the original line numbers. A line is never held whole in
memory: of a line over the maximum only its first :data:`~blocwatch.schema.RAW_PREFIX_BYTES`
are kept, with its length and SHA-256. A compressed file may expand to at most
:data:`MAX_EXPANDED_BYTES` (``BLOCWATCH_MAX_EXPANDED_BYTES`` in the environment changes it).
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from blocwatch.errors import InputError
from blocwatch.ingest.layout import MAX_LINE_BYTES
from blocwatch.schema import RAW_PREFIX_BYTES

__all__ = ["MAX_EXPANDED_BYTES", "RawLine", "Source", "expand_paths", "max_expanded_bytes", "prepare_source",
           "read_lines_at", "set_aside", "short_lines"]

CHUNK = 16 * 1024 * 1024
_BINARY_PROBE = 8192
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_GZIP_MAGIC = b"\x1f\x8b"

#: Most bytes one compressed file (a gzip file, a member of a zip archive) may expand to: a few
#: kilobytes of gzip can expand to gigabytes. ``BLOCWATCH_MAX_EXPANDED_BYTES`` overrides it.
MAX_EXPANDED_BYTES = 16 * 1024**3


def max_expanded_bytes() -> int:
    """The cap on a compressed file's expanded size: :data:`MAX_EXPANDED_BYTES`, or the
    environment's ``BLOCWATCH_MAX_EXPANDED_BYTES``.

    >>> max_expanded_bytes() == MAX_EXPANDED_BYTES or "BLOCWATCH_MAX_EXPANDED_BYTES" in os.environ
    True
    """
    value = os.environ.get("BLOCWATCH_MAX_EXPANDED_BYTES", "").strip()
    if not value:
        return MAX_EXPANDED_BYTES
    try:
        cap = int(value)
    except ValueError:
        raise InputError(f"BLOCWATCH_MAX_EXPANDED_BYTES must be a number of bytes, not {value!r}") from None
    if cap <= 0:
        raise InputError(f"BLOCWATCH_MAX_EXPANDED_BYTES must be positive, not {cap}")
    return cap


@dataclass(frozen=True, slots=True)
class RawLine:
    """A line set aside before parsing, with why; of a line over the maximum length, its start
    (``raw``), its ``length`` in bytes and its ``sha256``."""

    line: int
    raw: bytes
    reason: str
    length: int | None = None
    sha256: str | None = None


@dataclass
class Source:
    """One plain-text input, ready for DuckDB's CSV reader.

    Attributes
    ----------
    name : str
        What the user calls it: the path, or ``archive.zip:member``.
    path : Path
        The file DuckDB reads: the original, or a decompressed or cleaned copy.
    sha256 : str
        Hash of the decompressed content (before cleaning).
    size : int
        Bytes of decompressed content.
    lines : int
        Lines in the content (a last line without a newline counts).
    blank_lines : int
        Empty lines, which DuckDB skips and which hold no row.
    first_line : bytes
        First non-blank line, for recognising the format.
    line_map : numpy.ndarray or None
        When ``path`` is a cleaned copy: original line number of each of its lines.
    removed : list of RawLine
        Lines left out of the cleaned copy, to be quarantined.
    """

    name: str
    path: Path
    sha256: str
    size: int
    lines: int
    blank_lines: int
    first_line: bytes
    line_map: np.ndarray | None = None
    removed: list[RawLine] = field(default_factory=list)

    def original_line(self, line: int) -> int:
        """Line number in the original content of line ``line`` of :attr:`path`."""
        if self.line_map is None:
            return line
        return int(self.line_map[line - 1])


def expand_paths(paths: Iterable[str | Path], *, suffixes: Iterable[str] | None = None) -> list[Path]:
    """Files named by ``paths``; folders are walked recursively in name order.

    Hidden files (names starting with ``.``) inside folders are skipped, and with ``suffixes``
    files whose name does not end in one of them (a README beside the data); a file named on its
    own is read whatever its name.

    Raises
    ------
    InputError
        A path does not exist.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and (suffixes is None or f.name.lower().endswith(tuple(suffixes)))
            )
        elif p.exists():
            out.append(p)
        else:
            raise InputError("no such file or folder", file=str(p))
    return out


def _blank_lines(chunk: bytes, after_newline: bool) -> int:
    """Empty lines ending in ``chunk``; ``after_newline`` if the previous chunk ended a line."""
    blank = int(after_newline and chunk[:1] == b"\n")
    if chunk.find(b"\n\n") < 0:  # the common case: no empty line inside the chunk
        return blank
    nl = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
    return blank + int(np.count_nonzero(np.diff(nl) == 1))


@dataclass
class _Scan:
    sha256: str
    size: int
    lines: int
    blank_lines: int
    has_cr: bool
    first_line: bytes
    has_nul: bool = False
    has_bad_utf8: bool = False
    has_long: bool = False


def _long_line(chunk: bytes, run: int, limit: int = MAX_LINE_BYTES) -> tuple[bool, int]:
    r"""Whether ``chunk`` ends or holds a line of more than ``limit`` bytes, given ``run`` bytes
    of the current line before it; and the bytes of the line still open at its end.

    Steps through the chunk a window of ``limit`` bytes at a time (``rfind``), never per line.

    >>> _long_line(b"ab\ncd\ne", 0, limit=2), _long_line(b"abc\n", 0, limit=2), _long_line(b"x\n", 2, limit=2)
    ((False, 1), (True, 0), (True, 0))
    """
    first = chunk.find(b"\n")
    if first < 0:
        return run + len(chunk) > limit, run + len(chunk)
    if run + first > limit:
        return True, 0
    pos = first + 1
    while len(chunk) - pos > limit:
        q = chunk.rfind(b"\n", pos, pos + limit + 1)
        if q < 0:
            return True, 0
        pos = q + 1
    return False, len(chunk) - pos


def _scan(stream: BinaryIO, name: str, copy_to: BinaryIO | None = None, cap: int | None = None) -> _Scan:
    """Hash and count lines of ``stream`` in chunks, optionally copying it (at most ``cap`` bytes:
    more is an :class:`InputError`)."""
    h = hashlib.sha256()
    size = lines = blank = run = 0
    prev_newline = True  # the start of the file behaves like the end of a line
    has_cr = has_nul = bad_utf8 = has_long = False
    utf8 = codecs.getincrementaldecoder("utf-8")()
    head = b""
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        if size == 0:
            nul = chunk.find(b"\x00", 0, _BINARY_PROBE)
            if nul >= 0:
                raise InputError(f"binary file (NUL byte at offset {nul}); expected a text export", file=name)
        if len(head) < 65536:
            head += chunk[: 65536 - len(head)]
        if cap is not None and size + len(chunk) > cap:
            raise InputError(f"expands to more than {cap:,} bytes (BLOCWATCH_MAX_EXPANDED_BYTES); not read", file=name)
        h.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
        if not has_long:
            has_long, run = _long_line(chunk, run)
        lines += chunk.count(b"\n")
        blank += _blank_lines(chunk, prev_newline)
        prev_newline = chunk[-1] == 10
        has_cr = has_cr or b"\r" in chunk
        has_nul = has_nul or b"\x00" in chunk
        if not bad_utf8 and not (chunk.isascii() and not utf8.getstate()[0]):
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                bad_utf8 = True
        size += len(chunk)
    if not bad_utf8:
        try:
            utf8.decode(b"", final=True)  # a multi-byte character cut off at the end
        except UnicodeDecodeError:
            bad_utf8 = True
    if size and not prev_newline:
        lines += 1
    first = next((ln for ln in head.split(b"\n") if ln.strip(b"\r")), b"")
    return _Scan(h.hexdigest(), size, lines, blank, has_cr, first, has_nul, bad_utf8, has_long)


def _flaw(body: bytes, utf8: bool = True) -> str | None:
    """Why a line (without its ending) cannot be a row of an event export, if it cannot
    (``utf8``: the file should be UTF-8; other encodings decode every byte)."""
    if b"\r" in body:
        return "carriage return (CR) inside the line"
    nul = body.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at byte {nul + 1} of the line"
    if not utf8:
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte 0x{body[exc.start]:02X} at byte {exc.start + 1} of the line)"
    return None


def _read_lines(fin: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[RawLine | bytes]:
    """The lines of ``fin`` without their LF: as bytes, or as a :class:`RawLine` (its first
    :data:`RAW_PREFIX_BYTES`, length and SHA-256) when longer than ``limit``; never a long line whole."""
    number = 0
    while True:
        piece = fin.readline(limit + 2)  # room for the line, a CR and the LF
        if not piece:
            return
        number += 1
        if piece.endswith(b"\n") or len(piece) <= limit + 1:
            body = piece.removesuffix(b"\n")
            if len(body.removesuffix(b"\r")) <= limit:
                yield body
                continue
        h = hashlib.sha256()
        head, length, held = b"", 0, b""
        while piece:  # the line's bytes without its end (LF or CR LF), a CR held back until it is known
            ends = piece.endswith(b"\n")
            body, held = held + piece.removesuffix(b"\n"), b""
            if ends:
                body = body.removesuffix(b"\r")
            elif body.endswith(b"\r"):
                body, held = body[:-1], b"\r"
            h.update(body)
            length += len(body)
            if len(head) < RAW_PREFIX_BYTES:
                head += body[: RAW_PREFIX_BYTES - len(head)]
            if ends:
                break
            piece = fin.readline(CHUNK)
        yield RawLine(number, head, f"line longer than the maximum of {limit:,} bytes ({length:,} bytes)",
                      length, h.hexdigest())


def _clean_lines(src: Path, dst: Path, utf8: bool = True) -> tuple[np.ndarray, list[RawLine], int, int]:
    """Copy ``src`` to ``dst`` dropping CR before LF and setting aside the lines :func:`_flaw` rejects
    and those over the maximum length.

    Returns the line map, the removed lines, and the line and blank-line counts of ``dst``.
    """
    kept: list[int] = []
    removed: list[RawLine] = []
    blank = 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        for number, line in enumerate(_read_lines(fin), start=1):
            if isinstance(line, RawLine):  # over the maximum length, already measured
                removed.append(line)
                continue
            body = line.removesuffix(b"\r")
            reason = _flaw(body, utf8)
            if reason is not None:
                removed.append(RawLine(number, body, reason))
                continue
            kept.append(number)
            blank += not body
            fout.write(body + b"\n")
    return np.asarray(kept, dtype=np.int64), removed, len(kept), blank


def _from_stream(stream: BinaryIO, name: str, tmpdir: Path, stem: str, utf8: bool = True) -> Source:
    plain = tmpdir / f"{stem}.txt"
    try:
        with open(plain, "wb") as out:
            scan = _scan(stream, name, copy_to=out, cap=max_expanded_bytes())
    except BaseException:
        plain.unlink(missing_ok=True)  # a partial copy of a file that was refused takes no room
        raise
    source = _finish(scan, name, plain, tmpdir, stem, utf8)
    if source.path != plain:
        plain.unlink(missing_ok=True)  # the cleaned copy is what is read
    return source


def _finish(scan: _Scan, name: str, path: Path, tmpdir: Path, stem: str, utf8: bool = True) -> Source:
    if scan.size == 0:
        raise InputError("empty file", file=name)
    if scan.blank_lines == scan.lines:
        raise InputError("no rows: the file holds only blank lines", file=name)
    source = Source(name, path, scan.sha256, scan.size, scan.lines, scan.blank_lines, scan.first_line)
    if scan.has_cr or scan.has_nul or scan.has_long or (scan.has_bad_utf8 and utf8):
        cleaned = tmpdir / f"{stem}.clean.txt"
        line_map, removed, lines, blank = _clean_lines(path, cleaned, utf8)
        source.path, source.line_map, source.removed = cleaned, line_map, removed
        # removed lines are not in the copy; blank lines are counted again after cleaning
        source.blank_lines = blank
        if lines + len(removed) != scan.lines:
            raise AssertionError(f"{name}: cleaning kept {lines} + removed {len(removed)} != {scan.lines}")
    return source


def prepare_source(path: Path, tmpdir: Path, *, encoding: str = "utf-8") -> Iterator[Source]:
    """Yield the plain-text sources in ``path`` (one, or one per archive member).

    Lines that cannot be rows (a CR or NUL inside, bytes that are not UTF-8 when ``encoding`` is
    UTF-8) are set aside in :attr:`Source.removed`; a file in another ``encoding`` (Latin-1) is
    left as it is, for its reader to decode.

    Raises
    ------
    InputError
        The file is empty, binary, or a corrupt or truncated archive.
    """
    name = str(path)
    utf8 = codecs.lookup(encoding).name == "utf-8"
    fd, stem_path = tempfile.mkstemp(dir=tmpdir, prefix="src-")
    os.close(fd)
    stem = Path(stem_path).name
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    if magic.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        yield from _zip_sources(path, tmpdir, stem, utf8)
    elif magic.startswith(_GZIP_MAGIC):
        try:
            with gzip.open(path, "rb") as stream:
                yield _from_stream(stream, name, tmpdir, stem, utf8)  # type: ignore[arg-type]
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"corrupt or truncated gzip file: {exc}", file=name) from None
    else:
        with open(path, "rb") as fh:
            scan = _scan(fh, name)
        yield _finish(scan, name, path, tmpdir, stem, utf8)


def _zip_sources(path: Path, tmpdir: Path, stem: str, utf8: bool = True) -> Iterator[Source]:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if not members:
                raise InputError("empty zip archive", file=name)
            failed: list[InputError] = []
            for i, member in enumerate(members):
                member_name = f"{name}:{member.filename}"
                try:
                    with zf.open(member) as stream:
                        yield _from_stream(stream, member_name, tmpdir, f"{stem}-{i}", utf8)  # type: ignore[arg-type]
                except InputError as exc:  # one member that cannot be read must not hide the members after it
                    failed.append(exc)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"corrupt or truncated zip archive: {exc}", file=name) from None
    if len(failed) == 1:
        raise failed[0]
    if failed:
        shown = "; ".join(f"{e.file}: {e.reason}" for e in failed[:5])
        more = f"; and {len(failed) - 5} more" if len(failed) > 5 else ""
        raise InputError(f"{len(failed)} members not read: {shown}{more}", file=name)


def set_aside(source: Source, tmpdir: Path, reasons: dict[int, str]) -> None:
    """Take lines out of what DuckDB reads of ``source``, to quarantine them with their reasons.

    ``reasons`` maps line numbers of :attr:`Source.path` (as it is now) to why each cannot be a
    row; ``source`` then reads a copy without them, its line map and removed lines updated, so
    that they are still quarantined with their original line numbers and bytes.
    """
    if not reasons:
        return
    fd, name = tempfile.mkstemp(dir=tmpdir, prefix="set-aside-", suffix=".txt")
    os.close(fd)
    kept: list[int] = []
    removed = list(source.removed)
    blank = 0
    with open(source.path, "rb") as fin, open(name, "wb") as fout:
        for number, line in enumerate(fin, start=1):
            body = line.removesuffix(b"\n")
            if number in reasons:
                removed.append(RawLine(source.original_line(number), body.removesuffix(b"\r"), reasons[number]))
                continue
            kept.append(source.original_line(number))
            blank += not body.strip(b"\r")
            fout.write(body + b"\n")
    source.path, source.line_map = Path(name), np.asarray(kept, dtype=np.int64)
    source.removed = sorted(removed, key=lambda r: r.line)
    source.blank_lines = blank


def short_lines(path: Path, delimiter: str, fewest: int, *, quote: str = "", skip_first: bool = False
                ) -> dict[int, int | None]:
    r"""Lines of ``path`` with fewer than ``fewest`` fields (``delimiter``-separated), with their
    number of fields; blank lines are not rows and are left out.

    With a ``quote`` character, a line holding one is left to the reader (a quoted delimiter changes
    what its fields are), so every short line found is short and its count exact; and a line with an
    odd number of quotes is found too, with ``None`` for its fields: its quoted field runs into the
    next line, or a quote is stray, and one line is one row (the line accounting counts lines). DuckDB's
    reader spends memory and time on every missing field of a short line (61 error rows for a one-field
    GDELT line), so such lines are set aside before it reads the file. One pass in chunks, vectorised.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "f.tsv"
    >>> _ = p.write_bytes(b"a\tb\tc\nx\n\na\tb\n1\t2\t3")
    >>> short_lines(p, "\t", 3)
    {2: 1, 4: 2}
    >>> _ = p.write_bytes(b'a,b,c\n"x,y"\nz\na,"b\nc",d\n')
    >>> short_lines(p, ",", 3, quote='"')
    {3: 1, 4: None, 5: None}
    """
    code, quoted = ord(delimiter), (ord(quote) if quote else None)
    out: dict[int, int | None] = {}
    number = 1  # of the first line in the buffer
    carry = b""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            buf = carry + chunk
            arr = np.frombuffer(buf, dtype=np.uint8)
            ends = np.flatnonzero(arr == 10)
            if not len(ends):
                carry = buf
                continue
            _short_in(arr, ends, code, fewest, number, out, quoted)
            number += len(ends)
            carry = buf[int(ends[-1]) + 1:]
        if carry:
            arr = np.frombuffer(carry + b"\n", dtype=np.uint8)
            _short_in(arr, np.asarray([len(carry)]), code, fewest, number, out, quoted)
    if skip_first:
        out.pop(1, None)
    return dict(sorted(out.items()))


def _short_in(arr: np.ndarray, ends: np.ndarray, code: int, fewest: int, first: int,
              out: dict[int, int | None], quote: int | None = None) -> None:
    """Add to ``out`` the short lines among those ending at ``ends`` in ``arr`` (line ``first`` first),
    leaving out lines that hold the ``quote`` byte; those with an odd number of them with ``None``."""
    part = arr[: int(ends[-1]) + 1]
    delims = np.flatnonzero(part == code)
    fields = np.diff(np.searchsorted(delims, ends), prepend=0) + 1
    starts = np.concatenate(([0], ends[:-1] + 1))
    body = ends - starts
    body -= (body > 0) & (arr[np.maximum(ends - 1, 0)] == 13)  # a CR before the LF is no content
    short = (fields < fewest) & (body > 0)
    if quote is not None:
        quotes = np.diff(np.searchsorted(np.flatnonzero(part == quote), ends), prepend=0)
        short &= quotes == 0
        for i in np.flatnonzero(quotes % 2 == 1):
            out[first + int(i)] = None
    for i in np.flatnonzero(short):
        out[first + int(i)] = int(fields[i])


def read_lines_at(path: Path, wanted: Iterable[int]) -> dict[int, bytes]:
    """The lines of ``path`` with the given 1-based numbers, without their line ending.

    Reads the file in chunks; meant for the few lines that end up in quarantine.

    Examples
    --------
    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "f.txt"
    >>> _ = p.write_bytes(b"a\\nbb\\r\\n\\nccc")
    >>> read_lines_at(p, [2, 4, 9])
    {2: b'bb', 4: b'ccc'}
    """
    want = sorted(set(wanted))
    out: dict[int, bytes] = {}
    if not want:
        return out
    with open(path, "rb") as fh:
        data_iter = iter(lambda: fh.read(CHUNK), b"")
        number = 1
        carry = b""
        wi = 0
        for chunk in data_iter:
            buf = carry + chunk
            starts = 0
            arr = np.frombuffer(buf, dtype=np.uint8)
            nl = np.flatnonzero(arr == 10)
            last_line_in_buf = number + len(nl) - 1
            while wi < len(want) and want[wi] <= last_line_in_buf:
                k = want[wi] - number
                begin = 0 if k == 0 else int(nl[k - 1]) + 1
                out[want[wi]] = buf[begin : int(nl[k])].removesuffix(b"\r")
                wi += 1
            if len(nl):
                starts = int(nl[-1]) + 1
                number += len(nl)
            carry = buf[starts:]
            if wi == len(want):
                return out
        if carry and wi < len(want) and want[wi] == number:
            out[number] = carry.removesuffix(b"\r")
    return out
