"""The assignments follow the nbgrader conventions the kit promises (fast: reads JSON only)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from uprkit.training.demo_cohort import read_solution_answers
from uprkit.workshop.assignments import ASSIGNMENTS, count_points, normalise_notebook


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


@pytest.fixture(params=ASSIGNMENTS)
def solution(request, kit_root):
    return kit_root / "solutions" / request.param / f"{request.param}.ipynb"


def test_every_assignment_has_a_solution_and_an_exercise(kit_root):
    for name in ASSIGNMENTS:
        assert (kit_root / "solutions" / name / f"{name}.ipynb").is_file(), name
        assert (kit_root / "exercises" / name / f"{name}.ipynb").is_file(), name


def test_cells_carry_nbgrader_metadata_with_unique_ids(solution):
    ids = [_meta(c)["grade_id"] for c in _cells(solution) if _meta(c)]
    assert len(ids) == len(set(ids)), "duplicate grade_id"
    for cell in _cells(solution):
        meta = _meta(cell)
        assert meta, f"{solution.name}: a cell without nbgrader metadata: {cell['source'][:60]!r}"
        assert meta["schema_version"] == 3
        if meta["grade"]:
            assert meta["points"] > 0


def test_test_cells_open_with_one_line_saying_what_they_check(solution):
    for cell in _cells(solution):
        meta = _meta(cell)
        if meta.get("grade") and not meta.get("solution"):
            first = "".join(cell["source"]).splitlines()[0]
            assert re.match(r"# Checks \S", first), f"{meta['grade_id']}: {first!r}"
            assert "assert " not in "".join(cell["source"]).replace("assert require", "") or (
                "HIDDEN" in "".join(cell["source"])
            ), f"{meta['grade_id']}: use uprkit.grading.checks so a failure explains itself"


def test_every_written_answer_has_a_rubric_with_matching_points(solution, kit_root):
    manual = {
        _meta(c)["grade_id"]: _meta(c)["points"]
        for c in _cells(solution)
        if _meta(c).get("grade") and _meta(c).get("solution")
    }
    rubric_path = kit_root / "grading" / "rubrics" / f"{solution.stem}.yaml"
    if not manual:
        return
    rubric = yaml.safe_load(rubric_path.read_text(encoding="utf-8"))
    assert {p["grade_id"]: p["points"] for p in rubric["parts"]} == manual
    for part in rubric["parts"]:
        assert sum(c["points"] for c in part["criteria"]) == part["points"], part["grade_id"]


def test_the_intro_states_the_points(solution):
    points = count_points(solution)
    intro = "".join(_cells(solution)[0]["source"])
    total = points["autograded"] + points["manual"]
    assert f"**Points:** {total:g}" in intro, (solution.name, points)


def test_pre_and_post_knowledge_checks_ask_the_same_questions(kit_root):
    pre, post = (
        [
            (c["cell_type"], c["source"])
            for c in normalise_notebook(kit_root / "solutions" / n / f"{n}.ipynb")[1:]
        ]
        for n in ("knowledge_check_pre", "knowledge_check_post")
    )
    assert pre == post


def test_exercises_hold_no_answers_or_hidden_tests(kit_root):
    for name in ASSIGNMENTS:
        text = (kit_root / "exercises" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, name
        answers = read_solution_answers(kit_root / "solutions" / name / f"{name}.ipynb")
        assert answers, name
        for cell in _cells(kit_root / "exercises" / name / f"{name}.ipynb"):
            if _meta(cell).get("solution"):
                assert "YOUR ANSWER HERE" in "".join(cell["source"]), (
                    name,
                    _meta(cell)["grade_id"],
                )


def test_notebooks_are_committed_without_outputs(kit_root):
    for folder in ("solutions", "exercises"):
        for path in (kit_root / folder).glob("*/*.ipynb"):
            for cell in _cells(path):
                assert not cell.get("outputs"), f"{path} has outputs: strip them"
