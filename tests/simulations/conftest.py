"""One JupyterLab server and one Chromium for every browser test of the simulations.

Starting JupyterLab (~5 s) and Chromium (~1 s) is most of a browser test's time, so the tests
share them: the server serves a temporary folder holding a copy of course/ and the small
notebooks the layout tests write (one per simulation, under ``layout/``). It runs with the
participants' lab profile (uprkit.training.lab_profile), as `make lab` does: the tests see what a
participant sees.
"""

from __future__ import annotations

import shutil

import pytest

from fixtures.jupyterlab import KIT_ROOT, launch_chromium, need_chromium, running_jupyterlab
from uprkit.training.lab_profile import write_profile


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """(base_url, token, log_path, root): JupyterLab on a scratch folder with course/ in it."""
    need_chromium()
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(
        KIT_ROOT / "course", root / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    (root / "layout").mkdir()
    scratch = tmp_path_factory.mktemp("lab-settings")
    profile = write_profile(scratch / "profile", "participants")
    with running_jupyterlab(root, scratch, config_path=profile, extra_args=()) as (
        base,
        token,
        log_path,
    ):
        yield base, token, log_path, root


@pytest.fixture(scope="module")
def chromium(lab_server):
    """Debian's Chromium, launched once per test module (~1 s); each test opens its own page.

    Not per session: Playwright's sync API runs an event loop while it is open, and a browser
    test of another folder (tests/i18n) starts Playwright of its own.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()
