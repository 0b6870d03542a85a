"""The coalition timetable works back from the deadline; decision rules count as lesson 14 says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from uprkit.errors import DataError
from uprkit.simulations.coalition import (
    JOINT_SUBMISSION_STEPS,
    Step,
    decide,
    plan_backwards,
)


def test_the_last_step_ends_on_the_deadline_and_steps_touch():
    plan = plan_backwards(date(2027, 3, 31))
    stones = plan.milestones
    assert stones[-1].end == date(2027, 3, 31)
    assert all(a.end == b.start for a, b in zip(stones, stones[1:], strict=False))
    assert plan.start == stones[0].start
    weeks = sum(step.weeks for step in JOINT_SUBMISSION_STEPS)
    assert plan.start == date(2027, 3, 31) - timedelta(weeks=weeks)
    assert [m.step for m in stones] == [s.name for s in JOINT_SUBMISSION_STEPS]


def test_a_late_start_says_how_many_weeks_are_missing():
    steps = [Step("Evidence", 4, "leads"), Step("Sign-off", 1, "convenor")]
    on_time = plan_backwards("2027-01-29", steps, today="2026-12-25")
    assert on_time.start == date(2026, 12, 25) and on_time.weeks_short == 0
    late = plan_backwards("2027-01-29", steps, today="2026-12-26")
    assert late.weeks_short == 1  # one day late is a week to win back
    later = plan_backwards("2027-01-29", steps, today="2027-01-09")
    assert later.weeks_short == 3


def test_the_frame_has_one_row_per_step():
    frame = plan_backwards("2027-03-31").to_frame()
    assert list(frame.columns) == ["step", "lead", "weeks", "start", "end"]
    assert len(frame) == len(JOINT_SUBMISSION_STEPS)
    assert frame["end"].iloc[-1] == "2027-03-31"


@pytest.mark.parametrize(
    ("deadline", "steps", "message"),
    [
        ("31/03/2027", JOINT_SUBMISSION_STEPS, "YYYY-MM-DD"),
        ("2027-03-31", [], "at least one Step"),
    ],
)
def test_bad_input_is_named(deadline, steps, message):
    with pytest.raises(DataError, match=message):
        plan_backwards(deadline, steps)


@pytest.mark.parametrize("weeks", [0, -1, 1.5, True])
def test_a_step_needs_whole_weeks(weeks):
    with pytest.raises(DataError, match="whole number of weeks"):
        Step("Draft", weeks, "editor")


POSITIONS = {
    "Women's network": "support",
    "Lawyers' union": "can live with it",
    "Disability forum": "stand aside",
    "Press freedom group": "block",
}


@pytest.mark.parametrize(
    ("rule", "passed"),
    [("consensus", False), ("consent", False), ("majority", True), ("two thirds", True)],
)
def test_each_rule_counts_the_same_positions_differently(rule, passed):
    decision = decide(POSITIONS, rule)
    assert decision.passed is passed
    assert decision.to_hear == ("Press freedom group", "Disability forum")
    assert "Press freedom group" in decision.explanation


def test_majority_and_two_thirds_differ_at_the_edge():
    split = {"A": "support", "B": "support", "C": "block", "D": "block", "E": "support"}
    assert decide(split, "majority").passed  # 3 of 5 = 60 %
    assert not decide(split, "two thirds").passed
    tie = {"A": "support", "B": "block"}
    assert not decide(tie, "majority").passed  # half is not more than half


def test_consensus_passes_without_a_block_and_names_who_stood_aside():
    decision = decide({"A": "support", "B": "stand aside"}, "CONSENSUS")
    assert decision.passed and "B stand(s) aside" in decision.explanation
    assert not decide({"A": "stand aside"}, "consensus").passed  # nobody actually agreed


def test_unknown_rule_or_position_lists_the_choices():
    with pytest.raises(DataError, match="'consensus', 'consent', 'majority', 'two thirds'"):
        decide(POSITIONS, "vote")
    with pytest.raises(DataError, match="position of A.*'can live with it'"):
        decide({"A": "maybe"}, "consensus")
    with pytest.raises(DataError, match="no positions"):
        decide({}, "consensus")
