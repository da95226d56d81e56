"""The overview the report and the app show, on the shipped demo store, checked against SQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from blocwatch.ingest.text import ingest_text
from blocwatch.overview import QUADS, Overview, OverviewOptions
from tests.helpers import REPO, STATE_ACTORS

pytestmark = pytest.mark.slow
SEVEN = ("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR")
IN_SEVEN = (f"source_country IN {SEVEN} AND target_country IN {SEVEN} AND source_country <> target_country"
            f" AND {STATE_ACTORS}")


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder):
    with EventStore(tmp_path_factory.mktemp("demo") / "demo.duckdb") as s:
        ingest_files(s, [REPO / "demo" / "data"], "gdelt")
        ingest_text(s, [REPO / "demo" / "news"], coder=coder)
        yield s


@pytest.fixture(scope="module")
def overview(store):
    return Overview(store, OverviewOptions(countries=SEVEN, start=dt.date(2022, 1, 1), end=dt.date(2025, 2, 28)))


#: Events with a date: background of unknown date ("had expelled") belongs to no month.
WITH_DATE = "coalesce(date_precision, 'day') <> 'unknown'"
DATED = f"mode = 'factual' AND {WITH_DATE}"


def count(store, where: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM events WHERE {IN_SEVEN} AND {where}").fetchall()[0][0]


def test_timelines_add_up_to_the_factual_events(overview, store):
    lines = overview.timelines()
    assert len(overview.months) == 38 and lines[0]["months"][0] == "2022-01" and lines[0]["months"][-1] == "2025-02"
    factual = count(store, f"{DATED} AND date BETWEEN DATE '2022-01-01' AND DATE '2025-02-28'")
    assert sum(t["total"] for t in lines) == factual
    for t in lines:
        assert t["pair"] == f"{t['source']}-{t['target']}" and t["source"] < t["target"]
        assert [sum(q) for q in zip(*(t[k] for k in QUADS), strict=True)] == t["events"]
        assert all((g is None) == (n == 0) for g, n in zip(t["goldstein_mean"], t["events"], strict=True))
        assert all((x is None) == (n == 0) for x, n in zip(t["net"], t["events"], strict=True))  # no data, no 0
    prk_rus = next(t for t in lines if t["pair"] == "PRK-RUS")
    june = prk_rus["months"].index("2024-06")
    assert prk_rus["events"][june] == count(store, f"{DATED} AND strftime(date, '%Y-%m') = '2024-06' AND "
                                                   "least(source_country, target_country) = 'PRK' AND "
                                                   "greatest(source_country, target_country) = 'RUS'")
    assert prk_rus["net"][june] > 0.3  # the treaty month


def test_matrix_is_symmetric_and_complete(overview):
    m = overview.matrix()
    assert sorted(m["states"]) == sorted(SEVEN) and m["states"][:2] == ["RUS", "UKR"]  # busiest first
    n = len(m["states"])
    for i in range(n):
        assert m["net"][i][i] is None and m["events"][i][i] == 0
        for j in range(n):
            assert m["net"][i][j] == m["net"][j][i] and m["events"][i][j] == m["events"][j][i]
    assert sum(map(sum, m["events"])) == 2 * sum(t["total"] for t in overview.timelines())


def test_networks_of_the_recent_months_the_whole_span_and_quarters(overview):
    nets = overview.networks()
    labels = [n["label"] for n in nets]
    assert labels[0] == "last 3 months (December 2024 to February 2025)"
    assert labels[1] == "whole period (January 2022 to February 2025)"
    assert labels[2:] == [f"{y}-Q{q}" for y in (2022, 2023, 2024) for q in (1, 2, 3, 4)] + ["2025-Q1"]
    whole = nets[1]
    assert {n["id"] for n in whole["nodes"]} == set(SEVEN)
    assert all(e["sign"] in (1, -1) and e["events"] >= 3 for e in whole["edges"])
    assert whole["frustration"]["exact"]
    json.dumps(nets)


def test_evidence_covers_every_cell_with_counts(overview, store):
    ev = overview.evidence()
    every = count(store, f"{WITH_DATE} AND date BETWEEN DATE '2022-01-01' AND DATE '2025-02-28'")
    assert sum(ev["counts"].values()) == every
    per_cell: dict[tuple[str, str], int] = {}
    for e in ev["events"]:
        per_cell[(e["pair"], e["month"])] = per_cell.get((e["pair"], e["month"]), 0) + 1
    for (pair, month), shown in per_cell.items():
        held = sum(n for k, n in ev["counts"].items() if k.startswith(f"{pair}|{month}|"))
        assert min(held, 50) <= shown <= held  # 50 a cell, and some of each of its places beyond them
    kept = {(e["pair"], e["month"], e["place_lat"], e["place_lon"]) for e in ev["events"]}
    points = overview.places()["points"]
    assert points and all((p["pair"], p["month"], p["lat"], p["lon"]) in kept for p in points)
    modes = {e["mode"] for e in ev["events"]}
    assert "factual" in modes and modes - {"factual"}  # the coder's negated, future ... events are listed too
    assert ev["cameo_names"]["057"] == "Sign formal agreement"
    json.dumps(ev)


def test_background_of_unknown_date_is_shown_apart(overview, store):
    """Undated background ("had sent") counts in no month: the evidence lists it apart, every such
    event reported in the window, and never among the months' events."""
    ev = overview.evidence()
    window = "date BETWEEN DATE '2022-01-01' AND DATE '2025-02-28'"
    undated = {r[0] for r in store.con.execute(
        f"SELECT event_id FROM events WHERE {IN_SEVEN} AND date_precision = 'unknown' AND {window}").fetchall()}
    assert len(undated) >= 3  # the demo briefs' "had delivered", "had sent", "had moved" (North Korea to Russia)
    assert {e["event_id"] for e in ev["undated"]} == undated
    assert sum(ev["undated_counts"].values()) == len(undated)
    assert not undated & {e["event_id"] for e in ev["events"]}
    korea_russia = [e for e in ev["undated"] if {e["source_country"], e["target_country"]} == {"PRK", "RUS"}]
    assert korea_russia and {e["pair"] for e in korea_russia} == {"PRK-RUS"}


def test_headlines_and_tension(overview):
    found = overview.headlines()
    kinds = [h.kind for h in found]
    assert kinds == ["shift", "blocs", "frustration", "tension"]
    # the demo's sources cover different months and PRK-RUS's change in 2024 is not supported: no claim
    assert found[0].pair is None and found[0].text.startswith(
        "No pair's relations changed over January 2022 to February 2025 in a way the data support")
    # the last three months' ties split no better than with their signs shuffled: no bloc claim
    assert found[1].text.startswith("In the last 3 months (December 2024 to February 2025) the states show no "
                                    "clear blocs")
    tension = overview.tension()
    assert [r["period"] for r in tension] == [m.strftime("%Y-%m") for m in overview.months]
    assert all(0 <= r["tension"] < 1 for r in tension)
    assert overview.shifts() == []  # the supported ones, as the CLI lists them


def test_each_network_is_computed_once(store, monkeypatch):
    """A window ending with a quarter: the last 3 months are the last quarter and the headlines'
    network. Each window's network, bloc test and frustration index are computed once."""
    import importlib

    calls: list[tuple[str, str]] = []
    for module, name in (("blocwatch.analysis.balance", "frustration"), ("blocwatch.analysis.blocs", "bloc_support")):
        target = importlib.import_module(module)
        real = getattr(target, name)
        monkeypatch.setattr(target, name, lambda net, *a, _real=real, _name=name, **k: (
            calls.append((_name, net.label)) or _real(net, *a, **k)))
    ov = Overview(store, OverviewOptions(countries=SEVEN, start=dt.date(2023, 1, 1), end=dt.date(2024, 12, 31)))
    nets, found = ov.networks(), ov.headlines()
    assert nets[0]["label"] == "last 3 months (October to December 2024)" and nets[-1]["label"] == "2024-Q4"
    assert {k: v for k, v in nets[0].items() if k != "label"} == {k: v for k, v in nets[-1].items() if k != "label"}
    assert [h.kind for h in found] == ["shift", "blocs", "frustration", "tension"]
    windows = {(n["start"], n["end"]) for n in nets}
    assert len(windows) == len(nets) - 1  # the last quarter is the last 3 months
    assert sorted(calls) == sorted((name, f"{a}..{b}") for a, b in windows for name in ("bloc_support", "frustration"))


def test_an_empty_selection(store):
    ov = Overview(store, OverviewOptions(countries=("FRA", "DEU")))
    assert ov.span is None and ov.timelines() == [] and ov.networks() == [] and ov.headlines() == []
    assert ov.evidence() == {"events": [], "counts": {}, "undated": [], "undated_counts": {}, "cameo_names": {}}
