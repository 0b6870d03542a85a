"""Message catalogs: complete in fr/es/ar, in step with the code, usable as .po or .mo."""

from __future__ import annotations

import gettext as std_gettext
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import uprkit.i18n.messages as messages
from uprkit.errors import DataError
from uprkit.i18n import _, compile_catalogs, current_language, gettext, text_direction, use_language
from uprkit.i18n.messages import CATALOGS, LOCALE_DIR, update_message_catalogs

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def read_catalog(language, name="uprkit", locale_dir=LOCALE_DIR):
    with (locale_dir / language / "LC_MESSAGES" / f"{name}.po").open("rb") as handle:
        return read_po(handle, locale=language)


def every_message(language, locale_dir=LOCALE_DIR):
    return [m for name in CATALOGS for m in read_catalog(language, name, locale_dir) if m.id]


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
@pytest.mark.parametrize("name", CATALOGS)
def test_every_catalog_says_who_reviewed_it(language, name):
    header = (LOCALE_DIR / language / "LC_MESSAGES" / f"{name}.po").read_text(encoding="utf-8")
    assert re.search(r"^# reviewed: (team|native)\b", header.split("msgid")[0], re.M), (
        f"{language}/{name}.po: no '# reviewed:' line in its header"
    )


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_message_is_translated_with_its_placeholders(language):
    entries = every_message(language)
    assert len(entries) > 60
    for message in entries:
        assert message.string and not message.fuzzy, (
            f"{language}: no translation for {message.id!r}"
        )
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(
            PLACEHOLDER.findall(message.id)
        )


def test_the_catalogs_hold_every_marked_message_of_the_code(tmp_path):
    # Extract again into a copy: a message marked with _() or N_() but missing from the
    # committed catalogs means someone forgot `uprkit i18n extract`.
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    package = tmp_path / "uprkit"
    shutil.copytree(
        LOCALE_DIR.parent, package, ignore=shutil.ignore_patterns("locale", "__pycache__")
    )
    shutil.copytree(LOCALE_DIR, package / "locale")
    update_message_catalogs(package / "locale")
    extracted = set()
    for name in CATALOGS:
        with (package / "locale" / f"{name}.pot").open("rb") as handle:
            extracted |= {m.id for m in read_po(handle) if m.id}
    for language in ("fr", "es", "ar"):
        committed = {m.id for m in every_message(language)}
        assert extracted - committed == set(), (
            f"{language}: run `uprkit i18n extract` and translate the new messages"
        )
        # re-extraction moves nothing and loses no translation
        again = {m.id: m.string for m in every_message(language, package / "locale")}
        assert again == {m.id: m.string for m in every_message(language)}
    assert "Check" in extracted and "Save draft" in extracted


def test_translations_read_from_po_and_from_compiled_mo_agree(tmp_path):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    written = compile_catalogs(copy)
    assert {p.parent.parent.name for p in written} == {"fr", "es", "ar"}
    for language in ("fr", "es", "ar"):
        for name in CATALOGS:
            with (copy / language / "LC_MESSAGES" / f"{name}.mo").open("rb") as handle:
                from_mo = std_gettext.GNUTranslations(handle)
            from_po = messages.translations(language, LOCALE_DIR)
            for message in read_catalog(language, name):
                if message.id:
                    assert from_mo.gettext(message.id) == from_po.gettext(message.id)


def test_underscore_follows_the_language_in_use(monkeypatch):
    monkeypatch.delenv("UPRKIT_LANGUAGE", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert _("Save draft") == "Save draft" and current_language() == "en"
    with use_language("fr"):
        assert _("Save draft") == "Enregistrer le projet"
        with use_language("ar"):
            assert _("Check") == "تحقّق"
        assert current_language() == "fr"
    monkeypatch.setenv("UPRKIT_LANGUAGE", "es")
    assert _("Check") == "Comprobar"
    assert gettext("fr")("Not quite: the answer is “{answer}”.").format(answer="70") == (
        "Pas tout à fait : la réponse est « 70 »."
    )
    assert gettext("fr")("a message nobody translated") == "a message nobody translated"
    assert text_direction("ar") == "rtl" and text_direction("fr") == "ltr"


def test_an_unknown_language_lists_the_kit_languages():
    with pytest.raises(DataError, match="unknown language 'de'; the kit speaks en, fr, es, ar"):
        gettext("de")


def test_a_kernel_speaks_the_language_of_its_notebook(tmp_path, monkeypatch):
    import nbformat

    from uprkit.i18n import build_localised_notebook

    lesson = Path(__file__).resolve().parents[2] / "course" / "01-un-human-rights-system.ipynb"
    target = tmp_path / lesson.name
    nbformat.write(build_localised_notebook(lesson, "es").notebook, target)
    monkeypatch.delenv("UPRKIT_LANGUAGE", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", str(target))  # what Jupyter Server sets for a kernel
    assert current_language() == "es" and _("Check") == "Comprobar"
    monkeypatch.setenv("UPRKIT_LANGUAGE", "fr")  # the trainer's choice wins
    assert _("Check") == "Vérifier"
    monkeypatch.delenv("UPRKIT_LANGUAGE")
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "missing.ipynb"))
    assert current_language() == "en"


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_a_message_marked_in_two_areas_reads_the_same_in_both(language):
    """``_()`` reads the catalogs chained: a message in two of them must not say two things."""
    seen: dict[str, tuple[str, str]] = {}
    different = []
    for name in CATALOGS:
        for message in read_catalog(language, name):
            if not message.id or not message.string:
                continue
            if message.id in seen and seen[message.id][1] != message.string:
                different.append(f"{message.id!r}: {seen[message.id]} vs {name}: {message.string}")
            seen.setdefault(message.id, (name, message.string))
    assert different == [], "\n".join(different)
