"""Cohort reports: the report tables, read from the real gradebook and submissions.

A report is built in two steps (:mod:`uprkit.reports.build`). First the parent process reads the
workshop (gradebook scores, roster, knowledge checks, evaluation answers), pseudonymises it and
writes the tables as CSV and one XLSX workbook into ``<workshop>/reports/<kind>/``
(:mod:`uprkit.reports.exports`). Then papermill runs a thin template from ``grading/templates/``
that reads those same tables and draws the plots, and nbconvert turns the result into HTML
without the code (:mod:`uprkit.reports.rendering`). The HTML therefore shows exactly what the
exports hold.

Submissions that could not be graded are listed with their reason and never counted as zero.

What each kind exports is limited to what it is for: the cohort summary holds the whole cohort's
tables; the funder report holds totals only (counts, means, gains, from
:mod:`uprkit.reports.statistics`), never a participant's row or words; a transcript
(:mod:`uprkit.reports.transcripts`) holds one person's own rows, in a file of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from uprkit.reports.answers import evaluation_tables
from uprkit.workshop.privacy import ensure_pseudonyms, merge_small_groups, pseudonymise
from uprkit.workshop.roster import load_roster
from uprkit.workshop.status import gradebook_scores

__all__ = [
    "ASSIGNMENT_SKILLS",
    "LESSON_LABELS",
    "GRADED",
    "CohortTables",
    "FunderTables",
    "collect_cohort_tables",
]

# What each assignment trains; the knowledge checks and the evaluation are not skills.
ASSIGNMENT_SKILLS = {
    "recommendations": "Drafting SMART recommendations",
    "submission_plan": "Planning a stakeholder submission",
    "lobbying_plan": "Lobbying with data",
    "treaty_plan": "Treaty-body reporting",
    "country_report": "Country analysis and writing",
    "followup_matrix": "Follow-up and implementation",
    "knowledge_check_post": "UPR and treaty-body knowledge",
}
LESSON_LABELS = {  # the lessons in course/, as rated in the programme evaluation
    "un_human_rights_system": "01 The UN human rights system",
    "upr_cycle": "02 The UPR cycle",
    "reading_upr_data": "03 Reading UPR data",
    "drafting_recommendations": "04 Drafting SMART recommendations",
    "stakeholder_submission": "05 The stakeholder submission",
    "lobbying_and_advocacy": "06 Lobbying and advocacy",
    "working_group_dialogue": "07 Working Group dialogue",
    "treaty_bodies": "08 Treaty bodies",
    "follow_up": "09 Follow-up and implementation",
    "safety_of_defenders": "10 Safety of defenders",
    "training_of_trainers": "11 Training of trainers",
    "daily_briefing": "12 The daily briefing",
    "regional_systems": "13 The regional human rights systems",
    "local_to_international": "14 From local to international advocacy",
    "documentation": "15 Documentation and data collection",
    "shadow_reports": "16 Shadow reports to the treaty bodies",
}
GRADED = "graded"
_SCORE_COLUMNS = [
    "participant_id",
    "name",
    "gender",
    "region",
    "assignment",
    "skill",
    "score",
    "max_score",
    "percent",
    "status",
    "reason",
]


@dataclass(frozen=True)
class CohortTables:
    """Every table a report shows, already pseudonymised (``participant`` column)."""

    scores: (
        pd.DataFrame
    )  # participant, gender, region, assignment, skill, score, max_score, percent, status, reason
    learning_gains: pd.DataFrame  # participant, pre, post, gain (percent points; paired only)
    ratings: pd.DataFrame  # participant, lesson, rating
    open_answers: pd.DataFrame  # participant, question, answer
    follow_up: pd.DataFrame  # participant, level, plan
    participation: pd.DataFrame  # breakdown, group, participants (groups under 3 merged)
    not_graded: pd.DataFrame  # participant, assignment, status, reason

    def items(self):
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


@dataclass(frozen=True)
class FunderTables:
    """What the funder report shows and exports: totals only, nobody's own row or words."""

    participation: pd.DataFrame  # breakdown, group, participants (groups under 3 merged)
    scores_by_skill: pd.DataFrame  # skill, graded, mean %, not graded (mean blank under 3)
    learning_gains: pd.DataFrame  # one row: paired, mean pre %, mean post %, mean gain, improved
    ratings: pd.DataFrame  # lesson, label, count, mean, and how many gave each score 1–5
    follow_up: pd.DataFrame  # level, plans (how many were written; never their text)

    items = CohortTables.items


def _status_of(row) -> tuple[str, str]:
    status = str(row.get("status") or "")
    flags = row.get("flags")
    reason = "; ".join(flags) if isinstance(flags, list | tuple) else str(flags or "")
    if status == GRADED and bool(row.get("needs_manual_grade")):
        return "awaiting manual grade", reason or "a trainer still has to grade the written answers"
    return status, reason


def _score_table(ws, people: pd.DataFrame) -> pd.DataFrame:
    """Every gradebook score of the people on the roster, with its status and skill."""
    scores = gradebook_scores(ws).merge(people, on="participant_id", how="inner")
    status_reason = scores.apply(_status_of, axis=1, result_type="expand")
    scores["status"], scores["reason"] = status_reason[0], status_reason[1]
    scores["skill"] = scores["assignment"].map(ASSIGNMENT_SKILLS).fillna("")
    graded = scores["status"] == GRADED
    scores["percent"] = (100 * scores["score"] / scores["max_score"]).where(graded).round(1)
    scores["score"] = scores["score"].where(graded)
    return scores[_SCORE_COLUMNS].sort_values(["assignment", "participant_id"], kind="stable")


def _learning_gains(scores: pd.DataFrame) -> pd.DataFrame:
    """Knowledge check before and after, for the people graded in both (paired)."""
    paired = scores[scores["assignment"].isin(["knowledge_check_pre", "knowledge_check_post"])]
    paired = paired[paired["status"] == GRADED].pivot_table(
        index=["participant_id", "name"], columns="assignment", values="percent"
    )
    gains = pd.DataFrame(columns=["participant_id", "name", "pre", "post", "gain"])
    if {"knowledge_check_pre", "knowledge_check_post"} <= set(paired.columns):
        gains = (
            paired.dropna()
            .reset_index()
            .rename(columns={"knowledge_check_pre": "pre", "knowledge_check_post": "post"})
        )
        gains["gain"] = (gains["post"] - gains["pre"]).round(1)
        gains = gains[["participant_id", "name", "pre", "post", "gain"]]
    return gains


def _participation(people: pd.DataFrame) -> pd.DataFrame:
    """Participants by gender and by region, groups under three merged."""
    participation = []
    for breakdown in ("gender", "region"):
        merged = merge_small_groups(people[breakdown])
        for group, count in merged.value_counts().sort_index().items():
            participation.append({"breakdown": breakdown, "group": group, "participants": count})
    return pd.DataFrame(participation, columns=["breakdown", "group", "participants"])


def collect_cohort_tables(ws, *, with_names: bool = False) -> CohortTables:
    """Read a workshop into report tables (pseudonymised unless ``with_names``)."""
    roster = load_roster(ws.roster_path)
    pseudonyms = ensure_pseudonyms(ws.root, roster["participant_id"])
    people = roster[["participant_id", "name", "gender", "region"]].astype(
        {"gender": "object", "region": "object"}
    )
    scores = _score_table(ws, people)
    gains = _learning_gains(scores)
    ratings, open_answers, follow_up = evaluation_tables(ws, roster, pseudonyms, with_names)
    problems = ~scores["status"].isin([GRADED, "not submitted"])
    not_graded = scores.loc[problems, ["participant_id", "name", "assignment", "status", "reason"]]
    if not with_names:
        # Gender and region beside a pseudonym can single a person out (one non-binary
        # participant from one region): breakdowns are only shown merged, in `participation`.
        scores = scores.drop(columns=["gender", "region"])
    return CohortTables(
        scores=pseudonymise(scores, pseudonyms, with_names=with_names),
        learning_gains=pseudonymise(gains, pseudonyms, with_names=with_names),
        ratings=ratings,
        open_answers=open_answers,
        follow_up=follow_up,
        participation=_participation(people),
        not_graded=pseudonymise(not_graded, pseudonyms, with_names=with_names),
    )
