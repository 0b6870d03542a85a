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
from uprkit.i18n import _

_LIST_MARK = re.compile(  # "(a) ", "1. ", "(أ) "
    r"^\s*(?:\(?[a-z0-9\u0621-\u064a]{1,3}[.)]\s+|[-*\u2022]\s*)"
)
_LEAD_IN = re.compile(
    # who speaks: "We", "Germany", "The United Kingdom", "We therefore" ...
    r"^\s*(?:(?i:we|it|and|the)\s+|[A-Z][\w'’-]*\s+)*(?i:therefore\s+|also\s+|would like to\s+)*"
    r"(?i:recommends?|urges?|calls? (?:up)?on|encourages?|invites?)\s+(?i:that\s+)?(?i:the\s+)?"
    # the State's name: capitalised words ("Kenya", "Republic of Korea"), then "to" or ":"
    r"(?:(?:[A-Z][\w'’.-]*|of|and)(?:\s+(?:[A-Z][\w'’.-]*|of|and))*\s*(?:to\s+)?[:,]?\s*)?"
)
_SHOULD = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s+|(?i:le|la|el)\s+)+"
    r"(?i:should|must|shall|devrait|doit|debería|debe)\s+"
)  # "Kenya should ratify", "Le Kenya devrait ratifier", "Kenia debería ratificar"
# The lead-ins of a statement in French, Spanish and Arabic, as delegations write them:
# "Nous recommandons au Kenya de ratifier …", "Recomendamos a Kenia: a) ratificar …",
# "نوصي كينيا بالتصديق على …" / "نوصي كينيا بما يلي: (أ) التصديق …".
_FR_NAME = r"(?:(?:l['’])?État\s+examiné|[A-ZÉÈÎ][\w'’.-]*|de|du|des|et|la)"
_ES_NAME = r"(?:Estado\s+examinado|[A-ZÁÉÍÓÚÑ][\w'’.-]*|de|del|y|la)"
_OTHER_LEAD_INS = (
    re.compile(
        r"^\s*(?:(?i:nous|la|le|les|l['’])\s*|[A-ZÉÈ][\w'’-]*\s+)*"
        r"(?i:recommandons|recommande|recommandent|exhortons|exhorte|engageons|engage|"
        r"invitons|invite|demandons|demande|encourageons|encourage)\s+"
        r"(?:(?i:vivement|également|aussi)\s+)?"
        rf"(?:(?:(?i:au|aux|à\s+la|à\s+l['’]|à))\s*{_FR_NAME}(?:\s+{_FR_NAME})*)?"
        r"\s*[:,]?\s*(?:(?i:de|d['’])\s*)?"
    ),
    re.compile(
        r"^\s*(?:(?i:nosotros|el|la|los)\s+|[A-ZÁÉÍÓÚÑ][\w'’-]*\s+)*"
        r"(?i:recomendamos|recomienda|recomiendan|instamos|insta|exhortamos|exhorta|"
        r"alentamos|alienta|invitamos|invita|pedimos|pide)\s+"
        r"(?:(?i:encarecidamente|también|asimismo)\s+)?"
        rf"(?:(?i:a|al)\s+(?:(?i:la|el|los)\s+)?{_ES_NAME}(?:\s+{_ES_NAME})*)?"
        r"\s*[:,]?\s*(?:(?i:que)\s+)?"
    ),
    re.compile(
        r"^\s*(?:\S+\s+){0,3}?و?(?:نوصي|توصي|يوصي|ندعو|تدعو|يدعو|نحث|تحث|يحث|نشجع|تشجع)"
        r"(?:\s+[^\s:]+?){0,4}?(?:\s*:\s*|\s+(?=ب)|\s*$)"
    ),
)
_PARTICLE = re.compile(r"^(?:(?i:de\s+|d['’]\s*)|ب(?=ال))")  # "de ratifier", "بالتصديق"


def split_statement(text: str) -> list[str]:
    """Cut a statement into candidate sentences or list items (";", ".", new lines, bullets)."""
    pieces = re.split(r"(?<=[.;:!?؛])\s+|\n+|[;؛]\s*", text)
    return [p.strip(" \t-*\u2022;") for p in pieces if p and p.strip(" \t-*\u2022;.")]


def extract_recommendations(text: str) -> tuple[str, ...]:
    """The parts of a statement that ask the SuR to act (classified by uprkit.recommendations)."""
    # imported here: the analyser's word lists cost 30-75 ms to import (python -X importtime),
    # and a dialogue needs them only once a participant writes a statement
    from uprkit.recommendations import classify_action

    found = []
    for piece in split_statement(text):
        unmarked = _LIST_MARK.sub("", piece, count=1)
        lead = _LEAD_IN.match(unmarked) or _other_lead_in(unmarked)
        core = _SHOULD.sub("", unmarked[lead.end() :] if lead else unmarked, count=1).strip()
        core = _PARTICLE.sub("", core, count=1)
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


def _other_lead_in(piece: str):
    """The French, Spanish or Arabic lead-in of ``piece``, if it has one that asks to act."""
    for pattern in _OTHER_LEAD_INS:
        match = pattern.match(piece)
        if match and match.end():
            return match
    return None


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
        raise SimulationError(
            _("the statement for {speaker} is empty: write what you recommend").format(
                speaker=speaker
            )
        )
    recs = extract_recommendations(text)
    if not recs:
        raise SimulationError(
            _(
                "the statement for {speaker} has no recommendation in it: the Working Group "
                "report only records recommendations. Start a sentence with an action, e.g. "
                "'Ratify the Optional Protocol to the Convention against Torture by 2027.' or "
                "'We recommend that the State adopt a law on ...'"
            ).format(speaker=speaker)
        )
    return Statement(speaker, str(text).strip(), recs, scripted)
