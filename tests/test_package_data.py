"""Every data file under the package is declared in pyproject.toml, so wheels carry it."""

from __future__ import annotations

import fnmatch
import tomllib

from tests.helpers import REPO


def test_every_shipped_file_matches_package_data():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["blocwatch"]
    package = REPO / "src" / "blocwatch"
    files = [p.relative_to(package).as_posix() for p in package.rglob("*")
             if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert files, "no data files found"
    missing = [f for f in files if not any(fnmatch.fnmatchcase(f, pat) for pat in patterns)]
    assert missing == []
