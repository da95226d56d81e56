"""A SparkSession for blocwatch's jobs, with defaults that suit one machine and a cluster alike.

pyspark is an optional extra (``pip install 'blocwatch[spark]'``) and Spark 4 needs Java 17 or
21. Nothing here imports pyspark until a session is asked for, so the rest of blocwatch (and
its doctests) runs without it. When pyspark or Java is missing, :func:`spark_session` raises
:class:`SparkUnavailable` saying what to install, never a traceback from the JVM launcher.

Settings applied to every master:

- ``spark.sql.session.timeZone = UTC`` and ``spark.sql.timestampType = TIMESTAMP_NTZ``: the
  store's timestamps have no time zone, and Parquet written by Spark must read back in DuckDB as
  plain ``TIMESTAMP`` values, unshifted;
- ``spark.sql.parquet.outputTimestampType = TIMESTAMP_MICROS`` (DuckDB's precision);
- quiet logs (``spark.log.level = ERROR``, no console progress bar).

For a local master (``local``, ``local[2]``, ``local[*]``) also: the web UI off, the driver bound
to 127.0.0.1 (no network), few shuffle partitions (four per core: Spark's default of 200 is
meant for clusters), a bounded driver memory (2 GiB unless ``driver_memory`` says otherwise),
the current Python as the workers' Python, and a temporary warehouse folder (nothing is written
to the working directory). On a cluster, ``spark-submit`` and the cluster's configuration
decide these; see ``docs/scaling.md``.

Examples
--------
>>> is_local("local[2]"), is_local("spark://head:7077"), local_cores("local[2]")
(True, False, 2)
>>> settings("local[2]")["spark.sql.shuffle.partitions"]
'8'
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING, Any

from blocwatch.errors import BlocwatchError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["DEFAULT_MASTER", "SparkUnavailable", "is_local", "java_version", "local_cores", "require_pyspark",
           "settings", "spark_session"]

#: The master ``--spark-master`` defaults to: every core of this machine.
DEFAULT_MASTER = "local[*]"

#: Driver memory of a local session unless told otherwise (in local mode it is the executors' too).
LOCAL_DRIVER_MEMORY = "2g"

_INSTALL = "pip install 'blocwatch[spark]'"


class SparkUnavailable(BlocwatchError):
    """``--engine spark`` cannot run here: pyspark or Java is missing, or the session did not start.

    Examples
    --------
    >>> str(SparkUnavailable("no Java"))
    'no Java'
    """


def is_local(master: str) -> bool:
    """Whether ``master`` runs Spark inside this process's JVM (``local``, ``local[N]``, ``local[*]``)."""
    return master == "local" or master.startswith("local[")


def local_cores(master: str) -> int:
    """Cores a local master uses (``local`` is 1, ``local[*]`` all of this machine's)."""
    m = re.fullmatch(r"local(?:\[(\*|\d+)(?:,\s*\d+)?\])?", master.strip())
    if not m or m.group(1) in (None, ""):
        return 1
    return (os.cpu_count() or 1) if m.group(1) == "*" else max(1, int(m.group(1)))


_LOG4J = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""


def _log4j() -> str:
    """A log4j2 configuration logging errors only, written once to the temporary folder."""
    path = os.path.join(tempfile.gettempdir(), "blocwatch-spark-log4j2-v2.properties")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(_LOG4J)
    return path


def settings(master: str, *, driver_memory: str | None = None,
             shuffle_partitions: int | None = None) -> dict[str, str]:
    """The Spark configuration blocwatch sets for ``master`` (see the module's description)."""
    conf = {
        "spark.app.name": "blocwatch",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.timestampType": "TIMESTAMP_NTZ",
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
        "spark.log.structuredLogging.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }
    if is_local(master):
        conf.update({
            "spark.ui.enabled": "false",
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.sql.shuffle.partitions": str(shuffle_partitions or 4 * local_cores(master)),
            "spark.driver.memory": driver_memory or LOCAL_DRIVER_MEMORY,
            "spark.pyspark.python": sys.executable,
            "spark.pyspark.driver.python": sys.executable,
            "spark.sql.warehouse.dir": os.path.join(tempfile.gettempdir(), "blocwatch-spark-warehouse"),
            # a wide projection (61 GDELT fields) compiles to methods over the JVM's 8,000-byte JIT limit;
            # the JVM logs errors only (Spark's own default prints its warnings on every start)
            "spark.driver.extraJavaOptions": f"-XX:-DontCompileHugeMethods -Dlog4j2.configurationFile={_log4j()}",
        })
    else:
        conf["spark.log.level"] = "ERROR"  # local sessions get a log4j configuration of their own
        if shuffle_partitions:
            conf["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
        if driver_memory:
            conf["spark.driver.memory"] = driver_memory
    return conf


def require_pyspark() -> None:
    """Raise :class:`SparkUnavailable` unless pyspark 4 can be imported."""
    try:
        import pyspark
    except ImportError:
        raise SparkUnavailable(f"the spark engine needs pyspark: {_INSTALL}") from None
    major = int(pyspark.__version__.split(".")[0])
    if major < 4:
        raise SparkUnavailable(f"the spark engine needs pyspark 4 (found {pyspark.__version__}): {_INSTALL}")


def java_version() -> int | None:
    """Major version of the ``java`` Spark would start (``$JAVA_HOME/bin/java`` or on the PATH), or None."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def _quiet() -> None:
    """pyspark warns on every Arrow job that it does not fully support pandas 3; blocwatch's jobs use Arrow only."""
    import warnings

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)


def spark_session(master: str = DEFAULT_MASTER, *, driver_memory: str | None = None,
                  shuffle_partitions: int | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """Start (or join) a SparkSession for ``master`` with blocwatch's settings.

    Parameters
    ----------
    master : str
        ``local[*]``, ``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``.
    driver_memory : str, optional
        Such as ``"4g"``; only takes effect when this call starts the JVM.
    shuffle_partitions : int, optional
        Partitions after a shuffle (default: four per local core; the cluster's setting otherwise).
    conf : dict, optional
        More Spark settings, applied last.

    Under ``spark-submit`` the session is the one spark-submit configured (its ``--master`` and
    ``--conf``), whatever ``master`` says; blocwatch adds only its settings for every master.

    Raises
    ------
    SparkUnavailable
        pyspark or Java 17+ is missing, or the JVM did not start.
    """
    require_pyspark()
    _quiet()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if os.environ.get("PYSPARK_GATEWAY_PORT"):  # under spark-submit: its --master and --conf decide
        return SparkSession.builder.appName("blocwatch").config(map=settings("cluster", driver_memory=None)) \
            .getOrCreate()
    if is_local(master):
        version = java_version()
        if version is None:
            raise SparkUnavailable("the spark engine needs Java 17 or 21: install a JDK (e.g. apt-get install "
                                   "openjdk-17-jre-headless) or set JAVA_HOME")
        if version < 17:
            raise SparkUnavailable(f"the spark engine needs Java 17 or 21, found Java {version}: set JAVA_HOME")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no guessing of this machine's address
    builder: Any = SparkSession.builder.master(master)
    for key, value in {**settings(master, driver_memory=driver_memory, shuffle_partitions=shuffle_partitions),
                       **(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - the JVM launcher raises several kinds; say it in one line
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SparkUnavailable(f"Spark did not start on {master}: {first}") from None
