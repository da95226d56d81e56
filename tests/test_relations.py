"""Relations read from a real DuckDB store of hand-built GDELT rows: shifts, drivers, enemies, networks."""

from __future__ import annotations

import datetime as dt

import pytest

from blocwatch.analysis.network import EdgeRule
from blocwatch.dyads import DyadQuery
from blocwatch.ingest import ingest_files
from blocwatch.relations import Relations, RelationsOptions
from tests.helpers import gdelt_row

KINDS = {"057": ("1", "8.0"), "042": ("1", "1.9"), "072": ("2", "8.3"), "190": ("4", "-10.0"), "111": ("3", "-2.0")}


def events():
    """PRK-RUS: a visit and a rebuke a month in the first half of 2023, then visits, a treaty and
    arms every month; both fight UKR throughout; KOR-USA cooperate."""
    out = []
    months = [dt.date(2023 + (m - 1) // 12, (m - 1) % 12 + 1, 10) for m in range(1, 19)]  # 2023-01 .. 2024-06
    for d in months:
        if d >= dt.date(2023, 7, 1):
            out += [(d, "RUS", "PRK", "042"), (d, "PRK", "RUS", "072"), (d, "RUS", "PRK", "057")]
        else:
            out += [(d, "RUS", "PRK", "042"), (d, "PRK", "RUS", "111")]
        out += [(d, "RUS", "UKR", "190"), (d, "UKR", "RUS", "190"), (d, "PRK", "UKR", "111"),
                (d, "PRK", "UKR", "190"), (d, "KOR", "USA", "042"), (d, "USA", "KOR", "042")]
    return out


@pytest.fixture
def rel(store, write):
    lines = []
    for n, (d, s, t, code) in enumerate(events()):
        quad, g = KINDS[code]
        lines.append(gdelt_row(GLOBALEVENTID=str(n + 1), SQLDATE=d.strftime("%Y%m%d"), Actor1Code=s,
                               Actor1CountryCode=s, Actor2Code=t, Actor2CountryCode=t, EventCode=code,
                               EventBaseCode=code, EventRootCode=code[:2], QuadClass=quad, GoldsteinScale=g,
                               SOURCEURL=f"https://example.org/{n + 1}"))
    ingest_files(store, [write("e.CSV", "\n".join(lines) + "\n")], "gdelt")
    return Relations(store)


def test_shift_names_the_warming_with_its_drivers(rel):
    found = rel.shifts(dt.date(2023, 1, 1), dt.date(2024, 6, 30))
    top = found[0]
    assert (top.source, top.target, top.direction, top.at) == ("PRK", "RUS", "closer", dt.date(2023, 7, 1))
    assert (top.events_before, top.events_after, top.status) == (12, 36, "supported")
    assert top.confidence >= 0.99 and top.before_interval[0] <= top.before <= top.before_interval[1]
    assert [(d.root, d.codes) for d in top.drivers] == [("07", {"072": 12}), ("05", {"057": 12}),
                                                         ("04", {"042": 12})]  # by total contribution
    assert top.drivers[2].name == "CONSULT"
    assert top.drivers[0].examples[0]["url"].startswith("https://example.org/")
    # the store's data start in 2023-01, the range too: no coverage note
    assert top.notes == ()
    assert {(s.source, s.target) for s in found} == {("PRK", "RUS")}  # the steady dyads did not move
    every = rel.shifts(dt.date(2023, 1, 1), dt.date(2024, 6, 30), every=True)
    assert {s.status for s in every if (s.source, s.target) != ("PRK", "RUS")} == {"not supported"}


def test_a_source_that_covers_only_part_of_the_window_is_left_out(rel):
    """Silence before a source's data begin is missing data: comparing it with the months after
    would invent a change (the old method's coverage artefacts)."""
    covered, left_out = rel.common_coverage(dt.date(2022, 1, 1), dt.date(2024, 6, 30))
    assert covered == () and left_out == {"gdelt2": (dt.date(2023, 1, 1), dt.date(2024, 6, 1))}
    # no source covers 2022: only the months it covers are compared, and the shift says so
    (s,) = rel.shifts(dt.date(2022, 1, 1), dt.date(2024, 6, 30))
    assert (s.source, s.target, s.at, s.before_start) == ("PRK", "RUS", dt.date(2023, 7, 1), dt.date(2023, 1, 1))
    assert s.notes == ("only 2023-01 to 2024-06 compared, the months that gdelt2 covers",)
    # the old method compared 2022's silence with 2023's events: "apart" from 2023-01
    old = rel.shifts(dt.date(2022, 1, 1), dt.date(2024, 6, 30), method="largest-change", limit=None)
    assert any(o.at == dt.date(2023, 1, 1) for o in old)


def test_enemy_of_my_enemy(rel):
    found = rel.enemies("RUS", "PRK", dt.date(2023, 7, 1), dt.date(2024, 6, 30))
    assert [e.third for e in found] == ["UKR"]
    ukr = found[0]
    assert (ukr.events_a, ukr.events_b) == (24, 24)
    assert ukr.examples_a[0]["cameo"] == "190" and ukr.examples_b[0]["cameo"] == "190"
    # Ukraine fought Russia as much as Russia fought Ukraine: Russia's own acts come first
    assert [(x["source_country"], x["target_country"]) for x in ukr.examples_a] == [("RUS", "UKR")] * 2
    assert [(x["source_country"], x["target_country"]) for x in ukr.examples_b] == [("PRK", "UKR")] * 2


def test_network_and_monthly_networks(rel):
    net = rel.network(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    signs = {(e.source, e.target): e.sign for e in net.edges}
    assert signs == {("KOR", "USA"): 1, ("PRK", "RUS"): 1, ("PRK", "UKR"): -1, ("RUS", "UKR"): -1}
    top2 = rel.network(dt.date(2024, 1, 1), dt.date(2024, 6, 30), top=2)
    assert len(top2.nodes) == 2
    monthly = Relations(rel.store, RelationsOptions(query=DyadQuery(start=dt.date(2024, 1, 1)),
                                                    rule=EdgeRule(min_events=2))).networks()
    assert [n.label for n in monthly] == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    assert all(n.edge("RUS", "UKR").sign == -1 for n in monthly)


def test_events_carry_score_and_evidence(rel):
    evs = rel.events("PRK", "RUS", dt.date(2023, 7, 1), dt.date(2023, 7, 31))
    assert sorted(e["cameo"] for e in evs) == ["042", "057", "072"]
    assert {e["score"] for e in evs} == {1.9, 8.0, 8.3} and all(e["date"] == "2023-07-10" for e in evs)


def test_balance_tells_its_progress_network_by_network(rel):
    from blocwatch.progress import RecordingProgress

    progress = RecordingProgress()
    rows = rel.balance(window="quarter", progress=progress)
    assert [r["group"] for r in rows] == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]
    assert (progress.task, progress.unit, progress.total, progress.done, progress.finished) == (
        "balance", "networks", 6, 6, True)


def test_the_records_of_one_event_collapse_into_one_row_with_their_articles(store, write):
    """Three articles report one visit (the same day, actors, code and mode), two more one arms
    delivery; a second visit a day later is another event. Collapsed, a page counts events."""
    rows = [("1", "20240610", "042", "a"), ("2", "20240610", "042", "b"), ("3", "20240610", "042", "a"),
            ("4", "20240610", "072", "c"), ("5", "20240610", "072", "d"), ("6", "20240611", "042", "e")]
    lines = [gdelt_row(GLOBALEVENTID=n, SQLDATE=day, Actor1Code="RUS", Actor1CountryCode="RUS", Actor2Code="PRK",
                       Actor2CountryCode="PRK", EventCode=code, EventBaseCode=code, EventRootCode=code[:2],
                       QuadClass=KINDS[code][0], GoldsteinScale=KINDS[code][1], SOURCEURL=f"https://example.org/{url}")
             for n, day, code, url in rows]
    ingest_files(store, [write("e.CSV", "\n".join(lines) + "\n")], "gdelt")
    rel = Relations(store)
    assert len(rel.events("PRK", "RUS")) == rel.count_events("PRK", "RUS") == 6
    events = rel.events("PRK", "RUS", collapse=True)
    assert [(e["event_id"], e["cameo"], e["records"], e["other_urls"]) for e in events] == [
        ("gdelt2:1", "042", 3, ["https://example.org/b"]),
        ("gdelt2:4", "072", 2, ["https://example.org/d"]),
        ("gdelt2:6", "042", 1, [])]
    assert rel.count_events("PRK", "RUS", collapse=True) == 3
    assert [e["event_id"] for e in rel.events("PRK", "RUS", collapse=True, limit=1, offset=1)] == ["gdelt2:4"]
    # events typed only by PLOVER (ACLED, POLECAT: one record per event) are never merged, nor are
    # records of one day's events of other PLOVER types
    store.con.execute("UPDATE events SET cameo = NULL WHERE event_id IN ('gdelt2:1', 'gdelt2:2')")
    store.con.execute("UPDATE events SET plover = 'ASSAULT' WHERE event_id = 'gdelt2:5'")
    assert [(e["event_id"], e["records"]) for e in Relations(store).events("PRK", "RUS", collapse=True)] == [
        ("gdelt2:1", 1), ("gdelt2:2", 1), ("gdelt2:3", 1), ("gdelt2:4", 1), ("gdelt2:5", 1), ("gdelt2:6", 1)]
