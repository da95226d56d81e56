"""The HTML report: self-contained, its data right and escaped, within size; figures for papers."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from blocwatch.report import ReportOptions, write_report
from tests.helpers import HOSTILE, STATE_ACTORS, gdelt_row, hostile_store

SEVEN = ("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR")
LIBRARY = re.compile(r"<script>(/\*\*\n\* plotly\.js v[\d.]+.*?)</script>", flags=re.S)


def embedded(html: str) -> dict:
    (blob,) = re.findall(r'<script type="application/json" id="blocwatch-data">(.*?)</script>', html, flags=re.S)
    assert "<" not in blob and ">" not in blob and "&" not in blob  # no value can end the element
    return json.loads(blob)


def page_without_library(html: str) -> str:
    library = LIBRARY.search(html)
    assert library is not None and len(library.group(1)) > 1_000_000  # plotly.js is inlined
    return html.replace(library.group(0), "")


def test_report_is_self_contained(store, write, tmp_path):
    rows = [gdelt_row(GLOBALEVENTID="1"), gdelt_row(GLOBALEVENTID="2", Actor2CountryCode="KOR", SQLDATE="20240701"),
            gdelt_row(GLOBALEVENTID="3", Actor1CountryCode="KOR", Actor2CountryCode="PRK", SQLDATE="20240702",
                      EventCode="190", EventBaseCode="190", EventRootCode="19", QuadClass="4",
                      GoldsteinScale="-10.0")]
    ingest_files(store, [write("a.CSV", "\n".join(rows) + "\n")], "gdelt")
    out = tmp_path / "r" / "report.html"
    summary = write_report(store, out, ReportOptions(countries=("RUS", "PRK", "KOR")))
    html = out.read_text(encoding="utf-8")
    assert (summary.events, summary.dyads, summary.path, summary.first, summary.last) == (
        3, 3, out, date(2024, 6, 19), date(2024, 7, 2))
    page = page_without_library(html)
    # nothing points elsewhere: no external script, style, font, image or frame
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    data = embedded(html)
    assert data["months"] == ["2024-06", "2024-07"]
    assert {t["pair"]: t["events"] for t in data["timelines"]} == {"PRK-RUS": [1, 0], "KOR-RUS": [0, 1],
                                                                    "KOR-PRK": [0, 1]}
    kor_prk = next(t for t in data["timelines"] if t["pair"] == "KOR-PRK")
    assert kor_prk["material_conflict"] == [0, 1] and kor_prk["goldstein_mean"] == [None, -10.0]
    assert [e["event_id"] for e in data["evidence"]["events"]] == ["gdelt2:3", "gdelt2:2", "gdelt2:1"]  # by pair
    assert data["evidence"]["counts"] == {"KOR-PRK|2024-07|factual": 1, "KOR-RUS|2024-07|factual": 1,
                                          "PRK-RUS|2024-06|factual": 1}
    assert data["tension"][1]["material_conflict"] == 1 and data["tension"][0]["tension"] == 0.0
    # three events make no tie (a tie needs 3 events in a pair): no blocs to speak of, no balance
    assert [h["kind"] for h in data["headlines"]] == ["shift", "blocs", "tension"]
    assert data["headlines"][0]["text"].startswith("No pair's relations changed")
    assert "too few events" in data["headlines"][1]["text"]
    for section in ("findings", "timeline", "network", "matrix", "tension", "events"):
        assert f'<section id="{section}">' in page


def test_report_on_empty_store_says_so(store, tmp_path):
    summary = write_report(store, tmp_path / "e.html", ReportOptions())
    assert summary.events == 0 and summary.first is None
    html = (tmp_path / "e.html").read_text()
    assert "has no events between these states" in html and '<section id="timeline">' not in html


@pytest.mark.slow
def test_demo_report_is_under_10_mb_and_claims_no_unsupported_shift(demo_db, tmp_path):
    with EventStore(demo_db, read_only=True) as store:
        summary = write_report(store, tmp_path / "report.html", ReportOptions(
            countries=SEVEN, start=date(2023, 1, 1), end=date(2025, 2, 28)))
        factual = store.con.execute(
            f"SELECT count(*) FROM events WHERE mode = 'factual' AND coalesce(date_precision, 'day') <> 'unknown' "
            f"AND source_country IN {SEVEN} AND target_country "
            f"IN {SEVEN} AND source_country <> target_country AND date BETWEEN '2023-01-01' AND '2025-02-28' AND "
            f"{STATE_ACTORS}"
        ).fetchall()[0][0]
    assert summary.events == factual and summary.dyads == 21
    assert summary.bytes < 10_000_000
    data = embedded((tmp_path / "report.html").read_text(encoding="utf-8"))
    shifts = [h for h in data["headlines"] if h["kind"] == "shift"]
    # the demo's briefs report on PRK-RUS only from July 2023 and GDELT covers only the last months:
    # no change is supported, and the report says so instead of claiming one (docs/truth.md)
    assert [h["pair"] for h in shifts] == [None] and "No pair's relations changed" in shifts[0]["text"]
    assert data["default_pair"] == data["timelines"][0]["pair"]
    assert data["counting"].startswith("Counted: factual events between actors that act for their states")


@pytest.mark.slow
def test_noise_filters_change_what_is_counted_and_the_report_says_so(demo_db, tmp_path):
    with EventStore(demo_db, read_only=True) as store:
        options = ReportOptions(countries=SEVEN, start=date(2024, 10, 1), end=date(2025, 2, 28), roots_only=True,
                                min_sources=2)
        summary = write_report(store, tmp_path / "f.html", options)
        roots = store.con.execute(
            f"SELECT count(*) FROM events WHERE mode = 'factual' AND coalesce(date_precision, 'day') <> 'unknown' "
            f"AND source_country IN {SEVEN} AND target_country "
            f"IN {SEVEN} AND source_country <> target_country AND date BETWEEN '2024-10-01' AND '2025-02-28' AND "
            f"{STATE_ACTORS} AND coalesce(is_root, TRUE) AND coalesce(sources, 2) >= 2").fetchall()[0][0]
    assert summary.events == roots > 0
    page = (tmp_path / "f.html").read_text(encoding="utf-8")
    assert ("from lead paragraphs only (GDELT IsRootEvent) and reported by at least 2 sources." in page)


def test_type_filters_and_events_judged_wrong_are_counted_nowhere_and_listed(demo_db, tmp_path):
    base = (f"mode = 'factual' AND coalesce(date_precision, 'day') <> 'unknown' AND source_country IN {SEVEN} "
            f"AND target_country IN {SEVEN} AND source_country <> target_country AND "
            f"date BETWEEN '2024-10-01' AND '2025-02-28' AND {STATE_ACTORS} AND quad_class = 4")
    with EventStore(demo_db, read_only=True) as store:
        acts = store.con.execute(f"SELECT event_id FROM events WHERE {base} ORDER BY event_id").fetchall()
        wrong = {acts[0][0]: "commentary, not an act", acts[1][0]: "<b>wrong state</b>", "no:such-id": "a typo"}
        summary = write_report(store, tmp_path / "q.html", ReportOptions(
            countries=SEVEN, start=date(2024, 10, 1), end=date(2025, 2, 28), quad_classes=(4,), exclusions=wrong))
    assert summary.events == len(acts) - 2 > 0
    page = (tmp_path / "q.html").read_text(encoding="utf-8")
    assert "of quad classes 4 only and leaving out 3 events judged wrong." in page
    assert "Events left out as judged wrong (3)" in page and "&lt;b&gt;wrong state&lt;/b&gt;" in page
    assert page.count("not in the store") == 1  # the typo shows
    assert "blocwatch serve --exclude FILE" in page  # the app leaves the events out only when told
    assert "quads=4" in page  # and filters by quad class as the report did


def test_hostile_text_is_never_markup_in_the_page(tmp_path, coder):
    db = hostile_store(tmp_path / "h", coder)
    with EventStore(db, read_only=True) as store:
        write_report(store, tmp_path / "r.html", ReportOptions(countries=("RUS", "PRK")))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = page_without_library(html)
    for text in HOSTILE:
        assert text not in page
    assert "<img" not in page  # the report has no image of its own
    data = embedded(html)
    texts = {e["evidence_text"] for e in data["evidence"]["events"] if e["evidence_text"]}
    assert any(HOSTILE[0] in t for t in texts) and any(HOSTILE[1] in t for t in texts)  # kept, verbatim
    assert {e["doc_id"] for e in data["evidence"]["events"] if e["origin"] == "text"} == {HOSTILE[1]}


@pytest.mark.slow
def test_figures_as_png_and_svg(demo_db, tmp_path):
    with EventStore(demo_db, read_only=True) as store:
        options = ReportOptions(countries=SEVEN, start=date(2023, 1, 1), end=date(2025, 2, 28),
                                figures=tmp_path / "figs")
        summary = write_report(store, tmp_path / "r.html", options)
        again = write_report(store, tmp_path / "r2.html", ReportOptions(
            countries=SEVEN, start=date(2023, 1, 1), end=date(2025, 2, 28), figures=tmp_path / "figs2"))
    names = [p.name for p in summary.figures]
    stems = sorted({n.rsplit(".", 1)[0] for n in names})
    # no finding names a pair (no supported shift): the timeline drawn is the busiest pair's
    assert {"network-recent", "network-whole", "matrix", "tension", "timeline-RUS-UKR"} == set(stems)
    assert len(names) == 2 * len(stems)
    for p in summary.figures:
        head = p.read_bytes()[:8]
        if p.suffix == ".png":
            assert head == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 10_000
        else:
            root = ET.parse(p).getroot()
            assert root.tag.endswith("svg")
    # every figure says what its colours and lines mean (matplotlib keeps each text as a comment in the SVG)
    svg = {p.stem: p.read_text() for p in summary.figures if p.suffix == ".svg"}
    for label in ("friendly tie", "hostile tie", "frustrated tie"):
        assert f"<!-- {label}" in svg["network-whole"], label
    for label in ("verbal cooperation", "material conflict", "net cooperation"):
        assert f"<!-- {label}" in svg["timeline-RUS-UKR"].lower(), label
    assert "<!-- tension -->" in svg["tension"] and "<!-- material conflict events -->" in svg["tension"]
    # the same data draw the same files
    assert [p.read_bytes() for p in summary.figures if p.suffix == ".svg"] == \
        [p.read_bytes() for p in again.figures if p.suffix == ".svg"]


@pytest.mark.slow
def test_figures_of_the_pairs_asked_for(demo_db, tmp_path):
    from blocwatch.errors import ParameterError

    span = {"countries": SEVEN, "start": date(2023, 1, 1), "end": date(2025, 2, 28)}
    with EventStore(demo_db, read_only=True) as store:
        summary = write_report(store, tmp_path / "r.html", ReportOptions(
            **span, figures=tmp_path / "figs", figure_pairs=("RUS-PRK", "KOR-PRK")))
        assert sorted(p.name for p in summary.figures if p.name.startswith("timeline-")) == [
            "timeline-KOR-PRK.png", "timeline-KOR-PRK.svg", "timeline-PRK-RUS.png", "timeline-PRK-RUS.svg"]
        with pytest.raises(ParameterError) as err:  # no events between them here: nothing is written
            write_report(store, tmp_path / "none.html", ReportOptions(
                **span, figures=tmp_path / "none", figure_pairs=("PRK-FRA",)))
        assert err.value.reason.startswith("no events between FRA-PRK in this report; pairs with events: CHN-JPN")
        assert not (tmp_path / "none.html").exists() and not (tmp_path / "none").exists()
    with pytest.raises(ParameterError, match="give --figures FOLDER too"):
        ReportOptions(figure_pairs=("PRK-RUS",))


@pytest.mark.slow
def test_the_reports_measures_are_the_clis(demo_db, tmp_path):
    """With --alpha, --neutral, --min-events and --score the report's numbers are those of
    `blocwatch relations` with the same options, and the page says which it used."""
    import json
    import re

    from blocwatch.dyads import DyadQuery
    from blocwatch.relations import Relations, RelationsOptions

    span = {"countries": SEVEN, "start": date(2023, 1, 1), "end": date(2025, 2, 28)}
    with EventStore(demo_db, read_only=True) as store:
        write_report(store, tmp_path / "m.html", ReportOptions(**span, alpha=5.0, neutral=0.2, min_events=4,
                                                               score="plover"))
        cli = Relations(store, RelationsOptions(query=DyadQuery(**span, score="plover", directed=False,
                                                                 states_only=True), alpha=5.0)).table()
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="blocwatch-data">(.*?)</script>', page, re.S).group(1))
    line = next(t for t in data["timelines"] if t["pair"] == "PRK-RUS")
    want = {r["period"].strftime("%Y-%m"): r["net"] for r in cli.to_pylist()
            if (r["source"], r["target"]) == ("PRK", "RUS")}
    got = {m: n for m, n in zip(line["months"], line["net"], strict=True) if n is not None}
    assert got.keys() == want.keys() and all(abs(got[m] - want[m]) < 1e-6 for m in got)
    ties = [e for n in data["networks"] for e in n["edges"]]
    assert ties and all(abs(e["net"]) > 0.2 and e["events"] >= 4 for e in ties)  # the tie rule asked for
    assert "smoothing 5.0 in plover score units" in page and "beyond &plusmn;0.2 with at least 4 events" in page
    assert "The app measures with the defaults" in page  # its link would show other numbers, and says so
