"""The whole online cycle in a browser, on the hub on localhost (issue 18, item 4).

A participant logs in with the token printed for the trainer, opens nbgrader's Assignments tab
in JupyterLab, fetches the released assignment, answers its cell, saves and submits; the trainer
(a Unix user, not root) collects, grades in the sandbox and releases feedback with the kit's
commands (``uprkit.hub.grading``); the participant fetches the feedback and reads it. The course
list comes from the hub's groups through nbgrader's JupyterHubAuthPlugin (nbgrader #1396,
#1663: the server's token can read its user's groups). Screenshots go to
test-artifacts/screenshots/hub-*.png.
"""

from __future__ import annotations

import pwd
from pathlib import Path

import pytest

from fixtures.jupyterlab import CHROMIUM, CHROMIUM_ARGS, need_chromium
from fixtures.required import need_bwrap
from hub.conftest import HubClient, check, run_as

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ANSWER = 'def count_supported(responses):\n    return sum(1 for r in responses if r == "supported")'


def _trainer(hub_cohort, ws, step, *extra):
    from uprkit.hub.cohort import exchange_root
    from uprkit.hub.install import HubLayout

    layout = HubLayout(hub_cohort.prefix)
    argv = [str(layout.python), "-m", "uprkit.cli.hub_grading_cmds", step, "mini", "-w", str(ws)]
    if step != "grade":
        argv += ["--course", hub_cohort.course, "--exchange", str(exchange_root(layout))]
    return check(run_as(hub_cohort.trainer, *argv, *extra), f"{step} as the trainer")


def _open_assignments(page):
    page.locator('#jp-menu-panel div.lm-MenuBar-itemLabel:text("Nbgrader")').click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.wait_for_selector("#released_assignments_list", timeout=60_000)


def _log_in(browser, running_hub, hub_cohort, user: str, lands_on: str):
    """A new page logged in to the hub as ``user`` with the token printed for them."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(90_000)
    page.goto(f"{running_hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub_cohort.tokens[user])
    page.click("#login_submit")
    page.wait_for_url(lands_on, timeout=150_000)
    return page


def test_participant_fetches_answers_submits_and_reads_feedback(
    running_hub, hub_cohort, trainer_workshop
):
    need_chromium()
    need_bwrap()
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    ws, course = trainer_workshop, hub_cohort.course
    user = hub_cohort.participants[1]
    _trainer(hub_cohort, ws, "release")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _log_in(browser, running_hub, hub_cohort, user, f"**/user/{user}/lab**")
            page.wait_for_selector("#jp-menu-panel", timeout=120_000)

            _open_assignments(page)
            released = page.locator("#released_assignments_list > .list_item")
            expect(released).to_have_count(1)
            expect(released.first.locator(".item_course")).to_have_text(course)
            page.screenshot(path=str(SHOTS / "hub-participant-assignments.png"))
            released.first.locator(".item_status button").click()  # Fetch
            fetched = page.locator("#fetched_assignments_list > .list_item")
            expect(fetched).to_have_count(1)

            # open the notebook from the list, answer the solution cell, save
            fetched.first.locator('a:text("mini")').first.click()
            page.locator('#fetched_assignments_list a:text("mini")').last.click()
            editor = page.locator(".jp-NotebookPanel .jp-CodeCell .cm-content").first
            editor.click()
            page.keyboard.press("Control+a")
            page.keyboard.insert_text(ANSWER)
            page.keyboard.press("Control+s")
            page.wait_for_timeout(1500)
            home = Path(pwd.getpwnam(user).pw_dir)
            saved = (home / course / "mini" / "mini.ipynb").read_text(encoding="utf-8")
            assert 'r == \\"supported\\"' in saved, "the answer was not saved"

            page.locator(".lm-TabBar-tab", has_text="Assignments").first.click()
            page.locator('#fetched_assignments_list .item_status button:text("Submit")').click()
            expect(page.locator("#submitted_assignments_list > .list_item")).to_have_count(1)

            out = _trainer(hub_cohort, ws, "collect")
            assert "collected 1 submission" in out, out
            out = _trainer(hub_cohort, ws, "grade")
            assert "1 graded" in out, out
            out = _trainer(hub_cohort, ws, "feedback")
            assert "feedback released to 1 participant" in out, out

            page.locator("#refresh_assignments_list").click()
            button = page.locator('#submitted_assignments_list button:text("Fetch Feedback")')
            button.first.click()
            link = page.locator("#submitted_assignments_list a", has_text="view feedback")
            expect(link.first).to_be_visible()
            link.first.click()  # the file browser goes to the fetched feedback
            page.locator(".jp-DirListing-item", has_text="mini.html").dblclick()
            body = page.frame_locator(".jp-HTMLViewer iframe").locator("body")
            expect(body).to_contain_text("count_supported")
            page.screenshot(path=str(SHOTS / "hub-participant-feedback.png"))
        except Exception:
            page.screenshot(path=str(SHOTS / "hub-failure.png"))
            (SHOTS / "hub-failure.html").write_text(page.content(), encoding="utf-8")
            raise
        finally:
            browser.close()


def test_the_trainer_opens_the_formgrader_service_in_its_own_tab(
    running_hub, hub_cohort, trainer_workshop
):
    """The course's formgrader runs as a hub service (as the trainer's Unix user) and opens in
    a tab of its own, not in JupyterLab's iframe (nbgrader #1870)."""
    need_chromium()
    from playwright.sync_api import expect, sync_playwright

    from uprkit.hub.exchange_hub import formgrader_url

    trainer, course = hub_cohort.trainer, hub_cohort.course
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _log_in(browser, running_hub, hub_cohort, trainer, "**/user/**")
            from hub.conftest import process_environ, server_process
            from uprkit.hub.install import HubLayout

            page.wait_for_selector("#jp-menu-panel", timeout=120_000)
            environ = process_environ(server_process(trainer))
            assert environ["UPRKIT_HOME"] == str(HubLayout(hub_cohort.prefix).trainer_kit)
            page.goto(formgrader_url(course, running_hub.url))
            expect(page.locator("body")).to_contain_text("Manage Assignments", timeout=90_000)
            expect(page.locator("body")).to_contain_text("mini")
            page.screenshot(path=str(SHOTS / "hub-trainer-formgrader.png"))
        finally:
            browser.close()
    # a participant is refused the formgrader
    user = hub_cohort.participants[2]
    client = HubClient(running_hub.url)
    assert client.login(user, hub_cohort.tokens[user]).status_code == 302
    answer = client.session.get(formgrader_url(course, running_hub.url), timeout=60)
    assert answer.status_code == 403, (answer.status_code, answer.url)
    assert "Manage Assignments" not in answer.text
