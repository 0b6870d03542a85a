"""What delegations say in the Working Group, and the recommendations found in it.

A participant's statement is prose ("Thank you, Mr President. We recommend that Kenya: (a) ratify
...; (b) adopt ..."). It is cut into sentences and list items; a piece counts as a recommendation
when it opens with the action (after a "we recommend that <State>" lead-in, or "<State> should")
and the kit's analyser (:func:`uprkit.recommendations.classify_action`) finds an action category.

>>> split_statement("We recommend: (a) ratify the CAT; (b) adopt a law.")
['We recommend:', '(a) ratify the CAT', '(b) adopt a law.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uprkit.errors import SimulationError

_LIST_MARK = re.compile(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+|[-*\u2022]\s*)")  # "(a) ", "1. "
_LEAD_IN = re.compile(
    # who speaks: "We", "Germany", "The United Kingdom", "We therefore" ...
    r"^\s*(?:(?i:we|it|and|the)\s+|[A-Z][\w'’-]*\s+)*(?i:therefore\s+|also\s+|would like to\s+)*"
    r"(?i:recommends?|urges?|calls? (?:up)?on|encourages?|invites?)\s+(?i:that\s+)?(?i:the\s+)?"
    # the State's name: capitalised words ("Kenya", "Republic of Korea"), then "to" or ":"
    r"(?:(?:[A-Z][\w'’.-]*|of|and)(?:\s+(?:[A-Z][\w'’.-]*|of|and))*\s*(?:to\s+)?[:,]?\s*)?"
)
_SHOULD = re.compile(r"^(?:[A-Z][\w'’.-]*\s+)+(?i:should|must|shall)\s+")  # "Kenya should ratify"


def split_statement(text: str) -> list[str]:
    """Cut a statement into candidate sentences or list items (";", ".", new lines, bullets)."""
    pieces = re.split(r"(?<=[.;:!?])\s+|\n+|;\s*", text)
    return [p.strip(" \t-*\u2022;") for p in pieces if p and p.strip(" \t-*\u2022;.")]


def extract_recommendations(text: str) -> tuple[str, ...]:
    """The parts of a statement that ask the SuR to act (classified by uprkit.recommendations)."""
    # imported here: the analyser's word lists cost 30-75 ms to import (python -X importtime),
    # and a dialogue needs them only once a participant writes a statement
    from uprkit.recommendations import classify_action

    found = []
    for piece in split_statement(text):
        unmarked = _LIST_MARK.sub("", piece, count=1)
        lead = _LEAD_IN.match(unmarked)
        core = _SHOULD.sub("", unmarked[lead.end() :] if lead else unmarked, count=1).strip()
        if not core:
            continue
        core = core[0].upper() + core[1:]
        action = classify_action(core)
        if action.category is None:
            continue
        # "We welcome the report" mentions a verb but asks nothing: without a "we recommend"
        # lead-in, the sentence must open with the action itself ("Ratify ...").
        first = core.split()[0].lower()
        if lead or any(first == w.split()[0].lower() for w in action.decisive_words):
            found.append(core.rstrip(".") + ".")
    return tuple(found)


@dataclass(frozen=True)
class Statement:
    """What one delegation said, and the recommendations it made."""

    speaker: str
    text: str
    recommendations: tuple[str, ...]
    scripted: bool = True
    source_ids: tuple[str, ...] = ()


def make_statement(speaker: str, text: str, *, scripted: bool = False) -> Statement:
    """A participant's statement; it must contain at least one recommendation."""
    if not str(text).strip():
        raise SimulationError(f"the statement for {speaker} is empty: write what you recommend")
    recs = extract_recommendations(text)
    if not recs:
        raise SimulationError(
            f"the statement for {speaker} has no recommendation in it: the Working Group report "
            "only records recommendations. Start a sentence with an action, e.g. 'Ratify the "
            "Optional Protocol to the Convention against Torture by 2027.' or 'We recommend that "
            "the State adopt a law on ...'"
        )
    return Statement(speaker, str(text).strip(), recs, scripted)
