"""``python -m fuzz [TARGET ...] [--seconds N]``: atheris runs of the fuzz targets, one process each."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fuzz.targets import ROOT, TARGETS, seeds

CRASHES = ROOT / "benchmarks" / ".work" / "fuzz" / "crashes"


def run_target(target: str, seconds: int, corpus: Path, work: Path) -> tuple[int, int, float]:
    """Fuzz ``target`` for ``seconds`` (its store and inputs in ``work``); returns (exit code,
    inputs tried, seconds taken)."""
    corpus.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(seeds(target)):
        (corpus / f"seed-{i}").write_bytes(seed)
    CRASHES.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "fuzz.child", target, f"-max_total_time={seconds}", "-print_final_stats=1",
            "-max_len=8192", "-timeout=60", "-rss_limit_mb=4096", f"-artifact_prefix={CRASHES}/{target}-",
            str(corpus)]
    started = time.monotonic()
    env = {**os.environ, "BLOCWATCH_FUZZ_WORK": str(work), "TMPDIR": str(work)}
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 300, env=env)
    took = time.monotonic() - started
    runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", proc.stderr)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
    return proc.returncode, int(runs.group(1)) if runs else 0, took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("targets", nargs="*", help=f"targets: {', '.join(TARGETS)} (default: all)")
    ap.add_argument("--seconds", type=int, default=60, help="seconds per target")
    ap.add_argument("--corpus", type=Path, help="keep the corpora here (default: a temporary folder)")
    args = ap.parse_args()
    targets = args.targets or list(TARGETS)
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown target {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    base = args.corpus or Path(tempfile.mkdtemp(prefix="blocwatch-corpus-"))
    work = Path(tempfile.mkdtemp(prefix="blocwatch-fuzz-"))
    failed = []
    print(f"{'target':<8} {'inputs':>9} {'seconds':>8}  result")
    for target in targets:
        code, runs, took = run_target(target, args.seconds, base / target, work / target)
        print(f"{target:<8} {runs:>9,} {took:>8.1f}  {'ok' if code == 0 else f'FAILED (exit {code})'}", flush=True)
        if code != 0:
            failed.append(target)
    shutil.rmtree(work, ignore_errors=True)
    if args.corpus is None:
        shutil.rmtree(base, ignore_errors=True)
    if failed:
        print(f"broken promises in: {', '.join(failed)}; inputs saved under {CRASHES}")
        sys.exit(1)


if __name__ == "__main__":
    main()
