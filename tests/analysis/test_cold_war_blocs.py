"""Blocs checked against alliances: the Cold War in Doreian and Mrvar's signed networks of states
(Correlates of War alliances as positive ties, disputes as negative ones, 1946-1999)."""

from __future__ import annotations

import pytest

from blocwatch.analysis.balance import frustration
from blocwatch.analysis.edgelists import read_edge_csv

pytestmark = [pytest.mark.shared, pytest.mark.slow]

NATO = ("GBR", "FRA", "ITA", "NTH", "BEL", "CAN", "GFR", "TUR", "GRC", "NOR", "DEN", "POR")
WARSAW = ("POL", "HUN", "CZE", "BUL", "RUM", "GDR")


def start_year(label: str) -> int:
    return 1900 + int(label.split("-")[0])


@pytest.fixture(scope="module")
def splits(shared):
    nets = read_edge_csv(shared / "networks" / "signnet_cow_signed_networks_1946_1999.csv", group_by="period")
    out = {}
    for label, net in nets.items():
        fr = frustration(net, method="exact", time_limit=60)
        assert fr.exact, label
        out[label] = dict(zip(net.nodes, fr.partition, strict=True))
    return out


@pytest.mark.slow
def test_the_cold_war_splits_east_from_west(splits):
    cold = {k: side for k, side in splits.items() if 1948 <= start_year(k) <= 1985}
    assert len(cold) == 38
    apart = [k for k, side in cold.items() if side["USA"] != side["RUS"]]
    assert len(apart) >= 0.9 * len(cold), sorted(set(cold) - set(apart))
    with_usa = [side[s] == side["USA"] for k in apart for s in NATO if s in (side := cold[k])]
    with_rus = [side[s] == side["RUS"] for k in apart for s in WARSAW if s in (side := cold[k])]
    assert sum(with_usa) / len(with_usa) > 0.98
    assert sum(with_rus) / len(with_rus) > 0.9


def test_after_1991_eastern_europe_leaves_the_russian_side(splits):
    late = {k: side for k, side in splits.items() if start_year(k) >= 1993}
    assert late
    for side in late.values():
        former = [s for s in WARSAW if s in side]
        assert sum(side[s] == side["RUS"] for s in former) <= len(former) // 2
