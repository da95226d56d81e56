"""Credit lines and captions: the sentences of a news report that say who reported it or what a
picture shows, not what happened.

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
>>> caption_line(next(nlp("Police detain a protester in Tbilisi, Georgia, May 14, 2024.").sents))
True
>>> caption_line(next(nlp("Police detained a protester in Tbilisi on May 14, 2024.").sents))
False
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from blocwatch.data import read_json

__all__ = ["caption_line", "credit_line"]

#: Dependents a credit line's verb may have besides its subject and its phrases of place.
_ALLOWED = frozenset({"nsubj", "nsubjpass", "punct", "cc", "conj", "advmod", "aux", "auxpass", "prep", "dobj", "xcomp"})


@functools.cache
def _lists() -> dict[str, frozenset[str]]:
    """The word lists of ``data/coder/credits.json``, read once."""
    return {k: frozenset(v) for k, v in read_json("coder", "credits.json").items() if isinstance(v, list)}


def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lists = _lists()
    return lists["verbs"], lists["nouns"], lists["places"]


def _caption_words() -> tuple[frozenset[str], frozenset[str]]:
    lists = _lists()
    return lists["caption_marks"], lists["photo_credits"]


_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
#: A full date closing a sentence, as a caption gives the day a picture was taken ("..., May 14,
#: 2024." or "..., 14 May 2024."), before any credit in parentheses.
_CLOSING_DATE = re.compile(rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
                           r"\.?\s*(?:\([^)]*\))?\s*$")


_DASHES = frozenset({"-", "\u2014", "\u2013", ":"})


def caption_line(sent: Span) -> bool:
    """Whether ``sent`` is a photo caption: it opens with a caption's mark ("FILE - ...", "FILE
    PHOTO: ..."), closes with a photo credit in parentheses ("(AP Photo/Jane Doe)"), or tells in the
    simple present what is pictured and closes with the full date it was taken ("Police detain a
    protester in Tbilisi, Georgia, May 14, 2024."). Words in ``data/coder/credits.json``."""
    marks, credits = _caption_words()
    words = [t for t in sent if not t.is_space]
    if not words:
        return False
    for n in (1, 2):  # "FILE - ...", "FILE PHOTO: ..."
        if len(words) > n and words[0].text.isupper() and " ".join(t.lower_ for t in words[:n]) in marks \
                and words[n].text in _DASHES:
            return True
    text = sent.text.strip()
    credit = re.search(r"\(([^)]*)\)\s*$", text)
    if credit and any(re.search(rf"\b{re.escape(w)}\b", credit.group(1).lower()) for w in credits):
        return True
    root = sent.root
    present = root.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in root.children)
    return present and _CLOSING_DATE.search(text) is not None


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
