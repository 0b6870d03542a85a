"""Where the kit's own folders are: the folder holding course/, solutions/, datasets/, grading/."""

from __future__ import annotations

import os
from pathlib import Path

from uprkit.errors import UprkitError

_MARKERS = ("datasets", "solutions", "grading")


def kit_root() -> Path:
    """The kit's top folder.

    ``UPRKIT_HOME`` wins; otherwise the folder above ``src/`` when running from a clone
    (editable install), otherwise the current folder if it looks like the kit.
    """
    env = os.environ.get("UPRKIT_HOME")
    candidates = [Path(env)] if env else []
    # The current folder or one above it: a notebook in an offline or workshop pack runs in
    # pack/course/ while the kit's folders are in pack/ (the offline and workshop packs).
    candidates += [Path(__file__).resolve().parents[2], Path.cwd(), *Path.cwd().parents]
    for c in candidates:
        if all((c / m).is_dir() for m in _MARKERS):
            return c
    raise UprkitError(
        "cannot find the uprkit folders (datasets/, solutions/, grading/); "
        "run from a clone of the kit or set UPRKIT_HOME to it"
    )


def datasets_dir() -> Path:
    return kit_root() / "datasets"


def solutions_dir() -> Path:
    return kit_root() / "solutions"


def exercises_dir() -> Path:
    return kit_root() / "exercises"


def grading_dir() -> Path:
    return kit_root() / "grading"


def course_dir() -> Path:
    return kit_root() / "course"
