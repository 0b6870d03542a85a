"""French catalogs use the UN's French terms fixed in course/locale/fr/TERMINOLOGY.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uprkit.i18n.notebooks import read_translations

KIT_ROOT = Path(__file__).resolve().parents[2]
FRENCH = KIT_ROOT / "course" / "locale" / "fr"
GLOSSARY = FRENCH / "TERMINOLOGY.md"
CATALOGS = sorted((FRENCH / "LC_MESSAGES").glob("*.po"))


def normalised(text: str) -> str:
    """Typographic apostrophes and non-breaking spaces as plain ones, one space between words."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


def glossary_rows() -> list[tuple[str, str, list[str]]]:
    """(English, fixed French term, variants to avoid) for each row of the glossary's table."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English", "---"):
            continue
        english, french, avoid, _note = cells
        variants = [normalised(v.strip()) for v in avoid.split(" ; ") if v.strip()]
        rows.append((english, french, variants))
    return rows


def checked_text(translation: str) -> str:
    """A translation without what is never translated: source keys, code, addresses."""
    text = re.sub(r"\[[A-Z0-9-]+\]|`[^`]*`|\]\([^)]*\)|\S+\.(org|int|net)\S*", " ", translation)
    return normalised(text)


def test_the_glossary_fixes_the_key_un_terms():
    rows = {english: french for english, french, _ in glossary_rows()}
    assert len(rows) >= 20, "the table of TERMINOLOGY.md was not read"
    assert rows["Universal Periodic Review (UPR)"] == "Examen périodique universel (EPU)"
    assert rows["State under Review"] == "État examiné"
    assert "appuie" in rows["supported (response)"]
    assert "prend note" in rows["noted (response)"]
    assert rows["treaty bodies"] == "organes conventionnels"
    assert rows["mid-term report"] == "rapport à mi-parcours"
    for _, french, variants in glossary_rows():
        assert normalised(french) not in variants, french


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.stem)
def test_french_catalogs_avoid_the_variants_the_glossary_rules_out(po):
    rows = glossary_rows()
    found = []
    for english, translation in read_translations(po, "fr").items():
        text = checked_text(translation)
        for term, french, variants in rows:
            found += [
                f"{variant!r} (use {french!r} for {term!r}) in: {english[:70]!r}"
                for variant in variants
                if variant in text
            ]
    assert not found, f"{po.name}: " + "\n".join(found)


def test_the_check_catches_a_wrong_variant(tmp_path):
    po = tmp_path / "demo.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "The troika and the State under Review."\n'
        'msgstr "La troika et l’État sous examen ([OHCHR-REPR], `troika`)."\n',
        encoding="utf-8",
    )
    ((_, translation),) = read_translations(po, "fr").items()
    variants = {v for _, _, vs in glossary_rows() for v in vs}
    hits = {v for v in variants if v in checked_text(translation)}
    assert hits == {"troika", "État sous examen"}
    assert "troika" not in checked_text("[OHCHR-REPR] `troika`")


REVIEW_STATUS = re.compile(r"^# reviewed: (team|native)\b", re.MULTILINE)


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.stem)
def test_every_french_catalog_says_who_reviewed_it(po):
    """The header comment (kept by `uprkit i18n extract`) says team or native-speaker review."""
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        header = read_po(handle, locale="fr").header_comment or ""
    assert REVIEW_STATUS.search(header), (
        f"{po.name}: add '# reviewed: team (team translation, not reviewed by a native speaker)' "
        "(or '# reviewed: native ...' once a native speaker has checked it) to the header comment"
    )
