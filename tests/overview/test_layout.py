"""Bloc layout: every state placed, blocs apart, the same drawing every time."""

from __future__ import annotations

import math

import pytest

from blocwatch.overview.layout import bloc_layout


def _dist(p, q):
    return math.hypot(p[0] - q[0], p[1] - q[1])


@pytest.mark.parametrize("sizes", [[1], [3], [5, 2], [4, 4, 4], [8, 1, 3, 2, 6]])
def test_blocs_do_not_overlap(sizes):
    blocs = [[f"S{i}{j}" for j in range(n)] for i, n in enumerate(sizes)]
    pos = bloc_layout(blocs, unattached=["ZZA", "ZZB"])
    assert len(pos) == sum(sizes) + 2
    centres = [(sum(pos[s][0] for s in b) / len(b), sum(pos[s][1] for s in b) / len(b)) for b in blocs]
    for i, b in enumerate(blocs):
        own = max(_dist(pos[s], centres[i]) for s in b)
        for j in range(len(blocs)):
            if j != i:  # every state is nearer its own bloc's centre than any other bloc's
                assert all(_dist(pos[s], centres[i]) < _dist(pos[s], centres[j]) for s in b)
        assert own <= 0.12 + 0.11 * math.sqrt(len(b)) + 1e-5  # positions are rounded to 1e-6
    lowest = min(y for s, (x, y) in pos.items() if not s.startswith("ZZ"))
    assert pos["ZZA"][1] == pos["ZZB"][1] == pytest.approx(lowest - 1.0, abs=1e-6)


def test_exact_positions_and_determinism():
    pos = bloc_layout([("USA", "KOR"), ("RUS",)])
    # two blocs: the first centred left, the second right, both on the x axis
    assert pos["RUS"][1] == 0.0
    assert pos["RUS"][0] == pytest.approx((0.12 + 0.11 * math.sqrt(2) + 0.35) / 2, abs=1e-6)
    assert pos["KOR"] == (pytest.approx(-pos["RUS"][0]), pytest.approx(0.12 + 0.11 * math.sqrt(2), abs=1e-6))
    assert bloc_layout([("USA", "KOR"), ("RUS",)]) == pos
    assert bloc_layout([]) == {}
