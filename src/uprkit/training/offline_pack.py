"""Pack the kit for a workshop with no internet: wheels, course, data, handouts, install scripts.

A trainer of trainers builds the pack once where the internet works, copies the folder to a USB
stick, and participants install from it with ``install.sh`` / ``install.bat``, which never touch the
network and install only wheels whose SHA-256 the pack lists (``pip --require-hashes``).

Two packs: the participants' pack (the default) holds the lessons, the exercises and the data,
never ``solutions/`` (answers and hidden tests) nor ``grading/``; the trainer's pack holds
everything needed to run the workshop. Every pack lists each file's SHA-256 in
``MANIFEST.sha256``, checked by ``uprkit verify-pack DIR`` or ``python verify.py``.

The wheels are for the Python and platform of the machine that builds the pack (INSTALL.txt says
which); build the pack on a machine like the participants'.

Building every dependency's wheel takes minutes, so the dependency wheels are cached by a key made
of the kit's dependency list, the Python version and the platform: a second pack with the same
dependencies copies them from the cache and only rebuilds the kit's own wheel.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path

from uprkit.errors import WorkshopError
from uprkit.i18n.messages import compile_catalogs
from uprkit.paths import kit_root
from uprkit.templating import render as render_template
from uprkit.training import pack_manifest
from uprkit.training.handouts import export_handouts

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


def describe_platform() -> str:
    """The Python and platform the wheels are built for, in words."""
    version = f"{sys.implementation.name} {sys.version_info.major}.{sys.version_info.minor}"
    return f"{version} on {sysconfig.get_platform()}"


def read_dependencies(root: Path) -> list[str]:
    """The ``[project].dependencies`` of the kit's pyproject.toml."""
    pyproject = root / "pyproject.toml"
    try:
        return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])
    except (FileNotFoundError, KeyError) as exc:
        raise WorkshopError(f"{pyproject}: cannot read [project].dependencies ({exc})") from None


def wheelhouse_key(dependencies: list[str]) -> str:
    """A short hash that changes when the dependencies, the Python or the platform change."""
    text = "\n".join(sorted(dependencies) + [describe_platform(), sys.version])
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


def build_dependency_wheels(dependencies: list[str], cache_dir: Path) -> tuple[Path, bool]:
    """Wheels of every dependency (and theirs) in a cached folder; returns (folder, from_cache)."""
    pins = tested_versions()
    folder = cache_dir / wheelhouse_key(dependencies + pins)
    if (folder / ".complete").exists():
        return folder, True
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=cache_dir))
    requirements, constraints = partial / "requirements.txt", partial / "constraints.txt"
    requirements.write_text("\n".join(dependencies) + "\n", encoding="utf-8")
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    try:
        _run_pip(
            ["wheel", "--quiet", "--wheel-dir", str(partial), "-r", str(requirements),
             "-c", str(constraints)],
            "building the dependency wheels (this needs the internet, once)",
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    requirements.unlink()
    constraints.unlink()
    (partial / ".complete").write_text(describe_platform() + "\n", encoding="utf-8")
    if folder.exists():  # another build finished first; both are complete and equal
        shutil.rmtree(partial)
    else:
        partial.rename(folder)
    # Keep the two newest wheelhouses (about 140 MB each); older dependency sets go.
    built = sorted(
        (p for p in cache_dir.iterdir() if (p / ".complete").exists()),
        key=lambda p: (p / ".complete").stat().st_mtime,
        reverse=True,
    )
    for old in built[2:]:
        shutil.rmtree(old, ignore_errors=True)
    return folder, False


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


def write_hashed_requirements(wheelhouse: Path) -> Path:
    """``wheelhouse/requirements.txt``: every wheel pinned by version and SHA-256.

    The install scripts use it with ``pip --require-hashes``: a wheel changed on the stick is
    refused by name, and nothing outside the list can be installed.
    """
    lines = []
    for wheel in sorted(wheelhouse.glob("*.whl")):
        name, version = wheel.name.split("-")[:2]
        digest = pack_manifest.file_hash(wheel)
        lines.append(f"{name}=={version} --hash=sha256:{digest}")
    requirements = wheelhouse / "requirements.txt"
    requirements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return requirements


def write_install_files(root: Path, platform: str, audience: str = "participants") -> None:
    """INSTALL.txt and the two install scripts, in plain words (``uprkit/training/templates/``).

    The scripts look for the Python the wheels were built for (this one), say plainly what to do
    when it is missing, install with ``--require-hashes`` and end by opening the course.
    """
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    (root / "INSTALL.txt").write_text(
        render_template(
            __package__,
            "INSTALL.txt.j2",
            platform=platform,
            audience=audience,
            python_version=version,
        ),
        encoding="utf-8",
    )
    (root / "install.sh").write_text(
        render_template(__package__, "install.sh.j2", python_version=version), encoding="utf-8"
    )
    (root / "install.sh").chmod(0o755)
    # Windows' cmd.exe wants CRLF line endings.
    (root / "install.bat").write_text(
        render_template(__package__, "install.bat.j2", python_version=version).replace(
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
) -> OfflinePack:
    """Make ``dest`` a folder that installs and runs the kit with no internet.

    ``audience`` is ``"participants"`` (no answers, no grading material) or ``"trainer"``.
    ``dest`` must be new or empty: a pack never overwrites a folder that holds other files.
    """
    if audience not in PACK_FOLDERS:
        raise WorkshopError(f"unknown pack {audience!r}; choose participants or trainer")
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise WorkshopError(f"{dest} already holds files; give a new or empty folder for the pack")
    root = kit_root()
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    cache_dir.mkdir(parents=True, exist_ok=True)
    dependency_wheels, from_cache = build_dependency_wheels(read_dependencies(root), cache_dir)
    wheelhouse = dest / "wheelhouse"
    wheelhouse.mkdir(parents=True)
    for wheel in dependency_wheels.glob("*.whl"):
        _link_or_copy(wheel, wheelhouse / wheel.name)
    build_kit_wheel(root, wheelhouse)
    write_hashed_requirements(wheelhouse)
    copy_kit_folders(root, dest, audience)
    write_install_files(dest, describe_platform(), audience)
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
        from_cache=from_cache,
        audience=audience,
    )


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
