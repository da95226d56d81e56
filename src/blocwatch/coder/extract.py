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

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from blocwatch.actors import ActorRecord, CodeSpan, split_code
from blocwatch.coder import discourse, roles, statements, syntax
from blocwatch.coder.actors import ActorDictionary, Mention
from blocwatch.coder.credits import caption_line, credit_line
from blocwatch.coder.dates import (
    TIMES_OF_DAY,
    When,
    after_long_ago,
    anterior,
    before,
    day_host,
    earlier,
    followed_by,
    later,
    narrative,
    occasion,
    occasions,
    period,
    reference,
    reported,
    resolve,
    same_day_clauses,
    told_when_said,
    when_clause_date,
)
from blocwatch.coder.dates import (
    entities as date_entities,
)
from blocwatch.coder.events import Actor, CodedEvent
from blocwatch.coder.modality import (
    CATENATIVES,
    CLAIM_NOUNS,
    COMMITMENT_HEADS,
    FUTURE_HEADS,
    PLANNING_HEADS,
    REPORTING_VERBS,
    SUGGESTING,
    asserted_clause,
    condition_spans,
    conditioned,
    for_to_clause,
    in_question,
    mode_of,
    on_condition,
    proposing,
    question_spans,
    ranked,
    simple_present,
    tally,
)
from blocwatch.coder.nominal import verb_of
from blocwatch.coder.pronouns import People
from blocwatch.coder.typer import TypeModel
from blocwatch.coder.vocabulary import (
    CIRCUMSTANCE_PREPS,
    TIME_ENTITIES,
    Match,
    Vocabulary,
    WordEntry,
    event_nouns,
    load_agreement_objects,
    load_causal_verbs,
    load_civil_drill_words,
    load_evaluations,
    load_failing_verbs,
    load_light_verbs,
    load_pricing_verbs,
    load_relaying_verbs,
    load_responding_verbs,
    load_resulting_verbs,
    load_ultimatum,
    weapon_words,
)
from blocwatch.countries import load_countries, resolve_country
from blocwatch.errors import InputError
from blocwatch.taxonomy import load_taxonomy

__all__ = ["Extractor"]

#: Roots where a group acting together ("X and Y signed", "held talks", "declared a ceasefire")
#: acts towards each other.
_MUTUAL_ROOTS = {"03", "04", "05", "06", "08"}
#: Verbs that expel whom they take: of diplomats, peacekeepers, inspectors or aid agencies, the
#: codes CAMEO gives those (``statements.expelled``), not 174 for individuals.
_EXPELLING = frozenset({"expel", "deport"})
#: Verbs of asserting that PETRARCH-2 codes as disapproval (110) whatever follows: with a clause
#: they state a claim ("Nairobi claims the frontier should run east"), a statement (010); argued
#: "with" or "against" someone, or what is claimed an event, they keep their codes.
_ASSERTING = frozenset({"argue", "claim", "contend", "aver", "avow"})
#: Verbs of dying: their subject is a victim, not a doer.
_DYING = frozenset({"die", "perish"})
#: Roots of force, whose purpose clause may name whom it is used on ("fired tear gas to disperse
#: protesters", "shelled the town to drive out the rebels").
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
#: Verbs that make again, or put into words, what their object names ("repeated its demand").
_REPEATING = frozenset({"repeat", "reiterate", "restate", "renew", "reaffirm", "echo", "issue", "make", "voice"})
#: Verbs done in doing what their infinitive says: a date on the infinitive dates them too.
_IMPLICATIVE = frozenset({"help", "force", "compel"})
#: Verbs by which a state moves its own forces: the forces are what is moved, never the target.
_MOVING_FORCES = frozenset({"send", "dispatch", "despatch", "deploy", "redeploy", "withdraw", "pull", "move",
                            "station", "mobilize", "mobilise", "amass", "mass", "airlift"})
#: Verbs of going and coming, which PETRARCH-2 codes as a visit, a consultation or aid to the
#: place reached: with no state or party there, they tell of a journey and no act between actors.
_MOTION = frozenset({"arrive", "approach", "come", "go", "leave", "depart", "travel", "journey", "land",
                     "return", "tour", "embark"})
#: Verbs of receiving: a pattern of theirs with only a reverse code ("receive * &weapon") is the
#: giver's act on the one who receives it ("received shells from North Korea" is military aid from it).
_RECEIVING = frozenset({"receive", "obtain", "get", "acquire", "gain", "procure", "win", "earn", "attain",
                        "hear", "enjoy"})
#: Verbs of undergoing, and the reverse codes of their patterns that are someone's words to the one
#: who faces them ("faced criticism from France", "faced calls from the EU"): not "faced a growing
#: threat from Russia" (a state of affairs) nor "came under fire from Russian artillery" (fire, not
#: criticism, in war reporting).
_UNDERGOING = frozenset({"face", "come"})
_UNDERGONE_WORDS = ("02", "10", "111", "112")
#: Sectors of givers whose "fire" or "pressure" is words ("came under fire from Democratic
#: lawmakers"), not gunfire ("from Russian artillery", "from China": which, the words do not say).
_SPEAKING_SECTORS = frozenset({"GOV", "LEG", "OPP", "JUD", "MED", "HRI", "NGO", "ELI", "PTY", "LAB", "EDU", "BUS",
                               "CVL", "ACT"})
#: Prepositions by which a meeting or a visit is the occasion of the act of the verb they hang on
#: ("after talks with Li Qiang, Albanese announced ..."), one that took place.
_OCCASION_PREPS = frozenset({"after", "following", "during", "at", "in"})
#: Roots whose events take their location as target when the text names none.
_PLACE_TARGET_ROOTS = {"04", "14", "15", "16", "17", "18", "19", "20"}
#: Words that make military drills a joint act, with partners unnamed ("held joint drills").
_JOINT = frozenset({"joint", "combined", "bilateral", "trilateral", "multilateral", "multinational", "allied"})
#: Words that name the partners of drills, whatever they are ("alongside Australian warships",
#: "involving Japan and India"), and nouns of partners in a "with" phrase ("with its allies").
_PARTNERING = frozenset({"alongside", "involving"})
_PARTNERS = frozenset({"ally", "allies", "partner", "partners", "counterpart", "counterparts", "coalition"})
#: Prepositions by which drills are aimed at a place: around it, near it, off its coast.
_NEAR = ("around", "near", "off")
#: Roots of acts aimed at someone, whose target a purpose of the same kind may name ("went on strike to
#: protest against X"): demands, disapproval, rejection, threats, protests (``_aim_at_purposes``).
_PURPOSE_TARGET_ROOTS = {"10", "11", "12", "13", "14"}
#: Verbs of trying, and the roots and codes of violence, whose attempts are the act itself
#: (``_attempt``): assault and mass violence, and fighting but for blockades and occupation (191, 192).
_TRYING = frozenset({"try", "attempt"})
#: Reporting verbs that make a reported duty a threat ("threatened that Ukraine must pay").
_THREATENING = frozenset({"threaten", "warn", "vow"})
_VIOLENCE = frozenset({"18", "20", "190", "193", "194", "195", "196"})
#: Endings of nouns made from verbs by a suffix ("the killing", "the assassination"; not "the
#: arrest"): a date hung on such an object may be its own ("condemned the killing Sunday of ...").
_NOMINALIZED = re.compile(r"(ings?|tions?|sions?|ments?|ances?|ences?|ures?|als?)$")
#: Words by which an act joined to another is told as coming after it, at a time of its own.
_AFTERWARDS = frozenset({"then", "later", "subsequently", "afterwards", "eventually", "finally", "again", "more"})
#: Prepositions whose date is when an act's effect ends or is due, or what it is meant for ("ordered a
#: new trial for 2025"), not when it was done.
_UNTIL = {"until", "till", "through", "to", "by", "for"}
#: Verbs of claiming that, with an infinitive, claim something of their subject ("claimed to be
#: holding hostages", "purports to have"): PETRARCH-2 codes a bare "claim" as disapproval (110).
_SELF_CLAIMS = frozenset({"claim", "purport", "profess"})
#: Words of fighting that are no event nouns of their own, which "engage in" makes a fight.
_FIGHTING_WORDS = frozenset({"war", "warfare", "hostility", "hostilities", "combat", "duel", "firing", "fire",
                             "gunfire", "exchange", "violence", "battle", "shelling"})
#: Words by which a claim's clause says whose a place is ("its claim that Taiwan is part of China"):
#: a claim to territory, which PETRARCH-2 codes as a demand.
_SOVEREIGNTY = frozenset({"belong", "part", "territory", "sovereignty", "sovereign"})
#: CAMEO roots of violence: an event noun of one makes "engage in" a fight ("engaged in clashes").
_VIOLENT = ("18", "19", "20")
#: Verbs that, with a claim as object, deny it ("rejected allegations that", "dismissed suggestions that").
_DENYING = frozenset({"reject", "deny", "dismiss", "refute", "rebut", "rebuff", "dispute"})
#: CAMEO roots of what is said or done about others (statements, appeals, support, investigation,
#: demands, disapproval, rejection, protest), whose object may be an act of someone else's. Not
#: intents, consultation, cooperation, aid and yielding, whose object is what is discussed with
#: someone, given, eased or ended ("lift restrictions on South Korea", "eased the blockade of Gaza":
#: done to whom the act was done to; "discussed the attack with Biden": with him), nor threats,
#: aimed at whom the threatened act would hit ("threatened a strike on the United States").
_SAYING_ROOTS = frozenset({"01", "02", "05", "09", "10", "11", "12", "14"})
#: Prepositions of what an act is for, about, or before or after: a date on their object is its own.
_ABOUT_PREPS = frozenset({"for", "over", "about", "regarding", "concerning", "of", "after", "before", "since",
                          "despite", "amid"})
#: Verbs whose "on" phrase is whom an act is laid on ("blamed the attack on Moscow").
_BLAMING = frozenset({"blame", "pin"})
#: Verbs that make a day what their "as" phrase or apposition says ("declared Tuesday a day of
#: mourning", "set Friday as the deadline"): the day is their object, not when they were done.
_DESIGNATING = frozenset({"declare", "designate", "proclaim", "name", "set", "make"})
#: What such a verb makes of a day.
_DAY_KINDS = frozenset({"day", "holiday", "date", "deadline", "anniversary"})
#: Precisions of a date that a later one may count from ("two days later", "the following year").
_ANCHORING = ("day", "week", "month", "year")
#: A date told from the story's time, not the report's ("the next year", "the following week").
_ANAPHORIC = re.compile(r"\s*the (?:next|following)\b", re.IGNORECASE)
#: Words of a date counted from another ("days later", "the day before", "the previous week").
_COUNTING = re.compile(r"\b(?:later|earlier|before|after|previous|preceding|following)\b|\bthe next\b|"
                       r"\bthat (?:same )?(?:day|week|month|year)\b", re.IGNORECASE)
#: Conjuncts after an actor that an event's evidence span may reach over ("X, Y, Z and W").
_MAX_LISTED = 12
#: Rule of a placeholder for an act someone is said to be obliged to do (see ``_obligations``).
_OBLIGATION = "obligation:"
#: Rule prefix of an event typed by the learned model where the rules found none.
MODEL_RULE = "model:"


@dataclass(frozen=True)
class _Sentence:
    """Where a sentence is: its index in the document, token bounds and text."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class _Candidate:
    trigger: Token
    anchor: Token  # the verb the event hangs on (the trigger, or a noun's light verb)
    match: Match
    sources: list[Actor]
    targets: list[Actor]
    tokens: list[Token]
    mutual: bool = False
    counterpart: bool = False  # an actor in a "with" or "between" phrase of its verb ("fought with X")
    mode: str = "factual"
    when: When | None = None
    confidence: float | None = None
    implied: bool = False  # the doer is no one named, but who alone does such acts (roles.implied_authority)


#: CAMEO roots of material acts (aid, yielding, investigating, demonstrating, force), which no one
#: does by speaking alone.
_MATERIAL_ROOTS = frozenset({"06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"})
#: Roots of acts that a verb relaying them does not make the speaker's ("reported an attack").
_RELAYED_ROOTS = _MATERIAL_ROOTS | {"13"}


#: Links of a verb to the verb whose act a statement carries ("..., saying", "said ... and urged").
_CARRIED = frozenset({"advcl", "conj", "xcomp"})


def _carrier_links(cands: Sequence[_Candidate]) -> list[tuple[_Candidate, _Candidate]]:
    """Pairs of a plain statement (010) and an act of words of the same source joined to it, which
    the statement may only carry: the participle or clause one verb governs ("told Niger's rulers
    ..., warning them", "highlighted the curbs, demanding they be lifted"), or a verb joined to the
    other with no subject of its own; not a material act ("told Somalia ... and sent troops")."""
    def linked(statement: _Candidate, other: _Candidate) -> bool:
        a, b = statement.anchor, other.anchor
        # not a clause with a subject of its own joined to it ("told Trump ..., and Sheinbaum sent troops")
        joined = any(d.head.i == h.i and d.dep_ in _CARRIED and not (
            d.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in d.children))
            for h, d in ((a, b), (b, a)))
        return (joined and other.mode == "factual" and other.match.code not in (None, "010")
                and other.match.code[:2] not in _MATERIAL_ROOTS  # words carry words, not "sent troops"
                and bool({x.code for x in statement.sources} & {x.code for x in other.sources}))
    return [(c, o) for c in cands if c.mode == "factual" and c.match.code == "010" for o in cands
            if o is not c and linked(c, o)]


def _fold_carried_statements(links: Sequence[tuple[_Candidate, _Candidate]],
                             coded: dict[int, list[CodedEvent]]) -> None:
    """Fold each plain statement into the act of words it carries (:func:`_carrier_links`), in
    place. The act a telling governs with no target of its own is aimed at whom the telling goes
    ("told Niger's rulers ..., and warned them": a warning to Niger); a statement is then dropped
    when that act is the same dyad's on the same day ("highlighted the Taliban's curbs, demanding
    they be lifted" is a demand of the Taliban, not also a statement to them). Kept: a statement to
    another state ("rejected the G7 statement, telling his Indian counterpart ...": Russia to G7 and
    to India), one on another day, and one beside a visit or a promise (roots 04 and 03), which say
    less than the words told."""
    for statement, act in links:
        said = [e for e in coded.get(id(statement), []) if e.cameo == "010"]
        acts = coded.get(id(act), [])
        if not said or not acts:
            continue
        told = {e.target.code: e.target for e in said if e.target is not None}
        if act.anchor.head.i == statement.anchor.i and len(told) == 1 and all(e.target is None for e in acts):
            addressee = next(iter(told.values()))  # not the act's own doer ("told its own army")
            coded[id(act)] = acts = [replace(e, target=addressee) if addressee.code != e.source.code else e
                                     for e in acts]
        coded[id(statement)] = [e for e in coded[id(statement)] if not (e.cameo == "010" and any(
            a.source.code == e.source.code and a.date == e.date and a.cameo[:2] not in ("03", "04")
            and (e.target is None or e.target.country is None
                 or (a.target is not None and a.target.country == e.target.country)) for a in acts))]


def _relative_object(obj: Token, match: Match) -> Token:
    """The noun a relative pronoun object stands for ("Georgia, which Russia invaded", "the
    Palestinian prisoners that Israel released"), else the object itself. Not a weapon used, whose
    adjective names its maker, not whom it was used on ("the Chinese drones that Russia launched at
    Kyiv"); a weapon bought or received is the maker's trade or aid ("the Russian jets India bought")."""
    noun = syntax.antecedent(obj)
    if noun is None or (noun.lemma_.lower() in weapon_words() and (match.code or "")[:2] not in _TRADE_ROOTS):
        return obj
    return noun


#: Roots of acts in which the state a weapon is of is a party: bought from it, given by it.
_TRADE_ROOTS = frozenset({"06", "07"})


#: Dependents of a verb that, put before it, are its circumstances, not its object.
_FRONTED_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod"})


def _armed_group(m: Mention, day: date | None) -> bool:
    """Whether a mention names an armed group ("Houthi rebels", "al-Shabab", "militants", the Islamic
    State), who may hold, detain or free people as a state's authorities do."""
    if isinstance(m.record, ActorRecord):
        return discourse.armed_code(m.record.code_on(day) or "")
    return getattr(m.record, "code", None) in discourse.ARMED


def _named_otherwise(mentions: Sequence[Mention], published: date, day: date) -> bool:
    """Whether an actor the mentions name had another code on ``day`` than on ``published``."""
    for m in mentions:
        records = m.record.records if isinstance(m.record, discourse.Group) else (m.record,)
        if any(isinstance(r, ActorRecord) and r.code_on(day) != r.code_on(published) for r in records):
            return True
    return False


class Extractor:
    """Codes events from documents parsed by the coder's spaCy pipeline.

    With a ``typer`` (:class:`~blocwatch.coder.typer.TypeModel`), a sentence where the rules find
    no event but an actor acts through the sentence's main verb gets the model's type, when the
    model is at least ``typer.cut`` sure; every event's ``confidence`` is then the share of right
    types measured for its case (rules and model agreeing, disagreeing, or the model alone).
    With an ``eventness`` classifier, the factual events of a sentence it judges to report no act
    (probability of ``not`` at least ``eventness.cut``: opinion, description, caption ...) take the
    mode ``commentary``: kept as evidence, never counted as facts.
    """

    def __init__(self, vocabulary: Vocabulary, actors: ActorDictionary, typer: TypeModel | None = None,
                 eventness: TypeModel | None = None) -> None:
        self.vocabulary = vocabulary
        self.actors = actors
        self.typer = typer
        self.eventness = eventness
        # the date of the last act the document being coded told with a date of its own, for
        # "days later" (set by :meth:`document` before each sentence; None outside a document)
        self._anchor: When | None = None

    # -- document ------------------------------------------------------------------------------

    def document(self, doc: Doc, doc_id: str, published: date | None, url: str | None = None,
                 offset: int = 0, first_sentence: int = 0) -> list[CodedEvent]:
        """Events in ``doc``; ``offset`` and ``first_sentence`` place a piece of a longer document."""
        mentions = self.actors.find(doc)
        context = discourse.DocumentContext()
        people = People()
        out: list[CodedEvent] = []
        by_sentence: dict[int, list[Mention]] = {}
        sentences = list(doc.sents)
        starts = [s.start for s in sentences]
        for m in mentions:
            idx = syntax.sentence_index(starts, m.start)
            by_sentence.setdefault(idx, []).append(m)
        dates: dict[int, list[Span]] = {}  # doc.ents is rebuilt on every access: read it once
        persons: dict[int, list[Span]] = {}
        ents = doc.ents
        for ent in date_entities(ents, doc):  # "on Monday, days before ..." was one entity: "Monday", "days"
            dates.setdefault(syntax.sentence_index(starts, ent.start), []).append(ent)
        for ent in ents:
            if ent.label_ == "PERSON":
                persons.setdefault(syntax.sentence_index(starts, ent.start), []).append(ent)
        story: When | None = None  # the time the story has reached, from the dates of the sentences before
        material = False  # whether a material act (not words) dated the story last
        self._anchor = None
        armed = False  # whether the document has named an armed group so far (who else may hold people)
        places: set[str] = set()  # the states the sentences so far place their events in
        for index, sent in enumerate(sentences):
            focal = context.focal()  # from the sentences before this one
            # an armed group named before, or the subject of an act here ("after Houthi rebels seized the ship")
            groups = [m for m in by_sentence.get(index, []) if _armed_group(m, published)]
            armed_here = armed or any(doc[m.start:m.end].root.dep_ == "nsubj" for m in groups)
            armed = armed or bool(groups)
            context.begin_sentence()
            for m in by_sentence.get(index, []):
                if isinstance(m.record, ActorRecord):
                    context.note(m.record, published)
                    context.note_person(doc[m.start:m.end], m.record)
            sent_mentions = discourse.ellipsis(sent, by_sentence.get(index, []), context)
            sent_mentions = discourse.possessives(sent, sent_mentions, context, published)
            by_token = {i: m for m in sent_mentions for i in range(m.start, m.end)}
            # "Haitian President Jovenel Moise": a later "Moise" is Haiti's government
            here = persons.get(index, [])  # the sentence's PERSON entities
            titled = [(span, ActorRecord((CodeSpan(code),), "context"))
                      for span, code in roles.titled_persons(here, by_token, published, focal)]
            for span, record in titled:
                context.note_person(span, record)
            for acronym, code in roles.defined_acronyms(sent, by_token, published):  # "... Police (HNP)"
                context.note_acronym(acronym, code)
            sent_mentions = people.resolve(sent, sent_mentions, titled, published, here)  # "He signed a treaty"
            people.remember(sent, sent_mentions, titled, here)
            placed_in = roles.sentence_place(sent, {i: m for m in sent_mentions for i in range(m.start, m.end)},
                                             published, acts=True)
            if placed_in is not None:
                places.add(placed_in)
            events = self.sentence(sent, sent_mentions, published, dates.get(index, []))
            if self.eventness is not None and any(ev.mode == "factual" for ev in events) and \
                    self.eventness.probabilities([t.lemma_ for t in sent])["not"] >= self.eventness.cut:
                for ev in events:
                    ev.mode = "commentary" if ev.mode == "factual" else ev.mode
            where = _Sentence(first_sentence + index, sent.start, sent.end, sent.text)  # once, not per event
            alone = roles.only_state(sent_mentions, published) if events else None
            links = _carrier_links(events)
            coded: dict[int, list[CodedEvent]] = {}
            for ev in events:
                placed = any(a.country for a in ev.sources)
                if focal is not None:  # "the government", "authorities": the state the document is about
                    ev.sources = [roles.located(a, focal) for a in ev.sources]
                    ev.targets = ([roles.located(a, focal) for a in ev.targets]
                                  or _person_of(ev.anchor, focal, ev.sources))
                if ev.implied and (armed_here or any(t.lower_ == "occupied" for t in sent) or not (
                        placed or (any(a.country for a in ev.sources) and len(context.countries) == 1))):
                    # "was arrested" by no one named: a state's authorities only when the place or a story
                    # of one state says whose, and no armed group or occupier in the story may hold people
                    continue
                law = roles.jurisdiction(ev.match.code, ev.sources)
                if law is not None:  # "a Guatemalan judge sent [a journalist] to prison": one of Guatemala's
                    ev.targets = ([roles.of_jurisdiction(a, law) for a in ev.targets]
                                  or _person_of(ev.anchor, law, ev.sources))
                # "Iranian security forces opened fire on [protesters]", "imposed a curfew"
                ev.targets = roles.on_its_own(ev.match.code, ev.sources, ev.targets, alone)
                ev.targets = roles.protested_organs(ev.match.code, ev.sources, ev.targets, alone)
                if not ev.targets and ev.sources:
                    ev.targets = discourse.referred(ev.anchor, ev.sources, context, self.vocabulary.nouns,
                                                   self.vocabulary.verbs, by_token)
                if not ev.targets and ev.sources and _violent(ev):
                    # "the BLA attacked a train in Balochistan", "militants attacked a train in Balochistan
                    # [...] they stormed it": an armed group's attack with no target, in its own state's
                    # place or in a story told in one state, is on that state; not when the story names
                    # another state, which the group may be fighting ("Israeli strikes ... Hamas attacked")
                    home = roles.clause_place(ev.anchor, by_token, published) or (
                        next(iter(places)) if len(places) == 1 else None)
                    if home is not None and _insurgents_of(ev.sources, {home}) and set(context.countries) <= {home}:
                        ev.targets = [_state_actor(home)]
                if (not ev.targets and ev.sources and (ev.match.code or "")[:3] == "016"
                        and discourse.answers_accusation(ev.anchor)):
                    ev.targets = discourse.accusers(ev.sources, context)  # "The Taliban denied involvement."
                if ev.mode == "factual" and ev.sources:
                    context.history.append((discourse.event_words(ev.trigger), (ev.match.code or "")[:2], ev.sources,
                                            ev.targets))
                context.note_armed(ev.sources + ev.targets)
                # a sentence with dates of its own is not told at the story's time ("in 2013, when
                # rebels seized power"): its undated acts keep the report's day
                # words told after a material act's day, in a report days later, are a reaction of their
                # own time between the two ("militants attacked a train on Tuesday ... officials blamed
                # India" at Friday's briefing), unless told as at once ("quickly claimed responsibility")
                reaction = (material and story is not None and published is not None
                            and (published - story.date).days > 1
                            and (ev.match.code or "")[:2] not in _MATERIAL_ROOTS and not _at_once(ev.anchor))
                coded[id(ev)] = self._coded(ev, doc_id, where, published, url, offset,
                                            None if dates.get(index) or reaction else story)
            _fold_carried_statements(links, coded)
            for ev in events:
                for e in coded.get(id(ev), []):
                    if e.mode == "factual" and e.target is None:
                        e.mode = "untargeted"  # an act done to no one found: none named, or one missed
                    out.append(e)
            context.note_told([(ev.sources, ev.targets) for ev in events if ev.mode == "factual" and ev.sources])
            if published is not None:
                told = [ev.when for ev in events if ev.mode == "factual"]
                story = reference(told, published, story)
                setters = [ev for ev in events if ev.mode == "factual" and ev.when is not None
                           and not ev.when.relative and ev.when.date <= published]
                if setters:  # the act whose date the story now has, or that took it into background
                    material = (setters[-1].match.code or "")[:2] in _MATERIAL_ROOTS
                if told:  # the last act told: its own day, week or month, or none (a year, no date)
                    last = told[-1]
                    self._anchor = last if last is not None and last.precision in _ANCHORING else None
        self._anchor = None
        return out

    def _coded(self, cand: _Candidate, doc_id: str, sent: _Sentence, published: date | None,
               url: str | None, offset: int, story: When | None = None) -> list[CodedEvent]:
        """The dyadic events of a candidate: one per source-target pair, plus reciprocals. An act
        with no date of its own takes ``story``, the time the story has reached, when it is told in
        the simple past (:func:`~blocwatch.coder.dates.reference`)."""
        code = cand.match.code or ""
        pairs: list[tuple[Actor, Actor | None, str]] = []
        if cand.match.rule == _EVALUATION and not cand.targets:
            return []  # "called the situation a disaster": judging no one's act, object or word
        if code[:2] == "01" and cand.targets and all(t.sector == "MED" for t in cand.targets):
            pass  # "told reporters", "told a local radio station": the press is addressed to no one in particular
        elif cand.targets:
            # "Lavrov praised the ties between the two countries": of several, not Russia itself
            several = len(cand.targets) > 1
            pairs = [(s, t, code) for s in cand.sources for t in cand.targets
                     if s.code != t.code and not (several and t.sector is None and s.country
                                                  and t.country == s.country)]
            if cand.match.reverse and (cand.match.reverse != code or _both_ways(cand)):
                pairs += [(t, s, cand.match.reverse) for s, t, _ in list(pairs) if t is not None]
        elif _mutual(cand):
            pairs = [(a, b, code) for a in cand.sources for b in cand.sources if a.code != b.code]
        elif code != "010":  # a plain statement only counts when addressed to someone
            pairs = [(s, roles.addressee(s, code), code) for s in cand.sources]
        # one event per dyad and code: "the council and the cabinet dissolved the party" is one act of
        # the government, not two
        first: dict[tuple[str, str | None, str], tuple[Actor, Actor | None, str]] = {}
        for s, t, c in pairs:
            first.setdefault((s.code, t.code if t else None, c), (s, t, c))
        pairs = list(first.values())
        inside = [t for t in cand.tokens if sent.start <= t.i < sent.end and not t.is_space] or [cand.trigger]
        start = min(t.idx for t in inside)
        end = max(t.idx + len(t.text) for t in inside)
        when = cand.when
        if when is None and published is not None:  # undated: news of the day, or background before it
            if anterior(cand.trigger) or anterior(cand.anchor):
                when = before(published)
            elif story is not None and narrative(_tense_bearer(cand.anchor, _derived(cand))):
                when = story  # "attacked a train on Tuesday. [...] They took hostages": on Tuesday too
            else:
                when = reported(published)
        return [
            CodedEvent(
                doc_id=doc_id, sentence=sent.index, trigger=cand.trigger.idx + offset, source=src, target=tgt,
                cameo=c, mode=cand.mode, date=when.date if when else None,
                date_precision=when.precision if when else None, date_text=when.text if when else "",
                evidence_text=sent.text, evidence_start=start + offset, evidence_end=end + offset,
                rule=cand.match.rule, url=url, published=published, confidence=cand.confidence,
            )
            for src, tgt, c in pairs
        ]

    def _date(self, cand: _Candidate, published: date | None, dates: Sequence[Span],
              own: bool = False) -> When | None:
        """The date the text gives the event, else None (the caller flags the publication date).

        ``dates`` are the sentence's DATE entities; with ``own``, only a date hung on the event's
        own words, not one it shares with a verb it is joined to."""
        if published is None:
            return None
        anchors = {cand.trigger.i, cand.anchor.i}
        anchors |= {c.i for c in same_day_clauses(cand.anchor)}  # "seized the train hours after it left ... on Tuesday"
        anchors |= {c.i for c in syntax.misread_gerunds(cand.anchor)}  # "killed in Israeli shelling on Friday"
        if cand.anchor.lemma_.lower() in _IMPLICATIVE:  # "helped Mauritius build an airstrip [last year]"
            anchors |= {c.i for c in cand.anchor.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ in ("VB", "VBP")}
        future = cand.mode == "future"
        when_head = when_clause_date(cand.anchor)
        # "two days later", "the day before": from the act told last, or from the sentence's date
        # before ("in 2022, and ... the following year"), itself perhaps counted ("the previous week,
        # ... and the week before")
        counted = {} if future else _counted(dates, published, self._anchor)
        uncounted = False  # a date of the act's own that counts from one the text does not give
        for ent in dates:
            root = day_host(ent.root)  # "on Tuesday night": the phrase is "on ... night"
            prefix = ""
            if _designated(ent):
                continue
            # a date phrase hangs on the verb, or is parsed onto its object ("held talks [on Monday]")
            # or onto its subject when it comes before the verb ("the court [on Jan. 14] ordered")
            doc = cand.trigger.doc
            objects = [c for i in anchors for c in doc[i].children if c.dep_ == "dobj"]
            # and the nouns of the object's phrase ("announced the activation of a force [Tuesday]")
            hosts = anchors | {t.i for o in objects for t in syntax.phrase(o) if t.pos_ in ("NOUN", "PROPN")}
            subjects = {c.i for i in anchors for c in doc[i].children if c.dep_ in ("nsubj", "nsubjpass") and c.i < i}
            if root.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod") and root.head.i in anchors:
                pass
            elif (root.dep_ in ("npadvmod", "tmod") and (syntax.adverbial_host(root.head, anchors)
                                                          or (root.head.i in hosts and root.head.i not in anchors
                                                              and not _NOMINALIZED.search(root.head.lower_)))
                  and root.head.lemma_.lower() not in self.vocabulary.nouns):
                # an adverbial date hung on a noun of the verb's phrase ("for the first time [last month]"),
                # or on its object ("attacked a train [Tuesday]"), unless that noun is an act of its own
                pass
            elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.lower_ in _UNTIL:
                continue  # "renewed the sanctions until January": when they end, not when they were renewed
            elif root.dep_ == "pobj" and root.head.dep_ == "prep" and (
                    root.head.head.i in hosts or (root.head.head.i in subjects and root.head.lower_ != "of")
                    or self._date_on_a_party(root.head, anchors)):
                if root.head.lower_ == "since" and ranked(root.head.head):
                    continue  # "its first visit since 2000": the act is not of 2000
                prefix = root.head.text + " " if root.head.lower_ == "since" else ""
            elif _at_occasion(root, hosts):
                pass  # "told Scholz during the visit on Feb. 27", "responded in a Jan. 23 briefing"
            elif when_head is not None and ent.start <= when_head.i < ent.end:
                pass  # "in 2013, when rebels seized the capital"
            else:
                continue
            when = resolve(prefix + ent.text, published, future=future)
            if when is not None and not future and when.date > published and _ANAPHORIC.match(ent.text):
                when = None  # "the next year", told of the past: after the story's time, not after the report
            if when is not None and when.precision == "unknown":
                when = _last_bound(when, ent, dates, published)  # "in the 1960s and early 1970s"
            if when is None and not future:
                when = counted.get(ent.start)
                uncounted = uncounted or (when is None and _COUNTING.search(ent.text) is not None)
            if when is not None:
                return when
        if own:
            return None
        followed = followed_by(cand.anchor)
        if followed is not None:  # "expelled two envoys on Monday, days after Britain expelled ...": before Monday
            head, soon = followed
            when = self._date(_Candidate(head, head, cand.match, [], [], [head], mode=cand.mode), published, dates)
            span = period(when) if when is not None else None
            # "hours after": that day; after a bound ("in the 1990s"): that bound; not after an act still to
            # come ("will recall its envoy next week after Croatia expelled ...": done before the report)
            if when is not None and when.date <= published:
                return when if soon or span is None else When(min(span[1], published), "unknown", when.text,
                                                               relative=True)
        if uncounted:  # a date of its own the text does not count from: not the clause's it is joined to
            return None  # ("..., and the week before, Iran had threatened Israel")
        means = syntax.means_clause(cand.anchor)
        head = means if means is not None else cand.anchor.head
        if head.i != cand.anchor.i and head.pos_ in ("VERB", "AUX") and dates and (
                means is not None or cand.anchor.dep_ == "conj" or syntax.participle_clause(cand.anchor)
                or _meanwhile(cand.anchor)):
            # "removed Bashir in April and jailed him": coordinated acts share the first one's date;
            # "struck the village in April, killing five": so does the act a participle adds to its verb,
            # the act by which another was done ("angered Bolivia last week by closing the border"),
            # and an act told as happening meanwhile ("days later, a bomb killed 11, while the BLA took ...")
            return self._date(_Candidate(head, head, cand.match, [], [], [head], mode=cand.mode), published, dates)
        anchor = cand.anchor
        shared = [c for c in anchor.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == anchor.tag_
                  and not any(s.dep_ in ("nsubj", "nsubjpass") or s.lower_ in _AFTERWARDS for s in c.children)
                  ] if dates else []
        for c in shared:  # "had been arrested and sentenced [in 2011]": acts of one subject joined share a date;
            # not "imposed sanctions and then lifted them in 2016", "sent police and deployed more in June"
            when = self._date(_Candidate(c, c, cand.match, [], [], [c], mode=cand.mode), published, dates, own=True)
            if when is not None:
                return when
        credited = _credited(cand.anchor) if dates else None
        if credited is not None:  # "last month, the BLA took credit for attacking a convoy": by then
            when = self._date(_Candidate(credited, credited, cand.match, [], [], [credited], mode=cand.mode),
                              published, dates)
            # a day is when the credit was taken; the act was on it or before ("on Monday, took credit
            # for killing the leader"): that day as a bound
            return When(when.date, "unknown", when.text) if when is not None and when.precision == "day" else when
        said = told_when_said(cand.anchor, REPORTING_VERBS) if dates else None
        if said is not None:  # "announced in December it was cutting ties": the cutting holds when announced
            return self._date(_Candidate(said, said, cand.match, [], [], [said], mode=cand.mode), published, dates)
        teller = syntax.reporting_head(cand.anchor) if dates and not future else None
        if teller is not None and (narrative(cand.anchor) or anterior(cand.anchor) or _perfect(cand.anchor)):
            # "police said on Monday they arrested 20 protesters": done by Monday, not on the report's day
            when = self._date(_Candidate(teller, teller, cand.match, [], [], [teller], mode=cand.mode),
                              published, dates)
            span = period(when) if when is not None and when.date <= published else None
            if span is not None:
                if narrative(cand.anchor) and when.precision in ("day", "week"):
                    return when  # told in the simple past: a step of the story the saying tells, at its time
                return When(min(span[1], published), "unknown", when.text, relative=True)
        if dates and not future and (after_long_ago(cand.anchor, dates, published)
                                     or after_long_ago(cand.trigger, dates, published)):
            return before(published)  # "annexed Crimea after the revolution in 2014": at some time since
        return None

    def _date_on_a_party(self, prep: Token, anchors: set[int]) -> bool:
        """Whether a date's "in", "on" or "during" phrase, parsed onto the object of a preposition of
        the verb, is the verb's: "clashed with separatists [in the early 1990s]", "recognised the
        republics as independent states [on Wednesday]". Not on a noun of an act of its own
        ("protested against the vote in 2019": the vote's), nor on what an act is for, about or after
        ("apologized for crimes in the 1990s": the crimes' time, not the apology's)."""
        noun = prep.head
        return (prep.lower_ in ("in", "on", "during") and syntax.adverbial_host(noun, anchors)
                and (noun.head.lower_ not in _ABOUT_PREPS or noun.lemma_.lower() in TIMES_OF_DAY)  # "before dawn"
                and noun.lemma_.lower() not in self.vocabulary.nouns and not _NOMINALIZED.search(noun.lower_))

    # -- sentence ------------------------------------------------------------------------------

    def sentence(self, sent: Span, mentions: Sequence[Mention], published: date | None,
                 dates: Sequence[Span] | None = None) -> list[_Candidate]:
        """Candidate events of one sentence, with mode and date resolved; ``dates`` are its DATE
        entities (found here if not given). Actors are named as they were on the publication day,
        or on the event's own day when the text dates it (:meth:`_on_event_dates`)."""
        if credit_line(sent):
            return []  # "Reuters contributed to this report": who reported, not what happened
        if dates is None:
            dates = date_entities(sent.ents, sent)
        cands = self._candidates(sent, mentions, published, dates)
        if published is not None:
            self._on_event_dates(sent, mentions, published, dates, cands)
        return cands

    def _on_event_dates(self, sent: Span, mentions: Sequence[Mention], published: date, dates: Sequence[Span],
                        cands: list[_Candidate]) -> None:
        """Actors of acts the text dates, named as they were then: "In 2020, the Taliban attacked a
        checkpoint" is an insurgency's attack, "in 2019, Trump met Kim" the US government's meeting,
        though both are something else on the report's day. The sentence is read again as of the
        middle day of the event's date (:func:`~blocwatch.coder.dates.period`: a year's 2 July, a
        month's 15th or 16th, not "since 2021"), when an actor it names had another code then: the
        code that held for most of the period ("in 2009, Obama met Merkel" is the president's
        meeting, though he took office on 20 January). Only a date before the report: who holds
        an office later is not known on the day. Each candidate takes the actors of its twin."""
        by_day: dict[date, list[_Candidate]] = {}
        for c in cands:
            span = period(c.when) if c.when is not None else None
            day = span[0] + (span[1] - span[0]) / 2 if span is not None else None
            if day is not None and day < published and _named_otherwise(mentions, published, day):
                by_day.setdefault(day, []).append(c)
        anchors = {c.anchor.i: day for day, group in by_day.items() for c in group}
        chosen = {id(c) for group in by_day.values() for c in group}
        for c in cands:  # "in 2018, Trump promised to meet Kim": what the dated act says or plans, of its time
            if c.when is None and id(c) not in chosen:
                day = next((anchors[a.i] for a in (c.anchor, *c.anchor.ancestors) if a.i in anchors), None)
                if day is not None:
                    by_day[day].append(c)
        for day, group in by_day.items():
            twins = {(t.trigger.i, t.anchor.i, t.match.rule): t for t in self._candidates(sent, mentions, day, dates)}
            for c in group:
                twin = twins.get((c.trigger.i, c.anchor.i, c.match.rule))
                if twin is not None:
                    c.sources, c.targets = twin.sources, twin.targets

    def _candidates(self, sent: Span, mentions: Sequence[Mention], published: date | None,
                    dates: Sequence[Span]) -> list[_Candidate]:
        """The candidates of :meth:`sentence`, actors named as of ``published``."""
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token[i] = m
        candidates: list[_Candidate] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and (tok.dep_ not in ("amod", "aux") or syntax.misparsed_verb(tok)):
                entry = self.vocabulary.verb_entry(tok)
                cand = self._verb_event(tok, entry, by_token, published) if entry is not None else None
                if cand is not None:
                    candidates.append(cand)
            elif (tok.pos_ in ("NOUN", "PROPN") and lemma in self.vocabulary.nouns
                  and tok.ent_type_ not in TIME_ENTITIES):
                cand = self._noun_event(tok, self.vocabulary.nouns[lemma], by_token, published)
                if cand is not None:
                    candidates.append(cand)
        candidates = _prefer_nouns_over_light_verbs(candidates)
        _aim_at_purposes(candidates, by_token, published)
        _share_the_attacked(candidates)
        candidates += self._obligations(sent, candidates, by_token, published)
        place = roles.sentence_place(sent, by_token, published)
        for cand in candidates:
            state = roles.victims_state(cand.anchor, cand.targets, by_token, published, cand.sources,
                                        roles.sentence_place(sent, by_token, published, acts=True, of=cand.anchor)
                                        ) if _violent(cand) else None
            if place is not None and not (cand.match.code or "").startswith("04"):
                # a visit or a meeting is often abroad: "the minister met his counterpart in Hanoi"
                cand.sources = [roles.located(a, place) for a in cand.sources]
            if state is not None:  # "killed 20 people in Gaza": people of Palestine
                cand.targets = [replace(a, code=state + a.code, country=state) for a in cand.targets]
            cand.mode = _candidate_mode(cand)
            _attempt(cand)
            cand.when = self._date(cand, published, dates)
            if cand.mode == "factual" and cand.when is not None and published and cand.when.date > published:
                cand.mode = "future"  # "hold joint drills next month": dated after the report, so not yet done
            elif cand.mode == "factual" and (cand.match.code or "")[:2] in _MATERIAL_ROOTS and simple_present(
                    cand.anchor) and self._date(cand, published, dates, own=True) is None:
                # not a caption with its own date ("Police detain a protester in Tbilisi, May 14, 2024")
                cand.mode = "commentary"  # "Russia supplies oil to China", "the ships are sanctioned": a habit, a state
        derived = self._derive(candidates, by_token, published, dates)
        if self.typer is not None:
            derived = self._second_opinion(sent, derived, by_token, published, dates)
        asks, ifs = (question_spans(sent), condition_spans(sent)) if derived else ([], [])
        for c in derived:  # a question asserts nothing; a condition nothing but the threat or promise stating it
            if in_question(c.trigger, asks) or c.mode == "factual" and not _derived(c) and (
                    conditioned(c.trigger, ifs) or conditioned(c.anchor, ifs)):
                c.mode = "hypothetical"
            elif c.mode == "factual" and ifs and _planned_on_condition(c):
                c.mode = "hypothetical"  # "if the talks fail, Mali plans to expel ...": a plan on a condition
        if derived and caption_line(sent):  # "FILE - ...", "Police detain a protester in Tbilisi, May 14, 2024."
            for c in derived:  # what a picture shows, often an older scene: no act the report tells
                c.mode = "commentary" if c.mode == "factual" else c.mode
        return [c for c in derived if not c.match.rule.startswith(_OBLIGATION)]

    def _second_opinion(self, sent: Span, cands: list[_Candidate], by_token: dict[int, Mention],
                        published: date | None, dates: Sequence[Span]) -> list[_Candidate]:
        """The model's type for the sentence: each candidate's confidence, and an event of the
        model's type when the rules found none (see the class's description)."""
        assert self.typer is not None
        if not cands and self.typer.cut >= 1.0:  # nothing to weigh and typing alone is off: skip the model
            return cands
        kind, prob = self.typer.predict([t.lemma_ for t in sent])
        calibration = self.typer.calibration
        cameo = load_taxonomy().cameo
        for c in cands:
            code = cameo.get(c.match.code or "")
            c.confidence = calibration.get("agree" if code is not None and code.plover == kind else "disagree")
        if cands or prob < self.typer.cut or kind not in self.typer.cameo:
            return cands
        match = Match(self.typer.cameo[kind], None, f"{MODEL_RULE}{kind}", None)
        verbs = sorted((t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")),
                       key=lambda t: (sum(1 for _ in t.ancestors), t.i))  # the main verb first
        cand = next((c for v in verbs if (c := self._model_event(v, match, by_token, published))), None)
        if cand is None:
            return cands
        cand.mode = _candidate_mode(cand)
        cand.when = self._date(cand, published, dates)
        cand.confidence = calibration.get("model_only")
        return [cand]

    def _model_event(self, verb: Token, match: Match, by_token: dict[int, Mention],
                     published: date | None) -> _Candidate | None:
        """An event of the model's type on a verb: its subject acts (the agent of a passive),
        towards its object or a target preposition's; None if no actor acts."""
        voice = syntax.passive(verb)
        if voice is not None:
            source_heads, target_heads = voice
        else:
            source_heads = syntax.subjects(verb)
            target_heads = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
        sources = roles.actors_of(source_heads, by_token, published)
        if not sources:
            return None
        targets = [a for a in roles.actors_of(target_heads, by_token, published) if not roles.bare_sector(a)]
        targets = targets or roles.pp_targets(verb, by_token, published, exclude=source_heads)
        return _Candidate(verb, verb, match, sources, targets, [verb] + _phrases(source_heads + target_heads))

    def _obligations(self, sent: Span, candidates: list[_Candidate], by_token: dict[int, Mention],
                     published: date | None) -> list[_Candidate]:
        """What a speaker says someone else must or should do, or asks them to do, when the
        vocabulary has no code for the act itself ("said Libya must hand over the suspects",
        "urged Pyongyang to return to talks", "called for Kenya to keep the camps open"): a demand
        (100) or an appeal (020).

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
            asking = statements.DEMANDING | statements.APPEALING
            asked = tok.head.lemma_.lower() in asking and (
                (tok.dep_ == "xcomp" and (any(c.dep_ == "dobj" for c in tok.head.children)  # "urged Seoul to return"
                                          or bool(syntax.prep_controller(tok.head))))  # "called on Seoul to return"
                or for_to_clause(tok))  # "called for Kenya to keep the camps open"
            if not asked and not (tok.dep_ == "ccomp" and modals & {"must", "should"}):
                continue
            obliged = roles.actors_of(syntax.subjects(tok), by_token, published)
            if obliged:
                out.append(_Candidate(tok, tok, Match("010", None, _OBLIGATION, None), obliged, [], [tok]))
        return out

    def _verb_event(self, verb: Token, entry: WordEntry, by_token: dict[int, Mention],
                    published: date | None) -> _Candidate | None:
        if verb.lemma_.lower() in _INSTRUMENTAL and any(
                c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and self.vocabulary.verb_entry(c) is not None
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children):
            return None  # "used drones to attack Israel": the attack is the act, the drones how it was done
        deadline = _deadline(verb, by_token, published)
        if deadline is not None:
            return deadline
        subjects = syntax.subjects(verb)
        voice = syntax.passive(verb)
        passive = voice is not None
        pre = [t for s in subjects for t in s.subtree] + [c for c in verb.children if c.i < verb.i]
        # a phrase put before the verb ("During his visit to Seoul, Blinken praised ...") is not what
        # the verb's pattern reads after it ("* visit", "* (to)"); a recipient put first is ("To
        # Ukraine, Germany has sent 100 tanks")
        fronted = [c for c in verb.children if c.i < verb.i and c.dep_ in _FRONTED_ADJUNCTS and not (
            c.lower_ == "to" and any(p.dep_ == "pobj" and p.i in by_token for p in c.children))]
        post = syntax.clause(verb, exclude=[*subjects, *fronted])
        shared = syntax.shared_objects(verb)
        # "killed and wounded 20 soldiers", "sold and shipped jets to Pakistan": the object of both verbs,
        # and the later one's prepositions, are read with each
        pp_head = shared[0].head if shared else verb
        if shared:
            seen = {t.i for t in post}
            joined = [*shared, *(c for c in pp_head.children if c.dep_ == "prep" and c.i > pp_head.i)]
            post = sorted([*post, *(t for o in joined for t in o.subtree if t.i not in seen)], key=lambda t: t.i)
        if (verb.dep_ == "relcl" or syntax.misparsed_verb(verb)) and not any(
                c.dep_ in ("dobj", "nsubjpass") and not (c.dep_ == "dobj" and syntax.antecedent(c))
                for c in verb.children):  # "the missiles [North Korea fired]", "Ukraine, which [Russia invaded]"
            post = sorted([*post, verb.head, *(c for c in verb.head.children if c.dep_ in ("compound", "amod"))],
                          key=lambda t: t.i)
        is_actor = roles.is_actor(by_token, published)
        if passive:  # "attacked by government forces": the doer, not what was attacked ("* government");
            # not a weapon ("killed by a roadside bomb" is a bombing)
            doers = {t.i for c in verb.children if c.dep_ == "agent" for p in c.children if is_actor(p)
                     for t in (p, *(m for m in p.children if m.dep_ in ("compound", "amod", "det")))}
            post = [t for t in post if t.i not in doers]
        judged = _judgement(verb)
        match = _evaluation(judged) or self.vocabulary.match(entry, verb, pre, post,
                                                             roles.is_target(by_token, published))
        received = (match is not None and match.code is None and match.reverse is not None and voice is None
                    and (verb.lemma_.lower() in _RECEIVING or (verb.lemma_.lower() in _UNDERGOING
                                                               and match.reverse.startswith(_UNDERGONE_WORDS))))
        if received:  # "Russia received shells from North Korea": the giver's act, on the receiver
            match = replace(match, code=match.reverse, reverse=None)
        if match is None or match.code is None or (match.rule != _EVALUATION and _no_act_of_its_own(verb, match)):
            return None
        if received:
            givers = roles.actors_of(_givers(verb), by_token, published)
            receivers = roles.actors_of(subjects, by_token, published)
            if not givers or not receivers:
                return None  # "Ukraine received tanks": from whom, the text does not say
            if verb.lemma_.lower() == "come" and not all(
                    g.sector in _SPEAKING_SECTORS or g.code.startswith(("IGO", "NGO")) for g in givers):
                return None  # "came under fire from Russian artillery": fire, not words
            return _Candidate(verb, verb, match, givers, receivers, [verb] + _phrases(subjects + _givers(verb)))
        if voice is not None:
            source_heads, target_heads = voice
        else:
            source_heads = subjects
            target_heads = []
            if match.target is not None:
                target_heads = [match.target]
            else:  # not the event noun of a light verb ("held talks with Iran in Doha": the talks are no actor)
                light = verb.lemma_.lower() in syntax.LIGHT_VERBS
                target_heads = [_relative_object(c, match) for c in [*verb.children, *shared]
                                if (c.dep_ in ("dobj", "dative", "iobj") or _misparsed_object(c) is not None)
                                and not (light and c.lemma_.lower() in self.vocabulary.nouns)]
                if match.rule == _EVALUATION:  # what is judged ("called [the launch] unacceptable")
                    target_heads = judged[0] if judged else []
                if not target_heads and verb.lemma_.lower() == "help":
                    # "helped Mauritius build an airstrip": the parser makes the one helped the subject
                    # of a bare infinitive
                    target_heads = [s for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VB", "VBP")
                                    and not any(m.dep_ == "mark" for m in c.children)
                                    for s in c.children if s.dep_ == "nsubj" and s.i < c.i]
        # "21 passengers died in the attack by the BLA": who dies is its victim, and the doer is who
        # caused it; with no one named, no event (unless a pattern names a fight they died in)
        dying = verb.lemma_.lower() in _DYING and match.rule.count(":") == 1
        if dying:
            source_heads, target_heads = [], subjects
        day = published
        sources = roles.actors_of(source_heads, by_token, day)
        if (passive or dying) and not sources:  # "killed in Israeli tank shelling", "in an air strike by the army"
            sources = roles.doer_of_cause(verb, by_token, day, self.vocabulary.nouns)
        if dying and not sources:
            return None
        authority = roles.implied_authority(verb, match.code, by_token, day) if passive and not sources and not any(
            c.dep_ == "agent" for c in verb.children) else None
        if authority is not None:  # "a journalist was arrested in Phnom Penh": by the authorities of the
            sources = [authority]  # place or of the story
        targets = roles.actors_of(target_heads, by_token, day)
        if not targets and match.target is not None:  # "suspended imports of [Japanese] seafood"
            targets = roles.owner_states([match.target], by_token, day)
        if match.rule == _EVALUATION and not targets:  # "called the Russian election a farce": Russia's
            # on the object, or on the predicate the object was parsed into ("called [Pyongyang's launch
            # unacceptable]")
            heads = [*target_heads, *(h.head for h in target_heads if h.head.i != verb.i)]
            owners = [c for h in heads for c in h.children
                      if c.dep_ in ("amod", "compound", "poss") and c.i < h.i and c.i in by_token]
            targets = [a for a in roles.actors_of(owners, by_token, day, spread=True)
                       if a.code.startswith("IGO") or (a.country is not None and a.code[:3] == a.country)]
        own, codes = {a.code[:3] for a in sources}, {a.code for a in sources}
        if targets and match.target is None and not passive and all(
                roles.bare_sector(a) or (a.code[:3] in own and a.code not in codes) for a in targets):
            # "sent troops to Liberia", "withdrew its troops from Ukraine": the troops are what is
            # sent or withdrawn, not whom it is done to, even with no place named ("sent troops to
            # the border", "withdrew its troops")
            moved = verb.lemma_.lower() in _MOVING_FORCES and all(a.sector in _TROOPS for a in targets)
            targets = roles.pp_targets(pp_head, by_token, day, exclude=source_heads) or ([] if moved else targets)
        if not targets and match.target is None:
            targets = roles.pp_targets(pp_head, by_token, day, exclude=source_heads)
        if self._praised_as_hostility(verb, match):  # "praised the Houthi attack on Israel": against Israel,
            # as PETRARCH-2's pattern codes it, not the Houthis the attack's name says did it
            targets = roles.pp_targets(pp_head, by_token, day, exclude=source_heads) or targets
        act = self._act_spoken_of(verb, match, passive, by_token)
        if act is not None:  # "condemned the shelling of Kharkiv": the shelling's doer, not Ukraine
            hit = {x for a in roles.actors_of([t for t in act.subtree if t.i in by_token and t.i != act.i],
                                              by_token, day) for x in (a.code, a.country)}
            targets = roles.act_doers(act, by_token, day) or ([] if passive else roles.actors_of(
                [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
                 if p.dep_ == "pobj"], by_token, day)) or [  # the parser hangs the act's "by" on the verb
                a for a in targets if a.code not in hit and a.country not in hit]  # one outside the act's phrase
            if not targets:  # "condemned the arrest of the journalist in Harare": by Zimbabwe's authorities
                targets = roles.authority_of_act(act, self._act_code(act), by_token, day, sources)
        if not targets and (match.code or "")[:2] in ("10", "11"):
            # "alleged that Japan had sent spies": Japan is accused; "repeated its demand that Kabul
            # stop the militants": asked of Kabul
            asked = [c for c in verb.children if c.dep_ == "ccomp"]
            if verb.lemma_.lower() in _REPEATING:  # "repeated its demand that Kabul stop ..."; not
                # "condemned reports that its soldiers ...", aimed at the reports' authors
                asked += [c for o in verb.children if o.dep_ == "dobj" for c in o.children
                          if c.dep_ in ("ccomp", "acl") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                for m in c.children)]
            targets = roles.actors_of([s for c in asked for s in syntax.subjects(c)], by_token, day)
        if verb.lemma_.lower() in _EXPELLING:
            match = _expulsion(match, verb, sources, targets)
        if match.code == "0874" and targets and all(t.code.startswith("IGO") for t in targets) and not any(
                c.dep_ == "dobj" for c in verb.children) and not any(a.sector in _TROOPS for a in sources):
            # "Mali withdrew from ECOWAS": leaving an organisation cuts ties with it, as PETRARCH-2
            # codes withdrawing from a coalition or a treaty (161); no retreat ("withdrew its troops
            # from the UN mission" has an object, and "French troops withdrew from the mission" a
            # military doer: both stay one)
            match = replace(match, code="161", reverse=None)
        elif (verb.lemma_.lower() == "leave" and match.rule.count(":") == 1 and targets
              and all(t.code.startswith("IGO") for t in targets) and not any(a.sector in _TROOPS for a in sources)):
            # "Niger left ECOWAS" is no journey (040) but leaving the organisation, as withdrawing from it
            match = replace(match, code="161", reverse=None)
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if verb.lemma_.lower() in SUGGESTING and match.rule.count(":") == 1 and any(
                asserted_clause(c) for c in clauses):
            # "suggested Macron needed treatment", "that senior officials must have given the orders":
            # a view put forward, not a proposal of what someone should do
            match = replace(match, code="010", reverse=None)
        if verb.lemma_.lower() in _ADMITTING and match.rule.count(":") == 1 and clauses:
            # "Israel admitted that its forces killed the aid workers": responsibility acknowledged
            # (015) for an act of one's own side; "conceded that the talks could fail", "acknowledged
            # that tariffs would raise prices": a view stated (PETRARCH-2 codes the bare verbs as
            # cooperation, 050, or as yielding, 080)
            told = [s for c in clauses for s in syntax.subjects(c)]
            doers = roles.actors_of(told, by_token, published)
            states = {a.country for a in sources if a.country}
            # an own side the dictionary cannot name: "it", "we", "its drones", "our agents"
            ours = not doers and bool(told) and all(_own_side_word(s) for s in told)
            own = (ours or (bool(doers) and bool(states) and all(d.country in states for d in doers))) and all(
                asserted_clause(c) and mode_of(c) == "factual" for c in clauses)
            match = replace(match, code="015" if own else "010", reverse=None)
        if (match.code == "110" and match.rule.count(":") == 1 and verb.lemma_.lower() in _ASSERTING and clauses
                and not roles.actors_of([s for c in clauses for s in syntax.subjects(c)], by_token, published)):
            # "Mogadishu argues its border should be extended": a claim stated, not disapproval; not
            # "Greece contends that Turkey violated its airspace", a charge against Turkey
            match = replace(match, code="010", reverse=None)
        if not targets and (match.code or "")[:2] in _FORCE_ROOTS:  # "fired tear gas to disperse [protesters]"
            targets = roles.actors_of([o for c in verb.children if c.dep_ in ("advcl", "xcomp") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for o in c.children if o.dep_ == "dobj"],
                by_token, day)
        if match.rule.startswith(_SENT_TOWARD) and match.code == "150" and any(
                (c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.lefts))
                or (c.dep_ == "prep" and c.lower_ == "for") for c in verb.rights):
            return None  # "sent warships toward Israel to deter Iran", "near Cuba for exercises": not at them
        if not targets and (match.code or "")[:2] in _PLACE_TARGET_ROOTS and verb.lemma_.lower() != "meet" \
                and not _together(match, sources, verb, verb):  # "met at a hotel in Jeddah": where, not whom
            # a show of force near a state is aimed at it ("expanded its exercises near Taiwan")
            targets = roles.place_target(verb, by_token, day, sources, aimed=(match.code or "")[:2] == "15")
        if not targets and (match.code or "")[:2] == "14":
            targets = roles.protest_target(verb, by_token, day, sources)
        elif (match.code or "")[:2] == "14" and targets and {t.code for t in targets} <= {
                s.code for s in sources if s.code == s.country}:
            # "Iranians filled the streets of Tehran": a people protesting in its own country protests
            # to its government, not to itself
            targets = [Actor(t.code + "GOV", t.code, "GOV", t.text) for t in targets]
        own_states = {a.country for a in sources if a.country}
        if (match.code or "")[:2] in ("02", "10") and all(t.country in own_states | {None} for t in targets):
            # "France demanded the release of two French nationals held in Iran": asked of Iran
            targets = roles.holders(verb, by_token, day) or targets
        # "optimism about talks with China"; a denial is aimed at who accused, not what it is about
        # ("denied the report on Syria")
        if not targets and (match.code or "")[:2] == "01" and match.code not in ("010", "016"):
            targets = [a for a in roles.topic_actors(verb, by_token, day) if a.code not in {s.code for s in sources}]
        if verb.lemma_.lower() == "engage":
            engaged = self._engaged(verb, match, sources + targets)
            if engaged is None:
                return None
            match = engaged
        if (match.code or "")[:2] == "10" and any(c.dep_ == "dobj" and _claim_that(c) and not _territorial(c)
                                                  for c in verb.children):
            return None  # "reiterated the claim that the attack was planned abroad": an assertion, not a demand
        if verb.lemma_.lower() in _DENYING and (match.code or "")[:2] in ("11", "12") and _denies_a_claim(verb):
            # "rejected suggestions that Moscow supplied the drones": a denial (016), not a rejection
            # of a proposal (125) or a protest (110)
            match = replace(match, code="016", reverse=None)
        if verb.lemma_.lower() in _MOTION and (match.code or "")[:2] in ("04", "07"):
            journey = _journey(verb, match, sources, targets, by_token, day)
            if journey is None:
                return None
            match, targets = journey
        tokens = [verb] + _phrases(source_heads + target_heads)
        actor = roles.is_actor(by_token, day)
        counterpart = any(c.dep_ == "prep" and c.lower_ in ("with", "between") and any(
            p.dep_ == "pobj" and actor(p) for p in c.children) for c in verb.children)
        return _Candidate(verb, verb, match, sources, targets, tokens, counterpart=counterpart,
                          implied=authority is not None)

    def _praised_as_hostility(self, verb: Token, match: Match) -> bool:
        """Whether a verb of praise is coded by a pattern of another root ("praised the attack on
        Israel" is PETRARCH-2's 110 against Israel), so that its target is the praised act's victim."""
        lemma = verb.lemma_.lower()
        default = self.vocabulary.verbs[lemma].default if lemma in self.vocabulary.verbs else None
        return (default or "")[:2] == "05" and (match.code or "")[:2] != "05"

    def _act_spoken_of(self, verb: Token, match: Match, passive: bool, by_token: dict[int, Mention]) -> Token | None:
        """The hostile act a verb of saying or of relations takes as its object, if it takes one:
        "condemned [the shelling] of Kharkiv", "welcomed [the arrest] of the suspect", "the attack on
        the convoy was denounced". Whom that act is done to is not whom the verb is aimed at: its
        target is the act's doer (:func:`~blocwatch.coder.roles.act_doers`), or none. An act is an
        event noun, or a noun of action (:func:`~blocwatch.coder.nominal.verb_of`) of a verb, of a
        hostile root (13, 15 to 20). Only for verbs of the roots of :data:`_SAYING_ROOTS` (not acts,
        "repelled the attack on the base"; not threats, talks, cooperation, aid or yielding, "eased
        the blockade of Gaza"); not light verbs ("launched an attack on"), blaming ("blamed the attack
        on Moscow": the one blamed), claiming one's own act (015), nor praise a pattern coded as
        disapproval of the victim. Not actors ("forces"), weapons ("shells") nor the last part of a
        hyphened word ("cease-fire")."""
        lemma = verb.lemma_.lower()
        code = match.code or ""
        if code[:2] not in _SAYING_ROOTS or code == "015" or lemma in _BLAMING or lemma in syntax.LIGHT_VERBS:
            return None  # "claimed the killing of 33 terrorists": its own act, done to them
        if self._praised_as_hostility(verb, match):
            return None  # "praised the attack on Israel": PETRARCH-2's patterns code it as against the victim
        for obj in verb.children:
            if (obj.dep_ == ("nsubjpass" if passive else "dobj") and obj.pos_ == "NOUN"
                    and obj.i not in by_token and obj.lemma_.lower() not in roles.ACTOR_HEADS  # "told forces"
                    and obj.lemma_.lower() not in weapon_words()  # "shipping artillery shells to Russia"
                    and not any(c.tag_ == "HYPH" for c in obj.children)  # "cease-fire" is no fire
                    and (self._act_code(obj) or "")[:2] in discourse.HOSTILE_ROOTS):
                return obj
        return None

    def _act_code(self, noun: Token) -> str | None:
        """The default code of the act a noun names: its own entry, or its verb's ("detention": detain)."""
        lemma = noun.lemma_.lower()
        entry = self.vocabulary.nouns.get(lemma)
        if entry is None and (act := verb_of(lemma, self.vocabulary.verbs)) is not None:
            entry = self.vocabulary.verbs[act]
        return entry.default if entry is not None else None

    def _engaged(self, verb: Token, match: Match, actors: Sequence[Actor]) -> Match | None:
        """The sense of "engage", or None for none. PETRARCH-2's bare verb is fighting (190, "engaged
        the enemy"), blocwatch's "engage with" consulting (040). Fighting needs an object ("engaged
        the rebels") or "in" an act of violence ("in clashes", "in hostilities", "in a war"): not "in
        such activity", "in a standoff with Chinese vessels" (no meeting either). Engaging with, by or
        with troops, police or armed groups is fighting ("troops engaged with militants"), with a
        state dealing ("engaged with the Taliban authorities")."""
        ins = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
               for p in c.children if p.dep_ == "pobj"]
        fight = any(c.dep_ == "dobj" for c in verb.children) or any(
            p.lemma_.lower() in _FIGHTING_WORDS or (
                (e := self.vocabulary.nouns.get(p.lemma_.lower())) is not None and (e.default or "")[:2] in _VIOLENT)
            for p in ins)
        if not fight and (match.rule.count(":") == 1 or (
                match.rule.startswith("blocwatch:engage with") and any(p.pos_ == "NOUN" for p in ins))):
            return None  # "in Doha" (a place) leaves "engaged with the Taliban authorities in Doha" alone
        if match.code == "040" and any(a.sector in _TROOPS or a.sector in discourse.ARMED for a in actors):
            return replace(match, code="190", reverse="190")
        return match

    def _noun_event(self, noun: Token, entry: WordEntry, by_token: dict[int, Mention],
                    published: date | None) -> _Candidate | None:
        occasion = self._meeting_before_act(noun, entry, by_token, published)
        if occasion is not None:
            return occasion
        light = syntax.light_verb(noun)
        if light is None:
            return None
        modifiers = [c for c in noun.children if c.i < noun.i]
        post = syntax.clause(noun, exclude=[]) + [c for c in light.children if c.dep_ == "prep"]
        match = self.vocabulary.match(entry, noun, [t for m in modifiers for t in m.subtree], post,
                                      roles.is_actor(by_token, published))
        if match is None or match.code is None:
            return None
        day = published
        # "sent troops after [the riot]": a noun that says when is not the verb's subject's act
        when = noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE_PREPS
        subjects = syntax.subjects(light) if (noun.dep_ == "dobj" or noun.dep_ == "pobj") and not when else []
        undergone = syntax.undergoes(noun) is not None  # "came under Russian fire": the subject is hit
        sources = [] if undergone else roles.actors_of(subjects, by_token, day)
        mutual = False
        if not sources:  # "US-South Korea drills", "Russia's invasion", "talks between X and Y"
            own = [m for m in modifiers if m.dep_ in ("poss", "compound", "amod", "nmod")]
            sources = roles.actors_of(own, by_token, day, spread=True)
            agents = [p for c in list(noun.children) + list(light.children) if c.dep_ == "agent" or
                      (c.dep_ == "prep" and c.lower_ == "by") for p in c.children if p.dep_ == "pobj"]
            sources = sources or roles.actors_of(agents, by_token, day)
        # "talks between X and Y", "the signing of a treaty between X and Y"
        holders = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj"]
        between = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
                   for p in c.children if p.dep_ == "pobj"]
        if between:
            sources = sources + roles.actors_of(between, by_token, day)
            mutual = True
        targets: list[Actor] = []
        if undergone:  # who bore it: the subject, active ("came under") or passive ("was hit with")
            bearers = [c for c in light.children if c.dep_ in ("nsubj", "nsubjpass")]
            targets = [a for a in roles.actors_of(bearers, by_token, day) if a.code not in {s.code for s in sources}]
        if match.target is not None and not targets:
            targets = roles.actors_of([match.target], by_token, day)
        if not targets:
            targets = roles.pp_targets(noun, by_token, day, exclude=[]) or roles.pp_targets(
                light, by_token, day, exclude=subjects)
        if match.code == "062" and _civil(noun) and not any(a.sector == "MIL" or a.code.endswith("MIL")
                                                               for a in sources):
            # "held an earthquake drill", "a voter registration exercise": no act; held by several
            # states together, material cooperation, not military; "the navy held a search and
            # rescue exercise" is military cooperation still
            if not mutual and _without_partner(noun, light, sources, targets):
                return None
            match = replace(match, code="060", reverse="060" if match.reverse else None)
        if match.code == "062" and not mutual and _without_partner(noun, light, sources, targets):
            # drills with no partner are a show of force (CAMEO 150: "a demonstration of military
            # capabilities and readiness"), aimed at a state they are held around or near; one they
            # are held in is often their host, not their target ("held exercises in Papua New Guinea")
            match = replace(match, code="150", reverse=None)
            targets = roles.place_target(noun, by_token, day, sources, _NEAR, aimed=True) or roles.place_target(
                light, by_token, day, sources, _NEAR, aimed=True)
        elif (not targets and not mutual and (match.code or "")[:2] in _PLACE_TARGET_ROOTS
              and not _together(match, sources, noun, light)):
            aimed = (match.code or "")[:2] == "15"  # a show of force near a state is aimed at it
            targets = roles.place_target(noun, by_token, day, sources, aimed=aimed) or roles.place_target(
                light, by_token, day, sources, aimed=aimed)
        tokens = [noun, light] + _phrases([*subjects, noun])
        return _Candidate(noun, light, match, sources, targets, tokens, mutual=mutual)

    def _meeting_before_act(self, noun: Token, entry: WordEntry, by_token: dict[int, Mention],
                            published: date | None) -> _Candidate | None:
        """A meeting or a visit named as the occasion of another act, with its counterpart or its
        destination: "after talks with Li Qiang, the prime minister announced ...", "during a visit to
        Hanoi, Macron said ..." The one who acts is the one who met or visited (CAMEO 04). Not
        before or ahead of it (it may not happen), and not with no counterpart named ("after the
        talks, he said": whose, the sentence does not say)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in _OCCASION_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = prep.head
        if mode_of(verb) != "factual":
            return None  # "after talks with Li, the prime minister will announce ...": the talks are to come too
        is_actor = roles.is_actor(by_token, published)
        match = self.vocabulary.match(entry, noun, [t for c in noun.children if c.i < noun.i for t in c.subtree],
                                      syntax.clause(noun, exclude=[]), is_actor)
        if match is None or (match.code or "")[:2] != "04":
            return None
        subjects = syntax.subjects(verb)
        sources = roles.actors_of(subjects, by_token, published)
        own, home = {a.code for a in sources}, {a.country for a in sources if a.country}
        # not a place of the doers' own state ("during a visit to Quetta, Pakistan's prime minister ...")
        # nor the press ("in a meeting with reporters") or the doer's own government
        partners = [a for a in roles.pp_targets(noun, by_token, published, exclude=[])
                    or roles.place_target(noun, by_token, published, sources, ("to",))
                    if a.code not in own and a.sector != "MED"
                    and not (a.sector in (None, "GOV") and a.country in home)]
        if not sources or not partners:
            return None
        return _Candidate(noun, noun, match, sources, partners, [noun] + _phrases([*subjects, noun]))

    # -- statements about events ------------------------------------------------------------

    @staticmethod
    def _obliged_by_other(cand: _Candidate, gov: Token | None, by_token: dict[int, Mention],
                          published: date | None) -> bool:
        """Whether a reported "must" or "should" (``statements.obligation``, checked by the caller)
        binds others than the speaker: "the rebels announced that the president must agree" is the
        rebels' demand, not the president's intent; "Iran said it must respond" stays Iran's own."""
        if gov is None or cand.mode != "future":
            return False
        speakers = roles.actors_of(syntax.subjects(gov), by_token, published)
        return bool(speakers) and not _same_party(speakers, cand.sources, by_state=True)

    def _statement_date(self, verb: Token | None, published: date | None, dates: Sequence[Span]) -> When | None:
        """The date of a statement about an event ("vowed on Monday to ..."), not the event's own
        ("... to visit next month"); None (the publication date) if the statement is undated. A
        statement made in saying something is dated by the saying ("said on Monday that it was ready
        to help": the readiness is stated on Monday)."""
        if verb is None:
            return None
        when = self._date(_Candidate(verb, verb, Match(None, None, "", None), [], [], [verb]), published, dates)
        teller = syntax.reporting_head(verb.head if verb.dep_ == "acomp" else verb) if when is None and dates else None
        if teller is None:
            return when
        return self._date(_Candidate(teller, teller, Match(None, None, "", None), [], [], [teller]), published, dates)

    def _derive(self, cands: list[_Candidate], by_token: dict[int, Mention],
                published: date | None, dates: Sequence[Span] = ()) -> list[_Candidate]:
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
            gov = syntax.governor_of(cand.anchor)
            gov_lemma = gov.lemma_.lower() if gov is not None else ""
            preparing = gov_lemma in statements.PREPARING
            # the saying's own mode: "has sought since 2024 to", "often threatens to", "may urge",
            # "demanded that its partners refuse to"; not the future of the chain it heads
            said = "factual" if gov is None else mode_of(gov)
            said = said if said in ("commentary", "hypothetical", "negated", "claimed") else "factual"
            duty = gov is not None and statements.obligation(cand.anchor, gov)  # "said X must ..."
            obliged = duty and self._obliged_by_other(cand, gov, by_token, published)
            if cand.mode == "future" and cand.sources and preparing and code[:2] in ("18", "19", "20"):
                # "the army prepared to resume shelling": military posturing
                out.append(replace(cand, match=Match("150", None, f"posture:{code}", cand.match.target),
                                   mode=said))
                replaced.add(gov.i)  # type: ignore[union-attr]
            elif (cand.mode == "future" and cand.sources and syntax.passive(cand.anchor) is None
                  and statements.stated_intent(cand.anchor, gov)  # "will be led by the police": no one's word
                  and not obliged and not _foretold_by_other_state(cand, gov, by_token, published)):
                new = statements.intent_code(code)
                if new is not None and gov_lemma == "threaten" and new[:2] == "03":
                    new = "130"  # whatever is threatened is a threat
                if new is not None:
                    out.append(replace(cand, match=Match(new, None, f"intent:{code}", cand.match.target),
                                       mode=said, when=self._statement_date(gov, published, dates)))
                    if gov is not None and gov_lemma in FUTURE_HEADS:
                        replaced.add(gov.i)
            elif cand.mode == "negated" and cand.sources and (
                    (gov is not None and gov_lemma in statements.REFUSING) or statements.will_not(cand.anchor)):
                # "refused to lift the curfew", "said it would not provide support"
                new = statements.mirror("refusal", code) or "120"
                out.append(replace(cand, match=Match(new, None, f"refusal:{code}", cand.match.target),
                                   mode=said, when=self._statement_date(gov, published, dates)))
                if gov is not None:
                    replaced.add(gov.i)
            elif ((cand.mode in ("hypothetical", "negated") or obliged)
                  and gov is not None and (kind := statements.request_kind(cand.anchor, gov))):
                speakers = roles.actors_of(syntax.subjects(gov), by_token, published)
                if not speakers and kind == "demand" and syntax.passive(gov) is not None:
                    speakers = _state_left(cand)  # "two diplomats were ordered to leave Poland": Poland's order
                if not speakers or not cand.sources:
                    continue
                if _same_party(speakers, cand.sources, by_state=duty):
                    replaced.add(gov.i)  # "ordered his troops to fire", "Iran's ministry said Iran must": no one else
                    continue
                stop = cand.mode == "negated" or cand.anchor.lemma_.lower() in ("stop", "halt", "end", "cease")
                new = statements.mirror(kind, "stop" if stop and code[:2] >= "14" else code) or (
                    "100" if kind == "demand" else "020")
                if gov_lemma in _THREATENING and duty:
                    new = "130"  # "the Kremlin threatened that Ukraine must pay": a threat, not a demand
                elif kind == "demand" and not stop:  # "ordered the ambassador to leave": an expulsion
                    ordered = [" ".join(t.text for t in h.subtree) for h in syntax.subjects(cand.anchor)]
                    left = [c.lemma_.lower() for c in cand.anchor.children if c.dep_ == "dobj" and c.i not in by_token]
                    new = statements.expulsion(gov_lemma, cand.anchor.lemma_.lower(),
                                               ordered or [a.text for a in cand.sources], *left[:1]) or new
                out.append(replace(cand, sources=speakers, targets=cand.sources, mode=said, mutual=False,
                                   match=Match(new, None, f"{kind}:{code}", None),
                                   when=self._statement_date(gov, published, dates)))
                replaced.add(gov.i)
        out = [c for c in out if not (c.trigger.i in replaced and c.mode == "factual"
                                      and ":" in c.match.rule and not _derived(c)
                                      and ((c.match.code or "")[:2] in ("01", "02", "03", "05", "10", "12", "13")
                                           or _speaking(c.trigger)))]
        # an event without a target gives way to the same kind of event by the same source with one
        with_target = {(a.code, (c.match.code or "")[:2]) for c in out if _directed(c) and c.mode == "factual"
                       for a in c.sources}
        out = [c for c in out if _directed(c) or c.mode != "factual"
               or not all((a.code, (c.match.code or "")[:2]) in with_target for a in c.sources)]
        for cand in out:  # "agreed to set up a centre": a promise, whatever is promised
            lemma = cand.trigger.lemma_.lower()
            if (lemma in COMMITMENT_HEADS and lemma != "threaten" and cand.trigger.i not in replaced
                    and (cand.match.code or "")[:2] in ("05", "06", "08")
                    and any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("to", "on"))
                            for c in cand.trigger.children)):
                cand.match = Match("030", None, cand.match.rule + "+intent", cand.match.target)
        claims: dict[int, list[_Candidate]] = {}  # hostile claimed events by the words governing them
        for c in cands:
            if c.mode == "claimed" and (c.match.code or "")[:2] >= "14":
                for i in {c.anchor.head.i, c.anchor.head.head.i}:
                    claims.setdefault(i, []).append(c)
        for cand in out:  # a claim that someone else did something hostile is an accusation
            code = cand.match.code or ""
            if cand.mode != "factual" or not (code.startswith("11") or code.startswith("01")) or code == "016":
                continue  # "denied reports that its forces shelled the town" is a denial, no accusation
            alleged = [c for c in claims.get(cand.trigger.i, [])
                       if {a.code for a in c.sources}.isdisjoint({a.code for a in cand.sources})]
            if alleged:
                aggression = any((c.match.code or "")[:2] in ("18", "19", "20") for c in alleged)
                new = "1123" if aggression else ("112" if code[:3] in ("010", "110", "111", "112") else code)
                cand.match = Match(new, cand.match.reverse, cand.match.rule + "+accusation", cand.match.target)
                if not cand.targets:
                    cand.targets = [a for c in alleged for a in c.sources][:1]
        return out

    # -- actors --------------------------------------------------------------------------------


#: Personal pronouns that stand for a person an act is done to ("charged him").
_PERSONS = {"him", "her", "he", "she"}


#: Verbs of admitting: their that-clause is an act of one's own side admitted, or a view stated.
_ADMITTING = frozenset({"acknowledge", "admit", "concede", "confess"})
#: Pronouns that name the speaker's own side, alone or as a possessive ("it", "its drones").
_OWN_SIDE = frozenset({"it", "we", "its", "our"})


def _own_side_word(subject: Token) -> bool:
    """Whether a subject is the speaker's own side by a pronoun: "it", "we", "its drones", "our agents"."""
    return subject.lower_ in _OWN_SIDE or any(c.dep_ == "poss" and c.lower_ in _OWN_SIDE for c in subject.children)


def _tense_bearer(verb: Token, said: bool = False) -> Token:
    """The verb whose tense tells when ``verb``'s act was done: the verb a participle clause or a
    "by" clause of means hangs on ("stormed the station, killing five", "angered Bolivia by closing
    the border": the killing and the closing are told in the past of "stormed" and "angered"); for
    what is ``said`` (a demand, a refusal or an intent derived from the act its verb governs), the
    verb of saying ("the court also ordered the school to give ...": told as "ordered"); else
    ``verb`` itself."""
    if said and (gov := syntax.governor_of(verb)) is not None:
        return gov
    means = syntax.means_clause(verb)
    if means is not None:
        return means
    return verb.head if syntax.participle_clause(verb) and verb.head.pos_ in ("VERB", "AUX") else verb


def _person_of(verb: Token, focal: str, sources: Sequence[Actor]) -> list[Actor]:
    """The target of a state's own act done to a person the dictionary does not know ("authorities
    arrested [Zamora]", "a court sentenced [him]"), in a document about that state: a person of
    that state, coded by the state alone as CAMEO codes a person known only by nationality. Only
    when every source belongs to the document's state, so that the guess never makes an event
    between two states."""
    country, _ = split_code(focal)
    if country is None or not sources or any(a.country != country for a in sources):
        return []
    voice = syntax.passive(verb)
    heads = voice[1] if voice is not None else [c for c in verb.children if c.dep_ == "dobj"]
    for h in heads:
        if h.ent_type_ == "PERSON" or h.lower_ in _PERSONS:
            return [Actor(focal, country, None, h.text)]
    return []


def _foretold_by_other_state(cand: _Candidate, gov: Token | None, by_token: dict[int, Mention],
                             published: date | None) -> bool:
    """Whether a future act is reported by speakers of other states than its doers': "Japan said
    China will invade Taiwan" is Japan's forecast, no statement of China's intent. Speakers of no
    known state ("officials said", "the opposition threatened") and of the doers' state ("Putin
    said Russia will respond") leave the act the doers' word; so does the other party of a
    cooperative act (CAMEO roots 01-08: "the Albanian embassy said the German minister will visit
    Albania" is an arrangement of both), not the target of a hostile one ("Taiwan said China will
    invade" is Taiwan's forecast). The press reports others' plans, of its own state or not ("British
    media reported that Britain will cede the islands")."""
    _, gov = statements.stating(cand.anchor, gov)  # "said China will try to invade", "... invade and attack"
    if gov is None:
        return False
    said_by = roles.actors_of(syntax.subjects(gov), by_token, published)
    if (said_by and all(a.sector == "MED" for a in said_by) and not any(a.sector == "MED" for a in cand.sources)
            and not _relayed(gov)):
        return True  # "British media have reported that Britain will cede the islands": the press's report
    speakers = {a.country for a in said_by}
    parties = {a.country for a in cand.sources}
    if (cand.match.code or "99")[:2] <= "08":
        parties |= {a.country for a in cand.targets}
    return bool(speakers) and None not in speakers and None not in parties and not speakers & parties


def _relayed(said: Token) -> bool:
    """Whether the press passes on someone's own words ("Xinhua quoted Wang Yi as saying", "citing the
    defence ministry", "quoting officials"): their statement, not the press's report."""
    verbs = [said, said.head] if said.dep_ in ("advcl", "xcomp", "pcomp") else [said]
    verbs += [p for p in said.ancestors if p.pos_ == "VERB"][:2]
    return any(v.lemma_.lower() in ("quote", "cite") for v in verbs) or any(
        c.lemma_.lower() in ("quote", "cite") for v in verbs for c in v.children if c.dep_ in ("advcl", "xcomp"))


def _same_party(speakers: Sequence[Actor], doers: Sequence[Actor], by_state: bool) -> bool:
    """Whether the speakers ask only themselves: the same actors, or with ``by_state`` (a reported
    duty) one state, named as itself on one side ("the Iranian foreign ministry said Iran must
    respond" is Iran's own; "rebels said the government must" and "the court said the government
    must" are not)."""
    if {a.code for a in speakers} <= {a.code for a in doers}:
        return True
    if not by_state or {a.country for a in speakers} != {a.country for a in doers}:
        return False
    # the state itself on one side: "Putin said Russia must", "the ministry said Iran must"; a court
    # or a parliament saying the government must is a demand between the two
    return all(a.code == a.country for a in doers) or all(a.code == a.country for a in speakers)


def _speaking(verb: Token) -> bool:
    """Whether a verb is one of saying or asking, whose own code, when what it says or asks is coded
    as a statement, came from the words of that clause ("told Iran to release the sailors" is no
    release by the one who told)."""
    lemma = verb.lemma_.lower()
    return lemma in REPORTING_VERBS or lemma in statements.DEMANDING or lemma in statements.APPEALING


def _civil(noun: Token) -> bool:
    """Whether a noun names civil drills: a drill (a noun of CAMEO 062) with a civil word of
    ``data/coder/civil_drills.json`` among its modifiers ("an earthquake drill", "a nationwide civil
    defence drill", "a voter registration exercise") and no military one ("post-election military
    drills", "naval search and rescue drills")."""
    if event_nouns().get(noun.lemma_.lower()) != "062":
        return False
    civil, military, _ = load_civil_drill_words()
    words = {t.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree}
    return bool(words & civil) and not words & military


#: The rule of forces sent toward a state (a show of force, unless a purpose says otherwise).
_SENT_TOWARD = "blocwatch:send toward"
#: Sectors of armed forces and police: their withdrawal from an organisation's mission is a retreat.
_TROOPS = frozenset({"MIL", "PKO", "UAF", "COP"})
#: Verbs by which one joins an event that others hold.
_JOINING = frozenset({"take", "participate", "join"})


def _without_partner(noun: Token, light: Token, sources: Sequence[Actor], targets: Sequence[Actor]) -> bool:
    """Whether drills are held by one party alone: one state (not an alliance), no other state
    as target ("with the French navy"), and no word of a joint act or of partners ("joint",
    "alongside", "with its allies"; "with live ammunition" and "with warships" name no partner)."""
    countries = {a.country for a in sources}
    if len(countries) > 1 or any(a.code.startswith("IGO") for a in sources):
        return False
    if light.lemma_.lower() in _JOINING:
        return False  # "took part in the exercise", "joined the drills": others hold them
    if any(a.country is not None and a.country not in countries for a in targets):
        return False
    for c in (c for h in (noun, light) for c in h.children):
        if (c.dep_ == "amod" and c.lower_ in _JOINT) or c.lower_ in _PARTNERING:
            return False
        if c.dep_ == "prep" and c.lower_ == "with" and any(
                p.lower_ in _PARTNERS or any(q.lower_ in _JOINT or q.lower_ == "foreign" for q in p.children)
                for p in c.children):
            return False  # "with its allies", "with allied forces", "with foreign troops"
    return True


def _no_act_of_its_own(verb: Token, match: Match) -> bool:
    """Whether a verb names no act of its own: a catenative with its complement ("managed to
    avoid", "moved to block": the complement is the act), a verb of thinking's default code
    ("thought", "considers"), a light verb's default code with an object it makes no act with
    ("took steps", "gave them 14 days"), a verb of description with an object predicate, pattern
    or not ("called the strike a crime", "called the election stolen"), a verb of result with the
    state its object ends in ("left the city without power"), a reporting verb's material code
    with no object ("added"), and these default codes: a failure of anything but an agreement
    ("failed to rein in the militants"), a claim about oneself ("claimed to be holding hostages"),
    a price asked ("charging 25% more")."""
    lemma = verb.lemma_.lower()
    if lemma in CATENATIVES and any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children):
        return True
    verbs, objects, cognitive, describing = load_light_verbs()
    if lemma in describing and any((c.dep_ == "oprd" and _misparsed_object(c) is None)
                                   or (c.dep_ == "dobj" and _bare_predicate(c)) for c in verb.children):
        return True  # "called the strike a crime", "called the election stolen": a description, not a call
    if lemma in load_relaying_verbs() and (match.code or "")[:2] in _RELAYED_ROOTS:
        return True  # "Ukraine reported a Russian missile attack": Russia's attack, not Ukraine's
    if lemma in load_causal_verbs() and not any(c.dep_ in ("dobj", "dative") for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return True  # "the talks led to a ceasefire": a cause, pattern or not ("* to" was 030)
    if lemma in load_civil_drill_words()[2] and any(c.dep_ == "dobj" and _civil(c) for c in verb.children):
        return True  # "conducted a civil defence drill": neither the drill nor the conducting is an act
    if lemma in load_resulting_verbs()[0] and _end_state(verb):
        return True  # "the strike left the city without power": a result, not a departure
    if match.rule.count(":") >= 2:  # a pattern, which names its arguments
        return False
    failing = load_failing_verbs()[0]
    if lemma in failing and any(c.dep_ == "xcomp" and c.pos_ == "VERB" and not _of_agreement(c)
                                for c in verb.children):
        return True  # "failed to rein in the militants": not done, not rejected ("failed to reach a deal" is)
    if lemma in _SELF_CLAIMS and any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children):
        return True  # "claimed to be holding 200 hostages": a claim about itself (coded ``claimed``), not a
        # protest; its patterns still fire ("claimed to have carried out the bombing": responsibility, 015)
    if _asks_a_price(verb):
        return True  # "charging 25% more for electricity", "charged a fee of $20": a price, not an accusation
    if lemma in load_responding_verbs() and any(c.dep_ == "prep" and c.lower_ == "by" and any(
            p.dep_ == "pcomp" for p in c.children) for c in verb.children):
        return True  # "retaliated by imposing tariffs": the tariffs are the act
    if lemma in REPORTING_VERBS and (match.code or "")[:2] in _MATERIAL_ROOTS and not any(
            c.dep_ in ("dobj", "dative") for c in verb.children):
        return True  # "the spokesman added (that ...)": speaking gives no aid and makes no attack
    return lemma in cognitive or (lemma in verbs and any(
        c.dep_ in ("dobj", "dative", "npadvmod") and c.lemma_.lower() in objects for c in verb.children))


def _of_agreement(verb: Token) -> bool:
    """Whether a verb comes to or keeps an agreement ("agree", "comply", "sign"; "reach" and "meet"
    only with an object of agreement or duty: "reach a deal", "meet its obligations", not "reach
    Damascus", "meet the deadline")."""
    lemma = verb.lemma_.lower()
    if lemma not in load_failing_verbs()[1]:
        return False
    ambiguous, objects = load_agreement_objects()
    return lemma not in ambiguous or any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children)


def _asks_a_price(verb: Token) -> bool:
    """Whether a verb of pricing has a sum, a share or a price as object ("charging 25% more", "charged
    a fee", "charges $5 a visit"; not "charged the minister with fraud")."""
    verbs, prices = load_pricing_verbs()
    return verb.lemma_.lower() in verbs and any(
        o.dep_ == "dobj" and (o.lemma_.lower() in prices or any(t.ent_type_ in ("MONEY", "PERCENT") for t in o.subtree))
        for o in verb.children)


def _end_state(verb: Token) -> bool:
    """Whether a verb gives its object the state it ends in: an object predicate ("left ten
    soldiers dead", "leaving many distraught"), a small clause ("rendered the runway unusable") or
    "without" a thing it lacks then ("left the city without power", "leaving Kherson without water";
    not "left Baghdad without an agreement", "left Afghanistan without its allies": a departure's
    outcome or company)."""
    kids = list(verb.children)
    if any(c.dep_ == "oprd" or (c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ") for c in kids):
        return True
    if sum(c.dep_ == "dobj" for c in kids) >= 2:  # the parser's two objects for "leaving many distraught"
        return True
    lacking = load_resulting_verbs()[1]
    return any(c.dep_ == "dobj" for c in kids) and any(
        c.dep_ == "prep" and c.lower_ == "without" and any(p.dep_ == "pobj" and p.lower_ in lacking for p in c.children)
        for c in kids)


def _counted(dates: Sequence[Span], published: date, anchor: When | None) -> dict[int, When]:
    """The dates of a sentence's date phrases that count from another ("two days later", "the week
    before"), by the phrase's start: the first counts from ``anchor``, the date of the act told
    last, and each one after from the phrase before it, as written or as counted itself. A date
    that would fall after the report is none (the story's dates disagree), and one that names no
    period of its own, or none, gives the next nothing to count from."""
    out: dict[int, When] = {}
    base = anchor
    for ent in sorted(dates, key=lambda e: e.start):
        when = resolve(ent.text, published)
        if when is not None and when.date > published and _ANAPHORIC.match(ent.text):
            when = None  # "the next year", told of the past: after the story's time, not after the report
        if when is None and base is not None:
            when = later(ent.text, base) or earlier(ent.text, base)
            if when is not None and when.date <= published:
                out[ent.start] = when
            else:
                when = None
        base = when if when is not None and when.precision in _ANCHORING and when.date <= published else None
    return out


def _last_bound(when: When, ent: Span, dates: Sequence[Span], published: date) -> When:
    """The bound of a period joined to others ("in the 1960s and early 1970s"): the last one's."""
    joined = {c.i for c in ent.root.conjuncts}
    for other in dates:
        more = resolve(other.text, published) if other.root.i in joined else None
        if more is not None and more.precision == "unknown" and more.date > when.date:
            when = When(more.date, "unknown", when.text)
    return when


#: The rule of a description that judges its object (:func:`_evaluation`).
_EVALUATION = "blocwatch:evaluation"
#: Verbs that describe their object "as" something ("described the strike as a crime").
_DESCRIBING_AS = frozenset({"describe", "characterize", "characterise", "portray", "depict"})


def _judgement(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """The objects and predicates of a verb of description, as the parser left them: "called [the
    visit] [a provocation]", "called [Kim Jong Un] [a madman]" (a name and its apposition), "called
    [the trial] [rigged]", "called [North Korea's launch] [a clear violation]" (the predicate an
    object of the object), "called [the launch unacceptable]" and "termed [the sanctions illegal]"
    (the object inside the predicate), "described [the strike] as [a crime]". None when it has no
    predicate, or no object."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in _DESCRIBING_AS:  # "described the strike as a crime", "the talks as constructive"
        ases = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        predicates = [q for a in ases for q in a.children if q.dep_ in ("pobj", "amod", "acomp")]
        return (objects, predicates) if objects and predicates else None
    if verb.lemma_.lower() not in load_light_verbs()[3]:
        return None
    # not a verb's clause: "called on Russia to end its aggression" is an appeal
    predicates = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "attr")
                  and c.pos_ not in ("VERB", "AUX") and _misparsed_object(c) is None]
    named = [c for c in verb.children if c.dep_ in ("oprd", "dobj") and c.pos_ == "PROPN" and _named_as(c)]
    predicates += [_named_as(c) for c in named]  # type: ignore[misc]
    objects += [c for c in named if c not in objects]
    # "the trial rigged", "the comments insulting", 'the comments "egregious"', "the launch a violation"
    predicates += [c for o in objects for c in o.children
                   if c.i > o.i and all(t.is_punct for t in o.doc[o.i + 1:c.left_edge.i])
                   and ((c.dep_ in ("acl", "amod") and c.tag_ in ("VBD", "VBN", "VBG", "JJ"))
                        or (c.dep_ in ("dobj", "appos") and c.pos_ == "NOUN" and o.pos_ == "NOUN"))]
    objects += [c for p in predicates if p.dep_ in ("oprd", "ccomp", "xcomp") for c in p.children
                if c.dep_ in ("compound", "nsubj") and c.i < p.i]
    if not predicates or not objects:
        return None
    return objects, [p for p in predicates if p not in objects]


def _evaluation(found: tuple[list[Token], list[Token]] | None) -> Match | None:
    """A verb of description whose object predicate judges the object (``found``, :func:`_judgement`): a
    criticism or denunciation (111) when the predicate is one of blame ("called the visit a
    provocation", "termed the sanctions illegal", "called Canada's comments insulting"), praise (051)
    when it is one of approval ("called Putin a close friend"); ``data/coder/evaluations.json``. None
    for a predicate that judges neither ("called the strike an attack on civilians" says what it
    was), or is negated."""
    if found is None:
        return None
    predicates = found[1]
    if not predicates or any(t.dep_ == "neg" or t.lower_ in ("no", "not", "never")
                             for p in predicates for t in p.subtree):
        return None
    # the predicate's own words: its head, the words on it, what it is "of" or "for" ("one of the worst
    # provocations", "a rehearsal for invasion"); not a phrase further in ("a step towards ending the
    # occupation" judges the step)
    heads = [*predicates, *(c for p in predicates for c in p.children if c.dep_ == "conj")]
    words = {t.lemma_.lower() for h in heads for t in [h, *h.children]
             if t is h or t.dep_ in ("amod", "compound", "advmod", "acomp")}
    words |= {q.lemma_.lower() for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
              for q in c.children if q.dep_ == "pobj"}
    negative, positive = load_evaluations()
    if words & negative:
        return Match("111", None, _EVALUATION, None)
    if words & positive:
        return Match("051", None, _EVALUATION, None)
    return None


def _misparsed_object(predicate: Token) -> Token | None:
    """The object the parser took for an object predicate when the verb has no object nor other
    complement ("Biden called Chinese President Xi Jinping": Xi is called, not called something): a
    name; None otherwise."""
    verb = predicate.head
    if (predicate.dep_ != "oprd" or predicate.pos_ != "PROPN" or verb.dep_ in ("acl", "relcl")
            or any(c.dep_ in ("dobj", "dative", "xcomp", "ccomp", "attr", "acomp")
                   or (c.dep_ == "oprd" and c.i != predicate.i) for c in verb.children)
            or _named_as(predicate) is not None):
        return None  # "called Canada 'one of the highest tariffing nations'": two predicates, one an object
    return predicate


def _named_as(name: Token) -> Token | None:
    """The predicate the parser hung on a name as an apposition, with no comma between: "called
    Kim Jong Un [a madman]" (not "called Kim Jong Un, the North Korean leader, on Tuesday")."""
    return next((c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > name.i
                 and c.left_edge.i == name.i + 1), None)


def _bare_predicate(obj: Token) -> bool:
    """Whether an object is followed by a lone participle or adjective the parser hung on it
    ("called the trial rigged"): the object's predicate, not a description of which object."""
    return any(c.dep_ in ("acl", "amod") and c.i == obj.i + 1 and c.tag_ in ("VBD", "VBN", "JJ")
               and not list(c.children) for c in obj.children)


def _specific(cand: _Candidate) -> bool:
    """Whether a candidate's code comes from a pattern rather than a word's default."""
    return cand.match.rule.count(":") >= 2


def _prefer_nouns_over_light_verbs(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per light verb and noun: a verb pattern ("imposed sanctions") beats the noun,
    the noun beats a verb's default code ("conducted a missile launch"); an attack named by the
    noun beats a verb pattern of no force that a word of it matched ("carried out a missile strike"
    is no shipment of missiles), and a kind of act beats the verb pattern's act of no kind."""
    verbs = {c.trigger.i: c for c in cands if c.trigger.i == c.anchor.i}
    nouns = {c.anchor.i: c for c in cands if c.trigger.i != c.anchor.i}
    # "was hit with U.S. sanctions": the noun names the act and its doer, the verb only who bore it
    undergone = {c.anchor.i for c in cands if c.trigger.i != c.anchor.i and syntax.undergoes(c.trigger) is not None}

    def force_over(noun: _Candidate, verb: _Candidate) -> bool:
        """The noun's act wins: an attack over a verb pattern of no force, or a kind of the verb
        pattern's unspecified code ("staged a 48-hour strike": a labour strike, 143, not 140)."""
        code, verb_code = noun.match.code or "", verb.match.code or ""
        if _root(noun) == _root(verb) and verb_code == _root(verb) + "0" and code != verb_code:
            return True
        # only an attack its own words or target make one ("a missile strike", "a strike on Kharkiv"):
        # a bare "strike" staged or held is a labour strike as often
        attack = noun.match.rule.count(":") >= 2 or bool(noun.targets)
        return attack and _root(noun) in _FORCE_ROOTS and _root(verb) not in _FORCE_ROOTS

    out = []
    for c in cands:
        if c.trigger.i == c.anchor.i and c.trigger.i in nouns and (
                not _specific(c) or c.trigger.i in undergone or force_over(nouns[c.trigger.i], c)):
            continue
        if c.trigger.i != c.anchor.i and c.anchor.i in verbs and _specific(verbs[c.anchor.i]) and \
                c.anchor.i not in undergone and not force_over(c, verbs[c.anchor.i]):
            continue
        out.append(c)
    return out


def _root(cand: _Candidate) -> str:
    return (cand.match.code or "")[:2]


def _mutual(cand: _Candidate) -> bool:
    """Whether ``cand``'s actors, with no target, act towards each other ("Japan and China met",
    "China and the United States traded accusations")."""
    if cand.targets:
        return False
    if (cand.match.code or "")[:2] in _MUTUAL_ROOTS:
        return cand.mutual or _together(cand.match, cand.sources, cand.trigger, cand.anchor)
    return len(cand.sources) > 1 and roles.exchanged(cand.trigger, cand.anchor)


def _state_left(cand: _Candidate) -> list[Actor]:
    """The state a passive order to leave names as the one to be left ("were ordered to leave
    Poland", "was told to leave Niger"): it gave the order, as no one else can order people out of
    a state. None for an act other than leaving (``data/coder/expulsions.json``), or for leaving a
    city or a room ("ordered to leave the city of Kharkiv" is an evacuation)."""
    if cand.anchor.lemma_.lower() not in statements.leaving_verbs():
        return []
    for left in (c for c in cand.anchor.children if c.dep_ == "dobj"):  # a state's name, not a city
        try:
            state = resolve_country(" ".join(t.text for t in left.subtree if t.dep_ != "det"))
        except InputError:
            return []
        return [Actor(state, state, None, left.text)]
    return []


def _expulsion(match: Match, verb: Token, sources: Sequence[Actor], targets: Sequence[Actor]) -> Match:
    """An expulsion coded by whom it expels (``statements.expelled``), whatever the verb's pattern
    made of it ("expelled UN weapons inspectors" was a demobilisation): peacekeepers, inspectors,
    aid agencies; diplomats when they are another state's ("expelled the Ethiopian ambassador": 161,
    relations between states cut; "the envoy of the former ruler" is no state's: 174)."""
    expelled = [c.subtree for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    code = statements.expelled([" ".join(t.text for t in s) for s in expelled])
    own = {a.country for a in sources}
    if code == "174" or (code == "161" and not any(t.country and t.country not in own for t in targets)):
        return match  # anyone else: the verb's own code ("expelled him from parliament": 1722)
    return replace(match, code=code)


def _together(match: Match, sources: Sequence[Actor], trigger: Token, anchor: Token) -> bool:
    """Whether several actors do a symmetric act with each other ("Armenia and Azerbaijan held talks
    in Washington", "met in Beijing"): the place they do it in is where, not whom, it is done to."""
    return ((match.code or "")[:2] in _MUTUAL_ROOTS and len({a.code for a in sources}) > 1
            and roles.reciprocal(trigger, anchor))


#: Verbs of using a means, whose "to" clause tells the act done with it ("used artillery to shell").
_INSTRUMENTAL = frozenset({"use", "employ", "utilize", "utilise", "wield"})


#: Adverbs that tell words as said at once after what they answer ("quickly claimed responsibility").
_AT_ONCE = frozenset({"immediately", "quickly", "swiftly", "promptly", "instantly", "soon"})


def _at_once(verb: Token) -> bool:
    """Whether a verb is told as done at once after the story's act ("immediately claimed", "quickly
    denied"); not in a relative clause, where it is at once after what its noun names ("a charge
    New Delhi quickly rejected")."""
    return verb.dep_ != "relcl" and any(c.dep_ == "advmod" and c.lower_ in _AT_ONCE for c in verb.children)


def _meanwhile(verb: Token) -> bool:
    """Whether ``verb`` heads an adverbial clause of the same time as its head's: "while" or "as",
    not in the past perfect."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "as") for c in verb.children) and (
        not anterior(verb))  # "as Togo had expelled Ghana's envoy": before it


def _journey(verb: Token, match: Match, sources: list[Actor], targets: list[Actor], by_token: dict[int, Mention],
             day: date | None) -> tuple[Match, list[Actor]] | None:
    """A verb of going or coming (:data:`_MOTION`) coded as a visit, a consultation or aid: its
    code and targets, or None for a journey that is no act between actors. Only acts told as done:
    "ordered the diplomats to leave Poland" keeps what is asked, for the expulsion it makes.

    - "Putin left Pyongyang": the end of a visit, no act of its own; but "French troops left
      Niger", "Canada left Afghanistan" withdrew (0874): a state or its forces, named with their
      state, leaving another state or a mission.
    - "Russian troops arrived in Belarus": aimed at the state they came to; "troops arrived at the
      site", "the helicopters left": a journey to no one; "Pakistani police departed Quetta": at home.
    """
    if mode_of(verb) != "factual":
        return match, targets
    if verb.lemma_.lower() in ("leave", "depart") and match.rule.count(":") == 1 and match.code == "040":
        targets = targets or roles.place_target(verb, by_token, day, sources)
        states = {a.country for a in sources}
        named = all(h.pos_ == "PROPN" for h in syntax.subjects(verb))  # "Canada", not "the Iranian ship"
        if not sources or not all((a.sector in _TROOPS or (a.sector is None and named)) and a.country
                                  for a in sources) or not targets or any(t.country in states for t in targets):
            return None
        return replace(match, code="0874", reverse=None), targets
    if len(sources) != 1:
        return match, targets  # "Putin and Kim toured the facilities": together

    def abroad(found: list[Actor]) -> list[Actor]:
        return [t for t in found if not (t.sector is None and t.country == sources[0].country)]

    targets = abroad(targets) or abroad(roles.place_target(verb, by_token, day, sources))
    return (match, targets) if targets else None


def _planned_on_condition(cand: _Candidate) -> bool:
    """Whether a candidate is a plan made on a condition: the planning verb ("plans", "intends")
    has an "if" or "unless" clause, whether the candidate is the plan's statement of intent or the
    planning verb's own event."""
    if cand.match.rule.startswith("intent:"):
        plan = syntax.governor_of(cand.anchor)
        # the parser hangs a condition after the plan on the planned act: "plans to expel X if ..."
        return plan is not None and plan.lemma_.lower() in PLANNING_HEADS and (
            on_condition(plan) or on_condition(cand.anchor))
    plan = cand.trigger
    return plan.lemma_.lower() in PLANNING_HEADS and (
        on_condition(plan) or any(on_condition(c) for c in plan.children if c.dep_ == "xcomp"))


#: What a party claims or takes for an act of its own ("claimed responsibility for", "took credit for").
_CREDIT = frozenset({"responsibility", "credit"})
#: Verbs by which a party claims an act as its own (not "denied responsibility for").
_CLAIMING_CREDIT = frozenset({"claim", "take", "accept", "admit", "assume", "acknowledge"})


def _credited(verb: Token) -> Token | None:
    """The verb of a claim of responsibility whose "for" phrase is ``verb``'s gerund ("took credit for
    attacking a convoy", "claimed responsibility for killing two soldiers"), else None: such a claim
    follows its act closely, and the text that dates the claim dates the act."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "for" or prep.dep_ != "prep":
        return None
    claim = prep.head
    if claim.lemma_.lower() in _CREDIT and claim.dep_ == "dobj":  # "for" hung on "responsibility"
        claim = claim.head
    return claim if claim.pos_ == "VERB" and claim.lemma_.lower() in _CLAIMING_CREDIT and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _CREDIT for c in claim.children) else None


def _denies_a_claim(verb: Token) -> bool:
    """Whether a verb's object is a claim with its that-clause ("questions that the attack was an
    intelligence failure", "suggestions that Moscow had supplied the drones"; not "a suggestion to
    hold talks", a proposal): the claim is denied. Not an assertion named alone ("rejected the
    court's findings", "disputed China's claim to the islands"): whom it accuses is not said."""
    return any(o.dep_ == "dobj" and _claim_that(o) for o in verb.children)


def _territorial(noun: Token) -> bool:
    """Whether a claim's clause says whose a place is ("its claim that Taiwan is part of China", "that
    the Essequibo belongs to Venezuela"): a claim to territory."""
    return any(t.lemma_.lower() in _SOVEREIGNTY for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
               for t in c.subtree)


def _claim_that(noun: Token) -> bool:
    """Whether a noun is a claim with its that-clause, stated as a fact ("the claim that the attack was
    planned abroad", "suggestions that Moscow supplied the drones"): something asserted. Not what
    should be done ("suggestions that it negotiate", "the idea that Ukraine should join NATO", "that
    talks could begin"): something proposed."""
    return noun.lemma_.lower() in CLAIM_NOUNS and any(
        c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        and not proposing(c) for c in noun.children)


def _designated(ent: Span) -> bool:
    """Whether a date right after a verb of designating is the day it makes into another ("declared
    Tuesday a national day of mourning", "set Friday as the deadline"): its object, not its date. Not
    "declared Tuesday a state of emergency" nor "declared Tuesday that ...": dated acts."""
    doc, verb = ent.doc, ent.root.head
    if verb.lemma_.lower() not in _DESIGNATING or ent.start != verb.i + 1 or ent.end >= len(doc):
        return False
    with_as = doc[ent.end].lower_ == "as"
    start = ent.end + with_as
    kinds = _DAY_KINDS if with_as else _DAY_KINDS - {"deadline", "date"}  # "set Monday a new deadline": dated
    # the noun phrase that follows (after "as", its object) names a kind of day
    return any(t.lemma_.lower() in kinds and t.left_edge.i == start
               and (t.head.i in (verb.i, ent.root.i) or t.dep_ == "pobj")
               for t in doc[start:min(len(doc), start + 6)])


#: Prepositions by which an act is done at an occasion ("at a Jan. 23 briefing", "during the visit").
_AT_OCCASION = frozenset({"at", "in", "during", "on"})


def _at_occasion(date_root: Token, hosts: set[int]) -> bool:
    """Whether a date phrase dates an occasion at which the act was done: the occasion's phrase,
    with "at", "in", "during" or "on", is on the verb or its object."""
    noun = occasion(date_root)
    if noun is None or noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in _AT_OCCASION:
        return False  # "over a May 5 vote", "after the June 12 summit": about it, or after it
    if noun.lemma_.lower() not in occasions() and noun.head.lower_ != "in":
        return False  # a text dates what is done in it, not "commented on the June 5 report"
    return noun.head.head.i in hosts


def _both_ways(cand: _Candidate) -> bool:
    """Whether the target does back what the source does, as a pattern's reverse code that repeats
    its code says ("fought with", "spoke with", "swapped prisoners with"). For violence, only where
    the counterpart is named in the verb's "with" or "between" phrase ("battled with Azerbaijani
    forces") or the act is symmetric (its word, its object or its clause says so;
    ``data/coder/reciprocal.json``): the patterns' "with" and "between" also take instruments and
    places, and their weapon subjects say who fired, not that fire was returned, so "attacked
    Ukraine with tanks", "attacked villages between two towns" and "missiles hit Kyiv" are one
    side's acts."""
    return (not _violent(cand) or cand.mutual or cand.counterpart
            or roles.reciprocal(cand.trigger, cand.anchor))


def _directed(cand: _Candidate) -> bool:
    """Whether ``cand`` has someone it is done to: a target, or its actors each other."""
    return bool(cand.targets) or _mutual(cand)


def _aim_at_purposes(candidates: list[_Candidate], by_token: dict[int, Mention], day: date | None) -> None:
    """A demand, disapproval, rejection, threat or protest aimed at no one named takes the target of
    its purpose when the purpose is itself one ("staged a hunger strike to protest against Sweden's
    decision" is aimed at Sweden, not at the strikers' own state): the purpose verb's own object or
    target phrase, never an actor inside them ("rallied to denounce Israel's attacks on Gaza" is
    aimed at Israel, not Gaza). A purpose of another kind ("marched to support Ukraine") names no
    one the act is aimed at."""
    def aimed(c: _Candidate) -> bool:
        return (c.match.code or "")[:2] in _PURPOSE_TARGET_ROOTS

    def direct(c: _Candidate) -> list[Actor]:
        verb = c.trigger
        objects = [o for o in verb.children if o.dep_ in ("dobj", "dative")]
        return roles.actors_of(objects, by_token, day) or roles.pp_targets(verb, by_token, day, exclude=[])

    purposes = {c.trigger.i: c for c in candidates if c.targets and aimed(c)}
    for cand in candidates:
        if cand.targets or cand.mutual or not aimed(cand):
            continue
        # the purpose of the verb, never a clause on its object ("condemned the plan to impose
        # sanctions": the plan's content is no purpose)
        found = next((purposes[c.i] for c in cand.anchor.children
                      if c.dep_ == "advcl" and c.i in purposes and c.i != cand.trigger.i
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if found is not None:
            cand.targets = direct(found)


def _violent(cand: _Candidate) -> bool:
    """Whether ``cand`` is violence (``_VIOLENCE``): assault, mass violence, fighting but for
    blockades and occupation."""
    return _violence(cand.match.code)


def _perfect(verb: Token) -> bool:
    """Whether a verb is in the present perfect ("have arrested", "has been expelled")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve")
                                      for c in verb.children)


def _deadline(verb: Token, by_token: dict[int, Mention], day: date | None) -> _Candidate | None:
    """A deadline granted ("gave Russia 50 days to end the war", "gave Hamas until Saturday to
    release the hostages"): a verb of granting a time with a span of time or an "until" phrase and
    an infinitive of what is to be done: a threat to whom it is granted (``load_ultimatum``), not
    aid. None when it is not one, or names no one who grants or no one granted."""
    verbs, spans, code = load_ultimatum()
    if verb.lemma_.lower() not in verbs:
        return None
    span = [c for c in verb.children if (c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in spans)
            or (c.dep_ == "prep" and c.lower_ in ("until", "till"))]
    todo = [c for c in [*verb.children, *(g for s in span for g in s.children)]
            if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.tag_ == "VB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not span or not todo:
        return None
    subjects = syntax.subjects(verb)
    granted = [c for c in verb.children if c.dep_ in ("dative", "dobj") and c.lemma_.lower() not in spans]
    sources, targets = roles.actors_of(subjects, by_token, day), roles.actors_of(granted, by_token, day)
    if not sources or not targets or any(a.sector in ("JUD", "LEG") for a in sources):
        return None  # "the judge gave the government 30 days to respond": a court's time to answer, no threat
    return _Candidate(verb, verb, Match(code, None, "blocwatch:deadline"), sources, targets,
                      [verb] + _phrases(subjects + granted + span))


def _givers(verb: Token) -> list[Token]:
    """Who a verb of receiving names as the giver: the object of its "from" or "by" phrase, or of
    its object's ("received shells from North Korea", "won the backing of France" is no giver's
    phrase: "of" is left, since it may name what is given)."""
    holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    holders += [p for h in holders[1:] for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]  # "millions of shells from North Korea"
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for p in c.children if p.dep_ == "pobj"]


def _insurgents_of(sources: Sequence[Actor], places: set[str]) -> bool:
    """Whether every doer is an armed group (``discourse.ARMED``) of the one state of ``places``,
    or of no state named."""
    return bool(sources) and all(a.sector in discourse.ARMED and a.country in (None, *places) for a in sources)


def _state_actor(code: str) -> Actor:
    """A state as an actor, named by its name."""
    country = load_countries().by_cameo.get(code)
    return Actor(code, code, None, country.name if country is not None else code)


def _violence(code: str | None) -> bool:
    """Whether a CAMEO code is violence (``_VIOLENCE``)."""
    return (code or "")[:2] in _VIOLENCE or (code or "")[:3] in _VIOLENCE


#: Sectors of people with no role of their own, who are taken to be of the state attacked ("killing
#: 12 people", "three civilians"); journalists, workers or soldiers may be foreigners there.
_PEOPLE = frozenset({"CVL", "PPL"})


def _share_the_attacked(candidates: list[_Candidate]) -> None:
    """Violence told in a participle after an attack is done to those attacked: "militants stormed a
    train in Pakistan, taking dozens hostage" (Pakistan), "jets struck Gaza, killing 12 people"
    (people of Gaza). A violent event whose verb is an ``-ing`` clause of another violent event's
    verb, by the same doers, takes that event's targets when it names none, and their state when it
    names people of no state and no role ("12 people", "civilians"; not "two foreign
    journalists"); only when the attack's targets are of one state."""
    by_verb = {c.anchor.i: c for c in candidates if c.targets and _violent(c)}
    for cand in candidates:
        verb = cand.anchor
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "killing three and wounding nine"
            verb = verb.head
        if not _violent(cand) or cand.mutual or verb.dep_ != "advcl" or verb.tag_ != "VBG":
            continue
        head = by_verb.get(verb.head.i)
        if head is None or head is cand or {a.code for a in head.sources} != {a.code for a in cand.sources}:
            continue
        states = {a.country for a in head.targets}
        if len(states) != 1 or None in states:
            continue
        state = next(iter(states))
        if not cand.targets:
            cand.targets = list(head.targets)
        elif all(roles.bare_sector(a) and a.code in _PEOPLE for a in cand.targets):  # "12 people", "civilians"
            cand.targets = [replace(a, code=state + a.code, country=state) for a in cand.targets]


def _attempt(cand: _Candidate) -> None:
    """An attempt ("tried to kill", "attempted to assassinate", and a verb joined to one: "tried to
    meet X and to sign"): at violence (``_VIOLENCE``) it is that act, as an attempted attack is an
    attack (CAMEO's one code for an attempt, 185, is an attempted assassination, not 186); at
    anything else, sanctions, arrests, seizing a town or a meeting, it may not have come about
    ("tried to capture the town but was repelled", "tried to meet Putin, but the Kremlin refused"),
    so it stays hypothetical."""
    def tried(t: Token) -> bool:
        while t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
        return t.dep_ == "xcomp" and t.head.lemma_.lower() in _TRYING

    if not (tried(cand.trigger) or tried(cand.anchor)):
        return
    code = cand.match.code or ""
    if code == "186":
        cand.match = replace(cand.match, code="185")
    if cand.mode == "factual" and not _violent(cand):
        cand.mode = "hypothetical"


def _candidate_mode(cand: _Candidate) -> str:
    mode = mode_of(cand.trigger)
    if mode == "factual" and cand.anchor.i != cand.trigger.i:
        mode = mode_of(cand.anchor)
    if mode == "factual" and (tally(cand.trigger) or tally(cand.anchor)):
        return "commentary"  # "launched 504 attacks in 2024": a count of acts, not one
    return mode


def _phrases(heads: Sequence[Token]) -> list[Token]:
    """The words of the phrases an event's evidence spans: each head's phrase and its conjuncts'
    (not whole subtrees, which in a long run-on sentence can be the rest of the sentence)."""
    out: list[Token] = []
    for head in heads:
        out.extend(syntax.phrase(head))
        node, steps = head, 0
        while steps < _MAX_LISTED and (nxt := [c for c in node.rights if c.dep_ == "conj"]):
            node, steps = nxt[0], steps + 1  # "the US, South Korea and Japan", not a whole run-on chain
            out.extend(syntax.phrase(node))
    return out


def _derived(cand: _Candidate) -> bool:
    return cand.match.rule.startswith(("intent:", "demand:", "appeal:", "refusal:"))


