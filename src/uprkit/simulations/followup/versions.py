"""Saved versions of a matrix: what changed since the last one, and a save that loses nothing.

Every save keeps the file it replaces in a folder beside it (``<name>.versions/``, one file per
save, named by the time of the save in UTC), so "what changed since the last saved version" can
always be answered, and no earlier state is ever overwritten. A save is atomic: the new file is
written beside the old one and renamed over it, so a crash leaves either the old or the new file,
never half of one. When the file on disk changed since it was read (a partner's copy saved over
it, another window), the save merges with :func:`.merge.merge_matrices`, the version read as the
base: a cell both changed differently becomes a conflict for a person to decide, never dropped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from uprkit.errors import InputFileError
from uprkit.simulations.followup.files import read_matrix, write_matrix
from uprkit.simulations.followup.merge import merge_matrices
from uprkit.simulations.followup.schema import MATRIX_COLUMNS

__all__ = [
    "CHANGE_COLUMNS",
    "SaveResult",
    "changes_between",
    "conflicts_path",
    "last_saved_version",
    "save_matrix",
    "versions_folder",
]

CHANGE_COLUMNS = ("recommendation_id", "column", "before", "after")
ADDED, REMOVED = "(row added)", "(row removed)"


def versions_folder(path) -> Path:
    """Where the earlier versions of ``path`` are kept.

    >>> versions_folder("kenya/followup-KEN-cycle4.xlsx").as_posix()
    'kenya/followup-KEN-cycle4.xlsx.versions'
    """
    path = Path(path)
    return path.with_name(path.name + ".versions")


def last_saved_version(path) -> Path | None:
    """The newest earlier version of ``path`` (the file the last save replaced), or None."""
    folder = versions_folder(path)
    if not folder.is_dir():
        return None
    saved = sorted(p for p in folder.iterdir() if p.suffix == Path(path).suffix)
    return saved[-1] if saved else None


def _by_id(table: pd.DataFrame) -> pd.DataFrame:
    table = table.reindex(columns=list(MATRIX_COLUMNS), fill_value="").fillna("").astype(str)
    table = table.drop_duplicates("recommendation_id", keep="first").set_index("recommendation_id")
    table.attrs = {}  # pandas copies attrs (the file's line numbers) into every slice it makes
    return table


def changes_between(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per changed cell (``recommendation_id, column, before, after``); rows added or
    removed show once, with column "(row added)" / "(row removed)".

    >>> old = pd.DataFrame({"recommendation_id": ["R1", "R2"], "status": ["not started"] * 2})
    >>> new = pd.DataFrame({"recommendation_id": ["R1", "R3"],
    ...                     "status": ["in progress", "not started"]})
    >>> changes_between(old, new).values.tolist()
    [['R1', 'status', 'not started', 'in progress'], ['R3', '(row added)', '', ''], \
['R2', '(row removed)', '', '']]
    """
    old, new = _by_id(before), _by_id(after)
    columns = list(MATRIX_COLUMNS[1:])
    both = new.index[new.index.isin(old.index)]
    old_values = old.loc[both, columns].to_numpy()
    new_values = new.loc[both, columns].to_numpy()
    rows_changed, columns_changed = (old_values != new_values).nonzero()  # row-major order
    changed: dict[str, list[tuple[str, str, str]]] = {}
    for r, c in zip(rows_changed, columns_changed, strict=True):
        changed.setdefault(both[r], []).append((columns[c], old_values[r, c], new_values[r, c]))
    rows = []
    for rid in new.index:
        if rid not in old.index:
            rows.append((rid, ADDED, "", ""))
        else:
            rows += [(rid, *cell) for cell in changed.get(rid, [])]
    rows += [(rid, REMOVED, "", "") for rid in old.index if rid not in new.index]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the file, the version it kept, and any conflicts to decide."""

    path: Path
    kept_version: Path | None
    conflicts: pd.DataFrame
    merged: bool


def _keep_version(path: Path) -> Path | None:
    if not path.exists():
        return None
    folder = versions_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    kept = folder / f"{stamp}{path.suffix}"
    shutil.copy2(path, kept)
    return kept


def _write_atomically(matrix: pd.DataFrame, path: Path) -> None:
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent
    )
    os.close(handle)
    try:
        write_matrix(matrix, temporary)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def save_matrix(matrix: pd.DataFrame, path, *, read_as: pd.DataFrame | None = None) -> SaveResult:
    """Save ``matrix`` to ``path`` (.xlsx or .csv): the old file kept as a version, then replaced
    atomically.

    ``read_as`` is the matrix as it was read from ``path`` before editing. If the file changed on
    disk since, the two edits are merged (``read_as`` as the base) and their disagreements are
    returned in ``conflicts``, marked in the rows' ``conflict`` column and added to
    :func:`conflicts_path` (every partner's value, for a person to decide).
    """
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InputFileError(path, "unknown file type; expected a name ending in .xlsx or .csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    conflicts = pd.DataFrame(columns=["recommendation_id", "column", "file", "row", "value"])
    merged = False
    if read_as is not None and path.exists():
        on_disk = read_matrix(path)
        if not changes_between(read_as, on_disk).empty:
            result = merge_matrices(
                [on_disk, matrix], names=[f"{path.name} (on disk)", "this session"], base=read_as
            )
            matrix, conflicts, merged = result.matrix, result.conflicts, True
    kept = _keep_version(path)
    _write_atomically(matrix, path)
    if len(conflicts):
        _add_conflicts(conflicts, conflicts_path(path))
    return SaveResult(path, kept, conflicts, merged)


def conflicts_path(path) -> Path:
    """Where a save's undecided conflicts go (every version of each cell, added to the file).

    >>> conflicts_path("kenya/followup-KEN-cycle4.xlsx").name
    'followup-KEN-cycle4.conflicts.csv'
    """
    return Path(path).with_suffix(".conflicts.csv")


def _add_conflicts(conflicts: pd.DataFrame, target: Path) -> None:
    """Add ``conflicts`` to ``target`` (earlier ones kept), written whole and renamed into place."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    table = conflicts.astype(str).assign(saved_at=stamp)
    if target.exists():
        earlier = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        table = pd.concat([earlier, table], ignore_index=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=".csv", dir=target.parent
    )
    os.close(handle)
    try:
        Path(temporary).write_bytes(
            table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
        )
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
