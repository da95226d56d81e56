"""What a document has said so far, and the words that refer back to it.

News names an actor once and then refers to it: "the North" once Korea is in play, "the two
countries" for the last two states named, "Kim" for Kim Jong Un, "its forces" for the state
speaking, "condemned the launch" for the launch reported two sentences earlier. A
:class:`DocumentContext` follows a document sentence by sentence; the functions here add the
mentions and targets those references stand for.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from blocwatch.actors import ActorRecord, CodeSpan, split_code
from blocwatch.coder import syntax
from blocwatch.coder.actors import Mention
from blocwatch.coder.events import Actor
from blocwatch.coder.modality import REPORTING_VERBS
from blocwatch.coder.nominal import verb_of
from blocwatch.coder.vocabulary import WordEntry

__all__ = ["ANY_ACT", "ARMED", "BODY_WORDS", "DEFINITE", "DENIED", "GROUP_WORDS", "HISTORY", "HOSTILE_ROOTS", "SAID",
           "DocumentContext", "Group", "accusers", "answers_accusation", "armed_code", "ellipsis", "event_words",
           "possessives", "referred"]

DEFINITE = {"the", "this", "these", "that", "those", "its", "their"}


#: Nouns that can refer to any earlier act: "criticised the decision".
ANY_ACT = {"decision", "move", "step", "action", "act", "announcement", "disclosure", "provocation",
           "incident", "measure", "plan", "campaign"}

#: Nouns of what was said, by the CAMEO root of the saying they refer to: "rejected the
#: allegation" answers the accuser, "welcomed the offer" the one who offered.
SAID = {"allegation": "11", "accusation": "11", "charge": "11", "criticism": "11", "demand": "10",
        "request": "02", "appeal": "02", "plea": "02", "threat": "13", "warning": "13", "ultimatum": "13",
        "offer": "03", "proposal": "03", "pledge": "03", "promise": "03"}


#: Sectors of armed groups a definite phrase may refer back to: "the rebels", "the insurgent group".
ARMED = frozenset({"REB", "INS", "SEP", "UAF"})


def armed_code(code: str) -> bool:
    """Whether an actor code is an armed group's: a militant organisation or an armed sector.

    >>> armed_code("PSEREBHMS"), armed_code("IMGMUSISI"), armed_code("ISRMIL")
    (True, True, False)
    """
    return code.startswith("IMG") or split_code(code)[1] in ARMED


GROUP_WORDS = {"countries", "nations", "sides", "leaders", "governments", "states", "neighbours", "neighbors",
               "allies", "parties", "capitals", "koreas", "presidents", "ministers", "premiers", "juntas"}
#: Group words of governments: "the two leaders" are the two states' governments.
_GOVERNING = frozenset({"leaders", "governments", "presidents", "ministers", "premiers", "juntas"})
#: Words a definite phrase names an organisation of states by ("the regional bloc", "the alliance",
#: "the U.N. body" has its own name): the last organisation named, when it is one of states.
BODY_WORDS = frozenset({"bloc", "alliance", "organization", "organisation", "body", "grouping", "agency"})


#: How many earlier events a reference such as "the launch" may reach back over.
HISTORY = 50


@dataclass(frozen=True)
class Group:
    """A stand-in for several actors: "the two countries", "both sides"."""

    records: tuple[ActorRecord, ...]


class DocumentContext:
    """What a document has mentioned so far, for "the North" and "the two countries"."""

    def __init__(self) -> None:
        self.countries: list[str] = []  # CAMEO codes of states, in order of mention
        self.mentions: Counter[str] = Counter()  # mentions of each state so far
        self.records: dict[str, ActorRecord] = {}
        self.korea = False
        self.surnames: dict[str, ActorRecord | None] = {}  # "Kim" -> Kim Jong Un; None if ambiguous
        self.acronyms: dict[str, ActorRecord] = {}  # "HNP" -> the Haitian National Police
        # (words, CAMEO root, sources, targets) of the latest events, for "condemned the launch"
        self.history: deque[tuple[frozenset[str], str, list[Actor], list[Actor]]] = deque(maxlen=HISTORY)
        self.armed: dict[str, str] = {}  # "REB" -> "AFGREB": the armed group of a state named last
        self.before: list[str] = []  # the states named before the current sentence, as ``countries``
        self.told: tuple[list[str], list[str]] = ([], [])  # doers' and all states of the last acts told
        # the states whose governments or leaders were parties of the latest acts told between two or
        # more of them, and that sentence's number: whom "the leaders" are
        self.governing: tuple[list[str], int] = ([], -1)
        self.sentence = 0  # the number of the current sentence
        self.bodies: list[tuple[str, int]] = []  # organisations and news media named, with their sentence
        self.bodies_before: list[tuple[str, int]] = []  # ``bodies`` before the current sentence

    def note_armed(self, actors: Sequence[Actor]) -> None:
        """Remember the armed groups of a state among an event's actors, for a later "the rebels"."""
        for a in actors:
            if a.country is not None and a.sector in ARMED:
                self.armed[a.sector] = a.code

    def note_person(self, span: Span, record: ActorRecord) -> None:
        """Remember the parts of a person's name, for a later "Kim" or "Putin"."""
        if len(span) < 2 or not all(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span):
            return
        for tok in span:
            if len(tok.text) > 2 and tok.text[0].isupper():
                known = self.surnames.get(tok.text, record)
                self.surnames[tok.text] = record if known is record else None

    def note_acronym(self, acronym: str, code: str) -> None:
        """Remember an acronym the text defined for an actor ("the Haitian National Police (HNP)"),
        for a later "the HNP"; a second definition of the same letters replaces the first."""
        self.acronyms[acronym] = ActorRecord((CodeSpan(code),), "context")

    def state(self, code: str | None) -> ActorRecord | None:
        """The context record of a state by its CAMEO code."""
        return self.records.get(code[:3]) if code else None

    def note(self, record: ActorRecord, day: date | None) -> None:
        code = record.code_on(day)
        if not code:
            return
        country, sector = split_code(code)
        if code[:3] in ("IGO", "NGO") or sector == "MED":  # for a later "the bloc" (not a news agency's)
            self.bodies.append((code, self.sentence))
        if country in ("PRK", "KOR"):
            self.korea = True
        if country and len(code) >= 3:
            base = code[:3]
            self.mentions[base] += 1
            if base in self.countries:
                self.countries.remove(base)
            self.countries.append(base)
            self.records.setdefault(base, ActorRecord((CodeSpan(base),), "context"))

    def focal(self) -> str | None:
        """The state the document is about so far: the one named in more than half of its
        mentions of states ("the government", "authorities", "the military" are then its own)."""
        if not self.mentions:
            return None
        code, n = self.mentions.most_common(1)[0]
        return code if 2 * n > sum(self.mentions.values()) else None

    def parties(self, n: int) -> tuple[ActorRecord, ...]:
        """The ``n`` states of the acts told as fact in the latest sentence that told any, when they
        are exactly ``n``: their doers ("the leaders of France, Germany and Italy visited Kyiv" ...
        "the three leaders"), else all their parties ("Choe said North Korea supported Russia's war"
        ... "the two sides"). Empty otherwise: an older act is not whom "the two sides" are."""
        for states in (self.told[0], self.told[1]):
            if len(states) == n:
                return tuple(ActorRecord((CodeSpan(c),), "context") for c in states)
        return ()

    def note_told(self, actors: Sequence[tuple[Sequence[Actor], Sequence[Actor]]]) -> None:
        """Remember the states of the acts a sentence told as fact ((sources, targets) of each), for
        :meth:`parties`; a sentence that told none leaves the last one's."""
        if actors:
            doers = list(dict.fromkeys(a.country for sources, _ in actors for a in sources if a.country))
            every = list(dict.fromkeys(a.country for sources, targets in actors for a in [*sources, *targets]
                                       if a.country))
            self.told = (doers, every)
            governing = list(dict.fromkeys(a.country for sources, targets in actors for a in [*sources, *targets]
                                           if a.country and a.sector == "GOV"))
            if len(governing) > 1:
                self.governing = (governing, self.sentence)

    def leaders(self) -> tuple[ActorRecord, ...]:
        """Whom "the leaders" with no number are: the states whose governments or leaders were
        parties of acts told in this sentence or the three before, the latest such ("Erdogan met
        Putin in Sochi ... The leaders also discussed grain"); else the doers of the latest acts told,
        when two or more acted together ("France and Germany signed a defence pact. The leaders
        ..."). Not states named as themselves on both sides of an act ("Iran accused Israel ... The
        leaders vowed revenge" are one side's)."""
        states, at = self.governing
        if not states or at < self.sentence - 3:
            states = self.told[0] if len(self.told[0]) > 1 else []
        return tuple(ActorRecord((CodeSpan(c),), "context") for c in states)

    def begin_sentence(self) -> None:
        """Mark the start of a sentence: :meth:`last` counts the states named before it."""
        self.before = list(self.countries)
        self.bodies_before = list(self.bodies)
        self.sentence += 1

    def last(self, n: int, also: Iterable[str] = ()) -> tuple[ActorRecord, ...]:
        """The last ``n`` states named before the sentence, then those of ``also`` (named in the
        sentence before the words that refer back); empty if fewer were named."""
        order = [c for c in self.before if c not in set(also)] + [c for c in also if c in self.records]
        return tuple(self.records[c] for c in order[-n:]) if len(order) >= n else ()


def event_words(trigger: Token) -> frozenset[str]:
    """The words a later definite noun may name an event by: its trigger ("the launch" after
    "launched"), the trigger's object, and the noun a trigger in a clause describes ("rejected the
    resolution" after "passed a resolution criticising Pakistan").

    Examples
    --------
    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("The House passed a resolution criticising Pakistan.")
    >>> sorted(event_words(doc[5]))
    ['criticise', 'resolution']
    """
    words = {trigger.lemma_.lower()}
    words.update(c.lemma_.lower() for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and not _known(c))
    if trigger.dep_ in ("acl", "relcl") and trigger.head.pos_ == "NOUN" and not _known(trigger.head):
        words.add(trigger.head.lemma_.lower())
    return frozenset(words)


def _known(noun: Token) -> bool:
    """Whether a noun is one the reader knows ("the attack", "its decision"): an object that refers
    back itself names no new act ("Japan protested the launch" is no launch of Japan's)."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


#: CAMEO roots of hostile acts (threats, force, reducing relations, coercion, assault, violence): a
#: noun of one names whom it hits in its phrase ("the shelling of Kharkiv") and takes its doer from a
#: state's adjective ("the Russian attack").
HOSTILE_ROOTS = frozenset({"13", "15", "16", "17", "18", "19", "20"})


def referred(anchor: Token, sources: Sequence[Actor], context: DocumentContext,
             nouns: Mapping[str, WordEntry], verbs: Mapping[str, WordEntry] | None = None,
             by_place: Mapping[int, Mention] | None = None) -> list[Actor]:
    """The doers of an earlier event the candidate's object refers to: "condemned [the launch]".

    The object must be definite ("the", "this", "its") and name an event: one of an earlier
    event's words (:func:`event_words`), an event noun of the vocabulary (matched by CAMEO root), a
    noun that is also a verb of the vocabulary or is made from one, by its default code's root
    ("postponed the withdrawal ... denounced [the delay]", "seized a ship ... denounced [the
    seizure]", also when the earlier act had another code, such as a seizure coded as an arrest), or a
    word for any act ("the decision", "the move"). Not a hostile act done to someone new ("the
    killing of a journalist") or, by ``by_place`` (the sentence's mentions by token), in a state
    the earlier act was not about ("the arrest of journalists in Ethiopia" after arrests in Lagos).
    The latest such event wins.
    """
    objects = [c for c in anchor.children if c.dep_ == "dobj"] + [
        p for c in anchor.children if c.dep_ == "prep" and c.lower_ in syntax.TARGET_PREPS
        for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        if not _known(obj):
            continue  # "the launch", "its decision", "Mhlanga's arrest": one the reader knows
        if any(c.lower_ == "own" for c in obj.children):
            continue  # "fired its own missiles": the doer's, not one told before
        lemma = obj.lemma_.lower()
        entry = nouns.get(lemma)
        roots = set()
        name = verb_of(lemma, verbs) if verbs is not None else None  # "seizure": "seize"
        if entry is not None:
            roots = {c[:2] for c in [entry.default, *(p.code for p in entry.patterns)] if c}
        elif (verbs is not None and name is not None and (verb := verbs[name]).default
              and verb.default[:2] != "11" and (verb.default[:2] in HOSTILE_ROOTS
                                                or not any(c.dep_ == "prep" for c in obj.children))):
            # "the delay", "the comments", "Zamora's release", "the seizure" (of the ship): the act the
            # word names (:func:`~blocwatch.coder.nominal.verb_of`); not a state or a trend, which its
            # phrase says ("the decline in inflation", "the need for cuts"), nor a disagreement, which
            # is between two ("condemned the dispute")
            roots = {verb.default[:2]}
        if lemma in SAID:
            roots.add(SAID[lemma])
        # "the killing of a journalist in Niger" is not the killing of soldiers in Mali told before: a
        # hostile act done to someone new ("a journalist") or in another state is another act
        undergoers = [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"] if roots & HOSTILE_ROOTS else []
        new = any(d.dep_ == "det" and d.lower_ in ("a", "an", "another") for p in undergoers for d in p.children)
        places = {_state_of(by_place[t.i]) for h in [obj, *undergoers] for c in h.children
                  if c.dep_ == "prep" and c.lower_ in ("in", "at", "near") for t in c.children
                  if t.dep_ == "pobj" and t.i in by_place} - {None} if undergoers and by_place else set()
        if new:
            continue
        for words, earlier_root, earlier, later in reversed(context.history):
            if lemma in words or name in words or earlier_root in roots or lemma in ANY_ACT:
                if places and not places & {a.country for a in [*earlier, *later]}:
                    break
                doers = [a for a in earlier if not _same_side(a, sources)]
                if doers:
                    return doers
                break
    return []


#: What a denial that answers an accusation denies ("denied involvement", "rejected the charges").
DENIED = frozenset({"involvement", "responsibility", "role", "part", "wrongdoing", "accusation", "allegation",
                    "charge", "claim", "link", "connection", "report", "blame"})


def answers_accusation(verb: Token) -> bool:
    """Whether a denial answers an accusation told before: it denies nothing else than involvement,
    responsibility, a charge or a report ("The Taliban denied involvement", "denied the charges"),
    not a matter of its own ("denied reports that the president was ill", "denied involvement in a
    separate attack").

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> answers_accusation(nlp("Belarus denied involvement.")[1])
    True
    >>> answers_accusation(nlp("Belarus denied involvement in a separate attack.")[1])
    False
    """
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
    for obj in objects:
        if obj.lemma_.lower() not in DENIED:
            return False
        for c in obj.children:
            if c.dep_ in ("acl", "ccomp", "relcl"):
                return False  # "reports that the president was ill"
            if c.dep_ == "prep" and any(p.dep_ == "pobj" and not _known(p) for p in c.children):
                return False  # "involvement in a separate attack"; not "in the attack"
    return True


def accusers(sources: Sequence[Actor], context: DocumentContext) -> list[Actor]:
    """Whom a denial with no one named answers: the doers of the latest accusation (CAMEO 11)
    made against the denier ("Pakistan accused the Taliban of harbouring militants. The Taliban
    denied involvement."). None if no earlier accusation was aimed at it.

    Examples
    --------
    >>> from blocwatch.coder.events import Actor
    >>> context = DocumentContext()
    >>> pak, afg = Actor("PAK", "PAK", None, "Pakistan"), Actor("AFGGOV", "AFG", "GOV", "the Taliban")
    >>> context.history.append((frozenset({"accuse"}), "11", [pak], [afg]))
    >>> [a.code for a in accusers([afg], context)]
    ['PAK']
    >>> accusers([pak], context)
    []
    """
    for _, root, doers, targets in reversed(context.history):
        if root == "11" and any(_same_side(t, sources) for t in targets):
            return [a for a in doers if not _same_side(a, sources)]
    return []


def _same_side(doer: Actor, sources: Sequence[Actor]) -> bool:
    """Whether an earlier doer is on the side of the referring sources: of the same state (or the
    same kind of actor with no state), unless one of the two is an armed group and the other not.
    Militants of Pakistan who attacked a train are not Pakistan, which condemns "the attack"."""
    return any(doer.code[:3] == s.code[:3] and (doer.sector in ARMED) == (s.sector in ARMED) for s in sources)


def possessives(sent: Span, mentions: list[Mention], context: DocumentContext,
                day: date | None) -> list[Mention]:
    """ "its forces", "their troops", "his forces": the state the pronoun stands for, when an
    agent follows.

    In reported speech the speaker is meant ("Ukraine said its forces ..."); otherwise the
    subject of the sentence, or else the state mentioned last. "His" and "her" stand for a person:
    the state named in the phrase of the subject who speaks or acts ("the Afghan army chief said
    his forces ..."), and no state otherwise (the person may be anyone's).
    """
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    extra: list[Mention] = []
    for tok in sent:
        if tok.dep_ != "poss" or tok.lower_ not in ("its", "their", "his", "her") or tok.i in by_token:
            continue
        head = by_token.get(tok.head.i)
        if head is None or not head.is_agent:
            continue
        if tok.lower_ in ("his", "her"):
            owner = _speaker_state(tok, by_token, context, day)
        else:
            owner = None
            node = tok.head
            while node.head.i != node.i and owner is None:
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    # the verb's doer, that of a controlled infinitive too ("called on France to withdraw
                    # its troops": France's)
                    doers = syntax.subjects(node) if node.dep_ == "xcomp" else [
                        c for c in node.children if c.dep_ in syntax.SUBJECT_DEPS]
                    for subj in (c for c in doers if c.i in by_token):
                        rec = by_token[subj.i].record
                        if isinstance(rec, ActorRecord) and split_code(rec.code_on(day) or "")[0]:
                            owner = context.state(rec.code_on(day))
            if owner is None and context.countries:
                owner = context.records[context.countries[-1]]
        if owner is not None:
            extra.append(Mention(tok.i, tok.i + 1, owner, tok.text))
    return sorted(mentions + extra, key=lambda m: m.start)


def _speaker_state(tok: Token, by_token: dict[int, Mention], context: DocumentContext,
                   day: date | None) -> ActorRecord | None:
    """The state of the person "his" or "her" stands for in reported speech: the state named in
    the phrase of the subject of the reporting verb whose complement holds the pronoun ("the Afghan
    army chief said his forces ..."), when that verb addresses no one else."""
    node = tok.head
    while node.dep_ != "ccomp" and node.head.i != node.i and node.dep_ in _IN_CLAUSE:
        node = node.head  # up to the head of the complement clause
    verb = node.head
    if node.dep_ != "ccomp" or verb.lemma_.lower() not in REPORTING_VERBS or any(
            c.dep_ in ("dobj", "dative") for c in verb.children):
        return None  # not reported speech, or told to someone who may be meant
    for subj in (c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS):
        for t in syntax.phrase(subj):  # its own words, no clause on it ("X, whose forces ..., said")
            rec = by_token[t.i].record if t.i in by_token else None
            if isinstance(rec, ActorRecord) and split_code(rec.code_on(day) or "")[0]:
                return context.state(rec.code_on(day))
    return None


#: How a possessive's noun may hang in its clause on the way up to the clause's verb.
_IN_CLAUSE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj", "aux", "xcomp", "advcl", "agent"})


def ellipsis(sent: Span, mentions: list[Mention], context: DocumentContext) -> list[Mention]:
    """Add mentions for "the North", "the South", "the two countries", a surname and an acronym met
    before, from context."""
    taken = {i for m in mentions for i in range(m.start, m.end) if not m.is_agent}
    agents = {i: m for m in mentions for i in range(m.start, m.end) if m.is_agent}
    extra: list[Mention] = []
    for tok in sent:
        if tok.i in taken:
            continue
        if tok.pos_ == "PROPN" and tok.i not in agents and context.surnames.get(tok.text) is not None:
            record = context.surnames[tok.text]
            extra.append(Mention(tok.i, tok.i + 1, record, tok.text, person=True))  # type: ignore[arg-type]
            continue
        if tok.text in context.acronyms and tok.i not in agents:  # "the HNP", defined earlier
            extra.append(Mention(tok.i, tok.i + 1, context.acronyms[tok.text], tok.text))
            continue
        prev = tok.nbor(-1) if tok.i > sent.start else None
        armed = agents.get(tok.i)
        code = _armed_group(armed, prev, mentions, context) if armed is not None and armed.start == tok.i else None
        if armed is not None and code is not None:  # "the rebels", "the insurgent group"
            extra.append(Mention(armed.start, armed.end, ActorRecord((CodeSpan(code),), "context"), armed.text))
            mentions = [m for m in mentions if m is not armed]
            continue
        if (context.korea and tok.text in ("North", "South") and prev is not None and prev.lower_ == "the"
                and (tok.i + 1 >= sent.end or tok.nbor(1).text not in ("Korea", "Korean", "Koreans"))):
            code = "PRK" if tok.text == "North" else "KOR"
            extra.append(Mention(tok.i, tok.i + 1, ActorRecord((CodeSpan(code),), "context"), tok.text))
        elif tok.lower_ in BODY_WORDS and (body := _body(tok, mentions, context)) is not None:
            start = min(c.i for c in tok.children if c.dep_ == "det")
            extra.append(Mention(start, tok.i + 1, ActorRecord((CodeSpan(body),), "context"),
                                 sent.doc[start:tok.i + 1].text))
            if tok.i in agents:
                mentions = [m for m in mentions if m is not agents[tok.i]]
        elif tok.lower_ in GROUP_WORDS and prev is not None and ((n := _how_many(tok)) or _the_governing(tok)):
            # "both leaders criticized the United States": the two named before, not the one named after
            earlier = dict.fromkeys(c for m in sorted(mentions + extra, key=lambda m: m.start) if m.start < prev.i
                                    and (c := _state_of(m)) is not None)
            if n:
                group = (context.parties(n) if not earlier else ()) or context.last(n, also=earlier)
            else:  # "the prime ministers signed eight pacts": the states whose leaders were just told of
                group = (tuple(ActorRecord((CodeSpan(c),), "context") for c in earlier) if len(earlier) > 1
                         else () if earlier else context.leaders())
            if group:
                if tok.lower_ in _GOVERNING:
                    group = tuple(ActorRecord((CodeSpan(r.codes[0].code + "GOV"),), "context") for r in group)
                start = min([c.i for c in tok.children if c.i < tok.i and (
                    c.dep_ == "nummod" or c.lower_ == "both")] or [prev.i])  # "two" or "both", as before
                extra.append(Mention(start, tok.i + 1, Group(group), sent.doc[start:tok.i + 1].text))  # type: ignore[arg-type]
                if tok.i in agents:  # "the two leaders": the group, not a leader of no state
                    mentions = [m for m in mentions if m is not agents[tok.i]]
    return sorted(mentions + extra, key=lambda m: m.start)


#: Numbers of states a definite group word may refer back to ("the three nations").
_GROUP_SIZES = {"two": 2, "three": 3, "four": 4, "five": 5}


def _body(word: Token, mentions: Sequence[Mention], context: DocumentContext) -> str | None:
    """The organisation of states a definite "the bloc", "the alliance", "the agency" names: the
    last organisation or news medium named before it, if that is one of states and no other was
    named in its sentence or the one before ("Mali left ECOWAS ... accused the regional bloc"; after
    "KCNA reported", "the agency" is none; after "the EU and NATO", "the alliance" is none). Not a
    word with a name or a noun before it ("the news agency", "the U.N. agency")."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in word.children) or any(
            c.dep_ in ("compound", "nmod", "poss") or c.i in {i for m in mentions for i in range(m.start, m.end)}
            for c in word.children if c.i < word.i):
        return None
    named = [*context.bodies_before, *((code, context.sentence) for m in sorted(mentions, key=lambda m: m.start)
                                       if m.start < word.i and isinstance(m.record, ActorRecord)
                                       and (code := m.record.code_on(None))
                                       and (code[:3] in ("IGO", "NGO") or split_code(code)[1] == "MED"))]
    if not named or not named[-1][0].startswith("IGO"):
        return None
    code, sentence = named[-1]
    if any(other != code for other, at in named if at >= sentence - 1):
        return None  # "The EU and NATO held talks ... criticized the alliance": which one is not said
    return code


def _how_many(group: Token) -> int | None:
    """How many states a group word refers back to: "both", or its number with a definite word ("the
    two countries", "these three military-led nations"); not an indefinite count ("two countries
    abstained", which are not those named before)."""
    words = {c.lower_: c.dep_ for c in group.children if c.i < group.i}
    if words.get("both") in ("det", "predet", "preconj"):
        return 2
    number = next((_GROUP_SIZES[w] for w, dep in words.items() if dep == "nummod" and w in _GROUP_SIZES), None)
    return number if any(dep in ("det", "poss") and w in DEFINITE for w, dep in words.items()) else None


#: Group words of those who govern states, which "the" alone makes those just told of ("the
#: prime ministers signed eight pacts"): no number needed, as the acts' parties say how many.
_TITLES = frozenset({"leaders", "presidents", "ministers", "premiers"})


def _the_governing(group: Token) -> bool:
    """Whether a plural title of those who govern is made definite by "the" alone, with no state,
    name or "of" phrase of its own to say whose ("the leaders", "the foreign ministers"; not "the
    Kenyan ministers", "the ministers of finance", "the opposition leaders", nor "the ministers"
    with no rank)."""
    if group.lower_ not in _TITLES:
        return False
    before = [c for c in group.children if c.i < group.i]
    if group.lower_ == "ministers" and not any(c.lower_ in _RANKS for c in before):
        return False  # "the ministers resigned" are more often one cabinet's
    return (any(c.dep_ == "det" and c.lower_ == "the" for c in before)
            and all(c.dep_ == "det" or (c.dep_ in ("amod", "compound") and c.lower_ in _RANKS) for c in before)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in group.children))


#: Words that say which of a state's governors a title names ("the prime ministers", "the foreign ministers").
_RANKS = frozenset({"prime", "foreign", "defence", "defense", "deputy", "vice"})


def _state_of(mention: Mention) -> str | None:
    """The state a mention names, if it names one through an actor record."""
    if not isinstance(mention.record, ActorRecord):
        return None
    code = mention.record.code_on(None)
    return split_code(code)[0] if code else None


def _armed_group(agent: Mention, prev: Token | None, mentions: Sequence[Mention],
                 context: DocumentContext) -> str | None:
    """The code of the armed group named before that a definite agent refers to ("the rebels", "the
    insurgent group": the last one of its sector with a state), or None. Not when the phrase is
    part of another name, nor when its sentence names another state as where it happens ("In
    Sudan, the rebels seized a town" after Houthi rebels)."""
    code = agent.record.code  # type: ignore[union-attr]
    if code not in context.armed or prev is None or prev.lower_ not in ("the", "these", "those"):
        return None
    if any(m.start < agent.start < m.end for m in mentions if m is not agent):
        return None
    known = context.armed[code]
    doc = prev.doc
    for m in mentions:
        state = m.record.code_on(None) if isinstance(m.record, ActorRecord) else None
        if not state or not split_code(state)[0] or state[:3] == known[:3]:
            continue
        tok = doc[m.end - 1]
        while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in _WHERE:
            return None  # "In eastern Congo, the rebels captured ...": other rebels than those named before
    return known


#: Prepositions of where something happens ("in Sudan, the rebels seized a town").
_WHERE = frozenset({"in", "inside", "across", "throughout", "near", "around"})
