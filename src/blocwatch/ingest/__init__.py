"""Ingest: everything that enters the store, every line accounted for.

One module per source, each returning an :class:`IngestResult` and writing through the store's
transactions (:meth:`blocwatch.store.EventStore.transaction`):

- :mod:`~blocwatch.ingest.datasets`: GDELT and ICEWS files (layouts in
  :mod:`~blocwatch.ingest.gdelt`, :mod:`~blocwatch.ingest.icews`; files prepared by
  :mod:`~blocwatch.ingest.sources`, loaded by :mod:`~blocwatch.ingest.loader`);
- :mod:`~blocwatch.ingest.text`: news documents coded into events (the ``coder`` extra);
- :mod:`~blocwatch.ingest.parquet`: run folders written by the Spark engine.

The names below are loaded when first used: coding text (``blocwatch code``) reads
:mod:`~blocwatch.ingest.text` without loading the dataset importers and DuckDB.

>>> import tempfile, os
>>> from blocwatch import EventStore
>>> from blocwatch.ingest import ingest_files
>>> row = "\\t".join(["1", "20240618", "202406", "2024", "2024.4630", "RUS", "RUSSIA", "RUS"]
...                 + [""] * 7 + ["PRK", "NORTH KOREA", "PRK"] + [""] * 7
...                 + ["1", "042", "042", "04", "1", "1.9", "4", "1", "4", "2.5"] + [""] * 24
...                 + ["20240618120000", "https://example.org/a"])
>>> tmp = tempfile.mkdtemp()
>>> path = os.path.join(tmp, "one.export.CSV")
>>> _ = open(path, "w").write(row + "\\n")
>>> with EventStore(os.path.join(tmp, "s.duckdb")) as store:
...     result = ingest_files(store, [path], "gdelt")
...     print(result.inserted, result.quarantined)
...     print(store.query("SELECT source_country, target_country, cameo, plover FROM events").to_pylist())
1 0
[{'source_country': 'RUS', 'target_country': 'PRK', 'cameo': '042', 'plover': 'CONSULT'}]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocwatch.ingest.datasets import DATASET_FORMATS, ingest_files
    from blocwatch.ingest.parquet import export_run, import_parquet
    from blocwatch.ingest.results import FileResult, IngestResult
    from blocwatch.ingest.text import events_table, ingest_documents, ingest_text

__all__ = ["DATASET_FORMATS", "FileResult", "IngestResult", "events_table", "export_run", "import_parquet",
           "ingest_documents", "ingest_files", "ingest_text"]

#: Each name of :data:`__all__` and the module that defines it.
_LAZY = {"DATASET_FORMATS": "datasets", "ingest_files": "datasets", "export_run": "parquet",
         "import_parquet": "parquet", "FileResult": "results", "IngestResult": "results", "events_table": "text",
         "ingest_documents": "text", "ingest_text": "text"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
