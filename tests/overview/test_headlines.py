"""Findings in plain words, on hand-built results with exact sentences."""

from __future__ import annotations

from datetime import date

from blocwatch.analysis.balance import frustration
from blocwatch.analysis.blocs import blocs
from blocwatch.analysis.network import SignedNetwork
from blocwatch.analysis.shifts import Driver, Shift
from blocwatch.overview.headlines import (
    bloc_headline,
    frustration_headline,
    shift_headlines,
    span_text,
    tension_headline,
)

NAMES = {"PRK": "North Korea", "RUS": "Russia", "USA": "United States", "KOR": "South Korea", "JPN": "Japan"}


def shift(a, b, at, before, after, *, drivers=(), notes=()):
    return Shift(a, b, at, before, after, date(2023, 1, 1), date(2024, 12, 1), 3, 40, drivers=drivers, notes=notes)


def test_shifts_biggest_each_way_with_their_drivers():
    d = [Driver("07", "Provide aid", 5, 9.0, {"072": 5}, ()), Driver("04", "Consult", 9, 8.0, {"042": 9}, ())]
    found = [shift("PRK", "RUS", date(2023, 7, 1), 0.0, 0.4, drivers=d),
             shift("KOR", "USA", date(2024, 3, 1), 0.1, 0.3),
             shift("JPN", "KOR", date(2024, 6, 1), 0.1, 0.2),
             shift("KOR", "PRK", date(2023, 11, 1), 0.0, -0.3, notes=("gdelt2 data start in 2023-11",))]
    got = shift_headlines(found, NAMES, limit=2)
    assert [h.pair for h in got] == ["PRK-RUS", "KOR-USA", "KOR-PRK"]
    assert [h.month for h in got] == ["2023-07", "2024-03", "2023-11"]  # where a page opens the pair
    assert got[0].text == ("North Korea and Russia moved closer from July 2023 (net cooperation +0.00 before, "
                           "+0.40 after; 40 events since, mostly provide aid and consult).")
    assert got[2].text.startswith("South Korea and North Korea moved apart from November 2023")
    assert got[2].text.endswith(" Note: gdelt2 data start in 2023-11.")


def test_tested_shifts_carry_their_intervals_and_none_is_said():
    tested = Shift("PRK", "RUS", date(2023, 7, 1), -0.1, 0.5, date(2023, 1, 1), date(2024, 6, 1), 12, 36,
                   confidence=0.998, p_value=0.002, before_interval=(-0.3, 0.1), after_interval=(0.4, 0.6),
                   months_before=6, months_after=12)
    weak = Shift("KOR", "USA", date(2024, 1, 1), 0.1, 0.5, date(2023, 1, 1), date(2024, 6, 1), 12, 36,
                 status="not supported")
    (got,) = shift_headlines([tested, weak], NAMES)
    assert got.text == ("North Korea and Russia moved closer from July 2023 (net cooperation -0.10 [-0.30, +0.10] "
                        "before, +0.50 [+0.40, +0.60] after; 12 events before, 36 since, p = 0.002).")
    noted = Shift("KOR", "USA", date(2024, 1, 1), 0.1, 0.5, date(2023, 1, 1), date(2024, 6, 1), 12, 36,
                  status="not supported", notes=("gdelt2 left out",))
    (none,) = shift_headlines([weak, noted], NAMES, period="January 2023 to June 2024")
    assert none.pair is None and none.text.startswith(
        "No pair's relations changed over January 2023 to June 2024 in a way the data support: a change needs "
        "at least 3 months and 10 events on each side")
    assert none.text.endswith(" Note: gdelt2 left out.")
    assert shift_headlines([weak], NAMES) == []


def test_blocs_one_two_and_none():
    two = SignedNetwork.from_edges([("USA", "KOR", 1), ("USA", "JPN", 1), ("PRK", "USA", -1), ("PRK", "RUS", 1),
                                    ("RUS", "KOR", -1)], nodes=["CHN"])
    assert bloc_headline(blocs(two), NAMES, "June 2024").text == (
        "In June 2024 the states fall into 2 blocs: Japan, South Korea and United States; North Korea and Russia. "
        "Without ties: CHN.")
    one = SignedNetwork.from_edges([("USA", "KOR", 1), ("USA", "JPN", 1)])
    assert bloc_headline(blocs(one), NAMES, "2024").text == (
        "In 2024 the 3 tied states form one bloc, with no hostile camp: Japan, South Korea and United States.")
    assert "too few events" in bloc_headline(None, NAMES, "2024").text


def test_frustration_names_the_heaviest_frustrated_ties():
    net = SignedNetwork.from_edges([("USA", "KOR", 1, 3.0), ("USA", "PRK", -1, 2.0), ("KOR", "PRK", 1, 0.5)])
    text = frustration_headline(frustration(net), NAMES, total_weight=5.5).text
    assert text == ("The relation that holds the network furthest from balance: South Korea and North Korea "
                    "(friendly though in opposite camps). Frustration index 0.50 (proved minimal) of 5.50 in all ties.")
    balanced = SignedNetwork.from_edges([("USA", "KOR", 1), ("USA", "PRK", -1)])
    assert "frustration index 0" in frustration_headline(frustration(balanced), NAMES).text


def test_tension_trend_words():
    def rows(values):
        return [{"period": date(2024, m, 1), "tension": t} for m, t in enumerate(values, start=1)]

    assert " fell: 0.10 " in tension_headline(rows([0.5, 0.5, 0.1]), "us", months=1).text
    assert " stayed about level: " in tension_headline(rows([0.3, 0.32]), "us", months=1).text
    assert tension_headline(rows([0.3]), "us").text == ("Tension among us: 0.30 over January 2024; "
                                                        "highest in January 2024 (0.30).")
    assert tension_headline(rows([0.0, 0.0]), "us").text == "No conflictual events among us in this period."


def test_span_text():
    assert span_text(date(2024, 6, 1), date(2024, 6, 30)) == "June 2024"
    assert span_text(date(2024, 4, 1), date(2024, 6, 1)) == "April to June 2024"


def test_blocs_are_said_only_when_better_than_shuffled_signs():
    from blocwatch.analysis.blocs import bloc_support

    camps = [("USA", "KOR", 1), ("USA", "JPN", 1), ("KOR", "JPN", 1), ("PRK", "RUS", 1), ("PRK", "CHN", 1),
             ("RUS", "CHN", 1)] + [(a, b, -1) for a in ("USA", "KOR", "JPN") for b in ("PRK", "RUS", "CHN")]
    net = SignedNetwork.from_edges(camps)
    support = bloc_support(net)
    assert support.supported and (support.ties, support.hostile, support.arrangements) == (15, 9, 5005)
    text = bloc_headline(blocs(net), NAMES, "2024", support).text
    assert text.startswith("In 2024 the states fall into 2 blocs: CHN, North Korea and Russia; Japan, South Korea "
                           "and United States (p = 0.01 against the same 15 ties")
    # a tree splits perfectly whatever its signs: its "blocs" are no evidence
    tree = SignedNetwork.from_edges([("USA", "KOR", 1), ("USA", "PRK", -1), ("PRK", "RUS", 1), ("RUS", "UKR", -1),
                                     ("USA", "GBR", 1), ("KOR", "JPN", 1), ("JPN", "CHN", -1)])
    support = bloc_support(tree)
    assert not support.supported and support.p_value == 1.0
    assert bloc_headline(blocs(tree), NAMES, "2024", support).text.startswith(
        "In 2024 the states show no clear blocs: its 7 ties (3 hostile) split no better than the same ties")
    few = bloc_support(SignedNetwork.from_edges([("USA", "KOR", 1), ("USA", "PRK", -1), ("KOR", "PRK", -1)]))
    assert (few.p_value, few.arrangements, few.supported) == (None, 3, False)
    assert "too few of each kind" in bloc_headline(few.partition, NAMES, "2024", few).text
    # friendly ties only: one bloc, which is no partition to test
    friends = bloc_support(SignedNetwork.from_edges([("USA", "KOR", 1), ("USA", "JPN", 1)]))
    assert bloc_headline(friends.partition, NAMES, "2024", friends).text == (
        "In 2024 the 3 tied states form one bloc, with no hostile camp: Japan, South Korea and United States.")
    foes = bloc_support(SignedNetwork.from_edges([("USA", "PRK", -1), ("KOR", "PRK", -1)]))
    assert bloc_headline(foes.partition, NAMES, "2024", foes).text == (
        "In 2024 every one of the 2 ties is hostile: no blocs.")
