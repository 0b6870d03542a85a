"""Self-check quizzes with immediate feedback, for the end of every lesson.

A quiz is a list of :class:`Question` (frozen dataclasses). :func:`check_answer` is the plain
function that decides whether an answer is right and says why; :func:`show_quiz` is the thin
ipywidgets front end (radio buttons, a "Check" button and a feedback line per question). Nothing
is graded or stored: the quiz is for the participant alone.

>>> q = Question(
...     prompt="How long does a State under Review speak in the Working Group?",
...     choices=("30 minutes", "70 minutes", "140 minutes"),
...     correct=1,
...     explanation="The State under Review has 70 of the 210 minutes.",
...     source="[UPRI-NEWMOD]",
... )
>>> check_answer(q, "70 minutes").correct
True
>>> check_answer(q, 2).message.startswith("Not quite")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ipywidgets as widgets

from uprkit.errors import DataError
from uprkit.i18n import N_, _, use_language
from uprkit.widgets._common import render
from uprkit.widgets._locale import in_own_language, isolate_keys, mark_direction, widget_language

__all__ = ["Question", "Feedback", "check_answer", "show_quiz", "QuizBox", "QuestionBox"]

NO_ANSWER = N_("Choose one answer first, then press Check.")
TITLE = N_("Check your understanding")


@dataclass(frozen=True)
class Question:
    """One multiple-choice question.

    ``correct`` is the index (from 0) of the right choice in ``choices``. ``source`` names the
    fact-sheet key(s) the answer rests on, e.g. ``"[UPRI-NEWMOD]"``; it is shown with the feedback
    so participants learn where facts come from.
    """

    prompt: str
    choices: tuple[str, ...]
    correct: int
    explanation: str
    source: str

    def __post_init__(self) -> None:
        # Lists are accepted for convenience, but stored as a tuple so the question stays frozen.
        object.__setattr__(self, "choices", tuple(self.choices))
        if len(self.choices) < 2:
            raise DataError(
                f"question {self.prompt!r} has {len(self.choices)} choice(s); it needs at least 2"
            )
        if len(set(self.choices)) != len(self.choices):
            raise DataError(f"question {self.prompt!r} repeats a choice: {list(self.choices)}")
        if not isinstance(self.correct, int) or not 0 <= self.correct < len(self.choices):
            raise DataError(
                f"question {self.prompt!r}: correct={self.correct!r} is not a choice number; "
                f"expected 0 to {len(self.choices) - 1}"
            )
        if not self.source.strip():
            raise DataError(f"question {self.prompt!r} has no source; name the fact-sheet key")

    @property
    def correct_choice(self) -> str:
        return self.choices[self.correct]


@dataclass(frozen=True)
class Feedback:
    """What the participant sees after pressing Check."""

    correct: bool
    message: str


def _choice_index(question: Question, answer: int | str) -> int:
    if isinstance(answer, bool):  # bool is an int in Python; True is never a valid answer
        raise DataError(f"answer {answer!r} is not one of the choices {list(question.choices)}")
    if isinstance(answer, int):
        if 0 <= answer < len(question.choices):
            return answer
        raise DataError(
            f"answer number {answer} is not a choice of {question.prompt!r}; "
            f"expected 0 to {len(question.choices) - 1}"
        )
    if isinstance(answer, str) and answer in question.choices:
        return question.choices.index(answer)
    raise DataError(f"answer {answer!r} is not one of the choices {list(question.choices)}")


def check_answer(question: Question, answer: int | str | None) -> Feedback:
    """Say whether ``answer`` (a choice's text or its index, or None) is right, and why.

    The explanation and the source are given for right and wrong answers alike: a lucky guess
    should still teach the reason.
    """
    if answer is None:
        return Feedback(correct=False, message=_(NO_ANSWER))
    index = _choice_index(question, answer)
    why = f"{question.explanation} " + _("(Source: {source})").format(source=question.source)
    if index == question.correct:
        return Feedback(correct=True, message=f"{_('Correct.')} {why}")
    return Feedback(
        correct=False,
        message=_("Not quite: the answer is “{answer}”.").format(answer=question.correct_choice)
        + f" {why}",
    )


class QuestionBox(widgets.VBox):
    """One question on screen: the prompt, radio buttons, a Check button and a feedback line."""

    def __init__(self, question: Question, number: int, language: str | None = None):
        self.language = widget_language(language)
        self.question = question
        self.prompt = widgets.HTML(
            render("quiz_prompt.html.j2", number=number, prompt=question.prompt)
        )
        self.radio = widgets.RadioButtons(
            options=list(question.choices),
            index=None,
            layout=widgets.Layout(width="auto"),
            description="",
        )
        self.check_button = widgets.Button(
            description=_("Check"), tooltip=_("See whether your answer is right"), icon="check"
        )
        self.feedback = widgets.HTML("")
        self.last_feedback: Feedback | None = None
        self.check_button.on_click(self._on_check)
        super().__init__(children=[self.prompt, self.radio, self.check_button, self.feedback])

    @in_own_language
    def _on_check(self, _button=None) -> None:
        result = check_answer(self.question, self.radio.value)
        self.last_feedback = result
        if self.radio.value is None:
            colour, mark = "#555555", ""
        elif result.correct:
            colour, mark = "#1b7837", "✔ "
        else:
            colour, mark = "#b2182b", "✘ "
        self.feedback.value = render(
            "quiz_feedback.html.j2", colour=colour, mark=mark, message=isolate_keys(result.message)
        )


class QuizBox(widgets.VBox):
    """A whole quiz; ``.items`` holds one :class:`QuestionBox` per question."""

    def __init__(self, questions: Sequence[Question], title: str, language: str | None = None):
        self.language = widget_language(language)
        with use_language(self.language):
            self.items = [
                QuestionBox(q, i, self.language) for i, q in enumerate(questions, start=1)
            ]
            heading = widgets.HTML(render("quiz_heading.html.j2", title=_(title)))
        super().__init__(children=[heading, *self.items])
        self.add_class("uprkit-quiz")
        mark_direction(self, self.language)

    def score(self) -> tuple[int, int]:
        """(right answers checked so far, number of questions) – for the participant only."""
        right = sum(1 for item in self.items if item.last_feedback and item.last_feedback.correct)
        return right, len(self.items)


def show_quiz(
    questions: Sequence[Question], *, title: str = TITLE, language: str | None = None
) -> QuizBox:
    """Build the quiz widget; make it the last line of a cell to display it.

    It speaks ``language`` (by default the notebook's); the questions come as the lesson
    gives them, in that language."""
    questions = list(questions)
    if not questions:
        raise DataError("show_quiz got no questions; pass a list of Question")
    for q in questions:
        if not isinstance(q, Question):
            raise DataError(f"show_quiz expects Question objects, got {type(q).__name__}: {q!r}")
    return QuizBox(questions, title, language)
