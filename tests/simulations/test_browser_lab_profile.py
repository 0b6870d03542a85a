"""The participants' JupyterLab (uprkit.training.lab_profile) in Chromium: no nbgrader instructor
menu or panels, no news pop-up; the same JupyterLab without the profile shows all three.

The participants' server is the one the simulations' browser tests share (tests/simulations/
conftest.py); the server without a profile is started here, as a user's plain `jupyter lab`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import nbformat
import pytest

from fixtures.jupyterlab import open_notebook, running_jupyterlab
from uprkit.training.lab_profile import INSTRUCTOR_PLUGINS, NEWS_PLUGIN

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEWS_QUESTION = "notified about official Jupyter news"


def _write_notebook(folder) -> str:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("A participant's notebook")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "profile-check.ipynb")
    return "profile-check.ipynb"


def _what_is_shown(page, base: str, token: str) -> dict:
    """The nbgrader menu and panels, the news question, and the page's disabled plugins."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:  # the news question comes a few seconds after the page, if it comes
        page.get_by_text(NEWS_QUESTION).first.wait_for(timeout=8_000)
    except PlaywrightTimeout:
        pass
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    try:
        with urllib.request.urlopen(f"{base}/formgrader?token={token}", timeout=10) as answer:
            formgrader = answer.status
    except urllib.error.HTTPError as error:
        formgrader = error.code
    return {
        "nbgrader menu": page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").count(),
        "create assignment tab": page.get_by_role("tab", name="Create Assignment").count(),
        "validate button": page.locator(".jp-Toolbar", has_text="Validate").count(),
        "news question": page.get_by_text(NEWS_QUESTION).count(),
        "disabled": set(config.get("disabledExtensions", [])),
        "formgrader page": formgrader,
    }


def test_participants_see_no_instructor_tools_and_no_news(lab_server, chromium):
    base, token, _log, root = lab_server
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        open_notebook(page, base, token, _write_notebook(root))
        shown = _what_is_shown(page, base, token)
    finally:
        page.close()
    assert shown["nbgrader menu"] == 0
    assert shown["create assignment tab"] == 0
    assert shown["news question"] == 0
    assert {*INSTRUCTOR_PLUGINS, NEWS_PLUGIN} <= shown["disabled"]
    assert shown["formgrader page"] == 404  # the server extension is off too
    assert shown["validate button"] >= 1  # checking one's own notebook stays


def test_without_the_profile_jupyterlab_shows_them(chromium, tmp_path):
    """The control: the same checks see the menu, the panel and the news question."""
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    with running_jupyterlab(tmp_path, tmp_path, extra_args=()) as (base, token, _log):
        try:
            open_notebook(page, base, token, _write_notebook(tmp_path))
            shown = _what_is_shown(page, base, token)
        finally:
            page.close()
    assert shown["nbgrader menu"] == 1
    assert shown["create assignment tab"] == 1
    assert shown["news question"] == 1
    assert not shown["disabled"] & {*INSTRUCTOR_PLUGINS, NEWS_PLUGIN}
    assert shown["formgrader page"] != 404
