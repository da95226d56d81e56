"""Why a query found nothing, on a real store of hand-built events (tests.test_relations.events:
RUS-PRK 48 events and RUS-UKR 36 from 2023-01-10 to 2024-06-10; no France)."""

from __future__ import annotations

import datetime as dt

import pytest

from blocwatch import EventStore
from blocwatch.dyads import DyadQuery
from blocwatch.explain import why_empty
from tests.helpers import warming_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return warming_store(tmp_path_factory.mktemp("explain"))


def test_each_reason_is_told_apart(db):
    with EventStore(db, read_only=True) as store:
        assert why_empty(store, DyadQuery(countries=("FRA", "RUS"))) == (
            "no event in the store involves FRA (France)")
        assert why_empty(store, DyadQuery(countries=("RUS",))) == (
            "only events between the states asked for count, and only RUS (Russian Federation) was asked for: "
            "add the states whose relations with it you want; its busiest partners here are PRK (48 events), "
            "UKR (36 events)")
        # the partners are counted under the same dates and filters: 2024 has 6 months of 6 PRK-RUS events
        assert why_empty(store, DyadQuery(countries=("RUS",), start="2024", quad_classes=(2,))).endswith(
            "its busiest partners here are PRK (6 events)")
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"), start="1990", end="1991")) == (
            "no event in 1990-01-01 to 1991-12-31: the events of these states run from 2023-01-10 to 2024-06-10")
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"), start="2025")) == (
            "no event in 2025-01-01 to ...: the events of these states run from 2023-01-10 to 2024-06-10")
        # two states that each have events, but never with each other
        assert why_empty(store, DyadQuery(countries=("KOR", "UKR"))) == "no event between these states"
        # a type filter that nothing passes is blamed, not the states or the dates
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"), roots=("14",), quad_classes=(1,))) == (
            "the filters leave out all 48 events of these states and dates (factual events only; dated events "
            "only; CAMEO roots 14; quad classes 1)")
        # a query that selects events is not empty: the view built on them is, for a reason of its own
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"))) is None
        june = store.con.execute("SELECT event_id FROM events WHERE date = DATE '2024-06-10' AND "
                                 "'PRK' IN (source_country, target_country) AND "
                                 "'RUS' IN (source_country, target_country)").fetchall()
    excluded = DyadQuery(countries=("RUS", "PRK"), start="2024-06", end="2024-06",
                         exclude=tuple(i for (i,) in june))
    with EventStore(db, read_only=True) as store:
        assert why_empty(store, excluded) == (
            "the filters leave out all 3 events of these states and dates (factual events only; dated events "
            "only; 3 events excluded as judged wrong)")


def test_modes_are_a_filter(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with EventStore(copy) as store:
        store.con.execute("UPDATE events SET mode = 'future' WHERE 'KOR' IN (source_country, target_country)")
        assert why_empty(store, DyadQuery(countries=("KOR", "USA"), start=dt.date(2023, 1, 1))) == (
            "the filters leave out all 36 events of these states and dates (factual events only; dated events only)")


def test_an_empty_store(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"))) == "the store holds no events"
