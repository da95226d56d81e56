"""Cooperation and conflict between states: a dyad table in, one comparable score per dyad and window out.

The score of a dyad in a window is

    net = (C - K) / (C + K + alpha)

where ``C`` is the (weighted) sum of the positive event scores (cooperation), ``K`` the sum of
the absolute negative ones (conflict) and ``alpha`` a smoothing constant in the same units.
``net`` lies in (-1, 1): +1 is pure cooperation, -1 pure conflict. The smoothing pulls thin
evidence towards 0 (neutral): with the default ``alpha = 10`` (one event of the strongest kind
on the Goldstein scale), a single visit (+1.9) scores 0.16, while 20 visits score 0.79. A window
without events scores exactly 0. Plain statements (Goldstein 0) count as events but move neither sum.

Examples
--------
>>> round(net_cooperation(1.9, 0.0), 2), round(net_cooperation(38.0, 0.0), 2)
(0.16, 0.79)
>>> net_cooperation(0.0, 0.0)
0.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from blocwatch.errors import InputError, ParameterError

if TYPE_CHECKING:  # imported where used: the command line reads DEFAULT_ALPHA without loading them
    import numpy as np
    import pyarrow as pa

__all__ = ["DEFAULT_ALPHA", "add_net", "net_cooperation", "net_interval", "series", "totals"]

#: Default smoothing: one event of the strongest kind (|Goldstein| = 10).
DEFAULT_ALPHA = 10.0


def net_cooperation(cooperation: float, conflict: float, alpha: float = DEFAULT_ALPHA) -> float:
    """``(C - K) / (C + K + alpha)``; see the module docstring.

    Parameters
    ----------
    cooperation, conflict : float
        Sums of positive scores and of absolute negative scores (both >= 0).
    alpha : float
        Smoothing (>= 0; 0 gives the raw ratio, undefined for no events, where 0 is returned).

    Examples
    --------
    >>> net_cooperation(10.0, 30.0, alpha=0.0)
    -0.5
    """
    if cooperation < 0 or conflict < 0 or alpha < 0:
        raise InputError("cooperation, conflict and alpha must be >= 0")
    total = cooperation + conflict + alpha
    return 0.0 if total == 0 else (cooperation - conflict) / total


def net_interval(pos: float, neg: float, pos_sq: float, neg_sq: float, alpha: float = DEFAULT_ALPHA,
                 z: float = 1.96) -> tuple[float, float]:
    """A ``z``-sigma interval of net cooperation ``(C - K) / (C + K + alpha)``, within [-1, 1].

    ``C`` and ``K`` are taken as compound Poisson sums (events arrive at random, each with its
    score), whose variances are the sums of squared scores ``pos_sq`` and ``neg_sq``; the delta
    method carries them to net cooperation. The interval says how well the events measure the
    relation, not whether the news covered all of it.

    Examples
    --------
    >>> [round(x, 2) for x in net_interval(30.0, 0.0, 60.0, 0.0)]
    [0.66, 0.84]
    >>> net_interval(0.0, 0.0, 0.0, 0.0)
    (0.0, 0.0)
    """
    import numpy as np

    low, high = _net_bounds(np.array([pos]), np.array([neg]), np.array([pos_sq]), np.array([neg_sq]), alpha, z)
    return float(low[0]), float(high[0])


def _net_bounds(pos: np.ndarray, neg: np.ndarray, pos_sq: np.ndarray, neg_sq: np.ndarray, alpha: float,
                z: float = 1.96) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    total = pos + neg + alpha
    safe = np.where(total > 0, total, 1.0)
    net = np.where(total > 0, (pos - neg) / safe, 0.0)
    d_pos, d_neg = (2 * neg + alpha) / safe**2, -(2 * pos + alpha) / safe**2
    sd = np.sqrt(np.maximum(d_pos**2 * pos_sq + d_neg**2 * neg_sq, 0.0))
    return np.maximum(-1.0, net - z * sd), np.minimum(1.0, net + z * sd)


def add_net(table: pa.Table, alpha: float = DEFAULT_ALPHA) -> pa.Table:
    """A dyad table (:func:`blocwatch.dyads.dyad_table`) with a ``net`` column added, and its 95%
    interval ``net_low`` .. ``net_high`` (:func:`net_interval`) when the table has the sums of
    squared scores ``score_pos_sq`` and ``score_neg_sq``.

    Parameters
    ----------
    table : pyarrow.Table
        Needs ``score_pos`` and ``score_neg``.
    alpha : float
        Smoothing of :func:`net_cooperation`.

    Examples
    --------
    >>> import pyarrow as pa
    >>> t = pa.table({"score_pos": [38.0, 0.0], "score_neg": [0.0, 10.0]})
    >>> [round(x, 2) for x in add_net(t)["net"].to_pylist()]
    [0.79, -0.5]
    """
    import numpy as np
    import pyarrow as pa

    if alpha < 0:
        raise ParameterError("alpha", f"must be >= 0, not {alpha}")
    for col in ("score_pos", "score_neg"):
        if col not in table.column_names:
            raise InputError(f"the dyad table has no {col} column")
    pos = table["score_pos"].to_numpy(zero_copy_only=False).astype(float)
    neg = table["score_neg"].to_numpy(zero_copy_only=False).astype(float)
    total = pos + neg + alpha
    with np.errstate(invalid="ignore", divide="ignore"):
        net = np.where(total > 0, (pos - neg) / np.where(total > 0, total, 1.0), 0.0)
    table = table.drop_columns([c for c in ("net", "net_low", "net_high") if c in table.column_names])
    table = table.append_column("net", pa.array(net, pa.float64()))
    if "score_pos_sq" in table.column_names and "score_neg_sq" in table.column_names:
        squares = (table[c].to_numpy(zero_copy_only=False).astype(float) for c in ("score_pos_sq", "score_neg_sq"))
        low, high = _net_bounds(pos, neg, *squares, alpha)
        table = table.append_column("net_low", pa.array(low, pa.float64()))
        table = table.append_column("net_high", pa.array(high, pa.float64()))
    return table


def series(rows: Iterable[dict[str, Any]], periods: Sequence[date], *, key: str | Sequence[str] = "net",
           ) -> dict[tuple[str, str], np.ndarray]:
    """Per dyad, the values of ``key`` over ``periods`` (0 where a period has no row; rows of the
    same dyad and period are added).

    Parameters
    ----------
    rows : iterable of dict
        Rows with ``period``, ``source``, ``target`` and ``key``.
    periods : sequence of date
        The windows, in order (from :func:`blocwatch.periods.period_range`).
    key : str or sequence of str
        One column (a 1-d array per dyad) or several (one row of a 2-d array per column).

    Examples
    --------
    >>> rows = [{"period": date(2024, 1, 1), "source": "A", "target": "B", "net": 0.5, "events": 3}]
    >>> series(rows, [date(2023, 12, 1), date(2024, 1, 1)])[("A", "B")].tolist()
    [0.0, 0.5]
    >>> series(rows, [date(2024, 1, 1)], key=("net", "events"))[("A", "B")].tolist()
    [[0.5], [3.0]]
    """
    import numpy as np

    keys = [key] if isinstance(key, str) else list(key)
    pos = {p: i for i, p in enumerate(periods)}
    out: dict[tuple[str, str], np.ndarray] = {}
    for r in rows:
        i = pos.get(r["period"])
        if i is None:
            continue
        arr = out.setdefault((r["source"], r["target"]), np.zeros((len(keys), len(periods))))
        arr[:, i] += [r[k] for k in keys]
    return {k: v[0] for k, v in out.items()} if isinstance(key, str) else out


def totals(rows: Iterable[dict[str, Any]], alpha: float = DEFAULT_ALPHA) -> dict[tuple[str, str], dict[str, Any]]:
    """Sum undirected relations rows over their periods: one row per pair, ``net`` recomputed, and
    its 95% interval ``net_low`` .. ``net_high`` (:func:`net_interval`) when every row has the sums of
    squared scores.

    Examples
    --------
    >>> t = totals([{"source": "A", "target": "B", "events": 2, "score_pos": 4.0, "score_neg": 0.0},
    ...             {"source": "B", "target": "A", "events": 1, "score_pos": 0.0, "score_neg": 6.0}])
    >>> t[("A", "B")]["events"], round(t[("A", "B")]["net"], 3), "net_low" in t[("A", "B")]
    (3, -0.1, False)
    """
    out: dict[tuple[str, str], dict[str, Any]] = {}
    squares = True  # every row has the sums of squared scores: the totals get net's interval
    for r in rows:
        a, b = sorted((r["source"], r["target"]))
        acc = out.setdefault((a, b), {"source": a, "target": b, "events": 0, "score_pos": 0.0, "score_neg": 0.0,
                                      "score_pos_sq": 0.0, "score_neg_sq": 0.0})
        acc["events"] += int(r["events"])
        acc["score_pos"] += float(r["score_pos"])
        acc["score_neg"] += float(r["score_neg"])
        if r.get("score_pos_sq") is None or r.get("score_neg_sq") is None:
            squares = False
        else:
            acc["score_pos_sq"] += float(r["score_pos_sq"])
            acc["score_neg_sq"] += float(r["score_neg_sq"])
    for acc in out.values():
        acc["net"] = net_cooperation(acc["score_pos"], acc["score_neg"], alpha)
        if not squares:
            del acc["score_pos_sq"], acc["score_neg_sq"]
    if squares and out:  # the intervals of all pairs in one vectorised step
        import numpy as np

        rows = list(out.values())
        low, high = _net_bounds(*(np.array([r[k] for r in rows], dtype=float)
                                  for k in ("score_pos", "score_neg", "score_pos_sq", "score_neg_sq")), alpha)
        for r, lo, hi in zip(rows, low.tolist(), high.tolist(), strict=True):
            r["net_low"], r["net_high"] = lo, hi
    return out
