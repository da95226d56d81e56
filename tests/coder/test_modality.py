"""Mode: negated, hypothetical, future and claimed events are marked and never come out factual."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.schema import REPORTED_MODES

DAY = date(2024, 6, 20)


def coded(coder, text: str) -> list[tuple[str, str | None, str, str]]:
    return [(e.source.code, e.target.code if e.target else None, e.cameo, e.mode)
            for e in coder.code_text(text, DAY)]


def modes_of_root(coder, text: str, root: str) -> set[str]:
    """Modes of the events of one CAMEO root (the event the sentence is about)."""
    return {mode for _, _, cameo, mode in coded(coder, text) if cameo.startswith(root)}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Russia did not attack Ukraine.", "19"),
        ("Moscow refrained from attacking the convoy.", "19"),
        ("Russia didn't attack Ukraine.", "19"),
        ("North Korea has never tested a nuclear weapon.", "15"),
        ("China has not sent weapons to Russia.", "07"),
        ("Neither Japan nor South Korea imposed sanctions on Russia.", "16"),
    ],
)
def test_negated(coder, text: str, root: str) -> None:
    assert modes_of_root(coder, text, root) == {"negated"}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("China could impose sanctions on Japan.", "16"),
        ("Japan might send troops to the region.", "0"),
        ("If North Korea attacks South Korea, the United States would defend its ally.", "19"),
        ("North Korea may test another missile.", "15"),
        ("Russia should withdraw its troops from Ukraine, analysts said.", "08"),
        ("Seoul warned Beijing against shipping arms to Pyongyang.", "07"),
        ("The senators called for imposing sanctions on Iran.", "16"),
    ],
)
def test_hypothetical(coder, text: str, root: str) -> None:
    assert modes_of_root(coder, text, root) == {"hypothetical"}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Putin will visit Pyongyang next month.", "04"),
        ("North Korea plans to launch a satellite.", "15"),
        ("Russia vowed to retaliate against Ukraine.", "19"),
        ("South Korea is expected to hold drills with the United States.", "06"),
        ("The two governments agreed to resume talks.", "04"),
    ],
)
def test_future(coder, text: str, root: str) -> None:
    assert modes_of_root(coder, text, root) == {"future"}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("South Korea accused North Korea of sending drones.", "07"),
        ("Officials said Russia reportedly sent troops to Syria.", "07"),
        ("China denied sending weapons to Russia.", "07"),
    ],
)
def test_claimed(coder, text: str, root: str) -> None:
    assert modes_of_root(coder, text, root) == {"claimed"}


def test_statements_about_future_events_are_coded_as_statements(coder) -> None:
    """ "will visit": the visit is future; the announcement of it is a factual statement of intent (036)."""
    events = coded(coder, "Putin will visit Pyongyang next month.")
    assert ("RUSGOV", "PRK", "042", "future") in events
    assert ("RUSGOV", "PRK", "036", "factual") in events
    assert not [e for e in events if e[2].startswith("04") and e[3] == "factual"]


def test_threats_are_threats_not_attacks(coder) -> None:
    events = coded(coder, "North Korea threatened to attack South Korea.")
    assert {(s, t, c[:2]) for s, t, c, m in events if m == "factual"} == {("PRK", "KOR", "13")}


def test_refusals_are_rejections(coder) -> None:
    events = coded(coder, "Russia refused to withdraw its troops from Ukraine.")
    assert {(s, t, c[:2]) for s, t, c, m in events if m == "factual"} == {("RUS", "UKR", "12")}


@pytest.mark.parametrize(
    ("text", "root", "mode"),
    [
        ("Russian forces tried to shell the port of Odesa.", "19", "factual"),
        ("Gunmen tried to kill the governor of Kandahar province.", "19", "factual"),
        ("Russia could try to shell the port.", "19", "hypothetical"),
        ("Iran will try to block the resolution.", "17", "future"),
        # an attempt at anything but violence may not have come about
        ("Ethiopian troops tried to seize the border town.", "19", "hypothetical"),
        ("Iran tried to block the resolution.", "17", "hypothetical"),
        ("Armenia's prime minister tried to meet Putin in Moscow, but the Kremlin refused.", "04", "hypothetical"),
        ("Japan attempted to deliver food to the besieged town.", "07", "hypothetical"),
        ("Russia tried to meet Ukraine's president and to sign a deal with Kyiv.", "05", "hypothetical"),
    ],
)
def test_an_attempt_at_violence_is_the_act(coder, text: str, root: str, mode: str) -> None:
    """ "tried to shell", like "strove to": an attempted attack is an attack, in the mode of the
    attempt itself; an attempt to seize a town, block a vote, meet or deliver may have failed."""
    assert modes_of_root(coder, text, root) == {mode}


def test_an_attempted_assassination_is_185_not_186(coder) -> None:
    events = coded(coder, "Rebels attempted to assassinate the Colombian defense minister.")
    assert [(c, m) for _, _, c, m in events if c.startswith("18")] == [("185", "factual")]


def test_telling_reporters_demands_nothing(coder) -> None:
    """ "told reporters (that) Russia shelled the port" is no demand on Russia; "told Russia to
    withdraw" is (sentences of our own)."""
    for text in ('"Russia shelled the port," the Ukrainian foreign minister told reporters.',
                 "The Ukrainian foreign minister told reporters that Russia had shelled the port."):
        events = coded(coder, text)
        assert [e for e in events if e[2][:2] == "19"]
        assert not [e for e in events if e[2][:2] == "10"]
    asked = coded(coder, "The Ukrainian foreign minister told Russia to withdraw its troops.")
    assert ("UKRGOV", "RUS", "10") in [(s, t, c[:2]) for s, t, c, m in asked if m == "factual"]


def test_reporting_verbs_do_not_change_the_mode(coder) -> None:
    # reported as done; aimed at no one named, so untargeted (not hypothetical)
    assert modes_of_root(coder, "Seoul said North Korea fired two missiles on Monday.", "15") == {"untargeted"}


def test_factual_sentence_is_factual(coder) -> None:
    assert modes_of_root(coder, "Russia attacked Ukraine.", "19") == {"factual"}


@pytest.mark.parametrize(
    "text",
    [
        "Why did the minister order Russian troops to leave Syria?",
        "Did China send weapons to Russia?",
        "Has Japan imposed new sanctions on North Korea?",
        '"Why would Japan attack us?" the North Korean spokesman asked.',
    ],
)
def test_questions_assert_nothing(coder, text: str) -> None:
    """A question, whole or quoted, is no report that its events happened (the asking itself may be)."""
    events = coded(coder, text)
    assert events
    assert [e for e in events if e[3] == "factual" and not e[2].startswith("02")] == []


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("If the talks fail, the president will impose sanctions on Iran.", "16"),
        ("Unless Iran stops enrichment, Israel will strike its facilities.", "19"),
        ("Iran threatened to launch an offensive against Iraq unless Baghdad accepted its terms.", "19"),
    ],
)
def test_a_conditional_event_is_no_fact_but_the_threat_or_promise_is(coder, text: str, root: str) -> None:
    """An event under "if" or "unless" is not a fact; stating it is (CAMEO codes a conditional threat
    as a threat)."""
    events = coded(coder, text)
    assert {m for _, _, c, m in events if c.startswith(root)} - {"hypothetical", "future"} == set()
    assert any(c[:2] in ("03", "13") and m in REPORTED_MODES for _, _, c, m in events)


@pytest.mark.parametrize(("text", "event"), [
    ('Japan imposed sanctions on North Korea on Monday, asking "what else can we do?"', ("JPN", "PRK", "16")),
    # a quotation that spans sentences: the question is the last quoted words only
    ('"We will respond. Russia shelled Kharkiv on Monday," the minister said, "so why should we talk?"',
     ("RUS", "UKR", "19")),
    # the condition qualifies what is threatened, not the threat
    ("Russia threatened retaliation if NATO expands.", ("RUS", None, "13")),
])
def test_what_a_question_or_condition_does_not_reach_stays_a_fact(coder, text: str, event: tuple) -> None:
    assert (*event, "factual" if event[1] else "untargeted") in [
        (s[:3], t and t[:3], c[:2], m) for s, t, c, m in coded(coder, text)]


def test_a_relative_clause_on_the_subject_is_not_under_the_condition(coder) -> None:
    from blocwatch.coder.modality import conditioned

    doc = coder.nlp("If the talks fail, the government, which imposed sanctions on Iran last year, will act.")
    word = {t.text: t for t in doc}
    assert (conditioned(word["act"]), conditioned(word["fail"]), conditioned(word["imposed"])) == (True, True, False)


# Ability, permission, necessity and deliberation: what they govern is possible, allowed, needed or
# weighed, not done. Sentences of our own, one per construction.
@pytest.mark.parametrize(
    ("text", "root", "mode"),
    [
        ("Iran is able to attack American tankers in the Strait of Hormuz.", "19", "hypothetical"),
        ("Analysts say Beijing may soon be able to blockade Taiwan.", "19", "hypothetical"),
        ("The accord permits Turkey to deploy soldiers in Azerbaijan.", "07", "hypothetical"),
        ("The new treaty allows Russia to station bombers in Belarus.", "15", "hypothetical"),
        ("Kyiv was unable to recapture Bakhmut from Russia.", "19", "negated"),
        ("The cabinet discussed sending warships to the Red Sea to deter Iran.", "03", "hypothetical"),
    ],
)
def test_what_is_possible_allowed_or_weighed_is_not_a_fact(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_an_ability_stated_is_not_an_act_but_the_act_itself_stays_a_fact(coder) -> None:
    assert modes_of_root(coder, "Ukraine struck the Russian base at Saky.", "19") == {"factual"}
    assert modes_of_root(coder, "Ukraine is able to strike the Russian base at Saky.", "19") == {"hypothetical"}


def test_what_is_yet_to_happen_has_not_happened(coder) -> None:
    events = coder.code_text("The Turkish government is yet to comment on the Greek claims.", DAY)
    assert {(e.source.code, e.target.code, e.cameo[:2], e.mode) for e in events} == {("TURGOV", "GRC", "01", "negated")}
    # a "yet" that opens the sentence denies nothing
    events = coder.code_text("Yet Turkey criticized Greece on Monday.", DAY)
    assert {(e.cameo[:2], e.mode) for e in events} == {("11", "factual")}


def test_a_guess_at_the_past_is_no_demand(coder) -> None:
    """'must have ordered' guesses what happened; 'must withdraw' demands (sentences of our own)."""
    guess = coder.code_text("The French ambassador told reporters that Ivorian officials must have ordered the "
                            "attack on French troops.", DAY)
    assert guess and {e.mode for e in guess} == {"hypothetical"}
    demand = coder.code_text("The French ambassador said Ivorian officials must withdraw their troops from Mali.", DAY)
    assert {(e.source.code, e.target.code, e.cameo[:2]) for e in demand if e.mode in REPORTED_MODES} == {
        ("FRAGOV", "CIVGOV", "10")}


@pytest.mark.parametrize(("text", "actor"), [
    ("Seoul expects Washington to deploy more bombers to the peninsula.", "USA"),
    ("Tokyo hopes Beijing will release the detained fishermen.", "CHN"),
    ("South Korea expects North Korea to launch a spy satellite.", "PRK"),
])
def test_what_others_are_expected_or_hoped_to_do_is_not_done(coder, text: str, actor: str) -> None:
    """An expectation or a hope about someone else's act (sentences of our own) is no fact: the
    act is coded, but not as factual."""
    modes = {e.mode for e in coder.code_text(text, DAY) if e.source.country == actor}
    assert modes and "factual" not in modes


def test_a_hope_to_act_is_an_intent_not_the_act(coder) -> None:
    """'hopes to sign' states an intent (03x, factual); the signing itself has not happened. The small
    model reads 'hopes' as a form of 'hop' unless the pipeline corrects it."""
    events = coded(coder, "Japan hopes to sign a trade deal with China.")
    assert {(s, t, c[:2], m) for s, t, c, m in events if c[:2] == "05"} == {
        ("JPN", "CHN", "05", "future"), ("CHN", "JPN", "05", "future")}
    assert ("JPN", "CHN", "03", "factual") in {(s, t, c[:2], m) for s, t, c, m in events}


@pytest.mark.parametrize(("text", "root"), [
    ("The foreign ministers of Japan and China are to meet in Tokyo on July 3.", "04"),
    ("Russia and China hold joint naval drills next month.", "06"),
    ("The two presidents meet in Geneva next week.", "04"),
])
def test_what_is_scheduled_or_dated_after_the_report_has_not_happened(coder, text: str, root: str) -> None:
    """Sentences of our own, reported on 2024-06-20: 'are to meet' is scheduled, and an act dated
    after the report ('next month') cannot have been done yet; its date is read forward."""
    events = [e for e in coder.code_text(text, DAY) if e.cameo.startswith(root)]
    assert events and {e.mode for e in events} == {"future"}
    assert all(e.date > DAY for e in events)


def test_an_act_dated_earlier_in_the_month_or_week_is_done(coder) -> None:
    assert modes_of_root(coder, "Russia and China held joint naval drills this month.", "06") == {"factual"}
    assert modes_of_root(coder, "The two presidents met in Geneva on Monday.", "04") == {"untargeted"}


def test_what_will_be_done_to_someone_is_no_one_s_stated_intent(coder) -> None:
    """'will be visited by the Chinese premier' foretells a visit; it is not China's statement of
    intent (sentences of our own). The active 'will send' still is Japan's."""
    passive = coder.code_text("Japan will be visited by the Chinese premier next week.", DAY)
    assert passive and {e.mode for e in passive} == {"future"}
    active = coder.code_text("Japan will send aid to Nepal.", DAY)
    stated = {(e.source.code, e.target.code, e.cameo[:2]) for e in active if e.mode in REPORTED_MODES}
    assert stated == {("JPN", "NPL", "03")}


def test_what_others_expect_one_to_do_is_not_one_s_stated_intent(coder) -> None:
    """'Japan is expected to sign' is others' expectation (a sentence of our own): no intent by Japan."""
    events = coder.code_text("Japan is expected to sign a trade deal with China.", DAY)
    assert events and not [e for e in events if e.mode in REPORTED_MODES]


@pytest.mark.parametrize(("text", "root", "mode"), [
    ("Serbia was reluctant to meet Kosovo officials.", "04", "negated"),
    ("Seoul was hesitant to criticize Beijing over the balloons.", "11", "negated"),
    ("Turkey is unwilling to join the sanctions against Russia.", "16", "negated"),
    ("China is unlikely to attack Taiwan this year.", "19", "hypothetical"),
    ("India was set to sign a defence pact with France.", "05", "future"),
    ("The foreign ministers were slated to meet in Hanoi.", "04", "future"),
    ("Brazil was poised to recognize Palestine.", "05", "future"),
    ("Mexico's president said she was inclined to approve the water treaty with the U.S.", "05", "future"),
])
def test_an_adjective_of_will_or_likelihood_says_the_act_is_not_done(coder, text: str, root: str, mode: str) -> None:
    """Not done yet, not done at all, or doubted (sentences of our own): never a fact."""
    assert modes_of_root(coder, text, root) == {mode}


def test_an_adjective_of_manner_keeps_the_act_a_fact(coder) -> None:
    """'quick to condemn': it was done, and quickly (the companion of the test above)."""
    assert modes_of_root(coder, "Iran was quick to condemn the Israeli strike.", "11") == {"factual"}


@pytest.mark.parametrize(("text", "root", "mode"), [
    ("Hanoi was not reluctant to criticize Beijing over the island.", "11", "factual"),  # it did
    ("Kyiv is not willing to cede territory to Moscow.", "08", "negated"),
    ("Sudan's army remains averse to holding talks with the RSF in Jeddah.", "04", "negated"),
    ("Is Ankara reluctant to condemn Moscow over the strikes?", "11", "hypothetical"),  # a question
])
def test_a_denied_adjective_and_a_question_change_what_it_says(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_a_finite_verb_joined_to_an_infinitive_is_its_own_act(coder) -> None:
    """'was unwilling to host the envoy and expelled two diplomats': the parser joins 'expelled' to
    'host', but the expulsion happened (a sentence of our own)."""
    events = coder.code_text("Estonia was unwilling to host the Russian envoy and expelled two diplomats.", DAY)
    assert {e.mode for e in events if e.cameo.startswith("16")} == {"factual"}


@pytest.mark.parametrize(("text", "root", "mode"), [
    ("Seoul is not likely to send weapons to Kyiv.", "07", "hypothetical"),  # no more than "unlikely"
    ("Pyongyang is certain to launch another satellite.", "15", "future"),
])
def test_what_is_likely_or_certain_is_not_done(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_a_likelihood_is_nobodys_stated_intent(coder) -> None:
    """"is likely to attack" is someone's estimate: no statement of intent (a threat, 138x) is
    derived from it, as from "vowed to attack" (sentences of our own)."""
    likely = coder.code_text("Azerbaijan is likely to attack Armenia again.", DAY)
    assert {e.mode for e in likely} == {"future"}
    vowed = coder.code_text("Azerbaijan vowed to attack Armenia again.", DAY)
    assert any(e.mode in REPORTED_MODES and e.cameo.startswith("13") for e in vowed)


@pytest.mark.parametrize("text", [
    "The Brazilian president is due to travel to Angola on Friday.",
    "Japan's foreign minister is set to visit Seoul next week.",
    "The Turkish president was slated to meet the Greek prime minister in Athens.",
])
def test_a_schedule_is_nobodys_stated_intent(coder, text: str) -> None:
    """"is due to travel", "is set to visit": the report's calendar. The trip is ``future``, and no
    factual statement of intent (036) is derived from it, as it is from "said he would visit"."""
    events = coder.code_text(text, DAY)
    assert events and {e.mode for e in events} == {"future"}
    said = coder.code_text("The Brazilian president said he would travel to Angola on Friday.", DAY)
    assert any(e.mode in REPORTED_MODES and e.cameo == "036" for e in said)


@pytest.mark.parametrize(("text", "root"), [
    ("It is unlikely that Georgia will join the alliance this year.", "0"),  # a future estimated
    ("It is possible that Azerbaijan shelled the village.", "19"),  # a past act estimated
    ("Diplomats say it seems likely that Ankara will expel the envoy.", "17"),
    ("It is improbable that Hanoi will sign the pact and that Manila will ratify it.", "05"),  # both clauses
    ("It is not certain that Azerbaijan shelled the village.", "19"),  # certainty denied
    ("There is a real possibility that Serbia will expel the envoy.", "17"),  # a noun of likelihood
    ("Fears that Ethiopia will attack Eritrea have grown.", "19"),
])
def test_a_clause_whose_likelihood_is_judged_is_an_estimate(coder, text: str, root: str) -> None:
    """'it is unlikely that X will attack' is nobody's act and nobody's stated intent, whatever the
    clause's tense (sentences of our own); the companion below keeps an asserted clause a fact."""
    events = [e for e in coder.code_text(text, DAY) if e.cameo.startswith(root)]
    assert events and {e.mode for e in events} == {"hypothetical"}


@pytest.mark.parametrize("text", [
    "It is certain that Azerbaijan shelled the village.",
    "Azerbaijan shelled the village.",
    "Officials dismissed the fact that Azerbaijan shelled the village.",
])
def test_an_asserted_clause_stays_a_fact(coder, text: str) -> None:
    assert modes_of_root(coder, text, "19") == {"factual"}


def test_an_indirect_question_says_nothing_will_happen(coder):
    """"It remains unclear whether Moscow will send a delegation": no future visit and no intent."""
    events = coder.code_text("It remains unclear whether Moscow will send a delegation to the talks in Geneva.",
                             date(2024, 6, 20))
    assert events and {e.mode for e in events} == {"hypothetical"}


@pytest.mark.parametrize("text", [
    "Officials believe Russia attacked the power plant.",
    "Analysts think China attacked the ships.",
    "The drone is believed to have been fired by Houthi rebels at the tanker.",
])
def test_what_someone_believes_happened_is_no_fact(coder, text: str) -> None:
    """A belief is an opinion, like an allegation: ``claimed`` (sentences of our own)."""
    modes = {mode for _, _, cameo, mode in coded(coder, text) if cameo.startswith(("18", "19"))}
    assert modes == {"claimed"}


@pytest.mark.parametrize(("text", "intent"), [
    # another state's forecast is no statement of the doer's intent
    ("Japan said China will invade Taiwan.", False),
    ("Taiwan said China will invade the island.", False),
    ("Analysts think North Korea will launch a missile.", False),
    ("Japan said China will try to invade Taiwan.", False),  # through a catenative
    ("Japan said China will invade Taiwan and attack Japan.", False),  # and a coordinated verb
    ("Iran said it will try to attack Israel.", True),
    # the doer's own word, or its state's, is
    ("Iran said it will attack Israel.", True),
    ("Putin said Russia will retaliate against NATO.", True),
    # a cooperative act announced by its other party is an arrangement of both
    ("The Albanian embassy said the German foreign minister will visit Albania.", True),
])
def test_a_forecast_by_another_state_is_no_statement_of_intent(coder, text: str, intent: bool) -> None:
    derived = [c for c in coder.code_text(text, date(2024, 6, 20)) if c.rule.startswith("intent:")]
    assert bool(derived) is intent


def test_a_for_to_clause_is_not_done_and_is_asked_of_its_subject(coder) -> None:
    """ "called for Kenya to keep the camps open" asks Kenya, as "urged Kenya to" does; "waited for
    the army to leave": the army has not left (sentences of our own)."""
    assert {(s, t, c) for s, t, c, m in coded(coder, "The UN called for Kenya to keep the camps open.")
            if m == "factual"} == {("IGOUNO", "KEN", "020")}
    assert modes_of_root(coder, "The opposition waited for the army to withdraw from the capital.", "08") == {
        "hypothetical"}


@pytest.mark.parametrize(("text", "expected"), [
    # the one called on or appealed to is asked, as "urged Russia to" asks Russia; the caller does nothing
    ("Germany called on Russia to release the detained journalists.",
     {("DEU", "RUS", "0253", "factual"), ("RUS", "MED", "084", "hypothetical")}),
    ("The European Union appealed to Iran to free the detained sailors.",
     {("IGOEUREEC", "IRN", "025", "factual"), ("IRN", None, "080", "hypothetical")}),
    ("Germany called upon Russia to stop bombing Ukrainian cities.",
     {("DEU", "RUS", "0256", "factual"), ("RUS", None, "087", "hypothetical"), ("RUS", "UKR", "190", "negated")}),
])
def test_called_on_or_appealed_to_is_who_is_asked(coder, text: str, expected: set) -> None:
    assert set(coded(coder, text)) == expected


@pytest.mark.parametrize(("text", "root"), [
    # what is done habitually or from time to time is a description, not an act
    ("Rebels regularly attack army posts in the north of Mali.", "19"),
    ("Nigerian police usually arrest protesters who block the roads.", "17"),
    ("Kenya often criticizes Somalia in its statements.", "11"),
])
def test_a_habit_is_commentary(coder, text: str, root: str) -> None:
    assert modes_of_root(coder, text, root) == {"commentary"}


def test_an_act_joined_to_a_habit_stays_a_fact(coder) -> None:
    """ "frequently raid ... and on Tuesday arrested": the habit is the present verb's, not the past one's."""
    text = "Israeli forces frequently raid the West Bank town of Jenin and on Tuesday arrested 20 Palestinians."
    assert modes_of_root(coder, text, "17") == {"factual"}


def test_a_dated_act_beside_a_habit_stays_a_fact(coder) -> None:
    """The habit's adverb is on its own verb (the relative clause), not on the act the sentence reports."""
    assert modes_of_root(coder, "Rebels, who often raid villages, attacked an army post in Mali on Monday.",
                         "19") == {"factual"}


@pytest.mark.parametrize(("text", "root"), [
    # a plan made on a condition is no stated intent, and the planning verb's own event is no fact
    ("If the talks fail, the Malian government plans to expel the French ambassador.", "13"),
    ("If the court rules against it, Kenya intends to leave the regional body.", "03"),
    # the condition after the plan (the parser hangs it on the planned act)
    ("Mali plans to expel the French ambassador if France does not apologize.", "13"),
])
def test_a_plan_made_on_a_condition_is_hypothetical(coder, text: str, root: str) -> None:
    assert modes_of_root(coder, text, root) == {"hypothetical"}


def test_a_threat_made_on_a_condition_stays_a_threat(coder) -> None:
    assert modes_of_root(coder, "Russia threatened to cut gas supplies to Moldova if it joins NATO.",
                         "13") == {"factual"}


@pytest.mark.parametrize(("text", "mode"), [
    # a count of many acts over a period is a summary, not an act
    ("The Taliban launched 504 attacks in 2024.", "commentary"),
    ("In 2023, Malian rebels killed nearly 400 people in over 500 attacks.", "commentary"),
    ("The Nigerian army launched hundreds of airstrikes in 2023.", "commentary"),
    # a few acts on a day are acts
    ("Russian forces launched three attacks on Kharkiv on Monday.", "factual"),
])
def test_a_tally_of_many_acts_is_commentary(coder, text: str, mode: str) -> None:
    assert modes_of_root(coder, text, "19") == {mode}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # a perfect with "since" a point long past tells a state or a run of acts, not one act
    ("Uganda has detained journalists since the 2021 election.", "17", "commentary"),
    ("The Sudanese army has shelled Omdurman since the truce collapsed in 2023.", "19", "commentary"),
    ("The Ethiopian army has been attacking the rebels since 2019.", "19", "commentary"),
    # a span from a day is an episode that began then; a "for" of a duration is no span
    ("Indian troops have patrolled the border since March 3.", "15", "untargeted"),
    ("The Tunisian court has jailed the Nigerian student for two years.", "17", "factual"),
    # a "since" of reason, on a verb that is no perfect
    ("The militants attacked the Malian convoy since the army had refused to talk.", "19", "factual"),
])
def test_a_perfect_since_a_point_long_past_is_commentary(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_a_participle_shares_the_span_of_its_verb(coder) -> None:
    """ "has fought ... since 2019, accusing": the accusing runs over the same span."""
    text = "The Baloch rebels have fought the Pakistani army since 2019, accusing the government of theft."
    assert modes_of_root(coder, text, "11") == {"commentary"}
    assert modes_of_root(coder, "Pakistani police arrested ten Baloch protesters, accusing them of rioting.",
                         "11") == {"factual"}


@pytest.mark.parametrize(("text", "asked", "asker"), [
    # what someone is pressed, instructed or lobbied to do is asked of the one named, not done
    ("Germany is pressuring Poland to accept more Syrian refugees.",
     ("POL", "SYRREF", "0333", "hypothetical"), ("DEU", "POL", "100", "factual")),
    ("Egypt lobbied Sudan to release the detained Egyptian soldiers.",
     ("SDN", "EGYMIL", "084", "hypothetical"), ("EGY", "SDN", "0253", "factual")),
    ("The Malian junta instructed Danish troops to withdraw from Mali.",
     ("DNKMIL", "MLI", "0874", "hypothetical"), ("MLIGOV", "DNKMIL", "106", "factual")),
])
def test_what_one_is_pressed_or_instructed_to_do_is_asked_not_done(coder, text, asked, asker) -> None:
    events = coded(coder, text)
    assert asked in events
    assert asker is None or asker in events


def test_what_is_being_negotiated_is_not_done(coder) -> None:
    assert modes_of_root(coder, "Officials in Ghana say they are negotiating to import grain from Brazil.",
                         "06") == {"future"}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # what is told is reported, as what is said; what one is told to do is asked
    ("The Ukrainian minister told reporters that Russia attacked Kharkiv on Monday.", "19", "factual"),
    ('"Russia attacked Kharkiv on Monday," the Ukrainian minister told reporters.', "19", "factual"),
    ("The Ukrainian minister warned that Russia had attacked Kharkiv.", "19", "factual"),
    ("The minister told Russia to release the Ukrainian prisoners.", "08", "hypothetical"),
    ("Poland insisted that Germany withdraw its troops.", "08", "hypothetical"),
])
def test_what_is_told_is_reported_what_one_is_told_to_do_is_asked(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # a statement derived from a saying has the saying's mode
    ("Russia often threatens to cut gas supplies to Moldova.", "13", "commentary"),
    ("Serbia demanded that Russia refuse to recognize Kosovo.", "12", "hypothetical"),
    # not the future of the chain of intent it heads
    ("Norway is willing to send troops to help defend Estonia, its foreign minister said.", "03", "factual"),
])
def test_a_derived_statement_has_the_mode_of_its_saying(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # a state kept up, in the present progressive, is a standing situation
    ("The Pentagon is monitoring developments in Syria.", "09", "commentary"),
    ("The Pentagon monitored developments in Syria on Monday.", "09", "factual"),
    # deliberating and trying go on as CAMEO codes them
    ("The European Union is considering sanctions against Belarus.", "01", "untargeted"),
    ("Brazil and Argentina are seeking to deepen their partnership in energy.", "03", "factual"),
])
def test_a_state_kept_up_is_commentary_deliberating_and_trying_are_not(coder, text: str, root: str,
                                                                       mode: str) -> None:
    assert mode in modes_of_root(coder, text, root)
    assert modes_of_root(coder, text, root) <= {mode, "future"}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # what the review found: a recent point, a comparison and a reason make no span
    ("Israeli troops have shelled Rafah since dawn.", "19", "factual"),
    ("Russia has fired 300 missiles at Ukraine since the weekend.", "19", "factual"),
    ("Houthi rebels have attacked ships in the Red Sea since the truce collapsed last week.", "19", "untargeted"),
    ("Since then, Sudanese protesters have demanded new elections.", "02", "untargeted"),
    ("Putin has made his first visit to North Korea since 2000.", "04", "factual"),
    ("Russia has launched its largest missile attack on Ukraine since the invasion began.", "19", "factual"),
    ("Ethiopia has expelled the UN envoy since the envoy criticized the government.", "17", "factual"),
    # a "since" before the verb, and a month named in a clause of the phrase, still make one
    ("Since the coup, the junta has repeatedly threatened to expel French troops.", "13", "commentary"),
    ("Police have detained dozens of activists since the March election, in which 12 parties took part.",
     "17", "commentary"),
    # an object with "no" denies the act; "pressured into" says it was done; "did" asserts
    ("Belarusian troops took no part in the invasion of Ukraine.", "19", "negated"),
    ("The Taliban offered no evidence for the claim.", "03", "negated"),
    ("Washington pressured Kyiv into signing the minerals deal.", "05", "untargeted"),
    ("The governor told Reuters that Russian troops did shell the hospital.", "19", "factual"),
])
def test_spans_denials_and_asking_at_their_edges(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_a_first_visit_since_a_year_is_not_of_that_year(coder) -> None:
    events = [e for e in coder.code_text("Putin has made his first visit to North Korea since 2000.", DAY)
              if e.cameo.startswith("04")]
    assert events and all(e.date.year == DAY.year for e in events)
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {("RUSGOV", "PRK", "042"),
                                                                         ("PRK", "RUSGOV", "043")}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # what the second review found: "no" denies its own verb only; a year or a day "of" something
    # long past makes a span; a ranked subject is no comparison; "keeping up" goes on acting
    ("The Houthis wasted no time in attacking another tanker in the Red Sea.", "19", "factual"),
    ("Hamas gave no warning before firing rockets at Tel Aviv.", "19", "factual"),
    ("Israel has occupied the West Bank since the 1967 Six-Day War.", "19", "commentary"),
    ("Russia has shelled Kharkiv since the first day of the full-scale invasion.", "19", "commentary"),
    ("Israeli jets have struck Gaza since the early hours of the morning.", "19", "factual"),
    ("Ukraine's closest allies have supplied it with weapons since 2022.", "07", "commentary"),
    ("Israel is keeping up pressure on Hamas, striking Rafah again on Tuesday.", "19", "factual"),
])
def test_spans_and_denials_after_the_second_review(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # a noun's that-clause: what is alleged or reported is claimed, what is demanded is asked
    ("Seoul repeated its accusation that Pyongyang sent troops to Russia.", "07", "claimed"),
    ("Moscow denied reports that its forces shelled the town.", "19", "claimed"),
    ("Kyiv rejected claims that its troops crossed the border and attacked a village.", "19", "claimed"),
    ("Iran repeated its demand that Britain release the tanker.", "08", "hypothetical"),
    # other nouns leave the clause as it is
    ("The news that Russia attacked the plant shocked Europe.", "19", "untargeted"),
])
def test_the_that_clause_of_an_allegation_or_a_demand(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_a_report_of_a_plan_is_no_statement_of_intent(coder) -> None:
    text = "British media report that Britain will cede the islands and pay Mauritius 100 million dollars a year."
    assert not any(e.mode in REPORTED_MODES for e in coder.code_text(text, DAY))


def test_denying_a_report_of_an_attack_is_no_accusation(coder) -> None:
    found = {(s, c) for s, _, c, m in coded(coder, "Moscow denied reports that its forces shelled the town.")
             if m in REPORTED_MODES}
    assert found == {("RUS", "016")}


def test_what_is_suggested_or_proposed_is_not_done(coder) -> None:
    assert modes_of_root(coder, "Egypt proposed holding talks with Ethiopia in Cairo.", "04") == {"future"}
    assert modes_of_root(coder, "France suggested holding a summit on Ukraine.", "04") == {"hypothetical"}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # a view suggested of what was done is alleged; a report confirmed is fact
    ("The White House suggested that Russia had shelled the power plant.", "19", "claimed"),
    ("Ukraine confirmed reports that Russian forces had captured the village.", "19", "factual"),
])
def test_a_view_suggested_is_claimed_a_report_confirmed_is_fact(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}


def test_an_infinitive_relative_clause_is_not_done(coder) -> None:
    # "a way to get X to leave": a purpose, whether the parser hangs it as a relative clause or not
    text = "Analysts say the junta staged the protests as a way to get France to leave Mali."
    assert not any(e.mode in REPORTED_MODES and e.source.code == "FRA" for e in coder.code_text(text, DAY))


@pytest.mark.parametrize(("text", "root", "mode"), [
    # a material act in the simple present is a habit or a standing state
    ("Russia supplies crude oil to China.", "06", "commentary"),
    ("The two tankers are sanctioned by the U.S. Treasury.", "16", "commentary"),
    ("Iran sends drones to Russia.", "07", "commentary"),
    # told as done, or as going on now, it is an act
    ("Russia supplied crude oil to China.", "06", "factual"),
    ("The two tankers were sanctioned by the U.S. Treasury.", "16", "factual"),
    # a headline tells a past act in the present: no closing stop
    ("Syrian troops clash with protesters in Homs", "19", "factual"),
    # a statement in the present is made as it is reported
    ("Somalia accuses Kenya of meddling in its elections.", "11", "factual"),
])
def test_a_material_act_in_the_simple_present_is_a_habit(coder, text: str, root: str, mode: str) -> None:
    assert mode in modes_of_root(coder, text, root)
    assert ("factual" in modes_of_root(coder, text, root)) == (mode == "factual")


@pytest.mark.parametrize(("text", "root", "mode"), [
    # ledes tell one act in the present: a date of its own, a count of casualties, or a source after it
    ("Hamas fires rockets at Tel Aviv on Monday, the army said.", "19", "factual"),
    ("Rebels shell the town of Goma, killing at least 12 civilians.", "19", "factual"),
    ("Iraqi forces kill 15 militants near Mosul, the ministry said.", "19", "factual"),
    # a headline on its own line, the story on the next
    ("Turkey shells Kurdish positions\nTurkish artillery shelled Kurdish positions on Monday.", "19", "untargeted"),
    # but a habit in a quote, and a state of things meanwhile, are no act
    ("'They shell our village every week,' a farmer said.", "19", "commentary"),
    ("While Turkey shells Kurdish towns, Erdogan met Putin in Sochi on Monday.", "19", "commentary"),
])
def test_a_lede_or_headline_in_the_present_is_an_act(coder, text: str, root: str, mode: str) -> None:
    first = [e for e in coder.code_text(text, DAY) if e.cameo.startswith(root) and e.sentence == 0]
    assert first and {e.mode for e in first} == {mode}


@pytest.mark.parametrize("text", [
    "Soldiers detain a protester in Yerevan, Armenia, March 3, 2024.",
    "FILE - Chinese and Russian warships hold a joint drill in the Sea of Japan, July 20, 2023.",
    "Riot police detain a man outside parliament in Belgrade. (AP Photo/Jane Doe)",
])
def test_a_photo_caption_tells_no_act_of_the_report(coder, text: str) -> None:
    """What a picture shows, often an older scene, in the present and with its day: kept, not as fact."""
    events = coder.code_text(text, DAY)
    assert events and not any(e.mode in REPORTED_MODES for e in events)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kyiv rejected suggestions that it negotiate with Moscow.", True),
    ("The council dismissed the idea that the vote be postponed.", True),
    ("Berlin rejected the notion that Ukraine should join now.", True),
    ("Officials rejected reports that troops will be sent to the border.", False),
    ("Moscow denied reports that its troops had been sent to Mali.", False),
])
def test_a_that_clause_that_proposes(coder, text: str, expected: bool) -> None:
    """A subjunctive or a modal of duty or possibility says what should be done (``proposing``); a
    future or a past says what is claimed to happen or have happened."""
    from blocwatch.coder.modality import proposing

    doc = coder.nlp(text)
    clause = next(t for t in doc if t.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in t.children))
    assert proposing(clause) is expected


@pytest.mark.parametrize(("text", "mode"), [
    # a "when" clause of a habit tells when the habit is, not an act done (eighteenth session)
    ("Rebels regularly escape to Cameroon when attacked by Chadian troops.", "commentary"),
    ("Rebels escape to Cameroon whenever attacked by Chadian troops.", "commentary"),
    ("Rebels often flee to Cameroon when shelled by Chadian troops.", "commentary"),
    # of an act done, or of a verb of saying in the present, the clause's act is one
    ("The rebels fled to Cameroon when Chadian troops attacked their camps on Monday.", "untargeted"),
    ("The minister says Chadian troops attacked the camps when rebels raided a post.", "untargeted"),
])
def test_a_when_clause_of_a_habit_is_a_habit(coder, text: str, mode: str) -> None:
    assert modes_of_root(coder, text, "19") == {mode}


@pytest.mark.parametrize(("text", "root", "mode"), [
    # "used to" a verb: a past habit, or what a thing is for; not an act done (eighteenth session)
    ("Algeria used to supply gas to Spain.", "06", "commentary"),
    ("A plane used to help Ukrainian troops share intelligence crashed.", "06", "commentary"),
    # "used X to" a verb tells the act done
    ("Iran used drones to attack Israel on Saturday.", "19", "factual"),
])
def test_used_to_is_a_past_habit_or_a_purpose(coder, text: str, root: str, mode: str) -> None:
    assert modes_of_root(coder, text, root) == {mode}
