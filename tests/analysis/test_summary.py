"""Balance summaries and network views on hand-built networks with known answers."""

from __future__ import annotations

import json

from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.summary import balance_summary, network_view

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


def test_network_view():
    view = network_view(NET, names={"A": "Alpha"})
    json.dumps(view)  # plain data
    nodes = {n["id"]: n for n in view["nodes"]}
    assert nodes["A"]["name"] == "Alpha" and nodes["B"]["name"] == "B"
    assert {n: v["bloc"] for n, v in nodes.items()} == {"A": 0, "B": 0, "C": 0, "D": 1, "E": 1, "F": None}
    assert nodes["C"]["frustration"] == nodes["D"]["frustration"] == 0.5 and nodes["A"]["frustration"] == 0
    assert nodes["A"]["x"] < 0 < nodes["D"]["x"]  # first bloc left, second right
    assert nodes["F"]["y"] < min(n["y"] for n in nodes.values() if n["bloc"] is not None)
    assert [(e["source"], e["target"]) for e in view["edges"] if e["frustrated"]] == [("C", "D")]
    assert view["frustration"] == {"value": 0.5, "exact": True, "bound": 0.5}
    assert view["blocs"] == [["A", "B", "C"], ["D", "E"]] and view["label"] == "x"
