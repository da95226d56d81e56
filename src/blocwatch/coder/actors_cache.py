"""The shipped actor dictionary, built once and kept in the user's cache (:mod:`blocwatch.cache`).

Building :class:`~blocwatch.coder.actors.ActorDictionary` from the shipped dictionaries means
parsing 3 MB of JSON lines and tokenizing some 50,000 names with the model's tokenizer: seconds
that every ``blocwatch code``, ``ingest text``, web write and Spark worker would pay at start-up.
What the build produces (:class:`~blocwatch.coder.actors.CompiledDictionary`: records, token ids
of every name, short names) is kept instead, as data only: a JSON header and arrays of integers,
no pickle. It is read back when it was built from the same dictionaries (their SHA-256), the same
tokenizer (its rules and patterns), spaCy, model and blocwatch versions; anything else, and any
file that does not read back whole, is built again and written over.

The token ids are spaCy's string hashes (of each token's lower-case form), which do not depend on
what a vocabulary holds: a dictionary read back matches exactly what the built one matches.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, overload

from blocwatch import __version__
from blocwatch.actors import ActorRecord, CodeSpan, dictionaries_digest, load_actor_entries
from blocwatch.cache import cache_key, read_cache, write_cache
from blocwatch.coder.actors import AgentRecord, CompiledDictionary, Pattern, compile_dictionary

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["LazyRecords", "decode", "dictionary_key", "encode", "load_shipped"]

#: The cache file's name; and its layout's version, part of the key.
CACHE_NAME, FORMAT = "coder-actors", "2"


def dictionary_key(nlp: Language) -> bytes:
    """What the shipped dictionary compiled for ``nlp`` depends on: the dictionaries' bytes, the
    tokenizer's rules and patterns, spaCy's, the model's and blocwatch's versions."""
    import spacy

    meta = nlp.meta
    return cache_key(CACHE_NAME, FORMAT, __version__, spacy.__version__, sys.byteorder,
                     f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
                     hashlib.sha256(nlp.tokenizer.to_bytes(exclude=["vocab"])).digest(), dictionaries_digest())


def load_shipped(nlp: Language) -> CompiledDictionary:
    """The shipped dictionaries compiled for ``nlp``: from the cache when it holds them for the same
    inputs (:func:`dictionary_key`), else built and kept there."""
    key = dictionary_key(nlp)
    payload = read_cache(CACHE_NAME, key)
    compiled = decode(payload) if payload is not None else None
    if compiled is None:
        compiled = compile_dictionary(nlp, *load_actor_entries())
        write_cache(CACHE_NAME, key, encode(compiled))
    return compiled


class LazyRecords(Sequence[ActorRecord | AgentRecord]):
    """The records of a dictionary read back, each decoded from its JSON text when first used (a
    document needs a handful of the 30,000)."""

    def __init__(self, texts: bytes, offsets: array, actors: int) -> None:
        if len(offsets) < 1 or offsets[-1] != len(texts) or not 0 <= actors < len(offsets):
            raise ValueError("the record offsets do not match the records")
        self._texts, self._offsets, self._actors = texts, offsets, actors
        self._done: dict[int, ActorRecord | AgentRecord] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> ActorRecord | AgentRecord: ...

    @overload
    def __getitem__(self, i: slice) -> list[ActorRecord | AgentRecord]: ...

    def __getitem__(self, i: int | slice) -> ActorRecord | AgentRecord | list[ActorRecord | AgentRecord]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        k = range(len(self))[i]  # IndexError beyond the end, negative indices from it
        record = self._done.get(k)
        if record is None:
            record = self._done[k] = _record(json.loads(self._texts[self._offsets[k]:self._offsets[k + 1]]),
                                             agent=k >= self._actors)
        return record


def _record(value: Any, *, agent: bool) -> ActorRecord | AgentRecord:
    if agent:
        code, prefix = value
        return AgentRecord(str(code), bool(prefix))
    codes, source = value
    return ActorRecord(tuple(CodeSpan(str(code), _day(start), _day(end)) for code, start, end in codes), str(source))


def _day(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)


def _json(record: ActorRecord | AgentRecord) -> bytes:
    if isinstance(record, AgentRecord):
        value: Any = [record.code, record.prefix]
    else:
        value = [[[c.code, c.start and c.start.toordinal(), c.end and c.end.toordinal()] for c in record.codes],
                 record.source]
    return json.dumps(value, separators=(",", ":")).encode()


def encode(compiled: CompiledDictionary) -> bytes:
    """``compiled`` as bytes: a JSON header (its length in 8 bytes first: short names, counts), the
    records as JSON texts and their offsets, then each pattern's token count, its record and all token
    ids as arrays of integers.

    >>> c = CompiledDictionary([ActorRecord((CodeSpan("PRK"),), "x"), AgentRecord("~MIL")],
    ...                        [((7, 8), 0)], [((9,), 1)], {"dprk"})
    >>> back = decode(encode(c))
    >>> list(back.records) == c.records, back.actor_patterns, back.agent_patterns, back.short
    (True, [((7, 8), 0)], [((9,), 1)], {'dprk'})
    """
    records = list(compiled.records)
    actors = sum(1 for r in records if isinstance(r, ActorRecord))
    if any(isinstance(r, ActorRecord) for r in records[actors:]):
        raise ValueError("the actor records come before the agent records")
    texts = [_json(r) for r in records]
    offsets = array("I", [0])
    for text in texts:
        offsets.append(offsets[-1] + len(text))
    patterns = [*compiled.actor_patterns, *compiled.agent_patterns]
    header = json.dumps({"short": sorted(compiled.short), "proper": sorted(compiled.proper),
                         "records": len(records), "actor_records": actors,
                         "record_bytes": offsets[-1], "actor_patterns": len(compiled.actor_patterns),
                         "patterns": len(patterns)}, separators=(",", ":")).encode()
    arrays = (offsets, array("I", (len(tokens) for tokens, _ in patterns)),
              array("I", (record for _, record in patterns)), array("Q", (i for tokens, _ in patterns for i in tokens)))
    return b"".join([len(header).to_bytes(8, "little"), header, b"".join(texts), *(a.tobytes() for a in arrays)])


def decode(payload: bytes) -> CompiledDictionary | None:
    """The dictionary :func:`encode` wrote, or None when ``payload`` is not one (never a part of one)."""
    try:
        return _decode(payload)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None


def _decode(payload: bytes) -> CompiledDictionary:
    size = int.from_bytes(payload[:8], "little")
    header: dict[str, Any] = json.loads(payload[8:8 + size])
    n_records, n_patterns, n_actor = int(header["records"]), int(header["patterns"]), int(header["actor_patterns"])
    at = 8 + size + int(header["record_bytes"])
    texts = payload[8 + size:at]
    offsets, lengths, owners, ids = array("I"), array("I"), array("I"), array("Q")
    for arr, count in ((offsets, n_records + 1), (lengths, n_patterns), (owners, n_patterns)):
        arr.frombytes(payload[at:at + count * arr.itemsize])
        at += count * arr.itemsize
    ids.frombytes(payload[at:])
    if len(offsets) != n_records + 1 or len(lengths) != n_patterns or len(owners) != n_patterns \
            or sum(lengths) != len(ids) or (owners and max(owners) >= n_records) or not 0 <= n_actor <= n_patterns:
        raise ValueError("the arrays do not match the header")
    records = LazyRecords(texts, offsets, int(header["actor_records"]))
    flat, patterns, pos = ids.tolist(), [], 0
    for length, owner in zip(lengths, owners, strict=True):
        patterns.append((tuple(flat[pos:pos + length]), owner))
        pos += length
    actor_patterns: list[Pattern] = patterns[:n_actor]
    return CompiledDictionary(records, actor_patterns, patterns[n_actor:], {str(n) for n in header["short"]},
                              {str(n) for n in header["proper"]})
