"""Lessons and assignments in French, Spanish and Arabic: same cells and grades, translated."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from uprkit.i18n.code_comments import code_without_comments
from uprkit.i18n.code_strings import blank_display_strings
from uprkit.i18n.notebooks import (
    build_localised_notebook,
    build_localised_notebooks,
    catalog_path,
    read_translations,
    update_lesson_catalog,
)

KIT_ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((KIT_ROOT / "course").glob("*.ipynb"))
# Every lesson in every language: a paragraph added in English is translated in the same change.
FULLY_TRANSLATED = [path.stem for path in LESSONS]
ASSIGNMENTS = sorted((KIT_ROOT / "solutions").glob("*/*.ipynb"))
LANGUAGES = ["fr", "es", "ar"]


def numbers(text: str) -> set[str]:
    """Numbers of two digits or more, thousands separators removed (10,700 / 10 700 / 10.700)."""
    text = re.sub(r"(?<=\d)[ \u202f\u00a0,.](?=\d{3}\b)", "", text)
    return {n for n in re.findall(r"\d+", text) if len(n) >= 2}


def structure(notebook):
    """What must never change with the language: cells, ids, code, grading metadata."""
    rows = []
    for cell in notebook.cells:
        grading = cell.metadata.get("nbgrader", {})
        code = cell.source if cell.cell_type != "markdown" or grading.get("solution") else None
        if cell.cell_type == "code":  # its comments are translated, its code never
            code = code_without_comments(blank_display_strings(code))
        rows.append((cell.cell_type, cell.get("id"), code, grading.get("grade_id"),
                     grading.get("points"), grading.get("grade"),
                     grading.get("locked")))  # fmt: skip
    return rows


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("stem", FULLY_TRANSLATED)
def test_every_lesson_is_fully_translated(stem, language):
    result = build_localised_notebook(KIT_ROOT / "course" / f"{stem}.ipynb", language)
    assert result.untranslated == (), (
        "the lesson changed: run `uprkit i18n extract`, then translate the fuzzy/empty entries of "
        f"{catalog_path(Path(stem), language)}"
    )
    assert result.translated > 30


@pytest.mark.parametrize("po", sorted((KIT_ROOT / "course" / "locale").glob("*/LC_MESSAGES/*.po")))
def test_every_catalog_says_who_reviewed_it(po):
    """Trainers must know what to check: a team translation, or one a native speaker reviewed."""
    header = po.read_text(encoding="utf-8").split("msgid", 1)[0]
    assert re.search(r"^# reviewed: (team|native)\b", header, re.M), f"{po}: no '# reviewed:' line"


CATALOGS = sorted((KIT_ROOT / "course" / "locale").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: f"{p.parents[1].name}-{p.stem}")
def test_translations_keep_sources_markup_and_numbers(po):
    table = read_translations(po, po.parents[1].name)
    for english, translated in table.items():
        assert re.findall(r"\[[A-Z0-9-]+\]", english) == re.findall(r"\[[A-Z0-9-]+\]", translated)
        assert english.count("**") == translated.count("**"), english
        assert english.count("`") == translated.count("`"), english
        assert english.startswith("#") == translated.startswith("#"), english
        for tag in ("<details>", "</details>", "<summary>", "</summary>", "</div>", "|---|"):
            assert (tag in english) == (tag in translated), english
        # Facts survive: every number of two digits or more (dates, counts, word limits).
        assert numbers(english) <= numbers(translated), (
            english,
            numbers(english) - numbers(translated),
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", LESSONS + ASSIGNMENTS, ids=lambda p: p.stem)
def test_every_language_version_has_the_same_cells_and_grades(path, language):
    source = nbformat.read(path, as_version=4)
    result = build_localised_notebook(path, language)
    assert structure(result.notebook) == structure(source)
    nbformat.validate(result.notebook)
    assert result.notebook.metadata["language"] == language


@pytest.mark.parametrize("path", ASSIGNMENTS, ids=lambda p: p.stem)
def test_assignment_points_add_up_the_same_in_every_language(path):
    def points(notebook):
        return sum(c.metadata.get("nbgrader", {}).get("points", 0) or 0 for c in notebook.cells)

    totals = {lang: points(build_localised_notebook(path, lang).notebook) for lang in LANGUAGES}
    assert set(totals.values()) == {points(nbformat.read(path, as_version=4))}


def test_arabic_markdown_is_right_to_left():
    result = build_localised_notebook(KIT_ROOT / "course" / "02-upr-cycle.ipynb", "ar")
    markdown = [c for c in result.notebook.cells if c.cell_type == "markdown"]
    assert markdown and all(c.source.startswith('<div dir="rtl" lang="ar">\n\n') for c in markdown)
    assert all(c.source.endswith("\n\n</div>") for c in markdown)
    # JupyterLab aligns every p left: plain paragraphs get their own right alignment.
    teaching = '<p dir="rtl" style="text-align: right"><strong>الشرح:</strong> 30 دقيقة'
    assert teaching in markdown[0].source
    assert "\n## أسئلة\n- " in markdown[0].source  # headings and lists stay markdown
    french = build_localised_notebook(KIT_ROOT / "course" / "02-upr-cycle.ipynb", "fr")
    assert not any("dir=" in c.source for c in french.notebook.cells if c.cell_type == "markdown")


def test_a_changed_paragraph_goes_fuzzy_and_is_not_used(tmp_path):
    lesson = tmp_path / "99-demo.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nFirst paragraph.\n\n```\nx = 1\n```"),
        nbformat.v4.new_code_cell("x = 'code stays'"),
    ]
    nbformat.write(notebook, lesson)
    locale = tmp_path / "locale"
    po = update_lesson_catalog(lesson, "es", locale)
    text = po.read_text(encoding="utf-8")
    assert 'msgid "First paragraph."' in text and "x = 1" not in text
    po.write_text(
        text.replace('msgid "# Title"\nmsgstr ""', 'msgid "# Title"\nmsgstr "# Título"').replace(
            'msgid "First paragraph."\nmsgstr ""',
            'msgid "First paragraph."\nmsgstr "Primer párrafo."',
        ),
        encoding="utf-8",
    )
    built = build_localised_notebook(lesson, "es", locale)
    assert built.notebook.cells[0].source == "# Título\n\nPrimer párrafo.\n\n```\nx = 1\n```"
    assert built.notebook.cells[1].source == "x = 'code stays'"

    notebook.cells[0].source = "# Title\n\nFirst paragraph, changed."
    nbformat.write(notebook, lesson)
    update_lesson_catalog(lesson, "es", locale)
    assert "#, fuzzy" in po.read_text(encoding="utf-8")
    rebuilt = build_localised_notebook(lesson, "es", locale)
    assert rebuilt.notebook.cells[0].source == "# Título\n\nFirst paragraph, changed."
    assert rebuilt.untranslated == ("First paragraph, changed.",)


def test_build_writes_one_notebook_per_lesson(tmp_path):
    built = build_localised_notebooks(
        "fr", tmp_path, [KIT_ROOT / "course" / "01-un-human-rights-system.ipynb"]
    )
    ((target, result),) = built
    assert target == tmp_path / "01-un-human-rights-system.ipynb"
    assert nbformat.read(target, as_version=4).cells[0].source.startswith("# 01. Le système")


def test_cli_builds_localised_lessons(tmp_path):
    from click.testing import CliRunner

    from uprkit.cli import main

    lesson = KIT_ROOT / "course" / "01-un-human-rights-system.ipynb"
    result = CliRunner().invoke(
        main, ["i18n", "build-notebooks", "-l", "es", "--out", str(tmp_path), str(lesson)]
    )
    assert result.exit_code == 0, result.output
    assert "paragraphs translated" in result.output
    built = nbformat.read(tmp_path / lesson.name, as_version=4)
    assert built.cells[0].source.startswith("# 01. El sistema de derechos humanos de la ONU")
