"""The follow-up reports as HTML, from the Jinja2 templates in ``templates/`` (autoescaped).

The parent process writes a report's tables (:func:`write_report_tables`: the pseudonymised matrix,
what changed since the last saved version, and ``meta.json``); the papermill template reads them
back and calls :func:`render_followup_page`, so the page shows exactly what the tables hold.
Words come from the kit's gettext catalogs in the report's language; Arabic pages are
right-to-left (``dir="rtl"``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from uprkit import templating
from uprkit.errors import WorkshopError
from uprkit.i18n import gettext, text_direction
from uprkit.reports.followup.tables import (
    action_shares,
    cluster_sections,
    coming_due_dates,
    load_baseline,
    priorities,
    response_group,
    status_counts,
)
from uprkit.simulations.followup.schema import Status

__all__ = ["REPORT_HEADINGS", "read_report_tables", "render_followup_page", "write_report_tables"]

REPORT_HEADINGS = {
    "midterm": "Mid-term report of civil society (draft)",
    "dashboard": "Progress dashboard",
    "brief": "Brief for the dialogue with the government",
}
_READ = dict(encoding="utf-8", dtype=str, keep_default_na=False)


def write_report_tables(folder, meta: dict, matrix: pd.DataFrame, changes: pd.DataFrame) -> Path:
    """``meta.json``, ``matrix.csv`` and ``changes.csv`` in ``folder``: what a template reads."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    matrix.to_csv(folder / "matrix.csv", index=False, encoding="utf-8")
    changes.to_csv(folder / "changes.csv", index=False, encoding="utf-8")
    text = json.dumps(meta, ensure_ascii=False, indent=2)
    (folder / "meta.json").write_text(text, encoding="utf-8")
    return folder


def read_report_tables(folder) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """(meta, matrix, changes) as :func:`write_report_tables` wrote them."""
    folder = Path(folder)
    if not (folder / "meta.json").exists():
        raise WorkshopError(
            f"{folder / 'meta.json'} is missing; make the report with `uprkit followup report`"
        )
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return (
        meta,
        pd.read_csv(folder / "matrix.csv", **_READ),
        pd.read_csv(folder / "changes.csv", **_READ),
    )


def _percent(language: str):
    def shown(value) -> str:
        if value is None or value == "" or pd.isna(value):
            return "—"
        number = f"{float(value):g}"
        return f"{number}%" if language in ("en", "ar") else f"{number.replace('.', ',')} %"

    return shown


def _isolated(t):
    """``t(message)`` filled with values each kept left to right (<bdi dir="ltr">), so a date or a
    file name reads the same inside Arabic text ("2026-12-03", not "03-12-2026"); all escaped."""

    def fill(message: str, **values) -> Markup:
        isolated = {k: Markup('<bdi dir="ltr">{}</bdi>').format(v) for k, v in values.items()}
        return Markup(escape(t(message))).format(**isolated)

    return fill


def _rows(table: pd.DataFrame, *, translate=None) -> list[tuple[str, dict]]:
    return [(translate(i) if translate else i, r.to_dict()) for i, r in table.iterrows()]


def _values(meta: dict, matrix: pd.DataFrame, changes: pd.DataFrame) -> dict:
    t = gettext(meta["language"])
    matrix = matrix.assign(response_group=matrix["response"].map(response_group))
    baseline = load_baseline()
    shares = action_shares(matrix).to_dict("records")
    for row, base in zip(shares, (baseline.all, baseline.supported, baseline.noted), strict=True):
        row["baseline"] = base
    sections = cluster_sections(matrix)
    by_cluster = status_counts(matrix.assign(label=[
        next(s["title"] for s in sections if s["cluster"] == c) for c in matrix["cluster"]
    ]), "label") if len(matrix) else pd.DataFrame()  # fmt: skip
    return dict(
        t=t,
        ltr=_isolated(t),
        language=meta["language"],
        direction=text_direction(meta["language"]),
        meta=meta,
        heading=t(REPORT_HEADINGS[meta["kind"]]),
        percent=_percent(meta["language"]),
        statuses=[s.value for s in Status],
        shares=shares,
        by_response=_rows(status_counts(matrix, "response_group"), translate=t),
        by_cluster=_rows(by_cluster),
        sections=sections,
        changes=changes.to_dict("records"),
        priorities=priorities(matrix),
        due=coming_due_dates(matrix, today=meta["today"]),
    )


def render_followup_page(tables_dir) -> str:
    """The report of the kind ``meta.json`` names, as one escaped HTML fragment."""
    meta, matrix, changes = read_report_tables(tables_dir)
    page = templating.environment("uprkit.reports.followup").get_template(
        f"followup_{meta['kind']}.html.j2"
    )
    return page.render(**_values(meta, matrix, changes))
