"""Lessons in four languages, the way Sphinx does it: markdown paragraphs -> .po -> notebooks.

Each markdown cell is cut into paragraphs; every paragraph is one message of the lesson's
catalog ``course/locale/<language>/LC_MESSAGES/<lesson>.po``. Translators edit the ``.po`` file
(Poedit, Weblate, a text editor); :func:`build_localised_notebook` puts the translations back
into a copy of the notebook. The comments of code cells, their quiz questions and what they print
are translated the same way (a participant reads them); the rest of the code, cell ids and nbgrader
metadata are never changed, so an
assignment has the same cells, grade ids and points in every language. Arabic notebooks wrap each
markdown cell in ``<div dir="rtl">`` (JupyterLab renders markdown inside it right to left).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import mistune  # nbconvert's markdown renderer, so always installed with the kit
import nbformat
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from uprkit.i18n.bidi import isolate_ltr
from uprkit.i18n.code_comments import (
    comment_messages,
    fenced_comment_messages,
    translate_comments,
    translate_fenced_comments,
)
from uprkit.i18n.code_strings import display_messages, translate_display_strings
from uprkit.i18n.messages import RIGHT_TO_LEFT, check_language
from uprkit.paths import course_dir

_FENCE = re.compile(r"^\s*(```|~~~)")
_RTL_OPEN = '<div dir="rtl" lang="ar">'
_TAG_LINE = re.compile(r"^\s*</?[A-Za-z][^>]*>\s*$")


@dataclass(frozen=True)
class LocalisedNotebook:
    """A notebook built in one language, and how much of it the catalog covered."""

    notebook: nbformat.NotebookNode
    language: str
    translated: int
    untranslated: tuple[str, ...]


def course_locale_dir() -> Path:
    return course_dir() / "locale"


def split_paragraphs(markdown: str) -> list[str]:
    """Cut a markdown cell into paragraphs (blank-line separated); a fenced block stays whole.

    >>> split_paragraphs("# Title\\n\\nOne line\\nand two.\\n\\n```\\na\\n\\nb\\n```\\nText after.")
    ['# Title', 'One line\\nand two.', '```\\na\\n\\nb\\n```', 'Text after.']
    """
    blocks, current, fenced = [], [], False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            if not fenced:  # a closing fence ends its block, even with text right after it
                blocks.append("\n".join([*current, line]))
                current = []
                continue
        if not line.strip() and not fenced:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def is_translatable(paragraph: str) -> bool:
    """Prose, not code fences, rules or bare markup."""
    stripped = paragraph.strip()
    if _FENCE.match(stripped) or stripped.startswith("<!--"):
        return False
    return any(ch.isalpha() for ch in re.sub(r"<[^>]+>|\]\([^)]*\)", "", stripped))


def align_paragraph_right(paragraph: str) -> str:
    """A plain paragraph as ``<p dir="rtl">`` aligned right; other blocks are left as they are.

    JupyterLab's stylesheet aligns every ``p`` left (``.jp-RenderedHTMLCommon p``), so a
    right-to-left paragraph needs its own alignment; headings, lists and tables follow ``dir``.

    >>> align_paragraph_right("Un **mot**.")
    '<p dir="rtl" style="text-align: right">Un <strong>mot</strong>.</p>'
    >>> align_paragraph_right("- item")
    '- item'
    >>> align_paragraph_right("Fin.\\n</div>")
    '<p dir="rtl" style="text-align: right">Fin.</p>\\n</div>'
    """
    lines = paragraph.strip().splitlines()
    head, tail = [], []
    while lines and _TAG_LINE.match(lines[0]):  # e.g. a </div> closing a box, kept outside the p
        head.append(lines.pop(0))
    while lines and _TAG_LINE.match(lines[-1]):
        tail.insert(0, lines.pop())
    body = "\n".join(lines)
    if not body or body[0] in "#>|<`~" or re.match(r"([-*+]|\d+[.)])\s", body):
        return paragraph  # a heading, quote, table, HTML, code or list: it follows dir="rtl"

    html = mistune.create_markdown(escape=False)(body).strip()
    if not (html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1):
        return paragraph
    return "\n".join([*head, f'<p dir="rtl" style="text-align: right">{html[3:-4]}</p>', *tail])


def _translatable_cells(notebook):
    """Markdown cells, and code cells (for their comments), but a participant's answer cell."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            yield index, cell
            continue
        if cell.cell_type != "markdown":
            continue
        if cell.metadata.get("nbgrader", {}).get("solution"):
            continue  # a participant's answer cell (or its model answer) is left as it is
        yield index, cell


def extract_messages(notebook_path: Path) -> list[tuple[str, str]]:
    """(paragraph, location) pairs of a notebook's translatable markdown, in order."""
    notebook = nbformat.read(notebook_path, as_version=4)
    found = []
    for index, cell in _translatable_cells(notebook):
        location = f"{Path(notebook_path).name}:cell{index}"
        if cell.cell_type == "code":  # its comments, its quiz and what it prints
            found.extend((comment, location) for comment in comment_messages(cell.source))
            found.extend((text, location) for text in display_messages(cell.source))
            continue
        for paragraph in split_paragraphs(cell.source):
            if is_translatable(paragraph):
                found.append((paragraph, location))
            else:  # a code block shown in the text: its comments
                found.extend((c, location) for c in fenced_comment_messages(paragraph))
    return found


def catalog_path(notebook_path: Path, language: str, locale_dir: Path | None = None) -> Path:
    locale_dir = locale_dir or course_locale_dir()
    return locale_dir / language / "LC_MESSAGES" / f"{Path(notebook_path).stem}.po"


def update_lesson_catalog(
    notebook_path: Path, language: str, locale_dir: Path | None = None
) -> Path:
    """Create or update a lesson's catalog: new paragraphs added, translations of kept ones kept.

    Paragraphs that changed become "fuzzy" (shown to translators, never used in a build).
    """
    language = check_language(language)
    path = catalog_path(notebook_path, language, locale_dir)
    return write_catalog(path, language, extract_messages(notebook_path))


def write_catalog(path: Path, language: str, messages: list[tuple[str, str]]) -> Path:
    """Merge (paragraph, "file:number") messages into the catalog at ``path``; return it."""
    template = Catalog(
        project="uprkit", fuzzy=False, creation_date=datetime(2026, 1, 1, tzinfo=UTC)
    )
    for paragraph, location in messages:
        name, _, number = location.rpartition(":")
        template.add(paragraph, locations=[(name, int(number.removeprefix("cell")))])
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(template, update_header_comment=False)
    else:
        catalog = Catalog(
            locale=language, project="uprkit", fuzzy=False, header_comment=_NEW_HEADER
        )
        catalog.creation_date = template.creation_date
        catalog.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, ignore_obsolete=True)
    return path


_NEW_HEADER = """\
# Translations of the uprkit course.
# This file is distributed under the same license as the uprkit project.
# reviewed: team (team translation, not reviewed by a native speaker)
#"""


def read_translations(path: Path, language: str) -> dict[str, str]:
    """msgid -> translation for the non-fuzzy, non-empty entries of a catalog (or {} if none)."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translate_paragraphs(markdown: str, table: dict[str, str]) -> tuple[list[str], int, list[str]]:
    """The paragraphs of ``markdown`` in the catalog's language (English where it has none),
    with the comments of its code blocks; (paragraphs, how many translated, what is missing)."""
    out, translated, missing = [], 0, []
    for paragraph in split_paragraphs(markdown):
        if not is_translatable(paragraph):
            paragraph, done, left = translate_fenced_comments(paragraph, table)
            translated, missing = translated + done, [*missing, *left]
            out.append(paragraph)
        elif paragraph in table:
            out.append(table[paragraph])
            translated += 1
        else:
            out.append(paragraph)
            missing.append(paragraph)
    return out, translated, missing


def build_localised_notebook(
    notebook_path: Path, language: str, locale_dir: Path | None = None
) -> LocalisedNotebook:
    """A copy of the notebook with its markdown in ``language`` (English where not translated)."""
    language = check_language(language)
    source = nbformat.read(notebook_path, as_version=4)
    notebook = copy.deepcopy(source)
    notebook.metadata["language"] = language
    notebook.metadata.setdefault("uprkit", {})["language"] = language
    if language == "en":
        return LocalisedNotebook(notebook, language, 0, ())
    table = read_translations(catalog_path(notebook_path, language, locale_dir), language)
    translated, missing = 0, []
    for _, cell in _translatable_cells(notebook):
        if cell.cell_type == "code":  # its comments; the code itself stays as it is
            cell.source, done, left = translate_comments(cell.source, table)
            cell.source, shown, unshown = translate_display_strings(cell.source, table)
            translated, missing = translated + done + shown, [*missing, *left, *unshown]
            continue
        out, done, left = translate_paragraphs(cell.source, table)
        translated, missing = translated + done, [*missing, *left]
        if language in RIGHT_TO_LEFT:  # citation keys, dates, ranges kept left to right
            out = [align_paragraph_right(isolate_ltr(paragraph)) for paragraph in out]
        text = "\n\n".join(out)
        if language in RIGHT_TO_LEFT:
            # Blank lines around the content let the markdown inside the div be rendered.
            text = f"{_RTL_OPEN}\n\n{text}\n\n</div>"
        cell.source = text
    return LocalisedNotebook(notebook, language, translated, tuple(missing))


def build_localised_notebooks(
    language: str,
    dest: Path,
    notebooks: list[Path] | None = None,
    locale_dir: Path | None = None,
) -> list[tuple[Path, LocalisedNotebook]]:
    """Write every lesson (or ``notebooks``) in ``language`` into ``dest``; return the results."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    notebooks = notebooks or sorted(course_dir().glob("*.ipynb"))
    built = []
    for path in notebooks:
        result = build_localised_notebook(path, language, locale_dir)
        target = dest / Path(path).name
        nbformat.write(result.notebook, target)
        built.append((target, result))
    return built
