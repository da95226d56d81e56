"""Actor names resolved to a state and a sector, and which sectors act for their state."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors import STATE_SECTORS, UNKNOWN_SECTOR, ActorNames


@pytest.mark.parametrize(("name", "country", "sector"), [
    ("Foreign Affairs (Russia)", "RUS", "GOV"),       # an ICEWS sector name
    ("Army Personnel (Japan)", "JPN", "MIL"),
    ("Ministry of Defense (Russia)", "RUS", "GOV"),   # by the agent dictionary's words
    ("Citizen (North Korea)", "PRK", "CVL"),
    ("Fishermen (Japan)", "JPN", "CVL"),
    ("Xylophonists (Japan)", "JPN", UNKNOWN_SECTOR),  # of Japan, but not known to act for it
])
def test_sector_names_resolve_to_a_country_and_a_sector(name, country, sector):
    got = ActorNames.load().resolve(name, date(2010, 1, 1))
    assert (got.country, got.sector, got.route) == (country, sector, "sector")


def test_only_offices_of_the_state_act_for_it():
    assert {"GOV", "MIL"} <= set(STATE_SECTORS)
    assert not {"CVL", "BUS", "MED", "REB", UNKNOWN_SECTOR} & set(STATE_SECTORS)


def test_a_name_the_dictionary_marks_as_no_actor_resolves_to_no_code():
    """Phoenix marks names that are no actor with "---" (a sea that holds a state's adjective, a
    person outside an office's dates): known to the dictionary, and no one."""
    names = ActorNames.load()
    assert names.resolve("Indian Ocean", date(2024, 1, 1)).code is None
    assert names.resolve("Jean Marie Guehenno", date(2024, 1, 1)).code is None
    assert names.resolve("Jean Marie Guehenno", date(2005, 1, 1)).code == "IGOUNO"


@pytest.mark.parametrize(("name", "day", "code"), [
    ("Macron", date(2024, 6, 1), "FRAGOV"),         # no entry before blocwatch's
    ("Starmer", date(2024, 6, 1), "GBROPP"),        # Leader of the Opposition until 4 July 2024
    ("Starmer", date(2024, 7, 6), "GBRGOV"),
    ("Sunak", date(2024, 7, 6), "GBROPP"),          # Leader of the Opposition until 2 November 2024
    ("Sunak", date(2025, 1, 1), "GBRELI"),
    ("Ashraf Ghani", date(2021, 5, 9), "AFGGOV"),  # Phoenix had him only as finance minister
    ("Ashraf Ghani", date(2024, 5, 9), "AFGELI"),
    ("Rapid Support Forces", date(2025, 3, 1), "SDNREB"),
    ("Bashar al-Assad", date(2025, 3, 1), "SYRELI"),
    # a review's corrections (twenty-first session)
    ("Assad", date(1990, 1, 1), "SYRGOV"),          # Hafez, by the surname alone
    ("al-Sharaa", date(2005, 1, 1), "SYRGOV"),      # Farouk, the foreign minister
    ("Israel Katz", date(2022, 6, 1), "ISROPP"),
    ("Takaichi", date(2024, 7, 3), "JPNGOV"),      # minister of economic security
    ("Medvedev", date(2024, 7, 3), None),           # also a tennis player: only the full name
])
def test_leaders_after_phoenix_have_their_terms(name, day, code):
    """Heads of state and government, foreign ministers and armed forces Phoenix (kept until
    about 2016) lacks or holds in an old office: blocwatch's entries with their terms."""
    assert ActorNames.load().resolve(name, day).code == code
