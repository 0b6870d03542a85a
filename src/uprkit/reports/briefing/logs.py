"""Daily logs: one participant's notes of one day, checked, saved as JSON and read back.

A log names what the participant observed (a :class:`Proceeding` from a closed list) and the
tasks they take on. Lesson 12 writes one small JSON file per participant per day
(:func:`save_log`); :func:`load_logs` reads a folder of them and returns every file it could not
read with its reason, never dropping one silently.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from uprkit.errors import DataError, InputFileError, WorkshopError

__all__ = [
    "LOG_FORMAT",
    "Proceeding",
    "Observation",
    "Task",
    "DailyLog",
    "LogsRead",
    "make_log",
    "log_to_dict",
    "log_path",
    "save_log",
    "load_log",
    "load_logs",
    "parse_day",
]

LOG_FORMAT = "uprkit-daily-log/1"
MAX_TEXT = 2000  # characters; a log is notes for a briefing, not a report


class Proceeding(Enum):
    """What a participant observed: the closed list the briefing is grouped by."""

    WORKING_GROUP = "Working Group review"
    PLENARY = "Council plenary"
    PRE_SESSION = "Pre-session"
    SIDE_EVENT = "Side event"
    MEETING = "Meeting with a delegation"
    TREATY_BODY = "Treaty-body dialogue"
    WORKSHOP = "Workshop session"
    OTHER = "Other"

    @classmethod
    def parse(cls, value) -> Proceeding:
        if isinstance(value, cls):
            return value
        for member in cls:
            if str(value).strip().casefold() in (member.value.casefold(), member.name.casefold()):
                return member
        raise DataError(
            f"unknown proceeding {value!r}; choose one of: " + ", ".join(m.value for m in cls)
        )


@dataclass(frozen=True)
class Observation:
    proceeding: Proceeding
    text: str
    state: str = ""  # the State under review or the delegation, as the participant wrote it


@dataclass(frozen=True)
class Task:
    task: str
    due: date | None = None


@dataclass(frozen=True)
class DailyLog:
    """One participant's notes for one day. ``name`` is optional and only shown with names."""

    participant_id: str
    day: date
    observations: tuple[Observation, ...]
    tasks: tuple[Task, ...]
    name: str = ""


@dataclass(frozen=True)
class LogsRead:
    logs: tuple[DailyLog, ...]
    problems: tuple[tuple[str, str], ...]  # (file name, what is wrong)


def parse_day(value, what: str) -> date:
    """``value`` as a date (``YYYY-MM-DD``); ``what`` names it in the error message."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        message = f"{what} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23"
        raise DataError(message) from None


def _clean_text(value, what: str) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise DataError(f"{what} is empty; write a short sentence")
    if len(text) > MAX_TEXT:
        raise DataError(f"{what} has {len(text)} characters; keep it under {MAX_TEXT}")
    return text


def _observation(item) -> Observation:
    if isinstance(item, Observation):
        return item
    if isinstance(item, Mapping):
        item = (item.get("proceeding"), item.get("text"), item.get("state", ""))
    if not isinstance(item, Sequence) or isinstance(item, str) or len(item) not in (2, 3):
        raise DataError(
            f"observation {item!r}: expected (proceeding, text) or (proceeding, text, state)"
        )
    proceeding, text, *rest = item
    return Observation(
        Proceeding.parse(proceeding),
        _clean_text(text, "an observation's text"),
        str(rest[0] or "").strip() if rest else "",
    )


def _task(item) -> Task:
    if isinstance(item, Task):
        return item
    if isinstance(item, str):
        item = (item, None)
    if isinstance(item, Mapping):
        item = (item.get("task"), item.get("due"))
    if not isinstance(item, Sequence) or len(item) != 2:
        raise DataError(f"task {item!r}: expected (task, due date or None)")
    text, due = item
    return Task(
        _clean_text(text, "a task"), None if due in (None, "") else parse_day(due, "due date")
    )


def make_log(
    participant_id: str, day, *, observations: Iterable = (), tasks: Iterable = (), name: str = ""
) -> DailyLog:
    """Check and build one day's log. Observations are ``(proceeding, text[, state])``;
    tasks are ``(task, due)`` or just the task's text."""
    participant_id = str(participant_id).strip()
    if not participant_id or any(c in participant_id for c in '/\\:*?"<>| '):
        raise DataError(
            f'participant id {participant_id!r} is empty or has spaces or / \\ : * ? " < > |; '
            "use the id your trainer gave you, e.g. P07"
        )
    observations = tuple(_observation(o) for o in observations)
    tasks = tuple(_task(t) for t in tasks)
    if not observations and not tasks:
        raise DataError("this log has no observation and no task; add at least one")
    return DailyLog(participant_id, parse_day(day, "day"), observations, tasks, str(name).strip())


def log_to_dict(log: DailyLog) -> dict:
    return {
        "format": LOG_FORMAT,
        "participant_id": log.participant_id,
        "name": log.name,
        "day": log.day.isoformat(),
        "observations": [
            {"proceeding": o.proceeding.value, "state": o.state, "text": o.text}
            for o in log.observations
        ],
        "tasks": [{"task": t.task, "due": t.due.isoformat() if t.due else None} for t in log.tasks],
    }


def log_path(folder, participant_id: str, day) -> Path:
    return Path(folder) / f"{parse_day(day, 'day').isoformat()}_{participant_id}.json"


def save_log(log: DailyLog, folder, *, replace: bool = False) -> Path:
    """Write ``log`` as ``<folder>/<day>_<participant_id>.json``.

    An existing log for the same day is never overwritten unless ``replace=True`` (for a
    participant who corrects their own log); the old version is kept as ``.json.bak``.
    """
    path = log_path(folder, log.participant_id, log.day)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        if not replace:
            raise WorkshopError(
                f"{path} already exists; pass replace=True to replace your log for "
                f"{log.day.isoformat()} (the old one is kept as {path.name}.bak)"
            )
        shutil.copy2(path, path.with_name(path.name + ".bak"))
    path.write_text(
        json.dumps(log_to_dict(log), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return path


def load_log(path) -> DailyLog:
    """Read one log file; raise ``InputFileError`` naming the file (and line) when it is wrong."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
    if not isinstance(raw, dict) or raw.get("format") != LOG_FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else type(raw).__name__
        raise InputFileError(path, f"not a daily log: format is {found!r}, expected {LOG_FORMAT!r}")
    try:
        return make_log(
            raw.get("participant_id", ""),
            raw.get("day", ""),
            observations=raw.get("observations") or (),
            tasks=raw.get("tasks") or (),
            name=raw.get("name") or "",
        )
    except DataError as exc:
        raise InputFileError(path, str(exc)) from exc


def load_logs(folder) -> LogsRead:
    """Every ``*.json`` log in ``folder``; files that cannot be read are returned as problems."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputFileError(
            folder, "no such folder; put the participants' daily logs (*.json) in it"
        )
    logs, problems, seen = [], [], {}
    for path in sorted(folder.glob("*.json")):
        try:
            log = load_log(path)
        except InputFileError as exc:
            problems.append((path.name, exc.problem + (f" (line {exc.line})" if exc.line else "")))
            continue
        key = (log.participant_id, log.day)
        if key in seen:
            problems.append(
                (
                    path.name,
                    f"a second log of {log.participant_id} for {log.day}; {seen[key]} was used",
                )
            )
            continue
        seen[key] = path.name
        logs.append(log)
    return LogsRead(tuple(logs), tuple(problems))
