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


