"""The README's Python example runs as written."""

from __future__ import annotations

import os
import re

from tests.helpers import REPO


def test_readme_python_example_runs(tmp_path, capsys):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    (tmp_path / "demo").symlink_to(REPO / "demo")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2968 0 0"
    assert "'source': 'PRK'" in out[1] or "'source': 'RUS'" in out[1]
    # the November 2024 network of the sample's seven states: a frustration index and a networkx graph
    value, graph = out[3].split(" ", 1)
    assert float(value) > 0 and graph.startswith("Graph with 7 nodes")
    # the coder: Putin and Kim are their governments in 2024; "on Wednesday" is the day before publication
    assert out[4:] == ["RUSGOV 040 PRKGOV factual 2024-06-19 day"]
    assert (tmp_path / "blocwatch.duckdb").exists()
