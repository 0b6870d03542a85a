"""The laptops an offline pack serves: an operating system and processor, and a CPython version.

A target is one platform (``win_amd64``, ``macos_arm64``, ``macos_x86_64``, ``linux_x86_64``,
``linux_aarch64``) with one Python (3.11, 3.12, 3.13). For each, pip is asked for wheels only
(``--only-binary=:all:``) with ``--platform`` / ``--python-version`` / ``--implementation cp`` /
``--abi cp3XX``.

pip evaluates environment markers (``pywinpty; os_name == "nt"``, ``appnope; sys_platform ==
"darwin"``, ``python_version < "3.12"``) against the Python that runs it, not against
``--platform`` (pypa/pip#11664): on Linux, ``pip download --platform win_amd64`` leaves out the
Windows-only dependencies, and a ``--dry-run`` check passes a Windows set that cannot install.
So every pip command here runs with pip's marker environment set to the target's
(:data:`_BOOT`), as pex does for its ``--platform``.

Platform tags, and why (pip expands each ``--platform`` value only a little):

- macOS: ``macosx_11_0_arm64`` and ``macosx_12_0_x86_64``; pip expands a macOS tag to every
  older macOS release, so these accept wheels built for macOS 11 (arm64) / 12 (Intel) or older,
  and the pack runs on those releases and newer.
- Linux: pip does not expand ``manylinux_2_X`` tags, so every glibc from 2.17 up to
  :data:`LINUX_GLIBC` is listed (and ``manylinux2014``, which pip expands to 2010 and 1):
  the pack then runs on glibc 2.28 or newer (Debian 10, Ubuntu 20.04, RHEL 8, Fedora 29 on).

>>> [t.label for t in select_targets(["win_amd64"], ["3.12"])]
['Windows 64-bit (x86_64), Python 3.12']
>>> target_marker(Target("linux_aarch64", "3.13"))
'(sys_platform == "linux" and platform_machine == "aarch64" and python_version == "3.13")'
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass

from uprkit.errors import WorkshopError

PYTHONS = ("3.11", "3.12", "3.13")
LINUX_GLIBC = 28  # the newest glibc (2.X) a Linux wheel may need
_LINUX_OLDEST = 17


def _manylinux(arch: str) -> tuple[str, ...]:
    tags = [f"manylinux_2_{n}_{arch}" for n in range(LINUX_GLIBC, _LINUX_OLDEST - 1, -1)]
    return (*tags, f"manylinux2014_{arch}")


# name -> (words for a person, pip --platform values, PEP 508 markers of that platform)
PLATFORMS = {
    "win_amd64": (
        "Windows 64-bit (x86_64)",
        ("win_amd64",),
        {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
         "platform_machine": "AMD64", "platform_release": "10"},
    ),
    "macos_arm64": (
        "macOS 11 or later on Apple silicon (arm64)",
        ("macosx_11_0_arm64",),
        {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin",
         "platform_machine": "arm64", "platform_release": "20.0.0"},
    ),
    "macos_x86_64": (
        "macOS 12 or later on Intel (x86_64)",
        ("macosx_12_0_x86_64",),
        {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin",
         "platform_machine": "x86_64", "platform_release": "21.0.0"},
    ),
    "linux_x86_64": (
        f"Linux with glibc 2.{LINUX_GLIBC} or later (x86_64)",
        _manylinux("x86_64"),
        {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux",
         "platform_machine": "x86_64", "platform_release": ""},
    ),
    "linux_aarch64": (
        f"Linux with glibc 2.{LINUX_GLIBC} or later (arm64/aarch64)",
        _manylinux("aarch64"),
        {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux",
         "platform_machine": "aarch64", "platform_release": ""},
    ),
}  # fmt: skip

# Runs pip with the target's marker environment (argv[1], JSON), then pip's own arguments.
_BOOT = """\
import json, runpy, sys
import pip._vendor.packaging.markers as markers
env = dict(markers.default_environment(), **json.loads(sys.argv[1]))
markers.default_environment = lambda: dict(env)
check = 'sys_platform == "%s" and python_version == "%s"' % (
    env["sys_platform"], env["python_version"])
if not markers.Marker(check).evaluate():
    sys.exit("uprkit: this pip does not let its marker environment be set; upgrade pip")
sys.argv = ["pip", *sys.argv[2:]]
runpy.run_module("pip", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True, order=True)
class Target:
    """One platform and one Python version a pack installs on."""

    platform: str
    python: str

    @property
    def label(self) -> str:
        return f"{PLATFORMS[self.platform][0]}, Python {self.python}"

    @property
    def key(self) -> str:
        return f"{self.platform}-cp{self.python.replace('.', '')}"

    def pip_options(self) -> list[str]:
        """pip's options that choose this target's wheels (and only wheels)."""
        nodot = self.python.replace(".", "")
        options = ["--only-binary=:all:", "--implementation", "cp", "--abi", f"cp{nodot}"]
        options += ["--python-version", self.python]
        for tag in PLATFORMS[self.platform][1]:
            options += ["--platform", tag]
        return options

    def markers(self) -> dict[str, str]:
        """The PEP 508 marker values of a CPython of this version on this platform (x.y.0)."""
        return {
            **PLATFORMS[self.platform][2],
            "python_version": self.python,
            "python_full_version": f"{self.python}.0",
            "implementation_name": "cpython",
            "implementation_version": f"{self.python}.0",
            "platform_python_implementation": "CPython",
        }


def select_targets(platforms: list[str] | None = None, pythons: list[str] | None = None):
    """Every chosen platform with every chosen Python (all of each when not narrowed)."""
    platforms = list(dict.fromkeys(platforms or PLATFORMS))
    pythons = list(dict.fromkeys(pythons or PYTHONS))
    for name in platforms:
        if name not in PLATFORMS:
            raise WorkshopError(f"unknown platform {name!r}; choose from {', '.join(PLATFORMS)}")
    for version in pythons:
        if version not in PYTHONS:
            raise WorkshopError(f"unknown Python {version!r}; choose from {', '.join(PYTHONS)}")
    return [Target(p, v) for p in platforms for v in pythons]


def run_pip(target: Target, args: list[str], env: dict[str, str] | None = None):
    """``pip ARGS`` as if it ran on ``target`` (markers included); the finished process."""
    command = [sys.executable, "-c", _BOOT, json.dumps(target.markers()), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env)


def _platform_marker(platform: str) -> str:
    values = PLATFORMS[platform][2]
    return (
        f'sys_platform == "{values["sys_platform"]}" and '
        f'platform_machine == "{values["platform_machine"]}"'
    )


def target_marker(target: Target) -> str:
    """The PEP 508 marker true on ``target`` only."""
    return f'({_platform_marker(target.platform)} and python_version == "{target.python}")'


def marker_for(covered: set[Target], pack: set[Target]) -> str:
    """A marker true on the ``covered`` targets among the ``pack``'s ('' when on all of them).

    >>> pack = set(select_targets(["win_amd64", "linux_x86_64"], ["3.11", "3.12"]))
    >>> marker_for({t for t in pack if t.platform == "win_amd64"}, pack)
    '(sys_platform == "win32" and platform_machine == "AMD64")'
    >>> marker_for({t for t in pack if t.python == "3.11"}, pack)
    'python_version == "3.11"'
    """
    if covered >= pack:
        return ""
    pythons = sorted({t.python for t in pack})
    platforms = sorted({t.platform for t in pack})
    by_platform = {p: {t.python for t in covered if t.platform == p} for p in platforms}
    shared = {frozenset(v) for v in by_platform.values()}
    if len(shared) == 1 and all(by_platform.values()):  # the same Pythons on every platform
        return " or ".join(f'python_version == "{v}"' for v in sorted(next(iter(shared))))
    terms = []
    for platform, versions in by_platform.items():
        if set(versions) == set(pythons):
            terms.append(f"({_platform_marker(platform)})")
        else:
            terms += [target_marker(Target(platform, v)) for v in sorted(versions)]
    return " or ".join(terms)


_MISSING = (
    re.compile(r"No matching distribution found for ([A-Za-z0-9._-]+)"),
    re.compile(r"no matching distributions available for your environment:\s+([A-Za-z0-9._-]+)"),
)
_PINNED = re.compile(r"The user requested \(constraint\) ([A-Za-z0-9._-]+)==")


def missing_package(pip_output: str) -> str | None:
    """The package pip found no wheel for, from its error text.

    >>> missing_package("ERROR: No matching distribution found for pyzmq>=25")
    'pyzmq'
    """
    for pattern in _MISSING:
        found = pattern.search(pip_output)
        if found:
            return re.split(r"[<>=!~;\[ ]", found.group(1))[0]
    return None


def conflicting_pins(pip_output: str) -> list[str]:
    """The pinned (constraint) packages pip names in a resolution conflict."""
    return sorted(set(_PINNED.findall(pip_output)))


def pip_error(done: subprocess.CompletedProcess) -> str:
    """pip's error lines, without the noise of ignored link locations."""
    lines = [
        line
        for line in (done.stderr + done.stdout).splitlines()
        if line.startswith("ERROR") and "is ignored" not in line
    ]
    return "\n".join(lines[-6:]) or (done.stderr or done.stdout).strip()[-800:]
