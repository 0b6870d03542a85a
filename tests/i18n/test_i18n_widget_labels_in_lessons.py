"""A lesson names a button as the widget shows it, in every language.

"Press **Build the calendar**" in English; in French the lesson must say the label the French
widget shows (**Construire le calendrier**), not the English one with a gloss. Labels are the
widgets' catalog messages that a lesson quotes in bold and that start with a capital letter
(buttons, roles, column names); lower-case words in bold ("noted") are the lessons' own prose.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from uprkit.i18n.messages import LOCALE_DIR, translations
from uprkit.i18n.notebooks import catalog_path, read_translations, split_paragraphs

KIT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((KIT / "course").glob("*.ipynb")) + sorted((KIT / "solutions").glob("*/*.ipynb"))
WIDGET_LABELS = frozenset(
    m
    for m in re.findall(
        r'^msgid "(.+)"$', (LOCALE_DIR / "widgets.pot").read_text(encoding="utf-8"), re.M
    )
    if m[:1].isupper() and "{" not in m
)


def quoted_labels(paragraph: str) -> list[str]:
    return [
        label.rstrip(".:")
        for label in re.findall(r"\*\*([^*]+)\*\*", paragraph)
        if label.rstrip(".:") in WIDGET_LABELS
    ]


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_lessons_name_widget_labels_as_the_widget_shows_them(notebook, language):
    table = read_translations(catalog_path(notebook, language), language)
    translate = translations(language).gettext
    wrong = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for paragraph in split_paragraphs(cell.source):
            for label in quoted_labels(paragraph):
                shown = translate(label)
                translated = table.get(paragraph, "").casefold()
                if paragraph in table and shown != label and shown.casefold() not in translated:
                    wrong.append(f"**{label}** -> the widget shows {shown!r}")
    assert wrong == [], f"{notebook.name} ({language}): " + "; ".join(wrong)


def test_the_check_knows_the_buttons():
    assert {"Build the calendar", "Save draft", "Check"} <= WIDGET_LABELS
    assert quoted_labels("Press **Build the calendar**. The **noted** ones") == [
        "Build the calendar"
    ]
