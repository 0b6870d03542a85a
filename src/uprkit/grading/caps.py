"""Caps for one participant's whole process tree: memory, number of tasks, CPU.

Per-process rlimits (``uprkit.grading.sandbox.Limits``) do not cap a participant: four processes
held 6 GiB together (engineering notes, 2026-12-03). Each kernel therefore runs in a control
group of its own, made the first way that works on this machine:

- as root, the cgroup filesystem directly: cgroup v2 (``/sys/fs/cgroup/cgroup.controllers``
  lists memory and pids), or cgroup v1's ``memory``, ``pids`` and ``cpu`` hierarchies;
- on a desktop with systemd, a transient scope: ``systemd-run --user --scope -p MemoryMax=…
  -p TasksMax=… -p CPUQuota=…``;
- otherwise nothing: the rlimits stay, and autograde warns once per run naming what is not capped.

The kernel enters its group before bubblewrap starts (a two-line ``sh`` in front of the
command), so every process it ever forks is inside. RAM-backed files the kernel writes (its /tmp,
its socket folder) are charged to the same memory cap.

Only the standard library is imported here: the worker pool (``uprkit.grading.workers``) carries
:class:`Caps` to the workers before nbgrader loads.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import pwd
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Caps",
    "CapGroup",
    "caps_from_settings",
    "mechanism",
    "not_capped",
    "sweep",
]

CGROUP_ROOT = Path("/sys/fs/cgroup")
_V1 = ("memory", "pids", "cpu")
_counter = itertools.count()


@dataclass(frozen=True)
class Caps:
    """Per-participant caps. Defaults fit an 8 GB laptop grading with 2 workers (4 notebooks
    executing at once: 4 GiB at most, the system and the trainer's browser keep the rest).

    Settable in ``workshop.toml``::

        [grading]
        memory_mb = 1024     # memory of the whole process tree (RAM-backed files included)
        processes = 128      # processes and threads of the whole tree
        cpu_percent = 100    # CPU time of the whole tree, in % of one core
        tmp_mb = 256         # the kernel's /tmp, which holds its working folder
    """

    memory_bytes: int = 1024 * 1024**2
    tasks: int = 128
    cpu_percent: int = 100
    tmp_bytes: int = 256 * 1024**2
    shm_bytes: int = 64 * 1024**2


_SETTINGS = {
    "memory_mb": ("memory_bytes", 1024**2, 64),
    "processes": ("tasks", 1, 16),
    "cpu_percent": ("cpu_percent", 1, 10),
    "tmp_mb": ("tmp_bytes", 1024**2, 16),
}


def caps_from_settings(settings: dict, where: str = "workshop.toml") -> Caps:
    """Caps from a ``[grading]`` table (unknown keys and bad values are errors that teach)."""
    values = {}
    for key, value in settings.items():
        if key not in _SETTINGS:
            raise ValueError(
                f"{where}: unknown setting [grading] {key}; known: {', '.join(sorted(_SETTINGS))}"
            )
        field, unit, least = _SETTINGS[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ValueError(f"{where}: [grading] {key} must be a whole number ≥ {least}")
        values[field] = value * unit
    return Caps(**values)


def _writable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK)


def _v2_usable() -> bool:
    controllers = CGROUP_ROOT / "cgroup.controllers"
    with contextlib.suppress(OSError):
        if {"memory", "pids"} <= set(controllers.read_text().split()):
            return _writable(CGROUP_ROOT) and os.geteuid() == 0
    return False


def _v1_usable() -> bool:
    return os.geteuid() == 0 and all(
        _writable(CGROUP_ROOT / c) and (CGROUP_ROOT / c / "cgroup.procs").exists()
        for c in ("memory", "pids")
    )


def _systemd_usable() -> bool:
    if shutil.which("systemd-run") is None:
        return False
    probe = ["systemd-run", "--user", "--scope", "--quiet", "-p", "TasksMax=8", "--", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@functools.cache
def mechanism() -> str | None:
    """How this machine caps a process tree: "cgroup2", "cgroup1", "systemd", or None."""
    if os.environ.get("UPRKIT_NO_CGROUPS") == "1":  # for tests of the fallback
        return None
    if _v2_usable():
        return "cgroup2"
    if _v1_usable():
        return "cgroup1"
    if _systemd_usable():
        return "systemd"
    return None


def not_capped() -> str:
    """What is not capped on this machine, in words for the once-per-run warning ("" if all is)."""
    if mechanism() is not None:
        return ""
    return (
        "the memory, number of processes and CPU of a participant's whole process tree, and the "
        "bytes written to its kernel's socket folder (no writable cgroups and no "
        "`systemd-run --user`); each process is still limited on its own (address space, CPU "
        "seconds, file size, processes per user) and /tmp is a sized tmpfs"
    )


class CapGroup:
    """One kernel's control group: ``prefix()`` runs a command inside it; ``close()`` kills
    whatever is left in it and removes it; ``peak_memory()`` is the most it held (cgroups)."""

    def __init__(self, caps: Caps, kind: str | None = None):
        self.caps = caps
        self.kind = mechanism() if kind is None else kind
        self.name = f"uprkit/{os.getpid()}-{next(_counter)}"
        self.folders: list[Path] = []
        if self.kind == "cgroup2":
            self._make_v2()
        elif self.kind == "cgroup1":
            self._make_v1()

    def _make_v2(self) -> None:
        parent = CGROUP_ROOT / "uprkit"
        parent.mkdir(exist_ok=True)
        wanted = {"memory", "pids", "cpu"} & set(
            (CGROUP_ROOT / "cgroup.controllers").read_text().split()
        )
        for level in (CGROUP_ROOT, parent):
            with contextlib.suppress(OSError):
                (level / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in wanted))
        group = CGROUP_ROOT / self.name
        group.mkdir()
        self.folders = [group]
        (group / "memory.max").write_text(str(self.caps.memory_bytes))
        with contextlib.suppress(OSError):
            (group / "memory.swap.max").write_text("0")
        (group / "pids.max").write_text(str(self.caps.tasks))
        with contextlib.suppress(OSError):
            (group / "cpu.max").write_text(f"{self.caps.cpu_percent * 1000} 100000")

    def _make_v1(self) -> None:
        for controller in _V1:
            if not _writable(CGROUP_ROOT / controller):
                continue
            group = CGROUP_ROOT / controller / self.name
            group.mkdir(parents=True)
            self.folders.append(group)
            if controller == "memory":
                (group / "memory.limit_in_bytes").write_text(str(self.caps.memory_bytes))
                with contextlib.suppress(OSError):  # without swap accounting: RAM only
                    (group / "memory.memsw.limit_in_bytes").write_text(str(self.caps.memory_bytes))
            elif controller == "pids":
                (group / "pids.max").write_text(str(self.caps.tasks))
            else:
                (group / "cpu.cfs_period_us").write_text("100000")
                (group / "cpu.cfs_quota_us").write_text(str(self.caps.cpu_percent * 1000))

    def prefix(self) -> list[str]:
        """What to put in front of a command so that it, and all it forks, run in the group."""
        if self.kind == "systemd":
            return [
                "systemd-run", "--user", "--scope", "--quiet", "--collect",
                "-p", f"MemoryMax={self.caps.memory_bytes}", "-p", "MemorySwapMax=0",
                "-p", f"TasksMax={self.caps.tasks}", "-p", f"CPUQuota={self.caps.cpu_percent}%",
                "--",
            ]  # fmt: skip
        if not self.folders:
            return []
        enter = " && ".join(
            f"echo $$ > {shlex.quote(str(g / 'cgroup.procs'))}" for g in self.folders
        )
        return ["/bin/sh", "-c", f'{enter} && exec "$@"', "uprkit-cap"]

    def peak_memory(self) -> int | None:
        for group in self.folders:
            for name in ("memory.max_usage_in_bytes", "memory.peak"):
                with contextlib.suppress(OSError, ValueError):
                    return int((group / name).read_text())
        return None

    def kill_all(self) -> None:
        """Kill every process left in the group."""
        for group in self.folders:
            with contextlib.suppress(OSError, ValueError):
                for pid in (group / "cgroup.procs").read_text().split():
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(int(pid), signal.SIGKILL)

    def remove(self) -> bool:
        """Remove the group once it is empty; True when it is gone (killing what is left)."""
        self.kill_all()
        left = []
        for group in self.folders:
            try:
                group.rmdir()
            except FileNotFoundError:
                pass
            except OSError:
                left.append(group)  # processes still exiting
        self.folders = left
        return not left

    def close(self) -> None:
        """Kill what is left and remove the group, waiting up to 5 s for its processes to exit."""
        deadline = time.monotonic() + 5
        while not self.remove() and time.monotonic() < deadline:
            time.sleep(0.01)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep() -> None:
    """Remove what workers that were killed left behind: their empty control groups and their
    socket folders (both are named after the worker's process id)."""
    groups = [CGROUP_ROOT / "uprkit", *(CGROUP_ROOT / c / "uprkit" for c in _V1)]
    for parent in groups:
        with contextlib.suppress(OSError):
            for group in parent.iterdir():
                owner = group.name.split("-", 1)[0]
                if group.is_dir() and owner.isdigit() and not _alive(int(owner)):
                    with contextlib.suppress(OSError):
                        group.rmdir()  # refused while a process is still inside
    for place in (Path("/dev/shm"), Path(tempfile.gettempdir())):
        with contextlib.suppress(OSError):
            for folder in place.glob("uprkit-w*-*"):
                owner = folder.name[len("uprkit-w") :].split("-", 1)[0]
                if owner.isdigit() and not _alive(int(owner)) and folder.owner() == _me():
                    shutil.rmtree(folder, ignore_errors=True)


def _me() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name
