"""``python -m benchmarks [--repeat N]``: run every benchmark and print a Markdown table."""

from __future__ import annotations

import argparse
import os
import platform

from benchmarks import bench_ingest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is shown)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}; median of {args.repeat} runs\n")
    print("== ingest ==")
    lines = bench_ingest.run(args.repeat)
    print("\nMarkdown for docs/benchmarks.md:\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
