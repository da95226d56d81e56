"""Start-up: each command imports what it uses and nothing more (issue 18).

Timing ``blocwatch --help`` against ``import typer`` in a test would be flaky on a shared machine;
what makes it slow is what it imports, so the tests read ``python -X importtime`` and name the
heavy packages a command must not load. ``benchmarks/bench_startup.py`` measures the times.
"""

from __future__ import annotations

import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch import EventStore

#: Packages that take tens to hundreds of milliseconds to import, none of which --help needs (rich
#: draws tables and progress bars; help is plain text).
HEAVY = ("duckdb", "pyarrow", "numpy", "pandas", "scipy", "networkx", "spacy", "thinc", "sklearn", "plotly",
         "matplotlib", "jinja2", "fastapi", "starlette", "uvicorn", "igraph", "pyspark", "trafilatura", "lxml", "rich",
         "numba", "llvmlite")
#: What only the coder, the analyses of structure, the report and the web app need.
NOT_FOR_TABLES = ("scipy", "networkx", "spacy", "thinc", "sklearn", "plotly", "matplotlib", "jinja2", "fastapi",
                  "starlette", "uvicorn", "igraph", "pyspark", "trafilatura", "lxml", "numba",
                  "llvmlite")


def imported(*args: str | Path, code: str | None = None) -> set[str]:
    """The top-level packages a fresh ``blocwatch ARGS`` (or ``python -c CODE``) imports."""
    argv = ["-c", code] if code is not None else ["-m", "blocwatch", *map(str, args)]
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert len(lines) > 20, proc.stderr[-2000:]  # -X importtime did report
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in lines[1:]}


def test_help_and_version_load_no_heavy_package():
    for args in (("--help",), ("--version",), ("ingest", "--help"), ("dyads", "--help")):
        found = imported(*args)
        assert "typer" in found and "blocwatch" in found
        assert found.isdisjoint(HEAVY), (args, sorted(found & set(HEAVY)))


def test_a_group_with_no_command_prints_its_help():
    """Plain help is returned, not printed, where rich help printed itself: ``blocwatch`` and
    ``blocwatch ingest`` alone must still show it (and exit 1, as before)."""
    for args in ((), ("ingest",)):
        proc = subprocess.run([sys.executable, "-m", "blocwatch", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1
        assert proc.stdout.startswith(f"Usage: blocwatch {' '.join(args)}".rstrip() + " [OPTIONS] COMMAND")
        assert ("gdelt" if args else "shifts") in proc.stdout


def test_help_is_plain_text_that_can_be_pasted():
    proc = subprocess.run([sys.executable, "-m", "blocwatch", "shifts", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "pip install 'blocwatch[spark]'" in " ".join(proc.stdout.split())
    assert "\\[" not in proc.stdout and "\x1b" not in proc.stdout


def test_command_annotations_are_objects_not_text():
    """Typer reads every command's signature to build the command line, on every run: annotations
    kept as text (``from __future__ import annotations``) are compiled and evaluated each time,
    which cost --help about 12 ms of its 100 (issue 18)."""
    from blocwatch.cli.app import app, ingest_app

    commands = [c.callback for c in app.registered_commands + ingest_app.registered_commands]
    assert len(commands) >= 15
    for callback in commands:
        for name, param in inspect.signature(callback).parameters.items():
            assert not isinstance(param.annotation, str), (callback.__qualname__, name, param.annotation)


def test_importing_the_library_loads_no_heavy_package():
    assert imported(code="import blocwatch, blocwatch.analysis.network, blocwatch.dyads, blocwatch.engines"
                    ).isdisjoint(HEAVY)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    EventStore(path).close()
    return path


def test_table_commands_load_neither_scipy_nor_the_coder(db):
    for args in (("stats",), ("dyads",), ("relations",), ("quarantine",), ("shifts", "--from", "2024-01", "--to",
                                                                            "2024-06")):
        found = imported(*args, "--db", db)
        assert {"duckdb", "pyarrow"} <= found
        assert found.isdisjoint(NOT_FOR_TABLES), (args, sorted(found & set(NOT_FOR_TABLES)))


def test_importing_the_analyses_of_structure_compiles_nothing():
    """numba (a quarter of a second to import) is loaded by the first search, not by the modules
    that hold the searches: the report, the web app and ``balance --help`` import those."""
    found = imported(code="import blocwatch.analysis.blocs, blocwatch.analysis.balance, blocwatch.analysis.structure")
    assert found.isdisjoint({"numba", "llvmlite"}), sorted(found & {"numba", "llvmlite"})


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None,
                    reason="pandas is not installed here: pyarrow could not import it anyway")
def test_coding_and_ingesting_do_not_let_pyarrow_import_pandas(tmp_path, db):
    """pyarrow imports pandas, when installed, on the first Python values it converts (0.2-0.3 s of
    start-up): ``code`` of one sentence, ``ingest`` and ``stats`` build their tables from buffers
    (:mod:`blocwatch.arrays`); so do ``balance`` of an edge CSV, as a table and as CSV."""
    pytest.importorskip("spacy", reason="the coder extra is not installed")
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,sign\nA,B,1\nB,C,-1\nA,C,-1\n")
    for fmt in ("table", "csv"):
        found = imported("balance", edges, "-f", fmt)
        assert "pyarrow" in found and "pandas" not in found, fmt
    text = tmp_path / "one.txt"
    text.write_text("Russia attacked Ukraine on Monday.\n")
    gdelt = Path(__file__).parents[2] / "demo" / "data" / "gdelt2-korea-sample.export.CSV"
    for args in (("code", text, "--date", "2024-01-02"), ("ingest", "gdelt", gdelt, "--db", db),
                 ("ingest", "text", text, "--date", "2024-01-02", "--db", db), ("stats", "--db", db)):
        found = imported(*args)
        assert "pyarrow" in found and "pandas" not in found, args


def test_balance_of_an_edge_csv_as_json_lines_needs_no_arrow_nor_a_progress_bar(tmp_path):
    """Piped (stderr no terminal), no progress is drawn, so rich's progress machinery is not
    imported; JSON lines need no Arrow table (about 0.1 s of the COW benchmark's 3.4 s)."""
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,sign\nA,B,1\nB,C,-1\nA,C,-1\n")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "blocwatch", "balance", str(edges), "-f", "jsonl"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and '"frustration": 0.0' in proc.stdout, proc.stderr[-2000:]
    modules = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "numba" in modules  # the search ran
    assert "pyarrow" not in modules and "rich.progress" not in modules


def test_the_program_spares_its_tear_down_the_search_for_cycles_and_a_caller_keeps_its_collector():
    """Once a command is done, the program moves what it made to the collector's permanent
    generation (the tear-down would search half a million of numba's objects for cycles); a
    caller of ``main`` in Python keeps a collector that still frees its garbage."""
    code = ("import atexit, gc, sys; from blocwatch.cli import main; "
            "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr)); "
            "sys.argv = ['blocwatch', '--version']; main()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stderr.split("frozen")[1]) > 1000
    import gc

    from blocwatch.cli import main

    before = gc.get_freeze_count()
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and gc.get_freeze_count() == before
