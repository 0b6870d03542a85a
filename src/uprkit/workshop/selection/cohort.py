"""Choose a workshop cohort from applications, and say why each person was (or was not) chosen.

A trainer of trainers receives more applications than places. The kit scores each application
with a rubric the trainer can edit (a TOML file read into :class:`SelectionRubric`), then fills
the places in score order while keeping the cohort balanced: at least half women and every
participant region represented (the counting is in :mod:`uprkit.workshop.selection.balance`).
Each decision comes with a sentence a trainer can read out to a funder or to an applicant.
Nothing is random: the same applications and rubric give the same cohort.

Applications CSV (UTF-8), one row per applicant:
``application_id,name,gender,region,country,years_experience,follow_up,organisation_reach``
plus optional ``organisation,email,language``. ``gender`` is one of woman, man, non-binary,
undisclosed; ``region`` one of the five participant regions; ``follow_up`` and
``organisation_reach`` take the answers listed in the rubric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from uprkit.data import to_iso3
from uprkit.errors import DataError, WorkshopError
from uprkit.workshop import roster as roster_format
from uprkit.workshop.selection.applications import (
    CRITERIA,
    GENDERS,
    OPTIONAL_COLUMNS,
    PARTICIPANT_REGIONS,
    REQUIRED_COLUMNS,
    NextReview,
    Score,
    SelectionRubric,
    find_next_reviews,
    load_applications,
    load_selection_rubric,
    score_application,
)
from uprkit.workshop.selection.balance import Balance, bend_rule, loosen, plan_balance

__all__ = [
    "CRITERIA", "GENDERS", "OPTIONAL_COLUMNS", "PARTICIPANT_REGIONS", "REQUIRED_COLUMNS",
    "Decision", "NextReview", "SelectionRubric", "Score", "Selection", "build_cohort_roster",
    "describe_selection", "find_next_reviews", "load_applications", "load_selection_rubric",
    "run_selection", "score_application", "select_cohort",
]  # fmt: skip


# ---------------------------------------------------------------- choosing the cohort


@dataclass(frozen=True)
class Decision:
    """Why one applicant is in, or not in, the cohort."""

    application_id: str
    picked: bool
    rank: int
    score: float
    reason: str


@dataclass(frozen=True)
class Selection:
    """A proposed cohort: who is in, who was near the line, and every rule that had to bend."""

    picks: tuple[Decision, ...]
    non_picks: tuple[Decision, ...]
    relaxations: tuple[str, ...]
    size: int
    women: int
    by_region: dict[str, int] = field(default_factory=dict)

    @property
    def cohort_ids(self) -> tuple[str, ...]:
        return tuple(d.application_id for d in self.picks)


def select_cohort(
    applications: pd.DataFrame,
    rubric: SelectionRubric,
    *,
    size: int,
    next_reviews: dict[str, date | NextReview] | None = None,
    as_of: date | None = None,
    lock_in: tuple[str, ...] = (),
    lock_out: tuple[str, ...] = (),
    relax: bool = False,
) -> Selection:
    """Pick ``size`` applicants by score while keeping the rubric's balance; explain each choice.

    ``lock_in`` ids are always picked and ``lock_out`` ids never. When the balance cannot be met
    (say, too few women applied) this raises :class:`WorkshopError` unless ``relax`` is true;
    then the rule is loosened as little as possible and the loosening is stated in
    ``relaxations``.
    """
    as_of = as_of or date.today()
    _check_locks(applications, size, lock_in, lock_out)
    ranked, scores = _rank(applications, rubric, next_reviews or {}, as_of)
    rank_of = dict(zip(ranked["application_id"], ranked["rank"], strict=True))
    pool = ranked[~ranked["application_id"].isin(lock_out)]
    relaxations: list[str] = []

    effective = size
    if len(pool) < size:
        effective = len(pool)
        relaxations.append(
            f"Only {len(pool)} applicants can be chosen (after lock-outs), so the cohort has "
            f"{effective} people instead of {size}."
        )
    state = plan_balance(pool, rubric, effective, set(lock_in), relax, relaxations)

    picked: dict[str, str] = {}
    for app_id in sorted(set(lock_in), key=rank_of.get):
        row = pool[pool["application_id"] == app_id].iloc[0]
        state.add(row["region"], row["gender"] == "woman")
        picked[app_id] = "Locked in by the trainer"
    remaining = pool[~pool["application_id"].isin(picked)]
    problem = state.problem(remaining)
    if problem:
        who = "with the locked-in people" if lock_in else "with these applicants"
        bend_rule(f"{who}, {problem}", relax, relaxations)
        state = loosen(state, remaining)

    passed_over = _fill(state, remaining, picked)
    return _explain(ranked, scores, picked, passed_over, lock_out, relaxations, rubric)


def _check_locks(applications, size: int, lock_in, lock_out) -> None:
    """Refuse a size below 1, unknown locked ids, an id locked both ways, too many lock-ins."""
    if size < 1:
        raise WorkshopError(f"cohort size {size} must be at least 1")
    ids = list(applications["application_id"])
    for label, chosen in (("--lock-in", lock_in), ("--lock-out", lock_out)):
        unknown = [i for i in chosen if i not in ids]
        if unknown:
            raise DataError(
                f"{label} {', '.join(unknown)}: no such application_id; "
                f"ids in the file: {', '.join(ids[:12])}{' ...' if len(ids) > 12 else ''}"
            )
    both = sorted(set(lock_in) & set(lock_out))
    if both:
        raise DataError(f"{', '.join(both)} cannot be both locked in and locked out")
    if len(set(lock_in)) > size:
        raise WorkshopError(
            f"{len(set(lock_in))} people are locked in but the cohort has {size} places"
        )


def _rank(applications, rubric, next_reviews, as_of) -> tuple[pd.DataFrame, dict[str, Score]]:
    """The applications by score (ties by id), with ``score`` and ``rank`` columns; the scores."""
    scores = {
        row["application_id"]: score_application(
            row, rubric, next_review=next_reviews.get(row["country"]), as_of=as_of
        )
        for row in applications.to_dict("records")
    }
    ranked = applications.assign(score=[scores[i].total for i in applications["application_id"]])
    ranked = ranked.sort_values(["score", "application_id"], ascending=[False, True])
    ranked = ranked.assign(rank=range(1, len(ranked) + 1)).reset_index(drop=True)
    return ranked, scores


def _fill(state: Balance, remaining: pd.DataFrame, picked: dict[str, str]) -> dict[str, str]:
    """Walk down the ranking, picking whoever keeps the balance reachable (into ``picked``).

    Returns the applicants passed over, each with the rule that picking them would have broken.
    """
    passed_over: dict[str, str] = {}
    for position, row in enumerate(remaining.to_dict("records")):
        if state.slots == 0:
            break
        later = remaining.iloc[position + 1 :]
        trial = Balance(
            state.slots, state.women_needed, state.floors, state.caps, dict(state.taken),
            state.women_taken,
        )  # fmt: skip
        trial.add(row["region"], row["gender"] == "woman")
        problem = trial.problem(later)
        if problem is None:
            state = trial
            picked[row["application_id"]] = _why_ahead(row, passed_over, state)
        else:
            passed_over[row["application_id"]] = problem
    return passed_over


def _why_ahead(row, passed_over, state: Balance) -> str:
    if not passed_over:
        return "Picked on score"
    helps = []
    if row["gender"] == "woman" and state.women_taken <= state.women_needed:
        helps.append(f"to reach at least {state.women_needed} women")
    if state.taken[row["region"]] <= state.floors[row["region"]]:
        helps.append(f"to give {row['region']} at least {state.floors[row['region']]} places")
    if not helps:
        return "Picked on score (the next best who fits the balance)"
    return f"Picked ahead of {len(passed_over)} higher-scored applicant(s) " + " and ".join(helps)


def _explain(ranked, scores, picked, passed_over, lock_out, relaxations, rubric) -> Selection:
    total = len(ranked)

    def detail(app_id: str, rank: int) -> str:
        s = scores[app_id]
        return f"rank {rank} of {total}, score {s.total:g}/100: " + "; ".join(
            s.reasons[c] for c in CRITERIA
        )

    merit = [scores[i].total for i in picked if picked[i] != "Locked in by the trainer"]
    line_score = min(merit) if merit else None
    picks, non_picks = [], []
    near_left = rubric.explain_near_misses
    for row in ranked.to_dict("records"):
        app_id, rank, score = row["application_id"], int(row["rank"]), float(row["score"])
        if app_id in picked:
            reason = f"{picked[app_id]} ({detail(app_id, rank)})."
            picks.append(Decision(app_id, True, rank, score, reason))
        elif app_id in lock_out:
            reason = f"Locked out by the trainer ({detail(app_id, rank)})."
            non_picks.append(Decision(app_id, False, rank, score, reason))
        elif app_id in passed_over:
            reason = (
                f"Not picked although ranked above people who were: {passed_over[app_id]} "
                f"({detail(app_id, rank)})."
            )
            non_picks.append(Decision(app_id, False, rank, score, reason))
        elif near_left > 0:
            near_left -= 1
            gap = (
                f"{line_score - score:.1f} points below the lowest score picked ({line_score:g})"
                if line_score is not None
                else "below everyone picked"
            )
            reason = f"Not picked: every place was filled; {gap} ({detail(app_id, rank)})."
            non_picks.append(Decision(app_id, False, rank, score, reason))
    cohort = ranked[ranked["application_id"].isin(picked)]
    return Selection(
        picks=tuple(picks),
        non_picks=tuple(non_picks),
        relaxations=tuple(relaxations),
        size=len(picks),
        women=int((cohort["gender"] == "woman").sum()),
        by_region={r: int((cohort["region"] == r).sum()) for r in PARTICIPANT_REGIONS},
    )


def describe_selection(selection: Selection) -> str:
    """The selection as plain text a trainer can read or send (ids only: no names)."""
    lines = [
        f"Proposed cohort: {selection.size} people, {selection.women} women.",
        "Places per region: " + ", ".join(f"{r} {n}" for r, n in selection.by_region.items()) + ".",
    ]
    if selection.relaxations:
        lines += ["", "Rules that had to bend:"] + [f"- {r}" for r in selection.relaxations]
    lines += ["", "Picked:"] + [f"- {d.application_id}: {d.reason}" for d in selection.picks]
    if selection.non_picks:
        lines += ["", "Not picked, near the line:"]
        lines += [f"- {d.application_id}: {d.reason}" for d in selection.non_picks]
    return "\n".join(lines) + "\n"


def build_cohort_roster(selection: Selection, applications: pd.DataFrame) -> pd.DataFrame:
    """The picked applicants as a roster CSV table for ``uprkit workshop init --roster``."""
    chosen = applications.set_index("application_id").loc[list(selection.cohort_ids)]
    roster = chosen.reset_index().rename(columns={"application_id": "participant_id"})
    return roster[[*roster_format.REQUIRED_COLUMNS, *roster_format.OPTIONAL_COLUMNS]]


def run_selection(
    applications_csv: str | Path,
    *,
    size: int,
    rubric_path: str | Path | None = None,
    lock_in: tuple[str, ...] = (),
    lock_out: tuple[str, ...] = (),
    relax: bool = False,
    as_of: date | None = None,
) -> tuple[Selection, pd.DataFrame]:
    """Read the rubric and applications, use the kit's UPR calendar, and select (the CLI's call)."""
    rubric = load_selection_rubric(rubric_path)
    applications = load_applications(applications_csv, rubric, to_iso3=to_iso3)
    as_of = as_of or date.today()
    selection = select_cohort(
        applications, rubric, size=size, next_reviews=find_next_reviews(as_of), as_of=as_of,
        lock_in=tuple(lock_in), lock_out=tuple(lock_out), relax=relax,
    )  # fmt: skip
    return selection, build_cohort_roster(selection, applications)
