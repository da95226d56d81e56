"""Actors in text: dictionary lookup of names, agents and their codes on a given day.

The actor dictionary maps names to CAMEO actor codes that hold over a period: "Pyongyang"
and "North Korean" are ``PRK``, "the Kremlin" is ``RUSGOV``, "Joe Biden" is ``USAGOV`` from
2021-01-20 to 2025-01-20 and ``USAELI`` otherwise. Agents ("army", "foreign ministry",
"protesters") add a sector to a country: "South Korea's military" is ``KORMIL``.

Names are matched without regard to case, except that a proper name must be capitalised in
the text ("Turkey", not "turkey") and short acronyms must be in capitals ("US", not "us").

The dictionary entries, their codes over time and :func:`~blocwatch.actors.split_code` are in
:mod:`blocwatch.actors`, which importers use without spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from blocwatch.actors import ActorEntry, ActorRecord, AgentEntry, load_actor_entries

__all__ = ["ActorDictionary", "AgentRecord", "Mention"]

# NER labels whose spans are names of something other than an actor: "the Washington Post"
# is a newspaper, not the United States.
_MEDIA_WORDS = {"post", "times", "news", "agency", "journal", "herald", "daily", "tribune", "television",
                "radio", "press", "broadcasting", "gazette", "review", "magazine", "online", "telegraph"}
_PUNCT = re.compile(r"[.'’-]")
_VETO_LABELS = {"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"}


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
