"""The cohort's balance rules as counts: women, places per region, and what can still be met.

:func:`plan_balance` turns the selection rubric's shares into numbers for one pool of applicants
(loosening what cannot be met, and saying so); :class:`Balance` is what the greedy fill in
:mod:`uprkit.workshop.selection.cohort` keeps while it walks down the ranking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from uprkit.errors import WorkshopError
from uprkit.workshop.selection.applications import PARTICIPANT_REGIONS

__all__ = ["Balance", "bend_rule", "loosen", "plan_balance"]


@dataclass
class Balance:
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


def plan_balance(pool, rubric, size, lock_in, relax, relaxations) -> Balance:
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
        bend_rule(
            f"only {women_available} women applied (after lock-outs) but a cohort of {size} "
            f"needs at least {women_needed} (min_women_share {rubric.min_women_share:g} in "
            f"{rubric.source})",
            relax,
            relaxations,
            fixes=f"--size {fitting}, find more applications, or --relax to accept fewer women",
        )
        women_needed = women_available
    return Balance(size, women_needed, floors, caps, {r: 0 for r in PARTICIPANT_REGIONS})


def bend_rule(problem: str, relax: bool, relaxations: list[str], fixes: str = "") -> None:
    if not relax:
        fixes = fixes or "unlock someone, or pass --relax to loosen the balance rules"
        raise WorkshopError(f"The cohort rules cannot all be met: {problem}. Options: {fixes}.")
    relaxations.append(f"Rule loosened because {problem}: the cohort gets as close as it can.")


def loosen(state: Balance, remaining: pd.DataFrame) -> Balance:
    """Lower the region floors, then the women target, until the cohort can be completed."""
    loose = Balance(**{**state.__dict__, "floors": dict(state.floors), "caps": dict(state.caps)})
    # The regional spread bends before the share of women does.
    for region in PARTICIPANT_REGIONS:
        while loose.problem(remaining) and loose.floors[region] > loose.taken[region]:
            loose.floors[region] -= 1
    while loose.problem(remaining) and loose.women_needed > loose.women_taken:
        loose.women_needed -= 1
    return loose
