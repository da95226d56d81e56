"""The examples of docs/python.md and docs/importing.md run as written, on the demo store."""

from __future__ import annotations

import os
import re

import pytest

from tests.helpers import REPO


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (REPO / "docs" / "python.md").read_text(encoding="utf-8"), flags=re.S)


def test_the_reading_example_runs_on_the_demo_store(demo_db, capsys):
    code = _blocks()[0].replace('"out/demo.duckdb"', repr(str(demo_db)))
    exec(compile(code, "docs/python.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d+ events; origins: .*gdelt2.*", out[0]) and "text" in out[0]
    assert out[1] == "['period', 'source', 'target', 'events', 'reports', 'weight']"
    assert int(out[2].split()[0]) > 0
    period, source, target, events, net = out[3].split()
    assert period.startswith("2024-") and source < target and int(events) > 0 and -1 < float(net) < 1
    label, nodes, _, edges, _ = out[4].split()
    assert label == "2024-11" and int(nodes) > 5 and int(edges) > 0
    shifts = [line.split() for line in out if " from 20" in line]
    assert len(shifts) == 3
    for words in shifts:  # PRK RUS not supported closer from 2024-06 30 events before, 12 after
        status = " ".join(words[2:-8])
        assert status in ("supported", "not supported", "insufficient data")
        assert words[-8] in (("closer", "apart") if status != "insufficient data" else ("unknown",))
    months = [line for line in out if re.match(r"2024-1\d [\d.]+ (True|False) \[", line)]
    assert [m.split()[0] for m in months] == ["2024-10", "2024-11", "2024-12"]
    events = [line for line in out if line.startswith("2024-06-")]
    assert 1 <= len(events) <= 2 and all({"PRK", "RUS"} == set(e.split()[2:4]) for e in events)


def test_the_writing_example_runs(tmp_path, capsys, coder):
    (tmp_path / "demo").symlink_to(REPO / "demo")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(_blocks()[1], "docs/python.md", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2968 0 0"
    documents, events = map(int, out[1].split())
    assert documents > 30 and events > documents


@pytest.mark.slow
@pytest.mark.shared
def test_every_example_of_the_importing_guide_runs(demo_db, shared, tmp_path):
    """docs/importing.md: each shell example, run from a copy of the layout it assumes (out/, the
    repository's tests/, the shared data), exits 0."""
    import shutil
    import subprocess
    import sys

    text = (REPO / "docs" / "importing.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    commands = [c.strip() for block in blocks for c in block.replace("\\\n", " ").splitlines() if c.strip()]
    assert len(commands) >= 8
    (tmp_path / "out").mkdir()
    shutil.copy(demo_db, tmp_path / "out" / "demo.duckdb")
    (tmp_path / "tests").symlink_to(REPO / "tests")
    for command in commands:
        command = command.replace(".venv/bin/python", "PYTHON").replace(".venv/bin/blocwatch", "PYTHON -m blocwatch")
        command = command.replace("PYTHON", sys.executable).replace("../shared/data", str(shared))
        done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (command, done.stderr[-2000:])
