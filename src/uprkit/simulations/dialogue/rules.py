"""The Working Group's meeting rules (since the 2nd cycle): the length of a review, speaking time.

A review lasts 3.5 hours: 70 minutes for the State under Review (SuR) and 140 minutes divided
among all inscribed delegations, so everyone speaks (decision 17/119; Source: [UPRI-NEWMOD],
[UPRI-TRAX21]). The other jobs of the dialogue live beside this module: State names in
:mod:`~uprkit.simulations.dialogue.states`, the lots (speakers list, troika) in
:mod:`~uprkit.simulations.dialogue.lots`, the SuR's responses in
:mod:`~uprkit.simulations.dialogue.responses`, the scripted review in
:mod:`~uprkit.simulations.dialogue.script`. Prose that states these lengths is rendered from the
constants here, never retyped.

>>> allocate_speaking_time(80).formatted
'1 min 45 s'
"""

from __future__ import annotations

from dataclasses import dataclass

from uprkit.errors import SimulationError
from uprkit.i18n import N_, _

__all__ = [
    "DELEGATIONS_MINUTES",
    "MAX_OTHER_DELEGATIONS",
    "REVIEW_MINUTES",
    "STATE_UNDER_REVIEW_MINUTES",
    "UNCONFIRMED_DEFAULT_MAXIMA",
    "SpeakingTime",
    "allocate_speaking_time",
]

REVIEW_MINUTES = 210  # 3.5 h since the 2nd cycle. Source: [UPRI-NEWMOD], [PRST20]
STATE_UNDER_REVIEW_MINUTES = 70  # Source: [UPRI-NEWMOD], [UPRI-31]
DELEGATIONS_MINUTES = 140  # Source: [UPRI-NEWMOD]
# 193 UN members + 2 observer States (Holy See, State of Palestine) may take the floor.
# Source: [UPRI-WHAT] ("any UN Member/Observer State may take part and speak").
MAX_OTHER_DELEGATIONS = 194
UNCONFIRMED_DEFAULT_MAXIMA = N_(
    "The default maxima when few States register (3 min for HRC members, 2 min for observers) "
    "are UNCONFIRMED (fact sheet §3): they are a parameter here, off unless you set them."
)


# --- speaking time -------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakingTime:
    """Seconds each inscribed delegation gets out of the 140 minutes."""

    registered: int
    seconds_per_delegation: float
    capped: bool
    note: str

    @property
    def formatted(self) -> str:
        whole = int(self.seconds_per_delegation)  # rounded down: the total never exceeds 140 min
        minutes, seconds = divmod(whole, 60)
        if minutes:
            return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=seconds)
        return _("{seconds} s").format(seconds=seconds)


def allocate_speaking_time(
    registered: int,
    *,
    delegations_minutes: float = DELEGATIONS_MINUTES,
    default_maximum_seconds: float | None = None,
) -> SpeakingTime:
    """Divide the 140 minutes among all inscribed delegations (140 min / n, DERIVED).

    ``default_maximum_seconds`` applies a cap when few States register; the real caps are
    UNCONFIRMED, so it is off by default.

    >>> allocate_speaking_time(160).formatted
    '52 s'
    """
    if registered < 1:
        raise SimulationError(
            _(
                "{registered} delegations registered: the list of speakers is empty; at least "
                "one State must inscribe for a dialogue to take place"
            ).format(registered=registered)
        )
    if registered > MAX_OTHER_DELEGATIONS:
        raise SimulationError(
            _(
                "{registered} delegations registered, but at most {most} States (193 UN members "
                "and 2 observer States, minus the State under review) can take the floor; no "
                "real list can be this long"
            ).format(registered=registered, most=MAX_OTHER_DELEGATIONS)
        )
    seconds = delegations_minutes * 60 / registered
    note = _(
        "{minutes} minutes divided among {registered} delegations, so that every inscribed "
        "State speaks; nobody is cut from the list (rule since the 2nd cycle, "
        "Source: [UPRI-TRAX21])."
    ).format(minutes=f"{delegations_minutes:g}", registered=registered)
    capped = default_maximum_seconds is not None and seconds > default_maximum_seconds
    if capped:
        seconds = float(default_maximum_seconds)
        note += " " + _("Capped at the default maximum you set.")
        note += " " + _(UNCONFIRMED_DEFAULT_MAXIMA)
    elif default_maximum_seconds is None:
        note += " " + _(UNCONFIRMED_DEFAULT_MAXIMA)
    return SpeakingTime(registered, seconds, capped, note)
