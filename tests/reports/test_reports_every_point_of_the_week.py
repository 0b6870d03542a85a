"""Every report works at every point of the week: before the programme evaluation is in, with one
assignment graded, with an assignment nobody handed in, for a trainer's own assignment, for one
participant and for 200. Built from real gradebooks (``reports_fixtures``) through papermill."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from fixtures.cohort import MINI_SOURCE
from reports_fixtures import ASSIGNMENTS, make_graded_workshop
from uprkit.reports.build import build_report
from uprkit.reports.exports import load_tables
from uprkit.reports.figures import plot_gains, plot_ratings, plot_scores
from uprkit.reports.statistics import summarise_for_funder, summarise_scores
from uprkit.reports.tables import CohortTables
from uprkit.reports.transcripts import build_transcripts

RATING_COLUMNS = ["lesson", "label", "count", "mean", 1, 2, 3, 4, 5]


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_ratings_figure_before_the_evaluation_is_in_says_so():
    fig = plot_ratings(pd.DataFrame(columns=RATING_COLUMNS))
    assert any("No ratings yet" in text for text in _texts(fig))


def test_ratings_figure_of_lessons_rated_by_too_few_for_a_funder_draws_no_mean():
    blank = pd.DataFrame(
        [["upr_cycle", "02 The UPR cycle", 1, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA]],
        columns=RATING_COLUMNS,
    ).astype({"mean": "Float64", **{n: "Float64" for n in range(1, 6)}})
    fig = plot_ratings(blank)
    assert _texts(fig) == ["fewer than 3 ratings: not shown"]
    fig.savefig(io.BytesIO(), format="png")  # draws, no NaN axis limit


def test_ratings_figure_of_one_lesson_and_one_rating():
    one = pd.DataFrame([["upr_cycle", "02 The UPR cycle", 1, 4.0, 0, 0, 0, 1, 0]])
    one.columns = RATING_COLUMNS
    assert _texts(plot_ratings(one)) == ["mean 4.0"]


def test_score_figure_and_gains_of_nothing_graded_yet():
    empty = summarise_scores(
        pd.DataFrame(columns=["assignment", "skill", "percent", "status"]), by="skill"
    )
    assert empty.empty
    assert any("Nothing graded yet" in text for text in _texts(plot_scores(empty, by="skill")))
    plot_gains(pd.DataFrame(columns=["participant", "pre", "post", "gain"]))


def test_funder_totals_of_one_participant_leave_every_mean_blank():
    tables = CohortTables(
        scores=pd.DataFrame(
            {
                "participant": ["Participant 01"],
                "skill": ["Lobbying with data"],
                "percent": [80.0],
                "status": ["graded"],
            }
        ),
        learning_gains=pd.DataFrame(columns=["participant", "pre", "post", "gain"]),
        ratings=pd.DataFrame(
            {"participant": ["Participant 01"], "lesson": ["upr_cycle"], "rating": [5]}
        ),
        open_answers=pd.DataFrame(columns=["participant", "question", "answer"]),
        follow_up=pd.DataFrame(columns=["participant", "level", "plan"]),
        participation=pd.DataFrame(
            {"breakdown": ["gender"], "group": ["other/merged"], "participants": [1]}
        ),
        not_graded=pd.DataFrame(columns=["participant", "assignment", "status", "reason"]),
    )
    funder = summarise_for_funder(tables)
    assert funder.scores_by_skill["mean %"].isna().all()
    assert funder.ratings["mean"].isna().all()
    plot_ratings(funder.ratings).savefig(io.BytesIO(), format="png")


# name: (participants, assignments, unsubmitted, words the cohort report must show)
WEEK = {
    "day 1, no ratings yet": (
        6,
        ("knowledge_check_pre", "recommendations"),
        (),
        ["No ratings yet", "No participant has been graded in both knowledge checks yet"],
    ),
    "one assignment graded": (4, ("recommendations",), (), ["No ratings yet"]),
    "an assignment nobody submitted": (
        5,
        ASSIGNMENTS,
        ("recommendations",),
        ["recommendations", "not submitted", "How participants rated the lessons"],
    ),
    "the trainer's own assignment": (4, (MINI_SOURCE,), (), ["mini", "No ratings yet"]),
    "one participant": (1, ASSIGNMENTS, (), ["1 participant. "]),
}


def _build_all(ws, ids):
    cohort = build_report(ws, kind="cohort")
    funder = build_report(ws, kind="funder")
    transcripts = build_transcripts(ws, ids[0])
    for result in (cohort, funder, *transcripts):
        assert result.html.is_file()
        assert "Traceback" not in result.html.read_text(encoding="utf-8")
    return cohort, funder, transcripts


@pytest.mark.slow
@pytest.mark.parametrize("moment", list(WEEK))
def test_every_report_works_at_every_point_of_the_week(tmp_path, moment):
    participants, assignments, unsubmitted, words = WEEK[moment]
    ws, ids = make_graded_workshop(
        tmp_path / "ws", participants, assignments=assignments, unsubmitted=unsubmitted
    )
    cohort, funder, transcripts = _build_all(ws, ids)
    html = cohort.html.read_text(encoding="utf-8")
    for word in words:
        assert word in html, word
    scores = load_tables(cohort.html.parent / "tables").scores
    assert len(scores) == participants * len(assignments)
    funder_html = funder.html.read_text(encoding="utf-8")
    assert "Report to the funder" in funder_html
    if participants < 3:  # nobody's own result in a funder's report
        assert "left out" in funder_html
    assert "Transcript" in transcripts[0].html.read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_report_works_for_200_participants(tmp_path):
    ws, ids = make_graded_workshop(tmp_path / "ws", 200, seed=7)
    cohort, funder, _ = _build_all(ws, ids)
    html = cohort.html.read_text(encoding="utf-8")
    assert "200 participants" in html
    scores = load_tables(cohort.html.parent / "tables").scores
    assert len(scores) == 200 * len(ASSIGNMENTS) and scores["participant"].nunique() == 200
    assert "200 human rights defenders took part" in funder.html.read_text(encoding="utf-8")
