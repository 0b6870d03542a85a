"""The dialogue lesson in a real JupyterLab, driven by Debian's Chromium through Playwright.

Uses the JupyterLab server the simulations' browser tests share (tests/simulations/conftest.py:
a temporary copy of course/, the participants' lab profile), opens lesson 07, runs all cells,
plays one round of the role-play by clicking, checks what is rendered and saves a screenshot
to test-artifacts/. Never runs ``playwright install``: it uses /usr/bin/chromium (engineering
notes, "Browser tests").
"""

from __future__ import annotations

import pytest

from fixtures.jupyterlab import KIT_ROOT, open_notebook, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "course/07-working-group-dialogue.ipynb"
ARTIFACTS = KIT_ROOT / "test-artifacts"


def test_play_one_round_of_the_dialogue_in_jupyterlab(lab_server, chromium):
    from playwright.sync_api import expect

    base, token, log_path, _root = lab_server  # shared with the other browser tests
    ARTIFACTS.mkdir(exist_ok=True)
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_notebook(page, base, token, LESSON)
        run_all_cells(page)

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
        page.close()
