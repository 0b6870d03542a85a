"""The participants' JupyterLab: the course without nbgrader's instructor tools or news pop-ups.

A profile is a Jupyter configuration folder put first on ``JUPYTER_CONFIG_PATH`` for one run of
JupyterLab, so the user's own settings (~/.jupyter) and other JupyterLabs are left alone:

- ``labconfig/page_config.json`` disables front-end plugins by id (JupyterLab reads
  ``disabledExtensions`` from every folder of the config path);
- ``jupyter_server_config.json`` turns off nbgrader's instructor server extensions and
  JupyterLab's news feed and update check (no request leaves the computer).

The participants' profile hides nbgrader's Formgrader, Course List, Assignment List, "Create
Assignment" panel and "Nbgrader" menu (the trainer grades with ``uprkit``; participants hand in
files), and JupyterLab's "Would you like to get notified about official Jupyter news?" pop-up
(the plugin ``@jupyterlab/apputils-extension:announcements``, which also checks for updates).
nbgrader's "Validate" button stays: it only runs the participant's own notebook. The trainer's
profile only turns off the news and the update check.

In a French, Spanish or Arabic workshop the profile also sets JupyterLab's own menus and dialogs
in that language (``labconfig/default_setting_overrides.json``, read from every folder of the
config path), from the language packs the kit installs (``jupyterlab-language-pack-fr-FR``,
``-es-ES``, ``-ar-SA``). A participant can still change it in Settings > Language.

    python -m uprkit.training.lab_profile course/          # what `make lab` runs
    python -m uprkit.training.lab_profile --language fr course/
    python -m uprkit.training.lab_profile --trainer course/

>>> sorted(profile_files("participants"))
['jupyter_server_config.json', 'labconfig/page_config.json']
>>> profile_files("participants", "ar")["labconfig/default_setting_overrides.json"]
{'@jupyterlab/translation-extension:plugin': {'locale': 'ar_SA'}}
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from uprkit.errors import UprkitError

AUDIENCES = ("participants", "trainer")
# The kit's languages -> JupyterLab's language packs (their locale, as Settings > Language names it)
LAB_LOCALES = {"fr": "fr_FR", "es": "es_ES", "ar": "ar_SA"}
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"  # news pop-up and update check
INSTRUCTOR_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:menu",
)
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.assignment_list",
)
_NO_NEWS = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
    }
}


def profile_files(audience: str = "participants", language: str = "en") -> dict[str, dict]:
    """Relative path → JSON content of each file of the profile for ``audience``."""
    if audience not in AUDIENCES:
        raise UprkitError(f"no lab profile {audience!r}; choose one of {', '.join(AUDIENCES)}")
    if language not in ("en", *LAB_LOCALES):
        raise UprkitError(
            f"no JupyterLab language for {language!r}; choose one of en, {', '.join(LAB_LOCALES)}"
        )
    participants = audience == "participants"
    plugins = [*INSTRUCTOR_PLUGINS, NEWS_PLUGIN] if participants else [NEWS_PLUGIN]
    server = dict(_NO_NEWS)
    if participants:
        server["ServerApp"] = {
            "jpserver_extensions": {name: False for name in INSTRUCTOR_SERVER_EXTENSIONS}
        }
    files = {
        "jupyter_server_config.json": server,
        "labconfig/page_config.json": {"disabledExtensions": {p: True for p in plugins}},
    }
    if language in LAB_LOCALES:
        files["labconfig/default_setting_overrides.json"] = {
            TRANSLATION_PLUGIN: {"locale": LAB_LOCALES[language]}
        }
    return files


def write_profile(folder: str | Path, audience: str = "participants", language: str = "en") -> Path:
    """Write the profile for ``audience`` into ``folder`` (made if needed); return the folder."""
    folder = Path(folder)
    stale = folder / "labconfig" / "default_setting_overrides.json"
    if stale.exists():  # a profile written before for another language
        stale.unlink()
    for name, content in profile_files(audience, language).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    return folder


def default_profile_folder(audience: str = "participants") -> Path:
    """Inside the Python environment the kit is installed in (its own .venv, as `make lab` and
    the offline pack make), else in the user's Jupyter data folder."""
    candidates = [Path(sys.prefix) / "share" / "uprkit" / "lab-profile" / audience]
    try:
        from jupyter_core.paths import jupyter_data_dir

        candidates.append(Path(jupyter_data_dir()) / "uprkit-lab-profile" / audience)
    except ImportError:  # pragma: no cover - jupyter_core comes with JupyterLab
        pass
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    raise UprkitError(
        "no folder to write the lab profile in: "
        + ", ".join(str(f) for f in candidates)
        + " are not writable; give one with --profile FOLDER"
    )


def lab_environment(profile: Path, environ: dict[str, str] | None = None) -> dict[str, str]:
    """``environ`` with ``profile`` first on JUPYTER_CONFIG_PATH (what was there stays after)."""
    env = dict(os.environ if environ is None else environ)
    rest = env.get("JUPYTER_CONFIG_PATH")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(profile), *([rest] if rest else [])])
    return env


def main(argv: list[str] | None = None) -> int:
    """Write the profile, then run ``jupyter lab`` with it and the remaining arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    audience = "trainer" if "--trainer" in args else "participants"
    args = [a for a in args if a != "--trainer"]
    language = "en"
    if "--language" in args:
        at = args.index("--language")
        if at + 1 >= len(args):
            raise SystemExit("--language needs one of en, fr, es, ar")
        language = args[at + 1]
        del args[at : at + 2]
    folder = None
    if "--profile" in args:
        at = args.index("--profile")
        if at + 1 >= len(args):
            raise SystemExit("--profile needs a folder, e.g. --profile build/lab-profile")
        folder = Path(args[at + 1])
        del args[at : at + 2]
    try:
        profile = write_profile(folder or default_profile_folder(audience), audience, language)
    except UprkitError as error:
        raise SystemExit(str(error)) from None
    command = [sys.executable, "-m", "jupyter", "lab", *args]
    print(f"JupyterLab for the {audience} (profile {profile})", flush=True)
    env = lab_environment(profile)
    if os.name == "nt":  # no exec on Windows: wait for JupyterLab and pass on its exit code
        return subprocess.call(command, env=env)
    os.execve(sys.executable, command, env)  # Ctrl-C goes to JupyterLab as usual
    return 0  # pragma: no cover - execve does not return


if __name__ == "__main__":
    sys.exit(main())
