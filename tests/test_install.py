"""What a new user installs: the Makefile's locked install in a fresh venv made by the Python's own
bundled pip, hermetic against releases published after the locks; and the wheel and sdist as a
user gets them, installed from the locks into a clean venv and run.

These tests create venvs and install the locks, so they need the package index (CI has it; pip's
cache makes repeat runs fast). Set BLOCWATCH_OFFLINE=1 to skip them on a machine without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "tools"))
from check_lock import read_pins  # noqa: E402

pytestmark = [
    pytest.mark.install,
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("BLOCWATCH_OFFLINE") == "1", reason="BLOCWATCH_OFFLINE=1: no package index"),
]

LOCKS = REPO / "requirements"
FUTURE = "9999.0"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 1200):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def checkout_copy(dest: Path) -> Path:
    """The files of this checkout a clone would have (tracked plus new, not ignored ones)."""
    listed = run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO)
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout ({listed.stderr.strip()}); the install tests copy a clone's files")
    for name in filter(None, listed.stdout.split("\0")):
        src = REPO / name
        if src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    return dest


def fake_wheel(folder: Path, name: str, version: str) -> Path:
    """An installable wheel of ``name`` at ``version`` with no code: a release 'published later'."""
    stem = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{stem}-py3-none-any.whl"
    info = f"{stem}.dist-info"
    files = {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: blocwatch-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(path, "w") as z:
        for arc, text in files.items():
            z.writestr(arc, text)
        z.writestr(f"{info}/RECORD", "".join(f"{arc},,\n" for arc in files) + f"{info}/RECORD,,\n")
    return path


@pytest.fixture(scope="module")
def future_index(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose pip also sees a newer release of every locked distribution, pip included."""
    folder = tmp_path_factory.mktemp("future-releases")
    names = set(read_pins(LOCKS / "pip.lock")) | set(read_pins(LOCKS / "dev.lock"))
    for name in sorted(names):
        fake_wheel(folder, name, FUTURE)
    env = dict(os.environ)
    env["PIP_FIND_LINKS"] = " ".join(filter(None, [str(folder), os.environ.get("PIP_FIND_LINKS", "")]))
    env.pop("VIRTUAL_ENV", None)
    return env


def bundled_pip(venv: Path) -> str:
    out = run([str(venv / "bin" / "python"), "-m", "pip", "--version"], cwd=venv)
    return out.stdout.split()[1]


def test_locked_install_ignores_newer_releases(tmp_path: Path, future_index: dict[str, str]):
    """`make install` in a fresh checkout, with a newer release of every locked package (and of pip)
    on the index, installs exactly the locks: the pinned pip, every pin at its version, pip check
    clean, and blocwatch runs."""
    repo = checkout_copy(tmp_path / "clone")
    made = run(["make", "install", f"PYTHON={sys.executable}"], cwd=repo, env=future_index)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    python = repo / ".venv" / "bin" / "python"
    assert bundled_pip(repo / ".venv") == read_pins(LOCKS / "pip.lock")["pip"]
    exact = run([str(python), "tools/check_lock.py", "--exact", "requirements/pip.lock", "requirements/main.lock"],
                cwd=repo)
    assert exact.returncode == 0, exact.stderr
    listed = run([str(python), "-m", "pip", "list", "--format", "freeze"], cwd=repo)
    assert FUTURE not in listed.stdout
    helped = run([str(repo / ".venv" / "bin" / "blocwatch"), "--help"], cwd=repo)
    assert helped.returncode == 0 and "ingest" in helped.stdout


def test_the_old_recipe_breaks_on_a_newer_release(tmp_path: Path, future_index: dict[str, str]):
    """The control: the recipe before issue 11 (the bundled pip, dependency resolution on) fails on the
    same index, as it failed when lxml 6.2.0 was published. If this passed, the test above could not
    tell a hermetic install from a lucky one."""
    venv = tmp_path / "venv"
    made = run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, env=future_index)
    assert made.returncode == 0, made.stderr
    version = bundled_pip(venv)
    if int(version.split(".")[0]) >= 24:
        pytest.skip(f"this Python bundles pip {version}, which resolves extras within the lock")
    old = run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
               str(LOCKS / "main.lock")], cwd=tmp_path, env=future_index)
    assert old.returncode != 0
    assert "lxml" in old.stderr and "must have their versions pinned" in old.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build`` of a clone: an sdist and, built from it, the wheel (returned)."""
    tmp = tmp_path_factory.mktemp("build")
    repo = checkout_copy(tmp / "clone")
    dist = tmp / "dist"
    built = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(repo)], cwd=tmp)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheels, sdists = sorted(dist.glob("blocwatch-*.whl")), sorted(dist.glob("blocwatch-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    return wheels[0]


def venv_with(tmp_path: Path, locks: list[str], wheel: Path, env: dict[str, str]) -> Path:
    """A clean venv holding the pinned pip, ``locks`` (no resolution) and ``wheel``; its bin folder."""
    venv = tmp_path / "venv"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--quiet"]
    assert run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    for lock in ["pip.lock", *locks]:
        step = run([*pip, "install", "--require-hashes", "--no-deps", "-r", str(LOCKS / lock)], cwd=tmp_path,
                   env=env)
        assert step.returncode == 0, step.stderr[-3000:]
    step = run([*pip, "install", "--no-deps", str(wheel)], cwd=tmp_path, env=env)
    assert step.returncode == 0, step.stderr[-3000:]
    assert run([*pip, "check"], cwd=tmp_path).returncode == 0
    exact = run([str(venv / "bin" / "python"), str(REPO / "tools" / "check_lock.py"), "--exact",
                 *[str(LOCKS / lock) for lock in ["pip.lock", *locks]]], cwd=tmp_path)
    assert exact.returncode == 0, exact.stderr
    return venv / "bin"


def test_wheel_from_sdist_installs_from_the_locks_and_runs(tmp_path: Path, future_index: dict[str, str],
                                                           wheel: Path):
    """The wheel (built from the sdist), installed (not editable) into a clean venv from the locks,
    runs --help, codes a sentence with its shipped model and data, and writes a report of a small store."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    for folder in ("blocwatch/data/coder/", "blocwatch/report/templates/", "blocwatch/web/static/"):
        assert any(n.startswith(folder) for n in names), folder
    bin_ = venv_with(tmp_path, ["main.lock"], wheel, future_index)

    work = tmp_path / "work"
    work.mkdir()
    where = run([str(bin_ / "python"), "-c", "import blocwatch; print(blocwatch.__file__)"], cwd=work)
    assert str(tmp_path / "venv") in where.stdout and str(REPO) not in where.stdout

    blocwatch = str(bin_ / "blocwatch")
    helped = run([blocwatch, "--help"], cwd=work)
    assert helped.returncode == 0 and "report" in helped.stdout
    (work / "news.txt").write_text("Vladimir Putin met Kim Jong Un in Pyongyang on Wednesday.\n", encoding="utf-8")
    coded = run([blocwatch, "code", "news.txt", "--date", "2024-06-20", "--format", "jsonl"], cwd=work)
    assert coded.returncode == 0, coded.stderr
    assert '"source": "RUS' in coded.stdout and '"target": "PRK' in coded.stdout

    ingested = run([blocwatch, "ingest", "gdelt", str(REPO / "demo" / "data"), "--db", "small.duckdb"], cwd=work)
    assert ingested.returncode == 0, ingested.stderr
    reported = run([blocwatch, "report", "--db", "small.duckdb", "--out", "report.html"], cwd=work)
    assert reported.returncode == 0, reported.stderr
    html = (work / "report.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and html.rstrip().endswith("</html>")


def test_the_core_reads_and_analyses_a_store_without_the_extras(tmp_path: Path, future_index: dict[str, str],
                                                                wheel: Path):
    """blocwatch with the core lock only (no spaCy, web or plotting stack): datasets are ingested, stats,
    dyads, relations and balance run, and each command that needs an extra names the one to install."""
    bin_ = venv_with(tmp_path, ["core.lock"], wheel, future_index)
    absent = run([str(bin_ / "python"), "-c", "import importlib.util as u; print([m for m in ('spacy', 'fastapi', "
                  "'plotly', 'matplotlib', 'jinja2', 'trafilatura', 'igraph') if u.find_spec(m)])"], cwd=tmp_path)
    assert absent.stdout.strip() == "[]"
    blocwatch = str(bin_ / "blocwatch")
    db = str(tmp_path / "core.duckdb")
    assert run([blocwatch, "--help"], cwd=tmp_path).returncode == 0
    ingested = run([blocwatch, "ingest", "gdelt", str(REPO / "demo" / "data"), "--db", db], cwd=tmp_path)
    assert ingested.returncode == 0 and "2,968 new events" in ingested.stdout, ingested.stderr
    stats = run([blocwatch, "stats", "--db", db], cwd=tmp_path)
    assert stats.returncode == 0 and "2,968 events" in stats.stdout, stats.stderr
    dyads = run([blocwatch, "dyads", "--db", db, "--countries", "RUS,PRK", "--format", "csv"], cwd=tmp_path)
    assert dyads.returncode == 0 and dyads.stdout.startswith("period,source,target,events"), dyads.stderr
    assert len(dyads.stdout.splitlines()) > 2
    for args in (["relations", "--countries", "RUS,PRK,USA"], ["balance", "--from", "2024-10", "--to", "2024-12"]):
        done = run([blocwatch, *args, "--db", db], cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    (tmp_path / "n.txt").write_text("Seoul protested.\n", encoding="utf-8")
    for args, extra in ((["code", "n.txt", "--date", "2024-06-20"], "coder"),
                        (["report", "--db", db, "--out", "r.html"], "report"),
                        (["serve", "--db", db, "--port", "0"], "web")):
        refused = run([blocwatch, *args], cwd=tmp_path)
        assert refused.returncode == 1 and f"pip install 'blocwatch[{extra}]'" in refused.stderr, refused.stderr
