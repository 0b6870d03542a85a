"""The whole workshop cycle on the bundled fictional cohort, in a fresh folder.

``run_demo`` does what a trainer does, with the real tools: a workshop from
``datasets/demo/roster.csv``, every assignment released with nbgrader, the demo cohort's
submissions generated from the solutions (full, partial, untouched, one broken file), collected,
autograded in the sandbox, the written answers given rubric grades (the step a trainer does in
nbgrader's formgrader; here simulated and labelled as such), feedback written, the
pseudonymised cohort report built, and the last day's papers: transcripts, the funder report
and certificates. Each step is timed.
"""

from __future__ import annotations

import csv
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from uprkit import paths
from uprkit.errors import WorkshopError
from uprkit.grading.autograde import autograde
from uprkit.grading.caps import not_capped
from uprkit.grading.feedback import generate_feedback
from uprkit.grading.reach import UncappedWarning
from uprkit.grading.rubric_sheets import (
    SHEET_COLUMNS,
    apply_grading_sheet,
    rubric_path,
    write_grading_sheet,
)
from uprkit.grading.sandbox import UnsandboxedWarning, bwrap_works
from uprkit.reports.build import build_report
from uprkit.reports.transcripts import build_transcripts
from uprkit.training.certificates import write_certificates
from uprkit.training.demo_cohort import generate_submissions
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.prepare import init_workshop, release_assignment
from uprkit.workshop.roster import load_roster

__all__ = [
    "DEMO_ASSIGNMENTS",
    "NO_SANDBOX_NOTE",
    "DemoResult",
    "run_demo",
    "apply_rubric_grades",
]

# Release order = the order of the workshop: baseline check first, evaluation last.
DEMO_ASSIGNMENTS = (
    "knowledge_check_pre",
    "recommendations",
    "submission_plan",
    "lobbying_plan",
    "treaty_plan",
    "followup_matrix",
    "country_report",
    "knowledge_check_post",
    "programme_evaluation",
)
# Share of a written answer's points the simulated trainer gives, by submission quality.
_RUBRIC_SHARE = {"full": 1.0, "partial": 0.5}
# The one line the demo prints when it grades without bubblewrap (its own generated submissions).
NO_SANDBOX_NOTE = (
    "note: bubblewrap (bwrap) is not available here, so the demo grades its own generated "
    "submissions WITHOUT the sandbox; before grading real participants' work, install it: "
    "sudo apt-get install bubblewrap"
)


@dataclass(frozen=True)
class DemoResult:
    workshop: Path
    report: Path
    step_seconds: dict[str, float] = field(default_factory=dict)
    submissions: int = 0


def apply_rubric_grades(ws, assignment: str, qualities: dict[str, str]) -> int:
    """Grade the written answers of ``assignment`` with its rubric, as a trainer would.

    The trainer's path, with the marking simulated: ``uprkit rubric sheet`` writes the grading
    sheet, each criterion gets its full points for a "full" submission and half (rounded to
    0.5) for a "partial" one, and ``uprkit rubric apply`` records it. An untouched answer keeps
    the zero nbgrader gave it; nothing graded by hand before is overwritten. Returns how many
    answers were graded.
    """
    if not rubric_path(assignment).is_file():
        return 0  # no written answers graded by hand in this one
    sheet, answers = write_grading_sheet(ws, assignment, force=True)
    if not answers:
        return 0
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        share = _RUBRIC_SHARE.get(qualities.get(row["participant_id"], ""))
        if share is not None:
            row["awarded"] = f"{round(float(row['max_points']) * share * 2) / 2:g}"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return apply_grading_sheet(ws, assignment, sheet).graded


def _check_assignments(assignments: Sequence[str] | None) -> list[str]:
    names = list(assignments or DEMO_ASSIGNMENTS)
    unknown = [a for a in names if a not in DEMO_ASSIGNMENTS]
    if unknown:
        raise WorkshopError(
            f"unknown demo assignment(s) {', '.join(unknown)}; "
            f"choose from {', '.join(DEMO_ASSIGNMENTS)}"
        )
    return names


def _create_workshop(folder: Path, names: list[str], participants: int | None):
    """The demo workshop, from the demo roster (only its first ``participants`` people if given)."""
    roster_csv = paths.datasets_dir() / "demo" / "roster.csv"
    if participants is None:
        return init_workshop(folder, roster_csv, assignments=names)
    lines = roster_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix="uprkit-demo-") as tmp:
        trimmed = Path(tmp) / "roster.csv"
        trimmed.write_text("".join(lines[: participants + 1]), encoding="utf-8")
        return init_workshop(folder, trimmed, assignments=names)


def _grade_written_answers(ws, names: list[str], made) -> int:
    """Rubric grades for every assignment, by the quality each submission was generated with."""
    qualities: dict[str, dict[str, str]] = {}
    for item in made:
        qualities.setdefault(item.assignment, {})[item.participant_id] = item.quality.value
    return sum(apply_rubric_grades(ws, a, qualities.get(a, {})) for a in names)


def _autograde_all(ws, names: list[str], workers: int | None, sandbox: bool) -> dict:
    """Autograde every demo assignment; ``sandbox=False`` only for the demo's own submissions.

    The demo's submissions are generated by the kit from its solutions (trusted), so without
    bubblewrap they are graded unsandboxed: ``run_demo`` has said so in one line, and the
    per-assignment UnsandboxedWarning would only repeat it. Real cohorts never come here.
    Without cgroups each run warns that a whole process tree is not capped: said once here, not
    once per assignment.
    """
    uncapped = not_capped()
    if uncapped:
        warnings.warn(f"not capped on this machine: {uncapped}", UncappedWarning, stacklevel=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncappedWarning)
        if sandbox:
            return {a: autograde(ws, a, workers=workers) for a in names}
        warnings.simplefilter("ignore", UnsandboxedWarning)
        return {a: autograde(ws, a, workers=workers, sandbox=False) for a in names}


def _end_of_week(ws, step) -> None:
    """The last day's papers: a transcript each (pseudonymised), funder totals, certificates."""
    step("9. transcripts (one per participant)", lambda: build_transcripts(ws, "all"))
    step("10. funder report (totals only)", lambda: build_report(ws, kind="funder"))
    step(
        "11. certificates (fictional names)",
        lambda: write_certificates(
            ws, place="Demo City", start="1 June", end="5 June", trainer="Demo Trainer"
        ),
    )


def _summary(submissions: int, people: int, collected, runs: dict) -> str:
    """The demo's last line: what was handed in, refused at the door, and not graded."""
    not_graded = sum(r.status == "not graded" for run in runs.values() for r in run.results)
    refused = sum(len(files) for result in collected for files in result.refused.values())
    return (
        f"{submissions} submissions from {people} fictional participants; {refused} refused at "
        f"collect and {not_graded} could not be graded (listed in the report, not counted as 0)."
    )


def run_demo(
    folder,
    *,
    assignments: Sequence[str] | None = None,
    participants: int | None = None,
    seed: int = 0,
    workers: int | None = None,
    sandbox: bool | None = None,
    out: Callable[[str], None] = print,
) -> DemoResult:
    """Run the demo workshop cycle in ``folder`` (new or empty) and return the report's path.

    ``assignments``: a subset of ``DEMO_ASSIGNMENTS``; ``participants``: only the first N people
    of the demo roster (the tests use both to stay fast). ``sandbox``: None (the default) grades
    in the bubblewrap sandbox when it works here, and otherwise grades the demo's own generated
    (trusted) submissions without it, after printing ``NO_SANDBOX_NOTE``.
    """
    names = _check_assignments(assignments)
    if sandbox is None:
        sandbox = bwrap_works() is not None
    if not sandbox:
        out(NO_SANDBOX_NOTE)
    folder = Path(folder)
    times: dict[str, float] = {}

    def step(label: str, action):
        started = time.perf_counter()
        value = action()
        times[label] = round(time.perf_counter() - started, 2)
        out(f"{label:<44} {times[label]:7.1f} s")
        return value

    ws = step(
        "1. create the workshop (roster, gradebook)",
        lambda: _create_workshop(folder, names, participants),
    )
    step(f"2. release {len(names)} assignments", lambda: [release_assignment(ws, a) for a in names])
    participant_ids = list(load_roster(ws.roster_path)["participant_id"])
    incoming = ws.root / "incoming"
    made = step(
        "3. generate the demo cohort's submissions",
        lambda: generate_submissions(
            ws.course_dir / "release",
            paths.solutions_dir(),
            participant_ids,
            incoming,
            assignments=names,
            seed=seed,
        ),
    )
    collected = step(
        "4. collect submissions",
        lambda: [
            collect_submissions(ws, a, incoming / a) for a in names if (incoming / a).exists()
        ],
    )
    runs = step(
        "5. autograde (sandboxed, in parallel)"
        if sandbox
        else "5. autograde (no sandbox, demo only)",
        lambda: _autograde_all(ws, names, workers, sandbox),
    )
    step(
        "6. rubric grades for written answers (simulated)",
        lambda: _grade_written_answers(ws, names, made),
    )
    step("7. feedback pages", lambda: [generate_feedback(ws, a) for a in names])
    report = step(
        "8. cohort report (papermill, pseudonymised)", lambda: build_report(ws, kind="cohort")
    )
    _end_of_week(ws, step)
    out(f"{'total':<44} {sum(times.values()):7.1f} s")
    out(_summary(len(made), len(participant_ids), collected, runs))
    out(f"Cohort report: {report.html}")
    return DemoResult(ws.root, report.html, times, len(made))
