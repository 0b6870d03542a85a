"""The dialogue lesson in a real JupyterLab, driven by Debian's Chromium through Playwright.

Starts JupyterLab on a free localhost port with a token, in a temporary copy of course/, opens
lesson 07, runs all cells, plays one round of the role-play by clicking, checks what is rendered
and saves a screenshot to test-artifacts/. Never runs ``playwright install``: it uses
/usr/bin/chromium (engineering notes, "Browser tests").
"""

from __future__ import annotations

import shutil

import pytest

from fixtures.jupyterlab import CHROMIUM, CHROMIUM_ARGS, KIT_ROOT, need_chromium, running_jupyterlab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "07-working-group-dialogue.ipynb"
ARTIFACTS = KIT_ROOT / "test-artifacts"


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on a copy of the course; yields (base_url, token, log_path)."""
    need_chromium()
    course = tmp_path / "course"
    shutil.copytree(
        KIT_ROOT / "course", course, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    with running_jupyterlab(course, tmp_path) as server:
        yield server


def test_play_one_round_of_the_dialogue_in_jupyterlab(jupyterlab):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    base, token, log_path = jupyterlab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{base}/lab/tree/{LESSON}?token={token}")
            page.locator(".jp-Notebook").first.wait_for(timeout=90_000)
            # JupyterLab may ask which kernel to start: accept its (preferred) choice
            accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
            try:
                accept.wait_for(timeout=8_000)
                accept.click()
            except PlaywrightTimeout:
                pass
            # wait until the kernel is up before running everything
            expect(
                page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
            ).to_have_count(1, timeout=90_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

            start = page.locator("button", has_text="Start the dialogue")
            expect(start).to_be_visible(timeout=120_000)
            # the last cell (the self-check quiz) ran too: Run All went through the cell that
            # fails on purpose (tagged raises-exception)
            quiz = page.locator(".jp-OutputArea-output", has_text="85 delegations are on the list")
            expect(quiz.first).to_be_attached(timeout=60_000)
            start.scroll_into_view_if_needed()
            start.click()
            setup = page.locator(".uprkit-setup")
            expect(setup).to_contain_text("1 min 45 s", timeout=30_000)
            expect(setup).to_contain_text("Kenya")
            current = page.locator(".uprkit-current")
            expect(current).to_contain_text("Recommendation 1")
            page.locator(".uprkit-dialogue").first.screenshot(
                path=str(ARTIFACTS / "browser-dialogue-setup.png")
            )
            support = page.locator(".uprkit-dialogue button", has_text="Support").first
            for number in range(1, 6):  # the participant answers 5 recommendations
                expect(current).to_contain_text(f"Recommendation {number}", timeout=30_000)
                support.click()
                expect(page.locator(".uprkit-ok")).to_contain_text(
                    f"Recommendation {number}: supported", timeout=30_000
                )
            report = page.locator(".uprkit-report")
            expect(report).to_contain_text("II. Conclusions and/or recommendations", timeout=30_000)
            expect(report).to_contain_text("enjoy its support")
            expect(page.locator(".uprkit-counts")).to_contain_text("supported")
            page.locator(".uprkit-counts").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "browser-dialogue.png"), full_page=False)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser-dialogue-failure.png"))
            print(log_path.read_text()[-4000:])
            raise
        finally:
            browser.close()
