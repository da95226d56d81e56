"""Nouns of action read as the verb they are made from."""

from __future__ import annotations

import pytest

from blocwatch.coder.nominal import verb_of

VERBS = frozenset({"bomb", "detain", "deport", "harass", "imprison", "intimidate", "invade", "kidnap", "occupy",
                   "propel", "repress", "seize", "shell", "ship", "withdraw", "arrive", "attack"})


@pytest.mark.parametrize(("noun", "verb"), [
    ("attack", "attack"),  # a noun that is a verb too
    ("bombing", "bomb"),
    ("kidnapping", "kidnap"),  # a doubled consonant
    ("seizure", "seize"),
    ("deportation", "deport"),
    ("occupation", "occupy"),
    ("intimidation", "intimidate"),
    ("detention", "detain"),
    ("invasion", "invade"),
    ("propulsion", "propel"),
    ("repression", "repress"),
    ("imprisonment", "imprison"),
    ("harassment", "harass"),
    ("withdrawal", "withdraw"),
    ("arrival", "arrive"),
])
def test_nouns_of_action_give_their_verb(noun: str, verb: str) -> None:
    assert verb_of(noun, VERBS) == verb


@pytest.mark.parametrize("noun", ["economy", "sanctuary", "nation", "ring", "sing", "mention", "dealing"])
def test_no_verb_the_vocabulary_lacks(noun: str) -> None:
    """A stem the vocabulary does not know as a verb is never made up."""
    assert verb_of(noun, VERBS) is None
