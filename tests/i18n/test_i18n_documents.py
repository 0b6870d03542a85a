"""The facilitator guide, glossary and set-up notes in French, Spanish and Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from uprkit.i18n.documents import (
    DOCUMENTS,
    RUBRIC_CATALOG,
    build_localised_document,
    data_documents,
    document_catalog_path,
    extract_document_messages,
    review_status,
    rubric_text,
    update_document_catalog,
    update_rubric_catalog,
)
from uprkit.i18n.parity import english_sentences

KIT = Path(__file__).resolve().parents[2]
COURSE = KIT / "course"


DATA_DOCUMENTS = [p.relative_to(KIT).as_posix() for p in data_documents()]


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("name", [f"course/{d}" for d in DOCUMENTS] + DATA_DOCUMENTS)
def test_every_document_is_translated_in_step_with_its_source(name, language):
    """A paragraph added or changed in English must be translated in the same change."""
    built = build_localised_document(KIT / name, language)
    assert built.untranslated == (), (
        f"{name}: {len(built.untranslated)} paragraphs have no {language} translation (run "
        f"uprkit.i18n.documents.update_document_catalog and translate them), first: "
        f"{built.untranslated[0][:120]!r}"
    )
    with document_catalog_path(KIT / name, language).open("rb") as handle:
        fuzzy = [m.id[:80] for m in read_po(handle) if m.id and m.fuzzy]
    assert fuzzy == [], f"{name} ({language}): translations of changed paragraphs: {fuzzy[:3]}"
    english = english_sentences(built.text)
    assert english == [], f"{name} ({language}) still reads as English: {english[:3]}"


def test_a_changed_paragraph_is_no_longer_used(tmp_path):
    from babel.messages.pofile import write_po

    locale = tmp_path / "locale"
    document = tmp_path / "glossary.md"
    text = (COURSE / "glossary.md").read_text(encoding="utf-8")
    document.write_text(text, encoding="utf-8")
    po = update_document_catalog(document, "fr", locale)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if message.id:
            message.string = "Traduction : " + message.id[:20]
    with po.open("wb") as handle:
        write_po(handle, catalog)
    assert build_localised_document(document, "fr", locale).untranslated == ()
    first, _ = extract_document_messages(document)[1]
    document.write_text(text.replace(first, first + " A new sentence here."), encoding="utf-8")
    update_document_catalog(document, "fr", locale)
    built = build_localised_document(document, "fr", locale)
    assert built.untranslated == (first + " A new sentence here.",)
    assert first + " A new sentence here." in built.text


def test_the_arabic_guide_reads_right_to_left_and_ends_with_who_reviewed_what():
    built = build_localised_document(COURSE / "facilitator-guide.md", "ar")
    assert built.text.startswith('<div dir="rtl" lang="ar">')
    assert "\u2066[UPRI-GLOSS]\u2069" in build_localised_document(COURSE / "glossary.md", "ar").text
    status = review_status("ar")
    assert status["facilitator-guide"] in ("team", "native")
    assert "01-un-human-rights-system" in status
    assert "`01-un-human-rights-system`" in built.text and "حالة الترجمات" in built.text
    english = build_localised_document(COURSE / "facilitator-guide.md", "en").text
    assert english == (COURSE / "facilitator-guide.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_rubric_criterion_is_translated(language, tmp_path):
    """Participants read the criteria in their feedback: in their language, numbers kept."""
    update_rubric_catalog(language, tmp_path)  # what the code extracts now
    with (tmp_path / language / "LC_MESSAGES" / f"{RUBRIC_CATALOG}.po").open("rb") as handle:
        criteria = [m.id for m in read_po(handle) if m.id]
    assert len(criteria) > 20
    missing = [c for c in criteria if rubric_text(c, language) == c]
    assert missing == [], f"{language}: rubric criteria with no translation: {missing[:3]}"
    for criterion in criteria:
        translated = rubric_text(criterion, language)
        assert re.findall(r"\[[A-Z0-9-]+\]", criterion) == re.findall(r"\[[A-Z0-9-]+\]", translated)
        assert english_sentences(translated) == [], translated
    assert rubric_text(criteria[0], "en") == criteria[0]
