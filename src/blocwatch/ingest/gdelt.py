"""GDELT event exports, 1.0 and 2.0, as they are published and as people re-export them.

GDELT 2.0 exports have 61 tab-separated fields; GDELT 1.0 daily files have 58 (57 in
the historical backfile, which lacks SOURCEURL). Files may carry a header row, use commas
with quoting (BigQuery exports, which also write ``null``), or mix widths; every width is
read with its own layout, so a mixed file costs one extra pass, not a Python loop.

Examples
--------
>>> [len(layout.fields) for layout in (GDELT_V2, GDELT_V1, GDELT_V1_NOURL)]
[61, 58, 57]
>>> detect_layout(b"1\\t" * 60 + b"x").name
'gdelt2'
"""

from __future__ import annotations

import csv
import re

from blocwatch.errors import InputError
from blocwatch.ingest.layout import Layout, cameo_enum

__all__ = ["GDELT_LAYOUTS", "GDELT_V1", "GDELT_V1_NOURL", "GDELT_V2", "alternate_layouts", "detect_layout"]

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone")


def _geo(prefix: str, adm2: bool) -> tuple[str, ...]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + [
        "Lat", "Long", "FeatureID"]
    return tuple(f"{prefix}Geo_{p}" for p in parts)


def _fields(v2: bool, url: bool = True) -> tuple[str, ...]:
    head = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    actors = tuple(f"Actor1{a}" for a in _ACTOR) + tuple(f"Actor2{a}" for a in _ACTOR)
    geo = _geo("Actor1", v2) + _geo("Actor2", v2) + _geo("Action", v2)
    tail = ("DATEADDED", "SOURCEURL") if url else ("DATEADDED",)
    return head + actors + _EVENT + geo + tail


_QUAD = "ENUM('1', '2', '3', '4')"

_EXPECT = {
    "GLOBALEVENTID": "an integer event id",
    "SQLDATE": "a date (YYYYMMDD)",
    "EventCode": "a CAMEO event code",
    "QuadClass": "a quad class (1-4)",
    "GoldsteinScale": "a number",
    "NumMentions": "an integer",
    "NumSources": "an integer",
    "NumArticles": "an integer",
    "AvgTone": "a number",
    "IsRootEvent": "0 or 1",
    "ActionGeo_Lat": "a number",
    "ActionGeo_Long": "a number",
    "DATEADDED": "a date and time (YYYYMMDDhhmmss)",
}


def _types(dateadded: str) -> dict[str, str]:
    return {
        "GLOBALEVENTID": "BIGINT",
        "SQLDATE": "DATE",
        "IsRootEvent": "BOOLEAN",
        "EventCode": cameo_enum(),
        "QuadClass": _QUAD,
        "GoldsteinScale": "DOUBLE",
        "NumMentions": "INTEGER",
        "NumSources": "INTEGER",
        "NumArticles": "INTEGER",
        "AvgTone": "DOUBLE",
        "ActionGeo_Lat": "DOUBLE",
        "ActionGeo_Long": "DOUBLE",
        "DATEADDED": dateadded,
    }


def _select(origin: str, url: bool) -> str:
    return f"""
    '{origin}:' || r.GLOBALEVENTID AS event_id,
    r.SQLDATE AS date,
    'day' AS date_precision,
    r.Actor1Code AS source,
    r.Actor1Name AS source_name,
    c1.iso3 AS source_country,
    r.Actor1Type1Code AS source_sector,
    r.Actor2Code AS target,
    r.Actor2Name AS target_name,
    c2.iso3 AS target_country,
    r.Actor2Type1Code AS target_sector,
    r.EventCode::VARCHAR AS cameo,
    left(r.EventCode::VARCHAR, 2) AS cameo_root,
    r.QuadClass::VARCHAR::TINYINT AS quad_class,
    coalesce(r.GoldsteinScale, k.goldstein) AS goldstein,
    k.plover AS plover,
    k.plover_mode AS plover_mode,
    'factual' AS mode,
    r.IsRootEvent AS is_root,
    '{origin}' AS origin,
    r.GLOBALEVENTID::VARCHAR AS origin_id,
    {"r.SOURCEURL" if url else "NULL"} AS url,
    r.DATEADDED::TIMESTAMP AS reported_at,
    r.NumMentions AS mentions,
    r.NumSources AS sources,
    r.NumArticles AS articles,
    r.AvgTone AS tone,
    nullif(trim(r.ActionGeo_FullName), '') AS location_name,
    g.iso3 AS location_country,
    r.ActionGeo_Lat AS latitude,
    r.ActionGeo_Long AS longitude"""


_JOINS = """
    LEFT JOIN countries c1 ON c1.cameo = r.Actor1CountryCode
    LEFT JOIN countries c2 ON c2.cameo = r.Actor2CountryCode
    LEFT JOIN countries g ON g.fips = r.ActionGeo_CountryCode
    LEFT JOIN cameo_codes k ON k.code = r.EventCode::VARCHAR"""

_HINT = "57, 58 or 61"


def _layout(name: str, v2: bool, url: bool) -> Layout:
    return Layout(
        name=name,
        fields=_fields(v2, url),
        types=_types("TIMESTAMP" if v2 else "DATE"),
        required=("GLOBALEVENTID", "SQLDATE", "EventCode"),
        expect=_EXPECT if v2 else {**_EXPECT, "DATEADDED": "a date (YYYYMMDD)"},
        select=_select("gdelt2" if v2 else "gdelt1", url),
        joins=_JOINS,
        width_hint=_HINT,
    )


GDELT_V2 = _layout("gdelt2", v2=True, url=True)
GDELT_V1 = _layout("gdelt1", v2=False, url=True)
GDELT_V1_NOURL = _layout("gdelt1-nourl", v2=False, url=False)
GDELT_LAYOUTS = {layout.width: layout for layout in (GDELT_V2, GDELT_V1, GDELT_V1_NOURL)}

_CANONICAL = {f.lower(): f for layout in GDELT_LAYOUTS.values() for f in layout.fields}


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == ",":
        try:
            return next(csv.reader([line], delimiter=delimiter))
        except csv.Error:  # a CR inside the line: it will be quarantined; its width is a guess
            pass
    return line.split(delimiter)


#: Header columns that name another dataset's files, which GDELT's reader would quarantine row by row.
_OTHER_HEADERS = ((frozenset({"event_id", "event_date", "cameo_code"}), "ICEWS", "ingest icews"),
                  (frozenset({"event_id_cnty", "event_date", "event_type"}), "ACLED", "ingest acled"))


def _other_dataset(names: list[str]) -> tuple[str, str] | None:
    """The dataset and the command for a header line of another dataset's file, else None.

    >>> _other_dataset(["Event ID", "Event Date", "Source Name", "CAMEO Code"])
    ('ICEWS', 'ingest icews')
    >>> _other_dataset(["GLOBALEVENTID", "SQLDATE"]) is None
    True
    """
    fields = {re.sub(r"[^a-z0-9]+", "_", n.lower()).strip("_") for n in names}
    for needed, dataset, command in _OTHER_HEADERS:
        if needed <= fields:
            return dataset, command
    return None


def detect_layout(first_line: bytes, name: str = "") -> Layout:
    """The layout of a GDELT file from its first non-blank line.

    A first line naming ``GLOBALEVENTID`` is a header: its names fix the column
    order and the version (2.0 names have ``ADM2Code`` columns). Otherwise the number of
    fields picks the version; a line of another width gets the 2.0 layout, and its rows
    will be quarantined with the width they have.

    Raises
    ------
    InputError
        A header lacks columns the importer needs.
    """
    text = first_line.decode("utf-8", errors="replace").rstrip("\r")
    delimiter = "\t" if text.count("\t") >= text.count(",") else ","
    quoting = {"quote": '"', "nullstr": ("", "null")} if delimiter == "," else {}
    names = [n.strip() for n in _split(text, delimiter)]
    other = _other_dataset(names)
    if other is not None:
        dataset, command = other
        raise InputError(f"not a GDELT file: line 1 is the header of an {dataset} file; read it with "
                         f"`blocwatch {command}`", file=name, line=1)
    if any(n.upper() == "GLOBALEVENTID" for n in names):
        fields = tuple(_CANONICAL.get(n.lower(), f"extra_{i}") for i, n in enumerate(names))
        v2 = "Actor1Geo_ADM2Code" in fields
        base = GDELT_V2 if v2 else (GDELT_V1 if "SOURCEURL" in fields else GDELT_V1_NOURL)
        missing = [f for f in base.fields if f not in fields]
        if missing:
            raise InputError(f"GDELT header lacks columns {', '.join(missing)}", file=name, line=1)
        return base.replace(fields=fields, header=True, delimiter=delimiter,
                            width_hint=str(len(fields)), **quoting)
    return GDELT_LAYOUTS.get(len(names), GDELT_V2).replace(delimiter=delimiter, **quoting)


def alternate_layouts(layout: Layout) -> dict[int, Layout]:
    """Other layouts a headerless file of ``layout`` may mix in, by width."""
    if layout.header:
        return {}
    return {
        width: alt.replace(delimiter=layout.delimiter, quote=layout.quote, nullstr=layout.nullstr)
        for width, alt in GDELT_LAYOUTS.items()
        if width != layout.width
    }
