"""Report tables: evaluation answers read without running code, exports, summaries, privacy."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from uprkit.reports.answers import read_evaluation_answers
from uprkit.reports.build import build_report
from uprkit.reports.exports import export_tables, load_tables
from uprkit.reports.statistics import summarise_gains, summarise_ratings, summarise_scores
from uprkit.reports.tables import CohortTables
from uprkit.training.demo_cohort import fill_answers


def _exercise(kit_root, name="programme_evaluation"):
    return nbformat.read(kit_root / "exercises" / name / f"{name}.ipynb", as_version=4)


def test_evaluation_answers_are_read_from_the_submitted_source(tmp_path, kit_root):
    answers = {
        "ratings": "ratings = {'upr_basics': 5, 'lobbying': (\n    ...\n)}",
        # prose under %%answer (uprkit.grading.prose): an unmatched quote is just text
        "most_useful": "%%answer most_useful\nThe role-play's \"speakers list",
        "to_improve": "%%answer to_improve\n# YOUR CODE HERE\n...",
        "follow_up_un": "%%answer follow_up_un\nSend a shadow report",
    }
    path = tmp_path / "evaluation.ipynb"
    nbformat.write(fill_answers(_exercise(kit_root), answers), path)
    read = read_evaluation_answers(path)
    assert read["ratings"] == {"upr_basics": 5, "lobbying": None}
    assert read["most_useful"] == "The role-play's \"speakers list" and read["to_improve"] is None
    assert read["follow_up_un"] == "Send a shadow report" and read["follow_up_national"] is None


def test_code_in_an_answer_is_never_run(tmp_path, kit_root):
    marker = tmp_path / "ran"
    answers = {"ratings": f"ratings = open({str(marker)!r}, 'w').write('x')"}
    path = tmp_path / "evaluation.ipynb"
    nbformat.write(fill_answers(_exercise(kit_root), answers), path)
    assert read_evaluation_answers(path)["ratings"] is None
    assert not marker.exists()


def test_every_lesson_in_the_course_can_be_rated(tmp_path, kit_root):
    """The evaluation's form, its check, the report's labels and the demo cohort cover the same
    lessons as course/ (a lesson missing anywhere would vanish from the ratings per lesson)."""
    import ast

    from uprkit.reports.answers import read_evaluation_answers
    from uprkit.reports.tables import LESSON_LABELS
    from uprkit.training.demo_cohort import Quality, generate_submissions

    numbers = {path.name[:2] for path in (kit_root / "course").glob("[0-9][0-9]-*.ipynb")}
    assert sorted(label[:2] for label in LESSON_LABELS.values()) == sorted(numbers)
    lessons = set(LESSON_LABELS)
    source = kit_root / "solutions" / "programme_evaluation" / "programme_evaluation.ipynb"
    assert set(read_evaluation_answers(source)["ratings"]) == lessons
    exercise = _exercise(kit_root)
    cells = {c.metadata["nbgrader"]["grade_id"]: c.source for c in exercise.cells}
    checked = next(
        node.value
        for node in ast.parse(cells["test_ratings"]).body
        if isinstance(node, ast.Assign) and node.targets[0].id == "LESSONS"
    )
    assert set(ast.literal_eval(checked)) == lessons
    assert all(f"| `{lesson}` |" in cells["intro"] for lesson in lessons)
    written = generate_submissions(
        kit_root / "exercises", kit_root / "solutions", [f"p{i:02}" for i in range(1, 9)],
        tmp_path, assignments=["programme_evaluation"])  # fmt: skip
    filled = [s for s in written if s.quality not in (Quality.BROKEN, Quality.BLANK)]
    assert filled
    for submission in filled:
        ratings = read_evaluation_answers(submission.path)["ratings"]
        assert set(ratings) == lessons and all(1 <= r <= 5 for r in ratings.values())


def test_a_broken_notebook_gives_no_answers(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    assert read_evaluation_answers(path) == {}


def _tables():
    scores = pd.DataFrame(
        {
            "participant": ["Participant 01", "Participant 02", "Participant 03"],
            "assignment": ["recommendations"] * 3,
            "skill": ["Drafting SMART recommendations"] * 3,
            "score": [18.0, 9.0, None],
            "max_score": [18.0] * 3,
            "percent": [100.0, 50.0, None],
            "status": ["graded", "graded", "not graded"],
            "reason": ["", "", "invalid JSON"],
        }
    )
    gains = pd.DataFrame(
        {
            "participant": ["Participant 01", "Participant 02"],
            "pre": [40.0, 60.0],
            "post": [90.0, 50.0],
            "gain": [50.0, -10.0],
        }
    )
    ratings = pd.DataFrame(
        {
            "participant": ["Participant 01", "Participant 02"],
            "lesson": ["lobbying", "lobbying"],
            "rating": [5, 3],
        }
    )
    empty = pd.DataFrame(columns=["participant", "question", "answer"])
    return CohortTables(
        scores=scores,
        learning_gains=gains,
        ratings=ratings,
        open_answers=empty,
        follow_up=pd.DataFrame(
            {"participant": ["Participant 01"], "level": ["UN"], "plan": ["Brief the مكتب embassy"]}
        ),
        participation=pd.DataFrame(
            {"breakdown": ["gender"], "group": ["woman"], "participants": [3]}
        ),
        not_graded=scores.loc[[2], ["participant", "assignment", "status", "reason"]],
    )


def test_ungraded_submissions_are_counted_apart_not_as_zero():
    summary = summarise_scores(_tables().scores).iloc[0]
    assert summary["mean %"] == 75.0 and summary["graded"] == 2 and summary["not graded"] == 1


def test_gains_and_ratings_summaries():
    assert summarise_gains(_tables().learning_gains) == {
        "paired": 2,
        "mean pre %": 50.0,
        "mean post %": 70.0,
        "mean gain": 20.0,
        "improved": 1,
    }
    row = summarise_ratings(_tables().ratings).iloc[0]
    assert (row["count"], row["mean"], row[5], row[3], row[1]) == (2, 4.0, 1, 1, 0)


def test_exports_round_trip_through_csv_and_xlsx(tmp_path):
    written = export_tables(_tables(), tmp_path)
    assert {p.name for p in written} >= {"scores.csv", "cohort_tables.xlsx"}
    back = load_tables(tmp_path)
    assert back.follow_up["plan"].tolist() == ["Brief the مكتب embassy"]
    assert back.scores["percent"].isna().tolist() == [False, False, True]
    sheets = pd.read_excel(tmp_path / "cohort_tables.xlsx", sheet_name=None, engine="openpyxl")
    assert set(sheets) == {name for name, _ in _tables().items()}


@pytest.mark.slow
def test_reports_build_pseudonymised_from_a_real_gradebook(tmp_path):
    from reports_fixtures import make_graded_workshop

    ws, ids = make_graded_workshop(tmp_path / "ws", 12, seed=3)
    cohort = build_report(ws, kind="cohort")
    funder = build_report(ws, kind="funder", with_names=True)  # names never reach a funder
    transcript = build_report(ws, kind="transcript", participant=ids[0])
    # Figures are embedded as base64 PNG: their bytes can spell "s001" by chance, and hold no text.
    texts = [
        re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", p.read_text(encoding="utf-8"))
        for p in (cohort.html, funder.html, transcript.html)
    ]
    texts += [p.read_text(encoding="utf-8-sig") for p in cohort.tables if p.suffix == ".csv"]
    for text in texts:
        assert "Ñandú" not in text and "s001" not in text and "Org 1" not in text
    scores = load_tables(cohort.tables[0].parent).scores
    assert scores["participant"].str.match(r"Participant \d\d$").all()
    assert len(scores) == 12 * 4
    participation = load_tables(cohort.tables[0].parent).participation
    assert participation["participants"].min() >= 3
    assert "Learning: knowledge check before and after" in texts[0]
    named = build_report(ws, kind="cohort", with_names=True)
    assert "Ñandú" in named.html.read_text(encoding="utf-8")
    assert json.loads(cohort.html.with_suffix(".ipynb").read_text(encoding="utf-8"))["cells"]
