"""Hostile inputs: time and peak memory of ``ingest gdelt`` on files built to exhaust it.

Each file is read in a fresh child process (its own peak resident memory) into a new store, beside
the baseline of the same run: the 92 shared GDELT 2.0 exports (129,300 rows). The target is a peak
under 1 GB for every file; the last column says whether it holds. The files are generated under a
temporary folder (the 1 GiB line is a 1 MB gzip).
"""

from __future__ import annotations

import gzip
import statistics
import tempfile
from pathlib import Path

from benchmarks.bench_ingest import BLOCWATCH
from benchmarks.data import gdelt_v2_files, run_child, shared_data

TARGET_MB = 1024
MIB = 1024 * 1024


def _files(folder: Path) -> dict[str, Path]:
    row = gdelt_v2_files()[0].read_bytes().split(b"\n")[0]
    out = {}
    out["1,000,000 one-tab lines, gzip (2 KB)"] = folder / "tabs.CSV.gz"
    with gzip.open(out["1,000,000 one-tab lines, gzip (2 KB)"], "wb") as fh:
        fh.write(b"\t\n" * 1_000_000)
    out["30,000 lines of one letter"] = folder / "x.CSV"
    out["30,000 lines of one letter"].write_bytes(b"x\n" * 30_000)
    out["a 40 MiB line among 20 rows"] = folder / "long.CSV"
    out["a 40 MiB line among 20 rows"].write_bytes((row + b"\n") * 10 + row[:200] + b"x" * (40 * MIB) + b"\n"
                                                  + (row + b"\n") * 9)
    out["a 1 GiB line, gzip (1 MB)"] = folder / "bomb.CSV.gz"
    with gzip.open(out["a 1 GiB line, gzip (1 MB)"], "wb", compresslevel=6) as fh:
        fh.write(row + b"\n")
        block = b"y" * MIB
        for _ in range(1024):
            fh.write(block)
        fh.write(b"\n" + row + b"\n")
    out["not an export: ICEWS by actor name (373,290 lines)"] = (
        shared_data() / "icews-tkg" / "icews_2005-2013_tkg.csv.gz")
    return out


def run(repeat: int = 3) -> list[str]:
    """Run the hostile-input benchmark; return Markdown lines for docs/benchmarks.md."""
    lines = ["| input | lines | seconds | peak memory | vs baseline peak | under 1 GB |",
             "|---|---:|---:|---:|---:|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = {"baseline: 92 GDELT 2.0 exports": gdelt_v2_files()[0].parent, **_files(folder)}
        base_peak = None
        for label, path in cases.items():
            runs = []
            db = folder / "bench.duckdb"
            for _ in range(repeat):
                db.unlink(missing_ok=True)
                runs.append(run_child(BLOCWATCH, str(path), str(db)))
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = max(r["peak_mb"] for r in runs)
            base_peak = base_peak or peak
            ok = "yes" if peak < TARGET_MB else "**no**"
            lines.append(f"| {label} | {runs[0]['rows']:,} | {seconds:.2f} | {peak:,.0f} MB | "
                         f"{peak / base_peak:.2f}x | {ok} |")
            print(f"{label:52s} {runs[0]['rows']:>10,} lines {seconds:7.2f} s  peak {peak:6,.0f} MB "
                  f"{peak / base_peak:5.2f}x baseline  under 1 GB: {ok}", flush=True)
    return lines
