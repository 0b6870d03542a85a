"""Printable handouts: HTML from every lesson (run first), PDF only where Chromium can print."""

from __future__ import annotations

import re

import nbformat
import pytest
from click.testing import CliRunner

from uprkit.cli import main
from uprkit.training.handouts import export_handouts, find_chromium


def write_lesson(path, language=None):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A tiny lesson\n\nRun the cell."),
        nbformat.v4.new_code_cell("print(6 * 7)"),
    ]
    if language:
        notebook.metadata["language"] = language
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
def test_html_handouts_show_the_results_of_the_run(tmp_path):
    lessons = [write_lesson(tmp_path / "01-tiny.ipynb")]
    result = export_handouts(tmp_path / "handouts", lessons, pdf=False)
    assert [p.name for p in result.files] == ["01-tiny.html"]
    page = result.files[0].read_text(encoding="utf-8")
    assert "A tiny lesson" in page and "42" in page  # the cell was run for the handout
    assert '<html lang="en">' in page and 'dir="rtl"' not in page
    assert result.notes == ()


@pytest.mark.slow
def test_pdf_handouts_where_the_machine_can_and_a_clear_note_where_not(tmp_path, monkeypatch):
    lesson = write_lesson(tmp_path / "01-tiny.ipynb")
    if find_chromium():
        made = export_handouts(tmp_path / "with", [lesson], pdf=True, execute=False)
        pdf = tmp_path / "with" / "01-tiny.pdf"
        assert pdf in made.files and pdf.read_bytes().startswith(b"%PDF")
    monkeypatch.setenv("PATH", str(tmp_path))  # no Chromium on this PATH
    made = export_handouts(tmp_path / "without", [lesson], pdf=True, execute=False)
    assert [p.suffix for p in made.files] == [".html"]
    assert "PDF handouts were not made: this machine has no Chromium" in made.notes[0]


def test_pack_offers_offline_and_handouts():
    result = CliRunner().invoke(main, ["pack", "--help"])
    assert "--handouts" in result.output and "--offline" in result.output


@pytest.mark.slow
def test_a_french_handout_has_the_french_prose_and_the_results(tmp_path):
    from pathlib import Path

    lesson = Path(__file__).resolve().parents[2] / "course" / "02-upr-cycle.ipynb"
    made = export_handouts(tmp_path, [lesson], language="fr")
    page = made.files[0].read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Le cycle de l’EPU" in page
    assert re.search(r'<div class="[^"]*jp-OutputArea-output', page)  # the run's results


@pytest.mark.slow
def test_an_arabic_handout_has_right_to_left_prose_and_left_to_right_code(tmp_path):
    from pathlib import Path

    lesson = Path(__file__).resolve().parents[2] / "course" / "02-upr-cycle.ipynb"
    page = export_handouts(tmp_path, [lesson], language="ar").files[0].read_text(encoding="utf-8")
    assert '<html lang="ar">' in page and "دورة الاستعراض الدوري الشامل" in page
    assert page.count('<div dir="rtl" lang="ar">') >= 10
    assert re.search(r'<div class="[^"]*jp-OutputArea-output', page)
