"""The self-check quiz: the plain function and the widget, driven from Python."""

from __future__ import annotations

import pytest

import uprkit.widgets.quiz
from uprkit.errors import DataError
from uprkit.widgets.quiz import NO_ANSWER, Question, check_answer, show_quiz


def make_question(**changes) -> Question:
    fields = dict(
        prompt="How many minutes do other States share in the Working Group?",
        choices=("70", "140", "210"),
        correct=1,
        explanation="Other States share 140 minutes.",
        source="[UPRI-NEWMOD]",
    )
    fields.update(changes)
    return Question(**fields)


def test_right_answer_by_text_and_by_index():
    q = make_question()
    for answer in ("140", 1):
        fb = check_answer(q, answer)
        assert fb.correct
        assert "Other States share 140 minutes." in fb.message
        assert "[UPRI-NEWMOD]" in fb.message


def test_wrong_answer_names_the_right_one_and_the_source():
    fb = check_answer(make_question(), "70")
    assert not fb.correct
    assert "“140”" in fb.message
    assert "Source: [UPRI-NEWMOD]" in fb.message


def test_no_answer_asks_for_one():
    fb = check_answer(make_question(), None)
    assert fb == uprkit.widgets.quiz.Feedback(correct=False, message=NO_ANSWER)


@pytest.mark.parametrize("answer", ["35", 3, -1, True])
def test_an_answer_that_is_not_a_choice_is_an_error_listing_the_choices(answer):
    with pytest.raises(DataError) as err:
        check_answer(make_question(), answer)
    assert str(answer) in str(err.value)


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"choices": ("only one",), "correct": 0}, "at least 2"),
        ({"choices": ("a", "a"), "correct": 0}, "repeats"),
        ({"correct": 3}, "expected 0 to 2"),
        ({"source": " "}, "no source"),
    ],
)
def test_badly_made_questions_are_refused(changes, words):
    with pytest.raises(DataError, match=words):
        make_question(**changes)


def test_question_is_frozen_and_choices_become_a_tuple():
    q = make_question(choices=["x", "y"], correct=0)
    assert q.choices == ("x", "y")
    with pytest.raises(AttributeError):
        q.correct = 1  # type: ignore[misc]


def test_widget_gives_feedback_when_check_is_pressed():
    quiz = show_quiz([make_question(), make_question(prompt="Second?", correct=0)])
    first, second = quiz.items
    assert first.radio.value is None and first.feedback.value == ""

    first.check_button.click()  # nothing chosen yet
    assert "Choose one answer first" in first.feedback.value

    first.radio.value = "210"
    first.check_button.click()
    assert "Not quite" in first.feedback.value and "#b2182b" in first.feedback.value

    first.radio.value = "140"
    first.check_button.click()
    assert first.feedback.value.count("Correct.") == 1
    assert "[UPRI-NEWMOD]" in first.feedback.value

    second.radio.value = "70"
    second.check_button.click()
    assert "Correct." in second.feedback.value
    assert quiz.score() == (2, 2)


def test_widget_escapes_html_in_questions():
    quiz = show_quiz([make_question(prompt="<script>x</script>?")])
    assert "<script>" not in quiz.items[0].prompt.value


def test_show_quiz_refuses_empty_or_wrong_input():
    with pytest.raises(DataError, match="no questions"):
        show_quiz([])
    with pytest.raises(DataError, match="Question objects"):
        show_quiz(["What is the UPR?"])
