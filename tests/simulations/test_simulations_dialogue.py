"""The Working Group dialogue rules, with the figures of the fact sheet (§3, §3.1)."""

from __future__ import annotations

import unicodedata

import pytest

from simulation_fixtures import make_recommendations, make_states
from uprkit.errors import SimulationError, UnknownStateError, UprkitError
from uprkit.simulations.dialogue import (
    MAX_OTHER_DELEGATIONS,
    Response,
    add_statement,
    allocate_speaking_time,
    draft_report,
    draw_speakers_list,
    draw_troika,
    extract_recommendations,
    name_of,
    parse_response,
    pick_inscribed_states,
    plan_dialogue,
    respond,
    script_responses,
)
from uprkit.simulations.dialogue.report import hrc_session_for


@pytest.fixture
def states():
    return make_states()


@pytest.fixture
def corpus():
    return make_recommendations()


# --- speaking time: 140 min / n (fact sheet §3, DERIVED) ---------------------------------------


@pytest.mark.parametrize(
    ("registered", "seconds", "formatted"),
    [
        (40, 210.0, "3 min 30 s"),
        (80, 105.0, "1 min 45 s"),
        (110, 8400 / 110, "1 min 16 s"),
        (94, 8400 / 94, "1 min 29 s"),  # Slovenia, Jan 2025 [SVN-WG]
        (186, 8400 / 186, "45 s"),  # arithmetic only: China's 45 s (>160) was observed [AP-CHINA]
    ],
)
def test_speaking_time_divides_140_minutes(registered, seconds, formatted):
    time = allocate_speaking_time(registered)
    assert time.seconds_per_delegation == pytest.approx(seconds)
    assert time.formatted == formatted
    assert time.seconds_per_delegation * registered == pytest.approx(140 * 60)
    assert not time.capped


def test_default_maxima_are_a_parameter_marked_unconfirmed():
    uncapped = allocate_speaking_time(40)
    assert "UNCONFIRMED" in uncapped.note
    capped = allocate_speaking_time(40, default_maximum_seconds=180)
    assert capped.capped and capped.seconds_per_delegation == 180
    assert "UNCONFIRMED" in capped.note
    # with many States the cap does not bite: the division rules
    assert not allocate_speaking_time(110, default_maximum_seconds=180).capped


@pytest.mark.parametrize("registered", [0, -3])
def test_empty_list_of_speakers_is_refused(registered):
    with pytest.raises(SimulationError, match="empty"):
        allocate_speaking_time(registered)


def test_more_delegations_than_can_exist_is_refused_with_the_rule():
    with pytest.raises(SimulationError) as info:
        allocate_speaking_time(MAX_OTHER_DELEGATIONS + 1)
    message = str(info.value)
    assert "195" in message and "194" in message and "observer" in message


# --- list of speakers ---------------------------------------------------------------------------


def test_speakers_in_english_alphabetical_order_wrapping_around(states):
    inscribed = ["ZWE", "AFG", "TUR", "MKD", "DZA", "CIV", "URY"]
    names = dict(zip(states["iso3"], states["name"], strict=True))
    orders = set()
    for seed in range(30):
        speakers = draw_speakers_list(inscribed, state_under_review="KEN", seed=seed, states=states)
        order = list(speakers.order)
        assert sorted(order) == sorted(inscribed)
        start = order.index("AFG")
        alphabetical = order[start:] + order[:start]
        # Côte d'Ivoire sorts as "cote", Türkiye as "turkiye": English alphabetical order
        assert [names[c] for c in alphabetical] == [
            "Afghanistan",
            "Algeria",
            "Côte d'Ivoire",
            "North Macedonia",
            "Türkiye",
            "Uruguay",
            "Zimbabwe",
        ]
        assert speakers.starting_state == order[0]
        orders.add(tuple(order))
    assert len(orders) == len(inscribed)  # every starting point gets drawn over 30 seeds
    wrapped = next(o for o in orders if o[0] == "MKD")
    assert wrapped == ("MKD", "TUR", "URY", "ZWE", "AFG", "DZA", "CIV")


def test_speakers_list_is_reproducible_with_a_seed(states):
    inscribed = ["ZWE", "AFG", "TUR", "MKD", "DZA", "CIV", "URY", "NOR", "FRA"]
    first = draw_speakers_list(inscribed, state_under_review="KEN", seed=7, states=states)
    again = draw_speakers_list(inscribed, state_under_review="KEN", seed=7, states=states)
    assert first == again


def test_speakers_list_refuses_bad_input(states):
    with pytest.raises(SimulationError, match="empty"):
        draw_speakers_list([], state_under_review="KEN", seed=1, states=states)
    with pytest.raises(SimulationError, match="State under review"):
        draw_speakers_list(["KEN", "FRA"], state_under_review="KEN", seed=1, states=states)
    with pytest.raises(SimulationError, match="twice: FRA"):
        draw_speakers_list(["FRA", "fra"], state_under_review="KEN", seed=1, states=states)


def test_unknown_state_lists_close_matches(states):
    with pytest.raises(UnknownStateError) as info:
        draw_speakers_list(["Frence"], state_under_review="KEN", seed=1, states=states)
    assert "Frence" in str(info.value) and "France" in str(info.value)
    assert isinstance(info.value, UprkitError)


def test_names_and_codes_are_both_accepted(states):
    speakers = draw_speakers_list(
        ["Turkiye", "cote d'ivoire", "NOR"], state_under_review="Kenya", seed=0, states=states
    )
    assert set(speakers.order) == {"TUR", "CIV", "NOR"}


def test_registered_count_picks_earlier_recommenders_first(states, corpus):
    picked = pick_inscribed_states("KEN", 4, seed=3, states=states, recommendations=corpus)
    assert set(picked) == {"DEU", "FRA", "URY", "ZAF", "NOR"} & set(picked)
    assert len(picked) == 4 and "KEN" not in picked
    with pytest.raises(SimulationError, match="only 19 States other than Kenya"):
        pick_inscribed_states("KEN", 25, seed=3, states=states, recommendations=corpus)


# --- troika -------------------------------------------------------------------------------------


def test_troika_comes_from_three_regional_groups_and_never_the_sur(states):
    drawn = set()
    for seed in range(200):
        troika = draw_troika("KEN", seed=seed, states=states)
        assert len(set(troika.regional_groups)) == 3
        assert "KEN" not in troika.members
        drawn.update(troika.members)
    assert len(drawn) >= 15  # the lot reaches nearly every candidate
    assert draw_troika("KEN", seed=5, states=states) == draw_troika("KEN", seed=5, states=states)


def test_troika_needs_three_groups(states):
    with pytest.raises(SimulationError, match="three different groups"):
        draw_troika("KEN", seed=1, hrc_members=["FRA", "DEU", "ZAF", "NOR"], states=states)
    troika = draw_troika("KEN", seed=1, hrc_members=["FRA", "ZAF", "JPN", "KEN"], states=states)
    assert set(troika.members) == {"FRA", "ZAF", "JPN"}
    assert "UNCONFIRMED" in troika.note


# --- responses ----------------------------------------------------------------------------------


def test_responses_vocabulary():
    assert parse_response("accepted") is Response.SUPPORTED
    assert parse_response("Noted") is Response.NOTED
    partial = parse_response("partially supported")
    assert partial is Response.PARTIALLY_SUPPORTED and not partial.is_official
    with pytest.raises(SimulationError, match="note a recommendation but not reject"):
        parse_response("rejected")
    with pytest.raises(SimulationError, match="expected 'supported', 'noted'"):
        parse_response("maybe")


# --- the whole dialogue -------------------------------------------------------------------------


def test_plan_dialogue_is_reproducible_and_uses_the_corpus(states, corpus):
    first = plan_dialogue(
        "KEN", registered=12, seed=1, session=49, states=states, recommendations=corpus
    )
    again = plan_dialogue(
        "KEN", registered=12, seed=1, session=49, states=states, recommendations=corpus
    )
    assert first == again
    other = plan_dialogue(
        "KEN", registered=12, seed=2, session=49, states=states, recommendations=corpus
    )
    assert other.speakers.order != first.speakers.order or other.troika != first.troika
    assert len(first.statements) == 12
    assert first.speaking_time.formatted == "11 min 40 s"
    germany = first.statement_of("DEU")
    # Germany repeats what it recommended to Kenya before, topped up from the corpus
    assert set(germany.recommendations) & {
        "Ratify the Optional Protocol to the Convention against Torture.",
        "Abolish the death penalty in law by 2027.",
    }
    per_speaker = [len(s.recommendations) for s in first.statements]
    assert min(per_speaker) >= 1 and max(per_speaker) <= 4


def test_identical_recommendations_are_merged_naming_every_state(states, corpus):
    dialogue = plan_dialogue(
        "KEN",
        registered=["DEU", "NOR"],
        seed=0,
        states=states,
        recommendations=corpus[corpus["recommendation_id"].isin(["r1", "r10"])],
    )
    recs = dialogue.recommendations()
    assert len(recs) == 1
    assert set(recs[0].recommending_states) == {"DEU", "NOR"}


def test_report_structure_and_numbering(states, corpus):
    dialogue = plan_dialogue(
        "KEN",
        registered=["DEU", "FRA", "URY", "ZAF"],
        seed=4,
        session=49,
        states=states,
        recommendations=corpus,
    )
    dialogue = respond(dialogue, {1: "supported", 2: "noted"})
    report = draft_report(dialogue, paragraph_number=140)
    text = report.to_text()
    for heading in (
        "Introduction",
        "I. Summary of the proceedings of the review process",
        "A. Presentation by the State under review",
        "B. Interactive dialogue and responses by the State under review",
        "II. Conclusions and/or recommendations",
        "Annex",
    ):
        assert heading in text
    assert "140. The following recommendations have been examined by Kenya and enjoy" in text
    assert "140.1 " in text
    assert "no later than the 60th session of the Human Rights Council" in text  # WG 49 → HRC 60
    first = dialogue.recommendations()[0]
    brackets = " ".join(f"({name_of(c, states)})" for c in first.recommending_states)
    assert f"140.1 {first.text.rstrip('.')}; {brackets}" in text
    total = sum(report.counts.values())
    assert total == len(dialogue.recommendations())
    assert report.counts["supported"] == 1 and report.counts["noted"] == 1
    assert "<h3>II. Conclusions and/or recommendations</h3>" in report.to_html()


def test_scripted_responses_follow_the_corpus_then_the_75_percent_rule(states, corpus):
    dialogue = plan_dialogue(
        "KEN",
        registered=["DEU", "FRA", "URY", "ZAF", "NOR"],
        seed=2,
        states=states,
        recommendations=corpus,
    )
    answered = script_responses(respond(dialogue, {1: "partially supported"}), seed=3)
    assert answered.responses[1] is Response.PARTIALLY_SUPPORTED  # the participant's answer stays
    known = {r.text: r.number for r in dialogue.recommendations()}
    for text, response in zip(corpus["text"], corpus["response"], strict=True):
        number = known.get(text)
        if number and number != 1:
            assert answered.responses[number].value == response
    report = draft_report(answered)
    assert "not an official response" in report.to_text()
    with pytest.raises(SimulationError, match="no recommendation number 99"):
        respond(dialogue, {99: "supported"})


def test_hrc_session_mapping_matches_the_fact_sheet_examples():
    assert [hrc_session_for(s) for s in (42, 43, 47, 48, 38, 40)] == [53, 54, 58, 59, 48, 50]
    assert hrc_session_for(None) is None


def test_hrc_session_mapping_follows_the_three_offsets_of_the_fact_sheet():
    """Fact sheet §4 (corrected 2026-12-03): WG 27-35 -> n+9, 36-40 -> n+10, 41 on -> n+11."""
    assert hrc_session_for(28) == 37  # Ukraine's 3rd review: A/HRC/37/16 [UKR-28]
    assert hrc_session_for(27) == 36
    assert [hrc_session_for(s) for s in range(27, 36)] == [s + 9 for s in range(27, 36)]
    assert [hrc_session_for(s) for s in range(36, 41)] == [s + 10 for s in range(36, 41)]
    assert hrc_session_for(41) == 52
    assert hrc_session_for(26) is None  # the fact sheet gives no rule before the 3rd cycle


# --- participants' statements (needs uprkit.recommendations.classify_action) -------------------


def test_statement_recommendations_are_extracted():
    text = (
        "Thank you, Mr President. Germany welcomes the delegation of Kenya. "
        "We recommend that Kenya: (a) ratify the Optional Protocol to the Convention against "
        "Torture by 2027; (b) adopt a law protecting human rights defenders."
    )
    recs = extract_recommendations(text)
    assert recs == (
        "Ratify the Optional Protocol to the Convention against Torture by 2027.",
        "Adopt a law protecting human rights defenders.",
    )


def test_statement_without_recommendation_is_refused(states, corpus):
    dialogue = plan_dialogue(
        "KEN", registered=["DEU", "FRA"], seed=1, states=states, recommendations=corpus
    )
    with pytest.raises(SimulationError, match="no recommendation in it"):
        add_statement(dialogue, "DEU", "Thank you, Mr President. We welcome the delegation.")
    with pytest.raises(SimulationError, match="not on the list of speakers"):
        add_statement(dialogue, "JPN", "Ratify the Convention against Torture.")
    played = add_statement(dialogue, "Germany", "Establish an NHRI by 2026.")
    assert played.statement_of("DEU").recommendations == ("Establish an NHRI by 2026.",)
    assert not played.statement_of("DEU").scripted
    assert "[statement written by a participant]" in draft_report(played).to_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We recommend that Kenya adopt a law on torture by 2026.",
            ("Adopt a law on torture by 2026.",),
        ),
        ("Germany recommends that the Government ratify the CAT.", ("Ratify the CAT.",)),
        ("We urge Kenya to abolish the death penalty.", ("Abolish the death penalty.",)),
        (
            "We also recommend: establish an NHRI; ratify OPCAT.",
            ("Establish an NHRI.", "Ratify OPCAT."),
        ),
        ("Kenya should ratify the OPCAT by 2027.", ("Ratify the OPCAT by 2027.",)),
        ("Thank you. We welcome the report.", ()),
        ("We note with concern the reports of torture.", ()),
    ],
)
def test_recommendations_found_in_common_statement_shapes(text, expected):
    assert extract_recommendations(text) == expected


# --- with the kit's own data (uprkit.data) -------------------------------------------------------


def test_observer_states_may_speak_but_never_sit_in_the_troika():
    dialogue = plan_dialogue("KEN", registered=["Holy See", "State of Palestine", "FRA"], seed=0)
    assert set(dialogue.speakers.order) == {"VAT", "PSE", "FRA"}
    for seed in range(40):
        assert not {"VAT", "PSE"} & set(draw_troika("KEN", seed=seed).members)
    with pytest.raises(SimulationError, match="VAT: observer State"):
        draw_troika("KEN", seed=1, hrc_members=["VAT", "FRA", "JPN", "ZAF"])
    full = pick_inscribed_states("KEN", MAX_OTHER_DELEGATIONS, seed=1)
    assert len(full) == 194 and {"VAT", "PSE"} <= set(full)  # the longest list possible
    assert allocate_speaking_time(len(full)).formatted == "43 s"


def test_dialogue_with_the_kit_data_reaches_every_group():
    from uprkit.data import load_states

    states = load_states()
    assert len(states) == 193
    dialogue = plan_dialogue("KEN", registered=110, seed=1, session=49)
    assert dialogue.speaking_time.formatted == "1 min 16 s"
    assert len(set(dialogue.troika.regional_groups)) == 3
    assert dialogue.troika.members[0] != "KEN"
    order = [name_of(c, dialogue.states) for c in dialogue.speakers.order]

    def english(name):  # accents do not count: Côte d'Ivoire sorts before Cuba
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return plain.casefold()

    start = order.index(min(order, key=english))
    assert order[start:] + order[:start] == sorted(order, key=english)
    report = draft_report(script_responses(dialogue, seed=1))
    assert sum(report.counts.values()) == len(dialogue.recommendations())
    share = report.counts["supported"] / sum(report.counts.values())
    assert 0.5 < share < 0.95  # near the ~75 % supported of real reviews [UPRI-FRAMING]


def test_a_dialogue_builds_its_names_once_and_agrees_with_name_of(states, corpus):
    dialogue = plan_dialogue("KEN", registered=6, seed=1, states=states, recommendations=corpus)
    assert dialogue.names is dialogue.names  # cached on the (frozen) dialogue
    for code in dialogue.speakers.order:
        assert dialogue.names[code] == name_of(code, states)
    assert dialogue == plan_dialogue(
        "KEN", registered=6, seed=1, states=states, recommendations=corpus
    )


def test_report_html_escapes_what_participants_write(states, corpus, tmp_path):
    from uprkit.simulations.dialogue import write_report_html

    dialogue = plan_dialogue("KEN", registered=6, seed=1, states=states, recommendations=corpus)
    speaker = dialogue.speakers.order[0]
    dialogue = add_statement(
        dialogue, speaker, "We recommend that Kenya <b>ratify</b> the CAT & adopt a law by 2027."
    )
    fragment = draft_report(dialogue).to_html()
    assert "&lt;b&gt;ratify&lt;/b&gt; the CAT &amp; adopt" in fragment
    assert "<b>ratify" not in fragment
    page = tmp_path / "report.html"
    write_report_html(draft_report(dialogue), page)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>")
    assert fragment in text and text.endswith("</body></html>")
