"""Output files written whole or not at all.

Every file blocwatch writes for the user (a report, its figures, an exported network) is written
beside its final name, flushed to disk and then renamed over it: a kill, a full disk or a crash
leaves either the old file or the new one, never a truncated mix, and no temporary file behind
when Python can still clean up (after ``kill -9`` a ``.NAME.*.PID.tmp`` file may remain beside it;
the next write of the same file removes it once that process is gone). A symbolic link is written
through; the new file gets the old one's mode, else what the umask allows. Errors name the file
the user asked for.

Examples
--------
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "out.txt")
>>> atomic_write(path, "first")
>>> atomic_write(path, "second")
>>> open(path).read(), os.listdir(os.path.dirname(path))
('second', ['out.txt'])
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write", "scratch_dir"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when the block ends
    without an error, removed otherwise. An ``OSError`` names ``path``.

    Examples
    --------
    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "fig.svg")
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("<svg/>")
    >>> open(target).read()
    '<svg/>'
    """
    shown = Path(path)  # errors name the file the user asked for
    final = Path(os.path.realpath(shown))  # a symbolic link is written through, not replaced
    final.parent.mkdir(parents=True, exist_ok=True)
    for stale in final.parent.glob(f".{glob.escape(final.name)}.*.tmp"):  # left by a killed run, not a live one
        if not _alive(stale.name.split(".")[-2]):
            with contextlib.suppress(OSError):
                stale.unlink()
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=f".{os.getpid()}.tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    with contextlib.suppress(OSError):  # the file's own mode, else what the umask allows (mkstemp's is private)
        os.chmod(tmp, final.stat().st_mode & 0o777 if final.exists() else 0o666 & ~_umask())
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OSError(exc.errno, exc.strerror or str(exc), str(shown)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _alive(pid: str) -> bool:
    """Whether the process that named a temporary file may still be writing it."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all (:func:`atomic_path`)."""
    with atomic_path(path) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)


@contextlib.contextmanager
def scratch_dir() -> Iterator[Path]:
    """A private temporary folder (decompressed and cleaned copies of inputs), removed when the block
    ends. Its name holds the process id: folders that runs killed with ``kill -9`` left behind are
    removed by the next run once their process is gone.

    Examples
    --------
    >>> with scratch_dir() as tmp:
    ...     _ = (tmp / "copy.txt").write_text("x")
    ...     tmp.name.startswith(f"blocwatch-{os.getpid()}-")
    True
    >>> tmp.exists()
    False
    """
    base = Path(tempfile.gettempdir())
    for stale in base.glob("blocwatch-*-*.tmp"):
        if stale.is_dir() and not _alive(stale.name.split("-")[1]):
            shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=f"blocwatch-{os.getpid()}-", suffix=".tmp") as tmp:
        yield Path(tmp)
