"""The briefing sheet's tables: the day's logs merged into observations and tasks, and on disk.

:func:`briefing_tables` merges the logs of one day (pseudonymised unless the trainer asks for
names); the parent process writes them with :func:`write_briefing_tables` and the papermill
template ``grading/templates/briefing.ipynb`` reads them back with :func:`read_briefing_tables`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from uprkit.errors import DataError, WorkshopError
from uprkit.reports.briefing.logs import DailyLog, Proceeding, parse_day

__all__ = ["briefing_tables", "write_briefing_tables", "read_briefing_tables"]


def briefing_tables(
    logs: Sequence[DailyLog], pseudonyms: Mapping[str, str], *, day=None, with_names: bool = False
) -> tuple[date, pd.DataFrame, pd.DataFrame]:
    """The day's observations and tasks, one row each, with a ``participant`` column that holds
    the pseudonym (or the name / id with ``with_names``). ``day`` defaults to the latest day."""
    if not logs:
        raise DataError("no daily logs to brief on; participants save them in lesson 12")
    days = sorted({log.day for log in logs})
    day = days[-1] if day in (None, "") else parse_day(day, "briefing day")
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
    """Write ``observations.csv``, ``tasks.csv`` and ``briefing.json`` (day, counts, files not
    read) into ``folder``: what the briefing template reads."""
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
