"""The programme evaluation's answers, read from the submitted notebooks without running them.

A participant's code is never executed here: only plain literal assignments are read
(``ratings = {...}``) and prose answers written under ``%%answer name`` (``uprkit.grading.prose``),
and everything else counts as unanswered.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd

from uprkit.grading.prose import AnswerCellError, read_answer_cell
from uprkit.i18n.answers import read_number
from uprkit.workshop.privacy import pseudonymise

__all__ = ["FOLLOW_UP_LEVELS", "read_evaluation_answers", "evaluation_tables"]

# The evaluation's follow-up questions (``follow_up_<key>``) and the level each one is about.
FOLLOW_UP_LEVELS = {"national": "national", "regional": "regional", "un": "UN"}


def _literal(node: ast.AST):
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, dict):
        return {k: (None if v is Ellipsis else v) for k, v in value.items()}
    return None if value is Ellipsis else value


def read_evaluation_answers(notebook_path) -> dict:
    """The programme evaluation's answers, read from the notebook's source without running it.

    Only plain literal assignments (``ratings = {...}``) and ``%%answer`` cells are read, so a
    participant's code is never executed here. Returns {} for a file that is not a notebook.
    """
    try:
        notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    answers = {}
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        try:
            prose = read_answer_cell(source)
        except AnswerCellError:  # a broken first line: the kernel refused it too
            continue
        if prose is not None:
            answers[prose[0]] = prose[1] or None
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name) and not target.id.startswith("_"):
                    answers[target.id] = _literal(statement.value)
    return answers


def evaluation_tables(ws, roster, pseudonyms, with_names):
    """(ratings, open answers, follow-up plans) of everyone on ``roster``, pseudonymised."""
    ratings, open_answers, follow_up = [], [], []
    for pid in roster["participant_id"]:
        notebook = ws.submitted_dir(pid, "programme_evaluation") / "programme_evaluation.ipynb"
        answers = read_evaluation_answers(notebook) if notebook.exists() else {}
        for lesson, rating in (answers.get("ratings") or {}).items():
            rating = read_number(rating)  # "٤" as the autograder reads it (uprkit.i18n.answers)
            if (
                isinstance(rating, int | float)
                and not isinstance(rating, bool)
                and 1 <= rating <= 5
            ):
                ratings.append({"participant_id": pid, "lesson": lesson, "rating": int(rating)})
        for question in ("most_useful", "to_improve"):
            text = answers.get(question)
            if isinstance(text, str) and text.strip():
                open_answers.append({"participant_id": pid, "question": question, "answer": text})
        for key, level in FOLLOW_UP_LEVELS.items():
            text = answers.get(f"follow_up_{key}")
            if isinstance(text, str) and text.strip():
                follow_up.append({"participant_id": pid, "level": level, "plan": text.strip()})

    def table(rows, columns):
        frame = pd.DataFrame(rows, columns=["participant_id", *columns])
        return pseudonymise(
            frame.merge(roster[["participant_id", "name"]], how="left"),
            pseudonyms,
            with_names=with_names,
        )

    return (
        table(ratings, ["lesson", "rating"]),
        table(open_answers, ["question", "answer"]),
        table(follow_up, ["level", "plan"]),
    )
