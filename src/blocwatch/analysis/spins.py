"""Two-bloc splits as spins (+1/-1): the local search of the frustration index, on edge lists.

Flipping node ``i`` changes the frustrated weight by ``s_i h_i``, with ``h = A s`` the local fields
(``A`` the signed weights): a sum over the node's neighbours, so that after a flip only the
neighbours' fields change. :func:`local_search` descends by flips from a spectral start and
random ones, kicks each local optimum and descends again, and stops early: when it meets a lower
bound that proves it optimal, or when starts keep ending at the same split (a rugged landscape
rarely gives the same local optimum twice, an easy one does at once). It is deterministic for a
seed.

Examples
--------
>>> import numpy as np
>>> u, v = np.array([0, 1, 0, 2]), np.array([1, 2, 2, 3])
>>> spins = local_search(4, u, v, np.array([1.0, -1.0, -1.0, 1.0]), seed=0, restarts=4)
>>> (spins == spins[0]).tolist()  # 0 and 1 friends, 2 and 3 friends, the two pairs enemies
[True, True, False, False]
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["adjacency", "csr", "laplacian", "local_search"]

#: Kicks per start at most, and kicks in a row that do not improve before a start is left (fewer on
#: networks of more than STALL_NODES nodes). A kick flips 8% of the nodes, or a ball of up to twice that.
KICKS, STALL, STALL_NODES = 60, 40, 200
#: More improving nodes than this are flipped together (those without an improving neighbour that
#: gains more), unless they are so many that each has about ``CROWD`` improving neighbours or more.
BATCH, CROWD = 16, 4.0


def adjacency(n: int, u: np.ndarray, v: np.ndarray, vals: np.ndarray) -> Any:
    """The symmetric sparse matrix (``scipy.sparse.csr_array``) with ``A[u, v] = A[v, u] = vals``.

    Examples
    --------
    >>> adjacency(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, -2.0])).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, -2.0], [0.0, -2.0, 0.0]]
    """
    from scipy import sparse

    return sparse.csr_array((np.concatenate([vals, vals]), (np.concatenate([u, v]), np.concatenate([v, u]))),
                            shape=(n, n))


def csr(n: int, u: np.ndarray, v: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(indptr, indices, data)`` of :func:`adjacency`'s matrix (int64, int64, float64), built in
    one compiled call (:func:`blocwatch.analysis.kernels.symmetric_csr`): the same arrays as
    SciPy's, each row's entries by column, a pair given twice summed.

    The searches only need these arrays, and SciPy's constructor costs more than the search on the
    small networks :func:`~blocwatch.analysis.blocs.blocs` and ``balance`` measure by the hundred.

    Examples
    --------
    >>> [a.tolist() for a in csr(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, -2.0]))]
    [[0, 1, 3, 4], [1, 0, 2, 1], [1.0, 1.0, -2.0, -2.0]]
    """
    from blocwatch.analysis import kernels  # numba: imported only when a search runs

    indptr, indices, data, twice = kernels.symmetric_csr(n, np.asarray(u, dtype=np.int64),
                                                         np.asarray(v, dtype=np.int64),
                                                         np.asarray(vals, dtype=np.float64))
    if twice:  # SciPy sums them
        a = adjacency(n, u, v, vals)
        return a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data.astype(np.float64)
    return indptr, indices, data


def _flip_descend(s: np.ndarray, h: np.ndarray, graph: tuple[np.ndarray, ...], tol: float) -> float:
    """Flip nodes (spins ``s``, local fields ``h = A s``) while that lowers frustration.

    Flipping node ``i`` changes the frustration by ``s_i h_i``; after the flip the fields of its
    neighbours change by ``2 A_ij s_i``. The node that lowers it most is flipped, one at a time;
    when more than :data:`BATCH` nodes would lower it but few enough for them to have few
    neighbours among them (after a kick; not from a random start), all of them are flipped at
    once but those with a neighbour that lowers it more (no two neighbours: the changes add up).
    ``graph`` is ``(indptr, indices, data)``; ``s`` and ``h`` (float64) change in place. Returns
    the total change (<= 0). Compiled (:func:`blocwatch.analysis.kernels.flip_descend`).
    """
    from blocwatch.analysis import kernels  # numba: imported only when a search runs

    indptr, indices, data = graph
    return kernels.flip_descend(s, h, np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                                  np.asarray(data, dtype=np.float64), float(tol), BATCH, CROWD)


def _flip(s: np.ndarray, h: np.ndarray, pick: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
          data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spins with the nodes ``pick`` (distinct) flipped, and their fields: ``h + 2 A[:, pick] s'[pick]``.
    Compiled (:func:`blocwatch.analysis.kernels.flipped`)."""
    from blocwatch.analysis import kernels  # numba: imported only when a search runs

    return kernels.flipped(s, h, np.asarray(pick, dtype=np.int64), np.asarray(indptr, dtype=np.int64),
                           np.asarray(indices, dtype=np.int64), np.asarray(data, dtype=np.float64))


def _operator(graph: tuple[np.ndarray, ...]) -> Any:
    """The CSR matrix ``graph`` (``indptr, indices, data``) as a SciPy ``LinearOperator`` whose
    product with a vector is one compiled call (:func:`blocwatch.analysis.kernels.csr_matvec`, the
    same sums as SciPy's): ARPACK asks for a product per step, and SciPy's layers of checks around
    each cost more than the product on networks of states."""
    from scipy.sparse.linalg import LinearOperator

    from blocwatch.analysis import kernels  # numba: imported only when a search runs

    indptr, indices, data = graph
    n = len(indptr) - 1
    op = LinearOperator((n, n), matvec=lambda x: kernels.csr_matvec(indptr, indices, data, x), dtype=np.float64)
    op.matvec = op._matvec  # ARPACK passes vectors of the right length: the per-call checks go
    return op


def laplacian(graph: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR arrays of the signed Laplacian ``D_|A| - A`` of the CSR matrix ``graph`` (``indptr,
    indices, data``; each row's entries by column, no two alike, no diagonal, as from :func:`csr`).

    The same arrays as SciPy's ``diags_array(abs(a).sum(axis=1)) - a`` (built in numpy: SciPy's
    operations cost more than the eigenvector on the small networks searched by the hundred): each
    degree summed as SciPy sums a row (``numpy.add.reduceat``), the diagonal among a row's entries
    by column, entries that come out 0 (a tie of weight 0, a node without ties) left out.

    Examples
    --------
    >>> [a.tolist() for a in laplacian(csr(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, -2.0])))]
    [[0, 2, 5, 7], [0, 1, 0, 1, 2, 1, 2], [1.0, -1.0, -1.0, 3.0, 2.0, 2.0, 2.0]]
    """
    indptr, indices, data = graph
    n = len(indptr) - 1
    counts = np.diff(indptr)
    degree = np.zeros(n)
    tied = np.flatnonzero(counts)
    if len(tied):
        degree[tied] = np.add.reduceat(np.abs(data), indptr[tied])
    keep = data != 0
    diagonal = np.flatnonzero(degree != 0)
    rows = np.concatenate([np.repeat(np.arange(n, dtype=np.int64), counts)[keep], diagonal])
    cols = np.concatenate([np.asarray(indices, dtype=np.int64)[keep], diagonal])
    order = np.lexsort((cols, rows))
    out = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=out[1:])
    return out, cols[order], np.concatenate([-np.asarray(data, dtype=np.float64)[keep], degree[diagonal]])[order]


def _spectral_start(graph: tuple[np.ndarray, ...], seed: int) -> np.ndarray:
    """Signs of the eigenvector of the smallest eigenvalue of the signed Laplacian ``D_|A| - A``
    (``A`` given by its CSR arrays ``graph``)."""
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    lap = laplacian(graph)
    n = len(lap[0]) - 1
    try:
        if n <= 50:
            dense = np.zeros((n, n))
            dense[np.repeat(np.arange(n), np.diff(lap[0])), lap[1]] = lap[2]
            vec = np.linalg.eigh(dense)[1][:, 0]
        else:
            vec = eigsh(_operator(lap), k=1, which="SA", tol=1e-4,
                        v0=np.random.default_rng(seed).uniform(0.5, 1.5, n))[1][:, 0]
    except ArpackNoConvergence:  # rare; the random starts remain
        vec = np.ones(n)
    return np.where(vec < 0, -1.0, 1.0)


def local_search(n: int, u: np.ndarray, v: np.ndarray, sw: np.ndarray, seed: int, restarts: int, *,
                 bound: float = -np.inf, repeats: int = 2, stall: int | None = None,
                 start: np.ndarray | None = None) -> np.ndarray:
    """Spins (+1/-1) of a two-bloc split with little frustrated weight, by iterated local search.

    The first start takes the signs of the eigenvector of the smallest eigenvalue of the signed
    Laplacian ``D_|A| - A``; up to ``restarts`` random starts follow. A given ``start`` is tried
    before them (with random numbers of its own, so that the others run as without it), and when
    it meets ``bound`` they are not needed. Each start is descended (flip the node that lowers
    frustration most, while one does), then kicked: a few nodes are flipped (half the time random
    ones, half the time a connected ball grown breadth-first from a random node, so that a whole
    group can change sides) and the result descended and kept if it is not worse, until ``stall``
    kicks in a row bring no improvement (at most ``KICKS``), or, beyond ``STALL_NODES`` nodes, the
    start is at the best split of the starts before it (a repeat, whose kicks would cost much).

    Parameters
    ----------
    n : int
        Number of nodes.
    u, v : numpy.ndarray
        Ends of each tie (node positions).
    sw : numpy.ndarray
        Signed weight of each tie (positive: wants its ends on one side).
    seed, restarts : int
        Seed of the random choices, and the most random starts.
    bound : float
        A lower bound on the frustrated weight: the search stops when it reaches it.
    repeats : int
        The search stops when this many starts have ended at the same best split (on a rugged
        landscape starts rarely end alike; on an easy one they do at once).
    stall : int, optional
        Kicks in a row without improvement after which a start is left; by default ``STALL``, and
        fewer beyond ``STALL_NODES`` nodes (in proportion, down to 4), where each kick costs more
        and further random starts do as well.
    start : numpy.ndarray, optional
        Spins to start from (such as a rounded linear relaxation); the search returns a split at
        least as good as without it.

    Returns
    -------
    numpy.ndarray
        The spins of the best start.

    Examples
    --------
    >>> u, v, sw = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([-1.0, -1.0, -1.0])
    >>> s = local_search(3, u, v, sw, seed=0, restarts=5)
    >>> int((sw * s[u] * s[v] < 0).sum())  # an all-hostile triangle keeps one frustrated tie
    1
    """
    from blocwatch.analysis import kernels  # numba: imported only when a search runs

    graph = indptr, indices, data = csr(n, u, v, sw)
    total = float(np.abs(sw).sum())
    tol = 1e-12 * float(np.abs(sw).max())
    kick = max(2, round(0.08 * n))
    stall = (STALL if n <= STALL_NODES else max(4, STALL * STALL_NODES // n)) if stall is None else stall
    best, best_f, hits = np.ones(n), np.inf, 0

    def same(s: np.ndarray, f: float) -> bool:
        """Whether ``s`` is the best split so far (or its mirror image)."""
        return f <= best_f + tol and np.array_equal(s * s[0], best * best[0])

    def run(s: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, float]:
        """Descend from ``s``, then kick and descend again, keeping what is not worse."""
        h = kernels.csr_matvec(indptr, indices, data, s)  # A @ s
        f = 0.5 * (total - float(s @ h) / 2) + _flip_descend(s, h, graph, tol)
        stalled = 0
        for _ in range(min(KICKS, 2 * n)):
            if stalled >= stall or f <= bound + tol or (n > STALL_NODES and same(s, f)):
                break
            if rng.random() < 0.5:
                pick = rng.choice(n, min(kick, n), replace=False)
            else:  # a ball grown breadth-first from a random node
                size = int(rng.integers(2, 2 * kick + 1))
                pick = kernels.ball(int(rng.integers(n)), size, indptr, indices)
            s2, h2 = _flip(s, h, pick, indptr, indices, data)
            f2 = 0.5 * (total - float(s2 @ h2) / 2) + _flip_descend(s2, h2, graph, tol)
            stalled = 0 if f2 < f - tol else stalled + 1
            if f2 <= f + tol:
                s, h, f = s2, h2, f2
        return s, f

    given, given_f = None, np.inf
    if start is not None:  # with its own random numbers: the search without it is unchanged
        given, given_f = run(np.where(np.asarray(start) < 0, -1.0, 1.0), np.random.default_rng([seed, 1]))
        if given_f <= bound + tol:
            return given
    rng = np.random.default_rng(seed)
    starts: list[np.ndarray | None] = [None] + [rng.choice((-1.0, 1.0), n) for _ in range(restarts)]
    for s in starts:
        s, f = run(_spectral_start(graph, seed) if s is None else s, rng)  # the spectral start only when reached
        if f < best_f - tol:
            best, best_f, hits = s, f, 1
        elif same(s, f):
            hits += 1
        if hits >= repeats or best_f <= bound + tol:
            break
    return given if given is not None and given_f < best_f - tol else best
