"""uprkit's parallel, sandboxed autograde records exactly what plain `nbgrader autograde` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.cohort import make_workshop, stage
from uprkit.grading.autograde import autograde
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.course import open_gradebook
from uprkit.workshop.folder import Workshop

pytestmark = pytest.mark.slow

COHORT = {
    "p01.ipynb": "correct",
    "p02.ipynb": "partial",
    "p03.ipynb": "untouched",
    "p04.ipynb": "stderr_warning",
    "p05.ipynb": "deleted_grade_cell",
    "p06.ipynb": "edited_test_cell",
    "p07.ipynb": "one_cell_times_out",
}
CELL_TIMEOUT = 4


def recorded_grades(ws: Workshop) -> dict:
    grades = {}
    with open_gradebook(ws) as gradebook:
        for pid in sorted(s.id for s in gradebook.students):
            try:
                submission = gradebook.find_submission("mini", pid)
            except Exception:  # nbgrader's MissingEntry: not submitted
                continue
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grades[(pid, notebook.name, grade.name)] = (
                        grade.auto_score,
                        grade.manual_score,
                        grade.needs_manual_grade,
                    )
            grades[(pid, "total")] = (submission.score, submission.max_score)
    return grades


def test_scores_are_identical_to_plain_nbgrader(tmp_path):
    ours = make_workshop(tmp_path / "ours")
    collect_submissions(ours, "mini", stage(tmp_path / "in", COHORT))
    shutil.copytree(ours.root, tmp_path / "plain")
    plain = Workshop.at(tmp_path / "plain")

    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "autograde",
            "mini",
            "--force",
            f"--CourseDirectory.root={plain.course_dir}",
            f"--Execute.timeout={CELL_TIMEOUT}",
        ],
        cwd=plain.course_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]

    run = autograde(ours, "mini", workers=2, timeout=CELL_TIMEOUT)
    assert {r.participant_id for r in run.results} == {f"p0{i}" for i in range(1, 8)}
    timed_out = run.by_participant()["p07"]
    assert timed_out.status == "flagged" and any("cell timeout" in f for f in timed_out.flags)
    expected = recorded_grades(plain)
    assert len(expected) == 7 * 4, "7 participants x (3 grade cells + the total)"
    assert recorded_grades(ours) == expected
