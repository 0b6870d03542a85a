"""Treaty-body reporting calendar, shadow-report deadlines, and the UPR beside them."""

from __future__ import annotations

from datetime import date

import pytest

from uprkit.errors import DataError
from uprkit.simulations.treaty_reporting import (
    UNCONFIRMED,
    Gaps,
    add_months,
    build_reporting_calendar,
    next_deadlines,
    plot_calendar,
)
from uprkit.simulations.upr_reviews import add_upr_reviews


def test_add_months_clips_to_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 15), -3) == date(2023, 12, 15)


def test_crc_initial_report_after_two_years_then_every_five():
    cal = build_reporting_calendar({"CRC": "2020-01-01"}, start="2020-01-01", end="2031-12-31")
    due = cal[cal["step"] == "State report due"]
    assert list(due["date"]) == [date(2022, 1, 1), date(2027, 1, 1)]  # art. 44 [UNICEF-44]
    assert set(due["status"]) == {"CONFIRMED"}
    assert not cal["step"].str.contains("Follow-up").any()  # CRC has no follow-up procedure


def test_cedaw_follow_up_after_two_years_and_every_rule_status_is_stated():
    cal = build_reporting_calendar(
        {"CEDAW": "2000-01-01"},
        start="2023-01-01",
        end="2030-12-31",
        last_review={"CEDAW": "2022-06-01"},
    )
    due = cal[cal["step"] == "State report due"]
    assert list(due["date"]) == [date(2026, 6, 1), date(2030, 6, 1)]
    observations = cal[cal["step"] == "Concluding observations"]["date"].iloc[0]
    follow_up = cal[cal["step"].str.startswith("Follow-up")]["date"].iloc[0]
    assert follow_up == add_months(observations, 24)
    assert set(cal["status"]) <= {"CONFIRMED", "DERIVED", "UNCONFIRMED"}
    steps = cal.set_index("step")
    for step in (
        "List of issues adopted",
        "Constructive dialogue (Geneva)",
        "NGO shadow report for the list of issues (deadline)",
    ):
        assert (cal.loc[cal["step"] == step, "status"] == UNCONFIRMED).all(), step
    assert steps.index.str.contains("NGO shadow report").any()


def test_unconfirmed_periodicity_is_marked():
    cal = build_reporting_calendar(
        {"CAT": "2010-01-01"},
        start="2024-01-01",
        end="2032-01-01",
        last_review={"CAT": "2023-01-01"},
    )
    report = cal[cal["step"] == "State report due"].iloc[0]
    assert report["status"] == UNCONFIRMED and "every 4 years" in report["rule"]
    iccpr = build_reporting_calendar(
        {"ICCPR": "1990-01-01"},
        start="2024-01-01",
        end="2036-01-01",
        last_review={"ICCPR": "2022-01-01"},
    )
    follow = iccpr[iccpr["step"].str.startswith("Follow-up")].iloc[0]
    assert follow["status"] == UNCONFIRMED  # CCPR's follow-up period is UNCONFIRMED (fact sheet)
    # Its source now says 3 years ([CCPRC-FU]); 2 years must not be taught as fact (issue 16, E2).
    assert "3 years" in follow["rule"] and "UNCONFIRMED" in follow["rule"]
    observations = iccpr[iccpr["step"] == "Concluding observations"]["date"]
    assert follow["date"] == add_months(observations[observations < follow["date"]].iloc[-1], 36)


def test_shadow_deadlines_are_worked_back_from_the_steps():
    gaps = Gaps(shadow_report_before_list_of_issues=4, shadow_report_before_dialogue=1)
    cal = build_reporting_calendar(
        {"CRPD": "2010-01-01"},
        start="2024-01-01",
        end="2030-12-31",
        last_review={"CRPD": "2023-01-01"},
        gaps=gaps,
    )
    loi = cal[cal["step"] == "List of issues adopted"]["date"].iloc[0]
    shadow = cal[cal["step"] == "NGO shadow report for the list of issues (deadline)"]
    assert shadow["date"].iloc[0] == add_months(loi, -4)


def test_upr_beside_treaty_bodies_with_projection_marked():
    cal = build_reporting_calendar({"CRC": "2020-01-01"}, start="2024-01-01", end="2031-12-31")
    both = add_upr_reviews(cal, [date(2025, 4, 28)], start="2024-01-01", end="2031-12-31")
    upr = both[both["mechanism"] == "UPR"]
    review = upr[upr["step"].str.startswith("Working Group review")]
    assert list(review["date"]) == [date(2025, 4, 28), date(2029, 10, 28)]
    assert list(review["status"]) == ["CONFIRMED", UNCONFIRMED]
    deadline = upr[upr["step"].str.startswith("Stakeholder submission")]["date"].iloc[0]
    assert deadline == date(2024, 9, 28)  # ≈ 6–7 months before (DERIVED, §8.2)
    coming = next_deadlines(both, today="2026-01-01", count=2)
    assert len(coming) == 2 and (coming["date"] >= date(2026, 1, 1)).all()
    assert plot_calendar(both).axes


def test_bad_input_is_named():
    with pytest.raises(DataError, match="unknown treaty 'CEDAWW'; core treaties: CAT, CEDAW"):
        build_reporting_calendar({"CEDAWW": "2000-01-01"}, start="2024-01-01", end="2030-01-01")
    with pytest.raises(DataError, match="'yesterday' is not a date"):
        build_reporting_calendar({"CRC": "yesterday"}, start="2024-01-01", end="2030-01-01")
    with pytest.raises(DataError, match="ends"):
        build_reporting_calendar({"CRC": "2000-01-01"}, start="2030-01-01", end="2024-01-01")


def test_human_rights_committee_follows_its_predictable_cycle():
    cal = build_reporting_calendar(
        {"ICCPR": "1976-03-23"},
        start="2024-01-01",
        end="2036-12-31",
        last_review={"ICCPR": "2021-03-01"},
    )
    steps = cal.set_index("step")["date"]
    loipr = steps["List of issues prior to reporting (LOIPR) adopted"]
    reply = steps["State's reply to the LOIPR due (this is its report)"]
    dialogue = cal[cal["step"] == "Constructive dialogue (Geneva)"]["date"]
    # Y3 dialogue → Y8 next LOIPR; Y1 LOIPR → Y2 reply → Y3 dialogue [CCPR-PRC]
    assert list(loipr) == [date(2026, 3, 1), date(2033, 3, 1)]
    assert list(reply) == [date(2027, 3, 1), date(2034, 3, 1)]
    assert list(dialogue) == [date(2028, 3, 1), date(2035, 3, 1)]
    assert "State report due" not in set(cal["step"])  # no report before the LOIPR any more
    assert set(cal.loc[cal["step"].str.startswith("NGO"), "status"]) == {UNCONFIRMED}
