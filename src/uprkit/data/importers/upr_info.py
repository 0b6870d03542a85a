"""Import a UPR Info "Database of recommendations" export into the kit's recommendation columns.

Every importer returns an ``ImportResult(data, problems)``: ``data`` has the kit's columns
(for recommendations: the same columns as ``uprkit.data.load_recommendations()``), and
``problems`` lists each row or value that was not understood, with the file, line and reason.
Nothing is guessed: an unknown state name is reported, never matched to the nearest name.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from uprkit.data import load_issues
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
from uprkit.data.tabular import read_text_csv

__all__ = ["UPR_INFO_COLUMNS", "import_upr_info"]

UPR_INFO_COLUMNS = ("To", "Text", "From", "Response", "Action", "Issue", "Session")

_RESPONSE_NOT_A_RECOMMENDATION = {
    "voluntary pledge": "a voluntary pledge by the state under review, not a recommendation",
}


def _issue_lookup() -> dict[str, str]:
    issues = load_issues()
    lookup = {}
    for row in issues.itertuples(index=False):
        for spelling in (row.issue, row.label, row.label.replace(" - ", " – ")):
            lookup[spelling.strip().casefold()] = row.issue
    return lookup


def _read_columns(raw: pd.DataFrame, reporter: _Reporter) -> tuple[dict[str, pd.Series], pd.Series]:
    """The kit's columns read from the export's, and which rows have a fault (all reported).

    Every fault of a row is reported, not only the first: a trainer fixes the file once.
    """
    report = reporter.report
    # The export HTML-escapes some characters: "&#40;Unknown&#41;" is "(Unknown)".
    to_state, to_reasons = _map_states(raw["To"].map(html.unescape).str.strip())
    from_state, from_reasons = _map_states(raw["From"].map(html.unescape).str.strip())
    report(to_state.isna(), "To", lambda v: to_reasons[html.unescape(v).strip()])
    report(from_state.isna(), "From", lambda v: from_reasons[html.unescape(v).strip()])

    response = raw["Response"].str.strip().str.casefold().map(RESPONSE_WORDS)
    report(
        response.isna(),
        "Response",
        lambda v: _RESPONSE_NOT_A_RECOMMENDATION.get(
            v.strip().casefold(), f"unknown response {v!r}; {RESPONSE_HELP}"
        ),
    )

    session = pd.to_numeric(raw["Session"].str.strip(), errors="coerce")
    bad_session = ~session.isin(range(1, 55))
    report(bad_session, "Session", lambda v: f"unknown session {v!r}; expected a whole number 1-54")

    action_text = raw["Action"].str.strip()
    action = pd.to_numeric(action_text, errors="coerce")
    bad_action = (action_text != "") & ~action.isin(range(1, 6))
    report(
        bad_action,
        "Action",
        lambda v: f"unknown action category {v!r}; expected 1, 2, 3, 4 or 5 (or empty)",
    )

    text = raw["Text"].str.strip()
    report(text == "", "Text", "empty recommendation text")
    faults = [to_state.isna(), from_state.isna(), response.isna(), bad_session, bad_action]
    bad = pd.concat([*faults, text == ""], axis=1).any(axis=1)
    columns = {
        "state_under_review": to_state,
        "recommending_state": from_state,
        "session": session,
        "text": text,
        "action_category": action,
        "response": response,
    }
    return columns, bad


def _issue_ids(
    raw: pd.DataFrame, issue_lookup: dict[str, str], bad: pd.Series, reporter: _Reporter
) -> dict[str, str]:
    """Issues: "Death penalty,International instruments" → "death_penalty; international_...".

    Unknown labels are left out and reported, on kept rows as kept.
    """
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
            reporter.report(same & ~bad, "Issue", reason, kept=True)
            reporter.report(same & bad, "Issue", reason)  # the row is dropped for another fault
    return issue_ids


def _read_upr_info_file(
    path: Path, issue_lookup: dict[str, str], encoding: str | None = None
) -> tuple[pd.DataFrame, list[dict], str]:
    raw = read_text_csv(path, UPR_INFO_COLUMNS, "a UPR Info database export", encoding=encoding)
    reporter = _Reporter(path, raw)
    columns, bad = _read_columns(raw, reporter)
    issue_ids = _issue_ids(raw, issue_lookup, bad, reporter)
    problems = sorted(reporter.rows, key=lambda p: p["line"])  # a row's faults side by side

    keep = ~bad
    data = pd.DataFrame(
        {
            "recommendation_id": path.name + ":" + reporter.lines[keep].astype(str),  # header: 1
            "state_under_review": columns["state_under_review"][keep],
            "recommending_state": columns["recommending_state"][keep],
            "session": columns["session"][keep].astype(int),
            "text": columns["text"][keep],
            "issues": raw.loc[keep, "Issue"].map(issue_ids),
            "action_category": columns["action_category"][keep],
            "response": columns["response"][keep],
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
    (UPR Info's Mac Roman is told apart from Windows-1252; see ``uprkit.data.tabular``), and
    InputFileError asks for ``encoding`` when that cannot be told. ``result.encodings`` says
    what was used, per file.
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
        recommendation_frame(data, source="UPR Info export"),
        _problems(problems),
        tuple(encodings),
    )
