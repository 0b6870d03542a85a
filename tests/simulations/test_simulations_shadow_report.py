"""Lesson 16: the outlines of a shadow report, the plan beside a calendar, the UPR comparison."""

from __future__ import annotations

import pytest

from uprkit.data import load_limits
from uprkit.errors import DataError
from uprkit.simulations.shadow_report import (
    OUTLINES,
    ReportKind,
    check_outline,
    compare_upr_and_treaty_body,
    kind_for_step,
    outline,
    plan_shadow_reports,
)
from uprkit.simulations.treaty_reporting import build_reporting_calendar


def test_every_kind_has_an_outline_with_sources_or_endnotes():
    for kind in ReportKind:
        titles = outline(kind)["section"].tolist()
        assert titles[0] == "Cover page"
        assert titles[-1] in {"Sources", "Endnotes"}


def test_a_complete_outline_passes_and_each_missing_section_is_named():
    for kind, sections in OUTLINES.items():
        assert check_outline(kind, [s.title for s in sections]) == [], kind
        required = [s.title for s in sections if s.required]
        for dropped in required:
            headings = [s.title for s in sections if s.title != dropped]
            assert check_outline(kind, headings) == [dropped], (kind, dropped)


def test_participants_own_headings_are_recognised():
    follow_up = [
        "Cover page",
        "Follow-up recommendations (paras 12, 24, 31)",
        "Implementation since 2028",
        "Our assessment",
        "Endnotes",
    ]
    assert check_outline("FOLLOW_UP", follow_up) == []
    assert check_outline(ReportKind.REVIEW, ["Summary"]) == [
        "Cover page",
        "Introduction and method",
        "The State's replies",
        "Issues by article (or theme linked to articles)",
        "Recommended concluding observations",
        "Sources",
    ]


def test_bad_kinds_and_headings_are_refused_with_the_choices():
    with pytest.raises(DataError, match="LOIPR"):
        outline("shadow")
    with pytest.raises(DataError, match="list of strings"):
        check_outline(ReportKind.UPR, "Cover page, Summary")


@pytest.mark.parametrize(
    ("step", "kind"),
    [
        ("NGO shadow report for the list of issues prior to reporting (deadline)", "LOIPR"),
        ("NGO shadow report for the list of issues (deadline)", "LIST_OF_ISSUES"),
        ("NGO shadow report before the dialogue (deadline)", "REVIEW"),
        ("Follow-up report on 2–5 urgent recommendations (NGOs may send information)", "FOLLOW_UP"),
        ("Constructive dialogue (Geneva)", None),
        ("State report due", None),
    ],
)
def test_calendar_steps_map_to_kinds(step, kind):
    found = kind_for_step(step)
    assert (found.name if found else None) == kind


def test_plan_beside_a_real_calendar_keeps_the_steps_status():
    calendar = build_reporting_calendar(
        {"ICCPR": "2019-01-01", "CEDAW": "2020-01-01"},
        start="2026-01-01",
        end="2031-12-31",
        last_review={"ICCPR": "2021-07-01", "CEDAW": "2023-02-01"},
    )
    plan = plan_shadow_reports(calendar)
    ngo_steps = calendar["step"].map(kind_for_step).notna().sum()
    assert len(plan) == ngo_steps > 0
    ccpr_follow_up = plan[
        (plan["mechanism"] == "CCPR (ICCPR)") & plan["report"].str.contains("follow-up")
    ]
    assert set(ccpr_follow_up["status"]) == {"UNCONFIRMED"}  # the CCPR period is unconfirmed
    assert plan["sections"].str.startswith("Cover page").all()
    with pytest.raises(DataError, match="lacks the column"):
        plan_shadow_reports(calendar.drop(columns="step"))


def test_comparison_shows_the_kits_numbers_with_their_status():
    table = compare_upr_and_treaty_body().set_index("aspect")
    upr, treaty = table["UPR stakeholder submission"], table["treaty body"]
    assert "2,815" in upr["length"] and "UNCONFIRMED" in upr["length"]
    assert "6-8 months" in upr["deadline"] and "DERIVED" in upr["deadline"]
    assert "3 years (UNCONFIRMED)" in treaty["after the review"]
    assert "within 1 year (CONFIRMED" in treaty["after the review"]
    changed = compare_upr_and_treaty_body(
        load_limits({"stakeholder_submission_words_individual": 3000})
    ).set_index("aspect")
    assert "3,000" in changed.loc["length", "UPR stakeholder submission"]
    assert "TRAINER/UNCONFIRMED" not in changed.loc["length", "UPR stakeholder submission"]
