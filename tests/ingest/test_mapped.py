"""The mapped importer on hand-built files with exact expected values: field maps, event values
read three ways, actors resolved to states on the event's day, accounting and re-ingest."""

from __future__ import annotations

import gzip
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.errors import ParameterError
from blocwatch.ingest.mapped import FieldMap, csv_profile, ingest_mapped, ingest_mapped_parquet

MAP = "date=date,source=source,target=target,event=relation"
ROWS = """date,source,relation,target,extra
2024-06-19,Russia,Make a visit,North Korea,x
2024-06-19,Military (Russia),190,Military (Ukraine),x
2024-06-20,Kim Jong Un,ASSAULT,South Korea,x
2024-06-21,Vladimir Putin,use conventional military force,Government (Ukraine),x
2024-06-22,Russia,42,North Korea,x
"""


def test_the_documented_flag_form_parses():
    fm = FieldMap.parse(MAP)
    assert dict(fm.columns) == {"date": "date", "source": "source", "target": "target", "event": "relation"}
    with pytest.raises(ParameterError, match="name the column of event"):
        FieldMap.parse("date=d,source=s,target=t")
    with pytest.raises(ParameterError, match="unknown field 'colour'"):
        FieldMap.parse(MAP + ",colour=c")
    with pytest.raises(ParameterError, match="is not FIELD=COLUMN"):
        FieldMap.parse(MAP + ",id")


def test_rows_become_events_with_states_codes_and_counts(store, write):
    result = ingest_mapped(store, [write("mine.csv", ROWS)], csv_profile(MAP))
    (f,) = result.files
    assert (f.error, f.lines, f.header_lines, f.inserted, f.quarantined) == (None, 6, 1, 5, 0)
    assert f.notes == {"event read as event name": 2, "event read as CAMEO code": 2, "event read as PLOVER type": 1,
                       "actor slots: country": 5, "actor slots: sector": 3, "actor slots: dictionary": 2}
    got = store.query("SELECT source, source_country, target_country, cameo, plover, quad_class, goldstein, origin "
                      "FROM events ORDER BY date, cameo NULLS LAST").to_pylist()
    assert got == [
        {"source": "RUS", "source_country": "RUS", "target_country": "PRK", "cameo": "042", "plover": "CONSULT",
         "quad_class": 1, "goldstein": 1.9, "origin": "mine"},
        {"source": "RUSMIL", "source_country": "RUS", "target_country": "UKR", "cameo": "190", "plover": "ASSAULT",
         "quad_class": 4, "goldstein": -10.0, "origin": "mine"},
        {"source": "PRKGOV", "source_country": "PRK", "target_country": "KOR", "cameo": None, "plover": "ASSAULT",
         "quad_class": 4, "goldstein": -9.6, "origin": "mine"},
        {"source": "RUSGOV", "source_country": "RUS", "target_country": "UKR", "cameo": "190", "plover": "ASSAULT",
         "quad_class": 4, "goldstein": -10.0, "origin": "mine"},
        {"source": "RUS", "source_country": "RUS", "target_country": "PRK", "cameo": "042", "plover": "CONSULT",
         "quad_class": 1, "goldstein": 1.9, "origin": "mine"},
    ]
    # a PLOVER-only event counts in the dyad tables like any other
    table = dyad_table(store.con, DyadQuery(window="month", directed=False)).to_pylist()
    assert {(r["source"], r["target"]): r["events"] for r in table} == {("PRK", "RUS"): 2, ("RUS", "UKR"): 2,
                                                                         ("KOR", "PRK"): 1}


def test_names_resolve_on_the_events_day(store, write):
    """A head of state stands for the state during the term, not before (the dictionary's dates)."""
    rows = ("date,who,what,whom\n2010-06-01,Kim Jong Un,Make statement,Japan\n"
            "2013-06-01,Kim Jong Un,Make statement,Japan\n")
    ingest_mapped(store, [write("k.csv", rows)], csv_profile("date=date,source=who,target=whom,event=what"))
    assert store.query("SELECT date, source, source_country FROM events ORDER BY date").to_pylist() == [
        {"date": date(2010, 6, 1), "source": "PRKELI", "source_country": None},
        {"date": date(2013, 6, 1), "source": "PRKGOV", "source_country": "PRK"}]


def test_bad_rows_are_quarantined_with_line_and_reason_and_a_rerun_adds_nothing(store, write):
    rows = ("date\tsource\trelation\ttarget\textra\n2024-06-19\tRussia\t042\tChina\tx\n\n"
            "2024-13-01\tRussia\t042\tChina\tx\n2024-06-20\tRussia\tdance\tChina\tx\n2024-06-20\tRussia\t042\n"
            "\tRussia\t042\tChina\tx\n2024-06-21\t\t042\t\tx\n20240622\tRussia\t\tChina\tx\n")
    path = write("t.tsv.gz", gzip.compress(rows.encode()))
    (f,) = ingest_mapped(store, [path], csv_profile(MAP)).files
    assert (f.lines, f.header_lines, f.blank_lines, f.inserted, f.duplicates, f.quarantined) == (9, 1, 1, 1, 0, 6)
    reasons = store.query("SELECT line, reason FROM quarantine ORDER BY line").to_pylist()
    assert [(r["line"], r["reason"]) for r in reasons] == [
        (4, 'date: "2024-13-01" is not a date (YYYY-MM-DD, YYYYMMDD or DD Month YYYY)'),
        (5, 'event: "dance" is not a CAMEO code, CAMEO event name or PLOVER type'),
        (6, "expected 5 fields as in the header, found 3"),
        (7, "date is empty"),
        (8, "source and target are both empty"),
        (9, "event is empty"),
    ]
    (again,) = ingest_mapped(store, [path], csv_profile(MAP)).files
    assert (again.inserted, again.duplicates, again.quarantined) == (0, 1, 6)
    assert store.count("events") == 1 and store.count("quarantine") == 6


def test_ids_when_mapped_and_a_stable_hash_when_not(store, write):
    rows = "id,date,a,e,b\nX1,2024-06-19,Russia,042,China\nX2,2024-06-19,Russia,042,China\n"
    ingest_mapped(store, [write("ids.csv", rows)], csv_profile("id=id,date=date,source=a,event=e,target=b",
                                                               origin="mine"))
    ingest_mapped(store, [write("noid.csv", rows)], csv_profile("date=date,source=a,event=e,target=b", origin="mine"))
    ids = [r["event_id"] for r in store.query("SELECT event_id FROM events ORDER BY 1").to_pylist()]
    assert ids[:2] == ["mine:X1", "mine:X2"] and len(ids) == 3 and ids[2].startswith("mine:h")


def test_optional_fields_override_the_defaults(store, write):
    rows = ("when,a,b,ev,gs,q,cc,url,notes,lat,lon,dead\n"
            "2024-06-19,Some Militia,Someone,ASSAULT,-3.5,3,Ukraine,https://example.org/a,shots fired,48.5,35.0,2\n")
    fm = ("date=when,source=a,target=b,event=ev,goldstein=gs,quad=q,source_country=cc,url=url,text=notes,"
          "latitude=lat,longitude=lon,fatalities=dead")
    (f,) = ingest_mapped(store, [write("o.csv", rows)], csv_profile(fm)).files
    assert f.inserted == 1 and f.notes["actor slots: given"] == 1
    assert store.query("SELECT source_name, source_country, goldstein, quad_class, url, evidence_text, latitude, "
                       "fatalities FROM events").to_pylist() == [
        {"source_name": "Some Militia", "source_country": "UKR", "goldstein": -3.5, "quad_class": 3,
         "url": "https://example.org/a", "evidence_text": "shots fired", "latitude": 48.5, "fatalities": 2}]


def test_a_missing_mapped_column_refuses_the_file_with_the_columns_it_has(store, write):
    (f,) = ingest_mapped(store, [write("m.csv", "day,a,b\n2024-01-01,x,y\n")], csv_profile(MAP)).files
    assert f.error is not None and f.error.line == 1
    assert "no column 'date', 'source', 'target', 'relation'" in f.error.reason
    assert "columns: day, a, b" in f.error.reason


def test_foreign_parquet_through_a_map(store, tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"d": [date(2024, 6, 19), date(2024, 6, 20)], "s": ["Russia", "Russia"],
                             "t": ["China", None], "e": ["042", "nonsense"]}), path)
    (f,) = ingest_mapped_parquet(store, [path], csv_profile("date=d,source=s,target=t,event=e")).files
    assert (f.lines, f.header_lines, f.inserted, f.quarantined) == (2, 0, 1, 1)
    assert f.first_problem == (2, 'event: "nonsense" is not a CAMEO code, CAMEO event name or PLOVER type')


@pytest.mark.parametrize(("header", "reason"), [
    (b"date,wh\ro,what,whom", "carriage return (CR) inside the line"),
    (b"date,wh\x9fo,what,whom", "not valid UTF-8 (byte 0x9F at byte 8 of the line)"),
])
def test_a_header_that_cannot_be_read_refuses_the_file(store, tmp_path, header, reason):
    """Found by fuzzing: the header was set aside as a bad line, yet still read as the header (a
    csv.Error, or lines counted twice, reported as a bug)."""
    path = tmp_path / "h.csv"
    path.write_bytes(header + b"\n2010-06-01,Japan,Make statement,China\n")
    (f,) = ingest_mapped(store, [path], csv_profile("date=date,source=who,target=whom,event=what")).files
    assert f.error is not None and (f.error.line, f.error.reason) == (1, f"the header line cannot be read: {reason}")
    assert store.count("events") == 0 and store.count("quarantine") == 0
