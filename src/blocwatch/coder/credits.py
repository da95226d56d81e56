"""Credit lines: the sentences of a news report that say who reported it, not what happened.

"Reuters contributed to this report.", "Jane Doe reported from Nairobi; and John Roe contributed
from Kampala." name people, agencies and places, and a coder would make events of them ("Abdiweli
Mohamed Ali contributed reporting", with a Somali politician's name, was a Somali statement).
:func:`credit_line` finds them by their grammar; the words are data
(``data/coder/credits.json``, provenance inside).

Examples
--------
>>> from blocwatch.coder.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> credit_line(next(nlp("Reuters contributed to this report.").sents))
True
>>> credit_line(next(nlp("Japan contributed $5 million to the fund.").sents))
False
"""

from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from blocwatch.data import read_json

__all__ = ["credit_line"]

#: Dependents a credit line's verb may have besides its subject and its phrases of place.
_ALLOWED = frozenset({"nsubj", "nsubjpass", "punct", "cc", "conj", "advmod", "aux", "auxpass", "prep", "dobj", "xcomp"})


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = read_json("coder", "credits.json")
    return frozenset(data["verbs"]), frozenset(data["nouns"]), frozenset(data["places"])


def credit_line(sent: Span) -> bool:
    """Whether ``sent`` is a credit line: its main verb, and every verb coordinated with it, a verb
    of credit ("contributed", "reported", "originated") with nothing but a subject, what is
    credited ("to this report", "reporting") and where it was done ("from Nairobi"). "came" only
    with what is credited ("information for this report came from ...")."""
    root = sent.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    return all(_credits(v) for v in verbs)


def _credits(verb: Token) -> bool:
    verbs, nouns, places = _words()
    if verb.lemma_.lower() not in verbs:
        return False
    credited = any(t.lemma_.lower() in nouns for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                   for t in c.subtree)
    for child in verb.children:
        if child.dep_ not in _ALLOWED:
            return False
        if child.dep_ in ("dobj", "xcomp"):
            if child.lemma_.lower() not in nouns:
                return False  # "contributed $5 million": a gift
            credited = True
        elif child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if any(o.lemma_.lower() in nouns for o in objects):
                credited = True
            elif child.lower_ not in places:
                return False  # "contributed to the fund"
    return credited or verb.lemma_.lower() != "come"
