"""The participants' and the trainer's JupyterLab profiles (uprkit.training.lab_profile).

The browser side (menus and pop-up absent in Chromium) is tests/simulations/
test_browser_lab_profile.py; here: the files, the environment, and the command really running
``jupyter lab`` (with --version, so that it ends at once).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from uprkit.errors import UprkitError
from uprkit.training.lab_profile import (
    INSTRUCTOR_PLUGINS,
    INSTRUCTOR_SERVER_EXTENSIONS,
    NEWS_PLUGIN,
    lab_environment,
    write_profile,
)


def _read(folder):
    server = json.loads((folder / "jupyter_server_config.json").read_text(encoding="utf-8"))
    page = json.loads((folder / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    return server, {name for name, off in page["disabledExtensions"].items() if off}


def test_the_participants_profile_turns_off_instructor_tools_and_news(tmp_path):
    server, disabled = _read(write_profile(tmp_path / "p", "participants"))
    assert disabled == {*INSTRUCTOR_PLUGINS, NEWS_PLUGIN}
    assert "@jupyter/nbgrader:validate-assignment" not in disabled  # a participant's own check
    extensions = server["ServerApp"]["jpserver_extensions"]
    assert extensions == {name: False for name in INSTRUCTOR_SERVER_EXTENSIONS}
    assert server["LabApp"]["news_url"] is None
    assert server["LabApp"]["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"


def test_the_trainers_profile_keeps_nbgrader(tmp_path):
    server, disabled = _read(write_profile(tmp_path / "t", "trainer"))
    assert disabled == {NEWS_PLUGIN}
    assert "ServerApp" not in server and server["LabApp"]["news_url"] is None
    with pytest.raises(UprkitError, match="no lab profile 'students'"):
        write_profile(tmp_path / "s", "students")


def test_the_profile_goes_first_on_the_config_path(tmp_path):
    env = lab_environment(tmp_path, {"JUPYTER_CONFIG_PATH": "/elsewhere", "HOME": "/home/x"})
    assert env["JUPYTER_CONFIG_PATH"] == os.pathsep.join([str(tmp_path), "/elsewhere"])
    assert env["HOME"] == "/home/x"
    assert lab_environment(tmp_path, {})["JUPYTER_CONFIG_PATH"] == str(tmp_path)


def test_the_command_writes_the_profile_and_runs_jupyter_lab(tmp_path):
    folder = tmp_path / "profile"
    done = subprocess.run(
        [sys.executable, "-m", "uprkit.training.lab_profile", "--profile", str(folder),
         "--version"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "JupyterLab for the participants" in done.stdout
    assert done.stdout.strip().splitlines()[-1][0].isdigit()  # JupyterLab's version, e.g. 4.6.6
    assert _read(folder)[1] == {*INSTRUCTOR_PLUGINS, NEWS_PLUGIN}
