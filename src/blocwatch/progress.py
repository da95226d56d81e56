"""Progress reporting: one small protocol between long-running library code and a UI.

Library functions take an optional ``progress`` argument implementing :class:`Progress`
and never print. The command line passes an adapter around ``rich.progress``; tests and
notebooks can pass :class:`NullProgress` or their own recorder.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["NullProgress", "Progress", "RecordingProgress"]


@runtime_checkable
class Progress(Protocol):
    """Receives progress from long work.

    ``start`` opens a task with a total in its ``unit`` (``bytes``, ``documents``, ``records``,
    ``files``, ``steps``: what a UI shows beside the count), ``advance`` moves it on, ``finish``
    closes it. ``note`` passes a one-line message (a file was skipped, a pass was needed) that a UI
    may show.
    """

    def start(self, task: str, total: float | None = None, unit: str = "bytes") -> None: ...

    def advance(self, amount: float) -> None: ...

    def note(self, message: str) -> None: ...

    def finish(self) -> None: ...


class NullProgress:
    """A :class:`Progress` that ignores everything.

    Examples
    --------
    >>> p = NullProgress()
    >>> p.start("ingest", total=10); p.advance(10); p.finish()
    """

    def start(self, task: str, total: float | None = None, unit: str = "bytes") -> None:
        pass

    def advance(self, amount: float) -> None:
        pass

    def note(self, message: str) -> None:
        pass

    def finish(self) -> None:
        pass


class RecordingProgress:
    """A :class:`Progress` that keeps what it was told, for tests and debugging.

    Examples
    --------
    >>> p = RecordingProgress()
    >>> p.start("ingest", total=4); p.advance(1); p.advance(3); p.finish()
    >>> p.done, p.total, p.finished
    (4, 4, True)
    """

    def __init__(self) -> None:
        self.task: str | None = None
        self.total: float | None = None
        self.unit = "bytes"
        self.done: float = 0
        self.notes: list[str] = []
        self.finished = False

    def start(self, task: str, total: float | None = None, unit: str = "bytes") -> None:
        self.task, self.total, self.unit, self.done, self.finished = task, total, unit, 0, False

    def advance(self, amount: float) -> None:
        self.done += amount

    def note(self, message: str) -> None:
        self.notes.append(message)

    def finish(self) -> None:
        self.finished = True
