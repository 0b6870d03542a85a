"""A cohort's workshop folder: the contract every other part of the kit reads and writes.

The folder is the contract (see the team brief)::

    workshop.toml  roster.csv  pseudonyms.csv  reports/  backups/  quarantine/  history/  runs/
    course/        nbgrader course root: nbgrader_config.py, source/, release/, submitted/,
                   autograded/, feedback/, gradebook.db

This module only knows where things are: it imports nothing of the kit above errors and paths,
and neither nbgrader nor pandas. nbgrader's side of the folder is ``uprkit.workshop.course``;
creating a workshop and releasing assignments is ``uprkit.workshop.prepare``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from uprkit.errors import WorkshopError

__all__ = [
    "TIMESTAMP_FORMAT",
    "WORKSHOP_FILE",
    "Workshop",
    "check_assignment",
    "list_assignments",
    "open_workshop",
    "read_workshop_file",
    "write_workshop_file",
]

WORKSHOP_FILE = "workshop.toml"
# nbgrader's format for course/submitted/<id>/<assignment>/timestamp.txt
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"
_WORKSHOP_FILE_HEADER = "# uprkit workshop folder (created by `uprkit workshop init`)\n"


@dataclass(frozen=True)
class Workshop:
    """One cohort's folder. Open an existing one with :func:`open_workshop`."""

    root: Path
    course_dir: Path
    gradebook_path: Path
    roster_path: Path

    @classmethod
    def at(cls, root) -> Workshop:
        root = Path(root).resolve()
        course = root / "course"
        return cls(root, course, course / "gradebook.db", root / "roster.csv")

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    @property
    def history_dir(self) -> Path:
        return self.root / "history"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    def source_dir(self, assignment: str) -> Path:
        return self.course_dir / "source" / assignment

    def submitted_dir(self, participant_id: str, assignment: str) -> Path:
        return self.course_dir / "submitted" / participant_id / assignment

    def autograded_dir(self, participant_id: str, assignment: str) -> Path:
        return self.course_dir / "autograded" / participant_id / assignment


def read_workshop_file(ws: Workshop) -> dict:
    """The settings in the workshop's ``workshop.toml``."""
    return tomllib.loads((ws.root / WORKSHOP_FILE).read_text(encoding="utf-8"))


def write_workshop_file(ws: Workshop, values: dict) -> None:
    """Write ``workshop.toml`` (any folder name, quotes and backslashes included, stays valid).

    >>> import tempfile
    >>> ws = Workshop.at(tempfile.mkdtemp())
    >>> write_workshop_file(ws, {"name": 'Cohort "B"', "assignments": ["mini"]})
    >>> read_workshop_file(ws)
    {'name': 'Cohort "B"', 'assignments': ['mini']}
    """
    text = _WORKSHOP_FILE_HEADER + tomli_w.dumps(values)
    (ws.root / WORKSHOP_FILE).write_text(text, encoding="utf-8")


def open_workshop(folder=None) -> Workshop:
    """The workshop at ``folder``, else ``$UPRKIT_WORKSHOP``, else workshop.toml at/above cwd."""
    if folder is None:
        folder = os.environ.get("UPRKIT_WORKSHOP")
    if folder is not None:
        ws = Workshop.at(folder)
        if not (ws.root / WORKSHOP_FILE).exists():
            raise WorkshopError(
                f"{ws.root} is not a workshop folder (no {WORKSHOP_FILE}); "
                "create one with `uprkit workshop init DIR --roster roster.csv`"
            )
        return ws
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / WORKSHOP_FILE).exists():
            return Workshop.at(candidate)
    raise WorkshopError(
        f"no {WORKSHOP_FILE} in {here} or any folder above it; pass --workshop DIR, set "
        "UPRKIT_WORKSHOP, or create one with `uprkit workshop init DIR --roster roster.csv`"
    )


def list_assignments(ws: Workshop) -> list[str]:
    """Assignments of this workshop (folders in course/source/)."""
    source = ws.course_dir / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir()) if source.exists() else []


def check_assignment(ws: Workshop, assignment: str) -> None:
    """Raise a WorkshopError listing this workshop's assignments if ``assignment`` is not one."""
    if not ws.source_dir(assignment).is_dir():
        raise WorkshopError(
            f"unknown assignment {assignment!r} in {ws.root}; this workshop has: "
            f"{', '.join(list_assignments(ws)) or 'none'} (add one with `uprkit workshop init "
            f"{ws.root} --roster {ws.roster_path} --assignment NAME`)"
        )
