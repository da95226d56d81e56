"""Fixtures of the web app's tests: the app over the demo store (``demo_db``, tests/conftest.py), a store
of hostile text, and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from blocwatch.web import create_app
from tests.helpers import hostile_store


@pytest.fixture(scope="session")
def demo_app(demo_db: Path) -> Iterator[FastAPI]:
    app = create_app(demo_db)
    yield app
    app.state.live.close()


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """A store whose texts, document ids and URLs hold markup (:func:`tests.helpers.hostile_store`)."""
    return hostile_store(tmp_path_factory.mktemp("hostile"), coder)


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of 127.0.0.1 in a background thread; yields its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def demo_server(demo_app: FastAPI) -> Iterator[str]:
    """The URL of a real uvicorn server of the demo app."""
    with live_server(demo_app) as url:
        yield url
