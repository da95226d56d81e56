"""Data files shipped with blocwatch, and the one way to read them (``importlib.resources``).

Sources and licences are in this folder's README.md.

>>> read_csv("plover_scores.csv")[0]["event"]
'AGREE'
>>> len(read_jsonl("coder", "nouns.jsonl")) > 5
True
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from typing import Any

__all__ = ["read_bytes", "read_csv", "read_json", "read_jsonl", "read_text"]


def read_bytes(*parts: str) -> bytes:
    """The bytes of ``data/<parts...>``."""
    node = resources.files(__name__)
    for part in parts:
        node = node.joinpath(part)
    return node.read_bytes()


def read_text(*parts: str) -> str:
    """The text of ``data/<parts...>``."""
    node = resources.files(__name__)
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def read_csv(*parts: str) -> list[dict[str, str]]:
    """Rows of a CSV data file."""
    return list(csv.DictReader(io.StringIO(read_text(*parts))))


def read_json(*parts: str) -> Any:
    """A JSON data file."""
    return json.loads(read_text(*parts))


def read_jsonl(*parts: str) -> list[dict[str, Any]]:
    """Objects of a JSON-lines data file; lines starting with ``//`` are comments."""
    return [json.loads(line) for line in read_text(*parts).splitlines()
            if line.strip() and not line.lstrip().startswith("//")]
