"""He and she: the one named person a pronoun can stand for, or no one.

News names a person once and goes on with a pronoun: "Russian President Vladimir Putin arrived
in Pyongyang on Wednesday. He signed a treaty with Kim Jong Un." Without the pronoun's person the
treaty has no signatory. A wrong person is worse than none (it makes a false dyad), so a pronoun
is resolved only where one named person can be meant:

- in a clause reported by a named person, that person ("Putin said he would visit China"),
  unless the speaker addresses another actor ("told Netanyahu that he ...") or is no named person
  ("a doctor said RSF fighters detained him");
- else the only named person earlier in the same sentence ("the military removed Bashir and
  jailed him"), if no one else is named there by a common noun ("kidnapped a village chief and
  killed him"), and not the subject of the pronoun's own verb ("Putin praised him");
- else, when the sentence names no person before it, the last sentence that named a person or had
  an actor for subject: its only named person, if that person is its subject or its subject is no
  actor at all, and no other person is named there by a common noun ("met the father of a
  hostage. He accused ...": the father may be meant) or unknown to the dictionary;
- of several named people there, its subject, as a reader takes it ("Erdogan spoke with Putin.
  He told him ..."), but not when the pronoun's act would then stay in that person's own state
  ("Duda hosted Zelenskiy. He asked Poland for ..."), not after an accusation (the accused may
  answer), and not when the sentence speaks of a man and a woman ("She pressed him", "He praised
  her government": which is which, the dictionary does not say).

People are named people: PERSON entities and proper names the dictionary dates by terms of
office, and people named with a state and a title; a PERSON entity the dictionary does not know
is a person too, whom no pronoun is given but who may be meant. Common nouns for people
("doctor", "hostage", "the minister" as a noun phrase of its own) are data
(``data/coder/person_nouns.json``, provenance inside). A pronoun inside quotation marks is never
resolved (the speaker says "I"; "he" is someone else), "him" is never the subject of its own verb
nor what a "he" of it stands for, a pronoun left to no one leaves the later ones of its sentence
to no one, and "she" never stands for someone a "he" stood for before, nor the other way round.

Examples
--------
>>> from datetime import date
>>> from blocwatch.coder import Coder
>>> coder = Coder.load()
>>> text = "Russian President Vladimir Putin arrived in Pyongyang. He signed a treaty with Kim Jong Un."
>>> sorted({(e.source.code, e.target.code) for e in coder.code_text(text, date(2024, 6, 19)) if e.cameo == "057"})
[('PRKGOV', 'RUSGOV'), ('RUSGOV', 'PRKGOV')]
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from blocwatch.actors import ActorRecord, split_code
from blocwatch.coder.actors import Mention
from blocwatch.coder.modality import CLAIM_HEADS, QUOTES
from blocwatch.data import read_json

__all__ = ["PERSONAL", "People", "person_nouns"]

#: Pronouns that stand for one person, and the gender they give it ("her" only where it is no
#: possessive: spaCy's tag PRP).
PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
#: Every word that gives a person's gender, possessives included.
_GENDERED = {**PERSONAL, "his": "m", "hers": "f", "himself": "m", "herself": "f"}

#: Where a common noun for a person names someone in the sentence (as a title, "Foreign Minister
#: Lavrov", it is a compound, and as a predicate, "is a dangerous man", an attribute: no one else).
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "agent", "npadvmod", "ROOT"})

#: A person named in a sentence: (first token, end, record).
_Named = tuple[int, int, ActorRecord | None]


@functools.cache
def person_nouns() -> frozenset[str]:
    """Common nouns for people (lemmas), from ``data/coder/person_nouns.json``."""
    return frozenset(read_json("coder", "person_nouns.json")["nouns"])


class People:
    """The people a document has just named, for the pronouns of its next sentences.

    :meth:`resolve` adds a mention for each pronoun of a sentence that one named person can be
    meant by; :meth:`remember` keeps the sentence's people for the sentences after it.
    """

    def __init__(self) -> None:
        self.subject: tuple[str, ActorRecord | None] = ("none", None)  # person | actor | none
        self.named: list[ActorRecord | None] = []  # None: a person the dictionary does not know
        self.others = False  # the sentence also named people by common nouns, or by a pronoun of no one
        self.claim = False  # its main verb accuses or blames: a "he" after it may be the accused
        self.gender: dict[ActorRecord, str] = {}

    def resolve(self, sent: Span, mentions: list[Mention], titled: Sequence[tuple[Span, ActorRecord]] = (),
                day: date | None = None, persons: Sequence[Span] | None = None) -> list[Mention]:
        """``mentions`` with one for each pronoun of ``sent`` that stands for one named person
        (``titled``: people named with a state and a title; ``day``: when, for actors' codes;
        ``persons``: the sentence's PERSON entities, found here if not given)."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        pronouns = [t for t in sent if t.lower_ in PERSONAL and t.tag_ == "PRP" and t.i not in taken]
        if not pronouns:
            return mentions
        named = _named(sent, mentions, titled, persons)
        # "She pressed him", "He praised her government": two people, of whom the text does not say
        # which is which (a named person's gender is not known), so the subject of two is no guide
        both = len({_GENDERED[t.lower_] for t in sent if t.lower_ in _GENDERED}) > 1
        resolved: dict[int, ActorRecord | None] = {}
        quoted = _quoted_tokens(sent)
        for tok in pronouns:
            if tok.head.i == tok.i or tok.i in quoted:
                continue  # quoted: someone the speaker speaks of, not for
            record = self._person(tok, sent, mentions, named, resolved, both, day)
            if record is not None and self.gender.setdefault(record, PERSONAL[tok.lower_]) != PERSONAL[tok.lower_]:
                record = None
            resolved[tok.i] = record
        extra = [Mention(i, i + 1, r, sent.doc[i].text) for i, r in resolved.items() if r is not None]
        return sorted(mentions + extra, key=lambda m: m.start)

    def _person(self, tok: Token, sent: Span, mentions: Sequence[Mention], named: Sequence[_Named],
                resolved: dict[int, ActorRecord | None], both: bool, day: date | None) -> ActorRecord | None:
        found, record = _speaker(tok, mentions, named)
        if found:
            return record
        own = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
        bound = {r for c in own for start, end, r in named if start <= c.i < end}  # "Putin praised him"
        bound |= {resolved[c.i] for c in own if c.i in resolved}  # "he told him": someone else
        if any(c.i in resolved and resolved[c.i] is None for c in own):
            return None  # "he told him", "he" no one: "him" may be anyone
        if any(i < tok.i and r is None for i, r in resolved.items()):
            return None  # an earlier pronoun of no one: someone else is about
        before = [n for n in named if n[0] < tok.i and n[2] not in bound]
        if before:
            if len(before) > 1 or before[0][2] is None or _others(sent, named, upto=tok.i):
                return None
            return before[0][2]
        if _others(sent, named, upto=tok.i) or self.others or None in self.named:
            return None
        people = [r for r in self.named if r not in bound]  # "Kim greeted him": the one named before
        kind, subject = self.subject
        if kind == "person" and subject in bound:
            kind, subject = "none", None
        if len(people) == 1 and kind in ("person", "none"):
            return people[0]
        if (len(people) > 1 and kind == "person" and subject is not None and not self.claim and not both
                and not _own_state(tok, subject, mentions, day)):
            return subject  # the subject, as a reader takes it; not when the act would stay in its state
        return None

    def remember(self, sent: Span, mentions: Sequence[Mention], titled: Sequence[tuple[Span, ActorRecord]] = (),
                 persons: Sequence[Span] | None = None) -> None:
        """Keep ``sent``'s main subject and people (pronouns resolved to them included) for the
        next sentence; a sentence that names no one and has no actor for subject (a quotation, a
        comment) keeps those of the sentence before."""
        named = _named(sent, mentions, titled, persons)
        subject = _main_subject(sent, mentions, named)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        others = _others(sent, named) or any(  # "Biden received him": someone else is about
            t.lower_ in PERSONAL and t.tag_ == "PRP" and t.i not in taken for t in sent)
        if subject[0] != "none" or named or others:
            self.subject, self.named, self.others = subject, [r for _, _, r in named], others
            self.claim = sent.root.lemma_.lower() in CLAIM_HEADS


def _named(sent: Span, mentions: Sequence[Mention], titled: Sequence[tuple[Span, ActorRecord]],
           persons: Sequence[Span] | None = None) -> list[_Named]:
    """The named people of ``sent``, in order, one per name (a name and the actor the dictionary
    finds in its words are one person; a title's record is preferred). People are PERSON entities,
    and proper names the dictionary dates by terms of office; a PERSON entity the dictionary does
    not know is a person of no record (None): it may be meant. Names inside a quotation opened in
    the sentence are left out: the speaker speaks of them, and a pronoun outside is someone else."""
    doc = sent.doc
    found: dict[int, _Named] = {}
    for m in mentions:
        if not isinstance(m.record, ActorRecord):
            continue
        span = doc[m.start:m.end]
        person = [span[0]] if m.person else [t for t in span if t.ent_type_ == "PERSON" or t.lower_ in PERSONAL]
        if not person and all(t.pos_ == "PROPN" for t in span) and any(c.start or c.end for c in m.record.codes):
            person = [span[0]]  # a name the dictionary dates by terms of office, which the parser missed
        if person and not (person[0].lower_ in PERSONAL and any(r == m.record for _, _, r in found.values())):
            found.setdefault(_name_start(person[0], sent.start), (m.start, m.end, m.record))  # "Putin said he": one
    for span, record in titled:
        found[_name_start(span[0], sent.start)] = (span.start, span.end, record)
    for ent in [e for e in sent.ents if e.label_ == "PERSON"] if persons is None else persons:
        if ent.label_ == "PERSON" and not any(start <= t.i < end for t in ent for start, end, _ in found.values()):
            found.setdefault(ent.start, (ent.start, ent.end, None))
    # a name inside a quotation is someone the speaker speaks of ('"Putin lied," he said')
    quoted = _quoted_tokens(sent) if found else frozenset()
    return sorted((n for n in found.values() if n[0] not in quoted), key=lambda n: n[0])


def _name_start(tok: Token, sent_start: int) -> int:
    """The first token of the PERSON entity ``tok`` is in (``tok`` itself outside one)."""
    if tok.ent_type_ != "PERSON":
        return tok.i
    i = tok.i
    while i > sent_start and tok.doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _others(sent: Span, named: Sequence[_Named], upto: int | None = None) -> bool:
    """Whether ``sent`` (before token ``upto``) names a person by a singular common noun that is no
    title or apposition of a named person ("a doctor", "the father of a hostage")."""
    nouns = person_nouns()
    for tok in sent:
        if upto is not None and tok.i >= upto:
            break
        if tok.tag_ != "NN" or tok.dep_ not in _ARGUMENTS or tok.lemma_.lower() not in nouns:
            continue  # a singular noun: "he" is no "members"
        if any(start <= tok.i < end or start <= tok.head.i < end for start, end, _ in named):
            continue  # "Putin, the Russian president": the same man
        return True
    return False


def _main_subject(sent: Span, mentions: Sequence[Mention], named: Sequence[_Named]) -> tuple[str, ActorRecord | None]:
    """The subject of the sentence's main verb: ``person`` (and whom), ``actor`` (an actor, a
    person the dictionary does not know, or one named by a common noun: "the minister", "China",
    "a doctor"), or ``none``."""
    for subj in (t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")):
        for start, end, record in named:
            if start <= subj.i < end:
                return ("person", record) if record is not None else ("actor", None)
        if any(m.start <= c.i < m.end for c in subj.subtree for m in mentions) or (
                subj.lemma_.lower() in person_nouns() or subj.pos_ == "PROPN"):
            return "actor", None  # a name the parser and the dictionary do not know may be a person
    return "none", None


def _speaker(tok: Token, mentions: Sequence[Mention], named: Sequence[_Named]) -> tuple[bool, ActorRecord | None]:
    """Whether the pronoun's clause is reported by someone, and the named person that is
    (None: the speaker addresses an actor, or is no named person)."""
    node = tok.head
    while node.dep_ in ("ccomp", "xcomp", "advcl") and node.head.i != node.i:
        up = node.head
        if up.pos_ not in ("VERB", "AUX"):
            return False, None
        subjects = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            addressed = [c for c in up.children if c.dep_ in ("dobj", "dative")]
            if any(m.start <= a.i < m.end for a in addressed for m in mentions):
                return True, None  # "told Netanyahu that he ...": either may be meant
            for start, end, record in named:
                if start <= subjects[0].i < end:
                    return True, record
            if subjects[0].lemma_.lower() in person_nouns():
                return True, None  # "a doctor said fighters detained him": the doctor, or another
            return False, None  # "the ministry said he ...": the one named before
        node = up
    return False, None


def _own_state(tok: Token, person: ActorRecord, mentions: Sequence[Mention], day: date | None) -> bool:
    """Whether the pronoun's clause names another actor of ``person``'s state ("Duda hosted
    Zelenskiy. He asked Poland for ...": not Duda)."""
    state = split_code(person.code_on(day) or "")[0]
    verb = tok.head
    args = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubj", "nsubjpass") and c.i != tok.i]
    args += [p for c in verb.children if c.dep_ in ("prep", "agent") for p in c.children if p.dep_ == "pobj"]
    return state is not None and any(
        isinstance(m.record, ActorRecord) and m.start <= a.i < m.end
        and split_code(m.record.code_on(day) or "")[0] == state for a in args for m in mentions)


def _quoted_tokens(sent: Span) -> frozenset[int]:
    """The indices of the tokens of ``sent`` inside quotation marks, in one pass: opened in the
    sentence, or opened before it when the sentence's first quotation mark closes ('The police is
    instructed to act," he tweeted'). A straight quote that sticks to the word before it closes;
    one that does not, opens."""
    marks = [t for t in sent if t.text in QUOTES]
    if not marks:
        return frozenset()
    opened = 0 if _opens(marks[0], sent.start) else 1
    inside: set[int] = set()
    for t in sent:
        if t.text in QUOTES:
            opened = opened + 1 if _opens(t, sent.start) else max(0, opened - 1)
        elif opened > 0:
            inside.add(t.i)
    return frozenset(inside)


def _opens(mark: Token, sent_start: int) -> bool:
    """Whether a quotation mark opens a quotation (else it closes one)."""
    if mark.text in ("\u201c", "``"):
        return True
    if mark.text == "\u201d":
        return False
    return mark.i == sent_start or bool(mark.doc[mark.i - 1].whitespace_)
