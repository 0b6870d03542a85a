"""The checks at the door of ``uprkit collect``: is this file a notebook of this assignment, and
is it an extra copy of a participant's file ("p1 copy.ipynb", "p1 (1).ipynb")?

A participant's file is hostile until checked: it is read only if it is a regular file (never
through a link), at most :data:`MAX_NOTEBOOK_BYTES`, and must be JSON, valid under nbformat's
schema, and share graded cells with the released notebook. A file that fails is refused with
its reason and never displaces a valid earlier submission (``uprkit.workshop.collect``).

Which copy is graded when a participant handed in several (the rule is written once, here):
the file named without a copy marker, if it is valid; otherwise the newest valid copy. The
others are listed as copies in the collect summary and in ``uprkit status``.
"""

from __future__ import annotations

import json
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from uprkit.workshop.folder import Workshop, replace_file

__all__ = [
    "MAX_NOTEBOOK_BYTES",
    "Candidate",
    "check_notebook",
    "expected_cells",
    "read_collect_records",
    "read_regular_file",
    "strip_copy_marker",
]

MAX_NOTEBOOK_BYTES = 100 * 1024**2  # a notebook with many images; far beyond any answer

# What file managers, browsers and cloud drives add to a copy's name, in the workshop's
# languages: "p1 copy", "p1 copy 2" (macOS), "p1 - Copy", "p1 - Copy (2)" (Windows), "p1 (1)"
# (browsers), "Copy of p1" (Google Drive), "p1 - copie", "Copie de p1", "p1 - copia", "Copia de p1".
_COPY_WORDS = r"(?:copy|copie|copia|kopie|نسخة)"
_COPY_SUFFIX = re.compile(
    rf"(?:\s*-\s*{_COPY_WORDS}(?:\s*\(\d+\))?|\s+{_COPY_WORDS}(?:\s+\d+)?|\s*\(\d+\))$",
    re.IGNORECASE,
)
_COPY_PREFIX = re.compile(rf"^{_COPY_WORDS}\s+(?:of|de|du|von)\s+", re.IGNORECASE)


def strip_copy_marker(stem: str) -> tuple[str, bool]:
    """The file name without what a copy adds, and whether there was something to strip.

    >>> strip_copy_marker("p1 copy")
    ('p1', True)
    >>> strip_copy_marker("p1 - Copy (2)")
    ('p1', True)
    >>> strip_copy_marker("Copy of p1 (1)")
    ('p1', True)
    >>> strip_copy_marker("p1_mini")
    ('p1_mini', False)
    """
    current = stem.strip()
    changed = False
    while True:
        shorter = _COPY_PREFIX.sub("", _COPY_SUFFIX.sub("", current)).strip()
        if shorter == current or not shorter:
            return current, changed
        current, changed = shorter, True


@dataclass
class Candidate:
    """One participant's .ipynb file, once checked: ``why`` is empty for a valid notebook."""

    path: Path
    shown: str  # the path as the trainer gave it (inside their folder or zip)
    base: str  # the file name without a copy marker
    is_copy: bool
    mtime: float
    why: str = ""


def expected_cells(release_notebooks: dict[str, Path]) -> dict[str, set[str]]:
    """notebook name -> grade ids of the released (or source) notebook."""
    found = {}
    for name, path in release_notebooks.items():
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            found[name] = set()
            continue
        found[name] = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells} - {
            None
        }
    return found


def read_regular_file(path: Path, max_bytes: int = MAX_NOTEBOOK_BYTES) -> tuple[bytes | None, str]:
    """A participant's file's bytes if it is a regular file (opened without following a link)
    of at most ``max_bytes``; else ``(None, why)``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as exc:
        return None, f"cannot be opened without following a link ({exc.strerror})"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file (a link, device or pipe)"
        if info.st_size > max_bytes:
            return None, f"too large for a notebook ({info.st_size / 1024**2:.0f} MB)"
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None, "grew past the size cap while being read"
    return data, ""


def _not_json_reason(data: bytes, error: ValueError | None = None) -> str:
    if data.startswith(b"PK"):
        return "not a notebook: a .zip or Word/Excel file renamed .ipynb"
    if data.startswith(b"%PDF"):
        return "not a notebook: a PDF renamed .ipynb"
    if not data.strip():
        return "not a notebook: the file is empty"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not a notebook: binary data, not JSON"
    if text.lstrip().startswith("{") and isinstance(error, json.JSONDecodeError):
        return (
            f"invalid JSON at line {error.lineno} ({error.msg}): the notebook is damaged or "
            "was cut off; ask for it again"
        )
    return "not a notebook: plain text, not JSON (a text file renamed .ipynb?)"


def check_notebook(path: Path, expected: set[str], assignment: str, notebook: str) -> str:
    """Why ``path`` cannot be a submission of ``notebook`` of ``assignment`` ("" if it can)."""
    data, why = read_regular_file(path)
    if data is None:
        return why
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _not_json_reason(data)
    except ValueError as exc:
        return _not_json_reason(data, exc)
    import nbformat  # ~0.3 s; only when there is a file to check

    try:
        with warnings.catch_warnings():  # "missing an id field": nbformat adds one, no harm
            warnings.simplefilter("ignore")
            node = nbformat.reads(json.dumps(content), as_version=4)
            nbformat.validate(node)
    except Exception as exc:  # nbformat raises several kinds; each means "not valid"
        message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        return f"not a valid notebook (nbformat: {message})"
    present = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in node.cells} - {
        None
    }
    if expected and not present & expected:
        if present:
            return (
                f"a notebook of another assignment: none of its graded cells "
                f"({', '.join(sorted(present)[:6])}) belong to {assignment}/{notebook}"
            )
        return (
            f"none of the cells of {assignment}/{notebook} are in it (a new notebook, not the "
            "one released?)"
        )
    return ""


def collect_records_path(ws: Workshop, assignment: str) -> Path:
    return ws.runs_dir / "collect" / f"{assignment}.json"


def read_collect_records(ws: Workshop, assignment: str) -> dict[str, dict]:
    """participant_id -> what their last collect of ``assignment`` found (refused, copies)."""
    path = collect_records_path(ws, assignment)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_collect_records(ws: Workshop, assignment: str, records: dict[str, dict]) -> None:
    if not records:
        return
    merged = {**read_collect_records(ws, assignment), **records}
    path = collect_records_path(ws, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, json.dumps(merged, indent=1, sort_keys=True, ensure_ascii=False))
