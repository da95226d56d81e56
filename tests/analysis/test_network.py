"""Signed networks: construction rules, thresholds and the export formats, read back by their own readers."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from blocwatch.analysis.network import EdgeRule, SignedNetwork, network_from_relations
from blocwatch.errors import InputError

TRIAD = [("USA", "KOR", 1, 2.0), ("PRK", "KOR", -1, 1.5), ("PRK", "USA", -1, 1.0)]


def test_from_edges_normalises_and_rejects():
    net = SignedNetwork.from_edges(TRIAD + [("JPN", "JPN", 1), ("CHN", "RUS", 0)], nodes=["ZWE"])
    assert net.nodes == ("CHN", "JPN", "KOR", "PRK", "RUS", "USA", "ZWE")
    assert [(e.source, e.target, e.sign) for e in net.edges] == [("KOR", "PRK", -1), ("KOR", "USA", 1),
                                                                 ("PRK", "USA", -1)]
    assert net.edge("USA", "KOR").weight == 2.0 and net.edge("CHN", "RUS") is None
    with pytest.raises(InputError, match="appears twice"):
        SignedNetwork.from_edges([("a", "b", 1), ("b", "a", 1)])
    assert SignedNetwork.from_edges([("a", "b", 1, 2), ("b", "a", -1, 2)], combine="sum").edges == ()
    with pytest.raises(InputError, match="finite"):
        SignedNetwork.from_edges([("a", "b", float("nan"))])
    with pytest.raises(InputError, match="expected"):
        SignedNetwork.from_edges([("a", "b")])


def test_matrix_and_subgraph():
    net = SignedNetwork.from_edges(TRIAD)
    m = net.matrix()
    ix = net.index
    assert m[ix["KOR"], ix["USA"]] == m[ix["USA"], ix["KOR"]] == 2.0
    assert net.matrix(weighted=False)[ix["KOR"], ix["PRK"]] == -1.0
    sub = net.subgraph(["KOR", "USA", "XXX"])
    assert sub.nodes == ("KOR", "USA") and len(sub.edges) == 1


def test_exports_read_back():
    net = SignedNetwork.from_edges(TRIAD, label="2024-06")
    data = json.loads(net.dumps("json"))
    assert data["label"] == "2024-06" and len(data["edges"]) == 3
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = reader(io.BytesIO(net.dumps(fmt).encode()))
        assert sorted(g.nodes) == list(net.nodes), fmt
        assert int(g["KOR"]["PRK"]["sign"]) == -1 and float(g["KOR"]["USA"]["weight"]) == 2.0, fmt
    ig = net.to_igraph()
    assert ig.vcount() == 3 and sorted(ig.es["sign"]) == [-1, -1, 1]
    with pytest.raises(InputError, match="format: choose"):
        net.dumps("pajek")


def test_write_guesses_format(tmp_path):
    net = SignedNetwork.from_edges(TRIAD)
    net.write(tmp_path / "n.gexf")
    assert "<gexf" in (tmp_path / "n.gexf").read_text()


def test_network_from_relations_thresholds():
    rows = [
        {"source": "KOR", "target": "USA", "events": 40, "net": 0.6, "score_pos": 90.0, "score_neg": 3.0},
        {"source": "PRK", "target": "USA", "events": 12, "net": -0.05, "score_pos": 10.0, "score_neg": 11.0},
        {"source": "PRK", "target": "KOR", "events": 8, "net": -0.5, "score_pos": 2.0, "score_neg": 30.0},
        {"source": "CHN", "target": "PRK", "events": 2, "net": 0.9, "score_pos": 9.0, "score_neg": 0.0},
    ]
    net = network_from_relations(rows)
    assert [(e.source, e.target, e.sign) for e in net.edges] == [("KOR", "PRK", -1), ("KOR", "USA", 1)]
    assert net.nodes == ("CHN", "KOR", "PRK", "USA")  # below-threshold states stay as isolates
    loose = network_from_relations(rows, EdgeRule(neutral=0.0, min_events=1, weight="intensity"))
    assert len(loose.edges) == 4 and loose.edge("KOR", "PRK").weight == 32.0
    with pytest.raises(InputError, match="twice"):
        network_from_relations(rows + [dict(rows[0], source="USA", target="KOR")])
    with pytest.raises(InputError):
        EdgeRule(neutral=1.5)
    with pytest.raises(InputError):
        EdgeRule(weight="tone")
