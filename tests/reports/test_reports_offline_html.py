"""Every HTML page the kit writes opens offline and tells no third party it was opened: the cohort
summary, a transcript, the funder report, the morning briefing and a lesson handout hold no
CDN script, stylesheet or font, and headless Chromium loading each one asks for nothing but the
file itself (links in the text, to UN documents say, are fine: they are not fetched)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from fixtures.offline_html import requests_made_by
from reports_fixtures import make_graded_workshop
from uprkit.reports.briefing import build_briefing, make_log, save_log
from uprkit.reports.build import build_report
from uprkit.training.handouts import export_handouts

pytestmark = pytest.mark.slow

# What a page would fetch by itself: scripts, stylesheets, fonts, imports, widget renderers.
FETCHED = [
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"@import\s+(?:url\()?\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"cdnjs\.cloudflare|unpkg\.com|cdn\.jsdelivr|fonts\.googleapis", re.I),
]


def fetched_from_the_network(html: str) -> list[str]:
    return [m.group(0) for pattern in FETCHED for m in pattern.finditer(html)]


def test_the_check_finds_what_nbconverts_default_page_fetches():
    stock = (
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">'
        '</script><link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">'
    )
    assert len(fetched_from_the_network(stock)) >= 2
    text_link = '<p><a href="https://www.ohchr.org/en/hr-bodies/upr">the UPR</a></p>'
    assert fetched_from_the_network(text_link) == []


def _lesson_with_widget_and_maths(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(
            "# A handout\n\nA share is $p = k / n$; see "
            "[the UPR](https://www.ohchr.org/en/hr-bodies/upr)."
        ),
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"),
    ]
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """One page of every kind the reports and training layers write."""
    tmp = tmp_path_factory.mktemp("offline")
    ws, ids = make_graded_workshop(tmp / "ws", 4)
    made = {
        "cohort summary": build_report(ws, kind="cohort").html,
        "funder report": build_report(ws, kind="funder").html,
        "transcript": build_report(ws, kind="transcript", participant=ids[0]).html,
    }
    logs = tmp / "logs"
    save_log(make_log("P01", "2026-11-23", observations=[("Other", "Twelve States spoke.")]), logs)
    made["briefing"] = build_briefing(logs, tmp / "briefing.html").html
    lesson = _lesson_with_widget_and_maths(tmp / "01-handout.ipynb")
    made["handout"] = export_handouts(tmp / "handouts", [lesson], pdf=False).files[0]
    return made


def test_no_page_holds_a_script_stylesheet_or_font_from_the_network(pages):
    for kind, page in pages.items():
        html = page.read_text(encoding="utf-8")
        assert fetched_from_the_network(html) == [], kind
    assert "https://www.ohchr.org/en/hr-bodies/upr" in pages["handout"].read_text("utf-8")


def test_kit_html_templates_fetch_nothing(kit_root):
    templates = sorted((kit_root / "src" / "uprkit").glob("**/templates/*.html.j2"))
    assert templates
    for template in templates:
        assert fetched_from_the_network(template.read_text(encoding="utf-8")) == [], template


@pytest.mark.browser
def test_chromium_opening_each_page_requests_nothing_but_the_file(pages):
    # settle 1.5 s: scripts that fetch after load (widgets, mermaid)
    requested = requests_made_by(list(pages.values()), settle_ms=1500)
    assert requested == {}
