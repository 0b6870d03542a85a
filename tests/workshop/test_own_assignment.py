"""A trainer's own nbgrader assignment, first class: `uprkit assignment add` checks it with
nbgrader's own checks, grades it with nbgrader's defaults unless --kit-settings, and flags an
edited test cell locked the way nbgrader's own fixtures lock it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from fixtures.cohort import ROSTER
from fixtures.required import need_bwrap
from uprkit.cli import main
from uprkit.workshop.course import load_course_config
from uprkit.workshop.folder import Workshop, read_workshop_file

pytestmark = pytest.mark.slow  # real nbgrader gradebooks and converters

NBGRADER_FILES = Path(nbformat.__file__).parents[1] / "nbgrader" / "tests" / "apps" / "files"


def _cli(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1, result.output
    return result.output


@pytest.fixture
def source(tmp_path):
    """nbgrader's own source fixture (test.ipynb, its test cells say `locked: false`)."""
    folder = tmp_path / "own" / "ps1"
    folder.mkdir(parents=True)
    shutil.copy(NBGRADER_FILES / "test.ipynb", folder / "problem1.ipynb")
    shutil.copy(NBGRADER_FILES / "jupyter.png", folder / "jupyter.png")
    return folder


@pytest.fixture
def ws(tmp_path):
    folder = tmp_path / "ws"
    _cli("workshop", "init", folder, "--roster", ROSTER, "--assignment", "knowledge_check_pre")
    return Workshop.at(folder)


def _broken(source: Path, change) -> Path:
    notebook = json.loads((source / "problem1.ipynb").read_text())
    change(notebook["cells"])
    (source / "problem1.ipynb").write_text(json.dumps(notebook))
    return source


def _meta(cells, grade_id):
    return next(c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def _duplicate(cells):
    _meta(cells, "squares_invalid_input")["metadata"]["nbgrader"]["grade_id"] = "correct_squares"


def _no_points(cells):
    del _meta(cells, "correct_squares")["metadata"]["nbgrader"]["points"]


def _unclosed(cells):
    cell = _meta(cells, "squares")
    cell["source"] = "".join(cell["source"]).replace("### END SOLUTION", "")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_duplicate, "Duplicate grade id: correct_squares"),
        (_no_points, "'correct_squares' does not have points"),
        (_unclosed, "no end solution statement found"),
    ],
)
def test_nbgraders_own_checks_refuse_a_broken_folder_and_copy_nothing(ws, source, change, words):
    out = _cli("assignment", "add", _broken(source, change), "-w", ws.root, ok=False)
    assert words in out and "problem1.ipynb" in out or "ps1" in out
    assert not ws.source_dir("ps1").exists()
    assert "ps1" not in read_workshop_file(ws)["assignments"]


def test_help_lists_own_assignments():
    assert "Your own nbgrader assignments" in _cli("--help")
    init_help = _cli("workshop", "init", "--help")
    assert "Assignment from solutions/" not in init_help
    assert "your own nbgrader" in init_help and "assignment add" in init_help


def test_nbgraders_defaults_unless_the_kits_are_asked_for(ws, source, tmp_path):
    out = _cli("assignment", "add", source, "-w", ws.root)
    assert "added ps1: 3 autograded + 3 manual point(s)" in out and "nbgrader's defaults" in out
    kit_copy = tmp_path / "kit" / "ps2"
    shutil.copytree(source, kit_copy)
    assert "kit's settings" in _cli("assignment", "add", kit_copy, "--kit-settings", "-w", ws.root)
    own = load_course_config(ws, "ps1")
    kit = load_course_config(ws, "ps2")
    assert "add_missing_cells" not in own.OverwriteCells and "timeout" not in own.Execute
    assert kit.OverwriteCells.add_missing_cells is True and kit.Execute.timeout == 60
    assert load_course_config(ws, "knowledge_check_pre").Execute.timeout == 60
    for name, stub in (("ps1", "raise NotImplementedError()"), ("ps2", "# YOUR ANSWER HERE\n...")):
        _cli("release", name, "-w", ws.root)
        released = nbformat.read(ws.course_dir / "release" / name / "problem1.ipynb", 4)
        squares = next(c for c in released.cells if "def squares" in c.source)
        lines = "\n".join(line.strip() for line in squares.source.splitlines())
        assert stub in lines, (name, squares.source)
    assert (ws.course_dir / "release" / "ps1" / "jupyter.png").exists()
    settings = read_workshop_file(ws)["own_assignments"]
    assert settings["ps1"]["settings"] == "nbgrader" and settings["ps2"]["settings"] == "kit"


def test_an_edited_test_cell_of_an_own_assignment_is_flagged(ws, source, tmp_path):
    need_bwrap()
    _cli("assignment", "add", source, "-w", ws.root)
    _cli("release", "ps1", "-w", ws.root)
    released = nbformat.read(ws.course_dir / "release" / "ps1" / "problem1.ipynb", as_version=4)
    test = next(
        c
        for c in released.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "correct_squares"
    )
    assert test.metadata["nbgrader"]["locked"] is False and test.metadata["editable"] is False
    incoming = tmp_path / "in"
    incoming.mkdir()
    shutil.copy(source / "problem1.ipynb", incoming / "p01.ipynb")  # the answers, unchanged tests
    test.source = "assert True  # my own test"
    nbformat.write(released, incoming / "p02.ipynb")
    assert "collected 2 submission(s)" in _cli("collect", "ps1", incoming, "-w", ws.root)
    out = _cli("autograde", "ps1", "--workers", "1", "-w", ws.root)
    assert "p02: edited test cell correct_squares in problem1 (nbgrader restored" in out
    status = _cli("status", "-w", ws.root)
    assert "p02 ps1: edited test cell correct_squares" in status
    assert "p01 ps1: edited" not in status
