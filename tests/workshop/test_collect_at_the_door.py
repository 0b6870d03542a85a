"""Collect checks each file at the door: what is not a notebook of this assignment is refused
with its reason and never displaces a valid submission; extra copies are recognised."""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile

import pytest

from fixtures.cohort import SUBMISSIONS, make_workshop, stage
from uprkit.workshop.collect import collect_submissions, read_timestamp
from uprkit.workshop.folder import Workshop
from uprkit.workshop.intake import strip_copy_marker
from uprkit.workshop.status import gradebook_scores, workshop_status

pytestmark = pytest.mark.slow  # creates a real nbgrader gradebook


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_workshop(tmp_path_factory.mktemp("door") / "template", release=True)


@pytest.fixture
def ws(template, tmp_path):
    shutil.copytree(template.root, tmp_path / "ws")
    return Workshop.at(tmp_path / "ws")


def _status(ws, pid):
    table = workshop_status(ws)
    return table[(table.participant_id == pid) & (table.assignment == "mini")].iloc[0]


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("p1 copy", True),
        ("p1 copy 2", True),
        ("p1 (1)", True),
        ("p1 - Copy", True),
        ("p1 - Copy (3)", True),
        ("Copy of p1", True),
        ("Copie de p1", True),
        ("p1", False),
        ("p1_final", False),
        ("copy", False),  # nothing left once stripped: not a copy marker
    ],
)
def test_copy_markers(name, marker):
    stripped, found = strip_copy_marker(name)
    assert found is marker
    assert stripped == ("p1" if marker else name)


def test_a_renamed_text_file_is_refused_and_keeps_the_earlier_submission(ws, tmp_path):
    collect_submissions(ws, "mini", stage(tmp_path / "a", {"p04.ipynb": "correct"}, age_seconds=60))
    before = (ws.submitted_dir("p04", "mini") / "mini.ipynb").read_bytes()
    later = tmp_path / "b"
    later.mkdir()
    (later / "p04.ipynb").write_text("my answers are in this text file\n", encoding="utf-8")
    result = collect_submissions(ws, "mini", later)
    assert result.matched == {} and result.refused == {"p04": ("p04.ipynb",)}
    assert any("plain text, not JSON" in p for p in result.problems), result.problems
    assert (ws.submitted_dir("p04", "mini") / "mini.ipynb").read_bytes() == before
    assert not (ws.history_dir / "p04").exists(), "the valid submission was moved away"
    kept = result.quarantine_dir / "p04.ipynb"
    assert kept.exists() and "refused" in (result.quarantine_dir / "WHY.txt").read_text()
    row = _status(ws, "p04")
    assert row.status.startswith("submitted")
    assert "file refused at collect: not a notebook: plain text" in row["flags"]
    assert "collected before is kept" in row["flags"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "another assignment"),  # other_assignment.ipynb
        (b"PK\x03\x04 a docx", "renamed .ipynb"),
        (b"", "empty"),
        (json.dumps({"cells": "none", "nbformat": 4}).encode(), "not a valid notebook"),
        ((SUBMISSIONS / "invalid_json.ipynb").read_bytes(), "invalid JSON at line"),
    ],
)
def test_what_is_refused_and_why(ws, tmp_path, content, reason):
    folder = tmp_path / "in"
    if content is None:
        stage(folder, {"p05.ipynb": "other_assignment"})
    else:
        folder.mkdir()
        (folder / "p05.ipynb").write_bytes(content)
    result = collect_submissions(ws, "mini", folder)
    assert "p05" in result.refused and not ws.submitted_dir("p05", "mini").exists()
    assert any(reason in p for p in result.problems), result.problems
    row = _status(ws, "p05")
    assert row.status == "refused at collect" and reason in row["flags"]
    scores = gradebook_scores(ws).set_index(["participant_id", "assignment"])
    assert scores.loc[("p05", "mini"), "status"] == "refused at collect"  # what reports read
    assert reason in scores.loc[("p05", "mini"), "flags"]


def test_a_link_is_not_followed(ws, tmp_path):
    folder = stage(tmp_path / "in", {"elsewhere/real.ipynb": "correct"})
    os.symlink(folder / "elsewhere" / "real.ipynb", folder / "p06.ipynb")
    result = collect_submissions(ws, "mini", folder)
    assert "p06" in result.refused and any("link" in p for p in result.problems)


def test_copies_are_recognised_and_the_plain_name_graded(ws, tmp_path):
    folder = stage(tmp_path / "in", {"p01.ipynb": "partial"}, age_seconds=600)
    stage(folder, {"p01 copy.ipynb": "correct", "p01 (1).ipynb": "untouched"})
    result = collect_submissions(ws, "mini", folder)
    assert result.matched == {"p01": ("mini.ipynb",)}
    assert sorted(result.copies["p01"]) == ["p01 (1).ipynb", "p01 copy.ipynb"]
    assert result.quarantine_dir is None and not any("not matched" in p for p in result.problems)
    graded = (ws.submitted_dir("p01", "mini") / "mini.ipynb").read_bytes()
    assert graded == (SUBMISSIONS / "partial.ipynb").read_bytes()
    kept = sorted(p.name for p in (ws.history_dir / "p01" / "mini").glob("*-copies/*"))
    assert kept == ["p01 (1).ipynb", "p01 copy.ipynb"]
    assert "2 extra copies" in _status(ws, "p01")["flags"]


def test_an_invalid_plain_name_falls_back_to_the_newest_valid_copy(ws, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p02.ipynb").write_text("notes", encoding="utf-8")
    stage(folder, {"p02 - Copy.ipynb": "partial"}, age_seconds=600)
    stage(folder, {"p02 - Copy (2).ipynb": "correct"})
    result = collect_submissions(ws, "mini", folder)
    assert result.matched == {"p02": ("mini.ipynb",)}
    assert result.refused == {"p02": ("p02.ipynb",)}
    assert result.copies == {"p02": ("p02 - Copy.ipynb",)}
    graded = (ws.submitted_dir("p02", "mini") / "mini.ipynb").read_bytes()
    assert graded == (SUBMISSIONS / "correct.ipynb").read_bytes()


def test_a_windows_zip_with_backslashes_copies_and_a_renamed_file(ws, tmp_path):
    data = {name: (SUBMISSIONS / f"{name}.ipynb").read_bytes() for name in ("correct", "partial")}
    archive = tmp_path / "from-windows.zip"
    when = (2026, 12, 1, 10, 0, 0)
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo("Devoirs\\Kwame Mensah\\mini.ipynb", when), data["correct"])
        zf.writestr(zipfile.ZipInfo("Devoirs\\Kwame Mensah\\mini - Copy.ipynb", when), b"{}")
        zf.writestr(zipfile.ZipInfo("Devoirs\\Copy of p09.ipynb", when), data["partial"])
        zf.writestr(zipfile.ZipInfo("Devoirs\\p10.ipynb", when), b"This is my essay.")
    result = collect_submissions(ws, "mini", archive)
    assert set(result.matched) == {"p06", "p09"}
    assert result.refused == {
        "p06": ("Devoirs/Kwame Mensah/mini - Copy.ipynb",),
        "p10": ("Devoirs/p10.ipynb",),
    }
    assert read_timestamp(ws.submitted_dir("p09", "mini")).day == 1
    assert not any("not matched" in p for p in result.problems), result.problems


def test_a_late_valid_resubmission_still_replaces_the_earlier_one(ws, tmp_path):
    collect_submissions(ws, "mini", stage(tmp_path / "a", {"p07.ipynb": "partial"}, age_seconds=60))
    time.sleep(0.01)
    result = collect_submissions(ws, "mini", stage(tmp_path / "b", {"p07 (1).ipynb": "correct"}))
    assert result.matched == {"p07": ("mini.ipynb",)} and result.copies == {}
    graded = (ws.submitted_dir("p07", "mini") / "mini.ipynb").read_bytes()
    assert graded == (SUBMISSIONS / "correct.ipynb").read_bytes()
    assert len(list((ws.history_dir / "p07" / "mini").iterdir())) == 1


def test_a_notebook_without_cell_ids_is_accepted_quietly(ws, tmp_path, recwarn):
    notebook = json.loads((SUBMISSIONS / "correct.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell.pop("id", None)  # what older tools and some editors write
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p08.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert collect_submissions(ws, "mini", folder).matched == {"p08": ("mini.ipynb",)}
    assert not [w for w in recwarn if "id field" in str(w.message)]
