"""A coalition's joint submission: a timetable worked back from the deadline, and decision rules.

Lesson 14 teaches coalition building with these two plain functions:

* :func:`plan_backwards` lays the steps of a joint submission end to end so that the last one ends
  on the deadline, and says how many weeks are missing when the coalition starts too late;
* :func:`decide` applies the decision rule a coalition agreed (consensus, consent, majority, two
  thirds) to its members' positions and says, in words a facilitator can read aloud, what passed
  and who must be heard.

The step lengths in :data:`JOINT_SUBMISSION_STEPS` are the kit's suggestion for a first joint
submission, not a UN rule; only the deadline comes from OHCHR (about 6-8 months before the
Working Group session: DERIVED from the 4th-cycle deadlines, see ``limits.csv``).

>>> plan = plan_backwards("2027-03-31", today="2026-09-01")
>>> plan.start.isoformat(), plan.weeks_short
('2026-10-14', 0)
>>> decide({"A": "support", "B": "block"}, "majority").passed
False
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

import pandas as pd

from uprkit.errors import DataError
from uprkit.i18n import N_, _, current_language

__all__ = [
    "JOINT_SUBMISSION_STEPS",
    "Decision",
    "DecisionRule",
    "Milestone",
    "Position",
    "Step",
    "Timetable",
    "decide",
    "plan_backwards",
]


@dataclass(frozen=True)
class Step:
    """One step of the coalition's work: what, how many weeks, and which role leads it."""

    name: str
    weeks: int
    lead: str

    def __post_init__(self) -> None:
        if isinstance(self.weeks, bool) or not isinstance(self.weeks, int) or self.weeks < 1:
            raise DataError(
                f"step {self.name!r}: weeks {self.weeks!r} is not allowed; use a whole number of "
                "weeks, 1 or more"
            )


# The kit's suggestion for a first joint UPR submission (24 weeks, about 5.5 months).
JOINT_SUBMISSION_STEPS: tuple[Step, ...] = (
    # names and leads are marked for the catalog; Timetable.to_frame shows them translated
    Step(N_("Map partners; agree terms of reference and a decision rule"), 3, N_("convenor")),
    Step(N_("Choose the issues; name a lead writer for each"), 2, N_("steering group")),
    Step(N_("Collect and verify evidence (with informed consent)"), 8, N_("issue leads")),
    Step(N_("Draft the issue chapters with SMART recommendations"), 3, N_("issue leads")),
    Step(N_("Merge into one draft; check the word limit"), 2, N_("editor")),
    Step(N_("Partners comment; settle disagreements by the agreed rule"), 2, N_("steering group")),
    Step(
        N_("Safety review: take out anything that identifies people at risk"),
        1,
        N_("safety focal point"),
    ),
    Step(N_("Each partner signs off in writing (silence is not consent)"), 1, N_("convenor")),
    Step(N_("Buffer: portal problems, late sign-offs"), 2, N_("convenor")),
)


@dataclass(frozen=True)
class Milestone:
    step: str
    lead: str
    weeks: int
    start: date
    end: date


@dataclass(frozen=True)
class Timetable:
    """Milestones in order; ``start`` is the day work must begin to meet ``deadline``.

    ``weeks_short`` is 0 when ``today`` (if given) is on or before ``start``; otherwise it is the
    number of weeks (rounded up) the coalition must win back by shortening steps.
    """

    milestones: tuple[Milestone, ...]
    deadline: date
    start: date
    weeks_short: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "step": _(m.step),  # in the language in use (the kit's own steps)
                    "lead": _(m.lead),
                    "weeks": m.weeks,
                    "start": m.start.isoformat(),
                    "end": m.end.isoformat(),
                }
                for m in self.milestones
            ]
        )


def _as_date(value, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD") from None


def plan_backwards(deadline, steps: Sequence[Step] = JOINT_SUBMISSION_STEPS, *, today=None):
    """Lay ``steps`` end to end so that the last one ends on ``deadline`` (a date or YYYY-MM-DD).

    >>> plan = plan_backwards("2027-03-31", [Step("Draft", 2, "editor"), Step("Sign", 1, "all")])
    >>> [(m.step, m.start.isoformat(), m.end.isoformat()) for m in plan.milestones]
    [('Draft', '2027-03-10', '2027-03-24'), ('Sign', '2027-03-24', '2027-03-31')]
    >>> plan_backwards("2027-03-31", [Step("Draft", 2, "editor")], today="2027-03-24").weeks_short
    1
    """
    deadline = _as_date(deadline, "deadline")
    if not steps:
        raise DataError("no steps to plan; give at least one Step(name, weeks, lead)")
    milestones: list[Milestone] = []
    end = deadline
    for step in reversed(steps):
        start = end - timedelta(weeks=step.weeks)
        milestones.append(Milestone(step.name, step.lead, step.weeks, start, end))
        end = start
    milestones.reverse()
    short = 0
    if today is not None:
        late_days = (_as_date(today, "today") - end).days
        short = max(0, -(-late_days // 7))  # whole weeks, rounded up
    return Timetable(tuple(milestones), deadline, end, short)


class Position(Enum):
    """What a member says about a proposal."""

    SUPPORT = "support"
    ACCEPT = "can live with it"
    STAND_ASIDE = "stand aside"
    BLOCK = "block"


class DecisionRule(Enum):
    """How the coalition agreed to decide (write it in the terms of reference before you need it).

    * consensus: passes when nobody blocks; a member who stands aside is named in the record and
      may take its name off that part of the submission;
    * consent: passes when nobody blocks, but a block must come with a reason the group can act on
      (a risk, a fact, the mandate), and is recorded with it;
    * majority: more than half of those taking part (stand-asides not counted) support or accept;
    * two thirds: at least two thirds of those taking part support or accept.
    """

    CONSENSUS = N_("consensus")
    CONSENT = N_("consent")
    MAJORITY = N_("majority")
    TWO_THIRDS = N_("two thirds")


@dataclass(frozen=True)
class Decision:
    passed: bool
    rule: DecisionRule
    explanation: str
    to_hear: tuple[str, ...]  # members whose concerns must be heard before the text is final


def _enum(enum, value, what: str):
    if isinstance(value, enum):
        return value
    for member in enum:
        if str(value).strip().lower() in (member.value, member.name.lower()):
            return member
    choices = ", ".join(repr(m.value) for m in enum)
    raise DataError(f"unknown {what} {value!r}; expected one of {choices}")


def _then() -> str:
    """The "; " between two parts of an explanation (" ; " in French typography)."""
    return " ; " if current_language() == "fr" else "; "


def decide(positions: Mapping[str, object], rule) -> Decision:
    """Apply ``rule`` to each member's position ({member: "support" / "can live with it" /
    "stand aside" / "block"}).

    >>> d = decide({"A": "support", "B": "can live with it", "C": "stand aside"}, "consensus")
    >>> d.passed, d.to_hear
    (True, ('C',))
    >>> decide({"A": "support", "B": "support", "C": "block"}, "two thirds").passed
    True
    """
    rule = _enum(DecisionRule, rule, "decision rule")
    if not positions:
        raise DataError("no positions to count; give each member's position")
    said = {member: _enum(Position, p, f"position of {member}") for member, p in positions.items()}
    blocks = tuple(m for m, p in said.items() if p is Position.BLOCK)
    asides = tuple(m for m, p in said.items() if p is Position.STAND_ASIDE)
    yes = sum(p in (Position.SUPPORT, Position.ACCEPT) for p in said.values())
    voting = len(said) - len(asides)
    if rule in (DecisionRule.CONSENSUS, DecisionRule.CONSENT):
        passed = not blocks and yes > 0
        if blocks:
            why = _("{members} block(s): under {rule} the proposal does not pass").format(
                members=", ".join(blocks), rule=_(rule.value)
            )
            if rule is DecisionRule.CONSENT:
                why += _then() + _("ask for the reason and change the proposal to meet it")
        else:
            why = _("nobody blocks: it passes by {rule}").format(rule=_(rule.value))
        if asides:
            why += _then() + _(
                "{members} stand(s) aside and may take their name off this part"
            ).format(members=", ".join(asides))
    else:
        share = yes / voting if voting else 0.0
        threshold = 0.5 if rule is DecisionRule.MAJORITY else 2 / 3
        passed = share > threshold if rule is DecisionRule.MAJORITY else share >= threshold
        needs = _("more than half") if threshold == 0.5 else _("two thirds")
        why = _(
            "{yes} of {voting} taking part support or accept ({share}); {rule} needs {needs}: "
            "{outcome}"
        ).format(
            yes=yes, voting=voting, share=f"{share:.0%}", rule=_(rule.value), needs=needs,
            outcome=_("it passes") if passed else _("it does not pass"),
        )  # fmt: skip
        if blocks:
            why += _then() + _("{members} object(s): record why, and whether they stay in").format(
                members=", ".join(blocks)
            )
    return Decision(passed, rule, why, blocks + asides)
