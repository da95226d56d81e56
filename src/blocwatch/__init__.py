"""blocwatch: event data to an evidence-backed map of the balance of forces between states.

The library is the product; the ``blocwatch`` command line, the report and the web app are thin
layers on top of it. From Python, open a store and ask its relations (periods as text):

>>> import blocwatch, os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "s.duckdb")
>>> with blocwatch.EventStore(path):   # a new, empty store
...     pass
>>> with blocwatch.open(path) as store:
...     store.dyads(window="month").num_rows, store.network("2024-11").label
(0, '2024-11')

See ``docs/python.md`` for the whole tour: dyad tables as Arrow, pandas or polars, networks as
networkx, shifts and balance of a window, ingesting from Python.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from blocwatch.errors import (
    BlocwatchError,
    InputError,
    MissingExtra,
    ParameterError,
    StoreBusy,
    StoreError,
)

if TYPE_CHECKING:
    from blocwatch.relations import Relations
    from blocwatch.store import EventStore

__version__ = "0.1.0"

__all__ = ["BlocwatchError", "DyadQuery", "EventStore", "InputError", "MissingExtra", "ParameterError", "Period",
           "Relations", "RelationsOptions", "SignedNetwork", "StoreBusy", "StoreError", "__version__", "open"]

#: Names importable from ``blocwatch`` itself, loaded when first used (so ``import blocwatch`` stays quick).
_LAZY = {  # imported on first use: `blocwatch --help` needs none of them (issue 18)
    "DyadQuery": "blocwatch.dyads",
    "EventStore": "blocwatch.store",
    "Period": "blocwatch.periods",
    "Relations": "blocwatch.relations",
    "RelationsOptions": "blocwatch.relations",
    "SignedNetwork": "blocwatch.analysis.network",
}


def open(path: str | os.PathLike[str], *, read_only: bool = True, alpha: float | None = None,
         **query: Any) -> Relations:
    """Open the store at ``path`` and return its :class:`~blocwatch.relations.Relations`.

    Parameters
    ----------
    path : path
        A store written by ``blocwatch ingest`` (or by :mod:`blocwatch.ingest`).
    read_only : bool
        Open without the write lock (the default: a notebook may read while an ingest writes
        elsewhere is refused by DuckDB, but any number of readers share a file).
    alpha : float, optional
        Smoothing of net cooperation (default :data:`blocwatch.analysis.cooperation.DEFAULT_ALPHA`).
    **query
        Fields of the :class:`~blocwatch.dyads.DyadQuery` every table starts from: ``countries``,
        ``start``, ``end`` (text such as ``"2024-06"`` is fine), ``window``, ``score`` ...

    Returns
    -------
    Relations
        Closes the store when closed (use it in a ``with`` block, or call ``close()``).

    Raises
    ------
    StoreError
        No store at ``path``, or not a blocwatch store.
    """
    from blocwatch.dyads import DyadQuery
    from blocwatch.relations import Relations, RelationsOptions
    from blocwatch.store import EventStore

    query.setdefault("directed", False)
    query.setdefault("states_only", True)
    options = RelationsOptions(query=DyadQuery(**query))
    if alpha is not None:
        options = RelationsOptions(query=options.query, alpha=alpha)
    store = EventStore(path, read_only=read_only)
    return Relations(store, options, owns_store=True)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'blocwatch' has no attribute {name!r}")
