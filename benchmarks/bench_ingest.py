"""Ingest throughput and peak memory, against pandas ``read_csv`` on the same files.

Each measurement runs in a fresh child process so that its peak resident memory
(``ru_maxrss``) is its own. Scenarios: the 92 shared GDELT 2.0 exports (129,300 rows) and
ten copies of them with shifted event ids (1,293,000 distinct rows in 920 files). ``mapped``:
``ingest csv --map`` on the ICEWS 2005-2013 release by actor name (373,290 rows), beside
``ingest gdelt`` on three copies of the GDELT exports (387,900 rows) in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import gdelt_v2_files, replicated_gdelt, run_child

PANDAS = """
import json, resource, sys, time
from pathlib import Path
import pandas as pd
files = sorted(Path(sys.argv[1]).glob("*.export.CSV")) if Path(sys.argv[1]).is_dir() else [Path(sys.argv[1])]
t = time.perf_counter()
df = pd.concat([pd.read_csv(f, sep="\\t", header=None) for f in files], ignore_index=True)
seconds = time.perf_counter() - t
print(json.dumps({"rows": len(df), "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BLOCWATCH = """
import json, resource, sys, time
from blocwatch import EventStore
from blocwatch.ingest import ingest_files
t = time.perf_counter()
with EventStore(sys.argv[2]) as store:
    result = ingest_files(store, [sys.argv[1]], "gdelt")
seconds = time.perf_counter() - t
assert result.rows == result.inserted + result.duplicates + result.quarantined
print(json.dumps({"rows": result.rows, "inserted": result.inserted, "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# Reference points: what DuckDB alone costs on the same files, without blocwatch's checks,
# line accounting, lookups or de-duplication.
DUCKDB_PARSE = """
import json, resource, sys, time
from pathlib import Path
import duckdb
files = [str(f) for f in sorted(Path(sys.argv[1]).glob("*.export.CSV"))]
con = duckdb.connect()
con.execute("SET enable_progress_bar_print = false")
t = time.perf_counter()
rows = con.execute("SELECT count(*) FROM read_csv($f, delim='\\t', header=false, all_varchar=true, quote='')",
                   {"f": files}).fetchall()[0][0]
print(json.dumps({"rows": rows, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

DUCKDB_TABLE = """
import json, resource, sys, time
from pathlib import Path
import duckdb
files = [str(f) for f in sorted(Path(sys.argv[1]).glob("*.export.CSV"))]
con = duckdb.connect(sys.argv[2])
con.execute("SET enable_progress_bar_print = false")
t = time.perf_counter()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv($f, delim='\\t', header=false, quote='')", {"f": files})
con.close()
rows = duckdb.connect(sys.argv[2]).execute("SELECT count(*) FROM t").fetchall()[0][0]
print(json.dumps({"rows": rows, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass
class Measure:
    rows: int
    seconds: float
    peak_mb: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


def _median(runs: list[dict]) -> Measure:
    return Measure(runs[0]["rows"], statistics.median(r["seconds"] for r in runs),
                   max(r["peak_mb"] for r in runs))


def measure(data: Path, repeat: int) -> dict[str, Measure]:
    pandas = _median([run_child(PANDAS, str(data)) for _ in range(repeat)])
    parse = _median([run_child(DUCKDB_PARSE, str(data)) for _ in range(repeat)])
    fresh, again, table = [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "bench.duckdb")
            fresh.append(run_child(BLOCWATCH, str(data), db))
            assert fresh[-1]["inserted"] == fresh[-1]["rows"], fresh[-1]
            again.append(run_child(BLOCWATCH, str(data), db))
            assert again[-1]["inserted"] == 0, again[-1]
            table.append(run_child(DUCKDB_TABLE, str(data), str(Path(tmp) / "plain.duckdb")))
    return {"pandas read_csv": pandas,
            "blocwatch ingest (new store)": _median(fresh),
            "blocwatch re-ingest (all duplicates)": _median(again),
            "reference: DuckDB read_csv, count only": parse,
            "reference: DuckDB read_csv into a table": _median(table)}


def run(repeat: int = 3) -> list[str]:
    """Run the ingest benchmarks; return Markdown lines for docs/benchmarks.md."""
    v2 = gdelt_v2_files()[0].parent
    scenarios = {"GDELT 2.0 shared set (92 files)": v2, "10x replicated (920 files)": replicated_gdelt(10)}
    lines = ["| data | job | rows | seconds | rows/s | vs pandas | peak memory |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for label, data in scenarios.items():
        results = measure(data, repeat)
        base = results["pandas read_csv"]
        for job, m in results.items():
            lines.append(f"| {label} | {job} | {m.rows:,} | {m.seconds:.2f} | {m.rate:,.0f} | "
                         f"{m.rate / base.rate:.2f}x | {m.peak_mb:,.0f} MB |")
            print(f"{label:34s} {job:42s} {m.rows:>10,} rows {m.seconds:6.2f} s {m.rate:>11,.0f} rows/s "
                  f"{m.rate / base.rate:5.2f}x pandas  peak {m.peak_mb:6,.0f} MB", flush=True)
    return lines


MAPPED = """
import json, resource, sys, time
from blocwatch import EventStore
from blocwatch.ingest.mapped import csv_profile, ingest_mapped
t = time.perf_counter()
with EventStore(sys.argv[2]) as store:
    result = ingest_mapped(store, [sys.argv[1]], csv_profile("date=date,source=source,target=target,event=relation"))
seconds = time.perf_counter() - t
assert result.rows == result.inserted + result.duplicates + result.quarantined
print(json.dumps({"rows": result.rows, "inserted": result.inserted, "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PANDAS_ICEWS = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
print(json.dumps({"rows": len(df), "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_mapped(repeat: int = 3) -> list[str]:
    """``ingest csv --map`` on the ICEWS release beside ``ingest gdelt`` on as many GDELT rows."""
    from benchmarks.data import shared_data

    icews = shared_data() / "icews-tkg" / "icews_2005-2013_tkg.csv.gz"
    if not icews.is_file():
        raise SystemExit(f"no ICEWS release at {icews}")
    gdelt = replicated_gdelt(3)
    runs: dict[str, list[dict]] = {"blocwatch ingest gdelt (3 copies of the GDELT exports)": [],
                                   "blocwatch ingest csv --map (ICEWS 2005-2013)": [],
                                   "pandas read_csv (ICEWS 2005-2013, no checks)": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            runs["blocwatch ingest gdelt (3 copies of the GDELT exports)"].append(
                run_child(BLOCWATCH, str(gdelt), str(Path(tmp) / "g.duckdb")))
            runs["blocwatch ingest csv --map (ICEWS 2005-2013)"].append(
                run_child(MAPPED, str(icews), str(Path(tmp) / "i.duckdb")))
            runs["pandas read_csv (ICEWS 2005-2013, no checks)"].append(run_child(PANDAS_ICEWS, str(icews)))
    results = {job: _median(r) for job, r in runs.items()}
    base = results["blocwatch ingest gdelt (3 copies of the GDELT exports)"]
    lines = ["| job | rows | seconds | rows/s | vs ingest gdelt | peak memory |", "|---|---:|---:|---:|---:|---:|"]
    for job, m in results.items():
        lines.append(f"| {job} | {m.rows:,} | {m.seconds:.2f} | {m.rate:,.0f} | {m.rate / base.rate:.2f}x | "
                     f"{m.peak_mb:,.0f} MB |")
        print(f"{job:58s} {m.rows:>10,} rows {m.seconds:6.2f} s {m.rate:>9,.0f} rows/s "
              f"{m.rate / base.rate:5.2f}x ingest gdelt  peak {m.peak_mb:6,.0f} MB", flush=True)
    return lines
