"""k-bloc partitions by relocation local search, on edge lists with gains kept up to date.

The criterion is the sum of pair costs ``b_ij`` over the ties inside blocs (the relaxed-balance
criterion of :mod:`blocwatch.analysis.blocs`, less a constant). Moving node ``i`` from bloc ``a``
to ``c`` changes it by ``m[i, c] - m[i, a]`` with ``m = B Z`` (``Z`` the one-hot membership): a
sum over ``i``'s neighbours, so that after a move only the neighbours' rows of ``m`` change, and
the best exchange of two nodes is among the ties across blocs (see :meth:`_Relocation.best_swap`).
:func:`bloc_search` descends from informed and random starts and stops early: when starts keep
ending at the same partition, when several random starts in a row bring nothing better, or when
a lower bound proves the best optimal. It is deterministic for a seed.

Examples
--------
>>> import numpy as np
>>> u, v = np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3])  # friends 0-1 and 2-3, the pairs enemies
>>> z, value = bloc_search(4, u, v, np.array([-1.0, 1.0, 1.0, -1.0]), 2, [], seed=0)
>>> (z == z[0]).tolist(), value
([True, True, False, False], -2.0)
"""

from __future__ import annotations

import numpy as np

from blocwatch.analysis.spins import csr
from blocwatch.errors import InputError

__all__ = ["bloc_search"]

#: Random starts drawn at a time for the compiled search (most searches stop within a few batches).
RANDOM_BATCH = 8


def _kernels():  # noqa: ANN202 - a module
    """The compiled steps of the search (:mod:`blocwatch.analysis.kernels`), imported on first use:
    importing numba takes a quarter of a second that ``import blocwatch`` should not pay."""
    from blocwatch.analysis import kernels

    return kernels


class _Relocation:
    """k blocs of the nodes and their gains: ``m = B Z`` (``Z`` the one-hot membership), kept up to
    date as nodes move.

    ``B`` holds the pair costs ``b_ij`` (symmetric, zero diagonal, sparse): the criterion is the sum
    of ``b`` over pairs inside blocs. Moving ``i`` from bloc ``a`` to ``c`` changes it by
    ``m[i, c] - m[i, a]``, and changes ``m`` only in the rows of ``i``'s neighbours. No move empties
    a bloc: a node alone in its bloc has no move. The best move of every node (``gain``,
    ``target``) is kept too, and only the rows a move touches are looked at again (compiled, this
    costs less than looking at all of ``m`` at every size). The steps run compiled
    (:mod:`blocwatch.analysis.kernels`); ``z`` is changed in place.
    """

    def __init__(self, graph: tuple[np.ndarray, ...], z: np.ndarray, k: int) -> None:
        indptr, indices, data, u, v, b = graph
        self.graph = (np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                      np.asarray(data, dtype=np.float64))
        self.ties = (np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64), np.asarray(b, dtype=np.float64))
        indptr, indices, data = self.graph
        n = len(indptr) - 1
        self.z, self.k, self.rows = z, k, np.arange(n)
        self.m = np.bincount(np.repeat(self.rows * k, np.diff(indptr)) + z[indices], weights=data,
                             minlength=n * k).reshape(n, k)
        self.sizes = np.bincount(z, minlength=k)
        self.gain, self.target = np.zeros(n), np.zeros(n, dtype=np.int64)
        self._k = _kernels()
        for i in range(n):
            self._k.refresh(self.z, self.m, self.sizes, self.gain, self.target, i)

    def move(self, i: int, c: int) -> None:
        self._k.move(*self.graph, self.z, self.m, self.sizes, self.gain, self.target, i, c)

    def best_move(self) -> tuple[float, int, int]:
        """``(change, i, c)`` of the best move; ties go to the smallest ``i``, then ``c``."""
        change, i = self._k.best_move(self.gain)
        return float(change), int(i), int(self.target[i])

    def best_swap(self) -> tuple[float, int, int]:
        """The best exchange of two nodes of different blocs: ``(change, i, j)`` with ``i < j``.

        Swapping ``i`` (in ``a``) and ``j`` (in ``c``) changes the criterion by
        ``d[i, c] + d[j, a] - 2 b_ij`` with ``d[x, y] = m[x, y] - m[x, own bloc]``. When no single
        move improves, a swap of two nodes without a tie between them does not either (its change
        is the sum of two moves), unless one of them is alone in its bloc: so the candidates are
        the ties across blocs and the nodes alone in their bloc. Ties of value go to the smallest
        ``(i, j)``.
        """
        change, i, j = self._k.best_swap(*self.graph, *self.ties, self.z, self.m, self.sizes)
        return float(change), int(i), int(j)

    def descend(self, tol: float) -> None:
        """Best move while one lowers the criterion, else best swap, while one does."""
        self._k.descend(*self.graph, *self.ties, self.z, self.m, self.sizes, self.gain, self.target, float(tol))


def _open_up(graph: tuple[np.ndarray, ...], z: np.ndarray, k: int, tol: float) -> np.ndarray:
    """A k-bloc local optimum from a partition with fewer blocs: descend, then open each missing
    bloc with the node that is cheapest to move there, descending after each."""
    state = _Relocation(graph, z.copy(), k)
    state.descend(tol)
    for c in np.flatnonzero(state.sizes == 0).tolist():
        i = int(np.argmin(np.where(state.sizes[state.z] > 1, -state.m[state.rows, state.z], np.inf)))
        state.move(i, c)
        state.descend(tol)
    return state.z


def bloc_search(n: int, u: np.ndarray, v: np.ndarray, b: np.ndarray, k: int, starts: list[np.ndarray], *,
                seed: int | list[int] = 0, restarts: int = 50, bound: float = -np.inf, repeats: int = 2,
                patience: int | None = None, tol: float | None = None) -> tuple[np.ndarray, float]:
    """Assign the nodes to ``k`` non-empty blocs with a small sum of ``b`` over pairs inside blocs.

    Relocation local search: move the node whose move lowers the sum most, else swap the two
    nodes of different blocs whose exchange does, while one does. It descends from each of
    ``starts`` (partitions into at most ``k`` blocs, opened up to ``k`` one node at a time), then
    from up to ``restarts`` seeded random assignments, and stops early once ``repeats`` starts have
    ended at the same best partition (the starts after the first to reach it being random ones:
    informed starts tend to end alike), once ``patience`` random starts in a row have not improved
    it, or once it meets ``bound``.

    Parameters
    ----------
    n : int
        Number of nodes (every node in some tie).
    u, v : numpy.ndarray
        Ends of each tie, ``u < v``, sorted by ``(u, v)``.
    b : numpy.ndarray
        Cost of each tie when its ends share a bloc (negative: a reward).
    k : int
        Number of blocs.
    starts : list of numpy.ndarray
        Informed first partitions (bloc numbers below ``k``).
    seed : int or list of int
        Seed of the random starts.
    restarts : int
        Most random starts.
    bound : float
        A lower bound on the sum: the search stops when it reaches it.
    repeats : int
        The search stops when this many starts have ended at the same best partition.
    patience : int, optional
        The search stops when this many random starts in a row have not improved the best value.
    tol : float, optional
        Changes smaller than this are not improvements (default: 1e-9 times the total of ``|b|``).
        Must be positive: with none, rounding errors can make the descent cycle.

    Returns
    -------
    z : numpy.ndarray
        Bloc of each node.
    value : float
        Sum of ``b`` over the ties inside blocs.

    Examples
    --------
    Three allies and a fourth state hostile to all of them: two blocs, no tie out of place.

    >>> u, v = np.array([0, 0, 0, 1, 1, 2]), np.array([1, 2, 3, 2, 3, 3])
    >>> b = np.array([-0.5, -0.5, 0.5, -0.5, 0.5, 0.5])
    >>> z, value = bloc_search(4, u, v, b, 2, [np.zeros(4, dtype=int)], seed=0)
    >>> (z == z[0]).tolist(), value
    ([True, True, True, False], -1.5)
    """
    if k == 1:
        return np.zeros(n, dtype=np.int64), float(b.sum())
    graph = (*csr(n, u, v, b), u.astype(np.int64), v.astype(np.int64), b.astype(np.float64))
    tol = 1e-9 * max(1.0, float(np.abs(b).sum())) if tol is None else tol
    if not tol > 0:  # with no margin, rounding can make two moves undo each other forever
        raise InputError(f"tol must be positive, not {tol}")
    best, best_p, hits = np.zeros(n, dtype=np.int64), np.inf, 0
    for start in starts:  # informed starts tend to end alike: only random ones confirm
        z = _open_up(graph, start, k, tol)
        p = float(b[z[u] == z[v]].sum())
        if p < best_p - tol:
            best, best_p, hits = z, p, 1
        if hits >= repeats or patience == 0 or best_p <= bound + tol:
            return best, best_p
    # The random starts run compiled, a batch at a time; each draws its blocs, then the nodes that
    # open every bloc, from one generator (the draws a batch does not use are never used).
    rng, best, since, left = np.random.default_rng(seed), best.astype(np.int64), 0, restarts
    while left > 0:
        batch = min(left, RANDOM_BATCH)
        draws, picks = np.empty((batch, n), dtype=np.int64), np.empty((batch, k), dtype=np.int64)
        for r in range(batch):
            draws[r] = rng.integers(k, size=n)
            picks[r] = rng.permutation(n)[:k]
        best_p, hits, since, used, stopped = _kernels().random_starts(
            *graph, k, draws, picks, float(tol), best, float(best_p), int(hits), since, int(repeats),
            -1 if patience is None else int(patience), float(bound))
        if stopped:
            break
        left -= used
    return best, float(best_p)
