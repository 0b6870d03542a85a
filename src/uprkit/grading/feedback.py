"""Feedback HTML per participant that never shows the hidden tests.

Plain ``nbgrader generate_feedback`` renders the autograded notebook, whose test cells were
restored from the gradebook *with* their hidden tests (nbgrader issue #917). Before rendering we
cut the hidden-test region out of every cell's source, and replace the outputs of cells that held
hidden tests (a traceback quotes the failing line) with one plain sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader.converters import GenerateFeedback
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor

from uprkit.workshop.course import course_directory, run_converter
from uprkit.workshop.folder import Workshop, check_assignment

__all__ = ["StripHiddenTests", "generate_feedback"]

HIDDEN_NOTE = (
    "{ename}: a test of this cell did not pass. Some tests are hidden on purpose, so their "
    "code is not shown; re-read the question and check your answer above."
)


class StripHiddenTests(NbGraderPreprocessor):
    """Remove ``### BEGIN/END HIDDEN TESTS`` regions and what their outputs reveal."""

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict, index: int):
        clear = ClearHiddenTests(parent=self)
        had_hidden = clear._remove_hidden_test_region(cell)
        if had_hidden and cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    note = HIDDEN_NOTE.format(ename=output.get("ename", "Error"))
                    outputs.append(
                        NotebookNode(
                            output_type="error",
                            ename=output.get("ename", ""),
                            evalue="",
                            traceback=[note],
                        )
                    )
            cell.outputs = outputs
        return cell, resources


def generate_feedback(ws: Workshop, assignment: str) -> dict[str, Path]:
    """Write feedback/<id>/<assignment>/<notebook>.html for every graded participant.

    Returns participant_id → folder. Participants whose submission was "not graded" get none
    (their autograded copy does not exist), so feedback never shows a score that was not earned.
    """
    check_assignment(ws, assignment)
    autograded = ws.course_dir / "autograded"
    graded = (
        sorted(p.name for p in autograded.iterdir() if (p / assignment).is_dir())
        if autograded.exists()
        else []
    )
    if not graded:
        return {}
    coursedir = course_directory(ws)
    coursedir.assignment_id = assignment
    for pid in graded:
        stale = ws.course_dir / "feedback" / pid / assignment
        if stale.exists():
            shutil.rmtree(stale)
    run_converter(
        GenerateFeedback,
        ws,
        coursedir=coursedir,
        force=True,
        preprocessors=[GetGrades, StripHiddenTests, CSSHTMLHeaderPreprocessor],
    )
    folders = {}
    for pid in graded:
        folder = ws.course_dir / "feedback" / pid / assignment
        if any(folder.glob("*.html")):
            folders[pid] = folder
    return folders


def feedback_files(ws: Workshop, assignment: str) -> list[Path]:
    return sorted((ws.course_dir / "feedback").glob(f"*/{assignment}/*.html"))
