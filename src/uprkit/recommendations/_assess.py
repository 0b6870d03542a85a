"""Check a recommendation against SMART and tag its issues, with suggestions a learner can act on.

SMART (fact sheet §6.2, [UPRI-FRAMING], [SMART-DECK]): a good recommendation names one
specific action, something measurable, a time frame, who must act, who benefits, and the
standard it rests on. The six elements the kit checks are in ``SMART_ELEMENTS``. Issue tags
come from the kit's issue taxonomy (``uprkit.data.load_issues()``, fact sheet §6.3a).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from uprkit.recommendations._classify import ActionClassification, classify_action, is_unread
from uprkit.recommendations._phrases import PhraseIndex, normalise

SPECIFIC_ACTION = "specific action"
MEASURABLE_TARGET = "measurable target"
TIME_FRAME = "time frame"
RESPONSIBLE_ACTOR = "responsible actor"
RIGHTS_HOLDERS = "rights-holders concerned"
STANDARD_CITED = "treaty or standard cited"
SMART_ELEMENTS = (
    SPECIFIC_ACTION,
    MEASURABLE_TARGET,
    TIME_FRAME,
    RESPONSIBLE_ACTOR,
    RIGHTS_HOLDERS,
    STANDARD_CITED,
)


# Words and phrases that show each element (matched as whole words, case-insensitive).
_ELEMENT_PHRASES = {
    MEASURABLE_TARGET: """per cent; percent; at least; no less than; no fewer than; minimum of;
        maximum of; target; targets; indicator; indicators; benchmark; benchmarks; quota; quotas;
        baseline; baselines; measurable; disaggregated; statistics; statistical data;
        number of; proportion of; percentage of; rate of; halve; double; all cases""",
    TIME_FRAME: """within a year; within one year; within two years; within three years;
        within six months; within twelve months; within a month; within months; within weeks;
        before the next review; before its next review; by the next review; by its next review;
        before the next cycle; by the next cycle; before the third cycle; before the fourth cycle;
        by the third cycle; by the fourth cycle; before the next upr; by the next upr;
        before the next universal periodic review; by the next universal periodic review;
        before its next universal periodic review; prior to the next review;
        before the next elections; before the upcoming elections; before the elections;
        ahead of the elections; before the next session; time bound; timebound; timeframe;
        time frame; timeline; time line; timetable; deadline; deadlines; mid term""",
    RESPONSIBLE_ACTOR: """ministry; ministries; minister; parliament; parliamentary;
        national assembly; legislature; congress; senate; police; judiciary; court; courts;
        judges; prosecutor; prosecutors; public prosecution; attorney general; ombudsman;
        ombudsperson;
        national human rights institution; national human rights commission; nhri;
        human rights commission; security forces; armed forces; military; army; law enforcement;
        prison staff; prison administration; prison authorities; prison service;
        local authorities; municipal; municipalities; regional authorities; provincial;
        border guards; national commission; independent commission; independent body;
        national council; national agency; national preventive mechanism;
        electoral commission; public officials; civil servants; head of state; cabinet""",
    RIGHTS_HOLDERS: """women; woman; girl; girls; children; child; boy; boys; adolescent;
        adolescents; youth; young people; minors; persons with disabilities;
        person with disabilities; persons with disability; disabled; migrant; migrants;
        migrant workers; refugee; refugees; asylum seeker; asylum seekers; stateless;
        internally displaced; idps; indigenous; minority; minorities; roma; lgbt; lgbti;
        lgbtiq; lesbian; gay; transgender; intersex; detainee; detainees; prisoner; prisoners;
        persons deprived of liberty; persons deprived of their liberty; human rights defender;
        human rights defenders; journalist; journalists; victim; victims; survivor; survivors;
        older persons; elderly; domestic workers; workers; people living with hiv;
        persons living with hiv; afro descendants; people of african descent; rural;
        the poor; persons living in poverty; religious groups; religious communities;
        ethnic groups; street children; orphans; single mothers; widows; sex workers; dalit;
        dalits; pastoralists""",
    STANDARD_CITED: """convention; conventions; covenant; covenants; protocol; protocols;
        iccpr; icescr; cedaw; opcat; op cat; cat; crc; crpd; icerd; cerd; icmw; icrmw; cped;
        icpped; paris principles; rome statute; universal declaration; udhr; declaration on;
        mandela rules; bangkok rules; beijing platform; durban declaration;
        yogyakarta principles; ilo convention; general comment; general comments;
        general recommendation; general recommendations; concluding observations;
        committee on; committee against; human rights committee; special rapporteur;
        special rapporteurs; treaty body; treaty bodies; international standards;
        international human rights standards; international law; sustainable development goal;
        sustainable development goals; sdg; sdgs; guiding principles; basic principles;
        istanbul protocol; minimum rules; international obligations; article; articles""",
}
_ELEMENT_INDEX = PhraseIndex(
    (phrase.strip(), element)
    for element, phrases in _ELEMENT_PHRASES.items()
    for phrase in phrases.split(";")
)
# Numbers need a pattern; it only runs on texts that contain a digit.
_NUMBER_PATTERNS = {
    MEASURABLE_TARGET: re.compile(
        r"\d+(?:[.,]\d+)?\s*(?:%|per\s?cent|percent)|\bage (?:of )?1\d\b|\b1\d years\b"
    ),
    TIME_FRAME: re.compile(
        r"\b(?:by|before|until|in|within|from|end of) (?:the end of )?(?:19|20)\d\d\b"
        r"|\bwithin \d+ (?:years?|months?|weeks?|days?)\b"
    ),
}
_HAS_DIGIT = re.compile(r"\d")
_VAGUE_TIME = PhraseIndex(
    (p, "vague")
    for p in (
        "as soon as possible",
        "without delay",
        "in due course",
        "at the earliest",
        "in the near future",
        "expeditiously",
        "urgently",
        "promptly",
    )
)
_ACTION_VERBS = frozenset(
    """ratify adopt establish abolish amend repeal enact ensure take strengthen develop implement
    investigate release create introduce provide guarantee promote combat prevent end remove
    withdraw accede sign extend invite protect""".split()
)


def _count_separate_actions(padded: str) -> int:
    """How many further actions are joined by "and": "ratify X and adopt Y" gives 1.

    "Sign and ratify X" is one action on one object, so a verb right after a verb is not counted.
    """
    count, start = 0, 0
    while (at := padded.find(" and ", start)) != -1:
        start = at + 5
        following = padded[start : padded.find(" ", start)]
        preceding = padded[padded.rfind(" ", 0, at) + 1 : at]
        if following in _ACTION_VERBS and preceding not in _ACTION_VERBS:
            count += 1
    return count


@dataclass(frozen=True)
class Assessment:
    """What a recommendation has and lacks (SMART), its issues, and how to improve it."""

    found: tuple[str, ...]
    missing: tuple[str, ...]
    issues: tuple[str, ...]
    suggestions: tuple[str, ...]
    action: ActionClassification


@lru_cache(maxsize=1)
def _issue_index() -> PhraseIndex:
    """Every issue keyword of the kit's taxonomy (datasets/issues.csv), read once."""
    # imported here: uprkit.data costs ~35 ms to import (python -X importtime), paid only by the
    # issue tagging, not by a participant's kernel that checks one recommendation's SMART elements
    from uprkit.data import issue_keywords

    return PhraseIndex(issue_keywords())


def find_issues(text: str) -> tuple[str, ...]:
    """Issue ids (``death_penalty``, ``womens_rights``…) whose keywords occur in the text.

    >>> find_issues("Abolish the death penalty")
    ('death_penalty',)
    """
    return _issue_index().find(*normalise(text))


@lru_cache(maxsize=1)
def _combined_index() -> PhraseIndex:
    """SMART phrases and issue keywords in one index, so a column is read in one pass."""
    issues = _issue_index()
    return PhraseIndex([*_ELEMENT_INDEX.pairs, *((p, "issue:" + i) for p, i in issues.pairs)])


def find_elements_and_issues(
    text: str, action: ActionClassification
) -> tuple[dict[str, bool], tuple[str, ...]]:
    """SMART flags and issue ids together (one pass over the words; used for whole columns)."""
    padded, words = normalise(text)
    labels = _combined_index().find(padded, words)
    present = {label for label in labels if not label.startswith("issue:")}
    issues = tuple(label[6:] for label in labels if label.startswith("issue:"))
    return _flags(text, present, action), issues


def _flags(text: str, present: set, action) -> dict[str, bool]:
    if _HAS_DIGIT.search(text):
        lowered = text.lower()
        present.update(e for e, p in _NUMBER_PATTERNS.items() if p.search(lowered))
    if action.category == 5:
        present.add(SPECIFIC_ACTION)
    if action.addressed_to_others:
        present.discard(RESPONSIBLE_ACTOR)  # the one asked to act is not the State's
    return {element: element in present for element in SMART_ELEMENTS}


def _find_elements(text: str, padded: str, words: frozenset, action) -> dict[str, bool]:
    return _flags(text, set(_ELEMENT_INDEX.find(padded, words)), action)


def find_smart_elements(text: str, action: ActionClassification) -> dict[str, bool]:
    """Which of the six SMART elements the text shows (the action comes from classify_action)."""
    return _find_elements(text, *normalise(text), action)


def _suggest(
    text: str, padded: str, words: frozenset, action: ActionClassification, found: dict[str, bool]
) -> tuple[str, ...]:
    verb = action.decisive_words[0] if action.decisive_words else ""
    tips = []
    if not text.strip():
        return ("Paste the text of one recommendation.",)
    if is_unread(action):
        return (
            "Use the English version of the recommendation (every UPR report has one; the "
            "French, Spanish and Arabic versions are read too), or classify this one by hand "
            "with the five categories.",
        )
    if action.category is None:
        tips.append(
            "Start with one verb that tells the State what to do, e.g. 'Ratify …', "
            "'Adopt a law that …', 'Establish …'."
        )
    elif action.category == 1:
        tips.append(
            "Address the State under Review and ask it for a concrete step of its own, not "
            "only to seek or share help."
        )
    elif action.category in (2, 3):
        tips.append(
            f"'{verb}' asks for little: replace it with a verb that asks for one concrete step, "
            "e.g. 'Ratify …', 'Adopt a law on …', 'Establish …'."
        )
    elif action.category == 4:
        tips.append(
            f"'{verb}' leaves the step open: name one precise action you could check, e.g. "
            "'adopt a law that criminalises …' or 'establish an independent body that …'."
        )
    if not found[MEASURABLE_TARGET]:
        tips.append(
            "Add something countable so progress can be measured: a number, a percentage or an "
            "indicator (e.g. 'halve pre-trial detention', '30 % of seats')."
        )
    if not found[TIME_FRAME]:
        if _VAGUE_TIME.find(padded, words):
            tips.append(
                "'As soon as possible' is not a deadline: give a date or 'before its next review'."
            )
        else:
            tips.append("Add a deadline, e.g. 'by 2027' or 'before its next review'.")
    if not found[RESPONSIBLE_ACTOR]:
        tips.append(
            "Say who must act (e.g. the Ministry of Justice, Parliament, the police), so "
            "civil society knows whom to follow up with."
        )
    if not found[RIGHTS_HOLDERS]:
        tips.append(
            "Name who should benefit (e.g. women in rural areas, children with disabilities)."
        )
    if not found[STANDARD_CITED]:
        tips.append(
            "Cite the standard it rests on (e.g. 'in line with CEDAW article 16' or a treaty "
            "body's concluding observations)."
        )
    if _count_separate_actions(padded) >= 1:
        tips.append("One recommendation, one action: split it so each part can be followed up.")
    return tuple(tips)


def assess(text: str, language: str | None = None) -> Assessment:
    """Check one recommendation: SMART elements found and missing, issues, suggestions, action.

    ``language`` ("en", "fr", "es", "ar") picks the rules; None tells it from the text. A
    French, Spanish or Arabic text gets its suggestions in its own language.

    >>> result = assess("Ratify the Convention against Torture before its next review")
    >>> result.action.category, "time frame" in result.found
    (5, True)
    >>> assess("Ratifier la Convention contre la torture d'ici à 2027").found[:2]
    ('specific action', 'time frame')
    """
    action = classify_action(text, language)  # raises a clear error for a non-string
    padded, words = normalise(text)
    issues = _issue_index().find(padded, words)
    if action.language != "en":
        flags = other_language_flags(text, action)
        found = tuple(e for e in SMART_ELEMENTS if flags[e])
        missing = tuple(e for e in SMART_ELEMENTS if not flags[e])
        from uprkit.recommendations._localised import suggestions

        tips = suggestions(
            action.language, text, action.category, action.decisive_words, set(found)
        )
        return Assessment(found, missing, issues, tips, action)
    if is_unread(action):
        flags = dict.fromkeys(SMART_ELEMENTS, False)  # empty, or not in a language it reads
    else:
        flags = _find_elements(text, padded, words, action)
    found = tuple(e for e in SMART_ELEMENTS if flags[e])
    missing = tuple(e for e in SMART_ELEMENTS if not flags[e])
    return Assessment(found, missing, issues, _suggest(text, padded, words, action, flags), action)


def other_language_flags(text: str, action: ActionClassification) -> dict[str, bool]:
    """SMART flags of a French, Spanish or Arabic text (its own word lists, ._localised)."""
    from uprkit.recommendations._localised import find_elements

    present = find_elements(action.language, text, action.category)
    if action.addressed_to_others:
        present.discard(RESPONSIBLE_ACTOR)
    return {element: element in present for element in SMART_ELEMENTS}
