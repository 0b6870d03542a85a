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

from uprkit.grading.prose import UNANSWERED

PLACEHOLDER_HINT = "replace the ... with your answer"


def __getattr__(name: str):
    """``SMART_ELEMENTS`` is the analyser's own list (``uprkit.recommendations``), loaded only by
    the assignments that grade recommendations: the other kernels skip its ~50 ms import."""
    if name == "SMART_ELEMENTS":
        from uprkit.recommendations import SMART_ELEMENTS

        return SMART_ELEMENTS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        fail(
            f"`{name}` has no answer yet: write your answer under the first line "
            f"(`%%answer {name}`) of its cell, then run the cell again."
        )
    if _is_placeholder(value):
        fail(f"`{name}` is still `...`: {PLACEHOLDER_HINT}, then run the cell again.")
    return value


def require_text(value, name: str, *, min_words: int = 1) -> str:
    """Return ``value`` as a stripped text answer of at least ``min_words`` words."""
    require_answer(value, name)
    if not isinstance(value, str):
        fail(
            f'`{name}` should be text between quotes, like "..."; '
            f"it is a {type(value).__name__}: {value!r}"
        )
    words = len(value.split())
    if words < min_words:
        fail(f"`{name}` has {words} word(s); write at least {min_words}.")
    return value.strip()


def require_choice(value, name: str, choices: Iterable[str]) -> str:
    """Return a one-letter (or one-word) answer, lower-cased, if it is one of ``choices``."""
    require_answer(value, name)
    valid = [str(c).lower() for c in choices]
    answer = str(value).strip().lower()
    if answer not in valid:
        fail(f"`{name}` is {value!r}; answer with one of: {', '.join(valid)}.")
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
        fail(f"`{name}`: {answer} is not the right choice." + (f" Hint: {hint}" if hint else ""))
    print(f"  ✓ {answer}")
    return answer


def require_date(value, name: str) -> dt.date:
    """Return ``value`` if it is a ``datetime.date`` (written ``date(2027, 3, 15)``)."""
    require_answer(value, name)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        fail(
            f"`{name}` should be a date written like date(2027, 3, 15); "
            f"it is a {type(value).__name__}: {value!r}"
        )
    return value


def require_number(value, name: str, *, minimum=None, maximum=None) -> float:
    """Return a numeric answer, failing with the valid range if it is outside it."""
    require_answer(value, name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(f"`{name}` should be a number; it is a {type(value).__name__}: {value!r}")
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        fail(f"`{name}` is {value}; it should be between {minimum} and {maximum}.")
    return value


def check_equal(value, expected, name: str, hint: str) -> None:
    """Fail with ``hint`` when ``value`` differs from ``expected`` (which stays hidden)."""
    if value != expected:
        fail(f"`{name}` is {value!r}, which is not right yet. Hint: {hint}")


def require_mapping(value, name: str, keys: Sequence) -> Mapping:
    """Return a dict answer that has every key in ``keys`` filled in (no ``...`` left)."""
    require_answer(value, name)
    if not isinstance(value, Mapping):
        fail(f"`{name}` should be a dictionary {{key: answer, ...}}; it is {type(value).__name__}.")
    missing = [k for k in keys if k not in value]
    if missing:
        fail(f"`{name}` has no answer for: {', '.join(map(str, missing))}.")
    empty = [k for k in keys if _is_placeholder(value[k])]
    if empty:
        fail(f"`{name}` still has `...` for: {', '.join(map(str, empty))}; {PLACEHOLDER_HINT}.")
    return value


def require_rows(value, name: str, columns: Sequence[str], *, min_rows: int = 1) -> list[dict]:
    """Return a list of row dicts (one per line of a table), each with every column filled in."""
    require_answer(value, name)
    if not isinstance(value, list) or any(row is Ellipsis for row in value):
        fail(
            f"`{name}` should be a list of rows like "
            f"{{{', '.join(repr(c) + ': ...' for c in columns)}}}; "
            f"{PLACEHOLDER_HINT}."
        )
    if len(value) < min_rows:
        fail(f"`{name}` has {len(value)} row(s); write at least {min_rows}.")
    for number, row in enumerate(value, start=1):
        if not isinstance(row, Mapping):
            fail(
                f"row {number} of `{name}` should be a dictionary {{column: value}}; it is {row!r}."
            )
        missing = [c for c in columns if c not in row or _is_placeholder(row[c]) or row[c] == ""]
        if missing:
            fail(f"row {number} of `{name}` has nothing for: {', '.join(missing)}.")
    return value


def award(checks: Iterable[tuple[str, bool, float]]) -> float:
    """Print a ✓/✗ line per check and return the points earned (nbgrader's partial credit)."""
    earned = 0.0
    for label, passed, points in checks:
        print(f"  {'✓' if passed else '✗'} {label}")
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
    print(
        f"{name}: the analyser found {len(set(elements) & set(assessment.found))} "
        f"of {len(elements)} elements"
    )
    result = award((f"{element}", element in assessment.found, share) for element in elements)
    missing = [e for e in elements if e not in assessment.found]
    if missing:
        print("To earn the missing points, add: " + "; ".join(missing) + ".")
        for suggestion in assessment.suggestions:
            print(f"  hint: {suggestion}")
    return result
