"""Through the real grading path (workshop, release, collect, sandboxed autograde, gradebook):
each solution earns every autograded point, and the untouched exercise earns zero."""

from __future__ import annotations

import nbformat
import pytest

from uprkit.data import load_limits
from uprkit.grading.autograde import autograde
from uprkit.training.demo_cohort import fill_answers, read_solution_answers
from uprkit.workshop.assignments import ASSIGNMENTS, count_points
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.prepare import init_workshop, release_assignment
from uprkit.workshop.status import gradebook_scores


@pytest.mark.slow
def test_solution_scores_full_marks_and_untouched_exercise_scores_zero(tmp_path, kit_root):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\n"
        "solver,Ana Solver,woman,Africa\nblank,Ben Blank,man,Asia-Pacific\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp_path / "ws", roster, assignments=list(ASSIGNMENTS))
    incoming = tmp_path / "incoming"
    for name in ASSIGNMENTS:
        release = release_assignment(ws, name)
        released = nbformat.read(release / f"{name}.ipynb", as_version=4)
        answers = read_solution_answers(kit_root / "solutions" / name / f"{name}.ipynb")
        for pid, notebook in (("solver", fill_answers(released, answers)), ("blank", released)):
            (incoming / name / pid).mkdir(parents=True)
            nbformat.write(notebook, incoming / name / pid / f"{name}.ipynb")
        result = collect_submissions(ws, name, incoming / name)
        assert sorted(result.matched) == ["blank", "solver"], result
        autograde(ws, name)

    scores = gradebook_scores(ws).set_index(["participant_id", "assignment"])
    for name in ASSIGNMENTS:
        points = count_points(kit_root / "solutions" / name / f"{name}.ipynb")
        solved, blank = scores.loc[("solver", name)], scores.loc[("blank", name)]
        assert solved["status"] == "graded", (name, solved["flags"])
        assert solved["score"] == points["autograded"], (name, solved["score"], points)
        assert bool(solved["needs_manual_grade"]) == (points["manual"] > 0), name
        assert blank["score"] == 0, (name, blank["score"])
        assert solved["max_score"] == points["autograded"] + points["manual"], name


@pytest.mark.slow
def test_submission_plan_grades_on_the_trainers_limits_never_on_an_unconfirmed_number(
    tmp_path, kit_root
):
    """The word limits are UNCONFIRMED: a trainer's limits.toml reaches the participants' table
    and the checks, and the checks follow that table instead of the kit's placeholder 5,630."""

    name = "submission_plan"
    kit = load_limits()
    assert kit.loc["stakeholder_submission_words_joint", "status"] == "UNCONFIRMED"
    placeholder = kit.loc["stakeholder_submission_words_joint", "value"]
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\nsolver,Ana Solver,woman,Africa\n"
        "typed,Ben Typed,man,Asia-Pacific\nold,Cy Old,man,Africa\ncheat,Di Cheat,woman,Africa\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp_path / "ws", roster, assignments=[name])
    # The trainer checked the OHCHR page and corrects both word limits for this workshop.
    (ws.source_dir(name) / "limits.toml").write_text(
        "[limits]\nstakeholder_submission_words_joint = 5000\n"
        "stakeholder_submission_words_individual = 2500\n",
        encoding="utf-8",
    )
    release = release_assignment(ws, name)
    assert (release / "limits.toml").exists(), "participants get the trainer's limits"
    released = nbformat.read(release / f"{name}.ipynb", as_version=4)
    answers = read_solution_answers(kit_root / "solutions" / name / f"{name}.ipynb")
    typed = {**answers, "word_limit": "word_limit = 5000"}  # read off the trainer's table
    old = {**answers, "word_limit": f"word_limit = {placeholder:g}"}  # the kit's placeholder
    incoming = tmp_path / "incoming"
    cheat = {**answers, "word_limit": "word_limit = 7"}  # with a limits.toml of their own
    for pid, chosen in (("solver", answers), ("typed", typed), ("old", old), ("cheat", cheat)):
        (incoming / pid).mkdir(parents=True)
        nbformat.write(fill_answers(released, chosen), incoming / pid / f"{name}.ipynb")
    (incoming / "cheat" / "limits.toml").write_text(
        "[limits]\nstakeholder_submission_words_joint = 7\n", encoding="utf-8"
    )
    collected = collect_submissions(ws, name, incoming).matched
    assert sorted(collected) == ["cheat", "old", "solver", "typed"]
    autograde(ws, name)

    scores = gradebook_scores(ws).set_index("participant_id")
    full = count_points(kit_root / "solutions" / name / f"{name}.ipynb")["autograded"]
    assert scores.loc["solver", "score"] == full, scores.loc["solver", "flags"]
    assert scores.loc["typed", "score"] == full, scores.loc["typed", "flags"]
    # Q1 (2 points) wants the trainer's number; Q5 follows the participant's own word_limit.
    assert scores.loc["old", "score"] == full - 2, scores.loc["old", "flags"]
    # grading reads the released limits.toml, never one sent in with a submission
    assert scores.loc["cheat", "score"] == full - 2, scores.loc["cheat", "flags"]
