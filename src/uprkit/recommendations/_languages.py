"""How French, Spanish and Arabic words are read, and the explanations in those languages.

French and Spanish are read without accents, word by word ("d'enquêter" is "d", "enqueter");
a Spanish infinitive keeps its clitic ("aplicarla", "adherirse"). Arabic is read without
short vowels, with one spelling of alif, tāʼ marbūṭa and alif maqṣūra, and its prefixes "و"
(and) and "ب" (by) split from a verbal noun ("وتعزيز" is "و" + "تعزيز").
"""

from __future__ import annotations

import re
from functools import lru_cache

from uprkit.recommendations import _lexicon_ar as ar
from uprkit.recommendations import _lexicon_es as es
from uprkit.recommendations import _lexicon_fr as fr
from uprkit.recommendations._lexicon_tools import fold
from uprkit.recommendations._other_rules import Language

_LATIN_WORD = re.compile(r"[a-z0-9]+")


def _latin_tokens(text: str) -> list[str]:
    return _LATIN_WORD.findall(fold(text))


def _verbs(lexicon) -> frozenset[str]:
    return frozenset().union(*lexicon.VERBS.values())


_FR_VERBS, _ES_VERBS, _AR_VERBS = _verbs(fr), _verbs(es), _verbs(ar)


@lru_cache(maxsize=4096)
def _fr_lemma(token: str) -> str | None:
    return token if token in _FR_VERBS else None


def _fr_means(tokens: list[str], index: int, strict: bool = False) -> str | None:
    """ "en adoptant" (by adopting), "par l'adoption de", "grâce à la ratification"."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if token == "en" and following.endswith("ant"):
        if following in fr.IRREGULAR_PARTICIPLES:
            return fr.IRREGULAR_PARTICIPLES[following]
        stem = following[:-3]
        for verb in (stem + "er", stem[:-3] + "ir" if stem.endswith("iss") else "", stem + "re"):
            if verb in _FR_VERBS:
                return verb
    if token in ("par", "moyen", "grace", "travers"):
        for word in tokens[index + 1 : index + 4]:
            if word in fr.NOMINAL:
                return fr.NOMINAL[word]
    return None


_CLITICS = ("selo", "sela", "las", "los", "les", "se", "la", "lo", "le")


@lru_cache(maxsize=4096)
def _es_lemma(token: str) -> str | None:
    if token in _ES_VERBS:
        return token
    for clitic in _CLITICS:  # "aplicarla", "ajustarla", "ratificarlos"
        if token.endswith(clitic) and token[: -len(clitic)] in _ES_VERBS:
            return token[: -len(clitic)]
    return None


def _es_gerund(token: str) -> str | None:
    if token in es.IRREGULAR_PARTICIPLES:
        return es.IRREGULAR_PARTICIPLES[token]
    for ending, verbs in (("ando", ("ar",)), ("iendo", ("er", "ir")), ("yendo", ("er", "ir"))):
        if token.endswith(ending):
            for infinitive in verbs:
                verb = token[: -len(ending)] + infinitive
                if verb in _ES_VERBS:
                    return verb
    return None


def _es_means(tokens: list[str], index: int, strict: bool = False) -> str | None:
    """ "aprobando una ley" (by adopting a law), "mediante la aprobación de"."""
    token = tokens[index]
    if token in ("mediante", "traves"):
        for word in tokens[index + 1 : index + 4]:
            if word in es.NOMINAL:
                return es.NOMINAL[word]
        return None
    return None if strict else _es_gerund(token)


_AR_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_AR_WORD = re.compile(r"[\u0621-\u064a0-9]+")
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def ar_normalise(text: str) -> str:
    """Arabic without short vowels or tatweel, with one spelling of alif, tāʼ marbūṭa and yāʼ."""
    return _AR_MARKS.sub("", text).translate(_AR_LETTERS)


@lru_cache(maxsize=8192)
def _ar_lemma(token: str) -> str | None:
    """The verbal noun a word stands for: "التصديق" and "تصديق" read as "تصديق"."""
    for candidate in (token, token[2:] if token.startswith("ال") else ""):
        if candidate in _AR_VERBS:
            return candidate
    if token.startswith("لل") and token[2:] in _AR_VERBS:
        return token[2:]
    if token.startswith("ل") and token[1:] in _AR_VERBS:  # "لتعزيز" (to strengthen)
        return token[1:]
    return None


def _ar_tokens(text: str) -> list[str]:
    words = []
    for word in _AR_WORD.findall(ar_normalise(text)):
        if len(word) > 3 and word[0] in "وب" and _ar_lemma(word[1:]) is not None:
            words += [word[0], word[1:]]  # "وتعزيز" -> "و" "تعزيز"; "باعتماد" -> "ب" ...
        else:
            words.append(word)
    return words


def _ar_means(tokens: list[str], index: int, strict: bool = False) -> str | None:
    """ "باعتماد" (by adopting), "عن طريق اعتماد", "من خلال اعتماد"."""
    token = tokens[index]
    if index + 1 >= len(tokens) or token not in ("ب", "طريق", "خلال"):
        return None
    if strict and token != "طريق":  # as plain as "by adopting": "عن طريق اعتماد"
        return None
    if token == "ب" and index and tokens[index - 1] in ar.GOVERNS_BI:
        return None  # "المتعلقة بتطبيق" (about applying) names no means
    return _ar_lemma(tokens[index + 1])


def _form_check(pattern: str, not_verbs: frozenset[str]):
    infinitive = re.compile(pattern)
    return lambda token: token not in not_verbs and infinitive.fullmatch(token) is not None


def _ar_looks_like_verb(token: str) -> bool:
    """A derived verbal noun: تفعيل (taf'il), إفعال (if'al), استفعال (istif'al), افتعال."""
    word = token[2:] if token.startswith("ال") else token
    if word in ar.NOT_VERBS:
        return False
    return (
        (len(word) == 5 and word[0] == "ت" and word[3] == "ي")
        or (len(word) == 5 and word[0] == "ا" and word[3] == "ا")
        or (len(word) >= 6 and word.startswith("است"))
        or (len(word) == 6 and word[0] == "ا" and word[2] == "ت" and word[4] == "ا")
    )


def _ar_object_word(word: str) -> str:
    """ "اللجنة" and "لجنة" are the same object word (the article "ال" is not read)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


LANGUAGES = {
    "fr": Language(
        fr, _latin_tokens, _fr_lemma, _fr_means, _form_check(fr.INFINITIVE, fr.NOT_VERBS)
    ),
    "es": Language(
        es, _latin_tokens, _es_lemma, _es_means, _form_check(es.INFINITIVE, es.NOT_VERBS)
    ),
    "ar": Language(ar, _ar_tokens, _ar_lemma, _ar_means, _ar_looks_like_verb, _ar_object_word),
}
