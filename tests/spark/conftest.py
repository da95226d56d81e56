"""One local SparkSession for the whole test run; skipped with the reason where Spark cannot run.

In CI (``CI`` set) a missing pyspark or Java fails the run instead: ``make test`` installs pyspark
from the dev lock and CI machines have Java 17.
"""

from __future__ import annotations

import os

import pytest


def _unavailable() -> str | None:
    from blocwatch.spark.session import SparkUnavailable, java_version, require_pyspark

    try:
        require_pyspark()
    except SparkUnavailable as exc:
        return str(exc)
    version = java_version()
    if version is None or version < 17:
        return f"Spark 4 needs Java 17 or 21 (found {version or 'none'}); set JAVA_HOME"
    return None


def require_spark() -> None:
    """Skip the test where pyspark or Java is missing, with the reason; in CI that is a failure."""
    reason = _unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Spark tests must run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def spark():
    """A ``local[2]`` SparkSession shared by every Spark test."""
    require_spark()
    from blocwatch.spark.session import spark_session

    session = spark_session("local[2]", shuffle_partitions=4)
    yield session
    session.stop()


def pytest_collection_modifyitems(items):
    """pyspark warns on every Arrow job that it does not fully support pandas 3 (blocwatch uses Arrow only)."""
    for item in items:
        if "tests/spark/" in item.nodeid or "spark" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"))
