"""The grading run records: ``runs/<assignment>.json``, one record per participant.

Autograde writes a record for every submission it looked at: its status ("graded", "flagged"
or "not graded"), score, flags, and the timestamp of the submission it graded. The gradebook
alone cannot tell "not graded" from 0, nor a resubmission from the graded one; the records can,
and every table of grades reads them (``uprkit.workshop.status``).
"""

from __future__ import annotations

import json
from pathlib import Path

from uprkit.workshop.folder import Workshop, replace_file

__all__ = [
    "FLAGGED",
    "GRADED",
    "NOT_GRADED",
    "read_run_records",
    "records_path",
    "submitted_at",
    "write_run_record",
]

GRADED, FLAGGED, NOT_GRADED = "graded", "flagged", "not graded"


def records_path(ws: Workshop, assignment: str) -> Path:
    return ws.runs_dir / f"{assignment}.json"


def read_run_records(ws: Workshop, assignment: str) -> dict[str, dict]:
    """participant_id → the record of their last grading run (empty before the first run)."""
    path = records_path(ws, assignment)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_run_record(ws: Workshop, assignment: str, record: dict) -> None:
    """Replace one participant's record (the file is replaced whole, never left half written)."""
    records = read_run_records(ws, assignment)
    records[record["participant_id"]] = record
    path = records_path(ws, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False))


def submitted_at(coursedir, folder: Path) -> str | None:
    """The submission's timestamp as run records keep it (``submitted_at``), or None.

    ``coursedir`` is nbgrader's CourseDirectory: its reading of timestamp.txt is the one
    autograde records, so a comparison with a record is exact.
    """
    stamp = coursedir.get_existing_timestamp(str(folder))
    return stamp.isoformat() if stamp else None
