"""Sort one recommendation into UPR Info's five action categories, and say why.

The rules read the main verb of the recommendation (the first action word, after any
"Recommended that", opening clause or adverb) and, for verbs that can be general or specific
("adopt measures" / "adopt a law"), the words it acts upon. Source of the scale: fact sheet
§6.1 ([UPRI-FRAMING], [SMART-DECK]); the verb lists for categories 1–4 are UNCONFIRMED there,
so they are the kit's reading, measured against UPR Info's own coding in benchmarks/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from uprkit.errors import DataError
from uprkit.recommendations import _lexicon as lex

CATEGORY_LABELS = {
    1: "minimal action",
    2: "continuing action",
    3: "considering action",
    4: "general action",
    5: "specific action",
}


@dataclass(frozen=True)
class ActionClassification:
    """The action category (1–5, or None when the analyser cannot tell) and the reason."""

    category: int | None
    decisive_words: tuple[str, ...]
    explanation: str

    @property
    def label(self) -> str:
        """The category's short name ("specific action"), or "unknown"."""
        return CATEGORY_LABELS.get(self.category, "unknown")


_TOKEN = re.compile(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*")
_ASCII_TOKEN = re.compile(r"[a-z]+(?:['-][a-z]+)*")  # same words, ~2× faster on plain ASCII


def _words(lowered: str) -> list[str]:
    return (_ASCII_TOKEN if lowered.isascii() else _TOKEN).findall(lowered)


_FRAME = re.compile(
    r"""^[\s"'“”‘’«»()\[\]*•·\-–—.:;,]*
    (?:(?:\(?[a-z0-9]{1,3}[.)]\s+))?                      # a numbering like "a)" or "1."
    (?:(?:it\s+is\s+|was\s+|is\s+)?(?:strongly\s+)?
       (?:recommend(?:s|ed)?|suggest(?:s|ed)?|urge(?:s|d)?|requested|proposed)\s*(?:that\s+)?
     |that\s+|to\s+(?=[a-z]))?""",
    re.X,
)
_FRAME_WORDS = frozenset(
    """recommend recommends recommended suggest suggests suggested urge urges urged requested
    proposed that to it was is strongly""".split()
)
# "In line with its obligations, ratify ..." — an opening clause before the main verb
_OPENING_CLAUSE = re.compile(
    r"""^(?:in|with|while|as|given|noting|note|bearing|taking|recognizing|recognising|following|
    through|by|on|at|within|for|after|based|considering|acknowledging|welcoming|pursuant|
    according|building|mindful|where|when|if|once|since|before|during|despite|upon|under|having|
    guided|consistent|regarding|concerning|further|together|along|without|beyond|aware|
    notwithstanding|inspired|encouraged|recalling|stressing|commending|appreciating)\b
    [^,;]{0,240}[,;]\s*""",
    re.X,
)
# "continue its efforts ... by adopting a law" names new means: read the means instead
_MEANS = re.compile(r"\bby (?:\w+ )?(\w+ing)\b")
_CLAUSE_END = re.compile(r"[,;]\s*")
_PASSIVE = re.compile(
    r"\b(?:should|must|shall|be|to|will)\s+(?:(?:\w+ly|further|also|not)\s+)?([a-z-]+)"
)
_ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœáíóúñ¿¡]")
_VERB_LEMMAS = (
    lex.MINIMAL_VERBS
    | lex.CONTINUING_VERBS
    | lex.CONSIDERING_VERBS
    | lex.GENERAL_VERBS
    | lex.SPECIFIC_VERBS
    | frozenset(lex.FLEX_DEFAULTS)
)


@lru_cache(maxsize=8192)
def _lemma(token: str) -> str | None:
    """The dictionary form of a verb token ("ratifying" → "ratify"), or None if not a known verb."""
    if token in _VERB_LEMMAS:
        return token
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
        return _lemma(token[3:]) and (_lemma("re" + token[3:]) or _lemma(token[3:]))
    if (
        "-" in token
    ):  # "re-establish" is known; "ratify-accede" (a data-entry join) is read as "ratify"
        return _lemma(token.split("-")[0])
    return None


def detect_language(text: str) -> str:
    """Guess "en", "fr" or "es" from common words, so the analyser can refuse honestly.

    >>> detect_language("Ratifier la Convention contre la torture et veiller à son application")
    'fr'
    """
    return _language_of(text[:300].lower())


def _language_of(lowered: str, words: list[str] | None = None) -> str:
    if words is None:
        words = _words(lowered)
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


def _verb_of(token: str) -> str | None:
    """The verb a token stands for: "ratifying" and "ratification" both give "ratify"."""
    return _lemma(token) or lex.NOMINAL_VERBS.get(token)


def _main_verb_position(tokens: list[str]) -> int | None:
    """Index of the main verb: skip adverbs ("fully", "further") and subjects up to ~8 words."""
    for index, token in enumerate(tokens[:10]):
        if token in lex.LEADING_ADVERBS or token in ("should", "must", "shall", "to", "be"):
            continue
        if _verb_of(token) is not None:
            return index
    return None


def _object_decision(tokens: list[str], start: int) -> tuple[int, str] | None:
    """The object word after a flexible verb that makes it specific (5) or general (4).

    A specific word anywhere in the object wins ("adopt policy and legislative measures").
    """
    general = None
    window = tokens[start : start + 9]
    for index, token in enumerate(window):
        if token in lex.OBJECT_BOUNDARIES:
            break
        if index < 4 and token in lex.CONSIDERING_NOUNS and general is None:
            return 3, token
        if token == "action" and window[index + 1 : index + 2] in (["plan"], ["plans"]):
            return 5, "action plan"
        if token in lex.SPECIFIC_OBJECTS:
            return 5, token
        if general is None and token in lex.GENERAL_OBJECTS:
            general = token
    return (4, general) if general else None


def _addressed_to_others(lowered: str) -> str | None:
    head = lowered[:160]
    for phrase in lex.OTHER_ADDRESSEES:
        if phrase in head:
            return phrase
    return None


def _explain(category: int, words: tuple[str, ...], why: str) -> ActionClassification:
    quoted = " … ".join(f'"{w}"' for w in words)
    label = CATEGORY_LABELS[category]
    return ActionClassification(
        category, words, f"{why} ({quoted}), so it is category {category}, {label}."
    )


def _classify_english(text: str, lowered: str | None = None, words: list | None = None):
    if lowered is None:
        lowered = _clean(text)
    first = lowered.split(" ", 1)[0]
    if first.isalpha() and first not in _FRAME_WORDS:
        body = lowered  # the usual case: the text starts with its verb
    else:
        body = _FRAME.sub("", lowered, count=1)
    if _OPENING_CLAUSE.match(body):
        # the clause may hold commas of its own ("Economic, Social and Cultural Rights, revoke")
        for comma in _CLAUSE_END.finditer(body[:300]):
            tail = body[comma.end() :]
            if len(tail) > 10 and _main_verb_position(_words(tail[:80])) == 0:
                body = tail
                break
    # the main verb and its object come early: 400 characters are enough
    tokens = words if words is not None and body is lowered else _words(body[:400])
    position = _main_verb_position(tokens)
    if position is None:  # "Recommended that all allegations ... be investigated"
        for match in _PASSIVE.finditer(body):
            if _verb_of(match.group(1)):
                body = body[match.start(1) :]
                tokens = _words(body[:400])
                position = 0
                break
    if position is None:
        shown = " ".join(tokens[:4]) or text.strip()[:30]
        return ActionClassification(
            None,
            (),
            f'No action verb was found at the start ("{shown}"), so the analyser cannot tell '
            "what the recommendation asks the State to do.",
        )
    verb_token = tokens[position]
    verb = _verb_of(verb_token)
    rest = tokens[position + 1 :]
    rest_set = set(rest[:40])

    # Category 1: other States are addressed, or the SuR is only asked to seek or share help.
    others = _addressed_to_others(body)
    subject = " ".join(tokens[:position])  # "that the international community provide ..."
    if others and (
        others in subject
        or verb in lex.MINIMAL_VERBS
        or verb in ("encourage", "invite", "urge", "recommend")
    ):
        return _explain(
            1,
            (verb_token, others),
            "It is addressed to other States or donors, not to the State under Review",
        )
    if verb in lex.MINIMAL_VERBS:
        help_words = [w for w in rest[:25] if w in lex.ASSISTANCE_WORDS]
        if verb in ("share", "exchange", "call", "appeal", "request", "ask") or help_words:
            return _explain(
                1,
                (verb_token, *help_words[:1]),
                "It only asks the State to ask for or share help, information or experience",
            )
    if verb == "seek" and rest[:1] == ["to"] and len(rest) > 1 and _lemma(rest[1]):
        inner = _classify_english(" ".join(rest[1:]))
        if inner.category is not None:
            return inner

    # Category 2: continue what is already done; "continue and strengthen" asks for more.
    if verb in lex.NEEDS_VERBS:
        help_phrase = next((p for p in lex.HELP_PHRASES if p in body[:200]), None)
        if help_phrase:
            return _explain(
                1,
                (verb_token, help_phrase),
                "It only asks the State to prepare a request for outside help",
            )
    if verb in lex.CONTINUING_VERBS and rest[:1] == ["and"] and len(rest) > 1:
        second = _verb_of(rest[1])
        if second and second not in lex.CONTINUING_VERBS:
            inner = _classify_english(" ".join(rest[1:]))
            if inner.category in (4, 5):
                return _explain(
                    inner.category,
                    (verb_token, "and", *inner.decisive_words),
                    "It asks the State to do more than continue: it adds a new action",
                )
    if verb in lex.CONTINUING_VERBS and position > 0 and tokens[position - 1] == "further":
        return _explain(
            4,
            ("further", verb_token),
            "It asks the State to go further than what it already does",
        )
    if verb in lex.CONTINUING_VERBS:
        means = _MEANS.search(body)
        if means and _verb_of(means.group(1)):
            inner = _classify_english(body[means.start(1) :])
            if inner.category in (4, 5):
                return _explain(
                    inner.category,
                    (verb_token, "by", *inner.decisive_words),
                    "It asks the State to continue, but also names a new way to do it",
                )
        return _explain(
            2, (verb_token,), "It asks the State to keep doing something it already does"
        )

    # Category 3: consider, review, study a change ("review and amend" is a change itself).
    if (
        verb in lex.CONSIDERING_VERBS
        and verb != "consider"
        and rest[:1] == ["and"]
        and len(rest) > 1
    ):
        second = _verb_of(rest[1])
        if second in lex.SPECIFIC_VERBS:
            return _explain(
                5,
                (verb_token, "and", rest[1]),
                "It asks the State to look again at something and then change it",
            )
    if verb in lex.CONSIDERING_VERBS:
        return _explain(
            3,
            (verb_token,),
            "It only asks the State to think about or look again at a change, not to make it",
        )
    if (
        verb in ("give", "pay")
        and rest_set & lex.CONSIDERING_OBJECTS
        and "consideration" in rest[:5]
    ):
        return _explain(
            3,
            (verb_token, "consideration"),
            "It only asks the State to think about a change, not to make it",
        )
    if verb == "look" and rest[:1] == ["into"]:
        return _explain(3, ("look into",), "It only asks the State to look into a question")

    # Categories 4 and 5: general or specific action.
    if verb in lex.FLEX_DEFAULTS:
        start, particle = position + 1, ()
        for candidate in lex.VERB_PARTICLES.get(verb, ()):
            if tuple(rest[: len(candidate)]) == candidate:
                start, particle = position + 1 + len(candidate), candidate
                break
        decision = _object_decision(tokens, start)
        phrase = " ".join((verb_token, *particle))
        if particle in lex.SPECIFIC_PARTICLES:
            category, word = 5, None
        elif decision is not None and decision[0] == 3:
            return _explain(
                3,
                (phrase, decision[1]),
                "It only asks the State to study a question, not to act on it yet",
            )
        elif decision is not None:
            category, word = decision
        else:
            category, word = lex.FLEX_DEFAULTS[verb], None
        words = (phrase, word) if word else (phrase,)
    elif verb in lex.SPECIFIC_VERBS:
        category, words = 5, (verb_token,)
    else:
        category, words = 4, (verb_token,)
    if category == 5:
        return _explain(5, words, "It asks for one precise step whose completion anyone can check")
    return _explain(
        4,
        words,
        "It asks the State to act but names no precise step, so nobody can check when it is done",
    )


def classify_action(text: str) -> ActionClassification:
    """Put one recommendation into UPR Info's action categories 1–5 and explain the choice.

    >>> classify_action("Ratify the Optional Protocol to the Convention against Torture").category
    5
    >>> classify_action("Continue its efforts to reduce poverty").category
    2
    """
    if not isinstance(text, str):
        raise DataError(
            f"classify_action reads the text of one recommendation (a str); got "
            f"{type(text).__name__} {text!r:.60}. "
            "For a column of texts use classify_actions(series)."
        )
    if not text.strip():
        return ActionClassification(
            None, (), "The recommendation is empty, so there is nothing to classify."
        )
    lowered = _clean(text)
    words = _words(lowered[:400])
    language = _language_of(lowered, words)
    if language == "fr":
        return ActionClassification(
            None,
            (),
            "The recommendation is written in French; the analyser reads English, "
            "so classify it by hand or use the English text of the UN report.",
        )
    if language == "es":
        return ActionClassification(
            None,
            (),
            "The recommendation is written in Spanish; the analyser reads English, "
            "so classify it by hand or use the English text of the UN report.",
        )
    return _classify_english(text, lowered, words)


def _clean(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("’", "'").split())
