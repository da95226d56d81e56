"""What a document has said so far, and the words that refer back to it.

News names an actor once and then refers to it: "the North" once Korea is in play, "the two
countries" for the last two states named, "Kim" for Kim Jong Un, "its forces" for the state
speaking, "condemned the launch" for the launch reported two sentences earlier. A
:class:`DocumentContext` follows a document sentence by sentence; the functions here add the
mentions and targets those references stand for.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from blocwatch.actors import ActorRecord, CodeSpan, split_code
from blocwatch.coder import syntax
from blocwatch.coder.actors import Mention
from blocwatch.coder.events import Actor
from blocwatch.coder.modality import REPORTING_VERBS
from blocwatch.coder.vocabulary import WordEntry

__all__ = ["ANY_ACT", "DEFINITE", "GROUP_WORDS", "HISTORY", "SAID", "DocumentContext", "Group", "ellipsis",
           "possessives", "referred"]

DEFINITE = {"the", "this", "these", "that", "those", "its", "their"}


#: Nouns that can refer to any earlier act: "criticised the decision".
ANY_ACT = {"decision", "move", "step", "action", "act", "announcement", "disclosure", "provocation",
           "incident", "measure", "plan", "campaign"}

#: Nouns of what was said, by the CAMEO root of the saying they refer to: "rejected the
#: allegation" answers the accuser, "welcomed the offer" the one who offered.
SAID = {"allegation": "11", "accusation": "11", "charge": "11", "criticism": "11", "demand": "10",
        "request": "02", "appeal": "02", "plea": "02", "threat": "13", "warning": "13", "ultimatum": "13",
        "offer": "03", "proposal": "03", "pledge": "03", "promise": "03"}


GROUP_WORDS = {"countries", "nations", "sides", "leaders", "governments", "states", "neighbours", "neighbors",
               "allies", "parties", "capitals", "koreas"}


#: How many earlier events a reference such as "the launch" may reach back over.
HISTORY = 50


@dataclass(frozen=True)
class Group:
    """A stand-in for several actors: "the two countries", "both sides"."""

    records: tuple[ActorRecord, ...]


class DocumentContext:
    """What a document has mentioned so far, for "the North" and "the two countries"."""

    def __init__(self) -> None:
        self.countries: list[str] = []  # CAMEO codes of states, in order of mention
        self.mentions: Counter[str] = Counter()  # mentions of each state so far
        self.records: dict[str, ActorRecord] = {}
        self.korea = False
        self.surnames: dict[str, ActorRecord | None] = {}  # "Kim" -> Kim Jong Un; None if ambiguous
        self.acronyms: dict[str, ActorRecord] = {}  # "HNP" -> the Haitian National Police
        # (trigger lemma, CAMEO root, sources) of the latest events, for "condemned the launch"
        self.history: deque[tuple[str, str, list[Actor]]] = deque(maxlen=HISTORY)

    def note_person(self, span: Span, record: ActorRecord) -> None:
        """Remember the parts of a person's name, for a later "Kim" or "Putin"."""
        if len(span) < 2 or not all(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span):
            return
        for tok in span:
            if len(tok.text) > 2 and tok.text[0].isupper():
                known = self.surnames.get(tok.text, record)
                self.surnames[tok.text] = record if known is record else None

    def note_acronym(self, acronym: str, code: str) -> None:
        """Remember an acronym the text defined for an actor ("the Haitian National Police (HNP)"),
        for a later "the HNP"; a second definition of the same letters replaces the first."""
        self.acronyms[acronym] = ActorRecord((CodeSpan(code),), "context")

    def state(self, code: str | None) -> ActorRecord | None:
        """The context record of a state by its CAMEO code."""
        return self.records.get(code[:3]) if code else None

    def note(self, record: ActorRecord, day: date | None) -> None:
        code = record.code_on(day)
        if not code:
            return
        country, _ = split_code(code)
        if country in ("PRK", "KOR"):
            self.korea = True
        if country and len(code) >= 3:
            base = code[:3]
            self.mentions[base] += 1
            if base in self.countries:
                self.countries.remove(base)
            self.countries.append(base)
            self.records.setdefault(base, ActorRecord((CodeSpan(base),), "context"))

    def focal(self) -> str | None:
        """The state the document is about so far: the one named in more than half of its
        mentions of states ("the government", "authorities", "the military" are then its own)."""
        if not self.mentions:
            return None
        code, n = self.mentions.most_common(1)[0]
        return code if 2 * n > sum(self.mentions.values()) else None

    def last_two(self) -> tuple[ActorRecord, ...]:
        return tuple(self.records[c] for c in self.countries[-2:]) if len(self.countries) >= 2 else ()


def referred(anchor: Token, sources: Sequence[Actor], context: DocumentContext,
             nouns: Mapping[str, WordEntry]) -> list[Actor]:
    """The doers of an earlier event the candidate's object refers to: "condemned [the launch]".

    The object must be definite ("the", "this", "its") and name an event: the same word as an
    earlier event's trigger, an event noun of the vocabulary (matched by CAMEO root), or a
    word for any act ("the decision", "the move"). The latest such event wins.
    """
    objects = [c for c in anchor.children if c.dep_ == "dobj"] + [
        p for c in anchor.children if c.dep_ == "prep" and c.lower_ in syntax.TARGET_PREPS
        for p in c.children if p.dep_ == "pobj"]
    own = {a.code[:3] for a in sources}
    for obj in objects:
        if not any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in obj.children):
            continue  # "the launch", "its decision", "Mhlanga's arrest": one the reader knows
        lemma = obj.lemma_.lower()
        entry = nouns.get(lemma)
        roots = set()
        if entry is not None:
            roots = {c[:2] for c in [entry.default, *(p.code for p in entry.patterns)] if c}
        if lemma in SAID:
            roots.add(SAID[lemma])
        for earlier_lemma, earlier_root, sources in reversed(context.history):
            if earlier_lemma == lemma or earlier_root in roots or lemma in ANY_ACT:
                doers = [a for a in sources if a.code[:3] not in own]
                if doers:
                    return doers
                break
    return []


def possessives(sent: Span, mentions: list[Mention], context: DocumentContext,
                day: date | None) -> list[Mention]:
    """ "its forces", "their troops", "his forces": the state the pronoun stands for, when an
    agent follows.

    In reported speech the speaker is meant ("Ukraine said its forces ..."); otherwise the
    subject of the sentence, or else the state mentioned last. "His" and "her" stand for a person:
    the state named in the phrase of the subject who speaks or acts ("the Afghan army chief said
    his forces ..."), and no state otherwise (the person may be anyone's).
    """
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    extra: list[Mention] = []
    for tok in sent:
        if tok.dep_ != "poss" or tok.lower_ not in ("its", "their", "his", "her") or tok.i in by_token:
            continue
        head = by_token.get(tok.head.i)
        if head is None or not head.is_agent:
            continue
        if tok.lower_ in ("his", "her"):
            owner = _speaker_state(tok, by_token, context, day)
        else:
            owner = None
            node = tok.head
            while node.head.i != node.i and owner is None:
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    # the verb's doer, that of a controlled infinitive too ("called on France to withdraw
                    # its troops": France's)
                    doers = syntax.subjects(node) if node.dep_ == "xcomp" else [
                        c for c in node.children if c.dep_ in syntax.SUBJECT_DEPS]
                    for subj in (c for c in doers if c.i in by_token):
                        rec = by_token[subj.i].record
                        if isinstance(rec, ActorRecord) and split_code(rec.code_on(day) or "")[0]:
                            owner = context.state(rec.code_on(day))
            if owner is None and context.countries:
                owner = context.records[context.countries[-1]]
        if owner is not None:
            extra.append(Mention(tok.i, tok.i + 1, owner, tok.text))
    return sorted(mentions + extra, key=lambda m: m.start)


def _speaker_state(tok: Token, by_token: dict[int, Mention], context: DocumentContext,
                   day: date | None) -> ActorRecord | None:
    """The state of the person "his" or "her" stands for in reported speech: the state named in
    the phrase of the subject of the reporting verb whose complement holds the pronoun ("the Afghan
    army chief said his forces ..."), when that verb addresses no one else."""
    node = tok.head
    while node.dep_ != "ccomp" and node.head.i != node.i and node.dep_ in _IN_CLAUSE:
        node = node.head  # up to the head of the complement clause
    verb = node.head
    if node.dep_ != "ccomp" or verb.lemma_.lower() not in REPORTING_VERBS or any(
            c.dep_ in ("dobj", "dative") for c in verb.children):
        return None  # not reported speech, or told to someone who may be meant
    for subj in (c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS):
        for t in syntax.phrase(subj):  # its own words, no clause on it ("X, whose forces ..., said")
            rec = by_token[t.i].record if t.i in by_token else None
            if isinstance(rec, ActorRecord) and split_code(rec.code_on(day) or "")[0]:
                return context.state(rec.code_on(day))
    return None


#: How a possessive's noun may hang in its clause on the way up to the clause's verb.
_IN_CLAUSE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj", "aux", "xcomp", "advcl", "agent"})


def ellipsis(sent: Span, mentions: list[Mention], context: DocumentContext) -> list[Mention]:
    """Add mentions for "the North", "the South", "the two countries", a surname and an acronym met
    before, from context."""
    taken = {i for m in mentions for i in range(m.start, m.end) if not m.is_agent}
    agents = {i: m for m in mentions for i in range(m.start, m.end) if m.is_agent}
    extra: list[Mention] = []
    for tok in sent:
        if tok.i in taken:
            continue
        if tok.pos_ == "PROPN" and tok.i not in agents and context.surnames.get(tok.text) is not None:
            record = context.surnames[tok.text]
            extra.append(Mention(tok.i, tok.i + 1, record, tok.text, person=True))  # type: ignore[arg-type]
            continue
        if tok.text in context.acronyms and tok.i not in agents:  # "the HNP", defined earlier
            extra.append(Mention(tok.i, tok.i + 1, context.acronyms[tok.text], tok.text))
            continue
        prev = tok.nbor(-1) if tok.i > sent.start else None
        if (context.korea and tok.text in ("North", "South") and prev is not None and prev.lower_ == "the"
                and (tok.i + 1 >= sent.end or tok.nbor(1).text not in ("Korea", "Korean", "Koreans"))):
            code = "PRK" if tok.text == "North" else "KOR"
            extra.append(Mention(tok.i, tok.i + 1, ActorRecord((CodeSpan(code),), "context"), tok.text))
        elif tok.lower_ in GROUP_WORDS and prev is not None and prev.lower_ in ("two", "both"):
            group = context.last_two()
            if group:
                if tok.lower_ in ("leaders", "governments"):
                    group = tuple(ActorRecord((CodeSpan(r.codes[0].code + "GOV"),), "context") for r in group)
                extra.append(Mention(prev.i, tok.i + 1, Group(group), f"{prev.text} {tok.text}"))  # type: ignore[arg-type]
                if tok.i in agents:  # "the two leaders": the group, not a leader of no state
                    mentions = [m for m in mentions if m is not agents[tok.i]]
    return sorted(mentions + extra, key=lambda m: m.start)
