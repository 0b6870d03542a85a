"""Check a follow-up matrix against its Frictionless schema, naming every fault by row and column.

``check_matrix`` never changes the table and never stops at the first fault: a coalition fixes
its file once. Rows are numbered as the spreadsheet shows them (the header is row 1). Values of
columns that may name people (evidence, CSO lead ...) are never copied into the problems table.
"""

from __future__ import annotations

import pandas as pd

from uprkit.errors import InputFileError
from uprkit.simulations.followup.schema import (
    DATE_COLUMNS,
    MATRIX_COLUMNS,
    PRIVATE_COLUMNS,
    Status,
    matrix_schema,
)

__all__ = ["PROBLEM_COLUMNS", "check_matrix", "problems_summary", "raise_on_problems"]

PROBLEM_COLUMNS = ("file", "row", "column", "value", "problem")
WITHHELD = "(not shown: this column may name people)"


def _problem(source, row, column, value, problem: str) -> dict:
    shown = WITHHELD if column in PRIVATE_COLUMNS and value else value
    return dict(file=source, row=row, column=column, value=shown, problem=problem)


def _explain(kind: str, column: str, value: str, note: str, rows: dict[int, int]) -> str:
    if column == "status":
        return f"{value!r} is not a status of the list; choose one of {Status.choices()}"
    if column in DATE_COLUMNS:
        return (
            f"{value!r} is not a date written YYYY-MM-DD (e.g. 2026-12-03); the kit does not "
            "guess, since 03/12/2026 is 3 December in one country and 12 March in another"
        )
    if kind == "unique-error":
        other = note.rsplit(" ", 1)[-1]
        return f"the same {column} as row {rows.get(int(other), other)}; each row needs its own"
    if kind == "constraint-error" and "required" in note:
        return "is empty; it must be filled"
    if kind == "type-error":
        return f"{value!r} is not a whole number" if "integer" in note else note
    return note


def _column_problems(table: pd.DataFrame, source: str) -> list[dict]:
    missing = [c for c in MATRIX_COLUMNS if c not in table.columns]
    extra = [c for c in table.columns if c not in MATRIX_COLUMNS]
    problems = [
        _problem(source, None, c, "", "column missing; add it back (the kit's template has it)")
        for c in missing
    ]
    problems += [
        _problem(source, None, c, "", "not a column of the matrix: kept, but not checked")
        for c in extra
    ]
    return problems


def _consistency_problems(table: pd.DataFrame, source: str, lines: list[int]) -> list[dict]:
    """One State and one cycle per matrix (a row pasted from another State's matrix shows here)."""
    problems = []
    for column in ("state_under_review", "cycle"):
        if column not in table.columns or table.empty:
            continue
        values = table[column]
        usual = values.mode().iloc[0]
        for index in values.index[values.ne(usual) & values.ne("")]:
            problems.append(
                _problem(
                    source,
                    lines[index],
                    column,
                    values[index],
                    f"this matrix is for {column.replace('_', ' ')} {usual}; "
                    "a row for another one belongs in that matrix",
                )
            )
    return problems


def check_matrix(table: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Every fault of ``table`` (text cells, as ``read_matrix`` gives them): one row per fault.

    Columns: file, row (as the spreadsheet numbers it; empty for a whole column), column,
    value, problem. An empty table means the matrix is valid.

    >>> from uprkit.simulations.followup import build_matrix
    >>> from uprkit.data import load_recommendations
    >>> m = build_matrix(load_recommendations(), state="KEN", cycle=4)
    >>> m.loc[0, "status"], m.loc[1, "due_date"] = "done", "31/12/2027"
    >>> check_matrix(m, source="ken.xlsx")[["row", "column", "value"]].values.tolist()
    [[2, 'status', 'done'], [3, 'due_date', '31/12/2027']]
    """
    # Imported here: frictionless costs ~0.3 s CPU (`python -c 'import frictionless'`, 3 runs:
    # 0.24-0.30 s user) that `uprkit followup new` and `merge`, which never check, do not pay.
    from frictionless import Resource, Schema

    source = source or table.attrs.get("source", "the matrix")
    lines = list(table.attrs.get("lines", range(2, len(table) + 2)))
    problems = _column_problems(table, source)
    full = table.reindex(columns=list(MATRIX_COLUMNS), fill_value="").fillna("").astype(str)
    resource = Resource(
        data=[list(MATRIX_COLUMNS), *full.values.tolist()],
        schema=Schema.from_descriptor(matrix_schema()),
    )
    report = resource.validate(limit_errors=100_000)
    position_to_line = {i + 2: line for i, line in enumerate(lines)}
    for row, column, kind, note, value in report.flatten(
        ["rowNumber", "fieldName", "type", "note", "cell"]
    ):
        if kind == "primary-key" or column is None:  # the unique-error on the id says it already
            continue
        if column not in table.columns:  # a missing column is one fault, not one per row
            continue
        line = position_to_line.get(row, row)
        explained = _explain(kind, column, value or "", note, position_to_line)
        problems.append(_problem(source, line, column, value or "", explained))
    problems += _consistency_problems(full, source, lines)
    frame = pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame.sort_values(["row", "column"], na_position="first", kind="stable").reset_index(
        drop=True
    )


def problems_summary(problems: pd.DataFrame, *, limit: int = 20) -> str:
    """The problems as lines a trainer reads: "ken.xlsx, row 5, status: 'done' is not ..."."""
    lines = []
    for p in problems.head(limit).itertuples(index=False):
        where = f"{p.file}, row {p.row}" if pd.notna(p.row) else f"{p.file}"
        lines.append(f"{where}, column {p.column}: {p.problem}")
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more (all of them in the problems table)")
    return "\n".join(lines)


def raise_on_problems(problems: pd.DataFrame, path) -> None:
    """InputFileError naming the first fault's row and column, and how many there are in all."""
    if problems.empty:
        return
    first = problems.iloc[0]
    more = f" (and {len(problems) - 1} more faults)" if len(problems) > 1 else ""
    line = int(first["row"]) if pd.notna(first["row"]) else None
    raise InputFileError(path, f"column {first['column']}: {first['problem']}{more}", line=line)
