r"""Answers in prose: ``%%answer name`` on a cell's first line, plain text below it.

Participants who do not program used to write their answers inside Python strings, where a
missing quote is a ``SyntaxError`` that costs the grade. A cell that starts with the line
``%%answer recommendation_1`` keeps everything under that line, as typed (quotes, apostrophes,
``#``, blank lines), in the variable ``recommendation_1``: nothing in the text can break the cell.

The assignment's setup cell loads the magic (``%load_ext uprkit.grading.prose``), in the
participant's JupyterLab and in the grader's kernel alike. In the solution notebooks the text sits
between nbgrader's ``### BEGIN SOLUTION`` and ``### END SOLUTION`` lines, which this magic drops;
in the released exercise nbgrader puts its stub there, which counts as "no answer yet", as does
the placeholder ``Write your answer here.``. Such a variable holds :data:`UNANSWERED`, and the
check helpers (``uprkit.grading.checks``) tell the participant to write under the first line.

The text is read the same way without running anything (:func:`read_answer_cell`), for the
reports that read answers from submitted notebooks.

>>> read_answer_cell('%%answer lobbying_plan\nMeet the "Friends of the UPR" group.\n')
('lobbying_plan', 'Meet the "Friends of the UPR" group.')
>>> read_answer_cell("%%answer plan\n# YOUR CODE HERE\n...")
('plan', Unanswered)
>>> read_answer_cell("plan = 'not a prose cell'") is None
True
"""

from __future__ import annotations

import keyword
import os

__all__ = [
    "MAGIC",
    "PLACEHOLDER",
    "UNANSWERED",
    "AnswerCellError",
    "answer_text",
    "load_ipython_extension",
    "participant_translator",
    "read_answer_cell",
]

MAGIC = "answer"
PLACEHOLDER = "Write your answer here."

# Lines that are not the participant's text: nbgrader's solution markers (kept in the solution
# notebooks) and the stubs nbgrader or the kit put in their place in the released exercise.
_STUB_LINES = frozenset(
    {
        "### begin solution",
        "### end solution",
        "# your code here",
        "# your answer here",
        "your answer here",
        "your answer here (replace this line with your answer)",
        "...",
        "…",
        PLACEHOLDER.lower(),
    }
)


class _Unanswered:
    """The value of a prose answer left empty or as the placeholder (one instance)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Unanswered"

    def __bool__(self) -> bool:
        return False


UNANSWERED = _Unanswered()


def N_(message: str) -> str:
    """Mark a message for the catalogs without importing the i18n machinery here."""
    return message


MESSAGES = {
    "no_name": N_(
        "`%%answer` needs the name of the answer after it on the first line, {example}; your "
        "text goes on the lines below."
    ),
    "two_names": N_(
        "`%%answer {line}`: write one name after %%answer, {example}; your text goes on the "
        "lines below, not on the first line."
    ),
    "bad_name": N_(
        "`%%answer {name}`: {value} cannot name an answer (use letters, digits and _, not "
        "starting with a digit), {example}. Keep the first line as you received it."
    ),
    "example": N_("for example `%%answer recommendation_1`"),
    "no_answer_yet": N_(
        "{name}: no answer yet. Write your answer under the first line, then run the cell."
    ),
    "saved": N_("{name}: saved ({words} words)."),
}


def participant_translator():
    """The participant's language in JupyterLab (the notebook's, or ``UPRKIT_LANGUAGE``), as a
    gettext function, else None. The grader's kernels have neither variable: they write English,
    and the feedback page translates (``uprkit.grading.feedback_page``), so grading never pays
    the import (~0.25 s, once, and only where someone reads the message)."""
    if not (os.environ.get("UPRKIT_LANGUAGE") or os.environ.get("JPY_SESSION_NAME")):
        return None
    try:
        from uprkit.i18n.messages import _

        return _
    except Exception:  # a message in English is better than a cell that cannot run
        return None


def _say(key: str) -> str:
    translate = participant_translator()
    return translate(MESSAGES[key]) if translate else MESSAGES[key]


class AnswerCellError(ValueError):
    """The first line of an answer cell is not ``%%answer <name>``; the message says why."""


def answer_text(body: str) -> str | _Unanswered:
    r"""The participant's text in an answer cell's body, or :data:`UNANSWERED`.

    Only whole lines that are markers or stubs are dropped; the text is otherwise kept as typed,
    with its outer blank lines and spaces stripped.

    >>> answer_text("### BEGIN SOLUTION\nIt's \"ready\".\n### END SOLUTION")
    'It\'s "ready".'
    >>> answer_text("   \nWrite your answer here.\n")
    Unanswered
    """
    kept = [line for line in body.split("\n") if line.strip().lower() not in _STUB_LINES]
    text = "\n".join(kept).strip()
    return text if text else UNANSWERED


def variable_name(line: str) -> str:
    """The variable named on the magic's line (what follows ``%%answer``), checked.

    >>> variable_name(" follow_up_un ")
    'follow_up_un'
    >>> variable_name("my plan")
    Traceback (most recent call last):
    ...
    uprkit.grading.prose.AnswerCellError: `%%answer my plan`: write one name after %%answer, ...
    """
    words = line.split()
    example = _say("example")
    if not words:
        raise AnswerCellError(_say("no_name").format(example=example))
    if len(words) > 1:
        raise AnswerCellError(_say("two_names").format(line=line.strip(), example=example))
    name = words[0]
    if not name.isidentifier() or keyword.iskeyword(name):
        message = _say("bad_name")
        raise AnswerCellError(message.format(name=name, value=repr(name), example=example))
    return name


def read_answer_cell(source: str) -> tuple[str, str | _Unanswered] | None:
    """``(name, text)`` of a cell that starts with ``%%answer``; None for any other cell.

    A cell whose first line is ``%%answer`` but names no valid variable raises
    :class:`AnswerCellError`.
    """
    first, _, body = source.lstrip("\n").partition("\n")
    stripped = first.strip()
    if not stripped.startswith(f"%%{MAGIC}") or stripped[len(MAGIC) + 2 :][:1] not in ("", " "):
        return None
    return variable_name(stripped[len(MAGIC) + 2 :]), answer_text(body)


def _answer_magic(shell, line: str, cell: str) -> None:
    from IPython.core.error import UsageError  # IPython is the kernel: imported here for tests

    try:
        name = variable_name(line)
    except AnswerCellError as exc:
        raise UsageError(str(exc)) from None
    text = answer_text(cell)
    shell.user_ns[name] = text
    if text is UNANSWERED:
        print(_say("no_answer_yet").format(name=name))
    else:
        print(_say("saved").format(name=name, words=len(text.split())))


def load_ipython_extension(ipython) -> None:
    """Register ``%%answer`` (``%load_ext uprkit.grading.prose``)."""
    ipython.register_magic_function(
        lambda line, cell: _answer_magic(ipython, line, cell), magic_kind="cell", magic_name=MAGIC
    )
