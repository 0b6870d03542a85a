"""The action-category rules for French, Spanish and Arabic: the English rules' steps, each
language's own words.

A recommendation is read the way :mod:`._classify` reads English: its frame ("A recommandé
de", "Recomendó", "أوصت ب") and any opening clause are skipped, the main verb (an infinitive in
French and Spanish, a verbal noun in Arabic: مواصلة، النظر في، اتخاذ، التصديق) is found, and its
class decides: asking for help or addressing others (1), continuing (2), considering (3), or
acting (4 or 5, where for "adopter / adoptar / اعتماد" the words it acts upon decide). Means
named for a general aim ("en adoptant une loi", "mediante la aprobación de", "باعتماد قانون")
and "continue and strengthen" are read as in English. The word lists are in
``_lexicon_fr``, ``_lexicon_es`` and ``_lexicon_ar``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType

from uprkit.recommendations._lexicon_tools import KINDS


def N_(message: str) -> str:
    """Mark a message for the catalogs (Babel extracts N_); translated in ._localised."""
    return message


@dataclass(frozen=True)
class Decision:
    """A category, the words that decided it, and why (an English msgid, translated later)."""

    category: int | None
    words: tuple[str, ...]
    why: str
    addressed_to_others: bool = False


WHY_HELP = N_("It only asks the State to seek help from other States or donors")
WHY_OTHERS = N_("It is addressed to other States or donors, not to the State under Review")
WHY_SHARE = N_("It only asks the State to ask for or share help, information or experience")
WHY_NEEDS = N_("It only asks the State to prepare a request for outside help")
WHY_CONTINUE = N_("It asks the State to keep doing something it already does")
WHY_MORE = N_("It asks the State to do more than continue: it adds a new action")
WHY_CONTINUE_MEANS = N_("It asks the State to continue, but also names a new way to do it")
WHY_CONSIDER = N_("It only asks the State to think about or look again at a change, not to make it")
WHY_REVIEW_CHANGE = N_("It asks the State to look again at something and then change it")
WHY_STUDY = N_("It only asks the State to study a question, not to act on it yet")
WHY_SPECIFIC = N_("It asks for one precise step whose completion anyone can check")
WHY_MEANS = N_("It names a general aim, but also one precise step as the way to reach it")
WHY_GENERAL = N_(
    "It asks the State to act but names no precise step, so nobody can check when it is done"
)
WHY_NO_VERB = N_(
    'No action verb was found at the start ("{start}"), so the analyser cannot tell what the '
    "recommendation asks the State to do."
)


@dataclass
class Language:
    """One language's word lists and how its words are read."""

    lexicon: ModuleType
    tokens: object  # text -> list of words
    lemma: object  # word -> verb, or None
    means_verb: object  # (words, index) -> verb named as a means at index, or None
    looks_like_verb: object  # word -> True when its form is a verb's (infinitive, masdar)
    object_word: object = staticmethod(lambda word: word)  # how an object word is looked up
    kind_of: dict[str, str] = field(default_factory=dict)
    frame: re.Pattern | None = None
    legal: re.Pattern | None = None

    def __post_init__(self):
        verbs = self.lexicon.VERBS
        # later classes win: "mantener" continues, "adopter" depends on its object
        for kind in ("general", "specific", "flex4", "flex5", "minimal", "considering"):
            self.kind_of.update(dict.fromkeys(verbs[kind], kind))
        self.kind_of.update(dict.fromkeys(verbs["continuing"], "continuing"))
        assert set(self.kind_of.values()) <= set(KINDS)
        self.frame = re.compile(self.lexicon.FRAME)
        self.legal = re.compile(self.lexicon.LEGAL)


@dataclass(frozen=True)
class _Verb:
    position: int
    span: int  # how many words the verb takes ("mettre en place": 3)
    verb: str
    kind: str
    unknown: bool = False  # not in the lists, told by its form

    def shown(self, tokens: list[str]) -> str:
        return " ".join(tokens[self.position : self.position + self.span])


def _verb_at(lang: Language, tokens: list[str], index: int) -> _Verb | None:
    for words, kind in lang.lexicon.PHRASES:
        if tuple(tokens[index : index + len(words)]) == words:
            return _Verb(index, len(words), words[0], kind)
    verb = lang.lemma(tokens[index])
    if verb is None:
        return None
    return _Verb(index, 1, verb, lang.kind_of[verb])


def _first_verb(lang: Language, tokens: list[str], limit: int) -> _Verb | None:
    skip = lang.lexicon.SKIP | lang.lexicon.LINKS
    for index in range(min(limit, len(tokens))):
        found = _verb_at(lang, tokens, index)
        if found is not None:
            return found
        if tokens[index] not in skip and limit <= 2:
            return None
    return None


def _unknown_verb(lang: Language, tokens: list[str]) -> _Verb | None:
    """A verb the lists do not know, in first place, told by its form (an infinitive, a
    verbal noun): read as an action whose object decides, as in English."""
    skip = lang.lexicon.SKIP | lang.lexicon.LINKS
    for index, token in enumerate(tokens[:3]):
        if token in skip:
            continue
        if lang.looks_like_verb(token):
            return _Verb(index, 1, token, "flex4", unknown=True)
        return None
    return None


_CLAUSE_END = re.compile(r"[,;،؛:.]\s*")


def find_main_verb(lang: Language, text: str) -> tuple[list[str], _Verb] | None:
    """The words of the recommendation from its main verb's sentence, and the main verb."""
    tokens = lang.tokens(text)
    joined = " ".join(tokens[:12])
    stripped = lang.frame.sub("", joined, count=1)
    if stripped != joined:  # "A recommandé de réduire": read from "réduire"
        tokens = stripped.split() + tokens[12:]
    found = _first_verb(lang, tokens, 3) or _unknown_verb(lang, tokens)
    if found is not None:
        return tokens, found
    for comma in _CLAUSE_END.finditer(text[:320]):  # "Tout en saluant ..., poursuivre"
        tail = lang.tokens(text[comma.end() :])
        found = _first_verb(lang, tail, 2)
        if found is not None:
            return tail, found
    found = _first_verb(lang, tokens, 10)
    return (tokens, found) if found is not None else None


def _others(lang: Language, tokens: list[str]) -> str | None:
    head = " " + " ".join(tokens[:30]) + " "
    return next((o for o in lang.lexicon.OTHERS if f" {o} " in head), None)


def _object_decision(
    lang: Language, tokens: list[str], start: int, giving: bool = False
) -> tuple[int, str] | None:
    """The object word after a flexible verb that makes it specific (5), general (4), or a
    study (3); a specific word anywhere in the object wins, as in English."""
    lex, general = lang.lexicon, None
    # what is given may follow a long list of receivers ("dispenser aux agents, aux juges ...
    # une formation")
    for index, word in enumerate(tokens[start : start + (40 if giving else 9)]):
        if word in lex.BOUNDARIES or (index and lang.lemma(word) is not None):
            break
        token = lang.object_word(word)
        if giving and token in lex.BODIES:
            continue  # the receiver of what is given, not the thing given
        if index < 4 and token in lex.CONSIDERING_NOUNS and general is None:
            return 3, token
        if token in lex.SPECIFIC_OBJECTS:
            return 5, token
        if general is None and token in lex.GENERAL_OBJECTS:
            general = token
    return (4, general) if general else None


def _means(
    lang: Language, tokens: list[str], start: int, depth: int, strict: bool = False
) -> Decision | None:
    """A precise step named as the means ("en adoptant une loi"), classified on its own.

    ``strict``: only a means as plain as English "by adopting" (no Spanish bare gerund).
    """
    for index in range(start, min(start + 45, len(tokens))):
        verb = lang.means_verb(tokens, index, strict)
        if verb is not None:
            inner = decide(lang, [verb, *tokens[index + 1 :]], _verb_at(lang, [verb], 0), depth)
            if inner.category in (4, 5):
                return inner
    return None


def decide(lang: Language, tokens: list[str], main: _Verb, depth: int = 0) -> Decision:
    """The category of a recommendation read from its main verb (the English rules' order)."""
    lex = lang.lexicon
    shown = main.shown(tokens)
    rest = tokens[main.position + main.span :]
    kind, verb = main.kind, main.verb
    others = _others(lang, tokens)
    if others and (kind == "minimal" or verb in lex.ASKING):
        if kind == "minimal" and verb not in lex.ASKING:
            return Decision(1, (shown, others), WHY_HELP)
        return Decision(1, (shown, others), WHY_OTHERS, addressed_to_others=True)
    if kind == "minimal":
        help_word = next((w for w in rest[:25] if w in lex.HELP), None)
        if verb in lex.VERBS["always_minimal"] or help_word:
            return Decision(1, (shown, *filter(None, [help_word])), WHY_SHARE)
        kind = "general"
    if verb in lex.NEEDS:
        body = " ".join(tokens[:40])
        phrase = next((p for p in lex.HELP_PHRASES if p in body), None)
        if phrase:
            return Decision(1, (shown, phrase), WHY_NEEDS)
    if verb in lex.SEEK_TO and depth < 3:
        at = main.position + main.span
        while at < len(tokens) and tokens[at] in lex.LINKS | lex.SKIP:
            at += 1
        inner = _verb_at(lang, tokens, at) if at < len(tokens) else None
        if inner is not None and inner.kind != "minimal":
            return decide(lang, tokens, inner, depth + 1)
    if kind == "continuing":
        return _continuing(lang, tokens, main, rest, depth)
    if kind == "considering":
        if verb not in lex.VERBS["consider"] and rest[:1] and rest[0] in lex.AND:
            second = _verb_at(lang, rest, 1) if len(rest) > 1 else None
            if second is not None and second.kind in ("specific", "flex5"):
                return Decision(5, (shown, rest[0], rest[1]), WHY_REVIEW_CHANGE)
        return Decision(3, (shown,), WHY_CONSIDER)
    return _acting(lang, tokens, main, kind, depth)


def _continuing(lang, tokens, main, rest, depth) -> Decision:
    lex, shown = lang.lexicon, main.shown(tokens)
    if main.verb == "poursuivre" and (
        rest[:2] == ["en", "justice"] or any(w in lex.PERSONS for w in rest[:3])
    ):
        return Decision(5, (shown, *rest[:2]), WHY_SPECIFIC)  # "poursuivre les auteurs"
    if len(rest) > 1 and rest[0] in lex.AND and depth < 3:
        second = _verb_at(lang, rest, 1)
        if second is not None and second.kind != "continuing":
            inner = decide(lang, rest, second, depth + 1)
            if inner.category in (4, 5):
                return Decision(inner.category, (shown, rest[0], *inner.words), WHY_MORE)
    if depth < 3:
        inner = _means(lang, tokens, main.position + main.span + 1, depth + 1, strict=True)
        if inner is not None:
            return Decision(inner.category, (shown, *inner.words), WHY_CONTINUE_MEANS)
    return Decision(2, (shown,), WHY_CONTINUE)


def _acting(lang, tokens, main, kind, depth) -> Decision:
    lex, shown = lang.lexicon, main.shown(tokens)
    category, words = (5, (shown,)) if kind == "specific" else (4, (shown,))
    if kind in ("flex4", "flex5"):
        start = main.position + main.span
        decision = _object_decision(lang, tokens, start, main.verb in lex.GIVING)
        if main.verb in lex.LEGAL_RECOGNITION and (decision is None or decision[0] == 4):
            legal = lang.legal.search(" ".join(tokens[start : start + 25]))
            if legal:
                decision = (5, legal.group(0))
        if decision is not None and decision[0] == 3:
            return Decision(3, (shown, decision[1]), WHY_STUDY)
        if decision is not None:
            category, words = decision[0], (shown, decision[1])
        else:
            category = 5 if kind == "flex5" else 4
    if category == 5:
        return Decision(5, words, WHY_SPECIFIC)
    if depth < 3:
        inner = _means(lang, tokens, main.position + main.span, depth + 1)
        if inner is not None and inner.category == 5:
            return Decision(5, (words[0], *inner.words), WHY_MEANS)
    return Decision(4, words, WHY_GENERAL)


def classify_tokens(lang: Language, text: str) -> Decision:
    found = find_main_verb(lang, text)
    if found is None:
        shown = " ".join(lang.tokens(text)[:4])
        return Decision(None, (shown,), WHY_NO_VERB)
    tokens, main = found
    return decide(lang, tokens, main)
