"""Common enemies on a hand-made set of relations."""

from __future__ import annotations

from blocwatch.analysis.cooperation import totals
from blocwatch.analysis.enemies import common_enemies


def rel(a, b, events, pos, neg):
    return {"source": a, "target": b, "events": events, "score_pos": pos, "score_neg": neg}


def test_common_enemies_need_hostility_on_both_sides():
    rows = [rel("PRK", "USA", 30, 5.0, 95.0), rel("RUS", "USA", 50, 20.0, 120.0),
            rel("PRK", "UKR", 10, 0.0, 60.0), rel("RUS", "UKR", 20, 0.0, 150.0),
            rel("KOR", "PRK", 9, 1.0, 40.0), rel("KOR", "RUS", 9, 30.0, 2.0),  # hostile to one only
            rel("JPN", "PRK", 2, 0.0, 20.0), rel("JPN", "RUS", 2, 0.0, 20.0)]  # too few events
    got = common_enemies(totals(rows), "RUS", "PRK")
    assert [e.third for e in got] == ["UKR", "USA"]  # most hostile first
    assert (got[0].events_a, got[0].events_b) == (20, 10)
    assert got[0].net_a == 150 / -160 and got[0].net_b == -60 / 70
    assert [e.third for e in common_enemies(totals(rows), "RUS", "PRK", min_events=1)] == ["UKR", "USA", "JPN"]
    assert common_enemies(totals(rows), "RUS", "PRK", neutral=0.9) == []


def test_totals_sum_periods_and_directions():
    t = totals([rel("B", "A", 1, 2.0, 0.0), rel("A", "B", 2, 0.0, 1.0)], alpha=0.0)
    assert t == {("A", "B"): {"source": "A", "target": "B", "events": 3, "score_pos": 2.0, "score_neg": 1.0,
                              "net": 1 / 3}}
