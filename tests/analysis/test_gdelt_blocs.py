"""Signed networks from the shared GDELT 2.0 exports (Oct 2024 - Feb 2025), checked against
what is known: allies cooperate, the war in Ukraine is conflict, and blocs follow alliances
(ATOP defence pacts in force in 2018)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip

import pytest

from blocwatch import EventStore
from blocwatch.analysis.balance import frustration, triangle_balance
from blocwatch.analysis.blocs import blocs
from blocwatch.analysis.network import SignedNetwork
from blocwatch.countries import load_countries
from blocwatch.dyads import DyadQuery
from blocwatch.ingest import ingest_files
from blocwatch.relations import Relations, RelationsOptions

pytestmark = [pytest.mark.shared, pytest.mark.slow]
START, END = dt.date(2024, 10, 1), dt.date(2025, 2, 28)


@pytest.fixture(scope="module")
def store(shared, tmp_path_factory):
    with EventStore(tmp_path_factory.mktemp("gdelt") / "v2.duckdb") as s:
        ingest_files(s, sorted((shared / "gdelt" / "v2").glob("*.export.CSV")), "gdelt")
        yield s


@pytest.fixture(scope="module")
def relations(store):
    return Relations(store, RelationsOptions(query=DyadQuery(start=START, end=END)))


def defence_pacts(shared, year: int = 2018) -> set[tuple[str, str]]:
    iso = {c.cow: c.iso3 for c in load_countries().by_iso3.values() if c.cow}
    pairs = set()
    with gzip.open(shared / "networks" / "atop_alliance.csv.gz", "rt") as fh:
        for r in csv.DictReader(fh):
            if int(float(r["year"])) == year and float(r["atop_defense"]) == 1:
                a, b = iso[int(float(r["ccode1"]))], iso[int(float(r["ccode2"]))]
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def test_known_ties_have_the_known_signs(relations):
    net = relations.network(START, END, top=30)
    assert len(net.nodes) == 30
    assert net.edge("USA", "KOR").sign == 1
    assert net.edge("USA", "JPN").sign == 1
    assert net.edge("RUS", "UKR").sign == -1
    monthly = relations.networks(top=30)
    assert [n.label for n in monthly] == ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02"]
    for n in monthly[1:]:  # October holds only the exports of its last ten days
        assert n.edge("RUS", "UKR").sign == -1, n.label
    for n in monthly:  # allies may be neutral in a month (Nippon Steel, January 2025) but never hostile
        for pair in (("USA", "KOR"), ("USA", "JPN")):
            tie = n.edge(*pair)
            assert tie is None or tie.sign == 1, (n.label, pair)


def test_blocs_and_ties_lean_towards_defence_pacts(relations, shared):
    """Five months of news are a weak signal of alliances (docs/analysis.md gives the figures):
    allies are more often in one bloc, and more often friendly, than other pairs, not always."""
    net = relations.network(START, END, top=30)
    part = blocs(net)
    same = {(a, b) for bloc in part.blocs for a in bloc for b in bloc if a < b}
    pacts = {p for p in defence_pacts(shared) if p[0] in net.nodes and p[1] in net.nodes}
    pairs = {(a, b) for a in net.nodes for b in net.nodes if a < b}
    assert len(pacts) > 40
    assert len(pacts & same) / len(pacts) > len((pairs - pacts) & same) / len(pairs - pacts)
    allied = [e.sign for e in net.edges if (e.source, e.target) in pacts]
    other = [e.sign for e in net.edges if (e.source, e.target) not in pacts]
    assert allied.count(1) / len(allied) > other.count(1) / len(other)


def test_monthly_balance_is_computed_exactly(relations):
    for net in relations.networks(top=30):
        fr = frustration(net, time_limit=30)
        tri = triangle_balance(net)
        assert fr.exact and fr.value == pytest.approx(fr.bound)
        assert 0 < fr.value < sum(e.weight for e in net.edges)
        assert tri.triangles > 0 and 0.5 < tri.ratio < 1, net.label


def test_defence_pacts_with_news_hostility_split_east_from_west(relations, shared):
    """ATOP's 2018 defence pacts as the positive ties, GDELT's hostile ties of the five months as
    the negative ones (an alliance outweighs a quarrel: an allied pair is positive): the blocs put
    the United States with its treaty allies and apart from Russia, China, North Korea and Iran.
    Pacts alone have no negative tie, hence no reason to split (one bloc)."""
    news = relations.network(START, END, top=30)
    pacts = {p for p in defence_pacts(shared) if p[0] in news.nodes and p[1] in news.nodes}
    hostile = [(e.source, e.target, -1) for e in news.edges if e.sign < 0 and (e.source, e.target) not in pacts]
    assert len(pacts) > 40 and len(hostile) > 20
    net = SignedNetwork.from_edges([(a, b, 1) for a, b in pacts] + hostile, nodes=news.nodes)
    part = blocs(net)
    side = {n: i for i, bloc in enumerate(part.blocs) for n in bloc}
    west = {"USA", "CAN", "GBR", "FRA", "DEU", "ITA", "JPN", "KOR"}
    assert len({side[n] for n in west}) == 1
    assert all(side[n] != side["USA"] for n in ("RUS", "CHN", "PRK", "IRN"))
    assert side["RUS"] != side["UKR"]
    assert len(blocs(SignedNetwork.from_edges([(a, b, 1) for a, b in pacts], nodes=news.nodes)).blocs) == 1
