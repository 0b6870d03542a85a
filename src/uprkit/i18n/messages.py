"""Translated messages: gettext catalogs in src/uprkit/locale, read with Babel.

Mark a message in code with ``_()`` (translated in the current language) or ``N_()`` (only marked,
translated later), then ``uprkit i18n extract`` collects it into ``locale/uprkit.pot`` and updates
the ``fr``, ``es`` and ``ar`` catalogs for translators. A catalog is read from its compiled ``.mo``
file when that is up to date, and compiled in memory from the ``.po`` file otherwise, so a fresh
clone installed with ``pip install -e .`` works with no build step.

>>> gettext("fr")("Check")
'Vérifier'
>>> with use_language("es"):
...     _("Save draft")
'Guardar borrador'
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
import io
import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from uprkit.errors import DataError

LANGUAGES = ("en", "fr", "es", "ar")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})
DOMAIN = "uprkit"
# One catalog per area of the package, so translators (and people working in parallel) of the
# widgets and of the reports each edit their own file; ``_()`` reads them all. A message lives in
# the catalog of the first folder (under src/uprkit/) that marks it; the rest go to ``uprkit``.
CATALOG_AREAS = {
    "widgets": ("widgets/", "simulations/"),
    "reports": ("reports/", "grading/"),
}
CATALOGS = (DOMAIN, *CATALOG_AREAS)
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"

_language: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "uprkit_language", default=None
)


def check_language(language: str) -> str:
    """Return the language code, or raise a DataError listing the kit's languages."""
    code = (language or "").strip().lower()
    if code not in LANGUAGES:
        raise DataError(
            f"unknown language {language!r}; the kit speaks {', '.join(LANGUAGES)} "
            f"({', '.join(LANGUAGE_NAMES.values())})"
        )
    return code


@functools.cache
def translations(language: str, locale_dir: Path = LOCALE_DIR) -> _gettext.NullTranslations:
    """The catalogs of one language, chained (English needs none: its messages are the msgids)."""
    language = check_language(language)
    if language == "en":
        return _gettext.NullTranslations()
    folder = locale_dir / language / "LC_MESSAGES"
    chained = None
    for name in CATALOGS:
        po, mo = folder / f"{name}.po", folder / f"{name}.mo"
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as handle:
                one = _gettext.GNUTranslations(handle)
        elif po.exists():
            one = _gettext.GNUTranslations(io.BytesIO(_compile_po(po)))
        elif name == DOMAIN:
            raise DataError(f"no message catalog for {language!r}: {po} is missing")
        else:
            continue
        if chained is None:
            chained = one
        else:
            chained.add_fallback(one)
    return chained


def catalog_of(filename: str) -> str:
    """The catalog a message marked in ``filename`` (relative to src/uprkit/) belongs to.

    >>> catalog_of("widgets/quiz.py"), catalog_of("grading/feedback.py"), catalog_of("cli/tot.py")
    ('widgets', 'reports', 'uprkit')
    """
    path = filename.replace("\\", "/")
    for name, folders in CATALOG_AREAS.items():
        if path.startswith(folders):
            return name
    return DOMAIN


def _compile_po(po: Path) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parents[1].name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write the ``.mo`` file beside every ``.po`` catalog under ``locale_dir``; return them."""
    written = []
    for po in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(_compile_po(po))
        written.append(mo)
    return written


def gettext(language: str) -> Callable[[str], str]:
    """A ``_``-style function that translates into ``language``."""
    return translations(language).gettext


def current_language() -> str:
    """The language in use, from the first of these that is set.

    :func:`use_language`; the ``UPRKIT_LANGUAGE`` environment variable; the language of the
    notebook this kernel runs (its ``metadata.language``, found through ``JPY_SESSION_NAME``,
    which Jupyter Server gives every kernel it starts); else English.
    """
    chosen = _language.get() or os.environ.get("UPRKIT_LANGUAGE")
    if not chosen:
        chosen = _notebook_language(os.environ.get("JPY_SESSION_NAME", "")) or "en"
    return check_language(chosen)


def _notebook_language(session_name: str) -> str | None:
    if not session_name.endswith(".ipynb"):
        return None
    path = Path(session_name)
    if not path.is_file():  # a path relative to the server's root: the kernel runs beside it
        path = Path.cwd() / path.name
        if not path.is_file():
            return None
    return _read_notebook_language(str(path), path.stat().st_mtime)


@functools.lru_cache(maxsize=32)
def _read_notebook_language(path: str, mtime: float) -> str | None:
    try:
        metadata = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return None
    language = metadata.get("language")
    return language if language in LANGUAGES else None


@contextlib.contextmanager
def use_language(language: str) -> Iterator[str]:
    """Translate ``_()`` calls inside the ``with`` block into ``language``."""
    token = _language.set(check_language(language))
    try:
        yield language
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """Translate ``message`` into the current language (English when there is no translation)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (Babel extracts it)."""
    return message


def text_direction(language: str) -> str:
    """``"rtl"`` for Arabic, ``"ltr"`` otherwise."""
    return "rtl" if check_language(language) in RIGHT_TO_LEFT else "ltr"


def update_message_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Extract ``_()``/``N_()`` messages into one ``.pot`` per catalog; update each ``.po``.

    Uses the mapping in ``locale/babel.cfg``; the same as running ``pybabel extract`` then
    ``pybabel update``. New messages arrive untranslated; changed ones are marked fuzzy; a
    message that moves from one catalog to another keeps its translation.
    """
    locale_dir = Path(locale_dir)
    with (locale_dir / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    # A fixed date and no line numbers: re-running the extraction changes nothing unless a
    # message changed, so the catalogs only show up in a diff when there is work to do.
    templates = {
        name: Catalog(project="uprkit", fuzzy=False, creation_date=datetime(2026, 1, 1, tzinfo=UTC))
        for name in CATALOGS
    }
    for filename, lineno, message, comments, context in extract_from_dir(
        locale_dir.parent, method_map, options_map, keywords=keywords
    ):
        templates[catalog_of(filename)].add(
            message, None, [(f"uprkit/{filename}", lineno)], auto_comments=comments,
            context=context,
        )  # fmt: skip
    written = []
    for name, template in templates.items():
        pot = locale_dir / f"{name}.pot"
        with pot.open("wb") as handle:
            write_po(handle, template, width=0, sort_by_file=True, include_lineno=False)
        written.append(pot)
    for language in LANGUAGES[1:]:
        written += _update_language(locale_dir, language, templates)
    translations.cache_clear()
    return written


_HEADER = """\
# The {name} messages of uprkit.
# This file is distributed under the same license as the uprkit project.
# reviewed: team (team translation, not reviewed by a native speaker)
#"""


def _update_language(locale_dir: Path, language: str, templates: dict[str, Catalog]) -> list[Path]:
    folder = locale_dir / language / "LC_MESSAGES"
    existing = {}
    for name in CATALOGS:
        if (folder / f"{name}.po").exists():
            with (folder / f"{name}.po").open("rb") as handle:
                existing[name] = read_po(handle, locale=language)
    known = {m.id: m for c in existing.values() for m in c if m.id and m.string and not m.fuzzy}
    written = []
    for name, template in templates.items():
        catalog = existing.get(name) or Catalog(
            locale=language, project="uprkit", fuzzy=False, header_comment=_HEADER.format(name=name)
        )
        for message in template:
            if message.id and message.id not in catalog and message.id in known:
                catalog.add(message.id, known[message.id].string)  # moved here from another catalog
        catalog.update(template, update_header_comment=False)
        po = folder / f"{name}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as handle:
            write_po(
                handle, catalog, width=0, sort_by_file=True, ignore_obsolete=True,
                include_lineno=False,
            )  # fmt: skip
        written.append(po)
    return written
