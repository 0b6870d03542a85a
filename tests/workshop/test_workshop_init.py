"""Creating, re-opening and updating a workshop folder with its real nbgrader gradebook."""

from __future__ import annotations

import json
import shutil
import tomllib
import zipfile

import pytest
from click.testing import CliRunner

from fixtures.cohort import MINI_SOURCE, ROSTER, make_workshop
from uprkit.cli import main
from uprkit.errors import RosterError, WorkshopError
from uprkit.workshop.course import open_gradebook
from uprkit.workshop.folder import Workshop, open_workshop, read_workshop_file
from uprkit.workshop.prepare import generate_student_version, init_workshop, release_assignment

pytestmark = pytest.mark.slow  # real nbgrader gradebooks and generate_assignment


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    return make_workshop(tmp_path_factory.mktemp("init") / "ws")


def test_init_lays_out_the_folder_and_fills_the_gradebook(released, kit_root):
    ws = released
    for part in (
        "workshop.toml",
        "roster.csv",
        "reports",
        "backups",
        "course/source/mini",
        "course/nbgrader_config.py",
        "course/gradebook.db",
        "course/release/mini.zip",
    ):
        assert (ws.root / part).exists(), part
    config = (ws.course_dir / "nbgrader_config.py").read_text()
    kit_config = kit_root / "grading" / "nbgrader_config.py"
    if kit_config.exists():
        assert kit_config.read_text() in config
    with open_gradebook(ws) as gradebook:
        students = {s.id: s.first_name for s in gradebook.students}
        assignment = gradebook.find_assignment("mini")
        assert assignment.max_score == 4.0
    assert len(students) == 14 and students["p03"] == "ليلى حداد"
    with zipfile.ZipFile(ws.course_dir / "release" / "mini.zip") as zf:
        assert zf.namelist() == ["mini/", "mini/mini.ipynb"] or "mini/mini.ipynb" in zf.namelist()


def test_the_release_has_no_solutions_or_hidden_tests(released):
    text = (released.course_dir / "release" / "mini" / "mini.ipynb").read_text()
    assert "HIDDEN-TEST-MARKER" not in text and "BEGIN SOLUTION" not in text
    assert 'count_supported([\\"supported\\", \\"noted\\"]) == 1' in text


def test_reinit_adds_people_and_never_drops_grades(released, tmp_path):
    shutil.copytree(released.root, tmp_path / "ws")
    ws = Workshop.at(tmp_path / "ws")
    with open_gradebook(ws) as gradebook:
        submission = gradebook.add_submission("mini", "p12")
        grade = gradebook.find_grade("why_noted", "mini", "mini", "p12")
        grade.manual_score = 1.0
        gradebook.db.commit()
        assert submission.id
    smaller = tmp_path / "roster.csv"
    lines = ROSTER.read_text(encoding="utf-8").splitlines()
    smaller.write_text(
        "\n".join([*lines[:3], "p99,Nadia Rahman,woman,Asia-Pacific,BGD,en"]) + "\n",
        encoding="utf-8",
    )
    init_workshop(ws.root, smaller, assignments=[MINI_SOURCE])
    with open_gradebook(ws) as gradebook:
        ids = {s.id for s in gradebook.students}
        assert {"p12", "p99"} <= ids, "people dropped from the roster keep their gradebook rows"
        assert gradebook.find_grade("why_noted", "mini", "mini", "p12").manual_score == 1.0
    assert list(ws.backups_dir.glob("roster-*.csv")), "the replaced roster is backed up"


def test_a_bad_roster_leaves_no_half_made_workshop(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("participant_id,name\np1,Ana\n", encoding="utf-8")
    with pytest.raises(RosterError):
        init_workshop(tmp_path / "ws", bad, assignments=[MINI_SOURCE])
    assert not (tmp_path / "ws").exists()


def test_init_refuses_a_folder_that_is_not_a_workshop(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(b"x")
    with pytest.raises(WorkshopError, match="not a workshop folder"):
        init_workshop(tmp_path / "photos", ROSTER, assignments=[MINI_SOURCE])
    with pytest.raises(WorkshopError, match="unknown assignment 'no_such'"):
        init_workshop(tmp_path / "new", ROSTER, assignments=["no_such"])


def test_a_folder_name_with_quotes_and_backslashes_keeps_workshop_toml_valid(tmp_path):
    name = 'Cohort "B" \\ Tunis'
    ws = init_workshop(tmp_path / name, ROSTER, assignments=[MINI_SOURCE])
    settings = tomllib.loads((ws.root / "workshop.toml").read_text(encoding="utf-8"))
    assert settings["name"] == name and settings["assignments"] == ["mini"]
    created = settings["created"]
    init_workshop(ws.root, ROSTER, assignments=[MINI_SOURCE])  # re-init reads it back
    assert read_workshop_file(open_workshop(ws.root)) == settings
    assert read_workshop_file(ws)["created"] == created


def test_open_workshop_finds_it_upwards_or_from_the_environment(released, monkeypatch, tmp_path):
    monkeypatch.delenv("UPRKIT_WORKSHOP", raising=False)
    monkeypatch.chdir(released.course_dir / "source" / "mini")
    assert open_workshop() == released
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkshopError, match="no workshop.toml"):
        open_workshop()
    monkeypatch.setenv("UPRKIT_WORKSHOP", str(released.root))
    assert open_workshop() == released
    with pytest.raises(WorkshopError, match="not a workshop folder"):
        open_workshop(tmp_path)


def test_release_of_an_unknown_assignment_lists_the_known_ones(released):
    with pytest.raises(WorkshopError, match="unknown assignment 'quiz'.*mini"):
        release_assignment(released, "quiz")


def test_generate_student_version_matches_the_workshop_release(released, tmp_path):
    dest = generate_student_version(MINI_SOURCE, tmp_path / "exercise")
    ours = json.loads((dest / "mini.ipynb").read_text())
    theirs = json.loads((released.course_dir / "release" / "mini" / "mini.ipynb").read_text())
    assert [c["source"] for c in ours["cells"]] == [c["source"] for c in theirs["cells"]]
    with pytest.raises(WorkshopError, match="holds no notebook"):
        generate_student_version(tmp_path, tmp_path / "out")


def test_cli_init_creates_a_workshop(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "workshop",
            "init",
            str(tmp_path / "cli-ws"),
            "--roster",
            str(ROSTER),
            "--assignment",
            str(MINI_SOURCE),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "workshop ready" in result.output and "mini" in result.output
    assert (tmp_path / "cli-ws" / "workshop.toml").exists()
    bad = CliRunner().invoke(
        main,
        [
            "workshop",
            "init",
            str(tmp_path / "x"),
            "--roster",
            str(ROSTER),
            "--assignment",
            "no_such",
        ],
    )
    assert bad.exit_code != 0 and "unknown assignment 'no_such'" in bad.output
