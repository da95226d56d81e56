"""Helpers for building test inputs."""

from __future__ import annotations

import os
from pathlib import Path

from blocwatch.ingest.gdelt import GDELT_V1, GDELT_V1_NOURL, GDELT_V2

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """Where the real third-party data is: $BLOCWATCH_SHARED_DATA or ../shared/data."""
    return Path(os.environ.get("BLOCWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))


_DEFAULTS = {
    "GLOBALEVENTID": "1000",
    "SQLDATE": "20240619",
    "MonthYear": "202406",
    "Year": "2024",
    "FractionDate": "2024.4658",
    "Actor1Code": "RUS",
    "Actor1Name": "RUSSIA",
    "Actor1CountryCode": "RUS",
    "Actor2Code": "PRK",
    "Actor2Name": "NORTH KOREA",
    "Actor2CountryCode": "PRK",
    "IsRootEvent": "1",
    "EventCode": "057",
    "EventBaseCode": "057",
    "EventRootCode": "05",
    "QuadClass": "1",
    "GoldsteinScale": "8.0",
    "NumMentions": "10",
    "NumSources": "2",
    "NumArticles": "10",
    "AvgTone": "1.5",
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Pyongyang, P'yongyang-si, North Korea",
    "ActionGeo_CountryCode": "KN",
    "ActionGeo_Lat": "39.0194",
    "ActionGeo_Long": "125.755",
    "DATEADDED": "20240619120000",
    "SOURCEURL": "https://example.org/treaty",
}


def gdelt_row(version: int = 2, url: bool = True, delimiter: str = "\t", **fields: str) -> str:
    """One GDELT export line with sensible values, overridden by ``fields``."""
    layout = GDELT_V2 if version == 2 else (GDELT_V1 if url else GDELT_V1_NOURL)
    values = {**_DEFAULTS, **fields}
    if version == 1 and "DATEADDED" not in fields:
        values["DATEADDED"] = values["DATEADDED"][:8]
    return delimiter.join(values.get(name, "") for name in layout.fields)




#: SQL: both actors act for their states (what blocwatch counts by default, ``states_only``).
STATE_ACTORS = ("coalesce(source_sector, 'GOV') IN ('GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG') AND "
                "coalesce(target_sector, 'GOV') IN ('GOV', 'MIL', 'COP', 'SPY', 'JUD', 'LEG')")

#: Markup that must show as text wherever blocwatch displays data (report, app).
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def hostile_store(folder: Path, coder) -> Path:
    """A store whose events carry :data:`HOSTILE` markup, ingested the real way: a news document
    (in its id, title, URL and text, so in the evidence sentences) coded by ``coder``, and GDELT
    rows whose source URLs and place names hold it. Returns the store's path (closed)."""
    import json

    from blocwatch import EventStore
    from blocwatch.ingest import ingest_files
    from blocwatch.ingest.text import ingest_text

    folder.mkdir(parents=True, exist_ok=True)
    doc = {"id": HOSTILE[1], "date": "2024-06-20", "url": "javascript:alert(1)", "title": HOSTILE[0],
           "text": f"Russia signed a defence treaty with North Korea on Wednesday {HOSTILE[0]}. "
                   f"North Korea praised Russia {HOSTILE[1]} on Thursday."}
    (folder / "hostile.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    rows = [gdelt_row(GLOBALEVENTID=str(9000 + i), SQLDATE=f"202406{10 + i}",
                      SOURCEURL=f"https://example.org/{i}/{HOSTILE[i % 2]}",
                      ActionGeo_FullName=f"<b>Kursk</b> {HOSTILE[i % 2]}") for i in range(4)]
    (folder / "hostile.export.CSV").write_text("\n".join(rows) + "\n", encoding="utf-8")
    path = folder / "hostile.duckdb"
    with EventStore(path) as store:
        ingest_files(store, [folder / "hostile.export.CSV"], "gdelt")
        ingest_text(store, [folder / "hostile.jsonl"], coder=coder)
    return path


def warming_store(folder: Path, *, urls: bool = False) -> Path:
    """A store of the hand-built GDELT rows of :func:`tests.test_relations.events` (Russia and North
    Korea warm in 2023-07; the other pairs hold steady), ingested the real way. Returns its path."""
    from blocwatch import EventStore
    from blocwatch.ingest import ingest_files
    from tests.test_relations import KINDS, events

    lines = []
    for n, (d, s, t, code) in enumerate(events()):
        quad, g = KINDS[code]
        extra = {"SOURCEURL": f"https://example.org/{n + 1}"} if urls else {}
        lines.append(gdelt_row(GLOBALEVENTID=str(n + 1), SQLDATE=d.strftime("%Y%m%d"), Actor1Code=s,
                               Actor1CountryCode=s, Actor2Code=t, Actor2CountryCode=t, EventCode=code,
                               EventBaseCode=code, EventRootCode=code[:2], QuadClass=quad, GoldsteinScale=g,
                               **extra))
    (folder / "e.CSV").write_text("\n".join(lines) + "\n")
    with EventStore(folder / "s.duckdb") as store:
        ingest_files(store, [folder / "e.CSV"], "gdelt")
    return folder / "s.duckdb"


#: Script for a browser page: the page's scroll width, the screen's width, and the first elements
#: whose right edge lies beyond the screen (chart parts included), for the phone tests.
OVERFLOW_JS = """(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1;
    }).map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').slice(0, 40));
    return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 10)};
})()"""
