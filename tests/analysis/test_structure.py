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


def test_rows_from_several_processes_are_the_rows_of_one():
    from blocwatch.analysis.structure import balance_rows
    from blocwatch.progress import RecordingProgress

    ring = SignedNetwork.from_edges([(a, b, -1) for a, b in zip("ABCDE", "BCDEA", strict=True)], label="ring")
    nets = [NET, ring, SignedNetwork.from_edges([], nodes=["A"], label="alone"), NET]
    progress = RecordingProgress()
    rows = balance_rows(nets, workers=3, progress=progress)
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in rows]
    assert strip == [{k: v for k, v in balance_summary(n).items() if k != "seconds"} for n in nets]
    assert [r["group"] for r in rows] == ["x", "ring", "alone", "x"]
    assert (progress.total, progress.done, progress.finished) == (4, 4, True)
