"""The three things a coalition does with the tracker, one call each (``uprkit followup ...``).

``create_matrix``: a new matrix in a folder (XLSX for people, its CSV twin for tools);
``check_file``: every fault of a saved matrix; ``merge_files``: partners' copies into one file,
conflicts and other findings beside it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from uprkit.data import to_iso3
from uprkit.simulations.followup.checks import check_matrix
from uprkit.simulations.followup.files import read_matrix, write_matrix, write_table
from uprkit.simulations.followup.matrix import MatrixBuild, matrix_from_export, matrix_from_kit
from uprkit.simulations.followup.merge import MergeResult, merge_matrices, read_copies

__all__ = [
    "check_file",
    "create_matrix",
    "matrix_paths",
    "merge_files",
    "merge_outputs",
]


def matrix_paths(folder, *, state: str, cycle) -> tuple[Path, Path, Path]:
    """Where ``create_matrix`` writes: the XLSX, its CSV twin, and the import's problems.

    >>> [p.name for p in matrix_paths("kenya", state="Kenya", cycle=4)][:2]
    ['followup-KEN-cycle4.xlsx', 'followup-KEN-cycle4.csv']
    """
    stem = f"followup-{to_iso3(state)}-cycle{int(cycle)}"
    folder = Path(folder)
    return (
        folder / f"{stem}.xlsx",
        folder / f"{stem}.csv",
        folder / f"{stem}.import-problems.csv",
    )


def create_matrix(folder, *, state: str, cycle, export=None) -> tuple[MatrixBuild, list[Path]]:
    """Build the matrix (from the kit's corpus, or ``export``) and write it into ``folder``."""
    if export is None:
        build = matrix_from_kit(state=state, cycle=cycle)
    else:
        build = matrix_from_export(export, state=state, cycle=cycle)
    xlsx, csv, problems = matrix_paths(folder, state=state, cycle=cycle)
    written = [write_matrix(build.matrix, xlsx), write_matrix(build.matrix, csv)]
    if len(build.import_problems):
        written.append(write_table(build.import_problems, problems))
    return build, written


def check_file(path, *, encoding: str | None = None) -> pd.DataFrame:
    """Every fault of the matrix saved in ``path`` (empty when it is valid)."""
    table = read_matrix(path, encoding=encoding)
    return check_matrix(table, source=Path(path).name)


def merge_outputs(out) -> tuple[Path, ...]:
    """The files ``merge_files`` writes: OUT, and for a CSV its conflicts and problems twins."""
    out = Path(out)
    if out.suffix.lower() == ".xlsx":
        return (out,)
    return out, out.with_suffix(".conflicts.csv"), out.with_suffix(".problems.csv")


def merge_files(out, paths, *, base=None, encoding: str | None = None) -> MergeResult:
    """Merge partners' copies ``paths`` (with the shared ``base`` if given) and write ``out``.

    An XLSX ``out`` holds the sheets matrix, conflicts and merge-problems; a CSV ``out`` gets
    ``.conflicts.csv`` and ``.problems.csv`` beside it.
    """
    paths = [Path(p) for p in paths]
    copies = read_copies(paths if base is None else [base, *paths], encoding=encoding)
    base_table = None if base is None else copies.pop(0)
    result = merge_matrices(copies, names=[p.name for p in paths], base=base_table)
    targets = merge_outputs(out)
    if len(targets) == 1:
        extra = {"conflicts": result.conflicts, "merge-problems": result.problems}
        write_table(result.matrix, targets[0], sheets=extra)
    else:
        write_table(result.matrix, targets[0])
        write_table(result.conflicts, targets[1])
        write_table(result.problems, targets[2])
    return result
