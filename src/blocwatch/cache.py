"""A per-user cache of things blocwatch builds from its data and keeps between runs.

Some start-up work gives the same result every time for the same inputs: the coder's actor
dictionary, compiled against the English model's tokenizer, is one (seconds to build,
milliseconds to read). Such results are kept in the user's cache folder, each file under a key
that names its inputs (:func:`cache_key`: blocwatch's version, the data files' hashes, the
model's ...). A file is used only when its key is the one asked for and its checksum is right; a
file that is missing, stale, truncated or damaged is simply not used, and the caller builds the
result again and writes it over. Files are written whole or not at all
(:func:`blocwatch.files.atomic_path`), so processes may share the folder; a folder that cannot be
written (read-only, full) only costs the rebuild.

The folder is ``$BLOCWATCH_CACHE`` when set, else ``$XDG_CACHE_HOME/blocwatch``, else
``~/.cache/blocwatch``; with none of them (no home directory, as for some service accounts)
nothing is kept.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())    # by default: cache_dir()
>>> key = cache_key("example", "1")
>>> read_cache("example", key, folder) is None          # nothing kept yet
True
>>> write_cache("example", key, b"built", folder)
True
>>> read_cache("example", key, folder), read_cache("example", cache_key("example", "2"), folder)
(b'built', None)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from blocwatch.files import atomic_path

__all__ = ["cache_dir", "cache_key", "read_cache", "write_cache"]

#: The start of every cache file, then the key, the payload's SHA-256 and the payload.
_MAGIC = b"blocwatch cache 1\n"
_DIGEST = 32


def cache_dir() -> Path | None:
    """The cache folder: ``$BLOCWATCH_CACHE``, else ``$XDG_CACHE_HOME/blocwatch``, else
    ``~/.cache/blocwatch`` (not created here); None when there is no home directory either."""
    own = os.environ.get("BLOCWATCH_CACHE")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "blocwatch"
    try:
        return Path.home() / ".cache" / "blocwatch"
    except RuntimeError:  # no $HOME and no password entry
        return None


def cache_key(*parts: str | bytes) -> bytes:
    """A key naming a result's inputs: the SHA-256 of the parts (text as UTF-8), each delimited."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def _path(name: str, folder: Path | None) -> Path | None:
    folder = cache_dir() if folder is None else folder
    return None if folder is None else folder / f"{name}.bin"


def read_cache(name: str, key: bytes, folder: Path | None = None) -> bytes | None:
    """The payload kept under ``name`` (in ``folder``, by default :func:`cache_dir`) if it was
    written with ``key`` and is whole, else None."""
    path = _path(name, folder)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + len(key) + _DIGEST
    if len(data) < head or not data.startswith(_MAGIC) or data[len(_MAGIC):len(_MAGIC) + len(key)] != key:
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[head - _DIGEST:head]:
        return None
    return payload


def write_cache(name: str, key: bytes, payload: bytes, folder: Path | None = None) -> bool:
    """Keep ``payload`` under ``name`` and ``key`` in ``folder`` (by default :func:`cache_dir`),
    replacing what was kept; False when the folder cannot be written, which only means that the
    result is built again next time."""
    path = _path(name, folder)
    if path is None:
        return False
    with contextlib.suppress(OSError):
        with atomic_path(path) as tmp:
            tmp.write_bytes(_MAGIC + key + hashlib.sha256(payload).digest() + payload)
        return True
    return False
