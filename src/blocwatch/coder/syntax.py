"""Reading spaCy's dependency parse: subjects, clauses, phrases and the words that carry events.

Pure functions of tokens; they know nothing of actors or codes. English dependency labels are
those of spaCy's English pipelines (ClearNLP style: ``nsubj``, ``dobj``, ``pobj``, ``xcomp`` ...).

Examples
--------
>>> from blocwatch.coder.pipeline import load_pipeline
>>> doc = load_pipeline()("Russia and China held talks, and Japan was urged to join them.")
>>> [t.text for t in subjects(doc[3])], light_verb(doc[4]).text
(['Russia'], 'held')
>>> [t.text for t in subjects(doc[11])]  # "join": who was urged
['Japan']
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from blocwatch.coder.modality import REPORTING_VERBS, for_to_clause

__all__ = ["CARRIERS", "CLAUSE_BREAK", "EVENT_INTRANSITIVES", "GENERIC_EVENT_HEADS", "LIGHT_VERBS", "MEASURE_HEADS",
           "OBJECT_CONTROL", "PREP_CONTROL", "PRONOUNS", "SUBJECT_DEPS", "TARGET_PREPS", "adverbial_host", "clause",
           "governor_of", "light_verb", "means_clause", "misparsed_verb", "misread_gerunds", "participle_clause",
           "passive", "phrase", "prep_controller", "reporting_head", "sentence_index", "shared_objects", "subjects"]

SUBJECT_DEPS = ("nsubj", "csubj")


CLAUSE_BREAK = ("advcl", "ccomp", "parataxis", "relcl", "acl", "conj", "cc", "punct", "mark", "appos")


#: Prepositions whose object is a target ("talks with X", "attack on X", "aid to X").
TARGET_PREPS = ("with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "over", "for", "from", "of",
                "between")


LIGHT_VERBS = {"lead", "issue", "deliver", "renew", "reopen", "restart", "enter", "engage", "embark", "give", "extend",
               "offer", "hold", "conduct", "stage", "carry", "launch", "begin", "start", "mount", "undertake",
               "resume", "continue", "have", "make", "pay", "conclude", "complete", "step", "intensify",
               "expand", "kick", "wrap", "announce", "open", "attend", "join", "perform", "execute",
               "unleash", "finish", "end", "sign", "impose", "send", "order", "participate",
               # verbs of raising ("increased sanctions on Belarus" is the sanctions' act): those of
               # light_verbs.json's "degree" that carry an act, not "exaggerate" or "magnify"
               "increase", "boost", "escalate", "heighten", "deepen", "enhance", "augment", "redouble"}


MEASURE_HEADS = {"day", "days", "week", "weeks", "round", "rounds", "series", "wave", "spate", "string",
                 "volley", "salvo", "barrage", "hours", "months", "year", "years", "flurry"}


GENERIC_EVENT_HEADS = {"effort", "campaign", "bid", "drive", "move", "initiative", "operation", "programme",
                       "program", "mission", "process", "session", "exercise"}


EVENT_INTRANSITIVES = {"take", "begin", "start", "end", "resume", "continue", "happen", "occur", "follow",
                       "conclude", "open", "kick", "get"}


OBJECT_CONTROL = {"urge", "ask", "tell", "order", "force", "allow", "permit", "encourage", "invite",
                  "persuade", "help", "warn", "press", "push", "require", "accuse", "blame", "praise",
                  "thank", "criticize", "criticise", "condemn", "charge", "call", "instruct", "command", "direct",
                  "pressure", "lobby", "beg", "implore", "exhort"}


#: Verbs whose prepositional object does the act of their "to" clause: "called on Russia to
#: withdraw", "appealed to Iran to free", "prevailed upon Hanoi to sign", "relies on Egypt to
#: mediate" (the subject does not).
PREP_CONTROL = frozenset({("call", "on"), ("call", "upon"), ("appeal", "to"), ("prevail", "on"),
                          ("prevail", "upon"), ("rely", "on"), ("count", "on")})


PRONOUNS = {"he", "she", "they", "it", "we", "i"}


#: Verbs and prepositions by which their subject undergoes an event noun, whose doer the noun's own
#: words name: "came under Russian missile fire"; in the passive, "was hit with new U.S. sanctions",
#: "was subjected to EU sanctions" (active, their object undergoes it: the verb's own patterns code
#: "hit Iran with sanctions"). The subject is the target.
UNDERGOING = frozenset({("come", "under")})
UNDERGOING_PASSIVE = frozenset({("hit", "with"), ("subject", "to")})


def _carrier(noun: Token) -> Token:
    """The word that stands in the clause for an event noun: a measure word or generic head over it
    ("10 days of war games", "a barrage of attacks", "a mediation effort"), else the noun."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in MEASURE_HEADS:
        return noun.head.head
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in GENERIC_EVENT_HEADS:
        return noun.head
    return noun


def undergoes(noun: Token) -> Token | None:
    """The verb by which its subject undergoes ``noun`` (:data:`UNDERGOING`), or None ("came
    under a barrage of attacks" too)."""
    carrier = _carrier(noun)
    prep = carrier.head
    if carrier.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    key = (verb.lemma_.lower(), prep.lower_)
    if key in UNDERGOING or (key in UNDERGOING_PASSIVE and any(c.dep_ == "nsubjpass" for c in verb.children)):
        return verb
    return None


def light_verb(noun: Token) -> Token | None:
    """The verb that makes an event noun an event: "held [talks]", "[talks] took place",
    "embarked on a [visit]", "launched a mediation [effort]", "began [10 days of] war games"."""
    carrier = _carrier(noun)
    head = carrier.head
    lemma = head.lemma_.lower()
    if carrier.dep_ in ("dobj", "nsubjpass") and lemma in LIGHT_VERBS and head.pos_ in ("VERB", "AUX"):
        return head
    if carrier.dep_ == "nsubj" and lemma in EVENT_INTRANSITIVES:
        return head
    if carrier.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in LIGHT_VERBS:
        return head.head  # "embarked on a visit to", "participated in the talks"
    if carrier.dep_ == "pobj" and head.lower_ == "in" and _takes_part(head.head):
        return head.head if head.head.pos_ in ("VERB", "AUX") else head.head.head  # "took part in the talks"
    return undergoes(noun)  # "came under fire"


def _takes_part(word: Token) -> bool:
    """Whether ``word`` is "took part" (its "in" phrase hung on the verb or on "part")."""
    if word.lemma_.lower() == "part" and word.dep_ == "dobj":
        word = word.head
    return word.lemma_.lower() == "take" and word.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "part" for c in word.children)


def phrase(head: Token) -> list[Token]:
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


#: Dependents by which a verb has a complement, a voice or a clause of its own: with one, it shares no
#: object with the verb joined to it ("marched to the embassy and burned a flag").
_OWN_COMPLEMENTS = frozenset({"dobj", "dative", "iobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "prt", "prep",
                              "agent", "nsubjpass", "auxpass", "advcl", "npadvmod"})

#: Verbs that are auxiliaries as often as not ("had or have any links"): they share no object.
_AUXILIARY_LEMMAS = frozenset({"be", "have", "do", "get"})

#: Verbs of coming, going, gathering, answering, speaking and leaving office, which take no object: in
#: "police arrived and arrested 20 protesters" the protesters are arrested, no one is arrived at.
_INTRANSITIVE = frozenset({"arrive", "come", "go", "return", "gather", "assemble", "rally", "march", "converge",
                           "retreat", "flee", "respond", "react", "retaliate", "intervene", "act", "move", "travel",
                           "fly", "land", "step", "stand", "sit", "wait", "pause", "proceed", "advance", "regroup",
                           "resign", "speak", "talk", "testify", "appear", "emerge", "die", "escape", "abstain"})


def shared_objects(verb: Token) -> list[Token]:
    """The objects a verb shares with the verb joined to it after "and" or "or", when it has none of
    its own: "killed and wounded 20 soldiers", "first imposed and then delayed tariffs", "arrested,
    charged and jailed two journalists" (each of the first two). Only conjunctions and adverbs may
    stand between the verbs, the later verb has no subject or voice of its own, and the first is
    not one that takes no object: not "marched to the embassy and burned a flag", not "gathered and
    were dispersed by police", not "arrived and arrested 20 protesters".

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("Rebel forces killed and wounded 20 soldiers.")
    >>> [t.text for t in shared_objects(doc[2])]
    ['soldiers']
    >>> shared_objects(nlp("Police arrived and arrested 20 protesters at the square.")[1])
    []
    """
    if verb.pos_ != "VERB" or verb.lemma_.lower() in _AUXILIARY_LEMMAS | _INTRANSITIVE or any(
            c.dep_ in _OWN_COMPLEMENTS for c in verb.children):
        return []
    joined = next((c for c in verb.children if c.dep_ == "conj" and c.i > verb.i), None)
    if joined is None or joined.pos_ != "VERB" or joined.lemma_.lower() in _AUXILIARY_LEMMAS or any(
            c.dep_ in ("nsubj", "nsubjpass", "auxpass", "csubj") for c in joined.children):
        return []
    if not all(t.dep_ in ("cc", "advmod", "punct") and t.head.i in (verb.i, joined.i)
               for t in verb.doc[verb.i + 1:joined.i]):
        return []
    objects = [c for c in joined.children if c.dep_ == "dobj" and c.i > joined.i]
    return objects or shared_objects(joined)


def misparsed_verb(tok: Token) -> bool:
    """A finite verb the parser took for an adjective: "The North [fired] artillery shells", where
    "fired" is read as modifying "shells". Its noun is then its object."""
    return tok.dep_ == "amod" and tok.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in tok.children)


#: Vehicles, which carry people ("ambushed a bus carrying troops": the bus carries, the troops are hit).
CARRIERS = frozenset({"bus", "minibus", "convoy", "train", "vehicle", "car", "truck", "lorry", "van", "ship",
                      "boat", "vessel", "ferry", "tanker", "plane", "aircraft", "airliner", "jet", "helicopter",
                      "flight"})


#: Verbs by which a state sends a vehicle: what the vehicle carries, the sender carries ("Turkey sent a
#: ship carrying aid to Gaza" is Turkey's aid).
_SENDERS = frozenset({"send", "dispatch", "despatch", "deploy", "fly", "ship", "deliver", "airlift", "charter"})


def _reduced_relative(subject: Token) -> Token:
    """The noun of a subject the parser took for a clause: in "the Red Cross operating in Iraq
    said", "operating" is parsed as the subject of "said" and "Red Cross" as its own; the one who
    said is the noun the participle describes."""
    if subject.pos_ == "VERB" and subject.tag_ in ("VBG", "VBN"):
        nouns = [c for c in subject.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < subject.i
                 and c.pos_ in ("NOUN", "PROPN")]
        if nouns:
            return nouns[0]
    return subject


def prep_controller(verb: Token) -> list[Token]:
    """The prepositional object that does what ``verb``'s "to" clause says (:data:`PREP_CONTROL`):
    Russia, in "called on Russia to withdraw"; none for other verbs and prepositions.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Germany called on Russia to withdraw its troops.")
    >>> [t.text for t in prep_controller(doc[1])]
    ['Russia']
    """
    lemma = verb.lemma_.lower()
    return [p for c in verb.children if c.dep_ == "prep" and (lemma, c.lower_) in PREP_CONTROL
            for p in c.children if p.dep_ == "pobj"]


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of a verb, inherited through coordination, control and participles.

    A pronoun subject of reported speech stands for the speaker ("the rebels said they will ...").
    """
    own = [_reduced_relative(c) for c in verb.children
           if c.dep_ in SUBJECT_DEPS or (c.dep_ == "nsubjpass" and stance(verb))]
    if own and depth <= 5 and all(o.pos_ == "PRON" and o.lower_ in PRONOUNS for o in own):
        speaker = reporting_head(verb)
        if speaker is not None:
            said_by = [c for c in speaker.children if c.dep_ in SUBJECT_DEPS]
            # "Biden told Netanyahu that he had ...": "he" may be either person
            addressed = any(c.dep_ in ("dobj", "dative") and c.ent_type_ == "PERSON" for c in speaker.children)
            if said_by and not all(o.pos_ == "PRON" for o in said_by) and not (
                    addressed and any(o.lower_ in ("he", "she") for o in own)):
                return said_by
    if own or depth > 5:
        return own
    head = verb.head
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects and head.lemma_.lower() in OBJECT_CONTROL:
            return objects
        addressed = prep_controller(head)
        if addressed:
            return addressed
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]  # "X is scheduled to attend"
        return passive or subjects(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth + 1)
    if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):  # "France is [ready] to send troops"
        return subjects(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = head.head
        objects = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects and governor.lemma_.lower() in OBJECT_CONTROL:
            return objects
        undergoer = [c for c in governor.children if c.dep_ == "nsubjpass"]
        if undergoer and head.lower_ in _ADJUNCT_PREPS and not any(c.dep_ in SUBJECT_DEPS for c in governor.children):
            return undergoer  # "was released after apologizing to Hun Sen": who was released apologized
        return subjects(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else []
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    if (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "dobj" for c in verb.children)):
        # "Israeli airstrikes [killed] at least 22 Palestinians": a sentence with no verb but this one,
        # which has an object, so no passive participle: the noun is its subject
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ in ("dobj", "attr") and head.head.i != head.i:
        if head.tag_ in ("NNS", "NNPS") or head.pos_ == "PROPN" or (
                head.lemma_.lower() in CARRIERS and head.head.lemma_.lower() not in _SENDERS):
            return [head]  # "aided rebels fighting the president": the rebels fight; "a bus carrying troops"
        return subjects(head.head, depth + 1)  # "issued a declaration demanding ...": the issuer
    return []  # including "civilians imprisoned ...": a past participle's noun is what was done to


#: Prepositions of an adjunct whose gerund is done by the clause's subject, also a passive one
#: ("was freed after apologizing", "was arrested while filming"); not "by", the passive's agent.
_ADJUNCT_PREPS = frozenset({"after", "before", "while", "since", "without", "upon", "despite"})


def reporting_head(verb: Token) -> Token | None:
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


def clause(trigger: Token, exclude: Sequence[Token]) -> list[Token]:
    """Tokens of the trigger's clause that follow it or depend on it, without other clauses."""
    skip = {t.i for s in exclude for t in s.subtree}
    out: list[Token] = []
    stack = [c for c in trigger.children if c.i not in skip and c.dep_ not in CLAUSE_BREAK
             and c.dep_ not in SUBJECT_DEPS]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "advcl", "ccomp", "parataxis", "acl")
                     and not (c.dep_ == "pcomp" and t.lower_ in _CIRCUMSTANCE))
    return sorted(out, key=lambda t: t.i)


#: Prepositions whose clause ("before allowing aid convoys", "after meeting Putin") is another act,
#: when or instead of which the verb's is done: its words are not the verb's.
_CIRCUMSTANCE = frozenset({"before", "after", "without", "while", "since", "until", "despite", "instead"})


def sentence_index(starts: list[int], token: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= token:
            lo = mid
        else:
            hi = mid - 1
    return lo


def governor_of(token: Token) -> Token | None:
    """The verb governing a clause through a complement ("refused [to lift]", "said [Sudan must return]"),
    also one the parser takes for an adverbial clause because a phrase comes between ("threatened on
    Sunday [to expel]"): an infinitive with no subject, after nothing but the verb's adverbials, of
    a verb with no object ("sent troops on Sunday to protect" is a purpose).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Somalia threatened on Sunday to expel the ambassador.")
    >>> governor_of(doc[5]).text
    'threatened'
    """
    if token.dep_ in ("xcomp", "ccomp") and token.head.i != token.i:
        return token.head
    if token.dep_ == "advcl" and token.head.i < token.i and (_displaced_infinitive(token) or for_to_clause(token)):
        return token.head
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":
        return token.head.head
    return None


def _displaced_infinitive(clause: Token) -> bool:
    """Whether an adverbial clause is a "to" infinitive complement set apart from its verb by the
    verb's adverbials only ("vowed on Monday to retaliate")."""
    if clause.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children):
        return False
    head = clause.head
    between = [c for c in head.children if head.i < c.i < clause.i]
    return bool(between) and all(c.dep_ in ("prep", "npadvmod", "advmod") for c in between) and not any(
        c.dep_ in ("dobj", "dative", "nsubjpass", "auxpass", "attr", "acomp") for c in head.children)


#: Words that put a participle's act before or after its verb's ("after meeting", "before leaving").
_TIME_SHIFTS = {"after", "before", "since", "until", "till", "upon", "on", "while", "when", "once"}


def participle_clause(verb: Token) -> bool:
    """Whether ``verb`` heads a present participle clause adding an act to the verb it hangs on,
    with no subject or time word of its own ("struck the village, killing five": the killing is part
    of the strike, and happened when it did). A past participle is not one: "Expelled by Russia, the
    diplomats met ..." tells of an earlier act.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> participle_clause(nlp("Jets struck the village, killing five.")[5])
    True
    >>> participle_clause(nlp("He met the envoy while visiting Moscow.")[5])  # "while" times it apart
    False
    """
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass")
                   or (c.i < verb.i and c.lower_ in _TIME_SHIFTS) for c in verb.children)


def means_clause(verb: Token) -> Token | None:
    """The verb whose act ``verb`` is the means of, when it heads a "by" clause of a gerund with no
    subject of its own ("angered Bolivia last week by closing the border"): the closing is how the
    angering was done, and happened when it did. None otherwise.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> means_clause(nlp("Chile angered Bolivia last week by closing the border.")[6]).text
    'angered'
    >>> means_clause(nlp("The plan was approved by voting members.")[5]) is None  # a participle, not a gerund clause
    True
    """
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ != "by" or prep.dep_ != "prep":
        return None
    if prep.head.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return prep.head


def misread_gerunds(verb: Token) -> list[Token]:
    """Nouns in -ing the small model reads as a gerund clause of ``verb``, right after the object
    of one of its prepositions: "killed in Israeli shelling on Friday" parsed as killed "in Israeli",
    "shelling on Friday" a clause; what hangs on them (the date) is the verb's.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Four civilians were killed in Israeli shelling in Gaza on Friday.")
    >>> [t.text for t in misread_gerunds(doc[3])]
    ['shelling']
    """
    doc = verb.doc
    return [v for v in verb.children if v.tag_ == "VBG" and v.dep_ == "advcl" and v.i > 0
            and doc[v.i - 1].dep_ == "pobj" and doc[v.i - 1].head.head.i == verb.i
            and not any(c.dep_ in ("nsubj", "dobj") for c in v.children)]


def adverbial_host(tok: Token, anchors: set[int]) -> bool:
    """Whether ``tok``, a noun an adverbial date hangs on, is one step from one of the ``anchors``
    (token indices): the object of a preposition on it, other than "of" ("met [for the first
    time] last week"). A noun further in ("accused Russia of an attack on the plant last week")
    has the date to itself.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Envoys met for the first time in Doha.")
    >>> adverbial_host(doc[5], {1}), adverbial_host(doc[1], {5})
    (True, False)
    """
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ != "of" and prep.head.i in anchors
            and prep.head.i != prep.i)


#: Verbs that take a past participle as a state of their subject: "stand accused", "remain detained".
_STATIVE_HEADS = {"stand", "remain", "stay", "become", "get", "seem", "appear", "look", "feel", "go"}


#: Past participles that state their subject's own stance towards a "to" phrase: "Israel is
#: opposed to the plan" is Israel opposing it, not Israel being opposed.
STANCE_PARTICIPLES = frozenset({"oppose"})


def stance(verb: Token) -> bool:
    """Whether ``verb`` is a participle of stance with its "to" phrase ("is opposed to", "remains
    opposed to"), which is no passive: its subject holds the stance.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> stance(nlp("Israel is opposed to the plan.")[2]), stance(nlp("The plan was opposed by Israel.")[3])
    (True, False)
    """
    return (verb.tag_ == "VBN" and verb.lemma_.lower() in STANCE_PARTICIPLES
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children))


#: Relative pronouns, which stand for the noun their clause is on.
_RELATIVES = frozenset({"who", "whom", "which", "that"})


def antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for, when the parse makes it sure; None otherwise.

    "Who" is always its clause's noun; "which" and "that" after a comma on an object may be said of
    the whole act ("bombed a school in Gaza, which drew condemnation"), so only on a subject or a
    noun not set off by a comma.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> antecedent(nlp("Russia, which invaded Ukraine in 2022, denied it.")[2]).text
    'Russia'
    >>> antecedent(nlp("Israel bombed a school in Gaza, which drew condemnation.")[7]) is None
    True
    """
    clause = pronoun.head
    if (pronoun.lower_ not in _RELATIVES or pronoun.tag_ not in ("WDT", "WP") or clause.dep_ != "relcl"
            or clause.head.pos_ not in ("NOUN", "PROPN")):
        return None
    noun = clause.head
    start = clause.left_edge.i
    trailing = noun.dep_ in ("dobj", "pobj") and start > 0 and clause.doc[start - 1].text == ","
    return None if trailing and pronoun.lower_ in ("which", "that") else noun


def passive(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """For a verb in the passive, its agents (the "by" phrase) and patients (its subject); None for
    an active verb. A bare past participle stating its subject's state, or hung on a verb as a
    clause of its own, is passive too: in "two soldiers stand accused of the bombing" the soldiers
    are accused, they accuse no one; in "backed by Moscow, the rebels advanced" Moscow backs.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("Two diplomats stand accused of spying.")
    >>> [[t.text for t in ts] for ts in passive(doc[3])]
    [[], ['diplomats']]
    >>> passive(nlp("Two diplomats accused Iran of spying.")[2]) is None
    True
    """
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if stance(verb) and not agents:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):  # "the general, who was killed by"
            # not ", which was condemned by the UN" after an object ("bombed a school in Gaza, which ..."
            patients = [antecedent(p) or p for p in patients]
        return agents, patients
    head = verb.head
    if verb.tag_ != "VBN" or head.i == verb.i or any(
            c.dep_ in ("dobj", "nsubj", "aux", "mark") for c in verb.children):
        return None
    if (verb.dep_ in ("acomp", "oprd", "xcomp") and head.lemma_.lower() in _STATIVE_HEADS) or (
            verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX")):  # "Backed by Moscow, the rebels ..."
        return agents, [c for c in head.children if c.dep_ in (*SUBJECT_DEPS, "nsubjpass")]
    return None
