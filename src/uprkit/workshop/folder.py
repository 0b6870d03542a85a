"""A cohort's workshop folder: roster, its own nbgrader course and gradebook, release, status.

The folder is the contract (see the team brief)::

    workshop.toml  roster.csv  pseudonyms.csv  reports/  backups/  quarantine/  history/  runs/
    course/        nbgrader course root: nbgrader_config.py, source/, release/, submitted/,
                   autograded/, feedback/, gradebook.db

Every nbgrader call here passes the course root explicitly (engineering notes, trap 4) and puts
the venv's ``bin/`` on PATH (trap 3), so it works from any working directory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import logging
import os
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uprkit import paths
from uprkit.errors import WorkshopError
from uprkit.workshop.roster import load_roster

__all__ = [
    "Workshop",
    "init_workshop",
    "open_workshop",
    "release_assignment",
    "generate_student_version",
    "collect_submissions",
    "workshop_status",
    "list_assignments",
]

WORKSHOP_FILE = "workshop.toml"
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"

_DEFAULT_CONFIG = '''\
"""nbgrader settings of this workshop's course (written by `uprkit workshop init`)."""
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "uprkit"
# The exchange stays inside the workshop folder (used only if you run JupyterHub-style release).
c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "exchange")
# Immediate shutdown avoids a ~3 s stall on 10% of kernels (engineering notes, trap 2).
c.Execute.shutdown_kernel = "immediate"
c.Execute.timeout = 30
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\\n..."}
'''


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


# ---------------------------------------------------------------- nbgrader plumbing


@contextlib.contextmanager
def venv_bin_on_path():
    """Put this Python's ``bin/`` first on PATH while nbgrader runs (it calls ``alembic``)."""
    bin_dir = str(Path(sys.executable).parent)
    old = os.environ.get("PATH", "")
    if old.split(os.pathsep)[:1] == [bin_dir]:
        yield
        return
    os.environ["PATH"] = bin_dir + os.pathsep + old
    try:
        yield
    finally:
        os.environ["PATH"] = old


def load_course_config(ws: Workshop):
    """The traitlets Config of the workshop's course (nbgrader_config.py), with the root set."""
    from traitlets.config.loader import Config, PyFileConfigLoader

    config = Config()
    config_file = ws.course_dir / "nbgrader_config.py"
    if config_file.exists():
        config.merge(PyFileConfigLoader(config_file.name, path=str(ws.course_dir)).load_config())
    config.CourseDirectory.root = str(ws.course_dir)
    return config


def course_directory(ws: Workshop):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=load_course_config(ws), root=str(ws.course_dir))


@contextlib.contextmanager
def open_gradebook(ws: Workshop):
    """The workshop's real nbgrader gradebook (created on first use, with alembic on PATH)."""
    from nbgrader.api import Gradebook

    coursedir = course_directory(ws)
    with venv_bin_on_path(), nbgrader_sqlalchemy_quirks(), \
            Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        yield gradebook


@contextlib.contextmanager
def nbgrader_sqlalchemy_quirks():
    """Silence the "<SubmittedAssignment> not in session" warnings of nbgrader 0.9 on SQLAlchemy 2.

    nbgrader builds a submission's rows before adding them to the session (api.py,
    ``add_submission``), so SQLAlchemy warns on every new submission; the rows are added right
    after and plain ``nbgrader autograde`` prints the same lines (engineering notes, trap 9).
    They are noise in a trainer's terminal.
    """
    import warnings

    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Object of type <\w+> not in session",
                                category=SAWarning)
        yield


def _quiet_logger() -> logging.Logger:
    log = logging.getLogger("uprkit.nbgrader")
    log.propagate = False
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return log


def run_converter(converter_cls, ws: Workshop | None, *, config=None, coursedir=None, **traits):
    """Run one nbgrader converter in-process; on failure raise WorkshopError with its log."""
    import io

    from nbgrader.converters.base import NbGraderException

    log = _quiet_logger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log.addHandler(handler)
    try:
        if coursedir is None:
            coursedir = course_directory(ws)
        converter = converter_cls(coursedir=coursedir, config=config or coursedir.config, log=log)
        for key, value in traits.items():
            setattr(converter, key, value)
        with venv_bin_on_path():
            converter.start()
    except NbGraderException as exc:
        raise WorkshopError(
            f"nbgrader {converter_cls.__name__} failed in {coursedir.root}: {exc}\n"
            f"{stream.getvalue()[-2000:]}"
        ) from exc
    finally:
        log.removeHandler(handler)
    return stream.getvalue()


# ---------------------------------------------------------------- the folder


def _write_toml(path: Path, values: dict) -> None:
    lines = ["# uprkit workshop folder (created by `uprkit workshop init`)"]
    for key, value in values.items():
        if isinstance(value, list):
            inner = ", ".join(f'"{v}"' for v in value)
            lines.append(f"{key} = [{inner}]")
        else:
            lines.append(f'{key} = "{value}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read_toml(ws: Workshop) -> dict:
    return tomllib.loads((ws.root / WORKSHOP_FILE).read_text(encoding="utf-8"))


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


def _write_course_config(ws: Workshop) -> None:
    target = ws.course_dir / "nbgrader_config.py"
    kit_config = paths.grading_dir() / "nbgrader_config.py"
    if kit_config.exists():
        text = kit_config.read_text(encoding="utf-8")
        header = "# Copied from the kit's grading/nbgrader_config.py by `uprkit workshop init`.\n"
        target.write_text(header + text, encoding="utf-8")
    elif not target.exists():
        target.write_text(_DEFAULT_CONFIG, encoding="utf-8")


def _timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def init_workshop(folder, roster_csv, *, assignments=None) -> Workshop:
    """Create (or update) a workshop folder with its nbgrader course and gradebook.

    ``assignments``: names of folders in the kit's ``solutions/`` (or paths to nbgrader source
    folders); ``None`` takes every assignment in ``solutions/``. Re-running on an existing
    workshop adds new participants and assignments; it never removes anyone or any grade.
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

    if assignments is None:
        solutions = paths.solutions_dir()
        assignments = sorted(p.name for p in solutions.iterdir() if (p.is_dir() and
                                                                    any(p.glob("*.ipynb"))))
    names = []
    for assignment in assignments:
        name, source = _find_source(assignment)
        target = ws.source_dir(name)
        if not target.exists():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints",
                                                                         "__pycache__"))
        names.append(name)

    _write_course_config(ws)
    roster_target = ws.roster_path
    if roster_target.exists() and not filecmp.cmp(roster_target, roster_csv, shallow=False):
        shutil.copy2(roster_target, ws.backups_dir / f"roster-{_timestamp()}.csv")
    if Path(roster_csv).resolve() != roster_target:
        shutil.copy2(roster_csv, roster_target)

    previous = _read_toml(ws).get("assignments", []) if existing else []
    all_names = sorted(set(previous) | set(names))
    _write_toml(ws.root / WORKSHOP_FILE, {
        "name": ws.root.name,
        "created": _read_toml(ws).get("created") if existing else dt.date.today().isoformat(),
        "course": "course",
        "roster": "roster.csv",
        "assignments": all_names,
    })
    with open_gradebook(ws) as gradebook:
        for row in roster.itertuples(index=False):
            gradebook.update_or_create_student(row.participant_id, first_name=row.name)
    return ws


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
    if not ws.source_dir(assignment).is_dir():
        raise WorkshopError(
            f"unknown assignment {assignment!r} in {ws.root}; this workshop has: "
            f"{', '.join(list_assignments(ws)) or 'none'} (add one with `uprkit workshop init "
            f"{ws.root} --roster {ws.roster_path} --assignment NAME`)"
        )


def release_assignment(ws: Workshop, assignment: str) -> Path:
    """Generate the student version into course/release/<assignment>/ (and a .zip beside it).

    Records the assignment, its notebooks and grade cells in the gradebook, which autograde needs.
    """
    from nbgrader.converters import GenerateAssignment

    check_assignment(ws, assignment)
    coursedir = course_directory(ws)
    coursedir.assignment_id = assignment
    run_converter(GenerateAssignment, ws, coursedir=coursedir, force=True)
    release = ws.course_dir / "release" / assignment
    if not any(release.glob("*.ipynb")):
        raise WorkshopError(
            f"nbgrader produced no notebook in {release}; check {ws.source_dir(assignment)}")
    shutil.make_archive(str(release), "zip", root_dir=release.parent, base_dir=assignment)
    return release


def generate_student_version(source_assignment_dir, dest_dir) -> Path:
    """Student version of one nbgrader source folder, made in a throwaway course.

    Used to (re)generate the committed ``exercises/<assignment>/`` from ``solutions/<assignment>/``.
    """
    import tempfile

    from nbgrader.converters import GenerateAssignment

    source = Path(source_assignment_dir).resolve()
    if not any(source.glob("*.ipynb")):
        raise WorkshopError(f"{source} holds no notebook; expected an nbgrader source assignment")
    dest = Path(dest_dir)
    with tempfile.TemporaryDirectory(prefix="uprkit-generate-") as tmp:
        ws = Workshop.at(tmp)
        shutil.copytree(source, ws.source_dir(source.name))
        _write_course_config(ws)
        coursedir = course_directory(ws)
        coursedir.assignment_id = source.name
        run_converter(GenerateAssignment, ws, coursedir=coursedir, force=True)
        release = ws.course_dir / "release" / source.name
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(release, dest)
    return dest


def collect_submissions(ws: Workshop, assignment: str, path):
    """Match participants' files in a folder or .zip to roster ids; see uprkit.workshop.collect."""
    from uprkit.workshop.collect import collect_submissions as _collect

    return _collect(ws, assignment, path)


def workshop_status(ws: Workshop) -> pd.DataFrame:
    """Who submitted what, its status and grade: one row per participant × assignment."""
    from uprkit.grading.autograde import gradebook_scores
    from uprkit.workshop.collect import read_timestamp

    roster = load_roster(ws.roster_path)
    scores = gradebook_scores(ws).set_index(["participant_id", "assignment"])
    rows = []
    for assignment in list_assignments(ws):
        for row in roster.itertuples(index=False):
            pid = row.participant_id
            submitted = ws.submitted_dir(pid, assignment)
            timestamp = read_timestamp(submitted) if submitted.exists() else None
            record = scores.loc[(pid, assignment)] if (pid, assignment) in scores.index else None
            status = "not submitted" if timestamp is None else "submitted"
            if record is not None and record["status"] not in ("", "not submitted"):
                status = record["status"]
            rows.append({
                "participant_id": pid,
                "name": row.name,
                "assignment": assignment,
                "submitted_at": timestamp,
                "status": status,
                "score": None if record is None else record["score"],
                "max_score": None if record is None else record["max_score"],
                "needs_manual_grade": (False if record is None
                                       else bool(record["needs_manual_grade"])),
                "flags": "" if record is None else record["flags"],
            })
    frame = pd.DataFrame(rows, columns=["participant_id", "name", "assignment", "submitted_at",
                                        "status", "score", "max_score", "needs_manual_grade",
                                        "flags"])
    return frame.sort_values(["assignment", "participant_id"], ignore_index=True)
