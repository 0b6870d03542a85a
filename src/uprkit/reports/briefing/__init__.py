"""The daily briefing: each participant's log of the day, merged into the next morning's sheet.

During a Geneva visit or a simulation week, every participant notes what they saw (a Working
Group review, a side event, a meeting with a delegation) and the tasks they take on. Lesson 12
writes one small JSON file per participant per day (:func:`save_log`). The trainer collects the
files into one folder and runs ``uprkit report briefing LOGS_DIR --out briefing.html``, which
calls :func:`build_briefing`: the parent process reads and pseudonymises the logs, writes the
tables as CSV, and papermill runs ``grading/templates/briefing.ipynb`` over those tables (the
same pattern as the cohort reports in :mod:`uprkit.reports.build`). Names leave the logs only with
``with_names=True``. A file that cannot be read is listed with its reason, never dropped silently.

The parts: :mod:`.logs` (the log and its file), :mod:`.sheet` (the day's tables),
:mod:`.page` (the HTML, from Jinja2 templates) and :mod:`.build` (the papermill run). Import
from here: ``from uprkit.reports.briefing import make_log, save_log``.

>>> log = make_log("P07", "2026-11-23",
...                observations=[("Working Group review", "Many States raised press freedom.")],
...                tasks=[("Draft the one-pager on press freedom", "2026-11-24")])
>>> log.observations[0].proceeding.value, log.tasks[0].due.isoformat()
('Working Group review', '2026-11-24')
"""

from uprkit.reports.briefing.build import BriefingResult, build_briefing
from uprkit.reports.briefing.logs import (
    LOG_FORMAT,
    DailyLog,
    LogsRead,
    Observation,
    Proceeding,
    Task,
    load_log,
    load_logs,
    log_path,
    log_to_dict,
    make_log,
    save_log,
)
from uprkit.reports.briefing.page import (
    render_briefing_html,
    render_observations_html,
    render_tasks_html,
)
from uprkit.reports.briefing.sheet import (
    briefing_tables,
    read_briefing_tables,
    write_briefing_tables,
)

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
    "render_briefing_html",
    "build_briefing",
]
