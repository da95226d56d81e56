"""The compiled inner loops: numpy's summation reproduced bit for bit (the searches compare sums
with a tolerance of 1e-12 of the largest weight, so a different rounding could change a choice)."""

from __future__ import annotations

import numpy as np
import pytest

from blocwatch.analysis.kernels import pairwise_sum


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 255, 256, 257, 1000, 4097])
def test_pairwise_sum_is_numpys_sum_to_the_last_bit(n):
    rng = np.random.default_rng(n)
    for _ in range(20):
        a = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 6, n)  # magnitudes apart: rounding shows
        assert pairwise_sum(a, 0, n) == float(a.sum())
        if n > 3:
            assert pairwise_sum(a, 3, n - 3) == float(a[3:].sum())


def test_summing_in_another_order_would_differ():
    """The test above can fail: plain left-to-right addition differs from numpy's on such data."""
    rng = np.random.default_rng(0)
    differ = 0
    for _ in range(20):
        a = rng.standard_normal(1000) * 10.0 ** rng.integers(-3, 6, 1000)
        total = 0.0
        for x in a.tolist():
            total += x
        differ += total != pairwise_sum(a, 0, 1000)
    assert differ > 0
