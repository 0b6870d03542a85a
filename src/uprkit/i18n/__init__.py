"""The kit in English, French, Spanish and Arabic: messages, answers and lessons.

- :mod:`uprkit.i18n.messages` — gettext catalogs (``_``, ``gettext(language)``, ``use_language``).
- :mod:`uprkit.i18n.answers` — ``normalise_answer(text, language)`` for autograded answers.
- :mod:`uprkit.i18n.notebooks` — lesson catalogs from markdown cells, localised notebooks.
"""

from uprkit.i18n.answers import fold_text, normalise_answer, state_code_of
from uprkit.i18n.messages import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    _,
    check_language,
    compile_catalogs,
    current_language,
    gettext,
    ngettext,
    text_direction,
    translations,
    use_language,
)

# Loaded on first use: nbformat (through notebooks) costs ~0.3 s CPU that every participant's
# kernel would pay for its check cells' `uprkit.i18n.answers` (`python -X importtime -c 'import
# uprkit.i18n.answers'`: 0.89 -> 0.16 s on a loaded 2-core machine).
_NOTEBOOK_NAMES = (
    "LocalisedNotebook",
    "build_localised_notebook",
    "build_localised_notebooks",
    "extract_messages",
    "update_lesson_catalog",
)


def __getattr__(name: str):
    if name in _NOTEBOOK_NAMES:
        from uprkit.i18n import notebooks

        return getattr(notebooks, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LocalisedNotebook",
    "N_",
    "_",
    "build_localised_notebook",
    "build_localised_notebooks",
    "check_language",
    "compile_catalogs",
    "current_language",
    "extract_messages",
    "fold_text",
    "gettext",
    "ngettext",
    "normalise_answer",
    "state_code_of",
    "text_direction",
    "translations",
    "update_lesson_catalog",
    "use_language",
]
