"""Event extraction from a parsed document: triggers, roles, actors, mode, date, evidence.

For every sentence the extractor looks for event triggers (verbs in the vocabulary, and event
nouns carried by a light verb: "held talks", "conducted a missile launch"), finds the source
(subject, or the agent of a passive) and the target (object, or the object of a preposition
such as *with*, *to*, *against*), resolves each to actors with the actor dictionary, and
expands coordinated actors ("the US, South Korea and Japan") into one event per pair.

Two CAMEO conventions are applied generally, not per sentence: a planned or promised event
("will visit", "vowed to retaliate") is also a *statement of intent* (CAMEO 03x for
cooperation, 13x threats for conflict), coded as a fact; and an accusation about an attack
is coded as an accusation of aggression (1123).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from blocwatch.coder.actors import ActorDictionary, ActorRecord, AgentRecord, Mention, split_code
from blocwatch.coder.dates import When, reported, resolve
from blocwatch.coder.events import Actor, CodedEvent
from blocwatch.coder.modality import COMMITMENT_HEADS, FUTURE_HEADS, REPORTING_VERBS, mode_of
from blocwatch.coder.petrarch import CodeSpan
from blocwatch.coder.vocabulary import Match, Vocabulary, WordEntry
from blocwatch.data import read_csv

__all__ = ["Extractor", "intent_code", "mirror"]

_SUBJECT = ("nsubj", "csubj")
_CLAUSE_BREAK = ("advcl", "ccomp", "parataxis", "relcl", "acl", "conj", "cc", "punct", "mark", "appos")
#: Prepositions whose object is a target ("talks with X", "attack on X", "aid to X").
TARGET_PREPS = ("with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "over", "for", "from", "of")
_LIGHT_VERBS = {"issue", "deliver", "renew", "reopen", "restart", "enter", "engage", "embark", "give", "extend",
                "offer", "hold", "conduct", "stage", "carry", "launch", "begin", "start", "mount", "undertake",
                "resume", "continue", "have", "make", "pay", "conclude", "complete", "step", "intensify",
                "expand", "kick", "wrap", "announce", "open", "attend", "join", "perform", "execute",
                "unleash", "finish", "end", "sign", "impose", "send", "order"}
_PLACE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "outside"}
_MEASURE_HEADS = {"day", "days", "week", "weeks", "round", "rounds", "series", "wave", "spate", "string",
                  "volley", "salvo", "barrage", "hours", "months", "year", "years", "flurry"}
_GENERIC_EVENT_HEADS = {"effort", "campaign", "bid", "drive", "move", "initiative", "operation", "programme",
                        "program", "mission", "process", "session", "exercise"}
_EVENT_INTRANSITIVES = {"take", "begin", "start", "end", "resume", "continue", "happen", "occur", "follow",
                        "conclude", "open", "kick", "get"}
_OBJECT_CONTROL = {"urge", "ask", "tell", "order", "force", "allow", "permit", "encourage", "invite",
                   "persuade", "help", "warn", "press", "push", "require", "accuse", "blame", "praise",
                   "thank", "criticize", "criticise", "condemn", "charge", "call"}
#: Roots where a group acting together ("X and Y signed", "held talks") acts towards each other.
_MUTUAL_ROOTS = {"03", "04", "05", "06"}
#: Roots whose events take their location as target when the text names none.
_PLACE_TARGET_ROOTS = {"04", "14", "15", "18", "19", "20"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_DEFINITE = {"the", "this", "these", "that", "those", "its", "their"}
#: Nouns that can refer to any earlier act: "criticised the decision".
_ANY_ACT = {"decision", "move", "step", "action", "act", "announcement", "disclosure", "provocation",
            "incident", "measure", "plan", "campaign"}
#: Rule of a placeholder for an act someone is said to be obliged to do (see ``_obligations``).
_OBLIGATION = "obligation:"
_QUANTITY_HEADS = {"hundreds", "hundred", "thousands", "thousand", "dozens", "dozen", "scores", "millions",
                   "some", "many", "most", "all", "several", "number", "group", "members", "member", "part",
                   "units", "contingent", "team"}
#: Nouns that stand for the actor their modifier names: "a Russian delegation", "his Chinese counterpart".
ACTOR_HEADS = {"target", "position", "base", "facility", "stronghold", "territory", "outpost", "installation",
               "forum", "organization", "organisation", "group", "alliance", "bloc", "body", "council", "union",
               "coalition", "movement", "party", "front", "commission", "committee", "assembly", "association",
               "federation", "league", "community", "state", "nation", "country", "republic", "kingdom",
               "navy", "army", "force", "contingent", "battalion", "brigade", "fleet", "militia", "office",
               "presidency", "ministry", "department", "court", "parliament", "regime", "administration",
               "delegation", "side", "counterpart", "team", "representative", "camp", "neighbour", "neighbor",
               "ally", "partner", "leadership", "people", "national", "citizen", "unit", "vessel", "ship",
               "warship", "jet", "aircraft", "plane", "drone", "boat", "embassy", "consulate", "mission",
               "negotiator", "company", "firm", "agency", "he", "she", "they", "it", "capital"}
_GROUP_WORDS = {"countries", "nations", "sides", "leaders", "governments", "states", "neighbours", "neighbors",
                "allies", "parties", "capitals", "koreas"}

@functools.cache
def _mirrors() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in read_csv("coder", "mirrors.csv"):
        table.setdefault(row["kind"], {})[row["event"]] = row["code"]
    return table


def mirror(kind: str, code: str) -> str | None:
    """The code of a statement about an event: ``intent`` (promised), ``demand``ed or ``refusal``.

    CAMEO's codes for intentions (03x, threats 13x), demands (10x) and rejections (12x) mirror
    the codes of what is intended, demanded or rejected (``data/coder/mirrors.csv``); the
    longest matching prefix wins.

    >>> mirror("intent", "042"), mirror("intent", "190"), mirror("demand", "0874"), mirror("refusal", "085")
    ('036', '1384', '106', '1244')
    >>> mirror("intent", "112") is None
    True
    """
    table = _mirrors()[kind]
    for n in (4, 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def intent_code(code: str) -> str | None:
    """The statement-of-intent code for a planned event's code, or None for verbal events.

    >>> intent_code("042"), intent_code("0332"), intent_code("190"), intent_code("112")
    ('036', '0332', '1384', None)
    """
    if code[:2] in ("03", "13"):
        return code
    return mirror("intent", code)


@dataclass(frozen=True)
class _Group:
    """A stand-in for several actors: "the two countries", "both sides"."""

    records: tuple[ActorRecord, ...]


@dataclass
class _Candidate:
    trigger: Token
    anchor: Token  # the verb the event hangs on (the trigger, or a noun's light verb)
    match: Match
    sources: list[Actor]
    targets: list[Actor]
    tokens: list[Token]
    mutual: bool = False
    mode: str = "factual"
    when: When | None = None


class _Context:
    """What a document has mentioned so far, for "the North" and "the two countries"."""

    def __init__(self) -> None:
        self.countries: list[str] = []  # CAMEO codes of states, in order of mention
        self.records: dict[str, ActorRecord] = {}
        self.korea = False
        self.surnames: dict[str, ActorRecord | None] = {}  # "Kim" -> Kim Jong Un; None if ambiguous
        self.history: list[tuple[str, str, list[Actor]]] = []  # (trigger lemma, root, sources) of events

    def note_person(self, span: Span, record: ActorRecord) -> None:
        """Remember the parts of a person's name, for a later "Kim" or "Putin"."""
        if len(span) < 2 or not all(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span):
            return
        for tok in span:
            if len(tok.text) > 2 and tok.text[0].isupper():
                known = self.surnames.get(tok.text, record)
                self.surnames[tok.text] = record if known is record else None

    def state(self, code: str | None) -> ActorRecord | None:
        """The context record of a state by its CAMEO code."""
        return self.records.get(code[:3]) if code else None

    def note(self, record: ActorRecord, day: date | None) -> None:
        code = record.code_on(day)
        if not code:
            return
        country, _ = split_code(code)
        if country in ("PRK", "KOR"):
            self.korea = True
        if country and len(code) >= 3:
            base = code[:3]
            if base in self.countries:
                self.countries.remove(base)
            self.countries.append(base)
            self.records.setdefault(base, ActorRecord((CodeSpan(base),), "context"))

    def last_two(self) -> tuple[ActorRecord, ...]:
        return tuple(self.records[c] for c in self.countries[-2:]) if len(self.countries) >= 2 else ()


class Extractor:
    """Codes events from documents parsed by the coder's spaCy pipeline."""

    def __init__(self, vocabulary: Vocabulary, actors: ActorDictionary) -> None:
        self.vocabulary = vocabulary
        self.actors = actors

    # -- document ------------------------------------------------------------------------------

    def document(self, doc: Doc, doc_id: str, published: date | None, url: str | None = None,
                 offset: int = 0, first_sentence: int = 0) -> list[CodedEvent]:
        """Events in ``doc``; ``offset`` and ``first_sentence`` place a piece of a longer document."""
        mentions = self.actors.find(doc)
        context = _Context()
        out: list[CodedEvent] = []
        by_sentence: dict[int, list[Mention]] = {}
        sentences = list(doc.sents)
        starts = [s.start for s in sentences]
        for m in mentions:
            idx = _sentence_index(starts, m.start)
            by_sentence.setdefault(idx, []).append(m)
        for index, sent in enumerate(sentences):
            for m in by_sentence.get(index, []):
                if isinstance(m.record, ActorRecord):
                    context.note(m.record, published)
                    context.note_person(doc[m.start:m.end], m.record)
            sent_mentions = self._ellipsis(sent, by_sentence.get(index, []), context)
            sent_mentions = self._possessives(sent, sent_mentions, context, published)
            events = self.sentence(sent, sent_mentions, published)
            for ev in events:
                if not ev.targets and ev.sources:
                    ev.targets = self._referred(ev, context)
                if ev.mode == "factual" and ev.sources:
                    context.history.append((ev.trigger.lemma_.lower(), (ev.match.code or "")[:2], ev.sources))
                out.extend(self._coded(ev, doc_id, first_sentence + index, sent, published, url, offset))
        return out

    def _referred(self, cand: _Candidate, context: _Context) -> list[Actor]:
        """The doers of an earlier event the candidate's object refers to: "condemned [the launch]".

        The object must be definite ("the", "this", "its") and name an event: the same word as an
        earlier event's trigger, an event noun of the vocabulary (matched by CAMEO root), or a
        word for any act ("the decision", "the move"). The latest such event wins.
        """
        objects = [c for c in cand.anchor.children if c.dep_ == "dobj"] + [
            p for c in cand.anchor.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
            for p in c.children if p.dep_ == "pobj"]
        own = {a.code[:3] for a in cand.sources}
        for obj in objects:
            if not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in obj.children):
                continue
            lemma = obj.lemma_.lower()
            entry = self.vocabulary.nouns.get(lemma)
            roots = set()
            if entry is not None:
                roots = {c[:2] for c in [entry.default, *(p.code for p in entry.patterns)] if c}
            for earlier_lemma, earlier_root, sources in reversed(context.history):
                if earlier_lemma == lemma or earlier_root in roots or lemma in _ANY_ACT:
                    doers = [a for a in sources if a.code[:3] not in own]
                    if doers:
                        return doers
                    break
        return []

    def _possessives(self, sent: Span, mentions: list[Mention], context: _Context,
                     day: date | None) -> list[Mention]:
        """ "its forces", "their troops": the state the pronoun stands for, when an agent follows.

        In reported speech the speaker is meant ("Ukraine said its forces ..."); otherwise the
        subject of the sentence, or else the state mentioned last.
        """
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        extra: list[Mention] = []
        for tok in sent:
            if tok.dep_ != "poss" or tok.lower_ not in ("its", "their") or tok.i in by_token:
                continue
            head = by_token.get(tok.head.i)
            if head is None or not head.is_agent:
                continue
            owner: ActorRecord | None = None
            node = tok.head
            while node.head.i != node.i and owner is None:
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    for subj in (c for c in node.children if c.dep_ in _SUBJECT and c.i in by_token):
                        rec = by_token[subj.i].record
                        if isinstance(rec, ActorRecord) and split_code(rec.code_on(day) or "")[0]:
                            owner = context.state(rec.code_on(day))
            if owner is None and context.countries:
                owner = context.records[context.countries[-1]]
            if owner is not None:
                extra.append(Mention(tok.i, tok.i + 1, owner, tok.text))
        return sorted(mentions + extra, key=lambda m: m.start)

    def _ellipsis(self, sent: Span, mentions: list[Mention], context: _Context) -> list[Mention]:
        """Add mentions for "the North", "the South" and "the two countries" from context."""
        taken = {i for m in mentions for i in range(m.start, m.end) if not m.is_agent}
        agents = {i: m for m in mentions for i in range(m.start, m.end) if m.is_agent}
        extra: list[Mention] = []
        for tok in sent:
            if tok.i in taken:
                continue
            if tok.pos_ == "PROPN" and tok.i not in agents and context.surnames.get(tok.text) is not None:
                record = context.surnames[tok.text]
                extra.append(Mention(tok.i, tok.i + 1, record, tok.text))  # type: ignore[arg-type]
                continue
            prev = tok.nbor(-1) if tok.i > sent.start else None
            if (context.korea and tok.text in ("North", "South") and prev is not None and prev.lower_ == "the"
                    and (tok.i + 1 >= sent.end or tok.nbor(1).text not in ("Korea", "Korean", "Koreans"))):
                code = "PRK" if tok.text == "North" else "KOR"
                extra.append(Mention(tok.i, tok.i + 1, ActorRecord((CodeSpan(code),), "context"), tok.text))
            elif tok.lower_ in _GROUP_WORDS and prev is not None and prev.lower_ in ("two", "both"):
                group = context.last_two()
                if group:
                    if tok.lower_ in ("leaders", "governments"):
                        group = tuple(ActorRecord((CodeSpan(r.codes[0].code + "GOV"),), "context") for r in group)
                    extra.append(Mention(prev.i, tok.i + 1, _Group(group), f"{prev.text} {tok.text}"))  # type: ignore[arg-type]
                    if tok.i in agents:  # "the two leaders": the group, not a leader of no state
                        mentions = [m for m in mentions if m is not agents[tok.i]]
        return sorted(mentions + extra, key=lambda m: m.start)

    def _coded(self, cand: _Candidate, doc_id: str, index: int, sent: Span, published: date | None,
               url: str | None, offset: int) -> list[CodedEvent]:
        """The dyadic events of a candidate: one per source-target pair, plus reciprocals."""
        code = cand.match.code or ""
        pairs: list[tuple[Actor, Actor | None, str]] = []
        if code[:2] == "01" and cand.targets and all(t.code == "MED" for t in cand.targets):
            pass  # "told reporters": a statement to the press is addressed to no one in particular
        elif cand.targets:
            pairs = [(s, t, code) for s in cand.sources for t in cand.targets if s.code != t.code]
            if cand.match.reverse:
                pairs += [(t, s, cand.match.reverse) for s, t, _ in list(pairs) if t is not None]
        elif (cand.mutual or len(cand.sources) > 1) and code[:2] in _MUTUAL_ROOTS:
            pairs = [(a, b, code) for a in cand.sources for b in cand.sources if a.code != b.code]
        elif code != "010":  # a plain statement only counts when addressed to someone
            pairs = [(s, None, code) for s in cand.sources]
        pairs = list(dict.fromkeys((s, t, c) for s, t, c in pairs))
        inside = [t for t in cand.tokens if sent.start <= t.i < sent.end]
        start = min(t.idx for t in inside)
        end = max(t.idx + len(t.text) for t in inside)
        when = cand.when or (reported(published) if published else None)
        return [
            CodedEvent(
                doc_id=doc_id, sentence=index, trigger=cand.trigger.idx + offset, source=src, target=tgt,
                cameo=c, mode=cand.mode, date=when.date if when else None,
                date_precision=when.precision if when else None, date_text=when.text if when else "",
                evidence_text=sent.text, evidence_start=start + offset, evidence_end=end + offset,
                rule=cand.match.rule, url=url, published=published,
            )
            for src, tgt, c in pairs
        ]

    def _date(self, cand: _Candidate, published: date | None) -> When | None:
        """The date the text gives the event, else None (the caller flags the publication date)."""
        if published is None:
            return None
        anchors = {cand.trigger.i, cand.anchor.i}
        future = cand.mode == "future"
        for ent in cand.trigger.sent.ents:
            if ent.label_ != "DATE":
                continue
            root = ent.root
            prefix = ""
            # a date phrase hangs on the verb, or is parsed onto its object ("held talks [on Monday]")
            hosts = anchors | {c.i for i in anchors for c in cand.trigger.doc[i].children if c.dep_ == "dobj"}
            if root.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod") and root.head.i in anchors:
                pass
            elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i in hosts:
                prefix = root.head.text + " " if root.head.lower_ == "since" else ""
            else:
                continue
            when = resolve(prefix + ent.text, published, future=future)
            if when is not None:
                return when
        return None

    # -- sentence ------------------------------------------------------------------------------

    def sentence(self, sent: Span, mentions: Sequence[Mention], published: date | None) -> list[_Candidate]:
        """Candidate events of one sentence, with mode and date resolved."""
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token[i] = m
        candidates: list[_Candidate] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and (tok.dep_ not in ("amod", "aux") or _misparsed_verb(tok)):
                entry = self.vocabulary.verb_entry(tok)
                cand = self._verb_event(tok, entry, by_token, published) if entry is not None else None
                if cand is not None:
                    candidates.append(cand)
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in self.vocabulary.nouns:
                cand = self._noun_event(tok, self.vocabulary.nouns[lemma], by_token, published)
                if cand is not None:
                    candidates.append(cand)
        candidates = _prefer_nouns_over_light_verbs(candidates)
        candidates += self._obligations(sent, candidates, by_token, published)
        place = self._sentence_place(sent, by_token, published)
        for cand in candidates:
            if place is not None:
                cand.sources = [_located(a, place) for a in cand.sources]
            cand.mode = _candidate_mode(cand)
            cand.when = self._date(cand, published)
        derived = self._derive(candidates, by_token, published)
        return [c for c in derived if not c.match.rule.startswith(_OBLIGATION)]

    def _obligations(self, sent: Span, candidates: list[_Candidate], by_token: dict[int, Mention],
                     published: date | None) -> list[_Candidate]:
        """What a speaker says someone else must or should do, or asks them to do, when the
        vocabulary has no code for the act itself ("said Libya must hand over the suspects",
        "urged Pyongyang to return to talks"): a demand (100) or an appeal (020).

        The candidate stands for the act demanded; :meth:`_derive` turns it into the speaker's
        demand, and a candidate it does not turn (no speaker, or the speaker is the one obliged)
        is dropped.
        """
        coded = {c.anchor.i for c in candidates} | {c.trigger.i for c in candidates}
        out = []
        for tok in sent:
            if tok.i in coded or tok.pos_ not in ("VERB", "AUX"):
                continue
            modals = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            asked = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _DEMANDING | _APPEALING and any(
                c.dep_ == "dobj" for c in tok.head.children)  # "urged Pyongyang to return to talks"
            if not asked and not (tok.dep_ == "ccomp" and modals & {"must", "should"}):
                continue
            obliged = self._actors(_subjects(tok), by_token, published)
            if obliged:
                out.append(_Candidate(tok, tok, Match("010", None, _OBLIGATION, None), obliged, [], [tok]))
        return out

    def _verb_event(self, verb: Token, entry: WordEntry, by_token: dict[int, Mention],
                    published: date | None) -> _Candidate | None:
        subjects = _subjects(verb)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        pre = [t for s in subjects for t in s.subtree] + [c for c in verb.children if c.i < verb.i]
        post = _clause(verb, exclude=subjects)
        if (verb.dep_ == "relcl" or _misparsed_verb(verb)) and not any(
                c.dep_ in ("dobj", "nsubjpass") for c in verb.children):  # "the missiles [North Korea fired]"
            post = sorted([*post, verb.head, *(c for c in verb.head.children if c.dep_ in ("compound", "amod"))],
                          key=lambda t: t.i)
        match = self.vocabulary.match(entry, verb, pre, post, self._is_actor(by_token, published))
        if match is None or match.code is None:
            return None
        if passive:
            source_heads = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            target_heads = [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            source_heads = subjects
            target_heads = []
            if match.target is not None:
                target_heads = [match.target]
            else:
                target_heads = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
        day = published
        sources = self._actors(source_heads, by_token, day)
        if passive and not sources:  # "killed in Israeli tank shelling", "in an air strike by government forces"
            sources = self._doer_of_cause(verb, by_token, day)
        targets = self._actors(target_heads, by_token, day)
        own = {a.code[:3] for a in sources}
        if targets and match.target is None and not passive and all(
                _bare_sector(a) or (a.code[:3] in own and a.code not in {s.code for s in sources}) for a in targets):
            # "sent troops to Liberia", "withdrew its troops from Ukraine": the troops are what is
            # sent or withdrawn, not whom it is done to
            targets = self._pp_targets(verb, by_token, day, exclude=source_heads) or targets
        if not targets and match.target is None:
            targets = self._pp_targets(verb, by_token, day, exclude=source_heads)
        if not targets and (match.code or "")[:2] in _PLACE_TARGET_ROOTS:
            targets = self._place_target(verb, by_token, day, sources)
        tokens = [verb] + [t for h in source_heads + target_heads for t in h.subtree]
        return _Candidate(verb, verb, match, sources, targets, tokens)

    def _noun_event(self, noun: Token, entry: WordEntry, by_token: dict[int, Mention],
                    published: date | None) -> _Candidate | None:
        light = _light_verb(noun)
        if light is None:
            return None
        modifiers = [c for c in noun.children if c.i < noun.i]
        post = _clause(noun, exclude=[]) + [c for c in light.children if c.dep_ == "prep"]
        match = self.vocabulary.match(entry, noun, [t for m in modifiers for t in m.subtree], post,
                                      self._is_actor(by_token, published))
        if match is None or match.code is None:
            return None
        day = published
        subjects = _subjects(light) if noun.dep_ == "dobj" or noun.dep_ == "pobj" else []
        sources = self._actors(subjects, by_token, day)
        mutual = False
        if not sources:  # "US-South Korea drills", "Russia's invasion", "talks between X and Y"
            own = [m for m in modifiers if m.dep_ in ("poss", "compound", "amod", "nmod")]
            sources = self._actors(own, by_token, day, spread=True)
            agents = [p for c in list(noun.children) + list(light.children) if c.dep_ == "agent" or
                      (c.dep_ == "prep" and c.lower_ == "by") for p in c.children if p.dep_ == "pobj"]
            sources = sources or self._actors(agents, by_token, day)
        # "talks between X and Y", "the signing of a treaty between X and Y"
        holders = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj"]
        between = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
                   for p in c.children if p.dep_ == "pobj"]
        if between:
            sources = sources + self._actors(between, by_token, day)
            mutual = True
        targets: list[Actor] = []
        if match.target is not None:
            targets = self._actors([match.target], by_token, day)
        if not targets:
            targets = self._pp_targets(noun, by_token, day, exclude=[]) or self._pp_targets(
                light, by_token, day, exclude=subjects)
        if not targets and not mutual and (match.code or "")[:2] in _PLACE_TARGET_ROOTS:
            targets = self._place_target(noun, by_token, day, sources) or self._place_target(
                light, by_token, day, sources)
        tokens = [noun, light] + [t for s in subjects for t in s.subtree] + list(noun.subtree)
        return _Candidate(noun, light, match, sources, targets, tokens, mutual=mutual)

    # -- statements about events ------------------------------------------------------------

    def _statement_date(self, verb: Token | None, published: date | None) -> When | None:
        """The date of a statement about an event ("vowed on Monday to ..."), not the event's own
        ("... to visit next month"); None (the publication date) if the statement is undated."""
        if verb is None:
            return None
        stub = _Candidate(verb, verb, Match(None, None, "", None), [], [], [verb])
        return self._date(stub, published)

    def _derive(self, cands: list[_Candidate], by_token: dict[int, Mention],
                published: date | None) -> list[_Candidate]:
        """Statements about events, coded as CAMEO codes them.

        - a promised or planned event: a statement of intent or a threat (03x, 13x);
        - an event demanded of someone ("urged Pyongyang to stop", "said Sudan must return"):
          a demand (10x) from the speaker to the one asked;
        - an event refused ("refused to lift the curfew"): a rejection (12x);
        - an accusation of an attack: an accusation of aggression (1123).
        The governing verb's own, less specific event gives way to the derived one.
        """
        out = list(cands)
        replaced: set[int] = set()
        for cand in cands:
            code = cand.match.code or ""
            gov = _governor_of(cand.anchor)
            gov_lemma = gov.lemma_.lower() if gov is not None else ""
            if cand.mode == "future" and cand.sources and gov_lemma in _PREPARING and code[:2] in ("18", "19", "20"):
                # "the army prepared to resume shelling": military posturing
                out.append(replace(cand, match=Match("150", None, f"posture:{code}", cand.match.target),
                                   mode="factual"))
                replaced.add(gov.i)  # type: ignore[union-attr]
            elif cand.mode == "future" and cand.sources and _stated_intent(cand.anchor, gov):
                new = intent_code(code)
                if new is not None and gov_lemma == "threaten" and new[:2] == "03":
                    new = "130"  # whatever is threatened is a threat
                if new is not None:
                    out.append(replace(cand, match=Match(new, None, f"intent:{code}", cand.match.target),
                                       mode="factual", when=self._statement_date(gov, published)))
                    if gov is not None and gov_lemma in FUTURE_HEADS:
                        replaced.add(gov.i)
            elif cand.mode == "negated" and cand.sources and (
                    (gov is not None and gov_lemma in _REFUSING) or _will_not(cand.anchor)):
                # "refused to lift the curfew", "said it would not provide support"
                new = mirror("refusal", code) or "120"
                out.append(replace(cand, match=Match(new, None, f"refusal:{code}", cand.match.target),
                                   mode="factual", when=self._statement_date(gov, published)))
                if gov is not None:
                    replaced.add(gov.i)
            elif cand.mode in ("hypothetical", "negated") and gov is not None and _request_kind(cand.anchor, gov):
                kind = _request_kind(cand.anchor, gov)
                speakers = self._actors(_subjects(gov), by_token, published)
                if not speakers or not cand.sources:
                    continue
                stop = cand.mode == "negated" or cand.anchor.lemma_.lower() in ("stop", "halt", "end", "cease")
                new = mirror(kind, "stop" if stop and code[:2] >= "14" else code) or (
                    "100" if kind == "demand" else "020")
                out.append(replace(cand, sources=speakers, targets=cand.sources, mode="factual", mutual=False,
                                   match=Match(new, None, f"{kind}:{code}", None),
                                   when=self._statement_date(gov, published)))
                replaced.add(gov.i)
        out = [c for c in out if not (c.trigger.i in replaced and c.mode == "factual"
                                      and ":" in c.match.rule and not _derived(c)
                                      and (c.match.code or "")[:2] in ("01", "02", "03", "05", "10", "12", "13"))]
        # an event without a target gives way to the same kind of event by the same source with one
        with_target = {(a.code, (c.match.code or "")[:2]) for c in out if c.targets and c.mode == "factual"
                       for a in c.sources}
        out = [c for c in out if c.targets or c.mode != "factual"
               or not all((a.code, (c.match.code or "")[:2]) in with_target for a in c.sources)]
        for cand in out:  # "agreed to set up a centre": a promise, whatever is promised
            lemma = cand.trigger.lemma_.lower()
            if (lemma in COMMITMENT_HEADS and lemma != "threaten" and cand.trigger.i not in replaced
                    and (cand.match.code or "")[:2] in ("05", "06", "08")
                    and any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("to", "on"))
                            for c in cand.trigger.children)):
                cand.match = Match("030", None, cand.match.rule + "+intent", cand.match.target)
        for cand in out:  # a claim that someone else did something hostile is an accusation
            code = cand.match.code or ""
            if cand.mode != "factual" or not (code.startswith("11") or code.startswith("01")):
                continue
            alleged = [c for c in cands if c.mode == "claimed" and (c.match.code or "")[:2] >= "14"
                       and cand.trigger.i in (c.anchor.head.i, c.anchor.head.head.i)
                       and {a.code for a in c.sources}.isdisjoint({a.code for a in cand.sources})]
            if alleged:
                aggression = any((c.match.code or "")[:2] in ("18", "19", "20") for c in alleged)
                new = "1123" if aggression else ("112" if code[:3] in ("010", "110", "111", "112") else code)
                cand.match = Match(new, cand.match.reverse, cand.match.rule + "+accusation", cand.match.target)
                if not cand.targets:
                    cand.targets = [a for c in alleged for a in c.sources][:1]
        return out

    # -- actors --------------------------------------------------------------------------------

    def _sentence_place(self, sent: Span, by_token: dict[int, Mention], day: date | None) -> str | None:
        """The one state a sentence places its events in ("... a curfew in Algiers"), if exactly one.

        An actor known only by role ("President Bouteflika" when the name is not in the
        dictionary) is taken to belong to it: the code is ``DZA`` + ``GOV`` rather than ``GOV``.
        """
        places: set[str] = set()
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS and tok.i in by_token:
                m = by_token[tok.i]
                if isinstance(m.record, ActorRecord):
                    code = m.record.code_on(day) or ""
                    country, _ = split_code(code)
                    if country is not None:
                        places.add(code[:3])
        return places.pop() if len(places) == 1 else None

    def _is_actor(self, by_token: dict[int, Mention], day: date | None):  # noqa: ANN202
        return lambda tok: bool(self._actors([tok], by_token, day))

    def _doer_of_cause(self, verb: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
        """Who did a passive event, from the event noun that caused it: "killed in [Israeli] shelling"."""
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "after"):
                for noun in (p for p in c.children if p.dep_ == "pobj"):
                    if noun.lemma_.lower() not in self.vocabulary.nouns:
                        continue
                    mods = [m for m in noun.children if m.dep_ in ("poss", "compound", "amod", "nmod")]
                    doers = self._actors(mods, by_token, day, spread=True)
                    if not doers:
                        agents = [p for b in noun.children if b.dep_ == "prep" and b.lower_ == "by"
                                  for p in b.children if p.dep_ == "pobj"]
                        doers = self._actors(agents, by_token, day)
                    if doers:
                        return doers
        return []

    def _place_target(self, head: Token, by_token: dict[int, Mention], day: date | None,
                      sources: Sequence[Actor]) -> list[Actor]:
        """Where a visit, meeting, protest or attack without a named target happened: its state.

        CAMEO codes the host of a meeting and the place of a protest or attack as the target when
        the text names no other ("will meet in Zurich", "a protest in Beijing").
        """
        own = {s.code for s in sources} | {s.country for s in sources if s.country}
        holders = [head] + [c for c in head.children if c.dep_ == "dobj"]  # "attend a summit in Switzerland"
        for c in (x for h in holders for x in h.children):
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "to", "into", "inside", "near"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in by_token and not by_token[p.i].is_agent:
                        actors = [a for a in self._actors([p], by_token, day)
                                  if a.code not in own and a.country not in own]
                        if actors:
                            return actors
        return []

    def _pp_targets(self, head: Token, by_token: dict[int, Mention], day: date | None,
                    exclude: Sequence[Token]) -> list[Actor]:
        """The first actor in a target preposition's object, on the trigger, its object or its
        passive subject ("evidence against Russia was presented"), or one level further down
        ("advised against travel to Tunisia")."""
        holders = [head] + [c for c in head.children if c.dep_ in ("dobj", "xcomp", "attr", "nsubjpass")]
        for prep_word in TARGET_PREPS:
            for h in holders:
                for c in h.children:
                    if c.dep_ in ("prep", "dative") and c.lower_ == prep_word and c not in exclude:
                        objs = [p for p in c.children if p.dep_ in ("pobj",)]
                        actors = self._actors(objs, by_token, day)
                        if not actors:
                            inner = [q for p in objs for pp in p.children if pp.dep_ == "prep"
                                     and pp.lower_ in TARGET_PREPS for q in pp.children if q.dep_ == "pobj"]
                            actors = self._actors(inner, by_token, day)
                        if actors:
                            return actors
        return []

    def _actors(self, heads: Iterable[Token], by_token: dict[int, Mention], day: date | None,
                spread: bool = False) -> list[Actor]:
        out: list[Actor] = []
        seen: set[str] = set()
        for head in heads:
            for h in [head, *head.conjuncts, *_listed_appositions(head, by_token)]:
                for actor in self._phrase_actors(h, by_token, day, spread):
                    if actor.code not in seen:
                        seen.add(actor.code)
                        out.append(actor)
        return out

    def _phrase_actors(self, head: Token, by_token: dict[int, Mention], day: date | None,
                       spread: bool) -> list[Actor]:
        if head.lemma_.lower() in _QUANTITY_HEADS:  # "hundreds of UN troops"
            inner = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj"]
            if inner:
                return self._phrase_actors(inner[0], by_token, day, spread)
        if not spread and head.i not in by_token and not _can_stand_for_actor(head):
            # "the 2018 military agreement" names no actor, though "military" is an agent;
            # "China's assistance" stands for China
            owner = [c for c in head.children if c.dep_ == "poss"]
            appos = [c for c in head.children if c.dep_ == "appos"]
            nxt = owner or appos
            return self._phrase_actors(nxt[0], by_token, day, spread) if nxt else []
        phrase = _phrase(head)
        mentions: list[Mention] = []
        for t in phrase:
            m = by_token.get(t.i)
            if m is not None and m not in mentions:
                mentions.append(m)
        if not mentions:
            appos = [c for c in head.children if c.dep_ == "appos"]
            if appos:
                return self._phrase_actors(appos[0], by_token, day, spread)
            return []
        named = [m for m in mentions if not m.is_agent]
        agents = [m for m in mentions if m.is_agent and isinstance(m.record, AgentRecord)]
        if not named and head.i not in by_token and head.lemma_.lower() not in ACTOR_HEADS and head.pos_ != "PROPN":
            return []  # "military exercises" are not an actor, "Filipino peacekeepers" are
        groups = [m for m in named if isinstance(m.record, _Group)]
        if groups:
            return [_actor(r.code_on(day) or "", groups[0].text) for r in groups[0].record.records]
        named = [m for m in named if isinstance(m.record, ActorRecord)]
        if not named:
            agent = _best(agents, head)
            if agent is None:
                return []
            code = agent.record.code  # type: ignore[union-attr]
            return [_actor(code, agent.text)]
        chosen = named if spread or _coordinated(named, head.doc) else [_best(named, head)]
        agent = _best(agents, head)
        out = []
        for m in chosen:
            code = m.record.code_on(day)  # type: ignore[union-attr]
            if not code:
                continue
            text = m.text
            if agent is not None and len(code) == 3:
                rec: AgentRecord = agent.record  # type: ignore[assignment]
                code = code + ("PKO" if rec.prefix else rec.code)  # IGO~ agents are peacekeepers, observers
                text = f"{m.text} {agent.text}"
            out.append(_actor(code, text))
        return out


def _light_verb(noun: Token) -> Token | None:
    """The verb that makes an event noun an event: "held [talks]", "[talks] took place",
    "embarked on a [visit]", "launched a mediation [effort]", "began [10 days of] war games"."""
    carrier = noun
    # look through measure words and generic heads: "10 days of war games", "a mediation effort"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _MEASURE_HEADS:
        carrier = noun.head.head
    elif noun.dep_ == "compound" and noun.head.lemma_.lower() in _GENERIC_EVENT_HEADS:
        carrier = noun.head
    head = carrier.head
    lemma = head.lemma_.lower()
    if carrier.dep_ in ("dobj", "nsubjpass") and lemma in _LIGHT_VERBS and head.pos_ in ("VERB", "AUX"):
        return head
    if carrier.dep_ == "nsubj" and lemma in _EVENT_INTRANSITIVES:
        return head
    if carrier.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in _LIGHT_VERBS:
        return head.head  # "embarked on a visit to"
    return None


#: Sectors that belong to a state; an actor known only by one of these can take the state of its place.
_STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY", "OPP", "REB", "CVL", "MED", "BUS", "EDU", "HLH",
                  "LAB", "AGR", "ELI", "CRM", "REF", "UAF", "INS", "SEP", "PTY", "MOD", "RAD"}


def _located(actor: Actor, place: str) -> Actor:
    if actor.country is None and actor.code[:3] in _STATE_SECTORS:
        return _actor(place + actor.code, actor.text)
    return actor


def _listed_appositions(head: Token, by_token: dict[int, Mention]) -> list[Token]:
    """Names after a name that the parser took for appositions: "the US, Russia, and Switzerland"."""
    if head.i not in by_token or by_token[head.i].is_agent:
        return []
    out: list[Token] = []
    for c in head.children:
        if c.dep_ == "appos" and c.i in by_token and not by_token[c.i].is_agent:
            out.extend([c, *c.conjuncts])
    return out


def _can_stand_for_actor(head: Token) -> bool:
    """Whether a phrase head takes the actor of its modifiers: a name ("President Michel Suleiman"),
    people ("Filipino peacekeepers"), or a word such as "delegation" -- not "the 2018 agreement"."""
    return head.pos_ == "PROPN" or head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in ACTOR_HEADS


def _actor(code: str, text: str) -> Actor:
    country, sector = split_code(code)
    return Actor(code, country, sector, text)


def _best(mentions: Sequence[Mention], head: Token) -> Mention | None:
    """The mention nearest the phrase head, preferring one that contains it."""
    if not mentions:
        return None
    for m in mentions:
        if m.start <= head.i < m.end:
            return m
    return min(mentions, key=lambda m: (abs(head.i - (m.end - 1)), m.start))


def _coordinated(mentions: Sequence[Mention], doc: Doc) -> bool:
    """Whether several named actors in one phrase are coordinated ("South Korean and US officials")."""
    if len(mentions) < 2:
        return False
    roots = [doc[m.start:m.end].root for m in mentions]
    return any(r.dep_ == "conj" and any(r.head == o or r.head in o.subtree for o in roots if o is not r)
               for r in roots)


def _phrase(head: Token) -> list[Token]:
    """The tokens of an actor phrase: the head, its modifiers, an "of"/"from"/"in" phrase, no clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "ccomp"):
                continue
            if c.dep_ in ("conj", "cc") and t.i == head.i:  # coordinated heads are separate actors
                continue
            if c.dep_ == "prep" and (c.lower_ not in ("of", "from", "in", "throughout") or t.i != head.i):
                continue
            stack.append(c)
    return out


def _misparsed_verb(tok: Token) -> bool:
    """A finite verb the parser took for an adjective: "The North [fired] artillery shells", where
    "fired" is read as modifying "shells". Its noun is then its object."""
    return tok.dep_ == "amod" and tok.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in tok.children)


def _bare_sector(actor: Actor) -> bool:
    """Whether an actor is a sector without a state or organisation ("troops", "officials")."""
    return split_code(actor.code)[0] is None and actor.code[:3] not in ("IGO", "NGO", "IMG", "MNC")


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of a verb, inherited through coordination, control and participles.

    A pronoun subject of reported speech stands for the speaker ("the rebels said they will ...").
    """
    own = [c for c in verb.children if c.dep_ in _SUBJECT]
    if own and depth <= 5 and all(o.pos_ == "PRON" and o.lower_ in _PRONOUNS for o in own):
        speaker = _reporting_head(verb)
        if speaker is not None:
            said_by = [c for c in speaker.children if c.dep_ in _SUBJECT]
            if said_by and not all(o.pos_ == "PRON" for o in said_by):
                return said_by
    if own or depth > 5:
        return own
    head = verb.head
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects and head.lemma_.lower() in _OBJECT_CONTROL:
            return objects
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]  # "X is scheduled to attend"
        return passive or _subjects(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return _subjects(head, depth + 1)
    if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):  # "France is [ready] to send troops"
        return _subjects(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = head.head
        objects = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects and governor.lemma_.lower() in _OBJECT_CONTROL:
            return objects
        return _subjects(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else []
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ in ("dobj", "attr") and head.head.i != head.i:
        return _subjects(head.head, depth + 1)  # "issued a declaration demanding ...": the issuer
    return []  # including "civilians imprisoned ...": a past participle's noun is what was done to


def _reporting_head(verb: Token) -> Token | None:
    """The reporting verb whose complement ``verb`` heads, if any ("said [it would attack]")."""
    node = verb
    for _ in range(3):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS:
            return node.head
        if node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def _clause(trigger: Token, exclude: Sequence[Token]) -> list[Token]:
    """Tokens of the trigger's clause that follow it or depend on it, without other clauses."""
    skip = {t.i for s in exclude for t in s.subtree}
    out: list[Token] = []
    stack = [c for c in trigger.children if c.i not in skip and c.dep_ not in _CLAUSE_BREAK
             and c.dep_ not in _SUBJECT]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "advcl", "ccomp", "parataxis", "acl"))
    return sorted(out, key=lambda t: t.i)


def _sentence_index(starts: list[int], token: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= token:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _specific(cand: _Candidate) -> bool:
    """Whether a candidate's code comes from a pattern rather than a word's default."""
    return cand.match.rule.count(":") >= 2


def _prefer_nouns_over_light_verbs(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per light verb and noun: a verb pattern ("imposed sanctions") beats the noun,
    the noun beats a verb's default code ("conducted a missile launch")."""
    verbs = {c.trigger.i: c for c in cands if c.trigger.i == c.anchor.i}
    nouns = {c.anchor.i for c in cands if c.trigger.i != c.anchor.i}
    out = []
    for c in cands:
        if c.trigger.i == c.anchor.i and c.trigger.i in nouns and not _specific(c):
            continue
        if c.trigger.i != c.anchor.i and c.anchor.i in verbs and _specific(verbs[c.anchor.i]):
            continue
        out.append(c)
    return out


def _candidate_mode(cand: _Candidate) -> str:
    mode = mode_of(cand.trigger)
    if mode == "factual" and cand.anchor.i != cand.trigger.i:
        mode = mode_of(cand.anchor)
    return mode


_REFUSING = {"refuse", "decline", "reject", "spurn"}
_PREPARING = {"prepare", "gear", "ready", "poise"}


def _stated_intent(anchor: Token, gov: Token | None) -> bool:
    """Whether a future event is one its actor states it will do ("will visit", "vowed to strike"),
    rather than one others expect or the actor merely wants."""
    if anchor.dep_ == "advcl":
        return False  # a purpose ("to discuss") is not a statement of intent
    if gov is not None and anchor.dep_ in ("xcomp", "ccomp", "pcomp"):
        lemma = gov.lemma_.lower()
        if lemma in COMMITMENT_HEADS:
            return True
        if lemma in REPORTING_VERBS or lemma == "be" or gov.pos_ == "ADJ":
            pass  # "said it will ...", "is ready to ..."
        elif lemma in FUTURE_HEADS and lemma not in ("want", "seek", "aim", "hope"):
            return False
    return True
#: CAMEO 10x (demand) versus 02x (appeal: ask, urge, call for).
_DEMANDING = {"demand", "insist", "order", "press", "push", "tell", "require", "instruct", "command"}
_APPEALING = {"urge", "call", "ask", "appeal", "request", "want", "wish", "invite", "encourage", "plead",
              "beg", "implore", "seek"}


def _derived(cand: _Candidate) -> bool:
    return cand.match.rule.startswith(("intent:", "demand:", "appeal:", "refusal:"))


def _governor_of(token: Token) -> Token | None:
    """The verb governing a clause through a complement ("refused [to lift]", "said [Sudan must return]")."""
    if token.dep_ in ("xcomp", "ccomp") and token.head.i != token.i:
        return token.head
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":
        return token.head.head
    return None


def _request_kind(anchor: Token, gov: Token) -> str | None:
    """``demand`` or ``appeal`` if ``anchor``'s clause is what ``gov``'s subject asks of someone else."""
    lemma = gov.lemma_.lower()
    asked_of_other = anchor.dep_ == "ccomp" or any(c.dep_ == "dobj" for c in gov.children) or (
        anchor.dep_ == "xcomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children))
    if lemma in _DEMANDING and asked_of_other:
        return "demand"
    if lemma in _APPEALING and asked_of_other:
        return "appeal"
    modal = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    if lemma in REPORTING_VERBS and anchor.dep_ == "ccomp" and modal & {"must", "should"}:
        return "demand"
    return None


def _will_not(anchor: Token) -> bool:
    """Whether a clause is a future negated by its own subject: "will not", "would not", "won't"."""
    aux = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    neg = any(c.dep_ == "neg" for c in anchor.children)
    return neg and bool(aux & {"will", "would", "wo", "shall", "'ll"})
