"""How the analyser reads words: the language of a text, its words, and verb forms.

"ratifying", "ratified" and "ratification" all read as the verb "ratify", so the rules in
_classify.py only need the dictionary form of each verb.
"""

from __future__ import annotations

import re
from functools import lru_cache

from uprkit.errors import DataError
from uprkit.recommendations import _lexicon as lex
from uprkit.recommendations import _lexicon_es as _es
from uprkit.recommendations import _lexicon_fr as _fr

_TOKEN = re.compile(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*")
_ASCII_TOKEN = re.compile(r"[a-z]+(?:['-][a-z]+)*")  # same words, ~2× faster on plain ASCII


def split_words(lowered: str) -> list[str]:
    return (_ASCII_TOKEN if lowered.isascii() else _TOKEN).findall(lowered)


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


# Which language a recommendation is written in, told from short word lists a trainer can read.
# Each list holds small, frequent words (articles, prepositions, pronouns) and the words UPR
# recommendations are made of. A word shared by two languages ("la", "de", "medidas") counts for
# both, so only the words that differ decide ("a" and "as" are English too, so they are not
# Portuguese evidence). Spelling adds evidence: "ñ", "¿" and "-ción" are
# Spanish; "ã", "õ" and "-ção" Portuguese; "è", "ê" and "œ" French.
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "ar": "Arabic",
    "not-en": "not English",  # clearly not English, but French, Spanish or Portuguese unsure
}
LANGUAGE_WORDS = {
    "en": frozenset(
        """the a and of to in for with its on all by that this which as be is are an from into
        their it at or not has have been should must such other any within through further
        including ensure take continue consider ratify adopt
        strengthen promote guarantee protect abolish implement establish human rights women
        children measures freedom expression death penalty law""".split()
    ),
    "fr": frozenset(
        """le la les des du une un et dans pour sur avec aux au est que qui ses son sa leur
        leurs ces cette en par ne pas droits homme enfants femmes veiller prendre mesures
        poursuivre renforcer envisager ratifier adopter garantir continuer assurer mettre
        abolir protéger liberté peine mort loi""".split()
    ),
    "es": frozenset(
        """el la los las del una un y en para con por que su sus al se lo este esta derechos
        humanos niños mujeres seguir adoptar garantizar continuar considerar ratificar
        fortalecer medidas velar promover asegurar abolir proteger libertad expresión pena
        muerte ley""".split()
    ),
    "pt": frozenset(
        """o os do da dos das um uma e em no na nos nas com para por pela pelo ao aos
        seu sua seus suas que se não direitos humanos crianças mulheres continuar considerar
        ratificar fortalecer medidas adotar garantir assegurar promover proteger abolir
        liberdade expressão pena morte lei""".split()
    ),
}
# the verbs the French and Spanish rules read are evidence too ("Exhortar a la comunidad ...")
LANGUAGE_WORDS["fr"] = LANGUAGE_WORDS["fr"] | (frozenset().union(*_fr.VERBS.values()) - {"former"})
LANGUAGE_WORDS["es"] = LANGUAGE_WORDS["es"] | frozenset().union(*_es.VERBS.values())
_SPELLING_CUES = {
    "es": re.compile(r"[ñ¿¡]|ción\b|ciones\b"),
    "pt": re.compile(r"[ãõ]|ção\b|ções\b|\bnão\b"),
    "fr": re.compile(r"[èêœëîû]"),
}


def detect_language(text: str) -> str:
    """Tell "en", "fr", "es" or "pt" from common words, or "not-en" when only that is sure;
    "ar" for Arabic script, "other" for any other non-Latin script.

    The analyser reads English, French, Spanish and Arabic; the other answers let it refuse
    honestly and name the language (``LANGUAGE_NAMES``).

    >>> detect_language("التصديق على اتفاقية مناهضة التعذيب")
    'ar'

    >>> detect_language("Ratifier la Convention contre la torture et veiller à son application")
    'fr'
    >>> detect_language("Abolir la pena de muerte.")
    'es'
    >>> detect_language("Garantir a liberdade de expressão")
    'pt'
    """
    if not text.isascii() and is_mostly_non_latin(text[:300]):
        return script_of(text[:300])
    return language_of(clean(text)[:300])


def script_of(text: str) -> str:
    """ "ar" when most letters of a non-Latin text are Arabic, else "other"."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in letters)
    return "ar" if letters and arabic >= len(letters) / 2 else "other"


def _language_scores(lowered: str, words: list[str]) -> dict[str, int]:
    distinct = set(words[:60])  # the opening words are enough to tell
    scores = {code: len(distinct & listed) for code, listed in LANGUAGE_WORDS.items()}
    if not lowered.isascii():
        for code, cue in _SPELLING_CUES.items():
            if cue.search(lowered[:300]):
                scores[code] += 2
    return scores


_OTHER_WORDS = frozenset().union(*(w for c, w in LANGUAGE_WORDS.items() if c != "en"))


def language_of(lowered: str, words: list[str] | None = None) -> str:
    """detect_language for a text already lower-cased (and its words, when already split)."""
    if words is None:
        words = split_words(lowered)
    if lowered.isascii():
        # The usual case, decided with two set operations: no spelling cue can apply, and no
        # other language can score more than the text's words found in any other list.
        distinct = set(words[:60])
        if len(distinct & LANGUAGE_WORDS["en"]) >= len(distinct & _OTHER_WORDS):
            return "en"
    scores = _language_scores(lowered, words)
    english = scores.pop("en")
    best = max(scores.values())
    # English wins ties and texts without marker words: English names inside an English
    # recommendation ("Commission Vérité et Réconciliation") must not turn it French, and a
    # text with no known word at all is left to the verb rules, which say what they miss.
    if english >= best:
        return "en"
    leaders = [code for code, score in scores.items() if score == best]
    if len(leaders) == 1:
        return leaders[0]
    return "not-en"


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


READ_LANGUAGES = ("en", "fr", "es", "ar")  # the languages the analyser has rules for


def checked_language(language: str | None) -> str | None:
    """The language code asked for ("en", "fr", "es", "ar"), None (tell it), or a DataError."""
    if language is None:
        return None
    code = language.strip().lower() if isinstance(language, str) else language
    if code not in READ_LANGUAGES:
        raise DataError(
            f"the analyser reads {', '.join(READ_LANGUAGES)} (or language=None to tell it from "
            f"the text); got language={language!r}"
        )
    return code


def language_for(text: str) -> str:
    """The language the analyser reads ``text`` in: detect_language, and for a French, Spanish
    or Portuguese text whose words do not tell ("Ratificar"), the rules that find a listed
    verb opening it, when only one of French and Spanish does."""
    if not text.isascii() and is_mostly_non_latin(text[:300]):
        return script_of(text[:300])
    lowered = clean(text)
    code = language_of(lowered, split_words(lowered[:400]))
    if code == "not-en":
        from uprkit.recommendations._localised import has_main_verb

        readable = [c for c in ("fr", "es") if has_main_verb(c, text)]
        code = readable[0] if len(readable) == 1 else code
    return code
