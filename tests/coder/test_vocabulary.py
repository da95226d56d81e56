"""The vocabulary's bookkeeping: which dictionary each rule comes from."""

from __future__ import annotations

from blocwatch.coder.vocabulary import Vocabulary


def test_a_default_code_is_named_after_the_dictionary_that_gives_it():
    """A block of patterns only (blocwatch's, loaded first) makes the verb's entry; the default and
    the particles another dictionary gives keep that dictionary's name in the rule."""
    vocab = Vocabulary.from_blocks([
        {"block": "mine", "code": None, "verbs": {"hit": None}, "patterns": [["* x", "111", None]], "src": "ours"},
        {"block": "theirs", "code": "190", "verbs": {"hit": "190", "hit back": "191"}, "patterns": [],
         "src": "petrarch2"},
    ], synsets={})
    entry = vocab.verbs["hit"]
    assert (entry.default, entry.source, entry.particles) == ("190", "petrarch2", {"back": "191"})
    assert entry.particle_sources == {"back": "petrarch2"}
    assert [p.id for p in entry.patterns] == ["ours:mine:1"]


def test_an_equals_sign_makes_a_phrase_the_verbs_own():
    """``(=in &detention)`` must be the verb's own phrase; ``(in &detention)`` may be anywhere in the clause."""
    vocab = Vocabulary.from_blocks([
        {"block": "b", "code": None, "verbs": {"remand": None},
         "patterns": [["* (=in &detention)", "173", None], ["* (in &detention +)", "173", None]]},
    ], synsets={"detention": ["custody", "jail"]})
    own, anywhere = vocab.verbs["remand"].patterns
    assert (own.post[0].prep, own.post[0].own, own.post[0].target) == ("in", True, False)
    assert (anywhere.post[0].prep, anywhere.post[0].own, anywhere.post[0].target) == ("in", False, True)
    assert own.text == "* (=in &detention)"


def test_an_equals_sign_makes_a_word_the_verbs_own_dependent():
    """``=hostage`` must be one of the verb's own dependents; ``hostage`` any word of the clause."""
    vocab = Vocabulary.from_blocks([
        {"block": "b", "code": None, "verbs": {"take": None},
         "patterns": [["* =hostage", "181", None], ["* hostage", "181", None]]},
    ], synsets={})
    own, anywhere = vocab.verbs["take"].patterns
    assert (own.post[0].own, anywhere.post[0].own) == (True, False)
    assert own.post[0].words == anywhere.post[0].words == (frozenset({"hostage"}),)
