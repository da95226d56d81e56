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
