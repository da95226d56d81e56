"""Dates: an expression and a publication date give a date and a precision."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.coder.dates import When, earlier, later, resolve
from blocwatch.schema import REPORTED_MODES

PUB = date(2024, 7, 3)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        # days: a day and month take the latest year not after publication
        ("On 28 May", date(2024, 5, 28), "day"),
        ("on May 28", date(2024, 5, 28), "day"),
        ("28 December", date(2023, 12, 28), "day"),
        ("Sept. 13", date(2023, 9, 13), "day"),
        ("on 3 July 2023", date(2023, 7, 3), "day"),
        ("May 28, 2024", date(2024, 5, 28), "day"),
        ("2023-09-13", date(2023, 9, 13), "day"),
        # weekdays: the latest such day up to publication
        ("on Tuesday", date(2024, 7, 2), "day"),
        ("on Wednesday", date(2024, 7, 3), "day"),
        ("on Friday", date(2024, 6, 28), "day"),
        ("Tuesday night", date(2024, 7, 2), "day"),
        ("last Monday", date(2024, 7, 1), "day"),
        ("yesterday", date(2024, 7, 2), "day"),
        ("last night", date(2024, 7, 2), "day"),
        ("today", date(2024, 7, 3), "day"),
        ("two days ago", date(2024, 7, 1), "day"),
        # weeks start on Monday
        ("this week", date(2024, 7, 1), "week"),
        ("last week", date(2024, 6, 24), "week"),
        ("three weeks ago", date(2024, 6, 10), "week"),
        # months
        ("in late January", date(2024, 1, 1), "month"),
        ("in December", date(2023, 12, 1), "month"),
        ("mid-June", date(2024, 6, 1), "month"),
        ("earlier this month", date(2024, 7, 1), "month"),
        ("last month", date(2024, 6, 1), "month"),
        ("last March", date(2024, 3, 1), "month"),
        ("last December", date(2023, 12, 1), "month"),
        ("in March last year", date(2023, 3, 1), "month"),
        # years
        ("last year", date(2023, 1, 1), "year"),
        ("in 2022", date(2022, 1, 1), "year"),
        ("since 2018", date(2018, 1, 1), "year"),
        ("this year", date(2024, 1, 1), "year"),
    ],
)
def test_past_expressions(text: str, expected: date, precision: str) -> None:
    when = resolve(text, PUB)
    assert when is not None
    assert (when.date, when.precision) == (expected, precision)
    assert when.text == text


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("on Friday", date(2024, 7, 5), "day"),
        ("On 28 May", date(2025, 5, 28), "day"),
        ("in late January", date(2025, 1, 1), "month"),
        ("next month", date(2024, 8, 1), "month"),
        ("next week", date(2024, 7, 8), "week"),
        ("tomorrow", date(2024, 7, 4), "day"),
        ("next January", date(2025, 1, 1), "month"),
    ],
)
def test_future_expressions_read_forward(text: str, expected: date, precision: str) -> None:
    when = resolve(text, PUB, future=True)
    assert when is not None
    assert (when.date, when.precision) == (expected, precision)


def test_month_end_and_year_end_arithmetic() -> None:
    jan = date(2025, 1, 15)
    assert resolve("last month", jan).date == date(2024, 12, 1)
    assert resolve("last week", date(2025, 1, 2)).date == date(2024, 12, 23)
    assert resolve("next month", date(2024, 12, 31)).date == date(2025, 1, 1)
    assert resolve("on 29 February", date(2024, 3, 10)).date == date(2024, 2, 29)


@pytest.mark.parametrize(("published", "monday"), [
    (date(2025, 3, 9), date(2025, 3, 3)),   # a Sunday: the Monday-to-Saturday just past
    (date(2025, 3, 8), date(2025, 2, 24)),  # a Saturday: the week before this one
    (date(2025, 3, 10), date(2025, 3, 3)),  # a Monday
    (date(2024, 12, 29), date(2024, 12, 23)),  # a Sunday at the turn of the year
])
def test_last_week_on_a_sunday_is_the_week_just_ended(published: date, monday: date) -> None:
    when = resolve("last week", published)
    assert when is not None and (when.date, when.precision) == (monday, "week")


@pytest.mark.parametrize("text", ["recently", "soon", "the weekend", "last", "since the 1990s", "31 February", ""])
def test_not_a_date_or_too_vague(text: str) -> None:
    assert resolve(text, PUB) is None


@pytest.mark.parametrize(("text", "published", "expected", "precision"), [
    # a season is of a year; without one, the latest begun by the report ("last": ended before it)
    ("in the summer of 2011", PUB, date(2011, 1, 1), "year"),
    ("autumn 2006", PUB, date(2006, 1, 1), "year"),
    ("in spring 2019", PUB, date(2019, 1, 1), "year"),
    ("last spring", PUB, date(2024, 1, 1), "year"),  # March to May, ended before July
    ("last summer", PUB, date(2023, 1, 1), "year"),  # this one is not over in July
    ("last fall", date(2025, 2, 10), date(2024, 1, 1), "year"),
    ("this past autumn", date(2024, 12, 20), date(2024, 1, 1), "year"),
    ("in the spring", date(2025, 2, 10), date(2024, 1, 1), "year"),  # not begun yet in February
    ("in the spring", date(2025, 4, 10), date(2025, 1, 1), "year"),
    # a winter runs into the next year: its last day bounds the act
    ("in the winter of 2015-16", PUB, date(2016, 2, 29), "unknown"),
    ("winter 2009", PUB, date(2010, 2, 28), "unknown"),
    ("last winter", PUB, date(2024, 2, 29), "unknown"),
    ("last winter", date(2024, 1, 20), date(2024, 1, 20), "unknown"),  # never after the report
    # a decade or a century is no period the coder has: its last day (or the report's) bounds the act
    ("in the 1990s", PUB, date(1999, 12, 31), "unknown"),
    ("in the late 1970s", PUB, date(1979, 12, 31), "unknown"),
    ("the early 2000s", PUB, date(2009, 12, 31), "unknown"),
    ("in the 1800s", PUB, date(1899, 12, 31), "unknown"),  # the hundreds: a century
    ("in the 2020s", PUB, PUB, "unknown"),
    # a time of a day is of that day
    ("this morning", PUB, PUB, "day"),
    ("on the night of June 12", PUB, date(2024, 6, 12), "day"),
    ("in the early hours of Monday", PUB, date(2024, 7, 1), "day"),
    ("late Sunday night", PUB, date(2024, 6, 30), "day"),
])
def test_seasons_decades_and_times_of_day(text: str, published: date, expected: date, precision: str) -> None:
    when = resolve(text, published)
    assert when is not None
    assert (when.date, when.precision, when.text) == (expected, precision, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("next summer", date(2025, 1, 1)),
    ("in the autumn", date(2024, 1, 1)),  # the next not yet ended
    ("next spring", date(2025, 1, 1)),
])
def test_seasons_of_plans_read_forward(text: str, expected: date) -> None:
    when = resolve(text, PUB, future=True)
    assert when is not None and (when.date, when.precision) == (expected, "year")


@pytest.mark.parametrize("text", ["in the 2030s", "next winter"])
def test_plans_for_a_decade_or_a_winter_have_no_date(text: str) -> None:
    """A plan's date is when it is to be done: a decade or a winter to come gives no day to bound it by."""
    assert resolve(text, PUB, future=True) is None


@pytest.mark.parametrize(("text", "expected"), [
    # the day of a time of day: the parser hangs the day on "night", "morning" or "hours"
    ("Rebels shelled the airport on Friday night.", (date(2024, 6, 28), "day")),
    ("Rebels shelled the airport late Saturday night.", (date(2024, 6, 29), "day")),
    ("Rebels shelled the airport early Monday morning.", (date(2024, 7, 1), "day")),
    ("Rebels shelled the airport in the early hours of Sunday.", (date(2024, 6, 30), "day")),
    ("Rebels shelled the airport on the night of June 20.", (date(2024, 6, 20), "day")),
    ("Rebels shelled the airport this morning.", (PUB, "day")),
    # background a season or a decade dates is not news of the report's day
    ("Georgian troops clashed with separatists in the early 1990s.", (date(1999, 12, 31), "unknown")),
    ("Iraq invaded Kuwait in the summer of 1990.", (date(1990, 1, 1), "year")),
    # seasons the entity recogniser leaves out or cuts
    ("Rebels shelled the airport in the autumn.", (date(2023, 1, 1), "year")),
    ("Rebels shelled the airport in the winter of 2021.", (date(2022, 2, 28), "unknown")),
    # joined periods are bounded by the last; a time of day in another phrase still dates the act
    ("Greece and Turkey clashed over Cyprus in the 1960s and 1970s.", (date(1979, 12, 31), "unknown")),
    ("Rebels shelled the airport before dawn on Saturday.", (date(2024, 6, 29), "day")),
])
def test_events_dated_by_times_of_day_seasons_and_decades(coder, text: str, expected) -> None:
    events = [e for e in coder.code_text(text, PUB) if e.mode in REPORTED_MODES]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


def test_sentence_date_on_the_event(coder) -> None:
    """The event takes the date its own clause gives, relative to the publication date."""
    events = coder.code_text("On 28 May, North Korea fired ballistic missiles into the sea.", date(2024, 7, 15))
    assert {(e.date, e.date_precision, e.date_text) for e in events} == {(date(2024, 5, 28), "day", "28 May")}


@pytest.mark.parametrize(("text", "expected"), [
    # an act hours after (or shortly before) a dated one is of its day
    ("Militants seized the Jaffar Express hours after it left Quetta on Tuesday.", (date(2024, 7, 16), "day")),
    ("Israel struck Rafah shortly after the talks collapsed on Monday.", (date(2024, 7, 15), "day")),
    # weeks or "just days" after is not
    ("Russia attacked Kharkiv weeks after the offensive began in May.", (date(2024, 7, 17), "reported")),
    ("Russia attacked Kharkiv just days after the talks collapsed on Monday.", (date(2024, 7, 17), "reported")),
])
def test_an_act_hours_after_a_dated_one_is_of_its_day(coder, text: str, expected) -> None:
    events = [e for e in coder.code_text(text, date(2024, 7, 17)) if e.mode in REPORTED_MODES]  # a Wednesday
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


def test_undated_event_gets_the_publication_date_flagged_reported(coder) -> None:
    events = coder.code_text("North Korea fired ballistic missiles into the sea.", date(2024, 7, 15))
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(date(2024, 7, 15), "reported")}


def test_date_of_another_clause_is_not_borrowed(coder) -> None:
    """'last week' dates the threat, not the talks reported today."""
    text = "Japan and South Korea held talks on Wednesday about the missiles North Korea fired last week."
    events = [e for e in coder.code_text(text, PUB) if e.cameo.startswith("04")]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(date(2024, 7, 3), "day")}


def test_document_without_date_has_no_event_date(coder) -> None:
    events = coder.code_text("North Korea fired ballistic missiles into the sea on Tuesday.", None)
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(None, None)}


@pytest.mark.parametrize(("text", "precision"), [
    ("Iraq had invaded Kuwait before the talks.", "unknown"),  # past perfect, no date of its own
    ("The envoy said Syria had expelled three Turkish diplomats.", "unknown"),
    ("Turkey earlier accused Greece of provocations.", "unknown"),  # an adverb of anteriority
    ("Peru has recently expelled two Chilean diplomats.", "unknown"),  # "recently": before the report (twentieth
    ("Bolivia recently accused Chile of spying.", "unknown"),  # session)
    ("Azerbaijan has been shelling Armenian border villages.", "unknown"),  # an ongoing activity
    ("Iraq had invaded Kuwait in August 1990.", "month"),  # a date of its own wins
    ("Iraq invaded Kuwait.", "reported"),  # news of the day
    ("A Turkish court later sentenced the Greek journalist.", "unknown"),  # a later step of a past story
    ("The Kenyan activist was subsequently arrested by police.", "unknown"),
    ("Georgia, which Russia invaded, remains divided.", "unknown"),  # what the noun underwent
    ("The Chilean consul, who was expelled by Peru, flew home.", "unknown"),  # (twenty-second session)
    ("The activists that Egyptian police arrested remain in custody.", "unknown"),  # the past tagged a participle
])
def test_background_without_a_date_is_not_news_of_the_publication_day(coder, text: str, precision: str) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES]
    assert events and {e.date_precision for e in events} == {precision}
    assert all(e.date <= date(2024, 6, 20) for e in events)  # the publication day is an upper bound


@pytest.mark.parametrize("text", [
    "The Iranian foreign minister will later travel to Moscow.",  # a step still to come
    "Later in the day, Ukraine shot down a Russian helicopter.",  # a time of the day told
])
def test_a_later_act_to_come_or_of_the_day_is_not_background(coder, text: str) -> None:
    """No bound of the publication day on these: the day's news, or the future."""
    events = coder.code_text(text, date(2024, 6, 20))
    assert events and "unknown" not in {e.date_precision for e in events}


def test_coordinated_acts_share_the_date_of_the_first(coder) -> None:
    events = [e for e in coder.code_text("Russia expelled two Estonian diplomats on Monday and closed the "
                                         "Estonian consulate.", date(2024, 6, 20)) if e.mode in REPORTED_MODES]
    assert len(events) == 2 and {(e.date.isoformat(), e.date_precision) for e in events} == {("2024-06-17", "day")}


@pytest.mark.parametrize(("text", "expected"), [
    # an act a participle adds to its verb happened when the verb's did
    ("In April, Israeli jets struck a village in Lebanon, killing five Lebanese soldiers.", {("2024-04-01", "month")}),
    ("On Monday, Azerbaijani troops shelled Armenian positions, wounding two soldiers.", {("2024-06-17", "day")}),
    # an adverbial date the parser hangs on a noun of the verb's phrase
    ("Greek ministers met their Turkish counterparts for the first time last week in Ankara.",
     {("2024-06-10", "week")}),
    # the act by which another was done happened when it did (nineteenth session)
    ("Chile angered Bolivia last week by closing its border crossings.", {("2024-06-10", "week")}),
    ("On Monday, Ecuador retaliated by expelling two Colombian diplomats.", {("2024-06-17", "day")}),
])
def test_a_date_of_the_verbs_phrase_or_clause_dates_the_act(coder, text: str, expected: set) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES]
    assert len(events) >= 1 and {(e.date.isoformat(), e.date_precision) for e in events} == expected


@pytest.mark.parametrize(("text", "root"), [
    ("On Monday, Russian troops shelled Kharkiv after seizing two Ukrainian villages.", "19"),
    ("On Monday, the Indian minister met Chinese officials before visiting Nepal.", "04"),
])
def test_a_participle_with_a_time_word_of_its_own_keeps_apart(coder, text: str, root: str) -> None:
    """'after'/'before' put the participle's act at a time of its own: it does not take the verb's
    Monday as its day (the verb itself keeps it). What was done before Monday is bounded by it
    (``unknown``, eighteenth session); what was done after it has the report's day."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES]
    dated = {e.cameo[:2]: (e.date.isoformat(), e.date_precision) for e in events
             if e.date_text == "Monday" and e.date_precision == "day"}
    apart = [e for e in events if e.date_precision != "day"]
    assert dated == {root: ("2024-06-17", "day")}
    assert apart and {e.date_precision for e in apart} == {"unknown" if "after" in text else "reported"}


def test_a_month_name_is_a_date_not_an_event(coder) -> None:
    """'March' and 'May' in a date are not the event noun 'march' (demonstrate): the date dates the visit."""
    events = coder.code_text("On March 24, the Kenyan interior minister visited Somalia.", date(2024, 6, 20))
    assert {(e.cameo[:2], e.date.isoformat(), e.date_precision) for e in events} == {("04", "2024-03-24", "day")}


@pytest.mark.parametrize(("text", "root"), [
    # the date of an event noun inside an argument is the noun's, not the verb's
    ("Ukraine accused Russia of an attack on the power plant last week.", "11"),
    # a past participle tells of an earlier act: it does not take the verb's Monday
    ("Expelled by Russia, two Estonian diplomats met the Latvian foreign minister on Monday.", "17"),
])
def test_a_date_that_is_not_the_verbs_stays_apart(coder, text: str, root: str) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.cameo[:2] == root]
    assert events and {e.date_precision for e in events} == {"reported"}


def test_a_place_after_the_participle_is_no_time_word(coder) -> None:
    events = [e for e in coder.code_text("On Monday, Azerbaijani troops shelled Armenian positions, wounding two "
                                         "Armenian soldiers on the border.", date(2024, 6, 20))
              if e.mode in REPORTED_MODES]
    assert {(e.cameo[:2], e.date.isoformat()) for e in events} == {("19", "2024-06-17"), ("18", "2024-06-17")}


@pytest.mark.parametrize(("text", "expected"), [
    # a bare weekday after the object (wire style) is the verb's date, though the parser may hang it
    # on the object (it does on the first)
    ("Militants attacked a crowded cross-country passenger train Tuesday in the south.", date(2024, 6, 18)),
    ("Police detained two journalists Monday in Minsk.", date(2024, 6, 17)),
])
def test_a_bare_weekday_after_the_object_dates_the_event(coder, text: str, expected: date) -> None:
    """Sentences of our own; published on Thursday 20 June 2024."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(expected, "day")}


def test_a_weekday_after_a_noun_made_from_a_verb_is_that_noun_s(coder) -> None:
    """ "condemned the killing Sunday of its ambassador": Sunday is when the killing was."""
    events = [e for e in coder.code_text("Russia condemned the killing Sunday of its ambassador in Ankara.",
                                         date(2024, 6, 20)) if e.cameo.startswith("11")]
    assert events
    assert all(e.date != date(2024, 6, 16) for e in events)


# -- the story's time: an undated act told in the simple past, after a dated one --------------------


def test_an_undated_act_told_after_a_dated_one_takes_its_day(coder) -> None:
    """Sentences of our own; published on Thursday 20 June 2024. The second act has no date of its
    own: the story is still on Tuesday, not on the day of the report."""
    text = "Rebels attacked a Malian army base on Tuesday. Malian police arrested ten rebels."
    events = {e.cameo[:2]: e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES}
    assert (events["17"].date, events["17"].date_precision, events["17"].date_text) == \
        (date(2024, 6, 18), "day", "Tuesday")


@pytest.mark.parametrize(("text", "root", "expected"), [
    # words after words: the same occasion
    ("Mali criticized Algeria on Tuesday. Mali also accused Morocco of meddling.", "112",
     (date(2024, 6, 18), "day")),
    # words told at once after a material act: its day
    ("Rebels attacked a Malian army base on Tuesday. The rebels quickly claimed responsibility for the attack.",
     "015", (date(2024, 6, 18), "day")),
    # other words after a material act's day, in a report days later, are a reaction of their own time
    # between the two (eighteenth session); in a report the next day, of the act's day
    ("Rebels attacked a Malian army base on Tuesday. Mali accused Algeria of arming the rebels.", "112",
     (date(2024, 6, 20), "reported")),
    ("Rebels attacked a Malian army base on Wednesday. Mali accused Algeria of arming the rebels.", "112",
     (date(2024, 6, 19), "day")),
    # "quickly" in a relative clause is at once after what its noun names, not after the attack
    ("Rebels attacked a Malian army base on Tuesday. Mali blamed Algeria, a charge Algeria swiftly denied.",
     "016", (date(2024, 6, 20), "reported")),
])
def test_words_take_the_story_s_day_only_after_words_or_at_once(coder, text: str, root: str,
                                                                expected: tuple) -> None:
    """Sentences of our own; published on Thursday 20 June 2024."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.sentence == 1 and e.cameo == root]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize("second", [
    "Malian police have arrested ten rebels.",  # the present perfect reports the report's time
    "Malian police arrest ten rebels, officials say.",  # so does the present
    "In 2013, Malian police arrested ten rebels, a report says.",  # a sentence with a date of its own
    "In 2013, when rebels seized power, Malian police arrested ten rebels.",  # ... for all its acts
    "Malian police later arrested ten rebels.",  # a later step, on no day the text gives
])
def test_the_story_s_day_goes_only_to_the_simple_past(coder, second: str) -> None:
    text = "Rebels attacked a Malian army base on Tuesday. " + second
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.sentence == 1]
    assert any(e.cameo[:2] == "17" for e in events)
    assert all(e.date != date(2024, 6, 18) for e in events)


@pytest.mark.parametrize("first", [
    "Mali said it would expel the French ambassador on Friday.",  # a plan is no time reached
    "Rebels attacked a Malian army base in May.",  # a month dates background, not the story's day
    # an act dated by a month after the story's day takes the story into background
    "Rebels attacked a Malian army base on Tuesday. Last month, rebels killed five Malian soldiers.",
    # a day that dates what someone believes is no time the story has reached
    "Officials believe rebels attacked a Malian army base on Tuesday.",
])
def test_only_a_reported_act_s_day_or_week_moves_the_story(coder, first: str) -> None:
    text = first + " Malian police arrested ten rebels."
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.cameo[:2] == "17"]
    assert events and {e.date_precision for e in events} == {"reported"}


# -- dates the act's own clause gives in other places than on its verb -----------------------------


@pytest.mark.parametrize(("text", "root", "expected"), [
    # a "when" clause on a date is of that date
    ("Mali fell into chaos in 2012, when rebels seized the north.", "19", (date(2012, 1, 1), "year")),
    ("Ties collapsed in March 2019, when Ghana expelled the Togolese ambassador.", "16", (date(2019, 3, 1), "month")),
    # a date on the occasion at which the act was done
    ("The Chinese spokesman criticized Japan in a Jan. 23 press briefing.", "11", (date(2024, 1, 23), "day")),
    ("The Kenyan minister praised Uganda during the summit on May 8.", "05", (date(2024, 5, 8), "day")),
    # sentences of our own (twentieth session): a date on a text the act is done in, on the text's
    # noun, in its "on" phrase or its "dated" participle; a date after the occasion's noun
    ("In a May 28 statement, the Ghanaian foreign ministry condemned Togo.", "11", (date(2024, 5, 28), "day")),
    ("Peru protested to Chile in a letter dated March 4.", "11", (date(2024, 3, 4), "day")),
    ("In a letter sent on March 4, Peru protested to Chile.", "11", (date(2024, 3, 4), "day")),
    ("The Thai foreign ministry criticized Cambodia in a statement on Tuesday.", "11", (date(2024, 6, 18), "day")),
    ("During a visit to Accra last month, the Nigerian president criticized Togo.", "11", (date(2024, 5, 1), "month")),
    # what a speaker says holds, in the present or the progressive, holds when it is said
    ("In May, Kenya announced it was cutting ties with Somalia.", "16", (date(2024, 5, 1), "month")),
    ('"We support Ghana in this dispute," the Nigerian foreign minister said on Monday.', "05",
     (date(2024, 6, 17), "day")),
])
def test_a_date_of_the_act_s_own_clause_dates_it(coder, text: str, root: str, expected: tuple) -> None:
    """Sentences of our own; published on Thursday 20 June 2024."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.cameo.startswith(root)]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize(("text", "root"), [
    # a "when" clause on no date, and a date on what is no occasion, leave the act undated
    ("Ghana expelled the Togolese ambassador when the talks failed.", "16"),
    ("The Chinese spokesman criticized Japan over a Jan. 23 missile test.", "11"),
    # nor an occasion the act is about, or after, or the occasion of something else (review, 2026-12-06)
    ("Kenya criticized Uganda over a May 5 vote.", "11"),
    ("Uganda criticized Kenya in response to the Jan. 23 speech.", "11"),
    ("Kenya praised Uganda for its victory in the May 9 election.", "05"),
    # a text dates what is done in it, not what is said on it or about it (twentieth session)
    ("Chile criticized Peru over the May 28 statement.", "11"),
    ("Chile criticized Peru for comments on the May 28 report.", "11"),
    # a complement in the past or perfect was done before it was said, on a day the text does not give
    ("On Monday, Kenya said it has cut ties with Somalia.", "16"),
])
def test_dates_not_of_the_act_leave_it_undated(coder, text: str, root: str) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.cameo.startswith(root)]
    assert events
    assert {e.date_precision for e in events} <= {"reported", "unknown"}


@pytest.mark.parametrize(("text", "expected"), [
    # "two days later", "the next day": from the last act told with a date of its own
    ("Rebels attacked a Malian army base on Monday. Two days later, Malian troops shelled a rebel camp.",
     (date(2024, 6, 19), "day")),
    ("Rebels attacked a Malian army base on Monday. The next day, Malian troops shelled a rebel camp.",
     (date(2024, 6, 18), "day")),
    # after a month, days later are in that month
    ("Last month, rebels ambushed a Malian convoy. Days later, Malian troops shelled a rebel camp.",
     (date(2024, 5, 1), "month")),
    # an act told as happening meanwhile ("while") shares its head's date
    ("On Monday, rebels ambushed a Malian convoy, while Malian troops shelled a rebel camp.",
     (date(2024, 6, 17), "day")),
])
def test_a_later_step_is_dated_from_the_act_told_before(coder, text: str, expected: tuple) -> None:
    """Sentences of our own; published on Thursday 20 June 2024."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20))
              if e.cameo.startswith("19") and e.source.code == "MLIMIL"]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize("text", [
    # after a year, or a step that would fall after the report's day, no day
    "Rebels attacked a Malian army base in 2019. Days later, Malian troops shelled a rebel camp.",
    "Rebels attacked a Malian army base on Wednesday. Five days later, Malian troops shelled a rebel camp.",
    # the last act told is of a year: an earlier day is no longer the story's (review, 2026-12-06)
    "Mali expelled a French envoy on June 3. In 2012, rebels attacked a Malian base. Days later, Malian "
    "troops shelled a rebel camp.",
    # a "while" clause in the past perfect is before its head
    "Rebels ambushed a Malian convoy on Monday, while Malian troops had shelled a rebel camp.",
])
def test_a_later_step_the_text_cannot_date_stays_undated(coder, text: str) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20))
              if e.cameo.startswith("19") and e.source.code == "MLIMIL"]
    assert events
    assert {e.date_precision for e in events} <= {"reported", "unknown"}


@pytest.mark.parametrize(("text", "expected"), [
    # years after a year, a month or a day told before: in the previous sentence or in this one
    ("Rebels attacked a Malian army base in 2019. Two years later, Malian troops shelled a rebel camp.",
     (date(2021, 1, 1), "year")),
    ("Rebels attacked a Malian army base in March 2019, and Malian troops shelled a rebel camp the following "
     "year.", (date(2020, 1, 1), "year")),
    ("Rebels attacked a Malian army base on May 3, 2021. Later that year, Malian troops shelled a rebel camp.",
     (date(2021, 1, 1), "year")),
    # "the next year" in a story of the past is the year after the story's, not after the report's
    ("Rebels attacked a Malian army base in 2019. The next year, Malian troops shelled a rebel camp.",
     (date(2020, 1, 1), "year")),
])
def test_a_later_year_is_counted_from_the_date_told_before(coder, text: str, expected: tuple) -> None:
    """Sentences of our own; published on Thursday 20 June 2024."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20))
              if e.cameo.startswith("19") and e.source.code == "MLIMIL"]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


def test_the_next_year_of_a_past_act_is_never_after_the_report(coder) -> None:
    """With no date before it to count from, "the next year" of an act told in the past gives no
    date, not the year after publication (a sentence of our own)."""
    events = [e for e in coder.code_text("The next year, Malian troops shelled a rebel camp.", date(2024, 6, 20))
              if e.cameo.startswith("19")]
    assert events
    assert all(e.date <= date(2024, 6, 20) for e in events)


@pytest.mark.parametrize(("text", "expected"), [
    ("the following year", date(2023, 1, 1)),
    ("a year later", date(2023, 1, 1)),
    ("three years later", date(2025, 1, 1)),
    ("later that year", date(2022, 1, 1)),
    ("years later", None),  # how many is not said
    ("several years later", None),
])
def test_later_counts_years_from_its_anchor(text: str, expected: date | None) -> None:
    when = later(text, When(date(2022, 2, 1), "month", "in February 2022"))
    assert (when.date if when else None) == expected
    assert when is None or when.precision == "year"


@pytest.mark.parametrize(("text", "expected"), [
    # counted back from the act told last, or from the sentence's date before
    ("Malian troops shelled a rebel camp on Monday. The day before, rebels had attacked a Malian army base.",
     (date(2024, 6, 16), "day")),
    ("Malian troops shelled a rebel camp in May. Two months earlier, rebels attacked a Malian army base.",
     (date(2024, 3, 1), "month")),
    ("Malian troops shelled a rebel camp in 2019. A year earlier, rebels attacked a Malian army base.",
     (date(2018, 1, 1), "year")),
    ("Malian troops shelled a rebel camp on Monday, and rebels attacked a Malian army base the day before.",
     (date(2024, 6, 16), "day")),
])
def test_an_earlier_step_is_counted_back_from_the_date_told_before(coder, text: str, expected: tuple) -> None:
    """Sentences of our own; published on Thursday 20 June 2024."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20))
              if e.cameo.startswith("19") and e.source.code.endswith("REB")]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("the day before", When(date(2024, 6, 17), "day", "on Monday"), (date(2024, 6, 16), "day")),
    ("two weeks earlier", When(date(2024, 6, 17), "week", "this week"), (date(2024, 6, 3), "week")),
    ("earlier that month", When(date(2024, 6, 17), "day", "on Monday"), (date(2024, 6, 1), "month")),
    # too little said for the anchor's precision
    ("the day before", When(date(2024, 6, 17), "week", "this week"), None),
    ("two days earlier", When(date(2024, 6, 1), "month", "in June"), None),
    ("earlier that day", When(date(2024, 6, 1), "month", "in June"), None),
    ("days earlier", When(date(2024, 6, 17), "day", "on Monday"), None),
])
def test_earlier_counts_back_as_far_as_its_anchor_allows(text: str, anchor: When, expected: tuple | None) -> None:
    when = earlier(text, anchor)
    assert ((when.date, when.precision) if when else None) == expected


@pytest.mark.parametrize("text", [
    "Since Russia invaded Ukraine, grain prices have soared.",
    "Grain prices have soared since Hamas attacked Israel.",
])
def test_an_act_that_begins_a_lasting_time_is_background(coder, text: str) -> None:
    """An undated act in a "since" clause begins a time told of as lasting: before the report, on
    a day the text does not give (sentences of our own)."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.cameo.startswith("19")]
    assert events
    assert {e.date_precision for e in events} == {"unknown"}


def test_a_date_the_parser_ran_into_the_next_phrase_still_dates_the_act(coder) -> None:
    """spaCy reads "on Monday, days before the anniversary" as one DATE entity, "Monday, days",
    which resolves to nothing; split at the comma, "Monday" dates the visit. "March 3, 2024" stays
    whole (sentences of our own; published on Thursday 20 June 2024)."""
    text = "The French president made an unannounced visit to Kyiv on Monday, days before the anniversary."
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.cameo == "042"]
    assert [(e.date, e.date_precision) for e in events] == [(date(2024, 6, 17), "day")]
    text = "Israeli jets struck Gaza on March 3, 2024, killing 20 people."
    assert {(e.date, e.date_precision) for e in coder.code_text(text, date(2024, 6, 20))
            if e.cameo.startswith("19")} == {(date(2024, 3, 3), "day")}


# -- an act an "after" clause puts before another ---------------------------------------------------


@pytest.mark.parametrize(("text", "root", "expected"), [
    # before the act it precedes: bounded by that act's day, not the report's (which is after it)
    ("Ghana expelled two Togolese diplomats on Monday, days after Togo expelled Ghanaian envoys.", "16",
     (date(2024, 6, 17), "unknown")),
    ("Malian troops shelled a rebel camp on Tuesday after rebels ambushed a Malian convoy.", "19",
     (date(2024, 6, 18), "unknown")),
    ("Kenya freed the Ugandan journalist on Monday after Uganda protested to Kenya.", "11",
     (date(2024, 6, 17), "unknown")),
    # by a month: by its last day
    ("Ghana recalled its ambassador to Togo in May after Togo expelled Ghanaian envoys.", "16",
     (date(2024, 5, 31), "unknown")),
    # within hours: on that day
    ("Ghana expelled two Togolese diplomats on Monday, hours after Togo expelled Ghanaian envoys.", "16",
     (date(2024, 6, 17), "day")),
])
def test_an_act_an_after_clause_puts_before_another_is_bounded_by_it(coder, text: str, root: str,
                                                                     expected: tuple) -> None:
    """Sentences of our own; published on Thursday 20 June 2024. The clause's act has no date of its
    own; it happened before the act the sentence dates."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20))
              if e.cameo.startswith(root) and e.mode in REPORTED_MODES]
    events = [e for e in events if e.evidence_start > text.index("after")]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize("text", [
    # an "after" clause with a date of its own keeps it
    "Ghana expelled two Togolese diplomats on Monday after Togo expelled Ghanaian envoys in March.",
])
def test_an_after_clause_s_own_date_stays(coder, text: str) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.source.country == "TGO"]
    assert [(e.date, e.date_precision) for e in events] == [(date(2024, 3, 1), "month")]


def test_an_act_before_one_still_to_come_is_of_the_report(coder) -> None:
    """ "will recall its envoy next week after Togo expelled ...": the expulsion was done before the
    report, not before next week (review, eighteenth session)."""
    text = "Ghana will recall its ambassador next week after Togo expelled two Ghanaian diplomats."
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.source.country == "TGO"]
    assert [(e.mode, e.date, e.date_precision) for e in events] == [("factual", date(2024, 6, 20), "reported")]


def test_an_act_dated_only_as_before_another_does_not_move_the_story(coder) -> None:
    """The undated act of the next sentence, told in the simple past, is still of Monday's story:
    the "after" clause's act is not where the story has got to."""
    text = ("Ghana expelled two Togolese diplomats on Monday after Togo accused Ghana of spying. "
            "Ghana also closed its border with Togo.")
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.sentence == 1]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(date(2024, 6, 17), "day")}


@pytest.mark.parametrize(("text", "root"), [
    # sentences of our own (nineteenth session): the second act has no date of its own; told in a
    # participle or a "by" clause of a verb in the simple past, it is a step of the story, at its time
    ("Chadian troops attacked a rebel base in the north on Tuesday. The rebels retaliated by shelling a Chadian "
     "border post.", "19"),
    ("Armenian forces shelled Azerbaijani positions on Tuesday. Azerbaijan retaliated, expelling two Armenian "
     "diplomats.", "16"),
])
def test_a_participle_or_means_clause_is_told_at_the_storys_time(coder, text: str, root: str) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES and e.cameo[:2] == root
              and e.evidence_start > text.index(".")]
    assert events and {(e.date.isoformat(), e.date_precision) for e in events} == {("2024-06-18", "day")}


@pytest.mark.parametrize(("text", "expected"), [
    # sentences of our own (nineteenth session): an act a dated saying tells of was done by then;
    # told in the simple past, it is a step of the story at the saying's time
    ("On Monday, Georgian police said they arrested 20 protesters in Tbilisi.", ("2024-06-17", "day")),
    ("This week, Malian army sources said rebels attacked ten villages near the border.", ("2024-06-17", "week")),
    # in the past perfect or the perfect, it is bounded by the saying's day
    ("Kenyan police said on Friday that they had arrested five Somali suspects.", ("2024-06-14", "unknown")),
    ("Ukraine said on Tuesday that its forces have captured two Russian soldiers.", ("2024-06-18", "unknown")),
])
def test_an_act_a_dated_saying_tells_of_was_done_by_then(coder, text: str, expected: tuple) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES and e.cameo[:2] != "01"]
    assert events and {(e.date.isoformat(), e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    # sentences of our own (nineteenth session): a demand or a refusal is told in the tense of its
    # verb of saying, which places it at the story's time as any act told in the simple past
    ("On Jan. 14, Malawi's High Court ordered all schools to admit the children. The court also ordered the "
     "school to give the girl extra classes.", ("10", "2024-01-14", "day")),
    ("On Monday, Chile and Peru signed a fisheries pact in Lima. Bolivia refused to join the pact.",
     ("12", "2024-06-17", "day")),
])
def test_a_demand_or_refusal_told_in_the_past_is_at_the_storys_time(coder, text: str, expected: tuple) -> None:
    second = text.index(". ") + 2
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES
              and e.evidence_start >= second]
    assert events and {(e.cameo[:2], e.date.isoformat(), e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    # sentences of our own (twentieth session): a readiness or an inclination stated in a dated
    # saying is a statement of intent made when it was said
    ("The Kenyan president said on Monday that he was ready to help Somalia.", ("2024-06-17", "day")),
    ("Last month, the Chilean president said that Chile was willing to support Peru.", ("2024-05-01", "month")),
])
def test_an_intent_stated_in_a_dated_saying_is_of_its_date(coder, text: str, expected: tuple) -> None:
    events = [e for e in coder.code_text(text, date(2024, 6, 20)) if e.mode in REPORTED_MODES and e.cameo[:2] == "03"]
    assert events and {(e.date.isoformat(), e.date_precision) for e in events} == {expected}


@pytest.mark.parametrize(("text", "act", "expected"), [
    # after a time long before the report: some time since, background of unknown date
    ("Russia annexed Crimea from Ukraine after the revolution in 2014.", ("RUS", "19"), "unknown"),
    ("Armenia closed its border with Turkey following the 1993 war.", ("ARM", "17"), "unknown"),
    ("Ghana expelled two Togolese diplomats after Togo accused Ghana of spying in March 2023.", ("GHA", "16"),
     "unknown"),
    ("Turkey condemned Israel shortly after the October 7 attack.", ("TUR", "11"), "unknown"),  # 2023
    # after a time of the report's week: news of the report's days
    ("Japan protested to China after the collision on Tuesday.", ("JPN", "11"), "reported"),
    # a helper's review (twenty-fifth session): a date inside what the event followed is about, a
    # step of a party's own story, a saying, a "following" that is no time: news of the report's days
    ("Russia jailed the blogger after he mocked the 2022 invasion.", ("RUS", "17"), "reported"),
    ("Russia released the Estonian journalist after his arrest in 2023.", ("RUS", "08"), "reported"),
    ("Tunisia deported migrants to Libya following an agreement signed with Italy in 2023.", ("TUN", "17"),
     "reported"),
])
def test_an_act_after_a_time_long_before_the_report_is_not_its_news(coder, text, act, expected) -> None:
    """Sentences of our own, published on Thursday 20 June 2024; the act has no date of its own
    (twenty-fifth session)."""
    events = [e for e in coder.code_text(text, date(2024, 6, 20))
              if (e.source.country, e.cameo[:2]) == act and e.mode in REPORTED_MODES]
    assert events
    assert {e.date_precision for e in events} == {expected}
