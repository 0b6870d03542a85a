"""Small helpers that turn the word lists of each language into sets and tables."""

from __future__ import annotations

import re
import unicodedata

KINDS = ("minimal", "continuing", "considering", "general", "specific", "flex4", "flex5")


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def kinds(**lists: str) -> dict[str, frozenset[str]]:
    """Each verb class as a set of words."""
    return {name: words(text) for name, text in lists.items()}


def phrases(text: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """ "mettre fin|specific; ..." as ((("mettre", "fin"), "specific"), ...), longest first."""
    found = []
    for item in text.split(";"):
        if item.strip():
            phrase, kind = item.split("|")
            found.append((tuple(phrase.split()), kind.strip()))
    return tuple(sorted(found, key=lambda p: -len(p[0])))


_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents: "Élaborer" and "elaborer" read the same; "œ" is "oe"."""
    lowered = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    return _MARKS.sub("", unicodedata.normalize("NFD", lowered))
