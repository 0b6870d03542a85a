"""Autograde a workshop's submissions: parallel, sandboxed, and score-for-score nbgrader.

The autograde converter's own steps run here, split so that kernels run in parallel while the
gradebook is written by one process only:

1. parent, per submission: nbgrader's sanitising preprocessors (ClearOutput, DeduplicateIds,
   OverwriteKernelspec, OverwriteCells, CheckCellMetadata) through the same NotebookExporter;
   plus our own checks nbgrader does not make (invalid JSON, deleted or edited locked cells,
   a notebook from another assignment);
2. workers (uprkit.executor), one per core: nbgrader's ``Execute`` inside bubblewrap;
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
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from uprkit.errors import GradingError, UprkitError
from uprkit.workshop import (
    Workshop,
    check_assignment,
    course_directory,
    list_assignments,
    load_course_config,
    open_gradebook,
    venv_bin_on_path,
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


@dataclass
class _Prepared:
    participant_id: str
    timestamp: str | None
    notebooks: dict[str, str] = field(default_factory=dict)  # name -> sanitised path
    resources: dict[str, dict] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    fatal: str = ""
    started: float = 0.0


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


# ---------------------------------------------------------------- step 1: prepare (parent)


@contextlib.contextmanager
def _quiet_nbformat():
    """nbgrader's own steps make nbformat warn about cell ids (harmless; nbgrader does the same)."""
    from nbformat.warnings import MissingIDFieldWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingIDFieldWarning)
        yield


def _release_cells(ws: Workshop, assignment: str, notebook: str) -> dict[str, dict]:
    """Locked cells of the released notebook, by grade_id (what a participant must not change)."""
    import nbformat

    release = ws.course_dir / "release" / assignment / f"{notebook}.ipynb"
    if not release.exists():
        return {}
    nb = nbformat.read(release, as_version=4)
    cells = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id"):
            cells[meta["grade_id"]] = {"source": cell.source, "locked": bool(meta.get("locked")),
                                       "grade": bool(meta.get("grade")),
                                       "solution": bool(meta.get("solution"))}
    return cells


def _tamper_flags(submitted, release_cells: dict[str, dict], notebook: str, *,
                  restores_missing: bool = False) -> list[str]:
    flags = []
    present = {}
    for cell in submitted.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            present[grade_id] = cell
    for grade_id, expected in release_cells.items():
        cell = present.get(grade_id)
        kind = "test cell" if expected["grade"] and not expected["solution"] else (
            "answer cell" if expected["solution"] else "locked cell")
        if cell is None:
            if expected["grade"] and restores_missing:
                flags.append(f"deleted {kind} {grade_id} in {notebook} (nbgrader put it back from "
                             "the release before grading)")
            elif expected["grade"]:
                flags.append(f"deleted {kind} {grade_id} in {notebook}: it scores 0 and needs a "
                             "manual look")
            elif expected["locked"] or expected["solution"]:
                flags.append(f"deleted {kind} {grade_id} in {notebook}")
            continue
        if expected["locked"] and cell.source.rstrip() != expected["source"].rstrip():
            flags.append(f"edited {kind} {grade_id} in {notebook} (nbgrader restored the original "
                         "before grading; the edit had no effect)")
        if expected["locked"] and not cell.metadata.get("nbgrader", {}).get("locked", False):
            flags.append(f"unlocked {kind} {grade_id} in {notebook}")
    return flags


def _json_problem(path: Path) -> str | None:
    text = path.read_bytes()
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"{path.name} is not UTF-8 text (byte {exc.start})"
    try:
        json.loads(decoded)
    except json.JSONDecodeError as exc:
        return f"invalid JSON in {path.name} at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    return None


def _copy_support_files(ws, coursedir, assignment, pid, dest: Path) -> None:
    from nbgrader.utils import find_all_files

    submitted = ws.submitted_dir(pid, assignment)
    source = ws.source_dir(assignment)
    for root, target_root in ((submitted, dest), (source, dest)):
        for filename in find_all_files(str(root), coursedir.ignore + ["*.ipynb"]):
            target = target_root / os.path.relpath(filename, root)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()
            shutil.copy(filename, target)


def _prepare(ws, coursedir, config, assignment, pid, gradebook, known_notebooks) -> _Prepared:
    """nbgrader's init_assignment + sanitising pass for one participant (parent process)."""
    import nbformat
    from nbconvert.exporters import NotebookExporter
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        OverwriteCells,
        OverwriteKernelspec,
    )

    submitted = ws.submitted_dir(pid, assignment)
    timestamp = coursedir.get_existing_timestamp(str(submitted))
    prepared = _Prepared(pid, timestamp.isoformat() if timestamp else None, started=time.time())
    gradebook.update_or_create_student(pid)
    if timestamp:
        gradebook.update_or_create_submission(assignment, pid, timestamp=timestamp)
    else:
        gradebook.update_or_create_submission(assignment, pid)

    dest = ws.autograded_dir(pid, assignment)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _copy_support_files(ws, coursedir, assignment, pid, dest)

    submitted_notebooks = sorted(submitted.glob("*.ipynb"))
    for path in submitted_notebooks:
        if path.stem not in known_notebooks:
            prepared.flags.append(f"{path.name} is not a notebook of {assignment}; skipped")
    for name in sorted(known_notebooks):
        path = submitted / f"{name}.ipynb"
        if not path.exists():
            # nbgrader gives a missing notebook a zero; do the same, and say so
            submission = gradebook.find_submission_notebook(name, assignment, pid)
            for grade in submission.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
            gradebook.db.commit()
            prepared.flags.append(f"no {name}.ipynb submitted: scored 0")
            continue
        problem = _json_problem(path)
        if problem:
            prepared.fatal = problem
            return prepared
        submitted_nb = nbformat.read(path, as_version=4)
        release_cells = _release_cells(ws, assignment, name)
        present = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                   for c in submitted_nb.cells} - {None}
        if release_cells and present and not (present & set(release_cells)):
            prepared.fatal = (
                f"{name}.ipynb looks like a notebook from another assignment: none of its "
                f"graded cells ({', '.join(sorted(present))}) belong to {assignment} "
                f"(expected {', '.join(sorted(release_cells))})")
            return prepared
        restores = bool(config.OverwriteCells.get("add_missing_cells", False))
        prepared.flags += _tamper_flags(submitted_nb, release_cells, name,
                                        restores_missing=restores)

        resources = {"unique_key": name, "output_files_dir": f"{name}_files",
                     "nbgrader": {"student": pid, "assignment": assignment, "notebook": name,
                                  "db_url": coursedir.db_url}}
        exporter = NotebookExporter(config=config)
        for pre in (ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
                    CheckCellMetadata):
            exporter.register_preprocessor(pre)
        try:
            with _quiet_nbformat():
                output, _ = exporter.from_filename(str(path), resources=dict(resources))
        except Exception as exc:  # noqa: BLE001 - nbgrader's own failure, reported as such
            prepared.fatal = f"nbgrader could not read {name}.ipynb: {type(exc).__name__}: {exc}"
            return prepared
        sanitised = dest / f"{name}.ipynb"
        sanitised.write_text(output, encoding="utf-8")
        prepared.notebooks[name] = str(sanitised)
        prepared.resources[name] = resources
    return prepared


# ---------------------------------------------------------------- step 3: record (parent)


def _record(ws, config, assignment, prepared: _Prepared, executed: dict[str, str]) -> None:
    """nbgrader's post-execution steps (SaveAutoGrades etc.) on each executed notebook."""
    from nbconvert.exporters import NotebookExporter
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    dest = ws.autograded_dir(prepared.participant_id, assignment)
    for name, executed_path in executed.items():
        exporter = NotebookExporter(config=config)
        for pre in (IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
                    AssignLatePenalties, CheckCellMetadata):
            exporter.register_preprocessor(pre)
        resources = dict(prepared.resources[name])
        resources["metadata"] = {"path": str(dest)}
        with venv_bin_on_path(), _quiet_nbformat():
            output, _ = exporter.from_filename(executed_path, resources=resources)
        (dest / f"{name}.ipynb").write_text(output, encoding="utf-8")


def _score(gradebook, assignment, pid) -> tuple[float | None, float, bool]:
    from nbgrader.api import MissingEntry

    try:
        submission = gradebook.find_submission(assignment, pid)
    except MissingEntry:
        return None, 0.0, False
    return float(submission.score), float(submission.max_score), bool(submission.needs_manual_grade)


# ---------------------------------------------------------------- step 2: run (workers)


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
    ``participants`` limits the run to those ids (e.g. to regrade one person).
    ``sandbox=False`` runs without bubblewrap, with a loud warning (throwaway copies only).
    """
    from nbgrader.api import MissingEntry

    from uprkit.executor import ExecutionJob
    from uprkit.paths import solutions_dir

    check_assignment(ws, assignment)
    t0 = time.monotonic()
    config = load_course_config(ws)
    coursedir = course_directory(ws)
    cell_timeout = timeout if timeout is not None else int(config.Execute.get("timeout", 30))
    if notebook_timeout is None:
        notebook_timeout = max(60.0, 4.0 * cell_timeout)
    if sandbox:
        from uprkit.sandbox import require_bwrap

        require_bwrap()
    with open_gradebook(ws) as gradebook:
        try:
            known = {nb.name for nb in gradebook.find_assignment(assignment).notebooks}
        except MissingEntry:
            raise GradingError(
                f"{assignment} has not been released in {ws.root}; run `uprkit release "
                f"{assignment}` first (it records the grade cells autograde needs)") from None
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
        stamp = coursedir.get_existing_timestamp(str(ws.submitted_dir(pid, assignment)))
        old = records.get(pid)
        if (not force and old and old.get("status") in (GRADED, FLAGGED)
                and old.get("submitted_at") == (stamp.isoformat() if stamp else None)
                and ws.autograded_dir(pid, assignment).exists()):
            skipped.append(pid)
        else:
            todo.append(pid)
    backup = backup_gradebook(ws, f"before-autograde-{assignment}")

    hidden = [ws.root]
    try:
        hidden.append(solutions_dir())  # hidden tests of the kit's own assignments
    except UprkitError:
        pass  # installed without the kit's folders: nothing more to hide
    results: list[SubmissionResult] = []
    staging = Path(tempfile.mkdtemp(prefix="uprkit-grade-"))
    try:
        prepared: dict[str, _Prepared] = {}
        jobs: list[ExecutionJob] = []
        with open_gradebook(ws) as gradebook:
            for pid in todo:
                item = _prepare(ws, coursedir, config, assignment, pid, gradebook, known)
                prepared[pid] = item
                for name, path in item.notebooks.items():
                    if item.fatal:
                        break
                    jobs.append(ExecutionJob(
                        key=(pid, name), notebook_path=path,
                        output_path=str(staging / f"{pid}--{name}.ipynb"),
                        cwd=str(ws.autograded_dir(pid, assignment)),
                        course_dir=str(ws.course_dir), hidden=tuple(str(h) for h in hidden),
                        timeout=timeout, notebook_timeout=float(notebook_timeout),
                        sandbox=sandbox))

        def finish(pid: str, executed: dict[str, str], problems: list[str], notes: list[str],
                   seconds: float) -> None:
            item = prepared[pid]
            flags = list(item.flags) + notes
            if item.fatal or problems:
                reason = item.fatal or "; ".join(problems)
                result = SubmissionResult(pid, NOT_GRADED, None, 0.0,
                                          tuple([f"not graded: {reason}"] + flags), seconds)
                shutil.rmtree(ws.autograded_dir(pid, assignment), ignore_errors=True)
            else:
                _record(ws, config, assignment, item, executed)
                with open_gradebook(ws) as gradebook:
                    score, max_score, needs_manual = _score(gradebook, assignment, pid)
                if needs_manual:
                    flags.append("needs manual grading")
                status = FLAGGED if any(not f.startswith("needs manual") for f in flags) else GRADED
                result = SubmissionResult(pid, status, score, max_score, tuple(flags), seconds)
            with open_gradebook(ws) as gradebook:
                try:
                    max_score = float(gradebook.find_assignment(assignment).max_score)
                except MissingEntry:
                    max_score = result.max_score
            if result.status == NOT_GRADED:
                result = SubmissionResult(pid, NOT_GRADED, None, max_score, result.flags, seconds)
            _write_record(ws, assignment, {
                "participant_id": pid, "status": result.status, "score": result.score,
                "max_score": result.max_score, "flags": list(result.flags),
                "submitted_at": item.timestamp,
                "graded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            })
            results.append(result)
            if progress:
                progress(result)

        waiting = {pid: {n for n in prepared[pid].notebooks} for pid in todo
                   if not prepared[pid].fatal}
        for pid in todo:
            if prepared[pid].fatal or not prepared[pid].notebooks:
                finish(pid, {}, [], [], 0.0)
                waiting.pop(pid, None)
        executed: dict[str, dict[str, str]] = {pid: {} for pid in waiting}
        problems: dict[str, list[str]] = {pid: [] for pid in waiting}
        notes: dict[str, list[str]] = {pid: [] for pid in waiting}
        seconds: dict[str, float] = {pid: 0.0 for pid in waiting}
        for result in _run_jobs(jobs, workers, config):
            pid, name = result.key
            seconds[pid] += result.seconds
            notes[pid] += list(result.notes)
            if result.ok:
                executed[pid][name] = next(j.output_path for j in jobs if j.key == result.key)
            else:
                problems[pid].append(f"{name}.ipynb: {result.problem}")
            waiting[pid].discard(name)
            if not waiting[pid]:
                finish(pid, executed[pid], problems[pid], notes[pid], seconds[pid])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    results.sort(key=lambda r: r.participant_id)
    return GradingRun(assignment, results, time.monotonic() - t0, backup, tuple(skipped))


class _Worker:
    """One ``python -m uprkit.executor`` process and the pipes to it."""

    def __init__(self, config_dict: dict):
        import pickle
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uprkit.executor", str(job_read), str(result_write)],
            pass_fds=(job_read, result_write), stdin=subprocess.DEVNULL,
        )
        os.close(job_read)
        os.close(result_write)
        self.jobs = Connection(job_write, readable=False)
        self.results = Connection(result_read, writable=False)
        self.jobs.send_bytes(pickle.dumps(config_dict))
        self.assigned: list = []

    def send(self, job) -> None:
        self.assigned.append(job)
        self.jobs.send(job)

    def stop(self) -> None:
        try:
            self.jobs.send(None)
        except OSError:
            pass
        try:
            self.process.wait(timeout=15)
        except Exception:  # noqa: BLE001 - a stuck worker is killed, never waited on forever
            self.process.kill()
            self.process.wait()
        self.jobs.close()
        self.results.close()


def _run_jobs(jobs, workers, config):
    """Yield ExecutionResults as workers finish; a worker that dies takes only its own job down."""
    from multiprocessing.connection import wait

    from uprkit.executor import ExecutionResult

    if not jobs:
        return
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    # workers only need the execution settings; plain dicts cross the process boundary
    config_dict = {section: dict(config[section]) for section in
                   ("Execute", "ExecutePreprocessor", "NotebookClient") if section in config}
    remaining = list(jobs)
    pool = [_Worker(config_dict) for _ in range(count)]

    def feed(worker: _Worker) -> None:
        while remaining and len(worker.assigned) < 2:
            worker.send(remaining.pop(0))

    for worker in pool:
        feed(worker)
    done = 0
    try:
        while done < len(jobs):
            ready = wait([w.results for w in pool], timeout=1.0)
            for worker in list(pool):
                if worker.results not in ready:
                    continue
                try:
                    result = worker.results.recv()
                except (EOFError, OSError):
                    # the worker died: its running job is lost, the one it held goes back
                    lost = worker.assigned.pop(0) if worker.assigned else None
                    remaining[:0] = worker.assigned
                    worker.assigned = []
                    worker.stop()
                    pool[pool.index(worker)] = replacement = _Worker(config_dict)
                    if lost is not None:
                        done += 1
                        yield ExecutionResult(lost.key, False, 0.0,
                                              "the grading worker crashed while running it")
                    feed(replacement)
                    continue
                worker.assigned = [j for j in worker.assigned if j.key != result.key]
                feed(worker)
                done += 1
                yield result
    finally:
        for worker in pool:
            worker.stop()


# ---------------------------------------------------------------- reading grades


def gradebook_scores(ws: Workshop) -> pd.DataFrame:
    """One row per participant × assignment from the real gradebook, sorted.

    ``status`` comes from the grading run records, so a submission that could not be graded
    shows as "not graded" with its reason (score empty), never as a silent 0.
    """
    from nbgrader.api import MissingEntry

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
                                 for g in submission.grades)
                    status = GRADED if graded else "not graded"
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


from uprkit.feedback import generate_feedback  # noqa: E402  (re-exported: one grading namespace)

__all__ += ["generate_feedback", "list_assignments"]
