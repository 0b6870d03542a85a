"""Sort one recommendation into UPR Info's five action categories, and say why.

The rules read the main verb of the recommendation (the first action word, after any
"Recommended that", opening clause or adverb) and, for verbs that can be general or specific
("adopt measures" / "adopt a law"), the words it acts upon. Source of the scale: fact sheet
§6.1 ([UPRI-FRAMING], [SMART-DECK]); the verb lists for categories 1–4 are UNCONFIRMED there,
so they are the kit's reading, measured against UPR Info's own coding in benchmarks/.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from uprkit.errors import DataError
from uprkit.recommendations import _lexicon as lex
from uprkit.recommendations._clauses import (
    _GENERAL_MEANS,
    _GENERAL_MEANS_NOUN,
    _LEGAL_RECOGNITION,
    _MEANS,
    _addressed_to_others,
    _asked_of_others,
    _find_main_verb,
    _given_thing,
    _named_object,
    _object_decision,
    _Reading,
)
from uprkit.recommendations._reading import (
    LANGUAGE_NAMES,
    READ_LANGUAGES,
    checked_language,
    clean,
    language_for,
    lemma,
    verb_of,
)

CATEGORY_LABELS = {
    1: "minimal action",
    2: "continuing action",
    3: "considering action",
    4: "general action",
    5: "specific action",
}


EMPTY_EXPLANATION = "The recommendation is empty, so there is nothing to classify."
_USE_ENGLISH = (
    "the analyser reads English, French, Spanish and Arabic, so classify it by hand or use the "
    "English text of the UN report."
)
NOT_ENGLISH_EXPLANATIONS = {
    "pt": f"The recommendation is written in {LANGUAGE_NAMES['pt']}; " + _USE_ENGLISH,
    "not-en": "The recommendation is not written in English (French, Spanish or Portuguese; its "
    "words do not tell which); " + _USE_ENGLISH,
    "other": "The recommendation is written in a script the analyser does not read (not Latin, "
    "not Arabic); " + _USE_ENGLISH,
}


_UNREAD = frozenset({EMPTY_EXPLANATION, *NOT_ENGLISH_EXPLANATIONS.values()})


def is_unread(action: ActionClassification) -> bool:
    """True when the analyser did not read the text at all (empty, or in a language it does
    not read)."""
    return action.category is None and action.explanation in _UNREAD


@dataclass(frozen=True)
class ActionClassification:
    """The action category (1–5, or None when the analyser cannot tell) and the reason."""

    category: int | None
    decisive_words: tuple[str, ...]
    explanation: str
    # other States, donors or UN bodies are the ones asked to act (then no SMART actor counts)
    addressed_to_others: bool = False
    # the language the rules read the text in ("en", "fr", "es", "ar"); explanations are in it
    language: str = "en"

    @property
    def label(self) -> str:
        """The category's short name ("specific action"), or "unknown"."""
        return CATEGORY_LABELS.get(self.category, "unknown")

    @property
    def label_in_language(self) -> str:
        """The short name in the language the text was read in ("action précise").

        >>> classify_action("Ratifier la CEDAW").label_in_language
        'action précise'
        """
        if self.language == "en" or self.category is None:
            return self.label
        return _localised().translator(self.language)(self.label)


@functools.lru_cache(maxsize=8192)  # the same few verbs and reasons decide most texts
def _explain(
    category: int, words: tuple[str, ...], why: str, *, addressed_to_others: bool = False
) -> ActionClassification:
    """One sentence a learner can read aloud: the category, why, and the words that decided."""
    quoted = ", ".join(f'"{w}"' for w in words)
    label = CATEGORY_LABELS[category]
    why = why[0].lower() + why[1:]
    return ActionClassification(
        category,
        words,
        f"Category {category} ({label}): {why} (deciding words: {quoted}).",
        addressed_to_others,
    )


def _minimal_action(r: _Reading) -> ActionClassification | None:
    """Category 1: other States are addressed, or the SuR is only asked to seek or share help."""
    verb, rest = r.verb, r.rest
    others = _addressed_to_others(r.body)
    subject = " ".join(r.tokens[: r.position])  # "that the international community provide"
    if others and (
        others in subject
        or f"by the {others}" in r.body  # "be addressed by the international community"
        or f"by {others}" in r.body
        or verb in lex.MINIMAL_VERBS
        or verb in ("encourage", "invite", "urge", "recommend")
    ):
        if verb in lex.MINIMAL_VERBS and others not in subject:  # "Seek support from donors"
            return _explain(
                1,
                (r.verb_token, others),
                "It only asks the State to seek help from other States or donors",
            )
        return _explain(
            1,
            (r.verb_token, others),
            "It is addressed to other States or donors, not to the State under Review",
            addressed_to_others=True,
        )
    if verb in lex.MINIMAL_VERBS:
        help_words = [w for w in rest[:25] if w in lex.ASSISTANCE_WORDS]
        if verb in ("share", "exchange", "call", "appeal", "request", "ask") or help_words:
            return _explain(
                1,
                (r.verb_token, *help_words[:1]),
                "It only asks the State to ask for or share help, information or experience",
            )
    if verb in lex.NEEDS_VERBS or verb is None:  # "Solicit technical assistance" (not listed)
        head = r.body[:200] if verb else " ".join(r.tokens[r.position : r.position + 8])
        phrases = lex.HELP_PHRASES if verb else lex.HELP_ITSELF  # help, not who gives it
        help_phrase = next((p for p in phrases if p in head), None)
        if verb is None and help_phrase is None:  # "Receive the assistance it requires"
            help_phrase = next(
                (w for w in r.rest[:3] if w in ("assistance", "aid", "expertise")), None
            )
        if help_phrase:
            return _explain(
                1,
                (r.verb_token, help_phrase),
                "It only asks the State to prepare a request for outside help",
            )
    return None


def _continuing_action(r: _Reading) -> ActionClassification | None:
    """Category 2, unless "continue" comes with a new action ("continue and strengthen")."""
    verb, rest = r.verb, r.rest
    if verb not in lex.CONTINUING_VERBS:
        phrase = (verb, *rest[:1])
        if phrase in lex.CONTINUING_PHRASES:  # "carry on (with) its efforts"
            return _explain(
                2,
                (" ".join((r.verb_token, *rest[:1])),),
                "It asks the State to keep doing something it already does",
            )
        return None
    if rest[:1] == ["and"] and len(rest) > 1:
        second = verb_of(rest[1])
        if second and second not in lex.CONTINUING_VERBS:
            inner = _classify_english(" ".join(rest[1:]))
            if inner.category in (4, 5):
                return _explain(
                    inner.category,
                    (r.verb_token, "and", *inner.decisive_words),
                    "It asks the State to do more than continue: it adds a new action",
                )
    if r.position > 0 and r.tokens[r.position - 1] == "further":
        return _explain(
            4,
            ("further", r.verb_token),
            "It asks the State to go further than what it already does",
        )
    means = _MEANS.search(r.body)  # "continue its efforts ... by adopting a law"
    if means and verb_of(means.group(1)):
        inner = _classify_english(r.body[means.start(1) :])
        if inner.category in (4, 5):
            return _explain(
                inner.category,
                (r.verb_token, "by", *inner.decisive_words),
                "It asks the State to continue, but also names a new way to do it",
            )
    return _explain(2, (r.verb_token,), "It asks the State to keep doing something it already does")


def _considering_action(r: _Reading) -> ActionClassification | None:
    """Category 3: consider, review, study a change ("review and amend" is a change itself)."""
    verb, rest = r.verb, r.rest
    if verb in lex.CONSIDERING_VERBS:
        if verb != "consider" and rest[:1] == ["and"] and len(rest) > 1:
            if verb_of(rest[1]) in lex.SPECIFIC_VERBS:
                return _explain(
                    5,
                    (r.verb_token, "and", rest[1]),
                    "It asks the State to look again at something and then change it",
                )
        return _explain(
            3,
            (r.verb_token,),
            "It only asks the State to think about or look again at a change, not to make it",
        )
    if verb in ("give", "pay") and "consideration" in rest[:5]:
        return _explain(
            3,
            (r.verb_token, "consideration"),
            "It only asks the State to think about a change, not to make it",
        )
    if verb == "take" and rest[:1] == ["into"] and "consideration" in rest[1:4]:
        return _explain(
            3,
            ("take into consideration",),
            "It only asks the State to think about a change, not to make it",
        )
    if verb == "look" and rest[:1] == ["into"]:
        return _explain(3, ("look into",), "It only asks the State to look into a question")
    return None


def _specific_means(body: str) -> tuple[str, ...] | None:
    """The deciding words of a specific step named as the means ("by adopting a law"), or None.

    UPR Info codes "Take measures to protect children by adopting a law on child labour" as a
    specific action: the means, not the general aim, is what anyone can check.
    """
    found = _GENERAL_MEANS.search(body)
    if found and verb_of(found.group(2)):
        inner = _classify_english(body[found.start(2) :])
        if inner.category == 5:
            return (found.group(1), *inner.decisive_words)
    found = _GENERAL_MEANS_NOUN.search(body)
    if found:
        inner = _classify_english(lex.NOMINAL_VERBS[found.group(2)] + " " + body[found.end() :])
        if inner.category == 5:
            return (f"{found.group(1)} {found.group(2)}", *inner.decisive_words[1:])
    return None


def _general_or_specific_action(r: _Reading, text: str = "") -> ActionClassification:
    """Category 4 or 5: the verb decides, or for "adopt", "establish"… the words it acts upon;
    when those words are not in the lists, a name or number in the object makes it specific."""
    verb, rest = r.verb, r.rest
    if verb in lex.FLEX_DEFAULTS or verb is None:  # a verb the lists do not know: its object
        start, particle = r.position + 1, ()
        for candidate in lex.VERB_PARTICLES.get(verb, ()):
            if tuple(rest[: len(candidate)]) == candidate:
                start, particle = r.position + 1 + len(candidate), candidate
                break
        decision = _object_decision(r.tokens, start, unknown_verb=verb is None)
        if decision is None and text and verb not in lex.GIVING_VERBS:
            named = _named_object(text, r, start)  # "Fill the vacancies in the Supreme Court"
            decision = (5, named) if named else None
        if verb in lex.GIVING_VERBS:
            # "provide the commission with adequate resources": what is given decides, not who
            # receives it
            given = _given_thing(r.tokens, start)
            if given is not None:
                decision = _object_decision(r.tokens, given)
        phrase = " ".join((r.verb_token, *particle))
        if verb in lex.LEGAL_RECOGNITION_VERBS and (decision is None or decision[0] == 4):
            # "recognize conscientious objection in law": recognition written into the law
            legal = _LEGAL_RECOGNITION.search(r.body[:160])
            if legal and "practice" not in r.body[legal.end() : legal.end() + 20]:
                decision = (5, legal.group(0))
        if decision is not None and decision[0] == 3:
            return _explain(
                3,
                (phrase, decision[1]),
                "It only asks the State to study a question, not to act on it yet",
            )
        category, word = (
            decision if decision is not None else (lex.FLEX_DEFAULTS.get(verb, 4), None)
        )
        words = (phrase, word) if word else (phrase,)
    elif verb in lex.SPECIFIC_VERBS:
        category, words = 5, (r.verb_token,)
    else:
        category, words = 4, (r.verb_token,)
    if category == 5:
        return _explain(5, words, "It asks for one precise step whose completion anyone can check")
    means = _specific_means(r.body[:300])
    if means is not None:
        return _explain(
            5,
            (words[0], *means),
            "It names a general aim, but also one precise step as the way to reach it",
        )
    return _explain(
        4,
        words,
        "It asks the State to act but names no precise step, so nobody can check when it is done",
    )


def _classify_english(
    text: str, lowered: str | None = None, words: list[str] | None = None
) -> ActionClassification:
    """The rules in the order of the scale: 1 (minimal) first, 4–5 (action) last."""
    lowered = lowered if lowered is not None else clean(text)
    others = _asked_of_others(lowered)
    if others is not None:
        return _explain(
            1,
            others,
            "It is addressed to other States, donors or UN bodies, not to the State under Review",
            addressed_to_others=True,
        )
    reading = _find_main_verb(lowered, words)
    if isinstance(reading, str):
        shown = reading or text.strip()[:30]
        return ActionClassification(
            None,
            (),
            f'No action verb was found at the start ("{shown}"), so the analyser cannot tell '
            "what the recommendation asks the State to do.",
        )
    minimal = _minimal_action(reading)
    if minimal is not None:
        return minimal
    rest = reading.rest
    if reading.verb == "seek" and rest[:1] == ["to"] and len(rest) > 1 and lemma(rest[1]):
        inner = _classify_english(" ".join(rest[1:]))  # "seek to ratify" reads as "ratify"
        if inner.category is not None:
            return inner
    return (
        _continuing_action(reading)
        or _considering_action(reading)
        or _general_or_specific_action(reading, text)
    )


def classify_action(text: str, language: str | None = None) -> ActionClassification:
    """Put one recommendation into UPR Info's action categories 1–5 and explain the choice.

    ``language`` ("en", "fr", "es", "ar") says which rules read the text; None tells it from
    the text. French, Spanish and Arabic texts are explained in their own language.

    >>> classify_action("Ratify the Optional Protocol to the Convention against Torture").category
    5
    >>> classify_action("Continue its efforts to reduce poverty").category
    2
    >>> classify_action("Envisager de ratifier la Convention contre la torture").category
    3
    """
    if not isinstance(text, str):
        raise DataError(
            f"classify_action reads the text of one recommendation (a str); got "
            f"{type(text).__name__} {text!r:.60}. "
            "For a column of texts use classify_actions(series)."
        )
    code = checked_language(language)
    if not text.strip():
        return ActionClassification(None, (), EMPTY_EXPLANATION)
    if code is None:
        code = language_for(text)
    if code == "en":
        return _classify_english(text)
    if code in READ_LANGUAGES:
        return _classify_other(code, text)
    return ActionClassification(None, (), NOT_ENGLISH_EXPLANATIONS[code])


def _localised():
    from uprkit.recommendations import _localised

    return _localised


def _classify_other(code: str, text: str) -> ActionClassification:
    local = _localised()
    decision = local.classify_in(code, text)
    return ActionClassification(
        decision.category,
        decision.words if decision.category is not None else (),
        local.explain(code, decision),
        decision.addressed_to_others,
        code,
    )
