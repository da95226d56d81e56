"""The README's Python example runs as written, on the demo store."""

from __future__ import annotations

import re

from blocwatch.analysis.significance import STATUSES
from tests.helpers import REPO


def test_readme_python_example_runs(demo_db):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    names: dict = {}
    exec(compile(code.replace('"out/demo.duckdb"', repr(str(demo_db))), "README.md", "exec"), names)
    monthly, graph, moves, blocs = (names[k] for k in ("monthly", "graph", "moves", "blocs"))
    assert monthly.num_rows > 0 and set(monthly["source"].to_pylist()) == {"PRK", "RUS"}
    assert graph.number_of_nodes() > 5 and graph.number_of_edges() > 0
    assert moves and {m.status for m in moves} <= set(STATUSES)
    # the demo's data support no shift over 2023-2024 (docs/truth.md); PRK-RUS is tested and not supported
    assert not [m for m in moves if m.supported]
    assert ("PRK", "RUS") in {(m.source, m.target) for m in moves if m.status == "not supported"}
    assert [b["group"] for b in blocs] == ["2024-10", "2024-11", "2024-12"]
