"""Grading the written answers with a rubric: sheet out, marks in, nothing recorded lost."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures.cohort import make_workshop, stage
from fixtures.required import need_bwrap
from uprkit.cli import main
from uprkit.errors import GradingError, InputFileError
from uprkit.grading.autograde import autograde
from uprkit.grading.rubric_sheets import (
    SHEET_COLUMNS,
    apply_grading_sheet,
    load_rubric,
    rubric_path,
    write_grading_sheet,
)
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.course import open_gradebook

KIT_RUBRICS = sorted((Path(__file__).resolve().parents[2] / "grading" / "rubrics").glob("*.yaml"))
MINI_RUBRIC = """\
assignment: mini
parts:
  - grade_id: why_noted
    points: 1
    criteria:
      - points: 0.5
        description: Names the response (noted).
      - points: 0.5
        description: Gives one reason from the State's statement.
"""


@pytest.mark.parametrize("path", KIT_RUBRICS, ids=lambda p: p.stem)
def test_every_rubric_of_the_kit_loads(path):
    rubric = load_rubric(path.stem)
    assert rubric.parts and rubric_path(path.stem) == path
    for part in rubric.parts:
        assert all(c.description for c in part.criteria), part.grade_id


def test_a_rubric_whose_criteria_do_not_add_up_is_refused_with_its_file(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_RUBRIC.replace("points: 1\n", "points: 2\n"), encoding="utf-8")
    with pytest.raises(
        InputFileError,
        match=r"mini\.yaml: part why_noted: its criteria add up "
        r"to 1 points, not 2",
    ):
        load_rubric("mini", path)
    path.write_text("parts: [oops", encoding="utf-8")
    with pytest.raises(InputFileError, match="not valid YAML"):
        load_rubric("mini", path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A mini workshop, really autograded: p01 answered everything, p02 partly, p03 nothing."""
    need_bwrap()

    root = tmp_path_factory.mktemp("rubric")
    ws = make_workshop(root / "ws")
    collect_submissions(
        ws,
        "mini",
        stage(
            root / "in", {"p01.ipynb": "correct", "p02.ipynb": "partial", "p03.ipynb": "untouched"}
        ),
    )
    autograde(ws, "mini")
    rubric_file = root / "mini.yaml"
    rubric_file.write_text(MINI_RUBRIC, encoding="utf-8")
    return ws, load_rubric("mini", rubric_file)


def _manual(ws, pid):
    with open_gradebook(ws) as gradebook:
        grade = gradebook.find_grade("why_noted", "mini", "mini", pid)
        comment = gradebook.find_comment("why_noted", "mini", "mini", pid)
        return grade.manual_score, grade.needs_manual_grade, comment.manual_comment


def _fill(sheet: Path, marks: dict[tuple[str, str], str]) -> None:
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["awarded"] = marks.get((row["participant_id"], row["criterion"]), row["awarded"])
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_the_sheet_lists_only_answers_waiting_for_a_human(graded, tmp_path):
    ws, rubric = graded
    sheet, answers = write_grading_sheet(ws, "mini", tmp_path / "s.csv", rubric=rubric)
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    waiting = {pid for pid in ("p01", "p02", "p03") if _manual(ws, pid)[1]}
    assert "p03" not in waiting, "an untouched answer is scored 0 by nbgrader, not by a human"
    assert answers == len(waiting) >= 1
    assert {r["participant_id"] for r in rows} == waiting
    assert [r["criterion"] for r in rows] == ["1", "2"] * answers
    assert rows[0]["description"] == "Names the response (noted)." and rows[0]["awarded"] == ""
    with pytest.raises(GradingError, match="already exists .* --force"):
        write_grading_sheet(ws, "mini", sheet, rubric=rubric)


def test_marks_become_manual_grades_with_the_criteria_as_comment(graded, tmp_path):
    ws, rubric = graded
    sheet, _ = write_grading_sheet(ws, "mini", tmp_path / "s.csv", rubric=rubric)
    _fill(sheet, {("p01", "1"): "0.5", ("p01", "2"): "0"})
    result = apply_grading_sheet(ws, "mini", sheet, rubric=rubric)
    assert result.graded == 1
    score, waiting, comment = _manual(ws, "p01")
    assert (score, waiting) == (0.5, False)
    assert "0.5/0.5: Names the response (noted)." in comment
    assert "0/0.5: Gives one reason" in comment

    # A second pass with other marks keeps what was recorded, and says so ...
    _fill(sheet, {("p01", "1"): "0.5", ("p01", "2"): "0.5"})
    again = apply_grading_sheet(ws, "mini", sheet, rubric=rubric)
    assert again.graded == 0 and again.kept == ["p01 why_noted: recorded 0.5, sheet 1"]
    assert _manual(ws, "p01")[0] == 0.5
    # ... unless the trainer asks for it.
    forced = apply_grading_sheet(ws, "mini", sheet, rubric=rubric, force=True)
    assert forced.graded == 1 and _manual(ws, "p01")[0] == 1.0
    assert any(p.name.endswith("-before-rubric-mini.db") for p in ws.backups_dir.iterdir())


def test_a_sheet_with_mistakes_records_nothing_and_lists_them_all(graded, tmp_path):
    ws, rubric = graded
    before = _manual(ws, "p02")
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "participant_id,grade_id,criterion,description,max_points,awarded,comment\n"
        "p02,why_noted,1,,0.5,2,too many points\n"
        "p02,why_noted,2,,0.5,half,\n"
        "p02,situation,1,,1,1,\n"
        "p02,why_noted,3,,1,1,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        apply_grading_sheet(ws, "mini", sheet, rubric=rubric)
    message = str(caught.value)
    assert str(sheet) in message and "nothing was recorded" in message
    assert "line 2: awarded 2 for p02 why_noted criterion 1, which is worth 0 to 0.5" in message
    assert "line 3: awarded 'half' is not a number" in message
    assert "line 4: 'situation' is not a part of the mini rubric" in message
    assert "line 5: criterion '3' of why_noted should be 1 to 2" in message
    assert _manual(ws, "p02") == before

    half = tmp_path / "half.csv"
    half.write_text(
        "participant_id,grade_id,criterion,awarded\np02,why_noted,1,0.5\np02,why_noted,2,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match="1 of 2 criteria have a mark"):
        apply_grading_sheet(ws, "mini", half, rubric=rubric)
    stranger = tmp_path / "stranger.csv"
    stranger.write_text(
        "participant_id,grade_id,criterion,awarded\nzz9,why_noted,1,0\nzz9,why_noted,2,0\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match="no graded submission of mini from zz9"):
        apply_grading_sheet(ws, "mini", stranger, rubric=rubric)


def test_the_cli_writes_and_applies_a_sheet(graded, tmp_path):
    ws, rubric = graded
    sheet = tmp_path / "cli.csv"
    runner = CliRunner()
    made = runner.invoke(
        main,
        [
            "rubric",
            "sheet",
            "mini",
            "--out",
            str(sheet),
            "--rubric",
            str(rubric.path),
            "-w",
            str(ws.root),
        ],
    )
    assert made.exit_code == 0, made.output
    assert "to grade" in made.output and "uprkit rubric apply mini" in made.output
    applied = runner.invoke(
        main,
        ["rubric", "apply", "mini", str(sheet), "--rubric", str(rubric.path), "-w", str(ws.root)],
    )
    assert applied.exit_code == 0, applied.output
    assert "0 answer(s) graded" in applied.output and "left blank" in applied.output
    again = runner.invoke(
        main,
        [
            "rubric",
            "sheet",
            "mini",
            "--out",
            str(sheet),
            "--rubric",
            str(rubric.path),
            "-w",
            str(ws.root),
        ],
    )
    assert again.exit_code != 0 and "already exists" in again.output


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_criteria_reach_a_participant_in_their_language(language):
    """The comment a rubric leaves in the feedback, for a participant whose roster says fr/es/ar."""
    from uprkit.grading.rubric_sheets import _comment
    from uprkit.i18n.documents import rubric_text

    part = load_rubric("country_report").parts[0]
    marks = [(n, c.points, "") for n, c in enumerate(part.criteria, start=1)]
    comment = _comment(part, marks, language)
    for criterion in part.criteria:
        assert rubric_text(criterion.description, language) in comment
        assert criterion.description not in comment  # translated, not left in English
    assert part.criteria[0].description in _comment(part, marks)  # English by default
