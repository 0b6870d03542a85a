"""Preparing a workshop: create its folder and gradebook, release assignments, student versions.

Re-running ``init_workshop`` on an existing workshop adds participants and assignments; it never
removes anyone or any grade.
"""

from __future__ import annotations

import datetime as dt
import difflib
import filecmp
import shutil
import tempfile
import warnings
from pathlib import Path

from uprkit import paths
from uprkit.errors import WorkshopError
from uprkit.workshop.course import (
    course_directory,
    open_gradebook,
    run_converter,
    write_course_config,
)
from uprkit.workshop.folder import (
    WORKSHOP_FILE,
    Workshop,
    check_assignment,
    read_workshop_file,
    replace_file,
    write_workshop_file,
)
from uprkit.workshop.roster import load_roster

__all__ = [
    "ConfigKeptWarning",
    "generate_student_version",
    "init_workshop",
    "release_assignment",
]


def _find_source(assignment) -> tuple[str, Path]:
    path = Path(assignment)
    if path.is_dir():
        return path.name, path
    source = paths.solutions_dir() / str(assignment)
    if not source.is_dir():
        available = sorted(p.name for p in paths.solutions_dir().iterdir() if p.is_dir())
        raise WorkshopError(
            f"unknown assignment {assignment!r}: no folder {source}; "
            f"available: {', '.join(available) or 'none yet'}"
        )
    return source.name, source


def _timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def init_workshop(folder, roster_csv, *, assignments=None, own_settings="kit") -> Workshop:
    """Create (or update) a workshop folder with its nbgrader course and gradebook.

    ``assignments``: names of folders in the kit's ``solutions/`` (or paths to nbgrader source
    folders: a trainer's own); ``None`` takes every assignment in ``solutions/``. Re-running on
    an existing workshop adds new participants and assignments; it never removes anyone or any
    grade. ``own_settings``: how a trainer's own assignments are graded, ``"kit"`` (the kit's
    stubs, timeouts and add_missing_cells, as before) or ``"nbgrader"`` (nbgrader's defaults,
    what ``uprkit workshop init`` and ``uprkit assignment add`` choose unless --kit-settings).
    """
    roster = load_roster(roster_csv)  # check before touching anything
    ws = Workshop.at(folder)
    existing = (ws.root / WORKSHOP_FILE).exists()
    if ws.root.exists() and not existing and any(ws.root.iterdir()):
        raise WorkshopError(
            f"{ws.root} exists and is not a workshop folder (no {WORKSHOP_FILE}); "
            "choose a new or empty folder"
        )
    for sub in ("reports", "backups", "course/source", "course/release", "course/submitted"):
        (ws.root / sub).mkdir(parents=True, exist_ok=True)

    before = read_workshop_file(ws) if existing else {}
    if assignments is None:
        solutions = paths.solutions_dir()
        assignments = sorted(
            p.name for p in solutions.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))
        )
        if not set(before.get("assignments", [])) <= set(assignments):
            assignments = []  # made with the trainer's own assignments: add none of the kit's
    names, own = [], dict(before.get("own_assignments", {}))
    for assignment in assignments:
        name, source = _find_source(assignment)
        target = ws.source_dir(name)
        if not target.exists():
            ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
            shutil.copytree(source, target, ignore=ignore)
            if Path(assignment).is_dir():
                own[name] = {"settings": own_settings, "added": dt.date.today().isoformat()}
        names.append(name)

    _write_config_once(ws)
    roster_target = ws.roster_path
    if roster_target.exists() and not filecmp.cmp(roster_target, roster_csv, shallow=False):
        shutil.copy2(roster_target, ws.backups_dir / f"roster-{_timestamp()}.csv")
    if Path(roster_csv).resolve() != roster_target:
        replace_file(roster_target, Path(roster_csv).read_bytes())  # whole or not at all

    settings = {
        **before,  # the trainer's own tables ([grading] caps …) stay
        "name": ws.root.name,
        "created": before.get("created") if existing else dt.date.today().isoformat(),
        "course": "course",
        "roster": "roster.csv",
        "assignments": sorted(set(before.get("assignments", [])) | set(names)),
        "own_assignments": own or None,
    }
    # TOML has no empty value: a workshop.toml without "created" keeps none
    write_workshop_file(ws, {key: value for key, value in settings.items() if value is not None})
    with open_gradebook(ws) as gradebook:
        for row in roster.itertuples(index=False):
            gradebook.update_or_create_student(row.participant_id, first_name=row.name)
    return ws


class ConfigKeptWarning(UserWarning):
    """``workshop init`` left the workshop's own nbgrader_config.py as it was."""


def _write_config_once(ws: Workshop) -> None:
    """The kit's nbgrader_config.py for a new workshop; an existing one is the trainer's and is
    never overwritten: a warning says what the kit's version would change."""
    target = ws.course_dir / "nbgrader_config.py"
    if not target.exists():
        write_course_config(ws)
        return
    kept = target.read_bytes()
    write_course_config(ws)
    proposed = target.read_bytes()
    if proposed == kept:
        return
    replace_file(target, kept)
    diff = "".join(
        difflib.unified_diff(
            kept.decode("utf-8", "replace").splitlines(keepends=True),
            proposed.decode("utf-8", "replace").splitlines(keepends=True),
            str(target),
            "the kit's grading/nbgrader_config.py",
        )
    )
    warnings.warn(
        f"{target} was kept as it is (it may hold your edits); the kit's version would "
        f"change it like this, copy what you want by hand:\n{diff[:4000]}",
        ConfigKeptWarning,
        stacklevel=3,
    )


def release_assignment(ws: Workshop, assignment: str) -> Path:
    """Generate the student version into course/release/<assignment>/ (and a .zip beside it).

    Records the assignment, its notebooks and grade cells in the gradebook, which autograde needs.
    """
    check_assignment(ws, assignment)
    coursedir = course_directory(ws, assignment)  # a trainer's own: nbgrader's stubs, if chosen
    coursedir.assignment_id = assignment
    run_converter(_generate_assignment(), ws, coursedir=coursedir, force=True)
    release = ws.course_dir / "release" / assignment
    if not any(release.glob("*.ipynb")):
        raise WorkshopError(
            f"nbgrader produced no notebook in {release}; check {ws.source_dir(assignment)}"
        )
    shutil.make_archive(str(release), "zip", root_dir=release.parent, base_dir=assignment)
    return release


def generate_student_version(source_assignment_dir, dest_dir) -> Path:
    """Student version of one nbgrader source folder, made in a throwaway course.

    Used to (re)generate the committed ``exercises/<assignment>/`` from ``solutions/<assignment>/``.
    """
    source = Path(source_assignment_dir).resolve()
    if not any(source.glob("*.ipynb")):
        raise WorkshopError(f"{source} holds no notebook; expected an nbgrader source assignment")
    dest = Path(dest_dir)
    with tempfile.TemporaryDirectory(prefix="uprkit-generate-") as tmp:
        ws = Workshop.at(tmp)
        shutil.copytree(source, ws.source_dir(source.name))
        write_course_config(ws)
        coursedir = course_directory(ws)
        coursedir.assignment_id = source.name
        run_converter(_generate_assignment(), ws, coursedir=coursedir, force=True)
        release = ws.course_dir / "release" / source.name
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(release, dest)
    return dest


def _generate_assignment():
    """nbgrader's GenerateAssignment converter, imported when used (nbgrader takes ~2 s)."""
    from nbgrader.converters import GenerateAssignment

    return GenerateAssignment
