"""The report in a real headless Chromium: it asks nothing of the network, draws its charts, and
shows hostile text as text."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch import EventStore
from blocwatch.report import ReportOptions, write_report
from tests.helpers import HOSTILE, hostile_store

pytestmark = pytest.mark.slow
SEVEN = ("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR")


def open_report(browser, path):
    """A page on the report, recording every request, console error and dialog."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelector('#fig-timeline .main-svg') !== null")
    return page, seen


def test_demo_report_offline_charts_and_evidence(browser, demo_db, tmp_path, artifacts):
    out = tmp_path / "report.html"
    with EventStore(demo_db, read_only=True) as store:
        write_report(store, out, ReportOptions(countries=SEVEN, start=date(2023, 1, 1), end=date(2025, 2, 28)))
    page, seen = open_report(browser, out)
    for fig in ("timeline", "network", "matrix", "tension"):
        assert page.evaluate(f"document.getElementById('fig-{fig}').data.length") > 0, fig
    # no finding claims a shift on the demo's data (docs/truth.md): the page opens on the busiest pair
    assert page.input_value("#pair") == "RUS-UKR"
    assert "No pair's relations changed" in page.inner_text("#findings")
    page.select_option("#pair", "PRK-RUS")
    title = page.evaluate("document.getElementById('fig-timeline').layout.title.text")
    assert title.startswith("North Korea and Russian Federation")
    months = page.evaluate("document.getElementById('fig-timeline').data[4].x")
    assert months[0] == "2023-01" and months[-1] == "2025-02"
    # June 2024: the treaty, with its sentence
    page.select_option("#month", "2024-06")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() > 0
    assert "strategic partnership treaty" in page.inner_text("#events-table")
    assert "PRK-RUS in 2024-06" in page.inner_text("#events-summary")
    # background of unknown date ("had sent troops") is listed apart, whatever the month, never in it
    with EventStore(demo_db, read_only=True) as store:
        undated = {r[0] for r in store.con.execute(
            "SELECT evidence_text FROM events WHERE date_precision = 'unknown' AND mode = 'factual' AND "
            "source_country = 'PRK' AND target_country = 'RUS' AND date >= DATE '2023-01-01'").fetchall()}
    assert len(undated) >= 2 and page.is_visible("#undated")
    listed = set(page.eval_on_selector_all("#undated-table tbody td > div:first-child:not(.small)",
                                           "cells => cells.map(c => c.textContent)"))
    assert listed == undated
    assert not undated & set(page.eval_on_selector_all("#events-table tbody td > div:first-child:not(.small)",
                                                       "cells => cells.map(c => c.textContent)"))
    page.screenshot(path=str(artifacts / "report-prk-rus.png"), full_page=True)
    # opening the report asked for nothing but the file itself
    assert seen["requests"] == [out.as_uri()], seen["requests"]
    assert seen["errors"] == [] and seen["dialogs"] == []
    page.close()


def test_hostile_text_shows_as_text(browser, tmp_path, coder, artifacts):
    db = hostile_store(tmp_path / "h", coder)
    out = tmp_path / "hostile.html"
    with EventStore(db, read_only=True) as store:
        write_report(store, out, ReportOptions(countries=("RUS", "PRK")))
    page, seen = open_report(browser, out)
    page.select_option("#pair", "PRK-RUS")
    table = page.inner_text("#events-table")
    for text in HOSTILE:
        assert text in table  # shown, verbatim, as text
    assert page.locator("#events-table img, #events-table script").count() == 0
    hrefs = page.eval_on_selector_all("#events-table a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://example.org/") for h in hrefs)  # javascript: is no link
    assert "javascript:alert(1)" in table
    page.screenshot(path=str(artifacts / "report-hostile.png"), full_page=True)
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["requests"] == [out.as_uri()]
    page.close()
