"""Who an event's actors are: the state of victims, of what a court or police acts on, of places.

Sentences of our own, each the shape of a class of news sentence; the expected coding is what it
says.
"""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.coder.events import Actor
from blocwatch.coder.roles import jurisdiction
from blocwatch.schema import REPORTED_MODES

DAY = date(2024, 6, 20)


def coded(coder, text: str) -> set[tuple[str, str | None, str]]:
    """(source, target, CAMEO root) of the factual events coded from ``text``."""
    return {(e.source.code, e.target.code if e.target else None, e.cameo[:2])
            for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES}


def test_forces_and_armed_groups_attacked_in_a_place_are_of_its_state(coder):
    """Soldiers, police or militants no state names are of the state where they are attacked, as
    people are."""
    assert coded(coder, "Gunmen attacked soldiers in northern Mali.") == {("MLIUAF", "MLIMIL", "19")}
    assert coded(coder, "Gunmen killed two police officers in Pakistan's Balochistan province.") == {
        ("PAKUAF", "PAKCOP", "19")}
    assert coded(coder, "Israeli jets struck militants in Gaza.") == {("ISR", "PSEREB", "19")}
    assert coded(coder, "Israeli forces killed 20 people in Gaza.") == {("ISRMIL", "PSEPPL", "19")}


def test_soldiers_a_state_attacks_on_its_own_soil_are_not_taken_for_its_own(coder):
    assert coded(coder, "Russian forces attacked soldiers in the Kursk region of Russia.") == {
        ("RUSMIL", "MIL", "19")}


def test_journalists_and_travellers_attacked_abroad_keep_no_state(coder):
    assert coded(coder, "Suicide bombers attacked tourists in Egypt.") == {("EGYREB", "CVL", "18")}


def test_whom_a_court_or_police_holds_or_releases_is_within_its_state(coder):
    """A court's or police's arrest, sentence or release is done to someone under its state's law:
    a person or group no state names is of that state."""
    assert coded(coder, "A Guatemalan court sentenced Zamora to six years.") == {("GTMJUD", "GTM", "17")}
    assert coded(coder, "Guatemalan police arrested two journalists on Monday.") == {("GTMCOP", "GTMMED", "17")}
    assert coded(coder, "Turkish police arrested him at his home.") == {("TURCOP", "TUR", "17")}


def test_people_held_in_another_place_or_migrants_held_are_not_taken_for_the_states(coder):
    """An army acts abroad (the place says whose people they are), and migrants are often foreigners
    where they are held."""
    assert coded(coder, "Israeli troops detained dozens of protesters in the West Bank.") == {
        ("ISRMIL", "PSEOPP", "17")}
    assert coded(coder, "Greek police detained 50 migrants near the border.") == {("GRCCOP", "CVL", "17")}


def test_jurisdiction_needs_one_state_and_only_courts_or_police():
    court = Actor("GTMJUD", "GTM", "JUD", "a court")
    assert jurisdiction("173", [court]) == "GTM"
    assert jurisdiction("0841", [court]) == "GTM"
    assert jurisdiction("111", [court]) is None  # criticism is no act of the law
    assert jurisdiction("173", [court, Actor("HNDCOP", "HND", "COP", "police")]) is None
    assert jurisdiction("173", [court, Actor("GTMGOV", "GTM", "GOV", "the government")]) is None
    assert jurisdiction(None, [court]) is None


def test_a_place_of_detention_is_where_someone_is_sent_not_whom(coder):
    assert coded(coder, "Kenyan police returned the activist to prison.") == {("KENCOP", "KENOPP", "17")}


def test_sending_or_placing_someone_in_detention_is_detention(coder):
    """Sent, ordered or remanded to prison, jail or custody, or placed under arrest: 173."""
    for text in ("A Kenyan judge sent the activist back to jail.",
                 "A Kenyan judge ordered the activist back to prison.",
                 "The Kenyan court placed the activist under house arrest.",
                 "A Kenyan court remanded the activist in custody.",
                 "Kenyan police took the activist into custody."):
        assert {(e.cameo, e.target.code if e.target else None) for e in coder.code_text(text, DAY)} == {
            ("173", "KENOPP")}, text


def test_custody_named_inside_the_object_is_not_the_verbs(coder):
    """The phrase must be the verb's own: a death in custody that an inquiry is into is no detention."""
    events = coder.code_text("The minister ordered an investigation into the death of a man in police custody.", DAY)
    assert events and not any(e.cameo.startswith("17") for e in events)
    events = coder.code_text("The judge ordered the release of prisoners in custody.", DAY)
    assert {e.cameo for e in events} == {"0841"}


def test_who_was_killed_in_a_fight_with_someone_was_killed_by_them(coder):
    """A passive death in a clash, gunfight or shootout "with" someone names its doer; one who died
    in a fight "with" someone was fought by them."""
    assert coded(coder, "Three Malian soldiers were killed in clashes with Islamist militants.") == {
        ("REB", "MLIMIL", "19")}
    assert coded(coder, "A suspected gang leader was killed in a shootout with Nigerian police on Friday.") == {
        ("NGACOP", "NGACRM", "19")}
    assert ("REB", "PAKMIL", "19") in coded(coder, "A militant commander died in a firefight with Pakistani troops.")


def test_a_death_in_a_fight_with_no_one_named_has_no_doer(coder):
    assert not coded(coder, "Two civilians were killed in a clash between rival militias.")
    assert not coded(coder, "The journalist was killed in a car crash in Kenya.")


def test_policemen_and_gang_members_have_their_sectors(coder):
    assert coded(coder, "Five Pakistani policemen were wounded in a gunfight with militants.") == {
        ("REB", "PAKCOP", "18")}


def test_a_states_adjective_on_its_proposal_or_decision_names_it(coder):
    """A reply to "a French proposal" or "Russian aggression" is aimed at France or Russia, as one to
    "France's proposal" is; an adjective on a topic names no one."""
    assert coded(coder, "Iran rejected a French proposal for direct talks.") == {("IRN", "FRA", "12")}
    assert coded(coder, "Poland condemned Russian aggression.") == {("POL", "RUS", "11")}
    assert coded(coder, "India rejected Pakistan's offer of talks.") == {("IND", "PAK", "12")}


def test_a_state_or_organisation_named_before_its_request_or_proposal_names_it(coder):
    """ "a U.S. request", "the EU proposal": a name in front of a noun of what is decided or asked
    stands for its owner, as an adjective does; a name before another noun still names no one."""
    assert coded(coder, "Yemen has rejected a U.S. request to interrogate detainees.") == {("YEM", "USA", "12")}
    assert coded(coder, "Poland welcomed the EU proposal.") == {("POL", "IGOEUREEC", "05")}
    assert coded(coder, "China criticized the Taiwan visit.") == {("CHN", None, "11")}


@pytest.mark.parametrize(("text", "expected"), [
    # a text one party writes: its author by adjective, organisation, abbreviated name or "-drafted"
    # (eighteenth session; sentences of our own)
    ("Egypt dismissed the British report as biased.", "GBR"),
    ("Syria condemned the IAEA resolution.", "IGOUNOIAE"),
    ("Venezuela rejected the U.S. resolution on Tuesday.", "USA"),
    ("Russia vetoed a U.S.-drafted resolution.", "USA"),
    ("Russia vetoed a US-drafted resolution.", "USA"),
    # a joint draft: both its authors
    ("Iran rejected the US-British draft.", "GBR USA"),
    # a state's full name in front is the topic; a text of two parties is no one's
    ("Israel welcomed the Ukraine resolution.", None),
    ("Israel criticized the Iran deal.", None),
    # a name with a noun between it and the text names what the text is about (review, eighteenth session)
    ("Havana dismissed the Cuban spy base report.", None),
    # unless that noun says what kind of text it is (second review, eighteenth session)
    ("Egypt rejected the British intelligence report.", "GBR"),
])
def test_the_author_of_a_text_in_front_of_it_is_whom_a_reply_is_aimed_at(coder, text: str, expected) -> None:
    assert {t for _, t, _ in coded(coder, text)} == (set(expected.split()) if expected else {None})


@pytest.mark.parametrize("text", [
    "Israel denied the report on Syria.",
    "Egypt rejected reports about Libya.",
])
def test_a_denial_is_not_aimed_at_what_it_is_about(coder, text: str) -> None:
    """A denial (016) is aimed at whoever accused, not at the topic of what is denied, as an
    optimistic comment about talks with China is about China (eighteenth session)."""
    events = [e for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES and e.cameo == "016"]
    assert events and {e.target.code if e.target else None for e in events} == {None}


def test_a_states_act_on_a_group_no_state_names_is_on_its_own(coder):
    """In a sentence naming one state, its forces' or government's act on protesters, civilians or
    insurgents is on that state's own; a curfew or a state of emergency is imposed on the state."""
    assert coded(coder, "Iranian security forces opened fire on protesters on Friday.") == {
        ("IRNCOP", "IRNOPP", "19")}
    assert coded(coder, "Authorities in Bangladesh imposed a nationwide curfew on Friday.") == {
        ("BGDGOV", "BGD", "17")}
    assert coded(coder, "South Korean President Yoon Suk Yeol declared martial law on Tuesday night.") == {
        ("KORGOV", "KOR", "17")}


def test_an_act_between_a_state_and_an_unnamed_group_of_another_is_left_alone(coder):
    """Only when every doer is of the one state named: militants attacking Kenyan troops are no
    one's, and a second state named leaves the group unplaced."""
    assert coded(coder, "Militants attacked Kenyan troops on Monday.") == {("REB", "KENMIL", "19")}
    assert coded(coder, "Ethiopian troops fired on protesters near the border with Kenya.") == {
        ("ETHMIL", "OPP", "19")}


def test_a_protest_at_home_is_aimed_at_the_government_and_one_at_an_embassy_at_its_state(coder):
    assert coded(coder, "Tens of thousands of Georgians rallied in Tbilisi on Sunday against a proposed law.") == {
        ("GEO", "GEOGOV", "14")}
    assert coded(coder, "Kenyan protesters marched through Nairobi on Tuesday.") == {("KENOPP", "KENGOV", "14")}
    assert coded(coder, "Nigerien protesters gathered outside the French embassy in Niamey.") == {
        ("NEROPP", "FRAGOV", "14")}


def test_a_protest_abroad_or_with_a_target_keeps_it(coder):
    assert coded(coder, "Thousands of Kenyans protested in London on Tuesday.") == {("KEN", "GBR", "14")}
    assert coded(coder, "Palestinians protested in Gaza against Israel.") == {("PSE", "ISR", "14")}


HAITI = ("Haitian police arrested three gang members in Port-au-Prince on Monday. "
         "Haiti's government said the gangs controlled much of the capital. ")


def test_an_office_with_no_state_named_is_the_home_states_in_a_story_about_it(coder):
    """English news names a foreign office holder with the state ("Kenyan President William Ruto"):
    "President Jovenel Moise" in a story about Haiti is Haiti's, and so is a later "he"."""
    events = coder.code_text(HAITI + "President Jovenel Moise was criticized by the United States. "
                             "He was also criticized by Canada.", DAY)
    assert {(e.source.code, e.target.code if e.target else None) for e in events if e.cameo[:2] == "11"} == {
        ("USA", "HTIGOV"), ("CAN", "HTIGOV")}


def test_an_office_holder_named_with_a_state_or_with_no_story_around_keeps_it(coder):
    events = coder.code_text(HAITI + "President William Ruto of Kenya praised the Haitian police.", DAY)
    assert {(e.source.code, e.cameo[:2]) for e in events if e.cameo[:2] == "05"} == {("KENGOV", "05")}
    alone = coder.code_text("President Jovenel Moise was criticized by the United States.", DAY)
    assert {(e.source.code, e.target.code if e.target else None) for e in alone} == {("USA", "GOV")}


def test_after_a_review_rules_of_home_stay_off_foreigners_and_outward_acts(coder):
    """A helper's review found these misfires of the rules above (sentences of its own kind, ours
    here): generals a court charges may be another state's; sanctions, entry bans and criticism
    are aimed abroad as often as at home; a protest "in support of" others is not against the
    government; "his country would send police to Haiti" shows a foreign office holder."""
    assert coded(coder, "An Argentine court ordered the arrest of generals accused of war crimes.") == {
        ("ARGJUD", "MIL", "17")}
    assert coded(coder, "China's foreign ministry imposed sanctions on defense companies.") == {
        ("CHNGOV", "BUS", "16")}
    assert coded(coder, "The Israeli security cabinet condemned militants for the rocket fire.") == {
        ("ISRGOV", "REB", "11")}
    assert coded(coder, "Thousands of Moroccans marched in Rabat in support of the Palestinians.") == {
        ("MAR", None, "14")}
    events = coder.code_text(HAITI + "President Rutendo Mbeki said his country would send police to Haiti. "
                             "Mbeki later criticized the gangs.", DAY)
    assert not any(e.source.code == "HTIGOV" for e in events)


def test_a_noun_that_says_when_is_not_the_act_of_the_verbs_subject(coder):
    """"Sent reinforcements to the prison after the riot": the army did not riot (and troops sent to
    a prison are no one detained)."""
    events = coder.code_text("The army sent reinforcements to the prison after the riot in Ecuador.", DAY)
    assert not any(e.cameo.startswith(("14", "17")) for e in events)


def test_a_roles_state_is_read_over_the_roles_coordinated_with_it(coder):
    """"Ukraine's president and prime minister", "Nigerian soldiers and police": the possessive or
    adjective reaches the second role too; a second role with a state of its own keeps it."""
    assert coded(coder, "Ukraine's president and prime minister condemned Russia.") == {("UKRGOV", "RUS", "11")}
    assert coded(coder, "Nigerian soldiers and police arrested 20 suspects.") == {
        ("NGAMIL", None, "17"), ("NGACOP", None, "17")}
    assert coded(coder, "The Kenyan president and Somali officials met in Nairobi.") == {
        ("KENGOV", "SOMGOV", "04"), ("SOMGOV", "KENGOV", "04")}


def test_a_place_read_through_nested_phrases_and_a_states_adjective(coder):
    """"near the town of Bama in Borno state", "in the Kenyan capital", "in the Somali city of X"."""
    assert coded(coder, "Nigerian troops killed 12 insurgents in a gunbattle near the town of Bama in Borno state "
                        "on Sunday.") == {("NGAMIL", "NGAREB", "19")}
    assert coded(coder, "Protesters set fire to cars in the Kenyan capital on Tuesday.") == {("KENOPP", "KEN", "18")}
    assert coded(coder, "Gunmen attacked a hotel in the Somali city of Beledweyne.") == {("SOMUAF", "SOM", "19")}


def test_a_border_named_for_a_state_does_not_place_what_happens_near_it(coder):
    assert coded(coder, "Rebels attacked villages near the Cameroon border.") == {("REB", "CVL", "19")}


def test_protesters_at_home_protest_their_own_states_organs(coder):
    assert coded(coder, "Thousands of Georgians protested against the government on Sunday.") == {
        ("GEO", "GEOGOV", "14")}
    # abroad, the police may be the host's: left with no state
    assert coded(coder, "Thousands of Kenyans protested in London against the police.") == {("KEN", "COP", "14")}


def test_whose_accusation_or_proposal_is_denied_or_rejected(coder):
    assert coded(coder, "China rejected a proposal by Japan.") == {("CHN", "JPN", "12")}
    assert coded(coder, "Rwanda denied accusations by Uganda on Monday.") == {("RWA", "UGA", "01")}


def test_between_whom_a_third_party_acts(coder):
    """"brokered a deal between X and Y", "mediated between X and Y": X and Y are the targets; not
    the doer's own state among them ("praised the ties between Russia and North Korea")."""
    assert coded(coder, "Turkey brokered a deal between Russia and Ukraine on grain exports.") == {
        ("TUR", "RUS", "04"), ("TUR", "UKR", "04")}
    assert coded(coder, "Russia mediated between Armenia and Azerbaijan.") == {
        ("RUS", "ARM", "04"), ("RUS", "AZE", "04")}
    assert coded(coder, "Lavrov praised the ties between Russia and North Korea.") == {("RUSGOV", "PRK", "05")}
    # organisations, which have no state, keep all of theirs
    assert coded(coder, "The UN praised the ties between the EU and the African Union.") == {
        ("IGOUNO", "IGOEUREEC", "05"), ("IGOUNO", "IGOAFR", "05")}


def test_those_fighting_between_themselves_are_not_targets_of_an_act_with_no_doer(coder):
    displaced = "Thousands of civilians were displaced by fighting between Sudanese forces and rebels."
    assert coded(coder, displaced) == set()


def test_force_used_to_disperse_or_drive_out_someone_is_used_on_them(coder):
    assert coded(coder, "Riot police in Nairobi fired tear gas to disperse hundreds of demonstrators on Tuesday.") == {
        ("KENCOP", "KENOPP", "17")}
    assert coded(coder, "Russia attacked Ukraine to protect Russians.") == {("RUS", "UKR", "19")}


def test_the_doer_of_a_fight_named_on_a_verb_coordinated_after_the_killing(coder):
    """"were killed and four wounded in a clash with X": the parser hangs the clash on "wounded"
    (the ELN, Colombia's insurgency, an actor since the twenty-fourth session)."""
    assert coded(coder, "Two Colombian soldiers were killed and four wounded in a clash with ELN guerrillas "
                        "on Saturday.") == {("COLREB", "COLMIL", "19")}


def test_a_comment_of_attitude_is_aimed_at_whom_it_is_about(coder):
    """"expressed optimism about talks with China", "concern over the fighting in Sudan",
    "concerned about the Israeli strikes": CAMEO codes such comments with the party they concern."""
    assert coded(coder, "Japan expressed optimism about talks with China.") == {("JPN", "CHN", "01")}
    assert coded(coder, "The UN expressed concern over the fighting in Sudan.") == {("IGOUNO", "SDN", "01")}
    assert coded(coder, "Iran said it was concerned about the Israeli strikes.") == {("IRN", "ISR", "01")}
    # a plain statement stays addressed to no one
    assert coded(coder, "Japan made a statement about the talks.") == set()


def test_a_release_is_asked_of_whoever_holds_the_people(coder):
    """"demanded the release of two French nationals held in Iran": of Iran, not of France's own
    nationals (a pair of one state, which is no event); "journalists detained in Myanmar" too."""
    assert coded(coder, "France demanded the release of two French nationals held by Iran.") == {("FRA", "IRN", "10")}
    assert coded(coder, "The UN called for the release of journalists detained in Myanmar.") == {
        ("IGOUNO", "MMR", "02")}
    # a target of another state is left alone
    assert coded(coder, "Japan called for the release of two French nationals.") == {("JPN", "FRA", "02")}


def test_an_acronym_the_text_defines_stands_for_its_actor_later(coder):
    """ "the Kenya Defence Forces (KDF)" once, "the KDF" after: the same actor. The letters must be
    the name's initials, ending with its head's: other capitals define nothing."""
    poachers = " The KDF arrested two Somali poachers."
    assert coded(coder, poachers) == set()
    assert coded(coder, "The Kenya Defence Forces (KDF) said so." + poachers) == {("KENMIL", "SOM", "17")}
    assert coded(coder, "The Kenya Defence Forces, or KDF, said so." + poachers) == {("KENMIL", "SOM", "17")}
    assert coded(coder, "The Kenya Defence Forces (KDA) said so." + poachers.replace("KDF", "KDA")) == set()


@pytest.mark.parametrize(("text", "expected"), [
    # a post, a convoy or a vehicle of an agent stands for the agent when it is attacked
    ("Militants attacked a Pakistani police station.", {("REB", "PAKCOP", "19")}),
    ("Russian drones struck a Ukrainian military convoy.", {("RUS", "UKRMIL", "19")}),
    ("Rebels ambushed a Malian army patrol.", {("REB", "MLIMIL", "19")}),
])
def test_an_agents_post_or_convoy_stands_for_the_agent(coder, text, expected):
    assert coded(coder, text) == expected


def test_foreign_agents_take_no_state_from_the_story(coder):
    """ "Foreign troops" in a story about Afghanistan are not Afghanistan's; "police" are, and so
    are "the foreign minister" and "the Foreign Ministry" (the affairs they deal with)."""
    story = "Afghan officials said militants attacked Kabul. Afghan police arrived. "
    assert ("AFGCOP", "AFGCVL", "09") in coded(coder, story + "Police searched the village.")
    assert ("MIL", "AFGCVL", "09") in coded(coder, story + "Foreign troops searched the village.")
    assert ("AFGGOV", "CHNGOV", "04") in coded(coder, story + "The foreign minister met the Chinese ambassador.")
    assert ("AFGGOV", "CHNGOV", "04") in coded(coder, story + "The Foreign Ministry met the Chinese ambassador.")


def test_is_in_capitals_is_the_islamic_state_but_not_in_a_headline(coder):
    assert coded(coder, "Iraqi forces arrested seven IS members in Anbar.") == {("IRQMIL", "IMGMUSISI", "17")}
    # a short name in a run of capitals may be a common word ("SAY IS MEMBERS", "THIS IS")
    for headline in ("IRAQI FORCES SAY IS MEMBERS WERE ARRESTED.", "THIS IS A TEST."):
        doc = coder.nlp(headline)
        assert "IS" not in [m.text for m in coder.actors.find(doc)]
    # two acronyms side by side are names
    assert coded(coder, "The US FBI arrested two Chinese nationals.") == {("USACOP", "CHN", "17")}


def test_a_place_where_they_meet_is_no_party(coder):
    assert coded(coder, "Sudanese and Chadian officials met at the African Union headquarters in Addis Ababa.") \
        == {("SDNGOV", "TCDGOV", "04"), ("TCDGOV", "SDNGOV", "04")}


@pytest.mark.parametrize(("text", "expected"), [
    # the one helped, whom the parser makes the subject of a bare infinitive, and the date on it
    ("India helped Mauritius build an airstrip last year.", {("IND", "MUS", "07", date(2023, 1, 1))}),
    ("The United States helped Ukraine repel the offensive in 2022.", {("USA", "UKR", "07", date(2022, 1, 1))}),
    ("Russia helped Iran and Syria evade sanctions in 2019.",
     {("RUS", "IRN", "07", date(2019, 1, 1)), ("RUS", "SYR", "07", date(2019, 1, 1))}),
])
def test_whom_a_state_helps_do_something_is_helped_then(coder, text: str, expected) -> None:
    found = {(e.source.code, e.target.code if e.target else None, e.cameo[:2], e.date)
             for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES and e.cameo.startswith("07")}
    assert found == expected


@pytest.mark.parametrize("text", [
    # the forces a state moves are what it moves, not whom it acts on, with no place named too
    "Mexico sent 10,000 troops to the border on Monday.",
    "Britain withdrew its troops from the region.",
    "Mexico deployed soldiers along the border.",
])
def test_forces_a_state_moves_are_not_its_target(coder, text: str) -> None:
    targets = {t for _, t, _ in coded(coder, text)}
    assert targets == {None}


@pytest.mark.parametrize(("text", "expected"), [
    # an office of an international organisation, named with its title, stays the organisation's
    ("U.N. special rapporteur Maria Okonjo visited Kabul on Monday. Okonjo criticized the Taliban.",
     ("IGOUNO", "AFGGOV", "11")),
    ("EU special envoy Lars Hedqvist arrived in Belgrade. Hedqvist urged Serbia to recognise Kosovo.",
     ("IGOEUREEC", "SRB", "02")),
])
def test_an_organisation_s_titled_official_is_the_organisation(coder, text: str, expected) -> None:
    assert expected in coded(coder, text)


def test_a_name_beside_an_organisation_with_no_title_is_no_one(coder) -> None:
    """Without a title the name is not taken for the organisation's ("U.N. Carl Bosch" says nothing
    of an office)."""
    text = "U.N. Carl Bosch visited Kabul. Bosch criticized the Taliban."
    assert ("IGOUNO", "AFGGOV", "11") not in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington engaged with the Taliban authorities in Doha.", ("USA", "AFGGOV", "04")),
    ("Indian troops engaged Pakistani soldiers near the border.", ("INDMIL", "PAKMIL", "19")),
])
def test_engaging_with_a_state_is_dealing_with_it_engaging_troops_is_fighting(coder, text: str, expected) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    # an arrest, detention, charge or sentence in the passive with no doer: the authorities of the place
    ("Two Russian activists were detained in Moscow on Monday.", ("RUSCOP", "RUSOPP", "17")),
    ("Two Americans were detained in Moscow on Monday.", ("RUSCOP", "USA", "17")),
    # or, with no place, of the state the story is about
    ("Kenyan police raided an opposition office. Two activists were arrested.", ("KENCOP", "KENOPP", "17")),
    # a release from custody too
    ("Turkish police detained a journalist. The journalist was released on bail on Friday.",
     ("TURJUD", "TURMED", "08")),
])
def test_an_act_of_the_law_with_no_doer_is_the_authorities(coder, text: str, expected) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize("text", [
    "The hostages were released on Tuesday.",  # freed by whoever held them
    "He was arrested by masked men.",  # a doer is named
    "Two activists were arrested.",  # no place, no story: whose authorities is not known
])
def test_no_authority_is_implied_where_the_text_does_not_say_whose(coder, text: str) -> None:
    assert not any(s[-3:] in ("COP", "JUD") or s in ("GOV",) for s, _, _ in coded(coder, text))


@pytest.mark.parametrize("text", [
    # a state's envoy to the organisation, a past office, an organisation that only describes him
    "Ghana's U.N. ambassador Kwame Mensah spoke on Monday. Mensah criticized the Taliban.",
    "Former U.N. envoy Lars Hedqvist spoke on Monday. Hedqvist criticized the Taliban.",
    "U.N.-sanctioned commander Abdul Rahim spoke on Monday. Rahim criticized the Taliban.",
])
def test_an_office_of_a_state_or_of_the_past_is_not_the_organisation_s(coder, text: str) -> None:
    assert not any(s.startswith("IGO") for s, _, _ in coded(coder, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan police engaged with armed bandits near Baringo on Sunday.", ("KENCOP", "KENCRM", "19")),
    ("Israeli troops engaged with Hezbollah fighters near the border.", ("ISRMIL", "LBNREB", "19")),
])
def test_engaging_with_armed_men_is_fighting_them(coder, text: str, expected) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize("text", [
    # an armed group in the story may be who holds people
    "Al-Shabab fighters overran the town. Two local officials were detained.",
    "Seven sailors were detained in Yemen after Houthi rebels seized their vessel.",
    # hostages and captives are freed by whoever held them, and so is anyone from a group's custody
    "The hostages were freed from detention in Niger on Friday.",
    "Two Nepali workers were released from Hamas custody on Friday.",
    # an occupied place is not its state's to police
    "Two journalists were detained in occupied Zaporizhzhia, Kyiv said.",
    # a story of two states does not say whose authorities
    "Australia protested to China. The Australian writer was sentenced to death.",
])
def test_no_authority_is_implied_where_another_may_hold_people(coder, text: str) -> None:
    assert not any(s[-3:] in ("COP", "JUD", "GOV") and c in ("17", "08") for s, _, c in coded(coder, text))


def test_a_release_from_a_state_s_custody_is_that_state_s(coder) -> None:
    assert ("RUSGOV", "UKRMIL", "08") in coded(
        coder, "Ukrainian prisoners of war were released from Russian custody in Belarus on Friday.")


@pytest.mark.parametrize(("text", "expected"), [
    # who undergoes the passive does the adjunct's gerund
    ("The Thai activist was released after apologizing to the Thai king.", ("THAOPP", "THAGOV", "05")),
    ("The Iranian diplomat was expelled after meeting Israeli officials.", ("IRNGOV", "ISRGOV", "04")),
])
def test_who_undergoes_a_passive_does_its_adjunct_gerund(coder, text: str, expected) -> None:
    """Whatever the gerund's mode (an act that led to an arrest may be the arrest's charge)."""
    assert expected in {(e.source.code, e.target.code if e.target else None, e.cameo[:2])
                        for e in coder.code_text(text, DAY)}


@pytest.mark.parametrize(("text", "target"), [
    # whom a condemned act hit is not whom the condemnation is aimed at: the act's doer, or no one
    ("Canada condemned the bombardment of Mariupol.", None),
    ("Norway denounced the abduction of two Malian officials.", None),
    # (an act only a state's authorities do is theirs, of the state of those held: twentieth session)
    ("Brazil condemned the imprisonment of Venezuelan opposition leaders.", "COP"),
    ("Indonesia condemned the raid on the Al-Aqsa mosque.", None),
    ("The African Union condemned the assassination of the Sudanese activists.", None),
    # a doer the act's phrase names: its possessive, a state's adjective, a group before it, "by"
    ("Canada condemned Russia's bombardment of Mariupol.", "RUS"),
    ("Jordan condemned the Israeli raid on the Al-Aqsa mosque.", "ISR"),
    ("Kenya denounced the abduction of two Malian officials by Islamist militants.", "REB"),
    # a person's possessive is who undergoes the act; a state's or a force's does it
    ("Reporters Without Borders condemned the reporter's detention.", None),
    ("Reporters Without Borders condemned Egypt's detention of the reporter.", "EGY"),
    ("The European Union condemned the junta's arrest of the opposition leader.", "GOV"),
])
def test_an_act_spoken_of_is_aimed_at_its_doer(coder, text: str, target: str | None) -> None:
    events = [e for e in coder.code_text(text, DAY) if e.cameo[:2] == "11" and e.mode in REPORTED_MODES]
    assert events
    assert {e.target.code[-3:] if e.target else None for e in events} == {target}


@pytest.mark.parametrize(("text", "expected"), [
    # the condemned act was told before: its doers (the noun of action names the verb's act)
    ("Somali pirates hijacked a fishing vessel off Puntland. India condemned the hijacking of the vessel.",
     ("IND", "SOMCRM")),
    ("Russian troops occupied the nuclear plant. Japan denounced the occupation.", ("JPN", "RUSMIL")),
    ("Belarusian police detained the blogger on Monday. Lithuania condemned the blogger's detention.",
     ("LTU", "BLRCOP")),
])
def test_an_act_spoken_of_refers_back_to_its_doer(coder, text: str, expected) -> None:
    assert expected in {(e.source.code, e.target.code if e.target else None)
                        for e in coder.code_text(text, DAY) if e.cameo[:2] == "11"}


@pytest.mark.parametrize(("text", "target"), [
    # a state's own name before the act, or an adjective on its weapon
    ("Venezuela condemned the U.S. sanctions on its oil company.", "USA"),
    ("Syria denounced the Israel strike on Damascus airport.", "ISR"),
    ("Poland condemned the Russian drone attack on Lviv.", "RUS"),
    # a target outside the act's own phrase stays
    ("Lebanon condemned Israel over the bombing of the Beirut suburb.", "ISR"),
])
def test_an_act_spoken_of_names_its_doer_otherwise(coder, text: str, target: str) -> None:
    assert target in {e.target.code if e.target else None for e in coder.code_text(text, DAY)
                      if e.cameo[:2] == "11" and e.mode in REPORTED_MODES}


@pytest.mark.parametrize(("text", "expected"), [
    # a threat is aimed at whom the threatened act would hit; a discussion at whom it is held with;
    # praise PETRARCH-2 codes as disapproval of the victim stays so
    ("Turkey threatened a ground offensive against Syria.", ("TUR", "SYR")),
    ("India discussed the shelling of Kashmir with Russia.", ("IND", "RUS")),
    ("Iran praised the Houthi attack on Israel.", ("IRN", "ISR")),
    ("Iran praised the Russian attack on Ukraine.", ("IRN", "UKR")),  # not the doer its adjective names
])
def test_threats_discussions_and_praise_of_an_act_keep_their_targets(coder, text: str, expected) -> None:
    assert expected in {(e.source.code[:3], e.target.code[:3] if e.target else None)
                        for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES}


@pytest.mark.parametrize(("text", "expected"), [
    # a name or a definite phrase for the earlier act's victim still refers back
    ("Iranian police detained a British tourist in May. London condemned the detention of Craig Foreman.", "IRN"),
    ("Russian forces shelled Kherson on Sunday. The EU condemned the shelling of civilians.", "RUS"),
    # a text issued is a statement about its topic; "-led" names the doer
    ("Turkey issued a statement on Armenia on Friday.", "ARM"),
    ("Qatar condemned the Saudi-led blockade of Yemen.", "SAU"),
])
def test_referring_back_and_statements_keep_their_targets(coder, text: str, expected: str) -> None:
    assert expected in {e.target.code[:3] if e.target else None for e in coder.code_text(text, DAY)
                        if e.cameo[:2] in ("11", "01") and e.mode in REPORTED_MODES}


@pytest.mark.parametrize(("text", "expected"), [
    # an act done to someone new, or in another state, is not the act told before
    ("Gunmen killed four police officers in Kano on Monday. On Tuesday, Britain condemned the killing of a "
     "British aid worker in Abuja.", None),
    # (an arrest in Nepal is by Nepal's authorities, not the soldiers of the Dhaka arrest: twentieth session)
    ("Soldiers arrested five students in Dhaka on Monday. Amnesty International criticized the arrest of "
     "activists in Nepal.", "NPL"),
    # a seizure PETRARCH-2 coded otherwise is still the seizure
    ("Iran seized two Greek tankers in the Gulf. Greece condemned the seizure of the tankers.", "IRN"),
])
def test_referring_back_to_an_act_needs_what_it_was_done_to(coder, text: str, expected) -> None:
    second = text[text.rindex(". ", 0, len(text) - 1) + 2:]
    targets = {e.target.code[:3] if e.target else None for e in coder.code_text(text, DAY)
               if e.cameo[:2] == "11" and e.evidence_text.startswith(second[:15])}
    assert targets == {expected}


@pytest.mark.parametrize(("text", "target"), [
    # a text's "on" phrase is what it is about, not whom the act on the text is aimed at
    ("China vetoed a resolution on Myanmar.", None),
    ("China vetoed a resolution on Myanmar's elections.", None),  # whatever the topic names
    ("The General Assembly adopted a resolution on Eritrea.", None),
    ("Hungary vetoed an EU statement on Georgia.", "IGO"),
    # a text of a state's stands for that state
    ("Moscow rejected a French proposal on Moldova.", "FRA"),
])
def test_a_text_s_topic_is_not_a_target(coder, text: str, target: str | None) -> None:
    events = [e for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES]
    assert events
    assert {e.target.code[:3] if e.target else None for e in events} == {target}


@pytest.mark.parametrize(("text", "expected"), [
    # not when the verb does the act, blames someone for it, claims it or undoes it
    ("Kyiv blamed the shelling on Moscow.", ("UKR", "RUS")),
    ("Israel lifted the blockade of Gaza.", ("ISR", "PSE")),
    ("Ukrainian forces repelled the assault on Kharkiv.", ("UKRMIL", "UKR")),
])
def test_acts_done_blamed_or_undone_keep_their_targets(coder, text: str, expected) -> None:
    assert expected in {(e.source.code, e.target.code[:3] if e.target else None) for e in coder.code_text(text, DAY)}


# An armed group's violence in its own state, and the victims and places a story gives it
# (sentences of our own, nineteenth session).

def test_an_armed_groups_attack_in_a_place_of_its_own_state_is_on_that_state(coder):
    """Named as generic militants or by name, an armed group attacking in its own state attacks it;
    a state's own forces fighting at home do not take their state as target."""
    assert coded(coder, "The Baloch Liberation Army attacked a train in Balochistan on Tuesday.") == {
        ("PAKREB", "PAK", "19")}
    assert coded(coder, "Al-Shabab fighters attacked a hotel in Mogadishu on Tuesday.") == {("SOMREB", "SOM", "19")}
    assert coded(coder, "Russian troops attacked a bridge in the Kursk region of Russia.") == {("RUSMIL", None, "19")}


def test_victims_with_no_place_in_their_clause_take_the_sentences_place(coder):
    assert coded(coder, "Passengers of a train held in Balochistan described their ordeal as the army ended the "
                        "siege and killed 33 militants.") == {("PAKMIL", "PAKREB", "19")}
    # not the place of another doer's clause (found by a review)
    assert coded(coder, "Ukrainian drones killed three people as Russian forces advanced in Donetsk.") == {
        ("UKR", "PPL", "19")}


def test_an_armed_groups_attack_with_no_target_or_place_is_on_the_storys_state(coder):
    """A story told in one state: the attack a later sentence tells with no target or place is on
    that state. Not when the story names places in two states, nor a state's own forces."""
    text = ("Militants attacked a passenger train in Pakistan's Balochistan province on Tuesday. "
            "The militants blew up the tracks and stormed the train.")
    events = [e for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES]
    assert len(events) == 3 and {(e.source.code, e.target.code if e.target else None) for e in events} == {
        ("PAKREB", "PAK")}
    assert coded(coder, "Militants attacked a train in Pakistan on Tuesday. Other militants attacked a bus in "
                        "Afghanistan. Gunmen then stormed a hotel.") == {
        ("PAKREB", "PAK", "19"), ("AFGREB", "AFG", "18"), ("UAF", None, "19")}
    assert coded(coder, "Russian troops shelled Kharkiv on Monday. Russian troops attacked again at night.") == {
        ("RUSMIL", "UKR", "19"), ("RUSMIL", None, "19")}
    # a story that names the state a group fights: not on its own state (found by a review)
    assert coded(coder, "Israeli airstrikes killed 20 people in Gaza on Tuesday. Hamas fighters attacked "
                        "overnight.") == {("ISR", "PSEPPL", "19"), ("PSEREBHMS", None, "19")}
    # where a speaker is places no act: the story has no state to aim the attack at (the gunmen are
    # Qatar's as the story's only state, an older rule)
    assert coded(coder, "Officials in Qatar said on Tuesday that talks would resume. Gunmen then stormed a "
                        "hotel.") == {("QATUAF", None, "19")}


@pytest.mark.parametrize(("text", "expected"), [
    # sentences of our own (nineteenth session): the small model reads "in Israeli shelling" as
    # killed "in Israeli" and "shelling" as a verb; the people's name is the doer, not a place
    ("Three people were killed in Russian shelling in Kharkiv on Tuesday.", ("RUS", "UKRPPL", "19", "2024-06-18")),
    ("Two soldiers were killed by Azerbaijani shelling in Armenia on Monday.",
     ("AZE", "ARMMIL", "19", "2024-06-17")),
    ("Four children were killed in Israeli tank shelling in Gaza on Friday.", ("ISR", "PSECVL", "19", "2024-06-14")),
    # a place named by a part of it ("in the east of the Gaza Strip")
    ("Four children were killed in Israeli tank shelling in the east of the Gaza Strip on Friday.",
     ("ISR", "PSECVL", "19", "2024-06-14")),
])
def test_a_killing_in_a_peoples_shelling_is_theirs(coder, text, expected):
    events = [e for e in coder.code_text(text, DAY) if e.mode in REPORTED_MODES]
    assert {(e.source.code, e.target.code if e.target else None, e.cameo[:2], e.date.isoformat())
            for e in events} == {expected}


def test_a_place_before_a_misread_shelling_is_no_doer(coder):
    """'killed in Donetsk shelling': where, not whose (found by a review, nineteenth session)."""
    assert coded(coder, "Three people were killed in Donetsk shelling on Friday.") == set()


def test_a_states_adjective_on_what_a_target_phrase_names_is_the_target(coder):
    """Sentences of our own (twentieth session): tariffs raised "on Mexican steel", a ban lifted "on
    Australian wine" are done to the state whose goods they are; an organ or a people named in the
    phrase keeps its own reading."""
    assert coded(coder, "The United States raised tariffs on Mexican steel.") == {("USA", "MEX", "16")}
    assert coded(coder, "Beijing lifted its ban on Australian wine.") == {("CHN", "AUS", "08")}
    assert coded(coder, "Britain imposed sanctions on Russian banks.") == {("GBR", "RUS", "16")}
    # goods of two states coordinated: each (a review's case, twentieth session)
    assert coded(coder, "China lifted its ban on Australian wine and New Zealand lamb.") == {
        ("CHN", "AUS", "08"), ("CHN", "NZL", "08")}


def test_a_protest_at_an_arrest_no_one_is_named_for_is_aimed_at_the_states_authorities(coder):
    """Sentences of our own (twentieth session): an arrest or a detention only a state's authorities
    make, condemned with no doer named, is aimed at those of the state where it was made, else of
    the state of those held; not at the speaker's own, and not at a state no one names."""
    assert coded(coder, "Amnesty International condemned the arrest of two reporters in Minsk.") == {
        ("NGOHRIAMN", "BLRCOP", "11")}
    assert ("CAN", "VENCOP", "11") in coded(coder, "Canada condemned the detention of Venezuelan opposition leaders.")
    assert coded(coder, "Canada condemned the detention of Canadian citizens.") == {("CAN", None, "11")}
    # the place the parser hangs on those held is where they were arrested; "abroad" is no state's
    # (a review's cases, twentieth session)
    assert coded(coder, "Chile condemned the arrest of a Peruvian diplomat in Bolivia.") == {("CHL", "BOLCOP", "11")}
    assert coded(coder, "Chile condemned the arrest of Peruvian activists abroad.") == {("CHL", None, "11")}
    assert coded(coder, "Canada condemned the detention of the journalist.") == {("CAN", None, "11")}


def test_verbs_joined_before_one_object_each_act_on_it(coder):
    """Sentences of our own (twenty-first session): in "killed and wounded 20 soldiers" the soldiers
    are killed too; each verb joined by "and" or "or" before a shared object acts on it, and reads
    its patterns with it ("imposed and then delayed tariffs on Mexico" imposes tariffs)."""
    assert coded(coder, "Russian forces killed and wounded 20 Ukrainian soldiers.") == {("RUSMIL", "UKRMIL", "19"),
                                                                                          ("RUSMIL", "UKRMIL", "18")}
    assert coded(coder, "China condemned and rejected the Japanese resolution.") == {("CHN", "JPN", "11"),
                                                                                      ("CHN", "JPN", "12")}
    assert ("USA", "MEX", "16") in coded(coder, "The United States first imposed and then delayed tariffs on Mexico.")
    assert ("TUR", "SYROPP", "17") in coded(coder, "Turkey detained and deported three Syrian activists.")
    # three verbs: the first two share the last one's object
    assert ("ISR", "LBN", "19") in coded(coder, "Israel bombed, shelled and raided Lebanon.")
    # and the later verb's prepositions: to whom, where (a review's cases, twenty-first session)
    assert coded(coder, "Germany donated and delivered armored vehicles to Ukraine.") == {("DEU", "UKR", "07")}
    assert coded(coder, "Algeria recalled and then reinstated its ambassador to Spain.") == {("DZA", "ESP", "16")}


def test_a_verb_that_takes_no_object_shares_none(coder):
    """Sentences of our own (twenty-first session): those arrested after police arrived are not
    arrived at; a verb with an object or a subject of its own keeps its own."""
    assert coded(coder, "Police arrived and arrested 20 Kenyan protesters.") == {("COP", "KENOPP", "17")}
    assert coded(coder, "Iran retaliated and attacked Israel.") == {("IRN", "ISR", "19")}
    assert coded(coder, "The Serbian minister resigned and criticized the Kosovo government.") == {
        ("SRBGOV", None, "08"), ("SRBGOV", "KSVGOV", "11")}
    assert coded(coder, "China complained to Japan and condemned the American resolution.") == {
        ("CHN", "JPN", "11"), ("CHN", "USA", "11")}


def test_a_name_that_is_no_actor_is_no_target(coder):
    """Sentences of our own (twenty-first session): a sea named after a state is neither the state
    nor an actor of its own."""
    assert coded(coder, "India and Mauritius reaffirmed their commitment to an open Indian Ocean.") == {
        ("IND", None, "05"), ("MUS", None, "05")}



def test_an_object_pronoun_of_a_participle_of_asking_is_whom_the_act_is_done_to(coder):
    """Sentences of our own (twenty-first session): "sent a letter to Poland asking it to ...": the
    letter's appeal is to Poland; "summoned the Russian ambassador, urging him to ...": to him. Not
    a pronoun for the act itself ("calling it a success")."""
    assert coded(coder, "Germany sent a letter to Poland asking it to reconsider the decision.") == {
        ("DEU", "POL", "04"), ("DEU", "POL", "02")}
    assert ("KOR", "RUSGOV", "02") in coded(coder,
                                            "Seoul summoned the Russian ambassador, urging him to explain the treaty.")
    assert coded(coder, "China praised the Russian plan, calling it a success.") == {("CHN", "RUS", "05")}
    # the pronoun agrees with what it stands for, and a thing the act is done to is no one (a
    # review's cases, twenty-first session)
    assert ("COL", None, "11") in coded(coder, "Colombia recalled its ambassador from Israel, accusing it of genocide.")
    assert ("IRN", None, "05") in coded(coder, "Iran hailed the attack on Israel, praising it as a lawful response.")
    assert ("USALEG", "JPNGOV", "02") in coded(
        coder, "Ten U.S. senators sent a letter to the Japanese prime minister urging him to lift the ban.")


def test_a_title_in_the_text_gives_the_office_the_dictionary_has_not_yet(coder):
    """Sentences of our own (twenty-first session): "Iranian President Masoud Pezeshkian" on a day
    the dictionary has him a legislator still: the writer gives him the office. Not a past or a
    coming one."""
    assert coded(coder, "Iranian President Masoud Pezeshkian criticized Israel.") == {("IRNGOV", "ISR", "11")}
    assert coded(coder, "Former President Donald Trump criticized Iran.") == {("USAELI", "IRN", "11")}
    assert coded(coder, "President-elect Masoud Pezeshkian criticized Israel.") == {("IRNLEG", "ISR", "11")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Georgia, which Russia invaded in 2008, sent a delegation to Geneva.", ("RUS", "GEO", "19")),
    ("Taiwan, which China threatened with new drills last week, protested.", ("CHN", "TWN", "13")),
    ("The Japanese envoys, whom the Chinese foreign minister criticized on Monday, left Beijing.",
     ("CHNGOV", "JPNGOV", "11")),
])
def test_a_relative_pronoun_object_stands_for_the_noun_of_its_clause(coder, text: str, expected) -> None:
    """The object of "which", "whom", "that" in a relative clause is the noun the clause is on
    (twenty-second session); before, the act had no target."""
    assert expected in coded(coder, text)


def test_a_trailing_which_after_an_object_may_stand_for_the_whole_act(coder) -> None:
    """", which the UN condemned" after an object may be said of the strike, not of the place."""
    assert ("IGOUNO", "PSEGZA", "11") not in coded(coder, "Israel struck Gaza, which the United Nations condemned.")


def test_a_weapon_a_relative_clause_says_was_used_is_not_its_makers_target(coder) -> None:
    """"The American bombs that Israel dropped on Rafah": the bombs' adjective names their maker;
    the target is where they fell. A weapon bought is a deal with the state it is of."""
    dropped = coded(coder, "The American bombs that Israel dropped on Rafah killed 45 people.")
    assert ("ISR", "PSEGZA", "19") in dropped and not any(s == "ISR" and t == "USA" for s, t, _ in dropped)
    bought = [e for e in coder.code_text("The Russian fighter jets that India bought last year were delivered late.",
                                         DAY) if e.mode in REPORTED_MODES]
    assert [(e.source.code, e.target.country if e.target else None, e.cameo[:2]) for e in bought] == [
        ("IND", "RUS", "06")]


@pytest.mark.parametrize(("text", "expected"), [
    ("A U.S. drone strike killed an al-Shabab commander in Somalia.", ("USA", "SOMREB", "19")),  # a name before it
    ("A NATO airstrike killed 12 Afghan civilians.", ("IGOWSTNAT", "AFGCVL", "19")),  # an organisation's
    ("A Pakistani military operation killed 30 militants in Balochistan.", ("PAK", "PAKREB", "19")),
    ("A Hamas attack killed about 1,200 people in Israel.", ("PSEREBHMS", "ISRPPL", "19")),  # an armed group's
])
def test_who_does_a_strike_or_an_operation_that_kills_is_named_before_it(coder, text: str, expected) -> None:
    """The subject of a killing is an act or an operation: whose it is, its state's name or adjective
    says (twenty-second session); before, these had no source and were dropped."""
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "state"), [
    ("The Kharkiv strike killed ten civilians.", "UKR"),  # a place
    ("The Syria strike killed two Iranian generals, Tehran said.", "SYR"),  # a state's name spelled out is
    ("The Israel attack killed about 1,200 people.", "ISR"),  # where or whom, not who (the review's)
])
def test_a_place_or_victim_before_a_strike_is_not_its_doer(coder, text: str, state: str) -> None:
    assert not any(s.startswith(state) for s, _, _ in coded(coder, text))


def test_a_crackdown_names_no_doer_of_force(coder) -> None:
    """A crackdown may be on subsidies or apps: "hit" after it is no use of force."""
    assert not any(r == "19" for _, _, r in coded(coder, "The EU crackdown on subsidies hit Chinese carmakers."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Israeli airstrikes killed at least 22 Palestinians in Gaza.", ("ISR", "PSE", "19")),  # parsed as a participle
    ("Israeli strikes killed at least 40 people in Lebanon.", ("ISR", "LBNPPL", "19")),  # parsed as the verb
])
def test_a_verb_the_parser_hangs_on_the_only_noun_has_it_as_subject(coder, text: str, expected) -> None:
    """The parser may make a sentence's only verb a participle on its subject ("airstrikes [killed]
    at least 22 Palestinians"); with an object it is no passive, so the noun does it (the
    twenty-second session's review). The same sentence parsed with its verb is coded alike."""
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany pledged 500 million euros in aid to Ukraine on Monday.", ("DEU", "UKR", "03")),
    ("China pledged billions of dollars in loans to Pakistan.", ("CHN", "PAK", "03")),
    # the amount's "to" comes before a "from" in it: given to Vietnam, not to the maker
    ("Japan donated 3 million doses of vaccines from Pfizer to Vietnam.", ("JPN", "VNM", "07")),
])
def test_an_amount_given_in_aid_to_a_state_is_given_to_it(coder, text: str, expected) -> None:
    """Sentences of our own: "500 million euros [in aid] to Ukraine": the amount's "in" phrase says
    what is given, and holds to whom; the pledge had no target (mode untargeted)."""
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    # near a state named as a state: outside it, so no target (a helper's review, twenty-fourth session)
    ("M23 rebels seized a border town near Uganda.", {("CODREB", None, "19")}),
    ("Houthi rebels attacked a ship near Eritrea.", {("YEMREB", None, "19")}),
    # near a town: in the town's state
    ("Russian troops attacked a convoy near Kharkiv.", {("RUSMIL", "UKR", "19")}),
    # drills held near a state are aimed at it
    ("China held military drills near Taiwan on Monday.", {("CHN", "TWN", "15")}),
])
def test_an_act_near_a_state_is_outside_it_and_near_a_town_in_its_state(coder, text, expected):
    """Sentences of our own."""
    assert coded(coder, text) == expected


def test_a_show_of_force_near_a_state_is_aimed_at_it(coder):
    """Warships sent or drills held near a state are a show of force at it (a sentence of our own)."""
    assert coded(coder, "Russia deployed warships near Finland on Monday.") == {("RUS", "FIN", "15")}


@pytest.mark.parametrize(("text", "expected"), [
    # someone who acts for another is that other's, as the phrase after the noun says
    ("A spokeswoman for the Kenyan foreign ministry criticized Somalia.", {("KENGOV", "SOM", "11")}),
    ("An aide to the Iraqi prime minister accused Turkey of bombing a village.", {("IRQGOV", "TUR", "11")}),
    ("The chief of the Egyptian army visited Sudan.", {("EGYMIL", "SDN", "04"), ("SDN", "EGYMIL", "04")}),
    # a role and a name joined with no "and" are one person
    ("The spokesman for the Thai government, Ambassador Chai Wong, condemned Cambodia.", {("THAGOV", "KHM", "11")}),
])
def test_a_person_acting_for_another_is_that_others(coder, text, expected):
    assert coded(coder, text) == expected


def test_an_envoy_to_a_state_is_not_that_states(coder):
    """"to" says where an envoy is sent, not whom the envoy serves."""
    assert coded(coder, "China's ambassador to Russia criticized Japan.") == {("CHNGOV", "JPN", "11")}


@pytest.mark.parametrize(("text", "expected"), [
    # a role with an owner of its own is that owner's: its "for" or "to" phrase is a portfolio or a client
    ("The Spanish foreign ministry's adviser for Morocco criticized Algeria.", {("ESPGOV", "DZA", "11")}),
    ("A Canadian adviser to the Ghanaian government criticized Togo.", {("CAN", "TGO", "11")}),
    # nor is an audience, or an activity with a place in its phrase, the one served
    ("The U.N.'s head of relief operations in Sudan criticized Chad.", {("IGOUNO", "TCD", "11")}),
])
def test_a_role_with_an_owner_of_its_own_or_serving_no_actor_keeps_its_owner(coder, text, expected):
    """A helper's review (twenty-fifth session) found these shapes taken for the one served."""
    assert coded(coder, text) == expected


def test_a_spokesman_for_the_media_is_not_the_media(coder):
    """Whom a spokesman speaks to is no one he speaks for (a helper's review, twenty-fifth session)."""
    events = coder.code_text("The Egyptian army's spokesman for foreign media condemned Israel.", DAY)
    assert {e.source.country for e in events if e.mode in REPORTED_MODES} == {"EGY"}


@pytest.mark.parametrize(("text", "expected"), [
    # a spokesman of a force speaks for it: "spokesman" alone is a government's
    ("A Turkish military spokesman accused Syria of shelling a border post.", ("TURMIL", "SYR", "11")),
    ("The Indian army's spokesman accused Pakistan of violating the ceasefire.", ("INDMIL", "PAK", "11")),
    ("A Kenyan police spokesman accused Somalia of harbouring militants.", ("KENCOP", "SOM", "11")),
    ("A Turkish government spokesman criticized Syria.", ("TURGOV", "SYR", "11")),
])
def test_a_spokesman_speaks_for_the_force_named_before_the_word(coder, text, expected):
    """The spokesman's events (the accused's claimed acts aside)."""
    assert {e for e in coded(coder, text) if e[0][:3] == expected[0][:3]} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    # the leader or president of a group a possessive names is the group's, as with "of"
    ("The rebels' leader accused Sudan of bombing villages.", ("REB", "SDN", "11")),
    ("The court's president rejected Kenya's request.", ("JUD", "KEN", "12")),
    ("The president of the court rejected Kenya's request.", ("JUD", "KEN", "12")),
])
def test_a_leader_or_president_of_a_group_is_the_groups(coder, text, expected):
    assert coded(coder, text) == {expected}


def test_a_former_holder_of_a_role_speaks_for_the_body_no_more(coder):
    """A helper's review (twenty-fifth session): "former" ends the role."""
    assert coded(coder, "A former Kenyan police spokesman criticised the Kenyan government.") == set()
    assert ("JUD", "POLGOV", "17") not in coded(
        coder, "The court's former president accused the Polish government of undermining judges.")
