"""The offline pack: every dependency as a wheel, the kit's folders, scripts that stay offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from uprkit import paths
from uprkit.cli import main
from uprkit.errors import UprkitError, WorkshopError
from uprkit.training.offline_pack import (
    PACK_FOLDERS,
    build_offline_pack,
    copy_kit_folders,
    read_dependencies,
    wheelhouse_key,
    write_hashed_requirements,
    write_install_files,
)
from uprkit.training.pack_manifest import file_hash, verify_manifest

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
        assert (
            "pip install --no-index --find-links wheelhouse --require-hashes -r wheelhouse" in text
        )
    assert os.access(tmp_path / "install.sh", os.X_OK)


def test_the_install_script_says_plainly_when_the_right_python_is_missing(tmp_path):
    write_install_files(tmp_path, "cpython 3.11 on linux-x86_64")
    wanted = f"{sys.version_info.major}.{sys.version_info.minor}"
    fake = tmp_path / "bin"
    fake.mkdir()
    python3 = fake / "python3"  # a Python of another version is all this computer has
    python3.write_text('#!/bin/sh\necho "3.9"\n', encoding="utf-8")
    python3.chmod(0o755)
    (fake / "dirname").symlink_to(shutil.which("dirname"))
    done = subprocess.run(
        ["/bin/sh", str(tmp_path / "install.sh")],
        env={"PATH": str(fake)}, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1
    assert f"This folder needs Python {wanted}, and this computer does not have it." in done.stdout
    assert not (tmp_path / ".venv").exists()
    bat = (tmp_path / "install.bat").read_text(encoding="utf-8")
    assert f"py -{wanted}" in bat and "\r\n" in (tmp_path / "install.bat").read_bytes().decode()


def test_a_pack_never_overwrites_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(WorkshopError, match="already holds files"):
        build_offline_pack(tmp_path, cache_dir=tmp_path / "cache")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_pack_needs_a_destination():
    result = CliRunner().invoke(main, ["pack"])
    assert result.exit_code == 2 and "give --offline DIR, --handouts DIR, or both" in result.output


# nbgrader's delimiters of answers and hidden tests: none may travel in a participants' pack.
ANSWER_MARKERS = (b"BEGIN SOLUTION", b"END SOLUTION", b"BEGIN HIDDEN TESTS", b"END HIDDEN TESTS")


def answers_found(folder: Path) -> list[str]:
    """Every file of ``folder`` (and every file inside its wheels) holding an answer marker.

    Inside the kit's own wheel, Python modules are code (``demo_cohort`` names the delimiters it
    strips), not content, so they are skipped there; everything else is read, and any notebook
    or ``solutions/`` path counts as found. Third-party wheels are PyPI's, byte for byte (nbgrader
    ships its own documentation's example notebooks, with their markers): they are not read.
    """
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes() if path.suffix != ".whl" else b""
        if any(marker in data for marker in ANSWER_MARKERS):
            found.append(str(path.relative_to(folder)))
        if path.suffix == ".whl" and path.name.startswith("uprkit-"):
            with zipfile.ZipFile(path) as wheel:
                for member in wheel.namelist():
                    if member.endswith(".ipynb") or "solutions/" in member:
                        found.append(f"{path.name}:{member}")
                    elif not member.endswith(".py"):
                        content = wheel.read(member)
                        if any(marker in content for marker in ANSWER_MARKERS):
                            found.append(f"{path.name}:{member}")
    return found


def test_the_participants_folders_hold_no_answer_and_the_trainers_do(tmp_path):
    participants, trainer = tmp_path / "participants", tmp_path / "trainer"
    copy_kit_folders(KIT_ROOT, participants, "participants")
    write_install_files(participants, "cpython 3.11 on linux-x86_64", "participants")
    copy_kit_folders(KIT_ROOT, trainer, "trainer")
    assert sorted(p.name for p in participants.iterdir() if p.is_dir()) == sorted(
        PACK_FOLDERS["participants"]
    )
    assert not (participants / "solutions").exists() and not (participants / "grading").exists()
    assert answers_found(participants) == []
    # the scan does find answers where they are: the trainer's pack carries them
    assert any(name.startswith("solutions/") for name in answers_found(trainer))
    assert "PARTICIPANTS' pack" in (participants / "INSTALL.txt").read_text(encoding="utf-8")


def test_trainer_commands_in_a_participants_pack_say_what_is_missing(tmp_path, monkeypatch):
    copy_kit_folders(KIT_ROOT, tmp_path, "participants")
    monkeypatch.setenv("UPRKIT_HOME", str(tmp_path))
    assert paths.kit_root() == tmp_path  # lessons and exercises find the kit's data
    with pytest.raises(UprkitError, match="no solutions/ folder .* trainer's pack"):
        paths.solutions_dir()
    with pytest.raises(UprkitError, match="no grading/ folder"):
        paths.grading_dir()


def test_every_wheel_is_pinned_by_its_sha256(tmp_path):
    wheel = tmp_path / "example_pkg-1.2.0-py3-none-any.whl"
    wheel.write_bytes(b"not really a wheel")
    requirements = write_hashed_requirements(tmp_path)
    assert requirements.read_text(encoding="utf-8") == (
        f"example_pkg==1.2.0 --hash=sha256:{file_hash(wheel)}\n"
    )


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
    pack = build_offline_pack(
        tmp_path / "pack", cache_dir=cache, handouts=False, audience="trainer"
    )
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
        "UPRKIT_NO_OPEN": "1",  # the script would end by opening JupyterLab on the course
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


@pytest.mark.slow
def test_a_participants_pack_has_no_answer_and_refuses_a_changed_wheel(tmp_path):
    cache = Path(os.environ.get("UPRKIT_CACHE", Path.home() / ".cache" / "uprkit")) / "wheelhouses"
    result = CliRunner().invoke(
        main, ["pack", "--offline", str(tmp_path / "pack"), "--no-handouts", "--cache", str(cache)]
    )
    assert result.exit_code == 0, result.output
    pack = tmp_path / "pack"
    assert "The participants' pack" in result.output
    assert not (pack / "solutions").exists() and not (pack / "grading").exists()
    assert answers_found(pack) == []
    assert verify_manifest(pack) == []
    assert CliRunner().invoke(main, ["verify-pack", str(pack)]).exit_code == 0

    # Someone changes one wheel on the stick: the check names it, and pip refuses to install it.
    wheel = next((pack / "wheelhouse").glob("six-*.whl"))
    with wheel.open("ab") as handle:
        handle.write(b"\0")
    checked = CliRunner().invoke(main, ["verify-pack", str(pack)])
    assert checked.exit_code == 1 and f"changed: wheelhouse/{wheel.name}" in checked.output
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "--dry-run", "--no-index", "--find-links", "wheelhouse", "--require-hashes",
         "-r", "wheelhouse/requirements.txt"],
        cwd=pack, capture_output=True, text=True,
    )  # fmt: skip
    assert install.returncode != 0
    assert "DO NOT MATCH THE HASHES" in install.stderr and "six==" in install.stderr
