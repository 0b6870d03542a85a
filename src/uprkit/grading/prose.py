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

__all__ = [
    "MAGIC",
    "PLACEHOLDER",
    "UNANSWERED",
    "AnswerCellError",
    "answer_text",
    "load_ipython_extension",
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
    example = "for example `%%answer recommendation_1`"
    if not words:
        raise AnswerCellError(
            f"`%%answer` needs the name of the answer after it on the first line, {example}; "
            "your text goes on the lines below."
        )
    if len(words) > 1:
        raise AnswerCellError(
            f"`%%answer {line.strip()}`: write one name after %%answer, {example}; "
            "your text goes on the lines below, not on the first line."
        )
    name = words[0]
    if not name.isidentifier() or keyword.iskeyword(name):
        raise AnswerCellError(
            f"`%%answer {name}`: {name!r} cannot name an answer (use letters, digits and _, "
            f"not starting with a digit), {example}. Keep the first line as you received it."
        )
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
        print(f"{name}: no answer yet. Write your answer under the first line, then run the cell.")
    else:
        print(f"{name}: saved ({len(text.split())} words).")


def load_ipython_extension(ipython) -> None:
    """Register ``%%answer`` (``%load_ext uprkit.grading.prose``)."""
    ipython.register_magic_function(
        lambda line, cell: _answer_magic(ipython, line, cell), magic_kind="cell", magic_name=MAGIC
    )
