"""docs/tutorial.md runs as written on the demo store, and what it says about the output holds."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow
TUTORIAL = REPO / "docs" / "tutorial.md"


def _commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), flags=re.S)
    return [c.strip() for b in blocks for c in re.split(r"(?<!\\)\n", b) if c.strip()]


@pytest.fixture(scope="module")
def cwd(tmp_path_factory) -> Path:
    """The folder the tutorial's commands run in (they write wrong.csv and report.html there)."""
    return tmp_path_factory.mktemp("tutorial")


@pytest.fixture(scope="module")
def outputs(demo_db, cwd) -> dict[str, str]:
    """Every command of the tutorial, run in a fresh folder on the demo store (serve is not run)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "200"}
    out = {}
    for command in _commands():
        if command.startswith("blocwatch serve"):
            continue
        line = command.replace("out/demo.duckdb", str(demo_db))
        proc = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=600)
        assert proc.returncode == 0, (command, proc.stderr)
        out[command] = proc.stdout
    return out


def _run(outputs: dict[str, str], start: str) -> str:
    (found,) = [v for k, v in outputs.items() if k.startswith(start)]
    return found


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_command_runs(outputs):
    assert len(outputs) == len([c for c in _commands() if not c.startswith("blocwatch serve")]) == 11


def test_what_the_tutorial_says_holds(outputs, demo_db, cwd):
    import subprocess as sp

    cover = _run(outputs, "blocwatch coverage")
    assert "gdelt2: covers 2024-10 to 2025-02" in cover and "text: covers 2022-01 to 2025-01" in cover

    def rows(*args):
        bin_ = Path(sys.executable).parent / "blocwatch"
        proc = sp.run([str(bin_), *args, "--db", str(demo_db), "-f", "csv"], capture_output=True, text=True,
                      timeout=600)
        assert proc.returncode == 0, proc.stderr
        return _csv(proc.stdout)

    quarters = {r["period"][:7]: r for r in rows("relations", "--countries", "North Korea,Russia", "--window",
                                                 "quarter", "--from", "2023-01", "--to", "2025-02")}
    early = [r for p, r in quarters.items() if p < "2024-10"]
    assert early and all(float(r["net"]) > 0 for r in early)  # cooperation in every quarter before
    nets = sorted(round(float(r["net"]), 2) for r in early)
    assert 0.33 <= nets[0] <= 0.37 and 0.69 <= nets[-1] <= 0.73  # "from about +0.35 to +0.71"
    busiest = sorted(early, key=lambda r: -int(r["events"]))[:2]  # Kim's visit, the treaty
    assert all(0.62 < float(r["net"]) < 0.75 and float(r["net_low"]) > 0.38 and float(r["net_high"]) < 0.95
               for r in busiest)
    thin = quarters["2023-10"]
    assert int(thin["events"]) == 3 and 0 < float(thin["net_low"]) < 0.1 and 0.6 < float(thin["net_high"]) < 0.7
    assert sum(int(r["verbal_conflict"]) + int(r["material_conflict"]) for r in early) == 1  # "all but one"
    last = quarters["2024-10"]
    share = int(last["material_conflict"]) / int(last["events"])
    assert int(last["events"]) > 100 and 0.25 < share < 0.4 and abs(float(last["net"])) < 0.1
    fights = rows("events", "--pair", "PRK-RUS", "--from", "2024-10", "--to", "2024-12", "--roots", "18,19,20")
    assert fights and {r["origin"] for r in fights} == {"gdelt2"}
    artefact = rows("relations", "--countries", "PRK,RUS", "--window", "quarter", "--from", "2024-10",
                    "--origins", "gdelt2", "--quads", "4")
    assert all(float(r["net"]) < -0.9 for r in artefact)
    excluded = _run(outputs, "blocwatch relations --db out/demo.duckdb --countries PRK,RUS --window quarter "
                             "--from 2024-10 --exclude")
    assert "2024-10-01" in excluded
    kept = rows("relations", "--countries", "PRK,RUS", "--window", "quarter", "--from", "2024-10", "--to", "2024-12",
                "--exclude", str(cwd / "wrong.csv"))
    assert 0.3 < float(kept[0]["net"]) < 0.42 and 0.1 < float(kept[0]["net_low"]) < 0.25
    text = rows("relations", "--countries", "PRK,RUS", "--window", "quarter", "--from", "2023-01", "--origins",
                "text")
    assert float(text[-1]["net"]) >= max(float(r["net"]) for r in text[:-1]) - 0.01  # as cooperative as before
    june = _run(outputs, "blocwatch events --db out/demo.duckdb --pair PRK-RUS --from 2024-06")
    assert "strategic partnership treaty" in june and "welcomed Putin" in june
    assert _run(outputs, "blocwatch shifts").startswith("no supported shift")
    enemies = _run(outputs, "blocwatch enemies")
    assert enemies.startswith("states both RUS and PRK were hostile to: 1") and "  UKR:" in enemies
    assert "no clear blocs" in (cwd / "report.html").read_text(encoding="utf-8")
    import importlib.util

    spec = importlib.util.spec_from_file_location("tutorial_shots", REPO / "tools" / "tutorial_shots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    page = (REPO / "docs" / "tutorial.md").read_text(encoding="utf-8")
    for name in shots.SHOTS:  # every picture the script makes is in the repo and in the tutorial
        assert (REPO / "docs" / "img" / f"tutorial-{name}.png").stat().st_size > 10_000
        assert f"(img/tutorial-{name}.png)" in page
