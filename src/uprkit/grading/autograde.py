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

import datetime as dt
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from uprkit.errors import GradingError
from uprkit.grading.caps import not_capped, sweep
from uprkit.grading.reach import (
    UncappedWarning,
    grading_caps,
    hidden_from_kernels,
    other_workshops_nearby,
)
from uprkit.grading.sandbox import UnsandboxedWarning, require_bwrap
from uprkit.grading.workers import CONFIG_SECTIONS, GRADER_FAILURE, ExecutionJob, WorkerPool
from uprkit.workshop.course import (
    backup_gradebook,
    course_directory,
    load_course_config,
    open_gradebook,
)
from uprkit.workshop.folder import (
    Workshop,
    check_assignment,
    workshop_lock,
)
from uprkit.workshop.records import (
    FLAGGED,
    GRADED,
    NOT_GRADED,
    read_run_records,
    submitted_at,
    write_run_record,
)

__all__ = [
    "SubmissionResult",
    "GradingRun",
    "UncappedWarning",
    "autograde",
    "grading_caps",
    "other_workshops_nearby",
]


@dataclass(frozen=True)
class SubmissionResult:
    participant_id: str
    status: str  # "graded" | "flagged" | "not graded" (uprkit.workshop.records)
    score: float | None
    max_score: float
    flags: tuple[str, ...] = ()
    seconds: float = 0.0
    peak_memory: int | None = None  # bytes its process tree held at most (with cgroups)


@dataclass(frozen=True)
class GradingRun:
    assignment: str
    results: list[SubmissionResult]
    seconds: float
    backup_path: Path | None
    skipped: tuple[str, ...] = ()  # already graded, unchanged since

    def by_participant(self) -> dict[str, SubmissionResult]:
        return {r.participant_id: r for r in self.results}


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
    with workshop_lock(ws, f"uprkit autograde {assignment}"):
        return _locked_autograde(
            ws,
            assignment,
            workers=workers,
            timeout=timeout,
            notebook_timeout=notebook_timeout,
            sandbox=sandbox,
            force=force,
            participants=participants,
            progress=progress,
        )


def _locked_autograde(
    ws, assignment, *, workers, timeout, notebook_timeout, sandbox, force, participants, progress
) -> GradingRun:
    t0 = time.monotonic()
    config = load_course_config(ws, assignment)  # a trainer's own: nbgrader's defaults
    caps = grading_caps(ws)
    if sandbox:
        require_bwrap()
    else:
        warnings.warn(
            f"autograding {assignment} WITHOUT a sandbox: participants' code can read the hidden "
            "tests and damage the gradebook (a backup is made first); use only on a copy",
            UnsandboxedWarning,
            stacklevel=3,
        )
    uncapped = not_capped()
    if uncapped:  # once per run, in the trainer's process
        warnings.warn(f"not capped on this machine: {uncapped}", UncappedWarning, stacklevel=3)
    # Workers start first: their imports overlap with everything the parent does below.
    count = min(workers or os.cpu_count() or 1, _candidate_count(ws, assignment, participants))
    pool = WorkerPool(max(1, count), _execution_config(config))
    try:
        return _autograde(
            ws,
            assignment,
            config,
            pool,
            timeout=timeout,
            notebook_timeout=notebook_timeout,
            sandbox=sandbox,
            force=force,
            participants=participants,
            progress=progress,
            started=t0,
            caps=caps,
        )
    finally:
        pool.close()
        sweep()  # what workers killed during the run left behind


def _candidate_count(ws: Workshop, assignment: str, participants) -> int:
    """How many submissions this run may grade at most (cheap: no nbgrader, no timestamps), so
    that a re-run that skips everyone, or a regrade of one person, starts few workers."""
    if participants is not None:
        return len(set(participants))
    return sum(1 for p in (ws.course_dir / "submitted").glob(f"*/{assignment}") if p.is_dir())


def _autograde(
    ws,
    assignment,
    config,
    pool,
    *,
    timeout,
    notebook_timeout,
    sandbox,
    force,
    participants,
    progress,
    started,
    caps,
) -> GradingRun:
    # Imported here, after the workers have started: nbgrader takes ~1.8 s to import, and the
    # workers' own imports (~0.6 s) run meanwhile on the other cores.
    from nbgrader.api import MissingEntry

    from uprkit.grading.nbgrader_steps import (
        prepare_submission,
        record_submission,
        shared_gradebook,
    )

    coursedir = course_directory(ws, assignment)
    cell_timeout = timeout if timeout is not None else int(config.Execute.get("timeout", 30))
    if notebook_timeout is None:
        notebook_timeout = max(60.0, 4.0 * cell_timeout)
    known, max_score = _released(ws, assignment, MissingEntry)
    todo, skipped = _select(ws, coursedir, assignment, participants, force)
    backup = backup_gradebook(ws, f"before-autograde-{assignment}")
    run = _Run(ws, config, assignment, progress, max_score, record_submission)
    job = {
        "hidden": tuple(str(h) for h in hidden_from_kernels(ws)),
        "timeout": timeout,
        "notebook_timeout": float(notebook_timeout),
        "sandbox": sandbox,
        "caps": caps,
    }
    # The grader's own folder (0700, in /tmp, which no kernel sees): sanitised notebooks with
    # their hidden tests, what each kernel is given, the executed notebooks.
    staging = Path(tempfile.mkdtemp(prefix="uprkit-grade-"))
    # The parent alone writes the gradebook, through one open session, between handing out jobs.
    try:
        with open_gradebook(ws) as gradebook, shared_gradebook(gradebook):
            run.gradebook = gradebook
            for number, pid in enumerate(todo):
                place = staging / f"{number:05d}"
                place.mkdir()
                item = prepare_submission(
                    ws, coursedir, config, assignment, pid, gradebook, known, place
                )
                run.prepared[pid] = item
                if item.fatal or not item.notebooks:
                    run.finish(pid)
                    continue
                run.waiting[pid] = set(item.notebooks)
                for name, path in item.notebooks.items():
                    run.output_paths[(pid, name)] = str(place / f"executed--{name}.ipynb")
                    pool.submit(
                        ExecutionJob(
                            (pid, name), path, run.output_paths[(pid, name)], item.inputs, **job
                        )
                    )
                for result in pool.poll(0):
                    run.take(result)
            while pool.pending:
                for result in pool.poll(1.0):
                    run.take(result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    results = sorted(run.results, key=lambda r: r.participant_id)
    return GradingRun(assignment, results, time.monotonic() - started, backup, tuple(skipped))


def _released(ws, assignment, missing_entry) -> tuple[set[str], float]:
    """The released assignment's notebooks and its maximum score, from the gradebook."""
    with open_gradebook(ws) as gradebook:
        try:
            released = gradebook.find_assignment(assignment)
        except missing_entry:
            raise GradingError(
                f"{assignment} has not been released in {ws.root}; run `uprkit release "
                f"{assignment}` first (it records the grade cells autograde needs)"
            ) from None
        return {nb.name for nb in released.notebooks}, float(released.max_score)


def _select(ws, coursedir, assignment, participants, force) -> tuple[list[str], list[str]]:
    """Who to grade now, and who is skipped because nothing changed since their last run."""
    submitted_root = ws.course_dir / "submitted"
    submitted_ids = (
        sorted(p.name for p in submitted_root.iterdir() if (p / assignment).is_dir())
        if submitted_root.exists()
        else []
    )
    if not submitted_ids:
        raise GradingError(
            f"no submissions of {assignment} in {submitted_root}; collect them first with "
            f"`uprkit collect {assignment} FOLDER_OR_ZIP`"
        )
    if participants is not None:
        unknown = sorted(set(participants) - set(submitted_ids))
        if unknown:
            raise GradingError(
                f"no submission of {assignment} from {', '.join(unknown)}; submitted: "
                f"{', '.join(submitted_ids)}"
            )
        submitted_ids = [pid for pid in submitted_ids if pid in set(participants)]
    records = read_run_records(ws, assignment)
    todo, skipped = [], []
    for pid in submitted_ids:
        stamp = submitted_at(coursedir, ws.submitted_dir(pid, assignment))
        old = records.get(pid)
        unchanged = bool(old) and old.get("submitted_at") == stamp
        if old and old.get("status") in (GRADED, FLAGGED):
            unchanged = unchanged and ws.autograded_dir(pid, assignment).exists()
        if old and old.get("retry"):
            unchanged = False  # the grader failed, not the submission: try again
        (skipped if unchanged and not force else todo).append(pid)
    return todo, skipped


class _Run:
    """Book-keeping of one autograde run in the parent: results in, grades and records out."""

    def __init__(self, ws, config, assignment, progress, max_score: float, record_submission):
        self.ws, self.config, self.assignment, self.progress = ws, config, assignment, progress
        self.record_submission = record_submission  # nbgrader's steps after execution
        self.max_score = max_score  # the released assignment's, read once
        self.gradebook = None
        self.prepared: dict = {}
        self.output_paths: dict[tuple[str, str], str] = {}
        self.executed: dict[str, dict[str, str]] = {}
        self.problems: dict[str, list[str]] = {}
        self.notes: dict[str, list[str]] = {}
        self.seconds: dict[str, float] = {}
        self.peaks: dict[str, int] = {}
        self.waiting: dict[str, set[str]] = {}
        self.results: list[SubmissionResult] = []

    def take(self, result) -> None:
        """Book one notebook's execution; record the participant once all theirs are done."""
        pid, name = result.key
        self.seconds[pid] = self.seconds.get(pid, 0.0) + result.seconds
        if result.peak_memory is not None:
            self.peaks[pid] = max(self.peaks.get(pid, 0), result.peak_memory)
        self.notes.setdefault(pid, []).extend(result.notes)
        if result.ok:
            self.executed.setdefault(pid, {})[name] = self.output_paths[result.key]
        else:
            self.problems.setdefault(pid, []).append(f"{name}.ipynb: {result.problem}")
        self.waiting[pid].discard(name)
        if not self.waiting[pid]:
            self.finish(pid)

    def finish(self, pid: str) -> None:
        item = self.prepared[pid]
        flags = list(item.flags) + self.notes.get(pid, [])
        took = self.seconds.get(pid, 0.0)
        gradebook = self.gradebook
        if item.fatal or self.problems.get(pid):
            reason = item.fatal or "; ".join(self.problems[pid])
            shutil.rmtree(self.ws.autograded_dir(pid, self.assignment), ignore_errors=True)
            result = SubmissionResult(
                pid,
                NOT_GRADED,
                None,
                self.max_score,
                tuple([f"not graded: {reason}"] + flags),
                took,
                self.peaks.get(pid),
            )
        else:
            self.record_submission(
                self.config,
                item,
                self.executed.get(pid, {}),
                self.ws.autograded_dir(pid, self.assignment),
            )
            submission = gradebook.find_submission(self.assignment, pid)
            if submission.needs_manual_grade:
                flags.append("needs manual grading")
            status = FLAGGED if any(not f.startswith("needs manual") for f in flags) else GRADED
            result = SubmissionResult(
                pid,
                status,
                float(submission.score),
                float(submission.max_score),
                tuple(flags),
                took,
                self.peaks.get(pid),
            )
        write_run_record(
            self.ws,
            self.assignment,
            {
                "participant_id": pid,
                "status": result.status,
                "score": result.score,
                "max_score": result.max_score,
                "flags": list(result.flags),
                "submitted_at": item.timestamp,
                "retry": any(GRADER_FAILURE in f for f in result.flags),
                "graded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
        )
        self.results.append(result)
        if self.progress:
            self.progress(result)


def result_dict(result: SubmissionResult) -> dict:
    return asdict(result)
