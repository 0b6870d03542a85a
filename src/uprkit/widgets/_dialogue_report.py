"""The draft Working Group report as the dialogue widget folds it, and its error messages."""

from __future__ import annotations

import re

from uprkit.errors import SimulationError
from uprkit.i18n import _
from uprkit.simulations.dialogue import Dialogue, WorkingGroupReport

__all__ = ["raise_no_dialogue", "report_sections"]

_LEAD = re.compile(r"^\d+\. ")  # "87. The following recommendations …"
_ITEM = re.compile(r"^\d+\.\d+ ")  # "87.1 Strengthen …"


def report_sections(report: WorkingGroupReport) -> list[dict]:
    """The report in folds: per section its paragraphs, and per lead paragraph ("87. The
    following recommendations … enjoy its support:") the numbered items under it, so that a
    participant opens what they want to read instead of scrolling 150 recommendations."""
    sections = []
    for section in report.sections:
        blocks: list[dict] = []
        for paragraph in section.paragraphs:
            if _ITEM.match(paragraph) and blocks and blocks[-1]["lead"]:
                blocks[-1]["items"].append(paragraph)
            else:
                blocks.append(
                    {"lead": bool(_LEAD.match(paragraph)), "text": paragraph, "items": []}
                )
        for block in blocks:  # "87.1 <the recommendation as published>; (Algeria)"
            block["items"] = [_quoted_item(item) for item in block["items"]]
        has_items = any(block["items"] for block in blocks)
        sections.append({"title": section.title, "blocks": blocks, "open": has_items})
    return sections


def _quoted_item(item: str) -> tuple[str, str, str]:
    """(number, the recommendation's text as published, "; (who)"): the text is marked as
    quoted in its own language (the kit's corpus is the UN's English text)."""
    number, _sp, rest = item.partition(" ")
    text, sep, who = rest.rpartition("; (")
    if not sep:
        return number, rest, ""
    return number, text, f"; ({who}"


def raise_no_dialogue(dialogue: Dialogue | None):
    if dialogue is None:
        raise SimulationError(
            _("start the dialogue first (button “{button}”)").format(button=_("Start the dialogue"))
        )
    raise SimulationError(_("you have answered all your recommendations; see the draft report"))
