"""The follow-up tracker and its dashboard as people see them, in Debian's Chromium (issue 17).

The widget runs in a real JupyterLab (the shared server of tests/simulations/conftest.py): a
participant filters, records evidence for one recommendation and asks what changed. The dashboard
HTML opens from disk with every request watched: it fetches nothing. Screenshots go to
$UPRKIT_SCREENSHOTS, else test-artifacts/screenshots/ (followup-widget.png, followup-dashboard.png,
followup-dashboard-ar.png).
"""

from __future__ import annotations

import nbformat
import pytest
from test_browser_layout import screenshots_dir

from fixtures.jupyterlab import open_notebook, run_all_cells
from uprkit.data import load_recommendations
from uprkit.reports.followup import build_followup_report
from uprkit.simulations.followup import build_matrix, read_matrix, save_matrix, write_matrix

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _matrix(folder):
    path = write_matrix(
        build_matrix(load_recommendations(), state="KEN", cycle=4),
        folder / "followup-KEN-cycle4.xlsx",
    )
    worked = read_matrix(path)
    worked.loc[:5, "status"] = "implemented"
    worked.loc[6:9, "status"] = "partially implemented"
    worked.loc[10, ["status", "evidence", "evidence_date"]] = [
        "regressed", "Ms Achieng Otieno (ministry) said the budget line was cut", "2026-10-01"
    ]  # fmt: skip
    save_matrix(worked, path, read_as=read_matrix(path))
    return path


def test_the_tracker_widget_in_jupyterlab(lab_server, chromium):
    from playwright.sync_api import expect

    base, token, _log, root = lab_server
    folder = root / "layout"
    _matrix(folder)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from uprkit.widgets.followup import show\n"
            "tracker = show('followup-KEN-cycle4.xlsx', language='en')"
        )
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "followup.ipynb")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        open_notebook(page, base, token, "layout/followup.ipynb")
        run_all_cells(page)
        view = page.locator(".uprkit-followup-tracker")
        expect(view).to_be_visible(timeout=60_000)
        expect(view).to_contain_text("36 of 36 recommendations shown.", timeout=30_000)
        view.locator("select").nth(2).select_option(label="implemented")  # the status filter
        expect(view).to_contain_text("6 of 36 recommendations shown.", timeout=30_000)
        view.locator("select").nth(2).select_option(label="(all)")
        view.locator("textarea").fill("The labour bill was tabled in Parliament")
        view.locator("input[type=text]").first.fill("2026-11-02")
        view.locator("button", has_text="Update this recommendation").click()
        expect(view.locator(".uprkit-ok")).to_contain_text("not saved yet", timeout=30_000)
        view.locator("button", has_text="What changed since the last save").click()
        expect(view.locator(".uprkit-changes")).to_contain_text("2026-11-02", timeout=30_000)
        view.scroll_into_view_if_needed()
        view.screenshot(path=str(screenshots_dir() / "followup-widget.png"))
    except Exception:
        page.screenshot(path=str(screenshots_dir() / "followup-widget-failure.png"))
        raise
    finally:
        page.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_dashboard_page_opens_offline_and_fetches_nothing(chromium, tmp_path, language):
    from playwright.sync_api import expect

    path = _matrix(tmp_path)
    html = build_followup_report(path, tmp_path / "out", kind="dashboard", language=language).html
    page = chromium.new_page(viewport={"width": 1100, "height": 1400})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(html.as_uri())
        report = page.locator(".uprkit-followup")
        expect(report).to_be_visible(timeout=30_000)
        expect(report).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        expect(report.locator("table").first).to_contain_text("55%")
        suffix = "" if language == "en" else f"-{language}"
        page.screenshot(
            path=str(screenshots_dir() / f"followup-dashboard{suffix}.png"), full_page=True
        )
    finally:
        page.close()
    assert [u for u in requested if not u.startswith("file://")] == []
    assert "Achieng" not in html.read_text(encoding="utf-8")
