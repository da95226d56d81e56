"""Who the actors of an event are: from parse phrases to CAMEO actor codes.

An event's source and target are phrases of the parse (a subject, an object, the object of a
preposition); each names actors through the mentions the actor dictionary found in it ("the
US, South Korea and Japan", "Russian troops", "his Chinese counterpart", "hundreds of UN
troops"). When the text names no target, the place an event happens in can be its target
("shelled positions near Kharkiv"), and an actor known only by its role takes the state the
sentence places it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from blocwatch.actors import ActorRecord, split_code
from blocwatch.coder import discourse, syntax
from blocwatch.coder.actors import AgentRecord, Mention
from blocwatch.coder.dates import occasions, texts
from blocwatch.coder.events import Actor
from blocwatch.coder.modality import REPORTING_VERBS
from blocwatch.coder.pronouns import person_nouns
from blocwatch.coder.vocabulary import (
    WordEntry,
    deinflect,
    detention_words,
    event_nouns,
    load_authored_nouns,
    load_document_nouns,
    load_reciprocal,
    load_serving_roles,
    load_stance_nouns,
    load_text_kinds,
    singular,
    weapon_words,
)
from blocwatch.countries import resolve_country
from blocwatch.errors import ParameterError

__all__ = ["ACTOR_HEADS", "act_doers", "actors_of", "addressee", "authority_of_act", "bare_sector", "clause_place",
           "defined_acronyms", "doer_of_cause", "exchanged", "holders", "is_actor", "is_target", "jurisdiction",
           "located", "of_jurisdiction", "on_its_own", "only_state", "owner_states", "place_target", "pp_targets",
           "protest_target", "protested_organs", "reciprocal", "sentence_place", "titled_persons", "topic_actors",
           "victims_state"]

#: Prepositions that place an event: "a curfew [in] Algiers".
_PLACE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "outside", "through"}

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
               "negotiator", "company", "firm", "agency", "he", "she", "they", "it", "capital", "network",
               "wing", "station", "checkpoint", "convoy", "vehicle", "patrol", "barracks", "garrison", "airbase",
               "depot", "helicopter"}


#: Sectors that belong to a state; an actor known only by one of these can take the state of its place.
_STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY", "OPP", "REB", "CVL", "MED", "BUS", "EDU", "HLH",
                  "LAB", "AGR", "ELI", "CRM", "REF", "UAF", "INS", "SEP", "PTY", "MOD", "RAD"}


#: Sectors of the offices of government, whose "foreign" names the affairs they deal with ("the
#: foreign minister", "the Foreign Ministry"), not whose they are.
_OFFICES = frozenset({"GOV", "LEG", "JUD"})
#: Adjectives that say an agent is of another state than the one the text is about: "foreign
#: troops" are not the country's own. ("international" is not one: "international observers" or
#: "the international community" may include it.)
_FOREIGN = frozenset({"foreign", "overseas"})


def located(actor: Actor, place: str) -> Actor:
    """The actor, of the state ``place`` when it is an agent of no state that a state has
    ("police", "the government"), unless its words call it foreign ("foreign troops"; not an
    office of government: "the foreign minister" is the state's own).

    >>> troops, foreign = Actor("MIL", None, "MIL", "troops"), Actor("MIL", None, "MIL", "foreign troops")
    >>> located(troops, "AFG").code, located(foreign, "AFG").code
    ('AFGMIL', 'MIL')
    >>> located(Actor("GOV", None, "GOV", "foreign minister"), "AFG").code
    'AFGGOV'
    """
    foreign = actor.code[:3] not in _OFFICES and bool(_FOREIGN & set(actor.text.lower().split()))
    if actor.country is None and actor.code[:3] in _STATE_SECTORS and not foreign:
        return _make_actor(place + actor.code, actor.text)
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


def _make_actor(code: str, text: str) -> Actor:
    country, sector = split_code(code)
    return Actor(code, country, sector, text)


def _best_mention(mentions: Sequence[Mention], head: Token) -> Mention | None:
    """The mention nearest the phrase head, preferring one that contains it, then one before it:
    a state's adjective or name in front of the head says whose it is, a place after it only
    where it is ("the Chinese embassy in Washington" is China's, "police in Lima" are Peru's),
    but not a sponsor's ("Iranian-backed militias in Iraq" are Iraq's)."""
    if not mentions:
        return None
    for m in mentions:
        if m.start <= head.i < m.end:
            return m
    doc = head.doc
    return min(mentions, key=lambda m: (m.start > head.i or _sponsor(doc[m.start:m.end].root),
                                        abs(head.i - (m.end - 1)), m.start))


#: Participles by which a state's name names a sponsor, not an owner ("Iranian-backed militias").
_SPONSORING = frozenset({"back", "fund", "finance", "support", "sponsor", "arm", "train", "equip", "ally", "align"})


def _sponsor(tok: Token) -> bool:
    """Whether a name modifies a participle of sponsorship ("Iranian-backed"), not the head."""
    return tok.dep_ == "npadvmod" and tok.head.tag_ in ("VBN", "JJ") and tok.head.lemma_.lower() in _SPONSORING


def _coordinated(mentions: Sequence[Mention], doc: Doc) -> bool:
    """Whether several named actors in one phrase are _coordinated ("South Korean and US officials")."""
    if len(mentions) < 2:
        return False
    roots = [doc[m.start:m.end].root for m in mentions]
    return any(r.dep_ == "conj" and any(r.head == o or r.head in o.subtree for o in roots if o is not r)
               for r in roots)


def bare_sector(actor: Actor) -> bool:
    """Whether an actor is a sector without a state or organisation ("troops", "officials")."""
    return split_code(actor.code)[0] is None and actor.code[:3] not in ("IGO", "NGO", "IMG", "MNC")


#: Nouns of places a state owns ("in Pakistan's Balochistan province", "in Ukraine's east").
_PLACE_NOUNS = {"province", "region", "state", "city", "capital", "town", "village", "district", "county",
                "prefecture", "oblast", "governorate", "territory", "border", "coast", "island", "islands", "area",
                "zone", "port", "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
                "heartland", "countryside", "highlands", "enclave", "exclave", "peninsula", "frontier"}


#: Places two states share: "near the Cameroon border" may be on either side of it.
_SHARED_PLACES = frozenset({"border", "frontier"})


def _place_name(pobj: Token, by_token: dict[int, Mention]) -> Token | None:
    """The name a place phrase gives: the object of "in" itself, or the state it belongs to ("in
    Pakistan's Balochistan province", "in Ukraine's east", "in the Kenyan capital"); None if it
    names none. A people's name is no place ("killed in Israeli shelling", misparsed as "in
    Israeli")."""
    if pobj.i in by_token:
        return pobj if pobj.ent_type_ != "NORP" else None
    if pobj.ent_type_ not in ("GPE", "LOC", "FAC") and pobj.lemma_.lower() not in _PLACE_NOUNS:
        return None  # "in Russia's war against Ukraine" places nothing
    # "in Pakistan's Balochistan province", "in the Kenyan capital", "the northwestern Pakistani city"
    owner = [c for c in pobj.children if c.i in by_token and (c.dep_ == "poss" or c.dep_ in ("amod", "compound")
                                                             and pobj.lemma_.lower() not in _SHARED_PLACES)]
    if not owner and pobj.lemma_.lower() in _PLACE_NOUNS and pobj.lemma_.lower() not in _SHARED_PLACES:
        # "in the east of the Gaza Strip", "in the region of Kharkiv"
        owner = [p for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj" and p.i in by_token and by_token[p.i].record is not None
                 and p.ent_type_ in ("GPE", "LOC")]
    return owner[0] if owner else None


def sentence_place(sent: Span, by_token: dict[int, Mention], day: date | None, *, acts: bool = False,
                   of: Token | None = None) -> str | None:
    """The one state a sentence places its events in ("... a curfew in Algiers"), if exactly one.

    An actor known only by role ("President Bouteflika" when the name is not in the
    dictionary) is taken to belong to it: the code is ``DZA`` + ``GOV`` rather than ``GOV``.
    With ``acts``, the place of a speaker ("Hamas officials in Qatar said ...") is not one: it says
    where the speaker is, not where the acts told happened. With ``of`` (an act's verb), only the
    places of its clause, of the clauses it is part of, and of clauses with no subject of their own
    ("the train held hostage in Balochistan"): not another doer's ("as Russian forces advanced in
    Donetsk").
    """
    places: set[str] = set()
    mine = {of.i, *(a.i for a in of.ancestors)} if of is not None else set()
    for pobj in sent:
        if acts and pobj.dep_ == "pobj" and _speaker(pobj.head.head):
            continue
        if of is not None and pobj.dep_ == "pobj" and not _placed_in_reach(pobj, mine):
            continue
        tok = _place_name(pobj, by_token) if pobj.dep_ == "pobj" and pobj.head.lower_ in _PLACE_PREPS else None
        if tok is not None:
            m = by_token[tok.i]
            if isinstance(m.record, ActorRecord):
                code = m.record.code_on(day) or ""
                country, _ = split_code(code)
                if country is not None:
                    places.add(code[:3])
    return places.pop() if len(places) == 1 else None


def _placed_in_reach(pobj: Token, mine: set[int]) -> bool:
    """Whether the clause a place phrase is in is one of ``mine`` (an act's verb and the verbs
    above it) or has no subject of its own."""
    verb = next((t for t in pobj.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is None or verb.i in mine or not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _speaker(noun: Token) -> bool:
    """Whether a noun is the subject of a verb of saying ("officials in Qatar said")."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in REPORTING_VERBS


def is_actor(by_token: dict[int, Mention], day: date | None):  # noqa: ANN202
    return lambda tok: bool(actors_of([tok], by_token, day))


def is_target(by_token: dict[int, Mention], day: date | None):  # noqa: ANN202
    """Whether a phrase names whom an act can be done to: an actor, or a state's goods
    (:func:`owner_states`: "imports of [Japanese seafood]")."""
    return lambda tok: bool(actors_of([tok], by_token, day) or owner_states([tok], by_token, day))


def doer_of_cause(verb: Token, by_token: dict[int, Mention], day: date | None,
                   nouns: Mapping[str, WordEntry]) -> list[Actor]:
    """Who did a passive event, from the event noun that caused it: "killed in [Israeli] shelling",
    "in an air strike by [government forces]", or the other side of a fight: "killed in a clash
    with [Nigerian troops]"; or who placed or fired the weapon that did it: "killed by a roadside
    bomb planted by [Somali militants]". The phrase may hang on a verb coordinated after it ("two
    soldiers were killed and four wounded in a clash with [guerrillas]")."""
    heads = [verb] + [v for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB"]
    # "killed in Israeli (tank) shelling", read as killed "in Israeli" and a gerund clause: the noun before it
    misread = {g.i - 1: g for h in heads for g in syntax.misread_gerunds(h)}
    for c in (c for h in heads for c in h.children):
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "after"):
            for noun in (p for p in c.children if p.dep_ == "pobj"):
                # "killed by Israeli shelling": the small model may read the noun as a gerund
                entry = nouns.get(noun.lower_ if noun.tag_ == "VBG" else noun.lemma_.lower())
                gerund = misread.get(noun.i)
                if entry is None and gerund is not None and gerund.lower_ in nouns:
                    # "killed in Israeli (tank) shelling": read as killed "in Israeli", "shelling" a verb;
                    # the people or group named before the noun of the act says whose it was, not a
                    # place ("killed in Gaza shelling")
                    mods = [m for m in [noun, *noun.children] if (m is noun or m.dep_ in ("compound", "amod", "poss"))
                            and (m.ent_type_ in ("NORP", "ORG") or (m.pos_ in ("ADJ", "NOUN") and not m.ent_type_))]
                    doers = actors_of(mods, by_token, day, spread=True)
                    if doers:
                        return doers
                if entry is None:
                    if noun.lemma_.lower() in weapon_words():
                        placers = [p for v in noun.children if v.dep_ == "acl" for a in v.children
                                   if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
                        doers = actors_of(placers, by_token, day)
                        if doers:
                            return doers
                    continue
                mods = [m for m in noun.children if m.dep_ in ("poss", "compound", "amod", "nmod")]
                doers = actors_of(mods, by_token, day, spread=True)
                # a fight, or a word that is one with its modifier ("a gun battle with police")
                fight = any((c or "")[:2] == "19" for c in [entry.default, *(p.code for p in entry.patterns)])
                preps = ("by", "with") if fight else ("by",)
                if not doers:
                    agents = [p for b in noun.children if b.dep_ == "prep" and b.lower_ in preps
                              for p in b.children if p.dep_ == "pobj"]
                    doers = actors_of(agents, by_token, day)
                if doers:
                    return doers
    return []


#: Prepositions of where an act itself happened or was aimed ("met in Zurich", "sent to Ukraine").
_AT = ("in", "at", "to", "into", "inside", "near")


def place_target(head: Token, by_token: dict[int, Mention], day: date | None,
                  sources: Sequence[Actor], preps: tuple[str, ...] = _AT, aimed: bool = False) -> list[Actor]:
    """Where a visit, meeting, protest or attack without a named target happened: its state.

    CAMEO codes the host of a meeting and the place of a protest or attack as the target when
    the text names no other ("will meet in Zurich", "a protest in Beijing"). ``preps`` are the
    prepositions of place looked at (default: in, at, to, into, inside, near). A place of the
    doers' own state is no target ("Russian troops fought in Kursk" fought someone else there),
    nor a state the act was near ("seized a town near Uganda": outside it), unless ``aimed``
    (drills or a show of force near a state are aimed at it).
    """
    own = {s.code for s in sources} | {s.country for s in sources if s.country}
    for place in _places_of(head, by_token, preps, aimed):
        actors = [a for a in actors_of([place], by_token, day) if a.code not in own and a.country not in own]
        if actors:
            return actors
    return []


def clause_place(head: Token, by_token: dict[int, Mention], day: date | None) -> str | None:
    """The one state the places of an act's own clause are in ("attacked a train in Balochistan"),
    if exactly one."""
    states = {a.country for p in _places_of(head, by_token) for a in actors_of([p], by_token, day)}
    return states.pop() if len(states) == 1 and None not in states else None


def _says_what_for(child: Token) -> bool:
    """Whether a verb's dependent says what a protest is for or about: a purpose clause ("to
    support Ukraine"), "in support of", "in solidarity with", "over", "after", "about", "for"."""
    if child.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in child.children):
        return True
    if child.dep_ != "prep":
        return False
    if child.lower_ in ("over", "after", "about", "for", "following"):
        return True
    return child.lower_ == "in" and any(p.lemma_.lower() in ("support", "solidarity") for p in child.children)


#: Where a state is represented abroad.
_MISSIONS = frozenset({"embassy", "consulate", "mission", "legation"})


def protest_target(head: Token, by_token: dict[int, Mention], day: date | None,
                   sources: Sequence[Actor]) -> list[Actor]:
    """Whom a protest with no target named is aimed at: a state at whose embassy or consulate it is
    held ("outside the French embassy in Niamey"), else the government of the state it is held in
    when the protesters are that state's own ("Georgians rallied in Tbilisi", "Kenyan protesters
    marched through Nairobi"): people protest at home against their government, unless the text
    says what for ("to support Ukraine", "in solidarity with", "over the Koran burning in Sweden")."""
    for c in head.children:  # "outside the French embassy": France's
        if c.dep_ == "prep" and c.lower_ in _AT + ("outside", "before"):
            for obj in (p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _MISSIONS):
                owners = [a for a in actors_of([obj], by_token, day) if a.country not in {s.country for s in sources}]
                if owners:
                    return owners
    states = {s.country for s in sources}
    if len(states) != 1 or None in states or any(_says_what_for(c) for c in head.children):
        return []  # "marched in Tbilisi to support Ukraine", "in support of the Palestinians"
    state = states.pop()
    for place in _places_of(head, by_token, _AT + ("through", "across", "outside")):
        if any(a.country == state for a in actors_of([place], by_token, day)):
            return [Actor(state + "GOV", state, "GOV", place.text)]
    return []


def protested_organs(code: str | None, sources: Sequence[Actor], targets: Sequence[Actor],
                     state: str | None) -> list[Actor]:
    """The state organs a protest is aimed at when no state is named for them ("Georgians protested
    against the government", "marched on parliament"), in a sentence that names only the
    protesters' state (``state``, :func:`only_state`): that state's, as people protest at home
    against their own government, police or parliament ("Kenyans protested in London against the
    police" is left alone).

    >>> from blocwatch.coder.events import Actor
    >>> [a.code for a in protested_organs("141", [Actor("GEO", "GEO", None, "Georgians")],
    ...                                     [Actor("GOV", None, "GOV", "the government")], "GEO")]
    ['GEOGOV']
    """
    if not code or code[:2] != "14" or state is None or {a.country for a in sources} != {state} or any(
            _often_foreign(a) for a in sources):  # "Afghan refugees protested against the police": the host's
        return list(targets)
    return [located(t, state) if bare_sector(t) and t.sector in _OFFICIAL else t for t in targets]


def _places_of(head: Token, by_token: dict[int, Mention], preps: tuple[str, ...] = _AT,
               aimed: bool = False) -> list[Token]:
    """The places of an act's own clause: its "in", "at", "near" ... phrases (``preps``) and its
    object's ("attend a summit in Switzerland"), not those of a clause that reports it ("said in
    Cairo"). An act near a state named as a state was outside it ("seized a town near Uganda");
    near a town, in the town's state ("near Kharkiv"); ``aimed``: what it is near is what it aims
    at (drills near Taiwan)."""
    holders = [head] + [c for c in head.children if c.dep_ == "dobj"]
    out = []
    for c in (x for h in holders for x in h.children):
        if c.dep_ == "prep" and c.lower_ in preps:
            for obj in (p for p in c.children if p.dep_ == "pobj"):
                for place in (_place_name(q, by_token) for q in _nested_places(obj, preps)):
                    if place is not None and not by_token[place.i].is_agent:
                        if not (c.lower_ == "near" and not aimed and _state_name(by_token[place.i])):
                            out.append(place)
                        break
    return out


def _nested_places(obj: Token, preps: tuple[str, ...], depth: int = 3) -> list[Token]:
    """``obj`` and the objects of the place phrases within it, nearest first, ``depth`` deep: "in a
    village in Burkina Faso", "in a gunbattle near the town of Bama in Borno state" (a place's
    "of" too, not any noun's: "in support of Ukraine" places nothing)."""
    out, level = [obj], [obj]
    for _ in range(depth):
        level = [q for o in level for pp in o.children if pp.dep_ == "prep" and (
            pp.lower_ in preps or pp.lower_ == "of" and o.lemma_.lower() in _PLACE_NOUNS)
            for q in pp.children if q.dep_ == "pobj"]
        out += level
    return out



#: People often abroad where they are attacked: they are not taken to be of the place's state.
_TRAVELLERS = frozenset({"tourist", "migrant", "foreigner", "pilgrim", "expatriate", "expat", "visitor",
                         "traveller", "traveler", "refugee", "national", "worker", "passenger"})


def _often_foreign(actor: Actor) -> bool:
    """Whether an actor's words name people often foreign where they are (:data:`_TRAVELLERS`)."""
    return any(singular(w.lower()) in _TRAVELLERS for w in actor.text.split())


#: Sectors of a state's own forces and officials.
_OFFICIAL = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
#: Victims that take the state of the place they are attacked in: people, officials, and armed groups
#: ("militants in Gaza"); not journalists, workers or businesses, often foreigners where they work.
_VICTIMS = _OFFICIAL | {"CVL", "PPL", "REB", "INS", "SEP", "UAF", "CRM"}


def victims_state(head: Token, victims: Sequence[Actor], by_token: dict[int, Mention], day: date | None,
                  doers: Sequence[Actor] = (), sentence: str | None = None) -> str | None:
    """The state whose people or forces are the victims of a violent act: the one state of the
    places of its own clause, if every victim is known only by a role no state names (``_VICTIMS``);
    when its clause names no place, the one state the ``sentence`` places its events in
    (:func:`sentence_place`: "passengers of a train held in Balochistan described their ordeal as
    the army ended the siege and killed 33 militants").

    People ("killed 20 people in Gaza") take it unless their role is often foreign there
    ("tourists", "migrants"); so do armed groups ("struck militants in Gaza"). A state's forces or
    officials ("gunmen attacked soldiers in northern Mali") take it too, but not when a doer is
    named as that state itself (``doers``, before they take the place's state): soldiers that
    Russia's forces attack in Russia are more likely an enemy's than Russia's own.
    """
    if not victims or not all(bare_sector(a) and a.code[:3] in _VICTIMS for a in victims):
        return None
    if any(_often_foreign(a) for a in victims):
        return None
    states = {a.country for p in _places_of(head, by_token) for a in actors_of([p], by_token, day)}
    if not states and sentence is not None:
        states = {sentence}
    if len(states) != 1 or None in states:
        return None
    state = states.pop()
    official = any(a.code[:3] in _OFFICIAL for a in victims)
    return None if official and any(a.country == state for a in doers) else state


#: Acts of the law on persons: administrative sanctions (172), arrest, detention or charges (173),
#: repression (175), and release (0841).
_LAW_ON_PERSONS = ("172", "173", "175", "0841")
#: Sectors that can only do those acts within their state: its courts and its police.
_JURISDICTIONS = frozenset({"JUD", "COP"})


#: Verbs of a court's acts on a person: told in the passive with no doer, done by a state's courts
#: ("was sentenced to six years", "was charged with sedition"); other arrests and detentions by its
#: police.
_COURT_ACTS = frozenset({"sentence", "convict", "charge", "indict", "try", "prosecute", "jail", "imprison",
                         "remand", "fine"})
#: Words of legal custody, whose end is a release by the state ("released on bail", "freed from
#: prison", "released from house arrest"); not a release of hostages, who are freed by those who
#: held them.
_CUSTODY = frozenset({"bail", "prison", "jail", "custody", "detention", "parole", "arrest", "prisoner", "detainee",
                      "inmate"})
#: The people in custody, whose own state is not the custody's ("Ukrainian prisoners of war").
_IN_CUSTODY = frozenset({"prisoner", "detainee", "inmate"})


def implied_authority(verb: Token, code: str | None, by_token: dict[int, Mention],
                      day: date | None) -> Actor | None:
    """Who did an act of the law told in the passive with no doer named: "a journalist was
    arrested in Phnom Penh", "was sentenced to six years", "has been released on bail". Only a
    state's authorities arrest, detain, charge, sentence or release from custody: its courts
    (:data:`_COURT_ACTS`, and a release on bail) or else its police or government, as an actor of no
    state yet; the caller finds the state (the place the sentence names, or the one the document
    is about). A release from a custody a state's words own is that state's ("from a Venezuelan
    prison", "from Russian custody"). None for other acts, for releases from no custody the
    sentence names, from a custody another actor owns ("from Hamas custody"), and of hostages or
    captives, who are freed by whoever held them.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> implied_authority(nlp("The journalist was sentenced to six years.")[3], "173", {}, None).code
    'JUD'
    >>> implied_authority(nlp("The hostages were released.")[3], "084", {}, None) is None
    True
    """
    if not code:
        return None
    lemma = verb.lemma_.lower()
    if code.startswith(("173", "175")) or (code.startswith("172") and lemma in _COURT_ACTS):
        # an arrest, PETRARCH-2's repression ("arrested a journalist") or its sentencing (172)
        sector = "JUD" if lemma in _COURT_ACTS else "COP"
        return Actor(sector, None, sector, verb.text)
    if not code.startswith("084"):  # a release (084), of persons (0841)
        return None
    words = [t for t in verb.subtree if t.lemma_.lower() in _CUSTODY]
    if not words or any(t.lemma_.lower() in _CAPTIVES for t in verb.subtree):
        return None
    owners = [actors_of([c], by_token, day) for w in words if w.lemma_.lower() not in _IN_CUSTODY
              for c in w.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    owners = [a for found in owners for a in found]
    if owners:  # "released from Russian custody", "from a Venezuelan prison", not "from Hamas custody"
        states = {a.country for a in owners}
        if len(states) != 1 or None in states or any(a.code != a.country and a.sector not in _OFFICIAL
                                                      for a in owners):
            return None
        state = states.pop()
        return Actor(state + "GOV", state, "GOV", verb.text)
    sector = "JUD" if any(t.lemma_.lower() == "bail" for t in words) else "GOV"
    return Actor(sector, None, sector, verb.text)


def authority_of_act(noun: Token, code: str | None, by_token: dict[int, Mention], day: date | None,
                     sources: Sequence[Actor]) -> list[Actor]:
    """Whose authorities did an act of the law a noun names with no doer ("condemned the arrest of
    the journalist in Harare", "criticized the jailing of a British citizen in Iran", "the detention
    of a Russian opposition leader"): those of the one state of the places of the noun's own phrase
    or of the phrase of those held (where the parser hangs "in Poland" in "the arrest of a Russian
    diplomat in Poland"), else of the one state of the people it is done to; not a state of the
    speaker's own (whose own state holds them, the sentence does not say). Empty when no one state
    is named, the act was "abroad", or it is none only a state does (:func:`implied_authority`).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> from blocwatch.coder.actors import ActorDictionary
    >>> nlp = load_pipeline()
    >>> doc = nlp("Britain condemned the detention of two Georgian activists.")
    >>> by_token = {i: m for m in ActorDictionary.load(nlp).find(doc) for i in range(m.start, m.end)}
    >>> [a.code for a in authority_of_act(doc[3], "173", by_token, None, [Actor("GBR", "GBR", None, "Britain")])]
    ['GEOCOP']
    """
    authority = implied_authority(noun, code, by_token, day)
    if authority is None or (code or "").startswith("084"):
        return []
    if any(t.lower_ in _ELSEWHERE for t in noun.subtree):
        return []  # "the arrest of Iranian activists abroad": not in their state, nor where the text says
    own = {a.country for a in sources if a.country}
    held = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
            if p.dep_ == "pobj"] + [c for c in noun.children if c.dep_ == "poss"]
    # where: the act's own place, or the place of those held ("the arrest of a Russian diplomat [in
    # Poland]", as the parser hangs it), before whose they are
    places = {a.country for h in [noun, *held] for p in _places_of(h, by_token) for a in actors_of([p], by_token, day)}
    if places:
        state = places.pop() if len(places) == 1 and None not in places else None
    else:
        states = {a.country for a in actors_of(held, by_token, day)}
        state = states.pop() if len(states) == 1 and None not in states else None
    return [located(authority, state)] if state is not None and state not in own else []


#: Words that place an act outside any state the sentence names.
_ELSEWHERE = frozenset({"abroad", "overseas"})


#: People freed by whoever held them, not by a state's courts or prisons.
_CAPTIVES = frozenset({"hostage", "captive", "abductee", "kidnappee"})


def jurisdiction(code: str | None, sources: Sequence[Actor]) -> str | None:
    """The state whose law a court or police act applies ("a Guatemalan court sentenced
    [a journalist]"): the one state of its sources, if they are all its courts or police and the
    act is an arrest, charge, sentence, repression or release. What they do it to is within that
    state's reach, so a person or group no state names is taken to be of it, as CAMEO codes a
    person known only by nationality.

    >>> from blocwatch.coder.events import Actor
    >>> jurisdiction("173", [Actor("GTMJUD", "GTM", "JUD", "a Guatemalan judge")])
    'GTM'
    >>> jurisdiction("173", [Actor("GTMMIL", "GTM", "MIL", "troops")]) is None  # soldiers act abroad
    True
    """
    if not code or not code.startswith(_LAW_ON_PERSONS) or not sources:
        return None
    states = {a.country for a in sources}
    if len(states) != 1 or None in states or any(a.sector not in _JURISDICTIONS for a in sources):
        return None
    return states.pop()


def of_jurisdiction(actor: Actor, state: str) -> Actor:
    """``actor`` as a person or group of ``state`` (see :func:`jurisdiction`), unless it has a state
    of its own, a role often foreign where it is held ("migrants", "tourists"), or is forces or
    officials (a court may charge another state's generals)."""
    if actor.sector in _OFFICIAL or _often_foreign(actor):
        return actor  # generals or officials a court charges may be another state's
    return located(actor, state)


def only_state(mentions: Iterable[Mention], day: date | None) -> str | None:
    """The one state a sentence names, if it names exactly one (agents and organisations aside).

    A state's act on a group no state names, in a sentence naming no other state ("Iranian
    security forces opened fire on [protesters]"), is done to that state's own: see
    :func:`on_its_own`."""
    states = {split_code(m.record.code_on(day) or "")[0] for m in mentions if isinstance(m.record, ActorRecord)}
    states.discard(None)
    return states.pop() if len(states) == 1 else None


#: Acts a state does only on itself: bans on parties or political freedoms, a curfew, a state of
#: emergency or martial law (CAMEO 1721-1724).
_ON_ITSELF = ("1721", "1722", "1723", "1724")


#: Acts a state's organs aim abroad as often as at home: disapproval, rejection, threats, and
#: reduced relations, sanctions and entry bans ("condemned militants", "sanctioned defense companies").
_OUTWARD = ("11", "12", "13", "16")
#: Sectors of a state that act at home: its government, police, courts and parliament. Its armed
#: forces, spies and the state named as itself act abroad as often ("Russian troops shelled
#: [villages]", "Israel killed [20 people]": the sentence need not name whose).
_DOMESTIC = frozenset({"GOV", "COP", "JUD", "LEG"})


def on_its_own(code: str | None, sources: Sequence[Actor], targets: Sequence[Actor],
               state: str | None) -> list[Actor]:
    """The targets of a state's act in a sentence that names ``state`` alone (:func:`only_state`).

    When every source is the government, police, courts or parliament of ``state``
    (``_DOMESTIC``) and the act is none that is aimed abroad as often (``_OUTWARD``: criticism,
    rejection, threats, sanctions, entry bans), groups no state names are that state's ("Iranian
    security forces opened fire on [protesters]"), unless often foreigners where they are
    ("migrants") or forces and officials (as likely another state's). An act that a state's
    organs or the state do only on the state itself (a curfew, a state of emergency:
    ``_ON_ITSELF``) with no target is done to the state.
    No event between two states comes of either.

    >>> from blocwatch.coder.events import Actor
    >>> irn = [Actor("IRNCOP", "IRN", "COP", "security forces")]
    >>> [a.code for a in on_its_own("193", irn, [Actor("OPP", None, "OPP", "protesters")], "IRN")]
    ['IRNOPP']
    >>> [a.code for a in on_its_own("1723", irn, [], "IRN")]
    ['IRN']
    >>> [a.code for a in on_its_own("190", [Actor("RUSMIL", "RUS", "MIL", "troops")],
    ...                             [Actor("CVL", None, "CVL", "civilians")], "RUS")]
    ['CVL']
    """
    if state is None or not sources or any(a.country != state for a in sources):
        return list(targets)
    if not targets and code and code.startswith(_ON_ITSELF):
        # the state's organ does it to the state; the state named as itself has no one else to do it to
        return [] if any(a.code == state for a in sources) else [Actor(state, state, None, state)]
    if any(a.sector not in _DOMESTIC for a in sources) or not code or code.startswith(_OUTWARD):
        return list(targets)
    return [of_jurisdiction(a, state) for a in targets]


#: Prepositions of a movement to or from a place.
_MOVING = ("to", "into", "from")


#: Where a meeting happens beside another one ("met on the sidelines of the NATO summit"): a
#: place, not whom it is held with.
_SIDELINES = frozenset({"sideline", "sidelines", "margin", "margins"})


def _topic(prep: Token, by_token: dict[int, Mention]) -> bool:
    """Whether a preposition names the state or body an occasion or a text is about ("a Security
    Council meeting [on Syria]", "a conference [on Ukraine]", "vetoed a resolution [on Syria]",
    ``data/coder/documents.json``): its topic, not whom the act is done to (with whom is "with"). A
    topic that names a party of its own still gives it ("a hearing over a dispute [with Somalia]");
    and "a call [on] Iran to free the crew" is to Iran, "a vote on Sweden" on its membership
    (:data:`_DECIDING`); a text the verb's subject issues or makes is its statement about the topic
    ("issued a statement on Ukraine": a statement about Ukraine, as "commented on Ukraine")."""
    noun = prep.head.lemma_.lower()
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    issued = prep.head.dep_ == "dobj" and prep.head.head.lemma_.lower() in syntax.LIGHT_VERBS
    if prep.lower_ in _TOPIC_PREPS and noun in load_document_nouns() and not issued and objs:
        return True  # "a resolution on Ukraine's grain exports": whatever it names, a text's topic
    return (prep.lower_ in _TOPIC_PREPS and noun in occasions() and noun not in _DECIDING and bool(objs)
            and all(p.i in by_token for p in objs))


#: Occasions whose "on" phrase is what they decide or ask, whom they are done to: "a vote on Sweden"
#: (its membership), "a referendum on", "a call on Iran to".
_DECIDING = frozenset({"call", "vote", "referendum"})


#: Entity types of an object that is an amount of something ("$2 billion", "300 tons"); a counted
#: object ("500 million euros") is one too.
_AMOUNTS = frozenset({"MONEY", "QUANTITY"})


def pp_targets(head: Token, by_token: dict[int, Mention], day: date | None,
                exclude: Sequence[Token]) -> list[Actor]:
    """The first actor in a target preposition's object, on the trigger, its object (or what an
    amount it gives is in: "500 million euros in aid to Ukraine") or its passive subject ("evidence
    against Russia was presented"), or one level further down ("advised against travel to
    Tunisia"), else whose its object is ("denied accusations [by Congo]"). A place of detention
    someone is sent to or taken from is no target ("returned the activist [to prison]")."""
    holders = [head] + [c for c in head.children if c.dep_ in ("dobj", "xcomp", "attr", "nsubjpass")]
    # "pledged 500 million euros in aid to Ukraine", "billions of dollars in loans to Pakistan": an
    # amount's "in" or "of" phrase says what is given, and that phrase holds to whom; searched with
    # the others in preposition order ("doses of vaccines from the maker to Vietnam": Vietnam)
    amounts = [h for h in holders[1:] if h.dep_ == "dobj" and (
        h.ent_type_ in _AMOUNTS or any(c.dep_ == "nummod" for c in h.children))]
    holders += [p for h in amounts for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                for p in c.children if p.dep_ == "pobj"]
    # "mediated between X and Y", "brokered a deal between X and Y": between whom, when the act has
    # a doer of its own ("displaced by fighting between X and Y": X and Y fight, they are not fought)
    own_doer = any(c.dep_ == "nsubj" for c in head.children)
    for prep_word in syntax.TARGET_PREPS if own_doer else [p for p in syntax.TARGET_PREPS if p != "between"]:
        for h in holders:
            for c in h.children:
                if (c.dep_ in ("prep", "dative") and c.lower_ == prep_word and c not in exclude
                        and not _topic(c, by_token)):
                    objs = [p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() not in _SIDELINES and not (
                        prep_word in _MOVING and p.lemma_.lower() in detention_words())]
                    actors = actors_of(objs, by_token, day)
                    if not actors:
                        inner = [q for p in objs for pp in p.children if pp.dep_ == "prep"
                                 and pp.lower_ in syntax.TARGET_PREPS and pp.lower_ != "between"
                                 and not _topic(pp, by_token)
                                 for q in pp.children if q.dep_ == "pobj"]
                        actors = actors_of(inner, by_token, day)
                    if not actors:  # "raised tariffs on [Mexican] steel", "a ban on [Canada's] beef"
                        actors = owner_states(objs, by_token, day)
                    if actors:
                        return actors
    # "denied accusations by Congo", "rejected a proposal by France": whose the object is
    # (the parser may hang "by" on an active verb with an object, where it can say no doer)
    objects = [o for o in head.children if o.dep_ == "dobj"]
    authors = [p for o in objects + [head] * bool(objects) for c in o.children
               if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    return actors_of(authors, by_token, day)


def owner_states(nouns: Sequence[Token], by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """The states that a state's adjective or possessive on a noun that names no actor gives it: whose
    the steel, wine or exports are ("tariffs on [Mexican] steel", "its ban on [Australian] wine"), the
    state the act in whose phrase they stand is done to. Only a state named whole, not one of its
    organs or people ("a ban on [Russian military] flights" stays with the phrase's own reading)."""
    owners = [c for n in nouns for m in (n, *n.conjuncts) if m.i not in by_token for c in m.children
              if c.dep_ in ("amod", "compound", "poss") and c.i < m.i and c.i in by_token]  # "[Norwegian] salmon
    # and [Icelandic] cod"
    return [a for a in actors_of(owners, by_token, day, spread=True) if a.country is not None and a.code == a.country]


#: Verbs of holding people, whose "in" or "by" phrase names who holds them ("nationals held in Iran").
_HOLDING = frozenset({"hold", "detain", "jail", "imprison", "arrest", "capture", "kidnap", "abduct", "seize"})


def holders(head: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """Who holds the people an appeal or demand is about, as a participle on them says ("demanded
    the release of two nationals [held in Iran]", "detained by Iranian authorities"): whom the
    release is asked of.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> from blocwatch.coder.actors import ActorDictionary
    >>> nlp = load_pipeline()
    >>> doc = nlp("France demanded the release of two nationals held in Iran.")
    >>> mentions = ActorDictionary.load(nlp).find(doc)
    >>> [a.code for a in holders(doc[1], {i: m for m in mentions for i in range(m.start, m.end)}, None)]
    ['IRN']
    """
    objects = [c for c in head.children if c.dep_ in ("dobj", "prep")]
    for held in (t for o in objects for t in o.subtree):
        if held.dep_ == "acl" and held.lemma_.lower() in _HOLDING:
            places = [p for c in held.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")
                      for p in c.children if p.dep_ == "pobj"]
            found = actors_of(places, by_token, day)
            if found:
                return found
    return []


#: Prepositions of what a statement is about ("concern over", "optimism about").
_TOPIC_PREPS = frozenset({"about", "over", "on", "regarding", "concerning"})
#: Prepositions inside a topic that name who is in it ("talks with China", "the fighting in Sudan").
_IN_TOPIC_PREPS = frozenset({"with", "between", "against", "in", "on", "by", "of"})


def topic_actors(head: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """Who a statement of attitude is about, when it names no one it is addressed to: the state of
    its topic ("expressed optimism about talks [with China]", "concern over the fighting [in
    Sudan]", "concerned about [Israeli] strikes"), from the topic's own words or its phrases.

    CAMEO codes such comments (012 pessimistic, 013 optimistic, 018 empathetic) with the party they
    are about as target.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> from blocwatch.coder.actors import ActorDictionary
    >>> nlp = load_pipeline()
    >>> doc = nlp("Japan expressed optimism about talks with China.")
    >>> mentions = ActorDictionary.load(nlp).find(doc)
    >>> [a.code for a in topic_actors(doc[1], {i: m for m in mentions for i in range(m.start, m.end)}, None)]
    ['CHN']
    """
    heads = [head] + [c for c in head.children if c.dep_ in ("dobj", "acomp")]
    for c in (c for h in heads for c in h.children):
        if c.dep_ != "prep" or c.lower_ not in _TOPIC_PREPS:
            continue
        for topic in (p for p in c.children if p.dep_ == "pobj"):
            own = [m for m in topic.children if m.dep_ in ("poss", "compound", "amod", "nmod")]
            found = actors_of([topic], by_token, day) or actors_of(own, by_token, day, spread=True)
            if not found:
                found = actors_of([q for pp in topic.children if pp.dep_ == "prep" and pp.lower_ in _IN_TOPIC_PREPS
                                   for q in pp.children if q.dep_ == "pobj"], by_token, day)
            if found:
                return found
    return []


def actors_of(heads: Iterable[Token], by_token: dict[int, Mention], day: date | None,
            spread: bool = False) -> list[Actor]:
    out: list[Actor] = []
    seen: set[str] = set()
    for head in heads:
        bound = _addressee(head, by_token, day)
        if bound is not None:  # "blamed Japan, accusing it of ...": Japan
            for actor in bound:
                if actor.code not in seen:
                    seen.add(actor.code)
                    out.append(actor)
            continue
        one = _one_person(head, by_token, day, spread)
        if one is not None:  # "the spokesperson for Pakistan's foreign ministry, Ambassador Shafqat Ali Khan"
            for actor in one:
                if actor.code not in seen:
                    seen.add(actor.code)
                    out.append(actor)
            continue
        shared: str | None = None
        for h in [head, *head.conjuncts, *_listed_appositions(head, by_token)]:
            found = _phrase_actors(h, by_token, day, spread)
            if h is head:
                shared = _shared_state(head, by_token, found)
            elif shared is not None and h in head.conjuncts:
                found = [located(a, shared) for a in found]  # "Ukraine's president and [prime minister]"
            for actor in found:
                if actor.code not in seen:
                    seen.add(actor.code)
                    out.append(actor)
    return out


def _one_person(head: Token, by_token: dict[int, Mention], day: date | None, spread: bool) -> list[Actor] | None:
    """The actors of a role and a name the parser joined as two people with no "and" between, when
    one of them has a state: "the spokesperson for Pakistan's foreign ministry, Ambassador Shafqat Ali
    Khan" is one person, Pakistan's; the other's sector of no state ("Ambassador") is of that state.
    None for anything else."""
    if len(head.conjuncts) != 1 or any(c.dep_ == "cc" for t in (head, *head.conjuncts) for c in t.children):
        return None
    other = head.conjuncts[0]
    if not (head.pos_ == "PROPN") ^ (other.pos_ == "PROPN"):
        return None  # a role and a name, not two names ("Kenya, Uganda") nor two roles
    found = [*_phrase_actors(head, by_token, day, spread), *_phrase_actors(other, by_token, day, spread)]
    states = {a.country for a in found if a.country is not None}
    if len(states) != 1:
        return None
    state = states.pop()
    return [located(a, state) if bare_sector(a) else a for a in found]


#: Verbs of asking, urging, accusing and judging someone, whose participle hung on a verb is done to
#: whom that verb is done to: "blamed Japan, accusing it of ...". Not "calling it a success" (what is
#: called is the act), nor verbs of letting or making ("opened the border, allowing them to cross").
_ADDRESSING = frozenset(syntax.OBJECT_CONTROL - {"call", "help", "allow", "permit", "force", "require"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "it", "them"})


def _addressee(pronoun: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor] | None:
    """Whom an object pronoun of a participle of asking, urging or judging stands for: whom the verb
    the participle is hung on is done to ("blamed Japan, accusing it of ...", "summoned the Russian
    ambassador, urging him to ..."), or to whom the text it sends goes ("sent a letter to Poland
    asking it to ..."), or whom it turns to ("appealed to Russia, urging it to ..."); None for any
    other word. The participle tells how that act was done or what the text said.

    The pronoun agrees with what it stands for: "him" or "her" a person, "it" no person and one,
    "them" more than one. When the verb's object is a thing ("hailed the attack on Israel, praising
    it"), the pronoun is that thing: no one. A participle hung on an act only asked for ("asked him
    to pass a message urging it to ...") is not read."""
    verb = pronoun.head
    if (pronoun.dep_ != "dobj" or pronoun.lower_ not in _OBJECT_PRONOUNS or verb.tag_ != "VBG"
            or verb.dep_ not in ("advcl", "acl", "xcomp") or verb.lemma_.lower() not in _ADDRESSING
            or verb.head.i == verb.i):
        return None
    host = verb.head
    if host.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in host.children):
        return None
    objects = [c for c in host.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"
               ] if host.pos_ in ("VERB", "AUX") else [host]
    sent = [o for o in objects if o.lemma_.lower() in texts()]
    if sent or not objects:  # what a text says is said to whom it goes; whom the verb turns to
        objects = [p for h in (*sent, host) for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                   for p in c.children if p.dep_ == "pobj"]
    return [a for o in objects if _agrees(pronoun, o) for a in actors_of([o], by_token, day)]


def _agrees(pronoun: Token, noun: Token) -> bool:
    """Whether an object pronoun can stand for a noun: "him" or "her" for one person, "it" for one
    that is no person, "them" for more than one."""
    person = noun.ent_type_ == "PERSON" or noun.lemma_.lower() in person_nouns()
    plural = noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)
    if pronoun.lower_ in ("him", "her"):
        return person and not plural
    return plural if pronoun.lower_ == "them" else not person and not plural


def _shared_state(head: Token, by_token: dict[int, Mention], found: Sequence[Actor]) -> str | None:
    """The state that a role's possessive or adjective gives the roles coordinated with it too:
    "Ukraine's president and prime minister", "Nigerian soldiers and police" (the modifier is read
    over the whole coordination, as English reads it); so does the phrase that says whom a role acts
    for ("the spokesperson for Pakistan's foreign ministry, Ambassador Shafqat Ali Khan": the parser
    joins the name as a second person)."""
    if len(found) != 1 or found[0].country is None:
        return None
    served = load_serving_roles()
    if any(c.dep_ == "prep" and head.lemma_.lower() in served.get(c.lower_, ()) for c in head.children):
        return found[0].country
    m = by_token.get(head.i)
    if m is None or not m.is_agent:
        return None
    owners = [c for c in head.children if c.dep_ in ("poss", "amod") and c.i in by_token
              and not by_token[c.i].is_agent]
    return found[0].country if owners else None




def _hostile_doers(head: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """The state that does a hostile act named by a noun, from an adjective of that state: "the
    Russian attack", "the American sanctions", as "Russia's attack", or from a name before the
    noun or its weapon: a state's short name ("a U.S. drone strike"), an organisation of states'
    ("a NATO airstrike") or an armed group's ("a Hamas attack"); also the state that conducts an
    operation ("a Pakistani military operation"). Not a state's name spelled out, which says where
    or whom ("the Kharkiv strike", "the Syria strike", "the Israel attack"), nor names of a
    recipient or a topic ("Ukraine aid", "the Sudan conference": no hostile act), not agents ("the
    military blockade"), not with a modifier that is no actor nor a weapon ("the French rail
    strike" is a labour strike; "a Russian missile strike" is Russia's), not other acts ("Turkish
    earthquake aid", "the Syrian protest": a recipient, people)."""
    code = event_nouns().get(head.lemma_.lower())
    if head.lemma_.lower() not in _OPERATIONS and (not code or code[:2] not in discourse.HOSTILE_ROOTS):
        return []
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]

    def doer(c: Token) -> bool:  # a state's adjective, or a short name used as one ("a U.S. drone strike"),
        # or an organisation of states ("a NATO airstrike", "an African Union airstrike"); not a state's name
        # spelled out, which is where or whom ("the Syria strike", "the Israel attack")
        m = by_token.get(c.i)
        if m is None or m.is_agent or not isinstance(m.record, ActorRecord):
            return False
        own = m.record.code_on(day) or ""
        return c.dep_ == "amod" or (c.dep_ == "compound" and (
            own.startswith("IGO") or discourse.armed_code(own) or (not any(ch.islower() for ch in c.text)
                                                                  and _state_name(m))))
    # on the act, or on the weapon it is done with ("a U.S. drone strike", "an Israeli drone strike")
    doers = [c for c in mods if doer(c)] + [g for c in mods if c.i not in by_token and c.lemma_.lower()
                                            in weapon_words() for g in c.children if g.i < c.i and doer(g)]
    if not doers or any(c.dep_ != "amod" and c.i not in by_token and c.lemma_.lower() not in weapon_words()
                        for c in mods):
        return []  # a weapon says how, not who ("a Russian missile strike"); "a rail strike" is a labour one
    actors = [a for d in doers for a in _phrase_actors(d, by_token, day, spread=True)]
    return [a for a in actors if (a.country is not None and a.code == a.country) or a.code.startswith("IGO")
            or discourse.armed_code(a.code)]


#: Nouns of a force's operations, named by the state that conducts them ("a Pakistani military
#: operation killed 30 militants"), though no event of their own; not "crackdown", which may be on
#: subsidies or apps.
_OPERATIONS = frozenset({"operation"})


def act_doers(noun: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """Who does the act a noun names, as its own phrase says: its possessive ("Russia's invasion of
    Ukraine"; a person's is who undergoes it, "the reporter's detention"), who leads it ("the
    Saudi-led strikes"), the adjective of a state or an organisation of states, on it or on its
    weapon ("the Israeli strike", "the EU sanctions", "the Russian missile strike"), a name before it
    other than a place ("the Hamas attack", "the U.S. sanctions"; "the Kharkiv strike" names a place)
    or its "by" phrase ("the killing of civilians by soldiers"); never whom the act is done to. Empty
    when the phrase names no doer.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> from blocwatch.coder.actors import ActorDictionary
    >>> nlp = load_pipeline()
    >>> doc = nlp("Japan condemned the Russian attack on Odesa.")
    >>> by_token = {i: m for m in ActorDictionary.load(nlp).find(doc) for i in range(m.start, m.end)}
    >>> [a.code for a in act_doers(doc[4], by_token, None)]
    ['RUS']
    """
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        # "Mhlanga's arrest", "the journalist's killing": a person's possessive is who undergoes the act,
        # unless its "of" phrase names that ("the rebels' abduction of two officials")
        patient = not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
        return [a for a in actors_of(poss, by_token, day) if not patient or _can_act_on_others(a)]
    doers: list[Actor] = []
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    # "the Russian missile strike": the state's adjective on the weapon the act is done with
    mods += [g for c in mods if c.i not in by_token and c.lemma_.lower() in weapon_words()
             for g in c.children if g.dep_ == "amod" and g.i < c.i]
    # "the Saudi-led strikes": who leads them
    led = [g for c in mods if c.dep_ == "amod" and c.lemma_.lower() == "lead" for g in c.children
           if g.i in by_token and g.i < c.i]
    if led:
        return actors_of(led, by_token, day)
    for mod in (c for c in mods if c.i in by_token):
        mention = by_token[mod.i]
        if mention.is_agent or not isinstance(mention.record, ActorRecord):
            continue
        for actor in _phrase_actors(mod, by_token, day, spread=True):
            state = actor.country is not None and actor.code == actor.country
            organisation = actor.code.startswith("IGO")  # "the European sanctions"
            if mod.dep_ == "amod" and (state or organisation) or mod.dep_ == "compound" and (
                    not state or _state_name(mention)):
                doers.append(actor)  # "the U.S. sanctions", "the Hamas attack"; not "the Kharkiv strike"
    heads = [noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj")]
    agents = [p for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
              for p in c.children if p.dep_ == "pobj"]
    return doers + [a for a in actors_of(agents, by_token, day) if a.code not in {d.code for d in doers}]


def _state_name(mention: Mention) -> bool:
    """Whether a mention is a state's own name ("the U.S.", "Israel"), not a place in it ("Kharkiv")."""
    try:
        resolve_country(mention.text.removeprefix("the ").removeprefix("The ").replace(".", ""))
    except ParameterError:
        return False
    return True


#: Sectors that arrest, attack or sanction others in their own name: governments, forces, armed groups.
_DOING_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG", "PKO"}) | discourse.ARMED


def _can_act_on_others(actor: Actor) -> bool:
    """Whether an actor named by a possessive does the act rather than undergoes it: a state, an
    organisation of states or one of the doing sectors, not a person or a people ("Iran's detention",
    "the army's attack"; not "the journalist's detention")."""
    return actor.code == actor.country or actor.code.startswith("IGO") or actor.sector in _DOING_SECTORS


def _stance_owners(head: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """The state whose decision, proposal or claim a noun names, from that state's adjective or
    name: "a French proposal", "the Chinese decision", "Russian aggression", "a U.S. request", as
    "France's proposal" (nouns of ``data/coder/stance_nouns.json``). Only states and international
    organisations named as themselves ("the EU proposal"), and only when every other word before
    the noun is no actor ("the EU-Russian plan" is no one's alone)."""
    if head.lemma_.lower() not in load_stance_nouns():
        return []
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
    owners = [c for c in mods if c.dep_ in ("amod", "compound") and c.i in by_token and not by_token[c.i].is_agent
              and isinstance(by_token[c.i].record, ActorRecord)]
    if len(owners) != 1 or any(c.i in by_token for c in mods if c is not owners[0]):
        return []
    actors = _phrase_actors(owners[0], by_token, day, spread=True)
    # "a French proposal", "a U.S. request", "the EU proposal"
    return [a for a in actors if (a.country is not None and a.code == a.country) or a.code.startswith("IGO")]


#: Participles that make a name before a text its author ("a U.S.-drafted resolution").
_AUTHORING = frozenset({"draft", "sponsor", "propose", "author", "table", "write", "submit"})


def _text_authors(head: Token, by_token: dict[int, Mention], day: date | None) -> list[Actor]:
    """The state or organisation of states that wrote a text one party writes (``authored`` in
    ``data/coder/documents.json``), as the words in front of it say: its adjective ("the British
    report"), an organisation's name or a state's abbreviated one ("the IAEA resolution", "the U.S.
    resolution"), or a name with "-drafted", "-sponsored" ("a U.S.-drafted resolution"); a joint
    one's authors ("the US-British draft"). A state's full name in front names a topic ("the Ukraine
    resolution") and gives no one; so do separate names in front (which wrote it is not said), and a
    name with another noun between it and the text ("the Chinese spy balloon report"), unless a noun
    of what kind of text it is ("the British intelligence report", ``kinds`` in documents.json).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> from blocwatch.coder.actors import ActorDictionary
    >>> nlp = load_pipeline()
    >>> doc = nlp("Iran condemned the IAEA resolution.")
    >>> by_token = {i: m for m in ActorDictionary.load(nlp).find(doc) for i in range(m.start, m.end)}
    >>> [a.code for a in _text_authors(doc[4], by_token, None)]
    ['IGOUNOIAE']
    """
    if head.lemma_.lower() not in load_authored_nouns():
        return []
    kinds = load_text_kinds()
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
    # "the British intelligence report": the name on the noun of the text's kind
    mods += [g for c in mods if c.lemma_.lower() in kinds for g in c.children
             if g.dep_ in ("amod", "compound", "nmod") and g.i < c.i]
    # "a U.S.-drafted resolution": the name before "drafted"
    drafted = [g for c in mods if c.lemma_.lower() in _AUTHORING for g in c.children if g.i in by_token and g.i < c.i]
    for c in mods:  # "U.S.-drafted" as one word: a state's name before the hyphen
        name, _, verb = c.text.rpartition("-")
        if name and c.i not in by_token and not _AUTHORING.isdisjoint(deinflect(verb.lower())):
            try:
                code = resolve_country(name.replace(".", ""))
            except ParameterError:
                continue
            return [_make_actor(code, name)]
    owners = drafted or [c for c in mods if c.i in by_token and c.lemma_.lower() not in kinds]  # not "intelligence"
    mentions = list(dict.fromkeys(by_token[c.i] for c in owners))
    if len(mentions) != 1 or mentions[0].is_agent or not isinstance(mentions[0].record, ActorRecord):
        return []
    owner = next(c for c in owners if by_token[c.i] is mentions[0])
    if not drafted and any(t.pos_ in ("NOUN", "PROPN") and t.i not in by_token and t.lemma_.lower() not in kinds
                           for t in head.doc[mentions[0].end:head.i]):
        return []  # "the Chinese spy balloon report": the adjective is of what the report is about
    out = []
    for actor in _phrase_actors(owner, by_token, day, spread=True):
        organisation = actor.code.startswith("IGO")
        state = actor.country is not None and actor.code == actor.country
        abbreviated = "." in mentions[0].text or mentions[0].text.isupper()
        if organisation or (state and (owner.dep_ == "amod" or drafted or abbreviated)):
            out.append(actor)
    return out


#: Verbs by which a vehicle carries people ("a convoy carrying Ukrainian soldiers").
_CARRYING = frozenset({"carry", "transport", "ferry", "bring", "take", "evacuate"})


def _phrase_actors(head: Token, by_token: dict[int, Mention], day: date | None,
                   spread: bool) -> list[Actor]:
    if head.lemma_.lower() == "number" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return []  # "the number of refugees declined" is a count, not the refugees; "a number of troops" are troops
    if head.lemma_.lower() in _QUANTITY_HEADS:  # "hundreds of UN troops"
        inner = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"]
        found = _phrase_actors(inner[0], by_token, day, spread) if inner else []
        if found or (inner and head.i not in by_token):
            return found  # but "accused the rebel group [of looting]" is the group itself
    # "a bus carrying Afghan refugees"; not "a Russian plane carrying ...", "a boat taking part in"
    if (head.lemma_.lower() in syntax.CARRIERS and head.i not in by_token
            and not any(c.i in by_token for c in head.children if c.dep_ in ("amod", "compound", "poss"))):
        carried = [o for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _CARRYING
                   and not any(x.dep_ == "prt" for x in c.children)
                   for o in c.children if o.dep_ == "dobj" and o.lemma_.lower() not in ("part", "place")]
        if carried:
            found = _phrase_actors(carried[0], by_token, day, spread)
            if found:
                return found
    served = _served(head, by_token, day, spread)
    if served:
        return served
    mods = [c for c in head.children if c.dep_ in ("amod", "compound")]
    if (head.lemma_.lower() in syntax.CARRIERS and head.i not in by_token
            and not any(g.dep_ == "conj" for c in mods for g in c.children)):  # "German and Italian ships": below
        # "attacked a Pakistani passenger train", "seized a Ukrainian ship": the state's, and its people's
        owners = [by_token[c.i] for c in mods if c.i in by_token]
        states = [m for m in owners if isinstance(m.record, ActorRecord) and len(m.record.code_on(day) or "") == 3]
        agents = [m for m in owners if m.is_agent and isinstance(m.record, AgentRecord)]
        if len(states) == 1 and len(states) + len(agents) == len(owners):  # not "a Saudi-Iranian ship"
            code = (states[0].record.code_on(day) or "") + (agents[0].record.code if agents else "")
            return [_make_actor(code, f"{states[0].text} {head.text}")]  # "a Ukrainian military convoy": UKRMIL
    if not spread and head.i not in by_token and not _can_stand_for_actor(head):
        # "the 2018 military agreement" names no actor, though "military" is an agent;
        # "China's assistance" stands for China
        owner = [c for c in head.children if c.dep_ == "poss"]
        appos = [c for c in head.children if c.dep_ == "appos"]
        nxt = owner or appos
        if nxt:
            return _phrase_actors(nxt[0], by_token, day, spread)
        return (_hostile_doers(head, by_token, day) or _stance_owners(head, by_token, day)
                or _text_authors(head, by_token, day))
    phrase = syntax.phrase(head)
    mentions: list[Mention] = []
    for t in phrase:
        m = by_token.get(t.i)
        if m is not None and m not in mentions:
            mentions.append(m)
    if not mentions:
        appos = [c for c in head.children if c.dep_ == "appos"]
        if appos:  # "two countries, Senegal and Ghana": each of the names
            return actors_of(appos[:1], by_token, day, spread)
        return []
    named = [m for m in mentions if not m.is_agent]
    agents = [m for m in mentions if m.is_agent and isinstance(m.record, AgentRecord)]
    if not named and head.i not in by_token and head.lemma_.lower() not in ACTOR_HEADS and head.pos_ != "PROPN":
        return []  # "military exercises" are not an actor, "Filipino peacekeepers" are
    groups = [m for m in named if isinstance(m.record, discourse.Group)]
    if groups:
        return [_make_actor(r.code_on(day) or "", groups[0].text) for r in groups[0].record.records]
    named = [m for m in named if isinstance(m.record, ActorRecord)]
    if not named:
        agent = _spoken_for(_best_mention(agents, head), head, by_token)
        if agent is None:
            return []
        agent = _group_led(agent, head.doc, by_token)
        code = agent.record.code  # type: ignore[union-attr]
        doc = head.doc
        foreign = [c for t in {head, doc[agent.start]} for c in t.children if c.dep_ == "amod"
                   and c.lower_ in _FOREIGN and not agent.start <= c.i < agent.end]  # "foreign troops": no state's own
        return [_make_actor(code, f"{foreign[0].text} {agent.text}" if foreign else agent.text)]
    chosen = named if spread or _coordinated(named, head.doc) else [_best_mention(named, head)]
    agent = _spoken_for(_best_mention(agents, head), head, by_token)
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
        elif (agent is not None and code[3:] in _OUT_OF_OFFICE and getattr(agent.record, "code", None) == "GOV"
              and not any(t.lower_ in _NOT_IN_OFFICE
                          for t in [*syntax.phrase(head), *head.doc[max(agent.start - 2, 0):agent.start]])):
            # "Iranian President Masoud Pezeshkian" in a text of a day the dictionary has him out of
            # office: the writer gives him the office then (not "former", "then-", "-elect")
            code = code[:3] + "GOV"
        out.append(_make_actor(code, text))
    return out


def _served(head: Token, by_token: dict[int, Mention], day: date | None, spread: bool) -> list[Actor]:
    """Whom a person who acts for another acts for, as the phrase after the noun says ("the head of
    Ukraine's military intelligence", "a spokesman for the Russian foreign ministry", "an adviser to
    the Iraqi prime minister"): the actors of that phrase (``data/coder/serving_roles.json``).

    Only when the noun has no owner of its own ("the State Department's adviser for Ukraine", "an
    American adviser to the Ukrainian government" are the United States'), and only an object that
    is an actor itself, a name or a word for one ("the Pakistani army", "Afghan President Ashraf
    Ghani"), not an activity with a place in its phrase ("the head of humanitarian operations in
    Gaza"); an "of" phrase only for a noun that names no actor itself, which reads its "of" phrase
    already; a "for" phrase not when it names a state alone or the media, a portfolio or an
    audience ("the adviser for Ukraine", "the spokesman for Arabic media")."""
    lemma = head.lemma_.lower()
    served = load_serving_roles()
    if _out_of_office(head):
        return []  # "a former adviser to the prime minister"
    owners = [c for c in head.children if c.dep_ in ("poss", "amod", "compound") and c.i in by_token
              and not by_token[c.i].is_agent]
    if owners:  # "an American adviser to ...": the owner's; a word for an actor ("spokesman") reads it itself
        return [] if head.i in by_token or not any(lemma in nouns for nouns in served.values()) else actors_of(
            owners, by_token, day)
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in served):
        if lemma not in served[prep.lower_] or (prep.lower_ == "of" and head.i in by_token):
            continue
        for obj in (p for p in prep.children if p.dep_ == "pobj"):
            if not (obj.i in by_token or obj.pos_ == "PROPN" or obj.lemma_.lower() in ACTOR_HEADS
                    or any(c.dep_ == "poss" and c.i in by_token for c in obj.children)):  # "Hamas's political bureau"
                continue
            found = _phrase_actors(obj, by_token, day, spread)
            if prep.lower_ == "for" and all(a.code in (a.country, "MED") for a in found):
                continue
            if found:
                return found
    return []


def _out_of_office(role: Token) -> bool:
    """Whether a role is said to be held no longer ("the former president of the court", "a former
    military spokesman"): whoever held it speaks for that body no more."""
    return any(c.lower_ in _PAST_OFFICE for c in role.children if c.i < role.i)


def _spoken_for(agent: Mention | None, head: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The agent a spokesman or an adviser speaks for, when a word before the noun names one: "an
    Israeli military spokesman", "the army's spokesman", "a police spokesman" are the military's and
    the police's, not a government's ("spokesman" alone is a government's)."""
    if (agent is None or head.lemma_.lower() not in load_serving_roles()["for"] or by_token.get(head.i) is not agent
            or _out_of_office(head)):
        return agent
    owners = [by_token[c.i] for c in head.children if c.dep_ in ("compound", "poss", "amod") and c.i in by_token
              and by_token[c.i].is_agent and by_token[c.i] is not agent]
    return owners[0] if owners else agent


#: Words of a place in a group, whose "of" phrase says which group ("the leader of a gang").
_GROUP_ROLES = frozenset({"leader", "head", "chief", "commander", "member", "founder", "spokesman", "spokeswoman",
                          "spokesperson", "president", "chairman"})


def _group_led(agent: Mention, doc: Doc, by_token: dict[int, Mention]) -> Mention:
    """The group whose leader, head, member or spokesman an agent is, when an "of" phrase or a
    possessive names it as another agent ("the leader of the Village de Dieu gang" is the gang's, not
    a government's; "the commander of the rebels", "a member of the militia", "the rebels' leader",
    "the court's president"); else the agent itself."""
    root = doc[agent.start:agent.end].root
    if root.lemma_.lower() not in _GROUP_ROLES or _out_of_office(root):
        return agent
    groups = [by_token[p.i] for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj" and p.i in by_token and by_token[p.i].is_agent]
    groups += [by_token[c.i] for c in root.children if c.dep_ == "poss" and c.i in by_token
               and by_token[c.i].is_agent and not agent.start <= c.i < agent.end]
    return groups[0] if groups else agent


def _abroad(sent: Span) -> bool:
    """Whether a sentence speaks of someone's own country as another ("said his country would send
    police to Haiti"): its office holder is then no one of the state the story is about."""
    words = [t.lower_ for t in sent]
    return any(a in ("his", "her", "their") and b == "country" for a, b in zip(words, words[1:], strict=False))


def _titled(name: Span, by_token: dict[int, Mention]) -> bool:
    """Whether a name's phrase gives its bearer an office of the organisation it names: a person
    noun in front of the name or in apposition ("special rapporteur Richard Bennett", "Helen La
    Lime, the special representative"), and nothing that makes the office another's or a past one:
    a state ("Kenya's U.N. ambassador" is Kenya's), "former", or an organisation that only
    describes the bearer ("NATO-trained commander"; not "U.N.-appointed", :data:`_APPOINTED`)."""
    nouns = person_nouns()
    words = [t for t in syntax.phrase(name.root) if not name.start <= t.i < name.end]
    words += [a for a in name.root.children if a.dep_ == "appos"]
    for t in words:
        m = by_token.get(t.i)
        if m is not None and isinstance(m.record, ActorRecord) and split_code(m.record.code_on(None) or "")[0]:
            return False
        if t.lower_ in _PAST_OFFICE:
            return False
        if m is not None and t.head.dep_ == "amod" and t.head.tag_ == "VBN" and t.head.lemma_.lower() not in _APPOINTED:
            return False
    return any(t.lemma_.lower() in nouns for t in words)


#: Words that put an office in the past ("former NATO commander").
_PAST_OFFICE = frozenset({"former", "ex", "ex-", "retired", "outgoing", "late"})
#: Sectors of a person the dictionary has out of office on a day (a former office holder, an
#: opposition leader, a legislator), whom a title in the text may give an office then.
_OUT_OF_OFFICE = frozenset({"ELI", "OPP", "LEG"})
#: Words by which a title is not held on the text's day: past ("former", "then-President") or to
#: come ("President-elect", "prime minister designate").
_NOT_IN_OFFICE = _PAST_OFFICE | {"then", "elect", "designate"}
#: Participles by which an organisation gives the office ("U.N.-appointed special rapporteur"), not
#: ones by which it only describes its bearer ("NATO-trained commander", "U.N.-sanctioned warlord").
_APPOINTED = frozenset({"appoint", "name", "mandate", "elect", "nominate"})


def titled_persons(names: Iterable[Span], by_token: dict[int, Mention], day: date | None,
                   focal: str | None = None) -> list[tuple[Span, str]]:
    """People the actor dictionary does not know, named with a state and a title: ("Jovenel Moise",
    "HTIGOV") for "Haitian President Jovenel Moise" or "Jovenel Moise, Haiti's president".

    A name of two or more proper nouns (a PERSON entity) none of whose words is a dictionary
    mention, whose phrase names exactly one actor, of a state and with a role (so "President"
    alone, or "Haitian" alone, is not enough). The document remembers the name, so that a later
    "Moise" stands for Haiti's government (:meth:`DocumentContext.note_person
    <blocwatch.coder.discourse.DocumentContext.note_person>`).

    So is an office of an international organisation, with a title ("U.N. special rapporteur
    Richard Bennett" is the United Nations').

    A state's office with no state named ("President Jovenel Moise", "Prime Minister Ariel Henry")
    is taken to be of ``focal``, the state the document is about so far: English news names a
    foreign office holder with the state ("Kenyan President William Ruto"), not the home one.
    """
    out = []
    for ent in names:  # a sentence's PERSON entities (``Span.ents`` scans the whole document)
        if ent.label_ != "PERSON" or len(ent) < 2 or not all(t.pos_ == "PROPN" for t in ent):
            continue
        if any(t.i in by_token for t in ent):
            continue
        actors = actors_of([ent.root], by_token, day)
        if len(actors) == 1:
            country, sector = split_code(actors[0].code)
            if country and sector:
                out.append((ent, actors[0].code))
            elif country is None and actors[0].code.startswith("IGO") and _titled(ent, by_token):
                out.append((ent, actors[0].code))  # "U.N. special rapporteur Richard Bennett"
            elif focal and bare_sector(actors[0]) and actors[0].code in _OFFICIAL and not _abroad(ent.sent):
                out.append((ent, focal[:3] + actors[0].code))
    return out


def defined_acronyms(sent: Span, by_token: dict[int, Mention], day: date | None) -> list[tuple[str, str]]:
    """Acronyms a sentence defines for an actor the dictionary knows by its long name: ("HNP",
    "HTICOP") for "the Haitian National Police (HNP)" or "the Haitian National Police, or HNP,".

    News spells a name out once with its acronym and then uses the acronym alone; the document
    remembers it (:meth:`DocumentContext.note_acronym
    <blocwatch.coder.discourse.DocumentContext.note_acronym>`). The acronym must be two to six
    capitals, not itself a mention, and its letters the initials of the name's capitalised words in
    order, the last one the initial of the name's head noun (so "(MSF)" after "Doctors Without
    Borders", or "(UN)" after "the army", defines nothing); the name must stand for exactly one
    actor.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> from blocwatch.coder.actors import ActorDictionary
    >>> nlp = load_pipeline()
    >>> doc = nlp("The Haitian National Police (HNP) arrested him.")
    >>> by_token = {i: m for m in ActorDictionary.load(nlp).find(doc) for i in range(m.start, m.end)}
    >>> defined_acronyms(doc[:], by_token, None)
    [('HNP', 'HTICOP')]
    """
    out = []
    for tok in sent:
        if not (2 <= len(tok.text) <= 6 and tok.text.isalpha() and tok.text.isupper()) or tok.i in by_token \
                or tok.i - 2 < sent.start or tok.i + 1 >= sent.end:
            continue
        before, after = tok.nbor(-1), tok.nbor(1)
        if before.text == "(" and after.text == ")":
            name = tok.nbor(-2)
        elif (before.lower_ == "or" and tok.i - 3 >= sent.start and tok.nbor(-2).text == ","
              and after.text in (",", ".")):
            name = tok.nbor(-3)
        else:
            continue
        if name.pos_ not in ("PROPN", "NOUN") or not name.text[:1].isupper():
            continue
        initials = [w[0] for t in name.doc[name.left_edge.i:name.i + 1] for w in t.text.split("-") if w[:1].isupper()]
        if not _initials_of(tok.text, initials):
            continue
        actors = actors_of([name], by_token, day)
        if len(actors) == 1:
            out.append((tok.text, actors[0].code))
    return out


def _initials_of(acronym: str, initials: Sequence[str]) -> bool:
    """Whether an acronym's letters are some of ``initials`` in order, its last the last one."""
    if not initials or acronym[-1] != initials[-1]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in acronym)


#: Roots of demands, complaints, rejections, threats and protests, and the sectors of society whose
#: such acts with no addressee are made to their own state (see :func:`addressee`).
_DOMESTIC_ROOTS = {"10", "11", "12", "13", "14"}
_SOCIETY = {"OPP", "CVL", "PPL", "LAB", "EDU", "REL", "BUS", "AGR"}  # not refugees: they may protest their host


def addressee(source: Actor, code: str) -> Actor | None:
    """Whom a society's demand, complaint or protest addressed to no one named is made to: its own
    state ("Sudanese protesters demanded reforms" is made to Sudan), as CAMEO codes domestic
    protest. Only for people of a known state in a sector of society, not its organs (a ministry's
    complaint may be addressed abroad).

    Examples
    --------
    >>> addressee(Actor("SDNOPP", "SDN", "OPP", "protesters"), "100").code
    'SDN'
    >>> addressee(Actor("SDNGOV", "SDN", "GOV", "the government"), "100") is None
    True
    """
    if code[:2] in _DOMESTIC_ROOTS and source.country and source.sector in _SOCIETY:
        return Actor(source.country, source.country, None, source.country)
    return None


def reciprocal(trigger: Token, anchor: Token) -> bool:
    """Whether actors doing an event together do it with each other: its word (``trigger``, or the
    verb ``anchor`` that carries an event noun), or its verb's object, is a symmetric predicate
    ("met", "signed", "held talks"), or it is what they agreed or negotiated ("agreed to resume
    visits"), or its clause says so ("jointly", "each other"). "Brazil and
    Chile offered to host the talks" are two offers, not offers to each other, and "hosted the talks"
    brings others together, as "welcomed the talks" acts on theirs (``data/coder/reciprocal.json``).

    Examples
    --------
    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> held, host = nlp("Japan and China held talks.")[3], nlp("Brazil and Chile offered to host the talks.")[5]
    >>> (held.text, reciprocal(held, held)), (host.text, reciprocal(host, host))
    (('held', True), ('host', False))
    """
    verbs, nouns, third_party, markers, phrases, _ = load_reciprocal()
    clause = [t.lower_ for h in {trigger.i: trigger, anchor.i: anchor}.values() for t in h.subtree]
    if set(clause) & markers or any(
            tuple(clause[i:i + len(p)]) == p for p in phrases for i in range(len(clause) - len(p) + 1)):
        return True  # "supported each other", "jointly hosted"
    words = {trigger.lemma_.lower(), anchor.lemma_.lower()}
    if words & third_party:
        return False
    gov = syntax.governor_of(anchor)
    if gov is not None and gov.lemma_.lower() in verbs:
        return True  # "agreed to resume visits", "negotiated to end the war": with each other
    objects = {singular(o.lemma_.lower()) for h in (trigger, anchor) for o in h.children if o.dep_ == "dobj"}
    return bool(words & verbs or ({singular(w) for w in words} | objects) & nouns)  # "met", "held talks"


def exchanged(trigger: Token, anchor: Token) -> bool:
    """Whether an act of any kind is an exchange, which its actors do to each other: "China and the
    United States traded accusations", "the two armies clashed" (``exchanges`` of
    ``data/coder/reciprocal.json``); not "fought", which allies do side by side.

    Examples
    --------
    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("China and India traded accusations, and Russia and Belarus fought.")
    >>> exchanged(doc[3], doc[3]), exchanged(doc[10], doc[10])
    (True, False)
    """
    return bool({trigger.lemma_.lower(), anchor.lemma_.lower()} & load_reciprocal()[5])
