"""The app's views without HTTP: windows clamped to the data, empty stores, the cache."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from blocwatch import EventStore, InputError
from blocwatch.taxonomy import load_taxonomy
from blocwatch.web.views import Views, _Cache


@pytest.fixture(scope="module")
def views(demo_db):
    with EventStore(demo_db, read_only=True) as store:
        yield Views(store)


def test_windows_are_clamped_to_the_events(views):
    first, last = views.window_bounds
    assert views.window(None, None) == (None, None)
    month_end = date(last.year + last.month // 12, last.month % 12 + 1, 1) - timedelta(days=1)
    assert last < month_end  # the demo's last event is not on a month's last day
    # whole months: a window to the end of the data's last month is the report's, unchanged
    assert views.window(date(1990, 1, 1), date(2999, 12, 31)) == (date(first.year, first.month, 1), month_end)
    assert views.window(None, month_end) == (None, month_end)
    assert views.window(date(2024, 6, 1), None) == (date(2024, 6, 1), None)
    assert views.window(date(1990, 1, 1), date(1990, 12, 31)) is None
    assert views.window(date(2999, 1, 1), None) is None
    with pytest.raises(InputError, match="is after"):
        views.window(date(2025, 1, 1), date(2024, 1, 1))


def test_costly_views_are_cached_by_their_normalised_query(views):
    a = views.network(("RUS", "PRK", "USA"), date(2024, 1, 1), date(2024, 12, 31))
    b = views.network(("USA", "RUS", "PRK", "RUS"), date(2024, 1, 1), date(2024, 12, 31))
    assert a is b
    c = views.network(("USA", "RUS", "PRK"), date(1000, 1, 1), date(2999, 12, 31))
    assert c is views.network(("USA", "RUS", "PRK"), *views.window(date(1990, 1, 1), date(2999, 1, 1)))


def test_the_cache_forgets_the_least_recently_used():
    cache, calls = _Cache(2), []

    def value(k):
        return cache.get(k, lambda: calls.append(k) or k)

    for k in ("a", "b", "a", "c", "a", "b"):
        value(k)
    assert calls == ["a", "b", "c", "b"]


def test_an_empty_store_has_empty_views(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        views = Views(store)
        assert views.bounds is None
        assert views.states() == {"total": 0, "start": None, "end": None, "origins": [],
                                  "plover_types": sorted(load_taxonomy().plover_types), "items": []}
        assert views.events()["total"] == 0 and views.dyads()["total"] == 0
        assert views.timeline(("PRK", "RUS"))["months"] == []
        assert views.network(("PRK", "RUS"))["edges"] == []
        assert [n["id"] for n in views.network(("PRK", "RUS"))["nodes"]] == ["PRK", "RUS"]
        assert views.balance()["total"] == 0 and views.shifts()["items"] == [] and views.tension()["items"] == []
