"""What a participant or a trainer reads in a French, Spanish or Arabic workshop has no English.

Built with the kit's own machinery, in each language: a participant's feedback page from a real
nbgrader autograde of the localised knowledge check (the page's language from the roster), the
workshop pack (README, country README, agenda, certificate template), the offline pack's
INSTALL.txt, a printable handout of a lesson, and the cohort summary, a transcript and the funder
report rendered by papermill over a workshop's gradebook (``tests/reports_fixtures.py``). Tags
are stripped and :func:`uprkit.i18n.parity.untranslated` must find nothing. What participants
wrote themselves (their evaluation answers) is theirs, not the kit's: it is left out.
"""

from __future__ import annotations

import csv
import html
import os
import re
from pathlib import Path

import nbformat
import pytest

from fixtures.jupyterlab import CHROMIUM, CHROMIUM_ARGS, need_chromium
from reports_fixtures import make_graded_workshop
from uprkit.grading.autograde import autograde
from uprkit.grading.feedback import generate_feedback
from uprkit.i18n.notebooks import build_localised_notebook
from uprkit.i18n.parity import untranslated
from uprkit.reports.briefing import build_briefing, make_log, save_log
from uprkit.reports.build import build_report
from uprkit.reports.transcripts import build_transcripts
from uprkit.training.demo_cohort import fill_answers
from uprkit.training.handouts import export_handouts
from uprkit.training.offline_pack import write_install_files
from uprkit.training.wheel_targets import select_targets
from uprkit.training.workshop_pack import build_workshop_pack
from uprkit.workshop.collect import collect_submissions
from uprkit.workshop.prepare import init_workshop, release_assignment

pytestmark = pytest.mark.slow

KIT_ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "es", "ar")
CHECK = "knowledge_check_pre"
# A right answer, a wrong one, one that is not a choice and one left as released: every kind of
# check message a knowledge check shows.
ANSWERS = {
    "answer_01": 'answer_01 = "c"',
    "answer_02": 'answer_02 = "a"',
    "answer_03": 'answer_03 = "z"',
}


def visible_text(page: str) -> list[str]:
    """The pieces of text a reader sees: no tags, styles, scripts or images, and no code (an
    identifier such as `status` is the same in every language)."""
    page = re.sub(r"(?is)<(style|script|title|code)\b.*?</\1>", " ", page)
    pieces = (html.unescape(piece).strip() for piece in re.split(r"<[^>]+>", page))
    return [piece for piece in pieces if piece]


def localised_source(folder: Path, language: str) -> Path:
    """The knowledge check's nbgrader source in ``language``, as a workshop pack holds it."""
    target = folder / f"{CHECK}_{language}"
    target.mkdir(parents=True)
    built = build_localised_notebook(KIT_ROOT / "solutions" / CHECK / f"{CHECK}.ipynb", language)
    nbformat.write(built.notebook, target / f"{CHECK}.ipynb")
    return target


@pytest.fixture(scope="module")
def feedback_pages(tmp_path_factory) -> dict[str, str]:
    """language -> the feedback page of a participant whose roster language it is."""
    tmp = tmp_path_factory.mktemp("feedback")
    roster = tmp / "roster.csv"
    roster.write_text(
        "participant_id,name,gender,region,language\n"
        "pfr,Awa,woman,Africa,fr\npes,Beto,man,Latin America and the Caribbean,es\n"
        "par,Rania,woman,Middle East and North Africa,ar\n",
        encoding="utf-8",
    )
    sources = [localised_source(tmp / "sources", language) for language in LANGUAGES]
    ws = init_workshop(tmp / "ws", roster, assignments=[str(s) for s in sources])
    pages = {}
    for language in LANGUAGES:
        name = f"{CHECK}_{language}"
        release = nbformat.read(release_assignment(ws, name) / f"{CHECK}.ipynb", as_version=4)
        incoming = tmp / f"in-{language}"
        incoming.mkdir()
        nbformat.write(fill_answers(release, ANSWERS), incoming / f"p{language}.ipynb")
        collect_submissions(ws, name, incoming)
        autograde(ws, name, workers=1)
        # English asked for: the roster's language still comes first for each person.
        folders = generate_feedback(ws, name, language="en")
        pages[language] = (folders[f"p{language}"] / f"{CHECK}.html").read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """A workshop with graded assignments and evaluations, and what its participants wrote."""
    tmp = tmp_path_factory.mktemp("cohort")
    ws, ids = make_graded_workshop(tmp / "ws", 6)
    return ws, ids


def participants_words(report_html: Path) -> set[str]:
    """The answers participants wrote themselves, from the tables beside a report."""
    words = set()
    for name, column in (("open_answers", "answer"), ("follow_up", "plan")):
        path = report_html.parent / "tables" / f"{name}.csv"
        if path.exists():
            with path.open(encoding="utf-8-sig") as handle:
                words |= {row[column] for row in csv.DictReader(handle) if row[column]}
    return words


def kit_text(pieces: list[str], theirs: set[str]) -> list[str]:
    """The pieces the kit wrote: a participant's answer (or its digest line) is left out."""
    return [p for p in pieces if not any(p.lstrip("- ").startswith(w[:40]) for w in theirs)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_page_has_no_english(feedback_pages, language):
    page = feedback_pages[language]
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page  # the roster's language
    text = visible_text(page)
    assert untranslated(text, language) == []
    # the check messages were English in the kernel; they read in the page's language
    assert not any("is not one of" in t or "is not the right choice" in t for t in text)


def test_arabic_feedback_isolates_keys_and_numbers(feedback_pages):
    page = feedback_pages["ar"]
    assert re.search(r"<bdi>\[[A-Z][A-Z0-9-]+\]</bdi>", page), "no citation key in <bdi>"
    assert "<bdi>1</bdi>" in page  # points, question numbers


SHOTS = Path(os.environ.get("UPRKIT_SCREENSHOTS") or KIT_ROOT / "test-artifacts" / "screenshots")
# Where each character of every citation key on the page is drawn (x of its left edge).
KEYS_ON_SCREEN = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\[[A-Z]+-[A-Z0-9-]+\\]/g)) {
      const xs = [...match[0]].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, match.index + i); range.setEnd(node, match.index + i + 1);
        return range.getBoundingClientRect().left;
      });
      found.push({key: match[0], xs});
    }
  }
  return found;
}"""


@pytest.mark.browser
def test_arabic_feedback_reads_right_to_left_in_chromium(feedback_pages, tmp_path):
    """Debian's Chromium shows the Arabic page right to left, and each citation key in the
    order it is written ("[UPRI-NEWMOD]", never "[-UPRI NEWMOD]"); screenshot: ar-feedback.png."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    path = tmp_path / "ar-feedback.html"
    path.write_text(feedback_pages["ar"], encoding="utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 1200})
            page.goto(path.as_uri())
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            keys = page.evaluate(KEYS_ON_SCREEN)
            assert len(keys) >= 3, keys
            for key in keys:  # "[UPRI-NEWMOD]" drawn left to right, "[" first, "]" last
                assert key["xs"] == sorted(key["xs"]), key
            page.screenshot(path=str(SHOTS / "ar-feedback.png"), full_page=False)
            # The control: the same page without its isolates draws some key out of order.
            bare = re.sub(r"</?bdi>|[\u2066\u2069]", "", feedback_pages["ar"])
            path.write_text(bare, encoding="utf-8")
            page.goto(path.as_uri())
            assert any(k["xs"] != sorted(k["xs"]) for k in page.evaluate(KEYS_ON_SCREEN))
        finally:
            browser.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workshop_and_offline_packs_have_no_english(tmp_path, language):
    pack = build_workshop_pack(tmp_path / "pack", country="KEN", language=language, days=3)
    (tmp_path / "offline").mkdir()
    targets = select_targets(["win_amd64", "linux_x86_64", "macos_arm64"], ["3.11", "3.13"])
    write_install_files(tmp_path / "offline", targets, language=language)
    files = ["README.md", "country/README.md", "agenda.md", "certificate-template.html"]
    for name in files:
        text = (pack.root / name).read_text(encoding="utf-8")
        assert untranslated(visible_text(text), language) == [], name
    install = (tmp_path / "offline" / "INSTALL.txt").read_text(encoding="utf-8")
    assert untranslated(install.split("targets.txt\n-----------")[0].splitlines(), language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_printed_handout_has_no_english(tmp_path, language):
    lesson = KIT_ROOT / "course" / "02-upr-cycle.ipynb"
    made = export_handouts(tmp_path, [lesson], language=language)
    page = made.files[0].read_text(encoding="utf-8")
    page = re.sub(r"(?is)<pre\b.*?</pre>|<div class=\"highlight[^>]*>.*?</div>", " ", page)
    assert untranslated(visible_text(page), language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cohort_reports_have_no_english(cohort, language):
    ws, ids = cohort
    summary = build_report(ws, kind="cohort", language=language).html
    (transcript,) = build_transcripts(ws, ids[0], language=language)
    pages = [summary, transcript.html]
    if language == "es":  # the funder report's words are the cohort's; one language is enough
        pages.append(build_report(ws, kind="funder", language=language).html)
    for page_path in pages:
        page = page_path.read_text(encoding="utf-8")
        assert f'lang="{language}"' in page
        text = kit_text(visible_text(page), participants_words(summary))
        assert untranslated(text, language) == [], page_path.name
    if language == "ar":
        assert '<html lang="ar" dir="rtl">' in summary.read_text(encoding="utf-8")


# What participants wrote in their daily logs, in the workshop's language (theirs, not the kit's).
LOG_WORDS = {
    "fr": ("Douze États ont parlé de la liberté de la presse.", "Rédiger la note d’une page"),
    "es": ("Doce Estados hablaron de la libertad de prensa.", "Redactar la nota de una página"),
    "ar": ("أثارت اثنتا عشرة دولة حرية الصحافة.", "صياغة ورقة من صفحة واحدة"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_morning_briefing_has_no_english(tmp_path, language):
    seen, task = LOG_WORDS[language]
    logs = tmp_path / "logs"
    observations = [("Working Group review", seen, "Kenya"), ("Side event", seen)]
    save_log(make_log("P01", "2026-11-23", observations=observations,
                      tasks=[(task, "2026-11-24"), task]), logs)  # fmt: skip
    (logs / "2026-11-23_P02.json").write_text("{oops", encoding="utf-8")  # one not read
    result = build_briefing(logs, tmp_path / "briefing.html", language=language)
    page = result.html.read_text(encoding="utf-8")
    assert f'lang="{language}"' in page
    assert untranslated(visible_text(page), language) == []
