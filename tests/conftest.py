"""Shared fixtures: a fresh store per test, hand-built GDELT rows, the real data in ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from blocwatch import EventStore
from tests.helpers import shared_data_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared/data``; tests using it are skipped on a clone without it."""
    path = shared_data_dir()
    if not (path / "gdelt" / "v2").is_dir():
        pytest.skip(f"real third-party data not found at {path} (set BLOCWATCH_SHARED_DATA)")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    with EventStore(tmp_path / "test.duckdb") as s:
        yield s


@pytest.fixture
def write(tmp_path: Path):
    """Write text or bytes to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture(scope="session")
def coder():
    """The shipped coder (spaCy pipeline, dictionaries, vocabulary), loaded once."""
    from blocwatch.coder import Coder

    return Coder.load()
