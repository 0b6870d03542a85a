"""How the analyser reads words: the language of a text, its words, and verb forms.

"ratifying", "ratified" and "ratification" all read as the verb "ratify", so the rules in
_classify.py only need the dictionary form of each verb.
"""

from __future__ import annotations

import re
from functools import lru_cache

from uprkit.recommendations import _lexicon as lex

_TOKEN = re.compile(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*")
_ASCII_TOKEN = re.compile(r"[a-z]+(?:['-][a-z]+)*")  # same words, ~2× faster on plain ASCII


def split_words(lowered: str) -> list[str]:
    return (_ASCII_TOKEN if lowered.isascii() else _TOKEN).findall(lowered)


_ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœáíóúñ¿¡]")


_VERB_LEMMAS = (
    lex.MINIMAL_VERBS
    | lex.CONTINUING_VERBS
    | lex.CONSIDERING_VERBS
    | lex.GENERAL_VERBS
    | lex.SPECIFIC_VERBS
    | frozenset(lex.FLEX_DEFAULTS)
)


_IRREGULAR = {
    "taken": "take",
    "given": "give",
    "made": "make",
    "undertaken": "undertake",
    "done": "do",
    "brought": "bring",
    "held": "hold",
    "kept": "keep",
    "sought": "seek",
    "withdrawn": "withdraw",
    "drawn": "draw",
    "built": "build",
    "begun": "begin",
    "chosen": "choose",
    "paid": "pay",
    "met": "meet",
    "sent": "send",
    "shown": "show",
    "found": "find",
    "led": "lead",
}


@lru_cache(maxsize=8192)
def lemma(token: str) -> str | None:
    """The dictionary form of a verb token ("ratifying" → "ratify"), or None if not a known verb."""
    if token in _VERB_LEMMAS:
        return token
    if token in _IRREGULAR:
        return _IRREGULAR[token]
    candidates = []
    if token.endswith("ies"):
        candidates.append(token[:-3] + "y")
    if token.endswith("ied"):
        candidates.append(token[:-3] + "y")
    if token.endswith("ying"):
        candidates.append(token[:-4] + "y")
    if token.endswith("es"):
        candidates.append(token[:-2])
    if token.endswith("s"):
        candidates.append(token[:-1])
    if token.endswith("ing"):
        stem = token[:-3]
        candidates += [
            stem,
            stem + "e",
            stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem,
        ]
    if token.endswith("ed"):
        stem = token[:-2]
        candidates += [
            stem,
            stem + "e",
            token[:-1],
            stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem,
        ]
    if "ize" in token:
        candidates.append(token.replace("ize", "ise"))
    if "ise" in token:
        candidates.append(token.replace("ise", "ize"))
    for candidate in candidates:
        if candidate in _VERB_LEMMAS:
            return candidate
    if token.startswith("re-") and len(token) > 4:  # "re-introduce" reads as "reintroduce"
        return lemma("re" + token[3:]) or lemma(token[3:])
    if (
        "-" in token
    ):  # "re-establish" is known; "ratify-accede" (a data-entry join) is read as "ratify"
        return lemma(token.split("-")[0])
    return None


def detect_language(text: str) -> str:
    """Guess "en", "fr" or "es" from common words, so the analyser can refuse honestly.

    >>> detect_language("Ratifier la Convention contre la torture et veiller à son application")
    'fr'
    """
    return language_of(text[:300].lower())


def language_of(lowered: str, words: list[str] | None = None) -> str:
    if words is None:
        words = split_words(lowered)
    words = set(words[:60])  # the opening words are enough to tell
    english = len(words & lex.ENGLISH_MARKERS)
    french = len(words & lex.FRENCH_MARKERS)
    spanish = len(words & lex.SPANISH_MARKERS)
    accents = 0 if lowered.isascii() else len(_ACCENTED.findall(lowered[:300]))
    other = max(french, spanish)
    if english > other or (english == other and accents == 0):
        return "en"  # also text with no marker words at all: the verb rules will say so
    if spanish > french or (spanish == french and re.search(r"[ñ¿¡]|ción\b", lowered)):
        return "es"
    return "fr"


def verb_of(token: str) -> str | None:
    """The verb a token stands for: "ratifying" and "ratification" both give "ratify"."""
    return lemma(token) or lex.NOMINAL_VERBS.get(token)


def is_mostly_non_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters)
        and sum(c.isascii() or c in _LATIN_ACCENTED for c in letters) < len(letters) / 2
    )


_LATIN_ACCENTED = frozenset("àâäçéèêëîïôöûùüÿœæáíóúñãõÀÂÄÇÉÈÊËÎÏÔÖÛÙÜŸŒÆÁÍÓÚÑÃÕ")


def clean(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("’", "'").split())
