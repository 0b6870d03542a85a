"""``build_followup_report``: a follow-up matrix into a mid-term draft, a dashboard or a brief.

The parent process reads the matrix (and the last saved version, to show what changed), checks
it, replaces the people it names by pseudonyms (unless ``with_names``), and writes the tables;
papermill then runs ``grading/templates/followup_<kind>.ipynb`` on a real kernel and the page is
exported to self-contained HTML (:func:`uprkit.reports.rendering.render_template`: no CDN, no
network). The same pattern as the cohort reports (:mod:`uprkit.reports.build`).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pandas as pd

from uprkit.data import load_states
from uprkit.errors import InputFileError, UprkitError
from uprkit.i18n import check_language, gettext
from uprkit.reports.followup.page import REPORT_HEADINGS, write_report_tables
from uprkit.reports.followup.people import KEY_FOLDER, pseudonymise_people, read_people_file
from uprkit.reports.rendering import ReportResult, render_template, report_template
from uprkit.simulations.followup.checks import check_matrix, raise_on_problems
from uprkit.simulations.followup.files import read_matrix
from uprkit.simulations.followup.schema import MATRIX_COLUMNS
from uprkit.simulations.followup.versions import changes_between, last_saved_version

__all__ = ["FOLLOWUP_REPORT_KINDS", "build_followup_report", "report_file_name"]

FOLLOWUP_REPORT_KINDS = tuple(REPORT_HEADINGS)


def report_file_name(matrix_path, kind: str, language: str) -> str:
    """ "followup-KEN-cycle4-dashboard-fr" for the matrix followup-KEN-cycle4.xlsx.

    >>> report_file_name("x/followup-KEN-cycle4.xlsx", "dashboard", "fr")
    'followup-KEN-cycle4-dashboard-fr'
    """
    return f"{Path(matrix_path).stem}-{kind}-{language}"


def _state_name(iso3: str) -> str:
    states = load_states().set_index("iso3")
    return str(states.at[iso3, "name"]) if iso3 in states.index else iso3


def _usual(matrix: pd.DataFrame, column: str) -> str:
    return str(matrix[column].mode().iloc[0]) if len(matrix) else ""


def _earlier_version(path: Path, matrix: pd.DataFrame) -> pd.DataFrame:
    """The version to compare with, refused if it is another State's or cycle's matrix."""
    previous = read_matrix(path)
    raise_on_problems(check_matrix(previous, source=path.name), path)
    for column in ("state_under_review", "cycle"):
        if len(previous) and _usual(previous, column) != _usual(matrix, column):
            raise InputFileError(
                path,
                f"is the matrix of {column.replace('_', ' ')} {_usual(previous, column)}, not "
                f"{_usual(matrix, column)}: compare a matrix only with its own earlier versions",
            )
    return previous[list(MATRIX_COLUMNS)]


def build_followup_report(
    matrix_path,
    out_dir,
    *,
    kind: str = "dashboard",
    language: str = "en",
    with_names: bool = False,
    people_file=None,
    since=None,
    today: date | None = None,
) -> ReportResult:
    """Make ``out_dir/<matrix>-<kind>-<language>.html`` (and the executed notebook beside it).

    ``since`` is the earlier version to compare with (default: the last saved version, kept by
    :func:`uprkit.simulations.followup.save_matrix`); ``people_file`` lists names to hide beside
    the CSO leads and titled names. A matrix with faults is refused, naming the first fault's row.
    """
    if kind not in FOLLOWUP_REPORT_KINDS:
        raise UprkitError(
            f"unknown follow-up report {kind!r}; choose one of: {', '.join(FOLLOWUP_REPORT_KINDS)}"
        )
    language = check_language(language)
    started = time.perf_counter()
    matrix_path, out_dir = Path(matrix_path), Path(out_dir)
    matrix = read_matrix(matrix_path)
    raise_on_problems(check_matrix(matrix, source=matrix_path.name), matrix_path)
    matrix = matrix[list(MATRIX_COLUMNS)]
    if matrix.empty:
        raise InputFileError(matrix_path, "has no recommendations: nothing to report on")
    since = Path(since) if since is not None else last_saved_version(matrix_path)
    previous = _earlier_version(since, matrix) if since is not None else None
    if not with_names:
        people = read_people_file(people_file) if people_file is not None else []
        label = gettext(language)("Person {number}")
        key = matrix_path.parent / KEY_FOLDER
        matrix = pseudonymise_people(matrix, key, people=people, label=label)
        if previous is not None:
            # names that appear only in the older version are hidden too
            previous = pseudonymise_people(previous, key, people=people, label=label)
    changes = (
        changes_between(previous, matrix)
        if previous is not None
        else pd.DataFrame(columns=["recommendation_id", "column", "before", "after"])
    )
    iso3 = _usual(matrix, "state_under_review")
    meta = {
        "kind": kind,
        "language": language,
        "state": iso3,
        "state_name": _state_name(iso3),
        "cycle": _usual(matrix, "cycle"),
        "source": matrix_path.name,
        "version": since.name if since is not None else "",
        "made": (today or date.today()).isoformat(),
        "today": (today or date.today()).isoformat(),
        "with_names": with_names,
    }
    name = report_file_name(matrix_path, kind, language)
    tables = write_report_tables(out_dir / f"{name}-tables", meta, matrix, changes)
    html = render_template(
        report_template(f"followup_{kind}"),
        out_dir,
        {"tables_dir": str(tables.resolve())},
        name=name,
    )
    return ReportResult(html, (tables,), round(time.perf_counter() - started, 2))
