"""The followup_matrix assignment's checks, run on a participant's likely mistakes: each failure
says what to fix, partial answers earn partial points (the full grading path, sandbox and
gradebook included, is tests/grading/test_assignments_grading.py)."""

from __future__ import annotations

import contextlib
import io

import nbformat
import pytest

from uprkit.grading.checks import AnswerCheckFailed
from uprkit.training.demo_cohort import read_solution_answers

NAME = "followup_matrix"


@pytest.fixture(scope="module")
def notebook(kit_root):
    return nbformat.read(kit_root / "solutions" / NAME / f"{NAME}.ipynb", as_version=4)


def _cell(notebook, grade_id: str) -> str:
    return next(c.source for c in notebook.cells if c.metadata["nbgrader"]["grade_id"] == grade_id)


def _run(notebook, answers: dict[str, str], check: str):
    """Run the setup, the answers up to the checked one, then that check cell's code."""
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(_cell(notebook, "setup"), namespace)
        for grade_id, answer in answers.items():
            exec(answer, namespace)
            if check == f"test_{grade_id}":
                break
        return eval_last(_cell(notebook, check), namespace)


def eval_last(code: str, namespace: dict):
    """Run ``code`` and return its last expression's value, as nbgrader scores a check cell."""
    body, found, last = code.rstrip().rpartition("\naward(")
    if not found:
        exec(code, namespace)
        return None
    exec(body, namespace)
    return eval("award(" + last, namespace)


@pytest.fixture(scope="module")
def answers(kit_root):
    solved = read_solution_answers(kit_root / "solutions" / NAME / f"{NAME}.ipynb")
    return {k: solved[k] for k in ("build_matrix", "record_evidence", "action_shares",
                                   "choose_priorities")}  # fmt: skip


def test_the_solution_earns_every_point(notebook, answers):
    assert _run(notebook, answers, "test_build_matrix") is None
    assert _run(notebook, answers, "test_record_evidence") == 3
    assert _run(notebook, answers, "test_action_shares") == 2
    assert _run(notebook, answers, "test_choose_priorities") == 3


def test_an_untouched_answer_says_to_replace_the_dots(notebook, answers):
    with pytest.raises(AnswerCheckFailed, match=r"`matrix` is still `...`"):
        _run(notebook, {**answers, "build_matrix": "matrix = ..."}, "test_build_matrix")


def test_another_states_matrix_names_what_to_build(notebook, answers):
    wrong = {**answers, "build_matrix": 'matrix = matrix_from_kit(state="VNM", cycle=4).matrix'}
    with pytest.raises(AnswerCheckFailed, match=r"\['VNM'\].*state=\"KEN\" and cycle=4"):
        _run(notebook, wrong, "test_build_matrix")


def test_a_date_in_another_format_is_named_with_its_column(notebook, answers):
    answer = answers["record_evidence"].replace("2026-05-02", "02/05/2026")
    wrong = {**answers, "record_evidence": answer}
    with pytest.raises(
        AnswerCheckFailed, match=r"column evidence_date: '02/05/2026' is not a date"
    ):
        _run(notebook, wrong, "test_record_evidence")


def test_a_status_outside_the_list_is_refused(notebook, answers):
    answer = answers["record_evidence"].replace('"regressed"', '"worse"')
    wrong = {**answers, "record_evidence": answer}
    with pytest.raises(AnswerCheckFailed, match=r"'worse' is not a status of the list"):
        _run(notebook, wrong, "test_record_evidence")


def test_shares_counting_in_progress_lose_a_point(notebook, answers):
    wrong = {**answers, "action_shares": "supported_share = 50.0\nnoted_share = 25.0"}
    assert _run(notebook, wrong, "test_action_shares") == 1


def test_priorities_earn_a_point_per_rule_kept(notebook, answers):
    noted = {**answers, "choose_priorities": 'priorities = ["ILL-0314", "ILL-0312", "ILL-0310"]'}
    assert _run(notebook, noted, "test_choose_priorities") == 2  # ILL-0310 was noted
    with pytest.raises(AnswerCheckFailed, match=r"ILL-9999: not a recommendation of your matrix"):
        _run(notebook, {**answers, "choose_priorities": 'priorities = ["ILL-9999"]'},
             "test_choose_priorities")  # fmt: skip
