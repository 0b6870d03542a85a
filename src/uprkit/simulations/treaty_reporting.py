"""A country's treaty-body reporting calendar and NGO shadow-report deadlines.

Built from the dates the treaties entered into force for the State (or the date of its last
review by each committee) and each treaty's reporting rule (:func:`uprkit.data.load_treaties`).
The steps follow the fact sheet (§11.2): report → list of issues → constructive dialogue →
concluding observations → follow-up; the Human Rights Committee (ICCPR) runs its 8-year
predictable cycle instead (LOIPR → the State's reply → dialogue). Only the treaty rules are
confirmed; the gaps between the steps and the NGO deadlines are typical values, every one marked
**UNCONFIRMED** in the output, and each is a parameter a trainer can change. The UPR's own
dates go beside them with :mod:`uprkit.simulations.upr_reviews`.

>>> add_months(date(2025, 1, 31), 1)
datetime.date(2025, 2, 28)
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from uprkit.data import load_treaties
from uprkit.errors import DataError
from uprkit.i18n import N_, _

CONFIRMED, DERIVED, UNCONFIRMED = "CONFIRMED", "DERIVED", "UNCONFIRMED"
COLUMNS = ["date", "mechanism", "step", "status", "rule", "source"]


@dataclass(frozen=True)
class Gaps:
    """Months between steps. All UNCONFIRMED typical values (fact sheet §11.2 gives no timing)."""

    report_to_list_of_issues: int = 12
    list_of_issues_to_dialogue: int = 9
    dialogue_to_concluding_observations: int = 1
    shadow_report_before_list_of_issues: int = 3
    shadow_report_before_dialogue: int = 2


# Follow-up report: 1 year after the concluding observations, 2 for CEDAW and CMW (OHCHR page);
# CRC has no follow-up procedure. Source: [OHCHR-FU], [ISHR-FU]. The Human Rights Committee's
# period is UNCONFIRMED (fact sheet §11.2, corrected 2026-12-03): CCPR-Centre's current follow-up
# page says 3 years (an older copy said 2, the OHCHR page 1), so the simulation uses 3 and marks it
# UNCONFIRMED. Source: [CCPRC-FU]
FOLLOW_UP_YEARS = {"CEDAW": (2, CONFIRMED), "ICRMW": (2, CONFIRMED), "ICCPR": (3, UNCONFIRMED)}
CCPR_FOLLOW_UP_RULE = (
    "3 years on CCPR-Centre's current follow-up page (an older copy said 2; OHCHR's page says 1): "
    "UNCONFIRMED"
)
NO_FOLLOW_UP = {"CRC"}


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clipped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _as_date(value, what: str) -> date:
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as exc:
        raise DataError(
            _("{what}: '{value}' is not a date; write it as YYYY-MM-DD").format(
                what=_(what), value=value
            )
        ) from exc


def _treaty_rules(treaties: pd.DataFrame) -> dict[str, dict]:
    core = treaties[treaties["kind"].astype(str) == "treaty"]
    return {str(row["code"]): dict(row) for _i, row in core.iterrows()}


def _row(day: date, mechanism: str, step: str, status: str, rule: str, source: str) -> dict:
    return {
        "date": day,
        "mechanism": mechanism,
        "step": step,
        "status": status,
        "rule": rule,
        "source": source,
    }


def _checked_period(start, end, in_force: Mapping[str, object], rules: dict) -> tuple[date, date]:
    """The calendar's first and last day; a clear error for a wrong period or treaty code."""
    first, last = _as_date(start, N_("start")), _as_date(end, N_("end"))
    if last <= first:
        raise DataError(
            _("the calendar ends ({last}) before it starts ({first})").format(
                last=last, first=first
            )
        )
    for code in in_force:
        if code not in rules:
            raise DataError(
                _("unknown treaty '{code}'; core treaties: {treaties}").format(
                    code=code, treaties=", ".join(sorted(rules))
                )
            )
    return first, last


def build_reporting_calendar(
    in_force: Mapping[str, object],
    *,
    start: object,
    end: object,
    last_review: Mapping[str, object] | None = None,
    treaties: pd.DataFrame | None = None,
    gaps: Gaps = Gaps(),
) -> pd.DataFrame:
    """The treaty-body steps between ``start`` and ``end``, one row per step, sorted by date.

    ``in_force`` maps treaty codes (ICCPR, CEDAW, …) to the date the treaty entered into force for
    the State; ``last_review`` optionally maps codes to the date of the last concluding
    observations (then the next report is due one period after it).
    """
    if treaties is None:
        treaties = load_treaties()
    rules = _treaty_rules(treaties)
    first, last = _checked_period(start, end, in_force, rules)
    rows: list[dict] = []
    for code, value in in_force.items():
        rule = rules[code]
        committee = str(rule["committee"])
        source = str(rule.get("source") or "")
        periodicity = rule.get("reporting_periodicity_years")
        status = str(rule.get("periodicity_status") or UNCONFIRMED)
        if pd.isna(periodicity) or status == "nan":
            periodicity, status = None, UNCONFIRMED
        initial = rule.get("initial_report_years")
        entry = _as_date(value, _("date {code} entered into force").format(code=code))
        due_dates: list[tuple[date, str, str]] = []
        if last_review and code in last_review:
            anchor = _as_date(last_review[code], _("last review of {code}").format(code=code))
        else:
            if pd.isna(initial):
                due_dates.append((entry, "initial report due: timing UNCONFIRMED", UNCONFIRMED))
                anchor = None
            else:
                due = add_months(entry, int(initial) * 12)
                due_dates.append(
                    (
                        due,
                        f"initial report due {int(initial)} year(s) after entry into force",
                        CONFIRMED,
                    )
                )
                anchor = due
        if anchor is not None and code in PREDICTABLE_CYCLE:
            rows += _predictable_cycles(code, committee, anchor, due_dates, last, gaps)
            continue
        if anchor is not None and periodicity is not None:
            step = int(periodicity) * 12
            due = add_months(anchor, step)
            while due <= last:
                due_dates.append((due, f"periodic report every {int(periodicity)} years", status))
                due = add_months(due, step)
        elif anchor is not None:
            rows.append(
                _row(
                    anchor,
                    f"{committee} ({code})",
                    "further reports on the Committee's request",
                    UNCONFIRMED,
                    "no fixed periodicity",
                    source,
                )
            )
        for due, why, rule_status in due_dates:
            rows += _steps_after_report(code, committee, due, why, rule_status, source, gaps)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame[(frame["date"] >= first) & (frame["date"] <= last)]
    return frame.sort_values(["date", "mechanism"], kind="stable").reset_index(drop=True)


# The Human Rights Committee's 8-year predictable review cycle under the simplified procedure:
# Y1 list of issues prior to reporting (LOIPR), Y2 the State's reply (its report), Y3 dialogue,
# Y8 next LOIPR. Source: [CCPR-PRC], [CCPR-FS3]. Other committees' calendars: UNCONFIRMED.
PREDICTABLE_CYCLE = {"ICCPR"}


def mechanism_label(committee: str, code: str) -> str:
    """ "CRC", "CCPR (ICCPR)": the committee, with its treaty's code when that differs.

    >>> mechanism_label("CEDAW", "CEDAW"), mechanism_label("CCPR", "ICCPR")
    ('CEDAW', 'CCPR (ICCPR)')
    """
    return committee if committee == code else f"{committee} ({code})"


def _predictable_cycles(code, committee, anchor, due_dates, last, gaps: Gaps) -> list[dict]:
    """CCPR: after the last review (or the initial report), cycles of LOIPR → reply → dialogue."""
    mechanism = mechanism_label(committee, code)
    rows: list[dict] = []
    dialogue = anchor
    for due, why, rule_status in due_dates:  # an initial report still goes the standard way
        rows += _steps_after_report(code, committee, due, why, rule_status, "[FIDH-TB]", gaps)
        dialogue = add_months(due, gaps.report_to_list_of_issues + gaps.list_of_issues_to_dialogue)
    year = "DERIVED from the 8-year cycle table (Y1 LOIPR, Y2 reply, Y3 dialogue, Y8 next LOIPR)"
    follow_up_years, follow_up_status = FOLLOW_UP_YEARS[code]  # ICCPR: 3 years, UNCONFIRMED
    loipr = add_months(dialogue, 60)
    while loipr <= last:
        reply = add_months(loipr, 12)
        dialogue = add_months(loipr, 24)
        observations = add_months(dialogue, gaps.dialogue_to_concluding_observations)
        rows += [
            _row(
                add_months(loipr, -gaps.shadow_report_before_list_of_issues),
                mechanism,
                "NGO shadow report for the list of issues prior to reporting (deadline)",
                UNCONFIRMED,
                f"{gaps.shadow_report_before_list_of_issues} months before the LOIPR",
                "[GSJI]",
            ),
            _row(
                loipr,
                mechanism,
                "List of issues prior to reporting (LOIPR) adopted",
                DERIVED,
                year,
                "[CCPR-PRC]",
            ),
            _row(
                reply,
                mechanism,
                "State's reply to the LOIPR due (this is its report)",
                DERIVED,
                year,
                "[CCPR-PRC]; [CCPR-FS3]",
            ),
            _shadow_report_before_dialogue(dialogue, mechanism, gaps),
            _row(
                dialogue, mechanism, "Constructive dialogue (Geneva)", DERIVED, year, "[CCPR-PRC]"
            ),
            _row(
                observations,
                mechanism,
                "Concluding observations",
                UNCONFIRMED,
                "typical gap between steps, not a rule",
                "[OHCHR-FU]",
            ),
            _row(
                add_months(observations, 12 * follow_up_years),
                mechanism,
                "Follow-up report on 2–5 urgent recommendations (NGOs may send information)",
                follow_up_status,
                CCPR_FOLLOW_UP_RULE,
                "[CCPRC-FU]; [OHCHR-FU]",
            ),
        ]
        loipr = add_months(dialogue, 60)
    return rows


def _shadow_report_before_dialogue(dialogue: date, mechanism: str, gaps: Gaps) -> dict:
    return _row(
        add_months(dialogue, -gaps.shadow_report_before_dialogue),
        mechanism,
        "NGO shadow report before the dialogue (deadline)",
        UNCONFIRMED,
        f"{gaps.shadow_report_before_dialogue} months before the dialogue",
        "[GSJI]",
    )


def _steps_after_report(code, committee, due, why, rule_status, source, gaps: Gaps) -> list[dict]:
    mechanism = mechanism_label(committee, code)
    loi = add_months(due, gaps.report_to_list_of_issues)
    dialogue = add_months(loi, gaps.list_of_issues_to_dialogue)
    observations = add_months(dialogue, gaps.dialogue_to_concluding_observations)
    gap_rule = "typical gap between steps, not a rule"
    rows = [
        _row(due, mechanism, "State report due", rule_status, why, source),
        _row(
            add_months(loi, -gaps.shadow_report_before_list_of_issues),
            mechanism,
            "NGO shadow report for the list of issues (deadline)",
            UNCONFIRMED,
            f"{gaps.shadow_report_before_list_of_issues} months before the list of issues",
            "[GSJI]",
        ),
        _row(loi, mechanism, "List of issues adopted", UNCONFIRMED, gap_rule, "[CCPR-FS3]"),
        _shadow_report_before_dialogue(dialogue, mechanism, gaps),
        _row(
            dialogue,
            mechanism,
            "Constructive dialogue (Geneva)",
            UNCONFIRMED,
            gap_rule,
            "[CCPR-FS3]",
        ),
        _row(
            observations, mechanism, "Concluding observations", UNCONFIRMED, gap_rule, "[OHCHR-FU]"
        ),
    ]
    if code in NO_FOLLOW_UP:
        return rows
    years, status = FOLLOW_UP_YEARS.get(code, (1, CONFIRMED))
    rows.append(
        _row(
            add_months(observations, 12 * years),
            mechanism,
            "Follow-up report on 2–5 urgent recommendations (NGOs may send information)",
            status,
            f"{years} year(s) after the concluding observations (whose date is estimated above)",
            "[OHCHR-FU]; [ISHR-FU]; [CCPRC-FU]",
        )
    )
    return rows


def next_deadlines(calendar_frame: pd.DataFrame, *, today: object, count: int = 5) -> pd.DataFrame:
    """The next NGO deadlines after ``today``: what a coalition must plan for first."""
    day = _as_date(today, "today")
    ngo = calendar_frame[
        calendar_frame["step"].str.contains("NGO|Stakeholder", regex=True)
        & (calendar_frame["date"] >= day)
    ]
    return ngo.head(count).reset_index(drop=True)


def plot_calendar(calendar_frame: pd.DataFrame):
    """A timeline: one row per mechanism, a marker per step (hollow = UNCONFIRMED timing)."""
    # here, not at the top: matplotlib takes ~0.9 s to import; the calendar table never needs it
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 0.6 * max(3, calendar_frame["mechanism"].nunique()) + 1))
    ax = figure.add_subplot()
    mechanisms = list(dict.fromkeys(calendar_frame["mechanism"]))
    for y, mechanism in enumerate(mechanisms):
        part = calendar_frame[calendar_frame["mechanism"] == mechanism]
        for _i, row in part.iterrows():
            hollow = row["status"] == UNCONFIRMED
            ngo = "NGO" in row["step"] or "Stakeholder" in row["step"]
            ax.scatter(
                pd.Timestamp(row["date"]),
                y,
                marker="v" if ngo else "o",
                facecolors="none" if hollow else ("#d62728" if ngo else "#1f77b4"),
                edgecolors="#d62728" if ngo else "#1f77b4",
                s=40,
            )
    ax.set_yticks(range(len(mechanisms)), mechanisms)
    ax.set_title(_("Reporting calendar (triangles: NGO deadlines; hollow: UNCONFIRMED timing)"))
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
