"""The simulations on real UPR Info data (sessions 1-5), read through the kit's own importer."""

from __future__ import annotations

import pytest

from uprkit.simulations.dialogue import draft_report, plan_dialogue, script_responses
from uprkit.simulations.stakeholders import shortlist_states
from uprkit.simulations.workbench import past_recommendations, summarise_responses

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def sessions_1_to_5(real_data):
    from uprkit.data.importers.upr_info import import_upr_info

    return import_upr_info(real_data / "upr_info_sessions_1-20" / "1-5.csv").data


def test_workbench_reads_real_past_recommendations(sessions_1_to_5):
    past = past_recommendations(sessions_1_to_5, "CHN", "torture")
    assert len(past) >= 5
    assert (past["state_under_review"] == "CHN").all()
    summary = summarise_responses(past)
    assert summary["supported"].sum() + summary["noted"].sum() == len(past)


def test_lobbying_shortlist_on_real_data(sessions_1_to_5):
    from uprkit.data import load_states

    shortlist = shortlist_states(sessions_1_to_5, "CHN", "torture", load_states())
    assert len(shortlist) == 10
    assert "CHN" not in set(shortlist["recommending_state"])
    assert list(shortlist["score"]) == sorted(shortlist["score"], reverse=True)
    assert shortlist["on_issue_to_sur"].max() >= 1  # someone recommended on torture to China
    assert shortlist["name"].notna().all()


def test_dialogue_replays_real_recommendations_with_their_responses(sessions_1_to_5):
    dialogue = plan_dialogue(
        "CHN", registered=60, seed=2, session=4, recommendations=sessions_1_to_5
    )
    to_china = sessions_1_to_5[sessions_1_to_5["state_under_review"] == "CHN"]
    said = {t for s in dialogue.statements for t in s.recommendations}
    assert len(said & set(to_china["text"])) >= 40
    answered = script_responses(dialogue, seed=2)
    real = dict(zip(to_china["text"], to_china["response"].astype(str), strict=False))
    for rec in answered.recommendations():
        if rec.text in real and real[rec.text] in ("supported", "noted"):
            assert answered.responses[rec.number].value == real[rec.text]
    assert "China" in draft_report(answered).to_text()
