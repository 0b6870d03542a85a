"""Answers in prose (issue 14, item 4): ``%%answer name`` above plain text, in a real IPython
shell, and through nbgrader: the kit's sandboxed autograde records what plain ``nbgrader
autograde`` records for prose answers, a missing quote included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell

from uprkit.grading.checks import AnswerCheckFailed, require_text
from uprkit.grading.prose import PLACEHOLDER, UNANSWERED, AnswerCellError, read_answer_cell

KIT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shell():
    shell = InteractiveShell.instance()
    shell.run_cell("%load_ext uprkit.grading.prose")
    yield shell
    InteractiveShell.clear_instance()


def run(shell, source: str):
    result = shell.run_cell(source)
    return result


def test_the_text_under_the_first_line_is_the_answer_quotes_and_all(shell):
    text = 'L\'État doit "ratifier" le protocole (2027) # pas un commentaire\n\nDeuxième § \' """'
    result = run(shell, f"%%answer plan\n{text}\n")
    assert result.success, result.error_in_exec
    assert shell.user_ns["plan"] == text


def test_the_solution_markers_and_the_stubs_are_not_text(shell):
    run(shell, "%%answer solved\n### BEGIN SOLUTION\nRatify it.\n### END SOLUTION\n")
    assert shell.user_ns["solved"] == "Ratify it."
    for stub in ("# YOUR CODE HERE\n...", "# YOUR ANSWER HERE\n...", PLACEHOLDER, "", "  \n\n"):
        run(shell, f"%%answer empty\n{stub}")
        assert shell.user_ns["empty"] is UNANSWERED, stub


def test_an_empty_answer_fails_its_check_with_where_to_write(shell):
    run(shell, "%%answer recommendation_1\n# YOUR CODE HERE\n...")
    with pytest.raises(AnswerCheckFailed, match="write your answer under the first line"):
        require_text(shell.user_ns["recommendation_1"], "recommendation_1", min_words=8)


@pytest.mark.parametrize(
    ("first_line", "says"),
    [
        ("%%answer", "needs the name of the answer"),
        ("%%answer my plan", "write one name after %%answer"),
        ("%%answer 1st_plan", "cannot name an answer"),
        ("%%answer class", "cannot name an answer"),
    ],
)
def test_a_wrong_first_line_says_what_is_wrong(shell, capsys, first_line, says):
    result = run(shell, f"{first_line}\nSome text.")
    assert not result.success
    assert says in capsys.readouterr().err
    with pytest.raises(AnswerCellError, match=says):
        read_answer_cell(f"{first_line}\nSome text.")


def test_cells_are_read_without_running_them():
    assert read_answer_cell("%%answer x\nA plan.") == ("x", "A plan.")
    assert read_answer_cell("\n%%answer x\n") == ("x", UNANSWERED)
    assert read_answer_cell("%%answers x\nA plan.") is None
    assert read_answer_cell("x = '%%answer y'") is None


# --- through nbgrader -------------------------------------------------------------------------

NAME = "recommendations"
QUOTE_BROKEN = (
    '%%answer recommendation_1\nAdopt by 2027 a law protecting "human rights defenders, drafted '
    "by the Ministry of Justice in line with the UN Declaration on Human Rights Defenders.\n"
)


def _grades(ws) -> dict:
    from uprkit.workshop.course import open_gradebook

    grades = {}
    with open_gradebook(ws) as gradebook:
        for pid in sorted(s.id for s in gradebook.students):
            submission = gradebook.find_submission(NAME, pid)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grades[(pid, grade.name)] = (grade.auto_score, grade.needs_manual_grade)
    return grades


@pytest.mark.slow
def test_prose_answers_grade_the_same_as_plain_nbgrader(tmp_path):
    from uprkit.grading.autograde import autograde
    from uprkit.training.demo_cohort import fill_answers, read_solution_answers
    from uprkit.workshop.collect import collect_submissions
    from uprkit.workshop.folder import Workshop
    from uprkit.workshop.prepare import init_workshop, release_assignment

    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\np1,A,woman,Africa\np2,B,man,Africa\np3,C,man,Africa\n",
        encoding="utf-8",
    )
    ours = init_workshop(tmp_path / "ours", roster, assignments=[NAME])
    release = nbformat.read(release_assignment(ours, NAME) / f"{NAME}.ipynb", as_version=4)
    solution = read_solution_answers(KIT_ROOT / "solutions" / NAME / f"{NAME}.ipynb")
    assert solution["recommendation_1"].startswith("%%answer recommendation_1\n")
    incoming = tmp_path / "in"
    incoming.mkdir()
    nbformat.write(fill_answers(release, solution), incoming / "p1.ipynb")
    nbformat.write(release, incoming / "p2.ipynb")
    nbformat.write(fill_answers(release, {"recommendation_1": QUOTE_BROKEN}), incoming / "p3.ipynb")
    collect_submissions(ours, NAME, incoming)
    shutil.copytree(ours.root, tmp_path / "plain")
    plain = Workshop.at(tmp_path / "plain")

    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", NAME, "--force",
         f"--CourseDirectory.root={plain.course_dir}"],
        cwd=plain.course_dir, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    run = autograde(ours, NAME, workers=2)
    assert all(r.status == "graded" for r in run.results), run.results

    expected = _grades(plain)
    assert _grades(ours) == expected
    assert expected[("p1", "test_recommendation_1")][0] == 6.0
    assert expected[("p2", "test_recommendation_1")][0] == 0.0
    assert expected[("p3", "test_recommendation_1")][0] >= 4.0, "the missing quote cost nothing"
