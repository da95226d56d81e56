"""The structural balance of a signed network summed up: frustration, triangles and blocs together.

:func:`balance_summary` is the row ``blocwatch balance`` prints and ``/api/balance`` serves.

Examples
--------
>>> from blocwatch.analysis.network import SignedNetwork
>>> net = SignedNetwork.from_edges([("USA", "KOR", 1, 2.0), ("PRK", "KOR", -1), ("PRK", "USA", -1)], label="2024")
>>> row = balance_summary(net)
>>> row["frustration"], row["exact"], row["blocs"]
(0.0, True, [['KOR', 'USA'], ['PRK']])
"""

from __future__ import annotations

import functools
import multiprocessing
import sys
from collections.abc import Iterable
from typing import Any

from blocwatch.analysis.balance import Frustration, frustration, triangle_balance
from blocwatch.analysis.blocs import BlocPartition, blocs
from blocwatch.analysis.network import SignedNetwork
from blocwatch.progress import NullProgress, Progress

__all__ = ["balance_rows", "balance_summary", "solve"]


def solve(net: SignedNetwork, method: str = "auto", time_limit: float = 30.0,
          k: int | None = None) -> tuple[Frustration, BlocPartition | None]:
    """The frustration index of ``net`` and its blocs (``None`` without ties).

    The blocs start from the frustration index's split too (with ``alpha = 1/2`` the best two
    blocs are the best split): when it is exact, :func:`~blocwatch.analysis.blocs.blocs` need not
    search for two blocs.
    """
    fr = frustration(net, method=method, time_limit=time_limit)
    return fr, (blocs(net, k=k, split=fr.partition, split_optimal=fr.exact) if net.edges else None)


def balance_summary(net: SignedNetwork, *, method: str = "auto", time_limit: float = 30.0,
                    k: int | None = None) -> dict[str, Any]:
    """Frustration index, balanced triangles and blocs of ``net``.

    Parameters
    ----------
    net : SignedNetwork
    method, time_limit
        As :func:`blocwatch.analysis.balance.frustration`.
    k : int, optional
        Number of blocs (default: chosen by :func:`blocwatch.analysis.blocs.blocs`).

    Returns
    -------
    dict
        ``group`` (the network's label), ``nodes``, ``edges``, ``frustration``, ``exact``,
        ``bound``, ``seconds``, ``blocs`` (lists of states), ``balanced_triangle_ratio`` (None
        without a triangle) and ``frustrated`` (the ties that hold the network out of balance,
        heaviest first).
    """
    fr, part = solve(net, method, time_limit, k)
    tri = triangle_balance(net, weighted=False)  # the rows show the ratio of counts
    return {
        "group": net.label, "nodes": len(net.nodes), "edges": len(net.edges), "frustration": fr.value,
        "exact": fr.exact, "bound": fr.bound, "seconds": round(fr.seconds, 3),
        "blocs": [list(b) for b in part.blocs] if part else [],
        "balanced_triangle_ratio": tri.ratio,
        "frustrated": [{"source": a, "target": b, "sign": s, "weight": w} for a, b, s, w in fr.frustrated],
    }


def balance_rows(nets: Iterable[SignedNetwork], *, method: str = "auto", time_limit: float = 30.0,
                 k: int | None = None, progress: Progress | None = None, workers: int = 1) -> list[dict[str, Any]]:
    """:func:`balance_summary` of each network, in order, telling ``progress`` of each one (a
    month of an exact solve can take seconds; decades of them, minutes).

    With ``workers`` above 1, the networks are measured in that many processes at once, each
    network's measure its own, so the rows are the same, in the same order, as in one process.
    The processes are forked, and only from a process that has not yet run a search or a solver
    (has not imported numba or SciPy's optimizers, whose threads a fork could inherit in a held
    state), as the command line's is; otherwise (or where the platform does not fork) the
    networks are measured one after another, in this process.

    Examples
    --------
    >>> net = SignedNetwork.from_edges([("A", "B", 1), ("B", "C", -1)], label="t")
    >>> [r["frustration"] for r in balance_rows([net, net])]
    [0.0, 0.0]
    """
    nets = list(nets)
    progress = progress or NullProgress()
    progress.start("balance", total=len(nets), unit="networks")
    measure = functools.partial(balance_summary, method=method, time_limit=time_limit, k=k)
    rows = []
    workers = min(workers, len(nets))
    if workers > 1 and _may_fork():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for row in pool.imap(measure, nets):
                rows.append(row)
                progress.advance(1)
    else:
        for net in nets:
            rows.append(measure(net))
            progress.advance(1)
    progress.finish()
    return rows


#: Modules whose threads a forked process could inherit in a held state (HiGHS's scheduler, numba's).
_THREADED = ("numba", "llvmlite", "scipy.optimize")


def _may_fork() -> bool:
    """Whether worker processes may be forked from this one: the platform forks, and no solver or
    compiled search has run here yet."""
    return "fork" in multiprocessing.get_all_start_methods() and not any(m in sys.modules for m in _THREADED)
