"""Dates in news text, resolved against the publication date.

News gives dates relative to the day it is published: "on Tuesday", "on 28 May", "in late
January", "last year". :func:`resolve` turns such an expression into a date and a precision.
An act told in the simple past with no date of its own, after an act dated by the day or week,
takes that date (:func:`reference`: the story is still on that day); other undated events get the
publication date with precision ``reported`` (they happened on or before that day), or
``unknown`` when the text places them before the report (:func:`anterior`) or only after a time
long before it (:func:`after_long_ago`); never a made-up day.

Examples
--------
>>> pub = date(2024, 7, 3)  # a Wednesday
>>> resolve("On 28 May", pub)
When(date=datetime.date(2024, 5, 28), precision='day', text='On 28 May')
>>> resolve("in late January", pub)
When(date=datetime.date(2024, 1, 1), precision='month', text='in late January')
>>> resolve("on Tuesday", pub).date, resolve("last year", pub).date, resolve("since 2018", pub).precision
(datetime.date(2024, 7, 2), datetime.date(2023, 1, 1), 'year')
>>> resolve("in March last year", pub).date, resolve("last night", pub).date
(datetime.date(2023, 3, 1), datetime.date(2024, 7, 2))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from blocwatch.coder.syntax import antecedent
from blocwatch.data import read_json

__all__ = ["MONTHS", "TIMES_OF_DAY", "WEEKDAYS", "When", "after_long_ago", "anterior", "before", "day_host",
           "earlier", "entities", "followed_by", "later", "narrative", "occasion", "occasions", "parts", "period",
           "reference", "reported", "resolve", "same_day_clauses", "texts", "told_when_said", "when_clause_date"]

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, names in enumerate(
    [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
     ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}

# Words in front of a date that do not change which period it names.
_PREFIXES = {"on", "in", "at", "during", "by", "from", "the", "early", "earlier", "late", "later", "mid",
             "middle", "end", "beginning", "start", "of", "around", "about"}

#: The seasons of the northern year by their months (winter runs into the next year).
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
#: Times of a day: a day's date hung on one of them dates what that time dates ("on Tuesday night").
TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "hour", "hours", "dawn", "dusk", "midnight",
                          "noon", "daybreak", "nightfall"})

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON = "|".join(_SEASONS)
_ANY_DAY = date(2000, 1, 1)  # a day to try an expression against: whether it names a date at all
_TIME_OF_DAY = "|".join(sorted(TIMES_OF_DAY))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


@dataclass(frozen=True)
class When:
    """A resolved date: the first day of the period, its precision, and the words it came from."""

    date: date
    precision: str  # day | week | month | year | reported | unknown
    text: str = ""
    #: The date bounds the act by another act's ("after Britain expelled ..."), not by the text's own
    #: date of it: the story has not reached it (:func:`reference`).
    relative: bool = field(default=False, repr=False, compare=False)


def reported(published: date) -> When:
    """The date of an event the text does not date: the publication day, flagged as such."""
    return When(published, "reported", "")


#: Adverbs that place an act before the time of the report ("China earlier blamed Japan").
_ANTERIOR = {"earlier", "previously", "formerly", "once", "recently", "lately"}
#: Adverbs that place a past act after another one the story tells ("a court later sentenced him"):
#: a step of a story told in the past, not news of the report's day.
_SEQUENCE = {"later", "subsequently"}


#: Words after a date that count it from another ("the day before", "the day after", "a week earlier").
_COUNTING_WORDS = frozenset({"before", "after", "earlier", "later"})


def parts(ent: Span) -> list[Span]:
    """A DATE entity split where the parser ran two phrases into one ("on Monday, days before the
    anniversary" gives the entity "Monday, days"): at a comma not followed by a year ("March 3,
    2024" stays whole).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Biden visited Kyiv on Monday, days before the anniversary.")
    >>> [p.text for e in doc.ents if e.label_ == "DATE" for p in parts(e)]
    ['Monday', 'days']

    A word the recogniser left out that says which way the date counts is taken in: "the day"
    of "The day before, ..." is "The day before".
    """
    out, start = [], ent.start
    for t in ent:
        if t.text == "," and t.i + 1 < ent.end and not (
                ent.doc[t.i + 1].like_num and len(ent.doc[t.i + 1].text) == 4):
            if t.i > start:
                out.append(ent.doc[start:t.i])
            start = t.i + 1
    if start < ent.end:
        end = ent.end
        after = ent.doc[end] if end < len(ent.doc) else None
        if (after is not None and after.lower_ in _COUNTING_WORDS and after.dep_ == "advmod"
                and start <= after.head.i < end and not any(after.children)):  # not "earlier than planned"
            end += 1  # "the day [before]": the recogniser left the word that counts the day out
        out.append(ent.doc[start:end])
    return out


def entities(ents: Iterable[Span], text: Span | Doc | None = None) -> list[Span]:
    """The date phrases among a text's entities: its DATE entities (:func:`parts` of them), and the
    TIME entities that name a day ("this morning", "late Tuesday", "the night of March 3"), not
    those that name only an hour ("the early hours", "hours later"). With ``text`` (the sentence or
    document the entities are of), also the seasons the entity recogniser leaves out or cuts ("in
    the autumn", "the winter of" and "2022").

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Russia attacked Kyiv this morning, hours after talks in Riyadh on Monday.")
    >>> [p.text for p in entities(doc.ents)]
    ['this morning', 'Monday']
    """
    out: list[Span] = []
    for ent in ents:
        if ent.label_ == "DATE":
            out.extend(parts(ent))
        elif ent.label_ == "TIME":
            whole = _whole_time(ent)
            if resolve(whole.text, _ANY_DAY) is not None:
                out.append(whole)
    if text is not None:
        for season in _seasons(text):
            out = [p for p in out if p.end <= season.start or p.start >= season.end] + [season]
        out.sort(key=lambda p: p.start)
    return out


def _seasons(text: Span | Doc) -> list[Span]:
    """Phrases of a season as a noun of time, with "the", "last", "this" or "next" or with "of" and
    a year ("in the autumn", "last winter", "the winter of 2022"); not "fall" as a verb."""
    out: list[Span] = []
    for tok in text:
        if tok.pos_ != "NOUN" or tok.lower_ not in _SEASONS or tok.dep_ not in ("pobj", "npadvmod"):
            continue
        if not any(c.dep_ in ("det", "amod") and c.lower_ in ("the", "last", "this", "next", "past")
                   for c in tok.children):
            continue
        end = tok.i + 1
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        if of and any(p.like_num for p in of[0].children):
            end = of[0].right_edge.i + 1
        out.append(tok.doc[tok.left_edge.i:end])
    return out


def _whole_time(ent: Span) -> Span:
    """A TIME entity with the time of day it names, where the entity stops short of it ("late
    Tuesday" in "late Tuesday night") or leaves out its day ("morning" in "early Sunday morning")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if end < len(doc) and doc[end].lemma_.lower() in TIMES_OF_DAY and any(t.head.i == end for t in ent):
        end += 1
    root = doc[start:end].root
    if root.lemma_.lower() in TIMES_OF_DAY:
        start = min(start, root.left_edge.i)
    return doc[start:end]


def day_host(root: Token) -> Token:
    """The word a day's date hangs on through a time of that day: "night" in "on Tuesday night",
    "hours" in "in the early hours of Sunday"; else the date's own root.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Rebels attacked the town on Tuesday night.")
    >>> day_host(doc[5]).text
    'night'
    """
    head = root.head
    if root.dep_ in ("compound", "nmod", "npadvmod") and head.i > root.i and head.lemma_.lower() in TIMES_OF_DAY:
        return head
    if (root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i
            and head.head.lemma_.lower() in TIMES_OF_DAY):
        return head.head
    return root


def anterior(verb: Token) -> bool:
    """Whether a verb tells of an act before the report's own time: the past perfect ("had
    invaded", "had been expelled"), an adverb of anteriority ("earlier blamed", "has recently
    expelled": recently is before the report, on a day the text does not give), a past act that
    an adverb places after another of the story ("a court later sentenced him") or the perfect
    progressive of an activity going on since some time ("has been fighting"), a past act told
    in a relative clause of what its noun did or underwent ("Russia, which invaded Ukraine, ..."),
    or one that begins a time told of as lasting ("since Russia invaded Ukraine, prices have
    soared").
    Such an act, with no date of its own, is background of unknown date, not news of the
    publication day.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> def verb(text):
    ...     return next(t for t in nlp(text) if t.pos_ == "VERB")
    >>> [anterior(verb(s)) for s in ("Russia had invaded Ukraine.", "Russia invaded Ukraine.")]
    [True, False]
    """
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    perfect = bool(auxes & {"has", "have", "had", "'s", "'ve", "'d"})
    if verb.tag_ == "VBG" and "been" in auxes and perfect:
        return True  # "has been fighting an insurgency": an ongoing activity since an unknown time
    past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (perfect or any(
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)))  # "was later sentenced"
    # a relative clause's past the parser tags as a participle ("the activist [that police arrested]")
    if verb.dep_ == "relcl" and (past or (verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children)
                                          and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))) and any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and antecedent(c) is not None for c in verb.children):
        return True  # "Iran, which fired missiles at Israel, said ...": what the noun is known for
    if past and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return True  # "since Russia invaded Ukraine, prices have soared": the start of a time that lasts
    return any((c.dep_ == "aux" and c.lower_ in ("had", "'d") and verb.tag_ == "VBN")
               or (c.dep_ == "advmod" and (c.lower_ in _ANTERIOR or (past and c.lower_ in _SEQUENCE
                                                                     and not _within_the_day(c))))
               for c in verb.children)


def _within_the_day(later: Token) -> bool:
    """Whether "later" is placed in a period by a phrase of its own ("later in the day", "later on
    Tuesday"): a time of the story's day, which the phrase dates or leaves the report's."""
    nxt = later.nbor(1) if later.i + 1 < len(later.doc) else None
    return any(g.dep_ == "prep" for g in later.children) or (nxt is not None and nxt.dep_ == "prep")


def period(when: When) -> tuple[date, date] | None:
    """The first and last day of a date the text gives (a day, a week, a month or a year); ``None``
    for a date the text does not give (``reported``, ``unknown``) and for a span from or since a
    point ("since 2021": no one period). Its middle is the day on which to ask who an actor was:
    "in 2017" is Trump's presidency, though its 1 January was not.

    >>> period(When(date(2017, 1, 1), "year", "2017"))
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    >>> period(When(date(2024, 6, 1), "month", "June")), period(When(date(2024, 6, 19), "reported"))
    ((datetime.date(2024, 6, 1), datetime.date(2024, 6, 30)), None)
    """
    if when.text.lower().startswith(("since", "between", "from")):
        return None
    first = when.date
    if when.precision == "day":
        return first, first
    if when.precision == "week":
        return first, first + timedelta(days=6)
    if when.precision == "month":
        return first, _month_after(first, 1) - timedelta(days=1)
    if when.precision == "year":
        return first, first.replace(month=12, day=31)
    return None


def before(published: date) -> When:
    """The date of an act the text places before the report without dating it (:func:`anterior`):
    the publication day as an upper bound, of ``unknown`` precision."""
    return When(published, "unknown", "")


#: Days before the report within which a time an act is told to follow still dates it as news.
_RECENT_DAYS = 7
#: Counts of time by which an act follows another, and how many days after it the act may still be:
#: "hours after", "days after" within a fortnight, "weeks after" within three months.
_NEARBY = {**{w: 14 for w in ("hour", "minute", "moment", "shortly", "soon", "just", "immediately", "day")},
           "week": 90}
#: How a date hangs on the event an act follows: on its noun ("the 2014 revolution", "last year's
#: coup") or on its phrase ("the revolution in 2014", "the attacks of September 11, 2001").
_ON_EVENT = frozenset({"nummod", "compound", "amod", "npadvmod", "poss", "nmod"})
_EVENT_TIME_PREPS = frozenset({"in", "on", "of", "during", "at"})


def after_long_ago(verb: Token, dates: Iterable[Span], published: date) -> bool:
    """Whether a past act is told as following a time more than a week before the report, with no
    date of its own: "annexed Crimea after the revolution in 2014", "following the 2014 revolution",
    "after Yanukovych fled in 2014". The text bounds it from below only; it happened at some time
    between then and the report, so it is background of unknown date, not news of the report's day.

    The date must be that of the event followed, on its noun or its verb, not one inside what that
    event is about ("after she criticized the 2023 war", "following an agreement signed in 2023").
    Not an act after a time of the report's week ("protested after the collision on Tuesday"); nor
    one counted from that time in hours, days or weeks that may reach the report ("attacked Kharkiv
    weeks after the offensive began in May"); nor the step of a party's own story ("sentenced him
    after his arrest in 2023", "released her after she was detained in 2023": the news is the
    step); nor a saying, whose "after" is its clause's act's.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Russia annexed Crimea after the revolution in 2014.")
    >>> after_long_ago(doc[1], entities(doc.ents, doc), date(2024, 7, 3))
    True
    >>> doc = load_pipeline()("Japan protested to China after the collision on Tuesday.")
    >>> after_long_ago(doc[1], entities(doc.ents, doc), date(2024, 7, 3))
    False
    """
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ == "ccomp" for c in verb.children):
        return False
    dates = list(dates)
    for phrase in verb.children:
        if phrase.dep_ == "prep" and phrase.lower_ in ("after", "following"):
            events = [o for o in phrase.children if o.dep_ == "pobj"]
            if any(c.dep_ == "poss" and c.lower_ in ("his", "her") for e in events for c in e.children):
                continue  # "after his arrest in 2023"; not "after its withdrawal from the region in 2022"
        elif phrase.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in phrase.children):
            events = [phrase]
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she") for c in phrase.children):
                continue  # "after she was detained in 2023"; not "after it withdrew from the region in 2022"
        else:
            continue
        counts = [c.lemma_.lower() for h in (phrase, verb) for c in h.children
                  if c.dep_ in ("npadvmod", "advmod") and c.i < phrase.i]
        reach = max([_NEARBY.get(w, 0) for w in counts] + [_RECENT_DAYS])
        for ent in dates:
            root = day_host(ent.root)
            if not ((root.dep_ in _ON_EVENT and root.head in events) or (
                    root.dep_ == "pobj" and root.head.lower_ in _EVENT_TIME_PREPS and root.head.head in events)):
                continue
            when = resolve(ent.text, published)
            span = period(when) if when is not None else None
            if span is not None and (published - span[1]).days > reach:
                return True
    return False


def narrative(verb: Token) -> bool:
    """Whether a verb tells a past act in the simple past, active or passive ("fired", "was
    arrested"): a step of the story told, whose time, when the clause gives none, is the time the
    story has reached (:func:`reference`), not the day of the report. The present and the
    present perfect ("says", "has released") report the report's own time.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> [narrative(next(t for t in nlp(s) if t.pos_ == "VERB")) for s in ("Police arrested him.",
    ...  "He was arrested.", "Police have arrested him.", "Police arrest him.")]
    [True, True, False, False]
    >>> narrative(nlp("Officials have blamed the rebels and called for calm.")[6])
    False
    """
    first = verb
    while first.dep_ == "conj" and first.head.pos_ in ("VERB", "AUX") and first.head.i != first.i:
        first = first.head  # "have blamed the Taliban and called on ...": the first verb's tense
    if any(c.dep_ == "aux" for v in (verb, first) for c in v.children):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)


#: Precisions a story's time can be carried on from. News dates its own story by the day or the
#: week ("on Tuesday", "last week"); a month or a year mostly dates background ("in July 2020, when
#: he escaped ...") that the next sentences leave again.
_CARRIED = ("day", "week")


@functools.cache
def occasions() -> frozenset[str]:
    """Nouns of occasions (lemmas: "briefing", "visit", "summit"), from ``data/coder/occasions.json``."""
    return frozenset(read_json("coder", "occasions.json")["nouns"])


@functools.cache
def texts() -> frozenset[str]:
    """Nouns of texts an act is done in (lemmas: "statement", "letter"), from ``data/coder/occasions.json``."""
    return frozenset(read_json("coder", "occasions.json")["texts"])


#: Participles by which a text carries its date ("a letter dated Feb. 4", "a statement issued Monday",
#: "a letter sent on June 2").
_DATING = frozenset({"date", "issue", "publish", "release", "post", "send", "write", "sign", "deliver"})


def occasion(date_root: Token) -> Token | None:
    """The occasion or text a date phrase dates, if it dates one: "briefing" in "at a Jan. 23 press
    briefing", "visit" in "during the visit on Feb. 27" (:func:`occasions`), "statement" in "in a
    June 5 statement" or "in a letter dated Feb. 4" (:func:`texts`). An act done at an occasion, or
    in a text, is dated by it.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Macron told Scholz during the visit on Feb. 27 that France would help.")
    >>> occasion(doc[7]).text
    'visit'
    >>> occasion(load_pipeline()("Iran protested in a letter dated June 5.")[6]).text
    'letter'
    """
    node = date_root
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in ("on", "in"):
        node = node.head  # "a letter sent [on June 2]", "a video posted [in May]": the participle's
    if node.dep_ in ("npadvmod", "dobj", "tmod", "prep") and node.head.dep_ == "acl" and node.head.tag_ == "VBN" \
            and node.head.lemma_.lower() in _DATING:
        node = node.head.head
    elif date_root.dep_ == "pobj" and date_root.head.dep_ == "prep" and date_root.head.lower_ in ("on", "of"):
        node = date_root.head.head
    elif (node.dep_ in ("nmod", "compound", "npadvmod") and node.head.i > node.i) or (
            node.dep_ == "npadvmod" and node.head.pos_ == "NOUN"):  # "during a visit to Washington last month"
        node = node.head
    else:
        return None
    lemma = node.lemma_.lower()
    return node if node.pos_ == "NOUN" and (lemma in occasions() or lemma in texts()) else None


def when_clause_date(verb: Token) -> Token | None:
    """The date a "when" clause is on: "2013" in "descended into chaos in 2013, when rebels seized
    the capital" (the seizure is of 2013).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Relations froze in 2017, when both countries recalled their ambassadors.")
    >>> when_clause_date(doc[8]).text
    '2017'
    """
    if (verb.dep_ in ("relcl", "advcl") and verb.head.ent_type_ == "DATE"
            and any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children)):
        return verb.head
    return None


#: Words that put an act within the same day as the clause it is "after" or "before".
_SOON = frozenset({"hour", "minute", "moment", "shortly", "soon", "just", "immediately"})


def same_day_clauses(verb: Token) -> list[Token]:
    """The clauses an act is told to follow or precede within hours: "took over the train [hours
    after it left Quetta on Tuesday]", "shortly before [the summit opened on Monday]". A date on
    such a clause dates the act to the same day.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("Militants seized the Jaffar Express hours after it left Quetta on Tuesday.")
    >>> [c.text for c in same_day_clauses(doc[1])]
    ['left']
    """
    out = []
    for c in verb.children:
        if c.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("after", "before") for m in c.children):
            continue
        near = [x for x in (*verb.children, *c.children) if x.dep_ in ("npadvmod", "advmod") and x.i < c.i]
        if any(x.lemma_.lower() in _SOON for x in near):
            out.append(c)
    return out


def followed_by(verb: Token) -> tuple[Token, bool] | None:
    """The verb whose act an "after" clause precedes, and whether it followed within hours:
    "expelled two envoys on Monday [after Britain expelled ...]" gives ("expelled", False); "hours
    after ..." gives True. The clause's act happened before the verb's: dated by it, it is bounded by
    the verb's date, not the report's day (:func:`same_day_clauses` is the other way round).

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("Israel struck Gaza on Tuesday after Hamas fired rockets.")
    >>> followed_by(doc[7])[0].text, followed_by(doc[1])
    ('struck', None)
    >>> followed_by(nlp("He was freed on Friday after apologizing.")[6])[0].text
    'freed'
    """
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in verb.children):
        after, head = next(m for m in verb.children if m.dep_ == "mark" and m.lower_ == "after"), verb.head
    elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "after":
        after, head = verb.head, verb.head.head
    else:
        return None
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    near = [x for x in (*head.children, *after.children, *verb.children)
            if x.dep_ in ("npadvmod", "advmod") and x.i < after.i]
    return head, any(x.lemma_.lower() in _SOON for x in near)


#: Auxiliaries of the progressive, present or past ("is cutting", "were preparing").
_BE = frozenset({"is", "are", "am", "was", "were", "'s", "'re", "'m"})


def told_when_said(verb: Token, reporting: Iterable[str]) -> Token | None:
    """The reporting verb at whose time a complement's act is told: "announced [it was cutting
    ties]", '"We [support] Ghana," the minister said'. A complement in the present or the
    progressive is what holds when it is said; in the past, perfect or future it is not (it was
    done before, or is to come), and nothing is returned.

    >>> from blocwatch.coder.pipeline import load_pipeline
    >>> doc = load_pipeline()("In December, Nairobi announced it was cutting ties with Somalia.")
    >>> told_when_said(doc[7], {"announce"}).text
    'announced'
    """
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or head.lemma_.lower() not in set(reporting):
        return None
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ in ("VBZ", "VBP") and not aux:
        return head  # "we support"
    if verb.tag_ == "VBG" and aux and aux <= _BE:
        return head  # "it was cutting ties", not "has been cutting"
    return None


def later(text: str, anchor: When) -> When | None:
    """A date given from the time the story has reached ("two days later", "the next day", "days
    later") against ``anchor``, the date of the last act told with a date of its own; ``None`` if
    ``text`` is no such expression, or says too little for the anchor's precision.

    After a day or a week: a number of days or hours gives the day after it (a week after a week),
    "days later" the week three days on, a number of weeks that week, a number of months that
    month. After a month: hours and days stay in that month, a number of months gives a month.
    Nothing for "weeks" or "months" with no number. (The parser tags "hours later" and "the next
    morning" as times, not dates: the coder does not pass them here.) After any of them, a number
    of years ("the following year", "two years later") gives a year, and "that year" or "later that
    year" the anchor's own year.

    >>> tuesday = When(date(2024, 7, 2), "day", "on Tuesday")
    >>> later("Two days later", tuesday).date, later("the next day", tuesday).precision
    (datetime.date(2024, 7, 4), 'day')
    >>> later("Just days later", When(date(2024, 6, 1), "month", "last month"))
    When(date=datetime.date(2024, 6, 1), precision='month', text='Just days later')
    >>> later("the following year", When(date(2022, 2, 1), "month", "in February 2022"))
    When(date=datetime.date(2023, 1, 1), precision='year', text='the following year')
    """
    t = re.sub(r"\s+", " ", text.lower()).strip()
    t = re.sub(r"^(?:just|only|some|barely) ", "", t)
    if m := re.fullmatch(r"(?:the )?(?:next|following) year|(?:(\d+|[a-z]+) )?(years?) later", t):
        if m[2] is None:  # "the following year"
            n = 1
        elif m[1] is None:  # "years later" says not how many
            n = None if m[2] == "years" else 1
        else:
            n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1])
        return When(date(anchor.date.year + n, 1, 1), "year", text) if n else None
    if re.fullmatch(r"(?:(?:later|earlier) )?that (?:same )?year|the same year", t):
        return When(date(anchor.date.year, 1, 1), "year", text)
    if re.fullmatch(r"(?:the )?(?:next|following) (?:day|morning|evening|night)|(?:a|one) day later|the day after", t):
        unit, n = "day", 1
    elif m := re.fullmatch(r"(?:the )?(?:next|following) (week|month)", t):
        unit, n = m[1], 1
    elif m := re.fullmatch(r"(?:(\d+|[a-z]+|a few) )?(hour|day|week|month)s? later", t):
        unit = m[2]
        if m[1] is None or m[1] in ("several", "a few", "few"):
            n = None
        elif m[1].isdigit():
            n = int(m[1])
        elif m[1] in _NUMBERS and _NUMBERS[m[1]] is not None:
            n = _NUMBERS[m[1]]
        else:
            return None
    else:
        return None
    if anchor.precision in ("day", "week"):
        if unit in ("hour", "day"):
            if n is None:
                return When(_monday(anchor.date + timedelta(days=3)), "week", text)
            step = anchor.date + timedelta(days=n if unit == "day" else 0)
            return When(step, "day", text) if anchor.precision == "day" else When(_monday(step), "week", text)
        if unit == "week":
            return When(_monday(anchor.date + timedelta(weeks=n)), "week", text) if n else None
        return When(_month_after(anchor.date, n), "month", text) if n else None
    if anchor.precision == "month":
        if unit in ("hour", "day"):
            return When(anchor.date, "month", text)
        if unit == "month" and n:
            return When(_month_after(anchor.date, n), "month", text)
    return None


def earlier(text: str, anchor: When) -> When | None:
    """A date given back from the time the story has reached ("the day before", "two days
    earlier", "a year earlier", "earlier that day") against ``anchor``, as :func:`later` counts
    forward; ``None`` if ``text`` is no such expression, or says too little for the anchor's
    precision.

    After a day, a number of days gives a day, of weeks a week, of months a month; after a week,
    weeks give a week; after a month, months give a month. After any, years give a year.
    "Earlier that day" is the anchor's day, "earlier that month" its month.

    >>> monday = When(date(2024, 6, 17), "day", "on Monday")
    >>> earlier("the day before", monday).date, earlier("Two days earlier", monday).precision
    (datetime.date(2024, 6, 16), 'day')
    >>> earlier("a year earlier", monday)
    When(date=datetime.date(2023, 1, 1), precision='year', text='a year earlier')
    """
    t = re.sub(r"\s+", " ", text.lower()).strip()
    t = re.sub(r"^(?:just|only|some|barely) ", "", t)
    if m := re.fullmatch(r"earlier that (?:same )?(day|week|month)", t):
        order = ("day", "week", "month")
        if anchor.precision not in order or order.index(anchor.precision) > order.index(m[1]):
            return None
        return When(_start_of(anchor.date, m[1]), m[1], text)
    if m := re.fullmatch(r"(?:the )?(?:previous|preceding) (day|week|month|year)|the (day|week|month|year) before", t):
        unit, n = m[1] or m[2], 1
    elif m := re.fullmatch(r"(\d+|[a-z]+) (day|week|month|year)s? earlier", t):
        unit = m[2]
        n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1])
        if n is None:
            return None
    else:
        return None
    if unit == "year":
        return When(date(anchor.date.year - n, 1, 1), "year", text)
    if unit == "month" and anchor.precision in ("day", "week", "month"):
        return When(_month_after(anchor.date, -n), "month", text)
    if anchor.precision == "day" and unit in ("day", "week"):
        step = anchor.date - timedelta(days=n if unit == "day" else 7 * n)
        return When(step, "day", text) if unit == "day" else When(_monday(step), "week", text)
    if anchor.precision == "week" and unit == "week":  # days before a week may fall in either of two
        return When(_monday(anchor.date - timedelta(days=7 * n)), "week", text)
    return None


def _start_of(day: date, unit: str) -> date:
    return {"day": day, "week": _monday(day), "month": day.replace(day=1)}[unit]


def _month_after(day: date, n: int) -> date:
    """The first day of the month ``n`` months after ``day``'s."""
    month = day.month - 1 + n
    return date(day.year + month // 12, month % 12 + 1, 1)


def reference(dated: Iterable[When | None], published: date, current: When | None = None) -> When | None:
    """The time a story has reached after the dated acts of a passage, read in order: the last
    date of a day or a week not after publication, else ``current``; an act dated by a month or a
    year ("last month, troops killed ...") takes the story into background, where it has no day.

    News tells a story in order and dates it once: "Militants attacked a train on Tuesday. [...]
    They took many hostages." The hostages were taken on Tuesday, not on the day of the report.
    An act told in the simple past (:func:`narrative`) with no date of its own takes this time, and
    keeps the words it came from as its ``text``. Only the dates of acts reported as fact move the
    story on, not every date a text mentions (nor an act dated only as before another one,
    :func:`followed_by`): a deadline, a plan ("will raise tariffs on April 2")
    or a name ("the Sept. 11 attacks") is no time the story has reached.

    >>> pub = date(2024, 7, 3)
    >>> reference([resolve("on Tuesday", pub), None], pub)
    When(date=datetime.date(2024, 7, 2), precision='day', text='on Tuesday')
    >>> reference([resolve("on Tuesday", pub), resolve("in 2019", pub)], pub) is None
    True
    >>> reference([resolve("next week", pub, future=True)], pub) is None
    True
    >>> reference([resolve("last month", pub)], pub, current=resolve("on Monday", pub)) is None
    True
    """
    for when in dated:
        if when is None or when.date > published or when.relative:
            continue
        current = when if when.precision in _CARRIED else None
    return current


def _year_for(month: int, day: int | None, published: date, future: bool) -> int:
    """The year of a month (and day) written without one: the latest not after publication,
    or the next not before it for future events."""
    year = published.year
    try:
        candidate = date(year, month, day or 1)
    except ValueError:
        candidate = date(year, month, 1)
    if future:
        if candidate < published - timedelta(days=7) and (day is not None or month < published.month):
            return year + 1
        return year
    if candidate > published + timedelta(days=7 if day is not None else 0) and (
        day is not None or month > published.month
    ):
        return year - 1
    return year


def _weekday(target: int, published: date, future: bool) -> date:
    delta = (published.weekday() - target) % 7
    if future:
        return published + timedelta(days=(target - published.weekday()) % 7)
    return published - timedelta(days=delta)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _last_week(published: date) -> date:
    """The Monday of "last week": on other days the week before this one; on a Sunday the working
    week that ended the day before (in the American calendar, a week runs from Sunday, so a
    Sunday's "last week" is the Monday to Saturday just past, not the one before).

    >>> _last_week(date(2025, 3, 9)), _last_week(date(2025, 3, 10))  # a Sunday, a Monday
    (datetime.date(2025, 3, 3), datetime.date(2025, 3, 3))
    """
    return _monday(published) if published.weekday() == 6 else _monday(published) - timedelta(days=7)


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _decade(century: int, decade: int, published: date, raw: str) -> When:
    """"The 1990s" and "the 1800s" (a century: the hundreds of a year before 2000): ten or a hundred
    years, no period of the coder's precisions. The act is dated by the period's last day, or the
    report's if that is earlier, as a bound of ``unknown`` precision: before it, not on it."""
    start = century * 100 + decade * 10
    last = start + (99 if decade == 0 and century < 20 else 9)
    return When(min(date(last, 12, 31), published), "unknown", raw)


def _season(name: str, which: str | None, year: int | None, published: date, future: bool, raw: str) -> When | None:
    """A season ("the summer of 2008", "last spring", "this fall"): the year it falls in, at the
    precision of a year; a winter, which runs into the next year, only bounds the date (``unknown``,
    its last day or the report's, whichever is earlier). Without a year: the latest such season
    begun by the report ("last" and "past": the latest ended before it; "next", or a plan: the first
    not yet ended)."""
    first, last = _SEASONS[name]
    if year is None:
        month = published.month
        if which == "next":
            year = published.year if month < first else published.year + 1
        elif future and which not in ("last", "past", "this past"):
            year = published.year if month <= (last if first <= last else 12) else published.year + 1
        elif which in ("last", "past", "this past"):
            year = published.year if first <= last and month > last else published.year - 1
        else:
            year = published.year if month >= first else published.year - 1
    if first <= last:
        return When(date(year, 1, 1), "year", raw)
    if future:
        return None
    end = date(year + 1, 3, 1) - timedelta(days=1)  # a winter ends with the next year's February
    return When(min(end, published), "unknown", raw)


def resolve(text: str, published: date, *, future: bool = False) -> When | None:
    """Resolve a date expression against the publication date; ``None`` if it is not one.

    Parameters
    ----------
    text : str
        The expression as written ("on 28 May", "last week", "in 2022").
    published : date
        The publication date of the document.
    future : bool
        Read ambiguous expressions forward ("on Friday" after publication), for events that
        are announced rather than reported.
    """
    raw = text
    words = re.sub(r"\s+", " ", text.lower().replace(",", " ").replace("mid-", "")).strip().split(" ")
    while words and words[0] in _PREFIXES:
        words = words[1:]
    t = re.sub(rf"^(?:{_TIME_OF_DAY}) of ", "", " ".join(words))  # "the night of March 3", "the early hours of Sunday"
    t = re.sub(r" (?:and|or|to)$", "", t)  # "the 1990s and" [2000s]: the parser ran the joining word in
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        d = _day(int(m[1]), int(m[2]), int(m[3]))
        return When(d, "day", raw) if d else None
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH})\.?(?: (\d{{4}}))?", t):
        day, month = int(m[1]), MONTHS[m[2]]
        year = int(m[3]) if m[3] else _year_for(month, day, published, future)
        d = _day(year, month, day)
        return When(d, "day", raw) if d else None
    if m := re.fullmatch(rf"({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}))?", t):
        month, day = MONTHS[m[1]], int(m[2])
        year = int(m[3]) if m[3] else _year_for(month, day, published, future)
        d = _day(year, month, day)
        return When(d, "day", raw) if d else None
    if m := re.fullmatch(rf"({_MONTH})\.?(?: (?:of )?(\d{{4}}))?", t):
        month = MONTHS[m[1]]
        year = int(m[2]) if m[2] else _year_for(month, None, published, future)
        return When(date(year, month, 1), "month", raw)
    if m := re.fullmatch(rf"(?:(last|this|next) ({_MONTH})|({_MONTH})\.? (?:of )?(last|this|next) year)", t):
        month = MONTHS[m[2] or m[3]]
        if m[4]:  # "March last year"
            year = published.year + {"last": -1, "this": 0, "next": 1}[m[4]]
        elif m[1] == "last":  # "last March": the latest March before this month
            year = published.year if month < published.month else published.year - 1
        elif m[1] == "next":
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year
        return When(date(year, month, 1), "month", raw)
    if m := re.fullmatch(r"(?:since |the year )?((?:19|20)\d{2})", t):
        return When(date(int(m[1]), 1, 1), "year", raw)
    if m := re.fullmatch(r"(1\d|20)(\d)0'?s", t):
        return None if future else _decade(int(m[1]), int(m[2]), published, raw)
    if m := re.fullmatch(rf"(?:(last|this|next|past|this past) )?({_SEASON})(?: (?:of )?(\d{{4}})(?:[-/]\d+)?)?", t):
        return _season(m[2], m[1], int(m[3]) if m[3] else None, published, future, raw)
    if m := re.fullmatch(rf"(?:this |last |next |this past )?({_WEEKDAY})(?: morning| afternoon| evening| night)?", t):
        target = WEEKDAYS[m[1]]
        if t.startswith("last "):
            d = _weekday(target, published - timedelta(days=1), False)
        elif t.startswith("next "):
            d = _weekday(target, published + timedelta(days=1), True)
        else:
            d = _weekday(target, published, future)
        return When(d, "day", raw)
    simple = {
        "today": (published, "day"),
        "tonight": (published, "day"),
        "yesterday": (published - timedelta(days=1), "day"),
        "tomorrow": (published + timedelta(days=1), "day"),
        "this week": (_monday(published), "week"),
        "last week": (_last_week(published), "week"),
        "next week": (_monday(published) + timedelta(days=7), "week"),
        "this month": (published.replace(day=1), "month"),
        "last month": ((published.replace(day=1) - timedelta(days=1)).replace(day=1), "month"),
        "next month": ((published.replace(day=28) + timedelta(days=4)).replace(day=1), "month"),
        "this year": (date(published.year, 1, 1), "year"),
        "last year": (date(published.year - 1, 1, 1), "year"),
        "next year": (date(published.year + 1, 1, 1), "year"),
    }
    if t in ("last night", "last evening"):
        return When(published - timedelta(days=1), "day", raw)
    t2 = re.sub(r" (morning|afternoon|evening|night)$", "", t)
    if t2 == "this":  # "this morning"
        return When(published, "day", raw)
    if t2 in simple:
        d, precision = simple[t2]
        return When(d, precision, raw)
    if m := re.fullmatch(r"(\w+) (day|week|month|year)s? ago", t):
        n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1])
        if n is None:
            return None
        unit = m[2]
        if unit == "day":
            return When(published - timedelta(days=n), "day", raw)
        if unit == "week":
            return When(_monday(published - timedelta(weeks=n)), "week", raw)
        if unit == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 - n, 12)
            return When(date(y, mo + 1, 1), "month", raw)
        return When(date(published.year - n, 1, 1), "year", raw)
    return None
