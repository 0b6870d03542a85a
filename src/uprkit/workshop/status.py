"""Where a workshop stands: the grades in the gradebook, and who submitted what.

Both tables read the grading run records (``uprkit.workshop.records``) beside the gradebook, so
a submission that could not be graded shows as "not graded" with its reason, never as a 0.
"""

from __future__ import annotations

import pandas as pd

from uprkit.workshop.collect import read_collect_records, read_timestamp
from uprkit.workshop.course import course_directory, open_gradebook
from uprkit.workshop.folder import Workshop, list_assignments
from uprkit.workshop.privacy import ensure_pseudonyms
from uprkit.workshop.records import GRADED, NOT_GRADED, read_run_records, submitted_at
from uprkit.workshop.roster import load_roster

__all__ = ["collected_count", "gradebook_scores", "workshop_status"]


def collected_count(ws: Workshop, assignment: str) -> int:
    """How many participants' submissions of ``assignment`` are collected (graded or not)."""
    return sum(1 for p in (ws.course_dir / "submitted").glob(f"*/{assignment}") if p.is_dir())


def gradebook_scores(ws: Workshop) -> pd.DataFrame:
    """One row per participant × assignment from the real gradebook, sorted.

    ``status`` comes from the grading run records, so a submission that could not be graded
    shows as "not graded" with its reason (score empty), never as a silent 0; a submission
    collected since the last run shows as "submitted/resubmitted, not graded yet"; a file
    refused at collect (not a notebook of the assignment) as "refused at collect", with why.
    """
    from nbgrader.api import MissingEntry  # ~1.8 s to import: paid only when grades are read

    coursedir = course_directory(ws)
    rows = []
    with open_gradebook(ws) as gradebook:
        assignments = sorted(a.name for a in gradebook.assignments)
        students = sorted(s.id for s in gradebook.students)
        for assignment in assignments:
            records = read_run_records(ws, assignment)
            at_the_door = read_collect_records(ws, assignment)
            max_score = float(gradebook.find_assignment(assignment).max_score)
            for pid in students:
                record = records.get(pid, {})
                try:
                    submission = gradebook.find_submission(assignment, pid)
                except MissingEntry:
                    submission = None
                status = _status(ws, coursedir, assignment, pid, record, submission)
                flags = list(record.get("flags", []))
                door = at_the_door.get(pid, {})
                if status == "not submitted" and door.get("refused"):
                    status = "refused at collect"  # a file came, but not a notebook of it
                    flags = _collect_flags(door) + flags
                score = None
                needs_manual = False
                if submission is not None and status != NOT_GRADED:
                    score = float(submission.score)
                    needs_manual = bool(submission.needs_manual_grade)
                rows.append(
                    {
                        "participant_id": pid,
                        "assignment": assignment,
                        "score": score,
                        "max_score": max_score,
                        "needs_manual_grade": needs_manual,
                        "status": status,
                        "flags": "; ".join(flags),
                    }
                )
    frame = pd.DataFrame(
        rows,
        columns=[
            "participant_id",
            "assignment",
            "score",
            "max_score",
            "needs_manual_grade",
            "status",
            "flags",
        ],
    )
    frame["score"] = frame["score"].astype("Float64")
    return frame.sort_values(["participant_id", "assignment"], ignore_index=True)


def _status(ws, coursedir, assignment, pid, record: dict, submission) -> str:
    """A participant's status for one assignment, from the run record and the gradebook."""
    status = record.get("status") or ("not graded" if submission else "not submitted")
    if submission is not None and not record:
        graded = any(
            g.auto_score is not None or g.manual_score is not None
            for nb in submission.notebooks
            for g in nb.grades
        )
        status = GRADED if graded else "not graded"
    folder = ws.submitted_dir(pid, assignment)
    if not record:
        if submission is None and folder.exists():
            status = "submitted, not graded yet"
    elif folder.exists():
        stamp = submitted_at(coursedir, folder)
        if stamp and record.get("submitted_at") != stamp:
            status = "resubmitted, not graded yet"  # the score is the earlier one's
    return status


def _collect_flags(door: dict) -> list[str]:
    """What the participant's last collect found, without file names (they hold names)."""
    flags = [f"file refused at collect: {why}" for why in door.get("refused", [])]
    if door.get("refused") and door.get("kept_earlier"):
        flags.append("the submission collected before is kept and graded")
    if door.get("copies"):
        flags.append(
            f"{door['copies']} extra cop{'y' if door['copies'] == 1 else 'ies'} of the same "
            "notebook handed in: one graded, the others kept in history/"
        )
    return flags


def workshop_status(ws: Workshop) -> pd.DataFrame:
    """Who submitted what, its status and grade: one row per participant × assignment.

    The ``pseudonym`` column is each participant's pseudonym in the reports (the workshop's
    key, ``pseudonyms.csv``, is made here if no report has made it yet).
    """
    roster = load_roster(ws.roster_path)
    pseudonyms = ensure_pseudonyms(ws.root, roster["participant_id"])
    scores = gradebook_scores(ws).set_index(["participant_id", "assignment"])
    rows = []
    for assignment in list_assignments(ws):
        at_the_door = read_collect_records(ws, assignment)
        for row in roster.itertuples(index=False):
            pid = row.participant_id
            submitted = ws.submitted_dir(pid, assignment)
            timestamp = read_timestamp(submitted) if submitted.exists() else None
            record = scores.loc[(pid, assignment)] if (pid, assignment) in scores.index else None
            status = "not submitted" if timestamp is None else "submitted"
            if record is not None and record["status"] not in ("", "not submitted"):
                status = record["status"]
            door = at_the_door.get(pid, {})
            flags = [f for f in ("" if record is None else record["flags"]).split("; ") if f]
            if timestamp is None and door.get("refused"):
                status = "refused at collect"
            flags = [f for f in _collect_flags(door) if f not in flags] + flags
            rows.append(
                {
                    "participant_id": pid,
                    "pseudonym": pseudonyms[pid],
                    "name": row.name,
                    "assignment": assignment,
                    "submitted_at": timestamp,
                    "status": status,
                    "score": None if record is None else record["score"],
                    "max_score": None if record is None else record["max_score"],
                    "needs_manual_grade": (
                        False if record is None else bool(record["needs_manual_grade"])
                    ),
                    "flags": "; ".join(flags),
                }
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "participant_id",
            "pseudonym",
            "name",
            "assignment",
            "submitted_at",
            "status",
            "score",
            "max_score",
            "needs_manual_grade",
            "flags",
        ],
    )
    return frame.sort_values(["assignment", "participant_id"], ignore_index=True)
