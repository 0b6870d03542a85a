"""The follow-up matrix as a widget: filter, update a row with evidence, see changes, save.

from uprkit.widgets.followup import show
tracker = show("followup-KEN-cycle4.xlsx")   # the file ``uprkit followup new`` made

Filter by cluster, issue or status; pick a recommendation and record what the State did (status,
evidence, its date and source, the next step); see what changed since the file was last saved;
save. Saving goes through :func:`uprkit.simulations.followup.save_matrix`: the version replaced is
kept, the file is replaced atomically, and if a partner saved the same file meanwhile, both edits
are merged and their disagreements marked for a person to decide (nothing lost).
Everything the buttons do is also a method (``filter``, ``update``, ``changes``, ``save``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from uprkit.errors import DataError
from uprkit.i18n import N_, _, current_language, text_direction, use_language
from uprkit.simulations.followup import (
    SaveResult,
    Status,
    changes_between,
    read_matrix,
    save_matrix,
)
from uprkit.simulations.followup.versions import conflicts_path, versions_folder
from uprkit.widgets._common import (
    guarded,
    issue_options,
    render,
    show_full_labels,
    show_ok,
    status_line,
)
from uprkit.widgets._locale import mark_direction

__all__ = ["FollowupTracker", "show"]

ALL = N_("(all)")  # the filter value; shown translated
# the matrix's columns a participant edits, by the labels of the form
COLUMN_LABELS = {
    "status": N_("Status"),
    "evidence": N_("Evidence"),
    "evidence_date": N_("Evidence date (YYYY-MM-DD)"),
    "evidence_source": N_("Source"),
    "next_step": N_("Next step"),
}
SHOWN_ROWS = 15  # a longer table is cut (the count line says how many match): filter to see more
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _issues(matrix: pd.DataFrame) -> list[str]:
    found = {i for cell in matrix["issues"] for i in cell.split("; ") if i}
    return sorted(found)


def _checked_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        raise DataError(
            _("“{value}” is not a date written YYYY-MM-DD (for example 2026-12-03).").format(
                value=value
            )
        ) from None
    return value


class FollowupTracker(widgets.VBox):
    """``.matrix`` is the table being edited; ``.read_as`` the file as last read or saved."""

    def __init__(self, path, *, language: str | None = None):
        self.language = language or current_language()
        self.path = Path(path)
        self.read_as = read_matrix(self.path)
        self.matrix = self.read_as.copy()
        self.last_save: SaveResult | None = None
        with use_language(self.language):
            self._build()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        all_label = _(ALL)
        self.cluster = widgets.Dropdown(
            options=[(all_label, ALL)] + [(c, c) for c in sorted(self.matrix["cluster"].unique())],
            description=_("Cluster"),
        )
        self.issue = widgets.Dropdown(
            options=[(all_label, ALL), *issue_options(_issues(self.matrix))],
            description=_("Issue"),
        )
        statuses = [(_(s.value), s.value) for s in Status]
        self.status_filter = widgets.Dropdown(
            options=[(all_label, ALL), *statuses], description=_("Status")
        )
        self.table = widgets.HTML()
        self.row = widgets.Dropdown(description=_("Recommendation"), layout={"width": "95%"})
        self.new_status = widgets.Dropdown(options=statuses, description=_("Status"))
        self.evidence = widgets.Textarea(description=_("Evidence"), layout={"width": "95%"})
        self.evidence_date = widgets.Text(description=_("Evidence date (YYYY-MM-DD)"))
        self.evidence_source = widgets.Text(description=_("Source"))
        self.next_step = widgets.Text(description=_("Next step"), layout={"width": "95%"})
        self.update_button = widgets.Button(
            description=_("Update this recommendation"), button_style="primary"
        )
        self.changes_button = widgets.Button(description=_("What changed since the last save"))
        self.save_button = widgets.Button(description=_("Save the matrix"), button_style="success")
        for button in (self.update_button, self.changes_button, self.save_button):
            button.layout.width = "auto"
        self.status = status_line()
        self.changes_view = widgets.HTML()
        show_full_labels(
            self.cluster, self.issue, self.status_filter, self.row, self.new_status,
            self.evidence, self.evidence_date, self.evidence_source, self.next_step,
        )  # fmt: skip
        guard = guarded(self.status, self.language)
        for control in (self.cluster, self.issue, self.status_filter):
            control.observe(lambda _c: guard(self._refresh)(), names="value")
        self.row.observe(lambda _c: guard(self._load_row)(), names="value")
        self.update_button.on_click(guard(lambda _b: self._update_from_form()))
        self.changes_button.on_click(guard(lambda _b: self._show_changes()))
        self.save_button.on_click(guard(lambda _b: self.save()))
        super().__init__(
            [
                widgets.HTML(
                    render("heading.html.j2", title=_("Progress dashboard")) + f": {self.path.name}"
                ),
                widgets.HBox([self.cluster, self.issue, self.status_filter]),
                self.row,
                widgets.HBox([self.new_status, self.evidence_date, self.evidence_source]),
                self.evidence,
                self.next_step,
                widgets.HBox([self.update_button, self.changes_button, self.save_button]),
                self.status,
                self.changes_view,
                self.table,
            ]
        )
        self.add_class("uprkit-followup-tracker")
        mark_direction(self, self.language)
        self._refresh()

    # ------------------------------------------------------------------ filters and table
    def visible(self) -> pd.DataFrame:
        """The rows the filters let through."""
        rows = self.matrix
        if self.cluster.value != ALL:
            rows = rows[rows["cluster"].eq(self.cluster.value)]
        if self.issue.value != ALL:
            rows = rows[rows["issues"].map(lambda cell: self.issue.value in cell.split("; "))]
        if self.status_filter.value != ALL:
            rows = rows[rows["status"].eq(self.status_filter.value)]
        return rows

    def filter(self, *, cluster: str = ALL, issue: str = ALL, status: str = ALL) -> pd.DataFrame:
        """Set the three filters (``"(all)"`` for none) and return the rows shown."""
        self.cluster.value, self.issue.value, self.status_filter.value = cluster, issue, status
        return self.visible()

    def _refresh(self) -> None:
        with use_language(self.language):
            rows = self.visible()
            shown = rows.head(SHOWN_ROWS).assign(
                status=lambda r: r["status"].map(_),
                response=lambda r: r["response"].map(lambda v: _(v) if v else v),
            )
            headings = [_("Recommendation"), _("Cluster"), _("What was recommended"),
                        _("Response"), _("Status"), _("Evidence")]  # fmt: skip
            self.table.value = render(
                "followup_rows.html.j2",
                direction=text_direction(self.language),
                count_line=_("{shown} of {total} recommendations shown.").format(
                    shown=len(rows), total=len(self.matrix)
                ),
                headings=headings,
                rows=shown.to_dict("records"),
                more=len(rows) > SHOWN_ROWS,
            )
            options = [(f"{r.recommendation_id} — {r.recommendation[:70]}", r.recommendation_id)
                       for r in rows.itertuples()]  # fmt: skip
        current = self.row.value
        self.row.options = options
        values = [value for _label, value in options]
        if current in values:
            self.row.value = current
        elif values:  # the form always shows a row the filters let through
            self.row.value = values[0]

    def _load_row(self) -> None:
        if self.row.value is None:
            return
        row = self.matrix[self.matrix["recommendation_id"].eq(self.row.value)].iloc[0]
        if row["status"] in {s.value for s in Status}:
            self.new_status.value = row["status"]
        self.evidence.value = row["evidence"]
        self.evidence_date.value = row["evidence_date"]
        self.evidence_source.value = row["evidence_source"]
        self.next_step.value = row["next_step"]

    # ------------------------------------------------------------------ editing
    def update(self, recommendation_id: str, *, status=None, evidence=None, evidence_date=None,
               evidence_source=None, next_step=None) -> pd.Series:  # fmt: skip
        """Record what the State did on one recommendation (in memory until :meth:`save`)."""
        with use_language(self.language):
            where = self.matrix.index[self.matrix["recommendation_id"].eq(recommendation_id)]
            if not len(where):
                raise DataError(_("Choose a recommendation first.") + f" ({recommendation_id!r})")
            values = {"evidence": evidence, "evidence_source": evidence_source,
                      "next_step": next_step}  # fmt: skip
            if status is not None:
                values["status"] = Status(status).value if status in set(Status) else None
                if values["status"] is None:
                    raise DataError(f"{status!r}: {Status.choices()}")
            if evidence_date is not None:
                values["evidence_date"] = _checked_date(evidence_date)
            for column, value in values.items():
                if value is not None:
                    self.matrix.loc[where, column] = str(value).strip()
            self._refresh()
            show_ok(self.status, _("Row updated (not saved yet)."))
        return self.matrix.loc[where[0]]

    def _update_from_form(self) -> None:
        if self.row.value is None:
            raise DataError(_("Choose a recommendation first."))
        self.update(
            self.row.value,
            status=self.new_status.value,
            evidence=self.evidence.value,
            evidence_date=self.evidence_date.value,
            evidence_source=self.evidence_source.value,
            next_step=self.next_step.value,
        )

    def changes(self) -> pd.DataFrame:
        """What differs from the file as last read or saved (one row per changed cell)."""
        return changes_between(self.read_as, self.matrix)

    def _show_changes(self) -> None:
        with use_language(self.language):
            changed = self.changes()
            rows = [
                {**row, "column": _(COLUMN_LABELS.get(row["column"], row["column"])),
                 "before": _(row["before"]) if row["column"] == "status" else row["before"],
                 "after": _(row["after"]) if row["column"] == "status" else row["after"]}
                for row in changed.to_dict("records")
            ]  # fmt: skip
            self.changes_view.value = render(
                "followup_changes.html.j2",
                nothing=_("No change since the last save."),
                headings=[_("Recommendation"), _("Column"), _("Before"), _("After")],
                rows=rows,
            )

    def save(self) -> SaveResult:
        """Save through ``save_matrix``: earlier version kept, atomic, merged if changed on disk."""
        with use_language(self.language):
            result = save_matrix(self.matrix, self.path, read_as=self.read_as)
            self.last_save = result
            self.read_as = read_matrix(self.path)
            self.matrix = self.read_as.copy()
            self._refresh()
            message = _("Saved: {path} (the version before is kept in {folder}).").format(
                path=self.path.name, folder=versions_folder(self.path).name
            )
            if len(result.conflicts):
                message += " " + _(
                    "Merged with changes saved meanwhile by someone else: {count} cells to decide "
                    "(see the conflict column and {file})."
                ).format(count=len(result.conflicts), file=conflicts_path(self.path).name)
            show_ok(self.status, message)
            self.changes_view.value = ""
        return result


def show(path, *, language: str | None = None) -> FollowupTracker:
    """Display the tracker for the matrix saved in ``path`` and return it."""
    from IPython.display import display

    tracker = FollowupTracker(path, language=language)
    display(tracker)
    return tracker
