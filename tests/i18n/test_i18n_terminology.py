"""Every French, Spanish and Arabic catalog uses the UN terms fixed in its TERMINOLOGY.md.

Each language's ``course/locale/<language>/TERMINOLOGY.md`` has one table (English | fixed term |
variants to avoid | note); a translation that uses a variant the table rules out fails here,
in the lessons, the assignments, the guide, the glossary, the data's cards and the rubrics.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uprkit.i18n.notebooks import read_translations

KIT_ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "es", "ar")
# What each glossary must fix, as the UN's own texts say it.
KEY_TERMS = {
    "fr": {
        "Universal Periodic Review (UPR)": "Examen périodique universel (EPU)",
        "State under Review": "État examiné",
        "treaty bodies": "organes conventionnels",
        "mid-term report": "rapport à mi-parcours",
    },
    "es": {
        "Universal Periodic Review (UPR)": "Examen Periódico Universal (EPU)",
        "State under Review": "Estado examinado",
        "treaty bodies": "órganos de tratados",
        "mid-term report": "informe de mitad de período",
    },
    "ar": {
        "Universal Periodic Review (UPR)": "الاستعراض الدوري الشامل",
    },
}
RESPONSES = {"fr": ("appuie", "prend note"), "es": ("apoya", "toma nota"), "ar": ("تأييد", "علماً")}


def normalised(text: str, language: str) -> str:
    """Typographic apostrophes and non-breaking spaces as plain ones, one space between words;
    Spanish compared in lower case (its glossary lists lower-case variants)."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+", " ", text)
    return text.lower() if language == "es" else text


def glossary_rows(language: str) -> list[tuple[str, str, list[str]]]:
    """(English, fixed term, variants to avoid) for each row of the glossary's table."""
    glossary = KIT_ROOT / "course" / "locale" / language / "TERMINOLOGY.md"
    rows = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "---") or set(cells[0]) <= set("-: "):
            continue
        english, fixed, avoid, _note = cells
        variants = [normalised(v.strip(), language) for v in avoid.split(" ; ") if v.strip()]
        rows.append((english, fixed, variants))
    return rows


def checked_text(translation: str, language: str) -> str:
    """A translation without what is never translated: source keys, code, addresses."""
    text = re.sub(r"\[[A-Z0-9-]+\]|`[^`]*`|\]\([^)]*\)|\S+\.(org|int|net)\S*", " ", translation)
    return normalised(text, language)


def uses(variant: str, text: str, language: str) -> bool:
    """Whether ``variant`` is in ``text``: as whole words in French and Spanish ('rpu' is not in
    'corpus'); anywhere in Arabic, whose prefixes join the word («والمراجعة»)."""
    if language == "ar":
        return variant in text
    return re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", text) is not None


def mentions(english: str, term: str) -> bool:
    """Whether the English paragraph uses the glossary's term ("UPR" or "Universal Periodic
    Review" for "Universal Periodic Review (UPR)"; "supported" for "supported (response)")."""
    names = [n.strip() for n in re.split(r"[()/;]", term) if n.strip()]
    names = [n for n in names if n.lower() not in ("response", "verb", "noun")]
    return any(re.search(rf"(?<!\w){re.escape(n)}", english, re.I) for n in names)


# A variant that is right where the English itself says that word ("accepted", "rejected" in a
# quiz's wrong option, or where a lesson explains why "rejected" is the wrong word for "noted").
SAID_IN_ENGLISH = {"ar": {"مقبولة": "accept", "مرفوضة": "reject", "رفضت": "reject"}}


def quoted_as_such(variant: str, english: str, language: str) -> bool:
    word = SAID_IN_ENGLISH.get(language, {}).get(variant)
    return bool(word) and word in english.lower()


def catalogs():
    for language in LANGUAGES:
        for po in sorted((KIT_ROOT / "course" / "locale" / language / "LC_MESSAGES").glob("*.po")):
            yield pytest.param(language, po, id=f"{language}-{po.stem}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_fixes_the_key_un_terms(language):
    rows = {english: fixed for english, fixed, _ in glossary_rows(language)}
    assert len(rows) >= 20, "the table of TERMINOLOGY.md was not read"
    for english, fixed in KEY_TERMS[language].items():
        assert rows[english] == fixed
    supported, noted = RESPONSES[language]
    assert supported in rows["supported (response)"] and noted in rows["noted (response)"]
    for _, fixed, variants in glossary_rows(language):
        assert normalised(fixed, language) not in variants, fixed


@pytest.mark.parametrize(("language", "po"), list(catalogs()))
def test_catalogs_avoid_the_variants_the_glossary_rules_out(language, po):
    rows = glossary_rows(language)
    found = []
    for english, translation in read_translations(po, language).items():
        text = checked_text(translation, language)
        for term, fixed, variants in rows:
            if not mentions(english, term):
                continue  # a variant can only mistranslate a term the English uses
            found += [
                f"{variant!r} (use {fixed!r} for {term!r}) in: {english[:70]!r}"
                for variant in variants
                if uses(variant, text, language) and not quoted_as_such(variant, english, language)
            ]
    assert not found, f"{po.name}: " + "\n".join(found)


WRONG = {
    "fr": ("La troika et l’État sous examen ([OHCHR-REPR], `troika`).",
           {"troika", "État sous examen"}),
    "es": ("La Troica y el Estado bajo examen ([OHCHR-REPR], `troica`).",
           {"troica", "estado bajo examen"}),
    "ar": ("تنظر المراجعة الدورية الشاملة في حالة الدولة قيد الاستعراض.",
           {"المراجعة الدورية الشاملة"}),
}  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_check_catches_a_wrong_variant(language):
    translation, expected = WRONG[language]
    variants = {v for _, _, vs in glossary_rows(language) for v in vs}
    hits = {v for v in variants if uses(v, checked_text(translation, language), language)}
    assert expected <= hits, hits
    assert not uses("rpu", checked_text("el corpus de recomendaciones", "es"), "es")
    assert not uses("troika", checked_text("[OHCHR-REPR] `troika`", "fr"), "fr")
    assert mentions("The UPR cycle", "Universal Periodic Review (UPR)")
    assert mentions("it supported 12", "supported (response)")
    assert not mentions("The review", "Universal Periodic Review (UPR)")
