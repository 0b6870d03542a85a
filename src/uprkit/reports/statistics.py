"""Statistics for the reports: summaries per assignment, skill and lesson, and the funder's totals.

Pure functions on the tables of :mod:`uprkit.reports.tables`; the report templates call them.
Submissions that could not be graded are counted apart, never averaged in as zero.
"""

from __future__ import annotations

import pandas as pd

from uprkit.reports.answers import FOLLOW_UP_LEVELS
from uprkit.reports.tables import GRADED, LESSON_LABELS, CohortTables, FunderTables
from uprkit.workshop.privacy import SMALLEST_GROUP

__all__ = [
    "summarise_scores",
    "summarise_gains",
    "summarise_ratings",
    "score_matrix",
    "digest_answers",
    "summarise_for_funder",
]


def summarise_scores(scores: pd.DataFrame, by: str = "assignment") -> pd.DataFrame:
    """Per assignment (or skill): graded submissions, mean/min/max percent, and how many were not
    graded. Ungraded submissions are counted apart, never averaged in as zero.

    >>> s = pd.DataFrame({"assignment": ["a", "a", "a"], "percent": [50.0, 100.0, None],
    ...                   "status": ["graded", "graded", "not graded"]})
    >>> summarise_scores(s).to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'assignment': 'a', 'graded': 2, 'mean %': 75.0, 'min %': 50.0, 'max %': 100.0,
      'not graded': 1}]
    """
    frame = scores[scores[by].fillna("").astype(str) != ""]
    graded = frame[frame["status"] == GRADED]
    summary = graded.groupby(by)["percent"].agg(["count", "mean", "min", "max"]).round(1)
    summary.columns = ["graded", "mean %", "min %", "max %"]
    problems = frame[~frame["status"].isin([GRADED, "not submitted"])].groupby(by).size()
    summary = summary.reindex(sorted(set(frame[by]))).fillna({"graded": 0})
    summary["graded"] = summary["graded"].astype(int)
    summary["not graded"] = problems.reindex(summary.index).fillna(0).astype(int)
    return summary.reset_index()


def summarise_gains(gains: pd.DataFrame) -> dict:
    """Mean knowledge-check results before and after, for participants who took both."""
    if gains.empty:
        return {
            "paired": 0,
            "mean pre %": None,
            "mean post %": None,
            "mean gain": None,
            "improved": 0,
        }
    return {
        "paired": int(len(gains)),
        "mean pre %": round(float(gains["pre"].mean()), 1),
        "mean post %": round(float(gains["post"].mean()), 1),
        "mean gain": round(float(gains["gain"].mean()), 1),
        "improved": int((gains["gain"] > 0).sum()),
    }


def summarise_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Per lesson: number of ratings, mean, and how many gave each score 1–5."""
    counts = ratings.pivot_table(
        index="lesson", columns="rating", values="participant", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(columns=range(1, 6), fill_value=0)
    summary = ratings.groupby("lesson")["rating"].agg(["count", "mean"]).round(2)
    summary = summary.join(counts).reset_index()
    summary.insert(1, "label", summary["lesson"].map(LESSON_LABELS).fillna(summary["lesson"]))
    return summary.sort_values("label", ignore_index=True)


def score_matrix(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per participant, one column per assignment: "85%" when graded, else the status.

    >>> s = pd.DataFrame({"participant": ["P1", "P1"], "assignment": ["a", "b"],
    ...                   "percent": [85.0, None], "status": ["graded", "not graded"]})
    >>> score_matrix(s).to_dict("records")
    [{'participant': 'P1', 'a': '85%', 'b': 'not graded'}]
    """
    cells = scores["percent"].map(lambda p: f"{p:.0f}%" if pd.notna(p) else "")
    cells = cells.where(scores["status"] == GRADED, scores["status"])
    matrix = scores.assign(cell=cells).pivot_table(
        index="participant", columns="assignment", values="cell", aggfunc="first"
    )
    matrix.columns.name = None
    return matrix.reset_index()


def digest_answers(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Distinct answers with how many people gave them, most frequent first (no one named).

    >>> t = pd.DataFrame({"plan": ["Brief media", "Lobby", "brief media "]})
    >>> digest_answers(t, "plan").to_dict("records")
    [{'answer': 'Brief media', 'people': 2}, {'answer': 'Lobby', 'people': 1}]
    """
    text = table[column].astype(str).str.strip()
    key = text.str.casefold()
    first = text.groupby(key).first()
    counts = key.value_counts()
    digest = pd.DataFrame(
        {"answer": first.reindex(counts.index).to_numpy(), "people": counts.to_numpy()}
    )
    return digest.sort_values(["people", "answer"], ascending=[False, True], ignore_index=True)


def summarise_for_funder(tables: CohortTables) -> FunderTables:
    """The cohort's totals for a funder: counts, means and gains, with no participant's row and
    no answer text. A mean over fewer than three people would be their own result, so it is
    left blank.

    >>> t = CohortTables(
    ...     scores=pd.DataFrame({"participant": ["P1", "P2"], "skill": ["Lobbying"] * 2,
    ...                          "percent": [40.0, 90.0], "status": ["graded"] * 2}),
    ...     learning_gains=pd.DataFrame(columns=["participant", "pre", "post", "gain"]),
    ...     ratings=pd.DataFrame(columns=["participant", "lesson", "rating"]),
    ...     open_answers=pd.DataFrame(columns=["participant", "question", "answer"]),
    ...     follow_up=pd.DataFrame({"participant": ["P1"], "level": ["UN"], "plan": ["Lobby"]}),
    ...     participation=pd.DataFrame(columns=["breakdown", "group", "participants"]),
    ...     not_graded=pd.DataFrame(columns=["participant", "assignment", "status", "reason"]))
    >>> funder = summarise_for_funder(t)
    >>> funder.scores_by_skill.to_dict("records")
    [{'skill': 'Lobbying', 'graded': 2, 'mean %': nan, 'not graded': 0}]
    >>> funder.follow_up.set_index("level")["plans"].to_dict()
    {'national': 0, 'regional': 0, 'UN': 1}
    """
    by_skill = summarise_scores(tables.scores, by="skill")
    by_skill = by_skill[["skill", "graded", "mean %", "not graded"]]
    # a mean over fewer than SMALLEST_GROUP people is one or two people's own result: blank
    by_skill["mean %"] = by_skill["mean %"].where(by_skill["graded"] >= SMALLEST_GROUP)
    gains = summarise_gains(tables.learning_gains)
    if gains["paired"] < SMALLEST_GROUP:
        gains.update({"mean pre %": None, "mean post %": None, "mean gain": None})
    ratings = (
        summarise_ratings(tables.ratings)
        if len(tables.ratings)
        else pd.DataFrame(columns=["lesson", "label", "count", "mean", *range(1, 6)])
    )
    # a lesson rated by one or two people: their mean and score counts are their own ratings
    few = ratings["count"] < SMALLEST_GROUP
    ratings[["mean", *range(1, 6)]] = ratings[["mean", *range(1, 6)]].astype("Float64")
    ratings.loc[few, ["mean", *range(1, 6)]] = pd.NA
    plans = tables.follow_up.groupby("level")["plan"].count()
    follow_up = plans.reindex(list(FOLLOW_UP_LEVELS.values()), fill_value=0)
    return FunderTables(
        participation=tables.participation,
        scores_by_skill=by_skill.reset_index(drop=True),
        learning_gains=pd.DataFrame([gains]),
        ratings=ratings,
        follow_up=pd.DataFrame({"level": follow_up.index, "plans": follow_up.to_numpy()}),
    )
