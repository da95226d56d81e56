"""Writing through the app: only with --allow-write and the token; bounded bodies; the server
fetches nothing; a read-only app has no way to write."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from blocwatch import EventStore
from blocwatch.errors import InputError
from blocwatch.ingest import ingest_files
from blocwatch.web import create_app
from blocwatch.web.write import MAX_BODY_BYTES, MAX_DOCUMENTS
from tests.helpers import REPO

pytestmark = pytest.mark.slow
TOKEN = "correct-horse-battery-staple"
DOC = {"id": "treaty-day", "date": "2024-06-20",
       "text": "Russia signed a defence treaty with North Korea on Wednesday."}


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    db = tmp_path_factory.mktemp("write") / "w.duckdb"
    with EventStore(db) as store:
        ingest_files(store, [REPO / "demo" / "data"], "gdelt")
    app = create_app(db, write_token=TOKEN, watch=False)
    yield db, app, TestClient(app)
    app.state.live.close()


def post(client, body, token=TOKEN, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/documents", headers=headers, content=body if isinstance(body, bytes)
                       else json.dumps(body), **kw)


def test_a_read_only_app_has_no_write_route(demo_app):
    r = TestClient(demo_app).post("/api/documents", json={"documents": [DOC]})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_no_token_or_a_wrong_one_is_refused(writable):
    _, _, client = writable
    for token in (None, "wrong-token-wrong-token", TOKEN + "x"):
        r = post(client, {"documents": [DOC]}, token=token)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
        assert r.headers["www-authenticate"] == "Bearer"


def test_documents_are_coded_stored_and_served(writable):
    db, app, client = writable
    before = client.get("/api/events", params={"pair": "PRK-RUS", "month": "2024-06"}).json()["total"]
    r = post(client, {"documents": [DOC, {"id": "no-date", "text": "x", "date": "2024-13-40"}]})
    assert r.status_code == 200, r.text
    assert r.json()["documents"] == 1 and r.json()["quarantined"] == 1 and r.json()["inserted"] >= 1
    assert "not a date" in r.json()["first_problem"]["reason"] and r.json()["first_problem"]["line"] == 2
    after = client.get("/api/events", params={"pair": "PRK-RUS", "month": "2024-06"}).json()
    assert after["total"] == before + r.json()["inserted"]  # served at once: the app took a new snapshot
    assert any(e["doc_id"] == "treaty-day" and "defence treaty" in e["evidence_text"] for e in after["items"])
    again = post(client, {"documents": [DOC]})
    assert again.json()["inserted"] == 0 and again.json()["duplicates"] == r.json()["inserted"]
    with EventStore(db, read_only=True) as store:
        (file,) = store.con.execute("SELECT DISTINCT file FROM quarantine").fetchall()[0]
    assert file.endswith(".jsonl") and "api-" in file


def test_limits_just_over(writable):
    _, _, client = writable
    r = post(client, b"{" + b" " * MAX_BODY_BYTES + b"}")
    assert r.status_code == 413 and r.json()["error"]["status"] == 413
    many = {"documents": [{**DOC, "id": str(i)} for i in range(MAX_DOCUMENTS + 1)]}
    r = post(client, many)
    assert r.status_code == 400 and "not a list of documents" in r.json()["error"]["message"]
    assert post(client, {"documents": many["documents"][:2]}).status_code == 200


def test_the_server_fetches_nothing(writable):
    """A document's url is data: a listener at that address is never called."""
    _, _, client = writable
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/article"
        r = post(client, {"documents": [{**DOC, "id": "with-url", "url": url}]})
        assert r.status_code == 200
        with pytest.raises(TimeoutError):
            listener.accept()


def test_the_token_must_be_given_and_long_enough(tmp_path, monkeypatch):
    db = tmp_path / "t.duckdb"
    EventStore(db).close()
    with pytest.raises(InputError, match="at least 16 characters"):
        create_app(db, write_token="short")
    monkeypatch.delenv("BLOCWATCH_TOKEN", raising=False)
    proc = subprocess.run([sys.executable, "-m", "blocwatch", "serve", "--db", str(db), "--allow-write"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "--allow-write needs a token" in proc.stderr
