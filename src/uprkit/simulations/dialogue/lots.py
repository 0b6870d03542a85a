"""The lots of a review: the speakers list and the troika, each drawn with a ``seed``.

Speakers are listed in English alphabetical order from a State drawn by lot; three HRC members
from different regional groups, also drawn by lot, form the troika (Source: [UNGVA-2008],
[SVN-WG]). A trainer replays a round by giving the same seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from uprkit.errors import SimulationError
from uprkit.i18n import _
from uprkit.simulations.dialogue.rules import STATE_UNDER_REVIEW_MINUTES, allocate_speaking_time
from uprkit.simulations.dialogue.states import (
    alphabetical_key,
    load_default_states,
    name_of,
    resolve_state,
    state_names,
)

__all__ = ["SpeakersList", "Troika", "draw_speakers_list", "draw_troika", "pick_inscribed_states"]


@dataclass(frozen=True)
class SpeakersList:
    """Inscribed delegations in speaking order: English alphabetical, from a State drawn by lot."""

    state_under_review: str
    order: tuple[str, ...]
    starting_state: str
    seed: int


def draw_speakers_list(
    inscribed: Iterable[str],
    *,
    state_under_review: str,
    seed: int,
    states: pd.DataFrame | None = None,
) -> SpeakersList:
    """Order the inscribed States alphabetically (English names) and start at one drawn by lot.

    The list wraps around: after Zimbabwe comes Afghanistan (Source: [UPRI-TRAX21], [SVN-WG]).
    """
    states = load_default_states() if states is None else states
    sur = resolve_state(state_under_review, states)
    all_names = state_names(states)
    codes = [resolve_state(v, states, names=all_names) for v in inscribed]
    if not codes:
        raise SimulationError(
            "the list of speakers is empty: inscribe at least one State other than "
            f"{name_of(sur, states)}"
        )
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise SimulationError(
            f"States inscribed twice: {', '.join(duplicates)}; each delegation speaks once"
        )
    if sur in codes:
        raise SimulationError(
            f"{name_of(sur, states)} is the State under review: it speaks in its own "
            f"{STATE_UNDER_REVIEW_MINUTES} minutes, "
            "not from the list of speakers"
        )
    allocate_speaking_time(len(codes))  # raises if the list is longer than the rules allow
    names = {c: all_names[c] for c in codes}
    alphabetical = sorted(codes, key=lambda c: alphabetical_key(names[c]))
    start = random.Random(seed).randrange(len(alphabetical))
    order = tuple(alphabetical[start:] + alphabetical[:start])
    return SpeakersList(sur, order, order[0], seed)


def pick_inscribed_states(
    state_under_review: str,
    registered: int,
    *,
    seed: int,
    states: pd.DataFrame | None = None,
    recommendations: pd.DataFrame | None = None,
) -> tuple[str, ...]:
    """Choose ``registered`` States to inscribe; earlier recommenders to the SuR come first."""
    states = load_default_states() if states is None else states
    sur = resolve_state(state_under_review, states)
    allocate_speaking_time(registered)
    others = sorted(c for c in states["iso3"].tolist() if c != sur)
    if registered > len(others):
        raise SimulationError(
            f"{registered} delegations registered, but the list of States has only {len(others)} "
            f"States other than {name_of(sur, states)}"
        )
    rng = random.Random(seed)
    earlier: list[str] = []
    if recommendations is not None and len(recommendations):
        mask = recommendations["state_under_review"] == sur
        earlier = sorted(
            set(recommendations.loc[mask, "recommending_state"].tolist()) & set(others)
        )
        rng.shuffle(earlier)
    rest = [c for c in others if c not in set(earlier)]
    rng.shuffle(rest)
    return tuple((earlier + rest)[:registered])


@dataclass(frozen=True)
class Troika:
    """Three HRC members from different regional groups, drawn by lot, who act as rapporteurs."""

    members: tuple[str, str, str]
    regional_groups: tuple[str, str, str]
    note: str


def draw_troika(
    state_under_review: str,
    *,
    seed: int,
    hrc_members: Iterable[str] | None = None,
    states: pd.DataFrame | None = None,
) -> Troika:
    """Draw three HRC members by lot, each from a different regional group (Source: [UNGVA-2008]).

    ``hrc_members`` is the Council's membership for the year you simulate; without it every UN
    member State is a candidate (the kit ships no membership list), and the troika says so.
    """
    states = load_default_states() if states is None else states
    sur = resolve_state(state_under_review, states)
    # only States with a regional group sit on the Council (observers have none)
    grouped = states[states["regional_group"].notna()]
    group_of = dict(
        zip(grouped["iso3"].tolist(), grouped["regional_group"].astype(str).tolist(), strict=True)
    )
    if hrc_members is None:
        candidates = sorted(c for c in group_of if c != sur)
        note = _("drawn from all UN member States: pass hrc_members for a given year's HRC.")
    else:
        candidates = sorted({resolve_state(c, states) for c in hrc_members} - {sur})
        outside = [c for c in candidates if c not in group_of]
        if outside:
            raise SimulationError(
                f"{', '.join(outside)}: observer State(s), not members of the Human Rights "
                "Council; only Council members can be drawn for the troika"
            )
        note = _("drawn from the HRC members given.")
    rng = random.Random(seed)
    rng.shuffle(candidates)
    chosen: list[str] = []
    for code in candidates:
        if group_of[code] not in {group_of[c] for c in chosen}:
            chosen.append(code)
        if len(chosen) == 3:
            break
    if len(chosen) < 3:
        groups = sorted({group_of[c] for c in candidates})
        raise SimulationError(
            f"cannot draw a troika: the candidates come from {len(groups)} regional group(s) "
            f"({', '.join(groups) or 'none'}), three different groups are needed"
        )
    note += " " + _(
        "The SuR's options (one member from its own group, one substitution) are "
        "UNCONFIRMED (fact sheet §3) and not simulated."
    )
    return Troika(tuple(chosen), tuple(group_of[c] for c in chosen), note)  # type: ignore[arg-type]
