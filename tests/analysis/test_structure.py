"""Balance summaries on hand-built networks with known answers."""

from __future__ import annotations

from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.structure import balance_summary

# two camps, {A, B, C} and {D, E}, with one friendly tie across them (C-D) that frustrates balance
NET = SignedNetwork.from_edges([("A", "B", 1, 2.0), ("B", "C", 1), ("A", "C", 1), ("D", "E", 1, 3.0),
                                ("A", "D", -1, 2.0), ("B", "E", -1), ("C", "D", 1, 0.5)], nodes=["F"], label="x")


def test_balance_summary():
    row = balance_summary(NET)
    assert {k: row[k] for k in ("group", "nodes", "edges", "frustration", "exact", "bound")} == {
        "group": "x", "nodes": 6, "edges": 7, "frustration": 0.5, "exact": True, "bound": 0.5}
    assert row["blocs"] == [["A", "B", "C"], ["D", "E"]]
    assert row["frustrated"] == [{"source": "C", "target": "D", "sign": 1, "weight": 0.5}]
    assert row["balanced_triangle_ratio"] == 0.5  # A-B-C are friends; A-C-D has two friendly ties, one hostile
    assert balance_summary(NET, k=1)["blocs"] == [["A", "B", "C", "D", "E"]]
    assert balance_summary(SignedNetwork.from_edges([], nodes=["A"]))["balanced_triangle_ratio"] is None


def test_the_bound_of_an_answer_cut_short_and_the_blocs_start_from_the_split(monkeypatch):
    from blocwatch.analysis import structure
    from blocwatch.analysis.blocs import blocs

    ring = SignedNetwork.from_edges([(a, b, -1) for a, b in zip("ABCDE", "BCDEA", strict=True)])  # no triangle
    row = balance_summary(ring, method="exact", time_limit=0)  # no time: the triangle packing's bound only
    assert (row["frustration"], row["exact"], row["bound"]) == (1.0, False, 0.0)
    assert (balance_summary(ring)["exact"], balance_summary(ring)["bound"]) == (True, 1.0)
    seen = []
    monkeypatch.setattr(structure, "blocs", lambda net, **kw: seen.append((kw["split"], kw["split_optimal"]))
                        or blocs(net, **kw))
    fr, part = structure.solve(NET)
    assert fr.exact and seen == [(fr.partition, True)] and part.blocs == (("A", "B", "C"), ("D", "E"))
    seen.clear()
    fr, _ = structure.solve(ring, method="exact", time_limit=0)  # not proved: the split bounds nothing
    assert not fr.exact and seen == [(fr.partition, False)]


_IN_WORKERS = """
import json, sys
from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.structure import balance_rows
from blocwatch.progress import RecordingProgress
net = SignedNetwork.from_edges([("A", "B", 1, 2.0), ("B", "C", 1), ("A", "C", 1), ("D", "E", 1, 3.0),
                                ("A", "D", -1, 2.0), ("B", "E", -1), ("C", "D", 1, 0.5)], nodes=["F"], label="x")
ring = SignedNetwork.from_edges([(a, b, -1) for a, b in zip("ABCDE", "BCDEA")], label="ring")
nets = [net, ring, SignedNetwork.from_edges([], nodes=["A"], label="alone"), net]
progress = RecordingProgress()
rows = balance_rows(nets, workers=3, progress=progress)
searched_here = "numba" in sys.modules  # the workers searched, not this process
from blocwatch.analysis import structure
forks = structure._may_fork()
again = [structure.balance_summary(n) for n in nets]  # here, in one process: numba and SciPy loaded
print(json.dumps({"rows": rows, "again": again, "searched_here": searched_here,
                  "forks": [forks, structure._may_fork()],
                  "progress": [progress.total, progress.done, progress.finished]}))
"""


def test_rows_from_several_processes_are_the_rows_of_one():
    """Forked workers measure the networks (this process never loads the searches) and give the
    rows one process gives; once a search has run here, no process is forked."""
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _IN_WORKERS], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.splitlines()[-1])
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in out["rows"]]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in out["again"]]
    assert [r["group"] for r in out["rows"]] == ["x", "ring", "alone", "x"] and strip[0]["frustration"] == 0.5
    assert out["searched_here"] is False and out["progress"] == [4, 4, True]
    assert out["forks"] == [True, False]  # after a search here, the networks are measured here
