"""Change points of many series at once: the rows of a matrix, each a series of the same months.

Two searches, both vectorised over the rows (numpy, no Python loop over months per row):

- :func:`best_splits`: each row's single split maximising the CUSUM statistic
  ``|mean(after) - mean(before)| * sqrt(c * (n - c) / n)`` (the first step of binary
  segmentation), from cumulative sums: linear in months.
- :func:`optimal_partitions`: each row's optimal partition under a squared-error cost with a
  penalty ``beta`` per change (Jackson et al. 2005), found by PELT (Killick, Fearnhead and Eckley
  2012): the optimal-partition recursion ``F(t) = min_s F(s) + C(s, t) + beta`` over the start
  ``s`` of the last segment, where a start that can no longer win is dropped for good. A start
  ``s`` is dropped once ``F(s) + C(s, t) > F(t) + margin`` for some ``t``: as the cost of a
  segment is at least the costs of its two parts, ``s`` then loses to ``t`` at every later end, by
  more than ``margin``. The recursion is the full one's, start for start, in the same floating-point
  operations, with the same rule between equal costs (the earliest start within ``1e-12`` of the
  best that beats the previous best by ``1e-12``); ``margin`` covers the rounding of the
  costs, so that a dropped start could not have been chosen. The result is therefore the full
  O(n^2) recursion's, change for change. Where more than one start is within the tolerance of
  the best at some end (exact ties), that end is resolved over every start, as the full
  recursion does. PELT costs O(n) per row when changes keep coming (each change lets the
  starts before it go); a row without any change keeps every start, O(n^2) in the worst case,
  still vectorised over the rows.

The penalty is ``penalty * sigma**2 * log(n)`` per row, ``sigma`` the median absolute deviation of
the row's first differences (a robust estimate of month-to-month noise), never below 0.1.

Examples
--------
>>> y = np.array([[0, 0, 0, 0, 0.6, 0.7, 0.5, 0.6], [1, 1, 1, -1, -1, -1, 1, 1]])
>>> optimal_partitions(y)
[[4], [3, 6]]
>>> cuts, stats = best_splits(y)
>>> cuts.tolist(), stats.round(3).tolist()
([4, 3], [0.849, 1.643])
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["MIN_SIGMA", "best_splits", "change_penalty", "exhaustive_partition", "exhaustive_split",
           "optimal_partitions"]

#: The smallest noise scale ``sigma`` of the change penalty.
MIN_SIGMA = 0.1

#: How much better a later candidate must be to replace the best so far (the recursion's rule).
_TOLERANCE = 1e-12
_EPS = float(np.finfo(float).eps)


def change_penalty(values: np.ndarray, penalty: float = 2.0) -> np.ndarray:
    """Per row, the cost of one more change: ``penalty * sigma**2 * log(n)`` (module docstring).

    Examples
    --------
    >>> change_penalty(np.array([[0.0, 1.0, 0.0, 1.0], [0.0, 0.5, 1.5, 1.5]])).round(4).tolist()
    [0.0277, 0.7618]
    """
    y = np.asarray(values, dtype=float)
    n = y.shape[1]
    diffs = np.diff(y, axis=1)
    mad = np.median(np.abs(diffs - np.median(diffs, axis=1, keepdims=True)), axis=1)
    out = []
    for m in mad.tolist():  # Python floats, as the scalar recursion computes them
        sigma = max(m * 1.4826 / math.sqrt(2), MIN_SIGMA)
        out.append(penalty * sigma**2 * math.log(n))
    return np.array(out, dtype=float)


def best_splits(values: np.ndarray, min_size: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the split ``c`` (first index after it) maximising the CUSUM statistic, and the statistic.

    Among splits whose statistics differ by less than ``1e-12`` the earliest wins (each later one
    must beat the best so far by more). Rows shorter than ``2 * min_size`` have no split: ``c`` is
    -1 and the statistic NaN.

    Parameters
    ----------
    values : array (rows, n)
    min_size : int
        Fewest points on each side.

    Examples
    --------
    >>> cuts, stats = best_splits(np.array([[0, 0, 0, 1, 1.0], [1, 1, 0, 0, 0.0]]))
    >>> cuts.tolist(), stats.tolist()
    ([3, 2], [1.0954451150103321, 1.0954451150103321])
    """
    y = np.asarray(values, dtype=float)
    rows, n = y.shape
    cuts, stats = np.full(rows, -1, dtype=np.int64), np.full(rows, np.nan)
    if n < 2 * min_size or not rows:
        return cuts, stats
    csum = np.cumsum(y, axis=1)
    total = csum[:, -1:]
    c = np.arange(min_size, n - min_size + 1)
    head = csum[:, c - 1]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        s = np.abs((total - head) / (n - c) - head / c) * np.sqrt(c * (n - c) / n)
    top = np.max(s, axis=1, keepdims=True)
    near = s >= top - (2 * _TOLERANCE + 4 * _EPS * np.abs(top))
    clear = (near.sum(axis=1) == 1) & np.isfinite(s).all(axis=1)
    pick = np.argmax(s, axis=1)
    cuts[clear], stats[clear] = c[pick[clear]], s[clear, pick[clear]]
    for r in np.flatnonzero(~clear).tolist():  # near ties (or NaN): the scalar rule, split by split
        best: tuple[int, float] | None = None
        for k, stat in zip(c.tolist(), s[r].tolist(), strict=True):
            if best is None or stat > best[1] + _TOLERANCE:
                best = (k, stat)
        assert best is not None
        cuts[r], stats[r] = best
    return cuts, stats


def exhaustive_split(y: np.ndarray, min_size: int = 2) -> tuple[int, float] | None:
    """The CUSUM split of one series, every candidate in turn: what :func:`best_splits` finds for
    many series at once, kept as its reference (tests and ``benchmarks/bench_shifts.py`` compare
    the two). ``None`` when the series is shorter than ``2 * min_size``.

    Examples
    --------
    >>> exhaustive_split(np.array([0, 0, 0, 1, 1.0]))
    (3, 1.0954451150103321)
    """
    n = len(y)
    if n < 2 * min_size:
        return None
    csum = np.cumsum(y)
    best = None
    for c in range(min_size, n - min_size + 1):
        mb, ma = csum[c - 1] / c, (csum[-1] - csum[c - 1]) / (n - c)
        stat = abs(ma - mb) * math.sqrt(c * (n - c) / n)
        if best is None or stat > best[1] + _TOLERANCE:
            best = (c, float(stat))
    return best


def optimal_partitions(values: np.ndarray, *, penalty: float = 2.0, min_size: int = 2) -> list[list[int]]:
    """Per row, the indices where a new segment starts in its optimal partition (module docstring).

    Parameters
    ----------
    values : array (rows, n)
    penalty : float
        Multiplier of ``sigma**2 * log(n)``: higher finds fewer changes.
    min_size : int
        Shortest segment, in points.

    Examples
    --------
    >>> optimal_partitions(np.array([[0.5] * 6 + [-0.5] * 6 + [0.5] * 6, [0.1, -0.1] * 9]))
    [[6, 12], []]
    """
    y = np.asarray(values, dtype=float)
    rows, n = y.shape
    if n < 2 * min_size or not rows:
        return [[] for _ in range(rows)]
    beta = change_penalty(y, penalty)
    out: list[list[int] | None] = [None] * rows
    finite = np.isfinite(y).all(axis=1) & np.isfinite(beta)
    for r in np.flatnonzero(~finite).tolist():  # NaN or infinite values: the scalar recursion as it was
        out[r] = exhaustive_partition(y[r], float(beta[r]), min_size)
    keep = np.flatnonzero(finite)
    if len(keep):
        last = _pelt(y[keep], beta[keep], min_size)
        for r, back in zip(keep.tolist(), last, strict=True):
            out[r] = _backtrack(back)
    return out  # type: ignore[return-value]


def _backtrack(last: np.ndarray) -> list[int]:
    cps, t = [], len(last) - 1
    while t > 0:
        t = int(last[t])
        if t:
            cps.append(t)
    return sorted(cps)


def exhaustive_partition(y: np.ndarray, beta: float, min_size: int = 2) -> list[int]:
    """The change points of one series by the full O(n^2) optimal-partition recursion, point by
    point: what :func:`optimal_partitions` finds for many series at once, kept as its reference
    (tests and ``benchmarks/bench_shifts.py`` compare the two) and for series with NaN or infinite
    values.

    Parameters
    ----------
    y : array (n,)
    beta : float
        Penalty of each change (:func:`change_penalty`).
    min_size : int
        Shortest segment, in points.

    Examples
    --------
    >>> exhaustive_partition(np.array([0.5] * 6 + [-0.5] * 6), beta=0.1)
    [6]
    """
    n = len(y)
    csum = np.concatenate([[0.0], np.cumsum(y)])
    csq = np.concatenate([[0.0], np.cumsum(y * y)])
    best = np.full(n + 1, np.inf)
    best[0] = -beta
    last = np.zeros(n + 1, dtype=int)
    for t in range(min_size, n + 1):
        for s in range(0, t - min_size + 1):
            if s and s < min_size or not np.isfinite(best[s]):
                continue
            total = csum[t] - csum[s]
            c = best[s] + float(csq[t] - csq[s] - total * total / (t - s)) + beta
            if c < best[t] - _TOLERANCE:
                best[t], last[t] = c, s
    return _backtrack(last)


def _pelt(y: np.ndarray, beta: np.ndarray, min_size: int) -> np.ndarray:
    """``last[r, t]``: the start of the last segment of the best partition of ``y[r, :t]``.

    The live starts of all rows are kept in flat arrays grouped by row (``rows``, ``starts``),
    each with the end ``dies`` from which it is dropped (``t + min_size`` once ``t`` beats it).
    """
    count, n = y.shape
    csum = np.concatenate([np.zeros((count, 1)), np.cumsum(y, axis=1)], axis=1)
    csq = np.concatenate([np.zeros((count, 1)), np.cumsum(y * y, axis=1)], axis=1)
    best = np.full((count, n + 1), np.inf)
    best[:, 0] = -beta
    last = np.zeros((count, n + 1), dtype=np.int64)
    # rounding of a cost, bounded from the sums of |y| and y^2 (see the module docstring)
    size = csq[:, -1] + np.abs(y).sum(axis=1) ** 2 + 2 * beta + 1.0
    margin = 4 * _TOLERANCE + 64 * (n + 1) * _EPS * size
    every = np.arange(count)
    rows, starts = every.copy(), np.zeros(count, dtype=np.int64)
    dies = np.full(count, n + 1 + min_size, dtype=np.int64)
    for t in range(min_size, n + 1):
        new = t - min_size
        if new >= min_size:  # the start just reachable joins each row's group, at its end
            at = np.searchsorted(rows, every, side="right")
            rows, starts = np.insert(rows, at, every), np.insert(starts, at, new)
            dies = np.insert(dies, at, n + 1 + min_size)
        alive = dies > t
        if not alive.all():
            rows, starts, dies = rows[alive], starts[alive], dies[alive]
        total = csum[rows, t] - csum[rows, starts]
        fc = best[rows, starts] + (csq[rows, t] - csq[rows, starts] - total * total / (t - starts))
        c = fc + beta[rows]
        first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        low = np.minimum.reduceat(c, first)
        low_each = np.repeat(low, np.diff(np.r_[first, len(rows)]))
        near = c <= low_each + (2 * _TOLERANCE + 4 * _EPS * np.abs(low_each))
        ties = np.add.reduceat(near.astype(np.int64), first) > 1
        at_low = np.flatnonzero(c == low_each)
        pick = at_low[np.r_[True, rows[at_low][1:] != rows[at_low][:-1]]]  # first lowest per row
        best[:, t], last[:, t] = c[pick], starts[pick]
        for r in np.flatnonzero(ties).tolist():  # exact ties: the full rule over every start
            best[r, t], last[r, t] = _full_step(csum[r], csq[r], best[r], float(beta[r]), t, min_size)
        beaten = fc > best[rows, t] + margin[rows]
        dies = np.where(beaten, np.minimum(dies, t + min_size), dies)
    return last


def _full_step(csum: np.ndarray, csq: np.ndarray, best: np.ndarray, beta: float, t: int,
               min_size: int) -> tuple[float, int]:
    """``best[t]`` and its start by the full recursion's rule over every start of one row."""
    value, start = np.inf, 0
    for s in [0, *range(min_size, t - min_size + 1)]:
        if not np.isfinite(best[s]):
            continue
        total = csum[t] - csum[s]
        c = best[s] + float(csq[t] - csq[s] - total * total / (t - s)) + beta
        if c < value - _TOLERANCE:
            value, start = c, s
    return value, start
