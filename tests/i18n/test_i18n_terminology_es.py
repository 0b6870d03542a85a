"""Spanish catalogs use the UN's Spanish terms fixed in course/locale/es/TERMINOLOGY.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uprkit.i18n.notebooks import read_translations

KIT_ROOT = Path(__file__).resolve().parents[2]
SPANISH = KIT_ROOT / "course" / "locale" / "es"
GLOSSARY = SPANISH / "TERMINOLOGY.md"
CATALOGS = sorted((SPANISH / "LC_MESSAGES").glob("*.po"))


def normalised(text: str) -> str:
    """Lower case, typographic apostrophes and non-breaking spaces as plain ones, one space."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).lower()


def glossary_rows() -> list[tuple[str, str, list[str]]]:
    """(English, fixed Spanish term, variants to avoid) for each row of the glossary's table."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "---"):
            continue
        english, spanish, avoid, _note = cells
        variants = [normalised(v.strip()) for v in avoid.split(" ; ") if v.strip()]
        rows.append((english, spanish, variants))
    return rows


def checked_text(translation: str) -> str:
    """A translation without what is never translated: source keys, code, addresses."""
    text = re.sub(r"\[[A-Z0-9-]+\]|`[^`]*`|\]\([^)]*\)|\S+\.(org|int|net)\S*", " ", translation)
    return normalised(text)


def uses(variant: str, text: str) -> bool:
    """Whether ``variant`` occurs in ``text`` as whole words ('rpu' is not in 'corpus')."""
    return re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", text) is not None


def test_the_glossary_fixes_the_key_un_terms():
    rows = {english: spanish for english, spanish, _ in glossary_rows()}
    assert len(rows) >= 20, "the table of TERMINOLOGY.md was not read"
    assert rows["Universal Periodic Review (UPR)"] == "Examen Periódico Universal (EPU)"
    assert rows["State under Review"] == "Estado examinado"
    assert "apoya" in rows["supported (response)"]
    assert "toma nota" in rows["noted (response)"]
    assert rows["treaty bodies"] == "órganos de tratados"
    assert rows["mid-term report"] == "informe de mitad de período"
    for _, spanish, variants in glossary_rows():
        assert normalised(spanish) not in variants, spanish


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.stem)
def test_spanish_catalogs_avoid_the_variants_the_glossary_rules_out(po):
    rows = glossary_rows()
    found = []
    for english, translation in read_translations(po, "es").items():
        text = checked_text(translation)
        for term, spanish, variants in rows:
            found += [
                f"{variant!r} (use {spanish!r} for {term!r}) in: {english[:70]!r}"
                for variant in variants
                if uses(variant, text)
            ]
    assert not found, f"{po.name}: " + "\n".join(found)


def test_the_check_catches_a_wrong_variant(tmp_path):
    po = tmp_path / "demo.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "The troika and the State under Review."\n'
        'msgstr "La Troica y el Estado bajo examen ([OHCHR-REPR], `troica`)."\n',
        encoding="utf-8",
    )
    ((_, translation),) = read_translations(po, "es").items()
    variants = {v for _, _, vs in glossary_rows() for v in vs}
    hits = {v for v in variants if uses(v, checked_text(translation))}
    assert hits == {"troica", "estado bajo examen"}
    assert not uses("troica", checked_text("[OHCHR-REPR] `troica`"))
    assert not uses("rpu", checked_text("el corpus de recomendaciones"))


REVIEW_STATUS = re.compile(r"^# reviewed: (team|native)\b", re.MULTILINE)
LESSON_CATALOGS = [po for po in CATALOGS if re.match(r"\d\d-", po.name)]


@pytest.mark.parametrize("po", LESSON_CATALOGS, ids=lambda p: p.stem)
def test_every_spanish_lesson_catalog_says_who_reviewed_it(po):
    """The header comment (kept by `uprkit i18n extract`) says team or native-speaker review."""
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        header = read_po(handle, locale="es").header_comment or ""
    assert REVIEW_STATUS.search(header), (
        f"{po.name}: add '# reviewed: team (team translation, not reviewed by a native speaker)' "
        "(or '# reviewed: native ...' once a native speaker has checked it) to the header comment"
    )
