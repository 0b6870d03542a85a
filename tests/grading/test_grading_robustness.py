"""Autograde a cohort full of broken, hostile and odd submissions: each graded or flagged with its
reason, the rest of the cohort graded, and no recorded grade lost or silently overwritten."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from fixtures.cohort import ARABIC_FILE, SUBMISSIONS, make_workshop, stage
from uprkit.grading.autograde import autograde
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.course import open_gradebook
from uprkit.workshop.records import read_run_records
from uprkit.workshop.status import gradebook_scores, workshop_status

pytestmark = pytest.mark.slow

COHORT = {
    "p01_mini.ipynb": "correct",
    "José Pérez.ipynb": "partial",
    ARABIC_FILE: "correct",  # p03, named in Arabic script
    "p04.ipynb": "untouched",
    "p05.ipynb": "invalid_json",
    "p06.ipynb": "kernel_crash",
    "p07.ipynb": "infinite_loop",
    "p08.ipynb": "overwrites_every_db",
    "p09.ipynb": "edited_test_cell",
    "p10.ipynb": "deleted_grade_cell",
    "p11.ipynb": "huge_output",
    "p12.ipynb": "other_assignment",
    "p13.ipynb": "kernel_killed",
    "p14.ipynb": "uninterruptible_loop",
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("robust")
    ws = make_workshop(root / "ws")
    incoming = stage(root / "incoming", COHORT, age_seconds=600)
    collected = collect_submissions(ws, "mini", incoming)
    # collect refuses these two at the door (tests/workshop/test_collect_at_the_door.py); they
    # still reach course/submitted/ through nbgrader's exchange or a trainer's hand, so
    # autograde must say why it cannot grade them
    assert set(collected.refused) == {"p05", "p12"}, collected.problems
    assert len(collected.matched) == 12, collected.problems
    for name, fixture in COHORT.items():
        if fixture in ("invalid_json", "other_assignment"):
            _place_by_hand(ws, name.removesuffix(".ipynb"), fixture)
    run = autograde(ws, "mini", workers=2, timeout=6, notebook_timeout=10)
    return ws, run


def _place_by_hand(ws, pid: str, fixture: str) -> None:
    folder = ws.submitted_dir(pid, "mini")
    folder.mkdir(parents=True)
    shutil.copy(SUBMISSIONS / f"{fixture}.ipynb", folder / "mini.ipynb")
    (folder / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC\n")


def result(run, pid):
    return run.by_participant()[pid]


def test_good_submissions_get_nbgraders_scores(graded):
    _, run = graded
    assert result(run, "p01").score == 3.0 and result(run, "p01").status == "graded"
    assert result(run, "p03").score == 3.0, "the Arabic-named file is graded"
    assert result(run, "p04").score == 0.0
    for pid in ("p01", "p02", "p03", "p04"):
        assert result(run, pid).max_score == 4.0


def test_invalid_json_is_not_graded_with_its_line(graded):
    _, run = graded
    r = result(run, "p05")
    assert r.status == "not graded" and r.score is None
    assert r.flags[0].startswith("not graded: invalid JSON in mini.ipynb at line ")


@pytest.mark.parametrize("pid", ["p06", "p13"])
def test_a_kernel_that_dies_is_reported_not_scored(graded, pid):
    _, run = graded
    r = result(run, pid)
    assert r.status == "not graded" and "kernel died" in r.flags[0]


def test_endless_loops_are_stopped_by_the_notebook_limit(graded):
    _, run = graded
    # p07 loops in two cells: each is interrupted at 6 s, but together they pass the 10 s limit
    # (limits generous enough that honest cells do not time out while two loops fill both cores)
    r = result(run, "p07")
    assert r.status == "not graded" and "per-notebook limit" in r.flags[0], r.flags
    assert r.seconds < 20
    # p14 swallows the interrupt: stopped either way, never hangs the run
    r = result(run, "p14")
    assert r.status == "not graded"
    assert "per-notebook limit" in r.flags[0] or "after the interrupt" in r.flags[0], r.flags


def test_a_submission_attacking_the_gradebook_cannot_reach_it(graded):
    ws, run = graded
    r = result(run, "p08")
    assert r.status == "graded" and r.score == 3.0, f"its own (correct) answers still count: {r}"
    with contextlib.closing(sqlite3.connect(ws.gradebook_path)) as db, db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM student").fetchone()[0] == 14
    assert not Path("/owned.txt").exists() and not Path("/tmp/owned.txt").exists()
    scores = gradebook_scores(ws).set_index("participant_id")
    assert scores.loc["p09", "score"] == 0.0 and scores.loc["p11", "score"] == 3.0


def test_an_edited_test_cell_is_flagged_and_has_no_effect(graded):
    _, run = graded
    r = result(run, "p09")
    assert r.status == "flagged" and r.score == 0.0
    assert any(f.startswith("edited test cell test_count_supported") for f in r.flags)


def test_a_deleted_test_cell_is_flagged(graded):
    _, run = graded
    r = result(run, "p10")
    assert r.status == "flagged"
    assert any(f.startswith("deleted test cell test_count_supported") for f in r.flags)


def test_huge_output_is_truncated_in_the_autograded_copy(graded):
    ws, run = graded
    assert result(run, "p11").score == 3.0
    notebook = json.loads((ws.autograded_dir("p11", "mini") / "mini.ipynb").read_text())
    text = "".join(
        "".join(o.get("text", "")) for c in notebook["cells"] for o in c.get("outputs", [])
    )
    assert "Output truncated" in text and text.count("\n") < 1100


def test_a_notebook_from_another_assignment_is_named_as_such(graded):
    _, run = graded
    r = result(run, "p12")
    assert r.status == "not graded" and "another assignment" in r.flags[0]


def test_scores_and_status_never_show_an_ungraded_submission_as_zero(graded):
    ws, _ = graded
    scores = gradebook_scores(ws)
    assert list(scores["participant_id"]) == sorted(scores["participant_id"])
    assert len(scores) == 14
    row = scores.set_index("participant_id").loc["p05"]
    assert row["status"] == "not graded" and row["score"] is pd_na()
    status = workshop_status(ws).set_index("participant_id")
    assert status.loc["p05", "status"] == "not graded" and status.loc["p01", "status"] == "graded"
    assert "invalid JSON" in status.loc["p05", "flags"]


def pd_na():
    return pd.NA


def test_the_gradebook_was_backed_up_before_the_run(graded):
    _, run = graded
    assert run.backup_path is not None and run.backup_path.exists()
    with contextlib.closing(sqlite3.connect(run.backup_path)) as db, db:
        assert db.execute("SELECT count(*) FROM student").fetchone()[0] == 14


def test_rerun_resubmission_and_manual_grades(graded, tmp_path):
    ws, _ = graded
    with open_gradebook(ws) as gradebook:
        grade = gradebook.find_grade("why_noted", "mini", "mini", "p01")
        grade.manual_score = 1.0
        gradebook.db.commit()
    # p02 resubmits a better notebook after grading; the older one moves to history
    stage(tmp_path / "late", {"p02 resubmitted.ipynb": "correct"})
    collect_submissions(ws, "mini", tmp_path / "late")
    assert list((ws.history_dir / "p02" / "mini").iterdir())
    before = gradebook_scores(ws).set_index("participant_id").loc["p02"]
    assert before["status"] == "resubmitted, not graded yet" and before["score"] == 2.0
    run = autograde(ws, "mini", workers=2, timeout=4, notebook_timeout=7)
    regraded = {r.participant_id for r in run.results}
    assert "p02" in regraded and "p01" not in regraded and "p01" in run.skipped
    assert result(run, "p02").score == 3.0
    # forcing a regrade of p01 keeps the trainer's manual grade
    again = autograde(ws, "mini", participants=["p01"], force=True, timeout=4)
    assert [r.participant_id for r in again.results] == ["p01"]
    with open_gradebook(ws) as gradebook:
        assert gradebook.find_grade("why_noted", "mini", "mini", "p01").manual_score == 1.0
        assert gradebook.find_submission("mini", "p01").score == 4.0
    records = read_run_records(ws, "mini")
    assert records["p05"]["status"] == "not graded" and records["p02"]["score"] == 3.0


def _our_grading_workers() -> list[int]:
    """Process ids of the grading workers this test process started."""

    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(
            next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:"))
        )
        if ppid == os.getpid() and b"uprkit.grading.executor" in cmdline:
            found.append(int(entry.name))
    return found


def test_a_grading_worker_that_dies_loses_no_submission(tmp_path):
    ws = make_workshop(tmp_path / "ws")
    files = {f"p0{i}.ipynb": "correct" for i in range(1, 7)}
    collect_submissions(ws, "mini", stage(tmp_path / "in", files))
    killed = []

    def kill_one_worker(_result):
        if not killed:
            workers = _our_grading_workers()
            os.kill(workers[0], signal.SIGKILL)  # a worker this test started, by its id
            killed.append(workers[0])

    run = autograde(ws, "mini", workers=2, timeout=10, progress=kill_one_worker)
    assert killed and len(run.results) == 6
    lost = [r for r in run.results if r.status == "not graded"]
    assert all("[grader failure]" in r.flags[0] for r in lost)
    assert all(r.score == 3.0 for r in run.results if r.status != "not graded")
    again = autograde(ws, "mini", workers=2, timeout=10)  # grader failures are retried
    assert {r.participant_id for r in again.results} == {r.participant_id for r in lost}
    assert all(r.score == 3.0 for r in again.results)


# Issue 6: tampering with a locked cell that is not a test, and deleting the written answer.
TAMPERED = {
    "p01.ipynb": "correct",
    "p02.ipynb": "edited_locked_cell",  # rewrote the locked `intro`
    "p03.ipynb": "deleted_answer_cell",  # deleted `why_noted`, the answer the trainer grades
}


@pytest.fixture(scope="module")
def tampered(tmp_path_factory):
    root = tmp_path_factory.mktemp("tampered")
    ws = make_workshop(root / "ws")
    collected = collect_submissions(ws, "mini", stage(root / "incoming", TAMPERED, age_seconds=600))
    assert len(collected.matched) == 3, collected.problems
    return ws, autograde(ws, "mini", workers=2, timeout=6, notebook_timeout=10)


def test_an_edited_locked_cell_is_flagged_and_the_rest_graded(tampered):
    ws, run = tampered
    r = result(run, "p02")
    assert r.status == "flagged" and r.score == 3.0 and r.max_score == 4.0
    assert any(
        f.startswith("edited locked cell intro in mini") and "no effect" in f for f in r.flags
    ), r.flags
    autograded = json.loads((ws.autograded_dir("p02", "mini") / "mini.ipynb").read_text())
    assert "".join(autograded["cells"][0]["source"]).startswith(
        "# Mini assignment: counting responses"
    )
    status = workshop_status(ws).set_index("participant_id")
    assert "edited locked cell intro" in status.loc["p02", "flags"]
    assert status.loc["p02", "status"] == "flagged" and status.loc["p01", "status"] == "graded"


def test_a_deleted_answer_cell_is_flagged_and_the_rest_graded(tampered):
    ws, run = tampered
    r = result(run, "p03")
    assert r.status == "flagged" and r.score == 3.0 and r.max_score == 4.0, r.flags
    assert any(
        f.startswith("deleted answer cell why_noted in mini: there is no answer to grade")
        for f in r.flags
    ), r.flags
    assert not any(f.startswith("not graded") for f in r.flags)
    with open_gradebook(ws) as gradebook:
        grade = gradebook.find_grade("why_noted", "mini", "mini", "p03")
        assert grade.needs_manual_grade and grade.manual_score is None
    status = workshop_status(ws).set_index("participant_id")
    assert status.loc["p03", "status"] == "flagged"
    assert "no answer to grade" in status.loc["p03", "flags"]


def test_tampered_submissions_lose_no_recorded_grade_on_regrade(tampered):
    ws, _ = tampered
    with open_gradebook(ws) as gradebook:
        for pid, points in (("p01", 1.0), ("p02", 1.0), ("p03", 0.0)):
            gradebook.find_grade("why_noted", "mini", "mini", pid).manual_score = points
        gradebook.db.commit()
    again = autograde(ws, "mini", participants=["p02", "p03"], force=True, timeout=6)
    assert {r.participant_id: r.status for r in again.results} == {
        "p02": "flagged",
        "p03": "flagged",
    }
    with open_gradebook(ws) as gradebook:
        scores = {
            pid: gradebook.find_submission("mini", pid).score for pid in ("p01", "p02", "p03")
        }
        manual = {
            pid: gradebook.find_grade("why_noted", "mini", "mini", pid).manual_score
            for pid in ("p01", "p02", "p03")
        }
    assert scores == {"p01": 4.0, "p02": 4.0, "p03": 3.0}
    assert manual == {"p01": 1.0, "p02": 1.0, "p03": 0.0}
