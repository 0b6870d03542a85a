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

import contextlib
import datetime as dt
import fcntl
import os
import tempfile
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
    "replace_file",
    "workshop_lock",
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
    replace_file(ws.root / WORKSHOP_FILE, text)


def replace_file(path: Path, data: str | bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, synced, then renamed
    over it. A crash or a full disk leaves the old file, never half of a new one."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


LOCK_FILE = ".uprkit.lock"


@contextlib.contextmanager
def workshop_lock(ws: Workshop, what: str):
    """Hold the workshop's lock while ``what`` (e.g. "uprkit autograde mini") runs: a second
    run that writes grades or run records on the same workshop stops with a clear message
    instead of overlapping. The lock goes with the process (no stale lock after a crash)."""
    path = ws.root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip() or "another run"
            raise WorkshopError(
                f"cannot start {what}: {holder} is still running on the workshop {ws.root}; "
                "wait for it to finish, then run this again (two runs at once would overwrite "
                "each other's grades and records)"
            ) from None
        started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what} (process {os.getpid()}, started {started})".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


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
