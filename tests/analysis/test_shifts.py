"""Change points, shifts and their drivers on hand-made series; the search over every pair at once
(PELT, the vectorised split) against brute force and the one-series-at-a-time computation."""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pytest

from blocwatch.analysis.changepoints import (
    best_splits,
    change_penalty,
    exhaustive_partition,
    exhaustive_split,
    optimal_partitions,
)
from blocwatch.analysis.shifts import best_split, change_points, drivers, find_shifts, smoothed
from blocwatch.drivers import shift_drivers
from blocwatch.errors import InputError

MONTHS = [date(2023 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 25)]


def monthly(source, target, values):
    """Rows for find_shifts: per month (events, cooperation, conflict)."""
    return [{"period": p, "source": source, "target": target, "events": n, "score_pos": c, "score_neg": k}
            for p, (n, c, k) in zip(MONTHS, values, strict=False) if n]


def test_change_points_find_steps_and_ignore_noise():
    assert change_points([0.0] * 8 + [0.8] * 8) == [8]
    assert change_points([0.5] * 6 + [-0.5] * 6 + [0.5] * 6) == [6, 12]
    rng = np.random.default_rng(0)
    assert change_points(rng.normal(0, 0.1, 40)) == []
    assert change_points([1.0, 2.0]) == []  # too short for two segments


def test_best_split_and_smoothing():
    assert best_split(np.array([0.0] * 5 + [1.0] * 5))[0] == 5
    assert best_split(np.array([1.0, 2.0, 3.0])) is None
    assert smoothed(np.array([10.0, 0.0, 0.0, 0.0]), np.zeros(4), smooth=2, alpha=10.0).tolist() == [2 / 3, 0.5, 0.0,
                                                                                                     0.0]
    with pytest.raises(InputError):
        smoothed(np.zeros(3), np.zeros(3), smooth=0)


def test_find_shifts_ranks_a_warming_and_a_cooling():
    warm = monthly("PRK", "RUS", [(0, 0, 0)] * 12 + [(8, 40.0, 2.0)] * 12)
    cool = monthly("RUS", "UKR", [(10, 30.0, 5.0)] * 10 + [(30, 10.0, 200.0)] * 14)
    flat = monthly("CHN", "RUS", [(5, 20.0, 1.0)] * 24)
    thin = monthly("JPN", "PRK", [(0, 0, 0)] * 20 + [(1, 0.0, 8.0)] * 2)
    found = {(s.source, s.target): s for s in find_shifts(warm + cool + flat + thin, MONTHS)}
    assert set(found) == {("PRK", "RUS"), ("RUS", "UKR")}  # flat has no shift, thin has 2 events < 5
    w, c = found[("PRK", "RUS")], found[("RUS", "UKR")]
    assert (w.direction, w.at, w.events_before, w.events_after) == ("closer", date(2024, 1, 1), 0, 96)
    assert w.before == 0.0 and w.after > 0.6
    assert (c.direction, c.at) == ("apart", date(2023, 11, 1))
    assert c.before > 0.4 and c.after < -0.7
    assert list(find_shifts(warm + cool, MONTHS))[0].source == "RUS"  # the larger move first


def test_fixed_split():
    warm = monthly("PRK", "RUS", [(0, 0, 0)] * 12 + [(8, 40.0, 2.0)] * 12)
    s = find_shifts(warm, MONTHS, split=date(2023, 7, 1))[0]
    assert s.at == date(2023, 7, 1) and s.events_before == 0 and s.events_after == 96
    with pytest.raises(InputError, match="inside the range"):
        find_shifts(warm, MONTHS, split=date(2022, 1, 1))


def test_drivers_group_by_root_and_prefer_sentences():
    evs = [{"cameo": "042", "score": 1.9, "date": "2024-06-19", "evidence_text": ""},
           {"cameo": "042", "score": 1.9, "date": "2024-06-20", "evidence_text": "Putin arrived in Pyongyang."},
           {"cameo": "057", "score": 8.0, "date": "2024-06-19", "evidence_text": "They signed a treaty."},
           {"cameo": "051", "score": 3.4, "date": "2024-06-19", "evidence_text": "Kim praised Putin."},
           {"cameo": "190", "score": -10.0, "date": "2024-06-21", "evidence_text": "Shelling."},
           {"cameo": "010", "score": 0.0, "date": "2024-06-21", "evidence_text": "A statement."}]
    got = drivers(evs, 1, names={"05": "ENGAGE IN DIPLOMATIC COOPERATION"})
    assert [(d.root, d.events, d.contribution, d.codes, d.name) for d in got] == [
        ("05", 2, 11.4, {"057": 1, "051": 1}, "ENGAGE IN DIPLOMATIC COOPERATION"), ("04", 2, 3.8, {"042": 2}, "")]
    assert [e["evidence_text"] for e in got[0].examples] == ["They signed a treaty.", "Kim praised Putin."]
    assert got[1].examples[0]["evidence_text"] == "Putin arrived in Pyongyang."
    assert [d.root for d in drivers(evs, -1)] == ["19"]
    assert len(drivers(evs, 1, limit=1)) == 1 and len(drivers(evs, 1, examples=1)[0].examples) == 1
    with pytest.raises(InputError):
        drivers(evs, 0)


def test_falling_silent_is_not_a_move():
    """Friendly months, a big cooperative one, then one hostile month and silence: the smoothing
    window keeps the cooperative month in the hostile month's level and the hostile month in
    the silent months' levels, so the best split falls after the last event. Silence is no
    change of relations; the same months with the hostility going on are a move apart."""
    tail = [(5, 200.0, 0.0), (0, 0, 0), (3, 0.0, 40.0)]
    assert find_shifts(monthly("KOR", "UKR", [(2, 10.0, 0.0)] * 19 + tail + [(0, 0, 0)] * 2), MONTHS) == []
    loud = find_shifts(monthly("KOR", "UKR", [(2, 10.0, 0.0)] * 19 + tail + [(3, 0.0, 40.0)] * 2), MONTHS)
    assert [(s.direction, s.events_after) for s in loud] == [("apart", 6)]


# -- at scale: every pair at once, the same numbers ------------------------------------------------

def brute_partition(y: np.ndarray, beta: float, min_size: int) -> tuple[float, list[int]]:
    """The least penalised cost over every partition of ``y`` into segments of at least
    ``min_size`` points (squared error around each segment's mean, ``beta`` per change)."""
    n = len(y)

    def cost(a: int, b: int) -> float:
        seg = y[a:b]
        return float(((seg - seg.mean()) ** 2).sum())

    best: tuple[float, list[int]] = (np.inf, [])
    for mask in range(1 << (n - 1)):  # a change before point i + 1 when bit i is set
        cuts = [i + 1 for i in range(n - 1) if mask >> i & 1]
        edges = [0, *cuts, n]
        if min(b - a for a, b in zip(edges, edges[1:], strict=False)) < min_size:
            continue
        total = sum(cost(a, b) for a, b in zip(edges, edges[1:], strict=False)) + beta * len(cuts)
        if total < best[0]:
            best = (total, cuts)
    return best


def penalised(y: np.ndarray, cuts: list[int], beta: float) -> float:
    edges = [0, *cuts, len(y)]
    return sum(float(((y[a:b] - y[a:b].mean()) ** 2).sum()) for a, b in zip(edges, edges[1:], strict=False)) \
        + beta * len(cuts)


@pytest.mark.parametrize("min_size", [1, 2, 3])
def test_pelt_finds_the_brute_force_optimal_partition(min_size):
    """Many short random series (steps, noise, spikes) at once: the partitions PELT finds are the
    least penalised of every possible partition, found by enumerating them all."""
    rng = np.random.default_rng(min_size)
    for n in range(1, 11):
        steps = np.repeat(rng.normal(0, 1, (40, 4)), 3, axis=1)[:, :n]
        rows = np.vstack([steps + rng.normal(0, 0.2, (40, n)), rng.normal(0, 1, (40, n)),
                          (rng.random((40, n)) < 0.3) * rng.normal(0, 2, (40, n))])
        if n < 2 * min_size:
            assert optimal_partitions(rows, min_size=min_size) == [[]] * len(rows)
            continue
        beta = change_penalty(rows)
        for y, b, got in zip(rows, beta, optimal_partitions(rows, min_size=min_size), strict=True):
            cost, want = brute_partition(y, float(b), min_size)
            assert got == want and penalised(y, got, float(b)) == pytest.approx(cost, abs=1e-9)


def test_pelt_keeps_the_full_recursions_choice_between_equal_costs():
    """Series of repeated values (whole numbers, flat stretches, zeros) tie: the pruned search gives
    the full O(n^2) recursion's answer, change for change, for every row and penalty."""
    rng = np.random.default_rng(7)
    rows = np.vstack([rng.integers(-2, 3, (60, 30)), np.repeat(rng.integers(-1, 2, (60, 6)), 5, axis=1),
                      np.zeros((2, 30)), np.tile([0.0, 1.0], (2, 15))]).astype(float)
    for penalty in (0.5, 2.0, 8.0):
        for min_size in (1, 2, 4):
            beta = change_penalty(rows, penalty)
            want = [exhaustive_partition(y, float(b), min_size) for y, b in zip(rows, beta, strict=True)]
            assert optimal_partitions(rows, penalty=penalty, min_size=min_size) == want
    walks = np.cumsum(rng.normal(0, 0.3, (12, 150)), axis=1)  # long series: most starts pruned
    beta = change_penalty(walks)
    assert optimal_partitions(walks) == [exhaustive_partition(y, float(b), 2) for y, b in zip(walks, beta, strict=True)]
    assert change_points([np.nan, 0.0, 1.0, 1.0]) == []  # NaN: the scalar recursion, which finds nothing


def test_the_vectorised_best_split_is_each_series_split_bit_for_bit():
    rng = np.random.default_rng(11)
    for n in (1, 3, 4, 5, 24, 97):
        rows = np.vstack([rng.normal(0, 1, (30, n)), rng.integers(0, 2, (30, n)), np.zeros((1, n)),
                          np.r_[np.zeros(n // 2), np.ones(n - n // 2)][None, :]])
        for min_size in (1, 2, 3):
            cuts, stats = best_splits(rows, min_size)
            got = [None if c < 0 else (int(c), float(s)) for c, s in zip(cuts, stats, strict=True)]
            assert got == [exhaustive_split(y, min_size) for y in rows]


def test_find_shifts_reads_columns_as_it_reads_rows():
    warm = monthly("PRK", "RUS", [(0, 0, 0)] * 12 + [(8, 40.0, 2.0)] * 12)
    cool = monthly("RUS", "UKR", [(10, 30.0, 5.0)] * 10 + [(30, 10.0, 200.0)] * 14)
    rows = warm + cool + monthly("CHN", "RUS", [(5, 20.0, 1.0)] * 24)
    columns = {k: np.array([r[k] for r in rows], dtype="datetime64[D]" if k == "period" else None) for k in rows[0]}
    assert find_shifts(columns, MONTHS) == find_shifts(rows, MONTHS) != []
    assert find_shifts({k: v[:0] for k, v in columns.items()}, MONTHS) == []


class Recording:
    """A DuckDB connection that remembers how many rows each query returned."""

    def __init__(self, con):
        self.con, self.rows = con, []

    def execute(self, sql, params):
        self.rows.append((sql, len(self.con.execute(sql, params).fetchall())))
        return self.con.execute(sql, params)


def test_drivers_from_the_store_are_the_drivers_of_every_event_with_evidence_capped():
    """400 events of a pair after its change: the drivers the store computes equal drivers() of all
    of them, and the evidence fetched is one example per code shown, at most limit * examples rows."""
    rng = np.random.default_rng(5)
    codes = ["042", "043", "046", "051", "057", "061", "071", "073", "111", "190", None]
    events = [(f"e{i:04d}", date(2024, 1 + i % 6, 1 + i % 27), codes[i % len(codes)],
               None if codes[i % len(codes)] else "AGREE", round(float(rng.normal(1.0, 4.0)), 1),
               None if i % 3 else f"sentence {i}") for i in range(400)]
    con = duckdb.connect()
    con.execute("CREATE TABLE events (event_id VARCHAR, date DATE, cameo VARCHAR, plover VARCHAR, goldstein DOUBLE, "
                "evidence_text VARCHAR, source_country VARCHAR, target_country VARCHAR)")
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*e, *(("PRK", "RUS") if i % 2 else ("RUS", "PRK"))) for i, e in enumerate(events)])
    columns = ("event_id", "date", "cameo", "plover", "evidence_text")
    rows = [dict(zip((*columns, "score"), r, strict=True)) for r in con.execute(
        f"SELECT {', '.join(columns)}, goldstein AS score FROM events ORDER BY date, event_id").fetchall()]
    for r in rows:
        r["date"] = r["date"].isoformat()
    con.execute("INSERT INTO events VALUES ('x1', DATE '2024-02-02', '057', NULL, 8.0, 'elsewhere', 'CHN', 'RUS')")
    for direction, limit, examples in ((1, 5, 3), (-1, 2, 2), (1, 20, 1)):
        recording = Recording(con)
        moves = [("PRK", "RUS", date(2024, 1, 1), date(2024, 6, 30), direction),
                 ("PRK", "RUS", date(2024, 4, 1), date(2024, 6, 30), -direction)]
        got = shift_drivers(recording, ["cameo IS DISTINCT FROM ?"], ["999"], "goldstein", columns, moves,
                            limit=limit, examples=examples, names={"04": "CONSULT"})
        assert got == [drivers([r for r in rows if r["date"] >= first.isoformat()], d, limit=limit, examples=examples,
                               names={"04": "CONSULT"}) for *_, first, _, d in moves]
        assert all(got)
        evidence = [n for sql, n in recording.rows if "evidence_text" in sql.split("FROM")[0]]
        assert evidence == [sum(len(d.examples) for found in got for d in found)]
        assert evidence[0] <= 2 * limit * examples  # the cap: limit x examples events per move
