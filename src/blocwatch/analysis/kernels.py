"""The inner loops of the local searches, compiled with numba.

One step of the k-bloc relocation search (:mod:`blocwatch.analysis.partition`) or of the flip
descent of the frustration search (:mod:`blocwatch.analysis.spins`) costs a few array operations on
a node's neighbours: in numpy each of them is a call of a few microseconds, which made the searches'
Python loops most of the time of ``blocs`` and ``balance`` on networks of states. These functions
are the same steps in compiled loops, operation for operation (the same sums in the same order,
numpy's pairwise summation included; ties broken the same way), so they make the same moves and end
at the same partitions. They are low-level steps on plain arrays: ``partition._Relocation`` and
``spins._flip_descend`` are their interface in blocwatch. This module imports numba and is imported
only when a search runs (``import blocwatch`` and ``--help`` stay light); compiled code is cached on
disk (``cache=True``, beside this file or in numba's cache directory), so only the first search on a
machine pays the compilation (a few seconds).

Arrays: ``indptr``, ``indices``, ``data`` a symmetric CSR matrix (pair costs, or signed weights);
``u``, ``v``, ``b`` the ties (``u < v``) and their costs; ``z`` the bloc of each node, ``m`` the
gains (nodes x blocs), ``sizes`` the nodes in each bloc; ``gain`` and ``target`` each node's best
move; ``s`` spins and ``h`` local fields. Integer arrays are int64, the others
float64.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["ball", "best_move", "best_swap", "csr_matvec", "descend", "flip_descend", "flipped", "move", "pairwise_sum",
           "random_starts", "refresh", "symmetric_csr"]


@njit(cache=True)
def refresh(z, m, sizes, gain, target, i):
    """Node ``i``'s best move: the bloc whose gain is least (first of equals), ``inf`` when ``i``
    is alone in its bloc."""
    a = z[i]
    own = m[i, a]
    c = 0
    low = m[i, 0] - own
    for x in range(1, m.shape[1]):
        d = m[i, x] - own
        if d < low:
            low, c = d, x
    target[i] = c
    gain[i] = np.inf if sizes[a] == 1 else low


@njit(cache=True)
def move(indptr, indices, data, z, m, sizes, gain, target, i, c):
    """Move node ``i`` to bloc ``c``: the gains of its neighbours, the bloc sizes and the best
    moves of the rows that changed."""
    a = z[i]
    for p in range(indptr[i], indptr[i + 1]):
        j = indices[p]
        m[j, a] -= data[p]
        m[j, c] += data[p]
    sizes[a] -= 1
    sizes[c] += 1
    z[i] = c
    for p in range(indptr[i], indptr[i + 1]):
        refresh(z, m, sizes, gain, target, indices[p])
    refresh(z, m, sizes, gain, target, i)
    if sizes[a] == 1 or sizes[c] == 2:  # a node became alone in its bloc, or is no longer
        for j in range(len(z)):
            if z[j] == a or z[j] == c:
                refresh(z, m, sizes, gain, target, j)


@njit(cache=True)
def best_move(gain):
    """``(change, i)`` of the best move, ``i``'s bloc being ``target[i]``; ties go to the smallest
    ``i`` (and :func:`refresh` gave each node the smallest of its equal blocs)."""
    i = 0
    for x in range(1, len(gain)):
        if gain[x] < gain[i]:
            i = x
    return gain[i], i


@njit(cache=True)
def best_swap(indptr, indices, data, u, v, b, z, m, sizes):
    """The best exchange of two nodes of different blocs, ``(change, i, j)`` with ``i < j``: among
    the ties across blocs, and the pairs with a node alone in its bloc (see
    ``partition._Relocation.best_swap``)."""
    low, bi, bj = np.inf, -1, -1
    for e in range(len(u)):
        x, y = u[e], v[e]
        zx, zy = z[x], z[y]
        val = np.inf if zx == zy else (m[x, zy] - m[x, zx] + (m[y, zx] - m[y, zy])) - 2 * b[e]
        if e == 0 or val < low:
            low, bi, bj = val, x, y
    n = len(z)
    brow = np.zeros(n)
    for i in range(n):
        if sizes[z[i]] != 1:
            continue
        for p in range(indptr[i], indptr[i + 1]):
            brow[indices[p]] = data[p]
        zi = z[i]
        best, at = np.inf, -1
        for j in range(n):
            if z[j] != zi:
                cand = (m[i, z[j]] - m[i, zi] + (m[j, zi] - m[j, z[j]])) - 2 * brow[j]
                if cand < best:
                    best, at = cand, j
        for p in range(indptr[i], indptr[i + 1]):
            brow[indices[p]] = 0.0
        if best < np.inf:
            lo, hi = min(i, at), max(i, at)
            if best < low or (best == low and (lo < bi or (lo == bi and hi < bj))):
                low, bi, bj = best, lo, hi
    return low, bi, bj


@njit(cache=True)
def descend(indptr, indices, data, u, v, b, z, m, sizes, gain, target, tol):
    """Best move while one lowers the criterion, else best swap, while one does."""
    while True:
        change, i = best_move(gain)
        if change < -tol:
            move(indptr, indices, data, z, m, sizes, gain, target, i, target[i])
            continue
        change, i, j = best_swap(indptr, indices, data, u, v, b, z, m, sizes)
        if not change < -tol:
            return
        zi, zj = z[i], z[j]
        move(indptr, indices, data, z, m, sizes, gain, target, i, zj)
        move(indptr, indices, data, z, m, sizes, gain, target, j, zi)


@njit(cache=True)
def _same_partition(z, y, k):
    """Whether ``z`` and ``y`` (bloc numbers below ``k``) split the nodes alike, whatever the
    blocs' numbers (their bloc numbers in order of first appearance equal)."""
    zl, yl = np.full(k, -1), np.full(k, -1)
    nz = ny = 0
    for i in range(len(z)):
        if zl[z[i]] < 0:
            zl[z[i]], nz = nz, nz + 1
        if yl[y[i]] < 0:
            yl[y[i]], ny = ny, ny + 1
        if zl[z[i]] != yl[y[i]]:
            return False
    return True


@njit(cache=True)
def random_starts(indptr, indices, data, u, v, b, k, draws, picks, tol, best, best_p, hits, since, repeats,
                  patience, bound):
    """The random starts of ``partition.bloc_search``, one after another, with its stopping rules.

    Start ``r`` is ``draws[r]`` with node ``picks[r, c]`` put in bloc ``c`` (no bloc empty); it is
    descended (:func:`descend`, gains built as ``partition._Relocation`` builds them), its value
    summed as numpy sums ``b[z[u] == z[v]]``, and kept in ``best`` (changed in place) when it
    improves ``best_p`` by more than ``tol``; otherwise ``since`` grows, and ``hits`` when it ends
    at ``best``'s partition. After each start the search stops when ``hits`` reaches ``repeats``,
    ``since`` equals ``patience`` (-1: never) or ``best_p`` meets ``bound``. Returns ``(best_p,
    hits, since, starts used, stopped)``.
    """
    n = len(indptr) - 1
    tie_b = np.empty(len(u))
    for r in range(draws.shape[0]):
        z = draws[r].copy()
        for c in range(k):
            z[picks[r, c]] = c
        m = np.zeros((n, k))
        for i in range(n):
            for p in range(indptr[i], indptr[i + 1]):
                m[i, z[indices[p]]] += data[p]
        sizes = np.zeros(k, dtype=np.int64)
        for i in range(n):
            sizes[z[i]] += 1
        gain, target = np.zeros(n), np.zeros(n, dtype=np.int64)
        for i in range(n):
            refresh(z, m, sizes, gain, target, i)
        descend(indptr, indices, data, u, v, b, z, m, sizes, gain, target, tol)
        inside = 0
        for e in range(len(u)):
            if z[u[e]] == z[v[e]]:
                tie_b[inside] = b[e]
                inside += 1
        p = pairwise_sum(tie_b, 0, inside)
        if p < best_p - tol:
            best[:] = z
            best_p, hits, since = p, 1, 0
        else:
            if p <= best_p + tol and _same_partition(z, best, k):
                hits += 1
            since += 1
        if hits >= repeats or since == patience or best_p <= bound + tol:
            return best_p, hits, since, r + 1, True
    return best_p, hits, since, draws.shape[0], False


@njit(cache=True)
def _block_sum(a, lo, n):
    """numpy's sum of at most 128 float64: one by one below 8, else in eight accumulators."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = 8
    while i < n - n % 8:
        r0 += a[lo + i]
        r1 += a[lo + i + 1]
        r2 += a[lo + i + 2]
        r3 += a[lo + i + 3]
        r4 += a[lo + i + 4]
        r5 += a[lo + i + 5]
        r6 += a[lo + i + 6]
        r7 += a[lo + i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += a[lo + i]
        i += 1
    return res


@njit(cache=True)
def pairwise_sum(a, lo, n):
    """``a[lo:lo + n].sum()`` as numpy adds up float64: blocks of 128 at most, summed in a binary
    tree of halves (a multiple of 8 on the left). Walked with a stack of its own (numba's cache
    does not keep recursive functions)."""
    if n <= 128:
        return _block_sum(a, lo, n)
    starts, sizes = np.empty(64, dtype=np.int64), np.empty(64, dtype=np.int64)
    stage, left = np.zeros(64, dtype=np.int64), np.empty(64)
    top, starts[0], sizes[0], res = 0, lo, n, 0.0
    while top >= 0:
        at, size = starts[top], sizes[top]
        if size <= 128:
            res = _block_sum(a, at, size)
            top -= 1
            continue
        half = size // 2
        half -= half % 8
        if stage[top] == 0:  # the left half first
            stage[top] = 1
            top += 1
            starts[top], sizes[top], stage[top] = at, half, 0
        elif stage[top] == 1:  # the left half is in res: the right half next
            left[top], stage[top] = res, 2
            top += 1
            starts[top], sizes[top], stage[top] = at + half, size - half, 0
        else:
            res = left[top] + res
            top -= 1
    return res


@njit(cache=True)
def flip_descend(s, h, indptr, indices, data, tol, batch, crowd):
    """Flip nodes while that lowers frustration; the total change (see ``spins._flip_descend``).

    One at a time the node that lowers it most (the first of equals); when more than ``batch``
    would lower it, but fewer than ``n * crowd / entries``, all of them at once but those with an
    improving neighbour that lowers it more (or as much, with a smaller number).
    """
    n = len(s)
    sparse_enough = n * crowd / max(1, len(indices))
    d = np.empty(n)
    better = np.zeros(n, dtype=np.bool_)
    beaten = np.zeros(n, dtype=np.bool_)
    change = 0.0
    while True:
        count = 0
        for i in range(n):
            d[i] = s[i] * h[i]
            better[i] = d[i] < -tol
            count += better[i]
        if batch < count < sparse_enough:
            for o in range(n):
                beaten[o] = False
                if better[o]:
                    for p in range(indptr[o], indptr[o + 1]):
                        nb = indices[p]
                        if better[nb] and (d[o] > d[nb] or (d[o] == d[nb] and o > nb)):
                            beaten[o] = True
                            break
            picked = np.empty(count, dtype=np.int64)
            k = 0
            for o in range(n):
                if better[o] and not beaten[o]:
                    picked[k] = o
                    k += 1
            picked = picked[:k]
            gains = np.empty(k)
            for x in range(k):
                gains[x] = d[picked[x]]
            change += pairwise_sum(gains, 0, k)
            for x in range(k):
                s[picked[x]] = -s[picked[x]]
            if k <= 8:  # as flipped: rows one by one
                for x in range(k):
                    i = picked[x]
                    for p in range(indptr[i], indptr[i + 1]):
                        h[indices[p]] += (2.0 * s[i]) * data[p]
            else:  # summed apart, then added (numpy's bincount)
                add = np.zeros(n)
                for x in range(k):
                    i = picked[x]
                    for p in range(indptr[i], indptr[i + 1]):
                        add[indices[p]] += 2.0 * data[p] * s[i]
                for j in range(n):
                    h[j] = h[j] + add[j]
            continue
        i = 0
        for x in range(1, n):
            if d[x] < d[i]:
                i = x
        if d[i] >= -tol:
            return change
        change += d[i]
        s[i] = -s[i]
        for p in range(indptr[i], indptr[i + 1]):
            h[indices[p]] += (2.0 * s[i]) * data[p]


@njit(cache=True)
def flipped(s, h, pick, indptr, indices, data):
    """Spins ``s`` with the nodes ``pick`` (distinct) flipped, and their fields ``h + 2 A[:, pick]
    s'[pick]`` (see ``spins._flip``): up to eight rows added one by one, more summed apart first
    (numpy's bincount), as ``flip_descend`` does."""
    s2 = s.copy()
    for x in range(len(pick)):
        s2[pick[x]] = -s2[pick[x]]
    if len(pick) <= 8:
        h2 = h.copy()
        for x in range(len(pick)):
            i = pick[x]
            for p in range(indptr[i], indptr[i + 1]):
                h2[indices[p]] += (2.0 * s2[i]) * data[p]
        return s2, h2
    add = np.zeros(len(s))
    for x in range(len(pick)):
        i = pick[x]
        for p in range(indptr[i], indptr[i + 1]):
            add[indices[p]] += 2.0 * data[p] * s2[i]
    h2 = np.empty(len(s))
    for j in range(len(s)):
        h2[j] = h[j] + add[j]
    return s2, h2


@njit(cache=True)
def ball(i, size, indptr, indices):
    """Up to ``size`` nodes grown breadth-first from ``i``, neighbours in the order of their entries."""
    n = len(indptr) - 1
    pick = np.empty(max(1, min(size, n)), dtype=np.int64)
    seen = np.zeros(n, dtype=np.bool_)
    pick[0], seen[i], count, q = i, True, 1, 0
    while q < count and count < size:
        for p in range(indptr[pick[q]], indptr[pick[q] + 1]):
            j = indices[p]
            if not seen[j] and count < size:
                seen[j] = True
                pick[count] = j
                count += 1
        q += 1
    return pick[:count]


@njit(cache=True)
def symmetric_csr(n, u, v, vals):
    """CSR arrays of the symmetric matrix with ``A[u, v] = A[v, u] = vals`` (see ``spins.csr``),
    and whether a pair is given twice (then the arrays are not SciPy's, which sum it). Each row's
    entries are sorted by column, stably, from the ``(u, v)`` entries followed by the ``(v, u)``
    ones: the order of ``numpy.lexsort`` on them."""
    m = len(u)
    indptr = np.zeros(n + 1, dtype=np.int64)
    for e in range(m):
        indptr[u[e] + 1] += 1
        indptr[v[e] + 1] += 1
    for r in range(n):
        indptr[r + 1] += indptr[r]
    fill = indptr[:-1].copy()
    indices, data = np.empty(2 * m, dtype=np.int64), np.empty(2 * m)
    for side in range(2):
        for e in range(m):
            r, c = (u[e], v[e]) if side == 0 else (v[e], u[e])
            indices[fill[r]], data[fill[r]] = c, vals[e]
            fill[r] += 1
    twice = False
    for r in range(n):
        lo, hi = indptr[r], indptr[r + 1]
        order = np.argsort(indices[lo:hi], kind="mergesort")
        indices[lo:hi], data[lo:hi] = indices[lo:hi][order], data[lo:hi][order]
        for p in range(lo + 1, hi):
            if indices[p] == indices[p - 1]:
                twice = True
    return indptr, indices, data, twice


@njit(cache=True)
def csr_matvec(indptr, indices, data, x):
    """``A @ x`` for a CSR matrix, each row summed in the order of its entries from 0.0, as
    SciPy's ``csr_matvec`` does (the same products added in the same order: the same numbers)."""
    n = len(indptr) - 1
    y = np.empty(n)
    for i in range(n):
        acc = 0.0
        for p in range(indptr[i], indptr[i + 1]):
            acc += data[p] * x[indices[p]]
        y[i] = acc
    return y
