"""The draft report of the Working Group, with the structure of a real one (Source: [SVN-WG]).

Introduction (dates, troika, documents) → I. Summary of proceedings (A. presentation by the State
under review; B. interactive dialogue, one short paragraph per speaking State) → II. Conclusions
and/or recommendations, numbered "N.1 … (Algeria) (Cabo Verde)", grouped by the SuR's response;
recommendations it has not decided on are "examined by [SuR], which will provide responses in due
time, but no later than the [n]th session of the Human Rights Council". The HTML comes from the
Jinja2 templates in ``templates/`` beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from uprkit.i18n import _, current_language
from uprkit.simulations.dialogue.responses import Response
from uprkit.simulations.dialogue.rules import (
    DELEGATIONS_MINUTES,
    REVIEW_MINUTES,
    STATE_UNDER_REVIEW_MINUTES,
)
from uprkit.simulations.dialogue.script import Dialogue
from uprkit.templating import render

__all__ = [
    "ReportSection",
    "WorkingGroupReport",
    "draft_report",
    "hrc_session_for",
    "write_report_html",
]


@dataclass(frozen=True)
class ReportSection:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class WorkingGroupReport:
    """The draft report; ``counts`` gives how many recommendations got each response."""

    title: str
    sections: tuple[ReportSection, ...]
    counts: dict[str, int]
    notes: tuple[str, ...]

    def to_text(self) -> str:
        lines = [self.title, ""]
        for section in self.sections:
            lines += [section.title, *section.paragraphs, ""]
        lines += ["Notes", *self.notes]
        return "\n".join(lines)

    def to_html(self) -> str:
        """The report as an HTML fragment (headings, paragraphs, notes), for a page or a widget."""
        return render(__package__, "report.html.j2", report=self)


def hrc_session_for(working_group_session: int | None) -> int | None:
    """The HRC session that adopts a WG session's outcomes (DERIVED from the fact sheet examples).

    The gap is not always the next-but-one session (fact sheet §4, corrected 2026-12-03):

    * 3rd cycle, WG 27-35: HRC n+9 (WG 27 -> HRC 36; WG 28 -> HRC 37, A/HRC/37/16);
    * after the COVID shift, WG 36-40: HRC n+10 (38 -> 48, 40 -> 50);
    * 4th cycle, WG 41 on: HRC n+11 (41 -> 52, 42 -> 53, 43 -> 54, 47 -> 58, 48 -> 59).

    Source: [UKR-28], [UPRI-42], [UPRI-43], [UPRI-HRC58], [MENAFN-48], [UPRI-38], [UPRI-40].
    Sessions 1-26 are not mapped (None): the fact sheet gives no rule for them.

    >>> hrc_session_for(48)
    59
    >>> hrc_session_for(28)
    37
    """
    if working_group_session is None:
        return None
    if working_group_session >= 41:
        return working_group_session + 11
    if 36 <= working_group_session <= 40:
        return working_group_session + 10
    if 27 <= working_group_session <= 35:
        return working_group_session + 9
    return None


def _ordinal(n: int) -> str:
    """49th, 49e, 49.º; in Arabic the number alone (the sentence says "session number 49")."""
    language = current_language()
    if language == "fr":
        return f"{n}e"
    if language == "es":
        return f"{n}.º"
    if language == "ar":
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def draft_report(dialogue: Dialogue, *, paragraph_number: int | None = None) -> WorkingGroupReport:
    """Write the draft Working Group report of ``dialogue``.

    ``paragraph_number`` is the number of the recommendations paragraph (e.g. 140 in "140.1");
    by default it follows the paragraphs written before it.
    """
    sur = dialogue.names.get(dialogue.state_under_review, dialogue.state_under_review)
    intro = _introduction(dialogue, sur)
    number = len(intro) + 1
    presentation = (
        f"{number}. "
        + _(
            "The delegation of {sur} presented the national report (opening statement, within "
            "its {minutes} minutes)."
        ).format(sur=sur, minutes=STATE_UNDER_REVIEW_MINUTES),
    )
    proceedings = _interactive_dialogue(dialogue, sur, number=number + 1)
    groups = _recommendations_by_response(dialogue)
    head = paragraph_number or number + 1 + len(proceedings)
    return WorkingGroupReport(
        title=_("Draft report of the Working Group on the Universal Periodic Review: {sur}").format(
            sur=sur
        ),
        sections=(
            ReportSection(_("Introduction"), intro),
            ReportSection(_("I. Summary of the proceedings of the review process"), ()),
            ReportSection(_("A. Presentation by the State under review"), presentation),
            ReportSection(
                _("B. Interactive dialogue and responses by the State under review"), proceedings
            ),
            ReportSection(
                _("II. Conclusions and/or recommendations"),
                _conclusions(groups, sur, hrc_session_for(dialogue.session), head=head),
            ),
            ReportSection(
                _("Annex: composition of the delegation"),
                (_("The delegation of {sur} (not simulated).").format(sur=sur),),
            ),
        ),
        counts={
            "supported": len(groups[Response.SUPPORTED]),
            "partially supported": len(groups[Response.PARTIALLY_SUPPORTED]),
            "noted": len(groups[Response.NOTED]),
            "pending": len(groups[None]),
        },
        notes=_notes(dialogue),
    )


def _introduction(dialogue: Dialogue, sur: str) -> tuple[str, ...]:
    """Paragraphs 1-3: the session and the meeting's length, the troika, the documents."""
    names = dialogue.names
    session = dialogue.session
    held = (
        _("The Working Group on the Universal Periodic Review held its {ordinal} session.").format(
            ordinal=_ordinal(session)
        )
        if session
        else _("The Working Group on the Universal Periodic Review held its session.")
    )
    troika = ", ".join(names.get(c, c) for c in dialogue.troika.members)
    symbol = f"A/HRC/WG.6/{session or '[n]'}/{dialogue.state_under_review}"
    time = dialogue.speaking_time
    meeting = _(
        "The review of {sur} was held in a {hours}-hour meeting: {sur_minutes} minutes for "
        "{sur}, {minutes} minutes for the {registered} delegations on the list of speakers "
        "({each} each)."
    ).format(
        sur=sur, hours=f"{REVIEW_MINUTES / 60:g}", sur_minutes=STATE_UNDER_REVIEW_MINUTES,
        minutes=DELEGATIONS_MINUTES, registered=time.registered, each=time.formatted,
    )  # fmt: skip
    return (
        f"1. {held} {meeting}",
        "2. " + _("The troika, drawn by lot, was: {troika}.").format(troika=troika),
        "3. "
        + _(
            "Documents: national report ({symbol}/1), compilation of UN information "
            "({symbol}/2) and summary of stakeholders' information ({symbol}/3)."
        ).format(symbol=symbol),
    )


def _interactive_dialogue(dialogue: Dialogue, sur: str, *, number: int) -> tuple[str, ...]:
    """Section B from paragraph ``number``: who spoke, in order, and how many recommendations."""
    names = dialogue.names
    first = dialogue.speakers.starting_state
    opening = _(
        "During the interactive dialogue, {count} delegations made statements, in the order of "
        "the list of speakers, starting with {first} (drawn by lot)."
    ).format(count=len(dialogue.statements), first=names.get(first, first))
    statements = []
    for statement in dialogue.statements:
        who = names.get(statement.speaker, statement.speaker)
        n = len(statement.recommendations)
        played = "" if statement.scripted else " " + _("[statement written by a participant]")
        made = (
            _("{who} made {n} recommendation.") if n == 1 else _("{who} made {n} recommendations.")
        ).format(who=who, n=n)
        statements.append(made + played)
    closing = _(
        "The delegation of {sur} replied to questions and comments during the dialogue and made "
        "concluding remarks."
    ).format(sur=sur)
    paragraphs = (opening, *statements, closing)
    return tuple(f"{n}. {text}" for n, text in enumerate(paragraphs, start=number))


def _recommendations_by_response(dialogue: Dialogue) -> dict[Response | None, list[str]]:
    """Each recommendation's text and its States "(Algeria) (Cabo Verde)", by the SuR's response
    (``None``: not decided yet), in the order the report lists the groups."""
    names = dialogue.names
    groups: dict[Response | None, list[str]] = {
        Response.SUPPORTED: [],
        Response.PARTIALLY_SUPPORTED: [],
        Response.NOTED: [],
        None: [],
    }
    for rec in dialogue.recommendations():
        response = dialogue.responses.get(rec.number)
        who = " ".join(f"({names.get(c, c)})" for c in rec.recommending_states)
        groups[response].append(f"{rec.text.rstrip('.')}; {who}")
    return groups


def _conclusions(
    groups: dict[Response | None, list[str]], sur: str, hrc: int | None, *, head: int
) -> tuple[str, ...]:
    """Section II from paragraph ``head``: one numbered paragraph per response, "N.1 …" items."""
    ordinal = _ordinal(hrc) if hrc else "[n]"
    if hrc or current_language() != "en":
        hrc_text = _("{ordinal} session").format(ordinal=ordinal)
    else:
        hrc_text = "[n]th session"
    leads = {
        Response.SUPPORTED: _(
            "The following recommendations have been examined by {sur} and enjoy its support:"
        ).format(sur=sur),
        Response.PARTIALLY_SUPPORTED: _(
            "{sur} supports the following recommendations in part (not an official response: "
            "the Council recognises only 'supported' and 'noted'):"
        ).format(sur=sur),
        Response.NOTED: _(
            "The following recommendations have been examined by {sur} and noted:"
        ).format(sur=sur),
        None: _(
            "The following recommendations will be examined by {sur}, which will provide "
            "responses in due time, but no later than the {session} of the Human Rights Council:"
        ).format(sur=sur, session=hrc_text),
    }
    conclusions: list[str] = []
    for response, items in groups.items():
        if not items:
            continue
        conclusions.append(f"{head}. {leads[response]}")
        conclusions += [f"{head}.{i} {text}" for i, text in enumerate(items, start=1)]
        head += 1
    conclusions.append(
        f"{head}. "
        + _(
            "All conclusions and/or recommendations contained in the present report reflect the "
            "position of the submitting State(s) and/or the State under review."
        )
    )
    return tuple(conclusions)


def _notes(dialogue: Dialogue) -> tuple[str, ...]:
    """What a reader must know about the simulation, with the sources."""
    return (
        _(
            "Simulation by uprkit: statements not written by participants are illustrative, "
            "drawn from the kit's recommendation corpus, not a record of a real review."
        ),
        dialogue.speaking_time.note,  # written in the language of the dialogue's planning
        _("Troika {note}").format(note=dialogue.troika.note),
        _(
            "Only 'supported' and 'noted' are official responses; 'partially supported' appears "
            "in practice and is listed apart (Source: [UPRI-S17], [UPRI-HRC58])."
        ),
        _("Structure follows a real report, A/HRC/59/15 (Source: [SVN-WG])."),
    )


def write_report_html(report: WorkingGroupReport, path: str | Path) -> None:
    """Write a stand-alone HTML page (UTF-8) of the report."""
    page = render(__package__, "report_page.html.j2", report=report)
    Path(path).write_text(page, encoding="utf-8")
