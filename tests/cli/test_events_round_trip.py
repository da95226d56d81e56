"""A store's events exported with `blocwatch events --format csv` and read back with `blocwatch ingest
csv --map` give the same dyad table."""

from __future__ import annotations

import subprocess
import sys

from blocwatch import EventStore
from blocwatch.dyads import DyadQuery, dyad_table

MAP = ("id=event_id,date=date,source=source,target=target,event=cameo,plover=plover,mode=plover_mode,"
       "goldstein=goldstein,quad=quad_class,source_country=source_country,target_country=target_country")


def run(*args):
    return subprocess.run([sys.executable, "-m", "blocwatch", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def test_export_and_reimport_give_the_same_dyads(demo_db, tmp_path):
    exported = run("events", "--db", demo_db, "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    path = tmp_path / "events.csv"
    path.write_text(exported.stdout, encoding="utf-8")
    assert exported.stdout.startswith("event_id,date,date_precision,source,")
    copy = tmp_path / "copy.duckdb"
    read = run("ingest", "csv", path, "--map", MAP, "--db", copy, "--strict")
    assert read.returncode == 0, read.stderr
    lines = exported.stdout.count("\n") - 1
    assert f"{lines:,} new events, 0 already stored, 0 quarantined" in read.stdout
    again = run("ingest", "csv", path, "--map", MAP, "--db", copy)
    assert f"0 new events, {lines:,} already stored" in again.stdout
    for window in ("month", "year"):
        with EventStore(demo_db, read_only=True) as a, EventStore(copy, read_only=True) as b:
            before = dyad_table(a.con, DyadQuery(window=window)).to_pylist()
            after = dyad_table(b.con, DyadQuery(window=window)).to_pylist()
        assert before and after == before
