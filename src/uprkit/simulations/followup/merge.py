"""Merge the copies of one matrix that several partners of a coalition edited, dropping nothing.

For each row and column: a value only one partner changed is taken; values two partners changed
differently are a **conflict**: the merged cell keeps the value before (the base's, or empty),
its ``conflict`` column names the columns to decide, and the ``conflicts`` table holds every
partner's version with their file and row. A row one partner deleted is kept from the others
and reported; a row one partner added is kept and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uprkit.errors import InputFileError
from uprkit.simulations.followup.checks import PROBLEM_COLUMNS
from uprkit.simulations.followup.files import read_matrix
from uprkit.simulations.followup.schema import MATRIX_COLUMNS, Status

__all__ = ["CONFLICT_COLUMNS", "MergeResult", "merge_matrices", "read_copies"]

CONFLICT_COLUMNS = ("recommendation_id", "column", "file", "row", "value", "value_before")
# Without a base, a partner who left a cell as the kit made it did not change it.
_STARTING_VALUES = {"status": Status.NOT_STARTED.value}


@dataclass(frozen=True)
class MergeResult:
    """The merged matrix, every disagreement (``conflicts``) and what else was noticed."""

    matrix: pd.DataFrame
    conflicts: pd.DataFrame
    problems: pd.DataFrame


def _matrix_of(table: pd.DataFrame) -> tuple[str, str]:
    def usual(column: str) -> str:
        if column not in table or table.empty:
            return "?"
        return str(table[column].mode().iloc[0])

    return usual("state_under_review"), usual("cycle")


def read_copies(paths, *, encoding: str | None = None) -> list[pd.DataFrame]:
    """Read every copy; refuse one whose State or cycle differs from the first copy's."""
    copies = [read_matrix(p, encoding=encoding) for p in paths]
    if not copies:
        raise InputFileError(Path("."), "no copies to merge; give at least one matrix file")
    expected = _matrix_of(copies[0])
    for path, copy in zip(paths, copies, strict=True):
        if "recommendation_id" not in copy.columns:
            raise InputFileError(path, "has no recommendation_id column: not a follow-up matrix")
        found = _matrix_of(copy)
        if found != expected:
            raise InputFileError(
                path,
                f"is the matrix of {found[0]} cycle {found[1]}, but {Path(paths[0]).name} is of "
                f"{expected[0]} cycle {expected[1]}; merge only copies of one matrix",
            )
    return copies


def _versions(copies, names) -> tuple[dict[str, list[tuple[str, int, pd.Series]]], list[str]]:
    """id → [(file, spreadsheet row, row)], and every id in first-seen order."""
    versions: dict[str, list[tuple[str, int, pd.Series]]] = {}
    for name, copy in zip(names, copies, strict=True):
        lines = copy.attrs.get("lines", range(2, len(copy) + 2))
        for line, (_, row) in zip(lines, copy.iterrows(), strict=True):
            versions.setdefault(row["recommendation_id"], []).append((name, line, row))
    return versions, list(versions)


def _merge_cell(before: str, values: list[tuple[str, int, str]], column: str, has_base: bool):
    """(merged value, [conflicting (file, row, value)]) for one cell."""
    unchanged = {before} if has_base else {"", _STARTING_VALUES.get(column, "")}
    changed = [(f, r, v) for f, r, v in values if v not in unchanged]
    distinct = list(dict.fromkeys(v for _, _, v in changed))
    if not distinct:
        return before, []
    if len(distinct) == 1:
        return distinct[0], []
    return before, changed


def _merge_row(rid, before: pd.Series | None, found, columns, conflicts, has_base):
    merged, disputed = {}, []
    for column in columns:
        start = "" if before is None else str(before.get(column, ""))
        values = [(f, line, str(row.get(column, ""))) for f, line, row in found if column in row]
        if column == "conflict":  # earlier undecided conflicts are kept, every partner's note
            merged[column] = "; ".join(dict.fromkeys(v for _, _, v in values if v))
            continue
        merged[column], clash = _merge_cell(start, values, column, has_base)
        if clash:
            disputed.append(column)
            for file, line, value in clash:
                conflicts.append(dict(recommendation_id=rid, column=column, file=file, row=line,
                                      value=value, value_before=start))  # fmt: skip
    if disputed:
        note = f"partners disagree on {', '.join(disputed)}: decide (see the conflicts table)"
        merged["conflict"] = "; ".join(filter(None, [merged.get("conflict", ""), note]))
    return merged


def _found(file, row, rid, problem: str) -> dict:
    return dict(file=file, row=row, column="recommendation_id", value=rid, problem=problem)


def _presence_problems(rid, found, names, base_ids, has_base) -> list[dict]:
    holders = {f for f, _, _ in found}
    problems = []
    if has_base and rid not in base_ids:
        for file, line, _ in found:
            problems.append(
                _found(file, line, rid, "added by this partner (not in the base): kept")
            )
    for name in names:
        if name not in holders and (not has_base or rid in base_ids):
            problems.append(_found(name, None, rid, "deleted in this copy; kept from the others'"))
    return problems


def merge_matrices(copies, *, names=None, base: pd.DataFrame | None = None) -> MergeResult:
    """Merge partners' ``copies`` (tables as ``read_matrix`` gives them) of one matrix.

    ``names`` says whose each copy is (default: their files); ``base`` is the matrix as it was
    shared, so that a partner who changed nothing is told apart from one who changed a value.

    >>> a = pd.DataFrame({"recommendation_id": ["R1", "R2"], "status": ["implemented", ""]})
    >>> b = pd.DataFrame({"recommendation_id": ["R1", "R2"],
    ...                   "status": ["regressed", "in progress"]})
    >>> result = merge_matrices([a, b], names=["ngo-a.xlsx", "ngo-b.xlsx"])
    >>> result.matrix["status"].tolist()
    ['', 'in progress']
    >>> result.conflicts[["file", "value"]].values.tolist()
    [['ngo-a.xlsx', 'implemented'], ['ngo-b.xlsx', 'regressed']]
    """
    names = list(names or [c.attrs.get("source", f"copy {i + 1}") for i, c in enumerate(copies)])
    names = [Path(n).name for n in names]
    has_base = base is not None
    base_rows = {} if base is None else {r["recommendation_id"]: r for _, r in base.iterrows()}
    columns = list(MATRIX_COLUMNS) + [
        c for copy in copies for c in copy.columns if c not in MATRIX_COLUMNS
    ]
    columns = [c for c in dict.fromkeys(columns) if any(c in copy.columns for copy in copies)]
    versions, order = _versions(copies, names)
    order = list(dict.fromkeys([*base_rows, *order]))
    rows, conflicts, problems = [], [], []
    for rid in order:
        found = versions.get(rid, [])
        if not found:  # every partner deleted it: the base's row is kept
            problems.append(
                _found("every copy", None, rid, "deleted in every copy; kept from the base")
            )
            rows.append(dict(base_rows[rid]))
            continue
        rows.append(_merge_row(rid, base_rows.get(rid), found, columns, conflicts, has_base))
        problems += _presence_problems(rid, found, names, base_rows, has_base)
    matrix = pd.DataFrame(rows, columns=columns).fillna("")
    conflict_table = pd.DataFrame(conflicts, columns=list(CONFLICT_COLUMNS))
    problem_table = pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS))
    problem_table["row"] = problem_table["row"].astype("Int64")
    return MergeResult(matrix, conflict_table, problem_table)
