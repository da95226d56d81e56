"""How POLECAT, ACLED and ICEWS files without every ICEWS column are read through the mapped importer.

Each dataset is a :class:`~blocwatch.ingest.mapped.Profile`: which columns hold the event's
fields, and the rules the generic ones do not cover.

- **POLECAT** (Harvard Dataverse, doi:10.7910/DVN/AJGVIT; coded in PLOVER): tab-separated files,
  weekly ``ngecEvents.*.DV.txt`` or monthly files in yearly zips, Latin-1 (each line is read as
  UTF-8 when it is, else Latin-1); no quoting (values hold quotes as text). Either header spelling
  of the intensity (``Intensity``, ``Event Intensity``); a header with names its rows lack
  (``Headline``, ``Event Text``, ``Feed``, ``Story ID``) is read by the other columns; trailing
  empty fields (excess tabs) are ignored; any other field count is quarantined. The event is its
  PLOVER type and mode; an actor is its name, else its country (``None`` for none); multi-valued
  cells (``BEN;NGA``) give their first value. POLECAT's own intensity (PLOVER's scale) is not a
  Goldstein score and is not stored as one.
- **ACLED** (CSV exports, either column set, ``NA`` or empty for missing): the event is the PLOVER
  type of its sub-event type (``data/acled_plover.csv``); a type with no PLOVER equivalent is
  quarantined with that reason. State forces resolve to their state ("Military Forces of Benin
  (2016-)" is ``BENMIL``, "Police Forces of ..." ``COP``, "Government of ..." ``GOV``); former
  forces, militias and groups do not. ``actor1`` is the source and ``actor2`` the target, as ACLED
  lists them (ACLED says the order implies no direction).
- **ICEWS** files lacking some of the release's columns are read by the columns they have: the
  event's date, source and target names, and its CAMEO code or event text.

Examples
--------
>>> acled_event({"event_type": "Battles", "sub_event_type": "Armed clash"})
(None, 'ASSAULT', None)
>>> acled_actor("Military Forces of Benin (2016-) Forest Guards", None)
Resolved(code='BENMIL', country='BEN', sector='MIL', route='state forces')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from blocwatch.actors import ActorNames, Resolved
from blocwatch.data import read_csv
from blocwatch.errors import InputError
from blocwatch.ingest.icews import normalise_name
from blocwatch.ingest.mapped import FieldMap, Profile, ingest_mapped
from blocwatch.ingest.results import IngestResult
from blocwatch.progress import Progress
from blocwatch.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from blocwatch.store import EventStore

__all__ = ["ACLED", "POLECAT", "acled_actor", "acled_event", "icews_profile", "ingest_icews"]

# -- POLECAT -------------------------------------------------------------------------------------

#: Names some POLECAT releases put in the header without a field in the rows.
POLECAT_EXTRA = ("Headline", "Event Text", "Feed", "Story ID")
_QUADS = {"VERBAL COOPERATION": "1", "MATERIAL COOPERATION": "2", "VERBAL CONFLICT": "3", "MATERIAL CONFLICT": "4"}


def _first(value: str | None) -> str:
    """The first of ``;``-separated values (``None`` and empty as nothing)."""
    head = (value or "").split(";")[0].strip()
    return "" if head in ("None", "NA") else head


def _polecat_fields(header: list[str]) -> FieldMap:
    have = set(header)
    need = ["Event ID", "Event Date", "Event Type", "Actor Name", "Recipient Name"]
    missing = [n for n in need if n not in have]
    if missing:
        raise InputError(f"not a POLECAT file: the header lacks {', '.join(missing)}", line=1)
    columns = {"id": "Event ID", "date": "Event Date", "event": "Event Type", "source": "Actor Name",
               "target": "Recipient Name"}
    optional = {"mode": "Event Mode", "source_sector": "Primary Actor Sector",
                "target_sector": "Primary Recipient Sector", "latitude": "Latitude", "longitude": "Longitude",
                "location": "Placename", "location_country": "Country", "publisher": "Source", "title": "Headline",
                "text": "Event Text", "doc_id": "Story ID"}
    columns.update({f: c for f, c in optional.items() if c in have})
    return FieldMap(columns)


def _polecat_headers(header: list[str]) -> list[list[str]]:
    names = [n for n in header if n]  # trailing empty names from excess tabs
    return [names, [n for n in names if n not in POLECAT_EXTRA]]


def _polecat_values(row: dict[str, str]) -> dict[str, str]:
    out = {}
    for side, who in (("source", "Actor"), ("target", "Recipient")):
        country = _first(row.get(f"{who} Country"))
        out[side] = _first(row.get(f"{who} Name")) or country
        out[f"{side}_country"] = country
        out[f"{side}_sector"] = _first(row.get(f"Primary {who} Sector"))
    out["quad"] = _QUADS.get((row.get("Quad Code") or "").strip().upper(), "")
    out["location_country"] = _first(row.get("Country"))
    story = (row.get("Story ID") or "").strip()
    out["doc_id"] = story if story and story != "None" else (row.get("Event ID") or "").rsplit("_", 1)[0]
    return out


def _polecat_event(row: dict[str, str]) -> tuple[None, str, str | None] | str:
    kind = (row.get("Event Type") or "").strip().upper()
    if kind not in load_taxonomy().plover_types:
        return f'Event Type "{kind[:40]}" is not a PLOVER event type'
    mode = (row.get("Event Mode") or "").strip().lower()
    return None, kind, None if mode in ("", "none") else mode


#: POLECAT's weekly and archive files (see the module docstring).
POLECAT = Profile("polecat", _polecat_fields, encoding="auto", delimiter="\t", quoting=False,
                  headers=_polecat_headers, values=_polecat_values, event=_polecat_event, origin="polecat")

# -- ACLED ---------------------------------------------------------------------------------------


@functools.cache
def _acled_types() -> dict[tuple[str, str], tuple[str, str | None]]:
    return {(r["event_type"].lower(), r["sub_event_type"].lower()): (r["plover"], r["mode"] or None)
            for r in read_csv("acled_plover.csv")}


def acled_event(row: dict[str, str]) -> tuple[None, str, str | None] | str:
    """The PLOVER type and mode of an ACLED row's sub-event type, or why it has none."""
    key = ((row.get("event_type") or "").strip().lower(), (row.get("sub_event_type") or "").strip().lower())
    found = _acled_types().get(key)
    if found is None:
        return (f'ACLED type "{row.get("event_type")} / {row.get("sub_event_type")}" has no PLOVER equivalent '
                "(data/acled_plover.csv)")
    return None, found[0], found[1]


_STATE_FORCES = re.compile(r"^(?P<former>Former )?(?P<branch>Military|Police) Forces of (?P<rest>.+)$")
_GOVERNMENT = re.compile(r"^Government of (?P<rest>.+)$")
_PERIOD = re.compile(r"^(?P<country>.+?) \(\d{4}-(?:\d{4})?\)(?: .*)?$")
_BRANCH = {"Military": "MIL", "Police": "COP"}


def acled_actor(name: str, day: date | None) -> Resolved | None:
    """A state force or government named as ACLED names them, resolved to its state; ``None`` for
    any other actor (the generic rules apply), and no state for former forces."""
    m = _STATE_FORCES.match(name.strip())
    sector = None
    if m:
        if m.group("former"):
            return Resolved(None, None, None, "named")
        rest, sector = m.group("rest"), _BRANCH[m.group("branch")]
    else:
        g = _GOVERNMENT.match(name.strip())
        if not g:
            return None
        rest, sector = g.group("rest"), "GOV"
    period = _PERIOD.match(rest)
    country_name = period.group("country") if period else rest
    country = ActorNames.load().resolve(country_name, day)
    if country.route != "country" or country.country is None:
        return None
    return Resolved(country.country + sector, country.country, sector, "state forces")


def _acled_fields(header: list[str]) -> FieldMap:
    have = set(header)
    need = ["event_date", "event_type", "sub_event_type", "actor1", "actor2"]
    missing = [n for n in need if n not in have]
    if missing:
        raise InputError(f"not an ACLED export: the header lacks {', '.join(missing)}", line=1)
    columns = {"date": "event_date", "event": "sub_event_type", "source": "actor1", "target": "actor2"}
    optional = {"id": "event_id_cnty", "text": "notes", "latitude": "latitude", "longitude": "longitude",
                "fatalities": "fatalities", "location": "location", "location_country": "country",
                "publisher": "source"}
    columns.update({f: c for f, c in optional.items() if c in have})
    return FieldMap(columns)


#: ACLED CSV exports (see the module docstring).
ACLED = Profile("acled", _acled_fields, event=acled_event, actor=acled_actor, origin="acled")

# -- ICEWS without every column ------------------------------------------------------------------


def icews_profile(header: list[str]) -> tuple[Profile, list[str]]:
    """The profile reading an ICEWS file by the columns it has, and the release's columns it lacks.

    Raises
    ------
    InputError
        It lacks even the date, the source and target names, or both the CAMEO code and the text.
    """
    from blocwatch.ingest.icews import ICEWS_FIELDS

    by_name = {normalise_name(n): n for n in header}
    date_col = by_name.get("event_date") or by_name.get("date")
    event_col = by_name.get("cameo_code") or by_name.get("event_text")
    source, target = by_name.get("source_name"), by_name.get("target_name")
    if not (date_col and event_col and source and target):
        raise InputError("an ICEWS file needs at least event_date, source_name, target_name and cameo_code (or "
                         f"event_text); the header has {', '.join(header)}", line=1)
    columns = {"date": date_col, "event": event_col, "source": source, "target": target}
    optional = {"id": "event_id", "goldstein": "intensity", "source_country": "source_country",
                "target_country": "target_country", "doc_id": "story_id", "publisher": "publisher",
                "latitude": "latitude", "longitude": "longitude", "location": "city", "location_country": "country"}
    columns.update({f: by_name[c] for f, c in optional.items() if c in by_name})
    lacking = [f for f in ICEWS_FIELDS if f not in by_name]
    return Profile("icews-mapped", FieldMap(columns), origin="icews"), lacking


def ingest_icews(store: EventStore, paths: Iterable[str | Path], *, progress: Progress | None = None) -> IngestResult:
    """ICEWS files into ``store``: a release's files by its layout
    (:func:`blocwatch.ingest.ingest_files`), and a file lacking some of the release's columns by
    the columns it has (:func:`icews_profile`), its result saying which were missing."""
    from blocwatch.ingest.datasets import ingest_files
    from blocwatch.ingest.mapped import read_header

    result = ingest_files(store, paths, "icews", progress=progress)
    files = []
    for f in result.files:
        path = Path(f.file)
        if f.error is None or not f.error.reason.startswith("ICEWS header lacks columns") or not path.is_file():
            files.append(f)
            continue
        with open(path, "rb") as fh:
            first = next((line for line in fh if line.strip()), b"")
        profile, lacking = icews_profile(read_header(first.rstrip(b"\n"))[0])
        (mapped,) = ingest_mapped(store, [path], profile).files
        mapped.message = f"read by the columns it has; it lacks {', '.join(lacking)}"
        files.append(mapped)
    return IngestResult(files)
