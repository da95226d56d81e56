"""The motivating case on the shipped demo (GDELT sample plus our own news briefs): Russia and
North Korea move closer, for the reasons the record gives, with a shared adversary."""

from __future__ import annotations

import datetime as dt

import pytest

from blocwatch import EventStore
from blocwatch.ingest import ingest_files
from blocwatch.ingest.text import ingest_text
from blocwatch.relations import Relations
from tests.helpers import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory, coder):
    with EventStore(tmp_path_factory.mktemp("demo") / "demo.duckdb") as store:
        ingest_files(store, [REPO / "demo" / "data"], "gdelt")
        ingest_text(store, [REPO / "demo" / "news"], coder=coder)
        yield Relations(store)


def test_russia_and_north_korea_moved_closer(demo):
    found = demo.shifts(dt.date(2023, 1, 1), dt.date(2024, 12, 31), limit=10)
    closer = [s for s in found if s.direction == "closer"]
    prk_rus = next(s for s in closer if (s.source, s.target) == ("PRK", "RUS"))
    assert closer.index(prk_rus) < 5 and not prk_rus.notes
    assert prk_rus.before < 0.1 < 0.3 < prk_rus.after
    codes = {c for d in prk_rus.drivers for c in d.codes}
    assert {"057", "072"} <= codes and codes & {"042", "043"}  # the treaty, arms, the visits
    shown = {e["doc_id"] for d in prk_rus.drivers for e in d.examples}
    assert {"putin-in-pyongyang", "shoigu-pyongyang"} & shown, shown
    # the GDELT sample starts in October 2024: shifts there are flagged, and listed after the others
    flagged = [s for s in found if s.notes]
    assert flagged and all("gdelt2" in s.notes[0] for s in flagged)
    # ... and so are those the smoothing window carries into the next two months
    assert all(s.notes for s in found if dt.date(2024, 10, 1) <= s.at <= dt.date(2024, 12, 1))
    assert found.index(flagged[0]) > found.index(prk_rus)


def test_shared_adversaries(demo):
    before = [e.third for e in demo.enemies("RUS", "PRK", dt.date(2022, 1, 1), dt.date(2024, 9, 30))]
    during = [e.third for e in demo.enemies("RUS", "PRK", dt.date(2023, 1, 1), dt.date(2024, 12, 31))]
    assert "USA" in before
    assert "UKR" in during
