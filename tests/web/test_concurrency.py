"""The app keeps serving while an ingest writes its store, and shows the new events once the
ingest is done (it reads snapshots, never the store: blocwatch.snapshot)."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from blocwatch.snapshot import snapshot_paths
from blocwatch.web import create_app
from tests.helpers import REPO, STATE_ACTORS
from tests.web.conftest import live_server

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def total(client: httpx.Client) -> int:
    r = client.get("/api/events", params={"limit": 1})
    assert r.status_code == 200, r.text
    return r.json()["total"]


def test_reads_go_on_while_an_ingest_writes(shared, tmp_path):
    db = tmp_path / "live.duckdb"
    with EventStore(db) as store:
        ingest_files(store, [REPO / "demo" / "data"], "gdelt")
    app = create_app(db)
    try:
        with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
            before = total(client)
            assert before > 0 and len(snapshot_paths(db)) == 1
            ingest = subprocess.Popen([sys.executable, "-m", "blocwatch", "ingest", "gdelt",
                                       str(shared / "gdelt" / "v2"), "--db", str(db)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            during = []
            while ingest.poll() is None:  # every answer during the ingest is a whole one
                during.append(total(client))
                assert client.get("/api/states").status_code == 200
            out, err = ingest.communicate()
            assert ingest.returncode == 0, err
            assert len(during) >= 3 and set(during) <= {before}, during[:20]
            with EventStore(db, read_only=True, wait=20) as store:
                expected = store.con.execute(
                    "SELECT count(*) FROM events WHERE mode = 'factual' AND "
                    "coalesce(date_precision, 'day') <> 'unknown' AND source_country IS NOT NULL AND "
                    f"target_country IS NOT NULL AND source_country <> target_country AND {STATE_ACTORS}"
                ).fetchall()[0][0]
            assert expected > before
            deadline = time.monotonic() + 60
            while (shown := total(client)) != expected:  # the next snapshot takes the ingest in
                assert time.monotonic() < deadline, f"the app shows {shown} events, not {expected}"
                time.sleep(0.2)
            assert app.state.live.generation >= 2
        assert snapshot_paths(db) == [app.state.live.snapshots.path]  # the copies no request reads are gone
    finally:
        app.state.live.close()
