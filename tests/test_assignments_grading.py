"""Through the real grading path (workshop, release, collect, sandboxed autograde, gradebook):
each solution earns every autograded point, and the untouched exercise earns zero."""

from __future__ import annotations

import nbformat
import pytest

from uprkit.assignments import ASSIGNMENTS, count_points
from uprkit.demo_cohort import fill_answers, read_solution_answers


@pytest.mark.slow
def test_solution_scores_full_marks_and_untouched_exercise_scores_zero(tmp_path, kit_root):
    from uprkit.grading import autograde, gradebook_scores
    from uprkit.workshop import collect_submissions, init_workshop, release_assignment

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
