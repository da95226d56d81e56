"""POLECAT (hand-written files in its documented layouts), ACLED (the two real exports in
../shared/data/acled), ICEWS files lacking columns, and the ICEWS 2005-2013 release by actor name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from blocwatch.ingest.mapped import ingest_mapped
from blocwatch.ingest.profiles import ACLED, POLECAT, acled_actor, ingest_icews
from tests.ingest.test_icews import HEADER, ROW

POLECAT_FILES = Path(__file__).parent / "polecat"


@pytest.mark.parametrize(("name", "expected"), [
    ("ngecEventsDV-2021-Mar.txt", (7, 1, 6, 0)),
    ("ngecEvents.20230412101500.Release615.DV.txt", (7, 1, 6, 0)),
    ("ngecEvents.20230728161146.Release610.DV.txt", (6, 1, 4, 1)),
])
def test_polecat_layouts_are_read_with_every_line_accounted_for(store, name, expected):
    (f,) = ingest_mapped(store, [POLECAT_FILES / name], POLECAT).files
    assert f.error is None
    assert (f.lines, f.header_lines, f.inserted + f.duplicates, f.quarantined) == expected
    assert f.lines == f.header_lines + f.blank_lines + f.inserted + f.duplicates + f.quarantined
    assert f.notes["event read as dataset type"] == f.inserted + f.duplicates


def test_polecat_rows_keep_types_modes_multi_valued_countries_and_latin1_names(store):
    ingest_mapped(store, [POLECAT_FILES / "ngecEventsDV-2021-Mar.txt"], POLECAT)
    rows = store.query("SELECT source_name, source_country, source_sector, target_country, cameo, plover, plover_mode, "
                       "quad_class FROM events ORDER BY event_id").to_pylist()
    assert {"source_name": "Front Populaire du Mékrou", "source_country": "BEN", "source_sector": "REB",
            "target_country": "BEN", "cameo": None, "plover": "ASSAULT", "plover_mode": "firearms",
            "quad_class": 4} in rows
    assert {"source_name": "Ligue Fictive des Droits de l'Homme", "source_country": "BEN", "source_sector": "NGO",
            "target_country": "BEN", "cameo": None, "plover": "ACCUSE", "plover_mode": "disapprove",
            "quad_class": 3} in rows  # BEN;NGA: the first country
    assert {"source_name": None, "source_country": None, "source_sector": None, "target_country": "NER",
            "cameo": None, "plover": "AGREE", "plover_mode": None, "quad_class": 1} in rows  # actor None


def test_polecat_malformed_release_quarantines_the_shifted_row_and_reads_the_rest(store):
    (f,) = ingest_mapped(store, [POLECAT_FILES / "ngecEvents.20230728161146.Release610.DV.txt"], POLECAT).files
    assert f.first_problem is not None and f.first_problem[0] == 4  # the row with a stray tab
    assert store.query("SELECT count(*) AS n FROM quarantine WHERE line = 4").to_pylist() == [{"n": 1}]


def test_polecat_yearly_zip_of_monthly_files(store, tmp_path):
    path = tmp_path / "ngecEventsDV-2021.txt.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(POLECAT_FILES / "ngecEventsDV-2021-Mar.txt", "ngecEventsDV-2021-Mar.txt")
        z.writestr("ngecEventsDV-2021-Apr.txt", (POLECAT_FILES / "ngecEventsDV-2021-Mar.txt").read_bytes()
                   .replace(b"2021-03-", b"2021-04-").replace(b"_1\t", b"_9\t"))
    result = ingest_mapped(store, [path], POLECAT)
    assert [f.file.rsplit(":", 1)[1] for f in result.files] == ["ngecEventsDV-2021-Mar.txt",
                                                                 "ngecEventsDV-2021-Apr.txt"]
    assert [(f.inserted, f.duplicates) for f in result.files] == [(6, 0), (5, 1)]  # the "_2" id is not renamed


def test_acled_state_forces_resolve_to_their_state():
    assert acled_actor("Police Forces of Benin (2016-) Gendarmerie", None).code == "BENCOP"
    assert acled_actor("Government of Benin (2006-2016)", None).code == "BENGOV"
    assert acled_actor("Military Forces of United States", None).code == "USAMIL"
    assert acled_actor("Former Military Forces of Afghanistan (2014-)", None).country is None
    assert acled_actor("Militia (Pro-Government)", None) is None


@pytest.mark.shared
def test_both_real_acled_exports_are_read_with_every_row_accounted_for(store, shared):
    files = sorted((shared / "acled").glob("*.csv"))
    assert len(files) == 2
    result = ingest_mapped(store, files, ACLED)
    for f in result.files:
        assert f.error is None and f.header_lines == 1
        assert f.lines == f.header_lines + f.blank_lines + f.inserted + f.duplicates + f.quarantined
    assert sorted(f.lines - 1 for f in result.files) == [496, 811]
    assert result.inserted > 1200
    reasons = store.query("SELECT DISTINCT regexp_extract(reason, '\"(.*)\"', 1) AS t FROM quarantine").to_pylist()
    assert all("Strategic developments" in r["t"] for r in reasons) and reasons  # only types PLOVER lacks
    assert store.query("SELECT count(*) AS n FROM events WHERE source_sector = 'MIL' AND source_country IN "
                       "('BEN', 'AFG')").to_pylist()[0]["n"] > 50


def test_an_icews_file_lacking_columns_is_read_by_those_it_has(store, write):
    keep = ["event_id", "event_date", "source_name", "cameo_code", "intensity", "target_name"]
    names = HEADER.split(",")
    values = ROW.split(",")
    header = ",".join(keep)
    row = ",".join(values[names.index(k)] for k in keep)
    result = ingest_icews(store, [write("partial.csv", f"{header}\n{row}\n")])
    (f,) = result.files
    assert f.error is None and f.inserted == 1 and f.format == "icews-mapped"
    assert f.message.startswith("read by the columns it has; it lacks source_sectors, source_country")
    assert store.query("SELECT event_id, source_country, target_country, cameo FROM events").to_pylist() == [
        {"event_id": "icews:1", "source_country": "RUS", "target_country": "PRK", "cameo": "010"}]


@pytest.mark.shared
@pytest.mark.slow
def test_the_icews_2005_2013_release_by_actor_name(store, shared):
    """Every row accounted for; most actor slots resolve to a state (the release names actors by
    sector, office holder and person)."""
    from blocwatch.ingest.mapped import csv_profile

    path = shared / "icews-tkg" / "icews_2005-2013_tkg.csv.gz"
    (f,) = ingest_mapped(store, [path], csv_profile("date=date,source=source,target=target,event=relation")).files
    assert (f.lines, f.header_lines, f.inserted + f.duplicates + f.quarantined) == (373_291, 1, 373_290)
    assert f.notes["event read as event name"] == f.inserted + f.duplicates
    slots = {k: v for k, v in f.notes.items() if k.startswith("actor slots")}
    assert sum(slots.values()) == 2 * (f.inserted + f.duplicates)
    to_state = sum(v for k, v in slots.items() if not k.endswith("no state"))
    assert to_state / sum(slots.values()) > 0.8
    assert {"actor slots: sector", "actor slots: country", "actor slots: dictionary"} <= set(slots)
