"""The actor dictionary kept in the user's cache (issue 18): read back, it matches what the built one
matches; a stale, damaged or unwritable cache costs a rebuild, never a wrong dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import PhraseMatcher

from blocwatch.actors import ActorEntry, ActorRecord, CodeSpan, load_actor_entries
from blocwatch.cache import cache_dir, cache_key, read_cache, write_cache
from blocwatch.coder import actors_cache
from blocwatch.coder.actors import (
    ActorDictionary,
    AgentRecord,
    CompiledDictionary,
    _finder,
    _Phrases,
    compile_dictionary,
)
from tests.helpers import REPO

DEMO = REPO / "demo" / "news" / "korea-russia-2022-2025.jsonl"


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCWATCH_CACHE", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"
    monkeypatch.delenv("BLOCWATCH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "blocwatch"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec: ignored unless absolute
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "blocwatch"

    def no_home(cls):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))  # a service account: nothing is kept
    assert cache_dir() is None
    assert write_cache("t", cache_key("t"), b"x") is False and read_cache("t", cache_key("t")) is None


def test_a_damaged_or_stale_file_is_not_used(tmp_path):
    key = cache_key("t", "1")
    assert write_cache("t", key, b"payload" * 100, tmp_path)
    path = tmp_path / "t.bin"
    whole = path.read_bytes()
    assert read_cache("t", key, tmp_path) == b"payload" * 100
    assert read_cache("t", cache_key("t", "2"), tmp_path) is None  # built from other inputs
    for damaged in (whole[:-1], whole[:10], b"", whole[:-3] + b"xyz", b"not a cache file at all"):
        path.write_bytes(damaged)
        assert read_cache("t", key, tmp_path) is None
    assert [p.name for p in tmp_path.iterdir()] == ["t.bin"]  # no temporary file left behind


def test_an_unwritable_folder_only_means_no_cache(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert write_cache("t", cache_key("t"), b"x", blocked) is False
    assert read_cache("t", cache_key("t"), blocked) is None


def _small() -> CompiledDictionary:
    from datetime import date

    return CompiledDictionary([ActorRecord((CodeSpan("USAGOV", date(2021, 1, 20), date(2025, 1, 20)),
                                            CodeSpan("USAELI")), "test"), AgentRecord("~MIL", True)],
                              [((1, 2, 3), 0), ((4,), 0)], [((5,), 1)], {"us"}, {"islamic state"})


def test_encoding_reads_back_and_refuses_what_it_did_not_write():
    compiled = _small()
    back = actors_cache.decode(actors_cache.encode(compiled))
    assert back is not None and list(back.records) == compiled.records
    assert (back.actor_patterns, back.agent_patterns, back.short, back.proper) == (
        compiled.actor_patterns, compiled.agent_patterns, compiled.short, compiled.proper)
    whole = actors_cache.encode(compiled)
    for bad in (b"", whole[:-8], whole + b"\0" * 8, b"\x05" + whole[1:],
                whole.replace(b'"patterns":3', b'"patterns":9')):
        assert actors_cache.decode(bad) is None


def test_the_shipped_dictionary_is_built_once_then_read_back(coder, monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCWATCH_CACHE", str(tmp_path))
    built: list[int] = []

    def compile_small(*args):
        built.append(1)
        return _small()

    monkeypatch.setattr(actors_cache, "compile_dictionary", compile_small)
    first = actors_cache.load_shipped(coder.nlp)
    assert built == [1] and (tmp_path / "coder-actors.bin").is_file()
    again = actors_cache.load_shipped(coder.nlp)
    assert built == [1] and list(again.records) == list(first.records)
    data = (tmp_path / "coder-actors.bin").read_bytes()
    (tmp_path / "coder-actors.bin").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit flipped
    actors_cache.load_shipped(coder.nlp)
    assert built == [1, 1] and (tmp_path / "coder-actors.bin").read_bytes() == data  # rebuilt and written over
    monkeypatch.setattr(actors_cache, "__version__", "0.0.0-other")  # another blocwatch: another key
    actors_cache.load_shipped(coder.nlp)
    assert built == [1, 1, 1]


def test_the_key_names_the_model_and_its_tokenizer(coder):
    import spacy

    one, other = spacy.blank("en"), spacy.blank("en")
    assert actors_cache.dictionary_key(one) == actors_cache.dictionary_key(other)
    assert actors_cache.dictionary_key(one) != actors_cache.dictionary_key(coder.nlp)
    other.tokenizer.add_special_case("blocwatchtest", [{"ORTH": "blocwatch"}, {"ORTH": "test"}])
    assert actors_cache.dictionary_key(one) != actors_cache.dictionary_key(other)


@pytest.fixture(scope="module")
def shipped(coder) -> CompiledDictionary:
    """The shipped dictionaries compiled now (not read from the cache)."""
    return compile_dictionary(coder.nlp, *load_actor_entries())


def test_the_shipped_dictionary_reads_back_whole(coder, shipped):
    back = actors_cache.decode(actors_cache.encode(shipped))
    assert back is not None
    assert list(back.records) == list(shipped.records)
    assert back.actor_patterns == shipped.actor_patterns and back.agent_patterns == shipped.agent_patterns
    assert back.short == shipped.short
    assert back.proper == shipped.proper and "islamic state" in back.proper


def _texts() -> list[str]:
    import json

    return [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_phrases_are_found_as_spacy_finds_them(coder, shipped):
    """The shipped names each stand for one record, so they are found without spaCy's matcher: the same
    spans, in the same order, as a PhraseMatcher of the same patterns under one rule finds."""
    nlp = coder.nlp
    for patterns in (shipped.actor_patterns, shipped.agent_patterns):
        finder = _finder(nlp.vocab, patterns)
        assert isinstance(finder, _Phrases)
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("rule", [tokens for tokens, _ in patterns])
        owner = dict(patterns)
        hits = 0
        for text in [*_texts(), "U.S. and South Korean troops; the Democratic People's Republic of Korea."]:
            doc = nlp.make_doc(text)
            lowers = [t.lower for t in doc]
            expected = [(owner[tuple(lowers[s:e])], s, e) for _, s, e in matcher(doc)]
            assert list(finder(doc, lowers)) == expected
            hits += len(expected)
        assert hits > 50


def test_names_of_two_records_with_the_same_tokens_fall_back_to_a_rule_per_record(coder):
    """Two entries whose names tokenize alike (a user's dictionary may have them) are a spaCy rule per
    record, added as the dictionary always added them: the span is the record spaCy reports first."""
    nlp = coder.nlp
    names = ("kim jong-un", "kim jong - un")
    entries = [ActorEntry((n,), [CodeSpan(c)]) for n, c in zip(names, ("PRKGOV", "XYZ"), strict=True)]
    dictionary = ActorDictionary(nlp, entries, [])
    assert not isinstance(dictionary._finders[0][0], _Phrases)
    before = PhraseMatcher(nlp.vocab, attr="LOWER")  # the dictionary's matcher before issue 18
    for record, name in enumerate(names):
        for variant in dict.fromkeys([name, name.upper(), name.title()]):
            before.add(str(record), [nlp.tokenizer(variant)])
    doc = nlp("Kim Jong-un visited Moscow.")
    reported = [int(nlp.vocab.strings[key]) for key, _, _ in before(doc)]
    assert sorted(reported) == [0, 1]
    assert [(m.text, m.record) for m in dictionary.find(doc)] == [("Kim Jong-un", dictionary.records[reported[0]])]


def test_a_dictionary_read_back_finds_what_the_built_one_finds(coder, shipped):
    built = ActorDictionary.from_compiled(coder.nlp, shipped)
    read = ActorDictionary.from_compiled(coder.nlp, actors_cache.decode(actors_cache.encode(shipped)))
    for doc in coder.nlp.pipe(_texts()):
        assert [(m.start, m.end, m.record, m.text) for m in read.find(doc)] == \
            [(m.start, m.end, m.record, m.text) for m in built.find(doc)]

