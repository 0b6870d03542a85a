"""Read a participant's short answer in English, French, Spanish or Arabic the same way.

Autograded questions compare answers after :func:`normalise_answer`: Unicode NFKC, case and
accents folded for Latin scripts, Arabic letter forms unified (alef variants, taa marbuta/haa,
alef maqsura/yaa, tatweel, short vowels), State names in any of the four languages turned into
their ISO3 code, and the two UPR responses ("supported"/"noted") recognised in every language.
The ``read_*`` helpers do the same for answers that are not free words: a choice letter
(:func:`read_choice`), True/False (:func:`read_boolean`), a number written with a decimal comma or
Arabic-Indic digits (:func:`read_number`), a date with a month name (:func:`read_date`), a
follow-up status (:func:`read_status`), a treaty or committee (:func:`treaty_code_of`), a section
title (:func:`mentions_section`). Each gives back what it cannot read unchanged, so the check
cell's own message still names the answer; the words are in :mod:`uprkit.i18n.answer_words`.

>>> normalise_answer("  Soutenue ", "fr"), normalise_answer("tomada nota", "es")
('supported', 'noted')
>>> normalise_answer("كينيا", "ar"), normalise_answer("le Kenya", "fr")
('KEN', 'KEN')
>>> normalise_answer("مُؤَيَّدَةٌ", "ar")
'supported'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from babel import Locale

from uprkit.data import load_observer_states, load_states, load_treaties, to_iso3
from uprkit.errors import UnknownStateError
from uprkit.i18n.answer_words import (
    ARABIC_LEVANTINE_MONTHS,
    ARABIC_UN_MONTHS,
    BOOLEAN_WORDS,
    CHOICE_LETTERS,
    DATE_FILLERS,
    SECTION_WORDS,
    STATUS_WORDS,
    TREATY_NAMES,
)
from uprkit.i18n.messages import check_language

# Short vowels and other marks (fathatan .. sukun, superscript alef, Quranic marks), and tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # آ alef with madda -> ا
        "\u0623": "\u0627",  # أ alef with hamza above -> ا
        "\u0625": "\u0627",  # إ alef with hamza below -> ا
        "\u0671": "\u0627",  # ٱ alef wasla -> ا
        "\u0629": "\u0647",  # ة taa marbuta -> ه
        "\u0649": "\u064a",  # ى alef maqsura -> ي
        "\u0624": "\u0648",  # ؤ waw with hamza -> و
        "\u0626": "\u064a",  # ئ yaa with hamza -> ي
        "\u06cc": "\u064a",  # ی Persian yaa -> ي
        "\u06a9": "\u0643",  # ک keheh -> ك
        "\u060c": ",",  # Arabic comma
        "\u061b": ";",  # Arabic semicolon
        "\u061f": "?",  # Arabic question mark
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic digits
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "œ": "oe",  # « mise en œuvre » typed « mise en oeuvre »
        "æ": "ae",
    }
)
_EDGE_PUNCTUATION = " \t\n.,;:!?\"'«»“”„()[]-–—"
_ARTICLES = ("the ", "le ", "la ", "les ", "l'", "el ", "los ", "las ")

# The two official responses to a UPR recommendation, in the kit's four languages [UPRI-S17].
RESPONSE_WORDS = {
    "supported": (
        "supported", "accepted", "support", "accept",
        "soutenue", "soutenu", "soutenues", "acceptee", "accepte", "appuyee", "appuye",
        "appuyees", "appuie", "l'etat l'appuie",
        "apoyada", "apoyado", "aceptada", "aceptado",
        "مؤيدة", "مؤيد", "مقبولة", "مقبول", "تأييد", "قبول",
    ),
    "noted": (
        "noted", "note", "took note", "taken note",
        "notee", "note", "prise en note", "pris note", "il a ete pris note", "prend note",
        "en prend note", "a pris note", "dont l'etat a pris note", "dont l'etat prend note",
        "dont il est pris note", "l'etat en prend note",
        "tomada nota", "se toma nota", "tomo nota", "anotada", "anotado", "nota",
        "أحيط علما", "احيط علما بها", "أحيط علما بها",
        "تم الإحاطة علما", "الإحاطة علما", "إحاطة علما",
    ),
}  # fmt: skip

# Official UN names that CLDR's short names do not cover (CLDR is read through Babel).
EXTRA_STATE_NAMES = {
    "COD": ("République démocratique du Congo", "República Democrática del Congo",
            "جمهورية الكونغو الديمقراطية"),
    "COG": ("République du Congo", "República del Congo", "جمهورية الكونغو"),
    "PRK": ("République populaire démocratique de Corée",
            "República Popular Democrática de Corea", "جمهورية كوريا الشعبية الديمقراطية"),
    "KOR": ("République de Corée", "República de Corea", "جمهورية كوريا"),
    "RUS": ("Fédération de Russie", "Federación de Rusia", "الاتحاد الروسي"),
    "IRN": ("République islamique d'Iran", "República Islámica del Irán",
            "جمهورية إيران الإسلامية"),
    "SYR": ("République arabe syrienne", "República Árabe Siria", "الجمهورية العربية السورية"),
    "BOL": ("État plurinational de Bolivie", "Estado Plurinacional de Bolivia",
            "دولة بوليفيا المتعددة القوميات"),
    "VEN": ("République bolivarienne du Venezuela", "República Bolivariana de Venezuela",
            "جمهورية فنزويلا البوليفارية"),
    "TZA": ("République-Unie de Tanzanie", "República Unida de Tanzanía",
            "جمهورية تنزانيا المتحدة"),
    "MDA": ("République de Moldova", "República de Moldova", "جمهورية مولدوفا"),
    "LAO": ("République démocratique populaire lao", "República Democrática Popular Lao",
            "جمهورية لاو الديمقراطية الشعبية"),
    "GBR": ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
            "Reino Unido de Gran Bretaña e Irlanda del Norte",
            "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"),
    "USA": ("États-Unis d'Amérique", "Estados Unidos de América", "الولايات المتحدة الأمريكية"),
    "PSE": ("État de Palestine", "Estado de Palestina", "دولة فلسطين"),
    "VAT": ("Saint-Siège", "Santa Sede", "الكرسي الرسولي"),
    "TUR": ("Türkiye", "Türkiye", "تركيا"),
    "CIV": ("Côte d'Ivoire", "Côte d'Ivoire", "كوت ديفوار"),
}  # fmt: skip


def fold_text(text: str) -> str:
    """NFKC, casefold, Latin accents removed, Arabic letter forms unified, spaces collapsed.

    >>> fold_text("  Côte  d’IVOIRE "), fold_text("إِحَاطَة")
    ("cote d'ivoire", 'احاطه')
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    # Drop Latin combining accents only: Arabic hamza marks were folded above.
    text = "".join(
        ch for ch in decomposed
        if not (unicodedata.combining(ch) and "\u0300" <= ch <= "\u036f")
    )  # fmt: skip
    text = unicodedata.normalize("NFC", text).replace("-", " ")
    return " ".join(text.split()).strip(_EDGE_PUNCTUATION)


@functools.cache
def _response_index() -> dict[str, str]:
    return {
        fold_text(word): response for response, words in RESPONSE_WORDS.items() for word in words
    }


@functools.cache
def _state_index() -> dict[str, str]:
    """Folded State names (English, French, Spanish, Arabic) -> ISO3."""
    states = load_states()
    observers = load_observer_states()
    index: dict[str, str] = {}
    iso2_to_iso3 = dict(zip(states["iso2"], states["iso3"], strict=True))
    if "iso2" in observers:
        iso2_to_iso3.update(zip(observers["iso2"], observers["iso3"], strict=True))
    for language in ("fr", "es", "ar", "en"):
        territories = Locale(language).territories
        for iso2, iso3 in iso2_to_iso3.items():
            if iso2 in territories:
                index.setdefault(fold_text(territories[iso2]), iso3)
    for iso3, names in EXTRA_STATE_NAMES.items():
        for name in names:
            index.setdefault(fold_text(name), iso3)
    for column in ("name", "short_name"):
        if column in states:
            for name, iso3 in zip(states[column], states["iso3"], strict=True):
                index.setdefault(fold_text(name), iso3)
    return index


def state_code_of(text: str) -> str | None:
    """The ISO3 code of a State named in any of the kit's four languages, or None."""
    folded = fold_text(text)
    index = _state_index()
    for candidate in (folded, *(folded[len(a) :] for a in _ARTICLES if folded.startswith(a))):
        if candidate in index:
            return index[candidate]
        if candidate.startswith("ال") and candidate[2:] in index:  # Arabic article al-
            return index[candidate[2:]]
    try:
        return to_iso3(text.strip())
    except UnknownStateError:
        return None


def normalise_answer(text: str, language: str = "en") -> str:
    """The canonical form of a short answer written in English, French, Spanish or Arabic.

    A UPR response becomes "supported" or "noted", a State name its ISO3 code, and anything
    else its folded text (see :func:`fold_text`). ``language`` is the notebook's language; an
    answer in another of the four languages is read as well. An answer not written yet (None,
    or an empty ``%%answer`` cell, whose value is false) is "".

    >>> normalise_answer(None)
    ''
    """
    check_language(language)
    if text is None or not text:
        return ""
    folded = fold_text(text)
    if not folded:
        return ""
    response = _response_index().get(folded)
    if response:
        return response
    if len(folded) <= 80:
        code = state_code_of(text)
        if code:
            return code
    return folded


# ------------------------------------------------ answers that are not words: choices, numbers …


def _folded_index(table: dict) -> dict[str, object]:
    return {fold_text(word): key for key, words in table.items() for word in words}


def read_choice(value):
    """A multiple-choice letter: Arabic أ ب ج د read as a b c d; anything else as written.

    >>> read_choice("ج"), read_choice(" B "), read_choice("x")
    ('c', ' B ', 'x')
    """
    if isinstance(value, str):
        folded = fold_text(value)
        letters = {fold_text(arabic): latin for arabic, latin in CHOICE_LETTERS.items()}
        if folded in letters:
            return letters[folded]
    return value


def read_boolean(value):
    """True or False written as a word (yes/oui/sí/نعم, false/faux/falso/خطأ ...); else as given.

    >>> read_boolean("Vrai"), read_boolean("falso"), read_boolean("نعم"), read_boolean(True)
    (True, False, True, True)
    >>> read_boolean("maybe")
    'maybe'
    """
    if isinstance(value, str):
        return _folded_index(BOOLEAN_WORDS).get(fold_text(value), value)
    return value


_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def read_number(value):
    """A number written as text: decimal comma, Arabic-Indic digits, spaces between thousands.

    A comma followed by exactly three digits ("5,630") is 5630 in English and 5.63 in French:
    it is not guessed, and stays text (the check then says it is not a number).

    >>> read_number("2,5"), read_number("٢٫٥"), read_number("١٢"), read_number("5 630")
    (2.5, 2.5, 12, 5630)
    >>> read_number("5,630"), read_number("0,375"), read_number("-3"), read_number("many")
    ('5,630', 0.375, -3, 'many')
    """
    if not isinstance(value, str):
        return value
    text = value.strip().translate(_ARABIC_LETTERS).replace("\u066b", ".").replace("\u066c", " ")
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)
    if not _NUMBER.fullmatch(text) or re.fullmatch(r"[+-]?[1-9]\d{0,2},\d{3}", text):
        return value
    number = float(text.replace(",", "."))
    return int(number) if number.is_integer() and not re.search(r"[.,]", text) else number


@functools.cache
def _month_index() -> dict[str, int]:
    index: dict[str, int] = {}
    for language in ("en", "fr", "es", "ar"):
        months = Locale(language).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    index.setdefault(fold_text(name).rstrip("."), number)
    for number, name in [*enumerate(ARABIC_LEVANTINE_MONTHS, start=1), *ARABIC_UN_MONTHS.items()]:
        index.setdefault(fold_text(name), number)
    return index


def read_date(value):
    """A date written as text: "2027-02-24", "24 février 2027", "24 de febrero de 2027",
    "February 24, 2027", "24 شباط/فبراير 2027" become ``datetime.date``; anything else (a
    ``date`` already, or "24/02/2027", which is 24 February in one country and not a date in
    another) stays as written.

    >>> read_date("24 février 2027"), read_date("٢٤ شباط/فبراير ٢٠٢٧")
    (datetime.date(2027, 2, 24), datetime.date(2027, 2, 24))
    >>> read_date("10 حزيران/يونيه 2016")
    datetime.date(2016, 6, 10)
    >>> read_date("24/02/2027")
    '24/02/2027'
    """
    if not isinstance(value, str):
        return value
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip().translate(_ARABIC_LETTERS))
    folded = fold_text(value)
    parts = [int(p) for p in iso.groups()] if iso else None
    if parts is None:
        months = set()
        for name, number in sorted(_month_index().items(), key=lambda item: -len(item[0])):
            pattern = rf"(?<!\w){re.escape(name)}\.?(?!\w)"
            if re.search(pattern, folded):
                months.add(number)
                folded = re.sub(pattern, " ", folded)
        words = re.findall(r"\d+|[^\W\d_]+", folded)
        numbers = [int(w) for w in words if w.isdigit()]
        others = [w for w in words if not w.isdigit() and w not in DATE_FILLERS]
        years = [n for n in numbers if n > 999]
        days = [n for n in numbers if n <= 31]
        if len(months) != 1 or others or len(years) != 1 or len(days) != 1 or len(numbers) != 2:
            return value
        parts = [years[0], months.pop(), days[0]]
    try:
        return dt.date(*parts)
    except ValueError:
        return value


def read_status(value):
    """A follow-up status in any of the four languages, as the matrix's English word.

    >>> read_status("Mise en œuvre"), read_status("en retroceso"), read_status("تراجع")
    ('implemented', 'regressed', 'regressed')
    >>> read_status("done")
    'done'
    """
    if not isinstance(value, str):
        return value
    index = _folded_index({status: (status, *words) for status, words in STATUS_WORDS.items()})
    return index.get(fold_text(value), value)


@functools.cache
def _treaty_index() -> dict[str, str]:
    treaties = load_treaties()
    core = treaties[treaties["kind"] == "treaty"]
    index = {fold_text(code): code for code in treaties["code"]}
    for row in core.itertuples():
        index.setdefault(fold_text(row.committee), row.code)
        for alias in (row.name, row.short_name, *str(row.aliases or "").split(";")):
            if alias.strip():
                index.setdefault(fold_text(alias), row.code)
    for code, names in TREATY_NAMES.items():
        for name in names:
            index.setdefault(fold_text(name), code)
    return index


def treaty_code_of(value):
    """The kit's code of a core treaty named by its own or its committee's name or acronym, in
    any of the four languages ("CDE", « Comité des droits de l'enfant », لجنة حقوق الطفل -> CRC);
    anything else as written.

    >>> treaty_code_of("la CEDAW"), treaty_code_of("Comité des droits de l'enfant")
    ('CEDAW', 'CRC')
    >>> treaty_code_of("سيداو"), treaty_code_of("CDN"), treaty_code_of("WHO")
    ('CEDAW', 'CRC', 'WHO')
    """
    if not isinstance(value, str):
        return value
    folded = fold_text(value)
    index = _treaty_index()
    for candidate in (folded, *(folded[len(a) :] for a in _ARTICLES if folded.startswith(a))):
        if candidate in index:
            return index[candidate]
        if candidate.startswith("ال") and candidate[2:] in index:
            return index[candidate[2:]]
    return value


def mentions_section(title: str, section: str) -> bool:
    """Whether a section title names ``section`` ("summary", "recommendation") in any language.

    >>> mentions_section("Résumé analytique", "summary")
    True
    >>> mentions_section("التوصيات", "recommendation"), mentions_section("Méthode", "summary")
    (True, False)
    """
    folded = fold_text(title)
    return any(fold_text(stem) in folded for stem in SECTION_WORDS[section])
