"""The daily briefing: each participant's log of the day, merged into the next morning's sheet.

During a Geneva visit or a simulation week, every participant notes what they saw (a Working
Group review, a side event, a meeting with a delegation) and the tasks they take on. Lesson 12
writes one small JSON file per participant per day (:func:`save_log`). The trainer collects the
files into one folder and runs ``uprkit report briefing LOGS_DIR --out briefing.html``, which
calls :func:`build_briefing`: the parent process reads and pseudonymises the logs, writes the
tables as CSV, and papermill runs ``grading/templates/briefing.ipynb`` over those tables (the
same pattern as the cohort reports in :mod:`uprkit.reports.tables`). Names leave the logs only with
``with_names=True``. A file that cannot be read is listed with its reason, never dropped silently.

>>> log = make_log("P07", "2026-11-23",
...                observations=[("Working Group review", "Many States raised press freedom.")],
...                tasks=[("Draft the one-pager on press freedom", "2026-11-24")])
>>> log.observations[0].proceeding.value, log.tasks[0].due.isoformat()
('Working Group review', '2026-11-24')
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

import pandas as pd

from uprkit import paths
from uprkit.errors import DataError, InputFileError, WorkshopError
from uprkit.workshop.privacy import ensure_pseudonyms

__all__ = [
    "LOG_FORMAT",
    "Proceeding",
    "Observation",
    "Task",
    "DailyLog",
    "LogsRead",
    "BriefingResult",
    "make_log",
    "log_to_dict",
    "log_path",
    "save_log",
    "load_log",
    "load_logs",
    "briefing_tables",
    "write_briefing_tables",
    "read_briefing_tables",
    "render_observations_html",
    "render_tasks_html",
    "build_briefing",
]

LOG_FORMAT = "uprkit-daily-log/1"
TEMPLATE = "briefing.ipynb"
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


@dataclass(frozen=True)
class BriefingResult:
    html: Path
    day: date
    logs_read: int
    problems: tuple[tuple[str, str], ...]
    seconds: float


def _parse_day(value, what: str) -> date:
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
        _clean_text(text, "a task"), None if due in (None, "") else _parse_day(due, "due date")
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
    return DailyLog(participant_id, _parse_day(day, "day"), observations, tasks, str(name).strip())


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
    return Path(folder) / f"{_parse_day(day, 'day').isoformat()}_{participant_id}.json"


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


def briefing_tables(
    logs: Sequence[DailyLog], pseudonyms: Mapping[str, str], *, day=None, with_names: bool = False
) -> tuple[date, pd.DataFrame, pd.DataFrame]:
    """The day's observations and tasks, one row each, with a ``participant`` column that holds
    the pseudonym (or the name / id with ``with_names``). ``day`` defaults to the latest day."""
    if not logs:
        raise DataError("no daily logs to brief on; participants save them in lesson 12")
    days = sorted({log.day for log in logs})
    day = days[-1] if day in (None, "") else _parse_day(day, "briefing day")
    todays = [log for log in logs if log.day == day]
    if not todays:
        raise DataError(f"no logs for {day}; days with logs: " + ", ".join(map(str, days)))

    def who(log: DailyLog) -> str:
        if with_names:
            return log.name or log.participant_id
        return pseudonyms[log.participant_id]

    observations = pd.DataFrame(
        [
            {
                "participant": who(log),
                "proceeding": o.proceeding.value,
                "state": o.state,
                "text": o.text,
            }
            for log in todays
            for o in log.observations
        ],
        columns=["participant", "proceeding", "state", "text"],
    )
    order = [p.value for p in Proceeding]
    observations["proceeding"] = pd.Categorical(observations["proceeding"], categories=order)
    observations = observations.sort_values(["proceeding", "state", "participant"], kind="stable")
    tasks = pd.DataFrame(
        [
            {"participant": who(log), "task": t.task, "due": t.due.isoformat() if t.due else ""}
            for log in todays
            for t in log.tasks
        ],
        columns=["participant", "task", "due"],
    )
    # Dated tasks first, soonest first; undated ones after, in log order.
    tasks = tasks.sort_values("due", key=lambda s: s.replace("", "9999-12-31"), kind="stable")
    return day, observations.reset_index(drop=True), tasks.reset_index(drop=True)


def write_briefing_tables(
    folder,
    day: date,
    observations: pd.DataFrame,
    tasks: pd.DataFrame,
    *,
    logs_read: int,
    participants: int,
    problems,
) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    observations.to_csv(folder / "observations.csv", index=False, encoding="utf-8")
    tasks.to_csv(folder / "tasks.csv", index=False, encoding="utf-8")
    meta = {
        "day": day.isoformat(),
        "logs_read": logs_read,
        "participants": participants,
        "problems": [{"file": f, "problem": p} for f, p in problems],
    }
    (folder / "briefing.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return folder


def read_briefing_tables(folder) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """What the template reads: (meta, observations, tasks)."""
    folder = Path(folder)
    meta_path = folder / "briefing.json"
    if not meta_path.exists():
        raise WorkshopError(
            f"{meta_path} is missing; build the briefing with `uprkit report briefing`"
        )
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    read = dict(encoding="utf-8", keep_default_na=False, dtype=str)
    return (
        meta,
        pd.read_csv(folder / "observations.csv", **read),
        pd.read_csv(folder / "tasks.csv", **read),
    )


def render_observations_html(observations: pd.DataFrame) -> str:
    """Observations grouped by proceeding, then by State, as escaped HTML lists."""
    if observations.empty:
        return "<p>No observations were logged for this day.</p>"
    parts = []
    order = {p.value: i for i, p in enumerate(Proceeding)}
    for proceeding, group in sorted(
        observations.groupby("proceeding", observed=True, sort=False),
        key=lambda kv: order.get(kv[0], len(order)),
    ):
        parts.append(f"<h3>{html.escape(proceeding)} ({len(group)})</h3><ul>")
        for row in group.itertuples(index=False):
            where = f"<b>{html.escape(row.state)}</b>: " if row.state else ""
            parts.append(
                f"<li>{where}{html.escape(row.text)} <i>({html.escape(row.participant)})</i></li>"
            )
        parts.append("</ul>")
    return "\n".join(parts)


def render_tasks_html(tasks: pd.DataFrame) -> str:
    if tasks.empty:
        return "<p>No tasks were logged for this day.</p>"
    rows = "".join(
        f"<tr><td>{html.escape(r.due or 'no date')}</td><td>{html.escape(r.task)}</td>"
        f"<td>{html.escape(r.participant)}</td></tr>"
        for r in tasks.itertuples(index=False)
    )
    return (
        "<table><thead><tr><th>Due</th><th>Task</th><th>Who</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _key_folder(logs_dir: Path, workshop_root) -> Path:
    """Where the pseudonym key lives: the workshop if there is one, else the logs folder."""
    if workshop_root is not None:
        return Path(workshop_root)
    for candidate in (logs_dir.resolve(), *logs_dir.resolve().parents):
        if (candidate / "workshop.toml").exists():
            return candidate
    return logs_dir


def build_briefing(
    logs_dir,
    out,
    *,
    day=None,
    with_names: bool = False,
    workshop_root=None,
    title: str = "Morning briefing",
) -> BriefingResult:
    """Merge the logs in ``logs_dir`` into ``out`` (HTML) with papermill.

    Pseudonyms come from the workshop's key (``pseudonyms.csv``) when ``logs_dir`` is inside a
    workshop or ``workshop_root`` is given, else from a key kept beside the logs, so a person
    keeps the same pseudonym every day.
    """
    from uprkit.reports.tables import render_template  # papermill is only needed here

    started = time.perf_counter()
    logs_dir = Path(logs_dir)
    out = Path(out)
    read = load_logs(logs_dir)
    if not read.logs:
        details = "".join(f"; {name}: {problem}" for name, problem in read.problems)
        raise DataError(
            f"no readable daily log (*.json) in {logs_dir}{details}; "
            "participants save their logs in lesson 12"
        )
    pseudonyms = ensure_pseudonyms(
        _key_folder(logs_dir, workshop_root), sorted({log.participant_id for log in read.logs})
    )
    the_day, observations, tasks = briefing_tables(
        read.logs, pseudonyms, day=day, with_names=with_names
    )
    todays = [log for log in read.logs if log.day == the_day]
    # File names and messages can carry participant ids: the sheet shows them only with names;
    # the full list goes back to the trainer in BriefingResult.problems (the CLI prints it).
    problems = (
        read.problems
        if with_names
        else tuple(
            (f"file {i}", "could not be read; the trainer has the details")
            for i in range(1, len(read.problems) + 1)
        )
    )
    template = paths.grading_dir() / "templates" / TEMPLATE
    with tempfile.TemporaryDirectory(prefix="uprkit-briefing-") as work:
        tables = write_briefing_tables(
            Path(work) / "tables",
            the_day,
            observations,
            tasks,
            logs_read=len(todays),
            participants=len({log.participant_id for log in todays}),
            problems=problems,
        )
        rendered = render_template(
            template,
            Path(work),
            {"tables_dir": str(tables), "title": title, "with_names": with_names},
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(rendered, out)
    return BriefingResult(
        out, the_day, len(todays), read.problems, round(time.perf_counter() - started, 2)
    )
