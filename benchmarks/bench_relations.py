"""Monthly relations at scale: dyads, signed networks, balance and blocs from 10 million events.

The issue's goal: 10 million synthetic events, 200 states, 24 months, monthly undirected dyads,
networks and balance in under 60 s and 2 GB peak memory on 2 cores. Each measurement runs in a
fresh child process so that its peak resident memory (``ru_maxrss``, DuckDB's buffers included)
is its own; DuckDB runs with ``threads = 2``.

The events come from a seeded generator written in SQL (DuckDB ``range`` and ``hash``), into the
``events`` table of a DuckDB file under a temporary directory: 10 million rows in a few seconds
and little memory. It mimics GDELT's shape:

* actors: 200 ISO alpha-3 codes (``TOP_STATES`` first, in a GDELT-like order, then the shipped
  codes alphabetically); the acting state's activity rank is Zipf-like (weight ~ 1 / rank^1.1):
  USA 13 % of actor slots, RUS 7.6 %, CHN 5.4 %, GBR 4.2 %, UKR 3.4 % in the default run;
* targets: 3 % the actor itself (domestic, left out of dyads), 35 % a state of the actor's own
  bloc (Zipf-like within the bloc), the rest Zipf-like over all states (so the top states meet
  most): the 20 busiest of the 19,900 pairs carry 18 % of the events between states;
* blocs: a state's bloc is its activity rank modulo 6, blocs 0, 3, 4 form one camp and 1, 2, 5
  the other (synthetic: it says nothing about the real states). A pair's latent sign is +1 in
  the same bloc, 0 in the same camp, -1 across camps, negated for 10 % of pairs (by a hash of the
  pair): the network has two camps with frustrated ties between them;
* quad classes by latent sign (``MIX``): +1 70/14/10/6 %, 0 64/10/15/11 %, -1 46/5/26/23 %
  (verbal coop / material coop / verbal conflict / material conflict); overall 60.4 / 10.0 /
  16.6 / 13.0 % against GDELT's roughly 60 / 10 / 17 / 13 %;
* CAMEO codes drawn per quad class from a GDELT-like list (``CODES``: statements, visits,
  consultations ...), each with its Goldstein score from the shipped taxonomy: mean Goldstein
  2.4, 6.9, -3.2, -7.7 for quad classes 1 to 4;
* dates uniform over 2023-01 .. 2024-12 (383,000 to 425,000 events a month at 10 million);
  every event ``mode = 'factual'``, between states as a whole (no sector).

The generator prints these shares for the main data set; generating is timed apart and is not
part of the goal. The pipeline measured (the goal) is what ``Relations.networks`` does, then the
balance functions: open the file; the dyad table of blocwatch's default query, monthly and
undirected (*dyads*);
``add_net``, ``to_pylist``, grouping by month and ``network_from_relations(EdgeRule())`` for the
24 months (*networks*); then per network ``triangle_balance`` (*triangles*),
``frustration(method="auto", time_limit=FRUSTRATION_BUDGET)`` (*frustration*: the solver gets
the budget, the local search and triangle packing before it do not) and ``blocs`` (*blocs*,
``k`` chosen from 1 to 6). *load* is the imports and opening the file; *total* is the whole
child, load included. A reference run, once, gives the solver ``EXACT_BUDGET`` per network to
show what an exact frustration index for every month costs.

Baseline, on the same file in the same run: pandas reading the same columns from DuckDB and
``groupby`` to the same monthly undirected dyad table (row counts checked equal), against which
the dyad stage is compared; reference: a bare DuckDB ``GROUP BY`` counting events per month and pair.
Scaling: the pipeline once at 1, 3 and 10 million events (200 states) and at 50, 100 and 200
states (3 million events); the 10-million point is the main measurement.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from benchmarks.data import run_child

#: The issue's goal for the 10-million-event pipeline.
GOAL_SECONDS, GOAL_MB = 60.0, 2048.0
#: Solver seconds per monthly network in ``frustration(method="auto")``, 24 networks: what the
#: 60 s goal leaves. An exact solution of a 10-million-event month takes about 3 s of solver time;
#: the reference run gives it EXACT_BUDGET to show what exact answers for every month cost.
FRUSTRATION_BUDGET, EXACT_BUDGET = 0.5, 30.0
#: (events, states) of the main measurement and of the scaling points.
MAIN = (10_000_000, 200)
SCALING = [(1_000_000, 200), (3_000_000, 200), MAIN, (3_000_000, 50), (3_000_000, 100)]

#: Seed of the synthetic event generator (every run builds the same events).
SEED = 20240619
#: 24 months: 2023-01-01 .. 2024-12-31 (731 days).
START, DAYS = "2023-01-01", 731
#: Exponent of the Zipf-like activity of states (rank r is drawn with weight ~ 1 / (r + 1) ** ZIPF).
ZIPF = 1.1
#: Synthetic blocs: a state's bloc is its activity rank modulo BLOCS; blocs form two camps.
BLOCS = 6
CAMP_A = (0, 3, 4)
#: Share of events with the same state on both sides, and of events aimed at a state of the
#: actor's own bloc (the rest pick a target by activity, like the actor).
P_DOMESTIC, P_ALLY = 0.03, 0.35
#: Share of state pairs whose latent sign is flipped (allies at odds, rivals cooperating).
P_FLIP = 0.10
#: Quad class mix (verbal coop, material coop, verbal conflict, material conflict) by the
#: latent sign of the dyad: +1 allied (same bloc), 0 neutral (same camp, or domestic),
#: -1 rival (other camp).
MIX = {1: (0.70, 0.14, 0.10, 0.06), 0: (0.64, 0.10, 0.15, 0.11), -1: (0.46, 0.05, 0.26, 0.23)}
#: CAMEO codes drawn within each quad class, with their weights (Goldstein from the taxonomy).
CODES = {
    1: {"010": 16, "012": 8, "020": 5, "036": 10, "040": 14, "042": 14, "043": 12, "046": 6, "051": 10, "057": 5},
    2: {"061": 30, "062": 10, "064": 5, "070": 20, "071": 15, "073": 12, "081": 5, "085": 3},
    3: {"090": 8, "100": 10, "111": 30, "112": 20, "120": 10, "128": 5, "130": 10, "138": 7},
    4: {"141": 10, "145": 3, "150": 7, "163": 5, "172": 5, "173": 25, "180": 8, "182": 7, "190": 15, "193": 10,
        "195": 4, "204": 1},
}
#: The most active states first (a GDELT-like order), then the rest of the shipped ISO alpha-3 codes
#: alphabetically. Bloc membership is synthetic and says nothing about the real states.
TOP_STATES = ("USA", "RUS", "CHN", "GBR", "UKR", "IRN", "FRA", "SYR", "PRK", "DEU", "ISR", "TUR")


def state_codes(n: int) -> list[str]:
    """The ``n`` state codes of the generator, most active first."""
    import csv

    from blocwatch.data import __file__ as data_init

    path = Path(data_init).with_name("countries.csv")
    with open(path, encoding="utf-8") as fh:
        rest = sorted(r["iso3"] for r in csv.DictReader(fh) if r["iso3"] not in TOP_STATES)
    codes = list(TOP_STATES) + rest
    if not 2 * BLOCS <= n <= len(codes):
        raise ValueError(f"the generator has {len(codes)} states; ask for {2 * BLOCS} to {len(codes)}")
    return codes[:n]


def _uniform(key: str, seed: int) -> str:
    """A uniform number in [0, 1) from a BIGINT ``key`` (a fresh key for every draw).

    DuckDB's one-argument ``hash`` mixes well; its several-argument form does not (``hash(i, 7, 1)``
    and ``hash(i, 7, 3)`` correlate at 0.88), so the keys are disjoint integers instead.
    """
    return f"(hash({key} + {seed << 32}) >> 11)::DOUBLE / 9007199254740992.0"


def _zipf(u: str, m: str) -> str:
    """A rank in 0 .. m-1 with weight ~ 1 / (rank + 1) ** ZIPF (inverse of the continuous CDF)."""
    e = 1.0 - ZIPF
    return f"least(CAST(floor(pow(1 + {u} * (pow({m} + 1, {e}) - 1), {1 / e})) AS BIGINT) - 1, {m} - 1)"


def _cases(var: str, cumulative: list[tuple[float, str]]) -> str:
    whens = " ".join(f"WHEN {var} < {c!r} THEN {v}" for c, v in cumulative[:-1])
    return f"CASE {whens} ELSE {cumulative[-1][1]} END"


def _cumulative(weights: list[float], values: list[str]) -> list[tuple[float, str]]:
    total, acc, out = sum(weights), 0.0, []
    for w, v in zip(weights, values, strict=True):
        acc += w
        out.append((acc / total, v))
    return out


def generator_sql(events: int, states: int, seed: int = SEED) -> list[str]:
    """SQL statements creating ``events`` (and a small ``states`` table: code, rank, bloc, camp) in DuckDB.

    Every event ``i`` draws seven uniforms (``u1`` actor, ``u2`` kind of target, ``u3`` target,
    ``u4`` a fix-up when the target drawn is the actor, ``u5`` quad class, ``u6`` CAMEO code,
    ``u7`` day); states are handled as activity ranks ``sr``, ``tr`` until the end.
    """
    from blocwatch.taxonomy import load_taxonomy

    cameo = load_taxonomy().cameo
    codes = state_codes(states)
    flat = [c for ws in CODES.values() for c in ws]
    assert all(cameo[c].quad_class == q for q, ws in CODES.items() for c in ws)
    pick_code, first = [], 1  # 1-based positions in the flat code list
    for q, ws in CODES.items():
        positions = [str(first + k) for k in range(len(ws))]
        first += len(ws)
        pick_code.append(f"WHEN {q} THEN {_cases('u6', _cumulative(list(ws.values()), positions))}")
    pick_quad = [f"WHEN {sign} THEN {_cases('u5', _cumulative(list(mix), ['1', '2', '3', '4']))}"
                 for sign, mix in MIX.items()]

    def sql_list(items: list[str]) -> str:
        return "[" + ", ".join(items) + "]"

    def camp(rank: str) -> str:
        return f"CASE WHEN {rank} % {BLOCS} IN ({', '.join(map(str, CAMP_A))}) THEN 0 ELSE 1 END"

    uniforms = ", ".join(f"{_uniform(f'i * 16 + {k}', seed)} AS u{k}" for k in range(1, 8))
    pair_uniform = _uniform("(least(sr, tr) * 1024 + greatest(sr, tr)) * 16 + 15", seed)  # disjoint from events'
    members = f"(({states} - 1 - sr % {BLOCS}) // {BLOCS} + 1)"  # states of the actor's bloc
    same_bloc = f"sr % {BLOCS} + {BLOCS} * ((zb + CASE WHEN sr % {BLOCS} + {BLOCS} * zb = sr THEN 1 ELSE 0 END) % m)"
    any_other = f"(zt + CASE WHEN zt = sr THEN 1 + CAST(floor(u4 * ({states} - 1)) AS BIGINT) ELSE 0 END) % {states}"
    values = ", ".join(f"('{c}', {r}, {r % BLOCS}, {0 if r % BLOCS in CAMP_A else 1})" for r, c in enumerate(codes))
    return [
        f"CREATE TABLE states AS SELECT * FROM (VALUES {values}) t(code, rank, bloc, camp)",
        f"""CREATE TABLE events AS
WITH r AS (
  SELECT i, {uniforms} FROM range({events}) t(i)
), s AS (
  SELECT *, {_zipf('u1', str(states))} AS sr FROM r
), z AS (
  SELECT *, {_zipf('u3', members)} AS zb, {_zipf('u3', str(states))} AS zt, {members} AS m FROM s
), t AS (
  SELECT *, CASE WHEN u2 < {P_DOMESTIC} THEN sr WHEN u2 < {P_DOMESTIC + P_ALLY} THEN {same_bloc}
                 ELSE {any_other} END AS tr FROM z
), p AS (
  SELECT *,
    CASE WHEN sr = tr THEN 0 WHEN sr % {BLOCS} = tr % {BLOCS} THEN 1 WHEN {camp('sr')} = {camp('tr')} THEN 0
         ELSE -1 END
    * CASE WHEN {pair_uniform} < {P_FLIP} THEN -1 ELSE 1 END AS latent
  FROM t
), q AS (
  SELECT *, CASE latent {' '.join(pick_quad)} END AS quad FROM p
), c AS (
  SELECT *, CASE quad {' '.join(pick_code)} END AS k FROM q
)
SELECT DATE '{START}' + CAST(floor(u7 * {DAYS}) AS INTEGER) AS date,
  {sql_list([f"'{c}'" for c in codes])}[sr + 1] AS source_country,
  {sql_list([f"'{c}'" for c in codes])}[tr + 1] AS target_country,
  {sql_list([f"'{c}'" for c in flat])}[k] AS cameo,
  CAST(quad AS TINYINT) AS quad_class,
  CAST({sql_list([repr(float(cameo[c].goldstein)) for c in flat])}[k] AS DOUBLE) AS goldstein,
  'factual' AS mode,
  'day' AS date_precision,
  CAST(NULL AS VARCHAR) AS source_sector,
  CAST(NULL AS VARCHAR) AS target_sector
FROM c""",
    ]


CHECK_SQL = {
    "quad": "SELECT quad_class, round(count(*) / (SELECT count(*) FROM events), 4), round(avg(goldstein), 2) "
            "FROM events GROUP BY 1 ORDER BY 1",
    "domestic": "SELECT round(avg(CAST(source_country = target_country AS DOUBLE)), 4) FROM events",
    "top_actors": "SELECT c, round(count(*) / (SELECT 2 * count(*) FROM events), 4) FROM (SELECT source_country c "
                  "FROM events UNION ALL SELECT target_country FROM events) GROUP BY c ORDER BY 2 DESC LIMIT 5",
    "latent": "SELECT CASE WHEN s.bloc = t.bloc THEN 'same bloc' WHEN s.camp = t.camp THEN 'same camp' ELSE "
              "'other camp' END, round(count(*) / (SELECT count(*) FROM events), 4) FROM events e JOIN states s ON "
              "s.code = e.source_country JOIN states t ON t.code = e.target_country WHERE e.source_country <> "
              "e.target_country GROUP BY 1 ORDER BY 1",
    "dyads": "SELECT count(*), round(sum(n) FILTER (WHERE rk <= 20) / sum(n), 4) FROM (SELECT least(source_country, "
             "target_country) a, greatest(source_country, target_country) b, count(*) n, row_number() OVER "
             "(ORDER BY count(*) DESC) rk FROM events WHERE source_country <> target_country GROUP BY 1, 2)",
    "months": "SELECT min(n), max(n) FROM (SELECT date_trunc('month', date), count(*) n FROM events GROUP BY 1)",
}


# CPU seconds of the process and its finished children, and its peak resident memory.
_USAGE = """
import resource
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                         resource.RUSAGE_CHILDREN)))
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

# argv: database, JSON list of SQL statements, JSON dict of check queries.
GENERATE = _USAGE + """
import json, os, sys, time
import duckdb
t = time.perf_counter()
con = duckdb.connect(sys.argv[1])
con.execute("SET threads = 2")
for stmt in json.loads(sys.argv[2]):
    con.execute(stmt)
con.execute("CHECKPOINT")
seconds, peak = time.perf_counter() - t, peak_mb()
rows = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
checks = {name: con.execute(sql).fetchall() for name, sql in json.loads(sys.argv[3]).items()}
con.close()
print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak, "total_cpu": cpu(),
                  "file_mb": os.path.getsize(sys.argv[1]) / 2**20, "checks": checks}, default=str))
"""

# argv: database, solver seconds per network.
PIPELINE = _USAGE + """
import json, statistics, sys, time
t0 = time.perf_counter()
import duckdb
from dataclasses import replace
from blocwatch.dyads import dyad_table
from blocwatch.relations import RelationsOptions
from blocwatch.analysis.balance import frustration, triangle_balance
from blocwatch.analysis.blocs import blocs
from blocwatch.analysis.network import EdgeRule, network_from_relations
from blocwatch.analysis.cooperation import add_net
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SET threads = 2")
budget = float(sys.argv[2])
stages = {"load": time.perf_counter() - t0}
def lap(name, t):
    stages[name] = stages.get(name, 0.0) + time.perf_counter() - t
    return time.perf_counter()
t = time.perf_counter()
table = dyad_table(con, replace(RelationsOptions().query, window="month", directed=False))
t = lap("dyads", t)
dyad_rows = table.num_rows
rows = add_net(table).to_pylist()
del table
by_period = {}
for r in rows:
    by_period.setdefault(r["period"], []).append(r)
t = lap("rows", t)
rule = EdgeRule()
nets = [network_from_relations(rs, rule, label=p.strftime("%Y-%m")) for p, rs in sorted(by_period.items())]
del rows, by_period
lap("networks", t)
per_net = []
for net in nets:
    t = time.perf_counter()
    tb = triangle_balance(net)
    t = lap("triangles", t)
    f = frustration(net, method="auto", time_limit=budget, seed=0)
    t = lap("frustration", t)
    b = blocs(net, seed=0)
    lap("blocs", t)
    per_net.append({"nodes": len(net.nodes), "edges": len(net.edges),
                    "positive": sum(e.sign > 0 for e in net.edges), "triangles": tb.triangles,
                    "balanced_ratio": tb.ratio, "frustration": f.value, "exact": f.exact, "gap": f.gap,
                    "method": f.method, "frustration_s": f.seconds, "blocs": b.k,
                    "bloc_sizes": [len(g) for g in b.blocs]})
stages["networks"] += stages.pop("rows")
print(json.dumps({"dyad_rows": dyad_rows, "stages": stages, "seconds": time.perf_counter() - t0,
                  "peak_mb": peak_mb(), "total_cpu": cpu(), "networks": per_net}))
"""

# argv: database. The tested shift detector over the whole span, every pair (what `blocwatch shifts`
# does after reading the monthly undirected dyad table).
SHIFTS = _USAGE + """
import json, sys, time
t0 = time.perf_counter()
from dataclasses import replace
import duckdb
from blocwatch.analysis.significance import detect_shifts
from blocwatch.dyads import dyad_table
from blocwatch.relations import RelationsOptions
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SET threads = 2")
q = replace(RelationsOptions().query, window="month", directed=False)
rows = dyad_table(con, q).select(["period", "source", "target", "events", "score_pos", "score_neg",
                                  "score_pos_sq", "score_neg_sq"]).to_pylist()
months = sorted({r["period"] for r in rows})
t1 = time.perf_counter()
found = detect_shifts(rows, months)
test_s = time.perf_counter() - t1
pairs = {(s.source, s.target) for s in found}
tested = {(s.source, s.target) for s in found if s.status != "insufficient data"}
supported = {(s.source, s.target) for s in found if s.supported}
print(json.dumps({"pairs": len(pairs), "tested": len(tested), "supported": len(supported), "months": len(months),
                  "seconds": time.perf_counter() - t0, "test_s": test_s, "peak_mb": peak_mb(),
                  "total_cpu": cpu()}))
"""

# The baseline: pandas computes the same monthly undirected dyad table from the same rows.
PANDAS = _USAGE + """
import json, sys, time
import duckdb
import numpy as np
import pandas as pd
t = time.perf_counter()
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SET threads = 2")
df = con.sql("SELECT date, source_country, target_country, quad_class, goldstein, mode FROM events").df()
df = df[df["source_country"].notna() & df["target_country"].notna()
        & (df["source_country"] != df["target_country"]) & (df["mode"] == "factual")]
s, g = df["source_country"].to_numpy(), df["target_country"].to_numpy()
swap = s > g
q, gold = df["quad_class"].to_numpy(), df["goldstein"].to_numpy()
out = pd.DataFrame({
    "period": df["date"].dt.to_period("M").to_numpy(), "source": np.where(swap, g, s), "target": np.where(swap, s, g),
    "goldstein": gold, "pos": np.where(gold > 0, gold, 0.0), "neg": np.where(gold < 0, -gold, 0.0),
    "q1": q == 1, "q2": q == 2, "q3": q == 3, "q4": q == 4,
}).groupby(["period", "source", "target"], sort=True).agg(
    events=("goldstein", "size"), goldstein_sum=("goldstein", "sum"), goldstein_mean=("goldstein", "mean"),
    score_pos=("pos", "sum"), score_neg=("neg", "sum"), verbal_coop=("q1", "sum"), material_coop=("q2", "sum"),
    verbal_conflict=("q3", "sum"), material_conflict=("q4", "sum")).reset_index()
seconds = time.perf_counter() - t
print(json.dumps({"dyad_rows": len(out), "seconds": seconds, "peak_mb": peak_mb(), "total_cpu": cpu()}))
"""

# Reference: DuckDB alone, counting events per month and unordered pair.
DUCKDB_COUNT = _USAGE + """
import json, sys, time
import duckdb
t = time.perf_counter()
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SET threads = 2")
n = len(con.sql("SELECT date_trunc('month', date) AS period, least(source_country, target_country) AS a, "
                "greatest(source_country, target_country) AS b, count(*) AS events FROM events "
                "WHERE source_country <> target_country AND mode = 'factual' GROUP BY 1, 2, 3").to_arrow_table())
print(json.dumps({"dyad_rows": n, "seconds": time.perf_counter() - t, "peak_mb": peak_mb(), "total_cpu": cpu()}))
"""

STAGES = ("load", "dyads", "networks", "triangles", "frustration", "blocs")


def generate(db: Path, events: int, states: int) -> dict:
    """Write the synthetic events into ``db``; the generator's time, peak memory and checks."""
    return run_child(GENERATE, str(db), json.dumps(generator_sql(events, states)), json.dumps(CHECK_SQL))


def _median(runs: list[dict]) -> dict:
    """Median seconds (per stage too), the largest peak and disturbance over ``runs``."""
    out = dict(runs[len(runs) // 2])
    out["seconds"] = statistics.median(r["seconds"] for r in runs)
    out["peak_mb"] = max(r["peak_mb"] for r in runs)
    other = [r["other_cpu"] for r in runs]
    out["other_cpu"] = None if None in other else max(other)
    if "stages" in out:
        out["stages"] = {k: statistics.median(r["stages"][k] for r in runs) for k in STAGES}
    return out


def _disturbed(m: dict) -> str:
    other = m.get("other_cpu")
    return f" [disturbed: other processes used {other:.1f} CPU s]" if other and other > 0.1 * m["seconds"] else ""


def _summary(m: dict) -> dict:
    nets = m["networks"]
    gaps = [n["gap"] for n in nets if not n["exact"]]
    edges = sorted(n["edges"] for n in nets)
    return {"nets": len(nets), "edges_min": edges[0], "edges_med": statistics.median(edges), "edges_max": edges[-1],
            "nodes_max": max(n["nodes"] for n in nets), "exact": sum(n["exact"] for n in nets),
            "mean_gap": statistics.fmean(n["gap"] for n in nets), "mean_gap_heuristic": statistics.fmean(gaps)
            if gaps else 0.0, "max_gap": max(n["gap"] for n in nets),
            "balanced": statistics.fmean(n["balanced_ratio"] for n in nets if n["balanced_ratio"] is not None),
            "positive": sum(n["positive"] for n in nets) / max(1, sum(n["edges"] for n in nets)),
            "blocs": sorted({n["blocs"] for n in nets})}


def _print_checks(label: str, gen: dict) -> None:
    c = gen["checks"]
    quads = ", ".join(f"{q}: {share:.1%} (Goldstein {g:+.2f})" for q, share, g in c["quad"])
    print(f"  {label}: generated {gen['rows']:,} events in {gen['seconds']:.2f} s, peak {gen['peak_mb']:,.0f} MB, "
          f"file {gen['file_mb']:,.0f} MB", flush=True)
    print(f"    quad classes {quads}", flush=True)
    print(f"    domestic {c['domestic'][0][0]:.1%}; top actors "
          + ", ".join(f"{a} {share:.1%}" for a, share in c["top_actors"])
          + "; events between states: " + ", ".join(f"{k} {share:.1%}" for k, share in c["latent"])
          + f"; {c['dyads'][0][0]:,} pairs, the top 20 carry {c['dyads'][0][1]:.1%}; "
          f"events per month {c['months'][0][0]:,} .. {c['months'][0][1]:,}", flush=True)


def _pipeline_line(label: str, m: dict) -> str:
    st, sm = m["stages"], _summary(m)
    return (f"  {label:34s} " + " ".join(f"{k} {st[k]:5.2f}" for k in STAGES)
            + f" | total {m['seconds']:6.2f} s (CPU {m['total_cpu']:6.2f} s) peak {m['peak_mb']:6,.0f} MB | "
            f"{m['dyad_rows']:,} dyad rows, edges/network {sm['edges_min']:,}..{sm['edges_max']:,} "
            f"(median {sm['edges_med']:,.0f}), exact {sm['exact']}/{sm['nets']}, mean gap {sm['mean_gap']:.2%}"
            + _disturbed(m))


def run(repeat: int = 3) -> list[str]:
    """Run the relations benchmark; return Markdown lines for docs/benchmarks.md."""
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="blocwatch-bench-") as tmp:
        dbs = {point: Path(tmp) / f"events-{point[0]}-{point[1]}.duckdb" for point in SCALING}
        print(f"generator (seed {SEED}):", flush=True)
        gens = {MAIN: generate(dbs[MAIN], *MAIN)}
        _print_checks(f"{MAIN[0]:,} events, {MAIN[1]} states", gens[MAIN])

        print(f"pipeline on {MAIN[0]:,} events, {MAIN[1]} states, {repeat} run(s), frustration solver budget "
              f"{FRUSTRATION_BUDGET:g} s per network:", flush=True)
        runs: dict[str, list[dict]] = {"blocwatch": [], "pandas": [], "duckdb": []}
        for _ in range(repeat):
            runs["blocwatch"].append(run_child(PIPELINE, str(dbs[MAIN]), str(FRUSTRATION_BUDGET)))
            print(_pipeline_line("blocwatch pipeline", runs["blocwatch"][-1]), flush=True)
            runs["pandas"].append(run_child(PANDAS, str(dbs[MAIN])))
            runs["duckdb"].append(run_child(DUCKDB_COUNT, str(dbs[MAIN])))
        main, pandas, count = (_median(runs[k]) for k in ("blocwatch", "pandas", "duckdb"))
        exact = run_child(PIPELINE, str(dbs[MAIN]), str(EXACT_BUDGET))
        print(_pipeline_line(f"reference: solver budget {EXACT_BUDGET:g} s", exact), flush=True)
        assert pandas["dyad_rows"] == main["dyad_rows"] == count["dyad_rows"], (pandas, main, count)
        shifts = run_child(SHIFTS, str(dbs[MAIN]))
        shifts_line = (f"Shifts (`blocwatch shifts` over the whole 24 months, every pair, 1 run, not in the goal): "
                       f"{shifts['seconds']:.1f} s in all, {shifts['test_s']:.1f} s of it testing, peak "
                       f"{shifts['peak_mb']:,.0f} MB; {shifts['pairs']:,} pairs, {shifts['tested']:,} with enough data "
                       f"to test, {shifts['supported']:,} with a supported shift (the generator's relations do not "
                       f"change over time, so about 5% of those tested is the expected false-claim rate)."
                       + _disturbed(shifts))
        print("  " + shifts_line, flush=True)
        dyads = main["stages"]["dyads"]
        for label, m in (("baseline: pandas read + groupby", pandas), ("reference: DuckDB GROUP BY count", count)):
            print(f"  {label:34s} {m['seconds']:6.2f} s (CPU {m['total_cpu']:6.2f} s) peak {m['peak_mb']:6,.0f} MB, "
                  f"{m['dyad_rows']:,} rows; blocwatch dyad stage {dyads:.2f} s = {dyads / m['seconds']:.2f}x"
                  + _disturbed(m), flush=True)
        sm = _summary(main)
        met = main["seconds"] < GOAL_SECONDS and main["peak_mb"] < GOAL_MB
        print(f"  goal (< {GOAL_SECONDS:.0f} s, < {GOAL_MB:,.0f} MB): {'met' if met else 'NOT met'}; "
              f"{sm['exact']}/{sm['nets']} frustration results exact, mean gap {sm['mean_gap']:.2%} "
              f"(heuristic ones {sm['mean_gap_heuristic']:.2%}, max {sm['max_gap']:.2%}); balanced triangles "
              f"{sm['balanced']:.1%}; positive edges {sm['positive']:.1%}; blocs found {sm['blocs']}", flush=True)

        c = gens[MAIN]["checks"]
        lines += [f"Generator (seed {SEED}, {MAIN[0]:,} events, {MAIN[1]} states, 24 months): quad classes "
                  + ", ".join(f"{q}: {share:.1%}" for q, share, _ in c["quad"])
                  + f"; domestic {c['domestic'][0][0]:.1%}; top actors "
                  + ", ".join(f"{a} {share:.1%}" for a, share in c["top_actors"])
                  + f"; generated in {gens[MAIN]['seconds']:.1f} s (peak {gens[MAIN]['peak_mb']:,.0f} MB, "
                  f"file {gens[MAIN]['file_mb']:,.0f} MB), not part of the goal.", "",
                  "| job | " + " | ".join(f"{k} s" for k in STAGES) + " | total s | CPU s | peak memory | dyad rows | "
                  "edges per network (median) | frustration exact | mean gap | dyads s / pandas s | goal |",
                  "|---|" + "---:|" * (len(STAGES) + 8) + ":---:|",
                  f"| blocwatch, {MAIN[0]:,} events, {MAIN[1]} states, solver budget {FRUSTRATION_BUDGET:g} s | "
                  + " | ".join(f"{main['stages'][k]:.2f}" for k in STAGES)
                  + f" | {main['seconds']:.2f} | {main['total_cpu']:.2f} | {main['peak_mb']:,.0f} MB | "
                  f"{main['dyad_rows']:,} | {sm['edges_min']:,}..{sm['edges_max']:,} ({sm['edges_med']:,.0f}) | "
                  f"{sm['exact']}/{sm['nets']} | {sm['mean_gap']:.2%} | {dyads / pandas['seconds']:.2f}x | "
                  f"{'yes' if met else 'no'} |"]
        se = _summary(exact)
        lines.append(f"| reference: blocwatch, frustration solver budget {EXACT_BUDGET:g} s per network (1 run) | "
                     + " | ".join(f"{exact['stages'][k]:.2f}" for k in STAGES)
                     + f" | {exact['seconds']:.2f} | {exact['total_cpu']:.2f} | {exact['peak_mb']:,.0f} MB | "
                     f"{exact['dyad_rows']:,} | {se['edges_min']:,}..{se['edges_max']:,} ({se['edges_med']:,.0f}) | "
                     f"{se['exact']}/{se['nets']} | {se['mean_gap']:.2%} | | "
                     f"{'yes' if exact['seconds'] < GOAL_SECONDS and exact['peak_mb'] < GOAL_MB else 'no'} |")
        for label, m in (("baseline: pandas read + groupby (dyads only)", pandas),
                         ("reference: DuckDB GROUP BY count (dyads only)", count)):
            ratio = m["seconds"] / pandas["seconds"]
            lines.append(f"| {label} |" + " |" * len(STAGES) + f" {m['seconds']:.2f} | {m['total_cpu']:.2f} | "
                         f"{m['peak_mb']:,.0f} MB | {m['dyad_rows']:,} | | | | {ratio:.2f}x | |")
        lines += ["", shifts_line]

        print("scaling (one run per point; the 10-million point is the main measurement):", flush=True)
        points = {MAIN: main}
        for point in SCALING:
            if point == MAIN:
                continue
            gens[point] = generate(dbs[point], *point)
            points[point] = run_child(PIPELINE, str(dbs[point]), str(FRUSTRATION_BUDGET))
            print(f"  {point[0]:>10,} events {point[1]:3d} states: generated in {gens[point]['seconds']:.2f} s",
                  flush=True)
            print(_pipeline_line("", points[point]), flush=True)
            dbs[point].unlink()
        lines += ["", "| events | states | generate s | dyads s | networks s | triangles s | frustration s | blocs s "
                  "| total s | peak memory | dyad rows | edges per network (median) | frustration exact |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for point in sorted(SCALING, key=lambda p: (p[1] != MAIN[1], p[1], p[0])):
            m, sm = points[point], _summary(points[point])
            lines.append(f"| {point[0]:,} | {point[1]} | {gens[point]['seconds']:.2f} | "
                         + " | ".join(f"{m['stages'][k]:.2f}" for k in STAGES[1:])
                         + f" | {m['seconds']:.2f} | {m['peak_mb']:,.0f} MB | {m['dyad_rows']:,} | "
                         f"{sm['edges_med']:,.0f} | {sm['exact']}/{sm['nets']} |")
    disturbed = [label for label, m in [("main", main), ("pandas", pandas), ("count", count), ("exact", exact)]
                 + [(f"{p[0]:,}/{p[1]}", points[p]) for p in SCALING] if _disturbed(m)]
    if disturbed:
        lines += ["", "Disturbed (other processes used the CPU meanwhile, figures too slow): "
                  + ", ".join(disturbed) + "."]
    return lines
