"""The workshop's nbgrader course: its config, its gradebook, and running nbgrader's converters.

Every nbgrader call here passes the course root explicitly (engineering notes, trap 4), so it
works from any working directory, and runs inside :func:`alembic_on_path` (trap 3).

nbgrader is imported inside the functions that use it: importing it costs ~1.8 s (its package
imports its server extensions), and ``uprkit.grading.autograde`` imports this module before it
starts its execution workers, which must not wait for that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import os
import sqlite3
import sys
import warnings
from pathlib import Path

from traitlets.config.loader import Config, PyFileConfigLoader

from uprkit import paths
from uprkit.errors import UprkitError, WorkshopError
from uprkit.workshop.folder import Workshop, read_workshop_file
from uprkit.workshop.gradebook_db import (
    check_gradebook_reachable,
    gradebook_url,
    is_postgres,
    masked,
    pg_dump_backup,
    postgres_digest,
)

__all__ = [
    "alembic_on_path",
    "backup_gradebook",
    "course_directory",
    "load_course_config",
    "nbgrader_sqlalchemy_quirks",
    "open_gradebook",
    "run_converter",
    "write_course_config",
]

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


@contextlib.contextmanager
def alembic_on_path():
    """Put this Python's ``bin/`` first on PATH for the length of the block.

    Why: when nbgrader creates a gradebook it runs ``alembic`` *by name* in a subprocess
    (``nbgrader.api.get_alembic_version``). Run from a venv that is not activated (a trainer
    calling ``.venv/bin/uprkit``, a notebook kernel, cron), ``alembic`` is not on PATH, and the
    gradebook is left half made, without its ``alembic_version`` table (engineering notes,
    trap 3). nbgrader offers no other way to point it at alembic, so PATH it is: changed for
    this process only while nbgrader runs (``open_gradebook`` and ``run_converter`` are the two
    ways in), and put back afterwards.
    """
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


def write_course_config(ws: Workshop) -> None:
    """Copy the kit's grading/nbgrader_config.py into the course (a default one without the kit)."""
    target = ws.course_dir / "nbgrader_config.py"
    kit_config = paths.grading_dir() / "nbgrader_config.py"
    if kit_config.exists():
        text = kit_config.read_text(encoding="utf-8")
        header = "# Copied from the kit's grading/nbgrader_config.py by `uprkit workshop init`.\n"
        target.write_text(header + text, encoding="utf-8")
    elif not target.exists():
        target.write_text(_DEFAULT_CONFIG, encoding="utf-8")


def load_course_config(ws: Workshop, assignment: str | None = None) -> Config:
    """The traitlets Config of the workshop's course (nbgrader_config.py), with the root set.

    For a trainer's own ``assignment`` added with nbgrader's defaults (``uprkit assignment
    add`` without ``--kit-settings``), the kit's own choices are taken out where the course's
    file still holds the kit's values: answer stubs, the 60 s timeout, ``add_missing_cells``.
    """
    config = Config()
    config_file = ws.course_dir / "nbgrader_config.py"
    if config_file.exists():
        config.merge(PyFileConfigLoader(config_file.name, path=str(ws.course_dir)).load_config())
    if assignment is not None and _own_settings(ws, assignment) == "nbgrader":
        _drop_kit_choices(config)
    config.CourseDirectory.root = str(ws.course_dir)
    # workshop.toml names the gradebook (SQLite in the folder, or PostgreSQL): one place for all
    config.CourseDirectory.db_url = gradebook_url(ws)
    return config


# The kit's choices in grading/nbgrader_config.py that nbgrader does otherwise by default.
_KIT_CHOICES = (
    ("ClearSolutions", "code_stub"),
    ("ClearSolutions", "text_stub"),
    ("ExecutePreprocessor", "timeout"),
    ("Execute", "timeout"),
    ("OverwriteCells", "add_missing_cells"),
)


def _own_settings(ws: Workshop, assignment: str) -> str | None:
    try:
        own = read_workshop_file(ws).get("own_assignments", {})
    except (OSError, ValueError):
        return None
    return own.get(assignment, {}).get("settings")


def _drop_kit_choices(config: Config) -> None:
    kit = Config()
    try:
        kit_file = paths.grading_dir() / "nbgrader_config.py"
    except UprkitError:  # an installed kit without its folders wrote _DEFAULT_CONFIG
        kit_file = None
    if kit_file is not None and kit_file.exists():
        kit.merge(PyFileConfigLoader(kit_file.name, path=str(kit_file.parent)).load_config())
    else:
        kit.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\n..."}
    for section, key in _KIT_CHOICES:
        if section in config and key in config[section]:
            if section in kit and kit[section].get(key) == config[section][key]:
                del config[section][key]  # the kit's value, not the trainer's: nbgrader's default


def course_directory(ws: Workshop, assignment: str | None = None):
    """nbgrader's CourseDirectory of the workshop, configured from its nbgrader_config.py (for
    ``assignment``, see :func:`load_course_config`)."""
    from nbgrader.coursedir import CourseDirectory  # ~1.8 s: see the module docstring

    config = load_course_config(ws, assignment)
    # a PostgreSQL gradebook that cannot be used stops here, before anything is done (#1661)
    check_gradebook_reachable(config.CourseDirectory.db_url)
    return CourseDirectory(config=config, root=str(ws.course_dir))


@contextlib.contextmanager
def open_gradebook(ws: Workshop):
    """The workshop's real nbgrader gradebook (created on first use, with alembic on PATH):
    SQLite in the folder, or the PostgreSQL database workshop.toml names."""
    from nbgrader.api import Gradebook  # ~1.8 s: see the module docstring
    from sqlalchemy.exc import OperationalError

    coursedir = course_directory(ws)
    with alembic_on_path(), nbgrader_sqlalchemy_quirks():
        try:
            gradebook = Gradebook(coursedir.db_url, coursedir.course_id)
        except OperationalError as exc:
            raise WorkshopError(
                f"cannot open the gradebook {masked(coursedir.db_url)}: {exc.orig}"
            ) from exc
        with gradebook:
            yield gradebook


# Beside the backups: "<sha256 of the gradebook> <file name of its backup>" of the last one made.
_LAST_BACKUP = "last-gradebook-backup.txt"


def backup_gradebook(ws: Workshop, reason: str) -> Path | None:
    """Copy the gradebook to backups/ with SQLite's online backup (consistent even mid-write),
    or ``pg_dump`` for a PostgreSQL gradebook (none with ``[gradebook] backups = "dba"``).

    Only when it changed since the last backup: otherwise that backup (still a copy of exactly
    this gradebook) is returned, so re-runs that change nothing do not fill backups/.
    """
    url = gradebook_url(ws)
    if is_postgres(url):
        return _backup_postgres(ws, url, reason)
    if not ws.gradebook_path.exists():
        return None
    ws.backups_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(ws.gradebook_path.read_bytes()).hexdigest()
    last = ws.backups_dir / _LAST_BACKUP
    with contextlib.suppress(OSError, ValueError):
        last_digest, last_name = last.read_text(encoding="utf-8").split()
        if last_digest == digest and (ws.backups_dir / last_name).is_file():
            return ws.backups_dir / last_name
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = ws.backups_dir / f"gradebook-{stamp}-{reason}.db"
    source = sqlite3.connect(ws.gradebook_path)
    try:
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
    last.write_text(f"{digest} {target.name}\n", encoding="utf-8")
    return target


def _backup_postgres(ws: Workshop, url: str, reason: str) -> Path | None:
    from sqlalchemy import create_engine

    check_gradebook_reachable(url)
    engine = create_engine(url)
    try:
        digest = postgres_digest(engine)
    finally:
        engine.dispose()
    return pg_dump_backup(ws, url, reason, digest, _LAST_BACKUP)


@contextlib.contextmanager
def nbgrader_sqlalchemy_quirks():
    """Silence the "<SubmittedAssignment> not in session" warnings of nbgrader 0.9 on SQLAlchemy 2.

    nbgrader builds a submission's rows before adding them to the session (api.py,
    ``add_submission``), so SQLAlchemy warns on every new submission; the rows are added right
    after and plain ``nbgrader autograde`` prints the same lines (engineering notes, trap 9).
    They are noise in a trainer's terminal.
    """
    from sqlalchemy.exc import SAWarning  # ~0.35 s, paid only with nbgrader's gradebook anyway

    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"Object of type <\w+> not in session", category=SAWarning
        )
        yield


def _quiet_logger() -> logging.Logger:
    log = logging.getLogger("uprkit.nbgrader")
    log.propagate = False
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return log


def run_converter(converter_cls, ws: Workshop | None, *, config=None, coursedir=None, **traits):
    """Run one nbgrader converter in-process; on failure raise WorkshopError with its log."""
    from nbgrader.converters.base import NbGraderException  # ~1.8 s: see the module docstring

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
        with alembic_on_path():
            converter.start()
    except NbGraderException as exc:
        raise WorkshopError(
            f"nbgrader {converter_cls.__name__} failed in {coursedir.root}: {exc}\n"
            f"{stream.getvalue()[-2000:]}"
        ) from exc
    finally:
        log.removeHandler(handler)
    return stream.getvalue()
