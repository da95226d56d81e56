"""Net cooperation: exact values on hand-made sums."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from blocwatch.analysis.cooperation import add_net, net_cooperation, net_interval, series, totals
from blocwatch.errors import InputError
from blocwatch.periods import period_range


def test_net_cooperation_values_and_bounds():
    assert net_cooperation(30.0, 10.0, alpha=0.0) == 0.5
    assert net_cooperation(30.0, 10.0, alpha=10.0) == pytest.approx(20 / 50)
    assert net_cooperation(0.0, 0.0) == 0.0
    assert net_cooperation(0.0, 0.0, alpha=0.0) == 0.0
    assert -1 < net_cooperation(0.0, 1e9) < -0.999
    # more evidence of the same mix moves the score away from 0
    assert abs(net_cooperation(2.0, 0.0)) < abs(net_cooperation(20.0, 0.0)) < abs(net_cooperation(200.0, 0.0))
    with pytest.raises(InputError):
        net_cooperation(-1.0, 0.0)


def test_add_net_replaces_and_checks():
    t = pa.table({"score_pos": [0.0, 5.0], "score_neg": [0.0, 5.0], "net": [9.0, 9.0]})
    assert add_net(t, alpha=0.0)["net"].to_pylist() == [0.0, 0.0]
    with pytest.raises(InputError, match="score_neg"):
        add_net(pa.table({"score_pos": [1.0]}))
    with pytest.raises(InputError, match="alpha"):
        add_net(t, alpha=-1)


def test_series():
    rows = [{"period": date(2024, 1, 1), "source": "A", "target": "B", "net": 0.5},
            {"period": date(2030, 1, 1), "source": "A", "target": "B", "net": 0.9}]  # outside: ignored
    got = series(rows, period_range(date(2023, 12, 1), date(2024, 2, 1)))
    assert got[("A", "B")].tolist() == [0.0, 0.5, 0.0]


def test_totals_sum_both_directions_and_recompute_net():
    rows = [{"source": "B", "target": "A", "events": 2, "score_pos": 10.0, "score_neg": 0.0},
            {"source": "A", "target": "B", "events": 1, "score_pos": 0.0, "score_neg": 10.0},
            {"source": "A", "target": "C", "events": 4, "score_pos": 30.0, "score_neg": 0.0}]
    got = totals(rows, alpha=10.0)
    assert got[("A", "B")] == {"source": "A", "target": "B", "events": 3, "score_pos": 10.0, "score_neg": 10.0,
                               "net": 0.0}
    assert got[("A", "C")]["net"] == 0.75


def test_net_interval_by_the_delta_method():
    # C = 30 (variance 60), K = 0: net = 30 / 40, d net / dC = 10 / 40^2, sd = sqrt(60) x 10 / 1600
    low, high = net_interval(30.0, 0.0, 60.0, 0.0)
    sd = 60**0.5 * 10 / 1600
    assert (round(low, 6), round(high, 6)) == (round(0.75 - 1.96 * sd, 6), round(0.75 + 1.96 * sd, 6))
    assert net_interval(0.0, 50.0, 0.0, 5000.0)[0] == -1.0  # clipped to [-1, 1]
    # C = 30 (variance 60), K = 40 (variance 400): net = -10 / 80; dC = (2 x 40 + 10) / 80^2, dK = -(2 x 30 + 10) / 80^2
    sd = ((90 / 6400) ** 2 * 60 + (70 / 6400) ** 2 * 400) ** 0.5
    table = add_net(pa.table({"score_pos": [30.0, 0.0], "score_neg": [40.0, 0.0], "score_pos_sq": [60.0, 0.0],
                              "score_neg_sq": [400.0, 0.0]}))
    assert table["net"].to_pylist() == [-0.125, 0.0]
    assert table["net_low"].to_pylist() == pytest.approx([-0.125 - 1.96 * sd, 0.0])
    assert table["net_high"].to_pylist() == pytest.approx([-0.125 + 1.96 * sd, 0.0])
    assert "net_low" not in add_net(pa.table({"score_pos": [1.0], "score_neg": [0.0]})).column_names
