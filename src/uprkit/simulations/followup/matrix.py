"""Build a follow-up matrix: one row per recommendation a State received in one cycle.

From the kit's corpus (``uprkit.data.load_recommendations()``) or an imported export (UPR Info,
SDG-Human Rights Data Explorer). Joint recommendations (one row per co-sponsor in the sources)
become one row listing every recommending State; the analyser adds the action category and the
SMART elements; :mod:`.clusters` groups the rows that ask for the same thing. Every cell is text,
as a spreadsheet shows it, so that a saved and re-read matrix compares equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from uprkit.data import load_recommendations, to_iso3
from uprkit.data.importers import ImportResult, import_sdg_explorer, import_upr_info
from uprkit.data.tabular import is_workbook
from uprkit.errors import DataError, InputFileError
from uprkit.recommendations import SMART_ELEMENTS, assess_column, classify_actions
from uprkit.simulations.followup.clusters import cluster_recommendations
from uprkit.simulations.followup.schema import EDITABLE_COLUMNS, MATRIX_COLUMNS, Status

__all__ = ["MatrixBuild", "build_matrix", "matrix_from_export", "matrix_from_kit"]

_SPACES = re.compile(r"\s+")
CYCLES = (1, 2, 3, 4)


@dataclass(frozen=True)
class MatrixBuild:
    """A new matrix and what the import behind it did not understand (empty for the kit's data)."""

    matrix: pd.DataFrame
    import_problems: pd.DataFrame = field(default_factory=pd.DataFrame)
    source: str = ""


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _joined(values) -> str:
    """Distinct non-empty values in first-seen order, joined by "; " (nothing dropped)."""
    seen: dict[str, None] = {}
    for value in values:
        for part in _text(value).split("; "):
            if part:
                seen.setdefault(part, None)
    return "; ".join(seen)


def _checked_state_and_cycle(state: str, cycle) -> tuple[str, int]:
    iso3 = to_iso3(state)
    try:
        number = int(cycle)
    except (TypeError, ValueError):
        number = None
    if number not in CYCLES:
        raise DataError(f"unknown cycle {cycle!r}; expected 1, 2, 3 or 4")
    return iso3, number


def _one_row_per_recommendation(rows: pd.DataFrame) -> pd.DataFrame:
    """Co-sponsors of one text in one session become one row listing every recommending State."""
    key = rows["text"].map(lambda t: _SPACES.sub(" ", _text(t)).casefold().rstrip(" ."))
    session = rows["session"].map(_text)
    sdg = rows["sdg_targets"] if "sdg_targets" in rows else pd.Series("", index=rows.index)
    grouped = rows.assign(_key=key, _session=session, _sdg=sdg).groupby(
        ["_session", "_key"], sort=False
    )
    return pd.DataFrame(
        {
            "recommendation_id": grouped["recommendation_id"].first().map(_text),
            "state_under_review": grouped["state_under_review"].first(),
            "cycle": grouped["cycle"].first().map(_text),
            "session": grouped["session"].first().map(_text),
            "recommendation": grouped["text"].first().map(_text),
            "recommending_states": grouped["recommending_state"].agg(_joined),
            "response": grouped["response"].agg(lambda v: _joined(v.astype(object))),
            "issues": grouped["issues"].agg(_joined),
            "sdg_targets": grouped["_sdg"].agg(_joined),
        }
    ).reset_index(drop=True)


def _add_analysis(matrix: pd.DataFrame) -> pd.DataFrame:
    assessed = assess_column(matrix, "recommendation", prefix="analyser_")
    matrix["action_category"] = assessed["analyser_action_category"].map(_text)
    found, missing = [], []
    for _, flags in assessed[["analyser_" + e for e in SMART_ELEMENTS]].iterrows():
        if flags.isna().all():  # unread text: nothing found, nothing missing
            found.append("")
            missing.append("")
            continue
        found.append("; ".join(e for e in SMART_ELEMENTS if flags["analyser_" + e] is True))
        missing.append("; ".join(e for e in SMART_ELEMENTS if flags["analyser_" + e] is False))
    matrix["smart_found"], matrix["smart_missing"] = found, missing
    # Where the source has no issues (the SDG explorer), the analyser's issues stand in.
    no_issues = matrix["issues"].eq("")
    matrix.loc[no_issues, "issues"] = assessed.loc[no_issues, "analyser_found_issues"]
    verbs = classify_actions(matrix["recommendation"])["decisive_words"]
    clusters = cluster_recommendations(matrix.assign(verbs=verbs))
    matrix["cluster"], matrix["cluster_reason"] = clusters["cluster"], clusters["cluster_reason"]
    return matrix


def _states_present(recommendations: pd.DataFrame) -> str:
    counts = recommendations.groupby(["state_under_review", "cycle"]).size()
    shown = [f"{s} cycle {c} ({n})" for (s, c), n in counts.sort_values().iloc[::-1].items()]
    return ", ".join(shown[:8]) + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")


def build_matrix(
    recommendations: pd.DataFrame, *, state: str, cycle, source: str = "the recommendations"
) -> pd.DataFrame:
    """The follow-up matrix of ``state`` for ``cycle`` from rows shaped like load_recommendations().

    Every editable column starts empty but ``status``, which starts as "not started".

    >>> m = build_matrix(load_recommendations(), state="KEN", cycle=4)
    >>> len(m), m["status"].unique().tolist()
    (36, ['not started'])
    """
    iso3, number = _checked_state_and_cycle(state, cycle)
    rows = recommendations[
        recommendations["state_under_review"].eq(iso3)
        & pd.to_numeric(recommendations["cycle"], errors="coerce").eq(number)
    ]
    if rows.empty:
        raise DataError(
            f"{source}: no recommendations to {iso3} in cycle {number}; there are "
            f"{_states_present(recommendations) or 'no recommendations at all'}. Choose one of "
            "these, or bring an export for this State (--from)."
        )
    matrix = _add_analysis(_one_row_per_recommendation(rows))
    for column in EDITABLE_COLUMNS:
        matrix[column] = ""
    matrix["status"] = Status.NOT_STARTED.value
    # Plain text columns (none categorical), as read_matrix gives them back from a file.
    return matrix[list(MATRIX_COLUMNS)].astype(str)


def matrix_from_kit(*, state: str, cycle) -> MatrixBuild:
    """The matrix from the kit's ILLUSTRATIVE corpus (10 States, cycle 4; not UN records)."""
    source = "the kit's illustrative corpus (datasets/recommendations.csv)"
    matrix = build_matrix(load_recommendations(), state=state, cycle=cycle, source=source)
    return MatrixBuild(matrix, pd.DataFrame(), source)


def import_export(path) -> ImportResult:
    """A UPR Info export (CSV, or a folder of them) or an SDG-HR Data Explorer workbook/folder."""
    path = Path(path)
    if path.is_dir():
        explorer = any(p.suffix.lower() == ".xlsx" for p in path.iterdir())
    elif path.is_file():
        explorer = is_workbook(path)
    else:
        raise InputFileError(path, "no such file or folder; expected a UPR Info or SDG export")
    return import_sdg_explorer(path) if explorer else import_upr_info(path)


def matrix_from_export(path, *, state: str, cycle) -> MatrixBuild:
    """The matrix from a real export; its rows not understood are kept in ``import_problems``."""
    imported = import_export(path)
    source = f"{Path(path)}"
    matrix = build_matrix(imported.data, state=state, cycle=cycle, source=source)
    return MatrixBuild(matrix, imported.problems, source)
