"""End to end on the kit's real `recommendations` assignment: full marks for the solution's
answers, zero for the untouched exercise, and feedback without the hidden tests."""

from __future__ import annotations

import html

import nbformat
import pytest

from uprkit.grading.autograde import autograde
from uprkit.grading.feedback import generate_feedback
from uprkit.training.demo_cohort import fill_answers, read_solution_answers
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.prepare import init_workshop, release_assignment
from uprkit.workshop.status import gradebook_scores

pytestmark = pytest.mark.slow


def hidden_test_lines(source_notebook) -> list[str]:
    lines = []
    for cell in nbformat.read(source_notebook, as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 12:
                lines.append(line.strip())
    return lines


def test_recommendations_assignment_through_the_whole_cycle(tmp_path, kit_root):
    source = kit_root / "solutions" / "recommendations" / "recommendations.ipynb"
    if not source.exists():
        pytest.fail("solutions/recommendations/ is missing (helper D's assignment)")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\n"
        "p1,Ana Solver,woman,Africa\np2,Ben Blank,man,Asia-Pacific\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp_path / "ws", roster, assignments=["recommendations"])
    release = release_assignment(ws, "recommendations")
    released = nbformat.read(release / "recommendations.ipynb", as_version=4)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    nbformat.write(fill_answers(released, read_solution_answers(source)), incoming / "p1.ipynb")
    nbformat.write(released, incoming / "p2.ipynb")
    assert sorted(collect_submissions(ws, "recommendations", incoming).matched) == ["p1", "p2"]

    run = autograde(ws, "recommendations", workers=2)
    by_id = run.by_participant()
    assert by_id["p1"].status == "graded", by_id["p1"].flags
    assert by_id["p2"].score == 0
    scores = gradebook_scores(ws).set_index("participant_id")
    assert scores.loc["p1", "score"] > 0 and scores.loc["p1", "status"] == "graded"

    folders = generate_feedback(ws, "recommendations")
    assert set(folders) == {"p1", "p2"}
    hidden = hidden_test_lines(source)
    assert hidden, "the assignment has hidden tests to protect"
    for folder in folders.values():
        page = html.unescape((folder / "recommendations.html").read_text(encoding="utf-8"))
        leaked = [line for line in hidden if line in page]
        assert not leaked, f"feedback shows hidden tests: {leaked[:3]}"
