"""What the hub does before it starts a participant's server: language, kit and lessons.

The hub runs as root, and a participant owns their home folder, so nothing here writes into a
home as root (a participant could point ``~/lessons`` at ``/etc`` with a symbolic link): the
copy runs in a child process as the participant's own Unix user.
"""

from __future__ import annotations

import importlib.metadata
import json
import pwd
import subprocess
import sys
from pathlib import Path

from uprkit.hub.accounts import load_accounts
from uprkit.hub.install import HubLayout

__all__ = ["LESSONS_FOLDER", "copy_lessons_as", "lab_locale", "make_pre_spawn_hook", "settings_of"]

LESSONS_FOLDER = "lessons"
# JupyterLab's language packs on PyPI (installed by the lead's tooling, never by the hub)
_LAB_LOCALES = {"fr": "fr_FR", "es": "es_ES", "ar": "ar_SA"}
_SETTINGS = (
    ".jupyter/lab/user-settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings"
)

# Run as the participant: copy lessons that are not there yet (never over their work), and
# set JupyterLab's language once (never over a choice they made in the Settings menu).
_COPY = r"""
import json, os, shutil, sys
from pathlib import Path
source, dest, locale, settings = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
dest.mkdir(exist_ok=True)
if dest.is_symlink() or not dest.is_dir():
    sys.exit(f"{dest} is not a folder; lessons not copied")
for item in sorted(source.iterdir()):
    target = dest / item.name
    if item.is_file() and not target.exists() and not target.is_symlink():
        shutil.copyfile(item, target)
if locale:
    path = Path.home() / settings
    if not path.exists() and not path.is_symlink():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"locale": locale}) + "\n")
"""


def lab_locale(language: str) -> str:
    """JupyterLab's locale for ``language`` if its language pack is installed here, else "".

    >>> lab_locale("en")
    ''
    """
    locale = _LAB_LOCALES.get(language, "")
    if not locale:
        return ""
    try:
        importlib.metadata.distribution(f"jupyterlab-language-pack-{locale.replace('_', '-')}")
    except importlib.metadata.PackageNotFoundError:
        return ""
    return locale


def copy_lessons_as(username: str, source: Path, language: str) -> None:
    """Copy the lessons in ``source`` into ``~username/lessons`` as that user (root only)."""
    entry = pwd.getpwnam(username)
    dest = Path(entry.pw_dir) / LESSONS_FOLDER
    args = [sys.executable, "-I", "-c", _COPY, str(source), str(dest), lab_locale(language)]
    subprocess.run(
        [*args, _SETTINGS],
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
        cwd=entry.pw_dir,
        env={"HOME": entry.pw_dir, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def make_pre_spawn_hook(prefix: Path):
    """``c.Spawner.pre_spawn_hook`` for the hub under ``prefix``."""
    layout = HubLayout(prefix)

    def pre_spawn_hook(spawner) -> None:
        account = load_accounts(layout.accounts).get(spawner.user.name)
        if account is None:  # the authenticator lets nobody else in; refuse to be sure
            raise RuntimeError(f"{spawner.user.name!r} has no account in {layout.accounts}")
        trainer = account.role == "trainer"
        spawner.environment.update(
            {
                "UPRKIT_LANGUAGE": account.language,
                "UPRKIT_HOME": str(layout.trainer_kit if trainer else layout.kit),
                "PATH": f"{layout.env / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            }
        )
        lessons = layout.lessons_of(account.course)
        if account.role == "participant" and lessons.is_dir():
            try:
                copy_lessons_as(account.username, lessons, account.language)
            except subprocess.CalledProcessError as exc:
                spawner.log.warning("lessons not copied for %s: %s", account.username, exc.stderr)

    return pre_spawn_hook


def settings_of(username: str) -> dict:
    """The JupyterLab language setting written for ``username`` ({} when none)."""
    path = Path(pwd.getpwnam(username).pw_dir) / _SETTINGS
    return json.loads(path.read_text()) if path.exists() else {}
