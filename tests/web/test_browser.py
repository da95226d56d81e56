"""The page in a real browser: headless Chromium (Debian's, never a download: the ``browser`` fixture of
tests/conftest.py, skipped with the reason without it) against a real uvicorn server. Screenshots go
to test-artifacts/ (not committed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from blocwatch.web import create_app
from tests.helpers import HOSTILE, OVERFLOW_JS
from tests.web.conftest import live_server

pytestmark = pytest.mark.slow


class Watched:
    """A page with everything that should not happen recorded: dialogs, script errors, console
    errors (CSP violations among them) and requests to anywhere but the app."""

    def __init__(self, browser, base: str, artifacts: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 1600})  # a fresh profile
        self.page = self.context.new_page()
        self.artifacts = artifacts
        self.base, self.dialogs, self.errors, self.outside = base, [], [], []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:")
                     else self.outside.append(r.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.artifacts / f"{name}.png"), full_page=True)

    def check_clean(self) -> None:
        assert self.dialogs == [] and self.errors == [] and self.outside == []


@pytest.fixture
def watched(browser, artifacts) -> Iterator:
    pages: list[Watched] = []

    def open_page(base: str) -> Watched:
        pages.append(Watched(browser, base, artifacts))
        return pages[-1]

    yield open_page
    for w in pages:
        w.context.close()


DEMO = "USA,RUS,CHN,JPN,KOR,PRK,UKR"


def _choose_pair(w: Watched, pair: str) -> None:
    w.page.goto(w.base + "/?countries=" + DEMO)
    w.page.wait_for_selector("#network .tie", state="attached", timeout=30_000)
    w.page.select_option("#dyad", pair)
    w.page.wait_for_function("() => document.getElementById('timeline').data?.length === 5", timeout=30_000)
    w.page.wait_for_selector("#events-body tr", timeout=30_000)


def test_choose_a_dyad_see_its_timeline_and_the_evidence_of_an_event(demo_server, watched):
    w = watched(demo_server)
    page = w.page
    _choose_pair(w, "PRK-RUS")
    checked = page.eval_on_selector_all("input[name=country]:checked", "xs => xs.map(x => x.value).sort()")
    assert checked == sorted(["USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR"])
    # the window is the network's span: the demo's months, the first trimmed of a few stray earlier
    # events (which month depends on the events the coder finds in the demo's news)
    net = httpx.get(f"{demo_server}/api/network", params={"countries": DEMO}).json()
    assert (page.input_value("#from"), page.input_value("#to")) == (net["start"][:7], net["end"][:7])
    assert "2023-01" <= net["start"][:7] <= "2023-12" and net["end"][:7] == "2025-02"
    # the timeline: a plotly chart with data
    events = page.evaluate("document.getElementById('timeline').data.slice(0, 4)"
                           ".reduce((n, t) => n + t.y.reduce((a, b) => a + b, 0), 0)")
    # the pair's timeline covers the days the network covers
    span = {"from": net["start"], "to": net["end"]}
    api = httpx.get(f"{demo_server}/api/timeline", params={"pair": "PRK-RUS", **span})
    assert events == api.json()["total"] > 0
    assert page.locator("#timeline .barlayer .point").count() > 0
    w.shot("app-dyad-PRK-RUS")

    # clicking a tie of the network selects its dyad (over the whole window Russia and North Korea are
    # no tie: GDELT codes North Korean troops fighting beside Russia as fighting between them)
    assert page.locator('#network .tie[data-pair="PRK-RUS"]').count() == 0
    page.click('#network .tie[data-pair="KOR-USA"]')
    page.wait_for_function("() => document.getElementById('timeline-summary').textContent.startsWith('KOR-USA')")
    assert page.input_value("#dyad") == "KOR-USA"
    assert "selected" in page.get_attribute('#network .tie[data-pair="KOR-USA"]', "class")
    # no background of unknown date between them in the demo: the list apart is hidden, not the last pair's
    assert httpx.get(f"{demo_server}/api/events", params={"pair": "KOR-USA", "undated": "true", **span}).json()[
        "total"] == 0
    page.wait_for_function("() => document.getElementById('undated').hidden")
    page.select_option("#dyad", "PRK-RUS")
    page.wait_for_function("() => document.getElementById('timeline-summary').textContent.startsWith('PRK-RUS')")

    # clicking the bar of June 2024 (the treaty) lists that month's events
    box = page.evaluate("""() => {
        const gd = document.getElementById('timeline'), i = gd.data[0].x.indexOf('2024-06');
        const t = gd.data.findIndex((trace, k) => k < 4 && trace.y[i] > 0);
        const r = gd.querySelectorAll('.barlayer .trace')[t].querySelectorAll('.point')[i].getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }""")
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])
    page.wait_for_function("() => document.getElementById('events-info').textContent.includes('in 2024-06')")
    month = httpx.get(f"{demo_server}/api/events", params={"pair": "PRK-RUS", "month": "2024-06", **span,
                                                           "limit": 25, "collapse": "true"}).json()
    ids = page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => r.dataset.eventId)")
    assert ids == [e["event_id"] for e in month["items"]]  # one row per event, as the API collapses them
    # background of unknown date is listed apart, as the API gives it, whatever month is chosen
    undated = httpx.get(f"{demo_server}/api/events", params={"pair": "PRK-RUS", "undated": "true", **span,
                                                             "limit": 25}).json()
    assert undated["total"] > 0 and page.is_visible("#undated")
    assert page.eval_on_selector_all("#undated-body tr", "rows => rows.map(r => r.dataset.eventId)") == [
        e["event_id"] for e in undated["items"]]

    # clicking a coded event shows its sentence, document and rule
    row = page.locator("#events-body tr.has-evidence").first
    event = next(e for e in month["items"] if e["event_id"] == row.get_attribute("data-event-id"))
    row.click()
    assert page.text_content("#evidence-text") == event["evidence_text"]
    assert event["evidence_text"] and event["origin"] == "text"
    assert page.text_content("#evidence-doc") == event["doc_id"]
    assert page.text_content("#evidence-rule") == event["evidence_rule"]
    assert page.is_visible("#evidence-fields")
    w.shot("app-evidence")
    w.check_clean()


def test_markup_in_the_data_shows_as_text(hostile_db, watched):
    app = create_app(hostile_db)
    try:
        with live_server(app) as base:
            api = httpx.get(f"{base}/api/events", params={"pair": "PRK-RUS", "all_modes": "true",
                                                        "limit": 1000}).json()["items"]
            coded = [e for e in api if e["origin"] == "text"]
            # the API returns the text as it is stored (JSON, never HTML)
            assert coded and all(e["doc_id"] == HOSTILE[1] and e["url"] == "javascript:alert(1)" for e in coded)
            assert any(HOSTILE[0] in (e["evidence_text"] or "") for e in coded)
            assert any(HOSTILE[1] in (e["evidence_text"] or "") for e in coded)
            assert {e["url"] for e in api if e["origin"] == "gdelt2"} == {
                f"https://example.org/{i}/{HOSTILE[i % 2]}" for i in range(4)}

            w = watched(base)
            page = w.page
            _choose_pair(w, "PRK-RUS")
            page.check("#all-modes")
            page.wait_for_function(f"() => document.querySelectorAll('#events-body tr').length === {len(api)}")
            for e in coded:
                page.click(f'#events-body tr[data-event-id="{e["event_id"]}"]')
                assert page.text_content("#evidence-text") == e["evidence_text"]
                assert page.text_content("#evidence-doc") == HOSTILE[1]
                assert page.text_content("#evidence-source") == "javascript:alert(1)"
                assert page.locator("#evidence-source a").count() == 0  # not a link
            shown = page.text_content("#evidence-text")
            w.shot("app-hostile-text")
            # the map's place names: text in the hover label, never markup
            page.wait_for_selector("#map .scattergeo path.point")
            point = page.locator("#map .scattergeo path.point").first
            point.scroll_into_view_if_needed()
            box = point.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            label = page.locator("#map .hovertext")
            label.wait_for()
            assert "<b>Kursk</b>" in label.text_content() and page.locator("#map .hovertext b").count() == 0
            gdelt = next(e for e in api if e["origin"] == "gdelt2" and HOSTILE[1] in e["url"])
            page.click(f'#events-body tr[data-event-id="{gdelt["event_id"]}"]')
            link = page.locator("#evidence-source a")
            assert link.get_attribute("href") == gdelt["url"] and link.text_content() == gdelt["url"]
            assert link.get_attribute("rel") == "noopener noreferrer nofollow"
            w.shot("app-hostile-link")

            assert HOSTILE[0] in shown or HOSTILE[1] in shown
            dom = page.evaluate("""() => ({
                imgs: document.querySelectorAll('img').length,
                scripts: [...document.scripts].map(s => s.getAttribute('src')),
                handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
                links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))})""")
            assert dom["imgs"] == 0 and dom["handlers"] == 0
            assert dom["scripts"] == ["/static/plotly.min.js", "/static/app.js"]
            assert all(h == "/openapi.json" or h.startswith("https://example.org/") for h in dom["links"])
            w.check_clean()
    finally:
        app.state.live.close()


def test_a_late_answer_never_draws_over_a_later_choice(demo_server, watched):
    """Answers may arrive out of order: the whole window's events of a newly chosen pair are held
    back until the user has clicked a month, and the list still shows that month's events only."""
    w = watched(demo_server)
    page = w.page
    _choose_pair(w, "KOR-USA")
    held = []

    def hold_the_whole_window(route) -> None:
        if "pair=PRK-RUS" in route.request.url and "month=" not in route.request.url and not held:
            held.append(route)  # answered below, after the click
        else:
            route.continue_()

    page.route("**/api/events?*", hold_the_whole_window)
    page.select_option("#dyad", "PRK-RUS")
    page.wait_for_function("() => document.getElementById('timeline-summary').textContent.startsWith('PRK-RUS')")
    page.wait_for_timeout(100)
    assert len(held) == 1
    page.evaluate("""() => {
        const gd = document.getElementById('timeline');
        gd.emit('plotly_click', {points: [{customdata: '2024-06'}]});
    }""")
    page.wait_for_function("() => document.getElementById('events-info').textContent.includes('in 2024-06')")
    month = httpx.get(f"{demo_server}/api/events", params={"pair": "PRK-RUS", "month": "2024-06", "from": "2023-07",
                                                           "to": "2025-02", "limit": 25}).json()
    expected = [e["event_id"] for e in month["items"]]
    held[0].continue_()
    page.wait_for_timeout(500)  # time for the late answer to arrive (and be dropped)
    ids = page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => r.dataset.eventId)")
    assert expected and ids == expected
    assert "in 2024-06" in page.text_content("#events-info")
    w.check_clean()


def test_the_app_opens_on_the_reports_view_and_a_link_keeps_the_view(demo_app, demo_server, watched, browser,
                                                                     tmp_path):
    """The report says how to open the app on its states, window and filters; there the app shows the
    report's findings, word for word. The address follows every choice (filters, pair, month), and
    opening it again shows the same events."""
    import re
    from datetime import date

    from blocwatch.report import ReportOptions, write_report

    out = tmp_path / "report.html"
    with demo_app.state.live.cursor() as view:
        write_report(view, out, ReportOptions(countries=tuple(DEMO.split(",")), start=date(2023, 1, 1),
                                              end=date(2025, 2, 28)))
    context = browser.new_context()
    try:
        report = context.new_page()
        report.goto(out.as_uri())
        said = report.eval_on_selector_all("#findings li.headline", "xs => xs.map(x => x.textContent)")
        link = report.text_content("#app-view code:nth-of-type(2)")
    finally:
        context.close()
    assert len(said) >= 4 and re.fullmatch(r"http://127\.0\.0\.1:8000/\?\S+", link)

    w = watched(demo_server)
    page = w.page
    page.goto(link.replace("http://127.0.0.1:8000", demo_server))
    page.wait_for_selector("#findings li", timeout=60_000)
    assert page.eval_on_selector_all("#findings li", "xs => xs.map(x => x.textContent)") == said
    checked = page.eval_on_selector_all("input[name=country]:checked", "xs => xs.map(x => x.value)")
    assert sorted(checked) == sorted(DEMO.split(","))
    assert (page.input_value("#from"), page.input_value("#to")) == ("2023-01", "2025-02")
    w.shot("app-report-view")

    # a filter: the findings are the API's for it, and the address keeps it
    page.fill("#min-sources", "2")
    page.click("#apply")
    page.wait_for_function("() => window.location.search.includes('min_sources=2')", timeout=60_000)
    api = httpx.get(f"{demo_server}/api/findings", params={"countries": DEMO, "from": "2023-01", "to": "2025-02",
                                                           "min_sources": 2}, timeout=120).json()
    page.wait_for_function("n => document.getElementById('counting').textContent === n", arg=api["counting"])
    assert page.eval_on_selector_all("#findings li", "xs => xs.map(x => x.textContent)") == [
        h["text"] for h in api["items"]]

    # a pair and a month: the address names them, and opening it shows the same events
    page.select_option("#dyad", "PRK-RUS")
    page.wait_for_function("() => document.getElementById('timeline-summary').textContent.startsWith('PRK-RUS')")
    page.evaluate("() => document.getElementById('timeline').emit('plotly_click', {points: [{customdata: '2024-06'}]})")
    page.wait_for_function("() => window.location.search.includes('month=2024-06')")
    page.wait_for_selector("#events-body tr")
    ids = page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => r.dataset.eventId)")
    address = page.url
    assert "pair=PRK-RUS" in address and "min_sources=2" in address
    again = watched(demo_server)
    again.page.goto(address)
    again.page.wait_for_function("() => document.getElementById('events-info').textContent.includes('in 2024-06')",
                                 timeout=60_000)
    again.page.wait_for_selector("#events-body tr")
    assert ids and again.page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => r.dataset.eventId)") == ids
    assert again.page.input_value("#min-sources") == "2"
    w.check_clean()
    again.check_clean()


def test_a_phone_sees_the_app_without_scrolling_sideways(demo_server, watched):
    w = watched(demo_server)
    w.page.set_viewport_size({"width": 390, "height": 844})
    _choose_pair(w, "PRK-RUS")
    w.page.wait_for_selector("#map .scattergeo path.point")  # the map is drawn, and must fit too
    w.page.locator("#events-body tr").first.click()
    fit = w.page.evaluate(OVERFLOW_JS)  # no element wider than the screen, charts included
    assert fit["scroll"] == fit["width"] == 390 and fit["wide"] == [], fit
    # an event is a card: its date, states and type all show
    card = w.page.locator("#events-body tr").first
    assert card.bounding_box()["width"] <= 390
    for cell in ("date", "source", "target", "cameo"):
        assert card.locator(f"td.{cell}").is_visible()
    # a finger on a place of the map: its events
    point = w.page.locator("#map .scattergeo path.point").last
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    w.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    w.page.wait_for_function("() => document.getElementById('events-info').textContent.includes(' at ')")
    assert w.page.evaluate(OVERFLOW_JS)["wide"] == []
    w.shot("app-phone")
    w.check_clean()


def test_a_place_on_the_map_lists_its_events_and_a_link_keeps_it(demo_app, demo_server, watched):
    """A real click on a point of the map lists the pair's events of the month at that place, as many
    as the store holds; the address names the place, and opening it again shows the same events.
    The base map is the app's own: nothing is fetched from elsewhere."""
    w = watched(demo_server)
    page = w.page
    page.goto(f"{demo_server}/?countries={DEMO}&from=2023-01&to=2025-02&pair=PRK-RUS&month=2024-10")
    page.wait_for_selector("#map .scattergeo path.point", timeout=60_000)
    summary = page.text_content("#map-summary")
    assert " events in 2024-10 have a place" in summary, summary
    point = page.locator("#map .scattergeo path.point").last  # drawn last, on top: a click is its own
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => window.location.search.includes('place=')")
    page.wait_for_function("() => document.getElementById('events-info').textContent.includes(' at ')")
    place = dict(kv.split("=") for kv in page.url.split("?")[1].split("&"))["place"]
    lat, lon = (float(x) for x in place.split(","))
    with demo_app.state.live.cursor() as view:
        held, records = _events_and_records(view, (
            "source_country IN ('PRK', 'RUS') AND target_country IN ('PRK', 'RUS') "
            "AND source_country <> target_country AND mode = 'factual' AND coalesce(date_precision, 'day') <> "
            "'unknown' AND coalesce(source_sector, 'GOV') IN ('GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG') AND "
            "coalesce(target_sector, 'GOV') IN ('GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG') AND "
            "strftime(date, '%Y-%m') = '2024-10' AND round(latitude, 2) = ? AND round(longitude, 2) = ?"), [lat, lon])
    info = page.text_content("#events-info")
    assert held > 0 and info.startswith(f"Events 1–{min(held, 25)} of {held} between PRK and RUS in 2024-10 at "), info
    assert (f" {records} records: " in info) == (records > held), (info, records)
    ids = page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => r.dataset.eventId)")
    assert len(ids) == min(held, 25)
    assert page.is_visible("#events-every-place")
    again = watched(demo_server)
    again.page.goto(page.url)
    again.page.wait_for_function("() => document.getElementById('events-info').textContent.includes(' at ')",
                                 timeout=60_000)
    assert again.page.text_content("#events-info") == info
    assert again.page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => r.dataset.eventId)") == ids
    page.click("#events-every-place")  # back to every place of the month
    page.wait_for_function("() => !window.location.search.includes('place=')")
    page.wait_for_function("() => !document.getElementById('events-info').textContent.includes(' at ')")
    w.shot("app-map")
    w.check_clean()
    again.check_clean()


def test_type_filters_count_as_the_apis_and_the_address_keeps_them(demo_app, demo_server, watched):
    """Kinds of event, CAMEO roots and origins chosen on the page are the API's filters: the pair's
    events are the store's events of those kinds, and opening the address again restores the choice."""
    w = watched(demo_server)
    page = w.page
    page.goto(f"{demo_server}/?countries={DEMO}&pair=PRK-RUS")
    page.wait_for_selector("#events-body tr", timeout=60_000)
    before = page.text_content("#events-info")
    assert page.eval_on_selector_all("input[name=origin]", "xs => xs.map(x => x.value)") == ["gdelt2", "text"]
    for quad in ("1", "3"):  # material acts only
        page.uncheck(f"input[name=quad][value='{quad}']")
    page.fill("#roots", "4, 19,20")
    page.uncheck("input[name=origin][value='text']")
    page.click("#apply")
    page.wait_for_function("() => window.location.search.includes('quads=2,4')", timeout=60_000)
    assert "roots=4,19,20" in page.url and "origins=gdelt2" in page.url
    page.wait_for_function("b => document.getElementById('events-info').textContent !== b", arg=before,
                           timeout=60_000)  # the pair's events again, under the new filters
    with demo_app.state.live.cursor() as view:
        start, end = page.input_value("#from"), page.input_value("#to")
        from blocwatch.dyads import DyadQuery

        where = DyadQuery(countries=("PRK", "RUS"), start=start, end=end, states_only=True, roots=("04", "19", "20"),
                          quad_classes=(2, 4), origins=("gdelt2",)).where()
        held, records = _events_and_records(view, " AND ".join(where))
    info = page.text_content("#events-info")
    assert held > 0 and f" of {held} between PRK and RUS." in info, (info, held)
    assert (f" {records} records: " in info) == (records > held), (info, records)
    counting = page.text_content("#counting")
    assert "of CAMEO roots 04, 19, 20 only" in counting and "of quad classes 2, 4 only" in counting
    assert "from gdelt2 only" in counting
    again = watched(demo_server)
    again.page.goto(page.url)
    again.page.wait_for_function("() => document.getElementById('events-info').textContent.includes('between PRK')",
                                 timeout=60_000)
    assert again.page.text_content("#events-info") == info
    assert again.page.input_value("#roots") == "4,19,20"
    assert again.page.eval_on_selector_all("input[name=quad]:checked", "xs => xs.map(x => x.value)") == ["2", "4"]
    assert again.page.eval_on_selector_all("input[name=origin]:checked", "xs => xs.map(x => x.value)") == ["gdelt2"]
    page.fill("#roots", "21")  # not a CAMEO root: said, not sent
    page.click("#apply")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('from 1 to 20')")
    w.check_clean()
    again.check_clean()


def _events_and_records(view, where: str, params: list | None = None) -> tuple[int, int]:
    """Events (the records of one event, the same day, actors, states, code and mode, counted once)
    and records of the store that ``where`` selects."""
    return view.con.execute(f"SELECT count(*), sum(n) FROM (SELECT count(*) AS n FROM events WHERE {where} "
                            "GROUP BY date, source, target, source_country, target_country, cameo, plover, mode, "
                            "CASE WHEN cameo IS NULL THEN event_id END)",
                            params).fetchone()


def _api_items(base: str, **params) -> list[dict]:
    items: list[dict] = []
    while True:
        page = httpx.get(f"{base}/api/events", params={**params, "limit": 1000, "offset": len(items)},
                         timeout=60).json()
        items += page["items"]
        if not page["items"] or len(items) >= page["total"]:
            return items


def _same_cell(cell: str, value) -> bool:
    """A CSV cell holds the API's value: empty for none, numbers equal as numbers, text as it is (a
    formula-like text with the leading ' that keeps a spreadsheet from running it)."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value).lower()
    if isinstance(value, int | float):
        return float(cell) == float(value)
    return cell in (value, "'" + value)


def test_the_records_of_one_event_are_one_row_until_every_record_is_asked_for(demo_app, demo_server, watched):
    """GDELT keeps a record of an event per article: the list shows each event once with how many
    records it has, the evidence names the other articles, and "every record" lists them all (and
    the address keeps that choice)."""
    w = watched(demo_server)
    page = w.page
    page.goto(f"{demo_server}/?countries={DEMO}&from=2023-01&to=2025-02&pair=PRK-RUS&month=2024-10")
    page.wait_for_function("() => document.getElementById('events-info').textContent.includes('in 2024-10')",
                           timeout=60_000)
    start, end = page.input_value("#from"), page.input_value("#to")
    from blocwatch.dyads import DyadQuery

    where = DyadQuery(countries=("PRK", "RUS"), start=start, end=end, states_only=True).where()
    where.append("strftime(date, '%Y-%m') = '2024-10'")
    with demo_app.state.live.cursor() as view:
        held, records = _events_and_records(view, " AND ".join(where))
    assert records > held > 25, (records, held)  # the demo's month holds repeated records, on more than a page
    info = page.text_content("#events-info")
    assert info.startswith(f"Events 1–25 of {held} between PRK and RUS in 2024-10. {records} records: "), info
    # the rows of the page: as many records as the API says, each event once
    api = httpx.get(f"{demo_server}/api/events", params={"pair": "PRK-RUS", "month": "2024-10", "from": start,
                                                         "to": end, "collapse": "true", "limit": 25}).json()
    shown = page.eval_on_selector_all("#events-body tr", "rows => rows.map(r => [r.dataset.eventId, "
                                      "(r.querySelector('td.origin .records') || {}).textContent || ''])")
    assert shown == [[e["event_id"], f" ×{e['records']}" if e["records"] > 1 else ""] for e in api["items"]]
    repeated = next(e for e in api["items"] if e["records"] > 1)
    page.click(f'#events-body tr[data-event-id="{repeated["event_id"]}"]')
    said = page.text_content("#evidence-records")
    assert said.startswith(f"{repeated['records']} records of this event"), said
    assert page.eval_on_selector_all("#evidence-records a", "xs => xs.map(a => a.href)") == [
        u for u in repeated["other_urls"] if u.startswith(("http://", "https://"))]
    page.check("#every-record")
    page.wait_for_function("() => window.location.search.includes('records=every')")
    page.wait_for_function(f"() => document.getElementById('events-info').textContent.includes(' of {records} ')",
                           timeout=60_000)
    assert "records: " not in page.text_content("#events-info")
    again = watched(demo_server)
    again.page.goto(page.url)
    again.page.wait_for_function(f"() => document.getElementById('events-info').textContent.includes(' of {records} ')",
                                 timeout=60_000)
    assert again.page.is_checked("#every-record")
    w.check_clean()
    again.check_clean()


def test_a_list_downloads_as_csv_with_every_event_the_api_gives(demo_server, watched):
    import csv
    import io

    w = watched(demo_server)
    page = w.page
    _choose_pair(w, "PRK-RUS")
    net = httpx.get(f"{demo_server}/api/network", params={"countries": DEMO}, timeout=60).json()
    span = {"from": net["start"], "to": net["end"]}  # the days the app's lists cover
    for button, params, name in (
            ("#events-csv", {"pair": "PRK-RUS", **span, "collapse": "true"}, "blocwatch-events-PRK-RUS.csv"),
            ("#undated-csv", {"pair": "PRK-RUS", "undated": "true", **span}, "blocwatch-undated-PRK-RUS.csv")):
        page.wait_for_selector(button, state="visible")
        with page.expect_download() as info:
            page.click(button)
        download = info.value
        assert download.suggested_filename == name
        rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
        api = _api_items(demo_server, **params)
        assert len(rows) == len(api) > 0, name
        assert list(rows[0]) == list(api[0])  # the API's columns, in its order
        for row, item in zip(rows, api, strict=True):
            bad = [k for k, v in item.items() if not isinstance(v, list | dict) and not _same_cell(row[k], v)]
            assert not bad, (item["event_id"], bad)
    # more events than a page of the list: every one is in the file, not only those shown
    assert len(_api_items(demo_server, pair="PRK-RUS", collapse="true", **span)) > page.locator(
        "#events-body tr").count()
    w.check_clean()


def test_states_are_found_by_name(demo_server, watched):
    w = watched(demo_server)
    page = w.page
    page.goto(w.base + "/?countries=USA,RUS")
    page.wait_for_selector("#countries label.state", timeout=30_000)
    assert "North Korea" in page.inner_text('label.state:has(input[value="PRK"])')  # the name beside the code
    page.fill("#state-filter", "north kor")
    shown = page.eval_on_selector_all("#countries label.state:not([hidden]) input", "xs => xs.map(x => x.value)")
    assert sorted(shown) == ["PRK", "RUS", "USA"]  # the state found, and the ones already chosen
    page.check('input[value="PRK"]')
    page.fill("#state-filter", "")
    assert page.locator("#countries label.state:not([hidden])").count() > 3
    w.check_clean()
