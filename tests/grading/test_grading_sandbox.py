"""The sandbox a participant's kernel runs in: no gradebook, no hidden tests, no network."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from fixtures.cohort import make_workshop, stage
from fixtures.required import need, need_bwrap
from uprkit.errors import GradingError
from uprkit.grading import sandbox
from uprkit.grading.autograde import autograde, other_workshops_nearby
from uprkit.grading.sandbox import (
    Limits,
    UnsandboxedWarning,
    _debugpy_folder,
    bwrap_works,
    private_places,
    require_bwrap,
    sandbox_prefix,
)
from uprkit.workshop.collect import collect_submissions


@pytest.fixture
def bwrap():
    """The tests below run real sandboxes: bubblewrap must work (a failure in CI if not)."""
    need_bwrap()


PROBE = r"""
import os, socket, sys
hidden, own = sys.argv[1], sys.argv[2]
print("hidden:", sorted(os.listdir(hidden)))
open(os.path.join(own, "ok.txt"), "w").write("mine")
for target in ("/owned-by-sandbox.txt", os.path.join(hidden, "x.db")):
    try:
        open(target, "w").write("x")
        print("WROTE", target)
    except OSError as exc:
        print("refused", type(exc).__name__)
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    print("NETWORK")
except OSError:
    print("no network")
print("uid", os.getuid())
"""


@pytest.mark.usefixtures("bwrap")
def test_a_sandboxed_program_sees_no_workshop_and_writes_only_its_folder(tmp_path):
    workshop = tmp_path / "workshop"
    (workshop / "course").mkdir(parents=True)
    (workshop / "course" / "gradebook.db").write_bytes(b"SQLite format 3\x00")
    own = workshop / "course" / "autograded" / "p01" / "mini"
    own.mkdir(parents=True)
    prefix = sandbox_prefix(writable=[own], hidden=[workshop], limits=Limits())
    command = [*prefix, sys.executable, "-c", PROBE, str(workshop / "course"), str(own)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "hidden: ['autograded']" in out, "only the path to its own folder exists inside"
    assert "WROTE /owned-by-sandbox.txt" not in out and out.count("refused") >= 1
    # whatever it writes where the workshop was lands in a throwaway tmpfs, not the real folder
    assert not (workshop / "course" / "x.db").exists()
    assert "no network" in out and "uid 65534" in out
    assert (own / "ok.txt").read_text() == "mine"
    assert (workshop / "course" / "gradebook.db").read_bytes() == b"SQLite format 3\x00"


@pytest.mark.usefixtures("bwrap")
def test_a_kit_cloned_under_tmp_stays_visible_but_its_solutions_do_not(tmp_path, monkeypatch):
    """A clone in /tmp (as CI may make) must not vanish under the sandbox's private /tmp, and
    re-showing it must not re-show the hidden tests or the workshop inside it."""

    kit = tmp_path / "clone"
    for folder in ("datasets", "grading", "solutions/mini", "course"):
        (kit / folder).mkdir(parents=True)
    (kit / "datasets" / "states.csv").write_text("iso3\nKEN\n", encoding="utf-8")
    (kit / "solutions" / "mini" / "hidden.txt").write_text("secret", encoding="utf-8")
    own = kit / "demo-workshop" / "course" / "autograded" / "p01" / "mini"
    own.mkdir(parents=True)
    (kit / "demo-workshop" / "course" / "gradebook.db").write_bytes(b"SQLite")
    monkeypatch.setenv("UPRKIT_HOME", str(kit))
    sandbox.needed_by_kernels.cache_clear()
    sandbox.covered_places.cache_clear()
    try:
        prefix = sandbox_prefix(
            writable=[own], hidden=[kit / "demo-workshop", kit / "solutions"], limits=Limits()
        )
    finally:
        sandbox.needed_by_kernels.cache_clear()
        sandbox.covered_places.cache_clear()
    probe = (
        "import os, sys; k = sys.argv[1]; print(open(k + '/datasets/states.csv').read()); "
        "print('solutions:', os.listdir(k + '/solutions')); "
        "print('course:', os.listdir(k + '/demo-workshop/course'))"
    )
    done = subprocess.run(
        [*prefix, sys.executable, "-c", probe, str(kit)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "KEN" in done.stdout, "the kit's data is readable inside"
    assert "solutions: []" in done.stdout, "the hidden tests stay covered"
    assert "course: ['autograded']" in done.stdout, "the gradebook stays covered"


@pytest.mark.usefixtures("bwrap")
def test_the_trainers_own_files_are_out_of_sight(tmp_path):
    """A kernel has the trainer's file rights, and what it prints can come back to the
    participant in feedback: the trainer's home folder (keys, rosters, other cohorts) must not
    be readable, while Python and the kit (which may live in that home) still work."""

    home = Path.home()
    try:
        secret = home / f".uprkit-sandbox-probe-{tmp_path.name}"
        secret.write_text("trainer's private key", encoding="utf-8")
    except OSError:
        need(False, f"cannot write a probe file in the home folder {home}")
    try:
        prefix = sandbox_prefix(writable=[tmp_path], hidden=[], limits=Limits())
        probe = (
            "import os, sys, uprkit.recommendations\n"
            "for place in sys.argv[1:2]:\n"
            "    try:\n"
            "        print('READ', open(place).read())\n"
            "    except OSError as exc:\n"
            "        print('unreadable', type(exc).__name__)\n"
            "home = sys.argv[2]\n"
            "print('home has', os.listdir(home) if os.path.isdir(home) else '-')"
        )
        done = subprocess.run(
            [*prefix, sys.executable, "-c", probe, str(secret), str(home)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        secret.unlink()
    assert done.returncode == 0, done.stderr  # Python, the venv and uprkit still import
    assert "READ" not in done.stdout and "unreadable" in done.stdout, done.stdout
    assert secret.name not in done.stdout  # not even listed in the home folder


def test_private_places_cover_homes_and_session_sockets():
    places = private_places()
    for name in ("/tmp", "/home", "/root", "/run"):
        if Path(name).is_dir() and not Path(name).is_symlink():
            assert any(
                p == Path(name).resolve() or p in Path(name).resolve().parents for p in places
            ), name
    assert any(p == Path.home().resolve() or p in Path.home().resolve().parents for p in places)


@pytest.mark.usefixtures("bwrap")
def test_a_hidden_folder_outside_tmp_is_covered_by_tmpfs():
    prefix = sandbox_prefix(writable=[], hidden=["/opt/workshop"], limits=Limits())
    assert prefix[prefix.index("/opt/workshop") - 1] == "--tmpfs"
    for flag in ("--unshare-net", "--unshare-pid", "--die-with-parent", "--ro-bind"):
        assert flag in prefix
    assert prefix[-6:-1] == Limits().prlimit_args()[:5]


def test_limits_become_prlimit_arguments():
    args = Limits(memory_bytes=10, cpu_seconds=2, file_size_bytes=3, processes=4).prlimit_args()
    assert args == ["prlimit", "--as=10", "--cpu=2", "--fsize=3", "--nproc=4", "--"]


def test_without_bubblewrap_grading_refuses_and_says_how_to_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no bwrap on it
    bwrap_works.cache_clear()
    try:
        with pytest.raises(GradingError, match="apt-get install bubblewrap.*--no-sandbox"):
            require_bwrap()
    finally:
        monkeypatch.undo()
        bwrap_works.cache_clear()


def test_the_unsandboxed_fallback_is_loud():
    with pytest.warns(UnsandboxedWarning, match="WITHOUT a sandbox"):
        prefix = sandbox_prefix(writable=[], hidden=[], limits=Limits(), sandbox=False)
    assert prefix[0] == "prlimit"


def test_autograde_without_sandbox_warns_in_the_calling_process(tmp_path):
    """The warning must reach the trainer, not only the worker processes' stderr."""

    ws = make_workshop(tmp_path / "ws")
    collect_submissions(ws, "mini", stage(tmp_path / "in", {"p01.ipynb": "correct"}))
    with pytest.warns(UnsandboxedWarning, match="WITHOUT a sandbox"):
        run = autograde(ws, "mini", sandbox=False, workers=1, timeout=10)
    assert run.results[0].score == 3.0


test_autograde_without_sandbox_warns_in_the_calling_process = pytest.mark.slow(
    test_autograde_without_sandbox_warns_in_the_calling_process
)


@pytest.mark.usefixtures("bwrap")
def test_other_cohorts_workshops_beside_it_are_hidden_too(tmp_path):
    """A participant's code must not read another cohort's roster kept next to this workshop."""

    # outside /tmp (the sandbox's /tmp is private anyway): in the kit's ignored test-artifacts/
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    place = Path(tempfile.mkdtemp(prefix="cohorts-", dir=artifacts))
    try:
        _grade_beside_another_cohort(place, tmp_path)
    finally:
        shutil.rmtree(place, ignore_errors=True)


def _grade_beside_another_cohort(place, tmp_path):
    earlier = make_workshop(place / "cohort-2025", release=False)
    ws = make_workshop(place / "cohort-2026")
    assert other_workshops_nearby(ws) == [earlier.root.resolve()]
    incoming = stage(tmp_path / "incoming", {"p01.ipynb": "correct"})
    nb = nbformat.read(incoming / "p01.ipynb", as_version=4)
    snoop = (
        f"import os\nassert not os.path.exists({str(earlier.root / 'roster.csv')!r}), "
        "'another cohort is readable'\n"
    )
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "share":
            cell.source = snoop + cell.source  # fails the answer (and its test) if it can look
    nbformat.write(nb, incoming / "p01.ipynb")
    collect_submissions(ws, "mini", incoming)
    run = autograde(ws, "mini", workers=1, timeout=20)
    assert run.by_participant()["p01"].score == 3.0, run.by_participant()["p01"]


@pytest.mark.usefixtures("bwrap")
def test_kernels_start_without_the_debugger(tmp_path):
    """debugpy is hidden in the sandbox (ipykernel then starts ~85 ms sooner, debugger off)."""

    # ipykernel depends on debugpy, so a kit installed as documented always has it
    need(_debugpy_folder() is not None, "debugpy is not installed here: nothing to hide")
    prefix = sandbox_prefix(writable=[tmp_path], hidden=[], limits=Limits())
    probe = (
        "from ipykernel.debugger import _is_debugpy_available as on; print('debugger', on)\n"
        "try:\n    import debugpy.server\nexcept ImportError:\n    print('no debugpy')"
    )
    done = subprocess.run(
        [*prefix, sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["debugger", "False", "no", "debugpy"]
