"""Autograde a workshop's submissions: parallel, sandboxed, and score-for-score nbgrader.

The autograde converter's own steps run here, split so that kernels run in parallel while the
gradebook is written by one process only:

1. parent, per submission: nbgrader's sanitising preprocessors (ClearOutput, DeduplicateIds,
   OverwriteKernelspec, OverwriteCells, CheckCellMetadata) through the same NotebookExporter;
   plus our own checks nbgrader does not make (invalid JSON, deleted or edited locked cells,
   a notebook from another assignment);
2. workers (uprkit.grading.executor), one per core: nbgrader's ``Execute`` inside bubblewrap;
3. parent, serialised: IgnorePattern, ClearMetadata, LimitOutput, SaveAutoGrades,
   AssignLatePenalties, CheckCellMetadata — the same post-execution steps, same gradebook.

A submission that cannot be graded is recorded as "not graded" with its reason in
``runs/<assignment>.json``, never shown as 0. Manual grades are never overwritten (nbgrader's
SaveAutoGrades only writes ``auto_score``), and the gradebook is backed up before every run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from uprkit.errors import GradingError, UprkitError
from uprkit.grading.executor import CONFIG_SECTIONS, GRADER_FAILURE, ExecutionJob, WorkerPool
from uprkit.paths import solutions_dir
from uprkit.workshop.folder import (
    Workshop,
    check_assignment,
    course_directory,
    list_assignments,
    load_course_config,
    open_gradebook,
)

__all__ = [
    "SubmissionResult",
    "GradingRun",
    "autograde",
    "backup_gradebook",
    "gradebook_scores",
    "read_run_records",
]

GRADED, FLAGGED, NOT_GRADED = "graded", "flagged", "not graded"


@dataclass(frozen=True)
class SubmissionResult:
    participant_id: str
    status: str  # "graded" | "flagged" | "not graded"
    score: float | None
    max_score: float
    flags: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class GradingRun:
    assignment: str
    results: list[SubmissionResult]
    seconds: float
    backup_path: Path | None
    skipped: tuple[str, ...] = ()  # already graded, unchanged since

    def by_participant(self) -> dict[str, SubmissionResult]:
        return {r.participant_id: r for r in self.results}


# ---------------------------------------------------------------- gradebook safety


def backup_gradebook(ws: Workshop, reason: str) -> Path | None:
    """Copy the gradebook to backups/ with SQLite's online backup (consistent even mid-write)."""
    if not ws.gradebook_path.exists():
        return None
    ws.backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = ws.backups_dir / f"gradebook-{stamp}-{reason}.db"
    source = sqlite3.connect(ws.gradebook_path)
    try:
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
    return target


def _records_path(ws: Workshop, assignment: str) -> Path:
    return ws.runs_dir / f"{assignment}.json"


def read_run_records(ws: Workshop, assignment: str) -> dict[str, dict]:
    path = _records_path(ws, assignment)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _write_record(ws: Workshop, assignment: str, record: dict) -> None:
    records = read_run_records(ws, assignment)
    records[record["participant_id"]] = record
    path = _records_path(ws, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False), "utf-8")
    os.replace(tmp, path)


def _execution_config(config) -> dict:
    """The execution settings workers need, as plain dicts that cross a process boundary."""
    return {section: dict(config[section]) for section in CONFIG_SECTIONS if section in config}


def autograde(
    ws: Workshop,
    assignment: str,
    *,
    workers: int | None = None,
    timeout: int | None = None,
    notebook_timeout: float | None = None,
    sandbox: bool = True,
    force: bool = False,
    participants=None,
    progress: Callable[[SubmissionResult], None] | None = None,
) -> GradingRun:
    """Grade every collected submission of ``assignment``; return one result per participant.

    ``timeout``: seconds per cell (default: the course's ``Execute.timeout``, nbgrader's 30);
    ``notebook_timeout``: seconds for a whole notebook (default: 4 × the cell timeout, at least
    60). Submissions already graded and unchanged since are skipped unless ``force``;
    ``participants`` limits the run to those ids (e.g. to regrade one person). A submission
    that could not be graded is retried only when resubmitted, forced, or when the grader
    itself failed. ``sandbox=False`` runs without bubblewrap, with a loud warning.
    """
    check_assignment(ws, assignment)
    t0 = time.monotonic()
    config = load_course_config(ws)
    if sandbox:
        from uprkit.grading.sandbox import require_bwrap

        require_bwrap()
    else:
        import warnings

        from uprkit.grading.sandbox import UnsandboxedWarning

        warnings.warn(
            f"autograding {assignment} WITHOUT a sandbox: participants' code can read the hidden "
            "tests and damage the gradebook (a backup is made first); use only on a copy",
            UnsandboxedWarning, stacklevel=2)
    # Workers start first: their imports overlap with everything the parent does below.
    count = min(workers or os.cpu_count() or 1, _candidate_count(ws, assignment, participants))
    pool = WorkerPool(max(1, count), _execution_config(config))
    try:
        return _autograde(ws, assignment, config, pool, timeout=timeout,
                          notebook_timeout=notebook_timeout, sandbox=sandbox, force=force,
                          participants=participants, progress=progress, started=t0)
    finally:
        pool.close()


def _candidate_count(ws: Workshop, assignment: str, participants) -> int:
    """How many submissions this run may grade at most (cheap: no nbgrader, no timestamps), so
    that a re-run that skips everyone, or a regrade of one person, starts few workers."""
    if participants is not None:
        return len(set(participants))
    return sum(1 for p in (ws.course_dir / "submitted").glob(f"*/{assignment}") if p.is_dir())


def _autograde(ws, assignment, config, pool, *, timeout, notebook_timeout, sandbox, force,
               participants, progress, started) -> GradingRun:
    from nbgrader.api import MissingEntry

    from uprkit.grading.nbgrader_steps import prepare_submission, shared_gradebook

    coursedir = course_directory(ws)
    cell_timeout = timeout if timeout is not None else int(config.Execute.get("timeout", 30))
    if notebook_timeout is None:
        notebook_timeout = max(60.0, 4.0 * cell_timeout)
    with open_gradebook(ws) as gradebook:
        try:
            released = gradebook.find_assignment(assignment)
        except MissingEntry:
            raise GradingError(
                f"{assignment} has not been released in {ws.root}; run `uprkit release "
                f"{assignment}` first (it records the grade cells autograde needs)") from None
        known = {nb.name for nb in released.notebooks}
        max_score = float(released.max_score)
    todo, skipped = _select(ws, coursedir, assignment, participants, force)
    backup = backup_gradebook(ws, f"before-autograde-{assignment}")
    run = _Run(ws, config, assignment, progress, max_score)
    hidden = [ws.root, *other_workshops_nearby(ws)]
    try:
        hidden.append(solutions_dir())  # hidden tests of the kit's own assignments
    except UprkitError:
        pass  # installed without the kit's folders: nothing more to hide
    staging = Path(tempfile.mkdtemp(prefix="uprkit-grade-"))
    # The parent alone writes the gradebook, through one open session, between handing out jobs.
    try:
        with open_gradebook(ws) as gradebook, shared_gradebook(gradebook):
            run.gradebook = gradebook
            for pid in todo:
                item = prepare_submission(ws, coursedir, config, assignment, pid, gradebook, known)
                run.prepared[pid] = item
                if item.fatal or not item.notebooks:
                    run.finish(pid)
                    continue
                run.waiting[pid] = set(item.notebooks)
                for name, path in item.notebooks.items():
                    run.output_paths[(pid, name)] = str(staging / f"{pid}--{name}.ipynb")
                    pool.submit(ExecutionJob(
                        key=(pid, name), notebook_path=path,
                        output_path=run.output_paths[(pid, name)],
                        cwd=str(ws.autograded_dir(pid, assignment)),
                        hidden=tuple(str(h) for h in hidden),
                        timeout=timeout, notebook_timeout=float(notebook_timeout),
                        sandbox=sandbox))
                for result in pool.poll(0):
                    run.take(result)
            while pool.pending:
                for result in pool.poll(1.0):
                    run.take(result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    results = sorted(run.results, key=lambda r: r.participant_id)
    return GradingRun(assignment, results, time.monotonic() - started, backup, tuple(skipped))


def other_workshops_nearby(ws: Workshop) -> list[Path]:
    """Other cohorts' workshop folders where a trainer keeps them: beside this one, and in the
    kit's folder (``demo-workshop/``, ``workshops/*``). Their names and grades are hidden from
    participants' kernels too, not only this cohort's."""
    from uprkit.paths import kit_root
    from uprkit.workshop.folder import WORKSHOP_FILE

    places = [ws.root.parent]
    try:
        places += [kit_root(), kit_root() / "workshops"]
    except UprkitError:
        pass  # an installed kit without its folders
    found = set()
    for place in places:
        with contextlib.suppress(OSError):
            found.update(p.parent.resolve() for p in place.glob(f"*/{WORKSHOP_FILE}"))
    return sorted(found - {ws.root.resolve()})


def _select(ws, coursedir, assignment, participants, force) -> tuple[list[str], list[str]]:
    """Who to grade now, and who is skipped because nothing changed since their last run."""
    submitted_root = ws.course_dir / "submitted"
    submitted_ids = sorted(p.name for p in submitted_root.iterdir()
                           if (p / assignment).is_dir()) if submitted_root.exists() else []
    if not submitted_ids:
        raise GradingError(
            f"no submissions of {assignment} in {submitted_root}; collect them first with "
            f"`uprkit collect {assignment} FOLDER_OR_ZIP`")
    if participants is not None:
        unknown = sorted(set(participants) - set(submitted_ids))
        if unknown:
            raise GradingError(
                f"no submission of {assignment} from {', '.join(unknown)}; submitted: "
                f"{', '.join(submitted_ids)}")
        submitted_ids = [pid for pid in submitted_ids if pid in set(participants)]
    records = read_run_records(ws, assignment)
    todo, skipped = [], []
    for pid in submitted_ids:
        stamp = _submitted_at(coursedir, ws.submitted_dir(pid, assignment))
        old = records.get(pid)
        unchanged = bool(old) and old.get("submitted_at") == stamp
        if old and old.get("status") in (GRADED, FLAGGED):
            unchanged = unchanged and ws.autograded_dir(pid, assignment).exists()
        if old and old.get("retry"):
            unchanged = False  # the grader failed, not the submission: try again
        (skipped if unchanged and not force else todo).append(pid)
    return todo, skipped


def _submitted_at(coursedir, folder: Path) -> str | None:
    """The submission's timestamp as run records keep it (``submitted_at``), or None."""
    stamp = coursedir.get_existing_timestamp(str(folder))
    return stamp.isoformat() if stamp else None


class _Run:
    """Book-keeping of one autograde run in the parent: results in, grades and records out."""

    def __init__(self, ws, config, assignment, progress, max_score: float):
        self.ws, self.config, self.assignment, self.progress = ws, config, assignment, progress
        self.max_score = max_score  # the released assignment's, read once
        self.gradebook = None
        self.prepared: dict = {}
        self.output_paths: dict[tuple[str, str], str] = {}
        self.executed: dict[str, dict[str, str]] = {}
        self.problems: dict[str, list[str]] = {}
        self.notes: dict[str, list[str]] = {}
        self.seconds: dict[str, float] = {}
        self.waiting: dict[str, set[str]] = {}
        self.results: list[SubmissionResult] = []

    def take(self, result) -> None:
        """Book one notebook's execution; record the participant once all theirs are done."""
        pid, name = result.key
        self.seconds[pid] = self.seconds.get(pid, 0.0) + result.seconds
        self.notes.setdefault(pid, []).extend(result.notes)
        if result.ok:
            self.executed.setdefault(pid, {})[name] = self.output_paths[result.key]
        else:
            self.problems.setdefault(pid, []).append(f"{name}.ipynb: {result.problem}")
        self.waiting[pid].discard(name)
        if not self.waiting[pid]:
            self.finish(pid)

    def finish(self, pid: str) -> None:
        from uprkit.grading.nbgrader_steps import record_submission

        item = self.prepared[pid]
        flags = list(item.flags) + self.notes.get(pid, [])
        took = self.seconds.get(pid, 0.0)
        gradebook = self.gradebook
        if item.fatal or self.problems.get(pid):
            reason = item.fatal or "; ".join(self.problems[pid])
            shutil.rmtree(self.ws.autograded_dir(pid, self.assignment), ignore_errors=True)
            result = SubmissionResult(pid, NOT_GRADED, None, self.max_score,
                                      tuple([f"not graded: {reason}"] + flags), took)
        else:
            record_submission(self.config, item, self.executed.get(pid, {}),
                              self.ws.autograded_dir(pid, self.assignment))
            submission = gradebook.find_submission(self.assignment, pid)
            if submission.needs_manual_grade:
                flags.append("needs manual grading")
            status = FLAGGED if any(not f.startswith("needs manual") for f in flags) else GRADED
            result = SubmissionResult(pid, status, float(submission.score),
                                      float(submission.max_score), tuple(flags), took)
        _write_record(self.ws, self.assignment, {
            "participant_id": pid, "status": result.status, "score": result.score,
            "max_score": result.max_score, "flags": list(result.flags),
            "submitted_at": item.timestamp,
            "retry": any(GRADER_FAILURE in f for f in result.flags),
            "graded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        })
        self.results.append(result)
        if self.progress:
            self.progress(result)


# ---------------------------------------------------------------- reading grades


def gradebook_scores(ws: Workshop) -> pd.DataFrame:
    """One row per participant × assignment from the real gradebook, sorted.

    ``status`` comes from the grading run records, so a submission that could not be graded
    shows as "not graded" with its reason (score empty), never as a silent 0; a submission
    collected since the last run shows as "submitted/resubmitted, not graded yet".
    """
    from nbgrader.api import MissingEntry

    coursedir = course_directory(ws)
    rows = []
    with open_gradebook(ws) as gradebook:
        assignments = sorted(a.name for a in gradebook.assignments)
        students = sorted(s.id for s in gradebook.students)
        for assignment in assignments:
            records = read_run_records(ws, assignment)
            max_score = float(gradebook.find_assignment(assignment).max_score)
            for pid in students:
                record = records.get(pid, {})
                try:
                    submission = gradebook.find_submission(assignment, pid)
                except MissingEntry:
                    submission = None
                status = record.get("status") or ("not graded" if submission else "not submitted")
                if submission is not None and not record:
                    graded = any(g.auto_score is not None or g.manual_score is not None
                                 for nb in submission.notebooks for g in nb.grades)
                    status = GRADED if graded else "not graded"
                folder = ws.submitted_dir(pid, assignment)
                if not record:
                    if submission is None and folder.exists():
                        status = "submitted, not graded yet"
                elif folder.exists():
                    stamp = _submitted_at(coursedir, folder)
                    if stamp and record.get("submitted_at") != stamp:
                        status = "resubmitted, not graded yet"  # the score is the earlier one's
                score = None
                needs_manual = False
                if submission is not None and status != NOT_GRADED:
                    score = float(submission.score)
                    needs_manual = bool(submission.needs_manual_grade)
                rows.append({"participant_id": pid, "assignment": assignment, "score": score,
                             "max_score": max_score, "needs_manual_grade": needs_manual,
                             "status": status, "flags": "; ".join(record.get("flags", []))})
    frame = pd.DataFrame(rows, columns=["participant_id", "assignment", "score", "max_score",
                                        "needs_manual_grade", "status", "flags"])
    frame["score"] = frame["score"].astype("Float64")
    return frame.sort_values(["participant_id", "assignment"], ignore_index=True)


def result_dict(result: SubmissionResult) -> dict:
    return asdict(result)


def generate_feedback(ws: Workshop, assignment: str) -> dict[str, Path]:
    """Feedback HTML per graded participant, hidden tests removed (see uprkit.grading.feedback)."""
    from uprkit.grading.feedback import generate_feedback as _generate

    return _generate(ws, assignment)


__all__ += ["generate_feedback", "list_assignments"]
