"""The read commands on a small store, in each output format, through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from tests.helpers import gdelt_row


def run(*args) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blocwatch", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def db(tmp_path, write):
    rows = [gdelt_row(GLOBALEVENTID=str(i), SQLDATE=d, Actor2CountryCode=t, GoldsteinScale=g)
            for i, (d, t, g) in enumerate([("20240619", "PRK", "8.0"), ("20240620", "PRK", "2.0"),
                                           ("20240705", "KOR", "-4.0")])]
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        ingest_files(store, [write("a.CSV", "\n".join(rows) + "\n")], "gdelt")
    return path


def test_dyads_jsonl(db):
    proc = run("dyads", "--db", db, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows == [
        {"period": "2024-06-01", "source": "RUS", "target": "PRK", "events": 2, "reports": 2, "weight": 2.0,
         "goldstein_sum": 10.0, "goldstein_mean": 5.0, "score_pos": 10.0, "score_neg": 0.0,
         "score_pos_sq": 68.0, "score_neg_sq": 0.0,
         "verbal_coop": 2, "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0},
        {"period": "2024-07-01", "source": "RUS", "target": "KOR", "events": 1, "reports": 1, "weight": 1.0,
         "goldstein_sum": -4.0, "goldstein_mean": -4.0, "score_pos": 0.0, "score_neg": 4.0,
         "score_pos_sq": 0.0, "score_neg_sq": 16.0,
         "verbal_coop": 1, "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0},
    ]


def test_dyads_csv_with_filters(db):
    proc = run("dyads", "--db", db, "--format", "csv", "--countries", "rus,kor", "--window", "year")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [(r["period"], r["source"], r["target"], r["events"]) for r in rows] == [("2024-01-01", "RUS", "KOR", "1")]


def test_dyads_table_shows_all_columns(db):
    proc = run("dyads", "--db", db)
    assert proc.returncode == 0
    for name in ("period", "goldstein_mean", "material_conflict", "2024-06-01", "5.000"):
        assert name in proc.stdout


@pytest.mark.slow
def test_stats_formats(db):
    table = run("stats", "--db", db)
    assert table.returncode == 0 and "3 events from 1 file," in table.stdout and "gdelt2" in table.stdout
    lines = [json.loads(x) for x in run("stats", "--db", db, "-f", "jsonl").stdout.splitlines()]
    assert {"origin": "gdelt2", "events": 3, "first_date": "2024-06-19", "last_date": "2024-07-05",
            "section": "origins"} in lines
    assert {"source": "RUS", "target": "PRK", "events": 2, "section": "top dyads"} in lines


@pytest.mark.slow
def test_quarantine_command(tmp_path, write):
    path = tmp_path / "q.duckdb"
    run("ingest", "gdelt", write("bad.CSV", gdelt_row() + "\nnot\tan\tevent\n"), "--db", path)
    proc = run("quarantine", "--db", path, "-f", "jsonl")
    (row,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert row["line"] == 2 and row["raw"] == "not\tan\tevent" and "found 3" in row["reason"]


def test_version_and_help():
    assert run("--version").stdout.strip().startswith("blocwatch ")
    proc = run("--help")
    assert proc.returncode == 0 and "ingest" in proc.stdout and "dyads" in proc.stdout


@pytest.mark.slow
def test_report_writes_the_page_and_the_figures(db, tmp_path):
    proc = run("report", "--db", db, "--out", tmp_path / "r" / "report.html", "--countries", "RUS,PRK,KOR",
               "--figures", tmp_path / "figs")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"wrote {tmp_path / 'r' / 'report.html'} (")
    assert "3 events between 3 states (RUS, PRK, KOR), 2024-06 to 2024-07, 2 pairs of states" in proc.stdout
    assert (tmp_path / "r" / "report.html").stat().st_size > 1_000_000
    assert {p.suffix for p in (tmp_path / "figs").iterdir()} == {".png", ".svg"}
    one = run("report", "--db", db, "--countries", "Russia", "--out", tmp_path / "x.html")
    assert one.returncode == 1 and "a report compares states, and only RUS was given" in one.stderr
    assert not (tmp_path / "x.html").exists()
    none = run("report", "--db", db, "--countries", "RUS,PRK", "--from", "1990", "--to", "1991",
               "--out", tmp_path / "y.html")
    assert none.returncode == 0 and none.stdout.rstrip().endswith(
        "nothing to report: no event in 1990-01-01 to 1991-12-31: the events of these states run from 2024-06-19 to "
        "2024-06-20")
    assert "the events of these states run from 2024-06-19" in (tmp_path / "y.html").read_text()
    bad = run("report", "--db", db, "--countries", "RU", "--out", tmp_path / "x.html")
    assert bad.returncode == 1 and '"RU" is no state blocwatch knows' in bad.stderr
    assert not (tmp_path / "x.html").exists()
