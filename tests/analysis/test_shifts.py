"""Change points, shifts and their drivers on hand-made series."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from blocwatch.analysis.shifts import best_split, change_points, drivers, find_shifts, smoothed
from blocwatch.errors import InputError

MONTHS = [date(2023 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 25)]


def monthly(source, target, values):
    """Rows for find_shifts: per month (events, cooperation, conflict)."""
    return [{"period": p, "source": source, "target": target, "events": n, "score_pos": c, "score_neg": k}
            for p, (n, c, k) in zip(MONTHS, values, strict=False) if n]


def test_change_points_find_steps_and_ignore_noise():
    assert change_points([0.0] * 8 + [0.8] * 8) == [8]
    assert change_points([0.5] * 6 + [-0.5] * 6 + [0.5] * 6) == [6, 12]
    rng = np.random.default_rng(0)
    assert change_points(rng.normal(0, 0.1, 40)) == []
    assert change_points([1.0, 2.0]) == []  # too short for two segments


def test_best_split_and_smoothing():
    assert best_split(np.array([0.0] * 5 + [1.0] * 5))[0] == 5
    assert best_split(np.array([1.0, 2.0, 3.0])) is None
    assert smoothed(np.array([10.0, 0.0, 0.0, 0.0]), np.zeros(4), smooth=2, alpha=10.0).tolist() == [2 / 3, 0.5, 0.0,
                                                                                                     0.0]
    with pytest.raises(InputError):
        smoothed(np.zeros(3), np.zeros(3), smooth=0)


def test_find_shifts_ranks_a_warming_and_a_cooling():
    warm = monthly("PRK", "RUS", [(0, 0, 0)] * 12 + [(8, 40.0, 2.0)] * 12)
    cool = monthly("RUS", "UKR", [(10, 30.0, 5.0)] * 10 + [(30, 10.0, 200.0)] * 14)
    flat = monthly("CHN", "RUS", [(5, 20.0, 1.0)] * 24)
    thin = monthly("JPN", "PRK", [(0, 0, 0)] * 20 + [(1, 0.0, 8.0)] * 2)
    found = {(s.source, s.target): s for s in find_shifts(warm + cool + flat + thin, MONTHS)}
    assert set(found) == {("PRK", "RUS"), ("RUS", "UKR")}  # flat has no shift, thin has 2 events < 5
    w, c = found[("PRK", "RUS")], found[("RUS", "UKR")]
    assert (w.direction, w.at, w.events_before, w.events_after) == ("closer", date(2024, 1, 1), 0, 96)
    assert w.before == 0.0 and w.after > 0.6
    assert (c.direction, c.at) == ("apart", date(2023, 11, 1))
    assert c.before > 0.4 and c.after < -0.7
    assert list(find_shifts(warm + cool, MONTHS))[0].source == "RUS"  # the larger move first


def test_fixed_split():
    warm = monthly("PRK", "RUS", [(0, 0, 0)] * 12 + [(8, 40.0, 2.0)] * 12)
    s = find_shifts(warm, MONTHS, split=date(2023, 7, 1))[0]
    assert s.at == date(2023, 7, 1) and s.events_before == 0 and s.events_after == 96
    with pytest.raises(InputError, match="inside the range"):
        find_shifts(warm, MONTHS, split=date(2022, 1, 1))


def test_drivers_group_by_root_and_prefer_sentences():
    evs = [{"cameo": "042", "score": 1.9, "date": "2024-06-19", "evidence_text": ""},
           {"cameo": "042", "score": 1.9, "date": "2024-06-20", "evidence_text": "Putin arrived in Pyongyang."},
           {"cameo": "057", "score": 8.0, "date": "2024-06-19", "evidence_text": "They signed a treaty."},
           {"cameo": "051", "score": 3.4, "date": "2024-06-19", "evidence_text": "Kim praised Putin."},
           {"cameo": "190", "score": -10.0, "date": "2024-06-21", "evidence_text": "Shelling."},
           {"cameo": "010", "score": 0.0, "date": "2024-06-21", "evidence_text": "A statement."}]
    got = drivers(evs, 1, names={"05": "ENGAGE IN DIPLOMATIC COOPERATION"})
    assert [(d.root, d.events, d.contribution, d.codes, d.name) for d in got] == [
        ("05", 2, 11.4, {"057": 1, "051": 1}, "ENGAGE IN DIPLOMATIC COOPERATION"), ("04", 2, 3.8, {"042": 2}, "")]
    assert [e["evidence_text"] for e in got[0].examples] == ["They signed a treaty.", "Kim praised Putin."]
    assert got[1].examples[0]["evidence_text"] == "Putin arrived in Pyongyang."
    assert [d.root for d in drivers(evs, -1)] == ["19"]
    assert len(drivers(evs, 1, limit=1)) == 1 and len(drivers(evs, 1, examples=1)[0].examples) == 1
    with pytest.raises(InputError):
        drivers(evs, 0)


def test_falling_silent_is_not_a_move():
    """Friendly months, a big cooperative one, then one hostile month and silence: the smoothing
    window keeps the cooperative month in the hostile month's level and the hostile month in
    the silent months' levels, so the best split falls after the last event. Silence is no
    change of relations; the same months with the hostility going on are a move apart."""
    tail = [(5, 200.0, 0.0), (0, 0, 0), (3, 0.0, 40.0)]
    assert find_shifts(monthly("KOR", "UKR", [(2, 10.0, 0.0)] * 19 + tail + [(0, 0, 0)] * 2), MONTHS) == []
    loud = find_shifts(monthly("KOR", "UKR", [(2, 10.0, 0.0)] * 19 + tail + [(3, 0.0, 40.0)] * 2), MONTHS)
    assert [(s.direction, s.events_after) for s in loud] == [("apart", 6)]
