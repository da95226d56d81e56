"""ICEWS files on hand-built input: the header decides the layout, and a header that cannot be
read refuses the file with its line and reason instead of taking a data row for the header."""

from __future__ import annotations

import pytest

from blocwatch.ingest import ingest_files

HEADER = ("event_id,event_date,source_name,source_sectors,source_country,event_text,cameo_code,intensity,"
          "target_name,target_sectors,target_country,story_id,sentence_number,publisher,city,district,province,"
          "country,latitude,longitude,year,yearmonth")
ROW = ("1,2018-06-01,Russia,Government,Russian Federation,Make statement,010,0.0,North Korea,Government,"
       "North Korea,9,1,AFP,Moscow,,Moscow,Russian Federation,55.75,37.61,2018,201806")


def test_a_row_is_read(store, write):
    (f,) = ingest_files(store, [write("i.csv", f"{HEADER}\n{ROW}\n")], "icews").files
    assert (f.error, f.header_lines, f.inserted) == (None, 1, 1)
    assert store.query("SELECT source_country, target_country, cameo FROM events").to_pylist() == [
        {"source_country": "RUS", "target_country": "PRK", "cameo": "010"}]


@pytest.mark.parametrize(("header", "reason"), [
    (HEADER.replace("cameo_code", "cameo\rcode").encode(), "a carriage return (CR) inside the line"),
    (HEADER.replace("story_id", '"story\rid"').encode(), "carriage return (CR) inside the line"),
    (HEADER.encode() + b",no\xfftes", "not valid UTF-8 (byte 0xFF at byte"),  # in a column of its own
])
def test_a_header_that_cannot_be_read_refuses_the_file(store, write, header, reason):
    """Found by fuzzing: the cleaning that sets such lines aside took the first row for the header."""
    rows = f"\n{ROW},\n{ROW.replace('1,', '2,', 1)},\n" if header.endswith(b"tes") else f"\n{ROW}\n{ROW}\n"
    (f,) = ingest_files(store, [write("i.csv", header + rows.encode())], "icews").files
    assert f.error is not None and f.error.line == 1 and reason in f.error.reason
    assert store.count("events") == 0


def test_an_unterminated_quote_is_quarantined_once(store, write):
    """Found by fuzzing: after an unterminated quote running into a copy of the header, DuckDB
    reported a reject on the header line too, which broke the line accounting."""
    row = '7,2018-06-01,Foreign Affairs)"Executive,Foreign ' + HEADER[:200] + ',"Mim'
    (f,) = ingest_files(store, [write("i.csv", f"{HEADER}\n{row}")], "icews").files
    assert (f.error, f.lines, f.header_lines, f.quarantined) == (None, 2, 1, 1)
    assert [r["line"] for r in store.query("SELECT line FROM quarantine").to_pylist()] == [2]


def test_a_blank_intensity_takes_the_codes_icews_goldstein_score(store, write):
    """A release without intensities was quarantined row by row ("intensity is empty"): DuckDB
    applied the reader's list of required columns by position among the columns a query reads."""
    blank = ROW.replace(",010,0.0,", ",190,,")
    dataverse = blank.replace("1,", "2,", 1).replace(",", "\t")
    (f,) = ingest_files(store, [write("i.csv", f"{HEADER}\n{blank}\n")], "icews").files
    (g,) = ingest_files(store, [write("d.tab", HEADER.replace(",", "\t").replace("event_id", "Event ID") + "\n"
                                      + dataverse + "\n")], "icews").files
    assert (f.inserted, f.quarantined, g.inserted, g.quarantined) == (1, 0, 1, 0)
    assert store.query("SELECT DISTINCT cameo, goldstein FROM events").to_pylist() == [
        {"cameo": "190", "goldstein": -10.0}]


def test_an_empty_required_field_is_still_quarantined(store, write):
    (f,) = ingest_files(store, [write("i.csv", f"{HEADER}\n{ROW}\n{ROW.replace(',010,', ',,').replace('1,', '3,', 1)}\n"
                                      )], "icews").files
    assert (f.inserted, f.quarantined, f.first_problem) == (1, 1, (3, "cameo_code is empty"))
