"""Monthly rows of pairs as arrays: per pair (what the shift test reads) or as a pairs x months
matrix (what the change-point search reads).

Rows come either as an iterable of dicts (``period``, ``source``, ``target`` and values) or as
columns: a mapping of column name to a sequence or array of equal length (a dyad table's columns
as numpy arrays, ``{"period": ..., "source": ...}``), which skips one Python dict per row. Both
give the same arrays, value for value: sums are added in row order, as
:func:`blocwatch.analysis.cooperation.series` adds them.

Examples
--------
>>> from datetime import date
>>> months = [date(2024, 1, 1), date(2024, 2, 1)]
>>> cols = {"period": [date(2024, 2, 1), date(2024, 1, 1)], "source": ["A", "A"], "target": ["B", "B"],
...         "events": [2, 3], "score_pos": [4.0, 1.0], "score_neg": [0.0, 6.0]}
>>> pairs, m = pair_matrix(cols, months, ("events", "score_pos"))
>>> pairs, m.tolist()
([('A', 'B')], [[[3.0, 2.0]], [[1.0, 4.0]]])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np

from blocwatch.errors import InputError

__all__ = ["SUMS", "Rows", "pair_matrix", "pair_rows"]

#: Rows: dicts, or columns (name -> values).
Rows = Iterable[dict[str, Any]] | Mapping[str, Sequence[Any]]

#: The sums of a pair's month that the shift test reads, in order.
SUMS = ("events", "score_pos", "score_neg", "score_pos_sq", "score_neg_sq")


def pair_matrix(rows: Rows, periods: Sequence[date], keys: Sequence[str]) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The pairs (sorted) and their values by period: an array ``(len(keys), pairs, periods)``,
    0 where a pair has no row, rows of the same pair and period added (rows outside ``periods``
    are left out). ``periods`` are in order.

    Examples
    --------
    >>> from datetime import date
    >>> rows = [{"period": date(2024, 1, 1), "source": "B", "target": "C", "events": 2},
    ...         {"period": date(2024, 1, 1), "source": "A", "target": "B", "events": 1},
    ...         {"period": date(2024, 1, 1), "source": "A", "target": "B", "events": 4}]
    >>> pair_matrix(rows, [date(2023, 12, 1), date(2024, 1, 1)], ("events",))
    ([('A', 'B'), ('B', 'C')], array([[[0., 5.],
            [0., 2.]]]))
    """
    if isinstance(rows, Mapping):
        month, pair, pairs, inside = _columns(rows, periods)
        out = np.zeros((len(keys), len(pairs), len(periods)))
        for k, key in enumerate(keys):
            values = np.asarray(rows[key], dtype=float)[inside]
            np.add.at(out[k], (pair[inside], month[inside]), values)  # in row order, as series adds
        return pairs, out
    index = {p: i for i, p in enumerate(periods)}
    sums: dict[tuple[str, str], np.ndarray] = {}
    for r in rows:
        i = index.get(r["period"])
        if i is None:
            continue
        arr = sums.setdefault((r["source"], r["target"]), np.zeros((len(keys), len(periods))))
        arr[:, i] += [r[k] for k in keys]
    order = sorted(sums)
    out = np.stack([sums[p] for p in order], axis=1) if order else np.zeros((len(keys), 0, len(periods)))
    return order, out


def pair_rows(rows: Rows, periods: Sequence[date], *, events_only: bool = False,
              ) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """Per pair, the period index of each of its rows and their :data:`SUMS` (an array
    ``(5, rows)``), rows in order of period, then of their values.

    Rows are those of the monthly dyad table, or single events with a ``score`` (one event each:
    its positive and negative parts and their squares); with ``events_only`` every row must be a
    single event.

    Examples
    --------
    >>> from datetime import date
    >>> events = [{"period": date(2024, 2, 1), "source": "A", "target": "B", "score": -2.0},
    ...           {"period": date(2024, 1, 1), "source": "A", "target": "B", "score": 3.0}]
    >>> months, sums = pair_rows(events, [date(2024, 1, 1), date(2024, 2, 1)])[("A", "B")]
    >>> months.tolist(), sums.tolist()
    ([0, 1], [[1.0, 1.0], [3.0, 0.0], [0.0, 2.0], [9.0, 0.0], [0.0, 4.0]])
    """
    if isinstance(rows, Mapping) and "score" not in rows:
        return _pair_rows_of_columns(rows, periods, events_only)
    if isinstance(rows, Mapping):  # single events as columns: as dicts
        names = list(rows)
        rows = [dict(zip(names, values, strict=True)) for values in zip(*(rows[n] for n in names), strict=True)]
    index = {p: i for i, p in enumerate(periods)}
    by_pair: dict[tuple[str, str], list[tuple[int, float, float, float, float, float]]] = {}
    for r in rows:
        i = index.get(r["period"])
        if i is None:
            continue
        if "score" in r:
            x = r["score"]
            if x is None:
                continue
            x = float(x)
            item = (i, 1.0, max(x, 0.0), max(-x, 0.0), x * x if x > 0 else 0.0, x * x if x < 0 else 0.0)
        else:
            if events_only and r["events"] != 1:
                raise InputError("shuffle='events' needs one row per event (event_scores_sql), not a dyad table")
            item = (i, float(r["events"]), float(r["score_pos"]), float(r["score_neg"]),
                    float(r["score_pos_sq"]), float(r["score_neg_sq"]))
        by_pair.setdefault((r["source"], r["target"]), []).append(item)
    out = {}
    for key in sorted(by_pair):
        cols = np.array(sorted(by_pair[key]), dtype=float).T
        out[key] = (cols[0].astype(int), cols[1:])
    return out


def _pair_rows_of_columns(columns: Mapping[str, Sequence[Any]], periods: Sequence[date], events_only: bool,
                          ) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    month, pair, pairs, inside = _columns(columns, periods)
    values = [np.asarray(columns[k], dtype=float)[inside] for k in SUMS]
    if events_only and np.any(values[0] != 1):
        raise InputError("shuffle='events' needs one row per event (event_scores_sql), not a dyad table")
    rank, month = pair[inside], month[inside]
    order = np.lexsort((*values[::-1], month, rank))  # pair, then period, then the sums: as tuples sort
    rank, month, values = rank[order], month[order], [v[order] for v in values]
    starts = np.flatnonzero(np.r_[True, rank[1:] != rank[:-1]]).tolist() + [len(rank)]
    out = {}
    for key, lo, hi in zip(pairs, starts, starts[1:], strict=False):
        cols = np.empty((hi - lo, 1 + len(SUMS)))  # the row path's layout: one row per month, transposed
        cols[:, 0] = month[lo:hi]
        for k, v in enumerate(values, start=1):
            cols[:, k] = v[lo:hi]
        out[key] = (cols.T[0].astype(int), cols.T[1:])
    return out


def _columns(columns: Mapping[str, Sequence[Any]], periods: Sequence[date],
             ) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]], np.ndarray]:
    """Each row's period index, its pair's index among the pairs (sorted) with rows in ``periods``
    (-1 for a row outside them), those pairs, and whether each row's period is one of ``periods``."""
    months = np.array(periods, dtype="datetime64[D]")
    period = np.asarray(columns["period"]).astype("datetime64[D]")
    month = np.searchsorted(months, period)
    inside = month < len(months)
    inside[inside] = months[month[inside]] == period[inside]
    source, target = list(columns["source"]), list(columns["target"])
    names = sorted(set(source) | set(target))  # a pair's key orders pairs as their tuples sort
    index = {name: i for i, name in enumerate(names)}
    key = np.fromiter(map(index.__getitem__, source), dtype=np.int64, count=len(source)) * len(names) \
        + np.fromiter(map(index.__getitem__, target), dtype=np.int64, count=len(target))
    keys, inverse = np.unique(key[inside], return_inverse=True)
    pair = np.full(len(key), -1, dtype=np.int64)
    pair[inside] = inverse
    return month, pair, [(names[k // len(names)], names[k % len(names)]) for k in keys.tolist()], inside
