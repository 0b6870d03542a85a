"""What nbgrader does not check in a submission: deleted or edited locked cells.

nbgrader silently repairs them before grading; ``tamper_flags`` says so, in words for the trainer,
comparing the submission with the released notebook (what the participant was given).
"""

from __future__ import annotations

import functools

import nbformat

__all__ = ["release_cells", "tamper_flags"]


def _is_locked(cell) -> bool:
    """nbgrader's ``utils.is_locked`` (a test cell is locked whatever its ``locked`` says), or
    made read-only through Jupyter's own ``editable: false`` / ``deletable: false`` metadata, as
    nbgrader's own fixtures lock their test cells."""
    meta = cell.get("metadata", {})
    nbgrader = meta.get("nbgrader", {})
    if nbgrader.get("solution"):
        return False
    if nbgrader.get("grade") or nbgrader.get("locked"):
        return True
    return meta.get("editable") is False


def _cell_key(cell) -> str | None:
    """A cell's key in both notebooks: its grade_id, else (for a read-only cell nbgrader does not
    track) its nbformat cell id."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    if grade_id:
        return grade_id
    if cell.get("metadata", {}).get("editable") is False and cell.get("id"):
        return f"id:{cell['id']}"
    return None


@functools.lru_cache(maxsize=32)
def _release_cells_cached(release: str, mtime: float) -> dict[str, dict]:
    nb = nbformat.read(release, as_version=4)
    cells = {}
    for cell in nb.cells:
        key = _cell_key(cell)
        if key:
            meta = cell.metadata.get("nbgrader", {})
            cells[key] = {
                "source": cell.source,
                "locked": _is_locked(cell),
                "read_only": cell.metadata.get("editable") is False,
                "tracked": bool(meta.get("grade_id")),  # nbgrader restores it when locked
                "grade": bool(meta.get("grade")),
                "solution": bool(meta.get("solution")),
            }
    return cells


def release_cells(ws, assignment: str, notebook: str) -> dict[str, dict]:
    """Cells of the released notebook by grade_id (what a participant was given); read-only
    cells nbgrader does not track are keyed ``"id:<cell id>"``."""
    release = ws.course_dir / "release" / assignment / f"{notebook}.ipynb"
    if not release.exists():
        return {}
    return _release_cells_cached(str(release), release.stat().st_mtime)


def _kind(expected: dict) -> str:
    if expected["grade"] and not expected["solution"]:
        return "test cell"
    if expected["solution"]:
        return "answer cell"
    return "locked cell" if expected.get("tracked", True) else "read-only cell"


def tamper_flags(
    submitted, expected_cells: dict[str, dict], notebook: str, *, restores_missing: bool = False
) -> list[str]:
    """Deleted or edited locked or read-only cells. nbgrader silently repairs the cells it
    tracks (traps 6 and 7) and not the others; say so."""
    flags = []
    present = {}
    for cell in submitted.cells:
        key = _cell_key(cell)
        if key:
            present.setdefault(key, cell)
    for key, expected in expected_cells.items():
        cell = present.get(key)
        kind = _kind(expected)
        if cell is None:
            flags += _deleted(key, kind, expected, notebook, restores_missing)
            continue
        if expected["locked"] and cell.source.rstrip() != expected["source"].rstrip():
            flags.append(
                f"edited {kind} {key} in {notebook} "
                + (
                    "(nbgrader restored the original before grading, so the edit had no effect)"
                    if expected.get("tracked", True)
                    else "(nbgrader does not restore it: the edited text was graded)"
                )
            )
        # a tool that drops Jupyter's "editable" (VS Code, Colab) is no sign of tampering:
        # only nbgrader's own lock is checked
        if expected["locked"] and expected.get("tracked", True) and not _is_locked(cell):
            flags.append(f"unlocked {kind} {key} in {notebook}")
    return flags


def _deleted(grade_id, kind, expected, notebook, restores_missing) -> list[str]:
    if expected["grade"] and expected["solution"] and restores_missing:
        return [
            f"deleted {kind} {grade_id} in {notebook}: there is no answer to grade (the empty "
            "cell from the release was put back; it needs a manual grade)"
        ]
    if expected["grade"] and restores_missing:
        return [
            f"deleted {kind} {grade_id} in {notebook} (nbgrader put it back from the release "
            "before grading)"
        ]
    if expected["grade"]:
        return [f"deleted {kind} {grade_id} in {notebook}: it scores 0 and needs a manual look"]
    if expected["locked"] or expected["solution"]:
        return [f"deleted {kind} {grade_id} in {notebook}"]
    return []
