"""The draft report of the Working Group, with the structure of a real one (Source: [SVN-WG]).

Introduction (dates, troika, documents) → I. Summary of proceedings (A. presentation by the State
under review; B. interactive dialogue, one short paragraph per speaking State) → II. Conclusions
and/or recommendations, numbered "N.1 … (Algeria) (Cabo Verde)", grouped by the SuR's response;
recommendations it has not decided on are "examined by [SuR], which will provide responses in due
time, but no later than the [n]th session of the Human Rights Council".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from uprkit.simulations.dialogue.rules import Dialogue, Response


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
        parts = [f"<h2>{html.escape(self.title)}</h2>"]
        for section in self.sections:
            parts.append(f"<h3>{html.escape(section.title)}</h3>")
            parts += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        parts.append("<h4>Notes</h4><ul>")
        parts += [f"<li>{html.escape(n)}</li>" for n in self.notes]
        parts.append("</ul>")
        return "\n".join(parts)


def hrc_session_for(working_group_session: int | None) -> int | None:
    """The HRC session that adopts a WG session's outcomes (DERIVED from the fact sheet examples).

    4th cycle: 42→53, 43→54, 47→58, 48→59 (+11); 3rd cycle: 38→48, 40→50 (+10). Source: [UPRI-42],
    [UPRI-43], [UPRI-HRC58], [MENAFN-48], [UPRI-38], [UPRI-40].

    >>> hrc_session_for(48)
    59
    """
    if working_group_session is None:
        return None
    if working_group_session >= 41:
        return working_group_session + 11
    if 27 <= working_group_session <= 40:
        return working_group_session + 10
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def draft_report(dialogue: Dialogue, *, paragraph_number: int | None = None) -> WorkingGroupReport:
    """Write the draft Working Group report of ``dialogue``.

    ``paragraph_number`` is the number of the recommendations paragraph (e.g. 140 in "140.1");
    by default it follows the paragraphs written before it.
    """
    names = dialogue.names
    sur = names.get(dialogue.state_under_review, dialogue.state_under_review)
    session = dialogue.session
    session_text = f"its {_ordinal(session)} session" if session else "its session"
    troika = ", ".join(names.get(c, c) for c in dialogue.troika.members)
    symbol = f"A/HRC/WG.6/{session or '[n]'}/{dialogue.state_under_review}"
    intro = (
        f"1. The Working Group on the Universal Periodic Review held {session_text}. "
        f"The review of {sur} was held in a 3.5-hour meeting: 70 minutes for {sur}, "
        f"140 minutes for the {dialogue.speaking_time.registered} delegations on the list of "
        f"speakers ({dialogue.speaking_time.formatted} each).",
        f"2. The troika, drawn by lot, was: {troika}.",
        f"3. Documents: national report ({symbol}/1), compilation of UN information "
        f"({symbol}/2) and summary of stakeholders' information ({symbol}/3).",
    )
    number = len(intro) + 1
    presentation = (
        f"{number}. The delegation of {sur} presented the national report "
        "(opening statement, within its 70 minutes).",
    )
    number += 1
    first = dialogue.speakers.starting_state
    dialogue_paragraphs = [
        f"{number}. During the interactive dialogue, {len(dialogue.statements)} delegations made "
        "statements, in the order of the list of speakers, starting with "
        f"{names.get(first, first)} (drawn by lot)."
    ]
    number += 1
    for statement in dialogue.statements:
        who = names.get(statement.speaker, statement.speaker)
        n = len(statement.recommendations)
        played = "" if statement.scripted else " [statement written by a participant]"
        dialogue_paragraphs.append(
            f"{number}. {who} made {n} recommendation{'s' if n != 1 else ''}.{played}"
        )
        number += 1
    dialogue_paragraphs.append(
        f"{number}. The delegation of {sur} replied to questions and comments during the dialogue "
        "and made concluding remarks."
    )
    number += 1
    head = paragraph_number or number
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
    counts = {
        "supported": len(groups[Response.SUPPORTED]),
        "partially supported": len(groups[Response.PARTIALLY_SUPPORTED]),
        "noted": len(groups[Response.NOTED]),
        "pending": len(groups[None]),
    }
    hrc = hrc_session_for(session)
    hrc_text = f"{_ordinal(hrc)} session" if hrc else "[n]th session"
    leads = {
        Response.SUPPORTED: f"The following recommendations have been examined by {sur} and "
        "enjoy its support:",
        Response.PARTIALLY_SUPPORTED: f"{sur} supports the following recommendations in part "
        "(not an official response: the Council recognises only 'supported' and 'noted'):",
        Response.NOTED: f"The following recommendations have been examined by {sur} and noted:",
        None: f"The following recommendations will be examined by {sur}, which will provide "
        f"responses in due time, but no later than the {hrc_text} of the Human Rights Council:",
    }
    conclusions: list[str] = []
    for response, items in groups.items():
        if not items:
            continue
        conclusions.append(f"{head}. {leads[response]}")
        conclusions += [f"{head}.{i} {text}" for i, text in enumerate(items, start=1)]
        head += 1
    conclusions.append(
        f"{head}. All conclusions and/or recommendations contained in the present report reflect "
        f"the position of the submitting State(s) and/or the State under review."
    )
    notes = (
        "Simulation by uprkit: statements not written by participants are illustrative, drawn "
        "from the kit's recommendation corpus, not a record of a real review.",
        dialogue.speaking_time.note,
        "Troika " + dialogue.troika.note,
        "Only 'supported' and 'noted' are official responses; 'partially supported' appears in "
        "practice and is listed apart (Source: [UPRI-S17], [UPRI-HRC58]).",
        "Structure follows a real report, A/HRC/59/15 (Source: [SVN-WG]).",
    )
    return WorkingGroupReport(
        title=f"Draft report of the Working Group on the Universal Periodic Review: {sur}",
        sections=(
            ReportSection("Introduction", intro),
            ReportSection("I. Summary of the proceedings of the review process", ()),
            ReportSection("A. Presentation by the State under review", presentation),
            ReportSection(
                "B. Interactive dialogue and responses by the State under review",
                tuple(dialogue_paragraphs),
            ),
            ReportSection("II. Conclusions and/or recommendations", tuple(conclusions)),
            ReportSection(
                "Annex: composition of the delegation",
                (f"The delegation of {sur} (not simulated).",),
            ),
        ),
        counts=counts,
        notes=notes,
    )


def write_report_html(report: WorkingGroupReport, path) -> None:
    """Write a stand-alone HTML page (UTF-8) of the report."""
    from pathlib import Path

    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(report.title)}</title></head><body>"
        f"{report.to_html()}</body></html>"
    )
    Path(path).write_text(page, encoding="utf-8")
