"""Actors and the states they stand for, on a given day.

The actor dictionaries (blocwatch's own entries, then the Phoenix dictionaries: ``data/coder/``)
map names to CAMEO actor codes that hold over a period: "Joe Biden" is ``USAGOV`` from
2021-01-20 to 2025-01-20 and ``USAELI`` (a former office holder) otherwise. The coder finds the
names in text; :class:`ActorNames` resolves the names datasets write ("Military (Russia)",
"Kim Jong-Un", "RUSGOV", "South Korea") to a code, a state and a sector, and says by which
route, so that an importer can report how each actor slot was resolved:

- ``code``: an ISO alpha-3 or CAMEO actor code (``RUS``, ``RUSGOV``, ``IGOUNO``);
- ``country``: a country's name or alias ("Russian Federation", "Korea, North");
- ``sector``: ``Sector (Country)`` as ICEWS writes it, the country in the last parentheses;
- ``dictionary``: a person or organisation of the actor dictionaries (a person also by first and
  last name when the dataset adds middle names), by the code that holds on the event's day (a head
  of government is the state during the term; after it, as a former office holder, ``ELI``, the
  person stands for no state);
- ``named``: anything else, kept as a named actor with no state.

Examples
--------
>>> names = ActorNames.load()
>>> [names.resolve(n, date(2010, 6, 1)).country for n in ("Military (Russia)", "Hu Jintao", "RUSGOV", "Kim Jong-Un")]
['RUS', 'CHN', 'RUS', None]
>>> names.resolve("Kim Jong-Un", date(2013, 6, 1)).country, names.resolve("Kim Jong-Un", date(2013, 6, 1)).route
('PRK', 'dictionary')
>>> split_code("KORMIL"), split_code("IGOUNO"), split_code("ROMGOV")
(('KOR', 'MIL'), (None, 'IGO'), ('ROU', 'GOV'))
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from blocwatch.countries import load_countries
from blocwatch.data import read_bytes, read_csv, read_jsonl

__all__ = ["ACTOR_FILES", "AGENT_FILES", "PEOPLES_FILE", "ROUTES", "STATE_SECTORS", "UNKNOWN_SECTOR", "ActorEntry",
           "ActorNames", "ActorRecord", "AgentEntry", "CodeSpan", "NO_ACTOR", "Resolved", "dictionaries_digest",
           "load_actor_entries", "name_key", "split_code"]

#: The shipped actor and agent dictionaries (``data/coder/``), in the order their entries are read.
ACTOR_FILES = ("actors_blocwatch.jsonl", "actors_phoenix.jsonl")
AGENT_FILES = ("agents_blocwatch.jsonl", "agents_phoenix.jsonl")
#: Names of peoples whose plural the actor matcher also knows ("Turks"; see ``blocwatch.coder.actors``).
PEOPLES_FILE = "peoples.json"

#: How an actor name was resolved (see the module docstring), in the order they are tried.
ROUTES = ("code", "country", "sector", "dictionary", "named")

#: Sector codes of people who hold no office of their state (former office holders).
NON_STATE_SECTORS = frozenset({"ELI"})

#: The sectors that act for a state: government, military, police, intelligence, judiciary and
#: legislature (an actor with no sector is the state as a whole). Citizens, rebels, parties,
#: businesses, media ... are of a country but do not act for its state.
STATE_SECTORS = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG")

#: The sector of an actor named ``Sector (Country)`` whose sector blocwatch cannot place.
UNKNOWN_SECTOR = "UNK"


@dataclass(frozen=True)
class CodeSpan:
    """A code and the dates (inclusive, either open) it applies between."""

    code: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    """One actor: the names it goes by (lower case, words separated by spaces) and its codes."""

    names: tuple[str, ...]
    codes: list[CodeSpan] = field(default_factory=list)
    comment: str = ""
    proper: bool = False  # a name only when each word is capitalised ("Islamic State", not "an Islamic state")


@dataclass(frozen=True)
class AgentEntry:
    """An agent noun phrase and the sector code it adds to an actor."""

    names: tuple[str, ...]
    code: str
    prefix: bool = False  # IGO~ (prefix) rather than ~GOV (suffix)


#: The dictionaries' code for a name that names no actor: it keeps a longer name from being read as a
#: shorter one inside it ("Indian Ocean" is not India), and a person's entry from coding them outside
#: the dates of an office.
NO_ACTOR = "---"


@dataclass(frozen=True)
class ActorRecord:
    """A named actor: its codes over time and where the entry comes from.

    >>> record = ActorRecord((CodeSpan("USAGOV", date(2021, 1, 20), date(2025, 1, 20)), CodeSpan("USAELI")), "test")
    >>> record.code_on(date(2024, 6, 1)), record.code_on(date(2025, 6, 1))
    ('USAGOV', 'USAELI')
    >>> envoy = ActorRecord((CodeSpan("IGOUNO", date(2000, 1, 1), date(2008, 8, 1)), CodeSpan(NO_ACTOR)), "test")
    >>> envoy.code_on(date(2005, 1, 1)), envoy.code_on(date(2024, 1, 1))
    ('IGOUNO', None)
    """

    codes: tuple[CodeSpan, ...]
    source: str

    def code_on(self, day: date | None) -> str | None:
        """The code that holds on ``day``: a dated code covering it, else an undated one; None when
        that code is :data:`NO_ACTOR` (the name then names no actor on that day)."""
        code = self._code_on(day)
        return None if code == NO_ACTOR else code

    def _code_on(self, day: date | None) -> str | None:
        dated = [c for c in self.codes if day is not None and (c.start or c.end) and c.covers(day)]
        if dated:
            return max(dated, key=lambda c: c.start or date.min).code
        undated = [c for c in self.codes if not (c.start or c.end)]
        if undated:
            return undated[0].code
        open_ended = [c for c in self.codes if c.end is None]
        return (open_ended or list(self.codes))[-1].code if self.codes else None


def split_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code's state (as ISO alpha-3, or None) and first sector code.

    Non-state actors (``IGO...``, ``NGO...``, ``REB...``) have no state; their first three
    letters are their sector.
    """
    head = code[:3]
    country = load_countries().by_cameo.get(head) or load_countries().by_iso3.get(head)
    if country is not None:
        return country.iso3, (code[3:6] or None)
    return None, head or None


def _entry(row: dict) -> ActorEntry:
    codes = [CodeSpan(c, date.fromisoformat(s) if s else None, date.fromisoformat(e) if e else None)
             for c, s, e in row["codes"]]
    return ActorEntry(tuple(row["names"]), codes, row.get("src", ""), bool(row.get("proper", False)))


def load_actor_entries() -> tuple[list[ActorEntry], list[AgentEntry], set[str]]:
    """The shipped actor and agent dictionaries: blocwatch's entries first, then Phoenix's.

    Returns the actors, the agents and the names Phoenix gives that blocwatch drops.
    """
    removed: set[str] = set()
    actors: list[ActorEntry] = []
    for name in ACTOR_FILES:
        for row in read_jsonl("coder", name):
            if "remove" in row:  # blocwatch's file drops names of the files after it
                removed.update(n.lower() for n in row["remove"])
            else:
                actors.append(_entry(row))
    agents = [AgentEntry(tuple(r["names"]), r["code"], r.get("prefix", False))
              for name in AGENT_FILES for r in read_jsonl("coder", name)]
    return actors, agents, removed


def dictionaries_digest() -> str:
    """The SHA-256 of the shipped dictionaries' bytes (:data:`ACTOR_FILES`, :data:`AGENT_FILES`,
    :data:`PEOPLES_FILE`).

    >>> len(dictionaries_digest())
    64
    """
    h = hashlib.sha256()
    for name in (*ACTOR_FILES, *AGENT_FILES, PEOPLES_FILE):
        data = read_bytes("coder", name)
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


_NOT_WORD = re.compile(r"[^a-z0-9]+")
_CODE_SHAPE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")


def name_key(name: str) -> str:
    """A name as dictionaries are looked up: lower case, accents and punctuation dropped.

    >>> name_key("Kim Jong-Un"), name_key("Abdullah Gül"), name_key("  Vladimir V. Putin ")
    ('kim jong un', 'abdullah gul', 'vladimir v putin')
    """
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text).strip()


def _trailing_group(name: str) -> tuple[str, str] | None:
    """``"Member of Legislative (Govt) (South Korea)"`` -> ``("Member of Legislative (Govt)", "South Korea")``:
    the last top-level parenthesised group, nested parentheses kept."""
    text = name.rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                head = text[:i].strip()
                return (head, text[i + 1:-1].strip()) if head else None
    return None


@dataclass(frozen=True)
class Resolved:
    """What an actor name stands for on a day: its code (or None), state, sector and the route."""

    code: str | None
    country: str | None
    sector: str | None
    route: str


class ActorNames:
    """Resolves the actor names of datasets to states on a day (see the module docstring).

    Parameters
    ----------
    records : dict
        :func:`name_key` of a name -> its :class:`ActorRecord` (the first entry with the name wins).
    sectors : dict
        Lower-case sector name -> CAMEO sector code (``data/icews_sectors.csv``).
    suffixes : sequence of (str, str)
        Sector name endings ("ministry") and their codes, tried in order when no name matches.
    """

    def __init__(self, records: dict[str, ActorRecord], sectors: dict[str, str],
                 suffixes: Sequence[tuple[str, str]] = (), agents: dict[str, str] | None = None) -> None:
        self.records = records
        self.sectors = sectors
        self.suffixes = tuple(suffixes)
        self.agents = agents or {}
        countries = load_countries()
        self._countries = {name_key(n): c.iso3 for n, c in countries.by_name.items()}
        self._cache: dict[str, tuple[str, object]] = {}

    @classmethod
    @functools.cache
    def load(cls) -> ActorNames:
        """The shipped dictionaries, built once per process."""
        actors, agent_entries, removed = load_actor_entries()
        agents: dict[str, str] = {}
        for agent in agent_entries:
            for name in agent.names:
                agents.setdefault(name_key(name), agent.code.strip("~"))
        records: dict[str, ActorRecord] = {}
        for entry in actors:
            record = ActorRecord(tuple(entry.codes), entry.comment)
            for name in entry.names:
                if name in removed:
                    continue
                records.setdefault(name_key(name), record)
        sectors = {}
        suffixes = []
        for r in sorted(read_csv("icews_sectors.csv"), key=lambda r: int(r["rank"])):
            if r["match"] == "exact":
                sectors.setdefault(r["sector"].lower(), r["cameo"])
            else:
                suffixes.append((r["sector"].lower(), r["cameo"]))
        return cls(records, sectors, suffixes, agents)

    def _country(self, text: str) -> str | None:
        key = name_key(text)
        iso3 = self._countries.get(key)
        if iso3 is None and "," in text:  # "Korea, North", "Palestinian Territory, Occupied"
            head, _, tail = text.rpartition(",")
            iso3 = self._countries.get(name_key(f"{tail} {head}"))
        return iso3

    def _sector(self, text: str) -> str:
        """The CAMEO sector of a sector's name: ICEWS's sector names, then the agent dictionaries
        (the whole name, then its words in order), else :data:`UNKNOWN_SECTOR`."""
        low = text.strip().lower()
        if low in self.sectors:
            return self.sectors[low]
        code = next((code for suffix, code in self.suffixes if low.endswith(suffix)), None)
        if code is None:
            key = name_key(text)
            code = self.agents.get(key) or next((self.agents[w] for w in key.split() if w in self.agents), None)
        return code[:3] if code else UNKNOWN_SECTOR

    def _record(self, text: str) -> ActorRecord | None:
        """The dictionary entry of a name; a person's name with middle names or initials ("Dmitry
        Anatolyevich Medvedev", "Henry M. Paulson") also matches the entry of first and last name."""
        key = name_key(text)
        record = self.records.get(key)
        words = key.split()
        if record is None and len(words) >= 3:
            record = self.records.get(f"{words[0]} {words[-1]}")
        return record

    def _kind(self, name: str) -> tuple[str, object]:
        """How ``name`` resolves, independent of the day (cached)."""
        hit = self._cache.get(name)
        if hit is not None:
            return hit
        text = name.strip()
        out: tuple[str, object]
        if _CODE_SHAPE.match(text) and split_code(text)[0] is not None:
            out = ("code", split_code(text))
        elif _CODE_SHAPE.match(text) and len(text) in (3, 6) and text[:3] in {"IGO", "NGO", "REB", "INS", "MNC"}:
            out = ("code", (None, text[:3]))
        elif (iso3 := self._country(text)) is not None:
            out = ("country", (iso3, None))
        elif (group := _trailing_group(text)) is not None and (iso3 := self._country(group[1])) is not None:
            out = ("sector", (iso3, self._sector(group[0])))
        elif (record := self._record(text)) is not None:
            out = ("dictionary", record)
        else:
            out = ("named", None)
        self._cache[name] = out
        return out

    def resolve(self, name: str | None, day: date | None) -> Resolved:
        """What ``name`` stands for on ``day``.

        Examples
        --------
        >>> names = ActorNames.load()
        >>> names.resolve("Government (Georgia)", date(2008, 8, 8))
        Resolved(code='GEOGOV', country='GEO', sector='GOV', route='sector')
        >>> names.resolve("Citizen (Russia)", date(2008, 8, 8)).country, names.resolve("Taliban", None).route
        ('RUS', 'dictionary')
        >>> names.resolve("Fishermen's Union of Somewhere", None)
        Resolved(code=None, country=None, sector=None, route='named')
        """
        if not name or not name.strip():
            return Resolved(None, None, None, "named")
        route, value = self._kind(name)
        if route == "dictionary":
            assert isinstance(value, ActorRecord)
            code = value.code_on(day)
            country, sector = split_code(code) if code else (None, None)
            if sector in NON_STATE_SECTORS:
                country = None
            return Resolved(code, country, sector, route)
        if route == "named":
            return Resolved(None, None, None, route)
        country, sector = value  # type: ignore[misc]
        if route == "code":
            return Resolved(name.strip(), country, sector, route)
        code = (country or "") + (sector or "") if country else None
        return Resolved(code or None, country, sector, route)
