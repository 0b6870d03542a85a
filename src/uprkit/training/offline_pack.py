"""Pack the kit for a workshop with no internet: wheels, course, data, handouts, install scripts.

A trainer of trainers builds the pack once where the internet works, copies the folder to a USB
stick, and participants install from it with ``install.sh`` / ``install.bat``, which never touch the
network and install only wheels whose SHA-256 the pack lists (``pip --require-hashes``).

Two packs: the participants' pack (the default) holds the lessons, the exercises and the data,
never ``solutions/`` (answers and hidden tests) nor ``grading/``; the trainer's pack holds
everything needed to run the workshop. Every pack lists each file's SHA-256 in
``MANIFEST.sha256``, checked by ``uprkit verify-pack DIR`` or ``python verify.py``.

The wheels are for every common laptop: Windows, macOS (Apple silicon and Intel) and Linux
(x86_64, aarch64) with CPython 3.11, 3.12 and 3.13, fetched from PyPI for each target and checked
offline for each (:mod:`uprkit.training.pack_wheels`); ``targets.txt`` in the pack lists the
targets it serves and names the package missing for any it cannot. ``--platform`` / ``--python``
narrow the targets (a Windows-only room needs a fifth of the size).

The downloaded wheels are cached by a key made of the kit's dependency list and the versions
tested here: a second pack with the same dependencies copies them from the cache and only
rebuilds the kit's own wheel.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path

from uprkit.errors import WorkshopError
from uprkit.i18n.messages import compile_catalogs, gettext
from uprkit.paths import kit_root
from uprkit.templating import render as render_template
from uprkit.training import pack_manifest
from uprkit.training.handouts import export_handouts
from uprkit.training.pack_wheels import TargetResult, build_wheelhouse, targets_report
from uprkit.training.pack_words import (
    bat_echo,
    install_words,
    platform_in_words,
    sh_echo,
    versions_in_words,
)
from uprkit.training.wheel_targets import PLATFORMS, Target, select_targets

# The kit's folders each pack carries besides the installed package (kit_root() finds them).
# Participants never get solutions/ (answers, hidden tests) nor grading/ (config, rubrics).
PACK_FOLDERS = {
    "participants": ("course", "datasets", "exercises"),
    "trainer": ("course", "datasets", "solutions", "exercises", "grading"),
}
# Left out of every copy of the kit (this pack and uprkit.training.workshop_pack's): caches,
# checkpoints and anything a workshop (people's data) may leave.
KIT_COPY_IGNORE = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".ipynb_checkpoints", ".pytest_cache", "gradebook.db", "workshops"
)


@dataclass(frozen=True)
class OfflinePack:
    """What ``build_offline_pack`` made."""

    root: Path
    wheelhouse: Path
    wheels: tuple[str, ...]
    handouts: tuple[Path, ...]
    notes: tuple[str, ...]
    from_cache: bool
    audience: str = "participants"
    targets: tuple[TargetResult, ...] = ()

    @property
    def supported(self) -> list[Target]:
        return [r.target for r in self.targets if r.problem is None]


def read_dependencies(root: Path) -> list[str]:
    """The ``[project].dependencies`` of the kit's pyproject.toml."""
    pyproject = root / "pyproject.toml"
    try:
        return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])
    except (FileNotFoundError, KeyError) as exc:
        raise WorkshopError(f"{pyproject}: cannot read [project].dependencies ({exc})") from None


def wheelhouse_key(dependencies: list[str]) -> str:
    """A short hash that changes when the dependencies (and their tested versions) change."""
    text = "\n".join(sorted(dependencies) + ["wheels for targets, v2"])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def default_cache_dir() -> Path:
    base = os.environ.get("UPRKIT_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "uprkit" / "wheelhouses"


def _run_pip(args: list[str], what: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise WorkshopError(f"{what} failed (pip exit code {done.returncode}):\n{tail}")


def tested_versions() -> list[str]:
    """``name==version`` of every package in this environment: the versions the kit ran with.

    Used as pip constraints, so the pack installs what was tested here, not whatever is newest.
    """
    pins = set()
    for dist in distributions():
        name = (dist.metadata["Name"] or "").strip()
        if name and name.lower() != "uprkit" and "+" not in dist.version:
            pins.add(f"{name}=={dist.version}")
    return sorted(pins, key=str.lower)


def wheel_cache(dependencies: list[str], pins: list[str], cache_dir: Path) -> Path:
    """The cache folder of this dependency set.

    Keeps the two newest sets (~1.1 GB each for every target) and any used in the last day:
    another build (a test run on another Python, with other versions) may be reading it.
    """
    folder = cache_dir / wheelhouse_key(dependencies + pins)
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)
    sets = sorted((p for p in cache_dir.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in sets[:-2]:
        if time.time() - old.stat().st_mtime > 24 * 3600:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def build_kit_wheel(root: Path, dest: Path) -> Path:
    """The kit's own wheel, built from a copy so the clone gets no build/ or egg-info folders."""
    with tempfile.TemporaryDirectory(prefix="uprkit-src-") as tmp:
        source = Path(tmp) / "uprkit"
        source.mkdir()
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            if (root / name).exists():
                shutil.copy2(root / name, source / name)
        shutil.copytree(root / "src", source / "src", ignore=KIT_COPY_IGNORE)
        # the .mo catalogs go into the wheel (a broken i18n import fails here, loudly)
        compile_catalogs(source / "src" / "uprkit" / "locale")
        _run_pip(
            ["wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(source)],
            "building the uprkit wheel",
        )
    wheels = sorted(dest.glob("uprkit-*.whl"))
    if not wheels:
        raise WorkshopError(f"pip built no uprkit wheel in {dest}")
    return wheels[-1]


def write_install_files(
    root: Path,
    targets: list[Target],
    audience: str = "participants",
    targets_text: str = "",
    language: str = "en",
) -> None:
    """INSTALL.txt and the two install scripts, in plain words (``uprkit/training/templates/``).

    The scripts look for a Python the pack has wheels for (the newest first), say plainly what
    to do when none is there, install with ``--require-hashes`` and end by opening the course.
    Their messages and INSTALL.txt are in ``language`` (:mod:`uprkit.training.pack_words` and
    the template's ``_()``); INSTALL.txt opens with a two-line summary in that language.
    """
    versions = sorted({t.python for t in targets}, key=lambda v: tuple(map(int, v.split("."))))
    words = install_words(language, versions)
    values = {
        "audience": audience,
        "language": language,
        "python_versions": versions[::-1],  # newest first
        "versions_in_words": versions_in_words(versions, language),
        "platforms": [
            platform_in_words(label, language)
            for label in sorted({PLATFORMS[t.platform][0] for t in targets})
        ],
        "targets_text": targets_text,
        "summary": words["summary"],
    }
    (root / "INSTALL.txt").write_text(
        render_template(__package__, "INSTALL.txt.j2", _=gettext(language), **values),
        encoding="utf-8",
    )
    sh_words = {key: sh_echo(text) for key, text in words.items()}
    (root / "install.sh").write_text(
        render_template(__package__, "install.sh.j2", words=sh_words, **values), encoding="utf-8"
    )
    (root / "install.sh").chmod(0o755)
    bat_words = {key: bat_echo(text) for key, text in words.items()}
    # Windows' cmd.exe wants CRLF line endings.
    (root / "install.bat").write_text(
        render_template(__package__, "install.bat.j2", words=bat_words, **values).replace(
            "\n", "\r\n"
        ),
        encoding="utf-8",
        newline="",
    )


def copy_kit_folders(root: Path, dest: Path, audience: str = "participants") -> None:
    for name in PACK_FOLDERS[audience]:
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name, ignore=KIT_COPY_IGNORE, dirs_exist_ok=True)


def build_offline_pack(
    dest: str | Path,
    *,
    cache_dir: str | Path | None = None,
    handouts: bool = True,
    pdf: bool = False,
    language: str = "en",
    audience: str = "participants",
    platforms: list[str] | None = None,
    pythons: list[str] | None = None,
) -> OfflinePack:
    """Make ``dest`` a folder that installs and runs the kit with no internet.

    ``audience`` is ``"participants"`` (no answers, no grading material) or ``"trainer"``.
    ``platforms`` and ``pythons`` narrow the targets (:mod:`uprkit.training.wheel_targets`;
    all of them by default). A target that cannot be served is named in ``targets.txt``;
    the pack fails only when no target can.
    ``dest`` must be new or empty: a pack never overwrites a folder that holds other files.
    """
    if audience not in PACK_FOLDERS:
        raise WorkshopError(f"unknown pack {audience!r}; choose participants or trainer")
    targets = select_targets(platforms, pythons)
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise WorkshopError(f"{dest} already holds files; give a new or empty folder for the pack")
    root = kit_root()
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    cache_dir.mkdir(parents=True, exist_ok=True)
    dependencies, pins = read_dependencies(root), tested_versions()
    cache = wheel_cache(dependencies, pins, cache_dir)
    wheelhouse = dest / "wheelhouse"
    with tempfile.TemporaryDirectory(prefix="uprkit-kit-wheel-") as tmp:
        kit_wheel = build_kit_wheel(root, Path(tmp))
        results = build_wheelhouse(targets, dependencies, pins, kit_wheel, cache, wheelhouse)
    if all(r.problem for r in results):
        shutil.rmtree(dest, ignore_errors=True)
        reasons = "\n".join(f"- {r.target.key}: {r.problem}" for r in results)
        raise WorkshopError(f"no target could be served, so no pack was made:\n{reasons}")
    report = targets_report(results, pins)
    (dest / "targets.txt").write_text(report, encoding="utf-8")
    supported = [r.target for r in results if r.problem is None]
    copy_kit_folders(root, dest, audience)
    write_install_files(dest, supported, audience, report, language)
    made, notes = (), ()
    if handouts:
        lessons = sorted((root / "course").glob("*.ipynb"))
        result = export_handouts(dest / "handouts", lessons, language=language, pdf=pdf)
        made, notes = result.files, result.notes
    shutil.copy2(pack_manifest.__file__, dest / "verify.py")
    pack_manifest.write_manifest(dest)
    return OfflinePack(
        root=dest,
        wheelhouse=wheelhouse,
        wheels=tuple(sorted(p.name for p in wheelhouse.glob("*.whl"))),
        handouts=made,
        notes=notes,
        from_cache=all(r.from_cache for r in results),
        audience=audience,
        targets=tuple(results),
    )
