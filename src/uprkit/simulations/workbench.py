"""The drafting workbench: write a recommendation for a State under Review, with instant feedback.

Pick a State under Review and an issue, read what was recommended before and how the State
responded, draft, and get the analyser's feedback (action category 1–5, the SMART checklist and
suggestions, from :func:`uprkit.recommendations.assess`) beside the closest past
recommendations. Drafts are saved to a CSV or JSON file that an assignment can grade; saving
appends and never overwrites what is already there.

>>> similarity("Ratify the OPCAT by 2027", "Ratify the OPCAT")
0.6
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from uprkit.errors import DataError, InputFileError
from uprkit.i18n import _
from uprkit.recommendations import SMART_ELEMENTS, assess

DRAFT_COLUMNS = [
    "draft_id",
    "author",
    "state_under_review",
    "issue",
    "text",
    "action_category",
    "smart_found",
    "smart_missing",
]
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def _issue_set(value) -> set[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return set()
    return {part.strip() for part in str(value).split(";") if part.strip()}


def past_recommendations(
    recommendations: pd.DataFrame, state_under_review: str, issue: str | None = None
) -> pd.DataFrame:
    """Earlier recommendations to this State (on this issue), newest cycle first."""
    if state_under_review not in set(recommendations["state_under_review"]):
        known = sorted(set(recommendations["state_under_review"]))
        raise DataError(
            f"no recommendations to {state_under_review!r} in the data; States with "
            f"recommendations: {', '.join(known[:20])}{' …' if len(known) > 20 else ''}"
        )
    frame = recommendations[recommendations["state_under_review"] == state_under_review]
    if issue:
        all_issues = set().union(*(_issue_set(v) for v in recommendations["issues"]))
        if issue not in all_issues:
            raise DataError(
                f"unknown issue {issue!r}; issues in the data: {', '.join(sorted(all_issues))}"
            )
        frame = frame[frame["issues"].map(lambda v: issue in _issue_set(v))]
    return frame.sort_values(["cycle", "session"], ascending=False).reset_index(drop=True)


def summarise_responses(past: pd.DataFrame) -> pd.DataFrame:
    """How the State responded, by action category: counts and share supported."""
    if past.empty:
        return pd.DataFrame(columns=["action_category", "supported", "noted", "share_supported"])
    table = (
        past.assign(response=past["response"].astype(str))
        .pivot_table(
            index="action_category",
            columns="response",
            values="text",
            aggfunc="count",
            fill_value=0,
            observed=True,
        )
        .reindex(columns=["supported", "noted"], fill_value=0)
        .reset_index()
    )
    table.columns.name = None
    total = table["supported"] + table["noted"]
    table["share_supported"] = (table["supported"] / total).round(2)
    return table


def similarity(a: str, b: str) -> float:
    """Share of words in common (Jaccard on lower-cased words): crude on purpose, easy to say."""
    wa = {w.casefold() for w in _WORD.findall(a)}
    wb = {w.casefold() for w in _WORD.findall(b)}
    if not wa or not wb:
        return 0.0
    return round(len(wa & wb) / len(wa | wb), 2)


def compare_with_past(text: str, past: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` past recommendations closest to the draft, who made them, and the response."""
    if past.empty:
        return past.assign(similarity=pd.Series(dtype=float))
    scored = past.assign(similarity=[similarity(text, t) for t in past["text"]])
    scored = scored.sort_values("similarity", ascending=False, kind="stable")
    columns = ["similarity", "text", "recommending_state", "cycle", "action_category", "response"]
    return scored[columns].head(top).reset_index(drop=True)


@dataclass(frozen=True)
class Feedback:
    """What the analyser says about a draft, and the closest past recommendations."""

    text: str
    action_category: int | None
    action_label: str
    action_explanation: str
    smart_found: tuple[str, ...]
    smart_missing: tuple[str, ...]
    suggestions: tuple[str, ...]
    issues: tuple[str, ...]
    closest: pd.DataFrame

    @property
    def checklist(self) -> list[tuple[str, bool]]:
        return [(element, element in self.smart_found) for element in SMART_ELEMENTS]


def give_feedback(text: str, *, past: pd.DataFrame | None = None) -> Feedback:
    """Assess a draft with the kit's analyser and put the closest past recommendations beside it."""
    if not str(text).strip():
        raise DataError(_("the draft is empty: write one recommendation, starting with an action"))
    result = assess(text)
    action = result.action
    closest = compare_with_past(text, past) if past is not None else pd.DataFrame()
    return Feedback(
        text=str(text).strip(),
        action_category=action.category,
        action_label=action.label if hasattr(action, "label") else str(action.category),
        action_explanation=action.explanation,
        smart_found=tuple(result.found),
        smart_missing=tuple(result.missing),
        suggestions=tuple(result.suggestions),
        issues=tuple(result.issues),
        closest=closest,
    )


@dataclass(frozen=True)
class Draft:
    """One saved draft. ``author`` is a participant id (pseudonym), never a name."""

    draft_id: str
    author: str
    state_under_review: str
    issue: str
    text: str
    action_category: int | None
    smart_found: str
    smart_missing: str


def make_draft(
    feedback: Feedback, *, author: str, state_under_review: str, issue: str, number: int = 1
) -> Draft:
    return Draft(
        draft_id=f"{author}-{state_under_review}-{number}",
        author=author,
        state_under_review=state_under_review,
        issue=issue,
        text=feedback.text,
        action_category=feedback.action_category,
        smart_found="; ".join(feedback.smart_found),
        smart_missing="; ".join(feedback.smart_missing),
    )


def load_drafts(path: str | Path) -> pd.DataFrame:
    """Read saved drafts (CSV or JSON), with the columns of :data:`DRAFT_COLUMNS`."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=DRAFT_COLUMNS)
    try:
        if path.suffix.lower() == ".json":
            frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot read the saved drafts ({exc})") from exc
    missing = [c for c in DRAFT_COLUMNS if c not in frame.columns]
    if missing and len(frame):
        raise InputFileError(path, f"missing column(s) {', '.join(missing)}; is it a drafts file?")
    return frame.reindex(columns=DRAFT_COLUMNS)


def save_drafts(drafts: Iterable[Draft], path: str | Path) -> Path:
    """Append drafts to ``path`` (.csv or .json). A draft with an id already saved gets a new id,
    so nothing saved (or graded) before is lost."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".json"):
        raise InputFileError(path, "drafts are saved as .csv or .json; choose one of these names")
    existing = load_drafts(path)
    taken = set(existing["draft_id"].astype(str))
    rows: list[dict] = []
    for draft in drafts:
        row = asdict(draft)
        base, n = row["draft_id"], 1
        while row["draft_id"] in taken:
            n += 1
            row["draft_id"] = f"{base}.{n}"
        taken.add(row["draft_id"])
        row["action_category"] = (
            "" if row["action_category"] is None else str(row["action_category"])
        )
        rows.append(row)
    frame = pd.concat(
        [existing.astype(str), pd.DataFrame(rows, columns=DRAFT_COLUMNS)], ignore_index=True
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".json":
        path.write_text(
            json.dumps(frame.to_dict(orient="records"), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    else:
        frame.to_csv(path, index=False, encoding="utf-8")
    return path


def issues_of(recommendations: pd.DataFrame, state_under_review: str | None = None) -> list[str]:
    """Issues that appear in the data (for one State if given), sorted."""
    frame = recommendations
    if state_under_review:
        frame = frame[frame["state_under_review"] == state_under_review]
    return sorted(set().union(set(), *(_issue_set(v) for v in frame["issues"])))


def states_with_recommendations(recommendations: pd.DataFrame) -> Sequence[str]:
    return sorted(set(recommendations["state_under_review"]))
