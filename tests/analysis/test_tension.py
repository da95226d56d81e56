"""The tension index on hand-made months."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis.tension import tension_index
from blocwatch.errors import InputError

MONTHS = [date(2024, m, 1) for m in range(1, 6)]


def row(month, pos, neg, events=5, material=0):
    return {"period": date(2024, month, 1), "events": events, "score_pos": pos, "score_neg": neg,
            "material_conflict": material}


def test_tension_sums_the_group_and_tracks_escalation():
    rows = [row(1, 40.0, 0.0), row(1, 10.0, 0.0), row(2, 25.0, 15.0, material=2), row(4, 0.0, 90.0, material=9),
            {"period": date(2030, 1, 1), "events": 1, "score_pos": 0.0, "score_neg": 5.0}]
    got = tension_index(rows, MONTHS, alpha=10.0, baseline=2)
    assert [r["events"] for r in got] == [10, 5, 0, 5, 0]
    assert [round(r["tension"], 3) for r in got] == [0.0, 0.3, 0.0, 0.9, 0.0]
    assert got[0]["escalation"] is None
    assert got[1]["escalation"] == pytest.approx(0.3)
    assert got[3]["escalation"] == pytest.approx(0.9 - 0.15)
    assert got[3]["material_conflict"] == 9


def test_tension_validates():
    with pytest.raises(InputError):
        tension_index([], MONTHS, alpha=-1)
    assert [r["tension"] for r in tension_index([], MONTHS)] == [0.0] * 5
