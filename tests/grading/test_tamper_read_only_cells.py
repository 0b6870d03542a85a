"""Tamper flags for every locked or read-only cell, as nbgrader's own fixtures lock them: a test
cell whose nbgrader metadata says ``locked: false`` but Jupyter's says ``editable: false``."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from uprkit.grading.tampering import release_cells, tamper_flags

NBGRADER_FILES = Path(nbformat.__file__).parents[1] / "nbgrader" / "tests" / "apps" / "files"
FIXTURE = NBGRADER_FILES / "autotest-simple-unchanged.ipynb"


@pytest.fixture
def released(tmp_path):
    if not FIXTURE.exists():
        pytest.fail(f"nbgrader's fixture {FIXTURE} is missing (nbgrader is a dependency)")
    folder = tmp_path / "course" / "release" / "simple"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "simple.ipynb")
    ws = SimpleNamespace(course_dir=tmp_path / "course")
    return ws, nbformat.read(FIXTURE, as_version=4)


def _cell(notebook, grade_id):
    return next(
        c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


def test_the_fixture_locks_its_test_cell_only_through_jupyter_metadata(released):
    _, notebook = released
    test = _cell(notebook, "test_simple")
    assert test.metadata["nbgrader"]["locked"] is False and test.metadata["editable"] is False


def test_an_edited_test_cell_locked_by_editable_false_is_flagged(released):
    ws, notebook = released
    expected = release_cells(ws, "simple", "simple")
    assert expected["test_simple"]["locked"], "nbgrader's is_locked: a test cell is locked"
    submitted = copy.deepcopy(notebook)
    _cell(submitted, "test_simple").source = "assert True  # I made my own test"
    flags = tamper_flags(submitted, expected, "simple")
    assert flags == [
        "edited test cell test_simple in simple (nbgrader restored the original before grading, "
        "so the edit had no effect)"
    ]


def test_an_untouched_notebook_with_a_filled_answer_has_no_flag(released):
    ws, notebook = released
    submitted = copy.deepcopy(notebook)
    _cell(submitted, "soln").source = "a = 5\nb = 'hello'\nc = [1, 2, 'test']"
    # a tool that drops Jupyter's "editable" (VS Code, Colab) is not tampering
    for cell in submitted.cells:
        cell.metadata.pop("editable", None)
    assert tamper_flags(submitted, release_cells(ws, "simple", "simple"), "simple") == []


def test_a_read_only_cell_nbgrader_does_not_track_is_flagged_by_its_cell_id(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notice = nbformat.v4.new_markdown_cell("Do not change: the data licence is CC BY 4.0.")
    notice.metadata["editable"] = False
    notebook.cells = [notice, nbformat.v4.new_code_cell("x = 1")]
    folder = tmp_path / "course" / "release" / "own"
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / "own.ipynb")
    ws = SimpleNamespace(course_dir=tmp_path / "course")
    expected = release_cells(ws, "own", "own")
    assert list(expected) == [f"id:{notice.id}"]
    submitted = copy.deepcopy(notebook)
    submitted.cells[0].source = "The licence does not matter."
    assert tamper_flags(submitted, expected, "own") == [
        f"edited read-only cell id:{notice.id} in own (nbgrader does not restore it: the "
        "edited text was graded)"
    ]
    submitted.cells = submitted.cells[1:]
    assert tamper_flags(submitted, expected, "own") == [
        f"deleted read-only cell id:{notice.id} in own"
    ]
