"""``python -m benchmarks [--repeat N] [--only NAME]``: run, print Markdown.

NAME: ingest, hostile, mapped, coder, startup, relations, shifts, balance, truth, api or spark.
"""

from __future__ import annotations

import argparse
import os
import platform

from benchmarks import (
    bench_api,
    bench_balance,
    bench_coder,
    bench_hostile,
    bench_ingest,
    bench_relations,
    bench_shifts,
    bench_spark,
    bench_startup,
    bench_truth,
)

SECTIONS = {"ingest": bench_ingest.run, "hostile": bench_hostile.run, "mapped": bench_ingest.run_mapped,
            "coder": bench_coder.run, "startup": bench_startup.run, "relations": bench_relations.run,
            "shifts": bench_shifts.run, "balance": bench_balance.run, "truth": bench_truth.run, "api": bench_api.run,
            "spark": bench_spark.run}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is shown)")
    ap.add_argument("--only", choices=sorted(SECTIONS), help="run one benchmark (default: all)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}; median of {args.repeat} runs; load average {os.getloadavg()[0]:.2f} before the runs")
    markdown: dict[str, list[str]] = {}
    for name, run in SECTIONS.items():
        if args.only in (None, name):
            print(f"\n== {name} ==")
            try:
                markdown[name] = run(args.repeat)
            except SystemExit as exc:  # missing input data: say so and go on with the next benchmark
                print(f"{name} skipped: {exc}")
    for name, lines in markdown.items():
        print(f"\nMarkdown for docs/benchmarks.md ({name}):\n")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
