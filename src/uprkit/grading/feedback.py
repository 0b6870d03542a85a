"""Feedback HTML per participant that never shows the hidden tests, a traceback or a path.

Plain ``nbgrader generate_feedback`` renders the autograded notebook, whose test cells were
restored from the gradebook *with* their hidden tests (nbgrader issue #917). Before rendering we
cut the hidden-test region out of every cell's source, drop the tracebacks of cells that held
hidden tests (a traceback quotes the failing line), and drop any output that quotes a hidden
line. The page itself is the kit's (``uprkit.grading.feedback_page``): the participant's
answers and each check's message in plain words, self-contained, in the workshop's language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.converters import GenerateFeedback
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor

from uprkit.errors import WorkshopError
from uprkit.grading.feedback_page import QUOTED_NOTE, TOO_LARGE_NOTE, FeedbackPageExporter
from uprkit.i18n.messages import check_language
from uprkit.workshop.course import course_directory, run_converter
from uprkit.workshop.folder import Workshop, check_assignment
from uprkit.workshop.roster import load_roster

__all__ = ["FeedbackPages", "StripHiddenTests", "generate_feedback"]


class FeedbackPages(dict):
    """participant_id → feedback folder, and ``needs_a_look``: participant_id → why their page
    is missing (the others' pages are written all the same)."""

    def __init__(self, *args, needs_a_look: dict[str, str] | None = None):
        super().__init__(*args)
        self.needs_a_look = dict(needs_a_look or {})


HIDDEN_SOURCE = "# The tests of this cell are hidden."


class StripHiddenTests(NbGraderPreprocessor):
    """Remove ``### BEGIN/END HIDDEN TESTS`` regions and what their outputs reveal.

    Only the kit's own cells hold hidden tests: a participant's answer that happens to contain
    the marker words is their text, shown as written (nbgrader's own step raised "No end hidden
    tests statement found" on it and the participant got no feedback). A test cell whose
    markers cannot be matched loses its whole source rather than show a hidden line.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Strip every cell, then drop any output, in any cell, that quotes a hidden line: a
        kernel receives the hidden tests as code when their cell runs, and could print them
        later from an answer cell of its own."""
        hidden = _hidden_lines(nb)
        nb, resources = super().preprocess(nb, resources)
        budget = [FEEDBACK_MARKUP_BYTES]
        for cell in nb.cells:
            if cell.cell_type == "code":
                outputs = [_unquoted(output, hidden) for output in cell.get("outputs", [])]
                cell.outputs = [_within(output, budget) for output in outputs]
        return nb, resources

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict, index: int):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            return cell, resources  # a participant's answer: theirs, never a hidden test
        clear = ClearHiddenTests(parent=self)
        try:
            had_hidden = clear._remove_hidden_test_region(cell)
        except Exception:  # unmatched markers: show none of it
            cell.source, had_hidden = HIDDEN_SOURCE, True
        if had_hidden and cell.cell_type == "code":
            # A traceback quotes the failing hidden line: keep only the error's name and the
            # message written for the participant (checked against the hidden lines later).
            cell.metadata["uprkit_hidden_tests"] = True
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output.traceback = []
        return cell, resources


def _hidden_lines(nb: NotebookNode) -> set[str]:
    """The lines inside hidden-test regions of the kit's cells (long enough to be telling)."""
    lines, inside = set(), False
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            continue
        for line in cell.source.split("\n"):
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) >= 8:
                lines.add(line.strip())
        inside = False
    return lines


# HTML and SVG a participant's code displayed, per page: nbconvert parses it (2 MB took 30 s),
# so a page with more shows a note in its place (the autograded notebook keeps it all).
FEEDBACK_MARKUP_BYTES = 1024**2
MARKUP = ("text/html", "image/svg+xml", "text/markdown", "text/latex")


def _within(output: NotebookNode, budget: list[int]) -> NotebookNode:
    size = sum(len(str(output.get("data", {}).get(kind, ""))) for kind in MARKUP)
    budget[0] -= size
    if size == 0 or budget[0] >= 0:
        return output
    note = TOO_LARGE_NOTE.format(size=size // 1024)
    return NotebookNode(output_type="stream", name="stdout", text=note + "\n")


def _unquoted(output: NotebookNode, hidden: set[str]) -> NotebookNode:
    text = "\n".join(
        [str(output.get("text", "")), str(output.get("evalue", ""))]
        + [str(v) for v in output.get("data", {}).values()]
        + [str(t) for t in output.get("traceback", [])]
    )
    if not hidden or not any(line in text for line in hidden):
        return output
    return NotebookNode(output_type="stream", name="stdout", text=QUOTED_NOTE + "\n")


def generate_feedback(ws: Workshop, assignment: str, *, language: str = "") -> FeedbackPages:
    """Write feedback/<id>/<assignment>/<notebook>.html for every graded participant.

    Returns participant_id → folder. Participants whose submission was "not graded" get none
    (their autograded copy does not exist), so feedback never shows a score that was not earned.
    A page nbgrader cannot write stops nobody else's: it is listed in ``needs_a_look``.
    A page's language is its participant's roster ``language`` when the roster gives one, else
    ``language`` (en, fr, es, ar), else the notebook's own (``metadata.language``, set in the
    kit's translated assignments), else English (``feedback_page.page_language``).
    """
    check_assignment(ws, assignment)
    autograded = ws.course_dir / "autograded"
    graded = (
        sorted(p.name for p in autograded.iterdir() if (p / assignment).is_dir())
        if autograded.exists()
        else []
    )
    if not graded:
        return FeedbackPages()
    coursedir = course_directory(ws)
    coursedir.assignment_id = assignment
    config = coursedir.config.copy()
    if language:
        config.FeedbackPageExporter.language = check_language(language)
    roster = load_roster(ws.roster_path)
    if "language" in roster:
        config.FeedbackPageExporter.languages = {
            pid: own
            for pid, own in zip(roster["participant_id"], roster["language"], strict=True)
            if isinstance(own, str) and own.strip()
        }
    for pid in graded:
        stale = ws.course_dir / "feedback" / pid / assignment
        if stale.exists():
            shutil.rmtree(stale)
    failure = ""
    try:
        run_converter(
            GenerateFeedback,
            ws,
            coursedir=coursedir,
            config=config,
            force=True,
            exporter_class=FeedbackPageExporter,
            preprocessors=[GetGrades, StripHiddenTests],
        )
    except WorkshopError as exc:  # nbgrader went on with the others; say whose page is missing
        failure = str(exc)
    folders, problems = {}, {}
    for pid in graded:
        folder = ws.course_dir / "feedback" / pid / assignment
        expected = {p.stem for p in ws.autograded_dir(pid, assignment).glob("*.ipynb")}
        written = {p.stem for p in folder.glob("*.html")}
        if written:
            folders[pid] = folder
        if expected - written:
            missing = ", ".join(f"{name}.html" for name in sorted(expected - written))
            problems[pid] = f"no {missing}: nbgrader could not write it; {_reason(failure, pid)}"
    return FeedbackPages(folders, needs_a_look=problems)


def _reason(log: str, pid: str) -> str:
    """The lines of nbgrader's log that name this participant, or where to look."""
    lines = [line.strip() for line in log.splitlines() if pid in line]
    return " / ".join(lines[-3:])[-600:] or "re-run `uprkit feedback` and read its log"


def feedback_files(ws: Workshop, assignment: str) -> list[Path]:
    return sorted((ws.course_dir / "feedback").glob(f"*/{assignment}/*.html"))
