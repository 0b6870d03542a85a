"""The briefing sheet as HTML, from the Jinja2 templates in ``uprkit/reports/templates/``.

Autoescape is on: a participant's note, a State's name or a file name is always shown as text,
never run as markup (``<script>`` in a log arrives as ``&lt;script&gt;``). The sheet's own words,
the proceedings' names and the day are in the sheet's ``language``; what participants wrote stays
as they wrote it.

>>> import pandas as pd
>>> empty = pd.DataFrame(columns=["due", "task", "participant"])
>>> render_tasks_html(empty, language="es")
'<p>No se registró ninguna tarea para este día.</p>'
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_date

from uprkit import templating
from uprkit.i18n.messages import N_, check_language, gettext, text_direction
from uprkit.reports.briefing.logs import Proceeding

__all__ = ["render_observations_html", "render_tasks_html", "render_briefing_html"]

# The proceedings (uprkit.reports.briefing.logs.Proceeding) as the sheet names them.
PROCEEDINGS = (
    N_("Working Group review"),
    N_("Council plenary"),
    N_("Pre-session"),
    N_("Side event"),
    N_("Meeting with a delegation"),
    N_("Treaty-body dialogue"),
    N_("Workshop session"),
    N_("Other"),
)
NOT_READ = N_("could not be read; the trainer has the details")


def _words(language: str, day: str | None = None) -> dict:
    """What the templates need to speak ``language``: its gettext, direction and the day."""
    language = check_language(language)
    written = day or ""
    if day:
        try:
            written = format_date(date.fromisoformat(str(day)), format="long", locale=language)
        except ValueError:
            written = str(day)
    return {"_": gettext(language), "language": language,
            "direction": text_direction(language), "day": written}  # fmt: skip


def _parts(language: str):
    template = templating.environment("uprkit.reports").get_template("briefing_parts.html.j2")
    return template.make_module(vars=_words(language))


def _groups(observations: pd.DataFrame) -> list:
    """(proceeding, its rows), in the order of the closed list of proceedings."""
    order = {p.value: i for i, p in enumerate(Proceeding)}
    grouped = sorted(
        observations.groupby("proceeding", observed=True, sort=False),
        key=lambda kv: order.get(kv[0], len(order)),
    )
    return [(proceeding, list(group.itertuples(index=False))) for proceeding, group in grouped]


def render_observations_html(observations: pd.DataFrame, *, language: str = "en") -> str:
    """Observations grouped by proceeding, then by State, as escaped HTML lists."""
    return str(_parts(language).observations(_groups(observations)))


def render_tasks_html(tasks: pd.DataFrame, *, language: str = "en") -> str:
    """The day's tasks as an escaped HTML table: due date, task, who."""
    return str(_parts(language).tasks(list(tasks.itertuples(index=False))))


def render_briefing_html(
    meta: dict,
    observations: pd.DataFrame,
    tasks: pd.DataFrame,
    *,
    title: str,
    with_names: bool,
    language: str = "en",
) -> str:
    """The whole sheet: heading, observations, tasks and the logs that could not be read."""
    page = templating.environment("uprkit.reports").get_template("briefing.html.j2")
    return page.render(
        title=title,
        meta=meta,
        with_names=with_names,
        groups=_groups(observations),
        task_rows=list(tasks.itertuples(index=False)),
        **_words(language, meta.get("day")),
    )
