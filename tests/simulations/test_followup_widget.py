"""The follow-up widget driven from Python as a participant's clicks would drive it (issue 17
item 4): filters, an update with evidence, what changed, and a save that loses nothing."""

from __future__ import annotations

import pytest

from uprkit.data import load_recommendations
from uprkit.simulations.followup import build_matrix, read_matrix, save_matrix, write_matrix
from uprkit.simulations.followup.versions import last_saved_version
from uprkit.widgets.followup import ALL, FollowupTracker


@pytest.fixture
def matrix_file(tmp_path):
    matrix = build_matrix(load_recommendations(), state="KEN", cycle=4)
    return write_matrix(matrix, tmp_path / "followup-KEN-cycle4.xlsx")


def test_filters_by_cluster_issue_and_status(matrix_file):
    tracker = FollowupTracker(matrix_file, language="en")
    everything = len(tracker.matrix)
    assert "36 of 36 recommendations shown." in tracker.table.value
    cluster = tracker.matrix["cluster"].value_counts().index[0]
    shown = tracker.filter(cluster=cluster)
    assert len(shown) == tracker.matrix["cluster"].eq(cluster).sum() < everything
    assert set(tracker.row.options) and all(v in set(shown.recommendation_id)
                                            for _, v in tracker.row.options)  # fmt: skip
    labour = tracker.filter(issue="labour")
    assert len(labour) and all("labour" in i.split("; ") for i in labour["issues"])
    assert tracker.filter(status="implemented").empty
    assert "0 of 36" in tracker.table.value
    assert len(tracker.filter(cluster=ALL, issue=ALL, status=ALL)) == everything


def test_update_through_the_form_shows_the_change_and_saves_it(matrix_file):
    tracker = FollowupTracker(matrix_file, language="en")
    rid = tracker.row.options[1][1]
    tracker.row.value = rid
    tracker.new_status.value = "partially implemented"
    tracker.evidence.value = "The bill was tabled in Parliament"
    tracker.evidence_date.value = "2026-11-02"
    tracker.evidence_source.value = "Hansard, 2 Nov 2026"
    tracker.update_button.click()
    assert "not saved yet" in tracker.status.value
    tracker.changes_button.click()
    assert "partially implemented" in tracker.changes_view.value
    assert len(tracker.changes()) == 4
    tracker.save_button.click()
    assert "Saved" in tracker.status.value and "versions" in tracker.status.value
    row = read_matrix(matrix_file).set_index("recommendation_id").loc[rid]
    assert (row["status"], row["evidence_date"]) == ("partially implemented", "2026-11-02")
    assert last_saved_version(matrix_file) is not None
    assert tracker.changes().empty
    tracker.changes_button.click()
    assert "No change since the last save." in tracker.changes_view.value


def test_a_bad_date_is_refused_with_a_message_and_nothing_changes(matrix_file):
    tracker = FollowupTracker(matrix_file, language="en")
    tracker.row.value = tracker.row.options[0][1]
    tracker.evidence_date.value = "03/12/2026"
    tracker.update_button.click()
    assert "is not a date written YYYY-MM-DD" in tracker.status.value
    assert "uprkit-error" in tracker.status.value
    assert tracker.changes().empty


def test_a_partners_save_meanwhile_is_merged_not_overwritten(matrix_file):
    tracker = FollowupTracker(matrix_file, language="en")
    rid = tracker.matrix["recommendation_id"].iloc[0]
    tracker.update(rid, status="in progress")
    partner = read_matrix(matrix_file)
    partner.loc[0, "status"] = "implemented"
    partner.loc[5, "cso_lead"] = "Partner NGO"
    save_matrix(partner, matrix_file)
    result = tracker.save()
    assert result.merged and len(result.conflicts) == 2
    assert "2 cells to decide" in tracker.status.value
    saved = read_matrix(matrix_file)
    assert saved.loc[5, "cso_lead"] == "Partner NGO"
    assert "status" in saved.loc[0, "conflict"]


def test_the_widget_speaks_the_participants_language(matrix_file):
    tracker = FollowupTracker(matrix_file, language="ar")
    assert tracker.save_button.description == "حفظ المصفوفة"
    assert 'dir="rtl"' in tracker.table.value
    assert "لم يبدأ التنفيذ" in tracker.table.value  # "not started"
    french = FollowupTracker(matrix_file, language="fr")
    french.update(french.matrix["recommendation_id"].iloc[0], status="regressed")
    assert "pas encore enregistrée" in french.status.value
