"""Shared fixtures: a fresh store per test, hand-built GDELT rows, the real data in ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from blocwatch import EventStore
from tests.helpers import shared_data_dir


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of the session's own (blocwatch.cache), for this process and the commands it
    starts: tests neither read nor fill the user's cache, and the coder's dictionary is built once per
    session. $BLOCWATCH_CACHE, when set, is kept."""
    path = Path(os.environ.get("BLOCWATCH_CACHE") or tmp_path_factory.mktemp("cache"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BLOCWATCH_CACHE", str(path))
        yield path


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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """The demo store as ``make demo`` builds it: the GDELT sample and the coded news briefs.
    Tests open it read-only; each session builds it once."""
    from blocwatch.ingest import ingest_files
    from blocwatch.ingest.text import ingest_text
    from tests.helpers import REPO

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with EventStore(path) as store:
        ingest_files(store, [REPO / "demo" / "data"], "gdelt")
        ingest_text(store, [REPO / "demo" / "news"], coder=coder)
    return path


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's, driven by Playwright; no browser is downloaded). Skipped
    with the reason when the machine has none: ``.ci/run`` installs it."""
    import shutil

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("no Chromium on this machine (apt-get install -y chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests leave their screenshots (test-artifacts/, not committed)."""
    from tests.helpers import REPO

    path = REPO / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


#: Markers given by where a test is or what it uses, so that `make test-fast` can leave them out.
_KIND_BY_FIXTURE = {"browser": "browser", "spark": "spark"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests (they use the ``browser`` fixture), Spark tests (``tests/spark/`` or the
    ``spark`` fixture) and fuzz runs (``test_fuzz*.py``)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in _KIND_BY_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)
        path = item.path.as_posix()
        if "/tests/spark/" in path or "test_spark_commands" in path:
            item.add_marker("spark")
        if item.path.name.startswith("test_fuzz"):
            item.add_marker("fuzz")
