"""The exceptions blocwatch raises.

Every error the library raises on purpose derives from :class:`BlocwatchError`, so callers
can catch one class. Errors about input data carry the file, line and reason, so that the
command line can print ``FILE:LINE: reason`` and a program can act on the parts.
"""

from __future__ import annotations

__all__ = ["BlocwatchError", "InputError", "MissingExtra", "ParameterError", "StoreBusy", "StoreError"]


class BlocwatchError(Exception):
    """Root of all errors raised by blocwatch."""


class InputError(BlocwatchError):
    """Input that blocwatch cannot use: a missing, empty, binary or malformed file.

    Parameters
    ----------
    reason : str
        What is wrong, in words a user can act on.
    file : str, optional
        The file (or ``archive.zip:member``) the problem is in.
    line : int, optional
        1-based line number, when the problem is on one line.

    Examples
    --------
    >>> err = InputError("empty file", file="data/a.CSV")
    >>> str(err)
    'data/a.CSV: empty file'
    >>> str(InputError("expected 61 fields, found 3", file="a.CSV", line=7))
    'a.CSV:7: expected 61 fields, found 3'
    """

    def __init__(self, reason: str, *, file: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}" if where else self.reason


class ParameterError(InputError):
    """A value given to a library function that it cannot use. ``param`` names the parameter
    (``start``, ``window``, ``countries`` ...), so that each front end can show its own name for it:
    the command line its flag (``--from``), the web API its query parameter (``from``).

    Parameters
    ----------
    param : str
        The parameter's name in the library call.
    reason : str
        What is wrong with its value, without the name.

    Examples
    --------
    >>> err = ParameterError("window", "choose one of day, week, month, quarter, year, not 'fortnight'")
    >>> str(err), err.param, isinstance(err, InputError)
    ("window: choose one of day, week, month, quarter, year, not 'fortnight'", 'window', True)
    """

    def __init__(self, param: str, reason: str) -> None:
        self.param = param
        super().__init__(reason)

    def __str__(self) -> str:
        return f"{self.param}: {self.reason}"


class MissingExtra(BlocwatchError):
    """A feature needs an optional part of blocwatch that is not installed.

    Parameters
    ----------
    feature : str
        What was asked for ("coding news text").
    extra : str
        The extra that brings it (``coder``, ``web``, ``report``, ``spark``).
    missing : str
        The module that could not be imported.

    Examples
    --------
    >>> str(MissingExtra("coding news text", "coder", "spacy"))
    "coding news text needs blocwatch's 'coder' extra (spacy is not installed): pip install 'blocwatch[coder]'"
    """

    def __init__(self, feature: str, extra: str, missing: str) -> None:
        self.feature, self.extra, self.missing = feature, extra, missing
        super().__init__(f"{feature} needs blocwatch's '{extra}' extra ({missing} is not installed): "
                         f"pip install 'blocwatch[{extra}]'")


class StoreError(BlocwatchError):
    """The event store cannot be opened or used (missing, locked, wrong version).

    Parameters
    ----------
    reason : str
        What went wrong.
    path : str, optional
        The store's file.

    Examples
    --------
    >>> str(StoreError("no store here; run `blocwatch ingest` first", path="x.duckdb"))
    'x.duckdb: no store here; run `blocwatch ingest` first'
    """

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class StoreBusy(StoreError):
    """Another process holds the store for writing (DuckDB allows one writer, or readers, at a time).

    Examples
    --------
    >>> isinstance(StoreBusy("in use by another process", path="x.duckdb"), StoreError)
    True
    """
