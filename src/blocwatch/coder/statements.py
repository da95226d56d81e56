"""Statements about events, as CAMEO codes them: intentions, threats, demands, appeals, refusals.

CAMEO gives a promised event a code of its own (03x "express intent to ...", 13x threats), and
likewise a demanded (10x), asked-for (02x) or refused (12x) one; these codes mirror the code of
the event itself (``data/coder/mirrors.csv``). This module holds that table and the tests on the
parse that tell which kind of statement governs an event.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from blocwatch.coder.modality import (
    BELIEF_HEADS,
    CATENATIVES,
    COMMITMENT_HEADS,
    FUTURE_HEADS,
    LIKELIHOOD,
    MODAL_AUX,
    REPORTING_VERBS,
    WISHING,
    for_to_clause,
    noun_clause_mode,
)
from blocwatch.coder.syntax import governor_of, passive, prep_controller
from blocwatch.coder.vocabulary import singular
from blocwatch.data import read_csv, read_json

__all__ = ["APPEALING", "DEMANDING", "PREPARING", "REFUSING", "expelled", "expulsion", "intent_code",
           "leaving_verbs", "mirror", "obligation", "request_kind", "stated_intent", "stating", "will_not"]

@functools.cache
def _mirrors() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in read_csv("coder", "mirrors.csv"):
        table.setdefault(row["kind"], {})[row["event"]] = row["code"]
    return table


@functools.cache
def _expulsions() -> dict[str, Any]:
    return read_json("coder", "expulsions.json")


def expulsion(order: str, act: str, ordered: Sequence[str], left: str | None = None) -> str | None:
    """The CAMEO code of an order to leave a state: an expulsion of whom it orders out
    (``data/coder/expulsions.json``), or None if ``order`` is no verb of ordering, ``act`` no verb
    of leaving, or ``left`` (the word for what is to be left, if not a state's name) no word for a
    state's land ("the room"). ``ordered`` are the texts of the ones ordered out.

    >>> expulsion("order", "leave", ["the French ambassador"]), expulsion("give", "leave", ["aid groups"])
    ('161', '1663')
    >>> expulsion("order", "leave", ["three journalists"], "country"), expulsion("urge", "leave", ["the envoy"])
    ('174', None)
    >>> expulsion("tell", "leave", ["reporters"], "room") is None
    True
    """
    table = _expulsions()
    if order not in table["ordering"] or act not in table["leaving"] or left not in (None, *table["places"]):
        return None
    return expelled(ordered)


def leaving_verbs() -> frozenset[str]:
    """The verbs of what an order to leave a state orders (``leaving`` of ``data/coder/expulsions.json``).

    >>> sorted(leaving_verbs())[:2]
    ['depart', 'exit']
    """
    return frozenset(_expulsions()["leaving"])


def expelled(ordered: Sequence[str]) -> str:
    """The CAMEO code of expelling ``ordered`` (their texts) from a state: 161 for diplomats, 1661
    peacekeepers, 1662 inspectors, 1663 aid agencies, else 174 (``data/coder/expulsions.json``).

    >>> expelled(["the Ethiopian ambassador"]), expelled(["UN peacekeepers"]), expelled(["two journalists"])
    ('161', '1661', '174')
    """
    table = _expulsions()
    words = {singular(w.strip(".,'’").lower()) for text in ordered for w in text.split()}
    for kind in table["kinds"]:
        if words & set(kind["words"]):
            return kind["code"]
    return table["default"]


def mirror(kind: str, code: str) -> str | None:
    """The code of a statement about an event: ``intent`` (promised), ``demand``ed or ``refusal``.

    CAMEO's codes for intentions (03x, threats 13x), demands (10x) and rejections (12x) mirror
    the codes of what is intended, demanded or rejected (``data/coder/mirrors.csv``); the
    longest matching prefix wins.

    >>> mirror("intent", "042"), mirror("intent", "190"), mirror("demand", "0874"), mirror("refusal", "085")
    ('036', '1384', '106', '1244')
    >>> mirror("intent", "112") is None
    True
    """
    table = _mirrors()[kind]
    for n in (4, 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def intent_code(code: str) -> str | None:
    """The statement-of-intent code for a planned event's code, or None for verbal events.

    >>> intent_code("042"), intent_code("0332"), intent_code("190"), intent_code("112")
    ('036', '0332', '1384', None)
    """
    if code[:2] in ("03", "13"):
        return code
    return mirror("intent", code)


REFUSING = {"refuse", "decline", "reject", "spurn"}


PREPARING = {"prepare", "gear", "ready", "poise"}


def stating(anchor: Token, gov: Token | None) -> tuple[Token, Token | None]:
    """The clause that states a future event, and the verb governing it: a verb coordinated with
    another ("to lift the ban and establish talks") is stated as the first one is, and one carried
    by a catenative ("to try to curb", "will try to block") as the catenative is.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Japan said China will try to invade Taiwan.")
    >>> [t.text for t in stating(doc[6], governor_of(doc[6]))]
    ['try', 'said']
    """
    while (gov is None and anchor.dep_ == "conj" and anchor.head.i != anchor.i
           and anchor.head.pos_ in ("VERB", "AUX")):
        anchor = anchor.head
        gov = governor_of(anchor)
    while gov is not None and anchor.dep_ == "xcomp" and gov.lemma_.lower() in CATENATIVES:
        anchor, gov = gov, governor_of(gov)
    return anchor, gov


def stated_intent(anchor: Token, gov: Token | None) -> bool:
    """Whether a future event is one its actor states it will do ("will visit", "vowed to strike"),
    rather than one others expect or the actor merely wants (the clause that states it: :func:`stating`)."""
    if noun_clause_mode(anchor) is not None:
        return False  # "media report that Britain will cede the islands": reported of it, not its word
    anchor, gov = stating(anchor, gov)
    if anchor.dep_ == "advcl":  # a purpose ("to discuss") is not a statement of intent, unless the
        # parser set a commitment's complement apart ("threatened on Sunday to expel")
        return gov is not None and gov.lemma_.lower() in COMMITMENT_HEADS
    if gov is not None and anchor.dep_ in ("xcomp", "ccomp", "pcomp"):
        lemma = gov.lemma_.lower()
        adjective = gov if gov.pos_ == "ADJ" else next(
            (c for c in gov.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None) if lemma == "be" else None
        if ((adjective is not None and adjective.lemma_.lower() in _SCHEDULED)
                or (lemma in _SCHEDULED and gov.tag_ == "VBN")) and not _told(gov):
            # "is due to travel", "was scheduled to sign": a schedule the report gives, not a word of the
            # actor; but "the Kremlin said Putin is due to visit" is a speaker's (see who in the caller)
            return False
        if lemma in COMMITMENT_HEADS:
            return True
        if adjective is not None and adjective.lemma_.lower() in LIKELIHOOD:
            return False  # "is likely to attack": someone's estimate, not the actor's word
        if lemma in BELIEF_HEADS:
            return False  # "Russia thinks it will win", "is believed to be planning": a belief, not a word
        if lemma in WISHING and (anchor.dep_ == "ccomp" or passive(gov) is not None):
            return False  # "hopes Beijing will release", "Japan is expected to sign": others' wish, not their word
        if lemma in REPORTING_VERBS or lemma == "be" or gov.pos_ == "ADJ":
            pass  # "said it will ...", "is ready to ..."
        elif lemma in FUTURE_HEADS and lemma not in ("want", "seek", "aim", "hope"):
            return False
    return True



#: Words of a schedule ("is due to travel", "was set to sign", "slated to meet"): the report's
#: calendar, which says nothing of what the actor has stated.
_SCHEDULED = frozenset({"due", "set", "slate", "slated", "schedule", "scheduled", "poise", "poised"})


def _told(clause: Token) -> bool:
    """Whether a clause is what someone is reported to say ("the Kremlin said [Putin is due to visit]",
    "[Israel is set to send a delegation], the office said")."""
    if clause.dep_ == "acomp":  # "due" in "is due to visit": the clause is the verb's
        clause = clause.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in REPORTING_VERBS


#: CAMEO 10x (demand) versus 02x (appeal: ask, urge, call for).
DEMANDING = {"demand", "insist", "order", "press", "push", "tell", "require", "instruct", "command", "direct",
             "pressure"}


APPEALING = {"urge", "call", "ask", "appeal", "request", "want", "wish", "invite", "encourage", "plead",
             "beg", "implore", "seek", "lobby", "exhort"}


#: Prepositions that introduce what is asked ("warned Pyongyang against supplying", "called for
#: ending"); not "into", which says it was done ("pressed Iran into accepting").
_ASKED_PREPS = frozenset({"against", "for", "to", "on", "about"})


def request_kind(anchor: Token, gov: Token) -> str | None:
    """``demand`` or ``appeal`` if ``anchor``'s clause is what ``gov``'s subject asks of someone else."""
    lemma = gov.lemma_.lower()
    if anchor.dep_ == "pcomp" and anchor.head.lower_ not in _ASKED_PREPS:
        return None  # "demanded a truce before allowing convoys": when, not what, is asked
    modal = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    if modal & {"have", "'ve"} and modal & MODAL_AUX:
        return None  # "must have ordered": a guess at the past, which no one can be asked to do
    asked_of_other = anchor.dep_ == "ccomp" or any(c.dep_ in ("dobj", "nsubjpass") for c in gov.children) or (
        anchor.dep_ == "xcomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)) or (
        for_to_clause(anchor)) or (  # "called for Kenya to keep the camps open"
        anchor.dep_ == "xcomp" and bool(prep_controller(gov)))  # "called on Russia to withdraw"
    # ("were ordered to leave": asked of the passive's subject)
    if lemma in DEMANDING and asked_of_other and not (lemma == "tell" and anchor.dep_ == "ccomp"):
        return "demand"  # "told Iran to stop"; "told reporters that Iran stopped" reports (below, with a modal)
    if lemma in APPEALING and asked_of_other:
        return "appeal"
    if obligation(anchor, gov):
        return "demand"
    return None


def obligation(anchor: Token, gov: Token) -> bool:
    """Whether ``anchor``'s clause is reported as a duty: "said Sudan must return", "announced
    that the president should resign" (``gov`` the reporting verb)."""
    modal = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    return (gov.lemma_.lower() in REPORTING_VERBS and anchor.dep_ == "ccomp" and bool(modal & {"must", "should"})
            and anchor.lemma_.lower() not in _EXPECTING)


#: Verbs with which "should" and "must" say what is to be expected, not what is owed: "Israel
#: should expect a harsh response" is a threat ("must face an investigation" is a demand).
_EXPECTING = frozenset({"expect", "anticipate", "brace", "prepare", "beware"})


def will_not(anchor: Token) -> bool:
    """Whether a clause is a future negated by its own subject: "will not", "would not", "won't"."""
    aux = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    neg = any(c.dep_ == "neg" for c in anchor.children)
    return neg and bool(aux & {"will", "would", "wo", "shall", "'ll"})
