"""The tested shift detector on hand-built pairs: statuses, splits, intervals, and its calibration
against the placebo of shuffled months."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from blocwatch.analysis import significance
from blocwatch.analysis.permutations import Workspace
from blocwatch.analysis.significance import ShiftTest, detect_shifts
from blocwatch.errors import InputError, ParameterError

MONTHS = [date(2023 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 25)]


def pair_events(source: str, target: str, per_month: list[list[float]]) -> list[dict]:
    return [{"period": MONTHS[i], "source": source, "target": target, "score": s}
            for i, scores in enumerate(per_month) for s in scores]


def test_a_lasting_change_is_supported_with_its_evidence_on_both_sides():
    hostile, friendly = [-5.0, -2.0, 1.0, -4.0], [3.0, 7.0, 1.9, 4.0]
    events = pair_events("PRK", "RUS", [hostile] * 8 + [friendly] * 8)
    (s,) = detect_shifts(events, MONTHS[:16])
    assert (s.status, s.direction, s.at) == ("supported", "closer", MONTHS[8])
    assert (s.events_before, s.events_after, s.months_before, s.months_after) == (32, 32, 8, 8)
    # net cooperation (C - K) / (C + K + 10): 8 x 1 against 8 x 11 before, 8 x 15.9 against 8 x 0 after
    assert round(s.before, 4) == round((8 - 88) / (96 + 10), 4)
    assert round(s.after, 4) == round(127.2 / (127.2 + 10), 4)
    assert s.before_interval[0] < s.before < s.before_interval[1] < s.after_interval[0] < s.after < 1
    # 16 months in two clean halves: the exact split is 1 of C(16, 8) / 2 orders as extreme (either way)
    assert s.p_value < 0.01 and s.confidence == round(1 - s.p_value, 4)


def test_too_few_events_or_months_is_insufficient_data_with_no_number():
    thin = pair_events("KOR", "PRK", [[-3.0]] * 2 + [[4.0]] * 2)  # 4 events in 4 months
    (s,) = detect_shifts(thin, MONTHS[:4])
    assert (s.status, s.direction, s.supported, s.confidence) == ("insufficient data", "unknown", False, None)
    assert np.isnan(s.before) and np.isnan(s.after) and s.events_before == 4
    # months without events are unknown: 12 events in only 2 months on each side is not enough
    lumpy = pair_events("KOR", "USA", [[2.0] * 12, [], [], [], [2.0] * 12, [-4.0] * 12, [], [-4.0] * 12])
    (s,) = detect_shifts(lumpy, MONTHS[:8])
    assert s.status == "insufficient data"


def test_steady_pairs_and_a_single_crisis_month_are_not_shifts():
    rng = np.random.default_rng(3)
    steady = pair_events("GBR", "USA", [list(rng.normal(2.0, 2.0, 10)) for _ in range(12)])
    crisis = pair_events("CHN", "JPN", [[2.5] * 20] * 6 + [[-3.0] * 60] + [[2.5] * 20] * 5)
    found = {(s.source, s.target): s for s in detect_shifts(steady + crisis, MONTHS[:12])}
    assert {k: s.status for k, s in found.items()} == {("GBR", "USA"): "not supported",
                                                        ("CHN", "JPN"): "not supported"}
    # shuffling single events instead calls the crisis month a lasting change
    events = detect_shifts(crisis, MONTHS[:12], test=ShiftTest(shuffle="events", statistic="events"))
    (apart, closer) = sorted(events, key=lambda s: s.at)
    assert (apart.status, apart.direction, closer.status, closer.direction) == ("supported", "apart",
                                                                                "supported", "closer")
    assert apart.at <= MONTHS[6] < closer.at  # a segment of min_months around the crisis month


def test_a_war_and_a_return_are_two_shifts_and_a_given_split_is_tested_alone():
    calm, war = [3.0, 4.0, 2.0], [-8.0, -6.0, -9.0]
    events = pair_events("SDN", "SSD", [calm] * 8 + [war] * 8 + [calm] * 8)
    found = detect_shifts(events, MONTHS, test=ShiftTest(segments=True))  # a segment: the war
    assert [(s.direction, s.at) for s in found] == [("apart", MONTHS[8]), ("closer", MONTHS[16])]
    assert [(s.events_before, s.events_after, s.months_before, s.months_after) for s in found] == [
        (24, 24, 8, 8), (24, 24, 8, 8)]  # each shift compares the months up to the next one
    # lasting changes only (the default): the war and the calm after it, against the calm before,
    # is no clear change; the months from the war on are, once the calm before is left out
    (lasting,) = detect_shifts(events, MONTHS)
    assert lasting.status == "not supported"
    (peace,) = detect_shifts(events[24:], MONTHS)
    assert (peace.status, peace.direction, peace.at) == ("supported", "closer", MONTHS[16])
    (only,) = detect_shifts(events, MONTHS, split=MONTHS[4])
    assert (only.at, only.events_before, only.status) == (MONTHS[4], 12, "not supported")


def test_options_are_checked():
    with pytest.raises(ParameterError) as e:
        ShiftTest(statistic="months", shuffle="events")
    assert e.value.param == "statistic"
    for bad in ({"level": 1.5}, {"min_months": 1}, {"permutations": 5}, {"shuffle": "days"}):
        with pytest.raises(ParameterError):
            ShiftTest(**bad)
    with pytest.raises(InputError):
        detect_shifts([], [])


def _bursty_pairs(n_pairs: int, seed: int) -> list[dict]:
    """Pairs with no change: each month's level drawn afresh around the pair's level, and each month
    reported by a random number of events (bursts), as news reports the same happening many times."""
    rng = np.random.default_rng(seed)
    events = []
    for k in range(n_pairs):
        level = rng.normal(1.0, 1.5)
        for i in range(12):
            month_level = level + rng.normal(0, 1.5)
            events += [{"period": MONTHS[i], "source": f"A{k:03d}", "target": "B", "score": float(x)}
                       for x in rng.normal(month_level, 1.0, int(rng.integers(1, 25)))]
    return events


def _shuffle_months(events: list[dict], seed: int) -> list[dict]:
    """The issue's placebo: each pair's months in a random order, each month's events together."""
    rng = np.random.default_rng(seed)
    moves = {pair: dict(zip(MONTHS[:12], rng.permutation(MONTHS[:12]), strict=True))
             for pair in sorted({(e["source"], e["target"]) for e in events})}
    return [{**e, "period": moves[(e["source"], e["target"])][e["period"]]} for e in events]


@pytest.mark.slow
def test_placebo_claims_at_most_five_percent_of_eligible_pairs():
    placebo = _shuffle_months(_bursty_pairs(200, seed=11), seed=12)
    test = ShiftTest(permutations=199)
    found = detect_shifts(placebo, MONTHS[:12], test=test)
    eligible = [s for s in found if s.status != "insufficient data"]
    claims = [s for s in eligible if s.supported]
    assert len(eligible) >= 190
    assert len(claims) / len(eligible) <= 0.05
    # the same data under the event-level test: bursts look like evidence, and it claims far more
    loose = detect_shifts(placebo, MONTHS[:12], test=ShiftTest(permutations=199, shuffle="events",
                                                               statistic="events"))
    assert sum(s.supported for s in loose) / len(eligible) > 0.2


def monthly_rows(events: list[dict]) -> list[dict]:
    """The events summed per pair and month, as the monthly undirected dyad table has them."""
    rows: dict[tuple, dict] = {}
    for e in events:
        r = rows.setdefault((e["period"], e["source"], e["target"]), {
            "period": e["period"], "source": e["source"], "target": e["target"], "events": 0,
            "score_pos": 0.0, "score_neg": 0.0, "score_pos_sq": 0.0, "score_neg_sq": 0.0})
        x = e["score"]
        r["events"] += 1
        r["score_pos" if x > 0 else "score_neg"] += abs(x)
        r["score_pos_sq" if x > 0 else "score_neg_sq"] += x * x
    return list(rows.values())


@pytest.mark.parametrize("test", [ShiftTest(), ShiftTest(statistic="events"), ShiftTest(segments=True)])
def test_rows_of_the_dyad_table_give_what_single_events_give(test):
    rng = np.random.default_rng(11)
    events = pair_events("PRK", "RUS", [list(rng.normal(-1.0, 3.0, 6)) for _ in range(7)]
                         + [list(rng.normal(2.5, 3.0, 6)) for _ in range(7)])
    events += pair_events("CHN", "USA", [list(rng.normal(0.5, 3.0, 5)) for _ in range(14)])
    by_events = detect_shifts(events, MONTHS[:14], test=test)
    by_rows = detect_shifts(monthly_rows(events), MONTHS[:14], test=test)
    assert [s.status for s in by_events] == ["supported", "not supported"]
    assert len(by_rows) == len(by_events) == 2
    for r, e in zip(by_rows, by_events, strict=True):
        assert (r.source, r.target, r.at, r.status, r.p_value, r.events_before, r.events_after, r.months_before) == (
            e.source, e.target, e.at, e.status, e.p_value, e.events_before, e.events_after, e.months_before)
        assert (r.before, r.after) == pytest.approx((e.before, e.after), abs=1e-12)
    with pytest.raises(InputError, match="one row per event"):
        detect_shifts(monthly_rows(events), MONTHS[:14], test=ShiftTest(shuffle="events", statistic="events"))


def test_two_lasting_changes_each_compare_the_months_up_to_the_next():
    rng = np.random.default_rng(5)
    levels = [-5.0] * 8 + [0.5] * 8 + [6.0] * 8
    events = pair_events("ARM", "TUR", [list(rng.normal(x, 1.0, 6)) for x in levels])
    found = detect_shifts(events, MONTHS)
    assert [(s.status, s.direction, s.at) for s in found] == [("supported", "closer", MONTHS[8]),
                                                               ("supported", "closer", MONTHS[16])]
    assert [(s.months_before, s.months_after, s.events_before, s.events_after) for s in found] == [
        (8, 8, 48, 48), (8, 8, 48, 48)]
    assert found[0].after == pytest.approx(found[1].before)  # the same middle months
    # a split inside a month tests from that month
    (mid,) = detect_shifts(events, MONTHS, split=date(2023, 9, 15))
    assert mid.at == MONTHS[8]


def general_p_value(monkeypatch, units, observed, segs, test, seed):
    """The p-value of the general loop (the fast path switched off) and the generator's state after."""
    with monkeypatch.context() as m:
        m.setattr(significance, "tail_p_value", lambda *a, **k: None)
        draws = significance._Draws(np.random.default_rng(seed), Workspace())
        p = units.p_value(observed, segs, test, draws)
    return p, draws.generator.bit_generator.state


@pytest.mark.parametrize("months", [6, 24, 96, 240, 300, 700])  # 32-bit sort keys up to 512 months, then 64
def test_the_fast_tail_test_draws_the_same_orders_and_gives_the_same_p_value(monkeypatch, months):
    """Pairs dense and sparse (a side can fall short of events near the ends), with and without a
    change, observed statistics from none to every order: the same p-value, bit for bit, and the
    generator left in the same state for the next pair."""
    rng = np.random.default_rng(months)
    test = ShiftTest()
    monkeypatch.setattr(significance, "_FAST_UNITS", 1)  # the fast path however few months
    for trial in range(12):
        have = np.arange(months)
        count = rng.integers(1, 3 if trial % 2 else 9, months).astype(float)
        step = (have >= months // 2) * rng.choice([0.0, 0.5, 2.0])
        total = (rng.normal(0, 1, months) + step) * count
        rows = np.vstack([count, np.maximum(total, 0), np.maximum(-total, 0), total**2, np.zeros(months)])
        units = significance._Units.of(have, rows, have, test)
        segs = significance._segments(months, test, None if trial % 3 else months // 3)
        if not len(segs):
            continue
        z = np.abs(units.z(np.arange(units.size)[None, :], segs)[0])
        for observed in [*map(float, z[~np.isnan(z)].max(initial=0.0, keepdims=True)), 0.0, 1.5, 50.0]:
            want = general_p_value(monkeypatch, units, observed, segs, test, trial)
            draws = significance._Draws(np.random.default_rng(trial), Workspace())
            got = units.p_value(observed, segs, test, draws)
            assert (got, draws.generator.bit_generator.state) == want


def test_columns_give_the_rows_results():
    rng = np.random.default_rng(2)
    rows = [{"period": m, "source": a, "target": b, "events": int(n), "score_pos": float(n * rng.gamma(2.0)),
             "score_neg": float(n * rng.gamma(1.0 + (i > 12) * (a == "PRK"))), "score_pos_sq": float(n * 9.0),
             "score_neg_sq": float(n * 4.0)}
            for a, b in (("PRK", "RUS"), ("CHN", "USA"), ("KOR", "PRK")) for i, m in enumerate(MONTHS)
            for n in [rng.poisson(6)] if n]
    columns = {k: np.array([r[k] for r in rows], dtype="datetime64[D]" if k == "period" else None) for k in rows[0]}
    want = detect_shifts(rows, MONTHS)
    assert len(want) >= 3 and [s.to_dict() for s in detect_shifts(columns, MONTHS)] == [s.to_dict() for s in want]
