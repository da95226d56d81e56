"""The relations commands through the real entry point, on a small real store."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from tests.cli.test_commands import run
from tests.helpers import warming_store
from tests.test_relations import events


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return warming_store(tmp_path_factory.mktemp("rel"))


@pytest.mark.slow
def test_relations_undirected_by_default(db):
    proc = run("relations", "--db", db, "--countries", "RUS,PRK", "--window", "year", "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [(r["period"], r["source"], r["target"], r["events"]) for r in rows] == [
        ("2023-01-01", "PRK", "RUS", 30), ("2024-01-01", "PRK", "RUS", 18)]
    # 2023: 6 x (1.9 - 2.0) before July and 6 x (1.9 + 8.3 + 8.0) after; net = (pos - neg) / (pos + neg + 10)
    assert [round(r["net"], 3) for r in rows] == [round(108.6 / 142.6, 3), round(109.2 / 119.2, 3)]
    # every event of this store has 2 sources (tests.helpers.gdelt_row) and is a root event
    same = run("relations", "--db", db, "--countries", "RUS,PRK", "--window", "year", "-f", "jsonl", "--roots-only",
               "--min-sources", "2", "--all-actors")
    assert [json.loads(x) for x in same.stdout.splitlines()] == rows
    none = run("relations", "--db", db, "--countries", "RUS,PRK", "--window", "year", "-f", "jsonl",
               "--min-sources", "3")
    assert none.returncode == 0 and none.stdout.strip() == ""
    directed = run("relations", "--db", db, "--countries", "RUS,PRK", "--window", "year", "--directed", "-f", "csv")
    assert directed.returncode == 0 and directed.stdout.count("\n") == 5  # header + 2 directions x 2 years


@pytest.mark.slow
def test_networks_old_window_flag_still_works_with_a_warning(db):
    """--window is a bucket size in dyads, relations and balance; network's period is --period, and its
    old --window stays for one release, with a warning."""
    new, old = (run("network", "--db", db, flag, "2024-Q1", "-f", "json") for flag in ("--period", "--window"))
    assert old.returncode == 0 and json.loads(old.stdout) == json.loads(new.stdout)
    assert "deprecated" in old.stderr and "--period" in old.stderr and new.stderr == ""
    both = run("network", "--db", db, "--period", "2024-Q1", "--window", "2024-Q1")
    assert both.returncode != 0 and "old name of --period" in both.stderr
    assert "--window" not in run("network", "--help").stdout  # hidden: the help shows one name


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "table"])
@pytest.mark.slow
def test_network_formats(db, fmt, tmp_path):
    proc = run("network", "--db", db, "--period", "2024-Q1", "-f", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "json":
        data = json.loads(proc.stdout)
        assert data["label"] == "2024-Q1"
        assert {(e["source"], e["target"], e["sign"]) for e in data["edges"]} == {
            ("KOR", "USA", 1), ("PRK", "RUS", 1), ("PRK", "UKR", -1), ("RUS", "UKR", -1)}
    elif fmt == "table":
        assert "RUS" in proc.stdout and "UKR" in proc.stdout
    else:
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(proc.stdout.encode()))
        assert int(g["RUS"]["UKR"]["sign"]) == -1
    out = tmp_path / f"n.{fmt}"
    if fmt != "table":
        assert run("network", "--db", db, "--period", "2024-Q1", "-f", fmt, "--out", out).returncode == 0
        assert out.stat().st_size > 100


@pytest.mark.slow
def test_shifts_and_enemies(db):
    proc = run("shifts", "--db", db, "--from", "2023-01", "--to", "2024-06", "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    top = json.loads(proc.stdout.splitlines()[0])
    assert (top["source"], top["target"], top["direction"], top["at"]) == ("PRK", "RUS", "closer", "2023-07-01")
    assert [d["root"] for d in top["drivers"]] == ["07", "05", "04"]
    assert (top["status"], top["events_before"], top["events_after"], top["months_before"]) == ("supported", 12, 36, 6)
    assert top["confidence"] >= 0.99 and top["before_interval"][0] <= top["before"] <= top["before_interval"][1]
    text = run("shifts", "--db", db, "--from", "2023-01", "--to", "2024-06")
    assert "moved closer (1)" in text.stdout and "PRK-RUS" in text.stdout and ", p = 0.0" in text.stdout
    assert "not supported" not in text.stdout and "RUS-UKR" not in text.stdout  # the steady pairs are not listed
    every = run("shifts", "--db", db, "--from", "2023-01", "--to", "2024-06", "--all", "-f", "jsonl")
    statuses = [json.loads(x)["status"] for x in every.stdout.splitlines()]
    assert statuses[0] == "supported" and statuses.count("not supported") >= 1
    # a window whose first year no data cover: only the months covered are compared, and a note says so
    before = run("shifts", "--db", db, "--from", "2022-01", "--to", "2024-06")
    assert before.returncode == 0 and "moved closer (1)" in before.stdout
    assert "note: only 2023-01 to 2024-06 compared, the months that gdelt2 covers" in before.stdout
    enemies = run("enemies", "RUS", "PRK", "--db", db, "--from", "2023-07", "-f", "jsonl")
    assert enemies.returncode == 0, enemies.stderr
    assert [json.loads(x)["third"] for x in enemies.stdout.splitlines()] == ["UKR"]
    text = run("enemies", "RUS", "PRK", "--db", db, "--from", "2023-07")
    assert "RUS -> UKR: " in text.stdout and "PRK -> UKR: " in text.stdout and "UKR -> RUS" not in text.stdout


@pytest.mark.slow
def test_coverage_counts_events_per_origin_and_month(db):
    proc = run("coverage", "--db", db, "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert {r["origin"] for r in rows} == {"gdelt2"}
    assert (rows[0]["month"], rows[-1]["month"]) == ("2023-01-01", "2024-06-01") and all(r["covered"] for r in rows)
    assert sum(r["events"] for r in rows) == len(events())
    table = run("coverage", "--db", db)
    assert "gdelt2: covers 2023-01 to 2024-06" in table.stdout


@pytest.mark.parametrize("args, message", [
    (["network", "--from", "2024-01"], "--to: required"),
    (["network", "--period", "June"], "--period"),
    (["shifts", "--from", "2024-01", "--to", "2023-01"], "is after"),
    (["enemies", "RUS", "RUS"], "two different states"),
    (["relations", "--score", "tone"], "--score"),
    (["balance", "--group-by", "year"], "--group-by applies to an edge CSV"),
    (["balance", "--workers", "2"], "--workers applies to an edge CSV"),
])
def test_bad_options_exit_1_with_a_message(db, args, message):
    proc = run(*args, "--db", db)
    assert proc.returncode == 1 and message in proc.stderr, proc.stderr


@pytest.mark.slow
def test_balance_of_an_edge_csv(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("source,target,sign,year\nA,B,1,1\nB,C,-1,1\nA,C,-1,1\nA,B,-1,2\nB,C,-1,2\nA,C,-1,2\n")
    proc = run("balance", path, "--group-by", "year", "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["group"] for r in rows] == ["1", "2"]
    assert set(rows[0]) >= {"group", "nodes", "edges", "frustration", "exact", "bound", "blocs",
                            "balanced_triangle_ratio"}
    assert (rows[0]["frustration"], rows[0]["exact"], rows[0]["balanced_triangle_ratio"]) == (0.0, True, 1.0)
    assert sorted(map(sorted, rows[0]["blocs"])) == [["A", "B"], ["C"]]
    assert (rows[1]["frustration"], rows[1]["balanced_triangle_ratio"]) == (1.0, 0.0)
    assert rows[0]["frustrated"] == [] and len(rows[1]["frustrated"]) == 1
    table = run("balance", path, "--group-by", "year")
    assert table.returncode == 0 and "A,B | C" in table.stdout


def test_balance_from_the_store(db):
    proc = run("balance", "--db", db, "--from", "2024-01", "--to", "2024-03", "--top", "4", "--min-events", "2",
               "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["group"] for r in rows] == ["2024-01", "2024-02", "2024-03"]
    # PRK and RUS friends, both hostile to UKR: balanced, two blocs
    assert all(r["frustration"] == 0 and r["exact"] for r in rows)
    assert sorted(map(sorted, rows[0]["blocs"])) == [["PRK", "RUS"], ["UKR"]]


def test_bad_edge_csv_names_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("source,target,sign\nA,B,1\nA,C,maybe\n")
    proc = run("balance", path)
    assert proc.returncode == 1 and f"{path}:3: sign 'maybe' is not a number" in proc.stderr, proc.stderr


@pytest.mark.shared
@pytest.mark.slow
def test_balance_of_the_shared_networks(shared):
    proc = run("balance", shared / "networks" / "gahuku_gama_edges.csv", "-f", "jsonl", "-k", "3")
    (row,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert (row["nodes"], row["edges"], row["frustration"], row["exact"]) == (16, 58, 7.0, True)
    assert len(row["blocs"]) == 3
    proc = run("balance", shared / "networks" / "signnet_cow_signed_networks_1946_1999.csv", "--group-by", "period",
               "-f", "jsonl")
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(rows) == 51 and all(r["exact"] for r in rows)
    proc = run("balance", shared / "networks" / "signnet_cow_signed_networks_1946_1999.csv", "--group-by", "period",
               "-f", "jsonl", "--workers", "2")  # two processes: the same rows, in the same order
    both = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [{k: v for k, v in r.items() if k != "seconds"} for r in both] == [
        {k: v for k, v in r.items() if k != "seconds"} for r in rows]


@pytest.mark.slow
def test_every_data_command_writes_csv_with_what_jsonl_holds(db, tmp_path):
    import csv

    def both(*args):
        rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
        lines = [json.loads(x) for x in run(*args, "-f", "jsonl").stdout.splitlines()]
        assert rows and len(rows) == len(lines), args
        return rows, lines

    rows, lines = both("shifts", "--db", db, "--from", "2023-01", "--to", "2024-06", "--all")
    for row, line in zip(rows, lines, strict=True):
        assert (row["source"], row["target"], row["at"], row["status"]) == (
            line["source"], line["target"], line["at"], line["status"])
        low, high = line["before_interval"] or ("", "")
        assert (row["before_low"], row["before_high"]) == (str(low), str(high))
    first = lines[0]["drivers"][0]
    assert rows[0]["drivers"].split(" | ")[0] == f"{first['root']} {first['name']} ({first['events']})"
    rows, lines = both("enemies", "PRK", "RUS", "--db", db)
    assert [r["third"] for r in rows] == [x["third"] for x in lines] == ["UKR"]
    assert rows[0]["examples_a"].split() == [e["event_id"] for e in lines[0]["examples_a"]]
    rows, lines = both("balance", "--db", db, "--window", "quarter")
    assert [r["group"] for r in rows] == [x["group"] for x in lines]
    assert [r["blocs"] for r in rows] == [" | ".join(",".join(b) for b in x["blocs"]) for x in lines]
    net = json.loads(run("network", "--db", db, "--period", "2024-Q1", "-f", "json").stdout)
    edges = list(csv.DictReader(io.StringIO(run("network", "--db", db, "--period", "2024-Q1", "-f", "csv").stdout)))
    assert {(e["source"], e["target"], int(e["sign"])) for e in edges} == {
        (e["source"], e["target"], e["sign"]) for e in net["edges"]}
    out = tmp_path / "ties.csv"
    assert run("network", "--db", db, "--period", "2024-Q1", "-f", "csv", "--out", out).returncode == 0
    assert list(csv.DictReader(out.open())) == edges


@pytest.mark.slow
def test_filters_by_type_and_an_exclusion_file_on_every_command(db, tmp_path):
    def years(*args):
        proc = run("relations", "--db", db, "--countries", "RUS,PRK", "--window", "year", "-f", "jsonl", *args)
        assert proc.returncode == 0, proc.stderr
        return [(r["period"][:4], r["events"]) for r in map(json.loads, proc.stdout.splitlines())]

    assert years() == [("2023", 30), ("2024", 18)]
    assert years("--quads", "2,4") == [("2023", 6), ("2024", 6)]  # arms each month from July 2023
    assert years("--plover", "AID") == [("2023", 6), ("2024", 6)]  # the same arms, by their PLOVER type
    assert years("--roots", "11") == [("2023", 6)]  # the rebukes of the first half of 2023
    ids = run("events", "--db", db, "--pair", "PRK-RUS", "--from", "2024", "-f", "csv").stdout.splitlines()[1:4]
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("event_id,reason\n" + "".join(f"{line.split(',')[0]},judged wrong\n" for line in ids))
    assert years("--exclude", str(wrong)) == [("2023", 30), ("2024", 15)]
    listed = run("events", "--db", db, "--pair", "PRK-RUS", "--from", "2024", "--exclude", wrong, "-f", "csv")
    assert len(listed.stdout.splitlines()) == 1 + 18 - 3
    bad = run("relations", "--db", db, "--quads", "x")
    assert bad.returncode == 1 and bad.stderr.strip() == "error: --quads: quad classes are numbers 1 to 4, not 'x'"
    bad = run("shifts", "--db", db, "--from", "2023", "--to", "2024", "--exclude", tmp_path / "none.csv")
    assert bad.returncode == 1 and "none.csv: no such file" in bad.stderr
