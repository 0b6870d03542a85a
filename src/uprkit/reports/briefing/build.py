"""``build_briefing``: the day's logs merged into one HTML sheet, rendered by papermill.

The parent process reads and pseudonymises the logs (:mod:`.logs`, :mod:`.sheet`), writes the
tables as CSV, and papermill runs ``grading/templates/briefing.ipynb`` over those tables, which
shows them through the Jinja2 templates of :mod:`.page` (the same pattern as the cohort reports
in :mod:`uprkit.reports.build`).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from uprkit.errors import DataError
from uprkit.i18n.messages import N_, check_language, gettext
from uprkit.reports.briefing.logs import load_logs
from uprkit.reports.briefing.page import NOT_READ
from uprkit.reports.briefing.sheet import briefing_tables, write_briefing_tables
from uprkit.reports.rendering import render_template, report_template
from uprkit.workshop.privacy import ensure_pseudonyms

__all__ = ["BriefingResult", "build_briefing"]

TEMPLATE = "briefing"  # grading/templates/briefing.ipynb
MORNING_BRIEFING = N_("Morning briefing")


@dataclass(frozen=True)
class BriefingResult:
    html: Path
    day: date
    logs_read: int
    problems: tuple[tuple[str, str], ...]
    seconds: float


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
    title: str | None = None,
    language: str = "en",
) -> BriefingResult:
    """Merge the logs in ``logs_dir`` into ``out`` (HTML) with papermill.

    Pseudonyms come from the workshop's key (``pseudonyms.csv``) when ``logs_dir`` is inside a
    workshop or ``workshop_root`` is given, else from a key kept beside the logs, so a person
    keeps the same pseudonym every day. The sheet is in ``language`` (en, fr, es, ar); ``title``
    defaults to "Morning briefing" in that language.
    """
    language = check_language(language)
    title = title or gettext(language)(MORNING_BRIEFING)
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
        else tuple((f"file {i}", NOT_READ) for i in range(1, len(read.problems) + 1))
    )
    template = report_template(TEMPLATE)
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
            {
                "tables_dir": str(tables),
                "title": title,
                "with_names": with_names,
                "language": language,
            },
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(rendered, out)
    return BriefingResult(
        out, the_day, len(todays), read.problems, round(time.perf_counter() - started, 2)
    )
