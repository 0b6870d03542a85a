"""The course's documents (facilitator guide, glossary, set-up notes, the data's cards, the
rubrics' criteria) in four languages.

The same way as the lessons (:mod:`uprkit.i18n.notebooks`): each document is cut into
paragraphs, every paragraph is one message of ``course/locale/<language>/LC_MESSAGES/<name>.po``,
and :func:`build_localised_document` puts the translations back. Arabic documents are wrapped in
``<div dir="rtl" lang="ar">``. A translated facilitator guide ends with the review status of
every catalog in its language, so a trainer knows which translations a native speaker has checked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from uprkit.i18n.bidi import isolate_ltr
from uprkit.i18n.code_comments import fenced_comment_messages
from uprkit.i18n.messages import RIGHT_TO_LEFT, check_language
from uprkit.i18n.notebooks import (
    course_locale_dir,
    is_translatable,
    read_translations,
    split_paragraphs,
    translate_paragraphs,
    write_catalog,
)
from uprkit.paths import course_dir, datasets_dir, grading_dir

DOCUMENTS = ("facilitator-guide.md", "glossary.md", "setup.md")
DATA_CATALOG = "datasets"  # datasets/README.md and datasets/cards/*.md
RUBRIC_CATALOG = "rubrics"  # the criteria of grading/rubrics/*.yaml
_REVIEWED = re.compile(r"^# reviewed: (team|native)\b", re.M)
# The headings of the review-status table the translated guide ends with (team translations).
_STATUS_WORDS = {
    "fr": ("État des traductions", "Catalogue", "Relu par", "l’équipe", "un locuteur natif"),
    "es": (
        "Estado de las traducciones",
        "Catálogo",
        "Revisado por",
        "el equipo",
        "un hablante nativo",
    ),  # fmt: skip
    "ar": ("حالة الترجمات", "الملف", "راجعه", "فريق العمل", "متحدث أصلي باللغة"),
}


@dataclass(frozen=True)
class LocalisedDocument:
    """A document built in one language, and how much of it the catalog covered."""

    text: str
    language: str
    translated: int
    untranslated: tuple[str, ...]


def data_documents() -> list[Path]:
    """The data's documentation: its README, one card per data file, the demo cohort's README."""
    folder = datasets_dir()
    documents = [folder / "README.md", *sorted((folder / "cards").glob("*.md"))]
    documents.append(folder / "demo" / "README.md")  # the fictional cohort of `uprkit demo`
    return [path for path in documents if path.exists()]


def document_catalog_path(document: Path, language: str, locale_dir: Path | None = None) -> Path:
    """``<stem>.po`` for a course document; ``datasets.po`` for the data's README and cards."""
    locale_dir = locale_dir or course_locale_dir()
    document = Path(document)
    name = DATA_CATALOG if document.parent.name in ("datasets", "cards", "demo") else document.stem
    return locale_dir / language / "LC_MESSAGES" / f"{name}.po"


def extract_document_messages(document: Path) -> list[tuple[str, str]]:
    """(paragraph, "name:paragraph number") pairs of a document's translatable paragraphs."""
    text = Path(document).read_text(encoding="utf-8")
    name = Path(document).name
    found = []
    for number, paragraph in enumerate(split_paragraphs(text)):
        if is_translatable(paragraph):
            found.append((paragraph, f"{name}:{number}"))
        else:  # a code block: its comments ("# on Windows: ...")
            found += [(c, f"{name}:{number}") for c in fenced_comment_messages(paragraph)]
    return found


def update_document_catalog(document: Path, language: str, locale_dir: Path | None = None) -> Path:
    """Create or update a document's catalog; changed paragraphs become fuzzy, never used."""
    path = document_catalog_path(document, check_language(language), locale_dir)
    if path.stem == DATA_CATALOG:  # one catalog for all the data's documents
        messages = [m for d in data_documents() for m in extract_document_messages(d)]
        return write_catalog(path, language, messages)
    return write_catalog(path, language, extract_document_messages(document))


def update_rubric_catalog(language: str, locale_dir: Path | None = None) -> Path:
    """``rubrics.po``: every criterion and note of grading/rubrics/*.yaml, one message each."""
    messages = []
    for rubric in sorted((grading_dir() / "rubrics").glob("*.yaml")):
        data = yaml.safe_load(rubric.read_text(encoding="utf-8")) or {}
        for number, part in enumerate(data.get("parts", [])):
            texts = [c.get("description", "") for c in part.get("criteria", [])]
            for text in [*texts, part.get("note", "")]:
                if str(text).strip():
                    messages.append((str(text).strip(), f"{rubric.name}:{number}"))
    path = (locale_dir or course_locale_dir()) / check_language(language) / "LC_MESSAGES"
    return write_catalog(path / f"{RUBRIC_CATALOG}.po", language, messages)


def rubric_text(text: str, language: str, locale_dir: Path | None = None) -> str:
    """A rubric's criterion or note in ``language`` (the English when it has no translation)."""
    if check_language(language) == "en":
        return text
    path = (locale_dir or course_locale_dir()) / language / "LC_MESSAGES" / f"{RUBRIC_CATALOG}.po"
    return _cached_translations(path, language, _mtime(path)).get(text.strip(), text)


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


@functools.lru_cache(maxsize=16)
def _cached_translations(path: Path, language: str, mtime: float) -> dict[str, str]:
    return read_translations(path, language)


def review_status(language: str, locale_dir: Path | None = None) -> dict[str, str]:
    """Catalog name -> ``"team"`` or ``"native"``: who reviewed each translation in ``language``."""
    folder = (locale_dir or course_locale_dir()) / check_language(language) / "LC_MESSAGES"
    status = {}
    for po in sorted(folder.glob("*.po")):
        header = po.read_text(encoding="utf-8").split("\nmsgid", 1)[0]
        found = _REVIEWED.search(header)
        status[po.stem] = found.group(1) if found else "team"
    return status


def _status_table(language: str, locale_dir: Path | None) -> str:
    title, catalog, reviewed, team, native = _STATUS_WORDS[language]
    rows = [f"| {catalog} | {reviewed} |", "|---|---|"]
    for name, who in review_status(language, locale_dir).items():
        rows.append(f"| `{name}` | {native if who == 'native' else team} |")
    return f"## {title}\n\n" + "\n".join(rows)


def build_localised_document(
    document: Path, language: str, locale_dir: Path | None = None
) -> LocalisedDocument:
    """The document's text in ``language`` (English where a paragraph has no translation)."""
    language = check_language(language)
    text = Path(document).read_text(encoding="utf-8")
    if language == "en":
        return LocalisedDocument(text, language, 0, ())
    table = read_translations(document_catalog_path(document, language, locale_dir), language)
    out, translated, missing = translate_paragraphs(text, table)
    if Path(document).name == "facilitator-guide.md":
        out.append(_status_table(language, locale_dir))
    body = "\n\n".join(out) + "\n"
    if language in RIGHT_TO_LEFT:  # citation keys, dates, ranges kept left to right
        body = f'<div dir="rtl" lang="ar">\n\n{isolate_ltr(body)}\n</div>\n'
    return LocalisedDocument(body, language, translated, tuple(missing))


def write_localised_documents(language: str, dest: Path) -> list[Path]:
    """Write the course's documents in ``language`` into ``dest``; return the files written."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DOCUMENTS:
        source = course_dir() / name
        if source.exists():
            (dest / name).write_text(build_localised_document(source, language).text, "utf-8")
            written.append(dest / name)
    return written


def write_localised_data_documents(language: str, datasets: Path) -> list[Path]:
    """Write the data's README and cards in ``language`` over their copies in ``datasets``."""
    written = []
    for source in data_documents():
        target = Path(datasets) / source.relative_to(datasets_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(build_localised_document(source, language).text, "utf-8")
        written.append(target)
    return written
