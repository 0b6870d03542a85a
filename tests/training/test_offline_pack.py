"""The offline pack: every dependency as a wheel, the kit's folders, scripts that stay offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from uprkit import paths
from uprkit.cli import main
from uprkit.errors import UprkitError, WorkshopError
from uprkit.i18n import gettext
from uprkit.training.offline_pack import (
    PACK_FOLDERS,
    build_offline_pack,
    copy_kit_folders,
    read_dependencies,
    wheelhouse_key,
    write_install_files,
)
from uprkit.training.pack_manifest import file_hash
from uprkit.training.pack_wheels import Resolved, write_hashed_requirements
from uprkit.training.pack_words import MESSAGES
from uprkit.training.wheel_targets import Target, select_targets

KIT_ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_cache_key_follows_the_dependency_list():
    deps = read_dependencies(KIT_ROOT)
    assert "pandas>=2.2" in deps
    assert wheelhouse_key(deps) == wheelhouse_key(list(reversed(deps)))
    assert wheelhouse_key(deps) != wheelhouse_key(deps + ["rich"])


TWO_TARGETS = select_targets(["win_amd64", "linux_x86_64"], ["3.11", "3.13"])


def test_install_files_only_ever_install_from_the_wheelhouse(tmp_path):
    write_install_files(tmp_path, TWO_TARGETS, targets_text="yes  win_amd64-cp311  ...\n")
    install_txt = (tmp_path / "INSTALL.txt").read_text(encoding="utf-8")
    assert "built for Python 3.11 or 3.13 on:" in install_txt
    assert "  - Windows 64-bit (x86_64)\n" in install_txt
    assert "yes  win_amd64-cp311  ...\n" in install_txt  # targets.txt copied at the end
    for script in ("install.sh", "install.bat"):
        text = (tmp_path / script).read_text(encoding="utf-8")
        assert (
            "pip install --no-index --find-links wheelhouse --require-hashes -r wheelhouse" in text
        )
        assert "targets.txt lists the computers and Pythons it serves" in text
    assert os.access(tmp_path / "install.sh", os.X_OK)


def test_the_install_script_says_plainly_when_no_suitable_python_is_there(tmp_path):
    write_install_files(tmp_path, TWO_TARGETS)
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
    assert "This folder needs Python 3.11 or 3.13, and this computer does not have it." in (
        done.stdout
    )
    assert "Install Python 3.13 (from python.org" in done.stdout
    assert not (tmp_path / ".venv").exists()
    bat = (tmp_path / "install.bat").read_text(encoding="utf-8")
    # the py launcher is asked for the newest Python first
    assert bat.index("py -3.13 -c") < bat.index("py -3.11 -c") and "py -3.12" not in bat
    assert "'%%d.%%d' %% sys.version_info[:2] not in '3.13 3.11'.split()" in bat
    assert "\r\n" in (tmp_path / "install.bat").read_bytes().decode()


def test_the_install_script_takes_the_newest_python_the_pack_serves(tmp_path):
    write_install_files(tmp_path, TWO_TARGETS)
    fake = tmp_path / "bin"
    fake.mkdir()
    for name, version in (("python3.11", "3.11"), ("python3.13", "3.13"), ("python3", "3.9")):
        # each fake Python says its version, and when asked to make a venv says which it is
        script = f'#!/bin/sh\n[ "$1" = "-m" ] && {{ echo "venv by {name}"; exit 7; }}\n'
        (fake / name).write_text(script + f'echo "{version}"\n', encoding="utf-8")
        (fake / name).chmod(0o755)
    (fake / "dirname").symlink_to(shutil.which("dirname"))
    done = subprocess.run(
        ["/bin/sh", str(tmp_path / "install.sh")],
        env={"PATH": str(fake)}, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 7 and done.stdout.strip() == "venv by python3.13", done.stdout


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
    write_install_files(participants, TWO_TARGETS, "participants")
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


def test_every_wheel_is_pinned_by_the_sha256_of_each_platforms_file(tmp_path):
    def wheel(name: str, content: bytes) -> Resolved:
        (tmp_path / name).write_bytes(content)
        project, version = name.split("-")[:2]
        return Resolved(project.replace("_", "-"), version, tmp_path / name)

    pure = wheel("example_pkg-1.2.0-py3-none-any.whl", b"pure")
    win311 = wheel("numpy-2.4.6-cp311-cp311-win_amd64.whl", b"w11")
    lin311 = wheel("numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.whl", b"l11")
    win313 = wheel("numpy-2.4.6-cp313-cp313-win_amd64.whl", b"w13")
    lin313 = wheel("numpy-2.4.6-cp313-cp313-manylinux_2_27_x86_64.whl", b"l13")
    old = wheel("soupsieve-2.10-py3-none-any.whl", b"old")
    new = wheel("soupsieve-4.1.3-py3-none-any.whl", b"new")
    winpty = wheel("pywinpty-3.1.2-cp311-cp311-win_amd64.whl", b"pty11")
    winpty13 = wheel("pywinpty-3.1.2-cp313-cp313-win_amd64.whl", b"pty13")
    win, lin = Target("win_amd64", "3.11"), Target("linux_x86_64", "3.11")
    win13, lin13 = Target("win_amd64", "3.13"), Target("linux_x86_64", "3.13")
    chosen = {
        win: [pure, win311, old, winpty],
        lin: [pure, lin311, old],
        win13: [pure, win313, new, winpty13],
        lin13: [pure, lin313, new],
    }
    text = write_hashed_requirements(chosen, tmp_path).read_text(encoding="utf-8")
    entries = {line.split(" \\")[0]: line for line in text.split("\n") if line[:1].isalpha()}

    def hashes(*files: Resolved) -> list[str]:
        return sorted(f"--hash=sha256:{file_hash(f.path)}" for f in files)

    # one hash per file: a pure wheel once, numpy's four platform/Python files all under one line
    assert f"example-pkg==1.2.0 \\\n    {hashes(pure)[0]}" in text
    assert text.count("numpy==2.4.6") == 1
    assert " \\\n    ".join(["numpy==2.4.6", *hashes(win311, lin311, win313, lin313)]) in text
    # a version for some targets only carries a marker true on exactly those
    assert 'soupsieve==2.10 ; python_version == "3.11"' in entries
    assert 'soupsieve==4.1.3 ; python_version == "3.13"' in entries
    windows_only = 'pywinpty==3.1.2 ; (sys_platform == "win32" and platform_machine == "AMD64")'
    assert windows_only in entries
    assert " \\\n    ".join([windows_only, *hashes(winpty, winpty13)]) in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Ce dossier a besoin de Python 3.11 ou 3.13, et cet ordinateur ne l’a pas."),
        ("ar", "يحتاج هذا المجلد إلى بايثون 3.11 أو 3.13، وهذا الحاسوب لا يحتوي عليه."),
    ],
)
def test_the_install_scripts_speak_the_workshops_language(tmp_path, language, expected):
    write_install_files(tmp_path, TWO_TARGETS, language=language)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python3").write_text('#!/bin/sh\necho "3.9"\n', encoding="utf-8")
    (fake / "python3").chmod(0o755)
    (fake / "dirname").symlink_to(shutil.which("dirname"))
    done = subprocess.run(
        ["/bin/sh", str(tmp_path / "install.sh")],
        env={"PATH": str(fake), "LANG": "C.UTF-8"}, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and done.stdout.splitlines()[0] == expected, done.stdout
    assert "python.org" in done.stdout.splitlines()[1]
    bat = (tmp_path / "install.bat").read_text(encoding="utf-8")
    assert "chcp 65001 >nul" in bat  # cmd.exe shows UTF-8 letters only after this
    # every ( and ) of a message is escaped: inside an "if (...)" block they would end it
    messages = [line for line in bat.splitlines() if line.lstrip().startswith("echo ")]
    assert messages and all("(" not in m.replace("^(", "") for m in messages), messages
    summary = (tmp_path / "INSTALL.txt").read_text(encoding="utf-8").splitlines()[3]
    assert summary == gettext(language)(MESSAGES["summary"]) != MESSAGES["summary"]
    assert "install.bat" in summary and "sh install.sh" in summary
