"""The drafting workbench: past recommendations, analyser feedback, saved drafts."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from simulation_fixtures import make_recommendations
from uprkit.errors import DataError, InputFileError
from uprkit.simulations.workbench import (
    SMART_ELEMENTS,
    compare_with_past,
    give_feedback,
    load_drafts,
    make_draft,
    past_recommendations,
    save_drafts,
    similarity,
    summarise_responses,
)
from uprkit.widgets import workbench as workbench_widget


@pytest.fixture
def corpus():
    return make_recommendations()


def test_past_recommendations_on_an_issue_and_the_responses(corpus):
    past = past_recommendations(corpus, "KEN", "international_instruments")
    assert set(past["recommendation_id"]) == {"r1", "r4", "r10"}
    summary = summarise_responses(past).set_index("action_category")
    assert summary.loc[5, "supported"] == 2 and summary.loc[3, "noted"] == 1
    assert summary.loc[5, "share_supported"] == 1.0
    with pytest.raises(DataError, match="unknown issue 'instruments'"):
        past_recommendations(corpus, "KEN", "instruments")
    with pytest.raises(DataError, match="no recommendations to 'XXX'"):
        past_recommendations(corpus, "XXX")


def test_feedback_uses_the_analyser_and_finds_the_closest_past(corpus):
    past = past_recommendations(corpus, "KEN", "international_instruments")
    feedback = give_feedback(
        "Ratify the Optional Protocol to the Convention against Torture by 2027.", past=past
    )
    assert feedback.action_category == 5
    assert "time frame" in feedback.smart_found
    assert set(feedback.smart_found) | set(feedback.smart_missing) == set(SMART_ELEMENTS)
    assert [element for element, _ in feedback.checklist] == list(SMART_ELEMENTS)
    assert feedback.suggestions  # something is missing, so there is advice
    assert feedback.closest.iloc[0]["text"].startswith("Ratify the Optional Protocol")
    assert feedback.closest.iloc[0]["similarity"] > 0.7
    vague = give_feedback("Continue its efforts on human rights.", past=past)
    assert vague.action_category == 2
    with pytest.raises(DataError, match="the draft is empty"):
        give_feedback("   ")


def test_similarity_is_word_overlap():
    assert similarity("Ratify the CAT", "ratify the cat") == 1.0
    assert similarity("Ratify the CAT", "") == 0.0
    assert compare_with_past("x", pd.DataFrame()).empty


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_saving_drafts_appends_and_never_overwrites(tmp_path, suffix):
    path = tmp_path / f"drafts{suffix}"
    feedback = give_feedback("Establish an independent NHRI by 2026.")
    draft = make_draft(feedback, author="p07", state_under_review="KEN", issue="nhri")
    save_drafts([draft], path)
    save_drafts([draft], path)  # the same id again: kept, renamed, nothing lost
    saved = load_drafts(path)
    assert list(saved["draft_id"]) == ["p07-KEN-1", "p07-KEN-1.2"]
    assert saved.iloc[0]["action_category"] == "5"
    assert "time frame" in saved.iloc[0]["smart_found"]
    if suffix == ".json":
        assert json.loads(path.read_text(encoding="utf-8"))[0]["author"] == "p07"
    with pytest.raises(InputFileError, match=r"\.csv or \.json"):
        save_drafts([draft], tmp_path / "drafts.txt")


def test_workbench_widget_round_trip(tmp_path, corpus):
    view = workbench_widget.show(
        recommendations=corpus,
        state_under_review="KEN",
        author="p03",
        drafts_path=tmp_path / "mine.csv",
    )
    assert "earlier recommendation" in view.past_view.value  # one, or several
    assert " to Kenya on " in view.past_view.value  # names, not ids
    view.issue.value = "international_instruments"
    assert "3 earlier recommendations" in view.past_view.value
    view.draft.value = "Ratify the Convention on enforced disappearance by 2027."
    view.check_button.click()
    assert "Action category: 5" in view.feedback_view.value
    assert "✘ measurable target" in view.feedback_view.value
    view.save_button.click()
    assert "Draft saved" in view.status.value
    assert load_drafts(tmp_path / "mine.csv").iloc[0]["author"] == "p03"
    view.draft.value = ""
    view.check_button.click()
    assert "the draft is empty" in view.status.value
