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

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from blocwatch.data import read_csv
from blocwatch.errors import ParameterError

__all__ = ["ISO3", "Countries", "Country", "load_countries", "parse_countries"]

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


def parse_countries(text: str | Sequence[str] | None, *, param: str = "countries") -> tuple[str, ...] | None:
    """``"usa, rus,PRK"`` -> ``("USA", "RUS", "PRK")``; ``None`` or empty -> ``None``.

    Examples
    --------
    >>> parse_countries("usa, rus,PRK")
    ('USA', 'RUS', 'PRK')
    >>> parse_countries("US")
    Traceback (most recent call last):
    ...
    blocwatch.errors.ParameterError: countries: "US" is not an ISO alpha-3 code such as USA
    """
    if text is None:
        return None
    items = text.split(",") if isinstance(text, str) else list(text)
    codes = tuple(dict.fromkeys(c.strip().upper() for c in items if c.strip()))
    for c in codes:
        if not ISO3.match(c):
            raise ParameterError(param, f'"{c}" is not an ISO alpha-3 code such as USA')
    return codes or None
