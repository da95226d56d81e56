"""The shift test's random orders, fast: its *p*-value when every candidate change lasts to the end.

The shipped test (:class:`blocwatch.analysis.significance.ShiftTest` defaults: a pair's months
shuffled, each side's level the mean of its months) compares, for each candidate month ``k``, the
months from ``k`` on with those before (``(k, m)`` segments), in ``permutations`` random orders of
the pair's ``m`` months. :func:`tail_p_value` gives the same *p*-value as the general loop
(:meth:`blocwatch.analysis.significance.ShiftTest` documents the test) from the same random
numbers, and leaves the generator where that loop leaves it, so that every pair after it draws
the same orders too. What changes is the work per order:

- **the same draws**: an order is the ranks (``numpy.argsort``) of ``m`` uniform doubles of
  ``Generator.random``, each the top 53 bits of one 64-bit output of the generator. The doubles
  are ranked as 32- or 64-bit integer keys that hold their top bits and the month's index (a
  faster sort than of doubles with indices); a row whose top bits tie is ranked by
  ``numpy.argsort`` of its doubles, as the loop ranks every row. Orders are scored in a few large
  chunks rather than the loop's batches (bounded by ``2,000,000 // (m * candidates)`` scores); at
  the end the generator is set back and advanced past exactly the batches the loop would have
  drawn, up to the one that held the stopping order. Large arrays are allocated once per run
  (:class:`Workspace`): a fresh one costs a page fault per 4 KB at first touch, which on a virtual
  machine can cost more than the arithmetic;
- **exact hits, checked cheaply**: an order reaches the observed statistic when some candidate's
  ``|z|`` does. For candidates where the event minimum cannot fail (enough months on both sides
  for any order), ``z`` is linear in the order's cumulative sum, ``alpha_k * total - beta_k *
  sum_k``: that form, without divisions, decides every order whose largest ``|z|`` is farther from
  the observed one than a bound on the rounding of both forms; the few orders within it, and the
  candidates near the ends (where the event minimum is checked), are scored with the loop's own
  formula and operations. The hits, hence the *p*-value, are the loop's, bit for bit.

Examples
--------
>>> rng = np.random.default_rng(1)
>>> value = np.r_[np.zeros(8), np.ones(8)] + rng.normal(0, 0.3, 16)
>>> p = tail_p_value(np.full(16, 3.0), value, float(value.var(ddof=1)), 10, np.arange(3, 14), 4.0, 999,
...                  np.random.default_rng(7), most=999)
>>> round(p, 3)
0.001
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["FIRST_BATCH", "STOP_AFTER", "Workspace", "batch_ends", "tail_p_value"]

#: Random orders at least as extreme as the observed one after which a test stops.
STOP_AFTER = 20

#: Random orders in the general loop's first batch; later batches are 4 times larger, up to ``most``.
FIRST_BATCH = 25

#: Scores (orders times months) computed at once.
_CHUNK = 1 << 19
_EPS = float(np.finfo(float).eps)


def batch_ends(permutations: int, most: int) -> np.ndarray:
    """Cumulative sizes of the general loop's batches: ``FIRST_BATCH`` (at most ``most``) orders,
    then each batch 4 times the last, at most ``most``, until ``permutations``.

    Examples
    --------
    >>> batch_ends(999, 300).tolist()
    [25, 125, 425, 725, 999]
    """
    ends, size, done = [], min(FIRST_BATCH, most), 0
    while done < permutations:
        size = min(size, permutations - done)
        done += size
        ends.append(done)
        size = min(4 * size, most)
    return np.array(ends, dtype=np.int64)


class Workspace:
    """Arrays reused by every test of a run, grown as needed.

    Examples
    --------
    >>> work = Workspace()
    >>> a = work.get("x", (2, 3), float)
    >>> work.get("x", (3, 2), float).base is a.base
    True
    """

    def __init__(self) -> None:
        self._arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type | np.dtype) -> np.ndarray:
        """An uninitialised C-contiguous array of ``shape``, the memory of ``name`` reused."""
        size = math.prod(shape)
        flat = self._arrays.get(name)
        if flat is None or flat.size < size or flat.dtype != dtype:
            flat = self._arrays[name] = np.empty(max(size, 2 * (flat.size if flat is not None else 0)), dtype)
        return flat[:size].reshape(shape)


def tail_p_value(count: np.ndarray, value: np.ndarray, var: float, min_events: int, cuts: np.ndarray,
                 observed: float, permutations: int, rng: np.random.Generator, *, most: int,
                 work: Workspace | None = None) -> float | None:
    """The sequential Monte Carlo *p*-value of ``observed`` over changes lasting to the end.

    Parameters
    ----------
    count : array (m,)
        Events of each unit (month), whole numbers.
    value : array (m,)
        Each unit's value (its events' mean score); a side's level is the mean of its units.
    var : float
        The variance the statistic assumes.
    min_events : int
        Events needed on each side.
    cuts : array of int
        Candidate months ``k`` (``0 < k < m``): the change starts at the ``k``-th unit of an order.
    observed : float
        The observed largest ``|z|``.
    permutations : int
        Most random orders.
    rng : numpy.random.Generator
        A PCG64 generator, left where the general loop would leave it.
    most : int
        The general loop's largest batch.
    work : Workspace, optional
        Arrays to reuse (pass one to every test of a run).

    Returns
    -------
    float or None
        ``STOP_AFTER`` over the orders drawn up to the one that made ``STOP_AFTER`` reach
        ``observed``, else ``(1 + reached) / (1 + permutations)``; None when this path does not
        apply (another generator, more than 2,048 units, counts that are not whole numbers):
        the general loop then runs.
    """
    count, value = np.asarray(count, dtype=float), np.asarray(value, dtype=float)
    m, bits = len(value), max(1, (len(value) - 1).bit_length())
    bg = rng.bit_generator
    whole = bool(np.all(count == np.floor(count))) and float(count.sum()) < 2.0**52
    if type(bg) is not np.random.PCG64 or bits > 11 or not whole or not len(cuts):
        return None
    work = work or Workspace()
    score = _Scorer(count, value, var, min_events, np.asarray(cuts, dtype=np.int64), observed - 1e-12, bits)
    ends = batch_ends(permutations, most)
    start = bg.state
    done = reached = drawn = 0
    size = min(FIRST_BATCH, permutations)
    stop: int | None = None
    while done < permutations:
        size = min(size, permutations - done)
        draws = rng.random(out=work.get("draws", (size, m), float))
        drawn += size
        hits = score(draws, work)
        found = int(np.count_nonzero(hits))
        if reached + found >= STOP_AFTER:
            stop = done + int(np.flatnonzero(hits)[STOP_AFTER - reached - 1]) + 1
            break
        reached += found
        done += size
        # the next chunk: about what the hit rate so far says the stop needs (the result does not depend on it)
        want = 4 * size if not reached else (STOP_AFTER - reached) * done // reached * 5 // 4 + 8
        size = max(FIRST_BATCH, min(want, _CHUNK // m))
    used = permutations if stop is None else int(ends[np.searchsorted(ends, stop)])
    if used != drawn:  # the loop drew exactly its batches up to the stopping order's
        bg.state = start
        bg.advance(used * m)
    return (1 + reached) / (permutations + 1) if stop is None else STOP_AFTER / stop


class _Scorer:
    """Whether each random order (a row of draws) reaches the observed statistic."""

    def __init__(self, count: np.ndarray, value: np.ndarray, var: float, min_events: int, cuts: np.ndarray,
                 threshold: float, bits: int) -> None:
        m = len(value)
        self.m, self.bits, self.count, self.value, self.threshold = m, bits, count, value, threshold
        self.total_count, self.min_events = float(count.sum()), min_events
        wi, wo = (m - cuts).astype(float), cuts.astype(float)
        den = np.sqrt(var * (1 / wi + 1 / wo))  # as the loop computes it, cut by cut
        low = float(count.min())
        safe = (cuts * low >= min_events) & ((m - cuts) * low >= min_events)  # no order can fail the minimum
        k, edge = cuts[safe], cuts[~safe]
        self.inner = slice(int(k[0]) - 1, int(k[-1])) if len(k) and np.all(np.diff(k) == 1) else k - 1
        self.wi, self.wo, self.den = wi[safe, None], wo[safe, None], den[safe, None]
        alpha = (1 / self.wi) / self.den
        self.beta = (1 / self.wi + 1 / self.wo) / self.den
        self.offset = alpha * float(np.cumsum(value)[-1])
        size = float(np.abs(value).sum())
        self.slack = 1e-12 + 8 * _EPS * ((m + 16) * (float(self.beta.max()) if len(k) else 0.0) * size + threshold + 1)
        # candidates near the ends: the events before the change counted from the start (left) or the end
        self.left, self.right = edge[2 * edge < m], edge[2 * edge >= m]
        self.edge = np.r_[self.left, self.right]
        self.edge_w = (wi[~safe, None], wo[~safe, None], den[~safe, None])
        self.reach = (int(self.left.max()) if len(self.left) else 0, int(self.right.min()) if len(self.right) else m)

    def __call__(self, draws: np.ndarray, work: Workspace) -> np.ndarray:
        order = _orders(draws, self.bits, work)  # (m, rows)
        sums = work.get("sums", order.shape, float)
        np.take(self.value, order, out=sums, mode="wrap")
        np.cumsum(sums, axis=0, out=sums)  # sums[k - 1]: the first k units of each order
        total = sums[-1]
        hits = np.zeros(order.shape[1], dtype=bool)
        if len(self.edge):
            hits |= self._edges(order, sums, total)
        if len(self.wi):
            head = sums[self.inner]
            approx = work.get("approx", head.shape, float)
            np.multiply(self.beta, head, out=approx)
            np.subtract(self.offset, approx, out=approx)
            top = np.maximum(approx.max(axis=0), -approx.min(axis=0))
            slack = self.slack + 8 * _EPS * top
            hits |= top - slack >= self.threshold
            unsure = np.flatnonzero((top + slack >= self.threshold) & (top - slack < self.threshold))
            if len(unsure):  # close to the threshold: the loop's own formula
                z = self._z(total[unsure], head[:, unsure], self.wi, self.wo, self.den)
                hits[unsure] = (np.abs(z) >= self.threshold).any(axis=0)
        return hits

    @staticmethod
    def _z(total: np.ndarray, head: np.ndarray, wi: np.ndarray, wo: np.ndarray, den: np.ndarray) -> np.ndarray:
        inside = total - head  # the loop's operations, in its order
        outside = total - inside
        return (inside / wi - outside / wo) / den

    def _edges(self, order: np.ndarray, sums: np.ndarray, total: np.ndarray) -> np.ndarray:
        """Hits among the candidates near the ends, where an order can leave a side short of events."""
        (left, right), parts = self.reach, []
        if len(self.left):
            parts.append(self.count[order[:left]].cumsum(axis=0)[self.left - 1])
        if len(self.right):
            tail = self.count[order[:right - 1:-1]].cumsum(axis=0)  # the last units, backwards
            parts.append(self.total_count - tail[self.m - self.right - 1])
        before = np.concatenate(parts) if len(parts) > 1 else parts[0]
        inside = self.total_count - before
        z = self._z(total, sums[self.edge - 1], *self.edge_w)
        ok = (inside >= self.min_events) & (before >= self.min_events) & (np.abs(z) >= self.threshold)
        return ok.any(axis=0)


def _orders(draws: np.ndarray, bits: int, work: Workspace) -> np.ndarray:
    """``(m, rows)``: column ``r`` is ``argsort`` of draws row ``r``, from integer keys holding a
    draw's top bits (exact: a draw is a multiple of 2**-53) and its index in the low ``bits``."""
    rows, m = draws.shape
    small = bits <= 9  # 32-bit keys when the top bits leave few ties, else 64-bit
    kind, high, shift = (np.uint32, 32 - bits, bits) if small else (np.uint64, 53, 11)
    keys = work.get(f"keys{32 if small else 64}", draws.shape, kind)
    np.multiply(draws, float(2**high), out=keys, casting="unsafe")  # the top ``high`` bits (exact: 2**-53 steps)
    keys <<= kind(shift)
    keys |= np.arange(m, dtype=kind)
    keys.sort(axis=1)
    gaps = work.get(f"gaps{32 if small else 64}", (rows, m - 1), kind)
    np.bitwise_xor(keys[:, 1:], keys[:, :-1], out=gaps)
    tied = gaps.min(axis=1, initial=np.iinfo(kind).max) < (1 << shift)  # same top bits: rank by the doubles
    keys &= kind((1 << shift) - 1)
    order = work.get("order", (m, rows), np.intp)
    np.copyto(order, keys.T)
    if tied.any():
        order[:, tied] = np.argsort(draws[tied], axis=1).T
    return order
