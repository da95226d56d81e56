"""The app's views of the newest snapshot of its store (:mod:`blocwatch.snapshot`).

The server never holds the store itself, so ingests can write it while the app serves: each
request runs on the newest snapshot, held open for the request; a new snapshot gets
:class:`~blocwatch.web.views.Views` (and a cache) of its own, and the old one is closed when
its last request is done.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     path = store.path
>>> live = LiveViews(path, watch=False)
>>> with live.current() as views:
...     views.events()["total"]
0
>>> live.close()
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

from blocwatch.snapshot import Snapshots
from blocwatch.store import EventStore
from blocwatch.web.views import Views

__all__ = ["LiveViews"]


class LiveViews:
    """:class:`Views` of the newest snapshot of the store at ``path``.

    Parameters
    ----------
    path : path
        The event store.
    watch : bool
        Look for changes of the store in a background thread (else at a request, at most once
        per ``every`` seconds).
    every : float
        Seconds between two looks.

    Raises
    ------
    StoreError
        The store is missing, not a blocwatch store, or held by a writer and never served before.
    """

    def __init__(self, path: str | os.PathLike[str], *, watch: bool = True, every: float = 1.0) -> None:
        self.snapshots = Snapshots(path, every=every)
        self._lock = threading.Lock()
        self._views: tuple[int, Views] | None = None
        try:
            with self.current():
                pass  # build the first views now: a broken store fails at start, not at the first request
        except BaseException:
            self.snapshots.close()
            raise
        if watch:
            self.snapshots.watch()

    @property
    def generation(self) -> int:
        """How many snapshots this server has opened (1 at start)."""
        return self.snapshots.generation

    @contextlib.contextmanager
    def current(self) -> Iterator[Views]:
        """The views of the newest snapshot, kept open while the block runs."""
        with self.snapshots.current() as (generation, store):
            with self._lock:
                if self._views is None or self._views[0] != generation:
                    self._views = (generation, Views(store))
                views = self._views[1]
            if views.store is not store:  # a newer snapshot replaced this one's views meanwhile
                views = Views(store)
            yield views

    @contextlib.contextmanager
    def cursor(self) -> Iterator[EventStore]:
        """A cursor on the newest snapshot (for SQL beside the views)."""
        with self.snapshots.current() as (_, store), store.cursor() as view:
            yield view

    def close(self) -> None:
        """Stop watching and close the snapshots."""
        self.snapshots.close()
