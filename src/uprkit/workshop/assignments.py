"""The kit's assignments (names, points, the generated student versions in exercises/), and a
trainer's own assignments added to a workshop (:func:`add_own_assignment`).

``solutions/<name>/<name>.ipynb`` is the one source (nbgrader source notebooks with answers and
hidden tests); ``exercises/<name>/`` is generated from it with nbgrader and committed, and a test
fails when the two drift. Regenerate after editing a solution::

    python -m uprkit.workshop.assignments
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from uprkit import paths
from uprkit.errors import InputFileError, WorkshopError
from uprkit.workshop.folder import (
    Workshop,
    read_workshop_file,
    write_workshop_file,
)
from uprkit.workshop.prepare import generate_student_version

__all__ = [
    "ASSIGNMENTS",
    "add_own_assignment",
    "check_source_assignment",
    "count_points",
    "generate_exercises",
    "normalise_notebook",
]

# Shared contract (team brief): the assignment names.
ASSIGNMENTS = (
    "recommendations",
    "submission_plan",
    "lobbying_plan",
    "treaty_plan",
    "followup_matrix",
    "country_report",
    "programme_evaluation",
    "knowledge_check_pre",
    "knowledge_check_post",
)

# Fields that change on every generation or every run and say nothing about the content.
_VOLATILE_CELL_FIELDS = ("execution_count", "outputs")
_VOLATILE_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")


def count_points(notebook_path) -> dict[str, float]:
    """Points of a source notebook: ``{"autograded": …, "manual": …}``.

    Autograded points are the test cells'; manual points are the written answers a trainer grades.
    """
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    totals = {"autograded": 0.0, "manual": 0.0}
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            kind = "manual" if meta.get("solution") else "autograded"
            totals[kind] += float(meta.get("points", 0))
    return totals


def normalise_notebook(notebook_path) -> list[dict]:
    """A notebook's cells without volatile fields, for comparing two generations."""
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    cells = []
    for cell in notebook["cells"]:
        source = cell.get("source", "")
        metadata = {
            k: v for k, v in cell.get("metadata", {}).items() if k not in _VOLATILE_METADATA
        }
        cells.append(
            {
                "cell_type": cell["cell_type"],
                "id": cell.get("id"),
                "source": "".join(source) if isinstance(source, list) else source,
                "metadata": metadata,
            }
        )
    return cells


def generate_exercises(names: Iterable[str] = ASSIGNMENTS, dest_root=None) -> list[Path]:
    """(Re)generate the student versions of ``names`` into ``dest_root`` (default: exercises/)."""
    dest_root = Path(dest_root) if dest_root is not None else paths.exercises_dir()
    return [
        generate_student_version(paths.solutions_dir() / name, dest_root / name) for name in names
    ]


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def check_source_assignment(folder) -> dict[str, float]:
    """Check an nbgrader source folder with nbgrader's own checks; its points, or why not.

    nbgrader's metadata validator (duplicate grade ids, graded cells without points or id) runs
    on each notebook, then nbgrader's ``generate_assignment`` on the whole folder in a
    throwaway course (solution and hidden-test regions, locked cells); every problem is raised
    as an :class:`InputFileError` naming the notebook and nbgrader's own words.
    """
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError  # ~1.8 s

    folder = Path(folder)
    if not folder.is_dir():
        raise InputFileError(folder, "is not a folder; pass an nbgrader source folder")
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    if not notebooks:
        raise InputFileError(folder, "holds no .ipynb notebook (an nbgrader source folder)")
    if not _NAME.match(folder.name):
        raise InputFileError(
            folder,
            "its name is the assignment's name: letters, digits, '_', '-' or '.', no spaces",
        )
    totals = {"autograded": 0.0, "manual": 0.0}
    validator = MetadataValidator()
    for notebook in notebooks:
        try:
            node = nbformat.read(notebook, as_version=4)
            validator.validate_nb(node)
        except ValidationError as exc:
            raise InputFileError(notebook, f"nbgrader's check failed: {exc}") from None
        except Exception as exc:  # unreadable JSON or notebook: nbformat's words
            raise InputFileError(notebook, f"not a readable notebook: {exc}") from None
        for kind, points in count_points(notebook).items():
            totals[kind] += points
    if not totals["autograded"] and not totals["manual"]:
        raise InputFileError(
            folder,
            "has no graded cell: mark test and answer cells with nbgrader's Create Assignment "
            "toolbar (View > Cell Toolbar > Create Assignment) first",
        )
    with tempfile.TemporaryDirectory(prefix="uprkit-check-") as tmp:
        try:
            generate_student_version(folder, Path(tmp) / "release")
        except WorkshopError as exc:
            raise InputFileError(
                folder, f"nbgrader could not generate it: {_nbgrader_words(exc)}"
            ) from None
    return totals


def _nbgrader_words(exc: Exception) -> str:
    """The line of nbgrader's log that says what is wrong (not its traceback)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    for line in reversed(lines):
        if re.match(r"^\w+(Error|Exception): ", line):
            return line
    return lines[-1] if lines else str(exc)


def add_own_assignment(ws: Workshop, folder, *, kit_settings: bool = False) -> dict:
    """Check a trainer's nbgrader source ``folder`` and add it to the workshop.

    It is graded with nbgrader's defaults (its own answer stubs, 30 s per cell, a deleted test
    cell scoring 0) unless ``kit_settings``: then as the kit's assignments are (the kit's
    stubs, 60 s, deleted test cells put back). Returns ``{"name", "points", "settings"}``.
    """
    folder = Path(folder).resolve()
    points = check_source_assignment(folder)
    name = folder.name
    target = ws.source_dir(name)
    if target.exists():
        raise WorkshopError(
            f"this workshop already has an assignment {name!r} ({target}); rename your folder, "
            "or edit the copy in the workshop and release it again"
        )
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", ".git")
    shutil.copytree(folder, target, ignore=ignore)
    settings = read_workshop_file(ws)
    settings["assignments"] = sorted(set(settings.get("assignments", [])) | {name})
    own = dict(settings.get("own_assignments", {}))
    own[name] = {
        "settings": "kit" if kit_settings else "nbgrader",
        "added": dt.date.today().isoformat(),
    }
    settings["own_assignments"] = own
    write_workshop_file(ws, settings)
    return {"name": name, "points": points, "settings": own[name]["settings"]}


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for folder in generate_exercises(sys.argv[1:] or ASSIGNMENTS):
        print(folder)
