"""Notes about a workshop pack: English in the terminal, the pack's language in its README.

>>> n = note(NOTES["not_in_kit"], file="exercises/x/x.ipynb")
>>> str(n)
'exercises/x/x.ipynb is not in the kit: left out of the pack'
>>> n.in_language("fr")
'exercises/x/x.ipynb n’est pas dans le kit : laissé hors du pack'
"""

from __future__ import annotations

from dataclasses import dataclass

from uprkit.i18n.messages import N_, gettext

__all__ = ["NOTES", "Note", "note"]

NOTES = {
    "not_in_kit": N_("{file} is not in the kit: left out of the pack"),
    "analyser": N_(
        "{assignments}: graded by the kit's recommendation analyser, which reads English, French, "
        "Spanish and Arabic; its French, Spanish and Arabic rules are new (about 2 points below "
        "English on translated UPR recommendations), so check a few grades by hand; answers in "
        "any other language are graded by hand"
    ),
    "partly_english": N_(
        "paragraphs not yet translated into {language} are shown in English in: {files}; "
        "translators: `uprkit i18n extract`, then the .po files in course/locale/"
    ),
    "no_recommendations": N_(
        "the kit's illustrative corpus holds no recommendation received by {state}"
    ),
    "ratification_dates": N_(
        "treaty dates use the ratification date as the entry into force (usually 30 days later): "
        "DERIVED, check them"
    ),
    "no_ratifications": N_(
        "no ratification table given (--ratifications FILE): the calendar shows the UPR only"
    ),
}


@dataclass(frozen=True)
class Note:
    """A note about the pack: in English for the trainer's terminal (``str``), in the pack's
    language in its README (:meth:`in_language`). ``message`` is marked with ``N_``."""

    message: str
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.message.format(**dict(self.values))

    def in_language(self, language: str) -> str:
        return gettext(language)(self.message).format(**dict(self.values))


def note(message: str, **values) -> Note:
    """A :class:`Note` of ``message`` (an ``N_``-marked English text) with its values."""
    return Note(message, tuple(values.items()))
