"""What nbgrader does not check in a submission: deleted or edited locked cells.

nbgrader silently repairs them before grading; ``tamper_flags`` says so, in words for the trainer,
comparing the submission with the released notebook (what the participant was given).
"""

from __future__ import annotations

import functools

import nbformat

__all__ = ["release_cells", "tamper_flags"]


@functools.lru_cache(maxsize=32)
def _release_cells_cached(release: str, mtime: float) -> dict[str, dict]:
    nb = nbformat.read(release, as_version=4)
    cells = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id"):
            cells[meta["grade_id"]] = {
                "source": cell.source,
                "locked": bool(meta.get("locked")),
                "grade": bool(meta.get("grade")),
                "solution": bool(meta.get("solution")),
            }
    return cells


def release_cells(ws, assignment: str, notebook: str) -> dict[str, dict]:
    """Cells of the released notebook by grade_id (what a participant was given)."""
    release = ws.course_dir / "release" / assignment / f"{notebook}.ipynb"
    if not release.exists():
        return {}
    return _release_cells_cached(str(release), release.stat().st_mtime)


def tamper_flags(
    submitted, expected_cells: dict[str, dict], notebook: str, *, restores_missing: bool = False
) -> list[str]:
    """Deleted or edited locked cells. nbgrader silently repairs them (traps 6 and 7); say so."""
    flags = []
    present = {}
    for cell in submitted.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            present[grade_id] = cell
    for grade_id, expected in expected_cells.items():
        cell = present.get(grade_id)
        kind = (
            "test cell"
            if expected["grade"] and not expected["solution"]
            else ("answer cell" if expected["solution"] else "locked cell")
        )
        if cell is None:
            if expected["grade"] and expected["solution"] and restores_missing:
                flags.append(
                    f"deleted {kind} {grade_id} in {notebook}: there is no answer to "
                    "grade (the empty cell from the release was put back; it needs a "
                    "manual grade)"
                )
            elif expected["grade"] and restores_missing:
                flags.append(
                    f"deleted {kind} {grade_id} in {notebook} (nbgrader put it back from "
                    "the release before grading)"
                )
            elif expected["grade"]:
                flags.append(
                    f"deleted {kind} {grade_id} in {notebook}: it scores 0 and needs a manual look"
                )
            elif expected["locked"] or expected["solution"]:
                flags.append(f"deleted {kind} {grade_id} in {notebook}")
            continue
        if expected["locked"] and cell.source.rstrip() != expected["source"].rstrip():
            flags.append(
                f"edited {kind} {grade_id} in {notebook} (nbgrader restored the original "
                "before grading, so the edit had no effect)"
            )
        if expected["locked"] and not cell.metadata.get("nbgrader", {}).get("locked", False):
            flags.append(f"unlocked {kind} {grade_id} in {notebook}")
    return flags
