"""States and their codes: ISO 3166 alpha-3, CAMEO, FIPS 10-4 and Correlates of War.

Event datasets name states in different ways: GDELT actors use CAMEO country codes
(mostly ISO alpha-3, but ``ROM`` for Romania and ``TMP`` for Timor-Leste), GDELT places
use FIPS 10-4 (``RS`` for Russia), ICEWS uses English names ("Russian Federation"), and
the Correlates of War data uses numbers (365). blocwatch stores ISO alpha-3 everywhere.
The table is ``data/countries.csv``, built by ``tools/build_data.py`` (sources in the data
README).

Examples
--------
>>> c = load_countries()
>>> c.by_cameo["ROM"].iso3, c.by_fips["RS"].iso3, c.by_name["russian federation"].iso3
('ROU', 'RUS', 'RUS')
>>> c.by_iso3["PRK"].name
'North Korea'
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from blocwatch.data import read_csv
from blocwatch.errors import ParameterError

__all__ = ["ISO3", "Countries", "Country", "load_countries", "parse_countries", "parse_pair", "resolve_country",
           "suggest"]

#: The shape of an ISO 3166-1 alpha-3 code, as blocwatch stores states.
ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Country:
    """A state or territory with its codes and the names it goes by (lower case)."""

    iso3: str
    cameo: str
    name: str
    fips: str | None
    cow: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Countries:
    """Lookups from each coding scheme to :class:`Country`."""

    by_iso3: dict[str, Country]
    by_cameo: dict[str, Country]
    by_fips: dict[str, Country]
    by_cow: dict[int, Country]
    by_name: dict[str, Country]

    def alias_rows(self) -> list[tuple[str, str]]:
        """``(lower-case name, iso3)`` pairs, for joining names in SQL."""
        return sorted((name, c.iso3) for name, c in self.by_name.items())


@functools.cache
def load_countries() -> Countries:
    """Load and cache ``data/countries.csv``."""
    rows = [
        Country(
            iso3=r["iso3"],
            cameo=r["cameo"],
            name=r["name"],
            fips=r["fips"] or None,
            cow=int(r["cow"]) if r["cow"] else None,
            aliases=tuple(a for a in r["aliases"].split("|") if a),
        )
        for r in read_csv("countries.csv")
    ]
    by_name: dict[str, Country] = {}
    for c in rows:
        for alias in (c.name.lower(), *c.aliases):
            by_name.setdefault(alias, c)
    return Countries(
        by_iso3={c.iso3: c for c in rows},
        by_cameo={c.cameo: c for c in rows},
        by_fips={c.fips: c for c in rows if c.fips},
        by_cow={c.cow: c for c in rows if c.cow is not None},
        by_name=by_name,
    )


#: Words left out of a name's initials ("DRC" for the Democratic Republic of the Congo).
_SMALL_WORDS = {"of", "the", "and"}
#: Words of formal names ("Republic of Uganda") that no one abbreviates in two letters.
_FORMAL_WORDS = {"republic", "kingdom", "state", "states", "federation", "islamic", "people's", "union"}


def _initials(name: str) -> str:
    words = re.findall(r"[a-z']+", name.lower())
    return "".join(w[0] for w in words if w not in _SMALL_WORDS)


def suggest(text: str, limit: int = 3) -> list[Country]:
    """States the user may have meant by ``text``, from the likeliest kind of slip on: a name's
    initials ("NK", "DRC"), a word or the start of a name ("Korea", "Kos"), a name spelled nearly
    so ("Rusia"), then a code spelled nearly so. The first kind that finds any gives the answer.

    Parameters
    ----------
    text : str
        What the user typed.
    limit : int
        At most this many states.

    Returns
    -------
    list of Country
        Likeliest first; empty when nothing is close.

    Examples
    --------
    >>> [c.iso3 for c in suggest("NK")], [c.iso3 for c in suggest("Rusia")], [c.iso3 for c in suggest("Korea")]
    (['PRK'], ['RUS'], ['PRK', 'KOR'])
    >>> [c.iso3 for c in suggest("XYZ")]
    []
    """
    c = load_countries()
    key = text.strip().lower()
    if len(key) < 2:
        return []
    names = sorted(c.by_name.items())

    def formal(name: str) -> bool:
        return len(key) < 3 and bool(set(name.split()) & _FORMAL_WORDS)

    tiers = [
        [country for name, country in names if _initials(name) == key and not formal(name)],
        [country for name, country in names if len(key) >= 3 and (key in name.split() or name.startswith(key))],
        [c.by_name[n] for n in difflib.get_close_matches(key, [n for n, _ in names], n=limit, cutoff=0.8)],
        [c.by_iso3[code] for code in difflib.get_close_matches(key.upper(), list(c.by_iso3), n=limit, cutoff=0.66)]
        if len(key) == 3 else [],
    ]
    for tier in tiers:
        if tier:
            return list({country.iso3: country for country in tier}.values())[:limit]
    return []


def _plain_name(country: Country) -> str:
    """A name that can be typed back in a comma-separated list: the first name or alias without a
    comma ("Congo, The Democratic Republic of the" is shown as "democratic republic of congo")."""
    for name in (country.name, *country.aliases):
        if "," not in name:
            return name
    return country.iso3


def parse_pair(text: str, *, param: str = "pair") -> tuple[str, str]:
    """Two different states from ``"PRK-RUS"``, ``"North Korea-Russia"`` or ``"Guinea-Bissau-SEN"``
    (each hyphen is tried as the split until both sides are states), or with a comma.

    Examples
    --------
    >>> parse_pair("prk-rus"), parse_pair("Guinea-Bissau-SEN"), parse_pair("North Korea,Russia")
    (('PRK', 'RUS'), ('GNB', 'SEN'), ('PRK', 'RUS'))
    >>> parse_pair("RUS-RUS")
    Traceback (most recent call last):
    ...
    blocwatch.errors.ParameterError: pair: "RUS-RUS" is not a pair of two different states such as PRK-RUS
    """
    sep = "," if "," in text else "-"
    parts = text.split(sep)
    for i in range(1, len(parts)):
        a, b = sep.join(parts[:i]).strip(), sep.join(parts[i:]).strip()
        try:
            pair = resolve_country(a, param=param), resolve_country(b, param=param)
        except ParameterError:
            if len(parts) == 2:
                raise
            continue
        if pair[0] != pair[1]:
            return pair
    raise ParameterError(param, f'"{text}" is not a pair of two different states such as PRK-RUS')


def resolve_country(text: str, *, param: str = "countries") -> str:
    """One state as blocwatch stores it (ISO alpha-3), from its code, its CAMEO code ("ROM"), its
    name or a common alias ("North Korea", "DPRK", "US"); anything else is an error that suggests
    what may have been meant.

    Parameters
    ----------
    text : str
        A code, name or alias, in any case.
    param : str
        The parameter named in the error.

    Returns
    -------
    str
        The ISO alpha-3 code.

    Raises
    ------
    ParameterError
        No state goes by ``text`` (with :func:`suggest`'s answers).

    Examples
    --------
    >>> resolve_country("prk"), resolve_country("North Korea"), resolve_country("DPRK"), resolve_country("ROM")
    ('PRK', 'PRK', 'PRK', 'ROU')
    >>> resolve_country("NK")
    Traceback (most recent call last):
    ...
    blocwatch.errors.ParameterError: countries: "NK" is no state blocwatch knows; did you mean PRK (North Korea)?
    """
    c = load_countries()
    key = text.strip()
    upper = key.upper()
    if upper in c.by_iso3:
        return upper
    if upper in c.by_cameo:
        return c.by_cameo[upper].iso3
    if key.lower() in c.by_name:
        return c.by_name[key.lower()].iso3
    options = suggest(key)
    hint = ("did you mean " + " or ".join(f"{o.iso3} ({_plain_name(o)})" for o in options) + "?" if options else
            'give an ISO alpha-3 code such as USA or a name such as "North Korea"')
    raise ParameterError(param, f'"{key}" is no state blocwatch knows; {hint}')


def parse_countries(text: str | Sequence[str] | None, *, param: str = "countries") -> tuple[str, ...] | None:
    """``"usa, Russia,PRK"`` -> ``("USA", "RUS", "PRK")``; ``None`` or empty -> ``None``. Each item is
    read by :func:`resolve_country`.

    Examples
    --------
    >>> parse_countries("usa, Russia,PRK")
    ('USA', 'RUS', 'PRK')
    >>> parse_countries("Ukriane")
    Traceback (most recent call last):
    ...
    blocwatch.errors.ParameterError: countries: "Ukriane" is no state blocwatch knows; did you mean UKR (Ukraine)?
    """
    if text is None:
        return None
    items = text.split(",") if isinstance(text, str) else list(text)
    codes = tuple(dict.fromkeys(resolve_country(c, param=param) for c in items if c.strip()))
    return codes or None
