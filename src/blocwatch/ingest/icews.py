"""ICEWS event files: the Dataverse release and its snake_case re-exports.

ICEWS names actors and countries in words ("Foreign Affairs (Bangladesh)", "Russian
Federation") and gives each actor a list of sectors. blocwatch stores the country as ISO
alpha-3 (``country_names`` lookup) and builds a CAMEO actor code from the country and the
highest-ranked sector (``data/icews_sectors.csv``): a military actor of Vietnam becomes
``VNMMIL``. ICEWS's intensity is a Goldstein score and is stored as ``goldstein``.

Both header styles are read: ``Event ID,Event Date,...`` (Dataverse, tab-separated) and
``event_id,event_date,...`` (the ``icews`` R package), comma- or tab-separated.

Examples
--------
>>> layout = detect_layout(b"event_id,event_date,source_name,source_sectors,source_country,"
...     b"event_text,cameo_code,intensity,target_name,target_sectors,target_country,story_id,"
...     b"sentence_number,publisher,city,district,province,country,latitude,longitude")
>>> layout.name, layout.delimiter, layout.header
('icews', ',', True)
"""

from __future__ import annotations

import csv
import re

from blocwatch.data import read_csv
from blocwatch.errors import InputError
from blocwatch.ingest.layout import Layout, cameo_enum, sql_literal

__all__ = ["ICEWS_FIELDS", "detect_layout", "normalise_name", "sector_sql"]

ICEWS_FIELDS = (
    "event_id", "event_date", "source_name", "source_sectors", "source_country", "event_text",
    "cameo_code", "intensity", "target_name", "target_sectors", "target_country", "story_id",
    "sentence_number", "publisher", "city", "district", "province", "country", "latitude", "longitude",
)

_TYPES = {
    "event_id": "BIGINT",
    "event_date": "DATE",
    "cameo_code": "",  # filled in by detect_layout (the CAMEO ENUM)
    "intensity": "DOUBLE",
    "sentence_number": "INTEGER",
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
}

_EXPECT = {
    "event_id": "an integer event id",
    "event_date": "a date (YYYY-MM-DD)",
    "cameo_code": "a CAMEO event code",
    "intensity": "a number",
    "sentence_number": "an integer",
    "latitude": "a number",
    "longitude": "a number",
}


def sector_sql(column: str) -> str:
    """SQL giving the CAMEO sector code of an ICEWS sector list in ``column``.

    Each sector is looked up in ``data/icews_sectors.csv``; the lowest rank wins.
    """
    rows = sorted(read_csv("icews_sectors.csv"), key=lambda r: (int(r["rank"]), r["match"] != "exact"))
    whens = []
    for r in rows:
        tag = sql_literal(f"{int(r['rank']):02d}:{r['cameo']}")
        if r["match"] == "exact":
            whens.append(f"WHEN trim(s) = {sql_literal(r['sector'])} THEN {tag}")
        else:
            whens.append(f"WHEN trim(s) LIKE {sql_literal('%' + r['sector'])} THEN {tag}")
    case = "CASE " + " ".join(whens) + " END"
    return f"substr(list_min(list_transform(string_split(coalesce({column}, ''), ','), lambda s: {case})), 4)"


def _select() -> str:
    return f"""
    'icews:' || r.event_id AS event_id,
    r.event_date AS date,
    'day' AS date_precision,
    {sector_sql('r.source_sectors')} AS source_sector,
    nullif(concat(coalesce(sc.iso3, ''), coalesce(source_sector, '')), '') AS source,
    r.source_name AS source_name,
    sc.iso3 AS source_country,
    {sector_sql('r.target_sectors')} AS target_sector,
    nullif(concat(coalesce(tc.iso3, ''), coalesce(target_sector, '')), '') AS target,
    r.target_name AS target_name,
    tc.iso3 AS target_country,
    r.cameo_code::VARCHAR AS cameo,
    left(r.cameo_code::VARCHAR, 2) AS cameo_root,
    k.quad_class AS quad_class,
    coalesce(r.intensity, k.goldstein_icews) AS goldstein,
    k.plover AS plover,
    k.plover_mode AS plover_mode,
    'factual' AS mode,
    'icews' AS origin,
    r.event_id::VARCHAR AS origin_id,
    r.story_id AS doc_id,
    r.publisher AS publisher,
    r.sentence_number AS evidence_sentence,
    nullif(concat_ws(', ', r.city, r.district, r.province, r.country), '') AS location_name,
    lc.iso3 AS location_country,
    r.latitude AS latitude,
    r.longitude AS longitude"""


_JOINS = """
    LEFT JOIN country_names sc ON sc.name = lower(r.source_country)
    LEFT JOIN country_names tc ON tc.name = lower(r.target_country)
    LEFT JOIN country_names lc ON lc.name = lower(r.country)
    LEFT JOIN cameo_codes k ON k.code = r.cameo_code::VARCHAR"""


def normalise_name(name: str) -> str:
    """``"Event ID"`` -> ``"event_id"``."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def detect_layout(first_line: bytes, name: str = "") -> Layout:
    """The ICEWS layout of a file from its header line.

    Raises
    ------
    InputError
        The first line is not an ICEWS header, or lacks columns blocwatch needs.
    """
    text = first_line.decode("utf-8", errors="replace").rstrip("\r")
    delimiter = "\t" if text.count("\t") > text.count(",") else ","
    try:
        names = next(csv.reader([text], delimiter=delimiter))
    except csv.Error:  # a CR inside the header line
        raise InputError("not an ICEWS header: a carriage return (CR) inside the line", file=name, line=1) from None
    fields = tuple(normalise_name(n) or f"extra_{i}" for i, n in enumerate(names))
    if "event_id" not in fields or "cameo_code" not in fields:
        raise InputError(
            "not an ICEWS file: line 1 should be a header naming event_id, event_date, cameo_code, ...",
            file=name, line=1,
        )
    missing = [f for f in ICEWS_FIELDS if f not in fields]
    if missing:
        raise InputError(f"ICEWS header lacks columns {', '.join(missing)}", file=name, line=1)
    types = {**_TYPES, "cameo_code": cameo_enum()}
    return Layout(
        name="icews",
        fields=fields,
        types=types,
        required=("event_id", "event_date", "cameo_code"),
        expect=_EXPECT,
        select=_select(),
        joins=_JOINS,
        delimiter=delimiter,
        quote='"',
        header=True,
        dateformat="%Y-%m-%d",
    )


def alternate_layouts(layout: Layout) -> dict[int, Layout]:
    """ICEWS files have one width, fixed by the header."""
    return {}
