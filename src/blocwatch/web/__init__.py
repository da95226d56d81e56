"""``blocwatch serve``: a read-only web app over an event store, a JSON API and a page.

:func:`create_app` reads the newest snapshot of the store (:mod:`blocwatch.snapshot`; never
the store itself, so that ingests can write it meanwhile) and builds a FastAPI app of GET
routes: the JSON API under ``/api`` (:mod:`blocwatch.web.api`, its spec at ``/openapi.json``), the
page at ``/`` and its static files (the page's script and styles, plotly.js from the
plotly package and the world map of :mod:`blocwatch.places`: nothing is fetched from elsewhere).
Every response carries a strict Content-Security-Policy (:mod:`blocwatch.web.security`) and
every error has one JSON shape (:mod:`blocwatch.web.errors`). How to use it: docs/app.md.

Examples
--------
>>> import os, tempfile
>>> from fastapi.testclient import TestClient
>>> from blocwatch.store import EventStore
>>> path = os.path.join(tempfile.mkdtemp(), "s.duckdb")
>>> EventStore(path).close()
>>> app = create_app(path)
>>> client = TestClient(app)
>>> client.get("/api/events", params={"pair": "RUS-PRK"}).json()["total"]
0
>>> client.get("/api/events", params={"limit": 5000}).json()["error"]["code"]
'invalid_request'
>>> app.state.live.close()
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.exceptions import HTTPException

from blocwatch import __version__
from blocwatch.errors import InputError
from blocwatch.places import BASE_MAP, base_map_path
from blocwatch.web import limits
from blocwatch.web.api import router
from blocwatch.web.errors import install_error_handlers
from blocwatch.web.live import LiveViews
from blocwatch.web.security import SecurityMiddleware
from blocwatch.web.write import MIN_TOKEN_CHARS, write_router

__all__ = ["STATIC", "create_app", "plotly_js"]

#: The page's own files.
STATIC = Path(__file__).with_name("static")

_MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".json": "application/json"}


def plotly_js() -> Path:
    """plotly.js as the plotly Python package ships it (``plotly/package_data/plotly.min.js``)."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def create_app(db_path: str | os.PathLike[str], *, allowed_hosts: Iterable[str] | None = None,
               watch: bool = True, timeout: float | None = limits.REQUEST_SECONDS,
               write_token: str | None = None, exclude: Iterable[str] = ()) -> FastAPI:
    """The app over the store at ``db_path`` (``app.state.live``; close it after use).

    The app reads the newest snapshot of the store (:mod:`blocwatch.snapshot`), never the store
    itself, so that ingests can write the store while it serves; their work shows once they are
    done.

    Parameters
    ----------
    db_path : path
        An event store.
    allowed_hosts : iterable of str, optional
        Host names requests must be addressed to (see :class:`blocwatch.web.security.SecurityMiddleware`);
        ``blocwatch serve`` passes the loopback names when it binds to a loopback address.
    watch : bool
        Look for changes of the store in a background thread (see :class:`blocwatch.web.live.LiveViews`).
    timeout : float, optional
        Seconds a request may take before it is answered with a 504 error (None: no limit).
    write_token : str, optional
        Adds ``POST /api/documents`` (:mod:`blocwatch.web.write`), for requests bearing this token;
        without it the app only reads.
    exclude : iterable of str
        Event ids judged wrong (:func:`blocwatch.exclusions.read_exclusions`): no answer counts
        them, as ``--exclude`` in the CLI and the report.

    Raises
    ------
    StoreError
        The store is missing, not a blocwatch store, or held by a writer and never served before.
    InputError
        The write token is shorter than :data:`blocwatch.web.write.MIN_TOKEN_CHARS`.
    """
    if write_token is not None and len(write_token) < MIN_TOKEN_CHARS:
        raise InputError(f"the write token must be at least {MIN_TOKEN_CHARS} characters")
    live = LiveViews(db_path, watch=watch)
    app = FastAPI(title="blocwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only API over a blocwatch event store: events with their evidence, dyads, "
                              "signed networks, structural balance, alignment shifts and tension. Every error is "
                              '`{"error": {"status", "code", "message", "detail"}}`. See docs/app.md.')
    app.state.live = live
    app.state.exclude = tuple(exclude)
    install_error_handlers(app)
    app.include_router(router)
    if write_token is not None:
        from blocwatch.ingest.text import load_coder

        app.state.write_token, app.state.coder = write_token, load_coder()
        app.include_router(write_router)
    app.add_middleware(SecurityMiddleware, allowed_hosts=allowed_hosts, timeout=timeout)
    files = {"app.js": STATIC / "app.js", "app.css": STATIC / "app.css", "plotly.min.js": plotly_js(),
             f"{BASE_MAP}.json": base_map_path()}

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type=_MEDIA[".html"], headers={"Cache-Control": "no-cache"})

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        path = files.get(name)  # an allow-list: nothing else under any folder is served
        if path is None:
            raise HTTPException(404)
        return FileResponse(path, media_type=_MEDIA[path.suffix], headers={"Cache-Control": "no-cache"})

    return app
