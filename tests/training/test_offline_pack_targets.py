"""The offline pack for every laptop: built once per session for six targets, resolved per target,
installed into fresh venvs of Python 3.11, 3.12 and 3.13 where this machine has them.

One narrowed pack (Windows and Linux x86_64, Python 3.11-3.13) is built once per session with
``uprkit pack --platform ... --python ...``: it downloads ~300 MB the first time (cached
afterwards, ~1.5 min on the development machine) and serves every test here. The full pack, for all
fifteen targets, is built by ``benchmarks/offline_pack.py``, not by the tests.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_offline_pack import answers_found  # tests/training is on sys.path (rootdir)

from uprkit.cli import main
from uprkit.training.offline_pack import build_offline_pack
from uprkit.training.pack_manifest import verify_manifest
from uprkit.training.pack_wheels import TargetResult, resolve_target, targets_report
from uprkit.training.wheel_targets import PYTHONS, Target, select_targets

KIT_ROOT = Path(__file__).resolve().parents[2]
PLATFORMS = ["linux_x86_64", "win_amd64"]
TARGETS = select_targets(PLATFORMS, list(PYTHONS))

pytestmark = pytest.mark.slow


def _cache() -> Path:
    base = Path(os.environ.get("UPRKIT_CACHE", Path.home() / ".cache" / "uprkit"))
    return base / "wheelhouses"


@pytest.fixture(scope="session")
def narrow_pack(tmp_path_factory) -> Path:
    """The participants' pack for Windows and Linux x86_64 with Python 3.11, 3.12 and 3.13."""
    pack = tmp_path_factory.mktemp("offline") / "pack"
    options = [f"--platform={p}" for p in PLATFORMS] + [f"--python={v}" for v in PYTHONS]
    result = CliRunner().invoke(
        main,
        ["pack", "--offline", str(pack), "--no-handouts", "--cache", str(_cache()), *options],
    )
    assert result.exit_code == 0, result.output
    assert "The participants' pack" in result.output
    for target in TARGETS:
        assert f"  {target.label}: yes" in result.output
    return pack


def _hardlinked_copy(pack: Path, dest: Path) -> Path:
    """A copy of the pack that costs no disk (files are never changed in place here)."""
    shutil.copytree(pack, dest, copy_function=os.link)
    return dest


def test_the_pack_lists_every_target_it_was_checked_for(narrow_pack):
    listed = (narrow_pack / "targets.txt").read_text(encoding="utf-8")
    for target in TARGETS:
        assert f"yes  {target.key:22} {target.label}\n" in listed
    assert "NO " not in listed
    assert "macos" not in listed  # narrowed: nothing for a Mac
    install = (narrow_pack / "INSTALL.txt").read_text(encoding="utf-8")
    assert "built for Python 3.11, 3.12 or 3.13 on:" in install and listed in install
    bat = (narrow_pack / "install.bat").read_text(encoding="utf-8")
    assert bat.index("py -3.13") < bat.index("py -3.12") < bat.index("py -3.11")


def test_pure_wheels_are_stored_once_and_binary_ones_per_target(narrow_pack):
    wheels = sorted(p.name for p in (narrow_pack / "wheelhouse").glob("*.whl"))
    assert len([w for w in wheels if w.startswith("jinja2-")]) == 1
    numpy = [w for w in wheels if w.startswith("numpy-")]
    tags = sorted(w.split("-")[2] + "-" + w.split("-")[4].split(".")[0] for w in numpy)
    assert tags == sorted(
        f"cp{v.replace('.', '')}-{p}"
        for v in PYTHONS
        for p in ("manylinux_2_27_x86_64", "win_amd64")
    ), numpy
    assert not [w for w in wheels if "macosx" in w or "aarch64" in w]
    # the versions tested in this environment, where they install (pandas on every target)
    assert len([w for w in wheels if w.startswith(f"pandas-{version('pandas')}-")]) == 6


@pytest.mark.parametrize("target", [Target("win_amd64", "3.12"), Target("linux_x86_64", "3.13")])
def test_the_hashed_requirements_resolve_from_the_pack_alone(narrow_pack, target):
    """pip, offline, with the target's markers: Windows gets pywinpty and colorama, Linux not."""
    requirements = ["--require-hashes", "-r", str(narrow_pack / "wheelhouse" / "requirements.txt")]
    wheels, problem = resolve_target(target, [narrow_pack / "wheelhouse"], requirements)
    assert problem is None
    names = {w.name for w in wheels}
    assert {"uprkit", "pandas", "numpy", "pyzmq", "matplotlib", "nbgrader"} <= names
    windows = target.platform == "win_amd64"
    assert ({"pywinpty", "colorama"} <= names) is windows
    tag = "win_amd64" if windows else "manylinux"
    nodot = target.python.replace(".", "")
    numpy = next(w.path.name for w in wheels if w.name == "numpy")
    assert f"-cp{nodot}-" in numpy and tag in numpy


def test_a_target_without_some_wheel_is_named_with_the_package(narrow_pack, tmp_path):
    """The pack lists the target as NO with the package missing, instead of failing."""
    folder = _hardlinked_copy(narrow_pack / "wheelhouse", tmp_path / "wheelhouse")
    # as if numpy published no Windows wheel for Python 3.12 (pyzmq's one abi3 wheel serves
    # 3.12 and 3.13 alike; numpy has one per Python)
    next(folder.glob("numpy-*-cp312-cp312-win_amd64.whl")).unlink()
    target = Target("win_amd64", "3.12")
    wheels, problem = resolve_target(target, [folder], ["uprkit"])
    assert wheels == []
    assert problem == "no wheel of numpy for Windows 64-bit (x86_64), Python 3.12"
    other, other_problem = resolve_target(Target("win_amd64", "3.13"), [folder], ["uprkit"])
    assert other_problem is None and other
    listed = targets_report(
        [
            TargetResult(Target("win_amd64", "3.13"), wheels=other),
            TargetResult(target, [], [], problem),
        ],
        [],
    )
    assert listed.splitlines()[3:] == [
        f"yes  {'win_amd64-cp313':22} {Target('win_amd64', '3.13').label}",
        f"NO   {'win_amd64-cp312':22} {target.label}",
        f"     {'':22} no wheel of numpy for Windows 64-bit (x86_64), Python 3.12",
    ]


def test_narrowing_to_an_unknown_platform_is_refused_before_any_download(tmp_path):
    result = CliRunner().invoke(main, ["pack", "--offline", str(tmp_path), "--platform", "win32"])
    assert result.exit_code == 2 and "'win32' is not one of 'win_amd64'" in result.output


def find_python(wanted: str) -> str | None:
    """A CPython ``wanted`` (x.y) on this machine: on PATH, or under pyenv even when its shim
    is not active (``pyenv global`` names one version; the others are still installed)."""
    candidates = [shutil.which(f"python{wanted}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(
        glob.glob(str(pyenv / "versions" / f"{wanted}.*" / "bin" / f"python{wanted}"))
    )
    candidates += [f"/usr/bin/python{wanted}", f"/usr/local/bin/python{wanted}"]
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    for candidate in filter(None, candidates):
        done = subprocess.run([candidate, "-c", probe], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip() == wanted:
            return candidate
    return None


def _without_network(command: list[str]) -> list[str]:
    """Run ``command`` in a network namespace with no network, when bubblewrap is here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return command
    probe = subprocess.run([bwrap, "--dev-bind", "/", "/", "--unshare-net", "true"], check=False)
    if probe.returncode != 0:
        return command
    return [bwrap, "--dev-bind", "/", "/", "--unshare-net", "--die-with-parent", *command]


# Runs in the pack's venv: one lesson, one assignment's solution (its checks pass) and the same
# assignment as participants get it (its checks say what is missing), each on a fresh kernel.
DRIVER = r"""
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

def run(path, allow_errors=False):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys, uprkit; print('%d.%d' % sys.version_info[:2], uprkit.__file__)"))
    NotebookClient(nb, kernel_name="python3", timeout=300, allow_errors=allow_errors,
                   shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    errors = [(o["ename"], o["evalue"]) for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    return {"kernel": nb.cells[-1].outputs[0]["text"].split(), "errors": errors}

lesson, solution, exercise = sys.argv[1:4]
print(json.dumps({"lesson": run(lesson), "solution": run(solution),
                  "exercise": run(exercise, allow_errors=True)}))
"""


@pytest.mark.parametrize("wanted", PYTHONS)
def test_the_participants_pack_installs_offline_and_runs_on_python(narrow_pack, tmp_path, wanted):
    python = find_python(wanted)
    if python is None:
        pytest.skip(f"no Python {wanted} on this machine (looked on PATH and under ~/.pyenv)")
    pack = _hardlinked_copy(narrow_pack, tmp_path / "pack")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),  # no user kernels or pip configuration of this machine
        "PYTHON": python,
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_COMPILE": "1",  # byte-compiling 150 packages only costs test time
        "PIP_INDEX_URL": "http://127.0.0.1:9/nothing-here",  # if pip tried the network, it fails
        "UPRKIT_NO_OPEN": "1",  # the script would end by opening JupyterLab on the course
    }
    done = subprocess.run(
        _without_network(["sh", str(pack / "install.sh")]),
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Installed. Start the course with" in done.stdout
    venv_python = pack / ".venv" / "bin" / "python"
    exercise = "exercises/knowledge_check_pre/knowledge_check_pre.ipynb"
    solution = tmp_path / "solution" / "knowledge_check_pre.ipynb"  # the trainer's, not the pack's
    solution.parent.mkdir()
    shutil.copy2(KIT_ROOT / "solutions" / "knowledge_check_pre" / solution.name, solution)
    ran = subprocess.run(
        _without_network([str(venv_python), "-c", DRIVER,
                          str(pack / "course" / "01-un-human-rights-system.ipynb"),
                          str(solution), str(pack / exercise)]),
        env={**env, "PATH": f"{pack / '.venv' / 'bin'}:/usr/bin:/bin"},
        cwd=pack, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    result = json.loads(ran.stdout.splitlines()[-1])
    installed = str(pack / ".venv" / "lib" / f"python{wanted}" / "site-packages" / "uprkit")
    for name in ("lesson", "solution", "exercise"):
        # each kernel ran on the wanted Python with the kit installed from the pack
        assert result[name]["kernel"] == [wanted, f"{installed}/__init__.py"], result[name]
    assert result["lesson"]["errors"] == [] and result["solution"]["errors"] == []
    failed = result["exercise"]["errors"]
    assert failed and all(name == "AnswerCheckFailed" for name, _ in failed), failed
    assert "`answer_01` is still `...`: replace the ... with your answer" in failed[0][1]


def test_a_participants_pack_has_no_answer_and_refuses_a_changed_wheel(narrow_pack, tmp_path):
    pack = _hardlinked_copy(narrow_pack, tmp_path / "pack")
    assert not (pack / "solutions").exists() and not (pack / "grading").exists()
    assert answers_found(pack) == []
    assert verify_manifest(pack) == []
    assert CliRunner().invoke(main, ["verify-pack", str(pack)]).exit_code == 0

    # Someone changes one wheel on the stick: the check names it, and pip refuses to install it.
    wheel = next((pack / "wheelhouse").glob("six-*.whl"))
    changed = wheel.read_bytes() + b"\0"
    wheel.unlink()  # a new file: the session's pack, hard-linked, stays intact
    wheel.write_bytes(changed)
    checked = CliRunner().invoke(main, ["verify-pack", str(pack)])
    assert checked.exit_code == 1 and f"changed: wheelhouse/{wheel.name}" in checked.output
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "--dry-run", "--no-index", "--find-links", "wheelhouse", "--require-hashes",
         "-r", "wheelhouse/requirements.txt"],
        cwd=pack, capture_output=True, text=True,
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
    )  # fmt: skip
    assert install.returncode != 0
    assert "DO NOT MATCH THE HASHES" in install.stderr and "six==" in install.stderr


def test_the_trainers_pack_carries_the_answers_and_installs_the_tested_versions(tmp_path):
    # One target only: its wheels are in the session's download cache already.
    build = KIT_ROOT / "build"  # another checkout's `pip install .` may have made one: unchanged
    before = build.stat().st_mtime_ns if build.exists() else None
    pack = build_offline_pack(
        tmp_path / "pack", cache_dir=_cache(), handouts=False, audience="trainer",
        platforms=["linux_x86_64"], pythons=[f"{sys.version_info.major}.{sys.version_info.minor}"],
    )  # fmt: skip
    assert [r.problem for r in pack.targets] == [None]
    assert any(w.startswith("uprkit-") for w in pack.wheels)
    for name in ("pandas", "nbgrader", "jupyterlab"):
        assert any(w.startswith(f"{name}-{version(name)}-") for w in pack.wheels), name
    for folder in ("course", "datasets", "solutions", "grading"):
        assert (pack.root / folder).is_dir(), folder
    assert not list(pack.root.rglob("gradebook.db"))
    after = build.stat().st_mtime_ns if build.exists() else None
    assert after == before, "the kit wheel must be built from a copy"
    assert "TRAINER'S pack" in (pack.root / "INSTALL.txt").read_text(encoding="utf-8")
    assert verify_manifest(pack.root) == []
