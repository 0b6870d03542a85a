"""The kit's assignments: their names, points, and the generated student versions in exercises/.

``solutions/<name>/<name>.ipynb`` is the one source (nbgrader source notebooks with answers and
hidden tests); ``exercises/<name>/`` is generated from it with nbgrader and committed, and a test
fails when the two drift. Regenerate after editing a solution::

    python -m uprkit.workshop.assignments
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from uprkit import paths
from uprkit.workshop.prepare import generate_student_version

__all__ = [
    "ASSIGNMENTS",
    "count_points",
    "generate_exercises",
    "normalise_notebook",
]

# Shared contract (team brief): the eight assignment names.
ASSIGNMENTS = (
    "recommendations",
    "submission_plan",
    "lobbying_plan",
    "treaty_plan",
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


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for folder in generate_exercises(sys.argv[1:] or ASSIGNMENTS):
        print(folder)
