"""Actors in text: dictionary lookup of names, agents and their codes on a given day.

The actor dictionary maps names to CAMEO actor codes that hold over a period: "Pyongyang"
and "North Korean" are ``PRK``, "the Kremlin" is ``RUSGOV``, "Joe Biden" is ``USAGOV`` from
2021-01-20 to 2025-01-20 and ``USAELI`` otherwise. Agents ("army", "foreign ministry",
"protesters") add a sector to a country: "South Korea's military" is ``KORMIL``.

Names are matched without regard to case, except that a proper name must be capitalised in
the text ("Turkey", not "turkey") and short acronyms must be in capitals ("US", not "us").

Examples
--------
>>> entry = ActorEntry(("joe biden", "biden"), [CodeSpan("USAGOV", date(2021, 1, 20), date(2025, 1, 20)),
...                                               CodeSpan("USAELI")])
>>> record = ActorRecord(tuple(entry.codes), "test")
>>> record.code_on(date(2024, 6, 1)), record.code_on(date(2025, 6, 1))
('USAGOV', 'USAELI')
>>> split_code("KORMIL"), split_code("IGOUNO"), split_code("ROMGOV")
(('KOR', 'MIL'), (None, 'IGO'), ('ROU', 'GOV'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from blocwatch.coder.petrarch import ActorEntry, AgentEntry, CodeSpan
from blocwatch.countries import load_countries
from blocwatch.data import read_jsonl

__all__ = ["ActorDictionary", "ActorRecord", "AgentRecord", "Mention", "load_actor_entries", "split_code"]

# NER labels whose spans are names of something other than an actor: "the Washington Post"
# is a newspaper, not the United States.
_MEDIA_WORDS = {"post", "times", "news", "agency", "journal", "herald", "daily", "tribune", "television",
                "radio", "press", "broadcasting", "gazette", "review", "magazine", "online", "telegraph"}
_PUNCT = re.compile(r"[.'’-]")
_VETO_LABELS = {"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"}


def split_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code's state (as ISO alpha-3, or None) and first sector code.

    Non-state actors (``IGO...``, ``NGO...``, ``REB...``) have no state; their first three
    letters are their sector.
    """
    head = code[:3]
    country = load_countries().by_cameo.get(head)
    if country is not None:
        return country.iso3, (code[3:6] or None)
    return None, head or None


@dataclass(frozen=True)
class ActorRecord:
    """A named actor: its codes over time and where the entry comes from."""

    codes: tuple[CodeSpan, ...]
    source: str

    def code_on(self, day: date | None) -> str | None:
        """The code that holds on ``day``: a dated code covering it, else an undated one."""
        dated = [c for c in self.codes if day is not None and (c.start or c.end) and c.covers(day)]
        if dated:
            return max(dated, key=lambda c: c.start or date.min).code
        undated = [c for c in self.codes if not (c.start or c.end)]
        if undated:
            return undated[0].code
        open_ended = [c for c in self.codes if c.end is None]
        return (open_ended or list(self.codes))[-1].code if self.codes else None


@dataclass(frozen=True)
class AgentRecord:
    """An agent noun and the sector code it stands for."""

    code: str
    prefix: bool = False


@dataclass(frozen=True)
class Mention:
    """An actor or agent found in a document: token span and record."""

    start: int
    end: int
    record: ActorRecord | AgentRecord
    text: str

    @property
    def is_agent(self) -> bool:
        return isinstance(self.record, AgentRecord)


def _entry(row: dict) -> ActorEntry:
    codes = [CodeSpan(c, date.fromisoformat(s) if s else None, date.fromisoformat(e) if e else None)
             for c, s, e in row["codes"]]
    return ActorEntry(tuple(row["names"]), codes, row.get("src", ""))


def load_actor_entries() -> tuple[list[ActorEntry], list[AgentEntry], set[str]]:
    """The shipped actor and agent dictionaries: blocwatch's entries first, then Phoenix's.

    Returns the actors, the agents and the names Phoenix gives that blocwatch drops.
    """
    removed: set[str] = set()
    actors: list[ActorEntry] = []
    for row in read_jsonl("coder", "actors_blocwatch.jsonl"):
        if "remove" in row:
            removed.update(n.lower() for n in row["remove"])
        else:
            actors.append(_entry(row))
    actors.extend(_entry(row) for row in read_jsonl("coder", "actors_phoenix.jsonl"))
    agents = [AgentEntry(tuple(r["names"]), r["code"], r.get("prefix", False))
              for r in read_jsonl("coder", "agents_blocwatch.jsonl") + read_jsonl("coder", "agents_phoenix.jsonl")]
    return actors, agents, removed


def _plurals(name: str) -> list[str]:
    """A name and its plural; Phoenix's truncated stem "minist" becomes minister(s)/ministry(-ies)."""
    words = name.split(" ")
    last = words[-1]
    if last == "minist":
        return [" ".join(words[:-1] + [f]) for f in ("minister", "ministers", "ministry", "ministries")]
    if not last.isalpha():
        return [name]
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "x", "ch", "sh")):
        forms = [last + "es"]
    elif last.endswith("man"):
        forms = [last[:-3] + "men"]
    else:
        forms = [last + "s"]
    return [name] + [" ".join(words[:-1] + [f]) for f in forms]


def _demonym_plural(name: str) -> list[str]:
    """The plural of a people's name: "south koreans", "israelis" (the dictionaries give the singular).

    >>> _demonym_plural("south korean"), _demonym_plural("iraqi"), _demonym_plural("japanese")
    (['south koreans'], ['iraqis'], [])
    """
    last = name.rsplit(" ", 1)[-1]
    return [name + "s"] if last.isalpha() and len(last) > 3 and last.endswith(("an", "i")) else []


class ActorDictionary:
    """Finds actor and agent mentions in parsed documents.

    Parameters
    ----------
    nlp : spacy.language.Language
        The pipeline whose tokenizer splits names the way it splits text.
    actors, agents : iterables of ActorEntry and AgentEntry
        Earlier entries win when two give the same name.
    removed : set of str
        Names to ignore.
    """

    def __init__(self, nlp: Language, actors: Iterable[ActorEntry], agents: Iterable[AgentEntry],
                 removed: Iterable[str] = ()) -> None:
        self.records: list[ActorRecord | AgentRecord] = []
        skip = set(removed)
        names: dict[str, int] = {}
        for entry in actors:
            record = ActorRecord(tuple(entry.codes), entry.comment)
            key = len(self.records)
            self.records.append(record)
            for n in entry.names:
                for form in (n, *_demonym_plural(n)):
                    if form not in skip:
                        names.setdefault(form, key)
        agent_names: dict[str, int] = {}
        for agent in agents:
            key = len(self.records)
            self.records.append(AgentRecord(agent.code, agent.prefix))
            for n in agent.names:
                for form in _plurals(n):
                    if form not in skip:
                        agent_names.setdefault(form, key)
        self._actor_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._agent_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._short: set[str] = set()
        strings = nlp.vocab.strings
        for matcher, table in ((self._actor_matcher, names), (self._agent_matcher, agent_names)):
            # The tokenizer splits "u.s." and "U.S." differently, so names with punctuation are
            # tokenised as they would be written (capitals, title case) as well as in lower case.
            keys = list(table)
            variants = [(n, v) for n in keys for v in ([n] if not _PUNCT.search(n) else
                                                       dict.fromkeys([n, n.upper(), n.title()]))]
            docs = nlp.tokenizer.pipe([v for _, v in variants], batch_size=2000)
            for (name, _), doc in zip(variants, docs, strict=True):
                matcher.add(str(table[name]), [doc])
                if matcher is self._actor_matcher and len(doc) == 1 and len(name.replace(".", "")) <= 3:
                    self._short.add(name)
        self._strings = strings

    @classmethod
    def load(cls, nlp: Language, extra_actors: Sequence[ActorEntry] = (),
             extra_agents: Sequence[AgentEntry] = (), shipped: bool = True) -> ActorDictionary:
        """The shipped dictionaries, after ``extra_*`` entries (which win on shared names)."""
        actors, agents, removed = load_actor_entries() if shipped else ([], [], set())
        return cls(nlp, [*extra_actors, *actors], [*extra_agents, *agents], removed)

    def _case_ok(self, span: Span) -> bool:
        text = span.text
        if text.lower() in self._short or text.lower().replace(".", "") in self._short:
            return text.replace(".", "").isupper()
        return any(ch.isupper() for ch in text)

    @staticmethod
    def _vetoed(span: Span, entity_at: dict[int, Span]) -> bool:
        """Whether the span lies inside a longer entity that is not an actor ("the Korean War")."""
        ent = entity_at.get(span.start)
        if ent is None or span.end > ent.end or (ent.start, ent.end) == (span.start, span.end):
            return False
        return ent.label_ in _VETO_LABELS or (ent.label_ == "ORG" and ent[-1].lower_ in _MEDIA_WORDS)

    def find(self, doc: Doc) -> list[Mention]:
        """Actor and agent mentions in ``doc``, longest first, without overlaps."""
        found: list[Mention] = []
        entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}  # doc.ents is rebuilt per access
        for matcher, is_actor in ((self._actor_matcher, True), (self._agent_matcher, False)):
            for key, start, end in matcher(doc):
                span = doc[start:end]
                if is_actor and (not self._case_ok(span) or self._vetoed(span, entity_at)):
                    continue
                record = self.records[int(self._strings[key])]
                found.append(Mention(start, end, record, span.text))
        found.sort(key=lambda m: (-(m.end - m.start), m.is_agent, m.start))
        taken: set[int] = set()
        out: list[Mention] = []
        for m in found:
            if taken.isdisjoint(range(m.start, m.end)):
                out.append(m)
                taken.update(range(m.start, m.end))
        return sorted(out, key=lambda m: m.start)
