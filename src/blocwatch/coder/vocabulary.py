"""Event vocabulary: verb and noun patterns mapped to CAMEO codes, matched on a dependency parse.

Patterns are data (``data/coder/verbs_*.jsonl``, ``nouns.jsonl``, ``synsets_*.json``), written
in a small notation close to PETRARCH's:

- ``*`` stands for the verb (or event noun); terms before it must occur on the subject side
  (or, for nouns, among the noun's modifiers), terms after it in the rest of the clause;
- a word matches a token's form or lemma (``aid``, ``shells``); ``{joint exercise}`` matches
  words in sequence; ``&weapon`` any word of a synonym set;
- ``(to +)`` is a prepositional phrase with ``to`` whose object is the target; ``(of &weapon)``
  one whose object contains a word of the set; ``(=in &detention)`` one that must be the verb's
  own (on it or its particle, not on its object) with the word in its object's own phrase, and
  ``=hostage`` a word that must be one of the verb's own dependents;
- a code ``042`` may have a reciprocal ``043`` (the target does it back: visit / host).

The most specific matching pattern wins (most words matched); a verb with no matching
pattern takes its default code, which may be none.

Examples
--------
>>> vocab = Vocabulary.from_blocks(
...     [{"block": "send", "code": None, "verbs": {"send": None},
...       "patterns": [["* &weapon (to +)", "072", None], ["* troops", "154", None]]}],
...     synsets={"weapon": ["arms", "shells"]})
>>> [p.text for p in vocab.verbs["send"].patterns]
['* &weapon (to +)', '* troops']
>>> vocab.verbs["send"].patterns[0].post[1].prep, vocab.verbs["send"].patterns[0].post[1].target
('to', True)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from blocwatch.data import read_json, read_jsonl

__all__ = ["CIRCUMSTANCE_PREPS", "TIME_ENTITIES", "Match", "PP", "Pattern", "Seq", "Vocabulary", "WordEntry",
           "deinflect", "detention_words", "event_nouns", "load_agreement_objects", "load_authored_nouns",
           "load_causal_verbs", "load_civil_drill_words", "load_document_nouns", "load_evaluations",
           "load_failing_verbs", "load_light_verbs", "load_pricing_verbs", "load_reciprocal", "load_relaying_verbs",
           "load_responding_verbs", "load_resulting_verbs", "load_serving_roles", "load_stance_nouns",
           "load_text_kinds", "load_ultimatum", "load_vocabulary", "singular", "weapon_words"]


def singular(word: str) -> str:
    """A crude singular form, enough to match dictionary words against plurals.

    >>> singular("sanctions"), singular("talks"), singular("militaries"), singular("glass")
    ('sanction', 'talk', 'military', 'glass')
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def deinflect(word: str) -> list[str]:
    """Candidate base forms of an inflected verb.

    >>> deinflect("staged"), deinflect("stopping"), deinflect("carries")
    (['stage', 'stag'], ['stop', 'stopp', 'stoppe'], ['carry', 'carri', 'carrie'])
    """
    out: list[str] = []
    if word.endswith("ied") or word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])
    elif word.endswith("ing"):
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
        out += [stem, stem + "e"]
    elif word.endswith("es"):
        out += [word[:-2], word[:-1]]
    elif word.endswith("s"):
        out.append(word[:-1])
    return out


def _forms(token: Token) -> tuple[str, str, str]:
    lower = token.lower_
    return lower, token.lemma_.lower(), singular(lower)


_FORMS_KEY = "blocwatch.forms"


def doc_forms(doc: Doc) -> list[tuple[str, str, str]]:
    """The forms patterns match of every token of ``doc`` (lower case, lemma, singular), computed
    once per document and kept in ``doc.user_data``."""
    forms = doc.user_data.get(_FORMS_KEY)
    if forms is None:
        forms = [_forms(t) for t in doc]
        doc.user_data[_FORMS_KEY] = forms
    return forms


@dataclass(frozen=True)
class Seq:
    """Words in sequence; each position is a set of acceptable words. ``own``: the first word must
    be one of the verb's own dependents ("=hostage": "took 30 people hostage", not "talks on the
    hostages")."""

    words: tuple[frozenset[str], ...]
    own: bool = False

    def match_at(self, forms: Sequence[tuple[str, str, str]], i: int) -> bool:
        """Whether the words start at token ``i``, given the forms of the document's tokens."""
        if i + len(self.words) > len(forms):
            return False
        return all(not words.isdisjoint(forms[i + k]) for k, words in enumerate(self.words))


@dataclass(frozen=True)
class PP:
    """A prepositional phrase: the preposition, terms its object must contain, target marker, and
    whether it must be the verb's own phrase with the terms in its object's own words (``own``)."""

    prep: str
    terms: tuple[Seq, ...]
    target: bool
    own: bool = False


Term = Seq | PP


#: Named entities whose words name a time, never an event or an argument ("On March 24", "in May").
TIME_ENTITIES = ("DATE", "TIME")


def _word_in(token: Token, words: frozenset[str]) -> bool:
    return any(f in words for f in _forms(token))


@dataclass(frozen=True)
class Pattern:
    """One parsed pattern."""

    id: str
    text: str
    code: str | None
    reverse: str | None
    pre: tuple[Term, ...]
    post: tuple[Term, ...]
    #: a pattern of nothing but the target ("* +"): the verb's object must name an actor
    actor_object: bool = False

    @property
    def weight(self) -> int:
        def w(t: Term) -> int:
            return len(t.words) if isinstance(t, Seq) else 1 + sum(w(x) for x in t.terms)

        return sum(w(t) for t in self.pre + self.post)

    @functools.cached_property
    def needs(self) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
        """Word sets of which the subject side and the rest of the clause must each contain a word
        for the pattern to have a chance: a quick test before the full match."""
        def first_words(terms: tuple[Term, ...]) -> tuple[frozenset[str], ...]:
            out = []
            for t in terms:
                if isinstance(t, PP):
                    out.append(frozenset({t.prep}))
                elif not (len(t.words) == 1 and t.words[0] & _FUNCTION_WORDS):  # those are checked on the verb
                    out.append(t.words[0])
            return tuple(out)

        return first_words(self.pre), first_words(self.post)


@dataclass
class WordEntry:
    """Everything the vocabulary knows about one verb or noun lemma."""

    word: str
    default: str | None = None
    default_reverse: str | None = None
    particles: dict[str, str | None] = field(default_factory=dict)  # "out" -> code for "bring out"
    patterns: list[Pattern] = field(default_factory=list)
    source: str = ""  # the dictionary of its default code (of the first block naming it, if none)
    particle_sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """The code a trigger gets, the pattern that gave it, and the target it points at."""

    code: str | None
    reverse: str | None
    rule: str
    target: Token | None = None


_FUNCTION_WORDS = frozenset({"to", "against", "with", "on", "at", "in", "for", "from", "by", "of", "over", "into",
                            "off", "up", "out", "down", "back", "away", "about", "through", "toward", "towards"})

_TOKEN = re.compile(r"\(|\)|\{|\}|\*|\$|\+|%|\^|=|&[\w'.-]+|[\w'.-]+")


class _Parser:
    def __init__(self, synsets: Mapping[str, Sequence[str]]) -> None:
        self.synsets = synsets
        self._words: dict[str, frozenset[str]] = {}

    def words(self, tok: str) -> frozenset[str]:
        """The forms a pattern word matches: itself and its singular, or the words of a synonym set
        (the same few hundred words recur across the shipped patterns: each is worked out once)."""
        found = self._words.get(tok)
        if found is None:
            found = self._words[tok] = self._forms(tok)
        return found

    def _forms(self, tok: str) -> frozenset[str]:
        if tok.startswith("&"):
            members = self.synsets.get(tok[1:].rstrip("_").lower(), ())
            out = set()
            for m in members:
                w = m.strip().lower()
                out.add(w)
                out.add(singular(w))
            return frozenset(out)
        w = tok.strip("_").lower()
        return frozenset({w, singular(w)})

    def parse(self, text: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
        toks = _TOKEN.findall(text.lower())
        pre: list[Term] = []
        post: list[Term] = []
        side = pre
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok == "*":
                side = post
                i += 1
            elif tok in ("$", "+", "%", "^"):
                i += 1
            elif tok == "=" and i + 1 < len(toks):
                seqs, i = self.seq_at(toks, i + 1)
                side.extend(replace(q, own=True) for q in seqs)
            elif tok == "(":
                depth, j = 1, i + 1
                while j < len(toks) and depth:
                    depth += {"(": 1, ")": -1}.get(toks[j], 0)
                    j += 1
                inner = toks[i + 1 : j - 1]
                own = bool(inner) and inner[0] == "="
                inner = inner[1:] if own else inner
                if inner:
                    prep = inner[0]
                    target = "+" in inner
                    terms = self.seqs(inner[1:])
                    side.append(PP(prep, terms, target, own))
                i = j
            else:
                seqs, i = self.seq_at(toks, i)
                side.extend(seqs)
        return tuple(pre), tuple(post)

    def seqs(self, toks: list[str]) -> tuple[Seq, ...]:
        out: list[Seq] = []
        i = 0
        while i < len(toks):
            if toks[i] in ("$", "+", "%", "^", "(", ")"):
                i += 1
                continue
            seqs, i = self.seq_at(toks, i)
            out.extend(seqs)
        return tuple(out)

    def seq_at(self, toks: list[str], i: int) -> tuple[list[Seq], int]:
        if toks[i] == "{":
            j = i + 1
            words: list[frozenset[str]] = []
            while j < len(toks) and toks[j] != "}":
                if toks[j] not in ("$", "+", "%", "^"):
                    words.append(self.words(toks[j]))
                j += 1
            return ([Seq(tuple(words))] if words else []), j + 1
        if toks[i] in ("}", ")"):
            return [], i + 1
        return [Seq((self.words(toks[i]),))], i + 1


class Vocabulary:
    """Verb and noun entries, keyed by lemma.

    Build it with :func:`load_vocabulary` (the shipped dictionaries) or
    :meth:`from_blocks` (any blocks in the JSON layout of ``data/coder/verbs_*.jsonl``).
    """

    def __init__(self, verbs: dict[str, WordEntry], nouns: dict[str, WordEntry]) -> None:
        self.verbs = verbs
        self.nouns = nouns

    @classmethod
    def from_blocks(
        cls,
        blocks: Iterable[Mapping[str, Any]],
        synsets: Mapping[str, Sequence[str]],
        nouns: Iterable[Mapping[str, Any]] = (),
    ) -> Vocabulary:
        parser = _Parser(synsets)
        verbs: dict[str, WordEntry] = {}
        for block in blocks:
            _add_block(verbs, block, parser)
        noun_entries: dict[str, WordEntry] = {}
        for block in nouns:
            _add_block(noun_entries, block, parser)
        return cls(verbs, noun_entries)

    # -- matching ------------------------------------------------------------------------------

    def verb_entry(self, token: Token) -> WordEntry | None:
        """The entry for a verb token, by lemma, falling back to a de-inflected form when the
        tagger's lemma is off ("staged" lemmatised as "stag")."""
        for form in (token.lemma_.lower(), *deinflect(token.lower_)):
            entry = self.verbs.get(form)
            if entry is not None:
                return entry
        return None

    def match(self, entry: WordEntry, trigger: Token, pre: Sequence[Token], post: Sequence[Token],
              is_actor: Callable[[Token], bool] = lambda t: True) -> Match | None:
        """The best pattern of ``entry`` for ``trigger``, else its default code (or None).

        ``pre`` and ``post`` are the tokens on the subject side and in the rest of the clause;
        ``is_actor`` tells whether a phrase names an actor, which a ``(prep +)`` target must.
        """
        best: tuple[int, int, Pattern, Token | None] | None = None
        forms = doc_forms(trigger.doc)
        pre_words = {f for t in pre for f in forms[t.i]}
        post_words = {f for t in post for f in forms[t.i]}
        plain: list[Token] | None = None  # the clause's words but partitives ("part of") and when, once
        collocated: list[Token] | None = None
        when = _circumstance_words(post)
        for order, pattern in enumerate(entry.patterns):
            needs_pre, needs_post = pattern.needs
            if any(w.isdisjoint(post_words) for w in needs_post) or any(w.isdisjoint(pre_words) for w in needs_pre):
                continue
            # a pattern that stops the verb's code names a collocation: its words are the object
            # ("fight crime", "attack aircraft"), not any word of the clause ("fought the army
            # since 2014", "attacked Ukraine with drones")
            if pattern.code is None and pattern.reverse is None:
                if collocated is None:
                    collocated = [t for t in _collocated(trigger, post, is_actor)
                                  if not _partitive(t) and t.i not in when and not _hyphened(t)]
                words = collocated
            else:
                if plain is None:
                    plain = [t for t in post if not _partitive(t) and t.i not in when and not _hyphened(t)]
                words = plain
            ok, target = _match_terms(pattern.post, trigger, post, is_actor, words=words)
            if not ok or (pattern.actor_object and not any(c.dep_ == "dobj" and is_actor(c) for c in trigger.children)):
                continue
            ok_pre, _ = _match_terms(pattern.pre, trigger, pre, is_actor)
            if not ok_pre:
                continue
            key = (pattern.weight, -order)
            if best is None or key > best[:2]:
                best = (*key, pattern, target)
        if best is not None:
            pattern, target = best[2], best[3]
            return Match(pattern.code, pattern.reverse, pattern.id, target)
        for particle, code in entry.particles.items():
            if any(c.dep_ in ("prt", "prep") and c.lower_ == particle for c in trigger.children):
                source = entry.particle_sources.get(particle, entry.source)
                return Match(code, None, f"{source}:{entry.word} {particle}")
        if entry.default is not None:
            return Match(entry.default, entry.default_reverse, f"{entry.source}:{entry.word}")
        return None


def _add_block(index: dict[str, WordEntry], block: Mapping[str, Any], parser: _Parser) -> None:
    source = block.get("src", "")
    name = block.get("block", "")
    patterns = []
    for n, (text, code, reverse) in enumerate(block.get("patterns", [])):
        pre, post = parser.parse(text)
        bare = not pre and not post and "+" in text  # "repeat * +": to repeat someone, not anything
        patterns.append(Pattern(f"{source}:{name}:{n + 1}", text, code, reverse, pre, post, bare))
    for verb, code in block.get("verbs", {}).items():
        words = verb.split()
        head = words[0]
        entry = index.setdefault(head, WordEntry(head, source=source))
        if len(words) > 1:
            particle = " ".join(words[1:])
            if particle not in entry.particles:
                entry.particles[particle] = code
                entry.particle_sources[particle] = source
            continue
        if code is not None and entry.default is None:
            entry.default = code
            entry.default_reverse = block.get("reverse")
            entry.source = source  # a block of patterns only may have made the entry
        entry.patterns.extend(patterns)


def _collocated(trigger: Token, post: Sequence[Token], is_actor: Callable[[Token], bool]) -> list[Token]:
    """The words of the clause that make a collocation with the verb: the word right after it; its
    object's head, with that head's compounds and adjectives, and so the objects of its own
    "against" and "to" phrases ("fight against crime", "went to court"); the object's appositions
    ("ousted Bashir, the country's ruler"); and for an object that is no actor, what it is of
    ("seized 50 kilograms of heroin", "fight the scourge of crime"; not "expelled the envoy of the
    former ruler"). Other prepositional phrases say how, when or where ("attacked Ukraine with
    drones", "fought the army since 2014") and are matched as phrases only ("fight (with
    corruption)")."""
    near = {trigger.i + 1}
    todo = [c for c in trigger.children if c.dep_ in ("dobj", "prt")]
    todo += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("against", "to")
             for p in c.children if p.dep_ == "pobj"]
    seen: set[int] = set()
    while todo:
        obj = todo.pop()
        if obj.i in seen:
            continue
        seen.add(obj.i)
        near.add(obj.i)
        near.update(c.i for c in obj.children if c.dep_ in ("compound", "amod"))
        for c in obj.children:
            if c.dep_ == "appos" and c.pos_ != "PRON":
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of" and obj.pos_ == "NOUN" and not is_actor(obj):
                todo.extend(p for p in c.children if p.dep_ == "pobj")
    return [t for t in post if t.i in near]


#: Nouns that name an amount of what they are of ("part of the stronghold", "most of the city").
_PARTITIVES = frozenset({"part", "parts", "portion", "half", "most", "rest", "remainder", "bulk", "majority",
                         "much", "some", "section"})


def _partitive(token: Token) -> bool:
    """Whether a word names an amount of its "of" phrase, which is then what a pattern speaks of:
    "captured part of the stronghold" captured a stronghold; "took part in" is still "take part"."""
    return token.lower_ in _PARTITIVES and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _hyphened(token: Token) -> bool:
    """Whether a word is the last part of a hyphened modifier of a noun ("fire" of "live-fire
    drills", "range" of "long-range missiles"): part of one adjective, no word of a pattern ("hold
    fire" is a ceasefire; holding live-fire drills is not)."""
    return token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN") and any(
        c.tag_ == "HYPH" for c in token.children)


#: Prepositions whose phrase says when, or despite what, an act was done ("after the cabinet meeting",
#: "during the visit"): its words are no words of a pattern, only a phrase of the pattern names them
#: ("* (after protest)"). (``syntax.clause`` leaves out the clauses, not phrases, of a set of its own:
#: "without" and "while" head clauses of other acts, but "held without charge" names the holding.)
CIRCUMSTANCE_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "till", "amid",
                                 "amidst", "despite"})


def _circumstance_words(post: Sequence[Token]) -> set[int]:
    """Positions of the words inside phrases of :data:`CIRCUMSTANCE_PREPS` in a clause."""
    return {x.i for t in post if t.dep_ == "prep" and t.lower_ in CIRCUMSTANCE_PREPS for x in t.subtree}


def _pp_object(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _names_a_time(prep: Token) -> bool:
    """Whether a preposition's object is a date or time ("on Monday"): it says when, and is no
    argument of a pattern, neither "(on +)" nor a lone "on" ("pressed on" advances; "demanded
    reforms on Monday" does not)."""
    obj = _pp_object(prep)
    return obj is not None and obj.ent_type_ in TIME_ENTITIES


def _in_agent_phrase(token: Token, trigger: Token) -> bool:
    """Whether ``token`` lies inside the "by" phrase of a passive trigger (below its agent)."""
    return any(c.dep_ == "agent" and c.i != token.i and token in c.subtree for c in trigger.children)


def _own(prep: Token, trigger: Token) -> bool:
    """Whether a prepositional phrase is the trigger's own: on it, or on its particle ("sent him
    back [to jail]"), not on its object ("ordered an inquiry into a death [in custody]")."""
    head = prep.head
    return head.i == trigger.i or head.head.i == trigger.i and head.dep_ in ("advmod", "prt")


def _phrase(head: Token) -> list[Token]:
    """A noun phrase without the phrases and clauses hanging from it ("the death [of a man]")."""
    out = [head]
    for c in head.children:
        if c.dep_ not in ("prep", "relcl", "acl", "advcl", "appos", "conj", "cc", "punct"):
            out.extend(_phrase(c))
    return out


def _match_terms(terms: Sequence[Term], trigger: Token, scope: Sequence[Token],
                 is_actor: Callable[[Token], bool], words: Sequence[Token] | None = None) -> tuple[bool, Token | None]:
    """Whether ``terms`` match: words in ``words`` (default: ``scope``), phrases in ``scope``."""
    forms = doc_forms(trigger.doc)
    words = scope if words is None else words
    target: Token | None = None
    for term in terms:
        if isinstance(term, Seq):
            if len(term.words) == 1 and term.words[0] & _FUNCTION_WORDS:
                # a lone preposition or particle belongs to the verb: "mobilize against", not "war against"
                if not any(c.dep_ in ("prep", "prt", "agent", "dative", "advmod") and _word_in(c, term.words[0])
                           and not _names_a_time(c) for c in trigger.children):
                    return False, None
            elif term.own:
                if not any(term.match_at(forms, c.i) for c in trigger.children):
                    return False, None
            elif not any(term.match_at(forms, t.i) for t in words):
                return False, None
        else:
            found = False
            for t in scope:
                if t.lower_ != term.prep or t.dep_ not in ("prep", "agent", "dative", "prt", "advmod"):
                    continue
                if _names_a_time(t) and term.prep not in ("until", "till"):
                    continue  # "on Monday" says when, not what the pattern's "(on)" speaks of
                if _in_agent_phrase(t, trigger):
                    continue  # "headed by an ambassador [to Argentina]": the agent's, not the verb's
                obj = _pp_object(t)
                if term.own:  # "(=in &detention)": the verb's own phrase, whose object is the word
                    if obj is None or not _own(t, trigger):
                        continue
                    inner = _phrase(obj)
                else:
                    inner = [x for x in t.subtree if x.i != t.i]
                if not all(any(s.match_at(forms, x.i) for x in inner) for s in term.terms):
                    continue
                if term.target:
                    if obj is None or not is_actor(obj):
                        continue
                    target = obj
                found = True
                break
            if not found:
                return False, None
    return True, target


@functools.cache
def event_nouns() -> dict[str, str | None]:
    """The nouns of the shipped vocabulary that name events, with their default CAMEO code
    ("attack": "190", "talks": "046"; ``data/coder/nouns.jsonl``; the first block naming a noun
    gives its code, as in :meth:`Vocabulary.from_blocks`).

    Examples
    --------
    >>> event_nouns()["invasion"], "economy" in event_nouns()
    ('192', False)
    """
    out: dict[str, str | None] = {}
    for block in read_jsonl("coder", "nouns.jsonl"):
        for word, code in block.get("verbs", {}).items():
            if " " not in word and word not in out:
                out[word] = code
    return out


def _single_words(keys: Sequence[str]) -> frozenset[str]:
    """The one-word members of the synonym sets ``keys`` of ``data/coder/synsets_*.json``."""
    words: set[str] = set()
    for name in ("synsets_petrarch2.json", "synsets_blocwatch.json"):
        data = read_json("coder", name)
        for key in keys:
            words.update(w.lower() for w in data.get(key, []) if " " not in w)
    return frozenset(words)


@functools.cache
def weapon_words() -> frozenset[str]:
    """Single words for weapons and aircraft (the synonym sets ``weapon``, ``munition``,
    ``missile`` and ``aircraft`` of ``data/coder/synsets_*.json``): "missile", "drone", "shells".

    Examples
    --------
    >>> {"missile", "drone", "artillery"} <= weapon_words(), "rail" in weapon_words()
    (True, False)
    """
    return _single_words(("weapon", "munition", "missile", "aircraft"))


@functools.cache
def detention_words() -> frozenset[str]:
    """Single words for places and states of detention (the synonym set ``detention``): where
    someone is sent or held, not someone an act is done to ("returned him [to prison]").

    Examples
    --------
    >>> {"prison", "jail", "custody"} <= detention_words(), "court" in detention_words()
    (True, False)
    """
    return _single_words(("detention",))


@functools.cache
def load_light_verbs() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Light verbs, the objects with which they name no act of their own ("took steps"), verbs
    of thinking, of heading or holding something, of degree, and verbs whose PETRARCH-2 default is
    a sense seldom meant in news, which name none by themselves ("thought", "is led by", "controls
    the region", "increased uncertainty", "faced criticism"), and verbs that describe their object when given an
    object predicate ("called the vote illegal") (``data/coder/light_verbs.json``, provenance
    inside)."""
    data = _light_verb_lists()
    return (frozenset(data["verbs"]), frozenset(data["objects"]),
            frozenset(data["cognitive"]) | frozenset(data["roles"]) | frozenset(data["degree"])
            | frozenset(data["no_default"]),
            frozenset(data["describing"]))


@functools.cache
def load_relaying_verbs() -> frozenset[str]:
    """Verbs that pass on what happened ("reported a missile attack"), whose patterns of material
    and hostile acts do not make the speaker their doer (``data/coder/light_verbs.json``)."""
    return frozenset(_light_verb_lists()["relaying"])


@functools.cache
def load_causal_verbs() -> frozenset[str]:
    """Verbs that, with no object and "to", say what an event led to ("the talks led to a
    ceasefire"): no act of their subject (``data/coder/light_verbs.json``)."""
    return frozenset(_light_verb_lists()["causal"])


@functools.cache
def load_responding_verbs() -> frozenset[str]:
    """Verbs of answering an act ("retaliated", "responded") whose default code gives way to the
    means a "by" phrase names ("retaliated by imposing tariffs") (``data/coder/light_verbs.json``)."""
    return frozenset(_light_verb_lists()["responding"])


@functools.cache
def load_resulting_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs that, with an object and the state it ends in, say what an act resulted in ("left
    ten dead", "rendered the runway unusable"): no act of their own; and what an object can be
    left without as such a state ("without power") (``data/coder/light_verbs.json``)."""
    data = _light_verb_lists()
    return frozenset(data["resulting"]), frozenset(data["lacking"])


@functools.cache
def load_failing_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs of failing, which with an infinitive reject only when what failed is an agreement, and
    the verbs of coming to or keeping one ("failed to reach a deal", "failed to comply")
    (``data/coder/light_verbs.json``).

    Examples
    --------
    >>> failing, agreeing = load_failing_verbs()
    >>> "fail" in failing, "reach" in agreeing, "protect" in agreeing
    (True, True, False)
    """
    data = _light_verb_lists()
    return frozenset(data["failing"]), frozenset(data["agreeing"])


@functools.cache
def load_agreement_objects() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs of agreeing that are so only with an object of agreement or duty ("reach a deal", "meet
    its obligations"; not "reach Damascus"), and those objects (``data/coder/light_verbs.json``).

    Examples
    --------
    >>> verbs, objects = load_agreement_objects()
    >>> "reach" in verbs, "deal" in objects, "deadline" in objects
    (True, True, False)
    """
    data = _light_verb_lists()
    return frozenset(data["agreeing_if_object"]), frozenset(data["agreement_objects"])


@functools.cache
def load_pricing_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs that, with a sum, a share or a price as object, ask a price ("charging 25% more for
    electricity", "charged a fee"): no accusation; and the nouns of such prices
    (``data/coder/light_verbs.json``).

    Examples
    --------
    >>> verbs, prices = load_pricing_verbs()
    >>> "charge" in verbs, "fee" in prices, "minister" in prices
    (True, True, False)
    """
    data = _light_verb_lists()
    return frozenset(data["pricing"]), frozenset(data["prices"])


@functools.cache
def load_stance_nouns() -> frozenset[str]:
    """Nouns of what a state decides, proposes or claims, that a state's adjective makes that
    state's ("a French proposal", "the Chinese decision") (``data/coder/stance_nouns.json``,
    provenance inside).

    Examples
    --------
    >>> "proposal" in load_stance_nouns(), "crisis" in load_stance_nouns()
    (True, False)
    """
    return frozenset(read_json("coder", "stance_nouns.json")["nouns"])


@functools.cache
def load_serving_roles() -> dict[str, frozenset[str]]:
    """Nouns of people who act for another, by the preposition that names whom they act for ("the
    head of", "a spokesman for", "an adviser to") (``data/coder/serving_roles.json``, provenance inside).

    Examples
    --------
    >>> roles = load_serving_roles()
    >>> "spokesman" in roles["for"], "ambassador" in roles["to"]
    (True, False)
    """
    data = read_json("coder", "serving_roles.json")
    return {prep: frozenset(data[prep]) for prep in ("of", "for", "to")}


@functools.cache
def load_document_nouns() -> frozenset[str]:
    """Nouns of texts states draft, adopt or reject, whose "on" or "about" phrase is their topic
    ("a resolution on Syria") (``data/coder/documents.json``, provenance inside).

    Examples
    --------
    >>> "resolution" in load_document_nouns(), "sanction" in load_document_nouns()
    (True, False)
    """
    return frozenset(_document_lists()["nouns"])


@functools.cache
def load_evaluations() -> tuple[frozenset[str], frozenset[str]]:
    """Words by which a description judges what it describes: negative and positive
    ("called the visit a provocation", "called Putin a close friend") (``data/coder/evaluations.json``,
    provenance inside).

    Examples
    --------
    >>> negative, positive = load_evaluations()
    >>> "provocation" in negative, "friend" in positive, "country" in negative | positive
    (True, True, False)
    """
    data = read_json("coder", "evaluations.json")
    return frozenset(data["negative"]), frozenset(data["positive"])


@functools.cache
def load_authored_nouns() -> frozenset[str]:
    """Nouns of texts one party writes or tables, whose author a state's adjective or abbreviated
    name in front names ("the British report", "the U.S. resolution") (``data/coder/documents.json``).

    Examples
    --------
    >>> "report" in load_authored_nouns(), "deal" in load_authored_nouns()
    (True, False)
    """
    return frozenset(_document_lists()["authored"])


@functools.cache
def load_text_kinds() -> frozenset[str]:
    """Nouns that say what kind of text a text is ("investigation", "intelligence"), which may stand
    between its author and it ("the British intelligence report") (``data/coder/documents.json``).

    Examples
    --------
    >>> "intelligence" in load_text_kinds(), "balloon" in load_text_kinds()
    (True, False)
    """
    return frozenset(_document_lists()["kinds"])


@functools.cache
def load_civil_drill_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Words that make a drill or exercise a civil one ("an earthquake drill", "a voter
    registration exercise"), words that keep it military whatever else it is for ("post-election
    military drills"), and the verbs whose act a drill is ("held", "conducted")
    (``data/coder/civil_drills.json``, provenance inside).

    Examples
    --------
    >>> civil, military, holding = load_civil_drill_words()
    >>> "earthquake" in civil, "naval" in civil, "naval" in military, "conduct" in holding
    (True, False, True, True)
    """
    data = read_json("coder", "civil_drills.json")
    return frozenset(data["civil"]), frozenset(data["military"]), frozenset(data["holding"])


@functools.cache
def _document_lists() -> dict[str, Any]:
    return read_json("coder", "documents.json")  # read once for its three lists


@functools.cache
def load_ultimatum() -> tuple[frozenset[str], frozenset[str], str]:
    """Verbs of granting a time, the nouns of a span of time, and the code of a deadline set with
    them ("gave Russia 50 days to end the war": a threat, CAMEO 130) (``data/coder/light_verbs.json``).

    Examples
    --------
    >>> verbs, spans, code = load_ultimatum()
    >>> "give" in verbs, "day" in spans, code
    (True, True, '130')
    """
    data = _light_verb_lists()
    return frozenset(data["ultimatum"]), frozenset(data["ultimatum_spans"]), data["ultimatum_code"]


@functools.cache
def _light_verb_lists() -> dict[str, Any]:
    return read_json("coder", "light_verbs.json")  # read once for both views of it


@functools.cache
def load_reciprocal() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str],
                               tuple[tuple[str, ...], ...], frozenset[str]]:
    """Symmetric predicates: verbs and nouns whose act two parties do with each other ("met",
    "signed", "held talks"), the verbs by which a third party brings others to such an act ("host",
    "broker"), the words and phrases that make any act mutual ("jointly", "each other"), and the
    verbs of exchange, whose act of any kind is mutual ("traded accusations", "clashed")
    (``data/coder/reciprocal.json``, provenance inside).

    Examples
    --------
    >>> verbs, nouns, third_party, markers, phrases, exchanges = load_reciprocal()
    >>> "meet" in verbs, "talk" in nouns, "host" in verbs, ("each", "other") in phrases, "fight" in exchanges
    (True, True, False, True, False)
    """
    data = read_json("coder", "reciprocal.json")
    return (frozenset(data["verbs"]), frozenset(data["nouns"]), frozenset(data["third_party"]),
            frozenset(data["markers"]), tuple(tuple(p.split()) for p in data["phrases"]), frozenset(data["exchanges"]))


def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary: blocwatch's own verbs and nouns first, then PETRARCH-2's verbs."""
    synsets: dict[str, list[str]] = {}
    for name in ("synsets_petrarch2.json", "synsets_blocwatch.json"):
        data = read_json("coder", name)
        for key, words in data.items():
            synsets.setdefault(key, []).extend(words)
    blocks = read_jsonl("coder", "verbs_blocwatch.jsonl") + read_jsonl("coder", "verbs_petrarch2.jsonl")
    return Vocabulary.from_blocks(blocks, synsets, nouns=read_jsonl("coder", "nouns.jsonl"))
