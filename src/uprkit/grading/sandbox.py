"""Run a participant's kernel inside bubblewrap, with resource limits.

Participants' code is untrusted: a submission once overwrote every ``*.db`` it could reach and
destroyed a plain nbgrader gradebook (engineering notes). Each kernel therefore runs in its own
sandbox: read-only root, private /tmp, no network, its own pid namespace and an unprivileged
user, the workshop folder and the kit's solutions/ covered by an empty tmpfs (hidden tests, the
gradebook and other participants' work are unreachable), and only its working copy writable.
The places where people keep their own files (home folders, /root, /mnt, /media, /srv, /run
with its session sockets) are covered too: a kernel runs with the trainer's file rights, and
whatever it reads can end up in the feedback returned to the participant. Only the Python
environment and the kit are shown back, read-only, where they live inside such a place.

The kernel talks to the grader over Unix sockets (ZeroMQ ``ipc`` transport) in a folder bound
into the sandbox: TCP on loopback cannot cross the network namespace.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import shutil
import subprocess
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import List, Unicode

import uprkit
from uprkit.errors import GradingError, UprkitError
from uprkit.paths import kit_root

__all__ = [
    "Limits",
    "SandboxedKernelManager",
    "UnsandboxedWarning",
    "bwrap_works",
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


def sandbox_prefix(
    *,
    writable: Sequence[Path],
    hidden: Sequence[Path],
    limits: Limits,
    sandbox: bool = True,
) -> list[str]:
    """The command prefix that runs a program in the sandbox (or only under prlimit).

    ``sandbox=False`` is the explicit, loud fallback for machines without bubblewrap.
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
        bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent",
        "--new-session",
        # ipykernel's parent poller would see the namespace's init as a dead parent.
        "--unsetenv", "JPY_PARENT_PID",
        "--setenv", "HOME", "/tmp", "--setenv", "IPYTHONDIR", "/tmp/.ipython",
        "--setenv", "MPLCONFIGDIR", "/tmp/.matplotlib",
    ]
    # fmt: on
    # Private /tmp, and people's own files out of sight: empty tmpfs over each such place.
    private = private_places()
    for path in private:
        command += ["--tmpfs", str(path)]
    # The Python environment and the kit may live in one of them (pyenv in a home folder, a
    # clone in /tmp as CI makes): bind them back read-only, as they are seen outside.
    revealed = needed_by_kernels()
    for path in revealed:
        command += ["--ro-bind", str(path), str(path)]
    # Hide the workshop (gradebook, hidden tests, other participants) and the kit's solutions/
    # behind empty tmpfs mounts; then bind back only this submission's own folders.
    for path in sorted({Path(p).resolve() for p in hidden}):
        if not _inside(path, private) or _inside(path, revealed):
            command += ["--tmpfs", str(path)]
    # Graders never debug a participant's kernel: without debugpy, ipykernel switches its
    # debugger off and starts ~85 ms (a quarter of its CPU) sooner, outputs unchanged.
    debugger = _debugpy_folder()
    if debugger is not None:
        command += ["--tmpfs", str(debugger)]
    for path in [Path(p).resolve() for p in writable]:
        command += ["--bind", str(path), str(path)]
    return command + limits.prlimit_args()


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
    """What a kernel needs that lies in a private place: the Python environment, the folders of
    the shared libraries Python runs on (e.g. Homebrew's), and the kit's folder."""
    needed = {
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(uprkit.__file__).parents[1],
        Path(sys.executable).resolve().parent,
    }
    needed.update(_loaded_library_folders())
    try:
        needed.add(kit_root())
    except UprkitError:
        pass  # an installed kit without its folders: only the environment is needed
    private = private_places()
    found = sorted({p.resolve() for p in needed if _inside(p.resolve(), private)})
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
