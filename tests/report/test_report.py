"""The HTML report: self-contained, escaped, within size."""

from __future__ import annotations

import re

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from blocwatch.report import ReportOptions, write_report
from tests.helpers import REPO, gdelt_row


def test_report_is_self_contained_and_escapes_data(store, write, tmp_path):
    rows = [gdelt_row(GLOBALEVENTID="1"), gdelt_row(GLOBALEVENTID="2", Actor2CountryCode="KOR", SQLDATE="20240701")]
    ingest_files(store, [write("a.CSV", "\n".join(rows) + "\n")], "gdelt")
    out = tmp_path / "r" / "report.html"
    summary = write_report(store, out, ReportOptions(countries=("RUS", "PRK", "KOR")))
    html = out.read_text(encoding="utf-8")
    assert summary.events == 2 and summary.dyads == 2 and summary.path == out
    # the plotting library is inlined; outside it, nothing points elsewhere
    library = re.search(r"<script>(/\*\*\n\* plotly\.js v[\d.]+.*?)</script>", html, flags=re.S)
    assert library is not None and len(library.group(1)) > 1_000_000
    page = html.replace(library.group(0), "")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert "Plotly.newPlot" in page
    # figure data cannot close its script element
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, flags=re.S):
        assert "<" not in block
    assert "RUS" in html and "2024-06-01" in html


def test_report_on_empty_store_says_so(store, tmp_path):
    summary = write_report(store, tmp_path / "e.html", ReportOptions())
    assert summary.events == 0
    assert "has no events between states" in (tmp_path / "e.html").read_text()


def test_demo_report_is_under_10_mb(tmp_path):
    with EventStore(tmp_path / "demo.duckdb") as store:
        ingest_files(store, [REPO / "demo" / "data"], "gdelt")
        summary = write_report(store, tmp_path / "report.html",
                               ReportOptions(countries=("USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR")))
    assert summary.events == 2968
    assert summary.bytes < 10_000_000


def test_report_lists_coded_events_with_escaped_evidence(store, write, tmp_path):
    from blocwatch.coder.ingest import ingest_text

    docs = write("news.jsonl", "\n".join([
        '{"id": "d1", "date": "2024-06-20", "text": "Russia and North Korea signed a treaty <b>in Pyongyang</b>."}',
        '{"id": "d2", "date": "2024-06-21", "text": "Brazil criticised Argentina."}',
        '{"id": "d3", "date": "2024-06-22", "text": "Russia did not attack North Korea."}',
    ]) + "\n")
    ingest_text(store, [docs])
    out = tmp_path / "report.html"
    write_report(store, out, ReportOptions(countries=("RUS", "PRK")))
    html = out.read_text(encoding="utf-8")
    section = html.split('<h2 id="coded">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr class="mode-(\w+)">(.*?)</tr>', section, flags=re.S)
    # both directions of the signing, and the denied attack listed as negated; Brazil is not in the report
    assert sorted(mode for mode, _ in rows) == ["factual", "factual", "negated"]
    assert "Brazil" not in section
    assert "&lt;b&gt;in Pyongyang&lt;/b&gt;" in section and "<b>in" not in section
    assert section.count("<code>057</code> Sign formal agreement") == 2 and "d1 &middot;" in section
