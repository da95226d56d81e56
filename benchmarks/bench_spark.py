"""Spark local[2] against DuckDB on one machine: 10 million GDELT-shaped rows ingested and aggregated,
and news coded by Spark against the plain multi-process coder.

Input: the seeded event generator of :mod:`benchmarks.bench_relations` (10 million events, 200
states, 24 months) written out as GDELT 2.0 export files (61 tab-separated fields: ids, dates,
actors with CAMEO country codes, event codes, quad classes, Goldstein scores, counts, tone,
action geography, DATEADDED and a source URL; about 290 bytes a line, under benchmarks/.work).
Every measurement is a fresh child process; peak memory is the child's ``ru_maxrss`` and, for
Spark, the peak resident memory of the JVM and of the largest Python worker (``VmHWM`` read from
/proc just before the session stops). DuckDB runs with 2 threads, Spark with ``local[2]`` and
blocwatch's local defaults (2 GiB driver memory).

- ingest: ``ingest_files(store, [folder], "gdelt")`` into a new store, against
  ``SparkIngest.run`` writing a run folder (events, quarantine, ingests as Parquet);
- monthly dyads: ``dyad_table(con, DyadQuery(window="month"))`` on that store, against
  ``SparkDyads.table`` on the run folder (row counts checked equal);
- shifts and balance: every pair's tested shifts over the 24 months (``Relations.shifts`` without
  drivers, against :func:`~blocwatch.spark.shifts.spark_shifts`) and the monthly balance of the 30
  most active states (``Relations.balance`` against :func:`~blocwatch.spark.structure.spark_balance`),
  checked equal;
- coding: the demo corpus replicated to ``CODER_SENTENCES`` sentences, ``Coder.code_many`` with
  1 and 2 worker processes against ``SparkCoding.code`` on ``local[2]`` (events checked equal).

JVM start-up (about 10 s) is inside the Spark totals and reported apart.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import tempfile
from pathlib import Path

from benchmarks.bench_coder import COUNT
from benchmarks.bench_relations import MAIN, SEED, generator_sql
from benchmarks.data import WORK, demo_records, replicated_jsonl, run_child

#: Lines per generated export file (about 30 MB each).
LINES_PER_FILE = 100_000
#: The coding corpus is the demo briefs replicated to at least this many sentences.
CODER_SENTENCES = 4_000

_USAGE = """
import resource, os
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def tree_peaks():
    # peak resident memory (VmHWM) of every process below this one: the JVM and Spark's Python workers
    out = []
    def walk(pid):
        kids = []
        for task in os.listdir(f"/proc/{pid}/task") if os.path.isdir(f"/proc/{pid}/task") else []:
            try:  # children of every thread: the JVM starts Spark's Python workers from one of its threads
                kids += open(f"/proc/{pid}/task/{task}/children").read().split()
            except OSError:
                pass
        for k in kids:
            try:
                status = open(f"/proc/{k}/status").read()
                name = open(f"/proc/{k}/comm").read().strip()
            except OSError:
                continue
            hwm = [int(x.split()[1]) for x in status.splitlines() if x.startswith("VmHWM")]
            out.append((name, hwm[0] / 1024 if hwm else 0.0))
            walk(k)
    walk(os.getpid())
    jvm = max([m for n, m in out if n == "java"] or [0.0])
    workers = max([m for n, m in out if n.startswith("python")] or [0.0])
    return jvm, workers
"""

WRITE = """
import json, sys, time
import duckdb
from blocwatch.store import EventStore
db, out, statements, per_file = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
t = time.perf_counter()
con = duckdb.connect(db)
con.execute("SET threads = 2")
for s in statements:
    con.execute(s)
with EventStore(":memory:") as lookups:
    con.register("codes", lookups.query("SELECT iso3, cameo, fips, name FROM countries"))
    con.execute("CREATE TABLE c AS SELECT * FROM codes")
rows = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
con.execute(f'''COPY (
  SELECT 100000000 + e.i AS GLOBALEVENTID, strftime(e.date, '%Y%m%d') AS SQLDATE, strftime(e.date, '%Y%m') AS MonthYear,
    year(e.date) AS Year, round(year(e.date) + dayofyear(e.date) / 365.0, 4) AS FractionDate,
    s.cameo AS Actor1Code, upper(s.name) AS Actor1Name, s.cameo AS Actor1CountryCode,
    NULL AS a1g, NULL AS a1e, NULL AS a1r1, NULL AS a1r2, 'GOV' AS Actor1Type1Code, NULL AS a1t2, NULL AS a1t3,
    t.cameo AS Actor2Code, upper(t.name) AS Actor2Name, t.cameo AS Actor2CountryCode,
    NULL AS a2g, NULL AS a2e, NULL AS a2r1, NULL AS a2r2, NULL AS Actor2Type1Code, NULL AS a2t2, NULL AS a2t3,
    CASE WHEN e.i % 3 = 0 THEN 0 ELSE 1 END AS IsRootEvent, e.cameo AS EventCode, e.cameo AS EventBaseCode,
    left(e.cameo, 2) AS EventRootCode, e.quad_class AS QuadClass, e.goldstein AS GoldsteinScale,
    1 + e.i % 17 AS NumMentions, 1 + e.i % 5 AS NumSources, 1 + e.i % 13 AS NumArticles,
    round(((e.i * 7919) % 2000) / 100.0 - 10, 6) AS AvgTone,
    1 AS a1gt, s.name AS a1gn, s.fips AS a1gc, NULL AS a1ga, NULL AS a1ga2, NULL AS a1lat, NULL AS a1lon, NULL AS a1f,
    1 AS a2gt, t.name AS a2gn, t.fips AS a2gc, NULL AS a2ga, NULL AS a2ga2, NULL AS a2lat, NULL AS a2lon, NULL AS a2f,
    4 AS ActionGeo_Type, s.name AS ActionGeo_FullName, s.fips AS ActionGeo_CountryCode, NULL AS aga, NULL AS aga2,
    round(((e.i * 31) % 18000) / 100.0 - 90, 4) AS ActionGeo_Lat, round(((e.i * 17) % 36000) / 100.0 - 180, 4)
      AS ActionGeo_Long, NULL AS agf,
    strftime(e.date, '%Y%m%d') || '120000' AS DATEADDED, 'https://news.example.org/' || e.i AS SOURCEURL
  FROM (SELECT row_number() OVER () AS i, * FROM events) e
  JOIN c s ON s.iso3 = e.source_country JOIN c t ON t.iso3 = e.target_country
) TO '{out}' (FORMAT csv, DELIMITER '\\t', HEADER false, FILE_SIZE_BYTES {per_file * 290})''')
files = sorted(__import__("pathlib").Path(out).glob("*"))
lines = sum(1 for f in files for _ in open(f, "rb"))
print(json.dumps({"rows": rows, "lines": lines, "files": len(files), "seconds": time.perf_counter() - t,
                  "bytes": sum(f.stat().st_size for f in files)}))
"""

#: The window of the shift and balance jobs (the generator's 24 months), and the states of each
#: month's balance network (exact frustration of 200 states a month would dominate both engines).
BALANCE_TOP = 30
WINDOW = f"import datetime\nSTART, END, TOP = datetime.date(2023, 1, 1), datetime.date(2024, 12, 31), {BALANCE_TOP}\n"

DUCKDB = _USAGE + WINDOW + """
import json, sys, time
t0 = time.perf_counter()
from blocwatch import EventStore
from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.ingest import ingest_files
t = time.perf_counter()
with EventStore(sys.argv[2], threads=2) as store:
    result = ingest_files(store, [sys.argv[1]], "gdelt")
ingest = time.perf_counter() - t
assert result.quarantined == 0 and result.inserted == result.rows, (result.rows, result.inserted)
t = time.perf_counter()
with EventStore(sys.argv[2], read_only=True, threads=2) as store:
    dyads = dyad_table(store.con, DyadQuery(window="month")).num_rows
aggregate = time.perf_counter() - t
from blocwatch.relations import Relations, RelationsOptions
t = time.perf_counter()
with EventStore(sys.argv[2], read_only=True, threads=2) as store:
    found = Relations(store, RelationsOptions()).shifts(START, END, limit=None, every=True, evidence=0)
shifts = time.perf_counter() - t
t = time.perf_counter()
with EventStore(sys.argv[2], read_only=True, threads=2) as store:
    rows = Relations(store, RelationsOptions()).balance(START, END, top=TOP)
balance = time.perf_counter() - t
print(json.dumps({"rows": result.rows, "events": result.inserted, "ingest": ingest, "aggregate": aggregate,
                  "dyad_rows": dyads, "shifts": shifts, "tested": [s.to_dict() for s in found], "balance": balance,
                  "balance_rows": [{k: v for k, v in r.items() if k != "seconds"} for r in rows],
                  "start": 0.0, "seconds": time.perf_counter() - t0, "peak_mb": peak_mb(),
                  "jvm_mb": 0.0, "worker_mb": 0.0}))
"""

SPARK = _USAGE + WINDOW + """
import json, sys, time
t0 = time.perf_counter()
from blocwatch.dyads import DyadQuery
from blocwatch.spark.aggregate import SparkDyads
from blocwatch.spark.ingest import SparkIngest
from blocwatch.spark.session import spark_session
spark = spark_session("local[2]")
spark.range(1).count()
start = time.perf_counter() - t0
t = time.perf_counter()
result = SparkIngest(spark).run([sys.argv[1]], "gdelt", sys.argv[2])
ingest = time.perf_counter() - t
assert result.quarantined == 0 and result.inserted == result.rows, (result.rows, result.inserted)
t = time.perf_counter()
dyads = SparkDyads(spark, [sys.argv[2]]).table(DyadQuery(window="month")).num_rows
aggregate = time.perf_counter() - t
from blocwatch.relations import RelationsOptions
from blocwatch.spark.shifts import spark_shifts
from blocwatch.spark.structure import spark_balance
t = time.perf_counter()
found = spark_shifts(spark, [sys.argv[2]], RelationsOptions(), START, END, limit=None, every=True)
shifts = time.perf_counter() - t
t = time.perf_counter()
rows = spark_balance(spark, [sys.argv[2]], RelationsOptions(), start=START, end=END, top=TOP)
balance = time.perf_counter() - t
jvm, workers = tree_peaks()
spark.stop()
print(json.dumps({"rows": result.rows, "events": result.inserted, "ingest": ingest, "aggregate": aggregate,
                  "dyad_rows": dyads, "shifts": shifts, "tested": [s.to_dict() for s in found], "balance": balance,
                  "balance_rows": [{k: v for k, v in r.items() if k != "seconds"} for r in rows],
                  "start": start, "seconds": time.perf_counter() - t0, "peak_mb": peak_mb(),
                  "jvm_mb": jvm, "worker_mb": workers}))
"""

CODER = _USAGE + """
import json, sys, time
from blocwatch.coder import Coder
from blocwatch.documents import Document, read_documents
t = time.perf_counter()
coder = Coder.load()
load = time.perf_counter() - t
t = time.perf_counter()
documents = list(read_documents([sys.argv[1]]))
events = sum(len(found) for _, found in coder.code_many(documents, workers=int(sys.argv[2])))
print(json.dumps({"documents": len(documents), "events": events, "load": load, "seconds": time.perf_counter() - t,
                  "peak_mb": peak_mb(), "jvm_mb": 0.0, "worker_mb": 0.0}))
"""

SPARK_CODER = _USAGE + """
import json, sys, time
t = time.perf_counter()
from blocwatch.spark.coding import SparkCoding
from blocwatch.spark.session import spark_session
spark = spark_session("local[2]")
spark.range(1).count()
load = time.perf_counter() - t
t = time.perf_counter()
coded = SparkCoding(spark).code([sys.argv[1]])
seconds = time.perf_counter() - t
jvm, workers = tree_peaks()
spark.stop()
print(json.dumps({"documents": coded.documents, "events": coded.events.num_rows, "load": load, "seconds": seconds,
                  "peak_mb": peak_mb(), "jvm_mb": jvm, "worker_mb": workers}))
"""


def gdelt_exports(events: int, states: int) -> tuple[Path, dict]:
    """The generator's events as GDELT 2.0 export files under benchmarks/.work (built once)."""
    folder = WORK / f"spark-gdelt-{events}"
    marker = folder / ".complete.json"
    if marker.exists():
        return folder / "files", json.loads(marker.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="blocwatch-bench-") as tmp:
        facts = run_child(WRITE, str(Path(tmp) / "gen.duckdb"), str(folder / "files"),
                       json.dumps(generator_sql(events, states)), str(LINES_PER_FILE))
    assert facts["lines"] == facts["rows"] == events, facts
    marker.write_text(json.dumps(facts))
    return folder / "files", facts


def _memory(m: dict) -> str:
    if not m["jvm_mb"]:
        return f"{m['peak_mb']:,.0f} MB"
    return f"{m['peak_mb']:,.0f} MB Python + {m['jvm_mb']:,.0f} MB JVM + worker ≤ {m['worker_mb']:,.0f} MB"


def _brief(m: dict) -> dict:
    """A child's figures without the shifts and balance rows it returned (for the log)."""
    return {k: v for k, v in m.items() if k not in ("tested", "balance_rows")}


def _median(runs: list[dict]) -> dict:
    out = dict(runs[len(runs) // 2])
    for key in ("ingest", "aggregate", "shifts", "balance", "seconds", "start", "load"):
        if key in out:
            out[key] = statistics.median(r[key] for r in runs)
    for key in ("peak_mb", "jvm_mb", "worker_mb"):
        out[key] = max(r[key] for r in runs)
    return out


def run(repeat: int = 3) -> list[str]:
    """Run the Spark benchmarks; return Markdown lines for docs/benchmarks.md."""
    events, states = int(os.environ.get("BLOCWATCH_BENCH_SPARK_EVENTS", MAIN[0])), MAIN[1]
    data, facts = gdelt_exports(events, states)
    print(f"input: {facts['lines']:,} GDELT 2.0 lines in {facts['files']} files, {facts['bytes'] / 2**30:.2f} GiB "
          f"(generator seed {SEED}; written in {facts['seconds']:.0f} s)", flush=True)
    jobs: dict[str, list[dict]] = {"DuckDB (2 threads)": [], "Spark local[2]": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="blocwatch-bench-") as tmp:
            jobs["DuckDB (2 threads)"].append(run_child(DUCKDB, str(data), str(Path(tmp) / "s.duckdb")))
            print(f"  DuckDB: {_brief(jobs['DuckDB (2 threads)'][-1])}", flush=True)
            jobs["Spark local[2]"].append(run_child(SPARK, str(data), str(Path(tmp) / "run")))
            print(f"  Spark: {_brief(jobs['Spark local[2]'][-1])}", flush=True)
    results = {k: _median(v) for k, v in jobs.items()}
    assert len({(m["events"], m["dyad_rows"]) for m in results.values()}) == 1, results
    duck, spark = results.values()  # the same shifts and balance rows from both engines
    assert duck["tested"] == spark["tested"] and duck["balance_rows"] == spark["balance_rows"], "engines differ"
    base = results["DuckDB (2 threads)"]
    tested = sum(s["status"] == "supported" for s in base["tested"])
    lines = [f"Input: {facts['lines']:,} GDELT 2.0 export lines (61 fields) in {facts['files']} files, "
             f"{facts['bytes'] / 2**30:.2f} GiB; {repeat} run(s), the median shown. Shifts: every pair's "
             f"tested shifts over the 24 months ({len(base['tested']):,} pairs tested, {tested:,} supported), "
             f"without drivers; balance: the monthly networks of the {BALANCE_TOP} most active states (24 exact "
             "frustration indices and bloc searches); both the same on the two engines.", "",
             "| engine | JVM start s | ingest s | rows/s | per core | monthly dyads s | dyad rows | shifts s | "
             "balance s | total s | ingest vs DuckDB | shifts, balance vs DuckDB | peak memory |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, m in results.items():
        rate = m["rows"] / m["ingest"]
        lines.append(f"| {name} | {m['start']:.1f} | {m['ingest']:.1f} | {rate:,.0f} | {rate / 2:,.0f} | "
                     f"{m['aggregate']:.2f} | {m['dyad_rows']:,} | {m['shifts']:.1f} | {m['balance']:.1f} | "
                     f"{m['seconds']:.1f} | {m['ingest'] / base['ingest']:.1f}x the time | "
                     f"{m['shifts'] / base['shifts']:.1f}x, {m['balance'] / base['balance']:.1f}x | {_memory(m)} |")
        print(f"  {name:20s} ingest {m['ingest']:7.1f} s ({rate:,.0f} rows/s, {rate / 2:,.0f} per core), monthly dyads "
              f"{m['aggregate']:.2f} s, {m['dyad_rows']:,} rows; shifts {m['shifts']:.1f} s, balance "
              f"{m['balance']:.1f} s; peak {_memory(m)}", flush=True)

    records = demo_records()
    sentences_per_copy = run_child(COUNT, str(replicated_jsonl("spark-coder-demo", records, 1)))["sentences"]
    copies = math.ceil(CODER_SENTENCES / sentences_per_copy)
    corpus = replicated_jsonl("spark-coder-demo", records, copies)
    sentences = sentences_per_copy * copies
    coding: dict[str, list[dict]] = {"plain coder, 1 worker": [], "plain coder, 2 workers": [],
                                     "Spark local[2] (mapInArrow)": []}
    for _ in range(repeat):
        coding["plain coder, 1 worker"].append(run_child(CODER, str(corpus), "1"))
        coding["plain coder, 2 workers"].append(run_child(CODER, str(corpus), "2"))
        coding["Spark local[2] (mapInArrow)"].append(run_child(SPARK_CODER, str(corpus)))
    coded = {k: _median(v) for k, v in coding.items()}
    assert len({m["events"] for m in coded.values()}) == 1, coded
    two = coded["plain coder, 2 workers"]
    lines += ["", f"Coding: the demo corpus ({len(records)} briefs) x {copies} = {len(records) * copies:,} documents, "
              f"{sentences:,} sentences, {two['events']:,} events.", "",
              "| coder | load s | seconds | sentences/s | per core | vs 2 workers | peak memory |",
              "|---|---:|---:|---:|---:|---:|---|"]
    for name, m in coded.items():
        cores = 1 if "1 worker" in name else 2
        rate = sentences / m["seconds"]
        lines.append(f"| {name} | {m['load']:.1f} | {m['seconds']:.1f} | {rate:,.0f} | {rate / cores:,.0f} | "
                     f"{two['seconds'] / m['seconds']:.2f}x | {_memory(m)} |")
        print(f"  {name:30s} load {m['load']:.1f} s, {m['seconds']:.1f} s, {rate:,.0f} sentences/s "
              f"({rate / cores:,.0f} per core); peak {_memory(m)}", flush=True)
    lines.append("")
    lines.append(f"Machine: {os.cpu_count()} cores; load average before the runs {os.getloadavg()[0]:.2f}.")
    return lines
