"""What an ingest did, file by file: the numbers that prove nothing was lost.

Every ingest (datasets, news text, runs of the Spark engine) returns an :class:`IngestResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from blocwatch.errors import InputError

__all__ = ["FileResult", "IngestResult", "summed"]


@dataclass
class FileResult:
    """One file (or archive member) read by an ingest.

    Every line is accounted for: ``lines == header_lines + blank_lines + inserted +
    duplicates + quarantined``, unless ``error`` says the file could not be read at all
    (and then nothing from it was stored). For news text (``format`` ``"text"``) a line is a
    document: ``lines == documents + quarantined``, and a document gives any number of events
    (``events == inserted + duplicates``).
    """

    file: str
    format: str | None = None
    lines: int = 0
    header_lines: int = 0
    blank_lines: int = 0
    inserted: int = 0
    duplicates: int = 0
    quarantined: int = 0
    first_problem: tuple[int | None, str] | None = None
    error: InputError | None = None
    documents: int = 0
    notes: dict[str, int] = field(default_factory=dict)
    message: str | None = None

    @property
    def events(self) -> int:
        """Events read from the file: new ones and ones the store already held."""
        return self.inserted + self.duplicates

    @property
    def rows(self) -> int:
        """Lines that hold a row (not header, not blank)."""
        return self.lines - self.header_lines - self.blank_lines

    @property
    def unusable(self) -> bool:
        """The file could not be read, or none of its rows is an event (a document, for text)."""
        usable = self.documents if self.format == "text" else self.events
        return self.error is not None or (self.rows > 0 and usable == 0)


def summed(name: str) -> property:
    """A property of a result with ``files``: the sum of one count over them."""
    return property(lambda self: sum(getattr(f, name) for f in self.files), doc=f"Total {name} over the files.")


@dataclass
class IngestResult:
    """All files of one ingest, in the order they were given.

    Examples
    --------
    >>> r = IngestResult([FileResult("a", lines=3, inserted=2, quarantined=1)])
    >>> r.rows, r.inserted, r.quarantined, r.ok
    (3, 2, 1, True)
    """

    files: list[FileResult] = field(default_factory=list)

    rows = summed("rows")
    inserted = summed("inserted")
    duplicates = summed("duplicates")
    quarantined = summed("quarantined")
    documents = summed("documents")
    events = summed("events")

    @property
    def notes(self) -> dict[str, int]:
        """The files' notes (how events and actors were read, for mapped files) added up."""
        out: dict[str, int] = {}
        for f in self.files:
            for k, v in f.notes.items():
                out[k] = out.get(k, 0) + v
        return out

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    @property
    def ok(self) -> bool:
        """No file failed outright and every file gave at least one event."""
        return not any(f.unusable for f in self.files)
