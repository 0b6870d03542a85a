"""Throwaway Unix users and a Python they can all run: to try the exchange without a hub.

Used by the exchange tests, ``benchmarks/hub_load.py`` and a trainer's dry run on a new VM.
Root only. Users are made with ``useradd -m`` under a prefix unique to the run and removed
with their homes (``userdel -r``) when the ``with`` block ends, also after an error.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from pathlib import Path

from uprkit.hub.exchange import ExchangeSetupError

__all__ = ["readable_by_all", "run_as", "shared_python", "temporary_users"]


def readable_by_all(path: str | os.PathLike) -> bool:
    """Whether every folder above ``path`` lets others through and ``path`` lets them read.

    >>> readable_by_all("/usr/bin/env")
    True
    """
    path = Path(os.path.realpath(path))
    for folder in path.parents:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def shared_python(dest: str | os.PathLike) -> Path:
    """A Python interpreter every Unix user can run, with this environment's packages.

    This interpreter itself when every user can reach it and its packages; else a new
    environment at ``dest`` (give a folder outside /tmp, /home and the kit when the sandbox
    must run from it: those are hidden from kernels) made from the system's Python of the
    same version (``/usr/bin/python3.X``), its ``site-packages`` hard-linked (copied across
    file systems) from this one. Editable installs keep pointing at their sources.
    """
    import uprkit

    if not readable_by_all(uprkit.__file__):
        raise ExchangeSetupError(
            f"the kit at {Path(uprkit.__file__).parent} is not readable by other users: "
            "give its folder and every folder above it o+rx, or install the kit elsewhere"
        )
    purelib = Path(sysconfig.get_paths()["purelib"])
    if readable_by_all(sys.executable) and readable_by_all(purelib):
        return Path(sys.executable)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    bases = [Path(f"/usr/bin/python{version}"), Path(f"/usr/local/bin/python{version}")]
    base = next((b for b in bases if b.exists() and readable_by_all(b)), None)
    if base is None:
        raise ExchangeSetupError(
            f"no Python {version} every user can run ({', '.join(map(str, bases))}); "
            f"install Debian's python{version} (apt-get install python{version}-venv)"
        )
    dest = Path(dest)
    if not dest.parent.is_dir() or not readable_by_all(dest.parent):
        raise ExchangeSetupError(f"{dest.parent}: other users cannot reach it; choose another")
    python = dest / "bin" / "python"
    if python.exists():
        return python
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(dest)], check=True)
    target = Path(sysconfig.get_paths(vars={"base": str(dest), "platbase": str(dest)})["purelib"])
    shutil.rmtree(target)
    done = subprocess.run(["cp", "-al", str(purelib), str(target)], capture_output=True)
    if done.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(purelib, target, symlinks=True)
    _copy_scripts(Path(sys.executable).parent, dest / "bin", python)
    subprocess.run(["chmod", "-R", "o+rX", str(dest)], check=True)
    return python


def _copy_scripts(source: Path, target: Path, python: Path) -> None:
    """This environment's console scripts (nbgrader, alembic, uprkit...) for ``python``."""
    shebang = f"#!{sys.executable}".encode()
    for script in sorted(source.iterdir()):
        if not script.is_file() or script.is_symlink() or (target / script.name).exists():
            continue
        with open(script, "rb") as handle:
            head = handle.readline()
            if head.rstrip() != shebang:
                continue
            body = handle.read()
        (target / script.name).write_bytes(f"#!{python}\n".encode() + body)
        os.chmod(target / script.name, 0o755)


def _userdel(name: str) -> None:
    subprocess.run(["userdel", "-r", "-f", name], capture_output=True, check=False)


@contextlib.contextmanager
def temporary_users(names: Sequence[str]) -> Iterator[list[str]]:
    """Make the Unix users ``names`` (with homes); remove them and their homes afterwards.

    Refuses a name that already exists: nothing of a real account is ever removed.
    """
    if os.geteuid() != 0:
        raise ExchangeSetupError("making Unix users needs root")
    made: list[str] = []
    try:
        for name in names:
            done = subprocess.run(
                ["useradd", "-m", "-s", "/bin/sh", name], capture_output=True, text=True
            )
            if done.returncode != 0:
                raise ExchangeSetupError(f"could not make the user {name}: {done.stderr.strip()}")
            made.append(name)
        yield made
    finally:
        for name in made:
            _userdel(name)


def run_as(
    user: str,
    argv: Sequence[str],
    *,
    cwd: str | os.PathLike | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run ``argv`` as ``user`` with a clean environment (their HOME, a plain PATH)."""
    import pwd

    entry = pwd.getpwnam(user)
    clean = {
        "HOME": entry.pw_dir,
        "USER": user,
        "LOGNAME": user,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        **(env or {}),
    }
    command = ["runuser", "-u", user, "--", "env", "-i", *(f"{k}={v}" for k, v in clean.items())]
    return subprocess.run(
        [*command, *argv],
        cwd=cwd or entry.pw_dir,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
