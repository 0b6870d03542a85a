"""Where the kit's own folders are: the folder holding course/, solutions/, datasets/, grading/."""

from __future__ import annotations

import os
from pathlib import Path

from uprkit.errors import UprkitError

# What every copy of the kit has: a clone, the trainer's pack and the participants' pack (which
# leaves out solutions/ and grading/, see uprkit.training.offline_pack).
_MARKERS = ("datasets", "course")


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
        "cannot find the uprkit folders (datasets/, course/); "
        "run from a clone of the kit or set UPRKIT_HOME to it"
    )


def datasets_dir() -> Path:
    return kit_root() / "datasets"


def _trainers_folder(name: str) -> Path:
    folder = kit_root() / name
    if not folder.is_dir():
        raise UprkitError(
            f"this copy of the kit has no {name}/ folder (a participants' pack leaves out the "
            "answers and the grading material): run trainer commands from the trainer's pack "
            "(uprkit pack --offline DIR --for trainer) or from a clone of the kit"
        )
    return folder


def solutions_dir() -> Path:
    """The assignments' nbgrader sources, with answers and hidden tests (trainers only)."""
    return _trainers_folder("solutions")


def exercises_dir() -> Path:
    return kit_root() / "exercises"


def grading_dir() -> Path:
    """nbgrader's configuration, the rubrics and the report templates (trainers only)."""
    return _trainers_folder("grading")


def course_dir() -> Path:
    return kit_root() / "course"
