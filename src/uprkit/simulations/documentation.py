"""From incident records to a submission paragraph, without harming anyone (lesson 15).

Three questions a documenter asks of every record before it goes into a UPR or treaty-body
submission, as plain functions:

* **May we use it, and how?** :func:`allowed_use` reads the consent: none, withdrawn or
  "internal only" → not at all; "anonymous statistics" → counted in numbers only; "anonymous
  case" → described without identifying details; "named" → the person agreed to be named (still
  weigh the risk of reprisals: lesson 10).
* **How sure are we?** :func:`verification_level`: "corroborated" (two or more independent
  sources, one of them first-hand or a document), "single source" (one first-hand or documentary
  source: report it as an account received, not as an established fact), "unverified" (only
  second-hand sources such as a media report). This is the kit's teaching rule, drawn from
  OHCHR's monitoring manuals [OHCHR-TM7]; organisations set their own thresholds.
* **Could it identify someone?** :func:`find_identifying_details` looks for the details in the
  case's key (names, places, numbers kept apart from the records) and for patterns that identify
  people anywhere: telephone numbers, e-mail addresses, street addresses, exact ages and dates
  of birth, ID numbers.

:func:`check_incidents` applies all three to a table of records and :func:`check_paragraph` to a
draft paragraph. Nothing here is sent anywhere: the checks run on the participant's machine.

>>> allowed_use("written", "anonymous case", withdrawn=False)
<Use.DESCRIBE: 'describe without identifying details'>
>>> verification_level(("victim testimony", "medical record"), 2)
'corroborated'
>>> [f.kind for f in find_identifying_details("Call +999 555 0142 or visit 14 Quay Street.")]
['telephone number', 'street address']
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from uprkit.data.practice import CONSENT_SCOPES, CONSENTS, SOURCE_KINDS
from uprkit.errors import DataError
from uprkit.i18n import N_, _

__all__ = [
    "FIRST_HAND",
    "SECOND_HAND",
    "Finding",
    "ParagraphCheck",
    "Use",
    "allowed_use",
    "check_incidents",
    "check_paragraph",
    "count_usable",
    "find_identifying_details",
    "verification_level",
]


class Use(enum.Enum):
    """What a record's consent allows in a submission, from nothing to naming the person."""

    NONE = "do not use"
    COUNT = "count in numbers only"
    DESCRIBE = "describe without identifying details"
    NAME = "may be named (weigh the risk of reprisals)"


FIRST_HAND = ("victim testimony", "witness testimony")
DOCUMENTARY = (
    "medical record",
    "official document",
    "court record",
    "lawyer's statement",
    "photograph",
)
SECOND_HAND = ("media report",)
_SCOPE_USE = {
    "internal only": Use.NONE,
    "anonymous statistics": Use.COUNT,
    "anonymous case": Use.DESCRIBE,
    "named": Use.NAME,
}


def allowed_use(consent: str, scope: str, *, withdrawn: bool) -> Use:
    """The widest use the person agreed to; nothing at all without consent or after withdrawal.

    >>> allowed_use("oral", "named", withdrawn=True)
    <Use.NONE: 'do not use'>
    """
    if consent not in CONSENTS:
        raise DataError(f"unknown consent {consent!r}; expected one of: {', '.join(CONSENTS)}")
    if scope not in CONSENT_SCOPES:
        raise DataError(
            f"unknown consent scope {scope!r}; expected one of: {', '.join(CONSENT_SCOPES)}"
        )
    if consent == "none" or withdrawn:
        return Use.NONE
    return _SCOPE_USE[scope]


def verification_level(source_kinds: Iterable[str], independent_sources: int) -> str:
    """ "corroborated", "single source" or "unverified" (the kit's teaching rule, see above).

    ``independent_sources`` is the documenter's count of sources that did not learn the facts
    from each other: a news site repeating the same witness is not a second source.

    >>> verification_level(("witness testimony", "media report"), 1)
    'single source'
    >>> verification_level(("media report",), 1)
    'unverified'
    """
    kinds = tuple(source_kinds)
    unknown = set(kinds) - set(SOURCE_KINDS)
    if unknown:
        raise DataError(
            f"unknown source kind(s) {sorted(unknown)}; expected one of: {', '.join(SOURCE_KINDS)}"
        )
    if independent_sources < 0 or independent_sources > max(len(kinds), 0):
        raise DataError(
            f"{independent_sources} independent sources for {len(kinds)} source(s) {list(kinds)}: "
            "there cannot be more independent sources than sources"
        )
    strong = any(kind in FIRST_HAND + DOCUMENTARY for kind in kinds)
    if not strong or independent_sources == 0:
        return "unverified"
    return "corroborated" if independent_sources >= 2 else "single source"


@dataclass(frozen=True)
class Finding:
    """A detail in a text that could identify a person: what kind, the words, where they start."""

    kind: str
    text: str
    start: int


# Patterns for details that identify people in any case; each is (kind, regular expression).
_PATTERNS = (
    (N_("telephone number"), r"\+\d{1,3}[ ()-]*\d[\d ()-]{5,}\d|\b0\d{2,4}[ -]\d{3}[ -]?\d{3,4}\b"),
    (N_("e-mail address"), r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (
        N_("street address"),
        r"\b\d{1,4}[a-zA-Z]? [A-Z][a-z]+(?: [A-Z][a-z]+)* "
        r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Close|Way|Boulevard)\b",
    ),
    (N_("exact age"), r"\b(?:aged|age) \d{1,3}\b|\b\d{1,3}[- ]years?[- ]old\b"),
    (N_("date of birth"), r"\b(?:born (?:on|in)|date of birth)\b[^.;,]{0,30}\d"),
    (N_("ID number"), r"\b(?:ID|passport|card)(?: number| no\.?)?:? ?[A-Z]{0,3}\d{5,}\b"),
)


def find_identifying_details(text: str, protected: Iterable[str] = ()) -> list[Finding]:
    """Details in ``text`` that could identify someone, in the order they appear.

    ``protected`` are the case's own identifying details (names, villages, employers, numbers
    from the key file); they are found whole-word and case-insensitively.

    >>> [f.text for f in find_identifying_details("Ms Okoro, aged 34, spoke to us.", ["Okoro"])]
    ['Okoro', 'aged 34']
    """
    findings: dict[tuple[int, int], Finding] = {}
    for detail in {d.strip() for d in protected if d and d.strip()}:
        for match in re.finditer(rf"(?<!\w){re.escape(detail)}(?!\w)", text, re.IGNORECASE):
            findings[match.span()] = Finding(
                N_("detail from the case key"), match.group(0), match.start()
            )
    for kind, pattern in _PATTERNS:
        for match in re.finditer(pattern, text):
            if not any(s <= match.start() < e for s, e in findings):
                findings[match.span()] = Finding(kind, match.group(0), match.start())
    return sorted(findings.values(), key=lambda f: f.start)


def check_incidents(
    incidents: pd.DataFrame, key: Mapping[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """One row per record: its allowed use, its verification, and what to fix before using it.

    ``incidents`` has the columns of :func:`uprkit.data.practice.load_incidents`; ``key`` maps
    pseudonyms to identifying details (:func:`uprkit.data.practice.load_incident_key`). Columns
    of the result: incident_id, violation, use, verification, how_to_write, problems.
    """
    missing = {
        "incident_id",
        "violation",
        "pseudonym",
        "summary",
        "source_kinds",
        "independent_sources",
        "consent",
        "consent_scope",
        "consent_withdrawn",
    } - set(incidents.columns)
    if missing:
        raise DataError(f"the incident table lacks the column(s) {sorted(missing)}")
    every_detail = [d for details in (key or {}).values() for d in details]
    rows = []
    for row in incidents.itertuples():
        where = f"{row.incident_id}"
        use = allowed_use(str(row.consent), str(row.consent_scope), withdrawn=row.consent_withdrawn)
        level = verification_level(row.source_kinds, int(row.independent_sources))
        problems = []
        if row.consent_withdrawn:
            problems.append(_("consent withdrawn: remove it from every draft and count"))
        elif use is Use.NONE:
            problems.append(
                _("no consent to use it outside the organisation ({scope})").format(
                    scope=row.consent_scope
                )
            )
        if level == "unverified":
            problems.append(_("unverified: only second-hand sources; do not present it as a fact"))
        elif level == "single source":
            problems.append(_("single source: write it as an account received, or corroborate it"))
        details = find_identifying_details(str(row.summary), every_detail)
        if details:
            shown = ", ".join(f"{d.text!r} ({_(d.kind)})" for d in details)
            found = _("identifying details in the summary: {details}").format(details=shown)
            if use is Use.NAME:
                found += " " + _("(the person agreed to be named: keep only what is needed)")
            problems.append(found)
        rows.append(
            {
                "incident_id": where,
                "violation": row.violation,
                "use": use.value,
                "verification": level,
                "how_to_write": _how_to_write(use, level),
                "problems": "; ".join(problems),
            }
        )
    return pd.DataFrame(rows)


def _how_to_write(use: Use, level: str) -> str:
    """How to write a record up, in the language in use."""
    if use is Use.NONE:
        return _("leave it out")
    if level == "unverified":
        return _("leave it out, or cite the public source itself as a report")
    verb = _("we documented") if level == "corroborated" else _("we received an account")
    how = _("count only") if use is Use.COUNT else _("describe without details")
    return f"{verb}; {how}"


def count_usable(checked: pd.DataFrame) -> pd.DataFrame:
    """Per violation: records that may be counted, and how many of those are corroborated.

    Indicators for a submission come from here: numbers over a period, not names.
    """
    usable = checked[(checked["use"] != Use.NONE.value) & (checked["verification"] != "unverified")]
    counts = usable.groupby("violation").agg(
        usable=("incident_id", "size"),
        corroborated=("verification", lambda v: int((v == "corroborated").sum())),
    )
    return counts.reset_index().sort_values("usable", ascending=False, kind="stable")


@dataclass(frozen=True)
class ParagraphCheck:
    """What :func:`check_paragraph` found: identifying details and missing parts, as advice."""

    findings: tuple[Finding, ...]
    missing: tuple[str, ...]

    @property
    def safe(self) -> bool:
        return not self.findings


# What a submission paragraph built on documentation should say (lesson 15), as patterns.
# The parts of a paragraph, found in English, French, Spanish or Arabic (a workshop writes in
# its language); the names are shown translated (uprkit.widgets.documentation).
_PARTS = (
    (
        N_("a number (how many cases)"),
        r"\b\d+\b|\b(two|three|four|five|six|seven|eight|nine|ten|deux|trois|quatre|cinq|"
        r"dos|tres|cuatro|cinco)\b",
    ),
    (N_("the period covered (a year or dates)"), r"\b(19|20)\d{2}\b"),
    (
        N_("how you know (documented, interviewed, verified …)"),
        r"\b(document|interview|verif|vérifi|corroborat|corrobor|record|collect|entretien|"
        r"entrevist|recueill|recopil|enregistr|registr|و?وثق|و?قابل|و?تحقق|و?جمع)\w*",
    ),
    (
        N_("a recommendation (recommend, urge, call on …)"),
        r"\b(recommend|recommand|recomend|urge|exhort|insta|call[s]? on|should|devrait|deber|"
        r"نوصي|توصي|يوصي|ندعو|تدعو|يدعو|ينبغي)\w*",
    ),
)


def check_paragraph(text: str, key: Mapping[str, Iterable[str]] | None = None) -> ParagraphCheck:
    """Check a draft submission paragraph: identifying details first, then its parts.

    >>> check = check_paragraph("Between January and August 2025 we documented 6 evictions. "
    ...                         "We recommend a moratorium.")
    >>> check.safe, check.missing
    (True, ())
    """
    if not isinstance(text, str):
        raise DataError(f"the paragraph must be text, got {type(text).__name__}")
    details = [d for values in (key or {}).values() for d in values]
    findings = tuple(find_identifying_details(text, details))
    missing = tuple(what for what, pattern in _PARTS if not re.search(pattern, text, re.I))
    return ParagraphCheck(findings, missing)
