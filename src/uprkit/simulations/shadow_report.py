"""The structure of a shadow (alternative) report, for each moment it is sent (lesson 16).

A treaty body hears NGOs at three moments of its cycle (fact sheet §11.2): before it adopts the
list of issues (or, under the simplified procedure, the list of issues prior to reporting, LOIPR),
before the constructive dialogue, and in the follow-up procedure. A UPR stakeholder submission is
a fourth, different document. :func:`outline` gives the sections of each, :func:`check_outline`
says which required sections a draft's headings lack, :func:`plan_shadow_reports` puts the
right outline beside each NGO deadline of a reporting calendar
(:func:`uprkit.simulations.treaty_reporting.build_reporting_calendar`), and
:func:`compare_upr_and_treaty_body` sets the two kinds of submission side by side with the
kit's numbers and their status (``datasets/limits.csv``).

The outlines are teaching outlines drawn from NGO guidance ([MINORITY-GUIDE-SR], [AI-TB-SUB],
[ISHR-TB-ENGAGE], [OHCHR-TECH2008], [IFEX]); each committee publishes its own rules for NGO
information (length, format, deadline), which come first.

>>> [s.title for s in OUTLINES[ReportKind.FOLLOW_UP]][:2]
['Cover page', 'The follow-up recommendations']
>>> check_outline(ReportKind.LOIPR, ["Cover page", "About us and our method", "Article 9"])
['Suggested questions for the committee', 'Sources']
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from uprkit.data import load_limits
from uprkit.errors import DataError
from uprkit.i18n import N_, _

__all__ = [
    "OUTLINES",
    "ReportKind",
    "Section",
    "check_outline",
    "compare_upr_and_treaty_body",
    "kind_for_step",
    "outline",
    "plan_shadow_reports",
]


class ReportKind(enum.Enum):
    """When (and to whom) a civil-society report is sent."""

    LOIPR = N_("for the list of issues prior to reporting")
    LIST_OF_ISSUES = N_("for the list of issues")
    REVIEW = N_("before the constructive dialogue")
    FOLLOW_UP = N_("for the follow-up procedure")
    UPR = N_("UPR stakeholder submission")


@dataclass(frozen=True)
class Section:
    """One section of an outline; ``match`` is a regular expression a heading for it fits."""

    title: str
    contents: str
    match: str
    required: bool = True


_COVER = Section(
    N_("Cover page"),
    N_(
        "Country, committee and session (or cycle), the organisations and one contact; say whether "
        "the report may be published or is confidential."
    ),
    r"cover|title page",
)
_INTRO = Section(
    N_("Introduction and method"),
    N_(
        "Who you are; the period covered; how you documented (interviews with consent, how you "
        "verified, how you protect sources) - this is what makes a committee trust your numbers."
    ),
    r"intro|about us|method|who we are",
)
_SOURCES = Section(
    N_("Sources"),
    N_(
        "Where every fact comes from: your documentation, official documents, court decisions, UN "
        "and regional findings. Name sources (never 'reliable sources said'), but never in a way "
        "that puts a person at risk if the State reads the report."
    ),
    r"source|reference|endnote|annex",
)
_BY_ARTICLE = Section(
    N_("Issues by article (or theme linked to articles)"),
    N_(
        "For each issue: the problem, your evidence in numbers, what happened to the committee's "
        "earlier recommendations, and the gap in the State's account."
    ),
    r"article|issue|theme|art\.",
)
OUTLINES: dict[ReportKind, tuple[Section, ...]] = {
    ReportKind.LOIPR: (
        _COVER,
        _INTRO,
        _BY_ARTICLE,
        Section(
            N_("Suggested questions for the committee"),
            N_(
                "Short, precise questions the committee can put in its list (under the simplified "
                "procedure the State's answers to that list are its report)."
            ),
            r"question",
        ),
        _SOURCES,
    ),
    ReportKind.LIST_OF_ISSUES: (
        _COVER,
        _INTRO,
        Section(
            N_("What the State report leaves out"),
            N_("Gaps and inaccuracies in the State's report, article by article."),
            r"state('s)? report|gap|omi",
        ),
        _BY_ARTICLE,
        Section(
            N_("Suggested questions for the committee"),
            N_("Questions that make the State answer on the gaps."),
            r"question",
        ),
        _SOURCES,
    ),
    ReportKind.REVIEW: (
        _COVER,
        Section(
            N_("Executive summary"),
            N_(
                "The three to five concerns that matter most and your key recommendations, on one "
                "page: many members read only this."
            ),
            r"summary",
        ),
        _INTRO,
        Section(
            N_("The State's replies"),
            N_("What the State's report or replies to the list of issues say, and what you found."),
            r"repl|state('s)? report|response",
        ),
        _BY_ARTICLE,
        Section(
            N_("Recommended concluding observations"),
            N_("Recommendations the committee can adopt: one action, one actor, a time frame."),
            r"recommend",
        ),
        _SOURCES,
    ),
    ReportKind.FOLLOW_UP: (
        _COVER,
        Section(
            N_("The follow-up recommendations"),
            N_(
                "Quote the 2-5 recommendations the committee chose for follow-up (paragraph "
                "numbers), and nothing else: this report is about them only."
            ),
            r"follow.?up rec|recommendations? (chosen|selected|under follow)",
        ),
        Section(
            N_("What the State did, and what you found"),
            N_(
                "For each recommendation: the State's claim, your evidence since the concluding "
                "observations, and dates."
            ),
            r"what the state|implementation|progress|measures|found",
        ),
        Section(
            N_("Your assessment (grades A-E)"),
            N_(
                "The grade you think each reply deserves, with the reason: A largely "
                "satisfactory, B partially, C not satisfactory, D no cooperation, E contrary to "
                "the recommendation."
            ),
            r"assess|grade",
        ),
        _SOURCES,
    ),
    ReportKind.UPR: (
        Section(
            N_("Cover page"),
            N_("The organisations (a coalition lists all members) and one contact."),
            r"cover|title page",
        ),
        Section(
            N_("Executive summary"),
            N_(
                "Your key recommendations first: OHCHR summarises every submission into a short "
                "document, so put the key points where they cannot be missed."
            ),
            r"summary",
        ),
        Section(
            N_("Implementation of the last review's recommendations"),
            N_("By issue, with key words: what was supported, what was done, what was not."),
            r"implement|previous|last review|follow",
        ),
        Section(
            N_("SMART recommendations"),
            N_("Recommendations States can make word for word (lesson 04)."),
            r"smart|^(\d+\.? )?(our |key |proposed )?recommendations?\b",
        ),
        Section(
            N_("Endnotes"),
            N_("Sources; numbered paragraphs throughout."),
            r"endnote|source|note",
            required=False,
        ),
    ),
}


def _kind(kind: ReportKind | str) -> ReportKind:
    if isinstance(kind, ReportKind):
        return kind
    for member in ReportKind:
        if kind in (member.name, member.value, member.name.lower()):
            return member
    choices = ", ".join(f"{m.name} ({m.value})" for m in ReportKind)
    raise DataError(f"unknown kind of report {kind!r}; expected one of: {choices}")


def outline(kind: ReportKind | str) -> pd.DataFrame:
    """The sections of one kind of report: section, contents, required (in the language in
    use)."""
    sections = OUTLINES[_kind(kind)]
    return pd.DataFrame(
        [{"section": _(s.title), "contents": _(s.contents), "required": s.required}
         for s in sections]
    )  # fmt: skip


def check_outline(kind: ReportKind | str, headings: Sequence[str]) -> list[str]:
    """The required sections that none of ``headings`` fits, in outline order."""
    if isinstance(headings, str):
        raise DataError("give the headings as a list of strings, one per heading")
    lowered = [str(h).lower() for h in headings if str(h).strip()]
    return [
        _(section.title)
        for section in OUTLINES[_kind(kind)]
        if section.required and not any(re.search(section.match, h) for h in lowered)
    ]


def kind_for_step(step: str) -> ReportKind | None:
    """The kind of report an NGO step of the reporting calendar calls for (None: not an NGO step).

    >>> kind_for_step("NGO shadow report before the dialogue (deadline)")
    <ReportKind.REVIEW: 'before the constructive dialogue'>
    """
    text = step.lower()
    if "follow-up" in text:
        return ReportKind.FOLLOW_UP
    if "ngo" not in text:
        return None
    if "prior to reporting" in text:
        return ReportKind.LOIPR
    if "list of issues" in text:
        return ReportKind.LIST_OF_ISSUES
    if "dialogue" in text:
        return ReportKind.REVIEW
    return None


def plan_shadow_reports(calendar: pd.DataFrame) -> pd.DataFrame:
    """The civil-society reports a calendar calls for: date, mechanism, report, status, sections.

    ``calendar`` is a frame from ``build_reporting_calendar``; the status column is the step's
    (the NGO deadlines are typical gaps, UNCONFIRMED; a follow-up report is due when the
    State's is).
    """
    missing = {"date", "mechanism", "step", "status"} - set(calendar.columns)
    if missing:
        raise DataError(f"the calendar lacks the column(s) {sorted(missing)}")
    rows = []
    for row in calendar.itertuples():
        kind = kind_for_step(str(row.step))
        if kind is None:
            continue
        rows.append(
            {
                "date": row.date,
                "mechanism": row.mechanism,
                "report": _("shadow report {kind}").format(kind=_(kind.value)),
                "status": row.status,
                "sections": " · ".join(_(s.title) for s in OUTLINES[kind] if s.required),
            }
        )
    return pd.DataFrame(rows, columns=["date", "mechanism", "report", "status", "sections"])


def _value(limits: pd.DataFrame, key: str) -> str:
    return f"{limits.loc[key].value:,.{1 if limits.loc[key].value % 1 else 0}f}"


def _status(limits: pd.DataFrame, *keys: str) -> str:
    statuses = [str(limits.loc[key].status) for key in keys]
    return statuses[0] if len(set(statuses)) == 1 else "/".join(statuses)


def compare_upr_and_treaty_body(limits: pd.DataFrame | None = None) -> pd.DataFrame:
    """A UPR stakeholder submission beside a treaty-body shadow report, aspect by aspect.

    Numbers come from ``limits`` (default: ``load_limits()``) with their status, so a trainer's
    override shows up here too.
    """
    limits = load_limits() if limits is None else limits
    v = lambda key: _value(limits, key)  # noqa: E731 - a short reader for the table below
    individual, joint = (
        "stakeholder_submission_words_individual",
        "stakeholder_submission_words_joint",
    )
    words = _("individual {individual}, joint {joint} words ({status})").format(
        individual=v(individual), joint=v(joint), status=_status(limits, individual)
    )
    low, high = "stakeholder_deadline_months_before_min", "stakeholder_deadline_months_before_max"
    deadline = _(
        "about {low}-{high} months before the Working Group session ({status}); late "
        "submissions are not considered"
    ).format(low=v(low), high=v(high), status=_status(limits, low, high))
    follow = _(
        "within {years} year ({status}; {cedaw} for CEDAW and CMW); Human Rights Committee "
        "{ccpr} years ({ccpr_status})"
    ).format(
        years=v("treaty_follow_up_years"), status=_status(limits, "treaty_follow_up_years"),
        cedaw=v("treaty_follow_up_years_cedaw_cmw"), ccpr=v("ccpr_follow_up_years"),
        ccpr_status=_status(limits, "ccpr_follow_up_years"),
    )  # fmt: skip
    period = "stakeholder_submission_period_years"
    mid_term = "mid_term_report_years_after"
    rows = [
        (
            _("who reads it"),
            _("OHCHR, which summarises all submissions in one short document; recommending "
              "States"),
            _("the committee's members, independent experts, before they question the State"),
        ),
        (
            _("scope"),
            _("every human rights issue in one State, over at most {years} years (2008 rule, "
              "{status})").format(years=v(period), status=_status(limits, period)),
            _("the articles of one treaty, answering the State's report and the committee's "
              "list"),
        ),
        (_("length"), words, _("set by each committee: read its guidance for NGOs")),
        (_("deadline"), deadline,
         _("set for each session by the committee's secretariat; ask it")),
        (
            _("what you ask for"),
            _("SMART recommendations that States can make to the State under review"),
            _("questions for the list of issues; recommendations for the concluding "
              "observations"),
        ),
        (
            _("after the review"),
            _("a mid-term report, about 2-{years} years after the review ({status}, UPR Info's "
              "practice)").format(years=v(mid_term), status=_status(limits, mid_term)),
            _("follow-up information on the 2-5 follow-up recommendations, due {when}").format(
                when=follow
            ),
        ),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["aspect", "UPR stakeholder submission", "treaty body"])
