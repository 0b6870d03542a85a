"""Check helpers for the assignments' test cells: failures tell the participant what is missing.

nbgrader gives a test cell its full points when it runs without an error, zero when it raises,
and partial credit when its last value is a number (``award`` returns that number). A bare
``AssertionError`` teaches nothing, so every check here raises one whose message names the
answer, what was expected and how to fix it. Nothing here prints to stderr: nbgrader scores a
test cell that writes to stderr as zero.

>>> require_text("Ratify the Optional Protocol", "recommendation_1")
'Ratify the Optional Protocol'
>>> award([("names an action", True, 1.0), ("has a time frame", False, 1.0)])
  ✓ names an action
  ✗ has a time frame
1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from uprkit.grading.prose import UNANSWERED, participant_translator

PLACEHOLDER_HINT = "replace the ... with your answer"


def N_(message: str) -> str:
    """Mark a message for the catalogs (``uprkit i18n extract``) without importing the i18n
    machinery into every participant's kernel; the feedback page translates it
    (``uprkit.grading.feedback_page``)."""
    return message


# What a participant reads when a check fails or scores, by name. The kernel writes them in
# English; the feedback page shows them in the page's language by matching these patterns.
MESSAGES = {
    "no_answer": N_(
        "`{name}` has no answer yet: write your answer under the first line (`%%answer {name}`) "
        "of its cell, then run the cell again."
    ),
    "placeholder": N_(
        "`{name}` is still `...`: replace the ... with your answer, then run the cell again."
    ),
    "not_text": N_('`{name}` should be text between quotes, like "..."; it is a {kind}: {value}'),
    "few_words": N_("`{name}` has {words} word(s); write at least {minimum}."),
    "not_a_choice": N_("`{name}` is {value}; answer with one of: {choices}."),
    "wrong_choice": N_("`{name}`: {answer} is not the right choice."),
    "wrong_choice_hint": N_("`{name}`: {answer} is not the right choice. Hint: {hint}"),
    "not_a_date": N_(
        "`{name}` should be a date written like date(2027, 3, 15); it is a {kind}: {value}"
    ),
    "not_a_number": N_("`{name}` should be a number; it is a {kind}: {value}"),
    "out_of_range": N_("`{name}` is {value}; it should be between {minimum} and {maximum}."),
    "not_right": N_("`{name}` is {value}, which is not right yet. Hint: {hint}"),
    "not_a_mapping": N_("`{name}` should be a dictionary {{key: answer, ...}}; it is {kind}."),
    "missing_keys": N_("`{name}` has no answer for: {keys}."),
    "placeholder_keys": N_(
        "`{name}` still has `...` for: {keys}; replace the ... with your answer."
    ),
    "not_rows": N_(
        "`{name}` should be a list of rows like {example}; replace the ... with your answer."
    ),
    "few_rows": N_("`{name}` has {rows} row(s); write at least {minimum}."),
    "row_not_mapping": N_(
        "row {number} of `{name}` should be a dictionary {{column: value}}; it is {row}."
    ),
    "row_missing": N_("row {number} of `{name}` has nothing for: {columns}."),
    "found": N_("{name}: the analyser found {found} of {total} elements"),
    "to_earn": N_("To earn the missing points, add: {elements}."),
    "hint": N_("hint: {hint}"),
    # the assignments' hidden tests say this one (``assert ..., "answer_01 is not right"``)
    "hidden_not_right": N_("{name} is not right"),
}


def __getattr__(name: str):
    """``SMART_ELEMENTS`` is the analyser's own list (``uprkit.recommendations``), loaded only by
    the assignments that grade recommendations: the other kernels skip its ~50 ms import."""
    if name == "SMART_ELEMENTS":
        from uprkit.recommendations import SMART_ELEMENTS

        return SMART_ELEMENTS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _say(key: str) -> str:
    """The message ``key`` of :data:`MESSAGES`, in the participant's language where known."""
    translate = participant_translator()
    return translate(MESSAGES[key]) if translate else MESSAGES[key]


def _label(label: str) -> str:
    translate = participant_translator()
    return translate(label) if translate and label else label


class AnswerCheckFailed(AssertionError):
    """A check cell found an answer missing or wrong; the message says what to do."""


def fail(message: str) -> None:
    """Raise the failure a participant reads under the check cell."""
    raise AnswerCheckFailed(message)


def _is_placeholder(value) -> bool:
    return value is Ellipsis or value is None or value is UNANSWERED


def require_answer(value, name: str):
    """Return ``value``, or fail if it is still the ``...`` placeholder (or an empty
    ``%%answer`` cell, see :mod:`uprkit.grading.prose`)."""
    if value is UNANSWERED:
        fail(_say("no_answer").format(name=name))
    if _is_placeholder(value):
        fail(_say("placeholder").format(name=name))
    return value


def require_text(value, name: str, *, min_words: int = 1) -> str:
    """Return ``value`` as a stripped text answer of at least ``min_words`` words."""
    require_answer(value, name)
    if not isinstance(value, str):
        fail(_say("not_text").format(name=name, kind=type(value).__name__, value=repr(value)))
    words = len(value.split())
    if words < min_words:
        fail(_say("few_words").format(name=name, words=words, minimum=min_words))
    return value.strip()


def require_choice(value, name: str, choices: Iterable[str]) -> str:
    """Return a one-letter (or one-word) answer, lower-cased, if it is one of ``choices``."""
    require_answer(value, name)
    valid = [str(c).lower() for c in choices]
    answer = str(value).strip().lower()
    if answer not in valid:
        fail(_say("not_a_choice").format(name=name, value=repr(value), choices=", ".join(valid)))
    return answer


def check_choice(value, name: str, choices: Iterable[str], expected: str, hint: str = "") -> str:
    """A one-choice question: ✓ and the answer when it is ``expected``; otherwise fail saying
    which choice was wrong (the participant's own), never which one is right.

    >>> check_choice("B", "answer_01", "abcd", "b")
      ✓ b
    'b'
    >>> check_choice("a", "answer_01", "abcd", "b")
    Traceback (most recent call last):
    ...
    uprkit.grading.checks.AnswerCheckFailed: `answer_01`: a is not the right choice.
    """
    answer = require_choice(value, name, choices)
    if answer != str(expected).strip().lower():
        message = _say("wrong_choice_hint" if hint else "wrong_choice")
        fail(message.format(name=name, answer=answer, hint=hint))
    print(f"  ✓ {answer}")
    return answer


def require_date(value, name: str) -> dt.date:
    """Return ``value`` if it is a ``datetime.date`` (written ``date(2027, 3, 15)``)."""
    require_answer(value, name)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        fail(_say("not_a_date").format(name=name, kind=type(value).__name__, value=repr(value)))
    return value


def require_number(value, name: str, *, minimum=None, maximum=None) -> float:
    """Return a numeric answer, failing with the valid range if it is outside it."""
    require_answer(value, name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        message = _say("not_a_number")
        fail(message.format(name=name, kind=type(value).__name__, value=repr(value)))
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        message = _say("out_of_range")
        fail(message.format(name=name, value=value, minimum=minimum, maximum=maximum))
    return value


def check_equal(value, expected, name: str, hint: str) -> None:
    """Fail with ``hint`` when ``value`` differs from ``expected`` (which stays hidden)."""
    if value != expected:
        fail(_say("not_right").format(name=name, value=repr(value), hint=hint))


def require_mapping(value, name: str, keys: Sequence) -> Mapping:
    """Return a dict answer that has every key in ``keys`` filled in (no ``...`` left)."""
    require_answer(value, name)
    if not isinstance(value, Mapping):
        fail(_say("not_a_mapping").format(name=name, kind=type(value).__name__))
    missing = [k for k in keys if k not in value]
    if missing:
        fail(_say("missing_keys").format(name=name, keys=", ".join(map(str, missing))))
    empty = [k for k in keys if _is_placeholder(value[k])]
    if empty:
        fail(_say("placeholder_keys").format(name=name, keys=", ".join(map(str, empty))))
    return value


def require_rows(value, name: str, columns: Sequence[str], *, min_rows: int = 1) -> list[dict]:
    """Return a list of row dicts (one per line of a table), each with every column filled in."""
    require_answer(value, name)
    if not isinstance(value, list) or any(row is Ellipsis for row in value):
        example = "{" + ", ".join(repr(c) + ": ..." for c in columns) + "}"
        fail(_say("not_rows").format(name=name, example=example))
    if len(value) < min_rows:
        fail(_say("few_rows").format(name=name, rows=len(value), minimum=min_rows))
    for number, row in enumerate(value, start=1):
        if not isinstance(row, Mapping):
            fail(_say("row_not_mapping").format(number=number, name=name, row=repr(row)))
        missing = [c for c in columns if c not in row or _is_placeholder(row[c]) or row[c] == ""]
        if missing:
            message = _say("row_missing")
            fail(message.format(number=number, name=name, columns=", ".join(missing)))
    return value


def award(checks: Iterable[tuple[str, bool, float]]) -> float:
    """Print a ✓/✗ line per check and return the points earned (nbgrader's partial credit)."""
    earned = 0.0
    for label, passed, points in checks:
        print(f"  {'✓' if passed else '✗'} {_label(label)}")
        earned += points if passed else 0.0
    return round(earned, 2)


def score_choices(value, expected: Mapping, name: str, *, points: float = 1.0) -> float:
    """Partial credit for a multiple-choice (or True/False per item) answer: a ✓/✗ line per
    choice the participant answered, ``points`` per right one.

    The lines say which of *their* choices are wrong, never what the right value is: with
    more than two options the key stays hidden; with True/False a wrong mark does tell the
    participant to flip it, which is what feedback after the grade is for.

    >>> score_choices({"A": True, "B": True}, {"A": True, "B": False}, "specific_action")
      ✓ A
      ✗ B
    1.0
    """
    answers = require_mapping(value, name, list(expected))
    return award((str(key), answers[key] == right, points) for key, right in expected.items())


def score_recommendation(text, name: str, *, points: float, elements: Sequence[str]) -> float:
    """Partial credit for a drafted recommendation: an equal share of ``points`` per SMART element.

    The elements are judged by the kit's analyser (``uprkit.recommendations.assess``), the same
    one participants use in the lessons, so they can check their draft before handing it in.
    """
    # Imported here: every participant's kernel imports this module for its check cells, and the
    # analyser adds 0.04-0.1 s to that (checks alone: ~0.01 s); only recommendation
    # exercises need it.
    from uprkit.recommendations import assess

    text = require_text(text, name, min_words=8)
    assessment = assess(text)
    share = points / len(elements)
    found = len(set(elements) & set(assessment.found))
    print(_say("found").format(name=name, found=found, total=len(elements)))
    result = award((f"{element}", element in assessment.found, share) for element in elements)
    missing = [e for e in elements if e not in assessment.found]
    if missing:
        print(_say("to_earn").format(elements="; ".join(missing)))
        for suggestion in assessment.suggestions:
            print("  " + _say("hint").format(hint=suggestion))
    return result
