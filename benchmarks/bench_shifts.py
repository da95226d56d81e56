"""Shifts at scale: every pair of states tested over 20 years of months (issue 18).

The goal: ``blocwatch shifts`` over 20 years (240 months) and 5,000 pairs of states in under 30 s
and 2 GB. Each measurement runs in a fresh child process (its peak resident memory,
``ru_maxrss``, is its own; DuckDB has 2 threads) and does what the command does:
``Relations.shifts(start, end, limit=10, every=True)`` on a store: the monthly undirected dyad
table read as columns (*dyads*), every pair tested (*test*, the shipped permutation test) or, with
``--method largest-change``, every pair's largest change and change points (*search*), and the
drivers of the shifts listed (*drivers*). *load* is the imports and opening the store.

The stores come from a seeded SQL generator (DuckDB ``range`` and ``hash``): ``S`` states (the
relations benchmark's codes) give ``S (S - 1) / 2`` pairs. A pair's activity rank is a hash
permutation; its events per month are ``RATE / (1 + rank) ** ZIPF`` (rounded up or down at random):
the busiest pair has about 150 a month, the median one a few, the last ones one in several months,
as in GDELT's long tail. A pair's relation is a level ``N(0.3, 1)``; ``P_CHANGE`` of the pairs
move by ``N(0, 1.5)`` at a month between the first and last tenth of the window; every month adds
``N(0, 0.5)`` of noise. An event is cooperative with probability ``sigmoid(level)``, with a CAMEO
code and its Goldstein score drawn from short lists; a fifth carry a sentence of evidence.

Baselines, measured in the same run on the same stores:

- **the batch loop**: the shipped test with its orders drawn and scored batch by batch as before
  issue 18 (:mod:`blocwatch.analysis.significance` keeps that loop for the other tests): same
  p-values, its old cost (the rest of the run, reading the dyads as columns and the drivers, is
  today's);
- **the O(n^2) recursion** (before issue 18, :func:`reference_shifts`): each pair's split and
  change points one pair at a time, on the same smoothed series, at the small points: the
  library's :func:`~blocwatch.analysis.changepoints.exhaustive_split` and
  :func:`~blocwatch.analysis.changepoints.exhaustive_partition` (the loops of before, kept there
  as the references of the vectorised search);
- **a cumsum pass**: one ``numpy.cumsum`` over the pairs x months matrix, the least any
  change-point search over it costs.

Growth: 500, 1,000, 2,000 and 5,000 pairs (32, 45, 63 and 100 states) over 96 and 240 months.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from benchmarks.bench_relations import _USAGE, _disturbed, state_codes
from benchmarks.data import run_child

#: The goal.
GOAL_SECONDS, GOAL_MB = 30.0, 2048.0
#: (states, months) of the main measurement and of the growth curve.
MAIN = (100, 240)
POINTS = [(32, 96), (45, 96), (63, 96), (100, 96), (32, 240), (45, 240), (63, 240), MAIN]
#: The generator: seed, busiest pair's events per month, Zipf exponent over pairs, share of pairs
#: that change, first month.
SEED, RATE, ZIPF, P_CHANGE, START_YEAR = 20240619, 150.0, 0.75, 0.4, 2005
COOP = {"042": 1.9, "043": 2.8, "036": 4.0, "057": 8.0, "061": 6.4, "071": 7.4}
CONFLICT = {"111": -2.0, "112": -2.0, "130": -4.4, "173": -5.0, "190": -10.0}


def _uniform(key: str, salt: int) -> str:
    """A uniform number in [0, 1) from a BIGINT ``key`` and a ``salt`` (disjoint keys per draw)."""
    return f"((hash({key} * 64 + {salt} + {SEED << 8}) >> 11)::DOUBLE / 9007199254740992.0)"


def _normal(key: str, salt: int) -> str:
    return (f"(sqrt(-2 * ln(1 - {_uniform(key, salt)})) * cos(2 * pi() * {_uniform(key, salt + 1)}))")


def generator_sql(states: int, months: int) -> list[str]:
    """SQL filling ``events`` (an :class:`blocwatch.store.EventStore`'s table) with the synthetic events."""
    names = "[" + ", ".join(f"'{c}'" for c in state_codes(states)) + "]"

    def pick(options: dict[str, float], u: str) -> tuple[str, str]:
        """A code and its score, drawn uniformly from ``options`` by the uniform ``u``."""
        index = f"(1 + CAST(floor({u} * {len(options)}) AS INTEGER))"
        return (f"[{', '.join(repr(k) for k in options)}][{index}]",
                f"[{', '.join(repr(float(v)) for v in options.values())}][{index}]")

    (coop, coop_score), (conflict, conflict_score) = pick(COOP, "u"), pick(CONFLICT, "u")
    event = "(cell * 4096 + k)"
    return [
        f"""CREATE TEMP TABLE pairs AS
SELECT p, a, b, {RATE} / pow(1 + rank, {ZIPF}) AS rate, 0.3 + {_normal('p', 1)} AS base,
       CASE WHEN {_uniform('p', 3)} < {P_CHANGE} THEN 1.5 * {_normal('p', 4)} ELSE 0 END AS jump,
       CAST(floor({months} * (0.1 + 0.8 * {_uniform('p', 6)})) AS INTEGER) AS change_at
FROM (SELECT row_number() OVER (ORDER BY a, b) - 1 AS p, a, b,
             row_number() OVER (ORDER BY hash(a * 1000 + b + {SEED})) - 1 AS rank
      FROM range({states}) s(a), range({states}) t(b) WHERE a < b)""",
        f"""CREATE TEMP TABLE cells AS
SELECT p * {months} + m AS cell, p, a, b, m,
       CAST(floor(rate + {_uniform(f'(p * {months} + m)', 9)}) AS INTEGER) AS n,
       base + CASE WHEN m >= change_at THEN jump ELSE 0 END + 0.5 * {_normal(f'(p * {months} + m)', 10)} AS level
FROM pairs, range({months}) t(m)""",
        f"""INSERT INTO events BY NAME
SELECT 'e' || i AS event_id, date, s AS source, t AS target, s AS source_country, t AS target_country,
       CASE WHEN cooperative THEN {coop} ELSE {conflict} END AS cameo,
       substr(CASE WHEN cooperative THEN {coop} ELSE {conflict} END, 1, 2) AS cameo_root,
       CASE WHEN cooperative THEN 1 ELSE 4 END AS quad_class,
       CASE WHEN cooperative THEN {coop_score} ELSE {conflict_score} END AS goldstein,
       'factual' AS mode, 'day' AS date_precision, 'synthetic' AS origin, 'https://example.org/' || i AS url,
       0 AS ingest_id, TIMESTAMP '2026-01-01' AS ingested_at,
       CASE WHEN {_uniform('i', 12)} < 0.2 THEN 'synthetic sentence ' || i END AS evidence_text
FROM (
  SELECT {event} AS i,
         CAST(DATE '{START_YEAR}-01-01' + INTERVAL (m) MONTH AS DATE)
           + CAST(floor({_uniform(event, 11)} * 28) AS INTEGER) AS date,
         CASE WHEN {_uniform(event, 13)} < 0.5 THEN {names}[a + 1] ELSE {names}[b + 1] END AS s,
         CASE WHEN {_uniform(event, 13)} < 0.5 THEN {names}[b + 1] ELSE {names}[a + 1] END AS t,
         {_uniform(event, 14)} < 1 / (1 + exp(-level)) AS cooperative, {_uniform(event, 7)} AS u
  FROM (SELECT *, unnest(range(n)) AS k FROM cells WHERE n > 0)
)""",
    ]


# argv: database, JSON list of SQL statements.
GENERATE = _USAGE + """
import json, sys, time
from blocwatch.store import EventStore
t = time.perf_counter()
with EventStore(sys.argv[1]) as store:
    store.con.execute("SET threads = 2")
    for stmt in json.loads(sys.argv[2]):
        store.con.execute(stmt)
    store.con.execute("CHECKPOINT")
    rows = store.con.execute("SELECT count(*), count(DISTINCT least(source_country, target_country) || "
                             "greatest(source_country, target_country)) FROM events").fetchall()[0]
print(json.dumps({"events": rows[0], "pairs": rows[1], "seconds": time.perf_counter() - t, "peak_mb": peak_mb(),
                  "total_cpu": cpu()}))
"""

# argv: database, first month, last month, method, reference ("" or "loop").
SHIFTS = _USAGE + """
import json, sys, time
t0 = time.perf_counter()
import blocwatch.relations as rel
import blocwatch.shiftjob as job
from blocwatch.analysis import significance
from blocwatch.store import EventStore
stages = {"dyads": 0.0, "test": 0.0, "search": 0.0, "drivers": 0.0}
def timed(name, f):
    def g(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            stages[name] += time.perf_counter() - t
    return g
seen = {}
def dyad_columns(self, *a, **k):
    columns = read(self, *a, **k)
    seen["pairs"] = len(set(zip(columns["source"].tolist(), columns["target"].tolist())))
    return columns
read = rel.Relations._dyad_columns
rel.Relations._dyad_columns = timed("dyads", dyad_columns)
job.detect_shifts = timed("test", job.detect_shifts)  # the tested shifts run in blocwatch.shiftjob
rel.find_shifts = timed("search", rel.find_shifts)
rel.Relations.drivers_of = timed("drivers", rel.Relations.drivers_of)
if sys.argv[5] == "loop":  # the batch loop: the orders drawn and scored as before issue 18
    significance.tail_p_value = lambda *a, **k: None
with EventStore(sys.argv[1], read_only=True) as store:
    store.con.execute("SET threads = 2")
    stages["load"] = time.perf_counter() - t0
    found = rel.Relations(store).shifts(sys.argv[2], sys.argv[3], limit=10, every=True, method=sys.argv[4])
print(json.dumps({"seconds": time.perf_counter() - t0, "stages": stages, "peak_mb": peak_mb(), "total_cpu": cpu(),
                  "results": len(found), "supported": sum(s.supported for s in found),
                  "tested": len({(s.source, s.target) for s in found if s.status != "insufficient data"})
                  if sys.argv[4] == "tested" else None, "pairs": seen["pairs"],
                  "drivers": sum(len(s.drivers) for s in found)}))
"""

# argv: database, first month, last month. The change-point search before issue 18, one pair at a time
# (reference_shifts below), against the vectorised one and a cumsum pass over the same matrix.
SEARCH = _USAGE + """
import datetime as dt, json, sys, time
from dataclasses import replace
import numpy as np
from benchmarks.bench_shifts import reference_shifts
from blocwatch.analysis.monthly import pair_matrix
from blocwatch.analysis.shifts import find_shifts
from blocwatch.periods import period_end, period_range
from blocwatch.relations import RelationsOptions
from blocwatch.store import EventStore
(y0, m0), (y1, m1) = (map(int, sys.argv[2].split("-")), map(int, sys.argv[3].split("-")))
periods = period_range(dt.date(y0, m0, 1), dt.date(y1, m1, 1), "month")
q = replace(RelationsOptions().query, window="month", directed=False, start=periods[0],
            end=period_end(periods[-1], "month"))
with EventStore(sys.argv[1], read_only=True) as store:
    columns = store.con.sql(f"SELECT period, source, target, events, score_pos, score_neg FROM ({q.sql()}) d"
                            ).fetchnumpy()
out = {}
t = time.perf_counter(); new = find_shifts(columns, periods); out["vectorised_s"] = time.perf_counter() - t
_, (pos, neg, n) = pair_matrix(columns, periods, ("score_pos", "score_neg", "events"))
t = time.perf_counter(); np.cumsum(pos, axis=1); out["cumsum_s"] = time.perf_counter() - t
t = time.perf_counter(); old = reference_shifts(columns, periods); out["reference_s"] = time.perf_counter() - t
def exact(found):
    return [(s.source, s.target, s.at, s.before, s.after, s.change_points, s.events_before, s.events_after)
            for s in found]
out["same"] = exact(new) == exact(old)
out["pairs"], out["shifts"] = len(pos), len(new)
out["peak_mb"], out["total_cpu"] = peak_mb(), cpu()
print(json.dumps(out))
"""


def reference_shifts(columns: dict, periods: list) -> list:
    """``find_shifts`` as it was before issue 18: per pair, the smoothing month by month, the CUSUM
    split by a loop over splits and the change points by the full O(n^2) optimal-partition
    recursion (the reference)."""
    import numpy as np

    from blocwatch.analysis.changepoints import exhaustive_split
    from blocwatch.analysis.cooperation import net_cooperation
    from blocwatch.analysis.monthly import pair_matrix
    from blocwatch.analysis.shifts import Shift

    pairs, (pos, neg, n) = pair_matrix(columns, periods, ("score_pos", "score_neg", "events"))
    scale = 3 / np.minimum(np.arange(1, len(periods) + 1), 3)  # the 3-month smoothing, month by month
    out = []
    for (a, b), p, k, e in zip(pairs, pos, neg, n, strict=True):
        if e.sum() < 5:
            continue
        cp, ck = (np.convolve(x, np.ones(3))[:len(periods)] * scale for x in (p, k))
        y = np.array([net_cooperation(max(float(x), 0.0), max(float(z), 0.0)) for x, z in zip(cp, ck, strict=True)])
        found = exhaustive_split(y)
        if found is None:
            continue
        c = found[0]
        before, after = float(y[:c].mean()), float(y[c:].mean())
        if abs(after - before) < 0.1 or e[c:].sum() == 0:
            continue
        cps = tuple(periods[i] for i in _reference_partition(np.asarray(y)))
        out.append(Shift(a, b, periods[c], before, after, periods[0], periods[-1], int(e[:c].sum()), int(e[c:].sum()),
                         cps))
    out.sort(key=lambda s: (-abs(s.delta), s.source, s.target))
    return out


def _reference_partition(y, penalty: float = 2.0) -> list[int]:
    """The O(n^2) recursion of before issue 18 (now the library's reference for its vectorised search)."""
    from blocwatch.analysis.changepoints import change_penalty, exhaustive_partition

    if len(y) < 4:
        return []
    return exhaustive_partition(y, float(change_penalty(y[None, :], penalty)[0]), 2)


def _window(months: int) -> tuple[str, str]:
    last = START_YEAR * 12 + months - 1
    return f"{START_YEAR}-01", f"{last // 12}-{last % 12 + 1:02d}"


def _line(label: str, m: dict) -> str:
    st = m["stages"]
    work = st["test"] or st["search"]
    return (f"  {label:44s} load {st['load']:5.2f} dyads {st['dyads']:5.2f} {'test' if st['test'] else 'search'} "
            f"{work:6.2f} drivers {st['drivers']:5.2f} | total {m['seconds']:6.2f} s (CPU {m['total_cpu']:6.2f} s) "
            f"peak {m['peak_mb']:6,.0f} MB | {m['pairs']:,} pairs with events, {m['tested'] or 0:,} tested, "
            f"{m['supported']:,} supported listed, {m['drivers']} drivers" + _disturbed(m))


def run(repeat: int = 3) -> list[str]:
    """Run the shifts benchmark; return Markdown lines for docs/benchmarks.md."""
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="blocwatch-bench-shifts-") as tmp:
        points: dict[tuple[int, int], dict] = {}
        for states, months in POINTS:
            db = Path(tmp) / f"shifts-{states}-{months}.duckdb"
            gen = run_child(GENERATE, str(db), json.dumps(generator_sql(states, months)))
            first, last = _window(months)
            print(f"{states} states ({states * (states - 1) // 2:,} pairs), {months} months: {gen['events']:,} events "
                  f"generated in {gen['seconds']:.1f} s", flush=True)
            runs = [run_child(SHIFTS, str(db), first, last, "tested", "")
                    for _ in range(repeat if (states, months) == MAIN else 1)]
            for r in runs:
                print(_line("tested (blocwatch shifts)", r), flush=True)
            point = {"gen": gen, "tested": _median(runs),
                     "largest": run_child(SHIFTS, str(db), first, last, "largest-change", "")}
            print(_line("largest change", point["largest"]), flush=True)
            if (states, months) == MAIN or states == 32:
                point["loop"] = run_child(SHIFTS, str(db), first, last, "tested", "loop")
                print(_line("baseline: the batch loop", point["loop"]), flush=True)
            if states == 32:
                point["search"] = run_child(SEARCH, str(db), first, last)
                s = point["search"]
                print(f"  search of {s['pairs']:,} pairs: vectorised {s['vectorised_s']:.2f} s, O(n^2) reference "
                      f"{s['reference_s']:.2f} s ({s['reference_s'] / s['vectorised_s']:.0f}x), a cumsum pass "
                      f"{s['cumsum_s'] * 1e3:.2f} ms; results {'identical' if s['same'] else 'DIFFERENT'}", flush=True)
            points[(states, months)] = point
            db.unlink()
    main = points[MAIN]["tested"]
    met = main["seconds"] < GOAL_SECONDS and main["peak_mb"] < GOAL_MB
    loop = points[MAIN]["loop"]
    print(f"goal (< {GOAL_SECONDS:.0f} s, < {GOAL_MB:,.0f} MB) for {MAIN[0] * (MAIN[0] - 1) // 2:,} pairs over "
          f"{MAIN[1]} months: {'met' if met else 'NOT met'} ({main['seconds']:.1f} s, {main['peak_mb']:,.0f} MB); "
          f"the test takes {main['stages']['test']:.1f} s against {loop['stages']['test']:.1f} s for the batch loop "
          f"({loop['stages']['test'] / main['stages']['test']:.1f}x)", flush=True)
    lines += ["| pairs | months | events | job | load s | dyads s | test or search s | drivers s | total s | CPU s "
              "| peak memory | pairs with events | pairs tested | supported shifts listed | goal |",
              "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    for (states, months), point in sorted(points.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        jobs = [("blocwatch shifts" + (f" (median of {repeat})" if (states, months) == MAIN else ""), point["tested"]),
                ("--method largest-change", point["largest"])]
        if "loop" in point:
            jobs.append(("baseline: the test's batch loop of before issue 18", point["loop"]))
        for label, m in jobs:
            st = m["stages"]
            goal = ("yes" if met else "no") if m is main else ""
            work = st["test"] or st["search"]
            lines.append(f"| {states * (states - 1) // 2:,} | {months} | {point['gen']['events']:,} | {label} | "
                         f"{st['load']:.2f} | {st['dyads']:.2f} | {work:.2f} | {st['drivers']:.2f} "
                         f"| {m['seconds']:.2f} | {m['total_cpu']:.2f} | {m['peak_mb']:,.0f} MB | {m['pairs']:,} | "
                         f"{'' if m['tested'] is None else format(m['tested'], ',')} | {m['supported']:,} | {goal} |")
    lines += ["", "| pairs | months | vectorised search s | O(n^2) reference s | ratio | cumsum pass ms "
              "| search / cumsum | identical |", "|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    for (_, months), point in sorted(points.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if "search" in point:
            s = point["search"]
            lines.append(f"| {s['pairs']:,} | {months} | {s['vectorised_s']:.3f} | {s['reference_s']:.2f} | "
                         f"{s['reference_s'] / s['vectorised_s']:.0f}x | {s['cumsum_s'] * 1e3:.2f} | "
                         f"{s['vectorised_s'] / max(s['cumsum_s'], 1e-9):,.0f}x | {'yes' if s['same'] else 'NO'} |")
    disturbed = [f"{s * (s - 1) // 2:,} pairs x {mo} months" for (s, mo), p in points.items()
                 if any(_disturbed(m) for m in (p["tested"], p["largest"]))]
    if disturbed:
        lines += ["", "Disturbed (other processes used the CPU meanwhile): " + ", ".join(disturbed) + "."]
    return lines


def _median(runs: list[dict]) -> dict:
    out = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
    out["seconds"] = statistics.median(r["seconds"] for r in runs)
    out["peak_mb"] = max(r["peak_mb"] for r in runs)
    other = [r["other_cpu"] for r in runs]
    out["other_cpu"] = None if None in other else max(other)
    return out
