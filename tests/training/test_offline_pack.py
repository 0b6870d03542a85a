"""The offline pack: every dependency as a wheel, the kit's folders, scripts that stay offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.errors import WorkshopError
from uprkit.training.offline_pack import (
    build_offline_pack,
    read_dependencies,
    wheelhouse_key,
    write_install_files,
)

KIT_ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_cache_key_follows_the_dependency_list():
    deps = read_dependencies(KIT_ROOT)
    assert "pandas>=2.2" in deps
    assert wheelhouse_key(deps) == wheelhouse_key(list(reversed(deps)))
    assert wheelhouse_key(deps) != wheelhouse_key(deps + ["rich"])


def test_install_files_only_ever_install_from_the_wheelhouse(tmp_path):
    write_install_files(tmp_path, "cpython 3.11 on linux-x86_64")
    install_txt = (tmp_path / "INSTALL.txt").read_text(encoding="utf-8")
    assert "cpython 3.11 on linux-x86_64" in install_txt
    for script in ("install.sh", "install.bat"):
        text = (tmp_path / script).read_text(encoding="utf-8")
        assert "pip install --no-index --find-links wheelhouse uprkit" in text
    assert os.access(tmp_path / "install.sh", os.X_OK)


def test_a_pack_never_overwrites_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(WorkshopError, match="already holds files"):
        build_offline_pack(tmp_path, cache_dir=tmp_path / "cache")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_pack_needs_a_destination():
    result = CliRunner().invoke(main, ["pack"])
    assert result.exit_code == 2 and "give --offline DIR, --handouts DIR, or both" in result.output


def _without_network(command: list[str]) -> list[str]:
    """Run ``command`` in a network namespace with no network, when bubblewrap is here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return command
    probe = subprocess.run([bwrap, "--dev-bind", "/", "/", "--unshare-net", "true"], check=False)
    if probe.returncode != 0:
        return command
    return [bwrap, "--dev-bind", "/", "/", "--unshare-net", "--die-with-parent", *command]


@pytest.mark.slow
def test_the_pack_installs_and_runs_in_a_fresh_venv_without_network(tmp_path):
    # The dependency wheels are built once and reused while the dependency list is unchanged.
    cache = Path(os.environ.get("UPRKIT_CACHE", Path.home() / ".cache" / "uprkit")) / "wheelhouses"
    pack = build_offline_pack(tmp_path / "pack", cache_dir=cache, handouts=False)
    assert any(w.startswith("uprkit-") for w in pack.wheels)
    # The pack holds the versions this environment runs (and was tested with), not the newest.
    for name in ("pandas", "nbgrader", "jupyterlab"):
        assert any(w.startswith(f"{name}-{version(name)}-") for w in pack.wheels), name
    for folder in ("course", "datasets", "solutions", "grading"):
        assert (pack.root / folder).is_dir(), folder
    assert not list(pack.root.rglob("gradebook.db"))
    assert not (KIT_ROOT / "build").exists(), "the kit wheel must be built from a copy"

    # The participant's way: the pack's own install script, with no network at all.
    venv = pack.root / ".venv"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHON": str(Path(sys.base_prefix) / "bin" / "python3"),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_COMPILE": "1",  # byte-compiling 140 packages only costs test time
        "PIP_INDEX_URL": "http://127.0.0.1:9/nothing-here",  # if pip tried the network, it fails
    }
    done = subprocess.run(
        _without_network(["sh", str(pack.root / "install.sh")]),
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Installed. Start the course with" in done.stdout

    helped = subprocess.run(
        [str(venv / "bin" / "uprkit"), "--help"], env=env, cwd=pack.root, capture_output=True,
        text=True,
    )  # fmt: skip
    assert helped.returncode == 0 and "cohort" in helped.stdout, helped.stderr
    check = (
        "import uprkit.data, uprkit.paths; "
        "print(uprkit.paths.kit_root(), len(uprkit.data.load_states()))"
    )
    ran = subprocess.run(
        _without_network([str(venv / "bin" / "python"), "-c", check]),
        env=env, cwd=pack.root, capture_output=True, text=True,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == [str(pack.root), "193"]
    # A lesson's kernel runs in pack/course/: the kit's folders are found one level up.
    from_course = subprocess.run(
        [str(venv / "bin" / "python"), "-c", check], env=env, cwd=pack.root / "course",
        capture_output=True, text=True,
    )  # fmt: skip
    assert from_course.stdout.split() == [str(pack.root), "193"], from_course.stderr
    # The message catalogs travel inside the wheel.
    french = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "from uprkit.i18n import gettext; print(gettext('fr')('Save draft'))"],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert french.stdout.strip() == "Enregistrer le projet", french.stderr
