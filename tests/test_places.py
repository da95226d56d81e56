"""Where events took place: points per pair, month and place, read from a real DuckDB store of
hand-built GDELT rows, and the base map the report and the app draw them on."""

from __future__ import annotations

import json

import pytest

from blocwatch.ingest import ingest_files
from blocwatch.places import BASE_MAP, base_map, base_map_path
from blocwatch.relations import Relations
from tests.helpers import gdelt_row

KURSK = ("51.7373", "36.1873", "Kursk, Kurskaya Oblast', Russia")
KURSK_NEAR = ("51.7401", "36.1899", "Kursk, Russia")  # within 0.01 degree once rounded: the same place
PYONGYANG = ("39.0194", "125.7547", "Pyongyang, North Korea")

# id, day, source, target, code, quad class, Goldstein, place (None: no coordinates)
ROWS = [
    (1, "20241105", "PRK", "RUS", "190", "4", "-10.0", KURSK),
    (2, "20241112", "RUS", "PRK", "042", "1", "1.9", KURSK_NEAR),
    (3, "20241120", "RUS", "PRK", "042", "1", "1.9", PYONGYANG),
    (4, "20241202", "RUS", "PRK", "057", "1", "8.0", PYONGYANG),
    (5, "20241203", "PRK", "RUS", "042", "1", "1.9", None),
    (6, "20241204", "RUS", "UKR", "190", "4", "-10.0", KURSK),
    (7, "20241205", "RUS", "UKR", "190", "4", "-10.0", KURSK),
]


@pytest.fixture
def rel(store, write):
    lines = []
    for n, day, s, t, code, quad, g, place in ROWS:
        geo = ({"ActionGeo_Lat": "", "ActionGeo_Long": "", "ActionGeo_FullName": "", "ActionGeo_Type": "0"}
               if place is None else {"ActionGeo_Lat": place[0], "ActionGeo_Long": place[1],
                                      "ActionGeo_FullName": place[2], "ActionGeo_Type": "4"})
        lines.append(gdelt_row(GLOBALEVENTID=str(n), SQLDATE=day, Actor1Code=s, Actor1CountryCode=s, Actor2Code=t,
                               Actor2CountryCode=t, EventCode=code, EventBaseCode=code, EventRootCode=code[:2],
                               QuadClass=quad, GoldsteinScale=g, **geo))
    ingest_files(store, [write("e.CSV", "\n".join(lines) + "\n")], "gdelt")
    return Relations(store)


def test_points_are_pairs_months_and_places_busiest_first(rel):
    out = rel.places()
    assert (out["events"], out["located"], out["truncated"]) == (7, 6, False)
    got = [(p["pair"], p["month"], p["lat"], p["lon"], p["events"], p["verbal_coop"], p["material_conflict"])
           for p in out["points"]]
    assert got == [
        ("PRK-RUS", "2024-11", 51.74, 36.19, 2, 1, 1),  # two events a few hundred metres apart: one place
        ("RUS-UKR", "2024-12", 51.74, 36.19, 2, 0, 2),
        ("PRK-RUS", "2024-11", 39.02, 125.75, 1, 1, 0),
        ("PRK-RUS", "2024-12", 39.02, 125.75, 1, 1, 0),
    ]
    assert out["points"][0]["place"] == "Kursk, Kurskaya Oblast', Russia"  # of two names as common, the first
    assert out["located_by"] == {"PRK-RUS|2024-11": 3, "PRK-RUS|2024-12": 1, "RUS-UKR|2024-12": 2}


def test_a_pair_and_a_limit(rel):
    pair = rel.places("RUS", "PRK")
    assert (pair["events"], pair["located"]) == (5, 4)  # event 5 has no place: counted, not located
    assert [p["events"] for p in pair["points"]] == [2, 1, 1]
    top = rel.places(limit=1)
    assert top["truncated"] is True and len(top["points"]) == 1
    assert top["located_by"] == rel.places()["located_by"]  # every pair and month, whatever the limit


def test_the_events_of_a_point_are_those_it_counts(rel):
    for p in rel.places()["points"]:
        a, b = p["pair"].split("-")
        events = rel.events(a, b, start=f"{p['month']}-01", end=p["month"], place=(p["lat"], p["lon"]))
        assert len(events) == p["events"] == rel.count_events(a, b, f"{p['month']}-01", p["month"],
                                                               place=(p["lat"], p["lon"]))
    at_kursk = rel.events("PRK", "RUS", place=(51.74, 36.19))
    assert [e["event_id"] for e in at_kursk] == ["gdelt2:1", "gdelt2:2"]
    assert at_kursk[0]["location_name"] == "Kursk, Kurskaya Oblast', Russia"
    assert at_kursk[0]["latitude"] == pytest.approx(51.7373)


def test_the_evidence_sample_keeps_events_of_every_place(rel):
    kept, counts = rel.evidence_sample(per_cell=1)
    assert [e["event_id"] for e in kept] == ["gdelt2:1", "gdelt2:4", "gdelt2:6"]  # the strongest of each cell
    kept, _ = rel.evidence_sample(per_cell=1, per_place=1)
    assert [e["event_id"] for e in kept] == ["gdelt2:1", "gdelt2:3", "gdelt2:4", "gdelt2:6"]  # + Pyongyang in 2024-11
    assert {(e["pair"], e["month"], e["place_lat"], e["place_lon"]) for e in kept} == {
        (p["pair"], p["month"], p["lat"], p["lon"]) for p in rel.places()["points"]}
    assert counts[("PRK-RUS", "2024-12", "factual")] == 2


def test_a_limit_below_one_is_an_error(rel):
    from blocwatch.errors import ParameterError

    with pytest.raises(ParameterError, match="limit"):
        rel.places(limit=0)


def test_the_base_map_is_natural_earth_with_every_state_the_report_draws():
    topo = json.loads(base_map())
    assert BASE_MAP == "world_110m" and base_map_path().is_file()
    assert {"coastlines", "land", "countries"} <= set(topo["objects"])
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert {"PRK", "KOR", "RUS", "UKR", "USA", "CHN", "JPN"} <= ids
