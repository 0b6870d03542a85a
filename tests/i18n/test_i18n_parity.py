"""The English detector the parity checks use: it finds English, and nothing in the translations."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from uprkit.i18n import use_language
from uprkit.i18n.parity import english_messages, english_sentences, untranslated

KIT = Path(__file__).resolve().parents[2]
CATALOGS = sorted((KIT / "course" / "locale").glob("*/LC_MESSAGES/*.po")) + sorted(
    (KIT / "src" / "uprkit" / "locale").glob("*/LC_MESSAGES/*.po")
)


def entries(po):
    with po.open("rb") as handle:
        return [m for m in read_po(handle) if m.id and m.string]


def text(value):
    return value if isinstance(value, str) else " ".join(value)


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_no_translation_reads_as_english(po):
    found = [(m.id[:60], hit) for m in entries(po) for hit in english_sentences(text(m.string))]
    assert found == [], f"{po}: English left in the translation: {found[:5]}"


def test_the_detector_finds_the_english_sources():
    """Most English paragraphs of six words or more are caught (the rest are lists of names)."""
    paragraphs = [
        text(m.id)
        for po in sorted((KIT / "course" / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))
        for m in entries(po)
        if len(text(m.id).split()) >= 6
    ]
    caught = sum(bool(english_sentences(p)) for p in paragraphs)
    assert len(paragraphs) > 500 and caught / len(paragraphs) > 0.8


def test_a_short_english_label_is_found_when_it_has_a_translation():
    assert "Save draft" in english_messages("fr")
    with use_language("fr"):
        assert untranslated(["Save draft", "<b>Enregistrer</b>", "A/HRC/WG.6/40/L.1"], "fr") == [
            "Save draft"
        ]
    assert untranslated(["Save draft"], "en") == []
