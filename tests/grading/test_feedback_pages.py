"""Feedback a participant can read (issue 14, item 3), from real nbgrader runs on the kit's
`recommendations` assignment: each check's message and never a traceback, a path, the kit's
source or a hidden test; ✓/✗ per choice; the rubric's criteria a trainer marked; plain words in
the workshop's language; a page that asks the network for nothing. Prose answers under
``%%answer`` (item 4) are graded like any text, an unmatched quote included."""

from __future__ import annotations

import csv
import html
import re

import nbformat
import pytest

from fixtures.jupyterlab import CHROMIUM, CHROMIUM_ARGS, need_chromium
from uprkit.grading.autograde import autograde
from uprkit.grading.feedback import generate_feedback
from uprkit.grading.rubric_sheets import apply_grading_sheet, write_grading_sheet
from uprkit.training.demo_cohort import fill_answers, read_solution_answers
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.prepare import init_workshop, release_assignment

pytestmark = pytest.mark.slow

NAME = "recommendations"
# Two of the four True/False choices wrong (B and C), a recommendation with an unmatched quote
# that still names an action, a date and a standard, and one too short to be assessed.
QUOTE_BROKEN = (
    '%%answer recommendation_1\nAdopt by 2027 a law protecting "human rights defenders, drafted '
    "by the Ministry of Justice in line with the UN Declaration on Human Rights Defenders.\n"
)
THIRD = {
    "recommendation_1": QUOTE_BROKEN,
    "recommendation_2": "%%answer recommendation_2\nEnd torture soon.",
    "specific_action": 'specific_action = {"A": True, "B": True, "C": True, "D": True}',
    "convince_a_diplomat": "It names who acts and by when, so it can be checked at the mid-term.",
}
# The old way, a Python string with its closing quote missing: a SyntaxError.
FOURTH = {"recommendation_1": 'recommendation_1 = (\n    "Adopt a law by 2027.\n)'}
# What no participant should read: tracebacks, machine paths, the kit's source, test code.
FORBIDDEN = (
    "Traceback", "/tmp", "/root", "/work", "/home", "site-packages", "uprkit/", ".py",
    "score_recommendation(", "from uprkit", "require_mapping(", "Grade cell", "Student's answer",
    "BEGIN HIDDEN", "NotImplementedError",
)  # fmt: skip
FETCHED = [
    re.compile(r"<script\b", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"<(?:img|iframe|source)\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"@import", re.I),
]


def hidden_lines(source) -> list[str]:
    lines, inside = [], False
    for cell in nbformat.read(source, as_version=4).cells:
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 8:
                lines.append(line.strip())
    return lines


@pytest.fixture(scope="module")
def graded(tmp_path_factory, kit_root):
    tmp = tmp_path_factory.mktemp("feedback")
    roster = tmp / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region\np1,Ana,woman,Africa\np2,Ben,man,Asia-Pacific\n"
        "p3,Chloé,woman,Eastern Europe\np4,Dev,man,Asia-Pacific\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp / "ws", roster, assignments=[NAME])
    release = nbformat.read(release_assignment(ws, NAME) / f"{NAME}.ipynb", as_version=4)
    source = kit_root / "solutions" / NAME / f"{NAME}.ipynb"
    incoming = tmp / "in"
    incoming.mkdir()
    nbformat.write(fill_answers(release, read_solution_answers(source)), incoming / "p1.ipynb")
    nbformat.write(release, incoming / "p2.ipynb")
    nbformat.write(fill_answers(release, THIRD), incoming / "p3.ipynb")
    nbformat.write(fill_answers(release, FOURTH), incoming / "p4.ipynb")
    collect_submissions(ws, NAME, incoming)
    run = autograde(ws, NAME, workers=2)
    # The trainer's pass over the written answer: p3 meets the first criterion, not the second.
    sheet, _ = write_grading_sheet(ws, NAME)
    with sheet.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["awarded"] = "1" if row["criterion"] == "1" else "0"
        row["comment"] = "say which figure" if row["criterion"] == "2" else ""
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    apply_grading_sheet(ws, NAME, sheet)
    pages = generate_feedback(ws, NAME)
    read = {
        pid: (folder / f"{NAME}.html").read_text(encoding="utf-8") for pid, folder in pages.items()
    }
    return ws, run, pages, read, source


def text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_prose_answers_are_graded_and_an_unmatched_quote_costs_nothing(graded):
    _, run, _, _, _ = graded
    scores = {pid: r.score for pid, r in run.by_participant().items()}
    assert all(r.status == "graded" for r in run.by_participant().values())
    assert scores["p1"] == 16.0, scores  # the solution: every autograded point
    assert scores["p2"] == 0.0, scores  # the released exercise, untouched
    assert scores["p3"] >= 4.0, scores  # 2 of 4 choices + the quote-broken recommendation
    assert scores["p4"] == 0.0, scores  # the old way's SyntaxError: nothing else answered


def test_no_page_shows_a_traceback_a_path_the_kits_source_or_a_hidden_test(graded):
    _, _, pages, read, source = graded
    assert set(pages) == {"p1", "p2", "p3", "p4"} and not pages.needs_a_look
    hidden = hidden_lines(source)
    assert hidden
    for pid, page in read.items():
        shown = html.unescape(page)
        assert [word for word in FORBIDDEN if word in shown] == [], pid
        assert [line for line in hidden if line in shown] == [], pid


def test_each_check_says_what_to_do_in_plain_words(graded):
    _, _, _, read, _ = graded
    third, fourth, blank = text(read["p3"]), text(read["p4"]), text(read["p2"])
    assert "`recommendation_2` has 3 word(s); write at least 8." in third
    assert "Check for Question 2 — your own recommendation" in third
    assert "Your answer" in third and 'protecting "human rights defenders' in third
    assert "`recommendation_1` has no answer yet: write your answer under the first line" in blank
    # the SyntaxError of the old way: one sentence where it happened, one at the check
    assert "Python could not run this cell (SyntaxError" in fourth
    assert "`recommendation_1` has no value: run the cell with your answer" in fourth


def test_wrong_choices_are_marked_without_the_answer_key(graded):
    _, _, _, read, _ = graded
    third = text(read["p3"])
    for mark in ("✓ recommendation A", "✗ recommendation B", "✗ recommendation C"):
        assert mark in third
    assert "_expected" not in third and "is value" not in third


def test_the_trainers_rubric_marks_show(graded):
    _, _, _, read, _ = graded
    third = text(read["p3"])
    assert "Your trainer's assessment" in third
    assert "1/1: Explains what the State under Review can act on" in third
    assert "0/1: Explains how the recommendation can be monitored" in third
    assert "say which figure" in third
    assert re.search(r'class="met">1/1', read["p3"]) and re.search(
        r'class="missed">0/1', read["p3"]
    )


def test_pages_are_in_the_workshops_language_and_arabic_reads_right_to_left(graded):
    ws, _, _, _, _ = graded
    french = generate_feedback(ws, NAME, language="fr")
    page = (french["p3"] / f"{NAME}.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in page and "Votre réponse" in text(page)
    arabic = generate_feedback(ws, NAME, language="ar")
    page = (arabic["p3"] / f"{NAME}.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "إجابتك" in text(page)
    generate_feedback(ws, NAME)  # back to English for the other tests


def test_pages_hold_nothing_that_fetches(graded):
    _, _, _, read, _ = graded
    for pid, page in read.items():
        assert [m.group(0) for p in FETCHED for m in p.finditer(page)] == [], pid


@pytest.mark.browser
def test_chromium_opening_a_feedback_page_requests_nothing(graded):
    need_chromium()
    from playwright.sync_api import sync_playwright

    _, _, pages, _, _ = graded
    requested = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for folder in pages.values():
                page = browser.new_page()

                def route(r):
                    if r.request.url.startswith(("file:", "data:", "about:")):
                        r.continue_()
                    else:
                        requested.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                page.goto((folder / f"{NAME}.html").resolve().as_uri(), wait_until="load")
                assert page.locator("section.check").count() == 3  # the three checks
                page.close()
        finally:
            browser.close()
    assert requested == []


@pytest.mark.browser
def test_the_network_checks_catch_a_stock_nbconvert_page(tmp_path):
    """The demo's check (fixtures.offline_html) finds what nbconvert's default page fetches."""
    from fixtures.offline_html import fetching_markup, requests_made_by

    page = tmp_path / "stock.html"
    page.write_text(
        '<html><head><script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/'
        'require.min.js"></script></head><body>x</body></html>',
        encoding="utf-8",
    )
    assert fetching_markup(page.read_text(encoding="utf-8"))
    assert list(requests_made_by([page]).values()) == [
        ["https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"]
    ]
