"""Whether an event is stated as a fact, denied, hypothetical, planned or alleged.

The mode comes from the dependency parse around the event's trigger: a negation ("did not
attack"), a modal ("could attack"), a condition ("if"), a future auxiliary or a verb of
intention governing it ("will attack", "vowed to attack"), or a verb of allegation governing
it ("accused Pyongyang of supplying shells"). A clause inherits a non-factual mode from the
clause that governs it ("would not agree to send troops": sending is not a fact).
Reporting verbs ("said", "told") do not change the mode of what is reported.

Two constructions make a clause unasserted, whatever its verbs say: a question ("Why did the
minister order the withdrawal?", or a quoted one: :func:`in_question`), whose events are all
hypothetical, and a condition ("If the talks fail, the government will impose sanctions":
:func:`conditioned`), whose events are hypothetical while the promise or threat that states them
is a fact, as CAMEO codes it ("threatened to strike unless ..." is a threat).

Examples
--------
>>> from blocwatch.coder.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> def mode(text, verb):
...     return mode_of(next(t for t in nlp(text) if t.text == verb))
>>> mode("Russia did not attack the port.", "attack"), mode("China could impose sanctions.", "impose")
('negated', 'hypothetical')
>>> vowed = "Pyongyang vowed to launch more missiles."
>>> mode(vowed, "launch"), mode(vowed, "vowed")
('future', 'factual')
>>> mode("Seoul accused Pyongyang of sending drones.", "sending")
'claimed'
>>> mode("Neither Japan nor South Korea imposed sanctions.", "imposed")
'negated'
>>> in_question(next(t for t in nlp("Did China send weapons to Russia?") if t.text == "send"))
True
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["BELIEF_HEADS", "CATENATIVES", "CLAIM_HEADS", "CLAIM_NOUNS", "COMMITMENT_HEADS", "FUTURE_HEADS",
           "HABITUAL_ADV", "LIKELIHOOD", "MODAL_AUX", "PLANNING_HEADS", "QUOTES", "REPORTING_VERBS", "REQUEST_NOUNS",
           "SUGGESTING", "WISHING", "asserted_clause", "condition_spans", "conditioned", "for_to_clause",
           "in_question", "mode_of", "noun_clause_mode", "on_condition", "over_a_span", "proposing", "question_spans",
           "ranked", "simple_present", "tally"]

#: Modal auxiliaries: what they govern is possible, needed or wished, not done.
MODAL_AUX = {"could", "would", "might", "may", "should", "must", "can", "ought"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
#: Verbs whose infinitive or clausal complement is a planned or intended event.
FUTURE_HEADS = {"plan", "intend", "vow", "pledge", "promise", "threaten", "agree", "offer", "prepare",
                "decide", "commit", "seek", "want", "aim", "hope", "expect", "consider", "propose",
                "schedule", "resolve", "vote", "mull", "weigh", "announce", "negotiate"}
#: Of those, the ones that wish for or foresee what their clause says, whoever is to do it ("hopes
#: Beijing will release", "expects that Seoul deploys"): never a fact, nor anyone's stated intent.
WISHING = {"hope", "wish", "expect", "pray"}
#: Of those, the ones by which the source itself commits to the event (CAMEO's "express intent").
COMMITMENT_HEADS = {"plan", "intend", "vow", "pledge", "promise", "threaten", "agree", "offer", "prepare",
                    "decide", "commit", "resolve", "announce", "schedule"}
#: Of the future heads, the ones that tell a plan, not a word given to anyone: a plan made on a
#: condition ("if the talks fail, Mali plans to expel the ambassador") is no stated intent, unlike a
#: threat or a promise made on one ("threatened to cut supplies if Moldova joins NATO" is a threat).
PLANNING_HEADS = frozenset({"plan", "intend", "prepare", "seek", "want", "aim", "consider", "mull", "weigh",
                            "schedule"})
#: Verbs whose complement is an allegation rather than a fact.
CLAIM_HEADS = {"accuse", "allege", "claim", "charge", "blame", "deny", "suspect", "condemn", "denounce",
               "criticize", "criticise", "slam", "rebuke", "protest"}
#: Verbs of belief: what someone believes or thinks happened ("officials believe Russia attacked the
#: plant", "is thought to have fired") is their opinion, not a fact the text reports; like an
#: allegation, it is ``claimed``.
BELIEF_HEADS = {"believe", "think", "assume", "presume", "suppose", "reckon", "guess", "speculate", "feel"}
_REQUEST_HEADS = {"urge", "ask", "call", "demand", "press", "request", "appeal", "encourage", "invite",
                  "push", "advise", "warn", "want", "wish", "insist", "order", "tell", "instruct", "command",
                  "direct", "pressure", "lobby", "beg", "implore", "plead", "exhort", "suggest", "propose",
                  "recommend", "advocate"}
#: Of those, the ones whose that-clause or quotation is an assertion ("told reporters that Russia
#: attacked", "warned that the dam had burst"), unlike "insisted that Russia withdraw".
_TELLING = frozenset({"tell", "warn"})
#: Nouns whose that-clause is alleged or believed, not reported as fact ("the accusation that
#: Pyongyang sent troops", "denied reports that its forces shelled the town").
CLAIM_NOUNS = frozenset({"accusation", "allegation", "claim", "charge", "report", "rumor", "rumour",
                         "suspicion", "assertion", "belief", "suggestion", "speculation", "assessment",
                         # propositions put forward or asked about ("the notion that", "questions that")
                         "notion", "idea", "theory", "question", "impression", "perception", "premise",
                         "contention", "finding", "conclusion"})
#: Nouns whose that-clause is asked for, not done ("its demand that Britain release the tanker").
REQUEST_NOUNS = frozenset({"demand", "call", "request", "appeal", "plea", "order", "ultimatum", "insistence",
                           "proposal", "condition", "requirement", "recommendation"})
_NEGATING_HEADS = {"refuse", "decline", "fail", "reject", "deny", "stop", "halt", "cease", "avoid", "refrain"}
#: Verbs that keep someone *from* doing something: what they prevent is not done ("barred girls from
#: attending school", "prevented the ships from entering the port").
_PREVENTING_HEADS = {"prevent", "bar", "ban", "prohibit", "forbid", "block", "stop", "keep", "deter", "restrain",
                     "preclude", "exclude", "discourage", "dissuade", "hinder", "restrict"}
#: Verbs that give a reason with "for": what they were punished or praised for is their claim.
_JUDGMENT_HEADS = {"jail", "imprison", "convict", "sentence", "arrest", "detain", "punish", "fine", "indict",
                   "prosecute", "try", "praise", "thank", "reward", "commend", "sanction", "expel", "execute"}
REPORTING_VERBS = {"say", "announce", "tell", "confirm", "declare", "state", "report", "add", "insist", "warn",
                   "promise", "pledge", "vow", "threaten", "indicate", "signal", "reply", "respond", "write",
                   "quote", "claim", "believe", "think", "hope", "expect", "note", "stress", "argue",
                   "reiterate", "repeat", "emphasize", "emphasise", "assert", "maintain", "suggest", "explain"}
#: Verbs whose act is a fact even when what they state is conditional ("threatened to strike unless ...").
_STATING = COMMITMENT_HEADS | REPORTING_VERBS | {"warn", "demand", "urge", "ask", "offer"}
#: Words of ability, permission, necessity and deliberation: what they govern is possible, allowed,
#: needed or weighed, not done ("is able to strike", "capable of reaching", "a deal allowing Russia to
#: station troops", "the ability to strike", "discussed sending troops", "needs to raise spending").
_ABLE_ADJ = {"able", "capable", "possible", "free", "entitled", "authorized", "authorised", "allowed",
             "permitted", "necessary", "obliged", "required", "supposed"}
_UNABLE_ADJ = {"unable", "incapable", "impossible"}
_PERMITTING_HEADS = {"allow", "permit", "enable", "authorize", "authorise", "oblige", "obligate", "require",
                     "entitle", "empower", "let", "need"}
_DELIBERATING_HEADS = {"think", "discuss", "debate", "mull", "ponder", "contemplate", "explore", "study",
                       "examine", "talk", "speak", "dream", "imagine", "fear", "risk"}
_POSSIBILITY_NOUNS = {"ability", "capability", "capacity", "power", "right", "means", "option", "possibility",
                      "potential", "chance", "risk", "danger", "threat", "prospect", "idea", "plan", "proposal",
                      "permission", "authority", "freedom", "need", "readiness", "willingness", "fear", "hope"}
#: Verbs whose act is their complement's ("managed to avoid", "moved to block", "began shelling"):
#: they carry aspect or effort, and are no event of their own when they have one.
CATENATIVES = frozenset({"manage", "move", "proceed", "begin", "start", "continue", "keep", "hasten", "rush",
                         "tend", "happen", "get", "come", "dare", "bother", "struggle", "strive", "endeavour",
                         "endeavor", "opt", "choose", "go", "try", "attempt"})
_FUTURE_ADJ = {"ready", "set", "poised", "due", "about", "likely", "willing", "prepared", "eager", "determined",
               "certain", "sure", "bound", "inclined"}
#: Participles of a schedule or of readiness, passive in form ("was set to sign", "were slated to meet").
_FUTURE_PARTICIPLES = {"set", "poised", "slated", "due"}
#: Adjectives of unwillingness: what they govern is not done ("was reluctant to criticize Beijing").
_UNWILLING_ADJ = {"reluctant", "unwilling", "loath", "loth", "hesitant", "disinclined", "averse", "unprepared"}
#: Adjectives that doubt what they govern: it may not happen ("is unlikely to attack Taiwan").
_DOUBTING_ADJ = {"unlikely", "uncertain", "doubtful", "unsure", "improbable"}
#: Adjectives of likelihood: what they govern is estimated by whoever speaks, not stated by its
#: actor ("is likely to attack": no stated intent).
LIKELIHOOD = frozenset({"likely", "unlikely", "probable", "improbable", "certain", "sure", "bound"})
#: Adjectives that judge how likely a that-clause is: the clause is an estimate, no event ("it is
#: unlikely that Iran will attack", "it is possible that Russia struck the pipeline"). Not the
#: certain ones, whose clause the speaker asserts ("it is certain that ...").
_LIKELY_CLAUSE_ADJ = {"likely", "unlikely", "probable", "improbable", "possible", "impossible", "conceivable",
                      "doubtful", "uncertain"}
#: Adjectives of certainty: denied, they doubt their that-clause ("it is not certain that ...").
_CERTAIN_ADJ = {"certain", "sure", "clear", "evident", "obvious"}
#: Nouns whose that-clause is a possibility, a risk or a hope, not a fact ("the possibility that
#: Iran will attack", "fears that Russia will invade"); not "the fact that", "reports that".
_ESTIMATE_NOUNS = {"possibility", "chance", "likelihood", "probability", "prospect", "risk", "danger", "fear",
                   "hope", "expectation", "speculation"}
_CLAIM_ADV = {"allegedly", "reportedly", "purportedly", "supposedly"}
#: Adverbs of frequency: a clause they modify tells what is done habitually or from time to time
#: ("militias often set up checkpoints", "rebels regularly escape"), a description, not one act.
HABITUAL_ADV = frozenset({"often", "usually", "regularly", "routinely", "frequently", "typically", "generally",
                          "traditionally", "habitually", "customarily", "normally", "commonly", "sometimes",
                          "occasionally", "rarely", "seldom", "always"})
_CONDITIONS = {"if", "unless"}
#: How a verb carries the condition of the clause that governs it.
_CARRIERS = {"xcomp", "ccomp", "conj"}
#: Quotation marks, straight and curly, as the tokenizer gives them.
QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})


def _reported(token: Token) -> bool:
    """Whether ``token`` heads the complement of a reporting verb ("announced it would free ...")."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS


def _own_mode(token: Token) -> tuple[str, str | None]:
    """Mode marked on the trigger itself, and the word that marked it (read once per token: a
    verb heading hundreds of coordinated ones is asked once for each)."""
    cache = token.doc.user_data.setdefault(_OWN_MODES, {})
    found = cache.get(token.i)
    if found is None:
        found = cache[token.i] = _read_own_mode(token)
    return found


#: The key of the tokens' own modes in their document's ``user_data``.
_OWN_MODES = ("blocwatch", "own mode")


def _read_own_mode(token: Token) -> tuple[str, str | None]:
    children = list(token.children)
    for c in children:
        if c.dep_ == "neg" or (c.lower_ in ("never", "not") and c.dep_ == "advmod"):
            return "negated", c.lower_
        if c.dep_ == "det" and c.lower_ == "no" and token.pos_ == "NOUN":
            return "negated", c.lower_
        if c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return "negated", _NO_OBJECT  # "took no part in the invasion", "offered no evidence"
        if c.dep_ in ("nsubj", "nsubjpass") and _no_one(c):  # "neither X nor Y attacked", "no country ..."
            return "negated", "neither"
    for c in children:  # a condition or an indirect question first: "whether Moscow will send" says nothing will
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "lest"):
            return "hypothetical", c.lower_
    for c in children:
        if c.dep_ in ("aux", "auxpass"):
            word = c.lower_
            if word == "would" and _reported(token):  # future in the past: "said it would retaliate"
                return "future", word
            if word in ("should", "would", "must") and token.dep_ == "ccomp" and \
                    token.head.lemma_.lower() in COMMITMENT_HEADS:  # "agreed that they should cooperate"
                return "future", word
            if word in MODAL_AUX:
                return "hypothetical", word
            if word in _FUTURE_AUX:
                return "future", word
    for c in children:
        if c.dep_ == "advmod" and c.lower_ in _CLAIM_ADV:
            return "claimed", c.lower_
        if c.dep_ == "advmod" and c.lower_ in HABITUAL_ADV:
            return "commentary", c.lower_  # "often detain", "regularly shell": a habit, not an act
    span = over_a_span(token)
    if span is not None:
        return "commentary", span  # "have faced arrests since 2019", "has ruled since it took power"
    if token.tag_ == "VBG" and token.lemma_.lower() in _STANDING and any(
            c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be" for c in token.lefts) and not any(
            c.dep_ == "prt" for c in token.rights):  # not "is keeping up attacks", which goes on acting
        return "commentary", token.lower_  # "is monitoring developments", "is keeping tariffs in place"
    return "factual", None


#: The mark of an object with "no", which denies its own verb only.
_NO_OBJECT = "no object"
#: Verbs of a state kept up, which in the present progressive ("are monitoring the situation", "is
#: keeping tariffs in place", "is facing pressure") tell a standing situation, not an act done; not
#: verbs of deliberating or trying, which CAMEO codes as they go on ("is considering sanctions":
#: 014; "are seeking to deepen a partnership": 03x).
_STANDING = frozenset({"monitor", "watch", "follow", "face", "keep", "maintain"})


def over_a_span(verb: Token) -> str | None:
    """The word that makes ``verb``, a perfect, tell a state or a run of acts since a point long
    past rather than one act: "have faced arrests since the election", "has ruled since it took
    power in 2012", "have been fighting since 2019". None for an act told once; for a span from a
    recent point, an episode that began then ("has shelled the city since Sunday", "since dawn",
    "since last week"); for a comparison ("its first visit since 2000", "the largest attack
    since the war began"); and for a "since" of reason.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> over_a_span(nlp("Journalists have faced arrests since the election.")[2])
    'since'
    >>> over_a_span(nlp("Russia has shelled the city since Sunday.")[2]) is None
    True
    """
    if verb.tag_ not in ("VBN", "VBG") or not any(
            c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.lefts):
        return None
    # "has sought to finalize the deal since 2024": the parser may hang the "since" on the infinitive
    around = list(verb.children) + [r for x in verb.rights if x.dep_ == "xcomp" for r in x.rights]
    if ranked(verb):
        return None  # "made its first visit since 2000", "the largest attack since": one act, compared
    for c in around:
        if c.dep_ == "prep" and c.lower_ == "since" and not _recent(c):
            return "since"
        if c.dep_ == "advcl" and c.tag_ in ("VBD", "VBG") and not _recent(c) and _a_year(c) and any(
                m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
            return "since"  # "since it took power in 2012"; a clause with no year may give a reason
    return None


#: Words of a recent point: a span from one is an episode that began then.
_RECENT = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                     "today", "tonight", "dawn", "morning", "afternoon", "evening", "night", "midnight",
                     "weekend", "week", "hour", "hours", "day", "days", "then"})  # "since then": the story's last act
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
                     "aug.", "sept.", "sep.", "oct.", "nov.", "dec."})


def _own_words(phrase: Token) -> list[Token]:
    """The words of a phrase without its relative and other clauses ("the election, in which 12
    parties took part")."""
    out, stack = [], [phrase]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "appos") or t is phrase)
    return out


def _recent(phrase: Token) -> bool:
    """Whether a "since" phrase or clause names a recent point: a weekday, a part of a day, a day or
    week, a month with its day ("since dawn", "since last night", "since the early hours of the
    morning", "since March 3", "since the truce collapsed last week"). A year makes it long past
    ("since the night of the 2021 coup"), and so does a day "of" something else ("since the first
    day of the invasion").

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> [_recent(nlp(f"Russia has shelled Kharkiv since {w}.")[4]) for w in ("dawn", "the first day of the war")]
    [True, False]
    """
    if _a_year(phrase):
        return False
    words = _own_words(phrase)
    if bool({t.lower_ for t in words} & _MONTHS) and any(t.like_num and len(t.text) <= 2 for t in words):
        return True
    if phrase.dep_ == "advcl":  # a clause: any word of a recent point in it
        return any(t.lower_ in _RECENT for t in words)
    for head in (c for c in phrase.children if c.dep_ in ("pobj", "pcomp")):
        near = [head] + [c for c in head.children if c.dep_ in ("amod", "compound", "nummod")]
        of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
              if p.dep_ == "pobj"]
        if of and not any(p.lower_ in _RECENT for p in of):
            return False  # "the first day of the invasion", "the night of the coup"
        if any(t.lower_ in _RECENT for t in near + of):
            return True
    return False


def _a_year(phrase: Token) -> bool:
    return any(t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20") for t in _own_words(phrase))


def ranked(verb: Token) -> bool:
    """Whether ``verb``'s object is ranked ("made its first visit since 2000", "launched the largest
    attack since the war began"): a "since" then compares one act with the past; it neither makes
    a span nor dates the act. Not its subject ("its closest allies have supplied it since 2022").

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> ranked(nlp("Putin made his first visit to Pyongyang since 2000.")[1])
    True
    """
    for noun in (c for c in verb.children if c.dep_ in ("dobj", "attr")):
        for t in (noun, *noun.children):
            if any(c.dep_ in ("amod", "advmod") and (c.tag_ in ("JJS", "RBS") or c.lower_ in _ORDINALS)
                   for c in t.children):
                return True  # "its first visit", "the most severe floods"
    return False


_ORDINALS = frozenset({"first", "second", "third"})


def _no_one(subject: Token) -> bool:
    """Whether a subject denies its verb: "neither X nor Y", "no country", "nobody", "none of them"."""
    return subject.lower_ in ("nobody", "none", "neither", "nothing") or any(
        c.lower_ in ("neither", "no") and c.dep_ in ("preconj", "det") for c in subject.children)


def for_to_clause(clause: Token) -> bool:
    """Whether a clause is a "for ... to" infinitive with a subject of its own, the complement of the
    verb before it: "called for Kenya to keep the camps open", "pressed for both sides to talk"
    (the parser takes it for an adverbial clause).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("The UN called for Kenya to keep the camps open.")
    >>> for_to_clause(doc[6]), doc[6].head.text
    (True, 'called')
    """
    if clause.dep_ != "advcl" or clause.head.i > clause.i:
        return False
    kids = {(c.dep_, c.lower_) for c in clause.children}
    return ("mark", "for") in kids and ("aux", "to") in kids and any(c.dep_ == "nsubj" for c in clause.children)


#: Verbs that propose what should be done, or put forward a view of what is (:func:`asserted_clause`).
SUGGESTING = frozenset({"suggest", "hint"})
#: Verbs that vouch for what a report says: "confirmed reports that Russian forces had captured the
#: village" tells the capture as fact.
_CONFIRMING = frozenset({"confirm", "verify", "acknowledge", "corroborate", "admit"})


def asserted_clause(clause: Token) -> bool:
    """Whether a that-clause states what is or was (an indicative: "needed treatment", "has
    enriched uranium"; or an inference about the past: "must have given the orders"), not what
    should or could be done ("hold talks", "should withdraw", "could meet in Cairo").

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> asserted_clause(nlp("Turkey suggested that Israel had struck the convoy.")[5])
    True
    >>> asserted_clause(nlp("Turkey suggested that the two sides could meet in Ankara.")[7])
    False
    """
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):  # a modal: only an inference about the past states
        return any(a.lower_ in ("must", "may", "might", "could") for a in aux) and any(
            a.lemma_ == "have" for a in aux)
    return clause.tag_ in ("VBD", "VBZ") or any(a.tag_ in ("VBD", "VBZ") for a in aux)


def noun_clause_mode(token: Token) -> str | None:
    """The mode a noun gives the that-clause ``token`` heads (or a clause joined to one):
    ``claimed`` for an allegation or a report ("the accusation that Pyongyang sent troops", "denied
    reports that its forces shelled the town"), ``hypothetical`` for a demand ("its demand that
    Britain release the tanker"); None for any other noun ("the news that ...") or no such clause.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Seoul repeated its accusation that Pyongyang sent troops to Russia.")
    >>> noun_clause_mode(doc[6])
    'claimed'
    """
    head = _that_noun(token)
    if head is None:
        return None
    noun = head.lemma_.lower()
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _CONFIRMING:
        return None  # "confirmed reports that Russian forces had captured the village"
    if noun in CLAIM_NOUNS and proposing(_clause_head(token)):
        return "hypothetical"  # "the idea that Belgrade recognize Kosovo": proposed, not claimed done
    return "claimed" if noun in CLAIM_NOUNS else "hypothetical" if noun in REQUEST_NOUNS else None


#: Modals of what should or could be done: a that-clause with them proposes, not asserts.
_PROPOSING_AUX = frozenset({"should", "must", "ought", "could", "might", "may", "can"})


def proposing(verb: Token) -> bool:
    """Whether a that-clause's verb says what should or could be done, not what is or was: a
    subjunctive ("that it negotiate", "that Belgrade recognize Kosovo", "that the vote be
    postponed") or a modal of duty or possibility ("that Ukraine should join", "that talks could
    begin").

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> [proposing(nlp(s)[5]) for s in ("Kyiv rejected suggestions that it negotiate with Russia.",
    ...                                  "Kyiv rejected suggestions that it negotiated with Russia.")]
    [True, False]
    """
    kids = list(verb.children)
    if any(a.dep_ == "aux" and a.lower_ in _PROPOSING_AUX for a in kids):
        # "that Russia could have prevented the attack": a guess at the past, no proposal
        return not any(a.dep_ == "aux" and a.lower_ in ("have", "'ve") for a in kids)
    auxes = [a for a in kids if a.dep_ in ("aux", "auxpass")]
    if auxes and all(a.lower_ == "be" for a in auxes):
        return True  # "that the vote be postponed"; not "that troops will be sent"
    if verb.tag_ not in ("VB", "VBP") or verb.lower_ != verb.lemma_.lower() or any(a.dep_ == "aux" for a in kids):
        return False
    # a bare verb after a singular subject ("it negotiate"); after "they" it may be the indicative
    return verb.tag_ == "VB" or any(c.dep_ == "nsubj" and (c.tag_ in ("NN", "NNP") or c.lower_ in ("it", "he", "she"))
                                    for c in kids)


def _clause_head(token: Token) -> Token:
    """The first of the clauses joined to ``token``'s ("said it attacked and seized": "attacked")."""
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        token = token.head
    return token


def _that_noun(token: Token) -> Token | None:
    """The noun whose that-clause ``token`` heads, or a clause joined to one ("a possibility that
    Iran will attack", "the accusation that Pyongyang sent troops"), else None."""
    token = _clause_head(token)
    if token.dep_ in ("acl", "ccomp") and token.head.pos_ == "NOUN" and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
        return token.head
    return None


def _governor(token: Token) -> tuple[Token, str] | None:
    """The verb (or adjective) that governs ``token``'s clause, and how ("called for Kenya to keep"
    as "urged Kenya to keep": a complement)."""
    if for_to_clause(token):
        return token.head, "xcomp"
    if token.dep_ in ("xcomp", "ccomp", "conj", "advcl") and token.head.i != token.i:
        return token.head, token.dep_
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
        return token.head.head, "pcomp"
    return None


#: Verbs that link a subject to a predicate adjective, to which the parser may hang its infinitive
#: ("was reluctant [to meet]" with "to meet" under "was").
_LINKING = {"be", "remain", "seem", "appear", "look", "stay", "become", "grow", "prove"}


def _predicate_adjective(head: Token, how: str) -> tuple[str, Token, bool] | None:
    """The adjective that governs an infinitive or gerund (``head`` itself, or the predicate
    adjective of a linking verb the parser hung it on), lower-cased; the linking verb (or the
    adjective, without one); and whether it is denied ("was not reluctant to")."""
    if how not in ("xcomp", "pcomp"):
        return None
    if head.pos_ == "ADJ":
        adj = head
    elif head.lemma_.lower() in _LINKING:
        adj = next((c for c in head.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
        if adj is None:
            return None
    else:
        return None
    link = adj.head if adj.dep_ == "acomp" else adj
    denied = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("not", "never"))
                 for t in {adj, link} for c in t.children)
    return adj.lemma_.lower(), link, denied


def _estimated(token: Token) -> bool:
    """Whether ``token`` heads a that-clause whose likelihood an adjective judges ("it is unlikely
    that Iran will attack", "it seems possible that talks resume", "it is not certain that ...") or
    a noun names ("there is a possibility that ..."), or a clause joined to one."""
    noun = _that_noun(token)
    if noun is not None:  # "there is a possibility that Iran will attack"
        return noun.lemma_.lower() in _ESTIMATE_NOUNS
    token = _clause_head(token)
    if token.dep_ not in ("ccomp", "csubj") or token.head.i == token.i:
        return False
    head = token.head
    if head.pos_ == "NOUN":
        return False
    adjectives = [head] if head.pos_ == "ADJ" else [
        c for c in head.children if c.dep_ in ("acomp", "oprd")] if head.lemma_.lower() in _LINKING else []
    for adj in adjectives:
        word = adj.lemma_.lower()
        denied = any(c.dep_ == "neg" for t in (adj, adj.head) for c in t.children)
        if word in _LIKELY_CLAUSE_ADJ or (word in _CERTAIN_ADJ and denied):
            return True  # "it is unlikely that ...", "it is not certain that ..."
    return False


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.lefts)  # "to" comes before its verb


def mode_of(trigger: Token, depth: int = 0) -> str:
    """``factual``, ``negated``, ``hypothetical``, ``future`` or ``claimed`` for an event trigger.

    For a noun event ("held talks") pass the light verb, or the noun: both are checked by the
    caller.
    """
    mode, word = _own_mode(trigger)
    if depth and word == _NO_OBJECT:
        mode = "factual"  # "wasted no time in attacking", "gave no warning before firing": it was done
    if mode in ("factual", "future") and _estimated(trigger):
        return "hypothetical"  # "it is unlikely that Iran will attack": an estimate, whatever its tense
    if mode != "factual" or depth > 6:
        return mode
    if trigger.dep_ in ("acl", "relcl") and _infinitive(trigger):
        return "hypothetical"  # "permission to help Israel", "an ultimatum to halt attacks", "a way to get"
    if for_to_clause(trigger):
        return "hypothetical"  # "called for Kenya to keep the camps open", "waited for the army to leave"
    alleged = noun_clause_mode(trigger)
    if alleged is not None:
        return alleged
    gov = _governor(trigger)
    if gov is None:
        return "factual"
    head, how = gov
    lemma = head.lemma_.lower()
    if how in ("xcomp", "ccomp", "pcomp"):
        if lemma in CLAIM_HEADS or (how == "pcomp" and lemma in _JUDGMENT_HEADS) or (
                lemma in BELIEF_HEADS and how in ("ccomp", "xcomp")) or (
                lemma in SUGGESTING and how == "ccomp" and asserted_clause(trigger)):
            return "claimed"  # "suggested that Russia had shelled the plant": a view, not a proposal
        if lemma in _NEGATING_HEADS and how in ("xcomp", "pcomp"):
            return "negated"
        if how == "pcomp" and trigger.head.lower_ == "from" and lemma in _PREVENTING_HEADS:
            return "negated"
        if how == "pcomp" and trigger.head.lower_ == "without":
            return "negated"  # "launched the offensive without consulting Moscow"
        if how == "xcomp" and lemma in ("have", "be") and any(
                c.dep_ == "advmod" and c.lower_ == "yet" and head.i < c.i < trigger.i for c in head.children):
            return "negated"  # "officials have yet to comment", "is yet to respond": not done so far
        if how == "xcomp" and lemma == "use" and (
                (head.tag_ == "VBD" and head.dep_ != "relcl" and not any(
                    c.dep_ in ("dobj", "aux", "auxpass") for c in head.children))
                or (head.tag_ == "VBN" and head.dep_ == "acl")):
            # "Russia used to supply gas to Germany": a past habit, no longer done; "a plane used to
            # help troops": what a thing is for (not "Iran used drones to attack Israel")
            return "commentary"
        if head.pos_ == "ADJ" and lemma in _UNABLE_ADJ:
            return "negated"
        adjective = _predicate_adjective(head, how)
        if adjective is not None:
            word, link, denied = adjective
            if word in _DOUBTING_ADJ or (word == "likely" and denied):
                return "hypothetical"  # "is unlikely to attack", "is not likely to", "is not unlikely to" alike
            if word in _UNWILLING_ADJ and not denied:
                return "negated"  # "was reluctant to meet"
            if word in _UNWILLING_ADJ:  # "was not reluctant to criticize": it did; "might not be" still might
                above = mode_of(link, depth + 1)
                return "factual" if above == "negated" else above
            if word in _FUTURE_ADJ and denied:
                return "negated"  # "is not willing to cede territory", "was not ready to negotiate"
        if ((head.pos_ == "ADJ" and lemma in _ABLE_ADJ)
                or (head.pos_ in ("VERB", "AUX") and lemma in _PERMITTING_HEADS)
                or (how in ("xcomp", "pcomp") and (
                    (head.pos_ in ("VERB", "AUX") and lemma in _DELIBERATING_HEADS)
                    or (head.pos_ == "NOUN" and lemma in _POSSIBILITY_NOUNS)))):
            return "hypothetical"
        if lemma in FUTURE_HEADS and how in ("xcomp", "pcomp"):
            return "future"
        if how == "pcomp" and trigger.head.lower_ == "into" and lemma in _REQUEST_HEADS:
            pass  # "pressured Kyiv into signing", "pressed Iran into accepting": it was done
        elif lemma in _REQUEST_HEADS and not (how == "ccomp" and lemma in _TELLING and (trigger.tag_ != "VB" or any(
                c.dep_ == "aux" and c.lemma_ == "do" for c in trigger.lefts))):  # "did shell": asserted
            # "urged Tokyo to send", "warned Pyongyang against supplying", "insisted that Russia
            # withdraw"; not what is told ("told reporters that Russia attacked", "'We urge ...,'
            # he told VOA"), which is reported, not asked
            return "hypothetical"
        if lemma in FUTURE_HEADS and how == "ccomp" and (
                lemma not in REPORTING_VERBS or lemma in WISHING or _infinitive(trigger)):
            return "hypothetical"  # "wants Putin to attack", "hopes Beijing releases": wished or foreseen
        if lemma == "go" and any(c.lower_ in ("is", "are", "was", "were", "'s", "'re", "be") for c in head.children):
            return "future"
        if lemma == "be" and how == "xcomp" and _infinitive(trigger) and trigger.lemma_.lower() != "blame":
            return "future"  # "the ministers are to meet", "the aim is to deter": scheduled or intended
        if head.pos_ == "ADJ" and lemma in _FUTURE_ADJ and how != "ccomp":
            return "future"  # "ready to sign"; not "certain that Russia attacked", which is asserted
        if how == "xcomp" and head.lower_ in _FUTURE_PARTICIPLES and _infinitive(trigger) and head.tag_ == "VBN" and (
                head.lower_ != "set" or head.dep_ == "acl" or any(
                    c.dep_ == "auxpass" or (c.dep_ == "prt" and c.lower_ == "out") for c in head.children)):
            return "future"  # "was set to sign", "troops poised to invade", "had set out to capture" (an aim)
        if head.lemma_ == "be" and how != "ccomp" and any(c.dep_ == "acomp" and c.lower_ in _FUTURE_ADJ
                                                          for c in head.children):
            return "future"
    if how == "conj" and trigger.tag_ in ("VBD", "VBZ", "VBP") and _infinitive(head):
        # a finite verb cannot join an infinitive: the parser hung "expelled" of "was unwilling to
        # host X and expelled Y" on "host"; it shares the mode of the clause above the infinitive
        top = head
        while top.dep_ in ("xcomp", "acomp") and top.head.i != top.i:
            top = top.head
        return mode_of(top, depth + 1)
    if how == "advcl":
        # "X attacked Y after ..." : the main clause does not change the mode of its adjuncts,
        # but a purpose is not a fact: "met in Zurich to discuss ..."
        if _infinitive(trigger):
            return "future"
        if trigger.tag_ == "VBG" and trigger.i > head.i and not any(c.dep_ == "mark" for c in trigger.children) \
                and over_a_span(head) is not None:
            return "commentary"  # "have fought the army since 2019, accusing the state of ...": the same span
        if _on_occasions(trigger) and _habit(head):
            return "commentary"  # "regularly escape to Cameroon when attacked by troops": when the habit is
        return "factual"
    up = mode_of(head, depth + 1)
    if up == "commentary" and how == "conj" and trigger.tag_ != head.tag_:
        return "factual"  # "frequently raid Jenin and on Tuesday arrested 20": the habit is the first verb's
    return up


def question_spans(sent: Span) -> list[tuple[int, int]]:
    """The token ranges ``[start, end)`` of ``sent`` that ask. A question mark followed by a closing
    quote ends a quoted question, which runs back to the quote mark before it (or the sentence's
    start): '"So why should we talk?" he said' asks, "he said" does not. Any other question mark
    makes the sentence up to it a question. Counting quote marks is not enough: a quotation may
    span sentences. One pass over the sentence."""
    out = []
    opened = sent.start  # the word after the latest quote mark
    for q in sent:
        if q.text in QUOTES:
            opened = q.i + 1
        elif q.text == "?":
            quoted = q.i + 1 < sent.end and q.doc[q.i + 1].text in QUOTES
            out.append((opened if quoted else sent.start, q.i + 1))
    return out


def in_question(token: Token, spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``token`` is in a question (:func:`question_spans` of its sentence, or ``spans``).

    Examples
    --------
    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()('"Why would Japan attack us?" the spokesman asked.')
    >>> in_question(doc[4]), in_question(doc[-2])
    (True, False)
    """
    spans = question_spans(token.sent) if spans is None else spans
    return any(a <= token.i < b for a, b in spans)


def condition_spans(sent: Span) -> list[tuple[int, int]]:
    """The words of ``sent`` an "if" or "unless" adverbial clause modifies, as ``(i, i + 1)`` ranges:
    the clause head (not a verb of saying, promising or threatening, whose act is a fact: "Russia
    threatened retaliation if NATO expands") and the condition's own words. One pass over the
    sentence; :func:`conditioned` extends them down the verbs the head governs."""
    out = []
    for t in sent:
        if t.dep_ == "advcl" and t.head.i != t.i and any(
                m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in t.children):
            out.append((t.left_edge.i, t.right_edge.i + 1))  # the condition itself
            lemma = t.head.lemma_.lower()
            if lemma not in _STATING:
                out.append((t.head.i, t.head.i + 1))
    return out


#: Nouns of acts that a report counts over a period ("launched 504 attacks in 2024", "conducted
#: 11,654 operations this year"): a tally of many acts, not one.
_TALLIED = frozenset({"attack", "operation", "strike", "airstrike", "raid", "bombing", "assault", "incident",
                      "clash", "killing", "arrest", "execution", "protest", "demonstration", "violation",
                      "shelling", "ambush", "abduction", "kidnapping"})
#: Counts that make a tally: from fifty acts up, or "hundreds", "thousands" of them (a day's "dozens
#: of airstrikes" are still that day's act).
_TALLY_FROM = 50
_MANY = frozenset({"hundred", "hundreds", "thousand", "thousands"})


def _on_occasions(clause: Token) -> bool:
    """Whether a clause says when something is done: "when" or "whenever" ("when attacked")."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "whenever") for c in clause.children)


def _habit(verb: Token) -> bool:
    """Whether a verb tells a habit: an adverb of frequency on it ("regularly escape"), or the simple
    present of a verb that is not one of saying ("escape", not "says")."""
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADV for c in verb.children) or (
        simple_present(verb) and verb.lemma_.lower() not in REPORTING_VERBS)


def simple_present(verb: Token) -> bool:
    """Whether ``verb`` is in the simple present, active or passive ("Russia supplies oil to
    China", "the vessels are sanctioned by the Treasury"): of a material act, a habit or a standing
    state, not one act done. Not the progressive ("is shelling"), the perfect or a modal's verb;
    nor in a headline or a lede, which by the convention of news tell past acts in the present:
    a line with no closing stop ("Syrian forces clash with rioters", even when the story follows on
    the next line), an act told with its own count of casualties ("..., killing at least 20
    people"), or one whose source follows it ("Hezbollah fires rockets at Israel, the army
    said"). A date of its own is for the caller to weigh.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> simple_present(nlp("The ships are sanctioned by the Treasury.")[3])
    True
    >>> simple_present(nlp("The ships were sanctioned by the Treasury.")[3])
    False
    >>> simple_present(nlp("Syrian forces clash with rioters in the square")[2])
    False
    """
    aux = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        present = not aux
    else:
        present = verb.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBZ", "VBP")
    if not present:
        return False
    if any(c.dep_ == "npadvmod" and any(d.lower_ == "every" for d in c.children) for c in verb.children):
        return True  # "they attack us every night"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS and verb.head.i > verb.i and not any(
            t.text in QUOTES for t in verb.sent):
        return False  # "Nigeria's army kills 20 militants, the military said"; not a quote
    if any(c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and any(
            o.dep_ == "dobj" and any(n.dep_ == "nummod" for n in o.children) for o in c.children)
           for c in verb.children):
        return False  # "Russia launches a missile attack on Kyiv, killing at least 20 people"
    line = []
    for t in verb.doc[verb.i:verb.sent.end]:  # the verb's line: a headline may run into the story
        if "\n" in t.text:
            break
        line.append(t)
        if "\n" in t.whitespace_:
            break
    last = next((t for t in reversed(line) if not (t.is_space or t.text in QUOTES)), None)
    return last is not None and last.text in _STOPS


#: Marks that close a sentence of running text (a headline has none).
_STOPS = frozenset({".", "!", "?", "...", "…"})


def tally(verb: Token) -> bool:
    """Whether ``verb`` reports a count of many acts of one kind, as its object or in its phrase
    ("launched 504 attacks in 2024", "killed 400 people in over 500 attacks", "carried out hundreds
    of raids"): a summary over a period, not an act. Smaller counts may be one day's acts.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> tally(nlp("The group launched 504 attacks in 2024.")[2]), tally(nlp("The group launched three attacks.")[2])
    (True, False)
    """
    for c in verb.children:
        nouns = [c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else []
        for noun in nouns:
            if noun.lemma_.lower() in _MANY:  # "hundreds of raids"
                if any(p.lemma_.lower() in _TALLIED for q in noun.children if q.dep_ == "prep" and q.lower_ == "of"
                       for p in q.children if p.dep_ == "pobj"):
                    return True
                continue
            if noun.lemma_.lower() not in _TALLIED or noun.tag_ != "NNS":
                continue
            for num in (n for n in noun.children if n.dep_ == "nummod"):
                if num.lower_ in _MANY:
                    return True
                try:
                    if float(num.text.replace(",", "")) >= _TALLY_FROM:
                        return True
                except ValueError:
                    continue
    return False


def on_condition(verb: Token) -> bool:
    """Whether ``verb`` itself has an "if" or "unless" clause: "If the talks fail, Mali [plans] to
    expel the ambassador".

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("If the talks fail, Mali plans to expel the ambassador.")
    >>> on_condition(doc[6]), on_condition(doc[8])
    (True, False)
    """
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)
               for c in verb.children)


def conditioned(token: Token, spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``token`` is under a condition: in an "if" or "unless" clause, or in the clause it
    modifies, reached down the verbs that carry it (xcomp, ccomp, conj): "If the talks fail, the
    government plans to impose sanctions" puts "impose" under it, not a relative clause on the
    subject ("the government, which expelled two diplomats, ..."). :func:`condition_spans` of its
    sentence, or ``spans``.

    Examples
    --------
    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("If the talks fail, the government will impose sanctions.")
    >>> conditioned(next(t for t in doc if t.text == "impose"))
    True
    >>> conditioned(next(t for t in nlp("The army imposed a curfew.") if t.text == "imposed"))
    False
    """
    spans = condition_spans(token.sent) if spans is None else spans
    if not spans:
        return False
    t = token
    for _ in range(40):
        if any(a <= t.i < b for a, b in spans):
            return True
        if t.dep_ not in _CARRIERS or t.head.i == t.i:
            return False
        t = t.head
    return False
