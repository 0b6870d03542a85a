"""The draft Working Group report as the dialogue widget folds it, the State a participant
types, and the widget's error messages."""

from __future__ import annotations

import difflib
import re

from uprkit.data import to_iso3
from uprkit.errors import SimulationError, UnknownStateError
from uprkit.i18n import _
from uprkit.simulations.dialogue import Dialogue, WorkingGroupReport
from uprkit.simulations.state_names import state_names

__all__ = ["raise_no_dialogue", "report_sections", "state_code"]

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


def state_code(typed: str) -> str:
    """The ISO3 code of a State typed as a code, or by its name in the participant's language
    (or in English); an unknown name is refused with the closest names of that language."""
    typed = str(typed).strip()
    names = state_names()
    by_name = {name.casefold(): code for code, name in names.items()}
    if typed.casefold() in by_name:
        return by_name[typed.casefold()]
    try:
        return to_iso3(typed)
    except UnknownStateError:
        close = difflib.get_close_matches(typed, list(names.values()), n=3, cutoff=0.6)
        raise UnknownStateError(
            _(
                "unknown State “{value}”; close matches: {names}. Type its ISO3 code (KEN) or its "
                "name as the list of States writes it."
            ).format(value=typed, names=", ".join(close) or "—")
        ) from None
