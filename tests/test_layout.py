"""The package's layout holds: every import of a blocwatch name resolves (in the package, the
benchmarks, the fuzz targets and the tools), no module imports another module's private names,
and the analysis layer never touches the store."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.helpers import REPO

SRC = REPO / "src" / "blocwatch"
TREES = [SRC, REPO / "benchmarks", REPO / "fuzz", REPO / "tools", REPO / "tests"]


def _files() -> list[Path]:
    return sorted(p for tree in TREES for p in tree.rglob("*.py") if "__pycache__" not in p.parts)


def _module_of(path: Path) -> str | None:
    if path.is_relative_to(SRC):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return None


def _imports(path: Path) -> list[tuple[int, str, str]]:
    """``(line, module, name)`` of every ``from blocwatch... import name`` in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.module, alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "blocwatch"
            for alias in node.names]


def test_there_are_files_to_check():
    files = _files()
    assert len(files) > 100 and any(p.name == "relations.py" for p in files)


def test_no_module_imports_another_modules_private_names():
    """(Tests may look at the internals of the module they test.)"""
    bad = [f"{path.relative_to(REPO)}:{line}: {module}.{name}"
           for path in _files() if "tests" not in path.relative_to(REPO).parts[:1]
           for line, module, name in _imports(path)
           if name.startswith("_") and not name.startswith("__") and module != _module_of(path)]
    assert bad == []


def test_every_blocwatch_import_resolves():
    missing = []
    for path in _files():
        for line, module, name in _imports(path):
            try:
                target = importlib.import_module(module)
            except ImportError as exc:
                missing.append(f"{path.relative_to(REPO)}:{line}: {module} ({exc})")
                continue
            if not hasattr(target, name):
                try:
                    importlib.import_module(f"{module}.{name}")
                except ImportError:
                    missing.append(f"{path.relative_to(REPO)}:{line}: {module}.{name}")
    assert missing == []


@pytest.mark.parametrize("package", ["analysis", "overview"])
def test_the_analysis_and_presentation_layers_never_open_the_store(package):
    """Analysis functions take plain data and return plain data; the overview asks Relations."""
    touching = [f"{p.relative_to(REPO)}:{line}: {module}" for p in (SRC / package).rglob("*.py")
                for line, module, _ in _imports(p)
                if module in ("blocwatch.store", "blocwatch.ingest") or module.startswith("duckdb")]
    if package == "overview":  # the overview is built on a store, through Relations only
        touching = [t for t in touching if not t.endswith("blocwatch.store")]
    assert touching == []
