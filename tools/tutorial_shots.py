"""Screenshots of docs/tutorial.md, taken in headless Chromium from the demo store.

Usage (after ``make demo``; Chromium from the system, e.g. ``apt-get install chromium``)::

    .venv/bin/python tools/tutorial_shots.py [--db out/demo.duckdb] [--out docs/img]

Writes ``tutorial-findings.png`` (the report's first screen), ``tutorial-timeline.png`` (the
PRK-RUS timeline with October 2024 clicked), ``tutorial-map.png`` (where that month's events took
place), ``tutorial-events.png`` (that month's events), ``tutorial-phone.png`` (the events on a
390 px phone), and ``tutorial-app.png`` and ``tutorial-app-phone.png`` (the web app on the same
view, on a desktop and on a phone, served from the store on a loopback port). The report is
written to a temporary folder; nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STATES = ("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR")
#: The pictures written, as ``docs/img/tutorial-NAME.png``.
SHOTS = ("findings", "timeline", "map", "events", "phone", "app", "app-phone")


def _click_month(page, month: str) -> None:
    """A real click on the middle of ``month``'s bar in the pair's timeline."""
    point = page.evaluate(f"""(() => {{
        const div = document.getElementById('fig-timeline'), fl = div._fullLayout, d = div.data;
        const i = d[0].x.indexOf('{month}');
        const total = d.slice(0, 4).reduce((s, t) => s + t.y[i], 0);
        const rect = div.querySelector('.nsewdrag').getBoundingClientRect();
        return {{x: rect.left + fl.xaxis.d2p(fl.xaxis.d2c('{month}')), y: rect.top + fl.yaxis.l2p(total / 2)}};
    }})()""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(f"document.getElementById('events-summary').textContent.includes('in {month}')")


@contextmanager
def _serve(db: Path) -> Iterator[str]:
    """The web app over ``db`` on a free loopback port, in a background thread; yields its URL."""
    import uvicorn

    from blocwatch.web import create_app

    app = create_app(db, watch=False)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        app.state.live.close()


def _app_view(page, url: str) -> None:
    """The app on PRK-RUS in October 2024, its map drawn."""
    page.goto(f"{url}/?countries={','.join(STATES)}&from=2023-01&to=2025-02&pair=PRK-RUS&month=2024-10")
    page.wait_for_selector("#map .scattergeo path.point", timeout=120_000)
    page.wait_for_timeout(500)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=REPO / "out" / "demo.duckdb")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no Chromium on this machine (apt-get install chromium)", file=sys.stderr)
        return 1
    if not args.db.is_file():
        print(f"{args.db}: no such store; run `make demo` first", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from blocwatch import EventStore
    from blocwatch.report import ReportOptions, write_report

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        with EventStore(args.db, read_only=True) as store:
            write_report(store, page_file, ReportOptions(countries=STATES, start=date(2023, 1, 1),
                                                         end=date(2025, 2, 28)))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(page_file.as_uri())
            page.wait_for_function("document.querySelector('#fig-timeline .main-svg') !== null")
            page.locator("header").evaluate("e => e.scrollIntoView()")
            page.screenshot(path=str(args.out / "tutorial-findings.png"))
            page.select_option("#pair", "PRK-RUS")
            page.locator("#timeline").scroll_into_view_if_needed()
            _click_month(page, "2024-10")
            page.locator("#timeline").screenshot(path=str(args.out / "tutorial-timeline.png"))
            page.locator("#map").scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.locator("#map").screenshot(path=str(args.out / "tutorial-map.png"))
            page.evaluate("document.getElementById('events').scrollIntoView()")
            page.screenshot(path=str(args.out / "tutorial-events.png"))
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto(page_file.as_uri())
            phone.wait_for_function("document.querySelector('#fig-timeline .main-svg') !== null")
            phone.select_option("#pair", "PRK-RUS")
            phone.select_option("#month", "2024-06")
            phone.evaluate("document.getElementById('events').scrollIntoView()")
            phone.screenshot(path=str(args.out / "tutorial-phone.png"))
            with _serve(args.db) as url:
                app = browser.new_page(viewport={"width": 1280, "height": 900})
                _app_view(app, url)
                app.locator("#dyad-panel").scroll_into_view_if_needed()
                app.screenshot(path=str(args.out / "tutorial-app.png"))
                app_phone = browser.new_page(viewport={"width": 390, "height": 844})
                _app_view(app_phone, url)
                app_phone.locator("#dyad-panel").scroll_into_view_if_needed()
                app_phone.screenshot(path=str(args.out / "tutorial-app-phone.png"))
            browser.close()
    for name in SHOTS:
        print(args.out / f"tutorial-{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
