"""Actors in text: dictionary lookup of names, agents and their codes on a given day.

The actor dictionary maps names to CAMEO actor codes that hold over a period: "Pyongyang"
and "North Korean" are ``PRK``, "the Kremlin" is ``RUSGOV``, "Joe Biden" is ``USAGOV`` from
2021-01-20 to 2025-01-20 and ``USAELI`` otherwise. Agents ("army", "foreign ministry",
"protesters") add a sector to a country: "South Korea's military" is ``KORMIL``.

Names are matched without regard to case, except that a proper name must be capitalised in
the text ("Turkey", not "turkey") and short acronyms must be in capitals ("US", not "us").

The dictionary entries, their codes over time and :func:`~blocwatch.actors.split_code` are in
:mod:`blocwatch.actors`, which importers use without spaCy.

Building the dictionary means tokenizing some 50,000 names with the model's tokenizer (seconds);
the shipped dictionary is built once and kept in the user's cache (:mod:`blocwatch.coder.actors_cache`
reads and writes it), so that a process starts in a fraction of that.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from blocwatch.actors import PEOPLES_FILE, ActorEntry, ActorRecord, AgentEntry, load_actor_entries
from blocwatch.data import read_json

if TYPE_CHECKING:
    from spacy.vocab import Vocab

__all__ = ["ActorDictionary", "AgentRecord", "CompiledDictionary", "Mention", "Pattern", "compile_dictionary"]

# NER labels whose spans are names of something other than an actor: "the Washington Post"
# is a newspaper, not the United States.
_MEDIA_WORDS = {"post", "times", "news", "agency", "journal", "herald", "daily", "tribune", "television",
                "radio", "press", "broadcasting", "gazette", "review", "magazine", "online", "telegraph"}
_PUNCT = re.compile(r"[.'’-]")


def _media_name(ent: Span) -> bool:
    """Whether an organisation's name is a news medium's ("the Korea Herald", "Yonhap News
    Agency"): an "agency" only as a news or press agency ("the U.N. Refugee Agency" is the UN's)."""
    last = ent[-1].lower_
    if last == "agency":
        return len(ent) > 1 and ent[-2].lower_ in ("news", "press")
    return last in _MEDIA_WORDS
_VETO_LABELS = {"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"}


@dataclass(frozen=True)
class AgentRecord:
    """An agent noun and the sector code it stands for."""

    code: str
    prefix: bool = False


@dataclass(frozen=True)
class Mention:
    """An actor or agent found in a document: token span and record (``person``: a person's
    surname the document named in full before, which the parser may not tag as a name)."""

    start: int
    end: int
    record: ActorRecord | AgentRecord
    text: str
    person: bool = False

    @property
    def is_agent(self) -> bool:
        return isinstance(self.record, AgentRecord)


def _in_capitals(span: Span) -> bool:
    """Whether a span stands in a run of three or more words in capitals ("THIS IS A TEST", a
    headline), where a short name in capitals ("IS", "US") may be a common word; two acronyms side
    by side ("the US FBI", "UN OCHA") are names."""
    doc = span.doc

    def capital(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].is_upper

    before = after = 0
    while capital(span.start - 1 - before):
        before += 1
    while capital(span.end + after):
        after += 1
    return before + after + len(span) >= 3


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


@functools.cache
def _peoples() -> frozenset[str]:
    return frozenset(read_json("coder", PEOPLES_FILE)["singular"])


def _people_plural(m: Mention) -> bool:
    """Whether a mention is the plural of a name of ``data/coder/peoples.json`` ("Turks"), which
    after "ethnic" or another state's adjective names a people, not a state: "ethnic Turks in
    Bulgaria", "Bosnian Croats"."""
    text = m.text.lower()
    return m.end - m.start == 1 and text.endswith("s") and text[:-1] in _peoples()


def _demonym_plural(name: str) -> list[str]:
    """The plural of a people's name: "south koreans", "israelis", "turks" (the dictionaries give
    the singular; names in -an and -i by rule, others from ``data/coder/peoples.json``).

    >>> _demonym_plural("south korean"), _demonym_plural("iraqi"), _demonym_plural("turk"), _demonym_plural("japanese")
    (['south koreans'], ['iraqis'], ['turks'], [])
    """
    last = name.rsplit(" ", 1)[-1]
    if name in _peoples():
        return [name + "s"]
    return [name + "s"] if last.isalpha() and len(last) > 3 and last.endswith(("an", "i")) else []


#: A phrase pattern: the LOWER ids of a name's tokens (as spaCy's tokenizer splits it) and the
#: index of its record.
Pattern = tuple[tuple[int, ...], int]

#: Finds phrases in a document: (record index, start, end) of each, by start and then by end.
Finder = Callable[[Doc, Sequence[int]], Iterable[tuple[int, int, int]]]


@dataclass
class CompiledDictionary:
    """What an :class:`ActorDictionary` is made of, in a form that can be kept: its records, the
    patterns of its actor matcher and of its agent matcher (in the order they are added), the
    short names that must be written in capitals ("US", not "us"), and the names that are names
    only with each word capitalised ("Islamic State", not "an Islamic state")."""

    records: Sequence[ActorRecord | AgentRecord]
    actor_patterns: list[Pattern]
    agent_patterns: list[Pattern]
    short: set[str]
    proper: set[str] = field(default_factory=set)


def compile_dictionary(nlp: Language, actors: Iterable[ActorEntry], agents: Iterable[AgentEntry],
                       removed: Iterable[str] = ()) -> CompiledDictionary:
    """The records and phrase patterns of these entries (see :class:`ActorDictionary`)."""
    records: list[ActorRecord | AgentRecord] = []
    skip = set(removed)
    names: dict[str, int] = {}
    actors_list = list(actors)
    for entry in actors_list:
        key = len(records)
        records.append(ActorRecord(tuple(entry.codes), entry.comment))
        for n in entry.names:
            for form in (n, *_demonym_plural(n)):
                if form not in skip:
                    names.setdefault(form, key)
    agent_names: dict[str, int] = {}
    for agent in agents:
        key = len(records)
        records.append(AgentRecord(agent.code, agent.prefix))
        for n in agent.names:
            for form in _plurals(n):
                if form not in skip:
                    agent_names.setdefault(form, key)
    compiled = CompiledDictionary(records, [], [], set(), {n for entry in actors_list if entry.proper
                                                          for n in entry.names if n not in skip})
    for patterns, table in ((compiled.actor_patterns, names), (compiled.agent_patterns, agent_names)):
        # The tokenizer splits "u.s." and "U.S." differently, so names with punctuation are
        # tokenised as they would be written (capitals, title case) as well as in lower case.
        variants = [(n, v) for n in table for v in ([n] if not _PUNCT.search(n) else
                                                    dict.fromkeys([n, n.upper(), n.title()]))]
        docs = nlp.tokenizer.pipe([v for _, v in variants], batch_size=2000)
        for (name, _), doc in zip(variants, docs, strict=True):
            if len(doc):
                patterns.append((tuple(token.lower for token in doc), table[name]))
            if patterns is compiled.actor_patterns and len(doc) == 1 and len(name.replace(".", "")) <= 3:
                compiled.short.add(name)
    return compiled


class _Phrases:
    """Token sequences that each stand for one record, found as spaCy's ``PhraseMatcher`` finds them
    (every occurrence, by start and then by end), from dictionaries of the sequences and of their
    beginnings: built in less than half the time the matcher takes to add them."""

    def __init__(self, owner: dict[tuple[int, ...], int]) -> None:
        self._owner = owner
        self._begins = {tokens[:n] for tokens in owner for n in range(2, len(tokens))}
        # one-token names and the first tokens of longer ones, looked up without making tuples
        self._single = {tokens[0]: record for tokens, record in owner.items() if len(tokens) == 1}
        self._longer = {tokens[0] for tokens in owner if len(tokens) > 1}
        self._firsts = self._single.keys() | self._longer

    def __call__(self, doc: Doc, lowers: Sequence[int]) -> list[tuple[int, int, int]]:
        owner, begins, single, longer, firsts = self._owner, self._begins, self._single, self._longer, self._firsts
        size, found = len(lowers), []
        for start, first in enumerate(lowers):
            if first not in firsts:  # most tokens begin no name
                continue
            record = single.get(first)
            if record is not None:
                found.append((record, start, start + 1))
            if first not in longer:
                continue
            for end in range(start + 2, size + 1):
                tokens = tuple(lowers[start:end])
                record = owner.get(tokens)
                if record is not None:
                    found.append((record, start, end))
                if tokens not in begins:
                    break
        return found


def _finder(vocab: Vocab, patterns: Sequence[Pattern]) -> Finder:
    """What finds ``patterns`` in a document, on lower-case tokens.

    When every token sequence stands for one record (as in the shipped dictionaries), a match's
    record is that of its tokens (:class:`_Phrases`). Otherwise each record is a rule of a spaCy
    ``PhraseMatcher``, which reports every record a span stands for, in its own order.
    """
    owner: dict[tuple[int, ...], int] = {}
    if all(owner.setdefault(tokens, record) == record for tokens, record in patterns):
        return _Phrases(owner)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for tokens, record in patterns:
        matcher.add(str(record), [tokens])
    strings = vocab.strings
    return lambda doc, lowers: ((int(strings[key]), start, end) for key, start, end in matcher(doc))


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
        self._install(nlp, compile_dictionary(nlp, actors, agents, removed))

    def _install(self, nlp: Language, compiled: CompiledDictionary) -> None:
        self.records = compiled.records
        self._short = compiled.short
        self._proper = compiled.proper
        self._finders = [(_finder(nlp.vocab, compiled.actor_patterns), True),
                         (_finder(nlp.vocab, compiled.agent_patterns), False)]

    @classmethod
    def from_compiled(cls, nlp: Language, compiled: CompiledDictionary) -> ActorDictionary:
        """The dictionary of ``compiled`` (from :func:`compile_dictionary` with the same ``nlp``)."""
        dictionary = cls.__new__(cls)
        dictionary._install(nlp, compiled)
        return dictionary

    @classmethod
    def load(cls, nlp: Language, extra_actors: Sequence[ActorEntry] = (),
             extra_agents: Sequence[AgentEntry] = (), shipped: bool = True) -> ActorDictionary:
        """The shipped dictionaries, after ``extra_*`` entries (which win on shared names).

        The shipped dictionaries alone are read from the user's cache when they were built there
        for the same data, model and versions (:func:`blocwatch.coder.actors_cache.load_shipped`)."""
        if shipped and not extra_actors and not extra_agents:
            from blocwatch.coder.actors_cache import load_shipped

            return cls.from_compiled(nlp, load_shipped(nlp))
        actors, agents, removed = load_actor_entries() if shipped else ([], [], set())
        return cls(nlp, [*extra_actors, *actors], [*extra_agents, *agents], removed)

    def _case_ok(self, span: Span) -> bool:
        text = span.text
        if text.lower() in self._short or text.lower().replace(".", "") in self._short:
            return text.replace(".", "").isupper() and not _in_capitals(span)
        if self._proper and " ".join(t.lower_ for t in span) in self._proper:
            return all(t.text[:1].isupper() for t in span if t.text[:1].isalpha())
        return any(ch.isupper() for ch in text)

    @staticmethod
    def _vetoed(span: Span, entity_at: dict[int, Span]) -> bool:
        """Whether the span lies inside a longer entity that is not an actor ("the Korean War"). A
        demonym the parser tags as an adjective is never part of a person's name: "Bosnian Serbs",
        "Iraqi Kurds", which the recogniser may take for a PERSON, are people of a state."""
        ent = entity_at.get(span.start)
        if ent is None or span.end > ent.end or (ent.start, ent.end) == (span.start, span.end):
            return False
        if ent.label_ == "PERSON" and len(span) == 1 and span[0].tag_ == "JJ":
            return False
        return ent.label_ in _VETO_LABELS or (ent.label_ == "ORG" and _media_name(ent))

    def find(self, doc: Doc) -> list[Mention]:
        """Actor and agent mentions in ``doc``, longest first, without overlaps."""
        found: list[Mention] = []
        entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}  # doc.ents is rebuilt per access
        lowers = doc.to_array(LOWER).tolist()  # each token's LOWER id, as the patterns hold them
        for find, is_actor in self._finders:
            for index, start, end in find(doc, lowers):
                span = doc[start:end]
                if is_actor and (not self._case_ok(span) or self._vetoed(span, entity_at)):
                    continue
                found.append(Mention(start, end, self.records[index], span.text))
        found.sort(key=lambda m: (-(m.end - m.start), m.is_agent, m.start))
        taken: set[int] = set()
        out: list[Mention] = []
        for m in found:
            if taken.isdisjoint(range(m.start, m.end)):
                out.append(m)
                taken.update(range(m.start, m.end))
        out.sort(key=lambda m: m.start)
        ends = {m.end for m in out if isinstance(m.record, ActorRecord)}
        return [m for m in out if not (_people_plural(m) and m.start > 0 and (
            doc[m.start - 1].lower_ == "ethnic" or m.start in ends))]
