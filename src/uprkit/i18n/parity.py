"""Finding English a participant would read in a French, Spanish or Arabic workshop.

The parity checks of the kit (lessons, widgets, reports, handouts) render what a participant
sees in one language and look for English in it two ways: a sentence whose words are English
function words ("the", "of", "your"...), which no French, Spanish or Arabic sentence has
(short quotations, code and citation keys aside); and a short text (a button, a column name)
that is exactly one of the kit's English messages although its catalog has a translation.
Proper names, document symbols (A/HRC/WG.6/...) and citation keys ([OHCHR-MEMB]) pass.

>>> english_sentences("Vérifiez votre réponse. Check your answer before you submit it.")
['Check your answer before you submit it.']
>>> english_sentences("Examen périodique universel (EPU), A/HRC/WG.6/40/L.1 [OHCHR-MEMB]")
[]
>>> english_sentences("تحقّق من إجابتك قبل إرسالها")
[]
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from uprkit.i18n.messages import CATALOGS, LOCALE_DIR, check_language, translations

# Common English words that are not words of French or Spanish ("a", "de", "en", "no", "on",
# "son", "me", "as" and "his" are left out for that reason).
ENGLISH_FUNCTION_WORDS = frozenset(
    """the and of to is are was were be been being you your yours with this that these those for
    from by at or its it into than them they their there here what which who whom whose how
    when where why will would should could can cannot must may might shall has have had does do
    did done not about after before only also other our we us each every any some such very more
    most many much both either neither between through during without within upon over under
    again then if because while until against same own just than too""".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+|<[^>]+>")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ANY_WORD = re.compile(r"[^\W\d_]+")
_CODE = re.compile(r"`[^`]*`|```.*?```|\[[A-Z0-9-]+\]|https?://\S+", re.S)
# A short quotation ("the title of a page in English", then its translation) is not English prose.
_QUOTED = re.compile(r"«[^»]{1,100}»|“[^”]{1,100}”|\"[^\"\n]{1,100}\"")


def english_sentences(text: str, min_words: int = 4, min_share: float = 0.2) -> list[str]:
    """The sentences of ``text`` that read as English.

    A sentence counts as English when it has at least ``min_words`` Latin words, two of them
    English function words, and those make up at least ``min_share`` of its words.
    """
    found = []
    for sentence in _SENTENCE_END.split(
        _QUOTED.sub(" ", _CODE.sub(" ", html.unescape(text or "")))
    ):
        words = [w.lower().strip("'’-") for w in _WORD.findall(sentence)]
        if len(words) < min_words:
            continue
        english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
        every_word = len(_ANY_WORD.findall(sentence))  # an English name inside Arabic prose
        if english >= 2 and english / every_word >= min_share:
            found.append(sentence.strip())
    return found


def english_messages(language: str) -> frozenset[str]:
    """The kit's English messages that have a translation of their own in ``language``."""
    language = check_language(language)
    if language == "en":
        return frozenset()
    translate = translations(language).gettext
    messages = set()
    for name in CATALOGS:
        pot = LOCALE_DIR / f"{name}.pot"
        if pot.exists():
            messages |= set(re.findall(r'^msgid "(.+)"$', pot.read_text(encoding="utf-8"), re.M))
    return frozenset(m for m in messages if translate(m) != m and "{" not in m)


def untranslated(texts: Iterable[str], language: str) -> list[str]:
    """What of ``texts`` (what a participant sees, piece by piece) is still English."""
    known = english_messages(language)
    found = []
    for text in texts:
        stripped = html.unescape(re.sub(r"<[^>]+>", " ", text or "")).strip()
        if not stripped:
            continue
        if stripped in known:
            found.append(stripped)
        else:
            found.extend(english_sentences(text))
    return found
