"""Bring a trainer's real exports into the kit's schema, reporting what was not understood.

Every importer returns an ``ImportResult(data, problems)``: ``data`` has the kit's columns
(for recommendations: the same columns as ``uprkit.data.load_recommendations()``), and
``problems`` lists each row or value that was not understood, with the file, line and reason.
Nothing is guessed: an unknown state name is reported, never matched to the nearest name.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from uprkit.data.importers.common import (
    PROBLEM_COLUMNS,
    WORKBOOK_READING,
    ImportResult,
    _cell_text,
    _describe_sheets,
    _files,
    _map_states,
    _problems,
    _read_text_csv,
    _read_workbook,
    _Reporter,
)
from uprkit.data import (
    RECOMMENDATION_COLUMNS,
    RECOMMENDING_GROUPS,
    RESPONSES,
    cycle_of_session,
    load_issues,
    load_reviews,
    regional_group_of,
)
from uprkit.errors import InputFileError
from uprkit.data.importers.ratifications import RATIFICATION_COLUMNS, import_ratifications

__all__ = [
    "PROBLEM_COLUMNS",
    "RATIFICATION_COLUMNS",
    "ImportResult",
    "import_ratifications",
    "import_sdg_explorer",
    "import_upr_info",
]

# ---------------------------------------------------------------------------- UPR Info

UPR_INFO_COLUMNS = ("To", "Text", "From", "Response", "Action", "Issue", "Session")

# Fact sheet §3.1: only "supported" and "noted" are official; UPR Info said "Accepted" until its
# wording changed, and re-labelled "Rejected" as "noted" in 2013 ([UPRI-S17], [UPRI-SMART17]).
_RESPONSE_WORDS = {
    "accepted": "supported",
    "supported": "supported",
    "noted": "noted",
    "rejected": "noted",
}
_RESPONSE_NOT_A_RECOMMENDATION = {
    "voluntary pledge": "a voluntary pledge by the state under review, not a recommendation",
}
_RESPONSE_HELP = (
    "expected Accepted/Supported or Noted (Rejected is read as noted, fact sheet §3.1); "
    "'partially supported' and pending responses must be decided by hand"
)


def _issue_lookup() -> dict[str, str]:
    issues = load_issues()
    lookup = {}
    for row in issues.itertuples(index=False):
        for spelling in (row.issue, row.label, row.label.replace(" - ", " – ")):
            lookup[spelling.strip().casefold()] = row.issue
    return lookup


def _read_upr_info_file(
    path: Path, issue_lookup: dict[str, str], encoding: str | None = None
) -> tuple[pd.DataFrame, list[dict], str]:
    raw = _read_text_csv(path, UPR_INFO_COLUMNS, "a UPR Info database export", encoding=encoding)
    reporter = _Reporter(path, raw)
    report = reporter.report
    line = reporter.lines  # header is line 1
    # Every fault of a row is reported, not only the first: a trainer fixes the file once.
    faults: list[pd.Series] = []

    # The export HTML-escapes some characters: "&#40;Unknown&#41;" is "(Unknown)".
    to_names = raw["To"].map(html.unescape).str.strip()
    from_names = raw["From"].map(html.unescape).str.strip()
    to_state, to_reasons = _map_states(to_names)
    from_state, from_reasons = _map_states(from_names)
    report(to_state.isna(), "To", lambda v: to_reasons[html.unescape(v).strip()])
    report(from_state.isna(), "From", lambda v: from_reasons[html.unescape(v).strip()])
    faults += [to_state.isna(), from_state.isna()]

    words = raw["Response"].str.strip().str.casefold()
    response = words.map(_RESPONSE_WORDS)
    report(
        response.isna(),
        "Response",
        lambda v: _RESPONSE_NOT_A_RECOMMENDATION.get(
            v.strip().casefold(), f"unknown response {v!r}; {_RESPONSE_HELP}"
        ),
    )
    faults.append(response.isna())

    session = pd.to_numeric(raw["Session"].str.strip(), errors="coerce")
    bad_session = ~session.isin(range(1, 55))
    report(bad_session, "Session", lambda v: f"unknown session {v!r}; expected a whole number 1-54")
    faults.append(bad_session)

    action_text = raw["Action"].str.strip()
    action = pd.to_numeric(action_text, errors="coerce")
    bad_action = (action_text != "") & ~action.isin(range(1, 6))
    report(
        bad_action,
        "Action",
        lambda v: f"unknown action category {v!r}; expected 1, 2, 3, 4 or 5 (or empty)",
    )
    faults.append(bad_action)

    text = raw["Text"].str.strip()
    report(text == "", "Text", "empty recommendation text")
    faults.append(text == "")
    bad = pd.concat(faults, axis=1).any(axis=1)

    # Issues: "Death penalty,International instruments" → "death_penalty; international_...".
    issue_ids: dict[str, str] = {}
    for value in raw["Issue"].unique():
        known, unknown = [], []
        for label in filter(None, (part.strip() for part in value.split(","))):
            issue = issue_lookup.get(label.casefold())
            (known if issue else unknown).append(issue or label)
        issue_ids[value] = "; ".join(dict.fromkeys(known))
        if unknown:
            reason = (
                f"unknown issue label(s) {', '.join(map(repr, unknown))} left out; expected the "
                "UPR Info labels in datasets/issues.csv"
            )
            same = raw["Issue"] == value
            report(same & ~bad, "Issue", reason, kept=True)
            report(same & bad, "Issue", reason)  # the row is dropped for another fault
    problems = sorted(reporter.rows, key=lambda p: p["line"])  # a row's faults side by side

    keep = ~bad
    data = pd.DataFrame(
        {
            "recommendation_id": path.name + ":" + line[keep].astype(str),
            "state_under_review": to_state[keep],
            "recommending_state": from_state[keep],
            "session": session[keep].astype(int),
            "text": text[keep],
            "issues": raw.loc[keep, "Issue"].map(issue_ids),
            "action_category": action[keep],
            "response": response[keep],
        }
    )
    return data, problems, raw.attrs["encoding"]


def import_upr_info(path, *, encoding: str | None = None) -> ImportResult:
    """Read a UPR Info "Database of recommendations" export (a CSV file, or a folder of them).

    Handles the old export as UPR Info produced it: Mac Roman text with bare CR line ends,
    "Accepted"/"Noted" wording, action categories 1-5 as text, issues joined by commas. Gives
    the columns of ``load_recommendations()`` with ``illustrative`` False. Voluntary pledges,
    unknown states (e.g. "(Unknown)") and unknown responses go to ``problems``, every fault of
    a row on its own line.

    ``encoding`` forces how the bytes are read ("mac-roman", "cp1252", "latin-1", "utf-8");
    without it, UTF-8 is used when valid, else the 8-bit encoding that gives plausible letters
    (UPR Info's Mac Roman is told apart from Windows-1252), and InputFileError asks for
    ``encoding`` when that cannot be told. ``result.encodings`` says what was used, per file.
    """
    issue_lookup = _issue_lookup()
    frames, problems, encodings = [], [], []
    for file in _files(path, "*.csv"):
        data, file_problems, how = _read_upr_info_file(file, issue_lookup, encoding)
        frames.append(data)
        problems.extend(file_problems)
        encodings.append((file.name, how))
    data = pd.concat(frames, ignore_index=True)
    return ImportResult(
        _recommendation_frame(data, source="UPR Info export"),
        _problems(problems),
        tuple(encodings),
    )


def _recommendation_frame(data: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """Give imported recommendations the exact columns and dtypes of load_recommendations()."""
    data = data.copy()
    groups = {iso3: regional_group_of(iso3) for iso3 in data["recommending_state"].unique()}
    data["recommending_group"] = pd.Categorical(
        data["recommending_state"].map(groups), categories=list(RECOMMENDING_GROUPS)
    )
    data["session"] = data["session"].astype("Int64")
    if "cycle" not in data:
        data["cycle"] = data["session"].map(
            {s: cycle_of_session(int(s)) for s in data["session"].dropna().unique()}
        )
    data["cycle"] = data["cycle"].astype("Int64")
    data["action_category"] = data["action_category"].astype("Int64")
    data["response"] = pd.Categorical(data["response"], categories=list(RESPONSES))
    data["illustrative"] = False
    data["source"] = source
    return data[list(RECOMMENDATION_COLUMNS)].reset_index(drop=True)


# ---------------------------------------------------------------------------- SDG-HR Data Explorer

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
    sheets = _read_workbook(path)
    expected = (
        "expected an SDG-Human Rights Data Explorer export: a sheet 'Explorer' whose first row "
        f"holds {', '.join(SDG_EXPLORER_COLUMNS)}"
    )
    name = "Explorer" if "Explorer" in sheets else next(iter(sheets), None)
    sheet = sheets[name] if name is not None else None
    if sheet is None or sheet.dropna(how="all").empty:
        raise InputFileError(path, f"{expected}; found {_describe_sheets(sheets)}")
    header = [_cell_text(c) for c in sheet.iloc[0]]
    frame = sheet.iloc[1:].copy()
    frame.columns = header
    missing = [c for c in SDG_EXPLORER_COLUMNS if c not in header]
    if missing:
        raise InputFileError(
            path,
            f"this is not an SDG-Human Rights Data Explorer export: missing column(s) "
            f"{', '.join(missing)}; {expected}; found {_describe_sheets(sheets)}",
        )
    return frame.reset_index(drop=True)


def _session_lookup() -> dict[tuple[str, int], int]:
    """(iso3, cycle) → WG session, where reviews.csv knows it (never guessed otherwise)."""
    reviews = load_reviews()
    reviews["cycle"] = reviews["session"].map(cycle_of_session)
    return {(r.iso3, r.cycle): r.session for r in reviews.itertuples(index=False)}


def _read_sdg_file(file: Path, sessions: dict) -> tuple[pd.DataFrame, list[dict]]:
    raw = _sdg_workbook_frame(file)
    text = pd.DataFrame({c: raw[c].map(_cell_text) for c in raw.columns})
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

    response = text["Response"].str.casefold().map(_RESPONSE_WORDS)
    report(response.isna(), "Response", lambda v: f"unknown response {v!r}; {_RESPONSE_HELP}")
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
    result = _recommendation_frame(data, source="SDG-HR Data Explorer export")
    result = pd.concat([result, data[extras].reset_index(drop=True)], axis=1)
    return ImportResult(result, _problems(problems), tuple(readings))
