"""Run a participant's kernel inside bubblewrap, with resource limits.

Participants' code is untrusted: a submission once overwrote every ``*.db`` it could reach and
destroyed a plain nbgrader gradebook (engineering notes). Each kernel therefore runs in its own
sandbox: read-only root, no network, its own pid namespace and an unprivileged user, and an
environment by allow-list (``--clearenv`` + :func:`kernel_environment`). It works in WORK_DIR, a
folder of its own sized /tmp, filled from a read-only copy of the notebooks as submitted and the
support files: the hidden tests never lie in a file it can read, and nothing it writes is read
back by the grader. Covered by empty, read-only tmpfs mounts: the workshop folder (gradebook,
roster, other participants), other cohorts' workshops, the kit's folder and the folder it sits in
(``.git``, ``solutions/``, ``tests/``, other projects), and the places where people keep their
own files (home folders, /root, /mnt, /media, /srv, /run with its session sockets): a kernel runs
with the trainer's file rights, and whatever it reads can end up in the feedback returned to the
participant. Only the Python environment, the kit's library (``src/``) and ``datasets/`` are
shown back, read-only. Every tmpfs has a size; caps for the whole process tree are
``uprkit.grading.caps``.

The kernel talks to the grader over Unix sockets (ZeroMQ ``ipc`` transport) in a folder bound
into the sandbox: TCP on loopback cannot cross the network namespace.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import List, Unicode

import uprkit
from uprkit import paths
from uprkit.errors import GradingError, UprkitError
from uprkit.paths import kit_root

__all__ = [
    "Limits",
    "SandboxedKernelManager",
    "UnsandboxedWarning",
    "bwrap_works",
    "covered_places",
    "kernel_environment",
    "require_bwrap",
    "sandbox_prefix",
]


class UnsandboxedWarning(UserWarning):
    """Participants' code is about to run without bubblewrap isolation."""


@dataclass(frozen=True)
class Limits:
    """Per-kernel limits (prlimit). Generous for real lesson code, fatal for runaway code."""

    memory_bytes: int = 3 * 1024**3  # address space; numpy/pandas need ~1 GiB of it
    cpu_seconds: int = 600
    file_size_bytes: int = 200 * 1024**2
    processes: int = 512
    tmp_bytes: int = 256 * 1024**2  # the sandbox's /tmp (a tmpfs, RAM): its working folder
    shm_bytes: int = 64 * 1024**2  # the sandbox's /dev/shm (a tmpfs, RAM)

    def prlimit_args(self) -> list[str]:
        return [
            "prlimit",
            f"--as={self.memory_bytes}",
            f"--cpu={self.cpu_seconds}",
            f"--fsize={self.file_size_bytes}",
            f"--nproc={self.processes}",
            "--",
        ]


@functools.cache
def bwrap_works() -> str | None:
    """Path of a working ``bwrap`` (tried once), or None."""
    path = shutil.which("bwrap")
    if path is None:
        return None
    # each bwrap option stays beside its values
    # fmt: off
    probe = [path, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
             "--unshare-net", "--unshare-pid", "--unshare-user", "--die-with-parent", "true"]
    # fmt: on
    try:
        done = subprocess.run(probe, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if done.returncode == 0 else None


def _inside(path: Path, others: Sequence[Path]) -> bool:
    return any(path == other or other in path.parents for other in others)


def kernel_environment(*, sandboxed: bool = True) -> dict[str, str]:
    """The kernel's whole environment, by allow-list: nothing else of the trainer's (tokens,
    keys, proxies) reaches a participant's code. Paths point inside the sandbox's own /tmp."""
    bin_dir = str(Path(sys.executable).parent)
    env = {
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "LANG": _locale(os.environ.get("LANG")),
        "LC_ALL": _locale(os.environ.get("LC_ALL") or os.environ.get("LANG")),
        "HOME": "/tmp",
        "IPYTHONDIR": "/tmp/.ipython",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
        "JUPYTER_CONFIG_DIR": "/tmp/.jupyter",
        "JUPYTER_DATA_DIR": "/tmp/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": "/tmp/.jupyter/runtime",
        "JUPYTER_PLATFORM_DIRS": "1",
        "NBGRADER_EXECUTION": "autograde",
        "OPENBLAS_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if os.environ.get("TZ"):
        env["TZ"] = os.environ["TZ"]
    if not sandboxed:  # the loud fallback runs in the trainer's own folders
        env.update(HOME=os.environ.get("HOME", "/tmp"))
        for name in ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR"):
            env.pop(name)
        env["JUPYTER_RUNTIME_DIR"] = tempfile.gettempdir()
    return env


def _locale(value: str | None) -> str:
    """The trainer's UTF-8 locale when it is one (a name, never a secret), else C.UTF-8."""
    if value and value.replace("_", "").replace("-", "").replace(".", "").isalnum():
        if value.lower().endswith(("utf-8", "utf8")):
            return value
    return "C.UTF-8"


# Where the kernel runs inside the sandbox: a folder of its own sized /tmp, filled from a
# read-only copy of the participant's files (INPUTS) just before the kernel starts.
WORK_DIR = "/tmp/submission"
INPUTS = "/tmp/.submitted"


def sandbox_prefix(
    *,
    writable: Sequence[Path],
    hidden: Sequence[Path],
    limits: Limits,
    sandbox: bool = True,
    inputs: Path | None = None,
    env: dict[str, str] | None = None,
) -> list[str]:
    """The command prefix that runs a program in the sandbox (or only under prlimit).

    ``inputs``: a folder (the grader's, never the kernel's) whose files are copied into the
    program's working folder, WORK_DIR, a folder of its own sized /tmp. ``env``: the program's
    whole environment (default :func:`kernel_environment`). ``sandbox=False`` is the explicit,
    loud fallback for machines without bubblewrap.
    """
    if not sandbox:
        warnings.warn(
            "running participants' code WITHOUT a sandbox (bubblewrap disabled): their code can "
            "read hidden tests and overwrite the gradebook; use this only on a throwaway copy",
            UnsandboxedWarning,
            stacklevel=2,
        )
        return limits.prlimit_args()
    bwrap = require_bwrap()
    # each bwrap option stays beside its values
    # fmt: off
    command = [
        bwrap, "--ro-bind", "/", "/", "--proc", "/proc",
        "--dev", "/dev", "--size", str(limits.shm_bytes), "--tmpfs", "/dev/shm",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent",
        "--new-session", "--clearenv",
        # a private /tmp of a fixed size: the only place the kernel writes (with its sockets)
        "--size", str(limits.tmp_bytes), "--tmpfs", "/tmp",
    ]
    # fmt: on
    for name, value in sorted((env if env is not None else kernel_environment()).items()):
        command += ["--setenv", name, value]
    # People's own files and the kit's folders out of sight: an empty, read-only tmpfs each.
    covered = covered_places()
    read_only = ["/dev"]
    for path in covered:
        if path != Path("/tmp"):
            command += ["--perms", "0555", "--size", str(COVER_BYTES), "--tmpfs", str(path)]
            read_only.append(str(path))
    # What kernels need inside them (Python, the venv, the library, its data): read-only.
    revealed = needed_by_kernels()
    for path in revealed:
        command += ["--ro-bind", str(path), str(path)]
    # The kit's marker folders (uprkit.paths.kit_root finds the kit by them), empty.
    for path in _kit_markers():
        if _inside(path, covered) and not _inside(path, revealed):
            command += ["--dir", str(path)]
    # Hide the workshop (gradebook, hidden tests, other participants) and the kit's solutions/
    # behind empty tmpfs mounts; then bind back only this submission's own folders.
    for path in sorted({Path(p).resolve() for p in hidden}):
        if not _inside(path, covered) or _inside(path, revealed):
            command += ["--perms", "0555", "--size", str(COVER_BYTES), "--tmpfs", str(path)]
            read_only.append(str(path))
    # Graders never debug a participant's kernel: without debugpy, ipykernel switches its
    # debugger off and starts ~85 ms (a quarter of its CPU) sooner, outputs unchanged.
    debugger = _debugpy_folder()
    if debugger is not None:
        command += ["--size", str(COVER_BYTES), "--tmpfs", str(debugger)]
    for path in [Path(p).resolve() for p in writable]:
        command += ["--bind", str(path), str(path)]
    if inputs is not None:
        command += ["--ro-bind", str(Path(inputs).resolve()), INPUTS]
        command += ["--dir", WORK_DIR, "--chdir", WORK_DIR]
    for path in read_only:
        command += ["--remount-ro", path]
    command += limits.prlimit_args()
    if inputs is not None:
        command += ["/bin/sh", "-c", f'cp -R {INPUTS}/. . && exec "$@"', "uprkit-inputs"]
    return command


# Size of each empty tmpfs that covers a place (it holds only the folders binds need).
COVER_BYTES = 1024**2
# Not covered even when the kit lives directly in them: system folders kernels need.
SYSTEM_FOLDERS = ("/", "/usr", "/usr/local", "/opt", "/var", "/srv", "/etc", "/nix", "/snap")


@functools.cache
def covered_places() -> tuple[Path, ...]:
    """Places covered by an empty tmpfs: the private places, the kit's folder (its .git,
    solutions/, tests/...) and the folder it sits in (other projects beside it)."""
    places = set(private_places())
    with contextlib.suppress(UprkitError):
        kit = kit_root().resolve()
        places.add(kit)
        if str(kit.parent) not in SYSTEM_FOLDERS:
            places.add(kit.parent)
    return _outermost(sorted(places))


def _kit_markers() -> list[Path]:
    """The folders ``uprkit.paths.kit_root`` recognises the kit by (made empty inside)."""
    names = {"solutions", "grading", *getattr(paths, "_MARKERS", ())}
    with contextlib.suppress(UprkitError):
        kit = kit_root().resolve()
        return [kit / name for name in sorted(names)]
    return []


@functools.cache
def _debugpy_folder() -> Path | None:
    """Where debugpy is installed (found without importing it), or None."""
    spec = importlib.util.find_spec("debugpy")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


# Where people keep their own files and sessions. System folders (/usr, /etc, /opt, ...) stay
# visible, read-only: kernels need them and they hold nothing of the trainer's.
PRIVATE_PLACES = ("/tmp", "/var/tmp", "/home", "/root", "/run", "/mnt", "/media", "/srv")


@functools.cache
def private_places() -> tuple[Path, ...]:
    """The existing folders a kernel must not see into: PRIVATE_PLACES and the trainer's home."""
    places = {Path(p) for p in PRIVATE_PLACES}
    with contextlib.suppress(RuntimeError, KeyError):
        places.add(Path.home())
    found = sorted({p.resolve() for p in places if p.is_dir() and not p.is_symlink()})
    return _outermost(found)


@functools.cache
def needed_by_kernels() -> tuple[Path, ...]:
    """What a kernel needs that lies in a covered place: the Python environment, the folders of
    the shared libraries Python runs on (e.g. Homebrew's), the kit's library code (``src/``) and
    its ``datasets/``; never the kit's ``.git``, ``solutions/``, ``tests/`` or anything else."""
    needed = {
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(uprkit.__file__).parents[1],
        Path(sys.executable).resolve().parent,
    }
    needed.update(_loaded_library_folders())
    try:
        needed.add(kit_root() / "datasets")  # the data the library's loaders read
    except UprkitError:
        pass  # an installed kit without its folders: only the environment is needed
    covered = covered_places()
    found = sorted({p.resolve() for p in needed if _inside(p.resolve(), covered)})
    return _outermost(found)


def _loaded_library_folders() -> set[Path]:
    """Folders of the shared libraries mapped into this process (Linux /proc/self/maps)."""
    folders = set()
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/maps").read_text().splitlines():
            parts = line.split(None, 5)
            if len(parts) == 6 and parts[5].startswith("/") and ".so" in parts[5]:
                folders.add(Path(parts[5].strip()).parent)
    return folders


def _outermost(paths) -> tuple[Path, ...]:
    """Outermost folders only: binding or covering a folder also does what is inside it."""
    paths = sorted(set(paths))
    return tuple(p for p in paths if not _inside(p, [q for q in paths if q != p]))


def require_bwrap() -> str:
    """Path of a working bwrap, or a GradingError that says how to get one."""
    bwrap = bwrap_works()
    if bwrap is None:
        raise GradingError(
            "bubblewrap (bwrap) is not installed or cannot create a sandbox here, so participants' "
            "code cannot be isolated from the gradebook and hidden tests; install it "
            "(`sudo apt-get install bubblewrap`) or, on a throwaway copy only, pass "
            "--no-sandbox (autograde(..., sandbox=False))"
        )
    return bwrap


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel command runs behind ``prefix`` (bwrap + prlimit)."""

    prefix = List(Unicode(), default_value=[])

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        first = Path(command[0]) if command else None
        if first is not None and first.name.startswith("python") and not first.is_absolute():
            command[0] = sys.executable
        return list(self.prefix) + command
