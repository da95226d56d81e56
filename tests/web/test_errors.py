"""One JSON shape for every error, security headers on every response, the Host check, static files."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import duckdb
import pytest
from fastapi.testclient import TestClient

from blocwatch.errors import InputError, StoreError
from blocwatch.web import create_app, plotly_js
from blocwatch.web.security import LOOPBACK_HOSTS, SECURITY_HEADERS


@pytest.fixture(scope="module")
def failing(demo_db):
    """The app with extra routes that fail the ways the library and DuckDB can (and one that is a bug)."""
    app = create_app(demo_db)

    @app.get("/test/bug")
    def bug():
        raise RuntimeError("secret detail /home/user/.ssh")

    @app.get("/test/store")
    def store_error():
        raise StoreError("in use by another blocwatch or DuckDB process (PID 42)", path="/srv/secret/store.duckdb")

    @app.get("/test/duckdb")
    def duckdb_error():
        raise duckdb.BinderException("Binder Error: column secret_column not found")

    @app.get("/test/input")
    def input_error():
        raise InputError("--window: choose one of day, week, month")

    yield TestClient(app, raise_server_exceptions=False)
    app.state.live.close()


def _shape(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message", "detail"}
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    return body["error"]


def test_not_found_and_method_not_allowed(failing):
    assert "/nowhere" in _shape(failing.get("/nowhere"), 404, "not_found")["message"]
    _shape(failing.get("/api/nowhere"), 404, "not_found")
    for method in ("post", "put", "delete", "patch"):
        r = getattr(failing, method)("/api/events")
        assert "GET" in _shape(r, 405, "method_not_allowed")["message"]
        assert r.headers["allow"] == "GET"


def test_validation_errors_say_which_parameter(failing):
    err = _shape(failing.get("/api/events", params={"limit": "many"}), 422, "invalid_request")
    assert err["message"].startswith("query parameter 'limit':")
    assert err["detail"][0]["loc"] == ["query", "limit"]
    err = _shape(failing.get("/api/events", params={"from": "2024-02-30"}), 422, "invalid_request")
    assert "'from'" in err["message"]
    _shape(failing.get("/api/timeline"), 422, "invalid_request")  # pair is required
    _shape(failing.get("/api/events", params={"pair": "RUSSIA-PRK"}), 422, "invalid_request")


def test_input_errors_are_400(failing):
    err = _shape(failing.get("/api/events", params={"from": "2025", "to": "2024-06"}), 400, "bad_input")
    assert err["message"] == "from: 2025-01-01 is after the end, 2024-06-30"
    for path in ("/api/network", "/api/balance", "/api/shifts", "/api/tension", "/api/dyads"):
        _shape(failing.get(path, params={"from": "2025", "to": "2024"}), 400, "bad_input")
    _shape(failing.get("/api/timeline", params={"pair": "PRK-RUS", "from": "2025", "to": "2024"}), 400, "bad_input")
    assert _shape(failing.get("/test/input"), 400, "bad_input")["message"].startswith("--window")
    # a code shaped like a state's that no state has: refused with what may have been meant
    err = _shape(failing.get("/api/network", params={"countries": "RUS,JPX"}), 400, "bad_input")
    assert err["message"] == 'countries: "JPX" is no state blocwatch knows; did you mean JPN (Japan)?'
    _shape(failing.get("/api/timeline", params={"pair": "PRK-XYZ"}), 400, "bad_input")


def test_store_and_unexpected_errors_never_leak(failing, caplog):
    for path, status, code in (("/test/store", 503, "store_unavailable"), ("/test/duckdb", 500, "store_error"),
                               ("/test/bug", 500, "internal_error")):
        r = failing.get(path)
        _shape(r, status, code)
        for secret in ("secret", "Traceback", "RuntimeError", "/srv", "/home", "Binder"):
            assert secret not in r.text, (path, r.text)
    assert "RuntimeError: secret detail" in caplog.text  # the server's log has the traceback


def test_security_headers_on_pages_and_static_files(failing):
    for path in ("/", "/static/app.js", "/static/app.css", "/static/plotly.min.js", "/openapi.json",
                 "/api/health"):
        r = failing.get(path)
        assert r.status_code == 200, path
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value, (path, name)
    assert failing.get("/static/plotly.min.js").content == plotly_js().read_bytes()
    assert failing.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_static_files_are_an_allow_list(failing):
    for path in ("/static/index.html", "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                 "/static/..%2f..%2fpyproject.toml", "/static/views.py", "/static/", "/docs", "/redoc"):
        assert failing.get(path).status_code == 404, path


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data.strip()


def test_the_page_has_no_inline_script_nor_outside_resource(failing):
    page = _Tags()
    page.feed(failing.get("/").text)
    scripts = [a for t, a in page.tags if t == "script"]
    assert [a["src"] for a in scripts] == ["/static/plotly.min.js", "/static/app.js"] and page.script_text == ""
    assert not [(t, k) for t, a in page.tags for k in a if k.startswith("on")]  # no inline event handlers
    urls = [v for _, a in page.tags for k, v in a.items() if k in ("src", "href") and v]
    assert all(u.startswith("/") or u == "data:," for u in urls), urls
    js = (failing.get("/static/app.js").text)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", js)


def test_requests_for_another_host_are_refused(demo_db):
    app = create_app(demo_db, allowed_hosts=LOOPBACK_HOSTS)
    try:
        assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/health").status_code == 200
        assert TestClient(app, base_url="http://[::1]:8000").get("/api/health").status_code == 200
        assert TestClient(app, base_url="http://localhost").get("/").status_code == 200
        _shape(TestClient(app, base_url="http://rebound.example:8000").get("/api/health"), 400, "invalid_host")
    finally:
        app.state.live.close()


def test_a_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no event store here"):
        create_app(tmp_path / "missing.duckdb")


def test_a_request_over_the_time_out_is_a_504_and_one_under_it_is_answered(demo_db):
    """The limit is the server's (``--timeout``): the same costly request (shifts of the ten most
    active states, not cached) over a tiny time-out and under the default one."""
    params = {"top": 10, "from": "2023-01", "to": "2025-02"}
    for timeout, status in ((0.001, 504), (None, 200)):
        app = create_app(demo_db, timeout=timeout, watch=False)
        try:
            r = TestClient(app).get("/api/shifts", params=params)
            assert r.status_code == status, r.text
            if status == 504:
                assert r.json()["error"]["code"] == "timeout" and "0.001 s" in r.json()["error"]["message"]
                assert r.headers["content-security-policy"].startswith("default-src 'self'")
        finally:
            app.state.live.close()
