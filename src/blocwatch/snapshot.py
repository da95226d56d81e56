"""Snapshots: a read-only copy of a store that a server reads while an ingest writes the store.

DuckDB lets one process write a database file, or several read it, never both: a server
holding the store open would make every ingest fail, and an ingest would stop the server.
So a server never holds the store. It reads a snapshot, a copy of the store in a hidden file
beside it (``.NAME.snapshot.N``), made with DuckDB's ``COPY FROM DATABASE`` under a brief read
lock and renamed into place, so a reader sees one whole snapshot or the next, never a half.
Each copy has a new name (DuckDB keeps one database per file name open in a process, so a
file replaced under the same name would still read as the old one); a copy no request reads
any more is deleted.

:class:`Snapshots` keeps the current one open and looks, at most once per ``every`` seconds,
whether the store changed since (its file or write-ahead log is newer); if it did and no
writer holds it, it copies it again and opens the new copy. While a writer holds the store,
the server goes on with the last snapshot; once the writer is done, the next look takes its
work in. Copying costs about a second per 100 MB of store.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> path = os.path.join(tempfile.mkdtemp(), "s.duckdb")
>>> EventStore(path).close()
>>> snaps = Snapshots(path)
>>> with snaps.current() as (generation, store):
...     generation, store.count("events"), store.path.name.startswith(".s.duckdb.snapshot.")
(1, 0, True)
>>> snaps.close()
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from blocwatch.errors import StoreBusy, StoreError
from blocwatch.store import EventStore

__all__ = ["Snapshots", "latest_snapshot", "publish_snapshot", "snapshot_paths"]


def snapshot_paths(store: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The snapshot files of ``store`` (hidden files beside it, or in ``folder``), oldest first.

    >>> snapshot_paths("no/such/demo.duckdb")
    []
    """
    p = Path(store)
    found = []
    for f in Path(folder or p.parent).glob(f".{p.name}.snapshot.*"):
        suffix = f.name.rsplit(".", 1)[-1]
        if suffix.isdigit():
            found.append((int(suffix), f))
    return [f for _, f in sorted(found)]


def latest_snapshot(store: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None) -> Path | None:
    """The newest snapshot file of ``store``, if any."""
    paths = snapshot_paths(store, folder)
    return paths[-1] if paths else None


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def publish_snapshot(store: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None) -> Path:
    """Copy ``store`` to a new snapshot file, atomically (a temporary file renamed into place);
    returns its path.

    Parameters
    ----------
    store : path
    folder : path, optional
        Where the snapshot goes (default: beside the store).

    Raises
    ------
    StoreBusy
        A writer holds the store (try again when it is done).
    StoreError
        The store is missing or cannot be copied.
    """
    src = Path(store)
    if not src.exists():
        raise StoreError("no event store here; run `blocwatch ingest` first", path=str(src))
    dest = Path(folder or src.parent) / f".{src.name}.snapshot.{time.time_ns()}"
    tmp = dest.with_name(f"{dest.name}-{os.getpid()}-{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {_quote(src)} AS bw_src (READ_ONLY)")
        con.execute(f"ATTACH {_quote(tmp)} AS bw_dst")
        con.execute("COPY FROM DATABASE bw_src TO bw_dst")
        con.execute("DETACH bw_dst")
        con.execute("DETACH bw_src")
    except duckdb.Error as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower():
            raise StoreBusy("in use by a writer; the snapshot stays as it was", path=str(src)) from None
        raise StoreError(f"cannot copy the store: {str(exc).splitlines()[0]}", path=str(src)) from None
    finally:
        con.close()
    os.replace(tmp, dest)
    return dest


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


class Snapshots:
    """The newest snapshot of a store, open read-only, renewed when the store changes.

    Parameters
    ----------
    store : path
        The event store.
    every : float
        Seconds between two looks at the store.
    folder : path, optional
        Where the snapshots go (default: beside the store). When none can be written there,
        the store itself is served read-only (:attr:`direct`).

    Raises
    ------
    StoreError
        The store is missing, or a writer holds it and there is no snapshot yet.
    """

    def __init__(self, store: str | os.PathLike[str], *, every: float = 1.0,
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.store = Path(store)
        self.folder = Path(folder) if folder is not None else None
        #: The snapshot file read now (the store itself when :attr:`direct`).
        self.path: Path = latest_snapshot(self.store, self.folder) or self.store
        self.every = every
        self.generation = 0
        self._lock = threading.Lock()
        self._users: dict[int, int] = {}
        self._retired: list[tuple[int, EventStore]] = []
        self._current: EventStore | None = None
        self._looked = 0.0
        self._refreshing = threading.Lock()
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        #: Whether the store itself is served, read-only, because no snapshot can be written
        #: beside it (a read-only folder): then nothing can write the store while it is served.
        self.direct = False
        if not self.store.exists():
            raise StoreError("no event store here; run `blocwatch ingest` first", path=str(self.store))
        if self._stale():
            try:
                self.path = publish_snapshot(self.store, self.folder)
            except StoreBusy:
                if self.path == self.store:
                    raise StoreBusy("in use by a writer and not served before: start the server when the "
                                    "ingest is done", path=str(self.store)) from None
            except StoreError:
                if self.path == self.store:
                    self.direct = True
        self._open(self.path)
        for old in snapshot_paths(self.store, self.folder):  # earlier servers' copies (open ones stay readable)
            if old != self.path:
                old.unlink(missing_ok=True)

    def _changed_at(self) -> int:
        return max(_mtime(self.store), _mtime(self.store.with_name(self.store.name + ".wal")))

    def _stale(self) -> bool:
        return self.path == self.store or self._changed_at() > _mtime(self.path)

    def _open(self, path: Path) -> None:
        store = EventStore(path, read_only=True)
        with self._lock:
            if self._current is not None:
                self._retired.append((self.generation, self._current))
            self.generation += 1
            self._current, self.path = store, path
            self._close_unused()

    def _close_unused(self) -> None:
        keep = []
        for generation, store in self._retired:
            if self._users.get(generation):
                keep.append((generation, store))
            else:
                store.close()
                if store.path != self.store:
                    store.path.unlink(missing_ok=True)
        self._retired = keep

    def refresh(self, *, force: bool = False) -> bool:
        """Copy the store again if it changed (and no writer holds it); whether a new snapshot opened."""
        now = time.monotonic()
        if not force and now - self._looked < self.every:
            return False
        if self.direct or not self._refreshing.acquire(blocking=False):
            return False  # another thread is copying
        try:
            self._looked = now
            if not self._stale():
                return False
            try:
                path = publish_snapshot(self.store, self.folder)
            except StoreError:
                return False  # a writer is at work: keep serving the last snapshot
            self._open(path)
            return True
        finally:
            self._refreshing.release()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No copy runs while the block does (this process writing the store itself: DuckDB will
        not open a file for writing that another connection of the process reads)."""
        with self._refreshing:
            yield

    def watch(self) -> None:
        """Look for changes in a background thread (every ``every`` seconds) instead of in
        :meth:`current`, so that no reader waits for a copy."""
        if self._watcher is not None:
            return

        def loop() -> None:
            while not self._stop.wait(self.every):
                with contextlib.suppress(StoreError):
                    self.refresh(force=True)

        self._watcher = threading.Thread(target=loop, name="blocwatch-snapshots", daemon=True)
        self._watcher.start()

    @contextlib.contextmanager
    def current(self) -> Iterator[tuple[int, EventStore]]:
        """``(generation, store)`` of the newest snapshot, held open while the block runs."""
        if self._watcher is None:
            self.refresh()
        with self._lock:
            if self._current is None:
                raise StoreError("closed", path=str(self.store))
            generation, store = self.generation, self._current
            self._users[generation] = self._users.get(generation, 0) + 1
        try:
            yield generation, store
        finally:
            with self._lock:
                self._users[generation] -= 1
                if not self._users[generation]:
                    del self._users[generation]
                self._close_unused()

    def close(self) -> None:
        """Close every snapshot this object opened (the files stay, for the next server)."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=60)
        with self._lock:
            for _, store in self._retired:
                store.close()
            self._retired = []
            if self._current is not None:
                self._current.close()
                self._current = None
