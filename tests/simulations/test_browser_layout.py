"""The four simulations as a participant sees them: JupyterLab in Chromium at 1280×800 and 1024×768.

Each test writes a one-cell notebook that shows one simulation (the call its lesson makes), runs
it on a real kernel, clicks through what a participant would click, and then, at each screen size,
reads the rendered page (tests/simulations/layout_checks.js): nothing sticks out of the output
area or scrolls sideways, no button, label or dropdown choice is cut short, no figure is squeezed;
and the visible text has no ``NaN``, ``None`` or raw identifiers (``esc_rights_general``,
``sur_supported_share``). Screenshots go to $UPRKIT_SCREENSHOTS, else test-artifacts/screenshots/.

JupyterLab keeps its file browser open on the left, as a participant's does: the notebook gets
what is left of the width.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

from fixtures.jupyterlab import KIT_ROOT, open_notebook, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = ((1280, 800), (1024, 768))
LAYOUT_CHECKS = (Path(__file__).with_name("layout_checks.js")).read_text(encoding="utf-8")
# a raw identifier (snake_case) or a missing value shown as such
RAW = re.compile(r"\b(?:NaN|nan|None|[a-z0-9]+(?:_[a-z0-9]+)+)\b")


def screenshots_dir() -> Path:
    folder = Path(
        os.environ.get("UPRKIT_SCREENSHOTS") or KIT_ROOT / "test-artifacts" / "screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# One notebook, one kernel, one page for every test here: a kernel and a page per simulation
# cost about 5 s each. Each cell shows one simulation as its lesson does.
CELLS = {
    "stakeholders": 'from uprkit.widgets.stakeholders import show\nshow(state_under_review="KEN")',
    "workbench": "from uprkit.widgets.workbench import show\nshow()",
    "treaty": "from uprkit.widgets.treaty_reporting import show\n"
    'show(state="KEN", in_force={"CEDAW": "1984-04-08", "CRC": "1990-09-02"})',
    "dialogue": "from uprkit.widgets.dialogue import show\n"
    'show(state_under_review="KEN", registered=80, seed=1, session=49)',
}


@pytest.fixture(scope="module")
def page(lab_server, chromium):
    """A page showing ``layout/simulations.ipynb`` (the cells above and BROKEN below), run."""
    from playwright.sync_api import expect

    base, token, _log, root = lab_server
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in [*CELLS.values(), BROKEN]]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, root / "layout" / "simulations.ipynb")
    page = chromium.new_page(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    try:
        open_notebook(page, base, token, "layout/simulations.ipynb")
        run_all_cells(page)
        # Run All ends on the last cell: wait for it (BROKEN) before the tests look around
        expect(page.locator(".uprkit-broken")).to_be_attached(timeout=120_000)
        yield page
    finally:
        page.close()


def reveal(page, selector: str):
    """The element ``selector``, after scrolling the notebook until its cell is on the page
    (JupyterLab takes cells far from the view out of the page)."""
    scroller = page.locator(".jp-WindowedPanel-outer").first
    scroller.evaluate("el => { el.scrollTop = 0; }")
    for _ in range(120):
        if page.locator(selector).count():
            element = page.locator(selector).first
            element.scroll_into_view_if_needed()
            return element
        scroller.evaluate("el => el.scrollBy(0, 400)")
        page.wait_for_timeout(100)
    raise AssertionError(f"{selector} is not in the notebook")


def problems_at(page, selector: str, width: int, height: int) -> list[str]:
    """What layout_checks.js and the raw-text check find on ``selector`` at one window size."""
    from playwright.sync_api import expect

    root = page.locator(selector).first
    page.set_viewport_size({"width": width, "height": height})
    expect(root).to_be_visible()
    page.wait_for_timeout(300)  # JupyterLab lays the panels out again after a resize
    root.scroll_into_view_if_needed()
    found = [f"{width}×{height}: {p}" for p in root.evaluate(LAYOUT_CHECKS)]
    raw = sorted(set(RAW.findall(root.evaluate("el => el.innerText"))))
    if raw:
        found.append(f"{width}×{height}: raw values shown to the participant: {raw}")
    return found


def assert_looks_right(page, selector: str, name: str, *, scroll_to: str | None = None) -> None:
    """At each size: the layout checks pass on ``selector``; a screenshot is saved, the window
    scrolled to the simulation's top (or to ``scroll_to`` inside it)."""
    problems = []
    root = page.locator(selector).first
    for width, height in SIZES:
        problems += problems_at(page, selector, width, height)
        # what the participant sees: the window, the simulation scrolled to its top
        shown = root.locator(scroll_to).first if scroll_to else root
        shown.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
        page.screenshot(path=str(screenshots_dir() / f"{name}-{width}x{height}.png"))
    assert not problems, "\n".join(problems)


def test_stakeholder_map_looks_right(page):
    from playwright.sync_api import expect

    view = reveal(page, ".uprkit-stakeholders")
    expect(view.locator("img").nth(1)).to_be_visible(timeout=60_000)
    view.locator("button", has_text="Rank").click()
    expect(view.locator(".uprkit-shortlist")).to_be_visible(timeout=30_000)
    assert_looks_right(page, ".uprkit-stakeholders", "stakeholder-map")
    assert_looks_right(page, ".uprkit-stakeholders", "stakeholder-figures", scroll_to="img")


def test_workbench_looks_right(page):
    from playwright.sync_api import expect

    view = reveal(page, ".uprkit-workbench")
    expect(view).to_be_visible(timeout=60_000)
    view.locator("textarea").fill(
        "Ratify the Optional Protocol to the Convention against Torture by 2027."
    )
    view.locator("button", has_text="Check").click()
    expect(view.locator(".uprkit-feedback")).to_be_visible(timeout=30_000)
    assert_looks_right(page, ".uprkit-workbench", "workbench")


def test_treaty_calendar_looks_right(page):
    from playwright.sync_api import expect

    view = reveal(page, ".uprkit-treaty-calendar")
    expect(view).to_be_visible(timeout=60_000)
    view.locator("button", has_text="Build").click()
    view.locator("button", has_text="Draw").click()
    expect(view.locator("img")).to_be_visible(timeout=60_000)
    assert_looks_right(page, ".uprkit-treaty-calendar", "treaty-calendar")


def test_dialogue_looks_right(page):
    from playwright.sync_api import expect

    view = reveal(page, ".uprkit-dialogue")
    view.locator("button", has_text="Start").click()
    expect(view.locator(".uprkit-current")).to_contain_text("Recommendation 1", timeout=30_000)
    assert_looks_right(page, ".uprkit-dialogue", "dialogue-start")
    view.locator("button", has_text="report").click()
    expect(view.locator(".uprkit-report")).to_be_visible(timeout=30_000)
    assert_looks_right(page, ".uprkit-dialogue", "dialogue-report", scroll_to=".uprkit-counts")


# What the simulations showed before (issue 14): the checks must see each of these.
BROKEN = """
import io
import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

def png(width):
    figure = Figure(figsize=(width, 4))
    figure.add_subplot().plot([1, 2])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()

table = pd.DataFrame({"sur_supported_share": [float("nan")], "on_issue_to_sur": [1]})
view = widgets.VBox([
    widgets.HBox([widgets.Dropdown(options=["Ministry of Foreign Affairs (Kenya)"],
                                   description="Actor"),
                  widgets.IntSlider(description="Power"), widgets.IntSlider(description="Interest"),
                  widgets.Button(description="Update the map")]),
    widgets.Button(description="Show the draft report"),
    widgets.HBox([widgets.Image(value=png(6.5)), widgets.Image(value=png(7))]),
    widgets.HTML(table.to_html(index=False)),
])
view.add_class("uprkit-broken")
view
"""


def test_the_checks_see_what_issue_14_saw(page):
    """Truncated button and dropdown, figures side by side past the edge, NaN and raw names."""
    from playwright.sync_api import expect

    expect(reveal(page, ".uprkit-broken").locator("img").nth(1)).to_be_visible(timeout=60_000)
    found = "\n".join(problems_at(page, ".uprkit-broken", *SIZES[1]))
    assert '"Show the draft report" is truncated' in found, found
    assert 'dropdown choice "Ministry of Foreign Affairs (Kenya)" is truncated' in found, found
    assert "sticks out of the output area" in found, found
    assert "NaN" in found and "sur_supported_share" in found, found
