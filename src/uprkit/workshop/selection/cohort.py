"""Choose a workshop cohort from applications, and say why each person was (or was not) chosen.

A trainer of trainers receives more applications than places. The kit scores each application
with a rubric the trainer can edit (a TOML file read into :class:`Rubric`), then fills the places
in score order while keeping the cohort balanced: at least half women and every participant
region represented. Each decision comes with a sentence a trainer can read out to a funder or to
an applicant. Nothing is random: the same applications and rubric give the same cohort.

Applications CSV (UTF-8), one row per applicant:
``application_id,name,gender,region,country,years_experience,follow_up,organisation_reach``
plus optional ``organisation,email,language``. ``gender`` is one of woman, man, non-binary,
undisclosed; ``region`` one of the five participant regions; ``follow_up`` and
``organisation_reach`` take the answers listed in the rubric.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from uprkit.workshop import roster as roster_format
from uprkit.errors import DataError, WorkshopError
from uprkit.workshop.selection.applications import (
    CRITERIA,
    GENDERS,
    OPTIONAL_COLUMNS,
    PARTICIPANT_REGIONS,
    REQUIRED_COLUMNS,
    NextReview,
    Rubric,
    Score,
    find_next_reviews,
    load_applications,
    load_rubric,
    score_application,
)

__all__ = [
    "CRITERIA", "GENDERS", "OPTIONAL_COLUMNS", "PARTICIPANT_REGIONS", "REQUIRED_COLUMNS",
    "Decision", "NextReview", "Rubric", "Score", "Selection", "build_cohort_roster",
    "describe_selection", "find_next_reviews", "load_applications", "load_rubric",
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


@dataclass
class _State:
    """Counts the greedy fill keeps while it walks down the ranking."""

    slots: int
    women_needed: int
    floors: dict[str, int]
    caps: dict[str, int]
    taken: dict[str, int]
    women_taken: int = 0

    def add(self, region: str, is_woman: bool) -> None:
        self.slots -= 1
        self.taken[region] += 1
        self.women_taken += is_woman

    def problem(self, remaining: pd.DataFrame) -> str | None:
        """What cannot be met any more with ``remaining`` candidates, or None when all can.

        Exact for these rules: the fewest places that still meet every region's floor and the
        women's share are the floors plus the women the floors cannot cover.
        """
        if self.slots < 0:
            return "no places left"
        women_short = max(0, self.women_needed - self.women_taken)
        deficit_total, free_women, max_women, fill = 0, 0, 0, 0
        for region in PARTICIPANT_REGIONS:
            here = remaining[remaining["region"] == region]
            room = self.caps[region] - self.taken[region]
            if room < 0:
                return f"{region} already had its maximum of {self.caps[region]} places"
            women_here = int((here["gender"] == "woman").sum())
            deficit = max(0, self.floors[region] - self.taken[region])
            if deficit > min(room, len(here)):
                return f"picking them would leave {region} without its {self.floors[region]} places"
            deficit_total += deficit
            free_women += min(deficit, women_here)
            max_women += min(women_here, room)
            fill += min(room, len(here))
        if women_short > max_women:
            return f"picking them would leave no way to reach {self.women_needed} women"
        needed = deficit_total + max(0, women_short - free_women)
        if needed > self.slots:
            if women_short > free_women and deficit_total < self.slots:
                return f"the remaining places were needed to reach {self.women_needed} women"
            short = [r for r in PARTICIPANT_REGIONS if self.taken[r] < self.floors[r]]
            return (
                f"the remaining places were kept for {', '.join(short)} "
                f"(at least {max(self.floors.values())} places per region)"
            )
        if fill < self.slots:
            return "picking them would leave too few applicants to fill every place"
        return None


def select_cohort(
    applications: pd.DataFrame,
    rubric: Rubric,
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
    next_reviews = next_reviews or {}
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

    scores = {
        row["application_id"]: score_application(
            row, rubric, next_review=next_reviews.get(row["country"]), as_of=as_of
        )
        for row in applications.to_dict("records")
    }
    ranked = applications.assign(score=[scores[i].total for i in ids])
    ranked = ranked.sort_values(["score", "application_id"], ascending=[False, True])
    ranked = ranked.assign(rank=range(1, len(ranked) + 1)).reset_index(drop=True)
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
    state = _plan_balance(pool, rubric, effective, set(lock_in), relax, relaxations)

    picked: dict[str, str] = {}
    for app_id in sorted(set(lock_in), key=rank_of.get):
        row = pool[pool["application_id"] == app_id].iloc[0]
        state.add(row["region"], row["gender"] == "woman")
        picked[app_id] = "Locked in by the trainer"
    remaining = pool[~pool["application_id"].isin(picked)]
    problem = state.problem(remaining)
    if problem:
        who = "with the locked-in people" if lock_in else "with these applicants"
        _bend(f"{who}, {problem}", relax, relaxations)
        state = _loosen(state, remaining)

    passed_over: dict[str, str] = {}
    for position, row in enumerate(remaining.to_dict("records")):
        if state.slots == 0:
            break
        later = remaining.iloc[position + 1 :]
        trial = _State(
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

    return _explain(ranked, scores, picked, passed_over, lock_out, relaxations, rubric)


def _plan_balance(pool, rubric, size, lock_in, relax, relaxations) -> _State:
    """Turn the rubric's balance rules into counts for this pool, loosening what cannot be met."""
    available = {r: int((pool["region"] == r).sum()) for r in PARTICIPANT_REGIONS}
    planned_cap = max(1, math.floor(size * rubric.max_region_share), rubric.min_per_region)
    cap = planned_cap
    while sum(min(cap, n) for n in available.values()) < size:
        cap += 1
    if cap > planned_cap:
        relaxations.append(
            f"Too few applicants outside the largest regions: a region may take up to {cap} "
            f"places instead of {planned_cap}."
        )
    caps = {r: cap for r in PARTICIPANT_REGIONS}
    for region in PARTICIPANT_REGIONS:
        locked_here = int(pool[pool["application_id"].isin(lock_in)]["region"].eq(region).sum())
        caps[region] = max(cap, locked_here)
    floors = {r: min(rubric.min_per_region, available[r]) for r in PARTICIPANT_REGIONS}
    thin = [
        f"{r} ({available[r]})" for r in PARTICIPANT_REGIONS if available[r] < rubric.min_per_region
    ]
    if thin:
        relaxations.append(
            f"Fewer than {rubric.min_per_region} applicants from {', '.join(thin)}: "
            "everyone who applied from there can be picked, and the other regions fill the places."
        )
    while sum(floors.values()) > size:
        biggest = max(PARTICIPANT_REGIONS, key=lambda r: (floors[r], r))
        floors[biggest] -= 1
    if sum(min(rubric.min_per_region, available[r]) for r in PARTICIPANT_REGIONS) > size:
        relaxations.append(
            f"A cohort of {size} cannot give {rubric.min_per_region} places to every region; "
            f"places per region at least: {', '.join(f'{r} {n}' for r, n in floors.items())}."
        )
    women_needed = math.ceil(size * rubric.min_women_share - 1e-9)
    women_available = int((pool["gender"] == "woman").sum())
    if women_available < women_needed:
        fitting = (
            math.floor(women_available / rubric.min_women_share) if rubric.min_women_share else size
        )
        _bend(
            f"only {women_available} women applied (after lock-outs) but a cohort of {size} "
            f"needs at least {women_needed} (min_women_share {rubric.min_women_share:g} in "
            f"{rubric.source})",
            relax,
            relaxations,
            fixes=f"--size {fitting}, find more applications, or --relax to accept fewer women",
        )
        women_needed = women_available
    return _State(size, women_needed, floors, caps, {r: 0 for r in PARTICIPANT_REGIONS})


def _bend(problem: str, relax: bool, relaxations: list[str], fixes: str = "") -> None:
    if not relax:
        fixes = fixes or "unlock someone, or pass --relax to loosen the balance rules"
        raise WorkshopError(f"The cohort rules cannot all be met: {problem}. Options: {fixes}.")
    relaxations.append(f"Rule loosened because {problem}: the cohort gets as close as it can.")


def _loosen(state: _State, remaining: pd.DataFrame) -> _State:
    """Lower the region floors, then the women target, until the cohort can be completed."""
    loose = _State(**{**state.__dict__, "floors": dict(state.floors), "caps": dict(state.caps)})
    # The regional spread bends before the share of women does.
    for region in PARTICIPANT_REGIONS:
        while loose.problem(remaining) and loose.floors[region] > loose.taken[region]:
            loose.floors[region] -= 1
    while loose.problem(remaining) and loose.women_needed > loose.women_taken:
        loose.women_needed -= 1
    return loose


def _why_ahead(row, passed_over, state: _State) -> str:
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
    from uprkit.data import to_iso3

    rubric = load_rubric(rubric_path)
    applications = load_applications(applications_csv, rubric, to_iso3=to_iso3)
    as_of = as_of or date.today()
    selection = select_cohort(
        applications, rubric, size=size, next_reviews=find_next_reviews(as_of), as_of=as_of,
        lock_in=tuple(lock_in), lock_out=tuple(lock_out), relax=relax,
    )  # fmt: skip
    return selection, build_cohort_roster(selection, applications)
