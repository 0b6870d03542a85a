"""Pack the kit for a workshop with no internet: wheels, course, data, handouts, install scripts.

A trainer of trainers builds the pack once where the internet works, copies the folder to a USB
stick, and participants install with ``pip install --no-index --find-links wheelhouse uprkit``,
which never touches the network. The wheels are for the Python and platform of the machine that
builds the pack (INSTALL.txt says which); build the pack on a machine like the participants'.

Building every dependency's wheel takes minutes, so the dependency wheels are cached by a key made
of the kit's dependency list, the Python version and the platform: a second pack with the same
dependencies copies them from the cache and only rebuilds the kit's own wheel.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from uprkit.errors import WorkshopError
from uprkit.paths import kit_root

# The kit's folders a workshop needs besides the installed package (kit_root() finds them).
KIT_FOLDERS = ("course", "datasets", "solutions", "exercises", "grading")
# Left out of every copy of the kit (this pack and the workshop pack of uprkit.training.workshop_pack): caches,
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
    from importlib.metadata import distributions

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
        _compile_catalogs(source / "src")
        _run_pip(
            ["wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(source)],
            "building the uprkit wheel",
        )
    wheels = sorted(dest.glob("uprkit-*.whl"))
    if not wheels:
        raise WorkshopError(f"pip built no uprkit wheel in {dest}")
    return wheels[-1]


def _compile_catalogs(src: Path) -> None:
    """Compile the message catalogs into the copy, when the i18n module is there."""
    try:
        from uprkit.i18n import compile_catalogs
    except ImportError:
        return
    compile_catalogs(src / "uprkit" / "locale")


def write_install_files(root: Path, platform: str) -> None:
    """INSTALL.txt and the two install scripts, in plain words."""
    (root / "INSTALL.txt").write_text(
        f"""uprkit offline pack
===================

This folder installs the uprkit training kit WITHOUT internet.
The programs in wheelhouse/ are built for: {platform}.
Participants need the same Python version (3.11) on the same kind of computer.

Linux or macOS
  1. Open a terminal in this folder.
  2. Run:  sh install.sh
  3. Start the course:  .venv/bin/jupyter lab course/

Windows
  1. Open "Command Prompt" in this folder.
  2. Run:  install.bat
  3. Start the course:  .venv\\Scripts\\jupyter lab course\\

What the scripts do (you can type it yourself):
  python3 -m venv .venv
  .venv/bin/pip install --no-index --find-links wheelhouse uprkit

"--no-index" means pip only looks in wheelhouse/ and never goes online.
Run `uprkit` commands from this folder (it holds course/, datasets/, solutions/ and grading/),
or set UPRKIT_HOME to this folder.

Handouts (HTML, printable) are in handouts/ when the pack was built with them.
""",
        encoding="utf-8",
    )
    (root / "install.sh").write_text(
        """#!/bin/sh
# Install uprkit from this folder only: no internet needed.
set -e
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
.venv/bin/python -m pip install --no-index --find-links wheelhouse uprkit
# Not needed by the kit and slows every start by over a second (see the kit's engineering notes).
.venv/bin/python -m pip uninstall --quiet -y rfc3987-syntax || true
echo "Installed. Start the course with: .venv/bin/jupyter lab course/"
""",
        encoding="utf-8",
    )
    (root / "install.sh").chmod(0o755)
    (root / "install.bat").write_text(
        "@echo off\r\n"
        "rem Install uprkit from this folder only: no internet needed.\r\n"
        'cd /d "%~dp0"\r\n'
        "python -m venv .venv || exit /b 1\r\n"
        ".venv\\Scripts\\python -m pip install --no-index --find-links wheelhouse uprkit"
        " || exit /b 1\r\n"
        ".venv\\Scripts\\python -m pip uninstall --quiet -y rfc3987-syntax\r\n"
        "echo Installed. Start the course with: .venv\\Scripts\\jupyter lab course\\\r\n",
        encoding="utf-8",
    )


def copy_kit_folders(root: Path, dest: Path) -> None:
    for name in KIT_FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name, ignore=KIT_COPY_IGNORE, dirs_exist_ok=True)


def build_offline_pack(
    dest: str | Path,
    *,
    cache_dir: str | Path | None = None,
    handouts: bool = True,
    pdf: bool = False,
    language: str = "en",
) -> OfflinePack:
    """Make ``dest`` a folder that installs and runs the whole kit with no internet.

    ``dest`` must be new or empty: a pack never overwrites a folder that holds other files.
    """
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
    copy_kit_folders(root, dest)
    write_install_files(dest, describe_platform())
    made, notes = (), ()
    if handouts:
        lessons = sorted((root / "course").glob("*.ipynb"))
        result = export_handouts(dest / "handouts", lessons, language=language, pdf=pdf)
        made, notes = result.files, result.notes
    return OfflinePack(
        root=dest,
        wheelhouse=wheelhouse,
        wheels=tuple(sorted(p.name for p in wheelhouse.glob("*.whl"))),
        handouts=made,
        notes=notes,
        from_cache=from_cache,
    )


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# ---------------------------------------------------------------- handouts


@dataclass(frozen=True)
class Handouts:
    """Handout files made, and what could not be made on this machine (and why)."""

    files: tuple[Path, ...]
    notes: tuple[str, ...]


def find_chromium() -> str | None:
    """A Chromium/Chrome binary that can print HTML to PDF, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def export_handouts(
    dest: str | Path,
    notebooks: list[Path],
    *,
    language: str = "en",
    pdf: bool = False,
    execute: bool = True,
    timeout: int = 120,
) -> Handouts:
    """One printable HTML handout per notebook (run first, so results show), PDF where possible.

    With ``language`` other than English, the handout has the lesson's translated prose and the
    results of running the original (code cells are the same in every language). PDF needs
    Chromium (Debian's ``chromium``); without it the notes say so and HTML is made. Arabic
    prose prints right to left (its markdown is wrapped in ``<div dir="rtl">``), code left to right.
    """
    import nbformat
    from nbconvert import HTMLExporter

    from uprkit.i18n.notebooks import build_localised_notebook

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    files, notes = [], []
    chromium = find_chromium() if pdf else None
    if pdf and chromium is None:
        notes.append(
            "PDF handouts were not made: this machine has no Chromium to print them "
            "(install Debian's `chromium`, or open the HTML handouts in a browser and print "
            "them to PDF)."
        )
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        if execute:
            problem = _execute_for_handout(notebook, path, timeout)
            if problem:
                notes.append(problem)
        if language != "en":
            localised = build_localised_notebook(path, language).notebook
            for ran, cell in zip(notebook.cells, localised.cells, strict=True):
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = ran.outputs, ran.execution_count
            notebook = localised
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        # Only the language on the page: Arabic prose carries its own <div dir="rtl">, and code
        # must stay left to right.
        shown = notebook.metadata.get("language", "en")
        body = re.sub(r"<html[^>]*>", f'<html lang="{shown}">', body, count=1)
        html_path = dest / f"{path.stem}.html"
        html_path.write_text(body, encoding="utf-8")
        files.append(html_path)
        if chromium:
            pdf_path = html_path.with_suffix(".pdf")
            problem = _print_pdf(chromium, html_path, pdf_path)
            if problem:
                notes.append(problem)
            else:
                files.append(pdf_path)
    return Handouts(tuple(files), tuple(notes))


def _execute_for_handout(notebook, path: Path, timeout: int) -> str | None:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,  # a cell tagged raises-exception must not stop the handout
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:  # pragma: no cover - allow_errors keeps going
        return f"{path.name}: a cell failed while making the handout ({exc})"
    return None


def _print_pdf(chromium: str, html_path: Path, pdf_path: Path) -> str | None:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri(),
    ]  # fmt: skip
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{html_path.name}: Chromium could not print a PDF ({exc})"
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        return f"{html_path.name}: Chromium ran but made no PDF"
    return None
