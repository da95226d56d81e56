"""The report in a real headless Chromium: it asks nothing of the network, draws its charts, and
shows hostile text as text."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch import EventStore
from blocwatch.report import ReportOptions, write_report
from tests.helpers import HOSTILE, OVERFLOW_JS, hostile_store

pytestmark = pytest.mark.slow
SEVEN = ("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR")


@pytest.fixture(scope="module")
def seven_report(demo_db, tmp_path_factory):
    """The report on the seven states of the demo, 2023-01 to 2025-02, written once for the tests
    that only read it."""
    out = tmp_path_factory.mktemp("seven") / "report.html"
    with EventStore(demo_db, read_only=True) as store:
        write_report(store, out, ReportOptions(countries=SEVEN, start=date(2023, 1, 1), end=date(2025, 2, 28)))
    return out


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


def test_demo_report_offline_charts_and_evidence(browser, demo_db, seven_report, artifacts):
    out = seven_report
    page, seen = open_report(browser, out)
    for fig in ("glance", "timeline", "map", "network", "matrix", "tension"):
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


def _month_count(db, pair, month):
    """Factual, dated events between the pair's states in ``month``, counted in the store as the
    report counts them (states acting for their state, both directions)."""
    from blocwatch.dyads import DyadQuery
    from blocwatch.periods import Period

    span = Period.parse(month)
    query = DyadQuery(countries=tuple(pair.split("-")), start=span.start, end=span.end, states_only=True)
    with EventStore(db, read_only=True) as store:
        return store.con.execute(f"SELECT count(*) FROM events WHERE {' AND '.join(query.where())}").fetchone()[0]


def _click_bar(page, month):
    """A real mouse click on the middle of the stacked bar of ``month`` in the pair's timeline."""
    months = page.evaluate("document.getElementById('fig-timeline').data[0].x")
    totals = page.evaluate("(() => { const d = document.getElementById('fig-timeline').data;"
                           " return d[0].x.map((_, i) => d.slice(0, 4).reduce((s, t) => s + t.y[i], 0)); })()")
    i = months.index(month)
    assert totals[i] > 0
    # the bar's box in the page: the plot area's position plus Plotly's axis conversion
    box = page.evaluate(f"""(() => {{
        const div = document.getElementById('fig-timeline'), fl = div._fullLayout;
        const rect = div.querySelector('.nsewdrag').getBoundingClientRect();
        return {{x: rect.left + fl.xaxis.d2p(fl.xaxis.d2c('{month}')),
                 y: rect.top + fl.yaxis.l2p({totals[i]} / 2)}};
    }})()""")
    page.mouse.click(box["x"], box["y"])
    return totals[i]


def _tie_point(page, figure: str, other_than: str) -> dict:
    """Where on the page the first click point of a tie of the network ``figure`` is (the first tie
    that is not ``other_than``), with its pair and how many points along it take clicks."""
    return page.evaluate("""([figure, other]) => {
        const div = document.getElementById(figure), fl = div._fullLayout;
        const trace = div.data.find(t => t.mode === 'markers' && Array.isArray(t.customdata) &&
                                         typeof t.customdata[0] === 'string' && t.customdata[0].includes('-'));
        const flip = other.split('-').reverse().join('-');
        const i = trace.customdata.findIndex(p => p !== other && p !== flip);
        const rect = div.querySelector('.nsewdrag').getBoundingClientRect();
        return {pair: trace.customdata[i], x: rect.left + fl.xaxis.d2p(trace.x[i]),
                y: rect.top + fl.yaxis.d2p(trace.y[i]),
                stops: trace.customdata.filter(p => p === trace.customdata[i]).length};
    }""", [figure, other_than])


def test_clicks_land_on_the_events_of_that_pair_and_month(browser, demo_db, seven_report, artifacts):
    """Clicking a month's bar lists that pair's events of that month, as many as the store holds, and
    scrolls them into view; clicking a tie of the network lists its pair."""
    out = seven_report
    page, seen = open_report(browser, out)
    page.select_option("#pair", "PRK-RUS")
    for month in ("2024-10", "2024-06"):
        page.evaluate("window.scrollTo(0, 0)")
        page.locator("#timeline").scroll_into_view_if_needed()
        bar = _click_bar(page, month)
        page.wait_for_function(f"document.getElementById('events-summary').textContent.includes('in {month}')")
        held = _month_count(demo_db, "PRK-RUS", month)
        summary = page.inner_text("#events-summary")
        assert summary.startswith(f"PRK-RUS in {month}: {held} events"), summary
        assert held == bar  # the bar counts the same events the list holds
        assert page.input_value("#month") == month
        rows = page.locator("#events-table tbody tr")
        assert rows.count() > 0
        dates = page.eval_on_selector_all("#events-table tbody tr td:first-child",
                                          "cells => cells.map(c => c.textContent.slice(0, 7))")
        assert set(dates) == {month}, dates
        # the list is scrolled into view
        top = page.evaluate("document.getElementById('events').getBoundingClientRect().top")
        assert -2 <= top < 900 / 2, top
    # a tie of the network: a click anywhere along the line, not only its midpoint, opens its pair
    page.select_option("#month", "")
    page.locator("#network").scroll_into_view_if_needed()
    tie = _tie_point(page, "fig-network", "RUS-UKR")
    assert tie["stops"] > 1  # more than the midpoint takes clicks: the first stop, near one end, is clicked
    page.mouse.click(tie["x"], tie["y"])
    a, b = sorted(tie["pair"].split("-"))
    page.wait_for_function(f"document.getElementById('events-summary').textContent.startsWith('{a}-{b}')")
    assert page.input_value("#pair") == f"{a}-{b}"
    # a cell of the matrix: its pair, all months
    page.locator("#matrix").scroll_into_view_if_needed()
    cell = page.evaluate("""(() => {
        const div = document.getElementById('fig-matrix'), fl = div._fullLayout;
        const rect = div.querySelector('.nsewdrag').getBoundingClientRect();
        return {x: rect.left + fl.xaxis.d2p('KOR'), y: rect.top + fl.yaxis.d2p('PRK')};
    })()""")
    page.mouse.click(cell["x"], cell["y"])
    page.wait_for_function("document.getElementById('events-summary').textContent.startsWith('KOR-PRK, all months')")
    assert page.input_value("#pair") == "KOR-PRK" and page.input_value("#month") == ""
    top = page.evaluate("document.getElementById('events').getBoundingClientRect().top")
    assert -2 <= top < 900 / 2, top
    # the network on the first screen: a tie of it opens its pair too
    page.evaluate("window.scrollTo(0, 0)")
    tie = _tie_point(page, "fig-glance", "KOR-PRK")
    page.mouse.click(tie["x"], tie["y"])
    a, b = sorted(tie["pair"].split("-"))
    page.wait_for_function(f"document.getElementById('events-summary').textContent.startsWith('{a}-{b}')")
    page.screenshot(path=str(artifacts / "report-click.png"))
    assert seen["errors"] == [] and seen["dialogs"] == []
    page.close()


def test_a_place_on_the_map_lists_its_events(browser, demo_db, seven_report, artifacts):
    """The map follows the pair and month chosen; a real click on a point lists the events of that
    place, and says how many the store holds there."""
    out = seven_report
    page, seen = open_report(browser, out)
    page.select_option("#pair", "PRK-RUS")
    page.select_option("#month", "2024-10")
    page.wait_for_selector("#fig-map .scattergeo path.point")
    with EventStore(demo_db, read_only=True) as store:
        from blocwatch.dyads import DyadQuery

        where = " AND ".join(DyadQuery(countries=("PRK", "RUS"), start="2024-10", end="2024-10",
                                       states_only=True).where())
        counted, located = store.con.execute(f"SELECT count(*), count(latitude) FROM events WHERE {where}").fetchone()
    assert page.inner_text("#map-summary").startswith(f"PRK-RUS in 2024-10: {located} of {counted} counted events")
    places = page.evaluate("document.getElementById('fig-map')._bwPoints.length")
    point = page.locator("#fig-map .scattergeo path.point").last  # drawn last, on top: a click is its own
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("document.getElementById('events-summary').textContent.includes(' at ')")
    chosen = page.evaluate("(() => { const p = document.getElementById('fig-map')._bwPoints;"
                           " return p[p.length - 1]; })()")
    span = ("2024-10-01", "2024-10-31")
    with EventStore(demo_db, read_only=True) as store:
        from blocwatch.dyads import DyadQuery

        where = DyadQuery(countries=("PRK", "RUS"), start=span[0], end=span[1], states_only=True).where()
        held = store.con.execute(f"SELECT count(*) FROM events WHERE {' AND '.join(where)} AND round(latitude, 2) = ? "
                                 "AND round(longitude, 2) = ?", [chosen["lat"], chosen["lon"]]).fetchone()[0]
        names = {r[0] for r in store.con.execute(
            f"SELECT location_name FROM events WHERE {' AND '.join(where)} AND round(latitude, 2) = ? "
            "AND round(longitude, 2) = ?", [chosen["lat"], chosen["lon"]]).fetchall()}
    summary = page.inner_text("#events-summary")
    assert held > 0 and summary.startswith(f"PRK-RUS in 2024-10 at {chosen['place']}: {held} counted event"), summary
    records = page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => Number(r.dataset.reports || 1))")
    assert min(held, 3) <= sum(records) <= held  # the report keeps at least 3 events of each place
    shown = set(page.eval_on_selector_all("#events-table tbody .small > div:not(.reports)",
                                          "ds => ds.map(d => d.textContent)"))
    assert shown and all(any(text.startswith(n) for n in names) for text in shown), (shown, names)
    page.check("#map-all")  # every pair: more places
    assert page.evaluate("document.getElementById('fig-map')._bwPoints.length") > places
    page.click("#every-place")
    page.wait_for_function("!document.getElementById('events-summary').textContent.includes(' at ')")
    page.screenshot(path=str(artifacts / "report-map.png"), full_page=False)
    assert seen["requests"] == [out.as_uri()], seen["requests"]
    assert seen["errors"] == [] and seen["dialogs"] == []


def test_the_evidence_comes_in_pages_with_repeated_records_of_an_event_as_one_row(browser, demo_db, seven_report):
    """A month the report keeps whole: one row per event (day, actors, code, mode), saying how many
    records it stands for, as many rows as the store has distinct events, in pages of 25."""
    from blocwatch.dyads import DyadQuery

    with EventStore(demo_db, read_only=True) as store:
        where = " AND ".join(DyadQuery(countries=("PRK", "RUS"), start="2023-01", end="2025-02", states_only=True,
                                       factual_only=False).where())
        key = "date, source, target, source_country, target_country, cameo, mode"
        months = store.con.execute(
            f"SELECT strftime(date, '%Y-%m') AS m, count(*) AS n, count(DISTINCT ({key})) AS k FROM events "
            f"WHERE {where} AND mode = 'factual' GROUP BY m HAVING n <= 20 AND k < n ORDER BY n DESC, m").fetchall()
        assert months, "the demo has a month of PRK-RUS with repeated records of an event"
        month, held, distinct = months[0]
    page, seen = open_report(browser, seven_report)
    page.select_option("#pair", "PRK-RUS")
    page.select_option("#month", month)
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == distinct
    records = page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => Number(r.dataset.reports || 1))")
    assert sum(records) == held and max(records) > 1
    assert f"of {distinct} ({held} events" in page.inner_text("#events-page")
    assert "records of this event" in page.inner_text("#events-table")
    # all months: pages of 25 rows, every event of the list on one of them
    page.select_option("#month", "")
    pages, seen_rows = 0, 0
    while True:
        pages += 1
        n = page.locator("#events-table tbody tr").count()
        assert 0 < n <= 25
        seen_rows += n
        if page.is_disabled("#events-next"):
            break
        page.click("#events-next")
    total = int(page.inner_text("#events-page").split(" of ")[1].split()[0])
    assert pages > 1 and seen_rows == total
    assert seen["errors"] == [] and seen["dialogs"] == []


def test_a_finding_opens_its_pair_in_the_month_its_change_begins(browser, tmp_path):
    """A supported shift's finding links to its pair's events in the month the change begins."""
    from tests.helpers import warming_store

    db = warming_store(tmp_path)
    out = tmp_path / "report.html"
    with EventStore(db, read_only=True) as store:
        write_report(store, out, ReportOptions(start=date(2023, 1, 1), end=date(2024, 6, 30)))
    page, seen = open_report(browser, out)
    link = page.locator("#findings a.pair-link").first
    assert link.get_attribute("data-pair") == "PRK-RUS" and link.get_attribute("data-month") == "2023-07"
    page.select_option("#pair", page.eval_on_selector("#pair option:last-child", "o => o.value"))
    link.click()
    page.wait_for_function("document.getElementById('events-summary').textContent.startsWith('PRK-RUS in 2023-07')")
    assert page.input_value("#pair") == "PRK-RUS" and page.input_value("#month") == "2023-07"
    held = _month_count(db, "PRK-RUS", "2023-07")
    assert held > 0 and page.inner_text("#events-summary").startswith(f"PRK-RUS in 2023-07: {held} events")
    assert seen["errors"] == []
    page.close()


def test_a_phone_sees_the_report_without_scrolling_sideways(browser, demo_db, seven_report, artifacts):
    out = seven_report
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(out.as_uri())
    page.wait_for_function("document.querySelector('#fig-timeline .main-svg') !== null")
    page.select_option("#pair", "PRK-RUS")
    page.locator("#timeline").scroll_into_view_if_needed()
    bar = _click_bar(page, "2024-06")  # a finger on a bar: that month's events
    page.wait_for_function("document.getElementById('events-summary').textContent.includes('in 2024-06')")
    assert page.inner_text("#events-summary").startswith(f"PRK-RUS in 2024-06: {bar} events")
    fit = page.evaluate(OVERFLOW_JS)
    assert fit["scroll"] == fit["width"] == 390 and fit["wide"] == [], fit  # chart titles included
    rows = page.locator("#events-table tbody tr")
    assert rows.count() > 0 and rows.first.bounding_box()["width"] <= 390
    assert "strategic partnership treaty" in page.inner_text("#events-table")
    page.screenshot(path=str(artifacts / "report-phone.png"), full_page=True)
    page.close()


def test_tables_download_as_csv_with_what_the_store_holds(browser, demo_db, seven_report):
    """The events of a pair and month, and the pair's months, as CSV: the same events and counts the
    store gives (the demo keeps every event of these months: fewer than the 20 a cell keeps)."""
    import csv
    import io

    from blocwatch.dyads import DyadQuery
    from blocwatch.periods import Period

    out = seven_report
    page, seen = open_report(browser, out)
    page.select_option("#pair", "PRK-RUS")
    page.select_option("#month", "2024-06")

    def fetch(button):
        with page.expect_download() as info:
            page.click(button)
        text = info.value.path().read_text(encoding="utf-8")
        return info.value.suggested_filename, list(csv.DictReader(io.StringIO(text)))

    name, rows = fetch("#events-csv")
    assert name == "blocwatch-events-PRK-RUS-2024-06.csv"
    span = Period.parse("2024-06")
    query = DyadQuery(countries=("PRK", "RUS"), start=span.start, end=span.end, states_only=True)
    with EventStore(demo_db, read_only=True) as store:
        held = {r["event_id"]: r for r in store.query(
            "SELECT event_id, strftime(date, '%Y-%m-%d') AS date, source_country, target_country, cameo, "
            f"evidence_text FROM events WHERE {' AND '.join(query.where())}").to_pylist()}
    assert 0 < len(rows) == len(held) and {r["event_id"] for r in rows} == set(held)
    for r in rows:
        assert {k: r[k] for k in held[r["event_id"]]} == {k: v or "" for k, v in held[r["event_id"]].items()}
    page.select_option("#month", "2024-10")  # more events than the report keeps of a month: a named sample
    name, sample = fetch("#events-csv")
    with EventStore(demo_db, read_only=True) as store:
        october = Period.parse("2024-10")
        held = store.con.execute("SELECT count(*) FROM events WHERE " + " AND ".join(DyadQuery(
            countries=("PRK", "RUS"), start=october.start, end=october.end, states_only=True).where())).fetchone()[0]
    assert len(sample) < held and name == f"blocwatch-events-PRK-RUS-2024-10-sample-{len(sample)}-of-{held}.csv"
    name, months = fetch("#timeline-csv")
    assert name == "blocwatch-timeline-PRK-RUS.csv" and months[0]["month"] == "2023-01"
    whole = DyadQuery(countries=("PRK", "RUS"), start=date(2023, 1, 1), end=date(2025, 2, 28), states_only=True)
    with EventStore(demo_db, read_only=True) as store:
        per_month = dict(store.con.execute(
            f"SELECT strftime(date, '%Y-%m'), count(*) FROM events WHERE {' AND '.join(whole.where())} "
            "GROUP BY 1").fetchall())
    assert {m["month"]: int(m["events"]) for m in months if int(m["events"])} == per_month
    assert all((m["net"] == "") == (m["events"] == "0") for m in months)  # no events, no reading
    assert seen["errors"] == []
    page.close()
