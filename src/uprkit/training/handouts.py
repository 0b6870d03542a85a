"""Printable handouts: every lesson run once and exported as HTML, and as PDF where possible.

The HTML comes from nbconvert's own Jinja2 template (the ``lab`` template without its CDN
scripts, ``uprkit.templating.offline_html_exporter``: a handout opens offline), told the
page's language through its ``language_code`` resource; PDF needs Chromium (Debian's
``chromium``), and without it the notes say so and HTML is made.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from uprkit.grading.bidi import isolate_in_html
from uprkit.i18n.messages import gettext, text_direction
from uprkit.i18n.notebooks import build_localised_notebook
from uprkit.templating import offline_html_exporter

__all__ = ["Handouts", "find_chromium", "export_handouts"]


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
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    exporter = offline_html_exporter()
    files, notes = [], []
    _ = gettext(language)  # the notes end up in the pack's README, in its language
    chromium = find_chromium() if pdf else None
    if pdf and chromium is None:
        notes.append(
            _(
                "PDF handouts were not made: this machine has no Chromium to print them "
                "(install Debian's `chromium`, or open the HTML handouts in a browser and print "
                "them to PDF)."
            )
        )
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        if execute:
            problem = _execute_for_handout(notebook, path, timeout, _)
            if problem:
                notes.append(problem)
        if language != "en":
            localised = build_localised_notebook(path, language).notebook
            for ran, cell in zip(notebook.cells, localised.cells, strict=True):
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = ran.outputs, ran.execution_count
            notebook = localised
        # Only the language on the page (nbconvert's template writes <html lang=...>): Arabic
        # prose carries its own <div dir="rtl">, and code must stay left to right.
        exporter.language_code = notebook.metadata.get("language", "en")
        body, _resources = exporter.from_notebook_node(
            notebook, resources={"metadata": {"name": path.stem}}
        )
        if text_direction(exporter.language_code) == "rtl":  # keys and numbers read left to right
            body = isolate_in_html(body)
        html_path = dest / f"{path.stem}.html"
        html_path.write_text(body, encoding="utf-8")
        files.append(html_path)
        if chromium:
            pdf_path = html_path.with_suffix(".pdf")
            problem = _print_pdf(chromium, html_path, pdf_path, _)
            if problem:
                notes.append(problem)
            else:
                files.append(pdf_path)
    return Handouts(tuple(files), tuple(notes))


def _execute_for_handout(notebook, path: Path, timeout: int, _) -> str | None:
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
        return _("{file}: a cell failed while making the handout ({error})").format(
            file=path.name, error=exc
        )
    return None


def _print_pdf(chromium: str, html_path: Path, pdf_path: Path, _) -> str | None:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri(),
    ]  # fmt: skip
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _("{file}: Chromium could not print a PDF ({error})").format(
            file=html_path.name, error=exc
        )
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        return _("{file}: Chromium ran but made no PDF").format(file=html_path.name)
    return None
