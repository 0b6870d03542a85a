"""Import an SDG-Human Rights Data Explorer export (the Danish Institute's .xlsx workbooks).

Gives the recommendation columns of ``uprkit.data.load_recommendations()`` plus the explorer's
own (year, SDG goals and targets, affected groups, document); see ``import_sdg_explorer``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from uprkit.data import cycle_of_session, load_reviews
from uprkit.data.importers.common import (
    RESPONSE_HELP,
    RESPONSE_WORDS,
    ImportResult,
    _files,
    _map_states,
    _problems,
    _Reporter,
    recommendation_frame,
)
from uprkit.data.tabular import WORKBOOK_READING, cell_text, describe_sheets, read_workbook
from uprkit.errors import InputFileError

__all__ = ["SDG_EXPLORER_COLUMNS", "import_sdg_explorer"]

SDG_EXPLORER_COLUMNS = ("Recommendation", "Tekst", "Response", "Recommending state", "field_year")
_GOAL_SPLIT = re.compile(r",(?=\s*\d+\.)")
# Affected groups were glued together: split before a capital after a lower-case letter or "LGBTI".
_CAMEL_SPLIT = re.compile(r"(?<=[a-z)])(?=[A-Z])|(?<=LGBTI)(?=[A-Z][a-z])")


def _sdg_goals(value: str) -> str:
    """ "5. Gender equality ,16. Peace, justice and strong institutions" → "5; 16"."""
    if not value or value.startswith("No SDG link"):
        return ""
    goals = [part.strip().split(".", 1)[0] for part in _GOAL_SPLIT.split(value)]
    return "; ".join(g for g in goals if g.isdigit())


def _sdg_workbook_frame(path: Path) -> pd.DataFrame:
    sheets = read_workbook(path)
    expected = (
        "expected an SDG-Human Rights Data Explorer export: a sheet 'Explorer' whose first row "
        f"holds {', '.join(SDG_EXPLORER_COLUMNS)}"
    )
    name = "Explorer" if "Explorer" in sheets else next(iter(sheets), None)
    sheet = sheets[name] if name is not None else None
    if sheet is None or sheet.dropna(how="all").empty:
        raise InputFileError(path, f"{expected}; found {describe_sheets(sheets)}")
    header = [cell_text(c) for c in sheet.iloc[0]]
    frame = sheet.iloc[1:].copy()
    frame.columns = header
    missing = [c for c in SDG_EXPLORER_COLUMNS if c not in header]
    if missing:
        raise InputFileError(
            path,
            f"this is not an SDG-Human Rights Data Explorer export: missing column(s) "
            f"{', '.join(missing)}; {expected}; found {describe_sheets(sheets)}",
        )
    return frame.reset_index(drop=True)


def _session_lookup() -> dict[tuple[str, int], int]:
    """(iso3, cycle) → WG session, where reviews.csv knows it (never guessed otherwise)."""
    reviews = load_reviews()
    reviews["cycle"] = reviews["session"].map(cycle_of_session)
    return {(r.iso3, r.cycle): r.session for r in reviews.itertuples(index=False)}


def _read_sdg_file(file: Path, sessions: dict) -> tuple[pd.DataFrame, list[dict]]:
    raw = _sdg_workbook_frame(file)
    text = pd.DataFrame({c: raw[c].map(cell_text) for c in raw.columns})
    for optional in ("Goals", "Targets", "Keywords", "Document"):
        if optional not in text:
            text[optional] = ""
    reporter = _Reporter(file, text)
    report = reporter.report

    sur, sur_reasons = _map_states(text["Recommendation"])
    rec, rec_reasons = _map_states(text["Recommending state"])
    # Every fault of a row is reported, not only the first: a trainer fixes the file once.
    report(sur.isna(), "Recommendation", sur_reasons.get)
    report(rec.isna(), "Recommending state", rec_reasons.get)
    bad = sur.isna() | rec.isna()

    response = text["Response"].str.casefold().map(RESPONSE_WORDS)
    report(response.isna(), "Response", lambda v: f"unknown response {v!r}; {RESPONSE_HELP}")
    bad |= response.isna()

    year_cycle = text["field_year"].str.extract(r"^\s*(\d{4})\s+Cycle\s+(\d)\s*$")
    cycle = pd.to_numeric(year_cycle[1], errors="coerce")
    bad_cycle = ~cycle.isin([1, 2, 3, 4])
    report(
        bad_cycle,
        "field_year",
        lambda v: f"cannot read year and cycle from {v!r}; expected e.g. '2011 Cycle 1'",
    )
    bad |= bad_cycle

    empty = text["Tekst"] == ""
    report(empty, "Tekst", "empty recommendation text")
    bad |= empty
    damaged = text["Tekst"].str.contains("\ufffd", regex=False)
    lost = "text contains U+FFFD: accented letters were lost upstream"
    report(damaged & ~bad, "Tekst", lost, kept=True)
    report(damaged & bad, "Tekst", lost)  # the row is dropped for another fault

    keep = ~bad
    kept = text[keep]
    data = pd.DataFrame(
        {
            "recommendation_id": file.name + ":" + reporter.lines[keep].astype(str),
            "state_under_review": sur[keep],
            "recommending_state": rec[keep],
            "cycle": cycle[keep].astype(int),
            "text": kept["Tekst"],
            "issues": "",
            "action_category": pd.NA,
            "response": response[keep],
            "year": pd.to_numeric(year_cycle[0][keep]).astype("Int64"),
            "sdg_goals": kept["Goals"].map(_sdg_goals),
            "sdg_targets": kept["Targets"].map(
                lambda v: "; ".join(t.strip() for t in v.split(",") if t.strip())
            ),
            "affected_groups": kept["Keywords"].map(
                lambda v: "; ".join(_CAMEL_SPLIT.split(v)) if v else ""
            ),
            "document": kept["Document"],
        }
    )
    data["session"] = [
        sessions.get((s, c), pd.NA)
        for s, c in zip(data["state_under_review"], data["cycle"], strict=True)
    ]
    return data, sorted(reporter.rows, key=lambda p: p["line"])


def import_sdg_explorer(path) -> ImportResult:
    """Read an SDG-Human Rights Data Explorer export (``.xlsx``, sheet "Explorer") or a folder.

    Gives the columns of ``load_recommendations()`` plus ``year``, ``sdg_goals`` and
    ``sdg_targets`` (joined by "; "), ``affected_groups`` (split where the export glued them:
    "Women and girlsChildren") and ``document`` (UN symbol and paragraph). The source has no
    action category and no UPR Info issues (both empty); ``session`` comes from the kit's
    calendar (datasets/reviews.csv) when it knows the state's review in that cycle.
    """
    sessions = _session_lookup()
    frames, problems, readings = [], [], []
    for file in _files(path, "*.xlsx"):
        data, file_problems = _read_sdg_file(file, sessions)
        frames.append(data)
        problems.extend(file_problems)
        readings.append((file.name, WORKBOOK_READING))
    data = pd.concat(frames, ignore_index=True)
    extras = ["year", "sdg_goals", "sdg_targets", "affected_groups", "document"]
    result = recommendation_frame(data, source="SDG-HR Data Explorer export")
    result = pd.concat([result, data[extras].reset_index(drop=True)], axis=1)
    return ImportResult(result, _problems(problems), tuple(readings))
