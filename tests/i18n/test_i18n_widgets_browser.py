"""The drafting workbench and a quiz in an Arabic notebook, in a real JupyterLab and Chromium.

The notebook says ``metadata.language = "ar"`` (as ``uprkit workshop new --language ar`` writes
it) and calls ``show()`` with no language: the widgets read the notebook's language through
the kernel. What is on screen must run right to left (the widget's root and its HTML), and a
citation key must keep its order ("[UPRI-NEWMOD]", not "[-UPRI NEWMOD]"): its "[" is drawn
left of its "U", and its "]" right of its "D". Screenshots go to $UPRKIT_SCREENSHOTS, else
test-artifacts/screenshots/ (ar-workbench.png, ar-quiz.png).
"""

from __future__ import annotations

import os

import nbformat
import pytest

from fixtures.jupyterlab import (
    KIT_ROOT,
    launch_chromium,
    need_chromium,
    open_notebook,
    run_all_cells,
    running_jupyterlab,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKBENCH = """\
from uprkit.widgets.workbench import show
bench = show(state_under_review="KEN", drafts_path="drafts.csv")
bench.draft.value = "التصديق على اتفاقية مناهضة التعذيب بحلول عام 2027."
bench.check(bench.draft.value)
bench"""
QUIZ = """\
from uprkit.widgets.quiz import Question, show_quiz
quiz = show_quiz([Question(
    "كم من الوقت تتكلم الدولة موضوع الاستعراض؟", ("30 دقيقة", "70 دقيقة"), 1,
    "للدولة موضوع الاستعراض 70 دقيقة من أصل 210 دقائق.", "[UPRI-NEWMOD]")])
quiz.items[0].radio.value = "30 دقيقة"
quiz.items[0].check_button.click()
quiz"""
# the x of the n-th character of an element's text, as drawn
CHAR_X = """(el, n) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const node = walker.nextNode();
  const range = document.createRange();
  range.setStart(node, n); range.setEnd(node, n + 1);
  return range.getBoundingClientRect().left;
}"""


def screenshots_dir():
    folder = KIT_ROOT / "test-artifacts" / "screenshots"
    folder = type(folder)(os.environ.get("UPRKIT_SCREENSHOTS") or folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_workbench_and_quiz_run_right_to_left_in_arabic(tmp_path):
    need_chromium()
    from playwright.sync_api import expect, sync_playwright

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(WORKBENCH), nbformat.v4.new_code_cell(QUIZ)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.metadata["language"] = "ar"
    nbformat.write(notebook, tmp_path / "widgets-ar.ipynb")
    shots = screenshots_dir()
    with running_jupyterlab(tmp_path, tmp_path) as (base, token, _log):
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            try:
                open_notebook(page, base, token, "widgets-ar.ipynb")
                run_all_cells(page)
                # JupyterLab's question about its news would cover the widgets
                page.add_style_tag(content=".Toastify { display: none !important; }")
                bench = page.locator(".uprkit-workbench")
                expect(bench).to_be_visible(timeout=90_000)
                expect(bench).to_contain_text("ورشة الصياغة", timeout=60_000)  # its heading
                expect(bench).to_contain_text("فئة الإجراء: 5", timeout=60_000)  # the feedback
                direction = "el => getComputedStyle(el).direction"
                assert bench.evaluate(direction) == "rtl"
                feedback = bench.locator(".uprkit-feedback")
                assert feedback.evaluate(direction) == "rtl"
                assert feedback.evaluate("el => el.closest('[lang]').lang") == "ar"
                assert bench.locator("button", has_text="راجع مسودتي").count() == 1
                # the English UN texts quoted in it read left to right
                quoted = bench.locator("li > [lang='en']").first
                assert quoted.evaluate(direction) == "ltr"
                bench.scroll_into_view_if_needed()
                bench.screenshot(path=str(shots / "ar-workbench.png"))

                quiz = page.locator(".uprkit-quiz")
                quiz.scroll_into_view_if_needed()
                expect(quiz).to_contain_text("ليس تماماً", timeout=60_000)  # "Not quite"
                assert quiz.evaluate(direction) == "rtl"
                key = quiz.locator("bdi", has_text="[UPRI-NEWMOD]")
                expect(key).to_have_count(1)
                assert key.evaluate(direction) == "ltr"
                assert key.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
                x = [key.evaluate(CHAR_X, n) for n in (0, 1, 11, 12)]  # [ U … D ]
                assert x[0] < x[1] < x[2] < x[3], f"citation drawn out of order: {x}"
                quiz.screenshot(path=str(shots / "ar-quiz.png"))
            except Exception:
                page.screenshot(path=str(shots / "ar-widgets-failure.png"))
                raise
            finally:
                browser.close()
