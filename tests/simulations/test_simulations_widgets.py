"""The simulation widgets driven from Python: set values, click buttons, read what they show."""

from __future__ import annotations

import pytest

from simulation_fixtures import make_recommendations, make_states
from uprkit.widgets import dialogue as dialogue_widget
from uprkit.widgets import stakeholders as stakeholder_widget
from uprkit.widgets import treaty_reporting as treaty_widget


@pytest.fixture
def view():
    return dialogue_widget.show(
        state_under_review="KEN",
        registered=6,
        seed=1,
        answers_to_play=3,
        states=make_states(),
        recommendations=make_recommendations(),
    )


def test_playing_the_state_under_review(view):
    view.start_button.click()
    assert "uprkit-error" not in view.status.value
    assert "23 min 20 s" in view.setup_info.value  # 140 min ÷ 6 delegations
    assert "Troika" in view.setup_info.value
    first = view.dialogue.recommendations()[0]
    assert first.text in view.current.value
    support, note, partial, postpone = view.answer_buttons
    support.click()
    assert view.dialogue.responses[1].value == "supported"
    assert "Recommendation 1: supported" in view.status.value
    partial.click()
    postpone.click()  # the third answer ends my turn: the report appears
    assert view.report is not None
    assert view.dialogue.responses[2].value == "partially supported"
    assert 3 not in view.dialogue.responses  # postponed stays postponed
    assert "will be examined by Kenya" in view.report_view.value
    assert "II. Conclusions and/or recommendations" in view.report_view.value
    assert all(b.disabled for b in view.answer_buttons)


def test_playing_a_recommending_state(view):
    view.role.value = dialogue_widget.ROLE_RECOMMENDING_STATE
    view.start_button.click()
    assert view.play_area.children == (view.rs_panel,)
    view.delegation.value = "DEU"
    view.statement.value = "Thank you. We welcome the delegation."
    view.deliver_button.click()
    assert "no recommendation in it" in view.status.value
    assert "uprkit-error" in view.status.value
    view.statement.value = "We recommend that Kenya establish an independent NHRI by 2026."
    view.deliver_button.click()
    assert "Statement delivered by Germany: 1 recommendation recorded" in view.status.value
    assert "Establish an independent NHRI by 2026" in view.report_view.value
    assert "(Germany)" in view.report_view.value


def test_errors_show_in_the_widget(view):
    view.answer_buttons[0].click()
    assert "start the dialogue first" in view.status.value
    view.state_box.value = "Kenia"
    view.start_button.click()
    assert "Kenia" in view.status.value and "Kenya" in view.status.value
    view.state_box.value = "KEN"
    view.registered_box.value = 0
    view.start_button.click()
    assert "list of speakers is empty" in view.status.value
    view.registered_box.value = 300
    view.start_button.click()
    assert "at most 194 States" in view.status.value


def test_same_seed_same_room(view):
    view.start_button.click()
    first = view.setup_info.value
    view.start_button.click()
    assert view.setup_info.value == first
    view.seed_box.value = 2
    view.start_button.click()
    assert view.setup_info.value != first


def test_stakeholder_widget_updates_the_map_and_ranks_states():
    view = stakeholder_widget.show(
        state_under_review="KEN",
        issue="international_instruments",
        recommendations=make_recommendations(),
        states=make_states(),
    )
    assert view.grid_image.value[:4] == b"\x89PNG"  # the figures are drawn once at the start
    assert "Media" in view.grid_view.value
    view.actor.value = "Media"
    view.power.value, view.interest.value = 5, 5
    view.apply_button.click()
    assert "Media: power 5, interest 5" in view.status.value
    # the HTML grid puts Media in the top-right cell (power 5, interest 5)
    top_row = view.grid_view.value.split("<tr>")[1]
    assert top_row.removesuffix("</tr>").endswith(">Media</td>")
    assert next(a for a in view.actors if a.name == "Media").power == 5
    before = view.grid_image.value
    view.draw_button.click()
    assert view.grid_image.value != before
    view.shortlist_button.click()
    assert "Norway" in view.shortlist_view.value
    assert view.shortlist.iloc[0]["score"] >= view.shortlist.iloc[-1]["score"]


def test_treaty_widget_builds_a_calendar_and_reports_bad_lines():
    view = treaty_widget.show(
        state="KEN", in_force={"CRC": "1990-09-02"}, last_review={"CRC": "2022-05-01"}
    )
    view.build_button.click()
    assert "uprkit-error" not in view.status.value
    assert "Next NGO deadlines" in view.table.value and "UNCONFIRMED" in view.table.value
    assert "Working Group review" in view.table.value  # the UPR sits beside the treaty body
    assert view.image.value == b""
    view.draw_button.click()
    assert view.image.value[:4] == b"\x89PNG"
    view.dates.value = "CRC 1990"
    view.build_button.click()
    assert "write CODE=YYYY-MM-DD" in view.status.value


def test_dialogue_widget_defaults_to_the_members_and_the_observer_states():
    # the same default as plan_dialogue and `uprkit simulate`: Holy See and Palestine may speak
    view = dialogue_widget.DialogueView(recommendations=make_recommendations())
    codes = set(view.states["iso3"])
    assert {"VAT", "PSE"} <= codes
    assert len(codes) == 195
