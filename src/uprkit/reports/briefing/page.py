"""The briefing sheet as HTML, from the Jinja2 templates in ``uprkit/reports/templates/``.

Autoescape is on: a participant's note, a State's name or a file name is always shown as text,
never run as markup (``<script>`` in a log arrives as ``&lt;script&gt;``).
"""

from __future__ import annotations

import pandas as pd

from uprkit import templating
from uprkit.reports.briefing.logs import Proceeding

__all__ = ["render_observations_html", "render_tasks_html", "render_briefing_html"]


def _parts():
    return templating.environment("uprkit.reports").get_template("briefing_parts.html.j2").module


def _groups(observations: pd.DataFrame) -> list:
    """(proceeding, its rows), in the order of the closed list of proceedings."""
    order = {p.value: i for i, p in enumerate(Proceeding)}
    grouped = sorted(
        observations.groupby("proceeding", observed=True, sort=False),
        key=lambda kv: order.get(kv[0], len(order)),
    )
    return [(proceeding, list(group.itertuples(index=False))) for proceeding, group in grouped]


def render_observations_html(observations: pd.DataFrame) -> str:
    """Observations grouped by proceeding, then by State, as escaped HTML lists."""
    return str(_parts().observations(_groups(observations)))


def render_tasks_html(tasks: pd.DataFrame) -> str:
    """The day's tasks as an escaped HTML table: due date, task, who."""
    return str(_parts().tasks(list(tasks.itertuples(index=False))))


def render_briefing_html(
    meta: dict, observations: pd.DataFrame, tasks: pd.DataFrame, *, title: str, with_names: bool
) -> str:
    """The whole sheet: heading, observations, tasks and the logs that could not be read."""
    page = templating.environment("uprkit.reports").get_template("briefing.html.j2")
    return page.render(
        title=title,
        meta=meta,
        with_names=with_names,
        groups=_groups(observations),
        task_rows=list(tasks.itertuples(index=False)),
    )
