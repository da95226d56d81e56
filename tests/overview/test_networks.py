"""The drawing data of a network on a hand-built network with known answers."""

from __future__ import annotations

import json

from blocwatch.overview.networks import network_view
from tests.analysis.test_structure import NET


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
