"""The trainer's side of a cohort, made by ``uprkit hub add-cohort`` (as root).

- the trainer's workshop folder ``~trainer/<course>`` (roster, nbgrader course, gradebook),
  made by ``uprkit workshop init`` run *as the trainer* (so the trainer owns every file of
  it) from a private copy of the roster, in the cohort's language; mode 0700: it holds the
  roster's names, the gradebook, the hidden tests and every submission;
- the trainer's ``~/.jupyter/nbgrader_config.py`` (``uprkit hub trainer-config``, also run as
  the trainer): the exchange, the workshop's gradebook and the refused unsandboxed grading
  steps, which the course's formgrader service reads.

An existing workshop folder is never re-made or overwritten (its gradebook stays as it is);
only the nbgrader config is written again. ``~trainer/<course>/course`` is the folder the
hub's config looks for when it starts the course's formgrader service
(:func:`uprkit.hub.config.trainer_course_dir`).
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from uprkit.hub.accounts import HubAccountError
from uprkit.hub.exchange_users import run_as
from uprkit.hub.install import HubLayout

__all__ = ["TrainerWorkshop", "setup_trainer"]

_WORKSHOP_FILE = "workshop.toml"  # uprkit.workshop.folder.WORKSHOP_FILE


@dataclass(frozen=True)
class TrainerWorkshop:
    """``made``: the folder was made now; ``roster_differs``: an existing workshop's roster is
    not the roster given (new participants are not in it until the trainer adds them)."""

    path: Path
    config: Path
    made: bool
    roster_differs: bool = False


def _as_trainer(layout: HubLayout, trainer: str, what: str, *args: str) -> str:
    done = run_as(
        trainer,
        [str(layout.env / "bin" / "uprkit"), *args],
        env={"UPRKIT_HOME": str(layout.trainer_kit)},
        timeout=600,
    )
    if done.returncode != 0:
        raise HubAccountError(f"could not {what}: {(done.stderr or done.stdout).strip()[-1500:]}")
    return done.stdout


def _existing_folder(path: Path, uid: int, trainer: str) -> bool:
    """True when ``path`` is the trainer's workshop already; refuse anything else there."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        raise HubAccountError(
            f"{path} is a link or a file, not the trainer's workshop folder: move it away, "
            "then run add-cohort again"
        )
    if info.st_uid != uid:
        raise HubAccountError(
            f"{path} does not belong to the trainer {trainer}: move it away, then run "
            "add-cohort again"
        )
    return (path / _WORKSHOP_FILE).is_file()


def setup_trainer(
    layout: HubLayout, course: str, trainer: str, roster: Path, language: str, exchange_root: Path
) -> TrainerWorkshop:
    """Make the trainer's workshop (unless it exists) and write their nbgrader config."""
    entry = pwd.getpwnam(trainer)
    ws = Path(entry.pw_dir) / course
    existing = _existing_folder(ws, entry.pw_uid, trainer)
    private = Path(tempfile.mkdtemp(prefix="uprkit-roster-"))  # root's, 0700
    try:
        copy = private / "roster.csv"
        shutil.copyfile(roster, copy)
        for path in (private, copy):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        if existing:
            # compared by the trainer (root never reads a file the trainer can swap)
            same = run_as(trainer, ["cmp", "-s", str(copy), str(ws / "roster.csv")])
            differs = same.returncode != 0
        else:
            differs = False
            init = ["workshop", "init", str(ws), "--roster", str(copy), "--language", language]
            _as_trainer(layout, trainer, f"make the trainer's workshop {ws}", *init)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    _as_trainer(
        layout,
        trainer,
        f"write the trainer's nbgrader config for {ws}",
        *["hub", "trainer-config", "--course", course],
        *["--exchange", str(exchange_root), "-w", str(ws)],
    )
    config = Path(entry.pw_dir) / ".jupyter" / "nbgrader_config.py"
    return TrainerWorkshop(ws, config, made=not existing, roster_differs=differs)
