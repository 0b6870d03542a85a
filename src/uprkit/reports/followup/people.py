"""People named in a follow-up matrix, replaced by pseudonyms before a report shows them.

A coalition's matrix names people: its CSO leads, and in the evidence a witness, an official, a
victim. Reports show "Person 03" instead, unless the trainer asks for names. The pseudonyms come
from the kit's one key mechanism (:func:`uprkit.workshop.privacy.ensure_pseudonyms`): a random,
stable key kept in a folder beside the matrix, never in the report, so a person keeps their
pseudonym from one report to the next.

Who is a person? Three sources, all used: every name in the ``cso_lead`` column; the names a
coalition lists in a people file (one a line: the reliable way for witnesses and officials); and
names written after a title (Mr, Ms, Dr, Mme, Sr., Sra., السيد ...). A name with no title that is
in neither list cannot be found by a machine: a person must read a report before it is shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from uprkit.errors import InputFileError
from uprkit.workshop.privacy import ensure_pseudonyms

__all__ = [
    "KEY_FOLDER",
    "PEOPLE_COLUMNS",
    "find_people",
    "pseudonymise_people",
    "read_people_file",
]

KEY_FOLDER = "followup-people"  # beside the matrix: its pseudonyms.csv is the key back to people
# Columns whose text may name people (and cso_lead, which only holds names).
PEOPLE_COLUMNS = ("cso_lead", "evidence", "evidence_source", "indicators", "next_step", "conflict")
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Judge|Justice|M|Mme|Mlle|Me|Sr|Sra|Srta|Dra|Don|Doña|Lic)\.?"
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_TITLED = re.compile(rf"\b{_TITLE}\s+((?:{_NAME_WORD}\s?){{1,3}})")
_ARABIC_TITLED = re.compile(r"(?:السيد|السيدة|الدكتور|الدكتورة)\s+((?:[\u0621-\u064A]+\s?){1,3})")
_SPLIT = re.compile(r"\s*(?:;|/|,|\band\b|\bet\b|\by\b|&)\s*")


def read_people_file(path) -> list[str]:
    """Names listed one a line (UTF-8; lines starting with # are comments)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(path, "is not UTF-8 text; save it as UTF-8 (one name a line)") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def find_people(matrix: pd.DataFrame, people: Iterable[str] = ()) -> list[str]:
    """Every person a report must hide: CSO leads, the listed ``people``, titled names.

    >>> m = pd.DataFrame({"cso_lead": ["Amina K.; Jo Lee"],
    ...                   "evidence": ["Dr Paul Otieno said the bill stalled"],
    ...                   "evidence_source": [""], "indicators": [""], "next_step": [""],
    ...                   "conflict": [""]})
    >>> find_people(m, ["Wanjiru"])
    ['Amina K.', 'Jo Lee', 'Paul Otieno', 'Wanjiru']
    """
    found: dict[str, None] = {}
    if "cso_lead" in matrix:
        for cell in matrix["cso_lead"].astype(str):
            for name in _SPLIT.split(cell):
                if name.strip():
                    found.setdefault(name.strip(), None)
    for column in PEOPLE_COLUMNS[1:]:
        if column not in matrix:
            continue
        for cell in matrix[column].astype(str):
            for pattern in (_TITLED, _ARABIC_TITLED):
                for match in pattern.finditer(cell):
                    found.setdefault(match.group(1).strip(), None)
    for name in people:
        if name.strip():
            found.setdefault(name.strip(), None)
    return sorted(found, key=str.casefold)


def _replace(text: str, pattern: re.Pattern | None, labels: Mapping[str, str]) -> str:
    if not text or pattern is None:
        return text
    return pattern.sub(lambda m: labels[m.group(0).casefold()], text)


def pseudonymise_people(
    matrix: pd.DataFrame,
    key_folder,
    *,
    people: Iterable[str] = (),
    label: str = "Person {number}",
) -> pd.DataFrame:
    """A copy of ``matrix`` with every person of :func:`find_people` replaced by a pseudonym.

    ``label`` is how a pseudonym reads in the report's language ("Personne {number}" ...). Longer
    names are replaced first, so "Paul Otieno" is never half-replaced by a listed "Paul".
    """
    names = find_people(matrix, people)
    out = matrix.copy()
    if not names:
        return out
    key = ensure_pseudonyms(Path(key_folder), names)
    labels = {name.casefold(): label.format(number=key[name].rsplit(" ", 1)[-1]) for name in names}
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE
    )
    for column in PEOPLE_COLUMNS:
        if column in out:
            out[column] = out[column].astype(str).map(lambda t: _replace(t, pattern, labels))
    return out
