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


def test_each_reason_is_told_apart(db, tmp_path):
    with EventStore(db, read_only=True) as store:
        assert why_empty(store, DyadQuery(countries=("FRA", "RUS"))) == (
            "no event in the store involves FRA (France)")
        assert why_empty(store, DyadQuery(countries=("RUS",))) == (
            "only events between the states asked for count, and only RUS (Russian Federation) was asked for: "
            "add the states whose relations with it you want; its busiest partners are PRK (48 events), "
            "UKR (36 events)")
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"), start="1990", end="1991")) == (
            "no event in 1990-01-01 to 1991-12-31: the events asked for run from 2023-01-10 to 2024-06-10")
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"), start="2025")) == (
            "no event in 2025-01-01 to ...: the events asked for run from 2023-01-10 to 2024-06-10")
        # two states that each have events, but never with each other
        assert why_empty(store, DyadQuery(countries=("KOR", "UKR"))) == "no event between these states"
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with EventStore(copy) as store:
        store.con.execute("UPDATE events SET mode = 'future' WHERE 'KOR' IN (source_country, target_country)")
        assert why_empty(store, DyadQuery(countries=("KOR", "USA"), start=dt.date(2023, 1, 1))) == (
            "the filters leave out all 36 events of these states and dates (only factual, dated events of actors "
            "acting for their state count by default)")


def test_an_empty_store(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        assert why_empty(store, DyadQuery(countries=("RUS", "PRK"))) == "the store holds no events"
