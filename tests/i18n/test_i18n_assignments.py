"""A localised assignment goes through nbgrader like the English one: same cells, grades, points."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest

from uprkit.i18n.code_comments import code_without_comments
from uprkit.i18n.code_strings import blank_display_strings
from uprkit.i18n.notebooks import build_localised_notebook

KIT_ROOT = Path(__file__).resolve().parents[2]


def grading_cells(path: Path):
    notebook = nbformat.read(path, as_version=4)
    rows = []
    for cell in notebook.cells:
        grading = cell.metadata.get("nbgrader", {})
        code = (
            code_without_comments(blank_display_strings(cell.source))
            if cell.cell_type == "code"
            else None
        )
        rows.append((cell.get("id"), cell.cell_type, grading.get("grade_id"),
                     grading.get("points"), code))  # fmt: skip
    return rows


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "language"), [("recommendations", "ar"), ("knowledge_check_pre", "fr")]
)
def test_nbgrader_makes_the_same_student_version_in_every_language(
    tmp_path, monkeypatch, name, language
):
    from uprkit.workshop.prepare import generate_student_version

    # nbgrader calls `alembic` by name (engineering notes, trap 3).
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    source = KIT_ROOT / "solutions" / name
    localised_source = tmp_path / "source" / name
    localised_source.mkdir(parents=True)
    built = build_localised_notebook(source / f"{name}.ipynb", language)
    nbformat.write(built.notebook, localised_source / f"{name}.ipynb")

    english = generate_student_version(source, tmp_path / "en" / name)
    localised = generate_student_version(localised_source, tmp_path / language / name)
    assert grading_cells(english / f"{name}.ipynb") == grading_cells(localised / f"{name}.ipynb")
    student = nbformat.read(localised / f"{name}.ipynb", as_version=4)
    prose = [c for c in student.cells if c.cell_type == "markdown"
             and not c.metadata.get("nbgrader", {}).get("solution")]  # fmt: skip
    assert prose and all(c.source.startswith('<div dir="rtl"') == (language == "ar") for c in prose)
    assert built.untranslated == ()  # these two assignments are fully translated
